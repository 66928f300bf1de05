"""Building the final corpus tables from the store: Parquet files, DuckDB views, provenance.

The final tables are rebuilt on every run from the complete shards of the store, restricted
to the files now in the corpus and sorted by path (then by row order within a report), so
the same corpus gives the same tables whatever the engine, the number of workers, the order
in which batches finished, or how many times the run was interrupted.  DuckDB does the
joins and sorts out of core (``memory_limit``), so memory does not grow with the corpus.

Example:
    >>> counts = build_tables(store, files, transient=[], out_dir="results/corpus")  # doctest: +SKIP
    >>> counts["reports"]  # doctest: +SKIP
    9
"""

from __future__ import annotations

import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ogi.corpus.crossyear import cross_year_findings
from ogi.corpus.schema import part_schema, schema
from ogi.corpus.store import PartStore
from ogi.corpus.walk import CorpusFile
from ogi.dataset import COLUMNS, TABLES

__all__ = ["DUCKDB_NAME", "MEMORY_LIMIT", "build_tables", "write_duckdb"]

#: The DuckDB file of views written beside the Parquet tables.
DUCKDB_NAME = "ogi.duckdb"
#: DuckDB's memory limit while building the tables (it spills to disk beyond it).
MEMORY_LIMIT = "256MB"

_ORDER = {"reports": "r.rk", "sections": "r.rk, p._seq", "cells": "r.rk, p._seq",
          "statements": "r.rk, p._seq", "claims": "r.rk, p._seq"}


