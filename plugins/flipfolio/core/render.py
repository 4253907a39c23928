"""Flipfolio renders the content of its pages itself, with its own Jinja
environment, so that any site engine can place the HTML in its theme's page.

The templates are the package's (``templates/flipfolio/``), each overridable
by a file of the same name in the site's own template folder (MkDocs:
``custom_dir``). A template gets ``ff`` (the `View`, in its context), what it shows (``item``),
``body`` (the HTML of the page's own text, when it has one) and the `url`
filter, which makes a site address relative to the page being rendered, so the
HTML works wherever the site is served, and from disk.

A template that lists many items renders each one's part with ``part``
(``{{ part("flipfolio/partials/lesson-row.html", lesson=lesson) }}``): the
partial gets the page's context and the values given. A renderer given
`Parts` (a preview, which knows a key for what each item is made from)
renders a part once per key and page, so that an edit to one lesson renders
one row of an index of a thousand again, not all of them.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

#: The package's own templates.
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


class Renderer:
    """Renders Flipfolio's content templates to HTML."""

    def __init__(self, view, site_dirs: Iterable[str | Path] = (), parts: Parts | None = None):
        self.view = view
        self.parts = parts
        self.env = _environment(tuple(str(d) for d in site_dirs if d) + (str(TEMPLATES),))
        _forget_changed(self.env)

    def render(self, template: str, *, page_url: str, body: str = "", **context) -> str:
        """The HTML of `template` for the page at `page_url` (relative to the
        site's root, e.g. ``lessons/cells/``)."""
        context.setdefault("ff", self.view)
        if self.parts is not None:
            self.parts.rendering(page_url)
        return self.env.get_template(template).render(page_url=page_url, body=Markup(body or ""),
                                                      _parts=self.parts, **context)


class Parts:
    """Parts of pages kept from one build to the next (see the module):
    `key_of(item)` gives the key of what an item is made from, or None for an
    item whose parts are rendered every time. A part is kept under the keys
    of its items, the other values given (plain values only), the template
    and the page. At the end of a build (`end_build`), the parts of each page
    rendered in it that it did not use are let go; those of pages it did not
    render (a unit's booklet, after an edit to another unit) are kept."""

    def __init__(self, key_of: Callable[[Any], str | None]):
        self.key_of = key_of
        self._now: dict[tuple, Markup] = {}
        self._last: dict[tuple, Markup] = {}
        self._pages: set[str] = set()  # the pages rendered in this build
        self._used: dict[str, list[Markup]] = {}  # page -> the parts it used in this build, in order
        #: What the content checks read of each kept part (`audit.audit`'s `known`), while it is kept.
        self.known: dict[str, Any] = {}
        self.kept = self.made = 0  # parts taken from the last build, and rendered, in this one

    def rendering(self, page_url: str) -> None:
        """A page is being rendered in this build (`Renderer.render`)."""
        self._pages.add(page_url)
        self._used[page_url] = []

    def used(self, page_url: str) -> list[Markup]:
        """The parts the page used in this build, in the order it used them."""
        return self._used.get(page_url, [])

    def key(self, template: str, page_url: str, values: dict) -> tuple | None:
        """(template, page, then per value its key: a plain value's repr, an
        item's (kind, id, key of the item), a tuple's the keys of what it holds,
        and for an object that says what it is made from (``part_values()``,
        such as a week of lessons) the keys of those); None when a value is
        none of these, or an item without a key."""
        parts: list = [template, page_url]
        for name, value in sorted(values.items()):
            key = self._value_key(value)
            if key is None:
                return None
            parts.append((name, key))
        return tuple(parts)

    def _value_key(self, value) -> Any:
        if value is None or isinstance(value, (str, int, float, bool)):
            return repr(value)
        if hasattr(value, "kind") and hasattr(value, "id"):
            key = self.key_of(value)
            return None if key is None else (value.kind, value.id, key)
        if isinstance(value, tuple):
            keys = tuple(self._value_key(v) for v in value)
            return None if None in keys else ("tuple", keys)
        made_from = getattr(value, "part_values", None)
        if callable(made_from):
            found = self.key(type(value).__name__, "", made_from())
            return None if found is None else ("made of", found)
        return None

    def get(self, key: tuple) -> Markup | None:
        found = self._now.get(key)
        if found is None:
            found = self._last.pop(key, None)
            if found is not None:
                self._now[key] = found
        if found is not None:
            self.kept += 1
            self._used.setdefault(key[1], []).append(found)
        return found

    def put(self, key: tuple, html: Markup) -> None:
        self._now[key] = html
        self.made += 1
        self._used.setdefault(key[1], []).append(html)

    def mark(self) -> tuple:
        """Where this build is (`since`): taken by a forked child as it starts."""
        return frozenset(self._pages), self.kept, self.made

    def since(self, mark: tuple) -> tuple:
        """What was rendered since `mark`: the pages, the parts they used (kept or
        made), and how many of each; a forked child hands it to its parent
        (`take`), so that the parts of the files it made are kept too."""
        pages = self._pages - mark[0]
        return pages, {key: html for key, html in self._now.items() if key[1] in pages}, \
            self.kept - mark[1], self.made - mark[2]

    def take(self, rendered: tuple) -> None:
        """What a forked child rendered (`since`), as if rendered in this process."""
        pages, used, kept, made = rendered
        self._pages |= pages
        for key, html in used.items():
            self._last.pop(key, None)
            self._now[key] = html
        self.kept += kept
        self.made += made

    def end_build(self) -> None:
        """Let go of the parts of the pages rendered in this build that it did not use."""
        pages = self._pages
        self._last = {**{key: html for key, html in self._last.items() if key[1] not in pages}, **self._now}
        if self.known:
            kept = set(self._last.values())
            self.known = {html: found for html, found in self.known.items() if html in kept}
        self._now, self._pages, self._used = {}, set(), {}
        self.kept = self.made = 0


