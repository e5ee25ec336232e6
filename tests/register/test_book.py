"""The outgoing register: numbers per type within a term, a congress's one series, reservations,
cancelled numbers kept and never given again, terms, and clerks taking numbers at the same moment."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from docgen.errors import BadInput
from docgen.register import book, terms
from docgen.register.book import Issue, number_text, take
from docgen.store import Database
from docgen.store.schema import RegisterEntry

DAY = dt.date(2026, 3, 2)


def numbers(entries) -> list[str]:
    return [number_text(entry) for entry in entries]


def test_each_type_is_numbered_from_01_apart(database, organisation_id):
    taken = [take(database, organisation_id, [Issue(kind, DAY)])[0] for kind in ("KH", "CV", "KH", "hd", "cv", "KH")]
    assert numbers(taken) == ["01-KH/ĐUK", "01-CV/ĐUK", "02-KH/ĐUK", "01-HD/ĐUK", "02-CV/ĐUK", "03-KH/ĐUK"]
    assert {entry.status for entry in taken} == {RegisterEntry.ISSUED}


def test_numbers_start_again_at_01_in_the_next_term(database, organisation_id):
    """The term, not the calendar year, is what restarts the series: 2021 and 2024 share one."""
    dates = [dt.date(2021, 5, 25), dt.date(2024, 12, 31), dt.date(2025, 6, 30), dt.date(2025, 7, 1), dt.date(2026, 1, 2)]
    taken = [take(database, organisation_id, [Issue("KH", day)])[0] for day in dates]
    assert [entry.number for entry in taken] == [1, 2, 3, 1, 2]
    with database.session() as session:
        names = {term.id: term.name for term in terms.all_terms(session, organisation_id)}
    assert [names[entry.term_id] for entry in taken] == ["2020 - 2025"] * 3 + ["2025 - 2030"] * 2


def test_a_date_outside_every_term_is_refused_with_what_to_do(database, organisation_id):
    with pytest.raises(BadInput) as refused:
        take(database, organisation_id, [Issue("KH", dt.date(2019, 12, 31))])
    assert str(refused.value).startswith("chưa có nhiệm kỳ nào chứa ngày 31/12/2019: người quản trị khai báo nhiệm kỳ")


def test_a_cancelled_number_stays_in_the_book_and_is_never_given_again(database, organisation_id):
    first, second = take(database, organisation_id, [Issue("CV", DAY, summary="về việc A"), Issue("CV", DAY)])
    with database.session() as session:
        entry = book.find(session, organisation_id, "Số 02-CV/ĐUK")
        assert entry.id == second.id
        book.cancel(entry, "  in sai   ngày ")
    with database.session() as session:
        with pytest.raises(BadInput, match="số 02-CV/ĐUK đã hủy rồi"):
            book.cancel(book.get(session, organisation_id, second.id), "lần nữa")
    following = take(database, organisation_id, [Issue("CV", DAY)])[0]
    assert number_text(following) == "03-CV/ĐUK"
    with database.session() as session:
        lines = book.entries(session, organisation_id, first.term_id, "CV")
    assert [(entry.number, entry.status, entry.note) for entry in lines] == [
        (1, RegisterEntry.ISSUED, ""), (2, RegisterEntry.CANCELLED, "in sai ngày"), (3, RegisterEntry.ISSUED, "")]
    assert lines[1].cancelled_at is not None


def test_reserved_numbers_are_held_then_given_their_document(database, organisation_id):
    held = take(database, organisation_id, [Issue("TB", DAY, note="cho hội nghị")] * 3, reserve=True)
    assert numbers(held) == ["01-TB/ĐUK", "02-TB/ĐUK", "03-TB/ĐUK"]
    assert {entry.status for entry in held} == {RegisterEntry.RESERVED}
    assert number_text(take(database, organisation_id, [Issue("TB", DAY)])[0]) == "04-TB/ĐUK"
    with database.session() as session:
        entry = book.get(session, organisation_id, held[1].id)
        with pytest.raises(BadInput, match="số 02-TB/ĐUK là số của loại TB"):
            book.fill(session, entry, Issue("KH", DAY))
        with pytest.raises(BadInput, match="thuộc nhiệm kỳ “2025 - 2030”"):
            book.fill(session, entry, Issue("TB", dt.date(2024, 1, 5)))
        book.fill(session, entry, Issue("TB", DAY + dt.timedelta(days=3), summary="kết luận hội nghị",
                                        recipients=("Các đảng bộ cơ sở", ""), signer="Trần Quốc Toản"))
    with database.session() as session:
        entry = book.get(session, organisation_id, held[1].id)
        assert (entry.status, entry.issued_on, entry.summary, entry.recipients, entry.signer) == (
            RegisterEntry.ISSUED, DAY + dt.timedelta(days=3), "kết luận hội nghị", "Các đảng bộ cơ sở", "Trần Quốc Toản")
        with pytest.raises(BadInput, match="số 02-TB/ĐUK không phải số đang giữ"):
            book.fill(session, entry, Issue("TB", DAY))


def test_a_congress_numbers_all_its_documents_in_one_series(database, organisation_id):
    with database.session() as session:
        terms.add(session, organisation_id, "Đại hội lần thứ XVI", dt.date(2025, 6, 28), dt.date(2025, 6, 30),
                  congress=True)
    day = dt.date(2025, 6, 29)
    taken = take(database, organisation_id, [Issue("NQ", day, congress=True), Issue("BB", day, congress=True),
                                             Issue("KH", day), Issue("TB", day, congress=True)])
    assert numbers(taken) == ["01-NQ/ĐH", "02-BB/ĐH", "01-KH/ĐUK", "03-TB/ĐH"]
    with pytest.raises(BadInput, match="chưa có đại hội nào diễn ra ngày 02/3/2026"):
        take(database, organisation_id, [Issue("NQ", DAY, congress=True)])


def test_a_joint_document_continues_the_series_of_the_body_that_leads_it(database, organisation_id):
    taken = take(database, organisation_id, [Issue("HD", DAY), Issue("HD", DAY, joint_with="Ban Tuyên giáo Tỉnh ủy")])
    assert numbers(taken) == ["01-HD/ĐUK", "02-HD/ĐUK"] and taken[1].joint_with == "Ban Tuyên giáo Tỉnh ủy"


def test_what_is_written_is_kept_as_typed_and_held_to_its_limits(database, organisation_id):
    entry = take(database, organisation_id, [Issue("CV", DAY, summary="Ve\u0302\u0300 vie\u0323\u0302c  =SUM(A1)",
                                                   signer="Nguyễn Thị Ðào")])[0]
    assert (entry.summary, entry.signer) == ("Về việc =SUM(A1)", "Nguyễn Thị Đào")
    with pytest.raises(BadInput, match=r"trích yếu: dài tối đa 1000 ký tự \(đang có 1001\)"):
        take(database, organisation_id, [Issue("CV", DAY, summary="a" * 1001)])
    with pytest.raises(BadInput, match="không có loại văn bản “QyĐ” trong sổ"):
        take(database, organisation_id, [Issue("QyĐ", DAY)])
    with pytest.raises(BadInput, match="số lượng bản: cần từ 1 đến 100000"):
        take(database, organisation_id, [Issue("CV", DAY, copies=0)])
    assert number_text(take(database, organisation_id, [Issue("CV", DAY)])[0]) == "02-CV/ĐUK", \
        "a refused issue takes no number"


def test_a_number_is_found_as_printed_and_in_the_right_term(database, organisation_id):
    old, new = (take(database, organisation_id, [Issue("KH", day)])[0] for day in (dt.date(2022, 1, 3), DAY))
    with database.session() as session:
        with pytest.raises(BadInput, match="số 01-KH/ĐUK có trong 2 nhiệm kỳ: hãy chọn nhiệm kỳ"):
            book.find(session, organisation_id, "01-KH/ĐUK")
        assert book.find(session, organisation_id, "01-KH/ĐUK", old.term_id).id == old.id
        assert book.find(session, organisation_id, " Số 01-KH/ĐUK", new.term_id).id == new.id
        with pytest.raises(BadInput, match="sổ không có số 02-KH/ĐUK"):
            book.find(session, organisation_id, "02-KH/ĐUK")
        with pytest.raises(BadInput, match="“16/KH-ĐUK” không phải số văn bản dạng 16-KH/ĐUK"):
            book.find(session, organisation_id, "16/KH-ĐUK")


def test_terms_do_not_overlap_and_keep_their_numbers_inside(database, organisation_id):
    with database.session() as session:
        with pytest.raises(BadInput, match=r"nhiệm kỳ “2030 - 2035” \(01/3/2030 – nay\) trùng thời gian với "
                                           r"“2025 - 2030” \(01/7/2025 – nay\)"):
            terms.add(session, organisation_id, "2030 - 2035", dt.date(2030, 3, 1))
        with pytest.raises(BadInput, match="ngày kết thúc 01/01/2020 trước ngày bắt đầu 01/3/2020"):
            terms.add(session, organisation_id, "x", dt.date(2020, 3, 1), dt.date(2020, 1, 1))
        with pytest.raises(BadInput, match="tên nhiệm kỳ: cần từ 1 đến 100 ký tự"):
            terms.add(session, organisation_id, " ", dt.date(2040, 3, 1))
    take(database, organisation_id, [Issue("KH", dt.date(2030, 4, 1))])
    with database.session() as session:
        current = terms.term_on(session, organisation_id, DAY)
        with pytest.raises(BadInput, match="1 văn bản đã lấy số nằm ngoài khoảng 01/7/2025 – 31/3/2030"):
            terms.update(session, current, current.name, current.starts_on, dt.date(2030, 3, 31))
    with database.session() as session:
        current = terms.term_on(session, organisation_id, DAY)
        terms.update(session, current, current.name, current.starts_on, dt.date(2030, 6, 30))
        terms.add(session, organisation_id, "2030 - 2035", dt.date(2030, 7, 1))
    assert number_text(take(database, organisation_id, [Issue("KH", dt.date(2030, 7, 1))])[0]) == "01-KH/ĐUK"


def test_many_numbers_at_once_are_consecutive_and_all_or_none(database, organisation_id):
    letters = take(database, organisation_id, [Issue("CV", DAY, recipients=(f"Đảng ủy {n}",)) for n in range(84)])
    assert [entry.number for entry in letters] == list(range(1, 85))
    with pytest.raises(BadInput, match="chưa có nhiệm kỳ nào chứa ngày"):
        take(database, organisation_id, [Issue("CV", DAY), Issue("CV", dt.date(1999, 1, 1))])
    assert take(database, organisation_id, [Issue("CV", DAY)])[0].number == 85


CLERKS = 50


def test_fifty_clerks_in_threads_never_share_a_number(database, organisation_id):
    ready = threading.Barrier(CLERKS)

    def clerk(index: int) -> int:
        ready.wait()
        return take(database, organisation_id, [Issue("CV", DAY, summary=f"công văn {index}")])[0].number

    with ThreadPoolExecutor(CLERKS) as pool:
        taken = list(pool.map(clerk, range(CLERKS)))
    assert sorted(taken) == list(range(1, CLERKS + 1))
    _assert_book_holds(database, organisation_id, taken)


def _clerk_process(url: str, organisation_id: int, index: int, ready, results) -> None:
    database = Database(url)  # a process of its own, with connections of its own
    ready.wait()
    results.put(take(database, organisation_id, [Issue("CV", DAY, summary=f"công văn {index}")])[0].number)


def test_fifty_clerks_in_processes_never_share_a_number(database, organisation_id):
    context = multiprocessing.get_context("fork")
    ready, results = context.Barrier(CLERKS), context.Queue()
    database.engine.dispose()  # no connection of the parent's goes into the children
    clerks = [context.Process(target=_clerk_process, args=(database.url, organisation_id, index, ready, results))
              for index in range(CLERKS)]
    for clerk in clerks:
        clerk.start()
    taken = [results.get(timeout=120) for _ in clerks]
    for clerk in clerks:
        clerk.join(timeout=30)
        assert clerk.exitcode == 0
    assert sorted(taken) == list(range(1, CLERKS + 1))
    _assert_book_holds(database, organisation_id, taken)


def _assert_book_holds(database, organisation_id, taken: list[int]) -> None:
    """Each clerk's line holds the number that clerk was given."""
    with database.session() as session:
        term = terms.term_on(session, organisation_id, DAY)
        lines = book.entries(session, organisation_id, term.id, "CV")
    assert sorted(entry.number for entry in lines) == list(range(1, CLERKS + 1))
    assert len({entry.summary for entry in lines}) == CLERKS
