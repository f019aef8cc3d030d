"""How a search query becomes words: split at spaces, each part cut into Chinese
words by jieba (a dictionary-based segmenter), each word widened by the field's
synonyms (data/synonyms.json: 三公 → 公务接待费, 因公出国（境）费用 …). A result
must contain every word, in any of its forms, so "信访 宣传" and "信访宣传" both
find 信访宣传经费 (search.py tries the parts as typed first)."""

import json
import logging
import re
from functools import cache
from pathlib import Path

import jieba

SYNONYMS_FILE = Path(__file__).parent / "data" / "synonyms.json"
# Words that carry no meaning in a query about budgets (and would match everything).
STOP = {"的", "和", "与", "及", "或", "了", "在", "是", "年", "费", "等"}
PUNCTUATION = re.compile(r"^[\W_]+$")


@cache
def synonyms() -> dict[str, tuple[str, ...]]:
    data = json.loads(SYNONYMS_FILE.read_text(encoding="utf-8"))
    return {key: tuple(values) for key, values in data.items() if not key.startswith("_")}


@cache
def segmenter() -> jieba.Tokenizer:
    """jieba's tokenizer, its dictionary loaded once per process (about a second)."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for word in synonyms():  # the field's words stay whole: 三公, 公积金
        tokenizer.add_word(word)
    return tokenizer


def cut(part: str) -> list[str]:
    """One space-separated part as words: kept whole when it is a code, a known word, or short."""
    if part.isdigit() or part in synonyms() or len(part) <= 2:
        return [part]
    words = [w.strip() for w in segmenter().lcut(part)]
    return [w for w in words if w and w not in STOP and not PUNCTUATION.match(w)] or [part]


def query_terms(q: str, segmented: bool = True) -> list[tuple[str, ...]]:
    """The query as terms, each a word and its synonyms: the space-separated parts
    as typed, or (segmented) each part cut into words."""
    terms: list[tuple[str, ...]] = []
    for part in q.split():
        for word in cut(part) if segmented else [part]:
            term = (word, *synonyms().get(word, ()))
            if term not in terms:
                terms.append(term)
    return terms
