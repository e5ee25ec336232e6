"""What every layer raises for input it refuses, so the CLI and the web app catch one kind."""


class BadInput(ValueError):
    """Input docgen refuses; the message names what is wrong and what is expected."""
