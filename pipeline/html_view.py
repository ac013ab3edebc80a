"""Interactive HTML view of the co-mention graph, for users without Gephi, that opens at once at any size.

One self-contained page (vis-network, from the pyvis package, inlined): nodes coloured by ``type`` and sized by
``mentions``, links as wide as their ``weight``. What makes it usable on a corpus of hundreds of articles:

- **The layout is computed here, not in the browser.** A force simulation in the browser (vis-network's
  physics) on 2,000 entities and 4,000 links keeps headless Chromium busy for minutes before the first
  picture. Here the positions are computed in Python (:func:`pipeline.graph_layout.layout`: networkx's
  spring layout with a fixed seed for the part shown first, then a fast force pass over the whole graph
  that starts from that picture) and written into the page; physics is off, and the browser only draws.
  Coordinates are whole pixels, so the page has the same bytes on every run.
- **The readable part first.** A graph of more than :data:`WHOLE_UP_TO` entities opens on its backbone
  (:func:`default_view`, :mod:`pipeline.backbone`: the disparity filter's main component, the rule printed on
  the page); a slider, "Show more" and "Show all" add the other entities, those with most co-mentions first.
  A search box finds an entity by its label or any alias, shows it if hidden, and highlights its links.
- **Evidence on every link.** Hovering a link shows its weight, the days it was seen and one sentence naming
  both (:func:`edge_evidence`: from the earliest-dated article, its first such sentence), with the article's
  title and address; clicking it keeps that evidence in a panel with a link to the article.

The page loads nothing from the network, so it opens from a laptop's disk, a mail attachment or an
air-gapped machine; and the same input always gives the same bytes.

Example:
    >>> g = nx.Graph()
    >>> g.add_node("vladimir-putin", label="Vladimir Putin", type="PERSON", mentions=37, articles=5)
    >>> g.add_node("rusia", label="Rusia", type="COUNTRY", mentions=56, articles=5)
    >>> g.add_edge("rusia", "vladimir-putin", weight=12, articles=5)
    >>> page = graph_html(g)
    >>> page == graph_html(g), b"Vladimir Putin" in page, b"<script src" in page
    (True, True, False)
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

import networkx as nx
import pandas as pd

from pipeline.backbone import backbone, induced, strongest_nodes
from pipeline.graph_layout import layout

#: node colour per entity type (the notebooks use the same palette)
TYPE_COLOURS: dict[str, str] = {
    "PERSON": "#4e79a7",
    "COUNTRY": "#e15759",
    "ORGANISATION": "#59a14f",
}
OTHER_COLOUR = "#9c9c9c"

#: a graph of at most this many entities is shown whole; a larger one opens on its backbone
WHOLE_UP_TO = 150
#: disparity filter levels tried for the backbone, loosest first (as in notebooks/02-network.ipynb)
ALPHAS = (0.1, 0.05, 0.01, 0.005, 0.001)
#: the example sentence of a link is cut to about this many characters
SENTENCE_CHARS = 300
#: the smallest and largest node radius drawn, in pixels
_SIZES = (6, 36)


@dataclass(frozen=True)
class Evidence:
    """One sentence that names both ends of a link, and the article it is from."""

    sentence: str
    title: str
    url: str = ""
    date: str = ""


# --- evidence ------------------------------------------------------------------------------------------


def _clip(text: str, limit: int = SENTENCE_CHARS) -> str:
    """``text`` on one line, cut at a word boundary to about ``limit`` characters (with "…").

    >>> _clip("Xi   dan Putin\\nbertemu di Moskow.", 14)
    'Xi dan Putin …'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip() + " …"


