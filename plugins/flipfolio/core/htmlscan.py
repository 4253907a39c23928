"""Reading a page's HTML as the standard library's parser reads it, in a
fraction of the time, for the HTML that templates and Markdown write.

`html.parser.HTMLParser` goes through a page a few characters at a time in
Python; a large site's pages are read by the content checks and by search
(core/audit.py), and that reading was a fifth of a build. `events(html)`
finds the same tags and text with one regular expression over the whole page
and gives, in order, the calls an `HTMLParser(convert_charrefs=True)` fed
`html` at once, then closed, makes:

- ``("start", tag, attrs, line)``, ``("startend", tag, attrs, line)``:
  `handle_starttag` and `handle_startendtag` (the tag's name in lower case,
  its attributes as (name in lower case, value unescaped, or None));
- ``("end", tag, line)``: `handle_endtag`;
- ``("data", text, line)``: `handle_data` (character references converted,
  except in a script or style element, whose text is given as written).

It reads only what it is sure to read the same way: a comment, a
declaration, a processing instruction, a ``<`` that starts no tag or a tag
written unusually (an unquoted value holding a quote, attributes with no
space between them…) makes it give None, and the caller reads the page with
`HTMLParser`. What it reads the same is checked when the module is loaded
(`AGREES`, on a page holding every kind of thing it reads), so that another
Python's parser, which may read some HTML otherwise, is never contradicted:
where they disagree, `events` always gives None.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

_TAG = re.compile(
    r"""<(?:(?P<start>[a-zA-Z][-.a-zA-Z0-9:_]*)(?P<attrs>(?:\s+[^\s"'<>/=`]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(?P<empty>/?)>"""
    r"""|/(?P<end>[a-zA-Z][-.a-zA-Z0-9:_]*)\s*>)""")
#: An attribute: (name, "=" and its value as written or "" when it has none, the value in double
#: quotes, in single quotes, bare), for `findall`.
_ATTR = re.compile(r"""\s+([^\s"'<>/=`]+)(\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
#: Elements whose text is read as written, up to their end tag (script, style).
_RAW = frozenset(HTMLParser.CDATA_CONTENT_ELEMENTS)
_RAW_END = {tag: re.compile(rf"</\s*{tag}", re.IGNORECASE) for tag in _RAW}
#: Elements some parsers read otherwise (escapable text, the rest of the page as text): left to the parser.
_UNSURE = frozenset(getattr(HTMLParser, "RCDATA_CONTENT_ELEMENTS", ())) | {"plaintext"}


def events(html: str) -> list[tuple] | None:
    """The parser's calls for `html`, in order (see the module), or None."""
    if not AGREES:
        return None
    return _events(html)


def _events(html: str) -> list[tuple] | None:
    found: list[tuple] = []
    add = found.append
    at, line, size = 0, 1, len(html)
    find, count, match_tag, attributes = html.find, html.count, _TAG.match, _ATTR.findall
    while at < size:
        lt = find("<", at)
        if lt < 0:
            add(("data", _unescaped(html[at:]), line))
            break
        if lt > at:
            add(("data", _unescaped(html[at:lt]), line))
            line += count("\n", at, lt)
        tag = match_tag(html, lt)
        if tag is None:
            return None
        name, written, empty, closing = tag.groups()
        end = tag.end()
        if name is None:
            add(("end", closing.lower(), line))
            line += count("\n", lt, end)
            at = end
            continue
        name = name.lower()
        if name in _UNSURE:
            return None
        attrs = [(key.lower(), _unescaped(double or single or bare) if value else None)
                 for key, value, double, single, bare in attributes(written)] if written else []
        if empty:
            add(("startend", name, attrs, line))
            line += count("\n", lt, end)
            at = end
            continue
        add(("start", name, attrs, line))
        line += count("\n", lt, end)
        at = end
        if name in _RAW:  # its text as written, up to its end tag, written plainly (</script>)
            close = _RAW_END[name].search(html, end)
            if close is None or close.group().lower() != f"</{name}" or html[close.end():close.end() + 1] != ">":
                return None  # none, or one written otherwise (</ script>): where it ends is the parser's to say
            close = close.start()
            if close > end:
                add(("data", html[end:close], line))
                line += count("\n", end, close)
            add(("end", name, line))
            at = close + len(name) + 3
    return found


def _unescaped(text: str) -> str:
    """`text` with its character references converted (most text has none)."""
    return unescape(text) if "&" in text else text


def events_in_parts(html: str, parts, known: dict) -> list[tuple[list[tuple], int]] | None:
    """`events(html)`, for a page that holds `parts` (strings of HTML it was
    made from, in order, such as the rows of a long list: `render.Parts`) as
    chunks ``(events, lines before the chunk)``, each chunk's lines counted
    from 1: a part already read (`known`: its text -> its events, filled here)
    is not read again. A part is read on its own (without the whitespace
    around it, which is read with the text beside it) only when it starts
    with a tag and ends with one, and is found where the page's reading would
    be between two of its tags (the text before it reads without a tag left
    open, such as a ``<script>``); else the page is read whole. None when
    `events(html)` is None."""
    if not AGREES:
        return None
    chunks: list[tuple[list[tuple], int]] = []
    at, lines = 0, 0
    for part in parts:
        core = str.strip(part)  # (plain text: a Markup part's slices would escape what they are given)
        if not core or core[0] != "<" or core[-1] != ">":
            continue
        start = html.find(core, at)
        if start < 0:
            continue
        if start > at:
            before = _events(html[at:start])
            if before is None:
                break
            chunks.append((before, lines))
            lines += html.count("\n", at, start)
        found = known.get(part, False)
        if found is False:
            found = known[part] = _events(core)
        if found is None:
            break
        chunks.append((found, lines))
        lines += core.count("\n")
        at = start + len(core)
    else:
        if at < len(html):
            rest = _events(html[at:])
            if rest is not None:
                chunks.append((rest, lines))
                return chunks
        elif chunks:
            return chunks
    found = _events(html)
    return None if found is None else [(found, 0)]


class _Recorder(HTMLParser):
    """The standard parser's calls, as `events` gives them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.found.append(("start", tag, attrs, self.getpos()[0]))

    def handle_startendtag(self, tag, attrs):
        self.found.append(("startend", tag, attrs, self.getpos()[0]))

    def handle_endtag(self, tag):
        self.found.append(("end", tag, self.getpos()[0]))

    def handle_data(self, data):
        self.found.append(("data", data, self.getpos()[0]))


def parsed(html: str) -> list[tuple]:
    """What `HTMLParser` calls for `html`, in the form `events` gives it."""
    recorder = _Recorder()
    recorder.feed(html)
    recorder.close()
    return recorder.found


#: A page with every kind of thing `events` reads.
PROBE = """<p class="a" id='b' data-x=c&amp;d hidden data-e="">Text &amp; more &lt;b&gt; &copy &#169;
&nbsp;> text</p >
<DIV Title="T&quot;q"><br/><br /><img src="x.png" alt="" /><p/><span
  data-search-exclude
  lang="en">multi
line</span></DIV>
<script>if (a < b && c > d) { x = "</p>"; } // &amp;
</script><style>p > a { color: red }</style><SCRIPT type="t">x</SCRIPT>
<ol><li data-ff-seek="1.0">one</li><li>two & three</li></ol><template><b>t</b></template>
tail &amp; end"""


def _agrees() -> bool:
    try:
        return _events(PROBE) == parsed(PROBE)
    except Exception:  # noqa: BLE001 - a parser that reads it otherwise: never used
        return False


#: Whether `events` reads as this Python's parser does (else it always gives None).
AGREES = _agrees()
