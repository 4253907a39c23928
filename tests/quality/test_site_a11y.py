"""Accessibility: axe-core's WCAG 2.0/2.1 A and AA rules in headless Chromium.

Page types are found in the built site (see `sitecheck.signature`), not
listed here: a feature that adds a template adds a type. Each type's
representative is checked in light and dark colour schemes at desktop and
phone widths and in a narrow window (light), plus the 404 page and search
results; in the light desktop run every page of the site is checked.
"""

from __future__ import annotations

import os
import re
from collections import Counter

import pytest
import sitecheck
from sitecheck import FIGURES

#: Every scheme at every width, but the narrow window in light mode only: it has the
#: phone's layout and colours (Material's breakpoints go by width), with a mouse
#: instead of a touch screen, which axe's rules do not see apart from the layout.
COMBOS = [(scheme, width) for scheme in sitecheck.SCHEMES for width in sitecheck.WIDTHS
          if (scheme, width) != ("dark", "narrow")]

#: Violations caused by Material for MkDocs itself that CSS or an override cannot
#: fix: (rule id, CSS selector excluded from the check, reason). Documented in
#: docs/quality.md. Empty: every failure seen so far is fixed in flipfolio.css
#: or overrides/.
MATERIAL_EXCLUSIONS: list[tuple[str, str, str]] = []


def material_scheme(config) -> dict[str, str]:
    """The `data-md-color-scheme` Material should pick per colour scheme preference."""
    data = sitecheck.read_config(config)
    palette = (data.get("theme") or {}).get("palette") or []
    expected = {}
    for entry in palette if isinstance(palette, list) else [palette]:
        media = entry.get("media") or ""
        scheme = entry.get("scheme", "default")
        if "dark" in media:
            expected["dark"] = scheme
        elif "light" in media:
            expected["light"] = scheme
    return expected


def search_word(site) -> str:
    """A word of the site's biggest page type's first heading: search finds it."""
    types = [t for t in sitecheck.page_types(site) if t.signature != ("(no content)",)]  # (class pages: not searched)
    biggest = max(types, key=lambda t: len(t.pages))
    page = sitecheck.page_file(site, biggest.representative)
    heading = sitecheck.soup(page).select_one("article h1").get_text(" ", strip=True)
    words = [w for w in re.findall(r"[A-Za-z]+", heading) if len(w) >= 4] or ["lesson"]
    return words[0].lower()


def check_site(page, base: str, types, axe_source: str, *, every_page: bool,
               expected_scheme: str | None, query: str | None) -> tuple[list[sitecheck.AxeResult], list[str]]:
    """axe on each page type's representative (or every page), the 404 page and search results."""
    exclude = [selector for _, selector, _ in MATERIAL_EXCLUSIONS]
    targets = []
    for page_type in types:
        for address in (page_type.pages if every_page else [page_type.representative]):
            targets.append((page_type.name, address))
    results, problems = [], []
    for name, address in targets:
        page.goto(base + address)
        sitecheck.wait_until_settled(page)
        # (Theme pages only: a lesson's class page is a standalone file with a stylesheet of
        # its own, which follows the reader's preference itself; its axe runs cover both. The
        # print views, standalone too, are black on white in either.)
        if expected_scheme and page.locator("body.ff-class, body.ff-print").count() == 0:
            found = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            if found != expected_scheme:
                problems.append(f"{address}: colour scheme is {found!r}, expected {expected_scheme!r}")
        results.append(sitecheck.run_axe(page, axe_source, f"{name} ({address or 'home'})", exclude))

    response = page.goto(base + "no-such-page/")
    sitecheck.wait_until_settled(page)
    if response.status != 404:
        problems.append(f"a missing page answered {response.status}, not 404")
    results.append(sitecheck.run_axe(page, axe_source, "404 page", exclude))

    if query:
        page.goto(base)
        sitecheck.wait_until_settled(page)
        sitecheck.search(page, query)
        count = page.locator(".md-search-result__item").count()
        if not count:
            problems.append(f"searching for {query!r} found nothing")
        results.append(sitecheck.run_axe(page, axe_source, f"search results for {query!r}", exclude))
    return results, problems


@pytest.mark.parametrize("scheme,width", COMBOS, ids=[f"{s}-{w}" for s, w in COMBOS])
def test_axe_finds_no_wcag_aa_violation(scheme, width, example_site, example_url, example_types, example_config,
                                        new_page, axe_source):
    page = new_page(scheme, width)
    every_page = (scheme, width) == ("light", "desktop")
    results, problems = check_site(
        page, example_url, example_types, axe_source, every_page=every_page,
        expected_scheme=material_scheme(example_config).get(scheme), query=search_word(example_site),
    )
    summary = Counter()
    for result in results:
        summary[result.where.split(" (")[0]] += len(result.violations)
    FIGURES.setdefault("axe violations (WCAG 2.1 A/AA)", {})[f"{scheme}/{width}"] = (
        f"{len(results)} pages checked, {sum(summary.values())} violations"
        + ("" if not any(summary.values()) else f": {dict(summary)}")
    )
    lines = [line for result in results for line in result.lines()]
    assert not problems, "\n".join(problems)
    assert not lines, "axe-core found WCAG 2.1 A/AA violations:\n" + "\n".join(lines)
    assert len(results) >= len(example_types) + 2  # every type, the 404 page and search were checked


def test_page_types_are_found_in_the_built_site(example_site, example_types):
    """Each kind of page the example has is a type of its own, and every page has a type."""
    if os.environ.get("FLIPFOLIO_QUALITY_CONFIG"):
        pytest.skip("these page kinds are the example site's")
    names = [set(t.signature) for t in example_types]
    wanted = {
        "lesson": {"ff-crumbs", "ff-pre-class"},
        "credential": {"ff-credential-head"},
        "badge wall": {"ff-wall-page"},
        "stack": {"ff-stack-list"},
        "unit": {"ff-lessons"},
        "lessons index": {"ff-unit"},
        "home": {"ff-profile"},
        "privacy": {"ff-privacy"},
    }
    for kind, classes in wanted.items():
        assert any(classes <= sig for sig in names), f"no page type for the {kind} page among {names}"
    assert any(not sig for sig in names), "hand-written pages (about) form a type"
    every = sorted(p for t in example_types for p in t.pages)
    assert len(every) == len(set(every)) == len(sitecheck.html_pages(example_site)) - 1  # all but 404.html


def test_axe_fails_on_a_broken_page_and_a_new_page_type_is_found(site_factory, new_page, axe_source):
    """A deliberately broken page (unlabelled field, unreadable text) in a new kind
    of page: the type is discovered and axe reports the violations."""
    site = site_factory({
        "docs/broken.md": (
            '# Broken\n\n<div class="ff-newkind" markdown>\n\n'
            '<input type="text">\n\n<p style="color:#d0d0d0">Text too light to read.</p>\n\n</div>\n'
        ),
    }).build()
    types = sitecheck.page_types(site.out)
    newkind = [t for t in types if t.signature == ("ff-newkind",)]
    assert newkind and newkind[0].pages == ["broken/"]
    with sitecheck.serve(site.out) as base:
        page = new_page("light", "desktop")
        results, problems = check_site(page, base, newkind, axe_source, every_page=False,
                                       expected_scheme=None, query=None)
    found = {v["id"] for r in results for v in r.violations}
    assert {"label", "color-contrast"} <= found, results[0].lines()
