"""What is being asked: intent cues on accent-free lower-case text, and the decision between them.

Word lists rather than a trained model: the domain is narrow, the cues are explicit, and every
decision can be explained and tested. Misspellings people really type are in the lists.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any, Generic, NamedTuple, TypeVar, overload

from knowledge.models import ExplainTopic
from nlp.patterns import WordPattern, WordStarts, lazy, words
from nlp.query import CASE_FAMILY, Aspect, Form, Intent, QuestionType

ICC = words(
    r"icc|i\.c\.c\.?|international criminal court|hague|rome statute|rome treaty|the court|"
    r"criminal court|internationa?l court|istgh(?:-\w+)?|cpi|strafgerichtshof|cour penale|"
    r"corte penale\w*|tpi|mtk|trybunal karny|tribunal penal internacional|"
    r"corte penal|мус|мкс|международн\w* уголовн\w* суд\w*|міжнародн\w* кримінальн\w* суд\w*|"
    r"гааг\w*|"
    r"strafhof|mezinarodni\w* trestni\w* soud\w*|buntetobirosag\w*|ceza mahkemesi\w*|ucm|"
    r"brottmalsdomstol\w*|medunarodn\w* krivicn\w* sud\w*|mks(?:-\w+)?|"
    r"curtea penala internationala|curtii penale internationale|"
    r"(?:[وف]?(?:بال|لل|ال))?محکمه (?:ال)?جناییه (?:ال)?دولیه|(?:ال)?جناییه (?:ال)?دولیه|"
    r"دیوان کیفری(?: بین ?المللی)?|(?:دیوان|دادگاه) بین ?المللی کیفری|دادگاه کیفری بین ?المللی|"
    r"[وف]?(?:ب|ل)?لاهای|لاهه|хал[ыи][қк]арал[ыи][қк] [қк]ылмыст[ыи][қк] сот\w*|хқс|"
    r"эл ?аралык кылмыш\w* сот\w*"
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
    r"letartoztat\w*|orizetbe|gripa\w*|gripen|uhaps\w*|uhit\w*|ұста\w*|"
    r"[وف]?(?:ل|ب|بال|ال)?اعتقال\w*|[وف]?س?[یتن]عتقل\w*|اعتقل\w*|(?:ال)?معتقل\w*|"
    r"[وف]?(?:ل|ب|بال|ال)?قبض|[یتن]قبض\w*|قبض\w*|[وف]?(?:ل|ب|ال)?تسلیم\w*|"
    r"[وف]?(?:ل|ب|بال|ال)?توقیف\w*|بازداشت\w*|دستگیر\w*|تحویل|استرداد|т[ұу]т[қк]ында\w*|"
    r"[қк]амау\w*|кармоо|кармал\w*|кармаш(?:а|ы|п)\w*|камак\w*"
)
TRAVEL = words(
    r"travel\w*|travl\w*|go|goes|going|gone|went|visit\w*|vist\w*|fly|flies|flying|flew|land|"
    r"lands|landing|landed|enter\w*|set foot|sets foot|step foot|trip|attend\w*|come|comes|"
    r"coming|safe(?:ly)?|summit|show up|shows up|head(?:s|ing)? to|be in|stay|arriv\w*|"
    r"touch down|touches down|passes through|transit|поед\w*|поезд\w*|поід\w*|поізд\w*|"
    r"прилет\w*|прилит\w*|приед\w*|приід\w*|визит\w*|візит\w*|посет\w*|відвіда\w*|"
    r"полет\w*|ездил\w*|іздив\w*|gider\w*|gitse|ziyaret\w*|"
    r"زار\w*|[یت]زور\w*|(?:ال)?زیاره\w*|سافر\w*|[یت]سافر\w*|سفر\w*|برود|بره|بیاید|بیاد|دیدار|"
    r"келсе\w*|келген\w*|келді|келди|барса\w*|барған\w*|барган\w*|сапар\w*"
)
OBLIGED = words(
    r"oblig\w*|must|have to|has to|had to|required?|duty|bound|need to|needs to|supposed to|"
    r"forced to|legally|obligat\w*|commit\w* to arrest|enforc\w*|"
    r"[وف]?یجب|ملزم\w*|(?:ال)?واجب\w*|مجبر\w*|(?:ال)?التزام\w*|[یت]لتزم\w*|موظف\w*|باید|مجبور\w*|"
    r"وظیفه\w*|تعهد\w*|м[іи]ндет\w*|тиіс\w*|керек\w*|мәжбүр\w*|милдет\w*|тиииш\w*|мажбур\w*"
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
    r"med i|medlem\w*|кол кои\w*|"
    r"[وف]?(?:ال)?عضو\w*|[وف]?(?:ب|ل)عضویه\w*|دوله طرف|(?:ال)?دول (?:ال)?اطراف|طرف فی|"
    r"[وف]?(?:ال)?انضمام|انضم\w*|[یت]نضم\w*|منضم\w*|(?:ال)?مصادقه|صادقت|(?:ال)?توقیع|وقعت|"
    r"موقعه علی|(?:ال)?انسحاب|انسحب\w*|[یت]نسحب\w*|پیوست\w*|تصویب\w*|امضا\w*|خروج|خارج شد\w*|"
    r"м[үу]ше\w*|[қк]осыл\w*|ратифика\w*|қол қои\w*|м[үу]чө\w*|кошул\w*"
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
    r"nalog\w* za hapsenje|uhidbeni nalog\w*|custodi\w*|"
    r"[وف]?(?:ال)?مذکر(?:ه|ات) (?:ال)?(?:توقیف|اعتقال|قبض)|امر (?:ال)?(?:قبض|اعتقال)|"
    r"[وف]?(?:ال)?مطلوب\w*|[وف]?(?:ال)?متهم\w*|(?:ال)?اتهام\w*|(?:ال)?تهم(?:ه)?|ادین\w*|"
    r"(?:ال)?ادانه\w*|[وف]?(?:ال)?محاکمه\w*|ملاحق\w*|طلیق\w*|حکم (?:بازداشت|جلب)|تحت تعقیب|"
    r"محکوم\w*|پرونده\w*|[іи]здеу\w*|аиыпта\w*|соттал\w*|үкім(?:і|ін|ге|де)?|издөө\w*|изделүү\w*|"
    r"соттол\w*|өкүм(?:ү|дү)?"
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
            r"versus|or|and) surrender|"
            r"نظام روما(?: الاساسی)?|اساسنامه (?:دیوان )?رم"
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
    r"dobry den|ciao|ola|olá|"
    r"сәлеметсіз(?:дер)? бе|сәлем|салем|саламатсыз(?:дар)?бы|салам|مرحبا|اهلا|السلام علیکم|سلام|"
    r"درود"
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
    r"quem|onde|quantos|para onde|aonde|za co|"
    r"هل|لماذا|ماذا|متی|کیف|ایا|چرا|کجا|چطور|کدام"
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
    r"anything (?:[\w-]+ ){0,2}(?:should |to |need to )?(?:worry|fear|be worried)|"
    r"қашан|қаида|қанша|қандаи|неліктен|неге|эмне үчүн|эмнеге|качан|каида|канча|кандаи|каисы|"
    r"(?:ма|ме|ба|бе|па|пе)(?=\s*(?:[.,]|$))"
)
WHETHER = words(r"(?:know|learn|ask\w*|advise|wonder\w*) (?:\w+ )?whether")
"""'I should be grateful to learn whether ...': a formal question without a question mark."""
QUESTION_END = ("when", "explain", "meaning", "бү", "пү")
"""Trailing words that make a terse line a question: 'czechia joined when'; and the Kyrgyz
question particle, written onto the word before it ('мүчөбү', 'is a member?')."""
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

    def word_starts(self) -> WordStarts:
        """How the text's words begin (computed once), for patterns read outside this class."""
        return self._starts or self._word_starts()

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


# --- what the question asks: its form, what it is about, its type ----------------------------
#
# Read from the same folded text as the intent cues, and only to shape the answer: whether its
# opening may say Yes or No (and about which claim), and which kind of answer fits. The intent
# above is unchanged by them.

