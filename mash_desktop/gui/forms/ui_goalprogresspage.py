# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'goalprogresspage.ui'
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
from PySide6.QtWidgets import (QApplication, QHeaderView, QLabel, QSizePolicy,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_GoalProgressPage(object):
    def setupUi(self, GoalProgressPage):
        if not GoalProgressPage.objectName():
            GoalProgressPage.setObjectName(u"GoalProgressPage")
        GoalProgressPage.resize(1000, 380)
        self.goalLayout = QVBoxLayout(GoalProgressPage)
        self.goalLayout.setObjectName(u"goalLayout")
        self.periodLabel = QLabel(GoalProgressPage)
        self.periodLabel.setObjectName(u"periodLabel")
        self.periodLabel.setWordWrap(True)

        self.goalLayout.addWidget(self.periodLabel)

        self.goalTable = QTableWidget(GoalProgressPage)
        self.goalTable.setObjectName(u"goalTable")

        self.goalLayout.addWidget(self.goalTable)

        self.goalHelpLabel = QLabel(GoalProgressPage)
        self.goalHelpLabel.setObjectName(u"goalHelpLabel")
        self.goalHelpLabel.setWordWrap(True)

        self.goalLayout.addWidget(self.goalHelpLabel)


        self.retranslateUi(GoalProgressPage)

        QMetaObject.connectSlotsByName(GoalProgressPage)
    # setupUi

    def retranslateUi(self, GoalProgressPage):
        self.periodLabel.setText("")
#if QT_CONFIG(accessibility)
        self.goalTable.setAccessibleName(QCoreApplication.translate("GoalProgressPage", u"Goals and their progress", None))
#endif // QT_CONFIG(accessibility)
        self.goalHelpLabel.setText(QCoreApplication.translate("GoalProgressPage", u"Describe progress toward each goal (BPM ch. 15 \u00a7220.3 D). \"Measure says\" is computed from the outcome measures; a status that differs from it needs a reason.", None))
        pass
    # retranslateUi

