"""Event triggers the project writes itself, on top of the verbs derived from CAMEO.

Nouns that name an event ("talks", "visit", "sanctions"), light verbs that
turn such a noun into an action ("held talks", "imposed sanctions"), and verb
senses that news uses differently from the CAMEO default. Each entry is
(category, mode or None, contexts).
"""

from __future__ import annotations

Trigger = tuple[str, str | None, tuple[str, ...]]

NOUN_TRIGGERS: dict[str, Trigger] = {
    # verbal cooperation
    "talk": ("CONSULT", None, ()), "talks": ("CONSULT", None, ()),
    "meeting": ("CONSULT", None, ()), "summit": ("CONSULT", "multilateral", ("diplomatic",)),
    "deliberation": ("CONSULT", None, ()), "deliberations": ("CONSULT", None, ()),
    "negotiation": ("CONSULT", None, ("diplomatic",)), "negotiations": ("CONSULT", None, ("diplomatic",)),
    "consultation": ("CONSULT", None, ()), "consultations": ("CONSULT", None, ()),
    "discussion": ("CONSULT", None, ()), "discussions": ("CONSULT", None, ()),
    "dialogue": ("CONSULT", None, ()), "visit": ("CONSULT", "visit", ()),
    "trip": ("CONSULT", "visit", ()), "tour": ("CONSULT", "visit", ()),
    "phone call": ("CONSULT", "phone", ()), "call": ("CONSULT", "phone", ()),
    "conversation": ("CONSULT", "phone", ()), "mediation": ("CONSULT", None, ("diplomatic",)),
    "agreement": ("AGREE", None, ()), "accord": ("AGREE", None, ()), "deal": ("AGREE", None, ()),
    "treaty": ("AGREE", None, ()), "pact": ("AGREE", None, ()), "roadmap": ("AGREE", None, ()),
    "memorandum": ("AGREE", None, ()), "pledge": ("AGREE", None, ()), "promise": ("AGREE", None, ()),
    "offer": ("AGREE", None, ()), "praise": ("SUPPORT", None, ("diplomatic",)),
    "endorsement": ("SUPPORT", None, ("diplomatic",)), "apology": ("CONCEDE", None, ()),
    # material cooperation
    "aid": ("AID", None, ()), "assistance": ("AID", None, ()), "donation": ("AID", None, ()),
    "grant": ("AID", None, ("economic",)), "loan": ("AID", None, ("economic",)),
    "ceasefire": ("RETREAT", "ceasefire", ()), "cease-fire": ("RETREAT", "ceasefire", ()),
    "truce": ("RETREAT", "ceasefire", ()), "withdrawal": ("RETREAT", "withdraw", ()),
    "pullout": ("RETREAT", "withdraw", ()), "pullback": ("RETREAT", "withdraw", ()),
    "release": ("RETREAT", "release", ()), "resignation": ("RETREAT", "resign", ()),
    "exercise": ("COOPERATE", None, ("military",)), "exercises": ("COOPERATE", None, ("military",)),
    "drill": ("COOPERATE", None, ("military",)), "drills": ("COOPERATE", None, ("military",)),
    # verbal conflict
    "appeal": ("REQUEST", None, ()), "request": ("REQUEST", None, ()), "demand": ("REQUEST", None, ()),
    "accusation": ("ACCUSE", "allege", ()), "allegation": ("ACCUSE", "allege", ()),
    "condemnation": ("ACCUSE", "disapprove", ()), "criticism": ("ACCUSE", "disapprove", ()),
    "investigation": ("ACCUSE", "investigate", ()), "probe": ("ACCUSE", "investigate", ()),
    "inquiry": ("ACCUSE", "investigate", ()), "enquiry": ("ACCUSE", "investigate", ()),
    "inspection": ("ACCUSE", "investigate", ()), "inspections": ("ACCUSE", "investigate", ()),
    "lawsuit": ("ACCUSE", None, ("legal",)), "rejection": ("REJECT", None, ()),
    "refusal": ("REJECT", None, ()), "veto": ("REJECT", None, ()),
    "threat": ("THREATEN", None, ()), "warning": ("THREATEN", None, ()),
    "ultimatum": ("THREATEN", None, ()),
    "curfew": ("COERCE", "curfew", ("repression",)), "martial law": ("COERCE", "martial-law", ()),
    "state of emergency": ("COERCE", "restrict", ()),
    # material conflict
    "protest": ("PROTEST", "demo", ()), "protests": ("PROTEST", "demo", ()),
    "rally": ("PROTEST", "demo", ()), "rallies": ("PROTEST", "demo", ()),
    "march": ("PROTEST", "demo", ()), "sit-in": ("PROTEST", "demo", ()),
    "general strike": ("PROTEST", "strike", ()),
    "walkout": ("PROTEST", "strike", ()),
    "demonstration": ("PROTEST", "demo", ()), "demonstrations": ("PROTEST", "demo", ()),
    "riot": ("PROTEST", "riot", ()), "riots": ("PROTEST", "riot", ()),
    "boycott": ("PROTEST", "boycott", ()), "hunger strike": ("PROTEST", "hunger", ()),
    "on strike": ("PROTEST", "strike", ()),
    "sanction": ("SANCTION", None, ()), "sanctions": ("SANCTION", None, ()),
    "embargo": ("SANCTION", None, ("economic",)), "expulsion": ("SANCTION", "expel", ()),
    "deployment": ("MOBILIZE", "troops", ("military",)), "mobilisation": ("MOBILIZE", "troops", ("military",)),
    "mobilization": ("MOBILIZE", "troops", ("military",)), "buildup": ("MOBILIZE", "troops", ("military",)),
    "arrest": ("COERCE", "arrest", ()), "arrests": ("COERCE", "arrest", ()),
    "detention": ("COERCE", "arrest", ()), "deportation": ("COERCE", "deport", ()),
    "blockade": ("COERCE", "restrict", ()), "crackdown": ("COERCE", None, ("repression",)),
    "cyberattack": ("COERCE", "cyber", ("cyber",)), "cyber attack": ("COERCE", "cyber", ("cyber",)),
    "attack": ("ASSAULT", None, ()), "attacks": ("ASSAULT", None, ()),
    "assault": ("ASSAULT", None, ()), "offensive": ("ASSAULT", None, ("military",)),
    "airstrike": ("ASSAULT", "aerial", ("military",)), "airstrikes": ("ASSAULT", "aerial", ("military",)),
    "air strike": ("ASSAULT", "aerial", ("military",)), "air strikes": ("ASSAULT", "aerial", ("military",)),
    "air raid": ("ASSAULT", "aerial", ("military",)), "bombing": ("ASSAULT", "explosives", ()),
    "bombardment": ("ASSAULT", "heavy-weapons", ("military",)), "shelling": ("ASSAULT", "heavy-weapons", ("military",)),
    "raid": ("ASSAULT", None, ()), "raids": ("ASSAULT", None, ()), "invasion": ("ASSAULT", None, ("military",)),
    "incursion": ("ASSAULT", None, ("military",)), "massacre": ("ASSAULT", None, ()),
    "killing": ("ASSAULT", None, ()), "killings": ("ASSAULT", None, ()),
    "assassination": ("ASSAULT", "targeted", ()), "kidnapping": ("ASSAULT", "abduct", ()),
    "abduction": ("ASSAULT", "abduct", ()), "drone strike": ("ASSAULT", "drone", ("military",)),
    "missile strike": ("ASSAULT", "heavy-weapons", ("military",)), "clashes": ("ASSAULT", None, ()),
    "fighting": ("ASSAULT", None, ("military",)),
}

