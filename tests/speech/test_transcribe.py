"""Transcription with the real bundled tiny.en model on real speech made by espeak-ng."""

from __future__ import annotations

from pathlib import Path

import pytest

from domain.transcript import Transcript
from speech.errors import AudioError, ModelError
from speech.options import TranscriptionOptions
from speech.transcribe import Transcriber, transcribe_bytes, transcribe_file
from tests.speech.conftest import CALL_SCRIPT, CLEAR_SENTENCE, Call, wer

CLEAR_WER_MAX = 0.15  # tiny.en on clean synthetic speech
TELEPHONE_WER_MAX = 0.35  # 8 kHz μ-law, 300-3400 Hz
CALL_WER_MAX = 0.30


def check_timing(transcript: Transcript, duration: float) -> None:
    """Turn starts never go backwards; every time lies within the audio; words exist and are ordered."""
    starts = [t.start for t in transcript.turns]
    assert all(s is not None for s in starts)
    assert starts == sorted(starts)  # type: ignore[type-var]
    for turn in transcript.turns:
        assert turn.start is not None and turn.end is not None
        assert 0.0 <= turn.start <= turn.end <= duration + 0.01
        assert turn.words, "word timestamps are on by default"
        word_starts = [w.start for w in turn.words]
        assert word_starts == sorted(word_starts)
        for w in turn.words:
            assert turn.start - 0.01 <= w.start <= w.end <= turn.end + 0.01


def test_clear_sentence(clear_wav: Path) -> None:
    transcript = transcribe_file(clear_wav)
    text = " ".join(t.text for t in transcript.turns)
    assert wer(CLEAR_SENTENCE, text) <= CLEAR_WER_MAX, text
    assert transcript.id == "clear"
    assert transcript.metadata["speakers_separated"] is False
    assert any("not separated" in n for n in transcript.metadata["notes"])
    assert [t.speaker for t in transcript.turns] == ["agent"]
    check_timing(transcript, transcript.metadata["audio_duration"])


def test_telephone_mulaw_8k(telephone_wav: Path) -> None:
    transcript = transcribe_file(telephone_wav)
    assert transcript.metadata["audio_codec"] == "pcm_mulaw"
    assert transcript.metadata["sample_rate"] == 8000
    text = " ".join(t.text for t in transcript.turns)
    assert wer(CLEAR_SENTENCE, text) <= TELEPHONE_WER_MAX, text
    check_timing(transcript, transcript.metadata["audio_duration"])


@pytest.mark.parametrize("ext", ["flac", "mp3", "m4a", "ogg", "webm"])
def test_compressed_formats(encoded: dict[str, Path], ext: str) -> None:
    transcript = transcribe_file(encoded[ext])
    text = " ".join(t.text for t in transcript.turns)
    assert wer(CLEAR_SENTENCE, text) <= CLEAR_WER_MAX + 0.1, (ext, text)


def test_bytes_api_sniffs_format_not_name(encoded: dict[str, Path]) -> None:
    data = encoded["ogg"].read_bytes()
    transcript = transcribe_bytes(data, filename="upload.wav")  # wrong extension on purpose
    assert transcript.id == "upload"
    assert transcript.metadata["audio_format"] == "ogg"
    assert wer(CLEAR_SENTENCE, " ".join(t.text for t in transcript.turns)) <= CLEAR_WER_MAX + 0.1


def test_bytes_api_with_unsafe_filename(clear_wav: Path) -> None:
    transcript = transcribe_bytes(clear_wav.read_bytes(), filename="../../etc/passwd")
    assert "/" not in transcript.id and transcript.metadata["source"] == "passwd"


def _speaker_at(transcript: Transcript, t: float) -> str | None:
    for turn in transcript.turns:
        assert turn.start is not None and turn.end is not None
        if turn.start - 0.3 <= t <= turn.end + 0.3:
            return turn.speaker
    return None


@pytest.mark.slow
@pytest.mark.parametrize("agent_channel", ["left", "right"])
def test_stereo_call_separates_speakers(stereo_call: Call, agent_channel: str) -> None:
    options = TranscriptionOptions(agent_channel=agent_channel)  # type: ignore[arg-type]
    transcript = transcribe_file(stereo_call.path, options=options)
    assert transcript.metadata["speakers_separated"] is True
    assert transcript.metadata["agent_channel"] == agent_channel
    flip = {"agent": "customer", "customer": "agent"}
    expected = [t.speaker if agent_channel == "left" else flip[t.speaker] for t in stereo_call.turns]
    assert [t.speaker for t in transcript.turns] == expected
    for scripted, turn in zip(stereo_call.turns, transcript.turns, strict=True):
        assert _speaker_at(transcript, (scripted.start + scripted.end) / 2) == turn.speaker
        assert turn.start is not None and abs(turn.start - scripted.start) < 0.6, (turn.start, scripted.start)
        assert wer(scripted.text, turn.text) <= 0.5, (scripted.text, turn.text)
    reference = " ".join(text for _, text in CALL_SCRIPT)
    assert wer(reference, " ".join(t.text for t in transcript.turns)) <= CALL_WER_MAX
    check_timing(transcript, stereo_call.duration)


