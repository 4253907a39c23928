"""Edit-to-preview benchmark: how long a teacher waits in `mkdocs serve`.

The script generates a portfolio of ``--lessons`` lessons (the same generator
as build.py, each lesson with a set of 5 questions as in questions.py), starts a
real ``mkdocs serve`` on 127.0.0.1, and then, ``--edits`` times for each kind of
edit, changes one lesson's file and measures, from the moment the file is
written:

- "reload": until the browser would reload with the change: the script
  waits as the page's live-reload script does (a request to
  ``/livereload/<epoch>/…``, which the server answers when a rebuild is over,
  the search index included), then fetches the lesson's page and checks that
  it shows the change (else it waits for the next rebuild). It does not poll
  the server meanwhile, which would take time from the build;
- "search": that the search index (written last) has the change too (every
  edit changes searchable text), checked once the page shows it.

Edits (a different lesson each time): its title, its body (a paragraph
added), a question of its set (the prompt), a video (its title); then the
body of one and the same lesson again and again, as a teacher writing a
lesson does (what the preview keeps of the pages that list lessons and of
its unit's booklet counts there). Medians are
printed as a table; the target of issue 14 (under 2 s at 1,000 lessons, aim
under 1 s) is printed as PASS/FAIL against "reload".

The baseline, measured in the same run (``--baseline-edits`` of each kind, 0
for none): ``mkdocs serve`` of plain Material with ``navigation.prune`` on
the same lesson bodies as ordinary pages (build.py's), with the same two
edits a plain page can have: its title (its first heading) and its body.
MkDocs builds such a site again in full after every edit.

Usage: ``python benchmarks/preview.py [--lessons 1000] [--edits 5] [--baseline-edits 2]
[--workdir DIR] [--markdown FILE] [--tmpdir DIR]``. MkDocs builds the preview in the server's
temporary folder, cleaned and filled again at every rebuild (thousands of
folders for a large portfolio): how fast that disk makes folders counts, so
the folder used is printed.
"""

from __future__ import annotations

import argparse
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import build as bench  # noqa: E402  (the table helper)
import questions  # noqa: E402  (the generator with a set of 5 questions per lesson)

TARGET, AIM = 2.0, 1.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 30) -> str:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            return answer.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return ""


def wait(predicate, timeout: float, step: float = 0.02) -> float:
    """Seconds until `predicate()` holds (raises after `timeout`)."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if predicate():
            return time.perf_counter() - started
        time.sleep(step)
    raise TimeoutError("the preview did not show the edit")


def reloaded(base: str, epoch: int, shows, timeout: float = 600) -> tuple[float, int]:
    """Seconds until a rebuild after `epoch` is over and `shows()` holds, waiting
    as the live-reload script of a page does; and the new epoch."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        answer = fetch(f"{base}livereload/{epoch}/1", timeout=90).strip()  # the server answers within 60 s
        if answer.isdigit() and int(answer) > epoch:
            epoch = int(answer)
            if shows():
                return time.perf_counter() - started, epoch
    raise TimeoutError("the preview did not show the edit")


def edit_title(lesson: Path, mark: str) -> str:
    front, body = questions.split(lesson)
    front["title"] = f"{front['title']} {mark}"
    lesson.write_text(questions.join(front, body), encoding="utf-8")
    return mark


def edit_body(lesson: Path, mark: str) -> str:
    lesson.write_text(lesson.read_text(encoding="utf-8") + f"\n\nA new paragraph about {mark}.\n", encoding="utf-8")
    return mark


def edit_question(lesson: Path, mark: str) -> str:
    front, _ = questions.split(lesson)
    path = lesson.parent.parent / "questions" / f"{front['questions']}.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("prompt: ") + len("prompt: ")
    path.write_text(text[:start] + f"{mark} " + text[start:], encoding="utf-8")
    return mark


def edit_video(lesson: Path, mark: str) -> str:
    front, body = questions.split(lesson)
    front["videos"][0]["title"] = f"{front['videos'][0]['title']} {mark}"
    lesson.write_text(questions.join(front, body), encoding="utf-8")
    return mark


EDITS = {"lesson title": edit_title, "lesson body": edit_body, "a question": edit_question, "a video's title": edit_video,
         "one lesson's body, again": edit_body}
#: Edits of one and the same lesson each time (a teacher writing a lesson), where the others are of a
#: different lesson each time.
SAME_LESSON = {"one lesson's body, again"}


def edit_heading(page: Path, mark: str) -> str:
    text = page.read_text(encoding="utf-8")
    assert text.startswith("# "), page
    page.write_text(text.replace("\n", f" {mark}\n", 1), encoding="utf-8")
    return mark


#: The baseline's edits of a plain page, by the edit of a lesson they match.
PLAIN_EDITS = {"lesson title": edit_heading, "lesson body": edit_body}


