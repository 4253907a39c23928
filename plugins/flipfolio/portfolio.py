"""Load a portfolio folder into a validated, linked `Portfolio`.

This module never imports MkDocs: the same `load` serves the MkDocs plugin,
`flipfolio check` and anything else that wants the content. It reports every
problem of the folder at once, each naming file, line, field, what was
expected and what was found.

Layout of a portfolio folder::

    profile.yml            the teacher
    units/<id>.yml         units, grouping lessons
    lessons/**/<id>.md     one lesson per Markdown file
    questions/<id>.yml     question sets
    credentials/<id>.yml   micro-credentials
    stacks/<id>.yml        stacks of credentials
    media/                 pictures, video files, captions (any layout)
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import webvtt

from . import bodycheck, schema, sources
from .problems import Problem, Problems, did_you_mean, relative, show
from .publish import Gate
from .sources import Source, format_path, parse_markdown, parse_yaml
from .validate import Issue, validate
from .videocache import VideoCache, resolve


@dataclass
class Portfolio:
    """Everything in a portfolio folder that may be published, linked together.

    Drafts are present only when loaded with ``include_drafts=True``; private
    credentials and student work without consent are never present.
    """

    root: Path
    profile: schema.Profile | None = None
    units: dict[str, schema.Unit] = field(default_factory=dict)
    lessons: dict[str, schema.Lesson] = field(default_factory=dict)
    question_sets: dict[str, schema.QuestionSet] = field(default_factory=dict)
    credentials: dict[str, schema.Credential] = field(default_factory=dict)
    stacks: dict[str, schema.Stack] = field(default_factory=dict)
    problems: Problems = field(default_factory=Problems)
    #: What reaches the site (pages, files, links): see `publish.Gate`.
    gate: Gate | None = None
    #: Files the content came from, so a preview can watch them.
    files: list[Path] = field(default_factory=list)
    _by_unit: dict[str, list[schema.Lesson]] | None = field(default=None, repr=False)

    # ---- Lookups used by templates and exports

    def ordered_units(self) -> list[schema.Unit]:
        return sorted(self.units.values(), key=lambda u: (u.order, u.title.lower(), u.id))

    def lessons_in(self, unit: schema.Unit) -> list[schema.Lesson]:
        """The unit's lessons in order (worked out once for all units)."""
        if self._by_unit is None:
            by_unit: dict[str, list[schema.Lesson]] = {}
            for lesson in self.lessons.values():
                by_unit.setdefault(lesson.unit, []).append(lesson)
            for found in by_unit.values():
                found.sort(key=lambda l: (l.order, l.assigned or _FAR, l.title.lower(), l.id))
            self._by_unit = by_unit
        return self._by_unit.get(unit.id, [])

    def unit_of(self, lesson: schema.Lesson) -> schema.Unit:
        return self.units[lesson.unit]

    def question_set_of(self, lesson: schema.Lesson) -> schema.QuestionSet | None:
        return self.question_sets.get(lesson.questions) if lesson.questions else None

    def credentials_of(self, lesson: schema.Lesson) -> list[schema.Credential]:
        return [self.credentials[c] for c in lesson.credentials if c in self.credentials]

    def lessons_for(self, credential: schema.Credential) -> list[schema.Lesson]:
        """Published lessons that name the credential, or that its evidence names."""
        ids = [l.id for l in self.lessons.values() if credential.id in l.credentials]
        ids += [e.lesson for e in credential.evidence if e.lesson in self.lessons and e.lesson not in ids]
        return sorted((self.lessons[i] for i in ids), key=lambda l: (l.assigned or _FAR, l.title.lower()))

    def evidence_of(self, credential: schema.Credential) -> list[schema.Evidence]:
        """Evidence that may be shown: student work needs consent, lessons must be published."""
        return [
            e
            for e in credential.evidence
            if (e.kind != "student-work" or e.consent) and (e.lesson is None or e.lesson in self.lessons)
        ]

    def ordered_credentials(self) -> list[schema.Credential]:
        return sorted(self.credentials.values(), key=lambda c: (c.issued or _FAR, c.name.lower()), reverse=False)

    def stack_members(self, stack: schema.Stack) -> list[schema.Credential]:
        return [self.credentials[c] for c in stack.credentials if c in self.credentials]

    def loose_credentials(self) -> list[schema.Credential]:
        """Credentials in no stack, for the end of the badge wall."""
        stacked = {c for s in self.stacks.values() for c in s.credentials}
        return [c for c in self.ordered_credentials() if c.id not in stacked]

    def stacks_of(self, credential: schema.Credential) -> list[schema.Stack]:
        return [s for s in self.stacks.values() if credential.id in s.credentials]


