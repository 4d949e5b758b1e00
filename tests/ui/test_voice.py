"""The hands-free voice component's payload (from the browser, so checked) and its wiring into a page."""

from __future__ import annotations

import base64
import io
import wave

import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from ui.voice import MAX_WAV_BYTES, decode_utterance


def wav_bytes(seconds: float = 0.5, *, sample: bytes = b"\x00\x01") -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16_000)
        w.writeframes(sample * int(16_000 * seconds))
    return buf.getvalue()


def test_a_wav_utterance_decodes_to_its_bytes() -> None:
    wav = wav_bytes()
    payload = {"wav": base64.b64encode(wav).decode(), "speech_end_ms": 1.5e12, "rate": 16000}
    assert decode_utterance(payload) == wav


@pytest.mark.parametrize(
    "payload",
    [
        None,
        {},
        {"wav": ""},
        {"wav": "not base64 !!"},
        {"wav": base64.b64encode(b"ID3 an mp3, not a wav").decode()},
        {"wav": "A" * ((MAX_WAV_BYTES * 4) // 3 + 100)},  # longer than a minute of audio
        "a string",
        [1, 2],
    ],
)
def test_malformed_payloads_are_ignored(payload: object) -> None:
    assert decode_utterance(payload) is None


@given(st.one_of(st.none(), st.text(), st.dictionaries(st.text(max_size=8), st.text(max_size=64))))
def test_decode_never_raises(payload: object) -> None:
    result = decode_utterance(payload)
    assert result is None or result.startswith(b"RIFF")


def _page() -> None:
    import streamlit as st

    from ui.clock import handle_time_clock
    from ui.voice import hands_free_answer

    def answer(wav: bytes) -> object:
        st.session_state["played"] = len(wav)
        return None if wav.endswith(b"\x00" * 64) else "reply"

    handle_time_clock(elapsed=12.0, target_seconds=360, running=True)
    spoken = hands_free_answer(key="voice_3", answer=answer)
    st.markdown(f"played {st.session_state.get('played')} heard {None if spoken is None else spoken.heard}")


def test_page_with_hands_free_answer_and_clock_runs_without_deprecated_api(monkeypatch: pytest.MonkeyPatch) -> None:
    import streamlit.deprecation_util as deprecation

    warned: list[str] = []
    monkeypatch.setattr(deprecation, "show_deprecation_warning", lambda msg, *a, **k: warned.append(msg))
    at = AppTest.from_function(_page, default_timeout=60).run()
    assert not at.exception
    assert warned == []
    assert at.audio_input[0].label.startswith("Push to talk")  # the fallback is always there
    assert "played None heard None" in [m.value for m in at.markdown]
    wav = wav_bytes()
    at.audio_input[0].set_value(("a.wav", wav, "audio/wav")).run()
    # played in the widget's callback, before the script: this very run already reports it
    assert f"played {len(wav)} heard True" in [m.value for m in at.markdown], [m.value for m in at.markdown]
    at.run()
    assert f"played {len(wav)} heard None" in [m.value for m in at.markdown]  # reported once, not played again
    silent = wav_bytes(0.4, sample=b"\x00\x00")
    at.audio_input[0].set_value(("b.wav", silent, "audio/wav")).run()
    assert f"played {len(silent)} heard False" in [m.value for m in at.markdown]
