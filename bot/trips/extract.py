"""Trips in news items: (person, host, dates, status) from a title and summary. Pure.

An item is a trip report only when it names a tracked warrant subject, a foreign country, and
travel wording; "Putin criticises Mongolia" names both but is not a trip.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from knowledge.models import TripStatus
from knowledge.store import KnowledgeBase
from nlp.dates import find_period
from nlp.normalize import clean, fold
from nlp.parse import parse
from nlp.pipeline import Pipeline
from nlp.query import Query


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])")


CALLED_OFF: tuple[tuple[TripStatus, re.Pattern[str]], ...] = (
    (
        "cancelled",
        _words(
            r"cancel\w*|calls? off|called off|scraps?|scrapped|shelved|"
            r"no longer (?:travel|go|visit)\w*|won'?t go (?:\w+ )*after all|"
            r"absage|abgesagt|sagt (?:\w+ ){1,4}ab|annule\w*|cancela\w*|suspendi\w*|is off|"
            r"(?:trip|visit|tour|journey) (?:is )?off|(?:will not|won'?t|would not) take place|"
            r"not go ahead|findet nicht statt|n'aura pas lieu|отмен\w*|скасува\w*|iptal\w*"
        ),
    ),
    (
        "postponed",
        _words(
            r"postpon\w*|delay(?:ed|ing)|delays?(?= (?:(?:his|her|its|their|the|a) )?"
            r"(?:[\w'-]+ ){0,2}(?:visit|trip|tour|travel|journey|departure|arrival)\b)|"
            r"put(?:s|ting)? (?:off|back)|push(?:es|ed|ing)? back|reschedul\w*|"
            r"pushed (?:to|until|into) (?:next|later|a later|the end|early|late)|"
            r"(?:visit|trip|tour|journey)s? (?:(?:is|was|has been|will be) )?moved|"
            r"moved? (?:back|to a later date)|(?:put )?on hold|defer(?:s|red|ring|ral)?|"
            r"verschob\w*|verschieb\w*|vertag\w*|report(?:e|ee|es|ees)|repouss\w*|ajourn\w*|"
            r"aplaz\w*|pospon\w*|pospuest\w*|posterg\w*|adiad[ao]s?|adia|adiou|rinvi\w*|"
            r"posticip\w*|ertele\w*|отлож\w*|отклад\w*|перенес\w*|перенос\w*|"
            r"відклад\w*|відклав\w*|перенесен\w*|переніс\w*"
        ),
    ),
)
"""A trip that will not happen as planned: the earliest of these wordings decides."""
RETRACTED = re.compile(
    r"(?:(?<![\w-])(?:not|never|no|nor|rather than|instead of|without|had|rul(?:es?|ed|ing) out)|"
    r"n't)"
    r"\s+(?:(?:yet|been|be|being|officially|formally|actually)\s+){0,2}$"
)
"""'postponed, not cancelled', 'had been postponed', 'rules out cancelling': a status word that
reports no change."""
EARLIER_CHANGE = re.compile(
    r"(?:(?<![\w-])(?:a|an|the|his|her|its|their|this|that|after|twice|once|long|much|often|"
    r"repeatedly|previously|recently|already|earlier|makes?|making|made|pays?|paying|paid|"
    r"finally)|'s)[\s-]+$"
)
AS_ADJECTIVE = re.compile(r"\s+(?:[\w-]+\s+)?(?:visit|trip|tour|journey|summit)s?(?![\w-])")
"""'after the twice-postponed visit': the earlier change describes a trip now going ahead."""
_IDIOM = (
    r"(?:principle|talks|favou?r|charge|touch|contact|power|office|custody|hospital|danger|"
    r"doubt|trouble|question|fact|part|line|no |a |the process|good|poor|jail|prison|detention|"
    r"isolation|discussions|negotiations)"
)
"""'is in principle obliged', 'is in talks': no one is in a place."""
# Ordered: the first status whose wording appears wins (a cancelled visit mentions the visit).
STATUS_WORDS: tuple[tuple[TripStatus, re.Pattern[str]], ...] = (
    (
        "skipped",
        _words(
            r"skips?|skipping|skipped|stays? away|stayed away|won'?t (?:attend|travel|"
            r"go|be in)|will not (?:attend|travel|go|be)|not (?:attend|travel)\w*|by video(?: "
            r"link)?|via video|virtually|no-show|snubs?|snubbed|sends? (?:lavrov|"
            r"(?:(?:his|her|a|the) )?(?:[\w-]+ ){0,2}(?:deputy|minister|pm|envoy))|"
            r"represented by|verzichtet|ne se rend\w* pas|par visioconference|"
            r"[\w-]+ goes instead|^\W*no [\w'-]+(?: [\w'-]+){0,3} at|katilmayacak|gitmeyecek"
        ),
    ),
    (
        "announced",
        _words(
            r"ahead of (?:[\w']+ ){0,2}(?:arrival|visit)|"
            r"prepar\w* (?:to (?:welcome|host|receive)|for (?:[\w']+ ){0,3}(?:visit|arrival))|"
            r"(?:will|to) (?:host|receive|welcome)"
        ),
    ),
    (
        "under_way",  # "wraps up Belarus leg, flies on to Russia": the next stop has begun
        _words(
            r"(?:flies|flew|heads|headed|travels|travell?ed|moves|moved|goes|went|continues|"
            r"continued|presses|pressed) on to|onward to"
        ),
    ),
    (
        "completed",
        _words(
            r"visited|wrapped up|wraps up|returned from|returns (?:home )?from|back from|"
            r"(?:ends|ended) (?:(?:his|her|a|the) )?(?:[\w-]+ ){0,3}(?:visit|trip|tour|stay|"
            r"talks|consultations|negotiations)|"
            r"(?:visit|trip|tour|stay)(?: to [\w-]+(?: [\w-]+)?)? (?:ended|ends|is over)|"
            r"back in \w+ after|left \w+ after|ended (?:his|her|a) (?:\w+ )?visit|concluded?|"
            r"concludes|beendet|a quitte|after (?:his|her) (?:\w+ )?visit|was in|"
            r"takeaways|flew home|got from (?:his|her) (?:trip|visit)|zuruckgekehrt|"
            r"(?:flew|flies|flown) back|cut(?:s|ting)? short|as it happened|"
            r"following (?:the|his|her|a) (?:\w+ )?visit|paid (?:a|an|his|her) (?:\w+ )?visit|"
            r"посетил\w*|завершил\w*|вернул\w*|принял\w* участие|ziyaret etti|dondu|tamamladi|"
            r"(?:was|were) (?:hosted|received|welcomed|greeted)\b[^.;:!?]*?"
            r"(?<![\w-])(?:last (?:week|month)|earlier this (?:week|month))|"
            r"(?<!not )left (?!(?:[\w'-]+ ){0,2}for\b)\w+\b"
        ),
    ),
    (
        "under_way",
        _words(
            r"arriv\w*|lands?|landed|landing|touch(?:es|ed)? down|(?:is|are) in(?! "
            rf"{_IDIOM}\b)|visits|"
            r"on (?:his|her|the )?way to|en route to|in \w+ right now|visiting|"
            r"holds? talks (?:with (?:[\w'-]+ ){1,3})?in|embarks on|"
            r"(?:on|during) (?:(?:a|an|his|her) )?(?:[\w-]+ )?visit|met \w+ in|took off|"
            r"(?<!to )(?<!will )makes (?:(?:a|an|his|her) )?(?:[\w-]+ )?(?:visit|trip)|"
            r"en visite|de visita|zu besuch|"
            r"meets \w+ in|in \w+ today|gelandet|eingetroffen|angekommen|est arrive|"
            r"llega|llego|aterriza|is attending|begins|began|starts|ha(?:s|ve) travell?ed|attends|"
            r"travels to|flies to|leaves for|(?:leaves|left|departs|departed) (?:from )?"
            r"[\w'-]+(?: [\w'-]+)? for|desembarc\w*|aterr\w*|chega|chegou|"
            r"прибы\w*|прибув\w*|прилет\w*|приземли\w*|принима\w* участие|участву\w*|"
            r"geldi|vardi|ulasti"
        ),
    ),
    # a departure ('leaves Hanoi after talks') ranks below an arrival in the same headline
    (
        "completed",
        _words(
            r"(?<!not )(?:leaves|left|departs|departed)"
            r"(?! (?:his|her|their|its)\b| (?:[\w'-]+ ){0,2}for\b)"
        ),
    ),
    (
        "announced",
        _words(
            r"to visit|will visit|to travel|will travel|will attend|to attend|"
            r"expected (?:in|to|at)|expects?|plans? (?:to|a)|planned|set to|"
            r"invited|due (?:in|to)|(?:to|will) be (?:flown|taken|transferred|brought|received|"
            r"welcomed|hosted)|fly to|flying to|travel to|goes to|going to|will go|"
            r"would visit|will come|(?:to|will) (?:tour|embark|address)|"
            r"confirms? (?:the )?visit|reise|reist|besuch\w*|visite|se rendra|viaje|"
            r"attendu|erwartet|kommt|viajara|visitara|plant|will \w+ reisen|forthcoming|"
            r"upcoming|посетит|примет участие|визит\w*|візит\w*|"
            r"edecek|gidecek|gidiyor|geliyor|katilacak|gelecek(?! (?:hafta|ay|yil))|geleceg\w*|"
            r"bekleniyor|planlan\w*"
        ),
    ),
)
WEAK_ANNOUNCED = _words(
    r"trip to|visit to|state visit|official visit|working visit|ziyaret\w*|"
    r"heads? (?:to|for)|heading (?:to|for)"
)
"""Wording that is 'announced' only when nothing else says more: 'Min Aung Hlaing in New Delhi
for first official visit' is under way."""
HEADING = _words(r"heads? (?:to|for)|heading (?:to|for)")
DEPARTED = _words(
    r"took off|wheels up|airborne|departed|(?:is|are) (?:now )?(?:en route|on (?:his|her|their) "
    r"way)"
)
"""'Heads to DC tonight' with 'took off minutes ago' below it: the trip is under way."""
TRAVEL = _words(
    r"visit\w*|trip|travel\w*|arriv\w*|lands?|landed|landing|touch(?:es|ed)? down|flies|fly|"
    r"flying|flew|flown|attend\w*|summit|heads?|heading|skip\w*|returns?|go to|goes to|"
    r"going to|cancel\w*|stays? away|tour\w*|"
    r"reise\w*|reist|\w*besuch\w*|visite|viaje|viajara|voyage|way to|en route|rendra|"
    r"right now|back from|returned|expect\w*|due in|will come|come to|attendu|erwartet|"
    r"kommt|eingetroffen|gelandet|angekommen|llega|llego|aterriza|visitara|took off|"
    r"won'?t be in|represented by|a quitte|left \w+ after|beendet|sommet|cumbre|gipfel\w*|"
    r"participe\w*|embark\w*|desembarc\w*|aterr\w*|chega|chegou|"
    r"прибы\w*|прибув\w*|прилет\w*|приземли\w*|посет\w*|визит\w*|візит\w*|поездк\w*|"
    r"поїздк\w*|departure|deplacement|саммит\w*|"
    r"(?:be|been|is|was) (?:taken|transferred|brought|evacuated)(?= to )|"
    r"ziyaret\w*|geliyor|gelecek(?! (?:hafta|ay|yil))|geleceg\w*|geldi|gidecek|gidiyor|gitti|"
    r"vardi|ulasti|zirve\w*|katila\w*|katilm\w*"
)
"""Travel wording: a cue whose grammatical subject (the nearest actor before it) travels."""
COMPOUND_TRAVEL = re.compile(r"(?<=\w-)(?:reise\w*|besuch\w*|visite?|trip|viaje|visita)(?![\w-])")
"""'Putin-Reise nach Ungarn': the name before the hyphen travels."""
HOSTING = _words(
    r"hosts?|hosted|hosting|receives?|received|welcomes?|welcomed|greets?|greeted|"
    r"roll(?:s|ed|ing)? out (?:the )?red carpet for|"
    r"welcome(?=\s+to\s)|(?:gets?|got|given)(?=\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?welcome)|"
    r"empfangt|empfangen|recibe|recibido|accueille|recoit|"
    r"(?:принял[аи]?|принимает|принимал[аи]?)(?!\s+(?:участи|решени|закон|указ|мер|присяг))"
)
"""'A hosts B': B is the traveller and A's country the host; passive forms mean arrival."""
RECEPTION = re.compile(
    r"\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?(?:welcome|reception|send-off|guard of honou?r)(?![\w-])"
)
"""'Putin receives warm welcome in Jakarta': receiving a welcome is being received."""
PASSIVE = re.compile(r"(?:is|was|were|being|been|fue|wurde|est|a ete)\s+$|^\w+\s+(?:in|by)\b")
NOT_A_NEW_TRIP = _words(
    r"failed to arrest|fails to arrest|non-?complian\w*|in breach|no (?:\w+ ){0,2}plans?|"
    r"keine (?:\w+ ){0,2}plane|(?:aucun|pas de) projet|ningun plan|sin planes|"
    r"no decision|(?:not|yet to) (?:yet )?decided?|"
    r"undecided|"
    r"ambassador|hopes? to (?:visit|travel|go|come)|would (?:gladly|like to|love to)|"
    r"deny|denies|denied|dementi\w*|fake|no (?:\w+ )?(?:trip|visit)|"
    r"dismiss\w* (?:\w+ ){0,3}?(?:reports?|rumou?rs?|claims?|speculation)|denials?|"
    r"(?:reports?|claims?|rumou?rs?) (?:\w+ ){0,6}?(?:are|were|is|was) (?:false|untrue|baseless|"
    r"groundless|not true)|"
    r"(?<!not be )(?<!not )(?<!n't )"
    r"rul(?:es?|ed|ing) out(?! (?:a |any )?(?:cancel\w*|postpon\w*|delay\w*|change))|"
    r"dement(?:e|ent|ait)?|niega\w*|desmient\w*|desminti\w*|nega|negou|desmente|bestreit\w*|"
    r"yalanla\w*|опроверг\w*|спростува\w*|не планир\w*|не соответству\w* действительност\w*|"
    r"(?:did not|didn't|never) (?:actually )?(?:arriv\w*|land\w*|set\w* foot)|"
    r"remains? open|no date (?:set|agreed)|not been (?:agreed|scheduled|set)|"
    r"possible (?:\w+ )?(?:trip|visit)|olasi (?:bir )?(?:\w+ )?ziyaret\w*"
)
"""Wording that mentions travel but reports no trip of the tracked person abroad."""
HYPOTHETICAL = _words(
    r"would (?:arrest|detain)|would not be (?:arrested|detained)|"
    r"(?:if|unless) (?:he|she) (?:ever )?(?:came|comes|visit\w*|travel\w*|enter\w*|land\w*|"
    r"arriv\w*|set\w* foot)"
)
"""Arrest hypotheticals; in a summary they do not undo a headline that reports travel."""
NOT_A_TRIP_TITLE = re.compile(
    r"^(?:opinion|comment|editorial|fact.?check|why(?! (?:is|are)\b))\b|"
    r"^(?:can|could|would|should|might|may)\b[^?]*\?|"
    r"(?<![\w-])(?:m[iu]|ли)(?![\w-])[^?]*\?|"
    r"(?<![\w-])(?:invites?|einladung|invita|rumou?r\w*|rumeur\w*|слух\w*|чутк\w*|soylenti\w*|"
    r"unconfirmed|speculat\w*)(?![\w-])"
)
"""Headlines of opinion pieces, invitations, rumours and 'could he?' questions ('Why is X in
Y?' reports a trip), also with a Turkish or Russian question particle ('gelir mi?')."""
VIDEO = _words(
    r"by video|via video|video ?link|videolink|video (?:call|conference)|videoconferen\w*|"
    r"visioconference|online|virtual\w*|phone call|by (?:tele)?phone"
)
STAYS_AWAY = _words(
    r"instead|will not|won'?t|not (?:go|travel|attend|be)|rather than|skip\w*|"
    r"ne se rend\w* pas|stays? away|"
    r"sends? (?:(?:his|her|a|the) )?(?:[\w-]+ ){0,2}(?:deputy|minister|pm|envoy|delegation)"
)
"""Video wording is a skipped trip only next to these; otherwise it replaces travel."""
CHATTER = _words(
    r"criticis\w*|criticiz\w*|condemn\w*|congratulat\w*|phones?|thanks?|warns?|threatens?|"
    r"signs?|appoints?|sanction\w*|bans?|slams?|accuses?|praises?|urges?|telefoniert|"
    r"critica|felicite|discuss\w*|hold phone"
)
"""A headline whose tracked person only does one of these (and never travels) is no trip."""
BACKGROUND = re.compile(
    r"(?<![\w-])(?:(?:a|one|two|three|four|five|six|several|few|\d+) )?"
    r"(?:days?|weeks?|months?|years?|an|ans|mois|semaines?|jours?|anos?|meses|semanas?|dias?|"
    r"jahre?n?|monate?n?|wochen?|tage?n?|год\w*|лет|месяц\w*|недел\w*) "
    r"(?:after|before|since|apres|avant|depuis|despues|antes|nach|после|спустя)(?![\w-])[^.;:!?]*"
    r"|, who (?:last |previously |had )?(?:visited|travelled|traveled|went|was in)[^,.;]*,"
    r"|[^.;:!?]*(?<![\w-])(?:(?:years?|months?|weeks?) ago|last year)(?![\w-])"
)
"""Clauses about an earlier trip ('a week after Putin was in China', 'Un an après la visite de
Poutine en Inde')."""
ROLE_NOUN = _words(
    r"(?:foreign|defen[cs]e|prime|deputy|finance|interior)? ?ministers?|fm|pm|presidents?|"
    r"premier|chancellor|king|emir|crown prince|secretary of state|prosecutors?|"
    r"delegations?|officials|envoys?|spokes\w+|aides?|daughter|wife|counterparts?|"
    r"judges?|lawyers?|ministry|court|mediators|train|children|family|relatives|"
    r"husband|brothers?|sisters?|deput(?:y|ies)|advis[eo]rs?|emissar(?:y|ies)|"
    r"representatives?|staff|daughters|team"
)
"""Someone other than a tracked person, when no tracked mention overlaps it."""
_STAND_IN = (
    r"envoys?|emissar(?:y|ies)|aides?|advis[eo]rs?|spokes\w+|delegations?|representatives?|"
    r"deput(?:y|ies)|wife|husband|sons?|daughters?|children|family|relatives|brothers?|"
    r"sisters?|staff|lawyers?|team|bodyguards?|conseill\w+|emissaire\w*|envoye\w*|porte-parole|"
    r"epouse|fils|fille|adjoint\w*|enviad[oa]s?|emisari\w*|asesor\w*|esposa|hij[oa]s?|portavoz|"
    r"delegacion\w*|berater\w*|gesandte\w*|ehefrau|sohn|tochter|sprecher\w*"
)
"""People who travel for, or instead of, the person they belong to."""
_MODIFIER = r"(?!(?:with|and|to|in|of|for|at|on|by|from)\s)[\w-]+\s+"
OWNS_AFTER = re.compile(
    rf"'s\s+(?:{_MODIFIER}){{0,2}}?(?:{_STAND_IN}|(?:{_MODIFIER})?ministers?|officials)(?![\w-])"
)
OWNS_BEFORE = re.compile(
    rf"(?<![\w-])(?:{_STAND_IN})\s+(?:of|to|for|from|de|du|des|von|der|d')\s*"
    r"(?:(?:the|la|le|el|l')\s*)?((?:[\w'-]+\s+){0,3})$"
)
"""'Netanyahu's envoy', 'aides of Russia's children's commissioner', 'an adviser to the Israeli
prime minister': the person named owns the traveller and is not the traveller. Read in the
original case: only capitalised words ('the Israeli', 'Russian President') come between; 'Children
of Mariupol meet Lvova-Belova' is her trip."""
OWNED_BY = re.compile(
    r"(?<![\w-])(?:помощник|советник|пресс-секретар|представител|посланник|спецпосланник|"
    r"заместител|делегаци|жена|супруг|сын|дочь|дочер|родственник|сотрудник|адвокат|помічник|"
    r"радник|дружин|заступник|делегаці)\w*\s+$"
)
"""'Помощник Путина', 'Делегация Шойгу': a Russian or Ukrainian genitive owner."""
CASE_ENDING = re.compile(r"'(?:[yn]?[aeiu]|n?[dt][ae]n?|y?l[ae])(?![\w-])")
"""A Turkish case ending other than the genitive: "Putin'den uyarı geldi" (a warning came from
Putin) and "Putin'e" (to Putin) do not make Putin the subject; "Putin'in ziyareti" does."""
COMPANION = re.compile(r",?\s+(?:and|with)\s+(?:(?:his|her|the|a)\s+)?(?:[\w-]+\s+)?")
"""'<person> and his wife', '<person>, with her deputy', '<person> and advisers': both
travel (the companion is an office or a relative, not another named person)."""
ADJACENT = re.compile(
    r"[\s,]*(?:(?:is|was|now|already|again|still)\s+)*(?!(?:not|never|nowhere)\s)(?:-?\w+\s+)?"
)
"""Between a name and 'in <country>': 'Gallant in', 'Putin now in', 'Gerasimov arives in' (not
'Shoigu not in Beijing', a denial)."""
MEETING = _words(
    r"meets?|met|meeting|to meet|talks|consultations|negotiations|sign\w*|hold\w*|summit|"
    r"treffen|trifft|rencontre|переговор\w*|встретил\w*|встреча\w*"
)
_OFFICE = (
    r"presidents?|prime ministers?|premiers?|kings?|emirs?|leaders?|heads? of state|"
    r"(?:foreign )?ministers?|ambassadors?|envoys?|delegations?"
)
OFFICE_OF = re.compile(
    rf"(?<![\w-])(?:{_OFFICE}|президент\w*|премьер\w*|министр\w*|лидер\w*|глав(?:а|ы|ой|у)|"
    r"посол|посла|послом|делегаци\w*)\s+(?:of\s+)?(?:the\s+)?"
    r"(?:(?:republic|kingdom|state|республики|королевства)\s+(?:of\s+)?)?$"
)
OFFICE_AFTER = re.compile(rf"(?:'s)?\s+(?:[\w-]+\s+)?(?:{_OFFICE})(?![\w-])")
"""'the president of Congo', 'президента Республики Конго', 'Congo's leader': a visitor's
country, not a place (only for telling a meeting at home)."""
KREMLIN = _words(r"(?:in|at) the kremlin|в кремле|im kreml|au kremlin|en el kremlin|kremlin'de")
"""Where Russian leaders receive visitors ('Kremlin says' is no place)."""
DEMONYM_PLACE = re.compile(
    r"\s+(?:capital|city|soil|territory|resort|port|airport|coast|summit|conference|forum)\b"
)
AIRSPACE_OF = re.compile(r"air ?space (?:of|over) (?:the )?(?:[\w-]+(?: and|,) )*$")
"""'the airspace of France and Spain': countries flown around, not visited."""
NOT_A_DESTINATION = re.compile(
    r"[\s-]*(?:air ?space|border\w*|frontier|boundary|crossings?|pavilion|stand|embassy|"
    r"consulate|exhibition|expo|festival|restaurant|valley|river)\b"
)
"""'Kazakhstan pavilion', 'the Mongolian embassy', 'Lebanon-border': named after a country."""
BORDER_AFTER = re.compile(r"[\s-]*(?:border\w*|frontier|boundary|grenze\w*|границ\w*|кордон\w*)")
"""'the Lebanese border', 'Lebanon-border communities': the country is a neighbour."""
NEAR = re.compile(
    r"(?<![a-z-])(?:near(?:by)?|close to|next to|bordering|borders|along(?:side)?|opposite|"
    r"overlooking|facing|off the coast of|across (?:the border )?from|(?:km|kilomet(?:re|er)s?|"
    r"miles?|met(?:re|er)s?|yards?) (?:away )?from|away from|(?:border|frontier|boundary)(?:s|"
    r" line)? (?:with|of|into)|border(?:s|ing)? on|grenze(?: zu[mr]?| mit)?|nahe|unweit|"
    r"(?:pres|proche) (?:de|du|des)|frontiere(?: avec| de| du)?|cerca (?:de|del)|"
    r"frontera(?: con)?|границ\w*(?: с)?|вблизи|недалеко от|рядом с|близ|кордон\w*(?: з)?|"
    r"біля)\s+(?:(?:the|der|dem|des|die|la|le|les|el|los|las)\s+|l')?"
    r"(?:(?:[\w'-]+\s+){0,2}[\w'-]+\s+(?:and|or|und|et|y|и|і)\s+(?:the\s+)?)*$"
)
"""'near Lebanon', 'close to Finland', 'the border with Thailand', 'near Laos and Thailand':
a country (not a city: 'near Damascus' is in Syria) the person is next to, not in."""
BORDER_SLOT = re.compile(
    r"\s*(?:to|at|on)?\s*(?:the\s+)?(?:(?!(?:for|with|to|in|and|of|on|at|from)\s)[\w-]+\s+){0,2}?"
    r"(?:border|frontier|boundary)(?![\w-])"
)
"""Travel to a border ('visits the northern frontier'): it is the person's own side."""
CLAUSE_BREAK = re.compile(r"[.!?](?:\s|$)|[:;|—–]| - |, while |\bas\b|\bwhile\b")
NAME = re.compile(r"(?<![\w'])[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
NOT_A_NAME = frozenset(
    "the le la les el los der die das kremlin breaking exclusive analysis report watch "
    "live update sources official officials junta taliban former russia's israel's "
    "what why how on at in to for of from with by after before as state press joint key "
    "statement announcement will can could is are did does no yes several many some most "
    "all se un una une il ils elle ce cette selon segun laut ein eine al del lo las ya hoy "
    "heute nun".split()
)
"""Capitalised words that open a headline without naming anyone ('Se aplaza la visita')."""
HEAD_ROLE = _words(r"presidents?|prime ministers?|pm|premier|leaders?|head of state")
"""Offices a tracked person can be named by alone ('the President of the Russian Federation')."""
NOMINAL_CUE = _words(r"visit|trip|tour|arrival|travel|journey|ziyaret\w*")
"""A travel noun; 'the visit of/by X' makes X the traveller."""
OF_BY = re.compile(r"\s+(?:of|by)\s+(?:[\w'-]+\s+){0,4}")
"""'visit by Russian President Vladimir Putin' (not 'trip by a day')."""
PRONOUN = _words(r"he|she")
DURING = re.compile(
    r"(?<![\w-])(?:during|while on|in the course of|on (?:a|an|his|her|their))\s+"
    r"(?:(?:a|an|the|his|her|their)\s+)?(?:[\w-]+\s+){0,2}$"
)
"""'Putin holds talks with the Indonesian president during visit to Jakarta': the main subject
travels, not the nearest name."""
BARE_ON = re.compile(r"(?<![\w-])on\s+(?:[\w-]+\s+){0,2}$")
"""'Putin meets Tokayev on visit to Astana' (after a meeting verb only)."""
VISITING = _words(r"visiting")
VISITORS = _words(r"delegations?|visitors?|guests?|counterparts?")
RETURNED = _words(r"returns?|returned|returning|back (?:in|home|from)|fl(?:y|ies|ew) home")
ATTRIBUTIVE_BEFORE = re.compile(
    r"(?<![\w-])(?:a|an|the|with|by|of|for|his|her|their|to|and|meets?|met|meeting|hosts?|"
    r"hosted|hosting|receives?|received|receiving|welcomes?|welcomed|greets?|greeted|"
    r"thanks|briefs|joins|joined|tells|told|honou?rs|escorts)\s+$"
)
ATTRIBUTIVE_AFTER = re.compile(
    r"\s+(?:the\s+)?(?:(?!(?:to|for|with|in|on|at|and|of|from)\s)[\w'-]+\s+){0,3}?"
    r"(?:delegations?|officials?|ministers?|leaders?|heads?|senators|lawmakers|legislators|"
    r"parliamentarians|mps|congressm[ae]n|guests?|visitors?|dignitaries|envoys?|chancellors?|"
    r"presidents?|prime ministers?|premiers?|pm|fm|secretar(?:y|ies)|kings?|queens?|emirs?|"
    r"sultans?|sheikhs?|princes?|monarchs?|counterparts?|generals?|commanders?|chiefs?|"
    r"admirals?|ambassadors?|diplomats?|mayors?|governors?|speakers?|mediators?|team|"
    r"mission|businessm[ae]n|executives|investors|journalists|students|clerics|rulers?)(?![\w-])"
)
"""'met with visiting senators', 'meets visiting Indonesian foreign minister': the visitors are
someone else, and a tracked person who meets them is at home."""
POSSESSIVE_NAME = re.compile(r"'s\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)(?![\w-])")
"""'Mongolia's Khurelsukh': a named person (tracked people are found by the parser)."""
QUOTED = re.compile(r"(?<![\w])['‘\"“][^'’\"”]{2,60}['’\"”](?![\w])")
"""A quoted name ('Days of Mongolian Culture')."""
LED_BY = re.compile(r"\s+(?:led|headed)\s+by\s+")
DEPARTURE = _words(r"(?:leaves|left|departs|departed|departing)(?: from)?")
"""Leaving a place: travel wording only when a country or city follows ('leaves Hanoi')."""
ARRIVAL = _words(r"arriv\w*|lands?|landed|landing|touch(?:es|ed)? down")
"""'Leaves Riyadh, arrives in Doha': the arrival, later in the clause, names the host."""
ADDRESS = _words(r"(?:to|will) address")
"""'To address <place> <audience>': travel only when a place follows."""
SENDS = _words(r"sends?")
"""'X sends <someone> to <event>': X's skipped trip, when the item says X stays away."""
SENT_INSTEAD = _words(
    r"stays? (?:at )?home|stayed (?:at )?home|represented by|in (?:his|her) place|instead"
)
"""Wording that makes 'sends' a stand-in for the sender's own trip."""
NO_SHOW = re.compile(r"\W*no\s+")
"""'No <person> at <event in place>' (a headline): the person skips the event."""
AT = re.compile(r"(?<=\s)at(?=\s)")
TOUR_START = _words(
    r"(?:start|starts|starting|begin|begins|beginning) (?:[\w-]+ ){0,3}?(?:in|with|at)|"
    r"first stop(?: in| at)?"
)
TOUR = _words(r"tours?|legs?|stops?")
"""A tour's host is the stop the text names as its start ('starting in Abu Dhabi')."""
FLAGGED = re.compile(r"\s+[\w'-]+\s+(?=[\U0001F1E6-\U0001F1FF]{2}(?![\U0001F1E6-\U0001F1FF]))")
"""'PUTN IN ULAANBAATR 🇲🇳': the flag after a place the parser does not know names its country."""
PLACE_SLOT = re.compile(r"\s*(?:from\s+)?(?:the\s+)?")


@dataclass(frozen=True)
class TripReport:
    """A trip read from a news item."""

    person: str
    host: str
    status: TripStatus
    start: dt.date | None
    end: dt.date | None
    text: str


def tracked_person(query: Query, kb: KnowledgeBase) -> str | None:
    """The first person named who has an ICC warrant or application (trips are tracked)."""
    return next((p for p in query.person_ids if kb.warrants_for(p)), None)


def traveller_and_host(query: Query, kb: KnowledgeBase) -> tuple[str | None, str | None]:
    """The tracked person and the first country named that is not their own."""
    person = tracked_person(query, kb)
    if person is None:
        return None, None
    own = set(kb.person(person).nationality)
    return person, next((c for c in query.country_codes if c not in own), None)


def extract_trip(
    title: str,
    summary: str,
    kb: KnowledgeBase,
    pipeline: Pipeline,
    *,
    published: dt.date,
) -> TripReport | None:
    """The trip the item reports, or ``None`` if it is not a trip report.

    Tracked people are those with an ICC warrant or a prosecutor's application. The title is
    read first: its first travel wording whose subject is a tracked person decides who travels,
    and the first foreign country after that wording is the host. A title with no travel
    wording leaves the decision to the summary.

    Args:
        title: the item's title.
        summary: its summary (plain text).
        kb: the knowledge base (only warrant subjects' trips are tracked).
        pipeline: the question parser's pipeline (for people and places).
        published: the item's date; relative dates ("next week") are resolved against it.

    """
    title_text = clean(title).text.strip(". ")
    text = clean(f"{title}. {summary}".strip(". ")).text
    low = _fold_in_place(text)
    title_end = min(len(title_text), len(text))
    if NOT_A_NEW_TRIP.search(low):
        return None
    if HYPOTHETICAL.search(low, 0, title_end) or (
        HYPOTHETICAL.search(low) and not TRAVEL.search(low, 0, title_end)
    ):
        return None  # "Denmark would detain Netanyahu if he landed in Copenhagen"
    if NOT_A_TRIP_TITLE.search(low[:title_end]):
        return None
    video = VIDEO.search(low, 0, title_end) or (
        VIDEO.search(low) and not TRAVEL.search(low, 0, title_end)
    )
    if video and not STAYS_AWAY.search(low):
        return None  # a call or an online meeting replaces the trip
    low = _blank_background(low, published)
    found = _find_trip(_unglue(text), low, title_end, kb, pipeline, published)
    if found is None:
        return None
    person, host, hosted = found
    status = _item_status(low, title_end, hosted)
    if status is None:
        return None
    period = find_period(fold(text), published)
    return TripReport(
        person=person,
        host=host,
        status=status,
        start=period.start if period else None,
        end=period.end if period and period.end != period.start else None,
        text=text,
    )


def _item_status(low: str, title_end: int, hosted: bool) -> TripStatus | None:
    """The headline's status, else the item's.

    A headline's 'will not travel' is a skipped trip unless the item says the visit was called
    off or postponed. A visit noun ('official visit') or 'heads to' says 'announced' only when
    nothing else does, and not for a headline that has the person in the place already.
    """
    title = low[:title_end]
    departed = bool(HEADING.search(title) and DEPARTED.search(low, title_end))
    status = (
        _status(title)
        or (None if hosted or departed else _weak_status(title))
        or _status(low)
        or ("under_way" if hosted else None)
        or _weak_status(low)
    )
    if status == "skipped":
        return _called_off(low) or status
    return status


def _weak_status(low: str) -> TripStatus | None:
    """'announced' for a visit noun or 'heads to', the weakest wording."""
    return "announced" if WEAK_ANNOUNCED.search(low) else None


def _status(low: str) -> TripStatus | None:
    """The status the wording reports; a call-off (cancelled, postponed) outranks the rest."""
    called_off = _called_off(low)
    if called_off is not None:
        return called_off
    return next((name for name, pattern in STATUS_WORDS if pattern.search(low)), None)


def _called_off(low: str) -> TripStatus | None:
    """'cancelled' or 'postponed', whichever is reported first ('postponed, not cancelled')."""
    hits = [
        (match.start(), name)
        for name, pattern in CALLED_OFF
        for match in pattern.finditer(low)
        if not _no_change(low, match)
    ]
    return min(hits)[1] if hits else None


def _no_change(low: str, match: re.Match[str]) -> bool:
    """Negated, pluperfect or attributive wording ('not cancelled', 'the postponed visit')."""
    if RETRACTED.search(low, 0, match.start()):
        return True
    return bool(
        EARLIER_CHANGE.search(low, 0, match.start()) and AS_ADJECTIVE.match(low, match.end())
    )


def _unglue(text: str) -> str:
    """An emoji's variation selector or joiner before a word as a space (same offsets).

    The parser joins a selector to the word after it: '⚡️ПУТИН' would name no one.
    """
    return GLUE.sub(" ", text)


GLUE = re.compile(r"[\ufe0f\u200d](?=\w)")


def _fold_in_place(text: str) -> str:
    """``fold`` one character at a time, so offsets match ``text`` (parse mentions use them)."""
    if text.isascii():
        return text.lower()
    return "".join((fold(ch) or " ")[0] for ch in text)


def _blank_background(low: str, published: dt.date) -> str:
    """Blank out clauses about earlier trips, keeping offsets."""
    low = BACKGROUND.sub(lambda m: " " * len(m[0]), low)
    for match in re.finditer(r"(?<!\d)((?:19|20)\d\d) (?:visit|trip|stay)", low):
        if int(match[1]) < published.year:
            low = low[: match.start()] + " " * len(match[0]) + low[match.end() :]
    return low


@dataclass(frozen=True)
class _Actor:
    """Someone who can be the subject of travel wording; ``person`` is None if untracked."""

    start: int
    end: int
    person: str | None
    pronoun: bool = False


@dataclass(frozen=True)
class _Clause:
    """A clause of the item, parsed on its own (mention offsets are made item-wide)."""

    lo: int
    hi: int
    actors: tuple[_Actor, ...]
    countries: tuple[tuple[int, int, str, str], ...]
    """(start, end, code, how it was found)."""
    nationality: dict[int, tuple[str, ...]]
    """Actor start -> the person's nationality, for every person the parser knows."""


def _clauses(low: str, title_end: int) -> list[tuple[int, int]]:
    """Clause spans, title first; a clause never crosses from the title into the summary."""
    spans: list[tuple[int, int]] = []
    for lo, hi in ((0, title_end), (title_end, len(low))):
        cut = lo
        for match in CLAUSE_BREAK.finditer(low, lo, hi):
            spans.append((cut, match.start()))
            cut = match.end()
        spans.append((cut, hi))
    trimmed = []
    for lo, hi in spans:
        while lo < hi and not low[lo].strip():
            lo += 1
        while hi > lo and not low[hi - 1].strip():
            hi -= 1
        if hi > lo:
            trimmed.append((lo, hi))
    return trimmed


def _parse_clause(
    text: str, low: str, lo: int, hi: int, kb: KnowledgeBase, pipeline: Pipeline, on: dt.date
) -> _Clause:
    query = parse(text[lo:hi], today=on, pipeline=pipeline)
    actors = [
        _Actor(lo + m.start, lo + m.start + len(m.text), m.id if kb.warrants_for(m.id) else None)
        for m in query.people
    ]
    nationality = {lo + m.start: kb.person(m.id).nationality for m in query.people}
    countries: tuple[tuple[int, int, str, str], ...] = tuple(
        (lo + m.start, lo + m.start + len(m.text), m.id, str(m.via)) for m in query.countries
    )
    countries += _hidden_places(text, lo, hi, countries, pipeline, on)
    taken = [(a.start, a.end) for a in actors] + [(c[0], c[1]) for c in countries]

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    for match in ROLE_NOUN.finditer(low, lo, hi):
        if free(match.start(), match.end()):
            actors.append(_Actor(match.start(), match.end(), None))
    name = NAME.match(text, lo)  # a headline-style subject: "Lavrov lands in Caracas"
    if name and name[0].split()[0].lower() not in NOT_A_NAME and free(name.start(), name.end()):
        actors.append(_Actor(name.start(), name.end(), None))
    for match in POSSESSIVE_NAME.finditer(text, lo, hi):
        if free(match.start(1), match.end(1)) and match[1].lower() not in NOT_A_NAME:
            actors.append(_Actor(match.start(1), match.end(1), None))
    if lo > 0:  # "... and he flew back": pronouns below the headline
        for match in PRONOUN.finditer(low, lo, hi):
            actors.append(_Actor(match.start(), match.end(), None, pronoun=True))
    # "the delegation led by Shoigu": the leader, not the group, is the traveller
    leaders = {a.start for a in actors if a.person is not None}
    actors = [
        a
        for a in actors
        if a.person is not None
        or not (led := LED_BY.match(low, a.end, hi))
        or led.end() not in leaders
    ]
    actors = [
        a for a in actors if not _owner(text, low, a, lo, hi) and not CASE_ENDING.match(low, a.end)
    ]
    return _Clause(lo, hi, tuple(sorted(actors, key=lambda a: a.start)), countries, nationality)


def _owned_before(text: str, low: str, lo: int, start: int) -> bool:
    """'<stand-in> of/to [the] <capitalised words> <actor>'."""
    match = OWNS_BEFORE.search(low, lo, start)
    return match is not None and all(
        word[0].isupper() for word in text[match.start(1) : match.end(1)].split()
    )


def _owner(text: str, low: str, actor: _Actor, lo: int, hi: int) -> bool:
    """'Netanyahu's envoy', 'aides of the commissioner': someone else travels for the actor."""
    if actor.pronoun:
        return False
    return bool(
        OWNS_AFTER.match(low, actor.end, hi)
        or _owned_before(text, low, lo, actor.start)
        or OWNED_BY.search(low, lo, actor.start)
    )


def _hidden_places(
    text: str,
    lo: int,
    hi: int,
    countries: tuple[tuple[int, int, str, str], ...],
    pipeline: Pipeline,
    on: dt.date,
) -> tuple[tuple[int, int, str, str], ...]:
    """Places after a demonym of the same country ('Pakistani clerics ... in Islamabad').

    The parser lists each country once, so a city named after its demonym is not reported.
    """
    extra: list[tuple[int, int, str, str]] = []
    for _, end, code, via in countries:
        if via != "demonym" or sum(c[2] == code for c in countries) > 1:
            continue
        for m in parse(text[end:hi], today=on, pipeline=pipeline).countries:
            at = text.find(m.text, end, hi)
            if m.id == code and m.via != "demonym" and at >= 0:
                extra.append((at, at + len(m.text), m.id, m.via))
    return tuple(extra)


def _eligible_hosts(
    text: str, low: str, clauses: list[_Clause], own: set[str], lo: int, hi: int
) -> list[str]:
    """Foreign countries named as places (not 'French airspace', 'Malaysian prime minister')."""

    def clause_text(start: int, end: int) -> str:
        return text[start:end]

    quoted = [m.span() for m in QUOTED.finditer(low)]
    codes = []
    for clause in clauses:
        for start, end, code, via in clause.countries:
            if not lo <= start < hi or code in own or not low[start].strip():
                continue
            if any(a <= start < b for a, b in quoted):
                continue  # "'Taste of Morocco' food festival": a name, not a place
            if via == "demonym" and not DEMONYM_PLACE.match(low, end):
                continue
            if via in ("territory", "fuzzy") and clause_text(start, end).islower():
                continue  # lower-case words such as "la réunion", "island"
            if via == "fuzzy" and end - start < 5:
                continue  # "Spin Boldak" is not Spain
            if _beside(low, start, end, via) or AIRSPACE_OF.search(low, 0, start):
                continue
            codes.append(code)
    return codes


def _beside(low: str, start: int, end: int, via: str) -> bool:
    """A country named as what a place is next to: 'near Lebanon', 'the Lebanese border'."""
    return NOT_A_DESTINATION.match(low, end) is not None or _next_to(low, start, end, via)


def _next_to(low: str, start: int, end: int, via: str) -> bool:
    """A country named as a neighbour: 'near Lebanon', 'on the Lebanese border'."""
    if BORDER_AFTER.match(low, end):
        return True
    return via != "city" and NEAR.search(low, 0, start) is not None


def _find_trip(
    text: str,
    low: str,
    title_end: int,
    kb: KnowledgeBase,
    pipeline: Pipeline,
    on: dt.date,
) -> tuple[str, str, bool] | None:
    """(traveller, host, seen from the host's side) for the item's trip, if any."""
    clauses = [
        _parse_clause(text, low, lo, hi, kb, pipeline, on) for lo, hi in _clauses(low, title_end)
    ]
    title_has_travel = any(_cues(low, c) for c in clauses if c.hi <= title_end)
    if not title_has_travel and CHATTER.search(low, 0, title_end):
        return None  # "Putin congratulates Vietnam's new leader"
    title_actors = [a for c in clauses if c.hi <= title_end for a in c.actors]
    protagonist = (
        _Actor(0, 0, title_actors[0].person)
        if title_actors and title_actors[0].person is not None
        else None
    )
    office: str | None = None  # "State visit of the President of <country>": who, in the summary
    deferred = False
    home = _received_at_home(text, low, clauses, title_end, kb)
    for clause in clauses:
        in_title = clause.hi <= title_end
        if not title_has_travel and in_title:
            continue
        if deferred and in_title:
            continue
        cues = _cues(low, clause)
        for index, cue in enumerate(cues):
            departure = DEPARTURE.fullmatch(cue[0]) is not None
            if departure and any(ARRIVAL.fullmatch(c[0]) for c in cues[index + 1 :]):
                continue  # "leaves Riyadh, arrives in Doha": the arrival names the host
            before = [a for a in clause.actors if a.end <= cue.start()]
            after = [a for a in clause.actors if a.start >= cue.end()]
            if HOSTING.fullmatch(cue[0]) and not _passive(low, clause, cue):
                found = _hosted_trip(text, low, clauses, kb, clause, before, after, cue.end())
                if found is not None:
                    return found
                if before and before[-1].person is not None:
                    return None  # a tracked person receives someone else at home
                continue
            found_subject = _subject(text, low, clause, cue, in_title, protagonist, kb)
            if found_subject is None:
                continue
            subject = _resolve(text, low, clause, found_subject, protagonist, kb, pipeline, on)
            if subject.person is None:
                if in_title and HEAD_ROLE.fullmatch(low[subject.start : subject.end]):
                    # "Sudanese president cancels Jakarta trip": the summary names him
                    office, deferred = (
                        _office_country(text, low, clause, subject, pipeline, on),
                        True,
                    )
                    break
                if in_title:
                    return None  # the headline reports someone else's travel
                continue
            if office is not None and office not in kb.person(subject.person).nationality:
                continue
            at_home = subject.person in home
            if at_home and not in_title:
                continue  # "Putin meets visiting Indonesian minister": the summary is theirs
            own = set(kb.person(subject.person).nationality)
            later = [c for c in cues[index + 1 :] if c[0] != "in"]
            named = None if later else _named_before(text, low, clauses, clause, own, cue)
            host = named or _host(
                text,
                low,
                clauses,
                kb,
                subject.person,
                cue.end(),
                clause,
                title_end,
                title_only=at_home,
            )
            if departure:  # "leaves Moscow for Beijing": the onward country is the host
                host = _onward(low, clause, own, cue.end()) or host
                if host == "":
                    continue  # leaving home says nothing more
            if host == "" and cue[0] != "in":
                return None  # travel inside the person's own country ("back in" is not)
            if host == "":
                continue
            if host is not None:
                host = _tour_start(text, low, clauses, own) or host
                return subject.person, host, cue[0] == "in" or _passive(low, clause, cue)
    return None


def _visit_of(low: str, cue: re.Match[str], after: list[_Actor]) -> bool:
    """'The visit of/by <actor>': the actor follows 'of/by' within a few words."""
    return bool(after) and OF_BY.fullmatch(low, cue.end(), after[0].start) is not None


def _subject(
    text: str,
    low: str,
    clause: _Clause,
    cue: re.Match[str],
    in_title: bool,
    protagonist: _Actor | None,
    kb: KnowledgeBase,
) -> _Actor | None:
    """Who the travel wording is about, before pronouns and offices are resolved."""
    before = [a for a in clause.actors if a.end <= cue.start()]
    after = [a for a in clause.actors if a.start >= cue.end()]
    if NOMINAL_CUE.fullmatch(cue[0]) and _visit_of(low, cue, after):
        return after[0]  # "the official visit of Senior General Min Aung Hlaing"
    if cue[0] == "in":
        return _in_subject(text, low, clause, before, cue, kb)
    if before and (cue[0] == "summit" or _during(low, clause, before[0], cue)):
        return before[0]  # "Putin meets Erdoğan on sidelines of CICA summit", "during a visit"
    if before:
        return _companion_of(low, before) or before[-1]
    if after and after[0].person is not None:
        return after[0]  # "Le voyage de Min Aung Hlaing en Inde"
    if not in_title and protagonist is not None:
        return protagonist  # "The president took off ..." below the headline
    return None


def _companion_of(low: str, before: list[_Actor]) -> _Actor | None:
    """'Netanyahu and his wife land in ...': the tracked person travels with the companion."""
    if len(before) < 2 or before[-2].person is None or before[-1].person is not None:
        return None
    joined = COMPANION.fullmatch(low, before[-2].end, before[-1].start)
    role = ROLE_NOUN.fullmatch(low, before[-1].start, before[-1].end)
    return before[-2] if joined and role else None


def _received_at_home(
    text: str, low: str, clauses: list[_Clause], title_end: int, kb: KnowledgeBase
) -> set[str]:
    """Tracked people the headline has receiving visitors at home.

    'Putin meets visiting Indonesian foreign minister', 'Indonesian delegation in Moscow for
    talks with Putin': whatever trip the summary then mentions is not theirs.
    """
    home: set[str] = set()
    for clause in (c for c in clauses if c.hi <= title_end):
        for actor in clause.actors:
            if actor.person is None:
                continue
            own = set(kb.person(actor.person).nationality)
            visitors = any(
                _attributive(low, clause, m) for m in VISITING.finditer(low, actor.end, clause.hi)
            )
            if (visitors or _meets_at_home(low, clause, own)) and not _title_places(
                text, low, clauses, own, title_end
            ):
                home.add(actor.person)
    return home


def _title_places(
    text: str, low: str, clauses: list[_Clause], own: set[str], title_end: int
) -> list[str]:
    """Foreign places in the headline, without a visitor's country ('president of Congo')."""
    offices = {
        code
        for clause in clauses
        for start, end, code, _ in clause.countries
        if start < title_end
        and (OFFICE_OF.search(low, 0, start) or OFFICE_AFTER.match(low, end, title_end))
    }
    places = {
        code
        for clause in clauses
        for start, end, code, _ in clause.countries
        if start < title_end and code not in offices
    }
    return [c for c in _eligible_hosts(text, low, clauses, own, 0, title_end) if c in places]


def _meets_at_home(low: str, clause: _Clause, own: set[str]) -> bool:
    """A meeting held in the person's own country."""
    lo, hi = clause.lo, clause.hi
    if not (
        MEETING.search(low, lo, hi) or HOSTING.search(low, lo, hi) or VISITORS.search(low, lo, hi)
    ):
        return False
    if RETURNED.search(low, lo, hi) or any(
        not _attributive(low, clause, c) for c in TRAVEL.finditer(low, lo, hi)
    ):
        return False  # "back in Jerusalem after meeting Trump", "flies from Moscow to summit"
    if "RU" in own and KREMLIN.search(low, lo, hi):
        return True  # "talks in the Kremlin"
    return any(_at_home(low, own, code, end, via) for _, end, code, via in clause.countries)


def _named_before(
    text: str, low: str, clauses: list[_Clause], clause: _Clause, own: set[str], cue: re.Match[str]
) -> str | None:
    """The place right before a travel noun: 'postpones Washington trip due to Gaza talks'.

    Not when more travel wording follows ('ends Vietnam visit, heads to Laos').
    """
    if not NOMINAL_CUE.fullmatch(cue[0]):
        return None
    for start, end, _, _ in clause.countries:
        if end <= cue.start() and not low[end : cue.start()].strip():
            hosts = _eligible_hosts(text, low, clauses, own, start, start + 1)
            return hosts[0] if hosts else None
    return None


def _onward(low: str, clause: _Clause, own: set[str], cue_end: int) -> str:
    """The foreign country after 'leaves <place> for/to' ("" if none)."""
    slot = PLACE_SLOT.match(low, cue_end)
    ends = [end for start, end, _, _ in clause.countries if slot and start == slot.end()]
    onward = re.compile(r"\s+(?:for|to)\s+(?:the\s+)?").match(low, ends[0]) if ends else None
    for start, _, code, _ in clause.countries:
        if onward and start == onward.end() and code not in own:
            return code
    return ""


def _tour_start(text: str, low: str, clauses: list[_Clause], own: set[str]) -> str | None:
    """The first stop of a tour, when the text names it ('starting in Abu Dhabi')."""
    if not TOUR.search(low):
        return None
    for match in TOUR_START.finditer(low):
        slot = PLACE_SLOT.match(low, match.end())
        place = slot.end() if slot else match.end()
        hosts = _eligible_hosts(text, low, clauses, own, place, place + 1)  # starts there
        if hosts:
            return hosts[0]
    return None


def _resolve(
    text: str,
    low: str,
    clause: _Clause,
    subject: _Actor,
    protagonist: _Actor | None,
    kb: KnowledgeBase,
    pipeline: Pipeline,
    on: dt.date,
) -> _Actor:
    """The tracked person a pronoun or a definite description below the headline refers to.

    'he' is the nearest actor before it in the clause, else the headline's tracked subject;
    'the former Israeli defence minister' is the headline's subject when the office belongs
    to that person's country.
    """
    if subject.pronoun:  # singular: not "delegations", "officials"
        earlier = [
            a
            for a in clause.actors
            if a.end <= subject.start
            and not a.pronoun
            and (a.person is not None or not re.search(r"[^s]s$", low[a.start : a.end]))
        ]
        if earlier:
            return earlier[-1]
        return protagonist or subject
    if subject.person is not None or protagonist is None or protagonist.person is None:
        return subject
    if not re.search(r"(?<![\w-])the\s+(?:\S+\s+){0,3}$", low[clause.lo : subject.start]):
        return subject
    country = _office_country(text, low, clause, subject, pipeline, on)
    if country is not None and country in kb.person(protagonist.person).nationality:
        return protagonist
    return subject


def _office_country(
    text: str, low: str, clause: _Clause, office: _Actor, pipeline: Pipeline, on: dt.date
) -> str | None:
    """The country of an office, if the text names it.

    'the President of the Russian Federation', 'Sudanese president', 'the former Israeli
    defence minister'.
    """
    of = re.compile(r"\s+of\s+(?:the\s+)?").match(low, office.end)
    for start, _, code, _ in clause.countries:
        if of and start == of.end():
            return code
    words = re.search(r"(?:^|\s)((?:\S+\s+){0,2})$", text[clause.lo : office.start])
    if words and words[1].strip():
        found = parse(words[1], today=on, pipeline=pipeline).countries
        if found:
            return found[-1].id
    return None


def _in_subject(
    text: str,
    low: str,
    clause: _Clause,
    before: list[_Actor],
    cue: re.Match[str],
    kb: KnowledgeBase,
) -> _Actor | None:
    """Who is 'in <country>'.

    The tracked name right before it ('Gallant in Washington', 'Chief of the General Staff
    Valery Gerasimov is in Belarus'), or the tracked subject of a meeting ('Netanyahu meets
    Milei in Buenos Aires'). When two tracked people meet, the one abroad ('Min Aung Hlaing
    meets Putin in Moscow').
    """
    tracked = [a for a in before if a.person is not None]
    if not tracked or CHATTER.search(low, clause.lo, cue.start()):
        return None  # "EU sanctions target Shoigu associates in UAE"
    gap = re.sub(r"^(?:\s+[A-Z][\w'-]*)+", "", text[tracked[-1].end : cue.start()]).lower()
    meeting = MEETING.search(low, tracked[0].end, cue.start()) is not None
    if ADJACENT.fullmatch(gap):
        candidates = [tracked[-1], *tracked[:-1]] if meeting else [tracked[-1]]
    elif meeting:
        candidates = tracked
    else:
        return None
    place = re.compile(r"\s+(?:the\s+)?").match(low, cue.end())
    codes = {c[2] for c in clause.countries if place and c[0] == place.end()}
    abroad = [a for a in candidates if not codes <= set(kb.person(str(a.person)).nationality)]
    return (abroad or candidates)[0]


def _during(low: str, clause: _Clause, first: _Actor, cue: re.Match[str]) -> bool:
    """'<A> meets <B> during/on (a) visit to ...': the main subject travels."""
    if DURING.search(low, clause.lo, cue.start()):
        return True
    return bool(
        BARE_ON.search(low, clause.lo, cue.start()) and MEETING.search(low, first.end, cue.start())
    )


def _passive(low: str, clause: _Clause, cue: re.Match[str]) -> bool:
    """'was received by', 'welcomed in Vientiane': the subject is the guest."""
    previous = low[clause.lo : cue.start()].split()[-1:]
    following = low[cue.end() : clause.hi].split()[:1]
    return (
        previous in (["is"], ["was"], ["were"], ["being"], ["been"], ["fue"], ["wurde"])
        or following in (["in"], ["by"], ["por"], ["par"], ["at"])
        or (cue[0].endswith("ed") and following == ["with"])  # "welcomed with honour guard"
        or RECEPTION.match(low, cue.end()) is not None
    )


def _cues(low: str, clause: _Clause) -> list[re.Match[str]]:
    """Travel and hosting wording in a clause, plus 'in <country>' ('Putin in Dushanbe')."""
    lo, hi = clause.lo, clause.hi
    cues = [c for c in TRAVEL.finditer(low, lo, hi) if not _attributive(low, clause, c)]
    cues += HOSTING.finditer(low, lo, hi)
    cues += COMPOUND_TRAVEL.finditer(low, lo, hi)
    starts = {c[0] for c in clause.countries}
    for pattern in (DEPARTURE, ADDRESS):
        cues += [c for c in pattern.finditer(low, lo, hi) if _place_after(low, c, starts)]
    tracked = {a.start: a for a in clause.actors if a.person is not None}
    if SENT_INSTEAD.search(low) or VIDEO.search(low):  # not "Putin sends Shoigu to Tehran"
        cues += [c for c in SENDS.finditer(low, lo, hi) if c.end() + 1 not in tracked]
    no = NO_SHOW.match(low, lo)
    if no and no.end() in tracked:
        after_name = tracked[no.end()].end
        gap = len(low[after_name:hi]) - len(low[after_name:hi].lstrip())
        if at := AT.match(low, after_name + gap, hi):
            cues.append(at)
    for match in re.finditer(r"(?<![\w-])in(?= )", low[:hi]):
        place = re.compile(r"\s+(?:the\s+)?").match(low, match.end())
        flagged = FLAGGED.match(low, match.end())
        if match.start() >= lo and (
            (place and place.end() in starts) or (flagged and flagged.end() in starts)
        ):
            cues.append(match)
    return sorted(cues, key=lambda m: m.start())


def _place_after(low: str, cue: re.Match[str], starts: set[int]) -> bool:
    slot = PLACE_SLOT.match(low, cue.end())
    return slot is not None and slot.end() in starts


def _attributive(low: str, clause: _Clause, cue: re.Match[str]) -> bool:
    """'visiting' used as an adjective: 'with visiting senators', 'visiting delegation'.

    'Visiting Minsk to meet leaders' names a place right after it: a verb.
    """
    if cue[0] != "visiting":
        return False
    if ATTRIBUTIVE_AFTER.match(low, cue.end()):
        return True  # "visiting US secretary of state"
    slot = PLACE_SLOT.match(low, cue.end())
    place = slot.end() if slot else cue.end()
    if any(start == place and via != "demonym" for start, _, _, via in clause.countries):
        return False
    return ATTRIBUTIVE_BEFORE.search(low, clause.lo, cue.start()) is not None


def _host(
    text: str,
    low: str,
    clauses: list[_Clause],
    kb: KnowledgeBase,
    person: str,
    cue_end: int,
    clause: _Clause,
    title_end: int,
    *,
    title_only: bool = False,
) -> str | None:
    """The host for travel wording ending at ``cue_end``; "" for a trip inside the country.

    ``title_only``: the headline has the person at home, so the summary names no host for them.
    """
    own = set(kb.person(person).nationality)
    slot = re.compile(r"\s*(?:to|in|into|for|at|nach|aux|au|a|en|em|во|в|до)?\s*(?:the\s+)?")
    target = slot.match(low, cue_end)
    place = target.end() if target else cue_end
    flagged = FLAGGED.match(low, cue_end)
    if flagged and all(c[0] != place for c in clause.countries):
        place = flagged.end()  # "in ULAANBAATR 🇲🇳": the flag is the place
    for start, end, code, via in clause.countries:
        if start == place and (
            _at_home(low, own, code, end, via) or _beside(low, start, end, via)
        ):
            return ""  # "visits Kaliningrad", "tours Gaza border communities"
    if BORDER_SLOT.match(low, cue_end) and all(c[0] != place for c in clause.countries):
        return ""  # "visits northern border", "flies to the border"
    hosts = _eligible_hosts(text, low, clauses, own, cue_end, clause.hi) or _eligible_hosts(
        text, low, clauses, own, clause.lo, cue_end
    )
    if not hosts and any(_next_to(low, c[0], c[1], c[3]) for c in clause.countries):
        return ""  # "visits troops near the Lebanon border": at home, next to another country
    hosts = hosts or _eligible_hosts(text, low, clauses, own, 0, title_end)
    if not hosts and not title_only:
        hosts = _eligible_hosts(text, low, clauses, own, title_end, len(low))
    return hosts[0] if hosts else None


def _at_home(low: str, own: set[str], code: str, end: int, via: str) -> bool:
    """A place in the person's own country ("Israeli troops" are no place, "Russian soil" is)."""
    return code in own and (via != "demonym" or DEMONYM_PLACE.match(low, end) is not None)


def _hosted_trip(
    text: str,
    low: str,
    clauses: list[_Clause],
    kb: KnowledgeBase,
    clause: _Clause,
    before: list[_Actor],
    after: list[_Actor],
    cue_end: int,
) -> tuple[str, str, bool] | None:
    """'A hosts/receives/welcomes B (in X)': B's trip to X, or to A's country."""
    if not after or after[0].person is None:
        return None
    guest = after[0].person
    own = set(kb.person(guest).nationality)
    hosts = _eligible_hosts(text, low, clauses, own, after[0].end, clause.hi)
    if not hosts and before:
        hosts = [c for c in clause.nationality.get(before[-1].start, ()) if c not in own]
    if not hosts and before and before[-1].person is None:
        # "The Belarusian defence minister welcomed ...": the host's office names its country
        hosts = [
            code
            for _, end, code, _ in clause.countries
            if code not in own and not low[end : before[-1].start].strip()
        ]
    if not hosts:
        hosts = _eligible_hosts(text, low, clauses, own, clause.lo, cue_end)
    return (guest, hosts[0], True) if hosts else None