_TOKEN = lazy(r"\w(?:[\w'-]*\w)?|[^\w\s]")
"""Words (with apostrophes and hyphens) and single symbols: what the form is read from."""
_LEAD_WORDS = frozenset(
    "and but so or then also ok okay lol lmao hey bot btw guys bro pls please wait seriously "
    "honestly actually now um hmm well q y et und aber и а і та ve peki و".split()
)
"""Words after which a clause starts ('so would SA need to ...', 'y que hizo la cpi')."""
_YES_NO_START = frozenset(
    "is isn't isnt are aren't arent am was wasn't wasnt were weren't do does doesn't doesnt "
    "don't dont did didn't didnt has hasn't hasnt have haven't havent had hadn't can can't cant "
    "cannot could couldn't will won't would wouldn't should shouldn't must may might shall any "
    "ist sind waren hat haben hatte hatten kann konnen konnte muss mussen musste mussten darf "
    "durfen soll sollte sollten wird werden wurde wurden besteht existiert чи разве razve "
    "неужели neuzheli хіба acaso هل وهل ایا".split()
)
"""Words that open a yes/no clause: English auxiliaries, German verbs, Ukrainian 'чи',
Russian 'разве', Arabic 'هل', Persian 'آیا'."""
_YES_NO_START_PAIRS = frozenset(
    {("gibt", "es"), ("gab", "es"), ("stimmt", "es"), ("true", "that"), ("est", "ce")}
)
_WAR_NEXT = frozenset("er sie es der die das ein eine einer eines".split())
"""German 'war' opens a question before these ('war er ...'); otherwise it is English."""
_PARTICLES = frozenset({"ли", "li"})
"""Russian 'ли' (and its transliteration), wherever it stands."""
_TURKISH_MI = frozenset(
    f"{head}{tail}"
    for head in ("mi", "mu")
    for tail in (
        "",
        "di",
        "ydi",
        "du",
        "ydu",
        "sin",
        "sun",
        "siniz",
        "dir",
        "dur",
        "yiz",
        "yuz",
        "ymis",
        "ymus",
    )
)
_TURKISH_AFTER = frozenset("ya yoksa acaba peki hala simdi".split())
_TURKIC = frozenset("ма ме ба бе па пе бы би бу бү пы пи пу пү".split())
"""Kazakh and Kyrgyz question particles, at the end of a clause."""
_FRENCH_INVERTED = frozenset(
    "est a ont sont doit doivent peut peuvent va vont serait seraient fait font faut devrait "
    "devraient pourrait pourraient avait etait existe y t".split()
)
_FRENCH_PRONOUNS = frozenset("il elle ils elles on".split())
_TAGS: dict[str, tuple[tuple[str, ...], ...]] = {}
for _tag in (
    "right|isn't it|isnt it|isn't he|isnt he|isn't she|isn't that|is it not|didn't it|didnt it|"
    "didn't they|didnt they|didn't he|didnt he|didn't she|didn't we|doesn't it|doesnt it|"
    "doesn't he|doesn't she|don't they|aren't they|arent they|wasn't it|wasnt it|wasn't he|"
    "wasn't she|weren't they|won't it|won't they|won't he|won't she|hasn't it|hasn't he|"
    "hasn't she|haven't they|or not|or nah|or no|yes or no|yes/no|correct|true|yeah|innit|"
    "ili net|или нет|или как|чи ні|або ні|oder nicht|ou pas|ou non|n'est-ce pas|o no|verdad|"
    "cierto|degil mi|ولا لا|ام لا|او لا|یا نه|یا خیر"
).split("|"):
    _words = tuple(_tag.replace("/", " / ").split())
    _TAGS.setdefault(_words[0], ())
    _TAGS[_words[0]] += (_words,)
_TAG_AFTER = frozenset("so then and he she they i lol".split())
"""Words that may follow a tag ('right? so ...', 'isn't it, so would ...')."""
_INVERTED_AUX = frozenset(
    "would will can could does do did should must might is are was were".split()
)
_NOT_A_SUBJECT = frozenset(
    "not never have has be been being get need needs legally still really actually also "
    "definitely probably obliged required supposed able allowed bound forced to".split()
)
_INVERTED_VERBS = frozenset(
    "have be get need legally obliged required supposed allowed still hand extradite "
    "detain".split()
)
_WH_ANYWHERE = frozenset(
    "why what whats what's whose whom pourquoi combien quoi cuanto cuanta cuantos cuantas "
    "почему зачем pochemu zachem skolko сколько чому навіщо скільки neden niye nicin nerede "
    "nereye nasil kac kim kimi kime kimin hangi neler nedir لماذا لیش متی کیف ماذا چرا کجا "
    "چطور چگونه چند چه چی کدام کدوم کیست چیست неге неліктен қашан қайда қалай қанша кім "
    "кімге кімді қандай нені эмне эмнеге эмнеден качан кайда кантип канча ким кимге кимди "
    "кандай кайсы".split()
)
"""Words that ask for a fact wherever they stand (Turkish, Persian and the Turkic languages
keep them in place, and 'why' or 'what' ask wherever they are)."""
_ARABIC_WH = frozenset("لماذا لیش متی کیف ماذا".split())
_WH_ANYWHERE_PAIRS: dict[str, frozenset[str]] = {
    "how": frozenset("come many much long often".split()),
    "for": frozenset({"what"}),
    "since": frozenset({"when"}),
    "until": frozenset({"when"}),
    "por": frozenset({"que"}),
    "ne": frozenset("zaman icin oldu".split()),
    "за": frozenset({"что", "що"}),
    "za": frozenset({"chto"}),
    "не": frozenset({"үшін"}),
    "ما": frozenset("هو هی هم الذی".split()),
    "من": frozenset("هو هم".split()),
}
_WH_START = frozenset(
    "which who who's whos where wheres when how wann wo warum wieso weshalb weswegen wie wer "
    "wen wem wessen welche welcher welches welchen welchem wieviel wieviele wohin woher wofur "
    "quand comment qui quel quelle quels quelles que lequel laquelle cuando donde adonde como "
    "quien quienes cual cuales что чем когда где как кто кого кому какой какая какое какие "
    "каких какого каком какую каким куда откуда chto kogda gde kak kto kakoi kakoy kakie kuda "
    "що коли де як хто який яка яке які якого якому якій яким якої яких куди звідки кім".split()
)
"""Words that ask for a fact when they open a clause (inside one, 'who' or 'which' is often a
relative pronoun)."""
_WH_START_PAIRS: dict[str, frozenset[str]] = {
    "was": frozenset(
        "ist sind passiert passierte bedeutet macht hat wird genau fur kann muss heisst bringt "
        "droht geschah".split()
    ),
    "ou": frozenset("est sont se va en".split()),
    "de": frozenset({"que"}),
    "a": frozenset({"que"}),
    "en": frozenset({"que"}),
    "con": frozenset({"que"}),
    "para": frozenset({"que"}),
    "с": frozenset({"какого"}),
    "з": frozenset({"якого"}),
}
_WHEN_WORDS = frozenset({"when", "quand", "cuando", "когда", "kogda", "коли", "wenn"})
"""Wh-words that are also conjunctions ('when he came, was he arrested?')."""
_WHEN_ASKS = frozenset(
    "did does do is are was were will would has have had can could should exactly and".split()
)
"""What follows an English 'when' that asks ('when did ...'), not one that joins clauses."""
_EMBEDDED = lazy(
    r"(?:(?:do|does|did) (?:you|u|anyone|anybody|somebody|someone) know|can (?:you|u) "
    r"(?:tell|say)|could (?:you|u) (?:tell|say)|any idea|tell me|i wonder|wondering|"
    r"(?:want|wanna|need) to know)(?=\s+(?:what|when|where|why|how|who|which|whether|if)\b)"
)
"""'do you know when ...' asks the embedded question, not the yes/no one around it."""
_EMBEDDING_WORDS = ("know", "tell", "wonder", "idea")
_NEGATION = lazy(
    r"(?<![\w-])(?:without (?:being |getting |him being |her being )?(?:arrest\w*|detain\w*|"
    r"caught|picked up|handed over|extradit\w*)|sin (?:ser )?(?:arrestad|detenid|capturad)\w*|"
    r"sin que (?:lo|la|le)s? (?:detengan|arresten|capturen|entreguen)|sans (?:etre )?(?:arret|"
    r"detenu|inquiet)\w*|sans qu'on (?:l'arrete|l'arrête)|"
    r"ohne (?:\w+ )?(?:verhaftet|festgenommen)\w*|"
    r"ohne dass (?:\w+ ){0,3}(?:verhaftet|festnimmt|festgenommen)\w*|"
    r"без ареста|без арешту|tutuklanmadan|بدون (?:اعتقال|القبض|بازداشت)|دون (?:اعتقال|القبض)|"
    r"refus\w*|declin\w*|ignor\w*|(?:avoid|evade|dodge)\w*(?! (?:an? |the )?(?:icc|court|"
    r"case|jurisdiction|prosecution|investigation))|отказ\w*|відмов\w*|weiger\w*|"
    r"rechaz\w*|رفض\w*|امتناع|خودداری|"
    r"not|n't|never|no longer|nobody|no one|neither|nor|off the hook|no "
    r"(?:obligation|duty|need|right|jurisdiction)|не|ни|ні|nicht|kein\w*|nie|niemals|pas|"
    r"jamais|nunca|degil|لا|لم|لیس|لن|نیست|نه|емес|жоқ|эмес|жок)(?![\w-])"
)
_NOT_NEGATION = lazy(
    r"not (?:just|only|even)|no(?:t)? (?:matter|doubt)|or not|ili net|или нет|чи ні|або ні|"
    r"oder nicht|ou pas|ou non|n'est-ce pas|o no|degil mi|ولا لا|ام لا|او لا|یا نه|"
    r"(?:razve|разве|неужели|хіба) (?:\w+ ){0,3}(?:не|ne)|(?:не|ne) (?:\w+ )?(?:ли|li)"
)
"""Negations that belong to a tag or to the question word itself, not to the claim."""
_SUBORDINATE = lazy(
    r"(?<![\w-])(?:now that|because|since|although|though|as long as|if|when|while|whereas|"
    r"after|before|given that|even if|even though|despite|unless|wenn|weil|obwohl|wahrend|"
    r"si|parce que|alors que|tandis que|bien que|meme si|puisque|porque|aunque|mientras|"
    r"ya que|cuando|если|хотя|потому что|когда|пока|якщо|хоча|коли|eger|cunku|اذا|لان|"
    r"بینما|اگر|چون|وقتی)(?![\w-])"
)


