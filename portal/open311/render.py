"""GeoReport v2 bodies as JSON or XML (the spec's root and item elements)."""
from __future__ import annotations

import json
from xml.etree import ElementTree as ET

from flask import current_app, request

FORMATS = {"json": "application/json", "xml": "text/xml"}
# XML name of one item of a list, by the list's name.
ITEM_TAGS = {"endpoints": "endpoint", "formats": "format", "attributes": "attribute", "values": "value",
             "services": "service", "service_requests": "request", "errors": "error"}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _fill(element: ET.Element, value) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            _fill(ET.SubElement(element, key), child)
    elif isinstance(value, list):
        tag = ITEM_TAGS.get(element.tag, "item")
        for child in value:
            _fill(ET.SubElement(element, tag), child)
    else:
        element.text = _text(value)


def to_xml(root: str, body) -> bytes:
    element = ET.Element(root)
    _fill(element, body)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(element, encoding="utf-8")


def respond(fmt: str, root: str, body, status: int = 200):
    """`root`: the XML root element ("services", "service_requests", "errors", "discovery"…)."""
    if fmt == "xml":
        data = to_xml(root, body)
    else:
        data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    response = current_app.response_class(data, status=status, mimetype=FORMATS.get(fmt, FORMATS["json"]))
    # Only a successful read may be kept by shared caches; a POST's answer (a new tracking code) and errors never.
    cacheable = status < 400 and request.method in ("GET", "HEAD")
    response.headers["Cache-Control"] = "public, max-age=60" if cacheable else "no-store"
    response.vary.add("Accept-Language")  # names and messages follow it when no locale= is given
    if request.method in ("GET", "HEAD"):
        response.headers["Access-Control-Allow-Origin"] = "*"  # open data; submitting stays server to server
    return response


def errors(fmt: str, status: int, description) -> object:
    return respond(fmt if fmt in FORMATS else "json", "errors", [{"code": status, "description": str(description)}],
                   status)
