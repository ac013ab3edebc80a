"""Interactive HTML view of the co-mention graph, for users without Gephi.

One self-contained page (vis-network inlined by pyvis): nodes coloured by ``type`` and sized by ``mentions``,
edges as wide as their ``weight``, a hover tooltip per node and edge, a legend of types, a drop-down to pick
an entity and a click to highlight its neighbours. The page loads nothing from the network, so it opens from
a laptop's disk, a mail attachment or an air-gapped machine; and the same graph always gives the same bytes
(vis-network's layout seed is fixed too, so the picture is the same on every opening).

pyvis is only the template and the inlined JavaScript here: nodes and edges are handed to it as ready dicts,
because its ``add_node``/``add_edge`` check for duplicates by scanning lists (quadratic on large corpora).

Example:
    >>> g = nx.Graph()
    >>> g.add_node("vladimir-putin", label="Vladimir Putin", type="PERSON", mentions=37, articles=5)
    >>> g.add_node("rusia", label="Rusia", type="COUNTRY", mentions=56, articles=5)
    >>> g.add_edge("rusia", "vladimir-putin", weight=12, articles=5)
    >>> page = graph_html(g)
    >>> page == graph_html(g), b"Vladimir Putin" in page, b"https://cdn" in page
    (True, True, False)
"""

from __future__ import annotations

import copy
import html
import math
import re

import networkx as nx
from pyvis.network import Network

#: node colour per entity type (the notebooks use the same palette)
TYPE_COLOURS: dict[str, str] = {
    "PERSON": "#4e79a7",
    "COUNTRY": "#e15759",
    "ORGANISATION": "#59a14f",
}
OTHER_COLOUR = "#9c9c9c"

# pyvis 0.3.2 links Bootstrap from a CDN even in "in_line" mode; it only styles the drop-down, so it is
# dropped and the few rules the page needs are inlined in _STYLE instead.
_REMOTE = re.compile(
    r"""<(link|script)\b[^>]*\b(?:href|src)\s*=\s*["']?(?:https?:)?//[^>]*>(?:\s*</script>)?"""
)
# a commented-out link to a local node_modules copy, dead in every install
_DEAD_COMMENT = re.compile(r"<!--(?:(?!-->).)*node_modules(?:(?!-->).)*-->", re.S)
# the template prints its (empty) heading twice; the page gets its own heading and legend instead
_EMPTY_HEADING = re.compile(r"<center>\s*<h1></h1>\s*</center>")
_STYLE = """<style>
body { font-family: sans-serif; margin: 0.5em; }
.row { display: flex; gap: 0.5em; align-items: center; }
.col-10 { flex: 1; }
.kabar-legend { margin: 0.3em 0; font-size: 14px; }
.kabar-legend span.dot { display: inline-block; width: 0.9em; height: 0.9em; border-radius: 50%;
  margin: 0 0.3em 0 1em; vertical-align: middle; }
</style>"""

_OPTIONS = {
    "nodes": {"shape": "dot", "scaling": {"min": 8, "max": 40}, "font": {"size": 16}},
    "edges": {"color": {"inherit": False, "color": "#bbbbbb"}, "scaling": {"min": 1, "max": 10}},
    "layout": {"randomSeed": 42},
    "interaction": {"hover": True, "navigationButtons": False, "tooltipDelay": 100},
    "physics": {
        "enabled": True,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120},
        "stabilization": {"iterations": 300},
    },
}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def graph_html(graph: nx.Graph, title: str = "kabar-graph: co-mention graph") -> bytes:
    """The graph as one offline, deterministic HTML page (UTF-8 bytes).

    Parameters
    ----------
    graph : the co-mention graph of :func:`pipeline.graph.to_networkx`: node attributes ``label``, ``type``,
        ``mentions``, ``articles``; edge attributes ``weight``, ``articles``. Missing ones get defaults
        (label = node id, type unknown, counts 1).
    title : heading shown above the graph and in the browser tab.

    Returns
    -------
    The page; nodes and edges appear in the graph's order, so a graph built in sorted order (as
    ``to_networkx`` does) gives the same bytes on every run.

    Example:
        >>> g = nx.Graph(); g.add_node("nato", label="NATO", type="ORGANISATION", mentions=3)
        >>> b'"label": "NATO"' in graph_html(g)
        True
    """
    net = Network(height="800px", width="100%", cdn_resources="in_line", select_menu=True)
    net.neighborhood_highlight = True
    net.nodes = []
    for node, data in graph.nodes(data=True):
        label = str(data.get("label", node))
        kind = str(data.get("type", ""))
        mentions = int(data.get("mentions", 1))
        articles = int(data.get("articles", 1))
        net.nodes.append(
            {
                "id": str(node),
                "label": label,
                "title": f"{label} ({kind}): {_plural(mentions, 'mention')} in {_plural(articles, 'article')}",
                "color": TYPE_COLOURS.get(kind, OTHER_COLOUR),
                "value": math.sqrt(mentions),
                "type": kind,
                "mentions": mentions,
                "articles": articles,
            }
        )
    labels = {node: str(data.get("label", node)) for node, data in graph.nodes(data=True)}
    net.edges = []
    for source, target, data in graph.edges(data=True):
        weight = int(data.get("weight", 1))
        articles = int(data.get("articles", 1))
        net.edges.append(
            {
                "from": str(source),
                "to": str(target),
                "value": weight,
                "title": f"{labels[source]} – {labels[target]}: together in "
                f"{_plural(weight, 'sentence')}, {_plural(articles, 'article')}",
            }
        )
    net.node_ids = [n["id"] for n in net.nodes]
    net.options = copy.deepcopy(_OPTIONS)

    page = _REMOTE.sub("", net.generate_html())
    types = sorted(
        {n["type"] for n in net.nodes},
        key=lambda t: (list(TYPE_COLOURS).index(t) if t in TYPE_COLOURS else len(TYPE_COLOURS), t),
    )
    legend = "".join(
        f'<span class="dot" style="background:{TYPE_COLOURS.get(t, OTHER_COLOUR)}"></span>{html.escape(t or "other")}'
        for t in types
    )
    page = _DEAD_COMMENT.sub("", _EMPTY_HEADING.sub("", page))
    page = page.replace("</head>", f"<title>{html.escape(title)}</title>\n{_STYLE}\n</head>", 1)
    intro = (
        f"<h2>{html.escape(title)}</h2>\n"
        f'<div class="kabar-legend">{graph.number_of_nodes()} entities, {graph.number_of_edges()} links.'
        f"{legend}<br>Node size: mentions; edge width: sentences in which both are named. "
        "Click a node (or pick it below) to highlight its neighbours; scroll to zoom.</div>\n"
    )
    page = page.replace("<body>", "<body>\n" + intro, 1)
    return page.encode("utf-8")
