"""Each public page describes itself to search engines, in the visitor's language (issue 16 point 7)."""
from __future__ import annotations

import re
from html import unescape

from tests.factories import make_procedure

PUBLIC_PAGES = ["/", "/thu-tuc/", "/thu-tuc/moi-cap-nhat", "/phan-anh-kien-nghi/", "/phan-anh-kien-nghi/gui",
                "/phan-anh-kien-nghi/tra-cuu", "/phan-anh-kien-nghi/tra-loi", "/phan-anh-kien-nghi/kenh-tiep-nhan",
                "/ho-so/tra-cuu", "/ho-so/thong-ke", "/hai-long", "/khao-sat", "/du-lieu-mo/open311"]


def description(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    found = re.findall(r'<meta name="description" content="([^"]*)">', response.get_data(as_text=True))
    assert len(found) == 1, path
    return unescape(found[0])


def test_every_public_page_has_its_own_description_in_both_languages(client):
    procedure = make_procedure()
    pages = [*PUBLIC_PAGES, f"/thu-tuc/{procedure.code}"]
    vietnamese = {path: description(client, path) for path in pages}
    assert len(set(vietnamese.values())) == len(pages)  # each page its own, none left at the default
    assert all(40 <= len(text) <= 170 for text in vietnamese.values()), vietnamese
    assert vietnamese["/"].startswith("Thủ tục hành chính")
    assert vietnamese[f"/thu-tuc/{procedure.code}"].startswith("Thủ tục đăng ký khai sinh")
    client.get("/language/en")
    assert description(client, "/thu-tuc/").startswith("Search the administrative procedures")
    assert description(client, "/phan-anh-kien-nghi/gui").startswith("Send feedback or a proposal")
