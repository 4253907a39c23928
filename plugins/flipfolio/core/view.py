"""What templates see: `ff`, the portfolio plus small, pure helpers.

Templates get one object, `ff`, so that they read like the format they show
(`ff.lessons_in(unit)`, `ff.url(lesson)`, `ff.minutes(lesson)`) and so that
any engine can render the same templates. ``ff.<kind>`` is the published
items of a kind (``ff.lessons``, ``ff.profile``); ``ff.<helper>(…)`` calls a
helper a feature registered; besides those, ``ff.layout`` (where each kind of
page is), ``ff.directory_urls`` and the view's own methods (``ff.t``,
``ff.url``, ``ff.date``…) are all there is.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup, escape

from . import features as registry
from . import messages as catalogue
from .format import clock as format_clock
from .model import Portfolio
from .outputs import MEDIA_PREFIX, Layout, address_of


@dataclass
class View:
    portfolio: Portfolio
    layout: Layout
    directory_urls: bool = True
    #: Source path of each page without an item (index pages), by its kind ("lessons").
    index_pages: dict[str, str] = field(default_factory=dict)
    media_prefix: str = MEDIA_PREFIX
    #: The site's language, when this view speaks another (`in_language`); "" otherwise.
    site_language: str = ""
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
            return self.src_url(self.index_pages[kind])
        page = registry.page_kind_of(item.kind)
        return self.layout.url(page, item.id, directory_urls=self.directory_urls)

    def src_url(self, src: str) -> str:
        """Site-root-relative address of the page whose source path is `src`
        (``family/es.md``: ``family/es/``): `outputs.address_of`."""
        return address_of(src, self.directory_urls)

    def media(self, path: str) -> str:
        """Site address of a file from the portfolio folder."""
        if "://" in path or path.startswith("mailto:"):
            return path
        return posixpath.join(self.media_prefix, path)

    def captions(self, path: str) -> str:
        """Site address of a captions file (a `<track>`'s `src`)."""
        return self.media(path)

    def paragraphs(self, text: str | None) -> Markup:
        """Plain text with blank lines as paragraphs; everything escaped."""
        if not text:
            return Markup("")
        chunks = [c.strip() for c in str(text).split("\n\n") if c.strip()]
        return Markup("\n").join(Markup("<p>%s</p>") % chunk for chunk in chunks)

    # ---- Words in the site's language (core/messages.py)

    def t(self, key: str, /, **values: Any) -> Markup:
        """The message `key` of the catalogue as HTML, with `values` (escaped
        unless markup) in its braces: ``ff.t("week.title")``."""
        return self.portfolio.messages.t(key, **values)

    def text(self, key: str, /, **values: Any) -> str:
        """The message `key` as plain text (for files that are not HTML)."""
        return self.portfolio.messages.text(key, **values)

    def lang(self, key: str) -> Markup:
        """`` lang="en"`` when the message `key` shows in English on a page of
        another language, else nothing: for an element whose whole text is
        the message but which cannot hold a mark (``<option>``)."""
        return Markup(' lang="en"') if self.portfolio.messages.in_english(key) else Markup("")

    def say(self, value: Any) -> Any:
        """Words made outside the templates (`messages.Said`, e.g. a proof
        check's detail) in the site's language; anything else as it is."""
        return self.portfolio.messages.say(value)

    def message(self, key: str) -> str:
        """The message `key` as written, braces and all: for the client code,
        which fills in the values itself (``data-ff-*`` attributes)."""
        return self.portfolio.messages.message(key)

    @property
    def language(self) -> str:
        return self.portfolio.messages.language

    def in_language(self, language: str) -> View:
        """This view with the words of `language` (`Portfolio.speaking`), for
        a page in another language than the site's."""
        return replace(self, portfolio=self.portfolio.speaking(language),
                       site_language=self.site_language or self.language)

    @property
    def direction(self) -> str:
        """The direction the page's language is written in ("ltr", "rtl"), for ``dir``."""
        return catalogue.direction(self.language)

    @staticmethod
    def direction_of(language: str | None) -> str:
        """The direction `language` is written in ("ltr", "rtl")."""
        return catalogue.direction(language)

    def dir_for(self, language: str | None) -> Markup:
        """`` dir="…"`` for an element in `language` inside this page, when it is
        written the other way (an Arabic version's link on an English page);
        nothing when the direction is the same, which the element inherits."""
        wanted = catalogue.direction(language)
        return Markup(' dir="{}"').format(wanted) if wanted != self.direction else Markup("")

    def own(self, value: Any, join: str = ", ") -> Any:
        """The portfolio's own words (a lesson's or a unit's title, the
        teacher's name) as a page shows them: on a page in another language
        than the site's (`in_language`), marked as the site's language, so that
        a screen reader reads them in it and a translation tool leaves them
        alone (WCAG 3.1.2, language of parts); as they are on the site's own
        pages. A list is joined with `join` (words of the page's language)."""
        if isinstance(value, (list, tuple)):
            return Markup(escape(join)).join(self.own(v) for v in value)
        if not self.site_language or self.site_language == self.language or value is None or value == "":
            return value
        return Markup('<span lang="{}"{}>{}</span>').format(self.site_language, self.dir_for(self.site_language), value)

    @staticmethod
    def language_name(language: str) -> str:
        """A language's name in that language ("Español", "Tiếng Việt"): `messages.language_name`."""
        return catalogue.language_name(language)

    def track_label(self, track) -> str:
        """A captions file's name in a player's menu: the teacher's own, else its language's
        name in that language, said to be made by machine when it is ("Español (automatic)")."""
        if track.given_label:
            return track.given_label
        name = catalogue.language_name(track.language)
        return self.text("video.track_automatic", language=name) if track.kind == "automatic" else name

    def client_messages(self, class_page: bool = False) -> Markup:
        """The messages the client code writes, for the words block of a page,
        as JSON safe in HTML (as Jinja's `tojson` writes it): a student's page
        leaves out those of the teacher's class page. Made once per build:
        every page shows them."""
        made = self.portfolio.remember("view.client_messages", dict)
        key = (self.language, class_page)
        if key not in made:
            speaking = self.portfolio.messages
            words = speaking.client(leave_out=() if class_page else ("class.",))
            block = {"lang": self.language, "messages": words}
            # The words shown in English on a page of another language, which the scripts mark (messages.js).
            english = [name for name in words if speaking.in_english("client." + name)]
            if english:
                block["english"] = True if len(english) == len(words) else english
            made[key] = htmlsafe_json_dumps(block, sort_keys=True)
        return made[key]

    def date(self, value: dt.date | None) -> str:
        """A date in the site's language ('3 September 2026', '3 de septiembre de
        2026'): the same on every machine (Babel's data, not the system's locale)."""
        return self.portfolio.messages.date(value)

    def weekday(self, value: dt.date | None) -> str:
        """The day of the week of a date, in the site's language."""
        return self.portfolio.messages.date(value, "date.weekday")

    @staticmethod
    def clock(seconds: float) -> str:
        """A time in a video as a teacher writes it: 9:59, 1:02:03."""
        return format_clock(seconds)

    @staticmethod
    def iso(value: dt.date | None) -> str:
        return value.isoformat() if value else ""
