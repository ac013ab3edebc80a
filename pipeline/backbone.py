"""The readable part of a large co-mention network: its backbone, its strongest entities, its main component.

A co-mention network of a few hundred articles holds thousands of entities and links, most of them named once
together; drawn whole it is a hairball. These functions pick what to draw:

- :func:`disparity_filter` keeps the links that carry a significant share of an entity's co-mentions
  (Serrano, Boguñá & Vespignani, "Extracting the multiscale backbone of complex weighted networks", PNAS 106,
  2009): the link (i, j) of weight w_ij stays when, for i or for j, the p-value
  ``alpha_ij = (1 - w_ij / s_i) ** (k_i - 1)`` is below ``alpha``, where s_i is the weighted degree (strength)
  of i and k_i its degree. The p-value is the chance that a share at least w_ij / s_i falls to one of the k_i
  links if s_i were spread over them uniformly at random; an entity with a single link cannot tell (its
  p-value is 1), so such a link stays only when the other end finds it significant.
- :func:`strongest_nodes` ranks entities by weighted degree (the number of co-mentions in all).
- :func:`main_component` keeps the largest connected component.
- :func:`backbone` chains the three.

Every function is pure (the input graph is left as it is) and deterministic: the graphs returned are new
``networkx.Graph`` objects whose nodes and edges come in the order of the input graph (never in set order,
which changes between Python processes), so a layout computed from them with a fixed seed is the same on
every run.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

import networkx as nx

__all__ = ["backbone", "disparity_alpha", "disparity_filter", "induced", "main_component", "strongest_nodes"]


def induced(graph: nx.Graph, nodes: Iterable[Hashable]) -> nx.Graph:
    """The subgraph of ``graph`` on ``nodes``, as a new graph in ``graph``'s node and edge order.

    Attributes of the graph, its nodes and edges are copied (shallowly). Nodes not in ``graph`` are ignored.

    >>> g = nx.Graph([("c", "a"), ("a", "b"), ("b", "c")])
    >>> sub = induced(g, {"b", "c"})
    >>> list(sub), list(sub.edges)
    (['c', 'b'], [('c', 'b')])
    """
    keep = set(nodes)
    sub = graph.__class__()
    sub.graph.update(graph.graph)
    sub.add_nodes_from((n, d) for n, d in graph.nodes(data=True) if n in keep)
    sub.add_edges_from((u, v, d) for u, v, d in graph.edges(data=True) if u in keep and v in keep)
    return sub


def main_component(graph: nx.Graph) -> nx.Graph:
    """The largest connected component of ``graph``, as a new graph in ``graph``'s order.

    Of two components of the same size, the one whose first node comes first in ``graph`` wins. A graph
    without nodes gives an empty graph; a graph without edges gives its first node alone.

    >>> g = nx.Graph([("a", "b"), ("c", "d"), ("d", "e")])
    >>> g.add_node("f")
    >>> list(main_component(g))
    ['c', 'd', 'e']
    """
    position = {n: i for i, n in enumerate(graph)}
    best: set[Hashable] = set()
    best_key = (0, 0)
    for component in nx.connected_components(graph):
        key = (len(component), -min(position[n] for n in component))
        if key > best_key:
            best, best_key = component, key
    return induced(graph, best)


def strongest_nodes(graph: nx.Graph, n: int | None = None, weight: str = "weight") -> list[Hashable]:
    """The ``n`` nodes with the highest weighted degree (all of them if ``n`` is None), strongest first.

    An edge without the ``weight`` attribute counts 1. Ties keep the order of ``graph``.

    >>> g = nx.Graph()
    >>> g.add_edge("a", "b", weight=1)
    >>> g.add_edge("b", "c", weight=5)
    >>> strongest_nodes(g), strongest_nodes(g, 2)
    (['b', 'c', 'a'], ['b', 'c'])
    """
    strength = dict(graph.degree(weight=weight))
    order = sorted(graph, key=lambda node: -strength[node])  # sorted is stable: ties keep graph order
    return order if n is None else order[: max(n, 0)]


def disparity_alpha(graph: nx.Graph, weight: str = "weight") -> dict[tuple[Hashable, Hashable], float]:
    """The disparity filter's p-value of every edge: the smaller of its two endpoints' ``alpha_ij``.

    ``alpha_ij = (1 - w_ij / s_i) ** (k_i - 1)`` with s_i the weighted degree of node i and k_i its degree;
    a node with a single edge (k_i = 1) or without any weight (s_i = 0) gives 1. Keys are the edges as
    ``graph.edges`` lists them. An edge without the ``weight`` attribute weighs 1.

    >>> g = nx.Graph()
    >>> g.add_edge("hub", "a", weight=8)
    >>> g.add_edge("hub", "b", weight=1)
    >>> g.add_edge("hub", "c", weight=1)
    >>> {e: round(p, 2) for e, p in disparity_alpha(g).items()}
    {('hub', 'a'): 0.04, ('hub', 'b'): 0.81, ('hub', 'c'): 0.81}
    """
    strength = dict(graph.degree(weight=weight))
    degree = dict(graph.degree())

    def one_side(node: Hashable, w: float) -> float:
        if degree[node] < 2 or strength[node] <= 0:
            return 1.0
        return max(0.0, 1.0 - w / strength[node]) ** (degree[node] - 1)

    return {(u, v): min(one_side(u, w), one_side(v, w)) for u, v, w in graph.edges(data=weight, default=1)}


def disparity_filter(graph: nx.Graph, alpha: float = 0.05, weight: str = "weight") -> nx.Graph:
    """The edges of ``graph`` significant at level ``alpha`` for at least one endpoint, and every node.

    An edge stays when :func:`disparity_alpha` gives it a p-value strictly below ``alpha``. All nodes are kept
    (those left without edges become isolated; :func:`main_component` drops them), with the attributes of
    nodes and kept edges.

    >>> g = nx.Graph()
    >>> g.add_edge("hub", "a", weight=8)
    >>> g.add_edge("hub", "b", weight=1)
    >>> g.add_edge("hub", "c", weight=1)
    >>> list(disparity_filter(g, alpha=0.05).edges)
    [('hub', 'a')]
    """
    p_values = disparity_alpha(graph, weight=weight)
    kept = graph.__class__()
    kept.graph.update(graph.graph)
    kept.add_nodes_from(graph.nodes(data=True))
    kept.add_edges_from((u, v, d) for u, v, d in graph.edges(data=True) if p_values[u, v] < alpha)
    return kept


def backbone(
    graph: nx.Graph, alpha: float | None = 0.05, max_nodes: int | None = None, weight: str = "weight"
) -> nx.Graph:
    """The main component of the disparity backbone, cut to the ``max_nodes`` strongest entities.

    1. :func:`disparity_filter` at ``alpha`` (skipped when ``alpha`` is None), p-values computed on the
       whole ``graph``;
    2. :func:`main_component` of what is left;
    3. if that has more than ``max_nodes`` nodes: its ``max_nodes`` nodes of highest weighted degree *in
       ``graph``* (so the rank is that of the whole corpus), and again the main component of those.

    >>> g = nx.Graph()
    >>> g.add_edge("hub", "a", weight=8)
    >>> g.add_edge("hub", "b", weight=1)
    >>> g.add_edge("hub", "c", weight=1)
    >>> g.add_edge("x", "y", weight=1)
    >>> list(backbone(g, alpha=0.05).edges), list(backbone(g, alpha=None, max_nodes=2))
    ([('hub', 'a')], ['hub', 'a'])
    """
    kept = graph if alpha is None else disparity_filter(graph, alpha=alpha, weight=weight)
    shown = main_component(kept)
    if max_nodes is not None and shown.number_of_nodes() > max_nodes:
        members = set(shown)
        strongest = [n for n in strongest_nodes(graph, weight=weight) if n in members][:max_nodes]
        shown = main_component(induced(shown, strongest))
    return shown
