"""The pure core imports without Telegram or SQLite libraries (dependency direction)."""

from __future__ import annotations

import subprocess
import sys

BLOCK = """
import sys
class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {'telegram', 'aiosqlite'}:
            raise ImportError(f'blocked: {name}')
        return None
sys.meta_path.insert(0, Blocker())
"""


def test_imports_core_without_telegram_or_aiosqlite() -> None:
    code = BLOCK + (
        "import bot.answers, bot.render, bot.cli, nlp.parse, knowledge.rules\n"
        "from bot.cli import main\n"
        "raise SystemExit(main(['ask', 'Is Mongolia in the ICC?']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "Mongolia is a State Party" in result.stdout


def test_imports_knowledge_does_not_import_nlp_or_bot() -> None:
    code = (
        "import sys, knowledge.rules, knowledge.check\n"
        "bad = [m for m in sys.modules\n"
        "       if m.split('.')[0] in ('nlp', 'bot', 'spacy', 'telegram')]\n"
        "raise SystemExit(1 if bad else 0)\n"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False, timeout=60).returncode == 0


def test_imports_nlp_does_not_import_bot() -> None:
    code = (
        "import sys, nlp.parse\n"
        "raise SystemExit(1 if any(m.split('.')[0] == 'bot' for m in sys.modules) else 0)\n"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False, timeout=60).returncode == 0