_FAR = __import__("datetime").date(9999, 12, 31)


# ---- Loading


def load(root: str | Path, *, include_drafts: bool = False) -> Portfolio:
    """Read, validate and link the portfolio folder at `root`.

    Never raises for bad content: problems are in ``portfolio.problems``.
    Call `check` to turn errors into a `ContentError`.
    """
    root = Path(root)
    portfolio = Portfolio(root=root)
    problems = portfolio.problems
    if not root.is_dir():
        problems.error(str(root), "the portfolio folder does not exist; check 'portfolio_dir' or run 'flipfolio new'")
        return portfolio
    base = root.parent

    profile_path = root / "profile.yml"
    if profile_path.is_file():
        portfolio.profile = _read_entry(profile_path, base, schema.Profile, problems, portfolio.files)
    else:
        problems.error(
            relative(profile_path, base),
            "the teacher's profile is missing; create profile.yml with at least 'name:'",
        )

    everything: dict[str, dict[str, Any]] = {}
    # Ids of files that exist but failed to load: references to them are not
    # reported again, the file's own problems say what to fix.
    failed: set[str] = set()
    for kind, pattern, model in (
        ("units", "*.y*ml", schema.Unit),
        ("lessons", "**/*.md", schema.Lesson),
        ("questions", "*.y*ml", schema.QuestionSet),
        ("credentials", "*.y*ml", schema.Credential),
        ("stacks", "*.y*ml", schema.Stack),
    ):
        everything[kind] = _read_kind(root / kind, pattern, base, model, problems, portfolio.files, failed, kind)

    portfolio.units = everything["units"]
    portfolio.question_sets = everything["questions"]
    portfolio.stacks = everything["stacks"]
    all_lessons: dict[str, schema.Lesson] = everything["lessons"]
    all_credentials: dict[str, schema.Credential] = everything["credentials"]

    _check_references(root, portfolio, all_lessons, all_credentials, problems, failed)
    _resolve_videos(portfolio, all_lessons, problems)

    portfolio.lessons = {
        k: v for k, v in all_lessons.items() if (include_drafts or not v.is_draft) and v.unit in portfolio.units
    }
    portfolio.credentials = {k: v for k, v in all_credentials.items() if v.public}
    _check_published_links(portfolio, all_lessons, problems)
    portfolio.gate = Gate.build(portfolio, all_lessons, all_credentials)
    for lesson in portfolio.lessons.values():
        _guarded(problems, lesson.file, _check_lesson_text, portfolio.gate, lesson, problems)
    return portfolio


def _check_lesson_text(gate: Gate, lesson: schema.Lesson, problems: Problems) -> None:
    """Links (through the publishing gate) and unsafe HTML of a published lesson's text."""
    gate.check_lesson_text(lesson, problems)
    for problem in bodycheck.body_problems(lesson):
        problems.add(problem)


def _guarded(problems: Problems, file: str, function, *args):
    """Run one step of loading; an unexpected error becomes a problem naming
    the file being read, and every other file is still checked."""
    try:
        return function(*args)
    except Exception as exc:  # noqa: BLE001 - the last-resort guard
        problems.error(
            file,
            f"Flipfolio could not read this file ({type(exc).__name__}: {str(exc)[:200]}); the other files were "
            "still checked. Check the file for unusual characters or structure; if it looks right, please report "
            "this as a bug",
        )
        return None


def check(portfolio: Portfolio) -> Portfolio:
    """Raise `ContentError` with every error when the portfolio has any."""
    from .problems import ContentError

    if portfolio.problems.errors:
        raise ContentError(portfolio.problems.errors)
    return portfolio


#: Ids that would collide with a generated index page's address.
RESERVED_IDS = ("index",)
_NEAR_MISS = {
    ".md": (".md.txt", ".md", ".markdown", ".mdown", ".mkd"),
    ".yml": (".yml.txt", ".yaml.txt", ".yml", ".yaml"),
}


