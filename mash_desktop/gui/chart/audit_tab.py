"""Audit tab: who changed what in this patient's chart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ..audit_view import AuditPanel
from . import register_tab

if TYPE_CHECKING:
    from ..context import AppContext


@register_tab(90)
def make_tab(ctx: AppContext) -> tuple[str, QWidget]:
    return "Audit", AuditPanel(ctx, patient_scoped=True)
