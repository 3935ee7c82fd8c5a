#!/usr/bin/env python3
"""Regenerate the demonstration workspace: ``selfassess.toml`` and everything under ``assessments/``.

The data is invented: four districts, six quarters (2025-Q3 to 2026-Q4, "today" being 2026-11-23),
with a story in each district so that ``summary``, ``diff``, ``history`` and the review screen have
something real to show:

- rotherham recovers from many reds to mostly green; 2026-Q4 submitted, awaiting review;
- doncaster slips (PPU staff turnover, a backlog of return interviews); 2026-Q4 submitted, no review;
- barnsley stays steady amber/green (no custody suite); 2026-Q4 submitted and reviewed;
- sheffield's 2026-Q4 is a draft in progress, with criteria still carried from 2026-Q3.

Nothing is random at run time (one ``random.Random`` per value, seeded by its name) and every time is
fixed, so a rerun writes byte-identical files. No real person appears: every name is "Example".

    .venv/bin/python scripts/make_demo.py            # rewrite selfassess.toml and assessments/ here
    .venv/bin/python scripts/make_demo.py --out DIR  # write them into DIR instead
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from selfassess.criteria import load_framework  # noqa: E402
from selfassess.model import Action, Assessment, Framework, Response, Review  # noqa: E402
from selfassess.store import assessment_sha256, save_assessment, save_review  # noqa: E402

SETTINGS = """\
# selfassess workspace settings (the file that marks this folder as a workspace).
# Demonstration data: the force name is real, but every assessment, figure and person
# under assessments/ is invented. Regenerate it all with scripts/make_demo.py.
force = "South Yorkshire Police (demonstration data)"
framework = "ncpi"                  # criteria/ncpi.yaml
districts = ["barnsley", "doncaster", "rotherham", "sheffield"]
quarters = "calendar"               # 2026-Q4 = October to December 2026
stale_after_days = 183              # evidence older than this at the period's end is flagged

# Criteria with applies_to: [custody] (CC2, CC3) are asked only of districts with a custody
# suite; Barnsley has none, so its files do not contain them.
[capabilities]
doncaster = ["custody"]
rotherham = ["custody"]
sheffield = ["custody"]

