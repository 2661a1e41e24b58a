"""signed documents: the documents table (PDF bytes, SHA-256, signer, version and
addendum links) and the licence number / NPI printed in a user's signature block;
shipped catalog entries are trial-named only where the registry text names them

Revision ID: 0003_signed_documents
Revises: 0002_documentation_lifecycle
Create Date: 2026-11-25 13:46:56.803232
"""
import sqlalchemy as sa
from alembic import op

revision = '0003_signed_documents'
down_revision = '0002_documentation_lifecycle'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('episode_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('supersedes_id', sa.Integer(), nullable=True),
    sa.Column('addendum_to_id', sa.Integer(), nullable=True),
    sa.Column('period_start', sa.Date(), nullable=True),
    sa.Column('period_end', sa.Date(), nullable=True),
    sa.Column('pdf', sa.LargeBinary(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('signed_by_id', sa.Integer(), nullable=True),
    sa.Column('signer_name', sa.String(length=200), nullable=False),
    sa.Column('signer_credentials', sa.String(length=40), nullable=False),
    sa.Column('signed_at', sa.DateTime(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['addendum_to_id'], ['documents.id'], 
                            name=op.f('fk_documents_addendum_to_id_documents')),
    sa.ForeignKeyConstraint(['episode_id'], ['episodes.id'], 
                            name=op.f('fk_documents_episode_id_episodes')),
    sa.ForeignKeyConstraint(['signed_by_id'], ['users.id'], 
                            name=op.f('fk_documents_signed_by_id_users')),
    sa.ForeignKeyConstraint(['supersedes_id'], ['documents.id'], 
                            name=op.f('fk_documents_supersedes_id_documents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents'))
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index('ix_documents_episode_kind', ['episode_id', 'kind'], unique=False)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('licence_number', sa.String(length=40), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('npi', sa.String(length=10), nullable=False,
                                      server_default=''))
    # mash_program.md §3.1 names categories, not exercises: only these shipped entries
    # are named by the registry text itself (a clinic's own entries are never trial-named).
    op.execute("UPDATE catalog_entries SET trial_named = CASE WHEN key IN "
               "('stationary_cycling', 'lumbar_soft_tissue', 'edu_home_program') "
               "THEN TRUE ELSE FALSE END WHERE NOT custom")



def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('npi')
        batch_op.drop_column('licence_number')

    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index('ix_documents_episode_kind')

    op.drop_table('documents')
