"""What the preview's builds said, in the browser (mkdocs/said.py): the page
shown while a change cannot be built and the box of warnings, in the site's
language, escaped. The real server's side is in test_serve.py and
tests/quality/test_preview_browser.py."""

from __future__ import annotations

import logging

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort, ConfigurationError

from flipfolio.mkdocs.said import Said

build_log = logging.getLogger("mkdocs.commands.build")
plugin_log = logging.getLogger("mkdocs.plugins.flipfolio.plugin")
server_log = logging.getLogger("mkdocs.livereload")


def fails_with_an_error():
    plugin_log.info("Building documentation...")
    build_log.error("1 problem in the portfolio:\n  portfolio/lessons/a.md:3: field 'title': expected text")
    raise Abort("Aborted with a BuildError!")


def fails_in_strict_mode():
    plugin_log.warning("portfolio/lessons/a.md:7: an image without alt text")
    server_log.warning('"GET /lessons/ HTTP/1.1" code 404')  # a request answered meanwhile: not the build's
    raise Abort("Aborted with 1 warnings in strict mode!")


def fails_unexpectedly():
    raise RuntimeError("the disk is full")


def fails_to_load_mkdocs_yml():
    raise ConfigurationError("MkDocs encountered an error parsing the configuration file: while scanning for the "
                             "next token\nfound character '\\t' that cannot start any token\n  in \"mkdocs.yml\", "
                             "line 13, column 1")


def works_with_a_warning():
    plugin_log.info("Documentation built")
    plugin_log.warning("portfolio/lessons/a.md:7: an image without alt text")
    server_log.warning('"GET /lessons/ HTTP/1.1" code 404')


def works():
    plugin_log.info("Documentation built")


@pytest.mark.parametrize("build,failed,warnings", [
    (fails_with_an_error, [("error", "1 problem in the portfolio:\n  portfolio/lessons/a.md:3: field 'title': "
                                     "expected text")], []),
    (fails_in_strict_mode, [("warning", "portfolio/lessons/a.md:7: an image without alt text"),
                            ("error", "Aborted with 1 warnings in strict mode!")], []),
    (fails_unexpectedly, [("error", "RuntimeError: the disk is full")], []),
    (fails_to_load_mkdocs_yml, [("error", "MkDocs encountered an error parsing the configuration file: while "
                                          "scanning for the next token\nfound character '\\t' that cannot start any "
                                          "token\n  in \"mkdocs.yml\", line 13, column 1")], []),
    (works_with_a_warning, None, ["portfolio/lessons/a.md:7: an image without alt text"]),
    (works, None, []),
])
def test_what_a_rebuild_says_replaces_what_the_one_before_said(build, failed, warnings, capsys):
    said = Said("en")
    said.failed, said.warnings = [("error", "an earlier failure")], ["an earlier warning"]
    with said.building():
        build()
    assert (said.failed, said.warnings) == (failed, warnings)
    told = capsys.readouterr().err  # the terminal is told as MkDocs tells it
    assert ("Aborted with" in told) == (build in (fails_with_an_error, fails_in_strict_mode))
    assert ("RuntimeError: the disk is full" in told) == (build is fails_unexpectedly)  # with the traceback
    assert ("Traceback" in told) == (build is fails_unexpectedly)  # MkDocs' own errors: its message, as it says it
    if build is fails_to_load_mkdocs_yml:
        assert told.startswith("Error: MkDocs encountered an error parsing the configuration file")


def test_ctrl_c_still_stops_the_server():
    with pytest.raises(KeyboardInterrupt), Said("en").building():
        raise KeyboardInterrupt


def test_the_stopped_page_is_in_the_site_language_and_shows_each_line_escaped():
    said = Said("es")
    said.failed = [("error", "portfolio/lessons/a.md:3: field 'title': expected text, found '<script>x</script>'"),
                   ("warning", "portfolio/lessons/b.md:9: a link to a lesson that is not published")]
    html = said.stopped_page()
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "es" and soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert soup.h1.get_text() == "La vista previa no pudo construir el sitio"
    items = soup.find_all("li")
    assert [li.find("span").get_text() for li in items] == ["Error", "Aviso"]
    assert items[0].code.get_text() == said.failed[0][1]  # as said, every character
    assert "<script>x" not in html and soup.find("script") is None  # the server adds its reloading script
    said = Said("en")
    said.failed = []
    assert "stopped without a message" in BeautifulSoup(said.stopped_page(), "html.parser").main.get_text()


@pytest.mark.parametrize("language,warnings,summary", [
    ("en", ["a.md:7: an image without alt text"], "This preview has 1 warning"),
    ("en", ["a.md:7: one", "b.md:2: <b>two</b>"], "This preview has 2 warnings"),
    ("es", ["a.md:7: uno", "b.md:2: dos"], "Esta vista previa tiene 2 avisos"),
])
def test_the_warnings_box_counts_and_lists_them_folded(language, warnings, summary):
    said = Said(language)
    said.warnings = warnings
    box = BeautifulSoup(said.warnings_box(), "html.parser").aside
    assert box["lang"] == language and box["aria-label"]
    assert box.details.get("open") is None and box.summary.get_text() == summary
    assert [code.get_text() for code in box.find_all("code")] == warnings
    assert box.find("b") is None
