"""How a student's answer is compared with the right one, in pure Python.

The same rules are what the page's script will apply; they are written here
first so that they are tested, documented and used by the exports.

Short answers (`same_text`): both texts are brought to Unicode NFKC form (so
full-width letters and digits, ligatures and composed or decomposed accents
compare equal), punctuation and symbols are dropped, runs of spaces become one
and surrounding spaces go, and, unless the question is ``case_sensitive``,
case is folded (``casefold``: ``Straße`` is ``STRASSE``). Accents are *not*
forgiven: ``cafe`` is not ``café`` (in many languages the accent changes the
word). Chinese, Japanese and other scripts without case compare as written,
less punctuation (``细胞膜。`` is ``细胞膜``).

Numbers (`parse_number`): digits after NFKC (full-width ``１２`` too), an
optional sign, a decimal point; a comma between groups of exactly three
digits is a thousands separator (``1,000`` and ``12,345.5``), and a single
comma followed by one, two or four or more digits is a decimal comma (``3,5``
is 3.5). ``1,500`` is therefore one thousand five hundred, never 1.5: write
``1.5``. Spaces (also thin and no-break ones) between groups of three digits
are thousands separators too (``1 000``). A unit may follow the number
(``65 %``, ``18 N``, ``3 m/s``): it is returned apart and compared, less
spaces, case and a full stop ending the sentence (``18 N.``), with the
question's unit (``×`` is ``x``: ``400×`` and ``400x``); an answer without a
unit is accepted. A fraction of whole numbers is its value (``3/4`` is 0.75), so is a
mixed number (``1 1/2`` and ``1½`` are 1.5); a denominator of 0 is not a
number. A power of ten is read as science writes it: ``3e8``, ``3 × 10^8``,
``3x10^8``, ``3 × 10⁸`` and ``10^8`` (``2^3`` is not read).
"""

from __future__ import annotations

import hashlib
import math
import random
import re
import unicodedata

__all__ = ["normalise", "same_text", "parse_number", "same_number", "derived_id", "shuffled"]


def normalise(text: str, case_sensitive: bool = False) -> str:
    """`text` as compared for a short answer (see the module's notes)."""
    text = unicodedata.normalize("NFKC", text)
    kept = "".join(" " if unicodedata.category(c)[0] in "PSZC" else c for c in text)
    kept = " ".join(kept.split())
    return kept if case_sensitive else kept.casefold()


def same_text(given: str, accepted: list[str], case_sensitive: bool = False) -> bool:
    """Whether `given` matches one of the `accepted` answers."""
    wanted = normalise(given, case_sensitive)
    return bool(wanted) and any(wanted == normalise(a, case_sensitive) for a in accepted)


_SPACES = "[ \u00a0\u2009\u202f]"
_NUMBER = re.compile(
    r"^(?P<sign>[+\-\u2212]?)\s*"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?"          # 1,000 and 12,345.5
    r"|\d{1,3}(?:" + _SPACES + r"\d{3})+(?:[.,]\d+)?"   # 1 000 and 1 000,5
    r"|\d+,\d+"                                        # 3,5 (a decimal comma)
    r"|\d*\.\d+|\d+\.?)"                               # 3.5, .5, 1000, 1000.
    r"(?:\s*[x\u00d7*\u00b7\u22c5]\s*10\s*\^\s*(?P<power>[+\-\u2212]?\d+)"  # 3 × 10^8
    r"|\s*\^\s*(?P<caret>[+\-\u2212]?\d+)"                   # 10^8
    r"|[eE](?P<e>[+\-\u2212]?\d+))?"                          # 3e8, 1.6E-19
    r"\s*(?P<unit>.*)$"
)
#: Superscript digits after "10" ("× 10⁸", "10⁻³"), written as "^8" before NFKC, which would make "108".
_SUPERSCRIPT = re.compile("((?:^|[x\u00d7*\u00b7\u22c5])\\s*10)([\u207a\u207b]?[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]+)")
_PLAIN = str.maketrans("\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079\u207a\u207b", "0123456789+-")


_FRACTION = re.compile(r"^(?P<sign>[+\-\u2212]?)\s*(?:(?P<whole>\d+)\s+)?(?P<top>\d+)\s*[/\u2044]\s*(?P<bottom>\d+)"
                       r"\s*(?P<unit>.*)$")
_VULGAR = re.compile("[\u00bc-\u00be\u2150-\u215e\u2189]")  # ½ ¾ ⅓ …: "1½" is 1 1/2, not 11/2


