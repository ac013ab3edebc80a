"""Merges across a corpus: each rule on a small literal table of names, and the vetoes."""

import pandas as pd

from pipeline.resolve import Context, Merge, apply, propose


def names(*rows):
    """A names table from (name, type, articles) tuples."""
    return pd.DataFrame(rows, columns=["name", "type", "articles"])


def merged(table, definitions=None, places=()):
    merges, _ = propose(table, definitions or {}, places)
    return {(m.alias, m.canonical, m.rule) for m in merges}


def test_a_definition_holds_in_every_article_and_its_spellings_join_it():
    table = names(("BPS", "ORGANISATION", 25), ("Badan Pusat Statistik", "ORGANISATION", 17),
                  ("Badan Pusat Statistika", "ORGANISATION", 1))  # fmt: skip
    definitions = {"a": {"BPS": "Badan Pusat Statistik"}, "b": {"BPS": "Badan Pusat Statistik"},
                   "c": {"BPS": "Badan Pusat Statistika"}}  # fmt: skip
    assert merged(table, definitions) >= {
        ("BPS", "Badan Pusat Statistik", "definition"),
        ("Badan Pusat Statistika", "Badan Pusat Statistik", "spelling"),
    }


def test_a_short_form_defined_as_two_different_names_is_ambiguous():
    table = names(("PBB", "ORGANISATION", 3), ("Perserikatan Bangsa-Bangsa", "ORGANISATION", 3),
                  ("Pajak Bumi dan Bangunan", "ORGANISATION", 1))  # fmt: skip
    definitions = {"a": {"PBB": "Perserikatan Bangsa-Bangsa"}, "b": {"PBB": "Pajak Bumi dan Bangunan"}}
    merges, ambiguous = propose(table, definitions)
    assert not [m for m in merges if m.alias == "PBB"]
    assert [(a.alias, set(a.candidates)) for a in ambiguous] == [
        ("PBB", {"Perserikatan Bangsa-Bangsa", "Pajak Bumi dan Bangunan"})
    ]


def test_a_short_name_joins_the_full_name_that_clearly_dominates():
    table = names(
        ("Prabowo", "PERSON", 19), ("Prabowo Subianto", "PERSON", 71), ("Angga Raka Prabowo", "PERSON", 12)
    )
    assert ("Prabowo", "Prabowo Subianto", "short-name") in merged(table)


def test_a_short_name_shared_by_two_people_of_like_prominence_stays_apart():
    table = names(
        ("Bimo", "PERSON", 1), ("Bimo Wijayanto", "PERSON", 5), ("Bimo Adi Nursanthyasto", "PERSON", 2)
    )
    merges, ambiguous = propose(table, {})
    assert not [m for m in merges if m.alias == "Bimo"]
    assert ambiguous[0].alias == "Bimo" and ambiguous[0].rule == "short-name"


def test_republic_suffix_party_prefix_and_province_prefix():
    table = names(("DPR RI", "ORGANISATION", 5), ("DPR", "ORGANISATION", 30), ("Golkar", "ORGANISATION", 4),
                  ("Partai Golkar", "ORGANISATION", 6), ("DKI Jakarta", "LOCATION", 3),
                  ("Jakarta", "LOCATION", 90))  # fmt: skip
    assert merged(table) >= {
        ("DPR RI", "DPR", "suffix"),
        ("Golkar", "Partai Golkar", "party"),
        ("DKI Jakarta", "Jakarta", "suffix"),
    }


def test_abbreviations_never_defined_join_the_one_name_they_fit():
    table = names(("DPRD", "ORGANISATION", 21), ("Dewan Perwakilan Rakyat Daerah", "ORGANISATION", 3),
                  ("Kalbar", "LOCATION", 3))  # fmt: skip
    assert merged(table, places=["Kalimantan Barat", "Kalimantan Timur"]) >= {
        ("DPRD", "Dewan Perwakilan Rakyat Daerah", "initials"),
        ("Kalbar", "Kalimantan Barat", "syllabic"),
    }


