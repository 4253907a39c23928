"""The portfolio format: one msgspec struct per kind of file.

These types are the single source of truth for the format: the loader
validates with them (`validate.py` reports every problem of a file at once),
`flipfolio schema` writes JSON Schemas from them for editors, and the docs
page "Make your own portfolio" describes them. Unknown fields are refused, so
a misspelt field is reported, never ignored. Structs are small (no per-object
dictionary of fields), which matters for a portfolio of many lessons.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from .problems import show
from .sources import line_map, split_front_matter
from .video_urls import VideoSource, VideoURLError, parse_video_url
import msgspec
from msgspec import Meta, Struct

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


def _text_from_number(value: Any) -> Any:
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
    return value


def _web_or_mail(value: Any) -> Any:
    if isinstance(value, str) and re.match(r"^mailto:[^\s@]+@[^\s@]+$", value.strip()):
        return value
    return _web(value)


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


def _video_address(value: Any) -> Any:
    if isinstance(value, str):
        try:
            parse_video_url(value)
        except VideoURLError as exc:
            raise ValueError(f"{exc}, found {value!r}") from None
    return value


def _video_from_url(value: Any) -> Any:
    # A plain address is short for {url: ...}.
    return {"url": value} if isinstance(value, str) else value


def _about(description: str, **constraints) -> Meta:
    return Meta(description=description, **constraints)


def _before(function, description: str | None = None, **constraints) -> Meta:
    # `validate.py` calls `function` on the value as written before checking it.
    return Meta(extra={"before": function}, description=description, **constraints)


def _ids(description: str, **constraints) -> Meta:
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
_VIDEO_OR_URL = {"anyOf": [{"type": "string", "description": "A video's address; short for {url: ...}."},
                           {"$ref": "#/$defs/Video"}]}

Text = Annotated[str, _before(_text_from_number, extra_json_schema=_TEXT_OR_NUMBER)]
LocalFile = Annotated[str, _before(_file)]
WebAddress = Annotated[str, _before(_web)]
WebOrMail = Annotated[str, _before(_web_or_mail)]
WebOrFile = Annotated[str, _before(_web_or_file)]
Seconds = Annotated[int, _before(_time, extra_json_schema=_TIME_SCHEMA, ge=0, le=MAX_SECONDS)]
Picture = Annotated[str, _before(_picture, extra_json_schema=_PICTURE_SCHEMA)]
CaptionsFile = Annotated[str, _before(_captions_file, extra_json_schema=_CAPTIONS_SCHEMA)]
Language = Annotated[str, _before(_language, extra_json_schema=_LANGUAGE_SCHEMA)]
#: Where a thing goes among its kind: lower comes first.
Order = Annotated[int, Meta(ge=-10_000, le=10_000)]


class _Model(Struct, kw_only=True, forbid_unknown_fields=True, dict=True):
    """Base of every part of the format (`dict=True`: the loader may note things on it)."""


class _Entry(_Model):
    """A file-backed item: its id is the file name, set by the loader, never by the file."""

    @property
    def id(self) -> str:
        return getattr(self, "_id", "")

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


class Image(_Model):
    """A picture stored in the portfolio, with the text a screen reader reads."""

    src: Annotated[Picture, _about("Path of the picture inside the portfolio folder, e.g. media/photo.jpg.")]
    alt: Annotated[str, _about("What the picture shows, for people who cannot see it.", min_length=1)]


class Link(_Model):
    title: Annotated[str, _about("The words of the link.", min_length=1)]
    url: Annotated[str, _before(_web_or_mail, "Where it goes: https://… or mailto:…")]


class Profile(_Entry):
    """`profile.yml`: who the teacher is."""

    name: Annotated[str, _about("The teacher's name, shown on the home page.", min_length=1)]
    school: Annotated[str | None, _about("School or institution.")] = None
    subjects: Annotated[list[Text], _about("Subjects taught.")] = []
    grades: Annotated[list[Text], _about("Grades or year groups taught.")] = []
    bio: Annotated[str, _about("A short introduction, a few sentences.")] = ""
    photo: Annotated[Image | None, _about("A portrait with alt text.")] = None
    links: Annotated[list[Link], _about("Links to show on the home page.")] = []
    licence: Annotated[str | None, _about("Licence of the content, e.g. CC BY 4.0.")] = None
    languages: Annotated[list[Language], _ids(
        "Language codes of the lessons (en, es, pt-BR…), used for captions."
    )] = msgspec.field(default_factory=lambda: ["en"])


class Unit(_Entry):
    """`units/<id>.yml`: a group of lessons. The file name is the unit's id."""

    title: Annotated[str, _about("The unit's title.", min_length=1)]
    order: Annotated[Order, _about("Position among the units; lower comes first.")] = 0
    summary: Annotated[str, _about("One or two sentences on what the unit covers.")] = ""
    standards: Annotated[list[Text], _about("Curriculum standards the unit addresses.")] = []


