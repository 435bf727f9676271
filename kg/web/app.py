"""The workbench as a Starlette application: pages, review forms, and the SPARQL endpoint.

Routes
------
``GET /``                        actors with most claims, recent documents, recent decisions, search
``GET /search?q=``               entities by label or alias
``GET /entity/{key}``            one entity: labels, affiliations, claims by relation with their
                                 evidence, timeline, neighbourhood graph, review forms
``GET /doc/{name}``              a document's text with every claim highlighted in place
``GET /graph``                   the interactive graph page (``kg render``'s), with its filters
``GET /sparql``                  a SPARQL console with kg's prefixes predeclared
``GET|POST /query``              the read-only SPARQL 1.1 endpoint (the oxigraph child, proxied)
``POST /review``                 confirm, reject or unreview a claim
``POST /entity/{key}/merge|split|rename``  entity decisions

Safety: pages are server-side templates with autoescaping; text from documents reaches
scripts only as escaped JSON in ``<script type="application/json">``. Every response
carries a Content-Security-Policy that allows scripts and styles from this server only, no
connection elsewhere, and forms posting here only. The only writes are decisions, by POST
with the token the pages carry (``csrf``) and from this origin; the Host header must name
the address served, so a DNS-rebinding page cannot reach the app either.
"""

from __future__ import annotations

import hmac
import re
import secrets
from collections import Counter, defaultdict
from collections.abc import Callable
from importlib import resources
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import parse_qs
from urllib.request import Request as UrlRequest
from urllib.request import urlopen

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from kg.curation import RELIABILITY, Decision, decision, describe, short_name
from kg.errors import InputError, KGError
from kg.ontology import PREFIXES
from kg.records import LIKELIHOODS, ClaimFilter, affiliation_chain
from kg.render import _script_json
from kg.web.workbench import Workbench, highlight

__all__ = ["create_app", "CSP"]

#: The policy of every page but the graph page (which carries its own, stricter one).
CSP = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        # vis-network positions its canvas and tooltip with style attributes.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)
_VIS_FILES = {"vis-network.min.js": "application/javascript", "vis-network.css": "text/css"}
_HEDGE_SPLIT = " / "
#: What the SPARQL proxy passes on from the request, and back from the endpoint.
_FORWARD = ("accept", "content-type")
_UPDATE_TYPES = ("application/sparql-update",)


