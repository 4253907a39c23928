"""Reading that cannot crash: bounded YAML, control characters, BOMs, real dates, the video lock folder.

Each probe names the file, the line where it is known and the field; nothing
raises, and the other problems of the same portfolio are still all reported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import formats as schema
from flipfolio.core.model import load
from flipfolio.core.sources import MAX_DEPTH, MAX_VALUES, parse_markdown, parse_yaml, split_front_matter
from flipfolio.videos.cache import VideoCache, has_cues, resolve

REPO = Path(__file__).resolve().parent.parent


def alias_bomb() -> str:
    """The 'billion laughs': nine levels of nine aliases each (9**9 values written out)."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


DEEP_FLOW = "[" * 5000 + "]" * 5000
DEEP_DASHES = "- " * 5000 + "x"
DEEP_FLOW_MAPPINGS = "{a: " * 5000 + "1" + "}" * 5000
DEEP_BLOCK_MAPPINGS = "".join(" " * i + f"k{i}:\n" for i in range(5000)) + " " * 5000 + "x\n"
LESSON = "---\ntitle: Pushes\nunit: forces\n{}---\nBody\n"

DEPTH = ("the file nests lists or fields more than 64 levels deep; check the brackets and the indentation")
BOMB = ("the file's anchors and aliases ('&name', '*name') expand to more than 100,000 values; "
        "write the values out or use fewer nested aliases")

