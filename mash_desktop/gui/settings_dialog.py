"""Clinic settings (letterhead for printed reports), stored in the database."""

from __future__ import annotations

import base64

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from ..services import ValidationError
from ..services.clinic import ClinicSettings, clinic_settings, save_clinic_settings
from .context import AppContext
from .field_errors import FieldErrors
from .forms.ui_clinicsettings import Ui_ClinicSettingsDialog
from .operations import human_message

MAX_LOGO_PX = 600


class ClinicSettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = ui = Ui_ClinicSettingsDialog()
        ui.setupUi(self)
        self.errors = FieldErrors(ui.form, {"clinic_name": ui.nameEdit,
                                            "clinic_address": ui.addressEdit,
                                            "clinic_phone": ui.phoneEdit})
        current: ClinicSettings = ctx.runner.read(clinic_settings)
        ui.nameEdit.setText(current.clinic_name)
        ui.addressEdit.setPlainText(current.clinic_address)
        ui.phoneEdit.setText(current.clinic_phone)
        self.logo: str | None = current.clinic_logo
        self._show_logo()
        ui.chooseLogoButton.clicked.connect(self.choose_logo)
        ui.clearLogoButton.clicked.connect(lambda: self.set_logo(None))
        ui.buttonBox.accepted.connect(self.save)
        ui.buttonBox.rejected.connect(self.reject)

    def _show_logo(self) -> None:
        if not self.logo:
            self.ui.logoPreview.setText("No logo")
            return
        pix = QPixmap()
        pix.loadFromData(base64.b64decode(self.logo))
        self.ui.logoPreview.setPixmap(pix.scaledToHeight(60,
                                                         Qt.TransformationMode.SmoothTransformation))

    def set_logo(self, b64: str | None) -> None:
        self.logo = b64
        self._show_logo()

    def choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Logo image", "",
                                              "Images (*.png *.jpg *.jpeg)")
        if path:
            self.load_logo(path)

    def load_logo(self, path: str) -> bool:
        """Read, shrink to at most 600 px and store as PNG; refuse what is not an image."""
        img = QImage(path)
        if img.isNull():
            QMessageBox.warning(self, "Logo", f"{path} is not an image this app can read.")
            return False
        if max(img.width(), img.height()) > MAX_LOGO_PX:
            img = img.scaled(MAX_LOGO_PX, MAX_LOGO_PX, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
        data = QByteArray()
        buf = QBuffer(data)
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        # PySide6 wants the format as str at run time; its stubs say bytes
        img.save(buf, "PNG")  # type: ignore[call-overload]
        self.set_logo(base64.b64encode(data.data()).decode("ascii"))
        return True

    def save(self) -> None:
        values = ClinicSettings(self.ui.nameEdit.text(), self.ui.addressEdit.toPlainText(),
                                self.ui.phoneEdit.text(), self.logo)
        actor = self.ctx.user
        self.ctx.runner.op(self, lambda s: save_clinic_settings(s, values, actor)) \
            .success(lambda _saved: self.accept()).failure(self._not_saved).run()

    def _not_saved(self, exc: Exception) -> None:
        if isinstance(exc, ValidationError):
            self.errors.show(exc.errors)
        else:
            QMessageBox.warning(self, "Not saved", human_message(exc))
