"""Hostile content: titles, prompts, choices, credential fields, unit and
profile fields, caption labels and transcript text filled with arbitrary and
hostile strings (Hypothesis).

A build either succeeds, and then its pages contain no element, attribute or
script that the same site with plain words does not have (nothing in the
content became markup), or it stops with a clear message naming the file
(never a crash with a Python traceback).
"""

from __future__ import annotations

import logging
import os
from collections import defaultdict

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import Abort

import sitecheck

HOSTILE = [
    '<script>alert("x")</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>",
    "<iframe src=//evil.example>",
    "</textarea></title></script><b>", "{{ config }}", "{% include 'main.html' %}", "{# comment", "<!--", "-->",
    "]]>", "&lt;b&gt;", "&amp;", "javascript:alert(1)", "[link](javascript:alert(1))", "**bold** _it_ `code`",
    "<a href='https://evil.example'>x</a>", "\u202eevil", "\u0000", "\x0b", "\ufeff", "\\", "%s%n", "${x}",
    "---", "...", "# heading", "- item", "> quote", "    indented", "a\n\nb", "\r\n", "WEBVTT",
    "00:00.000 --> 00:01.000",
]

text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=30),
    st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=6)), min_size=1, max_size=4).map("".join),
)

FIELDS = ["unit_title", "lesson_title", "summary", "objective", "video_title", "qset_title", "prompt",
          "choice_right", "choice_wrong", "feedback", "hint", "credential_name", "issuer", "competency",
          "description", "criterion", "stack_name", "cue", "cue_es", "track_label", "station_title",
          "unit_subtitle", "essential_question", "role", "district"]


def portfolio(values: dict[str, str]) -> dict[str, str]:
    """The portfolio files, with each field set to its value (YAML written by PyYAML, so any string is valid YAML)."""

    def dump(data) -> str:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)

    lesson = {
        "title": values["lesson_title"], "unit": "cells", "summary": values["summary"],
        "objectives": [values["objective"]],
        "flip": "in-class",
        "videos": [{"url": "media/clip.mp4", "title": values["video_title"], "duration": 20,
                    "captions": [{"file": "media/clip.en.vtt", "language": "en"},
                                 {"file": "media/clip.es.vtt", "language": "es", "label": values["track_label"]}]},
                   {"url": "https://vimeo.com/76979871", "title": values["station_title"], "duration": 30,
                    "in_class": True, "no_captions_reason": "No speech."}],
        "questions": "check", "credentials": ["video-design"],
    }
    return {
        "portfolio/profile.yml": dump({"name": "Sam Teacher", "role": values["role"], "district": values["district"],
                                       "licence": "CC BY 4.0",
                                       "licence_url": "https://creativecommons.org/licenses/by/4.0/"}),
        "portfolio/units/cells.yml": dump({"title": values["unit_title"], "subtitle": values["unit_subtitle"],
                                           "summary": values["summary"], "starts": "2025-09-01",
                                           "ends": "2025-10-01", "essential_questions": [values["essential_question"]]}),
        "portfolio/lessons/what-is-a-cell.md": "---\n" + dump(lesson) + "---\n\nBody.\n",
        "portfolio/media/clip.mp4": "not really a video",
        "portfolio/media/clip.en.vtt": f"WEBVTT\n\n1\n00:00:00.000 --> 00:00:05.000\n{values['cue']}\n",
        "portfolio/media/clip.es.vtt": f"WEBVTT\n\n1\n00:00:00.000 --> 00:00:05.000\n{values['cue_es']}\n",
        "portfolio/questions/check.yml": dump({"title": values["qset_title"], "questions": [{
            "prompt": values["prompt"], "hint": values["hint"], "at": 10, "video": 2,
            "choices": [{"text": values["choice_right"], "correct": True, "feedback": values["feedback"]},
                        {"text": values["choice_wrong"]}]}]}),
        "portfolio/credentials/video-design.yml": dump({
            "name": values["credential_name"], "issuer": {"name": values["issuer"]},
            "competency": values["competency"], "description": values["description"],
            "rubric": {"levels": ["Not yet", "Proficient"], "required": "Proficient"},
            "award": {"issued": "2025-10-01",
                      "results": [{"criterion": values["criterion"], "level": "Proficient"}],
                      "evidence": [{"title": values["video_title"], "lesson": "what-is-a-cell"}]}}),
        "portfolio/stacks/flipped.yml": dump({"name": values["stack_name"], "description": values["description"],
                                             "credentials": ["video-design"]}),
    }


