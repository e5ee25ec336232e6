"""Files every server of a site must reach: generated ZIPs and PDFs, returned reports, templates.

One interface (:class:`Storage`), two places, chosen by ``DOCGEN_STORAGE_URL``
(:func:`open_storage`): a folder (the default: the data folder), or an S3-compatible store
(``s3://bucket/prefix?endpoint=…``, credentials the AWS way: ``AWS_ACCESS_KEY_ID`` and
``AWS_SECRET_ACCESS_KEY``, or boto3's configuration files). A file is named by a key, a relative path
with ``/`` (``generations/12.zip``), and appears only when complete, in either place: a reader sees
the whole file or none.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from docgen.errors import BadInput
from docgen.i18n import N_
from docgen.storage.base import Storage
from docgen.storage.folder import FolderStorage

__all__ = ["FolderStorage", "Storage", "open_storage"]


def open_storage(url: str, data_dir: Path) -> Storage:
    """The storage ``url`` names: ``s3://bucket[/prefix][?endpoint=URL&region=NAME]``, a folder (a
    path, or ``file:///path``), or, when empty, the data folder."""
    if not url:
        return FolderStorage(data_dir)
    parts = urlsplit(url)
    if parts.scheme == "s3":
        from docgen.storage.s3 import S3Storage

        options = {name: values[-1] for name, values in parse_qs(parts.query).items()}
        if not parts.netloc or set(options) - {"endpoint", "region"}:
            raise BadInput(N_("DOCGEN_STORAGE_URL: cần s3://bucket/tiền-tố?endpoint=URL&region=TÊN, không phải “%(url)s”"),
                           url=url)
        return S3Storage(parts.netloc, parts.path.strip("/"), endpoint=options.get("endpoint"),
                         region=options.get("region"))
    if parts.scheme == "file":
        return FolderStorage(Path(parts.path))
    if parts.scheme and len(parts.scheme) > 1:  # a drive letter (C:\…) is a folder
        raise BadInput(N_("DOCGEN_STORAGE_URL: cần một thư mục hoặc s3://…, không phải “%(url)s”"), url=url)
    return FolderStorage(Path(url))
