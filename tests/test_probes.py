"""Every probe of a careless or hostile author, with the message it gets.

Each row writes a few files over the small valid portfolio of conftest.py and
lists the exact problems the loader reports: the file, the line where it is
known, the field, what was expected and what was found. Nothing raises, and
nothing else is reported. The last tests put thirty broken files in one
portfolio and check that a build names every one of them at once.
"""

from __future__ import annotations

import pytest
from mkdocs.exceptions import Abort

from flipfolio.core.model import load

L = "---\ntitle: Pushes and pulls\nunit: forces\n"
PUSHES = "portfolio/lessons/pushes.md"
LOCK = "portfolio/videos.lock/youtube-abcdefghijk.json"
REWRITE = "the record is ignored: run 'flipfolio videos fetch' again to rewrite it"
BOMB = "".join(f"{n}: &{n} [{', '.join([prev] * 9)}]\n" for n, prev in
               zip("abcdefghi", ['"lol"'] + [f"*{c}" for c in "abcdefgh"]))

# (probe, files written over the base portfolio (None deletes), every problem reported)
PROBES = [
    # 3. Impossible dates, control characters, deep nesting, broken video records
    ("impossible day", {PUSHES: L + "due: 2027-02-31\n---\n"},
     [f"error: {PUSHES}:4: field 'due': expected a real date written YYYY-MM-DD: February 2027 has 28 days, "
      "found '2027-02-31'"]),
    ("impossible month", {PUSHES: L + "assigned: 2026-13-01\n---\n"},
     [f"error: {PUSHES}:4: field 'assigned': expected a real date written YYYY-MM-DD: there is no month 13, "
      "found '2026-13-01'"]),
    ("a credential awarded in a year to come", {"portfolio/credentials/questioning.yml":
        "name: Q\nissuer: {name: N}\naward: {issued: 2098-03-20}\ncompetency: C\n"},
     ["warning: portfolio/credentials/questioning.yml:3: field 'award.issued': the date is in the future: it is the "
      "day the credential was awarded, which has happened; check the year, found 2098-03-20"]),
    ("no leap day", {"portfolio/credentials/questioning.yml": "name: Q\nissuer: {name: N}\naward: {issued: 2026-02-29}\n"
                                                             "competency: C\n"},
     ["error: portfolio/credentials/questioning.yml:3: field 'award.issued': expected a real date written YYYY-MM-DD: "
      "February 2026 has 28 days, found '2026-02-29'"]),
    ("NUL", {"portfolio/units/forces.yml": "title: Forces\x00\n"},
     ["error: portfolio/units/forces.yml:1: field 'title': column 14 has a NUL character (U+0000), which is not "
      "text: delete it, found 'title: Forces\\x00'"]),
    ("vertical tab in front matter", {PUSHES: L + "summary: one\x0btwo\n---\n"},
     [f"error: {PUSHES}:4: field 'summary': column 13 has a vertical tab (U+000B), which Word pastes for a line "
      "break: replace it with a normal line break, found 'summary: one\\x0btwo'"]),
    # ... written as an escape in quotes: YAML makes the character (the feed was no longer XML, a lone
    # half of a character ended the build with a traceback); a space is shown instead
    ("escapes in quotes", {"portfolio/units/forces.yml": 'title: "Forces\\vand motion"\nsummary: "Push \\ud800"\n'},
     ["warning: portfolio/units/forces.yml:1: field 'title': a '\\' escape in the quoted text writes a vertical tab "
      "(U+000B), which Word pastes for a line break: replace it with a normal line break, found "
      "'Forces\\x0band motion'",
      "warning: portfolio/units/forces.yml:2: field 'summary': a '\\' escape in the quoted text writes half of a "
      "character (U+D800), a sign of a damaged file: retype the text there, found 'Push \\ud800'"]),
    # ... in lesson text, which they do not break: a space is shown instead
    ("vertical tab in lesson text", {PUSHES: L + "---\n\nPush\x0bpull.\n"},
     [f"warning: {PUSHES}:6: column 5 has a vertical tab (U+000B), which Word pastes for a line break: replace it "
      "with a normal line break, found 'Push\\x0bpull.'"]),
    # ' #' in text without quotes starts a note: the rest of the line was lost without a word
    ("a '#' in text without quotes", {"portfolio/units/forces.yml": "title: Lab #3 forces\nsummary: Push # a note\n"},
     ["warning: portfolio/units/forces.yml:1: field 'title': the text stops before '#3 forces': YAML reads ' #' as the "
      "start of a note to the end of the line; write the whole text in quotes to keep it, found 'Lab'"]),
    ("ESC", {"portfolio/units/forces.yml": "title: Fo\x1brces\n"},
     ["error: portfolio/units/forces.yml:1: field 'title': column 10 has an escape character (U+001B), left over "
      "from a terminal: delete it, found 'title: Fo\\x1brces'"]),
    ("DEL", {"portfolio/units/forces.yml": "title: Forces\x7f\n"},
     ["error: portfolio/units/forces.yml:1: field 'title': column 14 has a DEL character (U+007F): delete it, "
      "found 'title: Forces\\x7f'"]),
    ("5,000 levels", {"portfolio/units/forces.yml": "title: F\nsummary: " + "[" * 5000 + "]" * 5000 + "\n"},
     ["error: portfolio/units/forces.yml:2: the file nests lists or fields more than 64 levels deep; check the "
      "brackets and the indentation"]),
    ("alias bomb", {"portfolio/units/forces.yml": BOMB},
     ["error: portfolio/units/forces.yml:6: the file's anchors and aliases ('&name', '*name') expand to more than "
      "100,000 values; write the values out or use fewer nested aliases"]),
    ("record with a merge conflict", {LOCK: "<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> other\n"},
     [f"warning: {LOCK}:1: the video record has the marks of a git merge conflict ('<<<<<<<', '=======', "
      f"'>>>>>>>'); {REWRITE}"]),
    ("record that is a list", {LOCK: "[1, 2]\n"},
     [f"warning: {LOCK}: the video record is not a set of fields (\"name\": value), found a list; {REWRITE}"]),
    ("record naming a missing thumbnail", {LOCK: '{"version": 1, "title": "T", "thumbnail": "nothere.jpg"}\n'},
     [f"warning: {LOCK}: field 'thumbnail': the thumbnail file videos.lock/nothere.jpg does not exist; {REWRITE}"]),
    # 5. Silent losses
    ("lesson id index", {"portfolio/lessons/index.md": L + "---\n"},
     ["error: portfolio/lessons/index.md: 'index' cannot be an id: it is the address of an index page; rename the "
      "file, e.g. 'index-cards.md', found 'index.md'"]),
    ("credential id index", {"portfolio/credentials/index.yml": "name: Q\nissuer: {name: N}\n"
                                                               "competency: C\n"},
     ["error: portfolio/credentials/index.yml: 'index' cannot be an id: it is the address of an index page; rename "
      "the file, e.g. 'index-cards.yml', found 'index.yml'"]),
    *[(f"lesson file {name}", {f"portfolio/lessons/{name}": L + "---\n"},
       [f"warning: portfolio/lessons/{name}: this file is not read: lessons files end in '.md' (lowercase); rename "
        f"it to 'newton.md', found '{name}'"]) for name in ("newton.MD", "newton.markdown", "newton.md.txt")],
    ("lesson file Week1.MD", {"portfolio/lessons/Week1.MD": L + "---\n"},  # the name to rename it to is one that is read
     ["warning: portfolio/lessons/Week1.MD: this file is not read: lessons files end in '.md' (lowercase); rename "
      "it to 'week1.md', found 'Week1.MD'"]),
    ("a lesson outside lessons/", {"portfolio/second-lesson.md": L + "---\n", "portfolio/lesson/third.md": L + "---\n",
                                   "portfolio/evidence/notes.md": "---\ntitle: Notes\n---\n\nNot a lesson.\n"},
     ["warning: portfolio/lesson/third.md: this file is not read: it looks like a lesson (its front matter names a "
      "'unit'), but lessons are read from lessons/. Move it into the portfolio folder's lessons/",
      "warning: portfolio/second-lesson.md: this file is not read: it looks like a lesson (its front matter names a "
      "'unit'), but lessons are read from lessons/. Move it into the portfolio folder's lessons/"]),
    ("files in another kind's folder", {"portfolio/units/fourth.md": L + "---\n",
                                        "portfolio/lessons/unit-two.yml": "title: Two\n",
                                        "portfolio/questions/check.json": "{}", "portfolio/units/poster.md": "# Poster\n",
                                        "portfolio/lessons/onion.png": "png"},
     ["warning: portfolio/units/fourth.md: this file is not read: the files of units/ are YAML ('.yml'), found "
      "'fourth.md'. Lessons are read from lessons/",
      "warning: portfolio/lessons/unit-two.yml: this file is not read: the files of lessons/ are Markdown ('.md'), "
      "found 'unit-two.yml'. Units are read from units/, question sets from questions/, credentials from "
      "credentials/, stacks from stacks/",
      "warning: portfolio/questions/check.json: this file is not read: the files of questions/ are YAML ('.yml'), "
      "found 'check.json'. Flipfolio reads YAML ('.yml'), not JSON"]),
    ("a part heading written otherwise", {PUSHES: L + "---\n\nIntro.\n\n# Before class\n\nWatch.\n\n**In class**\n\n"
                                                 "Stations.\n\n### Before class checklist\n"},
     [f"warning: {PUSHES}:8: '# Before class' looks like the 'Before class' part, but only a heading '## Before "
      "class' marks the part (the lesson's videos and questions are placed by the parts). Write it as '## Before "
      "class'",
      f"warning: {PUSHES}:12: '**In class**' looks like the 'In class' part, but only a heading '## In class' marks "
      "the part (the lesson's videos and questions are placed by the parts). Write it as '## In class'"]),
    ("the profile under another name", {"portfolio/profile.yml": None, "portfolio/profile.yaml": "name: Sam\n"},
     ["error: portfolio/profile.yaml: this file is not read: rename it to 'profile.yml', found 'profile.yaml'"]),
    ("an apostrophe inside single quotes", {"portfolio/units/forces.yml": "title: 'It's a force'\norder: 2\n"},
     ["error: portfolio/units/forces.yml:1: this is not valid YAML: an "
      "apostrophe inside single quotes ends them: write it twice ('It''s cold'), or put the text in double quotes"]),
    ("a word processor's space after the colons", {"portfolio/units/forces.yml": "title:\u00a0Forces\norder:\u00a02\n"},
     ["error: portfolio/units/forces.yml:1: expected fields such as 'title: …', one per line, found "
      "'title:\\xa0Forces order:\\xa02'. The space after ':' is a non-breaking space (from a word processor): "
      "type a normal space"]),
    ("a lesson copied and pasted", {"portfolio/lessons/pushes-2.md": L + "videos:\n  - url: https://youtu.be/abcdefghijk\n"
                                    "    title: T\n    duration: 60\n    no_captions_reason: no speech\n"
                                    "  - url: https://www.youtube.com/watch?v=abcdefghijk\n    title: T\n"
                                    "    duration: 60\n    no_captions_reason: no speech\n---\n"},
     ["warning: portfolio/lessons/pushes-2.md:9: field 'videos[1]': the same video as videos[0], from the same start "
      "to the same end; remove one (or give each its own 'start' and 'end'), found "
      "'https://www.youtube.com/watch?v=abcdefghijk'",
      f"warning: {PUSHES}:2: field 'title': lesson 'pushes-2' of the same unit has this title too; students tell "
      "lessons apart by their titles, found 'Pushes and pulls'"]),
    ("a question set no lesson names", {"portfolio/questions/spare.yml": "title: Spare\nquestions:\n"
                                                                         "  - prompt: Why?\n    answer: because\n"},
     []),  # (a note, not a problem: tests/test_probes.py, test_a_set_no_lesson_names_is_noted)
    ("a set's questions with problems of their own and between them",  # both in one round
     {"portfolio/questions/cell-check.yml": "title: Q\nquestions:\n  - prompt: Which is a solid?\n"
      "    choices: [Water, Ice, Steam]\n    answer: B\n  - prompt: Name it.\n    answer: ice\n"
      "  - prompt: Name it.\n    answer: ice\n  - prompt: When?\n    at: 20\n    video: 3\n    answer: now\n"},
     ["error: portfolio/questions/cell-check.yml:5: field 'questions[0].answer': 'B' is not among the choices (Water, "
      "Ice, Steam); write the choice's words, not its letter: 'Ice'",
      "error: portfolio/questions/cell-check.yml:8: field 'questions[2].prompt': question 3 has the same prompt as "
      "question 2, so the same id; give one of them an 'id', found 'name-it-983ce5'",
      "error: portfolio/questions/cell-check.yml:12: field 'questions[3].video': lesson 'what-is-a-cell' "
      "(portfolio/lessons/what-is-a-cell.md) has 1 video; 'video' names the one the question's time is in, from 1 "
      "to 1, found 3"]),
    ("a timed question in a lesson with no videos",
     {"portfolio/lessons/pushes.md": L + "questions: cell-check\n---\n",
      "portfolio/lessons/what-is-a-cell.md": None,
      "portfolio/credentials/video-design.yml": "name: V\nissuer: {name: N}\ncompetency: C\n",
      "portfolio/questions/cell-check.yml": "title: Q\nquestions:\n  - prompt: Now?\n    at: \"1:30\"\n"
                                            "    answer: yes please\n"},
     ["error: portfolio/questions/cell-check.yml:4: field 'questions[0].at': lesson 'pushes' "
      "(portfolio/lessons/pushes.md) has no videos: a question's 'at' is a time in one of them; add the video to "
      "the lesson's 'videos' first, or remove 'at', found 1:30 (90 s)"]),
    ("a date or a number meant as text, one item meant as a list",
     {PUSHES: "---\ntitle: 2026-09-14\nunit: forces\nobjectives: Push a cart\n---\n",
      "portfolio/units/forces.yml": "title: 1984\n"},
     ["error: portfolio/units/forces.yml:1: field 'title': expected text, found 1984. YAML reads it as a number: "
      "write it in quotes to keep it as text (title: \"1984\")",
      f"error: {PUSHES}:2: field 'title': expected text, found 2026-09-14. YAML reads it as a date: write it in "
      "quotes to keep it as text (title: \"2026-09-14\")",
      f"error: {PUSHES}:4: field 'objectives': expected a list (lines starting with '- '), found 'Push a cart'. For "
      "one or several, write them in brackets: objectives: [Push a cart]"]),
    ("numbers and dates meant as text, shown as written",
     {"portfolio/units/forces.yml": "title: 0x1F\norder: 0x1F\nstandards: [6:RP, 2026-01-01, true]\n",
      "portfolio/lessons/pushes.md": "---\ntitle: +4\nunit: forces\nvideos:\n  - url: https://vimeo.com/1\n"
                                     "    title: V\n    duration: .inf\n    no_captions_reason: no speech\n---\n"},
     ["error: portfolio/units/forces.yml:2: field 'order': expected a whole number, found '0x1F'",
      "error: portfolio/units/forces.yml:3: field 'standards[1]': expected text, found 2026-01-01. YAML reads it as "
      "a date: write it in quotes to keep it as text (- \"2026-01-01\")",
      "error: portfolio/units/forces.yml:3: field 'standards[2]': expected text, found true. YAML reads it as a "
      "yes/no: write it in quotes to keep it as text (- \"true\")",
      f"error: {PUSHES}:2: field 'title': expected text, found +4. YAML reads it as a number: write it in quotes "
      "to keep it as text (title: \"+4\")",
      f"error: {PUSHES}:7: field 'videos[0].duration': expected a time such as 90 (seconds), '1:30' or '1:02:03', "
      "found .inf"]),
    ("unit file .YML", {"portfolio/units/energy.YML": "title: Energy\n"},
     ["warning: portfolio/units/energy.YML: this file is not read: units files end in '.yml' (lowercase); rename it "
      "to 'energy.yml', found 'energy.YML'"]),
    # 6. Wrong or misleading messages
    ("a lesson dropped with its broken unit is no draft",
     {"portfolio/units/forces.yml": "title: [broken\n",
      "portfolio/credentials/questioning.yml": "name: Q\nissuer: {name: N}\ncompetency: C\n"
                                              "award:\n  evidence:\n    - {title: Pushes, lesson: pushes}\n"},
     ["error: portfolio/units/forces.yml:1: this is not valid YAML: the '[' at column 8 is never closed with ']'; "
      "close it on the same line ([a, b]), or put text that starts with '[' or has a comma or colon in it in quotes"]),
    ("a field indented less than the others of its item",
     {PUSHES: L + "videos:\n  - url: https://vimeo.com/1\n  title: A clip\n    duration: 60\n---\n"},
     [f"error: {PUSHES}:6: this is not valid YAML: 'title:' is indented less than the lines before it in the same "
      "item; indent it like 'url:' on line 5"]),
    ("a field indented more than the one before, which has a value",
     {"portfolio/units/forces.yml": "title: Forces\n  order: 2\n"},
     ["error: portfolio/units/forces.yml:2: this is not valid YAML: 'order:' is indented more than 'title:' on "
      "line 1, which has its value already; indent it like 'title:' (or, if it belongs under it, remove the value "
      "after the colon)"]),
    ("a colon in text without quotes", {"portfolio/units/forces.yml": "title: Density: why ships float\n"},
     ["error: portfolio/units/forces.yml:1: this is not valid YAML: the text after 'title:' has a colon followed "
      "by a space, which YAML reads as the start of a field; put the whole text in quotes: title: \"Density: why "
      "ships float\""]),
    ("a colon in text with a backslash", {"portfolio/units/forces.yml": "title: Save in C:\\Users\\ana: notes\n"},
     ["error: portfolio/units/forces.yml:1: this is not valid YAML: the text after 'title:' has a colon followed "
      "by a space, which YAML reads as the start of a field; put the whole text in quotes: title: 'Save in "
      "C:\\Users\\ana: notes'"]),  # (in double quotes, '\U' would start an escape)
    ("a quote not closed", {"portfolio/units/forces.yml": "title: \"Forces\norder: 2\n"},
     ["error: portfolio/units/forces.yml:1: this is not valid YAML: the quote \" at column 8 is never closed; end "
      "the text with another \""]),
    ("a tab as indentation", {PUSHES: L + "objectives:\n\t- Push a cart\n---\n"},
     [f"error: {PUSHES}:5: this is not valid YAML: column 1 has a tab; indent with spaces, not tabs"]),
    ("a reference to a file refused for its name",
     {"portfolio/lessons/What-is-a-cell.md": L + "---\n", "portfolio/lessons/what-is-a-cell.md": None},
     ["error: portfolio/lessons/What-is-a-cell.md: the file name is the id used in web addresses and references: "
      "use lowercase letters, digits and dashes only, rename it to 'what-is-a-cell.md', found 'What-is-a-cell.md'"]),
    ("a file name with no Latin letters", {"portfolio/lessons/力.md": L + "---\n"},
     ["error: portfolio/lessons/力.md: the file name is the id used in web addresses and references: use lowercase "
      "letters, digits and dashes only, e.g. 'adding-fractions.md', found '力.md'"]),
    ("a missing field says what it holds", {PUSHES: "---\ntitle: Pushes\n---\n"},
     [f"error: {PUSHES}:2: field 'unit': this field is required. Add it: the id of the unit (the file name in "
      "units/, without .yml)."]),
    ("a link to a lesson that failed to load",
     {PUSHES: "---\ntitle: Pushes\nunit: forces\nstatus: publised\n---\n",
      "portfolio/lessons/linker.md": "---\ntitle: Linker\nunit: forces\n---\n\nThen [pushes](pushes.md).\n"},
     [f"error: {PUSHES}:4: field 'status': expected one of 'draft', 'published', found 'publised'. Did you mean "
      "'published'?",
      "warning: portfolio/lessons/linker.md:6: the link to 'pushes.md' is shown as plain text: lesson "
      "'pushes' is left out for its own problems, said for its file; the link works once its problems are fixed"]),
    ("every id is offered when no lesson loaded",
     {"portfolio/lessons/what-is-a-cell.md": None, "portfolio/lessons/cell-parts.md": None,
      "portfolio/lessons/secret-draft.md": None, "portfolio/lessons/Pushes.md": L + "---\n", PUSHES: None},
     ["error: portfolio/lessons/Pushes.md: the file name is the id used in web addresses and references: use "
      "lowercase letters, digits and dashes only, rename it to 'pushes.md', found 'Pushes.md'",
      "error: portfolio/credentials/video-design.yml:12: field 'award.evidence[0].lesson': expected the id of a lesson in "
      "lessons/ (none has loaded: Pushes has problems of their own, said for their files), found 'what-is-a-cell'"]),
    ("a BOM before the front matter", {PUSHES: "\ufeff" + L + "titel: x\n---\n"},
     [f"error: {PUSHES}:4: field 'titel': unknown field; remove it or check its spelling. Did you mean 'title'?"]),
    # 7. Accepted though wrong
    ("a credential twice in a stack", {"portfolio/stacks/flipped.yml": "name: S\ncredentials: [video-design, video-design]\n"},
     ["error: portfolio/stacks/flipped.yml:2: field 'credentials[1]': 'video-design' is listed twice; keep one"]),
    ("a credential twice in a lesson", {PUSHES: L + "credentials: [video-design, video-design]\n---\n"},
     [f"error: {PUSHES}:4: field 'credentials[1]': 'video-design' is listed twice; keep one"]),
    ("a title of zero-width characters", {PUSHES: "---\ntitle: \"\u200b\u200b\"\nunit: forces\n---\n"},
     [f"error: {PUSHES}:2: field 'title': expected some text, found '\\u200b\\u200b'"]),
    ("an endless duration", {PUSHES: L + "videos:\n  - url: https://youtu.be/abcdefghijk\n    title: T\n"
                                         "    duration: 99999999999999999999999\n---\n"},
     [f"error: {PUSHES}:7: field 'videos[0].duration': expected a time of at most 24 hours ('24:00:00', or 86400 "
      "seconds), found 99999999999999999999999"]),
    ("a photo that is no picture", {"portfolio/profile.yml": "name: Sam\nphoto: {src: profile.yml, alt: Me}\n"},
     ["error: portfolio/profile.yml:2: field 'photo.src': expected a picture file (.png, .jpg, .jpeg, .gif, .webp, "
      ".svg, .avif), found 'profile.yml'"]),
    ("a web video address with a space", {PUSHES: L + "videos:\n  - url: https://example.org/my video.mp4\n---\n"},
     [f"error: {PUSHES}:5: field 'videos[0].url': web addresses cannot contain spaces; write %20 for a space, "
      "found 'https://example.org/my video.mp4'"]),
    ("a captions file without cues", {"portfolio/media/cells.en.vtt": "WEBVTT\n\n"},
     ["warning: portfolio/lessons/what-is-a-cell.md:11: field 'videos[0].captions': the captions file "
      "media/cells.en.vtt has no cues (only its WEBVTT header); add the captions to it, or say why there are none "
      "in 'no_captions_reason'"]),
    ("a language by its name", {"portfolio/profile.yml": "name: Sam\nlanguages: [english]\n"},
     ["error: portfolio/profile.yml:2: field 'languages[0]': expected a language code, found 'english'; use "
      "language codes such as 'en', 'es', 'fr' ('en' for English)"]),
    ("the scaffold's placeholder video", {PUSHES: L + "videos:\n  - url: https://www.youtube.com/watch?v=REPLACE-ME1"
                                                      "   # REPLACE-ME: your video's address\n    title: T\n"
                                                      "    duration: 10\n    no_captions_reason: none\n---\n"},
     [f"warning: {PUSHES}:5: field 'videos[0].url': a placeholder is still here (marked "
      "REPLACE-ME): write your video's address, then delete the mark"]),
    # 1, 2, 8. Lesson text: links (warnings) and unsafe HTML (errors), named by the lesson file and line
    ("a link to a draft", {PUSHES: L + "---\n\nNext: [the draft](secret-draft.md)\n"},
     [f"warning: {PUSHES}:6: the link to 'secret-draft.md' is shown as plain text: lesson 'secret-draft' is a "
      "draft; the link works once that lesson is published"]),
    ("a link to a private credential's file", {PUSHES: L + "---\n\n[x](../credentials/hidden-award.yml)\n"},
     [f"warning: {PUSHES}:6: the link to '../credentials/hidden-award.yml' is shown as plain text: credential "
      "'hidden-award' is private; the link works once that credential is published"]),
    ("a broken link", {PUSHES: L + "---\n\nSee [the sheet](../media/sheet.pdf).\n"},
     [f"warning: {PUSHES}:6: the link to '../media/sheet.pdf' is shown as plain text: it is not a file (no such "
      "file); check the name and the folder"]),
    ("a script", {PUSHES: L + "---\n\n<script>alert(1)</script>\n"},
     [f"error: {PUSHES}:6: the lesson text has a <script> element; scripts in lesson text run in every "
      "visitor's browser: remove it (Flipfolio adds what its pages need)"]),
    ("a script after a fence never closed (no code block, as Python-Markdown reads it)",
     {PUSHES: L + "---\n\n```\n<script>alert(1)</script>\n"},
     [f"error: {PUSHES}:7: the lesson text has a <script> element; scripts in lesson text run in every "
      "visitor's browser: remove it (Flipfolio adds what its pages need)"]),
    ("a script between escaped backticks (no code, as Python-Markdown reads it)",
     {PUSHES: L + "---\n\n\\`<script>alert(1)</script>\\`\n"},
     [f"error: {PUSHES}:6: the lesson text has a <script> element; scripts in lesson text run in every "
      "visitor's browser: remove it (Flipfolio adds what its pages need)"]),
    ("an event attribute", {PUSHES: L + "---\n\n<img src=x.png alt=x onerror=alert(1)>\n"},
     [f"warning: {PUSHES}:6: the link to 'x.png' is shown as plain text: it is not a file (no such file); check the "
      "name and the folder",
      f"error: {PUSHES}:6: the lesson text has an 'onerror' attribute on an <img> tag; it runs a script in every "
      "visitor's browser: remove the attribute"]),
    ("a player in the text", {PUSHES: L + "---\n\nWatch:\n<video controls src=\"https://cdn.example.org/a.mp4\">"
                                      "</video>\n\n`<audio>` <AUDIO src=\"https://cdn.example.org/a.mp3\"></AUDIO>\n"},
     [f"error: {PUSHES}:7: the lesson text has a 'src' attribute on a <video> tag that loads another site in every "
      "visitor's browser as soon as the page opens: remove it, or show a file of the portfolio instead",
      f"error: {PUSHES}:9: the lesson text has a 'src' attribute on an <audio> tag that loads another site in every "
      "visitor's browser as soon as the page opens: remove it, or show a file of the portfolio instead",
      f"warning: {PUSHES}:7: the lesson text has a <video> element: nothing checks its captions or transcript, and "
      "its file is not published with the lesson; put the video in the lesson's 'videos:' field instead",
      f"warning: {PUSHES}:9: the lesson text has an <audio> element: nothing checks its captions or transcript, and "
      "its file is not published with the lesson; link to the recording instead, [Listen](../../media/talk.mp3), "
      "and give its transcript"]),
    ("a javascript: link", {PUSHES: L + "---\n\n[click](javascript:alert(1))\n"},
     [f"error: {PUSHES}:6: the lesson text has a 'javascript:' address; it runs code when a visitor follows it: "
      "link to a page or a file instead"]),
]


