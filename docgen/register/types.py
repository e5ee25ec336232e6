"""The Party document types an office numbers, by their abbreviation (format-36-hd.md §4.3).

Quyết định and Quy định share ``QĐ``, and so one series. A congress (đại hội) numbers all its
documents in one series, under its own abbreviation ``ĐH`` (§4.2, §4.4).
"""

from __future__ import annotations

from docgen.errors import BadInput
from docgen.i18n import N_

DOC_TYPES = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định, Quy định",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "QC": "Quy chế",
    "TT": "Thông tri",
    "HD": "Hướng dẫn",
    "TB": "Thông báo",
    "BC": "Báo cáo",
    "KH": "Kế hoạch",
    "CTr": "Chương trình",
    "TTr": "Tờ trình",
    "CV": "Công văn",
    "ĐA": "Đề án",
    "PA": "Phương án",
    "BB": "Biên bản",
    "BS": "Bản sao",
}
CONGRESS_ISSUER = "ĐH"
CONGRESS_SERIES = "*"


def doc_type(text: str) -> str:
    """The abbreviation ``text`` names (``kh`` is ``KH``); anything else is refused with the list."""
    wanted = text.strip().casefold()
    for abbreviation in DOC_TYPES:
        if abbreviation.casefold() == wanted:
            return abbreviation
    raise BadInput(N_("không có loại văn bản “%(type)s” trong sổ; chọn một trong: %(types)s"), type=text[:20],
                   types=", ".join(DOC_TYPES))
