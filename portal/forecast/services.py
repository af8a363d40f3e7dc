"""The breach forecast's queries and commands (issue 18 point 2): train a model on the history known before a
day (with its backtest, which decides whether the model's forecasts or the naive rule's are stored), refresh the
forecasts of every open case, read a case's forecast, propose an apology's new date. Services flush, never commit.
"""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import delete, select, text

from portal.cases.models import Case
from portal.cases.rules import OPEN
from portal.core.clock import to_local
from portal.core.db import db
from portal.forecast import backtest as bt, features, model as m, records as rec
from portal.forecast.models import METHOD_MODEL, METHOD_NAIVE, CaseForecast, ForecastModel
from portal.forecast.reasons import describe  # noqa: F401  (the public API: services.describe)

BACKTEST_DAYS = 365  # `train` measures the model on the year before its cut-off
REFIT_EVERY_DAYS = 7
FACT_KEYS = ("overdue", "consultation", "supplement", "apology")  # facts, shown with the naive rule too


def current_model() -> ForecastModel | None:
    """The latest fit (by history cut-off, then by training time)."""
    return db.session.scalar(select(ForecastModel).order_by(ForecastModel.trained_on_until.desc(),
                                                            ForecastModel.trained_at.desc(),
                                                            ForecastModel.id.desc()).limit(1))


def forecast_of(case_id: int) -> CaseForecast | None:
    return db.session.get(CaseForecast, case_id)


def run_backtest(start: date, end: date, *, records: list[rec.CaseRecord] | None = None,
                 data_end: date | None = None, every_days: int = REFIT_EVERY_DAYS) -> dict:
    """The replay of [start, end] (backtest.replay_forecasts) with its figures and the warnings' replay.
    `data_end`: the last day whose outcomes count (default: the latest day in the records)."""
    records = records if records is not None else features.load_records()
    if not records:
        return {"n": 0, "replay": {}}
    W = features.work_index(records, start, end)
    if data_end is None:
        data_end = max(d for r in records for d in (r.received_day, r.end_day()) if d is not None)
    judged = bt.replay_forecasts(records, W, start, end, data_end, every_days=every_days)
    figures = bt.metrics(judged)
    figures.update({"start": start.isoformat(), "end": end.isoformat(), "data_end": data_end.isoformat(),
                    "refit_every_days": every_days})
    figures["replay"] = bt.warnings_replay(records, W, start, end, data_end, features.in_time_apologies())
    return figures


def train(until: date, now: datetime, backtest_days: int = BACKTEST_DAYS) -> ForecastModel:
    """Fit on what was known before `until` and measure it on the `backtest_days` before `until`. Idempotent: a
    second run for the same cut-off replaces the first fit's row."""
    records = [r for r in (rec.as_known_on(c, until) for c in features.load_records()) if r is not None]
    W = features.work_index(records or [], until) if records else None
    figures = run_backtest(until - timedelta(days=backtest_days), until - timedelta(days=1), records=records,
                           data_end=until - timedelta(days=1)) if records else {"n": 0}
    params = m.fit(records, W, until) if records else {}
    beats = bool(figures.get("beats_naive"))
    row = db.session.scalar(select(ForecastModel).where(ForecastModel.trained_on_until == until)) or ForecastModel(
        trained_on_until=until)
    row.trained_at, row.params, row.metrics = now, params, figures
    row.method = METHOD_MODEL if beats else METHOD_NAIVE
    row.beats_naive, row.n_cases = beats, params.get("n_cases", 0)
    if params:
        row.params = {**params, "threshold": figures.get("threshold")}
    db.session.add(row)
    db.session.flush()
    return row


def _forecast_day(now: datetime, W: rec.WorkIndex) -> date:
    """The day the forecast is for: today if it is a working day, else the next one (state: steps before it)."""
    today = to_local(now).date()
    return W.day(W(today))


# Two refreshes at once (the nightly timer and a command run by hand, or two servers' timers) take turns: on
# PostgreSQL this transaction-level advisory lock is held until the caller commits; on SQLite the commands run under
# core.db.write_intent (BEGIN IMMEDIATE), which serialises them the same way. Without it both insert the same case.
REFRESH_LOCK = 18_001  # pg_advisory_xact_lock key: "issue 18, forecast refresh"


def _one_refresh_at_a_time() -> None:
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": REFRESH_LOCK})


def refresh_open(now: datetime) -> int:
    """Recompute the forecast of every open case with the current model (the nightly job); forecasts of cases
    no longer open are removed. Returns how many were written; 0 when no model was trained yet."""
    _one_refresh_at_a_time()
    fitted = current_model()
    open_ids = set(db.session.scalars(select(Case.id).where(Case.status.in_(list(OPEN)))))
    closed = select(Case.id).where(Case.status.not_in(list(OPEN)))
    db.session.execute(delete(CaseForecast).where(CaseForecast.case_id.in_(closed)))
    if fitted is None or not fitted.params or not open_ids:
        db.session.flush()
        return 0
    records = features.load_records()
    W = features.work_index(records, to_local(now).date())
    d = _forecast_day(now, W)
    loads = rec.handler_loads(records, W)
    existing = {f.case_id: f for f in db.session.scalars(select(CaseForecast))}
    written = 0
    for record in records:
        if record.id not in open_ids:
            continue
        load = loads.get((record.handler, W(d))) if record.handler is not None else None
        s = rec.snapshot(record, d, W, load)
        f = m.predict(fitted.params, s)
        row = existing.get(record.id) or CaseForecast(case_id=record.id)
        row.computed_at, row.model_id = now, fitted.id
        if fitted.method == METHOD_MODEL:
            row.method, row.p_late, row.reasons = METHOD_MODEL, f.p_late, f.reasons
            likely, bound = f.rem_median, f.rem_bound
        else:
            row.method, row.p_late = METHOD_NAIVE, 1.0 if f.naive_late else 0.0
            row.reasons = [{"key": "naive", "params": {"median_days": f.naive_rem, "days_left": s.r}}] + [
                r for r in f.reasons if r["key"] in FACT_KEYS]
            likely, bound = f.naive_rem, max(f.naive_rem, f.naive_bound)
        row.likely_finish_day, row.late_bound_day = W.day(W(d) + likely), W.day(W(d) + bound)
        db.session.add(row)
        written += 1
    db.session.flush()
    return written


def likely_new_due(case: Case, now: datetime) -> datetime | None:
    """A new return date to propose in the apology (Mẫu 04): the forecast's late bound at the case's due time of
    day, never before the next working day after the current due day; None without a forecast."""
    forecast = forecast_of(case.id)
    if forecast is None:
        return None
    due = to_local(case.due_at)
    records = features.load_records({case.id})
    W = features.work_index(records, forecast.late_bound_day, to_local(now).date())
    day = max(forecast.late_bound_day, W.day(W(due.date()) + 1))
    return datetime.combine(day, due.timetz()).astimezone(UTC)
