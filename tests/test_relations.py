"""Typed relations: who visits, meets, hosts, invites, sanctions, accuses or supports whom, on seed sentences.

Mentions are given by hand (surface, type, entity id), so the tests do not depend on the NER model.
"""

import csv
import io
import re
import shutil
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from spans import surface_spans

from pipeline import schema
from pipeline.relations import INVENTORY_FILE, extract_relations, load_inventory, main

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PUTIN = ("Putin", "PERSON", "vladimir-putin")
XI = ("Xi", "PERSON", "xi-jinping")
XI_JINPING = ("Xi Jinping", "PERSON", "xi-jinping")
CHINA = ("China", "COUNTRY", "tiongkok")
TIONGKOK = ("Tiongkok", "COUNTRY", "tiongkok")
RUSIA = ("Rusia", "COUNTRY", "rusia")
UKRAINA = ("Ukraina", "COUNTRY", "ukraina")
MOSKOW = ("Moskow", "LOCATION", "moskow")
BEIJING = ("Beijing", "LOCATION", "beijing")
KREMLIN = ("Kremlin", "ORGANISATION", "kremlin")


def relations(sentence, *mentions):
    """(source, relation, target) found in one sentence; each mention is (surface, type, entity_id).

    Every occurrence of each surface form (as a whole word) is a mention; longer forms win over shorter ones.
    """
    spans = surface_spans(sentence, mentions)
    frame = extract_relations(
        pd.DataFrame({"id": ["a"], "text": [sentence]}),
        pd.DataFrame({"article": ["a"], "sentence": [0], "start": [0], "end": [len(sentence)]}),
        pd.DataFrame(
            [
                {"article": "a", "sentence": 0, "start": s, "end": e, "type": k, "entity_id": i}
                for s, e, k, i in spans
            ]
        ),
    )
    return [tuple(row) for row in frame[["source", "relation", "target"]].itertuples(index=False)]


# --- one test per relation type found in the seeds -------------------------------------------------------


def test_visit_with_active_verb_goes_from_visitor_to_country():
    sentence = (
        "Presiden Vladimir Putin terakhir kali mengunjungi Tiongkok pada Februari 2022, untuk menghadiri "
        "upacara pembukaan Olimpiade Musim Dingin, beberapa minggu sebelum Rusia meluncurkan kampanyenya di "
        "Ukraina."
    )
    found = relations(sentence, ("Vladimir Putin", "PERSON", "vladimir-putin"), TIONGKOK, RUSIA, UKRAINA)
    assert found == [("vladimir-putin", "VISIT", "tiongkok")]


def test_visit_noun_takes_the_possessor_as_visitor_and_a_city_as_place():
    sentence = (
        "Kunjungan Putin ke Beijing pada Oktober adalah untuk pertemuan puncak Belt and Road Initiative."
    )
    found = relations(sentence, PUTIN, BEIJING, ("Belt and Road Initiative", "ORGANISATION", "bri"))
    assert found == [("vladimir-putin", "VISIT", "beijing")]


def test_tiba_di_is_a_visit_and_the_rest_of_the_sentence_adds_nothing():
    sentence = (
        "Wang tiba di Moskow setelah para pejabat AS mengungkapkan kekhawatiran tentang bagaimana kelanjutan "
        "kemitraan China dengan Rusia dapat berdampak pada perang di Ukraina."
    )
    found = relations(
        sentence,
        ("Wang", "PERSON", "wang-yi"),
        MOSKOW,
        ("AS", "COUNTRY", "amerika-serikat"),
        CHINA,
        RUSIA,
        UKRAINA,
    )
    assert found == [("wang-yi", "VISIT", "moskow")]


def test_host_target_is_the_person_not_the_country_in_his_title():
    sentence = (
        "Bulan lalu, Putin menjamu diplomat top China Wang Yi di Moskow hanya beberapa hari sebelum "
        "peringatan invasi besar-besaran Kremlin ke Ukraina."
    )
    found = relations(sentence, PUTIN, CHINA, ("Wang Yi", "PERSON", "wang-yi"), MOSKOW, KREMLIN, UKRAINA)
    assert found == [("vladimir-putin", "HOST", "wang-yi")]


