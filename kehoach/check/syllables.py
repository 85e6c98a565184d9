"""A model of the Vietnamese syllable: onset + rhyme + at most one tone.

It tells a real syllable from a typing slip (Telex `ddoanf`, `theer`, `dduwowcj`),
decodes the slip back into the syllable that was meant, and says where a word puts
its tone mark (`hóa` old style, `hoá` new style).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources

from kehoach.rules.spelling import Spelling, load_spelling

TONES = {"\u0300": "f", "\u0301": "s", "\u0309": "r", "\u0303": "x", "\u0323": "j"}
_TONE_MARK = {v: k for k, v in TONES.items()}
ONSETS = sorted(
    [
        "b",
        "c",
        "ch",
        "d",
        "đ",
        "g",
        "gh",
        "gi",
        "h",
        "k",
        "kh",
        "l",
        "m",
        "n",
        "ng",
        "ngh",
        "nh",
        "p",
        "ph",
        "qu",
        "r",
        "s",
        "t",
        "th",
        "tr",
        "v",
        "x",
    ],
    key=len,
    reverse=True,
)
_VOWELS = set("aăâeêioôơuưy")


@cache
def _data() -> Spelling:
    return load_spelling()


@cache
def rhymes() -> frozenset[str]:
    """Every rhyme (vowels and final consonant, no tone) a syllable may end with."""
    return frozenset(_data().van.split())


@cache
def known_words() -> frozenset[str]:
    """Abbreviations, codes and loanwords that are not Vietnamese syllables."""
    return frozenset(_data().tu_ngoai_le.split())


def split_tone(word: str) -> tuple[str, list[str]]:
    """The word without tone marks (NFC, lower case) and the tones it had."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [TONES[c] for c in decomposed if c in TONES]
    base = "".join(c for c in decomposed if c not in TONES)
    return unicodedata.normalize("NFC", base), tones


def parts(base: str) -> tuple[str, str] | None:
    """(onset, rhyme) of a toneless lower-case syllable, or None if it is not one."""
    for onset in [*ONSETS, ""]:
        if base.startswith(onset) and base[len(onset) :] in rhymes():
            return onset, base[len(onset) :]
        # "gi" before i-less rhymes reads as g + i…: gìn = g + in, handled by "g" above.
    return None


@cache
def plausible_foreign() -> frozenset[str]:
    """Foreign words Telex would misread as a syllable (`kehoach/data/tu_nuoc_ngoai.txt`):
    never "fixed", since `xe bus` is not `xe bú`."""
    text = resources.files("kehoach").joinpath("data", "tu_nuoc_ngoai.txt").read_text("utf-8")
    return frozenset(
        word.lower() for line in text.splitlines() for word in line.split("#")[0].split()
    )


def is_syllable(word: str) -> bool:
    base, tones = split_tone(word)
    return len(tones) <= 1 and parts(base) is not None


_INITIALS = re.compile(r"[A-ZĐ][A-Za-zĐđ]*")


def is_foreign(word: str) -> bool:
    """Not checked: listed abbreviations and loanwords, Roman numerals, abbreviations made
    of initials (HDI, CTr, UBND, HĐND, QĐ, ĐCTUBTWMTTQVN: capitals, no toned vowel)."""
    if word.lower() in known_words() or word in known_words():
        return True
    if re.fullmatch(r"[IVXLCDM]+", word):
        return True
    if _INITIALS.fullmatch(word) and sum(c.isupper() for c in word) >= 2:
        return True
    return word.isascii() and any(c.isupper() for c in word[1:])  # HDI, AIDS, CTr


def is_name(word: str) -> bool:
    """A capitalised word that is no syllable of the model: a proper name (Đắk Lắk, Krông,
    Bahnar, Ksor), not a typing slip — a slip Telex can read is reported as one."""
    return word[:1].isupper() and word[1:] == word[1:].lower() and telex(word) is None


def tone_key(word: str) -> str:
    """The syllable with its tone, whatever vowel carries the mark: `hóa` and `hoá` share
    a key, `hòa` has another (a commune named Hòa is no misplaced `hoá`)."""
    base, tones = split_tone(word)
    return base + "".join(tones)


