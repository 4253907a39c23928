"""Problems found in a portfolio, and the one error type that carries them.

Every check in the content model records a `Problem` instead of raising at
once, so a teacher sees everything that is wrong with a folder in one run.
`ContentError` wraps the problems that stop a build; the MkDocs glue turns it
into a `PluginError` at the edge.
"""

from __future__ import annotations

import datetime as dt

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Literal

Severity = Literal["error", "warning", "note"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file.

    Attributes:
        file: path of the file, relative to the portfolio's parent folder when known.
        message: what was expected (and what to do about it).
        field: dotted path of the field, e.g. ``videos[0].url``; empty for the whole file.
        line: 1-based line in the file, when known.
        found: what was found instead, already shortened for display.
        hint: a suggestion such as "did you mean 'title'?".
        severity: ``error`` stops the build, ``warning`` is reported and skipped
            (``--strict`` stops on it); a ``note`` says what the build did with
            something right, that a teacher may not expect (it never stops a build).
    """

    file: str
    message: str
    field: str = ""
    line: int | None = None
    found: str | None = None
    hint: str | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        text = f"{where}: "
        if self.field:
            text += f"field '{self.field}': "
        text += self.message
        if self.found is not None:
            text += f", found {self.found}"
        if self.hint:
            text += f". {self.hint}"
        return text


@dataclass
class Problems:
    """An ordered collection of problems, filled while loading."""

    items: list[Problem] = field(default_factory=list)
    #: What the build did with something right that a teacher may not expect (`note`).
    notes: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def error(self, file: str, message: str, **kw) -> None:
        self.add(Problem(file, message, severity="error", **kw))

    def warning(self, file: str, message: str, **kw) -> None:
        self.add(Problem(file, message, severity="warning", **kw))

    def guarded(self, file: str, function, *args):
        """Run one step of loading or checking; an unexpected error becomes a
        problem naming the file being read (and None), and every other file is
        still checked."""
        try:
            return function(*args)
        except Exception as exc:  # noqa: BLE001 - the last-resort guard
            self.error(
                file,
                f"Flipfolio could not read this file ({type(exc).__name__}: {str(exc)[:200]}); the other files were "
                "still checked. Check the file for unusual characters or structure; if it looks right, please report "
                "this as a bug",
            )
            return None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def note(self, file: str, message: str, **kw) -> None:
        """A note: kept apart from the problems (it is none), said with them."""
        self.notes.append(Problem(file, message, severity="note", **kw))

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def by_place(problems: Iterable[Problem]) -> list[Problem]:
    """`problems` as a teacher reads them: each file's together, from its top
    (by line; the files in the order first met, a problem without a line
    first), the order they were found in otherwise."""
    problems = list(problems)
    files: dict[str, int] = {}
    for problem in problems:
        files.setdefault(problem.file, len(files))
    return sorted(problems, key=lambda p: (files[p.file], p.line or 0))


class ContentError(Exception):
    """The portfolio has errors that stop a build; `problems` lists them all, file by file."""

    def __init__(self, problems: Iterable[Problem], where: str = "the portfolio"):
        self.problems = by_place(problems)
        self.where = where
        count = len(self.problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in {where}:\n{lines}")

    def __reduce__(self):  # made again from its problems (a second process hands it over: core/making.py)
        return type(self), (self.problems, self.where)


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A "did you mean" hint for a misspelt field name or id, or None."""
    # (0.7: 'forces-check' is not offered 'food-web-check', which would link the wrong set)
    choices = list(choices)
    same = [c for c in choices if str(c).casefold() == str(word).casefold()]  # 'Due' for 'due'
    if same:
        return f"Did you mean '{same[0]}'?"
    match = difflib.get_close_matches(str(word), choices, n=1, cutoff=0.7)
    return f"Did you mean '{match[0]}'?" if match else None


def show(value: object, limit: int = 60) -> str:
    """A found value as a teacher would recognise it, quoted and shortened."""
    if isinstance(value, str):
        text = value if len(value) <= limit else value[: limit - 1] + "…"
        return repr(text)
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    return repr(value)


class RealPaths:
    """`os.path.realpath` of the many paths of one load, each folder resolved
    once (a file that is a symbolic link itself still is, each time). Made
    anew for each load: links may change between loads. `root`: the real
    path of `root` as given."""

    def __init__(self, root: str | os.PathLike) -> None:
        self._folders: dict[str, str] = {}
        self.root = self(root)

    def __call__(self, path: str | os.PathLike) -> str:
        path = os.fspath(path)
        if ".." in path.replace(os.sep, "/").split("/"):  # ".." after a link leads up from where the link leads
            return os.path.realpath(path)
        head, tail = os.path.split(os.path.abspath(path))
        real_head = self._folders.get(head)
        if real_head is None:
            real_head = self._folders[head] = os.path.realpath(head)
        real = os.path.join(real_head, tail) if tail else real_head
        return os.path.realpath(real) if tail and os.path.islink(real) else real


def within(real: str, real_root: str) -> bool:
    """Whether the resolved path `real` is the folder `real_root` (resolved too) or inside it."""
    real_root = real_root.rstrip(os.sep) or os.sep
    return real == real_root or real.startswith(real_root if real_root.endswith(os.sep) else real_root + os.sep)


def relative(path: Path, root: Path) -> str:
    """`path` relative to `root` in POSIX form, or as given when outside it."""
    text, top = str(path), str(root)
    if text.startswith(top) and text[len(top):len(top) + 1] == os.sep and top not in ("", "."):
        return text[len(top) + 1:].replace(os.sep, "/")  # (as relative_to, without its cost: a load asks thousands of times)
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
