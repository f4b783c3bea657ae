"""Storing a snapshot's columns and value records as one uncompressed .npz archive, read in pieces."""

import io
import json
from contextlib import contextmanager

import numpy as np
from django.db import connection

from ..models import GraphSnapshot

VALUES_MEMBER = "values_jsonl"  # the value records, one JSON object per line, in the archive
# The counted votes, one column each (time in microseconds since 1970 UTC, participant, the two
# canonical values, context, choice code), in the order the snapshot counted them.
VOTE_MEMBERS = tuple(
    f"vote_{name}" for name in ("time", "voter", "from", "to", "context", "choice")
)


def encode_values(values: list[dict] | list[str]) -> bytes:
    return "\n".join(v if isinstance(v, str) else json.dumps(v) for v in values).encode()


def pack_arrays(
    arrays: dict[str, np.ndarray], *, values: list[dict] | list[str] | None = None
) -> bytes:
    """An uncompressed .npz of the columns (and the value records): exports read it in pieces."""
    members = dict(arrays)
    if values is not None:
        members[VALUES_MEMBER] = np.frombuffer(encode_values(values), dtype=np.uint8)
    buffer = io.BytesIO()
    np.savez(buffer, **members)
    return buffer.getvalue()


def vote_members(columns: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The counted votes' columns under their archive names."""
    return {f"vote_{name}": np.ascontiguousarray(array) for name, array in columns.items()}


def iter_member_rows(archive, names: tuple[str, ...], *, chunk: int = 100_000):
    """Yield aligned slices (one array per name) of 1-D members, `chunk` rows at a time, read
    from the archive piece by piece: a member never sits in memory whole."""
    files = [archive.zip.open(f"{name}.npy") for name in names]
    try:
        dtypes, total = [], None
        for handle in files:
            version = np.lib.format.read_magic(handle)
            read_header = (
                np.lib.format.read_array_header_1_0
                if version == (1, 0)
                else np.lib.format.read_array_header_2_0
            )
            shape, _, dtype = read_header(handle)
            if len(shape) != 1 or (total is not None and shape[0] != total):
                raise ValueError("vote columns must be 1-D and of equal length")
            total = shape[0]
            dtypes.append(dtype)
        done = 0
        while done < (total or 0):
            n = min(chunk, total - done)
            yield [
                np.frombuffer(handle.read(n * dtype.itemsize), dtype=dtype)
                for handle, dtype in zip(files, dtypes, strict=True)
            ]
            done += n
    finally:
        for handle in files:
            handle.close()


class _StoredBlob(io.RawIOBase):
    """A snapshot's archive read from PostgreSQL a range at a time, so it never sits in memory
    whole (the column is stored uncompressed, which makes `substring` cheap)."""

    def __init__(self, snapshot_id: int):
        self.snapshot_id, self.position = snapshot_id, 0
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT octet_length(arrays) FROM moralgraph_graphsnapshot WHERE id = %s",
                [snapshot_id],
            )
            self.size = cursor.fetchone()[0] or 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.position, io.SEEK_END: self.size}[whence]
        self.position = max(0, base + offset)
        return self.position

    def readinto(self, buffer) -> int:
        wanted = min(len(buffer), self.size - self.position)
        if wanted <= 0:
            return 0
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT substring(arrays FROM %s FOR %s) FROM moralgraph_graphsnapshot WHERE id = %s",
                [self.position + 1, wanted, self.snapshot_id],
            )
            data = bytes(cursor.fetchone()[0])
        buffer[: len(data)] = data
        self.position += len(data)
        return len(data)


@contextmanager
def open_arrays(snapshot: GraphSnapshot):
    """The snapshot's archive as a lazy mapping of name → array (members load on access)."""
    if "arrays" not in snapshot.get_deferred_fields():
        source = io.BytesIO(bytes(snapshot.arrays))
    elif connection.vendor == "postgresql":
        source = io.BufferedReader(_StoredBlob(snapshot.pk), buffer_size=4 << 20)
    else:
        source = io.BytesIO(
            bytes(GraphSnapshot.objects.values_list("arrays", flat=True).get(pk=snapshot.pk))
        )
    if source.seek(0, io.SEEK_END) == 0:
        yield {}
        return
    source.seek(0)
    with np.load(source, allow_pickle=False) as archive:
        yield archive
