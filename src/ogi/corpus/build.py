"""Building the final corpus tables from the store: Parquet files, DuckDB views, provenance.

The final tables are rebuilt on every run from the complete shards of the store, restricted
to the files now in the corpus and sorted by path (then by row order within a report), so
the same corpus gives the same tables whatever the engine, the number of workers, the order
in which batches finished, or how many times the run was interrupted.  Each table is
written in chunks of reports (in path order): a chunk's rows are read from the shards that
hold them, sorted by DuckDB (within ``memory_limit``) and appended to the Parquet file, so
memory does not grow with the corpus (100,000 reports: 20 million cells, peak about 600 MB).

Example:
    >>> counts = build_tables(store, files, transient=[], out_dir="results/corpus")  # doctest: +SKIP
    >>> counts["reports"]  # doctest: +SKIP
    9
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ogi.corpus.crossyear import write_cross_year_findings
from ogi.corpus.overrides import apply as apply_overrides
from ogi.corpus.overrides import resolve, unmatched
from ogi.corpus.schema import schema
from ogi.corpus.store import PartStore
from ogi.corpus.walk import CorpusFile
from ogi.dataset import COLUMNS, TABLES

__all__ = ["DUCKDB_NAME", "MEMORY_LIMIT", "build_tables", "write_duckdb"]

#: The DuckDB file of views written beside the Parquet tables.
DUCKDB_NAME = "ogi.duckdb"
#: DuckDB's memory limit while building the tables (it spills to disk beyond it).
MEMORY_LIMIT = "256MB"

#: Reports per chunk of the final tables: each chunk's rows are read from its shards, sorted
#: and appended to the table's Parquet file, so memory depends on the chunk, not the corpus.
CHUNK_REPORTS = 1000
#: Rows per Parquet row group of the final tables.
ROW_GROUP_ROWS = 65536

# the final order of each table within a report (after the report's rank in path order)
_ORDER = {"reports": "p._seq", "sections": "p._seq", "cells": "p._seq", "statements": "p._seq",
          "claims": "p._seq", "findings": "p.idx"}


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


def _parts(store: PartStore, table: str, shards) -> str:
    """``read_parquet`` over the table's files of ``shards`` (with ``filename``)."""
    files = [store.root / table / f"{s}.parquet" for s in sorted(shards)]
    listing = "[" + ", ".join(_q(f) for f in files) + "]"
    return f"read_parquet({listing}, filename = true)"


def _in_chosen(store: PartStore, table: str, alias: str, sha: str = "report_id") -> str:
    """Join condition: the row belongs to a chosen content, read from that content's shard.

    The shard is matched by the file the row was read from (plain string equality: a regular
    expression over the file name of every row cost more than the rest of the query).
    """
    prefix = _q(str(store.root / table) + os.sep)
    return f"{alias}.{sha} = c.sha AND {alias}.filename = {prefix} || c.shard || '.parquet'"


def _arrow(result) -> pa.Table:
    """A DuckDB relation as a pyarrow Table (``to_arrow_table`` in DuckDB 1.4+, ``arrow`` before)."""
    fetch = getattr(result, "to_arrow_table", None) or result.arrow
    return fetch()


class _TableWriter:
    """One final table written chunk by chunk to a temporary file, moved into place by :func:`_commit`."""

    def __init__(self, table: str, target: Path, *, tag: str = "") -> None:
        self.table, self.target, self.rows = table, target, 0
        self.schema = schema(table)
        self.tmp = target.with_name(f".{target.name}.{os.getpid()}{'.' + tag if tag else ''}.tmp")
        self.writer = pq.ParquetWriter(self.tmp, self.schema, compression="zstd")

    def write(self, tbl: pa.Table) -> None:
        if tbl.num_rows:
            self.writer.write_table(tbl.select(self.schema.names).cast(self.schema),
                                    row_group_size=ROW_GROUP_ROWS)
            self.rows += tbl.num_rows

    def close(self) -> int:
        """Finish the temporary file (not moved into place yet); returns its rows."""
        self.writer.close()
        return self.rows

    def abort(self) -> None:
        """Drop the unfinished file (the table in place, if any, stays as it was)."""
        try:
            self.writer.close()
        finally:
            self.tmp.unlink(missing_ok=True)


def _commit(staged: list[_TableWriter]) -> None:
    """Move every finished table into place at once, Ctrl-C and SIGTERM held until done.

    The tables are built to temporary files first, so an interrupt or a full disk during the
    build leaves the previous run's tables, all of them, as they were; the moves themselves
    are renames within one folder and are not interrupted half-way.
    """
    from ogi.corpus.signals import signals_deferred

    with signals_deferred():
        for w in staged:
            os.replace(w.tmp, w.target)


