"""Importing the package makes Arrow, which holds pandas' text columns, allocate from the C library's heap (whose
freed memory :func:`helpers.parallel.release_free_memory` gives back), unless the researcher chose a pool."""
import os
import subprocess
import sys

import pytest

from conftest import ROOT

PROBE = "import helpers, pyarrow; print(pyarrow.default_memory_pool().backend_name)"


def _backend(**env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"} | env
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=environment, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_the_package_makes_arrow_use_the_system_allocator():
    assert _backend() == "system"


@pytest.mark.parametrize("chosen", ["mimalloc", "jemalloc"])
def test_a_pool_the_researcher_chose_is_kept(chosen):
    import pyarrow as pa

    if chosen not in pa.supported_memory_backends():
        pytest.skip(f"this pyarrow has no {chosen}")
    assert _backend(ARROW_DEFAULT_MEMORY_POOL=chosen) == chosen
