"""The preview in a real browser: a change that cannot be built shows why in
the page the teacher has open, by itself, and the lesson comes back by itself
once the file is fixed (mkdocs/stopped.py)."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from serving import free_port, serve, up, wait_for

import sitecheck


def test_a_change_that_cannot_be_built_shows_why_in_the_open_page_until_it_is_fixed(
        site_factory, new_page, axe_source, tmp_path):
    site = site_factory()
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    lesson = site.root / "portfolio" / "lessons" / "pushes.md"
    process = serve(site, port, tmp_path / "tmp")
    try:
        wait_for(lambda: up(base))
        page = new_page(width="phone")
        page.goto(base + "lessons/pushes/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Pushes and pulls")

        lesson.write_text(lesson.read_text().replace("title: Pushes and pulls", "title: [Pushes and pulls"))
        heading = page.get_by_role("heading", level=1, name="The preview could not build your last change")
        expect(heading).to_be_visible(timeout=30_000)  # no reload pressed: the page reloaded itself
        said = page.locator("main li").first
        expect(said).to_contain_text(re.compile(r"portfolio/lessons/pushes\.md:\d+: .*not valid YAML"))
        result = sitecheck.run_axe(page, axe_source, "the preview's page of a change it cannot build")
        assert result.violations == [], "\n".join(result.lines())
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # no sideways scroll

        lesson.write_text(lesson.read_text().replace("title: [Pushes and pulls", "title: Pushes and shoves"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Pushes and shoves", timeout=30_000)
        assert page.other_requests == []
    finally:
        process.terminate()
        process.wait(timeout=20)