def test_places_are_never_merged_on_spelling():
    table = names(("Badung", "LOCATION", 3), ("Bandung", "LOCATION", 8), ("Kabupaten Badung", "LOCATION", 2),
                  ("Kabupaten Bandung", "LOCATION", 4))  # fmt: skip
    assert not merged(table)


def test_people_one_typo_apart_are_one_person():
    table = names(("Gibran Rakabubing Raka", "PERSON", 1), ("Gibran Rakabuming Raka", "PERSON", 11))
    assert merged(table) == {("Gibran Rakabubing Raka", "Gibran Rakabuming Raka", "spelling")}


def test_chains_resolve_and_a_veto_stops_the_merge_that_would_join_two_vetoed_names():
    merges = [Merge("KPU RI", "KPU", "suffix", ""), Merge("KPU", "Komisi Pemilihan Umum", "initials", "")]
    assert apply(merges, []).renames == {"KPU": "Komisi Pemilihan Umum", "KPU RI": "Komisi Pemilihan Umum"}
    vetoed = apply(
        merges, [], vetoes=[("KPU RI", "komisi pemilihan umum")]
    )  # names compared as the table does
    assert vetoed.renames == {"KPU RI": "KPU"}  # KPU would bring KPU RI along into Komisi Pemilihan Umum
    assert [m.alias for m in vetoed.vetoed] == ["KPU"]


def test_a_province_owns_an_abbreviation_that_also_fits_a_city_district():
    table = names(("Jatim", "LOCATION", 9), ("Jakarta Timur", "LOCATION", 4), ("Jawa Timur", "LOCATION", 12))
    assert merged(table, places=["Jawa Timur", "Jawa Barat"]) == {("Jatim", "Jawa Timur", "syllabic")}


def test_a_standard_short_form_of_a_head_word_is_the_name_written_out():
    """ "Ditjen" is how Indonesian writes Direktorat Jenderal (dt0024: 'Direktorat Jenderal Pajak (DJP)' and
    'Ditjen Pajak' in one article)."""
    table = names(("Ditjen Pajak", "ORGANISATION", 2), ("Direktorat Jenderal Pajak", "ORGANISATION", 8),
                  ("Pemprov Riau", "ORGANISATION", 2), ("Ditjen Perbendaharaan", "ORGANISATION", 1))  # fmt: skip
    assert merged(table) == {("Ditjen Pajak", "Direktorat Jenderal Pajak", "expansion")}


def test_a_head_word_that_opens_the_defined_long_form_is_not_written_twice():
    """ "Bank BJB" where BJB is defined as 'PT Bank Pembangunan Daerah Jawa Barat dan Banten (BJB)' (dt0568)."""
    long = "Bank Pembangunan Daerah Jawa Barat dan Banten"
    table = names(("Bank BJB", "ORGANISATION", 3), ("BJB", "ORGANISATION", 3), (long, "ORGANISATION", 3))
    assert ("Bank BJB", long, "expansion") in merged(table, {"a": {"BJB": long}})


def test_an_acronym_of_a_name_that_holds_an_acronym_keeps_its_letters():
    """ "PDIP" and "PDI-P" are PDI Perjuangan: the acronym PDI gives all its letters, Perjuangan its P."""
    table = names(("PDIP", "ORGANISATION", 11), ("PDI-P", "ORGANISATION", 1),
                  ("PDI Perjuangan", "ORGANISATION", 6))  # fmt: skip
    assert merged(table) == {("PDIP", "PDI Perjuangan", "initials"), ("PDI-P", "PDI Perjuangan", "initials")}


def test_a_short_form_mostly_defined_as_one_name_is_that_name_where_no_article_says_otherwise():
    """ "IKN": Ibu Kota Nusantara in eleven articles, Ibu Kota Negara in one; one to one stays ambiguous."""
    table = names(("IKN", "ORGANISATION", 11), ("Ibu Kota Nusantara", "LOCATION", 11),
                  ("Ibu Kota Negara", "LOCATION", 2))  # fmt: skip
    definitions = {f"n{i}": {"IKN": "Ibu Kota Nusantara"} for i in range(11)} | {
        "x": {"IKN": "Ibu Kota Negara"}
    }
    merges, ambiguous = propose(table, definitions)
    assert [(m.alias, m.canonical, m.rule) for m in merges if m.alias == "IKN"] == [
        ("IKN", "Ibu Kota Nusantara", "definition")
    ]
    assert not ambiguous
    two = {
        "a": {"IKN": "Ibu Kota Nusantara"},
        "b": {"IKN": "Ibu Kota Nusantara"},
        "c": {"IKN": "Ibu Kota Negara"},
    }
    assert [a.alias for a in propose(table, two)[1]] == ["IKN"]


