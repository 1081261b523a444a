"""The golden-regeneration flag must never be left on outside `make golden`."""

import os


def test_regen_flag_is_off() -> None:
    assert os.environ.get("S11_REGEN_GOLDEN") != "1", "S11_REGEN_GOLDEN=1 is set: unset it"
