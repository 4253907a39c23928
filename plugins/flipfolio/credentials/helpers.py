"""Lookups of credentials and stacks, for pages, templates (``ff.<name>``) and exports."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..core.model import Portfolio
    from .format import Credential, Evidence, Stack

_FAR = dt.date(9999, 12, 31)


def ordered_credentials(portfolio: Portfolio) -> list[Credential]:
    return sorted(portfolio.credentials.values(), key=lambda c: (c.issued or _FAR, c.name.lower()))


def credentials_of(portfolio: Portfolio, lesson) -> list[Credential]:
    """The public credentials a lesson is evidence for."""
    return [portfolio.credentials[c] for c in lesson.credentials if c in portfolio.credentials]


def lessons_for(portfolio: Portfolio, credential: Credential) -> list:
    """Published lessons that name the credential, or that its evidence names."""
    lessons = portfolio.lessons
    ids = [l.id for l in lessons.values() if credential.id in l.credentials]
    ids += [e.lesson for e in credential.evidence if e.lesson in lessons and e.lesson not in ids]
    return sorted((lessons[i] for i in ids), key=lambda l: (l.assigned or _FAR, l.title.lower()))


def evidence_of(portfolio: Portfolio, credential: Credential) -> list[Evidence]:
    """Evidence that may be shown: student work needs consent, lessons must be published."""
    return [e for e in credential.evidence
            if (e.kind != "student-work" or e.consent) and (e.lesson is None or e.lesson in portfolio.lessons)]


def stack_members(portfolio: Portfolio, stack: Stack) -> list[Credential]:
    return [portfolio.credentials[c] for c in stack.credentials if c in portfolio.credentials]


def loose_credentials(portfolio: Portfolio) -> list[Credential]:
    """Credentials in no stack, for the end of the badge wall."""
    stacked = {c for s in portfolio.stacks.values() for c in s.credentials}
    return [c for c in ordered_credentials(portfolio) if c.id not in stacked]


def stacks_of(portfolio: Portfolio, credential: Credential) -> list[Stack]:
    return [s for s in portfolio.stacks.values() if credential.id in s.credentials]
