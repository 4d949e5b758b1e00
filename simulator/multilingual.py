"""The scripted customer in a language other than English: acts from cue lists, meaning from spelling.

English scenarios are heard by the shared classifier and sentence encoder (``simulator.scripted``); both
are English-only. A scenario with ``language: es`` is heard here instead, by one hook in
``ScriptedEngine.step``:

* **acts** come from Spanish cue patterns (:data:`ACT_CUES`), matched on accent-folded text, so "lo
  siento", "¿me confirma su código postal?" and "le devuelvo el cargo" carry empathy, identity check and
  offer as they would in English. Cue lists are a small, inspectable stand-in for a classifier: no
  Spanish dialogue-act model ships offline;
* **meaning** (trigger examples) is judged by character n-gram similarity (``language.lexical``), rescaled
  so that the triggers' usual bars apply (:data:`LEXICAL_SCALE`);
* decimal commas ("39,50 euros") are read as decimal points, and waits ("de 3 a 5 días", "dentro de tres
  semanas") are glossed in English (:func:`wait_gloss`) before offers are checked against their terms.

What stays English-only: the lines the engine itself improvises (a repeated line, an identity item not on
file). An offer refused for its terms or figures gets the scenario's own ``reject_offer`` line instead of the
improvised English one ("That's $29. I need $39"), so the refusal keeps the scenario's language but not its
particulars. ``csrsim
doctor`` plays these scenarios with the agent lines of :data:`AGENT_SCRIPTS`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from domain.acts import Act
from domain.languages import base_language
from domain.scenario import Scenario
from language.lexical import fold, lexical_bank
from language.questions import question_type
from simulator.text import normalise
from simulator.triggers import Heard

LEXICAL_MATCH_THRESHOLD = 0.42
"""Character n-gram cosine at which a turn says what an authored example says (see :data:`LEXICAL_SCALE`)."""
LEXICAL_SCALE = 0.50 / LEXICAL_MATCH_THRESHOLD
"""Lexical cosines are multiplied by this so that :data:`LEXICAL_MATCH_THRESHOLD` lands on the encoder's
``MATCH_THRESHOLD`` (0.50): the triggers' thresholds (and an author's ``threshold``) keep their meaning.
Calibrated by leave-one-out on the Spanish scenarios' own trigger examples, see docs/simulator.md."""

_ES = {
    Act.GREETING: r"\b(?:hola|buen(?:os|as) (?:dias|tardes|noches)|gracias por (?:llamar|contactar|escribir)|"
    r"le atiende|le habla|mi nombre es|me llamo|bienvenid[oa])\b",
    Act.DISCLOSURE: r"\b(?:esta llamada (?:se graba|se esta grabando|puede ser grabada|queda grabada)|"
    r"(?:se|sera) grabad[ao]|grabamos las llamadas)\b",
    Act.EMPATHY: r"\b(?:lo siento|lo lamento|lamento|siento (?:mucho|las molestias|lo ocurrido|que)|"
    r"disculpe? (?:las|por)|perdone? (?:las|por)|(?:le )?pido disculpas|le pido perdon|"
    r"entiendo (?:su|que|lo|perfectamente|como|la)|comprendo|tiene (?:usted )?(?:toda la )?razon|"
    r"(?:que|es|debe ser muy|resulta) (?:muy )?(?:frustrante|molesto|un fastidio)|me hago cargo|"
    r"me pongo en su lugar)\b",
    Act.OFFER: r"\b(?:le (?:devuelvo|devolvemos|reembolso|reembolsamos|abono|abonamos|envio|enviamos|mando|"
    r"mandamos|programo|programamos|agendo|ofrezco|hago|he (?:programado|enviado|devuelto|abonado|hecho))|"
    r"(?:voy|vamos) a (?:devolver|reembolsar|abonar|anular|enviar|mandar|programar|tramitar|cancelar|"
    r"reiniciar)|he (?:devuelto|reembolsado|abonado|anulado|tramitado|programado|enviado|reiniciado)|"
    r"(?:puedo|podemos) (?:devolver|reembolsar|abonar|ofrecer|enviar|programar|mandar)|se lo devolvemos|"
    r"reembolso|devolucion|reinicie|reinicielo|apague y encienda|desenchufe|espere unos dias|"
    r"(?:un|el) tecnico (?:pasara|ira|vendra|acudira))\b",
    Act.EXPLANATION: r"\b(?:es porque|se debe a|el motivo|lo que ha pasado|veo que|aparece|consta|"
    r"segun (?:veo|el sistema))\b",
    Act.ESCALATION: r"\b(?:supervisor[a]?|responsable|encargad[oa]|escal(?:ar|o|amos)|transfier[oe]|"
    r"transferir|le paso con|especialista|segundo nivel)\b",
    Act.HOLD: r"\b(?:un momento|un segundo|un minuto|espere (?:un|por favor)|no cuelgue|"
    r"le (?:pongo|dejo) en espera)\b",
    Act.CLOSING: r"\b(?:algo mas|alguna otra cosa|otra cosa en (?:la|lo) que|que tenga (?:un )?buen|"
    r"hasta luego|adios|gracias por su (?:llamada|paciencia)|que le vaya bien)\b",
    Act.RUDE: r"\b(?:calmese|tranquilicese|no es (?:mi|nuestro) problema|me da igual|(?:es|fue) (?:su|tu) culpa|"
    r"haberlo pensado|no me importa|callese|aguantese|lo que sea|no es para tanto|yo no tengo la culpa)\b",
    Act.WARNING: r"\b(?:si (?:sigue|continua) (?:insultando|con ese (?:lenguaje|tono)|faltando)|"
    r"tendre que (?:colgar|terminar|finalizar) (?:la llamada)?)\b",
    Act.OFF_POLICY_PROMISE: r"\b(?:le garantizo que|le prometo que|nunca (?:mas )?(?:volvera|va) a pasar|"
    r"gratis para siempre)\b",
}
_ES_IDENTITY_ITEM = re.compile(
    r"\b(?:numero de (?:cliente|cuenta|contrato)|codigo postal|fecha de nacimiento|dni|nie|documento de identidad|"
    r"titular de la (?:cuenta|linea))\b"
)
_ES_REQUEST = re.compile(
    r"\b(?:(?:me )?(?:puede|podria|podrias) (?:dar|decir|confirmar|indicar|facilitar)\w*|"
    r"me (?:da|dice|confirma|indica|facilita)|necesito|digame|indiqueme|verific\w*|confirm\w*|comprob\w*|"
    r"identific\w*)\b"
)
IDENTITY_CUES: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {"es": (_ES_IDENTITY_ITEM, _ES_REQUEST)}
"""An identity check names an identity item and asks for it (a question, or a request verb)."""
ACT_CUES: dict[str, dict[Act, re.Pattern[str]]] = {
    "es": {act: re.compile(pattern) for act, pattern in _ES.items()},
}
"""Per language, the cue pattern of each act, matched on :func:`language.lexical.fold`-ed text."""

