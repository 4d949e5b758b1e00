"""Configuration from environment variables (prefix ``CSR_``) or a ``.env`` file.

Secrets (LLM key, database URL with a password) are ``SecretStr`` so they never
print in logs, reprs or the UI by accident.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CSR_", env_file=".env", extra="ignore", frozen=True)

    data_dir: Path = PROJECT_ROOT / "data"
    scenarios_dir: Path = PROJECT_ROOT / "scenarios"
    recordings_dir: Path = PROJECT_ROOT / "recordings"
    database_url: SecretStr | None = Field(
        default=None, description="Any SQLAlchemy URL; SQLite under data_dir if unset."
    )

    llm_base_url: str | None = Field(default=None, description="OpenAI-compatible endpoint (OpenAI, Ollama, vLLM).")
    llm_model: str = "gpt-4o-mini"
    llm_api_key: SecretStr | None = None
    llm_timeout_seconds: float = Field(default=20.0, gt=0)

    whisper_model: str | None = Field(default=None, description="Model directory or name; bundled tiny.en if unset.")
    whisper_cpu_threads: int = Field(default=2, ge=1)
    whisper_compute_type: str = "int8"
    whisper_language: str | None = "en"
    allow_model_download: bool = False

    tts_engine: Literal["auto", "piper", "espeak", "none"] = "auto"

    max_audio_upload_mb: int = Field(default=200, ge=1)
    max_text_upload_mb: int = Field(default=20, ge=1)
    redact: bool = True
    session_ttl_minutes: int = Field(default=480, ge=1)
    practice_seed: int | None = Field(
        default=None, description="Fixed customer seed for demos and tests; random if unset."
    )
    chat_typing_min_seconds: float = Field(
        default=0.6, ge=0, description="Shortest 'customer is typing' pause before a chat reply appears."
    )
    chat_typing_max_seconds: float = Field(
        default=2.5, ge=0, description="Longest 'customer is typing' pause (long replies); 0 turns the pause off."
    )

    @property
    def sqlalchemy_url(self) -> str:
        if self.database_url is not None:
            return self.database_url.get_secret_value()
        return f"sqlite:///{self.data_dir / 'csr_coach.db'}"

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm_base_url)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings; frozen, so no caller can change them for everyone else."""
    return Settings()
