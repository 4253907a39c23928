"""Build-time benchmark: Flipfolio against plain Material for MkDocs.

For each size (100, 1,000 and 5,000 lessons by default) the script writes a
synthetic portfolio and builds, in the same run, two sites from the SAME
lesson bodies:

- Flipfolio: the portfolio rendered by the `flipfolio` plugin (lesson, unit,
  index and credential pages; lesson pages are generated and not in the nav);
- Material (the baseline): every lesson body as an ordinary page
  ``docs/lessons/<id>.md`` under a ``# title`` heading, default navigation,
  no Flipfolio plugin.

Both sites use the same theme settings (``material``, ``font: false``, the
same features) and the search plugin. The portfolio is generated with a
seeded random generator, so a size always gives the same files: ~300 words
of varied Markdown per lesson with "Before class" / "In class" parts, front
matter with dates, one or two YouTube/Vimeo videos (title and duration given,
so nothing is looked up; most with a short WebVTT captions file, which
Flipfolio shows as a transcript, the others with `no_captions_reason`), a
question set for some lessons, a credential for some, tags; max(3, n/25)
units, a few question sets and credentials, a stack. The Markdown bodies are
the same in both sites; Flipfolio's lesson pages also carry what the plugin
adds (video blocks, transcripts, question sets, facts), which is part of what
is measured.

What is measured, per build:

- wall time: ``time.perf_counter()`` around a fresh subprocess running
  ``python -m mkdocs build -q -f <config> -d <site>`` (so interpreter start and
  imports are included, equally for both sites);
- peak memory: the peak resident set size of that subprocess. The build runs
  through a tiny wrapper (``_RUN_MKDOCS`` below) that runs MkDocs' own command
  line in-process, exactly as ``python -m mkdocs`` does, then reads its own
  ``VmHWM`` from ``/proc/self/status`` and writes it to a file. Not
  ``getrusage``: on Linux a child's ``ru_maxrss`` starts at the RSS of the
  process that spawned it (the kernel carries it over at exec), and
  ``RUSAGE_CHILDREN`` is a maximum over all children so far; ``VmHWM`` covers
  only the build's own address space. Without ``/proc`` (macOS) the wrapper
  falls back to ``ru_maxrss``, which may be inflated by this script's own RSS.

Flipfolio builds with ``--strict``; the baseline does not need it to compare.
Plain Material renders the whole navigation on every page, so its build time
grows with the square of the page count: ``--baseline-max`` skips the baseline
above a size. Per-lesson cost is the build time divided by the number of
lessons (for the baseline, of lesson pages), fixed costs included.

The targets checked (printed as PASS/FAIL, the exit status is 0 either way):
at 1,000 lessons Flipfolio's time and peak memory are at most 1.3 times
Material's; Flipfolio's time per lesson at 5,000 lessons is within 1.2 times
its time per lesson at 1,000.

Usage: ``python benchmarks/build.py [--sizes 100,1000,5000] [--repeat N]
[--workdir DIR] [--markdown FILE] [--baseline-max N] [--keep-sites]``. Each
build is run ``--repeat`` times and the median time and memory are reported.
Built sites are deleted once measured unless ``--keep-sites`` is given (the
5,000-page baseline site alone is about 8 GB).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent

# Runs `mkdocs <args>` like `python -m mkdocs`, then writes the peak RSS (KiB)
# of this very process to the file named by the first argument.
_RUN_MKDOCS = """
import resource, runpy, sys
peak_file, sys.argv = sys.argv[1], ["mkdocs", *sys.argv[2:]]
try:
    runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
    code = 0
except SystemExit as exit:
    code = exit.code
try:
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak //= 1024 if sys.platform == "darwin" else 1  # bytes on macOS, KiB elsewhere
with open(peak_file, "w") as out:
    out.write(str(peak))
