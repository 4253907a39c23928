"""The teacher's class page in headless Chromium, fed with receipts made by the
real student page.

A tiny site is built with an in-class flip lesson and a set of every marked
type plus an open and a WSQ question. Thirty receipts are made by answering
the lesson's questions in one browser page (a new name and "Forget my
answers" between students), with varied answers, some partial: one student
hands in twice, one answers an older version of the set (built first, then
the set is edited and the site rebuilt), one answers another lesson that uses
the same set, and one receipt is edited by hand. They are dropped on the class
page (files, and two pasted together), with a duplicate, a file that is no
receipt and one of an unknown format version; every figure the page shows is
checked against the answers given, and so is the CSV; no request leaves the
page once loaded. Then: axe-core with the data loaded in both colour schemes,
the keyboard alone, and keeping the class in the browser until "Forget this
class"."""

from __future__ import annotations

import csv
import io
import json
import math
import random
import re
import shutil
import statistics
import string

import pytest
import sitecheck
from sites import BASE, MKDOCS_YML, Site

from flipfolio.core import messages as catalogue
from flipfolio.questions import answers as rules

LESSON = "lessons/what-is-a-cell/"
CLASS = LESSON + "class/"
OTHER = "lessons/cell-parts/"
MARK = "flipfolio-receipt: "
NAME_FIELD = "Your name, for the receipt (kept on this device only)"

def question_set(*, old: bool) -> str:
    """The set as it is (`old=False`), or its older version: `legs` worded otherwise, `gone`
    (removed since), no `match`."""
    legs = "How many legs does an insect have?" if old else "How many legs has an insect?"
    lines = ["title: Before the lab", "questions:",
             "  - prompt: Pick the smallest unit of life.", "    id: pick",
             "    choices: [{text: Cell, correct: true}, Organ, Tissue]",
             "  - prompt: Pick both living things.", "    id: both", "    type: multiple",
             "    choices: [Moss, Rock, Fern]", "    answers: [Moss, Fern]",
             "  - prompt: Every living thing is made of cells.", "    id: tf", "    answer: true",
             "  - prompt: Name the cell's control centre.", "    id: centre", "    answers: [nucleus, the nucleus]",
             f"  - prompt: {legs}", "    id: legs", "    type: numeric", "    answer: 6"]
    if old:
        lines += ["  - prompt: Name a one-celled living thing.", "    id: gone", "    answer: bacteria"]
    lines += ["  - prompt: Order the levels, smallest first.", "    id: order", "    items: [cell, tissue, organ]"]
    if not old:
        lines += ["  - prompt: Match each part with its job.", "    id: match", "    pairs:",
                  "      - {left: Membrane, right: controls what enters}", "      - {left: Wall, right: gives support}"]
    lines += ["  - prompt: Explain why cells divide.", "    id: why", "    type: open",
              "  - prompt: Watch, summarize, ask.", "    id: wsq", "    type: wsq"]
    return "\n".join(lines) + "\n"


OLD_SET, SET = question_set(old=True), question_set(old=False)

QUESTIONS = ["pick", "both", "tf", "centre", "legs", "order", "match", "why", "wsq"]
MARKED = ["pick", "both", "tf", "centre", "legs", "order", "match"]
TYPES = {"pick": "choice", "both": "multiple", "tf": "true-false", "centre": "short", "legs": "numeric",
         "order": "ordering", "match": "matching", "why": "open", "wsq": "wsq", "gone": "short"}
SHOWN = {"pick": ["Cell", "Organ", "Tissue"], "both": ["Moss", "Rock", "Fern"], "tf": ["True", "False"]}
ORDER = ["cell", "tissue", "organ"]
ORDER_SHOWN = rules.shuffled(ORDER, "order")
RIGHTS_SHOWN = rules.shuffled(["controls what enters", "gives support"], "match")
MATCH = {"right": (("Membrane", "controls what enters"), ("Wall", "gives support")),
         "swapped": (("Membrane", "gives support"), ("Wall", "controls what enters"))}
GROUP_NAMES = {"further": "Ready to go further", "practise": "Practise together",
               "help": "Starts at the teacher's station"}  # an in-class flip lesson

FILES = {
    "mkdocs.yml": MKDOCS_YML,
    "portfolio/lessons/what-is-a-cell.md": """\
        ---
        title: What is a cell?
        unit: cells
        order: 1
        flip: in-class
        questions: cell-check
        ---

        Cells are the units of life.
        """,
    "portfolio/lessons/cell-parts.md": """\
        ---
        title: Parts of a cell
        unit: cells
        order: 2
        questions: cell-check
        ---

        Inside the cell.
        """,
}

FIRST = ["Ana", "Ben", "Chloe", "Dev", "Emma", "Finn", "Grace", "Hugo", "Ines", "Jack", "Kai", "Lena", "Milo",
         "Nora", "Omar", "Pia", "Quinn", "Ravi", "Sofia", "Tom", "Uma", "Vera", "Will", "Xena", "Yusuf"]
POOLS = {
    "pick": ["Cell", "Cell", "Organ", "Tissue"],
    "both": [("Moss", "Fern"), ("Moss", "Fern"), ("Moss",), ("Moss", "Rock", "Fern"), ("Rock",)],
    "tf": ["True", "True", "False"],
    "centre": ["nucleus", "The Nucleus!", "the nucleus", "Mitochondria", "mitochondria.", "MITOCHONDRIA",
               "cell wall", "<b>ribosome</b>"],
    "legs": ["6", " 6 ", "8", "8.0", "eight", "4", "6.0"],
    "order": ["right", "right", "shown"],
    "match": ["right", "right", "swapped"],
}


def plan_of_class() -> list[dict]:
    """Who answers what: 25 students on the current set (seeded, varied, some partial), one
    student twice, one on the older set, one on another lesson and one whose receipt is edited."""
    rng = random.Random(11)
    plans = []
    for n, first in enumerate(FIRST):
        answers = {}
        for qid in QUESTIONS:
            if n % 4 == 3 and rng.random() < 0.35:  # about a quarter answer only part
                continue
            if qid == "why":
                answers[qid] = rng.choice(["Cells divide so that we grow.", "To repair the skin after a cut.",
                                           "=HYPERLINK(\"x\") so cells can grow"])
            elif qid == "wsq":
                answers[qid] = (f"Cells are small, says {first}.", f"Why are cells so small, {first}?")
            else:
                answers[qid] = rng.choice(POOLS[qid])
        plans.append({"name": f"{first} {chr(65 + n)}.", "answers": answers, "kind": "current"})
    plans[3]["name"] = "=cmd|' /C calc'!A0"  # a name that must not become a spreadsheet formula
    plans[7]["name"] = '<img src=x onerror="document.title=1">'  # nor markup
    twice = {"pick": "Organ", "tf": "False"}
    plans.append({"name": "Zoë Twice", "answers": twice, "kind": "first of two"})
    plans.append({"name": "Zoë Twice", "answers": {**twice, "pick": "Cell", "both": ("Moss", "Fern"), "centre": "nucleus",
                                                   "legs": "6", "order": "right", "match": "right"}, "kind": "current"})
    plans.append({"name": "Olga Older", "answers": {"pick": "Cell", "legs": "6", "gone": "bacteria", "tf": "False",
                                                    "wsq": ("Old set summary.", "Is the old set still fine?")},
                  "kind": "older"})
    plans.append({"name": "Otto Other", "answers": {"pick": "Cell"}, "kind": "other lesson"})
    plans.append({"name": "Hana Hand", "answers": {"pick": "Organ", "tf": "True"}, "kind": "edited"})
    return plans


