"""The clinic's letterhead (name, address, phone, logo) printed on every report."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy.orm import Session

from . import validate as v
from .access import Acting
from .errors import ValidationError
from .settings import get_setting, set_setting


@dataclass(frozen=True)
class ClinicSettings:
    clinic_name: str = ""
    clinic_address: str = ""
    clinic_phone: str = ""
    clinic_logo: str | None = None  # PNG, base64


def clean_clinic(data: ClinicSettings) -> ClinicSettings:
    e: v.Errors = {}
    out = ClinicSettings(
        v.text(data.clinic_name, "clinic_name", e, required=True, max_len=120),
        v.text(data.clinic_address, "clinic_address", e, max_len=300, multiline=True),
        v.text(data.clinic_phone, "clinic_phone", e, max_len=40),
        data.clinic_logo or None)
    if e:
        raise ValidationError(e)
    return out


def clinic_settings(session: Session) -> ClinicSettings:
    return ClinicSettings(get_setting(session, "clinic_name", "") or "",
                          get_setting(session, "clinic_address", "") or "",
                          get_setting(session, "clinic_phone", "") or "",
                          get_setting(session, "clinic_logo"))


def save_clinic_settings(session: Session, data: ClinicSettings,
                         actor: Acting | None = None) -> ClinicSettings:
    clean = clean_clinic(data)
    for key, value in asdict(clean).items():
        set_setting(session, key, value, actor)
    return clean
