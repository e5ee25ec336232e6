"""Wording for one unit: the seed plan's real sentences rewritten for units of every sector and kind
(tests/data/units-all-sectors.csv), who a section is for, stale passages, and the tables' checks."""

from __future__ import annotations

import ast
import copy
import csv
import datetime as dt
from pathlib import Path

import pytest
import yaml

from docgen import outline
from docgen.errors import BadInput
from docgen.units import parse_kind
from docgen.wording import (
    DEFAULT_PHRASES,
    DEFAULT_SECTORS,
    OrgNames,
    WordingError,
    addressee,
    bloc_of,
    chi_uy_label,
    default_table,
    describe,
    load_table,
    parse_chi_uy,
    parse_sector,
    parse_unions,
    read_table,
    stale_passages,
    unions_cell,
    unmatched,
    unstated_deadlines,
    wording_for,
)
from docgen.wording.table import MAX_YAML_BYTES

from .conftest import EXAMPLES, REPO
from .test_layers import project_imports

UNITS_FILE = Path(__file__).parent / "data" / "units-all-sectors.csv"

# What units call their people (sectors.yaml), written out here to be checked.
AGENCY = "cán bộ, đảng viên, công chức, viên chức và người lao động"
PUBLIC = "cán bộ, đảng viên, viên chức và người lao động"
SCHOOL = "cán bộ, đảng viên, giảng viên, viên chức, người lao động và người học"
HEALTH = "cán bộ, đảng viên, y, bác sĩ, viên chức và người lao động"
PRESS = "cán bộ, đảng viên, phóng viên, biên tập viên và người lao động"
STAFF = "cán bộ, đảng viên và người lao động"
ARMED = "cán bộ, đảng viên và chiến sĩ"


@pytest.fixture(scope="module")
def names(seed_plan) -> OrgNames:
    """The committee's names from its data, as derive gives them."""
    org = seed_plan.organisation
    return OrgNames(org=org.short_name, symbol=org.symbol, bloc=bloc_of(org.short_name),
                    board=f"{org.lead_board} {org.short_name}", issuer=f"{org.collective} {org.short_name}",
                    office=org.office)


@pytest.fixture(scope="module")
def units():
    """The units list of every sector, read with the units file's own kind reader and the wording columns."""
    with UNITS_FILE.open(encoding="utf-8", newline="") as file:
        return {row["Mã"]: describe(row["Tên đơn vị"], parse_kind(row["Loại"]),
                                    sector=parse_sector(row["Khối/Lĩnh vực"]), noun=row["Danh xưng"],
                                    chi_uy=parse_chi_uy(row["Có chi ủy"]), unions=parse_unions(row["Đoàn thể"]))
                for row in csv.DictReader(file)}


@pytest.fixture(scope="module")
def tree(seed_plan):
    return outline.parse(seed_plan.body)


def sentence(tree, start: str) -> str:
    """The one paragraph of the plan that starts so."""
    found = [node.text for _, node in outline.walk(tree) if node.text.startswith(start)]
    assert len(found) == 1, f"{len(found)} paragraphs start with {start!r}"
    return found[0]


def carried(tree):
    """Sections I and II: what every unit's plan carries over."""
    return [node for node in tree if node.kind == "roman"][:2]


def worded(text: str, unit, names, document: str, table=None):
    """A paragraph as the unit's ``document`` words it."""
    return wording_for(unit, names, document, table).rewrite(text)


def worded_outline(nodes, unit, names, document: str):
    return wording_for(unit, names, document).rewrite_outline(nodes)


# -- the package's place ------------------------------------------------------------------


def test_wording_sits_below_derive_and_imports_only_text_helpers():
    allowed = ("docgen.vn", "docgen.errors", "docgen.i18n", "docgen.kinds", "docgen.wording")
    for file, imported in project_imports("docgen.wording").items():
        wrong = {name for name in imported if not name.startswith(allowed)}
        assert not wrong, f"{file} imports {sorted(wrong)}"


