"""Check data read from YAML against the format and report every issue.

The format's types are msgspec structs (`schema.py`): msgspec builds the
objects and writes the JSON Schemas. msgspec stops at the first problem,
though, and a teacher fixing a file wants to see all of them at once. So
`validate` walks the data along the types (as msgspec describes them,
`msgspec.inspect`), collects an `Issue` for every field that is wrong, and
lets msgspec build each object once its fields are right (which also runs the
rules across fields, in `__post_init__`).

Two more things the format needs and msgspec leaves to the caller:

- surrounding spaces are stripped from all text (``title: '  '`` is empty);
- a type may carry a ``before`` function in ``Meta(extra=...)``, which turns
  the value as written into the value meant (``"1:30"`` into 90 seconds, a
  number into text) or raises `ValueError` with a message for the teacher.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import msgspec
from msgspec import inspect as mi

Loc = tuple[Any, ...]


@dataclass
class Issue:
    """One thing wrong, at `loc` (a field path such as ``("videos", 0, "url")``).

    `kind` says what: ``missing``, ``unknown`` (`choices`: the fields there
    are), ``choice`` (`choices`: the values allowed), ``rule`` (`message`
    says what), ``too_short``, ``empty_text``, or the type expected: ``text``,
    ``whole_number``, ``number``, ``true_false``, ``list``, ``fields``,
    ``date``, ``date_with_time``."""

    loc: Loc
    kind: str
    value: Any = None
    message: str = ""
    choices: list[str] = field(default_factory=list)


class _Invalid:
    """Stands for a value that failed: its parent is not built."""


INVALID = _Invalid()


def validate(data: Any, cls: type) -> tuple[Any, list[Issue]]:
    """Build `cls` from `data`; returns (object or None, every issue found)."""
    issues: list[Issue] = []
    value = _check(data, _type_info(cls), (), issues)
    return (None if issues or value is INVALID else value), issues


@lru_cache(maxsize=None)
def _type_info(cls: type) -> mi.Type:
    return mi.type_info(cls)


def _check(value: Any, t: mi.Type, loc: Loc, issues: list[Issue]) -> Any:
    if isinstance(t, mi.Metadata):
        before = (t.extra or {}).get("before")
        if before is not None and value is not None:
            try:
                value = before(value)
            except ValueError as exc:
                issues.append(Issue(loc, "rule", value, str(exc)))
                return INVALID
        return _check(value, t.type, loc, issues)
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
        issues.extend(found)  # the last member's issues (unions here are "T or nothing")
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
        return INVALID if any(item is INVALID for item in items) else items
    return _leaf(value, t, loc, issues)


def _struct(value: Any, t: mi.StructType, loc: Loc, issues: list[Issue]) -> Any:
    if isinstance(value, t.cls):
        return value
    if not isinstance(value, dict):
        issues.append(Issue(loc, "fields", value))
        return INVALID
    names = [f.encode_name for f in t.fields]
    before = len(issues)
    for key in value:
        if key not in names:
            issues.append(Issue(loc + (key,), "unknown", choices=names))
    checked = {}
    for f in t.fields:
        if f.encode_name in value:
            checked[f.encode_name] = _check(value[f.encode_name], f.type, loc + (f.encode_name,), issues)
        elif f.required:
            issues.append(Issue(loc + (f.encode_name,), "missing"))
    if len(issues) > before or any(v is INVALID for v in checked.values()):
        return INVALID
    try:
        return msgspec.convert(checked, t.cls)
    except msgspec.ValidationError as exc:  # a rule across fields (`__post_init__`)
        issues.append(Issue(loc, "rule", message=str(exc)))
        return INVALID


def _leaf(value: Any, t: mi.Type, loc: Loc, issues: list[Issue]) -> Any:
    def wrong(kind: str) -> Any:
        issues.append(Issue(loc, kind, value))
        return INVALID

    if isinstance(t, mi.StrType):
        if not isinstance(value, str):
            return wrong("text")
        text = value.strip()
        if t.min_length and len(text) < t.min_length:
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
        return value if isinstance(value, bool) else wrong("true_false")
    if isinstance(t, mi.IntType):
        if isinstance(value, bool):
            return wrong("whole_number")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        elif isinstance(value, str) and value.strip().lstrip("+-").isdigit():
            value = int(value)
        return value if isinstance(value, int) else wrong("whole_number")
    if isinstance(t, mi.FloatType):
        if isinstance(value, bool):
            return wrong("number")
        if isinstance(value, str):
            try:
                value = float(value)
            except ValueError:
                return wrong("number")
        return float(value) if isinstance(value, (int, float)) else wrong("number")
    if isinstance(t, mi.DateType):
        if isinstance(value, dt.datetime):
            if value.time() != dt.time(0):
                return wrong("date_with_time")
            return value.date()
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                return wrong("date")
        return value if isinstance(value, dt.date) else wrong("date")
    if isinstance(t, mi.AnyType):
        return value
    raise TypeError(f"validate: no check for {t!r}")  # a type the format does not use
