"""Reports come back: the units' filled report forms read, checked cell by cell and collected.

- :mod:`~docgen.reports.identity`: which plan and unit a form belongs to, written into the forms
  docgen makes and read back from them;
- :mod:`~docgen.reports.document`: a returned .docx as paragraphs and tables, read with limits;
- :mod:`~docgen.reports.values`: a cell's text as a count, read as a clerk reads it;
- :mod:`~docgen.reports.read`: one form → its unit, values, problems, notes and narrative;
- :mod:`~docgen.reports.collect`: many forms → the collection (per unit, indicator, group, kind);
- :mod:`~docgen.reports.export`: the collection as a workbook and as a summary to read.
"""