def code_strings(path: Path) -> list[str]:
    """The strings a module's code uses; not its documentation, which may cite the seed's names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    documentation = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
            and isinstance(node.value, str) and id(node) not in documentation]


def test_no_name_of_the_committee_is_written_in_the_code_or_the_rules():
    committee = ("Khối", "ĐUK", "Tuyên giáo")
    strings = [text for path in (REPO / "docgen" / "wording").glob("*.py") for text in code_strings(path)]
    assert "đảng ủy " in strings  # what a committee is called is all the code knows (bloc_of)
    assert [text for text in strings if any(name in text for name in committee)] == []
    rules = yaml.safe_load(DEFAULT_PHRASES.read_text(encoding="utf-8"))  # the rules, not their comments
    words = [text for part in ("phrases", "addressees") for rule in rules[part]
             for text in (*rule.get("match", ()), rule.get("regex", ""), rule.get("replace", ""))]
    assert len(words) > 50 and "Ban Tuyên giáo Tỉnh ủy" in words  # a body outside the committee may be named
    assert [text for text in words if any(name in text for name in ("Khối", "ĐUK", "Đảng ủy Khối"))] == []


# -- describing a unit --------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, sector, unit_type, noun",
    [
        ("Sở Tài chính", "hanh-chinh", "so", "Sở"),
        ("Cục Thống kê tỉnh", "hanh-chinh", "cuc", "Cục"),
        ("Chi cục Kiểm lâm", "hanh-chinh", "chi-cuc", "Chi cục"),
        ("Ban Quản lý các khu công nghiệp tỉnh", "hanh-chinh", "ban", "Ban"),
        ("Ban Chỉ huy Quân sự thành phố Hưng Yên", "vu-trang", "quan-su", "đơn vị"),
        ("Văn phòng Uỷ ban nhân dân tỉnh", "hanh-chinh", "van-phong", "Văn phòng"),
        ("Thanh tra tỉnh", "hanh-chinh", "thanh-tra", "cơ quan"),
        ("Bảo hiểm xã hội tỉnh", "hanh-chinh", "bao-hiem", "cơ quan"),
        ("Bảo tàng tỉnh", "su-nghiep", "bao-tang", "Bảo tàng"),
        ("Báo Hưng Yên", "su-nghiep", "bao", "cơ quan Báo"),
        ("Đài Phát thanh - Truyền hình tỉnh", "su-nghiep", "dai", "Đài"),
        ("Trường Cao đẳng Cộng đồng Hưng Yên", "su-nghiep", "truong", "Nhà trường"),
        ("Trung tâm Y tế Văn Giang", "su-nghiep", "y-te", "Trung tâm"),
        ("Trung tâm Dịch vụ việc làm tỉnh", "su-nghiep", "trung-tam", "Trung tâm"),
        ("Hội Nhà báo tỉnh", "su-nghiep", "hoi", "Hội"),
        ("Ngân hàng Nhà nước chi nhánh Hưng Yên", "hanh-chinh", "ngan-hang-nha-nuoc", "cơ quan"),
        ("Ngân hàng TMCP Công Thương chi nhánh Hưng Yên", "doanh-nghiep", "ngan-hang", "Ngân hàng"),
        ("CÔNG TY CỔ PHẦN MAY HƯNG YÊN", "doanh-nghiep", "cong-ty", "Công ty"),
        ("Tổng công ty Đầu tư phát triển hạ tầng", "doanh-nghiep", "tong-cong-ty", "Tổng công ty"),
        ("Bưu điện tỉnh Hưng Yên", "doanh-nghiep", "buu-dien", "Bưu điện"),
        ("Công an tỉnh", "vu-trang", "cong-an", "đơn vị"),
        ("Liên đoàn Lao động tỉnh", "khac", "lien-doan", "cơ quan"),
        ("Sóc Sơn", "khac", "", "đơn vị"),
    ],
)
def test_sector_and_noun_are_inferred_from_the_first_words_of_the_name(name, sector, unit_type, noun):
    unit = describe(name, "dang-bo")
    assert (unit.sector, unit.type, unit.noun) == (sector, unit_type, noun)


def test_what_the_units_list_says_is_kept_exactly():
    centre = describe("Trung tâm Dịch vụ việc làm tỉnh", "chi-bo", sector="doanh-nghiep", chi_uy=True,
                      unions=[" Công đoàn ", "Đoàn Thanh niên"])
    assert (centre.sector, centre.noun, centre.people, centre.work, centre.head) == (
        "doanh-nghiep", "Trung tâm", STAFF, "nhiệm vụ sản xuất, kinh doanh của Trung tâm", "Ban Giám đốc Trung tâm")
    assert (centre.executive, centre.executive_name) == (
        "Chi ủy Chi bộ", "Chi ủy Chi bộ Trung tâm Dịch vụ việc làm tỉnh")
    assert (centre.unions, centre.unions_phrase) == (("Công đoàn", "Đoàn Thanh niên"), "Công đoàn và Đoàn Thanh niên")
    telecom = describe("Viễn thông Hưng Yên", "chi-bo", noun="VNPT Hưng Yên")
    assert (telecom.noun, telecom.work, telecom.executive) == (
        "VNPT Hưng Yên", "nhiệm vụ sản xuất, kinh doanh của VNPT Hưng Yên", "Chi bộ")


def test_the_units_list_of_every_sector(units):
    described = {code: (unit.sector, unit.noun, unit.executive, unit.unions_phrase) for code, unit in units.items()}
    assert described == {
        "DB01": ("hanh-chinh", "Sở", "Đảng ủy", "Công đoàn, Đoàn Thanh niên và Hội Cựu chiến binh"),
        "DB02": ("hanh-chinh", "Cục", "Đảng ủy", "các đoàn thể"),
        "DB03": ("hanh-chinh", "Kho bạc", "Đảng ủy", "Công đoàn"),
        "DB04": ("hanh-chinh", "Văn phòng", "Đảng ủy", "các đoàn thể"),
        "DB05": ("hanh-chinh", "cơ quan", "Đảng ủy", "các đoàn thể"),
        "DB06": ("su-nghiep", "Nhà trường", "Đảng ủy", "Công đoàn, Đoàn Thanh niên và Hội Sinh viên"),
        "DB07": ("su-nghiep", "Bệnh viện", "Đảng ủy", "Công đoàn, Đoàn Thanh niên và Hội Cựu chiến binh"),
        "DB08": ("su-nghiep", "cơ quan Báo", "Đảng ủy", "Công đoàn và Chi đoàn Thanh niên"),
        "DB09": ("su-nghiep", "Đài", "Đảng ủy", "các đoàn thể"),
        "DB10": ("doanh-nghiep", "Công ty", "Đảng ủy", "Công đoàn, Đoàn Thanh niên, Hội Cựu chiến binh và Ban Nữ công"),
        "DB11": ("doanh-nghiep", "Công ty", "Đảng ủy", "các đoàn thể"),
        "DB12": ("doanh-nghiep", "Ngân hàng", "Đảng ủy", "Công đoàn và Đoàn Thanh niên"),
        "DB13": ("hanh-chinh", "cơ quan", "Đảng ủy", "các đoàn thể"),
        "DB14": ("vu-trang", "đơn vị", "Đảng ủy", "các đoàn thể"),
        "CB01": ("hanh-chinh", "Sở", "Bí thư Chi bộ", "các đoàn thể"),
        "CB02": ("hanh-chinh", "Sở", "Chi ủy Chi bộ", "Công đoàn và Đoàn Thanh niên"),
        "CB03": ("hanh-chinh", "Ban", "Chi bộ", "các đoàn thể"),
        "CB04": ("hanh-chinh", "Chi cục", "Bí thư Chi bộ", "các đoàn thể"),
        "CB05": ("su-nghiep", "Hội", "Bí thư Chi bộ", "các đoàn thể"),
        "CB06": ("su-nghiep", "Hội", "Chi bộ", "các đoàn thể"),
        "CB07": ("doanh-nghiep", "Công ty", "Chi ủy Chi bộ", "Công đoàn và Đoàn Thanh niên"),
        "CB08": ("doanh-nghiep", "Công ty", "Bí thư Chi bộ", "Công đoàn"),
        "CB09": ("su-nghiep", "Nhà trường", "Chi ủy Chi bộ", "Công đoàn và Chi đoàn Thanh niên"),
        "CB10": ("su-nghiep", "Trung tâm", "Chi ủy Chi bộ", "các đoàn thể"),
        "CB11": ("doanh-nghiep", "Bưu điện", "Bí thư Chi bộ", "các đoàn thể"),
        "CB12": ("doanh-nghiep", "VNPT Hưng Yên", "Chi ủy Chi bộ", "các đoàn thể"),
        "CB13": ("su-nghiep", "Thư viện", "Bí thư Chi bộ", "các đoàn thể"),
        "CB14": ("su-nghiep", "Bảo tàng", "Chi bộ", "các đoàn thể"),
        "CB15": ("doanh-nghiep", "Xí nghiệp", "Bí thư Chi bộ", "Công đoàn"),
        "CB16": ("khac", "cơ quan", "Chi bộ", "các đoàn thể"),
    }


# -- the seed plan's sentences, unit by unit ------------------------------------------------

PURPOSE = ("Tiếp tục tạo sự thống nhất về nhận thức, tư tưởng chính trị và hành động của các cấp ủy, {people} để "
           "triển khai thực hiện thắng lợi Nghị quyết Đại hội lần thứ XIII của Đảng, Nghị quyết Đại hội Đảng bộ tỉnh "
           "lần thứ XIX và nghị quyết đại hội đảng các cấp nhiệm kỳ 2020 - 2025; góp phần thực hiện thắng lợi {work}.")
PURPOSE_BY_UNIT = {
    "DB01": (AGENCY, "nhiệm vụ chính trị của Sở"),
    "DB02": (AGENCY, "nhiệm vụ chính trị của Cục"),
    "DB03": (AGENCY, "nhiệm vụ chính trị của Kho bạc"),
    "DB04": (AGENCY, "nhiệm vụ chính trị của Văn phòng"),
    "DB05": (AGENCY, "nhiệm vụ chính trị của cơ quan"),
    "DB06": (SCHOOL, "nhiệm vụ chính trị, chuyên môn của Nhà trường"),
    "DB07": (HEALTH, "nhiệm vụ chính trị, chuyên môn của Bệnh viện"),
    "DB08": (PRESS, "nhiệm vụ chính trị của cơ quan Báo"),
    "DB09": (PRESS, "nhiệm vụ chính trị của Đài"),
    "DB10": (STAFF, "nhiệm vụ sản xuất, kinh doanh của Công ty"),
    "DB11": (STAFF, "nhiệm vụ sản xuất, kinh doanh của Công ty"),
    "DB12": (STAFF, "nhiệm vụ kinh doanh của Ngân hàng"),
    "DB13": (AGENCY, "nhiệm vụ chính trị của cơ quan"),
    "DB14": (ARMED, "nhiệm vụ chính trị của đơn vị"),
    "CB01": (AGENCY, "nhiệm vụ chính trị của Sở"),
    "CB02": (AGENCY, "nhiệm vụ chính trị của Sở"),
    "CB03": (AGENCY, "nhiệm vụ chính trị của Ban"),
    "CB04": (AGENCY, "nhiệm vụ chính trị của Chi cục"),
    "CB05": (PUBLIC, "nhiệm vụ chính trị, chuyên môn của Hội"),
    "CB06": (PUBLIC, "nhiệm vụ chính trị, chuyên môn của Hội"),
    "CB07": (STAFF, "nhiệm vụ sản xuất, kinh doanh của Công ty"),
    "CB08": (STAFF, "nhiệm vụ sản xuất, kinh doanh của Công ty"),
    "CB09": (SCHOOL, "nhiệm vụ chính trị, chuyên môn của Nhà trường"),
    "CB10": (HEALTH, "nhiệm vụ chính trị, chuyên môn của Trung tâm"),
    "CB11": (STAFF, "nhiệm vụ sản xuất, kinh doanh của Bưu điện"),
    "CB12": (STAFF, "nhiệm vụ sản xuất, kinh doanh của VNPT Hưng Yên"),
    "CB13": (PUBLIC, "nhiệm vụ chính trị, chuyên môn của Thư viện"),
    "CB14": (PUBLIC, "nhiệm vụ chính trị, chuyên môn của Bảo tàng"),
    "CB15": (STAFF, "nhiệm vụ sản xuất, kinh doanh của Xí nghiệp"),
    "CB16": (STAFF, "nhiệm vụ chính trị của cơ quan"),
}


def test_the_purpose_speaks_of_the_units_own_people_and_work(units, names, tree):
    original = sentence(tree, "Tiếp tục tạo sự thống nhất")
    assert original.endswith(
        "nhiệm vụ chính trị của các cơ quan, đơn vị, nhiệm vụ sản xuất, kinh doanh của doanh nghiệp.")
    assert set(PURPOSE_BY_UNIT) == set(units)
    for code, unit in units.items():
        people, work = PURPOSE_BY_UNIT[code]
        assert worded(original, unit, names, "unit-plan").text == PURPOSE.format(people=people, work=work), code


def test_no_bloc_wording_is_left_in_any_units_sections(units, names, tree):
    for code, unit in units.items():
        text = outline.to_text(worded_outline(carried(tree), unit, names, "unit-plan").nodes)
        for bloc_words in ("cơ quan, đơn vị", "trong Khối", "của doanh nghiệp", "Mặt trận Tổ quốc",
                           "hội nghị báo cáo viên", "báo chí, các website"):
            assert bloc_words not in text, (code, bloc_words)
        if unit.sector != "doanh-nghiep":
            assert "sản xuất, kinh doanh" not in text and "lao động sản xuất" not in text, code


def test_the_newspapers_people_are_in_the_cơ_quan_báo(units, names, tree):
    result = worded(sentence(tree, "Kết quả, thành công Đại hội XIII"), units["DB08"], names, "unit-plan")
    assert result.text == (
        "Kết quả, thành công Đại hội XIII của Đảng theo Đề cương Thông báo nhanh Kết quả Đại hội đại biểu toàn quốc "
        "lần thứ XIII của Đảng do Văn phòng Trung ương Đảng phát hành; dư luận tích cực của cán bộ, đảng viên, "
        "phóng viên, biên tập viên và người lao động trong cơ quan Báo về kết quả Đại hội; các hoạt động đối ngoại, "
        "ngoại giao của Đảng, Nhà nước và của tỉnh Hưng Yên.")
    assert [(change.rule, change.before, change.after) for change in result.changes] == [
        ("nguoi-lao-dong", "cán bộ, đảng viên và người lao động", PRESS),
        ("trong-khoi", "trong Khối", "trong cơ quan Báo"),
    ]
    assert all(result.text[change.start:change.end] == change.after for change in result.changes)


POSTING = ("{executive} phối hợp với {head} tổ chức đăng tải các tin, bài viết về không khí khẩn trương, tích cực của "
           "{noun} để thực hiện mục tiêu, chỉ tiêu, nhiệm vụ trong nhiệm kỳ Đại hội XIII của Đảng, Đại hội XIX Đảng bộ "
           "tỉnh trên Internet, mạng xã hội trong và ngoài nước (Facebook, Zalo, Youtube, Gapo, Lotus, VCNET…).")


@pytest.mark.parametrize(
    "code, executive, head, noun",
    [
        ("DB01", "Đảng ủy", "lãnh đạo Sở", "Sở"),
        ("CB02", "Chi ủy Chi bộ", "lãnh đạo Sở", "Sở"),  # a chi bộ with a chi ủy
        ("CB01", "Bí thư Chi bộ", "lãnh đạo Sở", "Sở"),  # a small chi bộ: a bí thư, no chi ủy
        ("CB03", "Chi bộ", "lãnh đạo Ban", "Ban"),  # not known: the neutral form
        ("DB06", "Đảng ủy", "Ban Giám hiệu", "Nhà trường"),
        ("DB07", "Đảng ủy", "Ban Giám đốc Bệnh viện", "Bệnh viện"),
        ("DB08", "Đảng ủy", "Ban Biên tập", "cơ quan Báo"),
        ("DB10", "Đảng ủy", "Ban Giám đốc Công ty", "Công ty"),
        ("CB08", "Bí thư Chi bộ", "Ban Giám đốc Công ty", "Công ty"),
        ("DB14", "Đảng ủy", "Thủ trưởng đơn vị", "đơn vị"),
    ],
)
def test_the_party_organisation_posts_news_with_the_units_leadership(units, names, tree, code, executive, head, noun):
    original = sentence(tree, "Các cơ quan, đơn vị trong Khối tổ chức đăng tải")
    expected = POSTING.format(executive=executive, head=head, noun=noun)
    assert worded(original, units[code], names, "unit-plan").text == expected


MEDIA = ("{where}: Mở chuyên trang, chuyên mục đưa Nghị quyết Đại hội XIII của Đảng, Nghị quyết Đại hội XIX Đảng bộ "
         "tỉnh và nghị quyết đại hội đảng các cấp nhiệm kỳ 2020 - 2025 vào cuộc sống; ưu tiên tuyên truyền chủ trương, "
         "quyết sách lớn mà Nghị quyết Đại hội XIII thông qua; kết quả triển khai chương trình hành động ở {noun} thực "
         "hiện Nghị quyết.")


@pytest.mark.parametrize(
    "code, where, noun",
    [
        ("DB08", "Trên các ấn phẩm và báo điện tử của cơ quan Báo", "cơ quan Báo"),
        ("DB09", "Trên sóng phát thanh, truyền hình và trang thông tin điện tử của Đài", "Đài"),
        ("DB01", "Trên trang thông tin điện tử, cổng thông tin điện tử (nếu có) của Sở", "Sở"),
        ("CB11", "Trên trang thông tin điện tử, cổng thông tin điện tử (nếu có) của Bưu điện", "Bưu điện"),
    ],
)
def test_a_unit_publishes_on_its_own_media_only(units, names, tree, code, where, noun):
    original = sentence(tree, "Trên báo chí, các website")
    assert worded(original, units[code], names, "unit-plan").text == MEDIA.format(where=where, noun=noun)


ORAL = ("Tổ chức hội nghị, lồng ghép trong sinh hoạt chi bộ, sinh hoạt của {unions} để thông tin, tuyên truyền, phổ "
        "biến, quán triệt Đại hội XIII của Đảng, Nghị quyết Đại hội XIX Đảng bộ tỉnh và nghị quyết đại hội đảng các "
        "cấp nhiệm kỳ 2020 - 2025; kế hoạch triển khai thực hiện nghị quyết ở {noun}.")


def test_a_unit_holds_no_meetings_of_the_mặt_trận_but_of_its_own_đoàn_thể(units, names, tree):
    original = sentence(tree, "Tổ chức hội nghị báo cáo viên")
    assert "Mặt trận Tổ quốc" in original
    assert worded(original, units["DB01"], names, "unit-plan").text == ORAL.format(
        unions="Công đoàn, Đoàn Thanh niên và Hội Cựu chiến binh", noun="Sở")
    assert worded(original, units["CB08"], names, "unit-plan").text == ORAL.format(unions="Công đoàn", noun="Công ty")
    assert worded(original, units["CB03"], names, "unit-plan").text == ORAL.format(unions="các đoàn thể", noun="Ban")


def test_only_a_company_emulates_in_production(units, names, tree):
    original = sentence(tree, "Biểu dương nỗ lực")
    emulation = ("Biểu dương nỗ lực, sáng tạo của {noun} trong triển khai thực hiện nhiệm vụ phát triển kinh tế - xã "
                 "hội, quốc phòng, an ninh, đối ngoại; tạo khí thế phấn khởi, thi đua trong {work} ở {noun} và toàn "
                 "tỉnh.")
    assert worded(original, units["CB04"], names, "unit-plan").text == emulation.format(
        noun="Chi cục", work="công tác, học tập")
    assert worded(original, units["DB09"], names, "unit-plan").text == emulation.format(
        noun="Đài", work="công tác, học tập")
    assert worded(original, units["DB11"], names, "unit-plan").text == emulation.format(
        noun="Công ty", work="lao động sản xuất, học tập và công tác")


def test_the_unit_plan_does_not_task_the_unit_with_itself(units, names, tree, seed_plan):
    task = f"{seed_plan.unit_tasks[0].text} trước ngày 10/6/2021."
    assert task == ("Xây dựng kế hoạch tuyên truyền sau Đại hội XIII của Đảng phù hợp với tình hình thực tiễn của đơn "
                    "vị, gửi về Ban Tuyên giáo Đảng ủy Khối trước ngày 10/6/2021.")
    in_plan = worded(task, units["CB01"], names, "unit-plan")
    assert in_plan.text == "Gửi Kế hoạch này về Ban Tuyên giáo Đảng ủy Khối trước ngày 10/6/2021."
    assert [change.rule for change in in_plan.changes] == ["gui-ke-hoach-nay"]
    assert worded(task, units["CB01"], names, "letter").text == task  # the committee's letter asks for it

    duty = sentence(tree, "Xây dựng kế hoạch, tổ chức tốt công tác tuyên truyền sau Đại hội XIII của Đảng, bảo đảm")
    assert worded(duty, units["DB06"], names, "unit-plan").text == (
        "Tổ chức tốt công tác tuyên truyền sau Đại hội XIII của Đảng, bảo đảm thiết thực, hiệu quả và phù hợp với tình "
        "hình thực tiễn của Nhà trường.")
    assert worded(duty, units["DB06"], names, "report").text == (
        "Xây dựng kế hoạch, tổ chức tốt công tác tuyên truyền sau Đại hội XIII của Đảng, bảo đảm thiết thực, hiệu quả "
        "và phù hợp với tình hình thực tiễn của Nhà trường.")
    assert worded(duty, units["DB06"], names, "letter").text == duty


def test_chi_ủy_chi_bộ_only_for_a_chi_bộ_that_has_one(units, names):
    duty = "Chi ủy Chi bộ chủ trì, phối hợp với lãnh đạo Sở quán triệt Kế hoạch đến toàn thể đảng viên."
    assert worded(duty, units["CB02"], names, "unit-plan").text == duty
    assert worded(duty, units["CB01"], names, "unit-plan").text == (
        "Bí thư Chi bộ chủ trì, phối hợp với lãnh đạo Sở quán triệt Kế hoạch đến toàn thể đảng viên.")
    assert worded(duty, units["CB03"], names, "unit-plan").text == (
        "Chi bộ chủ trì, phối hợp với lãnh đạo Sở quán triệt Kế hoạch đến toàn thể đảng viên.")
    assert worded("Đề nghị chi ủy chi bộ quan tâm.", units["CB04"], names, "letter").text == (
        "Đề nghị Bí thư Chi bộ quan tâm.")
    assert worded(duty, units["DB01"], names, "unit-plan").text == duty  # a đảng bộ's chi bộ trực thuộc


def test_the_pasted_seed_text_is_rewritten_with_its_defects_kept(units, names):
    text = (EXAMPLES / "ke-hoach-tuyen-truyen-sau-dai-hoi-XIII.txt").read_text(encoding="utf-8")
    pasted = outline.parse(text)
    media = worded(sentence(pasted, "Trên báo chí"), units["DB10"], names, "unit-plan").text
    assert media.startswith(
        "Trên trang thông tin điện tử, cổng thông tin điện tử (nếu có) của Công ty: Mở chuyên trang")
    assert "đại hội đảng các cấpnhiệm kỳ 2020 - 2025" in media  # a glued word is the importer's to report, not ours
    assert media.endswith("kết quả triển khai chương trình hành động ở Công ty thực hiện Nghị quyết.")
    duty = worded(sentence(pasted, "Xây dựng kế hoạch,tổ chức"), units["CB07"], names, "unit-plan").text
    assert duty == ("Tổ chức tốt công tác tuyên truyền sau Đại hội XIII của Đảng, bảo đảm thiết thực, hiệu quả và phù "
                    "hợp với tình hình thực tiễn của Công ty.")


# -- case, quotations and names ------------------------------------------------------------


def test_upper_case_is_kept_at_the_start_of_a_sentence(units, names):
    paper = units["DB08"]
    text = ("Các cơ quan, đơn vị, doanh nghiệp trong Khối nghiêm túc triển khai thực hiện. "
            "Các cơ quan, đơn vị, doanh nghiệp báo cáo kết quả: các cơ quan, đơn vị, doanh nghiệp nêu rõ số liệu.")
    assert worded(text, paper, names, "unit-plan").text == (
        "Cơ quan Báo nghiêm túc triển khai thực hiện. Cơ quan Báo báo cáo kết quả: cơ quan Báo nêu rõ số liệu.")
    assert worded(text, units["DB01"], names, "unit-plan").text == (
        "Sở nghiêm túc triển khai thực hiện. Sở báo cáo kết quả: Sở nêu rõ số liệu.")


def test_names_and_quotations_are_never_touched(units, names):
    unit = units["CB15"]  # its bí thư is Phạm Văn Khối
    text = ("Giao đồng chí Phạm Văn Khối và đồng chí Lê Trong Khối theo dõi việc tuyên truyền trong Khối theo "
            "khẩu hiệu “Các cơ quan, đơn vị, doanh nghiệp trong Khối thi đua lập thành tích”.")
    assert worded(text, unit, names, "unit-plan").text == (
        "Giao đồng chí Phạm Văn Khối và đồng chí Lê Trong Khối theo dõi việc tuyên truyền trong Xí nghiệp theo "
        "khẩu hiệu “Các cơ quan, đơn vị, doanh nghiệp trong Khối thi đua lập thành tích”.")


def test_ủy_and_uỷ_are_matched_alike(names):
    unit = describe("Sở Y tế", "dang-bo")
    old = addressee("Cấp ủy cơ sở", unit, names)
    new = addressee("Cấp uỷ cơ sở", unit, names)
    assert (old.own, old.rule, new.own, new.rule, new.words) == (
        True, "cap-uy-co-so", True, "cap-uy-co-so", "Cấp uỷ cơ sở")


# -- an outline, the record, the warnings ---------------------------------------------------


def test_an_outline_is_rewritten_without_changing_the_plans_tree(units, names, tree):
    before = copy.deepcopy(tree)
    result = worded_outline(tree, units["DB01"], names, "unit-plan")
    assert tree == before
    purpose = result.nodes[1].children[0].children[0]
    assert purpose.text == PURPOSE.format(people=AGENCY, work="nhiệm vụ chính trị của Sở")
    assert result.nodes[0] is tree[0]  # the opening sentence has nothing to change: shared, not copied
    assert result.nodes[2].children[0].children[1] is tree[2].children[0].children[1]  # 1.2, nothing to change
    assert len(result.changes) == 29
    assert result.changes[0].path == (1, 0, 0) and result.changes[-1].path == (3, 4, 0)
    for change in result.changes:
        node = result.nodes[change.path[0]]
        for index in change.path[1:]:
            node = node.children[index]
        assert node.text[change.start:change.end] == change.after


def test_units_worded_alike_share_one_wording(units, names):
    """No default rule uses the unit's name, so two hội with chi bộ alike are worded alike."""
    press_club = wording_for(units["CB06"], names, "unit-plan")
    farmers = wording_for(describe("Hội Nông dân tỉnh", "chi-bo"), names, "unit-plan")
    assert press_club == farmers and hash(press_club) == hash(farmers)
    assert len({press_club, farmers, wording_for(units["CB05"], names, "unit-plan")}) == 2  # CB05 has no chi ủy
    assert wording_for(units["CB06"], names, "letter") != press_club