def test_names_a_letter_apart_are_one_person_only_where_their_stories_share_something():
    """dt0348 "Zainal Abidin" (a police officer in Sekadau) and dt0120 "Zaenal Abidin" (an alumni chair)
    share nothing; "Gibran Rakabubing Raka" shares his story's other names with Gibran Rakabuming Raka."""
    mentions = pd.DataFrame(
        [("a", "Zainal Abidin"), ("a", "Polres Sekadau"), ("b", "Zaenal Abidin"), ("b", "Pondok Al-Khoziny"),
         ("c", "Gibran Rakabubing Raka"), ("c", "Prabowo Subianto"), ("d", "Gibran Rakabuming Raka"),
         ("d", "Prabowo Subianto")],
        columns=["article", "name"],
    )  # fmt: skip
    table = names(("Zainal Abidin", "PERSON", 1), ("Zaenal Abidin", "PERSON", 1),
                  ("Gibran Rakabubing Raka", "PERSON", 1), ("Gibran Rakabuming Raka", "PERSON", 2))  # fmt: skip
    merges, _ = propose(table, {}, (), Context.of(mentions))
    assert {(m.alias, m.canonical) for m in merges} == {("Gibran Rakabubing Raka", "Gibran Rakabuming Raka")}


def test_a_short_name_whose_stories_are_about_another_candidate_is_kept_apart():
    """dt0446 "Mensesneg Prasetyo" shares its story with Prasetyo Hadi's, not with those of Budi Prasetyo,
    the KPK spokesman written in more articles: no merge by prominence, and the evidence says why. One
    name in common is too little to join Prasetyo Hadi (the next test)."""
    rows = [("a", "Budi Prasetyo"), ("a", "KPK"), ("b", "Budi Prasetyo"), ("b", "KPK"), ("c", "Budi Prasetyo"),
            ("c", "KPK"), ("d", "Budi Prasetyo"), ("e", "Prasetyo Hadi"), ("e", "Kemensetneg"), ("f", "Prasetyo"),
            ("f", "Kemensetneg")]  # fmt: skip
    context = Context.of(pd.DataFrame(rows, columns=["article", "name"]))
    table = names(("Budi Prasetyo", "PERSON", 4), ("Prasetyo Hadi", "PERSON", 1), ("Prasetyo", "PERSON", 1))
    merges, ambiguous = propose(table, {}, (), context)
    assert not [m for m in merges if m.alias == "Prasetyo"]
    assert [a.alias for a in ambiguous] == ["Prasetyo"] and "Prasetyo Hadi" in ambiguous[0].evidence
    # without a story in common with either, prominence decides as before
    merges, _ = propose(table, {}, ())
    assert ("Prasetyo", "Budi Prasetyo") in {(m.alias, m.canonical) for m in merges}


def test_a_short_name_joins_the_candidate_whose_stories_clearly_share_most_with_its_own():
    """dt0446 again, as the corpus has it: "Prasetyo" and Prasetyo Hadi are both written with the palace,
    the state secretariat and the cabinet reshuffle, names of few articles among many; Budi Prasetyo's
    stories are the KPK's. The short name is Prasetyo Hadi, though he is written in fewer articles."""
    cabinet = ["Kemensetneg", "Istana Kepresidenan", "Kabinet Merah Putih"]
    rows = [*(("f", name) for name in ["Prasetyo", *cabinet]), *(("e", name) for name in ["Prasetyo Hadi", *cabinet]),
            *((f"k{i}", name) for i in range(4) for name in ("Budi Prasetyo", "KPK")),
            *((f"other{i}", f"Someone {i}") for i in range(60))]  # fmt: skip
    context = Context.of(pd.DataFrame(rows, columns=["article", "name"]))
    table = names(("Budi Prasetyo", "PERSON", 4), ("Prasetyo Hadi", "PERSON", 1), ("Prasetyo", "PERSON", 1))
    merges, ambiguous = propose(table, {}, (), context)
    assert [(m.alias, m.canonical) for m in merges] == [("Prasetyo", "Prasetyo Hadi")] and not ambiguous
    assert "share far more with Prasetyo Hadi" in merges[0].evidence


