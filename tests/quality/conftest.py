"""Fixtures of the site-wide quality gates (accessibility, valid HTML, privacy,
links, page speed, reproducible builds, hostile content).

The example site (the repository's mkdocs.yml) is built once per test
session with `mkdocs build --strict` and served on 127.0.0.1; one headless
Chromium (Debian's `chromium`, driven by Playwright) is shared by the tests.
Set FLIPFOLIO_QUALITY_CONFIG to run the same gates on another mkdocs.yml.

Tools that are missing make a test skip on a developer's machine and fail
when CI is set (scripts/test installs them: apt chromium and a JRE, npm ci).
The figures (axe per page type, vnu, Lighthouse) are printed at the end of
the run and written to test-results/quality.json.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

import sitecheck

REPO = sitecheck.REPO
CI = sitecheck.CI
FIGURES = sitecheck.FIGURES


def missing(what: str, hint: str):
    """A tool is missing: fail in CI (the gate must run there), skip elsewhere."""
    message = f"{what} is missing ({hint}); scripts/test installs it when run as root"
    if CI:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not FIGURES:
        return
    terminalreporter.section("quality figures")
    for name, value in FIGURES.items():
        if isinstance(value, dict):
            terminalreporter.write_line(f"{name}:")
            for key, item in value.items():
                terminalreporter.write_line(f"  {key}: {item}")
        else:
            terminalreporter.write_line(f"{name}: {value}")
    out = REPO / "test-results" / "quality.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(FIGURES, indent=2, sort_keys=True) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- tools


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path or not Path(path).exists():
        missing("Chromium", "apt-get install chromium")
    return path


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not sitecheck.AXE_JS.is_file():
        missing("axe-core", "npm ci")
    return sitecheck.AXE_JS.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def java() -> str:
    path = shutil.which("java")
    if not path:
        missing("Java", "apt-get install default-jre-headless")
    if not sitecheck.VNU_JAR.is_file():
        missing("the Nu HTML Checker (vnu.jar)", "npm ci")
    return path


@pytest.fixture(scope="session")
def lighthouse_ready(chromium_path) -> str:
    if not sitecheck.LIGHTHOUSE_CLI.is_file() or not shutil.which("node"):
        missing("Lighthouse", "node and npm ci")
    return chromium_path


@pytest.fixture(scope="session")
def browser(chromium_path):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright", "pip install -e .[test]")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=sitecheck.CHROMIUM_FLAGS,
                                             headless=True)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """new_page(scheme="light", width="desktop", block_others=True, **options) -> a page in a fresh context
    (`options` go to Playwright's new_context, e.g. java_script_enabled=False).

    Requests to other hosts are recorded in `page.other_requests` and answered
    with an error, so no test ever reaches the internet."""
    contexts = []

    def make(scheme: str = "light", width: str = "desktop", block_others: bool = True, **options):
        context = browser.new_context(color_scheme=scheme, **sitecheck.WIDTHS[width], **options)
        contexts.append(context)
        others: list[str] = []

        def route(route):
            url = route.request.url
            if url.startswith(("http://127.0.0.1:", "data:", "blob:")):
                route.continue_()
            else:
                others.append(url)
                route.abort() if block_others else route.continue_()

        context.route("**/*", route)
        page = context.new_page()
        page.other_requests = others
        return page

    yield make
    for context in contexts:
        context.close()


# --------------------------------------------------------------------------- the example site


@pytest.fixture(scope="session")
def example_config() -> Path:
    return Path(os.environ.get("FLIPFOLIO_QUALITY_CONFIG") or REPO / "mkdocs.yml").resolve()


@pytest.fixture(scope="session")
def example_site(example_config, tmp_path_factory) -> Path:
    """The example site, built once with `mkdocs build --strict`."""
    out = tmp_path_factory.mktemp("example") / "site"
    result = sitecheck.build_site(example_config, out, env={"FLIPFOLIO_BUILD_DATE": sitecheck.BUILD_DATE})
    if result.returncode != 0:
        pytest.fail(f"the example site does not build with --strict:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return out


@pytest.fixture(scope="session")
def example_url(example_site):
    with sitecheck.serve(example_site) as url:
        yield url


@pytest.fixture(scope="session")
def example_types(example_site) -> list[sitecheck.PageType]:
    types = sitecheck.page_types(example_site)
    FIGURES["page types"] = {t.name: f"{len(t.pages)} page(s), e.g. {t.representative or '(home)'}" for t in types}
    return types

