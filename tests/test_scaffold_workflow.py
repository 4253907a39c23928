"""The GitHub Pages workflow `flipfolio new` writes, and the files a built wheel must carry for it.

Nothing here reaches GitHub: the workflow is read as YAML, and the install line is
worked out from pip's record of where Flipfolio came from (given, or this install's)."""

from __future__ import annotations

import glob
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

try:
    import tomllib
except ImportError:  # Python 3.10
    tomllib = pytest.importorskip("tomli")

from flipfolio import __version__
from flipfolio.cli import PYPI_NOTE, WORKFLOW, install_requirement

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "plugins" / "flipfolio"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def new_site(tmp_path) -> Path:
    site = tmp_path / "my-site"
    done = subprocess.run([sys.executable, "-m", "flipfolio", "new", str(site)], env=ENV,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return site


def steps_of(job: dict) -> list[dict]:
    return job["steps"]


def test_new_writes_a_workflow_that_checks_builds_strictly_and_deploys(tmp_path):
    site = new_site(tmp_path)
    workflow = yaml.safe_load((site / WORKFLOW).read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # (YAML 1.1 reads a bare 'on' as true)
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}

    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    uses = [step.get("uses", "").split("@")[0] for step in steps_of(build)]
    runs = [step.get("run", "") for step in steps_of(build)]
    assert uses[:2] == ["actions/checkout", "actions/setup-python"]
    install = next(i for i, run in enumerate(runs) if "pip install" in run)
    assert 'pip install "$FLIPFOLIO"' in runs[install]
    check = runs.index("flipfolio check --strict")
    built = runs.index("mkdocs build --strict")
    configure, upload = uses.index("actions/configure-pages"), uses.index("actions/upload-pages-artifact")
    assert install < check < built < upload and configure < upload  # nothing is uploaded unless both pass
    assert steps_of(build)[upload]["with"] == {"path": "site"}

    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [step["uses"].split("@")[0] for step in steps_of(deploy)] == ["actions/deploy-pages"]
    assert "page_url" in deploy["environment"]["url"]

    # The install line: one line near the top, written by 'flipfolio new' for this Flipfolio.
    requirement, note = install_requirement()
    assert workflow["env"]["FLIPFOLIO"] == requirement
    lines = (site / WORKFLOW).read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if line.startswith("  FLIPFOLIO:")] == [
        f"  FLIPFOLIO: {json.dumps(requirement)}   # {note}"]
    assert "REPLACE-ME" not in "\n".join(lines)


def test_the_workflow_steps_fail_on_the_placeholders_and_pass_once_they_are_replaced(tmp_path):
    """The steps GitHub runs after installing Flipfolio, run here the same way."""
    site = new_site(tmp_path)
    workflow = yaml.safe_load((site / WORKFLOW).read_text(encoding="utf-8"))
    commands = [step["run"].split() for step in workflow["jobs"]["build"]["steps"]
                if step.get("run", "").startswith(("flipfolio ", "mkdocs "))]
    assert commands == [["flipfolio", "check", "--strict"], ["mkdocs", "build", "--strict"]]

    def run_steps():
        return [subprocess.run([sys.executable, "-m", *command], cwd=site, env=ENV, capture_output=True,
                               text=True, timeout=300) for command in commands]

    checked, built = run_steps()
    assert checked.returncode == 1 and built.returncode != 0  # nothing is published with the placeholders
    assert checked.stdout.count("(marked REPLACE-ME)") == 4
    for path, old, new in [
        ("portfolio/profile.yml", "Your Name", "Ana Rivera"),
        ("portfolio/profile.yml", "Your School", "Bayside Middle School"),
        ("portfolio/lessons/first-lesson.md", "watch?v=REPLACE-ME1", "watch?v=Ze4Wq1hJ9sM"),
        ("portfolio/credentials/first-credential.yml", "The organisation that awarded it", "Coastal Educators"),
    ]:
        file = site / path
        lines = [(line.replace(old, new).split("# REPLACE-ME")[0].rstrip() if old in line else line)
                 for line in file.read_text(encoding="utf-8").splitlines()]
        file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    checked, built = run_steps()
    assert checked.returncode == 0, checked.stdout
    assert built.returncode == 0, built.stderr
    assert (site / "site" / "index.html").is_file()  # what upload-pages-artifact takes: path site


def test_new_writes_a_gitignore_that_keeps_the_built_site_out_of_git(tmp_path):
    site = new_site(tmp_path)
    ignored = (site / ".gitignore").read_text(encoding="utf-8").split()
    assert "site/" in ignored
    assert not any("videos.lock" in line or "portfolio" in line for line in ignored)  # those are committed


