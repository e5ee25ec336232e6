"""docgen user: accounts of the web app, made from the command line in the web app's own database."""

from __future__ import annotations

from click.testing import CliRunner

from docgen.cli import ROLE_CHOICE, main
from docgen.store import Database, audit, default_url, organisations, units, users
from docgen.store.schema import User
from docgen.units import read_units

from .conftest import EXAMPLES


def run(tmp_path, *arguments, password: str | None = "mật khẩu quản trị", env: dict | None = None):
    return CliRunner().invoke(main, ["user", *arguments], input=None if password is None else password + "\n",
                              env={"DOCGEN_DATA_DIR": str(tmp_path), "DOCGEN_DATABASE_URL": "", **(env or {})})


def database(tmp_path) -> Database:
    return Database(default_url(tmp_path.resolve()))


def failure(result, text: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.output.startswith("docgen: ") and text in result.output and "Traceback" not in result.output


def test_the_first_administrator_on_an_empty_data_folder(tmp_path):
    result = run(tmp_path, "add", "quan-tri", "--role", "quan-tri", "--password-stdin")
    assert result.exit_code == 0, result.output
    assert "đã tạo tài khoản quan-tri (quan-tri) trong tổ chức số 1" in result.output
    assert (tmp_path / "docgen.sqlite").is_file()
    with database(tmp_path).session() as session:
        [organisation] = organisations.all_organisations(session)
        assert organisation.organisation.name == "Đảng ủy Khối Cơ quan - Doanh nghiệp tỉnh"
        account = users.authenticate(session, "quan-tri", "mật khẩu quản trị")
        assert (account.role, account.organisation_id) == (User.ADMIN, organisation.id)
        [entry] = audit.entries(session, organisation.id)
        assert (entry.user_id, entry.action, entry.detail) == (None, "create", "quan-tri (quan-tri)")


def test_office_and_unit_accounts_then_the_list_and_a_new_password(tmp_path):
    assert run(tmp_path, "add", "quan-tri", "--role", "quan-tri", "--password-stdin").exit_code == 0
    with database(tmp_path).session() as session:
        units.save_all(session, 1, read_units(EXAMPLES / "units.csv"))
    assert run(tmp_path, "add", "van-phong", "--role", "van-phong", "--password-stdin").exit_code == 0
    assert run(tmp_path, "add", "db01", "--role", "don-vi", "--unit", "DB01", "--password-stdin").exit_code == 0
    listing = run(tmp_path, "list", password=None)
    assert listing.output.splitlines() == ["1\tĐảng ủy Khối Cơ quan - Doanh nghiệp tỉnh", "\tdb01\tdon-vi\tDB01",
                                           "\tquan-tri\tquan-tri", "\tvan-phong\tvan-phong"]
    assert run(tmp_path, "password", "db01", "--password-stdin", password="mật khẩu mới của đơn vị").exit_code == 0
    with database(tmp_path).session() as session:
        assert users.authenticate(session, "db01", "mật khẩu quản trị") is None
        assert users.authenticate(session, "db01", "mật khẩu mới của đơn vị").unit_id == units.by_code(session, 1, "DB01").id


def test_the_password_is_asked_for_twice_without_password_stdin(tmp_path):
    result = CliRunner().invoke(main, ["user", "add", "van-phong", "--role", "van-phong"],
                                input="mật khẩu văn phòng\nmật khẩu văn phòng\n",
                                env={"DOCGEN_DATA_DIR": str(tmp_path), "DOCGEN_DATABASE_URL": ""})
    assert result.exit_code == 0, result.output
    assert "mật khẩu văn phòng" not in result.output
    with database(tmp_path).session() as session:
        assert users.authenticate(session, "van-phong", "mật khẩu văn phòng") is not None


def test_bad_input_is_one_line_and_changes_nothing(tmp_path):
    failure(run(tmp_path, "add", "Quản Trị", "--role", "quan-tri", "--password-stdin"), "tên đăng nhập “Quản Trị” không dùng được")
    failure(run(tmp_path, "add", "quan-tri", "--role", "quan-tri", "--password-stdin", password="ngắn"),
            "mật khẩu cần từ 10 đến 256 ký tự")
    failure(run(tmp_path, "add", "db01", "--role", "don-vi", "--password-stdin"), "--unit đi cùng --role don-vi")
    failure(run(tmp_path, "add", "db01", "--role", "don-vi", "--unit", "DB01", "--password-stdin"),
            "tổ chức số 1 không có đơn vị mã “DB01”")
    failure(run(tmp_path, "add", "a1", "--role", "van-phong", "--org", "7", "--password-stdin"), "không có tổ chức số 7")
    failure(run(tmp_path, "password", "khong-co", "--password-stdin"), "không có tài khoản “khong-co”")
    with database(tmp_path).session() as session:
        assert organisations.all_organisations(session) == [] and not users.any_user(session)
    assert run(tmp_path, "add", "quan-tri", "--role", "quan-tri", "--password-stdin").exit_code == 0
    failure(run(tmp_path, "add", "quan-tri", "--role", "van-phong", "--password-stdin"), "“quan-tri” đã có người dùng")
    result = CliRunner().invoke(main, ["--lang", "en", "user", "add", "x1", "--role", "van-phong", "--password-stdin"],
                                input="short\n", env={"DOCGEN_DATA_DIR": str(tmp_path), "DOCGEN_DATABASE_URL": ""})
    failure(result, "a password needs 10 to 256 characters")


def test_a_second_committee_has_its_own_organisation_and_then_one_must_be_named(tmp_path):
    assert run(tmp_path, "add", "quan-tri", "--role", "quan-tri", "--password-stdin").exit_code == 0
    result = run(tmp_path, "add", "khoi-dn", "--role", "quan-tri", "--profile", str(EXAMPLES / "organisation.yaml"),
                 "--password-stdin")
    assert "trong tổ chức số 2" in result.output
    failure(run(tmp_path, "add", "van-phong", "--role", "van-phong", "--password-stdin"), "cơ sở dữ liệu có 2 tổ chức")
    assert run(tmp_path, "add", "van-phong", "--role", "van-phong", "--org", "2", "--password-stdin").exit_code == 0
    with database(tmp_path).session() as session:
        assert [account.name for account in users.all_users(session, 2)] == ["khoi-dn", "van-phong"]


def test_the_web_app_signs_in_the_account_made_here_and_loads_no_demo_data(tmp_path):
    from webui import create_app

    assert run(tmp_path, "add", "quan-tri", "--role", "quan-tri", "--password-stdin").exit_code == 0
    app = create_app({"TESTING": True, "DATA_DIR": tmp_path, "WTF_CSRF_ENABLED": False})
    client = app.test_client()
    assert client.post("/dang-nhap", data={"name": "quan-tri", "password": "mật khẩu quản trị"}).status_code == 302
    assert "0 đảng bộ, chi bộ cơ sở" in client.get("/").get_data(as_text=True)
    assert not (tmp_path / "demo-logins.txt").exists()


def test_the_roles_offered_are_the_stores():
    assert tuple(ROLE_CHOICE.choices) == User.ROLES
