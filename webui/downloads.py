"""Sending files with Vietnamese names: NFC, and a plain-ASCII fallback for old clients."""

from __future__ import annotations

import io

from flask import send_file

from docgen.vn.text import normalize


def send_bytes(data: bytes, name: str, mimetype: str):
    return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=normalize(name))
