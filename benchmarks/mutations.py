"""A mutation check by hand: break one rule at a time and see whether the tests notice.

Each mutation is a text substitution in one module, made in a copy of the package under a
temporary folder (the checkout is never touched); the test suite then runs against the
copy (``PYTHONPATH``). A mutation the tests do not notice ("survived") is a rule no test
guards. ``mutmut`` does the same exhaustively; this list holds the rules a review named,
and the rules the hardening pass added.

Run by hand (results in benchmarks/README.md)::

    .venv/bin/python benchmarks/mutations.py            # all
    .venv/bin/python benchmarks/mutations.py confidence # by name
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

#: name -> (module path, original text, mutated text)
MUTATIONS: dict[str, tuple[str, str, str]] = {
    "none": ("", "", ""),  # the baseline: the suite must pass on the unchanged copy
    "confidence-constant": (
        "kg/extract/__init__.py",
        "confidence = _confidence(pred, via, subject_entity)",
        "confidence = 0.5",
    ),
    "negation-without-hypothetical": (
        "kg/extract/__init__.py",
        "            or _modality.is_hypothetical(pred.predicate, lex)\n",
        "",
    ),
    "attribution-label-none": (
        "kg/extract/__init__.py",
        "attribution_label=source[1] if source else None,",
        "attribution_label=None,",
    ),
    "csv-cells-unguarded": ("kg/tabular.py", "        return \"'\" + text", "        return text"),
    "values-with-n3": ("kg/store/terms.py", "        return str(ox_term(term))", "        return term.n3()"),
    "no-long-document-split": ("kg/engine.py", "            if len(document.text) > limit:", "            if False:"),
    "service-allowed": ("kg/guard.py", "    return _has_service(tree)", "    return False"),
    "host-unchecked": ("kg/guard.py", "    return header is not None and header.strip().lower() in allowed", "    return True"),
    # five extraction rules (issue 9): each is a rule of kg/extract or a row of the lexicon
    "passive-agent-dropped": (
        "kg/extract/clauses.py",
        "    agent = _agent(verb) or _shared_agent(verb)\n",
        "    agent = None\n",
    ),
    "conjunct-subject-not-shared": (
        "kg/extract/predicates/inheritance.py",
        '                    return found[0], "conj", tuple(chain)\n',
        "                    return None\n",
    ),
    "control-subject-not-passed": (
        "kg/extract/predicates/inheritance.py",
        '        return None if found is None else (found[0], "control", tuple(chain))\n',
        "        return None\n",
    ),
    "negation-ignored": (
        "kg/extract/__init__.py",
        "            _modality.is_negated(pred.predicate, lex)\n",
        "            False\n",
    ),
    "contact-verb-row-removed": (
        "kg/lexicon/relations.tsv",
        "verb\tcontact\t-\t-\ttargets\tcurated:contact-verbs (VerbNet meet-36.3)\n",
        "",
    ),
    "likelihood-band-dropped": (
        "kg/extract/modality.py",
        '    return _span_cue([token], "likelihood", likelihood=base)\n',
        '    return _span_cue([token], "likelihood", likelihood=None)\n',
    ),
    # five rules of the third pass (2026-12-02, evening)
    "reporting-government-acts": (
        "kg/extract/__init__.py",
        "    if pred.relation is not None and _reporting_government(subject_entity, subject_tokens, lex):\n",
        "    if False:\n",
    ),
    "rules-asserted": (
        "kg/extract/__init__.py",
        "            or _modality.is_norm(pred.predicate, lex, scope)\n",
        "",
    ),
    "appositive-names-ignored": (
        "kg/extract/predicates/sets.py",
        "            owners = _distributed_owners(tok) or _appositive_names(tok)\n",
        "            owners = _distributed_owners(tok)\n",
    ),
    "plural-pronoun-takes-any-state": (
        "kg/extract/coref.py",
        "                    states = [m for m in mentions if m.plural or m.collective] if lower in plural else mentions\n",
        "                    states = mentions\n",
    ),
    "passive-report-raises-nothing": (
        "kg/extract/predicates/inheritance.py",
        "            if raised is not None:\n",
        "            if raised is not None and not is_reporting(head, lex):\n",
    ),
    # five rules of the fourth pass (2026-12-02, night)
    "fronted-clause-keeps-names": (
        "kg/parse_repairs.py",
        "            _subject_from_fronted_clause(token)\n",
        "",
    ),
    "nicknames-kept": (
        "kg/entities/names.py",
        "    return kept if kept else words\n",
        "    return words\n",
    ),
    "accused-conducts-nothing": (
        "kg/extract/clauses.py",
        "    charged = accused_of_operation(noun, lex) if agent is None and is_operation_noun(noun, lex) else None\n",
        "    charged = None\n",
    ),
    "experiencer-acts": (
        "kg/extract/predicates/inheritance.py",
        "            if head.lemma_.lower() in lex.words(\"experiencer_verbs\"):\n                return None",
        "            if False:\n                return None",
    ),
    "every-verb-light": (
        "kg/extract/predicates/arguments.py",
        "    return entry is None or entry.object is not None\n",
        "    return True\n",
    ),
}

TESTS = ["tests", "-q", "-x", "-p", "no:cacheprovider", "-m", "not browser and not slow", "--ignore", "tests/test_notebooks.py"]


def run(name: str) -> dict:
    module, before, after = MUTATIONS[name]
    with tempfile.TemporaryDirectory(prefix="kg-mutant-") as tmp:
        copy = Path(tmp)
        for folder in ("kg", "ontologies", "tests", "benchmarks", "scripts", "corpus"):
            shutil.copytree(REPO / folder, copy / folder, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(REPO / "pyproject.toml", copy / "pyproject.toml")
        if module:
            target = copy / module
            text = target.read_text(encoding="utf-8")
            if before not in text:
                return {"mutation": name, "error": "the original text is not there any more"}
            target.write_text(text.replace(before, after, 1), encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "pytest", *TESTS],
            cwd=copy, env={"PYTHONPATH": str(copy), "KG_SHARED": str(REPO.parent / "shared"), "PATH": "/usr/bin:/bin"},
            capture_output=True, text=True,
        )  # fmt: skip
    failed = [line.split(" ")[1] for line in result.stdout.splitlines() if line.startswith(("FAILED ", "ERROR "))]
    return {"mutation": name, "caught": result.returncode != 0, "first_failure": failed[:1]}


def main(argv: list[str]) -> int:
    names = argv or list(MUTATIONS)
    survived = 0
    for name in names:
        outcome = run(name)
        if name == "none" and outcome["caught"]:
            print(json.dumps(outcome), flush=True)
            raise SystemExit("the suite fails without any mutation: fix that first")
        survived += name != "none" and not outcome.get("caught", False)
        print(json.dumps(outcome), flush=True)
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
