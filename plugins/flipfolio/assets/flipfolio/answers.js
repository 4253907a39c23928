/* How typed answers are compared: the rules of questions/answers.py, in the
   browser. Shared by the lesson page (questions.js marks a student's answer)
   and the teacher's class page (class.js groups the class's wrong answers the
   same way). Short answers: Unicode NFKC, punctuation, symbols and spaces
   dropped or folded to one space, case folded unless the question is case
   sensitive; accents count. Numbers: thousands separators (",", spaces) and a
   decimal comma before one, two or four or more digits; a fraction or mixed
   number ("3/4", "1 1/2", "1½"); a power of ten ("3e8", "3 × 10^8", "3 × 10⁸");
   a unit may follow (compared less spaces, case and a sentence's full stop; "×" is "x"). */
(function (ff) {
  "use strict";
  if (ff.answers) return;

  var SP = "[ \u00a0\u2009\u202f]";
  var NUMBER = new RegExp("^([+\\-\u2212]?)\\s*(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d{1,3}(?:" + SP +
    "\\d{3})+(?:[.,]\\d+)?|\\d+,\\d+|\\d*\\.\\d+|\\d+\\.?)" +
    "(?:\\s*[x\u00d7*\u00b7\u22c5]\\s*10\\s*\\^\\s*([+\\-\u2212]?\\d+)|\\s*\\^\\s*([+\\-\u2212]?\\d+)|[eE]([+\\-\u2212]?\\d+))?" +
    "\\s*(.*)$");

  var FRACTION = /^([+\-\u2212]?)\s*(?:(\d+)\s+)?(\d+)\s*[\/\u2044]\s*(\d+)\s*(.*)$/;
  var VULGAR = /[\u00bc-\u00be\u2150-\u215e\u2189]/g;  // "1½" is 1 1/2, not 11/2
  var SUPERSCRIPT = /((?:^|[x\u00d7*\u00b7\u22c5])\s*10)([\u207a\u207b]?[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]+)/;
  var SUPERS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079\u207a\u207b", PLAIN = "0123456789+-";
  var UNIT = /^(?:[^\d\s,.\/\u2044]|[\/\u2044](?=[^\d\s]))/;

  function fold(text) { return text.toUpperCase().toLowerCase(); }  // near casefold: "ß" is "ss"

  function normalise(text, caseSensitive) {
    text = text.normalize("NFKC").replace(/[\p{P}\p{S}\p{Z}\p{C}]/gu, " ").split(/\s+/).filter(Boolean).join(" ");
    return caseSensitive ? text : fold(text);
  }

  /* A unit as compared: spaces, case and the end of a sentence ("18 N.") aside; "×" is "x". */
  function unit(text) {
    return fold(text.normalize("NFKC").trim().replace(/[.!?;,\u3002]+$/, "").replace(/\u00d7/g, "x").replace(/\s+/g, ""));
  }

  /* Digits of other scripts (Arabic-Indic, Persian, Devanagari, Bengali) as 0-9; the Arabic decimal and
     thousands separators as "." and ",". */
  var DIGITS = /[\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\u09e6-\u09ef]/g, ZEROS = [0x660, 0x6f0, 0x966, 0x9e6];
  function westernDigits(text) {
    return text.replace(DIGITS, function (c) {
      var code = c.charCodeAt(0);
      return String(code - ZEROS.filter(function (zero) { return code >= zero && code <= zero + 9; })[0]);
    }).replace(/\u066b/g, ".").replace(/\u066c/g, ",");
  }

  /* [number, unit written after it], or null when `text` is not one number. */
  function parseNumber(text) {
    text = westernDigits(text).replace(VULGAR, " $&").trim().replace(SUPERSCRIPT, function (all, ten, power) {  // "× 10⁸": "^8"
      return ten + "^" + power.replace(/./g, function (c) { return PLAIN.charAt(SUPERS.indexOf(c)); });
    }).normalize("NFKC").trim();
    var value, sign, rest, fraction = FRACTION.exec(text);
    if (fraction) {
      if (+fraction[4] === 0) return null;
      value = (+(fraction[2] || 0)) + (+fraction[3]) / (+fraction[4]);
      sign = fraction[1]; rest = fraction[5].trim();
    } else {
      var match = NUMBER.exec(text);
      if (!match) return null;
      var number = match[2], power = match[3] || match[4] || match[5];
      if (new RegExp(SP).test(number)) number = number.replace(new RegExp(SP, "g"), "").replace(",", ".");
      else if (/^\d+,\d+$/.test(number) && !/^\d{1,3},\d{3}$/.test(number)) number = number.replace(",", ".");
      else number = number.replace(/,/g, "");
      if (match[4] !== undefined) {
        if (number !== "10") return null;  // "2^3": only powers of ten are read
        number = "1";
      }
      if (power !== undefined) number += "e" + power.replace("\u2212", "-");  // one decimal number: 1.6e-19
      value = parseFloat(number); sign = match[1]; rest = match[6].trim();
      if (power !== undefined && (!isFinite(value) || (value === 0 && parseFloat(number.split("e")[0] || "0") !== 0))) return null;
    }
    if (rest && !UNIT.test(rest)) return null;
    return [sign === "-" || sign === "\u2212" ? -value : value, rest];
  }

  ff.answers = { normalise: normalise, parseNumber: parseNumber, unit: unit, fold: fold };
})(window.flipfolio = window.flipfolio || {});
