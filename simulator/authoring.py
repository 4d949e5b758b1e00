"""Authoring checks that need meaning: triggers whose examples are easier to confuse than to tell apart.

``trigger_confusions`` encodes every trigger's examples in a scenario and reports each pair
where an example of one trigger is closer to an example of another than the trigger's own
examples are to each other: the customer could answer the wrong one. ``csrsim validate``
prints these as warnings (they do not fail validation).
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.scenario import Scenario, Trigger


@dataclass(frozen=True)
class Confusion:
    trigger: str
    other: str
    path: tuple[str | int, ...]
    cross: float
    own: float

    def message(self) -> str:
        return (
            f"warning: an example of {self.trigger} is closer to {self.other} ({self.cross:.2f}) than to its own"
            f" ({self.own:.2f}); the customer may answer the wrong one"
        )


def _triggers(sc: Scenario) -> dict[str, tuple[Trigger, tuple[str | int, ...]]]:
    found: dict[str, tuple[Trigger, tuple[str | int, ...]]] = {}
    for i, h in enumerate(sc.hidden_facts):
        found[f"hidden fact '{h.id}'"] = (h.reveal_when, ("hidden_facts", i, "reveal_when", "examples"))
    for i, r in enumerate(sc.resolutions):
        found[f"resolution '{r.id}'"] = (r.when, ("resolutions", i, "when", "examples"))
    if sc.upsell is not None:
        found[f"upsell '{sc.upsell.id}'"] = (sc.upsell.pitch, ("upsell", "pitch", "examples"))
    return {k: v for k, v in found.items() if v[0].examples}


def trigger_confusions(sc: Scenario) -> list[Confusion]:
    """Pairs of triggers in ``sc`` whose examples overlap more than they hang together."""
    from language.similarity import ExampleBank

    triggers = _triggers(sc)
    out: list[Confusion] = []
    # Questions compete with questions and offers with offers; the act already tells the two kinds apart.
    for kind in ("hidden fact", "resolution"):
        group = {k: t.examples for k, (t, _) in triggers.items() if k.startswith(kind)}
        if len(group) < 2:
            continue
        bank = ExampleBank(group)
        out.extend(Confusion(k, o, triggers[k][1], cross, own) for k, o, cross, own in bank.confusions())
    return out
