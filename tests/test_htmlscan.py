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
