"""What the theme's settings and the site's own pages make a browser load
from another site as a page opens: a warning naming the setting or the page,
and the privacy page says so.

Material loads its fonts from Google Fonts unless `font: false`, asks
GitHub or GitLab for a repository's stars when `repo_url` names one, and
loads analytics, scripts, style sheets and pictures given by another site's
address. None of it is in a page's content, where the privacy page looks
for what a site contacts: it said "no fonts or scripts from other
companies" while every page loaded Google Fonts.
"""

from __future__ import annotations

import pytest
from mkdocs.exceptions import Abort
from sites import MKDOCS_YML

from flipfolio.mkdocs.config import theme_loads

NO_FONT = "  font: false\n"


def _config(tmp_path, text: str):
    from mkdocs.config import load_config

    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    return load_config(str(tmp_path / "mkdocs.yml"))


@pytest.mark.parametrize("setting, expected", [
    ("", []),
    ("theme:\n  name: material\n", [("theme.font", ("https://fonts.googleapis.com/css", "https://fonts.gstatic.com/"))]),
    ("theme:\n  name: material\n  font:\n    text: Lato\n",
     [("theme.font", ("https://fonts.googleapis.com/css", "https://fonts.gstatic.com/"))]),
    ("theme:\n  name: material\n  font: false\nrepo_url: https://github.com/sam/lessons\n",
     [("repo_url", ("https://api.github.com/repos/sam",))]),
    ("theme:\n  name: material\n  font: false\nrepo_url: https://gitlab.example.org/sam/lessons\n",
     [("repo_url", ("https://gitlab.example.org/api/v4/projects/",))]),
    ("theme:\n  name: material\n  font: false\nextra:\n  analytics:\n    provider: google\n    property: G-X\n",
     [("extra.analytics", ("https://www.googletagmanager.com/gtag/js",))]),
    ("theme:\n  name: material\n  font: false\n  logo: https://pictures.example/logo.png\n",
     [("theme.logo", ("https://pictures.example/logo.png",))]),
    ("theme:\n  name: material\n  font: false\n  logo: images/logo.png\n", []),
    ("theme:\n  name: material\n  font: false\nextra_javascript:\n  - //cdn.example/math.js\n  - js/own.js\n"
     "extra_css:\n  - https://cdn.example/look.css\n  - css/own.css\n",
     [("extra_javascript", ("//cdn.example/math.js",)), ("extra_css", ("https://cdn.example/look.css",))]),
])
def test_what_the_theme_loads_from_other_sites(tmp_path, setting, expected):
    config = _config(tmp_path, "site_name: T\n" + (setting or "theme:\n  name: material\n  font: false\n"))
    assert [(load.setting, load.addresses) for load in theme_loads(config)] == expected


def test_a_site_loading_google_fonts_is_told_and_its_privacy_page_says_so(site_factory, mkdocs_log):
    assert NO_FONT in MKDOCS_YML
    site = site_factory(mkdocs_yml=MKDOCS_YML.replace(NO_FONT, "")).build(strict=False)
    warnings = [r.getMessage() for r in mkdocs_log.records if r.levelname == "WARNING"]
    assert "flipfolio: mkdocs.yml: field 'theme.font': the theme loads its fonts from Google Fonts as soon as a page " \
           "opens, so that site sees every visitor (the privacy page says so); set 'font: false' under 'theme:' to " \
           "use the fonts of the visitor's device" in warnings
    page = site.article("privacy/index.html")
    assert page.select_one(".ff-lede").get_text() == ("Some pages of this site load content from other sites as soon "
                                                      "as they open: Google Fonts.")
    rows = {tr.th.get_text() if tr.th else tr.td.get_text(): tr.select("td")[-1].get_text()
            for tr in page.select("tbody tr")}
    assert rows["Google Fonts (fonts.googleapis.com, fonts.gstatic.com)"] == "As soon as a page opens."
    with pytest.raises(Abort):
        site.build(strict=True)


def test_with_font_false_the_privacy_page_says_the_site_loads_nothing_from_others(site_factory, mkdocs_log):
    site = site_factory().build(strict=True)
    assert site.article("privacy/index.html").select_one(".ff-lede").get_text().startswith(
        "Everything this site needs to show its pages comes from the site itself")


def test_a_page_of_the_site_loading_from_another_site_is_told(site_factory, mkdocs_log):
    """The site's own pages (docs/) are not lesson text, which may load nothing
    from another site: a picture or an embedded player there is a warning
    naming the page, and the privacy page lists the site. A link is not."""
    site = site_factory({"docs/about.md": "# About\n\n![Our school](https://pictures.example/school.png)\n\n"
                                          '<iframe src="https://www.youtube.com/embed/abcdefghijk" title="Tour">'
                                          "</iframe>\n\n[The district](https://district.example/)\n"})
    site.build(strict=False)
    warnings = sorted(r.getMessage() for r in mkdocs_log.records if r.levelname == "WARNING")
    assert warnings == [
        f"flipfolio: docs/about.md: the page loads from {host} as soon as it opens, so that site sees every visitor "
        "(the privacy page says so); save the file in docs/ and show it from there, or link to it instead"
        for host in ("pictures.example", "www.youtube.com")]
    lede = site.article("privacy/index.html").select_one(".ff-lede").get_text()
    assert lede.startswith("Some pages of this site load content from other sites") and "pictures.example" in lede


def test_a_template_of_the_sites_own_that_loads_from_another_site_is_told(site_factory, mkdocs_log):
    """A script a teacher adds to the theme's templates (`custom_dir`, an
    analytics snippet in main.html) is seen in the first page written."""
    yml = MKDOCS_YML.replace(NO_FONT, NO_FONT + "  custom_dir: overrides\n")
    site = site_factory({"overrides/main.html": '{% extends "base.html" %}\n{% block extrahead %}{{ super() }}'
                                                '<script async src="https://stats.example/s.js"></script>'
                                                "{% endblock %}\n"}, mkdocs_yml=yml)
    site.build(strict=False)
    warnings = [r.getMessage() for r in mkdocs_log.records if r.levelname == "WARNING"]
    told = [w for w in warnings if "the theme's templates load from" in w]
    assert len(told) == 1 and told[0].startswith(
        "flipfolio: the theme's templates load from stats.example as every page opens, so that site sees every "
        "visitor, and the privacy page does not list it")
    assert "stats.example" in site.text("index.html")
