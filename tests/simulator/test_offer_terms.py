"""Offers that pass the case on, tie the customer in, wait too long or bend the rules are not the remedy."""

from __future__ import annotations

import functools
from datetime import date

import pytest

from domain.loader import Library, load_library
from domain.scenario import Resolution
from simulator.offers import (
    allowed_wait,
    check_offer,
    days_named,
    deferred_remedy,
    done_today_waits,
    extract_offer,
    handed_off,
    hour_off_window,
    limited_term,
    locked_in,
    night_burden,
    off_schedule,
    part_of_remedy,
    stated_waits,
    swapped_out,
    watered_down,
    wrong_time,
)


@functools.cache
def _library() -> Library:
    """The bundled library, loaded once per test module (loading takes seconds; tests only read it)."""
    return load_library()


def _res(scenario_id: str, resolution_id: str) -> Resolution:
    sc = _library().scenario(scenario_id)
    return next(r for r in sc.resolutions if r.id == resolution_id)


def _problems(scenario_id: str, resolution_id: str, text: str) -> set[str]:
    sc = _library().scenario(scenario_id)
    res = next(r for r in sc.resolutions if r.id == resolution_id)
    return {p.kind for p in check_offer(res, extract_offer(text), scenario=sc)}


@pytest.mark.parametrize(
    ("text", "passed_on"),
    [
        ("I've logged a ticket with the billing team and they'll review it next week.", True),
        ("Let me transfer you to accounts, they handle refunds.", True),
        ("I've reversed the duplicate; the billing team will send a confirmation.", False),
        ("Refunded, and I've added a note so it doesn't happen again.", False),
    ],
)
def test_passing_the_case_on_with_nothing_done_is_no_remedy(text: str, passed_on: bool) -> None:
    assert handed_off(_res("billing-double-charge", "reverse-duplicate"), text) is passed_on


def test_a_resolution_that_is_itself_an_escalation_may_hand_on() -> None:
    assert not handed_off(_res("late-fee-supervisor", "supervisor-callback"), "The billing team will call you.")


@pytest.mark.parametrize(
    ("text", "tie"),
    [
        ("Essentials is $39.99 a month on an 18-month contract.", "on an 18-month contract"),
        ("You'll sign a new contract for the lower price.", "sign a new contract"),
        ("Essentials is $39.99 a month and there's no contract at all.", None),
        ("You won't pay any early termination fee.", None),
        # a minimum stay is a contract by another name
        ("Essentials is $39.99; you'd just agree to stay on it for twelve months.", "stay on it for twelve months"),
        ("The lower price needs you to commit to 12 months.", "commit to 12 months"),
        ("Essentials has a minimum term of a year.", "minimum term of"),
        ("Essentials is $39.99 a month, held at that price for 12 months.", None),
    ],
)
def test_a_contract_the_resolution_never_named_ties_the_customer_in(text: str, tie: str | None) -> None:
    assert locked_in(_res("elderly-confused-bill", "move-to-essentials"), text) == tie


@pytest.mark.parametrize(
    ("scenario_id", "resolution_id", "days"),
    [
        ("late-fee-supervisor", "supervisor-callback", 1),  # "a call-back within 24 hours"
        ("angry-repeat-caller", "supervisor-callback", 1),  # "calls back today"
        ("billing-double-charge", "reverse-duplicate", 7),  # "3-5 business days" is a calendar week
    ],
)
def test_the_wait_allowed_is_what_the_resolution_itself_promises(
    scenario_id: str, resolution_id: str, days: int
) -> None:
    assert allowed_wait(_res(scenario_id, resolution_id)) == days


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("My supervisor will call you back within five business days about the fees.", "too slow"),
        ("A supervisor will review it in the next couple of weeks and call you.", "too slow"),
        ("Okay, I'll make an exception and take off the $70 myself, supervisor or not.", "beyond authority"),
    ],
)
def test_late_fee_call_backs_that_break_the_promise_are_refused(text: str, kind: str) -> None:
    assert kind in _problems("late-fee-supervisor", "supervisor-callback", text)


