"""Check data read from YAML against the format and report every issue.

The format's types are msgspec structs (`format.py` and each feature's `format.py`): msgspec builds the
objects and writes the JSON Schemas. msgspec stops at the first problem,
though, and a teacher fixing a file wants to see all of them at once. So
`validate` walks the data along the types (as msgspec describes them,
`msgspec.inspect`), collects an `Issue` for every field that is wrong, and
lets msgspec build each object once its fields are right (which also runs the
rules across fields, in `__post_init__`). A part with wrong fields is not
built, but its rules still run on the fields that are right (`_Partial`), and
rules report every problem they find (`broken`): one round of fixes, not one
per rule.

Two more things the format needs and msgspec leaves to the caller:

- surrounding spaces are stripped from all text (``title: '  '`` is empty);
- a type may carry a ``before`` function in ``Meta(extra=...)``, which turns
  the value as written into the value meant (``"1:30"`` into 90 seconds, a
  number into text) or raises `ValueError` with a message for the teacher;
  a list may carry ``unique`` there: an item given twice is reported at its
  second place.

Numbers keep to the bounds their type gives (``Meta(ge=..., le=...)``), and
in any case whole numbers stay within a billion either way and numbers are
finite: nothing a teacher means is larger, and a huge value only breaks a
page. Text made only of invisible characters (zero-width spaces and the like)
is empty where text is required. A date that is no calendar date (YAML leaves
``2027-02-31`` as text) is named for what is wrong with it.
"""

from __future__ import annotations

import calendar
import difflib
import datetime as dt
import inspect
import math
import re
import types
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

import msgspec
from msgspec import inspect as mi

from .problems import show

Loc = tuple[Any, ...]


@dataclass
class Issue:
    """One thing wrong, at `loc` (a field path such as ``("videos", 0, "url")``).

    `kind` says what: ``missing`` (`message`: what the field holds, from the format), ``unknown`` (`choices`: the fields there
    are), ``choice`` (`choices`: the values allowed), ``rule`` (`message`
    says what), ``too_short``, ``empty_text``, or the type expected: ``text``,
    ``whole_number``, ``number``, ``true_false``, ``list``, ``fields``,
    ``date``, ``date_with_time``. A value out of bounds, a date that is no
    calendar date and an item listed twice are ``rule`` issues whose message
    says what was expected and what was found."""

    loc: Loc
    kind: str
    value: Any = None
    message: str = ""
    choices: list[str] = field(default_factory=list)


class _Invalid:
    """Stands for a value that failed: its parent is not built."""


INVALID = _Invalid()


class _Unknown(Exception):
    """A rule read a field that is wrong: it cannot be judged yet."""


class _PartialList(list, _Invalid):
    """A list with wrong items. The rules of the part holding it may read it
    when each wrong item is a part with wrong fields of its own (`_Partial`);
    the ids and files named by its right items are checked either way."""


class _Partial(_Invalid):
    """A part with some fields wrong or missing. It is not built, but its rules
    across fields still run (`_rules`) on the fields that are right, so that a
    teacher sees their problems in the same round as the others: a rule that
    reads a wrong field (`_Unknown`) is left until that field is fixed.
    Attributes read like the part's own: the fields, then the class's
    properties and methods, run on the partial part."""

    def __init__(self, cls: type, values: dict):
        object.__setattr__(self, "_cls", cls)
        object.__setattr__(self, "_values", values)

    def __getattr__(self, name: str) -> Any:
        values = object.__getattribute__(self, "_values")
        if name in values:
            value = values[name]
            if type(value) is _Invalid or (isinstance(value, _PartialList) and any(
                    type(item) is _Invalid for item in value)):
                raise _Unknown(name)
            return value  # (a part, or a list of parts, with wrong fields of their own reads like one)
        cls = object.__getattribute__(self, "_cls")
        found = inspect.getattr_static(cls, name)
        if isinstance(found, property):
            return found.fget(self)
        if inspect.isfunction(found):
            return types.MethodType(found, self)
        return getattr(cls, name)

    def __setattr__(self, name: str, value: Any) -> None:
        object.__getattribute__(self, "_values")[name] = value


def _rules(partial: _Partial, loc: Loc, issues: list[Issue]) -> None:
    """Run the rules across fields of a part not built (see `_Partial`)."""
    rules = getattr(partial._cls, "__post_init__", None)
    if rules is None:
        return
    try:
        rules(partial)
    except _Unknown:
        pass
    except ValueError as exc:
        issues.extend(_rule_issues(exc, loc))
    except Exception:  # noqa: BLE001 - a rule that reads a field left out: judged once it is there
        pass