#: Digits of other scripts (Arabic-Indic, Persian, Devanagari, Bengali) as 0-9; the Arabic decimal and
#: thousands separators as "." and "," (answers.js reads the same).
_WESTERN = str.maketrans({**{chr(zero + n): str(n) for zero in (0x660, 0x6F0, 0x966, 0x9E6) for n in range(10)},
                          "\u066b": ".", "\u066c": ","})


def parse_number(text: str) -> tuple[float, str] | None:
    """(number, unit) written in `text`, or None when it is not a number."""
    text = _VULGAR.sub(lambda m: " " + m.group(), str(text).translate(_WESTERN))
    text = _SUPERSCRIPT.sub(lambda m: m.group(1) + "^" + m.group(2).translate(_PLAIN), text.strip())
    text = unicodedata.normalize("NFKC", text).strip()
    fraction = _FRACTION.match(text)
    if fraction:
        top, bottom = int(fraction.group("top")), int(fraction.group("bottom"))
        if bottom == 0:
            return None
        value = int(fraction.group("whole") or 0) + top / bottom
        return _signed_with_unit(value, fraction)
    match = _NUMBER.match(text)
    if not match:
        return None
    number = match.group("number")
    if re.search(_SPACES, number):
        number = re.sub(_SPACES, "", number).replace(",", ".")
    elif re.fullmatch(r"\d+,\d+", number) and not re.fullmatch(r"\d{1,3},\d{3}", number):
        number = number.replace(",", ".")
    else:
        number = number.replace(",", "")
    if match.group("caret") is not None:
        if number != "10":
            return None  # "2^3": only powers of ten are read
        number = "1"
    value = float(number)
    power = match.group("power") or match.group("caret") or match.group("e")
    if power is not None:
        scaled = float(f"{number}e{power.replace(chr(0x2212), '-')}")  # one decimal number: 1.6e-19, not 1.6 × 1e-19
        if math.isinf(scaled) or (scaled == 0) != (value == 0):
            return None  # beyond what a number can hold (1e999, 1e-999)
        value = scaled
    return _signed_with_unit(value, match)


def _signed_with_unit(value: float, match: re.Match) -> tuple[float, str] | None:
    if match.group("sign") in ("-", "\u2212"):
        value = -value
    unit = match.group("unit").strip()
    if unit and not re.match(r"^(?:[^\d\s,./\u2044]|[/\u2044](?=[^\d\s]))", unit):
        return None  # "3 4", "1,2,3" or "1/2/3": not one number
    return value, unit


def _unit(text: str) -> str:
    """A unit as compared: spaces, case and the end of a sentence (``18 N.``)
    aside; the times sign is the letter x (``400×`` is ``400x``)."""
    text = unicodedata.normalize("NFKC", text).strip().rstrip(".!?;,\u3002").replace("\u00d7", "x")
    return "".join(text.split()).casefold()


def same_number(given: str, answer: float, tolerance: float = 0, unit: str | None = None) -> bool:
    """Whether `given` is `answer` within `tolerance` (and in `unit`, when a unit is written)."""
    parsed = parse_number(given)
    if parsed is None:
        return False
    value, written = parsed
    if written and _unit(written) != _unit(unit or ""):
        return False
    # (float rounding is forgiven: a billionth of the larger of the numbers and the tolerance)
    return abs(value - answer) <= tolerance + 1e-9 * max(abs(answer), abs(value), tolerance)


def derived_id(set_id: str, prompt: str) -> str:
    """A question's id when none is given: a short slug of the prompt and a
    hash of the set and the prompt (``which-part-controls-3f9a1c``). It depends
    on nothing else, so editing one question never changes another's id."""
    ascii_words = unicodedata.normalize("NFKD", prompt).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_words)
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > 24:
            break
        slug = f"{slug}-{word}" if slug else word
    digest = hashlib.sha256(f"{set_id}\n{prompt.strip()}".encode()).hexdigest()[:6]
    return f"{slug}-{digest}" if slug else f"q-{digest}"


def shuffled(items: list, seed: str) -> list:
    """`items` in an order fixed by `seed` (a question's id), never the given
    order when there are at least two different items (so an ordering question
    never shows its answer)."""
    order = list(items)
    if len(order) < 2:
        return order
    rng = random.Random(hashlib.sha256(seed.encode()).hexdigest())
    for _ in range(20):
        rng.shuffle(order)
        if order != list(items):
            return order
    return order[1:] + order[:1]
