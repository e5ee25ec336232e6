"""The committee's documents written from the returned reports: its summary report to the level above
(``summary``) and its reminder to the units that have not reported (``reminder``).

Both are made from a :class:`~docgen.reports.collect.Collection`, whether the command line read it
from a folder or the web app from its database; their sentences are the office's
(``documents.yaml``, sections ``summary`` and ``reminder``). What the units wrote is quoted as written
and attributed to them; the committee's own words are in its house style, the units' names as spelt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from docgen.context import HouseStyle, body_paragraphs, house_style, in_tone_style, letter_summary_lines
from docgen.context import recipient_lines, summary_lines, text_paragraph
from docgen.derive import BLANK_LINE, Citation, by_deadline, committee_header, finish, numbered_rows, part_heading
from docgen.errors import BadInput
from docgen.i18n import N_
from docgen.model import DocType, Plan, Unit
from docgen.outline import read_marker
from docgen.reports.collect import Collection
from docgen.units import KIND_LABELS
from docgen.vn.dates import short_date
from docgen.vn.numbers import format_number, to_roman
from docgen.vn.text import collapse_spaces, upper
from docgen.wording.documents import default_documents, fill

# A reminder names up to this many units under Kính gửi; more are listed in an annex.
MAX_NAMED = 5
# What the summary quotes after its totals, part by part (a heading of the report form, documents.yaml's
# section report): under each, a sub-heading or none, the section of the units' reports it quotes
# (docgen.reports.read.SECTIONS), and whether it stays, with lines to write on, when no unit wrote
# anything there.
NARRATIVE = (
    ("assessment", ((None, "danh_gia", False), ("strengths", "uu_diem", True), ("weaknesses", "han_che", True),
                    ("lessons", "bai_hoc", False))),
    ("next", ((None, "phuong_huong", False),)),
    ("proposals", ((None, "kien_nghi", True),)),
)


def units_noun(units: Sequence[Unit]) -> str:
    """How a sentence names these units together: đảng bộ cơ sở, chi bộ cơ sở, or both."""
    kinds = {unit.kind for unit in units}
    return KIND_LABELS[kinds.pop()].lower() if len(kinds) == 1 else "đảng bộ, chi bộ cơ sở"


def _blanks(plan: Plan) -> dict[str, str]:
    """The blanks both documents fill about the plan."""
    citation, report = Citation(plan), plan.report
    return {"plan": citation.full, "plan_number": citation.numbered, "issuer": citation.issuer,
            "board": citation.board, "report_to": citation.report_to, "deadline": by_deadline(report.deadline),
            "subject": plan.summary, "issued": f"ngày {short_date(plan.date)}, " if plan.date else ""}


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _unnumbered(doc_type: DocType, plan: Plan) -> str:
    """``Báo cáo số …-BC/ĐUK ngày …/…/2021``: a document of the committee before the register numbers it."""
    year = (plan.date or dt.date.today()).year
    return f"{doc_type.noun} số …-{doc_type.value}/{plan.organisation.symbol} ngày …/…/{year}"


# -- the summary report ---------------------------------------------------------------------


def summary_context(plan: Plan, *, reports: Collection) -> dict[str, Any]:
    """The committee's Báo cáo to the level above: who reported, the totals by group of indicators (the
    đảng bộ cơ sở and the chi bộ cơ sở apart), what the units wrote, every unit's figures annexed."""
    citation, org = Citation(plan), plan.organisation
    documents = default_documents()
    words, headings = documents["summary"], documents["report"]
    style = house_style(plan, others=reports.units)
    received, missing = reports.received, reports.missing
    reported = {form.unit.code for form in received}
    blanks = {**_blanks(plan), "title": citation.report_title, "basis": plan.basis[0] if plan.basis else "",
              "received": f"{len(received)}/{len(reports.units)}",
              "counts": ", ".join(f"{sum(unit.code in reported for unit in listed)}/{len(listed)} "
                                  f"{KIND_LABELS[kind].lower()}" for kind, listed in _by_kind(reports.units).items()),
              "missing": str(len(missing)), "units": units_noun(missing) if missing else "",
              "names": ", ".join(unit.committee for unit in missing),
              "report": _unnumbered(DocType.BAO_CAO, plan)}

    def say(key: str, **more: str) -> str:
        return fill(words[key], **(blanks | more))

    lines = [part_heading(1, words["reporting"]), say("received"), *([say("missing")] if missing else []),
             part_heading(2, words["results"]), f"1. {words['figures']}", say("figures_lead")]
    opening = say("opening") if plan.basis else _sentence(say("opening_alone"))
    body = [text_paragraph(opening, style), text_paragraph(say("lead"), style),
            *body_paragraphs("\n".join(lines), style)]
    closing = [*body_paragraphs(f"2. {words['units_results']}", style),
               *(_quoted(reports, "ket_qua", style) or body_paragraphs(BLANK_LINE, style))]
    parts = [(title, [(heading, section) for heading, section, kept in entries if kept or reports.narrative(section)])
             for title, entries in NARRATIVE]
    for number, (title, entries) in enumerate([part for part in parts if part[1]], start=3):
        closing += body_paragraphs(part_heading(number, headings[title]), style)
        headed = 0
        for heading, section in entries:
            if heading:
                headed += 1
                closing += body_paragraphs(f"{headed}. {headings[heading]}", style)
            closing += _quoted(reports, section, style) or body_paragraphs(BLANK_LINE, style)
    closing += body_paragraphs(say("closing"), style)
    title = say("summary")
    upward = [recipient for recipient in plan.recipients if "b/c" in recipient or "báo cáo" in recipient]
    context = {
        "header": committee_header(plan, DocType.BAO_CAO),
        "title": DocType.BAO_CAO.title,
        "summary": summary_lines(title),
        "period": f"({plan.report.period})" if plan.report.period else "",
        "body": body,
        "totals": _totals(plan, reports),
        "closing": closing,
        "annex": _figures_annex(reports, words, say),
        "signature": plan.signature.model_dump(),
        "recipients": recipient_lines([*upward, citation.board, f"Lưu {org.office}"]),
    }
    return finish(context, style, f"Báo cáo {title}", org.name)


