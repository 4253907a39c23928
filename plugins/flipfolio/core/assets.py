"""Flipfolio's own client files: the stylesheet and the scripts, as published.

The script's parts (the player layer, the features on top, the start-up) are
published joined in their order as one script, `SCRIPT`, which the pages with
videos or questions load: one request, a plain script (it works from disk,
``file:``, too). The teacher's class pages (questions/classpage.py) have a
stylesheet and a script of their own, which shares the answer rules and the
receipt's checksum with the lesson pages' script (the same files, joined).

The site engine publishes them (the MkDocs adapter); files that carry pages
of their own, such as a unit's offline pack, copy the same bytes (`published`).
Pure: no site engine.
"""

from __future__ import annotations

from pathlib import Path

import rjsmin

#: The package's folder (assets/ and templates/ are in it).
PACKAGE = Path(__file__).resolve().parent.parent

STYLESHEET = "assets/flipfolio/flipfolio.css"
SCRIPTS = ["assets/flipfolio/messages.js", "assets/flipfolio/player.js", "assets/flipfolio/transcript.js", "assets/flipfolio/progress.js",
           "assets/flipfolio/answers.js", "assets/flipfolio/receipt.js", "assets/flipfolio/questions.js",
           "assets/flipfolio/moments.js", "assets/flipfolio/week.js", "assets/flipfolio/start.js"]
SCRIPT = "assets/flipfolio/flipfolio.js"
CLASS_SCRIPTS = ["assets/flipfolio/messages.js", "assets/flipfolio/answers.js", "assets/flipfolio/receipt.js", "assets/flipfolio/class.js"]
CLASS_SCRIPT = "assets/flipfolio/flipfolio-class.js"
CLASS_STYLESHEET = "assets/flipfolio/class.css"


def client_script(parts: list[str] = SCRIPTS) -> str:
    """SCRIPT (or CLASS_SCRIPT, from CLASS_SCRIPTS): the parts joined and
    minified (comments and spaces out; the parts in the package stay readable)."""
    return rjsmin.jsmin("\n".join((PACKAGE / part).read_text(encoding="utf-8") for part in parts)) + "\n"


def published(path: str) -> bytes:
    """The bytes the site publishes at `path` (``assets/flipfolio/…``): a
    joined script, or a file of the package's assets as it is."""
    if path == SCRIPT:
        return client_script(SCRIPTS).encode("utf-8")
    if path == CLASS_SCRIPT:
        return client_script(CLASS_SCRIPTS).encode("utf-8")
    if not path.startswith("assets/flipfolio/") or ".." in path.split("/"):
        raise KeyError(path)
    return (PACKAGE / path).read_bytes()
