"""docgen: official Vietnamese Party documents for every grassroots unit, from one plan."""

__version__ = "0.1.0"
