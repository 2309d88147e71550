"""What marks words as somebody's: the cue of a quote, found from the parse.

A lexicon of saying verbs is only a prior. News attributes with any verb of manner next to
a quotation ("…,” beamed the mediator), with verbs of believing over a clause ("officials
believe the attack came from abroad"), with nouns ("a statement", "his warning that …"),
"according to" and a colon after a name or title ("Foreign Minister Berg: “…”"). The
shape does the work: a verb whose subject is a speaker and which stands next to the
quote, or which takes a finite clause as its complement.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span as SpacySpan, Token

SPEECH_VERBS = {
    "say", "tell", "add", "state", "declare", "announce", "tweet", "write", "note", "warn",
    "insist", "claim", "stress", "emphasise", "emphasize", "assert", "reply", "explain",
    "remark", "comment", "observe", "argue", "conclude", "affirm", "reiterate", "maintain",
    "acknowledge", "admit", "confirm", "deny", "report", "quote", "describe", "call", "post",
    "predict", "suggest", "urge", "vow", "pledge", "promise", "allege", "accuse",
    "charge", "recall", "recount", "respond", "retort", "counter", "point", "highlight",
    "underline", "underscore", "laud", "praise", "hail", "condemn", "denounce", "criticise",
    "criticize", "term", "brand", "label", "dismiss", "shout", "assure", "concede", "boast",
    "lament", "quip", "caution", "complain", "ask", "demand", "cry", "scream", "whisper",
    "joke", "reveal", "indicate", "testify", "contend", "inform", "grumble", "mutter", "share",
}
# Verbs of believing and knowing report a clause as somebody's view.
BELIEF_VERBS = {
    "believe", "think", "suspect", "doubt", "fear", "hope", "expect", "feel", "reckon",
    "estimate", "consider", "understand", "worry", "agree", "assume", "suppose", "guess",
    "know", "learn", "realise", "realize", "recognise", "recognize", "forecast", "project",
}
REPORTING_VERBS = SPEECH_VERBS | BELIEF_VERBS
# Verbs that take a clause but attribute nothing: "the data show that", "it means that".
_NOT_CUES = {
    "be", "have", "do", "make", "mean", "ensure", "see", "show", "find", "seem", "appear",
    "prove", "happen", "matter", "cause", "require", "need", "want", "let", "get", "keep",
    "decide", "ask", "wonder", "check", "determine", "demonstrate", "suggest", "imply",
}
# Nouns that hold somebody's words: "a statement", "his remarks", "the ministry's warning
# that …". Their possessor, or the "by"/"from"/"of" phrase, is the speaker.
SPEECH_NOUNS = {
    "statement", "remark", "remarks", "comment", "comments", "warning", "claim", "assertion",
    "announcement", "tweet", "post", "message", "letter", "interview", "speech", "testimony",
    "briefing", "promise", "pledge", "threat", "accusation", "denial", "admission",
    "insistence", "assurance", "argument", "belief", "view", "words", "response", "reply",
    "communique", "communiqué", "declaration", "note", "memo", "report", "conclusion",
}
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
# Who may speak through a verb outside the lexicon: names, personal pronouns, and nouns for
# people and institutions (beside them "evidence emerged that …" reports nobody's words).
SPEAKER_NOUNS = {
    "official", "spokesman", "spokeswoman", "spokesperson", "minister", "ministry", "government",
    "president", "leader", "analyst", "economist", "expert", "source", "diplomat", "envoy",
    "aide", "adviser", "advisor", "lawyer", "prosecutor", "judge", "court", "police", "army",
    "military", "commander", "general", "officer", "agency", "company", "bank", "union", "party",
    "group", "campaigner", "activist", "resident", "witness", "farmer", "worker", "critic",
    "supporter", "opponent", "lawmaker", "senator", "legislator", "member", "chief", "head",
    "director", "executive", "chairman", "chairwoman", "researcher", "scientist", "doctor",
    "authority", "administration", "office", "department", "board", "council", "committee",
    "newspaper", "daily", "paper", "broadcaster", "report", "statement", "investor", "trader",
    "people", "family", "neighbour", "neighbor", "voter", "citizen", "parent", "student",
}
_RELATIVE = {"who", "which", "that", "whom"}
_QUESTION = {"whether", "if", "how", "what", "why", "when", "where", "who", "whom", "which"}


def subject_of(verb: Token, *, inverted: bool = False) -> Token | None:
    """The verb's speaker phrase head: its subject, or, in the inverted order of a trailing
    attribution ("…,” said the ministry; "…,” beamed the mediator), the noun after it."""
    for c in verb.children:
        if c.dep_ in _SUBJECT_DEPS:
            if c.lower_ in _RELATIVE and verb.dep_ == "relcl":
                return verb.head  # "an official who said": the official
            return c
    if inverted or verb.lemma_ == "say":
        for c in verb.children:
            if c.dep_ in ("dobj", "attr", "npadvmod", "oprd") and verb.i < c.i and c.pos_ in ("PROPN", "NOUN", "PRON"):
                return c
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        return subject_of(verb.head)
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        # "the minister, Lucia Ferreira, posted on X: …" parsed as a reduced relative: the
        # noun speaks, unless an agent is named ("a statement issued by the ministry").
        agent = next((p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"), None)
        return agent if agent is not None else verb.head
    return None


def _speaker_like(tok: Token | None) -> bool:
    if tok is None or tok.lower_ in ("it", "this", "that", "there", "which", "what"):
        return False
    if tok.pos_ in ("PROPN", "PRON"):
        return True
    return tok.pos_ == "NOUN" and (tok.lemma_.lower() in SPEAKER_NOUNS or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"))


def is_verb(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_ != "be"


def adjacent_verb(doc: Doc, span: SpacySpan, close_at: int | None) -> Token | None:
    """A verb right after the closing mark with a speaker beside it ("…,” grumbled Ana
    Petrova, "…,” he cautioned): the trailing attribution of news, whatever the verb."""
    end = span.end
    while end < len(doc) and (doc[end].is_punct or doc[end].is_space) and "\n" not in doc[end].text:
        end += 1
    if close_at is not None and end < len(doc) and doc[end].idx < close_at:
        return None
    window = doc[end:min(end + 6, len(doc))]
    # "…,” boasted the mayor: the tagger may take the verb right after the mark for an
    # adjective; a past-tense form with a name after it is the cue all the same.
    if window and window[0].tag_ in ("JJ", "VBN") and window[0].lower_.endswith("ed") \
            and following_speaker(window[0]) is not None:
        return window[0]
    for t in window:
        if "\n" in t.text or t.text in ('"', "“", "‘", "«"):
            return None
        if t.pos_ == "VERB" or (t.pos_ == "AUX" and t.lemma_ != "be" and t.dep_ == "ROOT"):
            subj = subject_of(t, inverted=True)
            if t.lemma_ in REPORTING_VERBS or _speaker_like(subj):
                return t
            return None
    return None


def clause_cue(tok: Token) -> Token | None:
    """The finite clause ``tok`` reports, when ``tok`` is a verb of saying or believing (the
    lexicon) or any verb with a subject taking a "that" clause; else None."""
    # The small tagger takes a verb of believing for a noun now and then ("officials suspect
    # that …"): a root with a subject is a verb whatever its tag.
    verbal = tok.pos_ == "VERB" or (tok.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in tok.children))
    if not verbal or tok.lemma_ in _NOT_CUES and tok.lemma_ not in REPORTING_VERBS:
        return None
    comp = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
    if comp is None and tok.lemma_ in REPORTING_VERBS:
        # The clause first, the attribution after it: "The trial will begin in May, the
        # agency said." (a quotation in that place is the direct quote's).
        comp = next((c for c in tok.children if c.dep_ == "ccomp" and c.i < tok.i
                     and c.right_edge.i < tok.i and tok.doc[c.right_edge.i + 1].text == ","), None)
    if comp is None:
        return None
    finite = any(c.dep_ in _SUBJECT_DEPS for c in comp.children) and (
        comp.tag_ in ("VBD", "VBZ", "VBP", "MD")
        or any(c.dep_ in ("aux", "auxpass") and c.lower_ != "to" for c in comp.children))
    if not finite:
        return None
    # A question reported ("asked whether …", "wondered how …") asserts nothing.
    first = comp.left_edge
    if first.lower_ in _QUESTION and first.i > tok.i:
        return None
    if tok.lemma_ in REPORTING_VERBS:
        return comp if tok.lemma_ != "ask" else None
    has_that = any(c.dep_ == "mark" and c.lower_ == "that" for c in comp.children)
    return comp if has_that and _speaker_like(subject_of(tok)) else None


