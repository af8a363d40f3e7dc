"""A citizen's browser in a few lines of the standard library: load the feedback form over a real socket (the
session cookie, the CSRF token and the form's submit token), then post it. No redirects are followed, so the
test sees the status the portal answered."""
from __future__ import annotations

import contextlib
import http.client
import re
import threading
from dataclasses import dataclass
from html import unescape
from urllib.parse import urlencode

from werkzeug.serving import make_server

SUBMIT = "/phan-anh-kien-nghi/gui"
TIMEOUT = 30  # seconds: a request that hangs longer fails the test instead of hanging it


@dataclass
class Answer:
    status: int
    body: str
    headers: http.client.HTTPMessage  # case-insensitive; get_all("Set-Cookie") gives every cookie


def request(port: int, method: str, path: str, *, fields: dict | None = None, cookie: str = "",
            headers: dict | None = None) -> Answer:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        headers = {**(headers or {}), **({"Cookie": cookie} if cookie else {})}
        body = None
        if fields is not None:
            body = urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return Answer(response.status, unescape(response.read().decode("utf-8", "replace")), response.msg)
    finally:
        conn.close()


@dataclass
class LoadedForm:
    """The form as one browser holds it: what it posts, and the cookie it posts with."""
    cookie: str
    fields: dict

    def send(self, port: int) -> Answer:
        return request(port, "POST", SUBMIT, fields=self.fields, cookie=self.cookie)


def load_form(port: int, **values) -> LoadedForm:
    answer = request(port, "GET", SUBMIT)
    assert answer.status == 200, answer.status
    cookie = "; ".join(raw.split(";", 1)[0] for raw in answer.headers.get_all("Set-Cookie") or [])
    hidden = dict(re.findall(r'name="(csrf_token|submit_token)" type="hidden" value="([^"]+)"', answer.body))
    assert set(hidden) == {"csrf_token", "submit_token"} and cookie, "the form carries both tokens and a session"
    fields = {
        "kind": "phan_anh", "category": "obstruction", "title": "Đèn đường hỏng",
        "content": "Đèn đường trước số 12 đường Lê Duẩn hỏng đã hai tuần, buổi tối rất tối và nguy hiểm.",
        "place": "Tổ dân phố 3, phường Nghĩa Tân", "submitter_kind": "individual",
        "submitter_name": "Nguyễn Thị Lan", "submitter_address": "Tổ 3, phường Nghĩa Tân, thị xã Gia Nghĩa",
        "submitter_phone": "0912 345 678", "submitter_email": "lan.nguyen@example.vn", "consent": "y",
        "website": "", **hidden, **values,
    }
    return LoadedForm(cookie=cookie, fields=fields)


@contextlib.contextmanager
def serve(app):
    """The app behind Werkzeug's threaded server on a free port (a thread per request, as under load)."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="faults-server", daemon=True)
    thread.start()
    try:
        yield server.server_port
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
