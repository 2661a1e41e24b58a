# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'userdialog.ui'
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
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_UserDialog(object):
    def setupUi(self, UserDialog):
        if not UserDialog.objectName():
            UserDialog.setObjectName(u"UserDialog")
        UserDialog.resize(420, 380)
        self.verticalLayout = QVBoxLayout(UserDialog)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.introLabel = QLabel(UserDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.verticalLayout.addWidget(self.introLabel)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.usernameEditLabel = QLabel(UserDialog)
        self.usernameEditLabel.setObjectName(u"usernameEditLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.usernameEditLabel)

        self.usernameEdit = QLineEdit(UserDialog)
        self.usernameEdit.setObjectName(u"usernameEdit")
        self.usernameEdit.setMaxLength(60)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.usernameEdit)

        self.fullNameEditLabel = QLabel(UserDialog)
        self.fullNameEditLabel.setObjectName(u"fullNameEditLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.fullNameEditLabel)

        self.fullNameEdit = QLineEdit(UserDialog)
        self.fullNameEdit.setObjectName(u"fullNameEdit")
        self.fullNameEdit.setMaxLength(200)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.fullNameEdit)

        self.credentialsComboLabel = QLabel(UserDialog)
        self.credentialsComboLabel.setObjectName(u"credentialsComboLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.credentialsComboLabel)

        self.credentialsCombo = QComboBox(UserDialog)
        self.credentialsCombo.setObjectName(u"credentialsCombo")
        self.credentialsCombo.setEditable(True)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.credentialsCombo)

        self.roleComboLabel = QLabel(UserDialog)
        self.roleComboLabel.setObjectName(u"roleComboLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.roleComboLabel)

        self.roleCombo = QComboBox(UserDialog)
        self.roleCombo.setObjectName(u"roleCombo")
        self.roleCombo.setEditable(False)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.roleCombo)

        self.licenceEditLabel = QLabel(UserDialog)
        self.licenceEditLabel.setObjectName(u"licenceEditLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.licenceEditLabel)

        self.licenceEdit = QLineEdit(UserDialog)
        self.licenceEdit.setObjectName(u"licenceEdit")
        self.licenceEdit.setMaxLength(40)

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.licenceEdit)

        self.npiEditLabel = QLabel(UserDialog)
        self.npiEditLabel.setObjectName(u"npiEditLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.npiEditLabel)

        self.npiEdit = QLineEdit(UserDialog)
        self.npiEdit.setObjectName(u"npiEdit")
        self.npiEdit.setMaxLength(10)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.npiEdit)

        self.passwordEditLabel = QLabel(UserDialog)
        self.passwordEditLabel.setObjectName(u"passwordEditLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.passwordEditLabel)

        self.passwordEdit = QLineEdit(UserDialog)
        self.passwordEdit.setObjectName(u"passwordEdit")
        self.passwordEdit.setEchoMode(QLineEdit.Password)

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.passwordEdit)

        self.repeatEditLabel = QLabel(UserDialog)
        self.repeatEditLabel.setObjectName(u"repeatEditLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.repeatEditLabel)

        self.repeatEdit = QLineEdit(UserDialog)
        self.repeatEdit.setObjectName(u"repeatEdit")
        self.repeatEdit.setEchoMode(QLineEdit.Password)

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.repeatEdit)


        self.verticalLayout.addLayout(self.form)

        self.buttonBox = QDialogButtonBox(UserDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.verticalLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.usernameEditLabel.setBuddy(self.usernameEdit)
        self.fullNameEditLabel.setBuddy(self.fullNameEdit)
        self.credentialsComboLabel.setBuddy(self.credentialsCombo)
        self.roleComboLabel.setBuddy(self.roleCombo)
        self.licenceEditLabel.setBuddy(self.licenceEdit)
        self.npiEditLabel.setBuddy(self.npiEdit)
        self.passwordEditLabel.setBuddy(self.passwordEdit)
        self.repeatEditLabel.setBuddy(self.repeatEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(UserDialog)

        QMetaObject.connectSlotsByName(UserDialog)
    # setupUi

    def retranslateUi(self, UserDialog):
        UserDialog.setWindowTitle(QCoreApplication.translate("UserDialog", u"User account", None))
        self.introLabel.setText("")
        self.usernameEditLabel.setText(QCoreApplication.translate("UserDialog", u"User &name (login)", None))
        self.usernameEdit.setPlaceholderText(QCoreApplication.translate("UserDialog", u"e.g. dwhitaker", None))
        self.fullNameEditLabel.setText(QCoreApplication.translate("UserDialog", u"&Full name", None))
        self.fullNameEdit.setPlaceholderText(QCoreApplication.translate("UserDialog", u"Shown on signatures", None))
        self.credentialsComboLabel.setText(QCoreApplication.translate("UserDialog", u"&Credentials", None))
        self.roleComboLabel.setText(QCoreApplication.translate("UserDialog", u"&Role", None))
        self.licenceEditLabel.setText(QCoreApplication.translate("UserDialog", u"&Licence number", None))
        self.licenceEdit.setPlaceholderText(QCoreApplication.translate("UserDialog", u"Printed when this user signs a document", None))
        self.npiEditLabel.setText(QCoreApplication.translate("UserDialog", u"&NPI", None))
        self.npiEdit.setPlaceholderText(QCoreApplication.translate("UserDialog", u"10 digits (optional)", None))
        self.passwordEditLabel.setText(QCoreApplication.translate("UserDialog", u"&Password", None))
        self.repeatEditLabel.setText(QCoreApplication.translate("UserDialog", u"Repeat pass&word", None))
    # retranslateUi

