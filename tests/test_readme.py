"""The README's quick start can be followed from a fresh terminal: each command works on its own."""

import re
import shlex
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
#: Programs that must come from the virtual environment (``python3 -m venv`` itself uses the system Python).
VENV_PROGRAMS = ("python", "pip", "pytest", "jupyter", "ruff")


def quick_start_commands() -> list[str]:
    """The shell commands of the Quick start block, continuation lines joined, comments dropped."""
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", section, re.DOTALL).group(1)
    joined = re.sub(r"\\\n\s*", " ", block)
    return [line.strip() for line in joined.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def test_quick_start_has_two_commands():
    commands = quick_start_commands()
    assert len(commands) == 2, commands
    assert "requirements.txt" in commands[0] and "analysis render" in commands[0]
    assert "pytest" in commands[1]


@pytest.mark.parametrize("index", [0, 1])
def test_each_quick_start_command_works_in_a_fresh_shell(index):
    """No command relies on a venv activated by an earlier one: each calls .venv/bin/... or activates first."""
    command = quick_start_commands()[index]
    activated = False
    for part in re.split(r"&&|;|\|\|", command):
        words = shlex.split(part)
        if not words:
            continue
        if words[0] in (".", "source") and words[1:2] == [".venv/bin/activate"]:
            activated = True
            continue
        program = words[0]
        if program in VENV_PROGRAMS and not activated:
            pytest.fail(f"command {index + 1} runs {program!r} from PATH without activating .venv: {command!r}")


def test_the_test_command_runs_from_a_clean_environment():
    """Command 2 as written, in an environment without the venv on PATH (only its --version, to stay fast)."""
    python = REPO / ".venv" / "bin" / "python"
    if not python.exists():
        pytest.skip("no .venv in the repository (command 1 of the quick start creates it)")
    command = quick_start_commands()[1]
    assert command.startswith(".venv/bin/python -m pytest")
    run = subprocess.run(["bash", "-c", command.replace("-m pytest", "-m pytest --version", 1)], cwd=REPO,
                         env={"PATH": "/usr/bin:/bin", "HOME": str(Path.home())}, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    assert "pytest" in run.stdout + run.stderr