def _read_kind(folder: Path, pattern: str, base: Path, model, problems: Problems, files: list,
               failed: set[str], kind: str) -> dict[str, Any]:
    entries: dict[str, Any] = {}
    if not folder.is_dir():
        return entries
    wanted = ".md" if pattern.endswith(".md") else ".yml"
    found = folder.rglob("*") if pattern.startswith("**") else folder.glob("*")
    for path in sorted(found):
        if not path.is_file() or any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        name = path.name
        suffix = path.suffix
        if suffix not in ((".yml", ".yaml") if wanted == ".yml" else (".md",)):
            near = next((s for s in _NEAR_MISS[wanted] if name.lower().endswith(s)), None)
            if near is not None:
                stem = name[: -len(near)]
                problems.warning(
                    relative(path, base),
                    f"this file is not read: {kind} files end in '{wanted}' (lowercase); rename it to "
                    f"'{stem}{wanted}'",
                    found=show(name),
                )
            continue
        file = relative(path, base)
        entry_id = path.stem
        if not schema.is_slug(entry_id):
            problems.error(
                file,
                "the file name is the id used in web addresses and references: use lowercase "
                "letters, digits and dashes only, e.g. 'adding-fractions" + path.suffix + "'",
                found=show(path.name),
            )
            failed.add(f"{kind}/{entry_id}")  # references to it are not reported again
            continue
        if entry_id in RESERVED_IDS and kind in ("lessons", "units", "credentials"):
            problems.error(
                file,
                f"'{entry_id}' cannot be an id: it is the address of an index page; rename the file, "
                f"e.g. '{entry_id}-cards{path.suffix}'",
                found=show(path.name),
            )
            failed.add(f"{kind}/{entry_id}")
            continue
        if entry_id in entries:
            problems.error(
                file,
                f"the id '{entry_id}' is already used by {entries[entry_id].file}; ids must be unique, "
                "rename one of the files",
            )
            continue
        entry = _guarded(problems, file, _read_entry, path, base, model, problems, files)
        if entry is None:
            failed.add(f"{kind}/{entry_id}")
        else:
            entries[entry_id] = entry
    return entries


def _read_entry(path: Path, base: Path, model, problems: Problems, files: list):
    file = relative(path, base)
    files.append(path)
    # Not even loaded when far too large (parse_yaml refuses YAML over 1 MiB; a lesson's text may be longer).
    limit = sources.MAX_BYTES * (16 if path.suffix == ".md" else 1)
    size = path.stat().st_size
    if size > limit:
        problems.error(file, f"the file is too large to read ({size / sources.MAX_BYTES:.1f} MiB; at most "
                       f"{limit // sources.MAX_BYTES} MiB): split it into smaller files")
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.error(file, f"the file is not UTF-8 text (byte {exc.start}); save it as UTF-8")
        return None
    if path.suffix == ".md":
        source, found = parse_markdown(text, file)
    else:
        source, found = parse_yaml(text, file)
    for problem in found:
        problems.add(problem)
    if source is None:
        return None
    _placeholders(text, source, problems)
    if source.data is None:
        source.data = {}
    if not isinstance(source.data, dict):
        problems.error(file, "expected fields such as 'title: …', one per line", line=1, found=show(source.data))
        return None
    entry, issues = validate(source.data, model)
    if issues:
        for problem in translate(issues, source):
            problems.add(problem)
        return None
    entry._file = file
    entry._path = Path(*Path(file).parts[1:]).as_posix()
    entry._source = str(path.absolute())  # lines and a lesson's body are read from it when asked for
    entry._id = path.stem
    if path.suffix == ".md":
        entry._body_line = source.body_line
    return entry


#: Marks what `flipfolio new` leaves for the teacher to replace.
PLACEHOLDER = "REPLACE-ME"


def _placeholders(text: str, source: Source, problems: Problems) -> None:
    """A warning for each placeholder of the scaffold still in the file, so a
    strict build cannot publish one. The mark's comment says what to write."""
    if PLACEHOLDER not in text:
        return
    fields = {}
    for path, line in sorted(source.lines.items(), key=lambda kv: len(kv[0])):
        fields[line] = path  # the deepest field on the line
    for number, line in enumerate(text.splitlines(), start=1):
        if PLACEHOLDER not in line:
            continue
        note = re.search(r"#\s*" + PLACEHOLDER + r":?\s*(.*)$", line)
        note = note.group(1).strip() if note else ""
        what = f"write {note}" if note else "write your own"
        problems.warning(
            source.file,
            f"a placeholder from 'flipfolio new' is still here (marked {PLACEHOLDER}): {what}, then delete the mark",
            field=format_path(fields[number]) if number in fields else "", line=number,
        )


# ---- Cross-references


