"""From the committee's plan and one unit to the context of each of that unit's documents.

Derived documents are written as outline text and rendered through the same path as the
plan itself, so they get the same styles, numbering and checks.  Wording that depends on the
unit (who it is, what it calls itself, whom it has under it) is decided here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from docgen import outline
from docgen.context import (
    HouseStyle,
    body_paragraphs,
    house_style,
    in_house_style,
    in_tone_style,
    letter_summary_lines,
    number_line,
    paragraphs_of,
    recipient_lines,
    summary_lines,
    text_paragraph,
)
from docgen.errors import BadInput
from docgen.format import load_profile
from docgen.i18n import N_, Message
from docgen.kinds import get_kind
from docgen.model import DocType, Indicator, Plan, Report, Unit
from docgen.reports.identity import form_properties
from docgen.vn.dates import place_date, short_date
from docgen.vn.numbers import to_roman
from docgen.vn.text import fold, upper
from docgen.wording import (
    Change,
    OrgNames,
    RewrittenOutline,
    Table,
    UnitProfile,
    Wording,
    addressee,
    bloc_of,
    default_table,
    describe,
    parse_sector,
    stale_passages,
    unmatched,
    unstated_deadlines,
    wording_for,
)
from docgen.wording.documents import default_documents, fill


@dataclass(frozen=True)
class Citation:
    """How documents cite the committee's plan."""

    plan: Plan

    @property
    def numbered(self) -> str:
        """``Kế hoạch số 15-KH/ĐUK``, as a summary cites it."""
        plan = self.plan
        symbol = number_line(plan.number, plan.type, plan.organisation.symbol).removeprefix("Số ").strip()
        return f"{plan.type.noun} số {symbol}"

    @property
    def reference(self) -> str:
        """``Kế hoạch số 15-KH/ĐUK ngày 25/5/2021``."""
        dated = f" ngày {short_date(self.plan.date)}" if self.plan.date else ""
        return f"{self.numbered}{dated}"

    @property
    def issuer(self) -> str:
        """``Ban Thường vụ Đảng ủy Khối``."""
        org = self.plan.organisation
        return f"{org.collective} {org.short_name}"

    @property
    def board(self) -> str:
        """``Ban Tuyên giáo Đảng ủy Khối``: who follows the plan up."""
        org = self.plan.organisation
        return f"{org.lead_board} {org.short_name}"

    @property
    def report_to(self) -> str:
        """Where units send their reports."""
        return f"{self.issuer} (qua {self.board})"

    @property
    def report_title(self) -> str:
        """What the units report, as their form's trích yếu: ``kết quả tuyên truyền sau Đại hội …``."""
        return self.plan.report.title or f"kết quả thực hiện {self.numbered} của {self.issuer}"

    @property
    def full(self) -> str:
        """``Kế hoạch số 15-KH/ĐUK ngày 25/5/2021 của Ban Thường vụ Đảng ủy Khối về …``."""
        return f"{self.reference} của {self.issuer} về {self.plan.summary}"

    @property
    def names(self) -> OrgNames:
        """The committee's names as the wording rules use them (:mod:`docgen.wording`)."""
        org = self.plan.organisation
        return OrgNames(org=org.short_name, symbol=org.symbol, bloc=bloc_of(org.short_name), board=self.board,
                        issuer=self.issuer, office=org.office)


# -- reading the committee's plan ---------------------------------------------------------


@lru_cache(maxsize=16)
def _split_sections(body: str) -> tuple[list[outline.Node], list[outline.Node]]:
    """The plan's Roman sections that units carry out, and its "tổ chức thực hiện" section's items.

    Parsed once per plan text and shared by every unit: callers must not change the nodes."""
    carried, organisation = [], []
    for node in outline.parse(body):
        if node.kind != "roman":
            continue
        if "to chuc thuc hien" in fold(node.text):
            organisation = node.children
        else:
            carried.append(node)
    return carried, organisation


# -- the documents ------------------------------------------------------------------------


def _unit_header(plan: Plan, unit: Unit, doc_type: DocType) -> dict[str, str]:
    org = plan.organisation
    year = (plan.date or dt.date.today()).year
    return {
        "superior": upper(org.party_organisation),
        "issuer": upper(unit.committee),
        "number": number_line(None, doc_type, unit.symbol),
        "place_date": place_date(unit.place or org.place, None, year),
    }


