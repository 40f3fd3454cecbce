"""Publishing a build: a lock against concurrent builds, a staging folder, and atomic renames.

Everything is built in ``<out>/.build-*`` first. Only a build that finished and validated is
published: the release folder is renamed into ``releases/`` and the database replaces the old one
with ``os.replace``, so a build killed at any moment leaves the previous release and database whole.

The database and ``releases/latest`` are two files, so switching both takes two renames. A journal
(``<out>/.publish-journal.json``) written before the first rename names what is being published; a
build killed between the renames leaves it behind, and the next build (or publish) finishes the
switch before anything else, so the database and ``latest`` never disagree past that point.

A DuckDB write-ahead log (``acftu.duckdb.wal``) beside the database belongs to the file it was
written for: left by a process that held the old database open, it makes every open of the new one
fail. Publishing moves any such log aside into ``<out>/.stale-wal/`` (kept, never deleted), and
the next build moves aside a log that does not match the current file.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import shutil
import stat
import time
import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

DATABASE_FILE = "acftu.duckdb"
BUILD_LOCK = ".build.lock"
PUBLISH_LOCK = ".publish.lock"
STAGING_PREFIX = ".build-"
JOURNAL = ".publish-journal.json"
STALE_WAL_DIR = ".stale-wal"


class PublishError(RuntimeError):
    """A release cannot be published; the message says why and what to do."""


@contextmanager
def _locked(out_dir: Path, name: str, *, wait: bool) -> Iterator[None]:
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(out_dir / name, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        raise PublishError(f"{out_dir}: cannot write to the output folder ({e.strerror}). "
                           "Check its permissions and free space") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            raise PublishError(f"{out_dir}: another build is running on this output folder. "
                               "Wait for it to finish, then run again") from None
        yield
    finally:
        os.close(fd)


def build_lock(out_dir: Path) -> AbstractContextManager[None]:
    """Exclusive for one command-line build; a second build started meanwhile exits at once."""
    return _locked(out_dir, BUILD_LOCK, wait=False)


def remove_stale_staging(out_dir: Path) -> None:
    """Finish a publish a killed build left half done, move aside a stale DuckDB log, then remove
    staging folders left by killed builds; call only while holding the build lock."""
    with _locked(out_dir, PUBLISH_LOCK, wait=True):
        repair_interrupted_publish(out_dir)
    for stale in Path(out_dir).glob(f"{STAGING_PREFIX}*"):
        shutil.rmtree(stale, ignore_errors=True)


_RUN_STAGING: set[Path] = set()


def discard_run_staging() -> None:
    """Remove the staging folders this process created that were not published (a failed build
    leaves nothing on a full disk); one still named by a publish journal is kept for the repair."""
    for staging in list(_RUN_STAGING):
        journal = staging.parent / JOURNAL
        if journal.exists() and str(staging.resolve()) in journal.read_text(encoding="utf-8"):
            continue
        shutil.rmtree(staging, ignore_errors=True)
        _RUN_STAGING.discard(staging)


def staging_dir(out_dir: Path, run_id: str) -> Path:
    """The staging folder of one run (created if needed): every asset of the run writes there."""
    staging = Path(out_dir) / f"{STAGING_PREFIX}{run_id}"
    _RUN_STAGING.add(staging)
    try:
        staging.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise PublishError(f"{out_dir}: cannot create a staging folder ({e.strerror}). "
                           "Check its permissions and free space") from None
    return staging


def file_digests(folder: Path) -> dict[str, str]:
    """sha256 of every file below ``folder``, by relative path."""
    folder = Path(folder)
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _fsync_path(path: Path) -> None:
    st = os.stat(path)
    if stat.S_ISREG(st.st_mode) and st.st_nlink > 1:
        # NOTE: a file with another link is a case page linked from the latest release
        # (pipeline/site/build.py), synced when that release was published; the new link itself
        # is in its folder, which is synced.
        return
    fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if stat.S_ISDIR(st.st_mode) else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(folder: Path) -> None:
    """Every file and folder below ``folder`` on disk before the renames that publish it.

    NOTE: one fsync after the other waits for one journal commit each: a release of 15,000 case
    pages took minutes on a busy disk. Issued from many threads at once (fsync releases the GIL),
    the file system commits them together; every file is still synced before publishing.
    """
    from concurrent.futures import ThreadPoolExecutor

    paths = sorted(Path(folder).rglob("*"))
    with ThreadPoolExecutor(32) as pool:
        list(pool.map(_fsync_path, paths))


def _syncfs():
    """libc's ``syncfs``, where it reports write-back errors (Linux 5.8 and later), else None."""
    import ctypes
    import ctypes.util
    import platform

    if platform.system() != "Linux":
        return None
    try:
        major, minor = (int(x) for x in platform.release().split(".")[:2])
        if (major, minor) < (5, 8):
            return None
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True).syncfs
    except (OSError, ValueError, AttributeError):
        return None


def _sync_tree(folder: Path) -> None:
    """Every file and folder below ``folder`` on disk, before the renames that publish it.

    NOTE: ``syncfs`` writes back the whole file system the folder is on and waits for it, in one
    call: some 0.25 s for a release of 15,000 case pages where an fsync of each file, from 32
    threads, took 1.4–1.9 s. Since Linux 5.8 it reports a failed write-back (a full disk, an I/O
    error) as fsync does; elsewhere every file is synced one by one (``_fsync_tree``).
    """
    import ctypes

    syncfs = _syncfs()
    if syncfs is None:
        _fsync_tree(folder)
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        if syncfs(fd) != 0:
            code = ctypes.get_errno()
            raise OSError(code, os.strerror(code), str(folder))
    finally:
        os.close(fd)


