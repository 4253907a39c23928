"""The badge wall, a page per stack, a page per public credential and a page
per Markdown artifact of its evidence (not in the navigation)."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.outputs import Layout, PageSpec
from . import helpers

if TYPE_CHECKING:  # pragma: no cover
    from ..core.model import Portfolio


def pages(portfolio: Portfolio, layout: Layout) -> list[PageSpec]:
    words = portfolio.messages
    specs = [PageSpec(layout.src("credential"), "credentials", words.text("credentials.title"),
                      "flipfolio/credentials.html", in_nav=True, description=words.text("credentials.description"))]
    for stack in portfolio.stacks.values():
        if helpers.stack_members(portfolio, stack):
            specs.append(PageSpec(layout.src("credential", f"stacks/{stack.id}"), "stack", stack.name,
                                  "flipfolio/credential-stack.html", stack,
                                  description=stack.description or words.text("stack.description",
                                                                                 count=len(stack.credentials))))
    for credential in helpers.ordered_credentials(portfolio):
        head = {"og:type": "website", "og:title": credential.name, "og:description": credential.competency,
                "og:url": layout.url("credential", credential.id)}
        if credential.image:
            head["og:image"] = f"portfolio/{credential.image.src}"
            head["og:image:alt"] = credential.image.alt
        specs.append(PageSpec(layout.src("credential", credential.id), "credential", credential.name,
                              "flipfolio/credential.html", credential, description=credential.competency, head=head))
        for artifact in helpers.artifacts(portfolio, credential):
            specs.append(PageSpec(layout.src("credential", artifact.id), "artifact", artifact.evidence.title,
                                  "flipfolio/credential-artifact.html", artifact,
                                  description=artifact.evidence.description,
                                  source=partial(_read, portfolio.root / artifact.evidence.url)))
    return specs


def _read(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    # A leading '# Title' would repeat the page's own heading.
    lines = text.lstrip().splitlines()
    if lines and lines[0].startswith("# "):
        text = "\n".join(lines[1:])
    return text
