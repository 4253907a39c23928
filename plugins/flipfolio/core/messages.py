"""The words Flipfolio puts on pages, in the site's language.

Every string Flipfolio writes on a page (headings, labels, statuses, dates,
what the client code writes) comes from one message catalogue: the package's
``messages/<language>.yml`` (Arabic, Chinese in simplified and traditional characters,
English, French, Portuguese, Spanish and Vietnamese are complete), merged with
the portfolio's own ``messages/<language>.yml``, where a teacher corrects a
string or adds a language. The site engine passes the language in (MkDocs:
``theme.language``); nothing here reads an engine's settings.

A catalogue is YAML, grouped by area (``week: {title: This week}`` is the key
``week.title``). A message may name values in braces (``{count} min``); a
message that depends on a number gives its plural forms (``one:``,
``other:``, as Unicode CLDR names them), chosen for ``count`` by Babel's
plural rules of the language. Dates are written by Babel in the language,
with the catalogue's pattern (``date.long``).

The teacher's content is never translated: only these strings.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Union

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from markupsafe import Markup, escape

from .problems import Problem, did_you_mean, show
from .sources import FieldPath, parse_yaml

#: The package's catalogues, one file per language.
CATALOGUES = Path(__file__).resolve().parent.parent / "messages"
#: The language every catalogue is checked against, and the one a missing
#: string falls back to.
DEFAULT = "en"
#: The portfolio's folder of catalogues (``portfolio/messages/es.yml``).
FOLDER = "messages"
#: Plural forms, as Unicode CLDR names them (Babel's ``Locale.plural_form``).
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")

Message = Union[str, dict[str, str]]


@lru_cache(maxsize=4096)
def _date(value: dt.date, pattern: str, locale: str) -> str:
    """Babel's writing of a date, once per date, pattern and language (a site
    writes thousands of dates, most of them many times; a preview, after every edit)."""
    return format_date(value, pattern, locale=locale)


@dataclass
class Messages:
    """The catalogue of one language: ``text(key, …)`` for plain text,
    ``t(key, …)`` for HTML (the message escaped, values escaped unless they
    are markup already), ``date(…)`` for a date in the language."""

    language: str = DEFAULT
    entries: dict[str, Message] = field(default_factory=dict)
    #: The language is not English and no catalogue has a word of it: every word shows in English.
    english_only: bool = False
    #: The keys a catalogue of the language itself gives (not English's): the
    #: others show in English (`untranslated`).
    own: frozenset = frozenset()

    def untranslated(self, prefixes: tuple[str, ...] = ("",)) -> list[str]:
        """The keys starting with one of `prefixes` that show in English, in order."""
        return sorted(k for k in self.entries if k.startswith(prefixes) and k not in self.own)

    def __post_init__(self):
        #: English is the language of every page: no word of another language to mark.
        self.speaks_english = self.language.split("-")[0].split("_")[0].lower() == DEFAULT
        #: How English words are marked in this language's pages (`t`).
        self._mark = _ENGLISH_LTR if direction(self.language) == "rtl" else _ENGLISH
        self._html: dict[str, Markup] = {}
        self._client: dict[tuple, dict[str, Message]] = {}
        try:
            self.locale = Locale.parse(self.language.replace("-", "_"))
        except (UnknownLocaleError, ValueError, TypeError):
            self.locale = Locale.parse(DEFAULT)

    def ready(self) -> None:
        """Have Babel read the language's data now (it reads it when first
        used): before a build's second process starts (core/making.py), so
        that both share one copy instead of each reading its own."""
        self.locale.plural_form(1)
        self.date(dt.date(2000, 1, 1))

    def message(self, key: str, count: Any = None) -> str:
        """The message of `key` (for `count`, when it has plural forms)."""
        try:
            value = self.entries[key]
        except KeyError:
            raise KeyError(f"no message {key!r} in the catalogue") from None
        if isinstance(value, dict):
            form = self.locale.plural_form(abs(count)) if isinstance(count, (int, float)) else "other"
            return value.get(form, value.get("other", ""))
        return value

    def text(self, key: str, /, **values: Any) -> str:
        """The message of `key` as plain text, with `values` in its braces."""
        return self.message(key, values.get("count")).format(**values)

    def t(self, key: str, /, **values: Any) -> Markup:
        """The message of `key` as HTML: the message is escaped, so are the
        values unless they are markup already (a link made by a template).

        On a page of another language, a message no catalogue of it gives
        shows in English: its words are marked ``<span lang="en">`` so that a
        screen reader reads them in English (WCAG 3.1.2, language of parts),
        and the values filled in between (a title, a date, a choice) keep the
        language of the element around them. So `t` is for the text of an
        element: an attribute, a ``<title>``, an ``<option>`` or a file that is
        not HTML takes `text`."""
        if not values:  # most messages: made once per build, not once per page
            try:
                return self._html[key]
            except KeyError:
                made = self._html[key] = (_english(self.message(key), {}, self._mark) if self.in_english(key)
                                          else Markup(escape(self.message(key))).format())
                return made
        message = self.message(key, values.get("count"))
        if self.in_english(key):
            return _english(message, values, self._mark)
        if _plain_fields(message):
            # Each field a bare {name}: str.format with the values escaped is what Markup.format
            # makes, at a fraction of the cost (a large site formats some 100,000 messages).
            return Markup(str(escape(message)).format_map({name: escape(v) for name, v in values.items()}))
        return Markup(escape(message)).format(**values)

    def in_english(self, key: str) -> bool:
        """Whether `key` shows in English on a page of another language."""
        return not self.speaks_english and key not in self.own

    def say(self, value: Any) -> Any:
        """`value` in the language when it is `Said` words (as HTML), else as it is."""
        if isinstance(value, Said):
            return self.t(value.key, **{name: self.say(v) for name, v in value.values.items()})
        return value

    def date(self, value: dt.date | None, key: str = "date.long") -> str:
        """A date in the language, with the catalogue's pattern (`key`)."""
        if value is None:
            return ""
        return _date(value, self.message(key), str(self.locale))

    def client(self, prefix: str = "client.", leave_out: tuple[str, ...] = ()) -> dict[str, Message]:
        """The messages the client code writes (keys under `prefix`, without it;
        none under a prefix of `leave_out`), with the language's plural rule as
        the forms to pick from. Made once per catalogue (every page shows them)."""
        found = self._client.get((prefix, leave_out))
        if found is None:
            found = self._client[prefix, leave_out] = {
                key[len(prefix):]: value for key, value in self.entries.items()
                if key.startswith(prefix) and not key[len(prefix):].startswith(leave_out)}
        return found


