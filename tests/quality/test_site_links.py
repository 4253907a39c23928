"""Links: no internal link, address or anchor in the built site leads nowhere.

MkDocs checks links between Markdown files; this checks the built HTML,
including what templates write (breadcrumbs, badge wall, evidence, media,
the 404 page) and raw HTML in Markdown, which MkDocs does not see.
"""

from __future__ import annotations

import sitecheck
from sitecheck import FIGURES


def test_no_broken_internal_link_or_anchor(example_site):
    pages = sitecheck.html_pages(example_site)
    links = sum(len(sitecheck.soup(p).find_all(["a", "link", "img", "script", "source", "track"])) for p in pages)
    broken = sitecheck.broken_links(example_site)
    FIGURES["internal links"] = f"{links} links and addresses on {len(pages)} pages, {len(broken)} broken"
    assert links > len(pages) * 10
    assert not broken, "broken links:\n" + "\n".join(broken)


def test_link_check_fails_on_broken_links_and_anchors(site_factory):
    site = site_factory({
        "docs/index.md": (
            "# Home\n\n"
            '<a href="nowhere/">a page that does not exist</a>\n\n'
            '<a href="lessons/what-is-a-cell/#no-such-part">a missing anchor</a>\n\n'
            '<a href="#welcome">a missing anchor on this page</a>\n\n'
            '<img src="pictures/missing.png" alt="A missing picture">\n\n'
            '<a href="lessons/what-is-a-cell/#ff-pre-class">this one is fine</a>\n'
        ),
    }).build()  # MkDocs itself does not check addresses in raw HTML
    broken = sitecheck.broken_links(site.out)
    assert broken == [
        'index.html: <a href="nowhere/">: no file nowhere/index.html in the site',
        'index.html: <a href="lessons/what-is-a-cell/#no-such-part">: no element with id="no-such-part" '
        "on lessons/what-is-a-cell/index.html",
        'index.html: <a href="#welcome">: no element with id="welcome" on index.html',
        'index.html: <img src="pictures/missing.png">: no file pictures/missing.png in the site',
    ]
