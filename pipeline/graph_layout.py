"""Positions for the HTML view, computed in Python so that the browser only draws.

A force simulation in the browser on 2,000 entities keeps headless Chromium busy for minutes; here the view
shown first gets networkx's spring layout (seeded) and a short force pass, and the whole graph starts from
that picture. Coordinates are whole pixels, so the page repeats byte for byte.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import networkx as nx
import numpy as np
from scipy.spatial import cKDTree

#: pixels per unit of layout (about one link's length in the view shown first)
UNIT = 150.0
#: components of the first view up to this size get networkx's spring layout first, larger ones the force pass
_CAREFUL_UP_TO = 200
#: pixels from a node to its nearest neighbour (median) in the layout of the whole graph
FULL_UNIT = 40.0
#: layouts are widened by this factor: screens are wider than tall, and labels are wide
_WIDEN = np.array([1.5, 1.0])
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def _components(graph: nx.Graph) -> list[list[Hashable]]:
    """The connected components, largest first (ties: the earlier first node), each in graph order."""
    position = {node: i for i, node in enumerate(graph)}
    parts = [sorted(part, key=position.__getitem__) for part in nx.connected_components(graph)]
    return sorted(parts, key=lambda part: (-len(part), position[part[0]]))


def _edge_index(graph: nx.Graph, index: Mapping[Hashable, int]) -> np.ndarray:
    """The edges of ``graph`` whose ends both are in ``index``, as an (m, 2) array of indices."""
    pairs = [(index[u], index[v]) for u, v in graph.edges() if u in index and v in index and u != v]
    return np.array(pairs, dtype=np.int64).reshape(-1, 2)


def _force(
    pos: np.ndarray, edges: np.ndarray, movable: np.ndarray, k: float, iterations: int = 80, heat: float = 2.0
) -> np.ndarray:
    """Fruchterman–Reingold with a cut-off: the moving nodes' new positions (``pos`` is left as it is).

    Linked nodes attract (d²/k); nodes closer than 3k repel (k²/d, times the square roots of their degrees
    plus one, as ForceAtlas2 weighs repulsion by degree: hubs push each other apart and make room for their
    many neighbours, instead of piling up in the middle). Only pairs that close are looked at (a k-d tree
    finds them), so one step costs about O(n log n) instead of O(n²), and a few thousand nodes take a
    fraction of a second. Nodes not ``movable`` stay put but still push and pull. No randomness: the
    result depends on the start positions only.
    """
    pos = pos.astype(np.float64, copy=True)
    n = len(pos)
    if n < 2 or not movable.any():
        return pos
    source, target = edges[:, 0], edges[:, 1]
    mass = np.sqrt(np.bincount(edges.ravel(), minlength=n).astype(np.float64) + 1.0)
    for step in range(iterations):
        temperature = k * heat * (1.0 - 0.975 * step / max(iterations - 1, 1))
        shift = np.zeros_like(pos)
        pairs = cKDTree(pos).query_pairs(3.0 * k, output_type="ndarray")
        if len(pairs):
            a, b = pairs[:, 0], pairs[:, 1]
            delta = pos[a] - pos[b]
            distance2 = np.maximum((delta**2).sum(axis=1), 1e-4 * k * k)
            push = delta * (k * k * mass[a] * mass[b] / distance2)[:, None]
            for axis in (0, 1):
                shift[:, axis] += np.bincount(a, push[:, axis], n)
                shift[:, axis] -= np.bincount(b, push[:, axis], n)
        if len(edges):
            delta = pos[source] - pos[target]
            pull = delta * (np.sqrt((delta**2).sum(axis=1)) / k)[:, None]
            for axis in (0, 1):
                shift[:, axis] += np.bincount(target, pull[:, axis], n)
                shift[:, axis] -= np.bincount(source, pull[:, axis], n)
        length = np.maximum(np.sqrt((shift**2).sum(axis=1)), 1e-12)
        step_size = np.minimum(length, temperature) / length
        pos[movable] += shift[movable] * step_size[movable, None]
    return pos


def _spread(graph: nx.Graph, nodes: list[Hashable], pos: dict[Hashable, np.ndarray], k: float) -> None:
    """Start positions for the ``nodes`` not in ``pos`` (added to it): each on a sunflower spiral around the
    neighbour already placed through which a breadth-first walk from the placed nodes reached it.

    The walk starts from the placed nodes with most co-mentions, and goes to heavier links first.
    """
    strength = dict(graph.degree(weight="weight"))
    order = {node: i for i, node in enumerate(graph)}
    centre = np.mean([pos[n] for n in nodes if n in pos], axis=0) if any(n in pos for n in nodes) else None
    queue = sorted((n for n in nodes if n in pos), key=lambda n: (-strength[n], order[n]))
    if not queue:  # nothing placed yet: start from the strongest node
        first = min(nodes, key=lambda n: (-strength[n], order[n]))
        pos[first] = np.zeros(2)
        centre = np.zeros(2)
        queue = [first]
    satellites: dict[Hashable, int] = {}
    head = 0
    while head < len(queue):
        anchor = queue[head]
        head += 1
        around = sorted(graph[anchor], key=lambda n: (-graph[anchor][n].get("weight", 1), order[n]))
        outward = pos[anchor] - centre
        base = math.atan2(outward[1], outward[0]) if np.hypot(*outward) > 1e-9 else 0.0
        for node in around:
            if node in pos:
                continue
            i = satellites.get(anchor, 0)
            satellites[anchor] = i + 1
            radius = k * (1.0 + 0.5 * math.sqrt(i))
            angle = base + i * _GOLDEN_ANGLE
            pos[node] = pos[anchor] + radius * np.array([math.cos(angle), math.sin(angle)])
            queue.append(node)


def _normalised(arr: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Positions scaled to a median link length of 1, wider than tall (main axis along x), centred."""
    arr = arr - arr.mean(axis=0)
    if len(arr) > 2:
        _, vectors = np.linalg.eigh(np.cov(arr.T))
        arr = arr @ vectors[:, ::-1]  # the main axis first
    if len(edges):
        lengths = np.sqrt(((arr[edges[:, 0]] - arr[edges[:, 1]]) ** 2).sum(axis=1))
        median = float(np.median(lengths))
        if median > 1e-9:
            arr = arr / median
    return arr