# Verbs that carry no event of their own but act out the noun they take:
# "held talks", "paid a visit", "imposed sanctions", "issued a warning".
LIGHT_VERBS = {
    "hold", "have", "conduct", "launch", "carry", "make", "pay", "sign", "impose", "issue",
    "stage", "reach", "exchange", "begin", "start", "open", "resume", "continue", "wrap",
    "conclude", "announce", "give", "offer", "provide", "extend", "send", "deliver", "level",
    "file", "lodge", "mount", "join", "attend", "host", "finalise", "finalize", "seal", "strike",
    "agree", "complete", "undertake", "renew", "enter", "accept", "approve", "ink", "clinch",
    "broker", "arrange", "organise", "organize", "call", "lift", "ease", "tighten", "slap",
    "expand", "extend", "order", "threaten", "declare", "register", "deliver", "lodge",
    "press", "pursue", "intensify", "escalate", "step", "widen", "halt", "end", "suspend",
    "speed", "accelerate", "complete", "finish",
}

# Nouns that name an event only when something launches them: "launched strikes on X"
# (a military strike), unlike "a strike at the factory" (a labour dispute).
GOVERNED_NOUN_TRIGGERS: dict[str, Trigger] = {
    "strike": ("ASSAULT", None, ("military",)), "strikes": ("ASSAULT", None, ("military",)),
    "operation": ("ASSAULT", None, ("military",)), "operations": ("ASSAULT", None, ("military",)),
    "fire": ("ASSAULT", "heavy-weapons", ("military",)),
    # "opened a hearing into ...": a court's hearing is an inquiry (CAMEO 091)
    "hearing": ("ACCUSE", "investigate", ("legal",)),
    # Ordering or stepping up patrols raises a force's alert (CAMEO 151/152).
    "patrol": ("MOBILIZE", "police", ()), "patrols": ("MOBILIZE", "police", ()),
}
# Verbs of receiving turn an act round: "Serbia won support from Russia" is Russia's
# support of Serbia, "Colombia received aid from Spain" Spain's aid.
RECEIVERS = {"receive", "win", "get", "obtain", "secure", "gain", "garner", "enlist", "accept"}
# Nouns that name an act only when it is received ("won support from"): alone, "support for
# the plan" is a stance, not an act.
RECEIVED_NOUN_TRIGGERS: dict[str, Trigger] = {
    "support": ("SUPPORT", None, ("diplomatic",)), "backing": ("SUPPORT", None, ("diplomatic",)),
    "approval": ("SUPPORT", None, ("diplomatic",)), "recognition": ("SUPPORT", None, ("diplomatic",)),
}
# Going or staying on strike is a labour strike (CAMEO 143), which no launcher governs.
ON_STRIKE_VERBS = {"go", "stay", "remain", "be", "come"}
# Being put or kept on alert is a mobilisation (CAMEO 151/152): "troops remained on alert".
ALERT_VERBS = {"put", "place", "remain", "stay", "keep", "go"}
LAUNCHERS = {"launch", "carry", "conduct", "mount", "stage", "order", "begin", "intensify", "step",
             "open", "exchange", "direct", "unleash"}

