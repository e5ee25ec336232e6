"""The units list: CSV/XLSX in and out, every spelling staff use, every bad row reported."""

import codecs
import csv
import io
import time
import tracemalloc
import unicodedata
import zipfile
from pathlib import Path

import pytest

from docgen.model import Unit
from docgen.units import (
    MAX_CELL_CHARS,
    MAX_CODE_CHARS,
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    UnitsFileError,
    file_rows,
    parse_kind,
    read_units,
    split_name,
    units_from_rows,
    units_to_csv,
    units_to_xlsx,
)

from .conftest import EXAMPLES

HEADER = ["Mã", "Tên đơn vị", "Loại", "Bí thư"]


@pytest.mark.parametrize(
    "spelling, kind",
    [
        ("Đảng bộ cơ sở", "dang-bo"),
        ("đảng bộ", "dang-bo"),
        ("dang-bo", "dang-bo"),
        ("ĐẢNG BỘ CƠ SỞ", "dang-bo"),
        ("  Đảng   bộ  ", "dang-bo"),
        ("dang_bo", "dang-bo"),
        ("ĐBCS", "dang-bo"),
        ("Chi bộ cơ sở", "chi-bo"),
        ("chi bộ", "chi-bo"),
        ("chi-bo", "chi-bo"),
        (unicodedata.normalize("NFD", "Chi bộ cơ sở"), "chi-bo"),
        ("Chi bo", "chi-bo"),
        ("tổ đảng", None),
        ("", None),
    ],
)
def test_kind_spellings(spelling, kind):
    assert parse_kind(spelling) == kind


@pytest.mark.parametrize(
    "name, bare, kind",
    [
        ("Sở Tài chính", "Sở Tài chính", None),
        ("Đảng bộ Sở Tài chính", "Sở Tài chính", "dang-bo"),
        ("đảng bộ cơ sở Sở Y tế", "Sở Y tế", "dang-bo"),
        ("Chi bộ Sở Tư pháp", "Sở Tư pháp", "chi-bo"),
        ("Chi bộ cơ sở Hội Nhà báo tỉnh", "Hội Nhà báo tỉnh", "chi-bo"),
        ("Đảng ủy Công ty Điện lực", "Công ty Điện lực", "dang-bo"),
        ("Chi cục Thuế", "Chi cục Thuế", None),
    ],
)
def test_names_with_the_kind_in_front(name, bare, kind):
    assert split_name(name) == (bare, kind)


def test_example_units_file():
    units = read_units(EXAMPLES / "units.csv")
    assert len(units) == 22
    assert {unit.kind for unit in units} == {"dang-bo", "chi-bo"}
    first = units[0]
    assert (first.code, first.name, first.kind, first.symbol) == ("DB01", "Sở Tài chính", "dang-bo", "ĐU")
    assert units[-1].symbol == "CB"


def test_names_are_normalised():
    nfd = unicodedata.normalize("NFD", "Sở  Tài   chính ")
    rows = [HEADER, ["X1", "Ðảng bộ " + nfd, "", " Nguyễn  Văn An "]]
    (unit,) = units_from_rows(rows, "t.csv")
    assert unit.name == "Sở Tài chính"
    assert unicodedata.is_normalized("NFC", unit.name)
    assert unit.kind == "dang-bo"
    assert unit.secretary == "Nguyễn Văn An"


def test_english_headers_and_semicolons(tmp_path):
    path = tmp_path / "units.csv"
    path.write_text("code;name;kind;secretary\nA1;Sở Y tế;dang-bo;Lê Văn Bình\n", encoding="utf-8")
    (unit,) = read_units(path)
    assert (unit.code, unit.name, unit.kind, unit.secretary) == ("A1", "Sở Y tế", "dang-bo", "Lê Văn Bình")