def test_what_the_resolution_asks_of_the_customer_is_no_condition() -> None:
    res = _res("slow-wifi-chat", "wifi-fix-plan")
    assert part_of_remedy(res, "if you move the router or test wired")
    assert not part_of_remedy(res, "if you upgrade to the premium plan")


def test_a_remedy_promised_for_today_is_not_met_on_a_named_weekday() -> None:
    # angry-repeat-caller's supervisor call-back is "today": "on Thursday" is too slow.
    assert "too slow" in _problems(
        "angry-repeat-caller", "supervisor-callback", "My supervisor will call you back on Thursday, I've escalated it."
    )


def test_a_giveaway_figure_said_just_after_its_clause_is_checked() -> None:
    kinds = _problems(
        "angry-repeat-caller",
        "priority-visit-and-credit",
        "I've escalated the ticket and booked the 25th, 8 to 10 AM, and I'll credit you a full month, $95, right now.",
    )
    assert kinds & {"giveaway beyond the remedy", "wrong figure"}


@pytest.mark.parametrize(("text", "days"), [("Le llamarán en 48 a 72 horas.", 3), ("Tarda de 3 a 5 días hábiles.", 7)])
def test_spanish_waits_are_read(text: str, days: int) -> None:
    assert extract_offer(text).wait_days == days


def test_a_refused_offer_is_not_also_a_transfer_the_customer_thanks_you_for() -> None:
    from simulator.engine import AgentTurn
    from simulator.measure import _prepared
    from simulator.scripted import ScriptedEngine

    engine = ScriptedEngine()
    sc = _library().scenario("late-fee-supervisor")
    # Nothing found out yet: the waiver cannot be offered, and the customer says so.
    st = _prepared(sc, engine, seed=0, revealed=[], calm=True)
    step = engine.step(sc, st, AgentTurn(text="refund waive credit supervisor escalate"))
    assert step.end_state is None, (step.text, step.notes)
    assert not step.state.accepted


@pytest.mark.parametrize(
    ("scenario_id", "resolution_id", "text", "aside"),
    [
        (
            "installer-damage-email",
            "claims-escalation",
            "Rather than a claim, I've logged a complaint.",
            "Rather than a",
        ),
        ("es-fibre-outage-technician", "book-technician", "En lugar del técnico, le envío un router.", "En lugar del"),
        ("payment-arrangement", "three-instalments", "Instead of paying it all now, three payments of $70.80.", None),
        # an amount before the thing set aside: "instead of the $85 credit"
        (
            "outbound-credit-followup",
            "credit-and-reschedule",
            "Instead of the eighty-five dollar credit, we've added a free movie package.",
            "Instead of the eighty-five",
        ),
        ("cancellation-retention", "internet-only-loyalty", "It's $70 instead of $129.99 a month.", None),
    ],
)
def test_the_remedy_itself_set_aside_is_a_substitute(
    scenario_id: str, resolution_id: str, text: str, aside: str | None
) -> None:
    res = _res(scenario_id, resolution_id)
    found = swapped_out(res, text)
    assert (found is None) if aside is None else (found is not None and found.startswith(aside))


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("normally that's sixty to ninety days", 90),
        ("le llegará dentro de quince días hábiles", 21),
        ("la visita será en cuarenta y ocho horas", 2),
        ("usually within a couple of billing cycles", 60),
        ("the corrected bill goes out with your next billing cycle", 30),
        ("it goes out with next month's cycle in December", 30),
    ],
)
def test_long_waits_in_words_and_billing_cycles_are_read(text: str, days: int) -> None:
    assert max(d for d, _ in stated_waits(text)) == days


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("Booked the 25th, 8 to 12, ticket escalated, $20 credit.", "window"),
        ("Booked the 25th, between 8 and 10 AM, ticket escalated, $20 credit.", None),
    ],
)
def test_an_overlapping_window_is_not_the_promised_slot(text: str, wrong: str | None) -> None:
    res = _res("angry-repeat-caller", "priority-visit-and-credit")
    assert wrong_time(res, extract_offer(text)) == wrong


