"""The dashboard's data: targets against live or reported values, statuses by the thresholds, late
activities as of the period's end, progress read from the history for a past quarter, the unit filter,
computed budgets, the manager overview, and a DOCX whose cells are the dashboard's figures."""
from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from docx import Document

from portal.plan import overview, report_docx, report_text, reporting
from portal.plan.rules import Progress, ResultStatus
from tests.plan.test_metrics import NOW, YEAR, build_world


@pytest.fixture()
def world(app_ctx):
    return build_world()


def rows(board):
    return {r.result.code: r for f in board.fields for r in f.results}


def acts(board):
    return {a.activity.code: a for a in board.activities}


def test_year_dashboard_after_the_year(world):
    board = reporting.dashboard(reporting.load_plan(world["plan"].id), today=date(2026, 3, 1), now=NOW)
    assert (board.start, board.end, board.as_of, board.period_over) == (date(YEAR, 1, 1), date(YEAR, 12, 31),
                                                                         date(YEAR, 12, 31), True)
    r = rows(board)
    assert r["MT.2"].actual == pytest.approx(72.0) and r["MT.2"].status == ResultStatus.MISSED
    assert r["MT.5"].actual == 100 and r["MT.5"].status == ResultStatus.ACHIEVED
    assert r["MT.7"].actual == 1 and r["MT.7"].status == ResultStatus.ACHIEVED
    # unbound: the latest report on or before 31/12 (90), not the one of January 2026 (100)
    assert (r["2.1"].source, r["2.1"].actual, r["2.1"].status) == ("reported", 90, ResultStatus.MISSED)
    assert (r["3.1"].source, r["3.1"].status) == ("", ResultStatus.NO_DATA)
    a = acts(board)
    assert (a["2.1.2"].progress, a["2.1.2"].late) == (Progress.DONE, False)
    assert (a["2.1.3"].progress, a["2.1.3"].percent, a["2.1.3"].late) == (Progress.IN_PROGRESS, 40, True)
    assert a["3.1.1"].progress == Progress.NOT_STARTED and a["3.1.1"].late
    assert [x.activity.code for x in board.late] == ["2.1.3", "3.1.1"]
    budgets = {f.field.code: f.budget for f in board.fields}
    assert budgets == {"MT": 0, "II": 18_000_000, "III": 7_000_000} and board.budget == 25_000_000


def test_a_past_quarter_reads_progress_from_the_history(world):
    board = reporting.dashboard(reporting.load_plan(world["plan"].id), quarter=2, today=date(2026, 3, 1), now=NOW)
    assert board.end == date(YEAR, 6, 30)
    a = acts(board)
    # 2.1.2 ended in May; its "done" came on 15/07, so at the end of Q2 it was in progress (50%) and late
    assert (a["2.1.2"].progress, a["2.1.2"].percent, a["2.1.2"].late) == (Progress.IN_PROGRESS, 50, True)
    assert a["2.1.2"].comment == "Đã rà soát 12/24 thủ tục."
    assert (a["2.1.3"].progress, a["2.1.3"].late) == (Progress.NOT_STARTED, False)  # months 10–11
    assert rows(board)["2.1"].actual == 60


def test_statuses_while_the_period_runs(world):
    board = reporting.dashboard(reporting.load_plan(world["plan"].id), quarter=4, today=date(YEAR, 11, 15), now=NOW)
    assert not board.period_over and board.as_of == date(YEAR, 11, 15)
    r = rows(board)
    assert r["MT.2"].status == ResultStatus.AT_RISK  # 72% against ≥ 95%: more than 5 points away
    assert r["MT.6"].status == ResultStatus.ACHIEVED  # 64.3% ≥ 50%
    assert r["2.1"].actual == 90 and r["2.1"].status == ResultStatus.AT_RISK
    a = acts(board)
    assert a["2.1.3"].progress == Progress.IN_PROGRESS and not a["2.1.3"].late  # ends in November


def test_on_track_within_five_points(world):
    plan = reporting.load_plan(world["plan"].id)
    mt1 = next(r for f in plan.fields for r in f.results if r.code == "MT.1")
    mt1.target_value = 75  # satisfaction 8/11 = 72.7%
    board = reporting.dashboard(plan, today=date(YEAR, 11, 15), now=NOW)
    assert rows(board)["MT.1"].status == ResultStatus.ON_TRACK


def test_unit_filter_keeps_its_activities_and_scopes_the_live_figures(world):
    unit_b = world["b"].id
    board = reporting.dashboard(reporting.load_plan(world["plan"].id), unit_id=unit_b, today=date(2026, 3, 1),
                                now=NOW)
    assert list(acts(board)) == ["2.1.2"]
    r = rows(board)
    assert "3.1" not in r  # no activity led by the unit, not bound
    assert r["MT.2"].figure.numerator == 2 and r["MT.2"].figure.denominator == 3  # unit B: 2 early, 1 late
    assert board.budget == 5_000_000


def test_manager_overview_has_the_figures_with_a_monthly_trend(world):
    items = overview.manager_overview(date(YEAR, 1, 1), date(YEAR, 12, 31), now=NOW, trend_months=12)
    assert [i.figure.metric for i in items] == list(overview.OVERVIEW_METRICS)
    cases = items[0]
    assert (cases.figure.numerator, cases.figure.denominator) == (18, 25)
    assert [p.month for p in cases.trend] == [date(YEAR, m, 1) for m in range(1, 13)]
    # the months add up to the year's finished cases (open overdue are read at each month's end)
    assert sum(p.figure.extra[0][1].denominator for p in cases.trend) == 23


def test_docx_cells_equal_the_dashboard(world):
    board = reporting.dashboard(reporting.load_plan(world["plan"].id), today=date(2026, 3, 1), now=NOW)
    document = Document(BytesIO(report_docx.docx_report(board, today=date(2026, 3, 1))))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH" in text
    assert f"Năm {YEAR}" in text
    head = document.tables[0].rows[0].cells
    assert "THỊ XÃ GIA NGHĨA" in head[0].text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in head[1].text
    assert document.styles["Normal"].font.name == "Times New Roman"
    cells = {}
    for table in document.tables[1:]:
        for row in table.rows[1:]:
            values = [c.text for c in row.cells]
            cells[values[0]] = values
    r = rows(board)
    assert cells["MT.2"][3] == "72 %" and cells["MT.2"][4] == "Không đạt"
    assert cells["MT.4"][3] == report_text.fmt_value(r["MT.4"].actual, "%", "vi") == "28,5 %"  # 2/7 cut
    assert cells["2.1"][2:] == ["≥ 100 %", "90 %", "Không đạt"]
    assert cells["2.1.3"][3:5] == ["Đang thực hiện (trễ hạn)", "40"]
    assert cells["2.1.3"][5] == "Đang tổng hợp số liệu."
    for code, row in r.items():
        assert cells[code] == report_text.result_cells(row)
    assert "25.000.000 đồng" in text
