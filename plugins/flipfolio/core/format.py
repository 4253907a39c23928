"""The core of the portfolio format: the base structs and the field types
every feature's format uses.

Each feature describes its kinds of file as msgspec structs (in its own
``format.py``) built on `Model` and `Entry`. These types are the single source
of truth for the format: the loader validates with them (`validate.py`
reports every problem of a file at once), `flipfolio schema` writes JSON
Schemas from them for editors (`json_schemas`), and the guide describes them.
Unknown fields are refused, so a misspelt field is reported, never ignored.
Structs are small (no per-object dictionary of fields), which matters for a
portfolio of many lessons.
"""

from __future__ import annotations

import inspect
import re
import unicodedata
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

import msgspec
from msgspec import Meta, Struct

from .problems import show
from .sources import line_map
from .validate import broken  # noqa: F401 (the formats' rules use it)

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_TIME = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})$|^(\d+)$")
#: The longest time in a video: 24 hours.
MAX_SECONDS = 24 * 3600
#: Picture files a browser shows.
PICTURE_FILES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif")
# A language code (BCP 47): a language of 2 or 3 letters, then maybe a script and a region.
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?$")
_LANGUAGE_NAMES = {
    "english": "en", "spanish": "es", "español": "es", "espanol": "es", "french": "fr", "français": "fr",
    "francais": "fr", "german": "de", "deutsch": "de", "portuguese": "pt", "português": "pt", "italian": "it",
    "dutch": "nl", "chinese": "zh", "japanese": "ja", "korean": "ko", "arabic": "ar", "russian": "ru",
    "hindi": "hi", "polish": "pl", "turkish": "tr", "vietnamese": "vi", "ukrainian": "uk", "swedish": "sv",
}


def text_from_number(value: Any) -> Any:
    # Grades and codes such as 7 or 8.1 are text to a teacher; YAML reads them as numbers.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def seconds(value: Any) -> int | None:
    """Seconds from 90, "90", "1:30" or "1:02:03"; None when not a time."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, str):
        match = _TIME.match(value.strip())
        if match and max(len(g or "") for g in match.groups()) > 15:
            return None  # thousands of digits are no time, and Python will not read them
        if match:
            if match.group(4) is not None:
                return int(match.group(4))
            hours, minutes, secs = match.group(1), match.group(2), match.group(3)
            if int(secs) >= 60:
                return None
            return int(hours or 0) * 3600 + int(minutes) * 60 + int(secs)
    return None


def clock(seconds: float) -> str:
    """A time as a teacher writes it and `seconds` reads it: 9:59, 1:02:03."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _time(value: Any) -> Any:
    if value is None:
        return None
    result = seconds(value)
    if result is None:
        raise ValueError(f"expected a time such as 90 (seconds), '1:30' or '1:02:03', found {show(value)}")
    if result > MAX_SECONDS:
        raise ValueError(f"expected a time of at most 24 hours ('24:00:00', or {MAX_SECONDS} seconds), "
                         f"found {show(value)}")
    return result


def _web(value: Any) -> Any:
    if isinstance(value, str) and re.match(r"^https?://", value.strip()) and re.search(r"\s", value.strip()):
        raise ValueError(f"web addresses cannot contain spaces; write %20 for a space, found {value!r}")
    if isinstance(value, str) and not re.match(r"^https?://[^\s/]+\.[^\s]+$", value.strip()):
        raise ValueError(f"expected a web address starting with https:// (or http://), found {value!r}")
    if isinstance(value, str):
        try:
            urlsplit(value.strip()).port  # (a bracket never closed, a port that is no number)
        except ValueError:
            raise ValueError(f"expected a web address a browser can open (check the brackets and the part after "
                             f"the ':'), found {value!r}") from None
    return value


def _web_or_mail(value: Any) -> Any:
    if isinstance(value, str) and re.match(r"^mailto:[^\s@]+@[^\s@]+$", value.strip()):
        return value
    if isinstance(value, str) and re.fullmatch(r"[^\s@:/]+@[^\s@:/]+\.[^\s@:/]+", value.strip()):
        raise ValueError(f"an email address is written with 'mailto:' before it (mailto:{value.strip()}), "
                         f"found {value!r}")
    try:
        return _web(value)
    except ValueError as problem:
        raise ValueError(str(problem).replace("starting with https:// (or http://)",
                                              "starting with https:// (or http://), or mailto: and an email address")
                         ) from None


