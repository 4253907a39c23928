"""Build-time content checks axe cannot make (flipfolio/audit.py): images
without alt text, videos without captions, links with no text, skipped
heading levels. Each is a warning naming the page's source file, the line
where the element was written and the element, so `mkdocs build --strict`
fails."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import Abort

from flipfolio.core.audit import audit

PAGE = ('<html><body><header><img src="logo.png"><a href="/"></a></header>'
        '<article class="md-content__inner">{}</article></body></html>')


def rules(body: str) -> list[tuple[str, str]]:
    return [(f.rule, f.element) for f in audit(PAGE.format(body), scope_class="md-content__inner")]


@pytest.mark.parametrize("body, found", [
    # images
    ('<h1>T</h1><p><img src="a.png" alt="A cell under the microscope"></p>', []),
    ('<h1>T</h1><p><img src="a.png"></p>', [("image-alt", '<img src="a.png">')]),
    ('<h1>T</h1><p><img src="a.png" alt=" "></p>', [("image-alt", '<img src="a.png" alt=" ">')]),
    ('<h1>T</h1><img src="a.png" alt="" role="presentation"><img src="b.png" alt="" role="none">', []),
    ('<h1>T</h1><div aria-hidden="true"><img src="a.png"></div>', []),
    ('<h1>T</h1><button type="button"><img src="t.png" alt="">Play “Cells”</button>', []),  # the button is named
    # videos
    ('<h1>T</h1><video controls><source src="v.mp4"><track kind="captions" src="v.vtt"></video>', []),
    ('<h1>T</h1><video controls><track kind="subtitles" src="v.vtt" srclang="es"></video>', []),
    ('<h1>T</h1><video controls><source src="v.mp4"></video>', [("video-captions", "<video controls>")]),
    ('<h1>T</h1><video controls><track kind="chapters" src="c.vtt"></video>', [("video-captions", "<video controls>")]),
    ('<h1>T</h1><video controls data-ff-no-captions="no speech"></video>', []),
    # links and buttons
    ('<h1>T</h1><a href="x/">Lessons</a><a href="y/" aria-label="Home"></a><a href="z/" title="Top"></a>', []),
    ('<h1>T</h1><a href="x/"><img src="i.png" alt="Badge wall"></a><a id="anchor"></a>', []),
    ('<h1>T</h1><a href="x/"> </a>', [("link-name", '<a href="x/">')]),
    ('<h1>T</h1><a href="x/"><img src="i.png" alt=""></a>', [("link-name", '<a href="x/">')]),
    ('<h1>T</h1><button type="button"><svg><path d="M0"/></svg></button>', [("link-name", '<button type="button">')]),
    ('<h1>T</h1><a href="x/"><span aria-hidden="true">→</span></a>', [("link-name", '<a href="x/">')]),
    # headings
    ("<h1>T</h1><h2>A</h2><h3>B</h3><h2>C</h2><h3>D</h3><h4>E</h4><h2>F</h2>", []),
    ("<h1>T</h1><h3>B</h3>", [("heading-order", "<h3>")]),
    ("<h2>A</h2>", [("heading-order", "<h2>")]),
    ("<h1>T</h1><h2>A</h2><h4>B</h4>", [("heading-order", "<h4>")]),
])
def test_audit_rules(body, found):
    assert rules(body) == found


def test_only_the_content_is_checked_when_a_scope_is_given():
    page = PAGE.format("<h1>T</h1>")
    assert [f.rule for f in audit(page)] == ["image-alt", "link-name"]  # the header's, without a scope
    assert audit(page, scope_class="md-content__inner") == []


def test_findings_name_the_element_and_line():
    (finding,) = audit('<h1>T</h1>\n<p>\n<img src="cell.png" alt="">\n</p>')
    assert finding.line == 3
    assert str(finding) == ('image has an empty alt text; say what it shows in its alt text (or mark a purely '
                            'decorative image with role="presentation"): <img src="cell.png" alt="">')


def test_strict_build_fails_naming_the_source_file_and_element(site_factory, mkdocs_log):
    site = site_factory({
        "docs/index.md": "# Home\n\n![](cell.png)\n\n[](https://example.org/)\n\n"
                         '<video controls src="clip.mp4"></video>\n',
        "docs/cell.png": "not really a picture",
        "portfolio/lessons/pushes.md": "---\ntitle: Pushes and pulls\nunit: forces\n---\n\nForces.\n\n#### Too deep\n",
    })
    with pytest.raises(Abort, match="warnings in strict mode"):
        site.build()
    log = mkdocs_log.text
    assert 'docs/index.md:3: image has an empty alt text' in log and '<img alt="" src="cell.png">' in log
    assert 'docs/index.md:5: link has no text' in log and '<a href="https://example.org/">' in log
    assert 'docs/index.md:7: video has no captions track' in log and '<video controls src="clip.mp4">' in log
    assert "portfolio/lessons/pushes.md:8: heading level skipped: an <h4> is right after an <h1>" in log
    assert "built page" not in log


def test_the_generated_pages_pass_the_checks(site_factory):
    site = site_factory({
        "portfolio/lessons/cell-parts.md": """\
            ---
            title: Parts of a cell
            unit: cells
            videos:
              - url: media/silent-clip.mp4
                title: A silent time-lapse
                duration: 20
                no_captions_reason: no speech, only music
            ---

            ## Before class

            Watch the time-lapse.
            """,
        "portfolio/media/silent-clip.mp4": "not really a video",
    }).build()  # strict: any warning would stop it
    assert 'data-ff-no-captions="no speech, only music"' in site.text("lessons/cell-parts/index.html")