def item(page, qid):
    return page.locator(f'[data-ff-question="{qid}"]')


def order_shown(question) -> list[str]:
    return [t.strip() for t in question.locator(".ff-order li span").all_inner_texts()]


def answer(page, answers: dict) -> None:
    """Answer on the student page, each question by mouse, then Check."""
    for qid, value in answers.items():
        question = item(page, qid)
        if qid in ("pick", "tf"):
            question.get_by_label(value, exact=True).check()
        elif qid == "both":
            for text in value:
                question.get_by_label(text, exact=True).check()
        elif qid in ("centre", "legs", "gone", "why"):
            question.get_by_label("Your answer").fill(value)
        elif qid == "order" and value == "right":
            while order_shown(question) != ORDER:
                shown = order_shown(question)
                wrong = next(i for i, text in enumerate(shown) if text != ORDER[i])
                question.get_by_role("button", name=f"Move up: {ORDER[wrong]}").click()
        elif qid == "match":
            for left, right in MATCH[value]:
                question.get_by_label(left).select_option(label=right)
        elif qid == "wsq":
            question.locator("textarea").first.fill(value[0])
            question.locator("textarea").nth(1).fill(value[1])
        question.locator(".ff-check-button").click()


def hand_in(page, name: str, answers: dict, as_text: bool, folder, number: int):
    """Answer as `name` and download the receipt; returns the file saved."""
    forget = page.get_by_role("button", name="Forget my answers")
    if forget.is_visible():
        page.once("dialog", lambda dialog: dialog.accept())
        forget.click()
    field = page.get_by_label(NAME_FIELD)
    field.fill(name)
    field.press("Tab")
    answer(page, answers)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as text" if as_text else "Download as JSON").click()
    target = folder / f"{number:02d}-{download.value.suggested_filename}"
    download.value.save_as(target)
    return target


def receipt_of(text: str) -> dict:
    for line in text.splitlines():
        if line.startswith(MARK):
            return json.loads(line[len(MARK):])
    return json.loads(text)


def open_lesson(page, url: str, address: str = LESSON) -> None:
    page.goto(url + address)
    page.wait_for_selector(".ff-questions[data-ff-ready] .ff-summary")


@pytest.fixture(scope="module")
def handed_in(browser, tmp_path_factory):
    """The site (served), the receipts made by the student page, and the plan behind them."""
    root = tmp_path_factory.mktemp("class-page")
    site = Site(root / "src")
    site.write(BASE)
    site.write(FILES)
    site.write({"portfolio/questions/cell-check.yml": OLD_SET})
    site.build()
    folder = root / "receipts"
    folder.mkdir()
    plans = plan_of_class()
    made = []
    with sitecheck.serve(site.out) as url:
        context = browser.new_context(accept_downloads=True)
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
            ("http://127.0.0.1:", "data:", "blob:")) else route.abort())
        page = context.new_page()
        open_lesson(page, url)
        older = next(p for p in plans if p["kind"] == "older")
        made.append((older, hand_in(page, older["name"], older["answers"], False, folder, 0)))
        # The teacher edits the set (rewords a question, removes one, adds one); the site is built again.
        site.write({"portfolio/questions/cell-check.yml": SET})
        site.build()
        open_lesson(page, url)
        for number, plan in enumerate(plans, start=1):
            if plan["kind"] in ("older", "other lesson"):
                continue
            as_text = number % 2 == 0 and plan["kind"] == "current"  # half the receipts as text, half as JSON
            made.append((plan, hand_in(page, plan["name"], plan["answers"], as_text, folder, number)))
        other = next(p for p in plans if p["kind"] == "other lesson")
        open_lesson(page, url, OTHER)
        made.append((other, hand_in(page, other["name"], other["answers"], False, folder, 99)))
        context.close()
        assert len(made) == 30
        # One receipt edited by hand: a wrong answer made right, the checksum left as it was.
        edited = next(path for plan, path in made if plan["kind"] == "edited")
        data = json.loads(edited.read_text(encoding="utf-8"))
        data["answers"][0].update(answer="Cell", given=[0], right=True)
        edited.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        yield {"url": url, "site": site, "made": made, "folder": folder}


def extras(handed_in) -> list:
    """Files that are not receipts to count: a copy, notes, a receipt of a format to come."""
    folder, made = handed_in["folder"], handed_in["made"]
    first = next(path for plan, path in made if plan["name"].startswith("Ana"))
    copy = folder / "copy-of-ana.json"
    shutil.copy(first, copy)
    notes = folder / "notes.txt"
    notes.write_text("Bring the microscopes {tomorrow}.\n", encoding="utf-8")
    future = folder / "future.json"
    data = receipt_of(next(path for plan, path in made if plan["name"].startswith("Ben")).read_text(encoding="utf-8"))
    data["version"] = 2
    future.write_text(json.dumps(data), encoding="utf-8")
    return [copy, notes, future]


# ---------------------------------------------------------------------------- what the page should show


def half_up(value: float) -> int:
    return math.floor(value + 0.5)


def duration(seconds: float) -> str:
    seconds = half_up(seconds)
    return f"{seconds} s" if seconds < 60 else f"{seconds // 60} min" + (f" {seconds % 60} s" if seconds % 60 else "")


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def right_of(qid: str, value) -> bool | None:
    """Whether the plan's answer is right, by the rules of questions/answers.py."""
    return {"pick": lambda v: v == "Cell", "both": lambda v: set(v) == {"Moss", "Fern"}, "tf": lambda v: v == "True",
            "centre": lambda v: rules.same_text(v, ["nucleus", "the nucleus"]), "legs": lambda v: rules.same_number(v, 6),
            "gone": lambda v: rules.same_text(v, ["bacteria"]), "order": lambda v: v == "right",
            "match": lambda v: v == "right"}.get(qid, lambda v: None)(value)


def wrong_group(qid: str, value) -> tuple[str, str]:
    """(key, label) of a wrong answer: choices by the choices picked, short answers by their
    normalised text, numbers by their value (unparsed text by its normalised words)."""
    if qid in SHOWN:
        picked = sorted(SHOWN[qid].index(v) for v in ([value] if isinstance(value, str) else value))
        return f"c{picked}", "; ".join(SHOWN[qid][i] for i in picked)
    if qid == "centre":
        return "s" + rules.normalise(value), value.strip()
    if qid == "legs":
        parsed = rules.parse_number(value)
        return ("n", parsed[0]) if parsed else ("w", rules.normalise(value)), value.strip()
    if qid == "order":
        return "o", " \u2192 ".join(ORDER_SHOWN)
    if qid == "match":
        return "o", "; ".join(f"{left} = {right}" for left, right in MATCH[value])
    raise AssertionError(qid)


