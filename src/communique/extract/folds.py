"""One event per reported act: folding the parts of a sentence into the act they belong to.

A threat, promise, demand or refusal takes the action it is about as a further trigger
("threatened to cut ties with Sweden" is one THREATEN); "X said Y must ..." is a demand on
Y; an act's stated purpose and its same-kind consequence are part of it; what protesters say
someone must do is their protest's demand; a condition ("if he gave them a veto") is no
happening. Pure functions of the candidates ``events`` found in one parse.
"""

from __future__ import annotations

from ..ontology.triggers import THREAT_MODES
from .participants import REPORTING, Candidate, Context, conj_head, lemma_is, subjects, to_infinitive


# Events whose content is another action: a threat, promise, demand or refusal names an
# action that has not happened ("threatened to impose sanctions on Y") and takes its other
# party. So does an accusation: what X is accused of is its content, alleged, not an act
# the article reports as fact (the news gold's convention), and X is accused.
# A protest's stated demand ("blocked roads demanding reforms") is part of the protest.
FRAMES: dict[str, frozenset[str] | None] = {
    "THREATEN": None, "AGREE": None, "REQUEST": None, "REJECT": None, "ACCUSE": None,
    "PROTEST": frozenset({"REQUEST", "ACCUSE", "REJECT"}),
    # "prepared to resume shelling X": a force posture against X, the attack not yet made
    "MOBILIZE": frozenset({"ASSAULT"}),
}
# Prepositions that introduce the content of a frame ("insisted on", "called for", "agreed
# to US mediation"), not its circumstances ("agreed ... after talks").
_CONTENT_PREPS = {"of", "on", "for", "to", "into", "about"}
# Dependencies that lead from a complement action up to the event it is the content of.
_COMPLEMENT_ENTRY = {"xcomp", "ccomp", "acl", "prep", "advcl", "relcl"}
_COMPLEMENT_PATH = _COMPLEMENT_ENTRY | {"conj", "pcomp", "pobj", "dobj", "acomp"}
# Nouns whose that-clause is something said or known, not an act of the sentence.
_CONTENT_NOUNS = {"admission", "claim", "report", "allegation", "statement", "assurance", "confirmation",
                  "proof", "evidence", "denial", "acknowledgement", "acknowledgment", "suggestion",
                  "rumour", "rumor", "news", "charge", "accusation", "assertion", "notion", "idea"}


def _frame_of(cand: Candidate, frames: dict[int, Candidate]) -> Candidate | None:
    """The nearest frame event whose complement holds this candidate's clause."""
    node = cand.governor
    content = False
    for _ in range(5):
        if node.head.i == node.i or node.dep_ not in _COMPLEMENT_PATH:
            return None
        if node.dep_ == "prep" and node.lower_ not in _CONTENT_PREPS:
            return None
        head = node.head
        if node.dep_ in ("acl", "ccomp") and head.lemma_.lower() in _CONTENT_NOUNS:
            content = True  # "denied reports that its troops attacked ...": what is reported
        frame = frames.get(head.i)
        if frame is not None and frame is not cand:
            absorbs = FRAMES[frame.category]
            if absorbs is not None and cand.category not in absorbs:
                return None
            if node.dep_ in _COMPLEMENT_ENTRY or head.pos_ == "NOUN" or content:
                return frame
            if frame.trigger.i == head.i and any(c.dep_ == "aux" and c.lower_ in _OBLIGATION_AUX
                                                 for c in head.children):
                return frame  # "said the US must be ready to mediate": what it must do
            # "rejected North Korea's demand", "dismissed an appeal": the rejected thing.
            return frame if frame.category == "REJECT" and node.i == cand.trigger.i and \
                node.dep_ == "dobj" and node.pos_ in ("NOUN", "PROPN") else None
        node = head
    return None