def edge_evidence(
    cooccurrences: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame
) -> dict[tuple[str, str], Evidence]:
    """One example sentence per co-mentioned pair, keyed by ``(source, target)`` as in ``cooccurrences``.

    The frames are ``cooccurrences.csv``, ``interim/sentences.csv`` and ``interim/articles.csv``
    (:data:`pipeline.schema.COOCCURRENCES`, ``SENTENCES``, ``ARTICLES``). The pick is deterministic and
    favours the first report: the earliest-dated article (undated ones last, then by id), its first sentence
    naming both, cut to about :data:`SENTENCE_CHARS` characters. A row whose article or sentence is missing
    is skipped; an article without a title is named by its id; only ``http(s)`` addresses are kept.

    >>> co = pd.DataFrame({"source": ["rusia"] * 2, "target": ["tiongkok"] * 2, "article": ["b", "a"],
    ...                    "sentence": [0, 1]})
    >>> se = pd.DataFrame({"article": ["a", "a", "b"], "sentence": [0, 1, 0], "start": [0, 6, 0],
    ...                    "end": [5, 25, 15]})
    >>> ar = pd.DataFrame({"id": ["a", "b"], "date": ["2025-10-21", "2025-10-22T08:00"],
    ...                    "title": ["Xi ke Moskow", ""], "url": ["https://x.id/a", ""],
    ...                    "text": ["Halo. Rusia dan Tiongkok.", "Rusia, Tiongkok"]})
    >>> edge_evidence(co, se, ar)[("rusia", "tiongkok")]
    Evidence(sentence='Rusia dan Tiongkok.', title='Xi ke Moskow', url='https://x.id/a', date='2025-10-21')
    """
    if cooccurrences.empty:
        return {}
    meta = articles.assign(
        day=articles["date"].astype(str).str[:10],
        order=articles["date"].astype(str).replace("", "\uffff"),  # undated last
    )[["id", "day", "order"]]
    rows = cooccurrences[["source", "target", "article", "sentence"]].merge(
        meta, left_on="article", right_on="id", how="inner"
    )
    rows = rows.merge(
        sentences[["article", "sentence", "start", "end"]], on=["article", "sentence"], how="inner"
    )
    rows = rows.sort_values(["source", "target", "order", "article", "sentence"], kind="stable")
    rows = rows.drop_duplicates(["source", "target"], keep="first")
    texts, titles, urls = (dict(zip(articles["id"], articles[c])) for c in ("text", "title", "url"))
    found: dict[tuple[str, str], Evidence] = {}
    for row in rows.itertuples(index=False):
        text = str(texts[row.article])[int(row.start) : int(row.end)]
        url = str(urls[row.article])
        found[(str(row.source), str(row.target))] = Evidence(
            sentence=_clip(text),
            title=str(titles[row.article]) or f"article {row.article}",
            url=url if url.lower().startswith(("http://", "https://")) else "",
            date=str(row.day),
        )
    return found


# --- what is shown first ----------------------------------------------------------------------------------


def default_view(graph: nx.Graph, whole_up_to: int = WHOLE_UP_TO) -> tuple[nx.Graph, str]:
    """The part of ``graph`` the page opens on, and the rule that chose it (plain text, shown on the page).

    A graph of at most ``whole_up_to`` entities is shown whole. A larger one opens on its backbone
    (:func:`pipeline.backbone.backbone`): the main component of the links the disparity filter keeps at the
    loosest level of :data:`ALPHAS` that leaves at most ``whole_up_to`` entities (at the strictest level, cut
    to the ``whole_up_to`` entities with most co-mentions, if none does); a backbone of fewer than two
    entities (a graph with hardly any link) gives way to the ``whole_up_to`` strongest entities.

    >>> g = nx.star_graph(4)
    >>> view, rule = default_view(g, whole_up_to=3)
    >>> sorted(view), rule.split(" (")[0]
    ([0, 1, 2], 'Shown first: the 3 entities with the most co-mentions')
    >>> default_view(g)[1]
    'Shown: the whole graph (5 entities, 4 links), since it has at most 150 entities.'
    """
    n, m = graph.number_of_nodes(), graph.number_of_edges()
    if n <= whole_up_to:
        whole = f"{_count(n, 'entity')}, {_count(m, 'link')}"
        return graph, f"Shown: the whole graph ({whole}), since it has at most {whole_up_to} entities."
    tail = (
        f" A graph of at most {whole_up_to} entities is shown whole. "
        "The slider, “Show more” and “Show all” add the other entities, those with most co-mentions first "
        "(every link between shown entities is then drawn)."
    )
    for alpha in ALPHAS:
        shown = backbone(graph, alpha=alpha)
        if 2 <= shown.number_of_nodes() <= whole_up_to:
            return shown, _backbone_rule(shown, graph, f"α = {alpha}", whole_up_to, "") + tail
    shown = backbone(graph, alpha=ALPHAS[-1], max_nodes=whole_up_to)
    if shown.number_of_nodes() >= 2:
        cut = f", cut to the {whole_up_to} entities with most co-mentions"
        return shown, _backbone_rule(shown, graph, f"α = {ALPHAS[-1]}", whole_up_to, cut) + tail
    shown = induced(graph, strongest_nodes(graph, whole_up_to))
    return shown, (
        f"Shown first: the {whole_up_to} entities with the most co-mentions "
        f"({_count(shown.number_of_edges(), 'link')} among them), as the graph has too few links for a "
        "backbone." + tail
    )


