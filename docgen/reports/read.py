"""One returned report form → its unit, its values, its problems, the rows its unit added and its narrative.

Offices fill the form in their own ways, so nothing is read by position:

- the unit and the plan come from the custom properties docgen wrote into the form
  (:mod:`~docgen.reports.identity`); a form retyped in a new document has none, and its unit is
  the one its header names (``ĐẢNG ỦY SỞ TÀI CHÍNH``, in any case or ủy/uỷ style), looked up in
  the units list;
- the indicator table is whichever table has rows naming the plan's indicators; rows are
  matched to indicators by their text (folded, and close enough for small edits), so rows
  added, reordered or merged do not move a figure to the wrong indicator; the figure column is
  the one titled ``Số lượng`` (or ``Kết quả``, ``Số liệu`` …), else the one holding numbers;
- rows the unit added are kept as notes and never added to a total;
- the narrative is read under its headings (kết quả, ưu điểm, hạn chế, phương hướng, kiến nghị).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from docgen import outline
from docgen.errors import BadInput
from docgen.i18n import N_, Message
from docgen.model import Plan, Unit
from docgen.reports.document import Cell, FormError, Table, distinct, read_document
from docgen.reports.identity import identity_of, plan_key
from docgen.reports.values import NotACount, is_unfilled, parse_count
from docgen.units import split_name
from docgen.vn.text import collapse_spaces, fold

# How alike (0 to 1, difflib's ratio of the folded words) a row's text and an indicator's name
# must be to be taken as the same; one unit's name and a header's, the same.
SAME_TEXT = 0.8
SAME_NAME = 0.85
SECTIONS = (  # id, title, folded words its heading holds
    ("ket_qua", "Kết quả thực hiện", ("ket qua",)),
    ("danh_gia", "Đánh giá chung", ("danh gia",)),
    ("uu_diem", "Ưu điểm", ("uu diem",)),
    ("han_che", "Hạn chế, nguyên nhân", ("han che", "ton tai", "khuyet diem", "nguyen nhan")),
    ("bai_hoc", "Bài học kinh nghiệm", ("bai hoc",)),
    ("phuong_huong", "Phương hướng, nhiệm vụ", ("phuong huong", "nhiem vu thoi gian toi")),
    ("kien_nghi", "Đề xuất, kiến nghị", ("kien nghi", "de xuat")),
)
COLUMNS = {  # what a column holds, by the folded words its title starts with
    "number": ("stt", "tt", "so tt", "so thu tu"),
    "label": ("noi dung", "chi tieu", "ten chi tieu", "hoat dong", "danh muc"),
    "unit": ("don vi tinh", "dvt", "don vi"),
    "value": ("so luong", "ket qua", "so lieu", "thuc hien", "tong so"),
    "note": ("ghi chu",),
}
MAX_HEADING_CHARS = 150
_NUMBERING = re.compile(r"\(?[0-9]+\)?")
_SIGNATURE = re.compile(r"^(noi nhan|t/m |k/t |tm\. |bi thu$|pho bi thu$)")


@dataclass(frozen=True)
class Problem:
    """Something a person must look at; ``indicator`` None: the form as a whole."""

    indicator: str | None
    message: Message

    @property
    def beside(self) -> Message:
        """What is wrong, as said beside the figure it is about: without its unit and indicator."""
        return self.message.params.get("problem", self.message) if self.indicator else self.message


@dataclass(frozen=True)
class Note:
    """A row the unit added to the table, as written: kept for the record, never added to a total."""

    text: str
    unit: str
    value: str


@dataclass
class Form:
    """One returned form, as read."""

    file: str
    unit: Unit
    values: dict[str, int | None]
    """By indicator name: the count, or None when the unit left it empty or it could not be read."""
    cells: dict[str, str] = field(default_factory=dict)
    """By indicator name: the figure's cell as written (what a problem points at)."""
    remarks: dict[str, str] = field(default_factory=dict)
    """By indicator name: the unit's Ghi chú beside it."""
    problems: list[Problem] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    narrative: dict[str, list[str]] = field(default_factory=dict)
    """By section id (:data:`SECTIONS`): its paragraphs as written."""


