"""The list of grassroots units, as office staff keep it in Excel: CSV and XLSX in and out.

Headers may be Vietnamese (``Mã``, ``Tên đơn vị``, ``Loại``, ``Bí thư`` …) or English (``code``,
``name``, ``kind``, ``secretary`` …).  Every bad row is reported at once, numbered as a
spreadsheet shows it (the header is row 1), and nothing is returned unless all rows are good.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from docgen.errors import BadInput
from docgen.model import Unit, expected
from docgen.uploads import UnsafeFile, check_zip
from docgen.vn.text import collapse_spaces, fold, normalize

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000

# (field, Vietnamese header, English header, required)
COLUMNS = (
    ("code", "Mã", "code", True),
    ("name", "Tên đơn vị", "name", True),
    ("kind", "Loại", "kind", True),
    ("secretary", "Bí thư", "secretary", False),
    ("symbol", "Ký hiệu", "symbol", False),
    ("deputy", "Phó Bí thư", "deputy", False),
    ("place", "Địa danh", "place", False),
    ("email", "Email", "email", False),
)
HEADER_VI = {field: vi for field, vi, _, _ in COLUMNS}

KIND_LABELS = {"dang-bo": "Đảng bộ cơ sở", "chi-bo": "Chi bộ cơ sở"}

# How staff write the kind, folded (lower case, no marks): đảng bộ cơ sở, dang-bo, ĐBCS …
_KIND_SPELLINGS = {
    "dang-bo": {"dang bo co so", "dang bo", "dang-bo", "dbcs", "dang uy", "dang uy co so"},
    "chi-bo": {"chi bo co so", "chi bo", "chi-bo", "cbcs"},
}
# Names written with the kind in front ("Đảng bộ Sở Tài chính", "Chi bộ Sở Tư pháp").
_NAME_PREFIX = re.compile(r"^(đảng bộ cơ sở|đảng bộ|đảng ủy|đảng uỷ|chi bộ cơ sở|chi bộ)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"dòng {self.row}" if self.row else "tiêu đề"
        return f"{where}, cột “{self.column}”: {self.message}" if self.column else f"{where}: {self.message}"


class UnitsFileError(BadInput):
    """The units file is refused; ``errors`` lists every bad row."""

    def __init__(self, source: str, errors: list[RowError]):
        self.source = source
        self.errors = errors
        super().__init__(f"{source}: " + "; ".join(map(str, errors)))


def parse_kind(value: str) -> str | None:
    folded = fold(value).replace("_", "-")
    for kind, spellings in _KIND_SPELLINGS.items():
        if folded in spellings:
            return kind
    return None


def split_name(name: str) -> tuple[str, str | None]:
    """``Đảng bộ Sở Tài chính`` → (``Sở Tài chính``, ``dang-bo``); a bare name has no kind."""
    match = _NAME_PREFIX.match(name)
    if not match:
        return name, None
    return name[match.end():], parse_kind(match.group(1))


def _header_fields(header: list[str]) -> tuple[dict[int, str], list[RowError]]:
    known = {}
    for field, vi, en, _ in COLUMNS:
        known[fold(vi)] = field
        known[fold(en)] = field
    positions, errors = {}, []
    for index, title in enumerate(header):
        field = known.get(fold(title or ""))
        if field:
            positions[index] = field
    found = set(positions.values())
    for field, vi, en, required in COLUMNS:
        if required and field not in found:
            errors.append(RowError(0, vi, f"thiếu cột “{vi}” (hoặc “{en}”)"))
    return positions, errors


def units_from_rows(rows: list[list[str]], source: str) -> list[Unit]:
    """Validate all rows (the first is the header) into units, or raise with every problem."""
    if not rows:
        raise UnitsFileError(source, [RowError(0, "", "tệp trống, cần dòng tiêu đề và ít nhất một đơn vị")])
    positions, errors = _header_fields(rows[0])
    if errors:
        raise UnitsFileError(source, errors)
    if len(rows) - 1 > MAX_ROWS:
        raise UnitsFileError(source, [RowError(0, "", f"quá {MAX_ROWS} dòng")])
    units, codes = [], {}
    for number, row in enumerate(rows[1:], start=2):
        values = {field: normalize(str(row[i])).strip() if i < len(row) and row[i] is not None else ""
                  for i, field in positions.items()}
        if not any(values.values()):
            continue
        unit = _unit_from_values(values, number, errors)
        if unit is None:
            continue
        if unit.code in codes:
            errors.append(RowError(number, "Mã", f"mã “{unit.code}” trùng với dòng {codes[unit.code]}"))
            continue
        codes[unit.code] = number
        units.append(unit)
    if errors:
        raise UnitsFileError(source, errors)
    if not units:
        raise UnitsFileError(source, [RowError(0, "", "không có đơn vị nào")])
    return units


def _unit_from_values(values: dict[str, str], row: int, errors: list[RowError]) -> Unit | None:
    name, kind_from_name = split_name(collapse_spaces(values.get("name", "")))
    raw_kind = values.get("kind", "")
    kind = parse_kind(raw_kind) if raw_kind else kind_from_name
    problems = []
    if not values.get("code"):
        problems.append(RowError(row, "Mã", "không được để trống"))
    if not name:
        problems.append(RowError(row, "Tên đơn vị", "không được để trống"))
    if kind is None:
        problems.append(RowError(row, "Loại", f"“{raw_kind}” không phải loại đơn vị; "
                                 "ghi “Đảng bộ cơ sở” hoặc “Chi bộ cơ sở”"))
    elif kind_from_name and kind_from_name != kind:
        problems.append(RowError(row, "Loại", f"tên ghi “{KIND_LABELS[kind_from_name]}” "
                                 f"nhưng loại là “{KIND_LABELS[kind]}”"))
    if problems:
        errors.extend(problems)
        return None
    values = {**values, "name": name, "kind": kind}
    try:
        return Unit.model_validate(values)
    except ValidationError as error:
        for item in error.errors():
            field = str(item["loc"][0])
            errors.append(RowError(row, HEADER_VI.get(field, field), expected(item)))
        return None


def read_units(path: Path) -> list[Unit]:
    """Units from a .csv or .xlsx file."""
    _check_size(path.name, path.stat().st_size)  # before reading it
    return units_from_rows(file_rows(path.read_bytes(), path.name), path.name)


def _check_size(name: str, size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise UnitsFileError(name, [RowError(0, "", f"tệp quá lớn ({size // 1024} KB; tối đa 5 MB)")])


def file_rows(data: bytes, name: str) -> list[list[str]]:
    """The rows of an uploaded .csv or .xlsx as text, header first, before validation: what a
    preview shows, with :func:`units_from_rows` then saying which rows are bad."""
    _check_size(name, len(data))
    suffix = Path(name).suffix.lower()
    if suffix == ".xlsx":
        return _xlsx_rows(data, name)
    if suffix == ".csv":
        return _csv_rows(data, name)
    raise UnitsFileError(name, [RowError(0, "", "cần tệp .csv hoặc .xlsx")])


def _csv_rows(data: bytes, source: str) -> list[list[str]]:
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UnitsFileError(source, [RowError(0, "", "không đọc được: lưu tệp CSV với mã UTF-8")])
    dialect = csv.excel
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        pass
    return list(csv.reader(io.StringIO(text), dialect))


def _xlsx_rows(data: bytes, source: str) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        check_zip(data)
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except UnsafeFile as error:
        raise UnitsFileError(source, [RowError(0, "", str(error))]) from None
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise UnitsFileError(source, [RowError(0, "", "không phải tệp Excel .xlsx hợp lệ")]) from None
    sheet = workbook.worksheets[0]
    rows = [["" if cell is None else _cell_text(cell) for cell in row]
            for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _export_rows(units: list[Unit]) -> list[list[str]]:
    rows = [[vi for _, vi, _, _ in COLUMNS]]
    for unit in units:
        record = unit.model_dump()
        record["kind"] = KIND_LABELS[unit.kind]
        rows.append([record[field] for field, *_ in COLUMNS])
    return rows


def units_to_csv(units: list[Unit]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel on Windows shows the diacritics."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(_export_rows(units))
    return out.getvalue().encode("utf-8-sig")


def units_to_xlsx(units: list[Unit]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Đơn vị"
    for row in _export_rows(units):
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEFGH", (10, 50, 16, 24, 10, 24, 14, 28)):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
