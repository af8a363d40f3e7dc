"""QR codes as inline SVG: posting sheets, receipts, survey slips, the staff second factor's enrolment."""
from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from markupsafe import Markup


def qr_svg(url: str) -> Markup:
    """An inline SVG QR code (no script, allowed by the CSP)."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode("utf-8")
    svg = svg[svg.index("<svg"):]  # drop the XML declaration for inline use
    # qrcode names its path id="qr-path": a page with two codes (the receipt's two copies) would repeat the id
    svg = svg.replace(' id="qr-path"', "")
    return Markup(svg.replace("<svg ", '<svg role="img" aria-label="QR" ', 1))
