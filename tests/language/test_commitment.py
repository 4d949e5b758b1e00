"""Catches in an offer's clauses: conditions, contradictions, stalls, substitutes, over-promises, pitches first."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from language.commitment import catches, clauses, kept_as_credit, skips_verification


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("We can drop the late fee as long as you move to e-billing.", "condition"),
        ("I'll reverse it on the condition that you stay with us for 18 months.", "condition"),
        ("In exchange for a 24-month renewal, I can take the fee off.", "condition"),
        ("The new price is great, but it requires a three-year term.", "condition"),
        ("You'll have to visit one of our stores with ID before I can unlock anything.", "condition"),
        ("I've removed the charge; however, the old rate will remain in place until March.", "contradiction"),
        ("The refund is approved, though you'll still be billed for December.", "contradiction"),
        ("Your plan is changed, and the shut-off still goes ahead on Friday.", "contradiction"),
        ("I can only reschedule once our dispatch team confirms availability, usually a week or so.", "stall"),
        ("All refund requests must be sent in writing to our billing department.", "stall"),
        ("The credit has to be approved by the billing manager first.", "stall"),
        ("I've marked it for cancellation; it'll be reviewed by a manager before anything happens.", "stall"),
        ("I'll process the cancellation after you've spoken to my supervisor.", "stall"),
        ("Your account is cancelled subject to a final review by billing.", "stall"),
        ("I've cancelled it provisionally for now.", "hedged"),
        ("It's cancelled, and I've signed you up for our win-back emails.", "pressure"),
        ("Unmarked pipes can be hit during any installation; I've opened claim CLM-118027.", "excuse"),
        ("These things happen, but I've opened a claim for you.", "excuse"),
        ("Rather than refunding you, I can add 500 bonus minutes.", "substitution"),
        ("I'll give you the difference as a credit on your next bill instead.", "substitution"),
        ("I'll make sure that discount stays on your account forever.", "permanent"),
        ("I'll clear the entire balance today so you owe nothing.", "over_generous"),
        ("I'll waive the next two months of your bill too.", "over_generous"),
        ("Honestly I have no idea what that charge is, but I'll refund it.", "unexplained"),
        ("Before we go ahead with the cancellation, did you know we have a new streaming bundle?", "upsell_first"),
        ("I'll try and get that credit approved for you.", "hedged"),
        ("We could check with accounts whether the fee can be dropped.", "hedged"),
        ("I'll see what I can do about the price.", "hedged"),
        ("Hopefully the billing team will agree to take the charge off.", "hedged"),
        ("I'll put the request in, no promises though.", "hedged"),
        ("We're looking into the outage and will get back to you.", "vague"),
        ("I'll forward your complaint and someone will contact you.", "vague"),
        ("Power-cycle the box and ring us again if the picture is still frozen.", "self_help"),
        ("Clear your browser cache, then contact us once more when it still fails.", "self_help"),
        ("The refund has gone to your landlord's account.", "wrong_party"),
        ("I've applied the credit to someone else's account by mistake, sorry.", "wrong_party"),
        # paperwork is not a remedy done: the vague promise after it still counts
        (
            "I've flagged the March 3rd charge for the billing team; someone will review it and get back to you.",
            "vague",
        ),
        ("I've sent your reading across; billing will revise it at some point.", "vague"),
        ("I'll pop a note on the account for someone to ring you about cheaper options.", "vague"),
        ("I can move you, though I'd have to check you're eligible first, so don't count on it.", "hedged"),
        ("line looks ok at the modem i think, tho i'm not totally sure the test is accurate", "hedged"),
        ("I'd suggest calling back some other time with your grandson.", "self_help"),
        (
            "You can set up a payment plan yourself on our website; just make sure it's done before the 30th.",
            "self_help",
        ),
        ("I've passed it to returns; once they've reviewed it they'll remove the fee.", "stall"),
        ("You can see your usage in the app, have a look there and you'll see the overage.", "self_help"),
        ("I should be able to get this re-billed. I'll try, but I can't promise it goes through.", "hedged"),
        ("It's somewhere around seventy dollars, give or take.", "hedged"),
        ("The block should take effect once the security desk approves it.", "hedged"),
        ("If the engineers agree it's a network fault, they'll send someone tomorrow.", "hedged"),
        ("Your bill should come down to about ninety dollars a month.", "hedged"),
        ("I've put in for a visit, and it'll be confirmed if a technician is free on Monday.", "hedged"),
        ("The night team should be able to restore it by morning.", "hedged"),
        ("I'll request the refund, though approval is at the billing team's discretion.", "hedged"),
        ("I'll just need you to sign and return a lost-package form first, then it ships.", "condition"),
        ("To make it official, please sign and send back the cancellation form we'll email you.", "stall"),
        ("Restart the router once more and wait 24 hours, then test wired at the router.", "condition"),
        ("If wired is slow, send me a week of daily speed tests and then I can open a tier 2 check.", "condition"),
        ("Before I can escalate, please email us bank statements for September and October.", "condition"),
        ("I think the $18 might be the price adjustment, but I couldn't say for sure.", "hedged"),
        ("Essentials is $39.99 a month with no contract, but I can only offer it if you decide now.", "pressure"),
        ("I have cancelled SportsMax; the $29.98 refund will appear across your next two bills.", "stall"),
        ("If billing agrees it's a duplicate, it should come back to your card in 3 to 5 days, hopefully.", "hedged"),
        ("The disconnection order stays in place until your first payment clears.", "contradiction"),
        ("Just be aware, if you miss even one, we'll send your account to collections.", "pressure"),
        ("Nobody answered the door, so this time please make sure you're listening out for him.", "pressure"),
        ("The earbuds are short at our warehouse, so I've sent you the Lite model instead.", "substitution"),
        ("I've made a note on your account.", "vague"),
        ("Now, while I've got you, you really want our Whole Home Wi-Fi on there.", "pressure"),
        ("Before the visit I'll need your landlord to sign our property access form.", "condition"),
        ("We'll just need a signed consent from her, emailed to us, before I can process it.", "stall"),
        ("Le paso la incidencia al departamento de facturación.", "vague"),
        ("They'll hopefully get to it today if the queue isn't too long.", "hedged"),
        ("I've submitted it, so it should go through as long as it clears the account review.", "hedged"),
        (
            "Cancelled both. Just before I click submit, though, are you really sure about the internet-only plan?",
            "pressure",
        ),
        ("Before I submit it, can you give me the name of the company you're moving to?", "condition"),
        ("Since it's a household account, I'll just need your husband on the line to agree first.", "condition"),
        ("Done, though Marco will need to ring us himself to approve the change first.", "condition"),
        ("Could you pop over and ask your landlord about the wiring, then let me know?", "condition"),
        ("Just make sure you call us on December first to ask for the credit to be released.", "condition"),
        ("Can you run five speed tests over the next three days and send me the screenshots?", "condition"),
        ("Give us a ring at 7:30 that morning to confirm, otherwise the slot gets released.", "condition"),
        ("There's Internet-only Gig at $70... oh, sorry, I see that one's for new lines only.", "retracted"),
        ("I've escalated you to the emergency desk... actually, sorry, scratch that.", "retracted"),
        ("On review, however, the refund has had to be reversed.", "refused"),
        ("I've issued the $29.98 in the form of pay-per-view vouchers.", "substitution"),
        ("Just pick up a Wi-Fi extender from any electronics store; that'll sort the dead zone.", "substitution"),
        ("Instead of an arrangement, I'll refer you to LIHEAP.", "substitution"),
        ("The tech visit isn't booked yet, though; tier 2 will call you to arrange it.", "hedged"),
        ("I've put the March 3rd payment of $59.99 on hold while billing reviews it.", "substitution"),
        ("Essentials is $39.99, and you can sign up for it on our website whenever you like.", "substitution"),
        ("That price is only good today, so you'll need to decide right now.", "condition"),
        ("I'll put the $85 on myself. Strictly I'm only meant to do fifty, but nobody checks these.", "bends_rules"),
        ("Wi-Fi coverage isn't something we support, so the basement is down to your setup.", "refused"),
        ("Our loyalty team has to approve it before it goes through.", "stall"),
        ("Sure, let me put you through to our accounts team to finalise the closure.", "stall"),
        ("Closures have to be done online: log in to My Account and click Close.", "stall"),
        ("The deposit refund you can sort out with the finance team directly.", "stall"),
        ("I'll close it once you're set up with the new supplier.", "stall"),
        ("I'll close the account, though honestly you're making a big mistake.", "pressure"),
        ("Done, but you'll probably be back within the year.", "pressure"),
        ("Their network is terrible, by the way, so good luck.", "pressure"),
        ("You really ought to have noticed the reminder emails, but I've waived the fee.", "blame"),
        ("The repair claim covers the window frame only.", "narrowed"),
        ("Water damage to the flooring is excluded, I'm afraid.", "narrowed"),
        ("I've lodged the claim, though it's unlikely to result in a payout.", "narrowed"),
        ("Le mando un técnico, pero la visita es solo para revisar el módem.", "narrowed"),
        ("Si contrata el plan Premium, le mando el técnico esta tarde.", "condition"),
        ("Going forward, just make sure the meter cupboard is left unlocked.", "pressure"),
        ("Let's make sure someone's home this time, shall we?", "pressure"),
        # pressure to decide on the call, and the fault put on the customer (blame)
        ("I can only keep this rate while we're on the call, so I'll need a yes from you now.", "pressure"),
        ("The second debit happened because you switched to paying by card yourself.", "blame"),
        ("Your autopay was turned off from your side in August, which is why the fees came.", "blame"),
        ("You should have checked the statement before paying it, to be fair.", "blame"),
        # hedged on someone's approval
        ("I've asked for the reversal, and if billing approves it the money comes back in a week.", "hedged"),
        ("The reversal is in, and it should hopefully reach your card in a few days.", "hedged"),
        # an apology that blames, and an excuse for the installer
        ("I'm sorry you feel the installer caused this; I've escalated it to claims.", "excuse"),
        ("The pipe might already have been corroded, but I've opened claim CLM-118027.", "excuse"),
        # her insurer before us, and originals through the post
        ("Please first submit a claim to your home insurer and send us their decision.", "condition"),
        ("Please post the original invoice and printed photographs to our claims office.", "stall"),
    ],
)
def test_a_catch_is_named(text: str, kind: str) -> None:
    assert kind in {c.kind for c in catches(text)}, catches(text)


@pytest.mark.parametrize(
    "text",
    [
        "I can switch you over right now if that suits you.",
        "If you'd like, I can also email you a copy of the corrected bill.",
        "If the light is still red after the technician leaves, call us and quote the ticket.",
        "If you have any questions about the new bill, just reply to this email.",
        "If the cable test is also slow, I'll raise it with tier 2.",
        "The refund goes back to your card once it's processed, usually 3 to 5 business days.",
        "I've reversed the charge, but you may see it pending for a day or two.",
        "Your arrangement is in place, and the service stays on as long as the payments are made on time.",
        "I've removed the fee, and there's nothing else you need to do.",
        "Your cancellation is done; the final bill will come in about a week.",
        "There's nothing to pay to leave early.",
        "Your price is guaranteed for twelve months.",
        "I can't promise it'll be back before 4, but I've flagged you as a medical priority.",
        "I've refunded the charge, and I'll look into why it happened so it doesn't repeat.",
        "A supervisor will get back to you within 24 hours about the waiver.",
        "I've booked the engineer for Friday; if the light comes back before then, call us and we'll cancel it.",
        "Let's try a wired test first so we know where the slowdown is.",
        "I've moved your visit to Friday morning. Hopefully that helps, and let me know whether that suits you.",
        "I've flagged your home as a medical priority; hopefully the crews are quicker than the 4 PM estimate.",
        "When your grandson is with you tomorrow afternoon, we'll go through the plans together.",
        "I can't promise they'll be finished before 2, so I've added hotspot data to your phone.",
        "I can't guarantee it'll be earlier than 4 PM, so if her breathing gets worse, call 911.",
        "I'll just need you to confirm the new address is Unit 2B.",
        "It takes 3 to 5 business days, depending on your bank.",
        "Your plan is set up, and I can also refer you to LIHEAP energy assistance if that would help.",
        "Your final statement covers up to today only, and there's no exit fee.",
        "You won't need to run any more tests before then.",
        "You should have received a confirmation email by now.",
        "You shouldn't have had to call three times about this.",
        "The charge is because you used more than the 10 GB in your plan.",
        "A claims handler will respond in writing within two business days.",
        "The claims team will contact you in writing within two business days.",
        "I have noted on the claim that you want all contact in writing.",
        "None of this was your doing.",
        "Early termination fee: none.",
        "You don't need to wait 24 hours before testing again.",
        "The credit will show on your next bill, and the one after will be back to normal.",
        "Before I can open the account I'll text a code to the phone we already have for you.",
        "That last month is your usual $129.99 and it's your final bill; there's nothing to pay after it.",
        "Your final bill will only cover this month's service, and nothing gets billed after the end date.",
        "Sandra will call you back today before 5 PM, and I've put a note on your ticket that you were home.",
        "I've taken the $30 off just now. Anything else on the bill you want me to look at while I've got you?",
        "There's no early termination fee, and you won't be billed for any days after the end date.",
        "Prepaid return labels for the cable box and the modem go out by mail.",
    ],
)
def test_courtesy_and_contingency_are_no_catch(text: str) -> None:
    assert catches(text) == []


def test_the_catch_quotes_its_clause() -> None:
    (found,) = catches("Sure, I can refund the $40 if you sign up for paperless billing today.")
    assert found.kind == "condition" and "paperless billing" in found.clause


def test_credit_kept_on_the_account() -> None:
    assert kept_as_credit("It will sit on your account as a credit towards May.")
    assert kept_as_credit("It goes back to your card in 3 to 5 days.") is None


def test_clauses_split_at_semicolons_and_dashes() -> None:
    assert clauses("Done; the refund is on its way - 3 to 5 days. Anything else?") == [
        "Done",
        "the refund is on its way",
        "3 to 5 days.",
        "Anything else?",
    ]


@given(st.text(max_size=300))
@settings(max_examples=60, deadline=None)
def test_catches_never_raise(text: str) -> None:
    for found in catches(text):
        assert found.clause


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("I've removed the fee - oh, actually, sorry, I can't do that without a scan.", "retracted"),
        ("The refund's done, wait, no, it has to go through billing first.", "retracted"),
        ("Fee's off, though if the scan fails it goes back on next month.", "refused"),
        ("Your visit is booked but there's no credit I can give for the last one.", "refused"),
        ("The line tests fine, so there's nothing more we can do.", "refused"),
        ("I can move the date, but the full balance needs to be paid by Friday.", "refused"),
        # a self-correction after the offer, in any register
        ("Booked for Saturday the 5th. Oh wait, Saturday's full, so it would be the 12th.", "retracted"),
        ("Credited the overage. Hmm, actually, I can only do that once, so it'll stay on.", "retracted"),
        ("Le he devuelto los 39 euros... aunque, mirándolo mejor, ese cargo se queda.", "retracted"),
        ("The credit is on, though the notes say you weren't home, so it may get reversed.", "refused"),
        # a burden said in passing, and a wait on someone else's paperwork
        ("Re-billed at your reading. You'll just need to leave the side gate unlocked from now on.", "condition"),
        ("I can flag the priority once your wife's doctor sends us the certificate.", "stall"),
        # an explanation or a figure given as a guess
        ("It's probably the yearly price change, maybe some fees too, hard to say really.", "hedged"),
        ("Put in your reading, it should come out around $131.20, hopefully within a couple of days.", "hedged"),
        # sent to another shop or team, a different product, a hold instead of a removal, a claim cut back
        ("It's a range thing. Best Buy sells a decent extender for about $60, that should do it.", "self_help"),
        ("Those go to our disputes team. I'll give you their number and they can review both fees.", "self_help"),
        ("The Pro is out of stock, but I can send the Lite with free express shipping.", "substitution"),
        ("With the tracking ending 7890 I've put the $30 fee on hold for 30 days.", "substitution"),
        ("Re-billed at $131.20 for now, but the $287.45 stays as the official bill.", "contradiction"),
        ("Claim escalated. Please note the ceiling repair falls outside what a claim can cover.", "refused"),
        ("Claim escalated; the decorating sits outside what we can consider, I'm afraid.", "narrowed"),
        ("The claims team will review it once you've had the ceiling repaired and sent the receipt.", "stall"),
        ("El técnico va mañana por la mañana, siempre que haya alguien en casa de 8 a 20 h.", "condition"),
        ("The line is fine, so test wired. Though our remote tests aren't always reliable.", "contradiction"),
        ("The $15 is for going over your 10 GB. I'll credit it if it happens again next month.", "stall"),
        ("Three payments of $70.80 on Dec 1, Dec 15 and Jan 1. You'll need to set up autopay for them.", "condition"),
        ("Three payments should be fine, I'll just need my manager to approve it first.", "stall"),
        ("It went up $18, the price adjustment and the equipment fee; I can't say which is which.", "hedged"),
        ("He añadido una nota; el departamento técnico le llamará para darle cita.", "vague"),
        # the agent stops mid-sentence
        ("I'm adding the priority flag now... sorry, I see the account isn't registered, so I can't.", "retracted"),
    ],
)
def test_offers_taken_back_in_the_same_turn_are_caught(text: str, kind: str) -> None:
    assert kind in {c.kind for c in catches(text)}


@pytest.mark.parametrize(
    "text",
    [
        "I've re-billed the account on your reading; the new bill goes out in two business days.",
        "Actually, good news: I've reversed it and it's back on your card in 3 to 5 days.",
        "The price stays at $55 and the plan is unchanged.",
        "I've removed the fee. Actually, I've also added a note so this doesn't come up again.",
        "Actually, you're right, the fee shouldn't be there: I've removed it.",
        "I've removed the $30 fee from your account. Hopefully that helps!",
        "I've put the disconnection on hold while the arrangement runs.",
        "We sell a mesh kit for $10 a month if you ever want one, but your fix is the cable.",
        "El técnico irá mañana por la mañana y revisará la fibra.",
        "These things shouldn't happen, and this one is on us: I've opened claim CLM-118027.",
    ],
)
def test_plain_offers_have_no_take_back(text: str) -> None:
    assert not {c.kind for c in catches(text)} & {"retracted", "refused"}


@pytest.mark.parametrize(
    ("text", "unverified_allowed", "skipped"),
    [
        ("No need to go through security, I can see it's you from the phone number.", False, True),
        ("Don't worry about the ZIP code, I'll just go off your name.", False, True),
        ("Caller ID shows the number on file, so that's good enough for me.", True, True),
        ("No hace falta que me diga el código postal, ya veo que es usted.", False, True),
        # a remedy given without verification may wave the check away, but not pretend it was done
        ("That's fine, you don't have to verify. In general bills rise by the annual adjustment.", True, False),
        ("Thanks, that postcode matches, you're verified.", False, False),
        ("No need to call back, the code is in.", False, False),
        ("They'll call you back today on the number you're calling from.", False, False),
    ],
)
def test_skipped_verification(text: str, unverified_allowed: bool, skipped: bool) -> None:
    assert (skips_verification(text, unverified_allowed=unverified_allowed) is not None) is skipped