PAGES = ["index.html", "lessons/index.html", "lessons/what-is-a-cell/index.html", "units/cells/index.html",
         "credentials/index.html", "credentials/video-design/index.html", "privacy/index.html"]


def markup(site) -> tuple[set, set]:
    """The element shapes (tag + attribute names) and the scripts and styles of the built pages."""
    shapes, code = set(), set()
    for page in PAGES:
        doc = sitecheck.soup(site.out / page)
        for element in doc.find_all(True):
            shapes.add((element.name, frozenset(element.attrs)))
            if element.name in ("script", "style"):
                code.add((element.name, tuple(sorted((k, str(v)) for k, v in element.attrs.items())),
                          element.get_text()))
    return shapes, code


def write(site, files: dict[str, str]) -> None:
    for path, content in files.items():
        target = site.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")


@pytest.fixture
def hostile_site(site_factory):
    """The shared test portfolio, and the markup of its build with plain words in every field."""
    site = site_factory({"docs/index.md": "---\ntemplate: flipfolio/home.html\n---\nHello.\n"})
    write(site, portfolio({name: f"Plain {name.replace('_', ' ')}" for name in FIELDS}))
    site.build()
    return site, markup(site)


@settings(max_examples=int(os.environ.get("FLIPFOLIO_HOSTILE_EXAMPLES", "25")), deadline=None,
          derandomize=sitecheck.CI, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(FIELDS), value=text, more=st.dictionaries(st.sampled_from(FIELDS), text, max_size=2))
def test_hostile_strings_never_become_markup_or_crash_the_build(hostile_site, caplog, field, value, more):
    # One field hostile per example (sometimes a few more): a single bad field
    # stops the build, and then nothing else of the example would be looked at.
    site, (plain_shapes, plain_code) = hostile_site
    values = {name: f"Plain {name.replace('_', ' ')}" for name in FIELDS}
    values.update(more)
    values[field] = value
    write(site, portfolio(values))
    caplog.clear()
    caplog.set_level(logging.WARNING, logger="mkdocs")
    try:
        site.build()
    except Abort as error:
        if "BuildError" in str(error):  # content errors, logged by MkDocs: every problem, each naming its file
            errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
            assert errors and all("portfolio/" in e for e in errors), errors
            event("stopped: content errors")
            return
        # warnings in strict mode: each names its file (or generated page) and the element
        assert "warnings in strict mode" in str(error)
        warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
        assert warnings and all(any(where in w for where in ("portfolio/", "docs/", "the generated page "))
                                for w in warnings), warnings
        event("stopped: warnings in strict mode")
        return
    event("built")
    shapes, code = markup(site)
    new = defaultdict(list)
    for tag, attrs in shapes - plain_shapes:
        new[tag].append(sorted(attrs))
    assert not new, f"markup from the content: {dict(new)}"
    assert code <= plain_code, f"scripts or styles from the content: {code - plain_code}"


def test_the_markup_check_fails_when_content_is_not_escaped(site_factory):
    """Broken fixture: a template that prints a title without escaping lets markup through."""
    site = site_factory({"docs/index.md": "# Home\n",
                         "overrides/flipfolio/unit.html": "{% autoescape false %}<h1>{{ item.title }}</h1>"
                                                          "{% endautoescape %}"})
    site.write({"mkdocs.yml": "site_name: T\ntheme: {name: material, font: false, custom_dir: overrides}\n"
                              "plugins: [search, flipfolio]\n"})
    site.build()
    before = {(e.name, frozenset(e.attrs)) for e in sitecheck.soup(site.out / "units/cells/index.html").find_all(True)}
    site.write({"portfolio/units/cells.yml": "title: '<img src=x onerror=alert(1)>'\n"})
    site.build(strict=False)  # (strict would stop it anyway: the page checks see an image without alt text)
    after = {(e.name, frozenset(e.attrs)) for e in sitecheck.soup(site.out / "units/cells/index.html").find_all(True)}
    assert after - before == {("img", frozenset({"src", "onerror"}))}