def build_tables(store: PartStore, files: list[CorpusFile], *, transient: list[dict],
                 out_dir: str | os.PathLike, aliases: Mapping[str, str] | None = None,
                 overrides: tuple[list, str] | None = None) -> dict[str, int]:
    """Write ``OUT/<table>.parquet`` for every table from the store's shards.

    Each content of the corpus is represented by its first path; the reports are ranked in
    path order and the tables written in chunks of :data:`CHUNK_REPORTS` reports, each read
    from the shards that hold them and sorted within the chunk, so memory stays bounded
    whatever the size of the corpus (DuckDB spills beyond :data:`MEMORY_LIMIT`).

    Args:
        store: The opened store.
        files: The corpus files now present, hashed (``sha256`` None for unreadable ones).
        transient: ``errors`` rows of this run that are not kept in the store.
        out_dir: The output folder.
        aliases: agency name → agency_id (overrides the normalisation rules).
        overrides: the overrides (:func:`ogi.corpus.overrides.read_overrides`) and the
            overrides file's name, applied to ``cells``.

    Returns:
        The number of rows of each table.
    """
    out = Path(out_dir)
    done = store.done()
    first: dict[str, str] = {}
    for f in files:
        if f.sha256 and f.sha256 in done and (f.sha256 not in first or f.rel < first[f.sha256]):
            first[f.sha256] = f.rel
    ranked = sorted(first.items(), key=lambda kv: kv[1])
    rep = pa.table({"sha": [sha for sha, _ in ranked], "path": [path for _, path in ranked],
                    "rk": pa.array(range(len(ranked)), pa.int64()),
                    "shard": [done[sha] for sha, _ in ranked]})
    scratch = store.root / "duckdb-tmp"
    con = _connect(scratch)
    for stale in scratch.glob("xyear.*.tmp"):
        stale.unlink(missing_ok=True)
    counts: dict[str, int] = {}
    resolved = _resolve_overrides(overrides, files, first)
    matched: set[tuple[str, str, str]] = set()
    staged: dict[str, _TableWriter] = {}
    try:
        for t in ("reports", "sections", "cells", "statements", "claims", "findings"):
            xyear = None
            if t == "findings":
                # a scratch file (a .tmp name: never mistaken for a table; one left by a
                # killed run is deleted at the start of the next build)
                xyear = scratch / f"xyear.{os.getpid()}.tmp"
                write_cross_year_findings(con, staged["reports"].tmp, staged["cells"].tmp, xyear)
            cols = _cols(t).replace('p."path"', "c.path") if t == "reports" else _cols(t)
            writer = _TableWriter(t, out / f"{t}.parquet")
            staged[t] = writer
            try:
                for lo in range(0, rep.num_rows, CHUNK_REPORTS):
                    chunk = rep.slice(lo, CHUNK_REPORTS)
                    con.register("c", chunk)
                    query = (f"SELECT {cols}, c.rk AS _rk, {_ORDER[t]} AS _ord FROM "
                             f"{_parts(store, t, set(chunk.column('shard').to_pylist()))} p "
                             f"JOIN c ON {_in_chosen(store, t, 'p')}")
                    if xyear is not None:
                        query += (f" UNION ALL SELECT {_cols(t, 'x')}, c.rk, x.idx FROM read_parquet({_q(xyear)}) x "
                                  f"JOIN c ON x.report_id = c.sha")
                    tbl = _arrow(con.sql(f"SELECT * FROM ({query}) ORDER BY _rk, _ord"))
                    writer.write(apply_overrides(tbl, resolved, matched) if t == "cells" else tbl)
                    con.unregister("c")
                if t == "cells":
                    unmatched(resolved, matched, overrides[1] if overrides else "")
            except BaseException:
                writer.abort()
                raise
            counts[t] = writer.close()
            if xyear is not None:
                xyear.unlink()
            if t == "cells":  # reports and cells are written: every report gets its status
                counts["reports"] = _write_status(con, staged, files, first, aliases)
        staged["errors"] = _TableWriter("errors", out / "errors.parquet")
        counts["errors"] = _write_errors(con, store, files, transient, rep, staged["errors"])
        _commit(list(staged.values()))
    except BaseException:
        for w in staged.values():
            w.tmp.unlink(missing_ok=True)
        raise
    finally:
        con.close()
    return counts


def _resolve_overrides(overrides: tuple[list, str] | None, files: list[CorpusFile],
                       first: dict[str, str]) -> dict:
    if not overrides:
        return {}
    ids = {f.rel: f.sha256 for f in files if f.sha256 in first}
    return resolve(overrides[0], ids, set(first), overrides[1])


