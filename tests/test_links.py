"""Links and pictures in lesson text follow their targets to the built site,
and the publishing gate decides what each may reach."""

from __future__ import annotations

import os
import posixpath

import pytest

from flipfolio.core import links
from flipfolio.core.publish import Gate

# A gate over a small folder: two published lessons, one draft, one private file.
LESSONS = {"lessons/cells/a.md": "a", "lessons/forces/b.md": "b"}
FILES = ["media/onion.jpg", "media/notes v2.pdf", "lessons/cells/diagram.png", "media/secret.pdf",
         "credentials/open.yml", "credentials/hidden.yml", "units/cells.yml", "profile.yml", "media/readme.md",
         "videos.lock/youtube-x.json", ".schemas/units.schema.json", "lessons/forces/draft.md", "media/lab #3.pdf",
         "media/what?.pdf"]


@pytest.fixture
def gate(tmp_path):
    root = tmp_path / "portfolio"
    for path in FILES + list(LESSONS):
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text("x", encoding="utf-8")
    pages = {path: ("lesson", lesson_id) for path, lesson_id in LESSONS.items()}
    pages.update({"units/cells.yml": ("unit", "cells"), "credentials/open.yml": ("credential", "open")})
    g = Gate(root, pages=pages, unpublished={"lessons/forces/draft.md": ("lesson", "draft", "is a draft"),
                                             "credentials/hidden.yml": ("credential", "hidden", "is private")},
             private={"media/secret.pdf": "student work without consent in credentials/open.yml (evidence[0])"})
    os.symlink("/etc/hostname", root / "media" / "outside.txt")
    return g


def page_dir_link(target):
    """What a lesson page at lessons/a.md links to, for a gate target."""
    if target.kind == "page":
        kind, item = target.page
        return posixpath.relpath({"lesson": f"lessons/{item}.md", "unit": f"units/{item}.md",
                                  "credential": f"credentials/{item}.md"}[kind], "lessons")
    if target.kind == "file":
        return posixpath.relpath(f"portfolio/{target.path}", "lessons")
    return target.kind


