"""What a portfolio site is made of, independent of any site engine.

`pages(portfolio, layout)` lists every page (`PageSpec`: its source path,
what it shows, its content template, whether it is in the navigation) and
`outputs(portfolio, layout)` every other file (`FileSpec`: feeds, calendars,
exports, packs…), asking each feature (its `pages` and `outputs` hooks). Both
pass the publishing gate: a page or file is made only from published items.
An engine adapter (the MkDocs plugin today) turns each page into one of its
pages, with the HTML Flipfolio renders (`render.py`), and writes each file.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, BinaryIO

from . import features as registry
from .problems import ContentError, Problem

if TYPE_CHECKING:  # pragma: no cover
    from .model import Portfolio

#: Where files of the portfolio folder are published in the site.
MEDIA_PREFIX = "portfolio"
#: Pages at the site's root, which no address prefix may take.
ROOT_PAGES = {"privacy": "the privacy page's address"}


@dataclass(frozen=True)
class Layout:
    """Web address prefixes of the generated pages, by kind of page
    (``{"lesson": "lessons", "unit": "units", …}``; the features give the
    defaults, a site may change them)."""

    prefixes: dict[str, str] = field(default_factory=dict)
    #: The site's own address (``https://…/``), when the site says it: for
    #: addresses shared outside the site (QR codes, feeds, social previews).
    site_url: str = ""

    @classmethod
    def default(cls, **changed: str) -> Layout:
        prefixes = {page: default for page, (default, _) in registry.prefixes().items()}
        prefixes.update(changed)
        return cls(prefixes)

    def src(self, page: str, item_id: str = "") -> str:
        """The source path of an item's page (or, without an id, of the index
        page at the prefix), as if it were a Markdown file in the docs."""
        if page in ROOT_PAGES or page in registry.root_pages():
            return f"{page}.md"
        prefix = self.prefixes[page]
        return f"{prefix}/{item_id}.md" if item_id else f"{prefix}/index.md"

    def url(self, page: str, item_id: str = "", directory_urls: bool = True) -> str:
        """The page's address relative to the site root."""
        return address_of(self.src(page, item_id), directory_urls)


def address_of(src: str, directory_urls: bool = True) -> str:
    """The address, relative to the site root, of the page whose source path
    is `src` (``family/es.md``: ``family/es/``; ``lessons/index.md``: ``lessons/``),
    as MkDocs gives it with or without its `use_directory_urls`."""
    src = src[: -len(".md")]
    if src == "index" or src.endswith("/index"):
        return src[: -len("index")] if directory_urls else src + ".html"
    return src + "/" if directory_urls else src + ".html"


@dataclass
class PageSpec:
    """One page to generate.

    `kind` names the page ("lessons", "lesson", "unit", …); `template` is the
    content template Flipfolio renders (`render.Renderer`); `item` is what it
    shows; `source` makes the page's Markdown, the text the teacher wrote (a
    lesson's body), which the engine converts and the template places."""

    src: str
    kind: str
    title: str
    template: str
    item: Any = None
    in_nav: bool = False
    draft: bool = False
    description: str = ""
    #: Social preview metadata for the page's <head> (``{"og:image": "portfolio/…"}``;
    #: addresses relative to the site's root), placed by the engine's page template.
    head: dict[str, str] = field(default_factory=dict)
    #: Makes the page's Markdown (lesson pages); other pages have none.
    source: Callable[[], str] | None = field(default=None, repr=False)
    #: Everything the page shows, when it is a few items (a lesson; a unit and
    #: its lessons): an engine that keeps pages between builds (a preview)
    #: makes it again only when one of them changed. None: the page shows
    #: more (an index), and is made every time.
    made_from: tuple | None = None
    #: The language of the page's words when it is not the site's (a family
    #: page in another language): the engine renders it with a view in that
    #: language (`View.in_language`).
    language: str = ""

    @property
    def markdown(self) -> str:
        """The page's Markdown, made each time it is asked for: an engine reads
        it once, when it converts the page, and a large site need not hold
        every lesson's text twice until then."""
        return self.source() if self.source is not None else ""


