"""Reproducible builds: two builds of the same portfolio give byte-identical files.

The second build runs years later by its clock, in another time zone, with
another hash seed and into another folder. Dates in the site come from the
content (the latest lesson or credential date), not from the clock; the build
date, which the this-week page and credential statuses depend on by design, is
given to both (FLIPFOLIO_BUILD_DATE, as SOURCE_DATE_EPOCH would): otherwise two
builds on either side of midnight in the portfolio's time zone differ.
"""

from __future__ import annotations

import sitecheck
from sitecheck import FIGURES

#: Python run before MkDocs in the second build: its clock says 1 July 2031.
LATER = """
import datetime as _dt
import mkdocs.utils as _utils

class _Later(_dt.datetime):
    @classmethod
    def now(cls, tz=None):
        return cls(2031, 7, 1, 12, 0, tzinfo=tz)

_utils.datetime = _Later
"""
OTHER_MACHINE = {"PYTHONHASHSEED": "4242", "TZ": "Pacific/Kiritimati", "LC_ALL": "C.UTF-8"}


def test_two_builds_of_the_example_are_byte_identical(example_site, example_config, tmp_path):
    again = tmp_path / "elsewhere" / "site"
    result = sitecheck.build_site(example_config, again, prelude=LATER,
                                  env={**OTHER_MACHINE, "FLIPFOLIO_BUILD_DATE": sitecheck.BUILD_DATE})
    assert result.returncode == 0, result.stderr
    files = sitecheck.tree_digest(example_site)
    differences = sitecheck.tree_differences(example_site, again)
    FIGURES["reproducible build"] = f"{len(files)} files, {len(differences)} differ between two builds"
    assert len(files) > 50
    assert "sitemap.xml.gz" in files
    assert not differences, "\n".join(differences)


def test_the_comparison_fails_when_the_clock_leaks_into_the_site(site_factory, tmp_path):
    """Without Flipfolio's dates (plugin disabled), MkDocs dates the sitemap by the clock."""
    site = site_factory({
        "mkdocs.yml": "site_name: T\nsite_url: https://t.example/\ntheme: {name: material, font: false}\n"
                      "plugins:\n  - flipfolio:\n      enabled: false\n",
    })
    first, second = tmp_path / "first", tmp_path / "second"
    assert sitecheck.build_site(site.root / "mkdocs.yml", first).returncode == 0
    assert sitecheck.build_site(site.root / "mkdocs.yml", second, env=OTHER_MACHINE, prelude=LATER).returncode == 0
    differences = sitecheck.tree_differences(first, second)
    assert "differs: sitemap.xml" in differences and "differs: sitemap.xml.gz" in differences
    assert "<lastmod>2031-07-01</lastmod>" in (second / "sitemap.xml").read_text()


def test_pages_are_dated_by_the_content(site_factory, tmp_path):
    site = site_factory({"mkdocs.yml": "site_name: T\nsite_url: https://t.example/\n"
                                       "theme: {name: material, font: false}\nplugins: [flipfolio]\n"})
    out = tmp_path / "out"
    assert sitecheck.build_site(site.root / "mkdocs.yml", out, prelude=LATER).returncode == 0
    sitemap = (out / "sitemap.xml").read_text()
    # The test portfolio's latest date: the video-design credential, issued 2025-10-01.
    assert sitemap.count("<lastmod>2025-10-01</lastmod>") == sitemap.count("<url>") > 5
