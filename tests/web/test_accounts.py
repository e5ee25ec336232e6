"""Signing in and out, passwords, the limit on failed attempts, sessions that end, cookies and headers,
and the administrator's accounts and profile."""

from __future__ import annotations

import datetime as dt
import logging
import re
import stat
import time

import pytest
from flask import Blueprint

from docgen.store import users
from webui.access import check_sections
from webui.database import DEMO_LOGINS
from webui.security import HEADERS

from .conftest import add_account, demo_logins, login, make_app, page_text, signed_in


def test_nobody_signed_in_reaches_only_the_sign_in_page_static_files_and_the_language_switch(client, app):
    anonymous = app.test_client()
    response = anonymous.get("/don-vi/?x=1")
    assert response.status_code == 302 and response.location == "/dang-nhap?next=%2Fdon-vi%2F%3Fx%3D1"
    text = page_text(anonymous.get(response.location))
    assert "Hãy đăng nhập để tiếp tục." in text and 'type="password"' in text
    assert "Kế hoạch" not in re.search(r"<nav.*?</nav>", text, re.S)[0]
    assert anonymous.get("/static/style.css").status_code == 200
    assert anonymous.get("/ngon-ngu/en?next=/dang-nhap").location == "/dang-nhap"
    assert "Sign in" in page_text(anonymous.get("/dang-nhap"))


def test_signing_in_goes_back_where_asked_and_never_off_site(app):
    client = app.test_client()
    password = demo_logins(app)["van-phong"]
    for target, landing in (("/don-vi/", "/don-vi/"), ("//example.com/x", "/"), ("/\\example.com", "/"),
                            ("https://example.com/", "/"), ("/don-vi/\r\nSet-Cookie: x=1", "/")):
        page = client.get("/dang-nhap", query_string={"next": target}).get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
        response = client.post("/dang-nhap", query_string={"next": target},
                                data={"name": "van-phong", "password": password, "csrf_token": token[1] if token else ""})
        assert response.status_code == 302 and response.location == landing, target
        client.post("/tai-khoan/dang-xuat")


def test_a_wrong_name_or_password_says_only_that_and_is_logged_for_a_known_account(app):
    client = app.test_client()
    for name, password in (("van-phong", "sai mật khẩu rồi"), ("khong-co-ai", "sai mật khẩu rồi"), ("VAN PHONG", "x")):
        response = login(client, name, password)
        assert response.status_code == 200
        assert "Tên đăng nhập hoặc mật khẩu không đúng." in page_text(response)
    assert login(client, "Van-Phong", demo_logins(app)["van-phong"]).status_code == 302  # names are lower case
    log = page_text(client.get("/nhat-ky/?action=login-failed"))
    assert log.count("Đăng nhập sai</td>") == 1


def test_failed_sign_ins_are_limited_per_name_and_per_address(tmp_path):
    app = make_app(tmp_path, LOGIN_LIMIT_PER_NAME="3 per minute", LOGIN_LIMIT_PER_ADDRESS="5 per minute")
    client = app.test_client()
    password = demo_logins(app)["van-phong"]
    assert login(client, "van-phong", password).status_code == 302  # a success does not count
    client.post("/tai-khoan/dang-xuat")
    for _ in range(3):
        assert login(client, "van-phong", "không phải mật khẩu").status_code == 200
    blocked = login(client, "van-phong", password)
    assert blocked.status_code == 429 and "Quá nhiều lần đăng nhập sai" in page_text(blocked)
    assert login(client, "quan-tri", "không phải mật khẩu").status_code == 200  # another name: 4 of 5 from here
    assert login(client, "db01", "không phải mật khẩu").status_code == 200
    assert login(client, "cb01", demo_logins(app)["cb01"]).status_code == 429


def test_a_session_ends_after_its_lifetime_and_its_cookie_is_http_only_and_same_site(tmp_path):
    app = make_app(tmp_path, PERMANENT_SESSION_LIFETIME=dt.timedelta(seconds=1))
    client = app.test_client()
    response = login(client, "van-phong", demo_logins(app)["van-phong"])
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie and "Expires=" in cookie
    assert client.get("/don-vi/").status_code == 200
    time.sleep(3)
    assert client.get("/don-vi/").location.startswith("/dang-nhap")


