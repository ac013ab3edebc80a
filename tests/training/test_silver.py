"""make silver: the committee keeps the sentences all its models tag alike, with those tags."""

import pytest

from pipeline.conll import Sentence, read_conll
from pipeline.ner import MODELS_DIR, load_tagger, tag_sentences
from pipeline.training.silver import committee_tags, main


def test_a_sentence_the_models_tag_differently_is_left_out():
    sentences = [["Jokowi", "ke", "Bali"], ["Prabowo", "Subianto", "hadir"]]
    first = [["B-PER", "O", "B-LOC"], ["B-PER", "I-PER", "O"]]
    second = [["B-PER", "O", "B-LOC"], ["B-PER", "O", "O"]]  # a shorter span in the second sentence
    assert committee_tags(sentences, [first, second]) == [Sentence(sentences[0], first[0])]


def test_a_stray_inside_tag_counts_as_the_span_it_begins():
    sentences = [["di", "Jakarta"]]
    assert committee_tags(sentences, [[["O", "I-LOC"]], [["O", "B-LOC"]]]) == [
        Sentence(["di", "Jakarta"], ["O", "I-LOC"])
    ]


@pytest.mark.slow
def test_the_silver_file_holds_the_shipped_models_tags_of_the_unlabelled_text(tmp_path):
    text = tmp_path / "data" / "text"
    text.mkdir(parents=True)
    lines = [
        "Presiden Joko Widodo meresmikan jalan tol di Semarang .",
        "",
        "Harga beras naik lagi pekan ini .",
    ]
    (text / "indonesian-sentences.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "silver.conll"
    assert main([str(MODELS_DIR), str(MODELS_DIR), "--data", str(tmp_path / "data"), "--out", str(out)]) == 0
    tokens = [line.split() for line in lines if line]
    expected = tag_sentences(load_tagger(MODELS_DIR), tokens)
    assert read_conll(out) == [Sentence(t, g) for t, g in zip(tokens, expected)]
    assert any(tag != "O" for tag in expected[0])


def test_a_committee_of_one_is_refused(capsys):
    with pytest.raises(SystemExit):
        main([str(MODELS_DIR)])
    assert "at least two models" in capsys.readouterr().err


def test_a_folder_that_is_not_a_model_is_named_before_any_tagging(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main([str(MODELS_DIR), str(tmp_path / "nothing"), "--data", str(tmp_path / "no-data")])
    assert "nothing: not a model folder" in capsys.readouterr().err
