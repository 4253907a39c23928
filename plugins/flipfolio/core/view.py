"""What templates see: `ff`, the portfolio plus small, pure helpers.

Templates get one object, `ff`, so that they read like the format they show
(`ff.lessons_in(unit)`, `ff.url(lesson)`, `ff.minutes(lesson)`) and so that
any engine can render the same templates. ``ff.<kind>`` is the published
items of a kind (``ff.lessons``, ``ff.profile``); ``ff.<helper>(…)`` calls a
helper a feature registered; nothing else is reachable.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from markupsafe import Markup

from . import features as registry
from .model import Portfolio
from .outputs import MEDIA_PREFIX, Layout


@dataclass
class View:
    portfolio: Portfolio
    layout: Layout
    directory_urls: bool = True
    #: Source path of each page without an item (index pages), by its kind ("lessons").
    index_pages: dict[str, str] = field(default_factory=dict)
    media_prefix: str = MEDIA_PREFIX
    _helpers: dict[str, Any] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self._helpers = {name: partial(function, self.portfolio) for name, function in registry.helpers().items()}

    def __getattr__(self, name: str) -> Any:
        helpers = self.__dict__.get("_helpers") or {}
        if name in helpers:
            return helpers[name]
        portfolio = self.__dict__.get("portfolio")
        if portfolio is not None and name in portfolio.items:
            return portfolio.items[name]
        raise AttributeError(f"ff.{name}: no such kind or helper")

    def url(self, item=None, kind: str | None = None) -> str:
        """Site-root-relative address of an item's page, or of an index page by
        its kind (``ff.url(kind='lessons')``)."""
        if item is None:
            src = self.index_pages[kind][: -len(".md")]
            if not (src == "index" or src.endswith("/index")):  # a page at the root: this-week.md
                return src + "/" if self.directory_urls else src + ".html"
            base = src[: -len("index")]
            return base if self.directory_urls else src + ".html"
        page = registry.page_kind_of(item.kind)
        return self.layout.url(page, item.id, directory_urls=self.directory_urls)

    def media(self, path: str) -> str:
        """Site address of a file from the portfolio folder."""
        if "://" in path or path.startswith("mailto:"):
            return path
        return posixpath.join(self.media_prefix, path)

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
