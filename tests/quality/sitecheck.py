"""Helpers of the quality tests: reading a built site, serving it, running the
real checkers (axe-core in Chromium, the Nu HTML Checker, Lighthouse).

Nothing here is a stand-in: each helper runs the tool itself, and each check
has a test that makes it fail on a deliberately broken site.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import gzip
import hashlib
import http.server
import json
import os
import re
import subprocess
import sys
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[2]

#: What the quality tests measured; printed at the end of the run (conftest.py).
FIGURES: dict = {}

#: Running in CI: a missing tool fails the tests instead of skipping them.
CI = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")

NODE_MODULES = REPO / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
LIGHTHOUSE_CLI = NODE_MODULES / "lighthouse" / "cli" / "index.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

#: Chromium flags (headless, no sandbox as root in CI, nothing phoning home).
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--disable-default-apps", "--disable-extensions"]

#: The WCAG 2.0 and 2.1 levels A and AA rules of axe-core.
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

#: Window sizes: a laptop, a phone (iPhone 12/13 mini class) and a window as narrow as a
#: phone with a mouse (a zoomed or narrow desktop window: Material styles it otherwise).
WIDTHS = {"desktop": {"viewport": {"width": 1280, "height": 800}},
          "phone": {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True,
                    "device_scale_factor": 2},
          "narrow": {"viewport": {"width": 390, "height": 844}}}
SCHEMES = ("light", "dark")


#: The build date of the example site in this test run (UTC, fixed at the start): the
#: this-week page and credential statuses depend on the date a site is built, an input
#: like its files; two builds given the same date give the same bytes, even on either
#: side of midnight in the portfolio's time zone.
BUILD_DATE = os.environ.get("FLIPFOLIO_BUILD_DATE") or datetime.datetime.now(datetime.timezone.utc).date().isoformat()


def build_site(config: Path, out: Path, *, env: dict | None = None, python: str = sys.executable,
               strict: bool = True, prelude: str = "") -> subprocess.CompletedProcess:
    """`mkdocs build` in a fresh Python process (what `scripts/site` runs).

    `prelude` is Python run before MkDocs starts (the reproducibility test
    uses it to move the clock)."""
    code = prelude + "\nimport sys\nfrom mkdocs.__main__ import cli\nsys.exit(cli())"
    args = [python, "-c", code, "build", "-q", "-f", str(config), "-d", str(out)] + (["--strict"] if strict else [])
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(args, capture_output=True, text=True, env=env,
                          cwd=str(config.parent))


# --------------------------------------------------------------------------- pages


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.is_file())


def url_of(site: Path, page: Path) -> str:
    """The site-relative address of a built page: 'lessons/x/' for lessons/x/index.html."""
    rel = page.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel


@functools.lru_cache(maxsize=None)
def _soup(path: str, mtime: float) -> BeautifulSoup:
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


def soup(path: Path) -> BeautifulSoup:
    return _soup(str(path), path.stat().st_mtime)


def signature(page: Path) -> tuple[str, ...]:
    """A page's type: the `ff-*` classes of the top-level parts of its content.

    Each Flipfolio template marks its parts (`nav.ff-crumbs` + `.ff-pre-class`
    on a lesson, `.ff-credential-head` on a credential, `.ff-stack` on the
    badge wall, `table.ff-lessons` on a unit...), so a new kind of page gets
    a new signature without anyone listing it here. Hand-written pages have
    none: their signature is empty.
    """
    article = soup(page).select_one("article.md-content__inner")
    if article is None:
        return ("(no content)",)
    classes = {c for child in article.find_all(recursive=False) for c in (child.get("class") or [])
               if c.startswith("ff-")}
    return tuple(sorted(classes))


@dataclass
class PageType:
    signature: tuple[str, ...]
    pages: list[str]  # site-relative addresses
    representative: str

    @property
    def name(self) -> str:
        return "+".join(self.signature) or "hand-written page"


def page_types(site: Path) -> list[PageType]:
    """Pages grouped by signature; each type's representative is its page with
    the most content (ties: first by address). 404.html is left to its own test."""
    groups: dict[tuple[str, ...], list[Path]] = defaultdict(list)
    for page in html_pages(site):
        if page.name == "404.html" and page.parent == site:
            continue
        groups[signature(page)].append(page)
    types = []
    for sig, pages in sorted(groups.items()):
        richest = max(pages, key=lambda p: (len(soup(p).select("article.md-content__inner *")), -pages.index(p)))
        types.append(PageType(sig, [url_of(site, p) for p in pages], url_of(site, richest)))
    return types


# --------------------------------------------------------------------------- serving


COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".vtt", ".txt", ".map"}


@functools.lru_cache(maxsize=None)
def _gzipped(path: str, mtime: float) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".vtt": "text/vtt", ".js": "text/javascript", ".mjs": "text/javascript",
                      ".json": "application/json", ".svg": "image/svg+xml", ".webmanifest": "application/manifest+json"}

    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):
        # Text files are sent gzip-compressed when the browser accepts it, as
        # every web host does (Lighthouse measures what a reader would download).
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if path.is_file() and path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = _gzipped(str(path), path.stat().st_mtime)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        ranges = re.fullmatch(r"bytes=(\d*)-(\d*)", self.headers.get("Range", "").strip())
        if path.is_file() and ranges and any(ranges.groups()):
            # Byte ranges, as web hosts serve them: browsers seek in videos this way.
            size = path.stat().st_size
            first, last = ranges.groups()
            start = int(first) if first else max(0, size - int(last))
            end = min(int(last), size - 1) if first and last else size - 1
            if start >= size or start > end:
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{size}")
                self.end_headers()
                return
            with path.open("rb") as file:
                file.seek(start)
                body = file.read(end - start + 1)
            self.send_response(206)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Accept-Ranges", "bytes")
            self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def send_error(self, code, message=None, explain=None):
        # A missing page gets the site's own 404 page, like a web host does.
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


@contextlib.contextmanager
def serve(directory: Path):
    """Serve a built site on 127.0.0.1 (a free port); yields the base address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(directory)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# --------------------------------------------------------------------------- links


