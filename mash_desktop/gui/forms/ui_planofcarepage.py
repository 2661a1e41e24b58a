# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'planofcarepage.ui'
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
from PySide6.QtWidgets import (QApplication, QFormLayout, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QPushButton, QSizePolicy,
    QSpacerItem, QTableWidget, QTableWidgetItem, QVBoxLayout,
    QWidget)

class Ui_PlanOfCarePage(object):
    def setupUi(self, PlanOfCarePage):
        if not PlanOfCarePage.objectName():
            PlanOfCarePage.setObjectName(u"PlanOfCarePage")
        PlanOfCarePage.resize(900, 520)
        self.pageLayout = QVBoxLayout(PlanOfCarePage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.columns = QHBoxLayout()
        self.columns.setObjectName(u"columns")
        self.doseForm = QFormLayout()
        self.doseForm.setObjectName(u"doseForm")
        self.doseForm.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.medicalIcdEditLabel = QLabel(PlanOfCarePage)
        self.medicalIcdEditLabel.setObjectName(u"medicalIcdEditLabel")

        self.doseForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.medicalIcdEditLabel)

        self.medicalIcdEdit = QLineEdit(PlanOfCarePage)
        self.medicalIcdEdit.setObjectName(u"medicalIcdEdit")
        self.medicalIcdEdit.setMaxLength(10)

        self.doseForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.medicalIcdEdit)

        self.medicalTextEditLabel = QLabel(PlanOfCarePage)
        self.medicalTextEditLabel.setObjectName(u"medicalTextEditLabel")

        self.doseForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.medicalTextEditLabel)

        self.medicalTextEdit = QLineEdit(PlanOfCarePage)
        self.medicalTextEdit.setObjectName(u"medicalTextEdit")

        self.doseForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.medicalTextEdit)

        self.minutesEditLabel = QLabel(PlanOfCarePage)
        self.minutesEditLabel.setObjectName(u"minutesEditLabel")

        self.doseForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.minutesEditLabel)

        self.minutesEdit = QLineEdit(PlanOfCarePage)
        self.minutesEdit.setObjectName(u"minutesEdit")

        self.doseForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.minutesEdit)

        self.perDayEditLabel = QLabel(PlanOfCarePage)
        self.perDayEditLabel.setObjectName(u"perDayEditLabel")

        self.doseForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.perDayEditLabel)

        self.perDayEdit = QLineEdit(PlanOfCarePage)
        self.perDayEdit.setObjectName(u"perDayEdit")

        self.doseForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.perDayEdit)

        self.perWeekEditLabel = QLabel(PlanOfCarePage)
        self.perWeekEditLabel.setObjectName(u"perWeekEditLabel")

        self.doseForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.perWeekEditLabel)

        self.perWeekEdit = QLineEdit(PlanOfCarePage)
        self.perWeekEdit.setObjectName(u"perWeekEdit")

        self.doseForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.perWeekEdit)

        self.weeksEditLabel = QLabel(PlanOfCarePage)
        self.weeksEditLabel.setObjectName(u"weeksEditLabel")

        self.doseForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.weeksEditLabel)

        self.weeksEdit = QLineEdit(PlanOfCarePage)
        self.weeksEdit.setObjectName(u"weeksEdit")

        self.doseForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.weeksEdit)

        self.hepTimesEditLabel = QLabel(PlanOfCarePage)
        self.hepTimesEditLabel.setObjectName(u"hepTimesEditLabel")

        self.doseForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.hepTimesEditLabel)

        self.hepTimesEdit = QLineEdit(PlanOfCarePage)
        self.hepTimesEdit.setObjectName(u"hepTimesEdit")

        self.doseForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.hepTimesEdit)

        self.hepDaysEditLabel = QLabel(PlanOfCarePage)
        self.hepDaysEditLabel.setObjectName(u"hepDaysEditLabel")

        self.doseForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.hepDaysEditLabel)

        self.hepDaysEdit = QLineEdit(PlanOfCarePage)
        self.hepDaysEdit.setObjectName(u"hepDaysEdit")

        self.doseForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.hepDaysEdit)

        self.hepNotesEditLabel = QLabel(PlanOfCarePage)
        self.hepNotesEditLabel.setObjectName(u"hepNotesEditLabel")

        self.doseForm.setWidget(8, QFormLayout.ItemRole.LabelRole, self.hepNotesEditLabel)

        self.hepNotesEdit = QLineEdit(PlanOfCarePage)
        self.hepNotesEdit.setObjectName(u"hepNotesEdit")

        self.doseForm.setWidget(8, QFormLayout.ItemRole.FieldRole, self.hepNotesEdit)

        self.hepExerciseTableLabel = QLabel(PlanOfCarePage)
        self.hepExerciseTableLabel.setObjectName(u"hepExerciseTableLabel")

        self.doseForm.setWidget(9, QFormLayout.ItemRole.LabelRole, self.hepExerciseTableLabel)

        self.hepExerciseTable = QTableWidget(PlanOfCarePage)
        self.hepExerciseTable.setObjectName(u"hepExerciseTable")
        self.hepExerciseTable.setMaximumSize(QSize(16777215, 120))

        self.doseForm.setWidget(9, QFormLayout.ItemRole.FieldRole, self.hepExerciseTable)


        self.columns.addLayout(self.doseForm)

        self.certForm = QFormLayout()
        self.certForm.setObjectName(u"certForm")
        self.certForm.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.physicianEditLabel = QLabel(PlanOfCarePage)
        self.physicianEditLabel.setObjectName(u"physicianEditLabel")

        self.certForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.physicianEditLabel)

        self.physicianEdit = QLineEdit(PlanOfCarePage)
        self.physicianEdit.setObjectName(u"physicianEdit")

        self.certForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.physicianEdit)

        self.npiEditLabel = QLabel(PlanOfCarePage)
        self.npiEditLabel.setObjectName(u"npiEditLabel")

        self.certForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.npiEditLabel)

        self.npiEdit = QLineEdit(PlanOfCarePage)
        self.npiEdit.setObjectName(u"npiEdit")
        self.npiEdit.setMaxLength(10)

        self.certForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.npiEdit)

        self.sentEditLabel = QLabel(PlanOfCarePage)
        self.sentEditLabel.setObjectName(u"sentEditLabel")

        self.certForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.sentEditLabel)

        self.sentEdit = QLineEdit(PlanOfCarePage)
        self.sentEdit.setObjectName(u"sentEdit")

        self.certForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.sentEdit)

        self.signedEditLabel = QLabel(PlanOfCarePage)
        self.signedEditLabel.setObjectName(u"signedEditLabel")

        self.certForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.signedEditLabel)

        self.signedEdit = QLineEdit(PlanOfCarePage)
        self.signedEdit.setObjectName(u"signedEdit")

        self.certForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.signedEdit)

        self.verbalEditLabel = QLabel(PlanOfCarePage)
        self.verbalEditLabel.setObjectName(u"verbalEditLabel")

        self.certForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.verbalEditLabel)

        self.verbalEdit = QLineEdit(PlanOfCarePage)
        self.verbalEdit.setObjectName(u"verbalEdit")

        self.certForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.verbalEdit)

        self.overlapEditLabel = QLabel(PlanOfCarePage)
        self.overlapEditLabel.setObjectName(u"overlapEditLabel")

        self.certForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.overlapEditLabel)

        self.overlapEdit = QLineEdit(PlanOfCarePage)
        self.overlapEdit.setObjectName(u"overlapEdit")

        self.certForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.overlapEdit)


        self.columns.addLayout(self.certForm)


        self.pageLayout.addLayout(self.columns)

        self.goalsLabel = QLabel(PlanOfCarePage)
        self.goalsLabel.setObjectName(u"goalsLabel")
        self.goalsLabel.setWordWrap(True)

        self.pageLayout.addWidget(self.goalsLabel)

        self.goalTable = QTableWidget(PlanOfCarePage)
        self.goalTable.setObjectName(u"goalTable")

        self.pageLayout.addWidget(self.goalTable)

        self.goalButtons = QHBoxLayout()
        self.goalButtons.setObjectName(u"goalButtons")
        self.addGoalButton = QPushButton(PlanOfCarePage)
        self.addGoalButton.setObjectName(u"addGoalButton")

        self.goalButtons.addWidget(self.addGoalButton)

        self.removeGoalButton = QPushButton(PlanOfCarePage)
        self.removeGoalButton.setObjectName(u"removeGoalButton")

        self.goalButtons.addWidget(self.removeGoalButton)

        self.goalSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.goalButtons.addItem(self.goalSpacer)


        self.pageLayout.addLayout(self.goalButtons)