def test_rules_that_matched_nothing_are_reported(units, names, tree, seed_plan):
    unit = units["DB08"]
    body = worded_outline(carried(tree), unit, names, "unit-plan")
    assert body.unmatched == ("cua-don-vi", "gui-ke-hoach-nay", "xay-dung-ke-hoach-to-chuc")
    assert "trang-thong-tin" not in body.unmatched  # its words are there, taken by the newspaper's own rule
    tasks = [worded(f"{task.text}.", unit, names, "unit-plan") for task in seed_plan.unit_tasks]
    duties = worded_outline(tree[3].children[1].children, unit, names, "unit-plan")
    assert unmatched(body, *tasks, duties) == ()
    letter = worded(f"{seed_plan.unit_tasks[0].text}.", unit, names, "letter")
    assert "gui-ke-hoach-nay" not in letter.applicable and "danh-xung" in letter.unmatched


def test_a_document_kind_is_one_the_registry_knows(units, names):
    with pytest.raises(ValueError, match="unit_plan"):
        worded("trong Khối", units["DB01"], names, "unit_plan")


# -- who a section is for -----------------------------------------------------------------


@pytest.mark.parametrize(
    "code, own",
    [
        ("DB01", [False, True, False, False, False]),
        ("CB02", [False, True, False, False, False]),
        ("DB08", [False, True, False, True, False]),  # Báo Hưng Yên is named in section 4
        ("DB09", [False, True, False, True, False]),  # so is Đài Phát thanh - Truyền hình tỉnh
        ("CB05", [False, True, False, True, False]),  # as "Hội VH-NT"
        ("CB06", [False, True, False, True, False]),  # as "Hội Nhà báo"
    ],
)
def test_the_sections_of_tổ_chức_thực_hiện_that_are_the_units_tasks(units, names, tree, code, own):
    sections = tree[3].children
    assert [addressee(section.text, units[code], names).own for section in sections] == own