class Chapter(_Model):
    at: Annotated[Seconds, _about("Where the chapter starts, as seconds or 'mm:ss'.")]
    title: Annotated[str, _about("The chapter's title.", min_length=1)]


class Video(_Model):
    """One video of a lesson. A plain URL is short for `{url: ...}`.

    Only `url` is needed: `flipfolio videos fetch` finds the title, length,
    chapters, thumbnail and captions. Fields given here win over found ones.
    """

    url: Annotated[str, _before(
        _video_address,
        "A YouTube or Vimeo address, the web address of a video file or page, "
        "or a video file in the portfolio (.mp4, .webm).",
    )]
    title: Annotated[str | None, _about("The title to show; found from the video when left out.")] = None
    duration: Annotated[Seconds | None, _about("Length as seconds or 'mm:ss', when it cannot be found.")] = None
    start: Annotated[Seconds | None, _about("Where to start, as seconds or 'mm:ss' (or t= in the address).")] = None
    end: Annotated[Seconds | None, _about("Where to stop, as seconds or 'mm:ss'.")] = None
    captions: Annotated[CaptionsFile | None, _about("A WebVTT file (.vtt) in the portfolio with the captions.")] = None
    captions_language: Annotated[Language | None, _about("Language code of the captions file, e.g. en.")] = None
    chapters: Annotated[list[Chapter], _about("Chapters, when the video has none.")] = []
    no_captions_reason: Annotated[str | None, _about(
        "Why the video has no captions (e.g. no speech); silences the captions warning."
    )] = None

    def __post_init__(self):
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise ValueError(f"'end' ({self.end} s) must come after 'start' ({self.start} s)")

    @property
    def source(self) -> VideoSource:
        """What the address means: site, id, start."""
        return parse_video_url(self.url)

    @property
    def info(self):
        """What is known of the video: hand-given fields merged with the video cache."""
        return getattr(self, "_info", None)


