"""A credential's status, worked out, never written: from the award's dates
and attempts, the build date and the verification of the issuer's proof.

- ``active``: earned, with an expiry date still to come;
- ``no-expiry``: earned, and it does not expire;
- ``expired``: earned, and its expiry date has passed (on the build date; the
  page re-checks in the visitor's browser, so a page built before the expiry
  still says "expired" after it);
- ``revoked``: the issuer revoked it (its revocation list or status list, or
  its hosted assertion, says so);
- ``suspended``: the issuer suspended it on its status list, for a time (it
  may lift the suspension); not earned meanwhile;
- ``in-progress``: not awarded yet, and no attempt was judged below the level
  needed (working on it, or submitted and waiting);
- ``not-yet``: not awarded yet, and the latest attempt was judged below the
  level needed (resubmitting).

Verification is separate (`verify.py`): verified, not verified (with the
reason) or self-reported (no proof attached).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING


if TYPE_CHECKING:  # pragma: no cover
    from .format import Credential

LABELS = {
    "active": "Earned",
    "no-expiry": "Earned",
    "expired": "Expired",
    "revoked": "Revoked",
    "suspended": "Suspended",
    "in-progress": "In progress",
    "not-yet": "Not yet",
}
#: Statuses that count as earned (progress, summary counts).
EARNED = ("active", "no-expiry")
ORDER = ("active", "no-expiry", "expired", "revoked", "suspended", "in-progress", "not-yet")


@dataclass(frozen=True)
class Standing:
    """A credential's status on the build date."""

    key: str
    detail: str = ""  # e.g. the revocation reason

    @property
    def label(self) -> str:
        return LABELS[self.key]

    @property
    def earned(self) -> bool:
        return self.key in EARNED


def standing(credential: Credential, today: dt.date, revoked: str | None = None,
             expires: dt.date | None = None, suspended: bool = False) -> Standing:
    """The status of `credential` on `today`; `revoked` is the issuer's
    revocation reason when its proof says it was revoked ("" for none given),
    `suspended` whether the issuer suspended it;
    `expires` the expiry date when it is not the award's (the proof's, earlier)."""
    award = credential.award
    if award.issued is not None:
        if revoked is not None:
            return Standing("revoked", revoked)
        if suspended:
            return Standing("suspended")
        ends = expires or award.expires
        if ends is None:
            return Standing("no-expiry")
        return Standing("expired" if ends < today else "active")
    rubric = credential.rubric
    if award.attempts and rubric is not None and not rubric.meets(award.attempts[-1].result):
        return Standing("not-yet")
    return Standing("in-progress")