class Issued(NamedTuple):
    """The number and date the outgoing register gave a committee's document (:mod:`docgen.register`)."""

    number: int
    date: dt.date


def committee_header(plan: Plan, doc_type: DocType, letter_summary: str = "",
                     issued: Issued | None = None) -> dict[str, str]:
    """The committee's header: its number and date when ``issued``, else blanks for the registry."""
    org = plan.organisation
    year = (plan.date or dt.date.today()).year
    header = {
        "superior": upper(org.superior),
        "issuer": upper(org.name),
        "number": number_line(issued.number if issued else None, doc_type, org.symbol),
        "place_date": place_date(org.place, issued.date if issued else None, year),
    }
    if letter_summary:
        header["letter_summary"] = letter_summary
    return header


def _unit_signature(unit: Unit) -> dict[str, str]:
    return {
        "authority": "T/M ĐẢNG ỦY" if unit.is_dang_bo else "T/M CHI BỘ",
        "title": "BÍ THƯ",
        "name": unit.secretary,
    }


def by_deadline(date) -> str:
    return f" trước ngày {short_date(date)}" if date else ""


def _task_lines(plan: Plan) -> list[str]:
    """What every unit must do, one sentence each, with its deadline."""
    return [f"{task.text}{by_deadline(task.deadline)}." for task in plan.unit_tasks]


def finish(context: dict[str, Any], style: HouseStyle, subject: str, author: str) -> dict[str, Any]:
    """Document properties, then the house style over every string."""
    context["properties"] = {"subject": subject, "author": author}
    return in_house_style(context, style)


# -- a unit's own plan ----------------------------------------------------------------------

# Warnings on a unit plan (:func:`unit_plan_draft`): what the office should look at before signing.
STALE = {
    "event": N_("Nội dung đã qua: “%(passage)s” (%(event)s, ngày %(date)s) trước ngày %(document_date)s "
                "của kế hoạch"),
    "date": N_("Ngày đã qua: “%(passage)s” trước ngày %(document_date)s của kế hoạch"),
    "year": N_("Thời hạn đã qua: “%(passage)s” trước ngày %(document_date)s của kế hoạch"),
}
UNSTATED_DEADLINE = N_("Hạn %(date)s giao cho các đơn vị không có trong văn bản kế hoạch của cấp ủy")
UNMATCHED_RULE = N_("Quy tắc lời văn “%(rule)s” không khớp câu nào của kế hoạch: xem lại quy tắc")
UNKNOWN_ADDRESSEE = N_("Chưa rõ mục “%(heading)s” (phần tổ chức thực hiện) có phải việc của đơn vị: đã để ra ngoài")
NO_TASK = N_("Mục “%(heading)s” giao cho đơn vị nhưng không tách được phần việc: đã giữ cả câu")
# How much of a heading a warning quotes.
QUOTED_CHARS = 80


def unit_profile(unit: Unit, wording: Table | None = None) -> UnitProfile:
    """How documents speak of ``unit`` by the office's ``wording`` table (default: docgen's own): as the
    units list says, else as its name shows (:func:`docgen.wording.describe`)."""
    return _profile(unit.name, unit.kind, unit.sector, unit.noun, unit.chi_uy, unit.unions, wording or default_table())


@lru_cache(maxsize=4096)
def _profile(name: str, kind: str, sector: str, noun: str, chi_uy: bool | None, unions: tuple[str, ...],
             table: Table) -> UnitProfile:
    return describe(name, kind, sector=parse_sector(sector, table), noun=noun, chi_uy=chi_uy, unions=unions,
                    table=table)


@lru_cache(maxsize=256)
def _carried(body: str, wording: Wording) -> RewrittenOutline:
    """The plan's sections as units worded alike carry them out (callers must not change the nodes)."""
    carried, _ = _split_sections(body)
    return wording.rewrite_outline(carried)


@lru_cache(maxsize=256)
def _carried_paragraphs(body: str, wording: Wording, style: HouseStyle) -> tuple[dict[str, str], ...]:
    return tuple(in_tone_style(paragraphs_of(_carried(body, wording).nodes), style))