_UNDERSTOOD = {
    "es": frozenset(
        [
            "el",
            "la",
            "de",
            "que",
            "y",
            "en",
            "los",
            "se",
            "del",
            "las",
            "por",
            "un",
            "una",
            "para",
            "con",
            "no",
            "es",
            "su",
            "al",
            "lo",
            "como",
            "mas",
            "pero",
            "le",
            "ya",
            "o",
            "este",
            "si",
            "porque",
            "esta",
            "muy",
            "sin",
            "sobre",
            "me",
            "hay",
            "usted",
            "gracias",
            "hola",
            "puedo",
            "tengo",
            "ha",
            "he",
            "le",
            "les",
            "nos",
            "mi",
        ]
    ),
}
"""Common words of each language: a turn with none of them (and more than two words) is not understood."""
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d{2}\b)")
_ES_NUMBERS = {
    "un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
    "ocho": 8, "nueve": 9, "diez": 10, "quince": 15, "veinte": 20, "treinta": 30, "sesenta": 60, "noventa": 90,
}  # fmt: skip
_N = r"(\d{1,3}|" + "|".join(_ES_NUMBERS) + r")"
_ES_WAIT = re.compile(
    r"\b(?:en|dentro de|tarda(?:ra|n|ran)?|entre|de|hasta|unos|unas|plazo de)\s+(?:unos\s+|unas\s+)?"
    + _N
    + r"(?:\s+(?:a|y|o)\s+"
    + _N
    + r")?\s+(dias?|semanas?|mes(?:es)?)\b"
)
_ES_UNITS = {"dia": "days", "dias": "days", "semana": "weeks", "semanas": "weeks", "mes": "months", "meses": "months"}


def wait_gloss(text: str) -> str:
    """Spanish waits restated the way the offer checker reads them: "de 3 a 5 días" → "in 3 to 5 days".

    ``simulator.offers`` reads waits in English; without this a Spanish "tarda entre 30 y 60 días" would pass
    a scenario's ``max_wait_days`` unnoticed.
    """
    glosses = []
    for m in _ES_WAIT.finditer(fold(text[:2000])):
        low, high, unit = m.group(1), m.group(2), m.group(3)
        value = [str(_ES_NUMBERS.get(n, n)) for n in (low, high) if n]
        glosses.append(f"in {' to '.join(value)} {_ES_UNITS[unit]}")
    return "; ".join(glosses)


def supports(language: str) -> bool:
    """Whether the scripted customer can hear a scenario in ``language`` (English, or a language here)."""
    base = base_language(language)
    return base == "en" or base in ACT_CUES