def _backbone_rule(shown: nx.Graph, graph: nx.Graph, level: str, most: int, cut: str) -> str:
    return (
        f"Shown first: the backbone, {shown.number_of_nodes():,} of {_count(graph.number_of_nodes(), 'entity')} "
        f"and {shown.number_of_edges():,} of {_count(graph.number_of_edges(), 'link')}. "
        "The backbone keeps the links that carry a significant share of an entity's co-mentions "
        f"(disparity filter, Serrano, Boguñá & Vespignani 2009, at {level}: the loosest of "
        f"{', '.join(map(str, ALPHAS))} that leaves at most {most} entities{cut}) and, of what they "
        "link, the largest connected group."
    )


def _count(n: int, word: str) -> str:
    """``n`` and ``word``, plural when ``n`` is not 1 (entity → entities).

    >>> _count(1, "entity"), _count(2_124, "entity"), _count(3, "link")
    ('1 entity', '2,124 entities', '3 links')
    """
    if n == 1:
        return f"1 {word}"
    return f"{n:,} {word[:-1] + 'ies' if word.endswith('y') else word + 's'}"


# --- the page ---------------------------------------------------------------------------------------------


def _node_text(label: str, kind: str, data: Mapping, aliases: Iterable[str]) -> str:
    mentions, articles = int(data.get("mentions", 1)), int(data.get("articles", 1))
    lines = [
        f"{label} ({kind or 'other'})",
        f"{_count(mentions, 'mention')} in {_count(articles, 'article')}",
    ]
    others = [a for a in aliases if a != label]
    if others:
        lines.append("also written: " + ", ".join(others[:8]) + (" …" if len(others) > 8 else ""))
    lines.append(_seen(data))
    return "\n".join(line for line in lines if line)


def _seen(data: Mapping) -> str:
    """The days something was in the news, from its ``first_seen`` and ``last_seen`` attributes.

    >>> _seen({"first_seen": "2025-10-17", "last_seen": "2025-10-20"}), _seen({})
    ('seen 2025-10-17 … 2025-10-20', 'no dated article')
    """
    first, last = str(data.get("first_seen", "") or ""), str(data.get("last_seen", "") or "")
    if not first and not last:
        return "no dated article"
    if first == last or not last:
        return f"seen {first or last}"
    return f"seen {first} … {last}" if first else f"seen … {last}"


