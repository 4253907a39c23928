"""The `flipfolio` command: scaffold a portfolio, check one, write its schemas."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

import yaml

from . import __version__
from .portfolio import load
from .problems import Problem
from .schema import json_schemas

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


def cmd_new(args) -> int:
    target = Path(args.dir)
    if target.exists() and any(target.iterdir()):
        print(f"flipfolio: '{target}' exists and is not empty; choose a new folder name", file=sys.stderr)
        return 2
    shutil.copytree(SCAFFOLD, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
    write_schemas(target / "portfolio" / SCHEMA_DIR)
    print(f"Created a portfolio site in {target}/")
    print(f"  cd {target}")
    print("  mkdocs serve        # preview while you edit; drafts are shown")
    print("  mkdocs build --strict   # the site to publish, in site/")
    return 0


def cmd_check(args) -> int:
    """Every check that needs no built page: the site's mkdocs.yml (the
    flipfolio plugin's options above all), then the portfolio folder."""
    target = Path(args.dir)
    config_file = target if target.is_file() else target / "mkdocs.yml"
    problems: list[Problem] = []
    folder: Path | None = target
    if config_file.is_file():
        from .mkdocs.config import check_site_config

        site = check_site_config(config_file)
        problems += site.problems
        folder = site.portfolio  # None: its option is wrong, which is said already
        if folder is not None and folder.is_absolute():  # named from the site's folder, as in mkdocs.yml
            try:
                folder = config_file.parent / os.path.relpath(folder, config_file.parent.absolute())
            except ValueError:  # another drive
                pass
    portfolio = load(folder, include_drafts=False) if folder is not None else None
    if portfolio is not None:
        problems += portfolio.problems
    for problem in problems:
        print(f"{problem.severity}: {problem}")
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    where = folder if folder is not None else config_file
    if not problems and portfolio is not None:
        print(
            f"{where}: {len(portfolio.lessons)} lessons, {len(portfolio.units)} units, "
            f"{len(portfolio.question_sets)} question sets, {len(portfolio.credentials)} credentials: no problems"
        )
        return 0
    print(f"{where}: {errors} error(s), {warnings} warning(s)")
    return 1 if errors or (args.strict and warnings) else 0


def cmd_schema(args) -> int:
    for path in write_schemas(Path(args.dir)):
        print(path)
    return 0


def cmd_videos_fetch(args) -> int:
    from .fetch import fetch_portfolio

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

    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
