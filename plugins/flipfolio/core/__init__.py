"""The core of Flipfolio: pure, no MkDocs, no knowledge of any one feature.

- `problems.py`: `Problem` (file, line, field, expected, found, hint) and `ContentError`;
- `sources.py`: YAML and front matter reading, bounded, with line numbers;
- `validate.py`: data checked against the format, every problem of a file at once;
- `format.py`: the base structs and field types every feature's format uses; JSON Schemas;
- `features.py`: how a feature declares its kinds of file and hooks;
- `model.py`: `load` a portfolio folder into a `Portfolio`; `Check` for features' checks;
- `publish.py`: the publishing gate, the one place that decides what reaches the site;
- `links.py`: links and pictures in Markdown text, found and rewritten;
- `outputs.py`: `Layout`, `PageSpec`, `FileSpec`: the pages and files a site is made of;
- `view.py`, `render.py`: what templates see, and Flipfolio's own Jinja rendering;
- `messages.py`: the words on pages, from the message catalogues, in the site's language;
- `references.py`: the ids and file paths a file of the portfolio refers to, read from its format;
- `mdscan.py`, `htmlscan.py`: code and teachers' notes in Markdown; a fast reader of built HTML;
- `privacy.py`, `audit.py`, `bodycheck.py`: other sites a page can contact; checks of built pages and lesson text;
- `assets.py`, `qrcode.py`, `clock.py`: the client script and stylesheet; QR codes as SVG; the build's date;
- `making.py`, `keep.py`: a build's other files made in a second process; what a preview keeps between loads.
"""
