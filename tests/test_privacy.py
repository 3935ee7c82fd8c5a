"""Tests for selfassess.logic.privacy: one test per kind of personal data, the allow-list, line
numbers, precision and recall over the labelled sentences, and a large input."""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfassess.logic.privacy import Match, scan

SENTENCES = Path(__file__).parent / "data" / "privacy_sentences.tsv"
#: the gaps a second, later set found (vehicles, a year of birth alone, a name and an initial, lower-case
#: and keyword addresses), with clean sentences that come close to each
GAPS = Path(__file__).parent / "data" / "privacy_gaps.tsv"
#: written by someone who had never seen the detector (issue 14), frozen before it was measured
UNSEEN = Path(__file__).parent / "data" / "privacy_unseen.tsv"
UNSEEN_SHA256 = "a41de7e7ca109a1cfdfcb9b552737e257f2c43e3d93e75b455ba96cc8507656d"
#: two sets written by someone who had never seen the detector (issue 27), frozen before it was measured:
#: A was tuned on, B was measured once after tuning, then tuned on in round 2 (README "Personal data")
FRESH_A = Path(__file__).parent / "data" / "privacy" / "fresh_2026_12_a.jsonl"
FRESH_B = Path(__file__).parent / "data" / "privacy" / "fresh_2026_12_b.jsonl"
#: a third set (issue 27, round 2), written by someone who had never seen the detector, copied with its hash
#: after round 2's tuning on A and B was committed, measured once and never tuned on
FRESH_C = Path(__file__).parent / "data" / "privacy" / "fresh_2026_12_c.jsonl"
FRESH_SHA256 = {
    FRESH_A: "400eae7955736358f796466c2b586a77ca6157447de6ff92e70f686138e10c1e",
    FRESH_B: "8fcc4eb3d32669b1aedd429e41ee60a913a9e0138ffdf00d739e24e6b24a7443",
    FRESH_C: "4cfde242dd7b952f9d9bf4a4e3323f9dc5b6780e20307826eb1be6d3e7fe44e9",
}


def kinds(text: str) -> list[str]:
    return [m.kind for m in scan(text)]


def texts(text: str, allow: list[str]) -> list[str]:
    return [m.text for m in scan(text, allow=allow)]


def assert_kind(kind: str, positives: list[tuple[str, str]], negatives: list[str]) -> None:
    """Each positive sentence yields exactly the expected text as ``kind``; each negative
    sentence yields nothing at all."""
    for sentence, expected in positives:
        found = [(m.kind, m.text) for m in scan(sentence)]
        assert found == [(kind, expected)], sentence
    for sentence in negatives:
        assert scan(sentence) == [], sentence


def test_date_of_birth() -> None:
    assert_kind(
        "date of birth",
        [
            ("Child A (DOB 14/03/2012) was referred.", "DOB 14/03/2012"),
            ("Notes record D.O.B.: 14.03.12 for the subject.", "D.O.B.: 14.03.12"),
            ("The victim, born 3 March 2012, was seen alone.", "born 3 March 2012"),
            ("A girl born on 03/03/2012 went missing.", "born on 03/03/2012"),
            ("Recorded with date of birth 2012-03-14 only.", "date of birth 2012-03-14"),
            ("The boy was born 17th July 2010.", "born 17th July 2010"),
            ("Date of Birth: 02-09-2024 was on the PPN.", "Date of Birth: 02-09-2024"),
        ],
        [
            "The audit on 14/03/2026 reviewed 40 case files.",
            "All actions are to be completed by 31 January 2027.",
            "Children born after 2010 made up 60% of missing reports.",
            "The DOB field was blank in 12 of 40 referrals.",
        ],
    )


def test_phone_number() -> None:
    assert_kind(
        "phone number",
        [
            ("Call the mother on 07700 900123 after the visit.", "07700 900123"),
            ("The log shows 07700900789 was used.", "07700900789"),
            ("The landline, 0114 496 0123, was in the notes.", "0114 496 0123"),
            ("A message was left on 020 7946 0018 yesterday.", "020 7946 0018"),
            ("The aunt's number, 01709 496012, was noted.", "01709 496012"),
            ("Contact the grandmother on +44 7700 900456.", "+44 7700 900456"),
            ("Work number +44 (0)113 496 0555 was given.", "+44 (0)113 496 0555"),
        ],
        [
            "Posters with the Childline number 0800 1111 are displayed.",
            "Calls to the MASH team increased to 2,340 in the year.",
            "The 101 and 999 call data for 2025 shows 3,412 calls.",
            "Training ran between 01/09/2025 and 30/11/2025.",
            "The MASH received 1,204 referrals in Q2 2026.",
        ],
    )


def test_email_address() -> None:
    assert_kind(
        "e-mail address",
        [
            ("Forwarded to jane.doe1987@example.com in error.", "jane.doe1987@example.com"),
            ("The social worker (s.patel@example.gov.uk) was absent.", "s.patel@example.gov.uk"),
        ],
        [
            "Referrals @ the MASH rose by 12%.",
            "Use the secure mailbox for all referrals.",
        ],
    )


def test_postcode() -> None:
    assert_kind(
        "postcode",
        [
            ("The child was found in S60 1AA after 18 hours.", "S60 1AA"),
            ("The placement postcode DN1 3BU was recorded.", "DN1 3BU"),
            ("Located at an address in LS11 5DD overnight.", "LS11 5DD"),
            ("A flat in s61 2ab was used for cuckooing.", "s61 2ab"),
            ("Seen near EC1A 1BB on Friday.", "EC1A 1BB"),
        ],
        [
            "The force applied policy 4.2.1 and APP 2.3.",
            "Performance against IR1 improved in 2026-Q3.",
            "Criteria IR1 to IR6 and CC1 to CC4 are covered.",
            "CC3 4th review was completed.",
            "Form MG11 was used for 9 statements.",
        ],
    )


def test_street_address() -> None:
    assert_kind(
        "street address",
        [
            ("The children lived at 14 Acacia Avenue with her partner.", "14 Acacia Avenue"),
            ("Officers attended 27 Mill Lane at 02:00.", "27 Mill Lane"),
            ("The placement at 112b Station Road ended.", "112b Station Road"),
            ("Found at 19 Green Hill Drive after 72 hours.", "19 Green Hill Drive"),
            ("He moved to 3 Orchard Close, near the school.", "3 Orchard Close"),
        ],
        [
            "Officers from the Sheffield Road Policing Unit attended 4 training days.",
            "12 Street Triage deployments involved under-18s.",
            "The DS attended 14 Family Court hearings in support of care proceedings.",
            "20 incidents involving children were dip-sampled in September.",
        ],
    )