@pytest.mark.parametrize("probe,files,expected", PROBES, ids=[p[0] for p in PROBES])
def test_each_probe_gets_its_message_and_nothing_else(site_factory, probe, files, expected):
    site = site_factory()
    for path, text in files.items():
        target = site.root / path
        if text is None:
            target.unlink()
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    reported = [f"{p.severity}: {p}" for p in load(site.root / "portfolio").problems]
    assert reported == expected


def test_a_file_saved_in_another_encoding_is_named_with_its_line(site_factory):
    site = site_factory()
    (site.root / PUSHES).write_bytes((L + "---\n\nCaf\u00e9 au lait.\n").encode("cp1252"))
    assert [str(p) for p in load(site.root / "portfolio").problems] == [
        f"{PUSHES}:6: the file is not UTF-8 text (column 4 of this line has the byte 0xE9); save it as UTF-8 (in "
        "most editors: 'Save with encoding', UTF-8)"]


def test_a_set_no_lesson_names_is_noted(site_factory):
    site = site_factory({"portfolio/questions/spare.yml": "title: Spare\nquestions:\n  - prompt: Why?\n    answer: x\n"})
    assert [str(p) for p in load(site.root / "portfolio").problems.notes if "spare" in p.file] == [
        "portfolio/questions/spare.yml: no lesson names this question set, so its questions are on no page; give a "
        "lesson 'questions: spare'"]
    # Not while a lesson has not loaded: it may be the one that names it.
    site.write({PUSHES: L + "status: publised\nquestions: spare\n---\n"})
    assert [p for p in load(site.root / "portfolio").problems.notes if "spare" in p.file] == []