class Asked(NamedTuple):
    """The form of the first question, where its main clause lies, and whether it asks to
    confirm a negative claim.
    """

    form: Form
    start: int
    end: int
    negated: bool


class _Token(NamedTuple):
    word: str
    """The word, or a single symbol (punctuation, an emoji)."""
    start: int
    end: int
    lead: bool
    """Whether a clause starts with it (the text's start, or after a symbol or a lead word)."""
    symbol: bool


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    """The tokens of ``text[start:end]`` (one segment: the first opens a clause)."""
    tokens: list[_Token] = []
    lead = True
    for match in _TOKEN.finditer(text, start, end):
        word = match[0]
        symbol = not word[0].isalnum() and word[0] not in "'_"  # a quote opens no clause
        tokens.append(_Token(word, match.start(), match.end(), lead, symbol))
        lead = symbol or word in _LEAD_WORDS
    return tokens


def question_form(text: str) -> Asked:
    """How the first question in ``text`` (folded) is asked, and the span of its main clause."""
    if any(word in text for word in _EMBEDDING_WORDS):
        embedded = _EMBEDDED.search(text)
        if embedded is not None:
            # 'do you know when ...' asks the embedded question; '... whether ...' a yes/no one
            rest = text[embedded.end() :].split(maxsplit=1)
            form: Form = "yes_no" if rest and rest[0] in ("whether", "if") else "wh"
            return Asked(form, embedded.end(), len(text), False)
    quick = _opening_word(text)
    if quick is not None:
        return quick
    at, length = 0, len(text)
    while at < length:  # one segment (up to a '?', '!' or ';') at a time: the first decides
        stop = _SEGMENT_END.search(text, at)
        end = stop.end() if stop is not None else length
        segment = _tokens(text, at, end)
        if segment:
            asked = _segment_form(text, segment)
            if asked is not None:
                return asked
        at = end
    return Asked("other", 0, length, False)


_OPENING = lazy(r"(\w(?:[\w'-]*\w)?)(?:[ ]+(\w(?:[\w'-]*\w)?))?")
_SEGMENT_END = lazy(r"[?!;]")


def _opening_word(text: str) -> Asked | None:
    """Most questions say what they are in their first word ('is ...', 'why ...'): the form
    without reading the rest (None: the first word does not settle it).
    """
    match = _OPENING.match(text)
    if match is None:
        return None
    word, following = match[1], match[2] or ""
    stop = _SEGMENT_END.search(text)
    end = stop.end() if stop is not None else len(text)
    if word in _YES_NO_START and word not in _WH_START_PAIRS:
        return Asked("yes_no", 0, end, _negated(text, 0, end))
    asks = (word in _WH_ANYWHERE or word in _WH_START) and word not in _WHEN_WORDS
    if asks and following not in ("not", "about", "if") and word not in _WH_START_PAIRS:
        return Asked("wh", 0, end, False)
    return None


def _segment_form(text: str, segment: list[_Token]) -> Asked | None:
    start, end = segment[0].start, segment[-1].end
    yes_no = _yes_no_at(segment)
    wh = _wh_at(segment)
    if wh is not None and (yes_no is None or wh < yes_no[0]):
        return Asked("wh", wh, end, False)
    if yes_no is not None:
        window = yes_no[1]
        return Asked("yes_no", window, end, _negated(text, window, end))
    body = text[start:end]
    if ("?" in body and len(body.split()) >= 3) or "¿" in body:
        return Asked("yes_no", start, end, _negated(text, start, end))
    return None


def _next(segment: list[_Token], index: int) -> str:
    """The word after ``index`` ('' at the end of the segment)."""
    return segment[index + 1].word if index + 1 < len(segment) else ""


def _closes(segment: list[_Token], index: int, after: frozenset[str]) -> bool:
    """Whether the clause ends after ``index``: the segment ends, a symbol, or ``after``."""
    if index + 1 >= len(segment):
        return True
    following = segment[index + 1]
    return following.symbol or following.word in after


def _yes_no_at(segment: list[_Token]) -> tuple[int, int] | None:
    """Where the first yes/no marker of a segment is, and where the clause it asks begins."""
    clause = segment[0].start
    for index, token in enumerate(segment):
        word = token.word
        if token.symbol:
            if word == ",":
                clause = token.end
            continue
        if token.lead and (
            word in _YES_NO_START
            or (word in _PAIR_HEADS and (word, _next(segment, index)) in _YES_NO_START_PAIRS)
            or (word == "war" and _next(segment, index) in _WAR_NEXT)
            or word.startswith("est-ce")
        ):
            return token.start, token.start
        if (
            word in _PARTICLES
            or (word in _TURKISH_MI and _closes(segment, index, _TURKISH_AFTER))
            or (word in _TURKIC and _closes(segment, index, _KAZAKH_AFTER))
            or (("-" in word or word in _FRENCH_INVERTED) and _french_inverted(segment, index))
        ):
            return token.start, clause
        if word in _TAGS:
            tag = _tag_at(segment, index)
            if tag is not None:
                rest = [t for t in segment[tag + 1 :] if not t.symbol]
                # 'israel signed it, didn't it, so is it a member?': the question follows
                window = segment[tag].end if rest and rest[0].word == "so" else segment[0].start
                return token.start, window
        if word in _INVERTED_AUX and _inverted(segment, index):
            return token.start, token.start
    return None


_PAIR_HEADS = frozenset(head for head, _ in _YES_NO_START_PAIRS)
_KAZAKH_AFTER = frozenset({"екен"})


def _french_inverted(segment: list[_Token], index: int) -> bool:
    """'doit-elle', 'peut elle', 'a-t-il': a French verb before its subject pronoun."""
    word = segment[index].word
    if "-" in word:
        parts = word.split("-")
        return parts[0] in _FRENCH_INVERTED and parts[-1] in _FRENCH_PRONOUNS
    return word in _FRENCH_INVERTED and _next(segment, index) in _FRENCH_PRONOUNS


def _tag_at(segment: list[_Token], index: int) -> int | None:
    """The index of the last word of a tag starting at ``index`` ('right?', 'or not')."""
    for phrase in _TAGS.get(segment[index].word, ()):
        last = index + len(phrase) - 1
        matches = last < len(segment) and all(
            segment[index + k].word == part for k, part in enumerate(phrase)
        )
        if matches and _closes(segment, last, _TAG_AFTER):
            return last
    return None


def _inverted(segment: list[_Token], index: int) -> bool:
    """An inverted auxiliary after a subordinate clause: 'if he flew to doha would qatar have
    to hand him over'.
    """
    if segment[index].word not in _INVERTED_AUX:
        return False
    subject = _next(segment, index)
    if not subject or subject in _NOT_A_SUBJECT or not subject[0].isalnum():
        return False
    for later in segment[index + 2 : index + 5]:
        if later.symbol:
            return False
        if later.word in _INVERTED_VERBS or later.word.startswith("arrest"):
            return True
    return False