def _by_kind(units: Sequence[Unit]) -> dict[str, list[Unit]]:
    """The units of each kind (đảng bộ cơ sở, chi bộ cơ sở), kinds that have none left out."""
    grouped = {kind: [unit for unit in units if unit.kind == kind] for kind in KIND_LABELS}
    return {kind: listed for kind, listed in grouped.items() if listed}


def _quoted(reports: Collection, section: str, style: HouseStyle) -> list[dict[str, str]]:
    """What each unit wrote under a section, as written, after its name (in the house style): one dash
    line, or its name and a plus line for each paragraph, their own outline markers dropped."""
    paragraphs = []
    for unit, texts in reports.narrative(section):
        texts = [collapse_spaces(marked[2] if (marked := read_marker(text)) else text) for text in texts]
        name = in_tone_style(f"- {unit.committee}:", style)
        if len(texts) == 1:
            paragraphs.append({"kind": "dash", "marker": "-", "text": f"{name} {texts[0]}"})
        else:
            paragraphs.append({"kind": "dash", "marker": "-", "text": name})
            paragraphs += [{"kind": "plus", "marker": "+", "text": f"+ {text}"} for text in texts]
    return paragraphs


def _totals(plan: Plan, reports: Collection) -> list[dict[str, Any]]:
    """The totals table, numbered as the units' form numbers its rows: each named group's row, then its
    indicators with the totals of the đảng bộ cơ sở, of the chi bộ cơ sở and of all units."""
    by_kind, everyone = reports.totals_by_kind(), reports.totals()
    rows = []
    for number, name, indicator in numbered_rows(plan.report):
        figures = ("", "", "") if indicator is None else \
            tuple(format_number(totals[name]) for totals in (by_kind["dang-bo"], by_kind["chi-bo"], everyone))
        rows.append({"group": indicator is None, "number": number, "name": name,
                     "unit": indicator.unit if indicator else "", "dang_bo": figures[0], "chi_bo": figures[1],
                     "total": figures[2]})
    return rows


