"""The analysis contract (JSON, version 1) built from a store.

Every key of DESIGN.md's contract is present.  Families whose extractors have
not landed yet (events, stories) are empty lists; the README lists which.
Entities are, for now, the NER mentions grouped by type and normalised name
across articles; cross-article resolution with evidence
(aliases, roles) replaces this grouping when it lands.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from storyline.records import Article, EntityMention
from storyline.store import Store

CONTRACT_VERSION = 1

_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")
_SPACE = re.compile(r"\s+")


def entity_key(label: str, text: str) -> tuple[str, str]:
    """Grouping key of a mention: its type and its name without article or possessive.

    >>> entity_key("ORG", "the CIA's")
    ('ORG', 'cia')
    """
    name = _SPACE.sub(" ", text).strip()
    name = _POSSESSIVE.sub("", _LEADING_THE.sub("", name))
    return label, name.casefold()


def group_entities(mentions: Iterable[EntityMention]) -> list[dict[str, Any]]:
    """Mentions grouped into entity objects of the contract, in order of first mention."""
    groups: dict[tuple[str, str], list[EntityMention]] = defaultdict(list)
    for mention in mentions:
        groups[entity_key(mention.label, mention.text)].append(mention)
    entities = []
    for (label, key), found in groups.items():
        forms = Counter(m.text for m in found)
        name = forms.most_common(1)[0][0]
        digest = hashlib.sha256(f"{label}\t{key}".encode()).hexdigest()[:12]
        entities.append({
            "id": f"ent-{digest}",
            "name": name,
            "type": label,
            "aliases": sorted(f for f in forms if f != name),
            "roles": [],
            "mentions": [
                {"article": m.article, "start": m.start, "end": m.end, "text": m.text}
                for m in found
            ],
        })
    return entities


def _article_object(store: Store, article: Article) -> dict[str, Any]:
    obj = article.as_dict()
    # inputs whose text was an exact copy of this article (stored once)
    obj["copies"] = [s for s in store.sources_of(article.id) if s != article.source]
    return obj


def build_contract(store: Store, articles: Iterable[Article] | None = None) -> dict[str, Any]:
    """The analysis contract for ``articles`` (default: every stored article)."""
    chosen = list(store.articles() if articles is None else articles)
    mentions = (m for a in chosen for m in store.mentions(a.id))
    contract: dict[str, Any] = {
        "version": CONTRACT_VERSION,
        "articles": [_article_object(store, a) for a in chosen],
        "entities": group_entities(mentions),
    }
    for family in ("times", "quotes", "figures"):
        contract[family] = [r for a in chosen for r in store.records(family, a.id)]
    contract["events"] = []
    contract["stories"] = []
    return contract
