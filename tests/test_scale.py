"""Scaling out: a local dask cluster gives the same outputs as one process."""

import pytest

from geomap.pipeline import OUTPUT_FILES, build

from conftest import SEEDS


def test_dask_local_cluster_same_outputs(tmp_path, resolver):
    pytest.importorskip("distributed", reason="dask[distributed] is not installed (pip install 'geomap[dask]')")
    one = build([SEEDS], tmp_path / "one", resolver=resolver, progress=False)
    dk = build([SEEDS], tmp_path / "dask", progress=False, dask="local", workers=2)
    assert dk.events == one.events and dk.mentions == one.mentions
    for f in OUTPUT_FILES:
        assert (tmp_path / "dask" / f).read_bytes() == (tmp_path / "one" / f).read_bytes(), f


def test_benchmark_corpus_is_reproducible_and_real(resolver):
    import sys

    from conftest import ROOT
    sys.path.insert(0, str(ROOT / "bench"))
    import bench
    a, b = bench.make_corpus(20, seed=5), bench.make_corpus(20, seed=5)
    assert a == b and a != bench.make_corpus(20, seed=6)
    found = sum(1 for t in a for m in resolver.find(t) if m.place is not None)
    assert found >= 20 * 8      # every generated sentence names a gazetteer place or more


def test_package_data_covers_runtime_files():
    """A wheel (non-editable install) must carry every data file geomap reads at run time."""
    import fnmatch
    import tomllib

    from conftest import ROOT
    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = cfg["tool"]["setuptools"]["package-data"]["geomap"]
    data = ROOT / "geomap" / "data"
    files = [p.relative_to(ROOT / "geomap").as_posix() for p in data.rglob("*") if p.is_file()]
    assert files
    # setuptools globs do not cross folders: compare folder depth too
    missing = [f for f in files if not any(fnmatch.fnmatch(f, g) and f.count("/") == g.count("/")
                                           for g in globs)]
    assert missing == []
    gaz = cfg["tool"]["setuptools"]["package-data"]["geomap._data"]
    assert "places.csv" in gaz
