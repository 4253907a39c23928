"""Flipfolio renders the content of its pages itself, with its own Jinja
environment, so that any site engine can place the HTML in its theme's page.

The templates are the package's (``templates/flipfolio/``), each overridable
by a file of the same name in the site's own template folder (MkDocs:
``custom_dir``). A template gets ``ff`` (the `View`, in its context), what it shows (``item``),
``body`` (the HTML of the page's own text, when it has one) and the `url`
filter, which makes a site address relative to the page being rendered, so the
HTML works wherever the site is served, and from disk.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

#: The package's own templates.
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


class Renderer:
    """Renders Flipfolio's content templates to HTML."""

    def __init__(self, view, site_dirs: Iterable[str | Path] = ()):
        self.view = view
        self.env = _environment(tuple(str(d) for d in site_dirs if d) + (str(TEMPLATES),))

    def render(self, template: str, *, page_url: str, body: str = "", **context) -> str:
        """The HTML of `template` for the page at `page_url` (relative to the
        site's root, e.g. ``lessons/cells/``)."""
        context.setdefault("ff", self.view)
        return self.env.get_template(template).render(page_url=page_url, body=Markup(body or ""), **context)


@lru_cache(maxsize=8)
def _environment(dirs: tuple[str, ...]) -> jinja2.Environment:
    """One environment per template folders, shared by every renderer: its
    templates are compiled once (Jinja compiles a template again when its
    file changes), not once per build (a preview builds after every edit).
    What a page shows comes in the context (``ff``), never from the
    environment's globals."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(dirs)),
        autoescape=True,
        undefined=jinja2.Undefined,
        keep_trailing_newline=False,
        trim_blocks=False,
    )
    env.filters["url"] = _url
    return env


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
