"""The audit log: who created, changed, deleted, generated, downloaded, uploaded what and when.

This module adds entries and reads them; there is deliberately no function that changes or
deletes one.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from docgen.i18n import N_
from docgen.store.schema import AuditEntry

# Each action and what the log page calls it.
ACTIONS = {
    "create": N_("Tạo"),
    "update": N_("Sửa"),
    "delete": N_("Xóa"),
    "import": N_("Nhập từ tệp"),
    "generate": N_("Tạo văn bản"),
    "cancel": N_("Hủy tạo văn bản"),
    "download": N_("Tải về"),
    "upload": N_("Tải lên"),
    "accept": N_("Chấp nhận báo cáo"),
    "return": N_("Trả lại báo cáo"),
    "replace": N_("Thay báo cáo bằng bản mới"),
    "discard": N_("Giữ báo cáo cũ, bỏ bản mới"),
    "correct": N_("Sửa số liệu báo cáo"),
    "login": N_("Đăng nhập"),
    "login-failed": N_("Đăng nhập sai"),
    "logout": N_("Đăng xuất"),
    "password": N_("Đổi mật khẩu"),
    "issue": N_("Cấp số"),
    "reserve": N_("Giữ số"),
    "void": N_("Hủy số"),
    "use": N_("Chọn mẫu dùng"),
}
# What an entry is about, and what the log page calls it.
TARGETS = {
    "plan": N_("kế hoạch"),
    "unit": N_("đơn vị"),
    "units": N_("danh sách đơn vị"),
    "generation": N_("lần tạo văn bản"),
    "document": N_("văn bản"),
    "report": N_("báo cáo"),
    "user": N_("tài khoản"),
    "organisation": N_("thông tin tổ chức"),
    "wording": N_("quy tắc lời văn"),
    "unit-text": N_("văn bản sửa riêng cho đơn vị"),
    "number": N_("số văn bản"),
    "term": N_("nhiệm kỳ"),
    "template": N_("mẫu văn bản"),
}
MAX_DETAIL = 500


def record(session: Session, organisation_id: int, user_id: int | None, action: str, target: str,
           target_id: int | None = None, detail: str = "", address: str = "") -> AuditEntry:
    """A new entry, in the caller's transaction: it is kept exactly when the change it tells of is."""
    if action not in ACTIONS or target not in TARGETS:
        raise ValueError(f"unknown audit action or target: {action!r}, {target!r}")
    entry = AuditEntry(organisation_id=organisation_id, user_id=user_id, action=action, target=target,
                       target_id=target_id, detail=detail[:MAX_DETAIL], address=address[:64])
    session.add(entry)
    return entry


def entries(session: Session, organisation_id: int, *, user_id: int | None = None, action: str | None = None,
            start: dt.datetime | None = None, end: dt.datetime | None = None, before: int | None = None,
            limit: int = 100) -> list[AuditEntry]:
    """The organisation's entries, newest first, filtered; ``before`` an entry id gives the next page."""
    query = select(AuditEntry).where(AuditEntry.organisation_id == organisation_id)
    if user_id is not None:
        query = query.where(AuditEntry.user_id == user_id)
    if action is not None:
        query = query.where(AuditEntry.action == action)
    if start is not None:
        query = query.where(AuditEntry.at >= start)
    if end is not None:
        query = query.where(AuditEntry.at < end)
    if before is not None:
        query = query.where(AuditEntry.id < before)
    return list(session.scalars(query.order_by(AuditEntry.id.desc()).limit(limit)))