def expected_figures(handed_in) -> dict:
    """Every figure of the class page, worked out from the plan and the receipts' times."""
    counted = {}
    for plan, path in handed_in["made"]:
        if plan["kind"] in ("current", "older"):
            counted[plan["name"]] = (plan, receipt_of(path.read_text(encoding="utf-8")), path)
    names = sorted(counted, key=str.casefold)
    students = []
    for name in names:
        plan, receipt, path = counted[name]
        # The receipt says what the plan meant (right where marked, version of each question).
        given = {a["id"]: a for a in receipt["answers"]}
        assert set(given) == set(plan["answers"])
        for qid, value in plan["answers"].items():
            assert given[qid]["right"] == right_of(qid, value), (name, qid)
        answers = {qid: given[qid] for qid in QUESTIONS if qid in given}
        edited = {"legs"} & set(answers) if plan["kind"] == "older" else set()
        right = sum(1 for qid in MARKED if qid in answers and answers[qid]["right"])
        marked = sum(1 for qid in MARKED if qid in answers)
        share = right / len(MARKED)
        group = "further" if share >= 0.8 else "practise" if share >= 0.5 else "help"
        notes = ([ "an earlier version of the set", "1 answer to a question no longer in the set",
                   "1 answer to a question edited since"] if plan["kind"] == "older" else [])
        students.append({"name": name, "plan": plan, "receipt": receipt, "answers": answers, "edited": edited,
                         "right": right, "marked": marked, "group": group, "share": share, "notes": notes,
                         "source": path.name})
    questions = {}
    for qid in QUESTIONS:
        who = [s for s in students if qid in s["answers"]]
        seconds = [s["answers"][qid]["seconds"] for s in who if isinstance(s["answers"][qid]["seconds"], (int, float))]
        figures = {"answered": f"Answered: {len(who)} of {len(students)}",
                   "time": f"Median time: {duration(statistics.median(seconds))}" if seconds else "Time: not known"}
        if qid in MARKED:
            right = sum(1 for s in who if s["answers"][qid]["right"])
            figures["right"] = (f"Right: {right} of {len(who)} ({half_up(100 * right / len(who))}%)" if who
                                else "Right: no answers yet")
            if who:  # (every receipt here answers at the first try)
                assert all(s["answers"][qid]["tries"] == 1 for s in who)
                figures["first"] = f"Right at the first try: {right} of {len(who)}"
            groups: dict = {}
            for s in who:
                if s["answers"][qid]["right"]:
                    continue
                key, label = wrong_group(qid, s["plan"]["answers"][qid])
                groups.setdefault(key, []).append(label)
            listed = sorted(((max(sorted(set(labels)), key=labels.count), len(labels)) for labels in groups.values()),
                            key=lambda pair: (-pair[1], pair[0]))
            wrong = [f"{label}: {plural(count, 'student')}" for label, count in listed[:5]]
            if len(listed) > 5:
                rest = listed[5:]
                wrong.append(f"{plural(len(rest), 'other wrong answer')}, {plural(sum(c for _, c in rest), 'student')}")
            figures["wrong"] = wrong
        else:
            figures["right"] = "Not marked"
            figures["written"] = [f"{s['name']}: " + (s["answers"][qid]["given"]["summary"].strip() if qid == "wsq"
                                                      else s["answers"][qid]["given"].strip()) for s in who]
        figures["edited"] = sum(1 for s in who if qid in s["edited"])
        questions[qid] = figures
    asked = [f"{s['answers']['wsq']['given']['question'].strip()} \u2014 {s['name']}" for s in students if "wsq" in s["answers"]]
    return {"students": students, "questions": questions, "asked": asked}


def expected_refused(handed_in) -> set[str]:
    made = handed_in["made"]
    ana = next(path.name for plan, path in made if plan["name"].startswith("Ana"))
    by_kind = {plan["kind"]: (plan, path) for plan, path in made}
    first, first_path = by_kind["first of two"]
    second = next(path for plan, path in made if plan["name"] == first["name"] and plan["kind"] == "current")
    written = receipt_of(second.read_text(encoding="utf-8"))["written"]
    when = written[:19].replace("T", " ") + " UTC"
    other = by_kind["other lesson"][1].name
    edited = by_kind["edited"][1].name
    return {
        f"{first_path.name}: an older receipt of Zoë Twice: the one written {when} ({second.name}) counts.",
        f"{other}: a receipt for another lesson, \u201cParts of a cell\u201d (cell-parts).",
        f"{edited}: changed since the student's page wrote it (edited by hand, or re-wrapped by an email program): its "
        "checksum does not match.",
        f"copy-of-ana.json: the same receipt as {ana}.",
        "notes.txt: no receipt found in it.",
        "future.json: a receipt of format version 2, which this page does not read (it reads version 1).",
    }


# ---------------------------------------------------------------------------- what the page shows

SHOWN_JS = """() => {
  const text = el => el ? el.textContent.replace(/\\s+/g, ' ').trim() : null;
  const all = (root, sel) => Array.from(root.querySelectorAll(sel)).map(text);
  const questions = {};
  document.querySelectorAll('.ff-class-question[data-ff-question]').forEach(card => {
    const figures = {};
    card.querySelectorAll('[data-ff-figure]').forEach(li => figures[li.dataset.ffFigure] = text(li));
    questions[card.dataset.ffQuestion] = {title: text(card.querySelector('h3')), figures,
      wrong: all(card, '.ff-class-wrong-answers li'), written: all(card, '.ff-class-written li'),
      meta: all(card, 'p.ff-class-meta')};
  });
  const groups = {};
  document.querySelectorAll('[data-ff-group]').forEach(g => groups[g.dataset.ffGroup] = {
    title: text(g.querySelector('h3')), members: all(g, 'li')});
  const rows = Array.from(document.querySelectorAll('[data-ff-part=students] tbody tr')).map(tr => ({
    name: text(tr.querySelector('th')),
    cells: Array.from(tr.querySelectorAll('td')).map(td => td.querySelector('select') ? 'select:' + td.querySelector('select').value
      : td.classList.contains('ff-class-cell') ? text(td.querySelector('[aria-hidden]')) + '|' + text(td.querySelector('.ff-sr'))
      : text(td))}));
  return {status: text(document.getElementById('ff-class-status')),
          handed: all(document, '[data-ff-part=handed] > p, [data-ff-part=handed] li'),
          asked: all(document, '.ff-class-asked li'), questions, groups, rows,
          refused: all(document, '.ff-class-refused li'), title: document.title};
}"""


def mark_of(student, qid) -> str:
    found = student["answers"].get(qid)
    if found is None:
        return "\u2013|not answered"
    star, later = ("*", ", earlier version") if qid in student["edited"] else ("", "")
    if found["right"] is True:
        return f"\u2713{star}|right{later}"
    if found["right"] is False:
        return f"\u2717{star}|not right{later}"
    return f"\u270e{star}|answered{later}"