# "Russia said Sudan must return the helicopter": a statement that someone else must or
# should act is a demand on them.
_OBLIGATION_AUX = {"must", "should"}
_STATEMENT_HEADS = REPORTING | {"conclude", "stress", "urge", "argue", "insist", "demand"}
_STATEMENT_NOUNS = {"reminder", "warning", "message", "statement", "demand", "call"}


def demand_candidates(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    taken = {c.trigger.i for c in cands if c.category == "REQUEST"}
    out = []
    for verb in ctx.doc:
        if verb.pos_ not in ("VERB", "AUX") or verb.dep_ not in ("ccomp", "acl") or \
                not any(c.dep_ == "aux" and c.lower_ in _OBLIGATION_AUX for c in verb.children):
            continue
        head = verb.head
        if head.pos_ == "VERB" and lemma_is(head, _STATEMENT_HEADS) and head.tag_ != "VBG":
            speaker, _ = subjects(ctx, head)
        elif head.pos_ == "NOUN" and head.lemma_.lower() in _STATEMENT_NOUNS and head.head.pos_ == "VERB":
            speaker, _ = subjects(ctx, head.head)
        else:
            continue
        addressed, _ = subjects(ctx, verb)
        addressed = [a for a in addressed if a not in speaker]
        if not speaker or not addressed or verb.i in taken or head.i in taken:
            continue
        out.append(Candidate(verb, head if head.pos_ == "VERB" else head.head, "REQUEST", None, (),
                             speaker, addressed, confidence=0.75))
    return out


def fold_stated_demands(cands: list[Candidate]) -> list[Candidate]:
    """ "staged rallies against Abbas, saying he must resign": what the protesters say
    someone must do is their protest's demand, part of it, not an act of its own; so is
    what they demand in a clause below the protest ("rioted, joining demonstrators in
    demanding a referendum")."""
    by_token = _by_token(cands)
    protests = [c for c in cands if c.category == "PROTEST"]
    kept = []
    for cand in cands:
        gov = cand.governor
        saying = gov.head
        main = by_token.get(saying.head.i) if gov.dep_ == "ccomp" and saying.tag_ == "VBG" and \
            lemma_is(saying, _STATEMENT_HEADS) and saying.dep_ in ("advcl", "xcomp") else None
        if main is None or main is cand or not any(
                c.dep_ == "aux" and c.lower_ in _OBLIGATION_AUX for c in gov.children):
            main = None
        if main is None and cand.category == "REQUEST":
            main = next((p for p in protests if p is not cand and p.governor.is_ancestor(gov)
                         and set(cand.source) <= set(p.source)), None)
            if main is not None and not main.target:
                main.target = [a for a in cand.target if a not in main.source]
        if main is None:
            kept.append(cand)
            continue
        main.folded += [cand.trigger, *cand.folded]
    return kept


def ultimatum(cand: Candidate) -> bool:
    """ "will withdraw its force unless X holds elections": an action made conditional on
    what another party does is a threat, whatever the action."""
    gov = cand.governor
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
               for c in gov.children)


def threatened(ctx: Context, cand: Candidate) -> None:
    """The party a threat is aimed at is the one whose move is its condition: "threatened
    to ban voting if Hamas ran" is aimed at Hamas."""
    if cand.category != "THREATEN" or cand.target:
        return
    for tok in cand.governor.subtree:
        if tok.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in tok.children):
            found = [a for a in subjects(ctx, tok)[0] if a not in cand.source]
            if found:
                cand.target = found
                return


def conditional(cand: Candidate) -> bool:
    """ "would meet the mediator if he gave them a veto": the condition is no happening;
    it shapes the act it conditions (see ``ultimatum`` and ``threatened``)."""
    gov = conj_head(cand.governor)
    if gov.pos_ in ("NOUN", "PROPN") and gov.dep_ in ("nsubj", "nsubjpass"):
        gov = conj_head(gov.head)  # "until their demands are met": the noun's clause
    return gov.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless", "whether", "until")
                                       for m in gov.children)


