/* The this-week page (templates/flipfolio/this-week.html): every week with
   due work is in the page ([data-ff-week], data-ff-from/-to: its Monday and
   Sunday); this shows one, picked by today's date in the portfolio's time zone
   (data-ff-zone; the device's own when empty), by the rule of
   delivery/weeks.py `pick`: the first week that has not ended. A link to
   another week (#week-…) shows that one. The status line's words are the
   template's (data-ff-now, -next, -none, -other). Nothing is stored. */
(function (ff) {
  "use strict";
  if (ff.week) return;

  function two(n) { return (n < 10 ? "0" : "") + n; }

  /* Today as YYYY-MM-DD in `zone`. */
  function today(zone) {
    var now = new Date();
    try {
      var parts = new Intl.DateTimeFormat("en-US", { timeZone: zone || undefined, year: "numeric",
        month: "2-digit", day: "2-digit" }).formatToParts(now), found = {};
      for (var i = 0; i < parts.length; i++) found[parts[i].type] = parts[i].value;
      if (found.year && found.month && found.day) return found.year + "-" + found.month + "-" + found.day;
    } catch (e) { /* an unknown zone: the device's own */ }
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  /* {index, why}: the first week not ended ("now": today is in it; "next"), else the last ("none"). */
  function pick(weeks, day) {
    for (var i = 0; i < weeks.length; i++) {
      if (weeks[i].getAttribute("data-ff-to") >= day) {
        return { index: i, why: weeks[i].getAttribute("data-ff-from") <= day ? "now" : "next" };
      }
    }
    return { index: weeks.length - 1, why: "none" };
  }

  function start() {
    var root = document.querySelector("[data-ff-weeks]:not([data-ff-ready])");
    if (!root) return;
    root.setAttribute("data-ff-ready", "");
    var weeks = root.querySelectorAll("[data-ff-week]"), status = root.querySelector("[data-ff-week-status]");
    if (!weeks.length || !status) return;
    // Earlier weeks are folded away for visitors without JavaScript: here, one week shows at a time.
    var earlier = root.querySelector("[data-ff-earlier]");
    if (earlier) {
      while (earlier.querySelector("[data-ff-week]")) root.insertBefore(earlier.querySelector("[data-ff-week]"), earlier);
      earlier.parentNode.removeChild(earlier);
      weeks = root.querySelectorAll("[data-ff-week]");
    }
    var day = today(root.getAttribute("data-ff-zone")), chosen = pick(weeks, day);
    root.setAttribute("data-ff-today", day);

    function show(index, why) {
      for (var i = 0; i < weeks.length; i++) weeks[i].hidden = i !== index;
      var links = root.querySelectorAll(".ff-week-list a");
      for (i = 0; i < links.length; i++) {
        if (i === index) links[i].setAttribute("aria-current", "true");
        else links[i].removeAttribute("aria-current");
      }
      status.textContent = status.getAttribute("data-ff-" + why) || "";
      root.setAttribute("data-ff-shown", weeks[index].id);
    }

    function follow(id, scroll) {
      for (var i = 0; i < weeks.length; i++) {
        if (weeks[i].id === id) {
          show(i, i === chosen.index ? chosen.why : "other");
          if (scroll) weeks[i].scrollIntoView();
          return true;
        }
      }
      return false;
    }

    if (!follow(decodeURIComponent(location.hash.slice(1)), false)) show(chosen.index, chosen.why);
    root.addEventListener("click", function (event) {
      // (Material's instant navigation makes the links' addresses whole: compare the page's path.)
      var link = event.target.closest && event.target.closest("a[href*='#']");
      if (link && link.pathname === location.pathname) follow(decodeURIComponent(link.hash.slice(1)), true);
    });
    window.addEventListener("hashchange", function () {
      // (Back to the page's own address, no week named: the week the page chose.)
      if (root.isConnected && !follow(decodeURIComponent(location.hash.slice(1)), true)) show(chosen.index, chosen.why);
    });
  }

  ff.week = { start: start, pick: pick, today: today };
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(window.flipfolio = window.flipfolio || {});
