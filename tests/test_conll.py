"""The CoNLL reader: label mapping, IOB repair and entity scoring, on real corpus lines."""

from pathlib import Path

import pytest

from pipeline.conll import AUXILIARY, map_tag, parse_conll, read_conll, repair_iob, score, spans

DATASETS = Path(__file__).resolve().parents[1].parent / "shared" / "datasets" / "ner"


def test_each_corpus_label_maps_to_per_loc_org():
    assert [map_tag(t) for t in ["B-PPL", "I-PLC", "B-IND", "B-PERSON", "I-PLACE", "B-ORGANISATION"]] == [
        "B-PER", "I-LOC", "B-ORG", "B-PER", "I-LOC", "B-ORG",
    ]  # fmt: skip


def test_events_and_food_become_outside():
    assert [map_tag(t) for t in ["B-EVT", "I-EVT", "B-FNB", "O"]] == ["O", "O", "O", "O"]


def test_events_and_food_can_be_kept_as_their_own_types():
    lines = ["Piala\tB-EVT", "Dunia\tI-EVT", "di\tO", "Qatar\tB-PLC", "makan\tO", "rendang\tB-FNB"]
    (sentence,) = parse_conll(lines, keep=AUXILIARY)
    assert sentence.tags == ["B-EVT", "I-EVT", "O", "B-LOC", "O", "B-FNB"]
    assert map_tag("B-PPL", keep=AUXILIARY) == "B-PER"


def test_an_inside_tag_after_outside_starts_an_entity():
    assert repair_iob(["O", "I-PER", "I-PER", "O", "I-LOC"]) == ["O", "B-PER", "I-PER", "O", "B-LOC"]


def test_an_inside_tag_of_another_type_starts_a_new_entity():
    assert repair_iob(["B-PER", "I-ORG"]) == ["B-PER", "B-ORG"]


def test_space_and_tab_separated_files_read_alike():
    spaced = ["Jokowi PROPN B-PER", "ke ADP O", "Jakarta PROPN B-LOC", ""]
    tabbed = ["Jokowi\tB-PPL", "ke\tO", "Jakarta\tB-PLC", ""]
    assert list(parse_conll(spaced)) == list(parse_conll(tabbed))


def test_repair_applies_after_mapping_an_event_away():
    # "Piala Dunia" (EVT) followed by a stray I-PLC: the place still becomes an entity of its own
    (sentence,) = parse_conll(["Piala\tB-EVT", "Dunia\tI-EVT", "Qatar\tI-PLC"])
    assert sentence.tags == ["O", "O", "B-LOC"]


def test_score_counts_exact_spans_only():
    gold = [["B-PER", "I-PER", "O", "B-LOC"]]
    predicted = [["B-PER", "O", "O", "B-LOC"]]
    result = score(gold, predicted)
    assert (result["precision"], result["recall"], result["sentences"]) == (0.5, 0.5, 1)


def test_spans_treat_a_stray_inside_tag_as_a_start():
    assert spans(["O", "I-ORG", "I-ORG"]) == {(1, 3, "ORG")}


@pytest.mark.skipif(not DATASETS.is_dir(), reason="shared datasets not present")
def test_score_agrees_with_seqeval_on_a_real_dev_split():
    from seqeval.metrics import f1_score

    gold = [s.tags for s in read_conll(DATASETS / "idner-news-2k" / "dev.txt")]
    # a crude "prediction": every entity's last token dropped, so many spans differ
    predicted = [[t if i + 1 < len(tags) and tags[i + 1].startswith("I-") else "O" for i, t in enumerate(tags)]
                 for tags in gold]  # fmt: skip
    assert score(gold, predicted)["f1"] == pytest.approx(f1_score(gold, predicted))
