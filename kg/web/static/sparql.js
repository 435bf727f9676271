/* kg workbench, SPARQL console: YASGUI (vendored, kg/web/static/vendor/yasgui) on this
 * server's read-only /query, with kg's prefixes. Nothing here reaches another host: the
 * autocompleters that ask Linked Open Vocabularies are off, and the page's
 * Content-Security-Policy allows connections to this server only. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("kg-sparql-config").textContent);
  var endpoint = new URL("/query", window.location.href).href;
  var yasgui = new Yasgui(document.getElementById("kg-yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    // No local storage: each visit starts from kg's example, on this store.
    persistenceId: null,
    populateFromUrl: false,
    yasqe: { value: config.example, autocompleters: ["prefixes", "variables"], editorHeight: "230px" },
    yasr: { prefixes: config.prefixes, persistenceId: null, maxPersistentResponseSize: 0 }
  });
  window.kgYasgui = yasgui;
  // For tests and keyboard users alike: run the query in the editor.
  window.kgRunQuery = function (text) {
    var yasqe = yasgui.getTab().getYasqe();
    if (typeof text === "string") { yasqe.setValue(text); }
    yasqe.query();
  };
}());
