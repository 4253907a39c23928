"""Format rules: ids listed once, pictures, captions, language codes, web addresses, numbers with sane
bounds, text that shows something, and the part headings of a lesson body."""

from __future__ import annotations

import re
from typing import Annotated

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import formats as schema
from flipfolio.core.format import clock, is_slug, seconds, slug_like
from flipfolio.lessons.body import part_of, split_parts
from flipfolio.core.model import load
from flipfolio.core.problems import by_place
from flipfolio.core.validate import _shows_at_least, validate

LESSON = "---\ntitle: Pushes\nunit: forces\n{}---\nBody\n"
CREDENTIAL = "name: Q\nissuer: {{name: N}}\nstatus: in-progress\ncompetency: C\n{}"
VIDEO = "videos:\n  - url: https://vimeo.com/1\n    {}\n"

# (case, files written over the base portfolio, exact messages expected among the problems)
CASES = [
    ("a credential twice in a lesson", {"portfolio/lessons/pushes.md": LESSON.format(
        "credentials: [video-design, video-design]\n")},
     ["portfolio/lessons/pushes.md:4: field 'credentials[1]': 'video-design' is listed twice; keep one"]),
    ("a credential twice in a stack, at the second place", {"portfolio/stacks/flipped.yml":
        "name: S\ncredentials:\n  - video-design\n  - questioning\n  - video-design\n"},
     ["portfolio/stacks/flipped.yml:5: field 'credentials[2]': 'video-design' is listed twice; keep one"]),
    ("a photo that is not a picture", {"portfolio/profile.yml": "name: Sam\nphoto: {src: profile.yml, alt: Me}\n"},
     ["portfolio/profile.yml:2: field 'photo.src': expected a picture file (.png, .jpg, .jpeg, .gif, .webp, .svg, "
      ".avif), found 'profile.yml'"]),
    ("a badge image that is not a picture", {"portfolio/credentials/questioning.yml": CREDENTIAL.format(
        "image:\n  src: media/badge.pdf\n  alt: A badge\n")},
     ["portfolio/credentials/questioning.yml:6: field 'image.src': expected a picture file (.png, .jpg, .jpeg, .gif, "
      ".webp, .svg, .avif), found 'media/badge.pdf'"]),
    ("captions that are not WebVTT", {"portfolio/lessons/pushes.md": LESSON.format(
        VIDEO.format("captions: media/cells.srt"))},
     ["portfolio/lessons/pushes.md:6: field 'videos[0].captions': expected a WebVTT captions file, whose name ends in "
      ".vtt (convert other captions files such as .srt to WebVTT), found 'media/cells.srt'"]),
    ("a language name for a code", {"portfolio/profile.yml": "name: Sam\nlanguages: [english]\n"},
     ["portfolio/profile.yml:2: field 'languages[0]': expected a language code, found 'english'; use language codes "
      "such as 'en', 'es', 'fr' ('en' for English)"]),
    ("an unknown language name", {"portfolio/profile.yml": "name: Sam\nlanguages:\n  - en\n  - Klingon\n"},
     ["portfolio/profile.yml:4: field 'languages[1]': expected a language code, found 'Klingon'; use language codes "
      "such as 'en', 'es', 'fr'"]),
    ("a language twice", {"portfolio/profile.yml": "name: Sam\nlanguages: [en, es, en]\n"},
     ["portfolio/profile.yml:2: field 'languages[2]': 'en' is listed twice; keep one"]),
    ("the captions' language as a name", {"portfolio/lessons/pushes.md": LESSON.format(
        VIDEO.format("captions_language: Spanish"))},
     ["portfolio/lessons/pushes.md:6: field 'videos[0].captions_language': expected a language code, found 'Spanish'; "
      "use language codes such as 'en', 'es', 'fr' ('es' for Spanish)"]),
    ("a video address with a space", {"portfolio/lessons/pushes.md": LESSON.format(
        "videos:\n  - https://example.org/my video.mp4\n")},
     ["portfolio/lessons/pushes.md:5: field 'videos[0].url': web addresses cannot contain spaces; write %20 for a "
      "space, found 'https://example.org/my video.mp4'"]),
    ("a web address with a space", {"portfolio/credentials/questioning.yml":
        "name: Q\nissuer: {name: N, url: 'https://educators.example/our badges'}\nstatus: in-progress\ncompetency: C\n"},
     ["portfolio/credentials/questioning.yml:2: field 'issuer.url': web addresses cannot contain spaces; write %20 "
      "for a space, found 'https://educators.example/our badges'"]),
    ("a duration of 23 digits", {"portfolio/lessons/pushes.md": LESSON.format(
        VIDEO.format("duration: 99999999999999999999999"))},
     ["portfolio/lessons/pushes.md:6: field 'videos[0].duration': expected a time of at most 24 hours ('24:00:00', "
      "or 86400 seconds), found 99999999999999999999999"]),
    ("a start after 24 hours", {"portfolio/lessons/pushes.md": LESSON.format(VIDEO.format("start: '25:00:00'"))},
     ["portfolio/lessons/pushes.md:6: field 'videos[0].start': expected a time of at most 24 hours ('24:00:00', "
      "or 86400 seconds), found '25:00:00'"]),
    ("a question's time of thousands of digits", {"portfolio/questions/cell-check.yml":
        "title: Q\nquestions:\n  - prompt: P\n    answer: x\n    at: '" + "9" * 5000 + "'\n"},
     ["portfolio/questions/cell-check.yml:5: field 'questions[0].at': expected a time such as 90 (seconds), '1:30' "
      "or '1:02:03', found '99999999999999999999999999999999999999999999999999999999999…'"]),
    ("a title of zero-width characters", {"portfolio/units/forces.yml": "title: \"\\u200b\\u200c\\u200d\\u2060\\ufeff\"\n"},
     ["portfolio/units/forces.yml:1: field 'title': expected some text, found '\\u200b\\u200c\\u200d\\u2060\\ufeff'"]),
    ("a name of spaces and a soft hyphen", {"portfolio/profile.yml": "name: \"\\u00a0\\u00ad \\u3000\"\n"},
     ["portfolio/profile.yml:1: field 'name': expected some text, found '\\xa0\\xad \\u3000'"]),
    ("an order out of bounds", {"portfolio/units/forces.yml": "title: Forces\norder: 99999\n"},
     ["portfolio/units/forces.yml:2: field 'order': expected a whole number from -10000 to 10000, found 99999"]),
    ("a lesson order out of bounds", {"portfolio/lessons/pushes.md": LESSON.format("order: -10001\n")},
     ["portfolio/lessons/pushes.md:4: field 'order': expected a whole number from -10000 to 10000, found -10001"]),
    ("an order that is infinite", {"portfolio/units/forces.yml": "title: Forces\norder: .inf\n"},
     ["portfolio/units/forces.yml:2: field 'order': expected a whole number from -10000 to 10000, found .inf"]),
    ("a negative tolerance", {"portfolio/questions/cell-check.yml":
        "title: Q\nquestions:\n  - prompt: P\n    type: numeric\n    answer: 4\n    tolerance: -0.5\n"},
     ["portfolio/questions/cell-check.yml:6: field 'questions[0].tolerance': expected a number of at least 0, "
      "found -0.5"]),
    ("a tolerance that is not a number", {"portfolio/questions/cell-check.yml":
        "title: Q\nquestions:\n  - prompt: P\n    type: numeric\n    answer: 4\n    tolerance: .nan\n"},
     ["portfolio/questions/cell-check.yml:6: field 'questions[0].tolerance': expected a number (not infinite or "
      "'not a number'), found .nan"]),
    # A time zone as a teacher may write it: misspelt, in lowercase, with a space, or a region alone (the
    # database's folder: reading it as a zone failed with a traceback).
    *[(f"the time zone {written!r}", {"portfolio/profile.yml": f"name: Sam\ntime_zone: {written}\n"},
       [f"portfolio/profile.yml:2: field 'time_zone': expected a time zone name such as 'America/Los_Angeles' or "
        f"'Europe/Madrid', found '{written}'{hint}"]) for written, hint in [
        ("America/Los_Angles", ". Did you mean 'America/Los_Angeles'?"),
        ("america/los_angeles", ". Did you mean 'America/Los_Angeles'?"),
        ("America/Los Angeles", ". Did you mean 'America/Los_Angeles'?"),
        ("America", ". 'America' is a region: add the city, as in 'America/…'"),
        ("Pacific", ". 'Pacific' is a region: add the city, as in 'Pacific/…' (did you mean 'US/Pacific'?)"),
        ("Mars/Olympus", "")]],
    # A path copied from Windows' Explorer.
    ("a photo's path with backslashes", {"portfolio/profile.yml": "name: Sam\nphoto: {src: 'media\\me.png', alt: Me}\n",
                                         "portfolio/media/me.png": "x"},
     ["portfolio/profile.yml:2: field 'photo.src': the photo must be a file in the portfolio folder (paths start at "
      "the folder, e.g. media/photo.jpg), found 'media\\\\me.png' (no such file). Write '/' between folders, not "
      "'\\': 'media/me.png'"]),
    # An address no browser can open (its link was published as it was).
    *[(f"the link {written!r}", {"portfolio/profile.yml": f"name: Sam\nlinks:\n  - {{title: School, url: '{written}'}}\n"},
       ["portfolio/profile.yml:3: field 'links[0].url': expected a web address a browser can open (check the "
        f"brackets and the part after the ':'), found '{written}'"])
      for written in ("https://[school.example/", "https://school.example:80a/", "https://school.example:99999/")],
    # A year mistyped: past the dates a file of the site can carry (a build failed with a traceback).
    ("a due date far ahead", {"portfolio/lessons/pushes.md": LESSON.format("due: 2205-09-16\n")},
     ["portfolio/lessons/pushes.md:4: field 'due': expected a date from 1900 to 2099 (a year mistyped?), "
      "found 2205-09-16"]),
    ("an issue date far back", {"portfolio/credentials/questioning.yml": CREDENTIAL.format(
        "award:\n  issued: '0225-09-16'\n").replace("status: in-progress\n", "")},
     ["portfolio/credentials/questioning.yml:5: field 'award.issued': expected a date from 1900 to 2099 (a year "
      "mistyped?), found '0225-09-16'"]),
]