def restyle(word: str, style: str) -> str:
    """`word` with its tone on the vowel `style` puts it (`cu`: hóa, `moi`: hoá), letter
    case kept; a word `tone_style` does not place is returned as it is."""
    if tone_style(word) in (None, style):
        return word
    decomposed = unicodedata.normalize("NFD", word)
    tone = next(c for c in decomposed if c in TONES)
    letters = [c for c in decomposed if c not in TONES]
    bases = [i for i, c in enumerate(letters) if not unicodedata.combining(c)]
    target = bases[-2] if style == "cu" else bases[-1]
    end = target + 1
    while end < len(letters) and unicodedata.combining(letters[end]):
        end += 1
    return unicodedata.normalize("NFC", "".join(letters[:end]) + tone + "".join(letters[end:]))


def tone_style(word: str) -> str | None:
    """`cu` when the tone sits on the first vowel of oa/oe/uy without a final
    consonant (hóa, khỏe, ủy), `moi` when on the second (hoá, khoẻ, uỷ), else None."""
    base, tones = split_tone(word)
    split = parts(base)
    if not tones or split is None or split[1] not in ("oa", "oe", "uy"):
        return None
    decomposed = unicodedata.normalize("NFD", word.lower())
    letters = [c for c in decomposed if not unicodedata.combining(c)]
    marks = [i for i, c in enumerate(decomposed) if c in TONES]
    position = sum(1 for c in decomposed[: marks[0]] if not unicodedata.combining(c)) - 1
    return "cu" if letters[position] == split[1][0] else "moi"


# --- Telex ------------------------------------------------------------------------

_TELEX_LETTERS = [
    ("dd", "đ"),
    ("aa", "â"),
    ("aw", "ă"),
    ("ee", "ê"),
    ("oo", "ô"),
    ("ow", "ơ"),
    ("uw", "ư"),
    ("w", "ư"),
]


def _place_tone(base: str, tone: str) -> str:
    """Put `tone` on the vowel that carries it (old style for oa/oe/uy)."""
    split = parts(base)
    if split is None:
        return base
    onset, rhyme = split
    vowels = [i for i, c in enumerate(rhyme) if c in _VOWELS]
    if not vowels:
        return base
    marked = [i for i in vowels if rhyme[i] in "ăâêôơư"]
    if marked:
        target = marked[-1]  # ươ: on ơ; ê, ô …
    elif len(vowels) >= 2 and vowels[-1] == len(rhyme) - 1 and rhyme not in ("oa", "oe", "uy"):
        target = vowels[0]  # ai, ao, ia, ua: on the first
    elif len(vowels) >= 2 and vowels[-1] == len(rhyme) - 1:
        target = vowels[0]  # oa, oe, uy without coda: old style (hóa)
    else:
        target = vowels[-1]
    decomposed = rhyme[: target + 1] + _TONE_MARK[tone] + rhyme[target + 1 :]
    return onset + unicodedata.normalize("NFC", decomposed)


def _decode(letters: str, tone: str) -> str | None:
    for keys, letter in _TELEX_LETTERS:
        letters = letters.replace(keys, letter)
    if parts(letters) is None:
        return None
    return _place_tone(letters, tone) if tone else letters


def telex(word: str) -> str | None:
    """The syllable a Telex slip meant (`ddoanf` → `đoàn`, `vieejt` → `việt`), or None.
    The tone key may stand at the end or anywhere after the first vowel."""
    lower = word.lower()
    if len(lower) < 2 or not lower.isascii() or not lower.isalpha():
        return None
    if lower in plausible_foreign():
        return None
    candidates = {_decode(lower, "")}
    first_vowel = next((i for i, c in enumerate(lower) if c in "aeiouy"), len(lower))
    for i in range(first_vowel + 1, len(lower)):
        if lower[i] in "sfrxj":
            candidates.add(_decode(lower[:i] + lower[i + 1 :], lower[i]))
    found = {c for c in candidates if c and c != lower}
    if len(found) != 1:
        return None  # none, or more than one reading: not a safe fix
    decoded = found.pop()
    return decoded.capitalize() if word[:1].isupper() else decoded
