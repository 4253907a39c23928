"""Reading YAML files and Markdown front matter, keeping line numbers.

PyYAML's composed node tree knows the line of every key; `Source` keeps a map
from a field path such as ``("videos", 0, "url")`` to its line, so a schema
error can name the line a teacher has to fix.

Reading never crashes and never blows up, whatever the text: characters YAML
refuses (or that are invisible damage, such as the vertical tab Word pastes)
are reported with line and column; the event stream is checked while it is
read, before anything is built, so a file nested too deeply or whose anchors
and aliases expand to too many values is refused; dates that are not real
calendar dates stay text for the format check to name; and any other error
while building values becomes a problem naming the file.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from .problems import Problem, show

FieldPath = tuple[Any, ...]

#: A YAML file (or a lesson's front matter) larger than this is refused unread.
MAX_BYTES = 1024 * 1024
#: Lists and fields nested deeper than this are refused.
MAX_DEPTH = 64
#: A file whose values, with every alias written out, number more than this is refused.
MAX_VALUES = 100_000
#: At most this many control characters are reported one by one per file.
MAX_CHARACTER_REPORTS = 20

BOM = "\ufeff"


@dataclass
class Source:
    """Parsed data of one file plus where each field stands in it."""

    file: str
    data: Any
    lines: dict[FieldPath, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    #: A value YAML read as other than text (a number, a date, true or false), as the teacher wrote it:
    #: messages show it so ('.inf', not inf).
    written: dict[FieldPath, str] = field(default_factory=dict)

    def line_of(self, path: FieldPath) -> int | None:
        """The line of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)


# ---- Characters YAML refuses, or that are damage nobody can see

# C0 controls but tab, line feed and carriage return; DEL; C1 controls;
# the noncharacters U+FFFE and U+FFFF; surrogates, which only a broken text has;
# the Unicode line and paragraph separators, which YAML counts as line breaks
# (and no editor shows), so that lines are counted as the teacher sees them.
_BAD_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]")

_CHARACTER_NAMES = {
    0x00: "a NUL character (U+0000), which is not text: delete it",
    0x08: "a backspace character (U+0008): delete it",
    0x0B: "a vertical tab (U+000B), which Word pastes for a line break: replace it with a normal line break",
    0x0C: "a form feed (U+000C), a page break from another program: delete it or use a normal line break",
    0x1B: "an escape character (U+001B), left over from a terminal: delete it",
    0x7F: "a DEL character (U+007F): delete it",
    0x85: "a next-line character (U+0085), often a '…' from a file saved in another encoding: "
          "retype the character there",
    0x2028: "a line separator (U+2028), which some programs paste for a line break: replace it with a normal "
            "line break",
    0x2029: "a paragraph separator (U+2029), which some programs paste for a line break: replace it with a "
            "normal line break",
    0xFFFE: "a noncharacter (U+FFFE), a sign of a damaged file: delete it",
    0xFFFF: "a noncharacter (U+FFFF), a sign of a damaged file: delete it",
}


def character_name(char: str) -> str:
    """What an unwanted character is and how to fix it, in a teacher's words."""
    code = ord(char)
    if code in _CHARACTER_NAMES:
        return _CHARACTER_NAMES[code]
    if 0xD800 <= code <= 0xDFFF:
        return f"half of a character (U+{code:04X}), a sign of a damaged file: retype the text there"
    if 0x80 <= code <= 0x9F:
        return (f"an invisible control character (U+{code:04X}), often a curly quote or dash from a file saved "
                "in another encoding: retype the character there")
    return f"an invisible control character (U+{code:04X}): delete it"


