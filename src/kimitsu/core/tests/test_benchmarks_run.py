"""The benchmarks under bench/ are not timed tests, but they must keep running: each one is run
here with tiny figures (on SQLite, in a data directory of its own), and must finish and print
its figures. A change to the ledger's columns once broke the register benchmark unnoticed."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[4] / "bench"


def _run(tmp_path, script, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIMITSU_")}
    for key in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(key, None)
    env["KIMITSU_DATA_DIR"] = str(tmp_path)
    return subprocess.run(
        [sys.executable, str(BENCH / script), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize(
    ("script", "args", "printed"),
    [
        (
            "register_bench.py",
            ["--entries", "300", "--people", "50", "--departments", "5", "--rounds", "3"],
            ["IMPORT", "LIST", "DETAIL", "EXPORT"],
        ),
        ("desk_bench.py", ["--consultations", "200", "--import-rows", "300", "--xlsx"], []),
        ("rules_bench.py", [], ["regulation -> PDF"]),
        ("prepub_bench.py", ["--entries", "400", "--pages", "4"], ["COLD", "4 pages", "4 hits"]),
        (
            "load_bench.py",
            [
                "--users",
                "3",
                "--writers",
                "1",
                "--seconds",
                "3",
                "--entries",
                "30",
                "--no-breakdown",
            ],
            ["RUN", "ERRORS  0", "CPU"],
        ),
    ],
)
def test_benchmark_runs(tmp_path, script, args, printed):
    done = _run(tmp_path, script, *args)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip()
    for word in printed:
        assert word in done.stdout
