"""Instrument version strings get room for their full citation.

SQLite never enforced VARCHAR lengths, so the shipped instrument versions (up to 49
characters) fitted; PostgreSQL enforces them, so the two columns that hold them widen.

Revision ID: 0010_postgresql_text_lengths
Revises: 0009_appointments
"""
import sqlalchemy as sa
from alembic import op

revision = '0010_postgresql_text_lengths'
down_revision = '0009_appointments'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('instrument_definitions') as batch_op:
        batch_op.alter_column('version', existing_type=sa.String(length=40),
                              type_=sa.String(length=200), existing_nullable=False)
    with op.batch_alter_table('assessments') as batch_op:
        batch_op.alter_column('instrument_version', existing_type=sa.String(length=40),
                              type_=sa.String(length=200), existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('assessments') as batch_op:
        batch_op.alter_column('instrument_version', existing_type=sa.String(length=200),
                              type_=sa.String(length=40), existing_nullable=False)
    with op.batch_alter_table('instrument_definitions') as batch_op:
        batch_op.alter_column('version', existing_type=sa.String(length=200),
                              type_=sa.String(length=40), existing_nullable=False)