@dataclass(frozen=True)
class _Addressed:
    """A unit as the plan addresses it: how its documents word the plan, and what the plan's "Tổ chức
    thực hiện" gives it (:func:`_selected`)."""

    profile: UnitProfile
    wording: Wording
    selected: tuple[tuple[int, str], ...]
    notes: tuple[Message, ...]


def _addressed(plan: Plan, unit: Unit, table: Table) -> _Addressed:
    names = Citation(plan).names
    profile = unit_profile(unit, table)
    _, organisation = _split_sections(plan.body)
    selected, notes = _selected(organisation, profile, names, table)
    return _Addressed(profile, wording_for(profile, names, "unit-plan", table), selected, tuple(notes))


@dataclass(frozen=True)
class _UnitPlan:
    """A unit plan's body: the opening, the plan's sections worded for the unit, and its own
    "Tổ chức thực hiện" (its tasks worded for it, then what its chi bộ or đảng viên and đoàn thể do)."""

    addressed: _Addressed
    opening: str
    carried: RewrittenOutline
    tasks: RewrittenOutline
    organisation: list[outline.Node]
    """The "Tổ chức thực hiện" section and the closing sentence; ``tasks`` are under its first item."""

    @property
    def nodes(self) -> list[outline.Node]:
        return [outline.Node("text", "", self.opening), *self.carried.nodes, *self.organisation]


def _unit_plan(plan: Plan, unit: Unit, table: Table) -> _UnitPlan:
    citation = Citation(plan)
    addressed = _addressed(plan, unit, table)
    profile, wording = addressed.profile, addressed.wording
    carried, _ = _split_sections(plan.body)
    tasks = _tasks(plan.body, addressed.selected, tuple(_task_lines(plan)), wording)
    members, unions = _audience(unit, profile)
    if unit.is_dang_bo:
        below = outline.Node("number", "2.", _capitalised(members), _dashes(
            "Căn cứ Kế hoạch này, xây dựng kế hoạch thực hiện phù hợp với nhiệm vụ của chi bộ; phổ biến đến toàn thể "
            f"{profile.people}.",
            f"Báo cáo kết quả thực hiện về {unit.committee} theo quy định."))
    else:
        below = outline.Node("number", "2.", "Đảng viên trong Chi bộ", _dashes(
            "Gương mẫu học tập, tuyên truyền Nghị quyết; tích cực đăng tải, chia sẻ thông tin tích cực trên các "
            "trang mạng cá nhân; đấu tranh, phản bác các quan điểm sai trái, thù địch."))
    separator = carried[0].marker[-1] if carried else "."
    section = outline.Node("roman", f"{to_roman(len(carried) + 1)}{separator}", "TỔ CHỨC THỰC HIỆN", [
        outline.Node("number", "1.", profile.executive_name, [*tasks.nodes, *_dashes(_follow_up(citation))]),
        below,
        outline.Node("number", "3.", _capitalised(unions), _dashes(
            "Phối hợp tổ chức tuyên truyền, vận động đoàn viên, hội viên và người lao động thực hiện tốt Kế hoạch "
            f"này, gắn với các phong trào thi đua yêu nước của {profile.noun}.")),
    ])
    closing = outline.Node("text", "", f"Trên đây là Kế hoạch thực hiện {citation.reference} của {citation.issuer}; "
                                       f"đề nghị {members}, {unions} nghiêm túc triển khai thực hiện.")
    opening = f"Thực hiện {citation.full}, {unit.committee} xây dựng Kế hoạch thực hiện như sau:"
    return _UnitPlan(addressed, opening, _carried(plan.body, wording), tasks, [section, closing])


def _follow_up(citation: Citation) -> str:
    """The unit committee's own task: following the plan up and reporting."""
    return (f"Theo dõi, đôn đốc, kiểm tra việc thực hiện Kế hoạch này; báo cáo kết quả về {citation.report_to}"
            f"{by_deadline(citation.plan.report.deadline)}.")