# Light verb and noun pairs more specific than the noun's category: lifting a blockade is a
# military de-escalation (CAMEO 0872), not an administrative concession.
LIGHT_VERB_NOUN_OVERRIDES: dict[tuple[str, str], Trigger] = {
    (verb, noun): ("RETREAT", "withdraw", ("military",))
    for verb in ("lift", "ease", "end") for noun in ("blockade", "siege")
}

# Light verbs that change the noun's category: "lift sanctions" eases, it does not sanction.
LIGHT_VERB_OVERRIDES: dict[tuple[str, str], Trigger] = {
    # Easing sanctions or an embargo is RETREAT under the CAMEO-to-PLOVER crosswalk (085);
    # easing a coercive measure is a concession (081), a blockade a military retreat (0872).
    ("lift", "SANCTION"): ("RETREAT", None, ("economic",)),
    ("ease", "SANCTION"): ("RETREAT", None, ("economic",)),
    ("end", "SANCTION"): ("RETREAT", None, ("economic",)),
    ("lift", "COERCE"): ("CONCEDE", None, ()),
    ("ease", "COERCE"): ("CONCEDE", None, ()),
    ("end", "COERCE"): ("CONCEDE", None, ()),
    # Halting aid is a sanction (CAMEO 162).
    ("suspend", "AID"): ("SANCTION", "withdraw", ()),
    ("halt", "AID"): ("SANCTION", "withdraw", ()),
    ("end", "AID"): ("SANCTION", "withdraw", ()),
    ("reject", "AGREE"): ("REJECT", None, ()),
    ("accept", "REQUEST"): ("CONCEDE", None, ()),
    ("finalise", "AGREE"): ("AGREE", None, ()),
    ("finalize", "AGREE"): ("AGREE", None, ()),
    # Signing follows the CAMEO-to-PLOVER crosswalk, which puts 057 "sign formal
    # agreement" under SUPPORT (PLOVER 0.8's prose lists signing under AGREE; coded data
    # and gold use the crosswalk). Agreeing to terms stays AGREE.
    ("sign", "AGREE"): ("SUPPORT", None, ("diplomatic",)),
    ("ink", "AGREE"): ("SUPPORT", None, ("diplomatic",)),
    ("threaten", "SANCTION"): ("THREATEN", "restrict", ()),
    ("threaten", "ASSAULT"): ("THREATEN", "violence", ()),
    ("call", "CONSULT"): ("REQUEST", "meet", ()),
    ("halt", "ASSAULT"): ("RETREAT", "ceasefire", ()),
    ("end", "ASSAULT"): ("RETREAT", "ceasefire", ()),
    ("suspend", "ASSAULT"): ("RETREAT", "ceasefire", ()),
    ("halt", "CONSULT"): ("REJECT", "meet", ()),
    ("suspend", "CONSULT"): ("REJECT", "meet", ()),
    ("end", "SANCTION"): ("CONCEDE", None, ("economic",)),
    # Halting aid is a sanction (CAMEO 162).
    ("suspend", "AID"): ("SANCTION", "withdraw", ()),
    ("halt", "AID"): ("SANCTION", "withdraw", ()),
    ("end", "AID"): ("SANCTION", "withdraw", ()),
    # A protest a government delivers is a diplomatic complaint, not a demonstration.
    ("deliver", "PROTEST"): ("ACCUSE", "disapprove", ("diplomatic",)),
    ("lodge", "PROTEST"): ("ACCUSE", "disapprove", ("diplomatic",)),
    ("file", "PROTEST"): ("ACCUSE", "disapprove", ("diplomatic",)),
    ("issue", "PROTEST"): ("ACCUSE", "disapprove", ("diplomatic",)),
    ("register", "PROTEST"): ("ACCUSE", "disapprove", ("diplomatic",)),
}

