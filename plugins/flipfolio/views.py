"""What templates see: the portfolio plus small, pure helpers.

Templates get one object, `ff`, so that they read like the format they show
(`ff.lessons_in(unit)`, `ff.url(lesson)`, `ff.minutes(lesson)`) and so that an
engine other than MkDocs can render the same templates.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass

from markupsafe import Markup, escape

from . import schema, videos
from .portfolio import Portfolio
from .site import MEDIA_PREFIX, Layout, PageKind
from .videocache import clock

_KIND_OF: dict[type, PageKind] = {
    schema.Lesson: "lesson",
    schema.Unit: "unit",
    schema.Credential: "credential",
}


@dataclass
class View:
    portfolio: Portfolio
    layout: Layout
    directory_urls: bool = True
    media_prefix: str = MEDIA_PREFIX

    def __getattr__(self, name):
        # Lookups of the portfolio (lessons_in, unit_of, ...) read as ff.lessons_in(unit).
        return getattr(self.portfolio, name)

    @property
    def profile(self) -> schema.Profile | None:
        return self.portfolio.profile

    def url(self, item=None, kind: PageKind | None = None) -> str:
        """Site-root-relative address of an item's page, or of an index page by kind."""
        if item is None:
            return self.layout.url(kind, directory_urls=self.directory_urls)
        return self.layout.url(_KIND_OF[type(item)], item.id, directory_urls=self.directory_urls)

    def media(self, path: str) -> str:
        """Site address of a file from the portfolio folder."""
        if "://" in path or path.startswith("mailto:"):
            return path
        return posixpath.join(self.media_prefix, path)

    def seconds(self, item) -> int:
        """Pre-class video time of a lesson or a unit, in seconds."""
        if isinstance(item, schema.Unit):
            return sum(videos.total_seconds(l.videos) for l in self.portfolio.lessons_in(item))
        return videos.total_seconds(item.videos)

    def minutes(self, item) -> int | None:
        """Pre-class video time of a lesson or unit (or a number of seconds) in whole minutes."""
        secs = item if isinstance(item, int) or item is None else self.seconds(item)
        return videos.minutes(secs)

    @staticmethod
    def clock(seconds) -> str:
        return clock(seconds)

    def video_minutes(self, video: schema.Video) -> int | None:
        return videos.minutes(videos.watch_seconds(video))

    def paragraphs(self, text: str | None) -> Markup:
        """Plain text with blank lines as paragraphs; everything escaped."""
        if not text:
            return Markup("")
        chunks = [c.strip() for c in str(text).split("\n\n") if c.strip()]
        return Markup("\n").join(Markup("<p>%s</p>") % chunk for chunk in chunks)

    @staticmethod
    def date(value: dt.date | None) -> str:
        """A date as '3 September 2026' (the same on every machine: no locale)."""
        if value is None:
            return ""
        return f"{value.day} {value:%B} {value.year}"

    @staticmethod
    def iso(value: dt.date | None) -> str:
        return value.isoformat() if value else ""

    @staticmethod
    def escape(value) -> Markup:
        return escape(value)
