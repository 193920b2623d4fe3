"""Requests per second and queries per request of the user list, cold (every read a miss) and warm.

Starts gunicorn on 127.0.0.1 with local settings and a scratch SQLite database (or DATABASE_URL),
{%- if cookiecutter.cache == "redis" %}
caches in Redis when REDIS_URL is set (else in each worker's local memory),
{%- else %}
caches in each worker's local memory,
{%- endif %}
fills the table with users and signs a staff member in with a session cookie. "Cold" asks for a new
URL each time (a unique, ignored query parameter), so every read misses; "warm" asks for one URL,
read beforehand by every worker.

    uv run python benchmarks/cache_bench.py --requests 400 --rows 200
"""

import argparse
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
LIST = "/api/v1/users/"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark the cached user list, cold and warm.")
    parser.add_argument("--requests", type=int, default=400, help="requests per phase (max 5000)")
    parser.add_argument("--rows", type=int, default=200, help="users in the table")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    args = parser.parse_args()
    args.requests = max(1, min(args.requests, 5000))
    return args


def server_environment(database: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DJANGO_READ_DOT_ENV_FILE": "false",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_hex(32),
        # The benchmark measures caching, not the throttle.
        "DJANGO_THROTTLE_USER": "1000000/hour",
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{database}")
    return env


def prepare_data(rows: int) -> str:
    """Migrate, add users and a staff member; return the staff member's session key."""
    import django

    sys.path.insert(0, str(PROJECT_ROOT))
    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from {{ cookiecutter.project_slug }}.users.models import User

    call_command("migrate", verbosity=0)
    User.objects.all().delete()
    User.objects.bulk_create(
        User(email=f"bench{n}@example.com", name=f"Bench {n}") for n in range(rows)
    )
    staff = User.objects.create_superuser("bench-staff@example.com", secrets.token_hex(16))
    session = SessionStore()
    session[SESSION_KEY] = str(staff.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = staff.get_session_auth_hash()
    session.create()
    return str(session.session_key)


def queries_per_request(session_key: str) -> tuple[float, float]:
    """Queries of one cold and one warm read, counted in this process on the same code path."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.cookies["sessionid"] = session_key
    url = f"{LIST}?bench=queries-{time.time_ns()}"  # a URL nobody has cached
    with CaptureQueriesContext(connection) as cold:
        client.get(url, HTTP_HOST="127.0.0.1")
    with CaptureQueriesContext(connection) as warm:
        client.get(url, HTTP_HOST="127.0.0.1")
    return len(cold), len(warm)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(env: dict[str, str], port: int, workers: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/livez", timeout=1):
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("gunicorn did not answer /livez within 30 s")


def fetch(url: str, session_key: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={session_key}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read()
        return response.status, response.headers.get("X-Cache", "")


def run_phase(
    urls: Callable[[int], str], count: int, concurrency: int, session_key: str
) -> tuple[float, Counter[str]]:
    outcomes: Counter[str] = Counter()
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        for status, cache_header in pool.map(lambda n: fetch(urls(n), session_key), range(count)):
            outcomes[f"{status} {cache_header}"] += 1
    return count / (time.perf_counter() - started), outcomes


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="cache-bench-") as scratch:
        env = server_environment(Path(scratch) / "bench.sqlite3")
        os.environ.update(env)
        session_key = prepare_data(args.rows)
        cold_queries, warm_queries = queries_per_request(session_key)

        port = free_port()
        base = f"http://127.0.0.1:{port}{LIST}"
        server = start_server(env, port, args.workers)
        try:
            run = f"{time.time_ns()}"  # fresh URLs on every run, whatever the cache holds
            cold_rps, cold = run_phase(
                lambda n: f"{base}?bench={run}-{n}", args.requests, args.concurrency, session_key
            )
            warm_url = f"{base}?bench={run}-warm"
            run_phase(lambda n: warm_url, args.workers * 4, args.concurrency, session_key)
            warm_rps, warm = run_phase(
                lambda n: warm_url, args.requests, args.concurrency, session_key
            )
        finally:
            server.terminate()
            server.wait()

    from django.conf import settings

    backend = settings.CACHES["default"]["BACKEND"]
    print(f"GET {LIST}: {args.rows + 1} users, pages of 20, cache {backend}")
    print(f"{args.requests} requests a phase, {args.concurrency} threads, {args.workers} workers")
    print(f"{'phase':<6} {'req/s':>8} {'queries/req':>12}  responses")
    print(f"{'cold':<6} {cold_rps:>8.1f} {cold_queries:>12}  {dict(cold)}")
    print(f"{'warm':<6} {warm_rps:>8.1f} {warm_queries:>12}  {dict(warm)}")


if __name__ == "__main__":
    main()