def acts_of(text: str, language: str) -> frozenset[Act]:
    """The acts the cue patterns of ``language`` find in ``text`` (``{OTHER}`` when none)."""
    folded = fold(text[:2000])
    cues = ACT_CUES.get(base_language(language), {})
    acts = {act for act, pattern in cues.items() if pattern.search(folded)}
    asks = "?" in text or "¿" in text
    if asks:
        acts.add(Act.QUESTION)
    identity = IDENTITY_CUES.get(base_language(language))
    if identity is not None and identity[0].search(folded) and (asks or identity[1].search(folded)):
        acts.add(Act.IDENTITY_CHECK)
    return frozenset(acts) or frozenset({Act.OTHER})


def understood(text: str, language: str) -> bool:
    words = fold(text[:500]).split()
    common = _UNDERSTOOD.get(base_language(language), frozenset())
    return len(words) <= 2 or any(w in common for w in words)


@dataclass
class ForeignHeard(Heard):
    """An agent turn heard in the scenario's language: meaning by spelling instead of the English encoder."""

    background: tuple[str, ...] = field(default=(), repr=False)

    def closeness(self, examples: list[str], *, clauses: bool = False) -> tuple[float, str]:
        if not examples or not self.norm:
            return 0.0, ""
        found = lexical_bank({"": examples}, background=self.background).match(self.raw).get("")
        if found is None:
            return 0.0, ""
        return min(1.0, found.score * LEXICAL_SCALE), found.example


def _background(scenario: Scenario) -> tuple[str, ...]:
    """Everything the scenario says in its language: shapes which n-grams are common (low weight)."""
    texts: list[str] = [f.description for f in scenario.hidden_facts]
    for fact in scenario.hidden_facts:
        texts += fact.reveal_when.examples + fact.replies
    for res in scenario.resolutions:
        texts += [res.description, *res.when.examples, *res.replies]
    for lines in scenario.lines.model_dump().values():
        texts += lines
    return tuple(texts)


def hear_foreign(scenario: Scenario, text: str) -> Heard | None:
    """The turn as a customer of a non-English scenario hears it; None for English (the usual hearing)."""
    language = base_language(scenario.language)
    if language == "en" or language not in ACT_CUES:
        return None
    raw = _DECIMAL_COMMA.sub(".", text)
    gloss = wait_gloss(raw) if language == "es" else ""
    if gloss:
        raw = f"{raw} ({gloss})"
    norm = fold(normalise(raw))
    if not norm:
        return ForeignHeard(raw=raw, norm="", acts=frozenset(), english=False)
    return ForeignHeard(
        raw=raw,
        norm=norm,
        acts=acts_of(raw, language),
        english=understood(raw, language),  # "understood": in the scenario's language
        question=question_type(raw),
        background=_background(scenario),
    )


@dataclass(frozen=True)
class AgentScript:
    """The fixed lines ``csrsim doctor``'s scripted agents say, in one language."""

    greeting: str
    empathy: str
    verify: str
    closing: str
    warning: str
    rude: tuple[str, ...]
    cold: tuple[str, ...]
    cold_hello: str
    cold_question: str


AGENT_SCRIPTS: dict[str, AgentScript] = {
    "en": AgentScript(
        greeting="Good morning, thank you for calling, my name is Sam. This call is recorded for quality and training.",
        empathy="I'm really sorry you've had to deal with this, I can understand how frustrating that is.",
        verify="Before I go into the account, could you confirm your account number and the postcode so I can "
        "verify you?",
        closing="Is there anything else I can help you with today? Thank you for calling, have a good day.",
        warning="I want to help, but if the abusive language continues I will have to end this call.",
        rude=(
            "Calm down, it's not my problem.",
            "Whatever. You should have read your bill.",
            "Look, I've already told you, deal with it.",
            "That's your own fault, I don't care.",
        ),
        cold=("Okay.", "Right.", "Noted."),
        cold_hello="Hello.",
        cold_question="What happened?",
    ),
    "es": AgentScript(
        greeting="Buenos días, gracias por llamar, le atiende Sam. Esta llamada se graba por calidad y formación.",
        empathy="Siento mucho que esté pasando por esto, entiendo perfectamente lo frustrante que es.",
        verify="Antes de mirar la cuenta, ¿me confirma su número de cliente y el código postal para verificar "
        "su identidad?",
        closing="¿Hay algo más en lo que pueda ayudarle hoy? Gracias por su llamada, que tenga un buen día.",
        warning="Quiero ayudarle, pero si sigue insultando tendré que terminar la llamada.",
        rude=(
            "Cálmese, no es mi problema.",
            "Me da igual. Haberlo pensado antes de contratar.",
            "Mire, ya se lo he dicho, apáñese.",
            "Es su culpa, no me importa.",
        ),
        cold=("Vale.", "Ya.", "Anotado."),
        cold_hello="Diga.",
        cold_question="¿Qué ha pasado?",
    ),
}


def agent_script(language: str) -> AgentScript:
    """The doctor's agent lines for ``language``; KeyError when no script is written for it."""
    base = base_language(language)
    if base not in AGENT_SCRIPTS:
        raise KeyError(f"csrsim doctor has no agent lines in {language!r}")
    return AGENT_SCRIPTS[base]
