"""Every page answers, in Vietnamese by default and English on request; errors get friendly pages."""

import unicodedata

import pytest

from webui.access import PUBLIC, Section

from .conftest import make_app, page_text, signed_in, upload

PAGES = [
    "/", "/ke-hoach/", "/ke-hoach/moi", "/ke-hoach/1", "/ke-hoach/1/xoa", "/ke-hoach/nhap",
    "/don-vi/", "/don-vi/them", "/don-vi/1", "/don-vi/1/xoa", "/don-vi/nhap",
    "/tao-van-ban/", "/tao-van-ban/?plan=1", "/tao-van-ban/xem-truoc?plan=1&kind=unit-plan&unit=1",
    "/kiem-tra/",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_answers_in_vietnamese_nfc(client, path):
    response = client.get(path)
    assert response.status_code == 200
    text = page_text(response)
    assert '<html lang="vi">' in text
    assert unicodedata.is_normalized("NFC", text)
    assert "Traceback" not in text


def test_home_shows_the_demo_data_and_the_three_steps(client):
    text = page_text(client.get("/"))
    assert "22 đảng bộ, chi bộ cơ sở trong danh sách" in text
    assert "đẩy mạnh công tác tuyên truyền sau Đại hội" in text
    for step in ("1. Kế hoạch", "2. Đơn vị", "3. Tạo văn bản"):
        assert step in text


def test_english_is_one_link_away_and_sticks(client):
    response = client.get("/ngon-ngu/en?next=/don-vi/")
    assert response.status_code == 302 and response.location.endswith("/don-vi/")
    text = page_text(client.get("/don-vi/"))
    assert '<html lang="en">' in text
    assert "Add a unit" in text and "Tiếng Việt" in text
    client.get("/ngon-ngu/vi")
    assert '<html lang="vi">' in page_text(client.get("/"))


def test_language_link_never_redirects_off_site(client):
    assert client.get("/ngon-ngu/en?next=https://example.com/").location == "/"
    assert client.get("/ngon-ngu/en?next=//example.com").location == "/"


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/khong-co")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in page_text(response)
    assert client.get("/ke-hoach/999").status_code == 404
    assert client.get("/don-vi/999").status_code == 404
    assert client.get("/tao-van-ban/lan/999").status_code == 404


def test_too_large_upload_is_a_clear_413(tmp_path):
    client = signed_in(make_app(tmp_path, MAX_CONTENT_LENGTH=10 * 1024))
    response = client.post("/don-vi/nhap", data={"file": upload(b"x" * 20_000, "units.csv")})
    assert response.status_code == 413
    text = page_text(response)
    assert "Tệp quá lớn" in text and "10 KB" in text


def test_unexpected_error_is_a_friendly_500_without_traceback(tmp_path):
    app = make_app(tmp_path, PROPAGATE_EXCEPTIONS=False)
    section = Section("broken", __name__, admits=PUBLIC)

    @section.get("/hong")
    def broken():
        raise RuntimeError("secret internals")

    app.register_blueprint(section)
    response = app.test_client().get("/hong")
    assert response.status_code == 500
    text = page_text(response)
    assert "Đã có lỗi" in text
    assert "secret internals" not in text and "Traceback" not in text


def test_post_without_csrf_token_is_refused(tmp_path):
    client = signed_in(make_app(tmp_path, WTF_CSRF_ENABLED=True))
    response = client.post("/don-vi/them", data={"code": "X1", "name": "Sở Nội vụ", "kind": "chi-bo"})
    assert response.status_code == 400
    assert "Biểu mẫu đã hết hạn" in page_text(response)
    response = client.post("/ke-hoach/dan-y", json={"text": "I. MỤC ĐÍCH"})
    assert response.status_code == 400
    assert "Sở Nội vụ" not in page_text(client.get("/don-vi/"))


def test_post_with_csrf_token_is_accepted(tmp_path):
    import re

    client = signed_in(make_app(tmp_path, WTF_CSRF_ENABLED=True))
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page_text(client.get("/don-vi/them")))[1]
    response = client.post("/don-vi/them", data={"csrf_token": token, "code": "X1", "name": "Sở Nội vụ", "kind": "chi-bo"})
    assert response.status_code == 302
    assert "Sở Nội vụ" in page_text(client.get("/don-vi/"))
    meta = re.search(r'<meta name="csrf-token" content="([^"]+)"', page_text(client.get("/")))[1]
    assert client.post("/ke-hoach/dan-y", json={"text": "I. MỤC ĐÍCH"}, headers={"X-CSRFToken": meta}).status_code == 200


def test_every_post_form_carries_a_csrf_token(tmp_path):
    import re

    client = signed_in(make_app(tmp_path, WTF_CSRF_ENABLED=True))
    for path in PAGES:
        text = page_text(client.get(path))
        for form in re.findall(r"<form[^>]*method=\"post\"[^>]*>.*?</form>", text, re.S):
            assert 'name="csrf_token"' in form, f"{path}: a POST form without CSRF token"


def test_wrong_method_is_a_friendly_405(client):
    response = client.post("/")
    assert response.status_code == 405
    assert "Thao tác không hợp lệ" in page_text(response)
