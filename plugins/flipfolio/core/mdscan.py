"""What in a lesson's Markdown is code, and what is a teacher's note.

- A note is an HTML comment, ``<!-- ask Maria's parents first -->``: it is for
  the teacher only. `without_notes` takes the notes out before the text is
  converted, so nothing of them reaches the page, the offline pack or search;
  a link in a note is none.
- Code (fenced blocks, `inline code`) is text shown as written: a link, a tag
  or a comment in it is none.

Both are read left to right, the first to open winning: ```<!--``` in code
opens no note, and a backtick in a note opens no code.

What is taken for code must be code for Python-Markdown, with or without
pymdownx.superfences, or a script taken for code would pass the checks
(bodycheck.py) and reach the page as HTML; and a note in it would stay in the
page. So only what is code in every reading counts: a fence at the start of its
line, closed by the same fence (```` ``` ```` is not closed by
```` ```` ````); `inline code` not opened by an escaped backtick (``\\```)
and within one paragraph, outside HTML blocks (Markdown is not read inside
``<div>…</div>``). A fence in a list or a quote is not taken for code: a check
may then find what is only shown, never miss what runs.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator

from .audit import VOID

#: A fence opening code, as Python-Markdown's fenced_code reads it: at the start of the line, then a
#: language and {attributes} if any.
_FENCE_OPEN = re.compile(r"(?P<fence>`{3,}|~{3,})[ ]*(?:[\w#.+-]+)?[ ]*(?:\{[^}\n]*\})?[ ]*$")
_FENCE_CLOSE = re.compile(r"(?:`{3,}|~{3,})(?=[ ]*$)")
#: Where a paragraph ends, within which `code` may run on: a blank line, or a line that starts a block.
_BREAK = r"\n[ \t]*\n|\n[ ]{0,3}(?:[>#]|<[A-Za-z/!?]|[-*+][ \t]|\d+[.)][ \t]|```|~~~)"
#: `code` as Python-Markdown finds it (a run of backticks not escaped, to the same run; at most 10,000
#: characters: hostile text must not take long to read), or a note (an HTML comment; one never
#: closed runs to the end of the text).
_CODE_OR_NOTE = re.compile(
    rf"(?P<ticks>`+)(?!`)(?:(?!{_BREAK}).){{1,10000}}?(?<!`)(?P=ticks)(?!`)|(?P<note><!--.*?(?:-->|\Z))",
    re.DOTALL,
)
#: A line that starts an HTML block (where Markdown is not read).
_HTML_START = re.compile(r"^[ ]{0,3}<(?P<tag>[A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)", re.MULTILINE)



class LineAt:
    """The line of a position in a text, counting from `first_line` (a text of
    many links: no recount from the start each time)."""

    def __init__(self, text: str, first_line: int = 1):
        self.breaks = [m.start() for m in re.finditer("\n", text)]
        self.first_line = first_line

    def __call__(self, position: int) -> int:
        return self.first_line + bisect.bisect_left(self.breaks, position)


def _blank(text: str) -> str:
    return " " * len(text) if "\n" not in text else re.sub(r"[^\n]", " ", text)


def _without_fences(markdown: str) -> str:
    """`markdown` with fenced code blocks blanked out (line breaks kept). A
    fence never closed opens no block, as in Python-Markdown."""
    if "```" not in markdown and "~~~" not in markdown:
        return markdown
    lines = markdown.split("\n")
    fenced = [number for number, line in enumerate(lines) if line[:3] in ("```", "~~~")]
    closers: dict[str, list[int]] = {}  # fence -> the lines that close it, in order
    for number in fenced:
        closing = _FENCE_CLOSE.match(lines[number])
        if closing:
            closers.setdefault(closing.group(0), []).append(number)
    done = -1  # the last line of the last block
    for number in fenced:
        if number <= done:
            continue
        opened = _FENCE_OPEN.match(lines[number])
        if opened:
            after = closers.get(opened.group("fence"), [])
            start = bisect.bisect_right(after, number)
            if start < len(after):
                done = after[start]
                lines[number : done + 1] = [" " * len(line) for line in lines[number : done + 1]]
    return "\n".join(lines)


def _html_blocks(text: str) -> list[tuple[int, int]]:
    """Where HTML blocks may be (from a line starting with a tag to the line of
    its end tag, or the end of the text): more than Python-Markdown takes for
    one, never less."""
    spans: list[tuple[int, int]] = []
    lower = None
    for start in _HTML_START.finditer(text):
        if spans and start.start() < spans[-1][1]:
            continue
        tag = start.group("tag").lower()
        if tag in VOID:
            end = text.find("\n", start.end())
        else:
            lower = text.lower() if lower is None else lower
            closing = lower.find(f"</{tag}", start.end())
            end = -1 if closing < 0 else text.find("\n", closing)
        spans.append((start.start(), len(text) if end < 0 else end))
    return spans


def _code_and_notes(markdown: str) -> tuple[str, Iterator[re.Match]]:
    """`markdown` with its fences blanked out, and its code spans and notes in
    order (a code span that reaches into an HTML block is none)."""
    text = _without_fences(markdown)
    if "`" not in text and "<!--" not in text:
        return text, iter(())

    def found() -> Iterator[re.Match]:
        blocks = _html_blocks(text) if "`" in text else []
        starts = [start for start, _ in blocks]
        position, tick, note = 0, text.find("`"), text.find("<!--")
        while True:
            if 0 <= tick < position:
                tick = text.find("`", position)
            if 0 <= note < position:
                note = text.find("<!--", position)
            at = note if tick < 0 or 0 <= note < tick else tick
            if at < 0:
                return
            match = _CODE_OR_NOTE.match(text, at)
            if match is None:  # a run of backticks that opens no code
                position = at + 1
                while position < len(text) and text[position] == "`":
                    position += 1
                continue
            position = match.end()
            if not match.group("note"):
                if match.start() and text[match.start() - 1] == "\\":  # \` is a backtick
                    position = match.start() + 1
                    continue
                at = bisect.bisect_right(starts, match.end() - 1) - 1  # the last block starting before its end
                if at >= 0 and match.start() < blocks[at][1]:
                    continue
            yield match

    return text, found()


def mask_code(markdown: str) -> str:
    """`markdown` with fenced code blocks, inline code spans and notes (HTML
    comments) replaced by spaces; every other character stays where it was."""
    text, found = _code_and_notes(markdown)
    chunks, position = [], 0
    for match in found:
        chunks += [text[position : match.start()], _blank(match.group(0))]
        position = match.end()
    chunks.append(text[position:])
    return "".join(chunks)


def note_spans(markdown: str) -> list[tuple[int, int]]:
    """Where the notes (HTML comments outside code) of `markdown` start and end."""
    if "<!--" not in markdown:
        return []
    return [match.span() for match in _code_and_notes(markdown)[1] if match.group("note")]


def unclosed_note(markdown: str) -> int | None:
    """The 1-based line where a note opens that never closes, or None."""
    for start, end in note_spans(markdown):
        if end - start < 7 or not markdown.startswith("-->", end - 3):
            return markdown.count("\n", 0, start) + 1
    return None


def _removed(markdown: str) -> list[tuple[int, int]]:
    """What `without_notes` takes out: each note; a note alone on its line(s)
    with its line break."""
    spans: list[tuple[int, int]] = []
    for start, end in note_spans(markdown):
        line_start = markdown.rfind("\n", 0, start) + 1
        line_end = markdown.find("\n", end)
        line_end = len(markdown) if line_end < 0 else line_end
        alone = not markdown[line_start:start].strip() and not markdown[end:line_end].strip()
        if alone and (not spans or line_start >= spans[-1][1]):
            start, end = line_start, min(line_end + 1, len(markdown))
        spans.append((start, end))
    return spans


def without_notes(markdown: str) -> str:
    """`markdown` without its notes: a note alone on its line(s) goes with its
    line break, one within a line leaves the rest of the line."""
    return without_notes_mapped(markdown)[0]


def without_notes_mapped(markdown: str) -> tuple[str, Callable[[int], int]]:
    """`without_notes(markdown)`, and a function giving for a position in it the
    position in `markdown` of the same character."""
    if "<!--" not in markdown:
        return markdown, _same
    chunks: list[str] = []
    position = 0
    kept_at: list[int] = []  # where each kept chunk starts, in the new text
    shift: list[int] = []  # and how far it moved
    for start, end in _removed(markdown):
        kept_at.append(sum(map(len, chunks)))
        shift.append(position - kept_at[-1])
        chunks.append(markdown[position:start])
        position = end
    kept_at.append(sum(map(len, chunks)))
    shift.append(position - kept_at[-1])
    chunks.append(markdown[position:])

    def original(at: int) -> int:
        return at + shift[bisect.bisect_right(kept_at, at) - 1]

    return "".join(chunks), original


def _same(at: int) -> int:
    return at
