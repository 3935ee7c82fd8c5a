"""The demo workspace's invented data: districts, people, ratings, evidence wording, stories, reviews.

Read by scripts/make_demo.py, which holds only the code that turns this into assessment files. Every
figure here is invented; every person is "Example". Change the story here, then rerun make_demo.py.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

SETTINGS = """\
# selfassess workspace settings (the file that marks this folder as a workspace).
# Demonstration data: the force name is real, but every assessment, figure and person
# under assessments/ is invented. Regenerate it all with scripts/make_demo.py.
force = "South Yorkshire Police (demonstration data)"
framework = "ncpi"                  # criteria/ncpi.yaml
districts = ["barnsley", "doncaster", "rotherham", "sheffield", "force"]
quarters = "calendar"               # 2026-Q4 = October to December 2026
stale_after_days = 183              # evidence older than this at the period's end is flagged

# Criteria with applies_to: [custody] (CC1, CC3, CC5 in 2024.2) are asked only of districts with a
# custody suite; Barnsley has none, so its files do not contain them. "force" is the force-wide unit:
# it is asked only the criteria with applies_to: [force-wide] (leadership, custody oversight,
# appropriate adults, joint arrangements, learning from reviews and, from 2024.2, the control room,
# CATS access, digital forensics, online abuse referrals, offender management and Operation
# Encompass), and no district is asked them. A force organised differently can change who is asked
# with [applies_to.ncpi] (see the README). The quarters up to 2026-Q1 were assessed on framework
# version 2015.2 and have no force unit; 2026-Q2 and 2026-Q3 on 2024.1; 2026-Q4 on 2024.2.
[capabilities]
doncaster = ["custody"]
rotherham = ["custody"]
sheffield = ["custody"]
force = ["force-wide"]

