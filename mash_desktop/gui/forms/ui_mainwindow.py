# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'mainwindow.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QAction, QBrush, QColor, QConicalGradient,
    QCursor, QFont, QFontDatabase, QGradient,
    QIcon, QImage, QKeySequence, QLinearGradient,
    QPainter, QPalette, QPixmap, QRadialGradient,
    QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QFrame, QGridLayout,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QMainWindow, QMenu, QMenuBar, QPushButton,
    QSizePolicy, QSplitter, QStackedWidget, QStatusBar,
    QTabWidget, QTableView, QVBoxLayout, QWidget)

class Ui_MainWindow(object):
    def setupUi(self, MainWindow):
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(1280, 800)
        self.actionNewPatient = QAction(MainWindow)
        self.actionNewPatient.setObjectName(u"actionNewPatient")
        self.actionFind = QAction(MainWindow)
        self.actionFind.setObjectName(u"actionFind")
        self.actionEditPatient = QAction(MainWindow)
        self.actionEditPatient.setObjectName(u"actionEditPatient")
        self.actionNewEpisode = QAction(MainWindow)
        self.actionNewEpisode.setObjectName(u"actionNewEpisode")
        self.actionEditEpisode = QAction(MainWindow)
        self.actionEditEpisode.setObjectName(u"actionEditEpisode")
        self.actionLoadDemo = QAction(MainWindow)
        self.actionLoadDemo.setObjectName(u"actionLoadDemo")
        self.actionClinicSettings = QAction(MainWindow)
        self.actionClinicSettings.setObjectName(u"actionClinicSettings")
        self.actionQuit = QAction(MainWindow)
        self.actionQuit.setObjectName(u"actionQuit")
        self.actionAbout = QAction(MainWindow)
        self.actionAbout.setObjectName(u"actionAbout")
        self.centralwidget = QWidget(MainWindow)
        self.centralwidget.setObjectName(u"centralwidget")
        self.centralLayout = QHBoxLayout(self.centralwidget)
        self.centralLayout.setObjectName(u"centralLayout")
        self.splitter = QSplitter(self.centralwidget)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.patientPanel = QWidget(self.splitter)
        self.patientPanel.setObjectName(u"patientPanel")
        self.patientLayout = QVBoxLayout(self.patientPanel)
        self.patientLayout.setObjectName(u"patientLayout")
        self.patientLayout.setContentsMargins(6, 0, 0, 0)
        self.patientsTitle = QLabel(self.patientPanel)
        self.patientsTitle.setObjectName(u"patientsTitle")

        self.patientLayout.addWidget(self.patientsTitle)

        self.searchEdit = QLineEdit(self.patientPanel)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.patientLayout.addWidget(self.searchEdit)

        self.patientTable = QTableView(self.patientPanel)
        self.patientTable.setObjectName(u"patientTable")
        self.patientTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.patientTable.setAlternatingRowColors(True)
        self.patientTable.setSelectionMode(QAbstractItemView.SingleSelection)
        self.patientTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.patientTable.setSortingEnabled(True)

        self.patientLayout.addWidget(self.patientTable)

        self.newPatientButton = QPushButton(self.patientPanel)
        self.newPatientButton.setObjectName(u"newPatientButton")

        self.patientLayout.addWidget(self.newPatientButton)

        self.splitter.addWidget(self.patientPanel)
        self.chartStack = QStackedWidget(self.splitter)
        self.chartStack.setObjectName(u"chartStack")
        self.emptyPage = QWidget()
        self.emptyPage.setObjectName(u"emptyPage")
        self.emptyLayout = QVBoxLayout(self.emptyPage)
        self.emptyLayout.setObjectName(u"emptyLayout")
        self.emptyLabel = QLabel(self.emptyPage)
        self.emptyLabel.setObjectName(u"emptyLabel")
        self.emptyLabel.setAlignment(Qt.AlignCenter)

        self.emptyLayout.addWidget(self.emptyLabel)

        self.chartStack.addWidget(self.emptyPage)
        self.chartPage = QWidget()
        self.chartPage.setObjectName(u"chartPage")
        self.chartLayout = QVBoxLayout(self.chartPage)
        self.chartLayout.setObjectName(u"chartLayout")
        self.chartHeader = QFrame(self.chartPage)
        self.chartHeader.setObjectName(u"chartHeader")
        self.chartHeader.setFrameShape(QFrame.StyledPanel)
        self.headerLayout = QGridLayout(self.chartHeader)
        self.headerLayout.setObjectName(u"headerLayout")
        self.nameLabel = QLabel(self.chartHeader)
        self.nameLabel.setObjectName(u"nameLabel")

        self.headerLayout.addWidget(self.nameLabel, 0, 0, 1, 1)

        self.detailsLabel = QLabel(self.chartHeader)
        self.detailsLabel.setObjectName(u"detailsLabel")
        self.detailsLabel.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.headerLayout.addWidget(self.detailsLabel, 1, 0, 1, 1)

        self.episodeLabel = QLabel(self.chartHeader)
        self.episodeLabel.setObjectName(u"episodeLabel")
        self.episodeLabel.setWordWrap(True)

        self.headerLayout.addWidget(self.episodeLabel, 2, 0, 1, 1)

        self.visitsLabel = QLabel(self.chartHeader)
        self.visitsLabel.setObjectName(u"visitsLabel")
        self.visitsLabel.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.headerLayout.addWidget(self.visitsLabel, 0, 1, 3, 1)


        self.chartLayout.addWidget(self.chartHeader)

        self.chartTabs = QTabWidget(self.chartPage)
        self.chartTabs.setObjectName(u"chartTabs")

        self.chartLayout.addWidget(self.chartTabs)

        self.chartStack.addWidget(self.chartPage)
        self.splitter.addWidget(self.chartStack)

        self.centralLayout.addWidget(self.splitter)

        MainWindow.setCentralWidget(self.centralwidget)
        self.menubar = QMenuBar(MainWindow)
        self.menubar.setObjectName(u"menubar")
        self.menuFile = QMenu(self.menubar)
        self.menuFile.setObjectName(u"menuFile")
        self.menuPatient = QMenu(self.menubar)
        self.menuPatient.setObjectName(u"menuPatient")
        self.menuHelp = QMenu(self.menubar)
        self.menuHelp.setObjectName(u"menuHelp")
        MainWindow.setMenuBar(self.menubar)
        self.statusbar = QStatusBar(MainWindow)
        self.statusbar.setObjectName(u"statusbar")
        MainWindow.setStatusBar(self.statusbar)

        self.menubar.addAction(self.menuFile.menuAction())
        self.menubar.addAction(self.menuPatient.menuAction())
        self.menubar.addAction(self.menuHelp.menuAction())
        self.menuFile.addAction(self.actionNewPatient)
        self.menuFile.addSeparator()
        self.menuFile.addAction(self.actionLoadDemo)
        self.menuFile.addAction(self.actionClinicSettings)
        self.menuFile.addSeparator()
        self.menuFile.addAction(self.actionQuit)
        self.menuPatient.addAction(self.actionFind)
        self.menuPatient.addAction(self.actionEditPatient)
        self.menuPatient.addSeparator()
        self.menuPatient.addAction(self.actionNewEpisode)
        self.menuPatient.addAction(self.actionEditEpisode)
        self.menuHelp.addAction(self.actionAbout)

        self.retranslateUi(MainWindow)

        QMetaObject.connectSlotsByName(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow):
        MainWindow.setWindowTitle(QCoreApplication.translate("MainWindow", u"MASH Desktop", None))
        self.actionNewPatient.setText(QCoreApplication.translate("MainWindow", u"&New patient\u2026", None))
