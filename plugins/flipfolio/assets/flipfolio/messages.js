/* The words the client code writes, in the site's language. The page
   carries them (templates/flipfolio/partials/messages.html): a JSON block,
   <template data-ff-messages>, with the language and
   the catalogue's client.* messages (core/messages.py). ff.t(key, values)
   gives one, its {names} filled in; a message with plural forms is picked for
   values.count by the language's plural rules (Intl.PluralRules). After an
   instant page change the last block in the document is the page's own.
   On a page of another language, the block names the messages that show in
   English ("english": their keys, or true for all): ff.put(node, text) and
   ff.words(text) write text marked lang="en" when it is such words, so that
   a screen reader reads them as English (WCAG 3.1.2). */
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

  var english = Object.create(null), marked = new WeakSet();  // texts ff.t made of English words; nodes put marks

  ff.t = function (key, values) {
    var all = catalogue(), text = all.messages[key];
    values = values || {};
    if (text && typeof text === "object") {
      var form = "other";
      try { form = new Intl.PluralRules(all.lang).select(values.count); } catch (e) { /* "other" */ }
      text = text[form] || text.other;
    }
    if (typeof text !== "string") return key;
    text = text.replace(/\{\{|\}\}|\{(\w+)\}/g, function (found, name) {
      if (!name) return found.charAt(0);
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : found;
    });
    if (all.english === true || (all.english && all.english.indexOf(key) >= 0)) english[text] = true;
    return text;
  };

  /* Whether `text` is words ff.t gave in English on this page (one message, or several
     joined with no other words). */
  ff.inEnglish = function (text) {
    text = String(text || "");
    if (!text.trim()) return false;
    if (english[text]) return true;
    var rest = text, found = false;
    for (var words in english) {
      if (rest.indexOf(words) >= 0) { rest = rest.split(words).join(" "); found = true; }
    }
    return found && !/\p{L}/u.test(rest);
  };

  function rtl() { return (document.body && document.body.dir || document.documentElement.dir) === "rtl"; }

  function englishWords(text) {  // English words as an element: on a right-to-left page, isolated left to right
    var span = document.createElement("span");
    span.setAttribute("lang", "en");
    if (rtl()) span.setAttribute("dir", "ltr");
    span.textContent = text;
    return span;
  }

  /* `text` as the whole text of `node`, which is marked lang="en" while it is English words
     (on a right-to-left page, its words are a <span lang="en" dir="ltr"> in it: the node keeps
     the page's alignment). */
  ff.put = function (node, text) {
    if (marked.has(node)) {
      node.removeAttribute("lang");
      marked.delete(node);
    }
    node.textContent = "";
    if (!ff.inEnglish(text)) node.textContent = text;
    else if (rtl() && !/^(OPTION|TEXTAREA|TITLE)$/.test(node.nodeName)) node.appendChild(englishWords(text));
    else {
      node.textContent = text;
      node.setAttribute("lang", "en");
      marked.add(node);
    }
    return node;
  };

  /* `text` to append among other nodes: a text node, or a <span lang="en"> for English words. */
  ff.words = function (text) {
    return ff.inEnglish(text) ? englishWords(text) : document.createTextNode(text);
  };
})(window.flipfolio = window.flipfolio || {});