def find_bad_characters(text: str, file: str, line_offset: int = 0,
                        severity: str = "error") -> tuple[str, list[Problem]]:
    """Report every character YAML refuses or that is invisible damage, with line and column.

    Returns the text with each such character replaced by a space (so the rest
    of the file can still be read and checked) and the problems, one per
    character, at most `MAX_CHARACTER_REPORTS` then one that counts the rest.
    In Markdown text, which such a character does not break, they are
    warnings (`severity`): the page shows a space instead."""
    if not _BAD_CHARACTER.search(text):
        return text, []
    problems: list[Problem] = []
    count = 0
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _BAD_CHARACTER.finditer(line):
            count += 1
            if count > MAX_CHARACTER_REPORTS:
                continue
            column = match.start() + 1
            start = max(0, match.start() - 20)
            problems.append(Problem(
                file,
                f"column {column} has {character_name(match.group())}",
                line=number + line_offset,
                found=show(line[start: match.start() + 20].strip(" \t\r")),
                severity=severity,
            ))
    if count > MAX_CHARACTER_REPORTS:
        problems.append(Problem(
            file,
            f"{count - MAX_CHARACTER_REPORTS} more invisible or control characters like these; "
            "the file may be damaged or not a text file",
            severity=severity,
        ))
    return _BAD_CHARACTER.sub(" ", text), problems


# ---- Reading YAML with bounded depth and size


class _Refused(Exception):
    """The event stream shows a file too deep or too large to build."""

    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.message = message
        self.line = line


class _ConstructionFailed(Exception):
    """Building one value failed (not a YAML error): where and why."""

    def __init__(self, mark, error: BaseException):
        super().__init__(str(error))
        self.mark = mark
        self.error = error


def _real_date_or_text(constructor: SafeConstructor, node: yaml.ScalarNode) -> Any:
    # `due: 2027-02-31` looks like a date to YAML but is none: keep the text,
    # the format check names what is wrong with it.
    try:
        return SafeConstructor.construct_yaml_timestamp(constructor, node)
    except (ValueError, OverflowError):
        return constructor.construct_scalar(node)


def _true_false_or_text(constructor: SafeConstructor, node: yaml.ScalarNode) -> Any:
    # YAML 1.1 reads yes, no, on and off as true and false: a choice 'No' or a language
    # 'no' (Norwegian) would be false. Only true and false are (YAML 1.2); a field that
    # takes true or false still accepts yes and no (validate.py).
    value = constructor.construct_scalar(node)
    return value.lower() == "true" if value.lower() in ("true", "false") else value


#: A whole number written with a leading zero: YAML 1.1 reads '010' as 8 (octal).
_LEADING_ZERO = re.compile(r"[-+]?0[0-9]+")


def _int_or_text(constructor: SafeConstructor, node: yaml.ScalarNode) -> Any:
    # A grade or a code written '07' or '010' stays as written (a field that takes a whole
    # number reads it as 10, as YAML 1.2 does); Python refuses to read integers of
    # thousands of digits: keep the text.
    if _LEADING_ZERO.fullmatch(node.value.strip()):
        return constructor.construct_scalar(node)
    try:
        return SafeConstructor.construct_yaml_int(constructor, node)
    except (ValueError, OverflowError):
        return constructor.construct_scalar(node)


def _float_or_text(constructor: SafeConstructor, node: yaml.ScalarNode) -> Any:
    # '1.10' or '2.50' as a title, a code or an answer stays as written, not 1.1 or 2.5
    # (a field that takes a number reads the text).
    value = SafeConstructor.construct_yaml_float(constructor, node)
    written = node.value.strip()
    return written if math.isfinite(value) and str(value) != written else value


