"""Quote rules on hand-written sentences: the blank pipeline (tokens only) and hand-built Docs.

The rules read words, capitals and quotation marks, so these results do not drift
with the trained model.
"""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from storyline.extract import quotes
from storyline.extract.quotes import Quote
from storyline.records import ArticleContext
from tests.extract.parse_rows import Row
from tests.extract.parse_rows import parsed_doc as _doc

CTX = ArticleContext("a1", "2024-02-03", "Reuters")


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def run(nlp: Language, text: str, ctx: ArticleContext = CTX, **kw: Any) -> list[Quote]:
    doc = nlp(text)
    found = list(quotes(doc, ctx, times=[], **kw))
    for q in found:  # every record points at the text it names
        assert text[q.start : q.end] == q.content
        assert text[q.cue_start : q.cue_end] == q.cue
        assert text[q.speaker.start : q.speaker.end] == q.speaker.mention
    return found


# text, content, speaker (resolved), anonymous, affiliation, channel, direct
CASES = [
    ('"We are close to a deal," a senior US official told Axios.',
     "We are close to a deal", "a senior US official", True, "US", "Axios", True),
    ("“At the end of the meeting, talks resumed,” the minister’s office said.",
     "At the end of the meeting, talks resumed", "the minister’s office", False, None, None,
     True),
    ('But "there are still gaps to close," Prime Minister Benjamin Netanyahu\'s office said.',
     "there are still gaps to close", "Prime Minister Benjamin Netanyahu's office", False, None,
     None, True),
    ("A Hamas official pushed back and told Axios the group will not resume talks.",
     "the group will not resume talks", "A Hamas official", True, "Hamas", "Axios", False),
    ("A security source on Friday told AFP that the chief would travel in the coming days.",
     "the chief would travel in the coming days", "A security source", True, None, "AFP",
     False),
    ("A senior Israeli official told reporters on Saturday that the director met his peers.",
     "the director met his peers", "A senior Israeli official", True, "Israeli", "reporters",
     False),
    ("The talks were useful, officials close to the participants said.",
     "The talks were useful", "officials close to the participants", True, None, None, False),
    ("About 250 people were seized, according to an AFP tally.",
     "About 250 people were seized", "an AFP tally", False, None, None, False),
    ("According to the ministry, the crossing will reopen on Monday.",
     "the crossing will reopen on Monday", "the ministry", False, None, None, False),
    ("Militants seized hostages and Israel says around 132 of them remain in Gaza.",
     "around 132 of them remain in Gaza", "Israel", False, None, None, False),
    ("The New York Times said on Saturday that negotiators were getting closer to a deal.",
     "negotiators were getting closer to a deal", "The New York Times", False, None, None,
     False),
    ("The minister said: \"We will not accept this proposal at all.\"",
     "We will not accept this proposal at all.", "The minister", False, None, None, True),
    ("The truce will hold, said the spokesman.",
     "The truce will hold", "the spokesman", True, None, None, False),
    ("Jim Moore, a senator from Ohio, said the vote would be close.",
     "the vote would be close", "Jim Moore, a senator from Ohio", False, None, None, False),
    ('"The plan is dead," Jim Moore, a senator from Ohio, told CNN.',
     "The plan is dead", "Jim Moore, a senator from Ohio", False, None, "CNN", True),
    ("Ruiz, speaking in Lyon on Monday, said she would review the budget.",
     "she would review the budget", "Ruiz, speaking in Lyon on Monday", False, None,
     None, False),
    ("At the time, Ruiz smiled and said the strike was far from over.",
     "the strike was far from over", "Ruiz", False, None, None, False),
]


@pytest.mark.parametrize(
    ("text", "content", "speaker", "anonymous", "affiliation", "channel", "direct"), CASES
)
def test_frames(nlp: Language, text: str, content: str, speaker: str, anonymous: bool,
                affiliation: str | None, channel: str | None, direct: bool) -> None:
    (q,) = run(nlp, text)
    assert q.content == content
    assert q.speaker.text == speaker
    assert q.speaker.anonymous is anonymous
    assert q.speaker.affiliation == affiliation
    assert q.channel == channel
    assert q.direct is direct