def _web_or_file(value: Any) -> Any:
    # A file in the portfolio has no scheme; anything with one must be http(s).
    if isinstance(value, str) and re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value.strip()):
        return _web(value)
    return value


def _file(value: Any) -> Any:
    # Pictures and captions are served by the site itself: a web address here
    # would make every visitor's browser contact another host.
    if isinstance(value, str) and (re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value) or value.startswith("//")):
        raise ValueError(f"expected a file in the portfolio folder such as media/picture.png, found {value!r}")
    return value


def _picture(value: Any) -> Any:
    value = _file(value)
    if isinstance(value, str) and not value.strip().lower().endswith(PICTURE_FILES):
        raise ValueError(f"expected a picture file ({', '.join(PICTURE_FILES)}), found {value!r}")
    return value


def _captions_file(value: Any) -> Any:
    value = _file(value)
    if isinstance(value, str) and not value.strip().lower().endswith(".vtt"):
        raise ValueError(f"expected a WebVTT captions file, whose name ends in .vtt (convert other captions "
                         f"files such as .srt to WebVTT), found {value!r}")
    return value


def is_language(code: str) -> bool:
    """Whether `code` has the shape of a language code such as en, es, pt-BR or zh-Hant."""
    return bool(_LANGUAGE.match(code))


def _language(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    code = value.strip()
    if not is_language(code):
        known = _LANGUAGE_NAMES.get(code.lower())
        hint = f" ('{known}' for {code.capitalize()})" if known else ""
        raise ValueError(f"expected a language code, found {value!r}; use language codes such as 'en', 'es', "
                         f"'fr'{hint}")
    # Written as usual: en, pt-BR, zh-Hant (captions files are named so).
    parts = code.split("-")
    return "-".join([parts[0].lower()] + [p.title() if len(p) == 4 else p.upper() for p in parts[1:]])


def about(description: str, **constraints) -> Meta:
    return Meta(description=description, **constraints)


def before(function, description: str | None = None, **constraints) -> Meta:
    # `validate.py` calls `function` on the value as written before checking it.
    return Meta(extra={"before": function}, description=description, **constraints)


def refers(kind: str) -> Meta:
    # The id of an item of `kind` ("units"): the loader checks that it names one (`references.py`).
    return Meta(extra={"refers": kind})


def names_file(what: str) -> Meta:
    # A path in the portfolio folder (a web address is left alone): the loader checks that a file is
    # there (`references.py`); `what` names it in messages ("the captions").
    return Meta(extra={"file": what})


def ids(description: str, **constraints) -> Meta:
    # A list of ids: `validate.py` reports an id given twice at its second place.
    return Meta(extra={"unique": True}, extra_json_schema=_UNIQUE, description=description, **constraints)


# What editors are told (JSON Schema) where the format takes more than the type says.
_TEXT_OR_NUMBER = {"anyOf": [{"type": "string"}, {"type": "number"}]}
_TIME_SCHEMA = {"anyOf": [{"type": "integer", "minimum": 0, "maximum": MAX_SECONDS},
                          {"type": "string", "pattern": _TIME.pattern}]}
_NOT_WEB = r"^(?![A-Za-z][A-Za-z0-9+.-]*:)(?!//)"
_PICTURE_SCHEMA = {"pattern": _NOT_WEB + r".*\.(?:" + "|".join(
    "".join(f"[{c.upper()}{c}]" for c in suffix[1:]) for suffix in PICTURE_FILES) + ")$"}
_CAPTIONS_SCHEMA = {"pattern": _NOT_WEB + r".*\.[Vv][Tt][Tt]$"}
_LANGUAGE_SCHEMA = {"pattern": _LANGUAGE.pattern}
_UNIQUE = {"uniqueItems": True}

Text = Annotated[str, before(text_from_number, extra_json_schema=_TEXT_OR_NUMBER)]
LocalFile = Annotated[str, before(_file)]
WebAddress = Annotated[str, before(_web)]
WebOrMail = Annotated[str, before(_web_or_mail)]
WebOrFile = Annotated[str, before(_web_or_file)]
Seconds = Annotated[int, before(_time, extra_json_schema=_TIME_SCHEMA, ge=0, le=MAX_SECONDS)]
Picture = Annotated[str, before(_picture, extra_json_schema=_PICTURE_SCHEMA)]
CaptionsFile = Annotated[str, before(_captions_file, extra_json_schema=_CAPTIONS_SCHEMA)]
Language = Annotated[str, before(_language, extra_json_schema=_LANGUAGE_SCHEMA)]
#: Where a thing goes among its kind: lower comes first.
Order = Annotated[int, Meta(ge=-10_000, le=10_000)]
#: Text that may be left out but, when given, is not empty.
Words = Annotated[str, Meta(min_length=1)]


class Model(Struct, kw_only=True, forbid_unknown_fields=True, dict=True):
    """Base of every part of the format (`dict=True`: the loader may note things on it)."""


class Entry(Model):
    """A file-backed item: its id is the file name, set by the loader, never by the file."""

    @property
    def id(self) -> str:
        return getattr(self, "_id", "")

    @property
    def kind(self) -> str:
        """The name of the item's kind (``lessons``, ``units``, …), set by the loader."""
        return getattr(self, "_kind", "")

    @property
    def file(self) -> str:
        """The file's path for messages, starting with the portfolio folder's name."""
        return getattr(self, "_file", "")

    @property
    def path(self) -> str:
        """The file's path inside the portfolio folder, e.g. lessons/cells/a.md."""
        return getattr(self, "_path", "")

    def line_of(self, *path: Any) -> int | None:
        """The line of a field in the source file, or of its nearest parent.

        Lines are looked up only for items with a problem: the file is read
        again then, so a portfolio of many files holds no line numbers."""
        lines = getattr(self, "_lines", None)
        if lines is None:
            source = getattr(self, "_source", "")
            lines = self._lines = line_map(Path(source)) if source else {}
        while path:
            if path in lines:
                return lines[path]
            path = path[:-1]
        return None


class Image(Model):
    """A picture stored in the portfolio, with the text a screen reader reads."""

    src: Annotated[Picture, about("Path of the picture inside the portfolio folder, e.g. media/photo.jpg."),
                   names_file("the picture")]
    alt: Annotated[str, about("What the picture shows, for people who cannot see it.", min_length=1)]


class Link(Model):
    title: Annotated[str, about("The words of the link.", min_length=1)]
    url: Annotated[str, before(_web_or_mail, "Where it goes: https://… or mailto:…")]


def json_schemas() -> dict[str, dict]:
    """A JSON Schema per kind, named as the files `flipfolio schema` writes."""
    schemas = {}
    from .features import kinds

    for kind in kinds():
        name, model = kind.folder.split(".")[0], kind.model
        found = msgspec.json.schema(model)
        defs = found["$defs"]
        root = defs.pop(found["$ref"].rsplit("/", 1)[-1])  # the file's own fields at the top, parts in $defs
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **_tidy(root), "title": f"Flipfolio {name}"}
        if defs:
            schema["$defs"] = _tidy(defs)
        schemas[f"{name}.schema.json"] = schema
    return schemas


def _tidy(node: Any) -> Any:
    """Descriptions from docstrings without their indentation; where a type
    gives its own choices (`anyOf`), they replace the plain type or reference."""
    if isinstance(node, list):
        return [_tidy(item) for item in node]
    if not isinstance(node, dict):
        return node
    if "anyOf" in node:  # (bounds of the plain type are repeated in its choices)
        node = {k: v for k, v in node.items() if k not in ("$ref", "type", "minimum", "maximum")}
    return {k: inspect.cleandoc(v) if k == "description" and isinstance(v, str) else _tidy(v) for k, v in node.items()}


def is_slug(text: str) -> bool:
    return bool(_SLUG.match(text))


def slug_like(text: str) -> str | None:
    """`text` as an id (lowercase letters, digits and dashes: "What is a cell?"
    gives "what-is-a-cell", "Über Kräfte" gives "uber-krafte"), or None when
    nothing of it is left (a name in a script without Latin letters)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return slug if is_slug(slug) else None
