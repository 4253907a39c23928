/* Flipfolio's question sets, answered in the page. Each question
   (li[data-ff-key]: base64 of JSON made by the questions feature; encoded,
   not secret) gets the controls of its type, a Check button, feedback in a
   polite live region and Try again; without this script the plain list, on
   paper, stays. The rules are those of questions/answers.py: short answers
   come normalised in the key, so the student's text is normalised the same
   way; numbers are read as parse_number reads them (both in answers.js,
   which the teacher's class page shares). Open and WSQ answers are
   kept, never marked. Progress is kept in this browser (progress.js); the set
   ends with a summary and the receipt to hand in (receipt.js). Answering a
   question sets data-ff-answered on it and sends "ff:answered" (detail: id,
   right) from it, which moments.js listens to. */
(function (ff) {
  "use strict";
  if (ff.questions) return;

  // The rules of comparing typed answers (answers.js, shared with the class page).
  var normalise = ff.answers.normalise, parseNumber = ff.answers.parseNumber, unit = ff.answers.unit;

  /* The words of `text` (in the language `lang`): found by the browser's word breaker, which knows
     languages written without spaces (Chinese, Japanese, Thai); else, where it has none, what spaces
     separate. */
  function words(text, lang) {
    if (typeof Intl !== "undefined" && Intl.Segmenter) {
      var n = 0, it = new Intl.Segmenter(lang || undefined, { granularity: "word" }).segment(text)[Symbol.iterator]();
      for (var part = it.next(); !part.done; part = it.next()) if (part.value.isWordLike) n++;
      return n;
    }
    return text.split(/\s+/).filter(function (w) { return /[\p{L}\p{N}]/u.test(w); }).length;
  }

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) ff.put(node, text);
    return node;
  }

  function button(text, className) {
    var node = make("button", "md-button " + className, text);
    node.type = "button";
    return node;
  }

  function labelled(text, control, className) {
    var label = make("label", className || "ff-field");
    if (text) label.appendChild(ff.words(text + " "));
    label.appendChild(control);
    return label;
  }

  function texts(list) {
    var found = [];
    for (var i = 0; list && i < list.children.length; i++) found.push(list.children[i].textContent);
    if (list) list.hidden = true;  // the plain list gives way to the controls
    return found;
  }

  function Need(text) { this.text = text; }  // what is missing before an answer can be checked
  function need(text) { return new Need(text); }

  function sameList(a, b) {
    return a.length === b.length && a.every(function (x, i) { return x === b[i]; });
  }

  /* The types. Each takes (item, key, q) and returns
     node: its controls; inputs: what is locked once answered (the first is focused on Try again);
     value(): the answer, or need(what is missing); set(answer or null);
     mark(answer): {right: true, false or null (not marked), lines: feedback};
     describe(answer): the answer in words, for the receipt. */

  function choices(item, key, q) {
    var type = q.type, options = texts(item.querySelector(".ff-choices"));
    var group = make("div", "ff-options"), inputs = [];
    group.setAttribute("role", type === "multiple" ? "group" : "radiogroup");
    group.setAttribute("aria-labelledby", q.prompt.id);
    options.forEach(function (text, i) {
      var input = make("input");
      input.type = type === "multiple" ? "checkbox" : "radio";
      input.name = "ff-" + q.id;
      input.value = String(i);
      group.appendChild(make("div")).appendChild(labelled("", input, "ff-option")).appendChild(document.createTextNode(" " + text));
      inputs.push(input);
    });
    function picked() { return inputs.filter(function (x) { return x.checked; }).map(function (x) { return +x.value; }); }
    return {
      node: group, inputs: inputs,
      value: function () { return picked().length ? picked() : need(ff.t("questions.pick_first")); },
      set: function (given) { inputs.forEach(function (x, i) { x.checked = !!given && given.indexOf(i) >= 0; }); },
      mark: function (given) {
        var right = sameList(given.slice().sort(), key.right.slice().sort());
        return { right: right, lines: given.filter(function (i) { return key.feedback[i]; }).map(function (i) {
          return (type === "true-false" ? "" : options[i].replace(/[.:]\s*$/, "") + ": ") + key.feedback[i];
        }) };
      },
      describe: function (given) { return given.map(function (i) { return options[i]; }).join("; "); }
    };
  }

  function typed(item, key, q) {
    var field = make("input");
    field.type = "text";
    field.autocomplete = "off";
    field.spellcheck = false;
    if (q.type === "numeric") field.inputMode = "decimal";
    field.setAttribute("aria-describedby", q.prompt.id);
    field.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); q.submit(); }
    });
    return {
      node: labelled(ff.t(q.type === "numeric" ? "questions.your_number" : "questions.your_answer"), field), inputs: [field],
      value: function () { return field.value.trim() ? field.value : need(ff.t("questions.type_first")); },
      set: function (given) { field.value = given || ""; },
      mark: function (given) {
        if (q.type === "short") return { right: key.accepted.indexOf(normalise(given, key.case)) >= 0, lines: [] };
        var parsed = parseNumber(given);
        var near = !!parsed &&
          Math.abs(parsed[0] - key.number) <= key.tolerance + 1e-9 * Math.max(Math.abs(key.number), Math.abs(parsed[0]), key.tolerance);
        var sameUnit = !!parsed && (!parsed[1] || unit(parsed[1]) === key.unit);
        if (!parsed) return { right: false, lines: [ff.t("questions.not_a_number")] };
        if (near && !sameUnit) {  // the number, in another unit (or the same one written otherwise): not counted
          return { right: false, lines: [key.unit ? ff.t("questions.unit_differs", { unit: key.unit_as }) : ff.t("questions.no_unit")] };
        }
        return { right: near && sameUnit, lines: [] };
      },
      describe: function (given) { return given.trim(); }
    };
  }

  /* Ordering: move-up and move-down buttons (and dragging with a mouse). */
  function ordering(item, key, q) {
    var items = texts(item.querySelector(".ff-choices")), list = make("ol", "ff-order"), rows = [], inputs = [];
    var order = items.map(function (_, i) { return i; });
    items.forEach(function (text, i) {
      var row = make("li"), up = button("\u2191", "ff-move"), down = button("\u2193", "ff-move");
      up.setAttribute("aria-label", ff.t("questions.move_up", { item: text }));
      down.setAttribute("aria-label", ff.t("questions.move_down", { item: text }));
      row.appendChild(make("span", null, text));
      row.appendChild(up);
      row.appendChild(down);
      row.draggable = true;
      up.addEventListener("click", function () { move(i, -1, up); });
      down.addEventListener("click", function () { move(i, 1, down); });
      row.addEventListener("dragstart", function (event) { event.dataTransfer.setData("text/plain", String(i)); });
      row.addEventListener("dragover", function (event) { if (!up.disabled || !down.disabled) event.preventDefault(); });
      row.addEventListener("drop", function (event) {
        event.preventDefault();
        var from = +event.dataTransfer.getData("text/plain");
        if (from !== i) move(from, order.indexOf(i) - order.indexOf(from));
      });
      rows.push(row);
      inputs.push(up, down);
    });
    function draw() {
      order.forEach(function (i, place) {
        list.appendChild(rows[i]);
        inputs[2 * i].disabled = place === 0 || rows[i].hasAttribute("data-locked");
        inputs[2 * i + 1].disabled = place === order.length - 1 || rows[i].hasAttribute("data-locked");
      });
    }
    function move(i, by, from) {
      var place = order.indexOf(i), to = Math.max(0, Math.min(order.length - 1, place + by));
      order.splice(place, 1);
      order.splice(to, 0, i);
      draw();  // (moving a row moves the focused button, which loses the focus: it is given back)
      if (from) (from.disabled ? (from === inputs[2 * i] ? inputs[2 * i + 1] : inputs[2 * i]) : from).focus();
      // (An item written as a sentence loses its full stop before the ": now …".)
      q.say(ff.t("questions.moved", { item: items[i].replace(/[.\u3002\u06d4]+$/, ""), place: to + 1, count: order.length }));
    }
    draw();
    return {
      node: list, inputs: inputs,
      lock: function (locked) { rows.forEach(function (r) { r.toggleAttribute("data-locked", locked); r.draggable = !locked; }); draw(); },
      value: function () { return order.slice(); },
      set: function (given) {
        order = given && sameList(given.slice().sort(), order.slice().sort()) ? given.slice() : items.map(function (_, i) { return i; });
        draw();
      },
      mark: function (given) {
        var placed = given.filter(function (i, place) { return key.right[place] === i; }).length;
        return { right: placed === given.length, lines: placed === given.length ? [] : [ff.t("questions.in_place", { right: placed, count: given.length })] };
      },
      describe: function (given) { return given.map(function (i) { return items[i]; }).join(" \u2192 "); }
    };
  }

  /* Matching: a choice of right side for each left side. */
  function matching(item, key, q) {
    var lists = item.querySelectorAll(".ff-choices"), lefts = texts(lists[0]), rights = texts(lists[1]);
    var box = make("div", "ff-pairs"), selects = [];
    lefts.forEach(function (left) {
      var select = make("select");
      select.appendChild(make("option", null, ff.t("questions.choose"))).value = "";
      rights.forEach(function (right, r) { select.appendChild(make("option", null, right)).value = String(r); });
      box.appendChild(make("div")).appendChild(labelled(left, select));
      selects.push(select);
    });
    return {
      node: box, inputs: selects,
      value: function () {
        var given = selects.map(function (s) { return s.value === "" ? -1 : +s.value; });
        return given.indexOf(-1) >= 0 ? need(ff.t("questions.match_first")) : given;
      },
      set: function (given) { selects.forEach(function (s, i) { s.value = given && given[i] >= 0 ? String(given[i]) : ""; }); },
      mark: function (given) {
        var paired = given.filter(function (r, i) { return key.right[i] === r; }).length;
        return { right: paired === given.length, lines: paired === given.length ? [] : [ff.t("questions.pairs_right", { right: paired, count: given.length })] };
      },
      describe: function (given) { return given.map(function (r, i) { return lefts[i] + " = " + rights[r]; }).join("; "); }
    };
  }

  function area(label, describedBy) {
    var field = make("textarea");
    field.rows = 4;
    if (describedBy) field.setAttribute("aria-describedby", describedBy);
    return { field: field, node: labelled(label, field, "ff-field ff-field--long") };
  }

  /* Open response: written, counted, compared with what to look for; never marked. */
  function open(item, key, q) {
    var written = area(ff.t("questions.your_answer"), q.prompt.id + " ff-count-" + q.id), box = make("div");
    var count = make("p", "ff-meta"), lang = (item.closest("[lang]") || document.documentElement).lang;
    count.id = "ff-count-" + q.id;
    function counted() {
      var n = words(written.field.value, lang);
      ff.put(count, ff.t("questions.words", { count: n }) + (key.min ? " " + ff.t("questions.at_least", { min: key.min }) : ""));
    }
    written.field.addEventListener("input", counted);
    counted();
    box.appendChild(written.node);
    box.appendChild(count);
    return {
      node: box, inputs: [written.field], action: ff.t("questions.save_answer"), again: ff.t("questions.change_answer"),
      value: function () {
        var n = words(written.field.value, lang);
        if (!n) return need(ff.t("questions.write_first"));
        return n < key.min ? need(ff.t("questions.write_more", { count: key.min, written: n })) : written.field.value;
      },
      set: function (given) { written.field.value = given || ""; counted(); },
      mark: function () {
        var answer = item.querySelector(".ff-answer");
        if (answer) answer.open = true;
        return { right: null, lines: answer ? [ff.t("questions.saved_compare")] : [ff.t("questions.saved")] };
      },
      describe: function (given) { return given.trim(); }
    };
  }

  /* Watch-Summarize-Question: a summary and a question of the student's own;
     a sentence starter goes into the field last used. */
  function wsq(item, key, q) {
    var steps = texts(item.querySelector(".ff-wsq")), box = make("div");
    var summary = area(steps[0] || ff.t("questions.summary")), question = area(steps[1] || ff.t("questions.your_question")), last = summary.field;
    box.appendChild(summary.node);
    box.appendChild(question.node);
    [summary.field, question.field].forEach(function (f) { f.addEventListener("focus", function () { last = f; }); });
    var starters = item.querySelector(".ff-starters"), inputs = [summary.field, question.field];
    if (starters) {  // between the fields and Save, in reading and focus order
      if (starters.previousElementSibling && starters.previousElementSibling.matches(".ff-meta")) box.appendChild(starters.previousElementSibling);
      box.appendChild(starters);
    }
    for (var i = 0; starters && i < starters.children.length; i++) {
      var li = starters.children[i], use = button(li.textContent, "ff-starter");
      use.setAttribute("aria-label", ff.t("questions.start_with", { starter: li.textContent }));
      use.addEventListener("click", function () {
        last.value = (last.value.trim() ? last.value.trimEnd() + " " : "") + this.textContent.replace(/\u2026$/, "") + " ";
        last.focus();
      });
      li.textContent = "";
      li.appendChild(use);
      inputs.push(use);
    }
    return {
      node: box, inputs: inputs, action: ff.t("questions.save"), again: ff.t("questions.change"),
      value: function () {
        return summary.field.value.trim() && question.field.value.trim()
          ? { summary: summary.field.value, question: question.field.value } : need(ff.t("questions.summary_first"));
      },
      set: function (given) { summary.field.value = given ? given.summary : ""; question.field.value = given ? given.question : ""; },
      mark: function () { return { right: null, lines: [ff.t("questions.saved_bring")] }; },
      describe: function (given) { return ff.t("questions.wsq_described", { summary: given.summary.trim(), question: given.question.trim() }); }
    };
  }

  var TYPES = { choice: choices, multiple: choices, "true-false": choices, short: typed, numeric: typed,
                ordering: ordering, matching: matching, open: open, wsq: wsq };

  // One question: its controls, Check, feedback and Try again.
  function question(item, set) {
    var q = { type: item.getAttribute("data-ff-type"), id: item.getAttribute("data-ff-question"),
              prompt: item.querySelector("p[id]") };
    var key = JSON.parse(atob(item.getAttribute("data-ff-key"))), at = q.prompt.querySelector(".ff-at");
    var form = make("div", "ff-check"), feedback = make("div", "ff-feedback"), started = null, state = null;
    q.say = function (text) { ff.put(feedback, text); };
    q.submit = function () { check.click(); };
    var kind = TYPES[q.type](item, key, q);
    var check = button(kind.action || ff.t("questions.check"), "ff-check-button"), again = button(kind.again || ff.t("questions.try_again"), "ff-again");
    feedback.setAttribute("aria-live", "polite");
    again.hidden = true;
    [kind.node, check, again, feedback].forEach(function (node) { form.appendChild(node); });
    item.insertBefore(form, item.querySelector(".ff-hint") || item.querySelector(".ff-answer"));
    form.addEventListener("input", function () { started = started || Date.now(); });
    form.addEventListener("click", function () { started = started || Date.now(); });

    function lock(locked) {
      if (kind.lock) kind.lock(locked);
      else kind.inputs.forEach(function (input) { input.disabled = locked; });
      check.hidden = locked;
      again.hidden = !locked;
    }

    function show(given, focus) {
      var result = kind.mark(given), verdict = result.right === null ? "" : result.right ? ff.t("questions.right") : ff.t("questions.not_quite");
      var lines = (verdict && (result.lines[0] || "").indexOf(verdict) !== 0 ? [verdict] : []).concat(result.lines);
      if (result.right !== false && key.explanation) lines.push(key.explanation);
      if (result.right === false) lines.push(ff.t("questions.try_again_or_show"));
      ff.put(feedback, "");
      lines.forEach(function (line) { feedback.appendChild(make("p", null, line)); });
      if (result.right === null) item.setAttribute("data-ff-result", "kept");
      else item.setAttribute("data-ff-result", result.right ? "right" : "wrong");
      item.setAttribute("data-ff-answered", "");
      lock(true);
      if (focus) again.focus();
      return result.right;
    }

    function reset(focus) {
      ff.put(feedback, "");
      item.removeAttribute("data-ff-result");
      item.removeAttribute("data-ff-answered");
      lock(false);
      if (focus) (kind.inputs.filter(function (input) { return !input.disabled; })[0] || check).focus();
    }

    check.addEventListener("click", function () {
      var given = kind.value();
      if (given instanceof Need) {
        ff.put(feedback, given.text);
        return;
      }
      var right = show(given, true), now = new Date();
      state = { answer: given, right: right, tries: ((state && state.tries) || (set.tries(q.id))) + 1,
                answered: now.toISOString(), seconds: started ? Math.round((now - started) / 1000) : null };
      started = null;
      set.record(q.id, state);
      item.dispatchEvent(new CustomEvent("ff:answered", { bubbles: true, detail: { id: q.id, right: right } }));
    });
    again.addEventListener("click", function () {
      reset(true);
      set.record(q.id, null);
    });

    return {
      id: q.id, type: q.type, item: item, version: item.getAttribute("data-ff-version") || "",
      prompt: q.prompt.textContent.slice(at ? at.textContent.length : 0).trim(),
      restore: function (saved) {
        state = saved;
        kind.set(saved.answer);
        show(saved.answer, false);
      },
      clear: function () {
        state = null;
        kind.set(null);
        reset(false);
      },
      describe: function (saved) { return kind.describe(saved.answer); }
    };
  }

  function data(box, name) { return box.getAttribute("data-ff-" + name) || ""; }

  // A question set: its questions, "n of m answered", "Forget my answers", the summary and the receipt.
  function questionSet(box) {
    var path = ff.progress.page(), saved = ff.progress.entry(path), questions = [], tries = {};
    var bar = make("div", "ff-progress"), count = make("p", "ff-meta"), forget = button(ff.t("questions.forget"), "ff-forget");
    count.setAttribute("aria-live", "polite");
    count.tabIndex = -1;
    var unkept = make("p", "ff-note ff-unkept");  // said once the browser's storage refuses the answers
    unkept.setAttribute("role", "status");
    unkept.hidden = true;
    bar.appendChild(count);
    bar.appendChild(forget);
    bar.appendChild(unkept);
    var heading = box.querySelector("h3");
    box.insertBefore(bar, heading ? heading.nextSibling : box.firstChild);
    var about = {
      lesson: { id: data(box, "lesson"), title: data(box, "lesson-title"), path: path },
      set: { id: data(box, "set"), title: heading ? heading.textContent : "", version: data(box, "set-version") }
    };

    var set = {
      tries: function (id) { return tries[id] || 0; },
      record: function (id, state) {
        saved = ff.progress.entry(path);
        if (state) { saved.answers[id] = state; tries[id] = state.tries; } else delete saved.answers[id];
        update();
      }
    };
    var items = box.querySelectorAll("[data-ff-key]");
    for (var i = 0; i < items.length; i++) {
      try { questions.push(question(items[i], set)); } catch (e) { /* a broken key: the plain question stays */ }
    }
    questions.forEach(function (q) {
      var state = saved.answers[q.id];
      if (!state) return;
      tries[q.id] = state.tries || 1;
      try { q.restore(state); } catch (e) { q.clear(); delete saved.answers[q.id]; }  // an answer of another shape
    });

    var summary = receiptBox(box, about, function () { return listed(); });

    function listed() {
      return questions.map(function (q) {
        var state = saved.answers[q.id] || null;
        return { id: q.id, version: q.version, type: q.type, prompt: q.prompt, state: state,
                 text: state ? q.describe(state) : "" };
      });
    }

    function update() {
      var done = questions.filter(function (q) { return saved.answers[q.id]; }).length;
      saved.done = done;
      saved.of = questions.length;
      if (!ff.progress.save(path, saved) && unkept.hidden) {
        ff.put(unkept, ff.t("progress.not_kept"));
        unkept.hidden = false;
      }
      ff.put(count, ff.t("questions.answered", { done: done, count: questions.length }));
      forget.hidden = !done;
      summary.update(listed());
    }

    forget.addEventListener("click", function () {  // (a tap too near "n of m answered" must not cost them all)
      if (!window.confirm(ff.t("questions.forget_confirm"))) return;
      saved = { answers: {} };
      tries = {};
      questions.forEach(function (q) { q.clear(); });
      update();
      count.focus();
    });
    update();
  }

  /* The longest email link made with the answers in it: mail programs cut longer ones (about 2,000 characters). */
  var MAILTO_MOST = 1800;

  /* The end of a set: what is answered and right, what is left, and the receipt. */
  function receiptBox(box, about, listed) {
    var end = make("section", "ff-summary"), title = make("h4", null, ff.t("questions.your_answers")), score = make("p");
    var left = make("p", "ff-meta ff-left"), name = make("input"), status = make("p", "ff-meta");
    var how = make("p", null, ff.t("questions.how_to_hand_in"));
    title.id = "ff-summary-" + about.set.id;
    end.setAttribute("aria-labelledby", title.id);
    // (The score is not read out on every answer: the feedback and "n of m answered" are.)
    status.setAttribute("aria-live", "polite");
    name.type = "text";
    name.autocomplete = "name";
    name.value = ff.progress.name();
    name.addEventListener("change", function () { ff.progress.name(name.value); });
    var actions = make("div", "ff-receipt");
    [title, score, left, how, labelled(ff.t("questions.your_name"), name), actions, status]
      .forEach(function (node) { end.appendChild(node); });
    var list = box.querySelector("ol");
    box.insertBefore(end, list ? list.nextSibling : null);

    function receipt() { return ff.receipt.make(about, listed(), name.value.trim()); }
    function downloaded(saved) {
      ff.put(status, ff.t(name.value.trim() ? "questions.downloaded" : "questions.downloaded_no_name", { file: saved }));
    }
    function file(ext) {
      return (about.lesson.id || "lesson") + "-answers" + (name.value.trim() ? "-" + name.value.trim().toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "") : "") + "." + ext;
    }
    function add(text, act) {
      var b = button(text, "ff-receipt-button");
      b.addEventListener("click", function () {
        // An empty receipt would hand in nothing, and be taken for the student's answers.
        if (!listed().some(function (q) { return q.state; })) ff.put(status, ff.t("questions.nothing_answered"));
        else act();
      });
      actions.appendChild(b);
      return b;
    }
    add(ff.t("questions.download_text"), function () {
      ff.receipt.download(file("txt"), ff.receipt.text(receipt(), listed()), "text/plain;charset=utf-8");
      downloaded(file("txt"));
    });
    add(ff.t("questions.download_json"), function () {
      ff.receipt.download(file("json"), JSON.stringify(receipt(), null, 1) + "\n", "application/json");
      downloaded(file("json"));
    });
    add(ff.t("questions.copy"), function () {
      ff.receipt.copy(ff.receipt.text(receipt(), listed())).then(function (done) {
        ff.put(status, done ? ff.t("questions.copied") : ff.t("questions.not_copied"));
      });
    });
    var submit = data(box, "submit");
    if (submit) {
      add(ff.t("receipt.hand_in"), function () {
        var text = ff.receipt.text(receipt(), listed());
        if (/^mailto:/i.test(submit)) {
          var subject = /[?&]subject=/i.test(submit) ? "" : "subject=" + encodeURIComponent(ff.t("receipt.subject", { lesson: about.lesson.title })) + "&";
          var start = submit + (submit.indexOf("?") < 0 ? "?" : "&") + subject + "body=";
          var link = start + encodeURIComponent(ff.receipt.text(receipt(), listed(), true));
          if (link.length <= MAILTO_MOST) {
            ff.receipt.go(link);
            ff.put(status, ff.t("questions.email_opens"));
            return;
          }
          // Too long for an email link (mail programs cut them, and the receipt with them): the answers go
          // through the clipboard, into a message that asks for them.
          ff.receipt.copy(text).then(function (done) {
            if (!done) { ff.put(status, ff.t("questions.email_too_long")); return; }
            ff.receipt.go(start + encodeURIComponent(ff.t("questions.email_paste_here")));
            ff.put(status, ff.t("questions.email_copied"));
          });
          return;
        }
        ff.receipt.copy(text).then(function (done) {
          window.open(submit, "_blank", "noopener");
          ff.put(status, done ? ff.t("questions.form_copied") : ff.t("questions.form_opened"));
        });
      });
    }
    return {
      update: function (questions) {
        var answered = questions.filter(function (q) { return q.state; });
        var marked = answered.filter(function (q) { return typeof q.state.right === "boolean"; });
        var right = marked.filter(function (q) { return q.state.right; }).length;
        ff.put(score, marked.length ? ff.t("questions.score_right", { done: answered.length, count: questions.length, right: right, marked: marked.length })
          : ff.t("questions.score", { done: answered.length, count: questions.length }));
        left.textContent = "";
        var missing = questions.filter(function (q) { return !q.state; });
        if (!missing.length) return;
        left.appendChild(ff.words(ff.t("questions.still_to_answer") + " "));
        missing.forEach(function (q, i) {
          var link = make("a", null, String(questions.indexOf(q) + 1));
          link.href = "#ff-q-" + q.id;
          link.setAttribute("aria-label", ff.t("questions.question_n", { n: questions.indexOf(q) + 1 }));
          if (i) left.appendChild(document.createTextNode(", "));
          left.appendChild(link);
        });
      }
    };
  }

  ff.questions = {
    normalise: normalise,
    parseNumber: parseNumber,
    start: function () {
      var boxes = document.querySelectorAll(".ff-questions:not([data-ff-ready])");
      for (var i = 0; i < boxes.length; i++) {
        boxes[i].setAttribute("data-ff-ready", "");
        if (boxes[i].querySelector("[data-ff-key]")) questionSet(boxes[i]);
      }
      ff.progress.mark();
    }
  };
})(window.flipfolio = window.flipfolio || {});
