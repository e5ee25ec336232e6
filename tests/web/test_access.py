"""Who may open what: every route of the app × every kind of visitor, with the status each must get.

The table below states, for each endpoint, the roles it admits and what an admitted visitor gets
with its own ids; a route the app has and the table lacks fails the suite, and so does a route
whose section admits other roles than the table says. Visitors: nobody signed in; a unit's account
with its own ids, and with another unit's (and another committee's) ids; the office; the
administrator; the administrator of another committee, with the first committee's ids. A visitor
never sees a record that is not theirs: no page they get names another unit or committee.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest

from docgen.batch import DocumentRenderer, write_batch
from docgen.files import EXAMPLES, load_organisation, load_plan
from docgen.model import Report, Unit
from docgen.register import book, terms
from docgen.reports.read import FormReader
from docgen.store import organisations, plans, returns, units, users
from docgen.store.schema import Generation
from webui.access import Section

from .conftest import demo_logins, login, make_app

ANONYMOUS, UNIT, OFFICE, ADMIN = "anonymous", "don-vi", "van-phong", "quan-tri"
PUBLIC = {ANONYMOUS, UNIT, OFFICE, ADMIN}
SIGNED_IN = {UNIT, OFFICE, ADMIN}
OFFICE_ROLES = {OFFICE, ADMIN}
SEED_SUMMARY = "tuyên truyền sau Đại hội"


@dataclass(frozen=True)
class Route:
    admits: set[str]
    own: dict[str, int | dict[str, int]]
    """By method: the status an admitted visitor gets with its own ids (by role where it differs)."""
    ids: bool = False
    """Whether the route names records: someone else's ids are not found."""
    foreign: int = 404
    query: str = ""
    """The query string, ``{plan_id}``-style placeholders filled with the visitor's ids."""
    last: bool = False
    """It destroys what other routes need (a delete, signing out): asked after them."""


