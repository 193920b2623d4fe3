"""The API under production settings and a real load tool: `make bench` runs this and writes docs/performance.md.

What it measures, on the PostgreSQL server of DATABASE_URL (SQLite works too) and the cache of the
production settings, in scratch databases it creates and drops, one per row count:

- start-up: gunicorn launched (2 sync workers) to the first 200 of ``/api/v1/users/me/``, with the
  bytecode compiled first, as a production install has it;
- page 1 of every list the API serves at each row count (10, 1,000 and 10,000 by
  default): queries and the median and best time of an uncached read, in this process through
  Django's test client, the row counts read in turn; the largest may cost at most 1.5 times the
  smallest;
- throughput and p50/p99 latency with locust (headless, the project's `bench` dependency group) of
  the main lists at each row count, then of ``/me``, the details and the cached lists, cold (every
  URL new, so every read misses) and warm (one URL);
- what the cache saves, without the load tool's share of the machine: CPU and wall milliseconds of
  a cold and a warm read of each cached endpoint, in this process, calling the WSGI application
  as gunicorn does, at the largest row count; a warm page of a list must cost at most a fifth of a
  cold one;
- the resident (RSS) and proportional (PSS) memory of each worker after the load.

Requests carry ``X-Forwarded-Proto: https``, as from the proxy production runs behind; throttles
stay on, with rates no run reaches.

    uv run --group bench python benchmarks/api_bench.py            # what `make bench` runs
    uv run --group bench python benchmarks/api_bench.py --quick    # a smoke run: small, short
"""

import argparse
import compileall
import itertools
import json
import os
import platform
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench_endpoints import Endpoint, users_grow, users_lists, users_loaded
{%- if cookiecutter.graphql != "none" %}
from bench_graphql import graphql_lists
{%- endif %}
from bench_plot import line_chart
from cache_bench import free_port, gunicorn_command
{%- if cookiecutter.example_app == "ecommerce" %}
from example_shop import details, grow, lists, main_lists
{%- elif cookiecutter.example_app == "cms" %}
from example_cms import details, grow, lists, main_lists
{%- endif %}
from middleware_bench import credentials

PROJECT_ROOT = Path(__file__).resolve().parents[1]
ME = "/api/v1/users/me/"
PAGE_SIZE = 20
# Page 1 of a list may cost this many times more at the largest row count than at the smallest.
PAGE_COST_LIMIT = 1.5
# The production settings' cache without Redis is this table: its queries are counted apart.
CACHE_TABLE = '"django_cache"'
# Between refused connections while gunicorn starts: the start-up figure's resolution (with
# preload_app, gunicorn binds its socket only once the app has loaded).
POLL_SECONDS = 0.005
# Rounds of cold load on the main lists, each taking every row count's server in turn.
THROUGHPUT_ROUNDS = 2
# A warm read of a cached endpoint must cost at most this fraction of a cold one (in process).
WARM_COST_LIMIT = 0.2
# In-process reads of each cached endpoint: rounds, each a batch of cold reads then warm ones.
CACHE_ROUNDS, CACHE_READS = 5, 100
LOCUSTFILE = """
import itertools
import json
import os

from locust import FastHttpUser, constant, task

PATH = os.environ["BENCH_PATH"]
HEADERS = json.loads(os.environ["BENCH_HEADERS"])
COLD = os.environ["BENCH_MODE"] == "cold"
with open(os.environ["BENCH_COLD_PATHS"]) as paths:
    COLD_PATHS = json.load(paths)
RUN = os.environ["BENCH_RUN"]
NUMBERS = itertools.count()


class Reader(FastHttpUser):
    wait_time = constant(0)

    @task
    def read(self):
        n = next(NUMBERS)
        if COLD and COLD_PATHS:
            url = COLD_PATHS[n % len(COLD_PATHS)]
        else:
            url = f"{PATH}?bench={RUN}-{n}" if COLD else PATH
        self.client.get(url, headers=HEADERS, name=PATH)
"""


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark the API; write docs/performance.md.")
    parser.add_argument("--rows", default="10,1000,10000", help="row counts, comma-separated")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per measure")
    parser.add_argument("--users", type=int, default=8, help="concurrent locust users")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--repeats", type=int, default=25, help="timed reads of each page 1")
    parser.add_argument("--output", default="docs/performance.md", help="the page to write")
    parser.add_argument(
        "--quick", action="store_true", help="10 and 100 rows, 3 s of load: proves it runs"
    )
    args = parser.parse_args()
    if args.quick:
        args.rows, args.duration, args.users, args.repeats = "10,100", 3, 2, 3
    args.sizes = sorted({int(n) for n in args.rows.split(",")})
    if len(args.sizes) < 2 or args.sizes[0] < 1:
        parser.error("--rows needs at least two positive counts")
    return args


