"""Reading returned report forms: `docgen collect` on a reporting round of 84 units, timed.

    .venv/bin/python scripts/benchmark_collect.py [--units 84] [--repeat 5]

The units are the 22 of examples/units.csv and generated ones (about as many đảng bộ as chi bộ,
as in a bloc committee of 84); each unit's form is rendered by docgen and filled with python-docx
the ways offices fill it (separators, units after the number, details in brackets, an added row,
a paragraph under each heading; one unit in ten retypes its form in a new document, without
docgen's properties).  Then the whole command runs, start-up included: the fastest and the median
of ``--repeat`` runs, with and without the XLSX and on an empty folder (start-up alone), and its peak
resident memory; and the reading alone, in this process, per form.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from docx import Document  # noqa: E402

from docgen.derive import document_context  # noqa: E402
from docgen.engine import Engine  # noqa: E402
from docgen.files import load_plan  # noqa: E402
from docgen.model import Unit  # noqa: E402
from docgen.reports.collect import collect  # noqa: E402
from docgen.units import read_units, units_to_csv  # noqa: E402

PLAN = REPO / "examples" / "seed-plan.yaml"
UNITS = REPO / "examples" / "units.csv"
DOCGEN = Path(sys.executable).with_name("docgen")
BODIES = ["Công ty Cổ phần Xây dựng", "Trường Trung học phổ thông", "Trung tâm Y tế", "Chi cục Thuế khu vực",
          "Ban Quản lý dự án", "Công ty TNHH Thương mại", "Bệnh viện", "Trung tâm Văn hóa"]
WRITTEN = ["{n}", " {n} ", "{n} {unit}", "{n} (trong đó {part} trực tuyến)", "{big}", "không", ""]


def units_for(count: int) -> list[Unit]:
    listed = read_units(UNITS)
    made = [Unit(code=f"G{n:03d}", name=f"{BODIES[n % len(BODIES)]} số {n}", kind="dang-bo" if n % 2 else "chi-bo",
                 secretary=f"Nguyễn Văn {n}") for n in range(1, count - len(listed) + 1)]
    return listed + made


def filled(data: bytes, plan, rng: random.Random) -> Document:
    import io

    document = Document(io.BytesIO(data))
    table = next(table for table in document.tables if table.rows[0].cells[0].text == "STT")
    for row, indicator in zip(table.rows[1:], plan.report.indicators):
        number = rng.randint(1, 60)
        row.cells[3].text = rng.choice(WRITTEN).format(n=number, unit=indicator.unit, part=number // 2,
                                                       big=f"{rng.randint(1, 9)}.{rng.randint(100, 999)}")
    extra = table.add_row().cells
    extra[1].text, extra[3].text = "Hội nghị trực tuyến", str(rng.randint(1, 5))
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Party Fill Line" and rng.random() < 0.5:
            paragraph.text = "Cấp ủy đã lãnh đạo, chỉ đạo triển khai kịp thời, nghiêm túc; đảng viên tích cực tham gia."
    return document


def retyped(unit: Unit, plan, rng: random.Random) -> Document:
    document = Document()
    document.add_paragraph("ĐẢNG BỘ KHỐI CƠ QUAN - DOANH NGHIỆP TỈNH")
    document.add_paragraph(unit.committee.upper())
    document.add_paragraph("BÁO CÁO")
    document.add_paragraph("I. KẾT QUẢ THỰC HIỆN")
    document.add_paragraph("Đã quán triệt đến toàn thể đảng viên.")
    table = document.add_table(rows=1, cols=4)
    for cell, title in zip(table.rows[0].cells, ["TT", "Nội dung", "Số lượng", "ĐVT"]):
        cell.text = title
    for number, indicator in enumerate(reversed(plan.report.indicators), start=1):
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text, cells[3].text = (str(number), indicator.name,
                                                                      str(rng.randint(0, 40)), indicator.unit)
    document.add_paragraph("II. KIẾN NGHỊ")
    document.add_paragraph("Không.")
    return document


# Measured from a small process of its own: a child forked from this one (python-docx loaded) would
# count this process's memory as its own until it execs.
_MEASURE = ("import resource, subprocess, sys, time; started = time.perf_counter(); "
            "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode; "
            "print(time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)")


def run(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak resident memory (MB) of one run of a whole command."""
    elapsed, peak_kb, code = subprocess.run([sys.executable, "-S", "-c", _MEASURE, *command], check=True,
                                            capture_output=True, text=True).stdout.split()
    if int(code) not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed")
    return float(elapsed), int(peak_kb) // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=84)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    plan = load_plan(PLAN)
    units = units_for(options.units)
    rng = random.Random(12)
    engine = Engine()
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        (work / "units.csv").write_bytes(units_to_csv(units))
        forms = work / "forms"
        forms.mkdir()
        for number, unit in enumerate(units):
            if number % 10 == 9:
                document = retyped(unit, plan, rng)
            else:
                document = filled(engine.render("report", document_context("report", plan, unit)), plan, rng)
            document.save(str(forms / f"{unit.code}.docx"))
        size = sum(path.stat().st_size for path in forms.iterdir())
        command = [str(DOCGEN), "collect", str(PLAN), str(forms), "--units", str(work / "units.csv"), "--json"]
        (work / "none").mkdir()
        timed = {"--json": command, "--json -o tong-hop.xlsx": [*command, "-o", str(work / "tong-hop.xlsx")],
                 "--json on an empty folder (start-up)": [*command[:3], str(work / "none"), *command[4:]]}
        runs: dict[str, list[tuple[float, int]]] = {name: [] for name in timed}
        for _ in range(options.repeat):  # in rounds, so that both see the same machine
            for name, arguments in timed.items():
                runs[name].append(run(arguments))
        started = time.perf_counter()
        collection = collect(plan, units, [forms])
        reading = time.perf_counter() - started
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"{len(units)} units, {len(collection.forms)} forms read ({len(units) // 10} retyped without properties), "
          f"{len(collection.files)} refused, {size / 1024 / 1024:.1f} MB of .docx")
    for name, measured in runs.items():
        times = [elapsed for elapsed, _ in measured]
        print(f"docgen collect {name}: fastest {min(times):.2f} s, median {statistics.median(times):.2f} s "
              f"of {len(times)}; peak RSS {max(memory for _, memory in measured)} MB")
    print(f"reading alone (in-process, after start-up): {reading:.2f} s, "
          f"{reading / len(units) * 1000:.1f} ms per form")


if __name__ == "__main__":
    main()
