"""The `flipfolio` MkDocs plugin: thin glue between MkDocs and the content model.

Order of work in a build:

- `on_config`: put the thin page templates after the site's `custom_dir` and
  add the stylesheet;
- `on_files`: load and check the portfolio, report every problem at once,
  add a generated page for every page the features make (a real Markdown
  file at the same address wins), the files the publishing gate lets through
  and the features' other outputs;
- `on_page_read_source`, `on_page_markdown`: give generated pages their
  Markdown (made only now) and title;
- `on_page_context`: Flipfolio renders the page's content with its own
  templates (core/render.py) and reads it once for its content checks and
  search's entries (search.py); the theme's page only places it;
- `on_pre_page`, `on_env`, `on_post_page`: reproducible page dates, the
  privacy page's list of other sites, the content checks' warnings (and the
  checks of the docs folder's pages, as the theme wrote them).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import os
import re
import time
from dataclasses import replace
from functools import partial
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.commands.build import _build_page, _populate_page  # a preview's quick rebuild (_quick_rebuild)
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..core import audit, bodycheck, links, privacy
from ..core import features as registry
from ..core import model as content
# The stylesheet and the client code (SCRIPT: the parts in SCRIPTS, joined; the class
# pages' own stylesheet and script) are core/assets.py's: a unit's offline pack copies them too.
from ..core.assets import (  # noqa: F401  (SCRIPTS re-exported: benchmarks read it)
    CLASS_SCRIPT, CLASS_SCRIPTS, CLASS_STYLESHEET, SCRIPT, SCRIPTS, STYLESHEET, client_script)
from ..core.making import Maker, MakingFailed, can_fork, empty_aside, in_two, write_file
from ..core.messages import direction as catalogue_direction
from ..core.outputs import (PageSpec, Tools, content_date, expect_sizes, markdown_converter, media_files, note_size,
                             outputs, pages)
from ..core.problems import ContentError, Problem, by_place
from ..core.render import Renderer, compiled_once
from ..core.view import View
from ..credentials.helpers import part_links as artifact_part_links
from ..lessons import text as lesson_text
from ..lessons.pages import place_blocks
from .config import FlipfolioConfig, layout_of, theme_loads
# Hand-written pages may use Flipfolio's content templates through `template:` in their front
# matter (a thin page template of the same name is in THEME_TEMPLATES).
from .docs_pages import CONTENT_TEMPLATES, read_pages
from .preview import KeptPage, Nudge, Preview, place, polling_paused
from .said import Said, first_build_shown

log = get_plugin_logger(__name__)

#: Pages that show a text the teacher wrote in Markdown, and what messages call that text.
_TEXT_PAGES = {"lesson": "lesson text", "artifact": "evidence page"}
#: The earliest date a file of the site is dated with (the "last updated" date of every page).
_EARLIEST_FILE_DATE = dt.date(1980, 1, 1)

PACKAGE = Path(__file__).resolve().parent.parent
#: Thin page templates for the theme (a page with Flipfolio's home content, theme fixes).
THEME_TEMPLATES = Path(__file__).resolve().parent / "templates"


class FlipfolioPlugin(BasePlugin[FlipfolioConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.is_serve = False
        self._empties = False
        self._emptying = None  # waits for the previous site's files to be deleted (empty_aside)
        self.specs: dict[str, PageSpec] = {}
        #: Pages of the docs that replace a generated page in another language: that language, by source path.
        self._languages: dict[str, str] = {}
        self.view: View | None = None
        self.renderer: Renderer | None = None
        self.contacts: list = []
        self._theme_checked = False  # (what the theme's templates load, read once per build: on_post_page)
        self.update_date: str | None = None
        #: `mkdocs serve` only: what one build keeps for the next (preview.py).
        self.preview: Preview | None = None
        self._nudge: Nudge | None = None  # has the server look for changes at once (preview.py)
        self._said = Said(None)  # what the preview's last build said, shown in the browser (said.py)
        self._undo_first_build = None
        self._kept: dict[str, KeptPage | None] = {}  # this build's lesson pages taken from the previous one
        self._making: dict[str, dict] = {}  # what a preview will keep of the lesson pages being made
        self._last: dict | None = None  # the site the last build made (a preview's quick rebuild starts from it)
        self._building: dict = {}
        self._checked: dict[str, list[str]] = {}  # the content checks' warnings of pages rendered, until written
        self._maker: Maker | None = None  # the process making the other files while pages render
        self._files: Files | None = None  # this build's files (on_files)
        self._dirty = False
        self.tools: Tools | None = None  # what the files made by a function get (their Markdown converter)
        #: Whether lesson pages take their text converted once for them and the packs (lessons/text.py).
        self._own_text = False
        self._texts: dict[str, lesson_text.LessonText] = {}  # those of lesson pages being made
        self._theme_switched: tuple | None = None  # (theme, the site's language) while a version's page renders
        #: Links of lesson texts to a part of a page, by page (kind, id), and the ids of those pages once rendered.
        self._parts_wanted: dict[tuple[str, str], list[tuple[str, int, str, str]]] = {}
        self._part_ids: dict[tuple[str, str], set[str]] = {}

    def on_startup(self, *, command, dirty):
        self.is_serve = command == "serve"
        #: Whether MkDocs empties the site folder before each build (not --dirty): set aside then (on_pre_build).
        self._empties = command in ("build", "gh-deploy") and not dirty
        #: A build into the last one's site (--dirty): what is no longer published is taken out (on_post_build).
        self._dirty = command in ("build", "gh-deploy") and dirty
        if self.is_serve and self.preview is None:
            self.preview = Preview()
            if self.config.enabled:  # what the first build says shows in the browser too (said.py)
                self._said = Said(None, self.config.portfolio_dir)
                self._undo_first_build = first_build_shown(self._said)
            # A page the preview placed itself is one MkDocs did not write, which it notes
            # ("Page skipped: … Generated empty output"): not said for those.
            logging.getLogger("mkdocs.commands.build").addFilter(_PlacedPages(self))

    def on_config(self, config):
        self._last = None  # a new build: the quick rebuild waits for it (on_post_build)
        if not self.config.enabled:
            return
        # (Address prefixes that clash are refused with the options: config.py.)
        # The thin page templates come right after the site's custom_dir, which
        # MkDocs puts first: a site overrides any of them by copying it there.
        dirs = config.theme.dirs
        position = 1 if config.theme.custom_dir and dirs and dirs[0] == config.theme.custom_dir else 0
        if str(THEME_TEMPLATES) not in dirs:
            dirs.insert(position, str(THEME_TEMPLATES))
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        for load in theme_loads(config):
            log.warning(str(load.problem(Path(config.config_file_path or "mkdocs.yml").name)))
        return config

    # A large site's previous build is thousands of files: they are moved aside
    # and deleted in a second process while this build goes on (making.py).
    def on_pre_build(self, *, config):
        self._theme_back()
        if self.config.enabled and self.config.parallel and self._empties:
            self._emptying = empty_aside(config.site_dir)

    def _emptied(self) -> None:
        emptying, self._emptying = self._emptying, None
        if emptying is not None:
            emptying()

    def on_serve(self, server, *, config, builder):
        if self.config.enabled:
            server.watch(self.config.portfolio_dir)
            if self.preview is not None and hasattr(server, "builder"):
                # After an edit to lessons only, the preview makes again what changed in the
                # site as it is (preview.py); anything else is a full build, as MkDocs does it.
                server.builder = partial(self._rebuild, builder, getattr(server, "observer", None))
                self._nudge = Nudge(getattr(server, "observer", None), self.config.portfolio_dir)
                # What a build says shows in the browser too (said.py).
                self._said.language = config.theme.get("language") or "en"
                self._said.portfolio_dir = self.config.portfolio_dir
                if callable(getattr(server, "get_app", None)) and callable(getattr(server, "set_app", None)):
                    server.set_app(self._said.app(server))
        return server

    def _rebuild(self, full_build, observer, config=None) -> None:
        # The server looks for changed files every half second, reading every file's details
        # (0.1 s for a portfolio of 1,000 lessons), in a thread that takes turns with the build;
        # the garbage collector's full passes wait until the preview is idle (preview.Collector).
        with polling_paused(observer, self._nudge), self.preview.collector.paused(), self._said.building():
            self._build_again(full_build, config)

    def _build_again(self, full_build, config=None) -> None:
        started = time.monotonic()
        warnings = _WarningCount()
        logging.getLogger("mkdocs").addHandler(warnings)
        try:
            quick = self._quick_rebuild()
            if quick and warnings.count and self._last is not None and self._last["config"].strict:
                # Strict mode: a build with warnings fails. The full build fails the same way, and says so.
                quick = False
        except Exception:  # noqa: BLE001 - the full build is the answer to anything unexpected
            log.debug("the quick rebuild failed; building everything", exc_info=True)
            quick = False
            if self._maker is not None:
                self._maker.stop()
                self._maker = None
        finally:
            logging.getLogger("mkdocs").removeHandler(warnings)
        if not quick:
            full_build(config)
            return
        log.info("Documentation built in %.2f seconds (what the edit changed)", time.monotonic() - started)

    def _render_with(self, loaded, layout, specs, config) -> None:
        """The view and renderer of a build's pages (a preview's keeps parts of pages: `render.Parts`)."""
        self.view = View(loaded, layout, directory_urls=config.use_directory_urls,
                         index_pages={s.kind: s.src for s in specs if s.item is None})
        self.renderer = Renderer(self.view, [config.theme.custom_dir] if config.theme.custom_dir else [],
                                 parts=self.preview.parts if self.preview is not None else None)
        # (MkDocs dates sitemap.xml.gz with it: a gzip date is from 1970 on, a zip date from 1980 on.)
        self.update_date = max(content_date(loaded), _EARLIEST_FILE_DATE).isoformat()

    def _start(self, loaded, layout, specs, config) -> None:
        """What a build (full, or a preview's quick one) starts from: the
        portfolio's view and renderer, and nothing kept of the last build's pages."""
        self._render_with(loaded, layout, specs, config)
        self._kept, self._making, self._checked, self._texts = {}, {}, {}, {}
        self._parts_wanted, self._part_ids = {}, {}

    def _quick_rebuild(self) -> bool:
        """Make again what an edit to lessons changed, in the site the last
        build made; False (nothing done) when the edit touched anything else
        (the site's configuration or docs, a unit, a credential, the profile,
        what is published), or the portfolio has errors: then MkDocs builds
        everything."""
        last, preview = self._last, self.preview
        if last is None or preview is None or not preview.enabled:
            return False
        config, files, nav, env = last["config"], last["files"], last["nav"], last["env"]
        site = preview.site_fingerprint(config)
        if site != last["site"]:
            log.debug("preview: the site's configuration, docs or templates changed")
            return False
        folder = Path(self.config.portfolio_dir)
        preview.look(folder)
        loaded = content.load(folder, include_drafts=self.config.drafts_on_serve,
                              language=config.theme.get("language") or "en", keep=preview.keep)
        if loaded.problems.errors:
            return False
        layout = replace(layout_of(self.config), site_url=config.site_url or "")
        specs, other_files = pages(loaded, layout), outputs(loaded, layout)
        shared = preview.shared
        preview.begin(config, loaded, site)
        if preview.shared != shared or _signature(loaded, specs, other_files) != last["signature"]:
            log.debug("preview: the edit changed more than lessons (shared: %s)", preview.shared != shared)
            return False
        # From here on the site changes (with the last full build's nav, theme and pages of the docs folder).
        _say_notes_and_warnings(loaded)
        self._start(loaded, layout, specs, config)
        self.specs = {spec.src: spec for spec in specs if spec.src in self.specs}
        self.tools = tools = _tools(self.renderer.render, config, self.view)
        self._own_text = _converts_alone(config, self)
        self._make_outputs(loaded, other_files, tools, config)

        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        remade = [f for f in doc_files if self._kept_page(f.page) is None]
        for file in remade:
            file.page.markdown = file.page.content = None
            _populate_page(file.page, config, files)
        for file in doc_files:
            kept = self._kept_page(file.page)
            if kept is not None:
                file.page.content = kept.body  # what the privacy page reads (on_env)
                self._want_parts(kept.part_links)  # before any page is made: the pages they link note their ids
        env = self.on_env(env, config=config, files=files)
        index = _search_index(config)
        if index is not None:
            index.entries = []
        for file in doc_files:
            kept = self._kept_page(file.page)
            if kept is None:
                _build_page(file.page, config, doc_files, nav, env, excluded=file.inclusion.is_excluded())
            else:
                file.page.content = None
                for warning in kept.warnings:  # said at every build, as a full one does
                    log.warning(warning)
                if index is not None:
                    index.entries.extend(kept.search or [])
        self._building = {}  # the site is still the last full build's, with these pages and files made again
        config.plugins.on_post_build(config=config)
        return True

    # Adds Flipfolio's pages and files to the docs' own, before MkDocs makes the nav.
    def on_files(self, files: Files, *, config) -> Files:
        if not self.config.enabled:
            return files
        folder = Path(self.config.portfolio_dir)
        # Flipfolio's words follow the theme's language (Material's `theme.language`).
        preview = self.preview
        if preview is not None:
            preview.look(folder)
        loaded = content.load(folder, include_drafts=self.is_serve and self.config.drafts_on_serve,
                              language=config.theme.get("language") or "en",
                              keep=preview.keep if preview is not None else None, parallel=self.config.parallel)
        _say_notes_and_warnings(loaded)
        # The docs folder's pages, read as portfolio files are (docs_pages.py): before MkDocs reads them, and
        # without the portfolio folder's files (inside the docs folder, they are read as the portfolio's).
        _leave_out_portfolio_folder(files, folder)
        docs = _docs_pages(files, config, loaded.items.get("profile") is not None)
        docs_errors = [p for p in docs.problems if p.severity == "error"]
        if loaded.problems.errors or docs_errors:
            # Every error at once, then stop: a site with broken content is not built.
            raise PluginError(str(ContentError(loaded.problems.errors + docs_errors,
                                               "the site" if docs_errors else "the portfolio")))
        if loaded.messages.english_only:
            log.info(f"Flipfolio has no words in '{loaded.messages.language}' yet: its headings, buttons and pages "
                     f"show in English. Add portfolio/messages/{loaded.messages.language.split('-')[0]}.yml (see "
                     "'Pages in your language' in Flipfolio's guide)")

        layout = replace(layout_of(self.config), site_url=config.site_url or "")
        try:
            specs, other_files = pages(loaded, layout), outputs(loaded, layout)
        except ContentError as error:  # the publishing gate refused a page or file
            raise PluginError(str(error)) from None
        self._start(loaded, layout, specs, config)
        self.specs, self._languages, self._theme_checked = {}, {}, False
        if preview is not None:
            preview.begin(config, loaded)
            self._building = {"config": config, "site": preview.site,
                              "signature": _signature(loaded, specs, other_files)}
        _own_pages_as_drafts_say(files, config, folder, docs.meta)
        by_address = {f.dest_uri: f for f in files}
        for spec in specs:
            inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            if spec.draft:
                inclusion = InclusionLevel.DRAFT
            generated = File.generated(config, spec.src, content="", inclusion=inclusion)  # see on_page_read_source
            own = by_address.get(generated.dest_uri)
            if own is not None:
                # A page of the docs folder at the same address wins (a documented
                # way to replace a generated page); it is said, never silent.
                log.info("'%s/%s' has the address '%s' of the generated %s page: it replaces that page",
                         os.path.basename(config.docs_dir), own.src_uri, generated.url or "/", spec.kind)
                if spec.language:  # a family page's version: in its language, out of the navigation as it was
                    self._languages[own.src_uri] = spec.language
                    if own.inclusion.is_in_nav():
                        own.inclusion = InclusionLevel.NOT_IN_NAV
                continue
            files.append(generated)
            self.specs[spec.src] = spec

        # The publishing gate decided which portfolio files are published (publish.py).
        for path in media_files(loaded):
            if loaded.gate.refusal(path) is not None:  # pragma: no cover - the gate made the list
                raise PluginError(f"flipfolio: refusing to publish portfolio file {path!r}")
            uri = self.view.media(path)
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, abs_src_path=os.fspath(folder / path)))
        self.tools = tools = _tools(self.renderer.render, config, self.view)
        self._own_text = _converts_alone(config, self)
        try:
            self._make_outputs(loaded, other_files, tools, config, files)
        except ContentError as error:  # a lesson's text that cannot be converted (lessons/text.py)
            raise PluginError(str(error)) from None
        if files.get_file_from_path("index.md") is None and not any(f.dest_uri == "index.html" for f in files):
            log.warning("%s/index.md: the site has no home page, so its address shows 'not found'; add the file, "
                        "with 'template: flipfolio/home.html' in its front matter for your profile (as 'flipfolio "
                        "new' writes it)", os.path.basename(os.path.normpath(config.docs_dir)))
        files.append(File.generated(config, STYLESHEET, abs_src_path=os.fspath(PACKAGE / STYLESHEET)))
        files.append(File.generated(config, SCRIPT, content=client_script()))
        files.append(File.generated(config, CLASS_STYLESHEET, abs_src_path=os.fspath(PACKAGE / CLASS_STYLESHEET)))
        files.append(File.generated(config, CLASS_SCRIPT, content=client_script(CLASS_SCRIPTS)))
        self._files = files
        return files

    def _make_outputs(self, loaded, other_files, tools: Tools, config, files: Files | None = None) -> None:
        """Make the other files: a lesson's class page and print views (Flipfolio's
        own templates), a unit's offline pack (written by a function)…

        Where the system can, a second process writes them while MkDocs renders
        the pages (core/making.py; the build waits for it in `on_post_build`, and
        a page asking for a file's size waits for that file); else they are
        written now. `mkdocs build` has them written into the site
        (emptied before on_files), never held in memory: a large site
        has thousands, and a pack may hold video files. A preview writes them
        in its own folder, keeps them, and makes again only those whose key
        changed; each is linked into the site. `files`: MkDocs' files of a full
        build, which each joins; None: a quick rebuild, in the site as it is."""
        preview = self.preview
        aside = self.config.parallel and can_fork()
        jobs, waiting = [], {}
        for output in other_files:
            key = preview.file_key(output) if preview is not None else None
            kept = preview.file(output, key) if preview is not None else None
            if kept is not None:
                note_size(loaded, output.path, kept[1])
                if files is not None:  # (a quick rebuild's site has it already)
                    files.append(LinkedFile.generated(config, output.path, abs_src_path=os.fspath(kept[0])))
                continue
            dest = os.path.normpath(os.path.join(config.site_dir, output.path))
            if preview is not None:
                written = preview.place(output)
            else:
                written = dest  # (a string: a large site has thousands of them, held until made)
            if files is not None:
                placed = MadeAside if aside or preview is None else LinkedFile
                files.append(placed.generated(config, output.path, abs_src_path=os.fspath(written)))
            jobs.append((output, written))
            waiting[output.path] = (output, key, written, dest)

        def made(path: str, size: int) -> None:
            output, key, written, dest = waiting.pop(path)
            if preview is not None:
                preview.made(output, key, written, size)
                if aside or files is None:
                    place(written, dest)
            note_size(loaded, path, size)

        if aside and jobs:
            if preview is None:  # a build: what both processes would do, done once first
                for ahead in registry.hooks("ahead"):
                    ahead(loaded, self.view.layout, in_two, tools)
                loaded.messages.ready()
            self._maker = Maker(jobs, tools, made, parts=self.renderer.parts, atomic=preview is not None)
            self._maker.start()
            expect_sizes(loaded, self._maker.more)
        else:
            for output, written in jobs:
                made(output.path, write_file(output, written, tools, atomic=preview is not None))

    # A preview takes a lesson page from the previous build when nothing it is
    # made from changed (preview.py): not when lesson pages are in the
    # navigation, which every page shows.
    def on_nav(self, nav, *, config, files):
        if not self.is_serve:
            _drafts_out_of_nav(nav, config)
        if self.preview is not None:
            self._building.update(files=files, nav=nav)
            self.preview.enabled = not any(
                (spec := self.specs.get(page.file.src_uri)) is not None and spec.made_from is not None
                for page in nav.pages)
        return nav

    def _kept_page(self, page) -> KeptPage | None:
        src = page.file.src_uri
        if src not in self._kept:
            spec, kept = self.specs.get(src), None
            if self.preview is not None and spec is not None:
                key = self.preview.page_key(spec)
                found = self.preview.pages.get(src)
                kept = found if key is not None and found is not None and found.key == key else None
            self._kept[src] = kept
        return self._kept[src]

    # A generated page's Markdown is made when MkDocs reads it, not kept from
    # `on_files` on: a site of many lessons holds less.
    def on_page_read_source(self, *, page, config):
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            return None
        if self._kept_page(page) is not None:
            return ""
        text = self._lesson_text(spec)
        if text is not None:  # converted already, for the page and its unit's pack: MkDocs converts nothing
            self._texts[page.file.src_uri] = text
            return ""
        return spec.markdown

    def _lesson_text(self, spec: PageSpec) -> lesson_text.LessonText | None:
        """A lesson's text converted once for its page and its unit's offline pack
        (lessons/text.py), when the page can take it: only Flipfolio changes pages'
        Markdown and content in this site, and no link is left for MkDocs to resolve."""
        if not self._own_text or spec.kind != "lesson" or self.tools is None or self.view is None:
            return None
        text = lesson_text.text_of(self.view.portfolio, spec.item, self.tools, last=True)
        return None if text.as_written else text

    def on_page_markdown(self, markdown, *, page, config, files):
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            return self._docs_page_markdown(markdown, page, config)
        # Titles come from YAML: escaped here, since MkDocs' templates print
        # page titles as HTML (navigation, <title>, search index).
        page.meta["title"] = escape(spec.title)
        if spec.description:
            page.meta.setdefault("description", escape(spec.description))
        if spec.head:
            # Social preview metadata (Open Graph) goes into <head>, which the
            # theme makes: a thin page template places it (templates/flipfolio/social.html).
            page.meta["flipfolio_head"] = spec.head
            page.meta.setdefault("template", "flipfolio/social.html")
        if self._kept_page(page) is not None:
            page.meta["template"] = "flipfolio/kept.html"  # the page as the previous build made it
        return markdown

    def _docs_page_markdown(self, markdown: str, page, config) -> str:
        """A page of the site's own docs folder leaves out what the portfolio
        keeps private (an address of student work without consent), as a
        lesson does, with a warning for each."""
        if self.view is None or not self.view.portfolio.gate.private_addresses:
            return markdown
        source = page.file.content_string if page.file.abs_src_path else ""
        at = source.find(markdown) if markdown else -1
        name = f"{os.path.basename(os.path.normpath(config.docs_dir))}/{page.file.src_uri}"
        markdown, problems = self.view.portfolio.gate.without_private(
            markdown, name, source[:at].count("\n") + 1 if at > 0 else 1)
        for problem in problems:
            log.warning(str(problem))
        return markdown

    def on_page_content(self, html, *, page, config, files):
        kept = self._kept_page(page)
        if kept is not None:
            self._want_parts(kept.part_links)  # checked again: the page it links may have changed
            return kept.body
        spec = self.specs.get(page.file.src_uri)
        text = self._texts.pop(page.file.src_uri, None)
        wanted = []
        if text is not None:
            # The text converted once, with this page's addresses; its outline and ids, as MkDocs gives them.
            targets = lesson_text.page_targets(self.view.portfolio.gate, self.view.layout, spec.item, page.url,
                                               config.use_directory_urls)
            html = links.filled(text.html, text.links, targets)
            page.toc = get_toc([dict(token) for token in text.toc])
            page.present_anchor_ids = text.anchors()
            wanted = [(key, (spec.item.file, line, written, part)) for key, part, line, written
                      in lesson_text.part_links(self.view.portfolio.gate, spec.item, text, (spec.kind, spec.item.id))]
            self._want_parts(wanted)
        elif spec is not None and spec.kind == "artifact":
            self._want_parts([(key, (spec.item.text_file, line, written, part)) for key, part, line, written
                              in artifact_part_links(self.view.portfolio, spec.item)])
        if spec is not None and spec.kind in _TEXT_PAGES:
            # The last word on what the text a teacher wrote runs: its HTML, whatever way its Markdown took
            # (the checks of the Markdown name the line, and stop the build before, in every usual case).
            unsafe = text.unsafe if text is not None else bodycheck.unsafe_in_html(html)
            if unsafe:
                name, file = _TEXT_PAGES[spec.kind], getattr(spec.item, "text_file", spec.item.file)
                body = spec.item.body if spec.kind == "lesson" else ""  # (read once: a lesson reads its file)
                raise PluginError(str(ContentError([
                    Problem(file, bodycheck.unsafe_html_message(what, name),
                            line=bodycheck.line_written(what, body, spec.item.body_line) if body else None)
                    for what in unsafe])))
        if self.preview is not None and spec is not None and spec.made_from is not None:
            self._making[page.file.src_uri] = {"body": html, "part_links": wanted}
        return html

    # Flipfolio renders the page's content with its own templates just before
    # the page is rendered, ahead of search (which indexes the content at
    # priority 0), so that everything a page shows is searchable (what must not
    # be, such as answers, is marked data-search-exclude). A lesson's pre-class
    # block (videos, transcripts, questions) and in-class block (videos watched
    # in class) join its text at their marks (lessons/pages.py).
    @event_priority(50)
    def on_page_context(self, context, *, page, config, nav):
        if self.view is None:
            return context
        self._theme_speaks(config, self._version_language(page))
        kept = self._kept_page(page)
        index = _search_index(config)
        if kept is not None:
            page.content, page.toc = kept.content or "", kept.toc
            self._note_part_ids(page, ids=kept.ids)
            if index is not None and kept.search is not None:
                # Its search entries as the previous build made them: search skips the page,
                # and nothing reads its content again (its page is made already).
                page.meta["search"] = {"exclude": True}
                index.entries.extend(kept.search)
                page.content = ""
            return context
        spec = self.specs.get(page.file.src_uri)
        template = spec.template if spec is not None else page.meta.get("template")
        if spec is None and template not in CONTENT_TEMPLATES:
            return context
        item = spec.item if spec is not None else None
        body = page.content or ""
        if spec is not None and spec.kind == "lesson":
            body = place_blocks(body, item, self.view, partial(self.renderer.render, page_url=page.url), last=True)
        language = self._version_language(page)
        view = self.view.in_language(language) if language else self.view
        page.content = self.renderer.render(template, page_url=page.url, body=body, item=item,
                                            contacts=self.contacts, ff=view)
        self._note_part_ids(page, page.content)
        making = self._making.get(page.file.src_uri)
        if making is not None:
            making.update(content=page.content, search=len(index.entries) if index is not None else None)
        self._check_content(page, spec, index, config, again=making is None)
        return context

    def _want_parts(self, wanted: list) -> None:
        """Note links of a lesson's text or an evidence page to a part of a page
        ((the page's (kind, id), (file, line, link, part))), by the page's source path."""
        for (kind, item_id), link in wanted:
            self._parts_wanted.setdefault(self.view.layout.src(kind, item_id), []).append(link)

    def _note_part_ids(self, page, content: str = "", ids: frozenset | None = None) -> None:
        """The ids of a page that a lesson links a part of (checked once every page is made):
        those of its `content`, or `ids` (a page a preview kept)."""
        if page.file.src_uri in self._parts_wanted:
            self._part_ids[page.file.src_uri] = ids if ids is not None else lesson_text.ids_in(content)

    def _check_part_links(self) -> None:
        """Warnings for links of lesson texts and evidence pages to a part that their page does not have."""
        for src, wanted in self._parts_wanted.items():
            ids = self._part_ids.get(src)
            kept = self._kept.get(src)
            if ids is None and kept is not None:  # a page a preview kept: its ids as it was made
                ids = kept.ids
            if ids is None:
                continue  # (a page not made in this build)
            for file, line, written, part in wanted:
                problem = lesson_text.missing_part(file, line, written, part, ids)
                if problem is not None:
                    log.warning(str(problem))
        self._parts_wanted, self._part_ids = {}, {}

    def _check_content(self, page, spec, index, config, again: bool) -> None:
        """The content checks of a page Flipfolio rendered, and its entries in
        Material's search index, from one reading of its content: search
        then skips the page (its own `search` settings in the front matter
        leave the indexing to search). A preview does neither again for a
        page made every time (`again`: an index) when its content is the same."""
        if "search" in page.meta:
            index = None
        src = page.file.src_uri
        cache = self.preview.checked if self.preview is not None and again else None
        found = cache.get(src) if cache is not None else None
        digest = _digest(page.url, str(page.title or ""), page.content or "") if cache is not None else ""
        if found is not None and found[0] == digest and (found[1] is None) == (index is None):
            warnings = found[2]
            if index is not None:
                index.entries.extend(dict(entry) for entry in found[1])
        else:
            content = page.content or ""
            reader = _search_reader() if index is not None else None
            # The theme prints the page's title as its <h1> when the content has none.
            # A list's rows are kept from one build to the next (a preview's render.Parts): each is read once.
            parts = self.renderer.parts if self.renderer is not None else None
            findings = audit.audit(content, listeners=(reader,) if reader is not None else (),
                                   first_level=0 if "<h1" in content else 1,
                                   parts=parts.used(page.url) if parts is not None else (),
                                   known=parts.known if parts is not None else None)
            warnings = [str(problem) for problem in self._finding_problems(findings, page, spec, config)]
            mark = len(index.entries) if index is not None else 0
            if index is not None:  # what search's own on_page_context does with its parser's sections
                for section in reader.data:
                    if not section.is_excluded():
                        index.create_entry_for_section(section, page.toc, page.url, page)
            if cache is not None:
                cache[src] = (digest, [dict(e) for e in index.entries[mark:]] if index is not None else None, warnings)
        if index is not None:
            page.meta["search"] = {"exclude": True}
        self._checked[src] = warnings

    # Reproducible builds: MkDocs dates every page (sitemap.xml and its .gz)
    # with the clock unless SOURCE_DATE_EPOCH is set; use the content's date.
    def on_pre_page(self, page, *, config, files):
        if self.update_date is not None and "SOURCE_DATE_EPOCH" not in os.environ:
            page.update_date = self.update_date
        return page

    # The privacy page lists `contacts`. The list is made here, when every
    # page's HTML is known and none is written yet (lesson pages let go of
    # theirs once written): links in any page are in it (privacy.py).
    def on_env(self, env, *, config, files):
        # MkDocs makes the theme's environment for each build, and no template
        # changes during one: Jinja need not look at each template's file
        # every time a page includes it (some 40 times a page).
        env.auto_reload = False
        compiled_once(env)  # the theme's templates, compiled once, not once per build
        if self.preview is not None:
            self._building["env"] = env
        if self.view is not None:
            # The page of a missing address: shown at any address, so its links start at the site's own.
            root = config.site_url if (config.site_url or "").endswith("/") else (config.site_url or "") + "/"
            env.globals["ff_not_found"] = Markup(self.renderer.render("flipfolio/not-found.html", page_url="404.html",
                                                                      root=root))
            own = [privacy.host_of(config.site_url or "")]
            theme_links = [config.repo_url or ""] + [s.get("link", "") for s in config.extra.get("social") or []]
            if config.theme.name == "material" and config.extra.get("generator", True):
                theme_links.append("https://squidfunk.github.io/mkdocs-material/")  # "Made with Material for MkDocs"
            read = self.preview.addresses if self.preview is not None else privacy.addresses_in_html
            self.contacts = privacy.contacts(
                self.view.portfolio,
                [f.page.content or "" for f in files.documentation_pages() if f.page is not None]
                + [config.copyright or ""],
                theme_links, own_hosts=own, read=read,
                loads=[a for load in theme_loads(config) for a in load.addresses],
            )
            docs = os.path.basename(config.docs_dir)
            for file in files.documentation_pages():  # the site's own pages (lesson text is checked with the lesson)
                if file.page is None or file.src_uri in self.specs:
                    continue
                for host in privacy.loaded_hosts(read(file.page.content or ""), own):
                    log.warning(f"{docs}/{file.src_uri}: the page loads from {host} as soon as it opens, so that site "
                                f"sees every visitor (the privacy page says so); save the file in {docs}/ and show "
                                "it from there, or link to it instead")
        return env

    def _check_theme_output(self, output: str, page, config) -> None:
        """What the theme's templates (the site's own in `custom_dir` too) load
        from another site as a page opens, seen in the first page written: a
        warning for each site the privacy page does not list (what the theme's
        settings load, `theme_loads`, it lists)."""
        theme_part = output.replace(page.content, "") if page.content else output
        listed = {host for contact in self.contacts if privacy.PAGE in contact.when for host in contact.hosts}
        own = [privacy.host_of(config.site_url or "")]
        for host in privacy.loaded_hosts(privacy.addresses_in_html(theme_part), own):
            if host not in listed:
                log.warning(f"the theme's templates load from {host} as every page opens, so that site sees every "
                            "visitor, and the privacy page does not list it: take it out of the template (in "
                            f"'{config.theme.custom_dir or 'the theme'}') or save the file in the site")

    def on_post_build(self, *, config):
        self._check_part_links()
        self._emptied()
        maker, self._maker = self._maker, None
        if maker is not None:
            try:
                maker.finish()
            except ContentError as error:
                raise PluginError(str(error)) from None
            except MakingFailed as error:
                raise PluginError(f"flipfolio: a file of the site could not be made:\n{error}") from None
        if self._dirty and self.view is not None and self._files is not None:  # (every file made by now)
            _stale_pages_out(config.site_dir, self.view.layout, self._files)
        if self.preview is not None and "config" in self._building:
            self._last, self._building = self._building, {}
        if self.preview is not None:
            parts = self.preview.parts
            log.debug("preview: %d of %d parts of pages kept from the previous build",
                      parts.kept, parts.kept + parts.made)
            self.preview.forget_unseen()
            for kind in ("lesson", "unit"):
                made = [src for src, spec in self.specs.items() if spec.kind == kind]
                log.debug("preview: %d of %d %s pages kept from the previous build",
                          sum(self._kept.get(src) is not None for src in made), len(made), kind)

    def on_build_error(self, *, error):
        self._theme_back()
        self._emptied()
        if self._maker is not None:
            self._maker.stop()
            self._maker = None

    def on_shutdown(self):
        self._emptied()
        if self._undo_first_build is not None:
            self._undo_first_build()
            self._undo_first_build = None
        if self._nudge is not None:
            self._nudge.close()
            self._nudge = None
        if self.preview is not None:
            self.preview.close()

    def _version_language(self, page) -> str:
        """The language of a family page's version (``family/es/``), or "" for any other page."""
        spec = self.specs.get(page.file.src_uri)
        return spec.language if spec is not None else self._languages.get(page.file.src_uri, "")

    def _theme_speaks(self, config, language: str) -> None:
        """The theme's own words (search, skip link, menus) in `language` while
        a version's page is rendered, if the theme has that language (Material's
        ``partials/languages/``: ``es-MX`` falls back to ``es``); `_theme_back`
        puts the site's back once the page is made, or the build failed."""
        theme = config.theme
        if not language:
            return
        found = _theme_language(tuple(theme.dirs), language)
        if found is not None and found[0] != theme.get("language"):
            self._theme_back()
            self._theme_switched = (theme, theme.get("language"))
            theme["language"] = found[0]

    def _theme_back(self) -> None:
        if self._theme_switched is not None:
            theme, language = self._theme_switched
            theme["language"], self._theme_switched = language, None

    # Content checks axe cannot make (audit.py): images without alt text, videos
    # without captions, links with no text, skipped heading levels. Warnings, so
    # `mkdocs build --strict` fails; only the page's own content is checked:
    # the content Flipfolio rendered (read in on_page_context, with search),
    # or, for a page of the docs folder, the theme's page as written.
    # Each warning names the file and line where the element was written
    # (bodycheck.py), never a line of the built page.
    @event_priority(-100)  # last: what a preview keeps is the page as written
    def on_post_page(self, output, *, page, config):
        self._theme_back()
        kept = self._kept_page(page) if self.view is not None else None
        if kept is not None:
            for warning in kept.warnings:
                log.warning(warning)
            page.markdown = page.content = None
            # The page as the previous build wrote it, linked into the site: MkDocs writes nothing.
            place(kept.file, page.file.abs_dest_path)
            return ""
        if self.view is None:
            return output
        if not self._theme_checked:
            self._theme_checked = True
            self._check_theme_output(output, page, config)
        spec = self.specs.get(page.file.src_uri)
        language = self._version_language(page)
        if language:  # a family page's version: the page is in its language (its title, its text)
            output = _HTML_TAG.sub(lambda m: _in_language(m.group(), language), output, count=1)
            output = _site_words_marked(output, config.theme.get("language") or "en", language)
        output = _skip_to_content(output, _skip_words(tuple(config.theme.dirs), language or config.theme.get("language") or "en"))
        preview, index = self.preview, _search_index(config)
        warnings = self._checked.pop(page.file.src_uri, None)
        if warnings is None:  # a page of the docs folder, checked as the theme wrote it
            # A preview checks again only a page whose HTML changed.
            digest = _digest(output) if preview is not None else ""
            found = preview.audited.get(page.file.src_uri) if preview is not None else None
            if found is not None and found[0] == digest:
                warnings = found[1]
            else:
                findings = audit.audit(output, scope_class="md-content__inner")
                warnings = [str(problem) for problem in self._finding_problems(findings, page, spec, config)]
                if preview is not None:
                    preview.audited[page.file.src_uri] = (digest, warnings)
        for warning in warnings:
            log.warning(warning)
        key = preview.page_key(spec) if preview is not None and spec is not None else None
        making = self._making.pop(page.file.src_uri, None)
        if key is not None and making is not None and "content" in making:
            mark = making["search"]
            data = output.encode("utf-8", errors="xmlcharrefreplace")  # as MkDocs writes it
            file = preview.keep_page(page.file.src_uri, key, data, page.file.abs_dest_path)
            search = [dict(entry) for entry in index.entries[mark:]] if index is not None and mark is not None \
                else None
            preview.pages[page.file.src_uri] = KeptPage(
                key, making["body"], making["content"] if search is None else None, page.toc, file, warnings,
                making.get("part_links", []), search=search, ids=frozenset(lesson_text.ids_in(making["content"])))
            output = ""  # written: MkDocs writes nothing
        if spec is not None and spec.kind == "lesson":
            # Written and indexed: nothing reads the page's text again. A
            # lesson page is the bulk of a large site; keeping every one
            # until the build ends would hold the whole site in memory.
            page.markdown = page.content = None
        return output

    def _finding_problems(self, findings: list, page, spec, config) -> list:
        """The content checks' findings in a page, each naming where it was written."""
        if not findings:
            return []
        if spec is not None and spec.kind == "lesson":
            return bodycheck.lesson_finding_problems(findings, spec.item)
        if spec is not None:
            return bodycheck.page_finding_problems(
                findings, getattr(spec.item, "file", "") or f"the generated page {page.file.src_uri}")
        if page.file.generated_by or not page.file.abs_src_path:
            return bodycheck.page_finding_problems(findings, f"the generated page {page.file.src_uri}")
        # A page of the docs folder: its Markdown is read again, only when it has a finding.
        try:
            text = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            text = None
        return bodycheck.page_finding_problems(findings, f"{os.path.basename(config.docs_dir)}/{page.file.src_uri}",
                                               text)


class _WarningCount(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class _PlacedPages(logging.Filter):
    def __init__(self, plugin: FlipfolioPlugin):
        super().__init__()
        self.plugin = plugin

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if not message.startswith("Page skipped: '") or self.plugin.preview is None:
            return True
        src = message[len("Page skipped: '"):].split("'", 1)[0]
        return src not in self.plugin.preview.pages


class MadeAside(File):
    """A file Flipfolio writes into the site itself (in this process or in
    `Maker`'s): MkDocs copies nothing."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


class LinkedFile(File):
    """A file the preview made (never one of the teacher's), placed in the
    preview's site by a hard link, not a copy (a copy where a link cannot be
    made): a preview places thousands of files after every edit. The files
    linked are never written to again: a new version is a new file (see on_files)."""

    def copy_file(self, dirty: bool = False) -> None:
        if self._content is not None or not self.abs_src_path:
            return super().copy_file(dirty)
        output = self.abs_dest_path
        try:
            os.makedirs(os.path.dirname(output), exist_ok=True)
            if os.path.lexists(output):
                os.remove(output)
            os.link(self.abs_src_path, output)
        except OSError:
            super().copy_file(dirty)


def _digest(*parts: str) -> str:
    return hashlib.blake2b("\0".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _signature(portfolio, specs, other_files) -> tuple:
    """What a quick rebuild needs unchanged: the pages (each address, kind,
    template, whether a draft or in the navigation; the title of every page
    but a lesson's, which only its own page shows), the other files and the
    portfolio files published."""
    return (tuple((s.src, s.kind, s.template, s.in_nav, s.draft, "" if s.kind == "lesson" else s.title,
                   s.description if s.kind != "lesson" else "", s.made_from is None, s.language) for s in specs),
            tuple(f.path for f in other_files), tuple(media_files(portfolio)))


def _search_index(config):
    """Material's search index being made in this build (None without it)."""
    plugin = config.plugins.get("material/search")
    index = getattr(plugin, "search_index", None) if plugin is not None and plugin.config.get("enabled", True) else None
    return index if isinstance(getattr(index, "entries", None), list) else None


def _search_reader():
    """What divides a page into search's sections as Material's search parser
    does (search.py), to be told the page's HTML as the content checks read it."""
    from .search import SectionReader

    return SectionReader()


def _converts_alone(config, plugin) -> bool:
    """Whether no other plugin (or hook) changes pages' Markdown or content:
    then a lesson page can take its text converted once for it and its unit's
    offline pack. Otherwise MkDocs converts the page's Markdown, which the
    others then see as they expect."""
    return all(getattr(method, "__self__", None) is plugin
               for event in ("page_markdown", "page_content") for method in config.plugins.events.get(event, ()))


def _tools(render, config, view=None) -> Tools:
    """What the files made by a function get from MkDocs (`outputs.Tools`)."""
    # (Made once per build, for files such as a unit's offline pack.)
    convert, convert_toc = markdown_converter(config.markdown_extensions, config.mdx_configs)
    return Tools(render, convert, config.use_directory_urls, convert_toc, view)


_HTML_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_SKIP = re.compile(r'<div data-md-component="skip">.*?</div>', re.S)
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset"(?=>)')
_SKIP_WORDS = re.compile(r'"action\.skip":\s*"([^"]*)"')


@functools.lru_cache(maxsize=16)
def _theme_language(dirs: tuple, language: str) -> tuple[str, Path] | None:
    """The language Material has for `language` (``es-MX`` as ``es``) and its
    file of words (``partials/languages/``), or None."""
    for name in (language, language.split("-")[0]):
        for folder in dirs:
            found = Path(folder) / "partials" / "languages" / f"{name}.html"
            if found.is_file():
                return name, found
    return None


@functools.lru_cache(maxsize=16)
def _skip_words(dirs: tuple, language: str) -> str:
    """Material's "Skip to content" in `language`, or English."""
    for found in (_theme_language(dirs, language), _theme_language(dirs, "en")):
        words = _SKIP_WORDS.findall(found[1].read_text(encoding="utf-8")) if found is not None else []
        if words:
            return words[0]
    return "Skip to content"


def _skip_to_content(output: str, words: str) -> str:
    """Material's "Skip to content" goes to the page's first heading of its
    outline, and is missing from a page without one (the badge wall, a
    credential's page): every page's leads to the start of its content."""
    if not _ARTICLE.search(output) or not _SKIP.search(output):
        return output
    output = _ARTICLE.sub(lambda m: m.group() + ' id="ff-content" tabindex="-1"', output, count=1)
    link = f'<a href="#ff-content" class="md-skip">{escape(words)}</a>'
    return _SKIP.sub(lambda m: f'<div data-md-component="skip">{link}</div>', output, count=1)


#: Where Material writes the site's own words on every page (its name, the navigation's titles) and
#: where the page's outline, in the page's language, sits inside them (partials/nav.html, tabs.html, header.html).
_SITE_WORDS = re.compile(r'<(?:label class="md-nav__title" for="__drawer"|ul class="md-nav__list" data-md-scrollfix|'
                         r'ul class="md-tabs__list"|div class="md-header__topic")(?=>)')
_OUTLINE = re.compile(r'<nav class="md-nav md-nav--secondary"')


def _site_words_marked(output: str, site: str, language: str) -> str:
    """A version's page (in `language`) with the site's own words that the
    theme shows on it (the site's name, the navigation's titles) marked as the
    site's language, and the page's outline within them as the page's (WCAG
    3.1.2): the theme's words are the version's already (`_theme_speaks`)."""
    if site == language:
        return output
    differ = catalogue_direction(site) != catalogue_direction(language)

    def marks(lang: str) -> str:
        return f' lang="{escape(lang)}"' + (f' dir="{catalogue_direction(lang)}"' if differ else "")

    output = _SITE_WORDS.sub(lambda m: m.group() + marks(site), output)
    return _OUTLINE.sub(lambda m: m.group() + marks(language), output)


def _in_language(tag: str, language: str) -> str:
    """The page's ``<html>`` tag saying `language` and its direction (WCAG 3.1.1)."""
    tag = re.sub(r"\s(?:lang|dir)=(\"[^\"]*\"|'[^']*'|[^\s>]*)", "", tag)
    return f'{tag[:5]} lang="{escape(language)}" dir="{catalogue_direction(language)}"{tag[5:]}'


#: Fields of a lesson's front matter that a page of the docs folder has no use for.
_LESSON_FIELDS = ("unit", "videos", "questions", "due", "assigned", "flip", "stations")


def _stale_pages_out(site_dir: str, layout, files: Files) -> None:
    """In a build into the last one's site (``mkdocs build --dirty``), MkDocs
    leaves every file it does not write: a lesson made a draft since, or a
    credential made private, would stay published (its page, its notes sheet,
    its unit's booklet). In the folders of the generated pages' kinds
    (``lessons/``…), each file no file of this build is goes, and each folder
    left empty."""
    written = {file.dest_uri for file in files if not file.inclusion.is_excluded()}  # (a draft: not written)
    for prefix in sorted(set(layout.prefixes.values())):
        top = os.path.join(site_dir, *prefix.split("/"))
        if not prefix.strip("/") or not os.path.isdir(top):  # (pages at the site's root: left as MkDocs leaves them)
            continue
        gone = set()
        for folder, _, names in os.walk(top, topdown=False):
            for name in names:
                path = os.path.join(folder, name)
                if os.path.relpath(path, site_dir).replace(os.sep, "/") not in written:
                    os.remove(path)
                    gone.add(os.path.relpath(folder, site_dir).replace(os.sep, "/"))
            if folder != top and not os.listdir(folder):
                os.rmdir(folder)
        for folder in sorted(f for f in gone if not any(f.startswith(g + "/") for g in gone)):
            log.info("'%s/' held files no longer published: taken out of the site built before (--dirty)", folder)


def _say_notes_and_warnings(loaded) -> None:
    """What the portfolio's loading found that does not stop a build, by file and line."""
    for problem in by_place(loaded.problems.notes):
        log.info(str(problem))
    for problem in by_place(loaded.problems.warnings):
        log.warning(str(problem))


def _drafts_out_of_nav(nav, config) -> None:
    """A draft page that the site's `nav` lists (a page of the docs folder
    that says it is a draft) is left out of the navigation of a build: MkDocs
    leaves the page out but lists it, as a link to nowhere, on every page."""
    docs = os.path.basename(os.path.normpath(config.docs_dir))

    def kept(items: list) -> list:
        found = []
        for item in items:
            if isinstance(item, Page) and item.file.inclusion.is_excluded():
                log.info("'%s/%s' is a draft: it is left out of the navigation too", docs, item.file.src_uri)
                continue
            if isinstance(item, Section):
                item.children = kept(item.children)
                if not item.children:
                    continue
            found.append(item)
        return found

    if not any(page.file.inclusion.is_excluded() for page in nav.pages):
        return
    nav.items = kept(nav.items)
    nav.pages = [page for page in nav.pages if not page.file.inclusion.is_excluded()]
    for n, page in enumerate(nav.pages):
        page.previous_page = nav.pages[n - 1] if n else None
        page.next_page = nav.pages[n + 1] if n + 1 < len(nav.pages) else None


def _docs_pages(files: Files, config, profile: bool):
    """The docs folder's pages as `docs_pages.read_pages` reads them; their warnings and notes said."""
    docs = os.path.basename(os.path.normpath(config.docs_dir))
    pages = [(f.src_uri, f.abs_src_path) for f in files.documentation_pages()
             if not f.generated_by and f.abs_src_path and f.inclusion != InclusionLevel.EXCLUDED]
    found = read_pages(pages, docs, config.theme.dirs, profile)
    for problem in found.notes:
        log.info(str(problem))
    for problem in found.problems:
        if problem.severity == "warning":
            log.warning(str(problem))
    return found


def _own_pages_as_drafts_say(files: Files, config, folder: Path, metas: dict[str, dict]) -> None:
    """A page of the docs folder whose front matter says it is a draft
    (``status: draft``, as a lesson says, or ``draft: true``) is left out of
    the built site as a draft lesson is (MkDocs' draft: the preview shows it).
    A page there with a lesson's fields is said: lessons are read from the
    portfolio folder, and such a page would be published as a plain page."""
    docs = os.path.basename(os.path.normpath(config.docs_dir))
    for file in files.documentation_pages():
        if file.generated_by or not file.abs_src_path or file.inclusion == InclusionLevel.EXCLUDED:
            continue
        meta = metas.get(file.src_uri)
        if not meta:
            continue
        if str(meta.get("status", "")).strip().lower() == "draft" or str(meta.get("draft", "")).strip().lower() in (
                "true", "yes", "on"):
            file.inclusion = InclusionLevel.DRAFT
            log.info("'%s/%s' is a draft: it is left out of the site until it says otherwise", docs, file.src_uri)
        found = [name for name in _LESSON_FIELDS if name in meta]
        if found:
            log.warning("%s/%s: the page has a lesson's fields (%s), but lessons are read from the portfolio "
                        "folder's lessons/: this page is published as a plain page, without its videos or "
                        "questions. Move it to %s/lessons/", docs, file.src_uri, ", ".join(found), folder.name)


def _leave_out_portfolio_folder(files: Files, folder: Path) -> None:
    """A portfolio folder inside the docs folder would have MkDocs publish all
    of it (drafts, private credentials): its files reach the site only
    through the publishing gate."""
    root = os.path.realpath(folder)
    inside = [f for f in files if f.abs_src_path and (os.path.realpath(f.abs_src_path) + os.sep).startswith(root + os.sep)]
    for file in inside:
        files.remove(file)
    if inside:
        log.info("the portfolio folder is inside the docs folder: its files are published only through Flipfolio")
