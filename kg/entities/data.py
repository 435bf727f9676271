"""Country data for the gazetteer: read once from installed packages, plus small English tables.

Sources
-------
* ``countryinfo`` (its bundled JSON, through ``CountryInfo.all()``): English name,
  alternative spellings and official names, capital, demonym, population, ISO codes.
* ``country_converter`` (its bundled ``country_data.tsv``, read with :mod:`csv` so that
  pandas is never imported): the short and official English names, and UN membership,
  which decides what counts as a sovereign state.

Only sovereign states are kept: UN members, plus the two UN observer states (Palestine,
Vatican) and Taiwan and Kosovo, which act as states in influence reporting. Dependencies
such as Bermuda or Guam would otherwise bring in capitals like "Hamilton" or demonyms
like "American" that belong to someone else.

The hand-made tables below are general English usage, not a list of the actors of any
document: seats of government used as metonyms, the abbreviations English prose uses for
states, adjective forms that countryinfo's single ``demonym`` misses, and a few names of
capitals and alternative spellings that are also ordinary English words.
"""

from __future__ import annotations

import csv
import importlib.util
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "CountryRecord",
    "load_records",
    "SEATS_OF_GOVERNMENT",
    "ABBREVIATIONS",
    "EXTRA_NAMES",
    "EXTRA_ADJECTIVES",
    "NOT_A_NAME",
    "LABEL_OVERRIDES",
    "alpha2_codes",
]

#: Non-members that act as states in the reporting kg reads (ISO 3166 alpha-3).
_EXTRA_STATES = frozenset({"PSE", "VAT", "TWN", "XKX"})

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

#: Alternative spellings and capitals that are also everyday English words or common given
#: names; as a whole mention they mean something else far more often than the state.
NOT_A_NAME = frozenset({"island", "thai", "togolese", "montenegrin", "mann", "prathet", "male", "victoria"})

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
    """Everything the gazetteer needs about one state, merged from both packages."""

    iso3: str
    label: str
    names: tuple[str, ...]  #: short, official and alternative names (incl. the label)
    capitals: tuple[str, ...]
    demonyms: tuple[str, ...]
    population: int


def _cc_rows() -> Iterator[dict[str, str]]:
    # find_spec locates the package without importing it: country_converter's __init__
    # imports pandas, which would cost half a second for one small TSV file.
    spec = importlib.util.find_spec("country_converter")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("country_converter is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "country_data.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter="\t")


def _split_capital(value: object) -> list[str]:
    # countryinfo gives "Washington D.C.", "Kralendijk / Oranjestad / The Bottom", or a list.
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        for part in str(item or "").split("/"):
            part = part.strip()
            if part:
                out.append(part)
                if part.endswith(" D.C."):
                    out.append(part.removesuffix(" D.C.").rstrip(","))
    return out


def _split_demonym(value: object) -> list[str]:
    # "Antiguan,Barbudan", "Serbian/Montenegrin", "Kittian and Nevisian".
    text = str(value or "").replace("/", ",").replace(" and ", ",")
    return [part.strip() for part in text.split(",") if part.strip()]


def _usable(name: str) -> bool:
    # countryinfo's altSpellings mix in ISO codes ("CU", "CUB") and blanks; codes are left
    # to ABBREVIATIONS because most of them are English words in capitals (CAN, AND, PER).
    return len(name) > 3 or (len(name) > 2 and not name.isupper())


def load_records() -> list[CountryRecord]:
    """One record per sovereign state, in ISO alpha-3 order.

    >>> records = {r.iso3: r for r in load_records()}
    >>> records["CUB"].label, records["CUB"].capitals, records["CUB"].demonyms
    ('Cuba', ('Havana',), ('Cuban',))
    """
    # Imported here, not at module level: importing kg.entities must cost nothing.
    from countryinfo import CountryInfo

    info_by_iso: dict[str, list[dict]] = {}
    for info in CountryInfo.all().values():
        iso3 = (info.get("ISO") or {}).get("alpha3")
        if iso3:
            info_by_iso.setdefault(iso3, []).append(info)

    records = []
    for row in _cc_rows():
        iso3 = row["ISO3"]
        if not (row["UNmember"] or iso3 in _EXTRA_STATES) or row["obsolete"]:
            continue
        # Wales and Scotland carry GBR's code without altSpellings; they are not the UK.
        infos = [info for info in info_by_iso.get(iso3, []) if info.get("altSpellings")]
        names = [row["name_short"], row["name_official"]]
        capitals: list[str] = []
        demonyms: list[str] = []
        population = 0
        for info in infos:  # Myanmar/Burma, Palestine and the Vatican come twice
            names.append(info["name"])
            names.extend(a.strip() for a in info.get("altSpellings") or [] if _usable(a.strip()))
            capitals.extend(_split_capital(info.get("capital")))
            demonyms.extend(_split_demonym(info.get("demonym")))
            population = max(population, int(info.get("population") or 0))
        label = LABEL_OVERRIDES.get(iso3) or (infos[0]["name"] if infos else row["name_short"])
        records.append(
            CountryRecord(
                iso3=iso3,
                label=label,
                names=tuple(dict.fromkeys([label, *names])),
                capitals=tuple(dict.fromkeys(capitals)),
                demonyms=tuple(dict.fromkeys(demonyms)),
                population=population,
            )
        )
    return sorted(records, key=lambda r: r.iso3)


def alpha2_codes() -> dict[str, str]:
    """ISO 3166-1 alpha-3 → alpha-2 for the states of :func:`load_records` (STIX locations need alpha-2).

    >>> alpha2_codes()["CUB"]
    'CU'
    """
    from countryinfo import CountryInfo

    codes = {}
    for info in CountryInfo.all().values():
        iso = info.get("ISO") or {}
        if iso.get("alpha3") and iso.get("alpha2"):
            codes.setdefault(iso["alpha3"], iso["alpha2"])
    codes.setdefault("XKX", "XK")  # Kosovo's user-assigned code, as in country_converter and STIX tools
    return codes