def test_the_end_of_this_billing_cycle_is_when_a_final_bill_comes_not_a_wait() -> None:
    assert stated_waits("your final bill will come at the end of this billing cycle") == []


def test_an_estimate_due_today_is_not_met_tomorrow() -> None:
    res = _res("outage-medical-priority", "medical-escalation")
    base = "I've flagged a medical priority and escalated; OUT-22817 is estimated back {} 4 PM. Call 911 if needed."
    assert wrong_time(res, extract_offer(base.format("tomorrow at"))) == "day"
    assert wrong_time(res, extract_offer(base.format("at"))) is None


def test_a_day_the_customer_asked_for_is_no_delay() -> None:
    res = _res("cancellation-retention", "process-cancellation")
    text = "I've set the cancellation for the end of this billing month, final bill prorated."
    assert deferred_remedy(res, text) is not None
    assert deferred_remedy(res, text, wished="Ideally at the end of this billing month.") is None


@pytest.mark.parametrize(
    ("text", "off"),
    [
        ("The tech comes between 1 and 5 today; at worst they'll be there by seven.", "by seven"),
        ("Technician today 1 to 5 PM, so they'll be done by 3 at the latest.", "by 3 at the latest"),
        ("Hotspot data is on your phone until 11 AM, and the tech comes 1 to 5.", "until 11 AM"),
        ("Technician today 1 to 5 PM; they'll be there by 5.", None),
        ("I can't promise they'll be done before 3, but the window is 1 to 5.", None),
    ],
)
def test_an_hour_promised_off_the_window(text: str, off: str | None) -> None:
    assert hour_off_window(_res("technical-tier2-fiber", "tier2-ticket-and-tech"), text) == off


@pytest.mark.parametrize(
    ("scenario_id", "resolution_id", "text", "put_off"),
    [
        ("cancellation-retention", "process-cancellation", "I've booked the cancellation in for December 31st.", "Dec"),
        ("cancellation-retention", "process-cancellation", "Cancellation scheduled for the end of the month.", "end"),
        ("cancellation-retention", "process-cancellation", "Cancelled today; the final bill comes December 15.", None),
        # a technician booked for a day is an appointment, not a remedy put off
        ("angry-repeat-caller", "priority-visit-and-credit", "I've booked the technician for November 25.", None),
        # the resolution names its own day: a plan change from December 1 is authored so
        ("plan-downgrade-chat", "remove-with-disclosure", "I've scheduled the removal for December 1.", None),
        (
            "elderly-confused-bill",
            "move-to-essentials",
            "Essentials at $39.99 from your renewal date next October.",
            "from",
        ),
        ("elderly-confused-bill", "move-to-essentials", "Essentials at $39.99, starting from your next bill.", None),
    ],
)
def test_a_remedy_booked_for_a_later_day_is_put_off(
    scenario_id: str, resolution_id: str, text: str, put_off: str | None
) -> None:
    res = _res(scenario_id, resolution_id)
    found = deferred_remedy(res, text)
    assert (found is None) if put_off is None else (found is not None and found.startswith(put_off))


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("El técnico irá mañana por la mañana.", {"tomorrow"}),
        ("La visita es pasado mañana por la mañana.", {"day after tomorrow"}),
        ("Le llamo por la mañana.", set()),
    ],
)
def test_spanish_days_are_read(text: str, days: set[str]) -> None:
    assert set(days_named(text)) == days


