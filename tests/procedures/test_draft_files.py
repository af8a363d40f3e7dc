"""Issue 13 point 8: a form file (mẫu đơn, tờ khai) listed only on a draft version is not downloadable by
the public, even by its guessed id, until that version is published; staff who may open the catalogue
editor still download it, never from a shared cache."""
from io import BytesIO

from portal.core.access import Role
from portal.procedures import services
from tests.factories import login, make_procedure, make_user

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
DRAFT_PDF = PDF.replace(b"Catalog", b"Catalog /Lang (vi)")  # another content: another stored file


def _attach(client, procedure, data, title):
    response = client.post(f"/staff/procedures/{procedure.id}/forms", data={
        "formfile-title": title, "formfile-file": (BytesIO(data), "to-khai.pdf")}, content_type="multipart/form-data")
    assert response.status_code == 302
    draft = services.open_draft(procedure)
    return next(f["form_file_id"] for f in draft.forms if f["name"] == title)


def _publish(client, procedure):
    response = client.post(f"/staff/procedures/{procedure.id}/publish", data={
        "decision_number": "600/QĐ-UBND", "decision_date": "2021-05-04",
        "change_type": "amended" if procedure.current_version else "new"})
    assert response.status_code == 302, response.get_data(as_text=True)


def _urls(file_id):
    """The link the pages would print, and the same id with a guessed file name."""
    return (f"/thu-tuc/bieu-mau/{file_id}/to-khai.pdf", f"/thu-tuc/bieu-mau/{file_id}/x")


def test_a_drafts_file_is_404_for_the_public_until_the_draft_is_published(client, tmp_path):
    client.application.config["UPLOAD_FOLDER"] = str(tmp_path)
    procedure = make_procedure()  # published: its page and its files are public
    manager = make_user(Role.MANAGER)
    login(client, manager)
    published_file = _attach(client, procedure, PDF, "Tờ khai v2")
    _publish(client, procedure)
    draft_file = _attach(client, procedure, DRAFT_PDF, "Tờ khai v3")  # a new draft of a public procedure
    client.post("/auth/logout")
    for url in _urls(draft_file):
        assert client.get(url).status_code == 404, url
    assert client.get(f"/thu-tuc/bieu-mau/{draft_file + 1}/x").status_code == 404  # unknown id: the same answer
    for url in _urls(published_file):
        download = client.get(url)
        assert download.status_code == 200 and download.data == PDF
    login(client, manager)
    _publish(client, procedure)
    client.post("/auth/logout")
    for url in _urls(draft_file):
        download = client.get(url)
        assert download.status_code == 200 and download.data == DRAFT_PDF
    assert client.get(_urls(published_file)[0]).status_code == 200  # still listed by the superseded version 2


def test_staff_of_the_catalogue_download_a_draft_file_uncached_and_other_staff_do_not(client, tmp_path):
    client.application.config["UPLOAD_FOLDER"] = str(tmp_path)
    never_published = make_procedure(code="1.000894.000.00.00.H17", published=False)
    public_one = make_procedure()
    manager = make_user(Role.MANAGER)
    login(client, manager)
    files = [_attach(client, never_published, PDF, "Tờ khai"), _attach(client, public_one, DRAFT_PDF, "Tờ khai")]
    client.post("/auth/logout")
    for staff in (manager, make_user(Role.HANDLER)):
        login(client, staff)
        for file_id in files:
            download = client.get(_urls(file_id)[0])
            assert download.status_code == 200, (staff.email, file_id)
            assert download.headers["Cache-Control"] == "private, no-store"
        client.post("/auth/logout")
    login(client, make_user(Role.DESK_OFFICER))  # signed in, but not an editor of the catalogue
    for file_id in files:
        assert client.get(_urls(file_id)[0]).status_code == 404
