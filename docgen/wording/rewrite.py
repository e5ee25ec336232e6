"""The committee's words made a unit's: the phrase rules applied to a paragraph or an outline, with a
record of what each rule changed (a review page marks the rewritten words), and who a section of
"Tổ chức thực hiện" is for.

One pass over the text: where rules overlap, the match that starts first wins, then the longer, then
the rule written first; no rule rewrites another's words. Words in quotation marks are never
touched, nor is a capitalised word in mid-sentence that a rule only knows in lower case (a name:
"Lê Trong Khối" is not "trong Khối").
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol, TypeVar

from docgen.kinds import KINDS
from docgen.vn.text import apply_tone_style
from docgen.wording.table import (
    BLANK,
    CHI_UY_STATES,
    ORG_FIELDS,
    AddresseeRule,
    PhraseRule,
    Table,
    default_table,
    fill,
    name_key,
    phrase_pattern,
    phrases_regex,
)
from docgen.wording.unit import OrgNames, UnitProfile

# Blanks whose value is a name, written as it is even at the start of a sentence.
_VERBATIM = {"name", *ORG_FIELDS}
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
# What may stand before the first word of a sentence in a paragraph: an outline marker.
_MARKER = re.compile(r"[-+–•]|[IVXLC]+[.-]|\d{1,2}(?:\.\d{1,2})*[.-]?|[a-zđ][.)]")


@dataclass(frozen=True)
class Change:
    """What one rule did: ``before`` (the committee's words) became ``after``, now at
    ``start:end`` of the rewritten text; ``path`` is the node's place in an outline (indices from the
    roots), () for a paragraph."""

    rule: str
    before: str
    after: str
    start: int
    end: int
    path: tuple[int, ...] = ()


@dataclass(frozen=True)
class _Outcome:
    changes: tuple[Change, ...]
    applicable: tuple[str, ...]
    """The ids of the rules for this unit and document, in the table's order."""
    matched: frozenset[str]
    """The ids of the rules whose words occur, whether or not they changed them (a more specific
    rule may have taken the words, or the unit's words may be the committee's)."""

    @property
    def unmatched(self) -> tuple[str, ...]:
        """Rules for this unit that matched nothing: worth a warning (see :func:`unmatched`)."""
        return tuple(rule for rule in self.applicable if rule not in self.matched)


@dataclass(frozen=True)
class Rewritten(_Outcome):
    text: str


@dataclass(frozen=True)
class RewrittenOutline(_Outcome):
    nodes: list
    """The outline rewritten; nodes that did not change are the input's own, so change neither."""


def unmatched(*outcomes: _Outcome) -> tuple[str, ...]:
    """Rules that apply to some of these texts of one document and matched in none."""
    matched = frozenset().union(*(outcome.matched for outcome in outcomes))
    return tuple(dict.fromkeys(rule for outcome in outcomes for rule in outcome.applicable if rule not in matched))


class Node(Protocol):
    """An outline node (:class:`docgen.outline.Node`): a dataclass with these fields."""

    text: str
    children: list


N = TypeVar("N", bound=Node)


@dataclass(frozen=True)
class Wording:
    """How one unit's documents of one kind word the committee's text (see :func:`wording_for`).

    Units worded alike (the same rules apply, and the blanks those rules use have the same values)
    have equal Wordings, which rewrite every text alike: cache derived text by it."""

    rules: _Rules
    values: tuple[tuple[str, str], ...]

    @property
    def applicable(self) -> tuple[str, ...]:
        """The ids of the rules for this unit and document, in the table's order."""
        return self.rules.ids

    def rewrite(self, text: str) -> Rewritten:
        """One paragraph, without its outline marker."""
        new, changes, matched = _rewrite_text(self.rules, text, self.values)
        return Rewritten(changes, self.rules.ids, matched, new)

    def rewrite_outline(self, nodes: Sequence[N]) -> RewrittenOutline:
        """Every node of an outline, as :meth:`rewrite` does a paragraph; the input is left as it was."""
        changes: list[Change] = []
        matched: set[str] = set()

        def walk(items: Sequence[N], path: tuple[int, ...]) -> tuple[Sequence[N], bool]:
            result, changed = [], False
            for index, node in enumerate(items):
                text, found, hit = _rewrite_text(self.rules, node.text, self.values)
                where = path + (index,)
                changes.extend(Change(change.rule, change.before, change.after, change.start, change.end, where)
                               for change in found)
                matched.update(hit)
                children, below = walk(node.children, where)
                if text != node.text or below:
                    node = dataclasses.replace(node, text=text, children=list(children))
                    changed = True
                result.append(node)
            return (result if changed else items), changed

        rewritten, _ = walk(nodes, ())
        return RewrittenOutline(tuple(changes), self.rules.ids, frozenset(matched), list(rewritten))