def test_street_address_in_lower_case_or_named_as_a_home() -> None:
    assert_kind(
        "street address",
        [
            ("She was found at 14 acacia avenue at 2am.", "14 acacia avenue"),
            ("The address, 22 mill lane, was not flagged.", "22 mill lane"),
            ("The girl lives on Hawthorn Close with her aunt.", "Hawthorn Close"),
            ("His home address is Oakwood Drive, Rotherham.", "Oakwood Drive"),
            ("Residing at Mill View Terrace since May.", "Mill View Terrace"),
        ],
        [
            "Officers visited 3 homes on the same street during the operation.",
            "The 3 main road bases were merged.",
            "In 2019 ring road closures moved the team.",
            "The local authority lives up to its duties in most cases.",
            "Referrals from the children's home on Mill Lane are triaged within four hours.",
        ],
    )


def test_vehicle_registration() -> None:
    assert_kind(
        "vehicle registration",
        [
            ("The car, registration YK19 XBF, was seen outside.", "YK19 XBF"),
            ("Officers stopped vehicle SN66UYT near the home.", "SN66UYT"),
        ],
        [
            "Form AB12 was updated.",
            "The M1 and A61 corridors account for most episodes.",
            "A review of KS2 SATs data was shared.",
            "Codes such as ABC12 DEF or AB123 CDE are not number plates.",
        ],
    )


def test_a_year_of_birth_alone() -> None:
    assert_kind(
        "date of birth",
        [
            ("The boy was born in 2011 and has been missing twice.", "was born in 2011"),
            ("Her date of birth is recorded only as 2012.", "date of birth is recorded only as 2012"),
            ("The record gives DOB 2010 and nothing else.", "DOB 2010"),
        ],
        [
            "Children born in 2011 or later make up most of the cohort.",
            "Young people who were born abroad were referred.",
            "The date of birth field was completed in 2025 audits.",
            "The unit was born out of the 2014 inspection.",
        ],
    )


def test_national_insurance_number() -> None:
    assert_kind(
        "National Insurance number",
        [
            ("His National Insurance number AB123456C was disclosed.", "AB123456C"),
            ("NI number QQ 12 34 56 C was unredacted.", "QQ 12 34 56 C"),
        ],
        [
            "Detention under PACE s.38(6) was authorised in 11 cases.",
            "AB 12 cases were sampled in 2025.",
        ],
    )


def test_crime_reference() -> None:
    assert_kind(
        "crime reference",
        [
            ("Crime 14/123456/25 was filed.", "Crime 14/123456/25"),
            ("Linked to 22/098765/24 in March.", "22/098765/24"),
            ("The DASH for CRI-2025-012345 was missing.", "CRI-2025-012345"),
            ("OCC 2025/123456 was closed.", "OCC 2025/123456"),
            ("See ref 2026/00123 for details.", "ref 2026/00123"),
            ("Incident 1234 of 12/10/2025 was graded.", "Incident 1234 of 12/10/2025"),
        ],
        [
            "In 3 of 12 cases the voice of the child was not recorded.",
            "The force policy (ref CP-07) was reviewed in March 2026.",
            "Incidents 2024/25 compared with 2025/26 show a 9% fall.",
            "Supervision notes were present in 145/160 files (90.6%).",
            "The 2025/26 inspection plan sets out 14 priorities.",
            "Section 47 enquiries were initiated in 62% of referrals.",
        ],
    )


def test_named_child_with_age() -> None:
    assert_kind(
        "named child with age",
        [
            ("Jack Smith, aged 9, was not spoken to alone.", "Jack Smith, aged 9"),
            ("Emily (14) was reported missing four times.", "Emily (14)"),
            ("Jane, 12 years old, disclosed abuse.", "Jane, 12 years old"),
            ("Officers spoke to a 13-year-old named Tom.", "13-year-old named Tom"),
            ("The sibling, Noah (6), was not seen.", "Noah (6)"),
            ("Connor O'Neill (15) was arrested.", "Connor O'Neill (15)"),
        ],
        [
            "Children aged 10 to 17 account for 41% of the cohort.",
            "Under-18s detained overnight fell from 19 to 7.",
            "The youngest child, aged 4, was placed with foster carers.",
            "CC3 evidence was reviewed by DCI A. Example on 02/04/2026.",
            "Insp. C. Example chairs the monthly missing-from-home panel.",
            "Sgt D. Example, aged 34 at the time, led the operation.",
            "Referrals by district: Rotherham (42), Doncaster (37), Barnsley (15).",
            "Child A, aged 9, was seen alone.",
        ],
    )


def test_named_child_with_an_initial() -> None:
    assert_kind(
        "named child with age",
        [
            ("Jordan P. (15) was reported missing three times.", "Jordan P. (15)"),
            ("Amy T, aged 12, disclosed to her teacher.", "Amy T, aged 12"),
            ("Kieran M., 14, was held overnight.", "Kieran M., 14"),
        ],
        [
            "Group B (14) improved the most.",
            "Team A (12) and Team B (9) finished first.",
            "DS Smith J. led the audit of 40 strategy discussions.",
            "Appendix C, 2026, sets out the route.",
        ],
    )


def test_date_of_birth_in_words_and_ordinals() -> None:
    assert_kind(
        "date of birth",
        [
            ("The girl, born on the 9th of June 2013, was seen.", "born on the 9th of June 2013"),
            ("Records show DOB the twenty-first of May 2011.", "DOB the twenty-first of May 2011"),
            ("He was born on the third of March 2012 in Leeds.", "born on the third of March 2012"),
            ("Date of birth: October the 4th, 2010, per the PPN.", "Date of birth: October the 4th, 2010"),
            ("The boy was born in March 2011 and moved here.", "was born in March 2011"),
        ],
        [
            "On the 3rd of March 2026 the audit of 25 enquiries was completed.",
            "The board met on the twenty-first of May 2025.",
            "Children born in March 2011 or later are in scope.",
            "Babies born on the third of each month were in the sample.",
        ],
    )


