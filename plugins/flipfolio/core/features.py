"""How a feature plugs into the core: its kinds of file and its hooks.

A feature (lessons, videos, questions, credentials, …) is a subpackage that
describes itself once, as a `Feature`, in its ``__init__.py``. The core loads
the kinds of file every feature declares, runs their checks, asks each for its
pages, outputs, files to publish, outside addresses and dates, and offers their
template helpers as ``ff.<name>``. Nothing in the core names a feature; adding
a kind of file, a check or a page touches only its feature's package.

The registry is the ordered tuple `FEATURES`, filled by `flipfolio.features`
(the one module that lists the features of the product).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # pragma: no cover
    from .model import Check, Portfolio
    from .outputs import FileSpec, Layout, PageSpec, Tools
    from .publish import FileUse


@dataclass(frozen=True)
class Kind:
    """A kind of file in the portfolio folder.

    Attributes:
        name: the attribute of `Portfolio` that holds the items (``lessons``),
            also ``ff.<name>`` in templates.
        folder: the folder of the files (``lessons``), or the file name of a
            single file (``profile.yml``).
        model: the format struct each file is read into.
        label: how messages name one, e.g. "a unit in units/".
        markdown: files are Markdown with front matter (else YAML).
        nested: files may lie in sub-folders.
        single: one file, not a folder of them (the item itself is stored).
        published: whether an item is published, given the portfolio (drafts,
            private items are not); unpublished items stay in `Portfolio.everything` only.
        why_unpublished: why an unpublished item is not, for messages ("is a draft").
        reserved: ids the kind may not use (they would take a generated page's address).
        hidden: whether a field of a published item (its path, as in `line_of`) is
            never shown, so it may write a private address (private evidence).
        meant: field names a teacher writes for one of the kind's fields, with that
            field (``{"quiz": "questions"}``): the hint of an unknown field.
        belongs_under: fields of a field written at the top of the file instead,
            by that field (``{"award": ("issued", …)}``).
        looks_like: for a Markdown kind, why a file's front matter (its text) looks
            like one of the kind's, or None: such a file outside the kind's folder
            is said to be there and not read.
    """

    name: str
    folder: str
    model: type
    label: str = ""
    markdown: bool = False
    nested: bool = False
    single: bool = False
    published: Callable[[Any, Any], bool] = lambda portfolio, item: True
    reserved: tuple[str, ...] = ()
    required: str | None = None  # for a single file: what to say when it is missing
    noun: str = ""  # one item, in messages: "lesson"
    why_unpublished: Callable[[Any], str] = lambda item: "is not published"
    hidden: Callable[[Any, tuple], bool] = lambda item, path: False
    meant: dict[str, str] = field(default_factory=dict)
    belongs_under: dict[str, tuple[str, ...]] = field(default_factory=dict)
    looks_like: Callable[[str], str | None] | None = None


@dataclass(frozen=True)
class Feature:
    """What one feature adds. Every hook is optional.

    Hooks (each gets the loaded `Portfolio`):
        check(check): content checks after loading (see `model.Check`); the ids and files a file
            names are marked in its format instead (`format.refers`, `format.names_file`) and
            checked by the core for every file;
        check_published(check): checks of what is published, once the gate is made
            (``check.portfolio.gate``), e.g. the links of lesson text;
        pages(portfolio, layout): the pages the feature makes (`outputs.PageSpec`);
        outputs(portfolio, layout): files that are not pages (`outputs.FileSpec`);
        files(portfolio): every use of a portfolio file by an item, published or not
            (`publish.FileUse`): the gate publishes those of published items and keeps
            the others private;
        addresses(portfolio): (address, when) of outside sites its pages can contact;
        dates(portfolio): dates of published content (the site's "last updated");
        shows(portfolio): (item, other) pairs, published or not, where what is made
            from the item shows more of the other than its address (a lesson page names
            the credentials it is evidence for): a preview that keeps pages between
            builds makes them again when the other changes;
        figures(portfolio): (item, value) pairs: a figure that what is made from
            the item shows, worked out from more than its own files (a lesson's share
            of its unit's minutes, rounded so that the shares add up): a preview keeps
            what is made from the item only while its figures are the same;
        ahead(portfolio, layout, each, tools): work both processes of a build would
            do (core/making.py), done once before the second starts; `each(function,
            items)` works items out in two processes (`making.in_two`); `tools`: what
            the engine lends (`outputs.Tools`, e.g. its Markdown converter);
        helpers: functions templates call as ``ff.<name>(…)``; each takes the
            portfolio first;
        prefixes: address prefixes the feature's pages use, by kind of page, with
            what lives at the prefix itself (``{"lesson": ("lessons", "the lessons
            index")}``); the site changes them with the option ``<prefix>_url``.
        folders: folders the feature keeps in the portfolio folder besides its kinds',
            with the endings of the records in them that Flipfolio reads (never
            published as they are): ``{"videos.lock": (".json",)}``;
        root_pages: single pages at the site's root, by kind of page (also their
            address: ``this-week`` is at ``this-week/``), with what they are, for
            messages (``{"this-week": "the this-week page's address"}``): no
            address prefix may take them.
    """

    name: str
    kinds: tuple[Kind, ...] = ()
    check: Callable[[Check], None] | None = None
    check_published: Callable[[Check], None] | None = None
    pages: Callable[[Portfolio, Layout], Iterable[PageSpec]] | None = None
    outputs: Callable[[Portfolio, Layout], Iterable[FileSpec]] | None = None
    files: Callable[[Portfolio], Iterable[FileUse]] | None = None
    addresses: Callable[[Portfolio], Iterable[tuple[str, str]]] | None = None
    dates: Callable[[Portfolio], Iterable[dt.date]] | None = None
    shows: Callable[[Portfolio], Iterable[tuple[Any, Any]]] | None = None
    figures: Callable[[Portfolio], Iterable[tuple[Any, Any]]] | None = None
    ahead: Callable[[Portfolio, Layout, Callable, Tools], None] | None = None
    helpers: dict[str, Callable[..., Any]] = field(default_factory=dict)
    prefixes: dict[str, tuple[str, str]] = field(default_factory=dict)
    root_pages: dict[str, str] = field(default_factory=dict)
    folders: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: The page kind an item of each of the feature's kinds has (``{"lessons": "lesson"}``).
    page_of: dict[str, str] = field(default_factory=dict)


Hook = Literal["check", "check_published", "pages", "outputs", "files", "addresses", "dates", "shows", "figures",
               "ahead"]


def features() -> tuple[Feature, ...]:
    """The product's features, in order (a feature may use the kinds of those before it)."""
    from .. import features as product

    return product.FEATURES


def kinds() -> list[Kind]:
    return [kind for feature in features() for kind in feature.kinds]


def kind(name: str) -> Kind:
    for found in kinds():
        if found.name == name:
            return found
    raise KeyError(name)


def hooks(name: Hook) -> list[Callable]:
    """The hook `name` of every feature that has one, in feature order."""
    return [getattr(f, name) for f in features() if getattr(f, name) is not None]


def helpers() -> dict[str, Callable]:
    found: dict[str, Callable] = {}
    for feature in features():
        for name, function in feature.helpers.items():
            if name in found:
                raise ValueError(f"template helper {name!r} is registered twice")
            found[name] = function
    return found


def folders() -> dict[str, tuple[str, ...]]:
    """The features' own folders in the portfolio folder, with the endings of their records."""
    return {folder: records for feature in features() for folder, records in feature.folders.items()}


def prefixes() -> dict[str, tuple[str, str]]:
    """Default address prefix of every kind of page that has one, with what lives there."""
    return {page: prefix for feature in features() for page, prefix in feature.prefixes.items()}


def root_pages() -> dict[str, str]:
    """The features' pages at the site's root, by kind (their address), with what they are."""
    return {page: what for feature in features() for page, what in feature.root_pages.items()}


def page_kind_of(kind_name: str) -> str | None:
    for feature in features():
        if kind_name in feature.page_of:
            return feature.page_of[kind_name]
    return None