def _ref(problems: Problems, entry, field_path: tuple, value: str, pool: Iterable[str], what: str,
         failed: set[str], kind: str) -> bool:
    pool = list(pool)
    if value in pool or f"{kind}/{value}" in failed:
        return True
    if any(_loose(f) == _loose(f"{kind}/{value}") for f in failed):
        return True  # a file of that name in other letters was refused: its own problem says to rename it
    if not pool:
        broken = sorted(f.split("/", 1)[1] for f in failed if f.startswith(kind + "/"))
        choices = (f"none has loaded: {', '.join(broken)} {'has' if len(broken) == 1 else 'have'} problems "
                   "of their own, listed above" if broken else "there are none yet")
    elif len(pool) <= 12:
        choices = ", ".join(sorted(pool))
    else:
        close = difflib.get_close_matches(str(value), pool, n=5, cutoff=0)
        choices = ", ".join(sorted(close)) + f", … ({len(pool)} in all)"
    problems.error(
        entry.file,
        f"expected the id of {what} ({choices})",
        field=format_path(field_path),
        line=entry.line_of(*field_path),
        found=show(value),
        hint=did_you_mean(value, pool),
    )
    return False


def _loose(name: str) -> str:
    return re.sub(r"[\s_]+", "-", name.strip().lower())


def _file_ref(problems: Problems, root: Path, entry, field_path: tuple, value: str, what: str) -> None:
    if re.match(r"^[a-z]+:", value):
        return
    target = (root / value).resolve()
    if not target.is_relative_to(root.resolve()):
        problems.error(entry.file, f"{what} must be a file inside the portfolio folder", field=format_path(field_path),
                       line=entry.line_of(*field_path), found=show(value))
    elif not target.is_file():
        problems.error(
            entry.file,
            f"{what} must be a file in the portfolio folder (paths start at the folder, e.g. media/photo.jpg)",
            field=format_path(field_path),
            line=entry.line_of(*field_path),
            found=show(value) + " (no such file)",
        )


def _check_references(root, portfolio: Portfolio, lessons, credentials, problems: Problems, failed) -> None:
    units = portfolio.units
    if portfolio.profile and portfolio.profile.photo:
        _file_ref(problems, root, portfolio.profile, ("photo", "src"), portfolio.profile.photo.src, "the photo")
    for lesson in lessons.values():
        _ref(problems, lesson, ("unit",), lesson.unit, units, "a unit in units/", failed, "units")
        if lesson.questions:
            _ref(problems, lesson, ("questions",), lesson.questions, portfolio.question_sets, "a question set in questions/", failed, "questions")
        for i, cid in enumerate(lesson.credentials):
            _ref(problems, lesson, ("credentials", i), cid, credentials, "a credential in credentials/", failed, "credentials")
        for i, video in enumerate(lesson.videos):
            if not video.url.startswith(("http://", "https://")):
                _file_ref(problems, root, lesson, ("videos", i, "url"), video.url, "a video file")
            if video.captions:
                _file_ref(problems, root, lesson, ("videos", i, "captions"), video.captions, "the captions")
    for credential in credentials.values():
        if credential.assertion and "://" not in credential.assertion:
            _file_ref(problems, root, credential, ("assertion",), credential.assertion, "the assertion")
        if credential.image:
            _file_ref(problems, root, credential, ("image", "src"), credential.image.src, "the badge image")
        for i, item in enumerate(credential.evidence):
            if item.lesson:
                _ref(problems, credential, ("evidence", i, "lesson"), item.lesson, lessons, "a lesson in lessons/", failed, "lessons")
            if item.url:
                _file_ref(problems, root, credential, ("evidence", i, "url"), item.url, "the evidence")
    for stack in portfolio.stacks.values():
        for i, cid in enumerate(stack.credentials):
            _ref(problems, stack, ("credentials", i), cid, credentials, "a credential in credentials/", failed, "credentials")


