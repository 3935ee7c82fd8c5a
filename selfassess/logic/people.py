"""People named in evidence narrative (issue 27): a first name from a list, or any capitalised name, in a
context that makes it a person in a case: a title (Mr, Mrs), "called/named/known as", a relation (her
brother Kai, the stepfather, Wayne Lister), what the person is after the name (Dragomir, the eldest of the
three boys), a possessive (Jayden's stepfather), an age in digits or words before or after the name (Rhys,
nine years old), a family ("the Okonkwo family", "the Kowalski twins"), initials with "Child" or an age
(K.L.D., a 16-year-old; AB (15) was found), a user name after a word for one, or a first name with a
surname.

Officers and the organisations' own names stay clean: a rank before a name ("DS Smith", "PC 2417 Jones"),
one capital after "Child" ("Child B"), and names of places, teams, schools and operations ("Early Help",
"Wath Academy", "Operation Stovewood", "the Philomena Protocol"). The first names are read from
``first_names.txt`` (made by ``scripts/make_names.py`` from the US Social Security baby-names data, public
domain) only when a scan meets a candidate, never at import.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from selfassess.logic.textfacts import TextFacts

NAMED_PERSON = "named person"
#: a child named by initials ("Child T.W.", "J.B. (14)")
NAMED_BY_INITIALS = "named child"
#: a user name on a social network or game ("Snapchat name lilsteez_99")
USERNAME = "online user name"
#: as privacy.STREET_ADDRESS: "their home at 32 Wellgate", "Flat 4, Cavendish Court"
STREET_ADDRESS = "street address"
VEHICLE = "vehicle registration"

_NAMES_FILE = Path(__file__).with_name("first_names.txt")


@functools.cache
def first_names() -> frozenset[str]:
    """The known first names, lower case (read once, on first use)."""
    return frozenset(_NAMES_FILE.read_text(encoding="ascii").split())


# every run of two or more letters that starts with a capital: each first name the patterns look up is one
# (a name with an apostrophe, "O'Brien", is never in the list, which holds letters only)
_CAPITALISED = re.compile(r"[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ\u0100-\u017f]+")
# two capitalised words in a row ("Wayne Lister", "O'Brien Smith")
_TWO_CAPITALISED = re.compile(r"[A-ZÀ-ÖØ-Þ](?<![\w'’\-.][A-ZÀ-ÖØ-Þ])[\w'’\-]*[ \t]+[A-ZÀ-ÖØ-Þ]").search


def has_first_name(facts: TextFacts) -> bool:
    """Whether some capitalised word of the text is a known first name: a condition of every pattern
    that needs one, far cheaper than running them (one pass of C code and set operations)."""
    known = facts.memo.get("first name")
    if not isinstance(known, bool):
        words = set(_CAPITALISED.findall(facts.text))
        known = bool(words) and not _capitalised_names().isdisjoint(words)
        if (
            not known
            and words
            and (not facts.text.isascii() or not facts.found[2].isdisjoint(_INNER_CAPITAL))
        ):
            # a word written otherwise ("McDonald", "TYLER", "Ciarán"): in an ASCII text, a capital after a
            # letter in the shape
            known = any(is_first_name(w) for w in words if not (w.isascii() and w[1:].islower()))
        facts.memo["first name"] = known
    return known


_INNER_CAPITAL = frozenset({"aA", "AA"})
# "the Kowalski twins" in an ASCII text's shape
_LETTER_GAP_CAPITAL = frozenset({"a A", "a\tA"})


# What two capitalised words in a row need in an ASCII text's shape (textfacts.TextFacts.shape): a
# capital, a letter, digit, "_", "'" or "-" (the end of the first word), then a space or tab and a capital,
# or two spaces or tabs
_WORD_END = "Aa0_'-"
_TWO_CAPITALISED_SHAPES = frozenset(
    [end + gap + "A" for end in _WORD_END for gap in " \t"]
    + [end + a + b for end in _WORD_END for a in " \t" for b in " \t"]
)
#: the facts :func:`has_first_name` and :func:`name_or_two_capitalised` ask about (privacy adds them to its
#: needles)
GATE_FACTS = frozenset("s:" + s for s in _TWO_CAPITALISED_SHAPES | _INNER_CAPITAL | _LETTER_GAP_CAPITAL)


def name_or_two_capitalised(facts: TextFacts) -> bool:
    """Whether the text has a known first name or two capitalised words in a row: what a relation needs
    before a name."""
    if has_first_name(facts):
        return True
    if facts.text.isascii() and facts.found[2].isdisjoint(_TWO_CAPITALISED_SHAPES):
        return False  # (the shape of an ASCII text is exact: capitals are A, other word characters a or 0)
    return _TWO_CAPITALISED(facts.text) is not None


@functools.cache
def _capitalised_names() -> frozenset[str]:
    """The first names as they are usually written ("Tyler"), less the words that are never names."""
    return frozenset(n.capitalize() for n in first_names() if n not in NOT_NAMES)


def is_first_name(word: str) -> bool:
    """Whether ``word`` (capitalised; "Lily-Rose", "Ciarán") starts with a known first name."""
    first = word.split("-", 1)[0]
    if not first.isascii():
        first = "".join(c for c in unicodedata.normalize("NFKD", first) if not unicodedata.combining(c))
    first = first.lower()
    return first not in NOT_NAMES and first in first_names()


#: capitalised words that are not names of people in evidence prose
NOT_NAMES = frozenset(
    """
    a an the this that these those all any some many most both each every other another
    no none yes one two three four five six seven eight nine ten our their his her its my
    child children young people person persons pupil pupils student students boy boys girl
    girls baby babies infant infants teen teens teenager teenagers youth youths juvenile
    juveniles minor minors victim victims suspect suspects offender offenders sibling siblings
    brother brothers sister sisters son sons daughter daughters male males female females
    adult adults staff officer officers parent parents carer carers mother father unknown
    case cases sample samples cohort group groups file files subject subjects total totals
    year years age aged ages month months week weeks day days under over
    criterion criteria section sections paragraph paragraphs chapter page part appendix
    annex table figure figures chart policy procedure version form recommendation
    recommendations outcome outcomes grade priority level tier stage phase step option wave
    round item area zone team unit district districts division sector beat ward room cell
    class key quarter target rate rates count counts score scores
    referral referrals arrest arrests incident incidents crime crimes report reports offence
    offences meeting meetings discussion discussions strategy conference conferences visit
    visits interview interviews notification notifications enquiry enquiries investigation
    investigations detention detentions search searches warrant warrants order orders contact
    contacts call calls plan plans review reviews audit audits action actions episode episodes
    missing return returns police force county city council school schools health education
    social care services partners agencies
    mr mrs ms miss dr sir dame pc dc ds sgt det insp dci dsi supt ch chief superintendent
    inspector sergeant constable detective commander commissioner pcso officer
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    british english welsh scottish irish white black asian mixed romanian albanian polish
    vietnamese somali eritrean afghan syrian kurdish iraqi iranian pakistani bangladeshi indian slovak
    czech lithuanian latvian nigerian sudanese roma traveller gypsy caribbean african european
    mash dsl iro
    head headteacher headmaster headmistress teacher teachers governor governors principal deputy nurse
    nurses lead leads manager managers worker workers coordinator senco lado marac mappa ofsted cafcass
    nspcc childline niche encompass operation training teaching attendance lesson lessons session
    sessions input absence exclusion exclusions assembly assemblies education learning support transition
    """.split()
)

#: words that end the name of a place, building, organisation or event ("Hope House", "Rose Hill",
#: "Grace Academy", "Victoria Station"): a capitalised word after a first name that is one of these, or a
#: name followed by one, is not a person
PLACE_WORDS = frozenset(
    """
    road rd street st lane ln avenue ave close drive dr way crescent cres grove terrace place court ct
    gardens gdns walk square sq mews row parade rise hill hills view green park vale croft fold mount
    boulevard approach chase wharf yard fields field meadow meadows common heath moor wood woods farm
    primary academy school schools college infants infant juniors junior pru nursery grammar secondary
    high university campus house centre center hospital hospitals clinic surgery practice trust
    foundation project service services hub team teams unit units partnership board group office
    station church chapel hall library museum estate village town city council police law act fund
    award awards scheme programme program building tower towers lodge manor castle bridge gate market
    arms hotel inn club ltd limited plc associates care home homes ward wing suite centre's court's
    street's road's lane's way's hall's house's bay quay dock docks retail shopping mall plaza
    barracks airport port harbour river valley brook lake beach cliff cliffs cottage cottages flats
    mansions tower's row's memorial cemetery crematorium leisure sports stadium ground arena theatre
    cinema studio studios gallery news times post mail herald express echo standard telegraph
    guardian fm radio tv media online app apps direct line lines matters network forum panel
    conference commission committee inquiry review awareness day week month year fortnight
    protocol protocols principle principles rule rules model framework charter pledge guidance toolkit
    bill appeal campaign initiative institute society association alliance pathway block laws acts
    """.split()
)
#: ranks and offices: a name after one is an officer or official doing their job ("DS Smith", "PC 2417
#: Jones", "Detective Sergeant Jane Smith", "Cllr Ahmed")
RANKS = frozenset(
    """
    pc dc ds di dci dsi dcs dsu ci det sgt ps insp supt cst pcso acc dcc cc ch chief constable sergeant
    inspector
    superintendent detective officer officers commander commissioner dr doctor prof professor cllr
    councillor judge hhj sir dame lord lady rev revd reverend father fr mp mep
    operation op project st saint
    """.split()
)
_TITLES = ("Mr", "Mrs", "Ms", "Miss", "Mx")

_LOWER = "a-zß-öø-ÿ"
_UPPER = "A-ZÀ-ÖØ-Þ"
# A capitalised name word: Tom, O'Brien, McDonald, Bailey-Grant, Ciarán, Lily-Mae
NAME_WORD = (
    rf"[{_UPPER}](?:[{_LOWER}]*['’][{_UPPER}])?[{_LOWER}]+(?:[{_UPPER}][{_LOWER}]+)?"
    rf"(?:-[{_UPPER}][{_LOWER}]+)*"
)
_NAME_LEAD = rf"[{_UPPER}](?<![\w'’\-.][{_UPPER}])" + NAME_WORD[len(f"[{_UPPER}]") :]
# 'Tiny', "K-Dog", ‘Ricky’: a nickname in quotes
_QUOTED = r"(?:'[^'\n]{1,30}'|‘[^’\n]{1,30}’|\"[^\"\n]{1,30}\"|“[^”\n]{1,30}”)"


def _words(words: list[str], end: str = r"(?![\w\-])") -> str:
    """An alternation of ``words`` (lower case; the first letter may be a capital) not preceded by a
    word character or hyphen. It leads with a class of first letters, as privacy's ``_lead`` explains:
    ``re`` then skips straight to candidates, where ``(?i:...)`` or a lookbehind first would try every
    position."""
    ordered = sorted(words, key=len, reverse=True)
    letters = "".join(sorted({c for w in ordered for c in (w[0], w[0].upper())}))
    rest = "|".join(f"(?<=[{w[0]}{w[0].upper()}]){re.escape(w[1:])}" for w in ordered)
    return f"[{letters}](?<![\\w\\-][{letters}])(?:{rest}){end}"


_AGE_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty"
).split()
_AGE_WORD_RE = _words(_AGE_WORDS, end=r"(?!\w)")  # "ten-year-old"
#: words for a relation or a part in a case, after which a name is that person's
RELATIONS = (
    "mum mother mummy dad father daddy stepfather stepmother stepdad stepmum step-father step-mother "
    "step-dad step-mum brother sister twin son daughter stepson stepdaughter step-son step-daughter "
    "half-brother half-sister aunt auntie aunty uncle nan nana nanna gran granny grandmother grandfather "
    "grandma grandad granddad grandpa grandson granddaughter cousin niece nephew boyfriend girlfriend "
    "partner ex-partner husband wife fiance fiancé fiancee fiancée carer sibling baby child boy girl "
    "teenager victim suspect offender perpetrator witness complainant defendant man woman male female "
    "youngest eldest oldest friend associate neighbour lodger"
).split()
_RELATION = r"(?:" + "|".join(re.escape(w) for w in sorted(RELATIONS, key=len, reverse=True)) + r")"
_RELATION_CASED = _words(RELATIONS)

_Span = tuple[int, int]


def _ok_word(word: str) -> bool:
    low = word.lower()
    return low not in NOT_NAMES and low not in PLACE_WORDS and low not in RANKS


def _words_ok(words: list[str]) -> bool:
    return all(_ok_word(w) for w in words)


_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][\w'’\-]*)")
_PREVIOUS = re.compile(r"([\w'’.\-/]+)[ \t]+(?:\d{2,6}[ \t]+)?(?:[A-Z]\.?[ \t]+)*$")


def _after_rank(text: str, start: int) -> bool:
    """Whether a rank, office or "Operation"/"St" comes right before ``start`` (perhaps with a collar
    number or initials between): "DS Smith", "PC 2417 Jones", "Operation Grace", "St Mary's"."""
    before = _PREVIOUS.search(text, max(0, start - 40), start)
    return before is not None and before.group(1).rstrip(".").lower() in RANKS


def _place_follows(text: str, end: int) -> bool:
    """Whether the word after ``end`` ends a place's or organisation's name ("Rose Hill *Primary*")."""
    nxt = _NEXT_WORD.match(text, end)
    return nxt is not None and nxt.group(1).lower() in PLACE_WORDS


# --- patterns and their validators ----------------------------------------------------------------

# Tyler Bramhall, Ruby Ann Holloway, Kyle 'K-Dog' Marsden, Demi-Leigh Atkinson: a known first name, then
# one or two capitalised words (a middle name and a surname)
FULL_NAME_RE = re.compile(
    rf"(?P<first>{_NAME_LEAD})(?:[ \t]+{_QUOTED})?(?P<rest>(?:[ \t]+{NAME_WORD}){{1,2}})(?![\w\-])"
)


#: common words that are also surnames ("Ellie-Rose Ward", "Sophie Green"): one is taken as a surname
#: after a known first name when a verb follows ("Sophie Green was") or, in privacy's patterns, an age or
#: school year does
SURNAME_WORDS = frozenset(
    "ward green young king wood hall marsh cross wells banks field fields moor moore church ford hill brook "
    "bank mills dale heath lane park".split()
)
_VERB_AFTER = re.compile(
    r"[ \t]*,?[ \t]+(?:was|were|is|had|has|hadn't|hasn't|wasn't|went|goes|said|says|told|tells|disclosed"
    r"|discloses|reported|reports|ran|runs|attended|attends|stayed|stays|lived|lives|returned|refused"
    r"|became|did|does|didn't|doesn't|would|could|who|whose|after|when"
    rf"|and[ \t]+(?:his|her|their)[ \t]+(?:(?:younger|older|elder|little|big|baby|twin)[ \t]+)?{_RELATION})"
    r"(?![\w\-'’])"
)


def check_full_name(m: re.Match[str]) -> _Span | None:
    first = m.group("first")
    if not is_first_name(first) or _after_rank(m.string, m.start()):
        return None
    words = m.group("rest").split()
    if (
        len(words) == 1
        and words[0].lower() in SURNAME_WORDS
        and _VERB_AFTER.match(m.string, m.end()) is not None
    ):
        return m.span()  # "Sophie Green was", "Ellie-Rose Ward, who"
    # the longest run of surname words that are not common words and are not followed by a place word
    while words:
        if _words_ok(words):
            end = m.start("rest") + m.group("rest").index(words[-1]) + len(words[-1])
            if not _place_follows(m.string, end):
                return m.start(), end
        words.pop()
    return None


# Chloe was, for Chloe after her second episode, Jessica and her brother, Kai, who: a known first name
# alone, followed by what a person does

_NOT_BEFORE_LONE = frozenset(
    "the a an on in via into onto using from at of as rated grade graded grading new old".split()
)
_PREVIOUS_WORD = re.compile(r"([\w'’\-]+)[ \t]*$")
#: first names that are also a grade or a colour in evidence ("moved to Amber after the audit"): never
#: taken alone
_NOT_LONE = frozenset("amber ruby jade crystal pearl ivy hazel holly iris daisy poppy violet rose".split())


LONE_NAME_RE = re.compile(rf"(?P<name>{_NAME_LEAD})(?={_VERB_AFTER.pattern})")


def check_lone_name(m: re.Match[str]) -> _Span | None:
    name = m.group("name")
    if not is_first_name(name) or _after_rank(m.string, m.start()):
        return None
    before = _PREVIOUS_WORD.search(m.string, max(0, m.start() - 30), m.start())
    if before is not None:
        word = before.group(1)
        if word.lower() in _NOT_BEFORE_LONE or word.rstrip(".").lower() in RANKS:
            return None
        if word[0].isupper() and m.string[before.end(1) : m.start()].strip() == "":
            return None  # "Operation Amber was", "Sapphire Team": part of a longer capitalised name
    if name.lower() in _NOT_LONE:
        return None
    return m.span()


# Mr Grzegorz Nowak, Mrs Adebayo-Cole, Mr and Mrs Odukoya, Ms J. Smith: a title, then a name
TITLE_RE = re.compile(
    r"M(?<![\w\-]M)(?:r|rs|s|iss|x)\.?(?:[ \t]+(?:and|&)[ \t]+M(?:r|rs|s|iss|x)\.?)?"
    rf"(?:[ \t]+[A-Z]\.)*[ \t]+(?P<name>{NAME_WORD}(?:[ \t]+{NAME_WORD})?)(?![\w\-])"
)


def check_title(m: re.Match[str]) -> _Span | None:
    words = m.group("name").split()
    if not _ok_word(words[0]):
        return None
    if len(words) == 2 and not _ok_word(words[1]):
        return m.start(), m.start("name") + len(words[0])
    return m.span()


# Uncle Tariq, Nanny Pat, 'Uncle Jay', Auntie Shaz: a relation used as a title
FAMILY_TITLE_RE = re.compile(
    r"[ACDGMNPU](?<![\w\-][ACDGMNPU])(?:(?<=U)ncle|(?<=A)untie|(?<=A)unty|(?<=A)unt|(?<=N)anny|(?<=N)anna"
    r"|(?<=N)ana|(?<=N)an|(?<=G)ranny|(?<=G)randma|(?<=G)randad|(?<=G)randdad|(?<=G)randpa|(?<=G)ran"
    rf"|(?<=C)ousin|(?<=D)addy|(?<=M)ummy|(?<=P)apa)[ \t]+(?P<name>{NAME_WORD})(?![\w\-])"
)


def check_family_title(m: re.Match[str]) -> _Span | None:
    return m.span() if _ok_word(m.group("name")) else None


# her brother Kai, the stepfather, Wayne Lister, the victim, Harriet Cole, her twin Blessing. The pattern
# finds the name and the validator looks back for the relation: a pattern led by capitals skips through
# prose far faster than one led by the relation words' many first letters.
# (after a small letter or a comma and one space: the end of a relation word)
RELATION_RE = re.compile(
    rf"(?P<name>[{_UPPER}](?<=[a-z,][ \t][{_UPPER}]|[a-z ]\([{_UPPER}]){NAME_WORD[len(f'[{_UPPER}]') :]}"
    rf"(?:[ \t]+{NAME_WORD})?)(?![\w\-])"
)
_RELATION_BEFORE = re.compile(rf"(?P<relation>{_RELATION_CASED})(?:,?[ \t]| ?\()\Z")
# saw Kayleigh, spoke to Jessica, contact with Ashley: what is done to or with a person, before a first name
_VERB_BEFORE = re.compile(
    r"(?<![\w\-])(?:saw|seen|visited|interviewed|arrested|told|asked|found|located|contacted|spoke[ \t]+to"
    r"|spoken[ \t]+to|talked[ \t]+to|with|about|safeguarded|charged|cautioned|supported|met|collected"
    r"|messaged|groomed|assaulted|abused|exploited|threatened|raped|followed|photographed|filmed|befriended"
    r"|believed|accompanied|named|identified|missing)[ \t]\Z"
)


def check_relation(m: re.Match[str]) -> _Span | None:
    before = _RELATION_BEFORE.search(m.string, max(0, m.start() - 24), m.start())
    if before is None:
        return None
    relation = before.group("relation")
    if relation[0].isupper() and relation.lower() in ("baby", "child", "victim", "suspect"):
        return None  # "Child B", "Baby Friendly": privacy's own patterns judge these labels
    words = m.group("name").split()
    if not _ok_word(words[0]):
        return None
    if len(words) == 2 and not _ok_word(words[1]):
        words.pop()
    end = m.start("name") + m.group("name").index(words[-1]) + len(words[-1])
    if _place_follows(m.string, end):
        return None
    if is_first_name(words[0]) or len(words) == 2:
        return m.start("name"), end
    return None


# the victim, Dragomir, was / her boyfriend, Ezekiel; : any name set off by commas after a relation or a
# part in the case (a pattern of its own: it runs on texts with no known first name, and needs a comma)
APPOSITIVE_RE = re.compile(
    rf"(?P<name>[{_UPPER}](?<=[a-z],[ \t][{_UPPER}]){NAME_WORD[len(f'[{_UPPER}]') :]})(?=[ \t]*[,;)])"
)
_APPOSITIVE_END = re.compile(r"[ \t]*[,;)]")


def check_appositive(m: re.Match[str]) -> _Span | None:
    before = _RELATION_BEFORE.search(m.string, max(0, m.start() - 24), m.start())
    if before is None or not before.group("relation").islower() or not _ok_word(m.group("name")):
        return None
    return None if _place_follows(m.string, m.end()) else m.span("name")


def check_after_verb(m: re.Match[str]) -> _Span | None:
    if _VERB_BEFORE.search(m.string, max(0, m.start() - 16), m.start()) is None:
        return None
    words = m.group("name").split()
    if not is_first_name(words[0]) or words[0].lower() in _NOT_LONE:
        return None
    if len(words) == 2 and not _ok_word(words[1]):
        words.pop()
    end = m.start("name") + m.group("name").index(words[-1]) + len(words[-1])
    return None if _place_follows(m.string, end) else (m.start("name"), end)


# Jayden's stepfather, Siobhan McGuinness's two children, Marcus Bailey-Grant's social worker
POSSESSIVE_RE = re.compile(rf"(?P<name>{_NAME_LEAD}(?:[ \t]+{NAME_WORD})?)['’]s[ \t]+(?=[a-z])")


def check_possessive(m: re.Match[str]) -> _Span | None:
    words = m.group("name").split()
    if not is_first_name(words[0]) or not _words_ok(words) or _after_rank(m.string, m.start()):
        return None
    return m.start(), m.end() - len(m.group()) + len(m.group().rstrip())


# the Okonkwo family, the Mahmoods' middle son
FAMILY_RE = re.compile(
    rf"[Tt](?<![\w\-][Tt])he[ \t]+(?P<name>{NAME_WORD})"
    r"(?:[ \t]+family(?:['’]s)?(?![\w\-])(?P<after>[ \t]+\w+)?|s['’][ \t]+(?=[a-z]))"
)
_NOT_FAMILY_AFTER = frozenset(
    "hub hubs court courts centre centres support service services group groups team teams law liaison "
    "intervention interventions drug unit worker workers practitioner practitioners link links network "
    "networks programme programmes approach justice members member nurse nurses partnership".split()
)


def check_family(m: re.Match[str]) -> _Span | None:
    name = m.group("name")
    if not _ok_word(name) or not _ok_word(name + "s"):
        return None
    after = m.group("after")
    if after is not None:
        if after.strip().lower() in _NOT_FAMILY_AFTER:
            return None
        return m.start("name"), m.start("after")
    return m.start("name"), len(m.group().rstrip()) + m.start()


# a girl called Amelia, known on the street as 'Tiny', a boy known as 'Ricky', nicknamed "K"
KNOWN_AS_RE = re.compile(
    _words(["named", "called", "nicknamed", "aka", "known", "street", "goes", "uses"])
    + r"(?:(?<![Kk]nown)(?<![Ss]treet)(?<![Gg]oes)(?<![Uu]ses)"
    + r"|(?<=[Kk]nown)(?:[ \t]+(?:on[ \t]+the[ \t]+streets?|locally|online|to[ \t]+\w+))?[ \t]+as"
    + r"|(?<=[Ss]treet)[ \t]+name|(?<=[Gg]oes)[ \t]+by(?:[ \t]+the[ \t]+name)?"
    + r"|(?<=[Uu]ses)[ \t]+the[ \t]+(?:nick)?name)(?:[ \t]+(?:is|was))?[ \t]*:?[ \t]+"
    + rf"(?:(?P<quoted>{_QUOTED})|(?P<name>{NAME_WORD}(?:[ \t]+{NAME_WORD})?)(?![\w\-]))"
)
_PERSON_BEFORE = re.compile(
    r"(?i:\b(?:suspect|boy|girl|man|woman|male|female|child|victim|he|she|him|her|his|they|year-old"
    r"|years[ \t]old|teenager|youth|lad|youngster|offender|perpetrator|associate|friend|boyfriend"
    rf"|girlfriend|person|adult|who|baby|son|daughter|{_RELATION})\b)"
)


def check_known_as(m: re.Match[str]) -> _Span | None:
    person_before = _PERSON_BEFORE.search(m.string, max(0, m.start() - 60), m.start()) is not None
    if m.group("quoted") is not None:
        return (m.start("quoted"), m.end()) if person_before else None
    words = m.group("name").split()
    if not _ok_word(words[0]) or _place_follows(m.string, m.end()):
        return None
    if len(words) == 2 and not _ok_word(words[1]):
        words.pop()
    if person_before or is_first_name(words[0]):
        return m.start("name"), m.start("name") + m.group("name").index(words[-1]) + len(words[-1])
    return None


# a ten-year-old girl named Lily-Rose, the fifteen-year-old, Kwame, a 15-year-old boy known as 'Ricky'
AGE_WORDS_NAME_RE = re.compile(
    rf"(?P<age>{_AGE_WORD_RE})[ \t\-]+[Yy]ears?[ \t\-]+[Oo]ld"
    r"(?:[ \t]+(?i:boy|girl|child|son|daughter|brother|sister|sibling|male|female))?"
    r"(?:,?[ \t]+(?i:named|called|known[ \t]+as)[ \t]+|,[ \t]+|(?P<bare>[ \t]+))"
    rf"(?:(?P<quoted>{_QUOTED})|(?P<name>{NAME_WORD}(?:[ \t]+{NAME_WORD})?)(?![\w\-]))"
)


def check_age_words_name(m: re.Match[str]) -> _Span | None:
    name = m.group("name")
    if name is not None and not _words_ok(name.split()):
        return None
    if m.group("bare") is not None and (name is None or not is_first_name(name.split()[0])):
        return None  # "nine-year-old Rhys", but not "a ten-year-old Kurdish boy"
    return m.span()


# Amy, aged seven / Child A.S.K., aged seven / Oliwia, aged twelve: a name with an age in words
NAME_AGED_WORDS_RE = re.compile(
    rf"(?P<name>{_NAME_LEAD}(?:[ \t]+{NAME_WORD})?)[ \t]*,?[ \t]+(?i:aged)[ \t]+{_AGE_WORD_RE}(?![\w\-])"
)


def check_name_aged_words(m: re.Match[str]) -> _Span | None:
    words = m.group("name").split()
    if not _words_ok(words) or _after_rank(m.string, m.start()):
        return None
    return m.span()


# Child J.P.W., Child T.W. (two or more initials; "Child B" is an anonymised label)
CHILD_INITIALS_RE = re.compile(
    _words(["child", "person", "baby", "sibling", "victim", "initials"])
    + r"[ \t]+[A-Z]\.[ \t]?[A-Z]\.?(?:[ \t]?[A-Z]\.?)?"
    r"(?![\w\-])"
)
# J.B. (14), D.K., 16, T.W., aged 14: initials with an age
INITIALS_AGE_RE = re.compile(
    r"[A-Z](?<![\w\-.][A-Z])\.[ \t]?[A-Z](?:\.[ \t]?[A-Z])?\.?(?![\w\-])"
    r"(?:[ \t]*\((?i:aged?[ \t]+)?\d{1,2}\)"
    rf"|[ \t]*,[ \t]+(?:an?[ \t]+)?(?:\d{{1,2}}|{_AGE_WORD_RE})"
    r"[ \t\-]+(?i:years?|yrs?)[ \t\-]+(?i:old)(?![\w])"
    rf"|[ \t]*,[ \t]+(?i:aged?[ \t]+)?(?:\d{{1,2}}|{_AGE_WORD_RE})(?![\w\-])"
    rf"|[ \t]+(?:was|is)[ \t]+(?:aged[ \t]+)?(?:\d{{1,2}}|{_AGE_WORD_RE})(?![\w\-%]))"
)


# Child KD, Victim JT: two or three capitals with no dots after "Child" (one capital is a label)
CHILD_BARE_INITIALS_RE = re.compile(
    _words(["child", "victim", "sibling", "initials"]) + r"[ \t]+(?P<initials>[A-Z]{2,3})(?![\w\-'’])"
)


def check_child_bare_initials(m: re.Match[str]) -> _Span | None:
    return None if m.group("initials").lower() in ACRONYMS else m.span()


# AB (15) was found, LW, 12, disclosed, JT, aged 14: two or three capitals with no dots and an age; with
# "aged" they are a child's initials, with a bare number only when the child does something next ("CSE
# (12) and CCE (8) referrals" are counts)
BARE_INITIALS_AGE_RE = re.compile(
    r"[A-Z](?<![\w\-.'’/][A-Z])[A-Z]{1,2}"
    r"(?:(?P<aged>[ \t]*\((?i:aged?)[ \t]+(?P<age1>\d{1,2})\)"
    rf"|[ \t]*,[ \t]+(?i:aged?)[ \t]+(?:(?P<age2>\d{{1,2}})|{_AGE_WORD_RE})(?![\w\-]))"
    r"|(?:[ \t]*\((?P<age3>\d{1,2})\)|[ \t]*,[ \t]+(?P<age4>\d{1,2})(?=[ \t]*,))"
    r"(?=[ \t]*,?[ \t]+(?:was|is|had|has|said|says|told|disclosed|went|did|stated|reported|attended|ran"
    r"|returned|became|refused|alleged|admitted|denied|and[ \t]+(?:his|her|their))(?![\w\-])))"
    r"(?![ \t]*(?:to|-|–|or)[ \t]*\d)"
)
#: capitals that are counted in evidence, never a child's initials
ACRONYMS = frozenset(
    """
    cse cce cin cp cpp lac cla cic cid cps csc ppu dsl iro abe rhi sar scr dhr sgo epo ipo nfa rfi
    mfh cmoc cpi vaw vawg dva dv ypo yot yjs bcu ncu icu gp ae nhs uk gb eu adhd asd ehcp sen pru
    pc dc ds di ci pcs dcs dsu dci dsi acc dcc hmi mp mep
    """.split()
)


def check_bare_initials_age(m: re.Match[str]) -> _Span | None:
    initials = m.group()[: 3 if m.group()[2:3].isupper() else 2]
    if initials.lower() in ACRONYMS:
        return None
    before = _PREVIOUS_WORD.search(m.string, max(0, m.start() - 30), m.start())
    if before is not None and before.group(1).lower() in ("the", "a", "an", "of", "per", "by"):
        return None  # "the CIN (14) were", "a LAC (12)": a group, not a child
    age = next((a for a in (m.group(f"age{i}") for i in range(1, 5)) if a is not None), None)
    if age is not None and not 0 < int(age) <= 17:
        return None
    return m.span()


# The Kowalski twins, the Ahmed brothers, the Begum children, aged 4 and 6: a family named by its children
# (led by the name's capital, which is far rarer than "the", and a look back for "the ")
FAMILY_GROUP_RE = re.compile(
    rf"(?P<name>[{_UPPER}](?<=[Tt]he[ \t][{_UPPER}])(?<![\w\-][Tt]he[ \t][{_UPPER}])"
    rf"{NAME_WORD[len(f'[{_UPPER}]') :]})[ \t]+"
    r"(?P<group>twins|triplets|brothers|sisters|siblings|boys|girls|children|kids)(?![\w\-'’])"
    rf"(?P<age>[ \t]*,?[ \t]*(?:\((?i:aged?[ \t]+)?\d|(?i:aged?|both|all|now|then)[ \t]|{_AGE_WORD_RE}"
    r"|\d{1,2}[ \t]+(?i:and|&)[ \t]+\d))?"
)


_COHORT_AGES = re.compile(
    rf"[ \t]*,?[ \t]*\(?(?i:aged?[ \t]+)?(?:(?i:between|under|over|from|up[ \t]+to)(?![\w\-])"
    rf"|(?:\d{{1,2}}|{_AGE_WORD_RE})[ \t]*"
    r"(?:(?i:to|or|and[ \t]+(?:under|over|above|below)|plus)(?![\w\-])|[-–+]))"
)


def check_family_group(m: re.Match[str]) -> _Span | None:
    name = m.group("name")
    if not _ok_word(name) or _after_rank(m.string, m.start("name")):
        return None
    if m.group("group") in ("boys", "girls", "children", "kids") and m.group("age") is None:
        return None  # "the Barnsley children were seen": a place's children, unless an age goes with them
    if _place_follows(m.string, m.end("group")):
        return None  # "the Sheffield twins project"
    if _COHORT_AGES.match(m.string, m.end("group")):
        return None  # "the Rotherham children aged 10 to 17", "aged between 12 and 15": a cohort
    return m.start("name"), m.end("group")


# Rhys, nine years old at the time; Dragomir, a fourteen-year-old; Kacey, who was nine; Rhys, then aged
# nine: a name, then an age phrase
_AGE_LEAD = r"(?:who[ \t]+(?:is|was)|then|now|just|only|still|aged|then[ \t]+aged|now[ \t]+aged)"
NAME_AGE_PHRASE_RE = re.compile(
    rf"(?P<name>{_NAME_LEAD}(?:[ \t]+{NAME_WORD})?)[ \t]*,[ \t]+"
    rf"(?:(?P<lead>(?i:{_AGE_LEAD}))[ \t]+|(?i:an?)[ \t]+)?"
    rf"(?P<age>\d{{1,2}}|{_AGE_WORD_RE})"
    r"(?P<years>[ \t\-]+(?i:years?|yrs?)[ \t\-]+(?i:old)(?![\w\-])|[ \t]*(?i:yrs?|yo|y/o)(?=[ \t]*[,;)]))?"
    r"(?![\w\-])"
    r"(?![ \t]*(?:to|-|–|or)[ \t]+\w)"
)


def check_name_age_phrase(m: re.Match[str]) -> _Span | None:
    words = m.group("name").split()
    # "Tyrese, nine, was": an age alone between commas, after a known first name only
    bare = m.group("years") is None and m.group("lead") is None
    if bare and not (is_first_name(words[0]) and _APPOSITIVE_END.match(m.string, m.end())):
        return None
    if not _words_ok(words) or _after_rank(m.string, m.start()):
        return None
    return m.span()


# Dragomir, the eldest of the three boys; Ezekiel, her boyfriend; Nkechi, the victim's mother: a name,
# then what the person is in the case (any capitalised name: the part makes it a person)
_PART_WORDS = (
    "mum mother dad father stepfather stepmother stepdad stepmum step-father step-mother step-dad "
    "step-mum brother sister twin son daughter stepson stepdaughter half-brother half-sister aunt auntie "
    "uncle nan nana gran grandmother grandfather grandma grandad grandson granddaughter cousin niece "
    "nephew boyfriend girlfriend partner ex-partner husband wife ex-husband ex-wife fiance fiancé carer "
    "sibling child boy girl teenager victim suspect offender perpetrator complainant defendant "
    "youngest eldest oldest middle friend neighbour lodger"
).split()
_PART_WORD = "(?:" + "|".join(re.escape(w) for w in sorted(_PART_WORDS, key=len, reverse=True)) + ")"
NAME_PART_RE = re.compile(
    rf"(?P<name>{_NAME_LEAD}(?:[ \t]+{NAME_WORD})?),[ \t]+"
    r"(?:the|a|an|his|her|their|(?:the[ \t]+)?(?:victim|mother|father|child|boy|girl|suspect|family)['’]s)"
    r"[ \t]+(?:(?:younger|older|elder|little|big|baby|twin|biological|foster|kinship|former|current|new"
    r"|estranged|adult|teenage|maternal|paternal|only|second|third)[ \t]+)*"
    rf"{_PART_WORD}(?![\w\-'’])"
    r"(?=[ \t]+of[ \t]|[ \t]*[,;.)])"
)
#: a place, not a person, before the comma: "In Leeds, the child's mother, ..."
_PLACE_PREPOSITIONS = frozenset(
    "in at from across within near around throughout during after before by on into outside inside "
    "across between beyond".split()
)


def check_name_part(m: re.Match[str]) -> _Span | None:
    words = m.group("name").split()
    if not _words_ok(words) or _after_rank(m.string, m.start()):
        return None
    if words[0].lower() in _PLACE_PREPOSITIONS:
        return None  # "Across Doncaster, the victim's mother, ..."
    before = _PREVIOUS_WORD.search(m.string, max(0, m.start() - 30), m.start())
    if before is not None and before.group(1).lower() in _PLACE_PREPOSITIONS:
        return None
    return m.span("name")


# user name kayz_x99, the handle @bigman.d, gamertag 'NoScope77': a user name after a word for one
HANDLE_RE = re.compile(
    r"(?<![\w\-])(?i:user[ \t]?name|handle|gamertag|screen[ \t]?name|profile[ \t]+name|account[ \t]+name)"
    r"(?![\w\-])(?:[ \t]+(?:is|was|of))?[ \t]*:?[ \t]+"
    r"(?P<user>@[\w.]{2,30}|[A-Za-z][\w.]*(?:\d|_)[\w.]*|['‘\"“][^'’\"”\s]{2,30}['’\"”])"
)


def check_handle(m: re.Match[str]) -> _Span | None:
    user = m.group("user").rstrip(".")
    return (m.start("user"), m.start("user") + len(user)) if len(user) > 1 else None


# Snapchat name lilsteez_99, Instagram account @kaylz.x, TikTok handle "Dee": a user name after a network
USERNAME_RE = re.compile(
    r"(?<![\w\-])(?:Snapchat|Snap|Instagram|Insta|TikTok|Facebook|WhatsApp|Twitter|Discord|Telegram|Kik"
    r"|Xbox|PlayStation|PSN|Roblox|Fortnite|YouTube|Tinder|Grindr|Wizz|Yubo|Threads|Messenger)"
    r"(?:[ \t]+(?i:user[ \t]?name|name|handle|account|profile|id|tag|gamertag|alias|user))?"
    r"(?:[ \t]+(?:is|was|of|called|named|as))?[ \t]*:?[ \t]+"
    r"(?P<user>@[\w.]{2,30}|[A-Za-z][\w.]*(?:\d|_)[\w.]*|['‘\"“][^'’\"”\n]{2,30}['’\"”])"
)
# their home at 32 Wellgate, staying at 4 Ashgrove: a number and a name after words about a home
HOME_AT_RE = re.compile(
    r"(?<![\w\-])(?i:home|house|flat|address|property|lives|lived|living|resides|residing|staying|stays"
    r"|stayed)(?![\w\-])[^.\n]{0,20}?[ \t](?:at|to)[ \t]+"
    r"(?P<address>\d{1,4}[A-Za-z]?,?[ \t]+[A-Z][a-z]{2,}(?:[ \t]+[A-Z][a-z]{2,})?)(?![\w\-])"
)
# Flat 4, Cavendish Court / Flat 2b, 15 Market Street
FLAT_RE = re.compile(r"(?<![\w\-])Flat[ \t]+\d{1,3}[A-Za-z]?,[ \t]+(?:\d{1,4}[ \t]+)?[A-Z][a-z]+")


_NOT_AFTER_ADDRESS = frozenset(
    "addresses homes houses properties flats locations sites premises schools families children cases "
    "times occasions hotels venues streets roads estates areas wards".split()
)


# registration R123 ABC, VRM: K55 OLD, reg. number T12 JKL: a plate of any age after a word for one
VEHICLE_KEYWORD_RE = re.compile(
    _words(["registration", "reg", "vrm", "vrn", "VRM", "VRN", "index", "plate"], end=r"(?![\w\-])\.?")
    + r"(?:[ \t]+(?i:number|no\.?|mark))?"
    + r"[ \t]*:?[ \t]+(?P<plate>(?=[A-Z0-9 ]*\d)(?=[A-Z0-9 ]*[A-Z])[A-Z0-9]{2,4}[ ]?[A-Z0-9]{3})(?![\w\-])"
)


def check_vehicle(m: re.Match[str]) -> _Span | None:
    return m.start("plate"), m.end()


def check_home_at(m: re.Match[str]) -> _Span | None:
    after = _NEXT_WORD.match(m.string, m.end())
    if after is not None and after.group(1).lower() in _NOT_AFTER_ADDRESS:
        return None  # "living at 12 Barnsley addresses"
    words = m.group("address").split()[1:]
    if any(w.lower() in NOT_NAMES for w in words):
        return None  # "at 3 Police Stations"
    return m.start("address"), m.end()


def _whole(m: re.Match[str]) -> _Span | None:
    return m.span()


def _c(*needles: str) -> frozenset[str]:
    return frozenset("c:" + n for n in needles)


def _i(*needles: str) -> frozenset[str]:
    return frozenset("i:" + n for n in needles)


def _s(*needles: str) -> frozenset[str]:
    return frozenset("s:" + n for n in needles)


_Validator = Callable[[re.Match[str]], "_Span | None"]
_NETWORKS = _c(
    *"Snap Insta TikTok Facebook WhatsApp Twitter Discord Telegram Kik Xbox PlayStation PSN".split()
)
_NETWORKS |= _c(*"Roblox Fortnite YouTube Tinder Grindr Wizz Yubo Threads Messenger".split())
_HOME_WORDS = _i("home", "house", "flat", "address", "propert", "live", "living", "resid", "stay")
_Gate = Callable[[TextFacts], bool] | None


def _capital_after_word(facts: TextFacts) -> bool:
    """Whether a letter, a space or tab and a capital may be in the text ("the Kowalski twins"): in an
    ASCII text, its shape says."""
    return not facts.text.isascii() or not facts.found[2].isdisjoint(_LETTER_GAP_CAPITAL)


def _vehicle_word(facts: TextFacts) -> bool:
    """A word for a registration standing alone ("plate", not "template"), as VEHICLE_KEYWORD_RE needs."""
    return facts.whole_word("registration", "reg", "vrm", "vrn", "index", "plate")


#: (kind, pattern, validator, clauses, gate) for privacy's checks: a pattern runs only when the text has a
#: fact of each clause and the gate (if any) holds (textfacts.py)
CHECKS: tuple[tuple[str, re.Pattern[str], _Validator, tuple[frozenset[str], ...], _Gate], ...] = (
    (NAMED_PERSON, FULL_NAME_RE, check_full_name, (), has_first_name),
    (NAMED_PERSON, LONE_NAME_RE, check_lone_name, (), has_first_name),
    (NAMED_PERSON, TITLE_RE, check_title, (_c("Mr", "Ms", "Miss", "Mx"),), None),
    (
        NAMED_PERSON,
        FAMILY_TITLE_RE,
        check_family_title,
        (_c("Uncle", "Aunt", "Nan", "Gran", "Cousin", "Daddy", "Mummy", "Papa"),),
        None,
    ),
    (
        NAMED_PERSON,
        RELATION_RE,
        check_relation,
        (),
        name_or_two_capitalised,
    ),
    (NAMED_PERSON, RELATION_RE, check_after_verb, (), has_first_name),
    (NAMED_PERSON, APPOSITIVE_RE, check_appositive, (_c(","),), None),
    (NAMED_PERSON, POSSESSIVE_RE, check_possessive, (_c("'s", "’s"),), has_first_name),
    (NAMED_PERSON, FAMILY_RE, check_family, (_i("family") | _c("s'", "s’"),), None),
    (
        NAMED_PERSON,
        KNOWN_AS_RE,
        check_known_as,
        (_i("named", "called", "known", "aka", "street", "goes", "uses"),),
        None,
    ),
    (NAMED_PERSON, AGE_WORDS_NAME_RE, check_age_words_name, (_i("year"), _i("old")), None),
    (NAMED_PERSON, NAME_AGED_WORDS_RE, check_name_aged_words, (_i("aged"),), None),
    (NAMED_PERSON, NAME_AGE_PHRASE_RE, check_name_age_phrase, (_c(","),), None),
    (NAMED_PERSON, NAME_PART_RE, check_name_part, (_c(","),), None),
    (
        NAMED_PERSON,
        FAMILY_GROUP_RE,
        check_family_group,
        (_i("twins", "triplets", "brothers", "sisters", "siblings", "boys", "girls", "children", "kids"),),
        _capital_after_word,
    ),
    (USERNAME, HANDLE_RE, check_handle, (_i("name", "handle", "gamertag"),), None),
    (USERNAME, USERNAME_RE, _whole, (_NETWORKS,), None),
    (STREET_ADDRESS, HOME_AT_RE, check_home_at, (_HOME_WORDS,), None),
    (STREET_ADDRESS, FLAT_RE, _whole, (_c("Flat"),), None),
    (
        VEHICLE,
        VEHICLE_KEYWORD_RE,
        check_vehicle,
        (_i("registration", "reg.", "reg ", "reg\t", "reg:", "vr", "index", "plate"),),
        _vehicle_word,
    ),
    (NAMED_BY_INITIALS, CHILD_INITIALS_RE, _whole, (_s("A.A", "A. A"),), None),
    (NAMED_BY_INITIALS, CHILD_BARE_INITIALS_RE, check_child_bare_initials, (_s("AA"),), None),
    (NAMED_BY_INITIALS, INITIALS_AGE_RE, _whole, (_s("A.A", "A. A"),), None),
    (NAMED_BY_INITIALS, BARE_INITIALS_AGE_RE, check_bare_initials_age, (_s("AA"),), None),
)
