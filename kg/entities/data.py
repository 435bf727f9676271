"""Country data for the gazetteer: a vendored table of states, plus small English tables.

Source
------
``kg/entities/countries.tsv``, made by ``scripts/build_country_table.py`` from
permissively licensed data only: ``countryinfo``'s bundled JSON (MIT; English name,
alternative spellings and official names, capital, demonym, population, ISO codes) and
the UN's list of member states, which decides what counts as a sovereign state. (kg read
``country_converter`` here before; it is GPL-3.0, which an MIT project cannot depend on.)
Reading one small file also keeps the gazetteer's start-up cheap.

Only sovereign states are kept: UN members, plus the two UN observer states (Palestine,
Vatican) and Taiwan and Kosovo, which act as states in influence reporting. Dependencies
such as Bermuda or Guam would otherwise bring in capitals like "Hamilton" or demonyms
like "American" that belong to someone else.

The hand-made tables below are general English usage, not a list of the actors of any
document: seats of government used as metonyms, the abbreviations English prose uses for
states, adjective forms that countryinfo's single ``demonym`` misses. (The names of capitals
and alternative spellings that are also ordinary English words are the lexicon's class
``not_state_names``.)
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

__all__ = [
    "CountryRecord",
    "load_records",
    "SEATS_OF_GOVERNMENT",
    "ABBREVIATIONS",
    "EXTRA_NAMES",
    "EXTRA_ADJECTIVES",
    "LABEL_OVERRIDES",
    "alpha2_codes",
    "COUNTRY_TABLE",
]

#: The vendored country table (made by ``scripts/build_country_table.py``).
COUNTRY_TABLE = "countries.tsv"

#: Buildings, districts and streets that stand for a government ("the Kremlin said").
SEATS_OF_GOVERNMENT: dict[str, str] = {
    "Kremlin": "RUS",
    "Lubyanka": "RUS",
    "White House": "USA",
    "Pentagon": "USA",
    "Foggy Bottom": "USA",
    "Zhongnanhai": "CHN",
    "Élysée": "FRA",
    "Élysée Palace": "FRA",
    "Quai d'Orsay": "FRA",
    "Downing Street": "GBR",
    "Number 10": "GBR",
    "Whitehall": "GBR",
    "Blue House": "KOR",
    "Kantei": "JPN",
    "Bundeskanzleramt": "DEU",
    "Palazzo Chigi": "ITA",
    "Moncloa": "ESP",
    "Miraflores": "VEN",
    "Casa Rosada": "ARG",
    "Planalto": "BRA",
    "Los Pinos": "MEX",
}

#: Capitals and seats missing from countryinfo or spelt there in a less usual way.
EXTRA_NAMES: dict[str, tuple[str, ...]] = {
    "USA": ("America", "Washington, D.C."),
    "GBR": ("Britain",),
    "UKR": ("Kiev",),
    "KAZ": ("Astana",),
    "BOL": ("La Paz",),
    "NLD": ("The Hague",),
    "MMR": ("Naypyitaw", "Nay Pyi Taw"),
    "CIV": ("Abidjan",),
    "XKX": ("Pristina", "Prishtina"),
    "TUR": ("Türkiye", "Turkiye"),
}

#: Abbreviations of state names, matched case-sensitively and with dots removed
#: ("U.S." == "US"), so the pronoun "us" never becomes the United States.
ABBREVIATIONS: dict[str, str] = {
    "US": "USA",
    "USA": "USA",
    "UK": "GBR",
    "PRC": "CHN",
    "DPRK": "PRK",
    "ROK": "KOR",
    "ROC": "TWN",
    "UAE": "ARE",
    "DRC": "COD",
    "KSA": "SAU",
}

#: Adjectives in common English use that countryinfo's one ``demonym`` field lacks
#: (it has "Saudi Arabian", "Argentinean", "Kirghiz", "Filipino", ...).
EXTRA_ADJECTIVES: dict[str, str] = {
    "American": "USA",
    "Saudi": "SAU",
    "Argentine": "ARG",
    "Philippine": "PHL",
    "Kyrgyz": "KGZ",
    "Tajik": "TJK",
    "Uzbek": "UZB",
    "Kazakh": "KAZ",
    "Icelandic": "ISL",
    "Slovenian": "SVN",
    "Lao": "LAO",
    "Cape Verdean": "CPV",
    "Ecuadorian": "ECU",
    "Emirati": "ARE",
    "Kosovar": "XKX",
    "Kosovan": "XKX",
    "North Macedonian": "MKD",
    "Vatican": "VAT",
    "Myanmar": "MMR",
}

#: Where neither source has the usual English short name (renamed states, or a name that
#: countryinfo gives with its article or as a long form).
LABEL_OVERRIDES: dict[str, str] = {
    "SWZ": "Eswatini",
    "MKD": "North Macedonia",
    "VAT": "Vatican City",
    "COG": "Republic of the Congo",
    "COD": "Democratic Republic of the Congo",
    "BHS": "Bahamas",
    "GMB": "Gambia",
}


@dataclass(frozen=True)
class CountryRecord:
    """Everything the gazetteer needs about one state, from the vendored table."""

    iso3: str
    label: str
    names: tuple[str, ...]  #: short, official and alternative names (incl. the label)
    capitals: tuple[str, ...]
    demonyms: tuple[str, ...]
    population: int


def _table() -> list[list[str]]:
    text = resources.files("kg.entities").joinpath(COUNTRY_TABLE).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _values(cell: str) -> tuple[str, ...]:
    return tuple(v for v in cell.split(" | ") if v)


def load_records() -> list[CountryRecord]:
    """One record per sovereign state, in ISO alpha-3 order.

    >>> records = {r.iso3: r for r in load_records()}
    >>> records["CUB"].label, records["CUB"].capitals, records["CUB"].demonyms
    ('Cuba', ('Havana',), ('Cuban',))
    """
    records = [
        CountryRecord(iso3, label, _values(names), _values(capitals), _values(demonyms), int(population))
        for iso3, _iso2, label, names, capitals, demonyms, population in _table()
    ]
    return sorted(records, key=lambda r: r.iso3)


def alpha2_codes() -> dict[str, str]:
    """ISO 3166-1 alpha-3 → alpha-2 for the states of :func:`load_records` (STIX locations need alpha-2).

    >>> alpha2_codes()["CUB"], alpha2_codes()["XKX"]
    ('CU', 'XK')
    """
    return {row[0]: row[1] for row in _table()}