# Verb senses set here because news uses them this way more often than CAMEO's default,
# or because CAMEO lacks them. They override the derived lexicon.
VERB_TRIGGERS: dict[str, Trigger] = {
    "meet": ("CONSULT", None, ()), "visit": ("CONSULT", "visit", ()),
    "agree": ("AGREE", None, ()), "travel": ("CONSULT", "visit", ()),
    "offer": ("AGREE", None, ()), "promise": ("AGREE", None, ()), "pledge": ("AGREE", None, ()),
    "call off": ("CONCEDE", None, ()), "step down": ("RETREAT", "resign", ()),
    "pull out": ("RETREAT", "withdraw", ()), "back down": ("CONCEDE", None, ()),
    "pull back": ("RETREAT", "withdraw", ()), "give up": ("CONCEDE", None, ()),
    "arrive": ("CONSULT", "visit", ()), "host": ("CONSULT", "visit", ()),
    "discuss": ("CONSULT", None, ()), "confer": ("CONSULT", None, ()),
    "negotiate": ("CONSULT", None, ("diplomatic",)), "deliberate": ("CONSULT", None, ()),
    "laud": ("SUPPORT", None, ("diplomatic",)), "praise": ("SUPPORT", None, ("diplomatic",)),
    "hail": ("SUPPORT", None, ("diplomatic",)), "commend": ("SUPPORT", None, ("diplomatic",)),
    "felicitate": ("SUPPORT", None, ("diplomatic",)), "congratulate": ("SUPPORT", None, ("diplomatic",)),
    "welcome": ("SUPPORT", None, ("diplomatic",)), "applaud": ("SUPPORT", None, ("diplomatic",)),
    "finalise": ("AGREE", None, ()), "finalize": ("AGREE", None, ()),
    "condemn": ("ACCUSE", "disapprove", ()), "criticise": ("ACCUSE", "disapprove", ()),
    "criticize": ("ACCUSE", "disapprove", ()), "accuse": ("ACCUSE", "allege", ()),
    "blame": ("ACCUSE", "allege", ()), "denounce": ("ACCUSE", "disapprove", ()),
    "sanction": ("SANCTION", None, ()), "expel": ("SANCTION", "expel", ()),
    "attack": ("ASSAULT", None, ()), "bomb": ("ASSAULT", "explosives", ()),
    "shell": ("ASSAULT", "heavy-weapons", ("military",)), "invade": ("ASSAULT", None, ("military",)),
    "kill": ("ASSAULT", None, ()), "threaten": ("THREATEN", None, ()),
    "warn": ("THREATEN", None, ()), "urge": ("REQUEST", None, ()),
    "demand": ("REQUEST", None, ()), "reject": ("REJECT", None, ()),
    "refuse": ("REJECT", None, ()), "deploy": ("MOBILIZE", "troops", ("military",)),
    "arrest": ("COERCE", "arrest", ()), "detain": ("COERCE", "arrest", ()),
    "withdraw": ("RETREAT", "withdraw", ()), "release": ("RETREAT", "release", ()),
    "donate": ("AID", None, ()), "protest": ("PROTEST", "demo", ()),
    "rally": ("PROTEST", "demo", ()), "demonstrate": ("PROTEST", "demo", ()),
    "march": ("PROTEST", "demo", ()), "riot": ("PROTEST", "riot", ()),
    "resign": ("RETREAT", "resign", ()), "surrender": ("RETREAT", None, ()),
    "demobilize": ("RETREAT", "disarm", ()), "demobilise": ("RETREAT", "disarm", ()),
    "disarm": ("RETREAT", "disarm", ()), "evacuate": ("RETREAT", "withdraw", ()),
    "ease": ("CONCEDE", None, ()), "lift": ("CONCEDE", None, ()),
    "defend": ("SUPPORT", None, ("diplomatic",)), "veto": ("REJECT", None, ()),
    "deny": ("REJECT", None, ()), "suspend": ("SANCTION", None, ()),
    "sue": ("ACCUSE", None, ("legal",)), "indict": ("ACCUSE", "allege", ("legal",)),
    "deport": ("COERCE", "deport", ()), "jail": ("COERCE", "arrest", ()),
    "imprison": ("COERCE", "arrest", ()), "abduct": ("ASSAULT", "abduct", ()),
    "kidnap": ("ASSAULT", "abduct", ()), "torture": ("ASSAULT", "torture", ()),
    "assassinate": ("ASSAULT", "targeted", ()), "behead": ("ASSAULT", None, ()),
    "wound": ("ASSAULT", None, ()), "injure": ("ASSAULT", None, ()),
    "storm": ("ASSAULT", None, ()), "raid": ("ASSAULT", None, ()),
    "ambush": ("ASSAULT", None, ()), "massacre": ("ASSAULT", None, ()),
    "mobilise": ("MOBILIZE", "troops", ("military",)), "mobilize": ("MOBILIZE", "troops", ("military",)),
    "renege": ("REJECT", None, ()), "deface": ("COERCE", "cyber", ("cyber",)),
    "hack": ("COERCE", "cyber", ("cyber",)),
}

