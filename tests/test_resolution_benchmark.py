"""The scoring rules of the entity-resolution benchmark (``benchmarks/resolution.py``) on tiny literal tables.

Every table here is written out in the test, so a failure reads as "this run, this stakeholder, this
verdict"; nothing needs the Detik corpus or a pipeline run.
"""

import json

import pandas as pd
import pytest

from benchmarks.resolution import (
    Entity,
    article_entities,
    bracketed_as_written,
    bracketed_found,
    check_cluster,
    common_words,
    fragmentation,
    is_abbreviation,
    main,
    parse_bracketed,
    parse_titled,
    person_found,
    read_entities,
    spelled_alike,
    spelling_key,
    stakeholder_recall,
    words,
)

TITLES = frozenset({"presiden", "menteri", "menteri keuangan", "gubernur", "ketua", "kapolri", "jenderal"})
NONE: frozenset[str] = frozenset()

ENTITIES = pd.DataFrame(
    [
        (
            "prabowo-subianto",
            "Prabowo Subianto",
            "PERSON",
            "Prabowo|Prabowo Subianto|Listyo Sigit Prabowo",
            3,
            2,
        ),
        ("purbaya-yudhi-sadewa", "Purbaya Yudhi Sadewa", "PERSON", "Purbaya|Purbaya Yudhi Sadewa", 2, 1),
        ("abdul-wahid", "Abdul Wahid", "PERSON", "Abdul Wahid", 1, 1),
        ("bps", "BPS", "ORGANISATION", "BPS", 1, 1),
        ("badan-pusat-statistik", "Badan Pusat Statistik", "ORGANISATION", "Badan Pusat Statistik", 1, 1),
        ("bank-indonesia", "Bank Indonesia", "ORGANISATION", "BI|Bank Indonesia", 2, 1),
        ("indonesia", "Indonesia", "COUNTRY", "Indonesia|KADIN", 2, 2),
    ],
    columns=["entity_id", "label", "type", "aliases", "mentions", "articles"],
)
MENTIONS = pd.DataFrame(
    [
        ("dt1", 0, 0, 16, "Prabowo Subianto", "PERSON", "prabowo-subianto"),
        ("dt1", 1, 40, 47, "Purbaya", "PERSON", "purbaya-yudhi-sadewa"),
        ("dt1", 2, 60, 63, "BPS", "ORGANISATION", "bps"),
        ("dt1", 2, 70, 91, "Badan Pusat Statistik", "ORGANISATION", "badan-pusat-statistik"),
        ("dt1", 3, 99, 113, "Bank Indonesia", "ORGANISATION", "bank-indonesia"),
        ("dt2", 0, 8, 28, "Listyo Sigit Prabowo", "PERSON", "prabowo-subianto"),
        ("dt2", 1, 30, 41, "Abdul Wahid", "PERSON", "abdul-wahid"),
        ("dt2", 2, 50, 55, "KADIN", "COUNTRY", "indonesia"),
    ],
    columns=["article", "sentence", "start", "end", "text", "type", "entity_id"],
)


@pytest.fixture
def per_article():
    return article_entities(MENTIONS, read_entities(ENTITIES))


def titled(text: str, common: frozenset[str] = NONE):
    return parse_titled(text, TITLES, NONE, frozenset({"daerah", "brasil"}), common)


# --- reading a stakeholder string ---------------------------------------------------------------------


def test_the_name_of_a_titled_person_follows_the_last_title_and_an_acronym():
    assert titled("Kapolri Jenderal Listyo Sigit Prabowo").name == ("listyo", "sigit", "prabowo")
    assert titled("Ketua KPU Afifuddin").name == ("afifuddin",)
    person = titled("Presiden ke-7 Joko Widodo (Jokowi)")
    assert (person.name, person.nickname) == (("joko", "widodo"), ("jokowi",))


def test_an_office_without_a_name_is_no_titled_person():
    assert titled("Menteri Keuangan") is None  # only a title
    assert titled("Presiden Brasil") is None  # a country
    assert titled("Gubernur NTB") is None  # an acronym
    assert titled("Kepala Daerah") is None  # not a title at the start
    assert titled("Masyarakat") is None


def test_common_words_lead_off_the_name_and_alone_make_no_person():
    common = common_words(["bantuan sosial untuk pelaku usaha", "dana sosial", "usaha kecil"], at_least=2)
    assert titled("Menteri Sosial Saifullah Yusuf (Gus Ipul)", common).name == ("saifullah", "yusuf")
    assert titled("Ketua Usaha", common) is None


