"""The wording table: how units are described (``sectors.yaml``) and how the committee's words become a
unit's (``phrases.yaml``), read and checked.

The office may edit both files, so everything in them is checked on reading, every problem named
with its file, rule and field, in Vietnamese; nothing is read past the size limits.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from docgen.errors import BadInput
from docgen.i18n import N_, Message
from docgen.kinds import KINDS
from docgen.vn.text import apply_tone_style, normalize

HERE = Path(__file__).parent
DEFAULT_SECTORS = HERE / "sectors.yaml"
DEFAULT_PHRASES = HERE / "phrases.yaml"

MAX_YAML_BYTES = 256 * 1024
MAX_ENTRIES = 500
MAX_PHRASES = 50
MAX_CHARS = 500
MAX_NOTE_CHARS = 2000
_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,59}")

# How the units list and the table write whether a chi bộ has a chi ủy (None: not known).
CHI_UY_STATES = {True: "có", False: "không", None: "chưa rõ"}
# Blanks a rule may leave: the committee's names (in any part of a rule) and the unit's (in its
# replacement only); see OrgNames and UnitProfile.placeholders.
ORG_FIELDS = ("org", "symbol", "bloc", "board", "issuer", "office")
UNIT_FIELDS = ("name", "noun", "people", "work", "head", "executive", "executive_name", "unions")
BLANK = re.compile(r"\{(\w+)\}")
_GROUP_REFERENCE = re.compile(r"\\g<(\w+)>|\\(\d+)")
_CONDITIONS = ("sector", "type", "kind", "chi_uy", "document")
# libyaml's loader, in PyYAML's wheels: the tables are read when a batch starts.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class WordingError(BadInput):
    """A wording table refused; ``problems`` holds one line per bad entry or field."""

    def __init__(self, source: str, problems: list[Message]):
        self.source = source
        self.problems = problems
        super().__init__("%(source)s: %(problems)s", source=source, problems=problems)


@dataclass(frozen=True)
class Sector:
    """Cơ quan hành chính, đơn vị sự nghiệp …: how its units speak of themselves unless their type says more."""

    id: str
    label: str
    aliases: tuple[str, ...]
    noun: str
    people: str
    work: str
    head: str


@dataclass(frozen=True)
class UnitType:
    """Units whose names start alike (``Sở …``): their sector and noun, and what differs from the sector's."""

    id: str
    starts: tuple[str, ...]
    sector: str
    noun: str
    people: str = ""
    work: str = ""
    head: str = ""


@dataclass(frozen=True)
class Conditions:
    """Which units and documents a rule is for; an empty set admits every value."""

    sector: frozenset[str] = frozenset()
    type: frozenset[str] = frozenset()
    kind: frozenset[str] = frozenset()
    chi_uy: frozenset[str] = frozenset()
    document: frozenset[str] = frozenset()

    def admit(self, **values: str) -> bool:
        return all(not getattr(self, name) or values[name] in getattr(self, name) for name in _CONDITIONS)


@dataclass(frozen=True)
class PhraseRule:
    """Committee words (``phrases`` or a ``regex``) → the unit's words (``replace``)."""

    id: str
    phrases: tuple[str, ...]
    regex: str
    replace: str
    when: Conditions
    note: str


@dataclass(frozen=True)
class AddresseeRule:
    """Who a section of "Tổ chức thực hiện" is for, by the words it opens with.

    ``own``: True, the unit's task; False, never; None, the unit's only where it names the unit."""

    id: str
    phrases: tuple[str, ...]
    own: bool | None
    note: str


@dataclass(frozen=True)
class Event:
    """Something that happens on one day: a text about it is stale in a document dated after."""

    id: str
    date: dt.date
    name: str
    phrases: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class Table:
    """Both files, read; compiled patterns are kept on it (see :mod:`docgen.wording.rewrite`)."""

    sectors: dict[str, Sector]
    types: dict[str, UnitType]
    starts: tuple[tuple[str, str], ...]
    """(:func:`name_key` of a name's first words, type id), longest first: how a name's type is found."""
    other: str
    """The sector of a unit whose name starts like no type's."""
    executive: dict[str, dict[str, str]]
    """Per kind of party organisation, per chi ủy state (:data:`CHI_UY_STATES`): ``Chi ủy Chi bộ`` …"""
    unions_unknown: str
    phrases: tuple[PhraseRule, ...]
    addressees: tuple[AddresseeRule, ...]
    events: tuple[Event, ...]
    year_deadlines: tuple[str, ...]
    task_verbs: tuple[str, ...]
    """Words a task opens with: where a heading's addressees end and the task it gives begins."""
    cache: dict = field(default_factory=dict, repr=False)


