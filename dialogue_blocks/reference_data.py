"""Reference data: provinces, municipalities and networks, and their CBS imports.

The bundled CSV files in ``fixtures/reference/`` describe the municipal map of
1 January 2024. Two imports keep it current without code changes: CBS's
"Gemeenten alfabetisch" list (mergers and renames) and a StatLine export of
"Bevolking op 1 januari" (exact populations, which decide the size class).

Municipalities are never deleted: pages, networks and participant groups refer
to them, so a municipality that disappears in a merger is marked inactive.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from os import PathLike
from pathlib import Path
from typing import IO

from django.db import transaction

from .models import Municipality, Network, Province

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "reference"
# The bundled populations: CBS 03759ned, inhabitants on 1 January of this year.
BUNDLED_POPULATION_YEAR = 2024
BUNDLED_POPULATION_FILE = REFERENCE_DIR / f"population-{BUNDLED_POPULATION_YEAR}.csv"

MUNICIPALITY_CODE = re.compile(r"GM\d{4}")
PROVINCE_CODE = re.compile(r"PV\d{2}")
YEAR = re.compile(r"(?:19|20)\d{2}")
# StatLine codes for "total" in the dimensions a population export may carry.
TOTAL_CODES = {"t001038", "10000", "t001019", "t001040"}
BREAKDOWN_COLUMNS = {"geslacht", "leeftijd", "burgerlijkestaat", "migratieachtergrond"}
PERIOD_COLUMNS = {"perioden", "periode", "jaar", "peiljaar", "year", "period"}
POPULATION_WORDS = ("bevolking", "inwoners", "inhabitants", "population", "aantal")

FileArg = str | PathLike | IO[str] | IO[bytes]


class ReferenceDataError(Exception):
    """A file cannot be used at all; the message (Dutch) says why."""


@dataclass(frozen=True)
class SkippedRow:
    """One input row that was not used, and why (in Dutch, for the user)."""

    line: int
    value: str
    reason: str

    def __str__(self) -> str:
        return f"regel {self.line} ({self.value or 'leeg'}): {self.reason}"


@dataclass
class ImportResult:
    """What a load or import changed, counted so commands can report it."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deactivated: int = 0
    skipped: list[SkippedRow] = field(default_factory=list)

    def skip(self, line: int, value: str, reason: str) -> None:
        self.skipped.append(SkippedRow(line, value.strip(), reason))

    def summary(self) -> str:
        """The one-line Dutch summary the management commands print."""
        return (
            f"bijgewerkt: {self.updated}, nieuw: {self.created}, "
            f"opgeheven: {self.deactivated}, overgeslagen: {len(self.skipped)}, "
            f"ongewijzigd: {self.unchanged}"
        )


# --- reading files ---------------------------------------------------------


def read_text(file: FileArg) -> str:
    """The file's text; UTF-8 (with or without BOM), else Windows-1252."""
    try:
        data = file.read() if hasattr(file, "read") else Path(file).read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ReferenceDataError(f"Kan het bestand niet lezen ({reason}).") from exc
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                data = data.decode("cp1252")
            except UnicodeDecodeError as exc:
                raise ReferenceDataError(
                    "Het bestand is geen tekstbestand (UTF-8 of Windows-1252)."
                ) from exc
    if "\x00" in data:
        raise ReferenceDataError("Het bestand is geen CSV-tekstbestand.")
    return data.lstrip("\ufeff")


def guess_delimiter(text: str) -> str:
    """``;``, ``,`` or tab: the one that splits the first lines most evenly.

    A title line or a name such as "Nuenen, Gerwen en Nederwetten" must not
    decide, so the most common cell count over the first lines is scored.
    """
    sample = [line for line in text.splitlines() if line.strip()][:20]

    def score(delimiter: str) -> int:
        counts = [len(next(csv.reader([line], delimiter=delimiter))) for line in sample]
        common = max(set(counts), key=counts.count, default=1)
        return counts.count(common) * common if common > 1 else 0

    return max((";", ",", "\t"), key=score)


def normalise_header(header: str) -> str:
    """A header reduced to lowercase letters and digits, for lenient matching."""
    return re.sub(r"[^a-z0-9]", "", header.strip().lower())