class Broken(ValueError):
    """Rules across fields broken, each message naming its field first
    (``'due' (…) is before 'assigned' (…)``). Raised by `broken`, so that a
    part's rules report every problem they find at once."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


def broken(*rules) -> None:
    """Raise `Broken` with every message of `rules` (iterables of messages, such
    as generators), if there is one. A part's ``__post_init__`` calls it.

    In a part with wrong fields (`_Partial`), a rule stops where it reads one:
    what it found up to there is kept, and the other rules still run."""
    found: list[str] = []
    unknown = False
    for rule in rules:
        try:
            found.extend(rule)
        except _Unknown:
            unknown = True
    if found:
        raise Broken(found)
    if unknown:
        raise _Unknown()


def _rule_issues(exc: BaseException, loc: Loc) -> list[Issue]:
    messages = exc.messages if isinstance(exc, Broken) else [str(exc)]
    return [Issue(loc, "rule", message=message) for message in messages]


#: No whole number in the format is larger than this, either way.
MAX_WHOLE = 10**9
#: Every date of the format is in these years: a teacher's dates are, and a year outside them is a
#: typing mistake (2205 for 2025) that would date the site's files where no file date can go.
FIRST_DATE, LAST_DATE = dt.date(1900, 1, 1), dt.date(2099, 12, 31)


def validate(data: Any, cls: type, *, partly: bool = False) -> tuple[Any, list[Issue]]:
    """Build `cls` from `data`; returns (object or None, every issue found).
    With `partly`, data with issues gives the part as far as it is right
    (`is_partial`) instead of None, for what can be checked of it still: the
    other files it names (`references`)."""
    issues: list[Issue] = []
    value = _check(data, type_info(cls), (), issues)
    if not issues and not isinstance(value, _Invalid):
        return value, issues
    return (value if partly and isinstance(value, _Partial) else None), issues


def is_partial(value: Any) -> bool:
    """Whether `value` is a part with wrong fields, as `validate(…, partly=True)` gives it."""
    return isinstance(value, _Partial)


def if_known(function: Callable[[], Any], otherwise: Any = None) -> Any:
    """``function()``, or `otherwise` where it reads a wrong field of a part
    with wrong fields (`is_partial`): what is known of such a part, or nothing."""
    try:
        return function()
    except _Unknown:
        return otherwise


def is_wrong(value: Any) -> bool:
    """Whether `value` failed its checks (a part with wrong fields included)."""
    return isinstance(value, _Invalid)


def right_fields(value: Any) -> dict[str, Any]:
    """The fields of a part (built, or partial) whose values are right, by name."""
    if isinstance(value, _Partial):
        return {k: v for k, v in object.__getattribute__(value, "_values").items()
                if not k.startswith("_") and type(v) is not _Invalid}
    return {name: getattr(value, name) for name in value.__struct_fields__}


@lru_cache(maxsize=None)
def type_info(cls: type) -> mi.Type:
    """`cls` as msgspec describes it (kept: the format does not change while it runs)."""
    return mi.type_info(cls)


def _check(value: Any, t: mi.Type, loc: Loc, issues: list[Issue]) -> Any:
    if isinstance(t, mi.Metadata):
        extra = t.extra or {}
        before = extra.get("before")
        if before is not None and value is not None:
            try:
                value = before(value)
            except ValueError as exc:
                issues.append(Issue(loc, "rule", value, str(exc)))
                return INVALID
        first = len(issues)
        result = _check(value, t.type, loc, issues)
        if extra.get("unique") and isinstance(value, list):
            # Items given twice are named even when other items are wrong.
            wrong = {i.loc[len(loc)] for i in issues[first:] if len(i.loc) > len(loc)}
            if not _unique(result if isinstance(result, list) else value, wrong, loc, issues):
                return INVALID
        return result
    if isinstance(t, mi.UnionType):
        if value is None and any(isinstance(m, mi.NoneType) for m in t.types):
            return None
        members = [m for m in t.types if not isinstance(m, mi.NoneType)]
        found: list[Issue] = []
        for member in members:
            found = []
            result = _check(value, member, loc, found)
            if not found:
                return result
        # Every member failed: report the issues of the one written the way the
        # value is (a text for a text, a list for a list), else the last one's.
        shaped = [m for m in members if _shape(m) == _shape_of(value)]
        if len(shaped) == 1 and len(members) > 1:
            found = []
            _check(value, shaped[0], loc, found)
        issues.extend(found)
        return INVALID
    if isinstance(t, mi.StructType):
        return _struct(value, t, loc, issues)
    if isinstance(t, mi.ListType):
        if not isinstance(value, list):
            issues.append(Issue(loc, "list", value))
            return INVALID
        if t.min_length and len(value) < t.min_length:
            issues.append(Issue(loc, "too_short", value))
            return INVALID
        items = [_check(item, t.item_type, loc + (i,), issues) for i, item in enumerate(value)]
        return _PartialList(items) if any(isinstance(item, _Invalid) for item in items) else items
    return _leaf(value, t, loc, issues)


def _unique(items: list, wrong: set, loc: Loc, issues: list[Issue]) -> bool:
    """Report each item given again (but those already wrong); True when there is none."""
    seen: set = set()
    once = True
    for index, item in enumerate(items):
        if index in wrong or not isinstance(item, (str, int, float)):
            continue  # a wrong item is named by its own check
        key = item.strip() if isinstance(item, str) else item
        if key in seen:
            issues.append(Issue(loc + (index,), "rule", item, f"{_show(key)} is listed twice; keep one"))
            once = False
        seen.add(key)
    return once


def _shape(t: mi.Type) -> str:
    """How a value of type `t` is written in YAML: text, list, fields or other."""
    while isinstance(t, mi.Metadata):
        t = t.type
    if isinstance(t, (mi.StrType, mi.LiteralType)):
        return "text"
    if isinstance(t, mi.ListType):
        return "list"
    if isinstance(t, (mi.StructType, mi.DictType)):
        return "fields"
    return "other"


def _shape_of(value: Any) -> str:
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "fields"
    return "other"


def _struct(value: Any, t: mi.StructType, loc: Loc, issues: list[Issue]) -> Any:
    if isinstance(value, t.cls):
        return value
    if not isinstance(value, dict):
        issues.append(Issue(loc, "fields", value))
        return INVALID
    names = [f.encode_name for f in t.fields]
    before = len(issues)
    misspelt: set[str] = set()  # fields written under another name ('choice:', 'Due:'): unknown to the rules
    for key in value:
        if key not in names:
            issues.append(Issue(loc + (key,), "unknown", choices=names))
            misspelt.update(_meant_field(key, names))
    checked = {}
    for f in t.fields:
        if f.encode_name in value:
            checked[f.encode_name] = _check(value[f.encode_name], f.type, loc + (f.encode_name,), issues)
        elif f.encode_name in misspelt:
            checked[f.encode_name] = INVALID  # a rule that reads it waits until its name is fixed
        elif f.required:
            issues.append(Issue(loc + (f.encode_name,), "missing",
                                message=(getattr(f.type, "extra_json_schema", None) or {}).get("description", "")))
    if len(issues) > before or any(isinstance(v, _Invalid) for v in checked.values()):
        partial = _Partial(t.cls, {f.name: checked.get(f.encode_name, _default(f)) for f in t.fields})
        _rules(partial, loc, issues)
        return partial
    try:
        return msgspec.convert(checked, t.cls)
    except msgspec.ValidationError as exc:  # rules across fields (`__post_init__`)
        issues.extend(_rule_issues(exc.__cause__ or exc, loc))
        return INVALID


def _meant_field(key: Any, names: list[str]) -> list[str]:
    """The field an unknown `key` most likely is (the same but for capitals, or
    spelt nearly the same), as a list of none or one."""
    word = str(key).strip()
    same = [name for name in names if name.casefold() == word.casefold()]
    return same or difflib.get_close_matches(word, names, n=1, cutoff=0.7)


def _default(f: mi.Field) -> Any:
    """A field's value when left out (`INVALID` for a required one: missing)."""
    if f.default is not msgspec.NODEFAULT:
        return f.default
    if f.default_factory is not msgspec.NODEFAULT:
        return f.default_factory()
    return INVALID


