"""Friendly error pages: what happened and what to do, never a traceback."""

from __future__ import annotations

from flask import Flask, current_app, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, SecurityError


def init_app(app: Flask) -> None:
    app.register_error_handler(SecurityError, untrusted_host)
    app.register_error_handler(CSRFError, csrf_error)
    app.register_error_handler(HTTPException, http_error)
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


def unexpected_error(error: Exception):
    current_app.logger.error("unexpected error", exc_info=error)
    return page(500, _("Đã có lỗi"),
                _("Hệ thống gặp lỗi ngoài dự kiến; dữ liệu đã lưu không bị ảnh hưởng. Hãy thử lại, "
                  "nếu vẫn lỗi hãy báo cho người quản trị."))


def size_text(size: int) -> str:
    return f"{size // (1024 * 1024)} MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)} KB"