[privacy]
allow = ["0114 220 2020"]           # the force's own switchboard number is not personal data
"""

DISTRICTS = ("barnsley", "doncaster", "rotherham", "sheffield")
FORCE = "force"  # the force-wide unit, assessed from the upgrade on
UNITS = (*DISTRICTS, FORCE)
CUSTODY = {"doncaster", "rotherham", "sheffield"}
PERIODS = ("2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4")
#: quarters assessed on the 2015.2 framework (scripts/demo/ncpi-2015.2.yaml)
OLD_PERIODS = ("2025-Q3", "2025-Q4", "2026-Q1")
#: quarters assessed on 2024.1 (scripts/demo/ncpi-2024.1.yaml); later ones on 2024.2 (criteria/ncpi.yaml)
MID_PERIODS = ("2026-Q2", "2026-Q3")
TODAY = date(2026, 11, 23)
MONTHS = "January February March April May June July August September October November December".split()

ASSESSOR = {
    "barnsley": "DCI S. Example",
    "doncaster": "DCI D. Example",
    "rotherham": "DCI A. Example",
    "sheffield": "DCI W. Example",
    "force": "Det Supt P. Example",
}
# Action owners by district and theme (criterion id prefix).
OWNERS = {
    "barnsley": {"IR": "Insp. E. Example", "CC": "Insp. V. Example", "CH": "DS P. Example",
                 "RP": "DI Y. Example", "PW": "Ch Insp. O. Example"},
    "doncaster": {"IR": "Insp. G. Example", "CC": "Insp. N. Example", "CH": "DS T. Example",
                  "RP": "DI H. Example", "PW": "Ch Insp. L. Example"},
    "rotherham": {"IR": "Insp. C. Example", "CC": "Insp. F. Example", "CH": "DS J. Example",
                  "RP": "DI M. Example", "PW": "Ch Insp. K. Example"},
    "sheffield": {"IR": "Insp. R. Example", "CC": "Insp. Z. Example", "CH": "DS Q. Example",
                  "RP": "DI U. Example", "PW": "Ch Insp. I. Example"},
    "force": {"LD": "Supt H. Example", "CC": "Ch Insp. B. Example", "PW": "DCI N. Example",
              "IR": "Ch Insp. T. Example", "RP": "Supt H. Example", "IN": "DCI N. Example",
              "OM": "DCI M. Example"},
}  # fmt: skip
# Themes new in 2024.1 or 2024.2 whose actions a district gives to the owner of an older theme.
OWNER_OF = {"RA": "IR", "IN": "RP", "OM": "CH", "DA": "IR"}
HOMES = {"barnsley": 14, "doncaster": 23, "rotherham": 27, "sheffield": 41, "force": 105}
ESTABLISHMENT = {"barnsley": 24, "doncaster": 32, "rotherham": 34, "sheffield": 52, "force": 142}
SIZE = {"barnsley": 0.6, "doncaster": 0.9, "rotherham": 0.8, "sheffield": 1.5, "force": 3.8}
POSTS = {"barnsley": 4, "doncaster": 6, "rotherham": 6, "sheffield": 9, "force": 25}
# Registered sex offenders managed at the start of the demo (a caseload drifts slowly; OM1).
RSO = {"barnsley": 31, "doncaster": 36, "rotherham": 47, "sheffield": 58}
RSO["force"] = sum(RSO.values())

# Ratings per 2015.2 criterion, one letter per quarter 2025-Q3 … 2026-Q4: R red, A amber, G green.
# The first three letters are the 2015.2 quarters; the last three carry on, from 2026-Q2, in the
# 2024.1 criterion that keeps or replaces the id (IR2 → IR7, CH3 → CH8, ...) where a district is
# still asked it.
RATINGS = {
    "rotherham": {  # recovering: care homes, recording and partnership start red
        "IR1": "AAAGGG", "IR2": "RAAAGG", "IR3": "RRAAAG", "IR4": "RAAGGG", "IR5": "AAGGGG",
        "IR6": "AAAGGG", "CC1": "AAAGGG", "CC2": "AAGGGG", "CC3": "RRAAAA", "CC4": "AAGGGG",
        "CC5": "AAAGGG", "CC6": "AAGGGG", "CH1": "RRAAGG", "CH2": "RRAAAG", "CH3": "RRRAAG",
        "CH4": "RAAGGG", "CH5": "RRAAAA", "CH6": "RRRAAG", "RP1": "RRAAGG", "RP2": "RAAGGG",
        "RP3": "RRAAAG", "RP4": "RAAAGG", "RP5": "AAAGGG", "RP6": "RRAAAG", "PW1": "RAAGGG",
        "PW2": "RRAAGG", "PW3": "AAAGGG", "PW4": "RAAAAG", "PW5": "AAAAGG", "PW6": "AAGGGG",
    },
    "doncaster": {  # slipping: PPU turnover in 2026, return interview backlog
        "IR1": "GGGGGG", "IR2": "GGGGAA", "IR3": "GGGAAA", "IR4": "GGGGGG", "IR5": "GGGGGA",
        "IR6": "AGGGGG", "CC1": "GGGGGG", "CC2": "GGGGGG", "CC3": "AAAAAA", "CC4": "GGGGAA",
        "CC5": "GGGGGG", "CC6": "GGGGGG", "CH1": "GGAARR", "CH2": "GGGAAR", "CH3": "GGAARR",
        "CH4": "GGGGAA", "CH5": "GGGARR", "CH6": "GGAAAR", "RP1": "GGAARR", "RP2": "GGGGGG",
        "RP3": "GGAARR", "RP4": "GGGAAA", "RP5": "GGGGAA", "RP6": "GGGAAR", "PW1": "GGGGGA",
        "PW2": "GGGGAA", "PW3": "GGGGGG", "PW4": "GGGGAA", "PW5": "GGAARR", "PW6": "GGGGGG",
    },
    "barnsley": {  # steady amber/green; no custody suite, so no CC2 or CC3
        "IR1": "GGGGGG", "IR2": "AAAGGG", "IR3": "AAAAGG", "IR4": "GGGGGG", "IR5": "GGGGGG",
        "IR6": "AAGGGG", "CC1": "GGGGGG", "CC4": "AAAGGA", "CC5": "GGGGGG", "CC6": "AAAAGG",
        "CH1": "GGGGGG", "CH2": "AAGGGG", "CH3": "AAAAAG", "CH4": "GGGGGG", "CH5": "AAAAAA",
        "CH6": "GGGGGG", "RP1": "GGAGGG", "RP2": "GGGGGG", "RP3": "AAAGGG", "RP4": "GGGGGG",
        "RP5": "AAAAAG", "RP6": "GGGGAA", "PW1": "GGGGGG", "PW2": "AAGGGG", "PW3": "GGGGGG",
        "PW4": "AAAAAA", "PW5": "AAAAAA", "PW6": "GGGGGG",
    },
    "sheffield": {  # mixed, improving slowly; 2026-Q4 is a draft (see SHEFFIELD_DRAFT)
        "IR1": "AAGGGG", "IR2": "AAAAGG", "IR3": "AAAAAA", "IR4": "GGGGGG", "IR5": "GGGGGG",
        "IR6": "AAAGGG", "CC1": "AAAAAA", "CC2": "GGGGGG", "CC3": "RRAAAA", "CC4": "AAAGGG",
        "CC5": "GGGGGG", "CC6": "GGGGGG", "CH1": "AGGGGG", "CH2": "AAAGGG", "CH3": "AAAAAA",
        "CH4": "GGGGGG", "CH5": "AAAAAA", "CH6": "AAAGGG", "RP1": "AAGGGG", "RP2": "GGGGGG",
        "RP3": "AAAAAG", "RP4": "GGGGGG", "RP5": "GGGGGG", "RP6": "AAAAGG", "PW1": "GGGGGG",
        "PW2": "AAAAAA", "PW3": "GGGGGG", "PW4": "AAAAAA", "PW5": "AAAAAA", "PW6": "GGGGGG",
    },
}  # fmt: skip
# Ratings of criteria new in 2024.1, one letter per quarter 2026-Q2 … 2026-Q4.
NEW_RATINGS = {
    "rotherham": {"IR8": "AGG", "RA2": "AAG", "IN1": "AAG", "IN2": "AAA", "IN3": "RAA", "IN4": "AAG",
                  "IN5": "AGG", "IN6": "AAG", "OM1": "GGG", "OM2": "AAG", "PW10": "AGG"},
    "doncaster": {"IR8": "GGA", "RA2": "GAA", "IN1": "GAA", "IN2": "AAR", "IN3": "AAR", "IN4": "AAA",
                  "IN5": "GAA", "IN6": "AAR", "OM1": "GGA", "OM2": "GAA", "PW10": "GGA"},
    "barnsley": {"IR8": "AGG", "RA2": "GGG", "IN1": "GGG", "IN2": "AAA", "IN3": "AAA", "IN4": "GGG",
                 "IN5": "GGG", "IN6": "AAG", "OM1": "GGG", "OM2": "AAA", "PW10": "GGG", "CC7": "AAG"},
    "sheffield": {"IR8": "AAG", "RA2": "AAA", "IN1": "AAG", "IN2": "AAA", "IN3": "RRA", "IN4": "AAA",
                  "IN5": "AGG", "IN6": "AAA", "OM1": "GGG", "OM2": "AAA", "PW10": "AGG"},
    "force": {"LD1": "AAG", "LD2": "AGG", "LD3": "AAA", "PW8": "AAA", "PW9": "AGG", "CC8": "GGA",
              "CC9": "AGG"},
}  # fmt: skip
# Ratings of criteria new to a unit in 2024.2 (new criteria, and force-level ones for the force unit),
# one letter per quarter on 2024.2 (2026-Q4).
NEWER_RATINGS = {
    "rotherham": {"PW11": "G", "PW12": "G", "PW13": "A", "RA3": "A", "DA1": "G", "DA2": "G", "DA3": "A",
                  "DA4": "G", "CH9": "A"},
    "doncaster": {"PW11": "A", "PW12": "A", "PW13": "G", "RA3": "R", "DA1": "A", "DA2": "A", "DA3": "A",
                  "DA4": "A", "CH9": "R"},
    "barnsley": {"PW11": "G", "PW12": "G", "PW13": "G", "RA3": "A", "DA1": "G", "DA2": "G", "DA3": "A",
                 "DA4": "G", "CH9": "G"},
    "sheffield": {"PW11": "A", "PW12": "G", "PW13": "A", "RA3": "A", "DA1": "A", "DA2": "A", "DA3": "A",
                  "DA4": "A", "CH9": "A"},
    "force": {"RP2": "G", "IN3": "A", "IN4": "A", "OM1": "G", "OM2": "A", "PW10": "G", "IR9": "A"},
}  # fmt: skip
LETTER = {"R": "red", "A": "amber", "G": "green"}

# Sheffield 2026-Q4, a draft in progress: rated afresh, evidence only (not yet rated), still carried
# from 2026-Q3 unconfirmed; every other criterion is not started (absent from the file).
SHEFFIELD_DRAFT = {
    "rated": ("IR1", "IR7", "IR4", "RA1", "IN1", "IN5", "CC1", "CC7", "CC3", "CC5", "CH1", "CH7", "CH5",
              "RP1"),
    "evidence_only": ("IR3", "CH8", "RP3"),
    "carried": ("PW2", "RA2", "IN2", "OM1"),
}  # fmt: skip

# -- evidence wording ---------------------------------------------------------------------------
# Each criterion: the sample line, then lines by rating (alternated quarter by quarter), and the
# improvement actions in the order a district would take them. {placeholders} are filled per
# district, quarter and criterion (see figures()).

CONTENT: dict[str, dict] = {
    "IR1": dict(
        n=20,
        sample="Dip sample of {n} domestic abuse incidents with children present ({month}): {k} of {n} "
        "records named every child and assessed each one's risk.",
        red=["In {miss} records the risk assessment covered only the adult victim; repeat-address "
             "history was not checked in {few} cases.",
             "Children were listed as a number only in {few} records, with no separate risk entry for "
             "siblings not seen at the scene."],
        amber=["Where a child was missed it was usually a sibling asleep or staying with a relative; "
               "supervisors picked up {few} of these on review.",
               "Repeat-address checks were made before arrival in {pct_b}% of cases; the rest were done "
               "afterwards by the control room."],
        green=["Control room logs show repeat-address history checks before arrival in every case "
               "sampled.",
               "Supervisors signed off every child risk entry within 24 hours; no gaps found."],
        actions=["Refresher briefing for response teams on assessing every child present",
                 "Add a mandatory child-by-child risk entry to the domestic abuse form",
                 "Monthly supervisor dip check of 10 incidents with children present"],
    ),
    "IR2": dict(
        n=20,
        sample="Review of {n} incident records involving children ({month}): the child was spoken to, "
        "away from the suspected abuser where safe, in {k} of {n}.",
        red=["Most records note the child as present but say nothing of what they said or wanted; "
             "protective action relied on the adult's account.",
             "In {few} cases officers left without seeing a child reported to be in the house."],
        amber=["Where children were not spoken to, a reason was recorded in about half the cases; the "
               "child's view rarely shaped the decision.",
               "Feedback from the young people's advocacy service is mixed: children felt seen but "
               "were not always told what would happen next."],
        green=["Every case where the child was not spoken to records why (age, asleep, safety) and a "
               "follow-up visit.",
               "Advocacy service feedback this quarter was positive about officers explaining what "
               "would happen next."],
        actions=["Voice of the child input at every response team briefing",
                 "Pocket guide for officers on speaking to children at incidents",
                 "Quarterly feedback session with the young people's advocacy service"],
    ),
    "IR3": dict(
        n=25,
        sample="Audit of {n} referrals ({month}) against the voice-of-the-child standard: {k} of {n} "
        "described the child's appearance, behaviour and words.",
        red=["Records commonly say 'children present, no concerns' with no description; supervisors "
             "challenged none of these.",
             "Demeanour was not described in {miss} records, including {few} where injuries were "
             "noted elsewhere on the file."],
        amber=["Quality is better where the officer has had the voice-of-the-child input; the old "
               "template still leads others to a tick box.",
               "Supervisors challenged {few} records lacking description; the rest were passed "
               "without comment."],
        green=["Descriptions are specific and in plain language, quoting the child's own words where "
               "they spoke.",
               "Supervisor challenge is visible on the record wherever the description was thin."],
        actions=["Replace the tick-box field with prompts for appearance, behaviour and words",
                 "Sergeants to return records without a description of the child",
                 "Re-audit 25 referrals after the template change"],
    ),
    "IR4": dict(
        n=15,
        sample="Review of {n} incidents where a child was found in circumstances suggesting "
        "exploitation ({month}): {k} of {n} treated the child as a victim.",
        red=["{few} children found carrying drugs were processed as suspects with no exploitation "
             "screening recorded.",
             "National referral mechanism decisions were recorded in only a minority of eligible "
             "cases."],
        amber=["Screening is usually completed, but referral mechanism decisions are often made after "
               "the child has been released.",
               "Language in {few} records still describes children as 'putting themselves at risk'."],
        green=["Every eligible case had exploitation screening and a referral mechanism decision within "
               "48 hours.",
               "No record used victim-blaming language; the exploitation team reviewed every case."],
        actions=["Exploitation screening prompt added to arrest and stop records for under-18s",
                 "Briefing on victim-blaming language for custody and response sergeants",
                 "Exploitation team review of every child arrest for possession of drugs"],
    ),
    "IR5": dict(
        n=20,
        sample="Sample of {n} incidents needing a referral to children's social care ({month}): {k} of "
        "{n} referred within 24 hours, with immediate safeguarding recorded.",
        red=["Late referrals took {days} days on average; {few} were only made when the PPU picked the "
             "case up.",
             "Immediate safeguarding at the scene was not recorded in {few} cases."],
        amber=["Most late referrals were weekend incidents waiting for Monday triage.",
               "Immediate safeguarding was recorded in most cases but the rationale was thin."],
        green=["Referrals outside 24 hours had the reason recorded, and none took over 36 hours.",
               "Immediate safeguarding decisions were clear and recorded at the scene in every case."],
        actions=["Weekend triage of child referrals by the duty PPU sergeant",
                 "Referral timeliness added to the daily management meeting",
                 "Re-audit referral timeliness after the weekend triage change"],
    ),
    "IR6": dict(
        n=100,
        sample="Child protection training: {pct}% of response and neighbourhood officers have completed "
        "the current module (target 95%).",
        red=["Completion is lowest on two response teams affected by abstractions; no practice check "
             "followed the training.",
             "The module has not been refreshed since the last inspection and omits exploitation."],
        amber=["A practice check of 10 recent attendances found the learning applied unevenly.",
               "New starters are trained, but the refresher for experienced officers is behind "
               "schedule."],
        green=["Spot checks of recent attendances by the training lead found the learning applied "
               "consistently.",
               "The refresher is built into the shift pattern and tracked by sergeants."],
        actions=["Protected training time for the two teams furthest behind",
                 "Practice check of 10 attendances per team after training",
                 "Refresher module added to the shift training days"],
    ),
    "CC1": dict(
        n=20,
        sample="Review of {n} detentions of children ({month}): average {hours} hours in custody; {k} "
        "of {n} recorded why voluntary attendance would not do.",
        red=["{few} children were held overnight where voluntary attendance would have served.",
             "No superintendent review of overnight detention of children was recorded."],
        amber=["Voluntary attendance was considered in most cases but not recorded consistently.",
               "Release of {few} children was delayed waiting for an interview team."],
        green=["Alternatives to detention were considered and recorded in every case sampled.",
               "Interview teams prioritise child detainees; the longest detention sampled was under 12 "
               "hours."],
        actions=["Custody sergeants to record the voluntary attendance decision for every child",
                 "Interview team priority for child detainees",
                 "Superintendent review of every overnight detention of a child"],
    ),
    "CC2": dict(
        n=(6, 14),
        sample="All {n} strip searches of children this quarter reviewed ({month}): {k} of {n} had "
        "inspector authority, an appropriate adult and a rationale.",
        red=["In {miss} cases no appropriate adult was present and 'urgency' was recorded without "
             "detail.",
             "No one reviewed the searches after the event."],
        amber=["In {miss} of {n} searches the rationale was recorded but not linked to intelligence.",
               "Appropriate adult present in all but {miss} of {n} searches; reasons were recorded."],
        green=["Every search was reviewed by the custody inspector the next day; none disproportionate.",
               "Appropriate adult present in every case; monthly return sent to the force lead."],
        actions=["Next-day inspector review of every strip search of a child",
                 "Strip search rationale to cite the intelligence relied on",
                 "Monthly strip search return to the force custody lead"],
    ),
    "CC3": dict(
        n=(5, 11),
        sample="{n} children charged and refused bail this quarter: {k} moved to local-authority "
        "accommodation, the rest held overnight in custody.",
        red=["Requests for accommodation went unanswered out of hours in {miss} cases, with no "
             "escalation to the local authority duty manager.",
             "Certificates explaining why a transfer was impracticable were missing in most cases."],
        amber=["Where a transfer failed, a certificate was completed and the local authority's "
               "out-of-hours lead informed.",
               "The concordat with the local authority is signed, but a bed is rarely available at "
               "short notice."],
        green=["Every refusal was escalated and certified; the local authority found a bed in each "
               "case.",
               "Transfers are reviewed monthly with the local authority."],
        actions=["Escalation route to the local authority duty manager for every refusal",
                 "Certificate of impracticability checked by the custody inspector",
                 "Agree a standing bed arrangement with the local authority"],
    ),
    "CC4": dict(
        n=20,
        sample="Appropriate adult timings for {n} child detainees ({month}): waits from {fastest} to "
        "{slowest}, median {median}; {k} of {n} within the two-hour local standard.",
        red=["The out-of-hours scheme failed to provide cover on {few} nights.",
             "Parents were contacted late and no alternative appropriate adult sought in {few} cases."],
        amber=["Delays cluster overnight and at weekends; the scheme provider has been asked for rota "
               "data.",
               "Parents are contacted first in most cases, which adds delay when they cannot attend."],
        green=["The out-of-hours scheme met the standard in every sampled case.",
               "Sergeants escalate any wait over 90 minutes to the duty inspector."],
        actions=["Rota data from the appropriate adult scheme reviewed monthly",
                 "Escalate any appropriate adult wait over 90 minutes to the duty inspector",
                 "Review the out-of-hours scheme contract with the local authority"],
    ),
    "CC5": dict(
        n=20,
        sample="Custody records of {n} children ({month}): {k} of {n} had a full welfare and "
        "vulnerability assessment, including mental health and exploitation.",
        red=["Assessments copied the adult template; exploitation questions were skipped in {few} "
             "cases.",
             "Liaison and diversion were not contacted for {few} children with recorded concerns."],
        amber=["Exploitation questions were asked but answers were not passed to the PPU in {few} "
               "cases.",
               "Referrals to liaison and diversion were made but not always before release."],
        green=["Every child assessed had concerns passed to the PPU or liaison and diversion before "
               "release.",
               "A healthcare practitioner saw every child with a recorded vulnerability."],
        actions=["Child-specific vulnerability questions in the custody record",
                 "Daily PPU check of child detainees with exploitation flags",
                 "Dip check of 20 child custody records per quarter"],
    ),
    "CC6": dict(
        n=1,
        sample="Monthly child detention report ({month}) covers {total} detentions of children, with "
        "strip search, overnight and transfer figures.",
        red=["No one at chief officer level reviewed the figures; the custody board did not discuss "
             "the report.",
             "The report has no narrative and no actions arise from it."],
        amber=["The custody board reviews the figures but actions are not tracked to completion.",
               "Appropriate adult wait data is produced by hand and runs {days} weeks behind."],
        green=["The custody board tracks actions to completion; the ACC chairs a quarterly deep dive.",
               "Figures are shared with the independent custody visitors each quarter."],
        actions=["Child detention report to be a standing item at the custody board",
                 "Action log for the custody board, owned by the custody inspector",
                 "Automate the appropriate adult wait figures"],
    ),
    "CH1": dict(
        n="homes",
        sample="{n} registered children's homes in the district; {k} of {n} have a named liaison "
        "officer who has visited ({month} check).",
        red=["The homes list held by the PPU was out of date: {few} homes were missing and several "
             "named officers had moved on.",
             "Visits are reactive, after missing episodes, not planned."],
        amber=["Liaison officers are named for every home but planned visits slipped during "
               "abstractions.",
               "Providers do not always tell police when a new home opens."],
        green=["The homes list is reconciled monthly with local authority and Ofsted registrations.",
               "Every home manager surveyed knew their liaison officer by name."],
        actions=["Reconcile the homes list with the local authority and Ofsted each month",
                 "Planned visit schedule for every home, tracked by the PPU sergeant",
                 "Reallocate homes whose liaison officer has left within two weeks"],
    ),
    "CH2": dict(
        n=20,
        sample="{total} missing episodes of looked-after children this quarter; sample of {n} "
        "({month}): {k} of {n} risk-assessed at first report.",
        red=["High-risk grading came late in {few} cases where exploitation concerns were already "
             "known.",
             "Children missing from homes were graded 'no apparent risk' without a check of their history."],
        amber=["Initial risk assessments were done but the grade was not reviewed as time passed.",
               "Home staff reported slow call-backs at night in {few} cases."],
        green=["Every episode sampled had an early risk assessment and regular supervisory review.",
               "Children who go missing repeatedly have a joint plan with the home and social worker."],
        actions=["History check mandatory before grading a missing looked-after child",
                 "Duty inspector review of missing grades every 8 hours",
                 "Joint plans for every child missing three or more times in a quarter"],
    ),
    "CH3": dict(
        n=30,
        sample="Return interviews for {n} returns from missing episodes ({month}): {k} of {n} held "
        "within 72 hours and shared with the police missing coordinator.",
        red=["{backlog} return interviews were outstanding at the time of the audit; those held are "
             "read late or not at all.",
             "Intelligence from interviews reached the exploitation team in only {few} cases."],
        amber=["{backlog} interviews outstanding at the time of the audit; the coordinator reads each "
               "one held.",
               "Information from interviews is read but not always added to the child's record."],
        green=["No backlog at the time of the audit; every interview held was read and actioned by the "
               "coordinator.",
               "Intelligence from interviews led to disruption activity against adults of concern."],
        actions=["Weekly backlog report of return interviews from the local authority",
                 "Missing coordinator to read and record every return interview",
                 "Joint review of return interview quality with the local authority"],
    ),
    "CH4": dict(
        n=(12, 18),
        sample="Survey of {n} care-home managers ({month}): {k} of {n} could say when to call police and "
        "when to manage an incident in the home.",
        red=["Homes still call police for minor damage but do not report adults seen around the home.",
             "The joint protocol with providers has not been shared with night staff."],
        amber=["The protocol with providers is agreed but training for night staff is incomplete.",
               "Calls for minor incidents are falling but vary widely between homes."],
        green=["Calls for minor incidents continue to fall; concerns about adults near homes are "
               "reported promptly.",
               "Every home has had the joint protocol briefing, including night staff."],
        actions=["Joint protocol briefing for every home, including night staff",
                 "Quarterly call data shared with each home manager",
                 "Repeat the care-home manager survey"],
    ),
    "CH5": dict(
        n=(15, 25),
        sample="Exploitation risk review of {n} looked-after children flagged at risk ({month}): {k} "
        "of {n} had a current multi-agency plan with police actions.",
        red=["Disruption activity against adults of concern was recorded in fewer than half the cases.",
             "Plans were out of date for {few} children placed from outside the district."],
        amber=["Plans exist, but police actions are not always reviewed at the exploitation meeting.",
               "Children placed from other areas have plans, but information from home forces is slow."],
        green=["Every plan reviewed at the monthly exploitation meeting, with disruption recorded.",
               "Information on children placed from other areas is exchanged within a week."],
        actions=["Police actions in every exploitation plan reviewed at the monthly meeting",
                 "Protocol with placing forces for children placed from out of area",
                 "Disruption activity recorded against every adult of concern"],
    ),
    "CH6": dict(
        n=18,
        sample="Joint review of outcomes for looked-after children ({month}): missing episodes from "
        "homes {trend}; {k} of {n} joint inspection actions done.",
        red=["The guidance issued after the care-home review has not changed practice in homes.",
             "No measure of outcomes for children has been agreed with partners."],
        amber=["Practice is changing in some homes; the joint measures are agreed but not yet "
               "reported.",
               "Progress depends on two homes with repeated missing episodes."],
        green=["Outcome measures are reported to the safeguarding partnership each quarter.",
               "Improvements are visible in the homes with the highest demand."],
        actions=["Agree outcome measures for looked-after children with the local authority",
                 "Report joint inspection actions to the safeguarding partnership",
                 "Targeted plan for the homes with most missing episodes"],
    ),
    "RP1": dict(
        n=25,
        sample="Audit of {n} child protection records on CATS ({month}): {k} of {n} complete and "
        "updated within 24 hours of the event.",
        red=["{miss} records were incomplete, most often missing the strategy discussion outcome; "
             "{few} not updated for over a week.",
             "Records in the investigation system and CATS disagree on basic facts in {few} cases."],
        amber=["Gaps are mostly in the outcome of strategy discussions, updated late.",
               "Completeness is good on day shifts and weaker out of hours."],
        green=["Records are complete and timely; the few late updates were within 48 hours.",
               "No disagreement found between CATS and the investigation system."],
        actions=["Daily CATS completeness report to PPU sergeants",
                 "Strategy discussion outcomes entered on CATS the same day",
                 "Re-audit 25 records after the daily report is in place"],
    ),
    "RP2": dict(
        n=30,
        sample="Access check ({month}): {pct_b}% of frontline officers can view child protection "
        "records on CATS; {k} of {n} test queries found the right record.",
        red=["Most response officers still rely on the PPU by telephone during office hours.",
             "Access was granted but officers have not been shown how to search."],
        amber=["Access is in place but searches by address rather than name miss records.",
               "Night-shift supervisors report slow access through remote sessions."],
        green=["Frontline access is routine; officers checked CATS before attending in the sampled "
               "incidents.",
               "Search by address was fixed in the last release."],
        actions=["Open CATS read access to all frontline officers and supervisors",
                 "Short search guide and briefing for response teams",
                 "Test queries each quarter by a sample of 30 officers"],
    ),
    "RP3": dict(
        n=20,
        sample="Supervision review of {n} open child abuse investigations ({month}): {k} of {n} had "
        "supervisory review at the interval required for their risk.",
        red=["{few} high-risk cases had gone more than a month without recorded supervision.",
             "Supervisory entries say 'reviewed' with no direction."],
        amber=["Reviews happen but entries are brief; direction is missing in {few} cases.",
               "Reviews for medium-risk cases slip when sergeants cover custody."],
        green=["Every case met its review interval, with clear direction recorded.",
               "The DI checks a sample of supervisory entries each month."],
        actions=["Supervision review intervals set by risk level in the case system",
                 "Monthly DI check of 10 supervisory entries",
                 "Workload review for PPU sergeants covering custody"],
    ),
    "RP4": dict(
        n=(12, 20),
        sample="Case file audit programme: {n} files audited in {month}; {k} of {n} met the standard, "
        "reported to the district performance meeting.",
        red=["Audits were done but findings were not fed back to the officers concerned.",
             "The programme stopped for two months through abstractions."],
        amber=["Findings are fed back to officers; the themes are not yet tracked over time.",
               "The audit sample is small and excludes exploitation cases."],
        green=["Findings are tracked, and repeat themes have fallen over the last two audits.",
               "Audit includes exploitation cases and is moderated by another district."],
        actions=["Restart the monthly audit programme with protected time",
                 "Track audit themes from quarter to quarter",
                 "Cross-district moderation of audits"],
    ),
    "RP5": dict(
        n=1,
        sample="The {month} performance pack shows referral timeliness, missing episodes, return "
        "interviews and custody figures by team.",
        red=["The pack is produced but no decisions or actions are minuted from it.",
             "Figures for children are not separated from adults."],
        amber=["Leaders discuss the pack monthly; actions are minuted but rarely followed up.",
               "Return interview figures are {days} weeks behind the rest of the pack."],
        green=["Actions from the pack are tracked to completion at the district meeting.",
               "Trends are compared with the other districts each quarter."],
        actions=["Action log for the district performance meeting",
                 "Return interview figures added to the pack from the local authority",
                 "Quarterly comparison with the other districts"],
    ),
    "RP6": dict(
        n=20,
        sample="Audit of {n} decisions to take no further action or close a child protection case "
        "({month}): {k} of {n} recorded the reason and who decided.",
        red=["{few} closures had no recorded reason; the child's view was not mentioned in any.",
             "Decisions are recorded as outcomes with no rationale."],
        amber=["Reasons are recorded but often refer only to the evidence, not the risk to the child.",
               "Who made the decision was missing in {few} cases."],
        green=["Every decision recorded its reason, the decision-maker and the risk to the child.",
               "Closures are reviewed by a DS before the case is filed."],
        actions=["Closure template requiring reason, decision-maker and risk to the child",
                 "DS review of every no-further-action decision",
                 "Re-audit 20 closures"],
    ),
    "PW1": dict(
        n=25,
        sample="Notifications to children's social care, health and education ({month}): {k} of {n} "
        "sampled were shared within one working day.",
        red=["Notifications to schools were not made in {few} cases; health was not told in most.",
             "The information-sharing agreement is out of date and staff are unsure what they may "
             "share."],
        amber=["Social care is notified promptly; health and education notifications lag by {days} "
               "days.",
               "Partners report that some notifications lack the detail they need."],
        green=["Notifications are prompt to all three partners; partner feedback is positive.",
               "The information-sharing agreement was refreshed and briefed this year."],
        actions=["Refresh and brief the information-sharing agreement",
                 "Add health and education to the automatic notification list",
                 "Partner feedback survey on police notifications"],
    ),
    "PW2": dict(
        n=20,
        sample="Dip sample of {n} strategy discussions ({month}): {k} of {n} held within the agreed "
        "timescale, with police attending with checks completed.",
        red=["{few} discussions were held without police; out-of-hours discussions rarely happen.",
             "Decisions and actions were not recorded or shared in {few} cases."],
        amber=["Late discussions were mostly out of hours; police contribution is good when present.",
               "Actions are recorded but some were not shared with the other agencies."],
        green=["Every discussion sampled was on time with full police input and shared actions.",
               "Out-of-hours discussions are held by phone with the emergency duty team."],
        actions=["Daily strategy discussion slot with children's social care",
                 "Out-of-hours strategy discussion arrangement with the emergency duty team",
                 "Shared action record for every strategy discussion"],
    ),
    "PW3": dict(
        n=20,
        sample="Section 47 enquiries ({month}): {k} of {n} sampled were joint where a crime may have "
        "been committed; MASH police posts filled {filled} of {posts}.",
        red=["Joint visits are rare; social care often visits alone and police follow days later.",
             "MASH police posts are covered by staff on restricted duties."],
        amber=["Joint visits happen for high-risk cases; others are often single-agency.",
               "MASH posts are filled but leave is not covered."],
        green=["Joint visits and interviews are planned together in every case sampled.",
               "MASH is fully staffed with cover for leave."],
        actions=["Joint visit planning at every strategy discussion",
                 "Fill and cover MASH police posts",
                 "Re-audit section 47 joint working"],
    ),
    "PW4": dict(
        n=12,
        sample="Comparison of district processes ({month}): {k} of {n} key processes follow the "
        "common force model.",
        red=["Referral, missing and strategy discussion processes all differ from the force model.",
             "No co-location with social workers yet."],
        amber=["Co-location with social workers is in place; the missing process still differs from "
               "the force model.",
               "Differences remain where the local authority's processes differ."],
        green=["All key processes follow the force model; differences are agreed and documented.",
               "Co-located police and social work teams in place since last year."],
        actions=["Adopt the force model for missing and referral processes",
                 "Co-locate police and social workers",
                 "Quarterly process comparison with the other districts"],
    ),
    "PW5": dict(
        n="est",
        sample="PPU and exploitation team establishment {n}; {vac} vacancies at the end of {month}; "
        "average caseload {caseload} per investigator.",
        red=["Turnover has left the team short of experienced investigators; {few} are still in "
             "training.",
             "Caseloads are above the agreed limit and sickness absence is rising."],
        amber=["Vacancies are being recruited to but new staff need accreditation.",
               "Caseloads are manageable overall but uneven between teams."],
        green=["Team at establishment with accredited investigators; caseloads within limits.",
               "Wellbeing checks completed for every investigator this quarter."],
        actions=["Recruit to PPU vacancies and fast-track accreditation",
                 "Caseload limit per investigator monitored weekly",
                 "Wellbeing check for every PPU investigator"],
    ),
    "PW6": dict(
        n=1,
        sample="Victims and survivors panel met in {month}; {points} points raised about the police "
        "response, each with a named owner.",
        red=["Findings from the last case review have no action plan.",
             "No way for victims to tell the district about their experience."],
        amber=["Actions are agreed but the effect on practice has not been checked.",
               "Panel points are answered but learning is not shared with teams."],
        green=["Changes from panel feedback have been re-checked and reported back to the panel.",
               "Case review learning is briefed to teams within a month."],
        actions=["Action plan for every case review finding",
                 "Report back to the panel on changes made",
                 "Brief case review learning to teams within a month"],
    ),
}  # fmt: skip


# Criteria new in 2024.1 (and successors whose evidence changed). RA1 asks what IR5 asked.
CONTENT["RA1"] = CONTENT["IR5"]
CONTENT.update({
    "IR7": dict(
        n=20,
        sample="Review of {n} incidents where a child began to disclose abuse ({month}): in {k} of {n} the "
        "first account was recorded in the child's own words, without probing, and an ABE interview planned.",
        red=["In {few} cases officers questioned the child in detail at the scene; the first account "
             "was summarised in the officer's words.",
             "No time or witnesses were recorded for the first account in {few} cases."],
        amber=["First accounts are recorded, but {few} records paraphrase rather than quote the child.",
               "An ABE interview was planned in most cases, though {few} waited more than a week."],
        green=["Every sampled first account quotes the child and records who was present.",
               "ABE interviews were planned the same day in every sampled case."],
        actions=["Briefing for response teams: listen, record, do not probe",
                 "First account prompt added to the child protection form",
                 "Quarterly dip sample of first accounts by the PPU"],
    ),
    "IR8": dict(
        n=20,
        sample="Dip sample of {n} domestic abuse incidents in households with children ({month}): {k} of "
        "{n} recorded each child as a victim in their own right, with their own risk and needs.",
        red=["Children were recorded as 'present' or 'witness' in {miss} of {n} records.",
             "No support was considered for the children in {few} cases."],
        amber=["Children are listed as victims, but {few} records do not assess the child's own needs.",
               "Support referrals for children depend on the officer; {few} were missed."],
        green=["Each child is recorded as a victim with a separate risk entry.",
               "Support for the child was considered and recorded in every sampled case."],
        actions=["Domestic abuse form changed to record each child as a victim",
                 "Briefing on the Domestic Abuse Act 2021 for response sergeants",
                 "Monthly check of ten records by the domestic abuse coordinator"],
    ),
    "RA2": dict(
        n=20,
        sample="Audit of {n} child concern records ({month}): {k} of {n} showed history research "
        "(previous incidents, missing episodes, intelligence) and a reasoned risk grade.",
        red=["Risk was graded on the single incident in {miss} records.",
             "Repeat incidents at {few} addresses were not linked."],
        amber=["History is researched, but the reasons for the risk grade are thin in {few} records.",
               "Patterns of repeat low-level incidents were missed in {few} cases."],
        green=["Every sampled record shows the history and the reasons for the grade.",
               "Repeat incidents led to a referral as a pattern in each case found."],
        actions=["Researcher checklist for child concern records",
                 "Supervisors to record reasons for each risk grade",
                 "Repeat-address report reviewed weekly by the PPU"],
    ),
    "IN1": dict(
        n=15,
        sample="Review of {n} ABE interviews with children ({month}): {k} of {n} had a written plan and "
        "met the quality standard; registered intermediaries used in {few} cases.",
        red=["Several interviews had no written plan; leading questions were found in {few} recordings.",
             "Intermediary needs were not considered for children with communication difficulties."],
        amber=["Plans are written but rarely cover the child's communication needs.",
               "Intermediary requests waited up to three weeks."],
        green=["Every interview was planned; reviewers found no leading questions.",
               "Intermediaries were considered in every plan and used where needed."],
        actions=["ABE plan template made mandatory",
                 "Peer review of one ABE recording per interviewer per quarter",
                 "Early intermediary request at the strategy discussion"],
    ),
    "IN2": dict(
        n=20,
        sample="Sample of {n} child abuse cases with a suspect ({month}): {k} of {n} had bail with "
        "protective conditions or a recorded reason for release under investigation.",
        red=["{miss} suspects were released under investigation with no recorded reason.",
             "The child's family was not told of bail conditions in {few} cases."],
        amber=["Bail is used, but the child's or carer's views on conditions were sought in only some cases.",
               "{few} bail periods lapsed before they were extended."],
        green=["Every release decision records how it protects the child.",
               "Carers were told of conditions and of every change."],
        actions=["Custody sergeants to record the reason for any release under investigation",
                 "Victim contact on bail conditions added to the investigation plan",
                 "Weekly bail expiry report for PPU supervisors"],
    ),
    "IN3": dict(
        n=1,
        sample="Digital forensic queue for child abuse cases at the end of {month}: {backlog} devices "
        "waiting; urgent triage within {days} days.",
        red=["The oldest child abuse device has waited over nine months.",
             "No prioritisation by risk to children: requests are taken in date order."],
        amber=["Urgent cases are triaged, but routine child abuse cases wait beyond the local standard.",
               "Kiosk triage at the district is used in some cases only."],
        green=["All child abuse devices examined within the local standard.",
               "Kiosk triage on seizure is used in every suitable case."],
        actions=["Risk-based prioritisation agreed with the digital forensic unit",
                 "Second triage kiosk for the district",
                 "Monthly queue report to the district performance meeting"],
    ),
    "IN4": dict(
        n=(8, 16),
        sample="{n} online child abuse and indecent image referrals received ({month}): {k} of {n} acted on "
        "within the recommended timescale for their risk grade.",
        red=["Medium and low risk referrals waited up to {days} weeks.",
             "Children with access to the suspect were not identified in {few} cases."],
        amber=["High risk referrals are acted on in time; lower grades wait.",
               "{few} referrals were awaiting research at the end of the month."],
        green=["Every referral was acted on within its timescale.",
               "Children with access to suspects were identified and referred in every case."],
        actions=["Daily triage of online child abuse referrals",
                 "Research on access to children completed before grading",
                 "Backlog review with the regional team"],
    ),
    "IN5": dict(
        n=20,
        sample="Dip sample of {n} child victim cases ({month}): {k} of {n} had updates recorded within the "
        "Victims' Code timescales and an offer of support.",
        red=["{miss} families had no update for over a month.",
             "No-further-action decisions were sent by letter only in {few} cases."],
        amber=["Updates are made, but intervals vary by officer.",
               "Support referrals for children were offered in most but not all cases."],
        green=["Every family was updated on time; decisions were explained in person.",
               "Every child victim was offered support suited to their age."],
        actions=["Victim contact plan set at the first review of each case",
                 "Child-friendly explanation of no-further-action decisions",
                 "Monthly Victims' Code compliance check"],
    ),
    "IN6": dict(
        n=20,
        sample="Review of {n} child abuse investigations ({month}): {k} of {n} kept one officer in charge "
        "throughout and recorded the child's trusted adult.",
        red=["Children met three or more officers in {few} cases.",
             "No trusted adult was recorded in most cases."],
        amber=["Changes of officer happen with {few} cases reallocated after staff moves.",
               "Trusted adults are recorded but not always involved."],
        green=["One officer in charge throughout in nearly every case.",
               "The child's choice of trusted adult is recorded and respected."],
        actions=["Reallocation only with a handover visit to the child",
                 "Trusted adult field added to the investigation plan",
                 "Advocate feedback reviewed quarterly"],
    ),
    "OM1": dict(
        n="rso",
        sample="{n} registered sex offenders managed in the district at the end of {month}: {k} of {n} "
        "had a current risk assessment and visits to plan.",
        red=["{miss} visits or risk assessments overdue.",
             "MAPPA referrals were missed for {few} offenders."],
        amber=["{few} visits overdue, mostly unannounced visits.",
               "Risk assessments are current but management plans are thin in places."],
        green=["No overdue visits or assessments.",
               "Every higher-risk offender discussed at MAPPA this quarter."],
        actions=["Overdue visit report reviewed weekly",
                 "Unannounced visit plan for each offender manager",
                 "MAPPA referral check at every risk review"],
    ),
    "OM2": dict(
        n=(6, 12),
        sample="{n} exploitation cases with an adult of concern ({month}): orders or child abduction "
        "warning notices considered and recorded in {k} of {n}.",
        red=["Warning notices were not considered in most cases.",
             "Disclosure scheme applications waited over {days} weeks."],
        amber=["Orders are considered, but breaches are not always followed up.",
               "Disclosure scheme decisions took longer than the local standard in {few} cases."],
        green=["Orders and notices considered in every suitable case and breaches enforced.",
               "Disclosure scheme applications decided within the local standard."],
        actions=["Prompt for warning notices in the exploitation screening tool",
                 "Breach monitoring by the offender management unit",
                 "Disclosure scheme applications tracked weekly"],
    ),
    "PW10": dict(
        n=20,
        sample="Dip sample of {n} domestic abuse incidents with school-age children ({month}): {k} of {n} "
        "notified to the school before the next school day (Operation Encompass).",
        red=["{miss} incidents led to no notification at all.",
             "Weekend incidents were notified on Tuesday or later."],
        amber=["Notifications are sent, but {few} arrived after the school day began.",
               "Children educated at home were not notified to the local authority in {few} cases."],
        green=["Every sampled incident was notified in time, weekends included.",
               "Notifications record whether the child was spoken to and what they said."],
        actions=["Overnight Operation Encompass rota in the control room",
                 "Weekend notifications sent by 07:30 on Monday",
                 "Monthly check of notifications against incidents"],
    ),
    "CC7": dict(
        n=(4, 10),
        sample="All {n} searches of children exposing intimate parts this quarter reviewed ({month}), in "
        "custody and on the street: {k} of {n} had supervisor authority, an appropriate adult and a "
        "rationale.",
        red=["{few} searches had no appropriate adult and no recorded urgency.",
             "Street searches of children were not reviewed by a supervisor."],
        amber=["Authority is recorded, but a safeguarding referral was not considered after {few} searches.",
               "A safeguarding referral was considered in only some cases."],
        green=["Every search was authorised, with an appropriate adult present.",
               "Each search was reviewed and a safeguarding referral considered."],
        actions=["Inspector review of every search of a child exposing intimate parts",
                 "Stop and search briefing on Code A and Code C for children",
                 "Safeguarding referral after every such search"],
    ),
    "CH7": dict(
        n=20,
        sample="{total} missing episodes of children this quarter, from home and from care; sample of {n} "
        "({month}): {k} of {n} risk-assessed with the child's history at first report.",
        red=["{few} children missing from home were graded low risk without history checks.",
             "Risk was not reviewed during {few} long episodes."],
        amber=["Children missing from care are assessed well; those missing from home less so.",
               "Repeat episodes led to a multi-agency plan in only some cases."],
        green=["Every report drew on the child's history and was reviewed as the search went on.",
               "Every child missing three times or more has a multi-agency plan."],
        actions=["History checks at first report for every missing child",
                 "Risk review every six hours during an episode",
                 "Multi-agency plan for repeat missing children"],
    ),
    "CH8": dict(
        n=30,
        sample="Sample of {n} children found after missing episodes ({month}): {k} of {n} had a prevention "
        "interview recorded and a return home interview offered within 72 hours.",
        red=["Prevention interviews were missing in {few} cases; return home interviews were not received.",
             "{backlog} return home interviews were outstanding at the audit."],
        amber=["Prevention interviews are held, but return home interview findings arrive late.",
               "{backlog} return home interviews were outstanding at the audit."],
        green=["Both interviews held for nearly every child, and findings acted on.",
               "No outstanding return home interviews at the audit."],
        actions=["Missing coordinator reads every return home interview",
                 "Prevention interview recorded before the report is closed",
                 "Backlog escalated to the local authority monthly"],
    ),
    "LD1": dict(
        n=4,
        sample="Child protection governance board met in {month}; {k} of {n} safeguarding partnerships "
        "attended by a chief officer this quarter; section 11 action plan reviewed.",
        red=["The board has not met this quarter.",
             "Section 11 actions have no owners."],
        amber=["The board meets, but actions are carried over from meeting to meeting.",
               "One partnership executive was attended below the agreed rank."],
        green=["Every partnership attended at chief officer level.",
               "Board actions are owned, dated and closed."],
        actions=["Section 11 action plan with named owners",
                 "Chief officer attendance at each partnership executive",
                 "Board action log reviewed at every meeting"],
    ),
    "CC8": dict(
        n=40,
        sample="Appropriate adult timings for {n} child detainees across the force's suites ({month}): waits "
        "from {fastest} to {slowest}, median {median}; {k} of {n} within the two-hour local standard.",
        red=["The out-of-hours scheme failed to provide cover on {few} nights.",
             "Children waited overnight for an appropriate adult in {few} cases."],
        amber=["Delays cluster overnight and at weekends; the provider has been asked for rota data.",
               "Parents are contacted first, which adds delay when they cannot attend."],
        green=["The scheme met the standard at every suite.",
               "Sergeants escalate any wait over 90 minutes to the duty inspector."],
        actions=["Rota data from the appropriate adult scheme reviewed monthly",
                 "Escalate any appropriate adult wait over 90 minutes",
                 "Review the scheme contract with the four local authorities"],
    ),
})  # fmt: skip
# Force-wide successors of 2015.2 criteria use their predecessor's wording, at force level.
for _new, _old in {"LD2": "RP5", "LD3": "PW5", "PW8": "PW4", "PW9": "PW6", "CC9": "CC6"}.items():
    CONTENT[_new] = CONTENT[_old]

# Where each criterion's dip sample came from (scripts/make_demo.py records one wherever the framework
# evidences a criterion by a sample, from 2026-Q2 on).
SAMPLE_SOURCE = {
    "PW1": "Notifications log, cases chosen at random by the PPU DS",
    "PW2": "Strategy discussion records, cases chosen at random",
    "PW10": "Operation Encompass log against domestic abuse incidents, chosen at random",
    "IR1": "Domestic abuse incidents with children present, chosen at random by the PPU DS",
    "IR7": "Incident records where a child began to disclose, chosen at random",
    "IR8": "Domestic abuse incidents in households with children, chosen at random",
    "IR3": "CATS referrals, chosen at random",
    "IR4": "Incidents flagged for exploitation, chosen at random",
    "IR6": "Training records of 100 response and neighbourhood officers, chosen at random",
    "RA1": "Incidents needing a referral, chosen at random",
    "RA2": "Child concern records, chosen at random",
    "IN1": "ABE interviews with children, chosen at random",
    "IN2": "Child abuse cases with a suspect, chosen at random",
    "IN5": "Child victim cases, chosen at random",
    "IN6": "Child abuse investigations, chosen at random",
    "OM1": "Every registered sex offender managed in the district (ViSOR)",
    "CC1": "Custody records of detained children, chosen at random",
    "CC7": "Every such search of a child this quarter",
    "CC5": "Custody records of children, chosen at random",
    "CC8": "Custody records of child detainees at every suite, chosen at random",
    "CH7": "Missing episodes of children, chosen at random",
    "CH8": "Children found after missing episodes, chosen at random",
    "RP1": "CATS child protection records, chosen at random",
    "RP3": "Open child abuse investigations, chosen at random",
    "RP6": "No-further-action and closure decisions, chosen at random",
    # criteria new in 2024.2
    "IR9": "Control room calls about children, chosen at random",
    "PW11": "Section 47 enquiries with a strategy discussion, chosen at random",
    "RA3": "Children at risk of exploitation living at home, chosen at random",
    "DA1": "Domestic abuse risk assessments in households with children, chosen at random",
}
# Contradictions left in on purpose, so validate's warnings and the review's "not supported" filter have
# something to show: their samples keep the count the narrative gives (cases meeting the standard), whatever
# the rating and words say. On criteria framework 2024.2 evidences by a sample (2026-Q4 is assessed on it).
DELIBERATE = {
    ("rotherham", "2026-Q4", "DA1"): 17,  # Green at 17 of 20 (85%) against the 90% Green needs
    ("rotherham", "2026-Q4", "IN5"): 19,  # "Every child victim was offered support", 19 of 20
    ("doncaster", "2026-Q4", "RA2"): 13,  # Amber, but 13 of 20 records with the history supports Red
}

# -- framework 2024.2 (2026-Q4) ---------------------------------------------------------------------
# Criteria new in 2024.2, criteria the force-wide unit answers from 2024.2 on (worded for the force),
# and 2024.2 wording of older ones. Used for quarters on 2024.2 only; earlier quarters keep CONTENT.
CONTENT_2024_2: dict[str, dict] = {
    "CH7": dict(
        n=20,
        sample="{total} missing episodes of children this quarter ({care} of them from care); sample of {n} "
        "({month}): {k} of {n} placed on the risk continuum with the child's history at first report and "
        "reviewed as enquiries went on.",
        red=["{few} children missing from home were graded low risk without history checks.",
             "Risk was not reviewed during {few} long episodes."],
        amber=["Children missing from care are assessed well; those missing from home less so.",
               "Repeat episodes led to a multi-agency plan in only some cases."],
        green=["Gaps found in the sample were fed back to the officers and sergeants concerned.",
               "Children missing three times or more in the quarter have a multi-agency plan."],
        actions=["History checks at first report for each missing child",
                 "Risk review every six hours during an episode",
                 "Multi-agency plan for repeat missing children"],
    ),
    "CC3": dict(
        n=(5, 11),
        sample="{n} children charged and kept in police detention this quarter: {k} moved to "
        "local-authority accommodation, {miss} held in custody with a certificate under PACE s.38(6).",
        red=["Requests for accommodation went unanswered out of hours in {miss} cases, with no "
             "escalation to the local authority duty manager.",
             "Certificates explaining why a transfer was impracticable were missing in most cases."],
        amber=["Where a transfer failed, a certificate was completed and the local authority's "
               "out-of-hours lead informed.",
               "The concordat with the local authority is signed, but a bed is rarely available at "
               "short notice."],
        green=["Each certificate was reviewed by the custody inspector and raised with the local authority.",
               "Transfers are reviewed monthly with the local authority."],
        actions=["Escalation route to the local authority duty manager for each refusal",
                 "Certificate of impracticability checked by the custody inspector",
                 "Agree a standing bed arrangement with the local authority"],
    ),
    "CC7": dict(
        n=(4, 10),
        sample="The {n} searches of children exposing intimate parts this quarter reviewed ({month}), in "
        "custody and on the street: {k} of {n} recorded supervisor authority, an appropriate adult and a "
        "rationale.",
        red=["{miss} searches lacked an appropriate adult or a recorded reason for going without one.",
             "Street searches of children were not reviewed by a supervisor."],
        amber=["{miss} searches lacked one of the three; a safeguarding referral was not considered after "
               "{few} searches.",
               "Supervisor reviews of street searches were late in {few} cases."],
        green=["The inspector reviewed each search with the officer within a week of it.",
               "A safeguarding referral was considered after each search reviewed."],
        actions=["Inspector review of each search of a child exposing intimate parts",
                 "Stop and search briefing on Code A and Code C Annex A for children",
                 "Safeguarding referral considered after each such search"],
    ),
    "IR9": dict(
        n=20,
        sample="Control room dip sample of {n} calls involving children ({month}): {k} of {n} recorded the "
        "children, a THRIVE assessment, previous-call checks and a reasoned grade.",
        red=["Children at the address were not asked about in {miss} calls.",
             "{few} calls were downgraded with no supervisor decision recorded."],
        amber=["The children are recorded, but previous-call research is missing in {miss} calls.",
               "Downgrades are supervised, but call-backs were late in {few} cases."],
        green=["Calls missing a step were fed back to the call handler by the team leader.",
               "Downgrades in the sample each record the supervisor's decision and a call-back."],
        actions=["Children-at-the-address prompt added to the call script",
                 "Team leaders dip sample ten calls involving children each month",
                 "Hidden-vulnerability input for all call handlers"],
    ),
    "PW11": dict(
        n=20,
        sample="Dip sample of {n} section 47 enquiries started this quarter ({month}): in {k} of {n} the "
        "police actions agreed at the strategy discussion were done in time and recorded.",
        red=["Joint visits were agreed but not recorded as done in {miss} enquiries.",
             "{few} threshold disagreements were not escalated."],
        amber=["Police actions are usually done, but {miss} were late or missing from the social care file.",
               "Joint visits depend on PPU availability out of hours."],
        green=["Joint audit with children's social care agreed the findings.",
               "Late actions in the sample were escalated through the resolution procedure."],
        actions=["Strategy discussion actions tracked on the PPU daily log",
                 "Monthly joint audit of section 47 enquiries with children's social care",
                 "Out-of-hours joint visit rota agreed"],
    ),
    "PW12": dict(
        n=(8, 16),
        sample="{n} child protection conferences for children in the district this quarter: the police "
        "attended or sent a researched report to {k} of {n}.",
        red=["No police report reached {miss} conferences.",
             "Police actions in child protection plans are not tracked."],
        amber=["Reports are sent, but {few} lacked research on the adults in the household.",
               "Police plan actions were late in {few} cases."],
        green=["Reports set out the history and an analysis, not only a list of incidents.",
               "Police actions from plans are tracked to completion on the PPU log."],
        actions=["Conference report template with a history and analysis section",
                 "Named PPU officer for each conference",
                 "Plan actions added to the PPU daily log"],
    ),
    "PW13": dict(
        n=(3, 8),
        sample="{n} allegations against people working with children notified this quarter: the "
        "designated officer was told the same day in {k} of {n}.",
        red=["The designated officer learnt of {miss} allegations from the employer, not the police.",
             "Police did not attend {few} allegations management meetings."],
        amber=["Notification is prompt, but outcomes were not passed back in {miss} cases.",
               "Police attendance at allegations meetings depends on who is on duty."],
        green=["Outcomes of criminal enquiries were passed to the designated officer and the employer.",
               "A named PPU sergeant links with the designated officer."],
        actions=["Same-day notification to the designated officer added to the crime recording checklist",
                 "Named link with the designated officer",
                 "Outcomes passed back at case closure"],
    ),
    "RA3": dict(
        n=15,
        sample="Dip sample of {n} children living at home discussed at the exploitation meeting ({month}): "
        "{k} of {n} plans recorded the police actions and the NRM decision.",
        red=["{miss} children had no recorded police action or NRM decision.",
             "Children excluded from school are not screened for exploitation."],
        amber=["Plans record police actions, but the NRM decision is missing in {miss} cases.",
               "Parents were told how to report concerns in only some cases."],
        green=["Child abduction warning notices were served on {few} adult(s) linked to sampled children.",
               "Parents and carers have a named officer to report concerns to."],
        actions=["Screen children missing from home for exploitation at the daily meeting",
                 "NRM decision recorded in each exploitation plan",
                 "Named officer for parents of children at risk of exploitation"],
    ),
    "DA1": dict(
        n=20,
        sample="Dip sample of {n} domestic abuse incidents with children in the household ({month}): {k} of "
        "{n} had a completed DARA assessment, reviewed by a sergeant, recording each child.",
        red=["The questions about children were left blank in {miss} assessments.",
             "Sergeants reviewed fewer than half of the assessments within 24 hours."],
        amber=["Assessments are completed, but {miss} did not record the children or their risk.",
               "Supervisor review changed the grade in {few} cases, mostly upwards."],
        green=["Supervisor reviews are recorded on the assessment with the reason for any change.",
               "Gaps found were fed back to the response sergeants."],
        actions=["DARA refresher for response teams, with the questions about children",
                 "Sergeant review of each assessment within 24 hours",
                 "Monthly dip sample of ten assessments"],
    ),
    "DA2": dict(
        n=(10, 25),
        sample="{n} high-risk domestic abuse cases with children this quarter: {k} of {n} referred to MARAC "
        "with the children named and police research attached.",
        red=["{miss} high-risk cases were not referred to MARAC.",
             "Police MARAC actions are not tracked between meetings."],
        amber=["Referrals are made, but research on the children was missing in {miss} cases.",
               "{few} police actions were still open at the next meeting."],
        green=["Police actions from the last MARAC were done before the next, bar {few}.",
               "Children's social care is told of each child named at MARAC."],
        actions=["MARAC referral prompt on high-risk assessments",
                 "Police MARAC actions tracked on the PPU log",
                 "Research template covering each child"],
    ),
    "DA3": dict(
        n=(6, 12),
        sample="Dip sample of {n} high-risk domestic abuse cases ({month}): a protection notice or order "
        "was considered and the decision recorded in {k} of {n}.",
        red=["Notices were considered in only {k} cases; authorisations do not mention the children.",
             "Breaches of orders were not recorded in {few} cases."],
        amber=["Notices are used, but {miss} sampled cases had no recorded decision.",
               "Authorisations record the children's welfare in most but not all cases."],
        green=["Authorisations record the children's welfare and the victim's view.",
               "Breaches in the quarter were arrested or charged."],
        actions=["Protection notice prompt for the duty inspector on high-risk cases",
                 "Authorisation template with a section on the children",
                 "Breach monitoring by the domestic abuse team"],
    ),
    "DA4": dict(
        n=(10, 30),
        sample="{n} disclosure scheme applications this quarter (right to ask and right to know): {k} of {n} "
        "decided within the guidance's timescale.",
        red=["Applications waited over {days} weeks for a decision.",
             "Safety plans did not mention the children in {few} sampled cases."],
        amber=["Most applications are decided in time; {miss} waited for the multi-agency panel.",
               "Safety plans mention the children but not their school or social worker."],
        green=["Sampled safety plans consider the children of the person at risk.",
               "Declined disclosures record the reason and the advice given."],
        actions=["Weekly tracking of disclosure scheme applications",
                 "Safety plan template with a section on the children",
                 "Panel dates booked a quarter ahead"],
    ),
    "CH9": dict(
        n=(5, 14),
        sample="{n} supported accommodation settings for 16- and 17-year-olds in the district; {k} of {n} "
        "checked against Ofsted's register this quarter and given a named police contact.",
        red=["The district's list had not been checked since the regulations took effect.",
             "{few} missing episodes from these settings were not shared with the provider."],
        amber=["The list is checked, but {miss} settings have no named contact.",
               "Concerns about adults visiting settings are shared late."],
        green=["Concerns about adults linked to settings were shared with providers and placing authorities.",
               "Missing episodes from these settings are reviewed with each provider."],
        actions=["Reconcile the settings list with Ofsted's register each quarter",
                 "Named neighbourhood contact for each setting",
                 "Quarterly meeting with providers and placing authorities"],
    ),
    # force-level from 2024.2 on (asked of districts until 2026-Q3), worded for the force
    "RP2": dict(
        n=20,
        sample="Force audit of CATS access ({month}): {k} of {n} sampled referrals were on the system, and "
        "{pct_b}% of response officers searched it this quarter.",
        red=["Frontline access is still read-only for {few} districts.",
             "{miss} sampled referrals were not on the system."],
        amber=["Access is granted force-wide, but searches vary between districts.",
               "{miss} sampled referrals were recorded only on the crime system."],
        green=["Access is granted to frontline officers and supervisors in each district.",
               "The search audit is reported to the force performance board."],
        actions=["Force-wide CATS access for response officers",
                 "Search guide issued with the access",
                 "Quarterly search audit by district"],
    ),
    "IN3": dict(
        n=1,
        sample="Force digital forensic queue for child abuse cases at the end of {month}: {backlog} devices "
        "waiting; urgent triage within {days} days.",
        red=["The oldest child abuse device has waited over nine months.",
             "Requests are taken in date order, not by risk to children."],
        amber=["Urgent cases are triaged, but routine child abuse cases wait beyond the local standard.",
               "Kiosk triage on seizure is available in two districts of four."],
        green=["The oldest child abuse request is within the local standard.",
               "The queue is ordered by risk to children and reported monthly."],
        actions=["Risk-based prioritisation agreed with the digital forensic unit",
                 "Triage kiosks for the two districts without one",
                 "Monthly queue report to the force performance board"],
    ),
    "IN4": dict(
        n=(30, 50),
        sample="{n} online child abuse and indecent image referrals triaged by the force ({month}): {k} of "
        "{n} acted on within the recommended timescale for their risk grade.",
        red=["Medium and low risk referrals waited up to {days} weeks.",
             "Children with access to the suspect were not identified in {few} cases."],
        amber=["High risk referrals are acted on in time; lower grades wait.",
               "{few} referrals were awaiting research at the end of the month."],
        green=["Late referrals in the sample were low risk and researched before grading.",
               "Children with access to suspects were referred to children's social care."],
        actions=["Daily triage of online child abuse referrals",
                 "Research on access to children completed before grading",
                 "Backlog review with the regional team"],
    ),
    "OM1": dict(
        n="rso",
        sample="{n} registered sex offenders managed across the force at the end of {month}: {k} of {n} had "
        "a current risk assessment and visits to plan; {few} referred to MAPPA level 2 this quarter.",
        red=["{miss} visits or risk assessments overdue.",
             "Offenders meeting the level 2 criteria were not referred in {few} cases."],
        amber=["{miss} visits overdue, mostly unannounced visits.",
               "Risk assessments are current but management plans are thin in places."],
        green=["The {miss} overdue at the count each have a visit booked within a fortnight.",
               "Level 2 and 3 plans sampled were current and reviewed at the last meeting."],
        actions=["Overdue visit report reviewed weekly",
                 "Unannounced visit plan for each offender manager",
                 "MAPPA level check at each risk review"],
    ),
    "OM2": dict(
        n=(20, 36),
        sample="{n} exploitation cases with an adult of concern across the force ({month}): orders or child "
        "abduction warning notices considered and recorded in {k} of {n}.",
        red=["Warning notices were not considered in most cases.",
             "Disclosure scheme applications waited over {days} weeks."],
        amber=["Orders are considered, but breaches were not followed up in {few} cases.",
               "Child sex offender disclosure decisions took longer than the local standard in {few} cases."],
        green=["Breaches of orders in the quarter were acted on.",
               "Disclosure scheme applications were decided within the local standard."],
        actions=["Prompt for warning notices in the exploitation screening tool",
                 "Breach monitoring by the offender management unit",
                 "Disclosure scheme applications tracked weekly"],
    ),
    "PW10": dict(
        n=20,
        sample="Dip sample of {n} domestic abuse incidents with children across the force ({month}): {k} of "
        "{n} notified to the school before the next school day (Operation Encompass; a statutory duty "
        "since 7 November 2025).",
        red=["{miss} incidents led to no notification at all.",
             "Weekend incidents were notified on Tuesday or later."],
        amber=["Notifications are sent, but {few} arrived after the school day began.",
               "Colleges and academies for 16- to 19-year-olds were missed in {few} cases."],
        green=["Late notifications in the sample were weekend incidents, sent by 07:30 on Monday.",
               "Notifications record whether the child was spoken to and what they said."],
        actions=["Overnight Operation Encompass rota in the control room",
                 "Weekend notifications sent by 07:30 on Monday",
                 "Monthly check of notifications against incidents"],
    ),
}  # fmt: skip

BARNSLEY_CUSTODY = (
    "Barnsley has no custody suite: children arrested here are detained in neighbouring districts' suites."
)

# Story lines for particular quarters: extra evidence lines, notes, or evidence left as it was.
STORY: dict[tuple[str, str, str], dict] = {
    # rotherham: recovering
    ("rotherham", "2025-Q3", "CH1"): dict(
        notes="Homes list rebuilt from the local authority register after the audit; see CH1-a1."),
    ("rotherham", "2025-Q4", "RP2"): dict(extra=[
        "CATS read access opened to all response sergeants in November; officers to follow."]),
    ("rotherham", "2026-Q1", "CH1"): dict(extra=[
        "Co-located liaison team (two DCs and a social worker) started in February."]),
    ("rotherham", "2026-Q1", "RP2"): dict(extra=[
        "Access extended to every frontline officer in January, with a search guide."]),
    ("rotherham", "2026-Q2", "CH8"): dict(extra=[
        "A dedicated missing coordinator now reads every interview; backlog cleared in May."]),
    ("rotherham", "2026-Q2", "PW2"): dict(extra=[
        "Daily strategy discussion slot with children's social care running since April."]),
    ("rotherham", "2026-Q3", "CH7"): dict(
        notes="Joint inspection of looked-after children, commissioned by the ACC, reports in "
        "October."),
    ("rotherham", "2026-Q4", "CH7"): dict(extra=[
        "Joint inspection report (October) found practice in homes consistently improved."]),
    ("rotherham", "2026-Q4", "CH5"): dict(
        notes="Remaining amber depends on the placing-forces protocol, which is regional."),
    # doncaster: slipping
    ("doncaster", "2026-Q1", "PW5"): dict(extra=[
        "Two experienced DCs transferred out in January and a DS retired; posts advertised."]),
    ("doncaster", "2026-Q1", "CH3"): dict(fig=dict(backlog=12)),
    ("doncaster", "2026-Q2", "CH8"): dict(fig=dict(backlog=19), extra=[
        "{backlog} return interviews were outstanding at the audit; the local authority service lost "
        "two workers in April."]),
    ("doncaster", "2026-Q3", "CH8"): dict(fig=dict(backlog=64), extra=[
        "The backlog has more than trebled since last quarter's audit (19)."],
        notes="Raised with the local authority's head of service; agency workers requested."),
    ("doncaster", "2026-Q4", "CH8"): dict(fig=dict(backlog=81), extra=[
        "Agency return interview workers commissioned by the local authority start in December."]),
    ("doncaster", "2026-Q3", "CH1"): dict(extra=[
        "Three of the four liaison officers left the PPU over the summer; their homes are not yet "
        "reallocated."]),
    ("force", "2026-Q3", "LD3"): dict(extra=[
        "Doncaster: five of the eight newest investigators are not yet accredited; sickness absence up."]),
    ("force", "2026-Q4", "LD3"): dict(
        notes="Doncaster recruitment campaign closes in December; interim mutual aid from Rotherham agreed."),
    ("doncaster", "2026-Q4", "IN6"): dict(extra=[
        "Eleven investigations were reallocated when two DCs left; no child was visited at handover."]),
    ("doncaster", "2026-Q4", "RP3"): dict(extra=[
        "Two of five PPU sergeant posts vacant; acting sergeants cover custody as well."]),
    # barnsley: steady
    ("barnsley", "2026-Q1", "RP1"): dict(extra=[
        "Dip reflects the move to the new CATS release in February; completeness recovered in March."]),
    ("force", "2026-Q4", "CC8"): dict(
        notes="Slip linked to the out-of-hours scheme changing provider at the suite Barnsley uses."),
    ("barnsley", "2026-Q2", "CH1"): dict(as_of=date(2026, 5, 29), notes=(
        "Annual check of every home completed in May; next full check due in the new year.")),
    ("barnsley", "2026-Q3", "CH1"): dict(same_as_previous=True),
    ("barnsley", "2026-Q4", "CH1"): dict(same_as_previous=True),
    ("force", "2026-Q2", "PW8"): dict(as_of=date(2026, 6, 12), notes=(
        "The district process comparison is run by headquarters once a year.")),
    ("force", "2026-Q3", "PW8"): dict(same_as_previous=True),
    ("force", "2026-Q4", "PW8"): dict(same_as_previous=True),
    ("force", "2026-Q2", "LD1"): dict(extra=[
        "First quarter assessed on the 2024 criteria: leadership is now assessed once, for the force."]),
    # sheffield: draft in progress
    ("sheffield", "2025-Q4", "CH1"): dict(extra=[
        "Homes list reconciled with the local authority register in November: three new homes "
        "added."]),
    ("sheffield", "2026-Q1", "CC3"): dict(extra=[
        "Out-of-hours accommodation agreement with the local authority in force since February."]),
    ("force", "2026-Q2", "PW9"): dict(as_of=date(2026, 3, 20), notes=(
        "The panel did not meet this quarter; evidence is from the March session.")),
    ("force", "2026-Q3", "PW9"): dict(same_as_previous=True, notes=(
        "The panel did not meet again; next session booked for October.")),
    ("sheffield", "2026-Q4", "CH7"): dict(notes=(
        'Partnership audit "Missing from care: first response [see annex B]" to be attached when '
        "final.")),
}  # fmt: skip

# Reviews: (reviewer, comment). {red}, {amber}, {green} are the counts in the reviewed file.
ACC, SUPT = "ACC B. Example", "Det Supt R. Example"
REVIEWS: dict[tuple[str, str], tuple[str, str]] = {
    ("rotherham", "2025-Q3"): (
        ACC,
        """\