[privacy]
allow = ["0114 220 2020"]           # the force's own switchboard number is not personal data
"""

DISTRICTS = ("barnsley", "doncaster", "rotherham", "sheffield")
CUSTODY = {"doncaster", "rotherham", "sheffield"}
PERIODS = ("2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4")
TODAY = date(2026, 11, 23)
MONTHS = "January February March April May June July August September October November December".split()

ASSESSOR = {
    "barnsley": "DCI S. Example",
    "doncaster": "DCI D. Example",
    "rotherham": "DCI A. Example",
    "sheffield": "DCI W. Example",
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
}  # fmt: skip
HOMES = {"barnsley": 14, "doncaster": 23, "rotherham": 27, "sheffield": 41}
ESTABLISHMENT = {"barnsley": 24, "doncaster": 32, "rotherham": 34, "sheffield": 52}
SIZE = {"barnsley": 0.6, "doncaster": 0.9, "rotherham": 0.8, "sheffield": 1.5}

# Ratings per criterion, one letter per quarter 2025-Q3 … 2026-Q4: R red, A amber, G green.
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
LETTER = {"R": "red", "A": "amber", "G": "green"}

# Sheffield 2026-Q4, a draft in progress: rated afresh, evidence only (not yet rated), still carried
# from 2026-Q3 unconfirmed; every other criterion is not started (absent from the file).
SHEFFIELD_DRAFT = {
    "rated": ("IR1", "IR2", "IR4", "IR5", "CC1", "CC2", "CC3", "CC5", "CH1", "CH2", "CH5", "RP1"),
    "evidence_only": ("IR3", "CH3", "RP3"),
    "carried": ("CC4", "RP5", "PW2", "PW6"),
}

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
        red=["Requests for accommodation went unanswered out of hours in {few} cases, with no "
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
        sample="Appropriate adult timings for {n} child detainees ({month}): median wait {wait}; {k} of "
        "{n} within the two-hour standard.",
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
             "Children missing from homes were graded 'absent' without a check of their history."],
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
               "Actions are recorded but not always shared with every agency."],
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
    ("rotherham", "2026-Q2", "CH3"): dict(extra=[
        "A dedicated missing coordinator now reads every interview; backlog cleared in May."]),
    ("rotherham", "2026-Q2", "PW2"): dict(extra=[
        "Daily strategy discussion slot with children's social care running since April."]),
    ("rotherham", "2026-Q3", "CH6"): dict(
        notes="Joint inspection of looked-after children, commissioned by the ACC, reports in "
        "October."),
    ("rotherham", "2026-Q4", "CH6"): dict(extra=[
        "Joint inspection report (October) found practice in homes consistently improved."]),
    ("rotherham", "2026-Q4", "CH5"): dict(
        notes="Remaining amber depends on the placing-forces protocol, which is regional."),
    # doncaster: slipping
    ("doncaster", "2026-Q1", "PW5"): dict(extra=[
        "Two experienced DCs transferred out in January and a DS retired; posts advertised."]),
    ("doncaster", "2026-Q1", "CH3"): dict(fig=dict(backlog=12)),
    ("doncaster", "2026-Q2", "CH3"): dict(fig=dict(backlog=19), extra=[
        "{backlog} return interviews were outstanding at the audit; the local authority service lost "
        "two workers in April."]),
    ("doncaster", "2026-Q3", "CH3"): dict(fig=dict(backlog=64), extra=[
        "The backlog has more than trebled since last quarter's audit (19)."],
        notes="Raised with the local authority's head of service; agency workers requested."),
    ("doncaster", "2026-Q4", "CH3"): dict(fig=dict(backlog=81), extra=[
        "Agency return interview workers commissioned by the local authority start in December."]),
    ("doncaster", "2026-Q3", "CH1"): dict(extra=[
        "Three of the four liaison officers left the PPU over the summer; their homes are not yet "
        "reallocated."]),
    ("doncaster", "2026-Q3", "PW5"): dict(extra=[
        "Five of the eight newest investigators are not yet accredited; sickness absence up."]),
    ("doncaster", "2026-Q4", "PW5"): dict(
        notes="Recruitment campaign closes in December; interim mutual aid from Rotherham agreed."),
    ("doncaster", "2026-Q4", "RP3"): dict(extra=[
        "Two of five PPU sergeant posts vacant; acting sergeants cover custody as well."]),
    # barnsley: steady
    ("barnsley", "2026-Q1", "RP1"): dict(extra=[
        "Dip reflects the move to the new CATS release in February; completeness recovered in March."]),
    ("barnsley", "2026-Q4", "CC4"): dict(
        notes="Slip linked to the neighbouring suite's out-of-hours scheme changing provider."),
    ("barnsley", "2026-Q2", "CH1"): dict(as_of=date(2026, 5, 29), notes=(
        "Annual check of every home completed in May; next full check due in the new year.")),
    ("barnsley", "2026-Q3", "CH1"): dict(same_as_previous=True),
    ("barnsley", "2026-Q4", "CH1"): dict(same_as_previous=True),
    ("barnsley", "2026-Q2", "PW4"): dict(as_of=date(2026, 6, 12), notes=(
        "Force-wide process comparison is run by headquarters once a year.")),
    ("barnsley", "2026-Q3", "PW4"): dict(same_as_previous=True),
    ("barnsley", "2026-Q4", "PW4"): dict(same_as_previous=True),
    # sheffield: draft in progress
    ("sheffield", "2025-Q4", "CH1"): dict(extra=[
        "Homes list reconciled with the local authority register in November: three new homes "
        "added."]),
    ("sheffield", "2026-Q1", "CC3"): dict(extra=[
        "Out-of-hours accommodation agreement with the local authority in force since February."]),
    ("sheffield", "2026-Q2", "PW6"): dict(as_of=date(2026, 3, 20), notes=(
        "The panel did not meet this quarter; evidence is from the March session.")),
    ("sheffield", "2026-Q3", "PW6"): dict(same_as_previous=True, notes=(
        "The panel did not meet again; next session booked for October.")),
    ("sheffield", "2026-Q4", "CH2"): dict(notes=(
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
No reds this quarter for the first time, with {green} criteria now green.
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
I want fortnightly updates on CH3 and RP3; escalated to the chief officer group.
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
A good quarter, with voice of the child (IR3) and custody oversight (CC6) now green.
The homes list check and the district comparison are from May and June; refresh them before the \
inspection window.
""",
    ),
    ("barnsley", "2026-Q4"): (
        ACC,
        """\
Submitted early and well evidenced: {green} green and {amber} amber.
The CH1 and PW4 evidence is now stale; please refresh it in the first quarter.
Appropriate adult waits have slipped back to amber and the action is the right one.
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
Steady quarter with no reds.
The victims and survivors panel evidence (PW6) dates from March; make sure it is refreshed next quarter.
Reviewed.
""",
    ),
}
REVIEW_DELAY = {"barnsley": 14, "doncaster": 19, "rotherham": 23, "sheffield": 26}  # days after the end
REVIEW_HOUR = {"barnsley": 10, "doncaster": 14, "rotherham": 9, "sheffield": 15}
# 2026-Q4 is still running on "today" (2026-11-23): the last saves are in November.
Q4_UPDATED = {
    "barnsley": datetime(2026, 11, 10, 14, 20, tzinfo=UTC),
    "doncaster": datetime(2026, 11, 20, 11, 5, tzinfo=UTC),
    "rotherham": datetime(2026, 11, 18, 15, 42, tzinfo=UTC),
    "sheffield": datetime(2026, 11, 21, 16, 37, tzinfo=UTC),
}
BARNSLEY_Q4_REVIEWED = datetime(2026, 11, 19, 10, 30, tzinfo=UTC)


