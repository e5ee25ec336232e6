"""Every message of the format rules, in Vietnamese and English, with its severity.

One table, so the wording can be reviewed (and translated) in one place.  A key is a rule id,
or ``rule/variant`` when one rule says different things; severity ``None`` means the profile
element's own (``Element.check_severity``).
"""

from __future__ import annotations

from typing import NamedTuple


class Message(NamedTuple):
    severity: str | None
    vi: str
    en: str


MESSAGES = {
    "state-document": Message(
        "info",
        vi=(
            "Văn bản có dạng văn bản hành chính Nhà nước (Nghị định 30/2020/NĐ-CP), không phải văn bản của Đảng;"
            " những điểm khác thể thức văn bản của Đảng được liệt kê dưới đây."
        ),
        en=(
            "This looks like a State administrative document (Decree 30/2020/NĐ-CP), not a Party document; where"
            " it departs from the Party format is listed below."
        ),
    ),
    "unknown-kind": Message(
        "info",
        vi="Không nhận ra đây là văn bản của Đảng (không có tiêu đề “{heading}”) hay của Nhà nước.",
        en="Neither a Party document (no heading “{heading}”) nor a State one could be recognised.",
    ),
    "paper-size": Message(
        "error",
        vi="Khổ giấy {actual} mm; phải là A4 ({expected} mm).",
        en="The paper is {actual} mm; it must be A4 ({expected} mm).",
    ),
    "orientation": Message(
        "error",
        vi="Trang đầu nằm ngang; văn bản phải trình bày trên trang dọc.",
        en="The first page is landscape; the document must be portrait.",
    ),
    "margins": Message(
        "warning",
        vi="Lề {actual}; quy định {expected} (±{tolerance} mm).",
        en="Margins {actual}; they should be {expected} (±{tolerance} mm).",
    ),
    "font": Message(
        "error",
        vi="Phông chữ “{font}” ở {count} đoạn; phải dùng phông {expected}.",
        en="Font “{font}” in {count} paragraph(s); the font must be {expected}.",
    ),
    "legacy-font": Message(
        "error",
        vi=(
            "Phông chữ cũ “{font}” (TCVN3/VNI, không phải Unicode) ở {count} đoạn: chuyển sang Unicode, phông "
            "{expected}."
        ),
        en=(
            "Legacy font “{font}” (TCVN3/VNI, not Unicode) in {count} paragraph(s): convert to Unicode and "
            "{expected}."
        ),
    ),
    "party-heading-missing": Message(
        "error",
        vi="Thiếu tiêu đề “{expected}” (góc phải, dòng đầu trang 1).",
        en="The heading “{expected}” is missing (top right of page 1).",
    ),
    "party-heading-text": Message(
        "error",
        vi="Tiêu đề viết “{text}”; phải viết đúng “{expected}”.",
        en="The heading reads “{text}”; it must read exactly “{expected}”.",
    ),
    "party-heading-line": Message(
        "warning",
        vi="Thiếu đường kẻ ngang nét liền dưới tiêu đề, dài bằng tiêu đề (khoảng {expected} mm).",
        en="No solid line under the heading, as long as the heading (about {expected} mm).",
    ),
    "party-heading-line/length": Message(
        "warning",
        vi="Đường kẻ dưới tiêu đề dài {actual} mm; phải dài bằng tiêu đề (khoảng {expected} mm ±{tolerance}%).",
        en=(
            "The line under the heading is {actual} mm; it should be as long as the heading (about {expected} mm"
            " ±{tolerance}%)."
        ),
    ),
    "state-header": Message(
        "error",
        vi="Có Quốc hiệu, Tiêu ngữ của Nhà nước; văn bản của Đảng dùng tiêu đề “{heading}”.",
        en="The State national title or motto is present; a Party document uses the heading “{heading}”.",
    ),
    "issuer-missing": Message(
        "error",
        vi="Thiếu tên cơ quan ban hành văn bản (góc trái phần đầu).",
        en="The issuing body is missing (top left of the header).",
    ),
    "star-missing": Message(
        "error",
        vi="Thiếu dấu “*” dưới tên cơ quan ban hành.",
        en="The “*” under the issuing body is missing.",
    ),
    "star-missing/line": Message(
        "error",
        vi="Dưới tên cơ quan ban hành là đường kẻ (kiểu văn bản Nhà nước); văn bản của Đảng dùng dấu “*”.",
        en="A line under the issuing body is State style; a Party document puts a “*” there.",
    ),
    "number-missing": Message(
        "error",
        vi="Thiếu số và ký hiệu văn bản (dạng “Số 15-KH/ĐUK”).",
        en="The number and symbol are missing (form “Số 15-KH/ĐUK”).",
    ),
    "number-colon": Message(
        "error",
        vi="Sau “Số” không có dấu hai chấm (đó là kiểu văn bản Nhà nước): viết “{fix}”.",
        en="No colon after “Số” (that is State style): write “{fix}”.",
    ),
    "number-state-order": Message(
        "error",
        vi="Số và ký hiệu theo kiểu Nhà nước (số/loại-cơ quan); văn bản của Đảng viết số-loại/cơ quan: “{fix}”.",
        en="State order number/type-body; a Party document writes number-type/body: “{fix}”.",
    ),
    "number-leading-zero": Message(
        "error",
        vi="Số nhỏ hơn 10 phải có số 0 đứng trước: viết “{fix}”.",
        en="A number below 10 takes a leading zero: write “{fix}”.",
    ),
    "number-state-symbol": Message(
        "error",
        vi="“{symbol}” là chữ viết tắt tên loại của văn bản Nhà nước; văn bản của Đảng viết “{fix}”.",
        en="“{symbol}” is a State type abbreviation; a Party document writes “{fix}”.",
    ),
    "number-third-segment": Message(
        "warning",
        vi="Ký hiệu có thêm phần thứ ba “/{segment}”: kiểm tra lại với quy chế của cơ quan.",
        en="The symbol has a third part “/{segment}”: check it against the body's rules.",
    ),
    "number-form": Message(
        "error",
        vi="Số và ký hiệu không đúng dạng “Số 15-KH/ĐUK” (số-loại/cơ quan).",
        en="The number and symbol do not have the form “Số 15-KH/ĐUK” (number-type/body).",
    ),
    "place-date-missing": Message(
        "error",
        vi="Thiếu địa danh, ngày tháng năm ban hành (dạng “Hưng Yên, ngày 25 tháng 5 năm 2021”).",
        en="The place and date are missing (form “Hưng Yên, ngày 25 tháng 5 năm 2021”).",
    ),
    "place-date-form": Message(
        "error",
        vi="Địa danh, ngày tháng năm không đúng dạng “Địa danh, ngày DD tháng M năm YYYY”.",
        en="The place and date do not have the form “Place, ngày DD tháng M năm YYYY”.",
    ),
    "place-date-padding": Message(
        "error",
        vi="Ngày dưới 10 và tháng 1, 2 có số 0 đứng trước, tháng 3 đến 12 thì không: viết “{fix}”.",
        en="Days below 10 and months 1 and 2 take a leading zero, months 3 to 12 do not: write “{fix}”.",
    ),
    "doc-title-missing": Message(
        "warning",
        vi="Không thấy tên loại văn bản (KẾ HOẠCH, BÁO CÁO, …) dưới phần đầu.",
        en="No document type title (KẾ HOẠCH, BÁO CÁO, …) below the header.",
    ),
    "separator-missing": Message(
        "warning",
        vi="Thiếu dòng “{expected}” dưới trích yếu.",
        en="The “{expected}” line under the summary is missing.",
    ),
    "separator-drawn": Message(
        "warning",
        vi="Dưới trích yếu là đường kẻ vẽ (kiểu văn bản Nhà nước); văn bản của Đảng dùng dòng “{expected}”.",
        en="A drawn line under the summary is State style; a Party document uses a “{expected}” line.",
    ),
    "separator-form": Message(
        "warning",
        vi="Dòng phân cách viết “{text}”; quy định “{expected}”.",
        en="The separator reads “{text}”; it should be “{expected}”.",
    ),
    "letter-summary-prefix": Message(
        "warning",
        vi="Trích yếu công văn bắt đầu bằng “{prefix}” (kiểu văn bản Nhà nước); nên viết “Về việc …”.",
        en="The letter summary starts with “{prefix}” (State style); write “Về việc …”.",
    ),
    "letter-salutation": Message(
        "warning",
        vi="Công văn thiếu dòng “{expected}”.",
        en="The letter has no “{expected}” line.",
    ),
    "letter-salutation/form": Message(
        "warning",
        vi="Viết “{expected}” (có dấu hai chấm).",
        en="Write “{expected}” (with the colon).",
    ),
    "body-size": Message(
        "error",
        vi="Cỡ chữ nội dung {actual} pt ở {count} đoạn; quy định {expected} pt.",
        en="Body text in {actual} pt in {count} paragraph(s); it must be {expected} pt.",
    ),
    "authority-state-style": Message(
        "error",
        vi="“{word}” là cách viết của văn bản Nhà nước; văn bản của Đảng viết “{fix}”.",
        en="“{word}” is State style; a Party document writes “{fix}”.",
    ),
    "authority-deputy-collective": Message(
        "error",
        vi="Cấp phó ký thay tập thể cấp ủy vẫn ghi “T/M”, không ghi “K/T”: viết “{fix}”.",
        en="A deputy signing for a Party committee still writes “T/M”, not “K/T”: write “{fix}”.",
    ),
    "authority-deputy-committee": Message(
        "error",
        vi=(
            "Văn bản của cấp ủy ký thay mặt tập thể (“T/M”) dù ai ký, cấp phó cũng vậy; “K/T” chỉ dùng ở cơ quan có"
            " một người đứng đầu (ban, văn phòng, ủy ban kiểm tra): viết “{fix}”, chức vụ người ký để ở dòng dưới."
        ),
        en=(
            "A Party committee's document is signed on behalf of the committee (“T/M”) whoever signs, a deputy"
            " too; “K/T” belongs only to bodies with one head (a ban, an office, an inspection committee): write"
            " “{fix}”, with the signer's title on the line below."
        ),
    ),
    "recipient-prefix": Message(
        "warning",
        vi="Mỗi nơi nhận bắt đầu bằng “- ”.",
        en="Each recipient line starts with “- ”.",
    ),
    "recipient-last-period": Message(
        "warning",
        vi="Nơi nhận cuối cùng kết thúc bằng dấu chấm.",
        en="The last recipient line ends with a full stop.",
    ),
    "recipient-archive-colon": Message(
        "warning",
        vi="Viết “- Lưu …” không có dấu hai chấm (“- Lưu:” là kiểu văn bản Nhà nước).",
        en="Write “- Lưu …” without a colon (“- Lưu:” is State style).",
    ),
    "page-number-missing": Message(
        "warning",
        vi="Không có số trang (trường PAGE ở lề trên) cho các trang từ trang 2.",
        en="No page number (a PAGE field in the header) from page 2 on.",
    ),
    "page-number-position": Message(
        "warning",
        vi="Số trang nằm ở chân trang; văn bản của Đảng đánh số trang ở giữa lề trên.",
        en="The page number is in the footer; Party documents number pages at the top centre.",
    ),
    "page-number-first-page": Message(
        "warning",
        vi="Trang 1 cũng có số trang; số trang đánh từ trang {first}.",
        en="Page 1 shows a page number; pages are numbered from page {first}.",
    ),
    "format": Message(
        None,
        vi="{name}: {problems}.",
        en="{name}: {problems}.",
    ),
}

