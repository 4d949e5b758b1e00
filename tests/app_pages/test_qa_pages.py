"""The Disputes and Review sampling pages in AppTest: a dispute opened by the trainee, settled by a supervisor."""

from __future__ import annotations

import pandas as pd
import pytest

from storage import Database, PracticeRepo, UserRepo
from tests.app_pages.conftest import texts
from tests.services.conftest import make_card, make_transcript


def _practice_card(db: Database) -> int:
    trainee = UserRepo(db).by_username("trainee")
    assert trainee is not None
    repo = PracticeRepo(db)
    rec = repo.start(trainee, scenario_id="billing-double-charge", snapshot={"session": {"seed": 1}})
    return repo.finish(
        trainee,
        rec.id,
        expected_version=rec.version,
        snapshot={},
        turns=[],
        card=make_card("p1", 70.0, scores={"empathy": 40.0, "accuracy": 100.0}),
        transcript=make_transcript("p1"),
        rubric_yaml="",
    )


def test_dispute_through_the_pages(db: Database, app_as) -> None:  # type: ignore[no-untyped-def]
    _practice_card(db)
    at = app_as("trainee")
    at.switch_page("app_pages/disputes.py").run()
    assert not at.exception, at.exception
    at.selectbox(key="dispute_criterion").select("empathy")
    at.text_area(key="dispute_comment").input("I apologised at turn 1")
    next(b for b in at.button if b.label == "Dispute").click().run()
    assert not at.exception, at.exception
    assert "Dispute 1 opened." in texts(at)

    other = app_as("trainee2")
    other.switch_page("app_pages/disputes.py").run()
    assert "No disputes." in texts(other) and "apologised" not in texts(other)

    sup = app_as("supervisor")
    sup.switch_page("app_pages/disputes.py").run()
    assert "I apologised at turn 1" in texts(sup)
    sup.radio(key="settle_action_1").set_value("adjusted")
    sup.number_input(key="settle_score_1").set_value(70.0)
    sup.text_area(key="settle_comment_1").input("one apology counts")
    next(b for b in sup.button if b.label == "Settle").click().run()
    assert not sup.exception, sup.exception
    assert "adjusted" in texts(sup) and "one apology counts" in texts(sup)

    at = app_as("trainee")
    at.switch_page("app_pages/disputes.py").run()
    shown = texts(at)
    assert "70.0" in shown and "85.0" in shown  # automatic overall next to the resolved one
    at.switch_page("app_pages/progress.py").run()
    assert not at.exception, at.exception
    assert "Overall 70.0 automatic, 85.0 after disputes" in texts(at)


def test_sampling_page(db: Database, app_as) -> None:  # type: ignore[no-untyped-def]
    rows = [
        {"agent": a, "transcript": f"{a}{i}", "overall": 60 + i, "auto_fail": ""}
        for a in ("lee", "sam")
        for i in range(12)
    ]
    data = pd.DataFrame(rows).to_csv(index=False).encode()
    at = app_as("supervisor")
    at.switch_page("app_pages/sampling.py").run()
    at.file_uploader(key="sample_file").set_value(("results.csv", data, "text/csv")).run()
    assert not at.exception, at.exception
    summary = at.dataframe[0].value
    assert list(summary["agent"]) == ["lee", "sam"] and list(summary["random"]) == [5, 5]
    assert "P(miss 5%)" in summary.columns


def test_trainee_has_no_sampling_page(app_as) -> None:  # type: ignore[no-untyped-def]
    at = app_as("trainee")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("app_pages/sampling.py")


def test_certification_on_progress_and_team_and_lrs_button(
    db: Database, app_as, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from services import certification

    monkeypatch.delenv("CSR_LRS_URL", raising=False)
    _practice_card(db)
    users = UserRepo(db)
    trainee, trainer = users.by_username("trainee"), users.by_username("trainer")
    assert trainee is not None and trainer is not None
    certification.create_plan(db, trainer, trainee_id=trainee.id, scenario_ids=["billing-double-charge"], k=2)
    at = app_as("trainee")
    at.switch_page("app_pages/progress.py").run()
    assert not at.exception, at.exception
    assert "Certifications" in texts(at)
    assert list(at.dataframe[0].value["passes in a row"]) == ["0/2"]
    sup = app_as("supervisor")
    sup.switch_page("app_pages/team.py").run()
    assert "Certifications" in texts(sup)
    next(b for b in sup.button if b.label == "Send results to the learning record store").click().run()
    assert not sup.exception, sup.exception
    assert "2 queued" in texts(sup) and "CSR_LRS_URL is not set" in texts(sup)