# (label, caller, phase, req/s, p50 ms, p99 ms, requests)
LoadRow = tuple[str, str, str, float, float, float, int]


@dataclass(frozen=True)
class PageCost:
    queries: int
    # Queries on the database cache's table (the production cache without Redis).
    cache_queries: int
    median_ms: float
    best_ms: float

    def query_text(self) -> str:
        return f"{self.queries}+{self.cache_queries}" if self.cache_queries else str(self.queries)


@dataclass
class Results:
    sizes: list[int]
    started: str = ""
    # Seconds from launch to the first 200 of /me, one server per row count.
    startups: list[float] = field(default_factory=list)
    load_before: str = ""
    load_after: str = ""
    # {label: {size: cost}}
    pages: dict[str, dict[int, PageCost]] = field(default_factory=dict)
    # {label: {size: req/s}}, the main lists, cold
    throughput: dict[str, dict[int, float]] = field(default_factory=dict)
    load: list[LoadRow] = field(default_factory=list)
    # (process, RSS MB, PSS MB)
    memory: list[tuple[str, float, float]] = field(default_factory=list)
    # {label: {"cold" | "warm": (CPU ms, wall ms)}}: a cached endpoint's reads, in process
    cache_costs: dict[str, dict[str, tuple[float, float]]] = field(default_factory=dict)
    # The labels of those that are details (one row by key), not lists
    cache_details: set[str] = field(default_factory=set)
    cache_backend: str = ""
    database: str = ""


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


class ScratchDatabases:
    """Databases made for the run on the server of DATABASE_URL (or SQLite files), dropped after it."""

    def __init__(self, scratch: Path) -> None:
        configured = os.environ.get("DATABASE_URL", "")
        if not configured:
            raise SystemExit("DATABASE_URL is not set: the production settings need a database")
        self.url = urllib.parse.urlsplit(configured)
        self.sqlite = self.url.scheme.startswith("sqlite")
        if not self.sqlite and self.url.scheme not in {"postgres", "postgresql"}:
            raise SystemExit(f"DATABASE_URL: {self.url.scheme} is neither PostgreSQL nor SQLite")
        self.scratch = scratch
        self.prefix = f"{self.url.path.lstrip('/') or 'postgres'}_bench_{secrets.token_hex(4)}"
        self.names: list[str] = []

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url._replace(path="/postgres").geturl(), autocommit=True) as db:
            db.execute(sql.encode())  # names made here, never an input

    def create(self, copy_of: str = "") -> str:
        """A new database's NAME setting: empty, or a copy of ``copy_of`` (nobody connected to it)."""
        if self.sqlite:
            name = str(self.scratch / f"bench-{len(self.names)}.sqlite3")
            if copy_of:
                shutil.copyfile(copy_of, name)
        else:
            name = f"{self.prefix}_{len(self.names)}"
            template = f' TEMPLATE "{copy_of}"' if copy_of else ""
            self._admin(f'CREATE DATABASE "{name}"{template}')
        self.names.append(name)
        return name

    def url_of(self, name: str) -> str:
        if self.sqlite:
            return f"sqlite:///{name}"
        return self.url._replace(path=f"/{name}").geturl()

    def drop_all(self) -> None:
        from django.db import connections

        connections.close_all()
        if not self.sqlite:
            for name in self.names:
                self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def use_database(name: str) -> None:
    """Point this process's connection at another database (its NAME setting), connected."""
    from django.db import connection

    if connection.settings_dict["NAME"] == name:
        return
    connection.close()
    connection.settings_dict["NAME"] = name
    connection.ensure_connection()


def server_environment(database_url: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_READ_DOT_ENV_FILE": "false",
        "DJANGO_SECRET_KEY": secrets.token_hex(32),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        # Its own cache keys: a run reads nothing another process cached and leaves no stale page.
        "DJANGO_CACHE_KEY_PREFIX": f"bench-{secrets.token_hex(4)}",
        "DJANGO_THROTTLE_ANON": "100000000/hour",
        "DJANGO_THROTTLE_USER": "100000000/hour",
        "DJANGO_LOG_LEVEL": "WARNING",
        # Credentials are made afresh for each measure; a longer JWT life still covers a slow one.
        "DJANGO_JWT_ACCESS_SECONDS": "3600",
    }
    # Nothing here sends a task; the production settings only insist that a broker is named.
    env.setdefault("CELERY_BROKER_URL", "memory://")
    return env