def test_what_decided_a_section(units, names, tree):
    sections = tree[3].children
    decided = [(found.rule, found.words)
               for found in (addressee(section.text, units["CB05"], names) for section in sections)]
    assert decided == [
        ("co-quan-cua-cap-uy", "Ban Tuyên giáo Đảng ủy Khối"),
        ("cap-uy-co-so", "Cấp ủy cơ sở"),
        ("co-quan-cua-cap-uy", "Trang thông tin điện tử Đảng ủy Khối"),
        ("to-chuc-ngoai-don-vi", "Hội VH-NT"),
        ("co-quan-cua-cap-uy", "Đoàn Khối"),
    ]
    company = units["DB10"]
    assert addressee("Các đảng bộ, chi bộ cơ sở triển khai thực hiện", company, names).own is True
    assert addressee("Mặt trận Tổ quốc Việt Nam tỉnh chủ trì tổ chức hội nghị", company, names).own is False
    unknown = addressee("Các sở, ngành liên quan phối hợp thực hiện", company, names)
    assert (unknown.own, unknown.rule) == (None, "")
    named = addressee("Công ty Điện lực Hưng Yên bảo đảm điện cho các hoạt động tuyên truyền", company, names)
    assert (named.own, named.rule, named.words) == (True, "", "Công ty Điện lực Hưng Yên")


