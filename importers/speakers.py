"""Speaker labels as exports write them ("Rep", "Caller", "Jane") -> the roles scoring understands.

Order of trust: the caller's explicit map, then the common contact-centre labels, then inference from the
conversation's shape (one unknown name beside a known role is the other party; two unknown names with no known
role: whoever speaks first is the agent, as on inbound calls). The mapping used is always reported, so a wrong
guess is visible and can be fixed with ``speaker_map``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from domain.transcript import Speaker
from importers.errors import TranscriptImportError
from importers.options import ImportOptions, label_key

AGENT_LABELS = frozenset(
    {
        "agent",
        "rep",
        "representative",
        "csr",
        "customer service",
        "customer service rep",
        "customer service representative",
        "customer service agent",
        "customer care",
        "support",
        "support agent",
        "advisor",
        "adviser",
        "associate",
        "operator",
        "specialist",
        "staff",
        "employee",
        "host",
    }
)
CUSTOMER_LABELS = frozenset(
    {"customer", "caller", "client", "cust", "member", "user", "guest", "consumer", "visitor", "subscriber", "patient"}
)
SYSTEM_LABELS = frozenset({"system", "note", "notes", "ivr", "bot", "automated message", "recording", "narrator"})

_ALIASES: dict[str, Speaker] = {
    **{k: "agent" for k in AGENT_LABELS},
    **{k: "customer" for k in CUSTOMER_LABELS},
    **{k: "system" for k in SYSTEM_LABELS},
}
_BY_LENGTH = sorted(_ALIASES, key=len, reverse=True)


def known_role(label: str) -> Speaker | None:
    """The role of a label we recognise: exactly, or as its first words ("Agent Smith", "Customer 2")."""
    key = label_key(label)
    if key in _ALIASES:
        return _ALIASES[key]
    for alias in _BY_LENGTH:
        if key.startswith(alias + " ") or key.startswith(alias + "(") or key.startswith(alias + "#"):
            return _ALIASES[alias]
    return None


def is_known_label(label: str, options: ImportOptions) -> bool:
    return label_key(label) in options.speaker_map or known_role(label) is not None


@dataclass
class SpeakerMapping:
    """Label -> role for one transcript, with how each was decided (reported in metadata)."""

    roles: dict[str, Speaker] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def role(self, label: str) -> Speaker:
        return self.roles[label]

    def report(self) -> dict[str, str]:
        return dict(self.roles)


def resolve_speakers(
    labels: Sequence[str], *, options: ImportOptions, source: str | None = None, where: str | None = None
) -> SpeakerMapping:
    """Map every distinct label (in order of first appearance) to a role, or raise if the rule says so."""
    mapping = SpeakerMapping()
    unknown: list[str] = []
    for label in dict.fromkeys(labels):
        key = label_key(label)
        if key in options.speaker_map:
            mapping.roles[label] = options.speaker_map[key]
            continue
        role = known_role(label)
        if role is not None:
            mapping.roles[label] = role
        else:
            unknown.append(label)
    if not unknown:
        return mapping
    present = {r for r in mapping.roles.values() if r != "system"}
    if len(unknown) == 1 and len(present) == 1:
        other: Speaker = "customer" if present == {"agent"} else "agent"
        mapping.roles[unknown[0]] = other
        mapping.notes.append(f"speaker {unknown[0]!r} inferred as {other} (the other party)")
        return mapping
    if len(unknown) == 2 and not present:
        mapping.roles[unknown[0]] = "agent"
        mapping.roles[unknown[1]] = "customer"
        mapping.notes.append(
            f"speakers inferred: {unknown[0]!r} (first to speak) as agent, {unknown[1]!r} as customer; "
            "pass a speaker map to override"
        )
        return mapping
    if options.unknown_speaker == "error":
        names = ", ".join(repr(u) for u in unknown)
        raise TranscriptImportError(
            f"unknown speaker label(s) {names}; map them to agent or customer with a speaker map",
            source=source,
            where=where,
        )
    for label in unknown:
        mapping.roles[label] = options.unknown_speaker
    mapping.notes.append(
        f"unknown speaker label(s) {', '.join(repr(u) for u in unknown)} treated as {options.unknown_speaker}"
    )
    return mapping
