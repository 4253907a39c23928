"""The publishing gate: the one place that decides what reaches the site.

Everything a build publishes from the portfolio folder passes through a
`Gate` made from the loaded content: generated pages (only published items
have one), the files pages show (pictures, video and captions files,
evidence, files linked from lesson text) and the links of lesson text.
Whatever path asks for something, the answer is the same:

- a published lesson, unit or public credential has a page; a draft lesson,
  a private credential or anything else has none, and a link to it in lesson
  text becomes plain text (with a warning naming the lesson file and line);
- a file is published only when it lies inside the portfolio folder (after
  following symbolic links: a link to a file elsewhere is an error), is not a
  file Flipfolio reads to make pages (`profile.yml`, units, lessons, question
  sets, credentials, stacks, video records, hidden files) and is not private:
  files that only unpublished items name (a draft lesson's video, a private
  credential's badge or evidence) and student work without consent stay on
  the teacher's computer, whoever links them;
- an outside address (a video on another site) that student work without
  consent or private evidence names is never linked from lesson text either
  (the link becomes plain text, with a warning), and a published lesson
  showing it as a video is an error.

Pure: no MkDocs. `Gate.files` is the final list of files to copy; the engine
adapter copies those and nothing else.
"""

from __future__ import annotations

import difflib
import html
import os
import posixpath
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from urllib.parse import parse_qsl, quote, unquote, urlsplit

import msgspec

from . import features as registry
from . import links, mdscan
from .outputs import MEDIA_PREFIX
from .problems import Problem, RealPaths, within
from .sources import format_path

if TYPE_CHECKING:  # pragma: no cover
    from .model import Portfolio

_MARKDOWN = (".md", ".markdown", ".mdown", ".mkd")
_YAML = (".yml", ".yaml")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
#: A file on the author's computer: on a Windows drive ('C:\…', 'C:/…'), in a shared folder ('\\server\…'), 'file:'.
_ON_A_COMPUTER = re.compile(r"^(?:[A-Za-z]:[\\/]|\\\\|file:)", re.IGNORECASE)
_REMOTE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:)?//")  # an address at another site
#: An outside address written in text (words, code, an autolink): up to a space, a quote or a bracket.
_ADDRESS = re.compile(r"(?:\b[A-Za-z][A-Za-z0-9+.-]*:)?//[^\s<>\"'`()\[\]{}]+")
#: What may follow an address in a sentence without being part of it.
_AFTER_ADDRESS = ".,;:!?*_~"
#: What a private address written in a lesson's text becomes (`Gate.withheld`).
WITHHELD = "\u2026"

PageKind = str  # "lesson", "unit", "credential", … (the features say)


@dataclass(frozen=True)
class Target:
    """What a link in lesson text resolves to.

    `kind`: ``page`` (`page` is (kind, id) of a published page), ``file`` (a
    portfolio `path` that is published), ``text`` (the link is shown as plain
    text) or ``keep`` (not a portfolio address: left as written).
    """

    kind: Literal["page", "file", "text", "keep"]
    path: str = ""
    page: tuple[PageKind, str] | None = None
    fragment: str = ""
    problem: Problem | None = None


@dataclass(frozen=True)
class FileUse:
    """One use of a portfolio file by an item (a feature's `files` hook lists them).

    `path` may be an outside address (a video on another site): the gate
    checks that no published item shows one that is private.
    `published`: the item is published (its files are, unless refused);
    `private`: a reason the file must stay private whoever shows it (student
    work without consent); `page`: the file is published as that page (kind,
    id), not as a file (a Markdown file of evidence), and a link to it leads there."""

    path: str
    item: object
    field: tuple = ()
    published: bool = True
    private: str | None = None
    page: tuple[PageKind, str] | None = None


#: Pictures heavier than this (bytes) are a warning where a page shows them.
HEAVY_PICTURE = 1_000_000
_PICTURES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg")


