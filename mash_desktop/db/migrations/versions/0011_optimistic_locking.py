"""Version numbers on patients, episodes, session notes, appointments (optimistic locking).

Several workstations on one clinic server may open the same chart; each UPDATE checks
the version it read and bumps it, so a save from an outdated form is refused instead of
silently overwriting (services/concurrency.py). Appointments are marked (arrived, seen)
from the front desk and the PT's room at once, so theirs is checked too. Existing rows
start at version 1.

Revision ID: 0011_optimistic_locking
Revises: 0010_postgresql_text_lengths
"""
import sqlalchemy as sa
from alembic import op

revision = '0011_optimistic_locking'
down_revision = '0010_postgresql_text_lengths'
branch_labels = None
depends_on = None

TABLES = ('patients', 'episodes', 'visit_notes', 'appointments')


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1',
                                          nullable=False))


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column('version')