# -- dates --------------------------------------------------------------------------------------


def quarter_start(period: str) -> date:
    year, q = int(period[:4]), int(period[-1])
    return date(year, 3 * (q - 1) + 1, 1)


def quarter_end(period: str) -> date:
    year, q = int(period[:4]), int(period[-1])
    return (date(year + 1, 1, 1) if q == 4 else date(year, 3 * q + 1, 1)) - timedelta(days=1)


def month_end(year: int, month: int) -> date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    nxt = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return nxt - timedelta(days=1)


def updated_at(district: str, period: str) -> datetime:
    if period == "2026-Q4":
        return Q4_UPDATED[district]
    end = quarter_end(period)
    i = PERIODS.index(period)
    # Barnsley and Rotherham finish in the quarter's last month; Sheffield and Doncaster often
    # just after it.
    day = {"barnsley": 17, "rotherham": 22, "doncaster": 27, "sheffield": 30}[district] + i % 3
    when = datetime(end.year, end.month, 1, 9 + (i * 3 + len(district)) % 8, (i * 17) % 60, tzinfo=UTC)
    return when + timedelta(days=day - 1)


def rng(*parts: object) -> random.Random:
    return random.Random("/".join(str(p) for p in parts))


# -- the figures behind one criterion's evidence ------------------------------------------------


BANDS = {"red": (0.42, 0.66), "amber": (0.70, 0.86), "green": (0.91, 1.0)}


