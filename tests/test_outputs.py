"""Outputs beside pages: a feature's files (feeds, calendars, exports) are made
from published items only, written into the site, the same build to build."""

from __future__ import annotations

import dataclasses

import pytest
from mkdocs.exceptions import Abort

from flipfolio import features
from flipfolio.core.features import Feature
from flipfolio.core.outputs import FileSpec


def with_feature(monkeypatch, feature: Feature) -> None:
    monkeypatch.setattr(features, "FEATURES", (*features.FEATURES, feature))


def titles_file(portfolio, layout):
    lessons = sorted(portfolio.lessons.values(), key=lambda l: l.id)
    text = "".join(f"{l.id}\t{l.title}\n" for l in lessons)
    return [FileSpec("exports/lessons.tsv", text.encode("utf-8"), "text/tab-separated-values", tuple(lessons))]


def test_a_feature_output_is_written_and_byte_identical(site_factory, monkeypatch):
    with_feature(monkeypatch, Feature(name="export", outputs=titles_file))
    site = site_factory().build()
    first = (site.out / "exports/lessons.tsv").read_bytes()
    assert first == b"cell-parts\tParts of a cell\npushes\tPushes and pulls\nwhat-is-a-cell\tWhat is a cell?\n"
    assert b"Unfinished draft lesson" not in first
    site.build()
    assert (site.out / "exports/lessons.tsv").read_bytes() == first


def test_an_output_made_from_an_unpublished_item_is_refused(site_factory, monkeypatch):
    def leaky(portfolio, layout):
        draft = portfolio.everything["lessons"]["secret-draft"]
        return [FileSpec("exports/draft.txt", draft.title.encode(), "text/plain", (draft,))]

    with_feature(monkeypatch, Feature(name="leaky", outputs=leaky))
    site = site_factory()
    with pytest.raises(Abort):
        site.build(strict=False)
    assert not (site.out / "exports/draft.txt").exists()


def test_a_page_made_from_an_unpublished_item_is_refused(site_factory, monkeypatch):
    from flipfolio.core.outputs import PageSpec

    def leaky(portfolio, layout):
        hidden = portfolio.everything["credentials"]["hidden-award"]
        return [PageSpec("secret/index.md", "secret", hidden.name, "flipfolio/credential.html", hidden)]

    with_feature(monkeypatch, Feature(name="leaky", pages=leaky))
    with pytest.raises(Abort):
        site_factory().build(strict=False)


def test_features_are_frozen_descriptions():
    feature = features.FEATURES[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        feature.name = "other"