@pytest.mark.parametrize(
    "target,expected,message",
    [
        ("../forces/b.md", "b.md", None),
        ("../../media/onion.jpg", "../portfolio/media/onion.jpg", None),
        ("diagram.png", "../portfolio/lessons/cells/diagram.png", None),
        ("../../media/notes%20v2.pdf", "../portfolio/media/notes v2.pdf", None),
        ("../../units/cells.yml", "../units/cells.md", None),
        ("../../credentials/open.yml", "../credentials/open.md", None),
        ("https://example.org/a.md", "keep", None),
        ("#top", "keep", None),
        ("mailto:a@b.example", "keep", None),
        ("https://[school.example/", "text", "no browser can open that address"),
        ("//school.example:80a/", "text", "no browser can open that address"),
        ("../../../etc/passwd", "text", "it leads outside the portfolio folder, and the site has nothing there"),
        ("C:\\Users\\ana\\worksheet.docx", "text", "it is a file on your computer"),
        ("file:///home/ana/worksheet.pdf", "text", "it is a file on your computer"),
        ("https://", "text", "no browser can open that address"),
        ("../forces/draft.md", "text", "lesson 'draft' is a draft; the link works once that lesson is published"),
        ("../../credentials/hidden.yml", "text", "credential 'hidden' is private; the link works once that credential is"),
        ("../../profile.yml", "text", "a portfolio file Flipfolio reads to make pages"),
        ("../../videos.lock/youtube-x.json", "text", "a portfolio file Flipfolio reads to make pages"),
        ("../../.schemas/units.schema.json", "text", "hidden files"),
        ("../../media/readme.md", "text", "Markdown file of the portfolio"),
        ("../../media/secret.pdf", "text", "it is private: student work without consent"),
        ("../../media/missing.pdf", "text", "it is not a file (no such file)"),
        ("../../media", "text", "it is not a file (a folder)"),
        ("../../media/outside.txt", "text", "it leads outside the portfolio folder"),
    ],
)
def test_gate_decides_each_link(gate, target, expected, message):
    found = gate.link("lessons/cells/a.md", target, file="portfolio/lessons/cells/a.md", line=7)
    assert page_dir_link(found) == expected
    if message is None:
        assert found.problem is None
    else:
        assert message in found.problem.message
        assert (found.problem.file, found.problem.line) == ("portfolio/lessons/cells/a.md", 7)
        outside = message == "it leads outside the portfolio folder"  # (a symbolic link out: an error)
        assert found.problem.severity == ("error" if outside else "warning")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("[B](b.md)", "[B](NEW)"),
        ("[B](b.md#try-it)", "[B](NEW)"),
        ('![Onion](onion.jpg "An onion cell")', '![Onion](NEW "An onion cell")'),
        ("[Notes](<notes v2.pdf>)", "[Notes](<N E W>)"),
        ("[![Onion](onion.jpg)](b.md)", "[![Onion](NEW)](NEW)"),
        ("[Sheet](sheet(1).pdf) and [Copy](sheet (2).pdf 'Copy') (see [B](b.md))",
         "[Sheet](NEW) and [Copy](<N E W> 'Copy') (see [B](NEW))"),
        ("[![Onion](onion.jpg)](hidden.md) [![Secret](hidden.png)](b.md)", "![Onion](NEW) [Secret](NEW)"),
        ('![My photo](my photo.jpg "Me") and [x]( b.md )', '![My photo](<N E W> "Me") and [x]( NEW )'),
        ("[Hidden](hidden.yml) stays", "Hidden stays"),
        ("![A private picture](hidden.png)", "A private picture"),
        ("See [x][ref].\n\n[ref]: hidden.yml\n", "See [x][ref].\n\n\n"),
        ("[ref]: b.md \"Title\"\n", '[ref]: NEW "Title"\n'),
        ("Text[^1].\n\n[^1]: See [B](b.md) and [Hidden](hidden.md).\n", "Text[^1].\n\n[^1]: See [B](NEW) and Hidden.\n"),
        ("```\n[B](b.md)\n```", "```\n[B](b.md)\n```"),
        ("Use `[B](b.md)` to link.", "Use `[B](b.md)` to link."),
        ("[Web](https://example.org/)", "[Web](https://example.org/)"),
        # HTML the teacher writes: <a href> and <img src> are links and pictures too
        ('<a href="b.md">B</a>', '<a href="NEW">B</a>'),
        ("<IMG class=wide SRC='onion.jpg' alt=\"An onion\">", '<img class=wide src="NEW" alt="An onion">'),
        ('<a class="x" href=hidden.yml title="t">Hidden</a>', '<a class="x" title="t">Hidden</a>'),
        ('<a href="hidden.yml">Hidden</a>', "<a>Hidden</a>"),
        ('<img src="hidden.png" alt="A &lt;b&gt; picture" />', "A &lt;b&gt; picture"),
        ('<a data-href="b.md" title="b.md">x</a>', '<a data-href="b.md" title="b.md">x</a>'),
        ('`<a href="b.md">`', '`<a href="b.md">`'),
        # notes (HTML comments) are for the teacher: a link in one is none
        ("<!-- see [B](b.md) and <img src=\"hidden.png\"> -->", "<!-- see [B](b.md) and <img src=\"hidden.png\"> -->"),
        ("`<!--` [B](b.md) `-->`", "`<!--` [B](NEW) `-->`"),
        ("<!-- `x --> [B](b.md) `", "<!-- `x --> [B](NEW) `"),
        ("```\n[B](b.md)\n", "```\n[B](NEW)\n"),  # a fence never closed is no code
    ],
)
def test_rewrite(text, expected):
    def new_target(found):
        if found.target.startswith("hidden"):
            return None
        if found.target.startswith("https:"):
            return links.KEEP
        return "NEW" if " " not in found.target else "N E W"

    assert links.rewrite(text, new_target) == expected


