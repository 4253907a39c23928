/* The words the client code writes, in the site's language. The page
   carries them (templates/flipfolio/partials/messages.html): a JSON block,
   <template data-ff-messages>, with the language and
   the catalogue's client.* messages (core/messages.py). ff.t(key, values)
   gives one, its {names} filled in; a message with plural forms is picked for
   values.count by the language's plural rules (Intl.PluralRules). After an
   instant page change the last block in the document is the page's own. */
(function (ff) {
  "use strict";
  if (ff.t) return;
  var from = null, words = null;

  function catalogue() {
    var blocks = document.querySelectorAll("template[data-ff-messages]"), block = blocks[blocks.length - 1] || null;
    if (block !== from) {
      from = block;
      try { words = block ? JSON.parse(block.content.textContent) : null; } catch (e) { words = null; }
    }
    return words || { lang: "en", messages: {} };
  }

  ff.t = function (key, values) {
    var all = catalogue(), text = all.messages[key];
    values = values || {};
    if (text && typeof text === "object") {
      var form = "other";
      try { form = new Intl.PluralRules(all.lang).select(values.count); } catch (e) { /* "other" */ }
      text = text[form] || text.other;
    }
    if (typeof text !== "string") return key;
    return text.replace(/\{\{|\}\}|\{(\w+)\}/g, function (found, name) {
      if (!name) return found.charAt(0);
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : found;
    });
  };
})(window.flipfolio = window.flipfolio || {});
