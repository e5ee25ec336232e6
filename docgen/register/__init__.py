"""The outgoing register (sổ đăng ký văn bản đi) of each organisation, by the Party's numbering rules
(format-36-hd.md §4.2): numbers run from 01 for each document type apart within a committee term
(nhiệm kỳ), not a calendar year; a congress's documents share one series; a joint document this body
leads continues its own series.

- :mod:`~docgen.register.terms`: the terms and congresses the administrator sets;
- :mod:`~docgen.register.book`: taking numbers atomically, reserving, filling in, cancelling;
- :mod:`~docgen.register.export`: the book as the XLSX offices keep on paper;
- :mod:`~docgen.register.types`: the document types and their abbreviations.
"""
