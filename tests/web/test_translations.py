"""Every message of the web app has its English translation, and the compiled catalog is current."""

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

WEBUI = Path(__file__).resolve().parents[2] / "webui"
CATALOG = WEBUI.parent / "docgen" / "locale" / "en" / "LC_MESSAGES"
METHODS = [("**.py", "python"), ("templates/**.html", "jinja2")]
KEYWORDS = {"_": None, "gettext": None, "_l": None, "N_": None}


def extracted() -> set[str]:
    return {message for _, _, message, *_ in extract_from_dir(str(WEBUI), METHODS, keywords=KEYWORDS)}


def test_every_message_has_an_english_translation():
    with open(CATALOG / "messages.po", "rb") as source:
        catalog = read_po(source)
    translated = {message.id for message in catalog if message.id and message.string}
    assert sorted(extracted() - translated) == []
    broken = [message.id for message in catalog if message.id and placeholders(message.id) != placeholders(message.string)]
    assert broken == [], "a translation lost or renamed a placeholder"


def placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"%\(\w+\)s", text))


def test_compiled_catalog_matches_the_source():
    with open(CATALOG / "messages.po", "rb") as source, open(CATALOG / "messages.mo", "rb") as compiled:
        po, mo = read_po(source), read_mo(compiled)
    assert {m.id: m.string for m in po if m.id} == {m.id: m.string for m in mo if m.id}, \
        "run: .venv/bin/pybabel compile -d docgen/locale"
