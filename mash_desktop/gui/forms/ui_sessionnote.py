# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'sessionnote.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDialog,
    QFormLayout, QFrame, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPlainTextEdit, QPushButton, QRadioButton, QSizePolicy,
    QSpacerItem, QTabWidget, QTableView, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_SessionNoteDialog(object):
    def setupUi(self, SessionNoteDialog):
        if not SessionNoteDialog.objectName():
            SessionNoteDialog.setObjectName(u"SessionNoteDialog")
        SessionNoteDialog.resize(1100, 720)
        self.verticalLayout = QVBoxLayout(SessionNoteDialog)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.topLayout = QHBoxLayout()
        self.topLayout.setObjectName(u"topLayout")
        self.visitForm = QFormLayout()
        self.visitForm.setObjectName(u"visitForm")
        self.visitForm.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.dateEditLabel = QLabel(SessionNoteDialog)
        self.dateEditLabel.setObjectName(u"dateEditLabel")

        self.visitForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.dateEditLabel)

        self.dateEdit = QLineEdit(SessionNoteDialog)
        self.dateEdit.setObjectName(u"dateEdit")

        self.visitForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.dateEdit)

        self.timeEditLabel = QLabel(SessionNoteDialog)
        self.timeEditLabel.setObjectName(u"timeEditLabel")

        self.visitForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.timeEditLabel)

        self.timeEdit = QLineEdit(SessionNoteDialog)
        self.timeEdit.setObjectName(u"timeEdit")

        self.visitForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.timeEdit)

        self.statusComboLabel = QLabel(SessionNoteDialog)
        self.statusComboLabel.setObjectName(u"statusComboLabel")

        self.visitForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.statusComboLabel)

        self.statusCombo = QComboBox(SessionNoteDialog)
        self.statusCombo.setObjectName(u"statusCombo")
        self.statusCombo.setEditable(False)

        self.visitForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.statusCombo)

        self.reasonEditLabel = QLabel(SessionNoteDialog)
        self.reasonEditLabel.setObjectName(u"reasonEditLabel")

        self.visitForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.reasonEditLabel)

        self.reasonEdit = QLineEdit(SessionNoteDialog)
        self.reasonEdit.setObjectName(u"reasonEdit")

        self.visitForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.reasonEdit)

        self.minutesEditLabel = QLabel(SessionNoteDialog)
        self.minutesEditLabel.setObjectName(u"minutesEditLabel")

        self.visitForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.minutesEditLabel)

        self.minutesEdit = QLineEdit(SessionNoteDialog)
        self.minutesEdit.setObjectName(u"minutesEdit")

        self.visitForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.minutesEdit)

        self.noteTypeComboLabel = QLabel(SessionNoteDialog)
        self.noteTypeComboLabel.setObjectName(u"noteTypeComboLabel")

        self.visitForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.noteTypeComboLabel)

        self.noteTypeCombo = QComboBox(SessionNoteDialog)
        self.noteTypeCombo.setObjectName(u"noteTypeCombo")
        self.noteTypeCombo.setEditable(False)

        self.visitForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.noteTypeCombo)

        self.aeScreenLabel = QLabel(SessionNoteDialog)
        self.aeScreenLabel.setObjectName(u"aeScreenLabel")

        self.visitForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.aeScreenLabel)

        self.aeScreenBox = QWidget(SessionNoteDialog)
        self.aeScreenBox.setObjectName(u"aeScreenBox")
        self.aeScreenLayout = QHBoxLayout(self.aeScreenBox)
        self.aeScreenLayout.setObjectName(u"aeScreenLayout")
        self.aeScreenLayout.setContentsMargins(0, 0, 0, 0)
        self.aeNoRadio = QRadioButton(self.aeScreenBox)
        self.aeNoRadio.setObjectName(u"aeNoRadio")

        self.aeScreenLayout.addWidget(self.aeNoRadio)

        self.aeYesRadio = QRadioButton(self.aeScreenBox)
        self.aeYesRadio.setObjectName(u"aeYesRadio")

        self.aeScreenLayout.addWidget(self.aeYesRadio)

        self.aeScreenSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.aeScreenLayout.addItem(self.aeScreenSpacer)


        self.visitForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.aeScreenBox)


        self.topLayout.addLayout(self.visitForm)

        self.painForm = QFormLayout()
        self.painForm.setObjectName(u"painForm")
        self.painForm.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.backPreEditLabel = QLabel(SessionNoteDialog)
        self.backPreEditLabel.setObjectName(u"backPreEditLabel")

        self.painForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.backPreEditLabel)

        self.backPreEdit = QLineEdit(SessionNoteDialog)
        self.backPreEdit.setObjectName(u"backPreEdit")

        self.painForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.backPreEdit)

        self.backPostEditLabel = QLabel(SessionNoteDialog)
        self.backPostEditLabel.setObjectName(u"backPostEditLabel")

        self.painForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.backPostEditLabel)

        self.backPostEdit = QLineEdit(SessionNoteDialog)
        self.backPostEdit.setObjectName(u"backPostEdit")

        self.painForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.backPostEdit)

        self.hipPreEditLabel = QLabel(SessionNoteDialog)
        self.hipPreEditLabel.setObjectName(u"hipPreEditLabel")

        self.painForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.hipPreEditLabel)

        self.hipPreEdit = QLineEdit(SessionNoteDialog)
        self.hipPreEdit.setObjectName(u"hipPreEdit")

        self.painForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.hipPreEdit)

        self.hipPostEditLabel = QLabel(SessionNoteDialog)
        self.hipPostEditLabel.setObjectName(u"hipPostEditLabel")

        self.painForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.hipPostEditLabel)

        self.hipPostEdit = QLineEdit(SessionNoteDialog)
        self.hipPostEdit.setObjectName(u"hipPostEdit")

        self.painForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.hipPostEdit)


        self.topLayout.addLayout(self.painForm)


        self.verticalLayout.addLayout(self.topLayout)

        self.suggestionFrame = QFrame(SessionNoteDialog)
        self.suggestionFrame.setObjectName(u"suggestionFrame")
        self.suggestionFrame.setFrameShape(QFrame.StyledPanel)
        self.suggestionLayout = QHBoxLayout(self.suggestionFrame)
        self.suggestionLayout.setObjectName(u"suggestionLayout")
        self.suggestionLabel = QLabel(self.suggestionFrame)
        self.suggestionLabel.setObjectName(u"suggestionLabel")
        self.suggestionLabel.setWordWrap(True)

        self.suggestionLayout.addWidget(self.suggestionLabel)

        self.acceptButton = QPushButton(self.suggestionFrame)
        self.acceptButton.setObjectName(u"acceptButton")

        self.suggestionLayout.addWidget(self.acceptButton)


        self.verticalLayout.addWidget(self.suggestionFrame)

        self.noteTabs = QTabWidget(SessionNoteDialog)
        self.noteTabs.setObjectName(u"noteTabs")
        self.exercisePage = QWidget()
        self.exercisePage.setObjectName(u"exercisePage")
        self.exercisePageLayout = QVBoxLayout(self.exercisePage)
        self.exercisePageLayout.setObjectName(u"exercisePageLayout")
        self.exerciseTable = QTableView(self.exercisePage)
        self.exerciseTable.setObjectName(u"exerciseTable")

        self.exercisePageLayout.addWidget(self.exerciseTable)

        self.exercisePageButtons = QHBoxLayout()
        self.exercisePageButtons.setObjectName(u"exercisePageButtons")
        self.exerciseAdd = QPushButton(self.exercisePage)
        self.exerciseAdd.setObjectName(u"exerciseAdd")

        self.exercisePageButtons.addWidget(self.exerciseAdd)

        self.exerciseRemove = QPushButton(self.exercisePage)
        self.exerciseRemove.setObjectName(u"exerciseRemove")

        self.exercisePageButtons.addWidget(self.exerciseRemove)

        self.exercisePageSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.exercisePageButtons.addItem(self.exercisePageSpacer)


        self.exercisePageLayout.addLayout(self.exercisePageButtons)

        self.noteTabs.addTab(self.exercisePage, "")
        self.manualPage = QWidget()
        self.manualPage.setObjectName(u"manualPage")
        self.manualPageLayout = QVBoxLayout(self.manualPage)
        self.manualPageLayout.setObjectName(u"manualPageLayout")
        self.manualTable = QTableView(self.manualPage)
        self.manualTable.setObjectName(u"manualTable")

        self.manualPageLayout.addWidget(self.manualTable)

        self.manualPageButtons = QHBoxLayout()
        self.manualPageButtons.setObjectName(u"manualPageButtons")
        self.manualAdd = QPushButton(self.manualPage)
        self.manualAdd.setObjectName(u"manualAdd")

        self.manualPageButtons.addWidget(self.manualAdd)

        self.manualRemove = QPushButton(self.manualPage)
        self.manualRemove.setObjectName(u"manualRemove")

        self.manualPageButtons.addWidget(self.manualRemove)

        self.manualPageSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.manualPageButtons.addItem(self.manualPageSpacer)


        self.manualPageLayout.addLayout(self.manualPageButtons)

        self.noteTabs.addTab(self.manualPage, "")
        self.educationPage = QWidget()
        self.educationPage.setObjectName(u"educationPage")
        self.eduLayout = QVBoxLayout(self.educationPage)
        self.eduLayout.setObjectName(u"eduLayout")
        self.educationList = QListWidget(self.educationPage)
        self.educationList.setObjectName(u"educationList")

        self.eduLayout.addWidget(self.educationList)

        self.noteTabs.addTab(self.educationPage, "")
        self.billingPage = QWidget()
        self.billingPage.setObjectName(u"billingPage")
        self.billLayout = QVBoxLayout(self.billingPage)
        self.billLayout.setObjectName(u"billLayout")
        self.billingTable = QTableWidget(self.billingPage)
        self.billingTable.setObjectName(u"billingTable")

        self.billLayout.addWidget(self.billingTable)

        self.unitsLabel = QLabel(self.billingPage)
        self.unitsLabel.setObjectName(u"unitsLabel")

        self.billLayout.addWidget(self.unitsLabel)

        self.noteTabs.addTab(self.billingPage, "")
        self.adversePage = QWidget()
        self.adversePage.setObjectName(u"adversePage")
        self.aeForm = QFormLayout(self.adversePage)
        self.aeForm.setObjectName(u"aeForm")
        self.aeForm.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.aeCheckLabel = QLabel(self.adversePage)
        self.aeCheckLabel.setObjectName(u"aeCheckLabel")

        self.aeForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.aeCheckLabel)

        self.aeCheck = QCheckBox(self.adversePage)
        self.aeCheck.setObjectName(u"aeCheck")

        self.aeForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.aeCheck)

        self.aeDescriptionEditLabel = QLabel(self.adversePage)
        self.aeDescriptionEditLabel.setObjectName(u"aeDescriptionEditLabel")

        self.aeForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.aeDescriptionEditLabel)

        self.aeDescriptionEdit = QPlainTextEdit(self.adversePage)
        self.aeDescriptionEdit.setObjectName(u"aeDescriptionEdit")
        self.aeDescriptionEdit.setMaximumSize(QSize(16777215, 60))
        self.aeDescriptionEdit.setTabChangesFocus(True)

        self.aeForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.aeDescriptionEdit)

        self.aeSeriousCheckLabel = QLabel(self.adversePage)
        self.aeSeriousCheckLabel.setObjectName(u"aeSeriousCheckLabel")

        self.aeForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.aeSeriousCheckLabel)

        self.aeSeriousCheck = QCheckBox(self.adversePage)
        self.aeSeriousCheck.setObjectName(u"aeSeriousCheck")

        self.aeForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.aeSeriousCheck)

        self.aeRelatedComboLabel = QLabel(self.adversePage)
        self.aeRelatedComboLabel.setObjectName(u"aeRelatedComboLabel")

        self.aeForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.aeRelatedComboLabel)

        self.aeRelatedCombo = QComboBox(self.adversePage)
        self.aeRelatedCombo.setObjectName(u"aeRelatedCombo")
        self.aeRelatedCombo.setEditable(False)

        self.aeForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.aeRelatedCombo)

        self.aeActionEditLabel = QLabel(self.adversePage)
        self.aeActionEditLabel.setObjectName(u"aeActionEditLabel")

        self.aeForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.aeActionEditLabel)

        self.aeActionEdit = QPlainTextEdit(self.adversePage)
        self.aeActionEdit.setObjectName(u"aeActionEdit")
        self.aeActionEdit.setMaximumSize(QSize(16777215, 50))
        self.aeActionEdit.setTabChangesFocus(True)

        self.aeForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.aeActionEdit)

        self.noteTabs.addTab(self.adversePage, "")
        self.notesPage = QWidget()
        self.notesPage.setObjectName(u"notesPage")
        self.notesForm = QFormLayout(self.notesPage)
        self.notesForm.setObjectName(u"notesForm")
        self.subjLabel = QLabel(self.notesPage)
        self.subjLabel.setObjectName(u"subjLabel")

        self.notesForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.subjLabel)

        self.subjectiveEdit = QPlainTextEdit(self.notesPage)
        self.subjectiveEdit.setObjectName(u"subjectiveEdit")
        self.subjectiveEdit.setMaximumSize(QSize(16777215, 90))
        self.subjectiveEdit.setTabChangesFocus(True)

        self.notesForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.subjectiveEdit)

        self.assessLabel = QLabel(self.notesPage)
        self.assessLabel.setObjectName(u"assessLabel")

        self.notesForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.assessLabel)

        self.assessmentEdit = QPlainTextEdit(self.notesPage)
        self.assessmentEdit.setObjectName(u"assessmentEdit")
        self.assessmentEdit.setMaximumSize(QSize(16777215, 90))
        self.assessmentEdit.setTabChangesFocus(True)

        self.notesForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.assessmentEdit)

        self.planLabel = QLabel(self.notesPage)
        self.planLabel.setObjectName(u"planLabel")

        self.notesForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.planLabel)

        self.planEdit = QPlainTextEdit(self.notesPage)
        self.planEdit.setObjectName(u"planEdit")
        self.planEdit.setMaximumSize(QSize(16777215, 90))
        self.planEdit.setTabChangesFocus(True)

        self.notesForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.planEdit)

        self.phrasesLabel = QLabel(self.notesPage)
        self.phrasesLabel.setObjectName(u"phrasesLabel")
        self.phrasesLabel.setWordWrap(True)

        self.notesForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.phrasesLabel)

        self.noteTabs.addTab(self.notesPage, "")

        self.verticalLayout.addWidget(self.noteTabs)

        self.checklistLabel = QLabel(SessionNoteDialog)
        self.checklistLabel.setObjectName(u"checklistLabel")

        self.verticalLayout.addWidget(self.checklistLabel)

        self.checklistList = QListWidget(SessionNoteDialog)
        self.checklistList.setObjectName(u"checklistList")
        self.checklistList.setMaximumSize(QSize(16777215, 96))

        self.verticalLayout.addWidget(self.checklistList)

        self.buttonLayout = QHBoxLayout()
        self.buttonLayout.setObjectName(u"buttonLayout")
        self.signedLabel = QLabel(SessionNoteDialog)
        self.signedLabel.setObjectName(u"signedLabel")
        self.signedLabel.setWordWrap(True)

        self.buttonLayout.addWidget(self.signedLabel)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonLayout.addItem(self.buttonSpacer)

        self.checkButton = QPushButton(SessionNoteDialog)
        self.checkButton.setObjectName(u"checkButton")

        self.buttonLayout.addWidget(self.checkButton)

        self.saveButton = QPushButton(SessionNoteDialog)
        self.saveButton.setObjectName(u"saveButton")

        self.buttonLayout.addWidget(self.saveButton)

        self.signButton = QPushButton(SessionNoteDialog)
        self.signButton.setObjectName(u"signButton")

        self.buttonLayout.addWidget(self.signButton)

        self.cancelButton = QPushButton(SessionNoteDialog)
        self.cancelButton.setObjectName(u"cancelButton")

        self.buttonLayout.addWidget(self.cancelButton)


        self.verticalLayout.addLayout(self.buttonLayout)