def setup_django() -> None:
    import django

    sys.path.insert(0, str(PROJECT_ROOT))
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def make_people() -> dict[str, Any]:
    from {{ cookiecutter.project_slug }}.users.models import User

    password = secrets.token_hex(16)
    return {
        "customer": User.objects.create_user(email="bench-customer@example.com", password=password),
        "staff": User.objects.create_superuser(email="bench-staff@example.com", password=password),
    }


def all_lists() -> list[Endpoint]:
    """Every list the API serves."""
    endpoints = users_lists()
{%- if cookiecutter.example_app != "none" %}
    endpoints = lists() + endpoints
{%- endif %}
{%- if cookiecutter.graphql != "none" %}
    endpoints += graphql_lists()
{%- endif %}
    return endpoints


{%- if cookiecutter.example_app == "none" %}


def main_lists() -> list[Endpoint]:
    return users_lists()[:1]
{%- endif %}


def loaded_endpoints(people: dict[str, Any]) -> list[Endpoint]:
    endpoints = users_loaded(people)
{%- if cookiecutter.example_app != "none" %}
    endpoints += details(people)
{%- endif %}
    return endpoints


def grow_to(start: int, stop: int, people: dict[str, Any]) -> None:
    """Add the rows ``start`` to ``stop - 1`` to every list, then vacuum and analyse them.

    PostgreSQL's autovacuum vacuums and analyses a table soon after a bulk load (since version 13,
    inserts alone start it); VACUUM ANALYZE does it now, so every row count is measured with the
    statistics and the visibility map a running database would have: with the map set, a page's
    count() reads an index alone (an index-only scan), not every row of the table.
    """
    from django.db import connection, transaction

    with transaction.atomic():
        users_grow(start, stop, people)
{%- if cookiecutter.example_app != "none" %}
        grow(start, stop, people)
{%- endif %}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def page_reader(endpoint: Endpoint) -> Callable[[dict[str, Any]], float]:
    """A function that reads page 1 with these credentials (every read a cache miss) and returns
    its milliseconds."""
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    numbers = itertools.count()

    def read(headers: dict[str, Any]) -> float:
        if endpoint.uncache:
            endpoint.uncache()
        started = time.perf_counter()
        if endpoint.query:
            body = json.dumps({"query": endpoint.query, "variables": {"limit": PAGE_SIZE}})
            response = client.post(endpoint.path, body, content_type="application/json", **headers)
            elapsed = time.perf_counter() - started
            failed = response.status_code != 200 or "errors" in response.json()
        else:
            path = f"{endpoint.path}?bench={time.time_ns()}-{next(numbers)}"
            response = client.get(path, **headers)
            elapsed = time.perf_counter() - started
            # A cached list must miss: the query string is new, and the cache keys on it.
            failed = response.status_code != 200 or response.headers.get("X-Cache") == "HIT"
        if failed:
            raise SystemExit(f"{endpoint.label}: {response.status_code} {response.content[:300]!r}")
        return elapsed * 1000

    return read