def check_shown(shown: dict, expected: dict, moved: dict | None = None) -> None:
    moved = moved or {}
    students = expected["students"]
    partial = [s for s in students if len(s["answers"]) < len(QUESTIONS)]
    assert shown["handed"][:1] == [f"{len(students)} students handed in: {len(students) - len(partial)} answered every "
                                   f"question, {len(partial)} only part."]
    assert [line for line in shown["handed"] if " answered" in line and line.endswith("answered")] == [
        f"{s['name']}: {len(s['answers'])} of {len(QUESTIONS)} answered" for s in partial]
    assert "Olga Older: " + "; ".join(students[[s["name"] for s in students].index("Olga Older")]["notes"]) in shown["handed"]
    assert shown["asked"] == expected["asked"]
    for n, qid in enumerate(QUESTIONS, start=1):
        got, want = shown["questions"][qid], expected["questions"][qid]
        assert got["title"].startswith(f"{n}. ")
        assert got["figures"] == {key: want[key] for key in ("answered", "right", "first", "time") if key in want}, qid
        if "wrong" in want:
            assert got["wrong"] == want["wrong"], qid
        else:
            assert got["written"] == want["written"], qid
        edited_note = [m for m in got["meta"] if "earlier version" in m]
        assert edited_note == ([f"{plural(want['edited'], 'answer was', 'answers were')} given to an earlier version of "
                                "this question (* in the table)."] if want["edited"] else []), qid
    groups = {g: [s["name"] + (" (moved)" if s["name"] in moved else "") for s in students
                  if moved.get(s["name"], s["group"]) == g] for g in GROUP_NAMES}
    assert {g: v["members"] for g, v in shown["groups"].items()} == {g: groups[g] for g in GROUP_NAMES}
    assert {g: v["title"] for g, v in shown["groups"].items()} == {
        g: f"{GROUP_NAMES[g]} ({len(groups[g])})" for g in GROUP_NAMES}
    assert [r["name"] for r in shown["rows"]] == [s["name"] for s in students]
    for row, s in zip(shown["rows"], students):
        assert row["cells"] == [f"{len(s['answers'])} of {len(QUESTIONS)}",
                                f"{s['right']} of {s['marked']}" if s["marked"] else "\u2013",
                                "select:" + moved.get(s["name"], s["group"]),
                                *[mark_of(s, qid) for qid in QUESTIONS], "; ".join(s["notes"])], s["name"]


def guard(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def check_csv(text: str, expected: dict, moved: dict) -> None:
    assert text.startswith("\ufeff") and "\r\n" in text
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    head = ["Student", "Group", "Answered", "Questions", "Right", "Marked answered", "Share right (%)", "Written (UTC)",
            "Set version", "Notes"] + [f"Q{n} {what}" for n in range(1, len(QUESTIONS) + 1) for what in ("answer", "right")]
    assert rows[0] == head
    assert len(rows) == len(expected["students"]) + 1
    for row, s in zip(rows[1:], expected["students"]):
        want = [guard(s["name"]), GROUP_NAMES[moved.get(s["name"], s["group"])], str(len(s["answers"])),
                str(len(QUESTIONS)), str(s["right"]), str(s["marked"]), str(half_up(100 * s["share"])),
                s["receipt"]["written"], "earlier" if s["plan"]["kind"] == "older" else "current", "; ".join(s["notes"])]
        for qid in QUESTIONS:
            found = s["answers"].get(qid)
            want.append(guard(found["answer"] + (" *" if qid in s["edited"] else "")) if found else "")
            want.append("" if found is None or found["right"] is None else "yes" if found["right"] else "no")
        assert row == want, s["name"]
    # Quoted properly: every cell in quotes, quotes doubled.
    assert all(line.startswith('"') for line in text[1:].split("\r\n") if line)


def open_class_page(new_page, url, scheme="light"):
    page = new_page(scheme=scheme)
    page.goto(url + CLASS)
    page.wait_for_selector("body[data-ff-ready]")
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    return page, requests


def read_class(page, handed_in, files, pasted_paths=()) -> None:
    page.set_input_files("#ff-class-files", [str(p) for p in files])
    page.wait_for_function("document.getElementById('ff-class-status').textContent.includes('counted')")
    if pasted_paths:
        page.get_by_label(re.compile("^Or paste receipts")).fill(
            "\n\n".join(p.read_text(encoding="utf-8") for p in pasted_paths))
        page.get_by_role("button", name="Read the pasted text").click()
        page.wait_for_function("document.getElementById('ff-class-status').textContent.startsWith('Read the pasted text')")


def the_class(handed_in):
    """The files dropped on the page and the text receipts pasted (two regular students', in one paste)."""
    made = handed_in["made"]
    pasted = [path for plan, path in made if path.suffix == ".txt" and plan["name"][0] in "ABCDEFGHIJKLMNOPQRSTUVWXY"
              and plan["kind"] == "current"][-2:]
    files = [path for _, path in made if path not in pasted] + extras(handed_in)
    return files, pasted


def test_the_class_page_shows_every_figure_of_thirty_receipts_and_sends_nothing(handed_in, new_page):
    url = handed_in["url"]
    page, requests = open_class_page(new_page, url)
    assert page.locator("#ff-class-results").is_hidden()
    files, pasted = the_class(handed_in)
    read_class(page, handed_in, files, pasted)
    expected = expected_figures(handed_in)
    assert len(expected["students"]) == 27
    shown = page.evaluate(SHOWN_JS)
    refused = expected_refused(handed_in)
    assert shown["status"] == (f"Read the pasted text: 27 students counted; {len(refused)} files or receipts not counted "
                               "(listed under \u201cNot counted\u201d).")
    check_shown(shown, expected)
    assert set(shown["refused"]) == refused and len(shown["refused"]) == len(refused)
    # Olga's answer to a question the set no longer has is named by the prompt her page showed.
    olga = next(s for s in expected["students"] if s["name"] == "Olga Older")
    gone_prompt = next(a["prompt"] for a in olga["receipt"]["answers"] if a["id"] == "gone")
    gone = page.locator("[data-ff-gone]")
    assert gone.locator("h3").inner_text() == "Questions no longer in the set"
    assert gone.locator("li").all_inner_texts() == [f"{gone_prompt}: 1 student"]
    assert shown["title"] == "Your class's answers: What is a cell?"  # the student's markup stayed text
    assert page.locator("[data-ff-part] img").count() == 0
    # The teacher moves a student to another group: the lists follow.
    first = expected["students"][0]
    target = "help" if first["group"] != "help" else "further"
    page.get_by_label(f"Group of {first['name']}").select_option(target)
    moved = {first["name"]: target}
    check_shown(page.evaluate(SHOWN_JS), expected, moved)
    assert requests == [], f"the class page made requests: {requests}"
    # The CSV holds the same figures (the student's own text guarded against formulas).
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as CSV").click()
    assert download.value.suggested_filename == "what-is-a-cell-class.csv"
    check_csv(open(download.value.path(), encoding="utf-8", newline="").read(), expected, moved)
    assert all(r.startswith("blob:") for r in requests), requests  # only the CSV, made in the page
    assert page.other_requests == []
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('flipfolio:v1:class:'))") == []


