"""Files held for a retry (issue 16 point 1): when a submission is refused (a missing title, a wrong phone number),
the files it carried that passed the checks are kept server-side, so the citizen on a phone does not have to
find the photo again. Each file lies in uploads/held/<token>/ (the cleaned bytes and a manifest); the form carries
the tokens in checkboxes named "held" (unticking one drops it), and the successful submission attaches them.

The token is the only key: 144 random bits, never derived from the file, never in a URL, and nothing serves this
folder (attachments.path_of accepts the stored areas only). Held files expire after HOLD_FOR; expired ones are
removed by the next hold or submission (`purge`). No database row: a held file belongs to no record yet.

The folder has a ceiling (FEEDBACK_HELD_MAX_BYTES, all holds together): one address sending refused forms at its
rate limit for two hours could otherwise fill the disk with 12 GB. A file that would pass the ceiling is not held
and is named to the citizen, who chooses it again — the same outcome as a refused file, never a silent loss."""
from __future__ import annotations

import json
import re
import secrets
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from portal.feedback import attachments

HOLD_FOR = timedelta(hours=2)
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{24}$")
MAX_TOKENS = 20  # more "held" values than any form shows are ignored


@dataclass(frozen=True)
class Held:
    token: str
    checked: attachments.Checked


def _root() -> Path:
    return attachments.upload_root() / "held"


def _dir(token: str) -> Path | None:
    return _root() / token if _TOKEN.match(token or "") else None


def held_bytes() -> int:
    """The bytes of every hold now in the folder (expired ones not yet purged included)."""
    root, total = _root(), 0
    if root.is_dir():
        for folder in root.iterdir():
            try:
                total += (folder / "data").stat().st_size
            except OSError:
                continue
    return total


def hold(files: list[attachments.Checked], *, now: datetime, max_bytes: int) -> tuple[list[Held], list[str]]:
    """Write each checked file under a new token, as long as all holds together stay within `max_bytes`;
    expired holds are removed first. Returns the holds and the names of the files not held."""
    purge(now=now)
    room = max_bytes - held_bytes()
    held, not_held = [], []
    for checked in files:
        if checked.size > room:
            not_held.append(checked.name)
            continue
        room -= checked.size
        token = secrets.token_urlsafe(18)
        partial = _root() / f".{token}"  # written whole, then renamed: a purge never sees half a hold
        partial.mkdir(parents=True)
        (partial / "data").write_bytes(checked.data)
        manifest = {"name": checked.name, "content_type": checked.content_type, "sha256": checked.sha256,
                    "held_at": now.isoformat()}
        (partial / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        partial.rename(_root() / token)
        held.append(Held(token, checked))
    return held, not_held


def _read(folder: Path) -> dict | None:
    try:
        return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _expired(manifest: dict | None, now: datetime) -> bool:
    try:
        return manifest is None or datetime.fromisoformat(manifest["held_at"]) + HOLD_FOR <= now
    except (KeyError, TypeError, ValueError):
        return True


def take(tokens: list[str], *, now: datetime) -> list[Held]:
    """The files still held under `tokens` (unknown, malformed, expired or repeated tokens are skipped)."""
    found = []
    for token in dict.fromkeys(tokens[:MAX_TOKENS]):
        folder = _dir(token)
        manifest = _read(folder) if folder is not None else None
        if _expired(manifest, now):
            continue
        try:
            data = (folder / "data").read_bytes()
        except OSError:
            continue
        found.append(Held(token, attachments.Checked(
            name=manifest["name"], content_type=manifest["content_type"], data=data, size=len(data),
            sha256=manifest["sha256"])))
    return found


def release(held: list[Held], *, now: datetime) -> None:
    """Drop held files once they are attached to the stored feedback, and any expired holds (every submission
    cleans up: no periodic job is needed)."""
    for item in held:
        folder = _dir(item.token)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
    purge(now=now)


def purge(*, now: datetime) -> int:
    """Remove expired holds; returns how many."""
    root = _root()
    if not root.is_dir():
        return 0
    removed = 0
    for folder in root.iterdir():
        if _TOKEN.match(folder.name) and folder.is_dir() and _expired(_read(folder), now):
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed
