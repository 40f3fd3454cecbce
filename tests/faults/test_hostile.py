"""Faults from issue 10's red-team pass: a stale DuckDB log, a kill between the two renames of a
publish, Ctrl-C early in a build, a full disk and DuckDB out of memory. Each leaves the previous
release and database whole (or finishes the publish) and says so in one line."""

from __future__ import annotations

import errno
import functools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pytest

import pipeline.release.publish as publish_module
from pipeline.cli import main as cli_main
from pipeline.interrupts import BuildInterrupted, publishing, stop_on_interrupt
from pipeline.release.publish import (
    DATABASE_FILE,
    JOURNAL,
    STALE_WAL_DIR,
    publish,
    remove_stale_staging,
    staging_dir,
)
from tests.conftest import RAW, REPO
from tests.faults.helpers import published

HOLDER = """
import duckdb, sys
con = duckdb.connect(sys.argv[1])
for line in sys.stdin:
    con.execute(line)
    print("done", flush=True)
"""


def _count_cases(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM cases").fetchone()[0]
    finally:
        con.close()


class _Holder:
    """Another program with a write connection on the database (an analyst's session)."""

    def __init__(self, db: Path):
        self.proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)

    def run(self, sql: str) -> None:
        self.proc.stdin.write(sql + "\n")
        self.proc.stdin.flush()
        assert self.proc.stdout.readline().strip() == "done"

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=30)


@functools.cache
def new_raw() -> Path:
    """The seed's raw folder plus one new bulletin: a build over a copy of ``previous`` publishes.

    NOTE: a build of unchanged bulletins publishes nothing (it is up to date), so the faults of
    publishing are provoked with a corpus that needs a new version.
    """
    return _raw_with_a_new_bulletin(Path(tempfile.mkdtemp(prefix="acftu-new-raw-")))


def _raw_with_a_new_bulletin(base: Path) -> Path:
    from pipeline.sources.add import add_bulletin
    from tests.test_incremental_build import permuted_copy

    raw = base / "raw-plus-one"
    shutil.copytree(RAW, raw)
    text = permuted_copy(RAW, base / "permuted.txt")
    add_bulletin(raw, text, "acftu-test-permuted", title="测试简报", event_date="2024-05-01")
    return raw


class TestStaleWriteAheadLog:
    def test_a_log_left_by_a_writer_of_the_old_file_is_moved_aside_at_publish(self, out):
        db = out / DATABASE_FILE
        holder = _Holder(db)
        try:
            holder.run("CREATE TABLE scratch AS SELECT 1 AS x")
            assert Path(f"{db}.wal").exists()
            # A new bulletin, so the build publishes a new database while the old one is held open.
            assert cli_main(["build", "--raw", str(new_raw()), "--out", str(out)]) == 0
            holder.run("INSERT INTO scratch VALUES (2)")  # still writing into the old file's log
        finally:
            holder.kill()
        assert _count_cases(db) == 30
        assert list((out / STALE_WAL_DIR).iterdir())  # kept, not deleted

    def test_a_log_written_after_publishing_is_moved_aside_by_the_next_build(self, out):
        db = out / DATABASE_FILE
        holder = _Holder(db)
        try:
            assert cli_main(["build", "--raw", str(new_raw()), "--out", str(out)]) == 0
            holder.run("CREATE TABLE scratch AS SELECT 1 AS x")  # its first write: a log beside the new file
        finally:
            holder.kill()
        with pytest.raises(duckdb.IOException, match="WAL"):
            _count_cases(db)  # what the red team saw
        assert cli_main(["build", "--raw", str(new_raw()), "--out", str(out)]) == 0
        assert _count_cases(db) == 30 and not Path(f"{db}.wal").exists()

    def test_a_log_that_belongs_to_the_database_is_left_alone(self, tmp_path):
        db = tmp_path / DATABASE_FILE
        holder = _Holder(db)
        try:
            holder.run("CREATE TABLE t AS SELECT 42 AS x")
        finally:
            holder.kill()
        remove_stale_staging(tmp_path)
        con = duckdb.connect(str(db), read_only=True)
        assert con.execute("SELECT x FROM t").fetchone()[0] == 42
        con.close()

    def test_the_published_database_has_no_log(self, out):
        assert not Path(f"{out / DATABASE_FILE}.wal").exists()


