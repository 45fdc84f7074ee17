"""Time and peak memory to make every rendition of a 24-megapixel JPEG.

Run with ``make bench``. A 6000 × 4000 photo-like JPEG (gradients, shapes
and sensor-like noise, so that it compresses like a photo, about 7 MB) is
generated once under bench/results/; then each run happens in a fresh
Python process, so that its peak resident memory (ru_maxrss) is its own.
The same image is also put through a naive pipeline (full decode, Lanczos
from full size each time) for comparison. Results are printed and written
to bench/results/renditions.json.

Targets (issue 5): under 500 ms and under 100 MB for the optimised pipeline.
"""

import json
import platform
import statistics
import subprocess
import sys
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SOURCE = RESULTS / "photo-24mp.jpg"
RUNS = 5
TARGET_MS = 500
TARGET_MB = 100


def make_source() -> None:
    from PIL import Image, ImageDraw

    size = (6000, 4000)
    sky = Image.linear_gradient("L").resize(size)
    image = Image.merge("RGB", (sky, sky.transpose(Image.Transpose.FLIP_LEFT_RIGHT), Image.new("L", size, 150)))
    draw = ImageDraw.Draw(image)
    for n in range(60):
        x, y = (n * 97) % 6000, 1800 + (n * 53) % 2000
        draw.rectangle([x, y, x + 400, y + 900], fill=(120 + n % 100, 80 + n % 60, 60))
    noise = Image.effect_noise(size, 32)
    grain = Image.merge("RGB", (noise, noise.transpose(Image.Transpose.FLIP_TOP_BOTTOM), noise))
    image = Image.blend(image, grain, 0.2)
    RESULTS.mkdir(parents=True, exist_ok=True)
    image.save(SOURCE, "JPEG", quality=90)


def naive_renditions(data: bytes):
    """What the issue calls the naive way: decode everything, resize each width from full size."""
    from PIL import Image, ImageOps

    image = ImageOps.exif_transpose(Image.open(BytesIO(data)))
    out = []
    for width in (1600, 960, 480):
        height = round(width * image.height / image.width)
        resized = image.resize((width, height), Image.Resampling.LANCZOS)
        for format in ("WEBP", "JPEG"):
            buffer = BytesIO()
            resized.save(buffer, format, quality=80)
            out.append(buffer.getvalue())
    return out


def peak_rss_mb() -> float:
    """This process's resident-memory high-water mark (VmHWM).

    Not ru_maxrss: Linux carries that over from the parent across exec, so a
    child would report the memory of whoever started it.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("VmHWM not found in /proc/self/status (Linux only)")


def child(mode: str) -> None:
    """Child process: one timed run; prints JSON with the time and this process's peak memory."""
    sys.path.insert(0, str(ROOT))
    from PIL import Image

    from media_library.renditions import renditions_make

    data = SOURCE.read_bytes()
    baseline = peak_rss_mb()
    start, start_cpu = time.perf_counter(), time.process_time()
    if mode == "optimised":
        renditions = renditions_make(Image.open(BytesIO(data)))
        sizes = sorted({(r.width, r.height) for r in renditions}, reverse=True)
        formats = sorted({r.format for r in renditions})
        files = len(renditions)
    else:
        naive_renditions(data)
        sizes, formats, files = [], [], 6
    elapsed, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    peak = peak_rss_mb()
    print(
        json.dumps(
            {
                "ms": elapsed * 1000,
                "cpu_ms": cpu * 1000,
                "peak_mb": peak,
                "peak_above_baseline_mb": peak - baseline,
                "sizes": sizes,
                "formats": formats,
                "files": files,
            }
        )
    )


def run(mode: str, count: int) -> dict:
    runs = []
    for _ in range(count):
        result = subprocess.run(
            [sys.executable, __file__, "--child", mode], capture_output=True, text=True, check=True, cwd=ROOT
        )
        runs.append(json.loads(result.stdout))
    return {
        "median_ms": round(statistics.median(r["ms"] for r in runs), 1),
        "min_ms": round(min(r["ms"] for r in runs), 1),
        # CPU time of the process: what the work costs, whatever else the machine is doing.
        "median_cpu_ms": round(statistics.median(r["cpu_ms"] for r in runs), 1),
        "peak_mb": round(max(r["peak_mb"] for r in runs), 1),
        "peak_above_baseline_mb": round(max(r["peak_above_baseline_mb"] for r in runs), 1),
        "runs_ms": [round(r["ms"], 1) for r in runs],
        "sizes": runs[0]["sizes"],
        "formats": runs[0]["formats"],
        "files": runs[0]["files"],
    }


def measure(runs: int = RUNS, naive: bool = True) -> dict:
    """Time and peak memory of ``runs`` runs of the portal's pipeline (and the naive one), each in a fresh process."""
    if not SOURCE.exists():
        # In its own process too, so that no measured run inherits its memory.
        subprocess.run([sys.executable, __file__, "--make-source"], check=True, cwd=ROOT)
    from PIL import Image

    with Image.open(SOURCE) as source:
        width, height = source.size
    report = {
        "source": {"width": width, "height": height, "bytes": SOURCE.stat().st_size},
        "python": platform.python_version(),
        "machine": platform.machine(),
        "optimised": run("optimised", runs),
        "naive": run("naive", runs) if naive else None,
        "targets": {"ms": TARGET_MS, "peak_mb": TARGET_MB},
    }
    optimised = report["optimised"]
    report["meets_targets"] = {
        "wall": optimised["median_ms"] < TARGET_MS and optimised["peak_mb"] < TARGET_MB,
        # On a busy machine wall time measures the neighbours; CPU time measures the work.
        "cpu": optimised["median_cpu_ms"] < TARGET_MS and optimised["peak_mb"] < TARGET_MB,
    }
    (RESULTS / "renditions.json").write_text(json.dumps(report, indent=2) + "\n")
    return report


def main() -> None:
    report = measure()
    optimised = report["optimised"]
    width, height = report["source"]["width"], report["source"]["height"]
    megapixels = width * height / 1e6
    print(f"Renditions of a {width}×{height} ({megapixels:.0f} MP, {SOURCE.stat().st_size / 1e6:.1f} MB) JPEG")
    print(f"  widths {[s[0] for s in optimised['sizes']]}, formats {optimised['formats']}, {optimised['files']} files")
    print(
        f"  optimised (draft + reducing_gap): median {optimised['median_ms']} ms wall (best {optimised['min_ms']}, "
        f"CPU {optimised['median_cpu_ms']} ms), "
        f"peak RSS {optimised['peak_mb']} MB ({optimised['peak_above_baseline_mb']} MB above the interpreter)"
    )
    naive = report["naive"]
    print(
        f"  naive (full decode, Lanczos):     median {naive['median_ms']} ms wall (CPU {naive['median_cpu_ms']} ms), "
        f"peak RSS {naive['peak_mb']} MB"
    )
    verdict = {key: "met" if met else "NOT met" for key, met in report["meets_targets"].items()}
    print(f"  targets < {TARGET_MS} ms and < {TARGET_MB} MB: wall time {verdict['wall']}, CPU time {verdict['cpu']}")
    print(f"  written to {RESULTS.relative_to(ROOT) / 'renditions.json'}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
    elif sys.argv[1:] == ["--make-source"]:
        make_source()
    else:
        main()
