"""Flipfolio: a teacher's flipped lessons, videos, question sets and credentials as a portfolio site.

`flipfolio.core` is the content model, pure and knowing no feature by name;
each feature (`lessons`, `videos`, `questions`, `credentials`, `delivery`) is a subpackage
that registers its kinds of file, checks, pages and outputs once
(`flipfolio.features` lists them). Nothing but `flipfolio.mkdocs`, the adapter
that turns the pages into MkDocs pages, imports MkDocs.
"""

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _version

try:  # the version pip installed (pyproject.toml's `version`), so `flipfolio --version` and `pip show` agree
    __version__ = _version("flipfolio")
except PackageNotFoundError:  # run from a source folder that was never installed
    __version__ = "0+unknown"
