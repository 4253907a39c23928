"""The two parts of a lesson body: before class and in class.

Flipped learning splits a lesson into the individual space (work done alone,
before class: videos, reading, questions) and the group space (what happens
in class). A teacher marks them with two level-2 headings; the names below
are all understood, in any letter case, alone or followed by more words after
a colon, a bracket or a dash: ``## In class: stations``, ``## In class
(planned)``, ``## Before class – watch at home``. (``## Inclassical music``
is no part heading.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.mdscan import mask_code

BEFORE_CLASS = ("before class", "pre-class", "individual space")
IN_CLASS = ("in class", "in-class", "group space")

_HEADING = re.compile(r"^##[ \t]+(?P<name>[^\n#]+?)[ \t#]*$", re.MULTILINE)
# What may follow a part's name in its heading: nothing, or ':' / '(' / a dash, then anything.
_MORE = r"(?:\s*[:(]|\s*[–—]|\s+-(?:\s|$)|$)"
_BEFORE = re.compile("^(?:" + "|".join(re.escape(n) for n in BEFORE_CLASS) + ")" + _MORE, re.IGNORECASE)
_IN = re.compile("^(?:" + "|".join(re.escape(n) for n in IN_CLASS) + ")" + _MORE, re.IGNORECASE)


@dataclass(frozen=True)
class LessonParts:
    """A lesson body cut at its part headings (each part keeps its heading)."""

    intro: str
    before_class: str
    in_class: str


def _headings(body: str):
    # Headings inside fenced code or a note (an HTML comment) are text, not structure
    # (inline code ends at a heading's line).
    masked = mask_code(body) if "```" in body or "~~~" in body or "<!--" in body else body
    for match in _HEADING.finditer(body):
        if masked[match.start()] == "#":
            yield match


def part_of(heading: str) -> str | None:
    """``before`` or ``in`` when a level-2 heading's text names a part, else None."""
    name = " ".join(heading.split())
    if _BEFORE.match(name):
        return "before"
    if _IN.match(name):
        return "in"
    return None


def split_parts(body: str) -> LessonParts:
    """Cut `body` into intro, before-class part and in-class part."""
    marks = []
    for match in _headings(body):
        kind = part_of(match.group("name"))
        if kind is not None:
            marks.append((kind, match.start()))
    if not marks:
        return LessonParts(body.strip(), "", "")
    parts = {"before": "", "in": ""}
    intro = body[: marks[0][1]].strip()
    for index, (kind, start) in enumerate(marks):
        end = marks[index + 1][1] if index + 1 < len(marks) else len(body)
        parts[kind] += body[start:end].strip() + "\n\n"
    return LessonParts(intro, parts["before"].strip(), parts["in"].strip())


# A heading written for a part, but not as one (``# Before class``, ``##Before class``, ``## 1. Before
# class``, ``## Before class 📺``, ``## Pre class``, an underlined heading, a bold line):
_ANY_HEADING = re.compile(r"^ {0,3}(?:(?P<marks>#{1,6})[ \t]*(?P<atx>[^\n]*?)[ \t#]*"
                          r"|\*\*(?P<bold>[^*\n]+)\*\*[ \t]*:?|(?P<setext>[^\n]+)\n {0,3}(?:=+|-+)[ \t]*)$", re.MULTILINE)
_NEAR = {"before": re.compile(r"(?:before[ -]?class|pre[ -]?class|before the class|individual space)"),
         "in": re.compile(r"(?:in[ -]?class|during class|group space)")}


def near_parts(body: str) -> list[tuple[int, str, str]]:
    """Headings (and bold lines) that name a part but are not read as one:
    (line in `body`, as written, "before" or "in"). The page would show
    them as written, and its videos and questions where no part was marked."""
    masked = mask_code(body) if "```" in body or "~~~" in body or "<!--" in body else body
    found = []
    for match in _ANY_HEADING.finditer(masked):
        text = match.group("atx") if match.group("marks") else match.group("bold") or match.group("setext") or ""
        if match.group("marks") == "##" and re.match(r" {0,3}##[ \t]", match.group()) and part_of(text) is not None:
            continue  # a part, as written
        words = re.sub(r"[^\w\s-]", " ", re.sub(r"^\s*\d+[.)]\s*", "", text)).casefold()
        words = " ".join(words.split())
        for part, pattern in _NEAR.items():
            if pattern.fullmatch(words):
                found.append((body.count("\n", 0, match.start()) + 1, match.group().strip().split("\n")[0], part))
                break
    return found
