"""The office cancels a batch from its page: the generation reads cancelled, its page says so and
offers no ZIP, and the log names who did it."""

from __future__ import annotations

from docgen.store import audit
from docgen.store.schema import Generation

from .conftest import page_text


def running(app) -> int:
    with app.extensions["docgen.database"].session() as session:
        record = Generation(organisation_id=1, plan_id=1, plan_summary="kế hoạch", kinds="letter", unit_count=2,
                            total=2, status=Generation.RUNNING, done=1)
        session.add(record)
        session.flush()
        return record.id


def test_the_office_cancels_a_running_batch(app, client):
    generation_id = running(app)
    assert "Hủy lần tạo này" in page_text(client.get(f"/tao-van-ban/lan/{generation_id}"))
    response = client.post(f"/tao-van-ban/lan/{generation_id}/huy")
    assert response.status_code == 302 and response.location.endswith(f"/tao-van-ban/lan/{generation_id}")
    status = client.get(f"/tao-van-ban/lan/{generation_id}/trang-thai").get_json()
    assert (status["status"], status["finished"], status["done"]) == ("cancelled", True, 1)
    text = page_text(client.get(f"/tao-van-ban/lan/{generation_id}"))
    assert "Đã hủy" in text and "Hủy lần tạo này" not in text and "Tải tệp ZIP" not in text
    assert client.get(f"/tao-van-ban/lan/{generation_id}/tai-ve").status_code == 404
    with app.extensions["docgen.database"].session() as session:
        logged = [(entry.action, entry.target_id) for entry in audit.entries(session, 1, action="cancel")]
    assert logged == [("cancel", generation_id)]


def test_a_finished_batch_is_not_cancelled_again(app, client):
    generation_id = running(app)
    client.post(f"/tao-van-ban/lan/{generation_id}/huy")
    client.post(f"/tao-van-ban/lan/{generation_id}/huy")
    with app.extensions["docgen.database"].session() as session:
        assert len(audit.entries(session, 1, action="cancel")) == 1
