#!/usr/bin/env python3
"""Build ``kg/entities/countries.tsv``, the vendored table of sovereign states (dev-time only).

kg used to read country data at run time from two packages: ``countryinfo`` (MIT) and
``country_converter`` (GPL-3.0, which an MIT project cannot depend on). This script
makes one table from permissively licensed data only, so kg reads a file it ships:

* ``countryinfo`` (MIT, its bundled JSON): English name, alternative spellings and
  official names, capital, demonym, population, ISO alpha-2 and alpha-3 codes;
* the list of the 193 UN member states below, a public fact (United Nations, "Member
  States", https://www.un.org/en/about-us/member-states), plus the two UN observer
  states and Taiwan and Kosovo, which act as states in influence reporting;
* a few English names missing from countryinfo, written here.

Run it with countryinfo installed (``pip install countryinfo``)::

    python scripts/build_country_table.py > kg/entities/countries.tsv
"""

from __future__ import annotations

import sys

# The UN's 193 member states, by ISO 3166-1 alpha-3 code.
UN_MEMBERS = frozenset(
    """
AFG AGO ALB AND ARE ARG ARM ATG AUS AUT AZE BDI BEL BEN BFA BGD BGR BHR BHS BIH BLR BLZ BOL BRA BRB
BRN BTN BWA CAF CAN CHE CHL CHN CIV CMR COD COG COL COM CPV CRI CUB CYP CZE DEU DJI DMA DNK DOM DZA
ECU EGY ERI ESP EST ETH FIN FJI FRA FSM GAB GBR GEO GHA GIN GMB GNB GNQ GRC GRD GTM GUY HND HRV HTI
HUN IDN IND IRL IRN IRQ ISL ISR ITA JAM JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA
LIE LKA LSO LTU LUX LVA MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MOZ MRT MUS MWI MYS NAM
NER NGA NIC NLD NOR NPL NRU NZL OMN PAK PAN PER PHL PLW PNG POL PRK PRT PRY QAT ROU RUS RWA SAU SDN
SEN SGP SLB SLE SLV SMR SOM SRB SSD STP SUR SVK SVN SWE SWZ SYC SYR TCD TGO THA TJK TKM TLS TON TTO
TUN TUR TUV TZA UGA UKR URY USA UZB VCT VEN VNM VUT WSM YEM ZAF ZMB ZWE
""".split()
)
#: Non-members that act as states in the reporting kg reads.
EXTRA_STATES = frozenset({"PSE", "VAT", "TWN", "XKX"})

#: Official and short English names countryinfo lacks (or spells otherwise).
MORE_NAMES: dict[str, tuple[str, ...]] = {
    "AUS": ("Commonwealth of Australia",),
    "BRN": ("Nation of Brunei, Abode of Peace",),
    "COG": ("Congo Republic",),
    "FSM": ("Micronesia",),
    "HUN": ("Republic of Hungary",),
    "KNA": ("St. Kitts and Nevis",),
    "LCA": ("St. Lucia",),
    "MKD": ("Republic of North Macedonia",),
    "TUR": ("Türkiye", "Republic of Türkiye"),
    "VAT": ("Vatican",),
    "XKX": ("Republic of Kosovo",),
}
#: Kosovo has no ISO code; XK/XKX are the user-assigned codes in common use. countryinfo
#: has no entry for it at all: its capital and demonym are in kg.entities.data's tables.
ALPHA2_FALLBACK = {"XKX": "XK"}
NO_DATA_LABELS = {"XKX": "Kosovo"}

HEADER = """\
# kg/entities/countries.tsv: the sovereign states kg's gazetteer knows (made by scripts/build_country_table.py).
# Data from countryinfo (https://github.com/porimol/countryinfo), Copyright (c) 2018 Porimol Chandro,
# MIT licence: Permission is hereby granted, free of charge, to any person obtaining a copy of this
# software and associated documentation files, to deal in the Software without restriction, subject to
# including this notice; THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.
# UN membership: United Nations, Member States. A few names added by kg (MIT).
# Columns: iso3, iso2, label, names, capitals, demonyms (each list joined by " | "), population.
# names start with the label and countryinfo's name; the rest are alternative and official names.
"""


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
    # to kg.entities.data.ABBREVIATIONS because most are English words in capitals (CAN, AND, PER).
    return len(name) > 3 or (len(name) > 2 and not name.isupper())


def rows() -> list[tuple[str, ...]]:
    """One row per state, in alpha-3 order."""
    from countryinfo import CountryInfo

    sys.path.insert(0, ".")
    from kg.entities.data import LABEL_OVERRIDES  # the usual English short names kg prefers

    by_iso: dict[str, list[dict]] = {}
    for info in CountryInfo.all().values():
        iso3 = (info.get("ISO") or {}).get("alpha3")
        # Wales and Scotland carry GBR's code without altSpellings; they are not the UK.
        if iso3 and info.get("altSpellings"):
            by_iso.setdefault(iso3, []).append(info)
    out = []
    for iso3 in sorted(UN_MEMBERS | EXTRA_STATES):
        infos = by_iso.get(iso3, [])  # in countryinfo's order: its first entry gives the label
        if not infos and iso3 not in NO_DATA_LABELS:
            raise SystemExit(f"countryinfo has no data for {iso3}")
        names: list[str] = []
        capitals: list[str] = []
        demonyms: list[str] = []
        for info in infos:  # Myanmar/Burma, Palestine and the Vatican come twice
            names.append(info["name"])
            names.extend(a.strip() for a in info.get("altSpellings") or [] if _usable(a.strip()))
            capitals.extend(_split_capital(info.get("capital")))
            demonyms.extend(_split_demonym(info.get("demonym")))
        names.extend(MORE_NAMES.get(iso3, ()))
        label = LABEL_OVERRIDES.get(iso3) or (infos[0]["name"] if infos else NO_DATA_LABELS[iso3])
        iso2 = ((infos[0].get("ISO") or {}).get("alpha2") if infos else None) or ALPHA2_FALLBACK[iso3]
        population = max((int(info.get("population") or 0) for info in infos), default=0)
        fields = [list(dict.fromkeys([label, *names])), list(dict.fromkeys(capitals)), list(dict.fromkeys(demonyms))]
        for values in fields:
            for value in values:
                if "|" in value or "\t" in value or "\n" in value:
                    raise SystemExit(f"{iso3}: {value!r} holds a separator")
        out.append((iso3, iso2, label, *(" | ".join(v) for v in fields), str(population)))
    return out


def main() -> int:
    sys.stdout.write(HEADER)
    for row in rows():
        sys.stdout.write("\t".join(row) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