def test_an_inner_name_after_a_common_first_name_is_a_short_name():
    """dt0512 calls Ahmad Doli Kurnia "Doli" throughout: after a first name many people share ("Ahmad"
    opens three full names here) the inner name is the one he goes by. After a rare first name it is not:
    Munir Said Thalib is no candidate for "Said", who stays Said Abdullah."""
    table = names(("Ahmad Doli Kurnia", "PERSON", 2), ("Ahmad Ali", "PERSON", 1), ("Ahmad Dofiri", "PERSON", 1),
                  ("Doli", "PERSON", 1), ("Said Abdullah", "PERSON", 2), ("Munir Said Thalib", "PERSON", 1),
                  ("Said", "PERSON", 1))  # fmt: skip
    assert merged(table) == {
        ("Doli", "Ahmad Doli Kurnia", "short-name"),
        ("Said", "Said Abdullah", "short-name"),
    }
    assert ("Doli", "Ahmad Doli Kurnia", "short-name") not in merged(table[table["name"] != "Ahmad Ali"])


def test_a_short_name_whose_stories_share_nothing_with_its_one_candidate_is_kept_apart():
    """dt0294: "Suharyanto", a union leader in Yogyakarta, is not police general Toto Suharyanto (dt0210),
    the one full name that ends with it: their stories, each full of names, share none. With little around
    either name (a short report) there is no evidence either way, and the one candidate is taken."""
    union = [("a", "Suharyanto"), *(("a", f"Serikat {i}") for i in range(5))]
    police = [("b", "Toto Suharyanto"), *(("b", f"Bareskrim {i}") for i in range(5))]
    table = names(("Toto Suharyanto", "PERSON", 1), ("Suharyanto", "PERSON", 1))
    context = Context.of(pd.DataFrame(union + police, columns=["article", "name"]))
    merges, ambiguous = propose(table, {}, (), context)
    assert not merges and "share no name" in ambiguous[0].evidence
    thin = Context.of(pd.DataFrame(union[:2] + police[:2], columns=["article", "name"]))
    assert [(m.alias, m.canonical) for m in propose(table, {}, (), thin)[0]] == [
        ("Suharyanto", "Toto Suharyanto")
    ]


def test_a_republic_suffix_goes_only_where_the_corpus_writes_the_name_without_it():
    table = names(("DPR RI", "ORGANISATION", 3), ("DPR", "ORGANISATION", 9),
                  ("Kepolisian Negara Republik Indonesia", "ORGANISATION", 1))  # fmt: skip
    assert merged(table) == {("DPR RI", "DPR", "suffix")}


def test_a_short_name_with_a_letter_doubled_or_not_is_still_the_full_name():
    """detik-2025 writes the KPU chair's surname "Affifuddin" as well as "Afifuddin"."""
    table = names(("Muhammad Afifuddin", "PERSON", 4), ("Affifuddin", "PERSON", 2))
    assert merged(table) == {("Affifuddin", "Muhammad Afifuddin", "short-name")}


def test_a_rank_written_before_both_names_is_evidence_enough():
    """dt0276 "Kombes Susatyo" is Kombes Susatyo Purnomo Condro, though their stories share no other name."""
    rows = [("a", "Susatyo", "kombes"), *(("a", f"Posko {i}", "") for i in range(5)),
            ("b", "Susatyo Purnomo Condro", "kombes"), *(("b", f"Jakpus {i}", "") for i in range(5))]  # fmt: skip
    context = Context.of(pd.DataFrame(rows, columns=["article", "name", "rank"]))
    table = names(("Susatyo Purnomo Condro", "PERSON", 1), ("Susatyo", "PERSON", 1))
    assert [(m.alias, m.canonical) for m in propose(table, {}, (), context)[0]] == [
        ("Susatyo", "Susatyo Purnomo Condro")
    ]


