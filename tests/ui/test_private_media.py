"""Recordings are embedded in the page, never served at a /media URL that anyone could fetch."""

from __future__ import annotations

import base64
import io
import wave

from streamlit.testing.v1 import AppTest

from ui.private_media import audio_data_uri


def _wav(seconds: float = 0.2) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(b"\x01\x00" * int(16000 * seconds))
    return buffer.getvalue()


def _page(wav: bytes) -> None:
    from ui.private_media import private_audio

    private_audio(wav, label='Turn 2 "answer"')


def test_data_uri_round_trips() -> None:
    wav = _wav()
    uri = audio_data_uri(wav)
    assert uri.startswith("data:audio/wav;base64,")
    assert base64.b64decode(uri.split(",", 1)[1]) == wav


def test_recording_is_embedded_not_served_as_media() -> None:
    wav = _wav()
    at = AppTest.from_function(_page, args=(wav,)).run()
    assert not at.exception
    assert len(at.get("audio")) == 0  # no st.audio element: nothing registered with the media file manager
    html_bodies = [str(e.proto.body) for e in at.get("html")]
    assert any(audio_data_uri(wav) in body for body in html_bodies)
    assert any("Turn 2 &quot;answer&quot;" in body for body in html_bodies)  # label escaped


def test_empty_recording_says_so() -> None:
    at = AppTest.from_function(_page, args=(b"",)).run()
    assert not at.exception
    assert len(at.get("html")) == 0
    assert "empty" in at.caption[0].value


def _anchored(wav: bytes) -> None:
    from ui.private_media import private_audio

    private_audio(wav, label="Turn 3", anchor='turn-3-audio"><script>')


def test_anchor_names_the_player_escaped() -> None:
    at = AppTest.from_function(_anchored, args=(_wav(),)).run()
    (body,) = [str(e.proto.body) for e in at.get("html")]
    assert body.startswith('<audio id="turn-3-audio&quot;&gt;&lt;script&gt;" controls')
