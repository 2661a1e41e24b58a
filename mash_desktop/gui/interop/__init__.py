"""File ▸ Export (FHIR for the open patient, research CSV) and Reports ▸ Cohort view."""
