"""The format of the profile, units and lessons."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Literal

import msgspec

from ..core.format import (Entry, Image, Language, Link, Model, Order, Text, WebAddress, Words, about, before, ids,
                           names_file, refers)
from ..core.problems import did_you_mean
from ..core.sources import markdown_body
from ..videos.format import VideoEntry


def _time_zone(value):
    if not isinstance(value, str):
        return value
    import zoneinfo

    name = value.strip()
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # (OSError: a region's folder, 'Pacific')
        known = {zone.casefold(): zone for zone in zoneinfo.available_timezones()}
        nearest = known.get(name.casefold().replace(" ", "_"))
        region = name.rstrip("/")
        if nearest:
            hint = f"Did you mean '{nearest}'?"
        elif region and any(zone.startswith(region.casefold() + "/") for zone in known):  # 'America': no city
            close = did_you_mean(name, [zone for zone in known.values() if "/" in zone and zone.split("/")[0] != region])
            hint = f"'{region}' is a region: add the city, as in '{region}/…'" + (
                f" ({close[:1].lower()}{close[1:]})" if close else "")
        else:
            hint = did_you_mean(name, sorted(known.values()))
        raise ValueError(f"expected a time zone name such as 'America/Los_Angeles' or 'Europe/Madrid', "
                         f"found {value!r}" + (f". {hint}" if hint else "")) from None
    return name


#: A time zone name of the IANA database (``America/Los_Angeles``).
TimeZone = Annotated[str, before(_time_zone, extra_json_schema={"pattern": r"^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$"})]


class Profile(Entry):
    """`profile.yml`: who the teacher is."""

    name: Annotated[str, about("The teacher's name, shown on the home page.", min_length=1)]
    school: Annotated[str | None, about("School or institution.")] = None
    subjects: Annotated[list[Text], about("Subjects taught.")] = []
    grades: Annotated[list[Text], about("Grades or year groups taught.")] = []
    bio: Annotated[str, about("A short introduction, a few sentences.")] = ""
    photo: Annotated[Image | None, about("A portrait with alt text."), names_file("the photo")] = None
    links: Annotated[list[Link], about("Links to show on the home page.")] = []
    role: Annotated[str | None, about("The teacher's role, e.g. Science teacher and department lead.")] = None
    district: Annotated[str | None, about("School district or trust.")] = None
    licence: Annotated[str | None, about("Licence of the content, e.g. CC BY 4.0.")] = None
    licence_url: Annotated[WebAddress | None, about(
        "The licence's web address, e.g. https://creativecommons.org/licenses/by/4.0/."
    )] = None
    languages: Annotated[list[Language], ids(
        "Language codes of the lessons (en, es, pt-BR…), used for captions."
    )] = msgspec.field(default_factory=lambda: ["en"])
    family_languages: Annotated[list[Language], ids(
        "Languages the family page is also made in, besides the site's (es, vi, pt-BR…), for families who "
        "speak another language at home: family/es/ and so on, linked from the family page. Flipfolio has "
        "Arabic, Chinese, English, French, Portuguese, Spanish and Vietnamese; for another language add "
        "portfolio/messages/<language>.yml."
    )] = []
    time_zone: Annotated[TimeZone | None, about(
        "The school's time zone, e.g. America/Los_Angeles: due dates are days there (the this-week page, "
        "the calendar). Without it, the visitor's own."
    )] = None


class Unit(Entry):
    """`units/<id>.yml`: a group of lessons. The file name is the unit's id."""

    title: Annotated[str, about("The unit's title.", min_length=1)]
    order: Annotated[Order, about("Position among the units; lower comes first.")] = 0
    subtitle: Annotated[Words | None, about("A line under the title, e.g. the unit's driving question.")] = None
    summary: Annotated[str, about("One or two sentences on what the unit covers.")] = ""
    starts: Annotated[dt.date | None, about("When the unit starts (YYYY-MM-DD).")] = None
    ends: Annotated[dt.date | None, about("When the unit ends (YYYY-MM-DD).")] = None
    essential_questions: Annotated[list[str], about("The unit's essential questions.")] = []
    standards: Annotated[list[Text], about("Curriculum standards the unit addresses.")] = []

    def __post_init__(self):
        if self.starts and self.ends and self.ends < self.starts:
            raise ValueError(f"'ends' ({self.ends}) is before 'starts' ({self.starts})")


