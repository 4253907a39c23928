"""Build-time benchmark: Flipfolio against plain Material and the tools a teacher would combine instead.

For each size (100, 1,000 and 5,000 lessons by default) the script writes a
synthetic portfolio and builds, in the same run, one site per system from the
SAME lessons (the list ``SYSTEMS`` below; ``--systems`` picks some):

- ``flipfolio``: Flipfolio with every feature on: each lesson with one or two
  YouTube/Vimeo videos, each video with a captions file (shown as a
  transcript), a question set of its own with five questions (choice, multiple
  and true-false at moments of the first video, short and numeric after it,
  with feedback, explanations and hints), due dates (so the this-week page and
  the calendar have weeks and events), credentials (a badge wall, a stack,
  eight credential pages, lessons linking them), and the delivery outputs (the
  this-week and family pages, ``calendar.ics``, ``lessons.atom``), which are on
  whenever the plugin is;
- ``one-process``: the same site with the plugin's ``parallel: false``, which
  makes everything in the build's own process (less memory, more time);
- ``no-videos``, ``no-transcripts``, ``no-questions``, ``no-credentials``,
  ``no-due-dates``: the same portfolio with one feature off. The plugin has no
  option to turn a feature off, so each is the portfolio written without that
  feature's files: no ``videos`` in the lessons (and the questions lose their
  moments, which need a video), videos without captions files (each says why,
  as the format asks), no question sets, no credentials or stacks, no ``due``
  dates. Delivery cannot be turned off: without due dates there is no calendar
  and the this-week page has no weeks, while the feed and the family page
  remain;
- ``material-pruned`` (the baseline of the targets): plain Material with
  ``navigation.prune``; each lesson's body under a ``# title`` heading, as an
  ordinary page in a folder per unit (``docs/lessons/<unit>/<id>.md``, so that a
  page's navigation lists its own unit's lessons); search plugin only;
- ``material``: the same pages with Material's default navigation in one folder
  (``docs/lessons/<id>.md``). Its navigation lists every page on every page, so
  its build time grows with the square of the page count: it is skipped above
  ``--baseline-max`` lessons (default 1,000);
- ``material-tools``: what a teacher would combine instead of Flipfolio: the
  pruned Material pages, each with its videos as plain embeds (an ``<iframe>`` to
  the YouTube/Vimeo player address, at the top of "Before class") and ending
  with the lesson's five questions in mkdocs-quiz's ``<quiz>`` syntax
  (``quiz_markdown``; the ``mkdocs_quiz`` plugin with its default options).
  Skipped when mkdocs-quiz is not installed (``scripts/setup bench``).

Every site uses the same theme settings (``material``, ``font: false``, the
same features, plus ``navigation.prune`` where named) and the search plugin.
The portfolio is generated with seeded random generators, so a size always
gives the same files: ~300 words of varied Markdown per lesson with "Before
class" / "In class" parts, front matter with dates, videos with title and
duration given (so nothing is looked up), tags; max(3, n/25) units.

What is measured, per build (``--repeat`` rounds, each system once per round,
interleaved so that a slow spell of the machine touches every system alike;
medians are reported):

- wall time: ``time.perf_counter()`` around a fresh subprocess running
  ``python -m mkdocs build -q -f <config> -d <site>`` (so interpreter start and
  imports are included, equally for every site: Flipfolio's modules are
  compiled to bytecode first, as an installed package's are); Flipfolio's
  sites build with ``--strict``;
- CPU time: user + system time of that subprocess and the processes it
  starts and waits for (``getrusage(RUSAGE_CHILDREN)`` around it), which other
  work on the machine disturbs less than wall time;
- peak memory: the peak resident set size of that subprocess. The build runs
  through a tiny wrapper (``_RUN_MKDOCS`` below) that runs MkDocs' own command
  line in-process, exactly as ``python -m mkdocs`` does, then reads its own
  ``VmHWM`` from ``/proc/self/status`` and writes it to a file. Not
  ``getrusage``: on Linux a child's ``ru_maxrss`` starts at the RSS of the
  process that spawned it (the kernel carries it over at exec), and
  ``RUSAGE_CHILDREN`` is a maximum over all children so far; ``VmHWM`` covers
  only the build's own address space. Without ``/proc`` (macOS) the wrapper
  falls back to ``ru_maxrss``, which may be inflated by this script's own RSS.
  A build that starts processes of its own (Flipfolio makes its other files in
  a second process while pages render) is counted whole: every 50 ms this
  script sums the proportional set size (``Pss`` of ``/proc/<pid>/smaps_rollup``,
  memory shared between the processes counted once) of the build process and
  its descendants, and the peak reported is the larger of that sum's largest
  value and ``VmHWM``. For a build of one process that is its ``VmHWM``;
- the HTML of each lesson page (its ``index.html``; the median and the largest
  over the lessons, from the last round's build);
- time per lesson: build time / lessons (for Material, lesson pages), fixed
  costs included.

It prints a table of every system and size (with time and memory as ratios of
pruned Material's), the cost of each feature (every feature on minus that
feature off: build time, time and CPU time per lesson, peak memory, lesson
page bytes), and
the targets as PASS/FAIL (the exit status is 0 either way), all against PRUNED
Material:

- at 1,000 lessons Flipfolio's build time and peak memory are at most 1.3
  times pruned Material's;
- Flipfolio's time per lesson at 5,000 lessons is within 1.2 times its time
  per lesson at 1,000;
- no Flipfolio lesson page has more than 60 KiB of HTML.

Usage: ``python benchmarks/build.py [--sizes 100,1000,5000] [--repeat N]
[--systems flipfolio,material-pruned,...] [--workdir DIR] [--markdown FILE]
[--baseline-max N] [--keep-sites]``. Built sites are deleted once measured
unless ``--keep-sites`` is given (the 5,000-page default-navigation site alone
is about 8 GB).
"""

