"""A batch for 84 nasty units: every document opened and checked, the ZIP safe, failures leave nothing."""

import csv
import io
import unicodedata
import zipfile

import pytest
from click.testing import CliRunner
from docx import Document

from docgen.batch import batch_entries, safe_name, write_batch
from docgen.cli import main
from docgen.units import read_units

from .conftest import EXAMPLES, assert_passes_check
from .unitlists import LONG_NAME, write_nasty_units

# The plan as every document cites it, its number never broken across lines (no-break space and hyphen).
BASIS = ("Kế hoạch số\u00a015\u2011KH/ĐUK ngày\u00a025/5/2021 của Ban Thường vụ Đảng ủy Khối về đẩy mạnh công tác "
         "tuyên truyền sau Đại hội đại biểu toàn quốc lần thứ XIII của Đảng")


@pytest.fixture(scope="module")
def units_csv(tmp_path_factory):
    return write_nasty_units(tmp_path_factory.mktemp("units") / "units-84.csv")


@pytest.fixture(scope="module")
def batch_zip(tmp_path_factory, units_csv):
    out = tmp_path_factory.mktemp("batch") / "all units.zip"
    result = CliRunner().invoke(main, ["batch", str(EXAMPLES / "seed-plan.yaml"), "--units", str(units_csv),
                                       "--kinds", "unit-plan,letter,report", "-o", str(out), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert "252 văn bản cho 84 đơn vị" in result.output
    return out


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts += [p.text for p in cell.paragraphs]
    return "\n".join(parts)


def test_manifest_lists_every_document(batch_zip, units_csv):
    archive = zipfile.ZipFile(batch_zip)
    rows = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig"))))
    assert len(rows) == 252
    assert set(rows[0]) >= {"code", "name", "kind", "path"}
    assert [row["kind"] for row in rows[:3]] == ["unit-plan", "letter", "report"]
    assert sorted(archive.namelist()) == sorted([row["path"] for row in rows] + ["manifest.csv"])
    assert len({row["path"].split("/")[0] for row in rows}) == 84


def test_names_in_the_zip_are_readable_and_safe(batch_zip):
    for info in zipfile.ZipFile(batch_zip).infolist():
        assert info.flag_bits & 0x800 or info.filename.isascii(), info.filename
        assert unicodedata.is_normalized("NFC", info.filename)
        folder, *rest = info.filename.split("/")
        assert len(rest) <= 1 and ".." not in info.filename and not info.filename.startswith("/")
        assert len(folder) <= 80
    names = zipfile.ZipFile(batch_zip).namelist()
    assert "DB01 - Đảng ủy Sở Tài chính/DB01 - Kế hoạch thực hiện.docx" in names
    assert any(name.startswith("DB03 - Đảng ủy Sở Kế hoạch & Đầu tư/") for name in names)
    assert any(name.startswith("DB38 - Đảng ủy Công ty CP Đầu tư - Xây dựng số 1/") for name in names)


def test_every_document_is_right_for_its_unit(batch_zip, units_csv):
    archive = zipfile.ZipFile(batch_zip)
    units = {unit.code: unit for unit in read_units(units_csv)}
    rows = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig"))))
    for row in rows:
        unit = units[row["code"]]
        data = archive.read(row["path"])
        xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
        assert b"{{" not in xml and b"{%" not in xml
        assert_passes_check(data)
        document = Document(io.BytesIO(data))
        text = all_text(document)
        assert unicodedata.is_normalized("NFC", text), row["path"]
        assert "{{" not in text and "{%" not in text and "}}" not in text, row["path"]
        committee = ("Đảng ủy " if unit.is_dang_bo else "Chi bộ ") + unit.name
        left = [p.text for p in document.tables[0].rows[0].cells[0].paragraphs]
        signer = [p.text for p in document.tables[-1].rows[0].cells[1].paragraphs if p.text]
        if row["kind"] == "letter":
            assert left[:2] == ["ĐẢNG BỘ TỈNH HƯNG YÊN", "ĐẢNG ỦY KHỐI CƠ QUAN - DOANH NGHIỆP TỈNH"]
            assert f"Kính gửi: {committee}" in text
            assert signer[0] == "T/M BAN THƯỜNG VỤ"
        else:
            assert left[:2] == ["ĐẢNG BỘ KHỐI CƠ QUAN - DOANH NGHIỆP TỈNH", committee.upper()], row["path"]
            assert signer == ["T/M ĐẢNG ỦY" if unit.is_dang_bo else "T/M CHI BỘ", "BÍ THƯ", unit.secretary]
        # The committee carries its own plan out ("Để triển khai"), the units carry it out ("Thực hiện").
        assert f"{'Để triển khai thực hiện' if row['kind'] == 'letter' else 'Thực hiện'} {BASIS}" in text, row["path"]
        if row["kind"] == "report":
            table = document.tables[1]
            assert [c.text for c in table.rows[0].cells] == ["STT", "Nội dung", "Đơn vị tính", "Số lượng", "Ghi chú"]
            assert len(table.rows) == 1 + 5 + 8  # the header, the five groups, the eight indicators
            assert [c.text for c in table.rows[4].cells][:2] == ["II", "Tuyên truyền miệng"]
            assert table.rows[5].cells[1].text == "Hội nghị quán triệt, học tập, báo cáo viên"
        if row["kind"] == "unit-plan":
            assert ("trong Khối" in text) is False, row["path"]


def test_a_long_name_is_kept_whole_inside_the_documents(batch_zip):
    archive = zipfile.ZipFile(batch_zip)
    path = next(name for name in archive.namelist() if name.startswith("DB08") and "Kế hoạch" in name)
    text = all_text(Document(io.BytesIO(archive.read(path))))
    assert f"Đảng ủy {LONG_NAME}".upper() in text


def test_a_sample_of_each_kind_opens_in_libreoffice(batch_zip, office, artifacts, tmp_path):
    archive = zipfile.ZipFile(batch_zip)
    samples = []
    for code, kind in (("DB01", "Kế hoạch thực hiện"), ("CB46", "Công văn"), ("DB08", "Báo cáo")):
        name = next(n for n in archive.namelist() if n.startswith(code) and kind in n)
        path = tmp_path / f"{code}-{kind.split()[0]}.docx"
        path.write_bytes(archive.read(name))
        samples.append(path)
    for path, pdf in zip(samples, office.to_pdf(*samples)):
        assert office.pages(pdf) >= 1
        text = office.text(pdf)
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
        office.page_png(pdf, artifacts / f"batch-{path.stem}-page1")
    assert 3 <= office.pages(office.to_pdf(samples[0])[0]) <= 7


def test_a_failed_batch_leaves_nothing(tmp_path, seed_plan):
    units = read_units(EXAMPLES / "units.csv")
    target = tmp_path / "out.zip"

    def render(unit, kind):
        if unit.code == "DB05":
            raise RuntimeError("disk full")
        return b"docx"

    with pytest.raises(RuntimeError):
        write_batch(seed_plan, units, ["letter"], target, jobs=1, render=render)
    assert list(tmp_path.iterdir()) == []


def test_bad_units_file_is_refused_with_every_row(tmp_path):
    path = tmp_path / "units.csv"
    path.write_text("Mã,Tên đơn vị,Loại,Bí thư\nA,Sở Y tế,đảng bộ,X\nB,,chi bộ,Y\nA,Sở Nội vụ,tổ,Z\n",
                    encoding="utf-8")
    out = tmp_path / "out.zip"
    result = CliRunner().invoke(main, ["batch", str(EXAMPLES / "seed-plan.yaml"), "--units", str(path),
                                       "-o", str(out)])
    assert result.exit_code == 2
    assert "dòng 3, cột “Tên đơn vị”" in result.output
    assert "dòng 4, cột “Loại”" in result.output and "dòng 4, cột “Mã”" not in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_unknown_kind_is_refused(tmp_path):
    result = CliRunner().invoke(main, ["batch", str(EXAMPLES / "seed-plan.yaml"), "--units",
                                       str(EXAMPLES / "units.csv"), "--kinds", "letter,memo", "-o",
                                       str(tmp_path / "x.zip")])
    assert result.exit_code == 2 and "memo" in result.output


@pytest.mark.parametrize(
    "raw, safe",
    [
        ("Sở Tài chính", "Sở Tài chính"),
        ("Công ty CP Đầu tư/Xây dựng", "Công ty CP Đầu tư - Xây dựng"),
        ('Công ty "Thành Công"', "Công ty - Thành Công"),
        ("../../etc/passwd", "… - … - etc - passwd"),
        ("a\\b:c*d?e<f>g|h", "a - b - c - d - e - f - g - h"),
        ("...", "…"),
        (". .", "_"),
        (unicodedata.normalize("NFD", "Sở Y tế"), "Sở Y tế"),
    ],
)
def test_safe_names(raw, safe):
    assert safe_name(raw) == safe


def test_entry_paths_stay_inside_their_folder():
    from docgen.model import Unit

    unit = Unit(code="../X", name="a/../../b", kind="chi-bo")
    (entry,) = batch_entries([unit], ["letter"])
    assert entry.path.count("/") == 1 and ".." not in entry.path


def test_workers_started_by_a_fork_server_make_the_same_documents(tmp_path, seed_plan):
    """The web server starts workers from a fork server; they compile their own templates."""
    units = read_units(EXAMPLES / "units.csv")
    forked, served = tmp_path / "fork.zip", tmp_path / "forkserver.zip"
    write_batch(seed_plan, units, ["unit-plan", "report"], forked, jobs=2)
    write_batch(seed_plan, units, ["unit-plan", "report"], served, jobs=2, start_method="forkserver")
    first, second = zipfile.ZipFile(forked), zipfile.ZipFile(served)
    assert first.namelist() == second.namelist() and len(first.namelist()) == 45
    assert all(first.read(name) == second.read(name) for name in first.namelist())