A candid assessment: {red} red, {amber} amber and {green} green.
Care homes (an out-of-date homes list, return interviews not read) and recording are the priorities.
Bring the CH and RP action plans to the November performance board with named owners.
""",
    ),
    ("rotherham", "2025-Q4"): (
        SUPT,
        """\
Early movement on initial response and information sharing, and the actions are being worked.
Care-home liaison, supervision and strategy discussions remain red.
I want the return interview backlog reported monthly, not quarterly.
""",
    ),
    ("rotherham", "2026-Q1"): (
        ACC,
        """\
Real progress: no reds left in recording practice, and the co-located liaison team shows in the audits.
Return interviews and the outcomes for looked-after children are still red.
Well evidenced; accepted.
""",
    ),
    ("rotherham", "2026-Q2"): (
        SUPT,
        """\
First quarter on the 2024 criteria: {green} criteria green and one red, the digital forensic queue (IN3).
The return interview improvement rests on one coordinator post; make it resilient.
Keep re-auditing so that the greens stay evidenced.
""",
    ),
    ("rotherham", "2026-Q3"): (
        ACC,
        """\
{green} greens now, and the evidence is specific and dated.
Exploitation plans (CH5) and transfers of charged children (CC3) depend on partners; escalate through \
the safeguarding partnership if they stall.
Reviewed and accepted.
""",
    ),
    ("doncaster", "2025-Q3"): (
        ACC,
        """\
