"""Cross-article resolution: rules on hand-written local entities, then the seeds gold."""

from __future__ import annotations

import doctest
import importlib
import json
import time
from pathlib import Path
from typing import Any

import pytest

from storyline.extract.entities import entities
from storyline.link import global_ids, resolve
from storyline.link import names as link_names
from storyline.link import units as link_units
from storyline.nlp import load_pipeline
from storyline.records import ArticleContext
from tests.conftest import ROOT
from tests.conftest import needs_model as _requires_model

GOLD = ROOT / "tests" / "gold" / "entities_seeds.json"


def ent(local: int, name: str | None, kind: str = "PERSON", *, texts: tuple[str, ...] = (),
        roles: tuple[tuple[str, str], ...] = (), code: str | None = None,
        affiliation: str | None = None) -> dict[str, Any]:
    mention_texts = texts or ((name,) if name else ("someone",))
    mentions, offset = [], 0
    for text in mention_texts:
        kinds = "description" if name is None else "name" if " " in text else "surname"
        mentions.append({"start": offset, "end": offset + len(text), "text": text,
                         "kind": kinds if kind == "PERSON" else "name"})
        offset += len(text) + 1
    return {"local": local, "name": name, "type": kind, "code": code,
            "affiliation": affiliation, "mentions": mentions,
            "roles": [{"title": t, "of": o, "unique": True, "former": False} for t, o in roles],
            "evidence": []}


def article(aid: str, published: str | None, *entities: dict[str, Any]) -> dict[str, Any]:
    return {"id": aid, "published": published, "entities": list(entities)}


def names_of(found: list[dict[str, Any]]) -> list[tuple[str, list[list[Any]]]]:
    return sorted((e["name"], e["locals"]) for e in found)


def one(found: list[dict[str, Any]], name: str) -> dict[str, Any]:
    (entity,) = [e for e in found if e["name"] == name]
    return entity


def rules(entity: dict[str, Any]) -> set[str]:
    return {e["rule"] for e in entity["evidence"]}


@pytest.mark.parametrize("module", [importlib.import_module("storyline.link.resolve"),
                                    link_names, link_units])
def test_doctests(module: Any) -> None:
    assert doctest.testmod(module).failed == 0


def test_hypocorism_across_articles() -> None:
    found = resolve([article("a", "2024-01-28", ent(0, "William Burns")),
                     article("b", "2024-05-25", ent(0, "Bill Burns"))])
    burns = one(found, "William Burns")
    assert burns["locals"] == [["a", 0], ["b", 0]]
    assert burns["aliases"] == ["Bill Burns"]
    assert "hypocorism" in rules(burns)


@pytest.mark.parametrize(("first", "second"), [
    ("George Bush", "Laura Bush"), ("Jake Sullivan", "Kathy Sullivan"),
    ("Mohammed bin Jassim Al Thani", "Mohammed bin Abdulrahman Al Thani")])
def test_people_sharing_a_surname_stay_apart(first: str, second: str) -> None:
    found = resolve([article("a", "2024-01-01", ent(0, first)),
                     article("b", "2024-01-02", ent(0, second))])
    assert len(found) == 2


def test_transliterations_and_particles_are_one_name() -> None:
    found = resolve([article("a", "2024-01-01", ent(0, "Mohammed bin Abdulrahman Al Thani")),
                     article("b", "2024-01-02", ent(0, "Mohammed Bin Abdul Rahman al-Thani")),
                     article("c", "2024-01-03", ent(0, "Sheikh Mohamed bin Abdulrahman Al-Thani"))])
    assert len(found) == 1


def test_initial_and_missing_middle_name_join_the_one_that_fits() -> None:
    found = resolve([article("a", "2005-01-01", ent(0, "George W. Bush")),
                     article("b", "2005-01-02", ent(0, "George Walker Bush")),
                     article("c", "2005-01-03", ent(0, "George Bush")),
                     article("d", "2005-01-04", ent(0, "Laura Bush"))])
    assert names_of(found) == [("George Walker Bush", [["a", 0], ["b", 0], ["c", 0]]),
                               ("Laura Bush", [["d", 0]])]


