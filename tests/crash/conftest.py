"""Crash tests need POSIX signals and a C compiler for the crash point library; else they skip."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.crash.harness import build_shim


@pytest.fixture(scope="session")
def shim(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not sys.platform.startswith("linux"):
        pytest.skip("the crash point library is preloaded with LD_PRELOAD (Linux)")
    library = build_shim(tmp_path_factory.mktemp("crashpoint"))
    if library is None:
        pytest.skip("no C compiler to build tests/crash/crashpoint.c")
    return library
