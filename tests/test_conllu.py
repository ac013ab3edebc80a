"""CoNLL-U reading as the pipeline tokenises: multi-word tokens folded, scores on folded words."""

from pathlib import Path

import pytest

from pipeline.conllu import Tree, Word, attachment_scores, format_conllu, read_conllu
from pipeline.segment import segment

UD = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "ud"
CSUI_TRAIN = UD / "UD_Indonesian-CSUI" / "id_csui-ud-train.conllu"

# the opening of the first CSUI training sentence: "menyetujuinya" is menyetujui + nya
SENTENCE = """# sent_id = csui-train-1
1\tADB\tADB\tPROPN\tNNP\t_\t3\tnsubj\t_\t_
2\tsendiri\tsendiri\tDET\tDT\tPronType=Emp\t1\tdet\t_\t_
3\tmempertimbangkan\ttimbang\tVERB\tVB\tVoice=Act\t0\troot\t_\t_
4\tuntuk\tuntuk\tSCONJ\tIN\t_\t5\tmark\t_\t_
5-6\tmenyetujuinya\t_\t_\t_\t_\t_\t_\t_\t_
5\tmenyetujui\tsetuju\tVERB\tVB\tVoice=Act\t3\tadvcl\t_\t_
6\tnya\tnya\tPRON\tPRP\tPerson=3\t5\tobj\t_\t_
7\tkarena\tkarena\tSCONJ\tIN\t_\t8\tmark\t_\t_
8\tberlaku\tlaku\tVERB\tVB\t_\t5\tadvcl\t_\t_

"""


def test_a_multiword_token_is_one_word_with_its_hosts_syntax(tmp_path):
    path = tmp_path / "s.conllu"
    path.write_text(SENTENCE, encoding="utf-8")
    (tree,) = read_conllu(path)
    assert [w.text for w in tree.words] == [
        "ADB",
        "sendiri",
        "mempertimbangkan",
        "untuk",
        "menyetujuinya",
        "karena",
        "berlaku",
    ]
    folded = tree.words[4]
    assert (folded.upos, folded.head, folded.deprel) == ("VERB", 3, "advcl")
    # the word after the token is renumbered, and its head (the old word 5) now points at the folded word
    assert (tree.words[6].head, tree.words[6].deprel) == (5, "advcl")
    assert tree.words[3].head == 5


def test_the_folded_words_are_the_pipelines_tokens():
    """Training on folded words is only right if the segmenter writes the same tokens at run time."""
    trees = read_conllu(CSUI_TRAIN)[:50]
    same = sum(
        [t.text for piece in segment(" ".join(w.text for w in tree.words)) for t in piece]
        == [w.text for w in tree.words]
        for tree in trees
    )
    assert same >= 45


def test_format_then_read_round_trips_with_lemma_as_word(tmp_path):
    tree = Tree("x", (Word("Putin", "PROPN", "_", 2, "nsubj"), Word("datang", "VERB", "_", 0, "root")))
    path = tmp_path / "t.conllu"
    path.write_text(format_conllu([tree]), encoding="utf-8")
    assert read_conllu(path) == [tree]
    assert "\tPutin\tPutin\tPROPN\t_\t" in path.read_text(encoding="utf-8")


def test_scores_count_heads_and_universal_relations():
    gold = Tree(
        "g",
        (
            Word("a", "NOUN", "_", 2, "nsubj:pass"),
            Word("b", "VERB", "_", 0, "root"),
            Word(".", "PUNCT", "_", 2, "punct"),
        ),
    )
    parsed = Tree(
        "p",
        (
            Word("a", "NOUN", "_", 2, "nsubj"),
            Word("b", "NOUN", "_", 0, "root"),
            Word(".", "PUNCT", "_", 1, "punct"),
        ),
    )
    scores = attachment_scores([gold], [parsed])
    assert scores["UAS"] == pytest.approx(2 / 3)
    assert scores["LAS"] == pytest.approx(2 / 3)
    assert scores["UPOS"] == pytest.approx(2 / 3)


def test_a_malformed_row_names_the_file_and_line(tmp_path):
    path = tmp_path / "bad.conllu"
    path.write_text("# sent_id = 1\n1\tPutin\tPutin\tPROPN\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.conllu:2: .*10 tab-separated fields"):
        read_conllu(path)