@dataclass
class Gate:
    """What a portfolio publishes. Made by `model.load`, see `Gate.build`."""

    root: Path
    #: Portfolio path of each published item that has a page -> (page kind, id).
    pages: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: Portfolio path of each unpublished item of a kind with pages -> (noun, id, why not).
    unpublished: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    #: Portfolio paths of items with pages that failed to load (among `unpublished`).
    broken: set[str] = field(default_factory=set)
    #: Files that must never be published -> what makes them private.
    private: dict[str, str] = field(default_factory=dict)
    #: Outside addresses that must never be linked (`address_key`) -> what makes them private.
    private_addresses: dict[str, str] = field(default_factory=dict)
    #: The files to copy to the site (portfolio paths), filled by `build` and the lessons' links.
    files: set[str] = field(default_factory=set)
    #: Real paths of files in the portfolio (the load's, `model.Portfolio.real`).
    real: RealPaths | None = None

    def __post_init__(self):
        if self.real is None:
            self.real = RealPaths(self.root)
        self._hosts: set[str] | None = None  # the hosts of `private_addresses` (`private_in_text`)

    # ---- The decisions

    def refusal(self, path: str) -> tuple[str, str] | None:
        """Why the portfolio file `path` may not be published, or None.

        Returns (severity, reason). Called for every file that is to be copied."""
        parts = path.split("/")
        if path in ("", ".") or ".." in parts or path.startswith("/"):
            return "warning", "it is not a file inside the portfolio folder"
        real = self.real(self.root / path)
        if not within(real, self.real.root):
            return "error", (f"it leads outside the portfolio folder (to {real}); copy the file into the "
                             "portfolio folder instead of linking to it")
        if not os.path.isfile(real):
            what = "a folder" if os.path.isdir(real) else "no such file"
            return "warning", f"it is not a file ({what}); check the name and the folder"
        if any(part.startswith(".") for part in parts):
            return "warning", "hidden files (names starting with '.') are never published"
        lower = path.lower()
        if _is_content(parts, lower):
            return "warning", "it is a portfolio file Flipfolio reads to make pages; such files are never published"
        if lower.endswith(_MARKDOWN):
            return "warning", ("it is a Markdown file of the portfolio; lesson files and the Markdown files of "
                               "credentials' evidence become pages, other Markdown files are never published")
        if path in self.private:
            return "warning", f"it is private: {self.private[path]}"
        return None

    def link(self, here: str, target: str, *, file: str = "", line: int | None = None) -> Target:
        """Resolve one link (or picture) target of the lesson file at portfolio path `here`."""
        read = links.as_browser_reads(target)
        if self.private_addresses and (read.startswith("//") or _SCHEME.match(read)):
            why = self.private_why(target)
            if why is not None:
                return Target("text", problem=Problem(
                    file, f"the link to '{target}' is shown as plain text: it is private: {why}", line=line, severity="warning"))
        if _ON_A_COMPUTER.match(target):
            return Target("text", problem=Problem(
                file, f"the link to '{target}' is shown as plain text: it is a file on your computer, which no "
                "visitor can open (and its path would publish your folders' names)", line=line, severity="warning",
                hint="Copy the file into the portfolio folder (media/…) and link that copy"))
        if target.startswith("//") or _SCHEME.match(target):
            try:
                parts = urlsplit(target)
                parts.port  # (a bracket never closed, a port that is no number)
            except ValueError:
                parts = None
            if parts is None or (parts.scheme.lower() in ("http", "https") and not parts.hostname):
                return Target("text", problem=Problem(
                    file, f"the link to '{target}' is shown as plain text: no browser can open that address",
                    line=line, severity="warning", hint="Check the brackets, the part after the ':' and the site's "
                    "name after '//'"))
        if not target or target.startswith(("#", "/")) or _SCHEME.match(target):
            return Target("keep")
        path, _, fragment = target.partition("#")
        path = path.partition("?")[0]
        if not path:
            return Target("keep")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(here), unquote(path)))
        if resolved == ".." or resolved.startswith("../"):
            return Target("text", problem=Problem(
                file, f"the link to '{target}' is shown as plain text: it leads outside the portfolio folder, and the "
                "site has nothing there", line=line, severity="warning",
                hint="Copy the file into the portfolio folder (media/…) and link that copy; link a page of the "
                "site's own (docs/) by its address, such as '/about/'"))

        def refuse(reason: str, severity: str = "warning") -> Target:
            message = (f"the link to '{target}' is shown as plain text: {reason}" if severity == "warning"
                       else f"the link to '{target}' cannot be published: {reason}")
            hint = (self._written_otherwise(here, target) or self._nearest(here, resolved)
                    if reason.startswith("it is not a file (no such") else None)
            return Target("text", resolved, problem=Problem(file, message, line=line, severity=severity, hint=hint))

        if resolved in self.pages:
            return Target("page", resolved, self.pages[resolved], fragment)
        if resolved in self.unpublished:
            noun, item_id, why = self.unpublished[resolved]
            when = "its problems are fixed" if resolved in self.broken else f"that {noun} is published"
            return refuse(f"{noun} '{item_id}' {why}; the link works once {when}")
        why = self.refusal(resolved)
        if why is not None:
            severity, reason = why
            return refuse(reason, severity)
        return Target("file", resolved, fragment=fragment)

    def link_found(self, here: str, found: links.Found, *, file: str = "", line: int | None = None) -> Target:
        """`link` for a link or picture found in a text (`links.find`): a
        picture from another site is shown as its words too, since the browser
        would load it from that site as soon as the page opens."""
        target = self.link(here, found.target, file=file, line=line)
        if found.picture and target.kind == "keep" and _REMOTE.match(links.as_browser_reads(found.target)):
            return Target("text", problem=Problem(
                file, f"the picture '{found.target}' is shown as its words: it would load from another site as soon "
                "as the page opens, and that site would see every visitor", line=line, severity="warning",
                hint="Save the picture in the portfolio folder (media/…) and show that file"))
        return target

    def private_why(self, address: str) -> str | None:
        """Why an outside address may not be published (`private_addresses`),
        or None. Spelled otherwise it is the same address (`address_key`); so
        is one with more query parameters than the private one
        (``watch?v=abc&t=30`` for ``watch?v=abc``), and one written with HTML's
        entities (``&amp;``, ``&#45;``)."""
        key = address_key(html.unescape(address))
        why = self.private_addresses.get(key)
        if why is not None or "?" not in key:
            return why
        base, _, query = key.partition("?")
        given = set(query.split("&"))
        for private, reason in self.private_addresses.items():
            at, _, wanted = private.partition("?")
            if at == base and (not wanted or set(wanted.split("&")) <= given):
                return reason
        return None

    def private_in_text(self, text: str, targets: list[tuple[int, int]] = ()) -> list[tuple[int, str, str]]:
        """Where `text` writes a private address (`private_addresses`) as text,
        not as a link's target (`targets`: the spans of those): in a link's
        words, in code, in an autolink, bare. (position, address, why), in order."""
        if not self.private_addresses:
            return []
        if self._hosts is None:
            hosts = {urlsplit(key).netloc.lower() for key in self.private_addresses}
            self._hosts = set() if "" in hosts else hosts  # (an address without a host: every text is read)
        if self._hosts and not any(host in text.lower() for host in self._hosts):
            return []
        found = []
        for match in _ADDRESS.finditer(text):
            address = match.group().rstrip(_AFTER_ADDRESS)
            why = self.private_why(address)
            start = match.start()
            if why is not None and not any(a <= start < b for a, b in targets):
                found.append((start, address, why))
        return found

    def withheld(self, text: str) -> str:
        """`text` (a lesson's text, its links' targets already decided on:
        `links.marked`) with each private address it writes as text replaced by
        `WITHHELD`: an address that must not be linked must not be shown either."""
        for start, address, _ in reversed(self.private_in_text(text)):
            end = start + len(address)
            if text[start - 1:start] == "<" and text[end:end + 1] == ">":  # an autolink: its brackets go too
                start, end = start - 1, end + 1
            text = text[:start] + WITHHELD + text[end:]
        return text

    def page_markdown(self, here: str, body: str, page_src: str, src_of) -> str:
        """Markdown written at portfolio path `here` (a lesson's text, an
        evidence page), as the site engine converts it for the page whose
        source path is `page_src`: a link the gate publishes leads to its page
        (`src_of(kind, id)`: the page's source path, as the engine links pages)
        or its file, relative to the page; a link it refuses is its words; a
        private address written out is left out (`withheld`)."""
        page_dir = posixpath.dirname(page_src)

        def new_target(found: links.Found):
            target = self.link_found(here, found)
            if target.kind == "keep":
                return links.KEEP
            if target.kind == "text":
                return None
            if target.kind == "page":
                new = posixpath.relpath(src_of(*target.page), page_dir)
            else:
                new = posixpath.relpath(posixpath.join(MEDIA_PREFIX, target.path), page_dir)
            return new + (f"#{target.fragment}" if target.fragment else "")

        return self.withheld(links.rewrite(body, new_target))

    def without_private(self, body: str, file: str, first_line: int = 1) -> tuple[str, list[Problem]]:
        """Markdown the gate does not otherwise read (a page of the site's own
        docs folder) with each private address (`private_why`) left out: a
        link to one is its words, one written out is `WITHHELD`; and a warning
        for each, naming `file` and the line (`first_line`: the file's line
        the Markdown starts on)."""
        if not self.private_addresses:
            return body, []
        problems: list[Problem] = []

        def new_target(found: links.Found):
            why = self.private_why(found.target) if _REMOTE.match(links.as_browser_reads(found.target)) else None
            if why is None:
                return links.KEEP
            problems.append(Problem(file, f"the link to '{found.target}' is shown as plain text: it is private: {why}",
                                    line=first_line + found.line - 1, severity="warning"))
            return None

        body = links.rewrite(body, new_target)
        line_at = mdscan.LineAt(body, first_line)
        for start, address, why in self.private_in_text(body):
            problems.append(Problem(file, f"the address '{address}' is left out of the page: it is private: {why}",
                                    line=line_at(start), severity="warning"))
        return self.withheld(body), problems

    def _written_otherwise(self, here: str, target: str) -> str | None:
        """A hint when the file is there, but the address is written as a path
        of Windows ('..\\media\\x.png'), or a '#' or '?' in its name ends the
        address's path ('Lab #3.pdf': '#' starts a part of a page)."""
        if "\\" in target:
            slashed = target.replace("\\", "/")
            whole = posixpath.normpath(posixpath.join(posixpath.dirname(here), unquote(slashed.split("#")[0])))
            if not whole.startswith("../") and os.path.isfile(self.root / whole):
                return f"Write '/' between folders, not '\\': '{slashed}'"
        if "#" not in target and "?" not in target:
            return None
        whole = posixpath.normpath(posixpath.join(posixpath.dirname(here), unquote(target)))
        if whole.startswith("../") or not os.path.isfile(self.root / whole):
            return None
        return (f"The file's name has a '{'#' if '#' in target else '?'}', which ends the address: write it as "
                f"'{quote(unquote(target), safe='/')}', or rename the file")

    def _nearest(self, here: str, missing: str) -> str | None:
        """A "did you mean" hint for a link to a missing file: the page, or the
        file of the same folder, whose name is nearest, as the link would be
        written from `here`."""
        folder = posixpath.dirname(missing)
        try:
            names = [posixpath.join(folder, name) for name in os.listdir(self.root / folder) if name[:1] != "."]
        except (OSError, ValueError):
            names = []
        candidates = {*self.pages, *self.unpublished, *names}
        if missing + ".md" in candidates:
            nearest = missing + ".md"
        else:
            by_name = {posixpath.basename(path): path for path in sorted(candidates, reverse=True)}
            match = difflib.get_close_matches(posixpath.basename(missing), list(by_name), n=1, cutoff=0.75)
            if not match:
                return None
            nearest = by_name[match[0]]
        return f"Did you mean '{posixpath.relpath(nearest, posixpath.dirname(here) or '.')}'?"

    # ---- Filling the gate from the content

    @classmethod
    def build(cls, portfolio: Portfolio) -> Gate:
        """The gate of a loaded portfolio: every page and file use the features
        declare. What unpublished items name is private unless a published item
        names it too. Problems found go to `portfolio.problems`."""
        gate = cls(portfolio.root, real=portfolio.real)
        for kind in registry.kinds():
            page = registry.page_kind_of(kind.name)
            if page is None or kind.single:
                continue
            published = portfolio.items[kind.name]
            for item in portfolio.everything[kind.name].values():
                if item.id in published:
                    gate.pages[item.path] = (page, item.id)
                else:
                    gate.unpublished[item.path] = (kind.noun, item.id, kind.why_unpublished(item))
        for path, (kind_name, item_id) in portfolio.broken.items():  # a file that failed to load
            if registry.page_kind_of(kind_name) is not None:
                gate.unpublished[path] = (registry.kind(kind_name).noun, item_id,
                                          "is left out for its own problems, said for its file")
                gate.broken.add(path)

        wanted: list[FileUse] = []
        outside: list[FileUse] = []  # published uses of outside addresses
        claimed: dict[str, str] = {}  # path -> which unpublished item names it
        for files in registry.hooks("files"):
            for use in files(portfolio):
                path = _norm(use.path)
                if _SCHEME.match(path) or path.startswith("//"):
                    if use.private is not None:
                        gate.private_addresses[address_key(use.path)] = use.private
                    elif use.published:
                        outside.append(use)
                    continue
                if use.private is not None:
                    gate.private[path] = use.private
                elif use.page is not None:
                    if use.published:
                        gate.pages[path] = use.page
                elif use.published:
                    wanted.append(use)
                else:
                    claimed.setdefault(path, f"only {getattr(use.item, 'file', 'an unpublished item')}, which is "
                                             "not published, uses it")
        wanted_paths = {_norm(use.path) for use in wanted}
        for path, why in claimed.items():
            if path not in wanted_paths:
                gate.private.setdefault(path, why)

        problems = portfolio.problems
        for use in outside:
            why = gate.private_why(use.path)
            if why is not None:
                problems.add(Problem(
                    getattr(use.item, "file", ""), f"the address '{use.path.strip()}' cannot be published: it is "
                    f"private: {why}; take it out of this lesson",
                    field=format_path(use.field) if use.field else "", line=_line(use.item, use.field)))
        for use in wanted:
            path = _norm(use.path)
            why = gate.refusal(path)
            if why is None:
                gate.files.add(path)
                if use.field[-1:] == ("src",):  # a picture a page shows (a photo, a badge)
                    heavy = gate.heavy_picture(path, getattr(use.item, "file", ""), _line(use.item, use.field))
                    if heavy is not None:
                        problems.add(replace(heavy, field=format_path(use.field)))
                continue
            severity, reason = why
            if reason.startswith("it is not a file"):
                continue  # a missing file is reported by the reference checks
            problems.add(Problem(
                getattr(use.item, "file", ""), f"the file '{path}' is not published: {reason}",
                field=format_path(use.field) if use.field else "", line=_line(use.item, use.field), severity=severity,
            ))
        if gate.private_addresses:
            gate._check_fields(portfolio)
        return gate

    def _check_fields(self, portfolio: Portfolio) -> None:
        """An error for each field of a published item that writes a private
        address as text (a summary, a question's prompt, an evidence item's
        description…): a field is shown as written, so the site is not made
        with it. A lesson's text (`body`) has the address left out instead
        (`withheld`); an address field (`url`) is its feature's to check; a
        field the site never shows (`Kind.hidden`) may write it."""
        for kind in registry.kinds():
            published = portfolio.items.get(kind.name)
            if published is None:
                continue
            for item in [published] if kind.single else published.values():
                for path, text in _texts(item):
                    if path[0] == "body" or path[-1] == "url" or kind.hidden(item, path):
                        continue
                    for _, address, why in self.private_in_text(text):
                        portfolio.problems.add(Problem(
                            getattr(item, "file", ""), f"the address '{address}' cannot be published: it is private: "
                            f"{why}", field=format_path(path), line=_line(item, path),
                            hint="Take the address out of this field"))

    def heavy_picture(self, path: str, file: str, line: int | None) -> Problem | None:
        """A warning when the picture a page shows is heavier than students on a
        slow connection should wait for each time the page opens."""
        if not path.lower().endswith(_PICTURES):
            return None
        try:
            size = os.path.getsize(self.root / path)
        except OSError:
            return None
        if size <= HEAVY_PICTURE:
            return None
        return Problem(file, f"the picture '{path}' is {size / 1_000_000:.1f} MB: a student on a slow connection "
                             "waits for it each time the page opens", line=line, severity="warning",
                       hint="Save a smaller copy (a few hundred KB is plenty on a page: about 1,600 pixels wide)")

    def check_text(self, here: str, file: str, first_line: int, text: str, problems,
                   files: set[str] | None = None, found_links: list | None = None) -> None:
        """Resolve every link of a published text (a lesson's body) written in
        the file at portfolio path `here`: the files it links are published
        (added to `files` when given, for the caller to publish); links to
        unpublished items, private or missing files and files outside the
        portfolio are reported with the file and line. `found_links`: the
        text's links, when found already (`links.find`)."""
        found_links = links.find(text) if found_links is None else found_links
        for found in found_links:
            target = self.link_found(here, found, file=file, line=first_line + found.line - 1)
            if target.kind == "file":
                (self.files if files is None else files).add(target.path)
                heavy = self.heavy_picture(target.path, file, first_line + found.line - 1) if found.picture else None
                if heavy is not None:
                    problems.add(heavy)
            elif target.problem is not None:
                problems.add(target.problem)
        # (A link's target has its warning above; a note is left out of the site with what it says.)
        left = [found._match.span("target") for found in found_links if found._match is not None]
        for start, address, why in self.private_in_text(text, left + mdscan.note_spans(text)):
            problems.add(Problem(
                file, f"the address '{address}' is left out of the page: it is private: {why}",
                line=first_line + text.count("\n", 0, start), severity="warning",
                hint="Take the address out of the text"))


