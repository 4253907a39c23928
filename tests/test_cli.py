"""The `flipfolio` command, run as a teacher runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from flipfolio.schema import json_schemas

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "flipfolio"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, env=ENV, capture_output=True, text=True, timeout=300)


def test_new_makes_a_site_that_builds_strict_at_once(tmp_path):
    created = run("flipfolio", "new", str(tmp_path / "my-site"))
    assert created.returncode == 0, created.stderr
    site = tmp_path / "my-site"
    for kind in ("units", "lessons", "questions", "credentials", "stacks"):
        assert any((site / "portfolio" / kind).iterdir()), kind
    assert (site / "portfolio" / ".schemas" / "lessons.schema.json").is_file()
    built = run("mkdocs", "build", "--strict", cwd=site)
    assert built.returncode == 0, built.stderr
    assert (site / "site" / "lessons" / "first-lesson" / "index.html").is_file()
    assert (site / "site" / "credentials" / "first-credential" / "index.html").is_file()
    assert run("flipfolio", "check", str(site)).returncode == 0


def test_new_refuses_a_folder_with_files(tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    result = run("flipfolio", "new", str(tmp_path))
    assert result.returncode == 2
    assert "is not empty" in result.stderr
    assert (tmp_path / "keep.txt").read_text() == "mine"


def test_check_reports_every_error_and_exits_non_zero(tmp_path):
    run("flipfolio", "new", str(tmp_path / "s"))
    lesson = tmp_path / "s" / "portfolio" / "lessons" / "first-lesson.md"
    lesson.write_text(lesson.read_text().replace("unit: first-unit", "unit: frist-unit").replace("order: 1", "order: one"))
    result = run("flipfolio", "check", str(tmp_path / "s"))
    assert result.returncode == 1
    assert "error: portfolio/lessons/first-lesson.md:4: field 'order': expected a whole number, found 'one'" in result.stdout
    assert "2 error(s)" in result.stdout or "1 error(s)" in result.stdout


def test_check_strict_fails_on_warnings(tmp_path):
    run("flipfolio", "new", str(tmp_path / "s"))
    portfolio = tmp_path / "s" / "portfolio"
    lesson = portfolio / "lessons" / "first-lesson.md"
    lesson.write_text(lesson.read_text().replace("status: published", "status: draft"))
    assert run("flipfolio", "check", str(tmp_path / "s")).returncode == 0
    strict = run("flipfolio", "check", "--strict", str(portfolio))
    assert strict.returncode == 1
    assert "warning: portfolio/credentials/first-credential.yml" in strict.stdout


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
