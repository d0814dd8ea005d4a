"""Measure the frontier, MESO and the worksheet's analysis on a large worksheet (issue 26).

.venv/bin/python benchmarks/bench_frontier.py [--runs 7]

The case: 10 terms with 100 candidate values each (100¹⁰ packages), weights and
directions varied, one term shaped by score points, a BATNA score for each side and
three offers; in process, after one warm-up run. Figures are the process's CPU time
(`time.process_time`): on a machine shared with other work, wall time adds the
waiting for a core, which says nothing of this code; `--wall` measures that instead.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from table import Row, text_table

from salesdesk.domain.analysis import analyse
from salesdesk.domain.deal import Batna, DealSheet, Offer
from salesdesk.domain.frontier import deal_map
from salesdesk.domain.meso import equivalent_packages
from salesdesk.domain.terms import Direction, ScorePoint, Side, Term, Value

TODAY = date(2026, 12, 1)


def large_sheet() -> DealSheet:
    """10 terms × 100 candidate values (opening and walk-aways 99 steps apart)."""
    terms = []
    for i in range(10):
        higher = i % 2 == 0
        low, high = Decimal(100), Decimal(199)
        term = Term(
            f"Term {i + 1}",
            direction=Direction.HIGHER_IS_BETTER if higher else Direction.LOWER_IS_BETTER,
            weight=Decimal(5 + i) + Decimal("0.25"),
            their_weight=Decimal((i * 7) % 13 + 3),
            opening=high if higher else low,
            target=Decimal(150),
            walk_away=low + 10 if higher else high - 10,
            their_opening=low if higher else high,
            their_walk_away=high - 10 if higher else low + 10,
            step=Decimal(1),
        )
        if i == 3:  # a preference that rises and falls for them
            term.their_points = [
                ScorePoint(Decimal(100), Decimal(20)),
                ScorePoint(Decimal(180), Decimal(100)),
                ScorePoint(Decimal(199), Decimal(90)),
            ]
        terms.append(term)
    opening: dict[str, Value] = {t.name: t.opening for t in terms if t.opening is not None}
    middle: dict[str, Value] = {t.name: Decimal(150) for t in terms}
    theirs: dict[str, Value] = {
        t.name: t.their_opening for t in terms if t.their_opening is not None
    }
    return DealSheet(
        "Large",
        "Bench",
        terms=terms,
        batna_ours=Batna("other buyer", score=Decimal(35)),
        batna_theirs=Batna("other supplier", score=Decimal(30)),
        offers=[
            Offer(Side.US, 1, dict(opening)),
            Offer(Side.THEM, 1, dict(theirs)),
            Offer(Side.US, 2, middle),
        ],
    )


CLOCK = time.process_time


def _median_ms(func: Callable[[], object], runs: int) -> float:
    func()  # warm-up: imports, caches
    times = []
    for _ in range(runs):
        start = CLOCK()
        func()
        times.append(CLOCK() - start)
    return statistics.median(times) * 1000


def measure(runs: int = 7) -> list[Row]:
    from salesdesk.interop.demo import sample_sheets

    sheet = large_sheet()
    batnas = (Decimal(35), Decimal(30))

    def frontier_and_meso() -> None:
        deal_map(sheet.terms, *batnas)
        equivalent_packages(sheet.terms, Decimal(70), batnas[0], their_batna=batnas[1])

    edits = iter(range(10**9))

    def term_edit() -> None:
        # A worksheet edit of a term: nothing computed before can be reused.
        sheet.terms[0].target = Decimal(150 + next(edits) % 40)

    def frontier_and_meso_fresh() -> None:
        term_edit()
        frontier_and_meso()

    def deal_map_fresh() -> None:
        term_edit()
        deal_map(sheet.terms, *batnas)

    def analyse_after_term_edit() -> None:
        term_edit()
        analyse(sheet, TODAY)

    both = _median_ms(frontier_and_meso_fresh, runs)
    alone = _median_ms(deal_map_fresh, runs)
    large = _median_ms(analyse_after_term_edit, runs)
    other = _median_ms(lambda: analyse(sheet, TODAY), runs)
    samples = list(sample_sheets(TODAY).values())
    worst = max(_median_ms(partial(analyse, s, TODAY), runs) for s in samples)
    return [
        Row(
            "frontier + MESO, 10 terms × 100 values",
            f"{both:.0f} ms",
            "≤ 300 ms",
            both <= 300,
        ),
        Row("frontier, deal zone and Nash alone, same", f"{alone:.0f} ms", "", True),
        Row("analyse() after a term edit, same", f"{large:.0f} ms", "≤ 100 ms", large <= 100),
        Row(
            "analyse() after another edit (offer, ledger)",
            f"{other:.0f} ms",
            "≤ 100 ms",
            other <= 100,
        ),
        Row("analyse() of the slowest sample deal", f"{worst:.1f} ms", "≤ 100 ms", worst <= 100),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--wall", action="store_true", help="wall time, not CPU time")
    args = parser.parse_args()
    global CLOCK
    if args.wall:
        CLOCK = time.perf_counter
    print(text_table(measure(args.runs)))


if __name__ == "__main__":
    main()