# (case, files written over the base portfolio, exact messages expected among the problems)
CASES = [
    ("alias bomb in a unit file", {"portfolio/units/bomb.yml": alias_bomb()},
     [f"portfolio/units/bomb.yml:6: {BOMB}"]),
    ("alias bomb in front matter", {"portfolio/lessons/pushes.md": LESSON.format(
        "tags: " + alias_bomb().replace("\n", "\n  ").replace("a: &a", "\n  a: &a", 1) + "\n")},
     [f"portfolio/lessons/pushes.md:10: {BOMB}"]),
    ("an alias inside its own anchor", {"portfolio/units/forces.yml": "title: &t [Forces, *t]\n"},
     ["portfolio/units/forces.yml:1: the alias '*t' stands inside the value its anchor '&t' names, which would "
      "make an endless value; write the values out"]),
    ("5,000 levels of brackets", {"portfolio/units/deep.yml": f"title: Deep\nsummary: {DEEP_FLOW}\n"},
     [f"portfolio/units/deep.yml:2: {DEPTH}"]),
    ("5,000 levels of '- '", {"portfolio/units/deep.yml": f"title: Deep\nstandards:\n  {DEEP_DASHES}\n"},
     [f"portfolio/units/deep.yml:3: {DEPTH}"]),
    ("5,000 levels of '{a: '", {"portfolio/units/deep.yml": f"title: Deep\nsummary: {DEEP_FLOW_MAPPINGS}\n"},
     [f"portfolio/units/deep.yml:2: {DEPTH}"]),
    ("5,000 levels of brackets in front matter", {"portfolio/lessons/pushes.md": LESSON.format(f"tags: {DEEP_FLOW}\n")},
     [f"portfolio/lessons/pushes.md:4: {DEPTH}"]),
    ("65 levels of fields", {"portfolio/units/deep.yml": "".join(" " * i + f"k{i}:\n" for i in range(70))},
     [f"portfolio/units/deep.yml:65: {DEPTH}"]),
    ("a file over 1 MiB", {"portfolio/units/big.yml": "title: Big\nsummary: '" + "x" * (1 << 20) + "'\n"},
     ["portfolio/units/big.yml: the file is too large to read (1.0 MiB; at most 1 MiB): split it into smaller files"]),
    ("a vertical tab from Word", {"portfolio/units/forces.yml": "title: Forces\nsummary: Push\x0bpull\n"},
     ["portfolio/units/forces.yml:2: field 'summary': column 14 has a vertical tab (U+000B), which Word pastes for "
      "a line break: replace it with a normal line break, found 'summary: Push\\x0bpull'"]),
    ("control characters, each with its column",
     {"portfolio/units/forces.yml": "title: Fo\x00rces\x1b\norder: 2\nsummary: a\x7fb \x93c\x94\n"},
     ["portfolio/units/forces.yml:1: field 'title': column 10 has a NUL character (U+0000), which is not text: "
      "delete it, found 'title: Fo\\x00rces\\x1b'",
      "portfolio/units/forces.yml:1: field 'title': column 15 has an escape character (U+001B), left over from a "
      "terminal: delete it, found 'title: Fo\\x00rces\\x1b'",
      "portfolio/units/forces.yml:3: field 'summary': column 11 has a DEL character (U+007F): delete it, "
      "found 'summary: a\\x7fb \\x93c\\x94'",
      "portfolio/units/forces.yml:3: field 'summary': column 14 has an invisible control character (U+0093), often "
      "a curly quote or dash from a file saved in another encoding: retype the character there, "
      "found 'summary: a\\x7fb \\x93c\\x94'",
      "portfolio/units/forces.yml:3: field 'summary': column 16 has an invisible control character (U+0094), often "
      "a curly quote or dash from a file saved in another encoding: retype the character there, "
      "found 'summary: a\\x7fb \\x93c\\x94'"]),
    ("a control character in front matter", {"portfolio/lessons/pushes.md": LESSON.format("summary: \x0cnew page\n")},
     ["portfolio/lessons/pushes.md:4: field 'summary': column 10 has a form feed (U+000C), a page break from another "
      "program: delete it or use a normal line break, found 'summary: \\x0cnew page'"]),
    ("a line separator", {"portfolio/units/forces.yml": "title: Forces\nsummary: Push\u2028pull\nordr: 1\n"},
     ["portfolio/units/forces.yml:2: field 'summary': column 14 has a line separator (U+2028), which some programs "
      "paste for a line break: replace it with a normal line break, found 'summary: Push\\u2028pull'",
      "portfolio/units/forces.yml:3: field 'ordr': unknown field; remove it or check its spelling. "
      "Did you mean 'order'?"]),
    ("a noncharacter", {"portfolio/units/forces.yml": "title: Forces\uffff\n"},
     ["portfolio/units/forces.yml:1: field 'title': column 14 has a noncharacter (U+FFFF), a sign of a damaged "
      "file: delete it, found 'title: Forces\\uffff'"]),
    ("a BOM before a lesson's front matter", {"portfolio/lessons/pushes.md": "\ufeff" + LESSON.format("vidoes: []\n")},
     ["portfolio/lessons/pushes.md:4: field 'vidoes': unknown field; remove it or check its spelling. "
      "Did you mean 'videos'?"]),
    ("a BOM before a YAML file", {"portfolio/units/forces.yml": "\ufefftitle: Forces\nordr: 2\n"},
     ["portfolio/units/forces.yml:2: field 'ordr': unknown field; remove it or check its spelling. "
      "Did you mean 'order'?"]),
    ("an impossible due date", {"portfolio/lessons/pushes.md": LESSON.format("due: 2027-02-31\n")},
     ["portfolio/lessons/pushes.md:4: field 'due': expected a real date written YYYY-MM-DD: February 2027 has "
      "28 days, found '2027-02-31'"]),
    ("month 13", {"portfolio/lessons/pushes.md": LESSON.format("assigned: 2026-13-01\n")},
     ["portfolio/lessons/pushes.md:4: field 'assigned': expected a real date written YYYY-MM-DD: there is no "
      "month 13, found '2026-13-01'"]),
    ("29 February in a common year",
     {"portfolio/credentials/video-design.yml": "name: V\nissuer: {name: N}\ncompetency: C\naward: {issued: 2026-02-29}\n"},
     ["portfolio/credentials/video-design.yml:4: field 'award.issued': expected a real date written YYYY-MM-DD: "
      "February 2026 has 28 days, found '2026-02-29'"]),
    ("an impossible date in quotes", {"portfolio/lessons/pushes.md": LESSON.format("due: '2027-04-31'\n")},
     ["portfolio/lessons/pushes.md:4: field 'due': expected a real date written YYYY-MM-DD: April 2027 has "
      "30 days, found '2027-04-31'"]),
    ("an impossible date with a time", {"portfolio/lessons/pushes.md": LESSON.format("due: 2027-02-30 10:00:00\n")},
     ["portfolio/lessons/pushes.md:4: field 'due': expected a real date written YYYY-MM-DD: February 2027 has "
      "28 days, found '2027-02-30 10:00:00'"]),
    ("a number of 5,000 digits", {"portfolio/units/forces.yml": "title: Forces\norder: " + "9" * 5000 + "\n"},
     ["portfolio/units/forces.yml:2: field 'order': expected a whole number from -10000 to 10000, "
      "found '99999999999999999999999999999999999999999999999999999999999…'"]),
    ("front matter never closed", {"portfolio/lessons/pushes.md": "---\ntitle: Pushes\nunit: forces\n\nBody\n"},
     ["portfolio/lessons/pushes.md:1: the front matter has no closing line '---'; add one after the last field"]),
]


@pytest.mark.parametrize("case,files,expected", CASES, ids=[c[0] for c in CASES])
def test_reading_problems_are_named_by_file_line_and_field(site_factory, case, files, expected):
    site = site_factory(files)
    messages = [str(p) for p in load(site.root / "portfolio").problems]
    for line in expected:
        assert line in messages, f"{line!r} not in {messages}"


