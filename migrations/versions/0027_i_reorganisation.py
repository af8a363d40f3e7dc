"""units: validity dates and successor links (merge, split, abolish), issue 15 point 1.

Adds `unit.valid_from` / `unit.valid_to` (inclusive; NULL = since always / still exists), `reorganisation` (one
recorded change effective from a day) and `unit_succession` (predecessor -> successor). No data is changed.

Revision ID: 0027_i_reorganisation
Revises: 0026_h_unit_name_history
"""
import sqlalchemy as sa
from alembic import op

revision = "0027_i_reorganisation"
down_revision = "0026_h_unit_name_history"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("unit") as batch:
        batch.add_column(sa.Column("valid_from", sa.Date(), nullable=True))
        batch.add_column(sa.Column("valid_to", sa.Date(), nullable=True))
    op.create_table(
        "reorganisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Enum("merge", "split", "abolish", name="reorganisation_kind", native_enum=False,
                                  length=20), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("legal_basis", sa.String(length=300), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["created_by_id"], ["staff_user.id"],
                                name=op.f("fk_reorganisation_created_by_id_staff_user"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reorganisation")),
    )
    op.create_table(
        "unit_succession",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reorganisation_id", sa.Integer(), nullable=False),
        sa.Column("predecessor_id", sa.Integer(), nullable=False),
        sa.Column("successor_id", sa.Integer(), nullable=False),
        sa.Column("takes_open_work", sa.Boolean(), nullable=False),
        sa.CheckConstraint("predecessor_id <> successor_id", name=op.f("ck_unit_succession_not_itself")),
        sa.ForeignKeyConstraint(["reorganisation_id"], ["reorganisation.id"],
                                name=op.f("fk_unit_succession_reorganisation_id_reorganisation"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["predecessor_id"], ["unit.id"], name=op.f("fk_unit_succession_predecessor_id_unit"),
                                ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["successor_id"], ["unit.id"], name=op.f("fk_unit_succession_successor_id_unit"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_succession")),
        sa.UniqueConstraint("predecessor_id", "successor_id", name=op.f("uq_unit_succession_predecessor_id_successor_id")),
    )
    for col in ("reorganisation_id", "predecessor_id", "successor_id"):
        op.create_index(op.f(f"ix_unit_succession_{col}"), "unit_succession", [col], unique=False)


def downgrade():
    for col in ("reorganisation_id", "predecessor_id", "successor_id"):
        op.drop_index(op.f(f"ix_unit_succession_{col}"), table_name="unit_succession")
    op.drop_table("unit_succession")
    op.drop_table("reorganisation")
    with op.batch_alter_table("unit") as batch:
        batch.drop_column("valid_to")
        batch.drop_column("valid_from")
