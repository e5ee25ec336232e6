"""Friendly error pages: what happened and what to do, never a traceback."""

from __future__ import annotations

from flask import Flask, current_app, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import HTTPException, SecurityError

from docgen.uploads import size_text
from webui.database import session


def init_app(app: Flask) -> None:
    app.register_error_handler(SecurityError, untrusted_host)
    app.register_error_handler(CSRFError, csrf_error)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(IntegrityError, conflict)
    app.register_error_handler(Exception, unexpected_error)


def page(status: int, title: str, message: str):
    return render_template("errors/error.html", status=status, title=title, message=message), status


def untrusted_host(_error: SecurityError):
    """A request for a host name the app does not answer to (``DOCGEN_TRUSTED_HOSTS``): no page of the
    app, whose links would name that host."""
    return "400 Bad Request: host not trusted", 400, {"Content-Type": "text/plain; charset=utf-8"}


def csrf_error(_error: CSRFError):
    return page(400, _("Biểu mẫu đã hết hạn"),
                _("Trang này đã mở quá lâu hoặc được gửi từ nơi khác. Hãy tải lại trang rồi gửi lại."))


def http_error(error: HTTPException):
    if error.code == 404:
        return page(404, _("Không tìm thấy trang"),
                    _("Địa chỉ này không có hoặc nội dung đã bị xóa. Hãy quay về trang chủ."))
    if error.code == 413:
        return page(413, _("Tệp quá lớn"),
                    _("Tệp tải lên vượt quá giới hạn %(limit)s. Hãy chọn tệp nhỏ hơn.",
                      limit=size_text(current_app.config["MAX_CONTENT_LENGTH"])))
    if error.code == 403:
        return page(403, _("Không có quyền"),
                    _("Tài khoản của bạn không được mở trang này. Nếu cần, hãy hỏi người quản trị."))
    if error.code == 429:
        return page(429, _("Quá nhiều lần đăng nhập sai"),
                    _("Đã thử đăng nhập sai quá nhiều lần. Hãy đợi ít phút rồi thử lại."))
    if error.code == 405:
        return page(405, _("Thao tác không hợp lệ"),
                    _("Trang này không nhận thao tác đó. Hãy dùng các nút trên trang."))
    return page(error.code or 400, _("Yêu cầu không hợp lệ"),
                _("Yêu cầu không xử lý được. Hãy quay lại và thử lại."))


def conflict(_error: IntegrityError):
    """Two people saving the same thing at once (one unit code twice): the database kept the first."""
    session().rollback()
    return page(409, _("Dữ liệu vừa được lưu cùng lúc"),
                _("Cùng lúc đó đã có người lưu dữ liệu trùng với dữ liệu này (chẳng hạn cùng một mã), nên dữ liệu "
                  "này chưa được lưu. Hãy tải lại trang, xem lại rồi lưu lại."))


def unexpected_error(error: Exception):
    current_app.logger.error("unexpected error", exc_info=error)
    session().rollback()  # the page shows the account, which a failed transaction would not read
    return page(500, _("Đã có lỗi"),
                _("Hệ thống gặp lỗi ngoài dự kiến; dữ liệu đã lưu không bị ảnh hưởng. Hãy thử lại, "
                  "nếu vẫn lỗi hãy báo cho người quản trị."))
