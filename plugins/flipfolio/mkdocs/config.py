"""Options of the `flipfolio` plugin in mkdocs.yml, and the check of a site's
mkdocs.yml that `flipfolio check` makes without building."""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError
from mkdocs.exceptions import Abort
from mkdocs.utils.yaml import yaml_load

from ..core import features as registry
from ..core.outputs import ROOT_PAGES, Layout
from ..core.problems import Problem, did_you_mean, show
from ..core.sources import yaml_error


class _Prefix(c.Type):
    """A web address prefix such as 'lessons': lowercase words and slashes."""

    def __init__(self, default: str):
        super().__init__(str, default=default)

    def run_validation(self, value):
        value = super().run_validation(value).strip("/")
        if not value or not all(part.replace("-", "").isalnum() and part.islower() for part in value.split("/")):
            raise ValidationError(f"expected lowercase words joined by '-' or '/', e.g. 'lessons', found {value!r}")
        return value


#: The address options (one per kind of page a feature makes, ``<default>_url``),
#: in the order they are named in messages, with their default and what a page
#: under each is called.
ADDRESS_OPTIONS = {f"{default}_url": (default, page) for page, (default, _) in registry.prefixes().items()}
#: What lives at an option's own address.
_AT = {f"{default}_url": what for _, (default, what) in registry.prefixes().items()}
#: Addresses of other generated pages, which no prefix may take.
TAKEN = {**ROOT_PAGES, **registry.root_pages()}


def layout_of(config) -> Layout:
    """The page addresses the plugin's options give."""
    return Layout({page: config[option] for option, (_, page) in ADDRESS_OPTIONS.items()})


def address_clashes(addresses: dict[str, str]) -> list[tuple[str, str]]:
    """What is wrong with the address prefixes taken together, as (option,
    message) pairs, at most one per option; `addresses` maps options of
    ADDRESS_OPTIONS to their (each already valid) values.

    Prefixes must differ, must not lie inside one another (with lessons at
    'work' and credentials at 'work/badges', a lesson called 'badges' would
    have the badge wall's address) and must not take another generated
    page's address."""
    names = [name for name in ADDRESS_OPTIONS if name in addresses]
    values = [addresses[name] for name in names]
    clashes: list[tuple[str, str]] = []
    for index, name in enumerate(names):
        value = addresses[name]
        if value in TAKEN:
            clashes.append((name, f"{value!r} is {TAKEN[value]}; choose another address, e.g. 'my-{value}'"))
            continue
        for earlier in names[:index]:
            other = addresses[earlier]
            if value == other:
                if not any("must differ" in message for _, message in clashes):
                    listed = f"{', '.join(repr(n) for n in names[:-1])} and {names[-1]!r}"
                    clashes.append((name, f"{listed} must differ, found {', '.join(repr(v) for v in values)}"))
                break
            if value.startswith(other + "/") or other.startswith(value + "/"):
                outer, inner = (earlier, name) if value.startswith(other + "/") else (name, earlier)
                part = addresses[inner][len(addresses[outer]) + 1:].split("/")[0]
                default, page = ADDRESS_OPTIONS[outer]
                better = f"{addresses[outer]}/{default}"
                example = f", e.g. '{outer}: {better}'" if better not in values else ""
                clashes.append((name, f"{outer!r} is {addresses[outer]!r} and {inner!r} is {addresses[inner]!r}: "
                                      f"one may not lie inside the other (a {page} called {part!r} would have "
                                      f"the address of {_AT[inner]}); choose addresses side by side{example}"))
                break
    return clashes


class _PortfolioDir(c.Dir):
    """`c.Dir(exists=True)`, whose message names a folder of another letter case
    ('Portfolio' for 'portfolio'), and what creates one."""

    def __init__(self, **kwargs):
        super().__init__(exists=True, **kwargs)

    def run_validation(self, value):
        try:
            return super().run_validation(value)
        except c.ValidationError as error:
            folder = os.path.join(getattr(self, "config_dir", None) or "", str(value))
            parent, name = os.path.split(os.path.normpath(folder))
            try:
                near = [n for n in os.listdir(parent or ".") if n.lower() == name.lower() and n != name
                        and os.path.isdir(os.path.join(parent or ".", n))]
            except OSError:
                near = []
            hint = (f"; a folder '{near[0]}' is there: names differ in letter case on most systems, so rename it "
                    f"to '{name}' or write 'portfolio_dir: {near[0]}'" if near else
                    "; 'flipfolio new' creates a site with its portfolio folder")
            raise c.ValidationError(f"{str(error).rstrip('.')}{hint}") from None