A strong position with {green} green and no reds.
Transfers of charged children (CC3) remain amber, as they are across the force.
Keep the audit programme running so that the evidence stays current.
""",
    ),
    ("doncaster", "2025-Q4"): (
        SUPT,
        """\
Consistent and well evidenced; no concerns.
The training gap noted last quarter has closed.
""",
    ),
    ("doncaster", "2026-Q1"): (
        ACC,
        """\
First signs of slippage: care-home liaison, return interviews and recording have moved to amber.
I note the PPU vacancies; please set out the interim cover plan.
Reviewed.
""",
    ),
    ("doncaster", "2026-Q2"): (
        SUPT,
        """\
The amber list is growing ({amber} this quarter) and the return interview backlog is rising.
The plan relies on recruitment that has not yet happened.
I have asked HR for a timeline for the PPU posts.
""",
    ),
    ("doncaster", "2026-Q3"): (
        ACC,
        """\
A concerning quarter: {red} criteria are now red, concentrated in care-home liaison and recording.
The return interview backlog has grown sharply and liaison officers have left without replacement.
I want fortnightly updates on CH8 and RP3; escalated to the chief officer group.
""",
    ),
    ("barnsley", "2025-Q3"): (
        ACC,
        """\
A steady position: {green} green, {amber} amber and no reds.
Consistency of joint working (PW4) and staffing (PW5) need force-level help and are noted.
Custody criteria are well evidenced despite the use of neighbouring suites.
""",
    ),
    ("barnsley", "2025-Q4"): (
        SUPT,
        """\