class Station(Model):
    """One station of a lesson's class time (station rotation, in-class flip):
    what students do there and for how long. Each gets a printed card."""

    title: Annotated[str, about("The station's name, e.g. Cart runs.", min_length=1)]
    task: Annotated[str, about(
        "What students do at the station, in a few sentences (plain text; a blank line starts a new paragraph).",
        min_length=1,
    )]
    minutes: Annotated[int, about("How long groups spend at the station, in minutes.", ge=1, le=240)]
    video: Annotated[Annotated[int, msgspec.Meta(ge=1, le=100)] | None, about(
        "The video watched at the station: 1 for the lesson's first video, 2 for the second… Its card "
        "carries a QR code to it."
    )] = None


class Lesson(Entry):
    """The front matter of a lesson file `lessons/<id>.md`. The file name is the lesson's id."""

    title: Annotated[str, about("The lesson's title.", min_length=1)]
    unit: Annotated[str, about("The id of the unit (the file name in units/, without .yml)."), refers("units")]
    order: Annotated[Order, about("Position within the unit; lower comes first.")] = 0
    status: Annotated[Literal["draft", "published"], about(
        "draft: shown only while previewing; published: on the site."
    )] = "published"
    flip: Annotated[Literal["home", "in-class"], about(
        "home: the videos are watched before class; in-class: an in-class flip, students watch at a "
        "station in class (mark those videos 'in_class: true')."
    )] = "home"
    subject: Annotated[Text | None, about("Subject, when it differs from the profile.")] = None
    grade: Annotated[Text | None, about("Grade or year group.")] = None
    summary: Annotated[str, about("One sentence for the lessons index and search results.")] = ""
    standards: Annotated[list[Text], about("Curriculum standards.")] = []
    objectives: Annotated[list[str], about("What students will be able to do.")] = []
    assigned: Annotated[dt.date | None, about("When the pre-class work is given out (YYYY-MM-DD).")] = None
    due: Annotated[dt.date | None, about("When the pre-class work is due (YYYY-MM-DD).")] = None
    videos: Annotated[list[VideoEntry], about(
        "Videos to watch before class (and, marked 'in_class: true', in class)."
    )] = []
    questions: Annotated[str | None, about("The id of a question set (file name in questions/)."),
                         refers("question_sets")] = None
    stations: Annotated[list[Station], about(
        "The stations of the lesson's class time, in order (title, task, minutes, and the video watched at "
        "one): each gets a printed station card."
    )] = []
    credentials: Annotated[list[Annotated[str, refers("credentials")]], ids(
        "Ids of credentials this lesson is evidence for.")] = []
    tags: Annotated[list[Text], about("Free keywords.")] = []

    def __post_init__(self):
        if self.assigned and self.due and self.due < self.assigned:
            raise ValueError(f"'due' ({self.due}) is before 'assigned' ({self.assigned})")

    @property
    def body(self) -> str:
        """The Markdown below the front matter.

        Read from the file each time it is asked for, unless given (`_body`,
        which a preview holds): a build asks about five times (the lesson's
        checks, its conversion, whether its page and its unit's pack have a
        "Before class" or "In class" part), a small file's read each, and a
        site of many lessons need not hold every text. A caller that reads it
        more than once takes it once (`bodycheck.body_problems`)."""
        given = getattr(self, "_body", None)
        if given is not None:
            return given
        source = getattr(self, "_source", "")
        return markdown_body(Path(source).read_text(encoding="utf-8")) if source else ""

    @property
    def body_line(self) -> int:
        return getattr(self, "_body_line", 1)

    @property
    def pre_class_videos(self) -> list:
        return [v for v in self.videos if not v.in_class]

    @property
    def in_class_only(self) -> bool:
        """An in-class flip with nothing to watch before class: its `due` date
        is the day of the class, and pages say "In class", not "Due"."""
        return self.flip == "in-class" and not self.pre_class_videos

    @property
    def in_class_videos(self) -> list:
        return [v for v in self.videos if v.in_class]

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"
