# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'evaluationpage.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPlainTextEdit,
    QPushButton, QSizePolicy, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget)

class Ui_EvaluationPage(object):
    def setupUi(self, EvaluationPage):
        if not EvaluationPage.objectName():
            EvaluationPage.setObjectName(u"EvaluationPage")
        EvaluationPage.resize(1000, 420)
        self.evaluationLayout = QHBoxLayout(EvaluationPage)
        self.evaluationLayout.setObjectName(u"evaluationLayout")
        self.screenColumn = QVBoxLayout()
        self.screenColumn.setObjectName(u"screenColumn")
        self.screenLabel = QLabel(EvaluationPage)
        self.screenLabel.setObjectName(u"screenLabel")

        self.screenColumn.addWidget(self.screenLabel)

        self.screenTable = QTableWidget(EvaluationPage)
        self.screenTable.setObjectName(u"screenTable")

        self.screenColumn.addWidget(self.screenTable)

        self.screenButtons = QHBoxLayout()
        self.screenButtons.setObjectName(u"screenButtons")
        self.allNoButton = QPushButton(EvaluationPage)
        self.allNoButton.setObjectName(u"allNoButton")

        self.screenButtons.addWidget(self.allNoButton)

        self.screenResultLabel = QLabel(EvaluationPage)
        self.screenResultLabel.setObjectName(u"screenResultLabel")
        self.screenResultLabel.setWordWrap(True)

        self.screenButtons.addWidget(self.screenResultLabel)


        self.screenColumn.addLayout(self.screenButtons)


        self.evaluationLayout.addLayout(self.screenColumn)

        self.measureColumn = QVBoxLayout()
        self.measureColumn.setObjectName(u"measureColumn")
        self.weightForm = QFormLayout()
        self.weightForm.setObjectName(u"weightForm")
        self.bodyWeightEditLabel = QLabel(EvaluationPage)
        self.bodyWeightEditLabel.setObjectName(u"bodyWeightEditLabel")

        self.weightForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.bodyWeightEditLabel)

        self.bodyWeightEdit = QLineEdit(EvaluationPage)
        self.bodyWeightEdit.setObjectName(u"bodyWeightEdit")

        self.weightForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.bodyWeightEdit)


        self.measureColumn.addLayout(self.weightForm)

        self.strengthLabel = QLabel(EvaluationPage)
        self.strengthLabel.setObjectName(u"strengthLabel")

        self.measureColumn.addWidget(self.strengthLabel)

        self.strengthTable = QTableWidget(EvaluationPage)
        self.strengthTable.setObjectName(u"strengthTable")

        self.measureColumn.addWidget(self.strengthTable)

        self.romLabel = QLabel(EvaluationPage)
        self.romLabel.setObjectName(u"romLabel")

        self.measureColumn.addWidget(self.romLabel)

        self.romTable = QTableWidget(EvaluationPage)
        self.romTable.setObjectName(u"romTable")

        self.measureColumn.addWidget(self.romTable)


        self.evaluationLayout.addLayout(self.measureColumn)

        self.findingsForm = QFormLayout()
        self.findingsForm.setObjectName(u"findingsForm")
        self.systemsReviewEditLabel = QLabel(EvaluationPage)
        self.systemsReviewEditLabel.setObjectName(u"systemsReviewEditLabel")

        self.findingsForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.systemsReviewEditLabel)

        self.systemsReviewEdit = QPlainTextEdit(EvaluationPage)
        self.systemsReviewEdit.setObjectName(u"systemsReviewEdit")
        self.systemsReviewEdit.setTabChangesFocus(True)

        self.findingsForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.systemsReviewEdit)

        self.impairmentsEditLabel = QLabel(EvaluationPage)
        self.impairmentsEditLabel.setObjectName(u"impairmentsEditLabel")

        self.findingsForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.impairmentsEditLabel)

        self.impairmentsEdit = QPlainTextEdit(EvaluationPage)
        self.impairmentsEdit.setObjectName(u"impairmentsEdit")
        self.impairmentsEdit.setTabChangesFocus(True)

        self.findingsForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.impairmentsEdit)

        self.rehabComboLabel = QLabel(EvaluationPage)
        self.rehabComboLabel.setObjectName(u"rehabComboLabel")

        self.findingsForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.rehabComboLabel)

        self.rehabCombo = QComboBox(EvaluationPage)
        self.rehabCombo.setObjectName(u"rehabCombo")

        self.findingsForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.rehabCombo)

        self.reasonEditLabel = QLabel(EvaluationPage)
        self.reasonEditLabel.setObjectName(u"reasonEditLabel")

        self.findingsForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.reasonEditLabel)

        self.reasonEdit = QPlainTextEdit(EvaluationPage)
        self.reasonEdit.setObjectName(u"reasonEdit")
        self.reasonEdit.setTabChangesFocus(True)

        self.findingsForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.reasonEdit)

        self.overrideEditLabel = QLabel(EvaluationPage)
        self.overrideEditLabel.setObjectName(u"overrideEditLabel")

        self.findingsForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.overrideEditLabel)

        self.overrideEdit = QPlainTextEdit(EvaluationPage)
        self.overrideEdit.setObjectName(u"overrideEdit")
        self.overrideEdit.setTabChangesFocus(True)

        self.findingsForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.overrideEdit)


        self.evaluationLayout.addLayout(self.findingsForm)