sys.exit(code)
"""

# Same theme settings for both sites; only plugins and content differ.
THEME = {"name": "material", "font": False, "features": ["navigation.indexes", "search.highlight"]}

# ---- The synthetic portfolio

TOPICS = [
    "Cells", "Photosynthesis", "Forces", "Energy", "Waves", "Atoms", "Chemical reactions", "Ecosystems",
    "Genetics", "Evolution", "Weather", "Plate tectonics", "Electricity", "Magnetism", "The solar system",
    "Fractions", "Ratios", "Linear equations", "Geometry", "Probability", "Statistics", "Light", "Sound",
]
ASPECTS = [
    "an introduction", "key vocabulary", "a closer look", "measuring it", "in everyday life", "common mistakes",
    "a worked example", "modelling it", "data and graphs", "review and practice", "an investigation",
]
WORDS = (
    "students observe measure compare predict explain model record sample energy force motion cell "
    "membrane nucleus particle reaction mixture solution temperature pressure volume mass density graph "
    "table variable experiment evidence claim reasoning pattern system cycle layer current circuit field "
    "wave light sound speed distance time rate ratio fraction angle area pattern the a of and to in with "
    "for each every then because while before after during carefully together quickly simple small large "
    "first second next finally notice discuss share check revise label sketch calculate estimate"
).split()
TAGS = ["lab", "review", "vocabulary", "homework", "group-work", "data"]
VIDEO_ID = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
VIDEO_TITLES = ["Introduction", "Worked example", "Demonstration", "Explainer", "Lab walkthrough", "Quick recap"]


def sentence(rng: random.Random, low: int = 8, high: int = 18, markdown: bool = True) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    if not markdown:
        return " ".join(words).capitalize() + "."
    # A little inline Markdown now and then.
    i = rng.randrange(len(words))
    words[i] = rng.choice([f"**{words[i]}**", f"*{words[i]}*", f"`{words[i]}`", words[i]])
    if rng.random() < 0.15:
        words.append(f"([notes](https://example.org/notes/{rng.randint(1, 999)}))")
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, sentences: tuple[int, int]) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(*sentences)))


def lesson_body(rng: random.Random) -> str:
    """About 300 words: an introduction, then "Before class" and "In class"."""
    parts = [paragraph(rng, (5, 7)), "## Before class", paragraph(rng, (2, 4))]
    parts.append("\n".join(f"- {sentence(rng, 6, 12)}" for _ in range(rng.randint(3, 5))))
    if rng.random() < 0.3:
        parts.append("> " + sentence(rng))
    parts += ["## In class", paragraph(rng, (2, 4))]
    parts.append("\n".join(f"{i}. {sentence(rng, 6, 14)}" for i in range(1, rng.randint(3, 6) + 1)))
    extra = rng.random()
    if extra < 0.25:
        rows = [f"| {rng.choice(WORDS)} | {rng.randint(1, 99)} | {rng.choice(WORDS)} |" for _ in range(3)]
        parts.append("\n".join(["| Item | Value | Note |", "| --- | --- | --- |", *rows]))
    elif extra < 0.4:
        parts.append(f"```text\nresult = {rng.randint(2, 9)} x {rng.randint(2, 9)}\n```")
    elif extra < 0.6:
        parts.append("### Exit ticket\n\n" + paragraph(rng, (1, 2)))
    parts.append(paragraph(rng, (2, 3)))
    return "\n\n".join(parts) + "\n"


def captions(rng: random.Random, seconds: int) -> str:
    """A WebVTT file: eight cues spread over the video."""
    cues = ["WEBVTT"]
    for k in range(8):
        start, end = seconds * k // 8, seconds * (k + 1) // 8
        timing = f"{start // 60:02d}:{start % 60:02d}.000 --> {end // 60:02d}:{end % 60:02d}.000"
        cues.append(f"{timing}\n{sentence(rng, markdown=False)}")
    return "\n\n".join(cues) + "\n"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_yaml(path: Path, data: dict) -> None:
    write(path, yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def split(path: Path) -> tuple[dict, str]:
    """A lesson file's front matter and body (for the other benchmarks, which vary the lessons)."""
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body


def join(front: dict, body: str) -> str:
    return "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n" + body


