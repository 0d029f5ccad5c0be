"""YAML front matter read safely: no aliases, no impossible timestamps, no exceptions but ours.

Aliases (``*name``) let a few hundred bytes expand to gigabytes ("billion laughs") or refer to
themselves, and front matter has no need for them, so a document using one is refused. Parsing
stays in libyaml (C) when it is installed; the composed node graph is checked before anything
is built from it.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from worldbrief.ingest.fields import RecordError

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class FrontMatterLoader(_Loader):  # type: ignore[misc, valid-type]
    """The safe loader, with impossible timestamps (``2024-02-30``) kept as text, so the field
    that holds one is reported by the date reader instead of failing inside YAML."""


def _timestamp_or_text(loader: SafeConstructor, node: yaml.ScalarNode) -> Any:
    try:
        return SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def load_front_matter(block: str) -> dict[str, Any]:
    """The fields of a front matter block; raises ``RecordError`` saying what is wrong."""
    loader = FrontMatterLoader(block)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}
        _refuse_aliases(node)
        data = loader.construct_document(node)
    except RecordError:
        raise
    except yaml.YAMLError as error:
        raise RecordError(f"front matter is not valid YAML: {_describe(error)}") from None
    except (ValueError, OverflowError, RecursionError) as error:  # e.g. a 5,000-digit number
        problem = str(error).split(";")[0]
        raise RecordError(f"front matter holds a value that cannot be read: {problem}") from None
    finally:
        loader.dispose()
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise RecordError("front matter must be a set of 'field: value' lines, not a list or text")
    return {str(key): value for key, value in data.items()}


def _refuse_aliases(root: yaml.Node) -> None:
    """An alias makes two places of the graph one node; find any node reached twice."""
    seen: set[int] = set()
    pending = [root]
    while pending:
        node = pending.pop()
        if id(node) in seen:
            raise RecordError(
                "front matter uses a YAML alias (*name), which is not accepted; "
                "write the value out instead"
            )
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            pending.extend(part for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)


def _describe(error: yaml.YAMLError) -> str:
    mark = getattr(error, "problem_mark", None)
    where = f" (front matter line {mark.line + 1})" if mark is not None else ""
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    return f"{problem}{where}"
