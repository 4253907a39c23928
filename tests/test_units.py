"""Table-driven tests of the pure content model (no MkDocs)."""

from __future__ import annotations

import pytest

import formats as schema
from flipfolio.videos import workload as videos
from flipfolio.lessons.body import split_parts
from flipfolio.core.outputs import Layout
from flipfolio.lessons.pages import IN_CLASS_MARK, PRE_CLASS_MARK, lesson_markdown
from flipfolio.core.sources import format_path, parse_markdown, parse_yaml
from flipfolio.core.validate import validate


@pytest.mark.parametrize(
    "value,expected",
    [(90, 90), ("90", 90), ("1:30", 90), ("01:02:03", 3723), ("0:05", 5), ("1:75", None), ("-3", None),
     (-3, None), ("ninety", None), (True, None), (1.5, None), ("", None)],
)
def test_seconds(value, expected):
    assert schema.seconds(value) == expected


@pytest.mark.parametrize(
    "url,provider",
    [("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "YouTube"), ("https://youtu.be/dQw4w9WgXcQ?t=3", "YouTube"),
     ("https://m.youtube.com/shorts/aqz-KE-bpKQ", "YouTube"), ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "YouTube"),
     ("https://vimeo.com/76979871", "Vimeo"), ("https://player.vimeo.com/video/1", "Vimeo"),
     ("https://media.school.example/a.mp4", "media.school.example"), ("media/clip.mp4", "file"),
     ("https://notyoutube.com/x", "notyoutube.com")],
)
def test_provider(url, provider):
    assert schema.Video(url=url).source.provider == provider


@pytest.mark.parametrize(
    "fields,seconds,minutes",
    [({"duration": 270}, 270, 5), ({"duration": 300, "start": 60}, 240, 4), ({"duration": 300, "start": 60, "end": 120}, 60, 1),
     ({"duration": 100, "end": 500}, 100, 2), ({}, None, None), ({"duration": 20}, 20, 1)],
)
def test_watch_time(fields, seconds, minutes):
    video = schema.Video(url="https://vimeo.com/1", **fields)
    assert videos.watch_seconds(video) == seconds
    assert videos.minutes(videos.watch_seconds(video)) == minutes


@pytest.mark.parametrize(
    "body,intro,before,in_class",
    [
        ("Intro\n\n## Before class\n\nWatch.\n\n## In class\n\nLab.\n", "Intro", "## Before class\n\nWatch.", "## In class\n\nLab."),
        ("## Individual space\nA\n## Group space\nB", "", "## Individual space\nA", "## Group space\nB"),
        ("## PRE-CLASS ##\nA", "", "## PRE-CLASS ##\nA", ""),
        ("Just text\n\n## Other\n\nmore", "Just text\n\n## Other\n\nmore", "", ""),
        ("```md\n## In class\n```\n\n## Before class\nA", "```md\n## In class\n```", "## Before class\nA", ""),
        ("## In class\nB\n\n## Before class\nA", "", "## Before class\nA", "## In class\nB"),
    ],
)
def test_split_parts(body, intro, before, in_class):
    parts = split_parts(body)
    assert (parts.intro, parts.before_class, parts.in_class) == (intro, before, in_class)


def test_lesson_markdown_puts_the_pre_class_mark_before_the_in_class_part():
    lesson = schema.Lesson(title="T", unit="u")
    lesson._body = "Intro\n\n## In class\n\nLab.\n\n## Before class\n\nWatch.\n"
    md = lesson_markdown(lesson)
    assert md.index("Intro") < md.index("Watch.") < md.index(PRE_CLASS_MARK) < md.index("Lab.")


def test_lesson_markdown_puts_the_in_class_mark_at_the_end_of_the_in_class_part_or_of_everything():
    lesson = schema.Lesson(title="T", unit="u")
    lesson._body = "Intro\n\n## In class\n\nLab.\n\n### Stations\n\nThree.\n\n## Before class\n\nWatch.\n"
    md = lesson_markdown(lesson)
    assert md.index(PRE_CLASS_MARK) < md.index("Lab.") < md.index("Three.") < md.index(IN_CLASS_MARK)
    assert md.rstrip().endswith(IN_CLASS_MARK) and md.count(IN_CLASS_MARK) == 1
    lesson._body = "Just text.\n"
    md = lesson_markdown(lesson)
    assert md.index("Just text.") < md.index(PRE_CLASS_MARK) < md.index(IN_CLASS_MARK)