def _component_layout(graph: nx.Graph, nodes: list[Hashable], careful: bool = False) -> np.ndarray:
    """Positions of one connected component on its own, median link length 1, in the order of ``nodes``.

    ``careful`` (the view shown first, up to :data:`_CAREFUL_UP_TO` nodes): networkx's spring layout (seed
    42, weights ignored so that heavily linked hubs do not collapse onto each other, as in the notebooks),
    then a short pass of :func:`_force` with a slightly longer ideal length, whose degree-weighted repulsion
    spreads the crowded middle. Otherwise (the many small components of "show all", or a large one) the
    force pass alone, from spirals (:func:`_spread`).
    """
    if len(nodes) == 1:
        return np.zeros((1, 2))
    if len(nodes) == 2:
        return np.array([[-0.5, 0.0], [0.5, 0.0]])
    index = {node: i for i, node in enumerate(nodes)}
    shape = tuple(
        (index[u], index[v], d.get("weight", 1)) for u, v, d in graph.edges(nodes, data=True) if v in index
    )
    return _shape_layout(len(nodes), shape, careful and len(nodes) <= _CAREFUL_UP_TO).copy()


@lru_cache(maxsize=4096)
def _shape_layout(size: int, shape: tuple[tuple[int, int, float], ...], careful: bool) -> np.ndarray:
    """:func:`_component_layout` of a component of ``size`` nodes numbered in their order, whose links
    are ``shape``: (node, node, weight) in the order the graph gives them.

    Why by shape: the layout depends on nothing else, and the many small components of a corpus repeat a
    few shapes (two people and their organisation, 41 components of three nodes in 1,000 articles), so each
    shape is laid out once. The nodes are numbered, not named, so that ties fall as in graph order, never in
    the order of a set of strings, which changes with each process's hash seed.
    """
    nodes = list(range(size))
    sub = nx.Graph()
    sub.add_nodes_from(nodes)
    sub.add_edges_from((u, v, {"weight": w}) for u, v, w in shape)
    edges = _edge_index(sub, dict(zip(nodes, nodes)))
    everything = np.ones(size, dtype=bool)
    if careful:
        found = nx.spring_layout(nx.Graph(list(sub.edges())), weight=None, iterations=300, seed=42)
        arr = _normalised(np.array([found[node] for node in nodes]), edges)
        arr = _force(arr, edges, everything, 1.2, iterations=80, heat=1.0)
    else:
        pos: dict[Hashable, np.ndarray] = {}
        _spread(sub, nodes, pos, 1.0)
        arr = _force(np.array([pos[n] for n in nodes]), edges, everything, 1.0)
    return _normalised(arr, edges)