def _leaf(value: Any, t: mi.Type, loc: Loc, issues: list[Issue]) -> Any:
    def wrong(kind: str) -> Any:
        issues.append(Issue(loc, kind, value))
        return INVALID

    def rule(message: str) -> Any:
        issues.append(Issue(loc, "rule", value, f"{message}, found {_show(value)}"))
        return INVALID

    if isinstance(t, mi.StrType):
        if not isinstance(value, str):
            return wrong("text")
        text = value.strip()
        if t.min_length and not _shows_at_least(text, t.min_length):
            return wrong("empty_text")
        return text
    if isinstance(t, mi.LiteralType):
        if isinstance(value, str):
            value = value.strip()
        if value not in t.values:
            issues.append(Issue(loc, "choice", value, choices=[str(v) for v in t.values]))
            return INVALID
        return value
    if isinstance(t, mi.BoolType):
        if isinstance(value, str) and value.strip().lower() in _YES_NO:  # (YAML keeps these as words)
            return _YES_NO[value.strip().lower()]
        return value if isinstance(value, bool) else wrong("true_false")
    if isinstance(t, mi.IntType):
        number = value
        if isinstance(number, bool):
            return wrong("whole_number")
        if isinstance(number, float):
            if not math.isfinite(number):
                return rule(_bounds_message("a whole number", *_int_bounds(t)))
            if number.is_integer():
                number = int(number)
        elif isinstance(number, str) and _WHOLE.fullmatch(number.strip()):
            digits = number.strip().lstrip("+-")
            # Python reads no more than a few thousand digits; past twelve it is out of bounds anyway.
            number = int(number.strip()) if len(digits) <= 12 else (MAX_WHOLE + 1) * (-1 if "-" in number else 1)
        if not isinstance(number, int):
            return wrong("whole_number")
        low, high = _int_bounds(t)
        if not low <= number <= high:
            return rule(_bounds_message("a whole number", low, high))
        return number
    if isinstance(t, mi.FloatType):
        number = value
        if isinstance(number, bool):
            return wrong("number")
        if isinstance(number, str):
            if "_" in number:  # 1_000 is Python's notation, not a teacher's
                return wrong("number")
            try:
                number = float(number.strip())
            except ValueError:
                return wrong("number")
        if isinstance(number, int):
            try:
                number = float(number)
            except OverflowError:
                number = math.inf if number > 0 else -math.inf
        if not isinstance(number, float):
            return wrong("number")
        if not math.isfinite(number):
            return rule("expected a number (not infinite or 'not a number')")
        if (t.ge is not None and number < t.ge) or (t.le is not None and number > t.le) or (
            t.gt is not None and number <= t.gt) or (t.lt is not None and number >= t.lt):
            return rule(_float_bounds_message(t))
        return number
    if isinstance(t, mi.DateType):
        if isinstance(value, dt.datetime):
            if value.time() != dt.time(0):
                return wrong("date_with_time")
            date = value.date()
        elif isinstance(value, str):
            reason = not_a_real_date(value)
            if reason:
                return rule(f"expected a real date written YYYY-MM-DD: {reason}")
            try:
                date = dt.date.fromisoformat(value.strip())
            except ValueError:
                return wrong("date")
        elif isinstance(value, dt.date):
            date = value
        else:
            return wrong("date")
        if not FIRST_DATE <= date <= LAST_DATE:
            return rule(f"expected a date from {FIRST_DATE.year} to {LAST_DATE.year} (a year mistyped?)")
        return date
    if isinstance(t, mi.AnyType):
        return value
    raise TypeError(f"validate: no check for {t!r}")  # a type the format does not use


