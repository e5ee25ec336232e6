"""A check's findings for people (grouped by severity) and for programs (JSON-ready dict)."""

from __future__ import annotations

from docgen.check.findings import SEVERITIES, CheckResult
from docgen.i18n import N_, Message, ngettext, translate

HEADINGS = {
    "error": N_("Lỗi (%(count)s):"),
    "warning": N_("Cảnh báo (%(count)s):"),
    "info": N_("Thông tin (%(count)s):"),
}
KINDS = {"party": N_("văn bản của Đảng"), "state": N_("văn bản của Nhà nước"), "unknown": N_("không rõ loại")}


def format_human(result: CheckResult, language: str = "vi") -> str:
    """Errors, then warnings, then information; each finding on one line with where and what."""
    lines = []
    for severity in SEVERITIES:
        findings = [f for f in result.findings if f.severity == severity]
        if not findings:
            continue
        lines.append(translate(HEADINGS[severity], language, count=len(findings)))
        for f in findings:
            excerpt = f" «{f.excerpt}»" if f.excerpt else ""
            lines.append(f"  [{f.rule}] {f.location}:{excerpt} {f.message}")
        lines.append("")
    errors = ngettext("%(count)s lỗi", "%(count)s lỗi", len(result.errors), language)
    warnings = ngettext("%(count)s cảnh báo", "%(count)s cảnh báo", len(result.warnings), language)
    lines.append(translate(N_("%(kind)s: %(errors)s, %(warnings)s"), language, kind=Message(KINDS[result.kind]),
                           errors=errors, warnings=warnings))
    return "\n".join(lines)


def to_json(result: CheckResult) -> dict:
    return {
        "kind": result.kind,
        "findings": [
            {"rule": f.rule, "severity": f.severity, "message": f.message, "location": f.location, "excerpt": f.excerpt}
            for f in result.findings
        ],
    }