def test_meet_is_stored_once_with_source_before_target():
    sentence = (
        "Xi telah bertemu Putin secara langsung sebanyak 39 kali sejak menjadi pemimpin China, terakhir pada "
        "bulan September selama pertemuan puncak di Asia Tengah."
    )
    found = relations(sentence, XI, PUTIN, CHINA, ("Asia Tengah", "LOCATION", "asia-tengah"))
    assert found == [("vladimir-putin", "MEET", "xi-jinping")]


def test_meet_between_two_people_named_after_antara():
    sentence = (
        "Kunjungan pejabat tinggi itu secara luas diyakini sebagai pendahulu pertemuan antara Putin dan Xi."
    )
    assert relations(sentence, PUTIN, XI) == [("vladimir-putin", "MEET", "xi-jinping")]


def test_meet_when_both_are_the_subject_of_a_noun_trigger():
    sentence = (
        "Putin dan Xi terakhir mengadakan pertemuan virtual pada bulan Desember, di mana pemimpin Rusia itu "
        "menggambarkan hubungan antara kedua negara sebagai “yang terbaik dalam sejarah”, dengan mengatakan "
        "bahwa mereka dapat “menahan semua ujian”."
    )
    assert relations(sentence, PUTIN, XI, RUSIA) == [("vladimir-putin", "MEET", "xi-jinping")]


def test_meet_after_untuk_takes_the_visitor_as_subject_not_the_city():
    sentence = "Presiden Tiongkok Xi Jinping mengunjungi Moskow pada bulan Maret untuk berunding dengan Presiden Putin."
    assert relations(sentence, TIONGKOK, XI_JINPING, MOSKOW, PUTIN) == [
        ("vladimir-putin", "MEET", "xi-jinping"),
        ("xi-jinping", "VISIT", "moskow"),
    ]


def test_invite_verb_and_the_invitee_visits():
    sentence = "Putin juga mengundang Xi untuk mengunjungi Moskow pada musim semi 2023."
    assert relations(sentence, PUTIN, XI, MOSKOW) == [
        ("vladimir-putin", "INVITE", "xi-jinping"),
        ("xi-jinping", "VISIT", "moskow"),
    ]


def test_sanction_phrase_through_a_relative_clause_and_negated_support_is_dropped():
    sentence = (
        "Sementara China belum secara terbuka mendukung invasi Putin ke Ukraina lebih dari dua tahun lalu, "
        "kemitraan strategisnya yang “tanpa batas” dengan Rusia telah mendapat sorotan tajam dari Amerika "
        "Serikat dan sekutunya, yang telah menjatuhkan sanksi terhadap Moskow dan berulang kali menyerukan "
        "Beijing untuk menggunakan pengaruhnya untuk mengakhiri perang."
    )
    found = relations(
        sentence,
        CHINA,
        PUTIN,
        UKRAINA,
        RUSIA,
        ("Amerika Serikat", "COUNTRY", "amerika-serikat"),
        MOSKOW,
        BEIJING,
    )
    assert found == [("amerika-serikat", "SANCTION", "moskow")]


def test_accuse_a_capital_standing_for_its_government():
    sentence = (
        "Amerika Serikat menuduh Beijing mempertimbangkan ekspor senjata ke Moskow, klaim yang dibantah keras "
        "oleh China."
    )
    found = relations(sentence, ("Amerika Serikat", "COUNTRY", "amerika-serikat"), BEIJING, MOSKOW, CHINA)
    assert found == [("amerika-serikat", "ACCUSE", "beijing")]


def test_support_direct_object_but_not_the_possessor_of_the_object():
    sentence = (
        "China secara politik mendukung Rusia dalam konflik di Ukraina dan terus mengekspor alat mesin, "
        "elektronik, dan barang-barang lain yang dianggap mendukung upaya perang Rusia, meskipun tidak "
        "mengekspor senjata."
    )
    assert relations(sentence, CHINA, RUSIA, UKRAINA) == [("tiongkok", "SUPPORT", "rusia")]