def test_cookies_are_secure_and_hosts_checked_when_the_settings_say_so(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCGEN_HTTPS", "1")
    monkeypatch.setenv("DOCGEN_TRUSTED_HOSTS", "docgen.hungyen.vn, localhost")
    app = make_app(tmp_path)
    client = app.test_client()
    response = login(client, "van-phong", demo_logins(app)["van-phong"])
    assert "; Secure" in response.headers["Set-Cookie"]
    assert app.test_client().get("/dang-nhap", headers={"Host": "docgen.hungyen.vn"}).status_code == 200
    assert app.test_client().get("/dang-nhap", headers={"Host": "evil.example"}).status_code == 400


def test_a_bad_session_setting_is_refused_with_its_name(tmp_path, monkeypatch):
    from docgen.errors import BadInput

    monkeypatch.setenv("DOCGEN_SESSION_MINUTES", "mãi mãi")
    with pytest.raises(BadInput, match="DOCGEN_SESSION_MINUTES"):
        make_app(tmp_path)


def test_every_page_carries_the_security_headers(client, app):
    for response in (client.get("/"), app.test_client().get("/dang-nhap"), client.get("/khong-co"),
                     client.get("/static/app.js")):
        for name, value in HEADERS.items():
            assert response.headers[name] == value
    assert "script-src 'self'" in HEADERS["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in HEADERS["Content-Security-Policy"]


def test_signing_out_ends_the_session(client):
    assert client.post("/tai-khoan/dang-xuat").location == "/dang-nhap"
    assert client.get("/").location.startswith("/dang-nhap")


def test_a_new_password_signs_out_the_accounts_other_sessions(app, client):
    other = signed_in(app, "van-phong")
    response = client.post("/tai-khoan/mat-khau", data={"current": "sai", "new": "mật khẩu mới dài", "again": "mật khẩu mới dài"})
    assert "Mật khẩu đang dùng không đúng." in page_text(response)
    response = client.post("/tai-khoan/mat-khau", data={"current": demo_logins(app)["van-phong"], "new": "ngắn",
                                                        "again": "ngắn"})
    assert "Mật khẩu cần từ 10 đến 256 ký tự." in page_text(response)
    response = client.post("/tai-khoan/mat-khau", data={"current": demo_logins(app)["van-phong"],
                                                        "new": "mật khẩu mới dài", "again": "mật khẩu mới dài"})
    assert response.status_code == 302
    assert client.get("/don-vi/").status_code == 200
    assert other.get("/don-vi/").location.startswith("/dang-nhap")
    fresh = app.test_client()
    assert login(fresh, "van-phong", demo_logins(app)["van-phong"]).status_code == 200
    assert login(fresh, "van-phong", "mật khẩu mới dài").status_code == 302


def test_passwords_are_argon2id_hashes_and_never_logged(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    app = make_app(tmp_path)
    passwords = demo_logins(app)
    client = app.test_client()
    login(client, "van-phong", passwords["van-phong"])
    login(app.test_client(), "quan-tri", "một mật khẩu sai")
    assert not any(password in caplog.text for password in passwords.values())
    assert "một mật khẩu sai" not in caplog.text
    path = tmp_path / DEMO_LOGINS
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with app.extensions["docgen.database"].session() as session:
        stored = users.by_name(session, "van-phong").password_hash
    assert stored.startswith("$argon2id$") and passwords["van-phong"] not in stored


def test_the_factory_refuses_a_blueprint_that_does_not_say_whom_it_admits(app):
    app.register_blueprint(Blueprint("loose", __name__))
    with pytest.raises(RuntimeError, match="loose"):
        check_sections(app)


def test_a_route_outside_every_section_is_refused_to_everyone(tmp_path):
    app = make_app(tmp_path)

    @app.get("/ngoai")
    def outside():
        return "secret"

    assert signed_in(app, "quan-tri").get("/ngoai").status_code == 403
    assert app.test_client().get("/ngoai").location.startswith("/dang-nhap")


def test_the_administrator_adds_an_account_resets_a_password_and_locks_an_account(app):
    admin = signed_in(app, "quan-tri")
    text = page_text(admin.get("/quan-tri/"))
    assert all(name in text for name in ("quan-tri", "van-phong", "db01", "db02", "cb01"))
    response = admin.post("/quan-tri/", data={"name": "db03", "role": "don-vi", "unit": "", "password": "mười ký tự ạ"})
    assert "Chọn đơn vị của tài khoản này." in page_text(response)
    response = admin.post("/quan-tri/", data={"name": "van-phong", "role": "van-phong", "password": "mười ký tự ạ"})
    assert "tên đăng nhập “van-phong” đã có người dùng" in page_text(response)
    response = admin.post("/quan-tri/", data={"name": "Văn Thư", "role": "van-phong", "password": "mười ký tự ạ"})
    assert "không dùng được" in page_text(response)
    response = admin.post("/quan-tri/", data={"name": "db03", "role": "don-vi", "unit": "3", "password": "mười ký tự ạ"})
    assert response.status_code == 302
    unit = app.test_client()
    assert login(unit, "db03", "mười ký tự ạ").location == "/"
    assert unit.get("/").location == "/cong-don-vi/"
    assert "Đảng ủy Sở Y tế" in page_text(unit.get("/cong-don-vi/"))

    with app.extensions["docgen.database"].session() as session:
        account = users.by_name(session, "db03").id
        admin_id = users.by_name(session, "quan-tri").id
    assert admin.post(f"/quan-tri/nguoi-dung/{account}", data={"password": "mật khẩu thứ hai"}).status_code == 302
    assert unit.get("/cong-don-vi/").location.startswith("/dang-nhap")
    assert login(unit, "db03", "mật khẩu thứ hai").status_code == 302
    assert admin.post(f"/quan-tri/nguoi-dung/{account}/khoa").status_code == 302
    assert unit.get("/cong-don-vi/").location.startswith("/dang-nhap")
    assert login(app.test_client(), "db03", "mật khẩu thứ hai").status_code == 200
    assert admin.post(f"/quan-tri/nguoi-dung/{account}/khoa", data={"active": "1"}).status_code == 302
    assert login(app.test_client(), "db03", "mật khẩu thứ hai").status_code == 302
    admin.post(f"/quan-tri/nguoi-dung/{admin_id}/khoa")
    assert admin.get("/quan-tri/").status_code == 200  # an administrator cannot lock themself out
    log = page_text(admin.get("/nhat-ky/?user=" + str(admin_id)))
    assert "db03 (don-vi)" in log and "db03: khóa" in log and "db03: mở khóa" in log


def test_a_units_account_whose_unit_is_deleted_can_no_longer_sign_in(app, client):
    unit = signed_in(app, "db01")
    assert client.post("/don-vi/1/xoa").status_code == 302
    assert unit.get("/cong-don-vi/").location.startswith("/dang-nhap")
    assert login(app.test_client(), "db01", demo_logins(app)["db01"]).status_code == 200


def test_the_organisation_profile_is_what_new_plans_start_from(app, client):
    admin = signed_in(app, "quan-tri")
    response = admin.post("/quan-tri/to-chuc", data={
        "org_superior": "Đảng bộ tỉnh Hưng Yên", "org_name": "Đảng ủy Khối Doanh nghiệp tỉnh", "org_short_name": "Đảng ủy Khối",
        "org_symbol": "ĐUKDN", "org_place": "Hưng Yên", "org_collective": "Ban Thường vụ", "org_office": "Văn phòng",
        "org_tone_style": "old", "org_term": "2020 - 2025"})
    assert response.status_code == 302
    assert 'value="ĐUKDN"' in page_text(client.get("/ke-hoach/moi"))
    assert "Ký hiệu cơ quan" in page_text(admin.post("/quan-tri/to-chuc", data={"org_name": "x", "org_symbol": "đ"}))


def test_a_new_deployment_says_how_to_make_the_first_administrator(tmp_path):
    app = make_app(tmp_path, LOAD_DEMO_DATA=False)
    assert "docgen user add quan-tri --role quan-tri --password-stdin" in page_text(app.test_client().get("/dang-nhap"))
    add_account(app, "quan-tri", "quan-tri")
    assert "docgen user add" not in page_text(app.test_client().get("/dang-nhap"))
