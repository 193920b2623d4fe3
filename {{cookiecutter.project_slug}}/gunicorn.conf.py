"""gunicorn's settings, read by `gunicorn` started in this folder.

The limits on what gunicorn reads before Django sees a request are set here, explicitly, and its
refusals answer in the API's JSON error shape instead of gunicorn's HTML page. Options given on
the command line or in GUNICORN_CMD_ARGS (the bind address, threads, timeouts) win over this file.
"""

import gc
import json
import socket

from gunicorn import util

# The request line (method, path with query string, version): longer answers 414.
limit_request_line = 4094
# Headers per request, and bytes per header line: more answers 431.
limit_request_fields = 100
limit_request_field_size = 8190

ERROR_CODES = {
    400: "bad_request",
    403: "permission_denied",
    414: "uri_too_long",
    417: "expectation_failed",
    431: "headers_too_large",
    500: "server_error",
    501: "not_implemented",
}


def write_json_error(sock: socket.socket, status_int: int, reason: str, mesg: str) -> None:
    """gunicorn's ``util.write_error``, with the body every other error of the API has."""
    body = json.dumps(
        {
            "error": {
                "status": status_int,
                "code": ERROR_CODES.get(status_int, "bad_request"),
                "message": f"{reason}.",
                "fields": {},
            }
        }
    ).encode()
    head = (
        f"HTTP/1.1 {status_int} {reason}\r\n"
        "Connection: close\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    util.write_nonblock(sock, head.encode("latin-1") + body)


# Workers look the function up on the module each time they refuse a request; they are forked
# after this file is read, so every one of them answers in JSON.
util.write_error = write_json_error

# Django, the apps and the URL map (config/wsgi.py loads it) are imported once, in the master,
# before the workers are forked: start-up does that work once rather than once per worker, and
# the workers share those memory pages. Nothing opens a connection while the app loads (Django
# connects to the database, Redis and the broker on first use), so each worker opens its own.
preload_app = True

# No garbage collection while the master imports the app (this file is read first): the import
# frees next to nothing, and each collection would walk every object made so far, over and over
# (about a tenth of start-up; docs/performance.md). It also leaves no freed holes in the pages
# the workers are about to share. when_ready turns it back on.
gc.disable()


def when_ready(server: object) -> None:
    """Once the app is loaded in the master, before any worker is forked: freeze its objects.

    A forked worker shares the master's memory pages until it writes to one. Python's garbage
    collector writes to every object it scans, so each worker's first collections would copy
    nearly every page the import made; frozen objects are never scanned, and those pages stay
    shared (docs/performance.md gives what a worker costs). The collector then runs again, in
    the master and in every worker it forks, on the objects made from now on.
    """
    gc.freeze()
    gc.enable()


def on_reload(server: object) -> None:
    """A HUP reads this file again, which turned the collector off; the loaded app is kept: turn it on."""
    gc.enable()
