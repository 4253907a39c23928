/* Flipfolio's receipts: a student's answers to a lesson's question set, to
   hand in. Made in the browser from what this browser stored, downloaded as
   readable text or JSON, copied, or pasted into the teacher's form
   (submit_url); nothing is sent anywhere without the student's click.
   The JSON (format "flipfolio-answers", version 1) names the lesson, the set
   and its version, each question by id and version, the answers, right or
   wrong where the question is marked, tries and times, and a CRC-32 of the
   rest: it catches accidental edits, it is no proof against a determined
   student. The text receipt ends with the same JSON on a line of its own,
   so either file can be read back. */
(function (ff) {
  "use strict";
  if (ff.receipt) return;

  var MARK = "flipfolio-receipt: ";
  var table = [];
  for (var n = 0; n < 256; n++) {
    var c = n;
    for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table.push(c >>> 0);
  }

  /* CRC-32 of the UTF-8 bytes of `text`, as 8 hex digits. */
  function crc32(text) {
    var bytes = new TextEncoder().encode(text), crc = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) crc = table[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
    return ("0000000" + ((crc ^ 0xffffffff) >>> 0).toString(16)).slice(-8);
  }

  /* The receipt: `about` has lesson and set ({id, title, version}); each of
     `questions` has id, version, type, prompt, and state (stored, or null)
     and text (the answer as words) when answered. */
  function make(about, questions, student) {
    var answers = [];
    questions.forEach(function (q) {
      if (!q.state) return;
      answers.push({ id: q.id, version: q.version, type: q.type, prompt: q.prompt, answer: q.text,
                     given: q.state.answer, right: typeof q.state.right === "boolean" ? q.state.right : null,
                     tries: q.state.tries || 1, answered: q.state.answered || null,
                     seconds: typeof q.state.seconds === "number" ? q.state.seconds : null });
    });
    var receipt = { receipt: "flipfolio-answers", version: 1, lesson: about.lesson, set: about.set,
                    student: student, written: new Date().toISOString(), questions: questions.length,
                    answers: answers };
    receipt.checksum = "crc32:" + crc32(JSON.stringify(receipt));
    return receipt;
  }

  function score(receipt) {
    var marked = receipt.answers.filter(function (a) { return a.right !== null; });
    var right = marked.filter(function (a) { return a.right; }).length;
    return marked.length
      ? ff.t("receipt.score_right", { done: receipt.answers.length, count: receipt.questions, right: right, marked: marked.length })
      : ff.t("receipt.score", { done: receipt.answers.length, count: receipt.questions });
  }

  /* The receipt as text: what it holds in words (question by question, unless `brief`: an email link's
     body, which mail programs cut when long), then the line the class page reads. */
  function text(receipt, questions, brief) {
    var lines = [ff.t("receipt.answers_to", { set: receipt.set.title }), ff.t("receipt.lesson", { lesson: receipt.lesson.title }),
                 ff.t("receipt.student", { student: receipt.student || ff.t("receipt.no_name") }),
                 ff.t("receipt.written", { time: receipt.written.slice(0, 16).replace("T", " ") }), score(receipt), ""];
    (brief ? [] : questions).forEach(function (q, i) {
      lines.push(i + 1 + ". " + q.prompt);
      if (!q.state) lines.push("   " + ff.t("receipt.not_answered"));
      else lines.push("   " + ff.t(q.state.right === true ? "receipt.answer_right" : q.state.right === false ? "receipt.answer_wrong"
        : "receipt.answer", { answer: q.text }));
    });
    lines.push("", ff.t("receipt.line_below"),
               MARK + JSON.stringify(receipt), "");
    return lines.join("\n");
  }

  function download(name, content, type) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([content], { type: type }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  /* Copy `content`; resolves true when it is on the clipboard. */
  function copy(content) {
    function fallback() {
      var area = document.createElement("textarea");
      area.value = content;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (e) { /* not allowed */ }
      area.remove();
      return done;
    }
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(content).then(function () { return true; }, fallback);
    }
    return Promise.resolve(fallback());
  }

  /* Open an address in this tab (an email link): one place, which a test can watch. */
  function go(address) { location.href = address; }

  ff.receipt = { make: make, text: text, score: score, crc32: crc32, download: download, copy: copy, go: go, MARK: MARK };
})(window.flipfolio = window.flipfolio || {});