@pytest.mark.parametrize("text", [
    "The talks resumed on Monday in Cairo.",
    "He wants a deal before the election.",
    "The report states the facts plainly.",
    "He told the story again.",
    "The so-called plan was a report of the meeting.",
    "Voters in eight battleground states: Ohio, Iowa and Florida.",
    "Editor's note: this story was updated with new figures.",
    "He wrote a long letter to the council.",
    "UPDATE: The vote has been moved to Friday afternoon.",
    "",
])
def test_no_quote(nlp: Language, text: str) -> None:
    assert run(nlp, text) == []


def test_mixed_quote(nlp: Language) -> None:
    (q,) = run(nlp, 'Israel said late Sunday that the talks had been "constructive".')
    assert q.content == 'the talks had been "constructive"'
    assert (q.direct, q.mixed, q.speaker.text, q.cue) == (False, True, "Israel", "said")


def test_quote_split_around_cue(nlp: Language) -> None:
    text = '"There are gaps," the official said, "and we will talk again next week."'
    (q,) = run(nlp, text)
    assert q.direct
    assert [text[s:e] for s, e in q.parts] == [
        "There are gaps", "and we will talk again next week."]
    assert (q.start, q.end) == (q.parts[0][0], q.parts[1][1])


def test_quote_over_paragraphs(nlp: Language) -> None:
    text = ('"The first paragraph of what she said goes here.\n\n'
            '"And the second paragraph carries on," she said.')
    (q,) = run(nlp, text)
    assert q.direct and len(q.parts) == 2
    assert text[q.parts[1][0] : q.parts[1][1]] == "And the second paragraph carries on"


def test_quote_goes_on_after_its_frame(nlp: Language) -> None:
    text = '"We made progress," the minister said on Friday. "Talks resume next week in Cairo."'
    (q,) = run(nlp, text)
    assert [text[s:e] for s, e in q.parts] == [
        "We made progress", "Talks resume next week in Cairo."]


def test_frame_closing_the_paragraph_before(nlp: Language) -> None:
    text = 'The mayor continued:\n\n"We will open the bridge again before the winter."'
    (q,) = run(nlp, text)
    assert (q.speaker.text, q.cue, q.direct) == ("The mayor", "continued", True)
    assert q.content == "We will open the bridge again before the winter."


def test_quote_over_sentences(nlp: Language) -> None:
    text = ("“There is progress. Contacts are ongoing. We will keep working,” "
            "a senior US official told Axios.")
    (q,) = run(nlp, text)
    assert q.content == "There is progress. Contacts are ongoing. We will keep working"
    assert q.speaker.seniority == "senior"


def test_pronoun_and_sources(nlp: Language) -> None:
    text = ("The New York Times said on Saturday that negotiators were close. "
            "Quoting unidentified US officials, it said a draft was ready.")
    _, q = run(nlp, text)
    assert (q.speaker.mention, q.speaker.text) == ("it", "The New York Times")
    assert q.speaker.antecedent_start == 0
    assert [(c.role, c.text, c.anonymous) for c in q.chain] == [
        ("source", "unidentified US officials", True),
        ("speaker", "The New York Times", False),
        ("outlet", "Reuters", False),
    ]


def test_description_resolved(nlp: Language) -> None:
    text = ("A senior Israeli official spoke on Saturday. "
            '"We will meet again next week," the Israeli official said.')
    (q,) = run(nlp, text)
    assert (q.speaker.mention, q.speaker.text) == ("the Israeli official",
                                                   "A senior Israeli official")
    assert (q.speaker.anonymous, q.speaker.affiliation, q.speaker.seniority) == (
        True, "Israeli", "senior")


def test_nominal_and_relative(nlp: Language) -> None:
    text = ("The Israeli government repeated its warning that the talks would fail. "
            "Ana Ruiz, who said she backs the union, likes the plan.")
    nominal, relative = run(nlp, text)
    assert (nominal.content, nominal.speaker.mention, nominal.speaker.text) == (
        "the talks would fail", "its", "The Israeli government")
    assert (relative.content, relative.speaker.mention, relative.speaker.text) == (
        "she backs the union", "who", "Ana Ruiz")