def test_every_reading_problem_of_a_portfolio_is_reported_together(site_factory):
    files: dict[str, str] = {}
    expected: list[str] = []
    for index, (_, case_files, case_expected) in enumerate(CASES):
        for path, text in case_files.items():  # each case in a file of its own
            folder, name = path.rsplit("/", 1)
            stem, suffix = name.rsplit(".", 1)
            new = f"{folder}/{stem}-{index}.{suffix}"
            files[new] = text
            expected += [m.replace(path + ":", new + ":").replace(path + ": ", new + ": ") for m in case_expected]
    site = site_factory(files)
    messages = [str(p) for p in load(site.root / "portfolio").problems]
    for line in expected:
        assert line in messages, f"{line!r} not in {messages}"


def test_a_bom_changes_no_line_and_no_body(tmp_path):
    text = "---\ntitle: T\nunit: u\n---\n\nBody\n"
    plain, _ = parse_markdown(text, "l.md")
    marked, problems = parse_markdown("\ufeff" + text, "l.md")
    assert problems == []
    assert (marked.data, marked.lines, marked.body, marked.body_line) == (plain.data, plain.lines, plain.body, plain.body_line)
    lesson_file = tmp_path / "l.md"
    lesson_file.write_text("\ufeff" + text, encoding="utf-8")
    lesson = schema.Lesson(title="T", unit="u")
    lesson._source = str(lesson_file)
    assert lesson.body == "Body\n"
    assert lesson.line_of("unit") == 3


def test_front_matter_lines_stay_the_files_lines_after_blank_lines():
    source, _ = parse_markdown("---\n\n\ntitle: T\nunit: u\n---\nBody\n", "l.md")
    assert source.line_of(("unit",)) == 5 and source.body_line == 7
    assert split_front_matter("---\ntitle: T\n---") == ("\ntitle: T\n", "", 4)


@pytest.mark.parametrize(
    "text,refused",
    # The file's mapping, the one under 'a', then one under each key but the last.
    [("a:" + "".join(f"\n{' ' * (i + 1)}k{i}:" for i in range(MAX_DEPTH - 1)) + " x\n", False),  # 64 levels
     ("a:" + "".join(f"\n{' ' * (i + 1)}k{i}:" for i in range(MAX_DEPTH)) + " x\n", True),       # 65 levels
     # The file's mapping, the key 'a' and the list count 1 each.
     ("a: [" + ", ".join(["1"] * (MAX_VALUES - 3)) + "]\n", False),  # 100,000 values
     ("a: [" + ", ".join(["1"] * (MAX_VALUES - 2)) + "]\n", True)],
)
def test_the_bounds_are_exact(text, refused):
    source, problems = parse_yaml(text, "f.yml")
    assert (source is None) == refused, problems


def test_aliases_within_the_budget_are_read():
    source, problems = parse_yaml("base: &b {x: 1, y: 2}\nmore:\n  <<: *b\n  z: 3\nagain: *b\n", "f.yml")
    assert problems == [] and source.data["more"] == {"x": 1, "y": 2, "z": 3} and source.data["again"] == {"x": 1, "y": 2}


@pytest.mark.parametrize(
    "text",
    ["a: !!binary xyz\n", "? [a]\n: 1\n", "a: !!python/object:os.system x\n", "a: *nothing\n", "a: 1\n---\nb: 2\n",
     "a: &x 1\nb: &x 2\n", "a: 0000-01-01\n", "a: !!int nope\n", "a: !!float nope\n", "a: !!timestamp 2027-02-31\n",
     "\ud800: x\n", "a: !!set {[1]}\n", "{{{{", "- " * 70, "\x00" * 50],
)
def test_nothing_raises(text):
    parse_yaml(text, "f.yml")
    parse_markdown("---\n" + text + "\n---\n", "f.md")


def test_a_value_that_cannot_be_built_is_named_with_its_line():
    source, problems = parse_yaml("title: T\nsize: !!float nope\n", "f.yml")
    assert source is None
    assert [str(p) for p in problems] == ["f.yml:2: this value cannot be read (could not convert string to float: "
                                          "'nope'); check it, or write it in quotes to keep it as text"]


def test_many_control_characters_are_counted_not_listed():
    source, problems = parse_yaml("title: " + "\x00" * 25 + "\n", "f.yml")
    assert source is not None and len(problems) == 21
    assert str(problems[-1]) == ("f.yml: 5 more invisible or control characters like these; the file may be damaged "
                                 "or not a text file")


# ---- Refused quickly and in little memory, measured in a fresh process

