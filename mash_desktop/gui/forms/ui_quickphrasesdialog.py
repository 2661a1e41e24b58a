# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'quickphrasesdialog.ui'
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
    QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
    QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_QuickPhrasesDialog(object):
    def setupUi(self, QuickPhrasesDialog):
        if not QuickPhrasesDialog.objectName():
            QuickPhrasesDialog.setObjectName(u"QuickPhrasesDialog")
        QuickPhrasesDialog.resize(640, 480)
        self.verticalLayout = QVBoxLayout(QuickPhrasesDialog)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.introLabel = QLabel(QuickPhrasesDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.verticalLayout.addWidget(self.introLabel)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.fieldComboLabel = QLabel(QuickPhrasesDialog)
        self.fieldComboLabel.setObjectName(u"fieldComboLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.fieldComboLabel)

        self.fieldCombo = QComboBox(QuickPhrasesDialog)
        self.fieldCombo.setObjectName(u"fieldCombo")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.fieldCombo)

        self.phraseListLabel = QLabel(QuickPhrasesDialog)
        self.phraseListLabel.setObjectName(u"phraseListLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.phraseListLabel)

        self.phraseList = QListWidget(QuickPhrasesDialog)
        self.phraseList.setObjectName(u"phraseList")
        self.phraseList.setWordWrap(True)
        self.phraseList.setAlternatingRowColors(True)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.phraseList)

        self.phraseEditLabel = QLabel(QuickPhrasesDialog)
        self.phraseEditLabel.setObjectName(u"phraseEditLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.phraseEditLabel)

        self.phraseEdit = QPlainTextEdit(QuickPhrasesDialog)
        self.phraseEdit.setObjectName(u"phraseEdit")
        self.phraseEdit.setMaximumSize(QSize(16777215, 80))
        self.phraseEdit.setTabChangesFocus(True)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.phraseEdit)


        self.verticalLayout.addLayout(self.form)

        self.phraseButtons = QHBoxLayout()
        self.phraseButtons.setObjectName(u"phraseButtons")
        self.addButton = QPushButton(QuickPhrasesDialog)
        self.addButton.setObjectName(u"addButton")

        self.phraseButtons.addWidget(self.addButton)

        self.deleteButton = QPushButton(QuickPhrasesDialog)
        self.deleteButton.setObjectName(u"deleteButton")

        self.phraseButtons.addWidget(self.deleteButton)

        self.upButton = QPushButton(QuickPhrasesDialog)
        self.upButton.setObjectName(u"upButton")

        self.phraseButtons.addWidget(self.upButton)

        self.downButton = QPushButton(QuickPhrasesDialog)
        self.downButton.setObjectName(u"downButton")

        self.phraseButtons.addWidget(self.downButton)

        self.phraseSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.phraseButtons.addItem(self.phraseSpacer)

        self.defaultsButton = QPushButton(QuickPhrasesDialog)
        self.defaultsButton.setObjectName(u"defaultsButton")

        self.phraseButtons.addWidget(self.defaultsButton)


        self.verticalLayout.addLayout(self.phraseButtons)

        self.errorLabel = QLabel(QuickPhrasesDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.verticalLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(QuickPhrasesDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.verticalLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.fieldComboLabel.setBuddy(self.fieldCombo)
        self.phraseListLabel.setBuddy(self.phraseList)
        self.phraseEditLabel.setBuddy(self.phraseEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(QuickPhrasesDialog)

        QMetaObject.connectSlotsByName(QuickPhrasesDialog)
    # setupUi

    def retranslateUi(self, QuickPhrasesDialog):
        QuickPhrasesDialog.setWindowTitle(QCoreApplication.translate("QuickPhrasesDialog", u"Quick phrases", None))
        self.introLabel.setText(QCoreApplication.translate("QuickPhrasesDialog", u"The clinic's own phrases for the session note, in key order: Ctrl+1\u20269 inserts an assessment phrase, Alt+1\u20269 a plan phrase (at most nine each). The PT edits the inserted text as needed.", None))
        self.fieldComboLabel.setText(QCoreApplication.translate("QuickPhrasesDialog", u"&Phrases for", None))
        self.phraseListLabel.setText(QCoreApplication.translate("QuickPhrasesDialog", u"P&hrases", None))
        self.phraseEditLabel.setText(QCoreApplication.translate("QuickPhrasesDialog", u"&Text", None))
        self.phraseEdit.setPlaceholderText(QCoreApplication.translate("QuickPhrasesDialog", u"Select a phrase, or add one", None))
        self.addButton.setText(QCoreApplication.translate("QuickPhrasesDialog", u"&Add", None))
        self.deleteButton.setText(QCoreApplication.translate("QuickPhrasesDialog", u"&Delete", None))
        self.upButton.setText(QCoreApplication.translate("QuickPhrasesDialog", u"Move &up", None))
        self.downButton.setText(QCoreApplication.translate("QuickPhrasesDialog", u"Move d&own", None))
        self.defaultsButton.setText(QCoreApplication.translate("QuickPhrasesDialog", u"Shipped &examples", None))
#if QT_CONFIG(tooltip)
        self.defaultsButton.setToolTip(QCoreApplication.translate("QuickPhrasesDialog", u"Replace this list with the phrases the app ships with", None))
#endif // QT_CONFIG(tooltip)
        self.errorLabel.setText("")
    # retranslateUi