#if QT_CONFIG(shortcut)
        self.medicalIcdEditLabel.setBuddy(self.medicalIcdEdit)
        self.medicalTextEditLabel.setBuddy(self.medicalTextEdit)
        self.minutesEditLabel.setBuddy(self.minutesEdit)
        self.perDayEditLabel.setBuddy(self.perDayEdit)
        self.perWeekEditLabel.setBuddy(self.perWeekEdit)
        self.weeksEditLabel.setBuddy(self.weeksEdit)
        self.hepTimesEditLabel.setBuddy(self.hepTimesEdit)
        self.hepDaysEditLabel.setBuddy(self.hepDaysEdit)
        self.hepNotesEditLabel.setBuddy(self.hepNotesEdit)
        self.hepExerciseTableLabel.setBuddy(self.hepExerciseTable)
        self.physicianEditLabel.setBuddy(self.physicianEdit)
        self.npiEditLabel.setBuddy(self.npiEdit)
        self.sentEditLabel.setBuddy(self.sentEdit)
        self.signedEditLabel.setBuddy(self.signedEdit)
        self.verbalEditLabel.setBuddy(self.verbalEdit)
        self.overlapEditLabel.setBuddy(self.overlapEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(PlanOfCarePage)

        QMetaObject.connectSlotsByName(PlanOfCarePage)
    # setupUi

    def retranslateUi(self, PlanOfCarePage):
        self.medicalIcdEditLabel.setText(QCoreApplication.translate("PlanOfCarePage", u"Medical diagnosis ICD-10", None))
        self.medicalIcdEdit.setPlaceholderText(QCoreApplication.translate("PlanOfCarePage", u"e.g. M16.11", None))
        self.medicalTextEditLabel.setText(QCoreApplication.translate("PlanOfCarePage", u"Medical diagnosis", None))
        self.minutesEditLabel.setText(QCoreApplication.translate("PlanOfCarePage", u"Session minutes", None))
        self.minutesEdit.setPlaceholderText(QCoreApplication.translate("PlanOfCarePage", u"60", None))
        self.perDayEditLabel.setText(QCoreApplication.translate("PlanOfCarePage", u"Sessions a day", None))
        self.perDayEdit.setPlaceholderText(QCoreApplication.translate("PlanOfCarePage", u"1", None))
        self.perWeekEditLabel.setText(QCoreApplication.translate("PlanOfCarePage", u"Sessions a week", None))
        self.perWeekEdit.setPlaceholderText(QCoreApplication.translate("PlanOfCarePage", u"2", None))
        self.weeksEditLabel.setText(QCoreApplication.translate("PlanOfCarePage", u"Duration (weeks)", None))
        self.weeksEdit.setPlaceholderText(QCoreApplication.translate("PlanOfCarePage", u"8", None))
        self.hepTimesEditLabel.setText(QCoreApplication.translate("PlanOfCarePage", u"Home program, times a day", None))
        self.hepTimesEdit.setPlaceholderText(QCoreApplication.translate("PlanOfCarePage", u"1", None))
        self.hepDaysEditLabel.setText(QCoreApplication.translate("PlanOfCarePage", u"Home program, days a week", None))
        self.hepDaysEdit.setPlaceholderText(QCoreApplication.translate("PlanOfCarePage", u"e.g. 5", None))
        self.hepNotesEditLabel.setText(QCoreApplication.translate("PlanOfCarePage", u"Home program notes", None))
        self.hepExerciseTableLabel.setText(QCoreApplication.translate("PlanOfCarePage", u"Home exercises with\n"
"their own frequency", None))
#if QT_CONFIG(tooltip)
        self.hepExerciseTable.setToolTip(QCoreApplication.translate("PlanOfCarePage", u"Leave an exercise blank to follow the program's frequency above", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.hepExerciseTable.setAccessibleName(QCoreApplication.translate("PlanOfCarePage", u"Home exercises with their own frequency", None))
#endif // QT_CONFIG(accessibility)
        self.physicianEditLabel.setText(QCoreApplication.translate("PlanOfCarePage", u"Certifying physician", None))
        self.npiEditLabel.setText(QCoreApplication.translate("PlanOfCarePage", u"NPI", None))
        self.npiEdit.setPlaceholderText(QCoreApplication.translate("PlanOfCarePage", u"10 digits, when known", None))
        self.sentEditLabel.setText(QCoreApplication.translate("PlanOfCarePage", u"Plan sent on", None))
        self.sentEdit.setPlaceholderText(QCoreApplication.translate("PlanOfCarePage", u"YYYY-MM-DD", None))
        self.signedEditLabel.setText(QCoreApplication.translate("PlanOfCarePage", u"Physician signed on", None))
        self.signedEdit.setPlaceholderText(QCoreApplication.translate("PlanOfCarePage", u"YYYY-MM-DD", None))
        self.verbalEditLabel.setText(QCoreApplication.translate("PlanOfCarePage", u"Verbal order on", None))
        self.verbalEdit.setPlaceholderText(QCoreApplication.translate("PlanOfCarePage", u"YYYY-MM-DD (signature due in 14 days)", None))
        self.overlapEditLabel.setText(QCoreApplication.translate("PlanOfCarePage", u"Reason for a second open episode", None))
        self.goalsLabel.setText(QCoreApplication.translate("PlanOfCarePage", u"Goals (long-term for the episode; short-term on the way). A goal with a measure needs its target; the baseline comes from the baseline measurement when left empty.", None))
#if QT_CONFIG(accessibility)
        self.goalTable.setAccessibleName(QCoreApplication.translate("PlanOfCarePage", u"Goals", None))
#endif // QT_CONFIG(accessibility)
        self.addGoalButton.setText(QCoreApplication.translate("PlanOfCarePage", u"Add &goal", None))
        self.removeGoalButton.setText(QCoreApplication.translate("PlanOfCarePage", u"Remove goal", None))
        pass
    # retranslateUi