def test_a_bracket_that_abbreviates_the_rest_makes_a_bracketed_name():
    assert parse_bracketed("Badan Pusat Statistik (BPS)").short_forms == {("bps",)}
    assert ("kementerian", "pkp") in parse_bracketed(
        "Kementerian Perumahan dan Kawasan Permukiman (PKP)"
    ).short_forms
    assert parse_bracketed("PAN (Partai Amanat Nasional)").long == ("partai", "amanat", "nasional")
    assert parse_bracketed("KPM (Pelaku Judi Online)") is None  # a remark, not an abbreviation
    assert parse_bracketed("Masyarakat Berpenghasilan Rendah (MBR)") is None  # a group of people
    assert parse_bracketed("Bupati Kolaka Timur (Koltim)", frozenset({"bupati"})) is None  # an office
    assert not is_abbreviation("Pertamina", "Produk Pertamina Dex")


# --- titled persons -------------------------------------------------------------------------------------


def test_a_titled_person_is_found_through_a_trailing_part_or_a_longer_form(per_article):
    assert (
        person_found(titled("Presiden Prabowo Subianto"), per_article["dt1"]).entity_id == "prabowo-subianto"
    )
    assert person_found(titled("Menteri Purbaya"), per_article["dt1"]).entity_id == "purbaya-yudhi-sadewa"
    assert person_found(titled("Gubernur Riau Abdul Wahid"), per_article["dt2"]).entity_id == "abdul-wahid"


def test_a_titled_person_is_missed_when_absent_or_only_a_wrong_merge_holds_the_name(per_article):
    # "Prabowo Subianto" holds the alias "Listyo Sigit Prabowo", but its label names another man
    assert person_found(titled("Kapolri Jenderal Listyo Sigit Prabowo"), per_article["dt2"]) is None
    # the article has no Abdul Wahid at all
    assert person_found(titled("Gubernur Riau Abdul Wahid"), per_article["dt1"]) is None


def test_a_surname_inside_another_name_is_no_match():
    other = [Entity("prabowo-subianto", "Prabowo Subianto", "PERSON", ("Prabowo",))]
    assert person_found(titled("Kapolri Listyo Sigit Prabowo"), other) is None


def test_recall_counts_the_two_classes_and_keeps_the_misses(per_article):
    references = {
        "dt1": [
            "Presiden Prabowo Subianto",
            "Badan Pusat Statistik (BPS)",
            "Bank Indonesia (BI)",
            "Masyarakat",
        ],
        "dt2": ["Kapolri Jenderal Listyo Sigit Prabowo", "Gubernur Riau Abdul Wahid"],
    }
    texts = {"dt2": "Kapolri Jenderal Listyo Sigit Prabowo dan Gubernur Riau Abdul Wahid."}
    recall = stakeholder_recall(references, per_article, texts, TITLES)
    figures = recall.figures()
    assert (figures["titled_persons"]["found"], figures["titled_persons"]["total"]) == (2, 3)
    assert figures["titled_persons"]["percent"] == 66.7
    assert figures["bracketed_names"]["total"] == 2
    assert (figures["bracketed_names"]["one_entity"], figures["bracketed_names"]["at_all"]) == (1, 2)
    assert [m[:2] for m in recall.person_misses] == [("dt2", "Kapolri Jenderal Listyo Sigit Prabowo")]
    assert recall.person_misses[0][3] == ["listyo", "sigit", "prabowo"]  # all written in dt2
    assert [m[:3] for m in recall.bracket_misses] == [("dt1", "Badan Pusat Statistik (BPS)", True)]


# --- names in another spelling --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("listed", "written"),
    [
        ("Zainal Abidin", "Zaenal Abidin"),  # one letter apart
        ("Sumitro Djojohadikusumo", "Soemitro Djojohadikusumo"),  # old oe
        ("Djarot Saiful", "Jarot Saiful"),  # old dj
        ("Tjahjo Kumolo", "Cahyo Kumolo"),  # old tj and j
        ("Chairul Tanjung", "Khairul Tanjung"),  # ch
        ("Mochammad Afifuddin", "Muhammad Afifuddin"),  # the Muhammad family
        ("Moh Mahfud", "Mohammad Mahfud"),
        ("Bernad Dermawan Sutrisno", "Bernad Darmawan Sutrisno"),
        ("Eddy Soeparno", "Edi Soeparno"),  # doubled letter, last y
        ("Rika Raffiudin", "Rika Rafiudin"),
        ("Budi Santoso", "budi santoso"),  # the same words
    ],
)
def test_a_name_in_another_spelling_is_spelled_alike(listed, written):
    assert spelled_alike(words(listed), words(written))
    assert spelled_alike(words(written), words(listed))


