"""Load a portfolio folder into a validated, linked `Portfolio`.

The core of the content model: it never imports MkDocs and names no feature.
It reads every kind of file the features declare (`features.Kind`), validates
each against its format, decides what is published (each kind says), runs the
features' checks (`Check`) and builds the publishing gate. The same `load`
serves the MkDocs plugin, `flipfolio check` and anything else that wants the
content. It reports every problem of the folder at once, each naming file,
line, field, what was expected and what was found, and never raises for bad
content: an unexpected error while reading one file becomes a problem naming
that file, and the other files are still read.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import os
import re
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterable

from . import clock
from . import features as registry
from . import format as schema
from . import sources
from .keep import Keep
from .making import in_two
from .messages import Messages
from .messages import load as load_messages
from .problems import Problem, Problems, RealPaths, did_you_mean, relative, show, within
from .publish import Gate
from .sources import Source, format_path, parse_markdown, parse_yaml, split_front_matter
from .references import references
from .validate import Issue, if_known, is_partial, validate


@dataclass
class Portfolio:
    """Everything in a portfolio folder that may be published, linked together.

    ``portfolio.<kind>`` (``lessons``, ``units``, …: the kinds the features
    declare) holds the published items by id; a single-file kind (the profile)
    holds the item or None. `everything` holds every item that loaded, published
    or not (drafts, private credentials): checks and the publishing gate need
    them, pages never see them.
    """

    root: Path
    include_drafts: bool = False
    items: dict[str, Any] = field(default_factory=dict)
    everything: dict[str, Any] = field(default_factory=dict)
    problems: Problems = field(default_factory=Problems)
    #: What reaches the site (pages, files, links): see `publish.Gate`.
    gate: Gate | None = None
    #: The words of the site's pages, in its language (core/messages.py).
    messages: Messages = field(default_factory=lambda: load_messages(None))
    #: Files of the portfolio that failed to load (portfolio path -> kind, id): the
    #: publishing gate says so of a link to one, instead of taking it for any file.
    broken: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)
    #: Those files as far as their fields are right (kind -> parts, `validate.is_partial`):
    #: the files they name are checked with the others' (`Check.references`).
    partial: dict[str, list] = field(default_factory=dict, repr=False)
    #: The site's words, when `messages` are those of another language (`speaking`); None otherwise.
    site_messages: Messages | None = field(default=None, repr=False)
    #: Work the features' helpers do once per portfolio (e.g. lessons grouped by unit).
    memo: dict[str, Any] = field(default_factory=dict, repr=False)
    #: What a preview keeps from its previous load (`keep.Keep`); None in a build.
    keep: Keep | None = field(default=None, repr=False)
    #: The real paths (symbolic links resolved) of the files this load names.
    real: RealPaths | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.real is None:
            self.real = RealPaths(self.root)

    def __getattr__(self, name: str) -> Any:
        # Only the declared kinds: `portfolio.lessons`, `portfolio.profile`, …
        items = self.__dict__.get("items")
        if items is not None and name in items:
            return items[name]
        raise AttributeError(name)

    def remember(self, key: str, make):
        """`make()`, worked out once per portfolio."""
        if key not in self.memo:
            self.memo[key] = make()
        return self.memo[key]

    def speaking(self, language: str) -> Portfolio:
        """This portfolio with the words of `language` instead of the site's
        (Flipfolio's catalogue with the portfolio's own file of it, as the site's
        are made), for a page in another language: the same items, and the same
        work done once (`memo`)."""
        if language == self.messages.language:
            return self
        site = self.site_messages or self.messages
        other = copy.copy(self)
        if language == site.language:
            other.messages, other.site_messages = site, None
        else:
            other.messages = self.remember(f"messages:{language}",
                                           lambda: load_messages(language, self.root, [], self.root.parent))
            other.site_messages = site
        return other


# ---- Loading


def load(root: str | Path, *, include_drafts: bool = False, language: str | None = None,
         keep: Keep | None = None, parallel: bool = False) -> Portfolio:
    """Read, validate and link the portfolio folder at `root`; its pages
    speak `language` (the site's, e.g. ``es``; English when not given).
    A preview passes the same `keep` to every load: files whose bytes did not
    change are not parsed again (`keep.Keep`). With `parallel` (and no
    `keep`), a second process reads half the files (`making.in_two`): the
    same portfolio and problems, sooner.

    Never raises for bad content: problems are in ``portfolio.problems``.
    """
    root = Path(root)
    portfolio = Portfolio(root=root, include_drafts=include_drafts, keep=keep)
    portfolio.messages = load_messages(language)
    kinds = registry.kinds()
    for kind in kinds:
        portfolio.items[kind.name] = None if kind.single else {}
        portfolio.everything[kind.name] = None if kind.single else {}
    problems = portfolio.problems
    if not root.is_dir():
        problems.error(str(root), "the portfolio folder does not exist; check 'portfolio_dir' or run 'flipfolio new'")
        return portfolio
    base = root.parent
    date_problem = clock.problem()  # (FLIPFOLIO_BUILD_DATE, SOURCE_DATE_EPOCH: what "this week" is)
    if date_problem is not None:
        problems.add(date_problem)
    # The site's words, with the portfolio's corrections and languages (messages/).
    found: list[Problem] = []
    portfolio.messages = load_messages(language, root, found, base)
    for problem in found:
        problems.add(problem)

    # Ids of files that exist but failed to load: references to them are not
    # reported again, the file's own problems say what to fix.
    failed: set[str] = set()
    listed = [(kind, _list_kind(root, kind, base)) for kind in kinds]
    for problem in _stray_files(root, kinds, base):
        problems.add(problem)
    jobs = [(step[1], base, kind.model) for kind, steps in listed for step in steps if step[0] == "read"]
    read = partial(_read_one, keep=keep)
    parallel = parallel and keep is None  # (a preview keeps what it read: its loads stay in one process)
    entries = iter(in_two(read, jobs) if parallel else map(read, jobs))
    for kind, steps in listed:
        for step in steps:
            if step[0] == "problem":
                problems.add(step[1])
                if step[2]:
                    failed.add(step[2])  # references to it are not reported again
                continue
            entry, found = next(entries)
            if is_partial(entry):
                portfolio.partial.setdefault(kind.name, []).append(entry)
                entry = None
            _add_entry(portfolio.everything, kind, step[1], entry, found, base, problems, failed)
            if entry is None and not kind.single:
                portfolio.broken[Path(os.path.relpath(step[1], root)).as_posix()] = (kind.name, step[1].stem)

    # What is published: each kind decides, in order (a lesson needs its unit).
    for kind in kinds:
        found = portfolio.everything[kind.name]
        if kind.single:
            portfolio.items[kind.name] = found if found is not None and kind.published(portfolio, found) else None
        else:
            portfolio.items[kind.name] = {k: v for k, v in found.items() if kind.published(portfolio, v)}

    check = Check(portfolio, failed, parallel=parallel)
    check.references()
    for run in registry.hooks("check"):
        run(check)
    portfolio.gate = Gate.build(portfolio)
    for run in registry.hooks("check_published"):
        run(check)
    return portfolio


@dataclass
class Check:
    """What a feature's checks get: the portfolio, and ways to report problems
    about references (ids of other files) and files the portfolio names."""

    portfolio: Portfolio
    failed: set[str] = field(default_factory=set)
    #: Whether `each` may use a second process (a build's load: see `load`).
    parallel: bool = False

    @property
    def problems(self) -> Problems:
        return self.portfolio.problems

    def references(self) -> None:
        """Check the ids and files every file names, as its format marks them
        (`references.py`): of the files that loaded, and of those that did not,
        as far as their fields are right."""
        for kind in registry.kinds():
            found = self.portfolio.everything[kind.name]
            entries = ([found] if found is not None else []) if kind.single else list(found.values())
            for entry in entries + self.portfolio.partial.get(kind.name, []):
                for field_path, value, how, what in references(entry, kind.model):
                    if how == "refers":
                        self.ref(entry, field_path, value, what)
                    else:
                        self.file(entry, field_path, value, what)

    def ref(self, entry, field_path: tuple, value: str, kind_name: str) -> bool:
        """Whether `value` is the id of an item of `kind_name` (published or
        not); reports the problem when it is not."""
        kind = registry.kind(kind_name)
        return _ref(self.problems, entry, field_path, value, self.portfolio.everything[kind_name], kind.label,
                    self.failed, kind.folder)

    def file(self, entry, field_path: tuple, value: str, what: str) -> None:
        """Reports a file named by `entry` that is missing or outside the portfolio folder."""
        _file_ref(self.problems, self.portfolio.root, entry, field_path, value, what, self.portfolio.real)

    def each(self, function, items) -> list:
        """``[function(item) for item in items]``, in two processes when the load
        is parallel (`making.in_two`: `function` must be pure and its values
        pickle): for work file by file, such as parsing captions."""
        return in_two(function, items) if self.parallel else [function(item) for item in items]

    def guarded(self, file: str, function, *args):
        """Run `function(*args)`; an unexpected error becomes a problem naming `file`."""
        return self.problems.guarded(file, function, *args)

    def partly_right(self, kind: str, when: Callable[[Any], bool]) -> list:
        """The files of `kind` with wrong fields (`Portfolio.partial`) that `when`
        holds for as far as their right fields tell (it reads a wrong one: no),
        for the checks a teacher sees in the same round as those fields' problems."""
        return [entry for entry in self.portfolio.partial.get(kind, [])
                if if_known(partial(when, entry), False)]

    def guarded_partly(self, file: str, function, *args) -> None:
        """`guarded`, for a check of a file with wrong fields: where it reads one,
        it stops there (what it found up to there is said), until the field is fixed."""
        self.problems.guarded(file, if_known, partial(function, *args))


# ---- Reading files


_NEAR_MISS = {
    ".md": (".md.txt", ".md", ".markdown", ".mdown", ".mkd"),
    ".yml": (".yml.txt", ".yaml.txt", ".yml", ".yaml"),
}


def _misplaced_hint(suffix: str, kinds: list) -> str | None:
    """Where the files of a suffix are read from ("Lessons are read from lessons/")."""
    if suffix == ".json":
        return "Flipfolio reads YAML ('.yml'), not JSON"
    markdown = suffix == ".md"
    if suffix not in (".md", ".yml", ".yaml"):
        return None
    places = [f"{kind.noun}s from {kind.folder}/" for kind in kinds
              if not kind.single and kind.markdown == markdown and kind.noun]
    if not places:
        return None
    said = ", ".join(places).replace(" from ", " are read from ", 1)  # "units are read from units/, …"
    return said[0].upper() + said[1:]


def _misplaced(path: Path, wanted: str, kinds: list) -> bool:
    """Whether a file in a kind's folder that is not of its kind is one of
    Flipfolio's put in the wrong folder (a unit's YAML among the lessons, a
    lesson among the units, a question set saved as JSON), not a file the
    pages show (a picture, a worksheet, a Markdown evidence file)."""
    suffix = path.suffix.lower()
    if suffix in (".yml", ".yaml", ".json"):
        return True
    return suffix == ".md" and wanted != ".md" and _looks_like(path, kinds) is not None


def _looks_like(path: Path, kinds: list) -> tuple | None:
    """(kind, why) when a Markdown file's front matter looks like that of a
    kind's file (a lesson's names its unit), else None."""
    try:
        with open(path, encoding="utf-8", errors="replace") as source:
            head = source.read(4096)
    except OSError:
        return None
    front, _, _ = split_front_matter(head)
    if front is None:
        return None
    for kind in kinds:
        why = kind.looks_like(front) if kind.looks_like is not None else None
        if why:
            return kind, why
    return None


def _stray_files(root: Path, kinds: list, base: Path) -> list[Problem]:
    """Markdown files that look like a kind's (a lesson) outside the folders
    Flipfolio reads (the portfolio folder itself, a 'lesson/' folder …): a
    warning each, or the lesson is silently missing from the site."""
    # The portfolio folder and its folders one level down, but the kinds' own (`_list_kind` lists their
    # files), the features' own, media/ and hidden ones: where a lesson lands when saved in the wrong
    # place, without walking every picture and captions file of a large portfolio.
    skip = {kind.folder for kind in kinds if not kind.single} | {"media"} | set(registry.folders())
    paths = []
    with os.scandir(root) as entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_file() and entry.name.lower().endswith(".md"):
                paths.append(Path(entry.path))
            elif entry.is_dir() and entry.name not in skip:
                with os.scandir(entry.path) as inner:
                    paths += [Path(e.path) for e in inner if e.name.lower().endswith(".md") and
                              not e.name.startswith(".") and e.is_file()]
    found = []
    for path in sorted(paths):
        looks = _looks_like(path, kinds) if path.is_file() else None
        if looks is not None:
            kind, why = looks
            found.append(Problem(relative(path, base), f"this file is not read: it looks like a {kind.noun} ({why}), "
                                 f"but {kind.noun}s are read from {kind.folder}/", severity="warning",
                                 hint=f"Move it into the portfolio folder's {kind.folder}/"))
    return found


def _list_kind(root: Path, of: registry.Kind, base: Path) -> list[tuple]:
    """The files of a kind, in order: ``("read", path)`` for each file to read,
    ``("problem", Problem, failed id or "")`` for each file named wrongly."""
    if of.single:
        path = root / of.folder
        if path.is_file():
            return [("read", path)]
        stem = Path(of.folder).stem.lower()
        near = sorted(p.name for p in root.glob("*") if p.is_file() and p.stem.lower() == stem
                      and p.suffix.lower() in (".yml", ".yaml", ".txt")) if root.is_dir() else []
        if near:  # 'profile.yaml', 'Profile.yml': there, but not read
            return [("problem", Problem(relative(root / near[0], base), f"this file is not read: rename it to "
                                        f"'{of.folder}'", severity="error", found=show(near[0])), "")]
        return [("problem", Problem(relative(path, base), of.required, severity="error"), "")] if of.required else []
    folder = root / of.folder
    if not folder.is_dir():
        return []
    steps: list[tuple] = []
    kind = of.folder
    wanted = ".md" if of.markdown else ".yml"
    found = folder.rglob("*") if of.nested else folder.glob("*")
    for path in sorted(found):
        if not path.is_file() or any(part.startswith(".") for part in relative(path, folder).split("/")):
            continue
        name = path.name
        suffix = path.suffix
        if suffix not in ((".yml", ".yaml") if wanted == ".yml" else (".md",)):
            near = next((s for s in _NEAR_MISS[wanted] if name.lower().endswith(s)), None)
            if near is not None:
                stem = name[: -len(near)]
                stem = stem if schema.is_slug(stem) else (schema.slug_like(stem) or stem)
                steps.append(("problem", Problem(
                    relative(path, base),
                    f"this file is not read: {kind} files end in '{wanted}' (lowercase); rename it to "
                    f"'{stem}{wanted}'",
                    severity="warning", found=show(name),
                ), ""))
            elif _misplaced(path, wanted, registry.kinds()):
                steps.append(("problem", Problem(
                    relative(path, base), f"this file is not read: the files of {kind}/ are "
                    f"{'Markdown' if wanted == '.md' else 'YAML'} ('{wanted}')", severity="warning",
                    found=show(name), hint=_misplaced_hint(suffix.lower(), registry.kinds())), ""))
            continue
        file = relative(path, base)
        entry_id = path.stem
        if not schema.is_slug(entry_id):
            slug = schema.slug_like(entry_id)
            steps.append(("problem", Problem(
                file,
                "the file name is the id used in web addresses and references: use lowercase "
                "letters, digits and dashes only, "
                + (f"rename it to '{slug}{path.suffix}'" if slug else f"e.g. 'adding-fractions{path.suffix}'"),
                severity="error", found=show(path.name),
            ), f"{kind}/{entry_id}"))
            continue
        if entry_id in of.reserved:
            steps.append(("problem", Problem(
                file,
                f"'{entry_id}' cannot be an id: it is the address of an index page; rename the file, "
                f"e.g. '{entry_id}-cards{path.suffix}'",
                severity="error", found=show(path.name),
            ), f"{kind}/{entry_id}"))
            continue
        steps.append(("read", path))
    return steps


def _read_one(job: tuple, keep: Keep | None = None) -> tuple[Any, list[Problem]]:
    """One file read: (its entry or None, the problems found in it)."""
    path, base, model = job
    found = Problems()
    entry = found.guarded(relative(path, base), _read_entry, path, base, model, found, keep)
    return entry, found.items


def _add_entry(everything: dict, of: registry.Kind, path: Path, entry, found: list[Problem], base: Path,
               problems: Problems, failed: set[str]) -> None:
    """Put a file read in its place (reporting an id given twice), with its problems."""
    file = relative(path, base)
    entries = everything[of.name]
    if not of.single and path.stem in entries:
        problems.error(
            file,
            f"the id '{path.stem}' is already used by {entries[path.stem].file}; ids must be unique, "
            "rename one of the files",
        )
        return
    for problem in found:
        problems.add(problem)
    if entry is not None:
        entry._kind = of.name
    if of.single:
        everything[of.name] = entry
    elif entry is None:
        failed.add(f"{of.folder}/{path.stem}")
    else:
        entries[path.stem] = entry


def _read_entry(path: Path, base: Path, model, problems: Problems, keep: Keep | None = None):
    if keep is None:
        return _read_entry_now(path, base, model, problems)
    # A preview: the same bytes give the same entry and the same problems as last time.
    try:
        content = keep.content(path)
    except OSError:
        return _read_entry_now(path, base, model, problems)

    def make():
        found = Problems()
        entry = _read_entry_now(path, base, model, found)
        if entry is not None and not is_partial(entry) and path.suffix == ".md":
            # A preview holds a lesson's text, as read with the rest of the file (a build reads it
            # when a page asks, so as not to hold them all): read as `Path.read_text` reads it.
            raw = content if isinstance(content, bytes) else path.read_bytes()
            text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
            entry._body = sources.markdown_body(text)
        return entry, found.items

    entry, found = keep.made("entry", path, content, make)
    for problem in found:
        problems.add(problem)
    return entry


def not_utf8(file: str, exc: UnicodeDecodeError) -> Problem:
    """The error for a file that is not UTF-8 text, at the line and column of the first wrong byte."""
    line = exc.object.count(b"\n", 0, exc.start) + 1
    column = exc.start - exc.object.rfind(b"\n", 0, exc.start)
    return Problem(file, f"the file is not UTF-8 text (column {column} of this line has the byte "
                   f"0x{exc.object[exc.start]:02X}); save it as UTF-8 (in most editors: 'Save with encoding', UTF-8)",
                   line=line)


def _read_entry_now(path: Path, base: Path, model, problems: Problems):
    file = relative(path, base)
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
        problems.add(not_utf8(file, exc))
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
        glued = re.search(r"^[ \t]*[\w-]+:(\u00a0|[^\s])", text, re.MULTILINE)
        hint = None if glued is None else (
            "The space after ':' is a non-breaking space (from a word processor): type a normal space"
            if glued.group(1) == "\u00a0" else "Put a space after each ':'")
        problems.error(file, "expected fields such as 'title: …', one per line", line=1, found=show(source.data),
                       hint=hint)
        return None
    entry, issues = validate(source.data, model, partly=True)
    if issues:
        for problem in translate(issues, source):
            problems.add(problem)
        if entry is None:
            return None
        # A file with problems: returned as far as it is right, for the files it names (`load`).
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
    """A warning for each placeholder ('flipfolio new', 'flipfolio credentials
    import') still in the file, so a
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
            f"a placeholder is still here (marked {PLACEHOLDER}): {what}, then delete the mark",
            field=format_path(fields[number]) if number in fields else "", line=number,
        )


# ---- References


def _ref(problems: Problems, entry, field_path: tuple, value: str, pool: Iterable[str], what: str,
         failed: set[str], kind: str) -> bool:
    # `kind`: the folder of the files referred to (failed files are named "folder/id").
    pool = list(pool)
    if value in pool or f"{kind}/{value}" in failed:
        return True
    if any(_loose(f) == _loose(f"{kind}/{value}") for f in failed):
        return True  # a file of that name in other letters was refused: its own problem says to rename it
    # Files that exist but failed to load are named too: their own problems say what to fix.
    broken = sorted(f.split("/", 1)[1] for f in failed if f.startswith(kind + "/"))
    names = sorted(set(pool) | set(broken))
    if not pool:
        choices = (f"none has loaded: {', '.join(broken)} {'has' if len(broken) == 1 else 'have'} problems "
                   "of their own, said for their files" if broken else "there are none yet")
    elif len(names) <= 12:
        choices = ", ".join(names)
    else:
        close = difflib.get_close_matches(str(value), names, n=5, cutoff=0)
        choices = ", ".join(sorted(close)) + f", … ({len(names)} in all)"
    hint = did_you_mean(value, names)
    if hint and pool and hint.split("'")[1] in broken:
        hint += " (that file has problems of its own, said for it)"
    problems.error(
        entry.file,
        f"expected the id of {what} ({choices})",
        field=format_path(field_path),
        line=entry.line_of(*field_path),
        found=show(value),
        hint=hint,
    )
    return False


def _loose(name: str) -> str:
    return re.sub(r"[\s_]+", "-", name.strip().lower())


def _file_ref(problems: Problems, root: Path, entry, field_path: tuple, value: str, what: str,
              real: RealPaths) -> None:
    if re.match(r"^[a-z]+:", value):
        return
    target = real(os.path.join(root, value))
    if not within(target, real.root):
        problems.error(entry.file, f"{what} must be a file inside the portfolio folder", field=format_path(field_path),
                       line=entry.line_of(*field_path), found=show(value))
    elif not os.path.isfile(target):
        slashed = value.replace("\\", "/")
        problems.error(
            entry.file,
            f"{what} must be a file in the portfolio folder (paths start at the folder, e.g. media/photo.jpg)",
            field=format_path(field_path),
            line=entry.line_of(*field_path),
            found=show(value) + " (no such file)",
            hint=(f"Write '/' between folders, not '\\': '{slashed}'"
                  if slashed != value and os.path.isfile(real(os.path.join(root, slashed))) else None),
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


def _meant(name: str, allowed) -> str | None:
    """A hint for a field name a teacher writes for another one ('quiz:' for
    'questions:'), or for a field written at the top instead of under its
    own ('issued:' outside 'award:'), as the kinds declare them."""
    for kind in registry.kinds():
        meant = kind.meant.get(name.lower())
        if meant and meant in allowed and meant != name:
            return f"Did you mean '{meant}'?"
    for kind in registry.kinds():
        for under, fields in kind.belongs_under.items():
            if name in fields and under in allowed:
                return f"'{name}' belongs under '{under}:', indented below it"
    return None


def translate(issues: list[Issue], source: Source) -> list[Problem]:
    """One `Problem` per issue, with line, field, expectation and hint."""
    problems = []
    for issue in issues:
        loc, kind = issue.loc, issue.kind
        # A number, a date or true/false is shown as the teacher wrote it ('0x1F', '.inf'), not as YAML read it.
        as_written = source.written.get(loc) if not isinstance(issue.value, str) else None
        shown = show(issue.value) if as_written is None else as_written if len(as_written) <= 60 else \
            as_written[:59] + "…"
        found = None if kind in ("missing", "too_short", "unknown", "rule") else shown
        hint = None
        if kind == "unknown":
            message = "unknown field; remove it or check its spelling"
            hint = _meant(str(loc[-1]), issue.choices) or did_you_mean(str(loc[-1]), issue.choices)
            if not hint and issue.choices:
                hint = "Allowed fields: " + ", ".join(issue.choices)
        elif kind == "choice":
            message = "expected one of " + ", ".join(f"'{c}'" for c in issue.choices)
            hint = did_you_mean(str(issue.value), issue.choices) or _words_of(issue.value, issue.choices)
        elif kind == "missing":
            message = _EXPECTED[kind]
            if issue.message:  # what the field holds, as the format says it
                what = issue.message
                hint = "Add it: " + (what if what[:2].isupper() else what[0].lower() + what[1:])  # (not "URL")
        elif kind == "rule":
            message = issue.message
            if as_written is not None and message.endswith(f"found {show(issue.value)}"):
                message = message[: len(message) - len(show(issue.value))] + shown
            # A rule across fields ("'due' is before 'assigned'") points at the first field it names.
            # It may name a part of a list too: "'pairs[1].left' is given twice".
            named = re.match(r"^'(\w+(?:\[\d+\]|\.\w+)*)'", message)
            if named:
                path = tuple(int(p) if p.isdigit() else p for p in re.findall(r"\w+", named.group(1)))
                if loc + path[:1] in source.lines:
                    loc = loc + path
                if message[named.end():].startswith(": "):  # "'choices': mark…" names the field only
                    message = message[named.end() + 2:]
        else:
            message = _EXPECTED[kind]
            hint = _written_as(kind, issue.value, loc[-1] if loc else "", as_written)
        problems.append(Problem(source.file, message, field=format_path(loc), line=source.line_of(loc),
                                found=found, hint=hint))
    return problems


def _words_of(value, choices: list[str]) -> str | None:
    """A hint for a value made of words of the allowed ones ('multiple-choice': 'choice' or 'multiple')."""
    words = set(re.split(r"[-_\s/]+", str(value).strip().casefold()))
    named = [c for c in choices if c.casefold() in words]
    return "Did you mean " + " or ".join(f"'{c}'" for c in named) + "?" if named else None


def _written_as(kind: str, value, name, written: str | None = None) -> str | None:
    """How to write what YAML read as another type: a date, a number or yes/no
    meant as text goes in quotes (`name`: the field, or the index of a list's
    item; `written`: the value as written); one item meant as a list goes in brackets."""
    if kind == "text":
        read_as = ("yes/no" if isinstance(value, bool) else "number" if isinstance(value, (int, float))
                   else "date" if isinstance(value, (dt.date, dt.time)) else None)
        quoted = '"' + (written if written is not None and '"' not in written and "\\" not in written else "…") + '"'
        place = f"- {quoted}" if isinstance(name, int) else f"{name}: {quoted}"
        return read_as and f"YAML reads it as a {read_as}: write it in quotes to keep it as text ({place})"
    name = str(name)
    if kind == "list" and isinstance(value, str) and name:
        items = [part.strip() for part in value.split(",") if part.strip()]
        return f"For one or several, write them in brackets: {name}: [{', '.join(items)}]"
    return None
