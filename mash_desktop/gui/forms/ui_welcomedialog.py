# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'welcomedialog.ui'
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
    QGridLayout, QLabel, QPushButton, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_WelcomeDialog(object):
    def setupUi(self, WelcomeDialog):
        if not WelcomeDialog.objectName():
            WelcomeDialog.setObjectName(u"WelcomeDialog")
        WelcomeDialog.resize(620, 400)
        self.verticalLayout = QVBoxLayout(WelcomeDialog)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.titleLabel = QLabel(WelcomeDialog)
        self.titleLabel.setObjectName(u"titleLabel")

        self.verticalLayout.addWidget(self.titleLabel)

        self.introLabel = QLabel(WelcomeDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.verticalLayout.addWidget(self.introLabel)

        self.choices = QGridLayout()
        self.choices.setObjectName(u"choices")
        self.choices.setHorizontalSpacing(14)
        self.choices.setVerticalSpacing(12)
        self.clinicButton = QPushButton(WelcomeDialog)
        self.clinicButton.setObjectName(u"clinicButton")

        self.choices.addWidget(self.clinicButton, 0, 0, 1, 1)

        self.clinicLabel = QLabel(WelcomeDialog)
        self.clinicLabel.setObjectName(u"clinicLabel")
        self.clinicLabel.setWordWrap(True)

        self.choices.addWidget(self.clinicLabel, 0, 1, 1, 1)

        self.singleUserButton = QPushButton(WelcomeDialog)
        self.singleUserButton.setObjectName(u"singleUserButton")

        self.choices.addWidget(self.singleUserButton, 1, 0, 1, 1)

        self.singleUserLabel = QLabel(WelcomeDialog)
        self.singleUserLabel.setObjectName(u"singleUserLabel")
        self.singleUserLabel.setWordWrap(True)

        self.choices.addWidget(self.singleUserLabel, 1, 1, 1, 1)

        self.demoButton = QPushButton(WelcomeDialog)
        self.demoButton.setObjectName(u"demoButton")

        self.choices.addWidget(self.demoButton, 2, 0, 1, 1)

        self.demoLabel = QLabel(WelcomeDialog)
        self.demoLabel.setObjectName(u"demoLabel")
        self.demoLabel.setWordWrap(True)

        self.choices.addWidget(self.demoLabel, 2, 1, 1, 1)


        self.verticalLayout.addLayout(self.choices)

        self.databaseLabel = QLabel(WelcomeDialog)
        self.databaseLabel.setObjectName(u"databaseLabel")
        self.databaseLabel.setWordWrap(True)
        self.databaseLabel.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.verticalLayout.addWidget(self.databaseLabel)

        self.buttonBox = QDialogButtonBox(WelcomeDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel)

        self.verticalLayout.addWidget(self.buttonBox)


        self.retranslateUi(WelcomeDialog)

        self.clinicButton.setDefault(True)


        QMetaObject.connectSlotsByName(WelcomeDialog)
    # setupUi

    def retranslateUi(self, WelcomeDialog):
        WelcomeDialog.setWindowTitle(QCoreApplication.translate("WelcomeDialog", u"Welcome to MASH Desktop", None))
        self.titleLabel.setText(QCoreApplication.translate("WelcomeDialog", u"Welcome to MASH Desktop", None))
        self.introLabel.setText(QCoreApplication.translate("WelcomeDialog", u"MASH Desktop keeps your patients' charts, session notes, outcome measures and reports on this computer; it needs no internet. This clinic database is new and empty. How will you use it?", None))
        self.clinicButton.setText(QCoreApplication.translate("WelcomeDialog", u"&Clinic with several users\u2026", None))
        self.clinicLabel.setText(QCoreApplication.translate("WelcomeDialog", u"Create the administrator account now. The administrator adds clinicians (PT, DPT) and assistants (PTA) later in Admin \u25b8 Users; everyone signs in with their own password.", None))
        self.singleUserButton.setText(QCoreApplication.translate("WelcomeDialog", u"&Single-user practice\u2026", None))
        self.singleUserLabel.setText(QCoreApplication.translate("WelcomeDialog", u"Just you: create your own account (it is also the administrator). Sign-in then skips choosing a user; your password and the idle lock still protect the charts.", None))
        self.demoButton.setText(QCoreApplication.translate("WelcomeDialog", u"Try with &demo patients", None))
        self.demoLabel.setText(QCoreApplication.translate("WelcomeDialog", u"Look around in a separate demo clinic with sample MASH patients, sessions and outcomes. It is kept apart from this database and marked DEMO in the title bar; nothing done there touches real charts. Start the app again to set up your clinic.", None))
        self.databaseLabel.setText("")
    # retranslateUi

