"""A realistic and nasty list of 84 grassroots units, as offices really type them.

45 đảng bộ and 39 chi bộ (as in Hưng Yên), with every spelling of the kind, names with and
without "Đảng bộ"/"Chi bộ" in front, NFD text, stray spaces, `&`, `/`, quotes, a name of
over 150 characters, and the eth (Ð) that some keyboards type for Đ.
"""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

BODIES = [
    "Sở Tài chính", "Sở Tư pháp", "Sở Kế hoạch & Đầu tư", "Sở Công Thương", "Sở Giáo dục và Đào tạo",
    "Sở Y tế", "Sở Xây dựng", "Sở Giao thông vận tải", "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Tài nguyên và Môi trường", "Sở Lao động - Thương binh và Xã hội", "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Khoa học và Công nghệ", "Sở Thông tin và Truyền thông", "Sở Nội vụ", "Thanh tra tỉnh",
    "Văn phòng Ủy ban nhân dân tỉnh", "Ban Quản lý các khu công nghiệp tỉnh", "Kho bạc Nhà nước Hưng Yên",
    "Cục Thuế tỉnh", "Cục Thống kê tỉnh", "Bảo hiểm xã hội tỉnh", "Ngân hàng Nhà nước chi nhánh Hưng Yên",
    "Báo Hưng Yên", "Đài Phát thanh - Truyền hình tỉnh", "Trường Chính trị Nguyễn Văn Linh",
    "Bệnh viện Đa khoa tỉnh Hưng Yên", "Bệnh viện Sản - Nhi", "Công ty Điện lực Hưng Yên",
    "Công ty Cổ phần Nước sạch Hưng Yên", "Công ty Cổ phần May Hưng Yên", "Viễn thông Hưng Yên",
    "Bưu điện tỉnh", "Liên đoàn Lao động tỉnh", "Hội Văn học - Nghệ thuật tỉnh", "Hội Nhà báo tỉnh",
    'Công ty TNHH "Thành Công"', "Công ty CP Đầu tư/Xây dựng số 1", "Trung tâm Y tế Văn Giang",
    "Quỹ Đầu tư phát triển tỉnh", "Chi cục Kiểm lâm", "Cục Quản lý thị trường tỉnh",
    "Trường Cao đẳng Cộng đồng Hưng Yên", "Trường Đại học Sư phạm Kỹ thuật Hưng Yên",
    "Ngân hàng TMCP Công Thương chi nhánh Hưng Yên",
]
LONG_NAME = ("Công ty Trách nhiệm hữu hạn Một thành viên Khai thác công trình thủy lợi và Phát triển "
             "nông nghiệp công nghệ cao phục vụ sản xuất, kinh doanh & dịch vụ tỉnh Hưng Yên (giai đoạn 2021 - 2025)")
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thị Thu", "Quốc", "Thanh"]
GIVEN = ["An", "Ánh", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hương", "Khoa", "Lan", "Nam",
         "Ngọc", "Oanh", "Quang", "Thảo", "Tuấn", "Uyên", "Vinh", "Yến"]
DANG_BO_SPELLINGS = ["Đảng bộ cơ sở", "đảng bộ", "dang-bo", "ĐẢNG BỘ CƠ SỞ", "  Đảng bộ  ", "ĐBCS"]
CHI_BO_SPELLINGS = ["Chi bộ cơ sở", "chi bộ", "chi-bo", "CHI BỘ", "chi bo", "CBCS"]
DANG_BO_COUNT = 45


def nasty_rows(count: int = 84) -> list[list[str]]:
    """Rows of a units CSV (header first), deterministic."""
    rows = [["Mã", "Tên đơn vị", "Loại", "Bí thư", "Ký hiệu", "Phó Bí thư", "Địa danh", "Email"]]
    for index in range(count):
        dang_bo = index < DANG_BO_COUNT
        body = BODIES[index % len(BODIES)]
        if index >= len(BODIES):
            body = f"{body} - cơ sở {index // len(BODIES) + 1}"
        if index == 7:
            body = LONG_NAME
        spellings = DANG_BO_SPELLINGS if dang_bo else CHI_BO_SPELLINGS
        kind = spellings[index % len(spellings)]
        prefix = "Đảng bộ " if dang_bo else "Chi bộ "
        name = prefix + body if index % 3 == 0 else body
        if index % 5 == 1:
            name = unicodedata.normalize("NFD", name)
        if index % 7 == 2:
            name = f"  {name.replace(' ', '  ')} "
        if index == 4:
            name = name.replace("Đ", "\u00d0")
        secretary = f"{SURNAMES[index % 12]} {MIDDLE[index % 7]} {GIVEN[index % 20]}"
        code = f"{'DB' if dang_bo else 'CB'}{index + 1:02d}"
        rows.append([code, name, kind, secretary, "", "", "Hưng Yên", ""])
    return rows


def write_nasty_units(path: Path, count: int = 84) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(nasty_rows(count))
    return path
