"""Settings: environment variables over the DOCGEN_CONFIG file over defaults, each value checked with
its name in the message, read once; the README's table is the settings module's."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen import settings
from docgen.errors import BadInput

from .conftest import REPO


def test_the_environment_wins_over_the_file_which_wins_over_the_defaults(tmp_path):
    config = tmp_path / "docgen.toml"
    config.write_text('database_url = "postgresql+psycopg://docgen@db/docgen"\nthreads = 16\nhttps = true\n'
                      'trusted_hosts = ["docgen.hungyen.vn", "localhost"]\nport = 8080\n', encoding="utf-8")
    chosen = settings.load({"DOCGEN_CONFIG": str(config), "DOCGEN_PORT": "9000", "DOCGEN_TRUSTED_HOSTS": "a.vn, b.vn,",
                            "DOCGEN_DATA_DIR": "/srv/docgen", "DOCGEN_BATCH_JOBS": ""})
    assert chosen.database_url == "postgresql+psycopg://docgen@db/docgen" and chosen.threads == 16
    assert chosen.https is True and chosen.port == 9000 and chosen.trusted_hosts == ("a.vn", "b.vn")
    assert chosen.data_dir == Path("/srv/docgen") and chosen.batch_jobs is None
    defaults = settings.load({})
    assert (defaults.data_dir, defaults.database_url, defaults.threads, defaults.https, defaults.trusted_hosts) == (
        Path("var"), "", 8, False, ())
    assert settings.load({"DOCGEN_HTTPS": "0"}).https is False and settings.load({"DOCGEN_HTTPS": "yes"}).https is True


@pytest.mark.parametrize(("environ", "message"), [
    ({"DOCGEN_THREADS": "many"}, "DOCGEN_THREADS: cần một số nguyên từ 1 đến 256, không phải “many”"),
    ({"DOCGEN_PORT": "70000"}, "DOCGEN_PORT: cần một số nguyên từ 1 đến 65535, không phải “70000”"),
    ({"DOCGEN_HTTPS": "có"}, "DOCGEN_HTTPS: cần 1 hoặc 0 (true hoặc false), không phải “có”"),
    ({"DOCGEN_LANG": "fr"}, "DOCGEN_LANG: cần một trong vi, en, không phải “fr”"),
])
def test_a_bad_variable_is_named_with_what_is_expected(environ, message):
    with pytest.raises(BadInput) as raised:
        settings.load(environ)
    assert str(raised.value) == message


def test_a_bad_file_is_named_with_its_key(tmp_path):
    config = tmp_path / "docgen.toml"
    cases = [("threads = 0\n", f"{config}: threads: cần một số nguyên từ 1 đến 256, không phải “0”"),
             ("https = 2\n", f"{config}: https: cần 1 hoặc 0 (true hoặc false), không phải “2”"),
             ('databse_url = "x"\n', f"{config}: không có thiết lập “databse_url” (các thiết lập: xem README, mục Triển khai)"),
             ("threads = \n", None)]
    for text, message in cases:
        config.write_text(text, encoding="utf-8")
        with pytest.raises(BadInput) as raised:
            settings.load({"DOCGEN_CONFIG": str(config)})
        if message:
            assert str(raised.value) == message
        else:
            assert str(raised.value).startswith(f"{config}: không phải TOML: ")
    with pytest.raises(BadInput, match="DOCGEN_CONFIG: không đọc được tệp .*missing.toml"):
        settings.load({"DOCGEN_CONFIG": str(tmp_path / "missing.toml")})


def test_settings_are_read_once_until_a_variable_changes(tmp_path, monkeypatch):
    config = tmp_path / "docgen.toml"
    config.write_text("threads = 3\n", encoding="utf-8")
    monkeypatch.setenv("DOCGEN_CONFIG", str(config))
    first = settings.current()
    config.write_text("threads = 4\n", encoding="utf-8")
    assert settings.current() is first and first.threads == 3
    monkeypatch.setenv("DOCGEN_PORT", "5001")
    assert settings.current().threads == 4 and settings.current().port == 5001


def test_the_readme_table_is_the_settings_modules():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("<!-- settings: ")
    table = readme[readme.index("\n", start) + 1:readme.index("<!-- end of settings -->")]
    assert table == settings.markdown_table(), \
        "the README's table of settings is stale: paste docgen.settings.markdown_table() in its place"
