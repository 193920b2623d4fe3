"""Promise: a baked project's pages work in a real browser with no network, under the project's own CSP.

Debian's Chromium, driven by Playwright (never a browser Playwright downloads), opens Swagger UI, ReDoc,
GraphiQL (it runs a query and shows the answer), the admin's login and a changelist, served by gunicorn
under the production settings (manifest static files, DEBUG off, the CSP of base.py) with GraphiQL
switched on as local settings switch it on. Every request that leaves 127.0.0.1 is aborted and fails
the test, and so does any console error (a CSP violation is one), page error, failed request or answer
of 400 and above. Screenshots go to a temporary folder; ``--update-screenshots`` copies them into
docs/screenshots/.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import ConsoleMessage, Page, Response, Route, sync_playwright

import baking
from test_integration import CACHE_DATABASE, DEFAULT_RUNTIME, Environment, _broker_environment
from test_integration import project_environment as project_environment  # the fixture, shared with that module

pytestmark = pytest.mark.integration

CHROMIUM = Path(os.environ.get("PRODEV_CHROMIUM", "/usr/bin/chromium"))
# No download, sync, update or first-run request of the browser's own: only the pages' requests are made.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
SCREENSHOTS = baking.TEMPLATE_DIR / "docs" / "screenshots"
VIEWPORT = {"width": 1400, "height": 900}
TIMEOUT_MS = 60_000

COMBINATIONS = {
    "default": DEFAULT_RUNTIME,
    "graphene-cms": {**DEFAULT_RUNTIME, "graphql": "graphene", "example_app": "cms"},
}
# Production settings, over plain HTTP on 127.0.0.1, with GraphiQL as config.settings.local has it.
BROWSER_SETTINGS = '''"""The browser test's settings: production's, with GraphiQL and introspection on."""

from config.settings.production import *  # noqa: F403

GRAPHQL_IDE = True
GRAPHQL_INTROSPECTION = True
'''
ADMIN_EMAIL = "browser@example.com"
ADMIN_PASSWORD = "browser-test-passphrase-0451"


@dataclass
class Problems:
    """Everything the pages did wrong, by the page being visited when it happened."""

    page: str = ""
    found: dict[str, list[str]] = field(default_factory=dict)

    def watch(self, page: Page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self._add(f"page error: {error}"))
        page.on("requestfailed", lambda request: self._add(f"request failed: {request.url} ({request.failure})"))
        page.on("response", self._response)

    def _add(self, problem: str) -> None:
        self.found.setdefault(self.page, []).append(problem)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self._add(f"console error from {message.location.get('url')}: {message.text}")

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self._add(f"answer {response.status}: {response.request.method} {response.url}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn exited with {server.returncode}:\n{baking.tail(log.read_text())}", pytrace=False)
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own server on 127.0.0.1
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"gunicorn did not answer {url} within 60 s:\n{baking.tail(log.read_text())}", pytrace=False)


@dataclass(frozen=True)
class Site:
    base: str
    admin_url: str
    combination: baking.Combination


@pytest.fixture
def chromium() -> Path:
    if not CHROMIUM.is_file():
        baking.fail_or_skip(f"Chromium is not installed at {CHROMIUM} (Debian: apt-get install chromium)")
    return CHROMIUM


def _database(environment: Environment, postgresql: str, name: str, *, create: bool) -> None:
    """Drop the database (a left-over of an interrupted run too), then create it afresh when asked."""
    statements = [f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", *([f"CREATE DATABASE {name}"] if create else [])]
    script = "import psycopg\n" + f"with psycopg.connect('{postgresql}/postgres', autocommit=True) as connection:\n"
    script += "".join(f"    connection.execute('{statement}')\n" for statement in statements)
    outcome = environment.run("-c", script)
    assert outcome.ok, outcome.report


@pytest.fixture
def site(
    request: pytest.FixtureRequest,
    project_environment: Callable[..., Environment],
    postgresql: str,
    redis_server: str,
    run_id: str,
    tmp_path: Path,
) -> Iterator[Site]:
    """The bake served by gunicorn under production settings, on a fresh database with one superuser."""
    combination: baking.Combination = request.param
    environment = project_environment(combination)
    database = f"prodev_{run_id}_browser_{baking.short_name(combination)}"
    settings_dir = tmp_path / "settings"
    settings_dir.mkdir()
    (settings_dir / "browser_settings.py").write_text(BROWSER_SETTINGS)
    port = _free_port()
    env = {
        "PYTHONPATH": str(settings_dir),
        "DJANGO_SETTINGS_MODULE": "browser_settings",
        "DATABASE_URL": f"{postgresql}/{database}",
        "REDIS_URL": f"{redis_server}/{CACHE_DATABASE}",
        **_broker_environment(combination, redis_server),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_LOG_FORMAT": "plain",
        "DJANGO_SUPERUSER_EMAIL": ADMIN_EMAIL,
        "DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD,
    }
    _database(environment, postgresql, database, create=True)
    try:
        for command in (("migrate", "--noinput"), ("createsuperuser", "--noinput"), ("collectstatic", "--noinput")):
            outcome = environment.manage(*command, **env)
            assert outcome.ok, outcome.report
        log = tmp_path / "gunicorn.log"
        with log.open("wb") as output:
            # No control socket: its default path is one per user, and two workers may each serve a bake.
            command = ["-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "-w", "2", "--no-control-socket"]
            server = subprocess.Popen(
                [str(environment.python), *command],
                cwd=environment.project,
                env=baking.clean_environment(**env),
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        try:
            _wait_until_up(f"http://127.0.0.1:{port}/livez", server, log)
            admin_url = baking.read_env_file(environment.project / ".env")["DJANGO_ADMIN_URL"]
            yield Site(base=f"http://127.0.0.1:{port}", admin_url=admin_url, combination=combination)
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        _database(environment, postgresql, database, create=False)


def _keep_offline(blocked: list[str]) -> Callable[[Route], None]:
    def handle(route: Route) -> None:
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort("internetdisconnected")

    return handle


def _visit(page: Page, url: str) -> None:
    response = page.goto(url, wait_until="load")
    assert response is not None
    assert response.ok, f"{url} answered {response.status}"


def _swagger_ui(page: Page, site: Site) -> None:
    _visit(page, f"{site.base}/api/docs/")
    page.locator(".swagger-ui .opblock").first.wait_for()
    assert page.locator(".swagger-ui .opblock").count() > 3


def _redoc(page: Page, site: Site) -> None:
    _visit(page, f"{site.base}/api/redoc/")
    page.locator(".api-content h1").first.wait_for()
    # The footer's logo comes from this origin (core/redoc.js), not ReDoc's CDN.
    logo = page.locator("img[alt='redocly logo']")
    logo.wait_for()
    assert urlsplit(logo.evaluate("image => image.currentSrc")).hostname in LOCAL_HOSTS


def _admin_login(page: Page, site: Site) -> None:
    _visit(page, f"{site.base}/{site.admin_url}")
    page.locator("#id_username").fill(ADMIN_EMAIL)
    page.locator("#id_password").fill(ADMIN_PASSWORD)


def _admin_changelist(page: Page, site: Site) -> None:
    with page.expect_navigation():
        page.locator("#login-form [type=submit]").click()
    page.locator("#site-name").wait_for()
    _visit(page, f"{site.base}/{site.admin_url}users/user/")
    page.locator("#result_list").wait_for()
    assert ADMIN_EMAIL in page.locator("#result_list").inner_text()


def _graphiql(page: Page, site: Site) -> None:
    # Signed in by the admin step: GraphiQL sends the session cookie and the CSRF token.
    _visit(page, f"{site.base}/graphql/#query=" + "%7B%20me%20%7B%20email%20name%20%7D%20%7D")
    page.locator(".graphiql-query-editor .CodeMirror").wait_for()
    page.locator(".graphiql-execute-button").click()
    page.locator(".graphiql-response").get_by_text(ADMIN_EMAIL).wait_for()


def _api_root(page: Page, site: Site) -> None:
    _visit(page, f"{site.base}/api/v1/")
    page.get_by_text("API root", exact=False).first.wait_for()


# In order: the admin's login signs the browser in for the changelist, GraphiQL and the API root.
PAGES: list[tuple[str, Callable[[Page, Site], None]]] = [
    ("swagger-ui", _swagger_ui),
    ("redoc", _redoc),
    ("admin-login", _admin_login),
    ("admin-changelist", _admin_changelist),
    ("graphiql", _graphiql),
    ("api-root", _api_root),
]


@pytest.mark.parametrize("site", list(COMBINATIONS.values()), ids=list(COMBINATIONS), indirect=True)
def test_every_page_works_offline_with_no_console_error(
    chromium: Path, site: Site, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    # chromium first: without it nothing is baked or served.
    name = next(key for key, value in COMBINATIONS.items() if value == site.combination)
    shots = tmp_path / "screenshots"
    shots.mkdir()
    blocked: list[str] = []
    problems = Problems()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport=VIEWPORT)
            context.set_default_timeout(TIMEOUT_MS)
            context.route("**/*", _keep_offline(blocked))
            page = context.new_page()
            problems.watch(page)
            for label, visit in PAGES:
                problems.page = label
                visit(page, site)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(shots / f"{name}-{label}.png"))
            # Browsers ask for /favicon.ico on their own (no page event shows it): it must be there.
            icon = context.request.get(f"{site.base}/favicon.ico")
            assert icon.ok, f"/favicon.ico answered {icon.status}"
            assert icon.headers["content-type"].startswith("image/"), icon.headers
        finally:
            browser.close()
    assert blocked == [], f"requests that left the machine: {blocked}"
    assert problems.found == {}
    if request.config.getoption("--update-screenshots"):
        SCREENSHOTS.mkdir(exist_ok=True)
        for shot in shots.iterdir():
            shutil.copyfile(shot, SCREENSHOTS / shot.name)