def _read_table(file: FileArg) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the (line number, cells) of each non-empty row.

    CBS files come with ``;`` or ``,`` as delimiter (see guess_delimiter).
    StatLine may put a title line above the header: the header is the first
    line with at least two cells.
    """
    text = read_text(file)
    reader = csv.reader(io.StringIO(text), delimiter=guess_delimiter(text))
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for cells in reader:
        cells = [cell.strip() for cell in cells]
        if not any(cells):
            continue
        if header is None:
            if len([cell for cell in cells if cell]) >= 2:
                header = cells
            continue
        rows.append((reader.line_num, cells))
    if header is None:
        raise ReferenceDataError("Het bestand bevat geen kopregel met kolomnamen.")
    return header, rows


def _cell(cells: list[str], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip().strip('"').strip()


def _column(header: list[str], *names: str) -> int | None:
    """The index of the first column whose normalised name is one of names."""
    normalised = [normalise_header(name) for name in header]
    for name in names:
        if name in normalised:
            return normalised.index(name)
    return None


# --- the bundled files -----------------------------------------------------


def _bundled_rows(name: str) -> list[dict[str, str]]:
    with (REFERENCE_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _set_changed(obj, values: dict, result: ImportResult) -> list[str]:
    """Give obj these field values; the fields that changed, counted in result."""
    changed = {key: val for key, val in values.items() if getattr(obj, key) != val}
    for key, value in changed.items():
        setattr(obj, key, value)
    if changed:
        result.updated += 1
    else:
        result.unchanged += 1
    return list(changed)


def _apply(obj, values: dict, result: ImportResult) -> None:
    """Save obj with these field values, counting it only if something changed."""
    changed = _set_changed(obj, values, result)
    if changed:
        obj.save(update_fields=changed)


def _create_or_apply(model, lookup: dict, values: dict, result: ImportResult):
    """The object matching lookup, created or brought up to date with values."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        result.created += 1
        return model.objects.create(**lookup, **values)
    _apply(obj, values, result)
    return obj


def _load_provinces() -> ImportResult:
    result = ImportResult()
    for row in _bundled_rows("provinces.csv"):
        _create_or_apply(Province, {"code": row["code"]}, {"name": row["name"]}, result)
    return result


def _load_municipalities() -> ImportResult:
    """Create or update each bundled municipality's name and province.

    Read in one query and created in one: this runs after every migrate and
    every flush (tests flush often), so it must not cost a query a row.
    """
    result = ImportResult()
    provinces = {province.code: province for province in Province.objects.all()}
    existing = Municipality.objects.in_bulk(field_name="cbs_code")
    new = []
    for row in _bundled_rows("municipalities.csv"):
        code = row["cbs_code"]
        if row["province_code"] not in provinces:
            raise ReferenceDataError(f"{code}: onbekende provincie")
        values = {
            "name": row["name"],
            "province": provinces[row["province_code"]],
            "is_active": True,
        }
        if code in existing:
            _apply(existing[code], values, result)
        else:
            new.append(Municipality(cbs_code=code, **values))
    Municipality.objects.bulk_create(new)
    result.created += len(new)
    return result


def _load_populations() -> ImportResult:
    """Every bundled municipality's CBS population on 1 January 2024.

    Read as a StatLine export is, so a figure for a later year (imported with
    import_population) stays.
    """
    with BUNDLED_POPULATION_FILE.open("rb") as handle:
        return import_population(handle, year=BUNDLED_POPULATION_YEAR)


def _load_networks() -> ImportResult:
    """Create or update each bundled network.

    Membership is kept by staff in the admin, so bundled members only go into
    a network that has no members yet, and the expected size and sources only
    where they are empty.
    """
    result = ImportResult()
    municipalities = Municipality.objects.in_bulk(field_name="cbs_code")
    for row in _bundled_rows("networks.csv"):
        values = {"name": row["name"], "description": row["description"]}
        network = Network.objects.filter(code=row["code"]).first()
        bundled_size = {
            "expected_member_count": int(row["expected_members"]),
            "members_source": row["sources"],
        }
        for name, value in bundled_size.items():
            if network is None or getattr(network, name) in (None, ""):
                values[name] = value
        network = _create_or_apply(Network, {"code": row["code"]}, values, result)
        codes = row["member_cbs_codes"].split()
        if not codes or network.members.exists():
            continue
        unknown = sorted(set(codes) - set(municipalities))
        if unknown:
            raise ReferenceDataError(f"{row['code']}: onbekende leden {unknown}")
        network.members.set([municipalities[code] for code in codes])
        network.members_reference_date = date.fromisoformat(row["reference_date"])
        network.save(update_fields=["members_reference_date"])
    return result


@transaction.atomic
def load_reference_data() -> dict[str, ImportResult]:
    """Load the bundled provinces, municipalities, populations and networks.

    Safe to repeat: everything matches on code, so a second run changes
    nothing. A municipality that is not in the bundled file (added by a later import) is
    left alone, never deleted.
    """
    return {
        "provincies": _load_provinces(),
        "gemeenten": _load_municipalities(),
        "inwonertallen": _load_populations(),
        "netwerken": _load_networks(),
    }


# --- CBS "Gemeenten alfabetisch" -------------------------------------------


