"""What questions cost a 1,000-lesson build: Flipfolio's question sets and mkdocs-quiz.

The script takes the synthetic portfolio of `build.py` (same lessons, videos,
transcripts, units and credentials) and gives every lesson a question set of
its own with five questions, one of each type Flipfolio's script answers:
choice, multiple, true-false, short and numeric (the first three at a moment of
the lesson's first video, the other two after it; feedback on choices, an
explanation for each, a hint for the short and numeric ones). The same
questions are also written in mkdocs-quiz's `<quiz>` syntax. Four sites are
built:

- Flipfolio without question sets: the portfolio with every lesson's
  `questions` removed (and no `questions/` folder);
- Flipfolio with question sets: the same portfolio, each lesson naming its set
  (``questions/<lesson id>-check.yml``);
- Material: the same lesson pages as in `build.py` (a ``# title`` and the
  lesson's body), in a folder per unit (``docs/lessons/<unit>/<id>.md``) and
  with Material's ``navigation.prune``, so that each page's navigation lists
  the sections and its own unit's lessons, not all of them; search plugin only;
- Material + mkdocs-quiz: the same pages, each ending with the lesson's five
  questions as five ``<quiz>`` blocks, and the ``mkdocs_quiz`` plugin with its
  default options.

mkdocs-quiz has three kinds of question: true-false is a choice between "True"
and "False", short and numeric are fill-in-the-blank (``[[answer]]``; no
tolerance or unit: the number must be typed as given); it has no hints, so the
two hints are Flipfolio's only. The texts (prompts, choices, feedback,
explanations) are the same in both.

Each build is ``mkdocs build`` in a fresh subprocess (`build.build`; Flipfolio
with ``--strict``). The four sites are built in turn, ``--repeat`` rounds
(interleaved, so a slow spell of the machine touches every site alike), and the
median wall time, CPU time (user + system of the build process, read with
``getrusage(RUSAGE_CHILDREN)`` around it; less disturbed than wall time when
other work shares the machine) and peak memory of each site are reported.
What is printed:

1. the build time questions add per lesson: (median with sets - median without)
   / lessons, next to the target (at most 2 ms per lesson; a report, nothing is
   asserted), with the spread of the same difference within each round, and
   the same difference in CPU time;
2. the same for mkdocs-quiz: (median with quizzes - median plain) / pages;
3. the bytes questions add to each page: the mean over lessons of (HTML of the
   lesson page with its set - without), raw and each page gzipped on its own,
   for both; and, once, the size of Flipfolio's shared script
   ``assets/flipfolio/flipfolio.js`` (raw and gzipped, and each of its parts),
   one file for the site that lesson pages with videos or questions load and
   browsers cache (mkdocs-quiz has no such file: its CSS and script are inlined
   into every page, so they are part of its bytes per page). The pages are
   those of the last round.

Usage: ``python benchmarks/questions.py [--lessons 1000] [--repeat 5]
[--workdir DIR] [--markdown FILE]``; ``--lessons 50 --repeat 1`` is a check
that takes about a minute. Without mkdocs-quiz installed (``scripts/setup
bench``) its two sites are skipped and the rest is measured.
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import build as bench  # noqa: E402  (the generator, the building and the table of build.py)
from build import PRUNED_THEME, join, lesson_pages, questions_for, quiz_markdown, split  # noqa: E402

#: Flipfolio's target for the build time question sets add, in ms per lesson.
TARGET_MS = 2.0


# Prints where the flipfolio package is and the parts of its shared script (mkdocs/plugin.py).
_WHERE = """
import flipfolio, os
from flipfolio.mkdocs.plugin import SCRIPTS
print(os.path.dirname(flipfolio.__file__), *SCRIPTS)
"""


def make_sites(n: int, root: Path, quiz: bool) -> dict[str, Path]:
    """Generate the sites for `n` lessons under `root`; returns them by name, in build order."""
    shutil.rmtree(root, ignore_errors=True)
    bench.generate(n, root / "gen")
    without, with_sets = root / "flipfolio-without-questions", root / "flipfolio-with-questions"
    for site in (without, with_sets):
        shutil.copytree(root / "gen" / "flipfolio", site)
        shutil.rmtree(site / "portfolio" / "questions")  # build.py's shared sets, used by some lessons
    sites = {"Flipfolio, no question sets": without, "Flipfolio, a set of 5 per lesson": with_sets}
    if quiz:
        plain, quizzes = root / "material-pruned", root / "material-pruned-quiz"
        for site, plugins in ((plain, ["search"]), (quizzes, ["search", "mkdocs_quiz"])):
            (site / "docs").mkdir(parents=True)
            shutil.copy(root / "gen" / "material" / "docs" / "index.md", site / "docs" / "index.md")
            bench.write_yaml(site / "mkdocs.yml", {"site_name": "Benchmark", "theme": PRUNED_THEME,
                                                   "plugins": plugins})
        sites["Material (navigation.prune)"] = plain
        sites["Material + mkdocs-quiz, 5 quizzes per page"] = quizzes

    rng = random.Random(20261202 + n)
    for lesson in sorted((root / "gen" / "flipfolio" / "portfolio" / "lessons").glob("*.md")):
        front, body = split(lesson)
        front.pop("questions", None)
        (without / "portfolio" / "lessons" / lesson.name).write_text(join(front, body), encoding="utf-8")
        set_id = f"{lesson.stem}-check"
        questions = questions_for(rng)
        bench.write_yaml(with_sets / "portfolio" / "questions" / f"{set_id}.yml",
                         {"title": "Check your understanding", "questions": questions})
        (with_sets / "portfolio" / "lessons" / lesson.name).write_text(join({**front, "questions": set_id}, body),
                                                                       encoding="utf-8")
        if quiz:  # a folder per unit, so that the pruned navigation lists one unit's lessons
            page = (root / "gen" / "material" / "docs" / "lessons" / lesson.name).read_text(encoding="utf-8")
            bench.write(plain / "docs" / "lessons" / front["unit"] / lesson.name, page)
            bench.write(quizzes / "docs" / "lessons" / front["unit"] / lesson.name,
                        page + "\n" + quiz_markdown(questions))
    return sites


def added_bytes(plain: Path, extra: Path, n: int) -> tuple[float, float, float]:
    """Mean over lesson pages of (bytes with - bytes without), raw and gzipped,
    and the mean raw size of the pages without."""
    before, after = lesson_pages(plain, n), lesson_pages(extra, n)
    if before.keys() != after.keys():
        sys.exit(f"the lesson pages of {plain.name} and {extra.name} differ")
    raw, packed, sizes = [], [], []
    for lesson, page in before.items():
        a, b = page.read_bytes(), after[lesson].read_bytes()
        raw.append(len(b) - len(a))
        packed.append(len(gzip.compress(b, mtime=0)) - len(gzip.compress(a, mtime=0)))
        sizes.append(len(a))
    return statistics.mean(raw), statistics.mean(packed), statistics.mean(sizes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lessons", type=int, default=1000, help="lessons (and Material pages)")
    parser.add_argument("--repeat", type=int, default=5, help="rounds of builds, each site once per round; medians")
    parser.add_argument("--workdir", type=Path, default=HERE / ".work" / "questions")
    parser.add_argument("--markdown", type=Path, help="also write the tables to this Markdown file")
    args = parser.parse_args()
    n = args.lessons

    try:
        quiz_version = version("mkdocs-quiz")
    except PackageNotFoundError:
        quiz_version = None
        print("mkdocs-quiz is not installed (scripts/setup bench): its sites are skipped")
    environment = (f"Python {platform.python_version()}, mkdocs {version('mkdocs')}, "
                   f"mkdocs-material {version('mkdocs-material')}"
                   + (f", mkdocs-quiz {quiz_version}" if quiz_version else "") + f", os.cpu_count() = {os.cpu_count()}")
    # The Flipfolio the builds run (PYTHONPATH may name another checkout than this one), and the
    # parts its shared script is joined from.
    where = subprocess.run([sys.executable, "-c", _WHERE], capture_output=True, text=True, check=True).stdout
    package, script_parts = Path(where.split()[0]), where.split()[1:]
    print(f"{environment}; flipfolio from {package}")
    sites = make_sites(n, args.workdir, quiz=quiz_version is not None)
    print(f"{n:,} lessons, 5 questions each; {args.repeat} round(s) of {len(sites)} builds, interleaved")

    runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name in sites}
    for r in range(args.repeat):
        last = r == args.repeat - 1  # keep the last round's pages, to weigh them
        for name, site in sites.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            seconds, mib = bench.build(site, strict=name.startswith("Flipfolio"), keep=last)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            runs[name].append((seconds, mib, cpu))
            print(f"  round {r + 1}: {name}: {seconds:.2f} s ({cpu:.2f} s CPU), {mib:.0f} MiB", flush=True)
    time_of = {name: statistics.median(r[0] for r in rs) for name, rs in runs.items()}
    mib_of = {name: statistics.median(r[1] for r in rs) for name, rs in runs.items()}
    cpu_of = {name: statistics.median(r[2] for r in rs) for name, rs in runs.items()}

    names = list(sites)
    pairs = [(names[0], names[1], "Flipfolio question sets (5 per lesson)", f"<= {TARGET_MS:g}")]
    if quiz_version:
        pairs.append((names[2], names[3], f"mkdocs-quiz {quiz_version} (5 quizzes per page)", "-"))

    page_bytes = {}
    for plain, extra, _, _ in pairs:
        page_bytes[extra] = added_bytes(sites[plain], sites[extra], n)
        page_bytes[plain] = (0.0, 0.0, page_bytes[extra][2])
    script = sites[names[1]] / "site" / "assets" / "flipfolio" / "flipfolio.js"
    script_raw, script_gz = len(script.read_bytes()), len(gzip.compress(script.read_bytes(), mtime=0))
    parts = [(Path(part).name, (package / part).read_bytes()) for part in script_parts]
    for site in sites.values():
        shutil.rmtree(site / "site")

    site_rows = [[name, f"{n:,}", f"{time_of[name]:.2f}", f"{cpu_of[name]:.2f}", f"{mib_of[name]:.0f}",
                  f"{1000 * time_of[name] / n:.1f}", f"{page_bytes[name][2] / 1024:.1f}"] for name in names]
    site_table = bench.table(site_rows, head=["Site", "Lesson pages", "Build time (s)", "CPU time (s)", "Peak MiB",
                                              "ms per page", "Lesson page KiB (without questions)"])
    cost_rows = []
    for plain, extra, label, target in pairs:
        per_page = 1000 * (time_of[extra] - time_of[plain]) / n
        rounds = sorted(1000 * (e[0] - p[0]) / n for p, e in zip(runs[plain], runs[extra]))
        raw, packed, _ = page_bytes[extra]
        cpu_per_page = 1000 * (cpu_of[extra] - cpu_of[plain]) / n
        cost_rows.append([label, f"{per_page:.2f}", target, f"{rounds[0]:.2f} to {rounds[-1]:.2f}",
                          f"{cpu_per_page:.2f}", f"{mib_of[extra] - mib_of[plain]:+.0f}", f"{raw:,.0f}",
                          f"{packed:,.0f}"])
    cost_table = bench.table(cost_rows, head=["Questions", "Added ms per page", "Target ms", "Same, per round",
                                              "Added CPU ms per page", "Added peak MiB", "Added bytes per page",
                                              "Added bytes gzipped"])
    notes = [
        f"Added ms per page: (median build time with questions - median without) / {n:,} pages, "
        f"median of {args.repeat} interleaved round(s); 'per round' is the spread of the same difference "
        "within each round; CPU ms: the same with the builds' CPU time (user + system), which other work on "
        "the machine disturbs less than wall time. The target is a report, not a check.",
        f"Shared script assets/flipfolio/flipfolio.js: {script_raw:,} bytes, {script_gz:,} gzipped, one file "
        "for the whole site, loaded by each lesson page with videos or questions and cached by the browser "
        "(its parts as written, before they are joined and minified, each gzipped alone: "
        + ", ".join(f"{name} {len(gzip.compress(text, mtime=0)):,}" for name, text in parts) + "). "
        "mkdocs-quiz inlines its CSS and script into each page: they are in its added bytes per page.",
    ]
    report = "\n".join([site_table, "", cost_table, "", *notes])
    print("\n" + report + "\n\n" + environment + ".")
    if args.markdown:
        args.markdown.write_text(f"{report}\n\n{environment}.\n", encoding="utf-8")


if __name__ == "__main__":
    main()
