"""The portfolio format: one pydantic model per kind of file.

These models are the single source of truth for the format: the loader
validates with them, `flipfolio schema` writes JSON Schemas from them for
editors, and the docs page "Make your own portfolio" describes them.
Unknown fields are refused, so a misspelt field is reported, never ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from .sources import line_map, split_front_matter
from .video_urls import VideoSource, VideoURLError, parse_video_url
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, field_validator, model_validator

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_TIME = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})$|^(\d+)$")


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
        raise ValueError(f"expected a time such as 90 (seconds), '1:30' or '1:02:03', found {value!r}")
    return result


def _web(value: Any) -> Any:
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


Text = Annotated[str, BeforeValidator(_text_from_number)]
LocalFile = Annotated[str, BeforeValidator(_file)]
WebAddress = Annotated[str, BeforeValidator(_web)]
WebOrMail = Annotated[str, BeforeValidator(_web_or_mail)]
WebOrFile = Annotated[str, BeforeValidator(_web_or_file)]
Seconds = Annotated[int | None, BeforeValidator(_time)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class _Entry(_Model):
    """A file-backed item: its id is the file name, set by the loader, never by the file."""

    _id: str = PrivateAttr("")
    _file: str = PrivateAttr("")
    _path: str = PrivateAttr("")
    _source: str = PrivateAttr("")  # the file on disk
    _lines: dict | None = PrivateAttr(None)  # read from the file when a line is first asked for

    @property
    def id(self) -> str:
        return self._id

    @property
    def file(self) -> str:
        """The file's path for messages, starting with the portfolio folder's name."""
        return self._file

    @property
    def path(self) -> str:
        """The file's path inside the portfolio folder, e.g. lessons/cells/a.md."""
        return self._path

    def line_of(self, *path: Any) -> int | None:
        """The line of a field in the source file, or of its nearest parent.

        Lines are looked up only for items with a problem: the file is read
        again then, so a portfolio of many files holds no line numbers."""
        if self._lines is None:
            self._lines = line_map(Path(self._source)) if self._source else {}
        while path:
            if path in self._lines:
                return self._lines[path]
            path = path[:-1]
        return None


class Image(_Model):
    """A picture stored in the portfolio, with the text a screen reader reads."""

    src: LocalFile = Field(description="Path of the image inside the portfolio folder, e.g. media/photo.jpg.")
    alt: str = Field(min_length=1, description="What the picture shows, for people who cannot see it.")


class Link(_Model):
    title: str = Field(min_length=1, description="The words of the link.")
    url: WebOrMail = Field(description="Where it goes: https://… or mailto:…")


class Profile(_Entry):
    """`profile.yml`: who the teacher is."""

    name: str = Field(min_length=1, description="The teacher's name, shown on the home page.")
    school: str | None = Field(None, description="School or institution.")
    subjects: list[Text] = Field(default_factory=list, description="Subjects taught.")
    grades: list[Text] = Field(default_factory=list, description="Grades or year groups taught.")
    bio: str = Field("", description="A short introduction, a few sentences.")
    photo: Image | None = Field(None, description="A portrait with alt text.")
    links: list[Link] = Field(default_factory=list, description="Links to show on the home page.")
    licence: str | None = Field(None, description="Licence of the content, e.g. CC BY 4.0.")
    languages: list[str] = Field(
        default_factory=lambda: ["en"], description="Languages of the lessons, used for captions."
    )


class Unit(_Entry):
    """`units/<id>.yml`: a group of lessons. The file name is the unit's id."""

    title: str = Field(min_length=1, description="The unit's title.")
    order: int = Field(0, description="Position among the units; lower comes first.")
    summary: str = Field("", description="One or two sentences on what the unit covers.")
    standards: list[Text] = Field(default_factory=list, description="Curriculum standards the unit addresses.")


class Chapter(_Model):
    at: Seconds = Field(description="Where the chapter starts, as seconds or 'mm:ss'.")
    title: str = Field(min_length=1, description="The chapter's title.")