def test_find_gives_lines_and_kinds():
    body = "Intro\n\n![Alt](a.png)\n\nText [here](b.md).\n\n[r]: c.pdf\n"
    found = links.find(body)
    assert [(f.target, f.line, f.picture, f.definition, f.text) for f in found] == [
        ("a.png", 3, True, False, "Alt"),
        ("b.md", 5, False, False, "here"),
        ("c.pdf", 7, False, True, "r"),
    ]


# -- one conversion for every place that shows a text (links.marked, links.filled) --------------

def convert_once(text: str, new_target, mark=lambda found: True) -> str:
    """`text` marked, converted by Python-Markdown, then filled with `new_target`."""
    import markdown

    body, found = links.marked(text, mark)
    assert not any(f.target in body for f in found)  # what a place refuses is not in the converted text
    return links.filled(markdown.markdown(body, extensions=["attr_list"]), found, new_target)


def targets(found):
    """A new address per target, as a page would give: refused ones are plain text."""
    if found.target.startswith("hidden"):
        return None
    if found.target.startswith(("https:", "#")):
        return links.KEEP
    return {"b.md": "../b/", "onion.jpg": "../../portfolio/onion.jpg", "notes v2.pdf": "../../notes%20v2.pdf",
            "q.md": "../q/?a=1&b=2"}[found.target]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("[B](b.md)", '<p><a href="../b/">B</a></p>'),
        ("[B *now*](b.md 'Title')", '<p><a href="../b/" title="Title">B <em>now</em></a></p>'),
        ('![Onion](onion.jpg "An onion cell")', '<p><img alt="Onion" src="../../portfolio/onion.jpg" title="An onion cell" /></p>'),
        ("[Notes](<notes v2.pdf>)", '<p><a href="../../notes%20v2.pdf">Notes</a></p>'),
        ("[Q](q.md)", '<p><a href="../q/?a=1&amp;b=2">Q</a></p>'),
        ("[Hidden *x*](hidden.yml) stays", "<p>Hidden <em>x</em> stays</p>"),
        ("![A &quot;private&quot; picture](hidden.png)", "<p>A &quot;private&quot; picture</p>"),
        ("See [x][ref] and [y][ref].\n\n[ref]: hidden.yml\n", "<p>See x and y.</p>"),
        ("See [x][ref].\n\n[ref]: b.md \"Title\"\n", '<p>See <a href="../b/" title="Title">x</a>.</p>'),
        ("[B](b.md){: .button }", '<p><a class="button" href="../b/">B</a></p>'),
        ("```\n[B](b.md)\n```", "<p><code>[B](b.md)</code></p>"),
        ("[Web](https://example.org/?a=1&b=2) [up](#top)",
         '<p><a href="https://example.org/?a=1&amp;b=2">Web</a> <a href="#top">up</a></p>'),
        ("[B](b.md) [hidden](hidden.md) [B again](b.md)",
         '<p><a href="../b/">B</a> hidden <a href="../b/">B again</a></p>'),
        ("[![Onion](onion.jpg)](b.md)", '<p><a href="../b/"><img alt="Onion" src="../../portfolio/onion.jpg" /></a></p>'),
        ("[![Secret](hidden.png)](b.md)", '<p><a href="../b/">Secret</a></p>'),
        ("[![Onion](onion.jpg)](hidden.md)", '<p><img alt="Onion" src="../../portfolio/onion.jpg" /></p>'),
        ('[<img alt="Onion" src="onion.jpg">](b.md)', '<p><a href="../b/"><img alt="Onion" src="../../portfolio/onion.jpg"></a></p>'),
        ('See <a href="b.md" class="c">B</a> and <img alt="Onion" src="onion.jpg">.',
         '<p>See <a href="../b/" class="c">B</a> and <img alt="Onion" src="../../portfolio/onion.jpg">.</p>'),
        ('<a href="hidden.md">Hidden <em>x</em></a> <img alt="Secret" src="hidden.png">', "<p>Hidden <em>x</em> Secret</p>"),
    ],
)
def test_a_text_converted_once_takes_each_places_targets(text, expected):
    assert convert_once(text, targets) == expected