def test_the_committees_names_come_from_its_data(units):
    """After the 2025 reorganisation the seed's names are history: the same table serves new ones."""
    committee = "Đảng ủy các cơ quan Đảng tỉnh"
    renamed = OrgNames(org=committee, symbol="ĐU", bloc=bloc_of(committee),
                       board=f"Ban Tuyên giáo và Dân vận {committee}", issuer=f"Ban Thường vụ {committee}",
                       office=f"Văn phòng {committee}")
    unit = units["DB01"]
    assert addressee("Ban Tuyên giáo và Dân vận Đảng ủy các cơ quan Đảng tỉnh", unit, renamed).own is False
    assert addressee("Ban Tuyên giáo Đảng ủy Khối", unit, renamed).own is None
    assert worded("người lao động trong các cơ quan Đảng tỉnh", unit, renamed, "unit-plan").text == (
        "người lao động trong Sở")
    assert worded("người lao động trong Khối", unit, renamed, "unit-plan").text == "người lao động trong Khối"
    nameless = OrgNames(org="Đảng ủy", symbol="ĐU", bloc=bloc_of("Đảng ủy"), board="Ban Tuyên giáo Đảng ủy",
                        issuer="Ban Thường vụ Đảng ủy", office="Văn phòng Đảng ủy")
    applicable = worded("", unit, nameless, "unit-plan").applicable
    assert nameless.bloc == "" and "trong-khoi" not in applicable and "danh-xung" in applicable