def edge_text(source_label: str, target_label: str, data: Mapping, evidence: Evidence | None) -> str:
    """The hover text of a link: its ends, weight, the days it was seen and one example sentence.

    >>> ev = Evidence("Xi dan Putin bertemu.", "Xi ke Moskow", "https://x.id/a", "2025-10-21")
    >>> print(edge_text("Xi Jinping", "Vladimir Putin", {"weight": 2, "articles": 1,
    ...       "first_seen": "2025-10-21", "last_seen": "2025-10-22"}, ev))
    Xi Jinping – Vladimir Putin
    weight 2: named together in 2 sentences, 1 article
    seen 2025-10-21 … 2025-10-22
    “Xi dan Putin bertemu.”
    — Xi ke Moskow, 2025-10-21
    https://x.id/a
    """
    weight, articles = int(data.get("weight", 1)), int(data.get("articles", 1))
    lines = [
        f"{source_label} – {target_label}",
        f"weight {weight}: named together in {_count(weight, 'sentence')}, {_count(articles, 'article')}",
        _seen(data),
    ]
    if evidence is not None:
        lines.append(f"“{evidence.sentence}”")
        lines.append(f"— {evidence.title}" + (f", {evidence.date}" if evidence.date else ""))
        if evidence.url:
            lines.append(evidence.url)
    return "\n".join(lines)


def _value(data: Mapping) -> float:
    """A node's size value: the square root of its mentions, so that area grows with mentions."""
    return round(math.sqrt(max(int(data.get("mentions", 1)), 1)), 3)


def _radii(graph: nx.Graph) -> dict[Hashable, float]:
    """The radius in pixels vis-network draws each node with: its value mapped linearly onto
    ``[scaling.min, scaling.max]`` (the middle of it when all values are equal), as vis-network does.

    >>> g = nx.Graph(); g.add_node("a", mentions=1); g.add_node("b", mentions=4)
    >>> _radii(g)
    {'a': 6.0, 'b': 36.0}
    """
    values = {node: _value(data) for node, data in graph.nodes(data=True)}
    low, high = min(values.values(), default=1.0), max(values.values(), default=1.0)
    small, large = _SIZES
    if high <= low:
        return {node: (small + large) / 2 for node in values}
    return {node: small + (v - low) / (high - low) * (large - small) for node, v in values.items()}


def _vis_network_js() -> str:
    """vis-network's JavaScript as shipped in the pyvis package (so it is inlined, never fetched).

    The package is found, not imported: importing pyvis (jinja2, its notebook helpers) to read one file took
    0.3 to 0.4 s of every export.
    """
    spec = find_spec("pyvis")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("pyvis is not installed: graph.html inlines its vis-network.min.js")
    path = Path(spec.origin).parent / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"
    code = path.read_text(encoding="utf-8")
    if "</script" in code.lower():  # would end the inline <script> early
        raise ValueError("vis-network.min.js contains </script>")
    return code


