"""PostgreSQL: every audited write wakes the other workstations (LISTEN/NOTIFY).

Each service write leaves an audit row; a statement-level trigger on ``audit_log`` sends
``NOTIFY mash_changes`` when the writing transaction commits (PostgreSQL folds repeats
within one transaction into one). Workstations listening on the channel then read the
new audit rows and redraw what changed. Audited reads (a chart or document viewed, a
report printed, an export, a sign-in: ``changes.READ_ACTIONS`` when this was written)
change nothing shown, so they wake nobody. SQLite has no notifications: nothing to do.

Revision ID: 0012_change_notifications
Revises: 0011_optimistic_locking
"""
from alembic import op

revision = '0012_change_notifications'
down_revision = '0011_optimistic_locking'
branch_labels = None
depends_on = None

# Audit actions that only read (frozen here: changes.READ_ACTIONS may grow later).
READ_ACTIONS = ("report", "export", "view", "login", "login_failed", "login_locked", "logout")


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    reads = ", ".join(f"'{a}'" for a in READ_ACTIONS)
    op.execute(f"""
        CREATE OR REPLACE FUNCTION mash_notify_change() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF EXISTS (SELECT 1 FROM new_rows WHERE action NOT IN ({reads})) THEN
                PERFORM pg_notify('mash_changes', '');
            END IF;
            RETURN NULL;
        END $$
    """)
    op.execute("""
        CREATE TRIGGER audit_log_notify AFTER INSERT ON audit_log
        REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION mash_notify_change()
    """)


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute("DROP TRIGGER IF EXISTS audit_log_notify ON audit_log")
    op.execute("DROP FUNCTION IF EXISTS mash_notify_change()")