def _pack(blocks: list[np.ndarray], gap: float, widths: list[float] | None = None) -> list[np.ndarray]:
    """The blocks (point sets) moved into rows: the first at the top left, the others in rows below it.

    Rows are as wide as the first block or the square root of the total area, whichever is wider. A block
    takes at least its ``widths`` entry (room for a label) plus ``gap``.
    """
    if not blocks:
        return []
    lows = [block.min(axis=0) for block in blocks]
    sizes = [block.max(axis=0) - low + gap for block, low in zip(blocks, lows)]
    for size, width in zip(sizes, widths or []):
        size[0] = max(size[0], width + gap)
    width = max(float(sizes[0][0]), math.sqrt(sum(float(s[0] * s[1]) for s in sizes)) * 1.2)
    placed = [blocks[0] - lows[0]]
    x, y, row = 0.0, float(sizes[0][1]), 0.0
    for block, low, size in zip(blocks[1:], lows[1:], sizes[1:]):
        if x > 0 and x + size[0] > width:
            x, y, row = 0.0, y + row, 0.0
        placed.append(block - low + np.array([x, y]))
        x += float(size[0])
        row = max(row, float(size[1]))
    return placed


@dataclass(frozen=True)
class Layout:
    """Pixel positions: ``first`` for the nodes of the view the page opens on, ``full`` for every node.

    The two differ when the page opens on a part of the graph (its backbone): that part is laid out for
    itself, so it is as readable as it can be, and the whole graph is laid out starting from it, so the
    picture keeps its shape when more entities are shown. When the whole graph is shown first they are equal.
    """

    first: dict[Hashable, tuple[int, int]]
    full: dict[Hashable, tuple[int, int]]


def _separate(arr: np.ndarray, radii: np.ndarray, margin: float, iterations: int = 60) -> np.ndarray:
    """Positions moved apart until no two discs (``radii`` plus ``margin``) overlap, or ``iterations`` ran.

    Each step pushes every overlapping pair apart by half its overlap each; pairs are found with a k-d tree.

    >>> _separate(np.array([[0.0, 0.0], [0.5, 0.0]]), np.array([0.5, 0.5]), 0.0).round(2).tolist()
    [[-0.25, 0.0], [0.75, 0.0]]
    """
    arr = arr.astype(np.float64, copy=True)
    n = len(arr)
    if n < 2:
        return arr
    reach = 2.0 * float(radii.max()) + margin
    for _ in range(iterations):
        pairs = cKDTree(arr).query_pairs(reach, output_type="ndarray")
        if not len(pairs):
            break
        a, b = pairs[:, 0], pairs[:, 1]
        delta = arr[a] - arr[b]
        distance = np.sqrt((delta**2).sum(axis=1))
        overlap = radii[a] + radii[b] + margin - distance
        keep = overlap > 1e-9
        if not keep.any():
            break
        a, b, delta, distance, overlap = a[keep], b[keep], delta[keep], distance[keep], overlap[keep]
        # coinciding nodes: apart along x, the earlier to the left
        unit = np.where(distance[:, None] > 1e-9, delta / np.maximum(distance, 1e-9)[:, None], [[-1.0, 0.0]])
        push = unit * (overlap / 2)[:, None]
        for axis in (0, 1):
            arr[:, axis] += np.bincount(a, push[:, axis], n)
            arr[:, axis] -= np.bincount(b, push[:, axis], n)
    return arr