def _purpose_of(cand: Candidate, by_token: dict[int, Candidate]) -> Candidate | None:
    """The event whose stated purpose this candidate is: "opened the bridge *to allow*
    deliveries", "remained on alert *to forestall* violence"; or whose consequence of the
    same kind, or part, it is: "opened fire on protesters, *killing* two"."""
    gov = conj_head(cand.governor)
    if gov.dep_ != "advcl":
        return None
    main = by_token.get(gov.head.i)
    if main is None or main is cand:
        return None
    if to_infinitive(gov):
        # "stayed home to protest": the purpose names what the act is
        return None if cand.category == "PROTEST" else main
    if gov.tag_ == "VBG" and _part_of(main, cand) and \
            not any(c.dep_ in ("nsubj", "nsubjpass") for c in gov.children):
        return main
    return None


def _part_of(main: Candidate, cand: Candidate) -> bool:
    """Whether a participle after the act tells more of it: its same-kind consequence, or
    the damage done in a riot ("rioted, setting fire to mattresses")."""
    return main.category == cand.category or (
        main.category == "PROTEST" and cand.category == "COERCE" and cand.mode == "seize")


def _by_token(cands) -> dict[int, Candidate]:
    """Candidates by their trigger's and their governor's token, the first one winning: a
    light verb ("staged rallies") is where the noun's complements hang."""
    index: dict[int, Candidate] = {}
    for c in cands:
        index.setdefault(c.trigger.i, c)
        index.setdefault(c.governor.i, c)
    return index


def fold_purposes(cands: list[Candidate]) -> list[Candidate]:
    by_token = _by_token(cands)
    # "shunned work to protest at X": the protest it was done for is what the act is.
    acted_out: set[int] = set()
    for cand in cands:
        gov = conj_head(cand.governor)
        main = by_token.get(gov.head.i) if gov.dep_ == "advcl" and to_infinitive(gov) else None
        if cand.category == "PROTEST" and main is not None and main is not cand and \
                set(main.source) <= set(cand.source):
            cand.folded += [main.trigger, *main.folded]
            cand.target = cand.target or [a for a in main.target if a not in cand.source]
            acted_out.add(id(main))
    cands = [c for c in cands if id(c) not in acted_out]
    kept = []
    for cand in cands:
        main = _purpose_of(cand, by_token)
        if main is None:
            kept.append(cand)
            continue
        if not main.target:
            main.target = [a for a in cand.target if a not in main.source]
        main.folded += [cand.trigger, *cand.folded]
    return kept


def fold_complements(cands: list[Candidate]) -> list[Candidate]:
    """One event for "X threatened to break relations with Y": THREATEN X -> Y, with the
    complement's trigger kept as a further word of it, as event coders code the sentence.
    A demand's target is whoever is to act ("demanded that Israel ease ...")."""
    # A demand comes first and outranks what is demanded.
    frames = _by_token(c for c in cands if c.category in FRAMES)
    kept: list[Candidate] = []
    for cand in cands:
        same = [f for f in (frames.get(cand.trigger.i), frames.get(cand.governor.i))
                if f is not None and f is not cand and (FRAMES[f.category] is None
                                                        or cand.category in FRAMES[f.category])]
        frame = same[0] if same else _frame_of(cand, frames)
        if frame is None:
            kept.append(cand)
            continue
        while frame.trigger.i in frames and _frame_of(frame, frames) is not None:
            frame = _frame_of(frame, frames)  # type: ignore[assignment]
        if not frame.target:
            others = [a for a in cand.source if a not in frame.source]
            # Whoever is to act is addressed; whoever made a rejected offer is rejected.
            if others and (frame.category in ("REQUEST", "ACCUSE", "THREATEN")
                           or cand.trigger.pos_ in ("NOUN", "PROPN")):
                frame.target = others
            else:
                frame.target = [a for a in cand.target if a not in frame.source]
        if frame.category == "THREATEN" and frame.mode is None:
            frame.mode = THREAT_MODES.get(cand.category)
        frame.folded += [cand.trigger, *cand.folded]
    return kept
