"""The /graphql/ view, imported and built on its first request rather than when the URL map loads.

The root schema and every app's types (and, with strawberry, the library itself: about 500
modules) take most of a second to import and build: a worker that only ever answers REST requests
never loads them, and starts sooner. The first GraphQL request of each worker pays that instead.
"""

import threading
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponseBase
from django.utils.module_loading import import_string
from django.views.decorators.csrf import csrf_exempt

View = Callable[..., HttpResponseBase]


def lazy_graphql_view(view_path: str, schema_path: str) -> View:
    """A view that imports ``view_path`` (a class) and ``schema_path`` when first called.

    Both GraphQL views are CSRF-exempt (SessionAuthentication checks CSRF for session users, as
    in REST); Django reads that mark on the function the URL map holds, so it is set here too.
    """
    built: list[View] = []
    lock = threading.Lock()

    def build() -> View:
        with lock:
            if not built:
                view_class = import_string(view_path)
                built.append(view_class.as_view(schema=import_string(schema_path)))
        return built[0]

    @csrf_exempt
    def graphql(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        view = built[0] if built else build()
        return view(request, *args, **kwargs)

    return graphql
