"""Pre-class minutes add up: lessons to their unit, units to the portfolio's total; each lesson's is
within half a minute of its videos'."""

from __future__ import annotations

import re

import pytest



def lesson(unit: str, *durations: int) -> str:
    videos = "".join(f"  - {{url: https://vimeo.com/{100 + i}, title: V{i}, duration: {d}, "
                     f"no_captions_reason: none}}\n" for i, d in enumerate(durations))
    return f"---\ntitle: L{sum(durations)}\nunit: {unit}\nvideos:\n{videos}---\n"  # (titles of a unit differ)


def minutes_in(text: str) -> int:
    return int(re.search(r"(\d+) min", text).group(1))


def test_the_minutes_on_every_page_add_up(site_factory):
    # Odd lengths, so that rounding each total by itself would not add up.
    site = site_factory({
        "portfolio/lessons/what-is-a-cell.md": lesson("cells", 89, 40),
        "portfolio/lessons/cell-parts.md": lesson("cells", 95),
        "portfolio/lessons/pushes.md": lesson("forces", 29),
        "portfolio/lessons/pulls.md": lesson("forces", 151, 30),
        "portfolio/lessons/levers.md": lesson("forces", 91),
    }).build()
    index = site.article("lessons/index.html")
    total = minutes_in(index.select_one("h1 + p.ff-meta").get_text())
    # Each lesson to the nearest minute, at least 1 (129 s -> 2, 95 -> 2, 29 -> 1, 181 -> 3, 91 -> 2), then
    # added: 10 min for 525 s (8:45), where rounding each up would give 12.
    assert total == 10
    unit_minutes = []
    for section in index.select("section.ff-unit"):
        unit = minutes_in(section.select_one("p.ff-meta").get_text())
        rows = [cells[-1].get_text() for cells in (tr.select("td") for tr in section.select("tbody tr"))]
        assert sum(minutes_in(r) for r in rows) == unit, rows
        unit_minutes.append(unit)
    assert sum(unit_minutes) == total and len(unit_minutes) == 2
    # The unit page and each lesson page say the same.
    unit_page = site.article("units/forces/index.html")
    assert minutes_in(unit_page.select_one("p.ff-meta").get_text()) == unit_minutes[1]
    lesson_page = site.article("lessons/pulls/index.html")
    row = next(tr for tr in index.select("tbody tr") if tr.select_one("a")["href"].endswith("pulls/"))
    assert minutes_in(lesson_page.select_one(".ff-facts").get_text()) == minutes_in(row.select("td")[-1].get_text())


@pytest.mark.parametrize("durations, shown", [
    ((220,), 4),       # a 3:40 video: 4 min
    ((185,), 3),       # 3:05: 3 min, not 4
    ((150,), 3),       # half a minute rounds up
    ((20,), 1),        # a short clip counts
    ((61, 59), 2),     # a lesson's videos together, rounded once
    ((3600,), 60),
])
def test_a_lessons_minutes_are_its_videos_time_to_the_nearest_minute(site_factory, durations, shown):
    site = site_factory({"portfolio/lessons/pulls.md": lesson("forces", *durations)}).build()
    assert minutes_in(site.article("lessons/pulls/index.html").select_one(".ff-facts").get_text()) == shown
    row = next(tr for tr in site.article("lessons/index.html").select("tbody tr")
               if tr.select_one("a")["href"].endswith("pulls/"))
    assert minutes_in(row.select("td")[-1].get_text()) == shown
