"""The documents that travel with each release folder: its README, licences and CITATION.cff.

What belongs here: the text of those files. The licences are copied from the repository's
``LICENSE`` and ``LICENSE-DATA``; the README and CITATION.cff carry the version and the counts.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.paths import REPO_ROOT

LICENSE_FILES = ("LICENSE", "LICENSE-DATA")


def copy_licences(folder: Path, root: Path = REPO_ROOT) -> list[Path]:
    out = []
    for name in LICENSE_FILES:
        source = Path(root) / name
        if not source.is_file():
            raise FileNotFoundError(f"{name}: the licence file is missing from the repository root; "
                                    f"restore it from git (git checkout -- {name})")
        target = Path(folder) / name
        target.write_bytes(source.read_bytes())
        out.append(target)
    return out


def citation_cff(version: str, created: str) -> str:
    return (
        "cff-version: 1.2.0\n"
        'message: "If you use this dataset, please cite it as below (CC BY 4.0, see LICENSE-DATA)."\n'
        "type: dataset\n"
        'title: "ACFTU national trade-union innovation cases / 全国工会重点工作创新案例"\n'
        "authors:\n"
        '  - name: "acftu-innovation-cases maintainers"\n'
        f'version: "{version}"\n'
        f"date-released: {str(created)[:10]}\n"
        "license: CC-BY-4.0\n")


def release_readme(frames: dict[str, pd.DataFrame], *, version: str, created: str, workbook: str) -> str:
    counts = ", ".join(f"{len(f)} {name}" for name, f in frames.items())
    return f"""# ACFTU national trade-union innovation cases — release v{version}

全国工会重点工作创新案例数据集，版本 v{version}（{str(created)[:10]}）。

**What.** The national trade-union innovation cases published by the All-China Federation of Trade
Unions (中华全国总工会) in newspaper bulletins, as tables: one row per bulletin, one row per case
(with the union's province and prefecture and their GB/T 2260 codes) and one row per figure stated
in the texts, normalized to exact numbers with unit, qualifier and bounds.

**Version** {version}, cut {str(created)[:10]}. **Rows:** {counts}.

## Files

- `bulletins.csv`, `cases.csv`, `figures.csv` — UTF-8 (no byte-order mark), header row, RFC 4180.
- `bulletins.parquet`, `cases.parquet`, `figures.parquet` — the same tables, exact DECIMAL values.
- `{workbook}` — the tables for Excel, one sheet each, and a `columns` sheet explaining every column.
- `load.sql` — creates the DuckDB database (tables and views) from the Parquet files.
- `site/index.html` — a case browser: open it in a web browser (no server or network needed).
- `datapackage.json` — Frictionless Data Package listing every file with its size and sha256.
- `LICENSE-DATA` (the data: CC BY 4.0), `LICENSE` (the code: MIT), `CITATION.cff`.

## How to load

DuckDB (command line, run in this folder):

    duckdb acftu.duckdb -c ".read load.sql"

DuckDB from Python (in this folder):

    import duckdb
    con = duckdb.connect()
    con.execute(open("load.sql", encoding="utf-8").read())
    con.sql("SELECT province, count(*) FROM cases GROUP BY ALL").show()

pandas:

    import pandas as pd
    figures = pd.read_parquet("figures.parquet")   # exact decimals; or pd.read_csv("figures.csv")

R:

    library(arrow); figures <- read_parquet("figures.parquet")
    # or: figures <- read.csv("figures.csv", encoding = "UTF-8")

Excel: open `{workbook}` (Chinese shows right). A double-click on a CSV makes Excel on Windows guess
a legacy code page and garble the Chinese; to open a CSV use Data → From Text/CSV → File origin
"65001: Unicode (UTF-8)".

## How to cite

ACFTU national trade-union innovation cases (全国工会重点工作创新案例), version {version},
acftu-innovation-cases maintainers, {str(created)[:4]}. Licensed under CC BY 4.0
(https://creativecommons.org/licenses/by/4.0/). See `CITATION.cff`.
"""
