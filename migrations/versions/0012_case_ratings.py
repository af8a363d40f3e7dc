"""case ratings: one satisfaction rating per returned case, with the nine TT 01/2018 points

Unit, procedure, desk officer and handler are copied from the case when the rating is stored, so the
statistics never join case_file. One rating per case is the unique constraint on case_id.

Revision ID: 0012_case_ratings
Revises: 0011_feedback_merge
"""
import sqlalchemy as sa
from alembic import op

revision = "0012_case_ratings"
down_revision = "0011_feedback_merge"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("case_rating",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("case_id", sa.Integer(), nullable=False),
    sa.Column("channel", sa.Enum("tablet", "online", "paper", name="rating_channel", native_enum=False, length=10), nullable=False),
    sa.Column("scale", sa.SmallInteger(), nullable=False),
    sa.Column("level", sa.Enum("very_satisfied", "satisfied", "neutral", "not_satisfied", "very_not_satisfied",
                               name="rating_level", native_enum=False, length=20), nullable=False),
    sa.Column("satisfied", sa.Boolean(), nullable=False),
    sa.Column("contacts", sa.SmallInteger(), nullable=False),
    sa.Column("agencies", sa.SmallInteger(), nullable=False),
    sa.Column("attitude", sa.Enum("good", "indifferent", "harassing", name="rating_attitude", native_enum=False, length=12),
              nullable=False),
    sa.Column("comment", sa.Text(), nullable=False),
    sa.Column("rated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("rated_on", sa.Date(), nullable=False),
    sa.Column("entered_by_id", sa.Integer(), nullable=True),
    sa.Column("unit_id", sa.Integer(), nullable=False),
    sa.Column("procedure_id", sa.Integer(), nullable=False),
    sa.Column("officer_id", sa.Integer(), nullable=True),
    sa.Column("handler_id", sa.Integer(), nullable=True),
    sa.Column("i1", sa.SmallInteger(), nullable=False),
    sa.Column("i2", sa.SmallInteger(), nullable=False),
    sa.Column("i3", sa.SmallInteger(), nullable=False),
    sa.Column("i4", sa.SmallInteger(), nullable=False),
    sa.Column("i5", sa.SmallInteger(), nullable=False),
    sa.Column("i6", sa.SmallInteger(), nullable=False),
    sa.Column("i7", sa.SmallInteger(), nullable=False),
    sa.Column("i8", sa.SmallInteger(), nullable=False),
    sa.Column("i9", sa.SmallInteger(), nullable=False),
    sa.Column("officer_score", sa.SmallInteger(), nullable=False),
    sa.Column("agency_score", sa.SmallInteger(), nullable=False),
    sa.CheckConstraint("scale IN (3, 5)", name=op.f("ck_case_rating_scale_3_or_5")),
    sa.CheckConstraint("contacts BETWEEN 0 AND 2", name=op.f("ck_case_rating_contacts_range")),
    sa.CheckConstraint("agencies BETWEEN 1 AND 3", name=op.f("ck_case_rating_agencies_range")),
    sa.CheckConstraint("officer_score BETWEEN 0 AND 10", name=op.f("ck_case_rating_officer_score_range")),
    sa.CheckConstraint("agency_score BETWEEN 0 AND 18", name=op.f("ck_case_rating_agency_score_range")),
    sa.ForeignKeyConstraint(["case_id"], ["case_file.id"], name=op.f("fk_case_rating_case_id_case_file"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["entered_by_id"], ["staff_user.id"], name=op.f("fk_case_rating_entered_by_id_staff_user"),
                            ondelete="SET NULL"),
    sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_case_rating_unit_id_unit"), ondelete="RESTRICT"),
    sa.ForeignKeyConstraint(["procedure_id"], ["procedure.id"], name=op.f("fk_case_rating_procedure_id_procedure"),
                            ondelete="RESTRICT"),
    sa.ForeignKeyConstraint(["officer_id"], ["staff_user.id"], name=op.f("fk_case_rating_officer_id_staff_user"),
                            ondelete="SET NULL"),
    sa.ForeignKeyConstraint(["handler_id"], ["staff_user.id"], name=op.f("fk_case_rating_handler_id_staff_user"),
                            ondelete="SET NULL"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_case_rating")),
    sa.UniqueConstraint("case_id", name=op.f("uq_case_rating_case_id"))
    )
    with op.batch_alter_table("case_rating", schema=None) as batch_op:
        batch_op.create_index("ix_case_rating_rated_on", ["rated_on"], unique=False)
        batch_op.create_index("ix_case_rating_unit_rated_on", ["unit_id", "rated_on"], unique=False)
        batch_op.create_index("ix_case_rating_procedure_rated_on", ["procedure_id", "rated_on"], unique=False)
        batch_op.create_index("ix_case_rating_officer_rated_on", ["officer_id", "rated_on"], unique=False)


def downgrade():
    with op.batch_alter_table("case_rating", schema=None) as batch_op:
        batch_op.drop_index("ix_case_rating_officer_rated_on")
        batch_op.drop_index("ix_case_rating_procedure_rated_on")
        batch_op.drop_index("ix_case_rating_unit_rated_on")
        batch_op.drop_index("ix_case_rating_rated_on")
    op.drop_table("case_rating")
