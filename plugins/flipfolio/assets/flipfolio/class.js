/* The teacher's class page (templates/flipfolio/class.html): reads the
   receipts students handed in (receipt.js) and shows who handed in, how each
   question went, the students' own questions, groups and a table for a
   gradebook. Everything happens in this browser: files are read with the
   File API, nothing is uploaded or fetched (the page's Content-Security-Policy
   forbids it anyway), and nothing is stored unless the teacher ticks "Keep
   this class in this browser" (localStorage, "flipfolio:v1:class:<page path>",
   until "Forget this class").

   A receipt counts when it is JSON of format "flipfolio-answers" version 1,
   its checksum matches (crc32 of the receipt without it, receipt.js), it is
   for this lesson and set, and it is the newest of its student (by name).
   Anything else is listed under "Not counted" with the reason. A receipt for
   an earlier version of the set is read question by question, by id: answers
   to questions no longer in the set are noted, answers to a question edited
   since (its version differs) are counted as the student's page marked them
   and marked "*". Wrong answers are grouped by the rules the lesson page
   marks with (answers.js): short answers by their normalised text, numbers
   by their value, choices by the choices picked. Everything a student wrote
   is put in the page as text, never as HTML. */
(function (ff) {
  "use strict";
  if (ff.classPage) return;

  var A = ff.answers, R = ff.receipt;
  var STORE = "flipfolio:v1:class:";
  var MAX_BYTES = 5 * 1024 * 1024;
  var SHOWN_WRONG = 5;  // wrong answers listed per question; the rest are counted together
  /* Groups, from the share of the set's marked questions a student got right. */
  var GROUPS = [
    { id: "further", from: 0.8, name: "Ready to go further", rule: "80% or more right" },
    { id: "practise", from: 0.5, name: "Practise together", rule: "50% to 79% right" },
    { id: "help", from: 0, name: "Needs help first", rule: "under 50% right" }
  ];

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null && text !== "") node.textContent = text;
    return node;
  }

  function add(parent, tag, className, text) { return parent.appendChild(make(tag, className, text)); }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many || one + "s"); }

  function str(value) { return typeof value === "string" ? value : value === null || value === undefined ? "" : String(value); }

  function percent(part, whole) { return Math.round(100 * part / whole) + "%"; }

  function when(written) { return str(written).slice(0, 16).replace("T", " ") + " UTC"; }

  function duration(seconds) {
    seconds = Math.round(seconds);
    return seconds < 60 ? seconds + " s" : Math.floor(seconds / 60) + " min" + (seconds % 60 ? " " + (seconds % 60) + " s" : "");
  }

  function median(list) {
    if (!list.length) return null;
    var sorted = list.slice().sort(function (a, b) { return a - b; }), middle = sorted.length >> 1;
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  function parse(text) {
    try { return JSON.parse(text); } catch (e) { return undefined; }
  }

  // ---- Finding receipts in a file or a paste

  /* The JSON objects written one after another in `text` (several receipts pasted together). */
  function objectsIn(text) {
    var found = [], depth = 0, start = 0, inString = false, escaped = false;
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (c === "\\") escaped = true;
        else if (c === "\"") inString = false;
      } else if (c === "\"" && depth) inString = true;
      else if (c === "{" && !depth++) start = i;
      else if (c === "}" && depth && !--depth) found.push(text.slice(start, i + 1));
    }
    return found;
  }

  /* The receipts in a text: [{value} or {error}]; a text receipt's "flipfolio-receipt:" lines,
     else JSON (one receipt, a list of them, or several one after another). */
  function receiptsIn(text) {
    text = text.replace(/^\ufeff/, "");
    var lines = text.split(/\r\n|\r|\n/), found = [];
    for (var i = 0; i < lines.length; i++) {
      var at = lines[i].indexOf(R.MARK);
      if (at < 0) continue;
      var json = lines[i].slice(at + R.MARK.length), value = parse(json.trim()), j = i;
      // An email program may have wrapped the long line: join the next lines until it reads.
      while (value === undefined && j + 1 < lines.length && j - i < 400 && lines[j + 1].indexOf(R.MARK) < 0) {
        json += lines[++j];
        value = parse(json.trim());
      }
      if (value === undefined) found.push({ error: "its receipt line is cut short or changed: it is not complete JSON" });
      else {
        found.push({ value: value });
        i = j;
      }
    }
    if (found.length) return found;
    var whole = text.trim(), value = whole ? parse(whole) : undefined, cut = "a receipt cut short or changed: it is not complete JSON";
    if (value !== undefined) return Array.isArray(value) ? value.map(function (v) { return { value: v }; }) : [{ value: value }];
    // Receipts one after another; other text around them (or no receipt at all) is let be.
    found = objectsIn(whole).filter(function (object) { return object.indexOf("flipfolio-answers") >= 0; }).map(function (object) {
      var one = parse(object);
      return one === undefined ? { error: cut } : { value: one };
    });
    return found.length || whole.indexOf("flipfolio-answers") < 0 ? found : [{ error: cut }];
  }

  function isObject(value) { return !!value && typeof value === "object" && !Array.isArray(value); }

  function shapeProblem(r) {
    if (!isObject(r.lesson) || typeof r.lesson.id !== "string") return "the lesson is missing";
    if (!isObject(r.set) || typeof r.set.id !== "string") return "the question set is missing";
    if (typeof r.student !== "string") return "the student's name is missing";
    if (typeof r.written !== "string") return "the time it was written is missing";
    if (!Array.isArray(r.answers)) return "the answers are missing";
    if (!r.answers.every(function (a) { return isObject(a) && typeof a.id === "string"; })) return "an answer has no question id";
    return "";
  }

  /* {receipt, canonical} when `value` is a receipt of this lesson this page can count, else {reason}. */
  function check(value, data) {
    if (!isObject(value) || value.receipt !== "flipfolio-answers") return { reason: "not a Flipfolio receipt" };
    if (value.version !== 1) {
      return { reason: "a receipt of format version " + str(value.version) + ", which this page does not read (it reads version 1)" };
    }
    var body = {};
    Object.keys(value).forEach(function (key) { if (key !== "checksum") body[key] = value[key]; });
    var canonical = JSON.stringify(body);
    if (typeof value.checksum !== "string") return { reason: "it has no checksum, so it cannot be told from one changed by hand" };
    if (value.checksum !== "crc32:" + R.crc32(canonical)) {
      return { reason: "changed after the student's page wrote it: its checksum does not match" };
    }
    var problem = shapeProblem(value);
    if (problem) return { reason: "not a complete receipt: " + problem };
    if (value.lesson.id !== data.lesson.id) {
      return { reason: "a receipt for another lesson, \u201c" + str(value.lesson.title) + "\u201d (" + value.lesson.id + ")" };
    }
    if (value.set.id !== data.set.id) {
      return { reason: "answers the question set \u201c" + str(value.set.title) + "\u201d (" + value.set.id +
               "), not this lesson's set (" + data.set.id + ")" };
    }
    return { receipt: value, canonical: canonical };
  }

  // ---- The class: students, questions, groups

  function keyOf(name) { return A.normalise(name, false); }

  function groupOf(share) {
    if (share === null) return "";
    for (var i = 0; i < GROUPS.length; i++) if (share >= GROUPS[i].from) return GROUPS[i].id;
    return GROUPS[GROUPS.length - 1].id;
  }

  function studentOf(key, found, data, byId, markedTotal) {
    var r = found.receipt, name = r.student.trim();
    var s = { key: key, name: name || "No name (" + found.source + ")", source: found.source, written: r.written,
              older: r.set.version !== data.set.version, answers: {}, gone: 0, edited: 0, answered: 0, marked: 0, right: 0 };
    r.answers.forEach(function (a) {
      var q = byId[a.id];
      if (!q) { s.gone++; return; }
      if (s.answers[a.id]) return;  // a question answered twice in one receipt: the first counts
      var edited = a.version !== q.version, right = q.marked && typeof a.right === "boolean" ? a.right : null;
      s.answers[a.id] = { a: a, edited: edited, right: right };
      s.answered++;
      if (edited) s.edited++;
      if (right !== null) {
        s.marked++;
        if (right) s.right++;
      }
    });
    s.share = markedTotal ? s.right / markedTotal : null;
    s.suggested = groupOf(s.share);
    return s;
  }

  /* How wrong answers group: {key, label}. */
  function wrongKey(q, found) {
    var a = found.a, given = a.given, words = str(a.answer).trim();
    if (!found.edited) {
      if (q.shown && (q.type === "choice" || q.type === "multiple" || q.type === "true-false") && Array.isArray(given) &&
          given.length && given.every(function (i) { return i === (i | 0) && i >= 0 && i < q.shown.length; })) {
        var picked = given.slice().sort(function (x, y) { return x - y; });
        return { key: "c" + picked.join(","), label: picked.map(function (i) { return q.shown[i]; }).join("; ") };
      }
      if (q.type === "short" && typeof given === "string") return { key: "s" + A.normalise(given, q["case"]), label: given.trim() };
      if (q.type === "numeric" && typeof given === "string") {
        var parsed = A.parseNumber(given);
        if (parsed) {
          var unit = parsed[1] ? A.unit(parsed[1]) : "";
          return { key: "n" + parsed[0] + (unit && unit !== q.unit ? " " + unit : ""), label: given.trim() };
        }
      }
      if ((q.type === "ordering" || q.type === "matching") && Array.isArray(given)) return { key: "o" + JSON.stringify(given), label: words };
    }
    return { key: "w" + A.normalise(words, false), label: words || "(empty)" };
  }

  function questionFigures(q, students) {
    var f = { answered: 0, marked: 0, right: 0, edited: 0, seconds: [], wrong: {}, written: [] };
    students.forEach(function (s) {
      var found = s.answers[q.id];
      if (!found) return;
      f.answered++;
      if (found.edited) f.edited++;
      var seconds = found.a.seconds;
      if (typeof seconds === "number" && isFinite(seconds) && seconds >= 0) f.seconds.push(seconds);
      if (!q.marked) { f.written.push({ student: s, found: found }); return; }
      if (found.right === null) return;
      f.marked++;
      if (found.right) { f.right++; return; }
      var group = wrongKey(q, found), into = f.wrong[group.key] || (f.wrong[group.key] = { count: 0, labels: {} });
      into.count++;
      into.labels[group.label] = (into.labels[group.label] || 0) + 1;
    });
    f.median = median(f.seconds);
    f.wrongList = Object.keys(f.wrong).map(function (key) {
      var labels = f.wrong[key].labels, best = Object.keys(labels).sort(function (x, y) {
        return labels[y] - labels[x] || (x < y ? -1 : x > y ? 1 : 0);
      })[0];
      return { label: best, count: f.wrong[key].count };
    }).sort(function (x, y) { return y.count - x.count || (x.label < y.label ? -1 : x.label > y.label ? 1 : 0); });
    return f;
  }

  /* Everything the page shows, from what was read: {students, refused, figures}. */
  function analyse(inputs, data) {
    var byId = {}, markedTotal = 0, refused = [], seen = {}, found = [];
    data.questions.forEach(function (q) { byId[q.id] = q; if (q.marked) markedTotal++; });
    inputs.forEach(function (input) {
      if (input.error) { refused.push({ source: input.source, reason: input.error }); return; }
      var chunks = receiptsIn(input.text);
      if (!chunks.length) { refused.push({ source: input.source, reason: "no receipt found in it" }); return; }
      chunks.forEach(function (chunk, i) {
        var source = input.source + (chunks.length > 1 ? ", receipt " + (i + 1) : "");
        if (chunk.error) { refused.push({ source: source, reason: chunk.error }); return; }
        var checked = check(chunk.value, data);
        if (checked.reason) { refused.push({ source: source, reason: checked.reason }); return; }
        if (seen[checked.canonical]) { refused.push({ source: source, reason: "the same receipt as " + seen[checked.canonical] }); return; }
        seen[checked.canonical] = source;
        found.push({ source: source, receipt: checked.receipt, order: found.length });
      });
    });
    // One receipt per student (by name): the newest counts.
    var byName = {}, names = [];
    found.forEach(function (one) {
      var key = keyOf(one.receipt.student) || "#" + one.order;
      if (!byName[key]) { byName[key] = []; names.push(key); }
      byName[key].push(one);
    });
    var students = names.map(function (key) {
      var list = byName[key].slice().sort(function (x, y) {
        return (Date.parse(y.receipt.written) || 0) - (Date.parse(x.receipt.written) || 0) || x.order - y.order;
      });
      var s = studentOf(key, list[0], data, byId, markedTotal);
      list.slice(1).forEach(function (older) {
        refused.push({ source: older.source, reason: "an older receipt of " + s.name + ": the one written " + when(list[0].receipt.written) +
                       " (" + list[0].source + ") counts" });
      });
      return s;
    }).sort(function (x, y) { return x.name.localeCompare(y.name) || (x.key < y.key ? -1 : 1); });
    var figures = {};
    data.questions.forEach(function (q) { figures[q.id] = questionFigures(q, students); });
    return { students: students, refused: refused, figures: figures, markedTotal: markedTotal };
  }

  // ---- The page

  function start() {
    var source = document.getElementById("ff-class-data");
    if (!source || document.body.hasAttribute("data-ff-ready")) return;
    document.body.setAttribute("data-ff-ready", "");
    var data = JSON.parse(source.textContent);
    var $ = function (id) { return document.getElementById("ff-class-" + id); };
    var part = function (name) { return document.querySelector("[data-ff-part=" + name + "]"); };
    var status = $("status"), keep = $("keep"), results = $("results"), fileInput = $("files"), paste = $("paste");
    var drop = document.querySelector("[data-ff-drop]");
    var storeKey = STORE + location.pathname;
    var inputs = [], moved = {}, pasted = 0, shown = null;
    var groupNames = {};
    GROUPS.forEach(function (g) { groupNames[g.id] = g.name; });
    if (data.lesson.in_class_flip) groupNames.help = "Starts at the teacher's station";

    function groupName(id) { return groupNames[id] || "No group"; }
    function groupFor(s) { return moved[s.key] !== undefined ? moved[s.key] : s.suggested; }

    function save() {
      if (!keep.checked) return true;
      try {
        localStorage.setItem(storeKey, JSON.stringify({ inputs: inputs, groups: moved }));
        return true;
      } catch (e) {
        status.textContent = "Could not keep this class in this browser (its storage is off or full); it is on this page only.";
        return false;
      }
    }

    function render() {
      shown = analyse(inputs, data);
      results.hidden = !inputs.length;
      if (!inputs.length) return;
      renderHanded(part("handed"), shown);
      renderStart(part("start"), shown);
      renderQuestions(part("questions"), shown);
      renderGroups(part("groups"));
      renderStudents(part("students"), shown);
      renderRefused(part("refused"), shown);
    }

    function say(what) {
      var n = shown.students.length, refused = shown.refused.length;
      status.textContent = what + plural(n, "student") + " counted" +
        (refused ? "; " + plural(refused, "file or receipt", "files or receipts") + " not counted (listed under \u201cNot counted\u201d)." : ".");
    }

    function take(read, what) {
      inputs = inputs.concat(read);
      render();
      say(what);
      save();
    }

    function renderHanded(box, found) {
      box.textContent = "";
      var students = found.students, m = data.questions.length;
      var partial = students.filter(function (s) { return s.answered < m; });
      add(box, "p", null, students.length ? plural(students.length, "student") + " handed in: " +
        (students.length - partial.length) + " answered every question, " + partial.length + " only part." : "No receipt counted yet.");
      if (partial.length) {
        add(box, "h3", null, "Answered only part");
        var list = add(box, "ul", "ff-class-list");
        partial.forEach(function (s) {
          var item = add(list, "li");
          add(item, "strong", null, s.name);
          item.appendChild(document.createTextNode(": " + s.answered + " of " + m + " answered"));
        });
      }
      var older = students.filter(function (s) { return s.older || s.gone || s.edited; });
      if (older.length) {
        add(box, "h3", null, "Answered an earlier version of the set");
        add(box, "p", "ff-class-meta", "Read question by question: answers to questions no longer in the set are left out; " +
            "answers to a question edited since are counted as the student's page marked them, with * in the table.");
        var olderList = add(box, "ul", "ff-class-list");
        older.forEach(function (s) { add(olderList, "li", null, s.name + ": " + notes(s).join("; ")); });
      }
    }

    function notes(s) {
      var found = [];
      if (s.older) found.push("an earlier version of the set");
      if (s.gone) found.push(plural(s.gone, "answer") + " to a question no longer in the set");
      if (s.edited) found.push(plural(s.edited, "answer") + " to a question edited since");
      return found;
    }

    function renderStart(box, found) {
      box.textContent = "";
      var wsq = data.questions.filter(function (q) { return q.type === "wsq"; }), asked = [];
      wsq.forEach(function (q) {
        found.figures[q.id].written.forEach(function (w) {
          var given = w.found.a.given, text = isObject(given) ? str(given.question).trim() : "";
          if (text) asked.push({ text: text, student: w.student });
        });
      });
      if (!wsq.length) {
        add(box, "p", null, "This set has no Watch-Summarize-Question question, so the students brought no questions of their own.");
        return;
      }
      if (!asked.length) { add(box, "p", null, "No student has written a question yet."); return; }
      add(box, "p", null, "The questions your students wrote for class (" + asked.length + "):");
      var list = add(box, "ul", "ff-class-list ff-class-asked");
      asked.forEach(function (one) {
        var item = add(list, "li");
        item.appendChild(document.createTextNode(one.text + " \u2014 "));
        add(item, "span", "ff-class-meta", one.student.name);
      });
    }

    function renderQuestions(box, found) {
      box.textContent = "";
      var counted = found.students.length;
      data.questions.forEach(function (q) {
        var f = found.figures[q.id], card = add(box, "div", "ff-class-question");
        card.setAttribute("data-ff-question", q.id);
        var title = add(card, "h3", null, q.n + ". " + q.prompt);
        title.id = "ff-class-q-" + q.n;
        var figures = add(card, "ul", "ff-class-figures");
        function figure(name, text) { add(figures, "li", null, text).setAttribute("data-ff-figure", name); }
        figure("answered", "Answered: " + f.answered + " of " + counted);
        if (q.marked) figure("right", "Right: " + (f.marked ? f.right + " of " + f.marked + " (" + percent(f.right, f.marked) + ")" : "no answers yet"));
        else figure("right", "Not marked");
        figure("time", f.median === null ? "Time: not known" : "Median time: " + duration(f.median));
        if (q.right_answer) add(card, "p", "ff-class-meta", "Right answer: " + q.right_answer);
        if (f.edited) {
          add(card, "p", "ff-class-meta", plural(f.edited, "answer was", "answers were") + " given to an earlier version of this question (* in the table).");
        }
        if (q.marked) {
          add(card, "h4", null, "Common wrong answers");
          if (!f.wrongList.length) { add(card, "p", null, f.marked ? "None: every answer was right." : "None yet."); return; }
          var list = add(card, "ul", "ff-class-wrong-answers");
          f.wrongList.slice(0, SHOWN_WRONG).forEach(function (w) {
            var item = add(list, "li");
            add(item, "span", "ff-class-wrong", w.label);
            item.appendChild(document.createTextNode(": " + plural(w.count, "student")));
          });
          var rest = f.wrongList.slice(SHOWN_WRONG);
          if (rest.length) {
            var students = rest.reduce(function (n, w) { return n + w.count; }, 0);
            add(list, "li", "ff-class-meta", plural(rest.length, "other wrong answer") + ", " + plural(students, "student"));
          }
          return;
        }
        add(card, "h4", null, q.type === "wsq" ? "Summaries" : "Answers to read");
        if (!f.written.length) { add(card, "p", null, "None yet."); return; }
        var read = add(card, "ul", "ff-class-list ff-class-written");
        f.written.forEach(function (w) {
          var given = w.found.a.given, item = add(read, "li");
          add(item, "strong", null, w.student.name + (w.found.edited ? " *" : ""));
          var text = q.type === "wsq" && isObject(given) ? str(given.summary).trim() : typeof given === "string" ? given.trim() : str(w.found.a.answer);
          item.appendChild(document.createTextNode(": " + text));
        });
      });
    }

    function renderGroups(box) {
      box.textContent = "";
      if (!shown.markedTotal) {
        add(box, "p", null, "This set has no marked question, so no groups are suggested.");
        return;
      }
      add(box, "p", null, "Suggested from the share of the set's " + plural(shown.markedTotal, "marked question") +
          " each student got right (a question not answered counts as not right): " +
          GROUPS.map(function (g) { return groupName(g.id) + ", " + g.rule; }).join("; ") +
          ". Change a student's group in the table below.");
      var grid = add(box, "div", "ff-class-groups");
      GROUPS.forEach(function (g) {
        var members = shown.students.filter(function (s) { return groupFor(s) === g.id; });
        var one = add(grid, "div", "ff-class-group");
        one.setAttribute("data-ff-group", g.id);
        add(one, "h3", null, groupName(g.id) + " (" + members.length + ")");
        if (!members.length) { add(one, "p", "ff-class-meta", "Nobody."); return; }
        var list = add(one, "ul", "ff-class-list");
        members.forEach(function (s) { add(list, "li", null, s.name + (moved[s.key] !== undefined && moved[s.key] !== s.suggested ? " (moved)" : "")); });
      });
    }

    function mark(found, q) {
      if (!found) return { sign: "\u2013", words: "not answered" };
      var star = found.edited ? "*" : "";
      if (found.right === true) return { sign: "\u2713" + star, words: "right" + (star ? ", earlier version" : "") };
      if (found.right === false) return { sign: "\u2717" + star, words: "not right" + (star ? ", earlier version" : "") };
      return { sign: "\u270e" + star, words: (q.marked ? "answered, not marked" : "answered") + (star ? ", earlier version" : "") };
    }

    function renderStudents(box, found) {
      box.textContent = "";
      if (!found.students.length) { add(box, "p", null, "No receipt counted yet."); return; }
      var wrap = add(box, "div", "ff-class-table"), table = add(wrap, "table");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-labelledby", "ff-class-students");
      wrap.tabIndex = 0;
      add(table, "caption", null, "One row per student. Right: right answers of the marked questions answered. " +
          "Each question: \u2713 right, \u2717 not right, \u270e answered (not marked), \u2013 not answered; " +
          "* an answer to an earlier version of the question.");
      var head = add(add(table, "thead"), "tr");
      ["Student", "Answered", "Right", "Group"].forEach(function (t) { add(head, "th", null, t).scope = "col"; });
      data.questions.forEach(function (q) {
        var th = add(head, "th", null, String(q.n));
        th.scope = "col";
        th.setAttribute("aria-label", "Question " + q.n);
      });
      add(head, "th", null, "Notes").scope = "col";
      var body = add(table, "tbody"), rows = document.createDocumentFragment(), m = data.questions.length;
      found.students.forEach(function (s) {
        var row = rows.appendChild(make("tr"));
        row.setAttribute("data-ff-student", s.key);
        add(row, "th", null, s.name).scope = "row";
        add(row, "td", null, s.answered + " of " + m);
        add(row, "td", null, s.marked ? s.right + " of " + s.marked : "\u2013");
        var cell = add(row, "td");
        if (found.markedTotal) {
          var select = add(cell, "select");
          select.setAttribute("aria-label", "Group of " + s.name);
          GROUPS.forEach(function (g) {
            var option = add(select, "option", null, groupName(g.id));
            option.value = g.id;
          });
          select.value = groupFor(s);
          select.addEventListener("change", function () {
            if (select.value === s.suggested) delete moved[s.key];
            else moved[s.key] = select.value;
            renderGroups(part("groups"));
            save();
            status.textContent = s.name + ": " + groupName(select.value) + ".";
          });
        } else cell.textContent = "\u2013";
        data.questions.forEach(function (q) {
          var shownMark = mark(s.answers[q.id], q), td = add(row, "td", "ff-class-cell");
          add(td, "span", null, shownMark.sign).setAttribute("aria-hidden", "true");
          add(td, "span", "ff-sr", shownMark.words);
        });
        add(row, "td", null, notes(s).join("; "));
      });
      body.appendChild(rows);
    }

    function renderRefused(box, found) {
      box.textContent = "";
      if (!found.refused.length) { add(box, "p", null, "Every receipt read was counted."); return; }
      add(box, "p", null, plural(found.refused.length, "file or receipt was", "files or receipts were") + " not counted:");
      var list = add(box, "ul", "ff-class-list ff-class-refused");
      found.refused.forEach(function (r) {
        var item = add(list, "li");
        add(item, "strong", null, r.source);
        item.appendChild(document.createTextNode(": " + r.reason + "."));
      });
    }

    // ---- CSV for a gradebook: one row per student, the figures shown and each answer.

    function cell(value) {
      value = str(value);
      if (/^[=+\-@\t\r]/.test(value)) value = "'" + value;  // no spreadsheet formula from a student's text
      return "\"" + value.replace(/"/g, "\"\"") + "\"";
    }

    function csv() {
      var head = ["Student", "Group", "Answered", "Questions", "Right", "Marked answered", "Share right (%)", "Written (UTC)",
                  "Set version", "Notes"];
      data.questions.forEach(function (q) { head.push("Q" + q.n + " answer", "Q" + q.n + " right"); });
      var lines = [head];
      shown.students.forEach(function (s) {
        var line = [s.name, shown.markedTotal ? groupName(groupFor(s)) : "", s.answered, data.questions.length, s.right, s.marked,
                    s.share === null ? "" : Math.round(100 * s.share), s.written, s.older ? "earlier" : "current", notes(s).join("; ")];
        data.questions.forEach(function (q) {
          var found = s.answers[q.id];
          line.push(found ? str(found.a.answer) + (found.edited ? " *" : "") : "",
                    !found || found.right === null ? "" : found.right ? "yes" : "no");
        });
        lines.push(line);
      });
      return "\ufeff" + lines.map(function (line) { return line.map(cell).join(","); }).join("\r\n") + "\r\n";
    }

    // ---- Reading

    function readFiles(list) {
      var files = Array.prototype.slice.call(list || []);
      if (!files.length) return;
      status.textContent = "Reading " + plural(files.length, "file") + "\u2026";
      Promise.all(files.map(function (file) {
        if (file.size > MAX_BYTES) return Promise.resolve({ source: file.name, error: "too large to be a receipt" });
        return file.text().then(function (text) { return { source: file.name, text: text }; },
                                function () { return { source: file.name, error: "this browser could not read it" }; });
      })).then(function (read) {
        fileInput.value = "";
        take(read, "Read " + plural(files.length, "file") + ": ");
      });
    }

    function readText(text) {
      if (!text.trim()) {
        status.textContent = "Paste one or more receipts in the field first.";
        paste.focus();
        return;
      }
      pasted++;
      take([{ source: "pasted text" + (pasted > 1 ? " " + pasted : ""), text: text }], "Read the pasted text: ");
    }

    fileInput.addEventListener("change", function () { readFiles(fileInput.files); });
    $("read-paste").addEventListener("click", function () {
      var text = paste.value;
      paste.value = "";
      readText(text);
    });
    // Files (or text) dropped anywhere on the page.
    document.addEventListener("dragover", function (event) {
      event.preventDefault();
      drop.setAttribute("data-ff-over", "");
    });
    document.addEventListener("dragleave", function (event) { if (!event.relatedTarget) drop.removeAttribute("data-ff-over"); });
    document.addEventListener("drop", function (event) {
      event.preventDefault();
      drop.removeAttribute("data-ff-over");
      var transfer = event.dataTransfer;
      if (transfer && transfer.files && transfer.files.length) readFiles(transfer.files);
      else if (transfer && transfer.getData("text/plain")) readText(transfer.getData("text/plain"));
    });

    keep.addEventListener("change", function () {
      if (keep.checked) {
        if (save()) status.textContent = "This class is kept in this browser until you press \u201cForget this class\u201d.";
      } else {
        try { localStorage.removeItem(storeKey); } catch (e) { /* storage off: nothing kept */ }
        status.textContent = "Not kept: this class is on this page only, and goes when you close it.";
      }
    });
    $("forget").addEventListener("click", function () {
      try { localStorage.removeItem(storeKey); } catch (e) { /* storage off: nothing kept */ }
      inputs = [];
      moved = {};
      pasted = 0;
      keep.checked = false;
      render();
      status.textContent = "Forgotten: nothing of this class is on this page or kept in this browser.";
    });
    $("csv").addEventListener("click", function () {
      var name = data.lesson.id + "-class.csv";
      R.download(name, csv(), "text/csv;charset=utf-8");
      status.textContent = "Downloaded " + name + ".";
    });
    $("print").addEventListener("click", function () { window.print(); });

    var kept = null;
    try { kept = JSON.parse(localStorage.getItem(storeKey)); } catch (e) { kept = null; }
    if (isObject(kept) && Array.isArray(kept.inputs) && kept.inputs.length) {
      inputs = kept.inputs.filter(function (i) { return isObject(i) && typeof i.source === "string"; });
      moved = isObject(kept.groups) ? kept.groups : {};
      pasted = inputs.filter(function (i) { return /^pasted text/.test(i.source); }).length;
      keep.checked = true;
      render();
      say("Kept in this browser from before: ");
    }
  }

  ff.classPage = { start: start, receiptsIn: receiptsIn, check: check, analyse: analyse };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(window.flipfolio = window.flipfolio || {});
