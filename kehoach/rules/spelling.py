"""What the spelling check knows of Vietnamese (`kehoach/data/tieng_viet.yaml`)."""

from __future__ import annotations

from functools import cache
from typing import Annotated

from pydantic import StringConstraints

from kehoach.rules.source import Data, read, shipped

Words = Annotated[str, StringConstraints(min_length=1)]


class Spelling(Data):
    van: Words  # every rhyme (vowels and final consonant, no tone), separated by spaces
    tu_ngoai_le: Words  # loanwords and abbreviations that are not syllables but are right


@cache
def load_spelling() -> Spelling:
    return read(Spelling, shipped("tieng_viet.yaml"))