def test_plural_pronoun(nlp: Language) -> None:
    text = ("US officials were more nuanced. "
            "They acknowledged progress was made and said a new round was discussed.")
    first, second = run(nlp, text)
    assert first.content == "progress was made"
    assert second.content == "a new round was discussed"
    assert first.speaker.text == second.speaker.text == "US officials"


def test_relay_in_text_and_article(nlp: Language) -> None:
    text = "The meeting made progress, US and Israeli officials said, Report informs via Axios."
    (q,) = run(nlp, text, ArticleContext("a", None, "Report"))
    assert (q.speaker.text, q.speaker.affiliation, q.via) == (
        "US and Israeli officials", "US and Israeli", ("Axios",))
    assert [c.role for c in q.chain] == ["speaker", "relay", "outlet"]
    (q,) = run(nlp, '"We are close," an official told Axios.', ArticleContext("a", None, "Report"),
               article_via=("Axios",))
    assert (q.channel, q.via) == ("Axios", ())  # told Axios, relayed by Report
    assert [(c.role, c.text) for c in q.chain] == [
        ("speaker", "an official"), ("channel", "Axios"), ("outlet", "Report")]


def test_document_source(nlp: Language) -> None:
    text = "The source confirmed a report in The Washington Post that Biden was sending Burns."
    (q,) = run(nlp, text)
    assert q.content == "Biden was sending Burns"
    assert q.chain[0].text == "The Washington Post"


def test_dates(nlp: Language) -> None:
    text = "Israel said on Sunday that the talks were useful."
    doc = nlp(text)
    (q,) = quotes(doc, CTX)  # the time expressions are tagged here
    assert (q.date, q.date_source) == ("2024-01-28", "cue")
    (q,) = quotes(nlp("Israel said that the talks were useful."), CTX)
    assert (q.date, q.date_source) == ("2024-02-03", "article")
    (q,) = quotes(nlp("Israel said that the talks were useful."), ArticleContext("x"))
    assert (q.date, q.date_source) == (None, None)


def test_dash_and_transcript(nlp: Language) -> None:
    text = ('“The new bridge will change this town for good.” ― Ana Ruiz\n'
            "MORENO: The council will not vote on the bridge this year.")
    dash, colon = run(nlp, text)
    assert (dash.speaker.text, dash.direct) == ("Ana Ruiz", True)
    assert (colon.speaker.text, colon.content) == (
        "MORENO", "The council will not vote on the bridge this year")


def test_as_dict_contract_shape(nlp: Language) -> None:
    (q,) = run(nlp, '"We are close to a deal," a senior US official told Axios.')
    d = q.as_dict()
    for key in ("article", "start", "end", "content", "direct", "cue", "speaker", "channel",
                "via", "date"):
        assert key in d
    assert set(d["speaker"]) >= {"text", "entity", "anonymous", "affiliation"}
    assert d["speaker"]["entity"] is None and d["via"] == [] and d["date"] == "2024-02-03"


def test_named_entities_refine_speakers() -> None:
    vocab = spacy.blank("en").vocab
    words = ["Spokesman", "John", "Kirby", "said", "the", "talks", "failed", "."]
    sent_starts: list[bool | int | None] = [True, False, False, False, False, False, False, False]
    doc = Doc(vocab, words=words, spaces=[True] * 6 + [False, False],
              ents=["O", "B-PERSON", "I-PERSON", "O", "O", "O", "O", "O"],
              sent_starts=sent_starts)
    (q,) = quotes(doc, CTX, times=[])
    assert (q.speaker.text, q.speaker.kind, q.speaker.anonymous) == (
        "Spokesman John Kirby", "person", False)


def test_doc_is_not_mutated(nlp: Language) -> None:
    doc = nlp('"We are close," an official said.')
    before = [(t.text, t.ent_type_, t.is_sent_start) for t in doc]
    list(quotes(doc, CTX, times=[]))
    assert [(t.text, t.ent_type_, t.is_sent_start) for t in doc] == before


