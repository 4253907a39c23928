"""Where messages point: page checks name the source file and line, unsafe
HTML in lesson text is named with its line, address options that clash are
refused with the options."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from markupsafe import Markup, escape
from mkdocs.exceptions import Abort

from flipfolio.core.audit import audit
from flipfolio.core.bodycheck import (
    added_part_field,
    body_problems,
    lesson_finding_problems,
    mask_code,
    page_finding_problems,
    source_lines,
    unsafe_html,
)
from flipfolio.mkdocs.config import address_clashes

# -- unsafe HTML in lesson text ------------------------------------------------

UNSAFE = [
    # (body, findings as (line, what) with the body starting on line 1)
    ("Plain text with <em>emphasis</em> and [a link](https://example.org/).\n", []),
    ("<script>alert(1)</script>\n", [(1, "<script>")]),
    ("Intro\n\n<SCRIPT src='x.js'></SCRIPT>\n", [(3, "<script>")]),
    ('<iframe src="https://example.org/"></iframe>\n', [(1, "<iframe>")]),
    ('<object data="x.swf"></object> and <embed src="y.swf">\n', [(1, "<object>"), (1, "<embed>")]),
    ('<img src="x.png" onerror="alert(1)">\n', [(1, "onerror= on <img>")]),
    ("<a href='#' ONCLICK=go()>go</a>\n", [(1, "onclick= on <a>")]),
    ('<p\n  onmouseover="x()">text</p>\n', [(1, "onmouseover= on <p>")]),
    ("[click](javascript:alert(1))\n", [(1, "javascript:")]),
    ("![x](JavaScript:alert(1))\n", [(1, "javascript:")]),
    ("[x](<javascript:alert(1)>)\n", [(1, "javascript:")]),
    ("[x][ref]\n\n[ref]: vbscript:msgbox(1)\n", [(3, "vbscript:")]),
    ("[x](data:text/html;base64,PHNjcmlwdD4=)\n", [(1, "data:text/html")]),
    ("![x](data:image/png;base64,iVBORw0KGgo=)\n", []),  # a picture in the page: fine
    ('<a href=" java&#x09;script:alert(1)">x</a>\n', [(1, "javascript:")]),  # as a browser reads it
    ("<a href='&#106;avascript:x'>x</a>\n", [(1, "javascript:")]),
    ('<a href="https://example.org/" onclick="x()">x</a> [y](javascript:y)\n',
     [(1, "onclick= on <a>"), (1, "javascript:")]),
    # what changes the whole page, or loads another site as it opens, pasted with a widget
    ('<link rel="stylesheet" href="https://widgets.example/w.css">\n', [(1, "<link>")]),
    ("<style>@import url(https://fonts.example/f.css);</style>\n", [(1, "<style>")]),
    ('<meta http-equiv="refresh" content="0; url=https://elsewhere.example/">\n', [(1, "<meta>")]),
    ('<span style="background: url(&quot;https://bg.example/p.png&quot;)">x</span>\n',
     [(1, "style= address on <span>")]),
    ("<div style='background:url(//bg.example/p.png)'>x</div>\n", [(1, "style= address on <div>")]),
    ('<span style="color: red">red</span> <div style="background: url(paper.png)">x</div>\n', []),
    ('<img src="a.png" srcset="https://set.example/a@2x.png 2x" alt="A">\n', [(1, "srcset= address on <img>")]),
    ('<img src="a.png" srcset="a@2x.png 2x" alt="A">\n', []),
    ('<table background="//bg.example/t.png"><tr><td>x</td></tr></table>\n', [(1, "background= address on <table>")]),
    ('<svg><image href="https://svg.example/i.png"/><use xlink:href="#local"/></svg>\n',
     [(1, "href= address on <image>")]),
    # a player's file or captions from another site: the browser asks that site as the page opens
    ('<video controls src="https://videos.example/v.mp4"></video>\n', [(1, "src= address on <video>")]),
    ('<audio controls>\n<source src="//audio.example/a.mp3" type="audio/mpeg">\n</audio>\n',
     [(2, "src= address on <source>")]),
    ('<video src="v.mp4"><track src="https://subs.example/v.vtt" kind="captions"></video>\n',
     [(1, "src= address on <track>")]),
    ('<video src="../../media/v.mp4"><track src="v.vtt" kind="captions"></video>\n', []),
    # ... unless the player loads nothing until it is played
    ('<video controls preload="none" src="https://videos.example/v.mp4">\n<track src="https://subs.example/v.vtt">'
     '</video>\n', []),
    ('<video preload=none autoplay src="https://videos.example/v.mp4"></video>\n', [(1, "src= address on <video>")]),
    ('<audio preload="none"></audio><audio><source src="//audio.example/a.mp3"></audio>\n',
     [(1, "src= address on <source>")]),
    ('<a href="https://example.org/">a page elsewhere</a>\n', []),  # followed only when clicked
    # code and comments are text, not HTML
    ("`<script>alert(1)</script>` is how not to do it\n", []),
    ("``a ` <script>`` is code too\n", []),
    ("```html\n<script>alert(1)</script>\n<img src=x onerror=y>\n```\n\n<script>real()</script>\n", [(6, "<script>")]),
    ("~~~~\n<iframe src=x>\n~~~\n~~~~\n<embed src=y>\n", [(5, "<embed>")]),
    ("<!-- <script>alert(1)</script> -->\n", []),
    # words that only look like it
    ("A `onclick` handler, the word onload= in text and a < b > c.\n", []),
    ("Say javascript: in a sentence, not in a link.\n", []),
    ("<abbr title='onclick=x'>x</abbr>\n", []),  # inside a value, not an attribute
]


@pytest.mark.parametrize("body, expected", UNSAFE)
def test_unsafe_html_in_lesson_text(body, expected):
    assert unsafe_html(body, 1) == expected


def test_the_converted_html_knows_which_players_wait_to_be_played():
    from flipfolio.core.bodycheck import unsafe_in_html

    waits = '<video preload="none" src="https://a.example/v.mp4"><track src="https://s.example/t.vtt"></video>'
    assert unsafe_in_html(waits) == []
    assert unsafe_in_html(waits + '<p>x</p><audio src="https://b.example/a.mp3"></audio>') == ["src= address on <audio>"]


def test_unsafe_html_counts_lines_from_where_the_body_starts():
    assert unsafe_html("Intro\n\n<script>x()</script>\n", 7) == [(9, "<script>")]


def test_code_is_blanked_and_lines_stay():
    text = "a `code` b\n```\n<x>\n```\nc"
    masked = mask_code(text)
    assert masked.count("\n") == text.count("\n") and len(masked) == len(text)
    assert "code" not in masked and "<x>" not in masked and masked.startswith("a ") and masked.endswith("c")


@pytest.mark.parametrize("body, message", [
    ("x\n<script>go()</script>\n",
     "portfolio/lessons/x.md:13: the lesson text has a <script> element; scripts in lesson text run in every "
     "visitor's browser: remove it (Flipfolio adds what its pages need)"),
    ('x\n<iframe src="https://example.org/"></iframe>\n',
     "portfolio/lessons/x.md:13: the lesson text has an <iframe> element; it loads another site in every "
     "visitor's browser as soon as the page opens: remove it, put a video in the lesson's 'videos:' field "
     "(it loads only when played) or link to the page instead"),
    ("x\n<embed src=y.swf>\n",
     "portfolio/lessons/x.md:13: the lesson text has an <embed> element; it loads another site in every "
     "visitor's browser as soon as the page opens: remove it, put a video in the lesson's 'videos:' field "
     "(it loads only when played) or link to the page instead"),
    ('x\n<img src="a.png" alt="A" onerror="go()">\n',
     "portfolio/lessons/x.md:13: the lesson text has an 'onerror' attribute on an <img> tag; it runs a script "
     "in every visitor's browser: remove the attribute"),
    ('x\n<link rel="stylesheet" href="https://widgets.example/w.css">\n',
     "portfolio/lessons/x.md:13: the lesson text has a <link> element; it changes the whole page, and can make "
     "every visitor's browser load another site as soon as the page opens: remove it"),
    ('x\n<p style="background: url(https://bg.example/p.png)">x</p>\n',
     "portfolio/lessons/x.md:13: the lesson text has a 'style' attribute on a <p> tag that loads another site in "
     "every visitor's browser as soon as the page opens: remove it, or show a file of the portfolio instead"),
    ("x\n[next](javascript:go())\n",
     "portfolio/lessons/x.md:13: the lesson text has a 'javascript:' address; it runs code when a visitor "
     "follows it: link to a page or a file instead"),
])
def test_body_problems_are_errors_naming_the_lesson_file_and_line(body, message):
    lesson = SimpleNamespace(file="portfolio/lessons/x.md", body=body, body_line=12)
    (problem,) = body_problems(lesson)
    assert problem.severity == "error"
    assert str(problem) == message


# -- where a page check's finding was written ---------------------------------------

LOCATE = [
    # (the built page's HTML, the Markdown it was made from, the lines expected)
    ('<h1>T</h1><p><img alt="" src="../../portfolio/media/onion.png"></p>',
     "Intro\n\n![](../media/onion.png)\n", [3]),
    ('<h1>T</h1><img src="../../portfolio/media/a.png"><img alt=" " src="../../portfolio/media/a.png">',
     "![](../media/a.png)\n\n```\n![](../media/a.png)\n```\n\n![ ](../media/a.png)\n", [1, 7]),
    ('<h1>T</h1><img alt="" src="../../portfolio/media/b.png">',
     "![A cell](../media/a.png)\n![](../media/b.png)\n", [2]),
    # The same picture twice, with words and without: the one without them is named.
    ('<h1>T</h1><p><img alt="Onion cells" src="../../portfolio/media/onion.png"></p>'
     '<p><img alt="" src="../../portfolio/media/onion.png"></p>',
     "![Onion cells](../media/onion.png)\n\nAgain:\n\n![](../media/onion.png)\n", [5]),
    ('<h1>T</h1><img src="x.png">', '<p>\n<img src="x.png">\n</p>\n', [2]),
    ('<h1>T</h1><a href="../pushes/#top"></a>', "See\n[](../pushes.md#top)\n", [2]),
    ('<h1>T</h1><a href="https://example.org/a?b=1&amp;c=2"></a>', "x\n\n[](https://example.org/a?b=1&c=2)\n", [3]),
    ('<h1>T</h1><a href="other/"></a>', "[](other.md)\n", [1]),
    # The same address twice, with words and without: the link without them is named.
    ('<h1>T</h1><p><a href="https://example.org/">Example</a></p><p><a href="https://example.org/"></a></p>',
     "See [Example](https://example.org/).\n\nLine A.\n\n[](https://example.org/)\n", [5]),
    ('<h1>T</h1><a href="../x/"><img alt="" src="../b.png"></a>', "text\n[![](b.png)](x.md)\n", [2]),
    ("<h1>T</h1><h4>Too <em>deep</em></h4>", "Text\n\n#### Too *deep* {#deep}\n", [3]),
    ("<h1>T</h1><h3>Same</h3><h2>A</h2><h4>Same</h4>", "### Same\n\n## A\n\n#### Same\n", [1, 5]),
    ("<h1>T</h1><h3>Setext?</h3>", "### Setext?\n", [1]),
    ("<h2>Sub</h2>", "Sub\n---\n", [1]),
    ('<h1>T</h1><video controls src="clip.mp4"></video>', "Text\n\n<video controls src=\"clip.mp4\"></video>\n", [3]),
    ('<h1>T</h1><button type="button"></button>', "a\nb\n<button type=\"button\"></button>\n", [3]),
    ('<h1>T</h1><img alt="" src="made-by-a-template.png">', "Nothing about it here.\n", [None]),
]


@pytest.mark.parametrize("page, markdown, lines", LOCATE)
def test_a_finding_is_found_where_it_was_written(page, markdown, lines):
    findings = audit(page)
    assert len(findings) == len(lines)
    assert source_lines(findings, markdown) == lines


def test_lines_count_from_where_the_markdown_starts():
    (finding,) = audit('<h1>T</h1><img alt="" src="a.png">')
    assert source_lines([finding], "x\n![](a.png)\n", first_line=20) == [21]


def test_findings_say_nothing_of_the_built_page():
    (finding,) = audit('<h1>T</h1>\n<p>\n<img src="cell.png" alt="">\n</p>')
    assert finding.line == 3
    assert "built page" not in str(finding)
    assert str(finding).endswith(': <img src="cell.png" alt="">')


PRE_CLASS = ('<h1>T</h1><section class="ff-pre-class"><h2>Before class</h2>'
             '<div class="ff-video" id="ff-video-2"><button type="button"><img src="t.jpg"></button>'
             '<video controls></video></div>'
             '<div class="ff-questions"><a href="#x"></a></div><h4>Deep</h4></section>')


def test_the_part_flipfolio_adds_is_named_by_its_field():
    button, video, link, heading = audit(PRE_CLASS)
    assert [added_part_field(f) for f in (button, video, link, heading)] == ["videos[1]", "videos[1]", "questions", ""]
    assert added_part_field(audit('<h1>T</h1><img src="a.png">')[0]) is None
    lines = {("videos", 1): 9, ("questions",): 14}
    lesson = SimpleNamespace(file="portfolio/lessons/x.md", body="#### Deep\n", body_line=20,
                             line_of=lambda *path: lines.get(path))
    # (the video without captions is said by the loader, with its fields)
    assert [str(p) for p in lesson_finding_problems([button, video, link, heading], lesson)] == [
        "portfolio/lessons/x.md:9: field 'videos[1]': in the part Flipfolio adds (videos, questions), button has "
        'no text; give it words, an image with alt text or an aria-label: <button type="button">',
        "portfolio/lessons/x.md:14: field 'questions': in the part Flipfolio adds (videos, questions), link has "
        'no text; give it words, an image with alt text or an aria-label: <a href="#x">',
        "portfolio/lessons/x.md: in the part Flipfolio adds (videos, questions), heading level skipped: an <h4> "
        "is right after an <h2>: <h4>",
    ]


def test_a_video_of_the_in_class_block_is_named_by_its_field_too():
    (button,) = audit('<h1>T</h1><h2>In class</h2><section class="ff-in-class"><h3>Watch in class</h3>'
                      '<div class="ff-video" id="ff-video-3"><button type="button"></button></div></section>')
    assert added_part_field(button) == "videos[2]"


def test_other_pages_name_their_file_and_a_line_only_when_known():
    findings = audit('<h1>T</h1><img alt="" src="a.png">')
    assert [str(p) for p in page_finding_problems(findings, "docs/about.md", "# About\n\n![](a.png)\n")] == [
        "docs/about.md:3: image has an empty alt text; say what it shows in its alt text (or mark a purely "
        'decorative image with role="presentation"): <img alt="" src="a.png">']
    (problem,) = page_finding_problems(findings, "portfolio/credentials/c.yml")
    assert problem.line is None and problem.severity == "warning"
    assert str(problem).startswith("portfolio/credentials/c.yml: image has an empty alt text")


def test_build_warnings_name_the_lesson_file_and_source_line(site_factory, mkdocs_log):
    site = site_factory({
        "portfolio/lessons/pushes.md": """\
            ---
            title: Pushes and pulls
            unit: forces
            videos:
              - url: media/clip.mp4
                title: A clip
                duration: 20
            ---

            Forces everywhere.

            ![](../media/push.png)

            #### Too deep

            ```md
            ![](../media/push.png)
            ```

            ![ ](../media/push.png)

            [](https://example.org/forces)
            """,
        "portfolio/media/push.png": "not really a picture",
        "portfolio/media/clip.mp4": "not really a video",
        "docs/about.md": "---\ntitle: About\n---\n\n# About\n\n![](me.png)\n",
        "docs/me.png": "not really a picture",
    })
    with pytest.raises(Abort):
        site.build()
    log = mkdocs_log.text
    assert "built page" not in log
    for expected in [
        "portfolio/lessons/pushes.md:12: image has an empty alt text",
        "portfolio/lessons/pushes.md:14: heading level skipped: an <h4> is right after an <h1>",
        "portfolio/lessons/pushes.md:20: image has an empty alt text",
        "portfolio/lessons/pushes.md:22: link has no text",
        "portfolio/lessons/pushes.md:5: field 'videos[0]': ",  # no captions: said once, by the loader
        "docs/about.md:7: image has an empty alt text",
    ]:
        assert expected in log, expected
    assert "video has no captions track" not in log


def test_the_example_lessons_have_no_unsafe_html():
    # Real lesson text (code, links, pictures, HTML) gives no false alarm.
    from flipfolio.core.model import load

    lessons = load(Path(__file__).resolve().parent.parent / "portfolio").lessons.values()
    assert len(lessons) >= 10
    assert [str(p) for lesson in lessons for p in body_problems(lesson)] == []


# -- address options ------------------------------------------------------------

CLASHES = [
    ({"lessons_url": "lessons", "units_url": "units", "credentials_url": "credentials"}, []),
    ({"lessons_url": "science/lessons", "units_url": "science/units", "credentials_url": "badges"}, []),
    ({"lessons_url": "lessons", "units_url": "lessons-units", "credentials_url": "c"}, []),
    ({"lessons_url": "work", "units_url": "units", "credentials_url": "work"},
     [("credentials_url", "'lessons_url', 'units_url' and 'credentials_url' must differ, "
                          "found 'work', 'units', 'work'")]),
    ({"lessons_url": "x", "units_url": "x", "credentials_url": "x"},
     [("units_url", "'lessons_url', 'units_url' and 'credentials_url' must differ, found 'x', 'x', 'x'")]),
    ({"lessons_url": "work", "units_url": "units", "credentials_url": "work/badges"},
     [("credentials_url", "'lessons_url' is 'work' and 'credentials_url' is 'work/badges': one may not lie "
                          "inside the other (a lesson called 'badges' would have the address of the badge "
                          "wall); choose addresses side by side, e.g. 'lessons_url: work/lessons'")]),
    ({"lessons_url": "a/lessons", "units_url": "a", "credentials_url": "c"},
     [("units_url", "'units_url' is 'a' and 'lessons_url' is 'a/lessons': one may not lie inside the other "
                    "(a unit called 'lessons' would have the address of the lessons index); choose addresses "
                    "side by side, e.g. 'units_url: a/units'")]),
    ({"lessons_url": "privacy", "units_url": "units", "credentials_url": "credentials"},
     [("lessons_url", "'privacy' is the privacy page's address; choose another address, e.g. 'my-privacy'")]),
]


@pytest.mark.parametrize("addresses, clashes", CLASHES)
def test_address_prefixes_that_clash(addresses, clashes):
    assert address_clashes(addresses) == clashes


@pytest.mark.parametrize("options, message", [
    ("      lessons_url: work\n      credentials_url: work\n",
     "Plugin 'flipfolio' option 'credentials_url': 'lessons_url', 'units_url' and 'credentials_url' must differ, "
     "found 'work', 'units', 'work'"),
    ("      lessons_url: work\n      credentials_url: work/badges\n",
     "Plugin 'flipfolio' option 'credentials_url': 'lessons_url' is 'work' and 'credentials_url' is 'work/badges': "
     "one may not lie inside the other"),
])
def test_the_build_refuses_addresses_that_clash(site_factory, mkdocs_log, options, message):
    site = site_factory({"mkdocs.yml": "site_name: T\ntheme: material\nplugins:\n  - flipfolio:\n" + options})
    with pytest.raises(Abort):
        site.build()
    assert message in mkdocs_log.text


@pytest.mark.parametrize("message, values", [
    ("Hello {name}", {"name": "<b>Sam</b>"}),
    ("{count} lessons {{braces}} & more", {"count": 5}),
    ("See {link}.", {"link": Markup('<a href="x">here</a>')}),
    ("{n:,} lessons", {"n": 1000}),  # a format spec: Markup.format's way
    ("café {title} & co", {"title": "R&D <script>"}),
])
def test_a_message_with_values_is_the_same_html_whichever_way_it_is_formatted(message, values):
    from flipfolio.core.messages import load

    messages = load("en")
    messages.message = lambda key, count=None: message  # the catalogue's words for the key
    assert messages.t("any.key", **values) == Markup(escape(message)).format(**values)