@pytest.mark.parametrize(
    "kind,item,directory,expected",
    [("lesson", "", True, "lessons/"), ("lesson", "a", True, "lessons/a/"), ("lesson", "a", False, "lessons/a.html"),
     ("credential", "", False, "credentials/index.html"), ("unit", "u", True, "units/u/"), ("privacy", "", True, "privacy/")],
)
def test_layout_urls(kind, item, directory, expected):
    assert Layout.default().url(kind, item, directory_urls=directory) == expected


def test_yaml_lines_follow_nested_fields():
    source, problems = parse_yaml("a: 1\nlist:\n  - x: 1\n    y: 2\n  - z\n", "f.yml")
    assert problems == []
    assert source.line_of(("list", 0, "y")) == 4
    assert source.line_of(("list", 1)) == 5
    assert source.line_of(("list", 7, "nope")) == 2  # nearest known parent


def test_front_matter_lines_are_the_files_lines():
    source, _ = parse_markdown("---\ntitle: T\nunit: u\n---\n\nBody\n", "l.md")
    assert source.line_of(("unit",)) == 3
    assert source.body_line == 6 and source.body.startswith("Body")


@pytest.mark.parametrize("path,text", [(("a", 0, "b"), "a[0].b"), ((), ""), (("x",), "x"), ((0,), "[0]")])
def test_format_path(path, text):
    assert format_path(path) == text


@pytest.mark.parametrize(
    "question,error",
    [({"prompt": "p", "choices": [{"text": "a", "correct": True}]}, "at least two"),
     ({"prompt": "p", "choices": [{"text": "a"}, {"text": "b"}]}, "correct: true"),
     ({"prompt": "p", "choices": [{"text": "a", "correct": True}, {"text": "b", "correct": True}]}, "type: multiple"),
     ({"prompt": "p", "type": "numeric", "answer": "four"}, "needs a number"),
     ({"prompt": "p", "type": "short"}, "needs an 'answer'")],
)
def test_question_rules(question, error):
    value, issues = validate(question, schema.Question)
    assert value is None
    assert [(i.loc, i.kind) for i in issues] == [((), "rule")] and error in issues[0].message


@pytest.mark.parametrize(
    "question,kind",
    [({"prompt": "p", "answer": "x"}, "short"), ({"prompt": "p", "choices": [{"text": "a", "correct": True}, {"text": "b"}]}, "choice"),
     ({"prompt": "p", "type": "numeric", "answer": 4}, "numeric")],
)
def test_question_type_is_worked_out(question, kind):
    value, issues = validate(question, schema.Question)
    assert issues == [] and value.type == kind


@pytest.mark.parametrize(
    "data,expected",
    [
        # Every issue of a file at once, each at its own place.
        ({"title": "", "order": "second", "ordr": 1, "standards": "MS-1"},
         [(("ordr",), "unknown"), (("title",), "empty_text"), (("order",), "whole_number"), (("standards",), "list")]),
        ({"order": True}, [(("title",), "missing"), (("order",), "whole_number")]),
        ({"title": 7, "summary": None}, [(("title",), "text"), (("summary",), "text")]),
        ("just text", [((), "fields")]),
    ],
)
def test_validate_reports_every_issue(data, expected):
    value, issues = validate(data, schema.Unit)
    assert value is None
    assert [(i.loc, i.kind) for i in issues] == expected


def test_validate_reports_issues_deep_in_lists_and_rules_across_fields_of_parts_with_other_problems():
    lesson = {"title": "T", "unit": "u", "status": "publised", "assigned": "2025-09-05", "due": "2025-09-01",
              "videos": ["https://vimeo.com/1", {"url": "https://vimeo.com/2", "duration": "4 minutes"},
                         {"url": "ftp://x.example/v.mp4"}, {"url": "https://vimeo.com/3", "start": 60, "end": 30}]}
    value, issues = validate(lesson, schema.Lesson)
    assert value is None
    found = {(i.loc, i.kind) for i in issues}
    # 'due' before 'assigned' is found though 'status' and two videos are wrong: all in one round.
    assert found == {(("status",), "choice"), (("videos", 1, "duration"), "rule"), (("videos", 2, "url"), "rule"),
                     (("videos", 3), "rule"), ((), "rule")}
    assert next(i for i in issues if i.loc == ()).message.startswith("'due' (2025-09-01) is before 'assigned'")
    choice = next(i for i in issues if i.kind == "choice")
    assert choice.choices == ["draft", "published"] and choice.value == "publised"


