/* Flipfolio's player layer: one adapter per provider (video file, YouTube,
   Vimeo), each with play(), pause(), seek(seconds), onTime(callback(seconds,
   sought): sought is true for a seek, ours or the student's where the player
   says so) and onEnd(callback) (the video played to its end). An
   embedded player is created only when asked to play or seek: no other site is
   contacted before. The only code that speaks postMessage; it hears a player
   only from the origin of the address it gave that player. */
(function (ff) {
  "use strict";
  if (ff.player) return;

  function listeners() {
    var list = [];
    return { add: function (f) { list.push(f); }, tell: function (t, s) { list.forEach(function (f) { f(t, s); }); } };
  }

  /* A player that cannot come (offline, or it never answers): said under it, with the transcript's help. */
  function trouble(box, text) {
    var note = box && box.querySelector(".ff-player__trouble");
    if (!box) return;
    if (!note) {
      note = document.createElement("p");
      note.className = "ff-player__notice ff-player__trouble";
      note.setAttribute("role", "status");
      box.querySelector(".ff-player, video").insertAdjacentElement("afterend", note);
    }
    ff.put(note, box.querySelector(".ff-transcript") ? text + " " + ff.t("player.transcript") : text);
  }

  /* A <video>. With preload="none" it has no metadata at first, and a time set
     then is lost: the seek waits for the metadata. A file that does not come
     (offline) is said under it, as an embedded player's trouble is. */
  function file(media) {
    var on = listeners(), end = listeners(), pending = null;
    var box = media.closest("[data-ff-video]");
    function failed() { trouble(box, ff.t(navigator.onLine === false ? "player.file_offline" : "player.file_failed")); }
    media.addEventListener("error", failed);
    media.addEventListener("loadeddata", function () {  // back online, and loaded: the note goes
      var note = box && box.querySelector(".ff-player__trouble");
      if (note) note.remove();
    });
    window.addEventListener("online", function () { if (media.isConnected && media.networkState === 3) media.load(); });
    [].forEach.call(media.querySelectorAll("source"), function (source) { source.addEventListener("error", failed); });
    media.addEventListener("timeupdate", function () { if (pending === null) on.tell(media.currentTime); });
    media.addEventListener("seeking", function () { if (pending === null) on.tell(media.currentTime, true); });
    media.addEventListener("ended", function () { end.tell(); });
    media.addEventListener("loadedmetadata", function () {
      if (pending !== null) media.currentTime = pending;
      pending = null;
    });
    return {
      play: function () { var p = media.play(); if (p) p.catch(function () {}); },
      pause: function () { media.pause(); },
      seek: function (time) {
        if (media.readyState >= 1) media.currentTime = time; else pending = time;
        on.tell(time, true);
      },
      onTime: on.add,
      onEnd: end.add
    };
  }

  /* Each site's player API: the embed address (autoplay, API on, start time),
     the greeting repeated until the player answers, commands, time reports,
     the end of the video. */
  var SITES = {
    youtube: {  // the YouTube IFrame Player API's messages, as JSON text
      name: "YouTube",
      address: function (url, start) {
        url.searchParams.set("autoplay", "1");
        url.searchParams.set("enablejsapi", "1");
        if (location.origin !== "null") url.searchParams.set("origin", location.origin);
        if (start !== undefined) url.searchParams.set("start", Math.floor(start));
      },
      say: function (message, id) { message.id = id; message.channel = "widget"; return JSON.stringify(message); },
      hello: function () { return { event: "listening" }; },
      answered: function () { return true; },
      play: function () { return { event: "command", func: "playVideo", args: [] }; },
      pause: function () { return { event: "command", func: "pauseVideo", args: [] }; },
      seek: function (time) { return { event: "command", func: "seekTo", args: [time, true] }; },
      time: function (d) { return /^(info|initial)Delivery$/.test(d.event) && d.info ? d.info.currentTime : null; },
      ended: function (d) { return d.event === "onStateChange" ? d.info === 0 : !!d.info && d.info.playerState === 0; }
    },
    vimeo: {  // Vimeo's player.js messages
      name: "Vimeo",
      address: function (url, start) {
        url.searchParams.set("autoplay", "1");
        if (start !== undefined) url.hash = "t=" + Math.floor(start) + "s";
      },
      say: function (message) { return message; },
      hello: function () { return { method: "ping" }; },
      answered: function (d) { return d.event === "ready" || d.method === "ping"; },
      listen: [{ method: "addEventListener", value: "timeupdate" }, { method: "addEventListener", value: "ended" }],
      play: function () { return { method: "play" }; },
      pause: function () { return { method: "pause" }; },
      seek: function (time) { return { method: "setCurrentTime", value: time }; },
      time: function (d) { return d.event === "timeupdate" && d.data ? d.data.seconds : null; },
      ended: function (d) { return d.event === "ended"; }
    }
  };

  var embedded = [], count = 0;  // the players in an iframe, to hand them their messages
  var ANSWER_WITHIN = 12000;  // ms a player has to answer before the page says it has not (a slow link is slow)

  window.addEventListener("message", function (event) {
    embedded = embedded.filter(function (player) { return player.frame.isConnected; });  // gone with their page
    embedded.forEach(function (player) {
      if (event.source !== player.frame.contentWindow || event.origin !== player.origin) return;
      var data = event.data;
      try { if (typeof data === "string") data = JSON.parse(data); } catch (e) { return; }
      if (data && typeof data === "object") player.hear(data);
    });
  });

  /* A YouTube or Vimeo video: a "Play" button until the player is created. */
  function embed(button, site) {
    var on = listeners(), end = listeners(), waiting = [], id = ++count;
    var player = { frame: null, origin: "", ready: false }, box = button.closest("[data-ff-video]");

    function send(message) {
      if (player.ready) player.frame.contentWindow.postMessage(site.say(message, id), player.origin);
      else waiting.push(message);
    }

    function create(start) {
      if (navigator.onLine === false) return trouble(box, ff.t("player.offline", { provider: site.name }));  // (the button stays, to try again)
      var url = new URL(button.getAttribute("data-ff-embed")), frame = document.createElement("iframe");
      site.address(url, start);
      player.frame = frame;
      player.origin = url.origin;
      frame.className = "ff-player__frame";
      frame.src = url.href;
      frame.title = button.getAttribute("data-ff-title");
      frame.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
      frame.setAttribute("allowfullscreen", "");
      frame.addEventListener("load", function () {
        var tries = 0;
        (function hello() {
          if (player.ready || ++tries > 120 || !frame.isConnected) return;
          frame.contentWindow.postMessage(site.say(site.hello(), id), player.origin);
          setTimeout(hello, 250);
        })();
      });
      embedded.push(player);
      button.replaceWith(frame);
      frame.focus();
      setTimeout(function () { if (!player.ready && frame.isConnected) trouble(box, ff.t("player.no_answer", { provider: site.name })); }, ANSWER_WITHIN);
    }

    player.hear = function (data) {
      if (!player.ready && site.answered(data)) {
        player.ready = true;
        var note = box && box.querySelector(".ff-player__trouble");
        if (note) note.remove();  // (it came after all)
        (site.listen || []).forEach(send);
        waiting.splice(0).forEach(send);
      }
      var time = site.time(data);
      if (typeof time === "number") on.tell(time);
      if (site.ended(data)) end.tell();
    };

    button.addEventListener("click", function () { if (!player.frame) create(); });
    return {
      play: function () { if (player.frame) send(site.play()); else create(); },
      pause: function () { if (player.frame) send(site.pause()); },
      seek: function (time) {
        if (player.frame) send(site.seek(time)); else create(time);
        on.tell(time, true);
      },
      onTime: on.add,
      onEnd: end.add
    };
  }

  var made = new WeakMap();

  /* The player of a video box ([data-ff-video]), made once; null for a video
     that is only a link. */
  ff.player = {
    of: function (box) {
      if (!made.has(box)) {
        var media = box.querySelector("video"), button = box.querySelector(".ff-player__play[data-ff-embed]");
        var site = button && SITES[button.getAttribute("data-ff-site")];
        made.set(box, media ? file(media) : site ? embed(button, site) : null);
      }
      return made.get(box);
    }
  };
})(window.flipfolio = window.flipfolio || {});
