"""Check a claim graph against the SHACL shapes of ``ontologies/shapes.ttl``.

The ontology (``ontologies/influence.ttl``) is mixed into the data graph and RDFS
inference is run first, so that a ``kgo:State`` counts as a ``kgo:Actor`` and the
likelihood bands and confidence levels the ontology defines are known individuals.

A dataset (one named graph per document) is validated as the union of its graphs, so a
claim in one graph may point at a document or entity described in another.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Node, URIRef
from rdflib.namespace import RDF, SH
from rdflib.plugins.parsers.notation3 import BadSyntax

from kg.errors import ValidationError
from kg.ontology import ONTOLOGY_PATH, SHAPES_PATH

__all__ = ["Violation", "ValidationReport", "validate"]


@dataclass(frozen=True)
class Violation:
    """One SHACL validation result.

    Attributes
    ----------
    focus : rdflib.term.Node
        The node that failed a constraint (a claim, entity or document IRI).
    path : rdflib.term.Node or None
        The property whose values failed, e.g. ``kgo:negated``; None for node constraints.
    message : str
        The shape's ``sh:message``, or pyshacl's own wording when the shape has none.
    severity : str
        Local name of the severity: ``Violation``, ``Warning`` or ``Info``.
    """

    focus: Node
    path: Node | None
    message: str
    severity: str = "Violation"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of :func:`validate`.

    Attributes
    ----------
    conforms : bool
        True when the graph satisfies every shape.
    violations : list of Violation
        One record per validation result, sorted for stable output.
    text : str
        pyshacl's human-readable report.
    """

    conforms: bool
    violations: list[Violation]
    text: str


def validate(graph_or_dataset: Graph, shapes_path: str | Path = SHAPES_PATH) -> ValidationReport:
    """Validate a claim graph or dataset against the kg SHACL shapes.

    Parameters
    ----------
    graph_or_dataset : rdflib.Graph or rdflib.Dataset
        The claims, entities and documents to check. It is not modified: pyshacl works
        on a copy when it mixes in the ontology and adds inferred triples.
    shapes_path : str or pathlib.Path, optional
        Turtle file of SHACL shapes; defaults to ``ontologies/shapes.ttl``.

    Returns
    -------
    ValidationReport
        Whether the graph conforms, and the violations if not.

    Raises
    ------
    ValidationError
        If the shapes or the ontology cannot be read or parsed, or pyshacl cannot run the
        shapes (a malformed shape, say). A graph that merely does not conform is reported,
        not raised.

    Examples
    --------
    >>> from rdflib import Dataset
    >>> validate(Dataset()).conforms
    True
    """
    # Imported here: pyshacl (and owlrl) add a noticeable delay to every CLI start-up.
    import pyshacl
    from pyshacl.errors import ReportableRuntimeError

    shapes = _parse(Path(shapes_path), "shapes")
    ontology = _parse(ONTOLOGY_PATH, "ontology")
    try:
        with warnings.catch_warnings():
            # rdflib 7 calls its own deprecated Dataset.default_context on every quad pyshacl
            # copies: tens of thousands of warnings per run that say nothing about the data.
            warnings.filterwarnings("ignore", message="Dataset.default_context is deprecated")
            conforms, results, text = pyshacl.validate(
                graph_or_dataset,
                shacl_graph=shapes,
                ont_graph=ontology,
                inference="rdfs",
                allow_warnings=True,
            )
    except ReportableRuntimeError as exc:
        raise ValidationError(f"SHACL validation could not run: {exc}") from exc
    if not isinstance(results, Graph):
        # pyshacl returns the failure instead of a report graph when validation aborted.
        raise ValidationError(f"SHACL validation could not run: {text}")
    return ValidationReport(conforms=bool(conforms), violations=_violations(results), text=text)


def _parse(path: Path, what: str) -> Graph:
    """Parse a Turtle file, turning I/O and syntax errors into ValidationError."""
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except (OSError, BadSyntax, SyntaxError, ValueError) as exc:
        # BadSyntax is rdflib's Turtle error; ValueError covers bad literals and IRIs.
        raise ValidationError(f"cannot read the SHACL {what} file {path}: {exc}") from exc
    return graph


def _violations(results: Graph) -> list[Violation]:
    """The validation results of a pyshacl report graph, as records."""
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        message = results.value(result, SH.resultMessage)
        found.append(
            Violation(
                focus=results.value(result, SH.focusNode),
                path=results.value(result, SH.resultPath),
                message=str(message) if message is not None else "",
                severity=_local_name(severity) if isinstance(severity, URIRef) else "Violation",
            )
        )
    return sorted(found, key=lambda v: (str(v.focus), str(v.path), v.message))


def _local_name(iri: URIRef) -> str:
    return iri.rsplit("#", 1)[-1]