class _Budget:
    """Counts depth and values as events are read, and refuses a file too deep
    or too large before anything is built. Sizes are in values: a scalar is 1,
    a list or mapping 1 plus its contents, an alias the size of the node its
    anchor names."""

    def __init__(self):
        self._open: list[list] = []  # per open collection: [anchor, size]
        self._sizes: dict[str, int] = {}
        self._total = 0
        self._aliases = False

    def _add(self, size: int, event) -> None:
        if self._open:
            self._open[-1][1] += size
        else:
            self._total += size
        if (self._open[-1][1] if self._open else self._total) > MAX_VALUES or self._total > MAX_VALUES:
            if self._aliases:
                message = (f"the file's anchors and aliases ('&name', '*name') expand to more than "
                           f"{MAX_VALUES:,} values; write the values out or use fewer nested aliases")
            else:
                message = f"the file holds more than {MAX_VALUES:,} values; split it into smaller files"
            raise _Refused(message, event.start_mark.line + 1)

    def count(self, event) -> None:
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            if len(self._open) >= MAX_DEPTH:
                raise _Refused(
                    f"the file nests lists or fields more than {MAX_DEPTH} levels deep; check the brackets and "
                    "the indentation",
                    event.start_mark.line + 1,
                )
            self._open.append([event.anchor, 1])
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            anchor, size = self._open.pop()
            if anchor is not None:
                self._sizes[anchor] = size
            self._add(size, event)
        elif isinstance(event, yaml.ScalarEvent):
            if event.anchor is not None:
                self._sizes[event.anchor] = 1
            self._add(1, event)
        elif isinstance(event, yaml.AliasEvent):
            self._aliases = True
            if any(anchor == event.anchor for anchor, _ in self._open):
                raise _Refused(
                    f"the alias '*{event.anchor}' stands inside the value its anchor '&{event.anchor}' names, "
                    "which would make an endless value; write the values out",
                    event.start_mark.line + 1,
                )
            self._add(self._sizes.get(event.anchor, 1), event)
        elif isinstance(event, yaml.DocumentStartEvent):
            self._sizes = {}  # anchors belong to one document


class _Building:
    """Building values: an error in one value becomes a problem naming its place."""

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep)
        except (yaml.YAMLError, _ConstructionFailed):
            raise
        except (ValueError, TypeError, ArithmeticError, RecursionError, LookupError) as exc:
            raise _ConstructionFailed(node.start_mark, exc) from None


class _Loader(_Building, yaml.SafeLoader):
    """PyYAML's safe loader (pure Python), counting each event when the parser
    makes it, before the composer sees it (the composer recurses; the count
    does not), so nothing is built before the whole document has been counted."""

    def __init__(self, text: str):
        super().__init__(text)
        self._budget = _Budget()

    def _produce(self) -> None:
        if self.current_event is None and self.state:
            self.current_event = self.state()
            if self.current_event is not None:
                self._budget.count(self.current_event)

    def check_event(self, *choices):
        self._produce()
        return super().check_event(*choices)

    def peek_event(self):
        self._produce()
        return super().peek_event()

    def get_event(self):
        self._produce()
        return super().get_event()


#: libyaml's parser, when PyYAML has it: about ten times faster. The events are
#: counted in a first pass, then the document is composed and built.
_CLoader = type("_CLoader", (_Building, yaml.CSafeLoader), {}) if getattr(yaml, "__with_libyaml__", False) else None

#: Numbers as YAML 1.2 writes them, nearly: YAML 1.1 also reads '9:30' as the base-60 number 570, '3:4' as
#: 184, '1_000' as 1000 and '0x1F' as 31, where a teacher writes a time, a ratio or a code: those stay text
#: (a field that takes a number or a time reads the text). An exponent without its sign ('1e5', a code as
#: often as a number) stays text too, as in YAML 1.1.
_NUMBER_RESOLVERS = (
    ("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789")),
    ("tag:yaml.org,2002:float", re.compile(r"""^(?:[-+]?[0-9]+\.[0-9]*(?:[eE][-+][0-9]+)?
                    |[-+]?\.[0-9]+(?:[eE][-+][0-9]+)?
                    |[-+]?\.(?:inf|Inf|INF)
                    |\.(?:nan|NaN|NAN))$""", re.X), list("-+0123456789.")),
)


def _without_yaml_1_1_numbers(loader: type) -> None:
    """`loader` resolving numbers as `_NUMBER_RESOLVERS` say (its own copy of the resolvers)."""
    number_tags = {tag for tag, _, _ in _NUMBER_RESOLVERS}
    loader.yaml_implicit_resolvers = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag not in number_tags]
        for first, resolvers in loader.yaml_implicit_resolvers.items()
    }
    for tag, pattern, first in _NUMBER_RESOLVERS:
        loader.add_implicit_resolver(tag, pattern, first)


