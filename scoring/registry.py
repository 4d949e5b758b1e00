"""The criterion registry: one declaration per criterion (name, scorer, default weight, description, languages).

The criterion *names* live in one place, ``domain.rubric.Criterion``; this module pairs each with
its scorer and refuses to import when the two disagree, so a criterion cannot be added to the
rubric model without a scorer, or the other way round.

Every criterion also declares the languages it can judge. Most read what the agent said through
English-only machinery (the English sentence encoder, English act cues, English number words, English
policy phrases), so they declare ``en``; time on contact reads times and word counts and declares every
language. :func:`scorer` returns the criterion gated by its declaration: on a contact in a language the
criterion does not support it is *not scorable* with the reason ("empathy is scored in English only; this
contact is in Spanish"), never a score, and so never part of a PASS.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from domain.languages import base_language, language_name
from domain.rubric import CRITERIA
from scoring.context import Contact
from scoring.criteria import (
    accuracy,
    clarity,
    closing,
    empathy,
    opening,
    policy_compliance,
    resolution,
    time_on_contact,
)
from scoring.criteria.base import Outcome

Scorer = Callable[[Contact], Outcome]

ANY_LANGUAGE: frozenset[str] = frozenset({"*"})
"""The declaration of a criterion that reads no words (times, counts): it judges a contact in any language."""
ENGLISH: frozenset[str] = frozenset({"en"})


@dataclass(frozen=True)
class CriterionDecl:
    """A criterion as the engine knows it; ``default_weight`` is what the default rubric starts from.

    ``languages`` are the base language codes (``en``) the criterion can judge, or :data:`ANY_LANGUAGE`;
    ``why_languages`` says what limits it, so the card can explain; ``caveat`` is added to the reasons of a
    judged contact that is not in English (what the criterion still reads in English only).
    """

    name: str
    scorer: Scorer
    default_weight: float
    description: str
    languages: frozenset[str] = ENGLISH
    why_languages: str = ""
    caveat: str = ""

    def supports(self, language: str | None) -> bool:
        return self.languages == ANY_LANGUAGE or base_language(language) in self.languages


_DECLARATIONS = (
    CriterionDecl(
        "opening",
        opening.score,
        0.05,
        "Greeting, name, company, offer to help.",
        why_languages="greetings and offers of help are recognised by English cues",
    ),
    CriterionDecl(
        "empathy",
        empathy.score,
        0.15,
        "Acknowledges feelings sentence by sentence; never cold.",
        why_languages="empathy is judged by the English sentence encoder and English cues",
    ),
    CriterionDecl(
        "clarity",
        clarity.score,
        0.0,
        "Plain words, short sentences (feeds empathy when not listed).",
        why_languages="readability formulas and the jargon list are English",
    ),
    CriterionDecl(
        "accuracy",
        accuracy.score,
        0.15,
        "Amounts, dates and ids stated match the facts.",
        why_languages="amounts and dates are read with English number and month words",
    ),
    CriterionDecl(
        "policy_compliance",
        policy_compliance.score,
        0.15,
        "The policy packs' rules, in order.",
        why_languages="the policy packs' required and forbidden phrases are English",
    ),
    CriterionDecl(
        "resolution",
        resolution.score,
        0.30,
        "The customer's need was met and they accepted it.",
        why_languages="offers and the customer's acceptance are recognised in English",
    ),
    CriterionDecl(
        "closing",
        closing.score,
        0.10,
        "Summary, next steps, anything else, thanks.",
        why_languages="summaries and closing questions are recognised by English cues",
    ),
    CriterionDecl(
        "time_on_contact",
        time_on_contact.score,
        0.10,
        "Handle time, silences, dead air.",
        languages=ANY_LANGUAGE,
        why_languages="it reads times and word counts, not words",
        caveat="holds are recognised from English phrases only: an announced hold in another language counts as "
        "silence",
    ),
)

REGISTRY: Mapping[str, CriterionDecl] = MappingProxyType({d.name: d for d in _DECLARATIONS})


def _check() -> None:
    declared, modelled = set(REGISTRY), set(CRITERIA)
    if declared != modelled:
        raise ImportError(
            "criterion registry and domain.rubric.Criterion disagree: "
            f"only declared {sorted(declared - modelled)}, only in the rubric model {sorted(modelled - declared)}"
        )


_check()


def supported_languages(name: str) -> list[str]:
    """The languages ``name`` declares (``["*"]`` for any), sorted; KeyError names the criterion."""
    return sorted(_decl(name).languages)


def unsupported_reason(name: str, language: str | None) -> str | None:
    """Why ``name`` cannot judge a contact in ``language``, or None when it can.

    For ``("empathy", "es")``: "empathy is scored in English only; this contact is in Spanish (empathy is
    judged by the English sentence encoder and English cues)".
    """
    decl = _decl(name)
    if decl.supports(language):
        return None
    names = " and ".join(language_name(code) for code in sorted(decl.languages))
    why = f" ({decl.why_languages})" if decl.why_languages else ""
    return f"{name} is scored in {names} only; this contact is in {language_name(language)}{why}"


def language_shortfall(language: str | None, weights: Mapping[str, float], *, min_judged_weight: float) -> str | None:
    """Why a contact cannot be scored as a whole in ``language``, or None when it can.

    When the criteria that support the language carry less than ``min_judged_weight`` of the rubric's weight,
    an overall score would be a handful of language-independent measures passed off as a verdict: the card is
    *not scorable* (each criterion still shows what it judged or why it could not).
    """
    blocked = [n for n in weights if not _decl(n).supports(language)]
    total = sum(weights.values())
    if not blocked or total <= 0:
        return None
    share = sum(w for n, w in weights.items() if n not in blocked) / total
    if share + 1e-9 >= min_judged_weight:
        return None
    able = [n for n in weights if n not in blocked and weights[n] > 0]
    return (
        f"this contact is in {language_name(language)} ('{base_language(language)}'): only "
        f"{', '.join(able) or 'no criterion'} ({share:.0%} of the weight) can judge {language_name(language)}, "
        f"and a score needs {min_judged_weight:.0%}; each criterion says why"
    )


def _decl(name: str) -> CriterionDecl:
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"no criterion named {name!r}") from None


def _gated(decl: CriterionDecl) -> Scorer:
    def run(contact: Contact) -> Outcome:
        language = contact.language
        reason = unsupported_reason(decl.name, language)
        if reason is not None:
            out = Outcome.not_applicable(reason)
            out.metrics.update({"language": language, "supported_languages": sorted(decl.languages)})
            return out
        outcome = decl.scorer(contact)
        if decl.caveat and base_language(language) != "en" and outcome.score is not None:
            outcome.reasons.append(f"in {language_name(language)}: {decl.caveat}")
        return outcome

    run.__name__ = f"{decl.name}_for_its_languages"
    run.__doc__ = decl.scorer.__doc__
    return run


_GATED: Mapping[str, Scorer] = MappingProxyType({d.name: _gated(d) for d in _DECLARATIONS})


def scorer(name: str) -> Scorer:
    """The scorer declared for ``name``, gated by the languages it declares; KeyError names the criterion."""
    try:
        return _GATED[name]
    except KeyError:
        raise KeyError(f"no criterion named {name!r}") from None