class Lesson(_Entry):
    """The front matter of a lesson file `lessons/<id>.md`. The file name is the lesson's id."""

    title: Annotated[str, _about("The lesson's title.", min_length=1)]
    unit: Annotated[str, _about("The id of the unit (the file name in units/, without .yml).")]
    order: Annotated[Order, _about("Position within the unit; lower comes first.")] = 0
    status: Annotated[Literal["draft", "published"], _about(
        "draft: shown only while previewing; published: on the site."
    )] = "published"
    subject: Annotated[Text | None, _about("Subject, when it differs from the profile.")] = None
    grade: Annotated[Text | None, _about("Grade or year group.")] = None
    summary: Annotated[str, _about("One sentence for the lessons index and search results.")] = ""
    standards: Annotated[list[Text], _about("Curriculum standards.")] = []
    objectives: Annotated[list[str], _about("What students will be able to do.")] = []
    assigned: Annotated[dt.date | None, _about("When the pre-class work is given out (YYYY-MM-DD).")] = None
    due: Annotated[dt.date | None, _about("When the pre-class work is due (YYYY-MM-DD).")] = None
    videos: Annotated[
        list[Annotated[Video, _before(_video_from_url, extra_json_schema=_VIDEO_OR_URL)]],
        _about("Videos to watch before class."),
    ] = []
    questions: Annotated[str | None, _about("The id of a question set (file name in questions/).")] = None
    credentials: Annotated[list[str], _ids("Ids of credentials this lesson is evidence for.")] = []
    tags: Annotated[list[Text], _about("Free keywords.")] = []

    def __post_init__(self):
        if self.assigned and self.due and self.due < self.assigned:
            raise ValueError(f"'due' ({self.due}) is before 'assigned' ({self.assigned})")

    @property
    def body(self) -> str:
        """The Markdown below the front matter.

        Read from the file each time it is asked for, unless given (`_body`):
        pages ask once or twice, and a site of many lessons need not hold them all."""
        given = getattr(self, "_body", None)
        if given is not None:
            return given
        source = getattr(self, "_source", "")
        return split_front_matter(Path(source).read_text(encoding="utf-8"))[1] if source else ""

    @property
    def body_line(self) -> int:
        return getattr(self, "_body_line", 1)

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"


class Choice(_Model):
    text: Annotated[str, _before(_text_from_number, "The answer as students see it.", min_length=1)]
    correct: Annotated[bool, _about("true for a right answer.")] = False
    feedback: Annotated[str | None, _about("Shown after this choice is picked.")] = None


class Question(_Model):
    """One question. `type` is worked out from the fields when left out."""

    prompt: Annotated[str, _about("The question.", min_length=1)]
    type: Annotated[Literal["choice", "multiple", "short", "numeric"] | None, _about(
        "choice: one right answer; multiple: several; short: a typed word or phrase; numeric: a number."
    )] = None
    at: Annotated[Seconds | None, _about("Time in the lesson's first video the question belongs to.")] = None
    choices: Annotated[list[Choice], _about("For choice and multiple questions.")] = []
    answer: Annotated[Text | None, _about("For short and numeric questions.")] = None
    tolerance: Annotated[float, _about("For numeric questions: how far off an answer may be.", ge=0)] = 0
    hint: Annotated[str | None, _about("A nudge shown on request.")] = None
    explanation: Annotated[str | None, _about("Why the answer is right, shown after answering.")] = None

    def __post_init__(self):
        kind = self.type or ("choice" if self.choices else "short")
        right = sum(1 for c in self.choices if c.correct)
        if kind in ("choice", "multiple"):
            if len(self.choices) < 2:
                raise ValueError(f"a {kind} question needs at least two 'choices'")
            if kind == "choice" and right == 0:
                raise ValueError("mark the right choice with 'correct: true'")
            if kind == "choice" and right > 1:
                raise ValueError("a choice question has one right answer; use 'type: multiple' for several")
            if kind == "multiple" and right == 0:
                raise ValueError("mark at least one choice with 'correct: true'")
        else:
            if self.answer is None:
                raise ValueError(f"a {kind} question needs an 'answer'")
            if kind == "numeric":
                try:
                    float(self.answer)
                except ValueError:
                    raise ValueError(f"a numeric question needs a number as 'answer', found {self.answer!r}") from None
        self.type = kind


class QuestionSet(_Entry):
    """`questions/<id>.yml`: questions students answer while they watch."""

    title: Annotated[str, _about("The set's title.", min_length=1)]
    questions: Annotated[list[Question], _about("The questions, in order.", min_length=1)]


class Issuer(_Model):
    name: Annotated[str, _about("Who awarded the credential.", min_length=1)]
    url: Annotated[WebAddress | None, _about("The issuer's web site.")] = None


