"""The GraphiQL page both GraphQL libraries serve: every asset from this project's static files.

React, ReactDOM and GraphiQL are pinned copies from the npm registry (``core/static/core/vendor/``),
each loaded with its Subresource Integrity hash, so the page works with no network and under a
Content-Security-Policy that allows scripts from this origin only (no CDN, no inline script).
``core/tests/test_graphiql.py`` checks every file against its hash.
"""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

TEMPLATE = "core/graphiql.html"


@dataclass(frozen=True)
class Asset:
    """A vendored file: where it is served, which npm file it was copied from, its sha384."""

    path: str  # under STATIC_URL
    source: str  # package@version/file in the npm tarball (its trailing source-map comment removed)
    integrity: str  # the page's integrity= attribute: the browser refuses a file that differs


# In the order the page loads them: GraphiQL needs React and ReactDOM as globals.
SCRIPTS = (
    Asset(
        "core/vendor/react.production.min.js",
        "react@18.3.1/umd/react.production.min.js",
        # pragma: allowlist nextline secret (a file hash, not a secret)
        "sha384-DGyLxAyjq0f9SPpVevD6IgztCFlnMF6oW/XQGmfe+IsZ8TqEiDrcHkMLKI6fiB/Z",
    ),
    Asset(
        "core/vendor/react-dom.production.min.js",
        "react-dom@18.3.1/umd/react-dom.production.min.js",
        # pragma: allowlist nextline secret (a file hash, not a secret)
        "sha384-gTGxhz21lVGYNMcdJOyq01Edg0jhn/c22nsx0kyqP0TxaV5WVdsSH1fSDUf5YJj1",
    ),
    Asset(
        "core/vendor/graphiql.min.js",
        "graphiql@4.1.2/graphiql.min.js",
        # pragma: allowlist nextline secret (a file hash, not a secret)
        "sha384-6eJZ1poVE0cK2QENifOFw9ahWWM4Sso8+oF1bz1k4su/hPTlvQZJ8X1Gy/3zk0Sn",
    ),
)
STYLES = (
    Asset(
        "core/vendor/graphiql.min.css",
        "graphiql@4.1.2/graphiql.min.css",
        # pragma: allowlist nextline secret (a file hash, not a secret)
        "sha384-1el1QShFBnnXTx9x/Cprg82hZWKt0ry29OAYIXt05swbi0KcZDFoj0CWguMpopJr",
    ),
)
# This project's own start script (core/static/core/graphiql.js), loaded after the vendored ones.
START_SCRIPT = "core/graphiql.js"


def render_graphiql(request: HttpRequest) -> HttpResponse:
    """The GraphiQL page for this endpoint (the start script posts to the page's own URL)."""
    context = {"scripts": SCRIPTS, "styles": STYLES, "start_script": START_SCRIPT}
    return render(request, TEMPLATE, context)
