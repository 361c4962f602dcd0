"""What a newcomer meets first: README commands, CI script, Dockerfile, package data."""

from __future__ import annotations

import fnmatch
import http.server
import os
import re
import socket
import subprocess
import sys
import threading
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
MAIN_COMMAND = (
    "python3 -m venv .venv && .venv/bin/pip install . && "
    '.venv/bin/warrantwatch ask "Will Vladimir Putin be arrested in Kyrgyzstan?"'
)
TEST_COMMAND = (
    'python3 -m venv .venv && .venv/bin/pip install -e ".[test]" && .venv/bin/python -m pytest'
)


def _code_blocks(text: str) -> list[str]:
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", text, re.S)]


def test_packaging_readme_opens_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert _code_blocks(readme)[:2] == [MAIN_COMMAND, TEST_COMMAND]
    before_first_block = readme.split("```", 1)[0]
    assert before_first_block.strip() == "# warrantwatch"


def test_packaging_ci_runs_the_readme_commands() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert MAIN_COMMAND.replace("pip install .", "pip install -q .") in ci
    assert TEST_COMMAND.replace("pip install -e", "pip install -q -e") in ci


def test_packaging_lists_the_three_packages_and_data() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    packages = project["tool"]["setuptools"]["packages"]
    assert {"knowledge", "nlp", "bot", "knowledge.data"} <= set(packages)
    assert "*.toml" in project["tool"]["setuptools"]["package-data"]["knowledge.data"]
    assert project["project"]["scripts"]["warrantwatch"] == "bot.cli:script"


