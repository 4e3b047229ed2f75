"""Word lists the attribution rules consult: pronouns, determiners, heads of noun
phrases that name people, things or organisations, auxiliaries and the like."""

from __future__ import annotations

from bot.extraction.cues import word_set
from bot.extraction.speakers import LOWER_ROLES, ROLE_WORDS

# Plural nouns for groups of unnamed people: "Volunteers handed out …, urging …".
PLURAL_PEOPLE = word_set(
    """
    volunteers officials residents protesters witnesses police authorities investigators
    experts analysts researchers scientists doctors lawmakers voters students parents
    teachers workers users viewers readers supporters opponents activists neighbours
    neighbors locals officers firefighters employees staff members leaders organisers
    organizers prosecutors lawyers insiders observers commentators diplomats players"""
)
PRONOUNS = {
    "he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f",
    "they": "p", "them": "p", "their": "p", "it": "n", "its": "n",
}  # fmt: skip
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "it"})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "you"})
SKIP_LEFT = word_set(
    """
    also then later quickly simply just has had have was were is are will would could might
    may once again further previously recently reportedly allegedly publicly privately first
    finally even never always famously repeatedly subsequently immediately initially
    actually apparently heard being be been not did does do n't only still already
    reportedly openly candidly proudly jokingly sarcastically angrily tearfully bluntly
    earlier"""
)
DETERMINERS = word_set(
    "the a an this that these those his her their its our one another some many other"
)
INTRO_WORDS = word_set(
    """
    after before while when whilst as since because although though if once during in on
    at by for from with without despite amid amidst following upon until unlike like
    according but and so yet then also however meanwhile still indeed perhaps finally later
    earlier now today yesterday fortunately unfortunately sadly luckily instead overall
    first second third last next here there thus hence besides moreover speaking asked"""
)
# Prepositions that open a topic label before a colon: "On the referee: “…”".
TOPIC_WORDS = word_set("on about regarding re")
# Words of time in a phrase between a subject and its verb: "Lavrov on Monday dismissed".
TIME_WORDS = word_set(
    """
    monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
    morning afternoon evening night week weekend month year"""
)
# Verbs whose object may be a cue word used as a noun: "accepts blame", "took aim".
LIGHT_VERBS = word_set(
    """
    accept accepts accepted accepting take takes took taking taken deserve deserves
    deserved shoulder shoulders shouldered deflect deflects deflected receive receives
    received"""
)
CUE_WINDOW = 80
SPOKES = word_set(
    """
    spokesperson spokesman spokeswoman spokespeople representative representatives rep reps
    official officials source sources aide aides lawyer lawyers attorney attorneys"""
)
BARE_AFTER_CUE = word_set(
    ". , ; on in at during after before to while when from with via later earlier today"
)
FUNCTION_WORDS = word_set(
    "and or but nor that which who whom to of in on at by for with from as than then so if"
)
TITLE_WORDS = LOWER_ROLES | ROLE_WORDS | word_set("member council city state party")
THING_HEADS = word_set(
    """
    report statement study poll survey document letter website book memo filing lawsuit
    complaint ruling bill law agency article post tweet message video clip show film
    episode song album announcement release paper editorial column note email text
    company firm government ministry department office court council committee board
    union party team club group network station newspaper magazine organisation
    organization agency police campaign administration commission authority service
    school university hospital bank airline league federation force"""
)
ROLE_ABBREVIATIONS = {
    "senator": "sen", "governor": "gov", "representative": "rep", "congressman": "rep",
    "congresswoman": "rep", "doctor": "dr", "professor": "prof", "general": "gen",
    "reverend": "rev", "captain": "capt", "lieutenant": "lt", "sergeant": "sgt",
    "pm": "minister",  # "the PM": the prime minister
}  # fmt: skip
PRESENT_VERBS = word_set(
    """
    wants believes thinks knows seems appears remains becomes feels makes takes gets goes
    comes gives keeps looks needs likes loves hates hopes plans sees hears finds leaves
    shows tries uses works lives stays means faces"""
)
PREPOSITIONS = word_set(
    "on in at for with to from by into onto over under after before during since about"
)
AUX = word_set(
    """
    is was are were has had have will would can could may might must should does did do
    shall"""
)
IRREGULAR_PAST = word_set(
    """
    sent went made took gave got came saw knew thought felt found left kept brought began
    ran held stood met paid lost became told said wrote spoke won led put set let hit
    broke chose drove ate fell fought flew forgot forgave froze grew hid hung heard laid
    lay meant rode rang rose sold sought shook shot shut sang sank sat slept slid spent
    spun stole stuck struck swore swept swam threw understood woke wore wept wound
    taught bought caught built burnt dealt dug drew dreamt fed fled forbade sprang bit
    lit read quit cut cost bet"""
)
SOURCE_HEADS = word_set(
    """
    poll survey report study statement spokesman spokeswoman spokesperson rep reps
    representative representatives team office campaign website account newspaper magazine
    paper publication station network channel organisation organization group agency
    department ministry firm company band"""
)
PERSON_HEADS = LOWER_ROLES | word_set(
    """
    girl boy man woman child kid fan user reader viewer person someone somebody
        critic mother father wife husband daughter son sister brother mom dad mum friend
        couple pair duo exes star mogul hitmaker hit-maker icon legend veteran newcomer
        lawmaker insider source witness eyewitness bystander resident neighbour neighbor
        teen teenager student blogger influencer"""
)
PLURAL_HEADS = word_set("couple pair duo exes twins both")
UNNAMED_HEADS = PLURAL_PEOPLE | word_set(
    """
    insider source witness eyewitness bystander someone somebody fan user reader viewer
    others people fans users critics friends sources insiders observers friend pal pals
    confidant confidante acquaintance onlooker onlookers passer-by spectator spectators"""
)
FEMALE_WORDS = word_set(
    """
    actress mother wife daughter sister mom mum queen princess duchess lady mrs ms miss
    girl woman businesswoman spokeswoman congresswoman chairwoman comedienne girlfriend
    grandmother aunt niece"""
)
MALE_WORDS = word_set(
    """
    actor father husband son brother dad king prince duke lord mr boy man businessman
    spokesman congressman chairman boyfriend grandfather uncle nephew"""
)
PLATFORMS = word_set(
    "twitter instagram facebook youtube tiktok snapchat reddit threads x linkedin weibo"
)

