"""The Nu HTML Checker finds no error on any page (issue 16 point 7): every GET page of the URL map without a
parameter, plus the pages of one procedure and the main staff pages that need an id (a case, a feedback item,
a procedure, a survey, a plan, a unit, a user, a topic, the audit log filtered: `_pages_with_ids`), rendered
anonymous and as an administrator, in Vietnamese and English, are checked in one vnu run (one JVM for all
files: a JVM per page would take minutes).
scripts/setup fetches the pinned vnu.jar and exports VNU_JAR."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

from portal.cases import intake
from portal.core.access import Role
from portal.core.db import db
from portal.feedback import submission
from portal.surveys import services as surveys
from tests.cases.test_printing import APPLICANT
from tests.factories import amend_procedure, login, make_procedure, make_unit, make_user
from tests.feedback.data import local, valid_data
from tests.feedback.test_topics import _topic
from tests.plan.test_metrics import build_plan

# Pages that are not HTML documents or that need a parameter the walk cannot guess.
_NOT_PAGES = ("static", "site.healthz")
_NOT_PAGE_PREFIXES = ("/api/", "/open311/v2/")
_DOWNLOADS = (".csv", ".xlsx", ".json", ".atom", ".xml", ".docx", ".txt")


def _vnu(files: list[Path]) -> list[dict]:
    jar = os.environ.get("VNU_JAR") or ""
    java = shutil.which("java")
    assert java and Path(jar).is_file(), "vnu needs Java 17 and VNU_JAR (run the tests through scripts/test)"
    run = subprocess.run([java, "-Xss8m", "-jar", jar, "--errors-only", "--format", "json", *map(str, files)],
                         capture_output=True, text=True, timeout=600)
    return json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]


def _page_paths(app, extra: list[str]) -> list[str]:
    paths = []
    for rule in app.url_map.iter_rules():
        if ("GET" in rule.methods and not rule.arguments and rule.endpoint not in _NOT_PAGES
                and not rule.rule.startswith(_NOT_PAGE_PREFIXES) and not rule.rule.endswith(_DOWNLOADS)):
            paths.append(rule.rule)
    return sorted(set(paths)) + extra


def _collect(client, paths, tmp_path: Path, who: str, lang: str) -> dict[Path, str]:
    client.get(f"/language/{lang}")
    pages = {}
    for i, path in enumerate(paths):
        response = client.get(path)
        body = response.get_data()
        if response.status_code == 200 and response.mimetype == "text/html" and b"<html" in body:
            file = tmp_path / f"{who}-{lang}-{i}.html"
            file.write_bytes(body)
            pages[file] = path
    return pages


def _pages_with_ids(unit, procedure, admin) -> list[str]:
    """One row of each kind the staff screens show (tests.factories and the domains' own test helpers), and the
    pages that need its id, listed by hand: the walk cannot guess an id."""
    handling = make_unit(name="UBND phường Nghĩa Tân")
    desk = make_user(Role.DESK_OFFICER, unit=unit)
    case = intake.receive_case(procedure=procedure, unit=unit, applicant=APPLICANT,
                               submitted=[d["name"] for d in procedure.current_version.documents], sets=1,
                               delivery="post", received_at=local(2027, 3, 1, 9), actor=desk)
    topic = _topic(unit=handling)
    feedback = submission.submit_feedback(valid_data(topic_id=topic.id, latitude=11.996512, longitude=107.690034),
                                          now=local(2027, 3, 2, 9))
    campaign = surveys.create_campaign(
        {"title": "Khảo sát mức độ hài lòng năm 2027", "description": "Phiếu không ghi tên.",
         "period_start": date(2027, 1, 1), "period_end": date(2027, 10, 31), "procedure_ids": [procedure.id]},
        actor=admin, now=local(2027, 3, 3, 9), with_template=True)
    plan = build_plan(unit, handling, admin)
    db.session.commit()
    result = plan.fields[1].results[0]
    return [
        f"/staff/cases/{case.id}", f"/staff/cases/{case.id}/print/receipt", f"/staff/cases/{case.id}/print/control",
        f"/staff/feedback/{feedback.id}", f"/staff/feedback/topics/{topic.id}",
        f"/staff/procedures/{procedure.id}", f"/staff/procedures/{procedure.id}/draft",
        f"/thu-tuc/{procedure.code}/ho-so-can-chuan-bi", f"/thu-tuc/{procedure.code}/so-sanh",
        f"/thu-tuc/{procedure.code}/niem-yet", f"/thu-tuc/don-vi/{unit.id}/niem-yet",
        f"/staff/surveys/{campaign.id}", f"/staff/surveys/{campaign.id}/edit", f"/staff/surveys/{campaign.id}/results",
        f"/staff/surveys/{campaign.id}/questions/new", f"/staff/surveys/{campaign.id}/questions/{campaign.questions[0].id}",
        f"/staff/plan/{plan.id}", f"/staff/plan/{plan.id}/dashboard", f"/staff/plan/{plan.id}/report",
        f"/staff/plan/results/{result.id}", f"/staff/plan/activities/{result.activities[0].id}",
        f"/staff/units/{handling.id}", f"/staff/units/{handling.id}/edit", f"/staff/units/{handling.id}/rename",
        f"/staff/users/{desk.id}", "/staff/audit/?action=case.receive&object_type=case",
    ]


def test_every_page_is_valid_html(client, tmp_path, fixed_clock):
    unit = make_unit()
    procedure = make_procedure(unit=unit)
    amend_procedure(procedure, fee_amount=5000)
    admin = make_user(Role.ADMIN, unit=unit)
    with_ids = _pages_with_ids(unit, procedure, admin)
    extra = [f"/thu-tuc/{procedure.code}", f"/thu-tuc/{procedure.code}/phien-ban/1", "/thu-tuc/?q=khai+sinh", *with_ids]
    paths = _page_paths(client.application, extra)
    pages = {}
    for lang in ("vi", "en"):
        pages |= _collect(client, paths, tmp_path, "anon", lang)
    login(client, admin)
    for lang in ("vi", "en"):
        pages |= _collect(client, paths, tmp_path, "admin", lang)
    assert len(pages) > 60  # the walk reached the public pages and the staff screens
    missed = sorted(set(with_ids) - set(pages.values()))
    assert not missed, f"pages with an id that did not answer 200 HTML: {missed}"
    errors = [f"{pages[Path(m['url'].removeprefix('file:'))]} ({Path(m['url']).name}) line {m.get('lastLine')}: "
              f"{m['message']}" for m in _vnu(list(pages)) if m.get("type") == "error"]
    assert not errors, "\n".join(errors)