No change in grades, but the evidence is fresh and the actions are moving.
Good to see strategy discussion timeliness close to the standard.
""",
    ),
    ("barnsley", "2026-Q1"): (
        ACC,
        """\
Strategy discussions and missing children up to green.
RP1 slipped to amber with the CATS release; I expect it back next quarter.
Reviewed.
""",
    ),
    ("barnsley", "2026-Q2"): (
        SUPT,
        """\
RP1 recovered as expected and supervision is now green.
Exploitation plans for looked-after children (CH5) have been amber for a year: what would make them \
green?
""",
    ),
    ("barnsley", "2026-Q3"): (
        ACC,
        """\
A good quarter, with voice of the child (IR3) and first accounts (IR7) now green.
The homes list check is from May; refresh it before the inspection window.
""",
    ),
    ("barnsley", "2026-Q4"): (
        ACC,
        """\
Submitted early and well evidenced: {green} green and {amber} amber.
The CH1 evidence is now stale; please refresh it in the first quarter.
Searches of children (CC7) are now green, with an inspector reviewing each one.
Reviewed.
""",
    ),
    ("sheffield", "2025-Q3"): (
        ACC,
        """\
A mixed picture, mostly amber, with transfers of charged children (CC3) red.
Sheffield's volume makes time in custody the main risk; the actions look right.
Reviewed.
""",
    ),
    ("sheffield", "2025-Q4"): (
        SUPT,
        """\