def _wh_at(segment: list[_Token]) -> int | None:
    """Where the first word asking for a fact is in a segment (None: there is none)."""
    for index, token in enumerate(segment):
        word = token.word
        following = _next(segment, index)
        asks = (
            word in _WH_ANYWHERE
            or following in _WH_ANYWHERE_PAIRS.get(word, ())
            or (len(word) > 3 and word[0] == "و" and word[1:] in _ARABIC_WH)
            or (token.lead and (word in _WH_START or following in _WH_START_PAIRS.get(word, ())))
        )
        if not asks or _not_asking(segment, index):
            continue
        if word in _WHEN_WORDS and _conjunction(segment, index):
            continue
        return token.start
    return None


def _not_asking(segment: list[_Token], index: int) -> bool:
    """'that's why', 'why not', 'what about', 'how about', 'no matter what', 'so what'."""
    word = segment[index].word
    before = [t.word for t in segment[max(0, index - 2) : index]]
    following = _next(segment, index)
    if word == "why":
        return following == "not" or (
            bool(before)
            and (before[-1] in ("that's", "thats") or tuple(before[-2:]) in _WHY_AFTER)
        )
    if word == "what":
        if following == "about" or (before[-2:] == ["no", "matter"]):
            return True
        return bool(before) and before[-1] in ("or", "so") and not following.isalnum()
    return word == "how" and following == "about"


_WHY_AFTER = frozenset({("that", "is"), ("is", "that"), ("which", "is"), ("this", "is")})


def _conjunction(segment: list[_Token], index: int) -> bool:
    """Whether a 'when' is a conjunction: a comma and a yes/no clause follow it ('when trump
    met putin in alaska, was the us supposed to arrest him?'), or, in English, no auxiliary.
    """
    for later in range(index + 1, len(segment) - 1):
        if segment[later].word == "," and segment[later + 1].word in _YES_NO_START:
            return True
    if segment[index].word != "when":
        return False
    following = segment[index + 1] if index + 1 < len(segment) else None
    return not (following is None or following.word in ("?", ",") or following.word in _WHEN_ASKS)


def _negated(text: str, start: int, end: int) -> bool:
    """Whether the main clause states a negative claim (a tag's 'not' does not count, nor a
    negation in a clause that only adds a circumstance: '... now that he's not president').
    """
    stop = _SUBORDINATE.search(text, start + 1, end)
    end = stop.start() if stop is not None else end
    spans = [m.span() for m in _NOT_NEGATION.finditer(text, start, end)]
    return any(
        not any(left <= m.start() < right for left, right in spans)
        for m in _NEGATION.finditer(text, start, end)
    )


