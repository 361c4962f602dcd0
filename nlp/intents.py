"""What is being asked: intent cues on accent-free lower-case text, and the decision between them.

Word lists rather than a trained model: the domain is narrow, the cues are explicit, and every
decision can be explained and tested. Misspellings people really type are in the lists.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any, Generic, NamedTuple, TypeVar, overload

from knowledge.models import ExplainTopic
from nlp.patterns import WordPattern, WordStarts, lazy, words
from nlp.query import Intent

ICC = words(
    r"icc|i\.c\.c\.?|international criminal court|hague|rome statute|rome treaty|the court|"
    r"criminal court|internationa?l court|istgh(?:-\w+)?|cpi|strafgerichtshof|cour penale|"
    r"corte penale\w*|tpi|mtk|trybunal karny|tribunal penal internacional|"
    r"corte penal|мус|мкс|международн\w* уголовн\w* суд\w*|міжнародн\w* кримінальн\w* суд\w*|"
    r"гааг\w*|"
    r"strafhof|mezinarodni\w* trestni\w* soud\w*|buntetobirosag\w*|ceza mahkemesi\w*|ucm|"
    r"brottmalsdomstol\w*|medunarodn\w* krivicn\w* sud\w*|mks(?:-\w+)?|"
    r"curtea penala internationala|curtii penale internationale"
)
CRICKET = words(
    r"cricket|t20|t-20|odi|odis|test match\w*|world cup|wickets?|batsm[ae]n|batters?|bowlers?|"
    r"innings|ipl|champions trophy|super over|icc rankings?|icc ranking|fixtures?|wtc|"
    r"international cricket council|colou?r profiles?|icc profiles?|chamber of commerce|"
    r"arbitration|incoterms|icj|international court of justice|world court|"
    r"(?:test|odi|t20) rankings?|rankings|icc v\d|v[24] profiles?|court of human rights|echr|"
    r"ecthr|european court of justice|ecj|cjeu|inter-american court|african court on|"
    r"universal jurisdiction|interpol|red notices?"
)
OTHER_COURT = words(
    r"icj|international court of justice|world court|court of human rights|echr|ecthr|"
    r"european court of justice|ecj|cjeu|inter-american court|african court on"
)
"""Courts that are not the ICC (also in CRICKET); read only when comparing them to the ICC."""
DOMESTIC = words(r"corruption|bribery|brib\w+|fraud|embezzl\w*|impeach\w*")
"""A national case against a leader (a corruption trial, an impeachment), not an ICC case."""
RHETORICAL = words(
    r"any day now|yeah,? right|as if|sure,? why not|"
    r"who (?:even|actually|really|seriously) (?:thinks|believes|expects|cares)|"
    r"(?:does|do) (?:anyone|anybody|you guys|people|we) "
    r"(?:actually |really |seriously |honestly )?"
    r"(?:think|believe|expect)|remember when|good times|who would(?:'ve| have) thought|who knew|"
    r"who cares|who needs|what (?:do|did) (?:they|you|we) expect|"
    r"why (?:are|am|is|should) (?:we|i|you|anyone) (?:even )?surprised|"
    r"(?:is|are) (?:the |a |an )?[\w-]+ even (?:a |an )?(?:real|legit|relevant)|"
    r"you'?re saying|are you saying|you mean|didn'?t know that|what chance (?:do|does|did)|"
    r"why would (?:[\w-]+ ){1,2}even|and (?:nobody|no one|no-one) (?:\w+ )?(?:threw|cared|noticed|"
    r"said|did)"
)
"""Sarcasm, rhetorical questions and replies to people: not questions for the bot."""
SURE_START = lazy(r"(?:oh |yeah |ah )?sure[,!]")
"""'sure, mongolia will arrest him': sarcasm when it opens the message."""
DENIAL_REPLY = lazy(r"\?\s*(?:never|no way|nope|of course not|lol no)(?![\w-])")
"""'will they arrest him? never': a question answered by its own writer."""
QUOTED = lazy(r"""(?:^|(?<=[\s(:]))(['"])([^'"]{6,}?)\1(?=[\s,.;:!?)]|$)""")
"""A quoted passage: 'my dad asked me "will putin be arrested in argentina"' reports a
question someone else asked; the bot was not asked."""
STILL_WANTED = words(
    r"still (?:at large|free|wanted|on the run|in custody|in detention|in jail)|"
    r"(?:his|her|their|the) case stand\w*"
)
"""Where a case stands now, even when a country is named alongside."""
ASKS_THE_GROUP = words(
    r"quick poll|poll|anyone here|anybody here|any of you|vote below|(?:anyone|anybody)(?=\s*\?)|"
    r"quiz\w*|trivia"
)
"""A question put to the other people in the chat, not to the bot."""
REPORTED_SPEECH = words(
    r"(?:asked|told) (?:me|us|my \w+)|(?:the |this |ur |your )?bot (?:told|tells|says|said|"
    r"thinks|claims|reckons)(?: me| us)?|according to (?:the |this )?bot|keeps? asking|"
    r"kept asking|(?:mum|mom|dad|friend|boss|colleague|wife|husband|son|daughter|teacher|"
    r"neighbou?r|aunt|uncle)s? (?:\w+ )?ask(?:s|ed|ing)|(?:said|told (?:him|her|them)) "
    r"(?:to )?ask the bot"
)
"""Someone else's question, or the bot's own answer, retold: 'a colleague asked me whether ...'."""
COMPARE = words(r"vs\.?|versus|difference|differences|differ\w*|compared? (?:to|with)|same as")
NOT_FOR_US = words(
    r"translate|translation|poem|poetry|essay|song|lyrics|joke|recipe|write me|meme|"
    r"horoscope|crossword|how (?:do (?:you|i)|to|would you) say"
)
ARREST = words(
    r"arrest\w*|arest\w*|arrst\w*|arres\w*|detain\w*|detention|extradit\w*|hand(?:ed|ing|s)? "
    r"(?:him|her|them|over)|surrender\w*|nab\w*|apprehend\w*|jail\w*|lock(?:ed)? (?:him|her|them) "
    r"up|picked up|pick (?:him|her|them) up|captur\w*|seiz\w*|catch|caught|grab\w*|handcuff\w*|"
    r"execute the warrant|enforce the warrant|be taken into custody|turn(?:ed)? (?:him|her) over|"
    r"(?:hand|turn)(?:ed|ing|s)? (?:[\w-]+ ){1,2}over|touch (?:him|her|them)|"
    r"aresztow\w*|zatrzyma\w*|pres[oa]|prender\w*|preso|arrestarl\w*|prison|prisao|"
    r"verhaft\w*|festgenommen|festnehm\w*|festnahme\w*|arret\w*|arrêt\w*|detener|deten\w*|"
    r"arrestar\w*|arrestad\w*|arresto|cuff\w*|nick(?:ed)? (?:him|her)|pinch(?:ed)? (?:him|her)|"
    r"get (?:him|her|them)|arret\w*-(?:t-)?(?:il|elle|ils|elles|on)|арест\w*|задерж\w*|"
    r"заарешт\w*|арешт\w*|затрима\w*|выдад\w*|выдаст\w*|выдач\w*|видад\w*|видаст\w*|"
    r"tutukla\w*|gearresteerd|aangehouden|opgepakt|zatkl\w*|zatkn\w*|zatcen\w*|"
    r"letartoztat\w*|orizetbe|gripa\w*|gripen|uhaps\w*|uhit\w*|камакка|ұста\w*"
)
TRAVEL = words(
    r"travel\w*|travl\w*|go|goes|going|gone|went|visit\w*|vist\w*|fly|flies|flying|flew|land|"
    r"lands|landing|landed|enter\w*|set foot|sets foot|step foot|trip|attend\w*|come|comes|"
    r"coming|safe(?:ly)?|summit|show up|shows up|head(?:s|ing)? to|be in|stay|arriv\w*|"
    r"touch down|touches down|passes through|transit|поед\w*|поезд\w*|поід\w*|поізд\w*|"
    r"прилет\w*|прилит\w*|приед\w*|приід\w*|визит\w*|візит\w*|посет\w*|відвіда\w*|"
    r"полет\w*|ездил\w*|іздив\w*|gider\w*|gitse|ziyaret\w*"
)
OBLIGED = words(
    r"oblig\w*|must|have to|has to|had to|required?|duty|bound|need to|needs to|supposed to|"
    r"forced to|legally|obligat\w*|commit\w* to arrest|enforc\w*"
)
WHY_NOT = lazy(
    r"(?<![\w-])why(?![\w-]).*(?<![\w-])(?:not|n't|didn|didnt|wasn|wasnt|won|wont|dont|doesn|"
    r"doesnt|isn|isnt|aren|arent|nobody|no one|never|failed)(?![\w-])"
)
STATUS = words(
    r"members?|membership|membr\w*|czlonk\w*|fa parte|faz parte|aderi\w*|"
    r"part(?:y|ies)|state part\w*|ratif\w*|signed|signatory|signatories|sign|"
    r"join\w*|left|leave|leaving|withdr\w*|quit\w*|exit\w*|recogni[sz]\w*|accept\w*|"
    r"jurisdiction|under the icc|in the icc|part of|status|belong\w*|mitglied\w*|membre|miembro|"
    r"vertragsstaat\w*|etat partie|estado parte|unsign\w*|acced\w*|accession|член\w*|"
    r"участни\w*|учасни\w*|ратифиц\w*|ратифік\w*|подписа\w*|підписа\w*|on board|"
    r"lid van|lidstaat\w*|clen\w*|clanic\w*|tagja|tagsag\w*|kilep\w*|taraf|uye\w*|"
    r"med i|medlem\w*|кол кой\w*"
)
WARRANT = words(
    r"warrants?|warant\w*|warent\w*|warrent\w*|wanted|charged|charges?|accus\w*|indict\w*|"
    r"acus\w*|face (?:the )?(?:judges?|trial|justice|charges)|nakaz\w*|mandato d\w* ?arresto|"
    r"mandado de prisao|ricercat\w*|mandat|sciga\w*|"
    r"custody|trial|case|convicted|crimes?|suspects?|prosecut\w*|(?:istgh-)?haftbefehl\w*|"
    r"mandat d'arret|"
    r"orden de arresto|war criminal|gesucht|sought|status|sentenc\w*|verdict|plead\w*|guilty|"
    r"acquitt\w*|at large|on the run|still free|ордер\w*|розыск\w*|розшук\w*|обвин\w*|"
    r"звинувач\w*|(?:icc|court|hague) (?:wants?|is after|seeks?)|zatykac\w*|"
    r"elfogatoparancs\w*|arrestatiebevel\w*|tutuklama karar\w*|arresteringsorder|"
    r"nalog\w* za hapsenje|uhidbeni nalog\w*|custodi\w*"
)
LIST = words(
    r"list|lists|liste|who (?:has|have|had|got|is|are|else)(?! the (?:judges?|prosecutors?|"
    r"president|registrar|head))|which (?:\w+ )?(?:leaders|people|heads|"
    r"officials|politicians|presidents|generals|commanders|ministers)|all (?:the )?(?:icc )?"
    r"(?:arrest )?warrants|everyone|outstanding|wanted by the icc|wanted list|most wanted|"
    r"fugitives|how many (?:people|warrants|suspects)|people the icc|anyone else|"
    r"(?:warrant|icc) subjects|names of|all (?:the )?(?:persons|people|individuals|suspects)|"
    r"(?:persons|people|individuals) (?:sought|subject to)|gimme (?:\w+ )?(?:all|every)|"
    r"kto ma|chi ha|chi sono|quem tem|quem sao|give me (?:all|every)|"
    r"every (?:open |outstanding |active |current )?(?:icc )?(?:arrest )?"
    r"warrants?|quienes|quien tiene|qui sont (?:les|ceux)"
)
LIST_FOR_COUNTRY = lazy(
    r"(?<![\w-])(?:which|what|any|who|welche)(?: [\w-]+){0,3} (?:officials|suspects|people|"
    r"leaders|generals|commanders|russen|wanted|warrants|ministers)(?![\w-])|"
    r"warrants did the icc issue|"
    r"(?:which|who are the) [\w-]+s(?: [\w-]+){0,3} (?:icc|court) wants?"
)
OPTIONS_ASKED = words(
    r"(?:which|what) (?:\w+ ){0,2}countr\w*|where (?:he|she|they|it) (?:can|could)|"
    r"safe countr\w*"
)
"""A travel-options request without a question mark: 'netanyahu which countries safe'."""
HOW_MANY_PEOPLE = words(
    r"how many of (?:their|its|his|the) people|"
    r"how many (?:people|persons|suspects|individuals|warrants)|how many \w+ (?:have|has|are "
    r"with|with) (?:icc |arrest )*warrants|how many \w+ (?:has|have) the (?:icc|court) "
    r"(?:charged|indicted|accused|issued warrants for)"
)
WANTED_PEOPLE = words(r"suspects|warrants|wanted|fugitives|ricercati|procurados|poszukiwan\w*")
HYPOTHETICAL = words(
    r"if|would|could|wouldn'?t|couldn'?t|will|safe|can|can'?t|cannot|risk\w*|danger\w*"
)
"""Forward-looking or risk words: a travel mention is then about arrest, not a past trip."""
PAST_TRIPS = lazy(
    r"(?<![\w-])(?:did (?:[\w-]+ ){0,4}(?:visit|go|travel|fly)|ha[sv]e? (?:[\w-]+ ){0,3}"
    r"(?:visited|been|travell?ed|gone|left)|visited|while (?:he was |she was )?wanted|"
    r"did (?:[\w-]+ ){0,3}ever leave|visitou|esteve em|viajou|visitato|"
    r"летал\w*|ездил\w*|побывал\w*|посетил\w*|їздив\w*|літав\w*|побував\w*|відвідав\w*)(?![\w-])"
)
OTHERS_THAN = words(r"who else|apart from|besides|other than|except|anyone else|list")
PRONOUN = words(r"him|her|he|she|them|his")
TRAVEL_OPTIONS = words(
    r"where can|where could|where is (?:he|she|it) safe|which countr\w*|what countr\w*|"
    r"which states|what states|which nations|which (?:[\w-]+ ){1,2}(?:states|nations)|"
    r"(?:any|a|one) (?:[\w-]+ ){0,2}(?:state|country|nation|government) (?:that|which|where) "
    r"(?:would|will|could|must|might|can)|"
    r"which of (?:[\w'-]+ ){1,2}(?:neighbou?rs|allies|partners)|"
    r"where (?:in [\w-]+ )?(?:would|will|could|can|might) (?:[\w-]+ ){1,2}(?:be |get )?"
    r"(?:arrested|detained|picked up)|quels pays|quel pays|que paises|cuales paises|en que paises|"
    r"dove (?:\w+ )?(?:puo|possono)|para onde|aonde|dokad|gdzie (?:\w+ )?moze|"
    r"where in [\w-]+ (?:can|could|would|will|might)|list of places|"
    r"places (?:[\w-]+ ){0,2}(?:can(?:not|'t)?|could(?:n't)?) go|"
    r"among (?:[\w'-]+ ){1,2}(?:neighbou?rs|allies|partners)|"
    r"safe countr\w*|safe havens?|safe places|"
    r"countries (?:that|which|where|must|would|will|can|could)|where (?:can't|cant|cannot|"
    r"can not|could)|where (?:is|are) it safe|list of countries|where (?:would|will) (?:he|she) "
    r"be arrested|where (?:is|are) (?:he|she|they) safe|where (?:he|she) can|"
    r"ou (?:\w+ )?peut(?:-(?:il|elle))?|wohin kann|donde puede|"
    r"countries (?:\w+ ){1,4}can (?:go|fly|travel|visit)|"
    r"where (?:is|are|would|can|could) (?:\w+ ){1,3}(?:be )?safe|which (?:\w+ ){1,2}countr\w*|"
    r"where (?:is|are) it (?:safe|dangerous|risky)|"
    r"where (?:in [\w-]+ )?(?:would|will|could|can) (?:he|she|they) (?:be )?(?:arrested|detained|"
    r"safe)|no-?go (?:list|countries|zones?)|welche (?:lander|staaten)|a?donde puede|"
    r"куда (?:\w+ )?(?:может|можно)|куди (?:\w+ )?може|(?:в )?(?:какие|каких) стран\w*|"
    r"(?:в )?які країн\w*|"
    r"(?:go|travel|fly) anywhere|where (?:\w+ ){0,3}(?:obligation|obliged|required|duty) "
    r"(?:\w+ )?to arrest|"
    r"travel options|anywhere (?:\w+ ){0,5}(?:go|travel|fly)|(?:states|countries) that "
    r"(?:won'?t|will not|would not|wouldn'?t|must|have to)|paises|voyager sans|viajar sin"
)
TRIPS = words(
    r"trips?|travell?ed|visited|been to|where has|where did(?! (?:you|u|ya|i|we|they) )|"
    r"travel history|travel record|ha[sv]e? (?:[\w-]+ ){0,2}left|летал\w*|ездил\w*|побывал\w*|"
    r"ever (?:leave|left)|visitou|esteve em|viajou|visitato|e (?:stato|andato) a|"
    r"посетил\w*|їздив\w*|літав\w*|побував\w*|відвідав\w*|"
    r"where have|куда (?:\w+ )?ездил\w*|куди (?:\w+ )?іздив\w*|поездк\w*|поіздк\w*|"
    r"foreign visits?|abroad|"
    r"visits since|travels|gone to|went to|(?:since|after) (?:the|his|her) warrant|"
    r"countries (?:has|did) (?:he|she)|itinerary|last (?:in|visit\w*|time|left|leave|went|flew|"
    r"travell?ed|been)|how many times|"
    r"travel a lot|did (?:\w+ ){1,3}(?:travel|fly|go|visit)|flew (?:to|into)|flown to|"
    r"voyages?|reisen|viajes?|"
    r"auslandsreisen|ever left|left (?:the country|home)|(?:est|sont|es) (?:\w+ )?allee?s?|"
    r"y est (?:\w+ )?allee?|estuvo en|viajo a|fue a|besucht\w*|gereist"
)
WAS_IN = lazy(
    r"(?:was|were) (?!(?:[\w-]+ ){0,2}(?:convicted|sentenced|charged|arrested|detained|tried|"
    r"indicted|found guilty|acquitted|involved|interested)(?![\w-]))"
    r"(?:[\w-]+ ){1,3}in(?! (?:danger|trouble|custody|jail|prison|court))(?![\w-])"
)
"""'Was Netanyahu in Washington in February?': a question about a past stay."""
COUNT = words(
    r"how many(?! times)|number of|how much countries|count of|total of|total|in total|"
    r"member count|"
    r"membership count|wie viele|combien|cuantos|cuántos|сколько|скільки|quanti|quante|quantos|"
    r"quantas|ile"
)
COUNTABLE = words(
    r"members?|countr\w*|states?|parties|signator\w*|nations|governments|staaten|pays|"
    r"mitglied\w*|membres|paises|стран\w*|країн\w*|государств\w*|держав\w*|член\w*|paesi|"
    r"stati|estados|panstw\w*|kraj\w*"
)
COURT_FIGURES = words(
    r"judges?|staff|employees|prosecutors?|budget|cases|investigations|trials|convictions|articles|"
    r"detainees|cells|victims|languages"
)
"""Things of the court itself one may count: 'how many judges does the icc have' asks about
the court, not how many states belong to it."""
EXPLAIN_CUE = words(
    r"what is|what's|whats|what are|explain|how does|how do|how can|what does|meaning of|"
    r"means|mean|meaning|define|definition|tell me about|is there|can the|does the|do the|"
    r"who is the|"
    r"why does|why is|how is|wtf is|what the hell is|qu'est-ce|was ist|que es|actually for|"
    r"why (?:can'?t|cannot|can|do|are)|how long|how come|что такое|що таке"
)
TOPICS: tuple[tuple[ExplainTopic, WordPattern], ...] = (
    ("article_98", words(r"(?:article|art\.?|artikel|articulo|art)\s*(?:98|ninety[- ]eight)")),
    (
        "in_absentia",
        words(
            r"in absentia|absentia|abwesenheit|par contumace|en ausencia|"
            r"without (?:him|her|them|the accused|the "
            r"suspect) (?:being )?(?:present|there)|tried without|trial without|"
            r"not (?:physically )?(?:present|in (?:the )?(?:court ?room|dock))|"
            r"in (?:his|her|their) absence|(?:defendant|accused|suspect) (?:is |being )?"
            r"(?:missing|absent|not present|not there)"
        ),
    ),
    (
        "immunity",
        words(
            r"immun\w*|imunit\w*|dokunulmaz\w*|mentesseg\w*|"
            r"(?:article|art\.?|artikel|articulo) ?27|(?:sitting|serving|incumbent) "
            r"(?:presidents?|heads? of state)|(?:if|when|while) (?:\w+ )?(?:is|are|being) "
            r"(?:a |the )?(?:sitting |serving )?(?:president|head of state)"
        ),
    ),
    (
        "non_compliance",
        words(
            r"non[- ]?complian\w*|consequences?|(?:article|art\.?|artikel) ?87|punish\w*|"
            r"sanction\w*|penalt\w*|"
            r"happens? (?:to|if) (?:a |the )?(?:country|state|member|they|it)\w*(?: \w+){0,3} "
            r"(?:does ?n'?t|don'?t|does not|do not|won'?t|refuses?|fails?)|"
            r"what happens if (?:they|it) (?:does ?n'?t|don'?t)|ignores? the warrant|"
            r"what happens (?:to|if) (?:a )?(?:country|state|member)|"
            r"what happened to\b.*\b(?:didn'?t|did not|failed to|refused to) arrest|"
            r"what did the (?:icc|court) do (?:to|about|against)|if (?:a |the )?(?:country|state|"
            r"member(?: state)?|government) (?:refuses|fails|does ?n'?t|does not|won'?t|ignores)"
        ),
    ),
    (
        "withdrawal",
        words(
            r"(?:how|can|could) (?:does |do |can |could )?(?:a |the )?(?:country|"
            r"state|countries|states|members?) (?:leave|withdraw|quit|exit)|"
            r"withdraw(?:al|ing)? from (?:the )?(?:icc|rome statute)|leave the icc|"
            r"leaving the icc|quit the icc|article 127|art\.? 127|"
            r"(?:a|the) (?:state|country) (?:withdraws|leaves|quits|exits)|"
            r"(?:country|state) (?:withdraws|leaves|quits|exits) the icc|withdrawals? (?:\w+ )?"
            r"(?:takes?|becomes?|comes?) (?:into )?effect\w*|(?:until|before) (?:a |the )?"
            r"withdrawal|withdrawal (?:period|process|notice|procedure)"
        ),
    ),
    (
        "rome_statute",
        words(
            r"rome statute|rome treaty|founding treaty|(?:article|art\.|artikel|articulo) ?\d+|"
            r"romisch\w* statut\w*|statut de rome|estatuto de roma|statuto di roma|"
            r"римск\w* статут\w*|римськ\w* статут\w*|statutul de la roma|rimsk\w* statut\w*|"
            r"romai statutum\w*|roma statusu\w*|romstadgan|statuut van rome|рим статут\w*|"
            r"deferr?al|surrender (?:vs\.?|versus|or|and) extradition|extradition (?:vs\.?|"
            r"versus|or|and) surrender"
        ),
    ),
    (
        "icc",
        words(
            r"icc|international criminal court|the hague court|the court|cpi|istgh|"
            r"complementarity|admissibility"
        ),
    ),
)
_GREETING_HEAD = (
    r"hi|hii+|hello|helo|hey|heya|hiya|yo|good (?:morning|afternoon|evening|day)|"
    r"what'?s up|wh?assup|wazz?up|coucou|sain baina uu|sain uu|czesc|dzien dobry|buongiorno|"
    r"buonasera|salve|bom dia|boa tarde|boa noite|oi|"
    r"greetings|howdy|salut|bonjour|bonsoir|hallo|hola|privet|привет|привіт|вітаю|"
    r"здравствуи\w*|добрыи (?:день|вечер)|доброе утро|доброго дня|добрии день|he+y+|"
    r"sup|morning|evening|gm|"
    r"guten (?:tag|morgen|abend)|buenos dias|buenas(?: tardes| noches)?|moin|servus|"
    r"sala+m|as-?sala+mu? ?alaikum|salam aleikum|shalom|namaste|merhaba|zdravstvuyte|"
    r"dobry den|ciao|ola|olá"
)
_EMOJI = "\u2600-\u27bf\U0001f300-\U0001faff\ufe0f"
_GREETING_ADDRESS = (
    r"there|bot|botik|all|everyone|everybody|friends?|mate|guys|warrantwatch|amigos?|amigas?|"
    r"mon ami|les amis|folks|people|y'?all|team|buddy|pal|fam|bro|@\w+|(?:to )?you(?: all)?|"
    r"sir|madam|ma'?am|dear(?: bot| friends?| sir| all)?|my friends?|again|бот|ботик|"
    r"le bot|les gars|tout le monde|la compagnie|el bot|der bot|"
    r"any(?:one|body)(?: home| there| here)?"
)
GREETING = lazy(
    rf"^(?:{_GREETING_HEAD})(?:[\s,!.{_EMOJI}]+(?:{_GREETING_HEAD}|{_GREETING_ADDRESS}))*"
    rf"[\s!.,{_EMOJI}]*$"
)
"""A message made only of greetings and forms of address: 'Hi there, good evening to you'."""
HELP = words(
    r"help|hilfe|aide|ayuda|what can you do|what can i ask|how (?:do|does) (?:i|this|it|you) "
    r"(?:use|work)|how (?:am i|are we|do i|do we|should i) (?:\w+ ){0,2}use|"
    r"supposed to (?:type|write|ask|say)|what (?:do|should) i (?:type|write)|"
    r"co potrafisz|co umiesz|"
    r"come si usa|cosa sai fare|como (?:te )?uso|o que (?:voce|vc) (?:faz|sabe)|wie funktioniert|"
    r"comment (?:ca|tu) (?:marche|fonctionnes?)|como funciona|как пользоваться|"
    r"how to use|commands|what do you do|who are you|what are you|usage|what "
    r"should i ask|what do you know|instructions|menu|what (?:kind of |sort of )?questions|"
    r"what do you answer|what can you answer|how does (?:this|the) bot work|"
    r"(?:your|the bot'?s?) functions|how (?:to )?use (?:this|the|you)|"
    r"how (?:\w+ )?use (?:this|the) "
    r"bot|(?:able to|can you|could you) (?:help|assist)|assist me|"
    r"what can (?:you|u) (?:actually |even |really )?do|(?:you|u) able to answer|"
    r"(?:which|what) (?:stuff|things|topics) (?:can|are|do) (?:you|u)"
)
OTHER_TOPICS = words(
    r"quanti anni|wie alt|ile lat|quantos anos|cuantos anos|сколько лет|weather|forecast|"
    r"snow\w*|raining|temperature|capital (?:da|de|du|del)|hauptstadt|"
    r"running again|running for|convert|dollars?|euros?|roubles?|rubles?|recipe|football|soccer|"
    r"nba|stock|bitcoin|crypto|movie|song|lyrics|joke|"
    r"elections?|polls?|sick|ill|health|age|old is|how old|married|wife|husband|net worth|"
    r"height|born|birthday|time is it|time zone|visa|flights?|hotel|restaurant|price|cost|"
    r"population|gdp|capital of|language|currency|vice president|run again|third term|"
    r"re-?elect\w*|approval|resign\w*|successor|biography|children|kids|dating|speech|"
    r"restaurants?|exchange rate|exchange money|food|cuisine|shopping|tourism|sightseeing|"
    r"score|goals?|league|match|tall|weight|rich|wealth|salary|who (?:is|was|will be) the "
    r"(?:president|prime minister|pm|king|queen|leader|ruler|head of state)|president of|"
    r"prime minister of|who (?:runs|rules|leads|governs)"
)
_INTERROGATIVE = (
    r"will|would|wil|wud|can|could|cud|is|isn't|isnt|are|aren't|does|doesn't|do|did|didn't|"
    r"why|what(?! an? )|whats|what's|where|wheres|which|who|whose|how|has|have|hasn't|should|"
    r"might|wtf is|qu'est-ce|est-ce que|ist|sind|kann|wie|warum|wo|que|por que|donde|"
    r"may|must|shall|was|were|wasn't|any chance|is it true|i wonder|anyone know|does anyone "
    r"know|tell me|wonder if|wondering|explain|need to know|want to know|so will|so can|"
    r"i was wondering|i'?m wondering|i'?m asking|how come|"
    r"wohin|welche[rsnm]?|wer|ob|frage mich|quels?|quelles?|dans quels?|pourquoi|comment|combien|"
    r"quienes|quien|cuales?|cuantos|cuantas|de que|por que|como|"
    r"в чем|в каких?|какие|какой|сколько|куда|где|почему|когда|можно|может|"
    r"чи|які|скільки|куди|де|чому|коли|czy|kto|ile|jak|gdzie|dokad|chi|dove|quanti|perche|"
    r"quem|onde|quantos|para onde|aonde|za co"
)
_FILLER = (
    r"lol|lmao|ok|okay|so|guys|bot|hey|but|and|then|wait|seriously|honestly|quick question|"
    r"question|q|serious question|real question|genuine question|btw|also|um|uh|hmm|well|"
    r"bro|mate|folks|pls|please|yo|ngl|tbh|like|actually|hi|hello|now|ok so|and so|oh"
)
_SUBJECTS = (
    r"i|you|he|she|it|we|they|anyone|someone|somebody|nobody|everyone|everybody|who|that|which|"
    r"there|one|people|this|icc|court|government|state|country|police|nobody"
)
_SUBJECT_BEFORE = lazy(rf"(?<![\w-])(?:{_SUBJECTS})\s*$")
QUESTION_INSIDE = words(
    r"(?:when|where|who|what|which|why|how)\s+(?:does|do|did|is|are|was|were|will|"
    r"would|can|could|has|have|should)|(?:would|will|can|could|does|do|did|should|must|might)\s+"
    r"(?!(?:never|not)\s)(?:\w+\s+){1,3}(?:be|have|get|go|arrest\w*|travel|visit|hand|extradite|"
    r"detain|do)|"
    r"(?:is|are|was|were) (?:he|she|they|it|(?:\w+ )?(?:obliged|required|bound|safe|allowed))|"
    r"in what year|or not|yes or no|yes/no|any (?:\w+ )?(?:risk|chance)|possible|is it true|"
    r"what year|when exactly|what for|for what|why\?*$|how come|"
    r"anything (?:[\w-]+ ){0,2}(?:should |to |need to )?(?:worry|fear|be worried)"
)
WHETHER = words(r"(?:know|learn|ask\w*|advise|wonder\w*) (?:\w+ )?whether")
"""'I should be grateful to learn whether ...': a formal question without a question mark."""
QUESTION_END = ("when", "explain", "meaning")
"""Trailing words that make a terse line a question: 'czechia joined when'."""
REQUEST_START = lazy(
    r"^(?:@\w+\s+)?(?:(?:please|pls|kindly)\s+)?(?:list|show|tell me|give me|explain|describe|"
    r"count of|number of|total number of|"
    r"summari[sz]e|check|provide)(?![\w-])"
)
QUESTION_START = lazy(
    rf"(?:^|[.!;:,\-—(]\s*)(?:(?:{_FILLER})[\s,!.]+){{0,4}}(?:{_INTERROGATIVE})(?![\w'-])"
    r"(?:(?<=why)|(?!\s+(?:not|never)(?![\w-])))"
    # '..., would not let it go', 'did you see ...', 'would love to see ...': not for the bot
    r"(?!\s+(?:(?:you|u|ya|y'?all)(?: guys)? (?:see|seen|hear|heard|watch\w*|read|notice\w*)|love|"
    r"rather|be (?:funny|fun|hilarious|great|nice|cool|amazing|wild|epic|iconic|interesting))"
    r"(?![\w-]))"
)


def _question_inside(folded: str, starts: WordStarts) -> bool:
    """A question word or modal inside the text, unless a subject precedes it ('it will not')."""
    if not QUESTION_INSIDE.may_occur(starts):
        return False
    return any(
        not _SUBJECT_BEFORE.search(folded[: match.start()])
        for match in QUESTION_INSIDE.finditer(folded)
    )


_T = TypeVar("_T")


class _cue(Generic[_T]):  # noqa: N801 - used as a decorator, like cached_property
    """A lazily computed attribute, stored on the instance the first time it is read.

    functools.cached_property takes a lock on every first read (Python 3.11), which cost
    about a sixth of the parse time; cues are read on one thread, so none is needed.
    """

    def __init__(self, compute: Callable[[Any], _T]) -> None:
        self.compute = compute
        self.name: str = compute.__name__

    @overload
    def __get__(self, instance: None, owner: type) -> _cue[_T]: ...
    @overload
    def __get__(self, instance: object, owner: type) -> _T: ...
    def __get__(self, instance: object | None, owner: type) -> _cue[_T] | _T:
        if instance is None:
            return self
        value: _T = self.compute(instance)
        instance.__dict__[self.name] = value
        return value


class Cues:
    """Which intent cues a text carries; each cue is computed the first time it is read."""

    def __init__(self, folded: str) -> None:
        self.text = folded
        self._starts: WordStarts | None = None
        self._topic_hits: list[bool | None] = [None] * len(TOPICS)

    def _word_starts(self) -> WordStarts:
        starts = self._starts
        if starts is None:
            starts = self._starts = WordStarts(self.text)
        return starts

    def _has(self, pattern: WordPattern) -> bool:
        return pattern.occurs_in(self.text, self._starts or self._word_starts())

    @_cue
    def icc(self) -> bool:
        return self._has(ICC)

    @_cue
    def cricket(self) -> bool:
        return self._has(CRICKET)

    @_cue
    def still_wanted(self) -> bool:
        return self._has(STILL_WANTED)

    @_cue
    def reported(self) -> bool:
        """A question in quotation marks with commentary around it, retold, or put to the
        group.
        """
        text = self.text
        if self._has(ASKS_THE_GROUP):
            return True
        if self._has(REPORTED_SPEECH):
            return True
        if "'" not in text and '"' not in text:
            return False
        for match in QUOTED.finditer(text):
            quoted = match[2]
            outside = text[: match.start()] + " " + text[match.end() :]
            asked = "?" in quoted or QUESTION_START.search(quoted) is not None
            if asked and len(outside.split()) >= 3:
                return True
        return False

    @_cue
    def rhetorical(self) -> bool:
        text = self.text
        return (
            self._has(RHETORICAL)
            or ("sure" in text and SURE_START.match(text) is not None)
            or ("?" in text and DENIAL_REPLY.search(text) is not None)
        )

    @_cue
    def domestic(self) -> bool:
        return self._has(DOMESTIC)

    @_cue
    def compare(self) -> bool:
        return self._has(COMPARE)

    @_cue
    def other_court(self) -> bool:
        return self._has(OTHER_COURT)

    @_cue
    def arrest(self) -> bool:
        return self._has(ARREST)

    @_cue
    def travel(self) -> bool:
        return self._has(TRAVEL)

    @_cue
    def at_risk(self) -> bool:
        return self._has(RISK)

    @_cue
    def obliged(self) -> bool:
        return self._has(OBLIGED)

    @_cue
    def why_not(self) -> bool:
        return WHY_NOT.search(self.text) is not None

    @_cue
    def status(self) -> bool:
        return self._has(STATUS)

    @_cue
    def warrant(self) -> bool:
        return self._has(WARRANT)

    @_cue
    def listing(self) -> bool:
        return self._has(LIST)

    @_cue
    def travel_options(self) -> bool:
        return self._has(TRAVEL_OPTIONS)

    @_cue
    def trips(self) -> bool:
        text = self.text
        return self._has(TRIPS) or (
            text.startswith(("was ", "were ")) and WAS_IN.match(text) is not None
        )

    @_cue
    def count(self) -> bool:
        return self._has(COUNT)

    @_cue
    def countable(self) -> bool:
        return self._has(COUNTABLE)

    @_cue
    def court_figures(self) -> bool:
        return self._has(COURT_FIGURES)

    @_cue
    def explain_cue(self) -> bool:
        return self._has(EXPLAIN_CUE)

    def _topic_hit(self, index: int) -> bool:
        hit = self._topic_hits[index]
        if hit is None:
            hit = self._topic_hits[index] = self._has(TOPICS[index][1])
        return hit

    @_cue
    def topic(self) -> ExplainTopic | None:
        """The first topic of TOPICS mentioned anywhere in the text."""
        for index, (name, _) in enumerate(TOPICS):
            if self._topic_hit(index):
                return name
        return None

    def topic_in(self, names: Collection[ExplainTopic]) -> bool:
        """``self.topic in names``, reading only the topics needed to tell.

        The first of ``names`` (in TOPICS order) that is mentioned is the topic unless an
        earlier topic is mentioned too; most texts mention none, and one pattern is read
        instead of seven.
        """
        for index, (name, _) in enumerate(TOPICS):
            if name in names and self._topic_hit(index):
                return not any(self._topic_hit(earlier) for earlier in range(index))
        return False

    @_cue
    def greeting(self) -> bool:
        return GREETING.match(self.text.strip()) is not None

    @_cue
    def help(self) -> bool:
        return self._has(HELP)

    @_cue
    def other_topic(self) -> bool:
        return self._has(OTHER_TOPICS)

    @_cue
    def not_for_us(self) -> bool:
        return self._has(NOT_FOR_US)

    @_cue
    def others_than(self) -> bool:
        return self._has(OTHERS_THAN)

    @_cue
    def pronoun(self) -> bool:
        return self._has(PRONOUN)

    @_cue
    def list_for_country(self) -> bool:
        return LIST_FOR_COUNTRY.search(self.text) is not None

    @_cue
    def wanted_people(self) -> bool:
        return self._has(WANTED_PEOPLE)

    @_cue
    def hypothetical(self) -> bool:
        return self._has(HYPOTHETICAL)

    @_cue
    def how_many_people(self) -> bool:
        return self._has(HOW_MANY_PEOPLE)

    @_cue
    def past_trips(self) -> bool:
        return PAST_TRIPS.search(self.text) is not None

    @_cue
    def question(self) -> bool:
        text = self.text
        return (
            "?" in text
            or "¿" in text
            or QUESTION_START.search(text) is not None
            or _question_inside(text, self._word_starts())
            or REQUEST_START.search(text) is not None
            or text.rstrip("?!. ").endswith(QUESTION_END)
            or self._has(WHETHER)
            or self._has(OPTIONS_ASKED)
        )


def read_cues(folded: str) -> Cues:
    """The cues of accent-free lower-case text (computed lazily)."""
    return Cues(folded)


class IntentDecision(NamedTuple):
    intent: Intent
    topic: ExplainTopic | None
    strength: float
    """How explicit the cues were: 1.0 unmistakable, ~0.3 a default guess."""


_LEGAL_TOPICS: frozenset[ExplainTopic] = frozenset(
    {"in_absentia", "article_98", "immunity", "non_compliance"}
)
_NON_COMPLIANCE: tuple[ExplainTopic] = ("non_compliance",)
_WITHDRAWAL: tuple[ExplainTopic] = ("withdrawal",)
_PERSON_TOPICS: tuple[ExplainTopic, ...] = ("immunity", "in_absentia", "article_98")
_TRAVEL_TOPICS: tuple[ExplainTopic, ...] = ("immunity", "article_98")

STRONG = 0.95
GOOD = 0.8
WEAK = 0.35


def decide(cues: Cues, *, people: int, countries: int, has_unknown_person: bool) -> IntentDecision:
    """Choose the intent from the cues and how many people and countries were found."""
    decision = _decide(
        cues, people=people, countries=countries, has_unknown_person=has_unknown_person
    )
    if decision.strength > WEAK and (cues.rhetorical or cues.reported):
        # 'oh sure, mongolia is going to arrest putin any day now, right?': same reading,
        # but not explicit enough to answer unprompted.
        return IntentDecision(decision.intent, decision.topic, WEAK)
    return decision


def _decide(
    cues: Cues, *, people: int, countries: int, has_unknown_person: bool
) -> IntentDecision:
    has_person = people > 0 or has_unknown_person
    if cues.greeting:
        return IntentDecision("greeting", None, STRONG)
    if cues.compare and cues.other_court and cues.cricket and cues.icc:
        return IntentDecision("explain", "icc", GOOD)  # 'icc vs icj, what's the difference'
    if cues.not_for_us or (
        # 'can netanyahu go to the world cup in the us': a trip, whatever the event
        not (has_person and countries) and cues.cricket and not (cues.arrest or cues.warrant)
    ):
        return IntentDecision("out_of_scope", None, STRONG)
    if ((cues.other_court and cues.cricket) or cues.domestic) and not (cues.arrest or cues.icc):
        # 'the ICJ case south africa v israel', 'netanyahu's corruption trial'
        return IntentDecision("out_of_scope", None, GOOD)
    if (
        cues.others_than
        and not (has_person and cues.travel_options)  # 'list of countries that would arrest X'
        and (cues.listing or cues.wanted_people)
        and (cues.warrant or cues.icc or cues.arrest)
    ):
        return IntentDecision("warrant_list", None, STRONG)
    if cues.how_many_people and (cues.warrant or cues.icc):
        return IntentDecision("warrant_list", None, STRONG)
    if not has_person and not countries:
        return _without_entities(cues)
    if (
        not (has_person and countries)
        and cues.count
        and (cues.countable or cues.arrest)
        and not (has_person and cues.past_trips)  # 'how many countries has putin visited'
    ):
        return IntentDecision("member_count", None, STRONG)
    if has_person and countries:
        return _person_and_country(cues)
    if countries:
        return _country_only(cues)
    return _person_only(cues)


def _without_entities(cues: Cues) -> IntentDecision:
    if cues.greeting:
        return IntentDecision("greeting", None, STRONG)
    if cues.count and cues.countable:
        return IntentDecision("member_count", None, STRONG)
    if cues.count and cues.icc:
        if cues.court_figures:  # 'how many judges does the icc have': about the court itself
            return IntentDecision("explain", "icc", GOOD)
        return IntentDecision("member_count", None, STRONG)
    if cues.topic_in(_LEGAL_TOPICS) and cues.explain_cue:
        # 'why can't the icc try people who are not in the courtroom': a named legal topic
        # outweighs a relative 'who are' that looks like a list request.
        return IntentDecision("explain", cues.topic, STRONG)
    if cues.listing and (cues.warrant or cues.icc or cues.arrest):
        return IntentDecision("warrant_list", None, STRONG)
    if cues.topic and cues.topic != "icc":
        return IntentDecision("explain", cues.topic, STRONG if cues.explain_cue else GOOD)
    if cues.help and not cues.icc:
        return IntentDecision("help", None, GOOD)
    if cues.pronoun and (cues.warrant or cues.arrest) and cues.question:
        return IntentDecision("person_warrant", None, GOOD)
    if cues.icc and cues.warrant and cues.question and not cues.explain_cue:
        return IntentDecision("warrant_list", None, GOOD)
    if cues.topic == "icc" and (cues.explain_cue or cues.question):
        return IntentDecision("explain", "icc", GOOD)
    if cues.icc and cues.status and cues.count:
        return IntentDecision("member_count", None, GOOD)
    if cues.question or cues.other_topic:
        return IntentDecision("out_of_scope", None, GOOD if cues.other_topic else WEAK)
    return IntentDecision("none", None, WEAK)


def _in_domain(cues: Cues) -> bool:
    """Arrest, warrant, court or duty words: what this bot is about (read only when needed)."""
    return cues.arrest or cues.warrant or cues.icc or cues.obliged or cues.why_not


RISK = words(
    r"risk\w*|danger\w*|unsafe|safe(?:ly)?|worr\w*|"
    r"what (?:would |will |could )?happens? (?:to|if|when)"
)


def _person_and_country(cues: Cues) -> IntentDecision:
    if cues.topic_in(_NON_COMPLIANCE):
        return IntentDecision("explain", "non_compliance", STRONG)
    if cues.travel_options and not cues.why_not:
        return IntentDecision("travel_options", None, GOOD)
    if cues.listing and cues.warrant and not cues.arrest:
        return IntentDecision("warrant_list", None, GOOD)
    if cues.trips and not (cues.arrest or cues.obliged or cues.why_not or cues.hypothetical):
        return IntentDecision("person_trips", None, GOOD)
    if cues.warrant and not (cues.arrest or cues.travel or cues.obliged or cues.why_not):
        return IntentDecision("person_warrant", None, GOOD)
    if cues.status and not (
        cues.arrest or cues.travel or cues.obliged or cues.why_not or cues.hypothetical
    ):
        # 'is mongolia still a state party after the putin visit': the state's standing
        return IntentDecision("country_status", None, GOOD)
    if cues.still_wanted and not (cues.travel or cues.hypothetical):
        # 'is harun still at large or did sudan hand him over': where the case stands
        return IntentDecision("person_warrant", None, GOOD)
    if _in_domain(cues) or cues.topic_in(_TRAVEL_TOPICS) or cues.at_risk:
        return IntentDecision("arrest_risk", None, STRONG)
    if cues.travel:
        return IntentDecision("arrest_risk", None, GOOD if cues.question else WEAK)
    if cues.other_topic:
        return IntentDecision("out_of_scope", None, WEAK)
    return IntentDecision("arrest_risk", None, WEAK)


def _country_only(cues: Cues) -> IntentDecision:
    if cues.topic_in(_WITHDRAWAL) and cues.explain_cue and not cues.status:
        return IntentDecision("explain", "withdrawal", GOOD)
    if cues.topic_in(_LEGAL_TOPICS):
        return IntentDecision("explain", cues.topic, GOOD)
    if (cues.listing or cues.list_for_country) and (cues.warrant or cues.arrest):
        return IntentDecision("warrant_list", None, STRONG)
    if cues.wanted_people and not (cues.arrest or cues.obliged or cues.status):
        return IntentDecision("warrant_list", None, GOOD)
    if cues.pronoun and (cues.arrest or cues.travel) and not cues.status:
        return IntentDecision("arrest_risk", None, GOOD)
    if cues.status or cues.icc:
        return IntentDecision("country_status", None, STRONG)
    if cues.other_topic and not (cues.arrest or cues.warrant):
        return IntentDecision("out_of_scope", None, WEAK)
    if cues.arrest or cues.obliged or cues.warrant:
        return IntentDecision("country_status", None, GOOD)
    if cues.question and len(cues.text.split()) >= 5:
        # 'who is the richest man in russia': a whole question, and nothing of the court in it
        return IntentDecision("out_of_scope", None, WEAK)
    return IntentDecision("country_status", None, WEAK)


def _person_only(cues: Cues) -> IntentDecision:
    if cues.trips and cues.past_trips and not cues.arrest:
        return IntentDecision("person_trips", None, STRONG)
    if cues.travel_options:
        return IntentDecision("travel_options", None, STRONG)
    if cues.trips and not cues.arrest:
        return IntentDecision("person_trips", None, STRONG if cues.question else GOOD)
    if cues.topic_in(_PERSON_TOPICS):
        return IntentDecision("explain", cues.topic, GOOD)
    if _in_domain(cues):
        return IntentDecision("person_warrant", None, STRONG)
    if cues.other_topic:
        return IntentDecision("out_of_scope", None, GOOD)
    if cues.travel and cues.question:
        return IntentDecision("travel_options", None, WEAK)
    return IntentDecision("person_warrant", None, WEAK)