#if QT_CONFIG(shortcut)
        self.bodyWeightEditLabel.setBuddy(self.bodyWeightEdit)
        self.systemsReviewEditLabel.setBuddy(self.systemsReviewEdit)
        self.impairmentsEditLabel.setBuddy(self.impairmentsEdit)
        self.rehabComboLabel.setBuddy(self.rehabCombo)
        self.reasonEditLabel.setBuddy(self.reasonEdit)
        self.overrideEditLabel.setBuddy(self.overrideEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(EvaluationPage)

        QMetaObject.connectSlotsByName(EvaluationPage)
    # setupUi

    def retranslateUi(self, EvaluationPage):
        self.screenLabel.setText(QCoreApplication.translate("EvaluationPage", u"Exclusion and red-flag screen (MASH \u00a72.2) \u2014 answer each item", None))
#if QT_CONFIG(accessibility)
        self.screenTable.setAccessibleName(QCoreApplication.translate("EvaluationPage", u"Exclusion and red-flag screen", None))
#endif // QT_CONFIG(accessibility)
        self.allNoButton.setText(QCoreApplication.translate("EvaluationPage", u"All &no", None))
        self.screenResultLabel.setText("")
        self.bodyWeightEditLabel.setText(QCoreApplication.translate("EvaluationPage", u"Body &weight (kg)", None))
        self.bodyWeightEdit.setPlaceholderText(QCoreApplication.translate("EvaluationPage", u"kg", None))
        self.strengthLabel.setText(QCoreApplication.translate("EvaluationPage", u"Hip strength, hand-held dynamometer (kgf) and per kg body weight", None))
#if QT_CONFIG(accessibility)
        self.strengthTable.setAccessibleName(QCoreApplication.translate("EvaluationPage", u"Hip strength", None))
#endif // QT_CONFIG(accessibility)
        self.romLabel.setText(QCoreApplication.translate("EvaluationPage", u"Hip range of motion (degrees)", None))
#if QT_CONFIG(accessibility)
        self.romTable.setAccessibleName(QCoreApplication.translate("EvaluationPage", u"Hip range of motion", None))
#endif // QT_CONFIG(accessibility)
        self.systemsReviewEditLabel.setText(QCoreApplication.translate("EvaluationPage", u"Systems review", None))
        self.impairmentsEditLabel.setText(QCoreApplication.translate("EvaluationPage", u"Impairments", None))
        self.rehabComboLabel.setText(QCoreApplication.translate("EvaluationPage", u"Rehab potential", None))
        self.reasonEditLabel.setText(QCoreApplication.translate("EvaluationPage", u"Re-evaluation because", None))
        self.overrideEditLabel.setText(QCoreApplication.translate("EvaluationPage", u"MASH all the same &because", None))
#if QT_CONFIG(tooltip)
        self.overrideEdit.setToolTip(QCoreApplication.translate("EvaluationPage", u"An exclusion or red-flag item is present: why treating in the MASH program is still appropriate (or change the episode's arm to custom)", None))
#endif // QT_CONFIG(tooltip)
        pass
    # retranslateUi

