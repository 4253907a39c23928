"""Flipfolio: a teacher's flipped lessons, videos, question sets and credentials as a portfolio site.

The content model (`flipfolio.portfolio`, `flipfolio.schema`) knows nothing of
MkDocs; `flipfolio.mkdocs` is the adapter that turns it into MkDocs pages.
"""

__version__ = "0.1.0"
