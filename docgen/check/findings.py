"""What a check reports: findings, each with its rule, severity, place and an excerpt."""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str  # "error" | "warning" | "info"
    message: str  # in the language the check was run in
    location: str
    excerpt: str


@dataclass
class CheckResult:
    kind: str  # "party" | "state" | "unknown"
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def ok(self) -> bool:
        """No errors: the document may be sent (warnings are for a person to judge)."""
        return not self.errors
