"""A benchmark's result: one row per measure, its figure beside the issue's target."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple


class Row(NamedTuple):
    measure: str
    figure: str
    target: str
    ok: bool


def text_table(rows: Sequence[Row]) -> str:
    width = max(len(r.measure) for r in rows)
    fig = max(len(r.figure) for r in rows)
    tgt = max([len(r.target) for r in rows] + [6])
    lines = [f"{'measure':<{width}}  {'figure':<{fig}}  {'target':<{tgt}}  ok"]
    for r in rows:
        verdict = "yes" if r.ok else "NO"
        lines.append(f"{r.measure:<{width}}  {r.figure:<{fig}}  {r.target:<{tgt}}  {verdict}")
    return "\n".join(lines)


def markdown_table(rows: Sequence[Row]) -> str:
    lines = ["| measure | figure | target | met |", "|---|---|---|---|"]
    for r in rows:
        verdict = "" if not r.target else ("yes" if r.ok else "**no**")
        lines.append(f"| {r.measure} | {r.figure} | {r.target} | {verdict} |")
    return "\n".join(lines)
