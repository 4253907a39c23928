"""The `flipfolio` command: scaffold a portfolio, check one, write its schemas; the
features add theirs (`videos fetch`, the credentials' commands)."""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import yaml

from . import __version__
from .core.format import json_schemas
from .core.model import load
from .core.problems import Problem, by_place

SCAFFOLD = Path(__file__).resolve().parent / "scaffold"
SCHEMA_DIR = ".schemas"


def write_schemas(folder: Path) -> list[Path]:
    """Write one JSON Schema per kind of file into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in json_schemas().items():
        path = folder / name
        path.write_text(json.dumps(schema, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        written.append(path)
    return written


def find_portfolio(target: Path) -> Path:
    """The portfolio folder for a site folder, an mkdocs.yml, or a portfolio folder."""
    config = target if target.is_file() else target / "mkdocs.yml"
    if config.is_file():
        folder = "portfolio"
        # mkdocs.yml may hold tags such as !ENV; read it leniently, we need one option.
        loader = type("Lenient", (yaml.SafeLoader,), {})
        loader.add_multi_constructor("", lambda l, suffix, node: None)
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=loader) or {}
        for plugin in data.get("plugins") or []:
            if isinstance(plugin, dict) and isinstance(plugin.get("flipfolio"), dict):
                named = plugin["flipfolio"].get("portfolio_dir")
                folder = named if isinstance(named, str) else folder  # (a tag such as !ENV reads as None here)
        return config.parent / folder
    return target


WORKFLOW = Path(".github") / "workflows" / "publish.yml"
PYPI_NOTE = "from PyPI, once Flipfolio is published there (it is not yet)"


def _git(checkout: str, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", checkout, *args], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _https(address: str) -> str | None:
    """A public https address for a git remote, or None (local paths, credentials)."""
    scp = re.fullmatch(r"[\w.-]+@([\w.-]+):(?!/)(.+)", address)  # git@github.com:owner/repo.git
    if scp:
        address = f"https://{scp[1]}/{scp[2]}"
    elif address.startswith("ssh://"):  # ssh://git@github.com/owner/repo.git
        ssh = urlsplit(address)
        address = f"https://{ssh.hostname}{ssh.path}" if ssh.hostname else ""
    parts = urlsplit(address)
    if parts.scheme != "https" or not parts.hostname or "@" in parts.netloc or "$" in address:
        return None
    return address


def install_requirement(direct_url: dict | None = None, version: str = __version__, git=_git) -> tuple[str, str]:
    """What `pip install` needs to install this same Flipfolio on another machine (the site's CI), and
    a note saying where that is. From pip's record of where Flipfolio came from (direct_url.json): the
    git repository and commit it was installed from, or, for an install from a git checkout, that
    checkout's https remote (at its commit, when that commit is on a remote branch); else PyPI."""
    if direct_url is None:
        try:
            direct_url = json.loads(distribution("flipfolio").read_text("direct_url.json") or "null")
        except (PackageNotFoundError, ValueError):
            direct_url = None
    url = direct_url.get("url", "") if isinstance(direct_url, dict) else ""
    vcs = direct_url.get("vcs_info") if isinstance(direct_url, dict) else None
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and _https(url):
        revision = vcs.get("requested_revision") or vcs.get("commit_id")
        return (f"flipfolio @ git+{url}" + (f"@{revision}" if revision else ""),
                "the repository you installed Flipfolio from")
    if url.startswith("file://") and "dir_info" in direct_url:
        checkout = url2pathname(urlsplit(url).path)
        remote = _https(git(checkout, "remote", "get-url", "origin") or "")
        if remote:
            commit = git(checkout, "rev-parse", "HEAD")
            pushed = commit and git(checkout, "branch", "--remotes", "--contains", commit)
            return (f"flipfolio @ git+{remote}" + (f"@{commit}" if pushed else ""),
                    "the repository of the checkout you installed Flipfolio from")
    if version and not version.startswith("0+"):
        return f"flipfolio=={version}", PYPI_NOTE
    return "flipfolio", PYPI_NOTE


def write_workflow(site: Path) -> tuple[str, str]:
    """Write the install line into the site's GitHub Pages workflow (copied from the scaffold)."""
    path = site / WORKFLOW
    requirement, note = install_requirement()
    if not path.is_file():  # (a Flipfolio packaged without its dot-folders)
        return requirement, note
    text, count = re.subn(r'(?m)^  FLIPFOLIO: .*$', lambda _: f"  FLIPFOLIO: {json.dumps(requirement)}   # {note}",
                          path.read_text(encoding="utf-8"), count=1)
    if count:
        path.write_text(text, encoding="utf-8")
    return requirement, note


def cmd_new(args) -> int:
    target = Path(args.dir)
    if target.exists() and any(target.iterdir()):
        print(f"flipfolio: '{target}' exists and is not empty; choose a new folder name", file=sys.stderr)
        return 2
    shutil.copytree(SCAFFOLD, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
    write_schemas(target / "portfolio" / SCHEMA_DIR)
    _, note = write_workflow(target)
    print(f"Created a portfolio site in {target}/")
    if target.resolve() != Path.cwd().resolve():
        print(f"  cd {shlex.quote(str(target))}")  # (quoted: a folder name may have spaces)
    print("  mkdocs serve        # preview while you edit; drafts are shown")
    print("  flipfolio check --strict   # lists what to change before you publish (the REPLACE-ME marks)")
    print("  mkdocs build --strict   # the site to publish, in site/")
    print(f"{WORKFLOW.as_posix()} publishes the site on GitHub Pages at each 'git push' once set up")
    print("(see 'Publish with GitHub Pages' in Flipfolio's guide).")
    if note == PYPI_NOTE:
        print(f"Flipfolio is not on PyPI yet: in {WORKFLOW.as_posix()}, set FLIPFOLIO to the address of the "
              "repository you installed Flipfolio from.")
    return 0


def cmd_check(args) -> int:
    """Every check that needs no built page: the site's mkdocs.yml (the
    flipfolio plugin's options above all), then the portfolio folder."""
    target = Path(args.dir)
    if target.is_file() and target.suffix.lower() not in (".yml", ".yaml"):
        print(f"flipfolio: '{target}' is a file: 'flipfolio check' checks a whole site or portfolio (every file "
              "at once); run it in your site's folder, the one with mkdocs.yml, or name that folder")
        return 1
    config_file = target if target.is_file() else target / "mkdocs.yml"
    problems: list[Problem] = []
    notes: list[Problem] = []
    folder: Path | None = target
    site_markdown = site = None
    if config_file.is_file():
        from .mkdocs.config import check_site_config

        site = check_site_config(config_file)
        problems += site.problems
        site_markdown = site.markdown
        folder = site.portfolio  # None: its option is wrong, which is said already
        if folder is not None and folder.is_absolute():  # named from the site's folder, as in mkdocs.yml
            try:
                folder = config_file.parent / os.path.relpath(folder, config_file.parent.absolute())
            except ValueError:  # another drive
                pass
    elif not _looks_like_portfolio(target):
        print(f"flipfolio: no site or portfolio in '{target}' (no mkdocs.yml, profile.yml, lessons/ or units/): run "
              "'flipfolio check' in your site's folder, the one with mkdocs.yml, or name it: 'flipfolio check "
              "path/to/site'; 'flipfolio new my-site' starts one")
        return 1
    # (The files read in two processes where the system can: a large portfolio is checked sooner.)
    portfolio = load(folder, include_drafts=False, parallel=True) if folder is not None else None
    if portfolio is not None:
        problems += portfolio.problems
        notes += portfolio.problems.notes
        if site_markdown is not None and not portfolio.problems.errors:
            problems += _converted_problems(portfolio, *site_markdown)
    if site is not None and site.docs_pages:  # the docs folder's pages, as a build reads them first
        found, said = site.docs_problems(profile=portfolio is not None and portfolio.items.get("profile") is not None)
        problems += found
        notes += said
    for problem in by_place(problems):
        print(f"{problem.severity}: {problem}")
    for problem in by_place(notes):
        print(f"note: {problem}")
    errors = sum(p.severity == "error" for p in problems)
    warnings = sum(p.severity == "warning" for p in problems)
    where = folder if folder is not None else config_file
    if not errors and not warnings and portfolio is not None:
        print(
            f"{where}: {len(portfolio.lessons)} lessons, {len(portfolio.units)} units, "
            f"{len(portfolio.question_sets)} question sets, {len(portfolio.credentials)} credentials: no problems. "
            f"{BUILD_ONLY}"
        )
        return 0
    print(f"{where}: {errors} error(s), {warnings} warning(s)")
    return 1 if errors or (args.strict and warnings) else 0


#: What only a build checks (it needs the pages built), as the check's last line says it.
BUILD_ONLY = ("Only 'mkdocs build --strict' checks what needs the built pages: heading levels, links to a part of a "
              "page ('…#part'), and the pictures, links and headings of the docs folder's pages")


def _converted_problems(portfolio, extensions: list, configs: dict) -> list[Problem]:
    """What the build would stop on in the lessons' text once converted with
    the site's Markdown extensions (`lessons.text.converted_problems`)."""
    from .core.outputs import markdown_converter
    from .lessons.text import converted_problems

    return converted_problems(portfolio, markdown_converter(extensions, configs)[1])


def _looks_like_portfolio(folder: Path) -> bool:
    return any((folder / name).exists() for name in ("profile.yml", "lessons", "units"))


def cmd_schema(args) -> int:
    for path in write_schemas(Path(args.dir)):
        print(path)
    return 0


def cmd_videos_fetch(args) -> int:
    from .videos.fetch import fetch_portfolio

    folder = find_portfolio(Path(args.dir))
    if not folder.is_dir():
        print(f"flipfolio: no portfolio folder at '{folder}'", file=sys.stderr)
        return 2
    results = fetch_portfolio(folder, missing_only=args.missing, timeout=args.timeout)
    failed = [r for r in results if not r.ok]
    print(f"{len(results)} video(s): {len(results) - len(failed)} ok, {len(failed)} failed; "
          f"stored in {folder / 'videos.lock'} (commit this folder)")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="flipfolio", description="Publish flipped lessons as a portfolio site.")
    parser.add_argument("--version", action="version", version=f"flipfolio {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    new = commands.add_parser("new", help="create a portfolio site with one sample of each kind of file")
    new.add_argument("dir", help="folder to create")
    new.set_defaults(run=cmd_new)

    check = commands.add_parser("check", help="check a portfolio without building; exits 1 on errors")
    check.add_argument("dir", nargs="?", default=".", help="site folder (with mkdocs.yml) or portfolio folder")
    check.add_argument("--strict", action="store_true", help="fail on warnings too, as mkdocs build --strict does")
    check.set_defaults(run=cmd_check)

    schema = commands.add_parser("schema", help="write JSON Schemas of the file kinds, for editors")
    schema.add_argument("dir", nargs="?", default="portfolio/" + SCHEMA_DIR, help="folder to write into")
    schema.set_defaults(run=cmd_schema)

    videos = commands.add_parser("videos", help="video metadata: 'flipfolio videos fetch' goes online once")
    video_commands = videos.add_subparsers(dest="videos_command", required=True)
    fetch = video_commands.add_parser(
        "fetch", help="store title, length, chapters, thumbnail and captions of every video in videos.lock/"
    )
    fetch.add_argument("dir", nargs="?", default=".", help="site folder (with mkdocs.yml) or portfolio folder")
    fetch.add_argument("--missing", action="store_true", help="only videos not fetched before")
    fetch.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for a server (default 10)")
    fetch.set_defaults(run=cmd_videos_fetch)

    from .credentials.cli import add_commands as add_credentials_commands

    add_credentials_commands(commands, find_portfolio)

    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
