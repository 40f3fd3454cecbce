"""Dagster resources: where raw bulletins are read from and where outputs are written."""

from __future__ import annotations

from pathlib import Path

import dagster as dg


class PathsResource(dg.ConfigurableResource):
    """The raw folder and the output folder of a build."""

    raw_dir: str
    out_dir: str
    # Where the top-level datapackage.json describing the latest release is written, if anywhere.
    package_root: str | None = None

    @property
    def raw(self) -> Path:
        return Path(self.raw_dir)

    @property
    def out(self) -> Path:
        return Path(self.out_dir)


class DuckDBResource(dg.ConfigurableResource):
    """The analysts' database file, published by replacing it whole."""

    path: str

    @property
    def database(self) -> Path:
        return Path(self.path)


class BuildOptions(dg.ConfigurableResource):
    """How a build treats bad bulletins: stop (default) or skip them into quarantine.csv."""

    skip_invalid: bool = False


class RunMemoFilesystemIOManager(dg.FilesystemIOManager):
    """Dagster's filesystem IO manager (each output pickled under ``base_dir``), except that a step
    of the same run gets the very object its upstream step returned, not a second copy unpickled.

    NOTE: the in-process executor keeps every output of a run in memory until the run ends anyway;
    unpickling the tables again for each step that reads them (the checks, the release) held two
    copies of them at the build's peak. The pickles are still written, so a run that re-executes
    one step from the UI loads them as before. The steps read their inputs, never change them.
    """

    def create_io_manager(self, context: dg.InitResourceContext) -> dg.IOManager:
        return _RunMemo(super().create_io_manager(context))


class _RunMemo(dg.IOManager):
    def __init__(self, inner: dg.IOManager):
        self._inner = inner
        self._outputs: dict[tuple, object] = {}

    @staticmethod
    def _key(run_id: str, context: dg.OutputContext) -> tuple:
        return (run_id, tuple(context.asset_key.path) if context.has_asset_key else context.step_key,
                context.name)

    def handle_output(self, context: dg.OutputContext, obj: object) -> None:
        self._inner.handle_output(context, obj)
        self._outputs[self._key(context.run_id, context)] = obj

    def load_input(self, context: dg.InputContext) -> object:
        upstream = context.upstream_output
        if upstream is not None and upstream.run_id is not None:
            key = self._key(upstream.run_id, upstream)
            if key in self._outputs:
                return self._outputs[key]
        return self._inner.load_input(context)