_FIELD = re.compile(r"\{([^{}]*)\}")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


_FORMATTER = string.Formatter()
_ENGLISH = Markup('<span lang="en">{}</span>')
_ENGLISH_LTR = Markup('<span lang="en" dir="ltr">{}</span>')  # in a page written right to left


def _english(message: str, values: dict[str, Any], mark: Markup | None = None) -> Markup:
    """`message` with `values` as HTML, its own words marked as English: a
    number goes with them ("4 min"); words (a title, a date, a choice) and
    markup keep the language of the element around them. `mark`: the
    element that marks them (on a page written right to left, also
    ``dir="ltr"``)."""
    mark = mark or _ENGLISH
    made: list[Markup] = []
    english: list[str] = []

    def close() -> None:
        text = "".join(english)
        if text:
            made.append(mark.format(text) if text.strip() else escape(text))
        english.clear()

    for words, name, spec, conversion in _FORMATTER.parse(message):
        english.append(words)
        if name is None:
            continue
        value = _FORMATTER.convert_field(_FORMATTER.get_field(name, (), values)[0], conversion)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            english.append(format(value, spec))
            continue
        close()
        made.append(escape(format(value, spec) if spec else value))
    close()
    return Markup("").join(made)


@lru_cache(maxsize=4096)
def _plain_fields(message: str) -> bool:
    """Whether every field of `message` is a bare ``{name}`` (no format spec,
    conversion, attribute or index), and no brace stands alone."""
    rest = message.replace("{{", "").replace("}}", "")
    fields = _FIELD.findall(rest)
    if any(not _NAME.fullmatch(field) for field in fields):
        return False
    return "{" not in _FIELD.sub("", rest) and "}" not in _FIELD.sub("", rest)