DOCUMENT_QUERY = "?plan={plan_id}&kind=letter&unit={unit_id}"
ROUTES = {
    "static": Route(PUBLIC, {"GET": 200}),
    "health.health": Route(PUBLIC, {"GET": 200}),
    "language.choose": Route(PUBLIC, {"GET": 302}),
    "login.index": Route(PUBLIC, {"GET": {ANONYMOUS: 200, "signed in": 302}, "POST": {ANONYMOUS: 200, "signed in": 302}}),
    "home.index": Route(SIGNED_IN, {"GET": {UNIT: 302, "other": 200}}),
    "account.password": Route(SIGNED_IN, {"GET": 200, "POST": 200}),
    "account.logout": Route(SIGNED_IN, {"POST": 302}, last=True),
    "plans.index": Route(OFFICE_ROLES, {"GET": 200}),
    "plans.create": Route(OFFICE_ROLES, {"GET": 200, "POST": 200}),
    "plans.edit": Route(OFFICE_ROLES, {"GET": 200, "POST": 200}, ids=True),
    "plans.delete": Route(OFFICE_ROLES, {"GET": 200, "POST": 302}, ids=True, last=True),
    "plans.import_file": Route(OFFICE_ROLES, {"GET": 200, "POST": 200}),
    "plans.save_import": Route(OFFICE_ROLES, {"POST": 302}),
    "plans.outline_preview": Route(OFFICE_ROLES, {"POST": 200}),
    "units.index": Route(OFFICE_ROLES, {"GET": 200}),
    "units.create": Route(OFFICE_ROLES, {"GET": 200, "POST": 200}),
    "units.edit": Route(OFFICE_ROLES, {"GET": 200, "POST": 302}, ids=True),
    "units.delete": Route(OFFICE_ROLES, {"GET": 200, "POST": 302}, ids=True, last=True),
    "units.import_file": Route(OFFICE_ROLES, {"GET": 200, "POST": 200}),
    "units.save_import": Route(OFFICE_ROLES, {"POST": 302}),
    "units.export_xlsx": Route(OFFICE_ROLES, {"GET": 200}),
    "units.export_csv": Route(OFFICE_ROLES, {"GET": 200}),
    "wording.index": Route(OFFICE_ROLES, {"GET": 200, "POST": 200}),  # empty tables: refused, shown again
    "wording.reset": Route(OFFICE_ROLES, {"POST": 302}),
    # Ids in the query: another committee's plan and unit are not there to choose.
    "review.index": Route(OFFICE_ROLES, {"GET": 302}, ids=True, foreign=200, query="?plan={plan_id}&unit={unit_id}"),
    "review.unit": Route(OFFICE_ROLES, {"GET": 200, "POST": 200}, ids=True),  # no text: the form again
    "review.drop": Route(OFFICE_ROLES, {"POST": 302}, ids=True),
    "generate.index": Route(OFFICE_ROLES, {"GET": 200, "POST": 200}),
    # Ids in the query: another committee's plan and unit are not there to choose.
    "generate.preview": Route(OFFICE_ROLES, {"GET": 200}, ids=True, foreign=200, query=DOCUMENT_QUERY),
    "generate.document": Route(OFFICE_ROLES, {"GET": 200}, ids=True, foreign=400, query=DOCUMENT_QUERY),
    "generate.preview_page": Route(OFFICE_ROLES, {"GET": 200}, ids=True, query=DOCUMENT_QUERY),  # page 1
    "generate.generation": Route(OFFICE_ROLES, {"GET": 200}, ids=True),
    "generate.status": Route(OFFICE_ROLES, {"GET": 200}, ids=True),
    "generate.cancel": Route(OFFICE_ROLES, {"POST": 302}, ids=True),
    "generate.again": Route(OFFICE_ROLES, {"POST": 404}, ids=True),  # a batch from before snapshots were kept
    "generate.issue": Route(OFFICE_ROLES, {"POST": 400}),  # no document chosen
    "generate.download": Route(OFFICE_ROLES, {"GET": 200}, ids=True),
    "generate.zip_member": Route(OFFICE_ROLES, {"GET": 200}, ids=True),
    "reports.index": Route(OFFICE_ROLES, {"GET": 200}),
    "reports.report": Route(OFFICE_ROLES, {"GET": 200, "POST": 200}, ids=True),
    "reports.report_file": Route(OFFICE_ROLES, {"GET": 200}, ids=True),
    "board.index": Route(OFFICE_ROLES, {"GET": 302}),
    "board.board": Route(OFFICE_ROLES, {"GET": 200}, ids=True),
    "board.upload": Route(OFFICE_ROLES, {"POST": 400}, ids=True),  # no file chosen
    "board.replace": Route(OFFICE_ROLES, {"POST": 404}, ids=True),  # the report is not waiting to replace another
    "board.unit": Route(OFFICE_ROLES, {"GET": 200, "POST": 400}, ids=True),  # no indicator named
    "board.summary": Route(OFFICE_ROLES, {"GET": 200}, ids=True),
    "board.reminder": Route(OFFICE_ROLES, {"GET": 200}, ids=True),
    "board.figures": Route(OFFICE_ROLES, {"GET": 200}, ids=True),
    "board.charts": Route(OFFICE_ROLES, {"GET": 200}, ids=True),
    "board.chart": Route(OFFICE_ROLES, {"GET": 200}, ids=True),
    "register.index": Route(OFFICE_ROLES, {"GET": 200, "POST": 302}),  # nothing typed: a Công văn of today
    "register.fill": Route(OFFICE_ROLES, {"GET": 200, "POST": 302}, ids=True),
    "register.cancel": Route(OFFICE_ROLES, {"POST": 302}, ids=True, last=True),
    "register.document": Route(OFFICE_ROLES, {"GET": 200}, ids=True),
    "register.export": Route(OFFICE_ROLES, {"GET": 200}),
    "office_templates.index": Route(OFFICE_ROLES, {"GET": 200}),
    "office_templates.kind_page": Route(OFFICE_ROLES, {"GET": 200, "POST": 400}),  # no file chosen
    "office_templates.preview_page": Route(OFFICE_ROLES, {"GET": 200}),
    "office_templates.download": Route(OFFICE_ROLES, {"GET": 200}),
    "office_templates.use": Route(OFFICE_ROLES, {"POST": 302}),
    "office_templates.variables": Route(OFFICE_ROLES, {"GET": 200}),
    "terms.index": Route({ADMIN}, {"GET": 200, "POST": 400}),  # no name
    "terms.edit": Route({ADMIN}, {"GET": 200, "POST": 302}, ids=True),  # nothing typed: kept as it was
    "check.index": Route(OFFICE_ROLES, {"GET": 200, "POST": 200}),
    "audit.index": Route(OFFICE_ROLES, {"GET": 200}),
    "admin.index": Route({ADMIN}, {"GET": 200, "POST": 200}),
    "admin.user": Route({ADMIN}, {"GET": 200, "POST": 200}, ids=True),
    "admin.lock": Route({ADMIN}, {"POST": 302}, ids=True),
    "admin.organisation": Route({ADMIN}, {"GET": 200, "POST": 200}),
    "portal.index": Route({UNIT}, {"GET": 200}),
    "portal.document": Route({UNIT}, {"GET": 200}, ids=True),
    "portal.upload": Route({UNIT}, {"POST": 302}, ids=True),
    "portal.report": Route({UNIT}, {"GET": 200}, ids=True),
    "portal.report_file": Route({UNIT}, {"GET": 200}, ids=True),
}


