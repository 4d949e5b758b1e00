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


def yaml_area(at):  # type: ignore[no-untyped-def]
    """The YAML editor (the form has text areas of its own)."""
    return next(t for t in at.text_area if t.label == "YAML")


def assign_pick(at):  # type: ignore[no-untyped-def]
    return next(s for s in at.selectbox if s.label == "Scenario")


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_validation_error_then_fix_then_save_new_version(app_as, db: Database) -> None:  # type: ignore[no-untyped-def]
    at = app_as("trainer")
    assert at.title[0].value == "Author"
    broken = new_scenario_text(broken=True)
    yaml_area(at).input(broken).run()
    shown = texts(at)
    difficulty_line, rubric_line = line_of(broken, "difficulty: eleven"), line_of(broken, "rubric: no-such-rubric")
    assert f"**Line {difficulty_line}:** difficulty" in shown
    assert "`difficulty: eleven`" in shown  # the line itself is quoted under the problem
    assert f"**Line {rubric_line}:** rubric 'no-such-rubric' does not exist" in shown
    numbered = "\n".join(c.value for c in at.code)
    assert f">> {difficulty_line:>3} │ difficulty: eleven" in numbered
    assert f"   {difficulty_line - 1:>3} │ " in numbered  # the lines around it are numbered, unmarked
    save = next(b for b in at.button if b.label == "Save new version")
    assert save.disabled
    yaml_area(at).input(new_scenario_text(broken=False)).run()
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
    assert "The line is open" in texts(at)  # an inbound call: the author greets first, as a trainee would
    at.text_input(key="preview_input").input("Thanks for calling Northwind, this is Sam. How can I help?")
    click(at, "Send")
    assert "The line is open" not in texts(at)
    at.text_input(key="preview_input").input("Can I have your account number and postcode please?")
    click(at, "Send")
    assert "ACC-482177" in texts(at)  # the customer answered with their account number


def test_trainer_assigns_scenario_to_trainee(app_as, db: Database) -> None:  # type: ignore[no-untyped-def]
    at = app_as("trainer")
    assign_pick(at).select("refuses-verification").run()
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
    assign_pick(at).select("refuses-verification").run()
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
    original = yaml_area(trainer).value
    assert "pass_mark: 80" in original
    shipped = int(re.search(r"^version: (\d+)$", original, re.MULTILINE).group(1))  # type: ignore[union-attr]
    edited = original.replace(f"version: {shipped}\n", f"version: {shipped + 1}\n", 1).replace(
        "pass_mark: 80", "pass_mark: 10", 1
    )
    yaml_area(trainer).input(edited).run()
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
    edited = yaml_area(trainer).value.replace("pass_mark: 80", "pass_mark: 10", 1)
    yaml_area(trainer).input(edited).run()
    assert re.search(r"set `version: \d+` to save your changes", texts(trainer))
    save = next(b for b in trainer.button if b.label == "Save new version")
    assert save.disabled
    assert AuthoredRepo(db).history(kind="rubric", doc_id="default") == []


def test_blank_template_is_valid_and_saved_scenario_is_assignable_at_once(app_as) -> None:  # type: ignore[no-untyped-def]
    at = app_as("trainer")
    assert "Valid: no problems found." in texts(at)  # the new-scenario template starts green
    template = yaml_area(at).value
    yaml_area(at).input(template.replace("id: my-new-scenario", "id: fresh-one", 1)).run()
    click(at, "Save new version")
    assert "Saved scenario `fresh-one` as revision 1." in texts(at)
    assert any("fresh-one" in o for o in assign_pick(at).options)  # the Assign list knows it without a rerun
    assert at.selectbox(key="author_pick_scenario").value == "fresh-one"  # the saved document stays open


def test_duplicate_opens_a_copy_under_a_new_id(app_as) -> None:  # type: ignore[no-untyped-def]
    at = app_as("trainer")
    at.selectbox(key="author_pick_scenario").select("billing-double-charge").run()
    click(at, "Duplicate")
    assert at.selectbox(key="author_pick_scenario").value.startswith("➕")
    copy = yaml_area(at).value
    assert "id: billing-double-charge-copy" in copy
    assert "title: Charged twice for the same month (copy)" in copy
    assert "Valid: no problems found." in texts(at)


def test_form_edits_reach_the_yaml_and_validate(app_as) -> None:  # type: ignore[no-untyped-def]
    at = app_as("trainer")
    at.selectbox(key="author_pick_scenario").select("billing-double-charge").run()
    title = next(t for t in at.text_input if t.label == "Title")
    title.input("Double charge, calm version")
    anger = next(s for s in at.slider if s.label == "Starting anger range")
    anger.set_value((0.1, 0.3))
    click(at, "Apply to YAML")
    text = yaml_area(at).value
    assert "title: Double charge, calm version" in text
    assert "anger_range: [0.1, 0.3]" in text
    assert "# " in text.splitlines()[0]  # the file's comments survive the form
    assert "Valid: no problems found." in texts(at)
    # and the form shows what the YAML says after an edit in the YAML view
    yaml_area(at).input(text.replace("title: Double charge, calm version", "title: Edited in YAML", 1)).run()
    assert next(t for t in at.text_input if t.label == "Title").value == "Edited in YAML"


def test_default_is_the_easiest_scenario_and_due_dates_and_unassign(app_as, db: Database) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    at = app_as("trainer")
    pick = assign_pick(at)
    from domain.loader import load_library

    lib = load_library()
    easiest = min(lib.scenarios.values(), key=lambda s: (s.difficulty, s.id))
    assert pick.value == easiest.id
    assert lib.scenarios[pick.value].difficulty == 1
    due = dt.date(2026, 12, 24)
    at.date_input(key="assign_due").set_value(due).run()
    click(at, "Assign")
    assert f"Assigned `{easiest.id}` to trainee. Due 2026-12-24." in texts(at)
    trainee = UserRepo(db).by_username("trainee")
    assert trainee is not None
    [record] = AssignmentRepo(db).list(trainee)
    assert record.due_date == due
    click(at, "Un-assign")
    assert f"Un-assigned `{easiest.id}` from trainee." in texts(at)
    assert AssignmentRepo(db).list(trainee) == []