def wording_for(unit: UnitProfile, names: OrgNames, document: str, table: Table | None = None) -> Wording:
    """The wording of ``unit``'s ``document`` (a kind id: ``unit-plan``, ``report`` …) under the
    committee called ``names``, by ``table`` (default: the one shipped with docgen)."""
    table = table or default_table()
    key = ("rules", names, unit.sector, unit.type, unit.kind, unit.chi_uy, document)
    if key not in table.cache:
        if document not in KINDS:
            raise ValueError(f"unknown document kind {document!r}; expected one of: {', '.join(KINDS)}")
        patterns = _patterns(table, names)
        applicable = [place for place, item in enumerate(patterns) if item.rule.when.admit(
            sector=unit.sector, type=unit.type, kind=unit.kind, chi_uy=CHI_UY_STATES[unit.chi_uy], document=document)]
        uses = sorted({name for place in applicable for name in BLANK.findall(patterns[place].rule.replace)})
        ids = tuple(patterns[place].rule.id for place in applicable)
        table.cache[key] = _Rules(patterns, frozenset(applicable), ids, tuple(uses))
    rules = table.cache[key]
    placeholders = {**names.placeholders(), **unit.placeholders()}
    return Wording(rules, tuple((name, placeholders[name]) for name in rules.uses))


@dataclass(frozen=True, eq=False)
class _Pattern:
    """A rule with its pattern, the committee's names filled in."""

    rule: PhraseRule
    pattern: re.Pattern
    capitals: bool
    """Made from lower-case phrases: a capitalised match (group ``cap``) counts only at the start of a sentence."""
    words: tuple[frozenset[str], ...] = ()
    """The words of each phrase in lower case, but those ủy/uỷ can spell two ways: a text without all
    the words of one phrase is not searched."""


@dataclass(frozen=True, eq=False)
class _Rules:
    """The rules for one kind of unit in one kind of document."""

    patterns: tuple[_Pattern, ...]
    """Every rule's, with the committee's names: a text is matched once for all units (:func:`_matches`)."""
    applicable: frozenset[int]
    """The places in ``patterns`` of the rules for this kind of unit and document."""
    ids: tuple[str, ...]
    uses: tuple[str, ...]
    """The blanks their replacements use."""


def _patterns(table: Table, names: OrgNames) -> tuple[_Pattern, ...]:
    """Every rule's pattern with these names; a rule that needs a name the committee lacks is left out."""
    key = ("patterns", names)
    if key not in table.cache:
        values = names.placeholders()
        patterns = []
        for rule in table.phrases:
            if rule.regex:
                source = fill(rule.regex, values, re.escape)
                if source is not None:
                    patterns.append(_Pattern(rule, re.compile(source), False))
            elif phrases := _filled(rule.phrases, values):
                pattern = phrases_regex(phrases)
                patterns.append(_Pattern(rule, pattern, "cap" in pattern.groupindex, _words(phrases)))
        table.cache[key] = tuple(patterns)
    return table.cache[key]


def _words(phrases: list[str]) -> tuple[frozenset[str], ...]:
    """What a text must hold for one of ``phrases`` to be in it (see :attr:`_Pattern.words`)."""
    return tuple({frozenset(word for word in phrase.lower().split()
                            if apply_tone_style(word, "old") == apply_tone_style(word, "new")) for phrase in phrases})


def _filled(phrases: tuple[str, ...], values: dict[str, str]) -> list[str]:
    """The phrases with the committee's names in their blanks, but those that need a name it lacks."""
    return [phrase for phrase in (fill(phrase, values) for phrase in phrases) if phrase]


@lru_cache(maxsize=4096)
def _matches(patterns: tuple[_Pattern, ...], text: str) -> tuple[tuple[int, int, int, re.Match], ...]:
    """Where each rule's words are in ``text``: (start, minus the length, place of the rule, match), in
    the order they are taken. The same for every unit: only the choice among them is the unit's."""
    quoted = [match.span() for match in _QUOTED.finditer(text)]
    lowered = text.lower()
    found = []
    for place, item in enumerate(patterns):
        if item.words and not any(all(word in lowered for word in words) for words in item.words):
            continue
        for match in item.pattern.finditer(text):
            start, end = match.span()
            if start == end or any(low < end and start < high for low, high in quoted):
                continue
            if item.capitals and match["cap"] is not None and not _starts_sentence(text, start):
                continue
            found.append((start, start - end, place, match))
    return tuple(sorted(found, key=lambda candidate: candidate[:3]))


@lru_cache(maxsize=16384)
def _rewrite_text(rules: _Rules, text: str,
                  values: tuple[tuple[str, str], ...]) -> tuple[str, tuple[Change, ...], frozenset[str]]:
    """Shared by every unit alike in the blanks the rules use: most paragraphs are rewritten once."""
    candidates = [candidate for candidate in _matches(rules.patterns, text) if candidate[2] in rules.applicable]
    blanks = dict(values)
    parts, changes, done, position = [], [], 0, 0
    for start, _, place, match in candidates:
        if start < done:
            continue
        rule = rules.patterns[place].rule
        before, after, done_at = _replacement(rule, match, blanks, text)
        position += start - done
        if after != before:
            changes.append(Change(rule.id, before, after, position, position + len(after)))
        parts += [text[done:start], after]
        position += len(after)
        done = done_at
    parts.append(text[done:])
    return "".join(parts), tuple(changes), frozenset(rules.patterns[candidate[2]].rule.id for candidate in candidates)