class Video(_Model):
    """One video of a lesson. A plain URL is short for `{url: ...}`.

    Only `url` is needed: `flipfolio videos fetch` finds the title, length,
    chapters, thumbnail and captions. Fields given here win over found ones.
    """

    url: str = Field(
        description="A YouTube or Vimeo address, the web address of a video file or page, "
        "or a video file in the portfolio (.mp4, .webm)."
    )
    title: str | None = Field(None, description="The title to show; found from the video when left out.")
    duration: Seconds = Field(None, description="Length as seconds or 'mm:ss', when it cannot be found.")
    start: Seconds = Field(None, description="Where to start, as seconds or 'mm:ss' (or t= in the address).")
    end: Seconds = Field(None, description="Where to stop, as seconds or 'mm:ss'.")
    captions: LocalFile | None = Field(None, description="A WebVTT file in the portfolio with the captions.")
    captions_language: str | None = Field(None, description="Language of the captions file, e.g. en.")
    chapters: list[Chapter] = Field(default_factory=list, description="Chapters, when the video has none.")
    no_captions_reason: str | None = Field(
        None, description="Why the video has no captions (e.g. no speech); silences the captions warning."
    )

    _info: Any = PrivateAttr(None)

    @model_validator(mode="before")
    @classmethod
    def _from_url(cls, value: Any) -> Any:
        return {"url": value} if isinstance(value, str) else value

    @field_validator("url")
    @classmethod
    def _address(cls, value: str) -> str:
        try:
            parse_video_url(value)
        except VideoURLError as exc:
            raise ValueError(f"{exc}, found {value!r}") from None
        return value

    @property
    def source(self) -> VideoSource:
        """What the address means: site, id, start."""
        return parse_video_url(self.url)

    @property
    def info(self):
        """What is known of the video: hand-given fields merged with the video cache."""
        return self._info

    @model_validator(mode="after")
    def _start_before_end(self) -> Video:
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise ValueError(f"'end' ({self.end} s) must come after 'start' ({self.start} s)")
        return self


class Lesson(_Entry):
    """The front matter of a lesson file `lessons/<id>.md`. The file name is the lesson's id."""

    title: str = Field(min_length=1, description="The lesson's title.")
    unit: str = Field(description="The id of the unit (the file name in units/, without .yml).")
    order: int = Field(0, description="Position within the unit; lower comes first.")
    status: Literal["draft", "published"] = Field(
        "published", description="draft: shown only while previewing; published: on the site."
    )
    subject: Text | None = Field(None, description="Subject, when it differs from the profile.")
    grade: Text | None = Field(None, description="Grade or year group.")
    summary: str = Field("", description="One sentence for the lessons index and search results.")
    standards: list[Text] = Field(default_factory=list, description="Curriculum standards.")
    objectives: list[str] = Field(default_factory=list, description="What students will be able to do.")
    assigned: dt.date | None = Field(None, description="When the pre-class work is given out (YYYY-MM-DD).")
    due: dt.date | None = Field(None, description="When the pre-class work is due (YYYY-MM-DD).")
    videos: list[Video] = Field(default_factory=list, description="Videos to watch before class.")
    questions: str | None = Field(None, description="The id of a question set (file name in questions/).")
    credentials: list[str] = Field(
        default_factory=list, description="Ids of credentials this lesson is evidence for."
    )
    tags: list[Text] = Field(default_factory=list, description="Free keywords.")

    _body: str | None = PrivateAttr(None)  # when given; otherwise read from the file
    _body_line: int = PrivateAttr(1)

    @property
    def body(self) -> str:
        """The Markdown below the front matter.

        Read from the file each time it is asked for, unless given: pages
        ask once or twice, and a site of many lessons need not hold them all."""
        if self._body is not None:
            return self._body
        return split_front_matter(Path(self._source).read_text(encoding="utf-8"))[1] if self._source else ""

    @property
    def body_line(self) -> int:
        return self._body_line

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    @model_validator(mode="after")
    def _due_after_assigned(self) -> Lesson:
        if self.assigned and self.due and self.due < self.assigned:
            raise ValueError(f"'due' ({self.due}) is before 'assigned' ({self.assigned})")
        return self


class Choice(_Model):
    text: Text = Field(min_length=1, description="The answer as students see it.")
    correct: bool = Field(False, description="true for a right answer.")
    feedback: str | None = Field(None, description="Shown after this choice is picked.")


