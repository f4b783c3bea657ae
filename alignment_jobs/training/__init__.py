"""The language-model game: Hugging Face solver and auditor with LoRA adapters, trained by TRL's
GRPO under the game's reward profiles (no Django: torch, transformers, trl, peft, tokenizers).

Modules: `formats` (prompts, tokens, parsing), `sandbox` (running solver code), `tasks` (suites
and splits), `checking` (correctness), `tokenizer`, `models`, `warmup`, `players` (building
both), `rewards`, `phases` (GRPO per phase), `evaluation`, `state` (checkpoint helpers),
`config` (`LMConfig`, shipped configs), `driver` (`run_experiment`), `run` and `compare` (the
CLIs). Nothing heavy is imported here.
"""

import os

# Nothing in this package may reach a model hub: models and tokenizers are local or built here.
for _name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE"):
    os.environ.setdefault(_name, "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