def _json(value: object) -> str:
    """JSON safe inside a ``<script>`` element (no ``<``, ``>``, ``&`` left to end it early)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _options(large: bool) -> dict:
    """vis-network options: physics off (the positions are given), straight links, labels that fade out
    when small (so a zoomed-out view of thousands of entities is not a blanket of text)."""
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 42},
        "nodes": {
            "shape": "dot",
            "borderWidth": 1,
            "scaling": {
                "min": _SIZES[0],
                "max": _SIZES[1],
                "label": {"enabled": True, "min": 13, "max": 22, "maxVisible": 40, "drawThreshold": 6},
            },
            "font": {"face": "sans-serif", "color": "#222222", "strokeWidth": 3, "strokeColor": "#ffffff"},
        },
        "edges": {
            "color": {"color": "#b5b5b5", "highlight": "#444444", "hover": "#444444", "inherit": False},
            "scaling": {"min": 1, "max": 8},
            "smooth": False,
            "selectionWidth": 2,
            "hoverWidth": 1.5,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "navigationButtons": False,
            "keyboard": False,
        },
    }


_STYLE = """
html, body { height: 100%; margin: 0; }
body { font-family: sans-serif; display: flex; flex-direction: column; color: #222; }
header { padding: 0.4em 0.8em; border-bottom: 1px solid #ddd; font-size: 14px; }
header h2 { margin: 0.1em 0 0.3em; font-size: 20px; }
.kabar-legend span.dot { display: inline-block; width: 0.9em; height: 0.9em; border-radius: 50%;
  margin: 0 0.3em 0 1em; vertical-align: middle; }
.kabar-rule { color: #555; margin: 0.3em 0; max-width: 110em; }
.kabar-controls { display: flex; flex-wrap: wrap; gap: 0.5em 1em; align-items: center; }
.kabar-controls input[type=search] { width: 18em; font-size: 14px; padding: 2px 4px; }
.kabar-controls input[type=range] { width: 16em; vertical-align: middle; }
#kabar-found { color: #555; }
#kabar-network { flex: 1; min-height: 360px; position: relative; }
div.vis-tooltip { position: absolute; visibility: hidden; padding: 6px 8px; white-space: pre-wrap;
  max-width: 440px; font: 13px sans-serif; color: #222; background: #fffff2; border: 1px solid #999;
  border-radius: 3px; box-shadow: 2px 2px 6px rgba(0,0,0,0.2); pointer-events: none; z-index: 5; }
#kabar-panel { position: absolute; left: 0.8em; bottom: 0.8em; max-width: 460px; padding: 6px 8px;
  font-size: 13px; white-space: pre-wrap; background: #ffffffee; border: 1px solid #bbb; border-radius: 3px;
  z-index: 4; }
#kabar-panel button { float: right; margin-left: 0.5em; }
"""

_SCRIPT = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kabar-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(document.getElementById("kabar-network"), {nodes: nodes, edges: edges},
                                data.options);
  var total = data.nodes.length, base = data.shown, level = base, extra = Object.create(null);
  var byId = Object.create(null), links = Object.create(null);
  data.nodes.forEach(function (n) { byId[n.id] = n; links[n.id] = []; });
  data.edges.forEach(function (e) { links[e.from].push(e); links[e.to].push(e); });

  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }
  function visibleIds() {
    return data.nodes.filter(function (n) { return !n.hidden; }).map(function (n) { return n.id; });
  }
  // the entities of the first view have two places: x, y in it, fx, fy in the layout of the whole graph
  var full = false;
  data.nodes.forEach(function (n) { if (n.fx !== undefined) { n.x0 = n.x; n.y0 = n.y; } });
  function place(n, changes) {
    // an entity found by the search while the first view is shown: beside its shown neighbours
    var xs = 0, ys = 0, count = 0;
    links[n.id].forEach(function (e) {
      var other = byId[e.from === n.id ? e.to : e.from];
      if (!other.hidden && other.x0 !== undefined) { xs += other.x0; ys += other.y0; count++; }
    });
    if (!count) { return; }
    if (n.xa === undefined) { n.xa = n.x; n.ya = n.y; }  // its place in the whole graph, for "show more"
    n.x = Math.round(xs / count) + 40; n.y = Math.round(ys / count) + 40;
    changes.push({id: n.id, x: n.x, y: n.y});
  }
  function apply(fit) {
    var nodeChanges = [], edgeChanges = [], shownNodes = 0, shownEdges = 0, wanted = level > base;
    if (wanted !== full) {
      full = wanted;
      data.nodes.forEach(function (n) {
        if (n.xa !== undefined && full) {
          n.x = n.xa; n.y = n.ya; delete n.xa; delete n.ya;
          nodeChanges.push({id: n.id, x: n.x, y: n.y});
        }
        if (n.fx === undefined) { return; }
        n.x = full ? n.fx : n.x0; n.y = full ? n.fy : n.y0;
        nodeChanges.push({id: n.id, x: n.x, y: n.y});
      });
    }
    data.nodes.forEach(function (n) {
      var on = n.rank < level || !!extra[n.id];
      if (on) { shownNodes++; }
      if (on === !!n.hidden) { n.hidden = !on; nodeChanges.push({id: n.id, hidden: !on}); }
    });
    data.edges.forEach(function (e) {
      var on = !byId[e.from].hidden && !byId[e.to].hidden && (level > base || e.bb || !!extra[e.from] || !!extra[e.to]);
      if (on) { shownEdges++; }
      if (on === !!e.hidden) { e.hidden = !on; edgeChanges.push({id: e.id, hidden: !on}); }
    });
    nodes.update(nodeChanges);
    edges.update(edgeChanges);
    var count = document.getElementById("kabar-count");
    if (count) {
      count.textContent = shownNodes.toLocaleString("en") + " of " + total.toLocaleString("en") + " entities, " +
        shownEdges.toLocaleString("en") + " of " + data.edges.length.toLocaleString("en") + " links shown";
    }
    var slider = document.getElementById("kabar-level");
    if (slider) { slider.value = String(level); }
    if (fit) { network.fit({nodes: visibleIds(), animation: false}); }
  }

  var dimmed = null;
  function undim() {
    if (!dimmed) { return; }
    nodes.update(dimmed.nodes.map(function (id) { return {id: id, color: byId[id].color, font: {color: "#222222"}}; }));
    edges.update(dimmed.edges.map(function (id) { return {id: id, color: {color: "#b5b5b5"}}; }));
    dimmed = null;
  }
  function highlight(id) {
    undim();
    var near = Object.create(null);
    near[id] = true;
    links[id].forEach(function (e) { near[e.from] = true; near[e.to] = true; });
    dimmed = {nodes: [], edges: []};
    data.nodes.forEach(function (n) { if (!n.hidden && !near[n.id]) { dimmed.nodes.push(n.id); } });
    data.edges.forEach(function (e) { if (!e.hidden && e.from !== id && e.to !== id) { dimmed.edges.push(e.id); } });
    nodes.update(dimmed.nodes.map(function (n) { return {id: n, color: "#e6e6e6", font: {color: "#c8c8c8"}}; }));
    edges.update(dimmed.edges.map(function (e) { return {id: e, color: {color: "#f0f0f0"}}; }));
  }

  var panel = document.getElementById("kabar-panel");
  function showPanel(text, url) {
    panel.textContent = "";
    var close = document.createElement("button");
    close.textContent = "×";
    close.title = "close";
    close.onclick = function () { panel.hidden = true; };
    panel.appendChild(close);
    panel.appendChild(document.createTextNode(text));
    if (url && /^https?:\/\//i.test(url)) {
      var link = document.createElement("a");
      link.href = url; link.target = "_blank"; link.rel = "noopener noreferrer";
      link.textContent = "\nopen the article";
      panel.appendChild(document.createTextNode("\n"));
      panel.appendChild(link);
    }
    panel.hidden = false;
  }

  network.on("click", function (params) {
    if (params.nodes.length) {
      highlight(params.nodes[0]);
      showPanel(byId[params.nodes[0]].title, "");
    } else if (params.edges.length) {
      undim();
      var e = edges.get(params.edges[0]);
      showPanel(e.title, e.url);
    } else {
      undim();
      panel.hidden = true;
    }
  });

  function find(query) {
    var q = fold(query), best = null, bestScore = 99;
    if (!q) { return null; }
    data.nodes.forEach(function (n) {
      var names = [fold(n.label)].concat((n.aliases || []).map(fold)), score = 99;
      names.forEach(function (name, i) {
        var s = name === q ? 0 : name.indexOf(q) === 0 ? 2 : name.indexOf(q) >= 0 ? 4 : 99;
        if (s < 99 && i > 0) { s += 1; }
        score = Math.min(score, s);
      });
      if (score < bestScore || (score === bestScore && best && n.rank < best.rank)) { best = n; bestScore = score; }
    });
    return bestScore < 99 ? best : null;
  }
  var search = document.getElementById("kabar-search"), found = document.getElementById("kabar-found");
  function go() {
    var n = find(search.value);
    if (!n) { found.textContent = search.value ? "no entity matches “" + search.value + "”" : ""; return; }
    if (n.hidden) {
      extra[n.id] = true;
      apply(false);
      if (!full && n.fx === undefined) { var placed = []; place(n, placed); nodes.update(placed); }
    }
    found.textContent = n.label + (fold(n.label).indexOf(fold(search.value)) < 0 ? " (by alias)" : "");
    network.selectNodes([n.id]);
    highlight(n.id);
    showPanel(n.title, "");
    network.focus(n.id, {scale: Math.max(network.getScale(), 1.0), animation: false});
    moved = true;
  }
  search.addEventListener("change", go);
  search.addEventListener("keydown", function (event) { if (event.key === "Enter") { go(); } });
  var names = document.getElementById("kabar-names");
  data.nodes.forEach(function (n) {
    var option = document.createElement("option");
    option.value = n.label;
    names.appendChild(option);
  });

  var slider = document.getElementById("kabar-level");
  if (slider) {
    slider.addEventListener("input", function () { level = Number(slider.value); apply(false); });
    slider.addEventListener("change", function () { undim(); apply(true); });
    document.getElementById("kabar-backbone").onclick = function () {
      level = base; extra = Object.create(null); undim(); apply(true);
    };
    document.getElementById("kabar-more").onclick = function () {
      level = Math.min(total, level * 2); undim(); apply(true);
    };
    document.getElementById("kabar-all").onclick = function () { level = total; undim(); apply(true); };
  }

  // #all opens on the whole graph, #n=300 on the 300 first entities, #find=NAME on an entity: views that
  // can be bookmarked or shared
  var hash = decodeURIComponent(window.location.hash.slice(1));
  if (hash === "all") { level = total; }
  if (/^n=[0-9]+$/.test(hash)) { level = Math.max(base, Math.min(total, Number(hash.slice(2)))); }
  network.once("afterDrawing", function () {
    var marker = document.createElement("div");
    marker.id = "kabar-drawn";
    marker.hidden = true;
    marker.textContent = String(Math.round(performance.now()));
    document.body.appendChild(marker);
    document.body.setAttribute("data-drawn-ms", marker.textContent);
  });
  // until the user zooms or drags, the view follows the window's size (vis-network keeps the zoom instead)
  var moved = false;
  network.on("zoom", function () { moved = true; });
  network.on("dragStart", function () { moved = true; });
  network.on("resize", function () { if (!moved) { network.fit({nodes: visibleIds(), animation: false}); } });
  apply(true);
  if (hash.indexOf("find=") === 0) { search.value = hash.slice(5); go(); }
})();
"""


def graph_html(
    graph: nx.Graph,
    title: str = "kabar-graph: co-mention graph",
    evidence: Mapping[tuple[str, str], Evidence] | None = None,
    aliases: Mapping[str, Iterable[str]] | None = None,
) -> bytes:
    """The graph as one offline, deterministic HTML page (UTF-8 bytes) that draws at once at any size.

    Parameters
    ----------
    graph : the co-mention graph of :func:`pipeline.graph.to_networkx`: node attributes ``label``, ``type``,
        ``mentions``, ``articles``; edge attributes ``weight``, ``articles``, ``first_seen``, ``last_seen``.
        Missing ones get defaults (label = node id, type unknown, counts 1, undated).
    title : heading shown above the graph and in the browser tab.
    evidence : an example sentence per link (:func:`edge_evidence`), looked up in either direction; links
        without one show their counts and dates only.
    aliases : other names per node id (the ``aliases`` of entities.csv), found by the search box and listed
        on hover.

    Returns
    -------
    The page. Node positions are computed here (:func:`pipeline.graph_layout.layout`), nodes and links
    appear in the graph's order, so a graph built in sorted order (as ``to_networkx`` does) gives the same
    bytes on every run.

    Example:
        >>> g = nx.Graph(); g.add_node("nato", label="NATO", type="ORGANISATION", mentions=3)
        >>> b'"label":"NATO"' in graph_html(g)
        True
    """
    evidence = evidence or {}
    aliases = aliases or {}
    shown, rule = default_view(graph)
    positions = layout(graph, shown, radii=_radii(graph))
    strongest = strongest_nodes(graph)
    shown_first = [n for n in strongest if n in shown]
    rank = {node: i for i, node in enumerate(shown_first + [n for n in strongest if n not in shown])}
    labels = {node: str(data.get("label", node)) for node, data in graph.nodes(data=True)}

    nodes = []
    for node, data in graph.nodes(data=True):
        kind = str(data.get("type", "") or "")
        names = [str(a) for a in aliases.get(str(node), ()) if str(a) and str(a) != labels[node]]
        entry = {
            "id": str(node),
            "label": labels[node],
            "x": (positions.first.get(node) or positions.full[node])[0],
            "y": (positions.first.get(node) or positions.full[node])[1],
            "value": _value(data),
            "color": TYPE_COLOURS.get(kind, OTHER_COLOUR),
            "title": _node_text(labels[node], kind, data, names),
            "rank": rank[node],
        }
        if node in positions.first and positions.first[node] != positions.full[node]:
            entry["fx"], entry["fy"] = positions.full[node]  # its place when more is shown
        if names:
            entry["aliases"] = names
        if node not in shown:
            entry["hidden"] = True
        nodes.append(entry)

    edges = []
    for i, (source, target, data) in enumerate(graph.edges(data=True)):
        found = evidence.get((str(source), str(target))) or evidence.get((str(target), str(source)))
        entry = {
            "id": i,
            "from": str(source),
            "to": str(target),
            "value": int(data.get("weight", 1)),
            "title": edge_text(labels[source], labels[target], data, found),
        }
        if found is not None and found.url:
            entry["url"] = found.url
        if shown.has_edge(source, target):
            entry["bb"] = 1
        else:
            entry["hidden"] = True
        edges.append(entry)

    large = graph.number_of_nodes() > WHOLE_UP_TO
    payload = {"shown": len(shown_first), "nodes": nodes, "edges": edges, "options": _options(large)}
    kinds = sorted(
        {str(d.get("type", "") or "") for _, d in graph.nodes(data=True)},
        key=lambda t: (list(TYPE_COLOURS).index(t) if t in TYPE_COLOURS else len(TYPE_COLOURS), t),
    )
    legend = "".join(
        f'<span class="dot" style="background:{TYPE_COLOURS.get(t, OTHER_COLOUR)}"></span>{html.escape(t or "other")}'
        for t in kinds
    )
    more = ""
    if large:
        more = (
            '<span><button id="kabar-backbone" type="button">Backbone</button> '
            f'<input id="kabar-level" type="range" min="{len(shown_first)}" max="{graph.number_of_nodes()}" '
            f'value="{len(shown_first)}" step="1" aria-label="entities shown"> '
            '<button id="kabar-more" type="button">Show more</button> '
            '<button id="kabar-all" type="button">Show all</button></span>'
        )
    links = _count(graph.number_of_edges(), "link")
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>{_STYLE}</style>
<script>{_vis_network_js()}</script>
</head>
<body>
<header>
<h2>{html.escape(title)}</h2>
<div class="kabar-legend">{_count(graph.number_of_nodes(), "entity")}, {links}.{legend}
 Node size: mentions; link width: sentences naming both. Hover a link for its evidence (click it to keep it,
 with a link to the article); click an entity to highlight its links; scroll to zoom, drag to move.</div>
<div class="kabar-rule" id="kabar-rule">{html.escape(rule)}</div>
<div class="kabar-controls">
<label>Find <input id="kabar-search" type="search" list="kabar-names" placeholder="entity or alias, then Enter"
 autocomplete="off"></label><datalist id="kabar-names"></datalist><span id="kabar-found"></span>
{more}<span id="kabar-count"></span>
</div>
</header>
<div id="kabar-network"></div>
<div id="kabar-panel" hidden></div>
<script id="kabar-data" type="application/json">{_json(payload)}</script>
<script>{_SCRIPT}</script>
</body>
</html>
"""
    return page.encode("utf-8")
