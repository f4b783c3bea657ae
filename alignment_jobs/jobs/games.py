"""The game each job setting plays: its config class and its driver, imported when first used
(the language-model stack is heavy; a web process that never trains never loads it)."""

import importlib
from dataclasses import dataclass
from types import ModuleType
from typing import Any


@dataclass(frozen=True)
class Game:
    module: str  # holds the config class and `run_experiment`
    config_class: str
    # The language-model driver also takes work_dir, target_document and resolver.
    uses_files: bool = False

    def load(self) -> ModuleType:
        return importlib.import_module(self.module)

    def config(self, given: dict[str, Any]) -> dict[str, Any]:
        """The setting's own block of a job config, validated and normalised (ValueError names the key)."""
        return getattr(self.load(), self.config_class).from_dict(given).to_dict()


GAMES = {
    "toy": Game("alignment_jobs.game.toy", "ToyConfig"),
    "tiny-lm": Game("alignment_jobs.training.driver", "LMConfig", uses_files=True),
    "lm": Game("alignment_jobs.training.driver", "LMConfig", uses_files=True),
}
