"""The format of credentials and stacks."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from ..core.format import Entry, Image, Model, Text, WebAddress, WebOrFile, about, ids


class Issuer(Model):
    name: Annotated[str, about("Who awarded the credential.", min_length=1)]
    url: Annotated[WebAddress | None, about("The issuer's web site.")] = None


class Evidence(Model):
    """One piece of evidence behind a credential."""

    title: Annotated[str, about("What the evidence is.", min_length=1)]
    kind: Annotated[Literal["lesson", "video", "document", "reflection", "student-work"], about(
        "What sort of evidence it is."
    )] = "lesson"
    lesson: Annotated[str | None, about("Id of a lesson in this portfolio.")] = None
    url: Annotated[WebOrFile | None, about("A web address or a file in the portfolio.")] = None
    description: Annotated[str, about("A sentence on what it shows.")] = ""
    consent: Annotated[bool, about(
        "Student work only: true when the student and family agreed to publish it. "
        "Without it the item stays off the site."
    )] = False


class RubricResult(Model):
    criterion: Annotated[str, about("The rubric criterion.", min_length=1)]
    level: Annotated[str, about("The level achieved; one of the rubric's levels.")]


class Rubric(Model):
    levels: Annotated[list[str], about("The rubric's levels, lowest first.", min_length=1)]
    required: Annotated[str, about("The level every criterion needs to earn the credential.")]
    results: Annotated[list[RubricResult], about("The level reached per criterion.")] = []

    def __post_init__(self):
        for name in [self.required, *(r.level for r in self.results)]:
            if name not in self.levels:
                raise ValueError(f"level {name!r} is not one of the rubric's levels {self.levels}")


class Credential(Entry):
    """`credentials/<id>.yml`: a micro-credential, earned or in progress."""

    name: Annotated[str, about("The credential's name.", min_length=1)]
    issuer: Annotated[Issuer, about("Who awards it.")]
    competency: Annotated[str, about("The competency the credential recognises.", min_length=1)]
    status: Annotated[Literal["earned", "in-progress", "not-yet"], about(
        "earned, in-progress (submitted or working on it) or not-yet (resubmit)."
    )] = "earned"
    public: Annotated[bool, about("false keeps the credential off the site.")] = True
    issued: Annotated[dt.date | None, about("Date awarded (YYYY-MM-DD).")] = None
    expires: Annotated[dt.date | None, about("Expiry date, if any.")] = None
    description: Annotated[str, about("A few sentences on what it took.")] = ""
    image: Annotated[Image | None, about("The badge image with alt text.")] = None
    rubric: Annotated[Rubric | None, about("The rubric and the result reached.")] = None
    evidence: Annotated[list[Evidence], about("What shows the competency.")] = []
    assertion: Annotated[WebOrFile | None, about(
        "Open Badges assertion: a web address or a .json file in the portfolio."
    )] = None
    tags: Annotated[list[Text], about("Free keywords.")] = []

    def __post_init__(self):
        if self.status == "earned" and self.issued is None:
            raise ValueError("an earned credential needs 'issued', the date it was awarded")
        if self.issued and self.expires and self.expires < self.issued:
            raise ValueError(f"'expires' ({self.expires}) is before 'issued' ({self.issued})")


class Stack(Entry):
    """`stacks/<id>.yml`: related credentials earned one by one."""

    name: Annotated[str, about("The stack's name.", min_length=1)]
    credentials: Annotated[list[str], ids("Ids of the credentials in the stack, in order.", min_length=1)]
    description: Annotated[str, about("What the stack adds up to.")] = ""