def test_an_acronym_with_inner_letters_is_the_name_written_beside_it():
    """dt0056 writes "PT Asuransi Jiwasraya" and "PT AJS" (the S is Jiwasraya's inner S): no initials give
    AJS, but the one name beside it whose initials it is, with further letters of its words, does. Not
    across articles, and not a name whose word it passes over ("BOE" and Bank Indonesia)."""
    org = "ORGANISATION"
    table = names(("PT Asuransi Jiwasraya", org, 2), ("PT AJS", org, 1), ("AJS", org, 1), ("Bank Indonesia", org, 9),
                  ("BOE", org, 1))  # fmt: skip
    rows = [("a", "PT Asuransi Jiwasraya"), ("a", "PT AJS"), ("a", "AJS"), ("a", "Bank Indonesia"), ("a", "BOE"),
            ("b", "PT Asuransi Jiwasraya")]  # fmt: skip
    merges, _ = propose(table, {}, (), Context.of(pd.DataFrame(rows, columns=["article", "name"])))
    out = apply(merges, [])
    assert out.renames == {"AJS": "PT Asuransi Jiwasraya", "PT AJS": "PT Asuransi Jiwasraya"}
    apart = [r for r in rows if r[1] != "PT Asuransi Jiwasraya"] + [("b", "PT Asuransi Jiwasraya")]
    merges, _ = propose(table, {}, (), Context.of(pd.DataFrame(apart, columns=["article", "name"])))
    assert "PT Asuransi Jiwasraya" not in apply(merges, []).renames.values()


def test_a_name_with_and_without_the_english_article_is_one():
    """dt0062 writes "The Federal Reserve" and "The Fed", dt0078 "Federal Reserve (The Fed)"."""
    table = names(("The Federal Reserve", "ORGANISATION", 3), ("Federal Reserve", "ORGANISATION", 1),
                  ("The Fed", "ORGANISATION", 4), ("Fed", "ORGANISATION", 1))  # fmt: skip
    merges, _ = propose(table, {"dt0078": {"The Fed": "Federal Reserve"}})
    assert set(apply(merges, []).renames.values()) == {"The Federal Reserve"}


def test_an_acronym_that_fits_two_names_of_one_entity_joins_it():
    """dt0626 writes "OIKN": the initials of Otorita Ibu Kota Nusantara and of Otorita IKN, which the
    expansion rule has already made one entity."""
    table = names(("Otorita Ibu Kota Nusantara", "ORGANISATION", 4), ("Otorita IKN", "ORGANISATION", 9),
                  ("IKN", "LOCATION", 40), ("OIKN", "ORGANISATION", 1))  # fmt: skip
    merges, _ = propose(table, {"dt0630": {"IKN": "Ibu Kota Nusantara"}})
    assert apply(merges, []).renames["OIKN"] == "Otorita Ibu Kota Nusantara"


def test_a_short_name_spelt_like_one_that_joined_a_full_name_follows_it_where_their_stories_share():
    """detik-2025 writes the KPU chair "Affifudin" in seven articles, "Afifuddin" in four and his full name in
    three: "Afifuddin" joins Muhammad Afifuddin; "Affifudin", too frequent to be his on counts alone, joins
    him because its stories are the KPU's too. A namesake with other stories stays apart."""
    kpu = ["KPU", "Bawaslu", "DKPP", "Pilkada", "Sirekap", "Komisi II"]
    rows = [*((f"a{i}", n) for i in range(7) for n in ["Affifudin", *kpu]),
            *((f"b{i}", n) for i in range(4) for n in ["Afifuddin", *kpu]),
            *((f"c{i}", n) for i in range(3) for n in ["Muhammad Afifuddin", "KPU"]),
            *((f"d{i}", n) for i in range(7) for n in ["Afifudin", "Pasar", "Banjir", "Sekolah", "Polsek", "Desa"]),
            *((f"other{i}", f"Someone {i}") for i in range(80))]  # fmt: skip
    table = names(("Muhammad Afifuddin", "PERSON", 3), ("Afifuddin", "PERSON", 4), ("Affifudin", "PERSON", 7),
                  ("Afifudin", "PERSON", 7))  # fmt: skip
    merges, _ = propose(table, {}, (), Context.of(pd.DataFrame(rows, columns=["article", "name"])))
    renames = apply(merges, []).renames
    assert renames["Afifuddin"] == renames["Affifudin"] == "Muhammad Afifuddin"
    assert "Afifudin" not in renames