def _warnings(plan: Plan, addressed: _Addressed, table: Table) -> tuple[Message, ...]:
    """What the office should look at before signing a unit's plan: the sections left out or kept whole,
    the committee's text the plan's date has overtaken, deadlines it does not state, rules that matched nothing."""
    date = plan.date or dt.date.today()
    stale, unused = _committee_warnings(plan.body, addressed.selected, tuple(_task_lines(plan)),
                                        _follow_up(Citation(plan)), addressed.wording, date, table)
    return tuple(dict.fromkeys([*addressed.notes, *stale, *_deadline_warnings(plan), *unused]))


def _selected(organisation: list[outline.Node], profile: UnitProfile, names: OrgNames,
              table: Table) -> tuple[tuple[tuple[int, str], ...], list[Message]]:
    """The items of the plan's "Tổ chức thực hiện" addressed to the unit (:func:`docgen.wording.addressee`):
    (its index, "") for a section whose items are the unit's tasks, (its index, the task) for one whose
    heading gives the task itself; and what the office should know about the sections left out or kept whole."""
    selected, notes = [], []
    for index, node in enumerate(organisation):
        if node.kind == "text":
            continue  # the committee's closing words: "Căn cứ vào Kế hoạch này, …"
        found = addressee(node.text, profile, names, table)
        if found.own is None:
            notes.append(Message(UNKNOWN_ADDRESSEE, heading=_quoted(node.text)))
        elif found.own and node.children:
            selected.append((index, ""))
        elif found.own:
            selected.append((index, found.task or node.text))
            if not found.task:
                notes.append(Message(NO_TASK, heading=_quoted(node.text)))
    return tuple(selected), notes


@lru_cache(maxsize=256)
def _tasks(body: str, selected: tuple[tuple[int, str], ...], lines: tuple[str, ...], wording: Wording) -> RewrittenOutline:
    """The unit's tasks worded for it (:func:`_selected`), then those the plan gives every unit: shared by
    the units worded alike and addressed alike (callers must not change the nodes)."""
    _, organisation = _split_sections(body)
    nodes = [node for index, task in selected for node in (_dashes(task) if task else organisation[index].children)]
    return wording.rewrite_outline([*nodes, *_dashes(*lines)])


@lru_cache(maxsize=256)
def _committee_warnings(body: str, selected: tuple[tuple[int, str], ...], lines: tuple[str, ...], follow_up: str,
                        wording: Wording, date: dt.date, table: Table) -> tuple[tuple[Message, ...], tuple[Message, ...]]:
    """In the committee's text as a unit's plan carries it: the passages ``date`` has overtaken, and the
    rules that matched nothing (the unit's own names are data, not text to warn about)."""
    carried, tasks = _carried(body, wording), _tasks(body, selected, lines, wording)
    texts = [node.text for result in (carried, tasks) for _, node in outline.walk(result.nodes)]
    stale = [warning for text in (*texts, follow_up) for warning in _stale(text, date, table)]
    return tuple(dict.fromkeys(stale)), tuple(Message(UNMATCHED_RULE, rule=rule) for rule in unmatched(carried, tasks))


def _audience(unit: Unit, profile: UnitProfile) -> tuple[str, str]:
    """Whom the unit plan tasks besides the unit's committee, as a sentence names them: its chi bộ
    trực thuộc or its đảng viên, and its đoàn thể."""
    members = "các chi bộ trực thuộc" if unit.is_dang_bo else "các đồng chí đảng viên"
    return members, f"{profile.unions_phrase} {'' if profile.unions else 'trong '}{profile.noun}"


def _dashes(*lines: str) -> list[outline.Node]:
    return [outline.Node("dash", "-", line) for line in lines]


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _quoted(text: str) -> str:
    return text if len(text) <= QUOTED_CHARS else text[:QUOTED_CHARS].rsplit(" ", 1)[0] + " …"


