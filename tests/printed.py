"""How the pages print a rate, written out independently of the portal (core.stats.shown_percent): cut to one
decimal — never rounded up to a value the rate has not reached — with a decimal comma in Vietnamese and no
trailing ",0"."""
from __future__ import annotations

from decimal import ROUND_DOWN, Decimal


def cut_percent(points: float) -> float:
    """Percentage points cut to one decimal (Decimal arithmetic; the float noise of share × 100 rounded off first)."""
    return float(Decimal(repr(round(points, 9))).quantize(Decimal("0.1"), rounding=ROUND_DOWN))


def printed_percent(share: float) -> str:
    """A share 0..1 as a Vietnamese page prints it, e.g. 0.9498 → "94,9 %"."""
    text = f"{cut_percent(share * 100):.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + " %"