def test_nhs_number_with_its_check_digit() -> None:
    assert_kind(
        "NHS number",
        [
            ("Health confirmed NHS number 943 476 5919 for the child.", "943 476 5919"),
            ("The chronology lists 401-023-2137 against the infant.", "401-023-2137"),
            ("The digits 4010232137 were pasted into the notes.", "4010232137"),
            ("CHI 0312101236 was on the Scottish referral.", "0312101236"),
        ],
        [
            "The figure 943 476 5918 was mistyped.",  # wrong check digit, and no "NHS" before it
            "The number 401 023 2138 appears in the budget line.",
            "The switchboard 0312101236 was recorded.",  # a leading 0 without "NHS": not one
            "Spend rose to 1,234,567,890 over the decade.",
        ],
    )


def test_named_child_with_age_before_the_name() -> None:
    assert_kind(
        "named child with age",
        [
            ("The 13 year old, Ruby, was not seen alone.", "13 year old, Ruby"),
            ("A 15-year-old girl, Leah Price, said she was scared.", "15-year-old girl, Leah Price"),
        ],
        [
            "The 14 year olds in the cohort were all offered an interview.",
            "The 15 year old, White British boy was not seen.",
            "A 16-year-old, Police were told, had been missing.",
        ],
    )


def test_named_child_with_a_school_or_school_year() -> None:
    assert_kind(
        "named child",
        [
            ("Liam (Year 9) was not seen within the timescale.", "Liam (Year 9)"),
            ("Ella, Year 7, disclosed to a teacher.", "Ella, Year 7"),
            ("Freddie in Reception was the subject of a notification.", "Freddie in Reception"),
            ("Year 10 pupil Jade missed the appointment.", "Year 10 pupil Jade"),
            (
                "Jayden, who attends St Mary's Primary, disclosed at school.",
                "Jayden, who attends St Mary's Primary",
            ),
            ("Officers saw Ryan at Hillside Academy on Monday.", "Ryan at Hillside Academy"),
            (
                "A late notification for Amelia-Rose at Brookfield Academy.",
                "Amelia-Rose at Brookfield Academy",
            ),
        ],
        [
            "Year 9 pupils across four schools received the input.",
            "A Year 6 class at Oakfield Primary took part in the assembly.",
            "Training at Highfield Primary was delivered in May.",
            "St Joseph's High School and Brookfield Academy confirmed receipt.",
            "The Head at Brookfield Academy confirmed the referral.",
            "Officers at Brookfield Academy gave the input.",
            "Children in Year 6 took part in the session.",
            "The DSL at Oakfield Primary received 12 notifications.",
        ],
    )


def test_named_children_as_brothers_sisters_and_lists() -> None:
    assert_kind(
        "named child",
        [
            ("The notes say her brother Harrison was discussed.", "her brother Harrison"),
            ("The mother and her younger son Alfie moved.", "her younger son Alfie"),
            ("Siblings Ava, Noah and Mia were each seen alone.", "Ava, Noah and Mia"),
            ("The twins, Ruby and Jack, were seen together.", "Ruby and Jack"),
            ("The file calls the child Baby Reuben Walsh throughout.", "Baby Reuben Walsh"),
        ],
        [
            "Her brother was present at the visit.",
            "Children in Rotherham, Barnsley and Doncaster were in the sample.",
            "Siblings were seen alone in all six cases.",
            "The unit holds Baby Friendly accreditation.",
            "Their sons and daughters were all spoken to.",
        ],
    )


def test_several_matches_in_order() -> None:
    text = "Emily (14) lives at 14 Acacia Avenue, S60 1AA; call 07700 900123."
    assert kinds(text) == ["named child with age", "street address", "postcode", "phone number"]
    assert [m.start for m in scan(text)] == sorted(m.start for m in scan(text))


def test_match_offsets_and_text() -> None:
    text = "Seen at 27 Mill Lane by PC Example."
    (m,) = scan(text)
    assert m == Match("street address", "27 Mill Lane", 8, 20, 1, 9)
    assert text[m.start : m.end] == m.text


def test_line_numbers() -> None:
    text = "First line is clean.\nDOB 14/03/2012\n\nCall 07700 900123 or\n0114 496 0123."
    found = scan(text)
    assert [(m.kind, m.line) for m in found] == [
        ("date of birth", 2),
        ("phone number", 4),
        ("phone number", 5),
    ]
    for m in found:
        assert text.splitlines()[m.line - 1].find(m.text) == m.column - 1


def test_allow_list() -> None:
    text = "Contact the MASH on 0114 496 0123 or Jack Smith, aged 9, on 07700 900123."
    assert kinds(text) == ["phone number", "named child with age", "phone number"]
    # An entry equal to a match, ignoring case and runs of whitespace.
    assert texts(text, allow=["0114  496 0123"]) == [
        "Jack Smith, aged 9",
        "07700 900123",
    ]
    # An entry must be the whole match (issue 26): a part of it allows nothing.
    assert texts(text, allow=["JACK smith, AGED 9"]) == ["0114 496 0123", "07700 900123"]
    assert len(scan(text, allow=["JACK smith", "0114"])) == 3
    # A match contained in an entry is not allowed: the entry must be in the match.
    assert len(scan(text, allow=["call 07700 900123 today"])) == 3
    # Empty or blank entries allow nothing.
    assert len(scan(text, allow=["", "  "])) == 3
    # Any iterable will do.
    assert len(scan(text, allow=iter(("0114 496 0123", "07700 900123")))) == 1


def load_sentences(path: Path = SENTENCES) -> list[tuple[str, str, str]]:
    """(label, kind, sentence) rows of a labelled TSV or JSON-lines ({"text", "personal", "kinds"}) file."""
    if path.suffix == ".jsonl":
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        return [
            ("pii" if r["personal"] else "clean", ",".join(r["kinds"]) if r["personal"] else "", r["text"])
            for r in rows
        ]
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(r["label"], r["kind"] or "", r["sentence"]) for r in reader]