from __future__ import annotations

import argparse
import compileall
import copy
import datetime as dt
import html
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Callable

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

# Same theme settings for every site; only plugins, content and navigation.prune differ.
THEME = {"name": "material", "font": False, "features": ["navigation.indexes", "search.highlight"]}
#: Material with its navigation pruned: each page lists the sections and its own section's pages.
PRUNED_THEME = {**THEME, "features": [*THEME["features"], "navigation.prune"]}

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


# A lesson's five questions, in Flipfolio's question-set format and in mkdocs-quiz's (questions.py uses them too)


def _phrase(rng: random.Random, low: int = 1, high: int = 3) -> str:
    return " ".join(rng.choices(WORDS, k=rng.randint(low, high))).capitalize()


def _choices(rng: random.Random, count: int) -> list[str]:
    seen: list[str] = []
    while len(seen) < count:
        text = _phrase(rng)
        if text not in seen:
            seen.append(text)
    return seen


def questions_for(rng: random.Random) -> list[dict]:
    """Five questions in Flipfolio's question-set format (questions/format.py):
    choice, multiple and true-false at moments of the first video (every video
    lasts at least 2 minutes), short and numeric after it."""
    prompt = lambda: sentence(rng, 6, 12, markdown=False).rstrip(".") + "?"  # noqa: E731
    explanation = lambda: sentence(rng, 10, 18, markdown=False)  # noqa: E731
    choice = _choices(rng, 3)
    multiple = _choices(rng, 4)
    term = rng.choice(WORDS)
    a, b = rng.randint(2, 12), rng.randint(2, 12)
    return [
        {"prompt": prompt(), "type": "choice", "at": 30,
         "choices": [{"text": choice[0], "correct": True, "feedback": sentence(rng, 4, 8, markdown=False)},
                     {"text": choice[1], "feedback": sentence(rng, 6, 12, markdown=False)},
                     {"text": choice[2], "feedback": sentence(rng, 6, 12, markdown=False)}],
         "explanation": explanation()},
        {"prompt": prompt().rstrip("?") + "? Pick all that apply.", "type": "multiple", "at": 60,
         "choices": [{"text": multiple[0], "correct": True}, {"text": multiple[1], "correct": True},
                     {"text": multiple[2], "feedback": sentence(rng, 6, 12, markdown=False)},
                     {"text": multiple[3]}],
         "explanation": explanation()},
        {"prompt": sentence(rng, 6, 12, markdown=False), "type": "true-false", "at": 90,
         "answer": rng.random() < 0.5, "explanation": explanation()},
        {"prompt": f"Which word names this: {sentence(rng, 5, 9, markdown=False).rstrip('.').lower()}?",
         "type": "short", "answer": term, "hint": sentence(rng, 5, 9, markdown=False),
         "explanation": explanation()},
        {"prompt": f"What is {a} times {b}?", "type": "numeric", "answer": a * b,
         "hint": sentence(rng, 5, 9, markdown=False), "explanation": explanation()},
    ]