@pytest.mark.parametrize("case,files,expected", CASES, ids=[c[0] for c in CASES])
def test_format_rules_are_named_by_file_line_and_field(site_factory, case, files, expected):
    site = site_factory(files)
    messages = [str(p) for p in load(site.root / "portfolio").problems]
    for line in expected:
        assert line in messages, f"{line!r} not in {messages}"


@pytest.mark.parametrize(
    "cls,data",
    [(schema.Image, {"src": "media/ME.JPEG", "alt": "Me"}), (schema.Image, {"src": "media/badge.svg", "alt": "B"}),
     (schema.Image, {"src": "media/a.avif", "alt": "A"}), (schema.Image, {"src": "media/a.WebP", "alt": "A"}),
     (schema.Profile, {"name": "N", "languages": ["en", "es", "pt-BR", "zh-Hant", "sr-Latn-RS", "es-419", "fil"]}),
     (schema.Video, {"url": "https://vimeo.com/1", "captions": "media/a.VTT", "captions_language": "fr-CA"}),
     (schema.Video, {"url": "media/my video.mp4", "duration": "24:00:00", "start": 0, "end": 86400}),
     (schema.Video, {"url": "https://example.org/my%20video.mp4"}),
     (schema.Unit, {"title": "\u200bCells", "order": -10000}), (schema.Stack, {"name": "S", "credentials": ["a", "b"]}),
     (schema.Question, {"prompt": "p", "type": "numeric", "answer": 4, "tolerance": 0})],
)
def test_sound_values_pass(cls, data):
    value, issues = validate(data, cls)
    assert issues == [] and value is not None