# --- direction -----------------------------------------------------------------------------------------


def test_atas_undangan_makes_the_named_person_the_inviter_of_the_subject():
    sentence = (
        "Pemimpin China Xi Jinping akan mengunjungi Rusia minggu depan atas undangan Presiden Vladimir Putin, "
        "Kementerian Luar Negeri China mengumumkan Jumat."
    )
    found = relations(
        sentence,
        CHINA,
        XI_JINPING,
        RUSIA,
        PUTIN,
        ("Kementerian Luar Negeri China", "ORGANISATION", "kementerian-luar-negeri-china"),
    )
    assert found == [("vladimir-putin", "INVITE", "xi-jinping"), ("xi-jinping", "VISIT", "rusia")]


def test_atas_undangan_after_a_reporting_verb():
    sentence = (
        "Kremlin dalam sebuah pernyataan mengonfirmasi kunjungan Putin ke China tersebut dan mengatakan Putin "
        "pergi atas undangan Xi."
    )
    assert relations(sentence, KREMLIN, PUTIN, CHINA, XI) == [
        ("vladimir-putin", "VISIT", "tiongkok"),
        ("xi-jinping", "INVITE", "vladimir-putin"),
    ]


def test_passive_verb_flips_direction_to_the_oleh_agent():
    # 000_d258bb2581b52854 sentence 12 ("Putin menjamu diplomat top China Wang Yi di Moskow"), put in the passive
    sentence = "Bulan lalu, diplomat top China Wang Yi dijamu oleh Putin di Moskow."
    assert relations(sentence, CHINA, ("Wang Yi", "PERSON", "wang-yi"), PUTIN, MOSKOW) == [
        ("vladimir-putin", "HOST", "wang-yi")
    ]


def test_oleh_agent_after_a_visit_noun_is_the_visitor():
    sentence = (
        "Perjalanan Xi bertepatan dengan kunjungan mendadak ke Kiev oleh Perdana Menteri Jepang Fumio Kishida, "
        "yang mengunjungi Bucha, kota tempat pasukan Rusia dituduh melakukan kekejaman selama pendudukan mereka "
        "tahun lalu."
    )
    found = relations(
        sentence,
        ("Kiev", "LOCATION", "kyiv"),
        ("Jepang", "COUNTRY", "jepang"),
        ("Fumio Kishida", "PERSON", "fumio-kishida"),
        ("Bucha", "LOCATION", "bucha"),
        RUSIA,
    )
    assert found == [("fumio-kishida", "VISIT", "bucha"), ("fumio-kishida", "VISIT", "kyiv")]


# --- two or more entities, no relation -------------------------------------------------------------------


def test_co_mention_without_a_trigger_gives_no_row():
    sentence = (
        "“Selama pembicaraan, isu-isu topikal pengembangan lebih lanjut hubungan kemitraan komprehensif dan "
        "kerja sama strategis antara Rusia dan China akan dibahas,” kata Kremlin dalam sebuah pernyataan Jumat."
    )
    assert relations(sentence, RUSIA, CHINA, KREMLIN) == []


def test_refusing_to_condemn_is_no_criticism():
    sentence = (
        "Sejak itu, China menolak untuk mengutuk invasi Rusia – atau menyebutnya demikian, malah menyalahkan "
        "kemajuan NATO karena memprovokasi konflik dan mengulangi sikap Kremlin."
    )
    assert relations(sentence, CHINA, RUSIA, ("NATO", "ORGANISATION", "nato"), KREMLIN) == []


def test_opposing_sanctions_against_russia_is_neither_opposing_nor_sanctioning_russia():
    sentence = (
        "Kedua negara tersebut juga mengadakan serangkaian latihan militer bersama dan China secara konsisten "
        "menentang sanksi ekonomi terhadap Rusia sebagai tanggapan atas kampanye penaklukan Rusia terhadap "
        "Ukraina yang kini berusia dua tahun."
    )
    assert relations(sentence, CHINA, RUSIA, UKRAINA) == []


