"""Whether the agent explains the problem with a cause the scenario marks as false.

Trainees often reach for the usual cause ("your account was hacked", "the E means excess usage") instead
of the one the account shows. The remedy may still be right, but the customer leaves with a wrong picture:
he changes passwords he need not, or thinks he used more power than he did. A trainer lists such wrong
explanations on the scenario (``wrong_explanations``) with the words that state them; this module finds one
stated in a turn. A phrase only counts as a claim: negated ("there's no sign anyone logged in online"),
asked ("was it bought online?") or set aside ("rather than a price rise") it is not one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from domain.scenario import Scenario, WrongExplanation
from language.text import statements

_NEGATED = re.compile(
    r"\b(?:not|no|never|nothing|nobody|none|nor|n't|isn'?t|wasn'?t|aren'?t|weren'?t|doesn'?t|didn'?t|don'?t|"
    r"hasn'?t|haven'?t|can'?t|cannot|couldn'?t|won'?t|rather than|instead of|ruled? out|rules out|neither|"
    r"without|unlike|instead|nada|ning[uú]n\w*|whether)\b|n't\b|"
    # the customer's own fear said back to him: "I know you're worried your account was hacked"
    r"\byou(?:'re| are| were|'ve been| have been)? (?:\w+ )?(?:worried|concerned|afraid|feared|fear|thought|think|"
    r"wondered|wondering|asked|suspected|suspect)\b",
    re.I,
)
_CONDITIONAL = re.compile(r"\b(?:if|unless|in case|should it|si|en caso de que)\b", re.I)
_CLAUSE_BREAK = re.compile(r",|\s[-\u2013\u2014]\s|\bbut\b|\bthough\b|\bpero\b", re.I)
NEGATION_REACH = 60
"""Characters before a phrase in which a negation takes it back ("no sign that anyone ... logged in online")."""


@dataclass(frozen=True)
class Stated:
    """A wrong explanation stated in the turn, with the words that stated it."""

    explanation: WrongExplanation
    said: str


@lru_cache(maxsize=1024)
def _phrase(phrase: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(w) for w in phrase.split())
    return re.compile(rf"(?<![\w-]){words}(?![\w-])", re.I)


def stated_wrong_explanation(scenario: Scenario, text: str) -> Stated | None:
    """The first of ``scenario``'s wrong explanations that ``text`` states as a claim, if any."""
    if not scenario.wrong_explanations:
        return None
    for sentence in statements(text):
        if sentence.rstrip().endswith("?"):
            continue  # a question asks about the cause ("Could someone have logged in online?")
        found = [
            (m, explanation)
            for explanation in scenario.wrong_explanations
            for phrase in explanation.phrases
            if (m := _phrase(phrase).search(sentence)) is not None
        ]
        # the first words said, and of those the longest ("stands for excess" before "excess usage")
        for m, explanation in sorted(found, key=lambda f: (f[0].start(), -len(f[0].group(0)))):
            if _CONDITIONAL.search(sentence[: m.start()]):
                continue  # "If a wired test is slow too, that's a line fault": a case, not a cause
            before = sentence[max(0, m.start() - NEGATION_REACH) : m.start()]
            breaks = list(_CLAUSE_BREAK.finditer(before))
            if breaks:  # "It wasn't you, it was an online login": the negation belongs to another clause
                before = before[breaks[-1].end() :]
            if _NEGATED.search(before):
                continue
            return Stated(explanation, m.group(0))
    return None