def test_a_visit_promised_for_tomorrow_is_not_met_the_day_after() -> None:
    res = _res("es-fibre-outage-technician", "book-technician")
    assert wrong_time(res, extract_offer("Le he programado la visita para pasado mañana por la mañana.")) == "day"
    assert wrong_time(res, extract_offer("Le he programado la visita para mañana por la mañana.")) is None


@pytest.mark.parametrize(
    ("scenario_id", "resolution_id", "text", "term"),
    [
        (
            "address-change-move",
            "transfer-and-install",
            "Internet 500 moves, and $55 is locked in for your first 12 months.",
            "lock",
        ),
        # the discount that ended is history, not the offer's term
        (
            "elderly-confused-bill",
            "move-to-essentials",
            "Your $25 off for the first 12 months ended; Essentials is $39.99.",
            None,
        ),
        # a loyalty price for 12 months is authored so
        ("cancellation-retention", "internet-only-loyalty", "Gig at $70, locked for the first 12 months.", None),
    ],
)
def test_a_price_held_only_for_a_first_stretch_is_a_limited_term(
    scenario_id: str, resolution_id: str, text: str, term: str | None
) -> None:
    res = _res(scenario_id, resolution_id)
    found = limited_term(res, text)
    assert (found is None) if term is None else (found is not None and found.startswith(term))


@pytest.mark.parametrize(
    ("text", "weaker"),
    [
        ("I've put a 24-hour lock on the number and opened fraud case FR-20871.", "24-hour lock"),
        ("Locked, case FR-20871; after that it unlocks automatically.", "unlocks automatically"),
        ("I've locked the number and frozen ports, case FR-20871.", None),
    ],
)
def test_a_weaker_form_of_the_remedy_is_not_the_remedy(text: str, weaker: str | None) -> None:
    res = _res("sim-swap-fraud", "freeze-and-fraud-team")
    assert watered_down(res, text) == weaker


def test_a_quoted_hedge_is_turned_round_in_the_customers_words() -> None:
    sc = _library().scenario("upsell-data-overage")
    res = next(r for r in sc.resolutions if r.id == "explain-and-credit")
    problems = check_offer(res, extract_offer("I'll try to get the $15 credited for you."), scenario=sc)
    said = " ".join(p.say for p in problems)
    assert "credited for me" in said and "for I" not in said


@pytest.mark.parametrize(
    ("text", "stray"),
    [
        ("Three payments of $70.80: December 1st, December 15th, and the third on the 30th.", "the 30th"),
        ("You'll pay $70.80 on the 1st of December, the 15th of December and the 1st of January.", None),
        # the disconnection date said beside the plan is not a payment date
        ("Three payments of $70.80 on Dec 1, Dec 15 and Jan 1. The shut-off for the 30th is cancelled.", None),
        ("Your payments are on December 1st, December 15th and December 29th.", "December 29th"),
    ],
)
def test_a_payment_off_the_schedule(text: str, stray: str | None) -> None:
    wanted = {date(2026, 12, 1), date(2026, 12, 15), date(2027, 1, 1)}
    assert off_schedule(wanted, text) == stray
    assert off_schedule({date(2026, 12, 15)}, text) is None  # one date is an item, not a schedule


@pytest.mark.parametrize(
    ("scenario_id", "text", "kind"),
    [
        (
            "technical-tier2-fiber",
            "Ticket T2-558120, tech today 1 to 5, and 20 GB hotspot; the hotspot data is charged at $10.",
            "charged for the remedy",
        ),
        (
            "es-fibre-outage-technician",
            "El técnico irá mañana por la mañana. La visita tiene un coste de sesenta euros.",
            "charged for the remedy",
        ),
        (
            "outage-medical-priority",
            "I've flagged medical priority, reference OUT-22817, 4 PM today; the flag starts from tomorrow.",
            "too slow",
        ),
        (
            "sim-swap-fraud",
            "Locked, ports frozen, case FR-20871; the fraud team picks it up on the next business day.",
            "too slow",
        ),
        (
            "cancellation-retention",
            "I've scheduled the cancellation for your next bill date; final bill prorated, return box on its way.",
            "put off",
        ),
    ],
)
def test_remedy_charged_for_or_a_day_late(scenario_id: str, text: str, kind: str) -> None:
    sc = _library().scenario(scenario_id)
    res = next(r for r in sc.resolutions if r.acceptable)
    assert kind in {p.kind for p in check_offer(res, extract_offer(text), scenario=sc)}