class _Counts(msgspec.Struct):
    whole: int = 0
    share: float = 0.0
    bounded: Annotated[int, msgspec.Meta(gt=0, lt=10)] = 1
    part: Annotated[float, msgspec.Meta(gt=0, le=1)] = 0.5


@pytest.mark.parametrize(
    "data,loc,message",
    [({"whole": 10**9 + 1}, ("whole",), "expected a whole number from -1000000000 to 1000000000, found 1000000001"),
     ({"whole": -(10**12)}, ("whole",), "expected a whole number from -1000000000 to 1000000000, found -1000000000000"),
     ({"whole": "1" + "0" * 40}, ("whole",), "expected a whole number from -1000000000 to 1000000000, "
                                            "found '10000000000000000000000000000000000000000'"),
     ({"whole": 1e300}, ("whole",), "expected a whole number from -1000000000 to 1000000000, found 1e+300"),
     ({"share": float("inf")}, ("share",), "expected a number (not infinite or 'not a number'), found inf"),
     ({"share": "-inf"}, ("share",), "expected a number (not infinite or 'not a number'), found '-inf'"),
     ({"share": 10**400}, ("share",), "expected a number (not infinite or 'not a number'), "
                                      "found 10000000000000000000000000000000000000000000000000000000000…"),
     ({"bounded": 0}, ("bounded",), "expected a whole number from 1 to 9, found 0"),
     ({"bounded": 10}, ("bounded",), "expected a whole number from 1 to 9, found 10"),
     ({"part": 0}, ("part",), "expected a number greater than 0 and of at most 1, found 0"),
     ({"part": 1.5}, ("part",), "expected a number greater than 0 and of at most 1, found 1.5")],
)
def test_numbers_have_sane_bounds(data, loc, message):
    value, issues = validate(data, _Counts)
    assert value is None
    assert [(i.loc, i.kind, i.message) for i in issues] == [(loc, "rule", message)]


