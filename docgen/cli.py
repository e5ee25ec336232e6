"""The ``docgen`` command line.

Every command reports bad input as one line on stderr and exits with status 2; heavy
modules (python-docx, docxtpl, lxml) are imported inside the commands that need them so
that ``docgen --help`` starts fast. Messages are Vietnamese, or English with ``--lang en``
(or ``DOCGEN_LANG=en``).
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from docgen.atomic import atomic_output
from docgen.errors import BadInput
from docgen.i18n import LANGUAGES, N_, ngettext, translate
from docgen.kinds import KINDS, batch_kinds, default_kinds


def language() -> str:
    """The language of messages: ``--lang``, else ``DOCGEN_LANG``, else Vietnamese."""
    context = click.get_current_context(silent=True)
    return context.find_root().params["lang"] if context else "vi"


def say(message: str, **params) -> str:
    return translate(message, language(), **params)


class Failure(click.ClickException):
    """Bad input: printed as one line, exit status 2; a message id and its parameters, shown in
    the language of messages."""

    exit_code = 2

    def __init__(self, message: str, **params):
        super().__init__(say(message, **params))

    def show(self, file=None) -> None:
        click.echo(f"docgen: {self.message}", err=True)


def reports_bad_input(command):
    """Turn the errors bad input raises anywhere below into a one-line failure."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except BadInput as error:
            raise Failure(error.message.id, **error.message.params) from None
        except OSError as error:
            raise Failure(f"{error.filename or ''}: {error.strerror}".lstrip(": ")) from None

    return wrapper


def write_atomically(path: Path, data: bytes) -> None:
    with atomic_output(path) as out:
        out.write(data)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--lang", type=click.Choice(LANGUAGES), envvar="DOCGEN_LANG", default="vi", show_default=True,
              help="Language of the messages (also DOCGEN_LANG).")
@click.version_option(package_name="docgen")
def main(lang: str) -> None:
    """Official Party documents (.docx) for every grassroots unit, from one plan."""


@main.command("import-plan")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The plan as YAML.")
@click.option("--org", "org_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Organisation profile (YAML): the plan's, whatever the text says (differences are reported); "
                   "without it the text's own header is taken and the demo committee fills in what it lacks.")
@click.option("--fix", is_flag=True, help="Apply the suggested splits of glued words.")
@reports_bad_input
def import_plan(source: Path, output: Path, org_file: Path | None, fix: bool) -> None:
    """Bring an existing plan (.txt or .docx) in as structured data."""
    from docgen.files import dump_plan, load_organisation
    from docgen.importer import import_docx, import_text

    organisation = load_organisation(org_file) if org_file else load_organisation()
    chosen = org_file is not None
    if source.suffix.lower() == ".docx":
        result = import_docx(source, organisation, fix=fix, keep_organisation=chosen)
    elif source.suffix.lower() == ".txt":
        result = import_text(_read_text(source), organisation, fix=fix, keep_organisation=chosen)
    else:
        raise Failure(N_("%(file)s: cần tệp .txt hoặc .docx"), file=source)
    write_atomically(output, dump_plan(result.plan).encode("utf-8"))
    for suggestion in result.suggestions:
        click.echo(f"{suggestion.where}: {suggestion.message}", err=True)
    count = len(result.suggestions)
    if fix:
        click.echo(ngettext("%(file)s: %(count)s gợi ý (đã áp dụng)", "%(file)s: %(count)s gợi ý (đã áp dụng)", count,
                            language(), file=output), err=True)
    else:
        click.echo(ngettext("%(file)s: %(count)s gợi ý", "%(file)s: %(count)s gợi ý", count, language(), file=output),
                   err=True)


def _read_text(path: Path) -> str:
    from docgen.check.package import MAX_FILE_BYTES
    from docgen.importer import decode_text
    from docgen.uploads import read_file

    try:
        return decode_text(read_file(path, MAX_FILE_BYTES))
    except UnicodeDecodeError:
        raise Failure(N_("%(file)s: không phải văn bản mã UTF-8; hãy lưu lại với mã UTF-8 rồi thử lại"), file=path) from None


# Spelt out (not imported) so that `docgen --help` does not load the engine; a test keeps them in step.
ENGINE_CHOICE = click.Choice(["compiled", "reference"])
PDF_WORKERS = click.option("--pdf-workers", type=click.IntRange(min=1),
                           help="LibreOffice processes (default: DOCGEN_PDF_WORKERS, else the number of cores).")
WORDING = click.option("--wording", "wording_dir", type=click.Path(file_okay=False, path_type=Path),
                       help="A folder with the office's wording tables, sectors.yaml and phrases.yaml "
                            "(default: docgen's own).")


def _made_from(name: str) -> list[str]:
    """The kinds that take ``name`` (reports, deadline) besides the plan."""
    return [kind.id for kind in KINDS.values() if name in kind.inputs + kind.options]


def _kinds_made(per_unit: str) -> str:
    """The kinds whose ``per_unit`` is that (required, optional, never), for the help."""
    return ", ".join(kind.id for kind in KINDS.values() if kind.per_unit == per_unit)


@main.command()
@click.argument("plan_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--kind", metavar="KIND", default="plan", show_default=True, help=f"Document kind: {', '.join(KINDS)}.")
@click.option("--unit", "unit_code", help=f"Code of the unit (for {_kinds_made('required')}; "
                                          f"optional for {_kinds_made('optional')}).")