ASPECTS: tuple[tuple[Aspect, WordPattern], ...] = (
    (
        "obligation",
        words(
            r"have to|has to|had to|having to|must|oblig\w*|duty|duties|required?|requires|"
            r"need(?:s|ed)? to|supposed to|legally|bound to|forced to|compelled|"
            r"muss\w*|musste\w*|verpflicht\w*|pflicht\w*|doi[st]|doivent|devrai\w*|tenu\w* de|"
            r"doit-(?:il|elle|on)|doivent-(?:ils|elles)|faut-il|devrait-(?:il|elle)|"
            r"ма[єе] (?:\w+ ){0,2}(?:заарештувати|затримати|видати|арештувати)|"
            r"tiene q(?:ue)?|tienen q(?:ue)?|tendria\w* q(?:ue)?|debe\w*|deberia\w*|obligad\w*|"
            r"obligacion\w*|должн\w*|обязан\w*|обязательств\w*|обязыва\w*|нужно|надо|dolzhn\w*|"
            r"obyazan\w*|зобов\w*|повинн\w*|мусить|мусять|zorunda\w*|mecbur\w*|yukumlu\w*|"
            r"tutuklamal\w*|teslim etmel\w*|iade etmel\w*|yakalamal\w*|gozaltina almal\w*|"
            r"یجب|ملزم\w*|مضطر\w*|واجب|موظف|باید|مجبور\w*|"
            r"وظیفه|міндетті|міндет\w*|тиіс|милдеттүү|милдет\w*|тийиш"
        ),
    ),
    (
        "ability",
        words(
            r"can|could|cannot|can'?t|able to|possible|allowed to|может|могут|могли|можно|"
            r"можуть|може|kann|konnen|konnte|peut|peuvent|pourrait|puede|pueden|podria\w*|"
            r"ممکن|یمکن|میتوان|می توانند|می تواند|мүмкін|алабы|алат"
        ),
    ),
    (
        "can_arrest",
        words(
            r"(?:can|could|may|might|able to|possible to|allowed to)(?: [\w'-]+){0,3} "
            r"(?:arrest\w*|detain\w*|nab|seize|capture|catch|pick (?:him|her|them) up|"
            r"hand (?:[\w-]+ ){0,2}over|extradite|surrender|be arrested|be detained|"
            r"be picked up|be caught|be handed over|get arrested|get picked up|get nabbed)|"
            r"(?:может|могут|можно|могли)(?: \w+){0,3} (?:арестова\w*|задержа\w*|выда\w*)|"
            r"(?:може|можуть|можна)(?: \w+){0,3} (?:заарештува\w*|арештува\w*|затрима\w*|"
            r"видати)|(?:kann|konnen|konnte|konnten)(?: \w+){0,4} (?:verhaften|festnehmen|"
            r"ausliefern|festgenommen|verhaftet)|(?:peut|peuvent|pourrait|pourraient)"
            r"(?:-(?:il|elle|ils|elles|on))?(?: \w+){0,3} (?:arreter|detenir|extrader|livrer)|"
            r"(?:puede|pueden|podria|podrian)(?: \w+){0,3} (?:arrestar\w*|detener\w*|"
            r"capturar\w*|extraditar\w*|entregar\w*|ser arrestad\w*|ser detenid\w*)|"
            r"tutuklayabil\w*|tutuklanabil\w*|yakalayabil\w*|teslim edebil\w*|"
            r"(?:ممکن|یمکن|یستطیع|تستطیع)(?: \w+){0,2} (?:یعتقل\w*|تعتقل\w*|اعتقال|القبض|"
            r"تسلیم)|(?:میتواند|می تواند|میتوانند|می توانند|ممکن است)(?: \w+){0,3} "
            r"(?:بازداشت|دستگیر)|ұстай ала\w*|ұстауы мүмкін|камакка ала ала\w*|"
            r"камакка алышы мүмкүн"
        ),
    ),
    (
        "arrested",
        words(
            r"(?:was|were|got|(?<!have )been) (?:\w+ ){0,2}"
            r"(?:arrested|detained|nabbed|picked up)|did (?:\w+ ){1,3}(?:arrest|detain|nab)|"
            r"arestovan\w*|арестован\w*|арестовали|"
            r"заарештован\w*|заарештували|verhaftet worden|festgenommen worden|a ete arrete\w*|"
            r"fue (?:arrestad|detenid)\w*|tutuklandi|tutuklanmis"
        ),
    ),
    (
        "member",
        words(
            r"members?|membership|full member|state part(?:y|ies)|(?:a|the) party|party to|"
            r"part of|in (?:the )?(?:icc|rome|court|cpi|mus|мус|мкс)|still in|belong\w*|"
            r"icc (?:country|member)|"
            r"член\w*|chlen\w*|участни\w*|учасни\w*|входит|vhodit|входить|fait (?:\w+ )?partie|"
            r"membre|etat partie|miembro|estado parte|parte de(?:l)?|mitglied\w*|vertragsstaat\w*|"
            r"uye\w*|taraf\w*|عضو\w*|طرف|мүше\w*|мүчө\w*|катышуучу"
        ),
    ),
    (
        "joined",
        words(
            r"join\w*|acced\w*|accession|ratif\w*|became a (?:member|party)|signed up|"
            r"присоедин\w*|ратифиц\w*|вступ\w*|приєдна\w*|ратифік\w*|beigetreten|beitritt\w*|"
            r"ratifiz\w*|adhere\w*|rejoint|unio|unido|adhiri\w*|ratific\w*|ingres\w*|katil\w*|"
            r"انضم\w*|صادق\w*|پیوست\w*|қосыл\w*|кошул\w*"
        ),
    ),
    (
        "left",
        words(
            r"left|leave|leaving|quit\w*|withdr\w*|exit\w*|out of|out now|pull(?:ed|s)? out|"
            r"no longer|вышл\w*|выход\w*|вышла|вышел|покинул\w*|вийшл\w*|вихід|ausgetreten|"
            r"austritt|verlassen|quitte\w*|retir\w*|sorti\w*|salio|abandon\w*|cekil\w*|ayril\w*|"
            r"انسحب\w*|خرج\w*|خارج شد\w*|خروج|шықты|чыкты"
        ),
    ),
    (
        "signed",
        words(
            r"sign|signs|signed|signing|signator\w*|подписа\w*|підписа\w*|unterzeichn\w*|"
            r"unterschrieb\w*|signe\w*|firm[oó]|firmad\w*|imzala\w*|موقع\w*|وقع\w*|امضا\w*|"
            r"қол қой\w*|кол кой\w*"
        ),
    ),
    (
        "warrant",
        words(
            r"warrants?|warrent\w*|warant\w*|ордер\w*|orderi|haftbefehl\w*|mandat d'arret|"
            r"mandat|orden de (?:arresto|captura|detencion)|orden|tutuklama karar\w*|karar\w*|"
            r"مذکره|امر (?:القبض|اعتقال)|حکم (?:بازداشت|جلب)|قرار بازداشت|wanted|sought|розыск\w*|"
            r"розшук\w*|gesucht|recherche\w*|buscad\w*|araniyor|مطلوب|تحت تعقیب|іздеу\w*"
        ),
    ),
    (
        "valid",
        words(
            r"still (?:valid|active|in force|wanted|out|open|standing|stand|on|good|there|"
            r"pending|live|effective)|valid|in force|active|expired?|out there|"
            r"действ\w*|в силе|актуал\w*|до сих пор|чинн\w*|досі|діє|дійсн\w*|gultig\w*|"
            r"in kraft|aufrecht|valable|en vigueur|vigente|valid[oa]|gecerli\w*|ساری|صالح|"
            r"معتبر|به قوت|күшінде|күчүндө"
        ),
    ),
    (
        "at_large",
        words(
            r"at large|on the run|hiding|in hiding|still free|free man|fugitive|escaped|"
            r"на свободе|скрыва\w*|переховує\w*|на волі|auf freiem fuss|en fuite|en libertad|"
            r"profugo|profug[oa]|firari|kacak|فار|هارب|متواری|қашқын|качкын"
        ),
    ),
    (
        "suspended",
        words(
            r"suspend\w*|cancel\w*|revok\w*|dropped|lifted|annul\w*|quash\w*|void\w*|thrown out|"
            r"rescind\w*|withdrawn|invalid\w*|null and void|отозва\w*|отмен\w*|приостанов\w*|"
            r"аннулир\w*|скасов\w*|"
            r"відкликан\w*|призупин\w*|aufgehoben|ausgesetzt|zuruckgezogen|annulliert|"
            r"suspendu\w*|annule\w*|suspendid\w*|anulad\w*|retirad\w*|cancelad\w*|askiya|iptal|"
            r"علق\w*|الغا\w*|الغی|لغو|تعلیق|тоқтат\w*|жойыл\w*|жокко чыгар\w*"
        ),
    ),
    (
        "charges",
        words(
            r"charged|charges?|accus\w*|for what|what for|(?:is|was|are) (?:it|they|that|this|"
            r"the warrants?) (?:for|about|over)|what (?:is|are|was) (?:\w+ ){0,3}"
            r"(?:charged|accused|wanted) (?:with|for)|crimes?|за что|za chto|за що|обвин\w*|"
            r"звинувач\w*|wofur|weswegen|vorwurf\w*|vorgeworfen|pour quoi|de quoi|de que|"
            r"acusa\w*|cargos?|ne icin|suc\w*|sucla\w*|بتهمه|تهم\w*|اتهام\w*|به چه|جرم\w*|"
            r"айып\w*|не үшін|эмне үчүн айып\w*"
        ),
    ),
    ("genocide", words(r"genocid\w*|геноцид\w*|genozid\w*|soykirim\w*|اباده|نسل کشی")),
    ("aggression", words(r"aggression|агресси\w*|агресі\w*|aggression|agresion|عدوان|تجاوز")),
    (
        "war_crimes",
        words(
            r"war crimes?|военн\w* преступлен\w*|воєнн\w* злочин\w*|kriegsverbrech\w*|"
            r"crimes? de guerre|crimenes de guerra|savas suc\w*|جرائم حرب|جنایات جنگی|"
            r"соғыс қылмыс\w*|согуш кылмыш\w*"
        ),
    ),
    (
        "crimes_against_humanity",
        words(
            r"crimes? against humanity|против человечности|проти людяності|gegen die "
            r"menschlichkeit|contre l'humanite|lesa humanidad|insanliga karsi|ضد الانسانیه|"
            r"علیه بشریت"
        ),
    ),
    (
        "trial",
        words(
            r"trial|tried(?! to)|being tried|try (?:him|her|them)|stand trial|on trial|juicio|"
            r"juzga\w*|dava\w* (?:\w+ ){0,2}basl\w*|yargilama\w*|соту|сотунун|сот процесс\w*|"
            r"proces|proceso|prozess\w*|hauptverhandlung|судить|судят|судили|суд над|"
            r"судебн\w* процесс\w*|процесс\w*|процес\w*|yargila\w*|durusma\w*|محاکمه\w*|"
            r"сот процес\w*|соттолуп|сотталуы"
        ),
    ),
    (
        "confirmation",
        words(
            r"confirmation\w*|confirm\w* (?:\w+ ){0,3}(?:charges?|counts)|(?:charges?|counts|"
            r"cargos) (?:\w+ ){0,3}confirm\w*|confirm\w* (?:\w+ ){0,2}cargos|"
            r"подтверд\w* (?:\w+ ){0,2}обвинени\w*|обвинени\w* (?:\w+ ){0,3}подтвержд\w*|"
            r"підтверд\w* (?:\w+ ){0,2}звинувачен\w*|звинувачен\w* (?:\w+ ){0,3}підтвердж\w*|"
            r"anklage\w* (?:\w+ ){0,3}bestatig\w*|bestatig\w* (?:\w+ ){0,3}anklage\w*|"
            r"suclama\w* (?:\w+ ){0,2}onaylan\w*|تثبیت التهم|تایید التهم|تایید اتهامات|"
            r"айыптар\w* (?:\w+ )?расталды"
        ),
    ),
    (
        "counts",
        words(
            r"counts|how many charges|number of charges|cargos|пункт\w*|эпизод\w*|"
            r"anklagepunkt\w*|chefs "
            r"d'accusation|sayida|madde\w*|بند|تهمه"
        ),
    ),
    (
        "fitness",
        words(
            r"fit(?:ness)?|unfit|fit to stand|health|competent|dementia|incapable|вменяем\w*|"
            r"невменяем\w*|дееспособ\w*|здоров\w*|verhandlungsfahig\w*|gesundheit|apte|inapte|"
            r"apto|incapaz|saglik\w*|اهلیه|صحه|سلامت|денсаулы\w*"
        ),
    ),
    (
        "unfit",
        words(
            r"unfit|not fit|incapable|too (?:ill|sick|old|frail)|dementia|невменяем\w*|"
            r"недееспособ\w*|nicht verhandlungsfahig|inapte|no apto|incapaz|"
            r"غیر صالح|ناتوان"
        ),
    ),
    (
        "conviction",
        words(
            r"convict\w*|(?<!plead )(?<!pleads )(?<!pleaded )guilty|verdict|judgm?ents?|"
            r"condemned|осуд\w*|osudil\w*|osudyat|"
            r"осужден\w*|засуд\w*|verurteil\w*|schuldig|condamne\w*|condena\w*|culpable|"
            r"mahkum\w*|suclu|ادین|ادانه\w*|محکوم\w*|сотталды|соттолду|айыпты"
        ),
    ),
    (
        "acquittal",
        words(
            r"acquit\w*|cleared|оправда\w*|виправда\w*|freigesprochen|acquitte\w*|absuelt\w*|"
            r"beraat\w*|تبرئه|برائت"
        ),
    ),
    (
        "sentence",
        words(
            r"sentenc\w*|how many years|how long (?:in|did|will)|years? in (?:jail|prison)|"
            r"prison term|jail term|приговор\w*|срок\w*|сколько лет|скільки років|вирок\w*|"
            r"peine|strafe|haftstrafe|wie viele jahre|condena|cuantos anos|hapis cezasi|kac yil|"
            r"چند سال|کم سنه|حکم|қанша жыл\w*|канча жыл\w*|жылга|жылға"
        ),
    ),
    (
        "appeal",
        words(
            r"appeal(?:s|ed|ing)?(?! chamber)|апелляц\w*|апеляц\w*|berufung|revision|appel|"
            r"recurso|apelacion\w*|itiraz\w*|istinaf|استئناف|تجدید نظر|апелляция\w*"
        ),
    ),
    (
        "custody",
        words(
            r"custody|in detention|still detained|remains? detained|in jail|in prison|"
            r"behind bars|in the hague|at the hague|in hague|locked up in|(?:handed over|"
            r"surrendered|transferred) to (?:the )?(?:icc|hague|court)|в гааге|v gaage|"
            r"в тюрьм\w*|под стражей|в гаазі|під вартою|in haft|in den haag|inhaftiert|"
            r"detenu|en detention|a la haye|sigue preso|en la haya|carcel|"
            r"gozalti\w*|tutuklu|lahey\w*|cezaevi\w*|محتجز|لاهای|سجن|معتقل|زندان\w*|لاهه\w*|"
            r"қамау\w*|гаагада|камакта"
        ),
    ),
    (
        "appearance",
        words(
            r"first appear\w*|initial appearance|first (?:time )?in front of|in front of (?:the )?"
            r"(?:icc )?judges|before the judges|first hearing|appeared|premiere comparution|"
            r"erstmals|первое появление|впервые предстал"
        ),
    ),
    (
        "judges",
        words(
            r"presiding|who (?:is|are|was|were|'s)(?: the)? (?:\w+ )?judges?|who'?s the "
            r"(?:\w+ )?judge|which judges?|judges? (?:in|on|of|for|hearing) (?:the |his |her |"
            r"their )?(?:case|trial)|(?:case|trial)'?s? judges?|кто (?:\w+ )?суд\w*|хто (?:\w+ )?"
            r"судд\w*|welche richter\w*|quels? juges?|quien(?:es)? (?:es|son) (?:el|los) "
            r"jue(?:z|ces)|hangi hakim\w*|کدام قاضی|من القاضی|من هم القضاه"
        ),
    ),
    (
        "closed",
        words(
            r"(?:case|proceedings|charges|it)(?: \w+){0,3} (?:closed|terminated|ended|over|"
            r"dropped)|(?:closed|terminated|ended|dropped) (?:the )?(?:case|proceedings)|"
            r"case closed|закрыт\w*|прекращ\w*|закрит\w*|"
            r"eingestellt|clos|termine|cerrad[oa]|archivad[oa]|kapan\w*|مغلق|بسته"
        ),
    ),
    (
        "open",
        words(
            r"still (?:open|pending|ongoing|going on)|case (?:is )?(?:still )?open|"
            r"sigue abiert[oa]|noch offen|toujours ouvert\w*"
        ),
    ),
    ("challenge", words(r"challeng\w*|оспар\w*|anfecht\w*|impugn\w*|contest\w*")),
    (
        "challenge_rejected",
        words(
            r"throw out|threw out|thrown out|dismiss\w*|reject\w*|denied|refused|отклон\w*|"
            r"відхил\w*|abgewiesen|rejete\w*|rechaz\w*|reddet\w*"
        ),
    ),
    (
        "interim_release",
        words(
            r"interim release|provisional release|released (?:on bail|pending (?:trial|appeal))|"
            r"on bail|bail|released from (?:custody|detention)|let (?:him|her) out|"
            r"libertad provisional|mise en liberte provisoire|vorlaufige freilassung|"
            r"временн\w* освобожд\w*|тимчасов\w* звільн\w*|tahliye\w*|الافراج المؤقت|"
            r"آزادی موقت"
        ),
    ),
    (
        "in_absentia",
        words(
            r"in absentia|absentia|without being (?:there|present|in court)|"
            r"without (?:him|her|them|the accused|the suspect) (?:being )?"
            r"(?:there|present|in court)|without (?:catching|arresting|capturing|having) "
            r"(?:him|her|them)|in (?:his|her|their) absence|заочно|zaochno|in abwesenheit|"
            r"par contumace|en ausencia|en rebeldia|giyabi\w*|غیابیا|غیابی|сырттай|сыртынан"
        ),
    ),
    (
        "stage",
        words(
            r"what happened (?:to|with)|what stage|which stage|where (?:does|do|is) (?:the |his |"
            r"her |their )?case|status of (?:the |his |her )?case|case status|latest on|"
            r"update on|what(?:'s| is) (?:the )?(?:latest|status)|where things stand|что с|"
            r"что стало|що з|що сталося|was ist mit|ou en est|que paso con|que pasa con|"
            r"ne oldu|ne durumda|چه شد|ماذا حدث|ما الذی حدث|эмне болду|не болды"
        ),
    ),
    (
        "release",
        words(
            r"releas\w*|let (?:\w+ ){1,3}(?:go|walk|leave|escape)|freed|free (?:him|her)|"
            r"deport\w*|flew (?:him|her) (?:back|home)|sent (?:him|her) (?:back|home)|"
            r"освобод\w*|отпусти\w*|отпустил\w*|звільн\w*|відпуст\w*|freigelassen|freilass\w*|"
            r"libere\w*|relache\w*|solto|libero|liberad[oa]|dejo ir|serbest birak\w*|"
            r"اطلق\w*|افرج\w*|آزاد کرد|ازاد کرد|бошат\w*|босат\w*"
        ),
    ),
    (
        "consequence",
        words(
            r"consequences?|trouble|any action|"
            r"what did the (?:icc|court|hague|judges) (?:\w+ )?do|what (?:did )?(?:the )?"
            r"(?:icc|court) do|what happened (?:next|after|then|afterwards)|"
            r"последстви\w*|наслідк\w*|наказ\w*|konsequenz\w*|folgen|consecuencias|"
            r"que hizo la (?:cpi|corte)|que s'est il passe|que s'est-il passe|sonuc\w*|"
            r"ماذا فعلت|چه کرد|что сделал\w*|що зробил\w*|що зробив|"
            r"what happened to (?:\w+ ){1,3}(?:after|when)"
        ),
    ),
    (
        "sanction",
        words(
            r"sanction\w*|punish\w*|penalt\w*|fined|a fine|наказа\w*|наказан\w*|санкци\w*|"
            r"санкці\w*|покаран\w*|bestraft|strafe\w*|sanktion\w*|puni\w*|sancion\w*|castig\w*|"
            r"multa\w*|cezalandir\w*|yaptirim\w*|عقوب\w*|جریمه|مجازات|жаза\w*|санкция\w*"
        ),
    ),
    (
        "withdrawal",
        words(
            r"left|leave|leaving|quit\w*|withdr\w*|quitting|exit\w*|retire\w*|"
            r"se retire|retir\w*|austritt|verlassen|вышл\w*|выход\w*|вийшл\w*|cekil\w*|"
            r"انسحب\w*|خروج|خارج"
        ),
    ),
    (
        "escape",
        words(
            r"off the hook|dodge\w*|escape\w*|get away|evade\w*|avoid (?:the )?(?:icc|court|case|"
            r"prosecution|investigation)|избежать|уйти от|уникнути|kacabilir|kurtul\w*|الافلات|"
            r"فرار|entkommen|echapper|escapar|eludir"
        ),
    ),
    (
        "continues",
        words(
            r"still (?:investigate|prosecute|try|charge|go after|have jurisdiction|has "
            r"jurisdiction|keep)|seguir investigando|seguir juzgando|continu\w* (?:to )?"
            r"(?:investigat\w*|prosecut\w*|enquet\w*|investigar)|keep\w* (?:its )?jurisdiction|"
            r"retain\w* (?:its )?jurisdiction|weiter ermitteln|продолжать|продолжит\w*|"
            r"продовжува\w*|devam ed\w*|ادامه|الاستمرار"
        ),
    ),
    (
        "referral",
        words(
            r"security council|unsc|un refer\w*|refer\w* (?:a |the )?(?:case|situation)|"
            r"send (?:a |the )?case|совбез\w*|совет безопасности|рада безпеки|sicherheitsrat\w*|"
            r"conseil de securite|consejo de seguridad|guvenlik konseyi|مجلس الامن|شورای امنیت"
        ),
    ),
    (
        "declaration",
        words(
            r"12 ?\(3\)|article 12|art\.? ?12|declaration\w*|accept\w* (?:the )?(?:icc'?s? |the "
            r"court'?s? )?jurisdiction|заявлени\w*|заяв\w*|erklarung|declaracion|beyan\w*|اعلان"
        ),
    ),
    (
        "nationals",
        words(
            r"americans|us citizens|us soldiers|us troops|nationals|citizens|soldiers of|"
            r"americains|estadounidenses|amerikaner|американц\w*|amerikalilar\w*|"
            r"آمریکایی\w*|امریکایی\w*|الامریکیین"
        ),
    ),
    (
        "immunity",
        words(
            r"immun\w*|иммунитет\w*|імунітет\w*|immunitat|immunite|inmunidad|dokunulmaz\w*|"
            r"مصونیت|حصانه|иммунитет|sitting (?:head|president|leader)s?|heads? of state|"
            r"staatschef\w*|amtierend\w*"
        ),
    ),
)
"""Cues of each aspect a question may ask about, in any of the bot's languages."""


