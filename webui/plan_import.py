"""The glued words an import suspects, and applying only the splits the user accepted.

Import reports each suspect with where it is: ``trích yếu``, ``đoạn N`` (line N of the body) or
``nơi nhận N``. Basis citations are copied from the body's opening lines, so a split accepted
in the body is made in them too.
"""

from __future__ import annotations

import re

from docgen.importer import Suggestion
from docgen.model import Plan

_PARAGRAPH = re.compile(r"^đoạn (\d+)$")
_RECIPIENT = re.compile(r"^nơi nhận (\d+)$")


CONTEXT_CHARS = 40


def glued_words(suggestions: list[Suggestion], plan: Plan) -> list[dict[str, str]]:
    """The suggestions a person must accept or reject, as plain data for the review form, each with
    the words around it so that it can be judged without opening the file."""
    return [{"where": item.where, "message": item.message, "original": item.original,
             "replacement": item.replacement or item.original, "context": context(plan, item)}
            for item in suggestions if item.kind == "glued-word"]


def context(plan: Plan, item: Suggestion) -> str:
    text = text_at(plan, item.where)
    at = text.find(item.original)
    if at < 0:
        return ""
    start, end = max(0, at - CONTEXT_CHARS), at + len(item.original) + CONTEXT_CHARS
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


def text_at(plan: Plan, where: str) -> str:
    """The text a suggestion's ``where`` points at."""
    if where == "trích yếu":
        return plan.summary
    lines = plan.body.split("\n")
    if (match := _PARAGRAPH.match(where)) and int(match[1]) <= len(lines):
        return lines[int(match[1]) - 1]
    if (match := _RECIPIENT.match(where)) and int(match[1]) <= len(plan.recipients):
        return plan.recipients[int(match[1]) - 1]
    return ""


def apply_choices(plan: Plan, suggestions: list[dict[str, str]], accepted: set[int]) -> Plan:
    """The plan with the accepted splits made, each in the place it was found."""
    data = plan.model_dump(mode="json")
    body = data["body"].split("\n")
    for index in sorted(accepted):
        item = suggestions[index]
        original, replacement = item["original"], item["replacement"]
        if item["where"] == "trích yếu":
            data["summary"] = data["summary"].replace(original, replacement, 1)
        elif (match := _PARAGRAPH.match(item["where"])) and int(match[1]) <= len(body):
            line = int(match[1]) - 1
            body[line] = body[line].replace(original, replacement, 1)
        elif (match := _RECIPIENT.match(item["where"])) and int(match[1]) <= len(data["recipients"]):
            number = int(match[1]) - 1
            data["recipients"][number] = data["recipients"][number].replace(original, replacement, 1)
        data["basis"] = [citation.replace(original, replacement) for citation in data["basis"]]
    data["body"] = "\n".join(body)
    return Plan.model_validate(data)
