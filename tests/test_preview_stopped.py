"""The page the preview shows while a change cannot be built (mkdocs/stopped.py):
what the failed build said, in the site's language, escaped. The real server's
side is in test_serve.py and tests/quality/test_preview_browser.py."""

from __future__ import annotations

import logging

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from flipfolio.mkdocs.stopped import StoppedPage

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


def works():
    plugin_log.warning("portfolio/lessons/a.md:7: an image without alt text")


@pytest.mark.parametrize("build,said", [
    (fails_with_an_error, [("error", "1 problem in the portfolio:\n  portfolio/lessons/a.md:3: field 'title': "
                                     "expected text")]),
    (fails_in_strict_mode, [("warning", "portfolio/lessons/a.md:7: an image without alt text"),
                            ("error", "Aborted with 1 warnings in strict mode!")]),
    (fails_unexpectedly, [("error", "RuntimeError: the disk is full")]),
    (works, None),
])
def test_a_rebuild_that_fails_is_kept_as_what_it_said_and_one_that_works_clears_it(build, said, capsys):
    stopped = StoppedPage("en")
    stopped.said = [("error", "an earlier failure")]
    with stopped.building():
        build()
    assert stopped.said == said
    told = capsys.readouterr().err  # the terminal is told as MkDocs tells it
    assert ("Aborted with" in told) == (build in (fails_with_an_error, fails_in_strict_mode))
    assert ("RuntimeError: the disk is full" in told) == (build is fails_unexpectedly)  # with the traceback


def test_ctrl_c_still_stops_the_server():
    stopped = StoppedPage("en")
    with pytest.raises(KeyboardInterrupt), stopped.building():
        raise KeyboardInterrupt


def test_the_page_is_in_the_site_language_and_shows_each_line_escaped():
    stopped = StoppedPage("es")
    stopped.said = [("error", "portfolio/lessons/a.md:3: field 'title': expected text, found '<script>x</script>'"),
                    ("warning", "portfolio/lessons/b.md:9: a link to a lesson that is not published")]
    html = stopped.html()
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "es" and soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert soup.h1.get_text() == "La vista previa no pudo construir tu último cambio"
    items = soup.find_all("li")
    assert [li.find("span").get_text() for li in items] == ["Error", "Aviso"]
    assert items[0].code.get_text() == stopped.said[0][1]  # as said, every character
    assert "<script>x" not in html and soup.find("script") is None  # the server adds its reloading script
    stopped = StoppedPage("en")
    stopped.said = []
    assert "stopped without a message" in BeautifulSoup(stopped.html(), "html.parser").main.get_text()