def unit_plan_context(plan: Plan, unit: Unit, wording: Table | None = None, edited: str | None = None) -> dict[str, Any]:
    """The unit's own Kế hoạch thực hiện, worded for it by ``wording`` (default: docgen's table); its
    body is ``edited`` when the office has edited it (:func:`unit_plan_draft` gives the text to edit)."""
    table = wording or default_table()
    style = house_style(plan, unit)
    if edited is not None:
        body = list(body_paragraphs(edited, style))
    else:
        derived = _unit_plan(plan, unit, table)
        # The plan's sections are the committee's text, in its style: shared by all units worded alike.
        carried = _carried_paragraphs(plan.body, derived.addressed.wording, house_style(plan))
        body = [text_paragraph(derived.opening, style), *carried,
                *in_tone_style(paragraphs_of(derived.organisation), style)]
    members, unions = _audience(unit, unit_profile(unit, table))
    context = {
        "header": _unit_header(plan, unit, DocType.KE_HOACH),
        "title": DocType.KE_HOACH.title,
        "summary": summary_lines(plan.summary),
        "body": body,
        "signature": _unit_signature(unit),
        "recipients": unit_recipients(plan, unit, _capitalised(members), _capitalised(unions)),
    }
    return finish(context, style, f"Kế hoạch {plan.summary}", unit.committee)