def _replacement(rule: PhraseRule, match: re.Match, blanks: dict[str, str], text: str) -> tuple[str, str, int]:
    """(the words replaced, their replacement, where the replaced words end), upper case kept at the
    start of a sentence: the replacement's first letter (unless it is a name), or when the
    replacement is empty, the next word's."""
    if rule.regex:
        after = match.expand(fill(rule.replace, blanks, lambda value: value.replace("\\", "\\\\")))
    else:
        after = fill(rule.replace, blanks)
    start, end = match.span()
    if text[start].isupper() and _starts_sentence(text, start):
        first = BLANK.match(rule.replace)
        if after and not (first and first[1] in _VERBATIM):
            after = after[0].upper() + after[1:]
        elif not after and end < len(text) and text[end].islower():
            after, end = text[end].upper(), end + 1
    return text[start:end], after, end


def _starts_sentence(text: str, position: int) -> bool:
    before = text[:position].rstrip().rstrip("\"“‘(").rstrip()
    return not before or before.endswith((".", "!", "?", "…", ":")) or _MARKER.fullmatch(before) is not None


# -- who a section is for -------------------------------------------------------------------


@dataclass(frozen=True)
class Addressee:
    """Whether a section is the unit's task: ``own`` True or False, None when the table does not know.

    ``rule`` is the addressee rule that decided ("" when only the unit's name did); ``words`` the
    words of the heading that decided; ``task`` what the heading itself asks of the unit, when it is
    the unit's."""

    own: bool | None
    rule: str
    words: str
    task: str = ""
    """The heading from the first of the table's task verbs after its addressees (``Bám sát thực hiện
    …``), the unit's task when the heading is a whole sentence; "" when no verb follows them."""


def addressee(heading: str, unit: UnitProfile, names: OrgNames, table: Table | None = None) -> Addressee:
    """Whether the section under ``heading`` (a "Tổ chức thực hiện" item's text, no marker) is the unit's task.

    The rule whose words open the heading decides (the longest; then the first written); a rule
    for bodies a unit does not run (``own: named``) gives the task to the units it names; a
    heading no rule knows is the unit's when it names the unit."""
    table = table or default_table()
    heading = heading.lstrip()
    found = _rule(heading, names, table)
    if found and found[1].own is not None:
        end, rule, words = found
        return Addressee(rule.own, rule.id, words, _task(heading, end, table) if rule.own else "")
    named = _name_pattern(unit.name_forms).search(heading) if _mentions(heading, unit.name_forms) else None
    if named:
        return Addressee(True, found[1].id if found else "", named.group(),
                         _task(heading, max(found[0] if found else 0, named.end()), table))
    return Addressee(False, found[1].id, found[2]) if found else Addressee(None, "", "")


@lru_cache(maxsize=1024)
def _rule(heading: str, names: OrgNames, table: Table) -> tuple[int, AddresseeRule, str] | None:
    """The addressee rule whose words open the heading (the longest; then the first written): where its
    words end, the rule, the words. The same for every unit: only a rule for named units asks the unit."""
    found = [(match.end(), -order, rule, match.group())
             for order, (rule, pattern) in enumerate(_addressee_patterns(table, names))
             if (match := pattern.match(heading))]
    if not found:
        return None
    end, _, rule, words = max(found)
    return end, rule, words


@lru_cache(maxsize=1024)
def _task(heading: str, start: int, table: Table) -> str:
    """``heading`` from the first task verb (in lower case: a capitalised one is a name's) after ``start``."""
    if "task verbs" not in table.cache:
        table.cache["task verbs"] = phrases_regex(table.task_verbs) if table.task_verbs else None
    pattern = table.cache["task verbs"]
    for match in pattern.finditer(heading, start) if pattern else ():
        if match.groupdict().get("cap") is None:
            return heading[match.start()].upper() + heading[match.start() + 1:]
    return ""


def _addressee_patterns(table: Table, names: OrgNames) -> tuple:
    key = ("addressees", names)
    if key not in table.cache:
        values = names.placeholders()
        table.cache[key] = tuple((rule, phrases_regex(phrases)) for rule in table.addressees
                                 if (phrases := _filled(rule.phrases, values)))
    return table.cache[key]


def _mentions(text: str, forms: tuple[str, ...]) -> bool:
    """Whether ``text`` may name the unit (checked before its pattern is made: most units are named nowhere)."""
    key = _keys((text,))[0]
    return any(form in key for form in _keys(forms))


@lru_cache(maxsize=1024)
def _keys(texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(map(name_key, texts))


@lru_cache(maxsize=1024)
def _name_pattern(forms: tuple[str, ...]) -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(phrase_pattern, sorted(forms, key=len, reverse=True)))})(?!\w)")
