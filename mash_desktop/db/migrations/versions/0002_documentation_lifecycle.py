"""documentation lifecycle: note types, adverse-event screen answer, evaluation content,
goals tied to measures with revisions, plan of care and certification fields

Revision ID: 0002_documentation_lifecycle
Revises: 0001
Create Date: 2026-11-25 13:50:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0002_documentation_lifecycle'
down_revision = '0001'
branch_labels = None
depends_on = None

def episode_columns() -> list[sa.Column]:
    return [
        sa.Column('overlap_reason', sa.Text(), nullable=False, server_default=''),
        sa.Column('medical_icd10_code', sa.String(length=10), nullable=False, server_default=''),
        sa.Column('medical_diagnosis_text', sa.String(length=300), nullable=False,
                  server_default=''),
        sa.Column('session_minutes', sa.Integer(), nullable=False, server_default='60'),
        sa.Column('sessions_per_day', sa.Integer(), nullable=False, server_default='1'),
        sa.Column('sessions_per_week', sa.Integer(), nullable=False, server_default='2'),
        sa.Column('duration_weeks', sa.Integer(), nullable=False, server_default='8'),
        sa.Column('hep_times_per_day', sa.Integer(), nullable=True),
        sa.Column('hep_days_per_week', sa.Integer(), nullable=True),
        sa.Column('hep_notes', sa.Text(), nullable=False, server_default=''),
        sa.Column('physician_name', sa.String(length=200), nullable=False, server_default=''),
        sa.Column('physician_npi', sa.String(length=10), nullable=False, server_default=''),
        sa.Column('cert_sent_on', sa.Date(), nullable=True),
        sa.Column('cert_signed_on', sa.Date(), nullable=True),
        sa.Column('verbal_order_on', sa.Date(), nullable=True),
    ]


def upgrade() -> None:
    with op.batch_alter_table('visit_notes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('note_type', sa.String(length=20), nullable=False,
                                      server_default='daily'))
        batch_op.add_column(sa.Column('adverse_event_screen', sa.String(length=3),
                                      nullable=False, server_default=''))
        batch_op.add_column(sa.Column('evaluation', sa.JSON(), nullable=False,
                                      server_default='{}'))
        batch_op.add_column(sa.Column('goal_progress', sa.JSON(), nullable=False,
                                      server_default='{}'))
    # Existing notes: the type follows from the billed evaluation codes; the old form's
    # adverse-event checkbox was the screen's answer for every signed attended note.
    op.execute("UPDATE visit_notes SET note_type = 'evaluation' WHERE id IN (SELECT visit_id "
               "FROM billing_lines WHERE code IN ('97161', '97162', '97163'))")
    op.execute("UPDATE visit_notes SET note_type = 're-evaluation' WHERE id IN (SELECT "
               "visit_id FROM billing_lines WHERE code = '97164')")
    op.execute("UPDATE visit_notes SET adverse_event_screen = CASE WHEN adverse_event THEN "
               "'yes' ELSE 'no' END WHERE status = 'attended' AND (signed_at IS NOT NULL "
               "OR adverse_event)")
    with op.batch_alter_table('episodes', schema=None) as batch_op:
        for column in episode_columns():
            batch_op.add_column(column)
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('term', sa.String(length=10), nullable=False,
                                      server_default='long'))
        batch_op.add_column(sa.Column('instrument', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('baseline', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('target', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('status_reason', sa.Text(), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('created_at', sa.DateTime(), nullable=False,
                                      server_default=sa.func.current_timestamp()))
        batch_op.add_column(sa.Column('updated_at', sa.DateTime(), nullable=False,
                                      server_default=sa.func.current_timestamp()))
    op.create_table(
        'goal_revisions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('goal_id', sa.Integer(), nullable=False),
        sa.Column('revised_at', sa.DateTime(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('username', sa.String(length=60), nullable=False),
        sa.Column('changes', sa.JSON(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['goal_id'], ['goals.id'],
                                name=op.f('fk_goal_revisions_goal_id_goals')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'],
                                name=op.f('fk_goal_revisions_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_goal_revisions')),
    )
    with op.batch_alter_table('goal_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goal_revisions_goal_id'), ['goal_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('goal_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goal_revisions_goal_id'))
    op.drop_table('goal_revisions')
    with op.batch_alter_table('goals', schema=None) as batch_op:
        for name in ('updated_at', 'created_at', 'status_reason', 'target', 'baseline',
                     'instrument', 'term'):
            batch_op.drop_column(name)
    with op.batch_alter_table('episodes', schema=None) as batch_op:
        for column in reversed(episode_columns()):
            batch_op.drop_column(column.name)
    with op.batch_alter_table('visit_notes', schema=None) as batch_op:
        for name in ('goal_progress', 'evaluation', 'adverse_event_screen', 'note_type'):
            batch_op.drop_column(name)