def quiz_markdown(questions: list[dict]) -> str:
    """The same questions in mkdocs-quiz's syntax, one `<quiz>` block each."""
    blocks = []
    for q in questions:
        if q["type"] in ("choice", "multiple", "true-false"):
            if q["type"] == "true-false":
                choices = [{"text": "True", "correct": q["answer"]}, {"text": "False", "correct": not q["answer"]}]
            else:
                choices = q["choices"]
            lines = [q["prompt"]]
            for c in choices:
                lines.append(f"- [{'x' if c.get('correct') else ' '}] {c['text']}")
                if c.get("feedback"):
                    lines.append(f"> {c['feedback']}")
            blocks.append("\n".join(["<quiz>", *lines, "", q["explanation"], "</quiz>"]))
        else:  # short and numeric: fill in the blank
            blocks.append("\n".join(["<quiz>", f"{q['prompt']} [[{q['answer']}]]", "", "---", "",
                                     q["explanation"], "</quiz>"]))
    return "## Check your understanding\n\n" + "\n\n".join(blocks) + "\n"


# ---- The systems compared


@dataclass
class Lesson:
    """A lesson of the everything-on portfolio, from which every system's page is written."""

    id: str
    unit: str
    front: dict  # Flipfolio front matter: every video captioned, `questions` naming the lesson's own set
    body: str  # the Markdown after the front matter
    page: str  # the same body as an ordinary page, under a `# title` heading (`generate`'s Material page)
    questions: list[dict]  # the lesson's five questions, in Flipfolio's question-set format


@dataclass
class Source:
    """What every system's site is written from: `generate`'s files under `root`
    (``flipfolio/``, ``material/``) and the lessons with every feature on."""

    root: Path
    lessons: list[Lesson]


def everything_on(n: int, root: Path) -> Source:
    """`generate` the portfolio of `n` lessons under `root`, then turn every
    feature on: every video gets a captions file (a transcript), every lesson a
    question set of its own with five questions (``<id>-check``), replacing the
    few shared sets of `generate`. Due dates and credentials are `generate`'s."""
    generate(n, root)
    portfolio = root / "flipfolio" / "portfolio"
    rng = random.Random(20261202 + n)
    lessons = []
    for path in sorted((portfolio / "lessons").glob("*.md")):
        front, body = split(path)
        for v, video in enumerate(front["videos"]):
            if "captions" not in video:
                minutes, seconds = (int(part) for part in video["duration"].split(":"))
                del video["no_captions_reason"]
                video["captions"] = f"media/captions/{path.stem}-{v + 1}.en.vtt"
                write(portfolio / video["captions"], captions(rng, minutes * 60 + seconds))
        front["questions"] = f"{path.stem}-check"
        page = (root / "material" / "docs" / "lessons" / path.name).read_text(encoding="utf-8")
        lessons.append(Lesson(path.stem, front["unit"], front, body, page, questions_for(rng)))
    return Source(root, lessons)


# A feature off: (a lesson's front matter, its questions) -> (the same without the feature; None: no set).
Edit = Callable[[dict, list[dict]], tuple[dict, list[dict] | None]]