#if QT_CONFIG(shortcut)
        self.dateEditLabel.setBuddy(self.dateEdit)
        self.timeEditLabel.setBuddy(self.timeEdit)
        self.statusComboLabel.setBuddy(self.statusCombo)
        self.reasonEditLabel.setBuddy(self.reasonEdit)
        self.minutesEditLabel.setBuddy(self.minutesEdit)
        self.noteTypeComboLabel.setBuddy(self.noteTypeCombo)
        self.backPreEditLabel.setBuddy(self.backPreEdit)
        self.backPostEditLabel.setBuddy(self.backPostEdit)
        self.hipPreEditLabel.setBuddy(self.hipPreEdit)
        self.hipPostEditLabel.setBuddy(self.hipPostEdit)
        self.aeCheckLabel.setBuddy(self.aeCheck)
        self.aeDescriptionEditLabel.setBuddy(self.aeDescriptionEdit)
        self.aeSeriousCheckLabel.setBuddy(self.aeSeriousCheck)
        self.aeRelatedComboLabel.setBuddy(self.aeRelatedCombo)
        self.aeActionEditLabel.setBuddy(self.aeActionEdit)
        self.checklistLabel.setBuddy(self.checklistList)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SessionNoteDialog)

        QMetaObject.connectSlotsByName(SessionNoteDialog)
    # setupUi

    def retranslateUi(self, SessionNoteDialog):
        SessionNoteDialog.setWindowTitle(QCoreApplication.translate("SessionNoteDialog", u"Session note", None))
        self.dateEditLabel.setText(QCoreApplication.translate("SessionNoteDialog", u"&Date", None))
        self.dateEdit.setPlaceholderText(QCoreApplication.translate("SessionNoteDialog", u"YYYY-MM-DD", None))
        self.timeEditLabel.setText(QCoreApplication.translate("SessionNoteDialog", u"Start &time", None))
        self.timeEdit.setPlaceholderText(QCoreApplication.translate("SessionNoteDialog", u"HH:MM", None))
        self.statusComboLabel.setText(QCoreApplication.translate("SessionNoteDialog", u"&Status", None))
        self.reasonEditLabel.setText(QCoreApplication.translate("SessionNoteDialog", u"Reason (cancel / no-show)", None))
        self.minutesEditLabel.setText(QCoreApplication.translate("SessionNoteDialog", u"Total &minutes", None))
        self.minutesEdit.setPlaceholderText(QCoreApplication.translate("SessionNoteDialog", u"60", None))
        self.noteTypeComboLabel.setText(QCoreApplication.translate("SessionNoteDialog", u"Note t&ype", None))
        self.aeScreenLabel.setText(QCoreApplication.translate("SessionNoteDialog", u"Adverse event since last visit", None))
        self.aeNoRadio.setText(QCoreApplication.translate("SessionNoteDialog", u"&No", None))
        self.aeYesRadio.setText(QCoreApplication.translate("SessionNoteDialog", u"Yes (record it)", None))
        self.backPreEditLabel.setText(QCoreApplication.translate("SessionNoteDialog", u"&Back pain before (0-10)", None))
        self.backPreEdit.setPlaceholderText(QCoreApplication.translate("SessionNoteDialog", u"0-10", None))
        self.backPostEditLabel.setText(QCoreApplication.translate("SessionNoteDialog", u"Back pain a&fter", None))
        self.backPostEdit.setPlaceholderText(QCoreApplication.translate("SessionNoteDialog", u"0-10", None))
        self.hipPreEditLabel.setText(QCoreApplication.translate("SessionNoteDialog", u"&Hip pain before", None))
        self.hipPreEdit.setPlaceholderText(QCoreApplication.translate("SessionNoteDialog", u"0-10", None))
        self.hipPostEditLabel.setText(QCoreApplication.translate("SessionNoteDialog", u"Hip pain aft&er", None))
        self.hipPostEdit.setPlaceholderText(QCoreApplication.translate("SessionNoteDialog", u"0-10", None))
        self.suggestionLabel.setText("")
        self.acceptButton.setText(QCoreApplication.translate("SessionNoteDialog", u"&Accept suggestions", None))