def test_a_name_with_a_word_glued_to_its_end_is_the_name():
    """dt0040 "(Menkeu)Purbaya Yudhi Sadewabuka suara": the space before "buka" lost in scraping. Only a word
    the corpus writes in lower case counts: "Teddy Wijayanto" is not Teddy Wijaya."""
    table = names(("Purbaya Yudhi Sadewa", "PERSON", 28), ("Purbaya Yudhi Sadewabuka", "PERSON", 1),
                  ("Teddy Wijaya", "PERSON", 3), ("Teddy Wijayanto", "PERSON", 1))  # fmt: skip
    merges, _ = propose(table, {}, (), None, frozenset({"buka", "suara"}))
    assert {(m.alias, m.canonical, m.rule) for m in merges} == {
        ("Purbaya Yudhi Sadewabuka", "Purbaya Yudhi Sadewa", "spelling")
    }


def test_a_clipped_nickname_joins_the_one_name_whose_stories_clearly_share_with_its_own():
    """dt0594 calls the state secretary "Pras" throughout, in a story on the palace and the cabinet that
    Prasetyo Hadi's stories share. A clipping alone is no evidence: "Pras" in an unrelated story stays."""
    palace = ["Istana Kepresidenan", "Kemensetneg", "Kabinet Merah Putih"]
    rows = [*(("a", n) for n in ["Pras", *palace]), *(("b", n) for n in ["Prasetyo Hadi", *palace]),
            *((f"k{i}", n) for i in range(3) for n in ("Budi Prasetyo", "KPK")),
            *((f"other{i}", f"Someone {i}") for i in range(60))]  # fmt: skip
    table = names(("Prasetyo Hadi", "PERSON", 1), ("Budi Prasetyo", "PERSON", 3), ("Pras", "PERSON", 1))
    merges, _ = propose(table, {}, (), Context.of(pd.DataFrame(rows, columns=["article", "name"])))
    assert [(m.alias, m.canonical) for m in merges] == [("Pras", "Prasetyo Hadi")]
    apart = [r for r in rows if r[0] != "a"] + [("a", "Pras"), ("a", "Pasar")]
    assert not propose(table, {}, (), Context.of(pd.DataFrame(apart, columns=["article", "name"])))[0]


def test_a_short_name_written_after_another_region_than_its_candidate_is_kept_apart():
    """dt0030 "Sekwan Bantaeng Saharuddin" and dt0784 "Pemkab Bone Andi Saharuddin": officials of two
    regencies of one province, whose stories share its names; after the same region they would be one."""
    rows = [
        ("a", "Saharuddin", "Bantaeng"),
        ("a", "Sulsel", ""),
        ("b", "Andi Saharuddin", "Bone"),
        ("b", "Sulsel", ""),
    ]
    table = names(("Andi Saharuddin", "PERSON", 1), ("Saharuddin", "PERSON", 1))
    context = Context.of(pd.DataFrame(rows, columns=["article", "name", "region"]))
    merges, ambiguous = propose(table, {}, (), context)
    assert not merges and "after Bantaeng" in ambiguous[0].evidence
    same = [(a, n, "Bone" if r else r) for a, n, r in rows]
    merges, _ = propose(table, {}, (), Context.of(pd.DataFrame(same, columns=["article", "name", "region"])))
    assert [(m.alias, m.canonical) for m in merges] == [("Saharuddin", "Andi Saharuddin")]
