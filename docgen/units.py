"""The list of grassroots units, as office staff keep it in Excel: CSV and XLSX in and out.

Headers may be Vietnamese (``Mã``, ``Tên đơn vị``, ``Loại``, ``Bí thư`` …) or English (``code``,
``name``, ``kind``, ``secretary`` …).  The columns that say how documents speak of a unit (``Khối/Lĩnh
vực``, ``Danh xưng``, ``Có chi ủy``, ``Đoàn thể``: :mod:`docgen.wording`) are optional, so lists kept
before them still import.  Every bad row is reported at once, numbered as a
spreadsheet shows it (the header is row 1), and nothing is returned unless all rows are good.
A file is read only as far as its limits (size, rows, columns, characters in a cell): the first
thing past one stops the reading with a message saying which.  What is exported reads back as
the same units.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from docgen.errors import BadInput
from docgen.i18n import N_, Message
from docgen.model import Unit, expected
from docgen.uploads import UnsafeFile, open_zip, read_file
from docgen.vn.text import collapse_spaces, fold, nfc, normalize
from docgen.wording import Table, chi_uy_label, parse_chi_uy, parse_noun, parse_sector, parse_unions, unions_cell

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 25 * 1024 * 1024  # an .xlsx's parts, unpacked
MAX_ROWS = 20_000  # units, after the header row
MAX_COLUMNS = 50
MAX_CELL_CHARS = 500
MAX_CODE_CHARS = 64  # the database's column

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
    ("sector", "Khối/Lĩnh vực", "sector", False),
    ("noun", "Danh xưng", "noun", False),
    ("chi_uy", "Có chi ủy", "chi_uy", False),
    ("unions", "Đoàn thể", "unions", False),
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
    message: Message

    def describe(self) -> Message:
        """The problem with where it is: a row, a column of the header, or (neither) the file."""
        if not (self.row or self.column):
            return self.message
        if not self.row:
            return Message(N_("tiêu đề, cột “%(column)s”: %(problem)s"), column=self.column, problem=self.message)
        if self.column:
            return Message(N_("dòng %(row)s, cột “%(column)s”: %(problem)s"), row=self.row, column=self.column,
                           problem=self.message)
        return Message(N_("dòng %(row)s: %(problem)s"), row=self.row, problem=self.message)


class UnitsFileError(BadInput):
    """The units file is refused; ``errors`` lists every bad row."""

    def __init__(self, source: str, errors: list[RowError]):
        self.source = source
        self.errors = errors
        super().__init__("%(source)s: %(problems)s", source=source, problems=[error.describe() for error in errors])


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
            errors.append(RowError(0, vi, Message(N_("thiếu cột “%(vi)s” (hoặc “%(en)s”)"), vi=vi, en=en)))
    return positions, errors


def units_from_rows(rows: list[list[str]], source: str, table: Table | None = None) -> list[Unit]:
    """Validate all rows (the first is the header) into units, or raise with every problem; a
    unit's sector must be one of ``table``'s (default: docgen's own wording table)."""
    if not rows:
        raise UnitsFileError(source, [RowError(0, "", Message(N_("tệp trống, cần dòng tiêu đề và ít nhất một đơn vị")))])
    positions, errors = _header_fields(rows[0])
    if errors:
        raise UnitsFileError(source, errors)
    units, codes = [], {}
    for number, row in enumerate(rows[1:], start=2):
        values = {field: normalize(str(row[i])).strip() if i < len(row) and row[i] is not None else ""
                  for i, field in positions.items()}
        if not any(values.values()):
            continue
        unit = _unit_from_values(values, number, errors, table)
        if unit is None:
            continue
        if unit.code in codes:
            errors.append(RowError(number, "Mã", Message(N_("mã “%(code)s” trùng với dòng %(row)s"), code=unit.code,
                                                         row=codes[unit.code])))
            continue
        codes[unit.code] = number
        units.append(unit)
    if errors:
        raise UnitsFileError(source, errors)
    if not units:
        raise UnitsFileError(source, [RowError(0, "", Message(N_("không có đơn vị nào")))])
    return units


def _unit_from_values(values: dict[str, str], row: int, errors: list[RowError], table: Table | None) -> Unit | None:
    name, kind_from_name = split_name(collapse_spaces(values.get("name", "")))
    raw_kind = values.get("kind", "")
    kind = parse_kind(raw_kind) if raw_kind else kind_from_name
    problems = []
    if not values.get("code"):
        problems.append(RowError(row, "Mã", Message(N_("không được để trống"))))
    elif len(values["code"]) > MAX_CODE_CHARS:
        problems.append(RowError(row, "Mã", Message(N_("dài tối đa %(max)s ký tự"), max=MAX_CODE_CHARS)))
    if not name:
        problems.append(RowError(row, "Tên đơn vị", Message(N_("không được để trống"))))
    if kind is None:
        problems.append(RowError(row, "Loại", Message(N_("“%(kind)s” không phải loại đơn vị; "
                                                         "ghi “Đảng bộ cơ sở” hoặc “Chi bộ cơ sở”"), kind=raw_kind)))
    elif kind_from_name and kind_from_name != kind:
        problems.append(RowError(row, "Loại", Message(N_("tên ghi “%(named)s” nhưng loại là “%(kind)s”"),
                                                      named=KIND_LABELS[kind_from_name], kind=KIND_LABELS[kind])))
    read, bad = wording_values(values, table)
    values = {**values, **read, "name": name, "kind": kind}
    problems += [RowError(row, HEADER_VI[field], message) for field, message in bad.items()]
    if problems:
        errors.extend(problems)
        return None
    try:
        return Unit.model_validate(values)
    except ValidationError as error:
        for item in error.errors():
            field = str(item["loc"][0])
            errors.append(RowError(row, HEADER_VI.get(field, field), expected(item)))
        return None


def _known_sector(value: str, table: Table | None) -> str:
    """A sector as typed, once the table knows it."""
    parse_sector(value, table)
    return value


# How a wording column's cell becomes the model's value.
_WORDING_COLUMNS = {
    "sector": _known_sector,
    "noun": lambda value, _: parse_noun(value),
    "chi_uy": lambda value, _: parse_chi_uy(value),
    "unions": lambda value, _: parse_unions(value),
}


def wording_values(cells: dict[str, str], table: Table | None = None) -> tuple[dict, dict[str, Message]]:
    """The cells of the wording columns (as a units list or the web form holds them) as the model's
    values, and the problem of each bad one, by field; a sector must be one of ``table``'s."""
    values, problems = {}, {}
    for field, read in _WORDING_COLUMNS.items():
        try:
            values[field] = read(cells.get(field, ""), table)
        except BadInput as error:
            problems[field] = error.message
    return values, problems


def unit_cells(unit: Unit) -> dict[str, str]:
    """A unit as the units list writes it, cell by cell: what reads back as the same unit."""
    cells = unit.model_dump()
    cells.update(kind=KIND_LABELS[unit.kind], chi_uy=chi_uy_label(unit.chi_uy), unions=unions_cell(unit.unions))
    return cells


def read_units(path: Path, table: Table | None = None) -> list[Unit]:
    """Units from a .csv or .xlsx file, read no further than the size limit (whatever the file
    system says its size is); sectors are ``table``'s (see :func:`units_from_rows`)."""
    try:
        data = read_file(path, MAX_FILE_BYTES)
    except UnsafeFile as error:
        raise UnitsFileError(path.name, [RowError(0, "", error.message)]) from None
    return units_from_rows(file_rows(data, path.name), path.name, table)


def file_rows(data: bytes, name: str) -> list[list[str]]:
    """The rows of an uploaded .csv or .xlsx as text, header first, before validation: what a
    preview shows, with :func:`units_from_rows` then saying which rows are bad.  ``data`` may be
    read with one byte more than :data:`MAX_FILE_BYTES`, to know that it is too big."""
    if len(data) > MAX_FILE_BYTES:
        raise UnitsFileError(name, [RowError(0, "", Message(N_("tệp quá lớn: tối đa %(max)s MB"),
                                                            max=MAX_FILE_BYTES // 1024 // 1024))])
    suffix = Path(name).suffix.lower()
    if suffix == ".xlsx":
        return _xlsx_rows(data, name)
    if suffix == ".csv":
        return _csv_rows(data, name)
    raise UnitsFileError(name, [RowError(0, "", Message(N_("cần tệp .csv hoặc .xlsx")))])


def _bounded(rows: Iterable[Sequence], source: str) -> list[list[str]]:
    """Rows as text, taken one at a time: the first row past a limit stops the reading."""
    found: list[list[str]] = []
    for number, row in enumerate(rows, start=1):
        if number > MAX_ROWS + 1:
            raise UnitsFileError(source, [RowError(number, "", Message(
                N_("quá %(max)s dòng đơn vị (tối đa %(max)s dòng sau dòng tiêu đề)"), max=MAX_ROWS))])
        if len(row) > MAX_COLUMNS:
            raise UnitsFileError(source, [RowError(number, _column_letter(MAX_COLUMNS), Message(
                N_("bảng rộng quá %(max)s cột (tối đa %(max)s cột, đến cột %(last)s): xóa các cột thừa bên phải"),
                max=MAX_COLUMNS, last=_column_letter(MAX_COLUMNS - 1)))])
        cells = ["" if value is None else _cell_text(value) for value in row]
        for index, cell in enumerate(cells):
            if len(cell) > MAX_CELL_CHARS:
                title = found[0][index] if found and index < len(found[0]) and found[0][index] else ""
                raise UnitsFileError(source, [RowError(number, title or _column_letter(index), Message(
                    N_("ô dài %(length)s ký tự (tối đa %(max)s)"), length=len(cell), max=MAX_CELL_CHARS))])
        found.append(cells)
    return found


def _column_letter(index: int) -> str:
    """The spreadsheet's name of the column at ``index`` (0: A, 26: AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _csv_rows(data: bytes, source: str) -> list[list[str]]:
    """RFC 4180 (a quoted field doubles its quotes), separated as Excel writes it: ``,``, ``;``
    where the decimal mark is a comma, or tab (its "Unicode text").  A quote out of place is
    refused rather than guessed at."""
    text = _decoded(data, source)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    try:
        return _bounded(([_restored(cell) for cell in row] for row in reader), source)
    except csv.Error as error:
        if "field larger than field limit" in str(error):  # the csv module's own limit, far past ours
            raise UnitsFileError(source, [RowError(reader.line_num, "", Message(
                N_("ô dài hơn %(length)s ký tự (tối đa %(max)s)"), length=csv.field_size_limit(), max=MAX_CELL_CHARS))])
        raise UnitsFileError(source, [RowError(reader.line_num, "", Message(N_(
            "dấu ngoặc kép không đúng cách viết CSV: một ô có dấu ngoặc kép phải nằm trọn trong "
            "ngoặc kép, mỗi dấu bên trong viết đôi (\"Công ty \"\"A\"\"\")")))]) from None


def _delimiter(text: str) -> str:
    """The separator that makes the first line into the most known column titles (``,`` when none does)."""
    def titles(delimiter: str) -> int:
        try:
            header = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
        except csv.Error:
            return 0
        return len(_header_fields(header)[0])

    return max((",", ";", "\t"), key=titles)


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Windows-1258 (what Excel's plain "CSV" writes on a Vietnamese Windows) puts a tone after its
# letter as a mark of its own, which NFC joins to it.  A mark left over, or a letter or sign that
# Vietnamese does not write, says the bytes are in another encoding.
_VIETNAMESE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")
_TYPOGRAPHY = frozenset("\u00a0“”‘’–—…•«»°")
_NOT_UTF8 = N_("không đọc được chữ trong tệp (gặp “%(char)s”): tệp không phải UTF-8 cũng không phải tiếng Việt "
               "mã Windows-1258. Trong Excel, chọn Lưu thành (Save As) kiểu “CSV UTF-8 (Comma delimited)”")


def _decoded(data: bytes, source: str) -> str:
    """The text of a CSV: UTF-8 (with or without a byte-order mark), UTF-16 with its mark, or
    Windows-1258 when it reads as Vietnamese; anything else is refused rather than guessed."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                shown = f"0x{error.object[error.start]:02X}"
                raise UnitsFileError(source, [RowError(0, "", Message(_NOT_UTF8, char=shown))]) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = nfc(data.decode("cp1258", errors="replace"))
    foreign = next((char for char in sorted(set(text)) if not _written_in_vietnamese(char)), None)
    if foreign is not None:
        shown = foreign if foreign.isprintable() and not unicodedata.combining(foreign) else f"U+{ord(foreign):04X}"
        raise UnitsFileError(source, [RowError(0, "", Message(_NOT_UTF8, char=shown))])
    return text


def _written_in_vietnamese(char: str) -> bool:
    if char.isascii():
        return char.isprintable() or char in "\t\r\n"
    if char in _TYPOGRAPHY or char in "đĐ":
        return True
    base, *marks = unicodedata.normalize("NFD", char)
    return base in "aeiouyAEIOUY" and all(mark in _VIETNAMESE_MARKS for mark in marks)


def _xlsx_rows(data: bytes, source: str) -> list[list[str]]:
    """The first sheet, streamed: what the sheet declares about its size is not trusted, its rows
    and cells are counted as they come."""
    from openpyxl import load_workbook

    try:
        open_zip(data, MAX_UNPACKED_BYTES)
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except UnsafeFile as error:
        raise UnitsFileError(source, [RowError(0, "", error.message)]) from None
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise UnitsFileError(source, [RowError(0, "", Message(N_("không phải tệp Excel .xlsx hợp lệ")))]) from None
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        return _bounded(sheet.iter_rows(values_only=True), source)
    except UnitsFileError:
        raise
    except Exception:
        raise UnitsFileError(source, [RowError(0, "", Message(N_("không phải tệp Excel .xlsx hợp lệ")))]) from None
    finally:
        workbook.close()


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _export_rows(units: list[Unit]) -> list[list[str]]:
    rows = [[vi for _, vi, _, _ in COLUMNS]]
    for unit in units:
        cells = unit_cells(unit)
        rows.append([cells[field] for field, *_ in COLUMNS])
    return rows


# What a spreadsheet opening a CSV takes for the start of a formula (OWASP: = + - @ tab CR), and the
# quote itself: an exported cell starting with one gets a ' in front, which import takes away again
# (only when one of these follows it, so a name typed with a ' in front keeps it).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def _neutralised(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def _restored(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(_FORMULA_STARTS) else cell


def units_to_csv(units: list[Unit]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel on Windows shows the diacritics; no cell a formula."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([_neutralised(cell) for cell in row] for row in _export_rows(units))
    return out.getvalue().encode("utf-8-sig")


def units_to_xlsx(units: list[Unit]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Đơn vị"
    for row in _export_rows(units):
        sheet.append(row)
        # Every cell a text: "=…" is not a formula (it would run, and read back empty).
        for cell in sheet[sheet.max_row]:
            cell.data_type = "s"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEFGHIJKL", (10, 50, 16, 24, 10, 24, 14, 28, 20, 16, 10, 40)):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
