/* Flipfolio credentials: the badge wall's filters and the expiry re-check.
   Without JavaScript every card stays visible and the filters stay hidden;
   statuses are as worked out on the build date. With it:
   - a card or status whose expiry date has passed in the visitor's browser turns
     "Expired" (a page built before the expiry still says so after it);
   - the filters (stack, issuer, year, status, competency) show only matching cards. */
(function () {
  "use strict";
  function today() {
    var d = new Date();
    var m = d.getMonth() + 1, day = d.getDate();
    return d.getFullYear() + "-" + (m < 10 ? "0" : "") + m + "-" + (day < 10 ? "0" : "") + day;
  }
  function recheck(root) {
    var now = today();
    var marks = root.querySelectorAll("[data-ff-expires]");
    for (var i = 0; i < marks.length; i++) {
      var el = marks[i];
      if (el.getAttribute("data-ff-status") === "active" && el.getAttribute("data-ff-expires") < now) {
        el.setAttribute("data-ff-status", "expired");
        var labels = el.querySelectorAll("[data-ff-status-label]");
        for (var j = 0; j < labels.length; j++) {
          labels[j].textContent = "Expired";
          labels[j].className = labels[j].className.replace(/ff-chip--active/, "ff-chip--expired");
        }
        var notes = el.querySelectorAll("[data-ff-expiry-note]");
        for (var k = 0; k < notes.length; k++) { notes[k].textContent = "expired on"; }
      }
    }
  }
  function filter(wall) {
    var selects = wall.querySelectorAll("select[data-ff-filter]");
    var cards = wall.querySelectorAll("[data-ff-card]");
    var shown = 0;
    for (var i = 0; i < cards.length; i++) {
      var card = cards[i], keep = true;
      for (var j = 0; j < selects.length; j++) {
        var want = selects[j].value, key = selects[j].getAttribute("data-ff-filter");
        if (!want) { continue; }
        var values = (card.getAttribute("data-ff-" + key) || "").split("|");
        if (values.indexOf(want) < 0) { keep = false; }
      }
      card.hidden = !keep;
      if (keep) { shown++; }
    }
    var groups = wall.querySelectorAll("[data-ff-group]");
    for (var g = 0; g < groups.length; g++) {
      groups[g].hidden = !groups[g].querySelector("[data-ff-card]:not([hidden])");
    }
    var count = wall.querySelector("[data-ff-count]");
    if (count) { count.textContent = shown + " of " + cards.length + " credentials shown"; }
  }
  function start() {
    recheck(document);
    var wall = document.querySelector("[data-ff-wall]");
    if (!wall || wall.getAttribute("data-ff-ready")) { return; }
    wall.setAttribute("data-ff-ready", "1");
    var form = wall.querySelector("[data-ff-filters]");
    if (form) {
      form.hidden = false;
      form.addEventListener("change", function () { filter(wall); });
      form.addEventListener("reset", function () { setTimeout(function () { filter(wall); }, 0); });
      form.addEventListener("submit", function (e) { e.preventDefault(); });
    }
    var copy = document.querySelectorAll("[data-ff-copy]");
    for (var c = 0; c < copy.length; c++) { copy[c].hidden = false; }
  }
  function copyButtons() {
    var buttons = document.querySelectorAll("[data-ff-copy]");
    for (var i = 0; i < buttons.length; i++) {
      var button = buttons[i];
      if (button.getAttribute("data-ff-ready")) { continue; }
      button.setAttribute("data-ff-ready", "1");
      button.hidden = false;
      button.addEventListener("click", function (e) {
        var field = document.getElementById(e.currentTarget.getAttribute("data-ff-copy"));
        var status = document.getElementById(e.currentTarget.getAttribute("aria-describedby"));
        if (!field) { return; }
        if (!field.value) { field.value = location.href.split("#")[0]; }
        field.select();
        var done = function () { if (status) { status.textContent = "Link copied."; } };
        if (navigator.clipboard) { navigator.clipboard.writeText(field.value).then(done, done); }
        else { try { document.execCommand("copy"); } catch (err) { /* selected for the visitor to copy */ } done(); }
      });
    }
  }
  function run() { start(); copyButtons(); }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(run); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", run); }
  else { run(); }
})();
