"""PDF speed: the pool of warm LibreOffice processes against one ``soffice --convert-to pdf`` per document.

    .venv/bin/python scripts/benchmark_pdf.py [--units 84] [--workers N] [--baseline-sample 20] [--repeat 3]
                                              [--pages DIR]

Both sides convert the same documents (every unit × unit-plan, letter, report) on the same cores:
the pool as the real command (``docgen batch --pdf-only``, start-up included; the fastest of
``--repeat`` runs, as noise only ever adds time), the baseline as one
``soffice --convert-to pdf`` process per document, as many at a time as the pool has offices, each
slot with a profile of its own made beforehand.  The baseline is timed on a sample of documents
spread over the batch and scaled to the whole batch.  Peak memory is the largest sum of PSS over the
command and its processes, in a run of its own; where the time goes comes from an in-process run
(the pool's own counters).  With ``--pages DIR``, every page of every kind (the committee's plan
and guidance too) is written there as PNG, to be looked at.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "scripts")]

from benchmark import DEFAULT_KINDS, DOCGEN, PLAN, make_units, run_command, tree_memory_kb  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from docgen.batch import DocumentRenderer, batch_entries  # noqa: E402
from docgen.files import load_plan  # noqa: E402
from docgen.pdf import PdfPool  # noqa: E402
from docgen.pdf.batch import write_pdf_batch  # noqa: E402
from docgen.pdf.office import find_office  # noqa: E402
from docgen.pdf.pages import page_images  # noqa: E402
from docgen.pdf.printfile import PrintFile  # noqa: E402
from docgen.units import units_to_csv  # noqa: E402


def baseline(documents: list[Path], slots: int, work: Path) -> float:
    """Wall seconds to convert ``documents`` with one ``soffice --convert-to pdf`` each, ``slots``
    at a time, each slot with its own profile (made by an untimed first conversion)."""
    soffice = str(find_office().program.with_name("soffice"))

    def convert(slot: int, document: Path) -> None:
        outdir = work / f"baseline-{slot}"
        subprocess.run([soffice, f"-env:UserInstallation={(work / f'profile-{slot}').as_uri()}", "--headless",
                        "--norestore", "--convert-to", "pdf", "--outdir", str(outdir), str(document)],
                       check=True, capture_output=True, timeout=120)
        if not (outdir / document.with_suffix(".pdf").name).is_file():
            raise SystemExit(f"soffice made no PDF of {document}")

    with ThreadPoolExecutor(slots) as threads:
        list(threads.map(convert, range(slots), documents[:slots]))
        started = time.perf_counter()
        list(threads.map(lambda n: convert(n % slots, documents[n]), range(len(documents))))
    return time.perf_counter() - started


def where_the_time_goes(plan, units, workers: int, work: Path) -> dict[str, float]:
    """The batch in this process, with the pool's counters and the PSS of its offices (and their
    bridges) sampled every 50 ms."""
    started = time.perf_counter()
    pool = PdfPool(workers)
    start_up = time.perf_counter() - started
    peak, done = 0, threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.05):
            peak = max(peak, sum(tree_memory_kb(bridge) for bridge, _ in pool.processes()))

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        render = DocumentRenderer(plan)
        entries = batch_entries(units, DEFAULT_KINDS)
        rendering = time.perf_counter()
        for entry in entries:
            render(entry.unit, entry.kind)
        rendering = time.perf_counter() - rendering
        converting = time.perf_counter()
        failures = write_pdf_batch(plan, units, DEFAULT_KINDS, pool, archive=work / "inprocess.zip", formats=("pdf",))
        converting = time.perf_counter() - converting
        if failures:
            raise SystemExit(f"{len(failures)} documents failed: {failures[0][1]}")
    finally:
        done.set()
        sampler.join()
        pool.close()
    with zipfile.ZipFile(work / "inprocess.zip") as archive:
        pdfs = [(name, archive.read(name)) for name in archive.namelist() if name.endswith(".pdf")]
    merging = time.perf_counter()
    printing = PrintFile()
    for name, pdf in pdfs:
        printing.add(pdf, name)
    with open(work / "print.pdf", "wb") as out:
        printing.write(out)
    merging = time.perf_counter() - merging
    return {"start_up": start_up, "render": rendering, "batch": converting, "office": pool.stats.office_seconds,
            "conversions": pool.stats.conversions, "pool_mb": peak / 1024, "merge": merging,
            "print_pages": len(PdfReader(work / "print.pdf").pages)}


def write_pages(plan, unit, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    render = DocumentRenderer(plan)
    kinds = ("plan", "unit-plan", "letter", "guidance", "report")
    written = []
    with PdfPool(1) as pool:
        for kind in kinds:
            pdf = pool.convert(render(None if kind == "plan" else unit, kind))
            for number, image in enumerate(page_images(pdf, resolution=110), start=1):
                written.append(folder / f"{kind}-page{number}.png")
                written[-1].write_bytes(image)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=84)
    parser.add_argument("--workers", type=int, default=os.cpu_count())
    parser.add_argument("--baseline-sample", type=int, default=20, help="documents the baseline converts")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the pool's command (the fastest counts)")
    parser.add_argument("--pages", type=Path, help="write every page of each kind here as PNG")
    options = parser.parse_args()
    plan = load_plan(PLAN)
    units = make_units(options.units)
    documents = options.units * len(DEFAULT_KINDS)
    shm = Path("/dev/shm")
    with tempfile.TemporaryDirectory(dir=shm if shm.is_dir() else None) as work:
        work = Path(work)
        units_csv = work / "units.csv"
        units_csv.write_bytes(units_to_csv(units))
        command = [str(DOCGEN), "batch", str(PLAN), "--units", str(units_csv), "--kinds", ",".join(DEFAULT_KINDS),
                   "--pdf-only", "--pdf-workers", str(options.workers), "-o", str(work / "pool.zip")]
        pool_wall = min(run_command(command, work / "cache")[0] for _ in range(options.repeat))
        _, pool_peak = run_command(command, work / "cache", sample_memory=True)
        split = where_the_time_goes(plan, units, options.workers, work)
        render = DocumentRenderer(plan)
        entries = batch_entries(units, DEFAULT_KINDS)
        step = max(1, len(entries) // options.baseline_sample)
        sample = []
        for entry in entries[::step][:options.baseline_sample]:
            sample.append(work / f"{len(sample):03d}-{entry.kind}.docx")
            sample[-1].write_bytes(render(entry.unit, entry.kind))
        base_wall = baseline(sample, options.workers, work)
    base_rate = len(sample) / base_wall
    office_ms = split["office"] / split["conversions"] * 1000
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"{options.units} units × {', '.join(DEFAULT_KINDS)} = {documents} documents; "
          f"{options.workers} offices, and the baseline {options.workers} soffice processes at a time\n")
    print("| | wall s | docs/s | peak MB (PSS) |")
    print("|---|---:|---:|---:|")
    print(f"| pool: `docgen batch --pdf-only` (whole command) | {pool_wall:.1f} | {documents / pool_wall:.1f} "
          f"| {pool_peak:.0f} (offices alone: {split['pool_mb']:.0f}) |")
    print(f"| one `soffice --convert-to pdf` per document (sample of {len(sample)}, scaled) "
          f"| {documents / base_rate:.1f} | {base_rate:.2f} | — |")
    print(f"\nSpeed-up: {documents / pool_wall / base_rate:.1f}×\n")
    print(f"Where the pool's time goes (in-process run): starting {options.workers} offices "
          f"{split['start_up']:.2f} s; rendering the .docx {split['render'] * 1000 / documents:.1f} ms a document; "
          f"LibreOffice loading the .docx and writing the PDF {office_ms:.0f} ms a document "
          f"({split['office']:.1f} s over {options.workers} offices); the batch "
          f"{split['batch']:.1f} s wall ({split['batch'] * 1000 / documents:.0f} ms a document, "
          f"{split['batch'] * options.workers * 1000 / documents - office_ms:.0f} ms of each office's time "
          f"outside LibreOffice's work: handing over files, waiting, rendering, the ZIP); merging {documents} "
          f"PDFs into a print file of {split['print_pages']} pages with pypdf {split['merge']:.1f} s.")
    if options.pages:
        for path in write_pages(plan, units[1], options.pages):
            print(path)


if __name__ == "__main__":
    main()
