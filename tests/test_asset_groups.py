"""The UI opens on the asset chain: every asset of the graph stands in one group."""

from pipeline.definitions import build_pipeline
from tests.conftest import RAW


def test_every_asset_is_in_one_group(tmp_path):
    p = build_pipeline(RAW, tmp_path / "out")
    groups = {group for a in p.assets for group in a.group_names_by_key.values()}
    assert groups == {"acftu"}