class Said(str):
    """Words made outside the templates (e.g. a proof check's detail) that a page
    shows in its language: the English text, as a plain string everywhere
    else (messages in the terminal, tests), plus the message key and values a
    page translates it from (`Messages.say`). Values may be `Said` too."""

    key: str
    values: dict[str, Any]

    def __new__(cls, key: str, /, **values: Any) -> Said:
        text = shipped(DEFAULT)[key]
        self = super().__new__(cls, (text["other"] if isinstance(text, dict) else text).format(**values))
        self.key, self.values = key, values
        return self


def said(key: str, /, **values: Any) -> Said:
    """English words with their message key, for a page to translate (`Said`)."""
    return Said(key, **values)


# ---- Loading


@lru_cache(maxsize=None)
@lru_cache(maxsize=256)
def language_name(language: str) -> str:
    """A language's name in that language, as a reader of it looks for it
    ("Español", "Tiếng Việt"); the code itself when Babel does not know it."""
    try:
        name = Locale.parse(language.replace("-", "_")).get_display_name() or language
    except (UnknownLocaleError, ValueError, TypeError):
        return language
    return name[:1].upper() + name[1:]


def direction(language: str | None) -> str:
    """The direction a language is written in: "rtl" (Arabic, Hebrew, Persian,
    Urdu …) or "ltr", from Unicode CLDR (Babel); "ltr" for a code Babel does
    not know."""
    try:
        order = Locale.parse((language or DEFAULT).replace("-", "_")).character_order
    except (UnknownLocaleError, ValueError, TypeError):
        return "ltr"
    return "rtl" if order == "right-to-left" else "ltr"


def shipped_languages() -> list[str]:
    """The languages the package has a catalogue of."""
    return sorted(path.stem for path in CATALOGUES.glob("*.yml"))


def shipped_names() -> str:
    """The languages the package has a catalogue of, in English words: 'English, French and Spanish'."""
    names = sorted({Locale.parse(code.replace("-", "_")).get_language_name("en") for code in shipped_languages()})
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@lru_cache(maxsize=None)
def shipped(language: str) -> dict[str, Message]:
    """The package's catalogue of `language` (empty when there is none), flat."""
    path = CATALOGUES / f"{language}.yml"
    if not path.is_file():
        return {}
    source, problems = parse_yaml(path.read_text(encoding="utf-8"), f"flipfolio/messages/{path.name}")
    if problems or source is None:  # pragma: no cover - the package's tests keep them valid
        raise ValueError("\n".join(str(p) for p in problems))
    flat, _ = flatten(source.data)
    return flat


def flatten(data: Any, path: FieldPath = ()) -> tuple[dict[str, Message], dict[str, FieldPath]]:
    """A nested catalogue as dotted keys (``week.title``), with each key's path
    in the file; a mapping of plural forms is one message."""
    flat: dict[str, Message] = {}
    paths: dict[str, FieldPath] = {}
    if isinstance(data, dict) and not is_plural(data):
        for name, value in data.items():
            sub_flat, sub_paths = flatten(value, path + (str(name),))
            flat.update(sub_flat)
            paths.update(sub_paths)
    else:
        key = ".".join(str(part) for part in path)
        flat[key] = data
        paths[key] = path
    return flat, paths


