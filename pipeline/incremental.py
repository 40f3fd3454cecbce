"""Incremental builds by content: a bulletin is parsed again only when its bytes or the parser change.

Each parsed bulletin's rows are cached in ``<out>/.dagster/cache/<bulletin_id>.pkl`` under a key
made of the sha256 of ``bulletin.txt``, the sha256 of ``bulletin.yaml`` and the parser's code
version (a digest of the source of every module that turns bytes into rows). A cache entry whose key
differs is ignored and rewritten.

Which bulletins' rows passed each table's schema check, under which key and schema digest, is kept
in ``<out>/.dagster/cache/validated.json``: the check validates the other rows only.

The corpus fingerprint (every bulletin's key, plus the code version of the whole pipeline) lets a
rebuild of an unchanged corpus stop before Dagster is even started.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

from pipeline.paths import REPO_ROOT

CACHE_DIR = Path(".dagster") / "cache"
STATE_FILE = Path(".dagster") / "last_build.json"
PACKAGE = Path(__file__).resolve().parent
# NOTE: the modules whose code decides a bulletin's rows; an edit to any of them re-parses every
# bulletin (a digest, not a hand-kept number, so it can never be forgotten).
PARSER_MODULES = ("sources", "text", "geo", "figures", "tables")


def _digest_sources(folders: list[Path]) -> str:
    h = hashlib.sha256()
    for folder in folders:
        files = sorted(folder.rglob("*.py")) if folder.is_dir() else [folder]
        for f in files:
            if f.is_file():
                h.update(f.relative_to(PACKAGE.parent).as_posix().encode())
                h.update(f.read_bytes())
    return h.hexdigest()[:16]


PARSE_CODE_VERSION = _digest_sources([PACKAGE / m for m in PARSER_MODULES])


# NOTE: what decides whether a bulletin's rows pass the published tables' checks: the Table Schemas
# and the code that turns them into checks. Rows validated under another digest are validated again.
SCHEMA_VERSION = _digest_sources([PACKAGE / "metadata", REPO_ROOT / "schemas"])
VALIDATED_FILE = "validated.json"


def pipeline_code_version() -> str:
    """A digest of all the pipeline's code and schemas: a change rebuilds past the fast path."""
    return _digest_sources([PACKAGE, REPO_ROOT / "schemas"]) + "-" + PARSE_CODE_VERSION


@dataclass(frozen=True)
class BulletinKey:
    """What a bulletin's parsed rows depend on."""

    bulletin_id: str
    text_sha256: str
    meta_sha256: str
    code_version: str

    def as_tuple(self) -> tuple[str, str, str, str]:
        return (self.bulletin_id, self.text_sha256, self.meta_sha256, self.code_version)


def _sha256_file(path: Path, limit: int) -> str:
    """sha256 of a raw file read the safe way (a regular file, no link, a FIFO never blocks).

    A file that cannot be read so hashes as empty: it is never reused, and the loader then names
    what is wrong with it.
    """
    from pipeline.sources.errors import RawSourceError
    from pipeline.sources.rawfiles import read_raw_file

    try:
        return hashlib.sha256(read_raw_file(path.parent, path.name, limit)).hexdigest()
    except (OSError, RawSourceError):
        return ""


def bulletin_key(raw_dir: Path, bulletin_id: str, code_version: str | None = None) -> BulletinKey:
    """The key of ``raw_dir/bulletin_id`` (a missing file hashes as empty: it is never reused)."""
    folder = Path(raw_dir) / bulletin_id
    from pipeline.sources.rawfiles import META_LIMIT, TEXT_LIMIT

    return BulletinKey(bulletin_id, _sha256_file(folder / "bulletin.txt", TEXT_LIMIT),
                       _sha256_file(folder / "bulletin.yaml", META_LIMIT),
                       PARSE_CODE_VERSION if code_version is None else code_version)


def _cache_path(out_dir: Path, bulletin_id: str) -> Path:
    return Path(out_dir) / CACHE_DIR / f"{bulletin_id}.pkl"


def _read_key(f) -> tuple | None:
    try:
        return pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
        return None