def test_packaging_lists_every_subpackage() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(project["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("knowledge", "nlp", "bot")
        for init in (ROOT / top).rglob("__init__.py")
    }
    assert found == listed, found ^ listed


def test_packaging_dockerfile_copies_what_the_package_needs() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    copied = set(re.findall(r"^COPY (\S+) ", dockerfile, re.M))
    copied |= {
        part for line in re.findall(r"^COPY (.+) \./$", dockerfile, re.M) for part in line.split()
    }
    top_level = {name.split(".")[0] for name in project["tool"]["setuptools"]["packages"]}
    assert top_level <= copied, top_level - copied
    assert {"pyproject.toml", "README.md"} <= copied
    for name in copied:
        assert (ROOT / name).exists(), name
    assert re.search(r"^FROM python:3\.11-slim", dockerfile, re.M)
    assert re.search(r"^USER (?!root)\w+", dockerfile, re.M)
    assert 'VOLUME ["/data"]' in dockerfile
    assert 'ENTRYPOINT ["warrantwatch"]' in dockerfile and 'CMD ["run"]' in dockerfile
    assert "WARRANTWATCH_DB=/data/" in dockerfile


def test_packaging_changelog_has_a_data_section() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "### Data" in changelog


def test_packaging_lower_bounds_are_the_ones_ci_installs() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    requirements = [*project["project"]["dependencies"]]
    for extra in ("telegram", "test"):
        requirements += project["project"]["optional-dependencies"][extra]
    declared = {}
    for requirement in requirements:
        match = re.match(r"^([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?>=([0-9.]+)", requirement)
        if match:
            declared[match[1].lower()] = match[2]
    pinned = dict(
        line.split("==")
        for line in (ROOT / ".ci" / "lower-bounds.txt").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    )
    assert {name.lower(): version for name, version in pinned.items()} == declared


def _dockerfile() -> str:
    """The Dockerfile with its line continuations joined, as Docker reads it."""
    return (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", "")


def _declared_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    texts = [*project["dependencies"]]
    for extra in project["optional-dependencies"].values():
        texts += extra
    requirements = [Requirement(text) for text in texts]
    return [r for r in requirements if canonicalize_name(r.name) != "warrantwatch"]


def _pins() -> dict[str, str]:
    lines = (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    entries = [line for line in lines if line and not line.lstrip().startswith("#")]
    assert all(re.fullmatch(r"[A-Za-z0-9_.-]+==[A-Za-z0-9_.+!-]+", e) for e in entries), entries
    return {canonicalize_name(e.split("==")[0]): e.split("==")[1] for e in entries}


def test_packaging_constraints_pin_every_requirement_within_pyproject() -> None:
    pins = _pins()
    for requirement in _declared_requirements():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"constraints.txt has no pin for {name}: refresh it"
        assert requirement.specifier.contains(pins[name], prereleases=True), (name, pins[name])


def test_packaging_constraints_say_how_to_refresh_them() -> None:
    head = (ROOT / "constraints.txt").read_text(encoding="utf-8").split("\n", 3)[:2]
    command = "uv pip compile pyproject.toml --all-extras --python-version 3.11"
    assert head[0].startswith("#") and command in head[1] and "constraints.txt" in head[1]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert head[1].lstrip("# ") in _code_blocks(readme)


def test_packaging_ci_installs_the_tested_versions_first() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    main = ci.index(MAIN_COMMAND.replace("pip install .", "pip install -q ."))
    tests = ci.index(TEST_COMMAND.replace("pip install -e", "pip install -q -e"))
    first = ci.index(".venv/bin/pip install -q -c constraints.txt .\n")
    lint = ci.index('.venv/bin/pip install -q -c constraints.txt -e ".[dev]"')
    assert first < main < lint < tests
    assert ci.rindex('-c constraints.txt -e ".[test]"', 0, tests) > lint
    lowest = ci.index("-c .ci/lower-bounds.txt")
    assert "constraints.txt" not in ci[lowest:].replace(".ci/lower-bounds.txt", "")


def test_packaging_dockerfile_installs_the_tested_versions_as_a_numeric_user() -> None:
    dockerfile = _dockerfile()
    assert re.search(r"^COPY .*\bconstraints\.txt\b.* \./$", dockerfile, re.M)
    assert re.search(r"^RUN pip install -c constraints\.txt \"\.\[telegram\]\"", dockerfile, re.M)
    assert re.search(r"^USER 10001(:10001)?$", dockerfile, re.M)
    assert re.search(r"--uid 10001\b", dockerfile) and "chown 10001:10001 /data" in dockerfile
    assert re.search(r"^EXPOSE 8080$", dockerfile, re.M)
    assert re.search(r"^ENV (.|\n)*WARRANTWATCH_HEALTH_PORT=8081", dockerfile, re.M)
    assert re.search(r"^HEALTHCHECK .* CMD python -c ", dockerfile, re.M)


def _ignored(path: str, pattern: str) -> bool:
    """Whether a .dockerignore pattern (``**/`` meaning any depth) excludes ``path``."""
    if pattern.startswith("**/"):
        return any(
            fnmatch.fnmatch(tail, pattern[3:])
            for tail in ("/".join(path.split("/")[i:]) for i in range(path.count("/") + 1))
        )
    return fnmatch.fnmatch(path, pattern)


def test_packaging_dockerignore_keeps_secrets_and_clutter_out() -> None:
    lines = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    patterns = [line for line in lines if line and not line.startswith(("#", "!"))]
    for needed in (".git", ".venv*", "**/.env", "**/__pycache__", ".mypy_cache", "tests"):
        assert needed in patterns, needed
    for probe in (".env", "sub/.env", ".venv-lowest", "warrantwatch.sqlite3", ".ruff_cache"):
        assert any(_ignored(probe, pattern) for pattern in patterns), probe
    copied = {
        part
        for line in re.findall(r"^COPY (.+) \S+$", _dockerfile(), re.M)
        for part in line.split()
    }
    for name in copied:
        assert not any(_ignored(name, pattern) for pattern in patterns), name


class _Health(http.server.BaseHTTPRequestHandler):
    status = 200

    def do_GET(self) -> None:
        self.send_response(self.status if self.path == "/healthz" else 404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def health_server() -> Iterator[tuple[int, type[_Health]]]:
    handler = type("Handler", (_Health,), {})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], handler
    finally:
        server.shutdown()
        server.server_close()


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _healthcheck(mode: str | None, port: int, health_port: int) -> int:
    """Run the Dockerfile's HEALTHCHECK code here; its exit status."""
    code = re.search(r'^HEALTHCHECK .* CMD python -c "(.*)"$', _dockerfile(), re.M)
    assert code
    env = {k: v for k, v in os.environ.items() if not k.startswith("WARRANTWATCH_")}
    env |= {
        "WARRANTWATCH_PORT": str(port),
        "WARRANTWATCH_HEALTH_PORT": str(health_port),
        "HTTP_PROXY": f"http://127.0.0.1:{_closed_port()}",
        "http_proxy": f"http://127.0.0.1:{_closed_port()}",
        "NO_PROXY": "",
        "no_proxy": "",
    }
    if mode is not None:
        env["WARRANTWATCH_MODE"] = mode
    result = subprocess.run(
        [sys.executable, "-c", code[1]], env=env, capture_output=True, timeout=60, check=False
    )
    return result.returncode


@pytest.mark.parametrize("mode", [None, "polling"])
def test_packaging_healthcheck_polls_the_health_port_when_polling(
    mode: str | None, health_server: tuple[int, type[_Health]]
) -> None:
    port, handler = health_server
    assert _healthcheck(mode, port=_closed_port(), health_port=port) == 0
    handler.status = 503
    assert _healthcheck(mode, port=_closed_port(), health_port=port) != 0
    assert _healthcheck(mode, port=port, health_port=_closed_port()) != 0


def test_packaging_healthcheck_uses_the_webhook_port_in_webhook_mode(
    health_server: tuple[int, type[_Health]],
) -> None:
    port, handler = health_server
    assert _healthcheck("webhook", port=port, health_port=_closed_port()) == 0
    assert _healthcheck("webhook", port=_closed_port(), health_port=port) != 0
    handler.status = 503
    assert _healthcheck("webhook", port=port, health_port=_closed_port()) != 0
