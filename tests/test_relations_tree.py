"""Relations read from a dependency tree: the constructions word order cannot see through.

The trees here are written by hand in UD (what the parser is trained to give), so these tests check the
argument rules, not the parser; ``test_parser.py`` runs the shipped parser on real sentences.
"""

from pathlib import Path

from spans import surface_spans

from pipeline.conllu import Tree, Word
from pipeline.relations import load_inventory
from pipeline.relations.extract import read_sentence, sentence_relations


def found(text, tree, *mentions):
    """``(source, relation, target, mode)`` of ``text`` read with ``tree``: ``(head, deprel)`` per token;
    mentions are ``(surface, type, entity_id)``, every whole-word occurrence of the surface a mention."""
    reading = read_sentence(text, 0, len(text), surface_spans(text, mentions), load_inventory())
    assert len(reading.tokens) == len(tree), [t.text for t in reading.tokens]
    words = tuple(
        Word(t.text, "PROPN" if t.text[:1].isupper() else "X", "_", head, deprel)
        for t, (head, deprel) in zip(reading.tokens, tree)
    )
    return sorted((s, r, t, mode) for s, r, t, _, mode in sentence_relations(text, reading, Tree("t", words)))


def test_a_list_of_subjects_all_meet_each_other():
    text = "Prabowo, Albanese dan Ishiba bertemu di Jakarta."
    tree = [(6, "nsubj"), (3, "punct"), (1, "conj"), (5, "cc"), (1, "conj"), (0, "root"), (8, "case"),
            (6, "obl"), (6, "punct")]  # fmt: skip
    result = found(
        text, tree, ("Prabowo", "PERSON", "prabowo"), ("Albanese", "PERSON", "albanese"),
        ("Ishiba", "PERSON", "ishiba"), ("Jakarta", "LOCATION", "jakarta"),
    )  # fmt: skip
    assert result == [
        ("albanese", "MEET", "ishiba", "done"),
        ("albanese", "MEET", "prabowo", "done"),
        ("ishiba", "MEET", "prabowo", "done"),
    ]


def test_a_noun_trigger_object_of_a_verb_takes_that_verbs_subject():
    """Word order stops at "menyatakan" (a reporting verb); the tree sees the support it states."""
    text = "Australia menyatakan dukungan terhadap Indonesia."
    tree = [(2, "nsubj"), (0, "root"), (2, "obj"), (5, "case"), (3, "nmod"), (2, "punct")]
    result = found(text, tree, ("Australia", "COUNTRY", "australia"), ("Indonesia", "COUNTRY", "indonesia"))
    assert result == [("australia", "SUPPORT", "indonesia", "done")]


def test_receiving_support_makes_the_subject_the_target():
    text = "Prabowo mendapat dukungan dari PKB."
    tree = [(2, "nsubj"), (0, "root"), (2, "obj"), (5, "case"), (2, "obl"), (2, "punct")]
    result = found(text, tree, ("Prabowo", "PERSON", "prabowo"), ("PKB", "ORGANISATION", "pkb"))
    assert result == [("pkb", "SUPPORT", "prabowo", "done")]


def test_a_passive_with_oleh_flips_to_the_agent():
    text = "Rusia dijatuhi sanksi oleh Uni Eropa."
    tree = [
        (2, "nsubj:pass"),
        (0, "root"),
        (2, "obj"),
        (5, "case"),
        (2, "obl:agent"),
        (5, "flat"),
        (2, "punct"),
    ]
    result = found(text, tree, ("Rusia", "COUNTRY", "rusia"), ("Uni Eropa", "ORGANISATION", "uni-eropa"))
    assert ("uni-eropa", "SANCTION", "rusia", "done") in result
    assert not any(s == "rusia" for s, *_ in result)


def test_the_person_under_a_title_and_apposition_is_the_actor_not_the_body_in_the_title():
    text = "Ketua KPU RI, Mochammad Afifuddin, bertemu Presiden Prabowo."
    tree = [(8, "nsubj"), (1, "nmod"), (2, "flat"), (5, "punct"), (1, "appos"), (5, "flat:name"), (5, "punct"),
            (0, "root"), (8, "obj"), (9, "flat:name"), (8, "punct")]  # fmt: skip
    result = found(
        text, tree, ("KPU RI", "ORGANISATION", "kpu"), ("Mochammad Afifuddin", "PERSON", "afifuddin"),
        ("Prabowo", "PERSON", "prabowo"),
    )  # fmt: skip
    assert result == [("afifuddin", "MEET", "prabowo", "done")]


