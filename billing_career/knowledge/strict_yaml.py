"""PyYAML's safe loaders, refusing duplicate or non-text keys, huge numbers and alias bombs."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.scanner import ScannerError

MERGE_TAG = "tag:yaml.org,2002:merge"
# Values a document may hold once its aliases are expanded. A 2 MB file written out holds far
# fewer; nine lines of nested aliases ("billion laughs") hold hundreds of millions, which every
# walk over the loaded data (validation, error messages) would then visit one by one.
MAX_EXPANDED_VALUES = 1_000_000


class ExpansionError(yaml.YAMLError):
    """A document whose aliases expand to more values than any data or answers file needs."""


def expanded_size(root: Node, limit: int = MAX_EXPANDED_VALUES) -> int:
    """How many values the document holds with every alias written out; raises ExpansionError
    past limit. Each distinct node is visited once, so the count itself stays cheap."""
    sizes: dict[int, int] = {}
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        children: list[Node] = []
        if isinstance(node, MappingNode):
            children = [part for pair in node.value for part in pair]
        elif isinstance(node, SequenceNode):
            children = list(node.value)
        if not children_done:
            if id(node) in sizes:
                continue
            sizes[id(node)] = 1  # provisional: a node that contains itself counts once
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)
            continue
        total = 1 + sum(sizes[id(child)] for child in children)
        if total > limit:
            raise ExpansionError(
                f"its aliases (*name) expand to more than {limit:,} values; "
                "write the values out instead"
            )
        sizes[id(node)] = total
    return sizes[id(root)]


class _UniqueKeys(SafeConstructor):
    """PyYAML silently keeps the last of two equal keys, so a figure edited in one place and left
    stale in another would win or lose by position. Refuse it, pointing at the second key. Also
    refuse a document whose aliases expand beyond MAX_EXPANDED_VALUES."""

    # Without an anchor (&name) there is no alias to expand; load() clears this for such text.
    check_expansion = True

    def construct_document(self, node: Node) -> Any:
        if self.check_expansion:
            expanded_size(node)
        return super().construct_document(node)

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        if isinstance(node, MappingNode):
            seen: dict[Any, int] = {}
            for key_node, _ in node.value:
                if not isinstance(key_node, ScalarNode):
                    # `? [x]` or `{[a]: b}`: a list or mapping as a key names nothing here.
                    raise ConstructorError(
                        None,
                        None,
                        "a key must be plain text such as 'education', not a list or a mapping",
                        key_node.start_mark,
                    )
                # `<<: *base` merges are meant to be overridden; only written keys count.
                if key_node.tag == MERGE_TAG:
                    continue
                key = self.construct_object(key_node, deep=True)
                try:
                    first = seen.get(key)
                except TypeError:  # unhashable: the base class reports it
                    continue
                if first is not None:
                    raise ConstructorError(
                        None,
                        None,
                        f"the key '{key}' is given twice (first on line {first + 1}); "
                        "keep one of them",
                        key_node.start_mark,
                    )
                seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


def _bounded_int(constructor: Any, node: Node) -> int:
    """YAML's int, refusing one too long for Python to convert (over 4,300 digits) with a
    message that points at it, instead of a ValueError that names nothing."""
    assert isinstance(node, ScalarNode)
    try:
        return int(SafeConstructor.construct_yaml_int(constructor, node))
    except ValueError:
        raise ConstructorError(
            None,
            None,
            f"the number is {len(str(node.value)):,} characters long; no figure needs that many",
            node.start_mark,
        ) from None


def _real_date(constructor: Any, node: Node) -> Any:
    """YAML's date or timestamp, refusing one the calendar lacks (2027-13-01, 2027-02-29) with
    a message that points at it, instead of a ValueError that names nothing."""
    assert isinstance(node, ScalarNode)
    try:
        return SafeConstructor.construct_yaml_timestamp(constructor, node)
    except ValueError:
        raise ConstructorError(
            None,
            None,
            f"'{node.value}' is no such date (year-month-day, e.g. 2027-03-01)",
            node.start_mark,
        ) from None


_UniqueKeys.add_constructor("tag:yaml.org,2002:int", _bounded_int)
_UniqueKeys.add_constructor("tag:yaml.org,2002:timestamp", _real_date)


# Flow collections ([...], {...}) nested deeper than this are refused by the pure-Python
# loader. Its scanner looks at every open level for each token it reads, so "[[[[..." costs
# the square of the depth: 1.5 s at a thousand levels, before its parser gives up anyway
# (Python's recursion limit, at about 450). No data or answers file nests past a handful.
MAX_FLOW_DEPTH = 250


class NestedTooDeep(ScannerError):
    """Flow collections nested past MAX_FLOW_DEPTH (a reader of events may skip that node)."""


class StrictSafeLoader(_UniqueKeys, yaml.SafeLoader):
    """yaml.SafeLoader that refuses duplicate keys, and flow nesting past MAX_FLOW_DEPTH."""

    def fetch_flow_collection_start(self, TokenClass: Any) -> None:
        if self.flow_level >= MAX_FLOW_DEPTH:
            raise NestedTooDeep(
                None,
                None,
                f"nested more than {MAX_FLOW_DEPTH} levels deep (no data file needs more)",
                self.get_mark(),
            )
        super().fetch_flow_collection_start(TokenClass)


_C_BASE: Any = getattr(yaml, "CSafeLoader", None)

if _C_BASE is not None:

    class StrictCSafeLoader(_UniqueKeys, _C_BASE):  # type: ignore[misc]
        """yaml.CSafeLoader (libyaml, several times faster) that refuses duplicate keys."""

    FASTEST: type[Any] = StrictCSafeLoader
else:  # PyYAML built without libyaml
    FASTEST = StrictSafeLoader


def load(text: str) -> Any:
    """Parse YAML text with the fastest strict safe loader (a safe loader, never the full one)."""
    loader = FASTEST(text)
    # Counting the expanded values costs half as much again as parsing; text with no '&' has
    # no anchor, so nothing to count.
    loader.check_expansion = "&" in text
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