# The peak is ru_maxrss, except where Linux tells this process's own peak (VmHWM): ru_maxrss
# survives fork and exec, so a child of a large test process would report its parent's peak.
_MEASURE = """
import json, resource, sys, time
from flipfolio.core.model import load
start = time.perf_counter()
portfolio = load(sys.argv[1])
took = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
try:
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
except (OSError, StopIteration):
    pass
print(json.dumps({"seconds": took, "peak_mib": peak, "problems": [str(p) for p in portfolio.problems]}))
"""

HOSTILE = [
    ("alias bomb", "units/bomb.yml", alias_bomb(), f"portfolio/units/bomb.yml:6: {BOMB}"),
    ("alias bomb in front matter", "lessons/bomb.md", "---\ntitle: B\nunit: u\nextra:\n  " +
     alias_bomb().replace("\n", "\n  ") + "\n---\n", f"portfolio/lessons/bomb.md:10: {BOMB}"),
    ("5,000 brackets", "units/deep.yml", f"title: D\nsummary: {DEEP_FLOW}\n", f"portfolio/units/deep.yml:2: {DEPTH}"),
    ("5,000 brackets in front matter", "lessons/deep.md", f"---\ntitle: D\nunit: u\ntags: {DEEP_FLOW}\n---\n",
     f"portfolio/lessons/deep.md:4: {DEPTH}"),
    ("5,000 dashes", "units/dashes.yml", f"title: D\nstandards:\n  {DEEP_DASHES}\n",
     f"portfolio/units/dashes.yml:3: {DEPTH}"),
    ("5,000 dashes in front matter", "lessons/dashes.md", f"---\ntitle: D\nunit: u\ntags:\n  {DEEP_DASHES}\n---\n",
     f"portfolio/lessons/dashes.md:5: {DEPTH}"),
    ("5,000 flow mappings", "units/maps.yml", f"title: D\nsummary: {DEEP_FLOW_MAPPINGS}\n",
     f"portfolio/units/maps.yml:2: {DEPTH}"),
    ("5,000 block mappings", "units/blockmaps.yml", DEEP_BLOCK_MAPPINGS,
     "portfolio/units/blockmaps.yml: the file is too large to read (12.0 MiB; at most 1 MiB): split it into smaller files"),
    ("150 levels of fields", "units/fields.yml", "".join(" " * i + f"k{i}:\n" for i in range(150)) + " " * 150 + "x\n",
     f"portfolio/units/fields.yml:65: {DEPTH}"),
]


@pytest.mark.parametrize("case,path,text,expected", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_yaml_is_refused_in_under_2_s_and_200_mib(tmp_path, case, path, text, expected):
    root = tmp_path / "portfolio"
    (root / path).parent.mkdir(parents=True)
    (root / "profile.yml").write_text("name: Sam\n", encoding="utf-8")
    (root / "units").mkdir(exist_ok=True)
    (root / "units" / "u.yml").write_text("title: U\n", encoding="utf-8")
    (root / path).write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO / "plugins")}
    run = subprocess.run([sys.executable, "-c", _MEASURE, str(root)], capture_output=True, text=True, timeout=60,
                         cwd=tmp_path, env=env)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert expected in result["problems"]
    assert result["seconds"] < 2, result["seconds"]
    assert result["peak_mib"] < 200, result["peak_mib"]
    print(f"{case}: {result['seconds']:.3f} s, {result['peak_mib']:.0f} MiB")


# ---- The video lock folder

RECORD = {"title": "Cells", "duration": 90, "uploader": "Sam", "description": "", "chapters": [{"start": 0, "title": "Go"}],
          "thumbnail": "youtube-abcdefghijk.jpg", "captions": {"en": {"file": "youtube-abcdefghijk.en.vtt", "kind": "manual"}},
          "version": 1}
VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nHello cells.\n"
REWRITE = "the record is ignored: run 'flipfolio videos fetch' again to rewrite it"
NAME = "portfolio/videos.lock/youtube-abcdefghijk.json"


def _lock(tmp_path: Path, record, *, thumbnail: bool = True, captions: str | None = VTT) -> VideoCache:
    folder = tmp_path / "portfolio" / "videos.lock"
    folder.mkdir(parents=True)
    if thumbnail:
        (folder / "youtube-abcdefghijk.jpg").write_bytes(b"\xff\xd8\xff")
    if captions is not None:
        (folder / "youtube-abcdefghijk.en.vtt").write_text(captions, encoding="utf-8")
    text = record if isinstance(record, str) else json.dumps(record, indent=2)
    (folder / "youtube-abcdefghijk.json").write_text(text, encoding="utf-8")
    return VideoCache(tmp_path / "portfolio")


