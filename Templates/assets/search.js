// Dossier's offline search (search.html). The index is a set of JavaScript files under search/, loaded
// with <script> elements as a query needs them: browsers refuse fetch and XHR from file://. The index
// format and the folding of text are described in Sources/DossierKit/Render/SearchIndex.swift; the two
// must fold alike. Results are built as DOM nodes (textContent), never as HTML strings.
(function () {
  "use strict";
  var LIMIT = 30;
  var KIND_ORDER = ["Actors", "Locations", "Propositions", "Claims", "Articles"];
  var loaded = {};
  var store = { meta: null, docs: {}, terms: {} };

  function finish(name) {
    var entry = loaded[name];
    if (!entry) return;
    entry.done = true;
    var callbacks = entry.callbacks;
    entry.callbacks = [];
    callbacks.forEach(function (callback) { callback(); });
  }

  window.DossierSearch = {
    meta: function (meta) { store.meta = meta; finish("meta.js"); },
    docs: function (number, rows) { store.docs[number] = rows; finish("docs-" + number + ".js"); },
    terms: function (number, table) { store.terms[number] = table; finish("terms-" + number + ".js"); }
  };

  function load(name) {
    return new Promise(function (resolve) {
      var entry = loaded[name];
      if (entry && entry.done) { resolve(); return; }
      if (entry) { entry.callbacks.push(resolve); return; }
      entry = loaded[name] = { done: false, callbacks: [resolve] };
      var script = document.createElement("script");
      script.src = "search/" + name;
      script.onerror = function () { finish(name); };
      document.head.appendChild(script);
    });
  }

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "")
      .replace(/[\u2018\u2019\u02bc]/g, "'").replace(/đ/g, "d").replace(/ł/g, "l").replace(/ø/g, "o").replace(/ß/g, "ss");
  }

  function terms(text) {
    var seen = {};
    return fold(text).split(/[^\p{Alphabetic}\p{N}]+/u).filter(function (term) {
      if (term.length < 2 || seen[term]) return false;
      seen[term] = true;
      return true;
    });
  }

  function bucket(term) {
    var a = term.charCodeAt(0) || 0, b = term.charCodeAt(1) || 0, c = term.charCodeAt(2) || 0;
    return ((a * 31 + b) * 31 + c) % store.meta.buckets;
  }

  function unique(values) {
    return values.filter(function (value, index) { return values.indexOf(value) === index; });
  }

  // Every word of the query must match; the last one also as the start of a word (it may be half
  // typed) when it has three characters or more.
  function search(query) {
    var words = terms(query);
    if (!words.length) return Promise.resolve({ words: words, results: [] });
    return load("meta.js").then(function () {
      if (!store.meta) return [];
      return Promise.all(unique(words.map(bucket)).map(function (number) { return load("terms-" + number + ".js"); }));
    }).then(function () {
      if (!store.meta) return { words: words, results: [] };
      var scores = null;
      words.forEach(function (word, position) {
        var table = store.terms[bucket(word)] || {};
        // Words of three characters or more share their bucket with every word they begin.
        var keys = position === words.length - 1 && word.length >= 3
          ? Object.keys(table).filter(function (key) { return key.indexOf(word) === 0; })
          : (table[word] ? [word] : []);
        var found = {};
        keys.forEach(function (key) {
          var postings = table[key];
          var factor = key === word ? 1 : 0.6;
          for (var i = 0; i < postings.length; i += 2) {
            found[postings[i]] = Math.max(found[postings[i]] || 0, postings[i + 1] * factor);
          }
        });
        if (scores === null) { scores = found; return; }
        var both = {};
        Object.keys(scores).forEach(function (doc) { if (doc in found) both[doc] = scores[doc] + found[doc]; });
        scores = both;
      });
      var ranked = Object.keys(scores || {}).map(function (doc) { return [Number(doc), scores[doc]]; })
        .sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; }).slice(0, LIMIT);
      var size = store.meta.shardSize;
      var shards = unique(ranked.map(function (entry) { return Math.floor(entry[0] / size); }));
      return Promise.all(shards.map(function (number) { return load("docs-" + number + ".js"); })).then(function () {
        return {
          words: words,
          results: ranked.map(function (entry) {
            var row = (store.docs[Math.floor(entry[0] / size)] || [])[entry[0] % size];
            return row && { kind: row[0], title: row[1], href: row[2], detail: row[3], text: row[4], score: entry[1] };
          }).filter(Boolean)
        };
      });
    });
  }

  // Text with every word that starts with a query word in <mark>.
  function highlighted(text, words) {
    var fragment = document.createDocumentFragment();
    var pattern = /[\p{Alphabetic}\p{N}]+/gu;
    var last = 0, match;
    while ((match = pattern.exec(text)) !== null) {
      var folded = fold(match[0]);
      var hit = words.some(function (word) { return folded.indexOf(word) === 0; });
      if (!hit) continue;
      fragment.appendChild(document.createTextNode(text.slice(last, match.index)));
      var mark = document.createElement("mark");
      mark.textContent = match[0];
      fragment.appendChild(mark);
      last = match.index + match[0].length;
    }
    fragment.appendChild(document.createTextNode(text.slice(last)));
    return fragment;
  }

  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var container = document.getElementById("search-results");
  if (!input || !status || !container) return;
  var current = 0;

  function show(query, answer) {
    container.textContent = "";
    var count = answer.results.length;
    if (!answer.words.length) { status.textContent = ""; return; }
    status.textContent = count === 0 ? "No results for “" + query + "”."
      : (count === LIMIT ? "The " + count + " best results" : count + (count === 1 ? " result" : " results")) + " for “" + query + "”.";
    var groups = {};
    answer.results.forEach(function (result) { (groups[result.kind] = groups[result.kind] || []).push(result); });
    var kinds = Object.keys(groups).sort(function (a, b) {
      return groups[b][0].score - groups[a][0].score || KIND_ORDER.indexOf(a) - KIND_ORDER.indexOf(b);
    });
    kinds.forEach(function (kind, index) {
      var section = document.createElement("section");
      var heading = document.createElement("h2");
      heading.id = "results-" + index;
      heading.textContent = kind + " (" + groups[kind].length + ")";
      section.setAttribute("aria-labelledby", heading.id);
      section.appendChild(heading);
      var list = document.createElement("ol");
      list.className = "result-list";
      groups[kind].forEach(function (result) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = result.href;
        link.className = "result-link";
        link.appendChild(highlighted(result.title, answer.words));
        item.appendChild(link);
        if (result.detail) {
          var detail = document.createElement("span");
          detail.className = "muted";
          detail.textContent = " — " + result.detail;
          item.appendChild(detail);
        }
        if (result.text) {
          var snippet = document.createElement("p");
          snippet.className = "result-snippet";
          snippet.appendChild(highlighted(result.text, answer.words));
          item.appendChild(snippet);
        }
        list.appendChild(item);
      });
      section.appendChild(list);
      container.appendChild(section);
    });
  }

  function run() {
    var query = input.value.trim();
    var ticket = ++current;
    search(query).then(function (answer) {
      if (ticket === current) show(query, answer);
    });
    try {
      history.replaceState(null, "", query ? "?q=" + encodeURIComponent(query) : location.pathname);
    } catch (error) {
      // Some browsers refuse to change a file:// address; the search works the same.
    }
  }

  function links() { return Array.prototype.slice.call(container.querySelectorAll("a.result-link")); }

  input.addEventListener("input", run);
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && links().length) { event.preventDefault(); links()[0].focus(); }
  });
  container.addEventListener("keydown", function (event) {
    var all = links();
    var index = all.indexOf(document.activeElement);
    if (index < 0) return;
    if (event.key === "ArrowDown" && index < all.length - 1) { event.preventDefault(); all[index + 1].focus(); }
    if (event.key === "ArrowUp") { event.preventDefault(); (index > 0 ? all[index - 1] : input).focus(); }
    if (event.key === "Escape") { event.preventDefault(); input.focus(); }
  });

  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; run(); }
  input.focus();
})();
