"""SQLAlchemy models. Importing this package registers every table on Base.metadata."""

from .admin import AuditEntry, Draft, Setting, User
from .base import Base, utcnow
from .catalog import CatalogEntry, InstrumentDefinition
from .document import Document
from .outcome import Assessment
from .patient import EligibilityScreen, Episode, Patient, Payer
from .schedule import Appointment
from .session import (
    Addendum,
    AdverseEvent,
    BillingLine,
    EducationItem,
    ExerciseDose,
    Goal,
    GoalRevision,
    ManualTherapyDose,
    ProgressReport,
    VisitNote,
)

__all__ = [
    "Addendum", "Appointment", "AdverseEvent", "Assessment", "AuditEntry", "Base", "BillingLine",
    "CatalogEntry", "Document", "Draft", "EducationItem", "EligibilityScreen", "Episode",
    "ExerciseDose",
    "Goal", "GoalRevision", "InstrumentDefinition", "ManualTherapyDose", "Patient", "Payer",
    "ProgressReport", "Setting", "User", "VisitNote", "utcnow",
]