# ---- Helpers


def address_key(url: str) -> str:
    """An outside address as compared for privacy: every spelling a browser
    takes to the same place alike. Without its fragment or a final slash; http,
    https and a link without a scheme alike; the host in lower case, without a
    user name, its default port, or a leading ``www.`` or ``m.`` (a site's
    mobile pages); %-escapes decoded; query parameters in order
    (``HTTPS://a@WWW.Example.org:443/a/?y=2&x=1#t`` is ``//example.org/a?x=1&y=2``).
    A short link to the same video (``youtu.be/…``) is another address."""
    url = links.as_browser_reads(url.strip())
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    if parts.scheme.lower() not in ("http", "https", "") or not parts.netloc:
        return parts._replace(scheme=parts.scheme.lower(), fragment="").geturl()
    host = re.sub(r"^(?:www|m)\.", "", (parts.hostname or "").rstrip("."))
    if port not in (None, 80, 443):
        host += f":{port}"
    query = "&".join(sorted(f"{key}={value}" for key, value in parse_qsl(parts.query, keep_blank_values=True)))
    return "//" + host + unquote(parts.path).rstrip("/") + (f"?{query}" if query else "")


def _texts(value, path: tuple = ()):
    """(field path, text) of each string in a loaded item, its lists and dicts."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, msgspec.Struct):
        for name in value.__struct_fields__:
            yield from _texts(getattr(value, name, None), path + (name,))
    elif isinstance(value, (list, tuple)):
        for n, one in enumerate(value):
            yield from _texts(one, path + (n,))
    elif isinstance(value, dict):
        for key, one in value.items():
            yield from _texts(one, path + (key,))


def is_content_file(path: str) -> bool:
    """Whether the portfolio path `path` is a file Flipfolio reads to make
    pages (a lesson, a unit…, a video record): never published as it is."""
    path = _norm(path)
    return _is_content(path.split("/"), path.lower())


def _is_content(parts: list[str], lower: str) -> bool:
    """A file Flipfolio reads to make pages: a kind's file, or a feature's record (a video's)."""
    records = registry.folders().get(parts[0])
    if records and lower.endswith(records):
        return True
    for kind in registry.kinds():
        if kind.single and lower in (kind.folder, kind.folder.replace(".yml", ".yaml")):
            return True
        if not kind.single and parts[0] == kind.folder and lower.endswith(_MARKDOWN if kind.markdown else _YAML):
            return True
    return False


def _norm(path: str) -> str:
    return posixpath.normpath(path.strip())


def _line(item, path: tuple) -> int | None:
    line_of = getattr(item, "line_of", None)
    return line_of(*path) if line_of is not None and path else None