#: Three students who each got the first question right only after trying again, the second at once.
TRIED_AGAIN_JS = """() => {
  const R = flipfolio.receipt, d = JSON.parse(document.getElementById('ff-class-data').textContent);
  const [first, second] = d.questions.filter(q => q.marked);
  const answer = (q, tries) => ({id: q.id, version: q.version, type: q.type, prompt: q.prompt, answer: 'A', given: 'A',
                                 right: true, tries, answered: '2026-09-02T10:00:00.000Z', seconds: 20});
  return {ids: [first.id, second.id], text: ['Ana', 'Ben', 'Cleo'].map((student, n) => {
    const r = {receipt: 'flipfolio-answers', version: 1, lesson: {id: d.lesson.id, title: d.lesson.title}, set: d.set,
               student, written: `2026-09-02T1${n}:00:00.000Z`, questions: d.questions.length,
               answers: [answer(first, n + 2), answer(second, 1)]};
    r.checksum = 'crc32:' + R.crc32(JSON.stringify(r));
    return JSON.stringify(r);
  }).join('\\n\\n')};
}"""


def test_a_question_right_only_after_trying_again_shows_as_such(handed_in, new_page):
    """Right in the end is not right at the first try: the question says how
    many were right at once, and a student's group counts first tries only."""
    page, requests = open_class_page(new_page, handed_in["url"])
    made = page.evaluate(TRIED_AGAIN_JS)
    page.get_by_label(re.compile("^Or paste receipts")).fill(made["text"])
    page.get_by_role("button", name="Read the pasted text").click()
    page.wait_for_function("document.getElementById('ff-class-status').textContent.startsWith('Read the pasted text')")
    first, second = (page.locator(f'.ff-class-question[data-ff-question="{qid}"]') for qid in made["ids"])
    lead = page.locator(".ff-class-most-missed")
    n = first.locator("h3").inner_text().split(".")[0]
    assert lead.inner_text() == f"Most missed at the first try: Question {n} (0%)."
    assert lead.locator("a").get_attribute("href") == f"#ff-class-q-{n}"
    assert first.locator('[data-ff-figure="right"]').inner_text() == "Right: 3 of 3 (100%)"
    assert first.locator('[data-ff-figure="first"]').inner_text() == "Right at the first try: 0 of 3"
    assert "None in the end; right only after trying again: 3 students." in first.inner_text()
    assert second.locator('[data-ff-figure="first"]').inner_text() == "Right at the first try: 3 of 3"
    assert "None: every answer was right." in second.inner_text()
    rows = page.locator(".ff-class-table tbody tr")
    assert rows.count() == 3
    for n in range(3):  # one of the marked questions right at the first try, whatever the tries of the other
        assert rows.nth(n).locator("td").nth(1).inner_text() == "1 of 2"
    assert requests == []


#: Receipts without a name: one student's, downloaded twice a few seconds apart (as text and as JSON), and another's.
UNNAMED_JS = """() => {
  const R = flipfolio.receipt, d = JSON.parse(document.getElementById('ff-class-data').textContent);
  const q = d.questions.find(q => q.marked);
  const make = (written, right) => {
    const r = {receipt: 'flipfolio-answers', version: 1, lesson: {id: d.lesson.id, title: d.lesson.title}, set: d.set,
               student: '', written, questions: d.questions.length,
               answers: [{id: q.id, version: q.version, type: q.type, prompt: q.prompt, answer: 'A', given: 'A', right,
                          tries: 1, answered: '2026-09-02T10:00:00.000Z', seconds: 20}]};
    r.checksum = 'crc32:' + R.crc32(JSON.stringify(r));
    return JSON.stringify(r);
  };
  return [make('2026-09-02T10:01:05.000Z', true), make('2026-09-02T10:01:40.000Z', true),
          make('2026-09-02T10:01:50.000Z', false)].join('\\n\\n');
}"""


def test_one_students_receipt_without_a_name_handed_in_twice_counts_once(handed_in, new_page):
    page, requests = open_class_page(new_page, handed_in["url"])
    page.get_by_label(re.compile("^Or paste receipts")).fill(page.evaluate(UNNAMED_JS))
    page.get_by_role("button", name="Read the pasted text").click()
    page.wait_for_function("document.getElementById('ff-class-status').textContent.startsWith('Read the pasted text')")
    assert page.locator(".ff-class-table tbody tr").count() == 2
    refused = page.locator("[data-ff-part=refused] li").all_inner_texts()
    assert len(refused) == 1 and "an older receipt of No name" in refused[0]
    assert "the one written 2026-09-02 10:01:40 UTC" in refused[0]  # (to the second: both in one minute)
    assert requests == []


#: One receipt (JSON) for each name given.
RECEIPT_FOR_JS = """(names) => {
  const R = flipfolio.receipt, d = JSON.parse(document.getElementById('ff-class-data').textContent);
  const q = d.questions.find(q => q.marked);
  return names.map(student => {
    const r = {receipt: 'flipfolio-answers', version: 1, lesson: {id: d.lesson.id, title: d.lesson.title}, set: d.set,
               student, written: '2026-09-02T10:00:00.000Z', questions: d.questions.length,
               answers: [{id: q.id, version: q.version, type: q.type, prompt: q.prompt, answer: 'A "quoted" word',
                          given: 'A', right: true, tries: 1, answered: '2026-09-02T10:00:00.000Z', seconds: 20}]};
    r.checksum = 'crc32:' + R.crc32(JSON.stringify(r));
    return JSON.stringify(r);
  });
}"""


def test_receipts_from_a_spreadsheet_cell_and_a_quoted_reply_are_read(handed_in, new_page):
    """A form's answers saved as CSV (or a cell copied from a spreadsheet) hold a
    receipt line in quotes with each quote doubled; a reply quotes each line with
    '> ' and its mail program wraps the long line."""
    page, requests = open_class_page(new_page, handed_in["url"])
    rae, sol = page.evaluate(RECEIPT_FOR_JS, ["Rae", "Sol"])
    csv_row = 'Timestamp,Receipt,Email\n2026-09-02 10:05,"' + (MARK + rae).replace('"', '""') + '",rae@school.example\n'
    reply = "On Tuesday Sol wrote:\n> Here are my answers.\n> " + MARK + sol[:60] + "\n> " + sol[60:150] + "\n>" + sol[150:]
    paste = page.get_by_label(re.compile("^Or paste receipts"))
    paste.fill(csv_row + "\n" + reply + "\n")
    page.get_by_role("button", name="Read the pasted text").click()
    page.wait_for_function("document.getElementById('ff-class-status').textContent.startsWith('Read the pasted text')")
    names = [row.locator("th").inner_text() for row in page.locator(".ff-class-table tbody tr").all()]
    assert names == ["Rae", "Sol"]
    assert page.locator("[data-ff-part=refused]").inner_text().strip() == "Every receipt read was counted."
    assert paste.input_value() == ""  # (read whole: nothing to put right)
    # One cut short stays in the field, to be put right and read again.
    paste.fill(MARK + rae.replace("Rae", "Uma")[:-40])
    page.get_by_role("button", name="Read the pasted text").click()
    page.wait_for_function("document.getElementById('ff-class-status').textContent.includes('not counted')")
    assert paste.input_value().startswith(MARK)
    assert requests == []


