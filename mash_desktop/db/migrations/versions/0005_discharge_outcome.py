"""discharge outcome as a choice: episodes.discharge_kind ("goals_met", "course_completed",
…); "goals met" is then a claim the services and `check` hold to the long-term goals'
statuses instead of words found in the free-text reason

Revision ID: 0005_discharge_outcome
Revises: 0004_notes_signed_before_checklist
Create Date: 2026-11-25 17:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0005_discharge_outcome'
down_revision = '0004_notes_signed_before_checklist'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('episodes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('discharge_kind', sa.String(length=20), nullable=False,
                                      server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('episodes', schema=None) as batch_op:
        batch_op.drop_column('discharge_kind')