def flipfolio_site(edit: Edit | None = None, without: tuple[str, ...] = ()) -> Callable[[Source, Path], None]:
    """A Flipfolio site: the everything-on portfolio, without the folders
    `without` (paths in ``portfolio/``), each lesson and its set changed by `edit`."""

    def write_site(source: Source, site: Path) -> None:
        full = source.root / "flipfolio"
        skipped = {full / "portfolio" / folder for folder in ("lessons", "questions", *without)}
        shutil.copytree(full, site, ignore=lambda folder, names: [n for n in names if Path(folder) / n in skipped])
        for lesson in source.lessons:
            front, questions = copy.deepcopy(lesson.front), copy.deepcopy(lesson.questions)
            if edit:
                front, questions = edit(front, questions)
            write(site / "portfolio" / "lessons" / f"{lesson.id}.md", join(front, lesson.body))
            if questions is not None:
                write_yaml(site / "portfolio" / "questions" / f"{front['questions']}.yml",
                           {"title": "Check your understanding", "questions": questions})

    return write_site


def one_process(write_site: Callable[[Source, Path], None]) -> Callable[[Source, Path], None]:
    """The same site with the plugin's ``parallel: false``: everything made in one process."""

    def write_one(source: Source, site: Path) -> None:
        write_site(source, site)
        config = yaml.safe_load((site / "mkdocs.yml").read_text(encoding="utf-8"))
        for n, plugin in enumerate(config["plugins"]):
            if plugin == "flipfolio" or (isinstance(plugin, dict) and "flipfolio" in plugin):
                options = plugin["flipfolio"] if isinstance(plugin, dict) else {}
                config["plugins"][n] = {"flipfolio": {**(options or {}), "parallel": False}}
        write_yaml(site / "mkdocs.yml", config)

    return write_one


def no_videos(front: dict, questions: list[dict]) -> tuple[dict, list[dict]]:
    """No videos; the questions lose their moments (a moment needs a video)."""
    front.pop("videos")
    return front, [{k: v for k, v in q.items() if k not in ("at", "video")} for q in questions]


def no_transcripts(front: dict, questions: list[dict]) -> tuple[dict, list[dict]]:
    """Videos without captions files, each saying why (as the format asks)."""
    for video in front["videos"]:
        del video["captions"]
        video["no_captions_reason"] = "No speech: music and on-screen text only."
    return front, questions


def no_questions(front: dict, questions: list[dict]) -> tuple[dict, None]:
    front.pop("questions")
    return front, None


def no_credentials(front: dict, questions: list[dict]) -> tuple[dict, list[dict]]:
    front.pop("credentials", None)
    return front, questions


def no_due_dates(front: dict, questions: list[dict]) -> tuple[dict, list[dict]]:
    front.pop("due")
    return front, questions


def embeds(videos: list[dict]) -> str:
    """The videos as a teacher pastes them from YouTube's or Vimeo's "Embed"
    (the player address Flipfolio's own player would load)."""
    sys.path.insert(0, str(HERE.parent / "plugins"))
    from flipfolio.videos.urls import parse_video_url

    return "\n\n".join(
        f'<iframe width="560" height="315" src="{parse_video_url(video["url"]).embed_url()}" '
        f'title="{html.escape(video["title"])}" frameborder="0" allow="accelerometer; autoplay; clipboard-write; '
        'encrypted-media; gyroscope; picture-in-picture; web-share" allowfullscreen></iframe>'
        for video in videos)


def material_site(theme: dict, by_unit: bool, tools: bool = False) -> Callable[[Source, Path], None]:
    """A plain Material site of the lesson pages (in a folder per unit when
    `by_unit`); with `tools`, each page also has its videos as embeds and its
    questions as mkdocs-quiz blocks, and the site the mkdocs_quiz plugin."""

    def write_site(source: Source, site: Path) -> None:
        plugins = ["search", "mkdocs_quiz"] if tools else ["search"]
        write_yaml(site / "mkdocs.yml", {"site_name": "Benchmark", "theme": theme, "plugins": plugins})
        write(site / "docs" / "index.md", (source.root / "material" / "docs" / "index.md").read_text(encoding="utf-8"))
        for lesson in source.lessons:
            page = lesson.page
            if tools:
                before = "## Before class\n\n"
                page = page.replace(before, before + embeds(lesson.front["videos"]) + "\n\n", 1)
                page += "\n" + quiz_markdown(lesson.questions)
            write(site / "docs" / "lessons" / (lesson.unit if by_unit else "") / f"{lesson.id}.md", page)

    return write_site


