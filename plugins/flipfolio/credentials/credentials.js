/* Flipfolio credentials: the badge wall's filters and the expiry re-check, on
   the badge wall, stack pages and credential pages (their templates load it).
   Without JavaScript every card stays visible and the filters are not shown
   (flipfolio.css: `scripting: none`);
   statuses are as worked out on the build date. With it:
   - a card or status whose expiry date has passed in the visitor's browser turns
     "Expired" (a page built before the expiry still says so after it), and the
     counts of earned credentials (summary, stacks' progress) follow; as a build
     on that day would, a verified proof turns "Not verified" (the Dates check
     fails, the reason is shown) and the page no longer offers it for a profile;
   - the filters (stack, issuer, year, status, competency) show only matching cards;
   - "Copy the link" copies the page's address.
   Material's instant navigation swaps pages in without a reload and runs this
   script again when it arrives with a page: the first run starts on
   Material's `document$` (every page, loaded or swapped in), a later run only
   starts the page. Idempotent: what is set up is marked (data-ff-ready). */
(function (ff) {
  "use strict";
  if (ff.credentials) { ff.credentials(); return; }

  var EARNED = ["active", "no-expiry"];

  function today() {
    var d = new Date();
    var m = d.getMonth() + 1, day = d.getDate();
    return d.getFullYear() + "-" + (m < 10 ? "0" : "") + m + "-" + (day < 10 ? "0" : "") + day;
  }
  function each(root, selector, fn) {
    var found = root.querySelectorAll(selector);
    for (var i = 0; i < found.length; i++) { fn(found[i], i); }
  }
  function status(el) { return el.getAttribute("data-ff-status"); }

  /* Expired since the page was built: the status and its label change. */
  function recheck(root) {
    var now = today(), changed = false;
    each(root, "[data-ff-expires][data-ff-status=active]", function (el) {
      if (el.getAttribute("data-ff-expires") >= now) { return; }
      changed = true;
      el.setAttribute("data-ff-status", "expired");
      el.className = el.className.replace(/\bff-badge--active\b/, "ff-badge--expired");
      each(el, "[data-ff-status-label]", function (label) {
        label.textContent = label.getAttribute("data-ff-expired") || "Expired";
        label.className = label.className.replace(/\bff-chip--active\b/, "ff-chip--expired");
      });
      each(el, "[data-ff-expiry-note]", function (note) { note.textContent = note.getAttribute("data-ff-expired") || "expired on"; });
      if (el.getAttribute("data-ff-verification") === "verified") { el.setAttribute("data-ff-verification", "not-verified"); }
      each(el, "[data-ff-verification-label]", notVerified);
      if (el.hasAttribute("data-ff-head")) { expiredPage(root); }
    });
    return changed;
  }

  /* A verified proof past its expiry date: not verified, as the build says after that date. */
  function notVerified(chip) {
    chip.textContent = chip.getAttribute("data-ff-expired") || "Not verified";
    chip.className = chip.className.replace(/\bff-chip--verified\b/, "ff-chip--not-verified");
    chip.removeAttribute("data-ff-verification-label");
  }
  /* The credential's own page: its verification and sharing follow. */
  function expiredPage(root) {
    each(root, "[data-ff-verification-label]", notVerified);
    each(root, "[data-ff-expired-reason]", function (reason) { reason.hidden = false; });
    each(root, ".ff-checks td[data-ff-expired]", function (cell) { cell.textContent = cell.getAttribute("data-ff-expired"); });
    each(root, "[data-ff-share]", function (share) { share.hidden = true; });
  }

  /* The cards of the page, one per credential (a credential in two stacks has two). */
  function credentials(root) {
    var seen = {}, found = [];
    each(root, "[data-ff-card]", function (card) {
      var id = card.getAttribute("data-ff-id");
      if (!seen[id]) { seen[id] = true; found.push(card); }
    });
    return found;
  }
  /* Earned and valid: an earned status, and no proof that fails its verification. */
  function earned(card) { return EARNED.indexOf(status(card)) >= 0 && !failing(card); }
  function failing(card) { return card.getAttribute("data-ff-verification") === "not-verified"; }

  /* The counts of earned credentials, after the re-check. */
  function recount(root) {
    var cards = credentials(root);
    each(root, "[data-ff-progress]", function (el) {
      var stack = el.getAttribute("data-ff-progress"), done = 0;
      for (var i = 0; i < cards.length; i++) {
        if (earned(cards[i]) && (cards[i].getAttribute("data-ff-stack") || "").split("|").indexOf(stack) >= 0) { done++; }
      }
      each(el, "progress", function (bar) { bar.value = done; });
      each(el, "[data-ff-done]", function (count) { count.textContent = done; });
    });
    each(root, "[data-ff-sum]", function (item) {
      var key = item.getAttribute("data-ff-sum"), level = item.getAttribute("data-ff-sum-level"), n = 0;
      for (var i = 0; i < cards.length; i++) {
        var card = cards[i];
        if (key === "earned" ? earned(card) : key === "level" ? earned(card) && card.getAttribute("data-ff-result") === level
            : key === "not-verified" ? failing(card) && EARNED.indexOf(status(card)) >= 0
            : status(card) === key) { n++; }
      }
      item.querySelector("strong").textContent = n;
      item.hidden = n === 0 && key !== "earned";
    });
  }

  function filter(wall) {
    var selects = wall.querySelectorAll("select[data-ff-filter]");
    var cards = wall.querySelectorAll("[data-ff-card]");
    var shown = {};
    for (var i = 0; i < cards.length; i++) {
      var card = cards[i], keep = true;
      for (var j = 0; j < selects.length; j++) {
        var want = selects[j].value, key = selects[j].getAttribute("data-ff-filter");
        if (want && (card.getAttribute("data-ff-" + key) || "").split("|").indexOf(want) < 0) { keep = false; }
      }
      card.hidden = !keep;
      if (keep) { shown[card.getAttribute("data-ff-id")] = true; }
    }
    each(wall, "[data-ff-group]", function (group) {
      group.hidden = !group.querySelector("[data-ff-card]:not([hidden])");
    });
    var count = wall.querySelector("[data-ff-count]"), n = 0;
    for (var id in shown) { if (shown.hasOwnProperty(id)) { n++; } }
    if (count) {
      count.textContent = (count.getAttribute("data-ff-shown") || "{shown} of {count} credentials shown")
        .replace("{shown}", n).replace("{count}", credentials(wall).length);
    }
  }

  function startWall(wall) {
    wall.setAttribute("data-ff-ready", "");
    var form = wall.querySelector("[data-ff-filters]");
    if (!form) { return; }
    form.addEventListener("change", function () { filter(wall); });
    form.addEventListener("reset", function () { setTimeout(function () { filter(wall); }, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
  }

  function startCopy(button) {
    button.setAttribute("data-ff-ready", "");
    button.hidden = false;
    button.addEventListener("click", function () {
      var field = document.getElementById(button.getAttribute("data-ff-copy"));
      var said = document.getElementById(button.getAttribute("aria-describedby"));
      if (!field) { return; }
      if (!field.value) { field.value = location.href.split("#")[0]; }
      field.select();
      var done = function () { if (said) { said.textContent = button.getAttribute("data-ff-copied") || "Link copied."; } };
      if (navigator.clipboard) { navigator.clipboard.writeText(field.value).then(done, done); }
      else { try { document.execCommand("copy"); } catch (err) { /* selected for the visitor to copy */ } done(); }
    });
  }

  function start() {
    if (recheck(document)) { recount(document); }
    each(document, "[data-ff-wall]:not([data-ff-ready])", startWall);
    each(document, "[data-ff-copy]:not([data-ff-ready])", startCopy);
  }

  ff.credentials = start;
  if (window.document$ && typeof window.document$.subscribe === "function") { window.document$.subscribe(start); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})(window.flipfolio = window.flipfolio || {});
