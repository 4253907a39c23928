"""Reading YAML files and Markdown front matter, keeping line numbers.

PyYAML's composed node tree knows the line of every key; `Source` keeps a map
from a field path such as ``("videos", 0, "url")`` to its line, so a schema
error can name the line a teacher has to fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from .problems import Problem

FieldPath = tuple[Any, ...]


@dataclass
class Source:
    """Parsed data of one file plus where each field stands in it."""

    file: str
    data: Any
    lines: dict[FieldPath, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1

    def line_of(self, path: FieldPath) -> int | None:
        """The line of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)


def _walk(node: yaml.Node, path: FieldPath, lines: dict, offset: int, file: str, problems: list) -> None:
    lines.setdefault(path, node.start_mark.line + 1 + offset)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1 + offset
            if key in seen:
                problems.append(
                    Problem(
                        file,
                        f"the key is given twice (first on line {seen[key]}); keep one",
                        field=format_path(path + (key,)),
                        line=line,
                    )
                )
            seen[key] = line
            lines[path + (key,)] = line
            _walk(value_node, path + (key,), lines, offset, file, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), lines, offset, file, problems)


def parse_yaml(text: str, file: str, line_offset: int = 0) -> tuple[Source | None, list[Problem]]:
    """Parse YAML text. Returns the source (None when unreadable) and problems found."""
    problems: list[Problem] = []
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        what = exc.problem or "not valid YAML"
        problems.append(
            Problem(
                file,
                f"this is not valid YAML ({what}); check the indentation and that text "
                "with a colon is in quotes",
                line=line,
            )
        )
        return None, problems
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML marks nearly all its errors
        problems.append(Problem(file, f"this is not valid YAML ({exc})"))
        return None, problems
    finally:
        loader.dispose()
    lines: dict[FieldPath, int] = {}
    if node is not None:
        _walk(node, (), lines, line_offset, file, problems)
    return Source(file, data, lines), problems


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split a Markdown file into (front matter YAML or None, body, first body line).

    The front matter text keeps the rest of its opening ``---`` line, so its
    line numbers are the file's.
    """
    handler = YAMLHandler()
    if not handler.detect(text):
        return None, text, 1
    try:
        front, body = handler.split(text)
    except ValueError:  # an opening '---' with no closing one
        return None, text, 1
    body = body[1:] if body.startswith("\n") else body
    body_line = text[: len(text) - len(body)].count("\n") + 1
    return front, body, body_line


def parse_markdown(text: str, file: str) -> tuple[Source | None, list[Problem]]:
    """Parse a Markdown file with YAML front matter between ``---`` lines."""
    front, body, body_line = split_front_matter(text)
    if front is None:
        return None, [
            Problem(
                file,
                "a lesson starts with front matter: a line '---', YAML fields such as "
                "'title:', and another line '---'",
                line=1,
            )
        ]
    source, problems = parse_yaml(front, file)
    if source is None:
        return None, problems
    if source.data is None:
        source.data = {}
    source.body = body
    source.body_line = body_line
    return source, problems


def format_path(path: FieldPath) -> str:
    """``("videos", 0, "url")`` -> ``videos[0].url``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def line_map(path: Path) -> dict[FieldPath, int]:
    """The line of each field of a YAML file or of a Markdown file's front matter."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        text = split_front_matter(text)[0] or ""
    source, _ = parse_yaml(text, str(path))
    return source.lines if source is not None else {}