# -- stale content ------------------------------------------------------------------------


def test_the_election_is_stale_in_a_plan_dated_after_it(seed_plan):
    stale = stale_passages(seed_plan.body, seed_plan.date)
    assert seed_plan.date == dt.date(2021, 5, 25)
    assert [(item.kind, item.passage, item.date) for item in stale] == [
        ("event", "Trước và trong ngày bầu cử Đại biểu Quốc hội khóa XV", dt.date(2021, 5, 23)),
        ("event", "tuyên truyền cuộc bầu cử đại biểu Quốc hội khóa XV", dt.date(2021, 5, 23)),
        ("event", "tuyên truyền cuộc bầu cử Đại biểu Quốc hội khóa XV", dt.date(2021, 5, 23)),
        ("event", "tuyên truyền về bầu cử Đại biểu Quốc hội khóa XV", dt.date(2021, 5, 23)),
        ("event", "tuyên truyền cuộc bầu cử Đại biểu Quốc hội khóa XV", dt.date(2021, 5, 23)),
    ]
    assert stale[0].event.startswith("bầu cử đại biểu Quốc hội khóa XV")
    assert seed_plan.body[stale[0].start:stale[0].end] == stale[0].passage
    assert stale_passages(seed_plan.body, dt.date(2021, 5, 23)) == ()  # on the day itself, not yet


