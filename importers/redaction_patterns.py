"""The patterns redaction matches: context words and self-contained formats (e-mail, phone, SSN, dates).

Every repetition is bounded and every start anchored by a look-behind, so hostile input ("a.a.a.a..." or a
megabyte of digits) stays linear in the length of the text.
"""

from __future__ import annotations

import re

CARD_CTX = re.compile(
    r"\b(card|credit|debit|visa|master ?card|amex|american express|discover|long number|cvv|cvc|security code|"
    r"card number|number on the front)\b",
    re.I,
)
CVV_CTX = re.compile(
    r"\b(cvv2?|cvc2?|csc|cid|security code|security number|verification (code|number|value)|"
    r"(three|four|3|4)[- ]digit (code|number)|(code|digits|numbers?) on the back)\b",
    re.I,
)
EXP_CTX = re.compile(
    r"\b(expir\w*|exp\b\.?( date)?|exp\.|valid (thru|through|until|till)|good (thru|through|until|till))", re.I
)
SSN_CTX = re.compile(r"\b(social security|social|ssn|ss number|tax id|tin)\b", re.I)
PHONE_CTX = re.compile(
    r"\b(phone|cell|mobile|telephone|landline|call ?back|call (me|you)|reach (me|you)|contact number|"
    r"text me|best number|number to call)\b",
    re.I,
)
NOT_PII_CTX = re.compile(
    r"\b(order|tracking|confirmation|reference|ref|invoice|case|ticket|claim|receipt|model|serial|"
    r"account|acct|policy|member(ship)?|booking|item|sku|part|transaction|po)\b(\s+(number|no\.?|#|id))?[\s#:.]*$",
    re.I,
)
# Money talk in the same turn: a number there is a price or a charge, not a CVV answered to an earlier question.
MONEY = re.compile(
    r"[$£€]|\b(dollars?|bucks|cents?|pounds?|euros?|charged?|charges|paid|pay(ment)?|price|cost|refund(ed)?|"
    r"bill(ed)?|fee|amount|total|balance|usd)\b",
    re.I,
)
AMOUNT_BEFORE = re.compile(r"[$£€]\s{0,2}$")
AMOUNT_AFTER = re.compile(
    r"^(\.\d|,\d{3}|\s{0,2}(%|percent|dollars?|bucks|cents?|pounds?|euros?|usd|k\b|minutes?|"
    r"hours?|days?|weeks?|months?|years?|items?|times|pm|am|o'?clock))",
    re.I,
)
# What may stand between a card number and the expiry or CVV read straight after it.
TRAILING_FILLER = re.compile(
    r"(?:[\s,.;:/\-–—]|\b(?:and|exp|expires?|expiry|expiration|date|cvv2?|cvc|code|security|is|it's|its|it|the|"
    r"then|slash|valid|thru|through|until|on|back|number|uh|um|okay|ok)\b){0,24}",
    re.I,
)
EMAIL = re.compile(
    r"(?<![\w.+%-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![\w-])"
)
SPOKEN_EMAIL = re.compile(
    r"(?<![\w.-])[a-z0-9][a-z0-9._-]{0,63}(?:\s{1,3}(?:dot|underscore|dash|hyphen)\s{1,3}[a-z0-9]{1,30}){0,6}"
    r"\s{1,3}at\s{1,3}[a-z0-9-]{1,63}(?:\s{1,3}dot\s{1,3}[a-z0-9-]{1,63}){0,4}\s{1,3}dot\s{1,3}"
    r"(?:com|net|org|edu|gov|co|io|us|uk|ca|info|biz|me)\b",
    re.I,
)
SSN = re.compile(r"(?<![\d-])(\d{3})([- ])(\d{2})\2(\d{4})(?![\d-])")
PHONE = re.compile(
    r"(?<![\w+])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\d-])"
    r"|(?<![\w+])\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}(?!\d)"
)
# "05/27", "5-2027", "05 / 27." — a full stop after it is punctuation, "05/27.5" is not a date.
EXPIRY_DIGITS = re.compile(r"(?<![\d/.-])(0?[1-9]|1[0-2])\s?[/-]\s?(20\d{2}|\d{2})(?![\d/-]|\.\d)")
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_SPOKEN_YEAR = (
    r"(?:twenty[\s-]{1,3}(?:twenty[\s-]{1,3})?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|thirty(?:[\s-]{1,3}\w{3,5})?)"
    r"|two thousand(?: and)? \w{3,9}(?:[\s-]\w{3,5})?)"
)
EXPIRY_MONTH = re.compile(rf"\b{_MONTHS}\.?,?\s{{1,3}}(?:of\s{{1,3}})?(?:20\d{{2}}|'?\d{{2}}|{_SPOKEN_YEAR})\b", re.I)