def test_a_placeholder_says_nothing_of_its_target():
    body, found = links.marked("[Hidden](hidden/secret-draft.md) and ![x](https://evil.example/p.png)",
                               lambda found: True)
    assert "secret" not in body and "evil" not in body
    assert body == "[Hidden](flipfolio-link:0) and ![x](flipfolio-link:1)"
    assert [f.target for f in found] == ["hidden/secret-draft.md", "https://evil.example/p.png"]


def test_links_not_marked_stay_as_written():
    body, found = links.marked("[Web](https://example.org/) and [B](b.md)", lambda f: not f.target.startswith("https"))
    assert body == "[Web](https://example.org/) and [B](flipfolio-link:0)" and [f.target for f in found] == ["b.md"]


def test_the_same_conversion_fills_a_page_and_a_pack_differently():
    import markdown

    body, found = links.marked("[B](b.md) and ![Far](https://example.org/a.png)", lambda found: True)
    html = markdown.markdown(body)
    page = links.filled(html, found, lambda f: "../b/" if f.target == "b.md" else links.KEEP)
    pack = links.filled(html, found, lambda f: "b.html" if f.target == "b.md" else None)
    assert page == '<p><a href="../b/">B</a> and <img alt="Far" src="https://example.org/a.png" /></p>'
    assert pack == '<p><a href="b.html">B</a> and Far</p>'


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Before.\n\n<!-- ask Maria's parents first -->\n\nAfter.", "Before.\n\n\nAfter."),
        ("One\n<!-- a note\nover lines -->\nTwo", "One\nTwo"),
        ("Watch <!-- not yet: [draft](draft.md) --> this.", "Watch  this."),
        ("```\n<!-- shown -->\n```", "```\n<!-- shown -->\n```"),
        ("Use `<!--` to open a note.", "Use `<!--` to open a note."),
        ("Text <!-- never closed\n\nmore", "Text "),
    ],
)
def test_notes_are_left_out(text, expected):
    from flipfolio.core import mdscan

    assert mdscan.without_notes(text) == expected


def test_a_note_never_closed_is_found_at_its_line():
    from flipfolio.core import mdscan

    assert mdscan.unclosed_note("a\n\nb <!-- x -->\n<!-- y\nz") == 4
    assert mdscan.unclosed_note("a <!-- x -->\n```\n<!--\n```\n") is None


@pytest.mark.parametrize(
    "target,hint",
    [
        ("../forces/b", "Did you mean '../forces/b.md'?"),
        ("../forces/pulleys.md", None),
        ("../../media/onoin.jpg", "Did you mean '../../media/onion.jpg'?"),
        ("../../media/note v2.pdf", "Did you mean '../../media/notes v2.pdf'?"),
        ("../../credentials/opne.yml", "Did you mean '../../credentials/open.yml'?"),
        ("../../nowhere/x.png", None),
        # a path as Windows writes it
        ("..\\..\\media\\onion.jpg", "Write '/' between folders, not '\\': '../../media/onion.jpg'"),
        # a '#' or '?' in the file's name ends the address's path
        ("../../media/lab #3.pdf", "The file's name has a '#', which ends the address: write it as "
                                   "'../../media/lab%20%233.pdf', or rename the file"),
        ("../../media/what?.pdf", "The file's name has a '?', which ends the address: write it as "
                                   "'../../media/what%3F.pdf', or rename the file"),
    ],
)
def test_a_link_to_a_missing_file_offers_the_nearest_name(gate, target, hint):
    found = gate.link("lessons/cells/a.md", target, file="portfolio/lessons/cells/a.md", line=3)
    assert found.kind == "text" and "no such file" in found.problem.message
    assert found.problem.hint == hint


