"""ontology/kg.ttl declares every term kg/ns.py uses, as kg/ns.py says, and stays consistent."""
from __future__ import annotations

from importlib import resources

import owlrl
import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, Literal, URIRef

from kg import ns

KG = rdflib.Namespace(ns.KG_NS)
ONTOLOGY_IRI = URIRef("https://w3id.org/kgnews/ontology")
ERROR_MESSAGE = URIRef("http://www.daml.org/2002/03/agents/agent-ont#ErrorMessage")

CLASSES = (*ns.TOP_CLASSES, *ns.SUBCLASS_OF, "NewsArticle", "Sentence", "Mention")
OTHER_OBJECT_PROPERTIES = ("denotes", "inSentence")
DATATYPE_PROPERTIES = ("text", "startOffset", "endOffset", "surface", "rule", "adminCode")
ALIGNMENT_NAMESPACES = (
    ns.SCHEMA_NS, ns.ORG_NS, ns.PROV_NS, ns.SKOS_NS, ns.DCTERMS_NS,
    "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "http://www.w3.org/2005/11/its/rdf#",
)


@pytest.fixture(scope="module")
def onto() -> rdflib.Graph:
    text = (resources.files("kg.ontology") / "kg.ttl").read_text(encoding="utf-8")
    return rdflib.Graph().parse(data=text, format="turtle")


def _langs(g: rdflib.Graph, term: URIRef, prop: URIRef) -> set[str | None]:
    return {o.language for o in g.objects(term, prop) if isinstance(o, Literal)}


def _class_set(g: rdflib.Graph, node: rdflib.term.Node) -> set[str]:
    """A named kg class, or an owl:unionOf of them, as a set of local names."""
    if isinstance(node, URIRef):
        return {str(node).removeprefix(ns.KG_NS)}
    members = g.value(node, OWL.unionOf)
    assert members is not None, "a class expression other than owl:unionOf"
    return {str(m).removeprefix(ns.KG_NS) for m in rdflib.collection.Collection(g, members)}


