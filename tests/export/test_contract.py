from __future__ import annotations

from storyline.export.contract import entity_key, group_entities
from storyline.records import EntityMention


def test_entity_key_ignores_article_possessive_and_case() -> None:
    assert entity_key("ORG", "The CIA's") == entity_key("ORG", "CIA")
    assert entity_key("ORG", "CIA") != entity_key("PERSON", "CIA")


def test_group_entities_across_articles() -> None:
    mentions = [
        EntityMention("a", 0, 5, "Paris", "GPE"),
        EntityMention("a", 20, 28, "Mossad's", "ORG"),
        EntityMention("b", 3, 8, "Paris", "GPE"),
        EntityMention("b", 40, 46, "Mossad", "ORG"),
        EntityMention("b", 50, 56, "Mossad", "ORG"),
    ]
    paris, mossad = group_entities(mentions)
    assert paris["name"] == "Paris" and paris["type"] == "GPE"
    assert [(m["article"], m["start"]) for m in paris["mentions"]] == [("a", 0), ("b", 3)]
    assert mossad["name"] == "Mossad" and mossad["aliases"] == ["Mossad's"]
    assert len(mossad["mentions"]) == 3
    assert paris["id"] != mossad["id"] and paris["id"].startswith("ent-")
    assert group_entities(list(reversed(mentions)))[0]["id"] in {paris["id"], mossad["id"]}