class Evidence(_Model):
    """One piece of evidence behind a credential."""

    title: Annotated[str, _about("What the evidence is.", min_length=1)]
    kind: Annotated[Literal["lesson", "video", "document", "reflection", "student-work"], _about(
        "What sort of evidence it is."
    )] = "lesson"
    lesson: Annotated[str | None, _about("Id of a lesson in this portfolio.")] = None
    url: Annotated[WebOrFile | None, _about("A web address or a file in the portfolio.")] = None
    description: Annotated[str, _about("A sentence on what it shows.")] = ""
    consent: Annotated[bool, _about(
        "Student work only: true when the student and family agreed to publish it. "
        "Without it the item stays off the site."
    )] = False


class RubricResult(_Model):
    criterion: Annotated[str, _about("The rubric criterion.", min_length=1)]
    level: Annotated[str, _about("The level achieved; one of the rubric's levels.")]


class Rubric(_Model):
    levels: Annotated[list[str], _about("The rubric's levels, lowest first.", min_length=1)]
    required: Annotated[str, _about("The level every criterion needs to earn the credential.")]
    results: Annotated[list[RubricResult], _about("The level reached per criterion.")] = []

    def __post_init__(self):
        for name in [self.required, *(r.level for r in self.results)]:
            if name not in self.levels:
                raise ValueError(f"level {name!r} is not one of the rubric's levels {self.levels}")


class Credential(_Entry):
    """`credentials/<id>.yml`: a micro-credential, earned or in progress."""

    name: Annotated[str, _about("The credential's name.", min_length=1)]
    issuer: Annotated[Issuer, _about("Who awards it.")]
    competency: Annotated[str, _about("The competency the credential recognises.", min_length=1)]
    status: Annotated[Literal["earned", "in-progress", "not-yet"], _about(
        "earned, in-progress (submitted or working on it) or not-yet (resubmit)."
    )] = "earned"
    public: Annotated[bool, _about("false keeps the credential off the site.")] = True
    issued: Annotated[dt.date | None, _about("Date awarded (YYYY-MM-DD).")] = None
    expires: Annotated[dt.date | None, _about("Expiry date, if any.")] = None
    description: Annotated[str, _about("A few sentences on what it took.")] = ""
    image: Annotated[Image | None, _about("The badge image with alt text.")] = None
    rubric: Annotated[Rubric | None, _about("The rubric and the result reached.")] = None
    evidence: Annotated[list[Evidence], _about("What shows the competency.")] = []
    assertion: Annotated[WebOrFile | None, _about(
        "Open Badges assertion: a web address or a .json file in the portfolio."
    )] = None
    tags: Annotated[list[Text], _about("Free keywords.")] = []

    def __post_init__(self):
        if self.status == "earned" and self.issued is None:
            raise ValueError("an earned credential needs 'issued', the date it was awarded")
        if self.issued and self.expires and self.expires < self.issued:
            raise ValueError(f"'expires' ({self.expires}) is before 'issued' ({self.issued})")


class Stack(_Entry):
    """`stacks/<id>.yml`: related credentials earned one by one."""

    name: Annotated[str, _about("The stack's name.", min_length=1)]
    credentials: Annotated[list[str], _ids("Ids of the credentials in the stack, in order.", min_length=1)]
    description: Annotated[str, _about("What the stack adds up to.")] = ""


#: Each kind of YAML file, by its folder, with its type.
KINDS: dict[str, type[_Model]] = {
    "profile": Profile,
    "units": Unit,
    "lessons": Lesson,
    "questions": QuestionSet,
    "credentials": Credential,
    "stacks": Stack,
}


def json_schemas() -> dict[str, dict]:
    """A JSON Schema per kind, named as the files `flipfolio schema` writes."""
    schemas = {}
    for kind, model in KINDS.items():
        found = msgspec.json.schema(model)
        defs = found["$defs"]
        root = defs.pop(found["$ref"].rsplit("/", 1)[-1])  # the file's own fields at the top, parts in $defs
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **_tidy(root), "title": f"Flipfolio {kind}"}
        if defs:
            schema["$defs"] = _tidy(defs)
        schemas[f"{kind}.schema.json"] = schema
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