CH1 is now green after the homes list reconciliation.
CC3 is still red: the discussions with the local authority need escalating.
Reviewed.
""",
    ),
    ("sheffield", "2026-Q1"): (
        ACC,
        """\
CC3 moves to amber with the new out-of-hours agreement, and initial response is improving.
Strategy discussion timeliness (PW2) is still the weakest partnership measure.
""",
    ),
    ("sheffield", "2026-Q2"): (
        SUPT,
        """\
Good progress on missing children and training; {green} green now.
Voice of the child in records (IR3) has been amber for a year and needs a new approach.
""",
    ),
    ("sheffield", "2026-Q3"): (
        ACC,
        """\
Steady quarter; the one red is digital forensic waits (IN3), the main investigation risk.
The new triage kiosk should help.
Reviewed.
""",
    ),
    ("force", "2026-Q2"): (
        ACC,
        """\
The first force-level assessment on the 2024 criteria: {green} green, {amber} amber.
Workforce capacity (LD3) and joint arrangements across districts (PW8) are the leadership risks.
Reviewed.
""",
    ),
    ("force", "2026-Q3"): (
        ACC,
        """\
Learning from reviews (PW9) rests on panel evidence from March; refresh it.
Doncaster's staffing is now a force risk, reported to the chief officer group.
""",
    ),
}
REVIEW_DELAY = {"barnsley": 14, "doncaster": 19, "rotherham": 23, "sheffield": 26, "force": 30}  # days
REVIEW_HOUR = {"barnsley": 10, "doncaster": 14, "rotherham": 9, "sheffield": 15, "force": 11}
# 2026-Q4 is still running on "today" (2026-11-23): the last saves are in November.
Q4_UPDATED = {
    "barnsley": datetime(2026, 11, 10, 14, 20, tzinfo=UTC),
    "doncaster": datetime(2026, 11, 20, 11, 5, tzinfo=UTC),
    "rotherham": datetime(2026, 11, 18, 15, 42, tzinfo=UTC),
    "sheffield": datetime(2026, 11, 21, 16, 37, tzinfo=UTC),
    "force": datetime(2026, 11, 16, 12, 10, tzinfo=UTC),
}
BARNSLEY_Q4_REVIEWED = datetime(2026, 11, 19, 10, 30, tzinfo=UTC)
