"""Closed-class Indonesian words and the distances the argument search relies on.

They are grammar, not the trigger inventory, hence code: the inventory says which words signal a relation,
these say where a clause ends, what may stand between a subject and its verb, and what negates a trigger.
Sets of lowercased surface words, except the ``*_STEMS`` sets, which hold Sastrawi roots.
"""

PUNCT_BOUNDARY = frozenset(",;:()[]{}“”\"‘’'«»–—-/?!.…") | {"--", "``", "''"}
CLOSING = frozenset(")]}")
#: words that open a new clause: the subject of a trigger after them is never before them
CLAUSE_WORDS = frozenset(
    "bahwa ketika saat sementara sedangkan tetapi namun karena sejak setelah sebelum meskipun meski walaupun "
    "walau sambil jika apabila agar supaya sehingga hingga seraya mana".split()
)
#: roots of reporting verbs ("mengatakan", "ujar", "menurut"): what follows them is a new clause
SPEECH_STEMS = frozenset("kata ujar nyata tambah umum turut tegas jelas".split())
PREPOSITIONS = frozenset(
    "di ke dari dengan kepada terhadap untuk bagi oleh atas pada antara tentang sebagai menuju dalam selama "
    "soal mengenai sekitar".split()
)
#: words that may stand right before a subject ("Bulan lalu Putin", "juga Xi")
SUBJECT_LEFT = frozenset("lalu kemudian juga pun bahkan kini lantas akhirnya".split())
COORDINATORS = frozenset({"dan", "serta"})
#: auxiliaries and adverbs between a subject and its verb ("akan", "telah", "terakhir kali")
AUX = frozenset(
    "akan telah sudah juga sedang tengah masih pernah baru saja segera ingin hendak mau bisa dapat harus "
    "mungkin terakhir kali kembali secara langsung resmi terbuka politik konsisten diam-diam pun lalu "
    "kemudian sempat belum tidak".split()
)
#: roots of verbs that leave the subject in place ("diperkirakan akan mengunjungi", "melakukan kunjungan")
LIGHT_STEMS = frozenset(
    "jadi kira jadwal rencana harap kabar lapor janji niat upaya usaha coba laku ada gelar mulai".split()
)
#: words allowed between a subject and a noun trigger ("sedang dalam kunjungan", "empat setengah jam pembicaraan")
LIGHT_WORDS = AUX | frozenset(
    "dalam dari sebuah suatu serangkaian beberapa jam hari putaran satu dua tiga empat lima enam tujuh "
    "delapan sembilan sepuluh setengah".split()
)
NEGATIONS = frozenset("tidak tak tiada belum bukan enggan tanpa jangan alih-alih urung".split())
NEGATION_STEMS = frozenset("tolak batal tunda gagal enggan urung".split())
#: how many tokens before a trigger a negation may stand ("tidak akan mengunjungi")
NEGATION_WINDOW = 4
#: how far left (in tokens, a mention counting as one) a subject is looked for, and after "untuk" or "dan"
MAX_SUBJECT_DISTANCE = 10
MAX_LONG_DISTANCE = 16
#: the most words in one title of ``titles.txt`` ("menteri luar negeri")
MAX_TITLE_WORDS = 3
#: words that make an event announced, not done ("akan bertemu", "rencananya berkunjung"): the ``mode`` column
PLANNED_WORDS = frozenset(
    "akan bakal hendak ingin mau berencana rencananya direncanakan dijadwalkan terjadwal berniat "
    "dijadwalkannya rencana jadwal".split()
)
#: roots of verbs and nouns that announce the event they take ("rencana kunjungan", "dijadwalkan bertemu")
PLANNED_STEMS = frozenset("rencana jadwal niat".split())