@dataclass
class _Row:
    label: str
    value: Cell | None
    unit: str
    note: str
    key: str
    table: int


@lru_cache(maxsize=4096)
def label_key(text: str) -> str:
    """A row's or an indicator's text as compared: folded, without its outline marker and punctuation."""
    text = collapse_spaces(text)
    marked = outline.read_marker(text)
    return " ".join(re.findall(r"\w+", fold(marked[2] if marked else text)))


class _Indicators:
    """The plan's indicators, each ready to be compared with many rows (difflib keeps what it learns of
    the second text)."""

    def __init__(self, names: list[str]):
        self._matchers = [difflib.SequenceMatcher(None, "", label_key(name), autojunk=False) for name in names]
        self.alike = lru_cache(maxsize=4096)(self._alike)  # forms of one plan repeat their rows' texts

    def _alike(self, key: str) -> dict[int, float]:
        """The indicators a row's key is alike enough to, and how alike."""
        found = {}
        for index, matcher in enumerate(self._matchers):
            matcher.set_seq1(key)
            if key == matcher.b:
                found[index] = 1.0
            elif matcher.real_quick_ratio() >= SAME_TEXT and matcher.quick_ratio() >= SAME_TEXT \
                    and (score := matcher.ratio()) >= SAME_TEXT:
                found[index] = score
        return found