@dataclass(frozen=True)
class UnitPlanDraft:
    """A unit plan's body as the office reviews and edits it (:func:`unit_plan_draft`)."""

    lines: tuple[str, ...]
    """One outline paragraph a line, marker first, as :func:`docgen.outline.parse` reads it back."""
    changes: tuple[Change, ...]
    """What the wording rules changed: ``path`` is (the line's index,), ``start:end`` the new words in it."""
    warnings: tuple[Message, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def unit_plan_draft(plan: Plan, unit: Unit, wording: Table | None = None) -> UnitPlanDraft:
    """The body :func:`unit_plan_context` gives the unit, with the words the rules of ``wording``
    (default: docgen's table) put in it and what the office should look at before signing."""
    table = wording or default_table()
    derived = _unit_plan(plan, unit, table)
    positions, lines = {}, []
    for _, node in outline.walk(derived.nodes):
        positions[id(node)] = (len(lines), len(node.marker) + 1 if node.marker else 0)
        lines.append(f"{node.marker} {node.text}" if node.marker else node.text)
    changes = []
    for result in (derived.carried, derived.tasks):
        for change in result.changes:
            line, offset = positions[id(_node_at(result.nodes, change.path))]
            changes.append(Change(change.rule, change.before, change.after, change.start + offset, change.end + offset,
                                  (line,)))
    return UnitPlanDraft(tuple(lines), tuple(sorted(changes, key=lambda change: (change.path, change.start))),
                         _warnings(plan, derived.addressed, table))


def _node_at(nodes: list[outline.Node], path: tuple[int, ...]) -> outline.Node:
    node = nodes[path[0]]
    for index in path[1:]:
        node = node.children[index]
    return node


def text_warnings(plan: Plan, lines: Iterable[str], wording: Table | None = None) -> list[Message]:
    """What the office should look at in a unit's text (derived or edited, one paragraph a line):
    passages the plan's date has overtaken, and deadlines for units the plan itself does not state."""
    table = wording or default_table()
    date = plan.date or dt.date.today()
    found = [warning for line in lines for warning in _stale(line, date, table)]
    return list(dict.fromkeys([*found, *_deadline_warnings(plan)]))


def _deadline_warnings(plan: Plan) -> tuple[Message, ...]:
    """The deadlines for units that the plan's own text does not state."""
    deadlines = [task.deadline for task in plan.unit_tasks if task.deadline]
    deadlines += [plan.report.deadline] if plan.report.deadline else []
    return _unstated(tuple(deadlines), plan.body)


def document_warnings(kind: str, plan: Plan, unit: Unit, wording: Table | None = None,
                      edited: str | None = None) -> tuple[Message, ...]:
    """What the office should look at in the document of ``kind`` for ``unit`` before it is signed
    (only a unit plan says anything yet): the draft's warnings, or the edited text's."""
    if kind != "unit-plan":
        return ()
    if edited is not None:
        return tuple(text_warnings(plan, edited.splitlines(), wording))
    table = wording or default_table()
    return _warnings(plan, _addressed(plan, unit, table), table)


@lru_cache(maxsize=8192)
def _stale(line: str, date: dt.date, table: Table) -> tuple[Message, ...]:
    """Lines edited for a unit are mostly the derived ones: each is searched once."""
    return tuple(Message(STALE[stale.kind], passage=stale.passage, event=stale.event, date=short_date(stale.date),
                         document_date=short_date(date)) for stale in stale_passages(line, date, table))


@lru_cache(maxsize=16)
def _unstated(deadlines: tuple[dt.date, ...], body: str) -> tuple[Message, ...]:
    return tuple(Message(UNSTATED_DEADLINE, date=short_date(day)) for day in unstated_deadlines(deadlines, body))


# -- the committee's letter and guidance, the unit's report form ------------------------------


def _phrases(section: str) -> dict:
    """The kind's own words, as the office may have changed them (:mod:`docgen.wording.documents`)."""
    return default_documents()[section]


def _blanks(plan: Plan, citation: Citation) -> dict[str, str]:
    """What the committee's sentences about the plan fill their blanks with."""
    report = plan.report
    return {"plan": citation.full, "plan_number": citation.numbered, "issuer": citation.issuer,
            "board": citation.board, "report_to": citation.report_to, "form": _phrases("report")["number"],
            "period": f" {report.period}" if report.period else "", "deadline": by_deadline(report.deadline)}


def part_heading(number: int, title: str) -> str:
    """A part of the outline docgen writes: ``II. ĐÁNH GIÁ CHUNG`` (the mark is the profile's)."""
    return f"{to_roman(number)}{load_profile().roman_separator} {title}"


def _listed(items: Sequence[str]) -> list[str]:
    """Dashed items of one sentence: ``- a;`` … ``- z.``"""
    return [f"- {item}{'.' if index == len(items) - 1 else ';'}" for index, item in enumerate(items)]


def letter_context(plan: Plan, unit: Unit | None = None, issued: Issued | None = None) -> dict[str, Any]:
    """The committee's Công văn asking one unit (or, without one, all its units at once) to carry the
    plan out: its tasks and deadlines, and where and by when the attached report form goes back;
    opened and closed as a letter down to a đảng bộ (which directs its chi bộ) or to a chi bộ;
    numbered and dated when ``issued``."""
    citation = Citation(plan)
    words = _phrases("letter")
    addressee = unit.committee if unit else words["all_units"]
    blanks = {**_blanks(plan, citation), "addressee": addressee}
    tasks = [*_task_lines(plan), fill(words["report"], **blanks)]
    lines = [fill(words["opening"], **blanks), *(f"{number}. {task}" for number, task in enumerate(tasks, start=1)),
             fill(words["closing"][unit.kind if unit else "all"], **blanks)]
    summary = fill(words["summary"], **blanks)
    org, style = plan.organisation, house_style(plan, unit)
    context = {
        "header": committee_header(plan, DocType.CONG_VAN, letter_summary_lines(summary), issued),
        "salutation": f"Kính gửi: {_capitalised(addressee)}",
        "body": body_paragraphs("\n".join(lines), style),
        "signature": plan.signature.model_dump(),
        "recipients": recipient_lines(["Như trên", citation.board, f"Lưu {org.office}"]),
    }
    return finish(context, style, summary, org.name)


def guidance_context(plan: Plan, unit: Unit | None = None, issued: Issued | None = None) -> dict[str, Any]:
    """The committee's Hướng dẫn, one for all its units: what to carry out (the plan's contents and
    forms of work, cited), by when, how to report; addressed to one unit only when given; numbered and
    dated when ``issued``."""
    citation = Citation(plan)
    words = _phrases("guidance")
    blanks = {**_blanks(plan, citation), "section": ""}

    def say(key: str, **more: str) -> str:
        return fill(words[key], **(blanks | more))

    date = plan.date or dt.date.today()
    parts = []
    content = _plan_part(plan.body, "noi dung")
    periods = [period for period in content.titles if not _stale_text(period, date)]
    if periods:
        parts.append((words["content"], [say("content_lead", section=content.reference), *_listed(periods)]))
    forms = _plan_part(plan.body, "hinh thuc")
    if forms.titles:
        parts.append((words["method"], [say("method_lead", section=forms.reference), *_listed(forms.titles)]))
    if plan.unit_tasks:
        parts.append((words["timing"], [f"- {line}" for line in _task_lines(plan)]))
    reporting = ["report", *(["figures"] if plan.report.indicators else [])]
    parts.append((words["reporting"], [f"- {say(key)}" for key in reporting]))
    parts.append((words["organisation"], [f"- {say(key)}" for key in ("units", "board")]))
    lines = [say("opening")]
    for number, (title, items) in enumerate(parts, start=1):
        lines += [part_heading(number, title), *items]
    lines.append(say("closing"))
    org = plan.organisation
    first = words["recipients"] if unit is None else f"{unit.committee} ({_phrases('recipients')['down']})"
    summary = say("summary")
    style = house_style(plan, unit)
    context = {
        "header": committee_header(plan, DocType.HUONG_DAN, issued=issued),
        "title": DocType.HUONG_DAN.title,
        "summary": summary_lines(summary),
        "body": body_paragraphs("\n".join(lines), style),
        "signature": plan.signature.model_dump(),
        "recipients": recipient_lines([first, citation.board, f"Lưu {org.office}"]),
    }
    return finish(context, style, f"Hướng dẫn {summary}", org.name)


@dataclass(frozen=True)
class _PlanPart:
    """An item of the plan's body that the guidance cites: ``điểm 1, mục II``, and the titles of its items."""

    reference: str
    titles: tuple[str, ...]


# A period's title in the plan goes on to say what to do in it: ", tập trung tuyên truyền:".
_PERIOD_TAIL = re.compile(r",\s*tập trung\b.*$|:$")


@lru_cache(maxsize=32)
def _plan_part(body: str, words: str) -> _PlanPart:
    """The first item below a part (not a part itself) whose title holds ``words`` (folded) and that
    has numbered items: its place (``điểm 2, mục II``) and its items' titles, without what they go on to say."""
    carried, _ = _split_sections(body)
    for part in carried:
        for _, node in outline.walk(part.children):
            titles = [child.text for child in node.children if child.kind.startswith("number")]
            if words in fold(node.text) and titles:
                place = f"điểm {node.marker.rstrip('.-')}, mục {part.marker.rstrip('.-')}"
                return _PlanPart(place, tuple(_PERIOD_TAIL.sub("", title).strip() for title in titles))
    return _PlanPart("", ())


def _stale_text(text: str, date: dt.date) -> bool:
    """A text about days or events before ``date`` (:func:`docgen.wording.stale_passages`)."""
    return bool(_stale(text, date, default_table()))


# Two dotted lines to write on (see context.FILL_LINE).
BLANK_LINE = "\n".join(["…" * 40] * 2)


def report_context(plan: Plan, unit: Unit) -> dict[str, Any]:
    """The unit's Báo cáo form, sent with the committee's letter: marked as its form, sections to fill
    (results by the plan's forms of work, assessment, the way ahead, proposals) and the table of the
    plan's indicators by group. Where and by when it goes back is the letter's to say."""
    citation = Citation(plan)
    words = _phrases("report")
    forms = _plan_part(plan.body, "hinh thuc").titles
    style = house_style(plan, unit)
    year = (plan.date or dt.date.today()).year
    letter = f"{DocType.CONG_VAN.noun} số …-{DocType.CONG_VAN.value}/{plan.organisation.symbol} ngày …/…/{year}"
    blanks = {"plan": citation.full, "plan_number": citation.numbered, "issuer": citation.issuer,
              "writer": unit.committee, "letter": letter}
    lines = [part_heading(1, words["results"]), f"1. {words['leadership']}", BLANK_LINE]
    if forms:
        lines.append(f"2. {words['contents']}")
        for number, form in enumerate(forms, start=1):
            lines += [f"2.{number}. {form}", BLANK_LINE]
    lines.append(f"{3 if forms else 2}. {words['figures']}")
    after = [part_heading(2, words["assessment"]),
             f"1. {words['strengths']}", BLANK_LINE, f"2. {words['weaknesses']}", BLANK_LINE,
             f"3. {words['lessons']}", BLANK_LINE,
             part_heading(3, words["next"]), BLANK_LINE, part_heading(4, words["proposals"]), BLANK_LINE]
    title = citation.report_title
    attached = summary_lines(fill(words["attached"], **blanks), "form_attached")
    context = {
        "header": _unit_header(plan, unit, DocType.BAO_CAO),
        "form": {"number": words["number"], "attached": attached},
        "title": DocType.BAO_CAO.title,
        "summary": summary_lines(title),
        "period": f"({plan.report.period})" if plan.report.period else "",
        "body": [text_paragraph(fill(words["opening"], **blanks), style),
                 *body_paragraphs("\n".join(lines), style)],
        "indicators": _indicator_rows(plan.report, style),
        "closing": body_paragraphs("\n".join(after), style),
        "signature": _unit_signature(unit),
        "recipients": unit_recipients(plan, unit),
    }
    context = finish(context, style, f"Báo cáo {title}", unit.committee)
    # Added after the house style: the identity stays as the data spells it.
    context["properties"]["custom"] = form_properties(plan, unit, citation.reference)
    return context


def numbered_rows(report: Report) -> Iterator[tuple[str, str, Indicator | None]]:
    """(number, name, indicator) of each row of a table of the report's indicators: a named group's row
    (I, II …; no indicator), then its indicators, numbered across the groups."""
    groups = counted = 0
    for group, indicators in report.groups():
        if group:
            groups += 1
            yield to_roman(groups), group, None
        for indicator in indicators:
            counted += 1
            yield str(counted), indicator.name, indicator


def _indicator_rows(report: Report, style: HouseStyle) -> tuple[dict[str, Any], ...]:
    """The form's table to fill, a row for each group and each indicator: the same in every unit's form."""
    return _styled_rows(tuple((indicator.group, indicator.name, indicator.unit) for indicator in report.indicators),
                        style)


@lru_cache(maxsize=16)
def _styled_rows(indicators: tuple[tuple[str, str, str], ...], style: HouseStyle) -> tuple[dict[str, Any], ...]:
    """Made and put in the house style once for a plan: callers must not change the rows."""
    report = Report(indicators=[Indicator(group=group, name=name, unit=unit) for group, name, unit in indicators])
    rows = [{"group": indicator is None, "number": number, "name": name, "unit": indicator.unit if indicator else "",
             "value": "", "note": ""} for number, name, indicator in numbered_rows(report)]
    return tuple(in_tone_style(rows, style))


def unit_recipients(plan: Plan, unit: Unit, tasked: str = "", unions: str = "") -> list[str]:
    """Nơi nhận of a unit's document to the committee: the committee and its board (to report to);
    those it tasks (``tasked``, ``unions``: its chi bộ trực thuộc or its đảng viên, its đoàn thể),
    each purpose spelt out alike; then the unit's own file copy."""
    citation, purposes = Citation(plan), _phrases("recipients")
    up = purposes["up"]
    items = [f"{citation.issuer} ({up})", f"{citation.board} ({up})"]
    items += [f"{tasked} ({purposes['down']})"] if tasked else []
    items += [f"{unions} ({purposes['across']})"] if unions else []
    return recipient_lines([*items, purposes["file_copy"][unit.kind]])


def document_context(kind: str, plan: Plan, unit: Unit | None = None, *, wording: Table | None = None,
                     edited: str | None = None, issued: Issued | None = None, **inputs: Any) -> dict[str, Any]:
    """The context of one document of a kind (:mod:`docgen.kinds`): ``unit`` is required for the
    kinds made per unit and ignored by those never made for one; ``inputs`` are the kind's own;
    ``wording`` (the office's wording table), ``edited`` (the unit's text the office edited) and
    ``issued`` (the register's number and date) go to the kinds that take them
    (:attr:`~docgen.kinds.Kind.options`)."""
    entry = get_kind(kind)
    if unit is None and entry.per_unit == "required":
        raise BadInput(N_("--kind %(kind)s làm riêng cho từng đơn vị: hãy cho --unit MÃ và --units TỆP"), kind=kind)
    missing = [name for name in entry.inputs if name not in inputs]
    if missing:
        raise BadInput(N_("--kind %(kind)s cần nhiều hơn kế hoạch (%(missing)s): không làm ở đây"), kind=kind,
                       missing=", ".join(missing))
    options = {name: value for name, value in (("wording", wording), ("edited", edited), ("issued", issued))
               if value is not None and name in entry.options}
    if unit is None or entry.per_unit == "never":
        return entry.context_function(plan, **inputs, **options)
    return entry.context_function(plan, unit, **inputs, **options)
