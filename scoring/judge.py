"""Optional LLM judge: a second opinion per criterion from any OpenAI-compatible endpoint.

Off by default (no ``CSR_LLM_BASE_URL``). Its scores go beside the built-in ones in
``ScoreCard.metadata["llm_judge"]`` and its reasons are appended, marked; it never replaces a
built-in score. Any failure (network, timeout, malformed reply) is logged and reported in the
metadata, never raised: a scorecard without the judge is still a scorecard.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from domain.config import Settings
from domain.rubric import Rubric
from domain.transcript import Transcript

logger = logging.getLogger(__name__)

MAX_TRANSCRIPT_CHARS = 12_000
_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$", re.MULTILINE)


@dataclass
class JudgeReport:
    model: str
    scores: dict[str, float | None] = field(default_factory=dict)
    reasons: dict[str, list[str]] = field(default_factory=dict)
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"model": self.model, "scores": self.scores, "reasons": self.reasons, "error": self.error}


@dataclass(frozen=True)
class LLMJudge:
    base_url: str
    model: str
    api_key: str | None = None
    timeout: float = 20.0

    @classmethod
    def from_settings(cls, settings: Settings) -> LLMJudge | None:
        """A judge when an endpoint is configured, else None (the default)."""
        if not settings.llm_base_url:
            return None
        key = settings.llm_api_key.get_secret_value() if settings.llm_api_key is not None else None
        return cls(
            base_url=settings.llm_base_url, model=settings.llm_model, api_key=key, timeout=settings.llm_timeout_seconds
        )

    def assess(self, transcript: Transcript, *, rubric: Rubric, builtin: Mapping[str, float | None]) -> JudgeReport:
        report = JudgeReport(model=self.model)
        try:
            content = self._ask(self._messages(transcript, rubric, builtin))
            self._parse(content, rubric, report)
        except Exception as exc:
            logger.warning("LLM judge failed: %s", exc)
            report.error = f"{type(exc).__name__}: {exc}"
        return report

    def _ask(self, messages: list[dict[str, str]]) -> str:
        from openai import OpenAI

        client = OpenAI(
            base_url=self.base_url, api_key=self.api_key or "not-needed", timeout=self.timeout, max_retries=0
        )
        response = client.chat.completions.create(
            model=self.model,
            messages=messages,  # type: ignore[arg-type]
            temperature=0,
        )
        content = response.choices[0].message.content if response.choices else None
        if not content:
            raise ValueError("empty reply from the LLM")
        return content

    @staticmethod
    def _messages(transcript: Transcript, rubric: Rubric, builtin: Mapping[str, float | None]) -> list[dict[str, str]]:
        criteria = "\n".join(f"- {name}: {spec.description or name}" for name, spec in rubric.criteria.items())
        lines = "\n".join(f"[{i}] {t.speaker}: {t.text}" for i, t in enumerate(transcript.turns))
        if len(lines) > MAX_TRANSCRIPT_CHARS:
            lines = lines[:MAX_TRANSCRIPT_CHARS] + "\n[... transcript truncated ...]"
        system = (
            "You are a contact-centre quality reviewer. Score the agent on each criterion from 0 to 100 "
            "and give one or two short reasons citing turn numbers. Answer with JSON only: "
            '{"criteria": {"<criterion>": {"score": <0-100 or null>, "reasons": ["..."]}}}.\n'
            f"Criteria:\n{criteria}"
        )
        user = f"Automatic scores so far: {json.dumps(builtin)}\n\nTranscript ({transcript.channel}):\n{lines}"
        return [{"role": "system", "content": system}, {"role": "user", "content": user}]

    @staticmethod
    def _parse(content: str, rubric: Rubric, report: JudgeReport) -> None:
        data = json.loads(_FENCE.sub("", content.strip()))
        criteria = data.get("criteria", data) if isinstance(data, dict) else None
        if not isinstance(criteria, dict):
            raise ValueError("the LLM reply has no 'criteria' object")
        for name in rubric.criteria:
            item = criteria.get(name)
            if not isinstance(item, dict):
                continue
            raw = item.get("score")
            score: float | None = None
            if isinstance(raw, int | float) and not isinstance(raw, bool):
                score = max(0.0, min(100.0, float(raw)))
            report.scores[name] = score
            reasons = item.get("reasons", [])
            if isinstance(reasons, str):
                reasons = [reasons]
            report.reasons[name] = [str(r)[:300] for r in reasons if str(r).strip()][:3]
