from kortrade.ingest.corpus import discover, read


def test_discovery_is_recursive_sorted_and_ids_are_unique(messy_corpus):
    files = discover(messy_corpus)
    ids = [f.doc_id for f in files]
    assert ids == sorted(ids)
    assert len(ids) == len(set(ids))
    assert {"a/same", "b/same", "noext", "page", "korean", "dangling", "loop1", "loop2"} <= set(ids)


def test_link_back_into_the_corpus_is_not_walked(messy_corpus):
    assert not any("back_to_a" in f.relpath for f in discover(messy_corpus))


def test_same_stem_with_two_extensions_keeps_both(tmp_path):
    (tmp_path / "x.txt").write_text("one")
    (tmp_path / "x.md").write_text("two")
    assert sorted(f.doc_id for f in discover(tmp_path)) == ["x.md", "x.txt"]


def test_dangling_link_and_loop_are_unreadable_not_errors(messy_corpus):
    by_id = {f.doc_id: f for f in discover(messy_corpus)}
    for doc_id in ("dangling", "loop1"):
        raw = read(by_id[doc_id])
        assert raw.flags == ("unreadable",)
        assert raw.problem.startswith("cannot read")


def test_hidden_folders_are_skipped(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref")
    (tmp_path / "doc.txt").write_text("text")
    assert [f.doc_id for f in discover(tmp_path)] == ["doc"]
