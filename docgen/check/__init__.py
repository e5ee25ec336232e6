"""`docgen check`: judge any .docx against the Party document format and the text rules.

    result = check_document(Path("ke-hoach.docx"), language="en")
    result.kind, result.errors, result.warnings

The format half reads every number from the format profile (``docgen.format``); the text half
is :func:`docgen.vn.textcheck.check_text`, run on every paragraph.  A file that cannot be read
raises :class:`UnreadableDocument` with a one-line message (``error.translate(language)``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from docgen.check.findings import CheckResult, Finding
from docgen.check.package import Package, UnreadableDocument, read_source
from docgen.check.properties import WordDocument
from docgen.check.rules import run_rules
from docgen.format import Profile, load_profile
from docgen.i18n import catalog

__all__ = ["CheckResult", "Finding", "UnreadableDocument", "check_document"]


def check_document(
    source: Path | bytes,
    *,
    profile: Profile | str | None = None,
    allow: Iterable[str] = (),
    language: str = "vi",
) -> CheckResult:
    """Findings for one .docx (a path or its bytes), messages in ``language`` ("vi" or "en").

    ``allow`` lists the organisation's own abbreviations and foreign names the text rules accept.
    """
    catalog(language)  # an unknown language is refused before the work
    if not isinstance(profile, Profile):
        profile = load_profile(*([profile] if profile else []))
    document = WordDocument(Package(read_source(source)))
    return run_rules(document, profile, allow=allow, language=language)
