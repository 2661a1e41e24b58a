# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'cohortdialog.ui'
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
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QSpacerItem, QTableView, QVBoxLayout,
    QWidget)

class Ui_CohortDialog(object):
    def setupUi(self, CohortDialog):
        if not CohortDialog.objectName():
            CohortDialog.setObjectName(u"CohortDialog")
        CohortDialog.resize(1180, 720)
        self.verticalLayout = QVBoxLayout(CohortDialog)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.introLabel = QLabel(CohortDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.verticalLayout.addWidget(self.introLabel)

        self.filterForm = QFormLayout()
        self.filterForm.setObjectName(u"filterForm")
        self.filterForm.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.fromEditLabel = QLabel(CohortDialog)
        self.fromEditLabel.setObjectName(u"fromEditLabel")

        self.filterForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.fromEditLabel)

        self.fromEdit = QLineEdit(CohortDialog)
        self.fromEdit.setObjectName(u"fromEdit")
        self.fromEdit.setMaxLength(10)

        self.filterForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.fromEdit)

        self.toEditLabel = QLabel(CohortDialog)
        self.toEditLabel.setObjectName(u"toEditLabel")

        self.filterForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.toEditLabel)

        self.toEdit = QLineEdit(CohortDialog)
        self.toEdit.setObjectName(u"toEdit")
        self.toEdit.setMaxLength(10)

        self.filterForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.toEdit)

        self.clinicianComboLabel = QLabel(CohortDialog)
        self.clinicianComboLabel.setObjectName(u"clinicianComboLabel")

        self.filterForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.clinicianComboLabel)

        self.clinicianCombo = QComboBox(CohortDialog)
        self.clinicianCombo.setObjectName(u"clinicianCombo")
        self.clinicianCombo.setEditable(False)

        self.filterForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.clinicianCombo)


        self.verticalLayout.addLayout(self.filterForm)

        self.countsLabel = QLabel(CohortDialog)
        self.countsLabel.setObjectName(u"countsLabel")
        self.countsLabel.setWordWrap(True)

        self.verticalLayout.addWidget(self.countsLabel)

        self.rowsTable = QTableView(CohortDialog)
        self.rowsTable.setObjectName(u"rowsTable")
        self.rowsTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.rowsTable.setAlternatingRowColors(True)
        self.rowsTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.rowsTable.setWordWrap(False)

        self.verticalLayout.addWidget(self.rowsTable)

        self.caveatLabel = QLabel(CohortDialog)
        self.caveatLabel.setObjectName(u"caveatLabel")
        self.caveatLabel.setWordWrap(True)

        self.verticalLayout.addWidget(self.caveatLabel)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.updateButton = QPushButton(CohortDialog)
        self.updateButton.setObjectName(u"updateButton")

        self.buttonRow.addWidget(self.updateButton)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)

        self.pdfButton = QPushButton(CohortDialog)
        self.pdfButton.setObjectName(u"pdfButton")

        self.buttonRow.addWidget(self.pdfButton)

        self.buttonBox = QDialogButtonBox(CohortDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Close)

        self.buttonRow.addWidget(self.buttonBox)


        self.verticalLayout.addLayout(self.buttonRow)

#if QT_CONFIG(shortcut)
        self.fromEditLabel.setBuddy(self.fromEdit)
        self.toEditLabel.setBuddy(self.toEdit)
        self.clinicianComboLabel.setBuddy(self.clinicianCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(CohortDialog)

        QMetaObject.connectSlotsByName(CohortDialog)
    # setupUi

    def retranslateUi(self, CohortDialog):
        CohortDialog.setWindowTitle(QCoreApplication.translate("CohortDialog", u"Cohort view \u2014 MASH results by arm", None))
        self.introLabel.setText(QCoreApplication.translate("CohortDialog", u"The clinic's MASH episodes by arm: for each measure and follow-up, the episodes with a baseline and that timepoint, their mean change with 95% CI (none below n = 3), how many reached the minimal important change, attendance, and the trial's registry means.", None))
        self.fromEditLabel.setText(QCoreApplication.translate("CohortDialog", u"Episodes starting &from", None))
        self.fromEdit.setPlaceholderText(QCoreApplication.translate("CohortDialog", u"YYYY-MM-DD (empty: any date)", None))
        self.toEditLabel.setText(QCoreApplication.translate("CohortDialog", u"Episodes starting &to", None))
        self.toEdit.setPlaceholderText(QCoreApplication.translate("CohortDialog", u"YYYY-MM-DD (empty: any date)", None))
        self.clinicianComboLabel.setText(QCoreApplication.translate("CohortDialog", u"&Clinician", None))
        self.countsLabel.setText("")
#if QT_CONFIG(accessibility)
        self.rowsTable.setAccessibleName(QCoreApplication.translate("CohortDialog", u"Cohort results by arm and measure", None))
#endif // QT_CONFIG(accessibility)
        self.caveatLabel.setText("")
        self.updateButton.setText(QCoreApplication.translate("CohortDialog", u"&Update", None))
        self.pdfButton.setText(QCoreApplication.translate("CohortDialog", u"&Preview PDF with graphs\u2026", None))
    # retranslateUi