def _municipality_code(cells: list[str], columns: dict[str, int | None]) -> str:
    """GM0363 from GemeentecodeGM, else from Gemeentecode (0363, or 363 via Excel)."""
    code = _cell(cells, columns["gm"]).upper()
    number = _cell(cells, columns["number"])
    if not code and number.isdigit():
        code = "GM" + number.zfill(4)
    return code


def _province_for(
    cells: list[str], columns: dict[str, int | None], provinces: dict[str, Province]
) -> Province | None:
    """The row's province; an unknown PV code that comes with a name is created."""
    code = _cell(cells, columns["pv"]).upper()
    number = _cell(cells, columns["pv_number"])
    if not code and number.isdigit():
        code = "PV" + number
    if not PROVINCE_CODE.fullmatch(code):
        return None
    name = _cell(cells, columns["pv_name"])
    if code not in provinces and name:
        provinces[code] = Province.objects.create(code=code, name=name)
    return provinces.get(code)


def _municipality_columns(header: list[str]) -> dict[str, int | None]:
    columns = {
        "gm": _column(header, "gemeentecodegm"),
        "number": _column(header, "gemeentecode"),
        "name": _column(header, "gemeentenaam"),
        "pv": _column(header, "provinciecodepv"),
        "pv_number": _column(header, "provinciecode"),
        "pv_name": _column(header, "provincienaam"),
    }
    has_code = columns["gm"] is not None or columns["number"] is not None
    has_province = columns["pv"] is not None or columns["pv_number"] is not None
    if not (has_code and has_province and columns["name"] is not None):
        raise ReferenceDataError(
            "Verwacht de kolommen GemeentecodeGM (of Gemeentecode), Gemeentenaam "
            f"en ProvinciecodePV (of Provinciecode); gevonden: {', '.join(header)}"
        )
    return columns


@transaction.atomic
def import_municipalities(file: FileArg) -> ImportResult:
    """Bring municipalities in line with CBS's "Gemeenten alfabetisch" CSV.

    Names and provinces are updated by code and new municipalities created.
    Municipalities missing from the file become inactive, never deleted:
    pages, networks and participant groups still refer to them.
    """
    header, rows = _read_table(file)
    columns = _municipality_columns(header)
    provinces = {province.code: province for province in Province.objects.all()}
    existing = Municipality.objects.select_related("province").in_bulk(
        field_name="cbs_code"
    )
    result = ImportResult()
    seen: set[str] = set()
    for line, cells in rows:
        code = _municipality_code(cells, columns)
        name = _cell(cells, columns["name"])
        province = _province_for(cells, columns, provinces)
        if not MUNICIPALITY_CODE.fullmatch(code):
            result.skip(line, code, "geen geldige gemeentecode (zoals GM0363)")
        elif code in seen:
            result.skip(line, code, "gemeentecode staat dubbel in het bestand")
        elif not name:
            result.skip(line, code, "gemeentenaam ontbreekt")
        elif province is None:
            result.skip(line, code, "onbekende of ontbrekende provinciecode")
        else:
            seen.add(code)
            values = {"name": name, "province": province, "is_active": True}
            if code in existing:
                _apply(existing[code], values, result)
            else:
                Municipality.objects.create(cbs_code=code, **values)
                result.created += 1
    if not seen:
        raise ReferenceDataError(
            "Geen enkele geldige gemeente in het bestand; er is niets gewijzigd."
        )
    gone = Municipality.objects.filter(is_active=True).exclude(cbs_code__in=seen)
    result.deactivated = gone.update(is_active=False)
    return result


# --- CBS StatLine "Bevolking op 1 januari" ---------------------------------


def _parse_count(raw: str) -> int | None:
    """A count from a CBS cell: 931298, 931.298, 931 298 or 931298.0."""
    value = raw.strip().replace("\u00a0", "").replace(" ", "")
    if re.fullmatch(r"\d+", value):
        return int(value)
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", value):
        return int(re.sub(r"[.,]", "", value))
    if re.fullmatch(r"\d+[.,]0+", value):
        return int(re.split(r"[.,]", value)[0])
    return None


def _code_column(header: list[str], rows: list[tuple[int, list[str]]]) -> int:
    """The column that most often holds a GM code (StatLine pads codes)."""
    counts = [0] * len(header)
    for _line, cells in rows:
        for index in range(len(header)):
            if MUNICIPALITY_CODE.fullmatch(_cell(cells, index).upper()):
                counts[index] += 1
    if not counts or max(counts) == 0:
        raise ReferenceDataError(
            "Geen kolom met gemeentecodes (zoals GM0363) gevonden. Exporteer de "
            "regio's uit StatLine als code, niet alleen als naam."
        )
    return counts.index(max(counts))


