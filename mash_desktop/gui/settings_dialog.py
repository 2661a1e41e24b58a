"""Clinic settings (letterhead for printed reports), stored in the database."""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from ..services import ValidationError
from ..services import validate as v
from ..services.settings import get_setting, set_setting
from .field_errors import FieldErrors
from .forms.ui_clinicsettings import Ui_ClinicSettingsDialog

if TYPE_CHECKING:
    from .main_window import MainWindow

MAX_LOGO_PX = 600


def clean_clinic(data: dict[str, Any]) -> dict[str, Any]:
    e: v.Errors = {}
    out = {"clinic_name": v.text(data.get("clinic_name"), "clinic_name", e, required=True,
                                 max_len=120),
           "clinic_address": v.text(data.get("clinic_address"), "clinic_address", e,
                                    max_len=300, multiline=True),
           "clinic_phone": v.text(data.get("clinic_phone"), "clinic_phone", e, max_len=40),
           "clinic_logo": data.get("clinic_logo")}
    if e:
        raise ValidationError(e)
    return out


class ClinicSettingsDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.ui = ui = Ui_ClinicSettingsDialog()
        ui.setupUi(self)
        self.errors = FieldErrors(ui.form, {"clinic_name": ui.nameEdit,
                                            "clinic_address": ui.addressEdit,
                                            "clinic_phone": ui.phoneEdit})
        with window.db.session() as s:
            ui.nameEdit.setText(get_setting(s, "clinic_name", "") or "")
            ui.addressEdit.setPlainText(get_setting(s, "clinic_address", "") or "")
            ui.phoneEdit.setText(get_setting(s, "clinic_phone", "") or "")
            self.logo: str | None = get_setting(s, "clinic_logo")
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
        img.save(buf, "PNG")
        self.set_logo(base64.b64encode(bytes(data)).decode("ascii"))
        return True

    def save(self) -> None:
        values = {"clinic_name": self.ui.nameEdit.text(),
                  "clinic_address": self.ui.addressEdit.toPlainText(),
                  "clinic_phone": self.ui.phoneEdit.text(), "clinic_logo": self.logo}
        try:
            clean = clean_clinic(values)
        except ValidationError as exc:
            self.errors.show(exc.errors)
            return

        def op(s: Any) -> None:
            for key, value in clean.items():
                set_setting(s, key, value, self.window.actor)

        self.window.run(op, "settings")
        self.accept()