SCRIPT = "<script>track()</script>"


@pytest.mark.parametrize(
    "text",
    [
        f"```\n{SCRIPT}\n",  # a fence never closed
        f"```\n{SCRIPT}\n````",  # closed by another fence
        f"  ```\n{SCRIPT}\n  ```",  # indented: no fence
        f"``` the code\n{SCRIPT}\n```",  # words after the fence: no fence
        f"\\`{SCRIPT}\\`",  # escaped backticks
        f"<div>\n`{SCRIPT}`\n</div>",  # in an HTML block, Markdown is not read
        f"a `b\n{SCRIPT}\nc` d",  # an HTML block ends the paragraph the code began in
        f"<!-- a --> {SCRIPT} <!-- b -->",
    ],
)
def test_what_python_markdown_runs_the_checks_find(text):
    """The checks read code and notes as Python-Markdown does, or more
    strictly: never a script taken for code that the page runs."""
    import markdown

    from flipfolio.core.bodycheck import unsafe_html
    from flipfolio.core.mdscan import without_notes

    shown = without_notes(text)
    runs = [SCRIPT in markdown.markdown(shown, extensions=[fences, "md_in_html"])
            for fences in ("fenced_code", "pymdownx.superfences")]
    assert any(runs)
    assert unsafe_html(text) == [(text.count("\n", 0, text.index(SCRIPT)) + 1, "<script>")]


@pytest.mark.parametrize(
    "text",
    [f"```\n{SCRIPT}\n```", f"~~~ python\n{SCRIPT}\n~~~", f"Use `{SCRIPT}` here.", f"<!-- {SCRIPT} -->",
     f"<!-- a\n\n{SCRIPT}\n-->", f"``` {{.html}}\n{SCRIPT}\n```"],
)
def test_code_and_notes_are_shown_not_run(text):
    import markdown

    from flipfolio.core.bodycheck import unsafe_html
    from flipfolio.core.mdscan import without_notes

    for fences in ("fenced_code", "pymdownx.superfences"):
        assert SCRIPT not in markdown.markdown(without_notes(text), extensions=[fences, "md_in_html", "attr_list"])
    assert unsafe_html(text) == []


@pytest.mark.parametrize(("text", "withheld"), [
    ("See https://work.example.org/sam/essay.", "See \u2026."),
    ("See <https://work.example.org/sam/essay/#p2>", "See \u2026"),
    ("`//WORK.example.org/sam/essay` and (http://work.example.org/sam/essay)", "`\u2026` and (\u2026)"),
    ("[https://work.example.org/sam/essay](flipfolio-link:0)", "[\u2026](flipfolio-link:0)"),
    # Other addresses of the same site stay: another page. The same page with a query is the same page.
    ("https://work.example.org/sam/essay-2 and https://work.example.org/sam", None),
    ("https://work.example.org/sam/essay?v=2", "\u2026"),
    ("https://www.work.example.org:443/sam/%65ssay", "\u2026"),
    ("No address at all.", None),
])
def test_a_private_address_written_as_text_is_withheld(gate, text, withheld):
    gate.private_addresses["//work.example.org/sam/essay"] = "student work without consent"
    assert gate.withheld(text) == (text if withheld is None else withheld)
    assert bool(gate.private_in_text(text)) == (withheld is not None)


def test_an_address_as_a_links_target_is_left_to_the_link(gate):
    """`private_in_text` skips the targets given (a link's own warning says why
    it is plain text), not the same address in the link's words."""
    gate.private_addresses["//work.example.org/sam/essay"] = "student work without consent"
    text = "[https://work.example.org/sam/essay](https://work.example.org/sam/essay)"
    (found,) = links.find(text)
    assert [where for where, _, _ in gate.private_in_text(text, [found._match.span("target")])] == [1]