@pytest.mark.parametrize("whole", ["²", "1_000", "٣"])
def test_digits_python_reads_but_a_teacher_does_not_write_are_no_whole_number(whole):
    _, issues = validate({"whole": whole}, _Counts)
    assert [(i.loc, i.kind) for i in issues] == [(("whole",), "whole_number")]


def test_the_json_schemas_say_the_same():
    schemas = schema.json_schemas()
    picture = schemas["profile.schema.json"]["$defs"]["Image"]["properties"]["src"]["pattern"]
    for path, ok in [("media/me.jpg", True), ("media/ME.JPEG", True), ("b.svg", True), ("profile.yml", False),
                     ("https://cdn.example/me.jpg", False), ("//cdn.example/me.jpg", False)]:
        assert bool(re.search(picture, path)) is ok, path
    lesson = schemas["lessons.schema.json"]
    assert lesson["properties"]["credentials"]["uniqueItems"] is True
    assert schemas["stacks.schema.json"]["properties"]["credentials"]["uniqueItems"] is True
    assert lesson["properties"]["order"]["minimum"] == -10000 and lesson["properties"]["order"]["maximum"] == 10000
    video = lesson["$defs"]["Video"]["properties"]
    assert re.search(video["captions"]["anyOf"][0]["pattern"], "media/a.vtt")
    assert not re.search(video["captions"]["anyOf"][0]["pattern"], "media/a.srt")
    language = schemas["profile.schema.json"]["properties"]["languages"]["items"]["pattern"]
    assert re.search(language, "pt-BR") and not re.search(language, "english")
    assert {"type": "integer", "minimum": 0, "maximum": 86400} in video["duration"]["anyOf"][0]["anyOf"]


# ---- The part headings of a lesson body

@pytest.mark.parametrize(
    "heading,part",
    [("Before class", "before"), ("In class", "in"), ("BEFORE CLASS", "before"), ("in-class", "in"),
     ("Pre-class", "before"), ("Individual space", "before"), ("Group space", "in"),
     ("In class: In-Flip stations", "in"), ("In class (planned)", "in"), ("In class(planned)", "in"),
     ("Before class – watch at home", "before"), ("Before class — watch at home", "before"),
     ("Before class - watch at home", "before"), ("before class—watch", "before"), ("Group space: teams", "in"),
     ("In  class", "in"), ("In class:", "in"),
     ("Inclassical music", None), ("In classes", None), ("Before classes", None), ("Before class-ish", None),
     ("In class -ish", None), ("Pre-class reading", None), ("Class", None), ("Other", None)],
)
def test_part_headings(heading, part):
    assert part_of(heading) == part


def test_heading_variants_cut_the_body_into_parts():
    body = ("Intro\n\n## Before class – watch at home\n\nWatch.\n\n## In class: In-Flip stations\n\nLab.\n\n"
            "## Inclassical music\n\nStill in class.\n")
    parts = split_parts(body)
    assert parts.intro == "Intro"
    assert parts.before_class == "## Before class – watch at home\n\nWatch."
    assert parts.in_class == "## In class: In-Flip stations\n\nLab.\n\n## Inclassical music\n\nStill in class."


# ---- The lesson format a real portfolio needs