for _class in filter(None, (_Loader, _CLoader)):
    _without_yaml_1_1_numbers(_class)
    _class.add_constructor("tag:yaml.org,2002:timestamp", _real_date_or_text)
    _class.add_constructor("tag:yaml.org,2002:int", _int_or_text)
    _class.add_constructor("tag:yaml.org,2002:bool", _true_false_or_text)
    _class.add_constructor("tag:yaml.org,2002:float", _float_or_text)


def _load(text: str, fast: bool):
    """The document's node and value. Raises _Refused, _ConstructionFailed or
    PyYAML's errors."""
    if fast:
        budget = _Budget()
        for event in yaml.parse(text, Loader=_CLoader):
            budget.count(event)
    loader = _CLoader(text) if fast else _Loader(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def _load_any(text: str):
    # A file libyaml cannot read is read again by the pure-Python parser, whose
    # messages (and marks) name the problem as they always have.
    if _CLoader is not None:
        try:
            return _load(text, fast=True)
        except (_Refused, _ConstructionFailed):
            raise
        except Exception:  # noqa: BLE001 - the second reader says what is wrong
            pass
    return _load(text, fast=False)


#: What follows text without quotes when YAML took part of it for a note: ' #' then a word ('Lab #3').
_CUT_BY_NOTE = re.compile(r"[ \t]+#(?![\s#])")


def _cut_by_note(node: yaml.Node, text_lines: list[str]) -> str | None:
    """The rest of the line, when YAML read a ' #' in text without quotes as the start of a note
    ("Lab #3": the text is 'Lab'); a note written as one, '# …' with a space, is left alone."""
    if not (isinstance(node, yaml.ScalarNode) and not node.style and node.tag == "tag:yaml.org,2002:str"):
        return None
    end = node.end_mark
    if end.line >= len(text_lines) or end.line != node.start_mark.line:
        return None
    rest = text_lines[end.line][end.column:]
    return rest.strip() if _CUT_BY_NOTE.match(rest) else None


def _walk(node: yaml.Node, path: FieldPath, lines: dict, offset: int, file: str, problems: list,
          text_lines: list[str] = (), written: dict | None = None) -> None:
    lines.setdefault(path, node.start_mark.line + 1 + offset)
    if written is not None and isinstance(node, yaml.ScalarNode) and not node.style \
            and node.tag != "tag:yaml.org,2002:str":
        written.setdefault(path, node.value)
    cut = _cut_by_note(node, text_lines) if path else None
    if cut:
        problems.append(Problem(file, f"the text stops before '{cut}': YAML reads ' #' as the start of a note to "
                                      "the end of the line; write the whole text in quotes to keep it",
                                field=format_path(path), line=node.start_mark.line + 1 + offset,
                                found=show(node.value), severity="warning"))
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else id(key_node)
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
            _walk(value_node, path + (key,), lines, offset, file, problems, text_lines, written)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), lines, offset, file, problems, text_lines, written)


def _too_large(text: str, file: str, line_offset: int) -> Problem | None:
    if len(text) * 4 <= MAX_BYTES:  # a character is at most 4 bytes
        return None
    size = len(text.encode("utf-8", "surrogatepass"))
    if size <= MAX_BYTES:
        return None
    return Problem(
        file,
        f"the file is too large to read ({size / MAX_BYTES:.1f} MiB; at most 1 MiB): split it into smaller files",
        line=1 + line_offset if line_offset else None,
    )


#: A value in single quotes with an apostrophe inside ('It's cold'), which ends the quotes early.
_APOSTROPHE = re.compile(r"""^\s*(?:-\s+)?[^\s:#'"][^:#]*:\s+'[^'\n]*'[^\s'#,\]}][^\n]*$""")


