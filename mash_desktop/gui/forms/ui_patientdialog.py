# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'patientdialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget)

class Ui_PatientDialog(object):
    def setupUi(self, PatientDialog):
        if not PatientDialog.objectName():
            PatientDialog.setObjectName(u"PatientDialog")
        PatientDialog.resize(460, 520)
        self.verticalLayout = QVBoxLayout(PatientDialog)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.mrnEditLabel = QLabel(PatientDialog)
        self.mrnEditLabel.setObjectName(u"mrnEditLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.mrnEditLabel)

        self.mrnEdit = QLineEdit(PatientDialog)
        self.mrnEdit.setObjectName(u"mrnEdit")
        self.mrnEdit.setMaxLength(40)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.mrnEdit)

        self.firstNameEditLabel = QLabel(PatientDialog)
        self.firstNameEditLabel.setObjectName(u"firstNameEditLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.firstNameEditLabel)

        self.firstNameEdit = QLineEdit(PatientDialog)
        self.firstNameEdit.setObjectName(u"firstNameEdit")
        self.firstNameEdit.setMaxLength(100)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.firstNameEdit)

        self.lastNameEditLabel = QLabel(PatientDialog)
        self.lastNameEditLabel.setObjectName(u"lastNameEditLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.lastNameEditLabel)

        self.lastNameEdit = QLineEdit(PatientDialog)
        self.lastNameEdit.setObjectName(u"lastNameEdit")
        self.lastNameEdit.setMaxLength(100)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.lastNameEdit)

        self.dobEditLabel = QLabel(PatientDialog)
        self.dobEditLabel.setObjectName(u"dobEditLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.dobEditLabel)

        self.dobEdit = QLineEdit(PatientDialog)
        self.dobEdit.setObjectName(u"dobEdit")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.dobEdit)

        self.sexComboLabel = QLabel(PatientDialog)
        self.sexComboLabel.setObjectName(u"sexComboLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.sexComboLabel)

        self.sexCombo = QComboBox(PatientDialog)
        self.sexCombo.setObjectName(u"sexCombo")
        self.sexCombo.setEditable(False)

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.sexCombo)

        self.phoneEditLabel = QLabel(PatientDialog)
        self.phoneEditLabel.setObjectName(u"phoneEditLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.phoneEditLabel)

        self.phoneEdit = QLineEdit(PatientDialog)
        self.phoneEdit.setObjectName(u"phoneEdit")
        self.phoneEdit.setMaxLength(40)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.phoneEdit)

        self.emailEditLabel = QLabel(PatientDialog)
        self.emailEditLabel.setObjectName(u"emailEditLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.emailEditLabel)

        self.emailEdit = QLineEdit(PatientDialog)
        self.emailEdit.setObjectName(u"emailEdit")
        self.emailEdit.setMaxLength(200)

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.emailEdit)

        self.addressEditLabel = QLabel(PatientDialog)
        self.addressEditLabel.setObjectName(u"addressEditLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.addressEditLabel)

        self.addressEdit = QPlainTextEdit(PatientDialog)
        self.addressEdit.setObjectName(u"addressEdit")
        self.addressEdit.setMaximumSize(QSize(16777215, 56))
        self.addressEdit.setTabChangesFocus(True)

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.addressEdit)

        self.physicianEditLabel = QLabel(PatientDialog)
        self.physicianEditLabel.setObjectName(u"physicianEditLabel")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.physicianEditLabel)

        self.physicianEdit = QLineEdit(PatientDialog)
        self.physicianEdit.setObjectName(u"physicianEdit")

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.physicianEdit)

        self.payerComboLabel = QLabel(PatientDialog)
        self.payerComboLabel.setObjectName(u"payerComboLabel")

        self.form.setWidget(9, QFormLayout.ItemRole.LabelRole, self.payerComboLabel)

        self.payerCombo = QComboBox(PatientDialog)
        self.payerCombo.setObjectName(u"payerCombo")
        self.payerCombo.setEditable(True)

        self.form.setWidget(9, QFormLayout.ItemRole.FieldRole, self.payerCombo)

        self.memberIdEditLabel = QLabel(PatientDialog)
        self.memberIdEditLabel.setObjectName(u"memberIdEditLabel")

        self.form.setWidget(10, QFormLayout.ItemRole.LabelRole, self.memberIdEditLabel)

        self.memberIdEdit = QLineEdit(PatientDialog)
        self.memberIdEdit.setObjectName(u"memberIdEdit")
        self.memberIdEdit.setMaxLength(60)

        self.form.setWidget(10, QFormLayout.ItemRole.FieldRole, self.memberIdEdit)

        self.notesEditLabel = QLabel(PatientDialog)
        self.notesEditLabel.setObjectName(u"notesEditLabel")

        self.form.setWidget(11, QFormLayout.ItemRole.LabelRole, self.notesEditLabel)

        self.notesEdit = QPlainTextEdit(PatientDialog)
        self.notesEdit.setObjectName(u"notesEdit")
        self.notesEdit.setMaximumSize(QSize(16777215, 70))
        self.notesEdit.setTabChangesFocus(True)

        self.form.setWidget(11, QFormLayout.ItemRole.FieldRole, self.notesEdit)


        self.verticalLayout.addLayout(self.form)

        self.buttonBox = QDialogButtonBox(PatientDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.verticalLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.mrnEditLabel.setBuddy(self.mrnEdit)
        self.firstNameEditLabel.setBuddy(self.firstNameEdit)
        self.lastNameEditLabel.setBuddy(self.lastNameEdit)
        self.dobEditLabel.setBuddy(self.dobEdit)
        self.sexComboLabel.setBuddy(self.sexCombo)
        self.phoneEditLabel.setBuddy(self.phoneEdit)
        self.emailEditLabel.setBuddy(self.emailEdit)
        self.addressEditLabel.setBuddy(self.addressEdit)
        self.physicianEditLabel.setBuddy(self.physicianEdit)
        self.payerComboLabel.setBuddy(self.payerCombo)
        self.memberIdEditLabel.setBuddy(self.memberIdEdit)
        self.notesEditLabel.setBuddy(self.notesEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(PatientDialog)

        QMetaObject.connectSlotsByName(PatientDialog)
    # setupUi

    def retranslateUi(self, PatientDialog):
        PatientDialog.setWindowTitle(QCoreApplication.translate("PatientDialog", u"Patient", None))
        self.mrnEditLabel.setText(QCoreApplication.translate("PatientDialog", u"&MRN / chart no.", None))
        self.mrnEdit.setPlaceholderText(QCoreApplication.translate("PatientDialog", u"e.g. 100234", None))
        self.firstNameEditLabel.setText(QCoreApplication.translate("PatientDialog", u"&First name", None))
        self.lastNameEditLabel.setText(QCoreApplication.translate("PatientDialog", u"&Last name", None))
        self.dobEditLabel.setText(QCoreApplication.translate("PatientDialog", u"&Date of birth", None))
        self.dobEdit.setPlaceholderText(QCoreApplication.translate("PatientDialog", u"YYYY-MM-DD", None))
        self.sexComboLabel.setText(QCoreApplication.translate("PatientDialog", u"Se&x", None))
        self.phoneEditLabel.setText(QCoreApplication.translate("PatientDialog", u"&Phone", None))
        self.emailEditLabel.setText(QCoreApplication.translate("PatientDialog", u"&E-mail", None))
        self.addressEditLabel.setText(QCoreApplication.translate("PatientDialog", u"&Address", None))
        self.physicianEditLabel.setText(QCoreApplication.translate("PatientDialog", u"&Referring physician", None))
        self.physicianEdit.setPlaceholderText(QCoreApplication.translate("PatientDialog", u"Name, credentials", None))
        self.payerComboLabel.setText(QCoreApplication.translate("PatientDialog", u"Pa&yer", None))
        self.memberIdEditLabel.setText(QCoreApplication.translate("PatientDialog", u"Mem&ber ID", None))
        self.notesEditLabel.setText(QCoreApplication.translate("PatientDialog", u"&Notes", None))
    # retranslateUi