@pytest.mark.slow
def test_crosstalk_is_not_transcribed_twice(bleed_call: Call) -> None:
    transcript = transcribe_file(bleed_call.path)
    assert [t.speaker for t in transcript.turns] == [t.speaker for t in bleed_call.turns]
    for scripted, turn in zip(bleed_call.turns, transcript.turns, strict=True):
        assert wer(scripted.text, turn.text) <= 0.5, (scripted.text, turn.text)
    # Without the crosstalk rule each line would be heard on both channels: the check above is not vacuous.
    raw = transcribe_file(bleed_call.path, options=TranscriptionOptions(crosstalk_db=None))
    assert raw.word_count() > 1.5 * transcript.word_count()


def test_identical_stereo_channels_are_treated_as_mono(clear_wav: Path, tmp_path: Path) -> None:
    import subprocess

    dup = tmp_path / "dup.wav"
    subprocess.run(["sox", str(clear_wav), "-c", "2", str(dup)], check=True)
    transcript = transcribe_file(dup)
    assert transcript.metadata["channels"] == 2 and transcript.metadata["speakers_separated"] is False
    assert any(
        n.startswith("stereo file with identical channels: treated as mono") for n in transcript.metadata["notes"]
    )
    assert wer(CLEAR_SENTENCE, transcript.turns[0].text) <= CLEAR_WER_MAX


@pytest.mark.slow
def test_stereo_call_as_mono_is_one_speaker_split_at_pauses(stereo_call: Call, tmp_path: Path) -> None:
    import subprocess

    mono = tmp_path / "mono.wav"
    subprocess.run(["sox", str(stereo_call.path), "-c", "1", str(mono)], check=True)
    whole = transcribe_file(mono, options=TranscriptionOptions(mono_speaker="customer"))
    split = transcribe_file(mono, options=TranscriptionOptions(split_mono_at_pause=0.8))
    assert {t.speaker for t in whole.turns} == {"customer"} and len(whole.turns) == 1
    assert whole.metadata["speakers_separated"] is False
    assert len(split.turns) == len(CALL_SCRIPT)
    for scripted, turn in zip(stereo_call.turns, split.turns, strict=True):
        assert turn.start is not None and abs(turn.start - scripted.start) < 0.6
    check_timing(split, stereo_call.duration)


def test_silence_gives_empty_transcript_not_error(silence_wav: Path) -> None:
    transcript = transcribe_file(silence_wav)
    assert transcript.turns == []
    assert transcript.metadata["empty"] is True
    assert transcript.metadata["empty_reason"] == "no speech detected"


def test_quiet_noise_is_not_turned_into_words(speech_dir: Path) -> None:
    import subprocess

    noise = speech_dir / "noise.wav"
    subprocess.run(
        ["sox", "-n", "-r", "16000", "-b", "16", "-c", "1", str(noise), "synth", "3", "brownnoise", "vol", "0.01"],
        check=True,
    )
    transcript = transcribe_file(noise, options=TranscriptionOptions(vad_filter=True))
    assert transcript.turns == [] and transcript.metadata["empty"] is True


def test_three_hour_file_refused_from_header(three_hour_header_flac: Path) -> None:
    with pytest.raises(AudioError, match=r"3:00:00 long; the limit is 2:00:00"):
        transcribe_file(three_hour_header_flac)


def test_max_duration_is_configurable(clear_wav: Path) -> None:
    with pytest.raises(AudioError, match="limit is 0:00:02"):
        transcribe_file(clear_wav, options=TranscriptionOptions(max_duration_seconds=2))


def test_max_bytes_refused_before_decoding(clear_wav: Path) -> None:
    with pytest.raises(AudioError, match="upload limit"):
        transcribe_bytes(clear_wav.read_bytes(), filename="a.wav", options=TranscriptionOptions(max_bytes=1000))


@pytest.mark.parametrize(
    ("model", "message"),
    [
        ("base.en", "not available offline and downloads are disabled"),
        ("./no/such/model", "model directory not found"),
    ],
)
def test_model_errors_are_clear(clear_wav: Path, model: str, message: str) -> None:
    with pytest.raises(ModelError, match=message):
        transcribe_file(clear_wav, options=TranscriptionOptions(model=model))


def test_directory_without_model_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"no model\.bin"):
        Transcriber(TranscriptionOptions(model=str(tmp_path))).model  # noqa: B018


def test_model_is_loaded_once_and_shared() -> None:
    a = Transcriber(TranscriptionOptions()).model
    b = Transcriber(TranscriptionOptions(agent_channel="right", language="en")).model
    assert a is b


def test_options_from_settings_follow_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from domain.config import Settings

    monkeypatch.setenv("CSR_WHISPER_CPU_THREADS", "1")
    monkeypatch.setenv("CSR_WHISPER_MODEL", "small.en")
    options = TranscriptionOptions.from_settings(Settings(), agent_channel="right")
    assert (options.cpu_threads, options.model, options.agent_channel) == (1, "small.en", "right")
    assert options.allow_download is False
    with pytest.raises(TypeError, match="unknown transcription option"):
        TranscriptionOptions.from_settings(Settings(), beam=3)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"beam_size": 0},
        {"cpu_threads": 0},
        {"max_duration_seconds": 0},
        {"split_mono_at_pause": -1.0},
        {"agent_channel": "middle"},
        {"mono_speaker": "system"},
    ],
)
def test_invalid_options_rejected(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        TranscriptionOptions(**kwargs)  # type: ignore[arg-type]


def test_vad_model_ships_inside_faster_whisper() -> None:
    """The VAD must be offline: its ONNX file comes with the faster-whisper wheel, not from a download."""
    import faster_whisper

    assets = Path(faster_whisper.__file__).parent / "assets"
    assert list(assets.glob("silero*.onnx"))
