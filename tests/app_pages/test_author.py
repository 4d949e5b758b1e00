"""Authoring: a scenario YAML with an error shows file:line problems and cannot be saved; fixed, it saves a version."""

from __future__ import annotations

import re

from domain.config import PROJECT_ROOT
from storage import AssignmentRepo, AuthoredRepo, Database, UserRepo
from tests.app_pages.conftest import click, texts

SOURCE = (PROJECT_ROOT / "scenarios/scenarios/billing-double-charge.yaml").read_text(encoding="utf-8")
NEW_ID = "billing-double-charge-copy"


def new_scenario_text(*, broken: bool) -> str:
    text = SOURCE.replace("id: billing-double-charge\n", f"id: {NEW_ID}\n", 1)
    if broken:
        text = text.replace("difficulty: 2\n", "difficulty: eleven\n", 1)
        text = text.replace("rubric: default\n", "rubric: no-such-rubric\n", 1)
    return text


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_validation_error_then_fix_then_save_new_version(app_as, db: Database) -> None:  # type: ignore[no-untyped-def]
    at = app_as("trainer")
    assert at.title[0].value == "Author"
    broken = new_scenario_text(broken=True)
    at.text_area[0].input(broken).run()
    shown = "\n".join(c.value for c in at.code)
    assert f"new.yaml:{line_of(broken, 'difficulty: eleven')}: difficulty" in shown
    assert f"new.yaml:{line_of(broken, 'rubric: no-such-rubric')}: rubric 'no-such-rubric' does not exist" in shown
    save = next(b for b in at.button if b.label == "Save new version")
    assert save.disabled
    at.text_area[0].input(new_scenario_text(broken=False)).run()
    assert "Valid: no problems found." in texts(at)
    click(at, "Save new version")
    assert f"Saved scenario `{NEW_ID}` as revision 1" in texts(at)
    click(at, "Save new version")
    assert "as revision 2" in texts(at)
    history = AuthoredRepo(db).history(kind="scenario", doc_id=NEW_ID)
    assert [h.revision for h in history] == [2, 1]
    # the saved scenario is now in the library every page uses
    at.switch_page("app_pages/library.py").run()
    assert NEW_ID in "\n".join(e.label for e in at.expander)


def test_preview_plays_the_scenario_with_the_scripted_customer(app_as) -> None:  # type: ignore[no-untyped-def]
    at = app_as("trainer")
    at.selectbox(key="author_pick_scenario").select("billing-double-charge").run()
    assert "Preview" in texts(at)
    at.text_input(key="preview_input").input("Can I have your account number and postcode please?")
    click(at, "Send")
    assert "ACC-482177" in texts(at)  # the customer answered with their account number


def test_trainer_assigns_scenario_to_trainee(app_as, db: Database) -> None:  # type: ignore[no-untyped-def]
    at = app_as("trainer")
    at.selectbox(key="assign_what").select("refuses-verification").run()
    click(at, "Assign")
    assert "Assigned `refuses-verification`" in texts(at)
    trainee = UserRepo(db).by_username("trainee")
    assert trainee is not None
    assert [a.scenario_id for a in AssignmentRepo(db).list(trainee)] == ["refuses-verification"]
    practice = app_as("trainee")
    assert "Assigned to you: `refuses-verification`" in texts(practice)


def test_trainer_assigns_scenario_to_a_team_and_both_trainees_see_it(app_as, db: Database) -> None:  # type: ignore[no-untyped-def]
    at = app_as("trainer")
    at.radio(key="assign_to").set_value("team").run()
    assert at.selectbox(key="assign_team").value == "new-hires-nov"
    assert "Members: trainee, trainee2" in "\n".join(c.value for c in at.caption)
    at.selectbox(key="assign_what").select("refuses-verification").run()
    click(at, "Assign")
    assert "Assigned `refuses-verification` to team new-hires-nov: 2 new assignment(s)." in texts(at)
    click(at, "Assign")
    assert "0 new assignment(s) (everyone already had it open)" in texts(at)
    for name in ("trainee", "trainee2"):
        practice = app_as(name)
        assert "Assigned to you: `refuses-verification`" in texts(practice)


def test_edited_rubric_scores_new_calls_and_old_scorecards_keep_theirs(app_as, db: Database) -> None:  # type: ignore[no-untyped-def]
    from storage import ScoreRepo
    from tests.app_pages.test_practice import GOOD_CALL, say, start_call

    trainee_app = app_as("trainee")
    start_call(trainee_app)
    say(trainee_app, GOOD_CALL[0])
    click(trainee_app, "End call and score")
    trainer = app_as("trainer")
    trainer.radio(key="author_kind").set_value("rubric").run()
    trainer.selectbox(key="author_pick_rubric").select("default").run()
    original = trainer.text_area[0].value
    assert "pass_mark: 80" in original
    shipped = int(re.search(r"^version: (\d+)$", original, re.MULTILINE).group(1))  # type: ignore[union-attr]
    edited = original.replace(f"version: {shipped}\n", f"version: {shipped + 1}\n", 1).replace(
        "pass_mark: 80", "pass_mark: 10", 1
    )
    trainer.text_area[0].input(edited).run()
    click(trainer, "Save new version")
    assert "Saved rubric `default` as revision 1" in texts(trainer)
    again = app_as("trainee")
    start_call(again)
    say(again, GOOD_CALL[0])
    click(again, "End call and score")
    trainee = UserRepo(db).by_username("trainee")
    assert trainee is not None
    old, new = ScoreRepo(db).list(trainee)
    assert (old.rubric_version, old.rubric_revision, "pass_mark: 80" in old.rubric_yaml) == (shipped, None, True)
    assert (new.rubric_version, new.rubric_revision, "pass_mark: 10" in new.rubric_yaml) == (shipped + 1, 1, True)


def test_changed_rubric_under_the_same_version_is_refused(app_as, db: Database) -> None:  # type: ignore[no-untyped-def]
    trainer = app_as("trainer")
    trainer.radio(key="author_kind").set_value("rubric").run()
    trainer.selectbox(key="author_pick_rubric").select("default").run()
    edited = trainer.text_area[0].value.replace("pass_mark: 80", "pass_mark: 10", 1)
    trainer.text_area[0].input(edited).run()
    assert re.search(r"set `version: \d+` to save your changes", texts(trainer))
    save = next(b for b in trainer.button if b.label == "Save new version")
    assert save.disabled
    assert AuthoredRepo(db).history(kind="rubric", doc_id="default") == []