@pytest.mark.parametrize(
    "data,field,expected",
    [({"duration": "1:30"}, "duration", 90), ({"duration": "90"}, "duration", 90), ({"start": "0:30"}, "start", 30), ({"duration": None}, "duration", None),
     ({"title": "  Spaced  "}, "title", "Spaced"), ({"captions": "media/a.vtt"}, "captions", "media/a.vtt"),
     ({"chapters": [{"at": "0:05", "title": "Go"}]}, "chapters", [schema.Chapter(at=5, title="Go")])],
)
def test_validate_turns_values_as_written_into_values_meant(data, field, expected):
    value, issues = validate({"url": "https://vimeo.com/1", **data}, schema.Video)
    assert issues == [] and getattr(value, field) == expected


def test_dates_are_dates_and_a_time_is_refused():
    import datetime as dt

    value, _ = validate({"title": "T", "unit": "u", "assigned": dt.date(2025, 9, 1), "due": "2025-09-02"}, schema.Lesson)
    assert (value.assigned, value.due) == (dt.date(2025, 9, 1), dt.date(2025, 9, 2))
    _, issues = validate({"title": "T", "unit": "u", "due": dt.datetime(2025, 9, 2, 10, 30)}, schema.Lesson)
    assert [(i.loc, i.kind) for i in issues] == [(("due",), "date_with_time")]


def test_the_ids_and_files_a_file_names_are_read_from_its_format_as_far_as_it_is_right():
    from flipfolio.core.references import references

    lesson = {"title": "T", "unit": "u", "questions": "q", "credentials": ["a", "b"],
              "videos": ["media/clip.mp4", {"url": "https://vimeo.com/1", "captions": [
                  {"file": "media/a.en.vtt", "language": "en"}, {"file": "media/a.es.vtt", "language": "es"}]},
                  {"url": "https://vimeo.com/2", "captions": "media/b.vtt"}]}
    value, issues = validate(lesson, schema.Lesson)
    assert issues == []
    expected = {(("unit",), "u", "refers", "units"), (("questions",), "q", "refers", "question_sets"),
                (("credentials", 0), "a", "refers", "credentials"), (("credentials", 1), "b", "refers", "credentials"),
                (("videos", 0, "url"), "media/clip.mp4", "file", "a video file"),
                (("videos", 1, "url"), "https://vimeo.com/1", "file", "a video file"),
                (("videos", 1, "captions", 0, "file"), "media/a.en.vtt", "file", "the captions"),
                (("videos", 1, "captions", 1, "file"), "media/a.es.vtt", "file", "the captions"),
                (("videos", 2, "url"), "https://vimeo.com/2", "file", "a video file"),
                (("videos", 2, "captions"), "media/b.vtt", "file", "the captions")}
    assert set(references(value, schema.Lesson)) == expected
    # The same file with a wrong field, a wrong video and a wrong id: the rest is read as it is.
    wrong = {**lesson, "status": "publised", "credentials": ["a", 7],
             "videos": [lesson["videos"][0], {"url": "https://vimeo.com/1", "start": "soon"}, lesson["videos"][2]]}
    partial, issues = validate(wrong, schema.Lesson, partly=True)
    assert issues and partial is not None
    assert set(references(partial, schema.Lesson)) == {r for r in expected if r[0][:2] not in (
        ("credentials", 1), ("videos", 1))} | {(("videos", 1, "url"), "https://vimeo.com/1", "file", "a video file")}
    assert validate(wrong, schema.Lesson) == (None, issues)  # (a build never gets the partial file as a lesson)


def test_problems_are_told_file_by_file_from_the_top():
    from flipfolio.core.problems import ContentError, Problem, by_place

    found = [Problem("b.yml", "rule", line=9), Problem("a.yml", "field", line=7), Problem("b.yml", "missing", line=1),
             Problem("a.yml", "no line"), Problem("b.yml", "reference", line=3), Problem("a.yml", "second", line=7)]
    told = [(p.file, p.line, p.message) for p in by_place(found)]
    assert told == [("b.yml", 1, "missing"), ("b.yml", 3, "reference"), ("b.yml", 9, "rule"),
                    ("a.yml", None, "no line"), ("a.yml", 7, "field"), ("a.yml", 7, "second")]
    assert str(ContentError(found)).splitlines()[1:3] == ["  b.yml:1: missing", "  b.yml:3: reference"]
