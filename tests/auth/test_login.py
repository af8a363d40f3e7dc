from portal.core.access import Role
from tests.factories import PASSWORD, login, make_user


def test_login_then_staff_home(client):
    user = make_user(Role.HANDLER)
    response = login(client, user)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/staff/")
    page = client.get("/staff/")
    assert user.full_name in page.get_data(as_text=True)


def test_wrong_password_is_refused_with_message(client):
    user = make_user(Role.HANDLER)
    response = login(client, user, "wrong-password-123")
    assert response.status_code == 422
    assert client.get("/staff/").status_code == 302