#: Receipts of [student, written, [indexes of the set's marked questions answered]], each answer right.
RECEIPTS_OF_JS = """(plans) => {
  const R = flipfolio.receipt, d = JSON.parse(document.getElementById('ff-class-data').textContent);
  const marked = d.questions.filter(q => q.marked);
  return plans.map(([student, written, which]) => {
    const r = {receipt: 'flipfolio-answers', version: 1, lesson: {id: d.lesson.id, title: d.lesson.title}, set: d.set,
               student, written, questions: d.questions.length,
               answers: which.map(n => ({id: marked[n].id, version: marked[n].version, type: marked[n].type,
                                         prompt: marked[n].prompt, answer: 'A', given: 'A', right: true, tries: 1,
                                         answered: written, seconds: 20}))};
    r.checksum = 'crc32:' + R.crc32(JSON.stringify(r));
    return JSON.stringify(r);
  }).join('\\n\\n');
}"""


def test_a_student_who_hands_in_again_with_fewer_answers_keeps_the_others(handed_in, new_page):
    """Ben answered four questions, then two again in a fresh browser: the
    newest answer to each question counts, and the table says so. A receipt
    that adds nothing to the newer one is not counted, as before."""
    page, requests = open_class_page(new_page, handed_in["url"])
    text = page.evaluate(RECEIPTS_OF_JS, [["Ben", "2026-09-02T10:00:00.000Z", [0, 1, 2, 3]],
                                          ["Ben", "2026-09-02T11:00:00.000Z", [0, 4]],
                                          ["Ben", "2026-09-02T09:00:00.000Z", [1]]])
    page.get_by_label(re.compile("^Or paste receipts")).fill(text)
    page.get_by_role("button", name="Read the pasted text").click()
    page.wait_for_function("document.getElementById('ff-class-status').textContent.startsWith('Read the pasted text')")
    rows = page.locator(".ff-class-table tbody tr")
    assert rows.count() == 1
    cells = rows.first.locator("td").all_inner_texts()
    assert cells[1] == "5 of 5"  # five marked questions answered, all right
    assert cells[-1] == ("answers from more than one receipt: pasted text, receipt 2, pasted text, receipt 1 (the "
                         "newest answer to each question)")
    refused = page.locator("[data-ff-part=refused] li").all_inner_texts()
    assert len(refused) == 1 and "receipt 3" in refused[0] and "an older receipt of Ben" in refused[0]
    assert requests == []


def test_a_class_page_for_every_lesson_with_questions_out_of_search_and_sitemap(handed_in):
    site = handed_in["site"]
    link = site.article(LESSON + "index.html").select_one(".ff-class-link")
    assert link.has_attr("data-search-exclude") and link.a["href"] == "class/"
    assert site.exists(CLASS + "index.html") and site.exists(OTHER + "class/index.html")
    assert not site.exists("lessons/pushes/class/index.html")  # no questions, no class page
    page = site.html(CLASS + "index.html")
    assert page.select_one('meta[name="robots"]')["content"] == "noindex, nofollow"
    assert "connect-src 'none'" in page.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert "class/" not in site.text("sitemap.xml")
    assert all("/class" not in doc["location"] for doc in site.search_index()["docs"])


@pytest.mark.parametrize("scheme", sitecheck.SCHEMES)
def test_axe_finds_no_violation_on_the_class_page_with_data_loaded(handed_in, new_page, axe_source, scheme):
    page, _ = open_class_page(new_page, handed_in["url"], scheme)
    files, pasted = the_class(handed_in)
    read_class(page, handed_in, files, pasted)
    assert page.locator(".ff-class-question[data-ff-question]").count() == len(QUESTIONS)
    assert page.locator("[data-ff-gone]").count() == 1 and page.locator(".ff-class-most-missed a").count() == 3
    background = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    assert (background == "rgb(255, 255, 255)") == (scheme == "light")  # the reader's colour scheme is followed
    result = sitecheck.run_axe(page, axe_source, f"{CLASS} with 30 receipts ({scheme})")
    assert result.violations == [], "\n".join(result.lines())