def precision_recall(rows: list[tuple[str, str, str]]) -> tuple[float, float]:
    """A sentence counts as flagged if scan() finds anything in it."""
    flagged = [(label, bool(scan(sentence))) for label, _, sentence in rows]
    tp = sum(f and label == "pii" for label, f in flagged)
    fp = sum(f and label == "clean" for label, f in flagged)
    fn = sum(not f and label == "pii" for label, f in flagged)
    return tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0


def test_labelled_sentences_are_well_formed() -> None:
    rows = load_sentences()
    assert len(rows) >= 90
    assert {label for label, _, _ in rows} == {"pii", "clean"}
    for label, kind, sentence in rows:
        assert sentence.strip(), (label, kind)
        assert (kind != "") == (label == "pii"), sentence
    pii = sum(label == "pii" for label, _, _ in rows)
    assert 0.4 <= pii / len(rows) <= 0.6


def test_precision_and_recall_on_labelled_sentences() -> None:
    precision, recall = precision_recall(load_sentences())
    assert precision >= 0.95, f"precision {precision:.3f}"
    assert recall >= 0.95, f"recall {recall:.3f}"


def test_the_unseen_set_is_frozen() -> None:
    """The set written by someone who had not seen the detector is measured, never tuned on: any edit
    to it shows here (see README "Personal data" for its figures before and after)."""
    assert hashlib.sha256(UNSEEN.read_bytes()).hexdigest() == UNSEEN_SHA256
    rows = load_sentences(UNSEEN)
    assert len(rows) >= 60
    assert sum(label == "clean" for label, _, _ in rows) * 2 >= len(rows) - 10


@pytest.mark.parametrize("path", [FRESH_A, FRESH_B, FRESH_C], ids=["fresh-a", "fresh-b", "fresh-c"])
def test_the_fresh_sets_are_frozen(path: Path) -> None:
    """Issue 27's sets, copied from the author's frozen files: any edit to either shows here."""
    assert hashlib.sha256(path.read_bytes()).hexdigest() == FRESH_SHA256[path]
    rows = load_sentences(path)
    assert len(rows) >= 60
    personal = sum(label == "pii" for label, _, _ in rows)
    assert abs(2 * personal - len(rows)) <= 2


@pytest.mark.parametrize(
    ("path", "min_precision", "min_recall"),
    [
        # measured when the set was frozen, before any change for it: precision 1.000, recall 0.655
        (UNSEEN, 1.0, 55 / 55),
        # issue 27, tuned on: before any change precision 1.000, recall 21/43
        (FRESH_A, 1.0, 43 / 43),
        # issue 27, measured once after tuning on A (before any change: 1.000 and 19/42); tuned on in round 2
        (FRESH_B, 1.0, 42 / 42),
        # issue 27 round 2, measured once after tuning on A and B, never tuned on: 51/52 and 51/55
        (FRESH_C, 51 / 52, 51 / 55),
        (SENTENCES, 1.0, 1.0),
        (GAPS, 1.0, 1.0),
    ],
    ids=["unseen", "fresh-a", "fresh-b", "fresh-c", "sentences", "gaps"],
)
def test_precision_and_recall_floors(path: Path, min_precision: float, min_recall: float) -> None:
    precision, recall = precision_recall(load_sentences(path))
    assert precision >= min_precision - 1e-9, f"precision {precision:.3f}"
    assert recall >= min_recall - 1e-9, f"recall {recall:.3f}"


def test_the_gaps_found_by_the_second_set_are_covered() -> None:
    rows = load_sentences(GAPS)
    labels = [label for label, _, _ in rows]
    assert labels.count("pii") >= 16 and labels.count("clean") >= 20
    for label, kind, sentence in rows:
        found = scan(sentence)
        if label == "clean":
            assert found == [], sentence
        else:
            assert kind in {m.kind for m in found}, sentence


def test_precision_and_recall_can_fail() -> None:
    """The measure is not vacuous: flipping the labels makes both figures collapse."""
    rows = load_sentences()
    other = {"pii": "clean", "clean": "pii"}
    flipped = [(other[label], kind, sentence) for label, kind, sentence in rows]
    precision, recall = precision_recall(flipped)
    assert precision < 0.95 and recall < 0.95