def _stage(out: Path, run: str, content: str) -> Path:
    staging = staging_dir(out, run)
    (staging / "v1.0.0").mkdir()
    (staging / "v1.0.0" / "cases.csv").write_text(content, encoding="utf-8")
    (staging / DATABASE_FILE).write_text("db " + content, encoding="utf-8")
    return staging


class _Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs, not even except OSError blocks."""


class TestKillBetweenTheRenames:
    def _publish_killed_at(self, out, monkeypatch, nth_replace: int) -> None:
        (out / "releases").mkdir(parents=True)
        (out / "releases" / "latest").write_text("v0.9.0\n", encoding="utf-8")
        (out / "releases" / "v0.9.0").mkdir()
        (out / DATABASE_FILE).write_text("db old", encoding="utf-8")
        real, calls = os.replace, []

        def replace(src, dst):
            if Path(dst).name in (DATABASE_FILE, "latest"):
                calls.append(dst)
                if len(calls) == nth_replace:
                    raise _Killed()
            return real(src, dst)

        monkeypatch.setattr(publish_module.os, "replace", replace)
        with pytest.raises(_Killed):
            publish(_stage(out, "r1", "new"), out, "v1.0.0", out / DATABASE_FILE)
        monkeypatch.setattr(publish_module.os, "replace", real)

    def test_killed_after_the_database_the_next_build_switches_latest(self, tmp_path, monkeypatch):
        out = tmp_path / "out"
        self._publish_killed_at(out, monkeypatch, nth_replace=2)
        assert (out / DATABASE_FILE).read_text(encoding="utf-8") == "db new"
        assert (out / "releases" / "latest").read_text(encoding="utf-8") == "v0.9.0\n"  # the gap
        assert (out / JOURNAL).exists()
        remove_stale_staging(out)  # what every build does first, under its lock
        assert (out / "releases" / "latest").read_text(encoding="utf-8") == "v1.0.0\n"
        assert not (out / JOURNAL).exists() and not list(out.glob(".build-*"))

    def test_killed_before_the_database_the_next_build_finishes_both(self, tmp_path, monkeypatch):
        out = tmp_path / "out"
        self._publish_killed_at(out, monkeypatch, nth_replace=1)
        assert (out / DATABASE_FILE).read_text(encoding="utf-8") == "db old"
        remove_stale_staging(out)
        assert (out / DATABASE_FILE).read_text(encoding="utf-8") == "db new"
        assert (out / "releases" / "latest").read_text(encoding="utf-8") == "v1.0.0\n"

    def test_a_half_written_journal_means_nothing_was_switched(self, tmp_path):
        out = tmp_path / "out"
        out.mkdir()
        (out / JOURNAL).write_text('{"release": "v1', encoding="utf-8")
        remove_stale_staging(out)
        assert not (out / JOURNAL).exists()


class TestCtrlC:
    def _build_and_interrupt(self, out: Path, when, ignore_sigint: bool = False):
        before = published(out)
        cmd = [sys.executable, "-m", "pipeline.cli", "build", "--raw", str(new_raw()), "--out", str(out)]
        pre = (lambda: signal.signal(signal.SIGINT, signal.SIG_IGN)) if ignore_sigint else None
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                preexec_fn=pre)
        when(out)
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=300)
        return proc.returncode, stderr, before

    @staticmethod
    def _once_the_run_started(out: Path) -> None:
        # The run is under way inside Dagster (its staging folder exists): where a Ctrl-C used to be
        # dropped.
        for _ in range(6000):
            if list(out.glob(".build-*")):
                return
            time.sleep(0.01)

    @pytest.mark.parametrize("ignore_sigint", [False, True], ids=["terminal", "background-job"])
    def test_ctrl_c_once_the_build_runs_stops_it_with_nothing_published(self, out, ignore_sigint):
        code, err, before = self._build_and_interrupt(out, self._once_the_run_started, ignore_sigint)
        assert code == 130, err
        assert err.strip() == ("acftu build: stopped by SIGINT; nothing was published, the previous "
                               "release and database are unchanged")
        assert published(out) == before and not list(out.glob(".build-*"))

    def test_ctrl_c_while_starting_up_is_one_line(self, out):
        code, err, before = self._build_and_interrupt(out, lambda _: time.sleep(0.3))
        # NOTE: a Ctrl-C landing inside a C extension's import (one that runs Python code through
        # PyRun_String) makes CPython end the process by SIGINT after our line: the shell shows
        # that as exit status 130 as well.
        assert code in (130, -signal.SIGINT)
        # NOTE: how far start-up has got after 0.3 s depends on the machine's load; either way the
        # stop is one line that says nothing was published.
        assert err.strip() in ("acftu build: stopped by SIGINT; nothing was published",
                               "acftu build: stopped by SIGINT; nothing was published, the previous "
                               "release and database are unchanged")
        assert published(out) == before

    def test_a_signal_swallowed_by_another_handler_still_stops_the_publish(self):
        """Dagster's handler only sets a flag; the publish step must still refuse to start."""
        with pytest.raises(BuildInterrupted) as e, stop_on_interrupt():
            signal.signal(signal.SIGINT, lambda *_: None)  # as Dagster's capture_interrupts does
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)
            with publishing():
                pytest.fail("published after Ctrl-C")
        assert e.value.exit_code == 130 and "nothing was published" in str(e.value)

    def test_without_a_signal_nothing_changes(self):
        with stop_on_interrupt(), publishing():
            pass