@dataclass
class Visitor:
    name: str
    role: str
    account: str | None = None
    foreign: bool = False
    """Asks for records that are not its own."""
    markers: tuple[str, ...] = field(default=())
    """Texts of records not its own, which no page it gets may show."""


VISITORS = [
    Visitor("anonymous", ANONYMOUS),
    Visitor("unit, own ids", UNIT, "db01", markers=("Sở Giáo dục và Đào tạo",)),
    Visitor("unit, another unit's ids", UNIT, "db01", foreign=True, markers=("Sở Giáo dục và Đào tạo", "Khoáng sản Phố Hiến")),
    Visitor("office", OFFICE, "van-phong", markers=("Khoáng sản Phố Hiến",)),
    Visitor("administrator", ADMIN, "quan-tri", markers=("Khoáng sản Phố Hiến",)),
    Visitor("another committee's administrator", ADMIN, "khac-quan-tri", foreign=True,
            markers=("Nguyễn Văn Hải", SEED_SUMMARY)),
]


def world(app) -> dict[str, dict[str, int | str]]:
    """The demo committee, a second committee with its own plan, unit and administrator, a finished
    generation and a returned report from two units of the first; the ids each visitor asks for."""
    database = app.extensions["docgen.database"]
    with database.session() as session:
        seed = plans.get(session, 1, 1)
        first, second = (units.by_code(session, 1, code) for code in ("DB01", "DB02"))
        reported = {}
        for unit in (first, second):
            data = DocumentRenderer(seed.plan)(unit.unit, "report")
            form = FormReader(seed.plan, [unit.unit]).read(data, "bao-cao.docx")
            account = users.by_name(session, unit.code.lower())
            reported[unit.code] = returns.add(session, seed, unit, account.id, "bao-cao.docx", data, form).id
        other = organisations.add(session, load_organisation().model_copy(update={"name": "Đảng ủy Khối Doanh nghiệp"})).id
        their_plan = plans.add(session, other, load_plan(EXAMPLES / "seed-plan.yaml").model_copy(
            update={"summary": "sắp xếp doanh nghiệp", "body": "I. NỘI DUNG\n- Việc của Khối Doanh nghiệp",
                    "report": Report(title="kết quả sắp xếp doanh nghiệp"), "unit_tasks": []})).id
        terms.add(session, other, "2025 - 2030", dt.date(2025, 7, 1))
        units.add(session, other, Unit(code="DB01", name="Công ty Khoáng sản Phố Hiến", kind="dang-bo"))
        users.add(session, other, "khac-quan-tri", ADMIN, "mật khẩu của khối khác")
        office = users.by_name(session, "van-phong").id
        with app.extensions["docgen.storage"].writing("generations/1.zip") as path:
            write_batch(seed.plan, [first.unit], ["letter"], path, jobs=1)
        session.add(Generation(organisation_id=1, plan_id=1, plan_summary=seed.summary, kinds="letter", unit_count=1,
                               total=1, done=1, status=Generation.DONE, path="1.zip"))
        term = terms.term_on(session, 1, terms.today()).id
    held = book.take(database, 1, [book.Issue("CV", terms.today(), file_name="cv.pdf", file_data=b"%PDF")], reserve=True)
    common = {"code": "en", "kind": "letter", "filename": "style.css", "index": 0, "choice": "thay", "number": 1,
              "version": 0, "page": 1}
    own = {**common, "plan_id": 1, "unit_id": first.id, "generation_id": 1, "report_id": reported["DB01"],
           "user_id": office, "entry_id": held[0].id, "term_id": term}
    return {"own": own, "unit-foreign": {**own, "plan_id": their_plan, "report_id": reported["DB02"]},
            "foreign": own}