def _resolve_videos(portfolio: Portfolio, lessons: dict[str, schema.Lesson], problems: Problems) -> None:
    """Attach what is known of each video (hand-given + lock folder); warn where a
    published video lacks what students need."""
    cache = VideoCache(portfolio.root)
    cache.read_all()  # every record is checked, used or not; a bad one is left out with a warning
    languages = portfolio.profile.languages if portfolio.profile else ["en"]
    for lesson in lessons.values():
        for i, video in enumerate(lesson.videos):
            info = video._info = resolve(video, cache, languages)
            if lesson.is_draft:
                continue
            def where(i=i, lesson=lesson):  # looked up only for a problem: the line means reading the file again
                return dict(field=f"videos[{i}]", line=lesson.line_of("videos", i))

            if not info.cached and (video.title is None or video.duration is None):
                problems.warning(
                    lesson.file,
                    "the video is not in the video cache; run 'flipfolio videos fetch' to store its title, "
                    "length, thumbnail and captions, or give 'title' and 'duration' here (until then the "
                    "page shows neither)",
                    found=show(video.url), **where(),
                )
            for path in info.empty_captions:
                problems.warning(
                    lesson.file,
                    f"the captions file {path} has no cues (only its WEBVTT header); add the captions to it, "
                    "or say why there are none in 'no_captions_reason'",
                    field=f"videos[{i}].captions", line=lesson.line_of("videos", i, "captions"),
                )
            if not info.captions and not video.no_captions_reason and not info.empty_captions:
                problems.warning(
                    lesson.file,
                    "the video has no captions; add a WebVTT file as 'captions', let 'flipfolio videos fetch' "
                    "find them, or say why there are none in 'no_captions_reason' (e.g. no speech)",
                    found=show(video.url), **where(),
                )
            if i == 0 and lesson.questions in portfolio.question_sets and info.duration is not None:
                qset = portfolio.question_sets[lesson.questions]
                for n, question in enumerate(qset.questions):
                    if question.at is not None and question.at > info.duration:
                        problems.warning(
                            qset.file,
                            f"the time is after the end of the first video of lesson '{lesson.id}' "
                            f"({info.duration} s long)",
                            field=f"questions[{n}].at", line=qset.line_of("questions", n, "at"), found=f"{question.at} s",
                        )
            try:
                info.cues
            except (webvtt.errors.MalformedFileError, OSError, ValueError) as exc:
                problems.warning(lesson.file, f"the captions file {info.captions[0].path} cannot be read ({exc}); "
                                 "the transcript is left out", **where())
                info.transcript = False
            info.release_cues()  # readable; read again when the page is made
    for problem in cache.problems:
        problems.add(problem)


def _check_published_links(portfolio: Portfolio, all_lessons, problems: Problems) -> None:
    # A published page must not link to a page the site leaves out. A lesson
    # left out for a problem of its own (or of its unit) is reported there.
    for credential in portfolio.credentials.values():
        for i, item in enumerate(credential.evidence):
            if item.lesson in all_lessons and item.lesson not in portfolio.lessons and all_lessons[item.lesson].is_draft:
                problems.warning(
                    credential.file,
                    f"the evidence names lesson '{item.lesson}', which is a draft; the item is left "
                    "out until the lesson is published",
                    field=f"evidence[{i}].lesson",
                    line=credential.line_of("evidence", i, "lesson"),
                )


# ---- Turning the issues `validate` finds into teachers' messages

_EXPECTED = {
    "missing": "this field is required",
    "text": "expected text",
    "whole_number": "expected a whole number",
    "number": "expected a number",
    "true_false": "expected true or false",
    "list": "expected a list (lines starting with '- ')",
    "fields": "expected fields (name: value), one per line",
    "date": "expected a date written YYYY-MM-DD",
    "date_with_time": "expected a date written YYYY-MM-DD, without a time",
    "too_short": "expected at least one item",
    "empty_text": "expected some text",
}


def translate(issues: list[Issue], source: Source) -> list[Problem]:
    """One `Problem` per issue, with line, field, expectation and hint."""
    problems = []
    for issue in issues:
        loc, kind = issue.loc, issue.kind
        found = None if kind in ("missing", "too_short", "unknown", "rule") else show(issue.value)
        hint = None
        if kind == "unknown":
            message = "unknown field; remove it or check its spelling"
            hint = did_you_mean(str(loc[-1]), issue.choices)
            if not hint and issue.choices:
                hint = "Allowed fields: " + ", ".join(issue.choices)
        elif kind == "choice":
            message = "expected one of " + ", ".join(f"'{c}'" for c in issue.choices)
            hint = did_you_mean(str(issue.value), issue.choices)
        elif kind == "rule":
            message = issue.message
            # A rule across fields ("'due' is before 'assigned'") points at the first field it names.
            named = re.match(r"^'(\w+)'", message)
            if named and loc + (named.group(1),) in source.lines:
                loc = loc + (named.group(1),)
        else:
            message = _EXPECTED[kind]
        problems.append(Problem(source.file, message, field=format_path(loc), line=source.line_of(loc),
                                found=found, hint=hint))
    return problems