# Verbs too general to be events by themselves: only a derived pattern with their
# object makes them one ("gave ... aid", "held ... hostage").
PATTERN_ONLY = {"give", "hold", "take", "have", "make", "send", "receive", "get", "put", "set",
                "keep", "return", "open", "close", "extend", "stage", "seek", "plan", "decide",
                "leave", "bring", "run", "carry", "express", "fire", "issue", "pass",
                "settle", "delay", "admit", "hit", "help", "move", "turn", "hand", "supply",
                "ship", "deliver", "provide"}

# Violence that is news without a named perpetrator ("three civilians were killed"):
# the only verbs that make an event with no source actor.
SOURCELESS = {"kill", "wound", "injure", "attack", "bomb", "shell", "destroy", "demolish",
              "abduct", "kidnap", "arrest", "detain", "assassinate", "torture", "massacre",
              "behead", "execute", "shoot", "storm", "raid", "loot", "burn"}

# Damaging property without harming anyone is CAMEO 171 "seize or damage property", which
# CAMEO files under COERCE, as do the human-coded PLOVER records; the crosswalk moves 1712
# to ASSAULT. Razing verbs always damage property; the others only when their object is a
# civilian structure, so "destroyed two tanks" or "blew up a bus" stay ASSAULT.
RAZING_VERBS = {"demolish", "raze", "bulldoze", "vandalize", "vandalise", "ransack"}
DAMAGING_VERBS = {"destroy", "burn", "torch", "blow", "dynamite", "damage", "wreck", "loot", "sabotage", "smash"}
PROPERTY_NOUNS = {
    "home", "house", "building", "office", "shop", "store", "property", "church", "mosque",
    "temple", "synagogue", "shrine", "school", "hospital", "clinic", "line", "pipeline", "plant",
    "station", "factory", "farm", "crop", "field", "car", "vehicle", "site", "website",
    "monument", "statue", "tomb", "grave", "cemetery", "village", "hut", "dwelling", "apartment",
    "structure", "infrastructure", "railway", "rail", "track", "tower", "pylon", "mast", "well",
    "warehouse", "market", "orchard", "tree", "residence", "headquarters", "premises", "furniture",
    "window", "mattress", "bed", "door",
}

