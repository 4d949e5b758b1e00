"""Speculative transcription: a draft heard ahead is handed over only for exactly the same bytes."""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from services.speculative import DraftCache
from services.workspace import Workspace
from speech.trainee import HeardAnswer, audio_sha256, transcribe_trainee_answer
from speech.turns import TimedWord
from storage import PracticeRepo, UserRepo


def heard_of(wav: bytes, text: str = " hello there") -> HeardAnswer:
    return HeardAnswer(
        sha256=audio_sha256(wav),
        words=(TimedWord(text, 0.2, 0.9),),
        spans=((0.2, 0.9),),
        duration=1.2,
        timed=False,
        recording=wav,
    )


class Recogniser:
    """Counts the bytes it was asked to hear; ``gate`` (when set) holds every call until released."""

    def __init__(self, *, gate: threading.Event | None = None, fail: bool = False) -> None:
        self.calls: list[bytes] = []
        self.finished = 0
        self.gate = gate
        self.fail = fail
        self.started = threading.Event()
        self._done = threading.Condition()

    def __call__(self, wav: bytes) -> HeardAnswer:
        self.calls.append(wav)
        self.started.set()
        try:
            if self.gate is not None:
                assert self.gate.wait(10)
            if self.fail:
                raise ValueError("not audio")
            return heard_of(wav)
        finally:
            with self._done:
                self.finished += 1
                self._done.notify_all()

    def wait_finished(self, count: int) -> None:
        """Until ``count`` drafts were heard (a take() before a draft started would cancel it by design)."""
        with self._done:
            assert self._done.wait_for(lambda: self.finished >= count, timeout=10)


@pytest.fixture
def make() -> Iterator[Callable[..., DraftCache]]:
    caches: list[DraftCache] = []

    def build(**kwargs: object) -> DraftCache:
        cache = DraftCache(**{"max_load": None, **kwargs})  # type: ignore[arg-type]
        caches.append(cache)
        return cache

    yield build
    for cache in caches:
        cache.close()


def test_the_final_takes_the_draft_of_the_same_bytes(make: Callable[..., DraftCache]) -> None:
    hear = Recogniser()
    cache = make(hear=hear)
    assert cache.prepare(b"RIFF-one", stream="call")
    hear.wait_finished(1)
    heard, outcome = cache.take(b"RIFF-one")
    assert heard is not None and heard.sha256 == audio_sha256(b"RIFF-one")
    assert outcome.used and outcome.hear_seconds is not None
    assert hear.calls == [b"RIFF-one"]
    assert len(cache) == 0  # taken once
    assert cache.take(b"RIFF-one")[0] is None


@pytest.mark.parametrize("final", [b"RIFF-one and more", b"RIFF-on", b"RIFF-two"])
def test_other_bytes_never_get_the_draft(make: Callable[..., DraftCache], final: bytes) -> None:
    hear = Recogniser()
    cache = make(hear=hear)
    cache.prepare(b"RIFF-one")
    hear.wait_finished(1)
    heard, outcome = cache.take(final)
    assert heard is None and not outcome.used


def test_the_same_draft_twice_is_heard_once(make: Callable[..., DraftCache]) -> None:
    hear = Recogniser()
    cache = make(hear=hear)
    assert cache.prepare(b"RIFF-one")
    assert not cache.prepare(b"RIFF-one")
    hear.wait_finished(1)
    assert cache.take(b"RIFF-one")[0] is not None
    assert hear.calls == [b"RIFF-one"]


def test_a_newer_draft_of_the_stream_replaces_one_talked_over(make: Callable[..., DraftCache]) -> None:
    gate = threading.Event()
    hear = Recogniser(gate=gate)
    cache = make(hear=hear)
    cache.prepare(b"RIFF-a", stream="call")  # runs (held at the gate)
    assert hear.started.wait(5)
    cache.prepare(b"RIFF-b", stream="call")  # queued behind it
    cache.prepare(b"RIFF-c", stream="call")  # the trainee spoke again: b is cancelled before it starts
    gate.set()
    hear.wait_finished(2)
    assert cache.take(b"RIFF-c")[0] is not None
    assert cache.take(b"RIFF-b")[0] is None and cache.take(b"RIFF-a")[0] is None
    assert hear.calls == [b"RIFF-a", b"RIFF-c"]


def test_other_streams_keep_their_drafts(make: Callable[..., DraftCache]) -> None:
    hear = Recogniser()
    cache = make(hear=hear)
    cache.prepare(b"RIFF-a", stream="tab-1")
    cache.prepare(b"RIFF-b", stream="tab-2")
    hear.wait_finished(2)
    assert cache.take(b"RIFF-a")[0] is not None and cache.take(b"RIFF-b")[0] is not None


def test_a_queued_draft_is_waited_for(make: Callable[..., DraftCache]) -> None:
    gate = threading.Event()
    hear = Recogniser(gate=gate)
    cache = make(hear=hear)
    cache.prepare(b"RIFF-a", stream="tab-1")
    assert hear.started.wait(5)
    cache.prepare(b"RIFF-b", stream="tab-2")  # behind tab-1's draft in the single worker
    threading.Timer(0.05, gate.set).start()
    heard, outcome = cache.take(b"RIFF-b")
    assert heard is not None and outcome.used
    assert hear.calls == [b"RIFF-a", b"RIFF-b"]


