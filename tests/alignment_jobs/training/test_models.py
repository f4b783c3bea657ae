"""The project's tokenizer and tiny models: control tokens survive TRL's decoding, the model has
a few hundred thousand parameters, weights hash stably, adapters save and load."""

import torch

from alignment_jobs.training.formats import ABSTAIN, CONTROL_TOKENS, FLAG
from alignment_jobs.training.models import (
    adapter_state,
    add_lora,
    count_parameters,
    generate,
    load_adapter_state,
    tiny_llama,
    weights_sha256,
)
from alignment_jobs.training.tasks import build_suite, suite_texts
from alignment_jobs.training.tokenizer import tokenizer_from_json, tokenizer_json, train_tokenizer

SPEC = {
    "hidden": 96,
    "layers": 3,
    "heads": 4,
    "kv_heads": 2,
    "intermediate": 256,
    "max_positions": 128,
}


def tokenizer():
    splits = build_suite(
        "verifiable",
        seed=0,
        sizes={"train": 50, "validation": 5, "test": 5},
        mix={"arithmetic": 0.6, "word": 0.2, "code": 0.2},
    )
    return train_tokenizer(suite_texts(splits), 300)


def test_control_tokens_are_ordinary_tokens_that_survive_skipping_special_ones():
    tok = tokenizer()
    assert 150 <= len(tok) <= 300
    for token in CONTROL_TOKENS:
        ids = tok(text=f" {token}", add_special_tokens=False)["input_ids"]
        assert tok.convert_tokens_to_ids(token) in ids
        assert token not in tok.all_special_tokens
    ids = tok(text=f" {FLAG} wrong number")["input_ids"] + [tok.eos_token_id]
    assert tok.decode(ids, skip_special_tokens=True) == f"{FLAG} wrong number"
    assert tok.decode(tok(text=" 137")["input_ids"]) == "137"
    again = tokenizer_from_json(tokenizer_json(tok))
    assert again(text="Q: 12+7=?\nA:")["input_ids"] == tok(text="Q: 12+7=?\nA:")["input_ids"]
    assert train_tokenizer(["a b"] * 3, 300)(text=ABSTAIN)["input_ids"] != []


def test_tiny_model_size_hash_and_adapters():
    tok = tokenizer()
    model = tiny_llama(tok, SPEC, seed=0)
    assert 200_000 < count_parameters(model) < 500_000
    digest = weights_sha256(model)
    assert digest == weights_sha256(tiny_llama(tok, SPEC, seed=0))  # stable
    assert digest == weights_sha256(model.state_dict())
    assert digest != weights_sha256(tiny_llama(tok, SPEC, seed=1))
    lora = add_lora(model, rank=4, alpha=8, seed=0)
    assert 0 < count_parameters(lora, trainable_only=True) < count_parameters(lora) / 5
    state = adapter_state(lora)
    with torch.no_grad():
        for name, param in lora.named_parameters():
            if "lora_B" in name:
                param.add_(1.0)
    changed = adapter_state(lora)
    assert any(not torch.equal(state[k], changed[k]) for k in state)
    load_adapter_state(lora, state)
    assert all(torch.equal(state[k], adapter_state(lora)[k]) for k in state)
    texts = generate(lora, tok, ["Q: 1+2=?\nA:", "Q: 10+20=?\nA:"], max_new_tokens=4)
    assert len(texts) == 2
    assert all(isinstance(t, str) for t in texts)