class Question(_Model):
    """One question. `type` is worked out from the fields when left out."""

    prompt: str = Field(min_length=1, description="The question.")
    type: Literal["choice", "multiple", "short", "numeric"] | None = Field(
        None,
        description="choice: one right answer; multiple: several; short: a typed word or phrase; "
        "numeric: a number.",
    )
    at: Seconds = Field(None, description="Time in the lesson's first video the question belongs to.")
    choices: list[Choice] = Field(default_factory=list, description="For choice and multiple questions.")
    answer: Text | None = Field(None, description="For short and numeric questions.")
    tolerance: float = Field(0, description="For numeric questions: how far off an answer may be.")
    hint: str | None = Field(None, description="A nudge shown on request.")
    explanation: str | None = Field(None, description="Why the answer is right, shown after answering.")

    @model_validator(mode="after")
    def _consistent(self) -> Question:
        kind = self.type or ("choice" if self.choices else "short")
        right = sum(1 for c in self.choices if c.correct)
        if kind in ("choice", "multiple"):
            if len(self.choices) < 2:
                raise ValueError(f"a {kind} question needs at least two 'choices'")
            if kind == "choice" and right == 0 and len(self.choices) > 1:
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
        return self


class QuestionSet(_Entry):
    """`questions/<id>.yml`: questions students answer while they watch."""

    title: str = Field(min_length=1, description="The set's title.")
    questions: list[Question] = Field(min_length=1, description="The questions, in order.")


class Issuer(_Model):
    name: str = Field(min_length=1, description="Who awarded the credential.")
    url: WebAddress | None = Field(None, description="The issuer's web site.")


class Evidence(_Model):
    """One piece of evidence behind a credential."""

    title: str = Field(min_length=1, description="What the evidence is.")
    kind: Literal["lesson", "video", "document", "reflection", "student-work"] = Field(
        "lesson", description="What sort of evidence it is."
    )
    lesson: str | None = Field(None, description="Id of a lesson in this portfolio.")
    url: WebOrFile | None = Field(None, description="A web address or a file in the portfolio.")
    description: str = Field("", description="A sentence on what it shows.")
    consent: bool = Field(
        False,
        description="Student work only: true when the student and family agreed to publish it. "
        "Without it the item stays off the site.",
    )


class RubricResult(_Model):
    criterion: str = Field(min_length=1, description="The rubric criterion.")
    level: str = Field(description="The level achieved; one of the rubric's levels.")


class Rubric(_Model):
    levels: list[str] = Field(min_length=1, description="The rubric's levels, lowest first.")
    required: str = Field(description="The level every criterion needs to earn the credential.")
    results: list[RubricResult] = Field(default_factory=list, description="The level reached per criterion.")

    @model_validator(mode="after")
    def _known_levels(self) -> Rubric:
        for name in [self.required, *(r.level for r in self.results)]:
            if name not in self.levels:
                raise ValueError(f"level {name!r} is not one of the rubric's levels {self.levels}")
        return self


class Credential(_Entry):
    """`credentials/<id>.yml`: a micro-credential, earned or in progress."""

    name: str = Field(min_length=1, description="The credential's name.")
    issuer: Issuer = Field(description="Who awards it.")
    status: Literal["earned", "in-progress", "not-yet"] = Field(
        "earned", description="earned, in-progress (submitted or working on it) or not-yet (resubmit)."
    )
    public: bool = Field(True, description="false keeps the credential off the site.")
    issued: dt.date | None = Field(None, description="Date awarded (YYYY-MM-DD).")
    expires: dt.date | None = Field(None, description="Expiry date, if any.")
    competency: str = Field(min_length=1, description="The competency the credential recognises.")
    description: str = Field("", description="A few sentences on what it took.")
    image: Image | None = Field(None, description="The badge image with alt text.")
    rubric: Rubric | None = Field(None, description="The rubric and the result reached.")
    evidence: list[Evidence] = Field(default_factory=list, description="What shows the competency.")
    assertion: WebOrFile | None = Field(
        None, description="Open Badges assertion: a web address or a .json file in the portfolio."
    )
    tags: list[Text] = Field(default_factory=list, description="Free keywords.")

    @model_validator(mode="after")
    def _earned_has_date(self) -> Credential:
        if self.status == "earned" and self.issued is None:
            raise ValueError("an earned credential needs 'issued', the date it was awarded")
        if self.issued and self.expires and self.expires < self.issued:
            raise ValueError(f"'expires' ({self.expires}) is before 'issued' ({self.issued})")
        return self


class Stack(_Entry):
    """`stacks/<id>.yml`: related credentials earned one by one."""

    name: str = Field(min_length=1, description="The stack's name.")
    description: str = Field("", description="What the stack adds up to.")
    credentials: list[str] = Field(min_length=1, description="Ids of the credentials in the stack, in order.")


#: Each kind of YAML file, by its folder, with its model.
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
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"Flipfolio {kind}"
        schemas[f"{kind}.schema.json"] = schema
    return schemas


def is_slug(text: str) -> bool:
    return bool(_SLUG.match(text))