class FormReader:
    """Reads the returned forms of one plan, for one list of units."""

    def __init__(self, plan: Plan, units: Sequence[Unit]):
        names = [indicator.name for indicator in plan.report.indicators]
        if not names:
            raise BadInput(N_("kế hoạch không có chỉ tiêu báo cáo (report.indicators): không có gì để tổng hợp"))
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise BadInput(N_("kế hoạch có chỉ tiêu trùng tên: %(names)s; mỗi chỉ tiêu cần một tên riêng"),
                           names=", ".join(repeated))
        self.plan = plan
        self.names = names
        self._indicators = _Indicators(names)
        self._key = plan_key(plan)
        self._units = {unit.code: unit for unit in units}
        by_name: dict[str, Unit | None] = {}
        for unit in units:
            folded = fold(unit.name)
            by_name[folded] = None if folded in by_name else unit  # two units of one name: neither
        self._by_name = {name: unit for name, unit in by_name.items() if unit is not None}
        org = plan.organisation
        self._cited = re.compile(rf"\b([0-9]+)\s*-\s*{re.escape(fold(plan.type.value))}\s*/\s*"
                                 rf"{re.escape(fold(org.symbol))}\b")

    def read(self, data: bytes, file: str) -> Form:
        """The form in ``data`` (read from ``file``); :class:`FormError` when it cannot be taken."""
        document = read_document(data)
        top = list(_top_lines(document.blocks))
        unit, problems = self._unit(document.properties, top)
        form = Form(file, unit, dict.fromkeys(self.names), problems=problems)
        self._read_table(document.blocks, form)
        form.narrative = _narrative(document.blocks)
        return form

    # -- whose form ---------------------------------------------------------------------------

    def _unit(self, properties: dict[str, str], top: list[str]) -> tuple[Unit, list[Problem]]:
        identity = identity_of(properties)
        named = self._named(top)
        if identity is None:
            self._check_citation(top)
            if named is None:
                raise FormError(N_("không xác định được đơn vị: tiêu đề không có tên đơn vị nào trong danh sách "
                                   "(dòng như “ĐẢNG ỦY SỞ TÀI CHÍNH” hoặc “CHI BỘ …”)"))
            return named, []
        if identity.plan_key != self._key:
            if identity.plan:
                raise FormError(N_("biểu mẫu của %(plan)s, không phải của kế hoạch đang tổng hợp"), identity.unit_code,
                                plan=identity.plan)
            raise FormError(N_("biểu mẫu của một kế hoạch khác, không phải của kế hoạch đang tổng hợp"),
                            identity.unit_code)
        made_for = self._units.get(identity.unit_code)
        if made_for is None and named is None:
            raise FormError(N_("mã đơn vị “%(code)s” ghi trong tệp không có trong danh sách đơn vị"),
                            identity.unit_code, code=identity.unit_code)
        if made_for is not None and named is not None and named != made_for:
            return named, [Problem(None, Message(N_("tệp được tạo cho %(made_for)s (%(made_code)s) nhưng tiêu đề ghi "
                                                    "%(named)s: đã tính cho %(named)s (%(named_code)s)"),
                                                 made_for=made_for.committee, made_code=made_for.code,
                                                 named=named.committee, named_code=named.code))]
        return named or made_for, []

    def _named(self, lines: list[str]) -> Unit | None:
        """The unit a header line names (``ĐẢNG ỦY SỞ TÀI CHÍNH``), its name maybe wrapped onto the next
        line or followed by more words; then one named nearly so (a small edit); else a line that is a
        unit's name alone."""
        named = []  # (the name after the committee's word, with the next line)
        for index, line in enumerate(lines):
            name, kind = split_name(collapse_spaces(line))
            if kind is not None:
                named.append((fold(name), fold(f"{name} {lines[index + 1]}" if index + 1 < len(lines) else name)))
        found = (next((unit for pair in named for text in reversed(pair) if (unit := self._unit_by_name(text))), None)
                 or next((unit for name, _ in named if (unit := self._unit_nearly_named(name))), None))
        return found or next((unit for line in lines if (unit := self._by_name.get(fold(line)))), None)

    def _unit_by_name(self, folded: str) -> Unit | None:
        """The unit of that name, or of the longest name the text starts with."""
        if folded in self._by_name:
            return self._by_name[folded]
        longer = [name for name in self._by_name if folded.startswith(name + " ")]
        return self._by_name[max(longer, key=len)] if longer else None

    def _unit_nearly_named(self, folded: str) -> Unit | None:
        """The one unit whose name is close to the text, clearly closer than any other."""
        close = difflib.get_close_matches(folded, self._by_name, n=2, cutoff=SAME_NAME)
        ratios = [difflib.SequenceMatcher(None, folded, name).ratio() for name in close]
        if len(close) == 1 or (len(close) == 2 and ratios[0] - ratios[1] >= 0.05):
            return self._by_name[close[0]]
        return None

    def _check_citation(self, top: list[str]) -> None:
        """A retyped form citing another of the committee's plans is that plan's form."""
        number = self.plan.number
        cited = {int(found) for found in self._cited.findall(fold(" ".join(top)))}
        if number is None or not cited or number in cited:
            return
        plan = self.plan
        symbol = f"{plan.type.value}/{plan.organisation.symbol}"
        raise FormError(N_("biểu mẫu trích dẫn %(noun)s số %(cited)s, không phải kế hoạch đang tổng hợp (số %(number)s)"),
                        noun=plan.type.noun, cited=f"{min(cited):02d}-{symbol}", number=f"{number:02d}-{symbol}")

    # -- the indicator table ------------------------------------------------------------------

    def _read_table(self, blocks: Sequence[str | Table], form: Form) -> None:
        rows: list[_Row] = []
        scores: dict[tuple[int, int], float] = {}  # (row, indicator) → how alike, when alike enough
        for number, table in enumerate(block for block in blocks if isinstance(block, Table)):
            found = list(self._rows(table, number))
            alike = {(r, i): score for r, row in enumerate(found, start=len(rows))
                     for i, score in self._indicators.alike(row.key).items()}
            if alike:  # an indicator table: the others (header, signature, the unit's own) are not read
                rows += found
                scores |= alike
        if not scores:
            form.problems.append(Problem(None, Message(N_("%(unit)s: không tìm thấy bảng số liệu (không bảng nào có "
                                                          "dòng ghi tên một chỉ tiêu của kế hoạch)"),
                                                       unit=form.unit.committee)))
            return
        best = {}  # row → the indicator it is most like
        for (r, i), score in scores.items():
            if r not in best or score > scores[r, best[r]]:
                best[r] = i
        matched: dict[int, list[int]] = {}  # indicator → its rows, the most alike first
        taken: set[int] = set()
        for (r, i), _ in sorted(scores.items(), key=lambda item: (-item[1], item[0])):
            if r not in taken and (i not in matched or best[r] == i):
                matched.setdefault(i, []).append(r)
                taken.add(r)
        for r, row in enumerate(rows):
            if r not in taken and row.value is not None and not is_unfilled(row.value.text):
                form.notes.append(Note(row.label, row.unit, row.value.text))
        shared = _shared_cells([rows[r] for found in matched.values() for r in found])
        for i, name in enumerate(self.names):
            self._value(form, name, [rows[r] for r in matched.get(i, [])], shared)
        if all(is_unfilled(text) for text in form.cells.values()):
            form.problems.append(Problem(None, Message(N_("%(unit)s: bảng số liệu còn để trống, chưa có số liệu nào"),
                                                       unit=form.unit.committee)))

    def _rows(self, table: Table, number: int) -> Iterator[_Row]:
        """The rows of a table that may hold an indicator, read by the columns its header names."""
        columns, start = _columns(table)
        if "label" not in columns:
            columns["label"] = self._label_column(table)
        if "value" not in columns:
            columns["value"] = _figure_column(table, columns["label"])
        for row in table.rows[start:]:
            label = row[columns["label"]] if columns["label"] < len(row) else None
            if label is None or len({cell.origin for cell in row}) == 1 or _is_numbering(row) or _titles(row):
                continue  # a heading across the table, the row numbering the columns, a header typed again
            value = _cell(row, columns.get("value"))
            note = _cell(row, columns.get("note"))
            yield _Row(label.text, None if value is label else value, _text(row, columns.get("unit")),
                       note.text if note is not None and note not in (label, value) else "", label_key(label.text),
                       number)

    def _label_column(self, table: Table) -> int:
        """Where no header says, the column whose cells name the most indicators."""
        counts: dict[int, int] = {}
        for row in table.rows:
            for cell in distinct(row):
                if self._indicators.alike(label_key(cell.text)):
                    counts[cell.origin[1]] = counts.get(cell.origin[1], 0) + 1
        return max(counts, key=lambda column: (counts[column], -column)) if counts else 0

    def _value(self, form: Form, name: str, rows: list[_Row],
               shared: dict[tuple[int, tuple[int, int]], list[str]]) -> None:
        if not rows:
            form.problems.append(_problem(form, name, N_("bảng không có dòng của chỉ tiêu này")))
            return
        filled = [row for row in rows if row.value is not None and not is_unfilled(row.value.text)]
        row = filled[0] if filled else rows[0]
        if row.note:
            form.remarks[name] = row.note
        if row.value is None:
            form.cells[name] = ""
            form.problems.append(_problem(form, name, N_("dòng này không có ô số lượng riêng")))
            return
        form.cells[name] = row.value.text
        if len(filled) > 1:
            written = "; ".join(f"“{other.label}”: {_quoted(other.value.text)}" for other in filled)
            form.problems.append(_problem(form, name, N_("bảng có %(count)s dòng cho chỉ tiêu này (%(written)s); chưa "
                                                         "tính, đề nghị xem lại"), count=len(filled), written=written))
            return
        together = shared.get((row.table, row.value.origin))
        if together:
            names = ", ".join(f"“{label}”" for label in together)
            form.problems.append(_problem(form, name, N_("ô số lượng %(cell)s được gộp chung cho các dòng %(rows)s; "
                                                         "không tách được, chưa tính"),
                                          cell=_quoted(row.value.text), rows=names))
            return
        try:
            form.values[name] = parse_count(row.value.text)
        except NotACount as refused:
            form.problems.append(_problem(form, name, N_("ô số lượng %(cell)s %(reason)s"), cell=_quoted(row.value.text),
                                          reason=refused.message))