def _q(path: str | Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _cols(table: str, alias: str = "p") -> str:
    return ", ".join(f'{alias}."{c}"' for c in COLUMNS[table])


def _connect(tmp: Path):
    import duckdb

    tmp.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(":memory:")
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    con.execute(f"SET temp_directory = {_q(tmp)}")
    con.execute("SET preserve_insertion_order = true")
    return con


def _parts(store: PartStore, table: str, shards: set[str]) -> str:
    empty = store.root / "empty" / f"{table}.parquet"
    if not empty.is_file():
        empty.parent.mkdir(parents=True, exist_ok=True)
        tmp = empty.with_name(f".{empty.name}.{os.getpid()}.tmp")
        pq.write_table(pa.Table.from_pylist([], schema=part_schema(table)), tmp)
        os.replace(tmp, empty)
    files = [empty, *store.shard_files(table, shards)]
    listing = "[" + ", ".join(_q(f) for f in files) + "]"
    return f"read_parquet({listing}, filename = true)"


def _in_chosen(store: PartStore, table: str, alias: str, sha: str = "report_id") -> str:
    """Join condition: the row belongs to a chosen content, read from that content's shard.

    The shard is matched by the file the row was read from (plain string equality: a regular
    expression over the file name of every row cost more than the rest of the query).
    """
    prefix = _q(str(store.root / table) + os.sep)
    return f"{alias}.{sha} = c.sha AND {alias}.filename = {prefix} || c.shard || '.parquet'"


def _copy(con, query: str, target: Path) -> None:
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    con.execute(f"COPY ({query}) TO {_q(tmp)} (FORMAT parquet, COMPRESSION zstd)")
    os.replace(tmp, target)


def build_tables(store: PartStore, files: list[CorpusFile], *, transient: list[dict],
                 out_dir: str | os.PathLike) -> dict[str, int]:
    """Write ``OUT/<table>.parquet`` for every table from the store's shards.

    Args:
        store: The opened store.
        files: The corpus files now present, hashed (``sha256`` None for unreadable ones).
        transient: ``errors`` rows of this run that are not kept in the store.
        out_dir: The output folder.

    Returns:
        The number of rows of each table.
    """
    out = Path(out_dir)
    done = store.done()
    corpus = pa.table({"path": [f.rel for f in files if f.sha256],
                       "sha": [f.sha256 for f in files if f.sha256]})
    chosen_shas = sorted({s for s in corpus.column("sha").to_pylist() if s in done})
    chosen = pa.table({"sha": chosen_shas, "shard": [done[s] for s in chosen_shas]})
    shards = set(chosen.column("shard").to_pylist())
    trans = pa.Table.from_pylist(list(transient), schema=schema("errors"))
    con = _connect(store.root / "duckdb-tmp")
    try:
        con.register("corpus_arrow", corpus)
        con.register("chosen_arrow", chosen)
        con.register("transient_arrow", trans)
        con.execute("CREATE TEMP TABLE corpus AS SELECT * FROM corpus_arrow")
        con.execute("CREATE TEMP TABLE chosen AS SELECT * FROM chosen_arrow")
        # each content's report path, and its rank in path order: the tables are sorted by
        # the integer rank, which is much cheaper than sorting millions of rows by a string
        con.execute("CREATE TEMP TABLE rep AS SELECT sha, path, row_number() OVER (ORDER BY path) AS rk "
                    "FROM (SELECT sha, min(path) AS path FROM corpus GROUP BY sha)")
        counts: dict[str, int] = {}
        for t in ("reports", "sections", "cells", "statements", "claims", "findings"):
            cols = _cols(t).replace('p."path"', "r.path") if t == "reports" else _cols(t)
            query = (f"SELECT {cols} FROM {_parts(store, t, shards)} p "
                     f"JOIN chosen c ON {_in_chosen(store, t, 'p')} "
                     f"JOIN rep r ON r.sha = p.report_id")
            if t == "findings":
                xf = cross_year_findings(con, out / "reports.parquet", out / "cells.parquet")
                con.register("xyear_arrow", pa.Table.from_pylist(
                    xf, schema=schema("findings").append(pa.field("path", pa.string()))))
                query = (f"SELECT {_cols(t, 'u')} FROM (SELECT {cols}, r.path AS _path FROM "
                         f"{_parts(store, t, shards)} p JOIN chosen c ON {_in_chosen(store, t, 'p')} "
                         f"JOIN rep r ON r.sha = p.report_id "
                         f"UNION ALL SELECT {_cols(t, 'x')}, x.path AS _path FROM xyear_arrow x) u "
                         f"ORDER BY u._path, u.idx")
            else:
                query += f" ORDER BY {_ORDER[t]}"
            _copy(con, query, out / f"{t}.parquet")
        _copy(con, f"""SELECT path, stage, reason FROM (
                SELECT co.path, e.stage, e.reason FROM {_parts(store, 'errors', shards)} e
                JOIN chosen c ON {_in_chosen(store, 'errors', 'e', sha='_sha')}
                JOIN corpus co ON co.sha = e._sha
                UNION ALL SELECT path, stage, reason FROM transient_arrow)
              ORDER BY path, stage, reason""", out / "errors.parquet")
        for t in TABLES:
            counts[t] = con.execute(f"SELECT count(*) FROM read_parquet({_q(out / f'{t}.parquet')})").fetchone()[0]
    finally:
        con.close()
    return counts


def write_duckdb(out_dir: str | os.PathLike) -> Path:
    """Write ``OUT/ogi.duckdb`` with one view per table over its Parquet file (absolute paths).

    Returns:
        The path of the DuckDB file.
    """
    import duckdb

    out = Path(out_dir).resolve()
    target = out / DUCKDB_NAME
    if _views_current(target, out):
        return target  # same views over the same files: keep the file, byte for byte
    tmp = out / f".{DUCKDB_NAME}.{os.getpid()}.tmp"
    for p in (tmp, tmp.with_name(tmp.name + ".wal")):
        p.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        for t in TABLES:
            con.execute(f"CREATE VIEW {t} AS SELECT * FROM read_parquet({_q(out / f'{t}.parquet')})")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(tmp, target)
    return target


def _views_current(target: Path, out: Path) -> bool:
    """Whether ``target`` already holds exactly the views :func:`write_duckdb` would write.

    A DuckDB file is not byte-reproducible, so an unchanged one is left as it is: a rerun of
    the same corpus then leaves every output file identical.
    """
    import duckdb

    if not target.is_file():
        return False
    try:
        con = duckdb.connect(str(target), read_only=True)
    except duckdb.Error:
        return False
    try:
        rows = con.execute("SELECT view_name, sql FROM duckdb_views() WHERE NOT internal").fetchall()
    except duckdb.Error:
        return False
    finally:
        con.close()
    views = dict(rows)
    return set(views) == set(TABLES) and all(
        str(out / f"{t}.parquet") in (views[t] or "") for t in TABLES)

