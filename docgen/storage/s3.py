"""Files in an S3-compatible store (AWS S3, MinIO, Ceph, …) through boto3 (``pip install docgen[s3]``).

An object is written by one upload of the finished local file (a multipart upload for a big one),
which the store makes visible only once complete. A file is read with ranged GETs of the version
that was there when it was opened, so a ZIP is read member by member without fetching it whole.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from docgen.storage.base import Storage, checked

READ_BUFFER = 1024 * 1024


def _missing(error) -> bool:
    return error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound")


class S3Storage(Storage):
    def __init__(self, bucket: str, prefix: str = "", endpoint: str | None = None, region: str | None = None):
        import boto3
        from botocore.config import Config

        self.bucket, self.prefix = bucket, prefix
        self.client = boto3.client("s3", endpoint_url=endpoint, region_name=region,
                                   config=Config(connect_timeout=5, read_timeout=60, retries={"mode": "standard"}))

    def __repr__(self) -> str:
        return f"S3Storage({self.bucket!r}, {self.prefix!r})"

    def name(self, key: str) -> str:
        return f"{self.prefix}/{checked(key)}" if self.prefix else checked(key)

    @contextmanager
    def writing(self, key: str) -> Iterator[Path]:
        name = self.name(key)
        with tempfile.TemporaryDirectory(prefix="docgen-upload-") as folder:
            path = Path(folder) / PurePosixPath(name).name
            path.touch()
            yield path
            self.client.upload_file(str(path), self.bucket, name)

    def open(self, key: str) -> BinaryIO:
        from botocore.exceptions import ClientError

        name = self.name(key)
        try:
            head = self.client.head_object(Bucket=self.bucket, Key=name)
        except ClientError as error:
            if _missing(error):
                raise FileNotFoundError(key) from None
            raise
        return io.BufferedReader(Reader(self.client, self.bucket, name, head["ContentLength"], head["ETag"]),
                                 buffer_size=READ_BUFFER)

    def size(self, key: str) -> int | None:
        from botocore.exceptions import ClientError

        try:
            return self.client.head_object(Bucket=self.bucket, Key=self.name(key))["ContentLength"]
        except ClientError as error:
            if _missing(error):
                return None
            raise

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self.name(key))

    def keys(self, prefix: str) -> Iterator[str]:
        skip = len(self.prefix) + 1 if self.prefix else 0
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=self.name(prefix) + "/")
        for page in pages:
            for item in page.get("Contents", ()):
                yield item["Key"][skip:]

    def check(self) -> None:
        self.client.head_bucket(Bucket=self.bucket)


class Reader(io.RawIOBase):
    """One object, read by ranges; the version opened (its ETag), or FileNotFoundError once it has gone."""

    def __init__(self, client, bucket: str, name: str, size: int, etag: str):
        super().__init__()
        self.client, self.bucket, self.name, self.size, self.etag = client, bucket, name, size, etag
        self.position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.position, io.SEEK_END: self.size}[whence]
        if base + offset < 0:
            raise ValueError("negative seek position")
        self.position = base + offset
        return self.position

    def fetch(self, end: int) -> bytes:
        """Bytes from the position up to ``end`` (excluded)."""
        from botocore.exceptions import ClientError

        try:
            body = self.client.get_object(Bucket=self.bucket, Key=self.name, IfMatch=self.etag,
                                          Range=f"bytes={self.position}-{end - 1}")["Body"]
        except ClientError as error:
            if _missing(error) or error.response.get("Error", {}).get("Code") == "PreconditionFailed":
                raise FileNotFoundError(self.name) from None
            raise
        with body:
            data = body.read()
        self.position += len(data)
        return data

    def readinto(self, buffer) -> int:
        if self.position >= self.size or not len(buffer):
            return 0
        data = self.fetch(min(self.position + len(buffer), self.size))
        buffer[:len(data)] = data
        return len(data)

    def readall(self) -> bytes:
        return self.fetch(self.size) if self.position < self.size else b""