def is_plural(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and "other" in value and all(k in PLURAL_FORMS for k in value)


def placeholders(message: Message) -> set[str]:
    """The names in braces of a message (of all its plural forms)."""
    texts = message.values() if isinstance(message, dict) else [message]
    names: set[str] = set()
    for text in texts:
        for _, name, _, _ in string.Formatter().parse(str(text)):
            if name is not None:
                names.add(name.split(".")[0].split("[")[0])
    return names


#: The fields a date pattern must have (Babel's letters): a whole date, a weekday.
_DATE_FIELDS = {"date.long": (("d", "day (d)"), ("ML", "month (MMMM)"), ("y", "year (y)")),
                "date.weekday": (("Eec", "weekday (EEEE)"),)}


def _bad_date_pattern(key: str, text: str) -> str | None:
    """Why a date pattern would not show a date as the message asks, or None:
    a quote never closed makes the rest of it text Babel leaves out."""
    if text.replace("''", "").count("'") % 2:
        return "a quote (') opens text that is never closed, so the rest of the date is left out"
    from babel.dates import tokenize_pattern

    fields = {letter for kind, value in tokenize_pattern(text) if kind == "field" for letter in value[0]}
    missing = [name for letters, name in _DATE_FIELDS.get(key, ()) if not fields & set(letters)]
    return f"the date pattern has no {' and no '.join(missing)}" if missing else None


def _bad_braces(text: str) -> str | None:
    try:
        list(string.Formatter().parse(text))
    except ValueError as error:
        return str(error)
    return None


#: The regions and the script whose sites write Chinese in traditional characters.
_TRADITIONAL = {"hant", "tw", "hk", "mo"}


def _script_of(language: str) -> str | None:
    """The catalogue of a language's script, between the language's and its
    region's: ``zh-Hant`` for Chinese written in traditional characters
    (``zh-Hant``, ``zh-TW``, ``zh-HK``, ``zh-MO``), which must not fall back
    to the simplified characters of ``zh``."""
    parts = [part.lower() for part in re.split(r"[-_]", language)]
    if parts[0] == "zh" and _TRADITIONAL & set(parts[1:]):
        return "zh-Hant"
    return None


def load(language: str | None, portfolio_root: Path | None = None,
         problems: list[Problem] | None = None, base: Path | None = None) -> Messages:
    """The catalogue of `language`: English, then the package's catalogue of
    the language (``es`` for ``es-MX`` too; ``zh``, then ``zh-Hant`` for
    ``zh-TW``: `_script_of`), then the portfolio's files of
    both, later ones overriding earlier ones. Every file in the portfolio's
    messages folder is checked (unknown keys, wrong placeholders, not
    text); each problem is added to `problems`, and a bad entry is ignored."""
    language = (language or DEFAULT).strip() or DEFAULT
    chain = [DEFAULT]
    main = language.split("-")[0].split("_")[0].lower()
    for name in (main, _script_of(language), language):
        if name and name not in chain:
            chain.append(name)
    entries: dict[str, Message] = {}
    own: set[str] = set()
    for name in chain:
        entries.update(shipped(name))
        if name != DEFAULT:
            own.update(shipped(name))
    if portfolio_root is not None:
        found = check_folder(Path(portfolio_root), problems if problems is not None else [], base)
        for name in chain:
            entries.update(found.get(name, {}))
            if name != DEFAULT:
                own.update(found.get(name, {}))
    return Messages(language, entries, english_only=main != DEFAULT and not own,
                    own=frozenset(entries) if main == DEFAULT else frozenset(own))


def check_folder(root: Path, problems: list[Problem], base: Path | None = None) -> dict[str, dict[str, Message]]:
    """The good entries of every catalogue in the portfolio's messages
    folder, by language; the problems of each file are added to `problems`."""
    folder = root / FOLDER
    found: dict[str, dict[str, Message]] = {}
    if not folder.is_dir():
        return found
    base = base if base is not None else root.parent
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        try:
            shown = path.relative_to(base).as_posix()
        except ValueError:
            shown = path.as_posix()
        if path.suffix not in (".yml", ".yaml") or not path.is_file():
            problems.append(Problem(shown, "the messages folder holds one YAML file per language, named by its "
                                           "language, e.g. 'es.yml'; move this file out of it"))
            continue
        found[path.stem] = check_file(path, shown, problems)
    return found


def check_file(path: Path, shown: str, problems: list[Problem]) -> dict[str, Message]:
    """The good entries of one portfolio catalogue; its problems (file, line
    and key) are added to `problems`."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(shown, f"the file could not be read ({error.__class__.__name__}); "
                                       "save it as UTF-8 text"))
        return {}
    source, found = parse_yaml(text, shown)
    problems.extend(found)
    if source is None or source.data is None:
        return {}
    if not isinstance(source.data, dict):
        problems.append(Problem(shown, "expected messages by key, e.g. 'week:' then '  title: Esta semana'",
                                line=source.line_of(()), found=show(source.data)))
        return {}
    flat, paths = flatten(source.data)
    reference = shipped(DEFAULT)
    good: dict[str, Message] = {}
    told: set[str] = set()
    for key, value in flat.items():
        line = source.line_of(paths[key])
        parent, _, form = key.rpartition(".")
        if key not in reference and parent in reference and form in PLURAL_FORMS:
            # Plural forms without 'other' ({one: "{count} clase"}): read as keys of their own.
            if parent not in told:
                told.add(parent)
                problems.append(Problem(shown, f"'{parent}': its plural forms need 'other:' too, the form for "
                                               "most numbers (e.g. 'other: \"{count} …\"')",
                                        line=source.line_of(paths[key][:-1])))
            continue
        if key not in reference:
            problems.append(Problem(shown, f"'{key}' is not a key of Flipfolio's messages; check its spelling and "
                                           "where it is indented (the keys are those of flipfolio/messages/en.yml)",
                                    line=line, hint=did_you_mean(key, reference)))
            continue
        expected = reference[key]
        if isinstance(value, dict) and not is_plural(value):
            problems.append(Problem(shown, f"'{key}': expected a message, or its plural forms ('one:', 'other:' …)",
                                    line=line))
            continue
        texts = value.values() if isinstance(value, dict) else [value]
        if not all(isinstance(text, str) for text in texts):
            problems.append(Problem(shown, f"'{key}': expected text (write it in quotes if it starts with a "
                                           "special character)", line=line, found=show(value)))
            continue
        broken = next((reason for text in texts if (reason := _bad_braces(text))), None)
        if broken:
            problems.append(Problem(shown, f"'{key}': the braces are not right ({broken}); a value is written "
                                           "'{name}', a brace itself '{{' or '}}'", line=line, found=show(value)))
            continue
        pattern = _bad_date_pattern(key, value) if key.startswith("date.") else None
        if pattern:
            own = shipped(path.stem.split("-")[0].split("_")[0].lower()).get(key) or reference[key]
            problems.append(Problem(shown, f"'{key}': {pattern}", line=line, found=show(value),
                                    hint=f"Flipfolio's own is {own!r} (Babel's date patterns)"))
            continue
        wanted, given = placeholders(expected), placeholders(value)
        if not given <= wanted:
            unknown = ", ".join("{" + name + "}" for name in sorted(given - wanted))
            allowed = ", ".join("{" + name + "}" for name in sorted(wanted)) or "none"
            problems.append(Problem(shown, f"'{key}': {unknown} is not a value of this message (it has: {allowed})",
                                    line=line, found=show(value)))
            continue
        if isinstance(value, dict) and not isinstance(expected, dict):
            problems.append(Problem(shown, f"'{key}': this message has no plural forms; write it as one text",
                                    line=line))
            continue
        if isinstance(expected, dict) and not isinstance(value, dict):
            value = {"other": value}
        good[key] = value
    return good
