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
   is put in the page as text, never as HTML. The words the page writes
   (CSV headings too) are the catalogue's client.class.* messages, in the
   site's language (ff.t, messages.js). */
(function (ff) {
  "use strict";
  if (ff.classPage) return;

  var A = ff.answers, R = ff.receipt;
  var STORE = "flipfolio:v1:class:";
  var MAX_BYTES = 5 * 1024 * 1024;
  var SHOWN_WRONG = 5;  // wrong answers listed per question; the rest are counted together
  /* Groups, from the share of the set's marked questions a student got right (names: message keys). */
  var GROUPS = [
    { id: "further", from: 0.8, name: "class.group_further", rule: "class.rule_further" },
    { id: "practise", from: 0.5, name: "class.group_practise", rule: "class.rule_practise" },
    { id: "help", from: 0, name: "class.group_help", rule: "class.rule_help" }
  ];

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null && text !== "") ff.put(node, text);
    return node;
  }

  function add(parent, tag, className, text) { return parent.appendChild(make(tag, className, text)); }

  function str(value) { return typeof value === "string" ? value : value === null || value === undefined ? "" : String(value); }

  function when(written) { return str(written).slice(0, 19).replace("T", " "); }  // to the second: two in a minute

  function duration(seconds) {
    seconds = Math.round(seconds);
    var min = Math.floor(seconds / 60), s = seconds % 60;
    return seconds < 60 ? ff.t("class.seconds", { s: seconds })
      : ff.t(s ? "class.minutes_seconds" : "class.minutes", { min: min, s: s });
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

  /* A receipt line's JSON as it reads: as written; else as a spreadsheet's cell or a CSV file holds it
     (in quotes, each quote doubled, other cells after it). */
  function readLine(json) {
    json = json.trim();
    var value = parse(json);
    if (value !== undefined || json.indexOf("\"\"") < 0) return value;
    var plain = json.replace(/""/g, "\""), end = plain.lastIndexOf("}");
    return end < 0 ? undefined : parse(plain.slice(0, end + 1));
  }

  /* The receipts in a text: [{value} or {error}]; a text receipt's "flipfolio-receipt:" lines,
     else JSON (one receipt, a list of them, or several one after another). */
  function receiptsIn(text) {
    text = text.replace(/^\ufeff/, "");
    var lines = text.split(/\r\n|\r|\n/), found = [];
    for (var i = 0; i < lines.length; i++) {
      var at = lines[i].indexOf(R.MARK);
      if (at < 0) continue;
      // A reply quotes each line with "> ": the receipt's own lines lose it.
      var quoted = /^\s*(?:>\s?)+/.exec(lines[i].slice(0, at)), strip = function (line) {
        return quoted ? line.replace(/^\s*(?:>\s?)+/, "") : line;
      };
      var json = lines[i].slice(at + R.MARK.length), value = readLine(json), j = i;
      // An email program may have wrapped the long line: join the next lines until it reads.
      while (value === undefined && j + 1 < lines.length && j - i < 400 && lines[j + 1].indexOf(R.MARK) < 0) {
        json += strip(lines[++j]);
        value = readLine(json);
      }
      if (value === undefined) found.push({ error: ff.t("class.line_cut") });
      else {
        found.push({ value: value });
        i = j;
      }
    }
    if (found.length) return found;
    var whole = text.trim(), value = whole ? parse(whole) : undefined, cut = ff.t("class.receipt_cut");
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
    if (!isObject(r.lesson) || typeof r.lesson.id !== "string") return ff.t("class.missing_lesson");
    if (!isObject(r.set) || typeof r.set.id !== "string") return ff.t("class.missing_set");
    if (typeof r.student !== "string") return ff.t("class.missing_student");
    if (typeof r.written !== "string") return ff.t("class.missing_written");
    if (!Array.isArray(r.answers)) return ff.t("class.missing_answers");
    if (!r.answers.every(function (a) { return isObject(a) && typeof a.id === "string"; })) return ff.t("class.missing_id");
    return "";
  }

  /* {receipt, canonical} when `value` is a receipt of this lesson this page can count, else {reason}. */
  function check(value, data) {
    if (!isObject(value) || value.receipt !== "flipfolio-answers") return { reason: ff.t("class.not_receipt") };
    if (value.version !== 1) return { reason: ff.t("class.other_version", { version: str(value.version) }) };
    var body = {};
    Object.keys(value).forEach(function (key) { if (key !== "checksum") body[key] = value[key]; });
    var canonical = JSON.stringify(body);
    if (typeof value.checksum !== "string") return { reason: ff.t("class.no_checksum") };
    if (value.checksum !== "crc32:" + R.crc32(canonical)) return { reason: ff.t("class.changed") };
    var problem = shapeProblem(value);
    if (problem) return { reason: ff.t("class.incomplete", { problem: problem }) };
    if (value.lesson.id !== data.lesson.id) {
      return { reason: ff.t("class.other_lesson", { title: str(value.lesson.title), id: value.lesson.id }) };
    }
    if (value.set.id !== data.set.id) {
      return { reason: ff.t("class.other_set", { title: str(value.set.title), id: value.set.id, set: data.set.id }) };
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
    var s = { key: key, name: name || ff.t("class.no_name", { source: found.source }), source: found.source, written: r.written,
              older: r.set.version !== data.set.version, answers: {}, gone: [], edited: 0, answered: 0,
              marked: 0, right: 0 };
    r.answers.forEach(function (a) {
      var q = byId[a.id];
      if (!q) { s.gone.push(a); return; }  // (a question the set no longer has)
      if (s.answers[a.id]) return;  // a question answered twice in one receipt: the first counts
      var edited = a.version !== q.version, right = q.marked && typeof a.right === "boolean" ? a.right : null;
      s.answers[a.id] = { a: a, edited: edited, right: right };
      s.answered++;
      if (edited) s.edited++;
      if (right !== null) {
        s.marked++;
        if (right && firstTry(a)) s.right++;  // right only after trying again is not yet right (the groups)
      }
    });
    s.share = markedTotal ? s.right / markedTotal : null;
    s.suggested = groupOf(s.share);
    return s;
  }

  /* Whether an answer was given at the first try (a receipt without tries: it was). */
  function firstTry(a) { return !(typeof a.tries === "number" && a.tries > 1); }

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
    return { key: "w" + A.normalise(words, false), label: words || ff.t("class.empty") };
  }

  function questionFigures(q, students) {
    var f = { answered: 0, marked: 0, right: 0, first: 0, edited: 0, seconds: [], wrong: {}, written: [] };
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
      if (found.right) { f.right++; if (firstTry(found.a)) f.first++; return; }
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
      if (!chunks.length) { refused.push({ source: input.source, reason: ff.t("class.no_receipt") }); return; }
      chunks.forEach(function (chunk, i) {
        var source = chunks.length > 1 ? ff.t("class.source_n", { source: input.source, n: i + 1 }) : input.source;
        if (chunk.error) { refused.push({ source: source, reason: chunk.error }); return; }
        var checked = check(chunk.value, data);
        if (checked.reason) { refused.push({ source: source, reason: checked.reason }); return; }
        if (seen[checked.canonical]) {
          refused.push({ source: source, reason: ff.t("class.same_as", { source: seen[checked.canonical] }) });
          return;
        }
        seen[checked.canonical] = source;
        found.push({ source: source, receipt: checked.receipt, order: found.length });
      });
    });
    // One receipt per student (by name): the newest counts. Without a name, receipts of the same answers (one
    // student's download as text and as JSON) are one student's; others, each a student of its own.
    var byName = {}, names = [];
    found.forEach(function (one) {
      var key = keyOf(one.receipt.student) || "#" + JSON.stringify(one.receipt.answers);
      if (!byName[key]) { byName[key] = []; names.push(key); }
      byName[key].push(one);
    });
    var students = names.map(function (key) {
      var list = byName[key].slice().sort(function (x, y) {
        return (Date.parse(y.receipt.written) || 0) - (Date.parse(x.receipt.written) || 0) || x.order - y.order;
      });
      // An older receipt's answers to questions the newer ones leave out count too (a student who handed in
      // again from another device); one that adds nothing is listed as not counted.
      var newest = list[0], answers = newest.receipt.answers.slice(), ids = {}, merged = [], unused = [];
      answers.forEach(function (a) { ids[a.id] = true; });
      list.slice(1).forEach(function (older) {
        var extra = older.receipt.answers.filter(function (a) { return !ids[a.id]; });
        extra.forEach(function (a) { ids[a.id] = true; answers.push(a); });
        (extra.length ? merged : unused).push(older.source);
      });
      var receipt = merged.length ? Object.assign({}, newest.receipt, { answers: answers }) : newest.receipt;
      var s = studentOf(key, { receipt: receipt, source: newest.source }, data, byId, markedTotal);
      s.merged = merged.length ? [newest.source].concat(merged) : [];
      unused.forEach(function (source) {
        refused.push({ source: source, reason: ff.t("class.older_receipt",
                       { name: s.name, time: when(newest.receipt.written), source: newest.source }) });
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
    GROUPS.forEach(function (g) { groupNames[g.id] = ff.t(g.name); });
    if (data.lesson.in_class_flip) groupNames.help = ff.t("class.group_help_station");

    function groupName(id) { return groupNames[id] || ff.t("class.no_group"); }
    function heading(id) { return document.getElementById("ff-class-" + id).textContent; }
    function of(part, whole) { return ff.t("class.of", { part: part, whole: whole }); }
    function groupFor(s) { return moved[s.key] !== undefined ? moved[s.key] : s.suggested; }

    function save() {
      if (!keep.checked) return true;
      try {
        localStorage.setItem(storeKey, JSON.stringify({ inputs: inputs, groups: moved }));
        return true;
      } catch (e) {
        ff.put(status, ff.t("class.not_kept_error"));
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
      var refused = shown.refused.length;
      ff.put(status, ff.t(refused ? "class.status_refused" : "class.status", {
        what: what, counted: ff.t("class.counted", { count: shown.students.length }),
        refused: ff.t("class.refused_count", { count: refused, heading: heading("refused") }) }));
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
      add(box, "p", null, students.length ? ff.t("class.handed_in", { count: students.length, all: students.length - partial.length,
        part: partial.length }) : ff.t("class.no_receipt_yet"));
      if (partial.length) {
        add(box, "h3", null, ff.t("class.answered_part"));
        var list = add(box, "ul", "ff-class-list");
        partial.forEach(function (s) {
          var item = add(list, "li");
          add(item, "strong", null, s.name);
          item.appendChild(ff.words(": " + ff.t("class.answered_of", { answered: s.answered, count: m })));
        });
      }
      var older = students.filter(function (s) { return s.older || s.gone.length || s.edited; });
      if (older.length) {
        add(box, "h3", null, ff.t("class.earlier_set"));
        add(box, "p", "ff-class-meta", ff.t("class.earlier_note"));
        var olderList = add(box, "ul", "ff-class-list");
        older.forEach(function (s) { add(olderList, "li", null, s.name + ": " + notes(s).join("; ")); });
      }
    }

    function notes(s) {
      var found = [];
      if (s.older) found.push(ff.t("class.note_older"));
      if (s.gone.length) found.push(ff.t("class.note_gone", { count: s.gone.length }));
      if (s.edited) found.push(ff.t("class.note_edited", { count: s.edited }));
      if (s.merged.length) found.push(ff.t("class.note_merged", { sources: s.merged.join(", ") }));
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
        add(box, "p", null, ff.t("class.no_wsq"));
        return;
      }
      if (!asked.length) { add(box, "p", null, ff.t("class.no_asked")); return; }
      add(box, "p", null, ff.t("class.asked", { count: asked.length }));
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
      // The questions fewest got right at the first try (up to three, below all right), to start from.
      var missed = data.questions.filter(function (q) {
        var f = found.figures[q.id];
        return q.marked && f.marked && f.first < f.marked;
      }).sort(function (x, y) {
        var fx = found.figures[x.id], fy = found.figures[y.id];
        return fx.first / fx.marked - fy.first / fy.marked || x.n - y.n;
      }).slice(0, 3);
      if (missed.length) {
        var lead = add(box, "p", "ff-class-most-missed");
        var parts = ff.t("class.most_missed", { questions: "\u0000" }).split("\u0000");
        lead.appendChild(document.createTextNode(parts[0]));
        missed.forEach(function (q, i) {
          var f = found.figures[q.id], link = add(lead, "a", null, ff.t("class.question_n", { n: q.n }));
          link.href = "#ff-class-q-" + q.n;
          lead.appendChild(document.createTextNode(" (" + Math.round(100 * f.first / f.marked) + "%)" +
                                                   (i < missed.length - 1 ? ", " : "")));
        });
        lead.appendChild(document.createTextNode(parts[1] || ""));
      }
      data.questions.forEach(function (q) {
        var f = found.figures[q.id], card = add(box, "div", "ff-class-question");
        card.setAttribute("data-ff-question", q.id);
        // The teacher's words in a <bdi>: a prompt in English on a page in Arabic keeps its own direction.
        var title = add(card, "h3", null, q.n + ". ");
        add(title, "bdi", null, q.prompt);
        title.id = "ff-class-q-" + q.n;
        var figures = add(card, "ul", "ff-class-figures");
        function figure(name, text) { add(figures, "li", null, text).setAttribute("data-ff-figure", name); }
        figure("answered", ff.t("class.fig_answered", { answered: f.answered, count: counted }));
        if (!q.marked) figure("right", ff.t("class.not_marked"));
        else if (!f.marked) figure("right", ff.t("class.fig_right_none"));
        else {
          figure("right", ff.t("class.fig_right", { right: f.right, marked: f.marked, percent: Math.round(100 * f.right / f.marked) }));
          figure("first", ff.t("class.fig_first_try", { first: f.first, marked: f.marked }));
        }
        figure("time", f.median === null ? ff.t("class.time_unknown") : ff.t("class.median_time", { time: duration(f.median) }));
        if (q.right_answer) add(card, "p", "ff-class-meta", ff.t("class.right_answer", { answer: q.right_answer }));
        if (f.edited) add(card, "p", "ff-class-meta", ff.t("class.edited_answers", { count: f.edited }));
        if (q.marked) {
          add(card, "h4", null, ff.t("class.common_wrong"));
          if (!f.wrongList.length) {
            var after = f.right - f.first;
            add(card, "p", null, after ? ff.t("class.right_after_tries", { students: ff.t("class.students_n", { count: after }) })
                                       : ff.t(f.marked ? "class.none_all_right" : "class.none_yet"));
            return;
          }
          var list = add(card, "ul", "ff-class-wrong-answers");
          f.wrongList.slice(0, SHOWN_WRONG).forEach(function (w) {
            var item = add(list, "li");
            add(item, "span", "ff-class-wrong", w.label);
            item.appendChild(ff.words(": " + ff.t("class.students_n", { count: w.count })));
          });
          var rest = f.wrongList.slice(SHOWN_WRONG);
          if (rest.length) {
            var students = rest.reduce(function (n, w) { return n + w.count; }, 0);
            add(list, "li", "ff-class-meta", ff.t("class.other_wrong", { count: rest.length }) + ", " +
                ff.t("class.students_n", { count: students }));
          }
          return;
        }
        add(card, "h4", null, ff.t(q.type === "wsq" ? "class.summaries" : "class.to_read"));
        if (!f.written.length) { add(card, "p", null, ff.t("class.none_yet")); return; }
        var read = add(card, "ul", "ff-class-list ff-class-written");
        f.written.forEach(function (w) {
          var given = w.found.a.given, item = add(read, "li");
          add(item, "strong", null, w.student.name + (w.found.edited ? " *" : ""));
          var text = q.type === "wsq" && isObject(given) ? str(given.summary).trim() : typeof given === "string" ? given.trim() : str(w.found.a.answer);
          item.appendChild(document.createTextNode(": " + text));
        });
      });
      // Answers to questions the set no longer has (taken out, or reworded without an `id`): by the prompt
      // the student's page showed, so the teacher sees which question they were.
      var gone = {}, prompts = [];
      found.students.forEach(function (s) {
        s.gone.forEach(function (a) {
          var prompt = str(a.prompt).trim() || a.id;
          if (!gone[prompt]) { gone[prompt] = 0; prompts.push(prompt); }
          gone[prompt]++;
        });
      });
      if (!prompts.length) return;
      var card = add(box, "div", "ff-class-question");
      card.setAttribute("data-ff-gone", "");
      add(card, "h3", null, ff.t("class.gone_title"));
      add(card, "p", "ff-class-meta", ff.t("class.gone_text"));
      var list = add(card, "ul", "ff-class-list");
      prompts.forEach(function (prompt) {
        var item = add(list, "li");
        add(item, "bdi", null, prompt);
        item.appendChild(ff.words(": " + ff.t("class.students_n", { count: gone[prompt] })));
      });
    }

    function renderGroups(box) {
      box.textContent = "";
      if (!shown.markedTotal) {
        add(box, "p", null, ff.t("class.no_marked"));
        return;
      }
      add(box, "p", null, ff.t("class.groups_rule", { questions: ff.t("class.marked_questions", { count: shown.markedTotal }),
        groups: GROUPS.map(function (g) { return groupName(g.id) + ", " + ff.t(g.rule); }).join("; ") }));
      var grid = add(box, "div", "ff-class-groups");
      GROUPS.forEach(function (g) {
        var members = shown.students.filter(function (s) { return groupFor(s) === g.id; });
        var one = add(grid, "div", "ff-class-group");
        one.setAttribute("data-ff-group", g.id);
        add(one, "h3", null, ff.t("class.group_count", { group: groupName(g.id), count: members.length }));
        if (!members.length) { add(one, "p", "ff-class-meta", ff.t("class.nobody")); return; }
        var list = add(one, "ul", "ff-class-list");
        members.forEach(function (s) {
          add(list, "li", null, s.name + (moved[s.key] !== undefined && moved[s.key] !== s.suggested ? " " + ff.t("class.moved") : ""));
        });
      });
    }

    function mark(found, q) {
      if (!found) return { sign: "\u2013", words: ff.t("class.mark_not_answered") };
      var sign = found.right === true ? "\u2713" : found.right === false ? "\u2717" : "\u270e";
      var words = ff.t(found.right === true ? "class.mark_right" : found.right === false ? "class.mark_not_right"
        : q.marked ? "class.mark_answered_unmarked" : "class.mark_answered");
      if (found.edited) return { sign: sign + "*", words: ff.t("class.mark_earlier", { mark: words }) };
      return { sign: sign, words: words };
    }

    function renderStudents(box, found) {
      box.textContent = "";
      if (!found.students.length) { add(box, "p", null, ff.t("class.no_receipt_yet")); return; }
      var wrap = add(box, "div", "ff-class-table"), table = add(wrap, "table");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-labelledby", "ff-class-students");
      wrap.tabIndex = 0;
      add(table, "caption", null, ff.t("class.caption"));
      var head = add(add(table, "thead"), "tr");
      ["class.col_student", "class.col_answered", "class.col_right", "class.col_group"].forEach(function (key) {
        add(head, "th", null, ff.t(key)).scope = "col";
      });
      data.questions.forEach(function (q) {
        var th = add(head, "th", null, String(q.n));
        th.scope = "col";
        th.setAttribute("aria-label", ff.t("class.question_n", { n: q.n }));
      });
      add(head, "th", null, ff.t("class.col_notes")).scope = "col";
      var body = add(table, "tbody"), rows = document.createDocumentFragment(), m = data.questions.length;
      found.students.forEach(function (s) {
        var row = rows.appendChild(make("tr"));
        row.setAttribute("data-ff-student", s.key);
        add(row, "th", null, s.name).scope = "row";
        add(row, "td", null, of(s.answered, m));
        add(row, "td", null, s.marked ? of(s.right, s.marked) : "\u2013");
        var cell = add(row, "td");
        if (found.markedTotal) {
          var select = add(cell, "select");
          select.setAttribute("aria-label", ff.t("class.group_of", { name: s.name }));
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
            ff.put(status, ff.t("class.moved_to", { name: s.name, group: groupName(select.value) }));
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
      if (!found.refused.length) { add(box, "p", null, ff.t("class.all_counted")); return; }
      add(box, "p", null, ff.t("class.refused_list", { count: found.refused.length }));
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
      var head = ["class.col_student", "class.col_group", "class.col_answered", "class.csv_questions", "class.col_right",
                  "class.csv_marked", "class.csv_share", "class.csv_written", "class.csv_version", "class.col_notes"].map(function (key) {
        return ff.t(key);
      });
      data.questions.forEach(function (q) { head.push(ff.t("class.csv_answer", { n: q.n }), ff.t("class.csv_right", { n: q.n })); });
      var lines = [head];
      shown.students.forEach(function (s) {
        var line = [s.name, shown.markedTotal ? groupName(groupFor(s)) : "", s.answered, data.questions.length, s.right, s.marked,
                    s.share === null ? "" : Math.round(100 * s.share), s.written, ff.t(s.older ? "class.csv_earlier" : "class.csv_current"), notes(s).join("; ")];
        data.questions.forEach(function (q) {
          var found = s.answers[q.id];
          line.push(found ? str(found.a.answer) + (found.edited ? " *" : "") : "",
                    !found || found.right === null ? "" : ff.t(found.right ? "class.csv_yes" : "class.csv_no"));
        });
        lines.push(line);
      });
      return "\ufeff" + lines.map(function (line) { return line.map(cell).join(","); }).join("\r\n") + "\r\n";
    }

    // ---- Reading

    function readFiles(list) {
      var files = Array.prototype.slice.call(list || []);
      if (!files.length) return;
      ff.put(status, ff.t("class.reading", { count: files.length }));
      Promise.all(files.map(function (file) {
        if (file.size > MAX_BYTES) return Promise.resolve({ source: file.name, error: ff.t("class.too_large") });
        return file.text().then(function (text) { return { source: file.name, text: text }; },
                                function () { return { source: file.name, error: ff.t("class.unreadable") }; });
      })).then(function (read) {
        fileInput.value = "";
        take(read, ff.t("class.read_files", { count: files.length }));
      });
    }

    function readText(text) {
      if (!text.trim()) {
        ff.put(status, ff.t("class.paste_first"));
        paste.focus();
        return;
      }
      pasted++;
      take([{ source: pasted > 1 ? ff.t("class.pasted_text_n", { n: pasted }) : ff.t("class.pasted_text"), text: text }],
           ff.t("class.read_pasted"));
    }

    fileInput.addEventListener("change", function () { readFiles(fileInput.files); });
    $("read-paste").addEventListener("click", function () {
      var text = paste.value, before = shown ? shown.refused.length : 0;
      paste.value = "";
      readText(text);
      // Something in it not counted: the text stays, to be put right and read again.
      if (shown && shown.refused.length > before) paste.value = text;
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
        if (save()) ff.put(status, ff.t("class.kept", { forget: $("forget").textContent }));
      } else {
        try { localStorage.removeItem(storeKey); } catch (e) { /* storage off: nothing kept */ }
        ff.put(status, ff.t("class.not_kept"));
      }
    });
    $("forget").addEventListener("click", function () {
      // A class read from many files is not read again in a moment: asked first.
      if (inputs.length && !window.confirm(ff.t("class.forget_confirm"))) return;
      try { localStorage.removeItem(storeKey); } catch (e) { /* storage off: nothing kept */ }
      inputs = [];
      moved = {};
      pasted = 0;
      keep.checked = false;
      render();
      ff.put(status, ff.t("class.forgotten"));
    });
    $("csv").addEventListener("click", function () {
      var name = ff.t("class.csv_file", { lesson: data.lesson.id });
      R.download(name, csv(), "text/csv;charset=utf-8");
      ff.put(status, ff.t("questions.downloaded", { file: name }));
    });
    $("print").addEventListener("click", function () { window.print(); });

    var kept = null;
    try { kept = JSON.parse(localStorage.getItem(storeKey)); } catch (e) { kept = null; }
    if (isObject(kept) && Array.isArray(kept.inputs) && kept.inputs.length) {
      inputs = kept.inputs.filter(function (i) { return isObject(i) && typeof i.source === "string"; });
      moved = isObject(kept.groups) ? kept.groups : {};
      pasted = inputs.filter(function (i) { return i.source.indexOf(ff.t("class.pasted_text")) === 0; }).length;
      keep.checked = true;
      render();
      say(ff.t("class.kept_before"));
    }
  }

  ff.classPage = { start: start, receiptsIn: receiptsIn, check: check, analyse: analyse };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(window.flipfolio = window.flipfolio || {});
