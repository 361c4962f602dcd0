"""What a newcomer meets first: README commands, CI script, Dockerfile, package data."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

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