def yaml_error(text: str, exc: yaml.MarkedYAMLError) -> tuple[int | None, str]:
    """What is wrong where PyYAML stopped reading `text`, in a teacher's words:
    the line (0-based; None when unknown) and the message, for the common
    mistakes (a field indented unlike the others of its part, a tab, a
    bracket or a quote not closed, a colon in text without quotes), and a
    plain one otherwise."""
    mark, context = exc.problem_mark, exc.context_mark
    what, where = exc.problem or "", exc.context or ""
    lines = text.split("\n")
    line = mark.line if mark is not None else (context.line if context is not None else None)

    def at(number: int | None) -> str:
        return lines[number] if number is not None and 0 <= number < len(lines) else ""

    for number in (line, line - 1) if line is not None else ():
        if _APOSTROPHE.match(at(number)):
            return line, ("this is not valid YAML: an apostrophe inside single quotes ends them: write it twice "
                          "('It''s cold'), or put the text in double quotes")
    if "'\\t'" in what and mark is not None:
        return line, f"this is not valid YAML: column {mark.column + 1} has a tab; indent with spaces, not tabs"
    if where.startswith("while scanning a quoted scalar") and context is not None:
        quote = at(context.line)[context.column:context.column + 1] or '"'
        return context.line, (f"this is not valid YAML: the quote {quote} at column {context.column + 1} is never "
                              f"closed; end the text with another {quote}"
                              + (" (an apostrophe inside '…' is written twice: 'It''s')" if quote == "'" else ""))
    if where.startswith("while parsing a flow") and context is not None:
        bracket = at(context.line)[context.column:context.column + 1] or "["
        closing = "]" if bracket == "[" else "}"
        return context.line, (f"this is not valid YAML: the '{bracket}' at column {context.column + 1} is never "
                              f"closed with '{closing}'; close it on the same line ([a, b]), or put text that starts "
                              f"with '{bracket}' or has a comma or colon in it in quotes")
    if what.startswith("found undefined alias") and mark is not None:
        return line, (f"this is not valid YAML: text that starts with '*' (column {mark.column + 1}) is read as a "
                      "reference to an '&' anchor; put the text in quotes")
    if mark is not None and what == "mapping values are not allowed here":
        text_line = at(line)
        before = text_line[:mark.column]
        if _KEY.match(before):  # 'title: Density: why ships float'
            key = _KEY.match(before)
            value = text_line[key.end():].strip()
            # (in double quotes a backslash starts an escape, 'C:\Users' among them: single quotes then)
            quoted = f'"{value}"' if '"' not in value and "\\" not in value else "'" + value.replace("'", "''") + "'"
            return line, (f"this is not valid YAML: the text after '{key.group('key')}:' has a colon followed by a "
                          f"space, which YAML reads as the start of a field; put the whole text in quotes: "
                          f"{key.group('dash')}{key.group('key')}: {quoted}")
        previous = _previous_line(lines, line)
        if previous is not None:
            return line, (f"this is not valid YAML: '{_key_of(text_line)}' is indented more than "
                          f"'{_key_of(at(previous))}' on line {previous + 1}, which has its value already; indent "
                          f"it like '{_key_of(at(previous))}' (or, if it belongs under it, remove the value after "
                          "the colon)")
    if mark is not None and what.startswith("expected <block end>") and where.startswith("while parsing a block"):
        text_line = at(line)
        indent = len(text_line) - len(text_line.lstrip(" "))
        dash = text_line.lstrip(" ").startswith("-")
        sibling = _sibling(lines, line, dash)
        if sibling is not None:
            number, column, name = sibling
            how = "less" if indent < column else "more"
            part = "list" if dash else "item" if where.endswith("collection") else "part"
            written = "the '-'" if dash else f"'{_key_of(text_line)}'"
            return line, (f"this is not valid YAML: {written} is indented {how} than the lines before it in the "
                          f"same {part}; indent it like {name} on line {number + 1}")
    column = f" at column {mark.column + 1}" if mark is not None else ""
    return line, (f"this is not valid YAML{column}; check the indentation (the fields of one part lined up, with "
                  "spaces) and that text with a colon or a '#' in it is in quotes")