@dataclass(frozen=True)
class System:
    key: str  # its name in --systems and its folder
    name: str  # its name in the tables
    write: Callable[[Source, Path], None]  # writes its site
    feature_off: str = ""  # a Flipfolio site with this feature off (the cost table)
    quadratic: bool = False  # its build time grows with the square of the pages: skipped above --baseline-max
    needs: str = ""  # a package it needs (skipped without it)
    note: str = ""  # said under the tables when it is built ({baseline_max} is --baseline-max)

    @property
    def flipfolio(self) -> bool:
        return self.key in ("flipfolio", "one-process") or bool(self.feature_off)


SYSTEMS = [
    System("flipfolio", "Flipfolio, every feature", flipfolio_site()),
    System("one-process", "Flipfolio, every feature, one process", one_process(flipfolio_site()),
           note="Flipfolio, one process: the plugin's option 'parallel: false' (everything made in the build's own "
                "process, none in a second one): less memory, more time."),
    System("no-videos", "Flipfolio, no videos", flipfolio_site(no_videos, without=("media/captions",)),
           feature_off="videos (players, chapters, transcripts, question moments)"),
    System("no-transcripts", "Flipfolio, no transcripts",
           flipfolio_site(no_transcripts, without=("media/captions",)), feature_off="transcripts"),
    System("no-questions", "Flipfolio, no question sets", flipfolio_site(no_questions),
           feature_off="questions (a set of 5 per lesson)"),
    System("no-credentials", "Flipfolio, no credentials",
           flipfolio_site(no_credentials, without=("credentials", "stacks")), feature_off="credentials"),
    System("no-due-dates", "Flipfolio, no due dates", flipfolio_site(no_due_dates),
           feature_off="due dates (calendar events, this-week weeks)"),
    System("material-pruned", "Material, navigation.prune", material_site(PRUNED_THEME, by_unit=True)),
    System("material", "Material, default navigation", material_site(THEME, by_unit=False), quadratic=True,
           note="Material with default navigation lists every page on every page, so its build time grows with "
                "the square of the page count: it is built up to --baseline-max ({baseline_max:,}) lessons only."),
    System("material-tools", "Material + mkdocs-quiz + video embeds, navigation.prune",
           material_site(PRUNED_THEME, by_unit=True, tools=True), needs="mkdocs-quiz",
           note="Material + mkdocs-quiz + video embeds: the same pages with each video as an <iframe> of the "
                "YouTube or Vimeo player (loaded with the page, without a transcript) and the lesson's five "
                "questions as <quiz> blocks (true-false as a choice, short and numeric as fill-in-the-blank, no "
                "hints); no credential pages, calendar, feed or this-week page."),
]
FULL, BASELINE = "flipfolio", "material-pruned"  # the targets compare these two

MEASURES_NOTE = (
    "Build time, CPU time (user + system of the build process, which other work on the machine disturbs less "
    "than wall time) and peak memory: median of the rounds; lesson page KiB: the HTML of each lesson page "
    "(index.html) of the last round, median and largest; ms per lesson: build time / lessons, start-up included; "
    "'x pruned': the ratio to Material with navigation.prune at the same size; the targets use build time.")
FEATURES_OFF_NOTE = (
    "Flipfolio has no option to turn a feature off, so each 'no ...' site is the same portfolio written without "
    "that feature's files: no videos in the lessons (the questions then lose their moments), videos without "
    "captions files (each says why, as the format asks), no question sets, no credentials or stacks, no due "
    "dates. Delivery (this-week page, family page, calendar, feed) is on whenever the plugin is: without due "
    "dates the calendar is not made and the this-week page has no weeks, the feed and the family page remain.")


# ---- Building and measuring