def _plain_markdown(text: str) -> str:
    """Markdown to HTML with Python-Markdown's common extensions: what a file
    gets when no site engine lends its own converter (see `Tools`)."""
    return _plain_markdown_toc(text)[0]


def _plain_markdown_toc(text: str) -> tuple[str, list]:
    import markdown

    converter = markdown.Markdown(extensions=["extra", "admonition", "toc"])
    return converter.convert(text), list(getattr(converter, "toc_tokens", []))


def markdown_converter(extensions: list, configs: dict | None = None):
    """Markdown to HTML with a site's Markdown extensions and their configs
    (as MkDocs converts its pages), made once: (convert, convert with the
    outline's tokens)."""
    import markdown

    converter = markdown.Markdown(extensions=extensions, extension_configs=configs or {})

    def convert(text: str) -> str:
        converter.reset()
        return converter.convert(text)

    def convert_toc(text: str) -> tuple[str, list]:
        html = convert(text)
        return html, list(getattr(converter, "toc_tokens", []))

    return convert, convert_toc


@dataclass(frozen=True)
class Tools:
    """What the site engine lends a file made by a function (`FileSpec.writer`):
    `render`, its `render.Renderer`'s render (Flipfolio's templates, with the
    site's overrides); `markdown`, Markdown text to HTML as the site converts
    its pages (its Markdown extensions); whether the site's addresses are
    folders (``lessons/cells/``) or files (``lessons/cells.html``)."""

    render: Callable[..., str]
    markdown: Callable[[str], str] = _plain_markdown
    directory_urls: bool = True
    #: As `markdown`, with the outline of the text's headings (Python-Markdown's
    #: ``toc_tokens``, what a page's table of contents is made from).
    markdown_toc: Callable[[str], tuple[str, list]] | None = None
    #: The templates' ``ff`` of the site's pages (`view.View`), for a file made in another language.
    view: Any = None

    def convert(self, text: str) -> tuple[str, list]:
        """Markdown to HTML, and the outline of its headings (empty when `markdown_toc` is not lent)."""
        if self.markdown_toc is not None:
            return self.markdown_toc(text)
        if self.markdown is _plain_markdown:
            return _plain_markdown_toc(text)
        return self.markdown(text), []


@dataclass
class FileSpec:
    """One file of the site that is not a page (a feed, a calendar, an export).

    `content` is the bytes, or a function making them when the file is
    written; `made_from` lists the items it shows, which must all be published
    (the gate checks). Files are made the same, byte for byte, build to build.

    A file may instead be one of Flipfolio's templates rendered with `item`
    (`template`, e.g. a standalone HTML page outside the site's navigation,
    search index and sitemap): the engine renders it with its `render.Renderer`
    and passes that renderer's `render` to `data`.

    Or a function writes it (`writer(stream, tools)`, given a binary stream and
    the engine's `Tools`): for a file made of many parts that need the
    engine's Markdown or templates, and may be large (a unit's offline pack,
    with video files): the engine may write it straight to disk (`write`).

    `sized`: a page says how large the file is (a download link), so the
    engine makes it before the others (`written_size`)."""

    path: str
    content: bytes | Callable[[], bytes] | None
    media_type: str
    made_from: tuple = ()
    template: str | None = None
    item: Any = None
    writer: Callable[[BinaryIO, Tools], None] | None = field(default=None, repr=False)
    sized: bool = False

    def data(self, render: Callable[..., str] | None = None, tools: Tools | None = None) -> bytes:
        if tools is not None and render is None:
            render = tools.render
        if self.writer is not None:
            stream = io.BytesIO()
            self.write(stream, tools or (Tools(render) if render is not None else None))
            return stream.getvalue()
        if self.template is not None:
            if render is None:
                raise TypeError(f"{self.path} is the template {self.template}: data() needs a renderer's render")
            return render(self.template, page_url=self.path, item=self.item).encode("utf-8")
        return self.content() if callable(self.content) else self.content

    def write(self, stream: BinaryIO, tools: Tools | None) -> None:
        """Write the file to `stream` (any kind of file spec; `tools` is needed
        by a writer and a template)."""
        if self.writer is None:
            stream.write(self.data(tools.render if tools is not None else None))
            return
        if tools is None:
            raise TypeError(f"{self.path} is made by a function: write() needs the engine's Tools")
        self.writer(stream, tools)