def is_cached(out_dir: Path, key: BulletinKey) -> bool:
    """Whether the cache holds the rows of this very key (reads only the key, not the rows)."""
    try:
        with open(_cache_path(out_dir, key.bulletin_id), "rb") as f:
            return _read_key(f) == key.as_tuple()
    except OSError:
        return False


def _load(out_dir: Path, key: BulletinKey, frames: bool) -> tuple[dict, dict] | None:
    path = _cache_path(out_dir, key.bulletin_id)
    try:
        with open(path, "rb") as f:
            if _read_key(f) != key.as_tuple():
                return None
            files = pickle.load(f)
            rows = pickle.load(f) if frames else {}
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
        return None
    return (rows, files) if isinstance(rows, dict) and isinstance(files, dict) else None


def load_cached(out_dir: Path, key: BulletinKey) -> dict | None:
    """The cached frames of a bulletin whose key is unchanged, else None."""
    found = _load(out_dir, key, frames=True)
    return found[0] if found else None


def load_cached_files(out_dir: Path, key: BulletinKey) -> dict | None:
    """The files cached with a bulletin's frames (name → bytes; its hive Parquet), or None."""
    found = _load(out_dir, key, frames=False)
    return found[1] if found else None


def store_cached(out_dir: Path, key: BulletinKey, frames: dict, files: dict | None = None) -> None:
    """Cache a bulletin's frames and files made from them (written aside and renamed, so a killed
    build leaves no torn file).

    NOTE: the key, the files and the frames are three pickles, one after the other, so finding
    which bulletins must be parsed reads only the keys, and writing the hive partitions only the
    keys and the files.
    """
    path = _cache_path(out_dir, key.bulletin_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as f:
        pickle.dump(key.as_tuple(), f, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(files or {}, f, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(frames, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


def drop_cached(out_dir: Path, bulletin_id: str) -> None:
    """Forget one bulletin's cached rows."""
    _cache_path(out_dir, bulletin_id).unlink(missing_ok=True)


def drop_stale_cache(out_dir: Path, keep: set[str]) -> None:
    """Remove cache entries of bulletins no longer in the raw folder."""
    folder = Path(out_dir) / CACHE_DIR
    if folder.is_dir():
        for p in folder.glob("*.pkl"):
            if p.stem not in keep:
                p.unlink(missing_ok=True)


def corpus_fingerprint(raw_dir: Path, bulletin_ids: list[str], skip_invalid: bool) -> str:
    """One digest of every bulletin's bytes, metadata, the pipeline's code and the build's options."""
    h = hashlib.sha256(pipeline_code_version().encode())
    h.update(b"skip" if skip_invalid else b"strict")
    for bid in bulletin_ids:
        h.update("\0".join(bulletin_key(raw_dir, bid).as_tuple()).encode())
    return h.hexdigest()


def read_state(out_dir: Path) -> dict:
    try:
        return json.loads((Path(out_dir) / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_state(out_dir: Path, state: dict) -> None:
    path = Path(out_dir) / STATE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(state, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _validated_key(key: BulletinKey) -> str:
    return "\0".join([*key.as_tuple(), SCHEMA_VERSION])


def _read_validated(out_dir: Path) -> dict:
    try:
        found = json.loads((Path(out_dir) / CACHE_DIR / VALIDATED_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def unvalidated(out_dir: Path, table: str, keys: dict[str, BulletinKey]) -> set[str]:
    """The bulletins whose rows of ``table`` have not passed its checks under their very key and
    the current schema (recorded by ``mark_validated``)."""
    done = _read_validated(out_dir).get(table, {})
    return {bid for bid, key in keys.items() if done.get(bid) != _validated_key(key)}


def mark_validated(out_dir: Path, table: str, keys: dict[str, BulletinKey]) -> None:
    """Record that the rows of ``table`` of every bulletin in ``keys`` passed its checks (the record
    of bulletins not in ``keys`` is dropped); written aside and renamed."""
    found = _read_validated(out_dir)
    found[table] = {bid: _validated_key(key) for bid, key in sorted(keys.items())}
    path = Path(out_dir) / CACHE_DIR / VALIDATED_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(found, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)