#if QT_CONFIG(shortcut)
        self.actionNewPatient.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+N", None))
#endif // QT_CONFIG(shortcut)
#if QT_CONFIG(statustip)
        self.actionNewPatient.setStatusTip(QCoreApplication.translate("MainWindow", u"Create a patient chart", None))
#endif // QT_CONFIG(statustip)
        self.actionFind.setText(QCoreApplication.translate("MainWindow", u"&Find patient", None))
#if QT_CONFIG(shortcut)
        self.actionFind.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+F", None))
#endif // QT_CONFIG(shortcut)
#if QT_CONFIG(statustip)
        self.actionFind.setStatusTip(QCoreApplication.translate("MainWindow", u"Search the patient list", None))
#endif // QT_CONFIG(statustip)
        self.actionEditPatient.setText(QCoreApplication.translate("MainWindow", u"&Edit patient\u2026", None))
#if QT_CONFIG(shortcut)
        self.actionEditPatient.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+E", None))
#endif // QT_CONFIG(shortcut)
#if QT_CONFIG(statustip)
        self.actionEditPatient.setStatusTip(QCoreApplication.translate("MainWindow", u"Edit the open patient's details", None))
#endif // QT_CONFIG(statustip)
        self.actionNewEpisode.setText(QCoreApplication.translate("MainWindow", u"New e&pisode of care\u2026", None))
