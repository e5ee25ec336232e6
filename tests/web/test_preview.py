"""The true preview: a document's pages drawn from its PDF by the app's LibreOffice pool, kept by the
.docx's content, and the HTML draft where LibreOffice is missing."""

from __future__ import annotations

import base64
import hashlib
import struct
import subprocess

from docgen.files import load_organisation
from docgen.store import organisations, plans

from .conftest import add_account, demo_logins, login, make_app, signed_in
from .test_browser import first_page_shown, page, serve, sign_in  # noqa: F401 (fixtures)

PLAN = "/tao-van-ban/xem-truoc?plan=1&kind=plan"
PAGE = "/tao-van-ban/xem-truoc/trang-{page}.png?plan={plan}&kind=plan"
# A4 at the preview's 96 dpi: 210 × 297 mm.
A4 = (round(210 / 25.4 * 96), round(297 / 25.4 * 96))


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_the_preview_shows_the_pages_that_print_drawn_once(app):
    client = signed_in(app)
    text = client.get(PLAN).get_data(as_text=True)
    assert 'src="/tao-van-ban/xem-truoc/trang-1.png?plan=1&amp;kind=plan"' in text
    assert "trang-2.png" in text
    assert "gần đúng bố cục" not in text  # the HTML draft is for where no page can be drawn
    pool = app.extensions["docgen.pdf"].get()
    assert pool.stats.conversions == 1
    images = []
    for number in (1, 2):
        response = client.get(PAGE.format(page=number, plan=1))
        assert response.status_code == 200 and response.mimetype == "image/png"
        width, height = png_size(response.data)
        assert abs(width - A4[0]) <= 1 and abs(height - A4[1]) <= 1
        images.append(response.data)
    assert images[0] != images[1]
    assert client.get(PLAN).status_code == 200
    assert client.get(PAGE.format(page=1, plan=1)).data == images[0]
    assert pool.stats.conversions == 1  # the rest came from the storage
    docx = client.get("/tao-van-ban/van-ban.docx?plan=1&kind=plan").data
    kept = sorted(app.extensions["docgen.storage"].keys("preview"))
    folder = f"preview/{hashlib.sha256(docx).hexdigest()}"
    assert kept[:2] == [f"{folder}/1.png", f"{folder}/2.png"] and kept[-1] == f"{folder}/pages"
    count = int(app.extensions["docgen.storage"].read(f"{folder}/pages"))
    assert len(kept) == count + 1
    assert client.get(PAGE.format(page=count + 1, plan=1)).status_code == 404
    assert client.get(PAGE.format(page=0, plan=1)).status_code == 404


def test_no_one_sees_the_pages_of_a_document_not_theirs(app):
    with app.extensions["docgen.database"].session() as session:
        other = organisations.add(session, load_organisation().model_copy(update={"name": "Đảng ủy Khối Doanh nghiệp"})).id
        their_plan = plans.add(session, other, plans.get(session, 1, 1).plan).id
        session.commit()
    client = signed_in(app)
    assert client.get(PAGE.format(page=1, plan=their_plan)).status_code == 404
    unit = app.test_client()
    assert login(unit, "db01", demo_logins(app)["db01"]).status_code == 302
    assert unit.get(PAGE.format(page=1, plan=1)).status_code == 403
    assert unit.get(PLAN).status_code == 403
    assert app.extensions["docgen.pdf"]._pool is None  # nothing was converted for them


def test_without_libreoffice_the_draft_and_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCGEN_SOFFICE", str(tmp_path / "no-office" / "soffice"))
    app = make_app(tmp_path)
    client = signed_in(app)
    response = client.get(PLAN)
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Máy chủ chưa cài LibreOffice nên chưa vẽ được trang in" in text
    assert "Bản xem trước gần đúng bố cục" in text and "trang-1.png" not in text
    assert client.get(PAGE.format(page=1, plan=1)).status_code == 404


def test_the_preview_in_a_browser_next_to_the_pdf_page(tmp_path, page, artifacts):  # noqa: F811
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    password = add_account(app, "thu-ky", "van-phong")
    for base in serve(app):
        page.goto(base + "/dang-nhap")
        sign_in(page, "thu-ky", password)
        page.goto(base + PLAN, timeout=120_000)  # LibreOffice starts
        first_page_shown(page)
        page.screenshot(path=artifacts / "preview-page.png", full_page=True)
        shown = page.locator(".pages img").first.screenshot()
        docx = page.request.get(base + "/tao-van-ban/van-ban.docx?plan=1&kind=plan").body()
        pdf = app.extensions["docgen.pdf"].get().convert(docx)
        (tmp_path / "plan.pdf").write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "96", "-singlefile", tmp_path / "plan.pdf", tmp_path / "printed"],
                       check=True)
        printed = (tmp_path / "printed.png").read_bytes()
        assert png_size(printed) == png_size(page.request.get(base + PAGE.format(page=1, plan=1)).body())
        pictures = "".join(f'<figure><figcaption>{caption}</figcaption><img style="width:600px;border:1px solid #999" '
                           f'src="data:image/png;base64,{base64.b64encode(data).decode()}"></figure>'
                           for caption, data in (("Xem trước trong trình duyệt", shown), ("pdftoppm", printed)))
        page.goto("about:blank")  # the app's CSP would refuse the inline styles
        page.set_content(f'<body style="display:flex;gap:16px;margin:8px">{pictures}</body>')
        page.screenshot(path=artifacts / "preview-next-to-pdf.png", full_page=True)