def test_the_new_command_says_how_the_site_is_published(tmp_path):
    site = tmp_path / "s"
    done = subprocess.run([sys.executable, "-m", "flipfolio", "new", str(site)], env=ENV,
                          capture_output=True, text=True, timeout=120)
    assert ".github/workflows/publish.yml" in done.stdout
    assert "flipfolio check --strict" in done.stdout
    if install_requirement()[1] == PYPI_NOTE:
        assert "set FLIPFOLIO" in done.stdout


GIT_COMMIT = "0123456789abcdef0123456789abcdef01234567"


def no_git(*args):
    raise AssertionError("git is not needed here")


@pytest.mark.parametrize("direct_url, git, expected", [
    # installed with pip install "flipfolio @ git+https://…": that repository at that commit
    ({"url": "https://git.example/teachers/flipfolio", "vcs_info": {"vcs": "git", "commit_id": GIT_COMMIT}},
     no_git, f"flipfolio @ git+https://git.example/teachers/flipfolio@{GIT_COMMIT}"),
    # ... at the tag or branch asked for
    ({"url": "https://git.example/teachers/flipfolio",
      "vcs_info": {"vcs": "git", "commit_id": GIT_COMMIT, "requested_revision": "v0.1.0"}},
     no_git, "flipfolio @ git+https://git.example/teachers/flipfolio@v0.1.0"),
    # installed with pip install . from a git checkout: its remote, at the commit when that is pushed
    ({"url": "file:///home/ana/flipfolio", "dir_info": {"editable": True}},
     lambda checkout, *args: {("remote", "get-url", "origin"): "git@git.example:teachers/flipfolio.git",
                              ("rev-parse", "HEAD"): GIT_COMMIT,
                              ("branch", "--remotes", "--contains", GIT_COMMIT): "origin/main"}[args],
     f"flipfolio @ git+https://git.example/teachers/flipfolio.git@{GIT_COMMIT}"),
    ({"url": "file:///home/ana/flipfolio", "dir_info": {}},
     lambda checkout, *args: {("remote", "get-url", "origin"): "ssh://git@git.example:22/teachers/flipfolio",
                              ("rev-parse", "HEAD"): GIT_COMMIT,
                              ("branch", "--remotes", "--contains", GIT_COMMIT): ""}[args],
     "flipfolio @ git+https://git.example/teachers/flipfolio"),  # (a local commit: the remote's newest)
    # never a local path, a password or a token in a file that is pushed
    ({"url": "file:///home/ana/flipfolio", "dir_info": {}}, lambda checkout, *args: None, f"flipfolio=={__version__}"),
    ({"url": "file:///home/ana/flipfolio", "dir_info": {}},
     lambda checkout, *args: "https://ana:s3cret@git.example/teachers/flipfolio" if args[0] == "remote" else None,
     f"flipfolio=={__version__}"),
    ({"url": "https://ana:${TOKEN}@git.example/teachers/flipfolio",
      "vcs_info": {"vcs": "git", "commit_id": GIT_COMMIT}}, no_git, f"flipfolio=={__version__}"),
    ({"url": "file:///home/ana/flipfolio-0.1.0.tar.gz", "archive_info": {}}, no_git, f"flipfolio=={__version__}"),
    # installed from PyPI (once it is there): no record, the same version
    ({}, no_git, f"flipfolio=={__version__}"),
])
def test_the_install_line_is_where_this_flipfolio_came_from(direct_url, git, expected):
    requirement, note = install_requirement(direct_url, git=git)
    assert requirement == expected
    assert (note == PYPI_NOTE) == requirement.startswith("flipfolio==")


def test_an_uninstalled_source_folder_installs_the_newest_published_flipfolio():
    assert install_requirement({}, version="0+unknown", git=no_git) == ("flipfolio", PYPI_NOTE)


def test_a_built_wheel_carries_every_scaffold_file():
    """setuptools expands package-data patterns with glob(recursive=True), whose '*' and '**' skip
    names starting with a dot: each scaffold file (.gitignore, .github/workflows/publish.yml) must
    still be matched by some pattern, or `flipfolio new` from a wheel writes a site without it."""
    patterns = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["flipfolio"]
    packaged = {os.path.relpath(path, PACKAGE) for pattern in patterns
                for path in glob.glob(os.path.join(PACKAGE, pattern), recursive=True) if os.path.isfile(path)}
    scaffold = {os.path.relpath(os.path.join(folder, name), PACKAGE)
                for folder, dirs, files in os.walk(PACKAGE / "scaffold") for name in files
                if "__pycache__" not in folder}
    assert {os.path.join("scaffold", ".github", "workflows", "publish.yml"),
            os.path.join("scaffold", ".gitignore")} <= scaffold
    assert scaffold - packaged == set()
