# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'episodedialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QHeaderView,
    QLabel, QLineEdit, QPlainTextEdit, QSizePolicy,
    QTabWidget, QTableWidget, QTableWidgetItem, QVBoxLayout,
    QWidget)

class Ui_EpisodeDialog(object):
    def setupUi(self, EpisodeDialog):
        if not EpisodeDialog.objectName():
            EpisodeDialog.setObjectName(u"EpisodeDialog")
        EpisodeDialog.resize(560, 640)
        self.verticalLayout = QVBoxLayout(EpisodeDialog)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.tabs = QTabWidget(EpisodeDialog)
        self.tabs.setObjectName(u"tabs")
        self.planPage = QWidget()
        self.planPage.setObjectName(u"planPage")
        self.planForm = QFormLayout(self.planPage)
        self.planForm.setObjectName(u"planForm")
        self.planForm.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.startEditLabel = QLabel(self.planPage)
        self.startEditLabel.setObjectName(u"startEditLabel")

        self.planForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.startEditLabel)

        self.startEdit = QLineEdit(self.planPage)
        self.startEdit.setObjectName(u"startEdit")

        self.planForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.startEdit)

        self.icdEditLabel = QLabel(self.planPage)
        self.icdEditLabel.setObjectName(u"icdEditLabel")

        self.planForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.icdEditLabel)

        self.icdEdit = QLineEdit(self.planPage)
        self.icdEdit.setObjectName(u"icdEdit")
        self.icdEdit.setMaxLength(10)

        self.planForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.icdEdit)

        self.diagnosisEditLabel = QLabel(self.planPage)
        self.diagnosisEditLabel.setObjectName(u"diagnosisEditLabel")

        self.planForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.diagnosisEditLabel)

        self.diagnosisEdit = QLineEdit(self.planPage)
        self.diagnosisEdit.setObjectName(u"diagnosisEdit")

        self.planForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.diagnosisEdit)

        self.regionEditLabel = QLabel(self.planPage)
        self.regionEditLabel.setObjectName(u"regionEditLabel")

        self.planForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.regionEditLabel)

        self.regionEdit = QLineEdit(self.planPage)
        self.regionEdit.setObjectName(u"regionEdit")
        self.regionEdit.setMaxLength(40)

        self.planForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.regionEdit)

        self.armComboLabel = QLabel(self.planPage)
        self.armComboLabel.setObjectName(u"armComboLabel")

        self.planForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.armComboLabel)

        self.armCombo = QComboBox(self.planPage)
        self.armCombo.setObjectName(u"armCombo")
        self.armCombo.setEditable(False)

        self.planForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.armCombo)

        self.plannedEditLabel = QLabel(self.planPage)
        self.plannedEditLabel.setObjectName(u"plannedEditLabel")

        self.planForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.plannedEditLabel)

        self.plannedEdit = QLineEdit(self.planPage)
        self.plannedEdit.setObjectName(u"plannedEdit")

        self.planForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.plannedEdit)

        self.frequencyEditLabel = QLabel(self.planPage)
        self.frequencyEditLabel.setObjectName(u"frequencyEditLabel")

        self.planForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.frequencyEditLabel)

        self.frequencyEdit = QLineEdit(self.planPage)
        self.frequencyEdit.setObjectName(u"frequencyEdit")
        self.frequencyEdit.setMaxLength(60)

        self.planForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.frequencyEdit)

        self.certStartEditLabel = QLabel(self.planPage)
        self.certStartEditLabel.setObjectName(u"certStartEditLabel")

        self.planForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.certStartEditLabel)

        self.certStartEdit = QLineEdit(self.planPage)
        self.certStartEdit.setObjectName(u"certStartEdit")

        self.planForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.certStartEdit)

        self.certEndEditLabel = QLabel(self.planPage)
        self.certEndEditLabel.setObjectName(u"certEndEditLabel")

        self.planForm.setWidget(8, QFormLayout.ItemRole.LabelRole, self.certEndEditLabel)

        self.certEndEdit = QLineEdit(self.planPage)
        self.certEndEdit.setObjectName(u"certEndEdit")

        self.planForm.setWidget(8, QFormLayout.ItemRole.FieldRole, self.certEndEdit)

        self.statusComboLabel = QLabel(self.planPage)
        self.statusComboLabel.setObjectName(u"statusComboLabel")

        self.planForm.setWidget(9, QFormLayout.ItemRole.LabelRole, self.statusComboLabel)

        self.statusCombo = QComboBox(self.planPage)
        self.statusCombo.setObjectName(u"statusCombo")
        self.statusCombo.setEditable(False)

        self.planForm.setWidget(9, QFormLayout.ItemRole.FieldRole, self.statusCombo)

        self.dischargeDateEditLabel = QLabel(self.planPage)
        self.dischargeDateEditLabel.setObjectName(u"dischargeDateEditLabel")

        self.planForm.setWidget(10, QFormLayout.ItemRole.LabelRole, self.dischargeDateEditLabel)

        self.dischargeDateEdit = QLineEdit(self.planPage)
        self.dischargeDateEdit.setObjectName(u"dischargeDateEdit")

        self.planForm.setWidget(10, QFormLayout.ItemRole.FieldRole, self.dischargeDateEdit)

        self.dischargeKindComboLabel = QLabel(self.planPage)
        self.dischargeKindComboLabel.setObjectName(u"dischargeKindComboLabel")

        self.planForm.setWidget(11, QFormLayout.ItemRole.LabelRole, self.dischargeKindComboLabel)

        self.dischargeKindCombo = QComboBox(self.planPage)
        self.dischargeKindCombo.setObjectName(u"dischargeKindCombo")
        self.dischargeKindCombo.setEditable(False)

        self.planForm.setWidget(11, QFormLayout.ItemRole.FieldRole, self.dischargeKindCombo)

        self.dischargeReasonEditLabel = QLabel(self.planPage)
        self.dischargeReasonEditLabel.setObjectName(u"dischargeReasonEditLabel")

        self.planForm.setWidget(12, QFormLayout.ItemRole.LabelRole, self.dischargeReasonEditLabel)

        self.dischargeReasonEdit = QPlainTextEdit(self.planPage)
        self.dischargeReasonEdit.setObjectName(u"dischargeReasonEdit")
        self.dischargeReasonEdit.setMaximumSize(QSize(16777215, 50))
        self.dischargeReasonEdit.setTabChangesFocus(True)

        self.planForm.setWidget(12, QFormLayout.ItemRole.FieldRole, self.dischargeReasonEdit)

        self.recommendationsEditLabel = QLabel(self.planPage)
        self.recommendationsEditLabel.setObjectName(u"recommendationsEditLabel")

        self.planForm.setWidget(13, QFormLayout.ItemRole.LabelRole, self.recommendationsEditLabel)

        self.recommendationsEdit = QPlainTextEdit(self.planPage)
        self.recommendationsEdit.setObjectName(u"recommendationsEdit")
        self.recommendationsEdit.setMaximumSize(QSize(16777215, 60))
        self.recommendationsEdit.setTabChangesFocus(True)

        self.planForm.setWidget(13, QFormLayout.ItemRole.FieldRole, self.recommendationsEdit)

        self.tabs.addTab(self.planPage, "")
        self.screenPage = QWidget()
        self.screenPage.setObjectName(u"screenPage")
        self.screenLayout = QVBoxLayout(self.screenPage)
        self.screenLayout.setObjectName(u"screenLayout")
        self.screenForm = QFormLayout()
        self.screenForm.setObjectName(u"screenForm")
        self.screenForm.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.screenedOnEditLabel = QLabel(self.screenPage)
        self.screenedOnEditLabel.setObjectName(u"screenedOnEditLabel")

        self.screenForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.screenedOnEditLabel)

        self.screenedOnEdit = QLineEdit(self.screenPage)
        self.screenedOnEdit.setObjectName(u"screenedOnEdit")

        self.screenForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.screenedOnEdit)

        self.lbpMonthsEditLabel = QLabel(self.screenPage)
        self.lbpMonthsEditLabel.setObjectName(u"lbpMonthsEditLabel")

        self.screenForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.lbpMonthsEditLabel)

        self.lbpMonthsEdit = QLineEdit(self.screenPage)
        self.lbpMonthsEdit.setObjectName(u"lbpMonthsEdit")

        self.screenForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.lbpMonthsEdit)

        self.halfDaysComboLabel = QLabel(self.screenPage)
        self.halfDaysComboLabel.setObjectName(u"halfDaysComboLabel")

        self.screenForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.halfDaysComboLabel)

        self.halfDaysCombo = QComboBox(self.screenPage)
        self.halfDaysCombo.setObjectName(u"halfDaysCombo")
        self.halfDaysCombo.setEditable(False)

        self.screenForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.halfDaysCombo)

        self.lbpIntensityEditLabel = QLabel(self.screenPage)
        self.lbpIntensityEditLabel.setObjectName(u"lbpIntensityEditLabel")

        self.screenForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.lbpIntensityEditLabel)

        self.lbpIntensityEdit = QLineEdit(self.screenPage)
        self.lbpIntensityEdit.setObjectName(u"lbpIntensityEdit")

        self.screenForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.lbpIntensityEdit)

        self.weightEditLabel = QLabel(self.screenPage)
        self.weightEditLabel.setObjectName(u"weightEditLabel")

        self.screenForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.weightEditLabel)

        self.weightEdit = QLineEdit(self.screenPage)
        self.weightEdit.setObjectName(u"weightEdit")

        self.screenForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.weightEdit)

        self.irLeftEditLabel = QLabel(self.screenPage)
        self.irLeftEditLabel.setObjectName(u"irLeftEditLabel")

        self.screenForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.irLeftEditLabel)

        self.irLeftEdit = QLineEdit(self.screenPage)
        self.irLeftEdit.setObjectName(u"irLeftEdit")

        self.screenForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.irLeftEdit)

        self.irRightEditLabel = QLabel(self.screenPage)
        self.irRightEditLabel.setObjectName(u"irRightEditLabel")

        self.screenForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.irRightEditLabel)

        self.irRightEdit = QLineEdit(self.screenPage)
        self.irRightEdit.setObjectName(u"irRightEdit")

        self.screenForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.irRightEdit)

        self.irUnitComboLabel = QLabel(self.screenPage)
        self.irUnitComboLabel.setObjectName(u"irUnitComboLabel")

        self.screenForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.irUnitComboLabel)

        self.irUnitCombo = QComboBox(self.screenPage)
        self.irUnitCombo.setObjectName(u"irUnitCombo")
        self.irUnitCombo.setEditable(False)

        self.screenForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.irUnitCombo)

        self.hoosEditLabel = QLabel(self.screenPage)
        self.hoosEditLabel.setObjectName(u"hoosEditLabel")

        self.screenForm.setWidget(8, QFormLayout.ItemRole.LabelRole, self.hoosEditLabel)

        self.hoosEdit = QLineEdit(self.screenPage)
        self.hoosEdit.setObjectName(u"hoosEdit")

        self.screenForm.setWidget(8, QFormLayout.ItemRole.FieldRole, self.hoosEdit)


        self.screenLayout.addLayout(self.screenForm)

        self.overallLabel = QLabel(self.screenPage)
        self.overallLabel.setObjectName(u"overallLabel")

        self.screenLayout.addWidget(self.overallLabel)

        self.screenTable = QTableWidget(self.screenPage)
        self.screenTable.setObjectName(u"screenTable")
        self.screenTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.screenTable.setSelectionMode(QAbstractItemView.NoSelection)

        self.screenLayout.addWidget(self.screenTable)

        self.tabs.addTab(self.screenPage, "")

        self.verticalLayout.addWidget(self.tabs)

        self.buttonBox = QDialogButtonBox(EpisodeDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.verticalLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.startEditLabel.setBuddy(self.startEdit)
        self.icdEditLabel.setBuddy(self.icdEdit)
        self.diagnosisEditLabel.setBuddy(self.diagnosisEdit)
        self.regionEditLabel.setBuddy(self.regionEdit)
        self.armComboLabel.setBuddy(self.armCombo)
        self.plannedEditLabel.setBuddy(self.plannedEdit)
        self.frequencyEditLabel.setBuddy(self.frequencyEdit)
        self.certStartEditLabel.setBuddy(self.certStartEdit)
        self.certEndEditLabel.setBuddy(self.certEndEdit)
        self.statusComboLabel.setBuddy(self.statusCombo)
        self.dischargeDateEditLabel.setBuddy(self.dischargeDateEdit)
        self.dischargeKindComboLabel.setBuddy(self.dischargeKindCombo)
        self.dischargeReasonEditLabel.setBuddy(self.dischargeReasonEdit)
        self.recommendationsEditLabel.setBuddy(self.recommendationsEdit)
        self.screenedOnEditLabel.setBuddy(self.screenedOnEdit)
        self.lbpMonthsEditLabel.setBuddy(self.lbpMonthsEdit)
        self.halfDaysComboLabel.setBuddy(self.halfDaysCombo)
        self.lbpIntensityEditLabel.setBuddy(self.lbpIntensityEdit)
        self.weightEditLabel.setBuddy(self.weightEdit)
        self.irLeftEditLabel.setBuddy(self.irLeftEdit)
        self.irRightEditLabel.setBuddy(self.irRightEdit)
        self.irUnitComboLabel.setBuddy(self.irUnitCombo)
        self.hoosEditLabel.setBuddy(self.hoosEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(EpisodeDialog)

        QMetaObject.connectSlotsByName(EpisodeDialog)
    # setupUi

    def retranslateUi(self, EpisodeDialog):
        EpisodeDialog.setWindowTitle(QCoreApplication.translate("EpisodeDialog", u"Episode of care", None))
#if QT_CONFIG(accessibility)
        self.planPage.setAccessibleName(QCoreApplication.translate("EpisodeDialog", u"Plan of care", None))
#endif // QT_CONFIG(accessibility)
        self.startEditLabel.setText(QCoreApplication.translate("EpisodeDialog", u"&Start date", None))
        self.startEdit.setPlaceholderText(QCoreApplication.translate("EpisodeDialog", u"YYYY-MM-DD", None))
        self.icdEditLabel.setText(QCoreApplication.translate("EpisodeDialog", u"&ICD-10 code", None))
        self.icdEdit.setPlaceholderText(QCoreApplication.translate("EpisodeDialog", u"e.g. M54.50", None))
        self.diagnosisEditLabel.setText(QCoreApplication.translate("EpisodeDialog", u"&Diagnosis", None))
        self.diagnosisEdit.setPlaceholderText(QCoreApplication.translate("EpisodeDialog", u"Referral diagnosis", None))
        self.regionEditLabel.setText(QCoreApplication.translate("EpisodeDialog", u"Body &region", None))
        self.armComboLabel.setText(QCoreApplication.translate("EpisodeDialog", u"MASH &arm", None))
        self.plannedEditLabel.setText(QCoreApplication.translate("EpisodeDialog", u"&Planned visits", None))
        self.plannedEdit.setPlaceholderText(QCoreApplication.translate("EpisodeDialog", u"16", None))
        self.frequencyEditLabel.setText(QCoreApplication.translate("EpisodeDialog", u"&Frequency", None))
        self.frequencyEdit.setPlaceholderText(QCoreApplication.translate("EpisodeDialog", u"2x/week for 8 weeks", None))
        self.certStartEditLabel.setText(QCoreApplication.translate("EpisodeDialog", u"&Certified from", None))
        self.certStartEdit.setPlaceholderText(QCoreApplication.translate("EpisodeDialog", u"YYYY-MM-DD", None))
        self.certEndEditLabel.setText(QCoreApplication.translate("EpisodeDialog", u"Certified &to", None))
        self.certEndEdit.setPlaceholderText(QCoreApplication.translate("EpisodeDialog", u"YYYY-MM-DD (at most 90 days)", None))
        self.statusComboLabel.setText(QCoreApplication.translate("EpisodeDialog", u"S&tatus", None))
        self.dischargeDateEditLabel.setText(QCoreApplication.translate("EpisodeDialog", u"Dis&charge date", None))
        self.dischargeDateEdit.setPlaceholderText(QCoreApplication.translate("EpisodeDialog", u"YYYY-MM-DD", None))
        self.dischargeKindComboLabel.setText(QCoreApplication.translate("EpisodeDialog", u"Discharge o&utcome", None))
#if QT_CONFIG(tooltip)
        self.dischargeKindCombo.setToolTip(QCoreApplication.translate("EpisodeDialog", u"\"Goals met\" needs every long-term goal marked met", None))
#endif // QT_CONFIG(tooltip)
        self.dischargeReasonEditLabel.setText(QCoreApplication.translate("EpisodeDialog", u"Discharge reas&on", None))
        self.recommendationsEditLabel.setText(QCoreApplication.translate("EpisodeDialog", u"Recommendatio&ns", None))
        self.recommendationsEdit.setPlaceholderText(QCoreApplication.translate("EpisodeDialog", u"Home program, follow-up", None))
        self.tabs.setTabText(self.tabs.indexOf(self.planPage), QCoreApplication.translate("EpisodeDialog", u"Plan of care", None))
        self.screenedOnEditLabel.setText(QCoreApplication.translate("EpisodeDialog", u"Screened on", None))
        self.screenedOnEdit.setPlaceholderText(QCoreApplication.translate("EpisodeDialog", u"YYYY-MM-DD", None))
        self.lbpMonthsEditLabel.setText(QCoreApplication.translate("EpisodeDialog", u"LBP duration (months)", None))
        self.lbpMonthsEdit.setPlaceholderText(QCoreApplication.translate("EpisodeDialog", u"e.g. 24", None))
        self.halfDaysComboLabel.setText(QCoreApplication.translate("EpisodeDialog", u"LBP on at least half the days, past 6 months", None))
        self.lbpIntensityEditLabel.setText(QCoreApplication.translate("EpisodeDialog", u"LBP intensity now (NPRS 0-10)", None))
        self.lbpIntensityEdit.setPlaceholderText(QCoreApplication.translate("EpisodeDialog", u"0-10", None))
        self.weightEditLabel.setText(QCoreApplication.translate("EpisodeDialog", u"Body weight (kg)", None))
        self.weightEdit.setPlaceholderText(QCoreApplication.translate("EpisodeDialog", u"kg", None))
        self.irLeftEditLabel.setText(QCoreApplication.translate("EpisodeDialog", u"Hip IR strength, left", None))
        self.irLeftEdit.setPlaceholderText(QCoreApplication.translate("EpisodeDialog", u"dynamometer value", None))
        self.irRightEditLabel.setText(QCoreApplication.translate("EpisodeDialog", u"Hip IR strength, right", None))
        self.irRightEdit.setPlaceholderText(QCoreApplication.translate("EpisodeDialog", u"dynamometer value", None))
        self.irUnitComboLabel.setText(QCoreApplication.translate("EpisodeDialog", u"Dynamometer unit", None))
        self.hoosEditLabel.setText(QCoreApplication.translate("EpisodeDialog", u"HOOS P4-P8 (0-4 each)", None))
        self.hoosEdit.setPlaceholderText(QCoreApplication.translate("EpisodeDialog", u"five digits, e.g. 2 1 3 2 1", None))
        self.overallLabel.setText("")
#if QT_CONFIG(accessibility)
        self.screenTable.setAccessibleName(QCoreApplication.translate("EpisodeDialog", u"MASH eligibility criteria", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.screenPage), QCoreApplication.translate("EpisodeDialog", u"MASH eligibility screen", None))
    # retranslateUi

