"""The database: migrations build the schema the models describe and keep the data of older ones;
demo data only on first start; every record is its organisation's."""

import json

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from docgen.files import EXAMPLES, load_organisation, load_plan
from docgen.model import Unit
from docgen.store import Database, generations, organisations, plans, units, users
from docgen.store.demo import DEMO_UNITS, load_demo_data
from docgen.store.schema import Base, User


def test_migration_on_an_empty_database_builds_every_table(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    database.upgrade()
    inspector = inspect(database.engine)
    assert set(inspector.get_table_names()) == {"alembic_version", "organisations", "plans", "units", "generations",
                                                "users", "audit_log", "returned_reports", "wording_tables",
                                                "unit_texts", "generation_texts", "terms", "register_entries",
                                                "template_versions", "live_templates", "report_corrections"}
    assert {column["name"] for column in inspector.get_columns("generations")} >= {
        "plan_id", "kinds", "unit_count", "status", "done", "total", "error", "path", "created_at", "finished_at"}
    assert [constraint["column_names"] for constraint in inspector.get_unique_constraints("units")] == [
        ["organisation_id", "code"]]
    with database.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == [], "schema.py changed without a migration"


def test_upgrade_twice_keeps_the_data(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'kept.sqlite'}")
    database.upgrade()
    with database.session() as session:
        logins = load_demo_data(session)
    assert [(login.role, login.name, login.unit) for login in logins] == [
        ("quan-tri", "quan-tri", ""), ("van-phong", "van-phong", ""),
        *(("don-vi", code.lower(), code) for code in DEMO_UNITS)]
    assert len({login.password for login in logins}) == len(logins)
    database.upgrade()
    with database.session() as session:
        assert load_demo_data(session) is None
        assert len(units.all_units(session, 1)) == 22
        assert plans.all_plans(session, 1)[0].plan == load_plan(EXAMPLES / "seed-plan.yaml")
        assert organisations.get(session, 1).organisation == load_organisation()
        for login in logins:
            account = users.authenticate(session, login.name, login.password)
            assert account.role == login.role and account.organisation_id == 1
            assert (units.get(session, 1, account.unit_id).code if account.unit_id else "") == login.unit


def test_units_are_listed_in_vietnamese_order_and_saved_by_code(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'order.sqlite'}")
    database.upgrade()
    names = ["Đài Phát thanh", "Cục Thuế", "Ban Quản lý", "Bảo hiểm xã hội", "Dệt may"]
    with database.session() as session:
        organisation = organisations.add(session, load_organisation()).id
        units.save_all(session, organisation, [Unit(code=f"U{i}", name=name, kind="chi-bo") for i, name in enumerate(names)])
    with database.session() as session:
        assert [record.name for record in units.all_units(session, organisation)] == [
            "Ban Quản lý", "Bảo hiểm xã hội", "Cục Thuế", "Dệt may", "Đài Phát thanh"]
        changed = [Unit(code="U1", name="Cục Thuế tỉnh", kind="chi-bo"), Unit(code="U9", name="Mới", kind="dang-bo")]
        assert units.save_all(session, organisation, changed, replace=True) == (1, 1, 4)
    with database.session() as session:
        assert [record.code for record in units.all_units(session, organisation)] == ["U1", "U9"]


def test_each_organisation_sees_only_its_own_records_and_codes_repeat_across_them(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'two.sqlite'}")
    database.upgrade()
    with database.session() as session:
        assert load_demo_data(session)
        other = organisations.add(session, load_organisation().model_copy(update={"name": "Đảng ủy Khối Doanh nghiệp"})).id
        plan = plans.add(session, other, load_plan(EXAMPLES / "seed-plan.yaml"))
        unit = units.add(session, other, Unit(code="DB01", name="Công ty Điện lực", kind="dang-bo"))
    with database.session() as session:
        assert [record.id for record in plans.all_plans(session, other)] == [plan.id]
        assert plans.get(session, 1, plan.id) is None and plans.get(session, other, 1) is None
        assert [record.name for record in units.all_units(session, other)] == ["Công ty Điện lực"]
        assert units.by_code(session, 1, "DB01").name == "Sở Tài chính"
        assert units.get(session, 1, unit.id) is None
        assert units.compare(session, other, [], replace=True).removed == [units.get(session, other, unit.id)]
        assert generations.recent(session, other) == []
    with pytest.raises(IntegrityError), database.session() as session:
        units.add(session, other, Unit(code="DB01", name="Trùng mã", kind="chi-bo"))


def test_migration_from_0001_gives_the_data_to_one_organisation_from_the_latest_plan(tmp_path):
    """A database an office made before accounts existed: its plans, units and generations are kept,
    all in one organisation whose profile is the latest plan's committee."""
    database = Database(f"sqlite:///{tmp_path / 'old.sqlite'}")
    database.upgrade("0001")
    older = load_plan(EXAMPLES / "seed-plan.yaml")
    latest = older.model_copy(update={"organisation": older.organisation.model_copy(update={"symbol": "ĐUKDN"})})
    with database.engine.begin() as connection:
        for number, (plan, changed) in enumerate(((older, "2024-01-01"), (latest, "2025-01-01")), start=1):
            connection.execute(text("INSERT INTO plans (number, date, summary, data, created_at, updated_at) "
                                    "VALUES (:number, NULL, :summary, :data, :changed, :changed)"),
                               {"number": number, "summary": plan.summary, "data": plan.model_dump_json(),
                                "changed": changed})
        connection.execute(text("INSERT INTO units (code, name, kind, symbol, secretary, deputy, place, email) "
                                "VALUES ('DB01', 'Sở Tài chính', 'dang-bo', 'ĐU', 'Nguyễn Văn Hải', '', '', '')"))
        connection.execute(text("INSERT INTO generations (plan_id, plan_summary, kinds, unit_count, status, done, "
                                "total, error, path, created_at) VALUES (2, 's', 'letter', 1, 'done', 1, 1, '', "
                                "'1.zip', '2025-01-02')"))
    database.upgrade()
    with database.session() as session:
        [organisation] = organisations.all_organisations(session)
        assert organisation.organisation == latest.organisation
        assert [record.plan for record in plans.all_plans(session, organisation.id)] == [latest, older]
        assert [record.unit.secretary for record in units.all_units(session, organisation.id)] == ["Nguyễn Văn Hải"]
        assert generations.get(session, organisation.id, 1).plan_id == 2
        assert not load_demo_data(session)  # the office's data is there: no demo data, no demo accounts
        users.add(session, organisation.id, "quan-tri", User.ADMIN, "mật khẩu dài đủ")
    with database.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_migration_of_an_empty_0001_database_leaves_room_for_the_demo(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'empty-old.sqlite'}")
    database.upgrade("0001")
    database.upgrade()
    with database.session() as session:
        assert organisations.all_organisations(session) == []
        assert load_demo_data(session)


def test_migration_to_0005_puts_each_units_newest_report_on_the_board(tmp_path):
    """Reports kept before the board: a unit's newest of a plan is its current one, the older replaced;
    a problem stored as text alone is given its message id (the text), so it is shown like new ones."""
    database = Database(f"sqlite:///{tmp_path / 'reports.sqlite'}")
    database.upgrade("0004")
    found = '{"values": {}, "cells": {}, "remarks": {}, "notes": [], "problems": [{"indicator": null, "message": "x"}]}'
    with database.engine.begin() as connection:
        connection.execute(text("INSERT INTO organisations (profile, created_at) VALUES (:profile, '2026-01-01')"),
                           {"profile": load_organisation().model_dump_json()})
        connection.execute(text("INSERT INTO users (organisation_id, name, role, password_hash, session_token, active, "
                                "created_at) VALUES (1, 'van-phong', 'van-phong', 'x', 'x', 1, '2026-01-01')"))
        for name in ("first.docx", "second.docx"):
            connection.execute(text(
                "INSERT INTO returned_reports (organisation_id, plan_summary, unit_code, unit_name, file_name, data, "
                "reading, status, note, uploaded_by, uploaded_at) VALUES (1, 'p', 'DB01', 'Đảng ủy Sở Tài chính', "
                ":name, x'00', :found, 'submitted', '', 1, '2026-01-02')"), {"name": name, "found": found})
    database.upgrade()
    with database.engine.connect() as connection:
        kept = connection.execute(text("SELECT file_name, standing, reading FROM returned_reports ORDER BY id")).all()
    assert [(name, standing) for name, standing, _ in kept] == [("first.docx", "replaced"), ("second.docx", "current")]
    assert json.loads(kept[1][2])["problems"] == [{"indicator": None, "message": "x", "data": {"id": "x", "params": {}}}]
    assert json.loads(kept[1][2])["narrative"] == {}
