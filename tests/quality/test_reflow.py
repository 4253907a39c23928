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


#: Text at twice its size (WCAG 1.4.4): Material's root at 250 % of 16 px.
TWICE_THE_TEXT = "document.documentElement.style.setProperty('font-size', '250%', 'important')"
#: What of a lesson's content is wider than a phone at twice the text size, and how wide its questions are.
CONTENT_WIDER = WIDER.replace("document.querySelectorAll('body *')", "document.querySelectorAll('article *')")


@pytest.mark.parametrize("width", [390, 320])
def test_a_lessons_content_fits_a_phone_with_twice_the_text(new_page, example_url, example_site, width):
    """On a phone with the text at twice its size, nothing of a lesson's content
    runs past the screen (the theme's own header aside), and a question keeps
    more than half of a 390-pixel screen (its boxes and lists give it room)."""
    page = new_page(width="narrow")
    page.set_viewport_size({"width": width, "height": 800})
    wide, narrow = {}, {}
    lessons = sorted(p.parent.relative_to(example_site).as_posix() + "/" for p in (example_site / "lessons").glob("*/index.html"))
    for address in lessons:
        page.goto(example_url + address)
        sitecheck.wait_until_settled(page)
        page.evaluate(TWICE_THE_TEXT)
        page.wait_for_timeout(50)
        found = page.evaluate(CONTENT_WIDER)
        if found:
            wide[address] = found
        room = page.evaluate("(() => { const q = document.querySelector('.ff-questions li.ff-question');"
                             " return q ? q.getBoundingClientRect().width : null; })()")
        if width == 390 and room is not None and room <= width / 2:
            narrow[address] = room
    assert wide == {}, "\n".join(f"{k}: {v}" for k, v in wide.items())
    assert narrow == {}, narrow
