"""The disparity filter, the strongest entities and the main component (pipeline/backbone.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from pipeline.backbone import (
    backbone,
    disparity_alpha,
    disparity_filter,
    induced,
    main_component,
    strongest_nodes,
)

ROOT = Path(__file__).resolve().parent.parent


def weighted(*edges: tuple[str, str, float]) -> nx.Graph:
    graph = nx.Graph()
    graph.add_weighted_edges_from(edges)
    return graph


def test_star_keeps_its_one_heavy_edge_and_drops_the_light_ones():
    star = weighted(("hub", "a", 20), ("hub", "b", 1), ("hub", "c", 1), ("hub", "d", 1), ("hub", "e", 1))
    assert list(disparity_filter(star, alpha=0.05).edges) == [("hub", "a")]


def test_p_value_is_the_formula_of_serrano_et_al():
    # hub: strength 10, degree 3; the heavy edge has (1 - 8/10) ** 2, a light one (1 - 1/10) ** 2
    star = weighted(("hub", "a", 8), ("hub", "b", 1), ("hub", "c", 1))
    assert disparity_alpha(star) == pytest.approx(
        {("hub", "a"): 0.04, ("hub", "b"): 0.81, ("hub", "c"): 0.81}
    )


def test_uniform_clique_drops_every_edge_at_a_strict_alpha():
    clique = nx.complete_graph(["a", "b", "c", "d", "e"])
    nx.set_edge_attributes(clique, 3, "weight")
    # every share is 1/4: (3/4) ** 3 = 0.42 for every edge, significant only at a loose level
    assert list(disparity_filter(clique, alpha=0.05).edges) == []
    assert disparity_filter(clique, alpha=0.5).number_of_edges() == 10


def test_a_node_with_one_edge_leaves_the_decision_to_the_other_end():
    path = weighted(("leaf", "hub", 1), ("hub", "x", 9))
    assert disparity_alpha(path)["leaf", "hub"] == pytest.approx(0.9)  # the hub's side, not the leaf's 1
    pair = weighted(("a", "b", 5))
    assert disparity_alpha(pair) == {("a", "b"): 1.0}
    assert list(disparity_filter(pair, alpha=0.05).edges) == []


def test_edges_without_weight_count_one_and_zero_weights_do_not_divide_by_zero():
    graph = nx.Graph([("a", "b"), ("a", "c")])
    graph.add_edge("x", "y", weight=0)
    graph.add_edge("y", "z", weight=0)
    assert disparity_alpha(graph) == pytest.approx(
        {("a", "b"): 0.5, ("a", "c"): 0.5, ("x", "y"): 1.0, ("y", "z"): 1.0}
    )


def test_isolated_nodes_stay_in_the_filtered_graph_and_leave_the_main_component():
    graph = weighted(("hub", "a", 20), ("hub", "b", 1), ("hub", "c", 1))
    graph.add_node("alone")
    kept = disparity_filter(graph, alpha=0.05)
    assert list(kept) == ["hub", "a", "b", "c", "alone"]
    assert list(main_component(kept)) == ["hub", "a"]


def test_main_component_is_the_largest_and_the_first_of_equal_ones():
    graph = nx.Graph([("x", "y"), ("a", "b"), ("b", "c"), ("p", "q")])
    graph.add_node("alone")
    assert list(main_component(graph)) == ["a", "b", "c"]
    assert list(main_component(nx.Graph([("x", "y"), ("a", "b")]))) == ["x", "y"]


def test_main_component_of_a_graph_without_edges_or_nodes():
    assert list(main_component(nx.empty_graph(["b", "a"]))) == ["b"]
    assert main_component(nx.Graph()).number_of_nodes() == 0


def test_strongest_nodes_rank_by_weighted_degree_and_keep_graph_order_on_ties():
    graph = weighted(("a", "b", 1), ("c", "d", 1), ("b", "e", 3))
    assert strongest_nodes(graph) == ["b", "e", "a", "c", "d"]
    assert strongest_nodes(graph, 3) == ["b", "e", "a"]
    assert strongest_nodes(graph, 0) == []


def test_backbone_cut_ranks_by_strength_in_the_whole_graph():
    # the filter (alpha 0.6) keeps the chain a-b-c-d and drops d's five light links; in the backbone a and d
    # tie (10 each, a first), in the whole graph d is stronger (15)
    graph = weighted(("a", "b", 10), ("b", "c", 10), ("c", "d", 10))
    graph.add_weighted_edges_from(("d", f"m{i}", 1) for i in range(5))
    assert list(disparity_filter(graph, alpha=0.6).edges) == [("a", "b"), ("b", "c"), ("c", "d")]
    assert list(backbone(graph, alpha=0.6, max_nodes=3)) == ["b", "c", "d"]


def test_backbone_without_a_cut_is_the_main_component_of_the_filtered_graph():
    graph = weighted(("hub", "a", 20), ("hub", "b", 1), ("hub", "c", 1), ("x", "y", 50))
    shown = backbone(graph, alpha=0.05)
    assert list(shown) == ["hub", "a"]
    assert shown.edges["hub", "a"] == {"weight": 20}  # attributes come along


def test_functions_leave_their_input_as_it_was():
    graph = weighted(("hub", "a", 20), ("hub", "b", 1), ("hub", "c", 1), ("x", "y", 1))
    before = nx.to_dict_of_dicts(graph), list(graph)
    disparity_filter(graph)
    backbone(graph, max_nodes=2)
    induced(graph, ["hub", "a"])["hub"]["a"]["weight"] = 0  # the copy may change, the original not
    assert (nx.to_dict_of_dicts(graph), list(graph)) == before


def test_results_follow_the_input_order_whatever_the_hash_seed():
    """Node and edge order come from the graph, never from a set, so a layout seeded on them is stable."""
    script = (
        "import json, networkx as nx\n"
        "from pipeline.backbone import backbone\n"
        "g = nx.Graph()\n"
        "g.add_weighted_edges_from([(f'n{i}', f'n{(i * 7) % 31}', 1 + i % 5) for i in range(31)])\n"
        "g.add_weighted_edges_from([('n0', f'n{i}', 1) for i in range(3, 31, 3)])\n"
        "g.add_nodes_from(f'alone{i}' for i in range(40))\n"  # a main component under half the graph
        "b = backbone(g, alpha=0.5, max_nodes=12)\n"
        "print(json.dumps([list(b), list(b.edges)]))\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={"PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    ]
    nodes, edges = json.loads(runs[0])
    assert len(nodes) > 2 and edges
    assert runs[1] == runs[0] and runs[2] == runs[0]