def test_in_class_videos_several_caption_tracks_and_unit_dates_load(site_factory):
    from flipfolio.core.model import load

    site = site_factory({
        "portfolio/units/forces.yml": "title: Forces\nsubtitle: Why do things move?\nstarts: 2026-01-05\n"
                                      "ends: 2026-02-13\nessential_questions:\n  - What makes things speed up?\n",
        "portfolio/media/pushes.es.vtt": "WEBVTT\n\n00:00.000 --> 00:02.000\nEmpujar y tirar.\n",
        "portfolio/lessons/pushes.md": """\
            ---
            title: Pushes and pulls
            unit: forces
            flip: in-class
            videos:
              - url: https://youtu.be/abcdefghijk
                title: Forces at home
                duration: 120
                captions:
                  - {file: media/cells.en.vtt, language: en}
                  - {file: media/pushes.es.vtt, language: es, label: Español}
              - url: https://vimeo.com/76979871
                title: Station video
                duration: 300
                in_class: true
                no_captions_reason: No speech.
            ---
            Body.
            """,
    })
    portfolio = load(site.root / "portfolio")
    assert [str(p) for p in portfolio.problems] == []
    unit, lesson = portfolio.units["forces"], portfolio.lessons["pushes"]
    assert (unit.subtitle, str(unit.starts), unit.essential_questions) == ("Why do things move?", "2026-01-05",
                                                                          ["What makes things speed up?"])
    assert lesson.flip == "in-class" and [v.in_class for v in lesson.videos] == [False, True]
    tracks = lesson.videos[0].info.captions
    assert [(t.path, t.language, t.label) for t in tracks] == [("media/cells.en.vtt", "en", "English"),
                                                               ("media/pushes.es.vtt", "es", "Español")]
    from flipfolio.videos.workload import total_seconds
    assert total_seconds(lesson.videos) == 120  # the in-class video is not pre-class time


@pytest.mark.parametrize("files,expected", [
    ({"portfolio/units/forces.yml": "title: F\nstarts: 2026-02-01\nends: 2026-01-01\n"},
     "portfolio/units/forces.yml:3: field 'ends': 'ends' (2026-01-01) is before 'starts' (2026-02-01)"),
    ({"portfolio/lessons/pushes.md": "---\ntitle: P\nunit: forces\nvideos:\n  - url: https://youtu.be/abcdefghijk\n"
                                     "    captions: [{file: media/cells.en.vtt, language: en}, "
                                     "{file: media/cells.en.vtt, language: en}]\n---\n"},
     "portfolio/lessons/pushes.md:6: field 'videos[0].captions': 'captions' has two files in the language 'en'; keep "
     "one per language"),
    ({"portfolio/lessons/pushes.md": "---\ntitle: P\nunit: forces\nflip: school\n---\n"},
     "portfolio/lessons/pushes.md:4: field 'flip': expected one of 'home', 'in-class', found 'school'"),
    ({"portfolio/questions/cell-check.yml": "title: Q\nquestions:\n  - prompt: Why?\n    video: 2\n    answer: x\n"},
     "portfolio/questions/cell-check.yml:4: field 'questions[0].video': 'video' says which video the question's 'at' "
     "time is in: give 'at' too"),
    ({"portfolio/questions/cell-check.yml": "title: Q\nquestions:\n  - prompt: Why?\n    at: 10\n    video: 2\n"
                                           "    answer: x\n"},
     "portfolio/questions/cell-check.yml:5: field 'questions[0].video': lesson 'what-is-a-cell' "
     "(portfolio/lessons/what-is-a-cell.md) has 1 video; 'video' names the one the question's time is in, from 1 "
     "to 1, found 2"),
    ({"portfolio/lessons/what-is-a-cell.md": "---\ntitle: C\nunit: cells\nquestions: cell-check\nvideos:\n"
                                             "  - {url: https://youtu.be/abcdefghijk, title: A, duration: 60, "
                                             "no_captions_reason: x}\n"
                                             "  - {url: https://vimeo.com/1, title: B, duration: 20, "
                                             "no_captions_reason: x}\n---\n",
      "portfolio/questions/cell-check.yml": "title: Q\nquestions:\n  - prompt: Why?\n    at: 45\n    video: 2\n"
                                            "    answer: x\n"},
     "portfolio/questions/cell-check.yml:4: field 'questions[0].at': the time is after the end of video 2 of lesson "
     "'what-is-a-cell' (20 s long), found 45 s"),
    ({"portfolio/questions/cell-check.yml": "title: Q\nquestions:\n  - prompt: Why?\n    at: '9:59'\n    answer: x\n"},
     "portfolio/questions/cell-check.yml:4: field 'questions[0].at': the time is after the end of the first video "
     "of lesson 'what-is-a-cell' (4:30 long), found 9:59 (599 s)"),
    # The base lesson's video starts at 0:30 (?t=30): a question at 0:10 is never reached.
    ({"portfolio/questions/cell-check.yml": "title: Q\nquestions:\n  - prompt: Why?\n    at: 10\n    answer: x\n"},
     "portfolio/questions/cell-check.yml:4: field 'questions[0].at': the time is before the first video of lesson "
     "'what-is-a-cell' starts playing (at 30 s): students would never reach it, found 10 s"),
    ({"portfolio/lessons/what-is-a-cell.md": "---\ntitle: C\nunit: cells\nquestions: cell-check\nvideos:\n"
                                             "  - {url: https://youtu.be/abcdefghijk, title: A, duration: 60, end: 40, "
                                             "no_captions_reason: x}\n---\n",
      "portfolio/questions/cell-check.yml": "title: Q\nquestions:\n  - prompt: Why?\n    at: 50\n    answer: x\n"},
     "portfolio/questions/cell-check.yml:4: field 'questions[0].at': the time is after the first video of lesson "
     "'what-is-a-cell' stops playing (at 40 s): students would never reach it, found 50 s"),
])
def test_the_new_fields_are_checked(site_factory, files, expected):
    from flipfolio.core.model import load

    site = site_factory(files)
    assert expected in [str(p) for p in load(site.root / "portfolio").problems]