# Heads that make the clause below them an intention: "agreed to provide", "vowed to fight".
INTENT_HEADS = {"agree", "pledge", "promise", "offer", "vow", "plan", "decide", "intend",
                "threaten", "swear", "prepare", "undertake", "aim", "hope", "want", "commit",
                # "ready to host talks", "willing to negotiate"
                "ready", "willing", "eager", "determined"}

# Verbs whose grammatical subject does not act on its object: CAMEO codes them from
# patterns that a bare lemma match would misread. Never a trigger on their own.
NOT_TRIGGERS = {
    "say", "tell", "add", "note", "describe", "figure", "acknowledge", "explore", "be",
    "include", "become", "seem", "learn", "report", "quote", "state", "expand", "boost",
    "strengthen", "deepen", "grow", "find", "follow", "deal", "focus",
    "broaden", "reaffirm", "promote", "exchange", "continue", "begin", "start", "try",
    # Attitudes and plans: the clause below them carries the event, if any.
    "think", "consider", "want", "wish", "hope", "expect", "need", "believe", "feel", "know",
    "see", "intend", "plan", "decide", "seek", "like", "prefer", "fear", "doubt", "remain",
    # Quantities and markets, not relations between actors.
    "increase", "reduce", "raise", "cut", "buy", "sell", "pay", "cost", "rise", "fall", "trade",
    "export", "import", "invest", "borrow", "lend", "earn", "spend", "total", "reach",
    "ensure", "make", "get", "use", "face", "serve", "reveal", "signal", "appear", "look",
    "counter", "note", "comment", "quote", "mention", "come", "go", "rule", "govern", "control",
    "own", "lead", "head", "run", "represent", "manage", "handle", "address",
    # News uses it of polls and markets ("the Alliance had overtaken Labour"); armies overrun.
    "overtake",
    # An aspect, not an act: "the United States has tended to take Canada for granted".
    "tend",
}

# Categories where "X and Y <verb>" with no object means they did it together.
RECIPROCAL = {"CONSULT", "AGREE", "COOPERATE", "SUPPORT"}

# Adverbs that turn any action of two parties into joint action: "jointly inaugurated".
JOINT_ADVERBS = {"jointly", "together"}

CONTEXT_WORDS: dict[str, str] = {
    "defence": "military", "defense": "military", "military": "military", "army": "military",
    "navy": "military", "weapons": "military", "troops": "military", "missile": "military",
    "trade": "economic", "economic": "economic", "investment": "economic", "tariff": "economic",
    "tariffs": "economic", "oil": "natural_resource", "gas": "natural_resource",
    "pandemic": "health", "covid-19": "health", "vaccine": "health", "vaccines": "health",
    "health": "health", "nuclear": "cbrn", "chemical": "cbrn", "terror": "terrorism",
    "terrorism": "terrorism", "terrorist": "terrorism", "refugees": "migration",
    "migrants": "migration", "election": "election", "elections": "election",
    "cyber": "cyber", "climate": "environment", "human rights": "human_rights",
    "peacekeeping": "peacekeeping", "peacekeepers": "peacekeeping", "intelligence": "intelligence",
    "diplomatic": "diplomatic", "embassy": "diplomatic", "ambassador": "diplomatic",
    "drugs": "illegal_drugs", "corruption": "corruption", "border": "territory",
    "territory": "territory",
}

