"""The badge wall, a page per stack, a page per public credential and a page
per Markdown artifact of its evidence (not in the navigation)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from ..core.mdscan import without_notes
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
            src = layout.src("credential", artifact.id)
            specs.append(PageSpec(src, "artifact", artifact.evidence.title, "flipfolio/credential-artifact.html",
                                  artifact, description=artifact.evidence.description,
                                  source=partial(_artifact_page, portfolio, artifact, src, layout.src)))
    return specs


def _artifact_page(portfolio: Portfolio, artifact: helpers.Artifact, src: str, src_of) -> str:
    """An evidence page's Markdown, through the publishing gate as a lesson's
    text is (`checks.check_published` says what it changes); the teacher's
    notes (HTML comments) are left out."""
    text = helpers.artifact_text(portfolio, artifact).body
    return portfolio.gate.page_markdown(artifact.path, without_notes(text), src, src_of)