def test_every_bad_row_is_reported_with_its_spreadsheet_row():
    rows = [
        HEADER,
        ["A1", "Sở Y tế", "Đảng bộ cơ sở", ""],
        ["A2", "", "Chi bộ cơ sở", ""],  # row 3: no name
        ["A3", "Sở Tư pháp", "tổ đảng", ""],  # row 4: unknown kind
        ["", "", "", ""],  # blank rows are skipped, but still counted
        ["A1", "Sở Nội vụ", "chi bộ", ""],  # row 6: duplicate code
        ["", "Sở Xây dựng", "chi bộ", ""],  # row 7: no code
        ["A7", "Chi bộ Sở Công Thương", "Đảng bộ cơ sở", ""],  # row 8: name and kind disagree
    ]
    with pytest.raises(UnitsFileError) as caught:
        units_from_rows(rows, "units.csv")
    found = [(error.row, error.column) for error in caught.value.errors]
    assert found == [(3, "Tên đơn vị"), (4, "Loại"), (6, "Mã"), (7, "Mã"), (8, "Loại")]
    message = str(caught.value)
    assert "dòng 4, cột “Loại”: “tổ đảng” không phải loại đơn vị" in message
    assert "trùng với dòng 2" in message
    assert caught.value.translate("en") == (
        "units.csv: row 3, column “Tên đơn vị”: must not be empty; row 4, column “Loại”: “tổ đảng” is not a kind of "
        "unit; write “Đảng bộ cơ sở” or “Chi bộ cơ sở”; row 6, column “Mã”: code “A1” is the same as on row 2; "
        "row 7, column “Mã”: must not be empty; row 8, column “Loại”: the name says “Chi bộ cơ sở” but the kind is "
        "“Đảng bộ cơ sở”")


def test_missing_columns_are_named():
    with pytest.raises(UnitsFileError, match="thiếu cột “Loại”"):
        units_from_rows([["Mã", "Tên đơn vị"], ["A", "B"]], "u.csv")


@pytest.mark.parametrize("content", [b"", b"\xff\xfe\x00garbage", b"PK\x03\x04broken"])
def test_unreadable_files_are_refused(tmp_path, content):
    path = tmp_path / "units.xlsx"
    path.write_bytes(content)
    with pytest.raises(UnitsFileError):
        read_units(path)


def test_zip_bomb_is_refused_before_opening(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (300 * 1024 * 1024))
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(UnitsFileError, match="zip bomb"):
        read_units(path)


def test_other_file_types_are_refused(tmp_path):
    path = tmp_path / "units.ods"
    path.write_bytes(b"x")
    with pytest.raises(UnitsFileError, match=".csv hoặc .xlsx"):
        read_units(path)


@pytest.mark.parametrize("suffix, export", [(".csv", units_to_csv), (".xlsx", units_to_xlsx)])
def test_export_round_trips(tmp_path, suffix, export):
    units = read_units(EXAMPLES / "units.csv")
    path = tmp_path / f"again{suffix}"
    path.write_bytes(export(units))
    assert read_units(path) == units


def test_csv_export_opens_in_excel_with_diacritics():
    data = units_to_csv(read_units(EXAMPLES / "units.csv"))
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines()[0] == (
        "Mã,Tên đơn vị,Loại,Bí thư,Ký hiệu,Phó Bí thư,Địa danh,Email,Khối/Lĩnh vực,Danh xưng,Có chi ủy,Đoàn thể")


# -- the wording columns: how documents speak of a unit ---------------------------------------

ALL_SECTORS = Path(__file__).parent / "data" / "units-all-sectors.csv"


def test_the_wording_columns_are_read_as_typed_and_old_lists_still_import(tmp_path):
    units = {unit.code: unit for unit in read_units(ALL_SECTORS)}
    assert [(units[code].sector, units[code].noun, units[code].chi_uy, units[code].unions)
            for code in ("DB01", "DB02", "CB01", "CB02", "CB12", "CB15")] == [
        ("", "", None, ("Công đoàn", "Đoàn Thanh niên", "Hội Cựu chiến binh")),
        ("Cơ quan hành chính", "", None, ()),
        ("", "", False, ()),
        ("", "", True, ("Công đoàn", "Đoàn Thanh niên")),
        ("", "VNPT Hưng Yên", True, ()),
        ("Doanh nghiệp", "Xí nghiệp", False, ("Công đoàn",)),
    ]
    assert units["DB07"].unions == ("Công đoàn", "Đoàn Thanh niên", "Hội Cựu chiến binh")  # written with ";"
    assert units["CB04"].chi_uy is False  # "không"
    path = tmp_path / "again.xlsx"
    path.write_bytes(units_to_xlsx(list(units.values())))
    assert read_units(path) == list(units.values())
    old = read_units(EXAMPLES / "units.csv")  # no wording columns
    assert {(unit.sector, unit.noun, unit.chi_uy, unit.unions) for unit in old} == {("", "", None, ())}


