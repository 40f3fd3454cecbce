"""Reading raw files without leaving the raw folder: regular files only, no links, a size limit.

A raw snapshot is the bytes at ``raw/<bulletin_id>/bulletin.txt`` and nowhere else: a symbolic link
(to a file elsewhere, or to ``/dev/zero``), a FIFO, a device or a folder in its place is refused
before it is read, and nothing is read past the size limit. A FIFO is opened non-blocking, so it
can never hang a build that holds the build lock.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from pipeline.sources.errors import RawSourceError

MIB = 1024 * 1024
# NOTE: limits stated in the README. The largest known bulletin is 23 KB; 64 MiB of text is some
# 20 million Chinese characters, far beyond any bulletin, and still fits in memory several times.
TEXT_LIMIT = 64 * MIB
META_LIMIT = 64 * 1024


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def human_size(n: int) -> str:
    if n >= MIB and n % MIB == 0:
        return f"{n // MIB} MiB"
    return f"{n // 1024} KiB" if n >= 1024 else f"{n} bytes"


def check_folder(folder: Path) -> None:
    """Refuse a bulletin folder that is a symbolic link or not a folder."""
    try:
        st = os.lstat(folder)
    except FileNotFoundError:
        raise RawSourceError("the bulletin folder does not exist", path=str(folder),
                             hint="Check the --raw folder") from None
    if not stat.S_ISDIR(st.st_mode):
        what = _kind(st.st_mode)
        target = f" to {os.readlink(folder)}" if stat.S_ISLNK(st.st_mode) else ""
        raise RawSourceError(f"the bulletin folder is {what}{target}, not a folder inside the raw folder",
                             path=str(folder),
                             hint="Copy the bulletin's files into a real folder under the raw folder")


def folder_entries(folder: Path) -> list[str]:
    """The names in a bulletin folder (which must be a real folder)."""
    check_folder(folder)
    return sorted(os.listdir(folder))


def read_raw_file(folder: Path, name: str, limit: int) -> bytes:
    """The bytes of ``folder/name``, a regular file of at most ``limit`` bytes, or RawSourceError.

    Raises FileNotFoundError when the file does not exist (the caller says what was expected).
    """
    check_folder(folder)
    path = Path(folder) / name
    dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    try:
        st = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
        if not stat.S_ISREG(st.st_mode):
            target = f" to {os.readlink(name, dir_fd=dir_fd)}" if stat.S_ISLNK(st.st_mode) else ""
            raise RawSourceError(f"{_kind(st.st_mode)}{target}, not a regular file", path=str(path),
                                 hint="Put the file's own bytes in the bulletin folder "
                                      f"(a copy, not a link); {name} must be a plain file")
        try:
            fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=dir_fd)
        except OSError as e:
            if e.errno == errno.ELOOP:
                raise RawSourceError("became a symbolic link while being read", path=str(path),
                                     hint="Do not change raw files during a build") from None
            raise
    finally:
        os.close(dir_fd)
    try:
        now = os.fstat(fd)
        # Swapped between the check and the open (a race): refuse rather than read something else.
        if not stat.S_ISREG(now.st_mode) or (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino):
            raise RawSourceError("changed while being read", path=str(path),
                                 hint="Do not change raw files during a build")
        if now.st_size > limit:
            raise RawSourceError(f"the file is {now.st_size} bytes, over the limit of {human_size(limit)}",
                                 path=str(path),
                                 hint="Split the bulletin, or check that this is the right file")
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(MIB, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # the file grew after fstat
                raise RawSourceError(f"the file is over the limit of {human_size(limit)}", path=str(path),
                                     hint="Split the bulletin, or check that this is the right file")
        return b"".join(chunks)
    finally:
        os.close(fd)