def test_a_scheduled_meeting_is_planned():
    text = "Prabowo dijadwalkan bertemu Trump."
    tree = [(2, "nsubj:pass"), (0, "root"), (2, "xcomp"), (3, "obj"), (2, "punct")]
    result = found(text, tree, ("Prabowo", "PERSON", "prabowo"), ("Trump", "PERSON", "trump"))
    assert result == [("prabowo", "MEET", "trump", "planned")]


def test_refusing_to_meet_is_no_meeting():
    text = "Prabowo menolak bertemu Trump."
    tree = [(2, "nsubj"), (0, "root"), (2, "xcomp"), (3, "obj"), (2, "punct")]
    assert found(text, tree, ("Prabowo", "PERSON", "prabowo"), ("Trump", "PERSON", "trump")) == []


def test_welcoming_a_decision_is_not_hosting_its_maker():
    text = "Indonesia menyambut baik keputusan Trump."
    tree = [(2, "nsubj"), (0, "root"), (2, "advmod"), (2, "obj"), (4, "nmod"), (2, "punct")]
    assert found(text, tree, ("Indonesia", "COUNTRY", "indonesia"), ("Trump", "PERSON", "trump")) == []


def test_signing_a_document_is_no_signing_with_it():
    text = "Prabowo meneken Perpres dengan Albanese."
    tree = [(2, "nsubj"), (0, "root"), (2, "obj"), (5, "case"), (2, "obl"), (2, "punct")]
    result = found(
        text, tree, ("Prabowo", "PERSON", "prabowo"), ("Perpres", "ORGANISATION", "perpres"),
        ("Albanese", "PERSON", "albanese"),
    )  # fmt: skip
    assert result == [("albanese", "SIGN", "prabowo", "done")]


def test_a_nested_owner_is_no_meeting_of_the_two_names():
    text = "Rapat Banggar DPRD Bone ricuh."
    tree = [(5, "nsubj"), (1, "nmod"), (2, "nmod"), (3, "flat"), (0, "root"), (5, "punct")]
    result = found(
        text, tree, ("Banggar", "ORGANISATION", "banggar"), ("DPRD Bone", "ORGANISATION", "dprd-bone")
    )
    assert result == []


def test_judging_a_things_owner_judges_the_owner():
    """Support and criticism take the owner of what they judge; a visit or a meeting never does."""
    text = "PKB mendukung sikap dan langkah Prabowo."
    tree = [(2, "nsubj"), (0, "root"), (2, "obj"), (5, "cc"), (3, "conj"), (5, "nmod"), (2, "punct")]
    result = found(text, tree, ("PKB", "ORGANISATION", "pkb"), ("Prabowo", "PERSON", "prabowo"))
    assert result == [("pkb", "SUPPORT", "prabowo", "done")]


def test_a_meeting_in_a_fronted_phrase_is_the_clause_subjects():
    text = "Dalam pertemuan dengan Li Lecheng, Cook menyampaikan apresiasi."
    tree = [(2, "case"), (8, "obl"), (4, "case"), (2, "nmod"), (4, "flat:name"), (8, "punct"), (8, "nsubj"),
            (0, "root"), (8, "obj"), (8, "punct")]  # fmt: skip
    result = found(text, tree, ("Li Lecheng", "PERSON", "li-lecheng"), ("Cook", "PERSON", "tim-cook"))
    assert result == [("li-lecheng", "MEET", "tim-cook", "done")]