@lru_cache(maxsize=8)
def _environment(dirs: tuple[str, ...]) -> jinja2.Environment:
    """One environment per template folders, shared by every renderer: its
    templates are compiled once, not once per build (a preview builds after
    every edit); a template whose file changed is compiled again when the
    next build starts (`_forget_changed`). What a page shows comes in the
    context (``ff``), never from the environment's globals."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(dirs)),
        auto_reload=False,  # (Jinja would look at the file each time a template is used: `_forget_changed`)
        autoescape=True,
        undefined=jinja2.Undefined,
        keep_trailing_newline=False,
        trim_blocks=False,
    )
    env.filters["url"] = _url
    env.globals["part"] = _part
    return compiled_once(env)


def _forget_changed(env: jinja2.Environment) -> None:
    """Let go of the templates whose file changed since they were loaded (a
    teacher editing a template while previewing): looked at once per build,
    where Jinja would look at a template's file each time it is used (about
    100,000 times in a build of 1,000 lessons, a quarter of a second)."""
    if env.cache is None:
        return
    for key, template in list(env.cache.items()):
        if not template.is_up_to_date:
            del env.cache[key]


class _Compiled(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates on disk, which never fails a build:
    a cache that cannot be read or written is as if there were none."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError, TypeError):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def compiled_once(env: jinja2.Environment) -> jinja2.Environment:
    """Keep `env`'s templates compiled between builds: Jinja's bytecode cache,
    in the user's own temporary folder (made private by Jinja). Compiling the
    templates of a build takes about half a second; loading them compiled, a
    few milliseconds. A template whose file changed is compiled again (the
    cache compares the source), and the Python version is part of the key.

    Jinja keys the cache by template file, not by the environment's options,
    so the files' names carry a digest of the options that change the
    compiled code (escaping, whitespace, syntax, extensions): the theme's
    environment and Flipfolio's never share one. The engine adapter calls this
    on the theme's environment too (MkDocs makes one per build)."""
    options = (env.autoescape if isinstance(env.autoescape, bool) else getattr(env.autoescape, "__qualname__", "?"),
               env.trim_blocks, env.lstrip_blocks, env.keep_trailing_newline, env.newline_sequence,
               env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
               env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
               env.line_comment_prefix, env.optimized, sorted(env.extensions))
    digest = hashlib.sha1(repr(options).encode()).hexdigest()[:12]
    try:
        env.bytecode_cache = _Compiled(pattern=f"__flipfolio_{digest}_%s.cache")
    except (OSError, RuntimeError):  # no private temporary folder: compile as before
        pass
    return env


@jinja2.pass_context
def _part(context, template: str, **values) -> Markup:
    """The HTML of the partial `template` with the page's context and `values`
    (one item's part of a page, e.g. a row of a table; see `Parts`)."""
    parts = context.get("_parts")
    key = parts.key(template, context.get("page_url", ""), values) if parts is not None else None
    if key is not None:
        found = parts.get(key)
        if found is not None:
            return found
    html = Markup(context.environment.get_template(template).render({**context.get_all(), **values}))
    if key is not None:
        parts.put(key, html)
    return html


@jinja2.pass_context
def _url(context, path: str) -> str:
    """A site address (relative to the site's root) made relative to the page."""
    return relative_url(path, context.get("page_url", ""))


def relative_url(path: str, page_url: str) -> str:
    """`path`, an address relative to the site's root, as seen from the page at
    `page_url`; addresses with a scheme, a host or an anchor only are kept."""
    path = str(path or "")
    parts = urlsplit(path)
    if parts.scheme or parts.netloc or path.startswith(("/", "#")) or not path:
        return path or "."
    base = page_url or "."
    if base != ".":
        head, tail = posixpath.split(base)
        base = head if "." in tail else base
    relative = posixpath.relpath(path, base or ".")
    if path.endswith("/") and not relative.endswith("/"):
        relative += "/"
    return relative