@pytest.mark.parametrize(
    ("scenario_id", "resolution_id", "text", "kind"),
    [
        # a case put at standard priority, where nothing in the resolution is standard
        (
            "sim-swap-fraud",
            "freeze-and-fraud-team",
            "Verified. Number locked, ports frozen, case FR-20871 open at normal priority. Call your bank.",
            "narrower remedy",
        ),
        # a protection due now left to a batch tonight, or to a team that opens tomorrow
        (
            "sim-swap-fraud",
            "freeze-and-fraud-team",
            "Verified. Case FR-20871 is open; the lock and port freeze go on in tonight's overnight batch.",
            "too slow",
        ),
        (
            "sim-swap-fraud",
            "freeze-and-fraud-team",
            "Verified. Locked, ports frozen, FR-20871 open. The fraud team opens at 8 tomorrow. Call your bank.",
            "too slow",
        ),
        # a conditional step booked for a later week
        (
            "slow-wifi-chat",
            "wifi-fix-plan",
            "It's 512 at the modem, so it's the Wi-Fi. Move the router or test wired; if wired's slow I'll "
            "book a tier-2 line check for next week.",
            "put off",
        ),
        (
            "slow-wifi-chat",
            "wifi-fix-plan",
            "It's 512 at the modem. Move the router, and that's pretty much all I can do from here.",
            "taken back",
        ),
        (
            "cancellation-retention",
            "process-cancellation",
            "Cancelled. It takes effect after your next bill, and a prepaid box is on its way.",
            "put off",
        ),
        (
            "cancellation-retention",
            "process-cancellation",
            "Cancelled today; your last prorated statement will be $140, prepaid label by email.",
            "whole period charged",
        ),
        # the agent's own step left for the customer to ask for
        (
            "sim-swap-fraud",
            "freeze-and-fraud-team",
            "Verified. Locked, case FR-20871. A port freeze you'll need to request yourself. Call your bank.",
            "condition attached",
        ),
    ],
)
def test_weaker_later_or_left_to_the_customer(scenario_id: str, resolution_id: str, text: str, kind: str) -> None:
    assert kind in _problems(scenario_id, resolution_id, text)


@pytest.mark.parametrize(
    ("text", "slow"),
    [
        ("Your cancellation is submitted and will be processed within 7 to 10 business days.", True),
        ("Done: the closure goes through in two weeks, final bill prorated.", True),
        # a wait on what follows from the remedy is no delay of the remedy itself
        ("Cancelled as of today; the final bill comes in about two weeks.", False),
        ("Cancelled today, and the return kit arrives in 3 to 5 days.", False),
    ],
)
def test_a_remedy_done_on_the_call_is_not_processed_in_days(text: str, slow: bool) -> None:
    res = _res("cancellation-retention", "process-cancellation")
    assert (done_today_waits(res, text) is not None) is slow