def test_a_country_in_an_unnamed_leaders_title_is_not_the_visitor():
    sentence = (
        "Xi dan Putin mendeklarasikan persahabatan “tanpa batas” pada Februari tahun lalu, ketika pemimpin "
        "Rusia itu mengunjungi Beijing untuk upacara pembukaan Olimpiade Musim Dingin."
    )
    assert relations(sentence, XI, PUTIN, RUSIA, BEIJING) == []


def test_places_never_act():
    sentence = (
        "Moskow dan Beijing telah meningkatkan kerja sama dalam beberapa tahun terakhir, keduanya didorong oleh "
        "keinginan untuk melawan dominasi global AS."
    )
    assert relations(sentence, MOSKOW, BEIJING, ("AS", "COUNTRY", "amerika-serikat")) == []


# --- the inventory ----------------------------------------------------------------------------------------


def test_every_trigger_stem_is_what_sastrawi_makes_of_its_example():
    inventory = load_inventory()
    with INVENTORY_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            stems = {inventory.stem(word) for word in re.findall(r"[\w-]+", row["example"])}
            assert row["trigger"].split()[0] in stems, row


def test_affixed_and_passive_forms_share_one_stem():
    inventory = load_inventory()
    assert {inventory.stem(w) for w in ("berkunjung", "kunjungan", "dikunjungi", "kunjungannya")} == {
        "kunjung"
    }
    assert {inventory.stem(w) for w in ("menandatangani", "ditandatangani", "penandatanganan")} == {
        "tandatangan"
    }


# --- the stage on the committed outputs -------------------------------------------------------------------


@pytest.fixture(scope="module")
def stage_output(tmp_path_factory, seed_outputs):
    out = tmp_path_factory.mktemp("relations")
    args = [
        "--articles", str(seed_outputs / "interim" / "articles.csv"),
        "--sentences", str(seed_outputs / "interim" / "sentences.csv"),
        "--mentions", str(seed_outputs / "mentions.csv"),
        "--entities", str(seed_outputs / "entities.csv"),
        "--out", str(out),
    ]  # fmt: skip
    assert main(args) == 0
    return out, args


def test_stage_writes_the_contract_columns_sorted_and_few_rows(stage_output):
    out, _ = stage_output
    frame = pd.read_csv(out / "relations.csv", keep_default_na=False)
    assert list(frame.columns) == list(schema.RELATIONS)
    keys = ["article", "sentence", "source", "relation", "target"]
    assert frame[keys].values.tolist() == frame.sort_values(keys)[keys].values.tolist()
    assert 0 < len(frame) <= 60
    assert not (frame["source"] == frame["target"]).any()


def test_every_seed_relation_the_word_order_rules_found_is_still_found(stage_output):
    """The 40 seed rows, all hand-checked correct, that the stage found before it read dependency trees."""
    out, _ = stage_output
    keys = ["article", "sentence", "source", "relation", "target"]
    now = pd.read_csv(out / "relations.csv", keep_default_na=False)[keys]
    before = pd.read_csv(FIXTURES / "seed_relations_word_order.csv", keep_default_na=False)
    assert len(before) == 40
    assert set(map(tuple, before.values.tolist())) <= set(map(tuple, now.values.tolist()))


def test_planned_events_are_marked_on_the_seeds(stage_output):
    """ "Xi Jinping akan mengunjungi Rusia" (announced in the seeds before the visit) is planned."""
    out, _ = stage_output
    frame = pd.read_csv(out / "relations.csv", keep_default_na=False)
    assert set(frame["mode"]) == {"done", "planned"}
    visit = frame[
        (frame["source"] == "xi-jinping") & (frame["relation"] == "VISIT") & (frame["target"] == "rusia")
    ]
    assert "planned" in set(visit["mode"])


