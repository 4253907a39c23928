"""A page is read once, quickly, for the content checks and search
(core/htmlscan.py, mkdocs/search.py): the tags and text are those the
standard library's parser finds, or the page is left to that parser; the
search sections are those Material's search parser makes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from material.plugins.search.plugin import Parser

from flipfolio.core import audit, htmlscan
from flipfolio.mkdocs.search import SectionReader


def test_the_module_reads_as_this_pythons_parser():
    assert htmlscan.AGREES
    assert htmlscan.events(htmlscan.PROBE) == htmlscan.parsed(htmlscan.PROBE)


@pytest.mark.parametrize("html", [
    "<p>a</p><!-- a comment -->",            # comments, declarations: the parser's
    "<!DOCTYPE html><p>a</p>",
    "<p>a < b</p>",                          # a '<' that starts no tag
    '<a href=x"y>a</a>',                     # an unquoted value holding a quote
    '<a href="x"title="y">a</a>',            # attributes with no space between them
    "<script>a</ script>b</script>",         # an end tag written otherwise
    "<script>never ends",
])
def test_what_it_is_not_sure_to_read_alike_is_left_to_the_parser(html):
    assert htmlscan.events(html) is None


@pytest.mark.parametrize("html, expected", [
    # (an unquoted value takes the slash: not an empty element)
    ('<P Class="a&amp;b" hidden data-x=y/>t&amp;', [("start", "p", [("class", "a&b"), ("hidden", None),
                                                                     ("data-x", "y/")], 1), ("data", "t&", 1)]),
    ('<br/><img alt="" src=a.png />', [("startend", "br", [], 1),
                                       ("startend", "img", [("alt", ""), ("src", "a.png")], 1)]),
    ("<script>\nif (a<b) x='&amp;'\n</script>\n<br>", [("start", "script", [], 1), ("data", "\nif (a<b) x='&amp;'\n", 1),
                                                       ("end", "script", 3), ("data", "\n", 3),
                                                       ("start", "br", [], 4)]),
])
def test_tags_and_text_as_the_parser_gives_them(html, expected):
    assert htmlscan.events(html) == expected == htmlscan.parsed(html)


TAGS = ["p", "div", "h1", "h2", "h3", "pre", "pre", "code", "li", "ul", "a", "span", "section", "script", "style",
        "br", "br", "img", "details", "summary"]
ATTRIBUTES = ['', ' id="x"', " id='y-2'", ' data-search-exclude', ' class="headerlink"', ' class="linenodiv"',
              ' title=a&amp;b', ' alt=""', ' data-ff-seek="1.0"', '\n  lang="en"', ' HREF="#x"']
TEXTS = ["text", " ", " ", "\n", "\n", "a &amp; b", "&lt;x&gt;", "é ¶", "\n  \n", "two words", "&copy", "x > y"]
token = st.one_of(
    st.builds(lambda t, a, slash: f"<{t}{a}{slash}>", st.sampled_from(TAGS), st.sampled_from(ATTRIBUTES),
              st.sampled_from(["", "", "/", " /"])),
    st.builds(lambda t: f"</{t}>", st.sampled_from(TAGS)),
    st.sampled_from(TEXTS),
)
pages = st.lists(token, max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages)
def test_any_page_is_read_as_the_parser_reads_it(html):
    found = htmlscan.events(html)
    assert found is None or found == htmlscan.parsed(html)


def flat(chunks) -> list[tuple] | None:
    """`events_in_parts`' chunks as one list, each event with its line in the page."""
    if chunks is None:
        return None
    return [(*event[:-1], event[-1] + lines) for events, lines in chunks for event in events]


@st.composite
def pages_of_parts(draw):
    """A page and strings of it (its "parts", as a list page's rows), in order,
    each cut anywhere between its tokens, some given twice or not in the page."""
    tokens = draw(st.lists(token, max_size=40))
    cuts = sorted(draw(st.sets(st.integers(0, len(tokens)), max_size=12)))
    pieces = ["".join(tokens[a:b]) for a, b in zip(cuts, cuts[1:])]
    parts = [p for p, keep in zip(pieces, draw(st.lists(st.booleans(), min_size=len(pieces),
                                                        max_size=len(pieces)))) if keep]
    if parts and draw(st.booleans()):
        parts.insert(draw(st.integers(0, len(parts))), draw(st.sampled_from(["<p>not in the page</p>", parts[0]])))
    return "".join(tokens), parts


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages_of_parts())
def test_a_page_read_a_part_at_a_time_is_the_page_read_whole(page):
    html, parts = page
    known: dict = {}
    assert flat(htmlscan.events_in_parts(html, parts, known)) == htmlscan.events(html)
    assert flat(htmlscan.events_in_parts(html, parts, known)) == htmlscan.events(html)  # with what was read


