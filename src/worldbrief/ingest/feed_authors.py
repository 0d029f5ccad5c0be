"""Each feed entry's author fields, read from the feed's XML itself.

feedparser splits ``desk@example.org (Name)`` with an address pattern that cuts top-level
domains longer than four letters (``ple (Name``), and hands an Atom author with only an
address the previous author's name; so the fields are read here and their names found by
``bylines``. A feed that is not well-formed XML falls back to what feedparser found.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

_ATOM = frozenset({"http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#"})
_RSS = frozenset({"", "http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/"})
_DC = "http://purl.org/dc/elements/1.1/"
_PLAIN_AUTHOR = _RSS | {"http://www.itunes.com/dtds/podcast-1.0.dtd"}  # RSS and iTunes author
# No DTD, no entities, no network: the feed is untrusted.
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
)


def author_fields_by_entry(data: bytes) -> list[list[str]] | None:
    """Each entry's author fields (RSS ``author``, ``dc:creator``, ``itunes:author``, Atom
    ``author/name``), in document order; an Atom entry without authors takes the feed's.
    None when the feed is not well-formed XML."""
    try:
        root = etree.fromstring(data, _PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return None
    feed_authors = _atom_author_names(root) if _namespace(root) in _ATOM else []
    found: list[list[str]] = []
    for entry in _entries(root):
        fields = list(_author_fields(entry))
        if not fields and _namespace(entry) in _ATOM:
            fields = feed_authors
        found.append(fields)
    return found


def _entries(root: etree._Element) -> Iterator[etree._Element]:
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        name, namespace = etree.QName(element).localname, _namespace(element)
        if (name == "item" and namespace in _RSS) or (name == "entry" and namespace in _ATOM):
            yield element


def _author_fields(entry: etree._Element) -> Iterator[str]:
    for child in entry:
        if not isinstance(child.tag, str):
            continue
        name, namespace = etree.QName(child).localname, _namespace(child)
        if name == "author" and namespace in _ATOM:
            yield from _atom_author_names(child, inside=True)
        elif (name == "author" and namespace in _PLAIN_AUTHOR) or (
            name == "creator" and namespace == _DC
        ):
            yield _text(child)


def _atom_author_names(element: etree._Element, *, inside: bool = False) -> list[str]:
    """The ``name`` of each Atom ``author`` child of ``element`` (or of ``element`` itself)."""
    authors = [element] if inside else [c for c in element if _is_atom(c, "author")]
    return [_text(name) for author in authors for name in author if _is_atom(name, "name")]


def _text(element: etree._Element) -> str:
    return "".join(part for part in element.itertext() if isinstance(part, str))


def _is_atom(element: etree._Element, localname: str) -> bool:
    return (
        isinstance(element.tag, str)
        and _namespace(element) in _ATOM
        and etree.QName(element).localname == localname
    )


def _namespace(element: etree._Element) -> str:
    return etree.QName(element).namespace or "" if isinstance(element.tag, str) else ""
