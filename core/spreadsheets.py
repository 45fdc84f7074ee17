"""Cells for files staff download (CSV, XLSX exports and import templates).

A spreadsheet program runs a cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab or
carriage return before one) as a formula, so text typed by the public (an SME's name,
a description) could run on a staff member's machine. Every exported text cell passes
through ``formula_safe``, which makes such text inert by prefixing an apostrophe
(OWASP, "CSV Injection").
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value):
    """``value`` as a cell that a spreadsheet program shows as text and never evaluates."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def formula_safe_row(values) -> list:
    return [formula_safe(value) for value in values]


def formula_unescaped(text: str) -> str:
    """A cell read back from a file we wrote: ``formula_safe``'s apostrophe removed again.

    Imports read their own templates and exports (``'+359…`` phones, ``'-`` notes) as typed.
    """
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text
