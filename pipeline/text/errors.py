"""The one error type for a bulletin whose text does not have the expected layout."""

from __future__ import annotations


class BulletinFormatError(ValueError):
    """A bulletin's text cannot be read as a bulletin; says where and what to do.

    The message is one line: ``<file>:<line>: <what is wrong>. <what to do>``.
    """

    def __init__(self, message: str, *, path: str = "<text>", line: int | None = None, hint: str = ""):
        self.path = path
        self.line = line
        self.reason = message
        self.hint = hint
        where = f"{path}:{line}" if line is not None else path
        text = f"{where}: {message}"
        if hint:
            text += f". {hint}"
        super().__init__(text)
