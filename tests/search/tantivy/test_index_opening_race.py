"""Opening a new index directory while another process is still creating it."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest
import tantivy
from filelock import FileLock

from worldbrief.search.index_state import IndexState, write_state
from worldbrief.search.tantivy import schema as fields
from worldbrief.search.tantivy.analysis import TEXT_TOKENIZER, text_analyzer
from worldbrief.search.tantivy.index import TantivyIndex
from worldbrief.search.tantivy.schema import build_schema, schema_fingerprint


def test_an_index_being_created_elsewhere_is_waited_for_not_deleted(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "index"
    path.mkdir()
    lock = FileLock(str(tmp_path / "index.lock"))
    lock.acquire()
    # Another process has created the Tantivy files and written a document, but not yet the
    # state file that says which schema and sequence they hold.
    creating = tantivy.Index(build_schema(), path=str(path), reuse=False)
    creating.register_tokenizer(TEXT_TOKENIZER, text_analyzer())
    writer = creating.writer(heap_size=15_000_000, num_threads=1)
    doc = tantivy.Document()
    doc.add_text(fields.ID, "written-by-the-creator")
    writer.add_document(doc)
    writer.commit()
    writer.wait_merging_threads()

    opened: list[TantivyIndex] = []
    opener = threading.Thread(target=lambda: opened.append(TantivyIndex(path)))
    with caplog.at_level(logging.WARNING):
        opener.start()
        opener.join(timeout=1.0)
        assert opener.is_alive(), "the second opener must wait while the index is created"
        write_state(path, IndexState(schema_fingerprint(), 0))
        lock.release()
        opener.join(timeout=60)
    assert opened and opened[0].document_count() == 1
    assert "incompatible" not in caplog.text
    opened[0].close()