def _ids(page: Path) -> set[str]:
    doc = soup(page)
    return {el["id"] for el in doc.find_all(id=True)} | {el["name"] for el in doc.find_all("a", attrs={"name": True})}


def broken_links(site: Path) -> list[str]:
    """Every internal link or anchor of the built site that leads nowhere.

    Checked: href of <a>, <area>, <link>; src of <img>, <script>, <source>,
    <track>, <iframe>, <video>, <audio>; poster; form actions; srcset
    candidates. An address ending in '/' needs its index.html; '#x' needs an
    element with id="x" on the target page. Other sites are not visited.
    """
    problems = []
    for page in html_pages(site):
        doc = soup(page)
        here = page.relative_to(site).as_posix()
        for tag, attr in (("a", "href"), ("area", "href"), ("link", "href"), ("img", "src"), ("script", "src"),
                          ("source", "src"), ("track", "src"), ("iframe", "src"), ("video", "src"),
                          ("video", "poster"), ("audio", "src"), ("form", "action")):
            for element in doc.find_all(tag, attrs={attr: True}):
                problem = _check_link(site, page, here, element[attr])
                if problem:
                    problems.append(f"{here}: <{tag} {attr}=\"{element[attr]}\">: {problem}")
        for element in doc.find_all(["img", "source"], attrs={"srcset": True}):
            for candidate in element["srcset"].split(","):
                if candidate.strip():
                    problem = _check_link(site, page, here, candidate.split()[0])
                    if problem:
                        problems.append(f"{here}: srcset {candidate.strip()}: {problem}")
    return problems


def _check_link(site: Path, page: Path, here: str, address: str) -> str | None:
    parts = urlsplit(address)
    if parts.scheme or parts.netloc or address.startswith(("mailto:", "tel:", "javascript:", "data:")):
        return None  # another site (checked by the privacy test, not here)
    # The 404 page's addresses are relative to the site's root.
    base = "http://site/" + here
    target_url = urljoin(base, parts.path) if parts.path else base
    target_path = unquote(urlsplit(target_url).path).lstrip("/")
    target = site / target_path
    if target_path == "" or target_path.endswith("/") or target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return f"no file {target.relative_to(site).as_posix()} in the site"
    if parts.fragment and target.suffix == ".html":
        anchor = unquote(parts.fragment)
        if anchor not in _ids(target):
            return f"no element with id=\"{anchor}\" on {target.relative_to(site).as_posix()}"
    return None


