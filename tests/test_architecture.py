"""The shape of the package: a pure core, features that plug in, one adapter.

These read the package's own import statements, so a change that breaks the
shape fails here rather than in review."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "flipfolio"
FEATURES = ["lessons", "videos", "questions", "credentials", "delivery"]
# Which features each may import, by name (a lesson's videos: lessons uses videos; a unit's offline pack
# holds its lessons' pages and question sets: delivery uses lessons and questions). No cycle, no string keys.
MAY_USE = {"lessons": {"videos"}, "videos": set(), "questions": {"lessons"}, "credentials": set(),
           "delivery": {"lessons", "questions"}}


def imports(path: Path) -> set[str]:
    """The flipfolio subpackages a module imports (relative imports resolved)."""
    module = path.relative_to(PACKAGE.parent).with_suffix("").parts
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(module[: len(module) - node.level])
                target = base + (node.module.split(".") if node.module else [])
                names = [target + [alias.name] for alias in node.names] if not node.module else [target]
            else:
                names = [(node.module or "").split(".")]
            for name in names:
                if name and name[0] == "flipfolio" and len(name) > 1:
                    found.add(name[1])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "flipfolio" and len(parts) > 1:
                    found.add(parts[1])
                if parts[0] == "mkdocs":
                    found.add("MKDOCS")
        if isinstance(node, ast.ImportFrom) and not node.level and (node.module or "").split(".")[0] == "mkdocs":
            found.add("MKDOCS")
    return found


def modules(folder: str):
    return sorted((PACKAGE / folder).rglob("*.py"))


@pytest.mark.parametrize("path", modules("core"), ids=lambda p: p.name)
def test_the_core_names_no_feature_and_no_engine(path):
    used = imports(path)
    assert "MKDOCS" not in used and "mkdocs" not in used
    # core/features.py reads the product's list of features (flipfolio/features.py), nothing else does.
    allowed = {"core", "features"} if path.name == "features.py" else {"core"}
    assert used <= allowed, f"{path.name} imports {sorted(used - allowed)}"


@pytest.mark.parametrize("feature", FEATURES)
def test_a_feature_uses_the_core_and_only_the_features_before_it(feature):
    for path in modules(feature):
        used = imports(path) - {"core", feature}
        assert "MKDOCS" not in used, path
        assert used <= MAY_USE[feature], f"{feature}/{path.name} imports {sorted(used)}"


def test_features_use_each_other_by_name_not_through_the_template_helpers():
    # ff.<name> is for templates; Python reaches another feature's function by importing it (MAY_USE).
    for path in [*modules("core"), *(p for f in FEATURES for p in modules(f))]:
        if path.name != "view.py":
            assert "helpers()[" not in path.read_text(encoding="utf-8"), path


def test_the_content_model_loads_without_mkdocs(tmp_path):
    code = ("import sys; from flipfolio.core.model import load; from flipfolio.core.outputs import Layout, pages; "
            "p = load(sys.argv[1]); pages(p, Layout.default()); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')))")
    portfolio = Path(__file__).resolve().parent.parent / "portfolio"
    result = subprocess.run([sys.executable, "-c", code, str(portfolio)], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_every_feature_is_registered_and_every_registered_kind_has_a_schema():
    from flipfolio import features
    from flipfolio.core.format import json_schemas

    assert [f.name for f in features.FEATURES] == FEATURES
    assert sorted(json_schemas()) == sorted(p.name for p in (PACKAGE / "schemas").glob("*.schema.json"))