# -- "some text": a required text that shows nothing is refused ----------------------------------

#: Characters that show, and characters that show nothing (spaces, zero-width, format, control, blank letters).
_SHOW, _BLANK = "aé7", " \t\u00a0\u200b\u2060\ufeff\u2800\u034f\x00\u3164\u2028"


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(_SHOW + _BLANK), max_size=12), count=st.integers(min_value=0, max_value=5))
def test_a_text_shows_at_least_as_many_characters_as_it_has_that_show(text, count):
    """The check of a required text reads only as far as it needs to, and says what counting them all would."""
    assert _shows_at_least(text, count) == (sum(c in _SHOW for c in text) >= count)


@pytest.mark.parametrize("name,slug", [
    ("What is a cell?", "what-is-a-cell"),
    ("My Second Lesson", "my-second-lesson"),
    ("Über Kräfte", "uber-krafte"),
    ("--Forces__and  motion--", "forces-and-motion"),
    ("Lesson 2", "lesson-2"),
    ("力と運動", None),
    ("???", None),
])
def test_a_file_name_that_is_no_id_gets_the_id_to_rename_it_to(name, slug):
    assert slug_like(name) == slug
    if slug is not None:
        assert is_slug(slug)


# -- every problem of a file in one round ----------------------------------------------------------

CARELESS_CREDENTIAL = """\
name: Careless
issuer: {name: N, url: not a url}
rubric:
  levels: [Not Yet, Proficient]
  required: Proficient
award:
  issued: 2026-13-20
  results:
    - {criterion: Captions, level: Great}
    - {criterion: Sync, level: Met}
    - {level: Proficient}
  attempts:
    - {date: 2026-05-01, result: Good}
    - {date: 2026-04-01, result: Proficient}
  evidence:
    - {title: A lesson, lesson: no-such-lesson}
    - {title: A file, kind: document, url: media/missing.pdf}
"""

CARELESS_LESSON = """---
title: Careless
unit: forcs
tittle: Typo
credentials: [careless, questioning]
videos:
  - url: https://vimeo.com/1
    captions: media/missing.vtt
    duration: long
---
Text.
"""

CARELESS_QUESTIONS = """\
title: Q
questions:
  - prompt: Which?
    choices: [A, B, A]
    answers: [C, D]
  - prompt: Order
    items: [x, y, x]
    hint: 3
"""


