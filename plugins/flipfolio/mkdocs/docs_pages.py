"""The site's own pages (the docs folder), read as portfolio files are.

MkDocs reads a page's front matter itself and says nothing when it is not
YAML: the page is published with the front matter as text (the home page
without the profile). A page saved in another encoding ends its build with a
traceback, and a `template:` that names no template too. So before MkDocs
reads them, each page is read here: its encoding, its front matter (with the
portfolio's reader: each problem with its line) and the template it names.
The build (plugin.py) and `flipfolio check` say the same.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..core.model import not_utf8
from ..core.problems import Problem, did_you_mean, show
from ..core.sources import BOM, parse_yaml, split_front_matter

#: Hand-written pages may use these content templates through `template:` in their
#: front matter (a thin page template of the same name is in the plugin's theme templates).
CONTENT_TEMPLATES = ("flipfolio/home.html", "flipfolio/lessons.html", "flipfolio/credentials.html",
                     "flipfolio/privacy.html", "flipfolio/this-week.html", "flipfolio/family.html")
HOME = "flipfolio/home.html"


@dataclass
class DocsPages:
    """What the docs folder's pages say: each page's front matter (by its path
    in the docs folder), the problems found and the notes."""

    meta: dict[str, dict] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)


def read_pages(pages: Iterable[tuple[str, str]], docs: str, template_dirs: Iterable[str],
               profile: bool = False) -> DocsPages:
    """Read `pages` ((path in the docs folder, file path) each) of the docs
    folder named `docs` in messages. `template_dirs`: where the theme's
    templates are (a `template:` must name a file in one). `profile`: the
    portfolio has a profile, which only the home page template shows."""
    found = DocsPages()
    dirs = [d for d in template_dirs if d]
    for src_uri, path in pages:
        name = f"{docs}/{src_uri}"
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            continue  # (MkDocs says so)
        try:
            text = data.removeprefix(BOM.encode("utf-8")).decode("utf-8")
        except UnicodeDecodeError as exc:
            found.problems.append(not_utf8(name, exc))
            continue
        front = split_front_matter(text.replace("\r\n", "\n"))[0]
        meta: dict = {}
        problem = None
        if front is not None:
            source, problems = parse_yaml(front, name)
            found.problems += problems
            if source is None:
                continue
            meta = source.data if isinstance(source.data, dict) else {}
            template = meta.get("template")
            if isinstance(template, str) and template.strip():
                problem = _template_problem(name, template.strip(), dirs, source.line_of(("template",)))
                if problem is not None:
                    found.problems.append(problem)
        found.meta[src_uri] = meta
        if src_uri == "index.md" and profile and meta.get("template") != HOME and problem is None:
            found.notes.append(Problem(
                name, f"the home page does not use Flipfolio's home page template, so the profile (profile.yml) is "
                      f"shown on no page; add 'template: {HOME}' to its front matter to show it", severity="note"))
    return found


def _template_problem(name: str, template: str, dirs: list[str], line: int | None) -> Problem | None:
    """An error when no template folder of the theme (`dirs`: its own, its
    'custom_dir', Flipfolio's) holds `template`: MkDocs would stop on it with
    a traceback. (A template only another plugin's loader gives is not seen.)"""
    if any(os.path.isfile(os.path.join(d, *template.split("/"))) for d in dirs):
        return None
    return Problem(name, "no template has this name; a page of the site may use Flipfolio's page templates ("
                         + ", ".join(CONTENT_TEMPLATES) + "), a template of the theme, or one of its own in the "
                         "theme's 'custom_dir'",
                   field="template", line=line, found=show(template), hint=did_you_mean(template, CONTENT_TEMPLATES))