def publish(staging: Path, out_dir: Path, release_name: str, database: Path) -> Path:
    """Move ``staging/<release_name>`` into ``out_dir/releases`` and the database to ``database``.

    A release that already exists is left alone when its files are identical, and refused when
    they differ: published versions are immutable.
    """
    out_dir, staging = Path(out_dir), Path(staging)
    releases = out_dir / "releases"
    built = staging / release_name
    target = releases / release_name
    with _locked(out_dir, PUBLISH_LOCK, wait=True):
        return _publish(staging, built, releases, target, release_name, Path(database))


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_small(path: Path, text: str) -> None:
    """Write ``path`` whole (aside, synced, renamed)."""
    tmp = path.with_name(f".{path.name}-{uuid.uuid4().hex[:8]}")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def wal_path(database: Path) -> Path:
    return Path(f"{database}.wal")


def move_wal_aside(database: Path) -> Path | None:
    """Move ``<database>.wal`` into ``.stale-wal/`` beside it (kept: it may hold someone's changes)."""
    wal = wal_path(database)
    if not wal.exists():
        return None
    aside = database.parent / STALE_WAL_DIR
    aside.mkdir(exist_ok=True)
    target = aside / f"{wal.name}.{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{uuid.uuid4().hex[:6]}"
    os.replace(wal, target)
    return target


def _wal_is_stale(database: Path) -> bool:
    """A log beside ``database`` that DuckDB cannot replay into it (it was written for another file).

    A log of a live writer of this very file is not stale: the open fails on its lock, not on the log.
    """
    import duckdb

    try:
        duckdb.connect(str(database), read_only=True).close()
    except duckdb.Error as e:
        return "WAL" in str(e) and "lock" not in str(e).lower()
    return False


def repair_interrupted_publish(out_dir: Path, database: Path | None = None) -> None:
    """Finish the publish a killed build left half done (the journal says what), and move aside a
    DuckDB log that does not belong to the database; call while holding the publish lock."""
    out_dir = Path(out_dir)
    journal = out_dir / JOURNAL
    if journal.exists():
        try:
            entry = json.loads(journal.read_text(encoding="utf-8"))
            database = Path(entry["database"])
            staged, release, inode = Path(entry["staged"]), entry["release"], entry["inode"]
        except (OSError, ValueError, KeyError, TypeError):
            journal.unlink(missing_ok=True)  # unreadable: written only half; nothing was renamed yet
        else:
            replaced = database.exists() and database.stat().st_ino == inode
            if not replaced and staged.exists() and staged.stat().st_ino == inode:
                move_wal_aside(database)
                os.replace(staged, database)
                replaced = True
            # NOTE: when the staged database is gone and was never moved in, the old database and
            # the old `latest` stay together: the publish is rolled back, not forward.
            if replaced and (out_dir / "releases" / release).is_dir():
                _write_small(out_dir / "releases" / "latest", release + "\n")
            journal.unlink(missing_ok=True)
            _fsync_dir(out_dir)
    database = Path(database) if database else out_dir / DATABASE_FILE
    if wal_path(database).exists() and database.exists() and _wal_is_stale(database):
        move_wal_aside(database)


def _publish(staging: Path, built: Path, releases: Path, target: Path, release_name: str,
             database: Path) -> Path:
    from pipeline.interrupts import publishing

    out_dir = releases.parent
    journal = out_dir / JOURNAL
    staged_db = staging / DATABASE_FILE
    try:
        with publishing(str(target)):
            repair_interrupted_publish(out_dir, database)
            releases.mkdir(parents=True, exist_ok=True)
            _sync_tree(staging)
            if target.exists():
                if file_digests(target) != file_digests(built):
                    raise PublishError(
                        f"{target}: version {release_name} is already published with other content. "
                        "Published releases are immutable: the build picks the next version from the "
                        "latest release; check that releases/latest names the newest one (RELEASING.md) "
                        "and build again")
            else:
                os.rename(built, target)
            database.parent.mkdir(parents=True, exist_ok=True)
            # Everything that needs disk space is written before the first rename: from there on
            # only renames remain, and the journal lets the next build finish them.
            latest_tmp = releases / f".latest-{uuid.uuid4().hex[:8]}"
            latest_tmp.write_text(release_name + "\n", encoding="utf-8")
            _write_small(journal, json.dumps({"release": release_name, "database": str(database.resolve()),
                                              "staged": str(staged_db.resolve()),
                                              "inode": staged_db.stat().st_ino}))
            move_wal_aside(database)
            os.replace(staged_db, database)
            os.replace(latest_tmp, releases / "latest")
            _fsync_dir(releases)
            _fsync_dir(database.parent)
            journal.unlink()
    except OSError as e:
        hint = "the disk is full" if e.errno == errno.ENOSPC else e.strerror
        if not journal.exists():
            raise PublishError(
                f"{releases}: cannot publish ({hint}). The previous release is unchanged") from None
        try:  # failed between the renames: finish the switch now
            repair_interrupted_publish(out_dir, database)
        except OSError:
            raise PublishError(f"{releases}: publishing stopped half way ({hint}). Run the build "
                               "again: it finishes the switch first") from None
    finally:
        for tmp in releases.glob(".latest-*"):
            tmp.unlink(missing_ok=True)
        if not journal.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return target