def expected(route: Route, method: str, visitor: Visitor) -> int:
    if visitor.role not in route.admits:
        return 302 if visitor.role == ANONYMOUS else 403
    if visitor.foreign and route.ids:
        return route.foreign
    status = route.own[method]
    if isinstance(status, dict):
        key = visitor.role if visitor.role in status else ("signed in" if "signed in" in status else "other")
        status = status[key]
    return status


def test_every_route_has_a_row_and_its_section_admits_what_the_row_says(tmp_path):
    app = make_app(tmp_path)
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert sorted(endpoints - set(ROUTES)) == [], "a route without a row in ROUTES"
    assert sorted(set(ROUTES) - endpoints) == []
    for name, blueprint in app.blueprints.items():
        assert isinstance(blueprint, Section)
        for endpoint, route in ROUTES.items():
            if endpoint.startswith(name + "."):
                assert blueprint.admits == route.admits, endpoint


@pytest.mark.parametrize("visitor", VISITORS, ids=lambda visitor: visitor.name)
def test_every_route_answers_each_visitor_as_its_rule_says(tmp_path, visitor, artifacts):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=False)
    ids = world(app)["unit-foreign" if visitor.foreign and visitor.role == UNIT else
                     "foreign" if visitor.foreign else "own"]
    client = app.test_client()
    if visitor.account:
        password = demo_logins(app).get(visitor.account, "mật khẩu của khối khác")
        assert login(client, visitor.account, password).status_code == 302
    requests = sorted(((rule, method) for rule in app.url_map.iter_rules()
                       for method in sorted(rule.methods - {"HEAD", "OPTIONS"})),
                      key=lambda item: (ROUTES[item[0].endpoint].last, item[0].endpoint == "account.logout",
                                        item[1] == "POST", item[0].endpoint))
    wrong, seen = [], []
    for rule, method in requests:
        route = ROUTES[rule.endpoint]
        path = rule.build({name: ids[name] for name in rule.arguments})[1] + route.query.format(**ids)
        response = client.open(path, method=method, data={})
        want = expected(route, method, visitor)
        seen.append(f"{visitor.name}\t{method}\t{path}\t{response.status_code}")
        if response.status_code != want:
            wrong.append(f"{method} {path}: {response.status_code}, expected {want}")
        elif want == 302 and visitor.role == ANONYMOUS and route.admits != PUBLIC:
            assert response.location.startswith("/dang-nhap?next="), path
        if response.status_code == 200 and response.mimetype == "text/html":
            body = response.get_data(as_text=True)
            shown = [marker for marker in visitor.markers if marker in body]
            if shown:
                wrong.append(f"{method} {path}: shows {shown}")
    (artifacts / "access-matrix").mkdir(exist_ok=True)
    (artifacts / "access-matrix" / f"{visitor.name}.tsv").write_text("\n".join(seen) + "\n", encoding="utf-8")
    assert wrong == []
    assert len(seen) == sum(len(rule.methods - {"HEAD", "OPTIONS"}) for rule in app.url_map.iter_rules())
