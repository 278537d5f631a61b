"""Draw concurrent requests as bars on one time axis, in the terminal.

Each request is one row. `░` is the time it waited for an answer, `█` the last
"one alone" seconds before its answer: the server at work on it. Requests that
were served one at a time draw a staircase, requests served all at once one
block, a pool of N threads steps of N rows.
"""

WAIT, WORK = "░", "█"


def column(seconds, scale, width):
    return round(seconds / scale * width) if scale else 0


def bar(start, end, single, scale, width):
    """One request's row: spaces, then ░ while it waited, then █ while served."""
    worked_from = max(start, end - single)
    first = column(start, scale, width)
    work = min(column(worked_from, scale, width), width - 1)
    last = min(max(column(end, scale, width), work + 1), width)
    return " " * first + WAIT * max(work - first, 0) + WORK * (last - work)


def rows(spans, single, scale, width):
    """The bars of one variant, in the order the answers came."""
    ordered = sorted(spans, key=lambda span: (span[1], span[0]))
    return [bar(start, end, single, scale, width) for start, end in ordered]


def axis(scale, width):
    """A ruler under the bars: 0 s at the left, the scale's seconds at the right."""
    right = f"{scale:.1f} s"
    ticks = "┬" + "─" * (width - 2) + "┬"
    labels = "0 s".ljust(width - len(right)) + right
    return [ticks, labels]


def draw(variants, width=60):
    """variants: [(label, single, [(start, end), ...])] -> the lines to print.

    All variants share one scale, the latest answer of any, so their bars can be
    compared by eye."""
    scale = max((end for _, _, spans in variants for _, end in spans), default=0)
    lines = []
    for label, single, spans in variants:
        lines.append(f"  {label}")
        for number, row in enumerate(rows(spans, single, scale, width), start=1):
            lines.append(f"  {number:>3} {row}")
        lines.append("")
    lines += ["      " + line for line in axis(scale, width)]
    lines.append(
        f"      {WAIT} waiting   {WORK} being served (its last one-alone time)"
    )
    return lines