def test_a_careless_file_gets_every_problem_in_one_round(site_factory):
    """Rules across fields (a result among the rubric's levels, attempts oldest first, a choice given
    once) are checked though other fields of the file, or of the same part, are wrong; and each rule
    names every place that breaks it, not the first only."""
    site = site_factory({"portfolio/credentials/careless.yml": CARELESS_CREDENTIAL,
                         "portfolio/questions/careless.yml": CARELESS_QUESTIONS,
                         "portfolio/lessons/careless.md": CARELESS_LESSON})
    messages = {str(p) for p in load(site.root / "portfolio").problems if "careless" in p.file}
    assert len(messages) == len(load(site.root / "portfolio").problems.errors)  # (one message each)
    levels = "expected one of the rubric's levels (Not Yet, Proficient)"
    assert messages == {
        "portfolio/credentials/careless.yml:2: field 'issuer.url': expected a web address starting with https:// "
        "(or http://), found 'not a url'",
        "portfolio/credentials/careless.yml:1: field 'competency': this field is required. Add it: the competency "
        "the credential recognises.",
        "portfolio/credentials/careless.yml:7: field 'award.issued': expected a real date written YYYY-MM-DD: "
        "there is no month 13, found '2026-13-20'",
        "portfolio/credentials/careless.yml:11: field 'award.results[2].criterion': this field is required. "
        "Add it: the rubric criterion.",
        f"portfolio/credentials/careless.yml:9: field 'award.results[0].level': {levels}, found 'Great'",
        f"portfolio/credentials/careless.yml:10: field 'award.results[1].level': {levels}, found 'Met'",
        f"portfolio/credentials/careless.yml:13: field 'award.attempts[0].result': {levels}, found 'Good'",
        "portfolio/credentials/careless.yml:14: field 'award.attempts[1].date': attempts go oldest first; "
        "2026-04-01 is before 2026-05-01",
        "portfolio/questions/careless.yml:4: field 'questions[0].choices[2]': the choice 'A' is given twice; keep one",
        "portfolio/questions/careless.yml:5: field 'questions[0].answers': 'answers' is for multiple and short "
        "questions; this is a choice question",
        "portfolio/questions/careless.yml:5: field 'questions[0].answers[0]': 'C' is not among the choices (A, B, A)",
        "portfolio/questions/careless.yml:5: field 'questions[0].answers[1]': 'D' is not among the choices (A, B, A)",
        "portfolio/questions/careless.yml:8: field 'questions[1].hint': expected text, found 3. YAML reads it as a number: "
        "write it in quotes to keep it as text (hint: \"3\")",
        "portfolio/questions/careless.yml:7: field 'questions[1].items[2]': 'x' is given twice; each item has one place",
        # What the files name elsewhere is checked too, though they have problems of their own.
        "portfolio/credentials/careless.yml:16: field 'award.evidence[0].lesson': expected the id of a lesson in "
        "lessons/ (careless, cell-parts, pushes, secret-draft, what-is-a-cell), found 'no-such-lesson'",
        "portfolio/credentials/careless.yml:17: field 'award.evidence[1].url': the evidence must be a file in the "
        "portfolio folder (paths start at the folder, e.g. media/photo.jpg), found 'media/missing.pdf' (no such file)",
        "portfolio/lessons/careless.md:4: field 'tittle': unknown field; remove it or check its spelling. Did you "
        "mean 'title'?",
        "portfolio/lessons/careless.md:9: field 'videos[0].duration': expected a time such as 90 (seconds), '1:30' "
        "or '1:02:03', found 'long'",
        "portfolio/lessons/careless.md:3: field 'unit': expected the id of a unit in units/ (cells, forces), found "
        "'forcs'. Did you mean 'forces'?",
        # (careless.yml failed to load: its own problems say what to fix, the lesson's reference to it is not
        # reported again.)
        "portfolio/lessons/careless.md:8: field 'videos[0].captions': the captions must be a file in the portfolio "
        "folder (paths start at the folder, e.g. media/photo.jpg), found 'media/missing.vtt' (no such file)",
    }


@pytest.mark.parametrize("data,rule", [
    # A rule that reads a field which is wrong is left until the field is fixed: never a guess.
    ({"title": "T", "unit": "u", "assigned": "2025-09-31", "due": "2025-09-01"}, None),
    ({"title": "T", "unit": "u", "status": "x", "assigned": "2025-09-05", "due": "2025-09-01"},
     "'due' (2025-09-01) is before 'assigned' (2025-09-05)"),
    ({"unit": "u", "videos": [{"url": "https://vimeo.com/1", "start": 9, "end": 3}]},
     "'end' (3 s) must come after 'start' (9 s)"),
    ({"title": "T", "unit": "u", "videos": [{"url": "https://vimeo.com/1", "start": "x", "end": 3}]}, None),
])
def test_rules_across_fields_run_on_the_fields_that_are_right(data, rule):
    value, issues = validate(data, schema.Lesson)
    assert value is None
    rules = [i.message for i in issues if i.kind == "rule" and i.message.startswith(("'due'", "'end'"))]
    assert rules == ([rule] if rule else [])


