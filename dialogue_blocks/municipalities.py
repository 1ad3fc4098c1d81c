"""Finding a municipality by the name people use for it, or by its CBS code.

The one lookup behind every place where typed text becomes a municipality: the
sign-up and join forms, the admin and the register import. CBS's names are
official but not always what people type ("Den Haag" for 's-Gravenhage,
"Sudwest Fryslan" without accents), so names are compared without case,
accents, apostrophes, hyphens or other punctuation, and a bundled list adds
common names and the spellings CBS uses in StatLine
(``fixtures/reference/municipality_aliases.csv``).

Build one ``MunicipalityIndex`` to look up many texts (an import); a single
lookup is ``find_municipality(text)``.
"""

import csv
import difflib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from .models import Municipality
from .reference_data import REFERENCE_DIR

ALIASES_FILE = REFERENCE_DIR / "municipality_aliases.csv"
# GM0518, gm 518, 0518 or 518 (a spreadsheet drops the leading zeros).
CODE = re.compile(r"(?:gm)?\s*(\d{1,4})")
# "Bergen (NH.)" -> "Bergen": the name without CBS's disambiguating suffix.
SUFFIX = re.compile(r"\s*\([^)]*\)\s*$")
MAX_SUGGESTIONS = 3
# How alike a typed name and a known one must be to suggest it (difflib ratio).
SUGGESTION_CUTOFF = 0.75
# Shorter texts match too much to suggest names that start with them.
MIN_PREFIX_LENGTH = 3


def words(text: str) -> list[str]:
    """The text's words in lowercase, without accents or punctuation.

    "'s-Gravenhage" gives ["s", "gravenhage"], "Súdwest-Fryslân" gives
    ["sudwest", "fryslan"].
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.findall(r"[a-z0-9]+", plain)


def match_key(text: str) -> str:
    """What two spellings of one name have in common: its letters and digits.

    "Hendrik-Ido Ambacht", "hendrik ido ambacht" and "Hendrik-Ido-Ambacht" are
    one key; so are "Rijswijk (ZH.)" and "Rijswijk ZH".
    """
    return "".join(words(text))


@cache
def bundled_aliases() -> tuple[tuple[str, str], ...]:
    """(alias, CBS code) pairs from the bundled alias list."""
    with ALIASES_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple((row["alias"], row["cbs_code"]) for row in csv.DictReader(handle))


def spellings(municipality: Municipality) -> list[str]:
    """The names a municipality is known by, derived from its CBS name.

    Besides the name itself: the name without a leading "'s-" (people type
    "Hertogenbosch"), and for "Bergen (L.)" also plain "Bergen", which then
    names both Bergens.
    """
    name = municipality.name
    found = [name]
    name_words = words(name)
    if name_words[:1] == ["s"] and len(name_words) > 1:
        found.append(" ".join(name_words[1:]))
    base = SUFFIX.sub("", name)
    if base != name:
        found.append(base)
    return found


def with_province(municipality: Municipality) -> str:
    """The name with its province ("Bergen Limburg"), as people tell two apart."""
    return f"{SUFFIX.sub('', municipality.name)} {municipality.province.name}"


@dataclass(frozen=True)
class MunicipalityMatch:
    """What a typed text turned out to mean: one municipality, or suggestions.

    ``ambiguous`` says that the text is the name of several municipalities
    (then the suggestions are those).
    """

    text: str
    municipality: Municipality | None
    suggestions: tuple[Municipality, ...] = ()
    ambiguous: bool = False

    def error_message(self) -> str:
        """Why the text is not a municipality, in Dutch, with what it may be."""
        text = self.text.strip()
        if self.ambiguous:
            options = [
                f"{each.name} in {each.province.name}" for each in self.suggestions
            ]
            return (
                f"Er zijn meer gemeenten met de naam ‘{text}’. "
                f"Bedoelt u {or_list(options)}?"
            )
        if CODE.fullmatch(text.casefold()):
            return f"Er is geen gemeente met de CBS-code ‘{text}’."
        message = f"‘{text}’ staat niet in de lijst van gemeenten."
        if self.suggestions:
            names = [each.name for each in self.suggestions]
            return f"{message} Bedoelt u {or_list(names)}?"
        return f"{message} Controleer de spelling, of kies de gemeente uit de lijst."


def or_list(items: list[str]) -> str:
    """Alternatives the Dutch way: "A", "A of B", "A, B of C"."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} of {items[-1]}"


class MunicipalityIndex:
    """Every active municipality under each of its spellings and its code."""

    def __init__(self, municipalities: list[Municipality]):
        self.by_code = {each.cbs_code: each for each in municipalities}
        self.by_key: dict[str, list[Municipality]] = defaultdict(list)
        # Spaced spellings for suggestions, each with the municipality it names.
        self.spelled: dict[str, list[Municipality]] = defaultdict(list)
        for municipality in municipalities:
            for spelling in spellings(municipality):
                self._add(spelling, municipality)
            # Typed in full, never suggested: a province would match too much.
            self._add(with_province(municipality), municipality, suggest=False)
        for alias, code in bundled_aliases():
            if code in self.by_code:
                self._add(alias, self.by_code[code])

    @classmethod
    def load(cls) -> "MunicipalityIndex":
        """The index of the municipalities that exist now (one query)."""
        active = Municipality.objects.filter(is_active=True).select_related("province")
        return cls(list(active))

    def _add(self, spelling: str, municipality: Municipality, suggest=True) -> None:
        indexes = [(self.by_key, match_key(spelling))]
        if suggest:
            indexes.append((self.spelled, " ".join(words(spelling))))
        for index, key in indexes:
            if municipality not in index[key]:
                index[key].append(municipality)

    def find(self, text: str) -> MunicipalityMatch:
        """The municipality this name, alias or CBS code means, or suggestions."""
        code = CODE.fullmatch(text.strip().casefold())
        if code:
            found = self.by_code.get("GM" + code.group(1).zfill(4))
            return MunicipalityMatch(text, found)
        matches = self.by_key.get(match_key(text), [])
        if len(matches) == 1:
            return MunicipalityMatch(text, matches[0])
        if matches:
            return MunicipalityMatch(text, None, tuple(matches), ambiguous=True)
        return MunicipalityMatch(text, None, self.suggest(text))

    def suggest(self, text: str) -> tuple[Municipality, ...]:
        """Up to three municipalities the text may mean.

        First names that begin with it, then names spelled almost like it (a
        typo), then names with a later word that begins with it ("Haag").
        """
        typed = " ".join(words(text))
        begins: list[Municipality] = []
        inside: list[Municipality] = []
        if len(typed) >= MIN_PREFIX_LENGTH:
            for spelling, named in sorted(self.spelled.items()):
                if spelling.startswith(typed):
                    begins.extend(named)
                elif f" {typed}" in f" {spelling}":
                    inside.extend(named)
        close = difflib.get_close_matches(
            typed, self.spelled, n=MAX_SUGGESTIONS, cutoff=SUGGESTION_CUTOFF
        )
        similar = [each for spelling in close for each in self.spelled[spelling]]
        unique = dict.fromkeys([*begins, *similar, *inside])
        return tuple(unique)[:MAX_SUGGESTIONS]


def find_municipality(text: str) -> MunicipalityMatch:
    """The municipality a person means by this text (name, alias or CBS code)."""
    return MunicipalityIndex.load().find(text)
