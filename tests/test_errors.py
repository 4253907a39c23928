"""Bad input: every problem named with file, line and field, all at once."""

from __future__ import annotations

import textwrap

import pytest
from mkdocs.exceptions import Abort

from flipfolio.core.model import load

# (case, files to write over the base portfolio, expected message lines)
CASES = [
    (
        "broken YAML",
        {"portfolio/units/cells.yml": "title: Cells\nsummary: [unclosed\norder: 1\n"},
        ["portfolio/units/cells.yml:2: this is not valid YAML: the '[' at column 10 is never closed with ']'"],
    ),
    (
        "unknown field with a near miss",
        {"portfolio/units/forces.yml": "title: Forces\nordr: 2\n"},
        ["portfolio/units/forces.yml:2: field 'ordr': unknown field; remove it or check its spelling. Did you mean 'order'?"],
    ),
    (
        "unknown field in front matter",
        {"portfolio/lessons/pushes.md": "---\ntitle: Pushes\nunit: forces\nvidoes: []\n---\nBody\n"},
        ["portfolio/lessons/pushes.md:4: field 'vidoes': unknown field; remove it or check its spelling. Did you mean 'videos'?"],
    ),
    (
        "a field named as teachers say it",
        {"portfolio/questions/cell-check.yml": "title: Q\nquestions:\n  - question: Why?\n    answer: cells\n"},
        ["portfolio/questions/cell-check.yml:3: field 'questions[0].question': unknown field; remove it or check its "
         "spelling. Did you mean 'prompt'?",
         "portfolio/questions/cell-check.yml:3: field 'questions[0].prompt': this field is required. Add it: the "
         "question."],
    ),
    (
        "an award's field outside 'award:'",
        {"portfolio/credentials/video-design.yml": "name: V\nissuer: {name: N}\ncompetency: C\nissued: 2026-01-15\n"},
        ["portfolio/credentials/video-design.yml:4: field 'issued': unknown field; remove it or check its spelling. "
         "'issued' belongs under 'award:', indented below it"],
    ),
    (
        "a field misspelt, and no follow-on problem from it",
        {"portfolio/questions/cell-check.yml": "title: Q\nquestions:\n  - prompt: Which?\n    choice:\n"
                                               "      - {text: A, correct: true}\n      - {text: B}\n",
         "portfolio/lessons/pushes.md": "---\nTitle: Pushes\nunit: forces\nDue: 2026-09-16\n---\n"},
        ["portfolio/lessons/pushes.md:2: field 'Title': unknown field; remove it or check its spelling. Did you mean "
         "'title'?",
         "portfolio/lessons/pushes.md:4: field 'Due': unknown field; remove it or check its spelling. Did you mean "
         "'due'?",
         "portfolio/questions/cell-check.yml:4: field 'questions[0].choice': unknown field; remove it or check its "
         "spelling. Did you mean 'choices'?"],
    ),
    (
        "a value made of the words of allowed ones",
        {"portfolio/questions/cell-check.yml": "title: Q\nquestions:\n  - prompt: Which?\n"
                                               "    type: multiple-choice\n    choices: [a, b]\n    answer: a\n"},
        ["portfolio/questions/cell-check.yml:4: field 'questions[0].type': expected one of 'choice', 'matching', "
         "'multiple', 'numeric', 'open', 'ordering', 'short', 'true-false', 'wsq', found 'multiple-choice'. Did you "
         "mean 'choice' or 'multiple'?"],
    ),
    (
        "wrong type",
        {"portfolio/units/forces.yml": "title: Forces\norder: second\n"},
        ["portfolio/units/forces.yml:2: field 'order': expected a whole number, found 'second'"],
    ),
    (
        "wrong type deep in a list",
        {"portfolio/questions/cell-check.yml": "title: Q\nquestions:\n  - prompt: Why?\n    choices:\n"
                                               "      - {text: A, correct: yes please}\n      - {text: B}\n"},
        ["portfolio/questions/cell-check.yml:5: field 'questions[0].choices[0].correct': expected true or false, "
         "found 'yes please'"],
    ),
    (
        "missing required field",
        {"portfolio/units/forces.yml": "order: 2\n"},
        ["portfolio/units/forces.yml:1: field 'title': this field is required"],
    ),
    (
        "value not in the list, with a suggestion",
        {"portfolio/lessons/pushes.md": "---\ntitle: Pushes\nunit: forces\nstatus: publised\n---\n"},
        ["portfolio/lessons/pushes.md:4: field 'status': expected one of 'draft', 'published', found 'publised'. "
         "Did you mean 'published'?"],
    ),
    (
        "missing reference",
        {"portfolio/lessons/pushes.md": "---\ntitle: Pushes\nunit: force\n---\n"},
        ["portfolio/lessons/pushes.md:3: field 'unit': expected the id of a unit in units/ (cells, forces), "
         "found 'force'. Did you mean 'forces'?"],
    ),
    (
        "missing reference to a file that failed to load",
        {"portfolio/units/forces.yml": "title: Forces\nordr: 2\n",
         "portfolio/lessons/pushes.md": "---\ntitle: Pushes\nunit: force\n---\n"},
        ["portfolio/units/forces.yml:2: field 'ordr': unknown field",
         "portfolio/lessons/pushes.md:3: field 'unit': expected the id of a unit in units/ (cells, forces), "
         "found 'force'. Did you mean 'forces'? (that file has problems of its own, said for it)"],
    ),
    (
        "missing reference in a list",
        {"portfolio/stacks/flipped.yml": "name: S\ncredentials:\n  - video-design\n  - questionning\n"},
        ["portfolio/stacks/flipped.yml:4: field 'credentials[1]': expected the id of a credential in credentials/ "
         "(hidden-award, questioning, video-design), found 'questionning'. Did you mean 'questioning'?"],
    ),
    (
        "duplicate id",
        {"portfolio/lessons/more/pushes.md": "---\ntitle: Pushes again\nunit: forces\n---\n"},
        ["portfolio/lessons/pushes.md: the id 'pushes' is already used by portfolio/lessons/more/pushes.md; "
         "ids must be unique, rename one of the files"],
    ),
    (
        "duplicate key",
        {"portfolio/units/forces.yml": "title: Forces\norder: 2\ntitle: Motion\n"},
        ["portfolio/units/forces.yml:3: field 'title': the key is given twice (first on line 1); keep one"],
    ),
    (
        "file name that cannot be an id",
        {"portfolio/units/Forces Unit.yml": "title: Forces\n"},
        ["portfolio/units/Forces Unit.yml: the file name is the id used in web addresses"],
    ),
    (
        "rule across fields",
        {"portfolio/lessons/pushes.md": "---\ntitle: Pushes\nunit: forces\nassigned: 2025-09-05\ndue: 2025-09-01\n---\n"},
        ["portfolio/lessons/pushes.md:5: field 'due': 'due' (2025-09-01) is before 'assigned' (2025-09-05)"],
    ),
    (
        "expiry before award",
        {"portfolio/credentials/questioning.yml": "name: Q\nissuer: {name: N}\naward:\n  issued: 2025-05-01\n"
                                                  "  expires: 2024-05-01\ncompetency: C\n"},
        ["portfolio/credentials/questioning.yml:5: field 'award.expires': 'expires' (2024-05-01) is before 'issued' (2025-05-01)"],
    ),
    (
        "empty title",
        {"portfolio/units/forces.yml": "title: '   '\n"},
        ["portfolio/units/forces.yml:1: field 'title': expected some text, found '   '"],
    ),
    (
        "no front matter",
        {"portfolio/lessons/pushes.md": "# Pushes\n\nNo front matter here.\n"},
        ["portfolio/lessons/pushes.md:1: a lesson starts with front matter"],
    ),
    (
        "picture from the web",
        {"portfolio/profile.yml": "name: Sam\nphoto: {src: 'https://cdn.example/me.jpg', alt: Me}\n"},
        ["portfolio/profile.yml:2: field 'photo.src': expected a file in the portfolio folder such as media/picture.png, "
         "found 'https://cdn.example/me.jpg'"],
    ),
    (
        "missing media file",
        {"portfolio/credentials/questioning.yml": "name: Q\nissuer: {name: N}\ncompetency: C\n"
                                                  "image: {src: media/q.png, alt: A badge}\n"},
        ["portfolio/credentials/questioning.yml:4: field 'image.src': the badge image must be a file in the portfolio "
         "folder (paths start at the folder, e.g. media/photo.jpg), found 'media/q.png' (no such file)"],
    ),
    (
        "javascript link",
        {"portfolio/credentials/questioning.yml": "name: Q\nissuer: {name: N, url: 'javascript:alert(1)'}\n"
                                                  "competency: C\n"},
        ["portfolio/credentials/questioning.yml:2: field 'issuer.url': expected a web address starting with https://"],
    ),
    (
        "bad time",
        {"portfolio/lessons/pushes.md": "---\ntitle: P\nunit: forces\nvideos:\n  - url: https://vimeo.com/1\n"
                                        "    duration: 4 minutes\n---\n"},
        ["portfolio/lessons/pushes.md:6: field 'videos[0].duration': expected a time such as 90 (seconds), "
         "'1:30' or '1:02:03', found '4 minutes'"],
    ),
]