# Verb + object-noun lemmas that together name an event the verb alone does not.
VERB_OBJECT_TRIGGERS: dict[tuple[str, str], Trigger] = {
    ("exchange", "view"): ("CONSULT", None, ()),
    ("exchange", "idea"): ("CONSULT", None, ()),
    ("reaffirm", "support"): ("SUPPORT", None, ("diplomatic",)),
    ("express", "support"): ("SUPPORT", None, ("diplomatic",)),
    ("voice", "support"): ("SUPPORT", None, ("diplomatic",)),
    ("pledge", "support"): ("AGREE", None, ("diplomatic",)),
    ("extend", "support"): ("SUPPORT", None, ("diplomatic",)),
    ("express", "concern"): ("ACCUSE", "disapprove", ()),
    ("voice", "concern"): ("ACCUSE", "disapprove", ()),
    ("open", "fire"): ("ASSAULT", "firearms", ()),
    ("sign", "agreement"): ("SUPPORT", None, ("diplomatic",)),
    ("sign", "deal"): ("SUPPORT", None, ("diplomatic",)),
    ("sign", "memorandum"): ("SUPPORT", None, ("diplomatic",)),
    ("sign", "treaty"): ("SUPPORT", None, ("diplomatic",)),
    ("sever", "tie"): ("SANCTION", "discontinue", ("diplomatic",)),
    ("sever", "relation"): ("SANCTION", "discontinue", ("diplomatic",)),
    ("cut", "tie"): ("SANCTION", "discontinue", ("diplomatic",)),
    ("break", "relation"): ("SANCTION", "discontinue", ("diplomatic",)),
    ("recall", "ambassador"): ("SANCTION", "discontinue", ("diplomatic",)),
    ("establish", "tie"): ("SUPPORT", None, ("diplomatic",)),
    ("establish", "relation"): ("SUPPORT", None, ("diplomatic",)),
    ("upgrade", "tie"): ("SUPPORT", None, ("diplomatic",)),
    ("upgrade", "relation"): ("SUPPORT", None, ("diplomatic",)),
    ("restore", "tie"): ("SUPPORT", None, ("diplomatic",)),
    ("restore", "relation"): ("SUPPORT", None, ("diplomatic",)),
    ("set", "fire"): ("COERCE", "seize", ()),
    # Tariffs, duties, quotas and embargoes on another state's goods are economic sanctions
    # (CAMEO 163), not the coercion "impose" alone reads as.
    **{(verb, thing): ("SANCTION", None, ("economic",))
       for verb in ("impose", "slap", "levy")
       for thing in ("tariff", "duty", "embargo", "quota", "levy", "import duty", "surcharge")},
    # Setting up posts and bases readies a force where it stands (CAMEO 15, as ICEWS codes
    # "set up checkpoints"); the "military" context as PLOVER names it.
    **{(verb, thing): ("MOBILIZE", None, ("military",))
       for verb in ("set", "establish", "build", "erect", "open", "man")
       for thing in ("base", "checkpoint", "outpost", "roadblock", "garrison", "barricade",
                     "military post", "observation post")},
    ("meet", "demand"): ("CONCEDE", None, ()),
    # Seeking help, compensation or someone's release asks for it (CAMEO 02, 10); "seek"
    # alone ("seek a solution") is no act.
    **{("seek", thing): ("REQUEST", "assist", ())
       for thing in ("help", "support", "assistance", "aid", "backing", "loan", "loans", "credit")},
    **{("seek", thing): ("REQUEST", None, ())
       for thing in ("compensation", "reparation", "reparations", "extradition", "release", "apology",
                     "ceasefire", "truce")},
    **{("seek", thing): ("REQUEST", "meet", ()) for thing in ("talks", "meeting", "negotiations")},
    ("seek", "refuge"): ("REQUEST", None, ("asylum",)),
    ("seek", "asylum"): ("REQUEST", None, ("asylum",)),
    ("grant", "asylum"): ("AID", None, ("asylum",)),
    ("meet", "condition"): ("CONCEDE", None, ()),
    ("fire", "missile"): ("ASSAULT", "heavy-weapons", ("military",)),
    ("fire", "rocket"): ("ASSAULT", "heavy-weapons", ("military",)),
    ("fire", "shell"): ("ASSAULT", "heavy-weapons", ("military",)),
    ("fire", "shot"): ("ASSAULT", "firearms", ()),
    ("fire", "bullet"): ("ASSAULT", "firearms", ()),
    ("offer", "aid"): ("AGREE", None, ()),
    ("offer", "help"): ("AGREE", None, ()),
    ("offer", "assistance"): ("AGREE", None, ()),
    ("offer", "support"): ("AGREE", None, ()),
    ("help", "rebuild"): ("AID", None, ()),
    # Sending things across borders: arms and relief are aid, troops a deployment.
    **{(verb, thing): ("AID", None, ctx)
       for verb in ("send", "ship", "deliver", "supply", "provide", "hand", "airlift", "give")
       for thing, ctx in (("arm", ("military",)), ("arms", ("military",)), ("weapon", ("military",)),
                          ("aid", ()), ("food", ("human_security",)), ("medicine", ("health",)),
                          ("supply", ()), ("assistance", ()), ("relief", ()), ("equipment", ()),
                          ("fund", ("economic",)), ("money", ("economic",)), ("loan", ("economic",)),
                          ("grant", ("economic",)), ("vaccine", ("health",)), ("fuel", ()))},
    **{(verb, thing): ("MOBILIZE", "troops", ("military",))
       for verb in ("send", "deploy", "dispatch", "move", "mass")
       for thing in ("troop", "troops", "soldier", "force", "forces", "warship", "tank")},
    # Withdrawing envoys, monitors or aid staff reduces relations (CAMEO 161, 164, 166);
    # withdrawing troops is a retreat.
    **{("withdraw", who): ("SANCTION", "withdraw", ())
       for who in ("ambassador", "envoy", "diplomat", "delegation", "inspector", "monitor", "observer",
                   "staff", "worker", "personnel", "peacekeeper", "adviser", "advisor", "mission")},
    # Declaring or imposing a state of emergency or siege (CAMEO 1724).
    **{(verb, thing): ("COERCE", "martial-law", ("repression",))
       for verb in ("declare", "impose", "proclaim", "extend")
       for thing in ("emergency", "siege")},
    # Paying compensation or reparations returns what was taken (CAMEO 0842); "pay" alone is
    # no event.
    **{("pay", thing): ("RETREAT", "release", ())
       for thing in ("compensation", "reparation", "reparations", "indemnity")},
    # Returning seized arms or property is a release (CAMEO 0842).
    **{("return", thing): ("RETREAT", "release", ())
       for thing in ("weapon", "weapons", "arm", "arms", "equipment", "property", "territory", "land")},
    ("release", "fund"): ("AID", None, ("economic",)),
    ("release", "aid"): ("AID", None, ()),
    ("release", "money"): ("AID", None, ("economic",)),
    ("blow", "themselves"): ("ASSAULT", "suicide-attack", ()),
    # CAMEO 086: letting in inspectors, peacekeepers or aid is RETREAT (access).
    **{(verb, thing): ("RETREAT", "access", ())
       for verb in ("allow", "admit", "receive", "accept", "permit")
       for thing in ("inspector", "inspectors", "observer", "observers", "peacekeeper", "peacekeepers",
                     "monitor", "monitors", "access", "delivery", "deliveries", "mission")},
    # Dismissing a request, appeal or offer rejects it.
    **{("dismiss", thing): ("REJECT", None, ())
       for thing in ("appeal", "call", "demand", "offer", "proposal", "plan", "request", "invitation",
                     "initiative", "ultimatum")},
    # CAMEO 064: sharing intelligence or know-how is material cooperation.
    **{("share", thing): ("COOPERATE", None, ("intelligence",))
       for thing in ("intelligence", "information", "expertise", "data", "technology", "experience")},
    # CAMEO 162: reducing or stopping aid is a sanction.
    **{(verb, thing): ("SANCTION", "withdraw", ())
       for verb in ("reduce", "cut", "halt", "suspend", "stop", "freeze", "withhold")
       for thing in ("aid", "supply", "supplies", "assistance", "funding", "fund", "loan", "loans")},
    # Refusing entry or visas restricts movement (CAMEO 16, "deny entry").
    **{(verb, thing): ("SANCTION", None, ())
       for verb in ("deny", "refuse", "bar") for thing in ("entry", "visa", "visas")},
    # Suspending a state's own institutions restricts freedoms (CAMEO 172), unlike
    # suspending aid or talks with another party.
    **{("suspend", thing): ("COERCE", "restrict", ("rights_freedoms",))
       for thing in ("constitution", "parliament", "publication", "newspaper", "broadcast", "party",
                     "right", "rights", "freedom", "freedoms", "liberty", "liberties", "law", "election")},
    # Sending inspectors or investigators is an investigation (CAMEO 09).
    **{(verb, who): ("ACCUSE", "investigate", ())
       for verb in ("send", "dispatch") for who in ("inspector", "inspectors", "investigator", "investigators")},
    # Stone-throwing crowds riot (CAMEO 145).
    **{("throw", thing): ("PROTEST", "riot", ())
       for thing in ("stone", "stones", "rock", "rocks", "brick", "bricks", "molotov", "firebomb", "firebombs")},
    ("call", "strike"): ("PROTEST", "strike", ()),
    ("call", "ceasefire"): ("REQUEST", None, ()),
}

# What a material conflict action becomes when it is only announced or conditional:
# PLOVER codes "will impose sanctions" as a threat of restrictions.
THREAT_MODES = {"SANCTION": "restrict", "COERCE": "restrict", "ASSAULT": "violence",
                "MOBILIZE": "violence", "PROTEST": None}
COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