def build(site: Path, strict: bool, keep: bool) -> tuple[float, float]:
    """Build `site` in a fresh subprocess; returns (seconds, peak MiB): the
    larger of the build process's own peak (``VmHWM``) and the largest total
    PSS of it and the processes it started, sampled (`_tree_pss_kib`)."""
    out, peak_file, log = site / "site", site / "peak.txt", site / "build.log"
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-c", _RUN_MKDOCS, str(peak_file), "build", "-q", "-f", str(site / "mkdocs.yml"),
               "-d", str(out), *(["--strict"] if strict else [])]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    tree_peak = 0
    with open(log, "w") as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env)
        while process.poll() is None:
            tree_peak = max(tree_peak, _tree_pss_kib(process.pid))
            time.sleep(0.05)
        seconds = time.perf_counter() - started
    if process.returncode != 0:
        sys.exit(f"build of {site} failed (exit {process.returncode}):\n{log.read_text()[-3000:]}")
    if log.read_text().strip():
        print(f"  note: {site.name} build printed (see {log}):\n    " + log.read_text().strip()[:500])
    if not keep:  # the 5,000-page default-navigation site alone takes about 8 GB
        shutil.rmtree(out)
    return seconds, max(int(peak_file.read_text()), tree_peak) / 1024


def _tree_pss_kib(root: int) -> int:
    """The total proportional set size (KiB) of process `root` and its
    descendants now: what they hold of the machine's memory, each page shared
    between them counted once (0 where ``/proc`` cannot say)."""
    parents: dict[int, int] = {}
    try:
        for name in os.listdir("/proc"):
            if name.isdigit():
                try:
                    with open(f"/proc/{name}/stat") as stat:
                        parents[int(name)] = int(stat.read().rsplit(")", 1)[1].split()[1])
                except (OSError, ValueError, IndexError):
                    continue
    except OSError:
        return 0
    tree, grown = {root}, True
    while grown:
        found = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= found
        grown = bool(found)
    total = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as rollup:
                total += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
        except (OSError, StopIteration, ValueError):
            continue
    return total


def measure(site: Path, repeat: int, strict: bool, keep: bool) -> tuple[float, float]:
    runs = [build(site, strict, keep) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def lesson_pages(site: Path, n: int) -> dict[str, Path]:
    """The built lesson pages of `site`, by lesson id (Flipfolio's in
    ``lessons/<id>/``, Material's in ``lessons/<id>/`` or ``lessons/<unit>/<id>/``)."""
    pages = {p.parent.name: p for p in (site / "site").glob("lessons/**/lesson-*/index.html")}
    if len(pages) != n:
        sys.exit(f"{len(pages)} lesson pages found in {site / 'site'}, expected {n}")
    return pages


@dataclass
class Measured:
    seconds: float  # median build time
    cpu: float  # median CPU time (user + system) of the build process
    mib: float  # median peak memory
    pages: dict[str, int]  # bytes of each lesson page's HTML, by lesson id

    def kib(self, which: Callable = statistics.median) -> float:
        return which(self.pages.values()) / 1024


def delivery_outputs(site: Path) -> str:
    """What a built Flipfolio site has of the delivery and credential outputs (a check that they are on)."""
    out = site / "site"
    calendar = out / "calendar.ics"
    events = calendar.read_text(encoding="utf-8").count("BEGIN:VEVENT") if calendar.exists() else 0
    pages = {name: (out / name / "index.html").exists() for name in ("this-week", "family", "credentials")}
    return (f"{events} calendar events, feed {'yes' if (out / 'lessons.atom').exists() else 'NO'}, "
            + ", ".join(f"{name} page {'yes' if there else 'NO'}" for name, there in pages.items()))


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}" if a is not None and b is not None else "n/a"


