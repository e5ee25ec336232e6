"""Shared files (docgen.storage) in a folder and in an S3-compatible store: moto's S3 server on the
loopback address, reached over HTTP as any S3 store is."""

from __future__ import annotations

import io
import os
import threading
import zipfile
from pathlib import Path

import pytest

from docgen.errors import BadInput
from docgen.storage import FolderStorage, open_storage
from docgen.storage.s3 import S3Storage


@pytest.fixture(params=["folder", "s3"])
def storage(request, tmp_path):
    if request.param == "folder":
        return FolderStorage(tmp_path / "files")
    return open_storage(request.getfixturevalue("s3_url"), tmp_path)


def test_a_file_written_is_read_back_listed_and_deleted(storage):
    with storage.writing("generations/1.zip") as path:
        path.write_bytes(b"PK first")
    storage.put("generations/old/2.zip", b"second")
    storage.put("reports/3.docx", b"third")
    assert storage.read("generations/1.zip") == b"PK first"
    assert storage.size("generations/old/2.zip") == 6 and storage.exists("reports/3.docx")
    assert sorted(storage.keys("generations")) == ["generations/1.zip", "generations/old/2.zip"]
    storage.delete("generations/1.zip")
    storage.delete("generations/1.zip")  # gone already: nothing to do
    assert not storage.exists("generations/1.zip") and storage.size("generations/1.zip") is None
    with pytest.raises(FileNotFoundError):
        storage.open("generations/1.zip")
    assert list(storage.keys("nothing")) == []


def test_a_file_appears_only_when_complete_and_a_failed_write_leaves_the_one_before(storage):
    storage.put("generations/1.zip", b"version 1")
    with storage.writing("generations/1.zip") as path:
        path.write_bytes(b"version 2, half")
        assert storage.read("generations/1.zip") == b"version 1"
        with storage.writing("generations/2.zip") as other:
            other.write_bytes(b"half")
            assert not storage.exists("generations/2.zip")
        path.write_bytes(b"version 2")
    assert storage.read("generations/1.zip") == b"version 2"
    with pytest.raises(RuntimeError), storage.writing("generations/1.zip") as path:
        path.write_bytes(b"version 3, broken")
        raise RuntimeError("the batch failed")
    with pytest.raises(RuntimeError), storage.writing("generations/4.zip") as path:
        path.write_bytes(b"never")
        raise RuntimeError("the batch failed")
    assert storage.read("generations/1.zip") == b"version 2" and not storage.exists("generations/4.zip")
    assert sorted(storage.keys("generations")) == ["generations/1.zip", "generations/2.zip"]


def test_a_big_file_goes_in_parts_and_a_zip_is_read_member_by_member(storage):
    """Over boto3's 8 MB threshold an upload is multipart; the object still appears whole."""
    members = {f"don-vi-{number}/van-ban.docx": os.urandom(1024 * 1024) for number in range(10)}
    with storage.writing("generations/big.zip") as path, zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    assert storage.size("generations/big.zip") > 10 * 1024 * 1024
    with storage.open("generations/big.zip") as opened, zipfile.ZipFile(opened) as archive:
        assert archive.namelist() == list(members)
        assert archive.read("don-vi-7/van-ban.docx") == members["don-vi-7/van-ban.docx"]
        assert archive.read("don-vi-0/van-ban.docx") == members["don-vi-0/van-ban.docx"]
    with storage.open("generations/big.zip") as opened:
        assert opened.seek(0, io.SEEK_END) == storage.size("generations/big.zip")
        opened.seek(-22, io.SEEK_END)
        assert opened.read()[:4] == b"PK\x05\x06"  # the end of the central directory, and only it


def test_writers_of_one_key_at_once_leave_one_whole_file(storage):
    versions = [bytes([number]) * 200_000 for number in range(4)]

    def write(data: bytes) -> None:
        storage.put("generations/1.zip", data)

    threads = [threading.Thread(target=write, args=(data,)) for data in versions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert storage.read("generations/1.zip") in versions


def test_keys_are_plain_relative_paths(storage):
    for key in ("../secret-key", "/etc/passwd", "generations/../../x", "a//b", "", ".hidden", "a\\b", "tên.zip"):
        with pytest.raises(ValueError, match="not a storage key"):
            storage.put(key, b"x")


def test_a_file_replaced_while_it_is_read_is_not_mixed_with_the_new_one(s3_url, tmp_path):
    storage = open_storage(s3_url, tmp_path)
    storage.put("generations/1.zip", b"a" * 3_000_000)
    with storage.open("generations/1.zip") as opened:
        assert opened.read(10) == b"a" * 10
        storage.put("generations/1.zip", b"b" * 3_000_000)
        with pytest.raises(FileNotFoundError):
            opened.read()


def test_the_folder_forgets_what_a_killed_server_was_writing(tmp_path):
    storage = FolderStorage(tmp_path)
    storage.put("generations/1.zip", b"whole")
    (tmp_path / "generations" / ".2.zip.abc.part").write_bytes(b"half")
    assert list(storage.keys("generations")) == ["generations/1.zip"]
    storage.forget_unfinished("generations")
    assert sorted(path.name for path in (tmp_path / "generations").iterdir()) == ["1.zip"]


def test_the_storage_url_chooses_the_place(tmp_path, s3_endpoint):
    assert open_storage("", tmp_path).root == tmp_path.resolve()
    assert open_storage(str(tmp_path / "common"), tmp_path).root == tmp_path / "common"
    assert open_storage((tmp_path / "common").as_uri(), tmp_path).root == tmp_path / "common"
    s3 = open_storage(f"s3://docgen-files/site/a?endpoint={s3_endpoint}&region=eu-west-1", tmp_path)
    assert isinstance(s3, S3Storage) and (s3.bucket, s3.prefix) == ("docgen-files", "site/a")
    assert s3.name("generations/1.zip") == "site/a/generations/1.zip"
    assert s3.client.meta.endpoint_url == s3_endpoint and s3.client.meta.region_name == "eu-west-1"
    for url in ("s3:///no-bucket", "s3://bucket?secret=x", "ftp://files.example/docgen"):
        with pytest.raises(BadInput, match="DOCGEN_STORAGE_URL"):
            open_storage(url, tmp_path)


def test_a_storage_out_of_reach_fails_its_check(s3_url, s3_endpoint, tmp_path):
    open_storage(s3_url, tmp_path).check()
    with pytest.raises(Exception, match="404|Not Found|NoSuchBucket"):
        open_storage(f"s3://no-such-bucket?endpoint={s3_endpoint}", tmp_path).check()
    FolderStorage(tmp_path / "new").check()
    (tmp_path / "file").write_text("")
    with pytest.raises(OSError):
        FolderStorage(tmp_path / "file" / "below").check()


def test_the_s3_store_keeps_nothing_on_the_local_disk_after_a_write(s3_url, tmp_path):
    storage = open_storage(s3_url, tmp_path)
    with storage.writing("generations/1.zip") as path:
        path.write_bytes(b"x")
        local = path
    assert not local.exists() and not local.parent.exists()
    assert not any(Path(tmp_path).iterdir())
