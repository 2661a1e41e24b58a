"""tamper evidence (audit hash chain, signed-content hashes) and case-insensitive MRNs

Revision ID: 0007_tamper_evidence_and_mrn_case
Revises: 0006_home_exercise_frequency
Create Date: 2026-11-25 14:00:00

Adds ``audit_log.hash``, ``visit_notes.content_hash``, ``addenda.content_hash`` and
``documents.content_hash`` (the next start back-fills them for existing rows, so ``check``
can verify from then on; what was changed before cannot be told apart), and a unique
index on lower(mrn). A file that already holds MRNs differing only by case keeps
working without that index; ``check`` lists the pairs so one can be renamed.
"""
import logging

import sqlalchemy as sa
from alembic import op

revision = '0007_tamper_evidence_and_mrn_case'
down_revision = '0006_home_exercise_frequency'
branch_labels = None
depends_on = None

log = logging.getLogger(__name__)


def upgrade() -> None:
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hash', sa.String(length=64), nullable=True))
    with op.batch_alter_table('visit_notes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('content_hash', sa.String(length=64), nullable=True))
    with op.batch_alter_table('addenda', schema=None) as batch_op:
        batch_op.add_column(sa.Column('content_hash', sa.String(length=64), nullable=True))
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('content_hash', sa.String(length=64), nullable=True))
    bind = op.get_bind()
    dupes = bind.execute(sa.text("SELECT lower(mrn) FROM patients GROUP BY lower(mrn) "
                                 "HAVING count(*) > 1")).all()
    if dupes:
        log.warning("%d MRN(s) differ only by case; the case-insensitive unique index is "
                    "left out until they are renamed", len(dupes))
    else:
        op.create_index('uq_patients_mrn_lower', 'patients', [sa.text('lower(mrn)')],
                        unique=True)
    # The hashes of existing rows are made by services.tamper.start_tamper_evidence at
    # the next start (the database layer imports no services).


def downgrade() -> None:
    op.drop_index('uq_patients_mrn_lower', table_name='patients', if_exists=True)
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_column('content_hash')
    with op.batch_alter_table('addenda', schema=None) as batch_op:
        batch_op.drop_column('content_hash')
    with op.batch_alter_table('visit_notes', schema=None) as batch_op:
        batch_op.drop_column('content_hash')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_column('hash')
