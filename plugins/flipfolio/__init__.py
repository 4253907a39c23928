"""Flipfolio: a teacher's flipped lessons, videos, question sets and credentials as a portfolio site.

The content model (`flipfolio.portfolio`, `flipfolio.schema`) knows nothing of
MkDocs; `flipfolio.mkdocs` is the adapter that turns it into MkDocs pages.
"""

from importlib.metadata import PackageNotFoundError, version as _version

try:  # the version pip installed (pyproject.toml's `version`), so `flipfolio --version` and `pip show` agree
    __version__ = _version("flipfolio")
except PackageNotFoundError:  # run from a source folder that was never installed
    __version__ = "0+unknown"
