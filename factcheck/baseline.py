"""Accepted findings: an editor's decisions that a difference is fine.

``factcheck baseline`` writes the file; ``check`` marks findings found in it as
``baselined`` so they no longer fail the build. A finding is identified by its
kind, type and the exact wording of its claims, so a finding that reappears
with changed wording is reported again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path

from pydantic import ValidationError

from factcheck.errors import InputError
from factcheck.schema import Claim, Finding, Frozen

FORMAT = 1


def fingerprint(finding: Finding, claims: Mapping[str, Claim]) -> str:
    """Stable identity of a finding: kind, type and the normalised texts of its claims."""
    texts = sorted(" ".join(claims[c].text.split()).lower() for c in finding.claim_ids if c in claims)
    raw = "\x1f".join([finding.kind, str(finding.type), *texts])
    return hashlib.sha256(raw.encode()).hexdigest()[:20]


class Accepted(Frozen):
    """One accepted finding, with enough context for a reviewer of the file."""

    fingerprint: str
    kind: str
    type: str | None = None
    explanation: str
    claims: tuple[str, ...] = ()


class Baseline(Frozen):
    """The baseline file's content."""

    format: int = FORMAT
    accepted: tuple[Accepted, ...] = ()

    @classmethod
    def load(cls, path: Path) -> Baseline:
        """Read a baseline file; a missing, unreadable or malformed one is an input error, not a crash."""
        if not path.exists():
            raise InputError(f"baseline file not found: {path}")
        if not path.is_file():
            raise InputError(f"cannot read baseline {path}: not a regular file")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read baseline {path}: {exc.strerror or exc}") from None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"cannot read baseline {path}: not UTF-8 text (bad byte at offset {exc.start})") from None
        try:
            return cls.model_validate_json(text)
        except (ValidationError, ValueError) as exc:
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            if isinstance(exc, ValidationError) and exc.errors():
                err = exc.errors()[0]
                where = ".".join(str(p) for p in err["loc"]) or "file"
                first = f"{where}: {err['msg']}"
            raise InputError(f"cannot read baseline {path}: {first}") from None

    @classmethod
    def from_findings(cls, findings: Sequence[Finding], claims: Mapping[str, Claim]) -> Baseline:
        """Accept every non-agreement finding of a report."""
        accepted = {
            fingerprint(f, claims): Accepted(
                fingerprint=fingerprint(f, claims),
                kind=f.kind,
                type=f.type,
                explanation=f.explanation,
                claims=tuple(claims[c].text for c in f.claim_ids if c in claims),
            )
            for f in findings
            if f.kind != "agreement"
        }
        return cls(accepted=tuple(accepted[k] for k in sorted(accepted)))

    def apply(self, findings: Sequence[Finding], claims: Mapping[str, Claim]) -> list[Finding]:
        """The findings, with those this baseline accepts marked ``baselined``."""
        known = {a.fingerprint for a in self.accepted}
        return [f.model_copy(update={"baselined": True}) if fingerprint(f, claims) in known else f for f in findings]

    def dump(self) -> str:
        """Deterministic JSON text of the file."""
        return self.model_dump_json(indent=2) + "\n"
