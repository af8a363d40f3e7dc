"""Printable artefacts and feeds: QR codes for posting sheets, the Atom feed of changes."""
from __future__ import annotations

from feedgen.feed import FeedGenerator
from flask import url_for

from portal.core.clock import today_local
from portal.core.qr import qr_svg  # noqa: F401  # callers import it from here
from portal.procedures.presenters import status_label
from portal.units.organisation import profile_on


def atom_feed(versions) -> bytes:
    feed = FeedGenerator()
    feed.id(url_for("procedures.feed", _external=True))
    committee = profile_on(today_local()).committee_name  # the committee in office today
    feed.title(f"{committee} — thủ tục hành chính mới cập nhật")
    # RFC 4287 4.1.1: a feed without an author on every entry needs one on the feed.
    feed.author({"name": committee, "uri": url_for("site.home", _external=True)})
    feed.link(href=url_for("procedures.feed", _external=True), rel="self")
    feed.link(href=url_for("procedures.recent", _external=True), rel="alternate")
    feed.language("vi")
    feed.updated(versions[0].published_at if versions else None)
    for version in reversed(versions):
        procedure = version.procedure
        link = url_for("procedures.version", code=procedure.code, number=version.number, _external=True)
        entry = feed.add_entry()
        entry.id(link)
        entry.title(f"{procedure.code} — {version.name}")
        entry.link(href=link)
        entry.updated(version.published_at)
        decision = f"Quyết định {version.decision_number or ''} ngày {version.decision_date:%d/%m/%Y}" \
            if version.decision_date else ""
        entry.summary(f"{status_label(_status_of(version))}. {decision}".strip())
    return feed.atom_str(pretty=True)


def _status_of(version):
    from portal.procedures.rules import public_status

    return public_status(version.change_type)
