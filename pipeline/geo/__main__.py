"""``python -m pipeline.geo FILE``: each union name of FILE (one a line, '-' for stdin) with its level
and place as CSV, and a count of placed, unplaced and refused names on stderr."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from pipeline.geo.unions import resolve_union

COLUMNS = ["union_name", "union_level", "province", "province_code", "prefecture", "prefecture_code",
           "county", "county_code", "place_note"]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m pipeline.geo FILE  (one union name a line; '-' reads stdin)",
              file=sys.stderr)
        return 2
    try:
        text = sys.stdin.read() if argv[0] == "-" else Path(argv[0]).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        print(f"{argv[0]}: cannot read ({e}); give a UTF-8 text file with one union name a line",
              file=sys.stderr)
        return 2
    out = csv.writer(sys.stdout)
    out.writerow(COLUMNS)
    counts = {"placed": 0, "unplaced": 0, "not a union name": 0}
    for line in text.splitlines():
        name = line.strip()
        if not name:
            continue
        geo = resolve_union(name)
        if geo is None:
            counts["not a union name"] += 1
            out.writerow([name, "", "", "", "", "", "", "", "not a union name"])
            continue
        counts["placed" if geo.placed else "unplaced"] += 1
        out.writerow([getattr(geo, c) or "" for c in COLUMNS])
    print(", ".join(f"{k}: {v}" for k, v in counts.items()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