def _write_status(con, staged: dict[str, _TableWriter], files: list[CorpusFile], first: dict[str, str],
                  aliases: Mapping[str, str] | None) -> int:
    """Rewrite ``reports`` with its status columns (:mod:`ogi.corpus.status`), in path order.

    A byte-identical copy (a content's later path) gets a row of its own, ``duplicate`` of
    the content's report; cells and sections are read only for the agency-years that have
    several candidate files.  Plain rows and Arrow throughout: no pandas in ``ogi process``.
    """
    from ogi.corpus.status import classify_rows

    built = staged["reports"]
    rows = pq.read_table(built.tmp).to_pylist()
    by_sha = {r["report_id"]: r for r in rows}
    rows += [{**by_sha[f.sha256], "report_id": f.sha256, "path": f.rel} for f in files
             if f.sha256 in first and f.rel != first[f.sha256] and f.sha256 in by_sha]
    cells = _q(staged["cells"].tmp)
    t3 = dict(con.sql(f"SELECT report_id, count(*) FROM read_parquet({cells}) "
                      "WHERE tbl = 'table3' AND status = 'ok' GROUP BY 1").fetchall())

    def rows_of(table: str, cols: str):
        def get(ids: list[str]) -> list[tuple]:
            con.register("ids_arrow", pa.table({"id": ids}))
            try:
                return con.sql(f"SELECT {cols} FROM read_parquet({_q(staged[table].tmp)}) t "
                               "JOIN ids_arrow i ON t.report_id = i.id").fetchall()
            finally:
                con.unregister("ids_arrow")
        return get

    rows = classify_rows(rows, t3_printed=t3, aliases=aliases,
                         cells_of=rows_of("cells", "t.report_id, t.tbl, t.key, t.value, t.status"),
                         sections_of=rows_of("sections", "t.report_id, t.text"))
    rows.sort(key=lambda r: (r["path"], r["report_id"]))
    writer = _TableWriter("reports", built.target, tag="status")
    try:
        writer.write(pa.Table.from_pylist(rows, schema=writer.schema))
    except BaseException:
        writer.abort()
        raise
    n = writer.close()
    built.tmp.unlink(missing_ok=True)
    staged["reports"] = writer
    return n


def _write_errors(con, store: PartStore, files: list[CorpusFile], transient: list[dict], rep: pa.Table,
                  writer: _TableWriter) -> int:
    """The ``errors`` table: stored parse failures of the corpus's contents, and this run's."""
    corpus = pa.table({"path": [f.rel for f in files if f.sha256], "sha": [f.sha256 for f in files if f.sha256]})
    con.register("corpus_arrow", corpus)
    con.register("c", rep)
    con.register("transient_arrow", pa.Table.from_pylist(list(transient), schema=schema("errors")))
    shards = set(rep.column("shard").to_pylist())
    stored = (f"SELECT co.path, e.stage, e.reason FROM {_parts(store, 'errors', shards)} e "
              f"JOIN c ON {_in_chosen(store, 'errors', 'e', sha='_sha')} "
              f"JOIN corpus_arrow co ON co.sha = e._sha UNION ALL " if shards else "")
    try:
        writer.write(_arrow(con.sql(f"SELECT path, stage, reason FROM ({stored}"
                                        f"SELECT path, stage, reason FROM transient_arrow) "
                                        f"ORDER BY path, stage, reason")))
    except BaseException:
        writer.abort()
        raise
    n = writer.close()
    for name in ("corpus_arrow", "c", "transient_arrow"):
        con.unregister(name)
    return n


def _parquet_hashes(out: Path) -> dict[str, str]:
    import hashlib

    return {t: hashlib.sha256((out / f"{t}.parquet").read_bytes()).hexdigest() for t in TABLES}


def write_duckdb(out_dir: str | os.PathLike) -> Path:
    """Write ``OUT/ogi.duckdb`` with one table per corpus table, materialised from its Parquet file.

    The tables are copies (not views over absolute paths), so the DuckDB file answers queries
    wherever the folder is moved or shared.  A small table ``_ogi_sources`` (table, sha256 of
    the Parquet file) lets a rerun over unchanged tables keep the file as it is.

    Returns:
        The path of the DuckDB file.
    """
    import duckdb

    out = Path(out_dir).resolve()
    target = out / DUCKDB_NAME
    hashes = _parquet_hashes(out)
    if _tables_current(target, hashes):
        return target  # same tables from the same files: keep the file, byte for byte
    tmp = out / f".{DUCKDB_NAME}.{os.getpid()}.tmp"
    for p in (tmp, tmp.with_name(tmp.name + ".wal")):
        p.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        for t in TABLES:
            con.execute(f"CREATE TABLE {t} AS SELECT * FROM read_parquet({_q(out / f'{t}.parquet')})")
        con.execute("CREATE TABLE _ogi_sources (\"name\" VARCHAR, sha256 VARCHAR)")
        con.executemany("INSERT INTO _ogi_sources VALUES (?, ?)", sorted(hashes.items()))
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(tmp, target)
    return target


def _tables_current(target: Path, hashes: dict[str, str]) -> bool:
    """Whether ``target`` already holds the tables of exactly these Parquet files.

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
        rows = con.execute("SELECT \"name\", sha256 FROM _ogi_sources").fetchall()
    except duckdb.Error:
        return False
    finally:
        con.close()
    return dict(rows) == hashes