def _problem(form: Form, indicator: str, message: str, **params) -> Problem:
    """A problem of one indicator of the form, said with the unit and the indicator first."""
    return Problem(indicator, Message("%(unit)s, “%(indicator)s”: %(problem)s", unit=form.unit.committee,
                                      indicator=indicator, problem=Message(message, **params)))


def _quoted(text: str) -> str:
    """A cell's text in a message, in quotes, its lines on one line."""
    return "“" + " / ".join(line.strip() for line in text.splitlines() if line.strip()) + "”"


def _shared_cells(rows: list[_Row]) -> dict[tuple[int, tuple[int, int]], list[str]]:
    """Figure cells merged down over more than one indicator's row, by (table, cell), with those rows' labels."""
    labels: dict[tuple[int, tuple[int, int]], list[str]] = {}
    for row in rows:
        if row.value is not None:
            labels.setdefault((row.table, row.value.origin), []).append(row.label)
    return {cell: found for cell, found in labels.items() if len(found) > 1}


def _columns(table: Table) -> tuple[dict[str, int], int]:
    """The columns a header row names (within the first three rows), and the first row after it."""
    for index, row in enumerate(table.rows[:3]):
        if found := _titles(row):
            return found, index + 1
    return {}, 0


def _titles(row: tuple[Cell, ...]) -> dict[str, int]:
    """What each column holds, when the row is a header (it titles the labels or the figures, and more)."""
    found: dict[str, int] = {}
    for column, cell in enumerate(row):
        key = label_key(cell.text)
        for role, titles in COLUMNS.items():
            if role not in found and any(key == title or key.startswith(title + " ") for title in titles):
                found[role] = column
                break
    return found if len(found) >= 2 and ("label" in found or "value" in found) else {}


