"""The words that introduce or report speech in English news.

Most quotations missed by news extractors trace back to unusual cue verbs, so the lexicon
is broad. Verbs that evaluate rather than report (ripped, slammed, lauded…) introduce long
quotations but do not turn a word or two in quotation marks into a quote: "lauded West for
his “signed” hat" is not Trump's speech.
"""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string (easier to read)."""
    return frozenset(text.split())


def word_list(text: str) -> list[str]:
    return text.split()


_IRREGULAR = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "writing", "written"),
    "speak": ("speaks", "spoke", "speaking", "spoken"),
    "sing": ("sings", "sang", "singing", "sung"),
    "read": ("reads", "read", "reading"),
    "cut": ("cuts", "cut", "cutting"),
    "put": ("puts", "put", "putting"),
    "hit": ("hits", "hit", "hitting"),
    "begin": ("begins", "began", "beginning", "begun"),
    "shoot": ("shoots", "shot", "shooting"),
    "fire": ("fires", "fired", "firing"),
    "swear": ("swears", "swore", "swearing", "sworn"),
    "rip": ("rips", "ripped", "ripping"),
    "slam": ("slams", "slammed", "slamming"),
    "quip": ("quips", "quipped", "quipping"),
    "snap": ("snaps", "snapped", "snapping"),
    "chat": ("chats", "chatted", "chatting"),
    "blog": ("blogs", "blogged", "blogging"),
    "plead": ("pleads", "pleaded", "pleading", "pled"),
    "admit": ("admits", "admitted", "admitting"),
    "pen": ("pens", "penned", "penning"),
    "text": ("texts", "texted", "texting"),
    "lament": ("laments", "lamented", "lamenting"),
    "sob": ("sobs", "sobbed", "sobbing"),
    "cry": ("cries", "cried", "crying"),
    "reply": ("replies", "replied", "replying"),
    "deny": ("denies", "denied", "denying"),
    "testify": ("testifies", "testified", "testifying"),
    "prophesy": ("prophesies", "prophesied", "prophesying"),
    "tweet": ("tweets", "tweeted", "tweeting"),
    "regret": ("regrets", "regretted", "regretting"),
}

REPORTING = word_list(
    """
    say tell write add ask claim insist warn assert post text reply respond explain
reveal admit acknowledge announce declare note comment continue recall remark quip joke gush
fume argue state suggest confirm deny describe promise vow exclaim shout scream yell whisper
muse mutter caption share sneer lisp wonder report predict boast brag complain concede
counter demand urge plead pray sing read cry sob laugh chime interject observe opine maintain
contend allege charge testify tease snap retort quote repeat reiterate stress emphasise
emphasize elaborate confess apologise apologize speak utter proclaim pen blog message email
begin conclude finish call dub label brand term tweet write rant rave vent muse reason
lament sigh beg implore assure reassure inform advise announce tout hint agree disagree
respond answer joke jest gripe grumble moan whine protest object threaten pledge swear
recount relate narrate disclose divulge confide add clarify correct specify mention cite
stress underscore highlight question query inquire enquire wonder marvel enthuse rhapsodize
instruct order command shriek holler bellow roar growl grumble murmur breathe stammer
stutter cheer chant preach lecture caution remind begin open close sum summarize summarise
chirp coo purr gasp yelp wail squeal giggle chuckle scoff laugh smirk cut regret talk"""
)

EVALUATING = word_list(
    """
    rip slam blast laud praise thank congratulate hail mock scold criticise
criticize accuse blame defend chide attack lambast lambaste bash troll roast applaud commend
condemn denounce slam clap pan skewer savage diss"""
)

# Nouns that name a speech act; "X's statement that “…”", "in a statement, X said".
SPEECH_NOUNS = word_set(
    """
    statement call appeal words message post tweet tweets book memoir op-ed column letter
    caption remarks remark comments comment response reply note text speech interview claim
    claims argument plea warning promise quote account report survey poll study testimony
    announcement explanation words question answer request demand insistence assertion
    admission confession apology vow pledge declaration essay blog editorial lyrics song
    description suggestion complaint criticism tribute eulogy toast verdict ruling opinion
    motto slogan instagram twitter facebook story"""
)

# Words right before a quoted span that mark it as a title, name or mention, not speech.
TITLE_CUES = word_set(
    """
    headlined titled entitled dubbed named nicknamed so-called hashtag phrase term
    word words slogan catchphrase called means meaning"""
)
# Right before a quoted span these name a title or a label whatever its length: 'a song
# titled “…”', 'the hashtag “…”', 'her single “…”'.
NAMING_CUES = word_set(
    """
    headlined titled entitled dubbed named nicknamed so-called hashtag slogan catchphrase
    motto song single album track film movie show series episode book novel memoir poem
    play musical documentary podcast headline"""
)


def _forms(base: str) -> tuple[str, ...]:
    if base in _IRREGULAR:
        return (base, *_IRREGULAR[base])
    if base.endswith("e"):
        return (base, base + "s", base + "d", base[:-1] + "ing")
    if base.endswith(("sh", "ch", "ss", "x")):
        return (base, base + "es", base + "ed", base + "ing")
    if base.endswith("y") and base[-2] not in "aeiou":
        return (base, base[:-1] + "ies", base[:-1] + "ied", base + "ing")
    return (base, base + "s", base + "ed", base + "ing")


def _lexicon(bases: list[str]) -> dict[str, str]:
    table: dict[str, str] = {}
    for base in bases:
        for form in _forms(base):
            table.setdefault(form, base)
    return table


REPORTING_FORMS = _lexicon(REPORTING)
_PAST_IRREGULAR = frozenset(forms[1] for forms in _IRREGULAR.values())
EVALUATING_FORMS = _lexicon(EVALUATING)
CUE_FORMS = {**EVALUATING_FORMS, **REPORTING_FORMS}
# Cue forms that are also everyday nouns or adjectives; they count as cues only when a
# subject or punctuation makes the verb reading clear.
AMBIGUOUS_FORMS = word_set(
    """
    call calls text texts post posts note notes report reports state states comment
    comments answer answers question questions order orders message messages close open
    cut quote quotes tweet tweets share shares read reply replies claim claims promise
    promises caption hint hints joke jokes request demand demands charge charges"""
)
# Inversion ("…,” said West / joked Nicole Richie): finite forms of the reporting verbs.
INVERTING = frozenset(
    form
    for form in REPORTING_FORMS
    if not form.endswith("ing") and (form.endswith(("ed", "s")) or form in _PAST_IRREGULAR)
)
