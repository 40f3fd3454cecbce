"""Publishing a build: a lock against concurrent builds, a staging folder, and atomic renames.

Everything is built in ``<out>/.build-*`` first. Only a build that finished and validated is
published: the release folder is renamed into ``releases/`` and the database replaces the old one
with ``os.replace``, so a build killed at any moment leaves the previous release and database whole.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

DATABASE_FILE = "acftu.duckdb"
BUILD_LOCK = ".build.lock"
PUBLISH_LOCK = ".publish.lock"
STAGING_PREFIX = ".build-"


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
    """Remove staging folders left by killed builds; call only while holding the build lock."""
    for stale in Path(out_dir).glob(f"{STAGING_PREFIX}*"):
        shutil.rmtree(stale, ignore_errors=True)


def staging_dir(out_dir: Path, run_id: str) -> Path:
    """The staging folder of one run (created if needed): every asset of the run writes there."""
    staging = Path(out_dir) / f"{STAGING_PREFIX}{run_id}"
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


def _fsync_tree(folder: Path) -> None:
    for p in sorted(Path(folder).rglob("*")):
        if p.is_file():
            with open(p, "rb") as f:
                os.fsync(f.fileno())


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


def _publish(staging: Path, built: Path, releases: Path, target: Path, release_name: str,
             database: Path) -> Path:
    try:
        releases.mkdir(parents=True, exist_ok=True)
        _fsync_tree(staging)
        if target.exists():
            if file_digests(target) != file_digests(built):
                raise PublishError(
                    f"{target}: version {release_name} is already published with other content. "
                    "Published releases are immutable: bump the version in pipeline/release/version.yaml "
                    "(see RELEASING.md) and build again")
        else:
            os.rename(built, target)
        database.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / DATABASE_FILE, database)
        latest_tmp = releases / f".latest-{uuid.uuid4().hex[:8]}"
        latest_tmp.write_text(release_name + "\n", encoding="utf-8")
        os.replace(latest_tmp, releases / "latest")
    except OSError as e:
        hint = "the disk is full" if e.errno == errno.ENOSPC else e.strerror
        raise PublishError(
            f"{releases}: cannot publish ({hint}). The previous release is unchanged") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target