class TestFullDiskAndMemory:
    def test_duckdb_fatal_no_space_is_our_one_line_hint(self, out, monkeypatch, capsys):
        import pipeline.store.database as database

        before = published(out)

        class FakeConnection:
            def execute(self, sql):
                raise duckdb.FatalException('FATAL Error: Failed to create checkpoint because of error: '
                                            'Could not write file "x": No space left on device')

            def close(self):
                raise duckdb.FatalException("FATAL Error: database invalidated")

        monkeypatch.setattr(database.duckdb, "connect", lambda *a, **k: FakeConnection())
        assert cli_main(["build", "--raw", str(new_raw()), "--out", str(out)]) == 1
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and "the disk is full" in err and "FATAL" not in err
        assert published(out) == before and not list(out.glob(".build-*"))

    def test_a_real_full_disk(self, tmp_path, capsys):
        mount = tmp_path / "small"
        mount.mkdir()
        if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1500k", "tmpfs", str(mount)],
                                                capture_output=True).returncode != 0:
            pytest.skip("mounting a small tmpfs needs root")
        try:
            assert cli_main(["build", "--raw", str(RAW), "--out", str(mount / "out")]) == 1
            err = capsys.readouterr().err.strip()
            assert len(err.splitlines()) == 1 and "the disk is full" in err
            assert not list((mount / "out").glob(".build-*"))  # no staging left on the full disk
        finally:
            subprocess.run(["umount", str(mount)], check=False)

    def test_duckdb_out_of_memory_is_one_line_with_advice(self, out, monkeypatch, capsys):
        before = published(out)
        monkeypatch.setenv("ACFTU_DUCKDB_MEMORY_LIMIT", "1MB")
        assert cli_main(["build", "--raw", str(new_raw()), "--out", str(out)]) == 1
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and "DuckDB ran out of memory" in err
        assert "ACFTU_DUCKDB_MEMORY_LIMIT" in err and "duckdb.org" not in err
        assert published(out) == before and not list(out.glob(".build-*"))

    def test_enospc_from_the_journal_write_leaves_everything(self, tmp_path, monkeypatch):
        out = tmp_path / "out"

        def no_space(*a, **k):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(publish_module, "_write_small", no_space)
        with pytest.raises(publish_module.PublishError, match="the disk is full.*unchanged"):
            publish(_stage(out, "r1", "new"), out, "v1.0.0", out / DATABASE_FILE)
        assert not (out / DATABASE_FILE).exists() and not (out / "releases" / "latest").exists()


def test_the_stop_raised_where_python_can_only_print_it_is_not_printed():
    """Dagster's interrupt raised inside a weakref callback: our one line says it, no traceback."""
    from types import SimpleNamespace

    from pipeline.interrupts import _quiet_about_the_stop

    seen = []
    hook = _quiet_about_the_stop(seen.append)
    hook(SimpleNamespace(exc_value=KeyboardInterrupt()))
    other = SimpleNamespace(exc_value=ValueError("a real bug"))
    hook(other)
    assert seen == [other]
