// Starts GraphiQL on the page core/templates/core/graphiql.html renders (served from this origin, no
// inline script, so the Content-Security-Policy needs no 'unsafe-inline'). The page's URL fragment
// carries the query (#query=...), so a link can share one without sending it to the server.
(function () {
  "use strict";

  var root = document.getElementById("graphiql");
  var parameters = new URLSearchParams(window.location.hash.slice(1));
  var headers = {};
  // Session users need the CSRF token, as in the REST API; token and JWT users add their own header.
  if (root.dataset.csrfToken) {
    headers["X-CSRFToken"] = root.dataset.csrfToken;
  }

  function remember(name) {
    return function (value) {
      parameters.set(name, value);
      window.history.replaceState(null, "", "#" + parameters.toString());
    };
  }

  var fetcher = GraphiQL.createFetcher({ url: window.location.pathname, headers: headers });
  var properties = {
    fetcher: fetcher,
    defaultEditorToolsVisibility: true,
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: false,
    onEditQuery: remember("query"),
    onEditVariables: remember("variables"),
  };
  if (parameters.has("query")) {
    properties.query = parameters.get("query");
  }
  if (parameters.has("variables")) {
    properties.variables = parameters.get("variables");
  }
  ReactDOM.createRoot(root).render(React.createElement(GraphiQL, properties));
})();
