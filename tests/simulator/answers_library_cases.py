"""Questions a trainee may ask each scenario's customer, and the kind of answer each should get.

Shared by ``test_answers_library.py`` and the before/after measurement. Each case is
``(question, expectation)``; an expectation is ``("says", known_id)`` (the statement),
``("yes", known_id)`` / ``("no", known_id)`` (the statement after a clear "Yes." / "No."),
``("value", fact_id)`` (the account value), ``("yes_value", fact_id)`` / ``("no_value", fact_id)``
(a yes/no checked against the value) or ``("dont_know", "")``. The phrasings are deliberately not
the scenario's own examples: the test is whether a reworded question still finds its answer.
"""

from __future__ import annotations

Case = tuple[str, tuple[str, str]]
DK = ("dont_know", "")

CASES: dict[str, list[Case]] = {
    "abusive-equipment-fee": [
        ("Have you still got the old modem at home?", ("no", "returned_modem")),
        ("Is the internet itself working alright?", ("yes", "service_fine")),
        ("How many years have you been with us?", ("says", "customer_years")),
        ("What's your ZIP code?", ("value", "zip")),
        ("What's the serial number on your TV?", DK),
    ],
    "address-change-move": [
        ("What plan would you like after the move?", ("says", "same_plan")),
        ("Do you need to keep the old apartment connected?", ("no", "old_place_ends")),
        ("Are you renting the new place?", ("yes", "renting")),
        ("Are you taking the router with you?", ("yes", "taking_equipment")),
        ("What plan are you on right now?", ("value", "plan")),
        ("Is your monthly price 55 dollars?", ("yes_value", "price")),
        ("What's the transfer fee?", DK),
    ],
    "angry-repeat-caller": [
        ("What do you need the internet for?", ("says", "home_business")),
        ("How many times have you rung us about this?", ("says", "third_call")),
        ("Is this the first time you've called us?", ("no", "third_call")),
        ("How long have you been a customer with us?", ("says", "customer_years")),
        ("What plan are you on?", ("value", "plan")),
        ("What's your ticket number?", DK),
        ("How much is the missed appointment credit?", DK),
    ],
    "billing-double-charge": [
        ("Are you set up on autopay?", ("yes", "autopay")),
        ("Is your broadband working alright?", ("yes", "service_fine")),
        ("How many years have you been with us?", ("says", "customer_years")),
        ("Do you owe us anything at the moment?", ("no", "paid_up")),
        ("Is your postcode 90210?", ("yes_value", "postcode")),
        ("How long does a refund take?", DK),
    ],
    "cancellation-retention": [
        ("How many years have you been with us?", ("says", "customer_years")),
        ("How many people live in your home?", ("says", "household")),
        ("When do you want the service to stop?", ("says", "cancel_when")),
        ("Have you signed up with the other company already?", ("no", "nothing_signed")),
        ("Is there an early termination fee?", DK),
    ],
    "elderly-confused-bill": [
        ("Does anybody live with you?", ("says", "lives_alone")),
        ("Have you got the bill there with you?", ("yes", "bill_in_hand")),
        ("How do you usually pay the bill?", ("says", "pays_by_bank")),
        ("Did anyone tell you the discount would run out?", ("no", "never_told_discount")),
        ("Have you changed anything on your account lately?", ("no", "changed_nothing")),
        ("What is your ZIP code?", ("value", "zip")),
        ("What plan are you on?", DK),
        ("When did the introductory discount end?", DK),
    ],
    "estimated-meter-bill": [
        ("How is your house heated?", ("says", "gas_heating")),
        ("Who lives in the house with you?", ("says", "household")),
        ("Do you pay by direct debit?", ("yes", "direct_debit")),
        ("Have you been using more power than normal?", ("no", "saving_energy")),
        ("How much is the November bill?", ("value", "bill_amount")),
        ("What was the last actual reading we took?", DK),
        ("How long will the corrected bill take?", DK),
    ],
    "installer-damage-email": [
        ("Is the leak fixed now?", ("yes", "leak_fixed")),
        ("Is the property yours?", ("yes", "owns_home")),
        ("Have you made an insurance claim?", ("no", "no_insurance_claim")),
        ("When could someone come and look at the damage?", ("says", "weekday_access")),
        ("What is your ZIP code?", ("value", "zip")),
        ("What was the install job number?", DK),
        ("What's the claim reference?", DK),
    ],
    "late-fee-supervisor": [
        ("How many years have you been a customer?", ("says", "customer_years")),
        ("Is your TV service working alright?", ("yes", "service_fine")),
        ("Who else is named on your account?", ("says", "sole_holder")),
        ("How much is each late fee?", ("value", "late_fee")),
        ("What's my credit limit?", DK),
    ],
    "order-lost-chat": [
        ("Is the shipping address on the order right?", ("yes", "address_right")),
        ("Have you checked the tracking page?", ("yes", "checks_tracking")),
        ("How did you pay for it?", ("says", "paid_by_card")),
        ("Is this your first order from us?", ("no", "ordered_before")),
        ("What item did you order?", ("value", "item")),
    ],
    "outage-medical-priority": [
        ("Who's in the house with you?", ("says", "household")),
        ("What time did the power go off?", ("says", "out_since")),
        ("Are the neighbours out too?", ("yes", "street_out")),
        ("Have you checked the breaker box?", ("yes", "checked_breakers")),
        ("What's your address?", ("value", "service_address")),
        ("What's the outage reference number?", DK),
        ("What caused the outage?", DK),
    ],
    "outbound-credit-followup": [
        ("Have you seen the credit on your statement yet?", ("no", "credit_not_seen")),
        ("Are you still working at the moment?", ("says", "retired")),
        ("How many years have you been with us?", ("says", "customer_years")),
        ("Did you complain to us last week about the outage?", ("yes", "complained")),
        ("How long was the outage?", ("value", "outage_days")),
        ("What's the case number?", DK),
        ("Which statement will the credit appear on?", DK),
    ],
    "payment-arrangement": [
        ("Have you ever been late paying before?", ("no", "never_behind")),
        ("Did you get the disconnection letter?", ("yes", "got_notice")),
        ("How do you usually pay your bill?", ("says", "pays_online")),
        ("Do you rent your home?", ("yes", "renting")),
        ("How much is the past-due balance?", ("value", "past_due")),
        ("On which dates would our system schedule the instalments?", DK),
        ("Which assistance programme can you get?", DK),
    ],
    "plan-downgrade-chat": [
        ("Why are you removing the line?", ("says", "why_remove")),
        ("When do you want the line taken off?", ("says", "change_when")),
        ("How do you pay your bill?", ("says", "pays_autopay")),
        ("How many years have you been a customer?", ("says", "customer_years")),
        ("What plan are you on?", ("value", "plan")),
        ("What's the remaining device balance on that line?", DK),
        ("What will the price be with three lines?", DK),
    ],
    "refuses-verification": [
        ("Have you changed your plan at all?", ("no", "changed_nothing")),
        ("Did we send you a notice about the price going up?", ("no", "no_notice")),
        ("How many years have you been with us?", ("says", "customer_years")),
        ("Is the service itself working?", ("yes", "service_fine")),
        ("What's the reason for the increase?", DK),
        ("What's the published price adjustment?", DK),
    ],
    "sim-swap-fraud": [
        ("Whose phone are you on right now?", ("says", "calling_from")),
        ("When did the phone lose service?", ("says", "lost_signal")),
        ("Do you have your phone with you?", ("yes", "has_phone")),
        ("Does anybody else manage the account?", ("no", "sole_user")),
        ("What's the fraud case number?", DK),
    ],
    "slow-wifi-chat": [
        ("How long has the internet been slow?", ("says", "how_long_slow")),
        ("Have you restarted your router?", ("yes", "restarted")),
        ("Are you on a VPN?", ("no", "no_vpn")),
        ("What speed are you getting?", ("value", "measured")),
        ("What plan are you on?", ("value", "plan")),
        ("What did the line test at the modem show?", DK),
    ],
    "technical-tier2-fiber": [
        ("What do you do for a living?", ("says", "works_from_home")),
        ("Since when has the internet been down?", ("says", "down_since")),
        ("Are all of your devices offline?", ("yes", "nothing_connects")),
        ("Will you be home today?", ("yes", "home_today")),
        ("What plan are you on?", ("value", "plan")),
        ("What's the model of the optical terminal?", DK),
        ("What's the ticket number?", DK),
    ],
    "unrecognised-charge-email": [
        ("Did you order SportsMax yourself?", ("no", "did_not_order")),
        ("Why do you think you were hacked?", ("says", "bank_breach")),
        ("How many years have you been a customer?", ("says", "customer_years")),
        ("How should we contact you?", ("says", "email_reply")),
        ("How much is the add-on each month?", ("value", "addon_price")),
        ("When was the add-on purchased?", DK),
        ("Which device was the add-on bought through?", DK),
    ],
    "upsell-data-overage": [
        ("How many lines do you have with us?", ("says", "one_line")),
        ("Are you tied into a contract with us?", ("no", "no_contract")),
        ("Is the phone paid off?", ("yes", "phone_paid_off")),
        ("How many years have you been with us?", ("says", "customer_years")),
        ("How much was the overage charge?", ("value", "overage")),
        ("What's your current plan?", ("value", "plan")),
    ],
}

