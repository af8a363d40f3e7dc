"""Where a feedback is (issue 16 point 2): a point the citizen's phone gave or they picked on the map, checked
against the town's plausible bounds, and the link staff open it with. Pure: no Flask, no database."""
from __future__ import annotations

from typing import NamedTuple


class Bounds(NamedTuple):
    south: float
    west: float
    north: float
    east: float

    def contains_latitude(self, lat: float) -> bool:
        return self.south <= lat <= self.north

    def contains_longitude(self, lng: float) -> bool:
        return self.west <= lng <= self.east


def misplaced_field(lat: float | None, lng: float | None, bounds: Bounds) -> str | None:
    """The field to put a message beside, or None when the point is acceptable (both absent, or both given
    and inside the bounds). Half a point is refused on the missing half."""
    if lat is None and lng is None:
        return None
    if lat is None:
        return "latitude"
    if lng is None:
        return "longitude"
    if not bounds.contains_latitude(lat):
        return "latitude"
    if not bounds.contains_longitude(lng):
        return "longitude"
    return None


def rounded(value: float) -> str:
    """Six decimals: about 0.1 m, finer than any phone's fix."""
    return f"{value:.6f}"


def map_link(lat: float, lng: float, zoom: int = 18) -> str:
    """OpenStreetMap's page with a marker at the point."""
    la, lo = rounded(lat), rounded(lng)
    return f"https://www.openstreetmap.org/?mlat={la}&mlon={lo}#map={zoom}/{la}/{lo}"