# --------------------------------------------------------------------------- other sites


_LOADS = (("img", "src"), ("script", "src"), ("iframe", "src"), ("source", "src"), ("track", "src"),
          ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data"))


def external_hosts(site: Path, own: set[str]) -> dict[str, list[str]]:
    """host -> pages, for every other site an address in the built HTML points to."""
    found: dict[str, set[str]] = defaultdict(set)
    for page in html_pages(site):
        doc = soup(page)
        here = page.relative_to(site).as_posix()
        for element in doc.find_all(True):
            for attr in ("href", "src", "action", "data", "poster", "data-ff-embed"):
                value = element.get(attr)
                if not value or not isinstance(value, str):
                    continue
                if element.name == "link" and attr == "href" and not set(element.get("rel") or []) & {
                        "stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "preconnect"}:
                    continue  # canonical, alternate: addresses, not requests
                host = urlsplit(value if not value.startswith("//") else "https:" + value).hostname
                if urlsplit(value).scheme in ("http", "https", "") and host and host.lower() not in own:
                    found[host.lower()].add(here)
    return {host: sorted(pages) for host, pages in sorted(found.items())}


# --------------------------------------------------------------------------- reproducibility


def tree_digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def tree_differences(a: Path, b: Path) -> list[str]:
    """Files that are missing from one tree or differ in their bytes."""
    da, db = tree_digest(a), tree_digest(b)
    out = [f"only in the first build: {p}" for p in sorted(da.keys() - db.keys())]
    out += [f"only in the second build: {p}" for p in sorted(db.keys() - da.keys())]
    out += [f"differs: {p}" for p in sorted(da.keys() & db.keys()) if da[p] != db[p]]
    return out


# --------------------------------------------------------------------------- the Nu HTML Checker


@dataclass
class VnuMessage:
    file: str
    line: int | None
    message: str
    extract: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}  [{self.extract.strip()[:120]}]"


def vnu(java: str, paths: list[Path], root: Path) -> list[VnuMessage]:
    """Errors (not warnings) the Nu HTML Checker finds in the HTML files under `paths`."""
    result = subprocess.run(
        [java, "-Xss8m", "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html", "--format", "json",
         *map(str, paths)],
        capture_output=True, text=True,
    )
    # vnu prints its JSON report on stderr and exits 1 when it found errors.
    try:
        report = json.loads(result.stderr or result.stdout)
    except json.JSONDecodeError:
        raise AssertionError(f"the Nu HTML Checker did not run (exit {result.returncode}):\n"
                             f"{result.stdout}\n{result.stderr}") from None
    out = []
    for m in report.get("messages", []):
        if m.get("type") not in ("error", "non-document-error"):
            continue
        url = m.get("url", "")
        path = Path(unquote(urlsplit(url).path)) if url.startswith("file:") else Path(url)
        try:
            name = path.relative_to(root).as_posix()
        except ValueError:
            name = str(path)
        out.append(VnuMessage(name, m.get("lastLine"), m.get("message", ""), m.get("extract", "")))
    return out


# --------------------------------------------------------------------------- Lighthouse


LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse(url: str, chromium: str, out: Path, categories=LIGHTHOUSE_CATEGORIES,
               cpu_slowdown: float | None = None) -> dict:
    """Run Lighthouse (its default: a phone, simulated slow 4G and a 4x slower CPU;
    `cpu_slowdown`: another factor) on one address; returns {category: score 0-100},
    the failing audits and the machine's `benchmark_index`, and keeps the JSON report."""
    flags = " ".join(f for f in CHROMIUM_FLAGS if not f.startswith("--headless")) + " --headless=new"
    slowdown = [f"--throttling.cpuSlowdownMultiplier={cpu_slowdown:.2f}"] if cpu_slowdown else []
    result = subprocess.run(
        ["node", str(LIGHTHOUSE_CLI), url, "--quiet", "--output=json", f"--output-path={out}",
         f"--only-categories={','.join(categories)}", f"--chrome-flags={flags}", "--max-wait-for-load=30000",
         *slowdown],
        capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chromium}, timeout=300,
    )
    if result.returncode != 0 or not out.is_file():
        raise AssertionError(f"Lighthouse failed on {url} (exit {result.returncode}):\n{result.stderr[-3000:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise AssertionError(f"Lighthouse could not test {url}: {report['runtimeError']}")
    scores = {}
    for name in categories:
        score = report["categories"][name]["score"]
        scores[name] = None if score is None else round(score * 100)
    failed = {}
    for name in categories:
        for ref in report["categories"][name]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                failed.setdefault(name, []).append(f"{ref['id']} ({audit['score']:.2f}): {audit.get('title')}")
    return {"scores": scores, "failed_audits": failed,
            "benchmark_index": (report.get("environment") or {}).get("benchmarkIndex")}


# --------------------------------------------------------------------------- axe-core


@dataclass
class AxeResult:
    where: str
    violations: list[dict] = field(default_factory=list)
    passes: int = 0

    def lines(self) -> list[str]:
        out = []
        for v in self.violations:
            targets = ", ".join(" ".join(n["target"]) if isinstance(n["target"], list) else str(n["target"])
                                for n in v["nodes"][:4])
            why = " ".join((v["nodes"][0].get("failureSummary") or "").split())
            out.append(f"{self.where}: {v['id']} ({v['impact']}) x{len(v['nodes'])}: {v['help']} -- {targets}"
                       f" -- first: {why[:300]}")
        return out


def run_axe(page, axe_source: str, where: str, exclude: list[str] = ()) -> AxeResult:
    """axe-core's WCAG 2.0/2.1 A and AA rules on the page as it is now."""
    settle_animations(page)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    context = {"exclude": [[sel] for sel in exclude]} if exclude else None
    options = {"resultTypes": ["violations"], "runOnly": {"type": "tag", "values": WCAG_AA}}
    result = page.evaluate("([ctx, opts]) => axe.run(ctx || document, opts)", [context, options])
    return AxeResult(where, result["violations"], len(result.get("passes", [])))


def wait_until_settled(page) -> None:
    """The page, its images and Material's scripts loaded (a wait, not a timed assertion)."""
    page.wait_for_load_state("load")
    page.evaluate("document.fonts ? document.fonts.ready.then(() => true) : true")


def played_ranges(video) -> list[tuple[float, float]]:
    """The time ranges a <video> (a Playwright locator) has played."""
    return [tuple(r) for r in video.evaluate(
        "v => Array.from({length: v.played.length}, (_, i) => [v.played.start(i), v.played.end(i)])")]


def seconds_played_before(played: list[tuple[float, float]], start: float) -> float:
    """How long the video played before a moment: 0 when it started there (the
    browser may play a frame or two from 0:00 while the seek is on its way)."""
    return sum(max(0.0, min(end, start - 0.5) - begin) for begin, end in played)


def page_file(site: Path, address: str) -> Path:
    """The built file of a site-relative address ('' and 'x/' are index.html files)."""
    return site / address / "index.html" if address == "" or address.endswith("/") else site / address


def search(page, query: str) -> None:
    """Type a query into Material's search, as a reader does, and wait for the results."""
    # The search index is loaded by a web worker; the box says so until it is ready.
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && !/initializing/i.test(m.textContent); }", timeout=30000)
    opener = page.locator("label.md-header__button[for=__search]")  # the phone layout's search button
    if opener.is_visible():
        opener.click()
    else:
        page.locator("input.md-search__input").click()
    # The whole query at once (typing it letter by letter shows results for 'c', 'ce'...),
    # then a key press: Material searches on keyboard events.
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=30000)
    settle_animations(page)


def settle_animations(page) -> None:
    """Wait until no CSS transition or animation is running (a fading-in element has no
    final colours yet). Endless animations are not waited for."""
    page.wait_for_function(
        "() => document.getAnimations().every(a => a.playState !== 'running'"
        " || (a.effect && a.effect.getTiming().iterations === Infinity))", timeout=10000)


def read_config(config: Path) -> dict:
    """mkdocs.yml as plain data (its !ENV and !!python tags read as None)."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    return yaml.load(config.read_text(encoding="utf-8"), Loader=Loader) or {}


def site_url_host(config: Path) -> str | None:
    return urlsplit(read_config(config).get("site_url") or "").hostname
