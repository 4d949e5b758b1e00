"""Speculative transcription of spoken answers: start recognising a draft before the browser says it is final.

The practice page's VAD (ui/components/voice.js) waits ``HANGOVER_MS`` of quiet before it calls an utterance
finished, but it already sends a *draft* after a shorter quiet. The clip keeps only 200 ms after the last
voiced frame, so when the trainee does not speak again the final's bytes are exactly the draft's.
:func:`prepare` starts hearing a draft on a small background pool; :func:`take` hands the result over when the
final's SHA-256 matches (waiting for it if it is still running), so transcription overlaps the hangover instead
of following it (budget: p95 1.5 s from the end of speech to the reply on screen, 2 cores).

Only recognition runs ahead (:func:`speech.trainee.hear_answer`, which writes nothing): saving the recording,
redaction and the simulator's turn happen when the final answer is played (``services.practice.say_audio``),
exactly as without a draft. A draft the trainee talked over is never taken: the next draft of the same stream
cancels it if it has not started, and every entry expires after ``ttl_seconds`` (the text is kept in memory no
longer than that). No Streamlit here: the page's callback calls these functions.

Speculation spends CPU that is wasted whenever the trainee talks on after a pause. On a free machine that costs
nothing (the draft is done long before the answer ends); on a saturated one it delays the answer that counts
(measured with a 1-minute load average of 6-9 on 2 cores: one 4.6 s clip took 2.6-15 s to transcribe). So no
draft is started while the load average is above ``max_load`` (twice the cores): the final is then heard once,
as without drafts.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from speech.trainee import HeardAnswer

logger = logging.getLogger(__name__)

MAX_ENTRIES = 8
MAX_LOAD = 2.0 * (os.cpu_count() or 1)
TTL_SECONDS = 30.0
WAIT_SECONDS = 10.0


def _hear(wav: bytes) -> HeardAnswer:
    from speech.trainee import hear_answer

    return hear_answer(wav)


def _sha256(wav: bytes) -> str:
    from speech.trainee import audio_sha256

    return audio_sha256(wav)


@dataclass(frozen=True)
class DraftOutcome:
    """What the draft did for one final answer (the voice benchmark prints it; nothing decides on it).

    ``used`` is False when no draft of these bytes was ready to take (none was sent, the trainee spoke again,
    it failed, or it had not started); ``hear_seconds`` is how long the draft's recognition took and
    ``waited_seconds`` how long the final answer still waited for it.
    """

    used: bool
    hear_seconds: float | None = None
    waited_seconds: float = 0.0


@dataclass
class _Entry:
    future: Future[tuple[HeardAnswer, float]]
    created: float
    stream: str | None


class DraftCache:
    """Drafts being heard, by the SHA-256 of their bytes: bounded, expiring, thread-safe.

    Parameters
    ----------
    hear
        Bytes -> heard answer (default :func:`speech.trainee.hear_answer` with the answer settings).
    max_entries
        Drafts kept at most; the oldest is dropped (and cancelled if it has not started) beyond that.
    ttl_seconds
        A draft not taken within this time is dropped.
    workers
        Background threads. One: the model already uses every core, and a second draft would only slow both.
    clock
        Seconds, monotonic (tests pass a fake).
    max_load
        No draft is started while ``load()`` is above this (None: always draft).
    load
        The machine's load (default: the 1-minute load average).
    """

    def __init__(
        self,
        *,
        hear: Callable[[bytes], HeardAnswer] = _hear,
        key: Callable[[bytes], str] = _sha256,
        max_entries: int = MAX_ENTRIES,
        ttl_seconds: float = TTL_SECONDS,
        workers: int = 1,
        clock: Callable[[], float] = time.monotonic,
        max_load: float | None = MAX_LOAD,
        load: Callable[[], float] = lambda: os.getloadavg()[0],
    ) -> None:
        if max_entries < 1 or ttl_seconds <= 0 or workers < 1:
            raise ValueError("max_entries and workers must be at least 1, ttl_seconds positive")
        self._hear = hear
        self._key = key
        self._max = max_entries
        self._ttl = ttl_seconds
        self._workers = workers
        self._clock = clock
        self._max_load = max_load
        self._load = load
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._latest: dict[str, str] = {}
        self._pool: ThreadPoolExecutor | None = None

    def __len__(self) -> int:
        with self._lock:
            self._expire()
            return len(self._entries)

    def close(self) -> None:
        """Drop every draft and stop the worker once the running one is done (tests; the app never closes)."""
        with self._lock:
            for digest in list(self._entries):
                self._drop(digest)
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None

    def _executor(self) -> ThreadPoolExecutor:
        if self._pool is None:  # created on first use: importing services starts no thread
            self._pool = ThreadPoolExecutor(max_workers=self._workers, thread_name_prefix="csr-draft")
        return self._pool

    def _timed(self, wav: bytes) -> tuple[HeardAnswer, float]:
        started = time.perf_counter()
        heard = self._hear(wav)
        return heard, time.perf_counter() - started

    def _drop(self, digest: str) -> None:
        entry = self._entries.pop(digest, None)
        if entry is not None:
            entry.future.cancel()  # only stops a draft that has not started; a running one finishes unread
            if entry.stream is not None and self._latest.get(entry.stream) == digest:
                del self._latest[entry.stream]

    def _expire(self) -> None:
        now = self._clock()
        for digest in [d for d, e in self._entries.items() if now - e.created > self._ttl]:
            self._drop(digest)

    def prepare(self, wav: bytes, *, stream: str | None = None) -> bool:
        """Start hearing ``wav`` in the background; False when the same bytes are already being heard, or the
        machine is too busy to speculate.

        ``stream`` names where drafts come from (one call): a newer draft of the same stream replaces the
        older one, which the trainee talked over.
        """
        if self._max_load is not None and (load := self._load()) > self._max_load:
            logger.debug("no draft: load %.1f is above %.1f", load, self._max_load)
            return False
        data = bytes(wav)
        digest = self._key(data)
        with self._lock:
            self._expire()
            if digest in self._entries:
                return False
            if stream is not None and (older := self._latest.get(stream)) is not None:
                self._drop(older)
            future = self._executor().submit(self._timed, data)
            self._entries[digest] = _Entry(future, self._clock(), stream)
            if stream is not None:
                self._latest[stream] = digest
            while len(self._entries) > self._max:
                self._drop(next(iter(self._entries)))
        return True

    def take(self, wav: bytes, *, timeout: float = WAIT_SECONDS) -> tuple[HeardAnswer | None, DraftOutcome]:
        """The draft heard from exactly these bytes (removed from the cache), else None.

        Waits up to ``timeout`` for a draft that is running or still queued: the process shares one model whose
        decoder runs one call at a time, so hearing the final again would wait for the same queue, and repeat
        the work. A draft that failed or timed out gives None and is logged: the caller hears the final itself,
        and its error is the one the trainee sees.
        """
        digest = self._key(bytes(wav))
        with self._lock:
            self._expire()
            entry = self._entries.pop(digest, None)
            if entry is not None and entry.stream is not None and self._latest.get(entry.stream) == digest:
                del self._latest[entry.stream]
        if entry is None:
            return None, DraftOutcome(used=False)
        started = time.perf_counter()
        try:
            heard, took = entry.future.result(timeout=timeout)
        except FutureTimeout:
            entry.future.cancel()
            logger.warning("a draft transcription took longer than %.1f s; hearing the final answer again", timeout)
            return None, DraftOutcome(used=False, waited_seconds=time.perf_counter() - started)
        except Exception as exc:  # the final answer is heard again and raises its own, readable error
            logger.info("draft transcription failed (%s); hearing the final answer again", exc)
            return None, DraftOutcome(used=False, waited_seconds=time.perf_counter() - started)
        return heard, DraftOutcome(used=True, hear_seconds=took, waited_seconds=time.perf_counter() - started)


DRAFTS = DraftCache()
"""The process's drafts (the app's sessions share the model, so they share the pool as well)."""

_outcomes: OrderedDict[str, DraftOutcome] = OrderedDict()
_outcomes_lock = threading.Lock()


def prepare(wav: bytes, *, stream: str | None = None) -> bool:
    """Start hearing a draft of an answer in the background (see :meth:`DraftCache.prepare`)."""
    return DRAFTS.prepare(wav, stream=stream)


def take(wav: bytes) -> HeardAnswer | None:
    """The draft heard from exactly these bytes, else None; notes what the draft did (:func:`outcome`)."""
    heard, result = DRAFTS.take(wav)
    with _outcomes_lock:
        _outcomes[_sha256(bytes(wav))] = result
        while len(_outcomes) > MAX_ENTRIES:
            _outcomes.popitem(last=False)
    return heard


def outcome(wav: bytes) -> DraftOutcome | None:
    """What the draft did for the answer with these bytes, once (None when it was never taken)."""
    with _outcomes_lock:
        return _outcomes.pop(_sha256(bytes(wav)), None)
