"""Import every document of the pasted-plan corpus (tests/data/pasted) and count what came out right.

    .venv/bin/python scripts/measure_import.py        # per document and in total
    .venv/bin/python scripts/measure_import.py -v     # with each wrong field and missed paragraph

Header fields are type, number, date, place, issuer and summary; a body paragraph is right when it
is found exactly (marker included) and in order, and the paragraphs import made up count against it. The organisation filling in what a document lacks
is the demo committee's, as for ``docgen import-plan`` without ``--org``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from docgen.errors import BadInput  # noqa: E402
from docgen.files import load_organisation  # noqa: E402
from tests.pasted import HEADER_FIELDS, corpus, header_of, import_pasted, paragraphs_right  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="show each wrong field and missed paragraph")
    verbose = parser.parse_args().verbose
    organisation = load_organisation()
    fields = fields_right = paragraphs = found = 0
    for document in corpus():
        try:
            plan = import_pasted(document, organisation)
        except BadInput as error:
            header, body, failure = {}, [], str(error)
        else:
            header, body, failure = header_of(plan), plan.body.splitlines(), ""
        right = [field for field in HEADER_FIELDS if header.get(field) == document.header[field]]
        matched, total = paragraphs_right(document.body, body)
        fields, fields_right = fields + len(HEADER_FIELDS), fields_right + len(right)
        paragraphs, found = paragraphs + total, found + matched
        print(f"{document.name:48} header {len(right)}/{len(HEADER_FIELDS)}  "
              f"paragraphs {matched}/{total}{'  refused: ' + failure if failure else ''}")
        if verbose:
            for field in HEADER_FIELDS:
                if field not in right:
                    print(f"    {field}: expected {document.header[field]!r}, got {header.get(field)!r}")
            for paragraph in document.body:
                if paragraph not in body:
                    print(f"    missed: {paragraph[:100]}")
            for paragraph in body:
                if paragraph not in document.body:
                    print(f"    made up: {paragraph[:100]}")
    print(f"{'total':48} header {fields_right}/{fields}  paragraphs {found}/{paragraphs}")


if __name__ == "__main__":
    main()