def pages(portfolio: Portfolio, layout: Layout) -> list[PageSpec]:
    """Every page the portfolio makes, in a stable order: the features' pages,
    then the privacy page (which lists every other site the pages can contact)."""
    specs: list[PageSpec] = []
    for make in registry.hooks("pages"):
        specs += make(portfolio, layout)
    specs.append(PageSpec(layout.src("privacy"), "privacy", portfolio.messages.text("privacy.title"),
                          "flipfolio/privacy.html", in_nav=True))
    _check_published(portfolio, [s.item for s in specs if s.item is not None], "page")
    return specs


def outputs(portfolio: Portfolio, layout: Layout) -> list[FileSpec]:
    """Every file that is not a page, in a stable order."""
    specs: list[FileSpec] = []
    for make in registry.hooks("outputs"):
        specs += make(portfolio, layout)
    _check_published(portfolio, [item for s in specs for item in (*s.made_from, s.item) if item is not None], "file")
    return specs


def _check_published(portfolio: Portfolio, items: list, what: str) -> None:
    # The publishing gate's rule for outputs: made from published items only.
    for item in items:
        kind = getattr(item, "kind", "")
        published = portfolio.items.get(kind)
        if isinstance(published, dict) and published.get(item.id) is not item:
            raise ContentError([Problem(item.file, f"this item is not published, and no {what} of the site may be "
                                                   "made from it (a feature asked for one: please report this)")])


class _Sizes:
    """The sizes of the files written in this build, by site path; `more`,
    when the engine makes files while pages render (`making.Maker`), waits for
    the next one and says whether any will come."""

    def __init__(self):
        self.known: dict[str, int] = {}
        self.more: Callable[[], bool] | None = None


def note_size(portfolio: Portfolio, path: str, size: int) -> None:
    """The engine notes the size of each file it writes (before a page that
    says how large a download is asks for it)."""
    portfolio.remember("outputs.sizes", _Sizes).known[path] = size


def expect_sizes(portfolio: Portfolio, more: Callable[[], bool] | None) -> None:
    """The engine is making files elsewhere: `more()` waits for the next size
    (noted with `note_size`) and returns False when no more will come."""
    portfolio.remember("outputs.sizes", _Sizes).more = more


def written_size(portfolio: Portfolio, path: str) -> int | None:
    """The size in bytes of the file at site path `path` written in this build
    (None: not known); waits while that file is still being made."""
    sizes = portfolio.remember("outputs.sizes", _Sizes)
    while path not in sizes.known and sizes.more is not None and sizes.more():
        pass
    return sizes.known.get(path)


def content_date(portfolio: Portfolio) -> dt.date:
    """The latest date in the published content (the features say which dates
    count): the pages' "last updated" date, so that building the same
    portfolio twice gives the same files whatever the clock says."""
    def latest() -> dt.date:
        dates = [d for found in registry.hooks("dates") for d in found(portfolio) if d]
        return max(dates, default=FALLBACK_DATE)

    return portfolio.remember("outputs.content_date", latest)  # (asked for by every calendar event)


#: The date of a portfolio without any dates (a fixed one, never the clock's).
FALLBACK_DATE = dt.date(2000, 1, 1)


def media_files(portfolio: Portfolio) -> list[str]:
    """Portfolio files to copy to the site, as paths inside the folder: the
    ones the publishing gate lets through (`publish.Gate`), and no others."""
    return sorted(portfolio.gate.files)
