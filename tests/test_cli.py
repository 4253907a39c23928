"""The `flipfolio` command, run as a teacher runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, ConfigurationError

from flipfolio.cli import main
from flipfolio.core.format import json_schemas

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "flipfolio"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, env=ENV, capture_output=True, text=True, timeout=300)


def test_new_makes_a_site_that_builds_at_once(tmp_path):
    created = run("flipfolio", "new", str(tmp_path / "my-site"))
    assert created.returncode == 0, created.stderr
    site = tmp_path / "my-site"
    for kind in ("units", "lessons", "questions", "credentials", "stacks"):
        assert any((site / "portfolio" / kind).iterdir()), kind
    assert (site / "portfolio" / ".schemas" / "lessons.schema.json").is_file()
    built = run("mkdocs", "build", cwd=site)  # (its placeholders stop --strict until they are replaced)
    assert built.returncode == 0, built.stderr
    page = (site / "site" / "lessons" / "first-lesson" / "index.html").read_text(encoding="utf-8")
    assert "A short introduction" in page and "A note to yourself" in (site / "portfolio" / "lessons" /
                                                                       "first-lesson.md").read_text(encoding="utf-8")
    assert "A note to yourself" not in page  # the sample note shows what a note is for
    assert (site / "site" / "credentials" / "first-credential" / "index.html").is_file()
    checked = run("flipfolio", "check", str(site))
    assert checked.returncode == 0, checked.stdout
    assert "error:" not in checked.stdout and "mkdocs.yml" not in checked.stdout


def test_the_scaffold_names_the_languages_flipfolio_has_and_its_language_line_works_uncommented(tmp_path):
    from flipfolio.core import messages

    assert run("flipfolio", "new", str(tmp_path / "site")).returncode == 0
    config = tmp_path / "site" / "mkdocs.yml"
    line = next(line for line in config.read_text(encoding="utf-8").splitlines() if "# language:" in line)
    named = line.split("words of", 1)[1].replace(",", " ").split()
    assert sorted(named) == sorted(messages.shipped_languages())  # the comment says what is shipped
    config.write_text(config.read_text(encoding="utf-8").replace("  # language: es ", "  language: es "),
                      encoding="utf-8")
    assert run("mkdocs", "build", cwd=tmp_path / "site").returncode == 0
    assert "<h1>Esta semana</h1>" in (tmp_path / "site" / "site" / "this-week" / "index.html").read_text("utf-8")


def test_the_scaffold_placeholders_stop_a_strict_build_until_replaced(tmp_path):
    site = tmp_path / "s"
    run("flipfolio", "new", str(site))
    strict = run("mkdocs", "build", "--strict", cwd=site)
    assert strict.returncode != 0
    placeholders = [line for line in strict.stderr.splitlines() if "a placeholder is still here" in line]
    assert [line.split("flipfolio: ", 1)[1].split(" is still here")[0] for line in placeholders] == [
        "portfolio/profile.yml:2: field 'name': a placeholder",
        "portfolio/profile.yml:3: field 'school': a placeholder",
        "portfolio/lessons/first-lesson.md:9: field 'videos[0].url': a placeholder",
        "portfolio/credentials/first-credential.yml:4: field 'issuer.name': a placeholder",
    ]
    assert "write your video's address, then delete the mark" in placeholders[2]
    # The teacher writes their own values and deletes the marks: the strict build passes.
    for path, old, new in [
        ("portfolio/profile.yml", "Your Name", "Ana Rivera"),
        ("portfolio/profile.yml", "Your School", "Bayside Middle School"),
        ("portfolio/lessons/first-lesson.md", "watch?v=REPLACE-ME1", "watch?v=Ze4Wq1hJ9sM"),
        ("portfolio/credentials/first-credential.yml", "The organisation that awarded it", "Coastal Educators"),
    ]:
        file = site / path
        lines = [(line.replace(old, new).split("# REPLACE-ME")[0].rstrip() if old in line else line)
                 for line in file.read_text(encoding="utf-8").splitlines()]
        file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    strict = run("mkdocs", "build", "--strict", cwd=site)
    assert strict.returncode == 0, strict.stderr


def test_new_says_how_to_go_into_the_folder_as_a_shell_reads_it(tmp_path):
    spaced = run("flipfolio", "new", "My flipped class", cwd=tmp_path)
    assert spaced.returncode == 0 and "  cd 'My flipped class'\n" in spaced.stdout
    (tmp_path / "here").mkdir()
    here = run("flipfolio", "new", ".", cwd=tmp_path / "here")
    assert here.returncode == 0 and "cd " not in here.stdout  # already there


def test_new_refuses_a_folder_with_files(tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    result = run("flipfolio", "new", str(tmp_path))
    assert result.returncode == 2
    assert "is not empty" in result.stderr
    assert (tmp_path / "keep.txt").read_text() == "mine"


def test_check_reports_every_error_and_exits_non_zero(tmp_path):
    run("flipfolio", "new", str(tmp_path / "s"))
    lesson = tmp_path / "s" / "portfolio" / "lessons" / "first-lesson.md"
    lesson.write_text(lesson.read_text().replace("order: 1", "order: one"))
    unit = next((tmp_path / "s" / "portfolio" / "units").glob("*.yml"))
    unit.write_text(unit.read_text() + "ordr: 2\n")
    config = tmp_path / "s" / "mkdocs.yml"
    config.write_text(config.read_text().replace("portfolio_dir: portfolio", "portfolio_dir: portfolio\n      units_url: lessons"))
    result = run("flipfolio", "check", str(tmp_path / "s"))
    assert result.returncode == 1
    out = result.stdout.splitlines()
    assert "error: portfolio/lessons/first-lesson.md:4: field 'order': expected a whole number, found 'one'" in out
    assert any(line.startswith(f"error: portfolio/units/{unit.name}:") and "field 'ordr'" in line for line in out)
    assert any(line.startswith("error: mkdocs.yml:") and "plugin option 'units_url'" in line for line in out)
    errors = sum(line.startswith("error: ") for line in out)
    warnings = sum(line.startswith("warning: ") for line in out)
    assert errors == 3
    assert out[-1] == f"{tmp_path / 's' / 'portfolio'}: 3 error(s), {warnings} warning(s)"


def test_check_strict_fails_on_warnings(tmp_path):
    run("flipfolio", "new", str(tmp_path / "s"))
    portfolio = tmp_path / "s" / "portfolio"
    lesson = portfolio / "lessons" / "first-lesson.md"
    lesson.write_text(lesson.read_text().replace("status: published", "status: draft"))
    assert run("flipfolio", "check", str(tmp_path / "s")).returncode == 0
    strict = run("flipfolio", "check", "--strict", str(portfolio))
    assert strict.returncode == 1
    assert "warning: portfolio/credentials/first-credential.yml" in strict.stdout


MKDOCS_YML = "site_name: T\ntheme: {name: material, font: false}\nplugins:\n  - search\n  - flipfolio:\n"

#: (mkdocs.yml, what `flipfolio check` says about it, its exit code, with --strict, whether a build stops)
CONFIGS = [
    (MKDOCS_YML + "      lessons_url: work\n      credentials_url: work\n",
     ["error: mkdocs.yml:7: plugin option 'credentials_url': 'lessons_url', 'units_url' and 'credentials_url' "
      "must differ, found 'work', 'units', 'work'"], 1, 1, True),
    (MKDOCS_YML + "      lessons_url: work\n      credentials_url: work/badges\n",
     ["error: mkdocs.yml:7: plugin option 'credentials_url': 'lessons_url' is 'work' and 'credentials_url' is "
      "'work/badges': one may not lie inside the other (a lesson called 'badges' would have the address of the "
      "badge wall); choose addresses side by side, e.g. 'lessons_url: work/lessons'"], 1, 1, True),
    (MKDOCS_YML + "      lessons_url: privacy\n",
     ["error: mkdocs.yml:6: plugin option 'lessons_url': 'privacy' is the privacy page's address; choose another "
      "address, e.g. 'my-privacy'"], 1, 1, True),
    (MKDOCS_YML + "      lessons_url: Lessons\n      units_url: my units\n",  # every bad option at once
     ["error: mkdocs.yml:6: plugin option 'lessons_url': expected lowercase words joined by '-' or '/', e.g. "
      "'lessons', found 'Lessons'",
      "error: mkdocs.yml:7: plugin option 'units_url': expected lowercase words joined by '-' or '/', e.g. "
      "'lessons', found 'my units'"], 1, 1, True),
    (MKDOCS_YML + "      portfolio_dir: nowhere\n",
     ["error: mkdocs.yml:6: plugin option 'portfolio_dir': The path "], 1, 1, True),
    (MKDOCS_YML + "      lesons_url: work\n",
     ["warning: mkdocs.yml:6: plugin option 'lesons_url': flipfolio has no such option; remove it or check its "
      "spelling. Did you mean 'lessons_url'?"], 0, 1, False),
    (MKDOCS_YML + "      enabled: false\n",
     ["warning: mkdocs.yml:6: plugin option 'enabled': the flipfolio plugin is turned off, so the site is built "
      "without its pages"], 0, 1, False),
    ("site_name: T\ntheme: material\nplugins:\n  - search\n",
     ["warning: mkdocs.yml:3: the flipfolio plugin is not in 'plugins', so the site has no lesson or credential "
      "pages; add '- flipfolio' under 'plugins:'"], 0, 1, False),
    ("site_name: T\ntheme: material\nplugins:\n  flipfolio:\n    units_url: lessons\n",  # plugins as a mapping
     ["error: mkdocs.yml:5: plugin option 'units_url': 'lessons_url', 'units_url' and 'credentials_url' must "
      "differ, found 'lessons', 'lessons', 'credentials'"], 1, 1, True),
    ("theme: material\nplugins:\n  - flipfolio\n",
     ["error: mkdocs.yml: option 'site_name': Required configuration not provided."], 1, 1, True),
    ("site_name: [T\nplugins:\n  - flipfolio\n",
     ["error: mkdocs.yml:1: this is not valid YAML: the '[' at column 12 is never closed with ']'; close it on the "
      "same line ([a, b]), or put text that starts with '[' or has a comma or colon in it in quotes"], 1, 1, True),
]


@pytest.mark.parametrize("config, said, code, strict_code, stops", CONFIGS)
def test_check_reports_what_stops_the_build_in_mkdocs_yml(site_factory, capsys, config, said, code, strict_code, stops):
    site = site_factory({"mkdocs.yml": config})
    assert main(["check", str(site.root)]) == code
    out = capsys.readouterr().out.splitlines()
    problems = [line for line in out if line.startswith(("error: ", "warning: "))]
    assert len(problems) == len(said), out
    for line, expected in zip(problems, said):
        assert line.startswith(expected), (line, expected)
    errors = sum(line.startswith("error: ") for line in problems)
    assert out[-1].endswith(f": {errors} error(s), {len(problems) - errors} warning(s)")
    assert main(["check", "--strict", str(site.root)]) == strict_code
    # and the build agrees: what check calls an error stops it
    if stops:
        with pytest.raises((Abort, ConfigurationError)):
            site.build(strict=False)
    else:
        site.build(strict=False)


def test_check_says_what_the_build_stops_on_in_the_text_as_converted(site_factory, capsys):
    """An attribute list ({src="…"}, {href="…"}) sets what the Markdown checks
    cannot see: the check converts the text with the site's extensions, as the
    build does, and names the line."""
    site = site_factory({
        "mkdocs.yml": MKDOCS_YML + "markdown_extensions:\n  - attr_list\n",
        "portfolio/lessons/pushes.md": "---\ntitle: Pushes and pulls\nunit: forces\n---\n\nIntro.\n\n"
                                       '![Map](../media/diagram.svg){src="https://tracker.example/x.png"}\n\n'
                                       '[next](what-is-a-cell.md){href="secret-draft.md"}\n',
        "portfolio/media/diagram.svg": '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
    })
    assert main(["check", str(site.root)]) == 1
    errors = [line for line in capsys.readouterr().out.splitlines() if line.startswith("error: ")]
    assert errors == [
        "error: portfolio/lessons/pushes.md:8: the lesson text has a 'src' attribute on an <img> tag that loads "
        "another site in every visitor's browser as soon as the page opens: remove it, or show a file of the "
        "portfolio instead",
        "error: portfolio/lessons/pushes.md:10: the lesson text has an <a> whose 'href' was set apart from its "
        "Markdown (an attribute list such as {href=\"…\"}): the site cannot check that what it leads to is published, "
        "nor make its address work; write the address in the link itself, [words](address) or ![words](address)"]
    with pytest.raises(Abort):
        site.build(strict=False)


def test_check_says_the_page_checks_the_text_alone_tells(site_factory, capsys):
    """A picture without alt text and a link without words are found in the lesson's text as converted, at
    their own lines, as the build finds them; the check says what only the build checks."""
    site = site_factory({
        "portfolio/lessons/pushes.md": "---\ntitle: Pushes and pulls\nunit: forces\n---\n\nSee [the cell "
                                       "lesson](what-is-a-cell.md).\n\n![](../media/diagram.svg)\n\n"
                                       "[](what-is-a-cell.md)\n",
        "portfolio/media/diagram.svg": '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
    })
    assert main(["check", "--strict", str(site.root)]) == 1
    warnings = [line for line in capsys.readouterr().out.splitlines() if line.startswith("warning: ")]
    assert warnings == [
        "warning: portfolio/lessons/pushes.md:8: image has an empty alt text; say what it shows in its alt text (or "
        "mark a purely decorative image with role=\"presentation\"): <img alt=\"\" src=\"../media/diagram.svg\">",
        "warning: portfolio/lessons/pushes.md:10: link has no text; give it words, an image with alt text or an "
        "aria-label: <a href=\"what-is-a-cell.md\">"]


def test_check_takes_a_portfolio_folder_without_mkdocs_yml(site_factory, capsys):
    site = site_factory({"mkdocs.yml": None, "portfolio/units/forces.yml": "title: Forces\norder: two\n"})
    assert main(["check", str(site.root / "portfolio")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "error: portfolio/units/forces.yml:2: field 'order': expected a whole number, found 'two'"
    assert out[-1] == f"{site.root / 'portfolio'}: 1 error(s), 0 warning(s)"
    assert [line[:6] for line in out[1:-1]] == ["note: "]  # (the small site's student work waiting for consent)


def test_check_named_a_file_says_it_checks_a_whole_site(site_factory, capsys):
    site = site_factory()
    assert main(["check", str(site.root / "portfolio/lessons/pushes.md")]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"flipfolio: '{site.root / 'portfolio/lessons/pushes.md'}' is a file: 'flipfolio check' "
                          "checks a whole site or portfolio")
    assert "not valid YAML" not in out  # (it was read as if it were mkdocs.yml)


@pytest.mark.parametrize("where", ["empty", "missing"])
def test_check_in_the_wrong_folder_says_where_to_run_it(tmp_path, capsys, where):
    folder = tmp_path / where
    if where == "empty":
        folder.mkdir()
    assert main(["check", str(folder)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"flipfolio: no site or portfolio in '{folder}' (no mkdocs.yml, profile.yml, lessons/ or "
                          "units/): run 'flipfolio check' in your site's folder")
    assert "error:" not in out


def test_check_finds_the_portfolio_named_in_mkdocs_yml(site_factory, capsys):
    site = site_factory({"mkdocs.yml": MKDOCS_YML + "      portfolio_dir: content\n"})
    (site.root / "portfolio").rename(site.root / "content")
    assert main(["check", str(site.root)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == (f"{site.root / 'content'}: 3 lessons, 2 units, 1 question sets, 2 credentials: no problems. "
                       "Only 'mkdocs build --strict' checks what needs the built pages: heading levels, links to a "
                       "part of a page ('…#part'), and the pictures, links and headings of the docs folder's pages")
    # A note is said, and is no problem: the small site's student work is left off until a consent is recorded.
    assert out[:-1] == ["note: content/credentials/video-design.yml:13: field 'award.evidence[1]': student work is "
                        "left off the site until a consent to publish it is recorded. Add 'consent' (given_by, date) "
                        "once the student and a parent agree, or 'visibility: private' to keep it off the site "
                        "without this note",
                        # (the small site's home page is a plain page)
                        "note: docs/index.md: the home page does not use Flipfolio's home page template, so the "
                        "profile (profile.yml) is shown on no page; add 'template: flipfolio/home.html' to its front "
                        "matter to show it"]


def test_shipped_schemas_are_the_models_schemas():
    for name, schema in json_schemas().items():
        shipped = json.loads((PACKAGE / "schemas" / name).read_text())
        assert shipped == schema, f"{name} is stale: run 'flipfolio schema plugins/flipfolio/schemas'"


def test_schema_describes_fields_and_refuses_unknown_ones():
    lesson = json_schemas()["lessons.schema.json"]
    assert lesson["additionalProperties"] is False
    assert set(lesson["required"]) == {"title", "unit"}
    assert lesson["properties"]["status"]["enum"] == ["draft", "published"]
    assert lesson["properties"]["videos"]["description"]


def test_example_portfolio_schemas_are_current():
    example = Path(__file__).resolve().parent.parent / "portfolio" / ".schemas"
    for name, schema in json_schemas().items():
        assert json.loads((example / name).read_text()) == schema, f"run 'flipfolio schema portfolio/.schemas'"


def _schema_validator(kind: str):
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json_schemas()[f"{kind}.schema.json"], format_checker=Draft202012Validator.FORMAT_CHECKER)


def _as_json(data):
    # What an editor sees: YAML dates are text in JSON.
    return json.loads(json.dumps(data, default=str))


def test_example_files_satisfy_the_schemas_editors_use():
    """The JSON Schemas describe the format as it is written: plain video
    addresses, numbers as grades, times as 'mm:ss'. An editor must not flag a
    file the build accepts."""
    import frontmatter
    import yaml

    root = Path(__file__).resolve().parent.parent / "portfolio"
    kinds = {"profile": ["profile.yml"], "units": ["units/*.yml"], "lessons": ["lessons/**/*.md"],
             "questions": ["questions/*.yml"], "credentials": ["credentials/*.yml"], "stacks": ["stacks/*.yml"]}
    checked = 0
    for kind, patterns in kinds.items():
        validator = _schema_validator(kind)
        for path in (p for pattern in patterns for p in sorted(root.glob(pattern))):
            data = frontmatter.load(path).metadata if path.suffix == ".md" else yaml.safe_load(path.read_text())
            errors = [f"{path.name}: {'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(_as_json(data))]
            assert not errors, errors
            checked += 1
    assert checked >= 30


def test_schemas_refuse_what_the_build_refuses():
    lessons = _schema_validator("lessons")
    good = {"title": "T", "unit": "u", "grade": 7, "videos": ["https://vimeo.com/1", {"url": "media/a.mp4", "start": "1:30"}]}
    assert list(lessons.iter_errors(good)) == []
    for bad in [{"title": "T"}, {"title": "T", "unit": "u", "vidoes": []}, {"title": "T", "unit": "u", "status": "publised"},
                {"title": "T", "unit": "u", "videos": [{"url": "x", "duration": "4 minutes"}]},
                {"title": "", "unit": "u"}, {"title": "T", "unit": "u", "assigned": "5 Sept"}]:
        assert list(lessons.iter_errors(bad)), bad


def test_version_is_the_installed_version_from_pyproject():
    from importlib.metadata import version

    from flipfolio import __version__

    pyproject = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    declared = next(line.split("=", 1)[1].strip().strip('"') for line in pyproject.splitlines()
                    if line.startswith("version = "))
    # (if this fails after a version change, reinstall: scripts/setup, or pip install -e .)
    assert __version__ == version("flipfolio") == declared
    shown = run("flipfolio", "--version")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout == f"flipfolio {declared}\n"
