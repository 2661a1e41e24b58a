"""The words a person sees for the services' field keys ("date_of_birth" → "Date of birth").

Services key their validation messages by field (``ValidationError.errors``); a form shows
each message at its widget, but a message that reaches a message box, the status bar or
a list must name the field as its label says, never as a key such as ``icd10_code`` or
``goals[1].target_date``. Keys not listed here are turned into words (underscores to
spaces, a numbered item counted from 1).
"""

from __future__ import annotations

import re

LABELS: dict[str, str] = {
    "mrn": "MRN",
    "date_of_birth": "Date of birth",
    "referring_physician": "Referring physician",
    "member_id": "Member ID",
    "icd10_code": "ICD-10-CM code",
    "medical_icd10_code": "Medical diagnosis (ICD-10-CM)",
    "diagnosis_text": "Diagnosis",
    "arm": "MASH arm",
    "planned_visits": "Planned visits",
    "cert_start": "Certification from",
    "cert_end": "Certification to",
    "cert_sent_on": "Plan sent to physician on",
    "cert_signed_on": "Physician signed on",
    "verbal_order_on": "Verbal order on",
    "physician_name": "Certifying physician",
    "physician_npi": "Physician NPI",
    "npi": "NPI",
    "hep_days_per_week": "Home program days a week",
    "hep_times_per_day": "Home program times a day",
    "hep_notes": "Home program notes",
    "lbp_duration_months": "Low back pain for (months)",
    "lbp_half_days_6mo": "Days with pain in the last 6 months",
    "lbp_intensity": "Back pain intensity",
    "hip_ir_left": "Hip internal rotation, left",
    "hip_ir_right": "Hip internal rotation, right",
    "hip_ir_unit": "Hip internal rotation unit",
    "body_weight_kg": "Body weight (kg)",
    "total_minutes": "Total minutes",
    "start_time": "Start time",
    "visit_date": "Visit date",
    "note_type": "Note type",
    "overlap_reason": "Reason for a second open episode",
    "status_reason": "Reason for the status",
    "discharge_reason": "Discharge reason",
    "idle_lock_minutes": "Lock after inactivity",
    "backups_keep": "Automatic backups to keep",
    "clinic_name": "Clinic name",
    "clinic_address": "Clinic address",
    "clinic_phone": "Clinic phone",
    "full_name": "Full name",
    "licence_number": "Licence number",
    "username": "User name",
    "timepoint": "Time point",
    "assessed_on": "Assessment date",
    "screened_on": "Screening date",
    "date_from": "From",
    "date_to": "To",
    "adverse": "Adverse event",
    "goal_progress": "Progress toward goal",
    "file": "File",
}
_ITEM = re.compile(r"^([a-z_]+)\[(\d+)\]$")


def _words(part: str) -> str:
    match = _ITEM.match(part)
    if match:  # goals[0] → Goals 1 (people count from one)
        return f"{_words(match.group(1))} {int(match.group(2)) + 1}"
    if part.isdigit():
        return str(int(part) + 1)
    label = LABELS.get(part)
    if label is not None:
        return label
    text = part.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def field_label(key: str) -> str:
    """The label for a field key; compound keys (``plan.start_date``) read left to right."""
    if not key:
        return ""
    if key in LABELS:
        return LABELS[key]
    parts = [p for p in key.split(".") if p]
    return " — ".join(_words(p) for p in parts)


def labelled(errors: dict[str, str]) -> str:
    """A ValidationError's messages as one text, each prefixed with its field's label."""
    return "; ".join(f"{field_label(k)}: {m}" if k else m for k, m in errors.items())
