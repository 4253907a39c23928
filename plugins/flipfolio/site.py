"""The pages a portfolio makes, independent of any site engine.

`pages(portfolio, layout)` lists every page the site needs (its source path,
what it shows, its template and whether it belongs in the navigation). An
engine adapter (the MkDocs plugin today) turns each into a real page and
renders it with the template named here.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Literal

from . import schema
from .body import split_parts
from . import links
from .portfolio import Portfolio

PageKind = Literal["lessons", "unit", "lesson", "credentials", "credential", "privacy"]

#: Where the lesson page's "before class" block goes in the page's HTML.
PRE_CLASS_MARK = "<!-- flipfolio:pre-class -->"


@dataclass(frozen=True)
class Layout:
    """Web address prefixes of the generated pages."""

    lessons: str = "lessons"
    units: str = "units"
    credentials: str = "credentials"

    def src(self, kind: PageKind, item_id: str = "") -> str:
        """The page's source path, as if it were a Markdown file in the docs."""
        if kind == "privacy":
            return "privacy.md"  # at the site's root: privacy/
        prefix = {
            "lessons": self.lessons,
            "lesson": self.lessons,
            "unit": self.units,
            "credentials": self.credentials,
            "credential": self.credentials,
        }[kind]
        return f"{prefix}/index.md" if kind in ("lessons", "credentials") else f"{prefix}/{item_id}.md"

    def url(self, kind: PageKind, item_id: str = "", directory_urls: bool = True) -> str:
        """The page's address relative to the site root."""
        src = self.src(kind, item_id)[: -len(".md")]
        if src.endswith("/index"):
            return src[: -len("index")] if directory_urls else src + ".html"
        return src + "/" if directory_urls else src + ".html"


@dataclass
class PageSpec:
    """One page to generate."""

    src: str
    kind: PageKind
    title: str
    template: str
    item: Any = None
    in_nav: bool = False
    draft: bool = False
    extra: dict = field(default_factory=dict)
    #: Makes the page's Markdown (lesson pages); other pages have none.
    source: Callable[[], str] | None = field(default=None, repr=False)

    @property
    def markdown(self) -> str:
        """The page's Markdown, made each time it is asked for: an engine reads
        it once, when it converts the page, and a large site need not hold
        every lesson's text twice until then."""
        return self.source() if self.source is not None else ""


#: Where files of the portfolio folder are published in the site.
MEDIA_PREFIX = "portfolio"


class _BodyLinks:
    """Rewrites the relative links of lesson bodies to where their targets are
    published; the publishing gate says what each may reach (`publish.Gate.link`)."""

    def __init__(self, portfolio: Portfolio, layout: Layout):
        self.gate, self.layout = portfolio.gate, layout

    def __call__(self, lesson: schema.Lesson, body: str | None = None) -> str:
        page_dir = posixpath.dirname(self.layout.src("lesson", lesson.id))

        def new_target(found: links.Found):
            target = self.gate.link(lesson.path, found.target)
            if target.kind == "keep":
                return links.KEEP
            if target.kind == "text":
                return None
            if target.kind == "page":
                new = posixpath.relpath(self.layout.src(*target.page), page_dir)
            else:
                new = posixpath.relpath(posixpath.join(MEDIA_PREFIX, target.path), page_dir)
            return new + (f"#{target.fragment}" if target.fragment else "")

        return links.rewrite(lesson.body if body is None else body, new_target)


def lesson_markdown(lesson: schema.Lesson, body: str | None = None) -> str:
    """The Markdown of a lesson page: the body, with a mark where the
    pre-class block (videos, questions) goes: at the end of the "Before class"
    part, or after the introduction when the lesson has no such part."""
    parts = split_parts(lesson.body if body is None else body)
    chunks = [parts.intro]
    if parts.before_class:
        chunks.append(parts.before_class)
    chunks += [PRE_CLASS_MARK, parts.in_class]
    return "\n\n".join(c for c in chunks if c) + "\n"


def _lesson_page(lesson: schema.Lesson, body_links: _BodyLinks) -> str:
    return lesson_markdown(lesson, body_links(lesson))


def pages(portfolio: Portfolio, layout: Layout = Layout()) -> list[PageSpec]:
    """Every page the portfolio makes, in a stable order."""
    body_links = _BodyLinks(portfolio, layout)
    specs = [
        PageSpec(layout.src("lessons"), "lessons", "Lessons", "flipfolio/lessons.html", in_nav=True),
        PageSpec(layout.src("credentials"), "credentials", "Credentials", "flipfolio/credentials.html", in_nav=True),
    ]
    for unit in portfolio.ordered_units():
        specs.append(PageSpec(layout.src("unit", unit.id), "unit", unit.title, "flipfolio/unit.html", unit))
        for lesson in portfolio.lessons_in(unit):
            specs.append(
                PageSpec(
                    layout.src("lesson", lesson.id),
                    "lesson",
                    lesson.title,
                    "flipfolio/lesson.html",
                    lesson,
                    draft=lesson.is_draft,
                    extra={"has_before_heading": bool(split_parts(lesson.body).before_class)},
                    source=partial(_lesson_page, lesson, body_links),
                )
            )
    for credential in portfolio.ordered_credentials():
        specs.append(
            PageSpec(layout.src("credential", credential.id), "credential", credential.name,
                     "flipfolio/credential.html", credential)
        )
    # Which other sites the site can contact, and when (worked out in privacy.py).
    specs.append(PageSpec(layout.src("privacy"), "privacy", "Privacy", "flipfolio/privacy.html", in_nav=True))
    return specs


def content_date(portfolio: Portfolio) -> dt.date:
    """The latest date in the published content (lessons assigned or due,
    credentials issued): the pages' "last updated" date, so that building the
    same portfolio twice gives the same files whatever the clock says."""
    dates = [d for lesson in portfolio.lessons.values() if not lesson.is_draft
             for d in (lesson.assigned, lesson.due) if d]
    dates += [c.issued for c in portfolio.ordered_credentials() if c.issued]
    return max(dates, default=FALLBACK_DATE)


#: The date of a portfolio without any dates (a fixed one, never the clock's).
FALLBACK_DATE = dt.date(2000, 1, 1)


def media_files(portfolio: Portfolio) -> list[str]:
    """Portfolio files that published pages show, as paths inside the folder:
    the ones the publishing gate lets through (`publish.Gate`), and no others.
    A picture of a private credential or a draft lesson's video stays on the
    teacher's computer."""
    return sorted(portfolio.gate.files)
