"""Wording for one unit: the committee's plan said the way a unit's own documents say it.

A committee's plan speaks of all its units at once ("các cơ quan, đơn vị, doanh nghiệp trong
Khối") and gives tasks to its own organs as well as to the units; a unit's documents speak of the
unit ("Sở", "Nhà trường", "cơ quan Báo"), keep only the unit's tasks and do not task the unit with
the plan it is reading. What to change is data the office can read and edit (``sectors.yaml``:
how units are described; ``phrases.yaml``: phrase rules, addressees, dated events); this package
applies it:

- :func:`describe` a unit (sector, noun, people, work, chi ủy, đoàn thể), from its name and what the
  units list says (``parse_sector``, ``parse_noun``, ``parse_chi_uy``, ``parse_unions`` read those columns);
- word a paragraph or an outline for it (:func:`wording_for`, then :meth:`Wording.rewrite` or
  :meth:`Wording.rewrite_outline`), with a record of every change and of the rules that matched
  nothing; units worded alike share one Wording, so derived text can be cached by it;
- decide whether a section of "Tổ chức thực hiện" is the unit's task (:func:`addressee`);
- find passages that the document's date has overtaken (:func:`stale_passages`) and deadlines the
  committee's plan does not state (:func:`unstated_deadlines`).

The committee's names come in as :class:`OrgNames`, never from the code or the tables.
"""

from docgen.wording.rewrite import (
    Addressee,
    Change,
    Rewritten,
    RewrittenOutline,
    Wording,
    addressee,
    unmatched,
    wording_for,
)
from docgen.wording.stale import Stale, stale_passages, unstated_deadlines
from docgen.wording.table import (
    DEFAULT_PHRASES,
    DEFAULT_SECTORS,
    Table,
    WordingError,
    default_table,
    load_table,
    read_folder,
    read_table,
)
from docgen.wording.unit import (
    OrgNames,
    UnitProfile,
    bloc_of,
    chi_uy_label,
    describe,
    parse_chi_uy,
    parse_noun,
    parse_sector,
    parse_unions,
    unions_cell,
)

__all__ = [
    "DEFAULT_PHRASES",
    "DEFAULT_SECTORS",
    "Addressee",
    "Change",
    "OrgNames",
    "Rewritten",
    "RewrittenOutline",
    "Stale",
    "Table",
    "UnitProfile",
    "Wording",
    "WordingError",
    "addressee",
    "bloc_of",
    "chi_uy_label",
    "default_table",
    "describe",
    "load_table",
    "parse_chi_uy",
    "parse_noun",
    "parse_sector",
    "parse_unions",
    "read_folder",
    "read_table",
    "stale_passages",
    "unions_cell",
    "unmatched",
    "unstated_deadlines",
    "wording_for",
]