def test_large_text_scans() -> None:
    rows = load_sentences()
    prose = " ".join(sentence for label, _, sentence in rows if label == "clean")
    text = ((prose + "\n") * (100_000 // len(prose) + 1))[:100_000]
    assert len(text) == 100_000
    assert scan(text) == []
    mixed = " ".join(sentence for _, _, sentence in rows) + "\n"
    found = scan((mixed * (100_000 // len(mixed) + 1))[:100_000])
    assert found and all(isinstance(m, Match) for m in found)


@pytest.mark.parametrize(
    "text",
    ["1" * 100_000, "A" * 100_000, "Jack " * 20_000, "a@" * 50_000, "07700 " * 16_000, ""],
)
def test_degenerate_inputs_scan(text: str) -> None:
    assert isinstance(scan(text), list)


def _ungated_scan(text: str) -> list[Match]:
    """scan() with every pattern run, whatever the cheap facts say."""
    import selfassess.logic.privacy as privacy

    saved = privacy._CHECKS
    privacy._CHECKS = tuple((kind, pattern, check, (), None) for kind, pattern, check, _, _ in saved)
    privacy._found_short.cache_clear()  # nothing remembered from the gated scan
    privacy._RUNNABLE.clear()  # (nor which checks, with their gates, a set of facts runs)
    try:
        return scan(text)
    finally:
        privacy._CHECKS = saved
        privacy._found_short.cache_clear()
        privacy._RUNNABLE.clear()


_rows = [sentence for path in (SENTENCES, GAPS, UNSEEN) for _, _, sentence in load_sentences(path)]
_pieces = st.sampled_from(
    [w for sentence in _rows for w in sentence.split()]
    + [
        "DOB",
        "d.o.b",
        "D O B",
        "born",
        "aged",
        "(",
        ")",
        "12",
        "07",
        "0",
        "/",
        "-",
        ".",
        ",",
        ";",
        "\t",
        "\n",
    ]
    + ["Year", "Yr", "Reception", "Baby", "brother", "step-son", "stepson", "Siblings", "and", "&", "ſon"]
    + ["K", "٣", "İ", "@", "CAD", "serial", "Occ", "ref", "urn", "years", "old", "Primary", "St"]
    + ["07700", "900123", "123456", "2025", "14/03/2012", "1A", "AB12", "S60"]
    # what the cheaper gates look at: a street word ending a word or not, a registration keyword standing
    # alone or inside a word, a capital after a word, first names written otherwise, ages after a bracket
    + ["View", "views", "mill", "Rd.", "plate:", "template", "reg.", "VRM", "index", "K123ABC", "W1", "ABC"]
    + ["the", "twins"]
    + ["Kowalski", "Łukasz", "McDonald", "TYLER", "Tyler", "Wayne", "Lister", "(aged", "age:", "(12)"]
) | st.sampled_from(_rows)
_texts = st.lists(st.tuples(_pieces, st.sampled_from(["", " ", "  ", ", ", "\n"])), max_size=40).map(
    lambda parts: "".join(a + b for a, b in parts)
)


@settings(max_examples=500, deadline=None)
@given(_texts)
def test_skipping_patterns_by_cheap_facts_never_changes_what_is_found(text: str) -> None:
    assert scan(text) == _ungated_scan(text)


@pytest.mark.parametrize(
    "path",
    [SENTENCES, GAPS, UNSEEN, FRESH_A, FRESH_B, FRESH_C],
    ids=["sentences", "gaps", "unseen", "fresh-a", "fresh-b", "fresh-c"],
)
def test_the_labelled_sets_give_the_same_matches_with_or_without_skipping(path: Path) -> None:
    for _, _, sentence in load_sentences(path):
        assert scan(sentence) == _ungated_scan(sentence), sentence


# --- people named in narrative (issue 27) ----------------------------------------------------------------


def assert_found(kind: str, positives: list[tuple[str, str]], negatives: list[str]) -> None:
    """Each positive sentence yields ``expected`` as ``kind`` (among whatever else it holds); each
    negative sentence yields nothing at all."""
    for sentence, expected in positives:
        found = [(m.kind, m.text) for m in scan(sentence)]
        assert (kind, expected) in found, (sentence, found)
    for sentence in negatives:
        assert [(m.kind, m.text) for m in scan(sentence)] == [], sentence


def test_people_with_a_title() -> None:
    assert_found(
        "named person",
        [
            ("Mr Tariq Hussain of Ferham Road was arrested.", "Mr Tariq Hussain"),
            ("Mrs Adebayo-Cole told officers she had not seen her.", "Mrs Adebayo-Cole"),
            ("The foster carers, Mr and Mrs Odukoya, had not been told.", "Mr and Mrs Odukoya"),
            ("Ms J. Kowalski attended the review.", "Ms J. Kowalski"),
            ("Miss Chantelle Evans attended the ABE interview.", "Miss Chantelle Evans"),
        ],
        ["The MASH received 14 referrals from schools in May."],
    )


def test_people_named_by_a_relation_or_a_part_in_the_case() -> None:
    assert_found(
        "named person",
        [
            ("Jayden's stepfather, Wayne Lister, had a previous conviction.", "Wayne Lister"),
            ("Precious Mensah and her twin Blessing were reported missing.", "Blessing"),
            ("The victim, Priya Chaudhry, was not referred to the ISVA.", "Priya Chaudhry"),
            ("Her mum, Donna, reported her missing.", "Donna"),
            ("The stepfather Gary was present.", "Gary"),
            ("Uncle Tariq collects the children from school.", "Uncle Tariq"),
            ("Nanny Pat, the maternal grandmother, was assessed.", "Nanny Pat"),
            ("Kacey told her that 'Uncle Jay' gives her vapes.", "Uncle Jay"),
        ],
        [
            "Her brother was present at the visit.",
            "The victim Support Service took 40 referrals.",
            "The mother and baby unit at Jessop Wing admitted 3 infants.",
        ],
    )


def test_people_named_with_a_possessive() -> None:
    assert_found(
        "named person",
        [
            ("Jayden's stepfather was not checked.", "Jayden's"),
            ("Tomasz's older sister reported him missing.", "Tomasz's"),
            ("Marcus Bailey-Grant's social worker was not invited.", "Marcus Bailey-Grant's"),
        ],
        [
            "Clare's Law applications rose by 12%.",
            "Sarah's Law disclosures were made in 6 cases.",
            "Barnardo's has agreed to extend the contract.",
            "Sheffield Children's Hospital attends the daily meeting.",
            "DS Smith's team reviewed 40 files.",
            "Training at St Mary's school was delivered in May.",
            "Doncaster's MASH received 1,204 referrals.",
        ],
    )


def test_families_named() -> None:
    assert_found(
        "named person",
        [
            ("The Okonkwo family's youngest was present.", "Okonkwo family's"),
            ("The Mahmoods' middle son was found with £400.", "Mahmoods'"),
            ("The Hussain family were visited twice.", "Hussain family"),
        ],
        [
            "The Rotherham family hub now takes referrals.",
            "The Troubled Families programme funded two posts.",
            "The officers' training was completed.",
        ],
    )


def test_people_called_named_or_known_as() -> None:
    assert_found(
        "named person",
        [
            ("The suspect is known on the street as 'Tiny' and drives an Audi.", "'Tiny'"),
            ("A boy known as 'Smudge' was seen with the group.", "'Smudge'"),
            ("His street name is 'Tiny' according to intelligence.", "'Tiny'"),
            ("The lad uses the nickname 'Dee'.", "'Dee'"),
            ("The mother is named as Shannon Whitfield on the DASH form.", "Shannon Whitfield"),
        ],
        [
            "A scheme known as Clear Hold Build was introduced.",
            "The operation, known as Encompass, alerts schools.",
            "The process called 'Right Care, Right Person' started in May.",
        ],
    )


def test_ages_in_words_and_adults_with_an_age() -> None:
    assert_found(
        "named person",
        [
            (
                "A ten-year-old girl named Lily-Rose disclosed to her teacher.",
                "ten-year-old girl named Lily-Rose",
            ),
            (
                "A fifteen-year-old boy known as 'Ricky' was identified.",
                "fifteen-year-old boy known as 'Ricky'",
            ),
            ("The sixteen-year-old, Tyler, was interviewed.", "sixteen-year-old, Tyler"),
            ("Oliwia, aged twelve, attended 54% of sessions.", "Oliwia, aged twelve"),
            ("Her boyfriend, Connor Walsh, aged 21, was arrested.", "Connor Walsh, aged 21"),
        ],
        [
            "Sgt D. Example, aged 34 at the time, led the operation.",
            "Children aged ten to seventeen account for 41% of the cohort.",
            "A fifteen-year-old boy was seen alone.",
        ],
    )


def test_initials_name_a_child_but_one_capital_is_a_label() -> None:
    assert_found(
        "named child",
        [
            ("Child J.P.W. was placed in police protection under s.46.", "Child J.P.W."),
            ("Child T.W., a Year 8 pupil at Wath Academy, went missing.", "Child T.W."),
            ("D.K. (16) was interviewed in custody.", "D.K. (16)"),
            ("J.B., aged 14, was found in the flat.", "J.B., aged 14"),
            ("Child A.S.K., aged seven, was left alone overnight.", "Child A.S.K."),
        ],
        [
            "Child B was seen alone and Child C was not.",
            "Child D and Child E were found together.",
            "Child B's case was escalated within 24 hours.",
            "PACE Code C paragraph 3.13 was complied with.",
            "Detention under s.46 was used 4 times.",
        ],
    )


def test_a_first_name_with_a_surname_or_with_what_a_person_does() -> None:
    assert_found(
        "named person",
        [
            ("Dip sample showed that Tyler Bramhall was not spoken to alone.", "Tyler Bramhall"),
            ("Demi-Leigh Atkinson went missing from Woodlands care home.", "Demi-Leigh Atkinson"),
            ("Ruby Ann Holloway was seen by the paediatrician.", "Ruby Ann Holloway"),
            ("The boyfriend, Kyle 'K-Dog' Marsden, was arrested.", "Kyle 'K-Dog' Marsden"),
            ("Sophie Green was reported missing from her placement.", "Sophie Green"),
            ("Return home interview not completed for Chloe after her second episode.", "Chloe"),
            ("Officers spoke to Jessica and her brother.", "Jessica"),
            ("The youngest, Chidi, was present during the incident.", "Chidi"),
        ],
        [
            "The Lucy Faithfull Foundation delivered the input.",
            "Referrals to the Sapphire Team rose by 9%.",
            "Grace Academy and Hope House confirmed receipt.",
            "Victoria Station and Meadowhall Interchange are hotspots.",
            "Rated Amber last quarter, the criterion was reviewed after the audit.",
            "The grade moved from Amber to Green.",
            "Python packages such as Textual, Rich and their dependencies are installed.",
            "Operation Grace was launched after the review.",
        ],
    )


def test_a_child_with_a_school_year_at_a_school() -> None:
    assert_found(
        "named child",
        [
            ("Callum, Year 9 at Maltby Academy, has had 11 exclusions.", "Callum, Year 9"),
            ("Ellie-Rose Ward, Year 9 at Wath Academy, disclosed to staff.", "Ellie-Rose Ward, Year 9"),
            ("Kacey, in Year 6 at St Bede's Catholic Primary, told her TA.", "Kacey, in Year 6"),
        ],
        [
            "Year 10 and Year 11 assemblies were delivered at Dinnington High.",
            "Training on trauma-informed practice was delivered at Wath Academy in May.",
        ],
    )


def test_dates_of_birth_in_every_common_written_form() -> None:
    assert_found(
        "date of birth",
        [
            ("DOB recorded as 4th Feb 2011 on the PPN.", "DOB recorded as 4th Feb 2011"),
            ("The girl was born on the 21st of November 2011.", "born on the 21st of November 2011"),
            ("Her date of birth is given as 30/11/2010 in the plan.", "date of birth is given as 30/11/2010"),
            ("A d.o.b. of 27th Sept 2012 was recorded.", "d.o.b. of 27th Sept 2012"),
            ("The boy, D.O.B. Feb 4th, 2011, was seen.", "D.O.B. Feb 4th, 2011"),
        ],
        ["The strategy meeting was held on 4th Feb 2011 with 9 agencies."],
    )


def test_user_names_and_homes_named_by_number() -> None:
    assert_found(
        "online user name",
        [
            ("The suspect uses the Snapchat name lilsteez_99 to message her.", "Snapchat name lilsteez_99"),
            ("Her Instagram account @kaylz.x was found.", "Instagram account @kaylz.x"),
        ],
        ["Messages on Snapchat were reviewed in 12 cases."],
    )
    assert_found(
        "street address",
        [
            ("He went missing from their home at 32 Wellgate.", "32 Wellgate"),
            ("Flat 4, Cavendish Court was searched.", "Flat 4, Cavendish"),
        ],
        ["Children living at 12 Barnsley addresses were visited."],
    )


def test_officers_identifiers_stay_clean() -> None:
    for sentence in [
        "DS Smith reviewed the strategy discussion.",
        "PC 2417 attended the address.",
        "DS 1457 Fletcher attends the weekly Child Exploitation panel.",
        "Sgt Ellison, collar number 1862, is the single point of contact.",
        "Detective Sergeant Jane Smith chairs the meeting.",
        "Chief Constable Lauren Poultney opened the conference.",
        "DCI Harrison and DI Okoro attended MARAC.",
        "Insp Begum and Supt Ahmed reviewed the cases.",
        "ABE interviews were reviewed by DI Okoro.",
    ]:
        assert scan(sentence) == [], sentence


def test_places_teams_operations_and_schools_stay_clean() -> None:
    for sentence in [
        "Operation Stovewood continues to receive new disclosures.",
        "Operation Makesafe sessions were held with 23 hotels.",
        "The Early Help hub at Riverside House screens incidents daily.",
        "The CSE team at Main Street police station met weekly.",
        "St Joseph's High School and Brookfield Academy confirmed receipt.",
        "Barnsley's partnership board signed off the plan.",
        "Lincoln Road custody suite holds 30 cells.",
        "Kingston Park police station reopened in May.",
        "The Jay Report found widespread failures.",
        "The Stephen Lawrence Day event was held in April.",
        "The Home Office Counting Rules were applied in all 40 crimes.",
        "Schools in Wath and Swinton received Operation Encompass notifications.",
    ]:
        assert scan(sentence) == [], sentence


def test_each_finding_says_its_line_and_column() -> None:
    text = "Seen alone.\nThe victim, Harriet Cole, was\nnot seen. Mr Tariq Hussain too."
    found = [(m.kind, m.text, m.line, m.column) for m in scan(text)]
    assert found == [
        ("named person", "Harriet Cole", 2, 13),
        ("named person", "Mr Tariq Hussain", 3, 11),
    ]


def test_the_first_names_are_read_only_when_a_scan_needs_them() -> None:
    """Importing the scan costs nothing for the list; a scan with no candidate does not read it either."""
    code = (
        "from selfassess.logic import people, privacy\n"
        "assert people.first_names.cache_info().currsize == 0\n"
        "privacy.scan('14 of 20 referrals had a recorded voice of the child.')\n"
        "assert people.first_names.cache_info().currsize == 0\n"
        "privacy.scan('Tyler Bramhall was not spoken to alone.')\n"
        "assert people.first_names.cache_info().currsize == 1\n"
        "assert len(people.first_names()) > 30000\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "ok", result.stderr


def test_the_first_name_list_is_the_script_s_output() -> None:
    """The list is sorted lower-case ASCII names, one a line, without the words the script leaves out."""
    from selfassess.logic.people import first_names

    names_file = Path(__file__).parent.parent / "selfassess" / "logic" / "first_names.txt"
    lines = names_file.read_text(encoding="ascii").splitlines()
    assert lines == sorted(set(lines)) and all(n.isalpha() and n.islower() for n in lines)
    assert frozenset(lines) == first_names()
    for word in ("may", "june", "monday", "police", "child", "early", "main", "any", "my", "an", "lincoln"):
        assert word not in first_names(), word
    for name in ("tyler", "kai", "priya", "chidi", "oliwia", "tomasz", "aoife", "kwame", "siobhan"):
        assert name in first_names(), name


def test_a_first_name_after_what_is_done_to_or_with_a_person() -> None:
    assert_found(
        "named person",
        [
            ("Officers visited Kayleigh at her grandmother's address.", "Kayleigh"),
            ("There was no recorded contact with Ashley.", "Ashley"),
            ("The mother (Leanne) declined the offer of support.", "Leanne"),
            ("The girl said that 'Daddy Mike' hurt her.", "Daddy Mike"),
        ],
        [
            "Training was delivered with Barnardo's in March.",
            "The review was completed with Sapphire Team colleagues.",
            "Referral rates moved to Amber after the audit.",
            "Staff spoke to Barnsley colleagues about the case.",
            "The plan was agreed with Rotherham MASH on 3 May.",
        ],
    )


def test_more_forms_of_school_initials_and_number_plates() -> None:
    assert_found(
        "named child",
        [
            (
                "Leah, a pupil at Rawmarsh Community School, disclosed abuse.",
                "Leah, a pupil at Rawmarsh Community School",
            ),
            ("R.M. was 13 at the time of the offence.", "R.M. was 13"),
        ],
        ["A.B. was 100% compliant with the policy."],
    )
    assert_found(
        "vehicle registration",
        [
            ("The car, registration R123 ABC, was seen.", "R123 ABC"),
            ("VRM: K55 OLD was flagged by ANPR.", "K55 OLD"),
        ],
        [
            "The registration of 14 sex offenders was reviewed.",
            "Reg 44 visits were completed in 12 homes.",
            "The index offence was recorded in 9 cases.",
        ],
    )


# --- round 2 (issue 27): the classes set B missed, each in several forms ------------------------------


def test_dates_of_birth_after_a_comma_or_in_dotted_and_dashed_figures() -> None:
    assert_found(
        "date of birth",
        [
            (
                "On review, the child's date of birth, 14 May 2013, had been entered wrongly.",
                "date of birth, 14 May 2013",
            ),
            ("DOB, 21.11.2011, was missing from the referral.", "DOB, 21.11.2011"),
            ("Her birth date is 30-09-2010 according to the school.", "birth date is 30-09-2010"),
            ("D.O.B. - 3rd March 2012.", "D.O.B. - 3rd March 2012"),
            ("The victim (date of birth 21.11.2011) was seen.", "date of birth 21.11.2011"),
        ],
        [
            "Date of birth, address and phone number were missing in 12 of 30 cases.",
            "The birth date field was blank in 14 records reviewed on 12/03/2025.",
        ],
    )


def test_nhs_numbers_after_the_words_nhs_number_whatever_the_check_digit() -> None:
    assert_found(
        "NHS number",
        [
            ("NHS no. 485 777 3456 was attached to the booking.", "485 777 3456"),
            ("Her NHS number: 485-777-3456 was on the form.", "485-777-3456"),
            ("NHS No 4857773456 appears in the minutes.", "4857773456"),
            # after the words, the check digit does not matter: a mistyped number is still the person's
            ("Health confirmed NHS number 943 476 5918 was mistyped.", "943 476 5918"),
        ],
        [
            "NHS England funded 485 places in 2025.",
            "The NHS number field was blank in 12 of 30 records.",
        ],
    )


def test_a_family_named_as_twins_brothers_or_children_with_an_age() -> None:
    assert_found(
        "named person",
        [
            ("The Kowalski twins, aged eight, were found near the canal.", "Kowalski twins"),
            ("The Ahmed brothers were arrested at the address.", "Ahmed brothers"),
            ("The Nowak sisters told staff they were scared.", "Nowak sisters"),
            ("The Begum children, aged 4 and 6, were left alone.", "Begum children"),
            ("The Okafor boys, both under ten, were not seen.", "Okafor boys"),
        ],
        [
            "The Rotherham children's services department replied on 3 May.",
            "The Barnsley children were seen within 24 hours in 12 cases.",
            "The Sapphire Team brothers and sisters project closed.",
            "The Warner Brothers studio tour was not relevant.",
            "The Sheffield twins project closed in May.",
            "The Rotherham girls, aged between 12 and 15, were seen.",
            "The Rotherham children aged 10 to 17 were seen in 14 cases.",
        ],
    )


def test_initials_with_an_age_after_them_in_any_form() -> None:
    assert_found(
        "named child",
        [
            ("K.L.D., a 16-year-old looked-after child, was found.", "K.L.D., a 16-year-old"),
            ("K.L.D., a sixteen year old, was found.", "K.L.D., a sixteen year old"),
            ("AB (15) was found in the flat.", "AB (15)"),
            ("LW, 12, disclosed to her teacher.", "LW, 12"),
            ("JT, aged 14, was arrested.", "JT, aged 14"),
            ("R.M.T, 13, was missing overnight.", "R.M.T, 13"),
            ("Child KD was placed in police protection.", "Child KD"),
            ("Victim JT disclosed abuse to a teacher.", "Victim JT"),
            ("The girl (initials S.K.) was seen.", "initials S.K."),
        ],
        [
            "CSE (12) and CCE (8) referrals were made in May.",
            "MASH, 14, and CID, 9, were the figures.",
            "The ICPC (14) was held on time.",
            "Section 47 enquiries (12) were completed.",
            "PC 2417 and DC 1862 attended.",
            "Child CSE screening was done in 14 cases.",
            "Child CP plans rose to 14.",
            "Child A (aged 9) was seen and Child B was not.",
        ],
    )


def test_a_name_with_an_age_phrase_after_it() -> None:
    assert_found(
        "named person",
        [
            ("Rhys, nine years old at the time, was the only witness.", "Rhys, nine years old"),
            ("Dragomir, a fourteen-year-old, was seen.", "Dragomir, a fourteen-year-old"),
            ("Kacey, who was nine at the time, told staff.", "Kacey, who was nine"),
            ("Rhys, then aged nine, was seen.", "Rhys, then aged nine"),
            ("Nine-year-old Rhys was the only witness.", "Nine-year-old Rhys"),
            ("Tyrese, nine, was seen alone.", "Tyrese, nine"),
            ("Kacey, 14yrs, was seen.", "Kacey, 14yrs"),
        ],
        [
            "Children aged nine to eleven were seen in 12 cases.",
            "By Year 9, fourteen years old is the median age of the cohort.",
            "Sgt Example, then aged 34, led the operation.",
            "Rotherham, 12 years of data, was the sample.",
        ],
    )


def test_a_name_followed_by_what_the_person_is_in_the_case() -> None:
    assert_found(
        "named person",
        [
            ("Dragomir, the eldest of the three boys, told PC Reid.", "Dragomir"),
            ("Ezekiel, her boyfriend, was arrested.", "Ezekiel"),
            ("Officers spoke to Bogdan, the youngest, at school.", "Bogdan"),
            ("Nkechi, the victim's mother, called police.", "Nkechi"),
            ("Valdemar, the mother's partner, was not checked.", "Valdemar"),
            ("The victim, Dragomir, was seen alone.", "Dragomir"),
        ],
        [
            "Rotherham, the largest of the four districts, had 42 referrals.",
            "Sheffield, the partner force, shared 12 reports.",
            "Barnardo's, the partner agency, delivered training.",
            "Operation Stovewood, the largest investigation, continues.",
            "Early Help, the youngest service, was reviewed.",
            "The MASH, the victim's first contact, logged it.",
            "In Rotherham, the victim's family were told on 3 May.",
            "Across Doncaster, the victim's mother, a nurse, was told.",
            "At Maltby, the youngest child was 9.",
        ],
    )


def test_named_protocols_laws_schemes_and_buildings_are_not_people() -> None:
    for sentence in [
        "Staff at Kimberworth Park children's home now use the Philomena Protocol.",
        "The Herbert Protocol form was completed in 12 of 14 cases.",
        "Clare's Law and Sarah's Law disclosures rose by 14%.",
        "The Florence Nightingale Unit and Mary Seacole House took referrals.",
        "Ruth Douglas Scheme referrals were reviewed.",
        "The Alan Turing Institute model was not used.",
        "Referrals to the Helena Kennedy Centre and the Jane Addams Academy fell.",
        "Child B was seen alone and DCS Hughes, DI Okoro, Insp Begum and Sgt Ellis reviewed it.",
        "The Victoria Climbie Inquiry recommendations were reviewed.",
    ]:
        assert scan(sentence) == [], sentence


def test_phone_numbers_user_names_and_carers_in_more_forms() -> None:
    assert_found(
        "phone number",
        [
            ("Mum's mobile is +44 7700 900123.", "+44 7700 900123"),
            ("Call +447700900123 if seen.", "+447700900123"),
            ("Her number +44 (0)7700 900 123 was found.", "+44 (0)7700 900 123"),
        ],
        ["The 101 line and 0800 555 111 were publicised."],
    )
    assert_found(
        "online user name",
        [
            ("Her user name is kayz_x99 on the app.", "kayz_x99"),
            ("The handle @bigman.d was found on his phone.", "@bigman.d"),
            ("His gamertag 'NoScope77' was used to contact her.", "'NoScope77'"),
            ("Snapchat user: kayz_99x was named.", "Snapchat user: kayz_99x"),
        ],
        [
            "User names were recorded in 12 of 14 cases.",
            "The force's handle is used for appeals.",
        ],
    )
    assert_found(
        "named person",
        [
            ("Foster carer Mrs Begum was not told.", "Mrs Begum"),
            ("Her foster carer, Janet Price, called police.", "Janet Price"),
            ("The kinship carer, Nan Pauline, refused entry.", "Nan Pauline"),
        ],
        ["Foster carers attended 12 training sessions."],
    )


@pytest.mark.parametrize(
    "text",
    [
        "The plate: K123ABC was seen outside the school.",
        "The new template K123ABC prompts officers.",
        "Reg. A123 BCD and VRM W1 ABC were checked.",
        "She lives at 14 Acacia View with her mother.",
        "He was seen at 22 mill view, twice.",
        "The 14 Acacia Views estate was visited.",
        "The Kowalski twins (aged 9) were not seen.",
        "The Öztürk children, both 7, were at home.",
        "She said DeShawn was there.",
        "Tyler (aged 12) was seen.",
        "Her brother Tyler McDonald was present.",
        "Siblings Ava, Noah and Mia were placed together.",
        "The children, Ava and Noah, stayed with a neighbour.",
        "Tyler, age: 9, was seen.",
        "Kai , 9 ; was referred.",
    ],
)
def test_each_gate_keeps_what_its_pattern_finds(text: str) -> None:
    """Texts on either side of each cheap gate (a registration keyword standing alone, a street word
    ending a word, a capital after a word, first names written otherwise, ages): gated or not, the same."""
    found = scan(text)
    assert found == _ungated_scan(text)
    if "template" not in text and "Views" not in text:
        assert found, text