def _population_column(header: list[str], taken: set[int]) -> int:
    """The "Bevolking op 1 januari" column, never an average-population one."""
    names = {
        i: normalise_header(name) for i, name in enumerate(header) if i not in taken
    }
    candidates = [
        i
        for i, name in names.items()
        if any(word in name for word in POPULATION_WORDS) and "gemiddeld" not in name
    ]
    preferred = [i for i in candidates if "1januari" in names[i] or "begin" in names[i]]
    if preferred or candidates:
        return (preferred or candidates)[0]
    if len(names) == 1:
        return next(iter(names))
    raise ReferenceDataError(
        "Kolom met het aantal inwoners niet gevonden (zoals 'Bevolking op 1 "
        f"januari'); gevonden kolommen: {', '.join(header)}"
    )


def _is_total(cells: list[str], breakdowns: list[int]) -> bool:
    """False when a breakdown column (sex, age…) holds a group, not the total."""
    for index in breakdowns:
        value = _cell(cells, index).lower()
        if not (value.startswith("totaal") or value in TOTAL_CODES):
            return False
    return True


def _year_of(*texts: str) -> int | None:
    """The first year (19xx or 20xx) in the texts, as in "2024JJ00"."""
    for text in texts:
        if match := YEAR.search(text):
            return int(match.group())
    return None


def _population_columns(header, rows) -> dict:
    code = _code_column(header, rows)
    period = _column(header, *PERIOD_COLUMNS)
    breakdowns = [
        i
        for i, name in enumerate(header)
        if normalise_header(name) in BREAKDOWN_COLUMNS
    ]
    taken = {code, *breakdowns} | ({period} if period is not None else set())
    taken |= {
        i for i, name in enumerate(header) if normalise_header(name) in {"", "id"}
    }
    return {
        "code": code,
        "period": period,
        "breakdowns": breakdowns,
        "population": _population_column(header, taken),
    }


@transaction.atomic
def import_population(file: FileArg, year: int | None = None) -> ImportResult:
    """Set exact populations from a StatLine "Bevolking op 1 januari" CSV.

    The year is ``year`` if given, else the row's Perioden value, else a year
    in the population column's header. The latest year wins, within the file
    and against the database: a figure is never replaced by an older one.
    Unusable rows are reported, not guessed.
    """
    header, rows = _read_table(file)
    columns = _population_columns(header, rows)
    result = ImportResult()
    best = _latest_population_rows(header, rows, columns, year, result)
    municipalities = Municipality.objects.in_bulk(list(best), field_name="cbs_code")
    changed = []
    for code, (row_year, population, line) in best.items():
        municipality = municipalities.get(code)
        if municipality is None:
            result.skip(line, code, "onbekende gemeentecode")
        elif (municipality.population_year or 0) > row_year:
            newer = municipality.population_year
            result.skip(line, code, f"heeft al een inwonertal van {newer}")
        else:
            values = {
                "population": population,
                "population_year": row_year,
                "population_is_exact": True,
            }
            if _set_changed(municipality, values, result):
                changed.append(municipality)
    # One statement for every change: this runs after every migrate and flush.
    Municipality.objects.bulk_update(changed, POPULATION_FIELDS, batch_size=500)
    result.skipped.sort(key=lambda row: row.line)
    return result


POPULATION_FIELDS = ["population", "population_year", "population_is_exact"]


def _latest_population_rows(
    header, rows, columns: dict, year: int | None, result: ImportResult
) -> dict[str, tuple[int, int, int]]:
    """Per municipality code: (year, population, line) of its latest usable row."""
    best: dict[str, tuple[int, int, int]] = {}
    for line, cells in rows:
        code = _cell(cells, columns["code"]).upper()
        population = _parse_count(_cell(cells, columns["population"]))
        row_year = year or _year_of(
            _cell(cells, columns["period"]), header[columns["population"]]
        )
        if not MUNICIPALITY_CODE.fullmatch(code):
            result.skip(line, code, "geen gemeentecode (zoals GM0363)")
        elif not _is_total(cells, columns["breakdowns"]):
            result.skip(line, code, "geen totaal maar een uitsplitsing naar groep")
        elif population is None:
            value = _cell(cells, columns["population"])
            result.skip(line, code, f"geen aantal inwoners ({value!r})")
        elif row_year is None:
            raise ReferenceDataError(
                "Geen peiljaar gevonden (geen kolom Perioden); geef het jaar op, "
                "bijvoorbeeld: manage.py import_population BESTAND --jaar 2024"
            )
        elif code in best and best[code][0] >= row_year:
            result.skip(line, code, "gemeente staat al in het bestand")
        else:
            if code in best:
                result.skip(best[code][2], code, f"vervangen door jaar {row_year}")
            best[code] = (row_year, population, line)
    return best