@click.option("--units", "units_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Units list (.csv or .xlsx).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--format", "output_format", type=click.Choice(["docx", "pdf"]),
              help="docx or pdf (default: from the output's extension).")
@click.option("--pdfa", is_flag=True, help="PDF/A-2b, for archives.")
@click.option("--engine", type=ENGINE_CHOICE, default="compiled", show_default=True,
              help="compiled: prepared once; reference: plain docxtpl for each document.")
@WORDING
@click.option("--reports", "report_sources", multiple=True, type=click.Path(path_type=Path), metavar="FILE_OR_DIR",
              help=f"The units' returned reports, for {', '.join(_made_from('reports'))} (with --units; repeat for more).")
@click.option("--deadline", help=f"A new deadline (dd/mm/yyyy), for {', '.join(_made_from('deadline'))}.")
@reports_bad_input
def render(plan_file: Path, kind: str, unit_code: str | None, units_file: Path | None, output: Path,
           output_format: str | None, pdfa: bool, engine: str, wording_dir: Path | None,
           report_sources: tuple[Path, ...], deadline: str | None) -> None:
    """Render one document of a plan as .docx or PDF; what to look at before signing it is
    printed on stderr as warnings."""
    from docgen.derive import document_context, document_warnings
    from docgen.engine import Engine
    from docgen.files import load_plan
    from docgen.kinds import get_kind

    as_pdf = (output_format or output.suffix.lower().lstrip(".")) == "pdf"
    if pdfa and not as_pdf:
        raise Failure(N_("--pdfa chỉ dùng khi ghi PDF (-o TỆP.pdf hoặc --format pdf)"))
    plan = load_plan(plan_file)
    wording = _wording(wording_dir)
    entry = get_kind(kind)
    inputs = _inputs(entry, plan, units_file, report_sources, deadline, wording)
    unit = _find_unit(unit_code, units_file, wording) if (unit_code or units_file) and not entry.inputs else None
    context = document_context(kind, plan, unit, wording=wording, **inputs)
    for warning in document_warnings(kind, plan, unit, wording) if unit else ():
        click.echo(f"docgen: {say(N_('cảnh báo: %(warning)s'), warning=warning)}", err=True)
    data = Engine(engine).render(kind, context)
    if as_pdf:
        from docgen.pdf import PdfPool

        with PdfPool(1) as pool:
            data = pool.convert(data, pdfa=pdfa)
    write_atomically(output, data)
    click.echo(str(output))


def _inputs(entry, plan, units_file: Path | None, sources: tuple[Path, ...], deadline: str | None, wording) -> dict:
    """What a kind made from the units' returned reports takes: the reports (``--reports``, read for the
    units of ``--units``; the files that could not be read are named on stderr) and a new deadline."""
    inputs = {}
    if "reports" in entry.inputs:
        if not (units_file and sources):
            raise Failure(N_("--kind %(kind)s cần --units TỆP và --reports THƯ_MỤC (báo cáo các đơn vị gửi về)"),
                          kind=entry.id)
        from docgen.reports.collect import collect
        from docgen.units import read_units

        inputs["reports"] = collect(plan, read_units(units_file, wording), sources)
        for error in inputs["reports"].files:
            warning = f"{error.file}: {error.error.translate(language())}"
            click.echo(f"docgen: {say(N_('cảnh báo: %(warning)s'), warning=warning)}", err=True)
    elif sources:
        raise Failure(N_("--reports chỉ dùng cho --kind %(kinds)s"), kinds=", ".join(_made_from("reports")))
    if deadline:
        if "deadline" not in entry.options:
            raise Failure(N_("--deadline chỉ dùng cho --kind %(kinds)s"), kinds=", ".join(_made_from("deadline")))
        from docgen.vn.dates import parse_date

        inputs["deadline"] = parse_date(deadline)
    return inputs


def _wording(folder: Path | None):
    """The office's wording tables from ``--wording``, or None for docgen's own."""
    from docgen.wording import read_folder

    return read_folder(folder) if folder else None


def _find_unit(code: str | None, units_file: Path | None, wording):
    from docgen.units import read_units

    if not (code and units_file):
        raise Failure(N_("--unit và --units đi cùng nhau: mã của đơn vị và tệp có đơn vị đó"))
    units = read_units(units_file, wording)
    for unit in units:
        if unit.code == code:
            return unit
    raise Failure(N_("%(file)s: không có đơn vị mã “%(code)s”"), file=units_file, code=code)


