{%- if cookiecutter.example_app == "ecommerce" -%}
"""Requests per second and queries per request of the public product list, cold and warm.
{%- elif cookiecutter.example_app == "cms" -%}
"""Requests per second and queries per request of the public post list, cold and warm.
{%- else -%}
"""Requests per second and queries per request of the user list, cold (every read a miss) and warm.
{%- endif %}

Starts gunicorn on 127.0.0.1 with local settings and a scratch SQLite database (or DATABASE_URL),
{%- if cookiecutter.cache == "redis" %}
caches in Redis when REDIS_URL is set (else in each worker's local memory),
{%- else %}
caches in each worker's local memory,
{%- endif %}
{%- if cookiecutter.example_app == "ecommerce" %}
fills the catalogue with products and reads the list anonymously, as the public does. "Cold" asks
{%- elif cookiecutter.example_app == "cms" %}
fills the blog with published posts and reads the list anonymously, as the public does. "Cold" asks
{%- else %}
fills the table with users and signs a staff member in with a session cookie. "Cold" asks
{%- endif %}
for a new URL each time (a unique, ignored query parameter), so every read misses; "warm" asks for
one URL, read beforehand by every worker.

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
{%- if cookiecutter.example_app == "ecommerce" %}
LIST = "/api/v1/shop/products/"
{%- elif cookiecutter.example_app == "cms" %}
LIST = "/api/v1/cms/posts/"
{%- else %}
LIST = "/api/v1/users/"
{%- endif %}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=f"Benchmark the cached {LIST}, cold and warm.")
    parser.add_argument("--requests", type=int, default=400, help="requests per phase (max 5000)")
    parser.add_argument("--rows", type=int, default=200, help="rows in the list's table")
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
        "DJANGO_THROTTLE_ANON": "1000000/hour",
        "DJANGO_THROTTLE_USER": "1000000/hour",
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{database}")
    return env


def prepare_data(rows: int) -> str:
    """Migrate and add the rows; return the session key the requests send ("" for the public)."""
    import django

    sys.path.insert(0, str(PROJECT_ROOT))
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
{%- if cookiecutter.example_app == "ecommerce" %}
    from decimal import Decimal

    from {{ cookiecutter.project_slug }}.shop.models import Category, Product

    Product.objects.all().delete()
    Category.objects.all().delete()
    categories = Category.objects.bulk_create(
        Category(name=f"Bench {n}", slug=f"bench-{n}") for n in range(10)
    )
    Product.objects.bulk_create(
        Product(
            category=categories[n % len(categories)],
            sku=f"BENCH-{n:05d}",
            slug=f"bench-product-{n}",
            name=f"Bench product {n}",
            description="A product of the cache benchmark.",
            price=Decimal(n % 500) + Decimal("0.99"),
            stock=n % 7,
        )
        for n in range(rows)
    )
    return ""
{%- elif cookiecutter.example_app == "cms" %}
    from django.utils import timezone

    from {{ cookiecutter.project_slug }}.cms.models import Category, Post, Status
    from {{ cookiecutter.project_slug }}.users.models import User

    Post.objects.all().delete()
    author, _ = User.objects.get_or_create(
        email="bench-author@example.com", defaults={"name": "Bench Author"}
    )
    category, _ = Category.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    now = timezone.now()
    Post.objects.bulk_create(
        Post(
            author=author,
            category=category,
            title=f"Bench post {n}",
            slug=f"bench-post-{n}",
            excerpt="A post of the cache benchmark.",
            body="Body text. " * 200,
            status=Status.PUBLISHED,
            published_at=now,
        )
        for n in range(rows)
    )
    return ""
{%- else %}
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from {{ cookiecutter.project_slug }}.users.models import User

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
{%- endif %}


def queries_per_request(session_key: str) -> tuple[float, float]:
    """Queries of one cold and one warm read, counted in this process on the same code path."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    if session_key:
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


def gunicorn_command(port: int, workers: int) -> list[str]:
    """gunicorn serving config/wsgi.py on 127.0.0.1:``port`` (gunicorn.conf.py sets the rest)."""
    return [
        *(sys.executable, "-m", "gunicorn", "config.wsgi"),
        *("--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning"),
    ]


def start_server(env: dict[str, str], port: int, workers: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        gunicorn_command(port, workers),
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
    headers = {"Cookie": f"sessionid={session_key}"} if session_key else {}
    request = urllib.request.Request(url, headers=headers)
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
    print(f"GET {LIST}: {args.rows} rows, pages of 20, cache {backend}")
    print(f"{args.requests} requests a phase, {args.concurrency} threads, {args.workers} workers")
    print(f"{'phase':<6} {'req/s':>8} {'queries/req':>12}  responses")
    print(f"{'cold':<6} {cold_rps:>8.1f} {cold_queries:>12}  {dict(cold)}")
    print(f"{'warm':<6} {warm_rps:>8.1f} {warm_queries:>12}  {dict(warm)}")


if __name__ == "__main__":
    main()
