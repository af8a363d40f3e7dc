"""The measurement hook: publication on time and completeness, counted independently here."""
from datetime import UTC, date, datetime

from portal.procedures.metrics import catalogue_compliance
from tests.factories import amend_procedure, make_field, make_procedure, make_unit


def utc(y, m, d, h=2):
    return datetime(y, m, d, h, 0, tzinfo=UTC)


def test_published_on_time_counts_working_days_from_the_decision(app_ctx):
    unit, field = make_unit(), make_field()
    # Decision Friday 1 Feb 2019; Tết 2019 is 4–8 Feb, so 5 working days end on Friday 15 Feb.
    make_procedure(code="A.1", unit=unit, field=field, decision_date=date(2019, 2, 1), published_at=utc(2019, 2, 15))
    make_procedure(code="A.2", unit=unit, field=field, decision_date=date(2019, 2, 1), published_at=utc(2019, 2, 18))
    make_procedure(code="A.3", unit=unit, field=field, decision_date=date(2019, 5, 2), published_at=utc(2019, 5, 3))
    make_procedure(code="B.1", unit=unit, field=field, decision_date=date(2018, 12, 3), published_at=utc(2018, 12, 4))
    result = catalogue_compliance(date(2019, 1, 1), date(2019, 12, 31))
    assert (result.decisions, result.published_on_time) == (3, 2)
    assert result.late_codes == ["A.2"]
    assert result.on_time_rate == 2 / 3


def test_completeness_of_procedures_in_force(app_ctx):
    unit, field = make_unit(), make_field()
    make_procedure(code="C.1", unit=unit, field=field)
    make_procedure(code="C.2", unit=unit, field=field, steps="", applicants="")
    incomplete_then_fixed = make_procedure(code="C.3", unit=unit, field=field, documents=[])
    amend_procedure(incomplete_then_fixed, decision_date=date(2020, 6, 10), published_at=utc(2020, 6, 12),
                    documents=[{"name": "Đơn đề nghị", "kind": "original", "count": 1}])
    in_2019 = catalogue_compliance(date(2019, 1, 1), date(2019, 12, 31))
    assert (in_2019.in_force, in_2019.complete) == (3, 1)
    assert in_2019.incomplete_codes == ["C.2", "C.3"]
    in_2020 = catalogue_compliance(date(2020, 1, 1), date(2020, 12, 31))
    assert (in_2020.in_force, in_2020.complete, in_2020.complete_rate) == (3, 2, 2 / 3)


def test_abolished_procedures_are_not_in_force(app_ctx):
    from portal.core.db import db
    from portal.procedures import services

    procedure = make_procedure(code="D.1")
    services.abolish(procedure, decision_number="5/QĐ", decision_date=date(2021, 3, 1), now=utc(2021, 3, 2))
    db.session.commit()
    assert catalogue_compliance(date(2021, 1, 1), date(2021, 12, 31)).in_force == 0
    assert catalogue_compliance(date(2020, 1, 1), date(2020, 12, 31)).in_force == 1
