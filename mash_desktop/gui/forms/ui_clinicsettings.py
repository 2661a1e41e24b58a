# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'clinicsettings.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_ClinicSettingsDialog(object):
    def setupUi(self, ClinicSettingsDialog):
        if not ClinicSettingsDialog.objectName():
            ClinicSettingsDialog.setObjectName(u"ClinicSettingsDialog")
        ClinicSettingsDialog.resize(460, 360)
        self.verticalLayout = QVBoxLayout(ClinicSettingsDialog)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.nameEditLabel = QLabel(ClinicSettingsDialog)
        self.nameEditLabel.setObjectName(u"nameEditLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameEditLabel)

        self.nameEdit = QLineEdit(ClinicSettingsDialog)
        self.nameEdit.setObjectName(u"nameEdit")
        self.nameEdit.setMaxLength(120)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.addressEditLabel = QLabel(ClinicSettingsDialog)
        self.addressEditLabel.setObjectName(u"addressEditLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.addressEditLabel)

        self.addressEdit = QPlainTextEdit(ClinicSettingsDialog)
        self.addressEdit.setObjectName(u"addressEdit")
        self.addressEdit.setMaximumSize(QSize(16777215, 60))
        self.addressEdit.setTabChangesFocus(True)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.addressEdit)

        self.phoneEditLabel = QLabel(ClinicSettingsDialog)
        self.phoneEditLabel.setObjectName(u"phoneEditLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.phoneEditLabel)

        self.phoneEdit = QLineEdit(ClinicSettingsDialog)
        self.phoneEdit.setObjectName(u"phoneEdit")
        self.phoneEdit.setMaxLength(40)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.phoneEdit)

        self.logoPreviewLabel = QLabel(ClinicSettingsDialog)
        self.logoPreviewLabel.setObjectName(u"logoPreviewLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.logoPreviewLabel)

        self.logoPreview = QLabel(ClinicSettingsDialog)
        self.logoPreview.setObjectName(u"logoPreview")
        self.logoPreview.setAlignment(Qt.AlignLeading|Qt.AlignLeft|Qt.AlignTop)
        self.logoPreview.setMinimumSize(QSize(120, 60))

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.logoPreview)


        self.verticalLayout.addLayout(self.form)

        self.logoButtons = QHBoxLayout()
        self.logoButtons.setObjectName(u"logoButtons")
        self.chooseLogoButton = QPushButton(ClinicSettingsDialog)
        self.chooseLogoButton.setObjectName(u"chooseLogoButton")

        self.logoButtons.addWidget(self.chooseLogoButton)

        self.clearLogoButton = QPushButton(ClinicSettingsDialog)
        self.clearLogoButton.setObjectName(u"clearLogoButton")

        self.logoButtons.addWidget(self.clearLogoButton)


        self.verticalLayout.addLayout(self.logoButtons)

        self.buttonBox = QDialogButtonBox(ClinicSettingsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.verticalLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.nameEditLabel.setBuddy(self.nameEdit)
        self.addressEditLabel.setBuddy(self.addressEdit)
        self.phoneEditLabel.setBuddy(self.phoneEdit)
        self.logoPreviewLabel.setBuddy(self.logoPreview)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ClinicSettingsDialog)

        QMetaObject.connectSlotsByName(ClinicSettingsDialog)
    # setupUi

    def retranslateUi(self, ClinicSettingsDialog):
        ClinicSettingsDialog.setWindowTitle(QCoreApplication.translate("ClinicSettingsDialog", u"Clinic settings", None))
        self.nameEditLabel.setText(QCoreApplication.translate("ClinicSettingsDialog", u"Clinic &name", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("ClinicSettingsDialog", u"Shown at the top of every report", None))
        self.addressEditLabel.setText(QCoreApplication.translate("ClinicSettingsDialog", u"&Address", None))
        self.phoneEditLabel.setText(QCoreApplication.translate("ClinicSettingsDialog", u"&Phone", None))
        self.logoPreviewLabel.setText(QCoreApplication.translate("ClinicSettingsDialog", u"&Logo", None))
        self.logoPreview.setText(QCoreApplication.translate("ClinicSettingsDialog", u"No logo", None))
        self.chooseLogoButton.setText(QCoreApplication.translate("ClinicSettingsDialog", u"Choose logo image\u2026", None))
        self.clearLogoButton.setText(QCoreApplication.translate("ClinicSettingsDialog", u"Remove logo", None))
    # retranslateUi

