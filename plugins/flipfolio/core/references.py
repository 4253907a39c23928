"""The references a file of the portfolio makes, read from its format: the ids
of other files (a field marked `format.refers`) and the paths of files in the
portfolio folder (`format.names_file`; on a part, such as a picture, it names
the part's files: ``names_file("the badge image")``).

The loader checks them in one place for every file (`model.Check.references`):
the files that loaded, and those with problems of their own, read as far as
their fields are right (`validate.is_partial`). So a teacher sees a unit's id
that names no unit in the same round as a misspelt field of the same lesson.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from msgspec import inspect as mi

from .validate import is_partial, is_wrong, right_fields, type_info

#: (field path, value, "refers" or "file", the kind referred to or what the file is, for messages)
Reference = tuple[tuple, str, str, str]


def references(entry: Any, cls: type) -> Iterator[Reference]:
    """Every reference in `entry` (of the format `cls`), in the order of its fields."""
    yield from _walk(entry, type_info(cls), ())


def _walk(value: Any, t: mi.Type, path: tuple, named: str | None = None) -> Iterator[Reference]:
    # `named`: what a part's files are, said where the part is used (a picture's `src`: "the badge image").
    if value is None or (is_wrong(value) and not is_partial(value) and not isinstance(value, list)):
        return
    if isinstance(t, mi.Metadata):
        extra = t.extra or {}
        if isinstance(value, str):
            if "refers" in extra:
                yield path, value, "refers", extra["refers"]
            if "file" in extra:
                yield path, value, "file", named or extra["file"]
        elif "file" in extra:
            named = named or extra["file"]
        yield from _walk(value, t.type, path, named)
    elif isinstance(t, mi.StructType):
        fields = _fields_with_references(t.cls)
        if not fields:
            return
        if is_partial(value):
            right = right_fields(value)
            values = [(f, right.get(f.name)) for f in fields]
        else:
            values = [(f, getattr(value, f.name)) for f in fields]
        for f, field_value in values:
            yield from _walk(field_value, f.type, path + (f.encode_name,), named)
    elif isinstance(t, mi.ListType) and isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, t.item_type, path + (index,), named)
    elif isinstance(t, mi.UnionType):
        member = next((m for m in t.types if _fits(value, m)), None)
        if member is not None:
            yield from _walk(value, member, path, named)


@lru_cache(maxsize=None)
def _fields_with_references(cls: type) -> tuple:
    """The fields of a part that may hold a reference (a large portfolio's
    question sets hold none: they are not read at all)."""
    return tuple(f for f in type_info(cls).fields if _may_refer(f.type, frozenset()))


def _may_refer(t: mi.Type, within: frozenset) -> bool:
    # `within`: the parts around `t` (a part that held itself would be read once).
    if isinstance(t, mi.Metadata):
        return bool({"refers", "file"} & set(t.extra or {})) or _may_refer(t.type, within)
    if isinstance(t, mi.StructType):
        if t.cls in within:
            return False
        return any(_may_refer(f.type, within | {t.cls}) for f in t.fields)
    if isinstance(t, mi.ListType):
        return _may_refer(t.item_type, within)
    if isinstance(t, mi.UnionType):
        return any(_may_refer(m, within) for m in t.types)
    return False


def _fits(value: Any, t: mi.Type) -> bool:
    """Whether `value` is of the union's member `t` (what `validate` made of it tells)."""
    while isinstance(t, mi.Metadata):
        t = t.type
    if isinstance(t, (mi.StrType, mi.LiteralType)):
        return isinstance(value, str)
    if isinstance(t, mi.ListType):
        return isinstance(value, list)
    if isinstance(t, mi.StructType):
        return isinstance(value, t.cls) or (is_partial(value) and value._cls is t.cls)
    return False