class _Options(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing its options."""

    portfolio_dir = _PortfolioDir(default="portfolio")
    """The teacher's portfolio folder, relative to mkdocs.yml."""

    drafts_on_serve = c.Type(bool, default=True)
    """Show draft lessons while previewing with `mkdocs serve` (never in `mkdocs build`)."""

    parallel = c.Type(bool, default=True)
    """A build reads the portfolio's files in two processes, and makes the files that are
    not pages (packs, sheets, exports) in a second process while it renders the pages,
    where the system can (core/making.py)."""

    def validate(self):
        failed, warnings = super().validate()
        if not failed:
            for name, message in address_clashes({name: self[name] for name in ADDRESS_OPTIONS}):
                failed.append((name, ValidationError(message)))
        return failed, warnings


#: The plugin's options: the ones above, and an address prefix per kind of page
#: the features make (``lessons_url``, ``units_url``, ``credentials_url``, …).
FlipfolioConfig = type("FlipfolioConfig", (_Options,), {
    "__module__": __name__,
    "__doc__": "Options of the `flipfolio` plugin in mkdocs.yml.",
    **{option: _Prefix(default) for option, (default, _) in ADDRESS_OPTIONS.items()},
})


# -- `flipfolio check`: what the build would say about mkdocs.yml, without building.

@dataclass
class SiteCheck:
    """Problems of a site's mkdocs.yml and the portfolio folder it names
    (None when the option naming it is wrong)."""

    problems: list[Problem] = field(default_factory=list)
    portfolio: Path | None = None
    #: How the site converts Markdown (its `markdown_extensions` and their configs), once it loads.
    markdown: tuple[list, dict] | None = None
    #: The pages of its docs folder ((path there, file path) each), the folder's name and where the
    #: theme's templates are, once it loads (`docs_pages.read_pages`).
    docs_pages: list[tuple[str, str]] = field(default_factory=list)
    docs_name: str = "docs"
    template_dirs: list[str] = field(default_factory=list)

    def docs_problems(self, profile: bool) -> tuple[list[Problem], list[Problem]]:
        """The problems and the notes of the docs folder's pages, as a build says them."""
        from .docs_pages import read_pages

        found = read_pages(self.docs_pages, self.docs_name, self.template_dirs, profile)
        return found.problems, found.notes


def check_site_config(config_file: Path) -> SiteCheck:
    """Check `config_file` (a site's mkdocs.yml) as `mkdocs build` does before
    building: every option of the flipfolio plugin (each bad one, all at once,
    with its line), then the rest of the file with MkDocs' own `load_config`.
    Errors stop a build; warnings stop `mkdocs build --strict`."""
    name = config_file.name
    check = SiteCheck(portfolio=config_file.parent / "portfolio")
    try:
        with open(config_file, "rb") as fd:
            data = yaml_load(fd)
    except Exception as error:  # not YAML, an INHERIT file missing, unreadable
        check.problems.append(_unreadable(config_file, error))
        return check
    if not isinstance(data, dict):
        check.problems.append(Problem(name, "expected the site's options ('site_name:', 'plugins:' …), found "
                                             f"{show(data)}"))
        return check
    options = _plugin_options(data)
    lines = _option_lines(config_file)
    if options is None:
        check.problems.append(Problem(
            name, "the flipfolio plugin is not in 'plugins', so the site has no lesson or credential pages; "
                  "add '- flipfolio' under 'plugins:'", line=lines.get(""), severity="warning"))
    else:
        check.portfolio = _check_options(options, config_file, lines, check.problems)
        if options.get("enabled") is False:
            check.problems.append(Problem(
                name, "plugin option 'enabled': the flipfolio plugin is turned off, so the site is built without its "
                      "pages, and a page using its templates (the home page's 'template: flipfolio/home.html') "
                      "cannot be built; remove the line to turn it on", line=lines.get("enabled"), severity="warning"))
    if not any(p.severity == "error" for p in check.problems):
        found, check.markdown, loaded = _mkdocs_problems(config_file, theme=options is not None)
        check.problems += found
        if loaded is not None and options is not None and options.get("enabled") is not False:
            _docs_folder(loaded, check)
    return check


def _docs_folder(loaded, check: SiteCheck) -> None:
    """The pages of the site's docs folder (not the portfolio folder's, if it is inside), and where the
    theme's templates are, Flipfolio's thin page templates too (the plugin adds them: plugin.py)."""
    from mkdocs.structure.files import get_files

    try:
        files = get_files(loaded)
    except Exception:  # noqa: BLE001 - MkDocs says what is wrong with the docs folder when it builds
        return
    portfolio = os.path.realpath(check.portfolio) + os.sep if check.portfolio is not None else None
    check.docs_pages = [(f.src_uri, f.abs_src_path) for f in files.documentation_pages()
                        if f.abs_src_path and not (portfolio and os.path.realpath(f.abs_src_path).startswith(portfolio))]
    check.docs_name = os.path.basename(os.path.normpath(loaded.docs_dir))
    check.template_dirs = list(loaded.theme.dirs) + [str(Path(__file__).resolve().parent / "templates")]


def _plugin_options(data: dict) -> dict | None:
    """The flipfolio plugin's options in a loaded mkdocs.yml, or None when the
    plugin is not used."""
    plugins = data.get("plugins")
    if isinstance(plugins, dict):  # plugins: {search: {}, flipfolio: {...}}
        entries = list(plugins.items())
    elif isinstance(plugins, list):  # plugins: [search, {flipfolio: {...}}]
        entries = [next(iter(p.items())) if isinstance(p, dict) and len(p) == 1 else (p, {}) for p in plugins]
    else:
        entries = []
    for plugin, options in entries:
        if plugin == "flipfolio":
            return options if isinstance(options, dict) else {}
    return None


def _check_options(options: dict, config_file: Path, lines: dict, problems: list[Problem]) -> Path | None:
    """Validate the plugin's options with MkDocs' own option types, every bad
    one at once (MkDocs stops at the first); returns the portfolio folder when
    its option is valid."""
    name = config_file.name
    config = FlipfolioConfig(config_file_path=str(config_file))
    config.load_dict(options)
    known = [key for key, _ in config._schema]
    failed: list[str] = []
    for key, option in config._schema:
        try:
            option.pre_validation(config, key_name=key)
            config[key] = option.validate(config.get(key))
            option.post_validation(config, key_name=key)
        except ValidationError as error:
            problems.append(Problem(name, f"plugin option '{key}': {error}", line=lines.get(key)))
            failed.append(key)
        for warning in option.warnings:
            problems.append(Problem(name, f"plugin option '{key}': {warning}", line=lines.get(key), severity="warning"))
        option.reset_warnings()
    for key in options:
        if key not in known:
            problems.append(Problem(name, f"plugin option '{key}': flipfolio has no such option; remove it or "
                                          "check its spelling", line=lines.get(key), hint=did_you_mean(key, known),
                                    severity="warning"))
    if not any(key in ADDRESS_OPTIONS for key in failed):
        for key, message in address_clashes({key: config[key] for key in ADDRESS_OPTIONS}):
            problems.append(Problem(name, f"plugin option '{key}': {message}", line=lines.get(key)))
    return None if "portfolio_dir" in failed else Path(config.portfolio_dir)


def _option_lines(config_file: Path) -> dict[str, int]:
    """Line of each flipfolio option in mkdocs.yml ("" for the 'plugins' key),
    as far as the file itself says (not an INHERIT parent)."""
    lines: dict[str, int] = {}
    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    except Exception:
        return lines
    if not isinstance(root, yaml.MappingNode):
        return lines
    for key, value in root.value:
        if key.value != "plugins":
            continue
        lines[""] = key.start_mark.line + 1
        entries = value.value if isinstance(value, (yaml.SequenceNode, yaml.MappingNode)) else []
        pairs = [entry.value[0] for entry in entries if isinstance(entry, yaml.MappingNode) and entry.value] \
            if isinstance(value, yaml.SequenceNode) else entries
        for plugin, options in pairs:
            if plugin.value == "flipfolio" and isinstance(options, yaml.MappingNode):
                lines.update((k.value, k.start_mark.line + 1) for k, _ in options.value if isinstance(k.value, str))
    return lines


def _mkdocs_problems(config_file: Path, theme: bool = True) -> tuple[list[Problem], tuple[list, dict] | None, object]:
    """What MkDocs' own loading of mkdocs.yml reports (theme, other plugins,
    navigation …), except the flipfolio plugin's options, checked already;
    with `theme`, what the theme would load from other sites (`theme_loads`),
    as a build with the plugin says. And the site's Markdown extensions and
    their configs, when it loads."""
    from mkdocs.config import load_config

    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = records.append
    logger = logging.getLogger("mkdocs")
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    problems: list[Problem] = []
    markdown = loaded = None
    try:
        loaded = load_config(str(config_file))
        problems += [load.problem(config_file.name) for load in (theme_loads(loaded) if theme else ())]
        markdown = (list(loaded["markdown_extensions"]), dict(loaded["mdx_configs"]))
    except Abort:
        pass  # its reasons were logged
    except Exception as error:
        problems.append(Problem(config_file.name, _sentence(error)))
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
    for record in records:
        text = record.getMessage()
        if "Plugin 'flipfolio'" in text:
            continue
        text = re.sub(r"^Config value '([^']+)': ", r"option '\1': ", text)
        problems.append(Problem(config_file.name, text,
                                severity="error" if record.levelno >= logging.ERROR else "warning"))
    return problems, markdown, loaded


def _sentence(error: Exception) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def _unreadable(config_file: Path, error: Exception) -> Problem:
    """Why mkdocs.yml cannot be read, with the line when it is not YAML."""
    try:
        text = config_file.read_text(encoding="utf-8-sig")
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        line, message = yaml_error(text, exc)
        return Problem(config_file.name, message, line=line + 1 if line is not None else None)
    except Exception:
        pass
    return Problem(config_file.name, _sentence(error))


# ---- What the theme loads from other sites

@dataclass(frozen=True)
class ThemeLoad:
    """An address the theme makes every visitor's browser load as a page opens,
    because of `setting` in mkdocs.yml, and what to do about it."""

    addresses: tuple[str, ...]
    setting: str
    what: str
    instead: str

    def problem(self, config_file: str = "mkdocs.yml") -> Problem:
        return Problem(config_file, f"{self.what} as soon as a page opens, so that site sees every visitor (the "
                                    f"privacy page says so); {self.instead}", field=self.setting, severity="warning")


_ABSOLUTE = re.compile(r"^(?:https?:)?//", re.IGNORECASE)
#: How Material finds the repository whose facts (stars, forks) its script asks for (its `fetchSourceFacts`).
_GITHUB = re.compile(r"^.+github\.com/([^/]+)/?([^/]+)?", re.IGNORECASE)
_GITLAB = re.compile(r"^.+?([^/]*gitlab[^/]+)/(.+?)/?$", re.IGNORECASE)


def theme_loads(config) -> list[ThemeLoad]:
    """What the site's theme settings make every page load from another site:
    Material's fonts (Google Fonts, unless `font: false`), its analytics, the
    repository facts its script asks for (`repo_url`), and scripts, style
    sheets and pictures given by another site's address."""
    found: list[ThemeLoad] = []
    theme, extra = config.theme, config.extra or {}
    if theme.name == "material":
        if theme.get("font") is not False:
            found.append(ThemeLoad(("https://fonts.googleapis.com/css", "https://fonts.gstatic.com/"), "theme.font",
                                   "the theme loads its fonts from Google Fonts",
                                   "set 'font: false' under 'theme:' to use the fonts of the visitor's device"))
        analytics = extra.get("analytics") or {}
        if isinstance(analytics, dict) and analytics.get("provider") == "google" and analytics.get("property"):
            found.append(ThemeLoad(("https://www.googletagmanager.com/gtag/js",), "extra.analytics",
                                   "Google Analytics is loaded", "remove 'analytics' under 'extra:'"))
        repo = (config.repo_url or "").strip()
        facts = None
        if (match := _GITHUB.match(repo)) is not None:
            facts = f"https://api.github.com/repos/{match.group(1)}"
        elif (match := _GITLAB.match(repo)) is not None:
            facts = f"https://{match.group(1)}/api/v4/projects/"
        if facts:
            found.append(ThemeLoad((facts,), "repo_url", "the theme asks the repository's site for its stars and "
                                   "forks", "remove 'repo_url' (a link to the repository in a page does not do this)"))
        for name in ("logo", "favicon"):
            value = str(theme.get(name) or "")
            if _ABSOLUTE.match(value):
                found.append(ThemeLoad((value,), f"theme.{name}", f"the {name} is loaded from another site",
                                       f"save the picture in docs/ and give its path as '{name}'"))
    for name in ("extra_javascript", "extra_css"):
        for item in config.get(name) or []:
            value = str(getattr(item, "path", item) or "")
            if _ABSOLUTE.match(value):
                found.append(ThemeLoad((value,), name, f"'{value}' is loaded from another site",
                                       "save the file in docs/ and give its path instead"))
    return found