NOT_JSON = "{\n  \"title\": \"A\",\n}\n"
#: What this Python's JSON reader says of it (3.11: "Expecting property name enclosed in double quotes",
#: line 3; 3.13: "Illegal trailing comma before end of object", line 2).
JSON_SAYS = pytest.raises(json.JSONDecodeError, json.loads, NOT_JSON).value

LOCK_CASES = [
    ("a merge conflict", "{\n<<<<<<< HEAD\n  \"title\": \"A\"\n=======\n  \"title\": \"B\"\n>>>>>>> theirs\n}\n", {},
     [f"{NAME}:2: the video record has the marks of a git merge conflict ('<<<<<<<', '=======', '>>>>>>>'); {REWRITE}"]),
    ("not JSON", NOT_JSON, {},
     [f"{NAME}:{JSON_SAYS.lineno}: the video record is not valid JSON ({JSON_SAYS.msg}); {REWRITE}"]),
    ("a list", "[1, 2]", {},
     [f"{NAME}: the video record is not a set of fields (\"name\": value), found a list; {REWRITE}"]),
    ("wrong types", {**RECORD, "title": ["x"], "duration": "long", "chapters": [{"start": "soon", "title": 3}]}, {},
     [f"{NAME}: field 'title': expected text, found a list; {REWRITE}",
      f"{NAME}: field 'duration': expected a whole number of seconds, found 'long'; {REWRITE}",
      f"{NAME}: field 'chapters[0].start': expected a number of seconds, found 'soon'; {REWRITE}",
      f"{NAME}: field 'chapters[0].title': expected text, found 3; {REWRITE}"]),
    ("a missing thumbnail", RECORD, {"thumbnail": False},
     [f"{NAME}: field 'thumbnail': the thumbnail file videos.lock/youtube-abcdefghijk.jpg does not exist; {REWRITE}"]),
    ("a thumbnail outside the folder", {**RECORD, "thumbnail": "../../secret.jpg"}, {},
     [f"{NAME}: field 'thumbnail': expected the name of the thumbnail file in videos.lock/, found '../../secret.jpg'; "
      f"{REWRITE}"]),
    ("a missing captions file", RECORD, {"captions": None},
     [f"{NAME}: field 'captions.en.file': the captions file videos.lock/youtube-abcdefghijk.en.vtt does not exist; "
      f"{REWRITE}"]),
    ("captions that are not a mapping", {**RECORD, "captions": ["en"]}, {},
     [f"{NAME}: field 'captions': expected fields (a language code: the file), found a list; {REWRITE}"]),
    ("not a language code", {**RECORD, "captions": {"english": {"file": "youtube-abcdefghijk.en.vtt"}}}, {},
     [f"{NAME}: field 'captions.english': expected a language code such as 'en', found 'english'; {REWRITE}"]),
]


@pytest.mark.parametrize("case,record,options,expected", LOCK_CASES, ids=[c[0] for c in LOCK_CASES])
def test_a_bad_lock_record_is_ignored_with_a_warning_naming_it(tmp_path, case, record, options, expected):
    cache = _lock(tmp_path, record, **options)
    assert cache.get("youtube-abcdefghijk") is None
    assert [str(p) for p in cache.problems] == expected
    assert all(p.severity == "warning" for p in cache.problems)
    video = schema.Video(url="https://youtu.be/abcdefghijk")
    info = resolve(video, cache, ["en"])
    assert not info.cached and info.thumbnail is None and info.captions == []
    assert len(cache.problems) == len(expected)  # each record is checked once


def test_a_thumbnail_linked_outside_the_portfolio_is_refused(tmp_path):
    outside = tmp_path / "outside.jpg"
    outside.write_bytes(b"\xff\xd8\xff")
    cache = _lock(tmp_path, RECORD, thumbnail=False)
    (cache.folder / "youtube-abcdefghijk.jpg").symlink_to(outside)
    assert cache.get("youtube-abcdefghijk") is None
    assert [str(p) for p in cache.problems] == [
        f"{NAME}: field 'thumbnail': the thumbnail file videos.lock/youtube-abcdefghijk.jpg leads outside the "
        f"portfolio folder; {REWRITE}"]


def test_a_sound_record_is_read_and_read_all_checks_every_record(tmp_path):
    cache = _lock(tmp_path, RECORD)
    (cache.folder / "vimeo-1.json").write_text("[]", encoding="utf-8")
    assert cache.get("youtube-abcdefghijk")["title"] == "Cells"
    assert cache.problems == []
    assert [str(p) for p in cache.read_all()] == [
        f"portfolio/videos.lock/vimeo-1.json: the video record is not a set of fields (\"name\": value), found a "
        f"list; {REWRITE}"]
    info = resolve(schema.Video(url="https://youtu.be/abcdefghijk"), cache, ["en"])
    assert info.cached and info.thumbnail == "videos.lock/youtube-abcdefghijk.jpg" and len(info.captions) == 1