LEFT_TO_REVEAL: dict[str, list[tuple[str, tuple[str, str], str]]] = {
    # (question, the answer one would want, the hidden fact it sits near). The answer path leaves these
    # to the reveal trigger by design (``NEAR_HIDDEN``, or a value an unrevealed fact describes): answering
    # or denying here could give away or contradict what the trainee must dig for.
    "abusive-equipment-fee": [
        ("Did you mail the modem back to us?", ("yes", "returned_modem"), "has_receipt"),
    ],
    "address-change-move": [
        ("Are you keeping the same plan after the move?", ("yes", "same_plan"), "new_address_given"),
    ],
    "cancellation-retention": [
        ("What are you paying per month right now?", ("value", "monthly_charge"), "reason_price"),
    ],
    "late-fee-supervisor": [
        ("Are you paying by autopay?", ("yes", "on_autopay"), "autopay_dropped"),
        ("When was the account moved to the new billing platform?", ("dont_know", ""), "migration_email"),
    ],
    "order-lost-chat": [
        ("Have you called the courier?", ("no", "carrier_not_called"), "checked_neighbors"),
        ("When will the replacement arrive?", ("dont_know", ""), "needed_by"),
    ],
    "sim-swap-fraud": [
        ("What time was the SIM changed?", ("dont_know", ""), "no_store_visit"),
    ],
}