@pytest.mark.parametrize(
    ("listed", "written"),
    [
        ("Budi Santoso", "Budi Susanto"),  # two edits
        ("Listyo Sigit Prabowo", "Prabowo Subianto"),  # another man sharing a word
        ("Sigit Prabowo", "Listyo Sigit Prabowo"),  # a word more
        ("Zainal Abidin", "Zainal"),  # a word less
        ("Rudi Hartono", "Budi Hartono"),  # another first letter
        ("Edi Hartono", "Eko Hartono"),  # one edit, but a short word
        ("Dedi Prasetyo", "Dedi Mulyadi"),
        ("Abdul Wahid", "Wahid Abdul"),  # the order counts
        ("", ""),
    ],
)
def test_other_names_are_not_spelled_alike(listed, written):
    assert not spelled_alike(words(listed), words(written))
    assert not spelled_alike(words(written), words(listed))


def test_the_spelling_key_makes_old_and_new_spellings_one():
    assert spelling_key("soeharto") == spelling_key("suharto") == "suharto"
    assert spelling_key("djojohadikusumo") == spelling_key("joyohadikusumo")
    assert spelling_key("eddy") == spelling_key("edy") == spelling_key("edi") == "edi"
    assert {spelling_key(w) for w in ("mochammad", "mohammad", "muhammad", "muhamad", "moh")} == {"muhammad"}
    assert spelling_key("budi") == "budi"


def test_a_label_in_another_spelling_names_the_person_and_is_no_wrong_merge():
    zainal = titled("Ketua Zainal Abidin")
    assert person_found(zainal, [Entity("zaenal-abidin", "Zaenal Abidin", "PERSON", ("Zainal Abidin",))])
    assert person_found(titled("Ketua Eddy Soeparno"), [Entity("edi", "Edi Soeparno", "PERSON", ())])
    # the trailing part of two or more words may be spelled another way, the surname alone may not
    assert person_found(titled("Gubernur Riau Abdoel Wahid"), [Entity("w", "Abdul Wahid", "PERSON", ())])
    assert person_found(titled("Ketua Budi Santoso"), [Entity("s", "Santosa", "PERSON", ())]) is None
    # a label one word apart in two words, or naming another man, still contradicts
    wrong = Entity("budi-susanto", "Budi Susanto", "PERSON", ("Budi Santoso",))
    assert person_found(titled("Ketua Budi Santoso"), [wrong]) is None
    other = [Entity("prabowo-subianto", "Prabowo Subianto", "PERSON", ("Listyo Sigit Prabowo",))]
    assert person_found(titled("Kapolri Listyo Sigit Prabowo"), other) is None


# --- bracketed names ------------------------------------------------------------------------------------


def test_a_bracketed_name_is_found_as_one_entity_or_split(per_article):
    one, anywhere = bracketed_found(parse_bracketed("Bank Indonesia (BI)"), per_article["dt1"])
    assert one.entity_id == anywhere.entity_id == "bank-indonesia"
    one, anywhere = bracketed_found(parse_bracketed("Badan Pusat Statistik (BPS)"), per_article["dt1"])
    assert one is None and anywhere is not None


def test_a_bracketed_name_held_by_a_person_is_not_found_as_one_entity():
    person = [Entity("x", "Bank Indonesia", "PERSON", ("BI", "Bank Indonesia"))]
    one, anywhere = bracketed_found(parse_bracketed("Bank Indonesia (BI)"), person)
    assert one is None and anywhere.entity_id == "x"


