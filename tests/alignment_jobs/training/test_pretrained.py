"""A pretrained base by local path (here a tiny Llama saved with save_pretrained, since no hub
is reachable): control tokens added at load, the adapters warmed up alone, hashes for
provenance, and resume without the base in the state."""

import io

import torch
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import AutoTokenizer, PreTrainedTokenizerFast

from alignment_jobs.game.baselines import make_controller
from alignment_jobs.training.driver import run_experiment
from alignment_jobs.training.formats import CONTROL_TOKENS
from alignment_jobs.training.models import tiny_llama, weights_sha256

CONFIG = {
    "train_size": 24,
    "validation_size": 8,
    "test_size": 8,
    "warmup_steps": 10,
    "warmup_batch_size": 8,
    "warmup_lr": 1e-3,
    "solver_steps": 1,
    "auditor_steps": 1,
    "prompts_per_step": 2,
    "num_generations": 2,
}


def plain_tokenizer():
    """A BPE tokenizer that has never heard of the control tokens, as a hub model's has not."""
    bpe = Tokenizer(models.BPE(unk_token="<unk>"))
    bpe.pre_tokenizer = pre_tokenizers.Metaspace()
    bpe.decoder = decoders.Metaspace()
    trainer = trainers.BpeTrainer(vocab_size=120, special_tokens=["<pad>", "<eos>", "<unk>"])
    bpe.train_from_iterator(["Q: 12+7=?\nA: 19\nV:", "wrong number", "0123456789"] * 5, trainer)
    return PreTrainedTokenizerFast(
        tokenizer_object=bpe, pad_token="<pad>", eos_token="<eos>", unk_token="<unk>"
    )


def saved_base(path):
    """A 'pretrained' model and its tokenizer on disk."""
    tokenizer = plain_tokenizer()
    spec = {"hidden": 32, "layers": 1, "heads": 2, "intermediate": 64, "max_positions": 64}
    model = tiny_llama(tokenizer, spec, seed=0)
    model.save_pretrained(path)
    tokenizer.save_pretrained(path)
    return path


def test_a_base_by_path_plays_and_resumes(tmp_path):
    base = saved_base(tmp_path / "base")
    config = {**CONFIG, "solver_model": str(base), "auditor_model": "same"}
    saved = {}

    def keep(*, state, **_):
        buffer = io.BytesIO()
        torch.save(state, buffer)
        buffer.seek(0)
        saved["state"] = torch.load(buffer, weights_only=True)

    controller = make_controller("fixed_default")
    result = run_experiment(config, controller, 1, on_iteration=keep, work_dir=tmp_path / "w")
    game = saved["state"]["game"]
    assert game["base"] is None  # a pretrained base is named by path and hash, not stored
    provenance = result["final"]["provenance"]
    assert provenance["solver_base_sha256"] == provenance["auditor_base_sha256"]
    assert set(provenance["warmup"]) == {"solver", "auditor"}
    assert any("lora_A" in k for k in game["solver"]["adapter"])
    on_disk = AutoTokenizer.from_pretrained(base)
    assert all(t not in on_disk.get_vocab() for t in CONTROL_TOKENS)  # added at load only
    vocabulary = len(on_disk) + len(CONTROL_TOKENS)
    embedding = [v for k, v in saved["state"]["game"]["solver"]["adapter"].items() if "lora_B" in k]
    assert embedding  # the adapters trained; the resized model has every control token
    assert result["samples"]
    assert vocabulary > len(on_disk)
    again = run_experiment(
        config,
        make_controller("fixed_default"),
        2,
        resume_state=saved["state"],
        work_dir=tmp_path / "w",
    )
    assert [h["metrics"] for h in again["history"]][:1] == [result["history"][0]["metrics"]]
    assert len(again["history"]) == 2
    assert len(weights_sha256(game["solver"]["adapter"])) == 64