class HostGuard:
    """Refuse (403) a request whose Host header is not this server's: DNS rebinding.

    An allowed entry with a port ("127.0.0.1:7878") must match the header exactly; one
    without a port matches a header that names that host with no port (test clients).
    """

    def __init__(self, app, allowed: list[str]) -> None:
        self.app = app
        self.allowed = {a.lower() for a in allowed}

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] in {"http", "websocket"}:
            host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1").lower()
            if host not in self.allowed:
                response = PlainTextResponse("unknown Host header: this server answers only to its own address", 403)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def create_app(
    workbench: Workbench,
    *,
    sparql_url: str | None = None,
    allowed_hosts: list[str] | None = None,
    token: str | None = None,
) -> Starlette:
    """The application over ``workbench``.

    Parameters
    ----------
    workbench
        The data (and the only writer: decisions).
    sparql_url
        The read-only SPARQL endpoint ``/query`` forwards to (the oxigraph child); None
        answers 503 there.
    allowed_hosts
        Host names the app answers (default: the loopback names).
    token
        The CSRF token the forms carry; a fresh random one by default.
    """
    token = token or secrets.token_urlsafe(32)
    # Autoescaping everywhere: every string from a document is untrusted.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resources.files("kg.web").joinpath("templates"))), autoescape=True
    )
    templates = Jinja2Templates(env=env)
    templates.env.globals.update(csrf=token, short_name=short_name, likelihoods=LIKELIHOODS, reliability=RELIABILITY)
    templates.env.filters["band"] = lambda value: (value or "").replace("_", " ")

    def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context, status_code=status)

    async def snapshot():
        return await run_in_threadpool(workbench.snapshot)

    async def home(request: Request) -> Response:
        snap = await snapshot()
        documents = sorted(snap.documents.values(), key=lambda d: (d["date"] or "", d["name"]), reverse=True)
        recent = list(reversed(snap.decisions.items))[:8]
        return page(request, "home.html", {
            "actors": snap.top_actors(15),
            "documents": documents[:15],
            "n_documents": len(snap.documents),
            "n_entities": len(snap.summaries),
            "n_claims": len(snap.claims(ClaimFilter())),
            "decisions": [describe(d) for d in recent],
        })  # fmt: skip

    async def search(request: Request) -> Response:
        text = request.query_params.get("q", "").strip()
        snap = await snapshot()
        found = snap.search(text)
        return page(request, "search.html", {"q": text, "found": found})

    async def entity_page(request: Request) -> Response:
        snap = await snapshot()
        try:
            found = snap.entity(request.path_params["key"])
        except KeyError as err:
            return page(request, "error.html", {"message": err.args[0]}, 404)
        show_rejected = request.query_params.get("rejected") == "1"
        everything = ClaimFilter(entities=frozenset({found.iri}), include_negated=True, include_open=True, include_rejected=True)
        records = snap.claims(everything)
        hidden = sum(1 for r in records if r["status"] == "rejected")
        if not show_rejected:
            records = [r for r in records if r["status"] != "rejected"]
        groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for r in records:
            role = "by" if r["actor"] == found.iri else "about"
            groups[role, r["relation"]].append(_claim_view(r))
        ordered = sorted(groups.items(), key=lambda kv: (kv[0][0] != "by", -len(kv[1]), kv[0][1]))
        return page(request, "entity.html", {
            "entity": found,
            "chain": _chain(snap, found.iri),
            "parts": snap.parts(found.iri),
            "groups": ordered,
            "hidden": hidden,
            "show_rejected": show_rejected,
            "timeline": _timeline(records),
            "assertions": _assertions(snap, records),
            "neighbours": _script_json(_neighbourhood(found.iri, records)),
            "decisions": [describe(d) for d in snap.decisions.about(found.iri)],
            "labels": sorted({s.label for s in snap.summaries if s.iri != found.iri})[:2000],
        })  # fmt: skip

    async def document_page(request: Request) -> Response:
        name = request.path_params["name"]
        snap = await snapshot()
        meta = snap.documents.get(name)
        if meta is None:
            return page(request, "error.html", {"message": f"no document named {name!r} in the store"}, 404)
        show_rejected = request.query_params.get("rejected") == "1"
        where = ClaimFilter(documents=frozenset({name}), include_negated=True, include_open=True, include_rejected=show_rejected)
        records = snap.claims(where)
        text = await run_in_threadpool(workbench.text, name)
        return page(request, "document.html", {
            "doc": meta,
            "pieces": _document_pieces(text, records) if text is not None else None,
            "claims": [_claim_view(r) for r in records],
            "show_rejected": show_rejected,
        })  # fmt: skip

    async def graph_page(request: Request) -> Response:
        from kg.render import DEFAULT_TITLE, graph_html

        params = request.query_params
        try:
            where = ClaimFilter.of(
                actor=params.getlist("actor") or None,
                relation=params.getlist("relation") or None,
                min_likelihood=params.get("min_likelihood") or None,
                min_reliability=params.get("min_reliability") or None,
            )
        except ValueError as err:
            return page(request, "error.html", {"message": str(err)}, 400)
        snap = await snapshot()
        records = snap.claims(where)
        title = DEFAULT_TITLE + (f" ({where.describe()})" if where.narrowing else "")
        html = await run_in_threadpool(graph_html, None, records=records, where=where, title=title, entity_url="/entity/")
        # The page states its own policy (inline scripts by hash); the header repeats it.
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
        headers = {"Content-Security-Policy": policy.group(1) if policy else "default-src 'none'"}
        return HTMLResponse(html, headers=headers)

    async def sparql_page(request: Request) -> Response:
        prefixes = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())
        example = (
            prefixes
            + "\n# Actors and how many claims each makes (one row per actor)\n"
            + "SELECT ?actor (COUNT(?claim) AS ?claims) WHERE {\n"
            + "  GRAPH ?g { ?claim a kgo:Claim ; rdf:subject ?a . ?a skos:prefLabel ?actor }\n"
            + "} GROUP BY ?actor ORDER BY DESC(?claims) LIMIT 20\n"
        )
        config = {"example": example, "prefixes": dict(PREFIXES)}
        return page(request, "sparql.html", {"config": _script_json(config)})

    async def query(request: Request) -> Response:
        body = await request.body() if request.method == "POST" else b""
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        form = parse_qs(body.decode("utf-8", "replace")) if content_type == "application/x-www-form-urlencoded" else {}
        # The child is read-only and would refuse too; saying so here keeps it that way
        # whatever the child is started as.
        if "update" in request.query_params or content_type in _UPDATE_TYPES or "update" in form:
            return PlainTextResponse("this endpoint is read-only: SPARQL Update is refused\n", status_code=403)
        origin = request.headers.get("origin")
        if origin is not None and origin != f"{request.url.scheme}://{request.headers.get('host', '')}":
            return PlainTextResponse("queries from pages of other origins are refused\n", status_code=403)
        text = request.query_params.get("query", "") + " ".join(form.get("query", []))
        if content_type == "application/sparql-query":
            text += body.decode("utf-8", "replace")
        if uses_service(text):
            # A federated query would make this machine fetch from anywhere the query names.
            return PlainTextResponse("federated queries (SERVICE) are refused\n", status_code=403)
        if sparql_url is None:
            return PlainTextResponse("no SPARQL endpoint behind this application\n", status_code=503)
        return await run_in_threadpool(_forward, sparql_url, request.method, str(request.query_params), body, request.headers)

    async def checked_form(request: Request) -> dict[str, str]:
        form = await request.form()
        origin = request.headers.get("origin")
        if origin is not None and origin != f"{request.url.scheme}://{request.headers.get('host', '')}":
            raise PermissionError("cross-origin form")
        if not hmac.compare_digest(str(form.get("csrf", "")), token):
            raise PermissionError("missing or wrong token")
        return {k: str(v) for k, v in form.items()}

    def write(make: Callable[[dict[str, str], Request, Any], tuple[Decision, str]]):
        """A POST endpoint that checks the form, makes one decision and redirects back."""

        async def endpoint(request: Request) -> Response:
            try:
                form = await checked_form(request)
            except PermissionError as err:
                return PlainTextResponse(f"refused: {err} (reload the page and try again)\n", status_code=403)
            snap = await snapshot()
            try:
                made, back = make(form, request, snap)
                await run_in_threadpool(workbench.decide, made)
            except (InputError, KeyError) as err:
                message = err.args[0] if err.args else str(err)
                return page(request, "error.html", {"message": message}, 400)
            return RedirectResponse(_local_path(back), status_code=303)

        return endpoint

    def review(form, request, snap):
        verdict = form.get("verdict", "")
        if verdict not in ("confirm", "reject", "unreview"):
            raise InputError(f"unknown verdict {verdict!r}")
        found = snap.claim(form.get("claim", ""))
        if found is None:
            raise InputError("no such claim in the store")
        return decision(verdict, found["claim"], note=form.get("note", "")), form.get("back", "/")

    def merge(form, request, snap):
        here = snap.entity(request.path_params["key"])
        into = snap.entity(form.get("into", ""))
        return decision("merge", here.iri, into.iri, note=form.get("note", "")), f"/entity/{into.key}"

    def split(form, request, snap):
        here = snap.entity(request.path_params["key"])
        alias = form.get("alias", "").strip()
        if alias.casefold() not in {a.casefold() for a in here.aliases}:
            raise InputError(f"{alias!r} is not an alias of {here.label}")
        made = decision("split", here.iri, alias, note=form.get("note", ""))
        return made, f"/entity/{here.key}"

    def rename(form, request, snap):
        here = snap.entity(request.path_params["key"])
        return decision("rename", here.iri, form.get("label", ""), note=form.get("note", "")), f"/entity/{here.key}"

    async def vis_asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in _VIS_FILES:
            return PlainTextResponse("not found\n", status_code=404)
        text = resources.files("pyvis").joinpath("templates", "lib", "vis-9.1.2", name).read_text(encoding="utf-8")
        return Response(text, media_type=_VIS_FILES[name], headers={"Cache-Control": "max-age=3600"})

    routes = [
        Route("/", home),
        Route("/search", search),
        Route("/entity/{key:path}/merge", write(merge), methods=["POST"]),
        Route("/entity/{key:path}/split", write(split), methods=["POST"]),
        Route("/entity/{key:path}/rename", write(rename), methods=["POST"]),
        Route("/entity/{key:path}", entity_page),
        Route("/doc/{name:path}", document_page),
        Route("/graph", graph_page),
        Route("/sparql", sparql_page),
        Route("/query", query, methods=["GET", "POST"]),
        Route("/review", write(review), methods=["POST"]),
        Route("/vis/{name}", vis_asset),
        Mount("/static", app=StaticFiles(directory=str(resources.files("kg.web").joinpath("static"))), name="static"),
    ]
    hosts = allowed_hosts or ["127.0.0.1", "localhost"]
    middleware = [Middleware(HostGuard, allowed=hosts), Middleware(SecurityHeaders)]
    async def store_trouble(request: Request, err: Exception) -> Response:
        # The store could not be read (the endpoint stopped, a damaged database): say so
        # in a page rather than a bare 500.
        return page(request, "error.html", {"message": str(err)}, 503)

    return Starlette(routes=routes, middleware=middleware, exception_handlers={KGError: store_trouble})


