"""The publishing gate: the one place that decides what reaches the site.

Everything a build publishes from the portfolio folder passes through a
`Gate` made from the loaded content: generated pages (only published items
have one), the files pages show (pictures, video and captions files,
evidence, files linked from lesson text) and the links of lesson text.
Whatever path asks for something, the answer is the same:

- a published lesson, unit or public credential has a page; a draft lesson,
  a private credential or anything else has none, and a link to it in lesson
  text becomes plain text (with a warning naming the lesson file and line);
- a file is published only when it lies inside the portfolio folder (after
  following symbolic links: a link to a file elsewhere is an error), is not a
  file Flipfolio reads to make pages (`profile.yml`, units, lessons, question
  sets, credentials, stacks, video records, hidden files) and is not private:
  files that only unpublished items name (a draft lesson's video, a private
  credential's badge or evidence) and student work without consent stay on
  the teacher's computer, whoever links them.

Pure: no MkDocs. `Gate.files` is the final list of files to copy; the engine
adapter copies those and nothing else.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Literal

from . import links
from .problems import Problem, show

if TYPE_CHECKING:  # pragma: no cover
    from . import schema
    from .portfolio import Portfolio

#: Folders whose YAML files are content Flipfolio reads (never copied as files).
CONTENT_FOLDERS = ("units", "questions", "credentials", "stacks")
LOCK_FOLDER = "videos.lock"
_MARKDOWN = (".md", ".markdown", ".mdown", ".mkd")
_YAML = (".yml", ".yaml")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")

PageKind = Literal["lesson", "unit", "credential"]


@dataclass(frozen=True)
class Target:
    """What a link in lesson text resolves to.

    `kind`: ``page`` (`page` is (kind, id) of a published page), ``file`` (a
    portfolio `path` that is published), ``text`` (the link is shown as plain
    text) or ``keep`` (not a portfolio address: left as written).
    """

    kind: Literal["page", "file", "text", "keep"]
    path: str = ""
    page: tuple[PageKind, str] | None = None
    fragment: str = ""
    problem: Problem | None = None


@dataclass
class Gate:
    """What a portfolio publishes. Made by `portfolio.load`, see `Gate.build`."""

    root: Path
    #: Portfolio path of each published lesson file -> the lesson's id.
    lesson_paths: dict[str, str] = field(default_factory=dict)
    #: Portfolio path of every lesson file -> (id, why it is not published) for the others.
    unpublished_lessons: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: Ids of the published units and credentials, by their file's portfolio path.
    unit_paths: dict[str, str] = field(default_factory=dict)
    credential_paths: dict[str, str] = field(default_factory=dict)
    #: Files that must never be published -> what makes them private.
    private: dict[str, str] = field(default_factory=dict)
    #: The files to copy to the site (portfolio paths), filled by `build`.
    files: set[str] = field(default_factory=set)
    _real_root: str = ""

    def __post_init__(self):
        self._real_root = os.path.realpath(self.root)

    # ---- The decisions

    def refusal(self, path: str) -> tuple[str, str] | None:
        """Why the portfolio file `path` may not be published, or None.

        Returns (severity, reason). Called for every file that is to be copied."""
        parts = path.split("/")
        if path in ("", ".") or ".." in parts or path.startswith("/"):
            return "warning", "it is not a file inside the portfolio folder"
        real = os.path.realpath(self.root / path)
        if real != self._real_root and not real.startswith(self._real_root + os.sep):
            return "error", (f"it leads outside the portfolio folder (to {real}); copy the file into the "
                             "portfolio folder instead of linking to it")
        if not os.path.isfile(real):
            what = "a folder" if os.path.isdir(real) else "no such file"
            return "warning", f"it is not a file ({what}); check the name and the folder"
        if any(part.startswith(".") for part in parts):
            return "warning", "hidden files (names starting with '.') are never published"
        lower = path.lower()
        if lower.endswith(_MARKDOWN):
            return "warning", ("it is a Markdown file of the portfolio; lesson files become pages and other "
                               "Markdown files are never published")
        if lower == "profile.yml" or lower == "profile.yaml" or (
            parts[0] in CONTENT_FOLDERS and lower.endswith(_YAML)
        ) or (parts[0] == LOCK_FOLDER and lower.endswith(".json")):
            return "warning", "it is a portfolio file Flipfolio reads to make pages; such files are never published"
        if path in self.private:
            return "warning", f"it is private: {self.private[path]}"
        return None

    def link(self, here: str, target: str, *, file: str = "", line: int | None = None) -> Target:
        """Resolve one link (or picture) target of the lesson file at portfolio path `here`."""
        if not target or target.startswith(("#", "/")) or _SCHEME.match(target):
            return Target("keep")
        path, _, fragment = target.partition("#")
        path = path.partition("?")[0]
        if not path:
            return Target("keep")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(here), _unquote(path)))
        if resolved == ".." or resolved.startswith("../"):
            return Target("keep")  # outside the portfolio folder: not a file Flipfolio publishes

        def refuse(reason: str, severity: str = "warning") -> Target:
            message = (f"the link to '{target}' is shown as plain text: {reason}" if severity == "warning"
                       else f"the link to '{target}' cannot be published: {reason}")
            return Target("text", resolved, problem=Problem(file, message, line=line, severity=severity))

        if resolved in self.lesson_paths:
            return Target("page", resolved, ("lesson", self.lesson_paths[resolved]), fragment)
        if resolved in self.unpublished_lessons:
            lesson_id, why = self.unpublished_lessons[resolved]
            return refuse(f"lesson '{lesson_id}' {why}; the link works once that lesson is published")
        if resolved in self.unit_paths:
            return Target("page", resolved, ("unit", self.unit_paths[resolved]), fragment)
        if resolved in self.credential_paths:
            return Target("page", resolved, ("credential", self.credential_paths[resolved]), fragment)
        if resolved.split("/")[0] == "credentials" and resolved.lower().endswith(_YAML):
            return refuse("that credential is private or not on the site")
        why = self.refusal(resolved)
        if why is not None:
            severity, reason = why
            return refuse(reason, severity)
        return Target("file", resolved, fragment=fragment)

    # ---- Filling the gate from the content

    @classmethod
    def build(cls, portfolio: Portfolio, all_lessons: dict, all_credentials: dict) -> Gate:
        """The gate of a loaded portfolio. `all_lessons` and `all_credentials`
        include the unpublished ones: what they name is private unless a
        published item names it too. Problems found go to `portfolio.problems`."""
        gate = cls(portfolio.root)
        published_lessons = portfolio.lessons
        for lesson in all_lessons.values():
            if lesson.id in published_lessons:
                gate.lesson_paths[lesson.path] = lesson.id
            else:
                why = "is a draft" if lesson.is_draft else "is not published (see the problems of its file)"
                gate.unpublished_lessons[lesson.path] = (lesson.id, why)
        gate.unit_paths = {u.path: u.id for u in portfolio.units.values()}
        gate.credential_paths = {c.path: c.id for c in portfolio.credentials.values()}

        wanted: list[tuple[str, object, tuple]] = []  # (path, item, field) named by published items
        claimed: dict[str, str] = {}  # path -> what private item names it
        for lesson in all_lessons.values():
            named = list(_lesson_files(lesson))
            if lesson.id in published_lessons:
                wanted += [(p, lesson, f) for p, f in named]
            else:
                for p, _ in named:
                    claimed.setdefault(p, f"only the unpublished lesson {lesson.file} uses it")
        for credential in all_credentials.values():
            public = credential.id in portfolio.credentials
            for path, where, item in _credential_files(credential):
                student_work = item is not None and item.kind == "student-work" and not item.consent
                if student_work:
                    gate.private[path] = (f"student work without consent in {credential.file} ({where}); "
                                          "it stays off the site until 'consent: true' is recorded")
                elif public:
                    wanted.append((path, credential, where))
                else:
                    claimed.setdefault(path, f"it belongs to the private credential {credential.file}")
        profile = portfolio.profile
        if profile is not None and profile.photo and not _SCHEME.match(profile.photo.src):
            wanted.append((profile.photo.src, profile, ("photo", "src")))

        wanted_paths = {_norm(p) for p, _, _ in wanted}
        for path, why in claimed.items():
            if _norm(path) not in wanted_paths:
                gate.private.setdefault(_norm(path), why)

        problems = portfolio.problems
        for path, item, where in wanted:
            path = _norm(path)
            why = gate.refusal(path)
            if why is None:
                gate.files.add(path)
                continue
            severity, reason = why
            if reason.startswith("it is not a file"):
                continue  # a missing file is reported by the reference checks
            field_path = where if isinstance(where, tuple) else ()
            problems.add(Problem(
                getattr(item, "file", ""), f"the file '{path}' is not published: {reason}",
                field=_field(field_path) if field_path else str(where), line=_line(item, field_path),
                severity=severity,
            ))
        return gate

    def check_lesson_text(self, lesson: schema.Lesson, problems) -> None:
        """Resolve every link of a published lesson's text: files it links are
        published, problems (links to drafts, private or missing files, files
        outside the portfolio) are reported with the lesson file and line."""
        for found in links.find(lesson.body):
            target = self.link(lesson.path, found.target, file=lesson.file, line=lesson.body_line + found.line - 1)
            if target.kind == "file":
                self.files.add(target.path)
            elif target.problem is not None:
                problems.add(target.problem)


# ---- Helpers


def _lesson_files(lesson) -> Iterable[tuple[str, tuple]]:
    for i, video in enumerate(lesson.videos):
        if not _SCHEME.match(video.url) and not video.url.startswith("//"):
            yield video.url, ("videos", i, "url")
        info = video.info
        if info is not None:
            if video.source.is_file:  # a <video> loads them; other players bring their own
                for track in info.captions:
                    yield track.path, ("videos", i, "captions")
            if info.thumbnail:
                yield info.thumbnail, ("videos", i)
        elif video.captions:
            yield video.captions, ("videos", i, "captions")


def _credential_files(credential) -> Iterable[tuple[str, tuple, object]]:
    if credential.image and not _SCHEME.match(credential.image.src):
        yield credential.image.src, ("image", "src"), None
    if credential.assertion and not _SCHEME.match(credential.assertion):
        yield credential.assertion, ("assertion",), None
    for i, item in enumerate(credential.evidence):
        if item.url and not _SCHEME.match(item.url):
            yield item.url, ("evidence", i, "url"), item


def _norm(path: str) -> str:
    return posixpath.normpath(path.strip())


def _unquote(path: str) -> str:
    from urllib.parse import unquote

    return unquote(path)


def _field(path: tuple) -> str:
    from .sources import format_path

    return format_path(path)


def _line(item, path: tuple) -> int | None:
    line_of = getattr(item, "line_of", None)
    return line_of(*path) if line_of is not None and path else None
