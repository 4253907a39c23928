"""Links and pictures in lesson text, written relative to the lesson's own file.

A teacher writes ``[Food webs](food-webs.md)`` or ``![Onion cells](../../media/onion.jpg)``
as the files lie in the portfolio folder. The site puts lesson pages and media
elsewhere, so each such address is rewritten to where its target ends up; files
linked this way are published with the page.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

# [text](target "title") and ![alt](target): the target is a <bracketed> address or has no spaces.
_LINK = re.compile(
    r"(?P<head>!?\[(?:[^\]\\\n]|\\.)*\]\()(?P<target><[^>\n]*>|[^)\s]+)(?P<tail>(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\))"
)
_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)


@dataclass
class Rewritten:
    markdown: str
    files: list[str] = field(default_factory=list)  # portfolio files the text links to


def rewrite(body: str, here: str, lesson_paths: dict[str, str], exists, page_dir: str, media_prefix: str) -> Rewritten:
    """Rewrite the relative links of a lesson body.

    Args:
        body: the lesson's Markdown.
        here: the lesson file's path inside the portfolio folder, e.g. ``lessons/cells/a.md``.
        lesson_paths: portfolio path of each published lesson file -> its page's source path.
        exists: ``exists(path)`` tells whether a portfolio path is a file.
        page_dir: the folder of the lesson page's source path, e.g. ``lessons``.
        media_prefix: where portfolio files are published, e.g. ``portfolio``.
    """
    files: list[str] = []
    fenced = [m.span() for m in _FENCE.finditer(body)]

    def replace(match: re.Match) -> str:
        if any(start <= match.start() < end for start, end in fenced):
            return match.group(0)
        raw = match.group("target")
        target = raw[1:-1] if raw.startswith("<") else raw
        if not target or target.startswith(("#", "/")) or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", target):
            return match.group(0)
        path, _, fragment = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(here), path))
        if resolved.startswith("../") or resolved == "..":
            return match.group(0)
        if resolved in lesson_paths:
            new = posixpath.relpath(lesson_paths[resolved], page_dir)
        elif exists(resolved):
            files.append(resolved)
            new = posixpath.relpath(posixpath.join(media_prefix, resolved), page_dir)
        else:
            return match.group(0)
        new += f"#{fragment}" if fragment else ""
        if raw.startswith("<") or " " in new:
            new = f"<{new}>"
        return match.group("head") + new + match.group("tail")

    return Rewritten(_LINK.sub(replace, body), files)
