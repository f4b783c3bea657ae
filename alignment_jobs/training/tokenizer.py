"""The project's own BPE tokenizer for models built from config (trained on the suite's texts,
with the control tokens added as ordinary tokens), and the control tokens for pretrained ones."""

from __future__ import annotations

from collections.abc import Iterable

from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import PreTrainedTokenizerBase, PreTrainedTokenizerFast

from alignment_jobs.training.formats import CONTROL_TOKENS, REASONS, auditor_prompt

PAD, EOS, UNK = "<pad>", "<eos>", "<unk>"


def train_tokenizer(texts: Iterable[str], vocab_size: int = 300) -> PreTrainedTokenizerFast:
    """A BPE tokenizer of about `vocab_size` entries over `texts`: words split on spaces (kept as
    '▁' so decoding restores them), digits one by one, punctuation on its own; special tokens
    pad / eos / unk; the control tokens as ordinary added tokens (TRL keeps them when it
    decodes completions with special tokens skipped). Deterministic for the same texts."""
    texts = list(texts)
    texts += [auditor_prompt("", "") + f" {token}" for token in CONTROL_TOKENS]
    texts += list(REASONS.values())
    bpe = Tokenizer(models.BPE(unk_token=UNK))
    bpe.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Metaspace(),
            pre_tokenizers.Digits(individual_digits=True),
            pre_tokenizers.Punctuation(),
        ]
    )
    bpe.decoder = decoders.Metaspace()
    trainer = trainers.BpeTrainer(
        vocab_size=int(vocab_size) - len(CONTROL_TOKENS),
        special_tokens=[PAD, EOS, UNK],
        show_progress=False,
    )
    bpe.train_from_iterator(sorted(set(texts)), trainer)
    bpe.add_tokens([AddedToken(t, normalized=False, special=False) for t in CONTROL_TOKENS])
    return PreTrainedTokenizerFast(
        tokenizer_object=bpe, pad_token=PAD, eos_token=EOS, unk_token=UNK, padding_side="left"
    )


def add_control_tokens(tokenizer: PreTrainedTokenizerBase) -> list[int]:
    """Add the control tokens (ordinary, not special) to a pretrained tokenizer; returns their
    ids. Left padding for generation; the eos token pads when there is no pad token."""
    tokenizer.add_tokens([AddedToken(t, normalized=False, special=False) for t in CONTROL_TOKENS])
    tokenizer.padding_side = "left"
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    return [tokenizer.convert_tokens_to_ids(t) for t in CONTROL_TOKENS]


def tokenizer_json(tokenizer: PreTrainedTokenizerFast) -> str:
    """The trained tokenizer as a JSON string (it travels inside checkpoints)."""
    return tokenizer.backend_tokenizer.to_str()


def tokenizer_from_json(text: str) -> PreTrainedTokenizerFast:
    return PreTrainedTokenizerFast(
        tokenizer_object=Tokenizer.from_str(text),
        pad_token=PAD,
        eos_token=EOS,
        unk_token=UNK,
        padding_side="left",
    )