def count_queries(
    read: Callable[[dict[str, Any]], float], headers: dict[str, Any]
) -> tuple[int, int]:
    """Queries of one read: on the data, and on the database cache's table."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        read(headers)
    cache_queries = sum(1 for query in captured if CACHE_TABLE in query["sql"])
    return len(captured) - cache_queries, cache_queries


@dataclass
class Dataset:
    """One database filled to one row count, and how its callers authenticate."""

    size: int
    name: str
    people: dict[str, Any]

    def environ(self, caller: str) -> dict[str, str]:
        """The caller's credentials as WSGI environ keys, made now (a JWT expires within minutes),
        with this process's connection on this dataset's database."""
        use_database(self.name)
        return {} if caller == "public" else credentials(self.people[caller])

    def headers(self, caller: str) -> dict[str, str]:
        return http_headers(self.environ(caller))


def measure_pages(datasets: list[Dataset], repeats: int, results: Results) -> None:
    """Page 1 of every list at every row count, in rounds that take each database in turn.

    Interleaved, a busier minute of the machine slows every row count alike, and the ratio of
    the largest to the smallest stays the lists' own.
    """
    endpoints = all_lists()
    readers: dict[tuple[int, str], Callable[[dict[str, Any]], float]] = {}
    queries: dict[tuple[int, str], tuple[int, int]] = {}
    for dataset in datasets:
        for endpoint in endpoints:
            read = page_reader(endpoint)
            headers = dataset.environ(endpoint.caller)
            read(headers)  # the first read of a path loads code and plans queries once
            queries[dataset.size, endpoint.label] = count_queries(read, headers)
            readers[dataset.size, endpoint.label] = read
    timings: dict[tuple[int, str], list[float]] = {key: [] for key in readers}
    for _ in range(repeats):
        for dataset in datasets:
            # Credentials made afresh each round (a JWT expires within minutes), outside the timing.
            callers = {endpoint.caller for endpoint in endpoints}
            environ = {caller: dataset.environ(caller) for caller in callers}
            for endpoint in endpoints:
                key = (dataset.size, endpoint.label)
                timings[key].append(readers[key](environ[endpoint.caller]))
    for dataset in datasets:
        for endpoint in endpoints:
            key = (dataset.size, endpoint.label)
            cost = PageCost(*queries[key], statistics.median(timings[key]), min(timings[key]))
            results.pages.setdefault(endpoint.label, {})[dataset.size] = cost
            label = f"{dataset.size:>6} rows  {endpoint.label:<22}"
            print(f"{label} {cost.query_text():>5} queries", end="")
            print(f"  {cost.median_ms:7.2f} ms (best {cost.best_ms:.2f})", flush=True)


def measure_cache(dataset: Dataset, results: Results) -> None:
    """CPU and wall milliseconds of a cold and a warm read of each cached endpoint, in this process.

    Under locust the load tool shares the cores with the server, and its cost per request, the
    same cold or warm, narrows the ratio of the two; here only the server's work is timed: each
    read calls the WSGI application as gunicorn does, with its environ built before the clock
    starts (Django's test client would add its own work to both). Cold reads each ask for a new
    URL (or, for a detail, a row not read yet); warm ones for one URL.
    """
    from django.core.handlers.wsgi import WSGIHandler

    client = WsgiReader(WSGIHandler())
    for endpoint in [*loaded_endpoints(dataset.people), *main_lists()]:
        if not endpoint.cached:
            continue
        reads = CACHE_READS
        cold_paths: Iterator[str] = (
            f"{endpoint.path}?bench=cpu-{time.time_ns()}-{n}" for n in itertools.count()
        )
        if endpoint.cold_paths:  # a detail: each cold read needs a row of its own, not the warm one
            rows = [path for path in endpoint.cold_paths if path != endpoint.path]
            reads, cold_paths = min(reads, len(rows) // CACHE_ROUNDS), iter(rows)
            results.cache_details.add(endpoint.label)
        if not reads:
            continue
        environ: dict[str, Any] = dataset.environ(endpoint.caller)
        client.get_path(endpoint.path, environ)  # the warm URL, cached
        rounds: dict[str, list[tuple[float, float]]] = {"cold": [], "warm": []}
        for _ in range(CACHE_ROUNDS):
            cold = [next(cold_paths) for _ in range(reads)]
            rounds["cold"].append(timed_reads(client, cold, environ, "MISS"))
            rounds["warm"].append(timed_reads(client, [endpoint.path] * reads, environ, "HIT"))
        costs = {
            phase: (
                statistics.median(cpu for cpu, _ in timings),
                statistics.median(wall for _, wall in timings),
            )
            for phase, timings in rounds.items()
        }
        results.cache_costs[endpoint.label] = costs
        (cold_cpu, cold_wall), (warm_cpu, warm_wall) = costs["cold"], costs["warm"]
        print(f"cache {endpoint.label:<22} cold {cold_cpu:.2f} ms ({cold_wall:.2f} wall)", end="")
        print(f"  warm {warm_cpu:.2f} ms ({warm_wall:.2f} wall)", flush=True)


class WsgiReader:
    """GET requests through a WSGI application, as a server calls it: the application's work only."""

    def __init__(self, application: Any) -> None:
        from django.test import RequestFactory

        self.application = application
        self.factory = RequestFactory(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")

    def environ(self, path: str, extra: dict[str, Any]) -> dict[str, Any]:
        return self.factory.get(path, **extra).environ

    def get(self, environ: dict[str, Any]) -> Any:
        response = self.application(dict(environ), lambda status, headers: None)
        b"".join(response)  # the body, as a server would send it
        response.close()  # request_finished: what a server's close() runs
        return response

    def get_path(self, path: str, extra: dict[str, Any]) -> Any:
        return self.get(self.environ(path, extra))


def timed_reads(
    client: WsgiReader, paths: list[str], environ: dict[str, Any], expected: str
) -> tuple[float, float]:
    """CPU and wall milliseconds per read of ``paths``: each must answer 200, and a list's X-Cache
    header ``expected`` (a detail's cache sets none: its cold reads are rows not read before)."""
    environs = [client.environ(path, environ) for path in paths]
    cpu, wall = time.process_time(), time.perf_counter()
    responses = [client.get(request) for request in environs]
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    for path, response in zip(paths, responses, strict=True):
        if response.status_code != 200 or response.headers.get("X-Cache", expected) != expected:
            raise SystemExit(
                f"{path} answered {response.status_code}, X-Cache "
                f"{response.headers.get('X-Cache')} (expected {expected})"
            )
    return cpu / len(paths) * 1000, wall / len(paths) * 1000


def http_headers(environ: dict[str, str]) -> dict[str, str]:
    """WSGI environ keys (HTTP_AUTHORIZATION) as the header names a client sends."""
    headers = {key[5:].replace("_", "-").title(): value for key, value in environ.items()}
    return {**headers, "X-Forwarded-Proto": "https"}


def compile_bytecode() -> None:
    """Bytecode for the installed packages and the project, compiled ahead as a production install
    does (``uv sync --compile-bytecode``), so start-up times loading the app rather than compiling
    it, even where PYTHONDONTWRITEBYTECODE is set. Files compiled already are skipped."""
    paths = {sysconfig.get_paths()[key] for key in ("purelib", "platlib")}
    paths |= {str(PROJECT_ROOT / package) for package in ("config", "{{ cookiecutter.project_slug }}")}
    for path in sorted(paths):
        compileall.compile_dir(path, quiet=2, workers=0)


def start_server(
    env: dict[str, str], port: int, workers: int, probe: dict[str, str], log: Path
) -> tuple[subprocess.Popen[bytes], float]:
    """gunicorn as production runs it, and the seconds from launch to the first 200 of /me."""
    started = time.perf_counter()
    server = subprocess.Popen(
        gunicorn_command(port, workers),
        cwd=PROJECT_ROOT,
        env=env,
        stderr=log.open("wb"),
    )
    request = urllib.request.Request(f"http://127.0.0.1:{port}{ME}", headers=probe)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                if response.status == 200:
                    return server, time.perf_counter() - started
        except OSError:
            time.sleep(POLL_SECONDS)
    server.kill()
    raise SystemExit(f"gunicorn did not answer {ME} within 60 s:\n{log.read_text()[-2000:]}")


def locust(
    base: str,
    endpoint: Endpoint,
    headers: dict[str, str],
    mode: str,
    args: argparse.Namespace,
    scratch: Path,
) -> tuple[float, float, float, int]:
    """Requests a second, p50 and p99 milliseconds, requests: one headless locust run."""
    locustfile = scratch / "locustfile.py"
    locustfile.write_text(LOCUSTFILE)
    prefix = scratch / f"locust-{time.time_ns()}"
    cold_paths = scratch / f"{prefix.name}-paths.json"
    cold_paths.write_text(json.dumps(endpoint.cold_paths))
    env = {
        **os.environ,
        "BENCH_PATH": endpoint.path,
        "BENCH_HEADERS": json.dumps(headers),
        "BENCH_MODE": mode,
        "BENCH_COLD_PATHS": str(cold_paths),
        "BENCH_RUN": str(time.time_ns()),
    }
    outcome = subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(locustfile),
            "--headless",
            "--host",
            base,
            "--users",
            str(args.users),
            "--spawn-rate",
            str(args.users),
            "--run-time",
            f"{args.duration}s",
            "--json-file",
            str(prefix),
            "--loglevel",
            "ERROR",
            "--stop-timeout",
            "2",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    report = scratch / f"{prefix.name}.json"
    entries = json.loads(report.read_text()) if outcome.returncode == 0 else []
    if len(entries) != 1 or entries[0]["num_failures"] or not entries[0]["num_requests"]:
        log = f"{outcome.stdout[-2000:]}{outcome.stderr[-2000:]}"
        why = probe(base, endpoint, headers)
        raise SystemExit(f"locust: {endpoint.label} ({mode}) failed:\n{log}{why}")
    entry = entries[0]
    # Response times in ms (locust rounds those over 100 ms to two significant digits): counts.
    times = sorted((float(ms), count) for ms, count in entry["response_times"].items())

    def percentile(share: float) -> float:
        seen = 0
        for ms, count in times:
            seen += count
            if seen >= share * entry["num_requests"]:
                return ms
        return times[-1][0]

    # Over --run-time, which locust counts from the moment its users start.
    return (
        entry["num_requests"] / args.duration,
        percentile(0.5),
        percentile(0.99),
        entry["num_requests"],
    )


def probe(base: str, endpoint: Endpoint, headers: dict[str, str]) -> str:
    """One request as locust sent it: its status and the start of its body, to say why it failed."""
    request = urllib.request.Request(f"{base}{endpoint.path}", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return f"a single request: {response.status} {response.read(300)!r}"
    except urllib.error.HTTPError as error:
        return f"a single request: {error.code} {error.read(300)!r}"
    except OSError as error:
        return f"a single request: {error!r}"


def worker_memory(master: int) -> list[tuple[str, float, float]]:
    """RSS and PSS in MB of the gunicorn master and each of its workers, from /proc."""

    def measure(pid: int) -> tuple[float, float]:
        fields = {}
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
            name, value = line.split(":", 1)
            fields[name] = int(value.split()[0])
        return fields["Rss"] / 1024, fields["Pss"] / 1024

    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    rows = [("master", *measure(master))]
    rows += [(f"worker {n}", *measure(int(pid))) for n, pid in enumerate(children, start=1)]
    return rows


def prepare(databases: ScratchDatabases, sizes: list[int]) -> list[Dataset]:
    """One database per row count, copied from a migrated empty one and filled."""
    from django.db import connections

    template = connections["default"].settings_dict["NAME"]
    connections.close_all()
    names = [databases.create(copy_of=template) for _ in sizes]
    datasets = []
    for size, name in zip(sizes, names, strict=True):
        use_database(name)
        people = make_people()
        grow_to(0, size, people)
        datasets.append(Dataset(size, name, people))
        print(f"{size:>6} rows  filled", flush=True)
    return datasets


def throughput(
    servers: dict[int, str], datasets: list[Dataset], args: argparse.Namespace, scratch: Path
) -> dict[str, dict[int, float]]:
    """Cold requests a second of the main lists at every row count: the median of rounds that
    take each count's server in turn, so the machine's busier minutes fall on every count alike."""
    rates: dict[str, dict[int, list[float]]] = {}
    for _ in range(THROUGHPUT_ROUNDS):
        for dataset in datasets:
            for endpoint in main_lists():
                headers = dataset.headers(endpoint.caller)
                rps = locust(servers[dataset.size], endpoint, headers, "cold", args, scratch)[0]
                rates.setdefault(endpoint.label, {}).setdefault(dataset.size, []).append(rps)
                label = f"{dataset.size:>6} rows  {endpoint.label:<22}"
                print(f"{label} {rps:7.1f} req/s (cold)", flush=True)
    return {
        label: {size: statistics.median(values) for size, values in by_size.items()}
        for label, by_size in rates.items()
    }


def load(base: str, dataset: Dataset, args: argparse.Namespace, scratch: Path) -> list[LoadRow]:
    """Every loaded endpoint, cold and warm when it is cached, at this row count."""
    use_database(dataset.name)
    rows = []
    for endpoint in [*loaded_endpoints(dataset.people), *main_lists()]:
        phases = ("cold", "warm") if endpoint.cached else ("uncached",)
        for phase in phases:
            mode = "cold" if phase == "cold" else "warm"
            headers = dataset.headers(endpoint.caller)
            rps, p50, p99, count = locust(base, endpoint, headers, mode, args, scratch)
            rows.append((endpoint.label, endpoint.caller, phase, rps, p50, p99, count))
            print(f"load  {endpoint.label:<22} {phase:<8} {rps:7.1f} req/s", end="")
            print(f"  p50 {p50:.0f} ms  p99 {p99:.0f} ms", flush=True)
    return rows


def run(args: argparse.Namespace, scratch: Path, results: Results) -> None:
    databases = ScratchDatabases(scratch)
    servers: dict[int, subprocess.Popen[bytes]] = {}
    try:
        env = server_environment(databases.url_of(databases.create()))
        os.environ.update(env)
        setup_django()
        from django.conf import settings

        results.cache_backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
        results.database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        datasets = prepare(databases, args.sizes)
        measure_pages(datasets, args.repeats, results)
        measure_cache(datasets[-1], results)
        bases = {}
        compile_bytecode()
        for dataset in datasets:  # a server per row count, on that count's database
            server_env = {
                **env,
                "DATABASE_URL": databases.url_of(dataset.name),
                # Each row count's server keeps its own cache: its pages, users and throttles.
                "DJANGO_CACHE_KEY_PREFIX": f"{env['DJANGO_CACHE_KEY_PREFIX']}-{dataset.size}",
            }
            port = free_port()
            log = scratch / f"gunicorn-{dataset.size}.log"
            probe = dataset.headers("customer")
            servers[dataset.size], startup = start_server(
                server_env, port, args.workers, probe, log
            )
            bases[dataset.size] = f"http://127.0.0.1:{port}"
            results.startups.append(startup)
            print(f"start-up: {startup:.2f} s to the first 200 of {ME}", flush=True)
        results.throughput = throughput(bases, datasets, args, scratch)
        largest = datasets[-1]
        results.load = load(bases[largest.size], largest, args, scratch)
        results.memory = worker_memory(servers[largest.size].pid)
    finally:
        for server in servers.values():
            server.terminate()
            server.wait()
        databases.drop_all()


def ratio(costs: dict[int, PageCost]) -> float:
    """Median time at the largest row count over the median at the smallest.

    The counts were read in turn, so a busier machine slows each alike; the median of many such
    reads is steadier than the best one, which a single lucky read decides.
    """
    sizes = sorted(costs)
    return costs[sizes[-1]].median_ms / costs[sizes[0]].median_ms


def render(results: Results, args: argparse.Namespace, output: Path) -> str:
    sizes = results.sizes
    lines = [
        "# Performance",
        "",
        "Written by `make bench` (`benchmarks/api_bench.py`); run it again to refresh every number and",
        "plot on this page. The numbers are one machine's, under the load average shown: compare runs",
        "on the same machine, not across machines.",
        "",
        f"- run: {results.started}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        f"- load average (1, 5, 15 min): {results.load_before} before, {results.load_after} after",
        f"- server: gunicorn, {args.workers} sync workers, production settings, {results.database},"
        f" cache {results.cache_backend}",
        f"- load: locust headless, {args.users} users, {args.duration} s a measure; pages of {PAGE_SIZE}",
        "",
        "## Start-up and memory",
        "",
        f"gunicorn launched to the first 200 of `{ME}`: **{statistics.median(results.startups):.2f} s**"
        f" (median of {len(results.startups)} launches: "
        + ", ".join(f"{startup:.2f} s" for startup in results.startups)
        + "), with the bytecode compiled beforehand, as a production install has it.",
        "",
        "| process | RSS (MB) | PSS (MB) |",
        "|---|---:|---:|",
        *[f"| {name} | {rss:.1f} | {pss:.1f} |" for name, rss, pss in results.memory],
        "",
        "PSS shares the pages the workers have in common (loaded once in the master, before the fork)",
        "among them: the sum of the PSS column is what the server costs the machine.",
        "",
        f"## Throughput and latency at {sizes[-1]:,} rows",
        "",
        "Cold: every request asks for a new URL, so a cached list misses every time; warm: one URL,",
        "served from the cache after the first read.",
        "",
        "| endpoint | caller | cache | req/s | p50 (ms) | p99 (ms) | requests |",
        "|---|---|---|---:|---:|---:|---:|",
        *[
            f"| {label} | {caller} | {phase} | {rps:.1f} | {p50:.0f} | {p99:.0f} | {count} |"
            for label, caller, phase, rps, p50, p99, count in results.load
        ],
        "",
    ]
    for label in {row[0] for row in results.load}:
        phases = {row[2]: row[3] for row in results.load if row[0] == label}
        if "cold" in phases and "warm" in phases:
            lines.append(f"- {label}: warm is {phases['warm'] / phases['cold']:.1f}x cold.")
    if results.cache_costs:
        lines += [
            "",
            "What the cache saves without the load tool, which shares the cores with the server: a read"
            f" in this process (median of {CACHE_ROUNDS} rounds of up to {CACHE_READS} reads), at"
            f" {sizes[-1]:,} rows. A warm page of a list may cost at most {WARM_COST_LIMIT:.0%} of a"
            " cold one; a detail's cold read is one row by key, and its ratio is shown, not held to that.",
            "",
            "| endpoint | cold CPU (ms) | warm CPU (ms) | cold / warm | cold wall (ms) | warm wall (ms) "
            "| cold / warm | holds |",
            "|---|---:|---:|---:|---:|---:|---:|---|",
        ]
        for label, cached in results.cache_costs.items():
            (cold_cpu, cold_wall), (warm_cpu, warm_wall) = cached["cold"], cached["warm"]
            held = label not in results.cache_details
            holds = "yes" if warm_cpu <= WARM_COST_LIMIT * cold_cpu else "**no**"
            lines.append(
                f"| {label} | {cold_cpu:.2f} | {warm_cpu:.2f} | {cold_cpu / warm_cpu:.1f}x"
                f" | {cold_wall:.2f} | {warm_wall:.2f} | {cold_wall / warm_wall:.1f}x"
                f" | {holds if held else '(a detail)'} |"
            )
    header = " | ".join(f"{size:,} rows" for size in sizes)
    apart = any(cost.cache_queries for costs in results.pages.values() for cost in costs.values())
    split = " Queries as 3+2: 3 on the data, 2 on the database cache's table." if apart else ""
    lines += [
        "",
        "## Page 1 against rows",
        "",
        f"Queries, median and best time of an uncached page 1 (in-process, {args.repeats} reads at",
        "each row count, one database per count, read in turn), and the median time at",
        f"{sizes[-1]:,} rows over the median at {sizes[0]:,}: at most {PAGE_COST_LIMIT}x holds.{split}",
        "",
        f"| list | queries | {header} | ratio | holds |",
        "|---|---|" + "---:|" * len(sizes) + "---:|---|",
    ]
    for label, costs in results.pages.items():
        queries = "/".join(costs[size].query_text() for size in sizes)
        times = " | ".join(
            f"{costs[size].median_ms:.1f} ({costs[size].best_ms:.1f}) ms" for size in sizes
        )
        holds = "yes" if ratio(costs) <= PAGE_COST_LIMIT else "**no**"
        lines.append(f"| {label} | {queries} | {times} | {ratio(costs):.2f} | {holds} |")
    lines += [
        "",
        f"![Page 1 time against rows]({output.stem}-page-time.svg)",
        "",
        "## Throughput against rows",
        "",
        f"The main lists, cold, under load: the median of {THROUGHPUT_ROUNDS} rounds that take each row",
        "count's server in turn.",
        "",
        "| list | " + header + " |",
        "|---|" + "---:|" * len(sizes),
        *[
            f"| {label} | " + " | ".join(f"{values[size]:.1f} req/s" for size in sizes) + " |"
            for label, values in results.throughput.items()
        ],
        "",
        f"![Throughput against rows]({output.stem}-throughput.svg)",
        "",
    ]
    return "\n".join(lines)


def write(results: Results, args: argparse.Namespace) -> Path:
    output = (PROJECT_ROOT / args.output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render(results, args, output))
    page_time = {
        label: {size: cost.median_ms for size, cost in costs.items()}
        for label, costs in results.pages.items()
    }
    (output.parent / f"{output.stem}-page-time.svg").write_text(
        line_chart("Page 1 time against rows (median read)", "ms", page_time)
    )
    (output.parent / f"{output.stem}-throughput.svg").write_text(
        line_chart("Cold throughput against rows", "req/s", results.throughput)
    )
    return output


def main() -> None:
    args = parse_args()
    # Stopped with SIGTERM (a timeout, a CI job cancelled), it still stops its servers and drops
    # its databases: the signal becomes SystemExit, which runs every finally block.
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(128 + number))
    results = Results(sizes=args.sizes, load_before=load_average())
    results.started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    with tempfile.TemporaryDirectory(prefix="api-bench-") as scratch:
        run(args, Path(scratch), results)
    results.load_after = load_average()
    output = write(results, args)
    failing = [label for label, costs in results.pages.items() if ratio(costs) > PAGE_COST_LIMIT]
    print(f"wrote {output}; load average {results.load_before} before, {results.load_after} after")
    if failing:
        over = f"page 1 costs over {PAGE_COST_LIMIT}x at {args.sizes[-1]:,} rows"
        print(f"{over}: {', '.join(failing)}")
    costly = [
        label
        for label, cached in results.cache_costs.items()
        if label not in results.cache_details
        and cached["warm"][0] > WARM_COST_LIMIT * cached["cold"][0]
    ]
    if costly:
        print(f"a warm page costs over {WARM_COST_LIMIT:.0%} of a cold one: {', '.join(costly)}")


if __name__ == "__main__":
    main()
