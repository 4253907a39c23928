"""When a change cannot be built, the preview's browser says why.

MkDocs' server keeps the last site it built and holds every request while a
build after an edit fails ("the server will appear stuck"): the teacher's
browser shows the page as it was, or waits, and what went wrong is only in
the terminal. Instead, the preview answers every page it is asked for with a
page of what the build said (its errors and warnings, as the terminal shows
them, with file, line and field), in the site's language, until a build
works again. The page reloads by itself when the files are saved, as every
page of the preview does: the teacher fixes the file, saves, and sees the
lesson.

Only the preview is concerned: a `mkdocs build` never goes through here.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..core import messages as catalogue
from ..core.render import Renderer

log = logging.getLogger("mkdocs.plugins.flipfolio")

TEMPLATE = "flipfolio/preview-stopped.html"


class _Said(logging.Handler):
    """What a build logs as a warning or an error, in order."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith("mkdocs.livereload"):
            return  # the server's log of requests answered meanwhile
        try:
            self.lines.append(("error" if record.levelno >= logging.ERROR else "warning", record.getMessage()))
        except Exception:  # noqa: BLE001 - a record that cannot be formatted is the terminal's to show
            pass


class StoppedPage:
    """The page the preview shows while its last build failed (see the module)."""

    def __init__(self, language: str | None, portfolio_dir: str | Path | None = None) -> None:
        self.language = language
        self.portfolio_dir = portfolio_dir
        #: What the failed build said, or None while the last build worked.
        self.said: list[tuple[str, str]] | None = None

    @contextmanager
    def building(self) -> Iterator[None]:
        """Runs a rebuild: what it logs is kept; when it fails, the failure is
        told in the terminal as MkDocs tells it and the browsers get the page
        of what it said, and the rebuild returns, so that MkDocs has them
        reload. Ctrl-C still stops the server."""
        said = _Said()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(said)
        try:
            yield
        except KeyboardInterrupt:
            raise
        except (Exception, SystemExit) as error:  # noqa: BLE001 - MkDocs' Abort is a SystemExit
            logger.removeHandler(said)
            if isinstance(error, SystemExit):
                print(error, file=sys.stderr)  # noqa: T201 - as MkDocs' server does
                # "Aborted with 2 warnings in strict mode!" says why warnings stopped it; "Aborted
                # with a BuildError!" adds nothing to the error it follows.
                if str(error) and not (said.lines and str(error).startswith("Aborted with a BuildError")):
                    said.lines.append(("error", str(error)))
            else:
                traceback.print_exc()
                said.lines.append(("error", f"{type(error).__name__}: {error}"))
            log.error("The preview could not build the last change; the browser shows why until it is fixed.")
            self.said = said.lines
        else:
            self.said = None
        finally:
            logger.removeHandler(said)

    def html(self) -> str:
        """The page of what the failed build said."""
        try:
            words = catalogue.load(self.language, self.portfolio_dir)
        except Exception:  # noqa: BLE001 - the messages files may be what is broken
            words = catalogue.load(self.language)
        return Renderer(view=None).render(TEMPLATE, page_url="", t=words.t, lang=words.language,
                                          said=self.said or [])

    def app(self, server) -> Callable:
        """`server`'s web application, answering a page with `html` while the
        last build failed; files that are not pages (styles, pictures) and the
        reloading script's requests are the server's own."""
        inner = server.get_app()
        inject = getattr(server, "_inject_js_into_html", None)  # MkDocs 1.6: the script that reloads pages

        def application(environ, start_response):
            path = environ.get("PATH_INFO") or "/"
            if (self.said is None or environ.get("REQUEST_METHOD", "GET") not in ("GET", "HEAD")
                    or path.startswith("/livereload/") or not (path.endswith("/") or path.endswith(".html"))):
                return inner(environ, start_response)
            page = self.html().encode("utf-8")
            if inject is not None:
                page = inject(page, getattr(server, "_visible_epoch", 0))
            start_response("500 Internal Server Error", [("Content-Type", "text/html; charset=utf-8"),
                                                         ("Content-Length", str(len(page))),
                                                         ("Cache-Control", "no-store")])
            return [page] if environ.get("REQUEST_METHOD", "GET") == "GET" else []

        return application
