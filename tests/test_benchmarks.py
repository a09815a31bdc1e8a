"""The benchmark scripts still run against today's code (their figures are measured by running
them, never here): each one's work, called once on a small input, without timing."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import bench_engine
import bench_show


def test_show_in_process_writes_the_report(tmp_path):
    node, objects = bench_show.write_dump(tmp_path, 20, 10)
    out = tmp_path / "out"
    bench_show.show_in_process(node, str(out))
    assert objects > 30 and os.listdir(out)


def test_memory_per_container_is_measured():
    assert 0 < bench_engine.memory_per_container(20) < 100_000