def phrase_pattern(phrase: str) -> str:
    """A phrase as a regex: any white space between its words, ủy or uỷ (hòa or hoà …) either way."""
    words = []
    for word in phrase.split():
        forms = [re.escape(form) for form in dict.fromkeys((apply_tone_style(word, "old"),
                                                            apply_tone_style(word, "new")))]
        words.append(forms[0] if len(forms) == 1 else f"(?:{'|'.join(forms)})")
    return r"\s+".join(words)


def phrases_regex(phrases: Iterable[str], flags: int = 0) -> re.Pattern:
    """Any of ``phrases`` as whole words, the longest first; the lower-case ones capitalised too, in
    group ``cap`` (a sentence may start with them)."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    capitals = [phrase[0].upper() + phrase[1:] for phrase in ordered if phrase[0].islower()]
    cap = f"|(?P<cap>{'|'.join(map(phrase_pattern, capitals))})" if capitals else ""
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(phrase_pattern, ordered))}{cap})(?!\w)", flags)


def name_key(text: str) -> str:
    """A name as it is compared: lower case, ủy not uỷ."""
    return apply_tone_style(normalize(text).lower(), "old")


def fill(template: str, values: dict[str, str], escape: Callable[[str], str] = str) -> str | None:
    """``template`` with its blanks filled in; None when a blank it uses has no value."""
    missing = False

    def value(match: re.Match) -> str:
        nonlocal missing
        found = values.get(match[1], "")
        missing = missing or not found
        return escape(found)

    filled = BLANK.sub(value, template)
    return None if missing else filled


@cache
def default_table() -> Table:
    """The table shipped with docgen."""
    return read_table()


def read_table(sectors: Path = DEFAULT_SECTORS, phrases: Path = DEFAULT_PHRASES) -> Table:
    """Both files, read no further than the size limit."""
    return load_table(_read(sectors), _read(phrases), sectors.name, phrases.name)


def read_folder(folder: Path) -> Table:
    """The tables an office keeps in a folder of its own: ``sectors.yaml`` and ``phrases.yaml``."""
    return read_table(folder / DEFAULT_SECTORS.name, folder / DEFAULT_PHRASES.name)


def _read(path: Path) -> str:
    try:
        with path.open("rb") as file:
            data = file.read(MAX_YAML_BYTES + 1)
    except OSError as error:
        raise WordingError(str(path), [Message(N_("không đọc được tệp (%(reason)s)"), reason=error.strerror)]) from None
    if len(data) > MAX_YAML_BYTES:
        raise _too_big(path.name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise WordingError(path.name, [Message(N_("tệp không phải văn bản UTF-8"))]) from None


def _too_big(source: str) -> WordingError:
    return WordingError(source, [Message(N_("tệp quá lớn: tối đa %(max)s KB"), max=MAX_YAML_BYTES // 1024)])


def load_table(sectors_yaml: str, phrases_yaml: str, sectors_source: str = "sectors.yaml",
               phrases_source: str = "phrases.yaml") -> Table:
    """The table from the text of both files (as the web app keeps them); WordingError names every problem."""
    units = _Reader(sectors_source, sectors_yaml)
    sector_data = units.mapping(units.data, "sectors", "")
    sectors = {key: units.sector(key, value) for key, value in units.entries(sector_data, "sectors")}
    types = {key: units.unit_type(key, value, sectors)
             for key, value in units.entries(units.mapping(units.data, "types", ""), "types")}
    starts: dict[str, str] = {}
    for unit_type in types.values():
        for start in unit_type.starts:
            if name_key(start) in starts:
                units.problem(Message(N_("loại hình “%(id)s”"), id=unit_type.id),
                              Message(N_("“%(start)s” đã có ở loại hình “%(other)s”"), start=start,
                                      other=starts[name_key(start)]))
            starts[name_key(start)] = unit_type.id
    other = units.text(units.data, "other", "")
    if other and other not in sectors:
        units.problem(_at("", "other"), _not_a_sector(other, sectors))
    executive = units.executive(units.mapping(units.data, "executive", ""))
    unions_unknown = units.text(units.data, "unions_unknown", "")
    units.done({"sectors", "types", "other", "executive", "unions_unknown"})

    rules = _Reader(phrases_source, phrases_yaml)
    known = {"sector": set(sectors), "type": set(types), "kind": set(executive),
             "chi_uy": set(CHI_UY_STATES.values()), "document": set(KINDS)}
    phrases = rules.listed("phrases", lambda item, where: rules.phrase_rule(item, where, known))
    addressees = rules.listed("addressees", rules.addressee_rule)
    events = rules.listed("events", rules.event)
    year_deadlines = rules.texts(rules.data, "year_deadlines", "", required=False)
    task_verbs = rules.texts(rules.data, "task_verbs", "", required=False)
    rules.done({"phrases", "addressees", "events", "year_deadlines", "task_verbs"})
    longest_first = tuple(sorted(starts.items(), key=lambda item: -len(item[0])))
    return Table(sectors, types, longest_first, other, executive, unions_unknown, phrases, addressees, events,
                 year_deadlines, task_verbs)


class _Reader:
    """One file's data, read field by field; problems are gathered and raised together by :meth:`done`."""

    def __init__(self, source: str, text: str):
        self.source = source
        self.problems: list[str] = []
        self.ids: set[str] = set()
        if len(text.encode("utf-8")) > MAX_YAML_BYTES:
            raise _too_big(source)
        try:
            self.data = yaml.load(normalize(text), Loader=_LOADER)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            problem = getattr(error, "problem", None) or str(error)
            raise WordingError(source, [
                Message(N_("không đọc được YAML (dòng %(line)s): %(problem)s"), line=mark.line + 1, problem=problem)
                if mark else Message(N_("không đọc được YAML: %(problem)s"), problem=problem)]) from None
        if not isinstance(self.data, dict):
            raise WordingError(source, [Message(N_("cần các mục ở đầu tệp (ví dụ “phrases:”)"))])

    def problem(self, where: str, message: str, **params) -> None:
        """A problem of an entry or field ``where``: ``message``, a Message or a message id with ``params``."""
        problem = message if isinstance(message, Message) else Message(message, **params)
        self.problems.append(Message("%(where)s: %(problem)s", where=where, problem=problem) if where else problem)

    def done(self, top_level: set[str]) -> None:
        for key in self.data:
            if key not in top_level:
                self.problem(_at("", key), N_("không có mục này"))
        if self.problems:
            raise WordingError(self.source, self.problems)

    def mapping(self, data: object, key: str, where: str) -> dict:
        value = data.get(key) if isinstance(data, dict) else None
        if not isinstance(value, dict):
            self.problem(_at(where, key), N_("cần các mục con (tên: giá trị)"))
            return {}
        return value

    def text(self, data: dict, key: str, where: str, required: bool = True, limit: int = MAX_CHARS) -> str:
        value = data.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem(_at(where, key), N_("cần một dòng chữ"))
            return ""
        if len(value) > limit:
            self.problem(_at(where, key), N_("dài tối đa %(max)s ký tự"), max=limit)
            return ""
        return value.strip()

    def texts(self, data: dict, key: str, where: str, required: bool = True) -> tuple[str, ...]:
        value = data.get(key)
        if value is None and not required:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or (required and not value):
            self.problem(_at(where, key), N_("cần một danh sách cụm từ"))
            return ()
        if len(value) > MAX_PHRASES:
            self.problem(_at(where, key), N_("tối đa %(max)s cụm từ"), max=MAX_PHRASES)
            return ()
        found = tuple(self.text({key: item}, key, where) for item in value)
        return found if all(found) else ()

    def entries(self, data: dict, what: str) -> list[tuple[str, dict]]:
        if len(data) > MAX_ENTRIES:
            self.problem(_at("", what), N_("tối đa %(max)s mục"), max=MAX_ENTRIES)
            return []
        found = []
        for key, value in data.items():
            if not isinstance(key, str) or not _ID.fullmatch(key):
                self.problem(_entry(what, key), N_("tên chỉ gồm chữ thường không dấu, số và “-”, ví dụ hanh-chinh"))
            elif not isinstance(value, dict):
                self.problem(_entry(what, key), N_("cần các mục con (tên: giá trị)"))
            else:
                found.append((key, value))
        return found

    def unknown_keys(self, data: dict, allowed: set[str], where: str) -> None:
        for key in data:
            if key not in allowed:
                self.problem(_at(where, str(key)), N_("không có mục này"))

    def sector(self, key: str, data: dict) -> Sector:
        where = Message(N_("khối “%(id)s”"), id=key)
        self.unknown_keys(data, {"label", "aliases", "noun", "people", "work", "head"}, where)
        return Sector(key, self.text(data, "label", where), self.texts(data, "aliases", where, required=False),
                      self.text(data, "noun", where), self.text(data, "people", where),
                      self.unit_template(data, "work", where), self.unit_template(data, "head", where))

    def unit_template(self, data: dict, key: str, where: str, required: bool = True) -> str:
        """Text whose only blank is {noun}: a sector's or a type's work and head."""
        value = self.text(data, key, where, required)
        if any(name != "noun" for name in BLANK.findall(value)):
            self.problem(_at(where, key), N_("chỉ dùng được chỗ trống {noun}"))
        return value

    def unit_type(self, key: str, data: dict, sectors: dict[str, Sector]) -> UnitType:
        where = Message(N_("loại hình “%(id)s”"), id=key)
        self.unknown_keys(data, {"starts", "sector", "noun", "people", "work", "head"}, where)
        sector = self.text(data, "sector", where)
        if sector and sector not in sectors:
            self.problem(_at(where, "sector"), _not_a_sector(sector, sectors))
        return UnitType(key, self.texts(data, "starts", where), sector, self.text(data, "noun", where),
                        self.text(data, "people", where, required=False),
                        self.unit_template(data, "work", where, required=False),
                        self.unit_template(data, "head", where, required=False))

    def executive(self, data: dict) -> dict[str, dict[str, str]]:
        """Each kind's executive, one name for all chi ủy states or one for each."""
        found = {}
        for kind, value in data.items():
            where = Message(N_("executive, “%(kind)s”"), kind=kind)
            if isinstance(value, str):
                value = dict.fromkeys(CHI_UY_STATES.values(), value)
            if not isinstance(value, dict) or set(value) != set(CHI_UY_STATES.values()):
                self.problem(where, N_("cần một tên, hoặc một tên cho mỗi trường hợp: có, không, chưa rõ"))
                continue
            found[str(kind)] = {state: self.text(value, state, where) for state in CHI_UY_STATES.values()}
        return found

    def listed(self, key: str, read) -> tuple:
        items = self.data.get(key)
        if items is None:
            return ()
        if not isinstance(items, list):
            self.problem(_at("", key), N_("cần một danh sách"))
            return ()
        if len(items) > MAX_ENTRIES:
            self.problem(_at("", key), N_("tối đa %(max)s quy tắc"), max=MAX_ENTRIES)
            return ()
        found = []
        for number, item in enumerate(items, start=1):
            ident = item.get("id") if isinstance(item, dict) else None
            where = (Message(N_("%(list)s thứ %(number)s (“%(id)s”)"), list=key, number=number, id=ident)
                     if isinstance(ident, str) else Message(N_("%(list)s thứ %(number)s"), list=key, number=number))
            if not isinstance(item, dict):
                self.problem(where, N_("cần các mục con (id, match…)"))
            elif not isinstance(ident, str) or not _ID.fullmatch(ident):
                self.problem(_at(where, "id"), N_("cần một tên chỉ gồm chữ thường không dấu, số và “-”"))
            elif ident in self.ids:
                self.problem(_at(where, "id"), N_("“%(id)s” đã dùng cho một quy tắc khác"), id=ident)
            else:
                self.ids.add(ident)
                found.append(read(item, where))
        return tuple(found)

    def blanks(self, text: str, where: str, allowed: tuple[str, ...]) -> None:
        for name in BLANK.findall(text):
            if name not in allowed:
                if allowed:
                    self.problem(where, N_("không có chỗ trống {%(name)s}; dùng được: %(usable)s"), name=name,
                                 usable=", ".join(f"{{{blank}}}" for blank in allowed))
                else:
                    self.problem(where, N_("không có chỗ trống {%(name)s}; ở đây không dùng được chỗ trống nào"),
                                 name=name)

    def matched_words(self, item: dict, where: str, regex_allowed: bool = False,
                      blanks: tuple[str, ...] = ORG_FIELDS) -> tuple[tuple[str, ...], str]:
        """A rule's ``match`` phrases, or its ``regex``."""
        phrases = self.texts(item, "match", where, required=False)
        regex = self.text(item, "regex", where, required=False) if regex_allowed else ""
        if bool(phrases) == bool(regex):
            self.problem(where, N_("cần “match” (cụm từ) hoặc “regex”, không cả hai") if regex_allowed
                         else N_("cần “match” (cụm từ)"))
        for phrase in phrases:
            self.blanks(phrase, _at(where, "match"), blanks)
        return phrases, regex

    def phrase_rule(self, item: dict, where: str, known: dict[str, set[str]]) -> PhraseRule:
        self.unknown_keys(item, {"id", "match", "regex", "replace", "when", "note"}, where)
        phrases, regex = self.matched_words(item, where, regex_allowed=True)
        replace = item.get("replace")
        if not isinstance(replace, str) or len(replace) > MAX_CHARS:
            self.problem(_at(where, "replace"), N_("cần một dòng chữ (có thể để trống: ''), tối đa %(max)s ký tự"),
                         max=MAX_CHARS)
            replace = ""
        self.blanks(replace, _at(where, "replace"), ORG_FIELDS + UNIT_FIELDS)
        if regex:
            self.regex(regex, replace, where)
        return PhraseRule(item["id"], phrases, regex, replace, self.conditions(item, where, known),
                          self.text(item, "note", where, required=False, limit=MAX_NOTE_CHARS))

    def regex(self, regex: str, replace: str, where: str) -> None:
        """The regex compiles (with the committee's names in its blanks) and has the groups ``replace``
        takes from it (``\\g<name>``, ``\\1``)."""
        self.blanks(regex, _at(where, "regex"), ORG_FIELDS)
        try:
            pattern = re.compile(fill(regex, dict.fromkeys(ORG_FIELDS, "x")))
        except re.error as error:
            self.problem(_at(where, "regex"), N_("biểu thức chính quy sai: %(error)s"), error=str(error))
            return
        for name, number in _GROUP_REFERENCE.findall(replace):
            group = name or number
            if not (group in pattern.groupindex or (group.isdigit() and int(group) <= pattern.groups)):
                self.problem(_at(where, "replace"), N_("regex không có nhóm “%(group)s”"), group=group)

    def conditions(self, item: dict, where: str, known: dict[str, set[str]]) -> Conditions:
        when = item.get("when")
        if when is None:
            return Conditions()
        if not isinstance(when, dict):
            self.problem(_at(where, "when"), N_("cần các mục con: %(names)s"), names=", ".join(_CONDITIONS))
            return Conditions()
        self.unknown_keys(when, set(_CONDITIONS), _at(where, "when"))
        found = {}
        for name in _CONDITIONS:
            values = self.texts(when, name, _at(where, "when"), required=False)
            for value in values:
                if value not in known[name]:
                    self.problem(_at(_at(where, "when"), name), N_("“%(value)s” không có; dùng được: %(values)s"),
                                 value=value, values=", ".join(sorted(known[name])))
            found[name] = frozenset(values)
        return Conditions(**found)

    def addressee_rule(self, item: dict, where: str) -> AddresseeRule:
        self.unknown_keys(item, {"id", "match", "own", "note"}, where)
        phrases, _ = self.matched_words(item, where)
        own = item.get("own")
        if own not in (True, False, "named"):
            self.problem(_at(where, "own"), N_("ghi true, false hoặc named"))
        return AddresseeRule(item["id"], phrases, None if own == "named" else own,
                             self.text(item, "note", where, required=False, limit=MAX_NOTE_CHARS))

    def event(self, item: dict, where: str) -> Event:
        self.unknown_keys(item, {"id", "date", "name", "match"}, where)
        phrases, _ = self.matched_words(item, where, blanks=())
        date = item.get("date")
        if type(date) is not dt.date:
            self.problem(_at(where, "date"), N_("cần một ngày viết năm-tháng-ngày, ví dụ 2021-05-23"))
        return Event(item["id"], date, self.text(item, "name", where), phrases)


def _at(where: str, key: str) -> Message:
    """A field of an entry (``where``), or of the file when there is no entry."""
    if where:
        return Message(N_("%(where)s, mục “%(key)s”"), where=where, key=key)
    return Message(N_("mục “%(key)s”"), key=key)


def _entry(what: str, key: str) -> Message:
    """``sectors “hanh-chinh”``: an entry of a mapping of the file, by its key."""
    return Message(N_("%(what)s “%(key)s”"), what=what, key=key)


def _not_a_sector(value: str, sectors: dict) -> Message:
    return Message(N_("“%(value)s” không phải khối nào; có: %(sectors)s"), value=value, sectors=", ".join(sectors))
