"""One catalog for docgen and its web app: every message has its English, the catalog holds no
message the code no longer says, and the compiled catalog is the source's (scripts/messages)."""

import re

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from docgen.i18n import LOCALE_DIR, N_, Message, ngettext, translate

from .conftest import REPO

CATALOG = LOCALE_DIR / "en" / "LC_MESSAGES"
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "_l": None}


def extracted() -> set:
    with open(REPO / "babel.cfg", encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    return {message for _, _, message, *_ in extract_from_dir(REPO, method_map, options_map, keywords=KEYWORDS)}


def source():
    with open(CATALOG / "messages.po", "rb") as po:
        return read_po(po)


def test_the_catalog_holds_every_message_and_only_those():
    catalog = source()
    assert sorted(map(str, extracted() ^ {message.id for message in catalog if message.id})) == [], \
        "run scripts/messages"


def test_every_message_has_an_english_translation_with_its_placeholders():
    catalog = source()
    untranslated = [message.id for message in catalog if message.id and not all(_forms(message.string))]
    assert untranslated == []
    broken = [message.id for message in catalog if message.id
              and any(placeholders(_forms(message.id)[0]) != placeholders(form) for form in _forms(message.string))]
    assert broken == [], "a translation lost or renamed a placeholder"


def _forms(text) -> tuple:
    return text if isinstance(text, tuple) else (text,)


def placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"%\(\w+\)s", text))


def test_compiled_catalog_matches_the_source():
    with open(CATALOG / "messages.mo", "rb") as compiled:
        mo = read_mo(compiled)
    def entries(catalog) -> dict:
        return {_forms(tuple(m.id) if isinstance(m.id, list) else m.id): _forms(tuple(m.string)
                if isinstance(m.string, list) else m.string) for m in catalog if m.id}
    assert entries(source()) == entries(mo), "run scripts/messages"


def test_a_message_is_looked_up_before_it_is_filled_in():
    message = Message(N_("Ngày “%(text)s” không có trên lịch: tháng %(month)s năm %(year)s chỉ có %(days)s ngày"),
                      text="31/2/2021", month=2, year=2021, days=28)
    assert str(message) == "Ngày “31/2/2021” không có trên lịch: tháng 2 năm 2021 chỉ có 28 ngày"
    assert message.translate("en") == "The date “31/2/2021” is not on the calendar: month 2 of 2021 has only 28 days"
    nested = translate(N_("%(kind)s: %(errors)s, %(warnings)s"), "en", kind=Message(N_("văn bản của Đảng")),
                       errors=ngettext("%(count)s lỗi", "%(count)s lỗi", 1, "en"),
                       warnings=ngettext("%(count)s cảnh báo", "%(count)s cảnh báo", 2, "en"))
    assert nested == "Party document: 1 error, 2 warnings"
    assert translate(N_("%(kind)s: %(errors)s, %(warnings)s"), "vi", kind=Message(N_("văn bản của Đảng")),
                     errors=ngettext("%(count)s lỗi", "%(count)s lỗi", 1), warnings="2 cảnh báo") \
        == "văn bản của Đảng: 1 lỗi, 2 cảnh báo"
