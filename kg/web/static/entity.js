/* kg workbench, entity page: the neighbourhood graph. Every string comes from documents and
 * is untrusted: it reaches the page only through vis-network's canvas labels and textContent. */
(function () {
  "use strict";
  var holder = document.getElementById("kg-neighbours-graph");
  var source = document.getElementById("kg-neighbours");
  if (!holder || !source || typeof vis === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  if (!data.nodes.length) {
    holder.textContent = "No asserted claims to draw.";
    return;
  }
  function short(text) { return text.length > 22 ? text.slice(0, 21) + "…" : text; }
  var degree = {};
  data.edges.forEach(function (e) {
    degree[e.from] = (degree[e.from] || 0) + e.value;
    degree[e.to] = (degree[e.to] || 0) + e.value;
  });
  // Labels on the entity and its five busiest neighbours (more overlap in a side panel at a
  // laptop's size); every node names itself in its
  // tooltip (plain text: vis-network 9 sets a string title with innerText).
  var ranked = data.nodes.filter(function (n) { return !n.self; })
    .sort(function (a, b) { return (degree[b.id] || 0) - (degree[a.id] || 0); });
  var labelled = {};
  ranked.slice(0, 5).forEach(function (n) { labelled[n.id] = true; });
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return {
      id: n.id, key: n.key, shape: "dot", title: n.label,
      label: n.self ? n.label : (labelled[n.id] ? short(n.label) : undefined),
      size: n.self ? 14 : 5 + Math.min(6, degree[n.id] || 1),
      color: n.self ? "#d62728" : "#6d8fb8",
      font: { size: n.self ? 15 : 12, face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "#ffffff" }
    };
  }));
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    return { id: i, from: e.from, to: e.to, title: e.label + " (" + e.value + ")", value: e.value, arrows: "to" };
  }));
  var network = new vis.Network(holder, { nodes: nodes, edges: edges }, {
    physics: { solver: "forceAtlas2Based", forceAtlas2Based: { springLength: 160, avoidOverlap: 0.5 }, stabilization: { iterations: 200 } },
    edges: { color: { color: "#9aa", opacity: 0.8 }, scaling: { min: 1, max: 5, label: { enabled: false } }, smooth: false },
    interaction: { hover: true, tooltipDelay: 100 }
  });
  // Labels sized for the fitted view, as on the graph page.
  var settled = false;
  function settle() {
    if (settled) { return; }
    settled = true;
    network.setOptions({ physics: false });
    network.fit();
    // fit() frames the dots, not their labels: step back so edge labels are not cut off.
    network.moveTo({ scale: network.getScale() * 0.8 });
    var k = Math.min(6, Math.max(1, 1 / network.getScale()));
    nodes.update(data.nodes.map(function (n) {
      return { id: n.id, font: { size: (n.self ? 15 : 12) * k, face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "#ffffff" } };
    }));
  }
  // A small graph can finish stabilising before a listener is attached: whichever comes first.
  network.once("stabilizationIterationsDone", settle);
  network.once("stabilized", settle);
  window.setTimeout(settle, 1500);
  network.on("doubleClick", function (params) {
    if (params.nodes.length) {
      var n = nodes.get(params.nodes[0]);
      window.location.href = "/entity/" + encodeURIComponent(n.key);
    }
  });
  window.kgNeighbours = network;
}());
