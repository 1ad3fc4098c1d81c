"""Reading the stakeholder register from a CSV or XLSX file, and checking each row.

Two steps, so that staff see everything before anything is stored:

1. ``read_register_file`` turns an uploaded file into ``SourceRow``s: the raw
   text of each non-empty row under our own column names. CSV may be UTF-8
   (with or without BOM) or Windows-1252, with ``;``, ``,`` or tab between
   cells (dialogue_blocks.reference_data reads it); XLSX is recognised by its
   content, not by its name.
2. ``check_rows`` validates every row with ``InviteeRowForm`` and compares the
   addresses with each other and with the register: the ``ImportCheck`` says
   per row whether it will be added, is a duplicate, or has errors (in Dutch,
   per column).

The commit (``invitations.services.import_invitees``) runs the check again
inside its transaction, so what it stores is what the register holds then.
Nothing here logs or stores a row: the rows travel from preview to commit
encrypted in the page (``invitations.ciphers.REGISTER_IMPORT``).
"""

import codecs
import csv
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError

from dialogue_blocks.anonymity import normalise_email
from dialogue_blocks.models import Municipality, Role
from dialogue_blocks.municipalities import MunicipalityIndex
from dialogue_blocks.reference_data import (
    ReferenceDataError,
    guess_delimiter,
    normalise_header,
    read_text,
)

from .models import Invitee

# Our column names, each with its Dutch heading and the headers that mean it
# (compared as normalise_header gives them: lowercase letters and digits).
COLUMNS: dict[str, tuple[str, set[str]]] = {
    "name": ("naam", {"naam", "name", "volledigenaam"}),
    "email": ("e-mail", {"email", "emailadres", "mail", "mailadres"}),
    "role": ("rol", {"rol", "role"}),
    "municipality": ("gemeente", {"gemeente", "municipality", "gemeentecode"}),
    "organisation": ("organisatie", {"organisatie", "organisation"}),
    "invitation_round": ("ronde", {"ronde", "uitnodigingsronde", "round"}),
}
REQUIRED_COLUMNS = ("name", "email", "role", "municipality")
MAX_ROWS = 5000
# How many non-empty rows may stand above the header (a title, a date).
HEADER_SEARCH_ROWS = 5
MAX_FILE_BYTES = 5 * 1024 * 1024
XLSX_SIGNATURE = b"PK\x03\x04"
# Excel 97-2003 (.xls) and other OLE2 files.
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0"


class ImportFileError(Exception):
    """The file cannot be read as a register at all; the message (Dutch) says why."""


class ImportRefused(Exception):
    """The dialogue takes no invitees any more; the message (Dutch) says why."""


def import_refusal(dialogue) -> str | None:
    """Why no one can be added to this dialogue's register, or None."""
    if dialogue.sealed_at:
        return f"‘{dialogue.title}’ is verzegeld: er kunnen geen genodigden meer bij."
    return None


@dataclass(frozen=True)
class SourceRow:
    """One non-empty row of the file: its line (or sheet row) and its cells' text."""

    line: int
    values: dict[str, str]

    def as_data(self) -> dict:
        return {"line": self.line, "values": self.values}

    @classmethod
    def from_data(cls, data: dict) -> "SourceRow":
        values = {key: str(data["values"].get(key, "")) for key in COLUMNS}
        return cls(int(data["line"]), values)


@dataclass
class RegisterFile:
    rows: list[SourceRow]
    # Headers of the file that no column of ours takes; shown in the preview.
    ignored_columns: list[str] = field(default_factory=list)


# --- reading ---------------------------------------------------------------


def read_register_file(data: bytes) -> RegisterFile:
    """The rows of a CSV or XLSX register file; ImportFileError if it has none."""
    if data.startswith(XLSX_SIGNATURE):
        table = xlsx_rows(data)
    elif data.startswith(OLE2_SIGNATURE):
        raise ImportFileError(
            "Dit is een oud Excel-bestand (.xls). Sla het in Excel op als "
            "‘Excel-werkmap (.xlsx)’ of als ‘CSV (gescheiden door "
            "lijstscheidingsteken)’."
        )
    else:
        table = csv_rows(data)
    return register_from_table(table)


def csv_rows(data: bytes) -> Iterable[tuple[int, list[str]]]:
    try:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            # Excel's "Unicode-tekst" export: UTF-16 with tabs.
            text = data.decode("utf-16")
        else:
            text = read_text(io.BytesIO(data))
    except ReferenceDataError as error:
        raise ImportFileError(str(error)) from error
    except UnicodeDecodeError as error:
        raise ImportFileError("Het bestand is geen leesbaar tekstbestand.") from error
    reader = csv.reader(io.StringIO(text), delimiter=guess_delimiter(text))
    try:
        # The line a row starts on, as a spreadsheet program numbers it.
        line = 1
        for cells in reader:
            yield line, cells
            line = reader.line_num + 1
    except csv.Error as error:
        raise ImportFileError(
            f"Het bestand is geen geldig CSV-bestand (regel {reader.line_num})."
        ) from error


