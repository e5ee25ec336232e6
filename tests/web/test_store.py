"""The database: migrations build the schema the models describe; demo data only on first start."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from docgen.files import EXAMPLES, load_plan
from docgen.model import Unit
from docgen.store import Database, plans, units
from docgen.store.demo import load_demo_data
from docgen.store.schema import Base


def test_migration_on_an_empty_database_builds_every_table(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    database.upgrade()
    inspector = inspect(database.engine)
    assert set(inspector.get_table_names()) == {"alembic_version", "plans", "units", "generations"}
    assert {column["name"] for column in inspector.get_columns("generations")} >= {
        "plan_id", "kinds", "unit_count", "status", "done", "total", "error", "path", "created_at", "finished_at"}
    assert any(constraint["column_names"] == ["code"] for constraint in inspector.get_unique_constraints("units"))
    with database.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == [], "schema.py changed without a migration"


def test_upgrade_twice_keeps_the_data(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'kept.sqlite'}")
    database.upgrade()
    with database.session() as session:
        assert load_demo_data(session)
    database.upgrade()
    with database.session() as session:
        assert not load_demo_data(session)
        assert len(units.all_units(session)) == 22
        assert plans.all_plans(session)[0].plan == load_plan(EXAMPLES / "seed-plan.yaml")


def test_units_are_listed_in_vietnamese_order_and_saved_by_code(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'order.sqlite'}")
    database.upgrade()
    names = ["Đài Phát thanh", "Cục Thuế", "Ban Quản lý", "Bảo hiểm xã hội", "Dệt may"]
    with database.session() as session:
        units.save_all(session, [Unit(code=f"U{i}", name=name, kind="chi-bo") for i, name in enumerate(names)])
    with database.session() as session:
        assert [record.name for record in units.all_units(session)] == [
            "Ban Quản lý", "Bảo hiểm xã hội", "Cục Thuế", "Dệt may", "Đài Phát thanh"]
        changed = [Unit(code="U1", name="Cục Thuế tỉnh", kind="chi-bo"), Unit(code="U9", name="Mới", kind="dang-bo")]
        assert units.save_all(session, changed, replace=True) == (1, 1, 4)
    with database.session() as session:
        assert [record.code for record in units.all_units(session)] == ["U1", "U9"]