#if QT_CONFIG(accessibility)
        self.exerciseTable.setAccessibleName(QCoreApplication.translate("SessionNoteDialog", u"Exercises and their doses", None))
#endif // QT_CONFIG(accessibility)
        self.exerciseAdd.setText(QCoreApplication.translate("SessionNoteDialog", u"Add exercise", None))
        self.exerciseRemove.setText(QCoreApplication.translate("SessionNoteDialog", u"Remove row", None))
        self.noteTabs.setTabText(self.noteTabs.indexOf(self.exercisePage), QCoreApplication.translate("SessionNoteDialog", u"Exercises", None))
#if QT_CONFIG(accessibility)
        self.manualTable.setAccessibleName(QCoreApplication.translate("SessionNoteDialog", u"Manual therapy techniques and their doses", None))
#endif // QT_CONFIG(accessibility)
        self.manualAdd.setText(QCoreApplication.translate("SessionNoteDialog", u"Add technique", None))
        self.manualRemove.setText(QCoreApplication.translate("SessionNoteDialog", u"Remove row", None))
        self.noteTabs.setTabText(self.noteTabs.indexOf(self.manualPage), QCoreApplication.translate("SessionNoteDialog", u"Manual therapy", None))
#if QT_CONFIG(accessibility)
        self.educationList.setAccessibleName(QCoreApplication.translate("SessionNoteDialog", u"Education topics", None))