_WHOLE = re.compile(r"[+-]?[0-9]+")
#: Words a field that takes true or false accepts too.
_YES_NO = {"yes": True, "no": False, "on": True, "off": False}
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[Tt ])")

# Characters that show nothing: zero-width spaces and joiners, word joiners,
# byte order marks, soft hyphens (category Cf), plus fillers that render blank.
_BLANK_LETTERS = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0")


def _shows_at_least(text: str, count: int) -> bool:
    """Whether `text` has `count` characters that show (not spaces, zero-width
    or format characters), read only as far as needed: a title's first letter
    usually settles it."""
    for c in text:
        if not (c.isspace() or c in _BLANK_LETTERS or unicodedata.category(c) in ("Cf", "Cc", "Zs", "Zl", "Zp")):
            count -= 1
            if count <= 0:
                return True
    return count <= 0


def not_a_real_date(text: str) -> str | None:
    """Why ``2027-02-31``-shaped text is no calendar date ("February 2027 has 28 days"), or None."""
    match = _DATE.match(text.strip())
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if year < 1:
        return "there is no year 0"
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    days = calendar.monthrange(year, month)[1]
    if day < 1:
        return "there is no day 0"
    if day > days:
        return f"{calendar.month_name[month]} {year} has {days} days"
    return None


def _int_bounds(t: mi.IntType) -> tuple[int, int]:
    low, high = -MAX_WHOLE, MAX_WHOLE
    if t.ge is not None:
        low = max(low, t.ge)
    if t.gt is not None:
        low = max(low, t.gt + 1)
    if t.le is not None:
        high = min(high, t.le)
    if t.lt is not None:
        high = min(high, t.lt - 1)
    return low, high


def _bounds_message(what: str, low: int, high: int) -> str:
    return f"expected {what} from {low} to {high}"


def _float_bounds_message(t: mi.FloatType) -> str:
    if t.ge is not None and t.le is not None:
        return f"expected a number from {_number(t.ge)} to {_number(t.le)}"
    parts = []
    if t.ge is not None:
        parts.append(f"of at least {_number(t.ge)}")
    if t.gt is not None:
        parts.append(f"greater than {_number(t.gt)}")
    if t.le is not None:
        parts.append(f"of at most {_number(t.le)}")
    if t.lt is not None:
        parts.append(f"less than {_number(t.lt)}")
    return "expected a number " + " and ".join(parts)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _show(value: Any, limit: int = 60) -> str:
    text = show(value, limit)
    return text if len(text) <= limit + 2 else text[: limit - 1] + "…"