def measure(site: Path, pages: list[Path], edits: dict, count: int, address, tmp: Path, label: str
            ) -> tuple[float, dict[str, list[float]], tuple[float, float]]:
    """Serve `site`, make `count` edits of each kind of `edits` (a different
    page of `pages` each time; `address(page)`: its address in the site) and
    return the first build's time, the seconds from each edit to the
    reload that shows it, and the memory the server holds (MiB of PSS, its
    processes together; 0 where the system cannot say) after its first
    build and after the last edit. The edits come a second apart, as an
    editor that saves as one types makes them: the preview is never idle."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(tmp)}
    print(f"Serving {label} ...", flush=True)
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}",
                               "-f", str(site / "mkdocs.yml")], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results: dict[str, list[float]] = {}
    try:
        wait(lambda: fetch(base + address(pages[0])), timeout=1800, step=0.5)
        first = time.perf_counter() - started
        held = [bench._tree_pss_kib(server.pid) / 1024]
        number = 0
        for kind, edit in edits.items():
            for _ in range(count):
                page_file = pages[7 % len(pages)] if kind in SAME_LESSON else pages[(number * 37 + 11) % len(pages)]
                number += 1
                mark = f"edited{number:03d}x"
                page = base + address(page_file)
                index = f"{base}search/search_index.json"
                epoch = int(fetch(base + "livereload/0/0").strip() or 0)  # the site as it is
                edit(page_file, mark)
                done, epoch = reloaded(base, epoch, lambda: mark in fetch(page))
                assert mark in fetch(index), f"the search index does not have {mark}"
                results.setdefault(kind, []).append(done)
                print(f"  {kind}: {done:.2f} s", flush=True)
                time.sleep(1)
        held.append(bench._tree_pss_kib(server.pid) / 1024)
    finally:
        server.terminate()
        server.wait(timeout=60)
    return first, results, (held[0], held[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lessons", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=5, help="edits of each kind; the median is reported")
    parser.add_argument("--baseline-edits", type=int, default=2,
                        help="edits of each kind for plain Material with navigation.prune (0: none)")
    parser.add_argument("--workdir", type=Path, default=HERE / ".work" / "preview")
    parser.add_argument("--markdown", type=Path, help="also write the table to this Markdown file")
    parser.add_argument("--tmpdir", type=Path,
                        help="the temporary folder of the server, where MkDocs builds the preview (default: "
                             "WORKDIR/tmp, on the same disk as the portfolio; /dev/shm: in memory, as /tmp is "
                             "on many systems)")
    args = parser.parse_args()

    sites = questions.make_sites(args.lessons, args.workdir, quiz=args.baseline_edits > 0)
    site = sites["Flipfolio, a set of 5 per lesson"]
    lessons = sorted((site / "portfolio" / "lessons").glob("*.md"))
    tmp = args.tmpdir or args.workdir / "tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    first, results, held = measure(site, lessons, EDITS, args.edits, lambda lesson: f"lessons/{lesson.stem}/", tmp,
                             f"{args.lessons:,} lessons with Flipfolio")
    baseline: dict[str, list[float]] = {}
    if args.baseline_edits > 0:
        plain = sites["Material (navigation.prune)"]
        pages = sorted((plain / "docs" / "lessons").glob("*/*.md"))
        plain_first, baseline, plain_held = measure(plain, pages, PLAIN_EDITS, args.baseline_edits,
                                        lambda page: f"lessons/{page.parent.name}/{page.stem}/", tmp,
                                        f"the same {len(pages):,} pages with plain Material (navigation.prune)")

    def spread(runs: list[float]) -> str:
        return f"{min(runs):.2f} to {max(runs):.2f}"

    rows = []
    for kind, runs in results.items():
        done = statistics.median(runs)
        verdict = "PASS" if done < TARGET else "FAIL"
        plain_runs = baseline.get(kind)
        rows.append([kind, f"{done:.2f}", spread(runs),
                     f"{statistics.median(plain_runs):.2f} ({spread(plain_runs)})" if plain_runs else "—",
                     f"{verdict} (< {TARGET:.0f} s; aim < {AIM:.0f} s)"])
    table = bench.table(rows, head=["Edit", "Edit to reload with it (s, median)", "Range",
                                    "Plain Material, prune: the page's title or body (s, median, range)", "Target"])
    environment = (f"{args.lessons:,} lessons, {args.edits} edits of each kind"
                   + (f" ({args.baseline_edits} of each for plain Material, whose first build took {plain_first:.1f} s)"
                      if baseline else "")
                   + f"; the preview built in {tmp}; first build of the preview {first:.1f} s; "
                   + (f"the server held {held[0]:.0f} MiB after its first build and {held[1]:.0f} MiB after the "
                      f"{sum(len(r) for r in results.values())} edits"
                      + (f" (plain Material: {plain_held[0]:.0f} and {plain_held[1]:.0f} MiB)" if baseline else "")
                      + " (PSS); " if held[0] else "")
                   + f"Python {platform.python_version()}, {os.cpu_count()} CPU(s), {platform.system()}")
    print("\n" + table + "\n\n" + environment + ".")
    if args.markdown:
        args.markdown.write_text(f"{table}\n\n{environment}.\n", encoding="utf-8")


if __name__ == "__main__":
    main()