def test_ambiguous_nickname_is_left_alone() -> None:
    found = resolve([article("a", "2024-01-01", ent(0, "Christopher Smith")),
                     article("b", "2024-01-01", ent(0, "Christine Smith")),
                     article("c", "2024-01-01", ent(0, "Chris Smith"))])
    assert len(found) == 3
    assert "not-merged:ambiguous-name" in rules(one(found, "Chris Smith"))


def test_surname_alone_joins_the_one_person_in_the_window() -> None:
    found = resolve([article("a", "2024-01-28", ent(0, "Joe Biden")),
                     article("b", "2024-05-25", ent(0, "Biden"))])
    assert one(found, "Joe Biden")["locals"] == [["a", 0], ["b", 0]]
    two = resolve([article("a", "2005-01-01", ent(0, "George Bush")),
                   article("b", "2005-01-01", ent(0, "Laura Bush")),
                   article("c", "2005-02-01", ent(0, "Bush"))])
    assert len(two) == 3
    assert "not-merged:ambiguous-surname" in rules(one(two, "Bush"))


def test_description_resolves_as_of_the_articles_date() -> None:
    found = resolve([
        article("one", "2024-01-28", ent(0, None, texts=("the CIA chief",),
                                          roles=(("director", "CIA"),))),
        article("two", "2024-05-25", ent(0, "Bill Burns", roles=(("director", "CIA"),)))])
    burns = one(found, "Bill Burns")
    assert burns["locals"] == [["one", 0], ["two", 0]]
    assert "role-as-of-date" in rules(burns)
    (role,) = burns["roles"]
    assert (role["title"], role["of"], role["dates"]) == ("director", "CIA",
                                                          ["2024-01-28", "2024-05-25"])


def test_description_refused_with_two_holders_in_the_window() -> None:
    found = resolve([
        article("a", "2023-01-10", ent(0, "John Brennan", roles=(("director", "CIA"),))),
        article("b", "2023-06-01", ent(0, None, texts=("the CIA chief",),
                                        roles=(("director", "CIA"),))),
        article("c", "2023-09-01", ent(0, "Bill Burns", roles=(("director", "CIA"),)))])
    assert len(found) == 3
    described = next(e for e in found if e["description"])
    assert described["name"] == "director of CIA"
    assert "not-merged:ambiguous-role" in rules(described)


def test_description_outside_the_window_is_not_resolved() -> None:
    found = resolve([
        article("a", "2020-01-01", ent(0, None, texts=("Qatar's emir",),
                                        roles=(("emir", "QAT"),))),
        article("b", "2024-01-01", ent(0, "Tamim bin Hamad Al Thani", roles=(("emir", "QAT"),)))])
    assert len(found) == 2


def test_unnamed_office_holders_close_in_time_are_one() -> None:
    found = resolve([
        article("a", "2024-01-28", ent(0, None, texts=("Qatar's emir",), roles=(("emir", "QAT"),),
                                       affiliation="QAT")),
        article("b", "2024-02-03", ent(0, None, texts=("the emir of Qatar",),
                                        roles=(("emir", "QAT"),), affiliation="QAT"))])
    (emir,) = found
    assert emir["name"] == "emir of Qatar"
    assert emir["description"] is True


def test_countries_by_code_and_organisations_by_name() -> None:
    found = resolve([
        article("a", None, ent(0, "Qatar", "GPE", code="QAT"),
                ent(1, "Apple Computer", "ORG", texts=("Apple Computer", "Apple"))),
        article("b", None, ent(0, "Qatar", "GPE", texts=("Qatari",), code="QAT"),
                ent(1, "Apple", "ORG"), ent(2, "Apple Inc.", "ORG"))])
    assert names_of(found) == [("Apple Computer", [["a", 1], ["b", 1], ["b", 2]]),
                               ("Qatar", [["a", 0], ["b", 0]])]


def test_ids_are_stable_unique_and_mapped() -> None:
    arts = [article("a", "2024-01-01", ent(0, "Bush"), ent(1, "George Bush"),
                    ent(2, "Laura Bush")),
            article("b", "2024-01-01", ent(0, "Bush"))]
    first, again = resolve(arts), resolve(list(reversed(arts)))
    assert sorted(e["id"] for e in first) == sorted(e["id"] for e in again)
    assert len({e["id"] for e in first}) == len(first)
    ids = global_ids(first)
    assert set(ids) == {("a", 0), ("a", 1), ("a", 2), ("b", 0)}
    assert all(i.startswith("ent-") for i in ids.values())


