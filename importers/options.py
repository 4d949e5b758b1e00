"""How a file becomes a Transcript: speaker labels, the rule for unknown speakers, redaction, audio channels.

A pydantic model because options arrive from the CLI and the app (user input) and must be validated there.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from domain.config import get_settings
from domain.transcript import Channel, Speaker

UnknownSpeakerRule = Literal["customer", "agent", "system", "error"]


def _default_redact() -> bool:
    return get_settings().redact


def _default_max_text_mb() -> int:
    return get_settings().max_text_upload_mb


def _default_max_audio_mb() -> int:
    return get_settings().max_audio_upload_mb


class ImportOptions(BaseModel):
    """Frozen: one caller's options never leak into another's import."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    speaker_map: dict[str, Speaker] = Field(
        default_factory=dict, description="Speaker label (case-insensitive) -> agent/customer/system."
    )
    unknown_speaker: UnknownSpeakerRule = Field(
        default="customer", description="Role for a label that is neither known nor mapped nor inferable."
    )
    redact: bool = Field(default_factory=_default_redact)
    agent_channel: Literal["left", "right"] = "left"
    channel: Channel | None = Field(default=None, description="Set the contact channel (phone/chat/email).")
    max_text_mb: int = Field(default_factory=_default_max_text_mb, ge=1)
    max_audio_mb: int = Field(default_factory=_default_max_audio_mb, ge=1)

    @field_validator("speaker_map")
    @classmethod
    def _normalise_labels(cls, value: dict[str, Speaker]) -> dict[str, Speaker]:
        return {_label_key(k): v for k, v in value.items() if _label_key(k)}

    @property
    def max_text_bytes(self) -> int:
        return self.max_text_mb * 1024 * 1024

    @property
    def max_audio_bytes(self) -> int:
        return self.max_audio_mb * 1024 * 1024


def _label_key(label: str) -> str:
    return " ".join(label.lower().replace("_", " ").split())


def label_key(label: str) -> str:
    """Labels compare case- and spacing-insensitively: 'Customer  Service' == 'customer service'."""
    return _label_key(label)


def parse_speaker_map(spec: str | list[str] | None) -> dict[str, Speaker]:
    """ "Jane=agent,Bob=customer" (or one pair per list item, as repeated CLI options give) -> speaker map."""
    if not spec:
        return {}
    items = [spec] if isinstance(spec, str) else list(spec)
    out: dict[str, Speaker] = {}
    for item in items:
        for pair in item.split(","):
            if not pair.strip():
                continue
            label, sep, role = pair.partition("=")
            role = role.strip().lower()
            if not sep or not label.strip() or role not in ("agent", "customer", "system"):
                raise ValueError(f"speaker map entry {pair.strip()!r} must look like NAME=agent|customer|system")
            out[label.strip()] = role  # type: ignore[assignment]
    return out
