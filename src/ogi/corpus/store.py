"""The resumable store under ``OUT/.parts``: parsed rows keyed by file content hash.

A batch of files becomes one *shard*: one Parquet file per table
(``.parts/<table>/<shard>.parquet``) and then, last, a manifest
(``.parts/manifests/<shard>.json``) listing the content hashes it holds and the size and
SHA-256 of each of its Parquet files.  Opening the store checks every shard against its
manifest: a part truncated, altered or missing (or a manifest that cannot be read) drops the
shard, which is reported in :attr:`PartStore.damaged`, and its files are parsed again.  Every file is
written to a temporary name in the same folder and moved into place with
:func:`os.replace`, so a run killed at any instant leaves either a complete shard or files
without a manifest, which the next run deletes.  A hash with a manifest is never parsed
again.  The store is tied to a *fingerprint* (the code and resources of ogi, the options
that change rows); a different fingerprint empties it.

Example:
    >>> store = PartStore("results/corpus", fingerprint="abc")  # doctest: +SKIP
    >>> store.done()  # doctest: +SKIP
    {}
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from ogi.dataset import TABLES

__all__ = ["PartStore", "atomic_write", "code_fingerprint"]


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and ``os.replace``.

    Atomic against a killed process (the file is complete or absent); no ``fsync``, so not
    against a power cut.  A failed write (a full disk) leaves no temporary file behind.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# Parts of the package that cannot change a row: the CLI, the corpus machinery around the
# per-document function, the generator and the old folder parse.
_NOT_ROWS = {"commands", "cli.py", "batch.py", "synth", "corpus/build.py", "corpus/crossyear.py",
             "corpus/engines.py", "corpus/runner.py", "corpus/store.py", "corpus/walk.py",
             "corpus/__init__.py"}


def code_fingerprint() -> str:
    """SHA-256 over the ogi sources and resources that make rows: changing them empties the store."""
    from ogi.paths import PACKAGE_DIR

    h = hashlib.sha256()
    for p in sorted(PACKAGE_DIR.rglob("*")):
        rel = p.relative_to(PACKAGE_DIR).as_posix()
        if rel in _NOT_ROWS or rel.split("/")[0] in _NOT_ROWS:
            continue
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc":
            h.update(str(p.relative_to(PACKAGE_DIR)).encode())
            h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


class PartStore:
    """Shards of parsed rows under ``out_dir/.parts``.

    Args:
        out_dir: The output folder of ``ogi process``.
        fingerprint: Identifies code and options; a store with another one is emptied.
    """

    def __init__(self, out_dir: str | os.PathLike, *, fingerprint: str) -> None:
        self.root = Path(out_dir) / ".parts"
        self.fingerprint = fingerprint
        #: ``(shard, reason)`` of every shard dropped by :meth:`open` as damaged
        self.damaged: list[tuple[str, str]] = []

    @property
    def manifests(self) -> Path:
        """The folder of shard manifests."""
        return self.root / "manifests"

    def open(self) -> PartStore:
        """Create the folders, empty a store of another fingerprint, drop incomplete shards."""
        meta = self.root / "store.json"
        if meta.is_file():
            try:
                same = json.loads(meta.read_text(encoding="utf-8")).get("fingerprint") == self.fingerprint
            except (OSError, ValueError):
                same = False
            if not same:
                shutil.rmtree(self.root)
        for d in [self.manifests, *(self.root / t for t in TABLES)]:
            d.mkdir(parents=True, exist_ok=True)
        if not meta.is_file():
            atomic_write(meta, json.dumps({"fingerprint": self.fingerprint}).encode())
        for p in sorted(self.manifests.glob("*.json")):
            reason = _damage(self.root, p)
            if reason:
                self.damaged.append((p.stem, reason))
                p.unlink(missing_ok=True)
        complete = {p.stem for p in self.manifests.glob("*.json")}
        for d in [self.manifests, *(self.root / t for t in TABLES)]:
            for p in d.iterdir():
                if p.name.endswith(".tmp") or (p.suffix == ".parquet" and p.stem not in complete):
                    p.unlink(missing_ok=True)
        return self

    def done(self) -> dict[str, str]:
        """Content hash -> shard id, for every hash held by a complete shard (first shard wins)."""
        out: dict[str, str] = {}
        for p in sorted(self.manifests.glob("*.json")):
            for sha in json.loads(p.read_text(encoding="utf-8"))["hashes"]:
                out.setdefault(sha, p.stem)
        return out

    def shard_files(self, table: str, shards: set[str] | None = None) -> list[Path]:
        """The Parquet files of ``table`` of complete shards (of ``shards`` only, when given)."""
        complete = sorted(p.stem for p in self.manifests.glob("*.json"))
        return [self.root / table / f"{s}.parquet" for s in complete if shards is None or s in shards]

    def write(self, parts: dict[str, bytes], hashes: list[str]) -> str | None:
        """Store one batch's rows; returns the shard id (None when ``hashes`` is empty)."""
        hashes = sorted(set(hashes))
        if not hashes:
            return None
        shard = hashlib.sha256("\n".join(hashes).encode()).hexdigest()[:24]
        for t in TABLES:
            atomic_write(self.root / t / f"{shard}.parquet", parts[t])
        sums = {t: {"bytes": len(parts[t]), "sha256": hashlib.sha256(parts[t]).hexdigest()} for t in TABLES}
        atomic_write(self.manifests / f"{shard}.json", json.dumps({"hashes": hashes, "parts": sums}).encode())
        return shard

    def size(self) -> int:
        """Bytes of the Parquet parts of complete shards."""
        return sum(p.stat().st_size for t in TABLES for p in self.shard_files(t) if p.is_file())


def _damage(root: Path, manifest: Path) -> str | None:
    """Why a shard cannot be trusted (None when every part matches its manifest)."""
    try:
        meta = json.loads(manifest.read_text(encoding="utf-8"))
        sums, hashes = meta["parts"], meta["hashes"]
        if not isinstance(hashes, list) or set(sums) != set(TABLES):
            return "its manifest does not list every table"
    except (OSError, ValueError, KeyError, TypeError):
        return "its manifest cannot be read (written by an older ogi, or damaged)"
    for t in TABLES:
        part = root / t / f"{manifest.stem}.parquet"
        try:
            data = part.read_bytes()
        except OSError:
            return f"{t} part missing"
        if len(data) != sums[t].get("bytes"):
            return f"{t} part is {len(data)} bytes, its manifest says {sums[t].get('bytes')}"
        if hashlib.sha256(data).hexdigest() != sums[t].get("sha256"):
            return f"{t} part altered (checksum differs from its manifest)"
    return None
