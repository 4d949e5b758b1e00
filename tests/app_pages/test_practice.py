"""A whole practice call by text, ending in a stored scorecard; resume; the stale-tab guard."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from storage import Database, PracticeRepo, ScoreRepo, UserRepo
from tests.app_pages.conftest import click, texts

GOOD_CALL = [
    "Thank you for calling, my name is Alex, this call is recorded for quality. How can I help?",
    "I'm so sorry about that, I understand how frustrating a double charge is. "
    "Can I have your account number and postcode?",
    "Thank you, you're verified. Which dates do you see the two charges on, and how much were they?",
    "I can see the duplicate. I'll reverse the duplicate charge of $59.99 from March 3; "
    "the refund takes 3 to 5 business days.",
    "To summarise: the duplicate is reversed, you'll see it in 3 to 5 business days. "
    "Is there anything else I can help with?",
]


def start_call(at: AppTest, scenario: str = "billing-double-charge") -> AppTest:
    at.selectbox(key="practice_pick").select(scenario).run()
    return click(at, "Start call")


def say(at: AppTest, text: str) -> AppTest:
    at.chat_input[0].set_value(text).run()
    assert not at.exception, at.exception
    return at


def test_whole_text_call_ends_in_stored_scorecard(app_as, db: Database) -> None:  # type: ignore[no-untyped-def]
    at = app_as("trainee")
    start_call(at)
    assert "Verify the caller's identity" in texts(at)  # CRM locked before verification
    assert "ACC-482177" not in texts(at)
    trainee = UserRepo(db).by_username("trainee")
    assert trainee is not None
    for n, line in enumerate(GOOD_CALL):
        say(at, line)
        # saved after every turn: the stored session has every turn so far
        (rec,) = PracticeRepo(db).unfinished(trainee)
        stored = PracticeRepo(db).get(trainee, rec.id)
        assert [t["text"] for t in stored.turns if t["speaker"] == "agent"] == GOOD_CALL[: n + 1]
    assert "Identity verified" in texts(at)
    assert "ACC-482177" in str(at.dataframe[0].value)  # the CRM panel opens once verified
    live = at.session_state["practice_live"]
    if live.session.ended:  # the customer may hang up after the closing; the page then says so
        assert f"The call has ended ({live.session.end_state})" in texts(at)
        assert at.chat_input[0].disabled
    else:
        assert not at.chat_input[0].disabled
    click(at, "End call and score")
    assert not at.exception
    (card,) = ScoreRepo(db).list(trainee)
    assert card.source == "practice" and card.scenario_id == "billing-double-charge"
    assert card.rubric_id == "default" and "kind: rubric" in card.rubric_yaml
    assert set(card.card["criteria"]) >= {"empathy", "policy_compliance"}
    page = texts(at)
    assert "Overall" in page and ("PASS" in page or "FAIL" in page)
    assert "Coaching" in page or not card.card["coaching"]
    assert sum("criterion-bar" in str(m.value) for m in at.markdown) >= 3  # one coloured bar per criterion
    assert not PracticeRepo(db).unfinished(trainee)


def test_unfinished_call_is_offered_on_next_login(app_as, db: Database) -> None:  # type: ignore[no-untyped-def]
    at = app_as("trainee")
    start_call(at)
    say(at, GOOD_CALL[0])
    again = app_as("trainee")  # a fresh browser session
    assert "Unfinished call" in texts(again)
    click(again, "End and score")
    assert not again.exception
    trainee = UserRepo(db).by_username("trainee")
    assert trainee is not None
    (card,) = ScoreRepo(db).list(trainee)
    agent_turns = [t for t in card.transcript["turns"] if t["speaker"] == "agent"]
    assert agent_turns[0]["text"] == GOOD_CALL[0]


def test_resume_continues_where_it_left_off(app_as, db: Database) -> None:  # type: ignore[no-untyped-def]
    at = app_as("trainee")
    start_call(at)
    say(at, GOOD_CALL[0])
    again = app_as("trainee")
    click(again, "Resume")
    assert GOOD_CALL[0] in texts(again)
    say(again, GOOD_CALL[1])
    assert GOOD_CALL[1] in texts(again)


def test_stale_tab_gets_message_and_overwrites_nothing(app_as, db: Database) -> None:  # type: ignore[no-untyped-def]
    tab1 = app_as("trainee")
    start_call(tab1)
    tab2 = app_as("trainee")
    click(tab2, "Resume")
    say(tab2, "Hello from tab two, this call is recorded.")
    say(tab1, "Hello from tab one.")
    assert "changed in another tab" in texts(tab1)
    trainee = UserRepo(db).by_username("trainee")
    assert trainee is not None
    (rec,) = PracticeRepo(db).unfinished(trainee)
    stored = [t["text"] for t in PracticeRepo(db).get(trainee, rec.id).turns if t["speaker"] == "agent"]
    assert stored == ["Hello from tab two, this call is recorded."]
    click(tab1, "Reload the latest saved version")
    assert "Hello from tab two" in texts(tab1)


def test_trainee_cannot_open_another_trainees_session(db: Database) -> None:
    users = UserRepo(db)
    one, two = users.by_username("trainee"), users.by_username("trainee2")
    assert one is not None and two is not None
    rec = PracticeRepo(db).start(one, scenario_id="billing-double-charge", snapshot={})
    import pytest

    from storage import StorageError

    with pytest.raises(StorageError):
        PracticeRepo(db).get(two, rec.id)
    assert PracticeRepo(db).unfinished(two) == []


def test_unresumable_saved_call_says_why_and_can_be_discarded(app_as, db: Database) -> None:  # type: ignore[no-untyped-def]
    trainee = UserRepo(db).by_username("trainee")
    assert trainee is not None
    PracticeRepo(db).start(trainee, scenario_id="scenario-that-was-deleted", snapshot={"garbage": True})
    at = app_as("trainee")
    click(at, "Resume")
    assert not at.exception
    assert any("cannot be resumed" in e.value for e in at.error), texts(at)
    click(at, "Discard this call")
    assert "Unfinished call" not in texts(at)
    assert PracticeRepo(db).unfinished(trainee) == []


def test_empty_call_is_not_scorable_and_leaves_the_assignment_open(app_as, db: Database) -> None:  # type: ignore[no-untyped-def]
    from storage import AssignmentRepo

    users = UserRepo(db)
    trainer, trainee = users.by_username("trainer"), users.by_username("trainee")
    assert trainer is not None and trainee is not None
    AssignmentRepo(db).assign(trainer, trainee_id=trainee.id, scenario_id="billing-double-charge")
    at = app_as("trainee")
    start_call(at)
    click(at, "End call and score")
    assert not at.exception, at.exception
    (card,) = ScoreRepo(db).list(trainee)
    assert not card.passed
    page = texts(at)
    assert "Not scorable:" in page and "PASS" not in page
    assert [a.scenario_id for a in AssignmentRepo(db).list(trainee, open_only=True)] == ["billing-double-charge"]


def test_inbound_phone_call_waits_for_the_greeting_and_the_problem_is_said_once(app_as, db: Database) -> None:  # type: ignore[no-untyped-def]
    at = app_as("trainee")
    start_call(at)
    live = at.session_state["practice_live"]
    assert live.session.turns == [] and "The line is open: greet the caller." in texts(at)
    assert not at.get("chat_message")  # the caller has said nothing yet
    waiting = live.session.pending_opening
    assert waiting
    say(at, GOOD_CALL[0])
    turns = at.session_state["practice_live"].session.turns
    assert [t.speaker for t in turns] == ["agent", "customer"]
    opening = turns[1].text
    assert opening == waiting  # the opening line that was waiting, said once, in reply to the greeting
    say(at, GOOD_CALL[1])
    later = [t.text for t in at.session_state["practice_live"].session.turns if t.speaker == "customer"][1:]
    assert opening not in later  # never restated
    # a phone call has Hold, Transfer and Escalate
    assert {b.key for b in at.button} >= {"ctl_hold", "ctl_transfer", "ctl_escalate", "end_call"}


def test_escalate_is_not_transfer(app_as, db: Database) -> None:  # type: ignore[no-untyped-def]
    at = app_as("trainee")
    start_call(at)
    say(at, GOOD_CALL[0])
    at.button(key="ctl_escalate").click().run()
    assert not at.exception, at.exception
    session = at.session_state["practice_live"].session
    assert [t.text for t in session.turns if t.speaker == "system"] == ["[escalate]"]
    assert "Escalated to a supervisor" in texts(at)


def test_chat_is_typed_without_hold_or_voice(app_as, db: Database) -> None:  # type: ignore[no-untyped-def]
    at = app_as("trainee")
    start_call(at, "slow-wifi-chat")
    assert not at.exception, at.exception
    keys = {b.key for b in at.button}
    assert "ctl_hold" not in keys and {"ctl_transfer", "ctl_escalate"} <= keys
    assert len(at.chat_input) == 1 and at.chat_input[0].placeholder == "Type a message"
    assert not at.get("audio")  # the customer's line is not read aloud
    assert at.session_state["practice_live"].session.turns[0].speaker == "customer"  # a chat opens with the customer
    assert "Close the chat and score" in [b.label for b in at.button]


def test_email_is_a_compose_box_sent_once(app_as, db: Database) -> None:  # type: ignore[no-untyped-def]
    at = app_as("trainee")
    start_call(at, "unrecognised-charge-email")
    assert not at.exception, at.exception
    keys = {b.key for b in at.button}
    assert "ctl_hold" not in keys and "ctl_transfer" not in keys and "ctl_escalate" in keys
    assert not at.chat_input and not at.get("audio")
    body = "Hello,\n\nThank you for writing. Could you confirm your account number and postcode?\n\nKind regards, Alex"
    at.text_input(key="email_1_subject").input("Your charge")
    at.text_area(key="email_1_body").input(body)
    click(at, "Send")
    assert not at.exception, at.exception
    agent = [t.text for t in at.session_state["practice_live"].session.turns if t.speaker == "agent"]
    assert agent == ["Subject: Your charge\n\n" + body]  # one email, multi-line, sent once
    assert at.text_area[0].value == ""  # the compose box is empty again


def test_refresh_resumes_the_call_without_a_press(app_as, db: Database) -> None:  # type: ignore[no-untyped-def]
    at = app_as("trainee")
    start_call(at)
    say(at, GOOD_CALL[0])
    again = app_as("trainee")  # a new browser session: without a cookie the call is offered
    assert "Unfinished call" in texts(again)
    again.session_state["auth_restored"] = True  # what ui.auth sets when the login cookie restored the session
    again.run()
    assert not again.exception, again.exception
    assert "Unfinished call" not in texts(again)
    assert GOOD_CALL[0] in texts(again) and again.chat_input[0].placeholder == "Type your answer"
