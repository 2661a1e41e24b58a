"""Getting data out for other systems: a FHIR R4B bundle for an EHR and tidy CSV tables
for research (optionally de-identified). Qt-free; the CLI and the GUI share it.

    fhir.export_bundle(session, mrn=None, episode_id=None, actor=None) -> dict (validated)
    tables.export_csv(session, folder, deidentify=False, actor=None) -> dict[str, int]
"""
