"""The kg ontology, SHACL shapes and named SPARQL queries, shipped as package data."""
