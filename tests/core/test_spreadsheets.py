import csv
import io

import pytest

from core.spreadsheets import formula_safe, formula_safe_row


@pytest.mark.parametrize(
    "text", ["=1+1", "+359 2 123", "-2+3", "@SUM(A1:A2)", "\t=cmd", "\r=cmd", '=HYPERLINK("http://x")']
)
def test_text_that_a_spreadsheet_would_evaluate_is_exported_as_text(text):
    assert formula_safe(text) == "'" + text


@pytest.mark.parametrize("value", ["Копривщица", "info@example.org", "", 42, None, 3.5])
def test_other_cells_are_exported_unchanged(value):
    assert formula_safe(value) == value


def test_a_csv_row_round_trips_with_every_formula_neutralised():
    buffer = io.StringIO()
    csv.writer(buffer).writerow(formula_safe_row(["=cmd|' /C calc'!A0", "ООД „Мост“", 7]))
    assert next(csv.reader(io.StringIO(buffer.getvalue()))) == ["'=cmd|' /C calc'!A0", "ООД „Мост“", "7"]
