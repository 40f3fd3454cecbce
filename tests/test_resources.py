"""pipeline/resources.py: the IO manager hands a step of the same run the upstream step's object."""

import pickle

import dagster as dg
import pandas as pd

from pipeline.resources import RunMemoFilesystemIOManager


def _contexts(run_id: str, tmp_path):
    out = dg.build_output_context(asset_key=dg.AssetKey("cases"), run_id=run_id, name="result",
                                  step_key="tables")
    inp = dg.build_input_context(asset_key=dg.AssetKey("cases"), upstream_output=out)
    return out, inp


def test_same_run_gets_the_same_object_and_the_pickle_is_written(tmp_path):
    manager = RunMemoFilesystemIOManager(base_dir=str(tmp_path)).create_io_manager(
        dg.build_init_resource_context())
    frame = pd.DataFrame({"case_id": ["a-01", "a-02"], "seq": [1, 2]})
    out, inp = _contexts("run-1", tmp_path)
    manager.handle_output(out, frame)
    assert manager.load_input(inp) is frame
    with open(tmp_path / "cases", "rb") as f:
        pd.testing.assert_frame_equal(pickle.load(f), frame)


def test_another_run_reads_the_pickle(tmp_path):
    frame = pd.DataFrame({"case_id": ["a-01"], "seq": [1]})
    first = RunMemoFilesystemIOManager(base_dir=str(tmp_path)).create_io_manager(
        dg.build_init_resource_context())
    out, _ = _contexts("run-1", tmp_path)
    first.handle_output(out, frame)
    later = RunMemoFilesystemIOManager(base_dir=str(tmp_path)).create_io_manager(
        dg.build_init_resource_context())
    _, inp = _contexts("run-2", tmp_path)
    loaded = later.load_input(inp)
    assert loaded is not frame
    pd.testing.assert_frame_equal(loaded, frame)