#if QT_CONFIG(shortcut)
        self.actionNewEpisode.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+Shift+E", None))
#endif // QT_CONFIG(shortcut)
#if QT_CONFIG(statustip)
        self.actionNewEpisode.setStatusTip(QCoreApplication.translate("MainWindow", u"Open a new episode of care", None))
#endif // QT_CONFIG(statustip)
        self.actionEditEpisode.setText(QCoreApplication.translate("MainWindow", u"Edit episode / eligibility &screen\u2026", None))
#if QT_CONFIG(shortcut)
        self.actionEditEpisode.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+Shift+S", None))
#endif // QT_CONFIG(shortcut)
#if QT_CONFIG(statustip)
        self.actionEditEpisode.setStatusTip(QCoreApplication.translate("MainWindow", u"Edit the active episode and its MASH eligibility screen", None))
#endif // QT_CONFIG(statustip)
        self.actionLoadDemo.setText(QCoreApplication.translate("MainWindow", u"Load &demo clinic", None))
#if QT_CONFIG(statustip)
        self.actionLoadDemo.setStatusTip(QCoreApplication.translate("MainWindow", u"Add 12 demo MASH patients with sessions and outcomes to this database", None))
#endif // QT_CONFIG(statustip)
        self.actionClinicSettings.setText(QCoreApplication.translate("MainWindow", u"Clinic &settings\u2026", None))
#if QT_CONFIG(statustip)
        self.actionClinicSettings.setStatusTip(QCoreApplication.translate("MainWindow", u"Clinic name, address, phone and logo for printed reports", None))
#endif // QT_CONFIG(statustip)
        self.actionQuit.setText(QCoreApplication.translate("MainWindow", u"&Quit", None))
#if QT_CONFIG(shortcut)
        self.actionQuit.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+Q", None))
#endif // QT_CONFIG(shortcut)
        self.actionAbout.setText(QCoreApplication.translate("MainWindow", u"&About MASH Desktop", None))
        self.patientsTitle.setText(QCoreApplication.translate("MainWindow", u"Patients", None))
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("MainWindow", u"Search name, MRN or date of birth  (Ctrl+F)", None))
        self.newPatientButton.setText(QCoreApplication.translate("MainWindow", u"New patient (Ctrl+N)", None))
        self.emptyLabel.setText(QCoreApplication.translate("MainWindow", u"Select a patient on the left, or press Ctrl+N to add one.", None))
        self.nameLabel.setText("")
        self.detailsLabel.setText("")
        self.episodeLabel.setText("")
        self.visitsLabel.setText("")
        self.menuFile.setTitle(QCoreApplication.translate("MainWindow", u"&File", None))
        self.menuPatient.setTitle(QCoreApplication.translate("MainWindow", u"&Patient", None))
        self.menuHelp.setTitle(QCoreApplication.translate("MainWindow", u"&Help", None))
    # retranslateUi