#: A field at the start of a line ('title: ', '  - prompt: '), with the dash of a list's item.
_KEY = re.compile(r"^(?P<dash>\s*(?:-\s+)*)(?P<key>[^\s:#'\"\[\]{}-][^:#]*?):\s")


def _key_of(line: str) -> str:
    """A line as a message names it: its field ('url:'), or its first words."""
    stripped = line.strip().lstrip("- ").strip()
    key = re.match(r"^([^\s:#'\"][^:#]*?):(?:\s|$)", stripped)
    if key:
        return key.group(1) + ":"
    return stripped if len(stripped) <= 30 else stripped[:29] + "…"


def _previous_line(lines: list[str], line: int) -> int | None:
    """The nearest line above `line` with something on it (not a note)."""
    for number in range(line - 1, -1, -1):
        if lines[number].strip() and not lines[number].lstrip().startswith("#"):
            return number
    return None


def _sibling(lines: list[str], line: int, dash: bool) -> tuple[int, int, str] | None:
    """The line above `line` the teacher meant it to line up with: for a list's
    item ('- '), the nearest item's dash; for a field, the nearest field of the
    item or part above (after its dash), as (line, column, how a message names it)."""
    for number in range(line - 1, -1, -1):
        text = lines[number]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        indent = len(text) - len(text.lstrip(" "))
        stripped = text.lstrip(" ")
        if dash:
            if stripped.startswith("- "):
                return number, indent, "the '-'"
            continue
        column = indent + (len(stripped) - len(stripped.lstrip("- ")) if stripped.startswith("- ") else 0)
        return number, column, f"'{_key_of(text)}'"
    return None


def parse_yaml(text: str, file: str, line_offset: int = 0) -> tuple[Source | None, list[Problem]]:
    """Parse YAML text. Returns the source (None when unreadable) and problems found.

    Never raises for any text: what cannot be read is a problem naming the file
    and, where known, the line."""
    if text.startswith(BOM):
        text = text[1:]
    refused = _too_large(text, file, line_offset)
    if refused is not None:
        return None, [refused]
    text, problems = find_bad_characters(text, file, line_offset)
    node = None
    try:
        node, data = _load_any(text)
    except _Refused as exc:
        problems.append(Problem(file, exc.message, line=exc.line + line_offset))
        return None, problems
    except _ConstructionFailed as exc:
        line = exc.mark.line + 1 + line_offset if exc.mark is not None else None
        problems.append(Problem(file, f"this value cannot be read ({_reason(exc.error)}); check it, or write it "
                                      "in quotes to keep it as text", line=line))
        return None, problems
    except yaml.MarkedYAMLError as exc:
        line, message = yaml_error(text, exc)
        problems.append(Problem(file, message, line=line + 1 + line_offset if line is not None else None))
        return None, problems
    except yaml.reader.ReaderError as exc:  # such characters are replaced first: a guard only
        before = text[: max(exc.position, 0)]
        character = chr(exc.character) if isinstance(exc.character, int) else "\x00"
        problems.append(Problem(file, f"column {len(before) - before.rfind(chr(10))} has {character_name(character)}",
                                line=before.count("\n") + 1 + line_offset))
        return None, problems
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML marks nearly all its errors
        problems.append(Problem(file, f"this is not valid YAML ({_reason(exc)})"))
        return None, problems
    except Exception as exc:  # a last-resort guard: no text may end a build with a traceback
        problems.append(Problem(file, f"the file could not be read ({_reason(exc)}); check it for unusual "
                                      "characters or structure"))
        return None, problems
    lines: dict[FieldPath, int] = {}
    written: dict[FieldPath, str] = {}
    if node is not None:
        _walk(node, (), lines, line_offset, file, problems, text.split("\n"), written)
    if "\\" in text:  # (only an escape in quotes writes such a character: most files have none)
        data = _escaped_characters(data, (), lines, file, problems)
    if problems and lines:
        problems = _with_fields(problems, lines)
    return Source(file, data, lines, written=written), problems


