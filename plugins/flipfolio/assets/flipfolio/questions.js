/* Flipfolio's question sets, answered in the page: a question with an answer
   key ([data-ff-key]: base64 of JSON, made by the questions feature; encoded,
   not secret) gets radio buttons, checkboxes or a text field, a Check button,
   feedback in a polite live region and Try again. Without this script the
   plain list and "Show the answer" stay. The rules are those of
   questions/answers.py: short answers come normalised in the key, so the
   student's text is normalised the same way and compared; numbers are read as
   parse_number reads them. Answers are kept in this browser only
   (localStorage, "flipfolio:v1:<lesson path>", by question id). */
(function (ff) {
  "use strict";
  if (ff.questions) return;

  var STORE = "flipfolio:v1:";
  var SP = "[ \u00a0\u2009\u202f]";
  var NUMBER = new RegExp("^([+\\-\u2212]?)\\s*(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d{1,3}(?:" + SP +
    "\\d{3})+(?:[.,]\\d+)?|\\d+,\\d+|\\d*\\.\\d+|\\d+\\.?)\\s*(.*)$");

  function fold(text) { return text.toUpperCase().toLowerCase(); }  // near casefold: "ß" is "ss"

  function normalise(text, caseSensitive) {
    text = text.normalize("NFKC").replace(/[\p{P}\p{S}\p{Z}\p{C}]/gu, " ").split(/\s+/).filter(Boolean).join(" ");
    return caseSensitive ? text : fold(text);
  }

  function unit(text) { return fold(text.normalize("NFKC").replace(/\s+/g, "")); }

  function parseNumber(text) {
    var match = NUMBER.exec(text.normalize("NFKC").trim());
    if (!match) return null;
    var number = match[2], rest = match[3].trim();
    if (new RegExp(SP).test(number)) number = number.replace(new RegExp(SP, "g"), "").replace(",", ".");
    else if (/^\d+,\d+$/.test(number) && !/^\d{1,3},\d{3}$/.test(number)) number = number.replace(",", ".");
    else number = number.replace(/,/g, "");
    if (rest && !/^[^\d\s,.]/.test(rest)) return null;
    var value = parseFloat(number);
    return [match[1] === "-" || match[1] === "\u2212" ? -value : value, rest];
  }

  function isRight(key, type, answer) {
    if (type === "short") {
      var given = normalise(answer, key.case);
      return !!given && key.accepted.indexOf(given) >= 0;
    }
    if (type === "numeric") {
      var parsed = parseNumber(answer);
      if (!parsed || (parsed[1] && unit(parsed[1]) !== key.unit)) return false;
      return Math.abs(parsed[0] - key.number) <= key.tolerance + 1e-9 * Math.max(1, Math.abs(key.number));
    }
    return answer.length === key.right.length && key.right.every(function (i) { return answer.indexOf(i) >= 0; });
  }

  function load(path) {
    try { return JSON.parse(localStorage.getItem(STORE + path)) || {}; } catch (e) { return {}; }
  }

  function save(path, answers) {
    try {
      if (Object.keys(answers).length) localStorage.setItem(STORE + path, JSON.stringify(answers));
      else localStorage.removeItem(STORE + path);
    } catch (e) { /* storage off: answers last as long as the page */ }
  }

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function button(text, className) {
    var node = make("button", "md-button " + className, text);
    node.type = "button";
    return node;
  }

  // One question: its controls, Check, feedback and Try again.
  function question(item, set) {
    var type = item.getAttribute("data-ff-type"), id = item.getAttribute("data-ff-question");
    var key = JSON.parse(atob(item.getAttribute("data-ff-key")));
    var prompt = item.querySelector("p[id]"), form = make("div", "ff-check"), inputs = [];
    var choices = type === "true-false" ? ["True", "False"] : [];
    var list = item.querySelector(".ff-choices");
    if (type === "choice" || type === "multiple") {
      var texts = list.children;
      for (var t = 0; t < texts.length; t++) choices.push(texts[t].textContent);
    }
    if (choices.length) {
      var group = make("div", "ff-options");
      group.setAttribute("role", type === "multiple" ? "group" : "radiogroup");
      group.setAttribute("aria-labelledby", prompt.id);
      choices.forEach(function (text, i) {
        var li = make("div"), label = make("label"), input = make("input");
        input.type = type === "multiple" ? "checkbox" : "radio";
        input.name = "ff-" + id;
        input.value = String(i);
        label.appendChild(input);
        label.appendChild(document.createTextNode(" " + text));
        li.appendChild(label);
        group.appendChild(li);
        inputs.push(input);
      });
      if (list) list.hidden = true;
      form.appendChild(group);
    } else {
      var label = make("label", "ff-field", "Your answer" + (type === "numeric" ? " (a number)" : "") + " "),
          field = make("input");
      field.type = "text";
      field.autocomplete = "off";
      field.spellcheck = false;
      if (type === "numeric") field.inputMode = "decimal";
      field.setAttribute("aria-describedby", prompt.id);
      label.appendChild(field);
      inputs.push(field);
      form.appendChild(label);
    }
    var check = button("Check", "ff-check-button"), again = button("Try again", "ff-again");
    var feedback = make("div", "ff-feedback");
    feedback.setAttribute("aria-live", "polite");
    again.hidden = true;
    form.appendChild(check);
    form.appendChild(again);
    form.appendChild(feedback);
    var answerBox = item.querySelector(".ff-answer");
    item.insertBefore(form, item.querySelector(".ff-hint") || answerBox || null);

    function answer() {
      if (!choices.length) return inputs[0].value;
      return inputs.filter(function (input) { return input.checked; }).map(function (input) { return +input.value; });
    }

    function show(given, focus) {
      var right = isRight(key, type, given), lines = [right ? "Right." : "Not quite."];
      if (choices.length) {
        given.forEach(function (i) {
          if (key.feedback[i]) lines.push((type !== "true-false" ? choices[i].replace(/[.:]\s*$/, "") + ": " : "") + key.feedback[i]);
        });
      }
      if (right && key.explanation) lines.push(key.explanation);
      if (!right) lines.push("Try again, or open \u201cShow the answer\u201d.");
      feedback.textContent = "";
      lines.forEach(function (line) { feedback.appendChild(make("p", null, line)); });
      item.setAttribute("data-ff-result", right ? "right" : "wrong");
      inputs.forEach(function (input) { input.disabled = true; });
      check.hidden = true;
      again.hidden = false;
      if (focus) again.focus();
      return right;
    }

    function reset(focus) {
      feedback.textContent = "";
      item.removeAttribute("data-ff-result");
      inputs.forEach(function (input) { input.disabled = false; });
      check.hidden = false;
      again.hidden = true;
      if (focus) inputs[0].focus();
    }

    check.addEventListener("click", function () {
      var given = answer();
      if (!given.length || (!choices.length && !given.trim())) {
        feedback.textContent = choices.length ? "Pick an answer first." : "Type an answer first.";
        return;
      }
      var right = show(given, true);
      set.record(id, { answer: given, right: right });
    });
    again.addEventListener("click", function () {
      reset(true);
      set.record(id, null);
    });
    if (!choices.length) {
      inputs[0].addEventListener("keydown", function (event) {
        if (event.key === "Enter") { event.preventDefault(); check.click(); }
      });
    }

    return {
      id: id,
      restore: function (saved) {
        if (!saved) return reset(false);
        if (choices.length) inputs.forEach(function (input, i) { input.checked = saved.answer.indexOf(i) >= 0; });
        else inputs[0].value = saved.answer;
        show(saved.answer, false);
      },
      clear: function () {
        if (choices.length) inputs.forEach(function (input) { input.checked = false; });
        else inputs[0].value = "";
        reset(false);
      }
    };
  }

  // A question set: its questions, "n of m answered" and "Forget my answers".
  function questionSet(box) {
    var path = location.pathname, answers = load(path), questions = [];
    var bar = make("div", "ff-progress"), count = make("p", "ff-meta"), forget = button("Forget my answers", "ff-forget");
    count.setAttribute("aria-live", "polite");
    bar.appendChild(count);
    bar.appendChild(forget);
    var heading = box.querySelector("h3");
    box.insertBefore(bar, heading ? heading.nextSibling : box.firstChild);

    function update() {
      var done = questions.filter(function (q) { return answers[q.id]; }).length;
      count.textContent = done + " of " + questions.length + " answered";
      forget.hidden = !done;
    }

    var set = {
      record: function (id, state) {
        answers = load(path);
        if (state) answers[id] = state;
        else delete answers[id];
        save(path, answers);
        update();
      }
    };
    var items = box.querySelectorAll("[data-ff-key]");
    for (var i = 0; i < items.length; i++) {
      try { questions.push(question(items[i], set)); } catch (e) { /* a broken key: the plain question stays */ }
    }
    questions.forEach(function (q) {
      try { if (answers[q.id]) q.restore(answers[q.id]); } catch (e) { q.clear(); }  // an answer of another shape
    });
    forget.addEventListener("click", function () {
      answers = {};
      save(path, answers);
      questions.forEach(function (q) { q.clear(); });
      update();
      count.focus();
    });
    count.tabIndex = -1;
    update();
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
    }
  };
})(window.flipfolio = window.flipfolio || {});
