"""The `flipfolio` MkDocs plugin: thin glue between MkDocs and the content model.

Order of work in a build:

- `on_config`: resolve options, put the package templates after the site's
  `custom_dir` (so a site can override any of them) and add the stylesheet;
- `on_files`: load and check the portfolio, report every problem at once,
  add one generated page per lesson, unit and credential plus the two index
  pages (a real Markdown file at the same path wins), and copy the media
  files published pages show;
- `on_page_read_source`, `on_page_markdown`: give generated pages their
  Markdown (made only now), title and template;
- `on_page_context`: put a lesson's pre-class block (videos, transcripts,
  questions) into its content before search indexes it, and hand templates
  the `ff` view and the page's item;
- `on_pre_page`, `on_env`, `on_post_page`: reproducible page dates, the
  privacy page's list of other sites, build-time content checks (below).
"""

from __future__ import annotations

import os
from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from .. import audit, privacy
from .. import portfolio as content
from ..problems import ContentError
from ..site import PRE_CLASS_MARK, Layout, PageSpec, content_date, media_files, pages
from ..views import View
from .config import FlipfolioConfig

log = get_plugin_logger(__name__)

PACKAGE = Path(__file__).resolve().parent.parent
TEMPLATES = PACKAGE / "templates"
STYLESHEET = "assets/flipfolio/flipfolio.css"
SCRIPTS = ["assets/flipfolio/video.js"]  # loaded by the templates of the pages that need them


