"""Issue 16 point 9: seed-demo lists each stage as soon as it is done (the whole load takes minutes), not
everything at the end."""
from __future__ import annotations

from portal.demo import cases as demo_cases, seed


def test_each_stage_is_reported_before_the_next_one_runs(app_ctx, monkeypatch):
    lines, seen_by_cases = [], []
    real = demo_cases.load_cases

    def load_cases():
        seen_by_cases.extend(lines)  # what was already reported when the cases stage began
        return real()

    monkeypatch.setattr(demo_cases, "load_cases", load_cases)
    summary = seed.load_demo(progress=lines.append)
    assert seen_by_cases and "14 units ready" in seen_by_cases[0] and "demo accounts created" in seen_by_cases[0]
    assert any("procedure" in line for line in seen_by_cases[1:])  # the catalogue, reported before the cases ran
    assert len(lines) > len(seen_by_cases) + 5 and all(line.endswith(" s)") for line in lines)
    assert summary[-1].startswith("demo data loaded in")


def test_the_command_prints_the_stages_then_commits(app_ctx):
    result = app_ctx.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    out = result.output.splitlines()
    assert out[0].startswith("Loading the demo data")
    assert "14 units ready" in out[1] and out[-2].startswith("Committed. demo data loaded in")
    # then the breach forecast, fitted on the demo's history, for the "at risk" tab (docs/forecast.md)
    from sqlalchemy import func, select

    from portal.core.db import db
    from portal.forecast.models import CaseForecast, ForecastModel

    fitted = db.session.scalars(select(ForecastModel)).one()
    forecasts = db.session.scalar(select(func.count()).select_from(CaseForecast))
    assert out[-1] == (f"Breach forecast trained on {fitted.n_cases} cases ({fitted.method}); "
                       f"{forecasts} open cases forecast.")
    assert len(out) > 10