def test_a_bad_wording_cell_is_a_row_error_naming_its_column():
    rows = [HEADER + ["Khối/Lĩnh vực", "Danh xưng", "Có chi ủy", "Đoàn thể"],
            ["A1", "Trường THPT Hưng Yên", "chi bộ", "", "Trường học", "", "", ""],
            ["A2", "Sở Y tế", "chi bộ", "", "", "x" * 61, "9 đảng viên", ", ".join(f"Hội {n}" for n in range(11))],
            ["A3", "Sở Nội vụ", "chi bộ", "", "quân sự", "Sở", "Không", "Công đoàn"]]
    with pytest.raises(UnitsFileError) as refused:
        units_from_rows(rows, "u.csv")
    assert [str(error.describe()) for error in refused.value.errors] == [
        "dòng 2, cột “Khối/Lĩnh vực”: “Trường học” không phải khối/lĩnh vực; ghi một trong: “Cơ quan hành chính”, "
        "“Đơn vị sự nghiệp”, “Doanh nghiệp”, “Lực lượng vũ trang”, “Khác”, hoặc để trống để nhận ra từ tên đơn vị",
        "dòng 3, cột “Danh xưng”: danh xưng dài tối đa 60 ký tự",
        "dòng 3, cột “Có chi ủy”: “9 đảng viên”: ghi “Có” (chi bộ có chi ủy), “Không” (chỉ có bí thư) hoặc để trống "
        "(chưa rõ)",
        "dòng 3, cột “Đoàn thể”: tối đa 10 đoàn thể, cách nhau bằng dấu phẩy",
    ]
    assert refused.value.errors[0].describe().translate("en").startswith(
        "row 2, column “Khối/Lĩnh vực”: “Trường học” is not a sector;")


# -- read exactly: quoting, separators, encodings -------------------------------------------

QUOTED = 'Công ty "Thành Công"; chi nhánh, Hưng Yên'  # quotes and both separators inside a name


def csv_bytes(delimiter: str, encoding: str) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(
        [HEADER, ["A1", QUOTED, "Chi bộ cơ sở", "Nguyễn Thị Thuỷ"], ["A2", "Sở Y tế", "đảng bộ", "Lê Văn An"]])
    return out.getvalue().encode(encoding)