class SecurityHeaders:
    """ASGI middleware: the Content-Security-Policy and friends on every response that has none."""

    _HEADERS = (
        (b"content-security-policy", CSP.encode()),
        (b"x-content-type-options", b"nosniff"),
        # "same-origin", not "no-referrer": with no referrer at all, browsers send "Origin: null"
        # on form posts, which the origin check must refuse.
        (b"referrer-policy", b"same-origin"),
        (b"x-frame-options", b"DENY"),
    )

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(name, value) for name, value in self._HEADERS if name not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


# Strings (long and short), IRIs and comments: where the word SERVICE means nothing.
_SPARQL_NOISE = re.compile(
    r'"""[\s\S]*?"""' r"|'''[\s\S]*?'''" r'|"(?:[^"\\\n]|\\.)*"' r"|'(?:[^'\\\n]|\\.)*'" r"|<[^<>\s]*>" r"|#[^\n]*"
)


def uses_service(query: str) -> bool:
    """True when a SPARQL query has a ``SERVICE`` clause (strings, IRIs and comments aside).

    >>> uses_service('SELECT * { SERVICE <http://x/> { ?s ?p ?o } }')
    True
    >>> uses_service('SELECT * { ?s ?p "Security Service" } # service')
    False
    """
    return re.search(r"\bSERVICE\b", _SPARQL_NOISE.sub(" ", query), re.IGNORECASE) is not None


