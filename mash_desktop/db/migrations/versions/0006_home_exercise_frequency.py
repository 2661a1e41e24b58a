"""home program frequency per exercise: episodes.hep_exercises, an exercise's own times a
day and days a week where they differ from the program's (the program's stay the default)

Revision ID: 0006_home_exercise_frequency
Revises: 0005_discharge_outcome
Create Date: 2026-11-25 17:20:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0006_home_exercise_frequency'
down_revision = '0005_discharge_outcome'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('episodes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hep_exercises', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('episodes', schema=None) as batch_op:
        batch_op.drop_column('hep_exercises')
