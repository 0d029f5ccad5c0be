// Hovering or focusing a country chip, or an event of "What happened", marks in the article body
// the sentences behind it. The server lists those sentences on the chip or the event item
// (data-evidence) only for readers of the full text.
(function () {
  "use strict";
  var body = document.querySelector("[data-testid='article-body']");
  var TARGETS = "a.chip-country[data-evidence], li.event-brief[data-evidence]";
  var chips = document.querySelectorAll(TARGETS);
  if (!body || !chips.length) return;
  var SPACE = /\s/;

  // The body's text with whitespace runs folded to one space, and where each character lives.
  function indexText(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var chars = [], nodes = [], offsets = [], afterSpace = true, node;
    while ((node = walker.nextNode())) {
      for (var i = 0; i < node.data.length; i++) {
        var ch = node.data.charAt(i);
        if (SPACE.test(ch)) {
          if (afterSpace) continue;
          ch = " ";
          afterSpace = true;
        } else {
          afterSpace = false;
        }
        chars.push(ch);
        nodes.push(node);
        offsets.push(i);
      }
    }
    return { text: chars.join(""), nodes: nodes, offsets: offsets };
  }

  // One match as [start, end) ranges per text node; skipped whitespace stays inside a range.
  function addMatch(index, start, end, cuts) {
    var node = null, range = null;
    for (var k = start; k < end; k++) {
      if (index.nodes[k] !== node) {
        node = index.nodes[k];
        range = [index.offsets[k], index.offsets[k] + 1];
        if (!cuts.has(node)) cuts.set(node, []);
        cuts.get(node).push(range);
      } else {
        range[1] = index.offsets[k] + 1;
      }
    }
  }

  function merged(ranges) {
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var out = [];
    ranges.forEach(function (r) {
      var last = out[out.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else out.push([r[0], r[1]]);
    });
    return out;
  }

  // Split from the end of the node so that earlier offsets stay valid.
  function wrap(node, ranges) {
    for (var i = ranges.length - 1; i >= 0; i--) {
      var start = ranges[i][0], end = ranges[i][1];
      if (!node.data.slice(start, end).trim()) continue;
      if (end < node.data.length) node.splitText(end);
      var piece = start > 0 ? node.splitText(start) : node;
      var mark = document.createElement("mark");
      mark.className = "evidence";
      piece.parentNode.insertBefore(mark, piece);
      mark.appendChild(piece);
    }
  }

  function highlight(sentences) {
    var index = indexText(body), cuts = new Map();
    sentences.forEach(function (sentence) {
      var needle = String(sentence).replace(/\s+/g, " ").trim();
      if (!needle) return;
      for (var at = index.text.indexOf(needle); at !== -1; at = index.text.indexOf(needle, at + needle.length)) {
        addMatch(index, at, at + needle.length, cuts);
      }
    });
    cuts.forEach(function (ranges, node) { wrap(node, merged(ranges)); });
  }

  function clear() {
    body.querySelectorAll("mark.evidence").forEach(function (mark) {
      var parent = mark.parentNode;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      parent.removeChild(mark);
      parent.normalize();
    });
  }

  function sentencesOf(chip) {
    try {
      var list = JSON.parse(chip.getAttribute("data-evidence") || "[]");
      return Array.isArray(list) ? list : [];
    } catch (error) {
      return [];
    }
  }

  function show(chip) {
    clear();
    highlight(sentencesOf(chip));
  }

  // The chip or event item that holds the keyboard focus (an event item holds its links').
  function focusedTarget() {
    var focused = document.activeElement;
    return focused && focused.closest ? focused.closest(TARGETS) : null;
  }

  // Leaving one target hands the highlight back to one that still has keyboard focus.
  function hide(chip) {
    var focused = focusedTarget();
    if (chip.matches(":hover") || focused === chip) return;
    clear();
    if (focused) show(focused);
  }

  chips.forEach(function (chip) {
    chip.addEventListener("mouseenter", function () { show(chip); chip.classList.add("is-shown"); });
    chip.addEventListener("focusin", function () { show(chip); });
    chip.addEventListener("mouseleave", function () { chip.classList.remove("is-shown"); hide(chip); });
    // focusout fires before the focus moves on: look once it has.
    chip.addEventListener("focusout", function () { setTimeout(function () { hide(chip); }, 0); });
  });
})();