def _local_path(path: str) -> str:
    """``path`` when it is a path on this server, else ``/``: a form cannot redirect elsewhere.

    >>> _local_path("/entity/russia"), _local_path("//evil.example/"), _local_path("https://evil.example/")
    ('/entity/russia', '/', '/')
    """
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/"
    return path


def _forward(url: str, method: str, query_string: str, body: bytes, headers) -> Response:
    target = url + (f"?{query_string}" if query_string else "")
    forwarded = {k: headers[k] for k in _FORWARD if k in headers}
    request = UrlRequest(target, data=body if method == "POST" else None, headers=forwarded, method=method)
    try:
        with urlopen(request, timeout=120) as answer:
            return Response(answer.read(), status_code=answer.status, media_type=answer.headers.get("Content-Type"))
    except HTTPError as err:
        return Response(err.read(), status_code=err.code, media_type=err.headers.get("Content-Type", "text/plain"))
    except (URLError, OSError) as err:
        return PlainTextResponse(f"the SPARQL endpoint did not answer: {err}\n", status_code=502)


def _claim_view(r: dict[str, Any]) -> dict[str, Any]:
    parts = [(r["actor_text"], "actor"), (r["predicate_text"], "predicate"), (r["target_text"], "target")]
    parts += [(cue, "hedge") for cue in (r["hedge"] or "").split(_HEDGE_SPLIT) if cue]
    if r["attribution"]:
        parts.append((r["attribution"], "source"))
    anchor = "a-" + r["assertion"].rsplit("/", 1)[-1] if r.get("assertion") else None
    return {**r, "id": r["claim"].rsplit("/", 1)[-1], "segments": highlight(r["sentence"] or "", parts), "assertion_anchor": anchor}