@pytest.mark.parametrize("case,files,expected", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_named_by_file_line_and_field(site_factory, case, files, expected):
    site = site_factory(files)
    messages = [str(p) for p in load(site.root / "portfolio").problems]
    # Each expected problem, and nothing else: no cascade of follow-up messages.
    assert len(messages) == len(expected), messages
    for line, message in zip(expected, messages):
        assert message.startswith(line), f"{line!r} is not {message!r}"


def test_a_broken_reference_to_a_broken_file_is_not_reported_twice(site_factory):
    site = site_factory({"portfolio/units/forces.yml": "title: [\n"})
    messages = [str(p) for p in load(site.root / "portfolio").problems]
    assert len(messages) == 1 and messages[0].startswith("portfolio/units/forces.yml")


def test_all_problems_of_a_build_are_reported_together_and_the_build_stops(site_factory, mkdocs_log):
    site = site_factory({
        "portfolio/units/forces.yml": "title: Forces\nordr: 2\n",
        "portfolio/lessons/pushes.md": "---\ntitle: Pushes\nunit: force\n---\n",
        "portfolio/questions/cell-check.yml": "title: Q\nquestions: []\n",
        "portfolio/stacks/flipped.yml": "name: S\ncredentials: [nope]\n",
    })
    with pytest.raises(Abort):
        site.build()
    message = mkdocs_log.text
    assert "4 problems in the portfolio:" in message
    for part in ("portfolio/units/forces.yml:2: field 'ordr'",
                 "portfolio/lessons/pushes.md:3: field 'unit'",
                 "portfolio/questions/cell-check.yml:2: field 'questions': expected at least one item",
                 "portfolio/stacks/flipped.yml:2: field 'credentials[0]'"):
        assert part in message
    assert not (site.out / "lessons").exists()


def test_warnings_are_reported_and_strict_refuses_them(site_factory, mkdocs_log):
    files = {"portfolio/lessons/pushes.md": "---\ntitle: Pushes\nunit: forces\nstatus: draft\n---\n",
             "portfolio/credentials/questioning.yml": "name: Q\nissuer: {name: N}\ncompetency: C\n"
                                                      "award:\n  evidence:\n    - {title: Draft work, lesson: pushes}\n"}
    site = site_factory(files)
    site.build(strict=False)
    assert ("portfolio/credentials/questioning.yml:6: field 'award.evidence[0].lesson': the evidence names lesson 'pushes', "
            "which is a draft") in mkdocs_log.text
    assert "Draft work" not in site.text("credentials/questioning/index.html")
    with pytest.raises(Abort, match="warnings in strict mode"):
        site_factory(files).build(strict=True)


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_hostile_text_is_escaped_everywhere(site_factory):
    quoted = HOSTILE.replace('"', '\\"')
    site = site_factory({
        "portfolio/profile.yml": f'name: "{quoted}"\nbio: "{quoted}"\n',
        "portfolio/units/cells.yml": f'title: "{quoted}"\nsummary: "{quoted}"\nstandards: ["{quoted}"]\n',
        "portfolio/lessons/what-is-a-cell.md": textwrap.dedent(f"""\
            ---
            title: "{quoted}"
            unit: cells
            summary: "{quoted}"
            objectives: ["{quoted}"]
            tags: ["{quoted}"]
            videos:
              - url: https://vimeo.com/1
                title: "{quoted}"
                duration: 60
                captions: media/cells.en.vtt
            questions: cell-check
            ---
            Body.
            """),
        "portfolio/questions/cell-check.yml": f'title: "{quoted}"\nquestions:\n  - prompt: "{quoted}"\n'
                                              f'    hint: "{quoted}"\n    choices:\n      - {{text: "{quoted}", correct: true}}\n'
                                              f'      - {{text: b, feedback: "{quoted}"}}\n',
        "portfolio/credentials/video-design.yml": f'name: "{quoted}"\nissuer: {{name: "{quoted}"}}\n'
                                                  f'competency: "{quoted}"\ndescription: "{quoted}"\n'
                                                  f'rubric: {{levels: ["{quoted}"], required: "{quoted}"}}\n'
                                                  f'award: {{issued: 2025-01-01, results: '
                                                  f'[{{criterion: "{quoted}", level: "{quoted}"}}]}}\n',
        "portfolio/stacks/flipped.yml": f'name: "{quoted}"\ndescription: "{quoted}"\ncredentials: [video-design]\n',
        "docs/index.md": "---\ntemplate: flipfolio/home.html\n---\nHello.\n",
    }).build()
    pages = ["index.html", "lessons/index.html", "lessons/what-is-a-cell/index.html", "units/cells/index.html",
             "credentials/index.html", "credentials/video-design/index.html"]
    for page in pages:
        html = site.text(page)
        assert "<script>alert" not in html, page
        assert "<img src=x" not in html, page
        assert "&lt;script&gt;alert" in html, page  # shown as text, not dropped
        soup = site.html(page)
        assert not soup.find("img", attrs={"onerror": True}), page
    title = site.html("lessons/what-is-a-cell/index.html").title.get_text()
    assert title.startswith('<script>alert("x")</script>')  # the text a reader sees, from escaped HTML
    index = site.text("search/search_index.json")
    assert "<script>alert" not in index


# (case, docs page written over the base site (text or bytes), the message the build and the check give)
DOCS_PAGES = [
    ("front matter that is not YAML", {"docs/index.md": "---\ntitle: [x\ntemplate: flipfolio/home.html\n---\nHi\n"},
     "docs/index.md:2: this is not valid YAML: the '[' at column 8 is never closed with ']'"),
    ("a page saved in another encoding", {"docs/about.md": "# \u00c0 propos\n\nCaf\u00e9\n".encode("latin-1")},
     "docs/about.md:1: the file is not UTF-8 text (column 3 of this line has the byte 0xC0); save it as UTF-8"),
    ("a template misspelt", {"docs/index.md": "---\ntemplate: flipfolio/hom.html\n---\nHi\n"},
     "docs/index.md:2: field 'template': no template has this name; a page of the site may use Flipfolio's page "
     "templates (flipfolio/home.html, flipfolio/lessons.html, flipfolio/credentials.html, flipfolio/privacy.html, "
     "flipfolio/this-week.html, flipfolio/family.html), a template of the theme, or one of its own in the theme's "
     "'custom_dir', found 'flipfolio/hom.html'. Did you mean 'flipfolio/home.html'?"),
]


@pytest.mark.parametrize("case,files,expected", DOCS_PAGES, ids=[c[0] for c in DOCS_PAGES])
def test_a_docs_page_that_cannot_be_read_stops_the_build_with_its_file_and_line(site_factory, mkdocs_log, capsys,
                                                                                 case, files, expected):
    from flipfolio.cli import main

    site = site_factory()
    for path, content in files.items():
        target = site.root / path
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    with pytest.raises(Abort):
        site.build()
    assert "1 problem in the site:\n  " + expected in mkdocs_log.text
    assert "Traceback" not in mkdocs_log.text
    assert main(["check", str(site.root)]) == 1
    assert f"error: {expected}" in capsys.readouterr().out


def test_a_home_page_without_the_profile_is_noted(site_factory, mkdocs_log):
    site = site_factory({"docs/index.md": "---\ntitle: Home\n---\nHi\n"})
    site.build()
    assert ("docs/index.md: the home page does not use Flipfolio's home page template, so the profile (profile.yml) "
            "is shown on no page; add 'template: flipfolio/home.html' to its front matter to show it") in mkdocs_log.text