# How each profile element is named in messages; its format rule is "<key with dashes>-format".
ELEMENT_NAMES = {
    "party_heading": ("Tiêu đề", "Heading"),
    "superior": ("Tên cơ quan cấp trên", "Superior body"),
    "issuer": ("Tên cơ quan ban hành", "Issuing body"),
    "star": ("Dấu *", "The *"),
    "number": ("Số và ký hiệu", "Number and symbol"),
    "letter_summary": ("Trích yếu công văn", "Letter summary"),
    "place_date": ("Địa danh, ngày tháng năm", "Place and date"),
    "doc_title": ("Tên loại văn bản", "Document type title"),
    "summary": ("Trích yếu", "Summary"),
    "separator": ("Dòng -----", "The ----- line"),
    "signature_authority": ("Quyền hạn người ký", "Signing authority"),
    "signer_title": ("Chức vụ người ký", "Signer's title"),
    "signer_name": ("Họ tên người ký", "Signer's name"),
    "recipients_label": ("“Nơi nhận:”", "“Nơi nhận:”"),
    "recipient": ("Dòng nơi nhận", "Recipient line"),
    "page_number": ("Số trang", "Page number"),
}

# What an element's format check can find wrong: (property, wanted value) or a name.
PROBLEMS = {
    "size": ("cỡ chữ {actual} pt (quy định {expected} pt)", "{actual} pt (should be {expected} pt)"),
    ("bold", True): ("không in đậm (phải in đậm)", "not bold (should be bold)"),
    ("bold", False): ("in đậm (quy định không in đậm)", "bold (should not be bold)"),
    ("italic", True): ("không in nghiêng (phải in nghiêng)", "not italic (should be italic)"),
    ("italic", False): ("in nghiêng (quy định chữ đứng)", "italic (should be upright)"),
    ("underline", True): ("không gạch chân (phải gạch chân)", "not underlined (should be underlined)"),
    ("underline", False): ("có gạch chân (quy định không gạch chân)", "underlined (should not be)"),
    "caps": ("không viết in hoa (phải IN HOA)", "not in capitals (should be in capitals)"),
}

MARGIN_SIDES = {
    "top": ("trên", "top"),
    "bottom": ("dưới", "bottom"),
    "left": ("trái", "left"),
    "right": ("phải", "right"),
}