def _assertions(snap, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The assertions the entity's claims are evidence for, most independent sources first.

    Each has the stored summary (documents, independent sources, strongest and weakest
    band, disputed) and one source chain per claim that carries it, in any document:
    document [publisher] ← "attribution" → original source, with the analyst's rating.
    """
    found: dict[str, dict[str, Any]] = {}
    for r in records:
        if r.get("assertion") and r["status"] != "rejected" and r["assertion"] not in found:
            chains = [
                {
                    "id": e["claim"].rsplit("/", 1)[-1],
                    "document": e["document"],
                    "title": e["title"],
                    "start": e["start"],
                    "publisher": e["publisher"],
                    "attribution": e["attribution"],
                    "origin": e["origin"],
                    "rating": e["rating"],
                    "rated_source": e["rated_source"],
                    "denies": e["negated"] or (e["likelihood_rank"] is not None and e["likelihood_rank"] < _EVEN_CHANCE),
                    "likelihood": e["likelihood"],
                    "rejected": e["status"] == "rejected",
                }
                for e in snap.evidence_for(r["assertion"])
            ]
            found[r["assertion"]] = {**r["corroboration"], "anchor": "a-" + r["assertion"].rsplit("/", 1)[-1], "chains": chains}
    return sorted(found.values(), key=lambda a: (-a["sources"], -a["documents"], a["assertion"]))


#: Rank of "roughly even chance": a claim judged below it doubts its assertion (kg.assertions.dissents).
_EVEN_CHANCE = LIKELIHOODS.index("roughly_even_chance")


def _chain(snap, iri: str) -> list[tuple[str, str]]:
    """The affiliation chain above an entity, nearest first: (key, label) pairs."""
    return [(short_name(parent), label) for parent, label in affiliation_chain(snap.entities, iri)]


def _timeline(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claims per month, oldest first, with the bar's width in percent of the busiest month."""
    months = Counter((r["date"] or "")[:7] or "undated" for r in records)
    if not months:
        return []
    top = max(months.values())
    ordered = sorted(months, key=lambda m: (m == "undated", m))
    return [{"month": m, "count": months[m], "width": max(4, round(100 * months[m] / top))} for m in ordered]


def _neighbourhood(iri: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    """Nodes and edges of the entity's claims, for the small graph on its page."""
    nodes: dict[str, dict[str, Any]] = {}
    edges: Counter = Counter()
    for r in records:
        if r["status"] == "rejected" or r["negated"]:
            continue
        for node, label, kind in ((r["actor"], r["actor_label"], r["actor_kind"]), (r["target"], r["target_label"], r["target_kind"])):
            nodes.setdefault(node, {"id": node, "label": label, "kind": kind, "key": short_name(node), "self": node == iri})
        edges[r["actor"], r["relation"], r["target"]] += 1
    return {
        "nodes": list(nodes.values())[:150],
        "edges": [{"from": a, "to": t, "label": rel, "value": n} for (a, rel, t), n in edges.items()][:300],
    }


def _document_pieces(text: str, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The document cut into plain pieces and claim sentences, each sentence with its claims' words marked."""
    spans: dict[tuple[int, int], list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        if r["start"] is not None and r["end"] is not None and 0 <= r["start"] < r["end"] <= len(text):
            spans[r["start"], r["end"]].append(r)
    pieces: list[dict[str, Any]] = []
    at = 0
    for (start, end), claims in sorted(spans.items()):
        if start < at:  # overlapping spans: the earlier sentence already holds these words
            continue
        if start > at:
            pieces.append({"text": text[at:start]})
        parts: list[tuple[str | None, str]] = []
        for r in claims:
            parts += [(r["actor_text"], "actor"), (r["predicate_text"], "predicate"), (r["target_text"], "target")]
        rejected = all(r["status"] == "rejected" for r in claims)
        pieces.append({
            "segments": highlight(text[start:end], parts),
            "claims": [r["claim"].rsplit("/", 1)[-1] for r in claims],
            "title": "; ".join(f"{r['actor_label']} {r['relation']} {r['target_label']}" for r in claims),
            "rejected": rejected,
            "anchor": f"s{start}",
        })  # fmt: skip
        at = end
    if at < len(text):
        pieces.append({"text": text[at:]})
    return pieces