def test_a_captions_file_saved_in_another_encoding_is_named_with_its_line(site_factory):
    site = site_factory()
    (site.root / "portfolio/media/cells.en.vtt").write_bytes(
        "WEBVTT\n\n00:00.000 --> 00:02.000\nCaf\u00e9 au lait\n".encode("cp1252"))
    assert [str(p) for p in load(site.root / "portfolio").problems] == [
        "portfolio/lessons/what-is-a-cell.md:8: field 'videos[0]': the captions file media/cells.en.vtt cannot be "
        "read (it is not UTF-8 text: column 4 of line 4 has the byte 0xE9; save it as UTF-8 (in most editors: 'Save "
        "with encoding', UTF-8)); the transcript is left out"]


def test_a_captions_file_with_a_byte_order_mark_is_named_at_the_right_column(site_factory):
    site = site_factory()
    (site.root / "portfolio/media/cells.en.vtt").write_bytes(
        b"\xef\xbb\xbf" + "WEBVTT\n\n00:00.000 --> 00:02.000\nCaf\u00e9 au lait\n".encode("cp1252"))
    assert [str(p) for p in load(site.root / "portfolio").problems] == [
        "portfolio/lessons/what-is-a-cell.md:8: field 'videos[0]': the captions file media/cells.en.vtt cannot be "
        "read (it is not UTF-8 text: column 4 of line 4 has the byte 0xE9; save it as UTF-8 (in most editors: 'Save "
        "with encoding', UTF-8)); the transcript is left out"]