class _AspectIndex:
    """Which aspects' patterns can match a text, read from the starts of its words: each
    pattern's start keys (``WordPattern.keys``) are indexed once, so that a text looks up its
    words' starts instead of testing forty patterns one by one.
    """

    def __init__(self) -> None:
        self.by_head: dict[str, list[int]] = {}
        self.by_open: dict[str, list[int]] = {}
        self.always: list[int] = []
        for index, (_, pattern) in enumerate(ASPECTS):
            keys = pattern.keys
            if keys is None:
                self.always.append(index)
                continue
            for head in keys.heads:
                self.by_head.setdefault(head, []).append(index)
            for start in keys.open:
                self.by_open.setdefault(start, []).append(index)

    def candidates(self, starts: WordStarts) -> list[int]:
        found = set(self.always)
        for head in starts.heads:
            found.update(self.by_head.get(head, ()))
        if self.by_open:
            for start in starts.short_heads:
                found.update(self.by_open.get(start, ()))
        return sorted(found)


_ASPECT_INDEX: list[_AspectIndex] = []


def aspects_of(text: str, asked: Asked, starts: WordStarts | None = None) -> tuple[Aspect, ...]:
    """What the text asks about: aspects of the first question's main clause first (in the
    order they appear), then the others in the text.
    """
    if not _ASPECT_INDEX:
        _ASPECT_INDEX.append(_AspectIndex())
    starts = starts or WordStarts(text)
    found: list[tuple[bool, int, Aspect]] = []
    for index in _ASPECT_INDEX[0].candidates(starts):
        aspect, pattern = ASPECTS[index]
        match = pattern.search(text)
        if match is None:
            continue
        at = match.start()
        if at < asked.start:  # said before the main clause: is it said in it too?
            inside = pattern.search(text[asked.start : asked.end])
            if inside is not None:
                at = asked.start + inside.start()
        found.append((not asked.start <= at < asked.end, at, aspect))
    return tuple(aspect for _, _, aspect in sorted(found))