def focus_ring(page) -> bool:
    return page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0; }""")


def tab_to(page, selector: str, back: bool = False, most: int = 300) -> None:
    """Tab (or Shift+Tab) until `selector` has the focus, which must show."""
    for _ in range(most):
        if page.evaluate("sel => document.activeElement && document.activeElement.matches(sel)", selector):
            assert focus_ring(page), f"no visible focus on {selector}"
            return
        page.keyboard.press("Shift+Tab" if back else "Tab")
    raise AssertionError(f"{selector} is not reachable with Tab")


def test_the_class_page_by_keyboard_alone(handed_in, new_page):
    page, requests = open_class_page(new_page, handed_in["url"])
    files, pasted = the_class(handed_in)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the class's answers"
    tab_to(page, "#ff-class-files")
    page.locator(":focus").set_input_files([str(p) for p in files[:10]])  # the file chooser, reached by keyboard
    page.wait_for_function("document.getElementById('ff-class-status').textContent.includes('counted')")
    tab_to(page, "#ff-class-paste")
    page.keyboard.insert_text("\n".join(p.read_text(encoding="utf-8") for p in pasted))
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    status = page.locator("#ff-class-status")
    assert status.inner_text().startswith("Read the pasted text: ")
    counted = int(status.inner_text().split(": ")[1].split(" ")[0])
    assert page.locator("[data-ff-part=students] tbody tr").count() == counted
    # A group changed with the arrow keys: the group lists follow.
    first = page.locator("[data-ff-part=students] tbody tr").first
    name = first.locator("th").inner_text()
    tab_to(page, "[data-ff-part=students] select")
    before = page.evaluate("document.activeElement.value")
    page.keyboard.press("Home" if before != "further" else "End")
    after = page.evaluate("document.activeElement.value")
    assert after != before
    assert f"{name} (moved)" in page.locator(f"[data-ff-group={after}]").inner_text()
    tab_to(page, "#ff-class-csv", back=True)
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "what-is-a-cell-class.csv"
    # Keep, then forget, by keyboard.
    tab_to(page, "#ff-class-keep", back=True)
    page.keyboard.press("Space")
    assert page.locator("#ff-class-keep").is_checked()
    tab_to(page, "#ff-class-forget")
    page.once("dialog", lambda dialog: dialog.accept())  # ("Forget every receipt…?": by keyboard too, Enter)
    page.keyboard.press("Enter")
    assert page.locator("#ff-class-results").is_hidden()
    assert status.inner_text().startswith("Forgotten")
    assert all(r.startswith("blob:") for r in requests), requests


def test_the_class_is_kept_only_on_request_and_forgotten(handed_in, new_page):
    page, requests = open_class_page(new_page, handed_in["url"])
    files, _ = the_class(handed_in)
    read_class(page, handed_in, files[:6])
    key = "flipfolio:v1:class:/" + CLASS
    assert page.evaluate("k => localStorage.getItem(k)", key) is None  # off by default
    page.reload()
    page.wait_for_selector("body[data-ff-ready]")
    assert page.locator("#ff-class-results").is_hidden()
    read_class(page, handed_in, files[:6])
    page.get_by_label("Keep this class in this browser").check()
    row = page.locator("[data-ff-part=students] tbody tr").first
    name = row.locator("th").inner_text()
    select = page.get_by_label(f"Group of {name}")
    target = "further" if select.input_value() != "further" else "practise"
    select.select_option(target)
    shown = page.evaluate(SHOWN_JS)
    assert json.loads(page.evaluate("k => localStorage.getItem(k)", key))["groups"]
    page.reload()
    page.wait_for_selector("body[data-ff-ready]")
    assert page.locator("#ff-class-status").inner_text().startswith("Kept in this browser from before: ")
    assert page.get_by_label("Keep this class in this browser").is_checked()
    again = page.evaluate(SHOWN_JS)
    assert {k: v for k, v in again.items() if k != "status"} == {k: v for k, v in shown.items() if k != "status"}
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Forget this class").click()  # asked first: said no
    assert asked == ["Forget every receipt read on this page, and the groups you chose?"]
    assert page.evaluate("k => localStorage.getItem(k)", key) is not None and page.locator("#ff-class-results").is_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Forget this class").click()
    assert page.evaluate("k => localStorage.getItem(k)", key) is None
    assert page.locator("#ff-class-results").is_hidden()
    page.reload()
    page.wait_for_selector("body[data-ff-ready]")
    assert page.locator("#ff-class-results").is_hidden() and page.locator("#ff-class-status").inner_text() == ""
    own = {handed_in["url"] + path for path in (CLASS, "assets/flipfolio/class.css", "assets/flipfolio/flipfolio-class.js")}
    assert set(requests) <= own, requests  # the three reloads, and nothing else


def test_the_example_lessons_link_their_class_pages_which_open_whole_under_instant_navigation(
        example_site, example_url, new_page):
    """Every example lesson with questions links its class page; Material's instant navigation
    (on in the example) leaves that link alone: the class page, not in the sitemap, loads whole."""
    lessons = [sitecheck.url_of(example_site, p) for p in sitecheck.html_pages(example_site)
               if sitecheck.soup(p).select_one("[data-ff-key]")]
    assert lessons
    for address in lessons:
        link = sitecheck.soup(sitecheck.page_file(example_site, address)).select_one(".ff-class-link a")
        assert link is not None and link["href"] == "class/", address
        assert (example_site / address / "class" / "index.html").is_file()
    page = new_page()
    page.goto(example_url + "lessons/")
    sitecheck.wait_until_settled(page)
    page.locator(f'a[href$="{lessons[0].split("/")[1]}/"]').first.click()
    page.wait_for_selector(".ff-class-link a")
    page.locator(".ff-class-link a").click()
    page.wait_for_selector("body[data-ff-ready]")
    assert page.url == example_url + lessons[0] + "class/"
    assert page.locator(".md-container").count() == 0  # the class page itself, not swapped into the theme's
    assert page.other_requests == []


# ---------------------------------------------------------------------------- in Spanish

SPANISH_FILES = {
    "mkdocs.yml": MKDOCS_YML.replace("  font: false\n", "  font: false\n  language: es\n"),
    "portfolio/lessons/que-es-una-celula.md": """\
        ---
        title: ¿Qué es una célula?
        unit: cells
        order: 3
        flip: in-class
        questions: repaso
        ---

        Las células son las unidades de la vida.
        """,
    "portfolio/questions/repaso.yml": """\
        title: Antes del laboratorio
        questions:
          - prompt: Elige la unidad más pequeña de la vida.
            id: elige
            choices: [{text: Célula, correct: true}, Órgano, Tejido]
          - prompt: Todo ser vivo está formado por células.
            id: vf
            answer: true
          - prompt: Nombra el centro de control de la célula.
            id: centro
            answers: [núcleo, el núcleo]
          - prompt: ¿Cuántas patas tiene un insecto?
            id: patas
            type: numeric
            answer: 6
          - prompt: Explica por qué se dividen las células.
            id: porque
            type: open
          - prompt: Mira, resume, pregunta.
            id: mrp
            type: wsq
        """,
}
SPANISH_CLASS = "lessons/que-es-una-celula/class/"

#: Receipts made in the page (receipt.js's crc32): counted ones, one of each reason not to count
#: one, as one JSON list to paste. [student, [[id, answer, given, right, seconds, version?]], changes].
RECEIPTS_JS = """() => {
  const R = flipfolio.receipt, d = JSON.parse(document.getElementById('ff-class-data').textContent);
  const byId = Object.fromEntries(d.questions.map(q => [q.id, q]));
  const make = (student, answers, changes = {}, written = '2026-09-02T10:00:00.000Z') => {
    const r = {receipt: 'flipfolio-answers', version: 1, lesson: {id: d.lesson.id, title: d.lesson.title}, set: d.set,
               student, written, questions: d.questions.length,
               answers: answers.map(([id, answer, given, right, seconds, version]) => ({id, answer, given, right, seconds,
                 version: version || (byId[id] || {}).version || 'x', type: (byId[id] || {}).type || 'short', tries: 1}))};
    Object.assign(r, changes);
    delete r.checksum;
    r.checksum = 'crc32:' + R.crc32(JSON.stringify(r));
    return r;
  };
  const ana = make('Ana', [['elige', 'Célula', [0], true, 20], ['vf', 'Verdadero', [0], true, 5], ['centro', 'núcleo', 'núcleo', true, 30],
    ['patas', '6', '6', true, 75], ['porque', 'Para crecer.', 'Para crecer.', null, null],
    ['mrp', 'Resumen', {summary: 'Son pequeñas.', question: '¿Por qué son tan pequeñas?'}, null, 90]]);
  const beto = make('Beto', [['elige', 'Órgano', [1], false, 10], ['vf', 'Falso', [1], false, 4],
    ['centro', 'mitocondria', 'mitocondria', false, 12], ['patas', 'ocho', 'ocho', false, 8]], {}, '2026-09-02T11:00:00.000Z');
  const carla = make('Carla', [['elige', 'Célula', [0], true, 9], ['patas', '', '', false, 7, 'antes'], ['ida', 'bacteria', 'bacteria', true, 3]],
    {set: {...d.set, version: 'antes'}});
  const tampered = make('Dora', [['elige', 'Órgano', [1], false, 3]]);
  tampered.answers[0].right = true;
  const unchecked = make('Eva', [['elige', 'Célula', [0], true, 3]]);
  delete unchecked.checksum;
  return JSON.stringify([ana, beto, carla, make('', [['vf', 'Verdadero', [0], true, 2]]), ana,
    make('Beto', [['elige', 'Célula', [0], true, 3]], {}, '2026-09-01T09:00:00.000Z'),
    make('Fede', [['elige', 'Célula', [0], true, 3]], {lesson: {id: 'otra', title: 'Otra lección'}}),
    make('Gabi', [['elige', 'Célula', [0], true, 3]], {set: {id: 'otro', title: 'Otro conjunto', version: '1'}}),
    tampered, unchecked, make('Hugo', [], {version: 2}), make('Ivo', [], {student: 7}), {receipt: 'otra cosa'}], null, 1);
}"""

#: Every word a reader meets on the page: text (not scripts), attributes read aloud, the title.
WORDS_JS = """() => {
  const found = [document.title];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {acceptNode: n =>
    n.parentElement.closest('script, style') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
  while (walk.nextNode()) if (walk.currentNode.textContent.trim()) found.push(walk.currentNode.textContent);
  document.querySelectorAll('[aria-label], [title], [placeholder]').forEach(el => ['aria-label', 'title', 'placeholder']
    .forEach(name => el.getAttribute(name) && found.push(el.getAttribute(name))));
  return found.map(text => text.replace(/\\s+/g, ' ').trim());
}"""


def english_phrases() -> re.Pattern:
    """The English literal parts of every catalogue message that Spanish says otherwise
    (as tests/test_site_spanish.py finds them), as one pattern."""
    english, spanish = catalogue.shipped("en"), catalogue.shipped("es")
    found = set()
    for key, value in english.items():
        other = spanish[key]
        other_text = " ".join(other.values()) if isinstance(other, dict) else other
        for form in (value.values() if isinstance(value, dict) else [value]):
            for literal, _, _, _ in string.Formatter().parse(form):
                part = literal.strip(" .,:;()“”\"'·–—-")
                if re.search(r"[A-Za-z]{2,}", part) and part not in other_text and len(part) > 2:
                    found.add(part)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in sorted(found, key=len, reverse=True)) + r")(?![\w-])")


def test_the_class_page_in_spanish_writes_no_english(tmp_path, new_page):
    """A Spanish site's class page, fed receipts of every kind (counted, older, edited since, and one
    for each reason not to count one): everything its script writes (figures, groups, table, status
    lines, reasons, CSV) is in Spanish, from the catalogue."""
    site = Site(tmp_path / "src")
    site.write(BASE)
    site.write(SPANISH_FILES)
    site.build()
    spanish, english = catalogue.load("es"), english_phrases()
    seen: list[str] = []

    def check(texts: list[str]) -> None:
        seen.extend(texts)
        hits = {f"{m.group(0)!r} in {text[:100]!r}" for text in texts for m in english.finditer(text)}
        assert not hits, sorted(hits)
        assert not [text for text in texts if re.search(r"\b(?:client\.)?class\.\w+", text)]  # no key shown as such

    with sitecheck.serve(site.out) as url:
        page = new_page()
        page.goto(url + SPANISH_CLASS)
        page.wait_for_selector("body[data-ff-ready]")
        assert page.evaluate("document.documentElement.lang") == "es"
        status = page.locator("#ff-class-status")
        page.locator("#ff-class-read-paste").click()
        assert status.inner_text() == spanish.text("client.class.paste_first")
        page.locator("#ff-class-paste").fill('flipfolio-receipt: {"receipt": "flipfolio-answers"')  # cut short
        page.locator("#ff-class-read-paste").click()
        page.locator("#ff-class-paste").fill(page.evaluate(RECEIPTS_JS))
        page.locator("#ff-class-read-paste").click()
        page.wait_for_function("document.getElementById('ff-class-status').textContent.includes('4 estudiantes')")
        check(page.evaluate(WORDS_JS))
        assert status.inner_text().startswith("Se leyó el texto pegado: 4 estudiantes contados; ")
        assert "«No contados»" in status.inner_text()
        text = " ".join(page.locator("main").inner_text().split())
        for expected in ("Respuesta correcta: núcleo o el núcleo", "Falso: 1 estudiante", "(vacía): 1 estudiante",
                         "Empiezan en la estación del docente (3)", "Tiempo: desconocido", "Tiempo (mediana): 1 min 30 s",
                         "Sin nombre (texto pegado 2, comprobante 4)", "un comprobante anterior de Beto",
                         "el mismo comprobante que texto pegado 2, comprobante 1", "responde al conjunto de preguntas «Otro conjunto»",
                         "no es un comprobante completo: falta el nombre del estudiante", "no es un comprobante de Flipfolio",
                         "no tiene suma de verificación", "cambió desde que la página", "con formato versión 2",
                         "su línea de comprobante está cortada", "1 respuesta a una pregunta que ya no está en el conjunto"):
            assert expected in text, expected
        # Files, a group moved, kept and forgotten: the status lines too.
        notes = tmp_path / "notas.txt"
        notes.write_text("Traer los microscopios.\n", encoding="utf-8")
        page.set_input_files("#ff-class-files", [str(notes)])
        page.wait_for_function("document.getElementById('ff-class-status').textContent.startsWith('Se leyó 1 archivo')")
        check(page.evaluate(WORDS_JS))
        page.get_by_label("Grupo de Ana").select_option("help")
        assert status.inner_text() == "Ana: Empiezan en la estación del docente."
        assert "Ana (cambio de grupo)" in page.locator("[data-ff-group=help]").inner_text()
        with page.expect_download() as download:
            page.locator("#ff-class-csv").click()
        assert download.value.suggested_filename == "que-es-una-celula-grupo.csv"
        rows = list(csv.reader(io.StringIO(open(download.value.path(), encoding="utf-8-sig", newline="").read())))
        words = [spanish.text(f"client.class.{key}") for key in ("col_student", "col_group", "col_answered", "csv_questions",
                 "col_right", "csv_marked", "csv_share", "csv_written", "csv_version", "col_notes")]
        assert rows[0][:10] == words and rows[0][10:12] == ["P1 respuesta", "P1 correcta"]
        assert {row[8] for row in rows[1:]} == {"actual", "anterior"} and "sí" in {row[11] for row in rows[1:]}
        check([cell for row in rows for cell in row])
        page.locator("#ff-class-keep").check()
        assert status.inner_text() == "Este grupo queda guardado en este navegador hasta que pulses «Olvidar este grupo»."
        page.reload()
        page.wait_for_selector("body[data-ff-ready]")
        assert status.inner_text().startswith("Guardado antes en este navegador: 4 estudiantes contados; ")
        check(page.evaluate(WORDS_JS))
        page.locator("#ff-class-keep").uncheck()
        check([status.inner_text()])
        asked = []
        page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
        page.locator("#ff-class-forget").click()
        check(asked + [status.inner_text()])
        assert asked == [spanish.text("client.class.forget_confirm")]
        assert status.inner_text().startswith("Olvidado")
    assert len(seen) > 150
