"""Search the guide's frequently asked questions and rank the answers for a query."""

from __future__ import annotations

import re
from dataclasses import dataclass

from billing_career.errors import UsageError, shown
from billing_career.knowledge.models import Faq, KnowledgeBase
from billing_career.knowledge.serialize import Citation, citation
from billing_career.reference.newer import QuotedNewer, newer_in_text

# Words that say nothing about the topic; without this "how do I..." would match every question.
STOPWORDS = frozenset(
    {
        "a",
        "about",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "could",
        "do",
        "does",
        "for",
        "from",
        "get",
        "how",
        "i",
        "if",
        "in",
        "is",
        "it",
        "many",
        "me",
        "much",
        "my",
        "of",
        "on",
        "or",
        "per",
        "should",
        "so",
        "some",
        "than",
        "that",
        "the",
        "their",
        "them",
        "there",
        "they",
        "this",
        "to",
        "was",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "you",
        "your",
    }
)
# Where a word is found counts: a search keyword or the question says more than the answer.
WEIGHTS = {"keywords": 3.0, "question": 2.0, "answer": 1.0}
PHRASE_BONUS = 3.0
# A match scoring under this share of the best one is noise, not an answer.
RELATIVE_CUTOFF = 0.5
# Prefix matching ("hour" ~ "hourly") only for words long enough not to match by accident.
MIN_PREFIX = 4
DEFAULT_LIMIT = 3


@dataclass(frozen=True)
class FaqMatch:
    """A question, how well it matched, and the query words it matched."""

    faq: Faq
    score: float
    matched: tuple[str, ...]


def words(text: str) -> list[str]:
    """Lower-case words of text, apostrophes dropped ("you're" -> "youre")."""
    return re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "").replace("'", ""))


def query_terms(query: str) -> list[str]:
    """The words of a query worth searching for, in order, without repeats; empty is an error."""
    if not query.strip():
        raise UsageError(
            "The search text is empty.",
            "Give some words, e.g. bcareer faq 'work from home', or no argument "
            "to list every question.",
        )
    if not words(query):
        raise UsageError(
            f"'{shown(query.strip())}' has no words to search for.",
            "Use words about the topic, e.g. bcareer faq 'cost'.",
        )
    terms = list(dict.fromkeys(w for w in words(query) if w not in STOPWORDS))
    # A query of common words only ("how much") is still a search: its words, together, pick
    # out the questions that ask it (see the phrase bonus in score).
    return terms or list(dict.fromkeys(words(query)))


def _same_word(term: str, word: str) -> bool:
    if term == word:
        return True
    if len(term) >= MIN_PREFIX and len(word) >= MIN_PREFIX:
        return word.startswith(term) or term.startswith(word)
    return False


def _field_words(faq: Faq) -> dict[str, list[str]]:
    return {
        "keywords": [w for keyword in faq.keywords for w in words(keyword)],
        "question": words(faq.question),
        "answer": words(faq.answer),
    }


def score(faq: Faq, terms: list[str]) -> FaqMatch:
    """Each query word counts once, at the weight of the best place it appears; a phrase adds."""
    fields = _field_words(faq)
    total = 0.0
    matched = []
    for term in terms:
        best = max(
            (
                WEIGHTS[name]
                for name, found in fields.items()
                if any(_same_word(term, word) for word in found)
            ),
            default=0.0,
        )
        if best:
            total += best
            matched.append(term)
    if len(terms) > 1:
        phrase = " ".join(terms)
        for name in ("question", "answer"):
            kept = (w for w in fields[name] if w not in STOPWORDS or w in terms)
            if phrase in " ".join(kept):
                total += PHRASE_BONUS
                break
    return FaqMatch(faq, total, tuple(matched))


def search(knowledge: KnowledgeBase, query: str) -> list[FaqMatch]:
    """The questions that match the query well, best first (ties keep the guide's order)."""
    terms = query_terms(query)
    matches = [score(faq, terms) for faq in knowledge.faq.faq]
    best = max((m.score for m in matches), default=0.0)
    if best <= 0:
        return []
    kept = (m for m in matches if m.score >= best * RELATIVE_CUTOFF)
    return sorted(kept, key=lambda m: -m.score)


@dataclass(frozen=True)
class FaqEntry:
    """A question and answer with its source."""

    id: str
    question: str
    answer: str
    # Newer reports of the guide figures the answer quotes, flagged as `salary` flags them.
    newer: tuple[QuotedNewer, ...]
    source: Citation


@dataclass(frozen=True)
class ScoredFaqEntry(FaqEntry):
    """A question that matched a search, with how well."""

    score: float


@dataclass(frozen=True)
class FaqResult:
    """What `bcareer faq` shows: every question (no query), or the best matches for one."""

    query: str | None
    matches: tuple[FaqEntry, ...]


def faq_entry(knowledge: KnowledgeBase, faq: Faq) -> FaqEntry:
    """A question and answer with its source and the newer figures its answer quotes."""
    return FaqEntry(
        faq.id,
        faq.question,
        faq.answer,
        newer_in_text(knowledge, faq.answer),
        citation(knowledge, faq.source),
    )


def faq_lookup(knowledge: KnowledgeBase, query: str | None, limit: int) -> FaqResult:
    """Every question when query is None, else the best `limit` matches, best first."""
    if query is None:
        return FaqResult(None, tuple(faq_entry(knowledge, item) for item in knowledge.faq.faq))
    entries = []
    for match in search(knowledge, query)[:limit]:
        entry = faq_entry(knowledge, match.faq)
        entries.append(
            ScoredFaqEntry(
                entry.id, entry.question, entry.answer, entry.newer, entry.source, match.score
            )
        )
    return FaqResult(query, tuple(entries))