def test_captions_with_a_header_and_no_cue_are_no_captions(tmp_path):
    cache = _lock(tmp_path, RECORD, captions="WEBVTT\n\n")
    info = resolve(schema.Video(url="https://youtu.be/abcdefghijk"), cache, ["en"])
    assert info.cached and info.captions == [] and cache.problems == []
    media = tmp_path / "portfolio" / "media"
    media.mkdir()
    (media / "empty.vtt").write_text("WEBVTT\nKind: captions\n\nNOTE nothing yet\n", encoding="utf-8")
    mine = schema.Video(url="https://vimeo.com/1", captions="media/empty.vtt")
    info = resolve(mine, cache, ["en"])
    assert info.captions == [] and info.empty_captions == ["media/empty.vtt"]


@pytest.mark.parametrize(
    "text,cues",
    [("WEBVTT\n", False), ("\ufeffWEBVTT\n\n", False), ("WEBVTT\n\nNOTE a --> b\n", False),
     ("WEBVTT\n\n00:00.000 --> 00:01.000\n\n", False), ("WEBVTT\n\n00:00.000 --> 00:01.000\n<c> </c>\n", False),
     (VTT, True), ("WEBVTT\r\n\r\n1\r\n00:00:01.000 --> 00:00:02.000 align:start\r\nHi\r\n", True),
     ("WEBVTT\n\n01:00:00.000 --> 01:00:02.000\n<v Sam>Hi</v>\n", True)],
)
def test_has_cues(tmp_path, text, cues):
    path = tmp_path / "c.vtt"
    path.write_text(text, encoding="utf-8")
    assert has_cues(path) is cues


def test_no_lock_record_crashes_a_build(site_factory):
    lock = "portfolio/videos.lock/"
    site = site_factory({
        lock + "youtube-abcdefghijk.json": "<<<<<<< HEAD\n{}\n=======\n[]\n>>>>>>> x\n",
        lock + "vimeo-76979871.json": json.dumps({"title": {"a": 1}, "thumbnail": "nope.jpg"}),
    })
    portfolio = load(site.root / "portfolio")
    assert "what-is-a-cell" in portfolio.lessons and "cell-parts" in portfolio.lessons
    lesson = portfolio.lessons["what-is-a-cell"]
    assert not lesson.videos[0].info.cached  # the broken record is left out


@pytest.mark.parametrize(("path", "root"), [
    ("/a/b/c.md", "/a/b"), ("/a/bc/d.md", "/a/b"), ("/a/b", "/a/b"), ("/x/y", "/"), ("a/b/c", "a"),
    ("portfolio/x.md", "."), ("a/b", "b"), ("/a/b/.hidden/c", "/a/b"),
])
def test_a_path_relative_to_a_folder_is_what_pathlib_says(path, root):
    from flipfolio.core.problems import relative

    try:
        expected = Path(path).relative_to(Path(root)).as_posix()
    except ValueError:
        expected = Path(path).as_posix()
    assert relative(Path(path), Path(root)) == expected


@pytest.mark.parametrize("path", [
    "portfolio/media/a.vtt", "portfolio/media/link.vtt", "portfolio/linked/a.vtt", "portfolio/linked/link.vtt",
    "portfolio/media/chain.vtt", "portfolio/media/dangling.vtt", "portfolio/media/missing.vtt",
    "portfolio/nowhere/x.vtt", "portfolio/media/../linked/a.vtt", "portfolio/media/up/elsewhere.vtt", "portfolio",
    "portfolio/", ".", "portfolio/media/up/../portfolio/media/a.vtt", "portfolio/./media//a.vtt",
])
def test_a_load_s_real_paths_are_what_the_system_says(tmp_path, monkeypatch, path):
    """Each folder is resolved once a load (`RealPaths`): the same answers as `os.path.realpath`."""
    from flipfolio.core.problems import RealPaths

    root = tmp_path / "portfolio"
    (root / "media").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "elsewhere.vtt").write_text("WEBVTT\n")
    (root / "media" / "a.vtt").write_text("WEBVTT\n")
    os.symlink(root / "media" / "a.vtt", root / "media" / "link.vtt")
    os.symlink("link.vtt", root / "media" / "chain.vtt")
    os.symlink(root / "media" / "gone.vtt", root / "media" / "dangling.vtt")
    os.symlink(root / "media", root / "linked")
    os.symlink(tmp_path / "outside", root / "media" / "up")
    monkeypatch.chdir(tmp_path)
    real = RealPaths(root)
    assert real.root == os.path.realpath(root)
    for _ in range(2):  # the second time from what it resolved the first
        assert real(path) == os.path.realpath(path)
        assert real(tmp_path / path) == os.path.realpath(tmp_path / path)


