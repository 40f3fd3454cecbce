"""Every command and query in README.md runs as written (read from the README itself)."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.metadata.ddl import duckdb_ddl
from pipeline.store import write_database
from pipeline.store.views import VIEWS_SQL
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)
ACFTU = str(Path(sys.executable).parent / "acftu")


def _blocks(lang: str) -> list[str]:
    return [body for kind, body in BLOCK.findall(README) if kind == lang]


def _commands() -> list[str]:
    lines = [line.split("#")[0].strip() for body in _blocks("sh") for line in body.splitlines()]
    return [line for line in lines if line]


SQL = _blocks("sql")
SQL_COMMANDS = [c for c in _commands() if c.startswith(".venv/bin/acftu sql")]
MAKE_COMMANDS = [c for c in _commands() if c.startswith("make")]


@pytest.fixture(scope="module")
def database(frames, tmp_path_factory) -> Path:
    b, c, f = frames
    db = tmp_path_factory.mktemp("db") / "acftu.duckdb"
    write_database(db, {"bulletins": b, "cases": c, "figures": f}, duckdb_ddl(), views=VIEWS_SQL)
    return db


def _acftu(args: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run([ACFTU, *args], capture_output=True, text=True, cwd=REPO, **kw)


def test_the_readme_has_queries_and_commands():
    assert len(SQL) >= 2 and len(SQL_COMMANDS) >= 2
    assert {"make release", "make test"} <= set(MAKE_COMMANDS)
    # Every shell command in the README is one this test runs.
    assert set(_commands()) == set(SQL_COMMANDS) | set(MAKE_COMMANDS)


@pytest.mark.parametrize("query", SQL, ids=lambda q: q.splitlines()[0][:60])
def test_each_readme_query_runs_at_the_prompt_and_as_an_argument(database, query):
    prompt = _acftu(["sql", "--db", str(database)], input=query)
    assert prompt.returncode == 0, prompt.stderr
    assert "rows" in prompt.stdout or "│" in prompt.stdout
    one = _acftu(["sql", query, "--db", str(database)])
    assert one.returncode == 0, one.stderr
    assert one.stdout == prompt.stdout


@pytest.mark.parametrize("command", SQL_COMMANDS)
def test_each_readme_sql_command_runs_as_written(database, command):
    argv = shlex.split(command)
    assert argv[0] == ".venv/bin/acftu"
    run = _acftu([*argv[1:], "--db", str(database)])
    assert run.returncode == 0, run.stderr
    assert "│" in run.stdout


def test_the_first_readme_query_returns_people_counts(database):
    run = _acftu(["sql", SQL[0], "--db", str(database)])
    assert "人" in run.stdout and "union_name" in run.stdout


@pytest.mark.parametrize("command", MAKE_COMMANDS)
def test_each_readme_make_command_is_a_target(command):
    # A dry run: the targets exist and their recipes expand (running them is what CI does).
    run = subprocess.run(["make", "-n", *shlex.split(command)[1:]], cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_sql_is_read_only_and_errors_are_one_line(database):
    run = _acftu(["sql", "DELETE FROM figures", "--db", str(database)])
    assert run.returncode == 1 and "read-only" in run.stderr.lower()
    missing = _acftu(["sql", "SELECT 1", "--db", str(database.parent / "none.duckdb")])
    assert missing.returncode == 1 and "make release" in missing.stderr
