/* kg workbench, SPARQL console: posts the query to /query on this server and shows the
 * answer as a table. Values are put in with textContent, never as markup. */
(function () {
  "use strict";
  var form = document.getElementById("kg-sparql-form");
  var box = document.getElementById("kg-sparql");
  var status = document.getElementById("kg-sparql-status");
  var out = document.getElementById("kg-sparql-results");

  function el(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function show(answer) {
    while (out.firstChild) { out.removeChild(out.firstChild); }
    if (typeof answer.boolean === "boolean") { out.appendChild(el("p", "answer: " + answer.boolean)); return 1; }
    var vars = answer.head.vars, rows = answer.results.bindings;
    var table = el("table"), head = el("tr");
    vars.forEach(function (v) { head.appendChild(el("th", v)); });
    table.appendChild(head);
    rows.forEach(function (row) {
      var tr = el("tr");
      vars.forEach(function (v) { tr.appendChild(el("td", row[v] ? row[v].value : "")); });
      table.appendChild(tr);
    });
    out.appendChild(table);
    return rows.length;
  }

  function run(event) {
    if (event) { event.preventDefault(); }
    status.textContent = "running…";
    var started = performance.now();
    fetch("/query", {
      method: "POST",
      headers: { "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json" },
      body: box.value
    }).then(function (response) {
      return response.text().then(function (text) {
        if (!response.ok) { throw new Error(text || response.statusText); }
        return JSON.parse(text);
      });
    }).then(function (answer) {
      var n = show(answer);
      status.textContent = n + " rows in " + Math.round(performance.now() - started) + " ms";
    }).catch(function (err) {
      while (out.firstChild) { out.removeChild(out.firstChild); }
      out.appendChild(el("pre", String(err.message || err)));
      status.textContent = "error";
    });
  }

  form.addEventListener("submit", run);
  box.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { run(event); }
  });
  window.kgRunQuery = run;
}());
