"""The directory's CSV download against a running gunicorn: time to the first byte, time to the
last, size, and how much the memory of the worker that served it grew (docs/PERFORMANCE.md).

Streamed from a server-side cursor, the first byte should leave at once and the worker's memory
stay flat, whatever the number of organisations (issue: "exports streamed ... first byte within a
second, flat memory").
"""

import time
from pathlib import Path
from urllib.request import urlopen


def worker_rss_kb(master_pid: int) -> dict[int, int]:
    """Resident memory of each worker of a gunicorn master, from /proc (Linux)."""
    workers = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except (OSError, ValueError):
            continue
        if fields.get("PPid", "").strip() == str(master_pid):
            workers[int(status.parent.name)] = int(fields["VmRSS"].split()[0])
    return workers


def measure(base_url: str, master_pid: int | None, path: str = "/en/directory/export.csv") -> dict:
    """``master_pid`` None (a server in the same process, as in the smoke test): no memory figure."""
    before = worker_rss_kb(master_pid) if master_pid else {}
    started = time.perf_counter()
    size = 0
    with urlopen(base_url + path, timeout=600) as response:  # noqa: S310 (the benchmark's own http:// server)
        first = response.read(1)
        first_byte_s = time.perf_counter() - started
        size += len(first)
        peak = dict(before)
        while piece := response.read(1 << 16):
            size += len(piece)
            for pid, rss in (worker_rss_kb(master_pid) if master_pid else {}).items():
                peak[pid] = max(peak.get(pid, 0), rss)
    total_s = time.perf_counter() - started
    growth = max((peak[pid] - before.get(pid, peak[pid]) for pid in peak), default=0)
    return {
        "path": path,
        "first_byte_s": round(first_byte_s, 3),
        "total_s": round(total_s, 2),
        "megabytes": round(size / 1e6, 2),
        "worker_memory_growth_mb": round(growth / 1024, 1),
    }