def generate(n: int, root: Path) -> int:
    """Write the Flipfolio site and the baseline site for `n` lessons under `root`.

    Returns the mean number of words per lesson body."""
    rng = random.Random(20260901 + n)
    flip, base = root / "flipfolio", root / "material"
    portfolio = flip / "portfolio"
    for site, plugins in ((flip, ["search", {"flipfolio": {"portfolio_dir": "portfolio"}}]), (base, ["search"])):
        write_yaml(site / "mkdocs.yml", {"site_name": "Benchmark", "theme": THEME, "plugins": plugins})
        write(site / "docs" / "index.md", f"# Welcome\n\nA synthetic portfolio of {n} lessons.\n")

    write_yaml(portfolio / "profile.yml", {
        "name": "Alex Example", "school": "Benchmark Middle School", "subjects": ["Science", "Mathematics"],
        "grades": [7, 8], "bio": "A synthetic teacher for the build benchmark.", "licence": "CC BY 4.0",
    })
    units = [f"unit-{u + 1:03d}" for u in range(max(3, n // 25))]
    for u, unit in enumerate(units):
        write_yaml(portfolio / "units" / f"{unit}.yml", {
            "title": f"{TOPICS[u % len(TOPICS)]} {u // len(TOPICS) + 1}", "order": u + 1,
            "summary": sentence(rng), "standards": [f"MS-PS{rng.randint(1, 4)}-{rng.randint(1, 6)}"],
        })
    question_sets = [f"check-{q + 1}" for q in range(6)]
    for qset in question_sets:
        questions = [
            {"prompt": sentence(rng).rstrip(".") + "?", "at": 30, "hint": sentence(rng),
             "choices": [{"text": "This one", "correct": True, "feedback": "Yes."}, {"text": "That one"}]},
            {"prompt": "What is 6 times 7?", "type": "numeric", "answer": 42, "explanation": sentence(rng)},
            {"prompt": "Name the key term.", "answer": rng.choice(WORDS)},
        ]
        write_yaml(portfolio / "questions" / f"{qset}.yml",
                   {"title": f"Check your understanding ({qset})", "questions": questions})
    credentials = [f"credential-{c + 1}" for c in range(8)]
    for c, credential in enumerate(credentials):
        award = {
            "results": [{"criterion": "Design", "level": "advanced"}, {"criterion": "Use", "level": "proficient"}],
            "evidence": [{"title": "A lesson", "lesson": f"lesson-{c % n + 1:05d}"},
                         {"title": "Reflection", "kind": "reflection", "url": "https://example.org/reflection"}],
        }
        if c != 7:  # the last one is in progress: no award date yet
            award["issued"] = dt.date(2026, 1, 1) + dt.timedelta(days=30 * c)
        write_yaml(portfolio / "credentials" / f"{credential}.yml", {
            "name": f"Flipped teaching skill {c + 1}", "issuer": {"name": "Benchmark Institute"},
            "competency": paragraph(rng, (1, 2)), "description": paragraph(rng, (1, 2)),
            "rubric": {"levels": ["emerging", "proficient", "advanced"], "required": "proficient"},
            "award": award,
        })
    write_yaml(portfolio / "stacks" / "flipped-practice.yml",
               {"name": "Flipped practice", "description": "Four steps.", "credentials": credentials[:4]})

    words = 0
    start = dt.date(2026, 9, 1)
    for i in range(n):
        lesson_id = f"lesson-{i + 1:05d}"
        unit_index = i * len(units) // n
        title = f"{TOPICS[unit_index % len(TOPICS)]}: {rng.choice(ASPECTS)} ({i + 1})"
        assigned = start + dt.timedelta(days=i * 2 // 3)
        videos = []
        for v in range(rng.randint(1, 2)):
            if rng.random() < 0.7:
                url = "https://www.youtube.com/watch?v=" + "".join(rng.choices(VIDEO_ID, k=11))
            else:
                url = f"https://vimeo.com/{rng.randint(10**7, 10**9)}"
            minutes = rng.randint(2, 14)
            video = {"url": url, "title": f"{rng.choice(VIDEO_TITLES)} {v + 1}",
                     "duration": f"{minutes}:{rng.randint(0, 59):02d}"}
            # Most videos come with the teacher's captions (shown as a transcript); the
            # others say why they have none, as the format asks.
            if rng.random() < 0.7:
                video["captions"] = f"media/captions/{lesson_id}-{v + 1}.en.vtt"
                write(portfolio / video["captions"], captions(rng, minutes * 60))
            else:
                video["no_captions_reason"] = "No speech: music and on-screen text only."
            videos.append(video)
        front = {
            "title": title, "unit": units[unit_index], "order": i, "status": "published",
            "summary": sentence(rng), "objectives": [sentence(rng, 5, 9) for _ in range(rng.randint(1, 3))],
            "assigned": assigned, "due": assigned + dt.timedelta(days=rng.randint(1, 3)), "videos": videos,
        }
        if rng.random() < 0.4:
            front["questions"] = rng.choice(question_sets)
        if rng.random() < 0.1 or i < len(credentials):
            front["credentials"] = [credentials[i % len(credentials)]]
        front["tags"] = rng.sample(TAGS, k=rng.randint(1, 3))
        body = lesson_body(rng)
        words += len(body.split())
        write(portfolio / "lessons" / f"{lesson_id}.md",
              "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n\n" + body)
        write(base / "docs" / "lessons" / f"{lesson_id}.md", f"# {title}\n\n{body}")
    return round(words / n)


# ---- Building and measuring


def build(site: Path, strict: bool, keep: bool) -> tuple[float, float]:
    """Build `site` in a fresh subprocess; returns (seconds, peak MiB)."""
    out, peak_file, log = site / "site", site / "peak.txt", site / "build.log"
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-c", _RUN_MKDOCS, str(peak_file), "build", "-q", "-f", str(site / "mkdocs.yml"),
               "-d", str(out), *(["--strict"] if strict else [])]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with open(log, "w") as output:
        started = time.perf_counter()
        result = subprocess.run(command, stdout=output, stderr=subprocess.STDOUT, env=env)
        seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"build of {site} failed (exit {result.returncode}):\n{log.read_text()[-3000:]}")
    if log.read_text().strip():
        print(f"  note: {site.name} build printed (see {log}):\n    " + log.read_text().strip()[:500])
    if not keep:  # the 5,000-page baseline site alone takes about 8 GB
        shutil.rmtree(out)
    return seconds, int(peak_file.read_text()) / 1024


def measure(site: Path, repeat: int, strict: bool, keep: bool) -> tuple[float, float]:
    runs = [build(site, strict, keep) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}" if a is not None and b is not None else "n/a"


HEAD = ["Lessons", "Flipfolio time (s)", "Material time (s)", "Time ratio", "Flipfolio peak MiB",
        "Material peak MiB", "Memory ratio", "Flipfolio ms/lesson", "Material ms/page"]


def table(rows: list[list[str]], head: list[str] = HEAD) -> str:
    """A Markdown table, numbers right-aligned."""
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    line = lambda cells: "| " + " | ".join(c.rjust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
    return "\n".join([line(head), "|" + "|".join("-" * (w + 1) + ":" for w in widths) + "|", *map(line, rows)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,5000", help="lesson counts, comma-separated")
    parser.add_argument("--repeat", type=int, default=1, help="builds per site and size; the median is reported")
    parser.add_argument("--workdir", type=Path, default=HERE / ".work", help="where sites are generated and built")
    parser.add_argument("--markdown", type=Path, help="also write the table (and targets) to this Markdown file")
    parser.add_argument("--baseline-max", type=int, default=5000, help="skip the Material baseline above this size")
    parser.add_argument("--keep-sites", action="store_true", help="keep the built sites (deleted by default)")
    args = parser.parse_args()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]

    environment = (f"Python {platform.python_version()}, mkdocs {version('mkdocs')}, "
                   f"mkdocs-material {version('mkdocs-material')}, os.cpu_count() = {os.cpu_count()}")
    print(environment)
    results: dict[int, dict] = {}
    for n in sizes:
        root = args.workdir / str(n)
        shutil.rmtree(root, ignore_errors=True)
        words = generate(n, root)
        print(f"{n} lessons ({words} words per lesson on average): building Flipfolio...", flush=True)
        flip = measure(root / "flipfolio", args.repeat, strict=True, keep=args.keep_sites)
        base = None
        if n <= args.baseline_max:
            print(f"{n} lessons: building Material...", flush=True)
            base = measure(root / "material", args.repeat, strict=False, keep=args.keep_sites)
        results[n] = {"flip": flip, "base": base}

    rows = []
    for n, r in results.items():
        (ft, fm), base = r["flip"], r["base"]
        bt, bm = base if base else (None, None)
        rows.append([f"{n:,}", f"{ft:.1f}", f"{bt:.1f}" if base else "skipped", ratio(ft, bt),
                     f"{fm:.0f}", f"{bm:.0f}" if base else "skipped", ratio(fm, bm),
                     f"{1000 * ft / n:.1f}", f"{1000 * bt / n:.1f}" if base else "skipped"])

    checks = []
    at_1000 = results.get(1000)
    if at_1000 and at_1000["base"]:
        (ft, fm), (bt, bm) = at_1000["flip"], at_1000["base"]
        ok = ft <= 1.3 * bt and fm <= 1.3 * bm
        checks.append(f"{'PASS' if ok else 'FAIL'}: at 1,000 lessons Flipfolio time and memory <= 1.3x Material's "
                      f"(time {ft / bt:.2f}x, memory {fm / bm:.2f}x)")
    else:
        checks.append("n/a: at 1,000 lessons Flipfolio time and memory <= 1.3x Material's (no 1,000 baseline)")
    if 1000 in results and 5000 in results:
        per_1000, per_5000 = results[1000]["flip"][0] / 1000, results[5000]["flip"][0] / 5000
        ok = per_5000 <= 1.2 * per_1000
        checks.append(f"{'PASS' if ok else 'FAIL'}: Flipfolio time per lesson at 5,000 <= 1.2x that at 1,000 "
                      f"({1000 * per_5000:.1f} vs {1000 * per_1000:.1f} ms, {per_5000 / per_1000:.2f}x)")
    else:
        checks.append("n/a: Flipfolio time per lesson at 5,000 <= 1.2x that at 1,000 (sizes not both run)")

    report = "\n".join([table(rows), "", *checks])
    print("\n" + report + "\n\n" + f"Median of {args.repeat} build(s) per site. {environment}.")
    if args.markdown:
        args.markdown.write_text(f"{report}\n\nMedian of {args.repeat} build(s) per site. {environment}.\n")


if __name__ == "__main__":
    main()
