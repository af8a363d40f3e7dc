"""`flask forecast train | refresh | backtest` (issue 18 points 2 and 3; docs/forecast.md). `refresh` is the
nightly job (cron, docs/forecast.md); both `train` and `refresh` can run again without harm."""
from __future__ import annotations

import json
from datetime import timedelta

import click
from flask.cli import with_appcontext

from portal.core.clock import to_local, utcnow
from portal.core.db import db, write_intent


@click.group("forecast")
def forecast_cli() -> None:
    """Breach forecast: train on the history, refresh the open cases' forecasts, measure with a backtest."""


@forecast_cli.command("train")
@click.option("--until", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="History cut-off (local day, not included); default today.")
@click.option("--refresh/--no-refresh", default=True, help="Refresh the open cases' forecasts afterwards.")
@with_appcontext
def train_command(until, refresh: bool) -> None:
    """Fit on the history before UNTIL, backtest it on the year before, store it (the same day again replaces it)."""
    from portal.forecast import services

    now = utcnow()
    day = until.date() if until else to_local(now).date()
    with write_intent():
        row = services.train(day, now)
        written = services.refresh_open(now) if refresh else 0
        db.session.commit()
    click.echo(f"model {row.id}: history before {day}, {row.n_cases} cases; method {row.method} "
               f"(beats the naive rule: {'yes' if row.beats_naive else 'no'}); {written} open cases refreshed")
    click.echo(summary(row.metrics))


@forecast_cli.command("refresh")
@with_appcontext
def refresh_command() -> None:
    """Recompute every open case's forecast with the current model (nightly)."""
    from portal.forecast import services

    with write_intent():
        written = services.refresh_open(utcnow())
        db.session.commit()
    click.echo(f"{written} open cases' forecasts refreshed" if written or services.current_model()
               else "no model yet: run `flask forecast train` first")


@forecast_cli.command("backtest")
@click.option("--start", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="First forecast day.")
@click.option("--end", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="Last forecast day.")
@click.option("--refit-every", default=7, show_default=True, help="Days between refits of the replayed model.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@with_appcontext
def backtest_command(start, end, refit_every: int, as_json: bool) -> None:
    """Replay [START, END] day by day without leakage; default: the 365 days before today."""
    from portal.forecast import services

    end_day = end.date() if end else to_local(utcnow()).date() - timedelta(days=1)
    start_day = start.date() if start else end_day - timedelta(days=364)
    figures = services.run_backtest(start_day, end_day, every_days=refit_every)
    click.echo(json.dumps(figures, indent=1, default=str) if as_json else summary(figures))


def _pct(x) -> str:
    return "–" if x is None else f"{100 * x:.1f} %"


def summary(f: dict) -> str:
    """The backtest's figures as text, each with its formula and n."""
    if not f or not f.get("n"):
        return "backtest: no case was open one working day before its last apology day in the period"
    mo, na = f["model"], f["naive"]
    lines = [
        f"backtest {f['start']} – {f['end']} (outcomes known to {f['data_end']}; model refitted every "
        f"{f['refit_every_days']} days on what was known before)",
        f"n = {f['n']} cases open one working day before their last apology day (NĐ 61/2018 Điều 19 k9); "
        f"late = {f['n_late']} (base rate {_pct(f['base_rate'])})",
        f"model, warn when p_late ≥ {f['threshold']:.2f} (chosen to reach the naive rule's precision "
        f"{_pct(f['target_precision'])}): precision = TP/(TP+FP) = {mo['tp']}/{mo['tp'] + mo['fp']} = "
        f"{_pct(mo['precision'])}, recall = TP/(TP+FN) = {mo['tp']}/{mo['tp'] + mo['fn']} = {_pct(mo['recall'])}",
        f"naive rule (late if the working days left < the median remaining duration of similar cases): "
        f"precision = {na['tp']}/{na['tp'] + na['fp']} = {_pct(na['precision'])}, "
        f"recall = {na['tp']}/{na['tp'] + na['fn']} = {_pct(na['recall'])}",
        f"the model beats the naive rule (on all and on those without an apology): "
        f"{'yes' if f['beats_naive'] else 'no'}; Brier score = mean (p − late)² = "
        f"{f['brier']}",
        "reliability (p_late band: n, mean p_late, observed late share = late/n):"]
    u = f.get("unapologised")
    if u and u.get("n"):
        um, un = u["model"], u["naive"]
        lines.insert(5, f"without an apology before the forecast day: n = {u['n']}, late = {u['n_late']}; model "
                        f"(p_late ≥ {u['threshold']:.2f}) precision {um['tp']}/{um['tp'] + um['fp']} = "
                        f"{_pct(um['precision'])}, recall {um['tp']}/{um['tp'] + um['fn']} = {_pct(um['recall'])}; "
                        f"naive precision {un['tp']}/{un['tp'] + un['fp']} = {_pct(un['precision'])}, recall "
                        f"{un['tp']}/{un['tp'] + un['fn']} = {_pct(un['recall'])}; beats: "
                        f"{'yes' if u['beats_naive'] else 'no'}")
    for row in f["reliability"]:
        if row["n"]:
            lines.append(f"  {row['from']:.1f}–{row['to']:.1f}: n = {row['n']}, mean p = {row['mean_p']:.2f}, "
                         f"observed = {row['late']}/{row['n']} = {_pct(row['observed'])}")
    r = f.get("replay") or {}
    if r:
        lines += [
            f"warnings' replay (cases whose legal due day is in the period and that ended late): {r['late']}",
            f"  with an apology recorded in time: {r['apology_in_time_recorded']}",
            f"  the handler's warning (2 working days before the due day) would have reached: "
            f"{r['handler_warning_reached']}",
            f"  the head's warning (last apology day) would have reached: {r['head_warning_reached']}, of which "
            f"without an in-time apology recorded: {r['covered_without_recorded_apology']}",
            f"  in time with the warnings (recorded or reachable): {r['in_time_with_warnings']} of {r['late']}",
            f"  no warning could have saved: {r['no_warning_could_save']} (received on or after the last apology "
            f"day: {r['received_too_late']}; legal due moved by a supplement on or after it: {r['due_moved_too_late']})",
            "  assumptions: a warning goes out in the morning digest and reaches a case open at the start of that day"
            " with its legal due already known; the head acts on it the day it arrives"]
    return "\n".join(lines)