def test_the_text_of_a_lesson_with_wrong_fields_is_checked_in_the_same_round(site_factory):
    """A lesson with a wrong field is not published, but the problems of its text come with those of its
    fields, when what is right of it says it would be published; a lesson whose status is wrong may be a
    draft: its text waits until the status is fixed."""
    site = site_factory({
        "portfolio/lessons/careless.md": "---\ntitle: Careless\nunit: cells\norder: two\n---\n\n"
                                         "See [this](nothere.md).\n\n<script>alert(1)</script>\n",
        "portfolio/lessons/unsure.md": "---\ntitle: Unsure\nunit: cells\nstatus: Draft\n---\n\nSee [that](nothere.md).\n",
    })
    problems = load(site.root / "portfolio").problems
    assert [str(p) for p in by_place(problems) if p.file.endswith(("careless.md", "unsure.md"))] == [
        "portfolio/lessons/careless.md:4: field 'order': expected a whole number, found 'two'",
        "portfolio/lessons/careless.md:7: the link to 'nothere.md' is shown as plain text: it is not a file (no such "
        "file); check the name and the folder",
        "portfolio/lessons/careless.md:9: the lesson text has a <script> element; scripts in lesson text run in "
        "every visitor's browser: remove it (Flipfolio adds what its pages need)",
        "portfolio/lessons/unsure.md:4: field 'status': expected one of 'draft', 'published', found 'Draft'. Did you "
        "mean 'draft'?",
    ]


def test_the_videos_of_a_lesson_with_wrong_fields_are_checked_in_the_same_round(site_factory):
    """What students would miss of a video (captions that cannot be read, none at all, a question
    after its end) is said with the problems of the lesson's fields; a video with wrong fields of its
    own waits until they are fixed."""
    site = site_factory({
        "portfolio/lessons/careless.md": "---\ntitle: Careless\nunit: cells\norder: two\nvideos:\n"
                                         "  - url: https://vimeo.com/1\n    title: One\n    duration: 90\n"
                                         "    captions: media/one.en.vtt\n"
                                         "  - url: https://vimeo.com/2\n    title: Two\n    duration: 60\n"
                                         "  - url: https://vimeo.com/3\n    duration: long\nquestions: late\n"
                                         "---\n\nText.\n",
        "portfolio/media/one.en.vtt": "1\n00:00:01,000 --> 00:00:02,000\nHello\n",
        "portfolio/questions/late.yml": "title: Late\nquestions:\n  - prompt: Which?\n    at: '1:40'\n"
                                        "    choices: [{text: A, correct: true}, {text: B}]\n"
                                        "  - prompt: And?\n    at: 20\n    video: 3\n"
                                        "    choices: [{text: A, correct: true}, {text: B}]\n",
    })
    problems = load(site.root / "portfolio").problems
    # (The second question's time is in the video with wrong fields: it waits.)
    assert [str(p) for p in by_place(problems) if p.file.endswith("late.yml")] == [
        "portfolio/questions/late.yml:4: field 'questions[0].at': the time is after the end of the first video of "
        "lesson 'careless' (1:30 long), found 1:40 (100 s)"]
    assert [str(p) for p in by_place(problems) if p.file.endswith("careless.md")] == [
        "portfolio/lessons/careless.md:4: field 'order': expected a whole number, found 'two'",
        "portfolio/lessons/careless.md:6: field 'videos[0]': the captions file media/one.en.vtt cannot be read (it "
        "does not start with the line WEBVTT: an SRT file renamed? Add WEBVTT as its first line and a blank line "
        "after it, and write a dot before the milliseconds); the transcript is left out",
        "portfolio/lessons/careless.md:10: field 'videos[1]': the video has no captions; add a WebVTT file as "
        "'captions', let 'flipfolio videos fetch' find them, or say why there are none in 'no_captions_reason' "
        "(e.g. no speech), found 'https://vimeo.com/2'",
        "portfolio/lessons/careless.md:14: field 'videos[2].duration': expected a time such as 90 (seconds), "
        "'1:30' or '1:02:03', found 'long'",
    ]


@pytest.mark.parametrize("secs, written", [(0, "0:00"), (9, "0:09"), (599, "9:59"), (3599, "59:59"),
                                           (3600, "1:00:00"), (3723, "1:02:03"), (86400, "24:00:00"), (90.9, "1:30")])
def test_a_time_is_written_as_a_teacher_writes_it_and_read_back(secs, written):
    assert clock(secs) == written
    assert seconds(written) == int(secs)


@pytest.mark.parametrize("written, said", [
    ("mailto:ms.rivera@school.example", None),
    ("https://forms.school.example/hand-in", None),
    ("ms.rivera@school.example", "an email address is written with 'mailto:' before it (mailto:ms.rivera@school.example)"),
    ("the form", "expected a web address starting with https:// (or http://), or mailto: and an email address"),
])
def test_where_students_hand_in_is_a_web_address_or_an_email(written, said):
    from flipfolio.core.format import _web_or_mail

    if said is None:
        assert _web_or_mail(written) == written
    else:
        with pytest.raises(ValueError, match=re.escape(said)):
            _web_or_mail(written)
