from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import EXIT_USAGE, main
from tests.bot.maps.helpers import class_at


def test_cli_map_writes_a_png(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "putin.png"
    assert main(["map", "putin", "--on", "2026-12-08", "-o", str(out)]) == 0
    png = out.read_bytes()
    assert class_at(png, 30.0, 14.0) == "no_duty"  # Sudan
    assert "Vladimir Putin as of 2026-12-08" in capsys.readouterr().out


def test_cli_map_default_file_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["map", "Omar al-Bashir", "--on", "2024-09-02"]) == 0
    png = (tmp_path / "map-omar-al-bashir-2024-09-02.png").read_bytes()
    assert class_at(png, 30.0, 14.0) == "must"


def test_cli_map_unknown_person(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["map", "zzyzx qwerty"]) == EXIT_USAGE
    assert "no person I know of" in capsys.readouterr().err


def test_cli_map_is_quick_and_needs_no_telegram(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "class Blocker:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in {'telegram', 'spacy'}:\n"
        "            raise ImportError(name)\n"
        "sys.meta_path.insert(0, Blocker())\n"
        "from bot.cli import main\n"
        f"raise SystemExit(main(['map', 'putin', '-o', {str(tmp_path / 'x.png')!r}]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "x.png").stat().st_size > 10_000
