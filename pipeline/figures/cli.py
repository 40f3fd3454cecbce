"""``acftu figures FILE|-``: the figures of any UTF-8 text as CSV on standard output.

The input is read with a size limit (the same as a raw bulletin's, 64 MiB), so ``/dev/zero`` or an
endless pipe is an error, not an exhausted memory. Output into a closed pipe (``| head -1``) ends
quietly, as other command-line tools do.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from pipeline.figures.csvout import write_figures_csv
from pipeline.figures.extract import extract_figures
from pipeline.sources.rawfiles import TEXT_LIMIT, human_size

# Unix tools killed by a closed pipe exit 128 + SIGPIPE.
EXIT_BROKEN_PIPE = 141


def _read_limited(stream, where: str, limit: int) -> bytes:
    chunks, total = [], 0
    while chunk := stream.read(min(1 << 20, limit + 1 - total)):
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise ValueError(f"{where}: more than {human_size(limit)} of text, the limit; split the input")
    return b"".join(chunks)


def read_text(name: str, limit: int = TEXT_LIMIT) -> str:
    """The text of ``name`` (``-`` for standard input), exactly as given; a BOM is not text."""
    where = "standard input" if name == "-" else name
    if name == "-":
        data = _read_limited(sys.stdin.buffer, where, limit)
    else:
        if Path(name).is_dir():
            raise ValueError(f"{name}: is a folder; give a text file")
        with open(name, "rb") as f:
            data = _read_limited(f, where, limit)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ValueError(f"{where}: byte {e.start} is not UTF-8; convert the file to UTF-8 "
                         "(e.g. iconv -f GB18030 -t UTF-8)") from e
    return text[1:] if text.startswith("\ufeff") else text


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: acftu figures FILE|-", file=sys.stderr)
        return 2
    try:
        text = read_text(argv[0])
    except (OSError, ValueError) as e:
        print(f"acftu figures: {e}", file=sys.stderr)
        return 1
    try:
        write_figures_csv(extract_figures(text), sys.stdout, text=text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away: send what is left nowhere, so the interpreter's final flush of
        # stdout does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    return 0
