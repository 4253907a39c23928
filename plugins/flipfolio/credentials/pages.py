"""The badge wall and a page per public credential."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.outputs import Layout, PageSpec
from .helpers import ordered_credentials

if TYPE_CHECKING:  # pragma: no cover
    from ..core.model import Portfolio


def pages(portfolio: Portfolio, layout: Layout) -> list[PageSpec]:
    specs = [PageSpec(layout.src("credential"), "credentials", "Credentials", "flipfolio/credentials.html",
                      in_nav=True)]
    for credential in ordered_credentials(portfolio):
        specs.append(PageSpec(layout.src("credential", credential.id), "credential", credential.name,
                              "flipfolio/credential.html", credential, description=credential.competency))
    return specs
