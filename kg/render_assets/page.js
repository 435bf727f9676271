/* kg graph page: builds the vis-network from the JSON data block and wires the sidebar.
 *
 * Every string from the documents (labels, sentences, hedges, attributions, file names) is
 * untrusted. It reaches the DOM only through textContent, new Option() or vis-network's
 * tooltip, which sets plain strings with innerText (vis-network 9.1.2, Popup.setText), so
 * markup in a document shows as text and never runs. Nothing here uses innerHTML.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var byId = function (id) { return document.getElementById(id); };

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  function clear(node) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
  }

  var labels = {};
  data.nodes.forEach(function (n) { labels[n.id] = n.label; });

  function claimLine(ev) {
    // A document's title says more than its (often hashed) file name.
    var bits = [ev.title || ev.document || "unknown document"];
    if (ev.date) { bits.push(ev.date); }
    if (ev.hedge) { bits.push("hedge: " + ev.hedge); }
    if (ev.likelihood && ev.likelihood.replace(/_/g, " ") !== ev.hedge) { bits.push(ev.likelihood.replace(/_/g, " ")); }
    if (ev.attribution) { bits.push("according to " + ev.attribution); }
    // The analyst's rating of the claim's source (Admiralty A-F); kg never makes one up.
    if (ev.rating) { bits.push("source rated " + ev.rating + (ev.rated_source ? " (" + ev.rated_source + ")" : "")); }
    return bits.join(" · ");
  }

  // Plain-text tooltips: vis-network 9 puts a string title in with innerText.
  function edgeTitle(e) {
    var head = labels[e.from] + " → " + e.relation + " → " + labels[e.to] +
      " (" + e.weight + (e.weight === 1 ? " claim" : " claims") +
      (e.likelihood ? ", at most " + e.likelihood.replace(/_/g, " ") : "") + ")";
    var lines = [head];
    e.evidence.slice(0, 3).forEach(function (ev) {
      lines.push("“" + (ev.sentence || "") + "”", "   " + claimLine(ev));
    });
    // weight counts every claim; evidence holds the first ones only (kg.page_edges).
    if (e.weight > 3) { lines.push("… " + (e.weight - 3) + " more: click the edge"); }
    return lines.join("\n");
  }

  function nodeTitle(n) {
    return n.label + " (" + (n.kind || "entity") + ")\n" +
      n.claims_out + " claims as actor, " + n.claims_in + " as target";
  }

  data.nodes.forEach(function (n) { n.title = nodeTitle(n); });
  data.edges.forEach(function (e) { e.title = edgeTitle(e); });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);

  // ---- filters ------------------------------------------------------------------------
  var filter = { actor: "", relations: null, minRank: -1 };
  var shownNodes = null;  // null: every node

  function edgePasses(e) {
    if (filter.actor && e.from !== filter.actor) { return false; }
    if (filter.relations && !filter.relations[e.relation]) { return false; }
    if (filter.minRank >= 0 && (e.rank === null || e.rank === undefined || e.rank < filter.minRank)) { return false; }
    return true;
  }

  function filtering() {
    return Boolean(filter.actor) || filter.minRank >= 0 ||
      (filter.relations !== null && Object.keys(filter.relations).length !== data.relations.length);
  }

  var edgesView = new vis.DataView(edges, { filter: edgePasses });
  var nodesView = new vis.DataView(nodes, {
    filter: function (n) { return shownNodes === null || shownNodes[n.id] === true; }
  });

  // Where each node is, kept in the DataSet: a node the filters hide and bring back
  // returns to its place instead of landing on the origin with the others.
  function keepPositions() {
    var positions = network.getPositions();
    var moved = Object.keys(positions).map(function (id) {
      return { id: id, x: positions[id].x, y: positions[id].y };
    });
    if (moved.length) { nodes.update(moved); }
  }

  function applyFilters() {
    if (window.kgReady) { keepPositions(); }
    if (filtering()) {
      shownNodes = {};
      edgesView.forEach(function (e) { shownNodes[e.from] = true; shownNodes[e.to] = true; });
    } else {
      shownNodes = null;
    }
    edgesView.refresh();
    nodesView.refresh();
    byId("kg-stats").textContent = nodesView.length + " of " + nodes.length + " entities, " +
      edgesView.length + " of " + edges.length + " edges";
    var empty = byId("kg-empty");
    if (edges.length === 0) {
      empty.textContent = "No claim matches " + (data.filters.description ? "these filters (" + data.filters.description + ")" : "in this graph") + ".";
      empty.hidden = false;
    } else if (edgesView.length === 0) {
      empty.textContent = "No claim matches these filters. Press “Show everything” to see the whole graph.";
      empty.hidden = false;
    } else {
      empty.hidden = true;
    }
  }

  // ---- the network --------------------------------------------------------------------
  var container = byId("kg-network");
  var network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, data.options);
  var status = byId("kg-status");
  window.kgReady = false;

  // Labels readable at the zoom the page opens with: fitting a graph to the window
  // shrinks it (often to a third), and 14 px labels would draw at 5 px. Font sizes are
  // divided by that scale once, when the graph is fitted; labels of the smaller nodes
  // then fall under vis-network's drawThreshold and appear as the view is zoomed in.
  var labelScale = 1;
  function scaleLabels() {
    var scale = network.getScale();
    if (!(scale > 0)) { return; }
    var k = Math.min(6, Math.max(1, 1 / scale));
    if (Math.abs(k - labelScale) < 0.05) { return; }
    labelScale = k;
    // A handful of nodes: every label. More: the labels of the less connected nodes (and
    // of edges with a single claim) start below the threshold and show on zooming in.
    var few = nodes.length <= 25;
    network.setOptions({
      nodes: { scaling: { label: { enabled: true, min: (few ? 12 : 7) * k, max: 22 * k, drawThreshold: 9, maxVisible: 30 } } },
      edges: { font: { size: 12 * k }, scaling: { label: { enabled: true, min: (few ? 11 : 8) * k, max: 13 * k, drawThreshold: 9, maxVisible: 16 } } }
    });
  }

  function ready() {
    scaleLabels();
    keepPositions();
    window.kgReadyAt = performance.now();  // ms since navigation start, for benchmarks
    window.kgReady = true;
    status.textContent = "";
  }

  // Positions come with the data and physics is off (kg.render): the first frame drawn
  // is the finished page, so it is ready then.
  if (nodes.length === 0) {
    ready();  // nothing to lay out or draw; the page says why (applyFilters)
  } else {
    network.once("afterDrawing", function () {
      network.fit({ animation: false });  // the whole graph in view, labels scaled to it
      ready();
    });
  }

  // A store too big to draw is shown as an overview: say what was left out, and how to see it.
  if (data.overview) {
    var o = data.overview;
    var note = byId("kg-note");
    note.textContent = "Too many entities to draw them all. This overview shows the " + o.actors[0] +
      " actors with the most claims (of " + o.actors[1] + ") and each one's " + o.per_actor +
      " strongest edges: " + o.entities[0] + " of " + o.entities[1] + " entities, " + o.edges[0] +
      " of " + o.edges[1] + " edges. To see the rest, narrow the page: kg render --actor NAME" +
      " (or --relation REL, --min-likelihood BAND), or the workbench's filters.";
    note.hidden = false;
  }

  // ---- sidebar ------------------------------------------------------------------------
  byId("kg-title").textContent = data.title;
  if (data.entity_url) {
    var home = el("a", "← kg workbench");
    home.setAttribute("href", "/");
    var back = el("p", null, "kg-meta");
    back.appendChild(home);
    byId("kg-side").insertBefore(back, byId("kg-title"));
  }
  document.title = data.title;

  var legend = byId("kg-legend");
  data.classes.forEach(function (c) {
    var item = el("li");
    var glyph = el("span", c.glyph, "kg-glyph");
    glyph.style.color = c.color;
    item.appendChild(glyph);
    item.appendChild(document.createTextNode(" " + c.name));
    legend.appendChild(item);
  });

  var datalist = byId("kg-labels");
  data.nodes.map(function (n) { return n.label; }).sort().forEach(function (label) {
    datalist.appendChild(new Option(label));
  });

  var actorSelect = byId("kg-actor");
  data.actors.forEach(function (a) { actorSelect.appendChild(new Option(a.label, a.id)); });
  actorSelect.addEventListener("change", function () {
    filter.actor = actorSelect.value;
    applyFilters();
  });

  var likelihoodSelect = byId("kg-likelihood");
  data.likelihoods.forEach(function (name, rank) {
    likelihoodSelect.appendChild(new Option("at least " + name.replace(/_/g, " "), String(rank)));
  });
  likelihoodSelect.addEventListener("change", function () {
    filter.minRank = likelihoodSelect.value === "" ? -1 : Number(likelihoodSelect.value);
    applyFilters();
  });

  var relationBox = byId("kg-relations");
  var relationInputs = [];
  function readRelations() {
    var chosen = {};
    relationInputs.forEach(function (input) { if (input.checked) { chosen[input.value] = true; } });
    filter.relations = chosen;
    applyFilters();
  }
  data.relations.forEach(function (name) {
    var label = el("label");
    var input = el("input");
    input.type = "checkbox";
    input.value = name;
    input.checked = true;
    input.addEventListener("change", readRelations);
    relationInputs.push(input);
    label.appendChild(input);
    label.appendChild(document.createTextNode(" " + name));
    relationBox.appendChild(label);
  });

  byId("kg-reset").addEventListener("click", function () {
    actorSelect.value = "";
    likelihoodSelect.value = "";
    relationInputs.forEach(function (input) { input.checked = true; });
    filter = { actor: "", relations: null, minRank: -1 };
    unhighlight();
    applyFilters();
    network.fit();
  });

  // ---- evidence panel -----------------------------------------------------------------
  var evidence = byId("kg-evidence-body");

  // The claim's assertion: how many documents and independent sources carry it.
  function corroborationLine(c) {
    return "assertion: " + c.documents + (c.documents === 1 ? " document, " : " documents, ") +
      c.sources + (c.sources === 1 ? " independent source" : " independent sources") +
      " (" + c.independent.join(", ") + ")" + (c.disputed ? " — disputed" : "");
  }

  function showEdge(id) {
    var e = edges.get(id);
    if (!e) { return; }
    clear(evidence);
    evidence.appendChild(el("p", labels[e.from] + " → " + e.relation + " → " + labels[e.to], "kg-edge-head"));
    var dates = e.first_date ? (e.first_date === e.last_date ? e.first_date : e.first_date + " – " + e.last_date) : "undated";
    evidence.appendChild(el("p", e.weight + (e.weight === 1 ? " claim, " : " claims, ") + dates +
      (e.likelihood ? ", strongest: " + e.likelihood.replace(/_/g, " ") : ""), "kg-meta"));
    e.evidence.forEach(function (ev) {
      var box = el("div", null, "kg-claim");
      box.appendChild(el("blockquote", ev.sentence || ""));
      box.appendChild(el("p", claimLine(ev), "kg-meta"));
      if (ev.corroboration) { box.appendChild(el("p", corroborationLine(ev.corroboration), "kg-meta kg-corroboration")); }
      evidence.appendChild(box);
    });
    // An edge of many claims carries the evidence of its first ones only: say so, and how to read the rest.
    if (e.weight > e.evidence.length) {
      evidence.appendChild(el("p", (e.weight - e.evidence.length) + " more claims are not shown here. To read them, " +
        "narrow the page (kg render --actor NAME --relation REL) or open the actor's page in the workbench.", "kg-meta"));
    }
  }

  function showNode(id) {
    var n = nodes.get(id);
    if (!n) { return; }
    clear(evidence);
    evidence.appendChild(el("p", n.label + " (" + (n.kind || "entity") + ")", "kg-edge-head"));
    if (data.entity_url) {
      // In the workbench: the entity's own page, with every claim and its evidence.
      var link = el("a", "Open the page of " + n.label);
      link.setAttribute("href", data.entity_url + encodeURIComponent(decodeURIComponent(String(n.id).split("/").pop())));
      var p = el("p", null, "kg-meta");
      p.appendChild(link);
      evidence.appendChild(p);
    }
    [["Targets", { from: id }, "to"], ["Targeted by", { to: id }, "from"]].forEach(function (spec) {
      var list = edgesView.get({ filter: function (e) { return e[Object.keys(spec[1])[0]] === id; } });
      if (!list.length) { return; }
      evidence.appendChild(el("p", spec[0], "kg-meta"));
      var ul = el("ul", null, "kg-list");
      list.sort(function (a, b) { return b.weight - a.weight; }).forEach(function (e) {
        ul.appendChild(el("li", labels[e[spec[2]]] + " — " + e.relation + " (" + e.weight + ")"));
      });
      evidence.appendChild(ul);
    });
  }

  // ---- neighbour highlighting -----------------------------------------------------------
  var highlighted = null;
  function highlight(id) {
    var near = {};
    near[id] = true;
    network.getConnectedNodes(id).forEach(function (n) { near[n] = true; });
    nodes.update(nodesView.getIds().map(function (n) {
      return { id: n, opacity: near[n] ? 1 : 0.15, font: { color: near[n] ? "#222222" : "rgba(0,0,0,0)" } };
    }));
    edges.update(edgesView.getIds().map(function (e) {
      var edge = edges.get(e);
      var mine = edge.from === id || edge.to === id;
      return { id: e, color: { inherit: "from", opacity: mine ? 0.9 : 0.06 }, font: { color: mine ? "#222222" : "rgba(0,0,0,0)" } };
    }));
    highlighted = id;
    // The neighbours' names matter now, however small the nodes: labels are drawn
    // whatever their size, and those of the other nodes are made transparent.
    network.setOptions({ nodes: { scaling: { label: { drawThreshold: 1 } } } });
  }
  function unhighlight() {
    if (highlighted === null) { return; }
    nodes.update(nodes.getIds().map(function (n) { return { id: n, opacity: 1, font: { color: "#343434" } }; }));
    edges.update(edges.getIds().map(function (e) { return { id: e, color: { inherit: "from", opacity: 0.55 }, font: { color: "#444444" } }; }));
    network.setOptions({ nodes: { scaling: { label: { drawThreshold: 9 } } } });
    highlighted = null;
  }

  network.on("click", function (params) {
    if (params.nodes.length) { highlight(params.nodes[0]); showNode(params.nodes[0]); }
    else {
      unhighlight();
      if (params.edges.length) { showEdge(params.edges[0]); }
    }
  });

  // ---- search -------------------------------------------------------------------------
  var search = byId("kg-search");
  function find(text) {
    var wanted = text.trim().toLowerCase();
    if (!wanted) { return null; }
    var exact = null, partial = null;
    nodes.forEach(function (n) {
      var label = n.label.toLowerCase();
      if (label === wanted) { exact = exact || n; }
      else if (label.indexOf(wanted) !== -1) { partial = partial || n; }
    });
    return exact || partial;
  }
  function go() {
    var n = find(search.value);
    if (!n) { status.textContent = "no entity matches"; return; }
    if (shownNodes !== null && !shownNodes[n.id]) { status.textContent = n.label + " is hidden by the filters"; return; }
    status.textContent = "";
    network.selectNodes([n.id]);
    network.focus(n.id, { scale: 1.2, animation: { duration: 300 } });
    highlight(n.id);
    showNode(n.id);
  }
  search.addEventListener("keydown", function (event) { if (event.key === "Enter") { go(); } });
  search.addEventListener("change", go);

  applyFilters();

  // Handles for tests, benchmarks and the curious.
  window.kgNetwork = network;
  window.kgNodes = nodes;
  window.kgEdges = edges;
  window.kgView = { nodes: nodesView, edges: edgesView };
  window.kgFilter = function (options) {
    filter.actor = options.actor || "";
    filter.relations = null;
    if (options.relations) {
      filter.relations = {};
      options.relations.forEach(function (r) { filter.relations[r] = true; });
    }
    filter.minRank = options.minLikelihood ? data.likelihoods.indexOf(options.minLikelihood) : -1;
    applyFilters();
    return { nodes: nodesView.getIds(), edges: edgesView.getIds() };
  };
  window.kgShowEdge = showEdge;
  window.kgShowNode = showNode;
  window.kgHighlight = highlight;
  window.kgUnhighlight = unhighlight;
  window.kgLabelScale = function () { return labelScale; };
}());
