"""Sentence encoders compared on reveal-style retrieval over our own dev lines (issue 13).

For every scenario with a dev file in ``bench/data/customer_dev/`` (our own lines, never ``evaluation/``),
each hidden-fact question is matched against every hidden fact's bank (its ``reveal_when`` examples and
description) and off-topic questions against all banks, exactly as the customer hears a question:

- ``top1``: share of fact questions whose best-scoring bank is their own fact;
- ``auc``: ROC AUC of the best cosine for same (question, its fact) pairs against different pairs
  (a question and another fact, and every off-topic question and every fact);
- ``ms/sentence``: encoding time per sentence, one sentence at a time after a warm-up (the customer's case).

Encoders: the shipped all-MiniLM-L6-v2 int8 ONNX (``language.encoder``); WordLlama ``l2_supercat_256``
when the optional ``wordllama`` package is installed (its weights and tokenizer ship inside the wheel;
we load both files from the package directory, because ``WordLlama.load()`` tries the network first);
and a TF-IDF character n-gram baseline fitted in the same run on the banks and questions. model2vec is
reported as unavailable offline: its wheel carries code only, every model is fetched from a hub.
Run: ``python bench/compare_encoders.py``.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from domain.loader import load_library  # noqa: E402
from simulator.evalsets import load_eval_sets  # noqa: E402

DEV_DIR = ROOT / "bench" / "data" / "customer_dev"
Encode = Callable[[list[str]], np.ndarray]


def minilm() -> Encode:
    from language.encoder import get_encoder

    enc = get_encoder()
    return lambda texts: np.asarray(enc.encode(texts), dtype=np.float32)


def wordllama() -> Encode:
    import importlib.util

    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the optional package 'wordllama' is not installed")
    base = Path(next(iter(spec.submodule_search_locations)))
    from safetensors import safe_open
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(base / "tokenizers" / "l2_supercat_tokenizer_config.json"))
    with safe_open(str(base / "weights" / "l2_supercat_256.safetensors"), framework="np", device="cpu") as f:
        table = f.get_tensor("embedding.weight").astype(np.float32)

    def encode(texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), table.shape[1]), dtype=np.float32)
        for i, enc in enumerate(tokenizer.encode_batch(texts)):
            ids = [t for t, m in zip(enc.ids, enc.attention_mask, strict=True) if m]
            if ids:
                out[i] = table[ids].mean(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-9)

    return encode


def tfidf(corpus: list[str]) -> Encode:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, lowercase=True)
    vec.fit(corpus)
    return lambda texts: np.asarray(vec.transform(texts).toarray(), dtype=np.float32)


def auc(pos: list[float], neg: list[float]) -> float:
    p, n = np.asarray(pos)[:, None], np.asarray(neg)[None, :]
    return float(((p > n).sum() + 0.5 * (p == n).sum()) / (p.size * n.size))


def retrieval(
    encode: Encode, banks: dict[str, list[str]], queries: list[tuple[str, str | None]]
) -> tuple[float, float]:
    """Top-1 accuracy over every bank and AUC of same vs different (question, bank) best cosines."""
    keys = list(banks)
    matrix = encode([e for k in keys for e in banks[k]])
    owner = np.array([i for i, k in enumerate(keys) for _ in banks[k]])
    qv = encode([q for q, _ in queries])
    hits = tried = 0
    pos: list[float] = []
    neg: list[float] = []
    for (text, fid), v in zip(queries, qv, strict=True):
        sims = matrix @ v
        for i, k in enumerate(keys):
            mask = owner == i
            if fid == k:  # leave the query itself out of its own bank
                mask &= np.array([e != text for kk in keys for e in banks[kk]])
            score = float(sims[mask].max()) if mask.any() else 0.0
            (pos if k == fid else neg).append(score)
            if k == fid:
                own = score
        if fid is not None:
            tried += 1
            best_other = max((p for p in neg[-(len(keys) - 1) :]), default=0.0)
            hits += own > best_other
    return hits / tried, auc(pos, neg)


def main() -> int:
    lib = load_library()
    banks: dict[str, list[str]] = {}
    for sc in lib.scenarios.values():
        for f in sc.hidden_facts:
            banks[f"{sc.id}:{f.id}"] = [*f.reveal_when.examples, f.description]
    authored: list[tuple[str, str | None]] = [(e, k) for k, b in banks.items() for e in b[:-1]]
    dev: list[tuple[str, str | None]] = []
    for sid, data in sorted(load_eval_sets(DEV_DIR).items()):
        dev += [(q, f"{sid}:{fid}") for fid, qs in data.hidden_facts.items() for q in qs]
        dev += [(q, None) for q in data.off_topic]
    corpus = [e for b in banks.values() for e in b] + [q for q, _ in dev]
    encoders: dict[str, Callable[[], Encode]] = {
        "minilm-l6-int8-onnx": minilm,
        "wordllama-l2-supercat-256": wordllama,
        "tfidf-char-2-4": lambda: tfidf(corpus),
    }
    print(
        f"banks: {len(banks)} hidden facts; authored leave-one-out questions: {len(authored)}; "
        f"dev lines: {len(dev)} ({sum(f is None for _, f in dev)} off-topic) from {DEV_DIR.relative_to(ROOT)}"
    )
    print(f"{'encoder':28} {'loo_top1':>8} {'loo_auc':>8} {'dev_top1':>8} {'dev_auc':>8} {'ms/sent':>8}")
    for name, build in encoders.items():
        try:
            t0 = time.perf_counter()
            encode = build()
            load_s = time.perf_counter() - t0
        except Exception as exc:  # an optional model that is not installed is reported, not fatal
            print(f"{name:28} unavailable: {exc}")
            continue
        loo_top1, loo_auc = retrieval(encode, banks, authored)
        dev_top1, dev_auc = retrieval(encode, banks, dev)
        sample = [q for q, _ in dev]
        encode(sample[:3])
        t0 = time.perf_counter()
        for i, q in enumerate(sample):
            encode([f"{q} (timing {i})"])  # one unseen sentence at a time, as the customer hears a turn
        ms = (time.perf_counter() - t0) * 1000 / len(sample)
        print(
            f"{name:28} {loo_top1:8.3f} {loo_auc:8.3f} {dev_top1:8.3f} {dev_auc:8.3f} {ms:8.2f}  (load {load_s:.2f} s)"
        )
    print("model2vec: unavailable offline (the PyPI wheel ships code only; models come from a hub at run time)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