PREDICTION = words(
    r"will (?:\w+ ){0,4}(?:ever |really |actually |finally |eventually |one day |someday )?"
    r"(?:stand|face|go on|go to) trial|"
    r"will (?:\w+ ){0,4}(?:ever |really |actually |finally |eventually |one day |someday )?"
    r"(?:be |get )?(?:arrested|caught|captured|detained|jailed|convicted|sentenced|tried|"
    r"extradited|surrendered|handed over|acquitted|freed|released|nabbed|picked up|locked up)|"
    r"will (?:the )?(?:icc|court|judges|they|anyone|someone|[\w-]+) (?:\w+ ){0,2}(?:ever |"
    r"actually |finally |really )?(?:arrest|catch|convict|try|sentence|acquit|release|jail|"
    r"capture|nab|extradite|surrender|hand (?:him|her|them) over)|"
    r"(?:gonna|going to) (?:\w+ ){0,3}(?:arrest|catch|convict|try|jail|nab|hand|capture|"
    r"be arrested|be caught|be convicted|get arrested|get caught|be out|leave)|"
    r"(?<!was )(?<!were )(?<!been )ever (?:be |get )(?:arrested|caught|tried|convicted|jailed)|"
    r"(?:arrested|caught|convicted|tried|jailed) (?:before|by|within) (?:20[2-9]\d|next|the next)|"
    r"(?:chances?|odds|likelihood|probability|likely|unlikely|predict\w*|forecast\w*)|"
    r"will (?:\w+ ){1,4}(?:be out|leave|exit|really leave|actually leave)|"
    r"арестуют|задержат|осудят|посадят|поймают|выдадут|будет (?:\w+ )?(?:арестован|"
    r"осужден|задержан|выдан)\w*|arestuyut|osudyat|posadyat|zaderzhat|kogda nibud|"
    r"когда-нибудь|когда нибудь|заарештують|арештують|засудять|затримають|видадуть|"
    r"коли-небудь|колись|буде (?:\w+ )?(?:заарештован|засуджен)\w*|"
    r"wird (?:\w+ ){0,3}(?:verhaftet|festgenommen|verurteilt|ausgeliefert|gefasst)|jemals|"
    r"eines tages|sera(?:-t-il|-t-elle)? (?:\w+ ){0,2}(?:arrete|condamne|juge|extrade)\w*|"
    r"un jour|arretera|condamnera|jugera|(?:sera|seran|va a ser|van a ser) (?:\w+ ){0,2}"
    r"(?:arrestad|detenid|condenad|juzgad|capturad)\w*|condenaran|arrestaran|detendran|"
    r"juzgaran|capturaran|algun dia|tutuklanacak\w*|yargilanacak\w*|mahkum (?:edilecek|"
    r"olacak)\w*|yakalanacak\w*|teslim edilecek\w*|tutuklayacak\w*|yargilayacak\w*|bir gun|"
    r"سیتم (?:القبض|اعتقال|محاکمه)|سیعتقل\w*|سیحاکم\w*|سیدان|ستعتقل\w*|یوما ما|"
    r"(?:دستگیر|بازداشت|محاکمه|محکوم) خواهد|ұстала ма|ұсталады ма|қамала ма|сотталады ма|"
    r"бір күні|камакка алышат|камакка алынабы|бир күнү"
)
"""A request for a forecast: whether someone will be arrested, tried or convicted, or when."""
SPECULATIVE = words(
    r"ever|one day|someday|eventually|finally|gonna|going to|next time|next year|"
    r"(?:before|by|in) 20(?:2[7-9]|[3-9]\d)|chances?|odds|likely|predict\w*|forecast\w*|"
    r"now that|when will|kogda nibud|когда-нибудь|коли-небудь|jemals|un jour|algun dia|"
    r"bir gun|یوما ما|روزی|бир күнү|бір күні"
)
"""Words that make a question about a state and a suspect a forecast rather than a question
about the state's duty ('is hungary gonna arrest bibi next time')."""
WHY_NOT_ANY = lazy(
    r"(?:почему|pochemu|зачем|чому|warum|wieso|weshalb|pourquoi|por que|neden|niye|nicin|"
    r"لماذا|لیش|چرا|неге|неліктен|эмне үчүн|эмнеге)(?![\w-]).*?(?<![\w-])(?:не|ne|ні|nicht|"
    r"kein\w*|pas|no|nunca|لم|لا|ما|жоқ|жок|\w+(?:ma|me)(?:di|mis|yor)\w*|"
    r"\w+(?:ма|ме|ба|бе|па|пе)(?:ды|ді|ган|ген|ған)\w*|نکرد\w*|نشد\w*|نگرفت\w*|نمی\w*|"
    r"نیست)(?![\w-])|(?<![\w-])(?:why|how come)(?![\w-]).*?(?:n'?t|not|never)(?![\w-])"
)
"""'Why didn't ... arrest' in the bot's other languages (English is ``WHY_NOT``), and the
English negations ``WHY_NOT`` leaves out ('why hasn't he been arrested')."""
ARRESTING = words(
    r"arrest\w*|اعتقل\w*|تعتقل\w*|یعتقل\w*|القبض|بازداشت\w*|دستگیر\w*|ұста\w*|камак\w*|"
    r"tutukla\w*"
)
"""Arrest words the intent cues may not hold, for 'why not' in every language."""
WHY_WORD = words(
    r"why|how come|почему|pochemu|зачем|чому|warum|wieso|weshalb|pourquoi|por que|neden|niye|"
    r"nicin|لماذا|لیش|چرا|неге|неліктен|эмне|эмнеге"
)
"""Any 'why': read first, as the why-not patterns are slow to search."""
WHY_RELEASED = lazy(
    r"(?<![\w-])(?:why|how come|почему|pochemu|чому|warum|wieso|pourquoi|por que|neden|"
    r"لماذا|چرا|неге|эмне үчүн)(?![\w-]).*(?<![\w-])(?:releas\w*|let (?:\w+ ){1,3}(?:go|walk|"
    r"leave|escape)|freed|освобод\w*|отпусти\w*|звільн\w*|freigelassen|libere\w*|relache\w*|"
    r"solto|libero|serbest|اطلق\w*|آزاد|ازاد|бошат\w*)(?![\w-])|(?<![\w-])(?:let|letting) "
    r"(?:\w+ ){1,3}(?:walk|go|leave|escape)\b.*\bwhy(?![\w-])"
)
AFTER_NOT_ARRESTING = words(
    r"(?:didn'?t|did not|didnt|failed to|refused to|wouldn'?t|won'?t|not) (?:\w+ ){0,2}"
    r"(?:arrest\w*|hand\w*|surrender\w*|detain\w*)|hosting|hosted|host|releas\w*|"
    r"not arresting|letting (?:him|her) go|freigelassen|solto|libere\w*|n'a pas arrete|"
    r"no arresto|не арестовал\w*|не заарештувал\w*|لم تعتقل|نکرد"
)
JURISDICTION = words(
    r"jurisdiction\w*|юрисдикц\w*|zustandig\w*|gerichtsbarkeit|jurisdiktion|competen\w*|"
    r"legal basis|basis for (?:the )?(?:warrant|case|investigation)|"
    r"juridiction|jurisdiccion|yargi yetki\w*|yetki\w*|اختصاص|ولایه|صلاحیه|صلاحیت|"
    r"құзырет\w*|on what (?:basis|grounds|authority)|what (?:right|authority|basis)|"
    r"by what right|на каком основании|на якій підставі|mit welchem recht|de quel droit|"
    r"con que derecho|hangi yetki\w*"
)
ACTS_ON = words(
    r"how (?:can|could|does|did|is|come) (?:the )?(?:icc|court|hague|they|it|judges)\b.*|"
    r"how come|(?:go|going|went) after|prosecute\w*|poursuivre|enjuiciar|strafverfolg\w*|"
    r"anklagen|preследовать|преследовать|переслідувати|kovusturma\w*|yargila\w*|karar "
    r"ver\w*|investigat\w*|investigando|ermitteln|enqueter|charge (?:\w+ ){0,3}with|"
    r"tried|being tried|indict\w*|كیف|کیف|چطور|چگونه|nasil|comment|como|wie kann|как (?:\w+ )?"
    r"(?:мус|суд|гаага|может)|як (?:\w+ )?(?:мкс|суд|може)"
)
"""How the Court can act (prosecute, try, charge, investigate) at all: with a non-member or a
withdrawal in the question, a question about jurisdiction."""
NOT_A_MEMBER = words(
    r"never (?:joined|ratified|signed|was a member)|(?:isn'?t|is not|isnt|not|aren'?t|are not|"
    r"wasn'?t|was not) (?:even )?(?:a |an )?(?:member|party|state party|members|parties|in the "
    r"icc)|non-?(?:member|party)|left|quit\w*|withdr\w*|off the hook|dodge|se retire|retire\w*|"
    r"не (?:является|член|участни)\w*|не (?:член|учасни)\w*|kein mitglied|nicht mitglied|"
    r"pas membres?|ne sont pas membres|no es miembro|uye degil\w*|لیس عضوا|لیست عضوا|غیر عضو|"
    r"عضو نیست|"
    r"мүше емес|мүчө эмес"
)


