"""Upload checks happen before any parsing: type, emptiness, size limits from Settings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from domain.config import Settings
from services.uploads import UploadRejected, check, kind_of


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.txt", "text"),
        ("B.JSON", "text"),
        ("c.vtt", "text"),
        ("d.srt", "text"),
        ("e.csv", "text"),
        ("f.wav", "audio"),
        ("g.mp3", "audio"),
        ("h.m4a", "audio"),
    ],
)
def test_known_types(name: str, kind: str) -> None:
    assert kind_of(name) == kind


@pytest.mark.parametrize("name", ["x.exe", "x.pdf", "noext", "x.docx", "x.yaml"])
def test_other_types_refused_with_the_list(name: str) -> None:
    with pytest.raises(UploadRejected, match="not accepted; use one of"):
        kind_of(name)


def test_size_limits_come_from_settings(settings: Settings) -> None:
    mb = 1024 * 1024
    assert check("a.json", settings.max_text_upload_mb * mb, settings) == "text"
    with pytest.raises(UploadRejected, match=f"limit for text files is {settings.max_text_upload_mb} MB"):
        check("a.json", settings.max_text_upload_mb * mb + 1, settings)
    with pytest.raises(UploadRejected, match="limit for audio files"):
        check("a.wav", settings.max_audio_upload_mb * mb + 1, settings)
    with pytest.raises(UploadRejected, match="empty"):
        check("a.wav", 0, settings)


@hsettings(max_examples=200, deadline=None)
@given(name=st.text(max_size=40), size=st.integers(min_value=-1, max_value=10**12))
def test_check_only_accepts_or_rejects(name: str, size: int) -> None:
    s = Settings()
    try:
        kind = check(name, size, s)
    except UploadRejected as exc:
        assert str(exc)
    else:
        assert kind in ("text", "audio") and size > 0