def figures(district: str, period: str, cid: str, rating: str, as_of: date | None = None) -> dict:
    """The numbers and words for one criterion's evidence, fixed by district, period and criterion."""
    r = rng(district, period, cid)
    spec = CONTENT[cid]
    n = spec["n"]
    if n == "homes":
        n = HOMES[district]
    elif n == "est":
        n = ESTABLISHMENT[district]
    elif isinstance(n, tuple):
        n = r.randint(*n)
    lo, hi = BANDS[rating]
    k = max(0, min(n, round(n * r.uniform(lo, hi))))
    if rating == "green":
        k = max(k, n - max(1, n // 10))
    pct_b = round(100 * r.uniform(lo, hi))
    est = ESTABLISHMENT[district]
    vac = {"red": r.randint(6, 9), "amber": r.randint(2, 5), "green": r.randint(0, 1)}[rating]
    posts = {"barnsley": 4, "doncaster": 6, "rotherham": 6, "sheffield": 9}[district]
    i, ci = PERIODS.index(period), list(CONTENT).index(cid)
    months = 2 if period == "2026-Q4" else 3
    month_index = (i + ci) % months
    start = quarter_start(period)
    month = start.month + month_index
    last_day = month_end(start.year, month).day
    if period == "2026-Q4" and month == 11:
        last_day = 13
    fixed = as_of
    as_of = date(start.year, month, r.randint(min(8, last_day), last_day))
    if month_index == 2:  # the last month: evidence before the assessment is finalised
        as_of = as_of.replace(day=min(as_of.day, 16))
    if fixed is not None:
        month, as_of = fixed.month, fixed
    return dict(
        n=n,
        k=k,
        miss=n - k,
        pct=round(100 * k / n),
        pct_b=pct_b,
        few={"red": r.randint(5, 9), "amber": r.randint(2, 4), "green": 1}[rating],
        points=r.randint(3, 8),
        days={"red": r.randint(6, 11), "amber": r.randint(3, 5), "green": r.randint(1, 2)}[rating],
        hours={"red": r.randint(15, 21), "amber": r.randint(10, 14), "green": r.randint(6, 9)}[rating],
        wait=r.choice({"red": ["4 hours 40 minutes", "5 hours 15 minutes", "3 hours 55 minutes"],
                       "amber": ["2 hours 35 minutes", "2 hours 10 minutes", "2 hours 50 minutes"],
                       "green": ["1 hour 25 minutes", "1 hour 10 minutes", "1 hour 40 minutes"]}[rating]),
        backlog={"red": r.randint(40, 75), "amber": r.randint(12, 28), "green": 0}[rating],
        trend={"red": "rose again", "amber": "were level", "green": "fell"}[rating],
        total=round({"CC6": 95, "CH2": 180}.get(cid, 100) * SIZE[district] * r.uniform(0.85, 1.15)),
        vac=vac,
        caseload={"red": r.randint(21, 28), "amber": r.randint(15, 19), "green": r.randint(9, 13)}[rating],
        est=est,
        posts=posts,
        filled=posts - {"red": 2, "amber": 1, "green": 0}[rating],
        month=MONTHS[month - 1],
        as_of=as_of,
    )  # fmt: skip


def evidence_for(district: str, period: str, cid: str, rating: str) -> tuple[str, date]:
    spec = CONTENT[cid]
    story = STORY.get((district, period, cid), {})
    f = figures(district, period, cid, rating, story.get("as_of")) | story.get("fig", {})
    i, ci = PERIODS.index(period), list(CONTENT).index(cid)
    lines = []
    if district == "barnsley" and cid.startswith("CC"):
        lines.append(BARNSLEY_CUSTODY)
    lines.append(spec["sample"].format(**f))
    options = spec[rating]
    first = (i + ci) % len(options)
    lines.append(options[first].format(**f))
    if (i + 2 * ci) % 3 == 0 and rating == "red":
        lines.append(options[(first + 1) % len(options)].format(**f))
    lines += [line.format(**f) for line in story.get("extra", [])]
    return "".join(line + "\n" for line in lines), f["as_of"]


# -- actions ------------------------------------------------------------------------------------


class ActionBook:
    """One district's improvement actions for one criterion, rolled forward quarter by quarter."""

    def __init__(self, district: str, cid: str) -> None:
        self.district, self.cid = district, cid
        self.open: list[Action] = []
        self.count = 0
        self.last_rating: str | None = None
        self.quarters_below = 0

    def _new(self, period: str) -> Action:
        self.count += 1
        texts = CONTENT[self.cid]["actions"]
        r = rng(self.district, period, self.cid, "due", self.count)
        end = quarter_end(period)
        due = month_end(end.year, end.month + r.randint(1, 4))
        if r.random() < 0.3:
            due = due.replace(day=15)
        return Action(
            id=f"{self.cid}-a{self.count}",
            action=texts[(self.count - 1) % len(texts)],
            owner=OWNERS[self.district][self.cid[:2]],
            due=due,
        )

    def _done_date(self, period: str, action: Action) -> date:
        r = rng(self.district, period, action.id, "done")
        start = quarter_start(period)
        last = 13 if period == "2026-Q4" else 25
        done = date(start.year, start.month + 1, r.randint(4, last))
        return min(done, updated_at(self.district, period).date() - timedelta(days=1))

    def roll(self, period: str, rating: str | None) -> list[Action]:
        """This quarter's actions for the criterion: open ones carried, some done, some new."""
        carried = []
        for action in self.open:
            copy = Action(action.id, action.action, action.owner, action.due, action.done)
            # An action that has run past its date is usually re-dated when the quarter is written up;
            # some stay overdue. In 2026-Q4, still under way, only those due before October are.
            written = updated_at(self.district, period).date()
            cutoff = quarter_start(period) if period == "2026-Q4" else written
            if copy.due is not None and copy.due < cutoff:
                r = rng(self.district, period, copy.id, "redate")
                if r.random() < 0.6:
                    end = quarter_end(period)
                    copy.due = month_end(end.year, end.month + r.randint(1, 2))
            carried.append(copy)
        actions = carried
        if rating is None:  # evidence only, not yet rated: carry the open actions as they are
            self.open = [a for a in actions if a.is_open]
            return actions
        rank = {"red": 0, "amber": 1, "green": 2}
        previous = self.last_rating
        if rating == "green":
            for action in actions:
                action.done = self._done_date(period, action)
            self.quarters_below = 0
        else:
            self.quarters_below += 1
            if not actions:
                actions.append(self._new(period))
            elif previous is not None and rank[rating] > rank[previous]:
                # improving but not there yet: the first step is done, the next one begins
                actions[0].done = self._done_date(period, actions[0])
                actions.append(self._new(period))
            elif previous is not None and rank[rating] < rank[previous]:
                actions.append(self._new(period))  # worse: escalate
            elif self.quarters_below == 4 and len(actions) == 1:
                actions.append(self._new(period))  # stuck for a year: add a step
        self.last_rating = rating
        self.open = [a for a in actions if a.is_open]
        return actions


# -- building the assessments -------------------------------------------------------------------


def rating_of(district: str, cid: str, period: str) -> str:
    return LETTER[RATINGS[district][cid][PERIODS.index(period)]]


def build_district(district: str, framework: Framework) -> list[Assessment]:
    capabilities = ("custody",) if district in CUSTODY else ()
    criteria = [c.id for c in framework.applicable(capabilities)]
    assert set(criteria) == set(RATINGS[district]), district
    books = {cid: ActionBook(district, cid) for cid in criteria}
    history: list[Assessment] = []
    for period in PERIODS:
        draft = district == "sheffield" and period == "2026-Q4"
        a = Assessment(
            framework=framework.id,
            framework_version=framework.version,
            district=district,
            period=period,
            status="draft" if draft else "submitted",
            assessor=ASSESSOR[district],
            updated=updated_at(district, period),
        )
        previous = history[-1] if history else None
        for cid in criteria:
            story = STORY.get((district, period, cid), {})
            if draft and cid in SHEFFIELD_DRAFT["carried"]:
                old = previous.responses[cid]
                a.responses[cid] = Response(
                    rating=old.rating,
                    evidence=old.evidence,
                    notes=old.notes,
                    as_of=old.as_of,
                    carried=True,
                    actions=[Action(x.id, x.action, x.owner, x.due) for x in old.open_actions()],
                )
                continue
            if draft and cid not in SHEFFIELD_DRAFT["rated"] + SHEFFIELD_DRAFT["evidence_only"]:
                continue
            rating = rating_of(district, cid, period)
            if story.get("same_as_previous"):
                old = previous.responses[cid]
                evidence, as_of = old.evidence, old.as_of
                notes = story.get("notes", old.notes)
            else:
                evidence, as_of = evidence_for(district, period, cid, rating)
                as_of = min(as_of, a.updated.date() - timedelta(days=1))
                notes = story.get("notes", "")
            if draft and cid in SHEFFIELD_DRAFT["evidence_only"]:
                evidence = evidence.splitlines(keepends=True)[0]  # only the sample line so far
                notes = notes or "Rating to be agreed at the PPU meeting in December."
                rating = None
            a.responses[cid] = Response(
                rating=rating,
                evidence=evidence,
                notes=notes,
                as_of=as_of,
                actions=books[cid].roll(period, rating),
            )
        history.append(a)
    return history


def counts(assessment: Assessment) -> dict[str, int]:
    result = {"red": 0, "amber": 0, "green": 0}
    for response in assessment.responses.values():
        if response.rating in result:
            result[response.rating] += 1
    return result


def write_workspace(out: Path) -> list[Path]:
    framework = load_framework(ROOT / "criteria" / "ncpi.yaml")
    (out / "selfassess.toml").write_text(SETTINGS, encoding="utf-8", newline="\n")
    shutil.rmtree(out / "assessments", ignore_errors=True)
    written = [out / "selfassess.toml"]
    for district in DISTRICTS:
        folder = out / "assessments" / district
        folder.mkdir(parents=True)
        for assessment in build_district(district, framework):
            path = folder / f"{assessment.period}.toml"
            save_assessment(assessment, path, framework, now=assessment.updated)
            written.append(path)
            key = (district, assessment.period)
            if key not in REVIEWS:
                continue
            reviewer, comment = REVIEWS[key]
            if assessment.period == "2026-Q4":
                reviewed = BARNSLEY_Q4_REVIEWED
            else:
                end = quarter_end(assessment.period)
                reviewed = datetime(end.year, end.month, end.day, REVIEW_HOUR[district], tzinfo=UTC)
                reviewed += timedelta(days=REVIEW_DELAY[district])
            review = Review(
                reviewer=reviewer,
                reviewed=reviewed,
                assessment_sha256=assessment_sha256(path),
                comment=comment.format(**counts(assessment)),
            )
            review_path = folder / f"{assessment.period}.review.toml"
            save_review(review, review_path)
            written.append(review_path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT, help="workspace folder (default: the repo)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    written = write_workspace(args.out)
    print(f"wrote {len(written)} files under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
