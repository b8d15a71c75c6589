"""A load holds its records packed (store.PackedRecord): unpacked, a record is the one
parsed, with what the load decided since (id, slug, notes) and nothing else changed."""

import pickle
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

from app.loader.discover import read_file
from app.loader.pipeline import to_record
from app.loader.store import PackedRecord, SpillFile, Unpacked
from tests.conftest import SEEDS_DIR


def test_a_packed_record_unpacks_to_the_record_parsed() -> None:
    path = sorted(SEEDS_DIR.glob("*.txt"))[0]
    record = to_record(read_file(path, 10**7), datetime.now(UTC))
    packed = PackedRecord.pack(record)
    assert len(packed.packed) < len(record.article.raw_text.encode()) + len(record.article.body.encode())
    again = packed.unpack()
    assert again.article.model_dump() == record.article.model_dump()
    assert again.entities == record.entities
    assert again.notes == record.notes and again.lines == record.lines


def test_spilled_records_hold_no_packed_bytes_and_unpack_each_to_its_own_record() -> None:
    """A load spills its records' packed bytes to a file as they arrive: each record then
    holds none, and unpacks to the record parsed, whichever is read first."""
    records = [
        to_record(read_file(path, 10**7), datetime.now(UTC)) for path in sorted(SEEDS_DIR.glob("*.txt"))[:3]
    ]
    spill = SpillFile()
    packed = [PackedRecord.pack(record) for record in records]
    for item in packed:
        item.spill(spill)
        assert item.packed == b""
    for item, record in reversed(list(zip(packed, records, strict=True))):
        again = item.unpack()
        assert again.article.model_dump() == record.article.model_dump()
        assert again.entities == record.entities


def test_the_load_s_decisions_are_applied_on_unpacking() -> None:
    path = sorted(SEEDS_DIR.glob("*.txt"))[1]
    record = to_record(read_file(path, 10**7), datetime.now(UTC))
    packed = PackedRecord.pack(record)
    packed.id, packed.id_source, packed.slug = "0123456789abcdef", "content", "another-slug"
    packed.notes.append("an id from its text")
    (again,) = list(Unpacked([packed]))
    expected = {**record.article.model_dump(), "id": "0123456789abcdef", "id_source": "content"}
    assert again.article.model_dump() == {**expected, "slug": "another-slug"}
    assert again.notes == [*record.notes, "an id from its text"]


def test_a_record_unpacked_in_a_fresh_process_reads_its_fields_from_a_thread(tmp_path: Path) -> None:
    """A first build indexes in a thread while SQLite is written: a record unpacked there, in
    a process that has built no article itself (its workers did), still reads its fields."""
    path = sorted(SEEDS_DIR.glob("*.txt"))[0]
    record = to_record(read_file(path, 10**7), datetime.now(UTC))
    (tmp_path / "packed.pickle").write_bytes(pickle.dumps(PackedRecord.pack(record)))
    script = textwrap.dedent(
        f"""
        import pickle, threading
        from pathlib import Path
        import app.loader.store
        packed = pickle.loads(Path({str(tmp_path / "packed.pickle")!r}).read_bytes())
        found = []
        thread = threading.Thread(target=lambda: found.append(packed.unpack().article.language))
        thread.start()
        thread.join()
        print(found)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == repr([record.article.language])