def test_contract_fields() -> None:
    (entity,) = resolve([article("a", "2024-01-01", ent(0, "Bill Burns",
                                                       roles=(("director", "CIA"),)))])
    assert set(entity) >= {"id", "name", "type", "code", "affiliation", "aliases", "roles",
                           "mentions", "evidence"}
    assert set(entity["roles"][0]) >= {"title", "of", "dates", "articles"}
    assert set(entity["mentions"][0]) >= {"article", "start", "end", "text"}


@pytest.mark.slow
def test_cost_grows_about_linearly() -> None:
    def corpus(n: int) -> list[dict[str, Any]]:
        return [article(f"a{i}", f"20{10 + i % 10}-01-{1 + i % 28:02d}",
                        ent(0, f"Person{i % 500} Surname{i % 700}"),
                        ent(1, f"Surname{(i + 1) % 700}"),
                        ent(2, None, texts=("the chief",), roles=(("director", f"Org{i % 50}"),)),
                        ent(3, f"Org{i % 50}", "ORG"),
                        ent(4, f"Person{i % 90} Surname{i % 700}",
                            roles=(("director", f"Org{i % 50}"),)))
                for i in range(n)]

    def seconds(n: int) -> float:
        arts = corpus(n)
        start = time.perf_counter()
        resolve(arts)
        return time.perf_counter() - start

    small, large = seconds(1000), seconds(4000)
    assert large < small * 8  # four times the articles: well under sixteen times the time


# -- the seeds, with the bundled model -------------------------------------------------


@pytest.fixture(scope="module")
def seeds_resolved() -> list[dict[str, Any]]:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    nlp = load_pipeline("bundled")
    arts = []
    for short, info in gold["articles"].items():
        text = (ROOT / info["path"]).read_text(encoding="utf-8")
        ctx = ArticleContext(short, info["published"])
        arts.append({"id": short, "published": info["published"],
                     "entities": [e.as_dict() for e in entities(nlp(text), ctx)]})
    return resolve(arts)


def _find(found: list[dict[str, Any]], expected: dict[str, Any]) -> dict[str, Any]:
    article, texts = next(iter(expected["mentions"].items()))
    holders = [e for e in found if any(m["article"] == article and m["text"] == texts[0]
                                       for m in e["mentions"])]
    if expected.get("description"):
        holders = [e for e in holders if e["description"]] or holders
    assert holders, f"no entity has {texts[0]!r} in {article}"
    return min(holders, key=lambda e: len(e["mentions"]))


@_requires_model
def test_seeds_match_the_gold(seeds_resolved: list[dict[str, Any]]) -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    matched: dict[str, str] = {}
    for expected in gold["entities"]:
        entity = _find(seeds_resolved, expected)
        label = expected.get("name") or str(expected.get("roles") or expected["mentions"])
        assert entity["id"] not in matched, f"{label} and {matched.get(entity['id'])} merged"
        matched[entity["id"]] = label
        have = {(m["article"], m["text"]) for m in entity["mentions"]}
        for article_id, texts in expected["mentions"].items():
            for text in texts:
                assert (article_id, text) in have, f"{label}: {text!r} in {article_id}"
        for key in ("name", "type", "code", "affiliation"):
            if key in expected:
                assert entity[key] == expected[key], (label, key)
        assert set(expected.get("aliases", [])) <= set(entity["aliases"]), label
        roles = {(r["title"], r["of"]) for r in entity["roles"]}
        assert {tuple(r) for r in expected.get("roles", [])} <= roles, label
        if expected.get("description"):
            assert entity["description"] and entity["name"], label


@_requires_model
def test_seed_merges_carry_evidence(seeds_resolved: list[dict[str, Any]]) -> None:
    burns = next(e for e in seeds_resolved if e["name"] == "William Burns")
    cross = [e for e in burns["evidence"] if len(e["articles"]) == 2]
    assert {e["rule"] for e in cross} == {"hypocorism"}
    thani = next(e for e in seeds_resolved if e["name"].endswith("al-Thani"))
    (why,) = [e for e in thani["evidence"] if e["rule"] == "role-as-of-date"]
    assert why["articles"] == ["000", "003"]
    assert "2024-05-25" in why["detail"]


