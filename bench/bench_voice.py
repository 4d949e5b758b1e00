"""Hands-free voice turn in a real browser: the trainee stops speaking -> the customer's reply text is on screen.

Starts the real app server (``streamlit run app.py``) and Debian's chromium with a fake microphone that
plays a spoken greeting (espeak-ng, padded with silence by sox) in a loop. The page's own VAD
(ui/components/voice.js) notes when speech ended; a MutationObserver notes when the chat grew by the
agent's line and the customer's reply. Latency = reply on screen - end of speech, so the VAD's wait for
silence, the upload, transcription, the simulator, the rerun and the paint all count. It also prints the parts
the page was told (ui.voice.SpokenAnswer.timing): the server's time per answer, whether the speculative draft
was used and how long the answer still waited for it, and the machine's load average (the cores are shared).

Prints ``name=value budget=... ratio=...`` (ratio = budget / measured; >= 1 is within budget).
Run: ``python bench/bench_voice.py [--turns 8]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from a checkout

from tests.support.launch import CHROMIUM_ARGS, app_env, free_port, init_data, start_server, stop_server, wait_ready

CHROMIUM = "/usr/bin/chromium"
BUDGET_S = 1.5
RSS_BUDGET_MB = 1536.0
SPOKEN = "Thank you for calling, my name is Alex. How can I help you today?"
SCENARIO = "Charged twice for the same month (billing-double-charge, difficulty 2)"

# Records (time, number of chat messages) whenever the chat changes; installed before the app loads.
OBSERVER = """
window.__csrChat = [];
new MutationObserver(() => {
  const n = document.querySelectorAll('[data-testid="stChatMessage"]').length;
  const log = window.__csrChat;
  if (!log.length || log[log.length - 1].n !== n) log.push({ t: Date.now(), n });
}).observe(document, { childList: true, subtree: true });
"""


def speech_wav(path: Path, *, text: str = SPOKEN, before: float = 1.0, after: float = 2.5) -> Path:
    """A fake-microphone file: silence, ``text`` spoken by espeak-ng, silence (48 kHz mono 16-bit)."""
    raw = path.with_suffix(".raw.wav")
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "160", "-w", str(raw), text], check=True)
    subprocess.run(
        ["sox", str(raw), "-r", "48000", "-c", "1", "-b", "16", str(path), "pad", str(before), str(after)], check=True
    )
    raw.unlink()
    return path


def fake_mic_args(wav: Path) -> list[str]:
    return [
        *CHROMIUM_ARGS,
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={wav}",
        "--autoplay-policy=no-user-gesture-required",
    ]


def login_and_start_call(page: Any, base: str, *, user: str = "trainee") -> None:
    from playwright.sync_api import expect

    page.goto(base)
    page.get_by_role("textbox", name="User name").fill(user)
    page.get_by_role("textbox", name="Password").fill(f"{user}-demo")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Start call")).to_be_visible()
    page.get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name=SCENARIO).click()
    page.get_by_role("button", name="Start call").click()
    expect(page.get_by_test_id("csr-voice-status")).to_be_visible()


def latencies(page: Any) -> list[float]:
    """Seconds from each end of speech to the chat showing agent line + customer reply."""
    return [t.latency for t in turns(page)]


@dataclass(frozen=True)
class VoiceTurn:
    """One measured turn: the latency, and the parts the page and the server noted for it."""

    latency: float  # end of speech -> reply text on screen, seconds
    draft_sent: bool  # the browser sent a draft with the final's exact bytes
    served: dict[str, Any] | None  # the server's numbers (ui.voice.SpokenAnswer.timing), when they reached the page


def turns(page: Any) -> list[VoiceTurn]:
    sent: list[dict[str, Any]] = page.evaluate("(window.__csrVoice && window.__csrVoice.log) || []")
    chat: list[dict[str, float]] = page.evaluate("window.__csrChat || []")
    served: list[dict[str, Any]] = page.evaluate("(window.__csrVoice && window.__csrVoice.served) || []")
    by_end = {s.get("speech_end_ms"): s for s in served}
    out = []
    for s in sent:
        if by_end.get(s["speechEnd"], {}).get("heard") is False:
            continue  # no speech in it (the fake microphone loops, so a clip may hold a syllable): no reply to time
        before = [c["n"] for c in chat if c["t"] <= s["sentAt"]]
        base = before[-1] if before else 0
        after = [c["t"] for c in chat if c["t"] > s["sentAt"] and c["n"] >= base + 2]
        if after:
            latency = (after[0] - s["speechEnd"]) / 1000
            out.append(VoiceTurn(latency, s.get("draftAt") is not None, by_end.get(s["speechEnd"])))
    return out


def parts(got: list[VoiceTurn]) -> list[str]:
    """Where the time went: the server's share (recognition or the wait for the draft, the turn, the save)."""
    served = [t.served for t in got if t.served]
    used = sum(bool(s["draft_used"]) for s in served)
    lines = [f"drafts_sent={sum(t.draft_sent for t in got)}/{len(got)} drafts_used={used}/{len(served)}"]
    if served:
        answer = [float(s["answer_ms"]) for s in served]
        waited = [float(s["draft_wait_ms"]) for s in served if s.get("draft_wait_ms") is not None]
        heard = [float(s["hear_ms"]) for s in served if s.get("hear_ms") is not None]
        row = f"server_answer_ms median={statistics.median(answer):.0f} max={max(answer):.0f}"
        if waited:
            row += f" draft_wait_ms median={statistics.median(waited):.0f} max={max(waited):.0f}"
        if heard:
            row += f" draft_transcription_ms median={statistics.median(heard):.0f} max={max(heard):.0f}"
        lines.append(row)
    return lines