class FlipfolioPlugin(BasePlugin[FlipfolioConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.is_serve = False
        self.specs: dict[str, PageSpec] = {}
        self.view: View | None = None
        self.env = None
        self.update_date: str | None = None

    def on_startup(self, *, command, dirty):
        self.is_serve = command == "serve"

    def on_config(self, config):
        if not self.config.enabled:
            return
        # (Address prefixes that clash are refused with the options: config.py.)
        # Package templates come right after the site's custom_dir, which MkDocs
        # puts first: a site overrides any Flipfolio template by copying it there.
        dirs = config.theme.dirs
        position = 1 if config.theme.custom_dir and dirs and dirs[0] == config.theme.custom_dir else 0
        if str(TEMPLATES) not in dirs:
            dirs.insert(position, str(TEMPLATES))
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        return config

    def on_serve(self, server, *, config, builder):
        if self.config.enabled:
            server.watch(self.config.portfolio_dir)
        return server

    # Runs after other plugins (e.g. search) saw the docs' own files, before the nav.
    def on_files(self, files: Files, *, config) -> Files:
        if not self.config.enabled:
            return files
        folder = Path(self.config.portfolio_dir)
        loaded = content.load(folder, include_drafts=self.is_serve and self.config.drafts_on_serve)
        for problem in loaded.problems.warnings:
            log.warning(str(problem))
        if loaded.problems.errors:
            # Every error at once, then stop: a site with broken content is not built.
            raise PluginError(str(ContentError(loaded.problems.errors)))

        layout = Layout(self.config.lessons_url, self.config.units_url, self.config.credentials_url)
        self.view = View(loaded, layout, directory_urls=config.use_directory_urls)
        self.update_date = content_date(loaded).isoformat()
        self.specs = {}
        _leave_out_portfolio_folder(files, folder)
        by_address = {f.dest_uri: f for f in files}
        for spec in pages(loaded, layout):
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
        for asset in [STYLESHEET, *SCRIPTS]:
            files.append(File.generated(config, asset, abs_src_path=os.fspath(PACKAGE / asset)))
        return files

    # A generated page's Markdown is made when MkDocs reads it, not kept from
    # `on_files` on: a site of many lessons holds less.
    def on_page_read_source(self, *, page, config):
        spec = self.specs.get(page.file.src_uri)
        return spec.markdown if spec is not None else None

    def on_page_markdown(self, markdown, *, page, config, files):
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            return markdown
        # Titles come from YAML: escaped here, since MkDocs' templates print
        # page titles as HTML (navigation, <title>, search index).
        page.meta["title"] = escape(spec.title)
        page.meta.setdefault("template", spec.template)
        if spec.item is not None and getattr(spec.item, "summary", ""):
            page.meta.setdefault("description", escape(spec.item.summary))
        return markdown

    # The pre-class block (videos, chapters, transcripts, questions) joins the
    # lesson's content just before the page is rendered, ahead of search (which
    # indexes the content at priority 0), so its transcripts are searchable;
    # until then each page keeps only its Markdown body's HTML.
    @event_priority(50)
    def _insert_pre_class(self, context, *, page, config, nav):
        spec = self.specs.get(page.file.src_uri)
        if spec is None or spec.kind != "lesson":
            return context
        if self.env is None:
            self.env = config.theme.get_env()
        block = self.env.get_template("flipfolio/partials/pre-class.html").render(
            ff=self.view, lesson=spec.item, qset=self.view.question_set_of(spec.item), page=page,
            base_url=_base_url(page), config=config, has_before_heading=spec.extra["has_before_heading"],
        )
        for video in spec.item.videos:
            video.info.release_cues()  # in the page now; no need to keep them
        page.content = page.content.replace(PRE_CLASS_MARK, block, 1)
        return context

    @event_priority(-50)  # (run later) so other plugins have filled the context first
    def _add_view(self, context, *, page, config, nav):
        if self.view is None:
            return context
        context["ff"] = self.view
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            context["ff_page"] = spec
            context["ff_item"] = spec.item
        return context

    on_page_context = CombinedEvent(_insert_pre_class, _add_view)

    # Reproducible builds: MkDocs dates every page (sitemap.xml and its .gz)
    # with the clock unless SOURCE_DATE_EPOCH is set; use the content's date.
    def on_pre_page(self, page, *, config, files):
        if self.update_date is not None and "SOURCE_DATE_EPOCH" not in os.environ:
            page.update_date = self.update_date
        return page

    # The privacy page calls `ff_contacts()`. The list is made here, when every
    # page's HTML is known and none is written yet (lesson pages let go of
    # theirs once written): links in any page are in it (privacy.py).
    def on_env(self, env, *, config, files):
        if self.view is not None:
            own = [privacy.host_of(config.site_url or "")]
            theme_links = [config.repo_url or ""] + [s.get("link", "") for s in config.extra.get("social") or []]
            if config.theme.name == "material" and config.extra.get("generator", True):
                theme_links.append("https://squidfunk.github.io/mkdocs-material/")  # "Made with Material for MkDocs"
            contacts = privacy.contacts(
                self.view.portfolio,
                [f.page.content or "" for f in files.documentation_pages() if f.page is not None]
                + [config.copyright or ""],
                theme_links, own_hosts=own,
            )
            env.globals["ff_contacts"] = lambda: contacts
        return env

    # Content checks axe cannot make (audit.py): images without alt text, videos
    # without captions, links with no text, skipped heading levels. Warnings, so
    # `mkdocs build --strict` fails; only the page's own content is checked.
    # Each warning names the file and line where the element was written
    # (bodycheck.py), never a line of the built page.
    def on_post_page(self, output, *, page, config):
        if self.view is not None:
            from .. import bodycheck

            spec = self.specs.get(page.file.src_uri)
            findings = audit.audit(output, scope_class="md-content__inner")
            if not findings:
                problems = []
            elif spec is not None and spec.kind == "lesson":
                problems = bodycheck.lesson_finding_problems(findings, spec.item)
            elif spec is not None:
                problems = bodycheck.page_finding_problems(
                    findings, getattr(spec.item, "file", "") or f"the generated page {page.file.src_uri}")
            elif page.file.generated_by or not page.file.abs_src_path:
                problems = bodycheck.page_finding_problems(findings, f"the generated page {page.file.src_uri}")
            else:  # a page of the docs folder: its Markdown is read again, only when it has a finding
                try:
                    text = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")
                except (OSError, UnicodeDecodeError):
                    text = None
                problems = bodycheck.page_finding_problems(
                    findings, f"{os.path.basename(config.docs_dir)}/{page.file.src_uri}", text)
            for problem in problems:
                log.warning(str(problem))
            if spec is not None and spec.kind == "lesson":
                # Written and indexed: nothing reads the page's text again. A
                # lesson page is the bulk of a large site; keeping every one
                # until the build ends would hold the whole site in memory.
                page.markdown = page.content = None
        return output


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


def _base_url(page) -> str:
    # What MkDocs' `url` filter needs to make addresses relative to the page.
    from mkdocs.utils import get_relative_url

    return get_relative_url(".", page.url)
