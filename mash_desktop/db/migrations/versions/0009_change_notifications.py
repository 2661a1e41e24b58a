"""PostgreSQL: every audited write wakes the other workstations (LISTEN/NOTIFY).

Each service write leaves an audit row; a statement-level trigger on ``audit_log`` sends
``NOTIFY mash_changes`` when the writing transaction commits (PostgreSQL folds repeats
within one transaction into one). Workstations listening on the channel then read the
new audit rows and redraw what changed. SQLite has no notifications: nothing to do.

Revision ID: 0009_change_notifications
Revises: 0008_optimistic_locking
"""
from alembic import op

revision = '0009_change_notifications'
down_revision = '0008_optimistic_locking'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute("""
        CREATE OR REPLACE FUNCTION mash_notify_change() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('mash_changes', '');
            RETURN NULL;
        END $$
    """)
    op.execute("""
        CREATE TRIGGER audit_log_notify AFTER INSERT ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION mash_notify_change()
    """)


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute("DROP TRIGGER IF EXISTS audit_log_notify ON audit_log")
    op.execute("DROP FUNCTION IF EXISTS mash_notify_change()")
