"""can(action, obj) against the rule tables it asks (core/permissions.py): an endpoint's declared access rule,
or the domain's registered check (transition tables, roles, units). Templates call nothing else to decide."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from flask_login import AnonymousUserMixin

from portal.core.access import Role, access_rule_of, has_any_role
from portal.core.permissions import can, register
from portal.feedback import rules as feedback_rules
from portal.feedback.vocabulary import Action as FeedbackAction, FeedbackStatus
from portal.procedures.models import PublicStatus
from portal.surveys import rules as survey_rules
from tests.factories import make_unit, make_user

ANONYMOUS = AnonymousUserMixin()
ENDPOINTS = ["cases.intake", "feedback_staff.intake", "units.create", "units.edit", "units.index",
             "workdays.add_exception", "workdays.delete_exception", "cases.calendar_notice_page",
             "procedures_staff.import_catalogue", "procedures_staff.publish", "satisfaction.tt01_facts"]


@pytest.fixture()
def staff(app_ctx):
    unit = make_unit(code="000.14.26.H17", name="UBND phường Nghĩa Tân")
    return {role: make_user(role, unit=unit) for role in Role}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_an_endpoint_name_is_judged_by_its_own_access_rule(staff, endpoint):
    rule = access_rule_of(endpoint)
    assert isinstance(rule, frozenset)  # these pages are role-gated: the answer below is not vacuous
    answers = {role: can(user, endpoint) for role, user in staff.items()}
    assert answers == {role: has_any_role(user, rule) for role, user in staff.items()}
    assert answers[Role.ADMIN] and not all(answers.values())
    assert can(ANONYMOUS, endpoint) is False


def test_who_may_open_which_page(staff):
    def holders(endpoint):
        return {role for role, user in staff.items() if can(user, endpoint)}

    assert holders("cases.intake") == {Role.ADMIN, Role.DESK_OFFICER}
    assert holders("feedback_staff.intake") == {Role.ADMIN, Role.DESK_OFFICER, Role.MANAGER}
    assert holders("units.create") == holders("workdays.add_exception") == {Role.ADMIN}
    assert holders("units.index") == {Role.ADMIN, Role.MANAGER}
    assert holders("procedures_staff.publish") == {Role.ADMIN, Role.MANAGER}


def test_a_public_endpoint_is_open_to_everybody(app_ctx):
    assert can(ANONYMOUS, "feedback.track") is True


def test_an_unknown_name_is_an_error_not_a_hidden_button(app_ctx):
    with pytest.raises(LookupError):
        can(ANONYMOUS, "cases.no_such_step")


def test_a_name_is_registered_once(app_ctx):
    with pytest.raises(ValueError):
        register(app_ctx, {"surveys.set_status.open": lambda user, obj: True})


@pytest.mark.parametrize("status", list(survey_rules.CampaignStatus))
@pytest.mark.parametrize("target", list(survey_rules.CampaignStatus))
def test_campaign_moves_follow_the_transition_table(staff, status, target):
    campaign = SimpleNamespace(status=status)
    expected = survey_rules.can_move(status, target)
    assert can(staff[Role.MANAGER], f"surveys.set_status.{target}", campaign) is expected
    assert can(staff[Role.HANDLER], f"surveys.set_status.{target}", campaign) is False  # not a manager


@pytest.mark.parametrize("status", list(FeedbackStatus))
def test_the_submitter_may_supplement_only_where_the_table_allows_it(app_ctx, status):
    expected = feedback_rules.next_status(status, FeedbackAction.SUPPLEMENT) is not None
    assert can(ANONYMOUS, "feedback.submitter_supplement", SimpleNamespace(status=status)) is expected
    assert expected is (status == FeedbackStatus.SUPPLEMENT_REQUESTED)


@pytest.mark.parametrize("status", list(PublicStatus))
@pytest.mark.parametrize("published", [True, False])
def test_abolition_and_new_drafts_follow_the_catalogue_rules(staff, status, published):
    unit_id = staff[Role.HANDLER].unit_id
    procedure = SimpleNamespace(status=status, current_version=object() if published else None, unit_id=unit_id,
                                versions=[])
    alive = status != PublicStatus.ABOLISHED
    assert can(staff[Role.MANAGER], "procedures_staff.abolish", procedure) is (alive and published)
    assert can(staff[Role.UNIT_HEAD], "procedures_staff.abolish", procedure) is False  # managers abolish
    assert can(staff[Role.HANDLER], "procedures_staff.edit_draft", procedure) is alive  # own unit
    other = SimpleNamespace(status=status, current_version=None, unit_id=unit_id + 1000, versions=[])
    assert can(staff[Role.HANDLER], "procedures_staff.edit_draft", other) is False  # another unit's procedure
    assert can(staff[Role.MANAGER], "procedures_staff.edit_draft", other) is alive


@pytest.mark.parametrize("revoked", [False, True])
def test_a_key_is_revoked_once_by_an_admin(staff, revoked):
    key = SimpleNamespace(is_active=not revoked)
    assert can(staff[Role.ADMIN], "open311_staff.revoke", key) is (not revoked)
    assert can(staff[Role.MANAGER], "open311_staff.revoke", key) is False


@pytest.mark.parametrize("published", [True, False])
def test_a_draft_is_discarded_back_to_a_public_version_by_an_editor_of_its_unit(staff, published):
    procedure = SimpleNamespace(unit_id=staff[Role.HANDLER].unit_id, current_version=object() if published else None)
    assert can(staff[Role.HANDLER], "procedures_staff.discard", procedure) is published
    assert can(staff[Role.DESK_OFFICER], "procedures_staff.discard", procedure) is False  # not an editor