def test_dates_and_years_overtaken_by_the_documents_date(seed_plan):
    later = [(item.kind, item.passage, item.date) for item in stale_passages(seed_plan.body, dt.date(2022, 3, 1))
             if item.kind != "event"]
    # Cited documents' dates (Kế hoạch số 20-KH/TU ngày 19/5/2021 …) and the start of a span are not deadlines.
    assert later == [
        ("year", "trong năm 2021", dt.date(2021, 12, 31)),
        ("year", "hết năm 2021", dt.date(2021, 12, 31)),
        ("date", "01/01/2022", dt.date(2022, 1, 1)),
    ]
    text = "Báo cáo trước ngày 15 tháng 6 năm 2021; hoàn thành trước 30.6.2021, không phải 31/6/2021."
    assert [item.passage for item in stale_passages(text, dt.date(2021, 7, 1))] == [
        "ngày 15 tháng 6 năm 2021", "30.6.2021"]


def test_unit_deadlines_the_committees_plan_does_not_state(seed_plan):
    deadlines = [task.deadline for task in seed_plan.unit_tasks] + [seed_plan.report.deadline]
    assert unstated_deadlines(deadlines, seed_plan.body) == (
        dt.date(2021, 6, 10), dt.date(2021, 6, 30), dt.date(2021, 12, 10))
    stated = (seed_plan.body + "\nCác đảng bộ, chi bộ cơ sở gửi kế hoạch trước ngày 10/6/2021, báo cáo trước ngày "
              "10/12/2021.")
    assert unstated_deadlines(deadlines, stated) == (dt.date(2021, 6, 30),)


# -- the units list's columns ---------------------------------------------------------------


def test_the_units_list_columns_are_read_and_written_back():
    assert [parse_sector(value) for value in ("Doanh nghiệp", "ĐƠN VỊ SỰ NGHIỆP", "hanh-chinh", "quân sự", " ")] == [
        "doanh-nghiep", "su-nghiep", "hanh-chinh", "vu-trang", ""]
    with pytest.raises(BadInput, match="“Trường học” không phải khối/lĩnh vực; ghi một trong: “Cơ quan hành chính”"):
        parse_sector("Trường học")
    assert [parse_chi_uy(value) for value in ("Có", "KHÔNG", "x", "", "chưa rõ")] == [True, False, True, None, None]
    with pytest.raises(BadInput, match="ghi “Có”"):
        parse_chi_uy("9 đảng viên")
    assert [chi_uy_label(state) for state in (True, False, None)] == ["Có", "Không", ""]
    unions = parse_unions("Công đoàn;  Đoàn Thanh niên , Hội Cựu chiến binh,")
    assert unions == ("Công đoàn", "Đoàn Thanh niên", "Hội Cựu chiến binh")
    assert parse_unions(unions_cell(unions)) == unions
    with pytest.raises(BadInput, match="tối đa 10 đoàn thể"):
        parse_unions(", ".join(f"Hội {number}" for number in range(11)))
    with pytest.raises(BadInput, match="danh xưng dài tối đa 60"):
        describe("Sở Tài chính", "dang-bo", noun="x" * 61)
    with pytest.raises(BadInput, match="loại đơn vị “dang_bo” không có"):
        describe("Sở Tài chính", "dang_bo")


# -- the tables, as the office edits them ----------------------------------------------------

