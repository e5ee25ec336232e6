"""What every layer raises for input it refuses, so the CLI and the web app catch one kind."""

from docgen.i18n import Message


class BadInput(ValueError):
    """Input docgen refuses; the message names what is wrong and what is expected.

    It is a message id marked with ``N_`` and its parameters (:class:`~docgen.i18n.Message`), shown
    in the reader's language with :meth:`translate`; ``str()`` gives the Vietnamese.
    """

    def __init__(self, message: str, **params):
        self.message = Message(message, **params)
        super().__init__(str(self.message))

    def translate(self, language: str) -> str:
        return self.message.translate(language)
