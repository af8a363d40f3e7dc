"""The breach forecast's tables (issue 18 point 2): one row per open case, and the fitted models with their
backtest. Read by the "at risk" screens (forecast.views) and the warnings (portal.alerts)."""
from __future__ import annotations

from portal.core.db import UTCDateTime, db

METHOD_MODEL = "model"
METHOD_NAIVE = "naive"


class ForecastModel(db.Model):
    """One fit of the model on the history known up to `trained_on_until` (a local day, exclusive), with the
    backtest that decides whether its forecasts or the naive rule's are shown (`beats_naive`)."""

    __tablename__ = "forecast_model"

    id = db.Column(db.Integer, primary_key=True)
    trained_at = db.Column(UTCDateTime(), nullable=False)
    trained_on_until = db.Column(db.Date, nullable=False)  # history cut-off: only what was known before this day
    method = db.Column(db.String(20), nullable=False)  # "model" or "naive": what the stored forecasts use
    params = db.Column(db.JSON, nullable=False, default=dict)  # quantile tables, threshold, minimum n …
    metrics = db.Column(db.JSON, nullable=False, default=dict)  # backtest: precision, recall, reliability, naive, n
    beats_naive = db.Column(db.Boolean, nullable=False, default=False)
    n_cases = db.Column(db.Integer, nullable=False, default=0)

    __table_args__ = (db.CheckConstraint("method IN ('model', 'naive')", name="method_known"),)


class CaseForecast(db.Model):
    """The current forecast for an open case: chance of finishing after the LEGAL due day
    (Case.original_due_at, judged by days), the likely finishing day and a late bound, with its reasons
    as keys and parameters (reasons.describe puts them in words; no personal data)."""

    __tablename__ = "case_forecast"

    case_id = db.Column(db.Integer, db.ForeignKey("case_file.id", ondelete="CASCADE"), primary_key=True)
    computed_at = db.Column(UTCDateTime(), nullable=False)
    p_late = db.Column(db.Float, nullable=False)
    likely_finish_day = db.Column(db.Date, nullable=False)  # local day, median of the conditional distribution
    late_bound_day = db.Column(db.Date, nullable=False)  # local day, 80th percentile
    reasons = db.Column(db.JSON, nullable=False, default=list)  # [{"key": str, "params": {...}}], most important first
    method = db.Column(db.String(20), nullable=False)  # "model" or "naive"
    model_id = db.Column(db.Integer, db.ForeignKey("forecast_model.id", ondelete="SET NULL"), index=True)

    case = db.relationship("Case")
    model = db.relationship("ForecastModel")

    __table_args__ = (
        db.Index("ix_case_forecast_p_late", "p_late"),
        db.CheckConstraint("p_late >= 0 AND p_late <= 1", name="p_late_probability"),
        db.CheckConstraint("method IN ('model', 'naive')", name="method_known"),
    )