def test_graphml_has_one_edge_per_source_relation_target_and_parses_in_networkx(stage_output):
    out, _ = stage_output
    frame = pd.read_csv(out / "relations.csv", keep_default_na=False)
    graph = nx.read_graphml(out / "relations.graphml")
    assert graph.is_directed()
    edges = {(u, d["relation"], v): d for u, v, d in graph.edges(data=True)}
    assert len(edges) == graph.number_of_edges() == len(frame.groupby(["source", "relation", "target"]))
    meet = edges["vladimir-putin", "MEET", "xi-jinping"]
    assert meet["weight"] == ((frame["relation"] == "MEET") & (frame["source"] == "vladimir-putin")).sum()
    assert graph.nodes["vladimir-putin"] == {"label": "Vladimir Putin", "type": "PERSON"}


def test_graphml_edge_ids_are_unique_for_gephi_and_igraph_reads_it(stage_output):
    import igraph

    out, _ = stage_output
    text = (out / "relations.graphml").read_text(encoding="utf-8")
    ids = re.findall(r'<edge [^>]*id="([^"]+)"', text)
    assert len(ids) == len(set(ids)) > 0
    back = igraph.Graph.Read_GraphML(str(out / "relations.graphml"))
    assert back.is_directed()
    assert back.ecount() == len(ids)
    assert set(back.es["relation"]) <= set(load_inventory().cameo)


def test_rerun_is_byte_identical_and_reports_one_summary_line(stage_output, tmp_path, capsys):
    out, args = stage_output
    again = tmp_path / "again"
    capsys.readouterr()
    assert main([*args[:-1], str(again)]) == 0
    for name in ("relations.csv", "relations.graphml"):
        assert (again / name).read_bytes() == (out / name).read_bytes()
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1
    summary = (
        r"relations: \d+ relations \((\w+ \d+(, )?)+\); \d+ articles read, 0 cached; "
        r"\d+ sentences parsed, 0 too long or odd to parse in \d+\.\d s"
    )
    assert re.fullmatch(summary, lines[0])


def test_entities_default_to_the_file_beside_mentions(tmp_path, seed_outputs):
    for name in ("mentions.csv", "entities.csv"):
        shutil.copy(seed_outputs / name, tmp_path / name)
    code = main(
        [
            "--articles", str(seed_outputs / "interim" / "articles.csv"),
            "--sentences", str(seed_outputs / "interim" / "sentences.csv"),
            "--mentions", str(tmp_path / "mentions.csv"),
            "--out", str(tmp_path),
        ]
    )  # fmt: skip
    assert code == 0
    graph = nx.read_graphml(io.BytesIO((tmp_path / "relations.graphml").read_bytes()))
    assert graph.nodes["xi-jinping"]["label"] == "Xi Jinping"


def test_missing_input_is_an_error_not_a_traceback(tmp_path, capsys):
    assert main(["--mentions", str(tmp_path / "nope.csv"), "--out", str(tmp_path)]) == 2
    assert "relations: error:" in capsys.readouterr().err


def test_a_person_after_a_titles_short_form_and_a_comma_is_the_target():
    """ "Menteri Pekerjaan Umum (PU), Dody Hanggodo": the minister, not the ministry in his title."""
    sentence = "Tito meneken kesepakatan dengan Menteri Pekerjaan Umum (PU), Dody Hanggodo."
    found = relations(
        sentence, ("Tito", "PERSON", "tito"), ("Pekerjaan Umum", "ORGANISATION", "pu"),
        ("PU", "ORGANISATION", "pu"), ("Dody Hanggodo", "PERSON", "dody"),
    )  # fmt: skip
    assert found == [("dody", "SIGN", "tito")]


def test_supporting_a_persons_step_supports_the_person():
    sentence = "Wakil Ketua MPR Eddy Soeparno mendukung langkah Prabowo mewajibkan mobil Maung."
    found = relations(
        sentence,
        ("MPR", "ORGANISATION", "mpr"),
        ("Eddy Soeparno", "PERSON", "eddy"),
        ("Prabowo", "PERSON", "prabowo"),
    )
    assert found == [("eddy", "SUPPORT", "prabowo")]
