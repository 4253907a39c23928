"""Material's search entries for a page Flipfolio rendered, made from the
reading the content checks make of it (core/audit.py) instead of a reading of
search's own.

`SectionReader` divides a page into sections as Material's search parser
(`material.plugins.search.plugin.Parser`) does, to the character: a section
per heading with an id, its title and text with the same few tags kept
(``p``, ``code``, ``pre``, lists, ``sub``, ``sup``), whitespace collapsed the
same way, and what is marked ``data-search-exclude`` left out, with that
parser's quirks (it tells elements apart by their tag: an element left out
leaves out every element of the same tag around the text until one of them
ends). It keeps the tags of the open elements as plain strings, where that
parser compares elements of its own kind, which took most of a build's time
for search. Its sections are Material's own (`Section`, `Element`): the
search index makes the entries from them (`SearchIndex.create_entry_for_section`).
tests/test_search.py checks it against Material's parser on real pages and
generated HTML.
"""

from __future__ import annotations

from html import escape

from material.plugins.search.plugin import Element, Section, void

HEADINGS = frozenset(f"h{n}" for n in range(1, 7))
#: Tags kept in the entries' text (Material's `Parser.keep`).
KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
#: Tags whose text is never indexed (Material's `Parser.skip` to start with); never let go of.
ALWAYS_SKIPPED = ("object", "script", "style")


class SectionReader:
    """Told a page's tags and text as `HTMLParser` calls its handlers; `data` is its sections."""

    def __init__(self):
        self.context: list[Element] = []
        self.tags: list[str] = []  # the tags of `context`
        self.skip: set[str] = set(ALWAYS_SKIPPED)  # tags whose elements' text is left out
        self.section: Section | None = None
        self.data: list[Section] = []

    def _skipped(self) -> bool:
        return not self.skip.isdisjoint(self.tags)

    def _in_title(self) -> bool:
        return self.section.el.tag in self.tags

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_starttag(self, tag, attrs):
        if tag in void:
            return
        attrs = dict(attrs)
        el = Element(tag, attrs)
        self.context.append(el)
        self.tags.append(tag)
        if tag in HEADINGS and "id" in attrs:
            depth = len(self.context)
            if tag != "h1" and not self.data:  # a top-level section first
                self.section = Section(Element("hx"), depth)
                self.data.append(self.section)
            self.section = Section(el, depth)
            if self.data:
                self.section.id = attrs["id"]
            self.data.append(self.section)
        if self.section is None:  # the preface
            self.section = Section(Element("hx"))
            self.data.append(self.section)
        if "data-search-exclude" in attrs or attrs.get("class") == "linenodiv":
            # (Material's parser stops at the first of the two in the element's attributes: both add its tag.)
            self.skip.add(tag)
            return
        if tag in KEEP and not self._skipped():
            (self.section.title if self._in_title() else self.section.text).append(f"<{tag}>")

    def handle_endtag(self, tag):
        if not self.tags or self.tags[-1] != tag:
            return
        depth = len(self.context)
        if self.section.depth > depth:  # leaving the element a heading was nested in
            for section in reversed(self.data):
                if section.depth <= depth:
                    self.section.depth = float("inf")
                    self.section = section
                    break
        self.context.pop()
        self.tags.pop()
        if tag in self.skip:
            if tag not in ALWAYS_SKIPPED:
                self.skip.remove(tag)
            return
        if tag in KEEP and not self._skipped():
            data = self.section.title if self._in_title() else self.section.text
            index = data.index(f"<{tag}>")
            for i in range(index + 1, len(data)):
                if not data[i].isspace():
                    index = len(data)
                    break
            if len(data) > index:  # only whitespace since its start tag: the element goes
                del data[index:]
            else:
                data.append(f"</{tag}>")

    def handle_data(self, data):
        if self._skipped():
            return
        if "pre" not in self.tags:
            data = " " if data.isspace() else data.replace("\n", " ")
        if self.section is None:
            self.section = Section(Element("hx"))
            self.data.append(self.section)
        if self._in_title():
            if not any(el.tag == "a" and el.attrs.get("class") == "headerlink" for el in self.context):
                self.section.title.append(escape(data, quote=False))
        elif data.isspace():
            text = self.section.text
            if not text or not text[-1].isspace() or "pre" in self.tags:
                text.append(data)
        else:
            self.section.text.append(escape(data, quote=False))
