/* Flipfolio videos: click-to-load players, chapter and transcript seeking,
   and the current transcript cue highlighted while the video plays.
   Loaded only on lesson pages with videos. No dependencies, no tracking. */
(function () {
  "use strict";

  var PLAYER_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"];

  function siteOf(url) {
    return url.indexOf("player.vimeo.com") !== -1 ? "vimeo" : "youtube";
  }

  /* Highlight the cue being spoken at `time` (seconds). A seek lands on the
     nearest frame, a little before the cue's start: allow for that. */
  function highlight(box, time) {
    var cues = box.querySelectorAll(".ff-cue");
    var current = null;
    for (var i = 0; i < cues.length; i++) {
      var start = parseFloat(cues[i].getAttribute("data-ff-seek"));
      var end = parseFloat(cues[i].getAttribute("data-ff-end"));
      if (time + 0.3 >= start && time < end) current = cues[i];
    }
    for (var j = 0; j < cues.length; j++) {
      if (cues[j] === current) {
        cues[j].setAttribute("aria-current", "time");
      } else {
        cues[j].removeAttribute("aria-current");
      }
    }
  }

  /* Create the third-party player: only ever after the student asked for it. */
  function loadPlayer(box, start) {
    var button = box.querySelector(".ff-player__play");
    if (!button) return box.querySelector("iframe.ff-player__frame");
    var url = button.getAttribute("data-ff-embed");
    var site = siteOf(url);
    var hash = "";
    var hashAt = url.indexOf("#");
    if (hashAt !== -1) {
      hash = url.slice(hashAt);
      url = url.slice(0, hashAt);
    }
    var sep = url.indexOf("?") === -1 ? "?" : "&";
    if (site === "youtube") {
      url += sep + "autoplay=1&enablejsapi=1&origin=" + encodeURIComponent(location.origin);
      if (start !== undefined) url = url.replace(/([?&])start=\d+&?/, "$1") + "&start=" + Math.floor(start);
    } else {
      url += sep + "autoplay=1";
      if (start !== undefined) hash = "#t=" + Math.floor(start) + "s";
    }
    var frame = document.createElement("iframe");
    frame.className = "ff-player__frame";
    frame.src = url + hash;
    frame.title = button.getAttribute("data-ff-title");
    frame.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
    frame.setAttribute("allowfullscreen", "");
    frame.addEventListener("load", function () { listen(frame, site); });
    button.parentNode.replaceChild(frame, button);
    frame.focus();
    return frame;
  }

  /* Ask the player to report its time (YouTube and Vimeo postMessage APIs). */
  function listen(frame, site) {
    var target = site === "vimeo" ? "https://player.vimeo.com" : "https://www.youtube-nocookie.com";
    var message = site === "vimeo"
      ? { method: "addEventListener", value: "timeupdate" }
      : { event: "listening", id: frame.closest("[data-ff-video]").id };
    frame.contentWindow.postMessage(JSON.stringify(message), target);
  }

  function seek(box, time) {
    var media = box.querySelector("video");
    if (media) {
      media.currentTime = time;
      highlight(box, time);
      var playing = media.play();
      if (playing && playing.catch) playing.catch(function () {});
      return;
    }
    var frame = box.querySelector("iframe.ff-player__frame");
    if (!frame) {
      loadPlayer(box, time);
      return;
    }
    if (siteOf(frame.src) === "vimeo") {
      frame.contentWindow.postMessage(JSON.stringify({ method: "setCurrentTime", value: time }), "https://player.vimeo.com");
    } else {
      frame.contentWindow.postMessage(
        JSON.stringify({ event: "command", func: "seekTo", args: [time, true] }), "https://www.youtube-nocookie.com");
    }
    highlight(box, time);
  }

  /* Each transcript line becomes a button that jumps to its moment. */
  function upgradeTranscript(box) {
    var lines = box.querySelectorAll(".ff-cues li[data-ff-seek]");
    for (var i = 0; i < lines.length; i++) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ff-cue";
      button.setAttribute("data-ff-seek", lines[i].getAttribute("data-ff-seek"));
      button.setAttribute("data-ff-end", lines[i].getAttribute("data-ff-end"));
      while (lines[i].firstChild) button.appendChild(lines[i].firstChild);
      lines[i].removeAttribute("data-ff-seek");
      lines[i].removeAttribute("data-ff-end");
      lines[i].appendChild(button);
    }
    var list = box.querySelector(".ff-cues");
    if (list && lines.length) list.removeAttribute("tabindex"); /* the buttons take the focus now */
  }

  function setup(box) {
    upgradeTranscript(box);
    var media = box.querySelector("video");
    if (media) {
      media.addEventListener("timeupdate", function () { highlight(box, media.currentTime); });
    }
    box.addEventListener("click", function (event) {
      var target = event.target.closest("[data-ff-seek], .ff-player__play");
      if (!target || !box.contains(target)) return;
      event.preventDefault();
      if (target.classList.contains("ff-player__play")) {
        loadPlayer(box);
      } else {
        seek(box, parseFloat(target.getAttribute("data-ff-seek")));
      }
    });
  }

  /* Time reports from embedded players. */
  window.addEventListener("message", function (event) {
    if (PLAYER_ORIGINS.indexOf(event.origin) === -1) return;
    var data;
    try { data = typeof event.data === "string" ? JSON.parse(event.data) : event.data; } catch (e) { return; }
    if (!data) return;
    var frames = document.querySelectorAll("iframe.ff-player__frame");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow !== event.source) continue;
      var box = frames[i].closest("[data-ff-video]");
      if (data.info && typeof data.info.currentTime === "number") highlight(box, data.info.currentTime);
      if (data.event === "timeupdate" && data.data) highlight(box, data.data.seconds);
    }
  });

  var boxes = document.querySelectorAll("[data-ff-video]");
  for (var i = 0; i < boxes.length; i++) setup(boxes[i]);
})();
