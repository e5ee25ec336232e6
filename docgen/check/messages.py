"""Every message of the format rules, with its severity.

One table, so the wording can be reviewed in one place.  The texts are Vietnamese message ids
(:mod:`docgen.i18n`), filled in with ``%(name)s`` parameters and translated when a check is run in
another language.  A key is a rule id, or ``rule/variant`` when one rule says different things;
severity ``None`` means the profile element's own (``Element.check_severity``).
"""

from __future__ import annotations

from typing import NamedTuple

from docgen.i18n import N_


class RuleMessage(NamedTuple):
    severity: str | None
    text: str


MESSAGES = {
    "state-document": RuleMessage(
        "info",
        N_(
            "Văn bản có dạng văn bản hành chính Nhà nước (Nghị định 30/2020/NĐ-CP), không phải văn bản của Đảng; "
            "những điểm khác thể thức văn bản của Đảng được liệt kê dưới đây."
        ),
    ),
    "unknown-kind": RuleMessage(
        "info",
        N_("Không nhận ra đây là văn bản của Đảng (không có tiêu đề “%(heading)s”) hay của Nhà nước."),
    ),
    "text-findings-cut": RuleMessage(
        "info",
        N_("Chỉ liệt kê %(max)s chỗ đầu tiên về chữ viết; văn bản còn những chỗ như vậy ở sau."),
    ),
    "paper-size": RuleMessage("error", N_("Khổ giấy %(actual)s mm; phải là A4 (%(expected)s mm).")),
    "orientation": RuleMessage("error", N_("Trang đầu nằm ngang; văn bản phải trình bày trên trang dọc.")),
    "margins": RuleMessage("warning", N_("Lề %(actual)s; quy định %(expected)s (±%(tolerance)s mm).")),
    "font": RuleMessage("error", N_("Phông chữ “%(font)s” ở %(count)s đoạn; phải dùng phông %(expected)s.")),
    "legacy-font": RuleMessage(
        "error",
        N_(
            "Phông chữ cũ “%(font)s” (TCVN3/VNI, không phải Unicode) ở %(count)s đoạn: chuyển sang Unicode, phông "
            "%(expected)s."
        ),
    ),
    "party-heading-missing": RuleMessage("error", N_("Thiếu tiêu đề “%(expected)s” (góc phải, dòng đầu trang 1).")),
    "party-heading-text": RuleMessage("error", N_("Tiêu đề viết “%(text)s”; phải viết đúng “%(expected)s”.")),
    "party-heading-line": RuleMessage(
        "warning",
        N_("Thiếu đường kẻ ngang nét liền dưới tiêu đề, dài bằng tiêu đề (khoảng %(expected)s mm)."),
    ),
    "party-heading-line/length": RuleMessage(
        "warning",
        N_(
            "Đường kẻ dưới tiêu đề dài %(actual)s mm; phải dài bằng tiêu đề (khoảng %(expected)s mm "
            "±%(tolerance)s%%)."
        ),
    ),
    "state-header": RuleMessage(
        "error",
        N_("Có Quốc hiệu, Tiêu ngữ của Nhà nước; văn bản của Đảng dùng tiêu đề “%(heading)s”."),
    ),
    "issuer-missing": RuleMessage("error", N_("Thiếu tên cơ quan ban hành văn bản (góc trái phần đầu).")),
    "star-missing": RuleMessage("error", N_("Thiếu dấu “*” dưới tên cơ quan ban hành.")),
    "star-missing/line": RuleMessage(
        "error",
        N_("Dưới tên cơ quan ban hành là đường kẻ (kiểu văn bản Nhà nước); văn bản của Đảng dùng dấu “*”."),
    ),
    "number-missing": RuleMessage("error", N_("Thiếu số và ký hiệu văn bản (dạng “Số 15-KH/ĐUK”).")),
    "number-colon": RuleMessage(
        "error",
        N_("Sau “Số” không có dấu hai chấm (đó là kiểu văn bản Nhà nước): viết “%(fix)s”."),
    ),
    "number-state-order": RuleMessage(
        "error",
        N_("Số và ký hiệu theo kiểu Nhà nước (số/loại-cơ quan); văn bản của Đảng viết số-loại/cơ quan: “%(fix)s”."),
    ),
    "number-leading-zero": RuleMessage("error", N_("Số nhỏ hơn 10 phải có số 0 đứng trước: viết “%(fix)s”.")),
    "number-state-symbol": RuleMessage(
        "error",
        N_("“%(symbol)s” là chữ viết tắt tên loại của văn bản Nhà nước; văn bản của Đảng viết “%(fix)s”."),
    ),
    "number-third-segment": RuleMessage(
        "warning",
        N_("Ký hiệu có thêm phần thứ ba “/%(segment)s”: kiểm tra lại với quy chế của cơ quan."),
    ),
    "number-form": RuleMessage("error", N_("Số và ký hiệu không đúng dạng “Số 15-KH/ĐUK” (số-loại/cơ quan).")),
    "place-date-missing": RuleMessage(
        "error",
        N_("Thiếu địa danh, ngày tháng năm ban hành (dạng “Hưng Yên, ngày 25 tháng 5 năm 2021”)."),
    ),
    "place-date-form": RuleMessage(
        "error",
        N_("Địa danh, ngày tháng năm không đúng dạng “Địa danh, ngày DD tháng M năm YYYY”."),
    ),
    "place-date-padding": RuleMessage(
        "error",
        N_("Ngày dưới 10 và tháng 1, 2 có số 0 đứng trước, tháng 3 đến 12 thì không: viết “%(fix)s”."),
    ),
    "doc-title-missing": RuleMessage(
        "warning",
        N_("Không thấy tên loại văn bản (KẾ HOẠCH, BÁO CÁO, …) dưới phần đầu."),
    ),
    "separator-missing": RuleMessage("warning", N_("Thiếu dòng “%(expected)s” dưới trích yếu.")),
    "separator-drawn": RuleMessage(
        "warning",
        N_("Dưới trích yếu là đường kẻ vẽ (kiểu văn bản Nhà nước); văn bản của Đảng dùng dòng “%(expected)s”."),
    ),
    "separator-form": RuleMessage("warning", N_("Dòng phân cách viết “%(text)s”; quy định “%(expected)s”.")),
    "letter-summary-prefix": RuleMessage(
        "warning",
        N_("Trích yếu công văn bắt đầu bằng “%(prefix)s” (kiểu văn bản Nhà nước); nên viết “Về việc …”."),
    ),
    "letter-salutation": RuleMessage("warning", N_("Công văn thiếu dòng “%(expected)s”.")),
    "letter-salutation/form": RuleMessage("warning", N_("Viết “%(expected)s” (có dấu hai chấm).")),
    "body-size": RuleMessage("error", N_("Cỡ chữ nội dung %(actual)s pt ở %(count)s đoạn; quy định %(expected)s pt.")),
    "authority-state-style": RuleMessage(
        "error",
        N_("“%(word)s” là cách viết của văn bản Nhà nước; văn bản của Đảng viết “%(fix)s”."),
    ),
    "authority-deputy-collective": RuleMessage(
        "error",
        N_("Cấp phó ký thay tập thể cấp ủy vẫn ghi “T/M”, không ghi “K/T”: viết “%(fix)s”."),
    ),
    "authority-deputy-committee": RuleMessage(
        "error",
        N_(
            "Văn bản của cấp ủy ký thay mặt tập thể (“T/M”) dù ai ký, cấp phó cũng vậy; “K/T” chỉ dùng ở cơ quan "
            "có một người đứng đầu (ban, văn phòng, ủy ban kiểm tra): viết “%(fix)s”, chức vụ người ký để ở dòng "
            "dưới."
        ),
    ),
    "recipient-prefix": RuleMessage("warning", N_("Mỗi nơi nhận bắt đầu bằng “- ”.")),
    "recipient-last-period": RuleMessage("warning", N_("Nơi nhận cuối cùng kết thúc bằng dấu chấm.")),
    "recipient-archive-colon": RuleMessage(
        "warning",
        N_("Viết “- Lưu …” không có dấu hai chấm (“- Lưu:” là kiểu văn bản Nhà nước)."),
    ),
    "page-number-missing": RuleMessage(
        "warning",
        N_("Không có số trang (trường PAGE ở lề trên) cho các trang từ trang 2."),
    ),
    "page-number-position": RuleMessage(
        "warning",
        N_("Số trang nằm ở chân trang; văn bản của Đảng đánh số trang ở giữa lề trên."),
    ),
    "page-number-first-page": RuleMessage("warning", N_("Trang 1 cũng có số trang; số trang đánh từ trang %(first)s.")),
    "format": RuleMessage(None, N_("%(name)s: %(problems)s.")),
}
# How each profile element is named in messages; its format rule is "<key with dashes>-format".
ELEMENT_NAMES = {
    "party_heading": N_("Tiêu đề"),
    "superior": N_("Tên cơ quan cấp trên"),
    "issuer": N_("Tên cơ quan ban hành"),
    "star": N_("Dấu *"),
    "number": N_("Số và ký hiệu"),
    "letter_summary": N_("Trích yếu công văn"),
    "place_date": N_("Địa danh, ngày tháng năm"),
    "doc_title": N_("Tên loại văn bản"),
    "summary": N_("Trích yếu"),
    "separator": N_("Dòng -----"),
    "signature_authority": N_("Quyền hạn người ký"),
    "signer_title": N_("Chức vụ người ký"),
    "signer_name": N_("Họ tên người ký"),
    "recipients_label": N_("“Nơi nhận:”"),
    "recipient": N_("Dòng nơi nhận"),
    "page_number": N_("Số trang"),
}

# What an element's format check can find wrong: (property, wanted value) or a name.
PROBLEMS = {
    "size": N_("cỡ chữ %(actual)s pt (quy định %(expected)s pt)"),
    ("bold", True): N_("không in đậm (phải in đậm)"),
    ("bold", False): N_("in đậm (quy định không in đậm)"),
    ("italic", True): N_("không in nghiêng (phải in nghiêng)"),
    ("italic", False): N_("in nghiêng (quy định chữ đứng)"),
    ("underline", True): N_("không gạch chân (phải gạch chân)"),
    ("underline", False): N_("có gạch chân (quy định không gạch chân)"),
    "caps": N_("không viết in hoa (phải IN HOA)"),
}

MARGIN_SIDES = {
    "top": N_("trên"),
    "bottom": N_("dưới"),
    "left": N_("trái"),
    "right": N_("phải"),
}