def test_a_bracketed_name_is_found_as_written_when_one_body_holds_every_written_form(per_article):
    """dt0060 writes "Badan Pengelola Dana Perkebunan (BPFP)", a typo: the stakeholder's "BPDP" is
    nowhere, and the long form's entity is the stakeholder found; split or unwritten forms are not."""
    bpdp = parse_bracketed("BPDP (Badan Pengelola Dana Perkebunan)")
    body = [Entity("bpdp", "Badan Pengelola Dana Perkebunan", "ORGANISATION", ())]
    assert bracketed_as_written(bpdp, body, ["long"])
    assert not bracketed_as_written(bpdp, body, ["long", "short"])
    assert not bracketed_as_written(bpdp, body, [])
    assert not bracketed_as_written(
        bpdp, [Entity("x", "Badan Pengelola Dana Perkebunan", "PERSON", ())], ["long"]
    )
    bps = parse_bracketed("Badan Pusat Statistik (BPS)")
    assert not bracketed_as_written(bps, per_article["dt1"], ["long", "short"])  # split in two


# --- cluster rows ---------------------------------------------------------------------------------------


def test_a_same_row_passes_only_when_one_entity_holds_every_form():
    entities = list(read_entities(ENTITIES).values())
    assert check_cluster("same", ["Bank Indonesia", "BI"], entities).passed
    assert check_cluster("same", ["prabowo subianto", "PRABOWO"], entities).passed  # case does not matter
    failed = check_cluster("same", ["Badan Pusat Statistik", "BPS"], entities)
    assert not failed.passed
    assert failed.detail == "Badan Pusat Statistik: badan-pusat-statistik; BPS: bps"


def test_an_apart_row_fails_when_one_entity_holds_two_of_its_forms():
    entities = list(read_entities(ENTITIES).values())
    assert not check_cluster("apart", ["Indonesia", "KADIN"], entities).passed
    assert not check_cluster("apart", ["Prabowo Subianto", "Listyo Sigit Prabowo"], entities).passed
    assert check_cluster("apart", ["Indonesia", "BI"], entities).passed
    assert check_cluster("apart", ["Indonesia", "Wang Yi"], entities).passed  # an absent form splits nothing
    with pytest.raises(ValueError):
        check_cluster("near", ["a", "b"], entities)


# --- fragmentation and the command ----------------------------------------------------------------------


def test_fragmentation_lists_persons_sharing_a_word_parts_first():
    entities = [
        Entity("prabowo-subianto", "Prabowo Subianto", "PERSON", (), 71),
        Entity("listyo-sigit-prabowo", "Listyo Sigit Prabowo", "PERSON", (), 30),
        Entity("prabowo", "Prabowo", "PERSON", (), 21),
        Entity("bali", "Bali", "LOCATION", (), 19),
    ]
    result = fragmentation(entities, top=2)
    assert [row[0] for row in result["top"]] == ["prabowo-subianto", "listyo-sigit-prabowo"]
    assert [row[0] for row in result["candidates"]["prabowo-subianto"]] == ["prabowo", "listyo-sigit-prabowo"]
    assert "bali" not in result["candidates"]


def test_the_command_writes_the_misses_and_prints_one_json_object(tmp_path, capsys):
    ENTITIES.to_csv(tmp_path / "entities.csv", index=False)
    MENTIONS.to_csv(tmp_path / "mentions.csv", index=False)
    stakeholders = tmp_path / "stakeholders.jsonl"
    rows = [
        {
            "id": "dt1",
            "stakeholders": {"government": ["Presiden Prabowo Subianto", "Badan Pusat Statistik (BPS)"]},
        },
        {
            "id": "dt2",
            "stakeholders": {"government": ["Kapolri Jenderal Listyo Sigit Prabowo"], "society": []},
        },
    ]
    stakeholders.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    clusters = tmp_path / "clusters.csv"
    clusters.write_text(
        "kind,forms,note\nsame,Bank Indonesia|BI,dt1\napart,Indonesia|KADIN,dt2\n", encoding="utf-8"
    )
    args = ["--out", str(tmp_path), "--stakeholders", str(stakeholders), "--clusters", str(clusters)]
    assert main([*args, "--corpus", str(tmp_path / "absent.jsonl"), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["titled_persons"]["found"], result["titled_persons"]["total"]) == (1, 2)
    assert (result["clusters"]["passed"], result["clusters"]["total"]) == (1, 2)
    misses = (tmp_path / "resolution-misses.txt").read_text(encoding="utf-8")
    assert "dt2\tKapolri Jenderal Listyo Sigit Prabowo" in misses
    assert "dt1\tBadan Pusat Statistik (BPS)\tsplit or wrong type" in misses
    assert (tmp_path / "resolution-fragments.txt").is_file()


def test_the_command_says_what_is_missing(tmp_path, capsys):
    assert main(["--out", str(tmp_path)]) == 2
    assert "entities.csv not found" in capsys.readouterr().err
