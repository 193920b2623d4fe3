"""A generated project's gunicorn against cookiecutter-django's, side by side: start-up, memory per worker, wrk.

Both sides run production settings on PostgreSQL with Redis, gunicorn with 2 sync workers, and answer an
authenticated GET of the signed-in user (ours: ``/api/v1/users/me/`` with a JWT; cookiecutter-django's:
``/api/users/me/`` with a DRF token). Rounds alternate the sides; every figure is a median, and the load
average is printed with it (on a shared machine only ratios of the same run mean anything).

    # cookiecutter-django's side: /work/shared/anchors/ccd-api.sh CCD_TEMPLATE WORK/ccd
    # (and, for ccd-celery, the same script with use_celery=y and CELERY_BROKER_URL in env.sh: WORK/ccd-celery)
    # our side, once per bake: a database, a user, a token and the environment (WORK/ours-env.sh)
    python benchmarks/worker_ratio.py setup WORK PROJECT --database bench_ours --redis redis://127.0.0.1:6379
    python benchmarks/worker_ratio.py startup WORK 9 new=PROJECT ccd           # start-up, RSS/PSS/USS
    python benchmarks/worker_ratio.py cpu WORK 9 new=PROJECT ccd               # CPU of the critical path
    python benchmarks/worker_ratio.py wrk WORK 5 new=PROJECT ccd               # wrk c8 10 s: cost per request

A side is ``ccd`` (as cookiecutter-django's start script serves it: no ``--preload``), ``ccd-preload``,
``ccd-celery`` (cookiecutter-django baked with ``use_celery=y``, from WORK/ccd-celery), or ``NAME=PROJECT``
(a baked project with its .venv, served with its own gunicorn.conf.py), with ``:nopreload`` appended to
serve it without ``preload_app``. Compile both virtual environments' bytecode
first (``python -m compileall``): this machine sets PYTHONDONTWRITEBYTECODE, which the runs unset.

- start-up: gunicorn launched to the first 200 of the authenticated GET;
- memory: after 200 authenticated GETs from 4 client threads (so both workers serve), each worker's
  RSS, PSS and USS (private clean + private dirty) from /proc/PID/smaps_rollup, in MB;
- cpu: CPU seconds on the path to the first answer: the master's until it forks, plus the answering
  worker's until its first response (gunicorn hooks, wrapped around the side's own configuration), and
  the modules loaded (``sys.modules``, gunicorn's own included) in the master when it forks and in the
  answering worker after its first response;
- wrk: requests per second of ``wrk -t2 -c8 -d10s``; the cost ratio is cookiecutter-django's rate over ours.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

REQUESTS = 200
# Between refused connections while gunicorn starts: the figure's resolution. With preload_app the
# socket is bound only once the app is loaded, so a coarse poll adds up to its own length to that
# side alone (a side without preload binds first, and the kernel queues the GET until a worker takes it).
POLL_SECONDS = 0.002
WORKERS = 2
COUNTS = ("forked", "modules")  # printed as whole numbers
# cookiecutter-django's sides: the anchor's directory under WORK, and whether preload_app is turned on.
CCD_SIDES = {"ccd": ("ccd", False), "ccd-preload": ("ccd", True), "ccd-celery": ("ccd-celery", False)}
# Hooks around a side's own gunicorn configuration (runpy keeps its settings and hooks), printing
# "TL <pid> <cpu seconds> <modules loaded> <event>" on stderr; PRELOAD=1 turns preload_app on.
TIMELINE_CONF = """
import os, resource, runpy, sys
from pathlib import Path
def say(what):
    ru = resource.getrusage(resource.RUSAGE_SELF)
    sys.stderr.write(f"TL {os.getpid()} {ru.ru_utime + ru.ru_stime:.4f} {len(sys.modules)} {what}\\n")
if Path("gunicorn.conf.py").exists():
    globals().update({k: v for k, v in runpy.run_path("gunicorn.conf.py").items() if not k.startswith("__")})
if os.environ.get("PRELOAD"):
    preload_app = True
if os.environ.get("NOPRELOAD"):
    preload_app = False
_when_ready = globals().get("when_ready")
def when_ready(server):
    say("forking")
    if _when_ready:
        _when_ready(server)
def post_request(worker, req, environ, resp):
    if not getattr(worker, "answered", False):
        worker.answered = True
        say("answered")
