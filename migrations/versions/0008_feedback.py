"""feedback: phản ánh, kiến nghị, their trail and the monthly running number of tracking codes

Attachments keep only metadata; the files live under the upload folder. The published channels
(feedback_channels) come in 0009.

Revision ID: 0008_feedback
Revises: 0007_case_stats_sqlite
"""
import sqlalchemy as sa
from alembic import op

revision = "0008_feedback"
down_revision = "0007_case_stats_sqlite"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('feedback_counter',
    sa.Column('month', sa.String(length=4), nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('month', name=op.f('pk_feedback_counter'))
    )
    op.create_table('feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tracking_code', sa.String(length=20), nullable=False),
    sa.Column('access_code', sa.String(length=16), nullable=False),
    sa.Column('submit_token', sa.String(length=64), nullable=True),
    sa.Column('kind', sa.Enum('phan_anh', 'kien_nghi', name='feedback_kind', native_enum=False, length=20), nullable=False),
    sa.Column('category', sa.Enum('obstruction', 'unsuitable', 'inconsistent', 'illegal', 'treaty_conflict', 'other', 'solution', 'initiative', name='feedback_category', native_enum=False, length=30), nullable=False),
    sa.Column('subject', sa.Enum('regulation', 'behaviour', name='feedback_subject', native_enum=False, length=20), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('procedure_code', sa.String(length=60), nullable=False),
    sa.Column('case_code', sa.String(length=60), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('submitter_kind', sa.Enum('individual', 'organisation', name='feedback_submitter_kind', native_enum=False, length=20), nullable=False),
    sa.Column('submitter_name', sa.String(length=200), nullable=False),
    sa.Column('submitter_address', sa.String(length=300), nullable=False),
    sa.Column('submitter_phone', sa.String(length=20), nullable=False),
    sa.Column('submitter_email', sa.String(length=200), nullable=False),
    sa.Column('consent_given_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('consent_version', sa.String(length=20), nullable=False),
    sa.Column('publish_allowed', sa.Boolean(), nullable=False),
    sa.Column('channel', sa.Enum('web', 'letter', 'phone', 'email', 'survey', name='feedback_channel', native_enum=False, length=20), nullable=False),
    sa.Column('status', sa.Enum('new', 'accepted', 'rejected', 'transferred', 'assigned', 'supplement_requested', 'supplemented', 'answer_drafted', 'answer_approved', 'published', 'answered_privately', 'closed', name='feedback_status', native_enum=False, length=30), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('handler_id', sa.Integer(), nullable=True),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('step_due_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answer_due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('rejection_reason', sa.Text(), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('public_question', sa.Text(), nullable=False),
    sa.Column('public_answer', sa.Text(), nullable=False),
    sa.Column('public_search', sa.Text(), nullable=False),
    sa.Column('satisfaction', sa.Enum('satisfied', 'not_satisfied', name='feedback_satisfaction', native_enum=False, length=20), nullable=True),
    sa.Column('satisfaction_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("submitter_phone <> '' OR submitter_email <> ''", name=op.f('ck_feedback_phone_or_email')),
    sa.CheckConstraint('length(content) <= 10000', name=op.f('ck_feedback_content_max_length')),
    sa.CheckConstraint('published_at IS NULL OR published_at >= received_at', name=op.f('ck_feedback_published_after_received')),
    sa.ForeignKeyConstraint(['handler_id'], ['staff_user.id'], name=op.f('fk_feedback_handler_id_staff_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_feedback_unit_id_unit'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback')),
    sa.UniqueConstraint('submit_token', name=op.f('uq_feedback_submit_token')),
    sa.UniqueConstraint('tracking_code', name=op.f('uq_feedback_tracking_code'))
    )
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.create_index('ix_feedback_status_received', ['status', 'received_at'], unique=False)
        batch_op.create_index('ix_feedback_published', ['published_at'], unique=False)
        batch_op.create_index('ix_feedback_unit_status_due', ['unit_id', 'status', 'answer_due_at'], unique=False)

    op.create_table('feedback_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('feedback_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_name', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('from_status', sa.String(length=30), nullable=True),
    sa.Column('to_status', sa.String(length=30), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['staff_user.id'], name=op.f('fk_feedback_event_actor_id_staff_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['feedback_id'], ['feedback.id'], name=op.f('fk_feedback_event_feedback_id_feedback'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback_event'))
    )
    with op.batch_alter_table('feedback_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_event_feedback_id'), ['feedback_id'], unique=False)
    op.create_table("feedback_attachment",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("feedback_id", sa.Integer(), nullable=False),
    sa.Column("name", sa.String(length=200), nullable=False),
    sa.Column("content_type", sa.String(length=100), nullable=False),
    sa.Column("size", sa.Integer(), nullable=False),
    sa.Column("sha256", sa.String(length=64), nullable=False),
    sa.Column("path", sa.String(length=200), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["feedback_id"], ["feedback.id"], name=op.f("fk_feedback_attachment_feedback_id_feedback"),
                            ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_attachment"))
    )
    with op.batch_alter_table("feedback_attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_attachment_feedback_id"), ["feedback_id"], unique=False)


def downgrade():
    with op.batch_alter_table("feedback_attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_attachment_feedback_id"))
    op.drop_table("feedback_attachment")
    with op.batch_alter_table("feedback_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_event_feedback_id"))
    op.drop_table("feedback_event")
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_index("ix_feedback_unit_status_due")
        batch_op.drop_index("ix_feedback_status_received")
        batch_op.drop_index("ix_feedback_published")
    op.drop_table("feedback")
    op.drop_table("feedback_counter")
