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
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return {
      id: n.id, label: n.label, key: n.key,
      shape: "dot", size: n.self ? 16 : 9,
      color: n.self ? "#d62728" : "#6d8fb8",
      font: { size: n.self ? 16 : 13, face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "#ffffff" }
    };
  }));
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    return { id: i, from: e.from, to: e.to, label: e.label, value: e.value, arrows: "to",
             font: { size: 11, color: "#444", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" } };
  }));
  var network = new vis.Network(holder, { nodes: nodes, edges: edges }, {
    physics: { solver: "forceAtlas2Based", stabilization: { iterations: 200 } },
    edges: { color: { color: "#9aa", opacity: 0.8 }, scaling: { min: 1, max: 5, label: { enabled: false } }, smooth: { type: "dynamic" } },
    interaction: { hover: true }
  });
  network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); network.fit(); });
  network.on("doubleClick", function (params) {
    if (params.nodes.length) {
      var n = nodes.get(params.nodes[0]);
      window.location.href = "/entity/" + encodeURIComponent(n.key);
    }
  });
  window.kgNeighbours = network;
}());
