"""The preview in a real browser: a change that cannot be built shows why in
the page the teacher has open, by itself, and the lesson comes back by itself
once the file is fixed; a build that warns opens each page with its warnings
(mkdocs/said.py)."""

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
        heading = page.get_by_role("heading", level=1, name="The preview could not build the site")
        expect(heading).to_be_visible(timeout=30_000)  # no reload pressed: the page reloaded itself
        said = page.locator("main li").first
        expect(said).to_contain_text(re.compile(r"portfolio/lessons/pushes\.md:\d+: .*not valid YAML"))
        result = sitecheck.run_axe(page, axe_source, "the preview's page of a change it cannot build")
        assert result.violations == [], "\n".join(result.lines())
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # no sideways scroll

        lesson.write_text(lesson.read_text().replace("title: [Pushes and pulls", "title: Pushes and shoves"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Pushes and shoves", timeout=30_000)
        expect(page.get_by_role("complementary", name="Warnings of this preview")).to_have_count(0)

        # A warning ('#' starts a YAML comment): the page says so at its top, folded.
        lesson.write_text(lesson.read_text().replace("title: Pushes and shoves", "title: Pushes and shoves #2"))
        box = page.get_by_role("complementary", name="Warnings of this preview")
        expect(box).to_be_visible(timeout=30_000)
        expect(box.get_by_text("This preview has 1 warning")).to_be_visible()
        warning = box.locator("li").first
        expect(warning).to_be_hidden()
        box.get_by_text("This preview has 1 warning").click()
        expect(warning).to_contain_text(re.compile(r"portfolio/lessons/pushes\.md:\d+: .*#2"))
        result = sitecheck.run_axe(page, axe_source, "a preview's page with its warnings")
        assert result.violations == [], "\n".join(result.lines())
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert page.other_requests == []
    finally:
        process.terminate()
        process.wait(timeout=20)