def xlsx_rows(data: bytes) -> Iterable[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ImportFileError(
            "Het bestand is geen geldig Excel-bestand (.xlsx)."
        ) from error
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [cell_text(value) for value in values]
    finally:
        workbook.close()


def cell_text(value) -> str:
    """A spreadsheet cell as text: 518 and 518.0 both as "518", nothing as ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def register_from_table(table: Iterable[tuple[int, list[str]]]) -> RegisterFile:
    """The rows under the header; empty rows are skipped.

    The header is the first non-empty row that names our columns, among the
    first few: an export may put a title line above it.
    """
    positions: dict[str, int] | None = None
    ignored: list[str] = []
    rows: list[SourceRow] = []
    header_error: ImportFileError | None = None
    tried = 0
    for line, cells in table:
        cells = [cell.strip() for cell in cells]
        if not any(cells):
            continue
        if positions is None:
            try:
                positions, ignored = column_positions(cells)
            except ImportFileError as error:
                header_error = header_error or error
                tried += 1
                if tried == HEADER_SEARCH_ROWS:
                    raise header_error from None
            continue
        values = {
            key: cells[index] if index < len(cells) else ""
            for key, index in positions.items()
        }
        if not any(values.values()):
            continue
        rows.append(SourceRow(line, values))
        if len(rows) > MAX_ROWS:
            raise ImportFileError(
                f"Het bestand heeft meer dan {MAX_ROWS} rijen. "
                "Verdeel het over meer bestanden."
            )
    if positions is None:
        raise header_error or ImportFileError("Het bestand is leeg.")
    if not rows:
        raise ImportFileError("Het bestand heeft geen rijen onder de kopregel.")
    return RegisterFile(rows, ignored)


def column_positions(header: list[str]) -> tuple[dict[str, int], list[str]]:
    """Where each column of ours is in this header, and the headers left over."""
    positions: dict[str, int] = {}
    ignored: list[str] = []
    for index, heading in enumerate(header):
        key = next(
            (
                key
                for key, (_label, spellings) in COLUMNS.items()
                if normalise_header(heading) in spellings
            ),
            None,
        )
        if key is None or key in positions:
            if heading:
                ignored.append(heading)
        else:
            positions[key] = index
    missing = [COLUMNS[key][0] for key in REQUIRED_COLUMNS if key not in positions]
    if missing:
        names = ", ".join(f"‘{name}’" for name in missing)
        raise ImportFileError(
            f"De kopregel mist {'de kolom' if len(missing) == 1 else 'de kolommen'} "
            f"{names}. De eerste regel moet de kolomnamen bevatten: naam, e-mail, "
            "rol, gemeente, organisatie en eventueel ronde."
        )
    return positions, ignored


# --- checking --------------------------------------------------------------


def role_for(text: str) -> str | None:
    """The Role value a cell means: a value or a label, in any case."""
    typed = " ".join(text.split()).casefold()
    for value, label in Role.choices:
        if typed in (value.casefold(), str(label).casefold()):
            return value
    return None


class InviteeRowForm(forms.Form):
    """One row of the file, validated as staff would fill in the register."""

    name = forms.CharField(
        max_length=150,
        error_messages={
            "required": "De naam ontbreekt.",
            "max_length": "De naam is te lang (hoogstens %(limit_value)d tekens).",
        },
    )
    email = forms.EmailField(
        max_length=254,
        error_messages={
            "required": "Het e-mailadres ontbreekt.",
            "invalid": "Dit is geen geldig e-mailadres (zoals naam@gemeente.nl).",
            "max_length": "Het e-mailadres is te lang.",
        },
    )
    role = forms.CharField(error_messages={"required": "De rol ontbreekt."})
    municipality = forms.CharField(required=False)
    organisation = forms.CharField(
        max_length=150,
        required=False,
        error_messages={
            "max_length": (
                "De organisatie is te lang (hoogstens %(limit_value)d tekens)."
            )
        },
    )
    invitation_round = forms.CharField(
        max_length=60,
        required=False,
        error_messages={
            "max_length": "De ronde is te lang (hoogstens %(limit_value)d tekens)."
        },
    )

    def __init__(self, *args, municipalities: MunicipalityIndex, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipalities = municipalities

    def clean_email(self) -> str:
        return normalise_email(self.cleaned_data["email"])

    def clean_role(self) -> str:
        typed = self.cleaned_data["role"]
        role = role_for(typed)
        if role is None:
            options = ", ".join(value for value, _label in Role.choices)
            raise ValidationError(f"‘{typed}’ is geen rol. Kies uit: {options}.")
        return role

    def clean_municipality(self) -> Municipality | None:
        typed = self.cleaned_data["municipality"]
        if not typed:
            return None
        match = self.municipalities.find(typed)
        if match.municipality is None:
            raise ValidationError(match.error_message())
        return match.municipality


class Outcome:
    NEW = "nieuw"
    IN_REGISTER = "in-register"
    IN_FILE = "dubbel"
    REFUSED = "fout"


@dataclass
class CheckedRow:
    """A row as the preview shows it, and what the commit would do with it."""

    source: SourceRow
    errors: dict[str, list[str]]
    outcome: str
    cleaned: dict | None = None
    duplicate_of: int | None = None

    @property
    def line(self) -> int:
        return self.source.line

    @property
    def is_new(self) -> bool:
        return self.outcome == Outcome.NEW

    @property
    def verdict(self) -> str:
        """What happens to the row, in Dutch."""
        if self.outcome == Outcome.IN_REGISTER:
            return "Staat al in het register"
        if self.outcome == Outcome.IN_FILE:
            return f"Dubbel: hetzelfde adres als regel {self.duplicate_of}"
        if self.outcome == Outcome.REFUSED:
            count = sum(len(messages) for messages in self.errors.values())
            if count == 1:
                return "1 fout: wordt niet geïmporteerd"
            return f"{count} fouten: wordt niet geïmporteerd"
        return "Wordt toegevoegd"

    @property
    def cell(self) -> dict[str, dict]:
        """Per column: the text in the file, what it became, and its errors."""
        found = {}
        for key, (label, _spellings) in COLUMNS.items():
            text = self.source.values.get(key, "")
            shown = text
            if key == "municipality" and self.cleaned and self.cleaned["municipality"]:
                municipality = self.cleaned["municipality"]
                if municipality.name != text:
                    shown = f"{text} → {municipality.name}"
            found[key] = {
                "label": label,
                "text": shown,
                # An address may wrap after its @, never inside a word.
                "parts": shown.partition("@"),
                "errors": self.errors.get(key),
            }
        return found

    @property
    def error_list(self) -> list[str]:
        """Every error of the row, each naming its column."""
        return [
            f"{COLUMNS[key][0]}: {message}"
            for key, messages in self.errors.items()
            for message in messages
        ]


@dataclass
class ImportCheck:
    """Every row of a file, checked against each other and the register."""

    rows: list[CheckedRow]

    def count(self, outcome: str) -> int:
        return sum(1 for row in self.rows if row.outcome == outcome)

    @property
    def new(self) -> list[CheckedRow]:
        return [row for row in self.rows if row.is_new]

    @property
    def duplicate_count(self) -> int:
        return self.count(Outcome.IN_REGISTER) + self.count(Outcome.IN_FILE)

    @property
    def refused_count(self) -> int:
        return self.count(Outcome.REFUSED)

    def summary(self) -> str:
        """How many rows were added, skipped as duplicates and refused, in Dutch."""
        added = len(self.new)
        return (
            f"{added} {'genodigde' if added == 1 else 'genodigden'} toegevoegd aan "
            f"het register. {self.duplicate_count} overgeslagen omdat het adres al "
            f"in het register of eerder in het bestand stond, {self.refused_count} "
            "niet geïmporteerd wegens fouten."
        )


def registered_addresses(dialogue) -> set[str]:
    """The register's addresses for this dialogue, normalised."""
    emails = Invitee.objects.filter(dialogue=dialogue).values_list("email", flat=True)
    return {normalise_email(email) for email in emails}


def check_rows(
    dialogue,
    rows: list[SourceRow],
    municipalities: MunicipalityIndex | None = None,
) -> ImportCheck:
    """Validate every row; the first row with an address claims it.

    A row whose address is in the register already, or on an earlier row of
    the file, is a duplicate whatever else it holds: it is never added.
    """
    municipalities = municipalities or MunicipalityIndex.load()
    registered = registered_addresses(dialogue)
    first_line: dict[str, int] = {}
    checked = []
    for source in rows:
        form = InviteeRowForm(source.values, municipalities=municipalities)
        valid = form.is_valid()
        errors = {key: list(messages) for key, messages in form.errors.items()}
        address = form.cleaned_data.get("email")
        if address is None:
            # Even an invalid address is compared, normalised, with the others.
            address = normalise_email(source.values.get("email", "")) or None
        row = CheckedRow(source, errors, Outcome.REFUSED)
        if valid:
            row.cleaned = form.cleaned_data
            row.outcome = Outcome.NEW
        elif "municipality" in form.cleaned_data:
            row.cleaned = {"municipality": form.cleaned_data["municipality"]}
        if address in registered:
            row.outcome = Outcome.IN_REGISTER
        elif address and address in first_line:
            row.outcome = Outcome.IN_FILE
            row.duplicate_of = first_line[address]
        elif address:
            first_line[address] = source.line
        checked.append(row)
    return ImportCheck(checked)


def invitee_for(dialogue, row: CheckedRow) -> Invitee:
    return Invitee(dialogue=dialogue, **row.cleaned)
