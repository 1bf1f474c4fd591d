"""Shared fixtures: the real gazetteer, the seeds, the reference data in ../shared.

Tests that need ``../shared/data`` (reference data fetched for the project,
never copied into the repo) skip with a printed reason when it is absent.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from hypothesis import settings

# CI must not be flaky: the same examples every run and no deadline (set HYPOTHESIS_PROFILE=explore
# locally to search new ones).
settings.register_profile("ci", derandomize=True, deadline=None)   # no timing in tests: the machines are noisy
settings.register_profile("explore", derandomize=False, max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parents[1]

# scripts run by other interpreters (QGIS's python3), not test modules
collect_ignore = ["helpers"]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
SHARED_DATA = SHARED / "data"


_LOOPBACK = ("127.0.0.1", "localhost", "::1")


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """geomap must work offline: any connection off this machine in a test is an error
    (loopback stays allowed: a local dask cluster talks to itself)."""
    real_connect = socket.socket.connect
    real_create = socket.create_connection

    def is_local(address) -> bool:
        return isinstance(address, (str, bytes)) or (isinstance(address, tuple)
                                                     and str(address[0]) in _LOOPBACK)

    def connect(self, address):
        if not is_local(address):
            raise AssertionError(f"network access attempted: {address!r}")
        return real_connect(self, address)

    def create_connection(address, *args, **kwargs):
        if not is_local(address):
            raise AssertionError(f"network access attempted: {address!r}")
        return real_create(address, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "create_connection", create_connection)


@pytest.fixture(scope="session")
def gazetteer():
    from geomap.gazetteer import load_gazetteer
    return load_gazetteer(user_files=False)


@pytest.fixture(scope="session")
def resolver(gazetteer):
    from geomap.resolve import Resolver
    return Resolver(gazetteer)


@pytest.fixture(scope="session")
def seed_texts():
    files = sorted(SEEDS.glob("*.txt"))
    assert len(files) == 5, "the five seed articles must be in seeds/"
    return {f.name: f.read_text(encoding="utf-8") for f in files}


def shared_data(*parts: str) -> Path:
    """Path under ../shared/data, or skip (loudly) when it is not there."""
    p = SHARED_DATA.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"reference data {p} is absent (../shared not beside the repo)")
    return p
