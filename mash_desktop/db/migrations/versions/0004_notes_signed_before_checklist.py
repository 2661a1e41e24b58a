"""notes signed before the sign checklist: a flag on visit notes imported from an export
made before note types existed (kept exactly as signed; the checklist is not applied)

Revision ID: 0004_notes_signed_before_checklist
Revises: 0003_signed_documents
Create Date: 2026-11-25 17:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0004_notes_signed_before_checklist'
down_revision = '0003_signed_documents'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('visit_notes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('signed_before_checklist', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('visit_notes', schema=None) as batch_op:
        batch_op.drop_column('signed_before_checklist')
