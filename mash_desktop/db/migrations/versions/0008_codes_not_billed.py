"""codes not billed: the CPT codes of interventions a note documents but does not bill
(BPM ch. 15 §220.3 E: interventions billed or not), so each one is accounted for

Notes already stored get the codes their interventions belong to (the catalog's
billing_codes) that they did not bill: before this column, such an intervention was simply
not billed, which is what the record now says.

Revision ID: 0008_codes_not_billed
Revises: 0007_tamper_evidence_and_mrn_case
Create Date: 2026-11-25 17:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0008_codes_not_billed'
down_revision = '0007_tamper_evidence_and_mrn_case'
branch_labels = None
depends_on = None


def upgrade() -> None:
    from mash_desktop.catalog import billing_code

    with op.batch_alter_table('visit_notes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('not_billed', sa.JSON(), nullable=False,
                                      server_default='[]'))
    conn = op.get_bind()
    done: dict[int, set[str]] = {}
    for table, column in (("manual_therapy_doses", "technique_id"),
                          ("exercise_doses", "exercise_id"),
                          ("education_items", "topic_id")):
        rows = conn.execute(sa.text(
            f"SELECT d.visit_id, c.kind, c.key FROM {table} d "  # noqa: S608 - fixed names
            f"JOIN catalog_entries c ON c.id = d.{column}"))
        for visit_id, kind, key in rows:
            code = billing_code(kind, key)
            if code is not None:
                done.setdefault(visit_id, set()).add(code)
    billed: dict[int, set[str]] = {}
    for visit_id, code in conn.execute(sa.text("SELECT visit_id, code FROM billing_lines")):
        billed.setdefault(visit_id, set()).add(code)
    notes = sa.table("visit_notes", sa.column("id", sa.Integer),
                     sa.column("not_billed", sa.JSON))
    updates = [{"vid": vid, "codes": sorted(codes - billed.get(vid, set()))}
               for vid, codes in done.items() if codes - billed.get(vid, set())]
    if updates:
        conn.execute(notes.update().where(notes.c.id == sa.bindparam("vid"))
                     .values(not_billed=sa.bindparam("codes")), updates)


def downgrade() -> None:
    with op.batch_alter_table('visit_notes', schema=None) as batch_op:
        batch_op.drop_column('not_billed')
