"""CSV and XLSX from export rows, safe to open in a spreadsheet.

A cell whose text starts with =, +, -, @, a tab or a carriage return is a
formula to Excel or LibreOffice (=HYPERLINK(...) sends data elsewhere). In CSV
such text gets a leading apostrophe; in XLSX it is written as a plain string
cell (data type "s"), which no spreadsheet evaluates, so the text stays as the
participant wrote it.

CSV is what Dutch Excel opens without asking: UTF-8 with a byte order mark,
";" between fields, CRLF at the end of every line. Both writers take rows one
at a time: CSV streams, XLSX is written in openpyxl's write-only mode to a
temporary file, so 10,000 rows need no more memory than one.
"""

import csv
import datetime
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

BOM = "\ufeff"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Other control characters before a formula do not stop every spreadsheet.
CONTROL_CHARACTERS = "".join(chr(code) for code in range(32))
DATE_FORMAT = "DD-MM-YYYY"
# Column widths in characters; long text wraps at the widest.
MIN_WIDTH, MAX_WIDTH = 8, 60
TEXT_COLUMNS = {"tekst": 80, "keuze": 40, "blok": 30, "stap": 20}


@dataclass(frozen=True)
class Sheet:
    """One table of an export: its name (a sheet, or a file's first word)."""

    name: str
    title: str
    header: list[str]
    rows: Iterator[list]


def is_formula_like(value) -> bool:
    return isinstance(value, str) and (
        value.startswith(FORMULA_STARTS)
        or value.lstrip(CONTROL_CHARACTERS).startswith(FORMULA_STARTS)
    )


def csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d-%m-%Y")
    text = str(value)
    return "'" + text if is_formula_like(text) else text


class _Line:
    """A file-like object that hands back what csv.writer writes to it."""

    def write(self, text: str) -> str:
        return text


def csv_chunks(sheet: Sheet) -> Iterator[str]:
    """The sheet as CSV text, one line at a time, the BOM first."""
    writer = csv.writer(_Line(), delimiter=";", lineterminator="\r\n")
    yield BOM + writer.writerow(sheet.header)
    for row in sheet.rows:
        yield writer.writerow([csv_value(value) for value in row])


def csv_bytes(sheet: Sheet) -> bytes:
    return "".join(csv_chunks(sheet)).encode("utf-8")


def xlsx_file(sheets: Iterable[Sheet]):
    """A temporary file holding the workbook, one sheet per table, at its start."""
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        write_sheet(workbook, sheet)
    # Not a context manager: the response that sends the file closes it.
    output = tempfile.TemporaryFile()  # noqa: SIM115
    workbook.save(output)
    output.seek(0)
    return output


def write_sheet(workbook, sheet: Sheet) -> None:
    worksheet = workbook.create_sheet(sheet.title)
    # Write-only sheets take widths and panes before the first row.
    for index, name in enumerate(sheet.header, 1):
        width = TEXT_COLUMNS.get(name, max(MIN_WIDTH, len(name) + 2))
        worksheet.column_dimensions[get_column_letter(index)].width = min(
            width, MAX_WIDTH if name != "tekst" else width
        )
    worksheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for name in sheet.header:
        header_cell = WriteOnlyCell(worksheet, value=name)
        header_cell.font = bold
        header.append(header_cell)
    worksheet.append(header)
    for row in sheet.rows:
        worksheet.append([xlsx_cell(worksheet, value) for value in row])


def xlsx_cell(worksheet, value):
    if value == "":
        return None  # not written at all; blank group attributes are many
    if isinstance(value, str):
        # Control characters XML cannot hold would make openpyxl refuse the file.
        text_cell = WriteOnlyCell(worksheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
        # openpyxl makes a formula of any text starting with "="; a string
        # cell is shown as it is and evaluated by no spreadsheet.
        text_cell.data_type = "s"
        return text_cell
    if isinstance(value, datetime.date):
        date_cell = WriteOnlyCell(worksheet, value=value)
        date_cell.number_format = DATE_FORMAT
        return date_cell
    return value