def noun_clause(tok: Token) -> Token | None:
    """A speech noun's "that" clause: "Holm's warning that more attacks could follow"."""
    if tok.lemma_.lower() not in SPEECH_NOUNS and tok.lower_ not in SPEECH_NOUNS or tok.pos_ != "NOUN":
        return None
    for c in tok.children:
        if c.dep_ in ("acl", "ccomp", "appos", "relcl") and c.pos_ in ("VERB", "AUX") \
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) \
                and any(m.dep_ in _SUBJECT_DEPS for m in c.children):
            return c
    return None


def noun_speaker(noun: Token) -> Token | None:
    """Whose words a speech noun holds: its possessor, or the "by"/"from"/"of" phrase."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
    for c in noun.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from", "of"):
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    # "The ministry issued a statement saying …": whoever issued, posted or sent it.
    if noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        return next((c for c in noun.head.children if c.dep_ in _SUBJECT_DEPS), None)
    return None


def colon_speaker(doc: Doc, open_at: int) -> tuple[Token, Token] | None:
    """"Foreign Minister Lena Berg: “…”" or "The union's statement was blunter: “…”": the
    colon before the opening mark, and the phrase head of who speaks (the subject of the
    words before it, else those words themselves)."""
    start = doc.char_span(open_at, open_at + 1, alignment_mode="expand")
    if start is None or start.start == 0:
        return None
    colon = doc[start.start - 1]
    if colon.text != ":":
        return None
    words = [t for t in doc[colon.sent.start:colon.i] if not t.is_space]
    j = colon.i - 1
    while j >= 0 and doc[j].idx >= (words[0].idx if words else colon.idx):
        if "\n" in doc[j].text:
            words = [t for t in words if t.i > j]
            break
        j -= 1
    if not words:
        return None
    roots = [t for t in words if t.head.i == t.i or not (words[0].i <= t.head.i <= words[-1].i)]
    verb = next((t for t in roots if t.pos_ in ("VERB", "AUX")), None)
    if verb is not None:
        subj = subject_of(verb)
        if subj is None:
            return None
        if subj.lower_ in SPEECH_NOUNS and (owner := noun_speaker(subj)) is not None:
            subj = owner
        return colon, subj
    head = next((t for t in reversed(words) if t.pos_ in ("PROPN", "NOUN")), None)
    if head is None:
        return None
    if head.lower_ in SPEECH_NOUNS and (owner := noun_speaker(head)) is not None:
        head = owner
    # A headline's topic before a colon ("Floods: ‘We lost everything’") is nobody: only a
    # person, an organisation or a noun for people speaks.
    if head.ent_type_ not in ("PERSON", "ORG") and head.lemma_.lower() not in SPEAKER_NOUNS:
        return None
    return colon, head


def following_speaker(verb: Token) -> Token | None:
    """The name or noun phrase right after a trailing cue ("…,” grumbled Ana Petrova), by
    position when the parse has not made it the verb's subject."""
    doc = verb.doc
    for t in doc[verb.i + 1:min(verb.i + 4, len(doc))]:
        if t.pos_ in ("PROPN", "NOUN", "PRON"):
            while t.dep_ in ("compound", "amod") and t.head.i > t.i:
                t = t.head
            return t if _speaker_like(t) else None
        if t.pos_ not in ("DET", "ADJ"):
            return None
    return None


def speaker_head(tok: Token | None) -> Token | None:
    """Who a phrase gives the words of: a speech noun's owner ("the ministry's statement",
    "a statement from the union", "the ministry issued a statement saying"), else itself."""
    for _ in range(3):
        if tok is None or tok.lower_ not in SPEECH_NOUNS or (owner := noun_speaker(tok)) is None:
            break
        tok = owner
    return tok


# Speech acts reported with an infinitive: what was vowed, urged or threatened is the
# speaker's, as attribution corpora annotate it ("vowed to raise taxes", "urged members to
# reject the offer", "called on Norway to lift the ban").
SPEECH_ACTS = {"vow", "pledge", "promise", "threaten", "urge", "warn", "demand", "ask", "call",
               "appeal", "swear", "propose", "offer", "instruct", "order", "tell", "advise"}


def infinitive_report(tok: Token) -> tuple[int, int] | None:
    """Token range [start, end) of what a speech act reports with an infinitive: the
    addressee (if any) and the "to" clause, without adverbials between ("vowed on Friday
    to act": "to act"); None when ``tok`` is no such act."""
    if tok.pos_ != "VERB" or tok.lemma_ not in SPEECH_ACTS:
        return None
    if tok.dep_ == "relcl" and (tok.head.dep_ in _SUBJECT_DEPS or any(
            c.dep_ == "neg" for x in tok.children if x.dep_ in ("xcomp", "advcl") for c in x.children)):
        return None  # "an official who asked not to be named said …": a description of the speaker
    # The parser takes the "to" clause for an adverbial now and then ("vowed on Friday to act").
    xcomp = next((c for c in tok.children if c.dep_ in ("xcomp", "advcl") and c.i > tok.i
                  and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    if xcomp is None:
        return None
    start = xcomp.left_edge.i
    for c in tok.children:
        if c.dep_ == "dobj" and tok.i < c.i < xcomp.i:
            start = min(start, c.left_edge.i)
        if c.dep_ == "prep" and c.lower_ in ("on", "upon", "for") and tok.lemma_ in ("call", "appeal") \
                and c.i < xcomp.i:
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is not None:
                start = min(start, pobj.left_edge.i)
    end = xcomp.right_edge.i + 1
    while start < end and tok.doc[start].dep_ == "mark":
        start += 1  # "called for the crossing to reopen"
    while end > start and tok.doc[end - 1].is_punct:
        end -= 1
    return (start, end) if end - start >= 3 else None
