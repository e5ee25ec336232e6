"""A check's findings for people (grouped by severity) and for programs (JSON-ready dict)."""

from __future__ import annotations

from docgen.check.findings import SEVERITIES, CheckResult

HEADINGS = {
    "error": ("Lỗi", "Errors"),
    "warning": ("Cảnh báo", "Warnings"),
    "info": ("Thông tin", "Information"),
}
KINDS = {
    "party": ("văn bản của Đảng", "Party document"),
    "state": ("văn bản của Nhà nước", "State document"),
    "unknown": ("không rõ loại", "unknown kind"),
}


def format_human(result: CheckResult, language: str = "vi") -> str:
    """Errors, then warnings, then information; each finding on one line with where and what."""
    en = language == "en"
    lines = []
    for severity in SEVERITIES:
        findings = [f for f in result.findings if f.severity == severity]
        if not findings:
            continue
        lines.append(f"{HEADINGS[severity][en]} ({len(findings)}):")
        for f in findings:
            excerpt = f" «{f.excerpt}»" if f.excerpt else ""
            lines.append(f"  [{f.rule}] {f.location}:{excerpt} {f.message}")
        lines.append("")
    errors, warnings = len(result.errors), len(result.warnings)
    kind = KINDS[result.kind][en]
    lines.append(f"{kind}: {_count(errors, 'error')}, {_count(warnings, 'warning')}" if en
                 else f"{kind}: {errors} lỗi, {warnings} cảnh báo")
    return "\n".join(lines)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def to_json(result: CheckResult) -> dict:
    return {
        "kind": result.kind,
        "findings": [
            {"rule": f.rule, "severity": f.severity, "message": f.message, "location": f.location, "excerpt": f.excerpt}
            for f in result.findings
        ],
    }
