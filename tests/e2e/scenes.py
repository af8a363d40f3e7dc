"""Cases the browser journeys start from, made through the real services in the live server's database."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from portal.core.db import db

TOWN_DESK = "000.01.26.H17"


def assigned_town_office_case(*, received_at: datetime, applicant: dict, nth: int = 0):
    """A case of the town office's one-stop desk, for a procedure of at least 5 working days, received at
    `received_at` and assigned at once to the office's handler (chuyenvien.vp), committed; call it inside the live
    server's app context. `nth` picks another such procedure: journeys that read statistics by procedure and share
    the session's database keep their cases apart that way."""
    from portal.auth.models import StaffUser
    from portal.cases import intake, services
    from portal.cases.rules import Action
    from portal.procedures.models import Procedure
    from portal.units.models import Unit

    desk = db.session.scalar(select(Unit).where(Unit.code == TOWN_DESK))
    procedure = [p for p in db.session.scalars(select(Procedure).order_by(Procedure.code))
                 if p.current_version is not None and p.current_version.unit_id == desk.id
                 and p.current_version.processing_days >= 5 and p.status.value in ("active", "amended")][nth]
    handler = db.session.scalar(select(StaffUser).where(StaffUser.email.like("chuyenvien.vp@%")))
    case = intake.receive_case(procedure=procedure, unit=desk, applicant=applicant, sets=1, delivery="desk",
                               submitted=[d["name"] for d in procedure.current_version.documents or []],
                               received_at=received_at)
    services.transition(case, Action.ASSIGN, now=received_at, expected_version=case.version, handler_id=handler.id)
    db.session.commit()
    return case
