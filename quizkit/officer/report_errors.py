"""The one error of the officer's tools: the report cannot be made at all (a bad file is a row, not this)."""

from __future__ import annotations


class OfficerError(Exception):
    """Bad arguments, an unreadable folder or roster, an unwritable output; the message is Chinese."""
