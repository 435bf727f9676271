"""Every runtime dependency of kg, and theirs, is under a licence an MIT project can use.

The dependencies are read from the installed metadata (``importlib.metadata``): kg's own
``Requires-Dist`` without extras, then each requirement's, transitively. A licence is
read from ``License-Expression``, else the ``License`` field, else the trove classifiers.
Strong or library copyleft (GPL, LGPL, AGPL, SSPL, EUPL, OSL, CC BY-SA) fails the test
unless an ``OR`` offers a permissive choice; MPL is accepted: its copyleft is per file,
kg neither copies nor changes those files, and pip, requests and tqdm already bring it.
Test-only dependencies (the ``test`` extra) are not checked: they are not shipped.
"""

from __future__ import annotations

import re
from importlib import metadata

import pytest
from packaging.requirements import Requirement

COPYLEFT = re.compile(
    r"\b(?:A?GPL|LGPL|GNU|General Public License|Affero|SSPL|Server Side Public|EUPL|OSL|CC[- ]BY[- ]SA|Sleepycat)",
    re.IGNORECASE,
)


def runtime_dependencies(root: str = "kg-influence") -> dict[str, metadata.Distribution]:
    """Installed distributions kg needs at run time, by normalised name (kg itself left out)."""
    found: dict[str, metadata.Distribution] = {}
    todo = [root]
    while todo:
        name = todo.pop()
        dist = metadata.distribution(name)
        for spec in dist.requires or []:
            req = Requirement(spec)
            if req.marker is not None and not req.marker.evaluate({"extra": ""}):
                continue  # an optional extra, or another platform's requirement
            key = re.sub(r"[-_.]+", "-", req.name).lower()
            if key not in found:
                try:
                    found[key] = metadata.distribution(req.name)
                except metadata.PackageNotFoundError:
                    continue  # not installed, so not used here (e.g. an optional backend)
                todo.append(req.name)
    return found


def licence_of(dist: metadata.Distribution) -> str:
    """The licence a distribution declares, as one short line."""
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression.strip()
    field = (meta.get("License") or "").strip()
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    # Some packages paste the whole licence text into License; its first line names it.
    if field and field.upper() != "UNKNOWN" and len(field) < 80 and "\n" not in field:
        return field
    if classifiers:
        return " OR ".join(classifiers)
    return field.splitlines()[0].strip() if field and field.upper() != "UNKNOWN" else ""


def is_copyleft(licence: str) -> bool:
    """True when every choice a licence expression offers is copyleft (MPL is not counted).

    >>> is_copyleft("MIT"), is_copyleft("GPL-3.0-only"), is_copyleft("MPL-1.1 OR GPL-2.0-only OR LGPL-2.1-or-later")
    (False, True, False)
    >>> is_copyleft("GNU Lesser General Public License v3 (LGPLv3)"), is_copyleft("MPL-2.0 AND MIT")
    (True, False)
    """
    choices = re.split(r"\s+OR\s+", licence)
    return all(any(COPYLEFT.search(part) for part in re.split(r"\s+AND\s+", choice)) for choice in choices)


@pytest.fixture(scope="module")
def licences() -> dict[str, str]:
    return {name: licence_of(dist) for name, dist in sorted(runtime_dependencies().items())}


def test_the_dependency_list_is_real(licences):
    # Guards the walk: kg's direct dependencies and some of theirs must be found.
    assert {"spacy", "rdflib", "stix2", "trafilatura", "pypdf", "py3langid", "thinc", "lxml"} <= set(licences)
    assert "country-converter" not in licences  # GPL-3.0: replaced by kg/entities/countries.tsv
    assert "pytest" not in licences and "stix2-validator" not in licences  # test-only


def test_no_runtime_dependency_is_copyleft(licences):
    print("\nruntime dependencies and their licences:")
    for name, licence in licences.items():
        print(f"  {name}: {licence or '(none declared)'}")
    copyleft = {name: licence for name, licence in licences.items() if is_copyleft(licence)}
    assert not copyleft, f"copyleft runtime dependencies: {copyleft}"


def test_every_runtime_dependency_declares_a_licence(licences):
    assert not [name for name, licence in licences.items() if not licence]


def test_the_check_catches_gpl():
    assert is_copyleft("GNU General Public License v3 (GPLv3)")  # country_converter's
    assert is_copyleft("AGPL-3.0-or-later") and is_copyleft("CC-BY-SA-4.0")
    assert not is_copyleft("BSD-3-Clause") and not is_copyleft("Apache-2.0 AND CNRI-Python")