"""


def shell_env(script: Path) -> dict[str, str]:
    out = subprocess.run(["bash", "-c", f". {script} && env -0"], capture_output=True, check=True).stdout
    env = dict(line.split("=", 1) for line in out.decode().split("\0") if "=" in line)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def sides(work: Path, specs: list[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for spec in specs:
        name, _, target = spec.partition("=")
        if not target:
            if name not in CCD_SIDES:
                raise SystemExit(f"unknown side {spec!r}: {', '.join(CCD_SIDES)} or NAME=PROJECT[:nopreload]")
            anchor, preload = CCD_SIDES[name]
            ccd = work / anchor
            out[name] = {
                "cwd": ccd / "project",
                "env": shell_env(ccd / "env.sh"),
                "path": "/api/users/me/",
                "auth": f"Token {(ccd / 'token').read_text().strip()}",
                "extra": {"PRELOAD": "1"} if preload else {},
            }
            continue
        project, _, flag = target.partition(":")
        out[name] = {
            "cwd": Path(project).resolve(),
            "env": shell_env(work / "ours-env.sh"),
            "path": "/api/v1/users/me/",
            "auth": f"Bearer {(work / 'ours-token').read_text().strip()}",
            "extra": {"NOPRELOAD": "1"} if flag == "nopreload" else {},
        }
    return out


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(port: int, side: dict[str, Any]) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        headers = {"Authorization": side["auth"], "X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
        conn.request("GET", side["path"], headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def launch(work: Path, side: dict[str, Any]) -> tuple[subprocess.Popen[str], int, float]:
    """gunicorn started; returns once the authenticated GET answers 200, with the seconds that took."""
    port = free_port()
    conf = work / "timeline.conf.py"
    conf.write_text(TIMELINE_CONF)
    argv = [str(side["cwd"] / ".venv/bin/python"), "-m", "gunicorn", "config.wsgi", "-c", str(conf)]
    argv += ["--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS), "--log-level", "warning"]
    started = time.perf_counter()
    server = subprocess.Popen(
        argv,
        cwd=side["cwd"],
        env={**side["env"], **side["extra"]},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    while time.perf_counter() - started < 120:
        try:
            if get(port, side) == 200:
                return server, port, time.perf_counter() - started
        except OSError:
            pass
        if server.poll() is not None:
            raise SystemExit(server.communicate()[1][-3000:])
        time.sleep(POLL_SECONDS)
    server.kill()
    raise SystemExit("no 200 within 120 s")


def stop(server: subprocess.Popen[str]) -> str:
    server.send_signal(signal.SIGTERM)
    return server.communicate(timeout=30)[1]


def memory(pid: int) -> dict[str, float]:
    fields: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        key, value = line.split(":")
        fields[key] = int(value.split()[0])
    private = fields["Private_Clean"] + fields["Private_Dirty"]
    return {"rss": fields["Rss"] / 1024, "pss": fields["Pss"] / 1024, "uss": private / 1024}


def workers_of(pid: int) -> list[int]:
    return [int(k) for task in Path(f"/proc/{pid}/task").iterdir() for k in (task / "children").read_text().split()]


def measure_startup(work: Path, side: dict[str, Any]) -> dict[str, Any]:
    server, port, seconds = launch(work, side)
    try:
        with ThreadPoolExecutor(4) as pool:
            statuses = list(pool.map(lambda _: get(port, side), range(REQUESTS)))
        if set(statuses) != {200}:
            raise SystemExit(f"answers other than 200: {set(statuses)}")
        return {"startup": seconds, "workers": [memory(pid) for pid in workers_of(server.pid)]}
    finally:
        stop(server)


def measure_cpu(work: Path, side: dict[str, Any]) -> dict[str, Any]:
    server, _, seconds = launch(work, side)
    time.sleep(0.3)
    lines = [line.split(maxsplit=4) for line in stop(server).splitlines() if line.startswith("TL ")]
    master = next(line for line in lines if int(line[1]) == server.pid and line[4] == "forking")
    worker = next(line for line in lines if line[4] == "answered")
    cpu = float(master[2]) + float(worker[2])
    return {"cpu": cpu, "startup": seconds, "forked": int(master[3]), "modules": int(worker[3])}


def measure_wrk(work: Path, side: dict[str, Any]) -> dict[str, Any]:
    server, port, _ = launch(work, side)
    try:
        for _ in range(50):
            get(port, side)
        headers = ["-H", f"Authorization: {side['auth']}", "-H", "X-Forwarded-Proto: https"]
        url = f"http://127.0.0.1:{port}{side['path']}"
        out = subprocess.run(["wrk", "-t2", "-c8", "-d10s", *headers, url], capture_output=True, text=True).stdout
        bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        if bad is not None:
            raise SystemExit(out)
        return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])}  # type: ignore[index]
    finally:
        stop(server)


def figures(values: dict[str, float]) -> str:
    return "  ".join(f"{k} {v:.0f}" if k in COUNTS else f"{k} {v:.3f}" for k, v in values.items())


def run(args: argparse.Namespace, measure: Any, warmup: int) -> dict[str, list[dict[str, Any]]]:
    work = Path(args.work).resolve()
    chosen = sides(work, args.sides)
    names = list(chosen)
    results: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
    loads: list[float] = []
    for round_ in range(warmup + args.rounds):
        for name in names if round_ % 2 == 0 else names[::-1]:
            load = os.getloadavg()[0]
            result = measure(work, chosen[name])
            loads.append(load)
            shown = {k: v for k, v in result.items() if k != "workers"}
            shown |= {
                k: statistics.median(w[k] for w in result.get("workers", []))
                for k in ("rss", "pss", "uss")
                if "workers" in result
            }
            label = "warm-up" if round_ < warmup else f"round {round_ - warmup}"
            print(
                f"{label:9} {name:16} load {load:5.2f}  " + figures(shown),
                flush=True,
            )
            if round_ >= warmup:
                results[name].append(result)
    print(f"\nload {min(loads):.2f} to {max(loads):.2f}; medians of {args.rounds} rounds")
    if args.json:
        Path(args.json).write_text(json.dumps({"results": results, "loads": loads}))
    return results


def report(results: dict[str, list[dict[str, Any]]], keys: tuple[str, ...], inverse: bool = False) -> None:
    medians: dict[str, dict[str, float]] = {}
    for name, rows in results.items():
        medians[name] = {}
        for key in keys:
            values = (
                [w[key] for row in rows for w in row["workers"]]
                if key in ("rss", "pss", "uss")
                else [row[key] for row in rows]
            )
            medians[name][key] = statistics.median(values)
        print(f"  {name:16} " + figures(medians[name]))
    # Every side against ccd; the projects (not cookiecutter-django's other sides) against ccd-celery too.
    for base in [base for base in ("ccd", "ccd-celery") if base in medians]:
        for name in medians:
            if name != base and (base == "ccd" or name not in CCD_SIDES):
                ratios = {
                    k: (medians[base][k] / medians[name][k] if inverse else medians[name][k] / medians[base][k])
                    for k in keys
                }
                print(f"  {name} / {base}: " + "  ".join(f"{k} {v:.2f}x" for k, v in ratios.items()))


def setup(args: argparse.Namespace) -> None:
    """A scratch database with one user, its JWT (a day long) and the environment of our side."""
    work, project = Path(args.work).resolve(), Path(args.project).resolve()
    work.mkdir(parents=True, exist_ok=True)
    for sql in (f"DROP DATABASE IF EXISTS {args.database}", f"CREATE DATABASE {args.database}"):
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], check=True)
    (work / "ours-env.sh").write_text(
        "export DJANGO_SETTINGS_MODULE=config.settings.production DJANGO_READ_DOT_ENV_FILE=false\n"
        f"export DJANGO_SECRET_KEY={secrets.token_hex(32)} DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost\n"
        f"export DATABASE_URL=postgres://postgres@127.0.0.1:5432/{args.database}\n"
        f"export REDIS_URL={args.redis}/12 CELERY_BROKER_URL={args.redis}/13\n"
        "export DJANGO_JWT_ACCESS_SECONDS=86400 DJANGO_LOG_LEVEL=WARNING DJANGO_SECURE_SSL_REDIRECT=False\n"
        "# Throttles stay on, with rates no run reaches.\n"
        "export DJANGO_THROTTLE_ANON=100000000/hour DJANGO_THROTTLE_USER=100000000/hour\n"
    )
    env = shell_env(work / "ours-env.sh")
    python = str(project / ".venv/bin/python")
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=project, env=env, check=True)
    code = (
        "from django.contrib.auth import get_user_model\n"
        "from rest_framework_simplejwt.tokens import AccessToken\n"
        "u = get_user_model().objects.create_user(email='bench@example.com', password='bench-pass-123')\n"
        "print(AccessToken.for_user(u))"
    )
    out = subprocess.run(
        [python, "manage.py", "shell", "-c", code], cwd=project, env=env, check=True, capture_output=True, text=True
    )
    (work / "ours-token").write_text(out.stdout.strip().splitlines()[-1])
    print(f"our side ready: {work / 'ours-env.sh'}, {work / 'ours-token'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    prepare = commands.add_parser("setup")
    prepare.add_argument("work")
    prepare.add_argument("project")
    prepare.add_argument("--database", default="bench_ours")
    prepare.add_argument("--redis", default="redis://127.0.0.1:6379")
    for name in ("startup", "cpu", "wrk"):
        command = commands.add_parser(name)
        command.add_argument("work")
        command.add_argument("rounds", type=int)
        command.add_argument("sides", nargs="+")
        command.add_argument("--json")
    args = parser.parse_args()
    if args.command == "setup":
        setup(args)
    elif args.command == "startup":
        report(run(args, measure_startup, warmup=1), ("startup", "rss", "pss", "uss"))
    elif args.command == "cpu":
        report(run(args, measure_cpu, warmup=1), ("cpu", "startup", "forked", "modules"))
    else:
        report(run(args, measure_wrk, warmup=0), ("rps",), inverse=True)


if __name__ == "__main__":
    sys.exit(main())
