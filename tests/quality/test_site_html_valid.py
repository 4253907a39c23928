"""Valid HTML: the Nu HTML Checker (vnu, from npm's vnu-jar) over the whole built site.

No error may come from Flipfolio's templates or output. Errors that come from
Material for MkDocs' own templates are listed in MATERIAL, each with the reason,
matched by message *and* by the markup it is about (so a similar error in
Flipfolio's markup still fails); docs/quality.md lists them too.
"""

from __future__ import annotations

import re
from collections import Counter

import sitecheck
from sitecheck import FIGURES

#: (message pattern, pattern of the markup the error is about, reason)
MATERIAL = [
    (r"Attribute “autocomplete” is only allowed when the input type is",
     r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__(drawer|search)" '
     r'autocomplete="off">',
     "Material's base.html puts autocomplete=\"off\" on its two checkbox toggles (menu drawer, search) so that "
     "browsers do not restore them on back/forward; not allowed on checkboxes, harmless."),
]
# (Material's partials/toc.html also labels the table of contents for a `__toc` toggle that
# only pages in the navigation have: Flipfolio's mkdocs/templates/partials/toc.html fixes that.)


def material_reason(message: sitecheck.VnuMessage) -> str | None:
    for pattern, markup, reason in MATERIAL:
        if re.search(pattern, message.message) and re.search(markup, message.extract):
            return reason
    return None


def split(messages):
    ours = [m for m in messages if material_reason(m) is None]
    theirs = Counter(material_reason(m) for m in messages if material_reason(m) is not None)
    return ours, theirs


def test_the_whole_site_is_valid_html(example_site, java):
    pages = sitecheck.html_pages(example_site)
    messages = sitecheck.vnu(java, [example_site], example_site)
    ours, theirs = split(messages)
    FIGURES["Nu HTML Checker"] = (
        f"{len(pages)} pages, {len(ours)} errors from Flipfolio, {sum(theirs.values())} from Material's own "
        f"templates ({len(theirs)} kinds, listed in docs/quality.md)"
    )
    assert len(pages) >= 10
    assert not ours, "invalid HTML:\n" + "\n".join(map(str, ours[:40]))


def test_the_table_of_contents_is_labelled_for_its_toggle_only_where_there_is_one(example_site):
    """Flipfolio's mkdocs/templates/partials/toc.html: pages outside the navigation (lessons)
    have no `__toc` toggle, so no label for it; pages in it keep theirs (the phone menu's way back)."""
    with_toggle = without = 0
    for page in sitecheck.html_pages(example_site):
        doc = sitecheck.soup(page)
        labels = doc.select('label[for="__toc"]')
        if doc.select_one("#__toc") is not None:
            with_toggle += 1
            assert labels or not doc.select(".md-nav--secondary .md-nav__list"), page
        else:
            without += 1
            assert not labels, f"{page}: a label for a toggle the page does not have"
    assert with_toggle and without


def test_vnu_fails_on_a_template_with_invalid_nesting(site_factory, java):
    site = site_factory({
        "mkdocs.yml": "site_name: T\ntheme: {name: material, font: false, custom_dir: overrides}\n"
                      "plugins: [flipfolio]\n",
        # (a content template: Flipfolio renders it, the theme's page places it)
        "overrides/flipfolio/unit.html": "<h1>{{ item.title | e }}</h1>"
                                         "<ul><div>Lessons</div></ul><p><div>A block in a paragraph</div></p>",
    }).build()
    ours, _ = split(sitecheck.vnu(java, [site.out], site.out))
    errors = {(m.file, m.message) for m in ours}
    assert ("units/cells/index.html", "Element “div” not allowed as child of element “ul” in this context. "
            "(Suppressing further errors from this subtree.)") in errors, errors
    assert any(f == "units/cells/index.html" and "“p” end tag" in m for f, m in errors), errors
    assert not any(f.startswith("lessons/") for f, _ in errors)  # the other templates are fine