def test_header(onto: rdflib.Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    for prop in (OWL.versionInfo, OWL.versionIRI, rdflib.DCTERMS.title, rdflib.DCTERMS.description,
                 rdflib.DCTERMS.license):
        assert onto.value(ONTOLOGY_IRI, prop) is not None, prop


@pytest.mark.parametrize("name", CLASSES)
def test_every_class_declared_with_labels_and_comment(onto: rdflib.Graph, name: str) -> None:
    term = KG[name]
    assert (term, RDF.type, OWL.Class) in onto
    assert {"zh", "en"} <= _langs(onto, term, RDFS.label)
    assert "en" in _langs(onto, term, RDFS.comment)


@pytest.mark.parametrize("name", (*ns.PREDICATES, *OTHER_OBJECT_PROPERTIES, *DATATYPE_PROPERTIES))
def test_every_property_declared_with_labels_comment_domain_range(onto: rdflib.Graph, name: str) -> None:
    term = KG[name]
    kind = OWL.DatatypeProperty if name in DATATYPE_PROPERTIES else OWL.ObjectProperty
    assert (term, RDF.type, kind) in onto
    assert {"zh", "en"} <= _langs(onto, term, RDFS.label)
    assert "en" in _langs(onto, term, RDFS.comment)
    assert onto.value(term, RDFS.domain) is not None
    assert onto.value(term, RDFS.range) is not None


def test_subclasses_as_in_ns(onto: rdflib.Graph) -> None:
    for child, parent in ns.SUBCLASS_OF.items():
        kg_parents = {o for o in onto.objects(KG[child], RDFS.subClassOf) if str(o).startswith(ns.KG_NS)}
        assert kg_parents == {KG[parent]}, child
    for top in ns.TOP_CLASSES:  # top classes have no kg superclass
        assert not [o for o in onto.objects(KG[top], RDFS.subClassOf) if str(o).startswith(ns.KG_NS)]


@pytest.mark.parametrize("predicate", ns.PREDICATES)
def test_domain_and_range_match_ns(onto: rdflib.Graph, predicate: str) -> None:
    domain, range_ = ns.DOMAIN_RANGE[predicate]
    assert _class_set(onto, onto.value(KG[predicate], RDFS.domain)) == set(domain)
    assert _class_set(onto, onto.value(KG[predicate], RDFS.range)) == set(range_)


def test_only_cooperates_with_is_symmetric(onto: rdflib.Graph) -> None:
    symmetric = {str(s).removeprefix(ns.KG_NS) for s in onto.subjects(RDF.type, OWL.SymmetricProperty)}
    assert symmetric == {"cooperatesWith"}


def test_every_kg_term_used_is_declared(onto: rdflib.Graph) -> None:
    """Catches a typo such as kg:Instituion in a domain or subclass axiom."""
    used = {t for triple in onto for t in triple if isinstance(t, URIRef) and str(t).startswith(ns.KG_NS)}
    declared = set(onto.subjects(RDF.type, None))
    assert used - declared == set()
    assert {KG[n] for n in CLASSES} | {KG[n] for n in ns.PREDICATES} <= declared


def test_alignments_point_to_public_vocabularies(onto: rdflib.Graph) -> None:
    for prop in (RDFS.subClassOf, RDFS.subPropertyOf, rdflib.SKOS.closeMatch):
        for s, o in onto.subject_objects(prop):
            if str(o).startswith(ns.KG_NS):
                continue
            assert str(o).startswith(ALIGNMENT_NAMESPACES), (s, o)
    assert (KG.NewsArticle, RDFS.subClassOf, rdflib.URIRef(ns.SCHEMA_NS + "NewsArticle")) in onto


def test_part_of_is_not_a_sub_organization_property(onto: rdflib.Graph) -> None:
    """Regions use partOf too, so it must not inherit org:subOrganizationOf's domain."""
    assert onto.value(KG.partOf, RDFS.subPropertyOf) is None


# A small graph in the shape `kg build` writes (names invented for the test).
SAMPLE = """
@prefix kg: <https://w3id.org/kgnews/ontology#> .
@prefix co: <https://w3id.org/kgnews/resource/company/> .
@prefix in: <https://w3id.org/kgnews/resource/institution/> .
@prefix pj: <https://w3id.org/kgnews/resource/project/> .
@prefix pe: <https://w3id.org/kgnews/resource/person/> .
@prefix rg: <https://w3id.org/kgnews/resource/region/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
co:晨光材料有限公司 a kg:Company ; rdfs:label "晨光材料有限公司"@zh ;
    kg:cooperatesWith in:北岭大学 ; kg:develops pj:固态电池 ; kg:locatedIn rg:330100 ;
    kg:invests pj:固态电池 .
in:北岭大学 a kg:University ; rdfs:label "北岭大学"@zh ; kg:locatedIn rg:330100 .
in:北岭大学材料实验室 a kg:Laboratory ; rdfs:label "北岭大学材料实验室"@zh ; kg:partOf in:北岭大学 .
pj:固态电池 a kg:Project ; rdfs:label "固态电池"@zh .
pe:林远 a kg:Person ; rdfs:label "林远"@zh ; kg:affiliatedWith in:北岭大学 .
rg:330100 a kg:City ; rdfs:label "杭州市"@zh ; kg:adminCode "330100" ; kg:partOf rg:330000 .
rg:330000 a kg:Province ; rdfs:label "浙江省"@zh ; kg:adminCode "330000" .
"""


def _owl_rl_errors(data: str) -> list[str]:
    text = (resources.files("kg.ontology") / "kg.ttl").read_text(encoding="utf-8")
    g = rdflib.Graph().parse(data=text, format="turtle").parse(data=data, format="turtle")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    return [str(o) for e in g.subjects(RDF.type, ERROR_MESSAGE) for o in g.objects(e, None) if isinstance(o, Literal)]


def test_sample_graph_is_consistent_under_owl_rl() -> None:
    assert _owl_rl_errors(SAMPLE) == []


def test_two_top_classes_are_inconsistent_under_owl_rl() -> None:
    """The negative case: disjoint top classes catch a node typed both Company and Region."""
    errors = _owl_rl_errors(SAMPLE + "co:晨光材料有限公司 a kg:Region .\n")
    assert any(e.startswith("Disjoint classes") and "Region" in e for e in errors)