#endif // QT_CONFIG(accessibility)
        self.noteTabs.setTabText(self.noteTabs.indexOf(self.educationPage), QCoreApplication.translate("SessionNoteDialog", u"Education", None))
#if QT_CONFIG(accessibility)
        self.billingTable.setAccessibleName(QCoreApplication.translate("SessionNoteDialog", u"Minutes per billing code", None))
#endif // QT_CONFIG(accessibility)
        self.unitsLabel.setText("")
        self.noteTabs.setTabText(self.noteTabs.indexOf(self.billingPage), QCoreApplication.translate("SessionNoteDialog", u"Billing", None))
        self.aeCheckLabel.setText(QCoreApplication.translate("SessionNoteDialog", u"Adverse event this visit", None))
        self.aeCheck.setText(QCoreApplication.translate("SessionNoteDialog", u"yes \u2014 record it", None))
        self.aeDescriptionEditLabel.setText(QCoreApplication.translate("SessionNoteDialog", u"Description", None))
        self.aeSeriousCheckLabel.setText(QCoreApplication.translate("SessionNoteDialog", u"Serious", None))
        self.aeSeriousCheck.setText(QCoreApplication.translate("SessionNoteDialog", u"serious adverse event", None))
        self.aeRelatedComboLabel.setText(QCoreApplication.translate("SessionNoteDialog", u"Relatedness", None))
        self.aeActionEditLabel.setText(QCoreApplication.translate("SessionNoteDialog", u"Action taken", None))
        self.noteTabs.setTabText(self.noteTabs.indexOf(self.adversePage), QCoreApplication.translate("SessionNoteDialog", u"Adverse event screen", None))
        self.subjLabel.setText(QCoreApplication.translate("SessionNoteDialog", u"Subjective", None))