def test_a_file_named_through_a_link_out_of_the_portfolio_or_missing_is_an_error(site_factory, tmp_path):
    outside = tmp_path / "elsewhere.vtt"
    outside.write_text("WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nHello\n", encoding="utf-8")
    site = site_factory({"portfolio/lessons/pushes.md": "---\ntitle: Pushes\nunit: forces\nvideos:\n"
                         "  - url: https://www.youtube.com/watch?v=abcdefghijk\n    captions: media/linked.vtt\n"
                         "  - url: https://www.youtube.com/watch?v=abcdefghijl\n    captions: media/gone.vtt\n"
                         "---\n\nBody\n"})
    os.symlink(outside, site.root / "portfolio/media/linked.vtt")
    errors = [str(p) for p in load(site.root / "portfolio").problems.errors]
    assert "portfolio/lessons/pushes.md:6: field 'videos[0].captions': the captions must be a file inside the " \
           "portfolio folder, found 'media/linked.vtt'" in errors
    assert any(e.startswith("portfolio/lessons/pushes.md:8: field 'videos[1].captions': the captions must be a file in "
                            "the portfolio folder") and e.endswith("found 'media/gone.vtt' (no such file)") for e in errors)


def test_invisible_characters_reach_no_file_of_the_site(site_factory, mkdocs_log):
    """A vertical tab Word pasted into lesson text or an evidence page, and
    characters a quoted escape wrote into a title, are warnings, and every file
    of the site (the feed, an XML file, above all) shows a space instead."""
    import xml.dom.minidom
    import zipfile

    from sites import MKDOCS_YML

    files = {
        "mkdocs.yml": MKDOCS_YML.replace("site_name: Test portfolio\n",
                                         "site_name: Test portfolio\nsite_url: https://example.org/\n"),
        "portfolio/lessons/pushes.md": '---\ntitle: "Pushes\\vand \\x0cpulls \\ud800"\nunit: forces\n---\n\n'
                                       "Push\x0bpull, \x0cstop.\n",
        "portfolio/credentials/questioning.yml": (
            "name: Questioning Strategies\nissuer: {name: Educators Network}\ncompetency: Asks questions.\n"
            "award:\n  issued: 2025-10-01\n  evidence:\n    - {title: Notes, kind: reflection, url: notes.md}\n"),
        "portfolio/notes.md": "# Notes\n\nA line\x0bbroken.\n",
    }
    site = site_factory(files).build(strict=False)
    warned = [r.getMessage() for r in mkdocs_log.records if r.levelname == "WARNING"]
    for place in ("portfolio/lessons/pushes.md:2: field 'title': a '\\' escape", "portfolio/lessons/pushes.md:6:",
                  "portfolio/notes.md:3: column 7 has a vertical tab"):
        assert any(place in message for message in warned), (place, warned)
    bad = ("\x0b", "\x0c", "\ud800")
    texts = {}
    for path in site.out.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".atom", ".ics", ".txt", ".js", ".gift"):
            texts[path.name] = path.read_text(encoding="utf-8", errors="surrogateescape")
        elif path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                texts.update({name: archive.read(name).decode("utf-8", "surrogateescape")
                              for name in archive.namelist() if name.endswith((".html", ".js", ".txt"))})
    assert "Pushes and  pulls" in site.text("lessons/pushes/index.html")
    assert "A line broken." in site.text("credentials/questioning/notes/index.html")
    assert [name for name, text in texts.items() if any(c in text for c in bad)] == []
    xml.dom.minidom.parseString(site.text("lessons.atom"))  # still XML


def test_yes_no_on_and_off_are_words_and_true_or_false_where_a_field_takes_one(site_factory):
    """YAML 1.1 reads yes, no, on and off as true and false: a choice 'No' was
    'expected text, found false', and Norwegian ('no') was false. Only true
    and false are; a field that takes true or false still accepts yes and no."""
    for fast in (True, False):  # libyaml, and the pure-Python reader
        from flipfolio.core import sources

        node, data = sources._load("a: [Yes, No, on, OFF, true, False]\nb: no\n", fast=fast)
        assert data == {"a": ["Yes", "No", "on", "OFF", True, False], "b": "no"}
    site = site_factory({"portfolio/questions/cell-check.yml": """\
        title: Check
        no_skip: yes
        questions:
          - prompt: Would you eat a cell?
            choices: [Yes, No, Maybe]
            answer: Maybe
          - prompt: The opposite of off?
            answer: on
            case_sensitive: yes
          - prompt: Cells are alive.
            answer: true
        """})
    portfolio = load(site.root / "portfolio")
    assert [str(p) for p in portfolio.problems] == []
    qset = portfolio.question_sets["cell-check"]
    assert qset.no_skip is True
    assert [c.text for c in qset.questions[0].choices] == ["Yes", "No", "Maybe"]
    assert [q.type for q in qset.questions] == ["choice", "short", "true-false"]
    assert qset.questions[1].accepted() == ["on"] and qset.questions[1].case_sensitive is True