def table(rows: list[list[str]], head: list[str], left: int = 0) -> str:
    """A Markdown table, numbers right-aligned (the first `left` columns left-aligned)."""
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    line = lambda cells: "| " + " | ".join(c.ljust(w) if i < left else c.rjust(w)  # noqa: E731
                                           for i, (c, w) in enumerate(zip(cells, widths))) + " |"
    rule = "|" + "|".join("-" * (w + 2) if i < left else "-" * (w + 1) + ":" for i, w in enumerate(widths)) + "|"
    return "\n".join([line(head), rule, *map(line, rows)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,5000", help="lesson counts, comma-separated")
    parser.add_argument("--repeat", type=int, default=1, help="rounds of builds (each system once); medians")
    parser.add_argument("--systems", default=",".join(s.key for s in SYSTEMS),
                        help="systems to build, comma-separated (default: all): "
                             + ", ".join(s.key for s in SYSTEMS))
    parser.add_argument("--workdir", type=Path, default=HERE / ".work", help="where sites are generated and built")
    parser.add_argument("--markdown", type=Path, help="also write the tables (and targets) to this Markdown file")
    parser.add_argument("--baseline-max", type=int, default=1000,
                        help="skip Material with default navigation above this size")
    parser.add_argument("--keep-sites", action="store_true", help="keep the built sites (deleted by default)")
    args = parser.parse_args()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]
    keys = [key.strip() for key in args.systems.split(",") if key.strip()]
    unknown = [key for key in keys if key not in {s.key for s in SYSTEMS}]
    if unknown:
        parser.error(f"unknown system(s) {', '.join(unknown)}; choose from {', '.join(s.key for s in SYSTEMS)}")
    systems = [s for s in SYSTEMS if s.key in keys]

    versions = {"mkdocs": version("mkdocs"), "mkdocs-material": version("mkdocs-material")}
    missing = set()
    for needed in {s.needs for s in systems if s.needs}:
        try:
            versions[needed] = version(needed)
        except PackageNotFoundError:
            missing.add(needed)
            print(f"{needed} is not installed (scripts/setup bench): its system is skipped")
    environment = (f"Python {platform.python_version()}, "
                   + ", ".join(f"{name} {v}" for name, v in versions.items()) + f", os.cpu_count() = {os.cpu_count()}")
    print(environment)
    # Installed from a wheel, Flipfolio's modules are compiled to bytecode at install, as MkDocs' and
    # Material's are; a checkout's are compiled at first import, except where the machine says not to
    # write bytecode (PYTHONDONTWRITEBYTECODE), and then at every build (0.15 s): compiled here, so that
    # every system starts from bytecode.
    import flipfolio
    compileall.compile_dir(Path(flipfolio.__file__).parent, quiet=1)

    results: dict[tuple[str, int], Measured | str] = {}  # (system, size) -> what was measured, or why not
    for n in sizes:
        root = args.workdir / str(n)
        shutil.rmtree(root, ignore_errors=True)
        source = everything_on(n, root / "source")
        built = []
        for system in systems:
            if system.needs in missing:
                results[system.key, n] = f"skipped: {system.needs} not installed"
            elif system.quadratic and n > args.baseline_max:
                results[system.key, n] = f"skipped: above --baseline-max {args.baseline_max:,}"
            else:
                system.write(source, root / system.key)
                built.append(system)
        print(f"{n:,} lessons: {args.repeat} round(s) of {len(built)} builds", flush=True)
        runs: dict[str, list[tuple[float, float, float]]] = {s.key: [] for s in built}  # (s, CPU s, MiB)
        pages: dict[str, dict[str, int]] = {}
        for r in range(args.repeat):
            last = r == args.repeat - 1  # the last round's pages are weighed
            for system in built:
                site = root / system.key
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                seconds, mib = build(site, strict=system.flipfolio, keep=last)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
                runs[system.key].append((seconds, cpu, mib))
                print(f"  round {r + 1}: {system.name}: {seconds:.2f} s ({cpu:.2f} s CPU), {mib:.0f} MiB", flush=True)
                if last:
                    pages[system.key] = {lesson: page.stat().st_size for lesson, page in lesson_pages(site, n).items()}
                    if system.key == FULL:
                        print(f"    {system.name}: {delivery_outputs(site)}")
                    if not args.keep_sites:
                        shutil.rmtree(site / "site")
        for system in built:
            medians = [statistics.median(run[i] for run in runs[system.key]) for i in range(3)]
            results[system.key, n] = Measured(*medians, pages[system.key])

    rows = []
    for n in sizes:
        base = results.get((BASELINE, n))
        base = base if isinstance(base, Measured) else None
        for system in systems:
            m = results[system.key, n]
            if isinstance(m, str):
                rows.append([f"{n:,}", system.name, m, *["–"] * 7])
                continue
            rows.append([f"{n:,}", system.name, f"{m.seconds:.2f}", f"{m.cpu:.2f}", f"{m.mib:.0f}",
                         ratio(m.seconds, base and base.seconds), ratio(m.mib, base and base.mib),
                         f"{m.kib():.1f}", f"{m.kib(max):.1f}", f"{1000 * m.seconds / n:.1f}"])
    head = ["Lessons", "System", "Build time (s)", "CPU time (s)", "Peak MiB", "Time x pruned", "Memory x pruned",
            "Lesson page KiB (median)", "Lesson page KiB (max)", "ms per lesson"]

    cost_rows = []
    for n in sizes:
        full = results.get((FULL, n))
        for system in systems:
            off = results.get((system.key, n))
            if not system.feature_off or not isinstance(full, Measured) or not isinstance(off, Measured):
                continue
            added = full.seconds - off.seconds
            page_added = statistics.median(full.pages[lesson] - off.pages[lesson] for lesson in full.pages)
            cost_rows.append([f"{n:,}", system.feature_off, f"{added:+.2f}", f"{1000 * added / n:+.1f}",
                              f"{1000 * (full.cpu - off.cpu) / n:+.1f}", f"{round(full.mib - off.mib):+d}",
                              f"{page_added / 1024:+.1f}"])
    cost_head = ["Lessons", "Feature", "Added build time (s)", "Added ms per lesson", "Added CPU ms per lesson",
                 "Added peak MiB", "Added lesson page KiB (median)"]

    report = [table(rows, head, left=2), ""]
    if cost_rows:
        report += ["Cost per feature (every feature on minus that feature off):", "",
                   table(cost_rows, cost_head, left=2), ""]
    report += [f"- {check}" for check in targets(results, sizes)]
    notes = [MEASURES_NOTE, *([FEATURES_OFF_NOTE] if any(s.feature_off for s in systems) else []),
             *(s.note.format(baseline_max=args.baseline_max) for s in systems if s.note)]
    for note in notes:
        report += ["", note]
    text = "\n".join(report) + f"\n\n{args.repeat} round(s) of builds. {environment}.\n"
    print("\n" + text)
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")


def targets(results: dict, sizes: list[int]) -> list[str]:
    """The targets, PASS/FAIL (or n/a when what they need was not measured)."""
    got = lambda key, n: m if isinstance(m := results.get((key, n)), Measured) else None  # noqa: E731
    checks = []
    full, base = got(FULL, 1000), got(BASELINE, 1000)
    claim = "at 1,000 lessons Flipfolio's build time and peak memory <= 1.3x pruned Material's"
    if full and base:
        ok = full.seconds <= 1.3 * base.seconds and full.mib <= 1.3 * base.mib
        checks.append(f"{'PASS' if ok else 'FAIL'}: {claim} "
                      f"(time {full.seconds / base.seconds:.2f}x, memory {full.mib / base.mib:.2f}x)")
    else:
        checks.append(f"n/a: {claim} (both need a 1,000-lesson build)")
    at_1000, at_5000 = got(FULL, 1000), got(FULL, 5000)
    claim = "Flipfolio's time per lesson at 5,000 lessons <= 1.2x that at 1,000"
    if at_1000 and at_5000:
        per_1000, per_5000 = at_1000.seconds / 1000, at_5000.seconds / 5000
        checks.append(f"{'PASS' if per_5000 <= 1.2 * per_1000 else 'FAIL'}: {claim} "
                      f"({1000 * per_5000:.1f} vs {1000 * per_1000:.1f} ms, {per_5000 / per_1000:.2f}x)")
    else:
        checks.append(f"n/a: {claim} (sizes not both run)")
    claim = "a Flipfolio lesson page has at most 60 KiB of HTML"
    built = [(n, m) for n in sizes if (m := got(FULL, n))]
    if built:
        n, m = max(built, key=lambda pair: pair[1].kib(max))
        checks.append(f"{'PASS' if m.kib(max) <= 60 else 'FAIL'}: {claim} "
                      f"(largest {m.kib(max):.1f} KiB, at {n:,} lessons; median {m.kib():.1f} KiB)")
    else:
        checks.append(f"n/a: {claim} (Flipfolio not built)")
    return checks


if __name__ == "__main__":
    main()