_BLANK = spacy.blank("en")
FRAGMENTS = st.sampled_from([
    "an official said", '"', "“", "”", ",", ".", "\n\n", "told Axios", "the talks",
    "according to", "that", "Israel says", "we will meet", "it", "Quoting officials,",
    "A senior US official", "―", "MORENO:", "and", "said", "reporters",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(FRAGMENTS, max_size=25))
def test_offsets_always_point_into_the_text(parts: list[str]) -> None:
    text = " ".join(parts)
    found = list(quotes(_BLANK(text), CTX, times=[]))
    assert [q.start for q in found] == sorted(q.start for q in found)
    for q in found:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.content
        assert all(q.start <= s < e <= q.end for s, e in q.parts)


def _parsed(words: list[str], heads: list[int], deps: list[str], tags: list[str],
            lemmas: list[str]) -> Doc:
    n = len(words)
    sent_starts: list[bool | int | None] = [i == 0 for i in range(n)]
    return Doc(spacy.blank("en").vocab, words=words, spaces=[True] * (n - 2) + [False, False],
               heads=heads, deps=deps, tags=tags, lemmas=lemmas, sent_starts=sent_starts)


@pytest.mark.parametrize(("words", "heads", "deps", "tags", "lemmas", "kind", "content"), [
    (["Ruiz", "believes", "the", "polls", "are", "wrong", "."],
     [1, 1, 3, 5, 5, 1, 1], ["nsubj", "ROOT", "det", "nsubj", "cop", "ccomp", "punct"],
     ["NNP", "VBZ", "DT", "NNS", "VBP", "JJ", "."],
     ["Ruiz", "believe", "the", "poll", "be", "wrong", "."],
     "belief", "the polls are wrong"),
    (["Hamas", "refused", "to", "resume", "the", "talks", "."],
     [1, 1, 3, 1, 5, 3, 1], ["nsubj", "ROOT", "mark", "xcomp", "det", "obj", "punct"],
     ["NNP", "VBD", "TO", "VB", "DT", "NNS", "."],
     ["Hamas", "refuse", "to", "resume", "the", "talk", "."],
     "intention", "to resume the talks"),
    (["Biden", "criticized", "the", "new", "plan", "."],
     [1, 1, 4, 4, 1, 1], ["nsubj", "ROOT", "det", "amod", "obj", "punct"],
     ["NNP", "VBD", "DT", "JJ", "NN", "."],
     ["Biden", "criticize", "the", "new", "plan", "."],
     "stance", "the new plan"),
])
def test_attitudes_from_the_parse(words: list[str], heads: list[int], deps: list[str],
                                  tags: list[str], lemmas: list[str], kind: str,
                                  content: str) -> None:
    doc = _parsed(words, heads, deps, tags, lemmas)
    kinds = ["belief", "intention", "stance", "topic"]
    (q,) = quotes(doc, CTX, times=[], attitudes=kinds)
    assert (q.kind, q.content, q.speaker.text, q.direct) == (kind, content, words[0], False)
    assert list(quotes(doc, CTX, times=[], attitudes=())) == []


def test_attitudes_need_a_parse(nlp: Language) -> None:
    assert run(nlp, "Ruiz believes the polls are wrong.") == []


# --- attributions the parse adds by default (hand-built parses, one per cue family) ---
# (word, head, dep, tag, lemma) per token: tests/extract/parse_rows.py


PARSED = [
    # a stance on a one-word object: "X endorsed Ruiz"
    ([("Moreno", 1, "nsubj", "NNP", "Moreno"), ("endorsed", 1, "ROOT", "VBD", "endorse"),
      ("Ruiz", 1, "obj", "NNP", "Ruiz"), (".", 1, "punct", ".", ".")],
     "stance", "endorsed", "Ruiz", "Moreno"),
    # "lemma preposition": the prepositional complement is the content
    ([("Moreno", 1, "nsubj", "NNP", "Moreno"), ("called", 1, "ROOT", "VBD", "call"),
      ("for", 4, "case", "IN", "for"), ("a", 4, "det", "DT", "a"),
      ("ban", 1, "obl", "NN", "ban"), (".", 1, "punct", ".", ".")],
     "stance", "called for", "a ban", "Moreno"),
    # speaking about a topic
    ([("Ruiz", 1, "nsubj", "NNP", "Ruiz"), ("talked", 1, "ROOT", "VBD", "talk"),
      ("about", 4, "case", "IN", "about"), ("the", 4, "det", "DT", "the"),
      ("bridge", 1, "obl", "NN", "bridge"), (".", 1, "punct", ".", ".")],
     "topic", "talked about", "the bridge", "Ruiz"),
    # an accusation: the object and what it is accused of
    ([("Moreno", 1, "nsubj", "NNP", "Moreno"), ("accused", 1, "ROOT", "VBD", "accuse"),
      ("Ruiz", 1, "obj", "NNP", "Ruiz"), ("of", 4, "mark", "IN", "of"),
      ("lying", 1, "advcl", "VBG", "lie"), (".", 1, "punct", ".", ".")],
     "stance", "accused", "Ruiz of lying", "Moreno"),
    # a small clause: "polls show Ruiz ahead"
    ([("Polls", 1, "nsubj", "NNS", "poll"), ("show", 1, "ROOT", "VBP", "show"),
      ("Ruiz", 1, "obj", "NNP", "Ruiz"), ("ahead", 1, "advmod", "RB", "ahead"),
      (".", 1, "punct", ".", ".")],
     "stance", "show", "Ruiz ahead", "Polls"),
    # a verb without a subject shares the one of the verb it is joined to
    ([("Ruiz", 1, "nsubj", "NNP", "Ruiz"), ("left", 1, "ROOT", "VBD", "leave"),
      ("and", 3, "cc", "CC", "and"), ("vowed", 1, "conj", "VBD", "vow"),
      ("to", 5, "mark", "TO", "to"), ("return", 3, "xcomp", "VB", "return"),
      (".", 1, "punct", ".", ".")],
     "intention", "vowed", "to return", "Ruiz"),
    # an adjective with a "to" complement
    ([("Ruiz", 2, "nsubj", "NNP", "Ruiz"), ("is", 2, "cop", "VBZ", "be"),
      ("eager", 2, "ROOT", "JJ", "eager"), ("to", 4, "mark", "TO", "to"),
      ("run", 2, "xcomp", "VB", "run"), ("again", 4, "advmod", "RB", "again"),
      (".", 2, "punct", ".", ".")],
     "intention", "eager", "to run again", "Ruiz"),
    # a clause set in someone's view
    ([("In", 2, "case", "IN", "in"), ("his", 2, "nmod:poss", "PRP$", "his"),
      ("view", 7, "obl", "NN", "view"), (",", 2, "punct", ",", ","),
      ("the", 5, "det", "DT", "the"), ("plan", 7, "nsubj", "NN", "plan"),
      ("is", 7, "cop", "VBZ", "be"), ("dead", 7, "ROOT", "JJ", "dead"),
      (".", 7, "punct", ".", ".")],
     "document", "In", "the plan is dead", "his"),
]


@pytest.mark.parametrize(("rows", "kind", "cue", "content", "speaker"), PARSED)
def test_parse_cue_families(rows: list[Row], kind: str, cue: str, content: str,
                            speaker: str) -> None:
    (q,) = quotes(_doc(rows), CTX, times=[])
    assert (q.kind, q.cue, q.content, q.speaker.mention) == (kind, cue, content, speaker)
    assert q.as_dict()["kind"] == kind


def test_parse_keeps_the_outermost_attribution() -> None:
    rows: list[Row] = [
        ("Ruiz", 1, "nsubj", "NNP", "Ruiz"), ("believes", 1, "ROOT", "VBZ", "believe"),
        ("Trump", 3, "nsubj", "NNP", "Trump"), ("wants", 1, "ccomp", "VBZ", "want"),
        ("a", 5, "det", "DT", "a"), ("wall", 3, "obj", "NN", "wall"),
        (".", 1, "punct", ".", "."),
    ]
    (q,) = quotes(_doc(rows), CTX, times=[])
    assert (q.kind, q.cue, q.content, q.speaker.mention) == (
        "belief", "believes", "Trump wants a wall", "Ruiz")


def test_parse_cuts_a_long_speaker_to_its_name() -> None:
    # "Ana Ruiz, a consultant whose firm ... (16 words), said she would run."
    filler = [("x", 4, "dep", "NN", "x") for _ in range(12)]
    rows: list[Row] = [
        ("Ana", 1, "compound", "NNP", "Ana"), ("Ruiz", 18, "nsubj", "NNP", "Ruiz"),
        (",", 4, "punct", ",", ","), ("a", 4, "det", "DT", "a"),
        ("consultant", 1, "appos", "NN", "consultant"), *filler,
        (",", 1, "punct", ",", ","), ("said", 18, "ROOT", "VBD", "say"),
        ("she", 21, "nsubj", "PRP", "she"), ("would", 21, "aux", "MD", "would"),
        ("run", 18, "ccomp", "VB", "run"), (".", 18, "punct", ".", "."),
    ]
    found = [q for q in quotes(_doc(rows), CTX, times=[]) if q.cue == "said"]
    assert [(q.kind, q.content, q.speaker.mention) for q in found] == [
        ("speech", "she would run", "Ana Ruiz")]


@pytest.mark.parametrize(("text", "content", "speaker", "channel"), [
    ("Ruiz\xa0said the vote was rigged.", "the vote was rigged", "Ruiz", None),
    ('"We will win this state," she told her audience, dockers and their families who '
     "had come down from the harbour, on Friday.", "We will win this state", "she",
     "her audience"),
    ('"The plan is dead on arrival," said Ana Ruiz, the director of the port authority.',
     "The plan is dead on arrival", "Ana Ruiz", None),
    ('"We won this one fair and square," she said calmly on the radio as votes came in.',
     "We won this one fair and square", "she", None),
    ("The bridge will open in May, as the mayor said on Friday.",
     "The bridge will open in May", "the mayor", None),
    ("Ana Ruiz, 58, who lives in Lyon, says she likes the new bridge.",
     "she likes the new bridge", "Ana Ruiz, 58, who lives in Lyon", None),
])
def test_word_rule_frames(nlp: Language, text: str, content: str, speaker: str,
                          channel: str | None) -> None:
    (q,) = run(nlp, text)
    assert (q.content, q.speaker.mention, q.channel) == (content, speaker, channel)


def test_but_said_ends_the_first_content(nlp: Language) -> None:
    first, second = run(nlp, "Ruiz admitted that the name was wrong, but said the story was true.")
    assert (first.content, second.content) == ("the name was wrong", "the story was true")
    assert first.speaker.text == second.speaker.text == "Ruiz"


def test_quote_ending_a_sentence_ends_its_content(nlp: Language) -> None:
    text = 'Ruiz says the strike goes "on until spring." The union agrees with her.'
    (q,) = run(nlp, text)
    assert q.content == 'the strike goes "on until spring."'


def test_joined_cue_starts_its_own_frame() -> None:
    rows: list[Row] = [
        ("Trump", 1, "nsubj", "NNP", "Trump"), ("said", 1, "ROOT", "VBD", "say"),
        ("the", 3, "det", "DT", "the"), ("plan", 4, "nsubj", "NN", "plan"),
        ("failed", 1, "ccomp", "VBD", "fail"), ("and", 6, "cc", "CC", "and"),
        ("vowed", 1, "conj", "VBD", "vow"), ("to", 8, "mark", "TO", "to"),
        ("fight", 6, "xcomp", "VB", "fight"), (".", 1, "punct", ".", "."),
    ]
    found = list(quotes(_doc(rows), CTX, times=[]))
    assert [(q.kind, q.cue, q.content, q.speaker.text) for q in found] == [
        ("speech", "said", "the plan failed", "Trump"),
        ("intention", "vowed", "to fight", "Trump")]


def test_headline_cue(nlp: Language) -> None:
    text = "Ruiz Says The Bridge Will Open In May\n\nThe mayor spoke on Friday."
    (q,) = run(nlp, text)
    assert (q.cue, q.content, q.speaker.text) == ("Says", "The Bridge Will Open In May", "Ruiz")
    assert run(nlp, "The mayor met Ruiz. Says Who is a new film.") == []


# --- round 3: participles inside a content, fronted clauses, adjectives, sentence ends ---


def test_participle_in_a_content_starts_a_frame_by_the_same_speaker() -> None:
    rows: list[Row] = [
        ("Ruiz", 1, "nsubj", "NNP", "Ruiz"), ("said", 1, "ROOT", "VBD", "say"),
        ("the", 3, "det", "DT", "the"), ("plan", 4, "nsubj", "NN", "plan"),
        ("failed", 1, "ccomp", "VBD", "fail"), (",", 6, "punct", ",", ","),
        ("calling", 4, "advcl", "VBG", "call"), ("it", 6, "obj", "PRP", "it"),
        ("a", 9, "det", "DT", "a"), ("disgrace", 6, "xcomp", "NN", "disgrace"),
        (".", 1, "punct", ".", "."),
    ]
    found = list(quotes(_doc(rows), CTX, times=[]))
    assert [(q.kind, q.cue, q.content, q.speaker.text) for q in found] == [
        ("speech", "said", "the plan failed", "Ruiz"),
        ("stance", "calling", "it a disgrace", "Ruiz")]


def test_fronted_clause_before_its_cue() -> None:
    # "In the end, the port can reopen, local officials said."
    rows: list[Row] = [
        ("In", 2, "case", "IN", "in"), ("the", 2, "det", "DT", "the"),
        ("end", 7, "obl", "NN", "end"), (",", 2, "punct", ",", ","),
        ("the", 5, "det", "DT", "the"), ("port", 7, "nsubj", "NN", "port"),
        ("can", 7, "aux", "MD", "can"), ("reopen", 11, "ccomp", "VB", "reopen"),
        (",", 7, "punct", ",", ","), ("local", 10, "amod", "JJ", "local"),
        ("officials", 11, "nsubj", "NNS", "official"), ("said", 11, "ROOT", "VBD", "say"),
        (".", 11, "punct", ".", "."),
    ]
    found = [(q.kind, q.content, q.speaker.mention) for q in quotes(_doc(rows), CTX, times=[])]
    assert found == [("speech", "In the end, the port can reopen", "local officials")]


def test_adjective_with_a_preposition_is_a_stance() -> None:
    rows: list[Row] = [
        ("Ruiz", 2, "nsubj", "NNP", "Ruiz"), ("is", 2, "cop", "VBZ", "be"),
        ("skeptical", 2, "ROOT", "JJ", "skeptical"), ("about", 5, "case", "IN", "about"),
        ("the", 5, "det", "DT", "the"), ("deal", 2, "obl", "NN", "deal"),
        (".", 2, "punct", ".", "."),
    ]
    (q,) = quotes(_doc(rows), CTX, times=[])
    assert (q.kind, q.cue, q.content, q.speaker.mention) == (
        "stance", "skeptical about", "the deal", "Ruiz")


def test_content_never_starts_at_a_full_stop(nlp: Language) -> None:
    # one sentence to the tokenizer: the "(" after the full stop does not split it
    text = "The fee was often too high, Ruiz said. (See the chart below for the details)"
    doc = nlp.make_doc(text)
    for t in doc:
        t.is_sent_start = t.i == 0
    found = [(q.content, q.speaker.mention) for q in quotes(doc, CTX, times=[])]
    assert found == [("The fee was often too high", "Ruiz")]


def test_second_verb_takes_the_subject_of_the_first() -> None:
    # "BOSTON - Ruiz met the families and said the port would reopen."
    rows: list[Row] = [
        ("BOSTON", 3, "dep", "NNP", "BOSTON"), ("-", 3, "punct", ",", "-"),
        ("Ruiz", 3, "nsubj", "NNP", "Ruiz"), ("met", 3, "ROOT", "VBD", "meet"),
        ("the", 5, "det", "DT", "the"), ("families", 3, "obj", "NNS", "family"),
        ("and", 7, "cc", "CC", "and"), ("said", 3, "conj", "VBD", "say"),
        ("the", 9, "det", "DT", "the"), ("port", 11, "nsubj", "NN", "port"),
        ("would", 11, "aux", "MD", "would"), ("reopen", 7, "ccomp", "VB", "reopen"),
        (".", 3, "punct", ".", "."),
    ]
    found = [(q.cue, q.content, q.speaker.mention) for q in quotes(_doc(rows), CTX, times=[])]
    assert found == [("said", "the port would reopen", "Ruiz")]


@pytest.mark.parametrize(("text", "content"), [
    ('"We won this one," Ruiz said as the votes came in.', "We won this one"),
    ("The toll is far too high, Ruiz said Tuesday in Lyon.", "The toll is far too high"),
])
def test_circumstance_after_an_inverted_cue_is_not_the_content(nlp: Language, text: str,
                                                              content: str) -> None:
    assert [(q.content, q.speaker.mention) for q in run(nlp, text)][-1:] == [(content, "Ruiz")]
