"""appointments: the day's planned visits (time, patient, status) for the Today screen;
a partial index on unsigned visit notes (the Today screen's overdue notes)

Revision ID: 0009_appointments
Revises: 0008_codes_not_billed
Create Date: 2026-11-25 16:50:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0009_appointments'
down_revision = '0008_codes_not_billed'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'appointments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('start_time', sa.Time(), nullable=True),
        sa.Column('patient_id', sa.Integer(), nullable=False),
        sa.Column('episode_id', sa.Integer(), nullable=True),
        sa.Column('clinician_id', sa.Integer(), nullable=True),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('note', sa.String(length=200), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['clinician_id'], ['users.id'],
                                name=op.f('fk_appointments_clinician_id_users')),
        sa.ForeignKeyConstraint(['episode_id'], ['episodes.id'],
                                name=op.f('fk_appointments_episode_id_episodes')),
        sa.ForeignKeyConstraint(['patient_id'], ['patients.id'],
                                name=op.f('fk_appointments_patient_id_patients')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_appointments')),
    )
    with op.batch_alter_table('appointments', schema=None) as batch_op:
        batch_op.create_index('ix_appointments_day', ['day', 'clinician_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_appointments_patient_id'), ['patient_id'],
                              unique=False)
    with op.batch_alter_table('visit_notes', schema=None) as batch_op:
        batch_op.create_index('ix_visit_notes_unsigned', ['visit_date'], unique=False,
                              sqlite_where=sa.text('signed_at IS NULL'),
                              postgresql_where=sa.text('signed_at IS NULL'))


def downgrade() -> None:
    with op.batch_alter_table('visit_notes', schema=None) as batch_op:
        batch_op.drop_index('ix_visit_notes_unsigned')
    with op.batch_alter_table('appointments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_appointments_patient_id'))
        batch_op.drop_index('ix_appointments_day')
    op.drop_table('appointments')
