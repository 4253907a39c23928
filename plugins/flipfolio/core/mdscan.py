"""What in a lesson's Markdown is code, and what is a teacher's note.

- Code (fenced blocks, `inline code`) is text shown as written: a link, a tag
  or a comment in it is none.
- A note is an HTML comment, ``<!-- ask Maria's parents first -->``: it is for
  the teacher only, so it is left out of everything made from the text (the
  page, the offline pack, search), and a link in it is no link.

Both are read left to right, the first to open winning: ```<!--``` in code
opens no note, and a backtick in a note opens no code.
"""

from __future__ import annotations

import bisect
import re

_FENCE_OPEN = re.compile(r"^[ \t>]*(?P<fence>`{3,}|~{3,})")
#: `code` within one paragraph (and at most 10,000 characters: hostile text must not take long to read),
#: or a note (an HTML comment; one never closed runs to the end of the text).
_CODE_OR_NOTE = re.compile(
    r"(?<!`)(?P<ticks>`+)(?!`)(?:(?!\n[ \t]*\n).){1,10000}?(?<!`)(?P=ticks)(?!`)|(?P<note><!--.*?(?:-->|\Z))",
    re.DOTALL,
)


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _without_fences(markdown: str) -> str:
    """`markdown` with fenced code blocks blanked out (line breaks kept). A
    fence never closed opens no block, as in Python-Markdown."""
    lines = markdown.split("\n")
    closers: dict[str, list[tuple[int, int]]] = {"`": [], "~": []}  # (line, fence length), in order
    for number, line in enumerate(lines):
        closing = line.strip(" \t>")
        if len(closing) >= 3 and closing[0] in closers and not closing.strip(closing[0]):
            closers[closing[0]].append((number, len(closing)))
    index = 0
    while index < len(lines):
        opened = _FENCE_OPEN.match(lines[index])
        if opened:
            fence = opened.group("fence")
            after = closers[fence[0]]
            start = bisect.bisect_right(after, index, key=lambda closer: closer[0])
            end = next((number for number, length in after[start:] if length >= len(fence)), None)
            if end is not None:
                lines[index : end + 1] = map(_blank, lines[index : end + 1])
                index = end
        index += 1
    return "\n".join(lines)


def mask_code(markdown: str) -> str:
    """`markdown` with fenced code blocks, inline code spans and notes (HTML
    comments) replaced by spaces; every other character stays where it was."""
    return _CODE_OR_NOTE.sub(lambda m: _blank(m.group(0)), _without_fences(markdown))


def note_spans(markdown: str) -> list[tuple[int, int]]:
    """Where the notes (HTML comments outside code) of `markdown` start and end."""
    return [m.span() for m in _CODE_OR_NOTE.finditer(_without_fences(markdown)) if m.group("note")]


def unclosed_note(markdown: str) -> int | None:
    """The 1-based line where a note opens that never closes, or None."""
    for start, end in note_spans(markdown):
        if not markdown.startswith("-->", end - 3) or end - start < 7:
            return markdown.count("\n", 0, start) + 1
    return None


def without_notes(markdown: str) -> str:
    """`markdown` without its notes: a note alone on its line(s) goes with its
    line break, one within a line leaves the rest of the line."""
    chunks: list[str] = []
    position = 0
    for start, end in note_spans(markdown):
        line_start = markdown.rfind("\n", 0, start) + 1
        line_end = markdown.find("\n", end)
        line_end = len(markdown) if line_end < 0 else line_end
        if not markdown[line_start:start].strip() and not markdown[end:line_end].strip() and line_start >= position:
            start, end = line_start, min(line_end + 1, len(markdown))
        chunks.append(markdown[position:start])
        position = end
    chunks.append(markdown[position:])
    return "".join(chunks)
