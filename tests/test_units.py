"""The units list: CSV/XLSX in and out, every spelling staff use, every bad row reported."""

import io
import unicodedata
import zipfile

import pytest

from docgen.units import (
    UnitsFileError,
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
    assert data.decode("utf-8-sig").splitlines()[0] == "Mã,Tên đơn vị,Loại,Bí thư,Ký hiệu,Phó Bí thư,Địa danh,Email"