def _figures_annex(reports: Collection, words: dict, say) -> dict[str, Any]:
    """Every unit's figures: the units of each kind under its heading (I, II), numbered across, each
    kind's subtotal, then the total; a unit that has not reported says so and has no figures."""
    indicators = [indicator for _, _, indicator in numbered_rows(reports.plan.report) if indicator is not None]
    names = [indicator.name for indicator in indicators]
    rows, number = [], 0
    for heading, (kind, listed) in enumerate(_by_kind(reports.units).items(), start=1):
        rows.append({"emphasis": True, "number": to_roman(heading),
                     "name": KIND_LABELS[kind], "figures": [""] * len(names)})
        for unit in listed:
            number += 1
            form = reports.forms.get(unit.code)
            figures = [format_number(form.values[name]) if form.values[name] is not None else "" for name in names] \
                if form else [""] * len(names)
            rows.append({"emphasis": False, "number": str(number),
                         "name": unit.name if form else f"{unit.name} {words['not_reported']}", "figures": figures})
        subtotal = reports.totals(listed)
        rows.append({"emphasis": True, "number": "", "name": say("subtotal", units=KIND_LABELS[kind].lower()),
                     "figures": [format_number(subtotal[name]) for name in names]})
    everyone = reports.totals()
    rows.append({"emphasis": True, "number": "", "name": words["total"],
                 "figures": [format_number(everyone[name]) for name in names]})
    return {"heading": words["annex"], "attached": summary_lines(say("attached"), "form_attached"),
            "title": upper(say("annex_title")),
            "name_title": words["annex_units"], "rows": rows,
            "columns": [f"{indicator.name} ({indicator.unit})" for indicator in indicators]}


# -- the reminder ---------------------------------------------------------------------------


def reminder_context(plan: Plan, *, reports: Collection, deadline: dt.date | None = None) -> dict[str, Any]:
    """The committee's Công văn đôn đốc to the units that have not reported: one unit is addressed by
    name, up to :data:`MAX_NAMED` are named under Kính gửi, more are listed in an annex; it asks them
    to report without delay, before ``deadline`` when one is given."""
    missing = reports.missing
    if not missing:
        raise BadInput(N_("mọi đơn vị đã báo cáo: không có đơn vị nào cần đôn đốc"))
    citation, org = Citation(plan), plan.organisation
    words = default_documents()["reminder"]
    style = house_style(plan, others=missing)
    blanks = {**_blanks(plan), "units": units_noun(missing), "missing": str(len(missing)),
              "new_deadline": by_deadline(deadline), "letter": _unnumbered(DocType.CONG_VAN, plan)}

    def say(key: str, **more: str) -> str:
        return fill(words[key], **(blanks | more))

    if len(missing) == 1:
        salutation, addressees, addressee = f"Kính gửi: {missing[0].committee}", [], missing[0].committee
    elif len(missing) <= MAX_NAMED:
        salutation, addressee = "Kính gửi:", say("named")
        addressees = recipient_lines((unit.committee for unit in missing), between=";")
    else:
        salutation, addressees, addressee = f"Kính gửi: {say('addressees')}", [], say("listed")
    lines = [_sentence(say("opening")),
             say("late", addressee=addressee) if len(missing) <= MAX_NAMED else say("late_many"),
             say("closing", addressee=addressee)]
    summary = say("summary")
    listed = missing if len(missing) > MAX_NAMED else []
    context = {
        "header": committee_header(plan, DocType.CONG_VAN, letter_summary_lines(summary)),
        "salutation": salutation,
        "addressees": addressees,
        "body": [text_paragraph(line, style) for line in lines],
        "annex": {"heading": words["annex"], "attached": summary_lines(say("attached"), "form_attached"),
                  "title": upper(say("annex_title")),
                  "name_title": words["annex_units"],
                  "rows": [{"number": str(number), "name": unit.committee} for number, unit in enumerate(listed, 1)]},
        "signature": plan.signature.model_dump(),
        "recipients": recipient_lines(["Như trên", citation.board, f"Lưu {org.office}"]),
    }
    return finish(context, style, summary, org.name)
