"""Links and pictures in lesson text follow their targets to the built site."""

from __future__ import annotations

import pytest

from flipfolio.links import rewrite

LESSONS = {"lessons/cells/a.md": "lessons/a.md", "lessons/forces/b.md": "lessons/b.md"}
FILES = {"media/onion.jpg", "media/notes v2.pdf", "lessons/cells/diagram.png"}


@pytest.mark.parametrize(
    "text,expected,files",
    [
        ("[B](../forces/b.md)", "[B](b.md)", []),
        ("[B](../forces/b.md#try-it)", "[B](b.md#try-it)", []),
        ("![Onion](../../media/onion.jpg)", "![Onion](../portfolio/media/onion.jpg)", ["media/onion.jpg"]),
        ('![Onion](../../media/onion.jpg "An onion cell")', '![Onion](../portfolio/media/onion.jpg "An onion cell")',
         ["media/onion.jpg"]),
        ("![D](diagram.png)", "![D](../portfolio/lessons/cells/diagram.png)", ["lessons/cells/diagram.png"]),
        ("[Notes](<../../media/notes v2.pdf>)", "[Notes](<../portfolio/media/notes v2.pdf>)", ["media/notes v2.pdf"]),
        ("[Web](https://example.org/a.md)", "[Web](https://example.org/a.md)", []),
        ("[Top](#top)", "[Top](#top)", []),
        ("[Missing](missing.md)", "[Missing](missing.md)", []),
        ("[Out](../../../etc/passwd)", "[Out](../../../etc/passwd)", []),
        ("```\n[B](../forces/b.md)\n```", "```\n[B](../forces/b.md)\n```", []),
    ],
)
def test_rewrite(text, expected, files):
    result = rewrite(text, "lessons/cells/a.md", LESSONS, FILES.__contains__, "lessons", "portfolio")
    assert result.markdown == expected
    assert result.files == files


def test_nested_page_folder():
    result = rewrite("![O](../../media/onion.jpg) [B](../forces/b.md)", "lessons/cells/a.md",
                     {"lessons/forces/b.md": "flipped/lessons/b.md"}, FILES.__contains__, "flipped/lessons", "portfolio")
    assert result.markdown == "![O](../../portfolio/media/onion.jpg) [B](b.md)"