def test_a_country_in_brackets_glosses_the_party_before_it():
    text = "ICE (Indonesia) dan Gwadar Chamber (Pakistan) menandatangani MoU."
    tree = [(11, "nsubj"), (3, "punct"), (1, "appos"), (3, "punct"), (6, "cc"), (1, "conj"), (6, "flat"),
            (9, "punct"), (6, "appos"), (9, "punct"), (0, "root"), (11, "obj"), (11, "punct")]  # fmt: skip
    result = found(
        text, tree, ("ICE", "ORGANISATION", "ice"), ("Indonesia", "COUNTRY", "indonesia"),
        ("Gwadar Chamber", "ORGANISATION", "gwadar"), ("Pakistan", "COUNTRY", "pakistan"),
    )  # fmt: skip
    assert result == [("gwadar", "SIGN", "ice", "done")]


def test_a_sentence_the_parser_fails_on_is_skipped_and_counted(monkeypatch):
    """stanza raising on one sentence must not lose the batch: the others are parsed, that one counted."""
    from pipeline import parse
    from pipeline.relations.extract import Parser

    def fake_parse(pipeline, sentences):
        if any("\x00" in token for tokens in sentences for token in tokens):
            raise RuntimeError("stanza cannot take this")
        return [Tree("t", tuple(Word(t, "X", "_", 0, "root") for t in tokens)) for tokens in sentences]

    monkeypatch.setattr(parse, "load_parser", lambda model_dir: object())
    monkeypatch.setattr(parse, "parse", fake_parse)
    parser = Parser(Path("models"))
    trees = parser([["Prabowo", "datang"], ["Prabowo", "\x00ganjil"], ["x"] * 500, ["Albanese", "pergi"]])
    assert [tree is None for tree in trees] == [False, True, True, False]
    assert (parser.parsed, parser.skipped) == (2, 2)


def test_a_visit_planned_inside_the_verbs_object_is_the_subjects():
    """ "-nya" on the noun names the clause's subject as its owner; the phrase hangs on "rencana"."""
    text = "Purbaya menyampaikan rencana kunjungannya ke Kementerian PU."
    tree = [(2, "nsubj"), (0, "root"), (2, "obj"), (3, "nmod"), (6, "case"), (3, "nmod"), (6, "flat:name"),
            (2, "punct")]  # fmt: skip
    result = found(
        text, tree, ("Purbaya", "PERSON", "purbaya"), ("Kementerian PU", "ORGANISATION", "kemenpu")
    )
    assert result == [("purbaya", "VISIT", "kemenpu", "planned")]


def test_a_signing_with_two_parties_is_one_agreement_of_all_three():
    text = "Tito meneken kesepakatan dengan Dody dan Nasaruddin."
    tree = [
        (2, "nsubj"),
        (0, "root"),
        (2, "obj"),
        (5, "case"),
        (2, "obl"),
        (7, "cc"),
        (5, "conj"),
        (2, "punct"),
    ]
    result = found(
        text,
        tree,
        ("Tito", "PERSON", "tito"),
        ("Dody", "PERSON", "dody"),
        ("Nasaruddin", "PERSON", "nasaruddin"),
    )
    assert [r[:3] for r in result] == [
        ("dody", "SIGN", "nasaruddin"),
        ("dody", "SIGN", "tito"),
        ("nasaruddin", "SIGN", "tito"),
    ]


def test_a_clause_with_an_unnamed_subject_borrows_none_from_above():
    """ "ketika pemimpin Rusia itu mengunjungi Beijing": the visitor is the unnamed leader, not Xi."""
    text = "Xi berbicara ketika pemimpin itu mengunjungi Beijing."
    tree = [
        (2, "nsubj"),
        (0, "root"),
        (6, "mark"),
        (6, "nsubj"),
        (4, "det"),
        (2, "advcl"),
        (6, "obj"),
        (2, "punct"),
    ]
    assert found(text, tree, ("Xi", "PERSON", "xi"), ("Beijing", "LOCATION", "beijing")) == []


def test_a_relative_yang_stands_for_the_noun_it_hangs_from():
    text = "Rusia yang berselisih dengan NATO berusaha."
    tree = [(6, "nsubj"), (3, "nsubj"), (1, "acl:relcl"), (5, "case"), (3, "obl"), (0, "root"), (6, "punct")]
    result = found(text, tree, ("Rusia", "COUNTRY", "rusia"), ("NATO", "ORGANISATION", "nato"))
    assert result == [("rusia", "OPPOSE", "nato", "done")]
