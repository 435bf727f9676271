"""General English word lists: what makes "Cuban officials" the state, and what a target is.

These are closed-class lists of ordinary English (the nouns that name a government and
its agents, the heads of target phrases), not names of any actor. They are matched on
lower-cased words; plurals are derived by :func:`singular` rather than listed twice.
"""

from __future__ import annotations

__all__ = [
    "GOVERNMENT_HEADS",
    "GOVERNMENT_MODIFIERS",
    "PARTY_MARKERS",
    "LINK_SUFFIXES",
    "RELATIONAL_HEADS",
    "TARGET_KINDS",
    "singular",
]

#: Heads that, after a state's adjective or name, denote the state acting: "the Cuban
#: regime", "Russian officials", "Chinese agents", "Iranian hackers". Nouns for its people
#: (citizens, voters, community, public, diaspora) are deliberately absent.
GOVERNMENT_HEADS = frozenset(
    """
    government regime state authority official leadership leader agent operative actor
    military army navy force troop intelligence service diplomat embassy consulate ministry
    minister president premier administration cabinet officer spy hacker propagandist
    junta envoy ambassador spokesperson spokesman spokeswoman agency department bureau
    directorate apparatus establishment party
    """.split()
)

#: Words allowed between the adjective and the head: "Russian military intelligence
#: officers", "Chinese state-backed actors", "Iranian threat actors".
GOVERNMENT_MODIFIERS = frozenset(
    """
    state government military intelligence security foreign senior top high-ranking
    high-level cyber defence defense communist ruling regime federal national central
    influence information propaganda disinformation armed special secret internal external
    naval main general threat espionage nation-state party foreign-policy malicious advanced
    persistent apt state-sponsored state-backed state-linked state-affiliated state-directed
    hacking covert clandestine
    """.split()
)

#: "party" names the state only as the ruling or communist party ("the Chinese Communist
#: Party" is China: in a one-party state the party's organs act for the state); "Russian
#: opposition party" is not Russia.
PARTY_MARKERS = frozenset({"communist", "ruling", "workers", "workers'"})

#: Second halves of hyphenated compounds that tie an actor to a state: "Russia-linked
#: actors", "Kremlin-backed operatives", "China-based hackers", "state-sponsored".
LINK_SUFFIXES = frozenset(
    "linked backed sponsored directed controlled run based aligned affiliated funded owned".split()
)

#: Heads that name a part or property of what follows "of": "members of the media",
#: "the integrity of the election". :func:`~kg.entities.target_kind` returns None for
#: them so that the caller types the complement instead.
RELATIONAL_HEADS = frozenset(
    """
    member part number handful majority group segment portion share kind type
    integrity prospect image reputation credibility legitimacy standing chance outcome
    result security stability unity
    """.split()
)

#: Head lemma → ontology class of a target phrase. Person-like targets that are not
#: running for office (officials, journalists) are Person; attitudes held by a public
#: (opinion, trust, confidence, perceptions, divisions) are Audience, because that is
#: whom the actor works on; operations and research are Operation, named drives Campaign.
TARGET_KINDS: dict[str, str] = {
    **dict.fromkeys(
        """candidate nominee politician lawmaker legislator senator congressman congresswoman
        congressperson representative governor mayor incumbent challenger contender
        officeholder councillor councilor""".split(),
        "Candidate",
    ),
    **dict.fromkeys(
        """official policymaker decision-maker journalist reporter activist dissident
        critic individual person figure personality influencer expert academic scholar
        diplomat leader""".split(),
        "Person",
    ),
    **dict.fromkeys(["party"], "PoliticalParty"),
    **dict.fromkeys(
        "election midterm vote ballot referendum primary caucus race poll electoral".split(),
        "Election",
    ),
    **dict.fromkeys(
        """congress parliament legislature senate house institution system government
        court judiciary agency ministry department media medium press democracy model
        process infrastructure administration organisation organization alliance union
        university policy law""".split(),
        "Institution",
    ),
    **dict.fromkeys(
        """voter electorate public opinion audience citizen community people population
        perception user reader viewer follower diaspora constituent resident society
        sentiment trust confidence belief discourse debate division polarization
        polarisation tension grievance youth minority""".split(),
        "Audience",
    ),
    **dict.fromkeys(
        """operation effort activity research analysis interference meddling intrusion
        attack cyberattack hack espionage surveillance reconnaissance outreach""".split(),
        "Operation",
    ),
    **dict.fromkeys("campaign drive offensive".split(), "Campaign"),
    **dict.fromkeys(
        """account profile persona bot botnet network content image video website site page
        ad advertisement troll proxy outlet channel post message meme article story email
        domain app deepfake tool platform forum blog newspaper""".split(),
        "Instrument",
    ),
    **dict.fromkeys(
        """tactic technique method means narrative disinformation misinformation
        propaganda messaging amplification leak harassment intimidation bribery coercion
        cultivation relationship""".split(),
        "Tactic",
    ),
    **dict.fromkeys("country nation".split(), "State"),
}


def singular(word: str) -> str:
    """A crude English singular for plural nouns the lemmatiser was not asked about.

    >>> [singular(w) for w in ("officials", "authorities", "embassies", "media", "actors")]
    ['official', 'authority', 'embassy', 'media', 'actor']
    """
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word
