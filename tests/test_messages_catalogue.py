"""The message catalogues (core/messages.py): every key is used and every
shipped language has every key with the same values in braces; dates and
plurals follow the language; a portfolio's messages file corrects a string,
and a bad one is refused with its file, line and key."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path

import pytest
from markupsafe import Markup
from mkdocs.exceptions import Abort
from sites import MKDOCS_YML

from flipfolio.core import messages
from flipfolio.core.model import load
from flipfolio.core.problems import Problem

PACKAGE = Path(messages.__file__).resolve().parent.parent
ENGLISH = messages.shipped(messages.DEFAULT)

#: Keys made in a template or in Python from a fixed prefix and a value of a
#: fixed set (``"status." ~ standing.key``): each prefix, as it is written in the source.
DYNAMIC = ("status.", "credentials.sum_", "credentials.filter_", "evidence_kind.", "check.", "verification.",
           "privacy.when_", "credential.download_")


def _sources() -> str:
    """Every template, Python module and script of the package, as one text."""
    parts = []
    for pattern in ("templates/**/*", "mkdocs/templates/**/*", "**/*.py", "**/*.js"):
        for path in PACKAGE.glob(pattern):
            if path.is_file() and path.suffix in (".html", ".ics", ".atom", ".py", ".js", ".xml", ".txt"):
                parts.append(path.read_text(encoding="utf-8"))
    return "\n".join(parts)


def _used(key: str, text: str) -> bool:
    quoted = (f'"{key}"', f"'{key}'")
    if any(q in text for q in quoted):
        return True
    if key.startswith("client."):  # the client code names its keys without the prefix
        short = key[len("client."):]
        if f'"{short}"' in text or f"'{short}'" in text:
            return True
    if key.startswith("date."):
        return f'"{key}"' in text
    return any(key.startswith(prefix) and (f'"{prefix}' in text or f"'{prefix}" in text or f'f"{prefix}' in text)
               for prefix in DYNAMIC)


def test_english_is_the_reference_and_the_other_languages_are_shipped():
    assert {"ar", "en", "es", "fr", "pt", "vi", "zh", "zh-Hant"} <= set(messages.shipped_languages())
    assert len(ENGLISH) > 300


def test_every_key_is_used_in_a_template_python_or_javascript():
    text = _sources()
    unused = [key for key in ENGLISH if not _used(key, text)]
    assert unused == []


def test_every_key_a_template_names_is_in_the_catalogue():
    """The other way round: a template naming a key that does not exist fails the build."""
    named = set()
    for path in list(PACKAGE.glob("templates/**/*")) + list(PACKAGE.glob("mkdocs/templates/**/*")):
        if path.is_file():
            named |= set(re.findall(r"""ff\.(?:t|text|message)\(\s*["']([a-z_.\-]+)["']""", path.read_text("utf-8")))
    assert sorted(key for key in named if key not in ENGLISH and key not in DYNAMIC) == []


@pytest.mark.parametrize("language", [lang for lang in messages.shipped_languages() if lang != "en"])
def test_every_shipped_language_has_every_key_with_the_same_placeholders(language):
    other = messages.shipped(language)
    assert sorted(set(ENGLISH) - set(other)) == [], "keys not translated"
    assert sorted(set(other) - set(ENGLISH)) == [], "keys English does not have"
    for key, english in ENGLISH.items():
        assert messages.placeholders(other[key]) == messages.placeholders(english), key
        assert isinstance(other[key], dict) == isinstance(english, dict), f"{key}: plural forms in one language only"
        forms = other[key].values() if isinstance(other[key], dict) else [other[key]]
        assert all(isinstance(form, str) and form.strip() for form in forms), key


@pytest.mark.parametrize("language", messages.shipped_languages())
def test_the_client_code_can_fill_in_every_client_message(language):
    """The client code fills in {name} only (no format specs, no attributes)."""
    for key, value in messages.shipped(language).items():
        for form in (value.values() if isinstance(value, dict) else [value]):
            for _, name, spec, conversion in __import__("string").Formatter().parse(form):
                if name is not None:
                    assert re.fullmatch(r"\w+", name) and not spec and not conversion, (language, key, form)


@pytest.mark.parametrize("language,script", [
    ("zh", "zh"), ("zh-CN", "zh"), ("zh-Hans", "zh"), ("zh-SG", "zh"),  # simplified characters
    ("zh-Hant", "zh-Hant"), ("zh-TW", "zh-Hant"), ("zh-HK", "zh-Hant"), ("zh_Hant_TW", "zh-Hant"),  # traditional
])
def test_chinese_in_traditional_characters_never_falls_back_to_simplified(language, script):
    catalogue = messages.load(language)
    assert catalogue.text("family.title") == messages.shipped(script)["family.title"]
    assert catalogue.untranslated() == []
    assert messages.shipped("zh")["family.title"] != messages.shipped("zh-Hant")["family.title"]


def test_dates_and_plurals_follow_the_language():
    day = dt.date(2026, 9, 2)
    english, spanish = messages.load("en"), messages.load("es")
    assert english.date(day) == "2 September 2026"  # as before: the same on every machine
    assert spanish.date(day) == "2 de septiembre de 2026"
    assert spanish.date(day, "date.weekday") == "miércoles"
    french = messages.load("fr-CA")  # French, as a regional setting of it
    assert (french.date(day), french.date(day, "date.weekday")) == ("2 septembre 2026", "mercredi")
    assert (french.text("common.lessons", count=0), french.text("common.lessons", count=2)) == ("0 leçon", "2 leçons")
    arabic = messages.load("ar")  # six plural forms, picked by Babel's rules for Arabic
    assert [arabic.text("common.lessons", count=n) for n in (1, 2, 3, 11, 100)] == [
        "درس واحد", "درسان", "3 دروس", "11 درسًا", "100 درس"]
    # Minutes too: "3 دقيقة" was wrong, and a teacher could not correct it (the message had no plural forms).
    assert [arabic.text("common.minutes", count=n) for n in (1, 2, 3, 11)] == [
        "دقيقة واحدة", "دقيقتان", "3 دقائق", "11 دقيقة"]
    assert "(ولا أكثر من 5 دقائق في أسبوع واحد)" in arabic.text("family.minutes_most", minutes="4", most=5, count=5)
    assert english.text("common.lessons", count=1) == "1 lesson"
    assert english.text("common.lessons", count=3) == "3 lessons"
    assert spanish.text("common.lessons", count=1) == "1 lección"
    assert spanish.text("common.lessons", count=0) == "0 lecciones"
    # A regional variant falls back to its language; an unknown one to English.
    assert messages.load("es-MX").text("week.title") == "Esta semana"
    assert messages.load("it").text("week.title") == "This week"


def test_html_messages_escape_values_but_keep_markup():
    english = messages.load("en")
    shown = english.t("video.play", title="<b>Cells</b> & more")
    assert shown == "Play “&lt;b&gt;Cells&lt;/b&gt; &amp; more”"
    link = Markup('<a href="x">Open on YouTube</a>')
    assert '<a href="x">' in english.t("video.notice", provider="YouTube", link=link)


# ---- A portfolio's own messages file


def _portfolio(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "portfolio"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def test_a_portfolio_file_corrects_a_string_and_adds_a_language(tmp_path):
    root = _portfolio(tmp_path, {
        "messages/es.yml": """\
            week:
              title: Tareas de la semana
            common:
              lessons:
                one: "{count} clase"
                other: "{count} clases"
            """,
        "messages/it.yml": "week:\n  title: Questa settimana\n",
    })
    problems: list[Problem] = []
    spanish = messages.load("es", root, problems)
    assert problems == []
    assert spanish.text("week.title") == "Tareas de la semana"
    assert spanish.text("common.lessons", count=2) == "2 clases"
    assert spanish.text("family.title") == "Para las familias"  # the rest as shipped
    italian = messages.load("it", root, problems)
    assert italian.text("week.title") == "Questa settimana"
    assert italian.text("family.title") == "For families"  # not translated yet: English
    assert not italian.english_only and not spanish.english_only
    assert messages.load("it-CH").english_only and messages.load("de", root, problems).english_only
    assert not messages.load("en-GB").english_only and not messages.load("es-MX").english_only


def test_a_site_in_a_language_flipfolio_has_no_words_in_is_told(site_factory, mkdocs_log):
    yml = MKDOCS_YML.replace("  font: false\n", "  font: false\n  language: it\n")
    site_factory(mkdocs_yml=yml).build()  # not a warning: the site is built, strict or not
    said = [r.getMessage() for r in mkdocs_log.records if "has no words in" in r.getMessage()]
    assert said == ["flipfolio: Flipfolio has no words in 'it' yet: its headings, buttons and pages show in "
                    "English. Add portfolio/messages/it.yml (see 'Pages in your language' in Flipfolio's guide)"]


def test_a_bad_portfolio_file_names_file_line_and_key(tmp_path):
    root = _portfolio(tmp_path, {
        "messages/es.yml": """\
            week:
              title: Esta semana
              titel: Esta semana
            video:
              play: "Reproducir {titulo}"
            common:
              minutes: "{count min"
            lesson:
              due: [no, text]
            """,
        "messages/notes.txt": "not a catalogue\n",
    })
    problems: list[Problem] = []
    spanish = messages.load("es", root, problems, tmp_path)
    shown = [str(p) for p in problems]
    assert any(s.startswith("portfolio/messages/es.yml:3: 'week.titel' is not a key")
               and "Did you mean 'week.title'?" in s for s in shown), shown
    assert any(s.startswith("portfolio/messages/es.yml:5: 'video.play': {titulo} is not a value of this message "
                            "(it has: {title})") for s in shown), shown
    assert any(s.startswith("portfolio/messages/es.yml:7: 'common.minutes': the braces are not right") for s in shown)
    assert any(s.startswith("portfolio/messages/es.yml:9: 'lesson.due': expected text") for s in shown), shown
    assert any(s.startswith("portfolio/messages/notes.txt: the messages folder holds one YAML file per language")
               for s in shown), shown
    assert all(p.severity == "error" for p in problems)
    # The good entries still apply, the bad ones are left out.
    assert spanish.text("week.title") == "Esta semana"
    assert spanish.text("video.play", title="X") == "Reproducir «X»"


@pytest.mark.parametrize("text, message", [
    ("date:\n  long: \"d 'de MMMM\"\n",
     "portfolio/messages/es.yml:2: 'date.long': a quote (') opens text that is never closed, so the rest of the date "
     "is left out, found \"d 'de MMMM\". Flipfolio's own is \"d 'de' MMMM 'de' y\" (Babel's date patterns)"),
    ("date:\n  long: d MMMM\n", "portfolio/messages/es.yml:2: 'date.long': the date pattern has no year (y), "
                                 "found 'd MMMM'. Flipfolio's own is \"d 'de' MMMM 'de' y\" (Babel's date patterns)"),
    ("date:\n  weekday: d\n", "portfolio/messages/es.yml:2: 'date.weekday': the date pattern has no weekday (EEEE), "
                               "found 'd'. Flipfolio's own is 'EEEE' (Babel's date patterns)"),
    # plural forms without 'other' were read as keys of their own ('common.lessons.one is not a key')
    ("common:\n  lessons:\n    one: \"{count} clase\"\n    few: \"{count} clases\"\n",
     "portfolio/messages/es.yml:2: 'common.lessons': its plural forms need 'other:' too, the form for most numbers "
     "(e.g. 'other: \"{count} …\"')"),
    ("date:\n  long: \"d 'de' MMMM 'de' y\"\n  weekday: cccc\n", None),
])
def test_a_date_pattern_or_plural_a_teacher_gets_wrong_is_named(tmp_path, text, message):
    root = _portfolio(tmp_path, {"messages/es.yml": text})
    problems: list[Problem] = []
    messages.load("es", root, problems, tmp_path)
    assert [str(p) for p in problems] == ([message] if message else [])


def test_load_reports_a_bad_messages_file_with_the_portfolio_problems(tmp_path):
    root = _portfolio(tmp_path, {"profile.yml": "name: T\n", "messages/es.yml": "week:\n  titel: X\n"})
    portfolio = load(root, language="es")
    assert any("portfolio/messages/es.yml:2: 'week.titel' is not a key" in str(p) for p in portfolio.problems.errors)
    assert portfolio.messages.language == "es"


def test_a_site_uses_the_portfolio_correction_and_refuses_a_bad_file(site_factory, mkdocs_log):
    spanish_yml = MKDOCS_YML.replace("  font: false\n", "  font: false\n  language: es\n")
    site = site_factory({"mkdocs.yml": spanish_yml,
                         "portfolio/messages/es.yml": "week:\n  title: Tareas de la semana\n"}).build()
    assert site.article("this-week/index.html").h1.get_text() == "Tareas de la semana"
    assert site.article("lessons/index.html").h1.get_text() == "Lecciones"
    html = site.text("lessons/what-is-a-cell/index.html")
    assert "Mira y comprueba" in html and '"lang": "es"' in html

    bad = site_factory({"mkdocs.yml": spanish_yml, "portfolio/messages/es.yml": "week:\n  title: \"Semana {n}\"\n"})
    with pytest.raises(Abort):
        bad.build()
    assert ("portfolio/messages/es.yml:2: 'week.title': {n} is not a value of this message (it has: none)"
            in mkdocs_log.text)


@pytest.mark.parametrize("language", messages.shipped_languages())
def test_the_numbers_a_hint_shows_are_read_as_it_means_them(language):
    """"Try digits, such as 1,000 or 2.5": each language writes its own
    examples, and the page must read them as a reader of that language does
    (a thousand, and two and a half), not "1,000" as one in Spanish."""
    from flipfolio.questions.answers import parse_number

    hint = str(messages.shipped(language)["client.questions.not_a_number"])
    examples = re.findall(r"\d[\d \u00a0\u202f,.\u066b\u066c]*\d", hint)
    assert [parse_number(example) for example in examples] == [(1000.0, ""), (2.5, "")], hint
