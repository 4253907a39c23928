"""Reflow (WCAG 1.4.10) with larger text: every kind of page of the example,
and every lesson page, at 320 CSS pixels wide with the browser's text size
raised from 16 to 20 pixels, scrolls only up and down once its scripts have
started: question fields, buttons, the receipt's name field and the
transcript's question chips wrap or shrink instead of widening the page."""

from __future__ import annotations

import pytest
import sitecheck

#: The browser's text size at 20 px instead of 16 (Material's root is 125 % of it).
LARGER_TEXT = "document.documentElement.style.setProperty('font-size', '156.25%', 'important')"

WIDER = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')].filter(el => {
    const box = el.getBoundingClientRect();
    return box.width && box.right > width + 1 && !el.closest('[hidden], .md-sidebar, .md-search, .ff-cues, pre, table, .md-typeset__scrollwrap');
  }).slice(0, 5).map(el => el.tagName + '.' + el.className + ' ' + Math.round(el.getBoundingClientRect().right));
}"""


def pages(example_site, example_types) -> list[str]:
    lessons = sorted(p.parent.relative_to(example_site).as_posix() + "/"
                     for p in (example_site / "lessons").glob("*/index.html"))
    return sorted({t.representative for t in example_types} | set(lessons))


def test_every_page_reflows_at_320_pixels_with_larger_text(new_page, example_url, example_site, example_types):
    page = new_page(width="narrow")
    page.set_viewport_size({"width": 320, "height": 640})
    wide = {}
    for address in pages(example_site, example_types):
        page.goto(example_url + address)
        sitecheck.wait_until_settled(page)
        page.evaluate(LARGER_TEXT)
        page.wait_for_timeout(50)
        if page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth + 1"):
            wide[address] = page.evaluate(WIDER)
    assert wide == {}, "\n".join(f"{k}: {v}" for k, v in wide.items())