FUTURE = words(r"will|won'?t|shall|gonna|going to|(?:i|he|she|it|we|you|they)'ll")
"""An English question about the future (other languages' forecasts are ``PREDICTION``)."""


def asks_the_future(cues: Cues, asked: Asked) -> bool:
    """Whether the first question is about the future: a Yes or No would be a forecast."""
    text = cues.text
    if PREDICTION.occurs_in(text, cues.word_starts()):
        return True
    clause = text[asked.start : asked.end]
    return FUTURE.search(clause) is not None


def question_type(
    cues: Cues, aspects: tuple[Aspect, ...], *, people: int, countries: int
) -> QuestionType | None:
    """Which kind of answer a question needs beyond its intent (None: the intent's own)."""
    text, starts = cues.text, cues.word_starts()
    kinds = frozenset(aspects)
    if cues.domestic and not cues.icc:
        return None  # 'netanyahu's corruption trial': a national case, not the ICC's
    if (
        PREDICTION.occurs_in(text, starts)
        and "obligation" not in kinds
        and (not (people and countries) or SPECULATIVE.occurs_in(text, starts))
    ):
        return "prediction"
    if people and "challenge" in kinds and not _ABOUT_THE_WARRANT & kinds:
        return "case_stage"  # 'did the appeals chamber throw out his jurisdiction challenge'
    if JURISDICTION.occurs_in(text, starts):
        return "jurisdiction"
    if (people or countries) and _why_not(cues, kinds):
        return "why_not_arrested"
    beyond = kinds & {"referral", "aggression"} or ("immunity" in kinds and not countries)
    if beyond and ("ability" in kinds or ACTS_ON.occurs_in(text, starts)):
        return "jurisdiction"
    if NOT_A_MEMBER.occurs_in(text, starts) and ACTS_ON.occurs_in(text, starts):
        return "jurisdiction"  # 'how can the icc go after putin if russia never joined'

    if "withdrawal" in kinds and kinds & {"escape", "continues"}:
        return "jurisdiction"
    if "declaration" in kinds and "12" in text:
        return "jurisdiction"
    if countries and not people and "ability" in kinds and ACTS_ON.occurs_in(text, starts):
        return "jurisdiction"  # 'can the icc prosecute russians
    if people and _about_the_case(kinds, countries):
        return "case_stage"
    if countries and not people and kinds & {"conviction", "trial", "sentence"}:
        return "case_stage"
    return None


def _about_the_case(kinds: Collection[str], countries: int) -> bool:
    """Whether a question about a person asks where the case stands. With a state named, or
    about the warrant, 'detained' or 'still open' ask about an arrest or the warrant instead.
    """
    case = set(kinds) & CASE_ASPECTS
    if countries:
        if {"obligation", "ability", "can_arrest"} & set(kinds):
            return False
        case &= _CASE_ITSELF
    if "warrant" in kinds or _ABOUT_THE_WARRANT & set(kinds):
        case -= {"custody", "open", "closed"}
        if _ABOUT_THE_WARRANT & set(kinds):
            case -= {"appeal", "challenge", "judges", "stage"}
    return bool(case)


def _why_not(cues: Cues, kinds: Collection[str]) -> bool:
    """'Why didn't Mongolia arrest Putin?', 'why did Italy release Almasri?', 'did Mongolia get
    in trouble for hosting him?'.
    """
    text, starts = cues.text, cues.word_starts()
    if WHY_WORD.occurs_in(text, starts):
        if WHY_RELEASED.search(text) is not None:
            return True
        arrest = cues.arrest or bool({"release", "arrested"} & set(kinds))
        arrest = arrest or ARRESTING.occurs_in(text, starts)
        if arrest and (cues.why_not or WHY_NOT_ANY.search(text) is not None):
            return True
    followed = bool({"consequence", "sanction"} & set(kinds))
    return followed and AFTER_NOT_ARRESTING.occurs_in(text, starts)


CASE_ASPECTS: frozenset[str] = frozenset(CASE_FAMILY) - {"challenge_rejected"}
"""Aspects that ask where a case stands ('challenge_rejected' only qualifies 'challenge')."""
_ABOUT_THE_WARRANT = frozenset(
    {
        "valid",
        "suspended",
        "at_large",
        "genocide",
        "aggression",
        "war_crimes",
        "crimes_against_humanity",
    }
)
_CASE_ITSELF = frozenset(
    {
        "interim_release",
        "trial",
        "conviction",
        "acquittal",
        "sentence",
        "confirmation",
        "counts",
        "fitness",
        "unfit",
        "appeal",
        "judges",
        "challenge",
        "stage",
    }
)
"""Aspects that ask about the case itself, even with a state named."""
