"""Fixtures of the LM-game tests: one work_dir per session, so the tiny base's warm-up (cached
there) runs once for all the tests that play."""

import pytest
import torch

torch.set_num_threads(1)  # tiny models run faster on one thread; the machine is shared


@pytest.fixture(scope="session")
def work_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("lm-work")