def test_gold_file_is_well_formed() -> None:
    gold = json.loads(Path(GOLD).read_text(encoding="utf-8"))
    assert len(gold["entities"]) >= 20
    for info in gold["articles"].values():
        assert (ROOT / info["path"]).is_file()


def _described(entity: dict[str, Any], *texts: str) -> dict[str, Any]:
    """``entity`` with description mentions ("the iTunes store") after its names."""
    offset = max(m["end"] for m in entity["mentions"]) + 1
    for text in texts:
        entity["mentions"].append({"start": offset, "end": offset + len(text), "text": text,
                                   "kind": "description"})
        offset += len(text) + 1
    return entity


def test_a_model_is_not_its_product_line_across_articles() -> None:
    # "iPhone" is short for "iPhone 4" in one article; elsewhere it is the product line
    found = resolve([
        article("a", "2010-06-08", ent(0, "iPhone 4", "MISC", texts=("iPhone 4", "iPhone"))),
        article("b", "2007-01-10", ent(0, "iPhone", "MISC")),
        article("c", "2005-09-07", ent(0, "iPod nano", "ORG", texts=("iPod nano", "iPod"))),
        article("d", "2006-04-05", ent(0, "iPod", "ORG"))])
    assert names_of(found) == [("iPhone", [["b", 0]]), ("iPhone 4", [["a", 0]]),
                               ("iPod", [["d", 0]]), ("iPod nano", [["c", 0]])]


def test_a_name_with_the_kind_an_article_called_it() -> None:
    found = resolve([
        article("a", "2008-04-09", _described(ent(0, "iTunes", "MISC"), "the iTunes store")),
        article("b", "2006-03-28", ent(0, "iTunes Music Store", "MISC")),
        article("c", "2008-03-06", ent(0, "iTunes Apps Stores", "ORG")),
        article("d", "2007-01-10", _described(ent(0, "iPhone", "MISC"), "the phone")),
        article("e", "2008-03-06", ent(0, "iPhone Developer Program", "MISC"))])
    (itunes,) = [e for e in found if ["a", 0] in e["locals"]]
    assert itunes["locals"] == [["a", 0], ["b", 0], ["c", 0]]
    assert "name-with-kind-head" in rules(itunes)
    assert one(found, "iPhone Developer Program")["locals"] == [["e", 0]]


@pytest.mark.parametrize(("plural", "singular", "kind", "joined"), [
    ("iPods", "iPod", "MISC", True),
    ("Apple Stores", "Apple Store", "ORG", True),
    ("iPod Touches", "iPod Touch", "ORG", True),
    ("Reuters", "Reuter", "PERSON", False),  # people's names have no plural
    ("NPDs", "NPD", "ORG", False),  # nor acronyms
])
def test_a_plural_name_joins_its_singular(plural: str, singular: str, kind: str,
                                          joined: bool) -> None:
    found = resolve([article("a", "2024-01-01", ent(0, singular, kind)),
                     article("b", "2024-01-02", ent(0, plural, kind))])
    assert (len(found) == 1) == joined
    if joined:
        assert "plural-name" in rules(found[0])


def test_a_plural_without_its_singular_stays_alone() -> None:
    found = resolve([article("a", "2024-01-01", ent(0, "Reuters", "ORG")),
                     article("b", "2024-01-02", ent(0, "Reuter Group", "ORG"))])
    assert len(found) == 2


def test_a_plural_beside_a_model_of_it_stays_apart() -> None:
    # "eight million iPhones" in an article on the "iPhone 4": units of that model, maybe
    found = resolve([article("a", "2024-01-01", ent(0, "iPhone", "MISC")),
                     article("b", "2024-01-02", ent(0, "iPhone 4", "MISC"),
                             ent(1, "iPhones", "MISC"))])
    assert len(found) == 3
    assert "not-merged:plural-of-a-model" in rules(one(found, "iPhones"))