def test_a_part_read_once_is_not_read_again_and_lines_count_from_the_page():
    rows = [f'<tr><td><a href="../l{n}/">Lesson {n}</a></td>\n<td>{n} min{"<img src=r.png>" * (n == 2)}</td></tr>'
            for n in range(3)]
    html = "<h1>Lessons</h1>\n<table>\n" + "\n".join(rows) + "\n</table>\n<p>end</p>"
    rows[1] = f"\n  {rows[1]}\n"  # as a template writes it, with the whitespace around it read with the text
    known: dict = {}
    chunks = htmlscan.events_in_parts(html, rows, known)
    assert flat(chunks) == htmlscan.events(html) and set(known) == set(rows)
    assert [lines for _, lines in chunks] == [0, 2, 3, 4, 5, 6, 7]  # before, row, newline, row, newline, row, after
    again = htmlscan.events_in_parts(html.replace("Lessons", "All lessons"), rows, known)
    assert again[1][0] is known[rows[0]]  # taken as read
    # Parts as a template gives them (Markup, which escapes what its methods are given): read as text.
    from markupsafe import Markup

    row = Markup('<li><a href="x">Pushes &amp; pulls</a> x > y</li>')
    page = f"<h2 id=\"w\">Week</h2><ul>\n{row}\n</ul>"
    assert all(type(e[1]) is str for e, in [(e,) for ev, _ in htmlscan.events_in_parts(page, [row], {}) for e in ev])
    with_parts, whole = SectionReader(), SectionReader()
    audit.audit(page, listeners=(with_parts,), parts=[row], known={})
    audit.audit(page, listeners=(whole,))
    assert sections(with_parts) == sections(whole) and "x &gt; y" in "".join(with_parts.data[-1].text)
    # A part where the page's reading is not between two tags: the page is read whole.
    inside = f"<script>{rows[0]}</script>"
    assert htmlscan.events_in_parts(inside, [rows[0]], {}) == [(htmlscan.events(inside), 0)]
    assert htmlscan.events_in_parts("<!-- x --><p>a</p>", ["<p>a</p>"], {}) is None  # left to the parser
    with_images = html.replace("</a>", '<img src="x.png"></a>', 1).replace("end", '<img src="y.png">')
    found = audit.audit(with_images, parts=rows, known={})
    # The first row's image is named by its link; the last row's is on line 8, the other on line 10.
    assert [f.line for f in found] == [8, 10]
    assert found == audit.audit(with_images)


def sections(reader) -> list[tuple]:
    return [(s.el.tag, s.depth, s.id, s.title, s.text, s.is_excluded()) for s in reader.data]


def read_by(make, html: str):
    reader = make()
    try:
        audit.audit(html, listeners=(reader,))
    except ValueError as error:  # Material's parser fails on some tangled HTML: so must this one
        return type(error)
    return sections(reader)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages)
def test_search_sections_are_those_materials_parser_makes(html):
    assert read_by(SectionReader, html) == read_by(Parser, html)


@pytest.mark.parametrize("html", [
    "<pre>a<br> <br>\n<br>b</pre><p>a<br> <br>\n<br>b</p><p> <br> </p>",          # whitespace kept in pre only
    '<h2 id="a">Title <a class="headerlink" href="#a">¶</a></h2><p>Text</p>',       # permalinks left out
    '<section><h2 id="b">In</h2><p>x</p></section><p>after</p><h3 id="c">Next</h3>',  # leaving a section
    '<div data-search-exclude><p>hidden</p></div><div><p>also hidden</p></div><p>shown</p>',  # by tag
    '<div class="linenodiv"><pre>1</pre></div><code>x</code><ul><li> </li><li>kept</li></ul>',
    "<p>preface</p><h1 id=\"t\">T</h1><h2>no id</h2><sub>2</sub>",
])
def test_search_sections_of_these_pages_are_those_materials_parser_makes(html):
    assert read_by(SectionReader, html) == read_by(Parser, html)


def test_the_pages_flipfolio_renders_are_read_without_the_parser(site_factory):
    site = site_factory({}).build()
    for lesson in ("what-is-a-cell", "cell-parts", "pushes"):
        article = str(site.article(f"lessons/{lesson}/index.html"))
        assert "ff-" in article and htmlscan.events(article) is not None, lesson
        assert read_by(SectionReader, article) == read_by(Parser, article) != []
