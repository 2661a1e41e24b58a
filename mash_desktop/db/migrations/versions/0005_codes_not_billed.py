"""codes not billed: the CPT codes of interventions a note documents but does not bill
(BPM ch. 15 §220.3 E: interventions billed or not), so each one is accounted for

Revision ID: 0005_codes_not_billed
Revises: 0004_notes_signed_before_checklist
Create Date: 2026-11-25 17:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0005_codes_not_billed'
down_revision = '0004_notes_signed_before_checklist'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('visit_notes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('not_billed', sa.JSON(), nullable=False,
                                      server_default='[]'))


def downgrade() -> None:
    with op.batch_alter_table('visit_notes', schema=None) as batch_op:
        batch_op.drop_column('not_billed')