def _figure_column(table: Table, label: int) -> int | None:
    """Where no header says, the column right of the labels holding the most counts."""
    width = max((len(row) for row in table.rows), default=0)
    best, most = None, 0
    for column in range(label + 1, width):
        counted = 0
        for row in table.rows:
            try:
                counted += column < len(row) and parse_count(row[column].text) is not None
            except NotACount:
                pass
        if counted > most:
            best, most = column, counted
    return best


def _cell(row: tuple[Cell, ...], column: int | None) -> Cell | None:
    return row[column] if column is not None and column < len(row) else None


def _text(row: tuple[Cell, ...], column: int | None) -> str:
    cell = _cell(row, column)
    return cell.text if cell is not None else ""


def _is_numbering(row: tuple[Cell, ...]) -> bool:
    """The row some tables have under the header: (1) (2) (3) …"""
    return all(_NUMBERING.fullmatch(cell.text) for cell in distinct(row))


# -- headings and narrative -----------------------------------------------------------------


@lru_cache(maxsize=4096)
def _heading(text: str) -> str | None:
    """For a heading, the section it opens ("" for a heading of no known section: a part of its own,
    or a sub-heading); None for any other paragraph."""
    if len(text) > MAX_HEADING_CHARS or text.endswith((".", ";")):
        return None
    marked = outline.read_marker(collapse_spaces(text))
    if not (marked and marked[0] in outline.HEADINGS) and not (text.isupper() and any(c.isalpha() for c in text)):
        return None
    folded = fold(text)
    if folded.startswith("bao cao"):
        return None  # the title
    found = [(folded.find(word), section) for section, _, words in SECTIONS for word in words if word in folded]
    return min(found)[1] if found else ""


def _paragraphs(blocks: Sequence[str | Table]) -> Iterator[str]:
    """The body's paragraphs with text (not fill lines, not the form's notes in brackets), up to the
    signature."""
    for block in blocks:
        if isinstance(block, Table):
            continue
        text = block.strip()
        if is_unfilled(text) or (text.startswith("(") and text.endswith(")")):
            continue
        if _SIGNATURE.match(fold(text[:20])):
            return
        yield text


def _top_lines(blocks: Sequence[str | Table]) -> Iterator[str]:
    """The lines before the first section: the header, the title, the opening sentence."""
    for block in blocks:
        if isinstance(block, Table):
            for row in block.rows:
                for cell in distinct(row):
                    yield from filter(None, (line.strip() for line in cell.text.split("\n")))
            continue
        if _heading(block.strip()):
            return
        yield from filter(None, (line.strip() for line in block.split("\n")))


def _narrative(blocks: Sequence[str | Table]) -> dict[str, list[str]]:
    """Each known section's paragraphs as written; a sub-heading is kept when text follows it."""
    narrative: dict[str, list[str]] = {}
    current, pending = None, None
    for text in _paragraphs(blocks):
        section = _heading(text)
        if section:
            current, pending = section, None
        elif section == "":
            if (marked := outline.read_marker(collapse_spaces(text))) and marked[0] == "roman":
                current = None
            pending = text
        elif current is not None:
            if pending:
                narrative.setdefault(current, []).append(pending)
                pending = None
            narrative.setdefault(current, []).append(text)
    return narrative