def rss_mb(pid: int) -> float:
    """Resident memory of the server process (speech model, TTS and encoder loaded by then)."""
    for row in Path(f"/proc/{pid}/status").read_text().splitlines():
        if row.startswith("VmRSS:"):
            return int(row.split()[1]) / 1024
    return float("nan")


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--turns", type=int, default=8, help="voice turns to measure")
    ap.add_argument("--server-log", type=Path, help="keep the app server's output here")
    ap.add_argument("--verbose", action="store_true", help="print every turn")
    args = ap.parse_args()
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=60_000)

    with tempfile.TemporaryDirectory(prefix="csr-bench-voice-") as tmp:
        wav = speech_wav(Path(tmp) / "speech.wav")
        env = app_env(Path(tmp) / "data", CSR_PRACTICE_SEED="3")
        init_data(env)
        port = free_port()
        proc = start_server(port=port, env=env, log=args.server_log or Path(tmp) / "server.log")
        base = f"http://127.0.0.1:{port}"
        try:
            wait_ready(base, timeout=90, proc=proc)
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=fake_mic_args(wav))
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.set_default_timeout(60_000)
                page.add_init_script(OBSERVER)
                login_and_start_call(page, base)
                deadline = time.monotonic() + 30 + 12 * args.turns
                got: list[VoiceTurn] = []
                while time.monotonic() < deadline and len(got) < args.turns:
                    time.sleep(1.0)
                    got = turns(page)
                    if page.get_by_text("The call has ended").count():
                        break
                silent = page.evaluate("(window.__csrVoice.served || []).filter((s) => s.heard === false).length")
                rss = rss_mb(proc.pid)
                browser.close()
        finally:
            stop_server(proc)

    if not got:
        print("voice_turns=0 (no reply measured)")
        return 1
    print(f"app_rss_after_voice_turns={rss:.0f}MB budget={RSS_BUDGET_MB:g}MB ratio={RSS_BUDGET_MB / rss:.2f}")
    seconds = [t.latency for t in got]
    print(f"voice_turns={len(got)} median={statistics.median(seconds):.2f}s max={max(seconds):.2f}s")
    for line in parts(got):
        print(line)
    print(f"utterances_without_speech={silent} (no reply, not timed)")
    if args.verbose:
        for t in got:
            print(f"turn latency={t.latency:.2f}s draft_sent={t.draft_sent} server={t.served}")
    print(f"load_average_1min={os.getloadavg()[0]:.2f} cores={os.cpu_count()}")
    value = p95(seconds)
    print(f"voice_end_of_speech_to_reply_text_p95={value:.2f}s budget={BUDGET_S:g}s ratio={BUDGET_S / value:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