def _first_positions(shown: nx.Graph, radii: Mapping[Hashable, float]) -> dict[Hashable, np.ndarray]:
    """``shown`` laid out component by component (carefully), widened, packed in rows; link length ~1.

    ``radii`` (in layout units) are the nodes' drawn sizes: no two nodes overlap (:func:`_separate`), and a
    lone node gets room for its label in the rows of small components.
    """
    parts = _components(shown)
    blocks = []
    for part in parts:
        arr = _component_layout(shown, part, careful=True) * _WIDEN
        blocks.append(_separate(arr, np.array([radii.get(n, 0.05) for n in part]), margin=0.2))
    labels = [len(str(shown.nodes[part[0]].get("label", part[0]))) * 8.0 / UNIT for part in parts]
    packed = _pack(blocks, gap=0.6, widths=[w if len(p) == 1 else 0.0 for w, p in zip(labels, parts)])
    return {node: xy for part, block in zip(parts, packed) for node, xy in zip(part, block)}


def _full_positions(graph: nx.Graph, first: Mapping[Hashable, np.ndarray]) -> dict[Hashable, np.ndarray]:
    """Every node of ``graph``, link length ~1: the components holding ``first``'s nodes by one force pass
    that starts from ``first`` (spread out to leave room) and spirals around it, the other components laid
    out alone and packed in rows below."""
    components = _components(graph)
    touched = [part for part in components if any(n in first for n in part)]
    alone = [part for part in components if not any(n in first for n in part)]
    members = [n for part in touched for n in part]
    spread = math.sqrt(max(len(members), 1) / max(len(first), 1))
    pos = {n: np.asarray(xy, dtype=np.float64) * spread for n, xy in first.items() if n in graph}
    for part in touched:
        _spread(graph, part, pos, 1.0)
    index = {node: i for i, node in enumerate(members)}
    iterations = 100 if len(members) <= 2_000 else 60
    moved = _force(
        np.array([pos[n] for n in members]).reshape(-1, 2),
        _edge_index(graph, index),
        np.ones(len(members), dtype=bool),
        1.0,
        iterations=iterations,
        heat=3.0,
    )
    if len(members) > 1:  # scaled to a median distance of 1 from each node to its nearest neighbour
        nearest = float(np.median(cKDTree(moved).query(moved, k=2)[0][:, 1]))
        moved = moved / nearest if nearest > 1e-9 else moved
    blocks = [moved] if len(members) else []
    blocks += [_component_layout(graph, part) for part in alone]
    parts = ([members] if len(members) else []) + alone
    packed = _pack(blocks, gap=1.5)
    return {node: xy for part, block in zip(parts, packed) for node, xy in zip(part, block)}


def _pixels(pos: Mapping[Hashable, np.ndarray], unit: float) -> dict[Hashable, tuple[int, int]]:
    return {node: (int(round(xy[0] * unit)), int(round(xy[1] * unit))) for node, xy in pos.items()}


def layout(
    graph: nx.Graph, shown: nx.Graph | None = None, radii: Mapping[Hashable, float] | None = None
) -> Layout:
    """Positions for the page: the view opened first (``shown``, default the whole graph), and every node.

    ``shown``'s components are laid out one by one (spring layout, then a short force pass), widened by
    :data:`_WIDEN` for landscape screens and packed in rows, biggest first; a link is about :data:`UNIT`
    pixels long. For the whole graph, the components holding ``shown``'s nodes start from that picture,
    spread out, the other nodes on spirals around their neighbours, and settle by a force pass
    (:func:`_force`), scaled so that nodes are :data:`FULL_UNIT` pixels from their nearest neighbour (median);
    components without a shown node are laid out alone and packed in rows below. Deterministic: the one
    random start (spring layout) is seeded, ties are broken by graph order, never by set order, and
    coordinates are whole pixels, so the bytes repeat.

    >>> g = nx.path_graph(4)
    >>> where = layout(g)
    >>> sorted(where.first) == [0, 1, 2, 3] and where.first == where.full
    True
    >>> where = layout(g, nx.path_graph(2))
    >>> sorted(where.first), sorted(where.full)
    ([0, 1], [0, 1, 2, 3])
    """
    shown = graph if shown is None else shown
    first = _first_positions(shown, {n: r / UNIT for n, r in (radii or {}).items()})
    pixels = _pixels(first, UNIT)
    if all(node in first for node in graph):
        return Layout(pixels, pixels)
    full = _full_positions(graph, first)
    return Layout(pixels, _pixels({n: full[n] * _WIDEN for n in graph}, FULL_UNIT))
