"""The app's shared files (:mod:`docgen.storage`): the data folder, or the store ``STORAGE_URL`` names."""

from __future__ import annotations

from flask import Flask, current_app

from docgen.storage import Storage, open_storage


def init_app(app: Flask) -> None:
    app.extensions["docgen.storage"] = open_storage(app.config["STORAGE_URL"], app.config["DATA_DIR"])


def storage() -> Storage:
    return current_app.extensions["docgen.storage"]