#if QT_CONFIG(accessibility)
        self.subjectiveEdit.setAccessibleName(QCoreApplication.translate("SessionNoteDialog", u"Subjective", None))
#endif // QT_CONFIG(accessibility)
        self.assessLabel.setText(QCoreApplication.translate("SessionNoteDialog", u"Assessment", None))
#if QT_CONFIG(accessibility)
        self.assessmentEdit.setAccessibleName(QCoreApplication.translate("SessionNoteDialog", u"Assessment", None))
#endif // QT_CONFIG(accessibility)
        self.planLabel.setText(QCoreApplication.translate("SessionNoteDialog", u"Plan", None))
#if QT_CONFIG(accessibility)
        self.planEdit.setAccessibleName(QCoreApplication.translate("SessionNoteDialog", u"Plan", None))
#endif // QT_CONFIG(accessibility)
        self.phrasesLabel.setText("")
        self.noteTabs.setTabText(self.noteTabs.indexOf(self.notesPage), QCoreApplication.translate("SessionNoteDialog", u"Subjective / assessment / plan", None))
        self.checklistLabel.setText(QCoreApplication.translate("SessionNoteDialog", u"Before signing", None))
        self.signedLabel.setText("")
        self.checkButton.setText(QCoreApplication.translate("SessionNoteDialog", u"&Check", None))
        self.saveButton.setText(QCoreApplication.translate("SessionNoteDialog", u"&Save draft", None))
        self.signButton.setText(QCoreApplication.translate("SessionNoteDialog", u"Save and si&gn", None))
        self.cancelButton.setText(QCoreApplication.translate("SessionNoteDialog", u"Cancel", None))
    # retranslateUi

