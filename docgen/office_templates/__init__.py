"""The office's own templates: a kind's template downloaded, edited in Word, uploaded back as a new
version, checked before it can be used, one version live for each kind of an organisation, any earlier
one made live again; and the reference of what each kind's template may read.

- :mod:`~docgen.office_templates.validate`: what is wrong with an upload, paragraph by paragraph, and
  its preview made from the demo data;
- :mod:`~docgen.office_templates.names` and :mod:`~docgen.office_templates.shapes`: the variables a
  kind's context declares, and a template's checked against them;
- :mod:`~docgen.office_templates.versions`: the versions in the database, and the live ones as files
  for the engine, which renders them in its sandbox (:mod:`docgen.engine.sandbox`);
- :mod:`~docgen.office_templates.reference`: every variable of every kind, with its type and an example.
"""
