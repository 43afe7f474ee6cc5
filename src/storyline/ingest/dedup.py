"""Exact and near-duplicate detection.

Exact duplicates share a hash of the normalised text (Unicode NFKC, quotes and
dashes folded, case folded, whitespace collapsed) and are stored once.  Near
duplicates and syndicated copies are found with MinHash over word shingles
(Broder 1997) and banded LSH; the bands live in the store, so the lookup
cost per article stays flat as the corpus grows.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param

_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ",
})
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


def normalize(text: str) -> str:
    """Text with the differences that copies pick up in transit folded away.

    >>> normalize("  Hello\\n\\n“World”  ")
    'hello "world"'
    """
    folded = unicodedata.normalize("NFKC", text).translate(_FOLD).casefold()
    return _SPACE.sub(" ", folded).strip()


def article_id(text: str) -> str:
    """Content-hash id of an article: the same text always gets the same id."""
    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class LshParams:
    """How a MinHash signature is cut into bands for candidate lookup."""

    permutations: int
    bands: int
    rows: int
    threshold: float

    @classmethod
    def for_threshold(cls, threshold: float, permutations: int) -> LshParams:
        bands, rows = _optimal_param(threshold, permutations, 0.5, 0.5)
        return cls(permutations, bands, rows, threshold)


def shingles(text: str, size: int) -> set[bytes]:
    words = _WORD.findall(normalize(text))
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str, *, permutations: int, shingle_size: int) -> np.ndarray:
    """MinHash signature (uint64 array) of the text's word shingles."""
    mh = MinHash(num_perm=permutations, seed=1)
    mh.update_batch(list(shingles(text, shingle_size)))
    return np.asarray(mh.hashvalues, dtype=np.uint64)


def band_keys(sig: np.ndarray, params: LshParams) -> list[tuple[int, bytes]]:
    """(band index, band hash) pairs; two texts sharing one are candidates."""
    keys = []
    for band in range(params.bands):
        chunk = sig[band * params.rows : (band + 1) * params.rows]
        keys.append((band, hashlib.blake2b(chunk.tobytes(), digest_size=8).digest()))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)
