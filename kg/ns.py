"""Namespaces, IRIs and the ontology's local names, in one place.

How the graph is modelled (other tools rely on this; ontology/kg.ttl declares every term):

* Entity ``kgr:{key}`` where key is ``{group}/{local}``: group is the lowercase top class
  (company, institution, region, project, person, document, event); local is the region's
  admin code (``region/440000``), an ISO 3166 alpha-3 code for countries
  (``region/ISR``), or the canonical name.  One ``rdf:type`` (most specific class), one
  ``rdfs:label`` (@zh), ``skos:altLabel`` (@zh) per alias, ``kg:adminCode`` for regions.
* Relations between entities are direct triples ``<s> kg:develops <o>``.
* Article ``kgr:article/{doc id}``: ``a kg:NewsArticle``; ``dcterms:identifier``,
  ``dcterms:title``, ``dcterms:date``, ``schema:url`` when known; ``schema:mentions`` every
  entity found in it.
* Sentence ``kgr:article/{doc id}#s{index}``: ``a kg:Sentence``; ``kg:text``,
  ``kg:startOffset``, ``kg:endOffset`` (offsets in the article text), ``dcterms:isPartOf``
  the article.
* Evidence of a relation: ``kgr:stmt/{hash}`` ``a rdf:Statement``; ``rdf:subject``,
  ``rdf:predicate``, ``rdf:object``; ``prov:wasDerivedFrom`` the sentence; ``kg:rule``.
* Mention ``kgr:article/{doc id}#m{sentence}-{start}``: ``a kg:Mention``; ``kg:denotes``
  the entity; ``kg:inSentence``; ``kg:surface``; ``kg:startOffset``/``kg:endOffset``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote


KG_NS = "https://w3id.org/kgnews/ontology#"
KGR_NS = "https://w3id.org/kgnews/resource/"
SCHEMA_NS = "https://schema.org/"
PROV_NS = "http://www.w3.org/ns/prov#"
SKOS_NS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS_NS = "http://purl.org/dc/terms/"
ORG_NS = "http://www.w3.org/ns/org#"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
OWL_NS = "http://www.w3.org/2002/07/owl#"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
SH_NS = "http://www.w3.org/ns/shacl#"

_NAMESPACES = {"KG": KG_NS, "KGR": KGR_NS, "SCHEMA": SCHEMA_NS}


def __getattr__(name: str):
    """KG, KGR, SCHEMA: rdflib Namespaces, made on first use (rdflib is slow to import and
    the pyoxigraph paths never need it)."""
    if name in _NAMESPACES:
        from rdflib import Namespace

        value = globals()[name] = Namespace(_NAMESPACES[name])
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

PREFIXES: dict[str, str] = {
    "kg": KG_NS,
    "kgr": KGR_NS,
    "rdf": RDF_NS,
    "rdfs": RDFS_NS,
    "owl": OWL_NS,
    "xsd": XSD_NS,
    "skos": SKOS_NS,
    "dcterms": DCTERMS_NS,
    "schema": SCHEMA_NS,
    "prov": PROV_NS,
    "org": ORG_NS,
}

# The seven top classes of DESIGN.md and the subclasses the extractor emits, child -> parent.
TOP_CLASSES = ("Company", "Institution", "Region", "Project", "Person", "Document", "Event")
SUBCLASS_OF: dict[str, str] = {
    "University": "Institution",
    "ResearchInstitute": "Institution",
    "Laboratory": "Institution",
    "GovernmentAgency": "Institution",
    "Hospital": "Institution",
    "Association": "Institution",
    "MediaOrganization": "Institution",
    "InternationalOrganization": "Institution",
    "Country": "Region",
    "Province": "Region",
    "City": "Region",  # prefecture level
    "County": "Region",  # county level: counties, districts, county-level cities
    "Zone": "Region",  # named economic zones, new areas, city clusters
}

PREDICATES = (
    "locatedIn",
    "partOf",
    "cooperatesWith",
    "develops",
    "undertakes",
    "invests",
    "publishes",
    "affiliatedWith",
)
CORE_PREDICATES = PREDICATES[:6]
EXTENDED_PREDICATES = PREDICATES[6:]

# Domain and range of each predicate, as top classes; ontology/kg.ttl says the same in OWL.
ORGS = frozenset({"Company", "Institution"})
DOMAIN_RANGE: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "locatedIn": (ORGS | {"Project", "Event", "Region"}, frozenset({"Region"})),
    "partOf": (ORGS | {"Region"}, ORGS | {"Region"}),
    "cooperatesWith": (ORGS, ORGS),
    "develops": (ORGS, frozenset({"Project"})),
    "undertakes": (ORGS, frozenset({"Project"})),
    "invests": (ORGS | {"Person"}, ORGS | {"Project"}),
    "publishes": (ORGS, frozenset({"Document"})),
    "affiliatedWith": (frozenset({"Person"}), ORGS),
}


def top_class(cls: str) -> str:
    """The top class (one of TOP_CLASSES) of a class local name."""
    while cls in SUBCLASS_OF:
        cls = SUBCLASS_OF[cls]
    return cls


def allowed(predicate: str, subject_cls: str, object_cls: str) -> bool:
    """Whether the ontology's domain and range admit this triple (partOf within one kind)."""
    dom, rng = DOMAIN_RANGE[predicate]
    s, o = top_class(subject_cls), top_class(object_cls)
    if predicate == "partOf" and (s == "Region") != (o == "Region"):
        return False
    return s in dom and o in rng


_IRI_SAFE = "/:#@!$&'()*+,;=-._~"
_NEEDS_ESCAPE = re.compile(r"[^\w:@!$&'()*+,;=.~\-]|_|[\u3000]")


@lru_cache(maxsize=65536)
def iri_local(text: str) -> str:
    """Percent-encode what an IRI may not hold; keep Chinese characters readable."""
    if not _NEEDS_ESCAPE.search(text) and text.isprintable():
        return text
    out = []
    for ch in text:
        if ord(ch) > 0x7F and not ch.isspace() and ch not in "\u3000":
            out.append(ch)
        else:
            out.append(quote(ch, safe=_IRI_SAFE) if ch not in "#/" else quote(ch, safe=""))
    return "".join(out)


def entity_iri(key: str) -> str:
    """IRI of an entity from its key ``group/local`` (the group's slash is kept)."""
    group, _, local = key.partition("/")
    return f"{KGR_NS}{group}/{iri_local(local)}"


def article_iri(doc_id: str) -> str:
    return f"{KGR_NS}article/{iri_local(doc_id)}"


def sentence_iri(doc_id: str, index: int) -> str:
    return f"{article_iri(doc_id)}#s{index}"


def mention_iri(doc_id: str, sentence: int, start: int) -> str:
    return f"{article_iri(doc_id)}#m{sentence}-{start}"