def test_numbers_keep_the_form_they_were_written_in_where_text_is_expected(site_factory):
    """A grade '07' or a title '1.10' is text to a teacher; YAML 1.1 made them
    7 and 1.1, and '010' the octal 8. A field that takes a number reads the text."""
    from flipfolio.core import sources

    node, data = sources._load("a: [07, 010, 7, 1.10, 2.5, .5, 1:30, .nan]\n", fast=True)
    assert data["a"][:7] == ["07", "010", 7, "1.10", 2.5, ".5", "1:30"]
    site = site_factory({
        "portfolio/profile.yml": "name: Sam\ngrades: [07, 08]\n",
        "portfolio/units/forces.yml": "title: 1.10\norder: 010\n",
        "portfolio/questions/cell-check.yml": "title: Q\nquestions:\n  - prompt: Half?\n    type: numeric\n"
                                              "    answer: 0.50\n    tolerance: 0.050\n",
    })
    portfolio = load(site.root / "portfolio")
    assert [str(p) for p in portfolio.problems] == []
    assert portfolio.profile.grades == ["07", "08"]
    unit = portfolio.units["forces"]
    assert (unit.title, unit.order) == ("1.10", 10)
    question = portfolio.question_sets["cell-check"].questions[0]
    assert (question.number(), question.tolerance) == (0.5, 0.05)


def test_times_and_ratios_stay_as_written(site_factory):
    """YAML 1.1 reads '9:30' as the base-60 number 570 and '3:4' as 184: a choice, an answer, a
    grade or a standard would be published as that number, and a student typing 3:4 marked
    wrong. They are text as written (YAML 1.2 has no base-60 numbers); '1_000' and '0x1F' too."""
    site = site_factory({
        "portfolio/profile.yml": "name: Sam\ngrades: [7:1, 8]\n",
        "portfolio/units/forces.yml": "title: Forces\nstandards: [6:RP, 1_000, 0x1F]\n",
        "portfolio/lessons/pushes.md": "---\ntitle: Pushes\nunit: forces\ngrade: 7:1\nsubject: 10:00\n"
                                       "tags: [2:3]\n---\n",
        "portfolio/questions/cell-check.yml": "title: Q\nquestions:\n"
                                              "  - prompt: When?\n    choices: [9:30, 10:45]\n    answer: 9:30\n"
                                              "  - prompt: Ratio?\n    answer: 3:4\n"
                                              "  - prompt: Order\n    items: [8:15, 9:30]\n"
                                              "  - prompt: Match\n    pairs:\n      - {left: 1:2, right: half}\n"
                                              "      - {left: 1:4, right: quarter}\n",
    })
    portfolio = load(site.root / "portfolio")
    assert [str(p) for p in portfolio.problems] == []
    assert portfolio.profile.grades == ["7:1", "8"]
    assert portfolio.units["forces"].standards == ["6:RP", "1_000", "0x1F"]
    lesson = portfolio.lessons["pushes"]
    assert (lesson.grade, lesson.subject, lesson.tags) == ("7:1", "10:00", ["2:3"])
    when, ratio, order, match = portfolio.question_sets["cell-check"].questions
    assert [c.text for c in when.choices] == ["9:30", "10:45"] and when.answer == "9:30"
    assert ratio.accepted() == ["3:4"]
    assert order.items == ["8:15", "9:30"]
    assert [p.left for p in match.pairs] == ["1:2", "1:4"]


def test_a_time_is_no_numeric_answer(site_factory):
    site = site_factory({"portfolio/questions/cell-check.yml": "title: Q\nquestions:\n"
                                                               "  - prompt: How long?\n    type: numeric\n"
                                                               "    answer: 1:30\n"
                                                               "  - prompt: How many?\n    type: numeric\n"
                                                               "    answer: 1_000\n"})
    assert [str(p) for p in load(site.root / "portfolio").problems] == [
        "portfolio/questions/cell-check.yml:5: field 'questions[0].answer': a numeric question needs one number as "
        "'answer', found '1:30'; for a time write the seconds or minutes it is (90); for a ratio or a time students "
        "type as written, add 'type: short'",
        "portfolio/questions/cell-check.yml:8: field 'questions[1].answer': a numeric question needs one number as "
        "'answer', found '1_000'; write the digits only (1000)"]
