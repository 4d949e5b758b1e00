"""scripts/load_app.py only ever targets 127.0.0.1 and reports percentiles correctly."""

from __future__ import annotations

import pytest

from tests.security.load_app_module import load_app_module


@pytest.mark.parametrize("url", ["http://127.0.0.1:8501", "http://127.0.0.1:8501/", "http://127.0.0.1:1/x?y=1"])
def test_local_urls_are_accepted(url: str) -> None:
    assert load_app_module().check_local(url).startswith("http://127.0.0.1:")


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:8501",
        "http://0.0.0.0:8501",
        "http://example.com:8501",
        "https://127.0.0.1:8501",
        "http://127.0.0.1",
        "http://127.0.0.1.nip.io:8501",
        "http://127.0.0.1:80@evil.example:8501",
        "http://[::1]:8501",
        "http://10.0.0.1:8501",
        "ws://127.0.0.1:8501",
    ],
)
def test_anything_else_is_refused(url: str) -> None:
    with pytest.raises(SystemExit, match="refusing"):
        load_app_module().check_local(url)


def test_percentiles() -> None:
    p = load_app_module().percentile
    values = [float(v) for v in range(1, 101)]
    assert p(values, 50) == 50.0 or p(values, 50) == 51.0
    assert p(values, 95) in (95.0, 96.0)
    assert p([3.0], 95) == 3.0
    assert p([], 50) != p([], 50)  # NaN for no data, never a made-up number


def test_seconds_are_capped() -> None:
    assert load_app_module().MAX_SECONDS <= 60