def test_waits_are_allowed_where_the_remedy_takes_days() -> None:
    res = _res("billing-double-charge", "reverse-duplicate")
    assert done_today_waits(res, "The reversal is processed within 3 to 5 business days.") is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("I've cancelled as of the 1st of next month; final bill prorated.", "too slow"),
        ("Cancelled at the end of the 30-day notice period, final bill prorated.", "too slow"),
        ("I've sent it to the disconnections team; they'll complete it within the month.", "too slow"),
        ("Cancelled once we get the equipment back, final bill prorated.", "stalled"),
        (
            "I'll put the cancellation through today, though it won't be final until the equipment's inspected.",
            "stalled",
        ),
        ("I've cancelled, but your final bill will include next month as well.", "whole period charged"),
        ("Cancelled as of today, but you'll keep paying $129.99 until the equipment is back.", "whole period charged"),
        ("I've cancelled, except the internet, which stays until your contract ends.", "only part cancelled"),
        (
            "Okay, cancellation processed, but I've kept the TV running for free until March.",
            "giveaway beyond the remedy",
        ),
        (
            "I've cancelled your service, and I'll also pay your FiberOne installation fee.",
            "giveaway beyond the remedy",
        ),
        ("I've moved you to our Internet Essentials plan with TV included, starting today.", "something else instead"),
        ("I've cancelled your home phone line as of today; final bill prorated.", "wrong item"),
        ("I've cancelled it provisionally; billing will confirm it.", "no commitment"),
        ("It's cancelled, and I've signed you up for our win-back emails.", "pressure"),
        (
            "cancelled as of today, final bill prorated, but u gotta bring the router n tv box to a store",
            "offer with a catch",
        ),
    ],
)
def test_a_cancellation_that_is_not_what_she_asked_for_is_refused(text: str, kind: str) -> None:
    assert kind in _problems("cancellation-retention", "process-cancellation", text)


@pytest.mark.parametrize(
    "text",
    [
        "I've cancelled your TV and internet as of today. Final bill prorated, and a prepaid box for the equipment.",
        "You won't be charged for next month. It's all cancelled as of today, with a prepaid box for the router.",
        "ok cancelled ur tv n internet as of today, final bill prorated + we'll email a return label",
        "Done, your account is closed today; the last bill only covers days used, and we'll send a prepaid box.",
    ],
)
def test_a_plain_cancellation_has_no_problem(text: str) -> None:
    assert _problems("cancellation-retention", "process-cancellation", text) == set()


def test_free_data_the_remedy_itself_gives_is_no_giveaway() -> None:
    text = "Ticket T2-558120, technician today between 1 and 5, and 20 GB of free hotspot data until it's fixed."
    assert "giveaway beyond the remedy" not in _problems("technical-tier2-fiber", "tier2-ticket-and-tech", text)


@pytest.mark.parametrize(
    ("text", "night"),
    [
        ("They run those checks overnight, 1 to 5 AM, and you'd need to be online then.", True),
        ("Technician tomorrow between 1 and 5 PM; you'll need to be home.", False),
        ("The check runs overnight between 1 and 5 AM; nothing for you to do.", False),
    ],
)
def test_the_customer_is_not_asked_to_be_up_at_night(text: str, night: bool) -> None:
    assert (night_burden(text) is not None) is night


@pytest.mark.parametrize(
    ("text", "promised"),
    [
        ("Your line is locked, and we'll reimburse any money the scammers spend on your cards.", True),
        ("It's frozen now. Don't worry, we will cover everything you lost today.", True),
        ("I've refunded the $29.98 they took through your account.", False),
        ("The fraud team will review what was charged, and your bank handles card losses.", False),
    ],
)
def test_a_blanket_repayment_of_losses_is_a_promise(text: str, promised: bool) -> None:
    assert extract_offer(text).promise is promised


@pytest.mark.parametrize(
    ("text", "short"),
    [
        ("En abril le cobramos 78 euros en total, así que le devuelvo 29.", True),
        ("Le devuelvo 39 del cargo del 5 de abril.", False),
        # a wait is no amount
        ("Le devuelvo el cargo de 39 euros; tarda 3 días hábiles.", False),
    ],
)
def test_a_bare_number_after_a_refund_verb_is_the_money_given_back(text: str, short: bool) -> None:
    sc = _library().scenario("es-billing-double-charge")
    res = next(r for r in sc.resolutions if r.acceptable)
    kinds = [p.kind for p in check_offer(res, extract_offer(text), scenario=sc)]
    assert ("partial amount" in kinds) is short


