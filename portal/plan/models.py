"""The reform plan: plan → field (lĩnh vực) → result (kết quả) → activity (hoạt động), with progress
updates and indicator reports kept as history (DOMAIN.md §8). Totals are computed, never stored."""
from __future__ import annotations

from portal.core.clock import utcnow
from portal.core.db import UTCDateTime, db, string_enum
from portal.plan.rules import Direction, Metric, PlanStatus, Progress


class Plan(db.Model):
    __tablename__ = "plan"

    id = db.Column(db.Integer, primary_key=True)
    year = db.Column(db.Integer, nullable=False)
    title = db.Column(db.String(300), nullable=False)
    unit_id = db.Column(db.Integer, db.ForeignKey("unit.id", ondelete="RESTRICT"))  # the following unit (Nội vụ)
    decision_number = db.Column(db.String(60), nullable=False, default="")
    decision_date = db.Column(db.Date)
    status = db.Column(string_enum(PlanStatus, "plan_status", 10), nullable=False, default=PlanStatus.DRAFT)
    stated_grand_total = db.Column(db.BigInteger)  # the source's "Tổng kinh phí" line, if any
    notes = db.Column(db.Text, nullable=False, default="")  # transcription / import notes
    copied_from_id = db.Column(db.Integer, db.ForeignKey("plan.id", ondelete="SET NULL"))
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    version = db.Column(db.Integer, nullable=False, default=1)

    unit = db.relationship("Unit")
    fields = db.relationship("PlanField", order_by="PlanField.position", back_populates="plan",
                             cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (db.UniqueConstraint("year", "unit_id", "title", name="uq_plan_year_unit_title"),)


class PlanField(db.Model):
    __tablename__ = "plan_field"

    id = db.Column(db.Integer, primary_key=True)
    plan_id = db.Column(db.Integer, db.ForeignKey("plan.id", ondelete="CASCADE"), nullable=False, index=True)
    code = db.Column(db.String(10), nullable=False)  # I … VIII
    position = db.Column(db.Integer, nullable=False)
    title = db.Column(db.String(300), nullable=False)
    goals = db.Column(db.Text, nullable=False, default="")
    stated_total = db.Column(db.BigInteger)  # the source's "Tổng cộng" line, if any
    source_note = db.Column(db.Text, nullable=False, default="")

    plan = db.relationship("Plan", back_populates="fields")
    results = db.relationship("PlanResult", order_by="PlanResult.position", back_populates="field",
                              cascade="all, delete-orphan")

    __table_args__ = (db.UniqueConstraint("plan_id", "code", name="uq_plan_field_code"),)


class PlanResult(db.Model):
    __tablename__ = "plan_result"

    id = db.Column(db.Integer, primary_key=True)
    field_id = db.Column(db.Integer, db.ForeignKey("plan_field.id", ondelete="CASCADE"), nullable=False, index=True)
    code = db.Column(db.String(20), nullable=False)  # 2.3
    position = db.Column(db.Integer, nullable=False)
    title = db.Column(db.Text, nullable=False, default="")
    indicator = db.Column(db.Text, nullable=False, default="")  # "Chỉ số" text
    target_value = db.Column(db.Float)
    target_unit = db.Column(db.String(30), nullable=False, default="")  # %, dịch vụ, văn bản …
    direction = db.Column(string_enum(Direction, "plan_direction", 2))
    baseline = db.Column(db.Float)
    metric = db.Column(string_enum(Metric, "plan_metric", 30))  # bound to a live figure, or reported
    stated_total = db.Column(db.BigInteger)  # the source's "Tổng" line, if any
    source_note = db.Column(db.Text, nullable=False, default="")

    field = db.relationship("PlanField", back_populates="results")
    activities = db.relationship("PlanActivity", order_by="PlanActivity.position", back_populates="result",
                                 cascade="all, delete-orphan")
    reports = db.relationship("IndicatorReport", order_by="IndicatorReport.id", back_populates="result",
                              cascade="all, delete-orphan")


class PlanActivity(db.Model):
    __tablename__ = "plan_activity"

    id = db.Column(db.Integer, primary_key=True)
    result_id = db.Column(db.Integer, db.ForeignKey("plan_result.id", ondelete="CASCADE"), nullable=False, index=True)
    code = db.Column(db.String(20), nullable=False)  # 2.3.2, unique within the plan (checked by services)
    position = db.Column(db.Integer, nullable=False)
    name = db.Column(db.Text, nullable=False)
    expected = db.Column(db.Text, nullable=False, default="")  # kết quả dự kiến
    output = db.Column(db.Text, nullable=False, default="")  # sản phẩm
    budget = db.Column(db.BigInteger, nullable=False, default=0)  # VND
    lead_unit_id = db.Column(db.Integer, db.ForeignKey("unit.id", ondelete="RESTRICT"), index=True)
    lead_text = db.Column(db.String(300), nullable=False, default="")  # as written (also for collective leads)
    coordinating = db.Column(db.Text, nullable=False, default="")
    start_month = db.Column(db.SmallInteger)
    end_month = db.Column(db.SmallInteger)
    note = db.Column(db.Text, nullable=False, default="")
    source_note = db.Column(db.Text, nullable=False, default="")
    progress = db.Column(string_enum(Progress, "plan_progress", 12), nullable=False, default=Progress.NOT_STARTED)
    percent = db.Column(db.SmallInteger, nullable=False, default=0)
    progress_at = db.Column(UTCDateTime())
    reminded_at = db.Column(UTCDateTime())  # the last reminder before the end month
    version = db.Column(db.Integer, nullable=False, default=1)

    result = db.relationship("PlanResult", back_populates="activities")
    lead_unit = db.relationship("Unit")
    updates = db.relationship("ActivityUpdate", order_by="ActivityUpdate.id", back_populates="activity",
                              cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        db.CheckConstraint("budget >= 0", name="budget_not_negative"),
        db.CheckConstraint("percent BETWEEN 0 AND 100", name="percent_range"),
        db.CheckConstraint("start_month IS NULL OR start_month BETWEEN 1 AND 12", name="start_month_range"),
        db.CheckConstraint("end_month IS NULL OR end_month BETWEEN 1 AND 12", name="end_month_range"),
        db.CheckConstraint("start_month IS NULL OR end_month IS NULL OR start_month <= end_month",
                           name="months_ordered"),
    )


class ActivityUpdate(db.Model):
    """A progress report by the lead unit: kept as history."""

    __tablename__ = "plan_activity_update"

    id = db.Column(db.Integer, primary_key=True)
    activity_id = db.Column(db.Integer, db.ForeignKey("plan_activity.id", ondelete="CASCADE"), nullable=False,
                            index=True)
    at = db.Column(UTCDateTime(), nullable=False)
    actor_id = db.Column(db.Integer, db.ForeignKey("staff_user.id", ondelete="SET NULL"))
    actor_name = db.Column(db.String(200), nullable=False, default="")
    progress = db.Column(string_enum(Progress, "plan_progress", 12), nullable=False)
    percent = db.Column(db.SmallInteger, nullable=False)
    comment = db.Column(db.Text, nullable=False, default="")
    evidence_name = db.Column(db.String(200), nullable=False, default="")
    evidence_type = db.Column(db.String(100), nullable=False, default="")
    evidence_size = db.Column(db.Integer)
    evidence_sha256 = db.Column(db.String(64), nullable=False, default="")
    evidence_path = db.Column(db.String(200), nullable=False, default="")

    activity = db.relationship("PlanActivity", back_populates="updates")

    __table_args__ = (db.CheckConstraint("percent BETWEEN 0 AND 100", name="percent_range"),)


class IndicatorReport(db.Model):
    """A value reported by the lead unit for an indicator the portal does not measure: kept as history."""

    __tablename__ = "plan_indicator_report"

    id = db.Column(db.Integer, primary_key=True)
    result_id = db.Column(db.Integer, db.ForeignKey("plan_result.id", ondelete="CASCADE"), nullable=False,
                          index=True)
    at = db.Column(UTCDateTime(), nullable=False)
    actor_id = db.Column(db.Integer, db.ForeignKey("staff_user.id", ondelete="SET NULL"))
    actor_name = db.Column(db.String(200), nullable=False, default="")
    value = db.Column(db.Float, nullable=False)
    as_of = db.Column(db.Date, nullable=False)
    comment = db.Column(db.Text, nullable=False, default="")
    evidence_name = db.Column(db.String(200), nullable=False, default="")
    evidence_type = db.Column(db.String(100), nullable=False, default="")
    evidence_size = db.Column(db.Integer)
    evidence_sha256 = db.Column(db.String(64), nullable=False, default="")
    evidence_path = db.Column(db.String(200), nullable=False, default="")

    result = db.relationship("PlanResult", back_populates="reports")