def test_a_running_draft_is_waited_for(make: Callable[..., DraftCache]) -> None:
    gate = threading.Event()
    hear = Recogniser(gate=gate)
    cache = make(hear=hear)
    cache.prepare(b"RIFF-a")
    assert hear.started.wait(5)
    threading.Timer(0.05, gate.set).start()
    heard, outcome = cache.take(b"RIFF-a")
    assert heard is not None and outcome.used and outcome.waited_seconds > 0


def test_a_draft_that_times_out_is_not_used(make: Callable[..., DraftCache]) -> None:
    gate = threading.Event()
    hear = Recogniser(gate=gate)
    cache = make(hear=hear)
    cache.prepare(b"RIFF-a")
    assert hear.started.wait(5)
    heard, outcome = cache.take(b"RIFF-a", timeout=0.01)
    gate.set()
    assert heard is None and not outcome.used


def test_a_failed_draft_leaves_the_final_to_be_heard_again(make: Callable[..., DraftCache]) -> None:
    hear = Recogniser(fail=True)
    cache = make(hear=hear)
    cache.prepare(b"RIFF-a")
    hear.wait_finished(1)
    heard, outcome = cache.take(b"RIFF-a")
    assert heard is None and not outcome.used


def test_drafts_expire(make: Callable[..., DraftCache]) -> None:
    now = [100.0]
    cache = make(hear=Recogniser(), ttl_seconds=30.0, clock=lambda: now[0])
    cache.prepare(b"RIFF-a")
    now[0] += 31.0
    assert len(cache) == 0
    assert cache.take(b"RIFF-a")[0] is None


def test_the_cache_is_bounded(make: Callable[..., DraftCache]) -> None:
    gate = threading.Event()
    hear = Recogniser(gate=gate)
    cache = make(hear=hear, max_entries=3)
    for i in range(6):
        cache.prepare(f"RIFF-{i}".encode())
    gate.set()
    hear.wait_finished(4)  # 0 was running; the oldest queued ones (1, 2) were dropped unheard
    assert len(cache) == 3
    assert cache.take(b"RIFF-0")[0] is None and cache.take(b"RIFF-5")[0] is not None
    assert hear.calls == [b"RIFF-0", b"RIFF-3", b"RIFF-4", b"RIFF-5"]


def test_no_draft_on_a_saturated_machine(make: Callable[..., DraftCache]) -> None:
    load = [9.0]
    hear = Recogniser()
    cache = make(hear=hear, max_load=4.0, load=lambda: load[0])
    assert not cache.prepare(b"RIFF-a")
    assert cache.take(b"RIFF-a")[0] is None and hear.calls == []
    load[0] = 1.0
    assert cache.prepare(b"RIFF-a")
    assert cache.take(b"RIFF-a")[0] is not None


@pytest.mark.parametrize("bad", [{"max_entries": 0}, {"ttl_seconds": 0.0}, {"workers": 0}])
def test_bad_settings_are_refused(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        DraftCache(**bad)  # type: ignore[arg-type]


def test_a_heard_answer_of_other_bytes_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="other audio"):
        transcribe_trainee_answer(
            b"RIFF-final",
            session_id="s",
            turn_index=0,
            offset_seconds=0.0,
            recordings_dir=tmp_path,
            heard=heard_of(b"RIFF-draft"),
        )
    assert not (tmp_path / "s").exists()  # nothing saved


def test_a_heard_answer_is_placed_and_saved_without_hearing_again(tmp_path: Path) -> None:
    wav = b"RIFF-final"
    answer = transcribe_trainee_answer(
        wav, session_id="s", turn_index=2, offset_seconds=10.0, recordings_dir=tmp_path, heard=heard_of(wav)
    )
    assert (answer.text, answer.start, answer.end) == ("hello there", 10.2, 10.9)
    assert (tmp_path / "s" / "turn-2.wav").read_bytes() == wav


def spoken(text: str, out: Path) -> bytes:
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (apt-get install espeak-ng)")
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "160", "-w", str(out), text], check=True, capture_output=True)
    return out.read_bytes()


def test_an_answer_played_from_its_draft_is_stored_as_if_heard_then(
    ws: Workspace, tmp_path: Path, make: Callable[..., DraftCache], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stored (redacted) row has the same text and length, and the same recording is saved, with the draft as
    without it; only recognition ran ahead (the draft saved nothing)."""
    from services import practice, speculative

    monkeypatch.setattr(speculative, "DRAFTS", make())  # drafts whatever the load of the machine running the tests
    user = UserRepo(ws.db).by_username("trainee")
    assert user is not None
    wav = spoken("Thanks for calling. Can I have your card number please?", tmp_path / "answer.wav")
    scenario = ws.library.scenario("billing-double-charge")
    rows = {}
    for drafted in (True, False):
        live = practice.start(ws, user, scenario, engine=practice.customer_engine("scripted"), seed=3)
        if drafted:
            assert speculative.prepare(wav, stream=live.record_id)
            assert not (ws.settings.recordings_dir / live.record_id).exists()  # a draft writes nothing
        assert practice.say_audio(ws, user, live, wav) is not None
        outcome = speculative.outcome(wav)
        assert outcome is not None and outcome.used is drafted
        saved = PracticeRepo(ws.db).get(user, live.record_id).turns
        (agent,) = [t for t in saved if t["speaker"] == "agent"]
        assert Path(agent["audio_path"]).read_bytes() == wav
        # the turn's place on the clock depends on when each call started; its text and length do not
        rows[drafted] = {"text": agent["text"], "length": round(agent["end"] - agent["start"], 3)}
    assert rows[True]["text"] and rows[True] == rows[False]