def test_rfc_4180_quotes_come_out_exactly():
    data = 'Mã,Tên đơn vị,Loại,Bí thư\r\nA1,"Công ty ""Thành Công"" Hưng Yên",chi bộ,An\r\n'.encode()
    (unit,) = units_from_rows(file_rows(data, "u.csv"), "u.csv")
    assert unit.name == 'Công ty "Thành Công" Hưng Yên'


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_separators_and_encodings_excel_writes(delimiter, encoding):
    data = csv_bytes(delimiter, encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    first, second = units_from_rows(file_rows(data, "u.csv"), "u.csv")
    assert (first.name, first.kind, first.secretary) == (QUOTED, "chi-bo", "Nguyễn Thị Thuỷ")
    assert (second.code, second.name, second.kind) == ("A2", "Sở Y tế", "dang-bo")


def windows_1258(text: str) -> bytes:
    """Text as Windows-1258 writes it: letters with their breve, circumflex or horn, tones apart."""
    letters = []
    for char in text:
        marks = unicodedata.normalize("NFD", char)
        tone = "".join(mark for mark in marks if mark in "\u0300\u0301\u0303\u0309\u0323")
        letters.append(unicodedata.normalize("NFC", "".join(m for m in marks if m not in tone)) + tone)
    return "".join(letters).encode("cp1258")


def test_windows_1258_reads_as_vietnamese_nfc():
    data = windows_1258("Mã;Tên đơn vị;Loại;Bí thư\r\nĐ1;Sở Văn hóa, Thể thao;Chi bộ cơ sở;Trần Thị Ánh Nguyệt\r\n")
    assert b"\xcc" in data or b"\xec" in data  # tones written as marks apart
    (unit,) = units_from_rows(file_rows(data, "u.csv"), "u.csv")
    assert (unit.code, unit.name, unit.secretary) == ("Đ1", "Sở Văn hóa, Thể thao", "Trần Thị Ánh Nguyệt")
    assert unicodedata.is_normalized("NFC", unit.name + unit.secretary)


@pytest.mark.parametrize("data, shown", [
    ("code,name,kind\r\nA,Müller GmbH,chi bo\r\n".encode("latin-1"), "ü"),  # Western European
    ("code,name,kind\r\nA,§¶ng ñy Së Y tÕ,chi bo\r\n".encode("cp1252"), "§"),  # TCVN3 (ABC)
    (b"M\xe3,T\xean\r\nA,B\x81\r\n", "\ufffd"),  # a byte Windows-1258 does not have
])
def test_other_encodings_are_refused_with_a_way_out(data, shown):
    with pytest.raises(UnitsFileError) as caught:
        file_rows(data, "u.csv")
    message = str(caught.value)
    assert f"gặp “{shown}”" in message and "không phải UTF-8" in message and "CSV UTF-8" in message


def test_a_quote_out_of_place_is_refused_not_guessed():
    data = 'Mã,Tên đơn vị,Loại\r\nA1,"Công ty "Thành Công"",chi bộ\r\n'.encode()
    with pytest.raises(UnitsFileError, match="dòng 2: dấu ngoặc kép không đúng cách viết CSV"):
        file_rows(data, "u.csv")


def test_a_formula_like_text_stays_text_in_xlsx():
    units = [Unit(code="=1+2", name="=HYPERLINK(\"x\")", kind="chi-bo", secretary="@An", deputy="+84", place="-")]
    assert units_from_rows(file_rows(units_to_xlsx(units), "u.xlsx"), "u.xlsx") == units


# -- round trips: an export reads back as the same units --------------------------------------

HOSTILE = [
    ('Công ty "Thành Công", số 1; Hưng Yên', 'Lê "Tư" Văn'),
    ("Sở\tTài\tchính", "  Nguyễn Văn An  "),
    ("Ban Quản lý\ndự án\r\nsố 2", "Trần\nThị Hà"),
    ("=SUM(A1:A2)", "+84 912 345 678"),
    ("-1", "@admin"),
    ("{_{ 7*7 }_} và {_% if %_}", "{{ x }}"),
    (unicodedata.normalize("NFD", "Công ty Thủy lợi Bắc Hưng Hải"), unicodedata.normalize("NFD", "Đỗ Thị Ánh")),
    ("Công ty " + "rất dài " * 61, "Bùi Thị Uyên"),
    ("'Sở Y tế'", "Ngô Quỳnh"),
]


# How documents speak of a unit, as typed in the wording columns: sector, noun, chi ủy, đoàn thể.
WORDING = [
    ("Doanh nghiệp", '=Công ty "A"', True, ("Công đoàn", 'Đoàn "Thanh niên"')),
    ("  đơn vị   SỰ NGHIỆP ", "cơ quan Báo", False, ("+Hội Cựu chiến binh",)),
    ("", "", None, ()),
    ("hanh-chinh", "@Sở", None, ("-Ban Nữ công", "Chi đoàn\nThanh niên")),
]


@pytest.mark.parametrize("suffix, export", [(".csv", units_to_csv), (".xlsx", units_to_xlsx)])
def test_hostile_values_round_trip(tmp_path, suffix, export):
    units = [Unit(code=f"{number:03d}", name=name, kind="chi-bo", secretary=secretary, deputy=secretary,
                  place=name[:20], email=f"a{number}@b.vn",
                  **dict(zip(("sector", "noun", "chi_uy", "unions"), WORDING[number % len(WORDING)])))
             for number, (name, secretary) in enumerate(HOSTILE, start=1)]
    assert (units[0].sector, units[0].unions) == ("đơn vị SỰ NGHIỆP", ("+Hội Cựu chiến binh",))  # as typed, NFC
    units.append(Unit(code="1e5", name="Sở 0.50", kind="dang-bo", symbol="ĐUK"))
    assert units[0].code == "001" and len(units[7].name) <= MAX_CELL_CHARS
    path = tmp_path / f"again{suffix}"
    path.write_bytes(export(units))
    assert read_units(path) == units
    path.write_bytes(export(read_units(path)))
    assert read_units(path) == units


# -- limits, checked while reading --------------------------------------------------------------


def test_size_is_capped_while_reading_not_taken_from_the_file_system(tmp_path):
    endless = tmp_path / "units.csv"
    endless.symlink_to("/dev/zero")  # the file system says 0 bytes
    with pytest.raises(UnitsFileError, match=r"^units.csv: không phải tệp thường"):
        read_units(endless)
    too_big = tmp_path / "big.csv"
    too_big.write_bytes(b"x" * (MAX_FILE_BYTES + 1))
    with pytest.raises(UnitsFileError, match=r"^big.csv: tệp quá lớn \(tối đa 5 MB\)$"):
        read_units(too_big)


def test_a_million_rows_are_refused_after_the_limit_not_read(tmp_path):
    path = tmp_path / "units.csv"
    path.write_bytes(b"M\xc3\xa3,T\xc3\xaan \xc4\x91\xc6\xa1n v\xe1\xbb\x8b,Lo\xe1\xba\xa1i\n" + b"\n" * 1_000_000)
    started = time.perf_counter()
    with pytest.raises(UnitsFileError, match=f"dòng {MAX_ROWS + 2}: quá {MAX_ROWS} dòng đơn vị"):
        read_units(path)
    assert time.perf_counter() - started < 2


def test_rows_up_to_the_limit_are_read():
    rows = [HEADER] + [[f"A{n}", f"Sở {n}", "chi bộ", ""] for n in range(MAX_ROWS)]
    data = "\r\n".join(",".join(row) for row in rows).encode()
    assert len(file_rows(data, "u.csv")) == MAX_ROWS + 1


def test_columns_and_cells_have_limits():
    wide = ",".join(HEADER + [f"c{n}" for n in range(MAX_COLUMNS - 3)])
    with pytest.raises(UnitsFileError, match=f"dòng 1, cột “AY”: bảng rộng quá {MAX_COLUMNS} cột"):
        file_rows(wide.encode(), "u.csv")
    assert len(file_rows(wide.rsplit(",", 1)[0].encode(), "u.csv")[0]) == MAX_COLUMNS
    long = "Mã,Tên đơn vị,Loại\r\nA1,{},chi bộ\r\n"
    assert file_rows(long.format("x" * MAX_CELL_CHARS).encode(), "u.csv")[1][1] == "x" * MAX_CELL_CHARS
    with pytest.raises(UnitsFileError, match=f"dòng 2, cột “Tên đơn vị”: ô dài 501 ký tự \\(tối đa {MAX_CELL_CHARS}\\)"):
        file_rows(long.format("x" * (MAX_CELL_CHARS + 1)).encode(), "u.csv")


def test_a_code_longer_than_the_database_holds_is_a_row_error():
    with pytest.raises(UnitsFileError, match=f"dòng 2, cột “Mã”: dài tối đa {MAX_CODE_CHARS} ký tự"):
        units_from_rows([HEADER, ["A" * (MAX_CODE_CHARS + 1), "Sở Y tế", "chi bộ", ""]], "u.csv")


def sheet_xlsx(sheet_xml: str) -> bytes:
    """A minimal workbook of one sheet, written by hand: what it declares is up to the test."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
        "_rels/.rels": (f'<Relationships xmlns="{relationships}"><Relationship Id="rId1" '
                        f'Type="{office}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (f'<workbook xmlns="{main}" xmlns:r="{office}"><sheets>'
                            '<sheet name="Đơn vị" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (f'<Relationships xmlns="{relationships}"><Relationship Id="rId1" '
                                       f'Type="{office}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}">{sheet_xml}</worksheet>',
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in parts.items():
            archive.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + xml)
    return out.getvalue()


def cells(row: int, values: list[str]) -> str:
    return f'<row r="{row}">' + "".join(
        f'<c r="{chr(ord("A") + n)}{row}" t="inlineStr"><is><t>{value}</t></is></c>' for n, value in enumerate(values)
    ) + "</row>"


HEADER_XML = cells(1, HEADER) + cells(2, ["A1", "Sở Y tế", "chi bộ", "An"])


def test_a_sheet_declaring_the_whole_grid_is_refused_fast_in_bounded_memory():
    data = sheet_xlsx('<dimension ref="A1:XFD1048576"/><sheetData>' + HEADER_XML
                      + '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
                      + "</sheetData>")
    assert len(data) < 5000
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(UnitsFileError, match=f"dòng {MAX_ROWS + 2}: quá {MAX_ROWS} dòng đơn vị"):
            file_rows(data, "u.xlsx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 5 and peak < 50 * 1024 * 1024


def test_a_sheet_that_says_it_is_small_is_counted_as_it_is_read():
    data = sheet_xlsx('<dimension ref="A1:D2"/><sheetData>' + HEADER_XML
                      + '<row r="3"><c r="XFD3" t="inlineStr"><is><t>x</t></is></c></row></sheetData>')
    with pytest.raises(UnitsFileError, match=f"dòng 3, cột “AY”: bảng rộng quá {MAX_COLUMNS} cột"):
        file_rows(data, "u.xlsx")
    ok = sheet_xlsx('<dimension ref="A1:XFD1048576"/><sheetData>' + HEADER_XML + "</sheetData>")
    assert units_from_rows(file_rows(ok, "u.xlsx"), "u.xlsx")[0].name == "Sở Y tế"
