"""What the preview's builds said, shown in the browser.

A teacher previews with the browser open and the terminal hidden. MkDocs'
server writes everything a build says to the terminal only, and after a build
that fails it holds every request ("the server will appear stuck"): the
browser shows the page as it was, or waits. So the preview (`mkdocs serve`,
never `mkdocs build`) also says it in the browser:

- While the last change cannot be built, every page asked for is a page of
  what the build said (its errors and warnings, as the terminal shows them,
  with file, line and field), in the site's language. It reloads by itself
  when a file is saved, as every page of the preview does: the teacher fixes
  the file, saves, and sees the site again. The first build too: a
  portfolio with a mistake starts the preview on that page rather than
  ending it (`first_build_shown`).
- While the last build worked but warned, each page opens with a box, folded,
  that counts the warnings and lists them: a build with ``--strict`` (the
  publishing workflow that ``flipfolio new`` writes) stops on them.
"""

from __future__ import annotations

import logging
import re
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import get_plugin_logger

from ..core import messages as catalogue
from ..core.render import Renderer

log = get_plugin_logger(__name__)

STOPPED = "flipfolio/preview-stopped.html"
WARNINGS = "flipfolio/preview-warnings.html"
_BODY = re.compile(rb"<body\b[^>]*>")


class Listening(logging.Handler):
    """What MkDocs and its plugins log as a warning or an error, in order."""

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

    @contextmanager
    def on(self) -> Iterator[Listening]:
        logger = logging.getLogger("mkdocs")
        logger.addHandler(self)
        try:
            yield self
        finally:
            logger.removeHandler(self)


def first_build_shown(said: Said) -> Callable[[], None]:
    """Has the first build of `mkdocs serve` go through `said.building()` too,
    so that a portfolio with a mistake (or a warning, in strict mode) starts
    the preview on the page of what it said rather than ending it: MkDocs'
    command calls its build function once before the server, and plugins
    hear of the server only after. Returns what undoes it, if the build never
    came."""
    from mkdocs.commands import serve as command

    build = getattr(command, "build", None)
    if build is None:
        return lambda: None

    def first(config, *args, **kwargs):
        command.build = build
        said.language = config.theme.get("language") or said.language
        with said.building():
            build(config, *args, **kwargs)

    command.build = first

    def undo() -> None:
        if command.build is first:
            command.build = build

    return undo


class Said:
    """What the preview's last build said (see the module)."""

    def __init__(self, language: str | None, portfolio_dir: str | Path | None = None) -> None:
        self.language = language
        self.portfolio_dir = portfolio_dir
        #: What the last build said when it failed; None when it worked.
        self.failed: list[tuple[str, str]] | None = None
        #: The warnings of the last build, when it worked.
        self.warnings: list[str] = []
        self._shown: tuple | None = None  # (what was said, its page or box), made once per build

    def worked(self, lines: list[tuple[str, str]]) -> None:
        self.failed, self.warnings = None, [line for _, line in lines]

    @contextmanager
    def building(self) -> Iterator[None]:
        """Runs a rebuild and keeps what it says. When it fails, the terminal
        is told as MkDocs tells it, and the rebuild returns, so that MkDocs has
        the browsers reload: they get the page of what it said. Ctrl-C still
        stops the server."""
        listening = Listening()
        try:
            with listening.on():
                yield
        except KeyboardInterrupt:
            raise
        except (Exception, SystemExit) as error:  # noqa: BLE001 - MkDocs' Abort is a SystemExit
            said = listening.lines
            if isinstance(error, SystemExit):
                print(error, file=sys.stderr)  # noqa: T201 - as MkDocs' server does
                # "Aborted with 2 warnings in strict mode!" says why warnings stopped it; "Aborted
                # with a BuildError!" adds nothing to the error it follows.
                if str(error) and not (said and str(error).startswith("Aborted with a BuildError")):
                    said.append(("error", str(error)))
            elif isinstance(error, MkDocsException):
                # What MkDocs says of a site it cannot load (mkdocs.yml saved half-written, say), as
                # 'mkdocs build' says it: its message, without a traceback.
                print(f"Error: {error.format_message()}", file=sys.stderr)  # noqa: T201
                said.append(("error", str(error)))
            else:
                traceback.print_exc()
                said.append(("error", f"{type(error).__name__}: {error}"))
            log.error("The preview could not build the site; its pages show why until the files are fixed.")
            self.failed, self.warnings = said, []
        else:
            self.worked(listening.lines)

    def _render(self, template: str, **context) -> str:
        try:
            words = catalogue.load(self.language, self.portfolio_dir)
        except Exception:  # noqa: BLE001 - the messages files may be what is broken
            words = catalogue.load(self.language)
        return Renderer(view=None).render(template, page_url="", t=words.t, lang=words.language,
                                          dir=catalogue.direction(words.language), **context)

    def _once(self, source, template: str, **context) -> str:
        if self._shown is None or self._shown[0] is not source:
            self._shown = (source, self._render(template, **context))
        return self._shown[1]

    def stopped_page(self) -> str:
        """The page of what the failed build said."""
        return self._once(self.failed, STOPPED, said=self.failed or [])

    def warnings_box(self) -> str:
        """The box that opens each page while the last build warned."""
        return self._once(self.warnings, WARNINGS, warnings=self.warnings)

    def app(self, server) -> Callable:
        """`server`'s web application, answering a page with `stopped_page`
        while the last build failed, and opening it with `warnings_box` while
        it warned; files that are not pages (styles, pictures) and the
        reloading script's requests are the server's own."""
        inner = server.get_app()
        inject = getattr(server, "_inject_js_into_html", None)  # MkDocs 1.6: the script that reloads pages

        def application(environ, start_response):
            path = environ.get("PATH_INFO") or "/"
            method = environ.get("REQUEST_METHOD", "GET")
            if (method not in ("GET", "HEAD") or path.startswith("/livereload/")
                    or not (path.endswith("/") or path.endswith(".html"))
                    or (self.failed is None and not self.warnings)):
                return inner(environ, start_response)
            try:
                return self._answer(inner, inject, server, environ, start_response)
            except Exception:  # noqa: BLE001 - the page as MkDocs serves it rather than none
                log.debug("the preview could not show what its build said", exc_info=True)
                return inner(environ, start_response)

        return application

    def _answer(self, inner, inject, server, environ, start_response):
        if self.failed is None:
            return self._with_box(inner, environ, start_response)
        page = self.stopped_page().encode("utf-8")
        if inject is not None:
            page = inject(page, getattr(server, "_visible_epoch", 0))
        start_response("500 Internal Server Error", [("Content-Type", "text/html; charset=utf-8"),
                                                     ("Content-Length", str(len(page))),
                                                     ("Cache-Control", "no-store")])
        return [page] if environ.get("REQUEST_METHOD", "GET") == "GET" else []

    def _with_box(self, inner, environ, start_response):
        answer: dict = {}

        def keep(status, headers, exc_info=None):
            answer.update(status=status, headers=headers)
            return lambda data: None  # (the server's application returns its body; it never writes)

        body = inner(environ, keep)
        try:
            content = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        headers = answer.get("headers", [])
        html = any(k.lower() == "content-type" and v.startswith("text/html") for k, v in headers)
        opened = _BODY.search(content) if html and answer.get("status", "").startswith("200") else None
        if opened is not None:
            content = content[:opened.end()] + self.warnings_box().encode("utf-8") + content[opened.end():]
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
            headers.append(("Content-Length", str(len(content))))
        start_response(answer.get("status", "200 OK"), headers)
        return [content] if environ.get("REQUEST_METHOD", "GET") == "GET" else []