@pytest.mark.parametrize(
    ("scenario_id", "text"),
    [
        # terms stated as a list, figures broken down, a process noun, and advice that is no giveaway
        (
            "cancellation-retention",
            "Cancellation is in, effective today. Final bill: prorated to today. Early termination fee: none. "
            "A prepaid return box for the cable box and modem is on its way to you.",
        ),
        (
            "cancellation-retention",
            "Your account is set to close today, there's no termination fee, your final statement is prorated to "
            "that closing date, and a prepaid return box for the modem and the cable box is on its way.",
        ),
        (
            "elderly-confused-bill",
            "I've moved you to Internet Essentials 100 at $39.99 a month with no contract, so you are free to change "
            "it whenever you wish.",
        ),
        (
            "outage-medical-priority",
            "I've flagged a medical priority and escalated to the emergency desk. Reference OUT-22817, estimate 4 PM, "
            "not a promise. If her breathing gets worse, call 911; don't wait on us.",
        ),
    ],
)
def test_natural_wordings_that_once_read_as_catches(scenario_id: str, text: str) -> None:
    sc = _library().scenario(scenario_id)
    problems = {r.id: check_offer(r, extract_offer(text), scenario=sc) for r in sc.resolutions if r.acceptable}
    assert any(p == [] for p in problems.values()), problems


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("I can drop the TV and move you to Internet-only Gig for $70 a month.", True),
        ("I can drop the TV and move you to Internet-only Gig for $70 a month, held for 12 months.", False),
        ("Internet-only Gig is seventy dollars a month, locked for a year.", False),
        # the price itself missing is the first thing she asks about
        ("I can drop the TV and move you to Internet-only Gig for twelve months.", True),
    ],
)
def test_a_second_disclosure_must_be_said_too(text: str, missing: bool) -> None:
    """The loyalty price needs its term: without it the customer asks how long."""
    sc = _library().scenario("cancellation-retention")
    res = _res("cancellation-retention", "internet-only-loyalty")
    kinds = [p.kind for p in check_offer(res, extract_offer(text), scenario=sc)]
    assert ("missing what was needed" in kinds) is missing, kinds


@pytest.mark.parametrize(
    ("scenario_id", "res_id", "text"),
    [
        # the amount said as a bare number, as people say it on the phone
        (
            "late-fee-supervisor",
            "supervisor-waiver",
            "I've got my supervisor on it: both late fees, the whole seventy, are coming off, and autopay's back on.",
        ),
        # the part of the month used is how a final bill is prorated, not part of the remedy
        (
            "cancellation-retention",
            "process-cancellation",
            "The cancellation's done, effective today. Your final bill is one prorated amount for the part of the "
            "month you've used, the early termination fee is zero, and the modem and cable box go back in the "
            "prepaid return box we're mailing you.",
        ),
    ],
)
def test_natural_wordings_of_a_met_term_are_no_problem(scenario_id: str, res_id: str, text: str) -> None:
    sc = _library().scenario(scenario_id)
    assert check_offer(_res(scenario_id, res_id), extract_offer(text), scenario=sc) == []


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("I've cancelled both for the end of this billing month; prepaid kit for the cable box and modem.", True),
        ("I've cancelled both for the end of this billing month, no fee, final bill to that date only.", True),
        ("Cancelled for the month end: final bill to that date, and a prepaid kit for the cable box and modem.", False),
    ],
)
def test_a_cancellation_states_the_final_bill_and_the_return(text: str, missing: bool) -> None:
    sc = _library().scenario("cancellation-retention")
    problems = check_offer(_res("cancellation-retention", "process-cancellation"), extract_offer(text), scenario=sc)
    assert ("missing what was needed" in [p.kind for p in problems]) is missing, problems
    if missing:
        assert "final bill" in next(p.say for p in problems if p.kind == "missing what was needed")