# The most frequent English given names (US Social Security top names of the last
# century), for "he"/"she" when the article itself never says: a prior that the article's
# own pronouns override, and that also tells people from companies.
FEMALE_FIRST_NAMES = word_set(
    """
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy
    betty margaret sandra ashley kimberly emily donna michelle carol amanda dorothy melissa
    deborah stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna brenda
    pamela emma nicole helen samantha katherine christine debra rachel carolyn janet
    catherine maria heather diane ruth julie olivia joyce virginia victoria kelly lauren
    christina joan evelyn judith megan andrea cheryl hannah jacqueline martha gloria teresa
    ann sara madison frances kathryn janice jean abigail alice judy sophia grace denise
    amber doris marilyn danielle beverly isabella theresa diana natalie brittany charlotte
    marie kayla alexis lori anne jane susan ella chloe mia ava"""
)
MALE_FIRST_NAMES = word_set(
    """
    james robert john michael david william richard joseph thomas charles christopher
    daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian
    george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan
    stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick
    raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter
    kyle noah ethan jeremy walter christian keith roger terry austin sean gerald carl
    harold dylan arthur lawrence jordan jesse bryan billy bruce gabriel joe logan albert
    willie alan eugene russell vincent philip bobby johnny bradley roy ralph randy louis
    tom tim mike bill bob jim steve dave chris matt nick ben sam"""
)