def test_thirty_broken_files_and_an_impossible_date_are_all_reported_by_one_build(site_factory):
    files, expected = {}, []
    for n in range(30):
        files[f"portfolio/units/broken-{n}.yml"] = f"title: Unit {n}\nordr: {n}\n"
        expected.append(f"portfolio/units/broken-{n}.yml:2: field 'ordr': unknown field; remove it or check its "
                        "spelling. Did you mean 'order'?")
    files[PUSHES] = L + "due: 2027-02-31\n---\n"
    expected.append(f"{PUSHES}:4: field 'due': expected a real date written YYYY-MM-DD: February 2027 has 28 days, "
                    "found '2027-02-31'")
    site = site_factory(files)
    with pytest.raises(Abort):
        site.build()
    problems = [str(p) for p in load(site.root / "portfolio").problems]
    assert sorted(problems) == sorted(expected)


def test_the_build_error_lists_every_problem(site_factory, mkdocs_log):
    files = {f"portfolio/units/broken-{n}.yml": f"title: [unclosed {n}\n" for n in range(30)}
    files[PUSHES] = L + "assigned: 2026-13-01\n---\n"
    site = site_factory(files)
    with pytest.raises(Abort):
        site.build()
    error = "\n".join(r.getMessage() for r in mkdocs_log.records if r.levelname == "ERROR")
    assert error.startswith("31 problems in the portfolio:")
    assert all(f"portfolio/units/broken-{n}.yml:1: this is not valid YAML" in error for n in range(30))
    assert f"{PUSHES}:4: field 'assigned': expected a real date" in error
    assert "Traceback" not in error
