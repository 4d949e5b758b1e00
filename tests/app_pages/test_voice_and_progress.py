"""A spoken answer through st.audio_input (real espeak-ng speech, real whisper), progress and batch pages."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from domain.config import Settings
from storage import Database, PracticeRepo, UserRepo
from tests.app_pages.conftest import click, texts
from tests.app_pages.test_practice import GOOD_CALL, say, start_call


def spoken(text: str) -> bytes:
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (apt-get install espeak-ng)")
    out = subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "--stdout", text], capture_output=True, check=True)
    return out.stdout


def test_voice_answer_is_transcribed_saved_and_replayable(app_as, db: Database, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    at = app_as("trainee")
    start_call(at)
    say(at, GOOD_CALL[0])  # the agent opens an inbound call; the caller then states the problem
    wav = spoken("Can I have your account number and postcode please?")
    at.audio_input[0].set_value(("answer.wav", wav, "audio/wav")).run()
    assert not at.exception, at.exception
    trainee = UserRepo(db).by_username("trainee")
    assert trainee is not None
    (rec,) = PracticeRepo(db).unfinished(trainee)
    agent = [t for t in PracticeRepo(db).get(trainee, rec.id).turns if t["speaker"] == "agent"]
    assert len(agent) == 2 and "account" in agent[1]["text"].lower()
    assert agent[1]["audio_path"] and (settings.recordings_dir / rec.id / "turn-2.wav").is_file()
    assert "ACC-482177" in texts(at)  # the customer answered the spoken question
    click(at, "End call and score")
    # the spoken answer plays on its own turn, where the scorecard quotes it
    assert any('id="turn-2-audio"' in str(h.proto.body) for h in at.get("html"))


def test_progress_shows_history_and_suggestion(app_as, db: Database) -> None:  # type: ignore[no-untyped-def]
    at = app_as("trainee")
    start_call(at)
    for line in GOOD_CALL[:2]:
        say(at, line)
    click(at, "End call and score")
    at.switch_page("app_pages/progress.py").run()
    assert not at.exception, at.exception
    page = texts(at)
    assert "Next suggested scenario" in page and "Calls scored" in page
    other = app_as("trainee2")
    other.switch_page("app_pages/progress.py").run()
    assert "No scored calls yet" in texts(other)  # trainee2 does not see trainee's history


def test_batch_results_page(app_as) -> None:  # type: ignore[no-untyped-def]
    at = app_as("supervisor")
    at.switch_page("app_pages/batch_results.py").run()
    rows = [
        {
            "transcript": t,
            "rubric": {"id": "default", "version": 1},
            "overall": o,
            "passed": o >= 80,
            "auto_fail": [],
            "criteria": {"empathy": {"score": o, "weight": 1.0, "applicable": True, "evidence": [], "reasons": []}},
            "coaching": ["Say sorry sooner."],
        }
        for t, o in [("good", 92.0), ("bad", 31.0)]
    ]
    data = "\n".join(json.dumps(r) for r in rows).encode()
    at.file_uploader(key="batch_file").set_value(("results.jsonl", data, "application/json")).run()
    assert not at.exception, at.exception
    assert at.selectbox(key="batch_pick").value == "bad"  # worst first
    assert "Say sorry sooner." in texts(at)
    at.file_uploader(key="batch_file").set_value(("results.pdf", b"%PDF", "application/pdf")).run()
    assert any("expected the .csv or .jsonl" in e.value for e in at.error)


def _play_good_call(at) -> None:  # type: ignore[no-untyped-def]
    start_call(at)
    for line in GOOD_CALL:
        say(at, line)
    if any(b.label == "End call and score" for b in at.button):
        click(at, "End call and score")


def test_practise_it_opens_the_suggested_scenario_not_the_one_just_played(app_as, db: Database) -> None:  # type: ignore[no-untyped-def]
    import re

    at = app_as("trainee")
    _play_good_call(at)
    at.switch_page("app_pages/progress.py").run()
    found = re.search(r"\*\*Next suggested scenario:\*\* .* \(`([a-z0-9_-]+)`\)", texts(at))
    assert found, texts(at)
    suggested = found.group(1)
    assert suggested != "billing-double-charge"  # not the scenario just played
    click(at, "Practise it")
    assert not at.exception, at.exception
    assert at.selectbox(key="practice_pick").value == suggested


def test_override_moves_the_headline_and_filters_narrow_the_dashboard(app_as, db: Database) -> None:  # type: ignore[no-untyped-def]
    from storage import ScoreRepo

    at = app_as("trainee")
    _play_good_call(at)
    trainee, sup = UserRepo(db).by_username("trainee"), UserRepo(db).by_username("supervisor")
    assert trainee is not None and sup is not None
    [card] = ScoreRepo(db).list(trainee)
    assert card.overall is not None
    worst = min(
        (n for n, c in card.card["criteria"].items() if c.get("applicable", True) and c.get("score") is not None),
        key=lambda n: card.card["criteria"][n]["score"],
    )
    ScoreRepo(db).add_override(sup, card.id, criterion=worst, score=100.0, comment="heard it on the recording")
    at.switch_page("app_pages/progress.py").run()
    headline = next(m for m in at.metric if m.label == "Score after review")
    assert f"vs automatic {card.overall:.1f}" in str(headline.proto.delta)
    page = texts(at)
    weak = next(d.value for d in at.dataframe if "criterion" in d.value.columns)
    assert len(weak) and all("_" not in c for c in weak["criterion"])  # readable names, not raw keys
    assert all(round(m, 1) == m for m in weak["mean"])
    assert "Calls scored" in page

    board = app_as("supervisor")
    board.switch_page("app_pages/team.py").run()
    assert not board.exception, board.exception
    contacts = lambda: next(m.value for m in board.metric if m.label == "Contacts")  # noqa: E731
    assert contacts() == "1"
    board.multiselect(key="team_channels").set_value(["phone"]).run()
    assert contacts() == "1"
    board.multiselect(key="team_teams").set_value(["new-hires-nov"]).run()
    assert contacts() == "1"
    UserRepo(db).set_team("trainee", "evening")
    board.run()
    assert contacts() == "0"
    board.multiselect(key="team_teams").set_value([]).run()
    weak = next(d.value for d in board.dataframe if "criterion" in d.value.columns)
    assert len(weak) and all("_" not in c for c in weak["criterion"])