SECTORS = DEFAULT_SECTORS.read_text(encoding="utf-8")
PHRASES = DEFAULT_PHRASES.read_text(encoding="utf-8")


def problems(sectors: str = SECTORS, phrases: str = PHRASES) -> list[str]:
    with pytest.raises(WordingError) as refused:
        load_table(sectors, phrases)
    return refused.value.problems


def test_the_default_tables_read_and_are_what_the_package_uses():
    table = read_table()
    assert [rule.id for rule in table.phrases] == [rule.id for rule in default_table().phrases]
    assert len(table.phrases) == 15 and len(table.addressees) == 3 and len(table.events) == 1


def test_every_problem_of_an_edited_rules_file_is_named():
    edited = PHRASES.replace("replace: trong {noun}", "replace: trong {don_vi}").replace(
        "when: {sector: [hanh-chinh, su-nghiep, vu-trang, khac]}", "when: {sector: [hanh-chinh, truong-hoc]}").replace(
        "  - id: cua-don-vi", "  - id: trong-khoi").replace(
        "regex: '^[Xx]ây dựng kế hoạch,\\s*(?=tổ chức)'", "regex: '^[Xx]ây dựng kế hoạch,\\s*(?=tổ chức'")
    assert problems(phrases=edited) == [
        "phrases thứ 8 (“thi-dua-cong-tac”), mục “when”, mục “sector”: “truong-hoc” không có; dùng được: "
        "doanh-nghiep, hanh-chinh, khac, su-nghiep, vu-trang",
        "phrases thứ 10 (“trong-khoi”), mục “replace”: không có chỗ trống {don_vi}; dùng được: {org}, {symbol}, "
        "{bloc}, {board}, {issuer}, {office}, {name}, {noun}, {people}, {work}, {head}, {executive}, "
        "{executive_name}, {unions}",
        "phrases thứ 12 (“trong-khoi”), mục “id”: “trong-khoi” đã dùng cho một quy tắc khác",
        "phrases thứ 14 (“xay-dung-ke-hoach-to-chuc”), mục “regex”: biểu thức chính quy sai: missing ), "
        "unterminated subpattern at position 25",
    ]


def test_rules_use_the_unit_only_in_their_replacement_and_groups_their_regex_has():
    edited = PHRASES.replace("      - trong {bloc}\n", "      - trong {noun}\n").replace(
        "replace: 'Gửi Kế hoạch này về '", "replace: 'Gửi Kế hoạch này về \\g<noi_nhan>'").replace(
        "year_deadlines:", "year_deadline:")
    assert problems(phrases=edited) == [
        "phrases thứ 10 (“trong-khoi”), mục “match”: không có chỗ trống {noun}; dùng được: {org}, {symbol}, {bloc}, "
        "{board}, {issuer}, {office}",
        "phrases thứ 13 (“gui-ke-hoach-nay”), mục “replace”: regex không có nhóm “noi_nhan”",
        "mục “year_deadline”: không có mục này",
    ]


def test_an_edited_sectors_file_is_checked():
    edited = SECTORS.replace("  cuc: {starts: [Cục], sector: hanh-chinh, noun: Cục}",
                             "  cuc: {starts: [Sở], sector: hanh-chinh-cong, noun: Cục}").replace(
        "    không: Bí thư Chi bộ\n", "")
    assert problems(sectors=edited) == [
        "loại hình “cuc”, mục “sector”: “hanh-chinh-cong” không phải khối nào; có: hanh-chinh, su-nghiep, "
        "doanh-nghiep, vu-trang, khac",
        "loại hình “cuc”: “Sở” đã có ở loại hình “so”",
        "executive, “chi-bo”: cần một tên, hoặc một tên cho mỗi trường hợp: có, không, chưa rõ",
    ]


def test_a_file_that_is_not_yaml_or_too_big_is_refused(tmp_path):
    flow = PHRASES.replace("    match:\n      - trong {bloc}\n", "    match: [trong {bloc}]\n")
    line = flow.splitlines().index("    match: [trong {bloc}]") + 1
    refused = problems(phrases=flow)
    assert len(refused) == 1 and refused[0].startswith(f"không đọc được YAML (dòng {line}): ")  # libyaml's words after
    big = tmp_path / "phrases.yaml"
    big.write_text(PHRASES + "#" * MAX_YAML_BYTES, encoding="utf-8")
    with pytest.raises(WordingError, match=r"phrases.yaml: tệp quá lớn: tối đa 256 KB"):
        read_table(phrases=big)
    with pytest.raises(WordingError, match="không đọc được tệp"):
        read_table(phrases=tmp_path / "missing.yaml")


def test_an_office_rule_is_applied_as_written(units, names):
    added = PHRASES.replace("phrases:\n", (
        "phrases:\n"
        "  - id: hoi-nghi-quan-triet\n"
        "    note: Đảng bộ quán triệt đến các chi bộ trực thuộc.\n"
        "    regex: 'hội nghị quán triệt(?P<noi>[^.;]*?) đến toàn thể'\n"
        "    replace: 'hội nghị quán triệt\\g<noi> đến các chi bộ trực thuộc và toàn thể'\n"
        "    when: {kind: [dang-bo], chi_uy: [chưa rõ]}\n"), 1)
    table = load_table(SECTORS, added)
    task = "Tổ chức hội nghị quán triệt, tuyên truyền kết quả Đại hội XIII của Đảng đến toàn thể cán bộ, đảng viên."
    assert worded(task, units["DB01"], names, "unit-plan", table).text == (
        "Tổ chức hội nghị quán triệt, tuyên truyền kết quả Đại hội XIII của Đảng đến các chi bộ trực thuộc và toàn thể "
        "cán bộ, đảng viên.")
    assert worded(task, units["CB02"], names, "unit-plan", table).text == task
    assert [change.rule for change in worded(task, units["DB01"], names, "unit-plan", table).changes] == [
        "hoi-nghi-quan-triet"]