@main.command()
@click.argument("plan_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--units", "units_file", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Units list (.csv or .xlsx).")
@click.option("--kinds", default=",".join(default_kinds()), show_default=True,
              help=f"Comma-separated kinds: {', '.join(batch_kinds())}.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The ZIP to write.")
@click.option("--jobs", type=click.IntRange(min=1),
              help="Worker processes (default: the number of cores; at most 4 × the cores).")
@click.option("--engine", type=ENGINE_CHOICE, default="compiled", show_default=True,
              help="compiled: prepared once; reference: plain docxtpl for each document.")
@click.option("--pdf", is_flag=True, help="Each document as .docx and .pdf.")
@click.option("--pdf-only", is_flag=True, help="Each document as .pdf only.")
@click.option("--pdfa", is_flag=True, help="The PDFs as PDF/A-2b, for archives.")
@click.option("--print-file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also one PDF of every document, each starting on an odd page, for duplex printing.")
@PDF_WORKERS
@WORDING
@reports_bad_input
def batch(plan_file: Path, units_file: Path, kinds: str, output: Path, jobs: int | None, engine: str, pdf: bool,
          pdf_only: bool, pdfa: bool, print_file: Path | None, pdf_workers: int | None, wording_dir: Path | None) -> None:
    """Every unit's documents in one ZIP: a folder per unit and a manifest.csv; what to look at
    before signing them is printed on stderr as warnings, each with the units it concerns."""
    import time

    from docgen.batch import MAX_JOBS, batch_warnings, write_batch
    from docgen.files import load_plan
    from docgen.units import read_units

    if jobs and jobs > MAX_JOBS:
        raise Failure(N_("--jobs: tối đa %(max)s (4 × %(cores)s lõi của máy này), không phải %(jobs)s"),
                      max=MAX_JOBS, cores=MAX_JOBS // 4, jobs=jobs)
    if pdf and pdf_only:
        raise Failure(N_("--pdf hoặc --pdf-only, không cả hai"))
    if pdfa and not (pdf or pdf_only):
        raise Failure(N_("--pdfa cần --pdf hoặc --pdf-only"))
    chosen = _chosen_kinds(kinds)
    plan = load_plan(plan_file)
    wording = _wording(wording_dir)
    units = read_units(units_file, wording)
    started = time.perf_counter()
    for warning, concerned in batch_warnings(plan, units, chosen, wording).items():
        click.echo(f"docgen: {_batch_warning(warning, concerned, len(units))}", err=True)
    failed = 0
    if pdf or pdf_only or print_file:
        formats = ("pdf",) if pdf_only else ("docx", "pdf") if pdf else ("docx",)
        failed = _pdf_batch(plan, units, chosen, pdf_workers, archive=output, formats=formats,
                            print_file=print_file, pdfa=pdfa, engine=engine, wording=wording)
        count = len(units) * len(chosen)
    else:
        count = write_batch(plan, units, chosen, output, jobs=jobs, engine=engine, wording=wording)
    elapsed = time.perf_counter() - started
    click.echo(say(N_("%(file)s: %(count)s văn bản cho %(units)s đơn vị trong %(seconds)s giây"), file=output,
                   count=count, units=len(units), seconds=f"{elapsed:.1f}"))
    if failed:
        sys.exit(1)


# How many units' codes a batch warning lists before "…".
SHOWN_CODES = 5


def _batch_warning(warning, units: list, total: int) -> str:
    if len(units) == total:
        return say(N_("cảnh báo: %(warning)s (mọi đơn vị)"), warning=warning)
    codes = ", ".join(unit.code for unit in units[:SHOWN_CODES]) + (", …" if len(units) > SHOWN_CODES else "")
    return say(N_("cảnh báo: %(warning)s (%(count)s đơn vị: %(codes)s)"), warning=warning, count=len(units),
               codes=codes)


def _chosen_kinds(kinds: str) -> tuple[str, ...]:
    from docgen.batch import check_kinds

    try:
        return check_kinds([kind.strip() for kind in kinds.split(",") if kind.strip()])
    except BadInput as error:
        raise Failure("--kinds: %(error)s", error=error.message) from None


def _pdf_batch(plan, units, kinds, workers: int | None, **options) -> int:
    """:func:`~docgen.pdf.batch.write_pdf_batch` through a pool of ``workers`` offices; says which
    documents have no PDF, and returns how many."""
    from docgen.pdf import PdfPool
    from docgen.pdf.batch import write_pdf_batch

    with PdfPool(workers) as pool:
        failures = write_pdf_batch(plan, units, kinds, pool, **options)
    for entry, error in failures:
        click.echo(f"docgen: {entry.path}: {error.translate(language())}", err=True)
    return len(failures)


@main.command("print-file")
@click.argument("plan_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--units", "units_file", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Units list (.csv or .xlsx).")
@click.option("--unit", "unit_codes", multiple=True, metavar="CODE",
              help="Only this unit (repeat for more); default: every unit, in the list's order.")
@click.option("--kinds", default=",".join(default_kinds()), show_default=True,
              help=f"Comma-separated kinds: {', '.join(batch_kinds())}.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The PDF to write.")
@PDF_WORKERS
@WORDING
@reports_bad_input
def print_file(plan_file: Path, units_file: Path, unit_codes: tuple[str, ...], kinds: str, output: Path,
               pdf_workers: int | None, wording_dir: Path | None) -> None:
    """One PDF of the chosen units' documents in the batch's order, each starting on an odd page,
    for duplex printing."""
    import time

    from docgen.files import load_plan
    from docgen.units import read_units

    chosen = _chosen_kinds(kinds)
    plan = load_plan(plan_file)
    wording = _wording(wording_dir)
    units = read_units(units_file, wording)
    if unit_codes:
        listed = {unit.code for unit in units}
        unknown = [code for code in unit_codes if code not in listed]
        if unknown:
            raise Failure(N_("%(file)s: không có đơn vị mã “%(code)s”"), file=units_file, code=unknown[0])
        units = [unit for unit in units if unit.code in unit_codes]
    started = time.perf_counter()
    failed = _pdf_batch(plan, units, chosen, pdf_workers, print_file=output, wording=wording)
    elapsed = time.perf_counter() - started
    click.echo(say(N_("%(file)s: %(count)s văn bản cho %(units)s đơn vị trong %(seconds)s giây"), file=output,
                   count=len(units) * len(chosen) - failed, units=len(units), seconds=f"{elapsed:.1f}"))
    if failed:
        sys.exit(1)


@main.command()
@click.option("--host", help="Address to listen on (0.0.0.0: the whole office network) [default: DOCGEN_HOST, else 127.0.0.1].")
@click.option("--port", type=click.IntRange(1, 65535), help="[default: DOCGEN_PORT, else 5000]")
@click.option("--threads", type=click.IntRange(1, 256), help="Requests served at once [default: DOCGEN_THREADS, else 8].")
@click.option("--dev", is_flag=True, help="Werkzeug's development server instead of waitress, for working on docgen.")
@reports_bad_input
def serve(host: str | None, port: int | None, threads: int | None, dev: bool) -> None:
    """Run the web app with waitress; data in a SQLite file under var/ unless DOCGEN_DATABASE_URL says otherwise."""
    from docgen import settings
    from docgen.folderlock import locked
    from webui import create_app

    chosen = settings.current()
    host, port = host or chosen.host, port or chosen.port
    with locked(Path(chosen.data_dir).resolve()):  # before anything touches the folder's batches
        _serve(create_app(), host, port, threads or chosen.threads, chosen.trusted_proxy, dev)


def _serve(app, host: str, port: int, threads: int, trusted_proxy: str, dev: bool) -> None:
    if dev:
        from werkzeug.serving import make_server

        server = make_server(host, port, app, threaded=True)
        run, stop = server.serve_forever, server.server_close
    else:
        from waitress.server import create_server

        # Behind a proxy (DOCGEN_TRUSTED_PROXY), the client's address and scheme are the proxy's X-Forwarded-* ones.
        proxy = {"trusted_proxy": trusted_proxy, "trusted_proxy_count": 1,
                 "trusted_proxy_headers": "x-forwarded-for x-forwarded-proto x-forwarded-host"} if trusted_proxy else {}
        server = create_server(app, host=host, port=port, threads=threads, ident="docgen",
                               clear_untrusted_proxy_headers=True, **proxy)
        run, stop = server.run, server.close
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    click.echo(say(N_("docgen: ứng dụng web ở địa chỉ %(address)s (Ctrl+C để dừng)"), address=f"http://{shown}:{port}/"),
               err=True)
    try:
        run()
    except KeyboardInterrupt:
        pass
    finally:
        stop()


@main.command()
@click.option("--burst", is_flag=True, help="Stop once the queue is empty.")
@reports_bad_input
def worker(burst: bool) -> None:
    """Make the web app's batches from the queue DOCGEN_QUEUE_URL names, into the database and shared files
    the web app uses (DOCGEN_DATABASE_URL, DOCGEN_STORAGE_URL); start as many as the machines allow."""
    from docgen import settings
    from docgen.jobs.queue import work

    chosen = settings.current()
    if not chosen.queue_url:
        raise Failure(N_("docgen worker cần hàng đợi: đặt DOCGEN_QUEUE_URL (redis://máy:6379/0)"))
    click.echo(say(N_("docgen: đang chờ việc ở hàng đợi %(queue)s (Ctrl+C để dừng)"), queue=chosen.queue_url), err=True)
    work(chosen.queue_url, chosen.worker_lost_seconds, burst=burst)


@main.group()
def generation() -> None:
    """The web app's batches (in the database `docgen user` uses): where each stands, and cancelling one."""


@generation.command("list")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@reports_bad_input
def generation_list(limit: int) -> None:
    """The latest batches of every organisation: number, organisation, state, documents made of all, kinds."""
    from docgen.store import generations

    with _database().session() as session:
        for record in generations.latest(session, limit):
            click.echo("\t".join((str(record.id), str(record.organisation_id), record.status,
                                   f"{record.done}/{record.total}", record.kinds)))


@generation.command("cancel")
@click.argument("generation_id", type=int)
@reports_bad_input
def generation_cancel(generation_id: int) -> None:
    """Stop a batch that is waiting or being made (its worker stops at its next document)."""
    from docgen.store import generations

    with _database().session() as session:
        if not generations.cancel(session, generation_id):
            raise Failure(N_("Lần tạo %(number)s không có, hoặc đã xong"), number=generation_id)
    click.echo(say(N_("Đã hủy lần tạo %(number)s"), number=generation_id))


# Spelt out (not imported) so that `docgen --help` does not load the database; a test keeps them in step.
ROLE_CHOICE = click.Choice(["quan-tri", "van-phong", "don-vi"])
PASSWORD_STDIN = click.option("--password-stdin", is_flag=True,
                              help="Read the password from standard input (one line) instead of asking for it.")


@main.group()
def user() -> None:
    """Accounts of the web app, in its database (DOCGEN_DATABASE_URL, else docgen.sqlite in DOCGEN_DATA_DIR
    or var/), created and migrated as `docgen serve` does."""


def _database():
    from docgen.store import Database, data_dir, default_url

    database = Database(default_url(data_dir()))
    database.upgrade()
    return database


def _password(from_stdin: bool) -> str:
    from docgen.store.users import MAX_PASSWORD, check_password

    if from_stdin:
        password = sys.stdin.readline(MAX_PASSWORD + 2).removesuffix("\n").removesuffix("\r")
    else:
        password = click.prompt(say(N_("Mật khẩu")), hide_input=True, confirmation_prompt=say(N_("Nhập lại mật khẩu")))
    return check_password(password)


def _organisation(session, organisation_id: int | None, profile: Path | None) -> int:
    """The organisation a new account goes in: a new one from ``profile``, the one named, or the only
    one; an empty database gets one from the demo committee's profile."""
    from docgen.files import load_organisation
    from docgen.store import organisations

    if profile is not None:
        return organisations.add(session, load_organisation(profile)).id
    known = [record.id for record in organisations.all_organisations(session)]
    if organisation_id is not None:
        if organisation_id not in known:
            raise Failure(N_("không có tổ chức số %(id)s; xem các tổ chức bằng docgen user list"), id=organisation_id)
        return organisation_id
    if len(known) > 1:
        raise Failure(N_("cơ sở dữ liệu có %(count)s tổ chức: chọn một bằng --org (xem docgen user list)"),
                      count=len(known))
    return known[0] if known else organisations.add(session, load_organisation()).id


@user.command("add")
@click.argument("name")
@click.option("--role", type=ROLE_CHOICE, required=True, help="quan-tri: accounts and settings; van-phong: the "
              "committee's office; don-vi: one unit's account (with --unit).")
@click.option("--unit", "unit_code", metavar="CODE", help="The unit of a don-vi account.")
@click.option("--org", "organisation_id", type=click.IntRange(min=1),
              help="The organisation (needed when the database holds several; see docgen user list).")
@click.option("--profile", type=click.Path(dir_okay=False, path_type=Path),
              help="Make a new organisation from this profile (YAML, like examples/organisation.yaml) for the account.")
@PASSWORD_STDIN
@reports_bad_input
def user_add(name: str, role: str, unit_code: str | None, organisation_id: int | None, profile: Path | None,
             password_stdin: bool) -> None:
    """Create an account, e.g. the first administrator: docgen user add quan-tri --role quan-tri --password-stdin"""
    from docgen.store import audit, units, users

    if (role == "don-vi") != (unit_code is not None):
        raise Failure(N_("--unit đi cùng --role don-vi, và chỉ với nó"))
    password = _password(password_stdin)
    with _database().session() as session:
        organisation = _organisation(session, organisation_id, profile)
        unit = units.by_code(session, organisation, unit_code) if unit_code is not None else None
        if unit_code is not None and unit is None:
            raise Failure(N_("tổ chức số %(id)s không có đơn vị mã “%(code)s”"), id=organisation, code=unit_code)
        account = users.add(session, organisation, name, role, password, unit)
        audit.record(session, organisation, None, "create", "user", account.id, f"{name} ({role})")
    click.echo(say(N_("đã tạo tài khoản %(name)s (%(role)s) trong tổ chức số %(id)s"), name=name, role=role,
                   id=organisation), err=True)


@user.command("password")
@click.argument("name")
@PASSWORD_STDIN
@reports_bad_input
def user_password(name: str, password_stdin: bool) -> None:
    """Give an account a new password (signing out its sessions)."""
    from docgen.store import audit, users

    password = _password(password_stdin)
    with _database().session() as session:
        account = users.by_name(session, name)
        if account is None:
            raise Failure(N_("không có tài khoản “%(name)s”"), name=name)
        users.set_password(account, password)
        audit.record(session, account.organisation_id, None, "password", "user", account.id, name)
    click.echo(say(N_("đã đặt mật khẩu mới cho %(name)s"), name=name), err=True)


@user.command("list")
@reports_bad_input
def user_list() -> None:
    """The organisations and their accounts."""
    from docgen.store import organisations, units, users

    with _database().session() as session:
        for record in organisations.all_organisations(session):
            click.echo(f"{record.id}\t{record.organisation.name}")
            codes = {unit.id: unit.code for unit in units.all_units(session, record.id)}
            for account in users.all_users(session, record.id):
                state = "" if account.active else say(N_("đã khóa"))
                click.echo("\t".join(("", account.name, account.role, codes.get(account.unit_id, ""), state)).rstrip())


@main.command()
@click.argument("document", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Findings as JSON.")
@click.option("--lang", type=click.Choice(LANGUAGES), help="Language of the messages (default: docgen's --lang).")
def check(document: Path, as_json: bool, lang: str | None) -> None:
    """Check a .docx against the Party format and Vietnamese text rules; exit 1 on errors."""
    import json

    from docgen.check import UnreadableDocument, check_document
    from docgen.check.report import format_human, to_json

    lang = lang or language()
    try:
        result = check_document(document, language=lang)
    except UnreadableDocument as error:
        raise Failure(f"{document}: {error.translate(lang)}") from None
    except OSError as error:
        raise Failure(f"{document}: {error.strerror}") from None
    if as_json:
        click.echo(json.dumps(to_json(result), ensure_ascii=False, indent=2))
    else:
        click.echo(format_human(result, lang))
    sys.exit(1 if result.errors else 0)


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), required=False)
@click.option("--print", "name", metavar="NAME", help="Print one example file instead (e.g. units.csv).")
@reports_bad_input
def example(folder: Path | None, name: str | None) -> None:
    """Copy the example files (the demo committee, the seed plan, sample units) into FOLDER,
    to try every command on; without FOLDER, list them."""
    from docgen.files import EXAMPLES

    examples = {path.name: path for path in sorted(EXAMPLES.iterdir()) if path.is_file()}
    if name is not None:
        if name not in examples:
            raise Failure(N_("không có tệp mẫu “%(name)s”; các tệp mẫu: %(names)s"), name=name, names=", ".join(examples))
        click.echo(examples[name].read_text(encoding="utf-8"), nl=False)
        return
    if folder is None:
        for file in examples:
            click.echo(file)
        return
    existing = [file for file in examples if (folder / file).exists()]
    if existing:
        raise Failure(N_("%(folder)s: sẽ ghi đè %(files)s; hãy chọn một thư mục trống"), folder=folder,
                      files=", ".join(existing))
    folder.mkdir(parents=True, exist_ok=True)
    for file, path in examples.items():
        write_atomically(folder / file, path.read_bytes())
        click.echo(str(folder / file))


@main.command()
@click.argument("plan_file", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FILE_OR_DIR...")
@click.option("--units", "units_file", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Units list (.csv or .xlsx).")
@click.option("--json", "as_json", is_flag=True, help="The collection as JSON.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the figures as an XLSX workbook.")
@reports_bad_input
def collect(plan_file: Path, sources: tuple[Path, ...], units_file: Path, as_json: bool, output: Path | None) -> None:
    """Read the units' returned report forms (.docx files, or folders of them) and total their figures;
    exit 1 when a file or a figure needs a person's look."""
    import json

    from docgen.files import load_plan
    from docgen.reports.collect import collect as collect_forms
    from docgen.reports.export import summary_text, workbook
    from docgen.units import read_units

    collection = collect_forms(load_plan(plan_file), read_units(units_file), sources)
    if output:
        write_atomically(output, workbook(collection))
        click.echo(say(N_("%(file)s: %(count)s đơn vị"), file=output, count=len(collection.units)), err=True)
    if as_json:
        click.echo(json.dumps(collection.to_json(language()), ensure_ascii=False, indent=2))
    else:
        click.echo(summary_text(collection, language()))
    sys.exit(1 if collection.needs_review else 0)


@main.command("build-templates")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              default=Path("templates"), show_default=True)
def build_templates(output: Path) -> None:
    """Rebuild the .docx templates from the format profile."""
    from docgen.builder import build_templates as build

    for path in build(output):
        click.echo(str(path))


def _office_database():
    """The web app's database (as :func:`_database`), given the demo committee, its terms and its demo
    accounts (written to the data folder, as `docgen serve` does) when it is empty."""
    from docgen.store import data_dir
    from docgen.store.demo import fill_if_empty

    database = _database()
    fill_if_empty(database, data_dir())
    return database


def _only_organisation(session, organisation_id: int | None) -> int:
    """The organisation named, or the only one."""
    from docgen.store import organisations

    known = [record.id for record in organisations.all_organisations(session)]
    if organisation_id is not None and organisation_id not in known:
        raise Failure(N_("không có tổ chức số %(id)s; xem các tổ chức bằng docgen user list"), id=organisation_id)
    if organisation_id is None and len(known) > 1:
        raise Failure(N_("cơ sở dữ liệu có %(count)s tổ chức: chọn một bằng --org (xem docgen user list)"),
                      count=len(known))
    return organisation_id or known[0]


ORG = click.option("--org", "organisation_id", type=click.IntRange(min=1),
                   help="The organisation (needed when the database holds several; see docgen user list).")
DATE = click.option("--date", "day", metavar="DD/MM/YYYY", help="The document's date (default: today).")
TERM = click.option("--term", "term_id", type=click.IntRange(min=1), help="The term (see docgen term list).")


def _date(text: str | None):
    from docgen.register.terms import today
    from docgen.vn.dates import parse_date

    return parse_date(text) if text else today()


@main.group()
def register() -> None:
    """The outgoing register (sổ đăng ký văn bản đi), in the web app's database: numbers from 01 for each
    document type within a term, a congress's documents in one series."""


@register.command("take")
@click.argument("doc_type", metavar="TYPE")
@click.option("--summary", default="", help="Trích yếu.")
@DATE
@click.option("--recipient", "recipients", multiple=True, help="Nơi nhận (repeat for more).")
@click.option("--signer", default="", help="Who signs it.")
@click.option("--keeper", default="", help="Who keeps the filed copy.")
@click.option("--copies", type=click.IntRange(min=1), help="Copies issued.")
@click.option("--joint", "joint_with", default="", help="The other bodies of a joint document this body leads.")
@click.option("--congress", is_flag=True, help="A congress document: the congress's one series (…/ĐH).")
@click.option("--reserve", is_flag=True, help="Hold the numbers for documents to come.")
@click.option("--count", type=click.IntRange(1, 5000), default=1, show_default=True, help="Consecutive numbers to take.")
@ORG
@reports_bad_input
def register_take(doc_type: str, summary: str, day: str | None, recipients: tuple[str, ...], signer: str, keeper: str,
                  copies: int | None, joint_with: str, congress: bool, reserve: bool, count: int,
                  organisation_id: int | None) -> None:
    """Take the next number of TYPE (KH, CV, HD, BC, TB, QĐ …) and print it: 16-KH/ĐUK."""
    from docgen.register.book import Issue, number_text, take

    database = _office_database()
    with database.session() as session:
        organisation = _only_organisation(session, organisation_id)
    issue = Issue(doc_type, _date(day), summary=summary, recipients=recipients, signer=signer, keeper=keeper,
                  copies=copies, joint_with=joint_with, congress=congress)
    for entry in take(database, organisation, [issue] * count, reserve=reserve):
        click.echo(number_text(entry))


def _term(session, organisation: int, term_id: int | None):
    from docgen.register import terms

    if term_id is None:
        return terms.term_on(session, organisation, _date(None))
    return terms.get(session, organisation, term_id) or _no_term(term_id)


def _no_term(term_id: int):
    raise Failure(N_("không có nhiệm kỳ số %(id)s; xem các nhiệm kỳ bằng docgen term list"), id=term_id)


@register.command("list")
@click.option("--type", "doc_type", help="Only this type.")
@TERM
@click.option("--json", "as_json", is_flag=True, help="The lines as JSON.")
@ORG
@reports_bad_input
def register_list(doc_type: str | None, term_id: int | None, as_json: bool, organisation_id: int | None) -> None:
    """The book of a term (default: today's), in the order numbers were taken."""
    import json

    from docgen.register import book
    from docgen.register.types import doc_type as known_type

    with _office_database().session() as session:
        organisation = _only_organisation(session, organisation_id)
        term = _term(session, organisation, term_id)
        lines = book.entries(session, organisation, term.id, known_type(doc_type) if doc_type else None)
    if as_json:
        click.echo(json.dumps([_line(entry, term) for entry in lines], ensure_ascii=False, indent=2))
        return
    for entry in lines:
        status = "" if entry.status == "issued" else f" [{say(book.STATUS_NAMES[entry.status])}]"
        click.echo(f"{book.number_text(entry)}\t{entry.issued_on:%d/%m/%Y}\t{entry.summary}{status}")


def _line(entry, term) -> dict:
    from docgen.register.book import number_text

    return {"number": number_text(entry), "type": entry.doc_type, "date": entry.issued_on.isoformat(),
            "status": entry.status, "summary": entry.summary, "recipients": entry.recipients.splitlines(),
            "signer": entry.signer, "keeper": entry.keeper, "copies": entry.copies, "joint_with": entry.joint_with,
            "note": entry.note, "file": entry.file_name, "term": term.name}


@register.command("cancel")
@click.argument("number")
@click.option("--reason", default="", help="Why (kept in the book).")
@TERM
@ORG
@reports_bad_input
def register_cancel(number: str, reason: str, term_id: int | None, organisation_id: int | None) -> None:
    """Cancel NUMBER (16-KH/ĐUK): it stays in the book, marked cancelled, and is never given again."""
    from docgen.register import book
    from docgen.store import audit

    with _office_database().session() as session:
        organisation = _only_organisation(session, organisation_id)
        if term_id is not None:
            _term(session, organisation, term_id)
        entry = book.find(session, organisation, number, term_id)
        book.cancel(entry, reason)
        audit.record(session, organisation, None, "void", "number", entry.id, f"{book.number_text(entry)} {entry.note}")
        click.echo(say(N_("đã hủy số %(number)s"), number=book.number_text(entry)), err=True)


@register.command("export")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The XLSX to write.")
@click.option("--type", "doc_type", help="Only this type.")
@TERM
@ORG
@reports_bad_input
def register_export(output: Path, doc_type: str | None, term_id: int | None, organisation_id: int | None) -> None:
    """The book of a term as an XLSX laid out as the paper book."""
    from docgen.register import book
    from docgen.register.export import workbook
    from docgen.register.types import doc_type as known_type
    from docgen.store import organisations

    with _office_database().session() as session:
        organisation = _only_organisation(session, organisation_id)
        term = _term(session, organisation, term_id)
        lines = book.entries(session, organisation, term.id, known_type(doc_type) if doc_type else None)
        data = workbook(organisations.get(session, organisation).organisation, term, lines)
    write_atomically(output, data)
    click.echo(f"{output}: {len(lines)}", err=True)


@main.group()
def term() -> None:
    """The terms (nhiệm kỳ) and congresses (đại hội) the register numbers within."""


@term.command("add")
@click.argument("name")
@click.option("--start", required=True, metavar="DD/MM/YYYY", help="Its first day.")
@click.option("--end", metavar="DD/MM/YYYY", help="Its last day (default: open).")
@click.option("--congress", is_flag=True, help="A congress (đại hội), whose documents share one series.")
@ORG
@reports_bad_input
def term_add(name: str, start: str, end: str | None, congress: bool, organisation_id: int | None) -> None:
    """Add a term, e.g. docgen term add "2025 - 2030" --start 01/7/2025"""
    from docgen.register import terms
    from docgen.store import audit
    from docgen.vn.dates import parse_date

    with _office_database().session() as session:
        organisation = _only_organisation(session, organisation_id)
        added = terms.add(session, organisation, name, parse_date(start), parse_date(end) if end else None, congress)
        audit.record(session, organisation, None, "create", "term", added.id, f"{added.name} ({terms.span(added)})")
        click.echo(f"{added.id}\t{added.name}\t{terms.span(added)}")


@term.command("end")
@click.argument("term_id", type=click.IntRange(min=1))
@click.argument("day", metavar="DD/MM/YYYY")
@ORG
@reports_bad_input
def term_end(term_id: int, day: str, organisation_id: int | None) -> None:
    """Set the last day of a term (before adding the next)."""
    from docgen.register import terms
    from docgen.store import audit
    from docgen.vn.dates import parse_date

    with _office_database().session() as session:
        organisation = _only_organisation(session, organisation_id)
        found = _term(session, organisation, term_id)
        terms.update(session, found, found.name, found.starts_on, parse_date(day))
        audit.record(session, organisation, None, "update", "term", found.id, f"{found.name} ({terms.span(found)})")
        click.echo(f"{found.id}\t{found.name}\t{terms.span(found)}")


@term.command("list")
@ORG
@reports_bad_input
def term_list(organisation_id: int | None) -> None:
    """The terms and congresses, the latest first."""
    from docgen.register import terms

    with _office_database().session() as session:
        organisation = _only_organisation(session, organisation_id)
        for found in terms.all_terms(session, organisation):
            kind = say(N_("đại hội")) if found.congress else say(N_("nhiệm kỳ"))
            click.echo(f"{found.id}\t{found.name}\t{terms.span(found)}\t{kind}")


@main.group()
def template() -> None:
    """The office's own templates, in the web app's database: versions kept, one live for each kind."""


@template.command("list")
@ORG
@reports_bad_input
def template_list(organisation_id: int | None) -> None:
    """Each kind with the version in use (0: docgen's own) and the versions kept."""
    from docgen.office_templates import versions

    with _office_database().session() as session:
        organisation = _only_organisation(session, organisation_id)
        used = versions.live_numbers(session, organisation, KINDS)
        for kind in KINDS:
            kept = ", ".join(str(record.version) for record in versions.versions(session, organisation, kind))
            click.echo(f"{kind}\t{used[kind]}\t{kept}".rstrip())


@template.command("show")
@click.argument("kind")
@click.option("--version", type=click.IntRange(min=0), help="A version (0: docgen's own; default: the one in use).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Also write that template.")
@ORG
@reports_bad_input
def template_show(kind: str, version: int | None, output: Path | None, organisation_id: int | None) -> None:
    """The variables KIND's template may read (type, example), its versions, and the template itself with -o."""
    from docgen.kinds import get_kind
    from docgen.office_templates import versions
    from docgen.office_templates.reference import kind_reference
    from docgen.office_templates.shapes import KIND_NAMES

    get_kind(kind)
    with _office_database().session() as session:
        organisation = _only_organisation(session, organisation_id)
        name, data = versions.template_data(session, organisation, kind, version)
        kept = versions.versions(session, organisation, kind)
        used = versions.live_numbers(session, organisation, [kind])[kind]
    for line in kind_reference(kind):
        click.echo(f"{line.path}\t{say(KIND_NAMES[line.shape.kind])}\t{line.example}".rstrip())
    for record in kept:
        mark = "*" if record.version == used else " "
        line = f"{mark} {record.version}\t{record.uploaded_at:%d/%m/%Y %H:%M}\t{record.file_name}\t{record.note}"
        click.echo(line.rstrip())
    click.echo(f"{'*' if used == 0 else ' '} 0\t{say(N_('mẫu của docgen'))}")
    if output:
        write_atomically(output, data)
        click.echo(f"{output}: {name}", err=True)


@template.command("add")
@click.argument("kind")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--note", default="", help="What changed.")
@click.option("--use", "use_it", is_flag=True, help="Make it the one in use.")
@ORG
@reports_bad_input
def template_add(kind: str, file: Path, note: str, use_it: bool, organisation_id: int | None) -> None:
    """Check FILE.docx as KIND's template and keep it as a new version; what is wrong is printed, each
    problem with the paragraph it is in, and nothing is kept (exit 2)."""
    from docgen.office_templates import versions
    from docgen.office_templates.validate import MAX_TEMPLATE_BYTES
    from docgen.store import audit
    from docgen.uploads import read_file

    data = read_file(file, MAX_TEMPLATE_BYTES)
    with _office_database().session() as session:
        organisation = _only_organisation(session, organisation_id)
        record, validation = versions.add(session, organisation, kind, file.name, data, note=note)
        for finding in validation.findings:
            where = f" [{finding.paragraph}]" if finding.paragraph else ""
            click.echo(f"{file}:{where} {finding.message.translate(language())}", err=True)
            if finding.note:
                click.echo(f"  {finding.note.translate(language())}", err=True)
        if record is None:
            raise Failure(N_("%(file)s: mẫu không dùng được (%(count)s lỗi); chưa lưu"), file=file,
                          count=len(validation.findings))
        audit.record(session, organisation, None, "upload", "template", record.id,
                     f"{kind} {record.version}: {record.file_name}")
        if use_it:
            versions.use(session, organisation, kind, record.version)
            audit.record(session, organisation, None, "use", "template", None, f"{kind} {record.version}")
        click.echo(say(N_("%(kind)s: phiên bản %(version)s"), kind=kind, version=record.version))


@template.command("use")
@click.argument("kind")
@click.argument("version", type=click.IntRange(min=0))
@ORG
@reports_bad_input
def template_use(kind: str, version: int, organisation_id: int | None) -> None:
    """Make VERSION of KIND's template the one in use (0: docgen's own), e.g. to go back to an earlier one."""
    from docgen.office_templates import versions
    from docgen.store import audit

    with _office_database().session() as session:
        organisation = _only_organisation(session, organisation_id)
        versions.use(session, organisation, kind, version)
        audit.record(session, organisation, None, "use", "template", None, f"{kind} {version}")
    click.echo(say(N_("%(kind)s: dùng phiên bản %(version)s"), kind=kind, version=version), err=True)


if __name__ == "__main__":
    sys.exit(main())