def _escaped_characters(data: Any, path: FieldPath, lines: dict, file: str, problems: list) -> Any:
    """`data` with each character `find_bad_characters` reports that a quoted
    escape wrote ("\\v", "\\x0c", "\\ud800": no text has them) replaced by a
    space, and a problem for each value that had one: a page, the feed or an
    offline pack cannot hold it."""
    if isinstance(data, str):
        found = _BAD_CHARACTER.search(data)
        if found is None:
            return data
        problems.append(Problem(file, f"a '\\' escape in the quoted text writes {character_name(found.group())}",
                                field=format_path(path) if path else None,
                                line=lines.get(path), found=show(data), severity="warning"))
        return _BAD_CHARACTER.sub(" ", data)
    if isinstance(data, dict):
        return {key: _escaped_characters(value, path + (key,), lines, file, problems) for key, value in data.items()}
    if isinstance(data, list):
        return [_escaped_characters(value, path + (i,), lines, file, problems) for i, value in enumerate(data)]
    return data


def _with_fields(problems: list[Problem], lines: dict[FieldPath, int]) -> list[Problem]:
    # A character problem names the field on its line (the deepest one there).
    fields: dict[int, FieldPath] = {}
    for path, line in sorted(lines.items(), key=lambda item: len(item[0])):
        if path:
            fields[line] = path
    return [
        replace(p, field=format_path(fields[p.line])) if not p.field and p.line in fields else p
        for p in problems
    ]


def _reason(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text if len(text) <= 120 else text[:119] + "…"


# ---- Markdown front matter

_FENCE_LINE = re.compile(r"-{3,}[ \t]*\r?")


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split a Markdown file into (front matter YAML or None, body, first body line).

    The front matter text keeps the rest of its opening ``---`` line, so its
    line numbers are the file's. A byte order mark before the first ``---`` is
    skipped. Lines end at line feeds only, as in a text editor."""
    if text.startswith(BOM):
        text = text[1:]
    first_end = text.find("\n")
    if first_end < 0 or not _FENCE_LINE.fullmatch(text[:first_end]):
        return None, text, 1
    start = first_end  # the front matter starts with the opening line's line break
    line = 2
    position = first_end + 1
    while position <= len(text):
        end = text.find("\n", position)
        current = text[position:] if end < 0 else text[position:end]
        if _FENCE_LINE.fullmatch(current):
            body = "" if end < 0 else text[end + 1:]
            body_line = line + 1
            while body[:1] == "\n" or body[:2] == "\r\n":  # blank lines before the body
                body = body[1:] if body[0] == "\n" else body[2:]
                body_line += 1
            return text[start:position], body, body_line
        if end < 0:
            break
        position = end + 1
        line += 1
    return None, text, 1  # an opening '---' with no closing one


def markdown_body(text: str) -> str:
    """The body of a Markdown file as its pages show it: below the front
    matter, each invisible character `parse_markdown` warns of a space."""
    body = split_front_matter(text)[1]
    return _BAD_CHARACTER.sub(" ", body) if _BAD_CHARACTER.search(body) else body


def parse_markdown(text: str, file: str) -> tuple[Source | None, list[Problem]]:
    """Parse a Markdown file with YAML front matter between ``---`` lines."""
    front, body, body_line = split_front_matter(text)
    if front is None:
        if _FENCE_LINE.fullmatch(text.removeprefix(BOM).split("\n", 1)[0]):
            message = "the front matter has no closing line '---'; add one after the last field"
        else:
            message = ("a lesson starts with front matter: a line '---', YAML fields such as "
                       "'title:', and another line '---'")
        return None, [Problem(file, message, line=1)]
    source, problems = parse_yaml(front, file)
    if source is None:
        return None, problems
    if source.data is None:
        source.data = {}
    source.body, found = find_bad_characters(body, file, body_line - 1, severity="warning")
    source.body_line = body_line
    return source, problems + found


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
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):  # changed or gone since it was loaded
        return {}
    if path.suffix == ".md":
        text = split_front_matter(text)[0] or ""
    source, _ = parse_yaml(text, str(path))
    return source.lines if source is not None else {}
