"""Dates in questions: finding them ('in 2024', 'в марте 2024', 'geçen yıl') and deciding what
they date: the question itself ('as of March 2024, was Hungary a member?') or an event it
mentions ('it quit last year, is it still in?').

Everything here reads folded text (``nlp.normalize.fold``: lower case, no accents, one spelling
of the Arabic script); the word lists are folded the same way when the module is loaded.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import NamedTuple

from nlp.normalize import fold
from nlp.split import asks_question

MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    MONTHS[calendar.month_name[_number].lower()] = _number
    MONTHS[calendar.month_abbr[_number].lower()] = _number

_MONTH_WORDS: tuple[str, ...] = (
    # English (with abbreviations), German, French, Spanish, Turkish, transliterated Russian,
    # Russian, Ukrainian, Kazakh, Arabic (both month series) and Persian, one row per month
    r"jan(?:uary)?|januar|jänner|janvier|enero|ocak\w*|yanvar\w*|январ\w*|січ\w+|қаңтар\w*|"
    r"يناير|كانون الثاني|ژانویه",
    r"feb(?:ruary)?|februar|février|febrero|şubat\w*|fevral\w*|феврал\w*|лют\w+|ақпан\w*|"
    r"فبراير|شباط|فوریه",
    r"mar(?:ch)?|märz|maerz|mars|marzo|mart\w*|март\w*|берез\w+|наурыз\w*|مارس|آذار",
    r"apr(?:il)?|avril|abril|nisan\w*|aprel\w*|апрел\w*|квіт\w+|сәуір\w*|أبريل|ابريل|نيسان|آوریل",
    r"may|mai|mayo|mayıs\w*|maya|мая|май|мае|трав\w+|мамыр\w*|مايو|أيار|مه",
    r"june?|juni|juin|junio|haziran\w*|iyun\w*|июн\w*|черв\w+|маусым\w*|يونيو|حزيران|ژوئن",
    r"july?|juli|juillet|julio|temmuz\w*|iyul\w*|июл\w*|лип\w+|шілде\w*|يوليو|تموز|ژوئیه|جولای",
    r"aug(?:ust)?|août|agosto|ağustos\w*|avgust\w*|август\w*|серп\w+|тамыз\w*|أغسطس|اوت",
    r"sept?(?:ember)?|septembre|septiembre|setiembre|eylül\w*|sentyabr\w*|сентябр\w*|верес\w+|"
    r"қыркүйек\w*|سبتمبر|أيلول|سپتامبر",
    r"oct(?:ober)?|oktober|octobre|octubre|ekim\w*|oktyabr\w*|октябр\w*|жовт\w+|қазан\w*|"
    r"أكتوبر|اكتوبر|تشرين الأول|اکتبر",
    r"nov(?:ember)?|novembre|noviembre|kasım\w*|noyabr\w*|ноябр\w*|листопад\w*|қараша\w*|"
    r"نوفمبر|تشرين الثاني|نوامبر",
    r"dec(?:ember)?|dezember|décembre|diciembre|aralık\w*|dekabr\w*|декабр\w*|груд\w+|"
    r"желтоқсан\w*|ديسمبر|كانون الأول|دسامبر",
)
_MONTH_RES = tuple(re.compile(rf"(?:{fold(words)})$") for words in _MONTH_WORDS)
_MONTH = "(" + "|".join(fold(words) for words in _MONTH_WORDS) + ")"
_ENGLISH_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_YEAR = r"((?:19|20)\d\d)(?!\d)"
"""A year; a suffix may follow it ('2023'te', '2024г', '2024-жылы')."""

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DOTTED = re.compile(rf"\b(\d{{1,2}})\.(\d{{1,2}})\.{_YEAR}")
"""'05.03.2025': day, month, year, as most of Europe writes them."""
_DAY_MONTH_YEAR = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s+(?:of\s+|de\s+)?{_MONTH}\.?,?\s+(?:de\s+|del\s+)?"
    rf"{_YEAR}"
)
_MONTH_DAY_YEAR = re.compile(rf"\b{_ENGLISH_MONTH}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}")
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\.?\s+(?:of\s+|de\s+|del\s+)?{_YEAR}")
_YEAR_ONLY = re.compile(
    rf"\b(?:in|during|since|by|for|of|back in|until|before|after)?\s*(?<!\d){_YEAR}"
)
_MONTH_ONLY = re.compile(
    rf"\b(?:in|during|next)\s+{_ENGLISH_MONTH}\b(?!\s+(?:be|have|not|i|we|you|he|she|they)\b)"
)
_LAST_MONTH_NAMED = re.compile(rf"\b(?:last|this past)\s+{_ENGLISH_MONTH}\b")
"""'last december': the latest December before this month."""

_RELATIVE_WORDS: dict[tuple[str, int], str] = {
    ("day", 0): r"today|tonight|right now|сегодня|сьогодні|heute|aujourd'hui|hoy|bugün|"
    r"اليوم|امروز|бүгін|бүгүн",
    ("day", 1): r"tomorrow|завтра|demain|yarın|غدا|فردا",
    ("day", -1): r"yesterday|вчера|вчора|gestern|ayer|dün|أمس|دیروز|кеше|кечээ",
    ("week", 0): r"this week|на этой неделе|цього тижня|diese woche|cette semaine|esta semana|"
    r"bu hafta|هذا الأسبوع|این هفته",
    ("week", 1): r"next week|на следующей неделе|на будущей неделе|наступного тижня|"
    r"nächste woche|nächsten woche|la semaine prochaine|la próxima semana|la semana que viene|"
    r"gelecek hafta|haftaya|الأسبوع المقبل|الأسبوع القادم|هفته آینده|هفته بعد|келесі аптада|"
    r"кийинки жумада",
    ("week", -1): r"last week|на прошлой неделе|минулого тижня|letzte woche|letzten woche|"
    r"la semaine dernière|la semana pasada|geçen hafta|الأسبوع الماضي|هفته گذشته|هفته پیش|"
    r"өткен аптада|өткөн жумада",
    ("month", 0): r"this month|в этом месяце|цього місяця|diesen monat|ce mois-ci|este mes|"
    r"bu ay|هذا الشهر|این ماه",
    ("month", 1): r"next month|в следующем месяце|наступного місяця|nächsten monat|"
    r"le mois prochain|el próximo mes|el mes que viene|gelecek ay|الشهر المقبل|الشهر القادم|"
    r"ماه آینده|ماه بعد|келесі айда|кийинки айда",
    ("month", -1): r"last month|в прошлом месяце|минулого місяця|letzten monat|le mois dernier|"
    r"el mes pasado|geçen ay|الشهر الماضي|ماه گذشته|ماه پیش|өткен айда|өткөн айда",
    ("year", 0): r"this year|в этом году|этого года|цього року|цьогоріч|dieses jahr|"
    r"diesen jahres|in diesem jahr|cette année|este año|bu yıl|bu sene|هذا العام|هذه السنة|"
    r"امسال|биыл|быйыл",
    ("year", 1): r"next year|в следующем году|в будущем году|наступного року|nächstes jahr|"
    r"im nächsten jahr|kommendes jahr|l'année prochaine|l'an prochain|el próximo año|"
    r"el año que viene|gelecek yıl|gelecek sene|seneye|العام المقبل|العام القادم|"
    r"السنة المقبلة|السنة القادمة|سال آینده|سال بعد|келесі жылы|кийинки жылы|эмдиги жылы",
    ("year", -1): r"last year|в прошлом году|прошлого года|минулого року|торік|"
    r"у минулому році|letztes jahr|letzten jahr|im letzten jahr|voriges jahr|vergangenes jahr|"
    r"im vorjahr|l'année dernière|l'an dernier|l'an passé|el año pasado|geçen yıl|geçen sene|"
    r"العام الماضي|السنة الماضية|سال گذشته|سال پیش|پارسال|өткен жылы|былтыр|өткөн жылы",
}
_RELATIVE: dict[str, tuple[str, int]] = {
    fold(phrase): unit
    for unit, phrases in _RELATIVE_WORDS.items()
    for phrase in phrases.split("|")
}


def _trie(words: list[str]) -> str:
    """An alternation of ``words`` as a regular expression grouped by shared prefixes: the
    same matches as 'a|b|c' (the longest first), tried one character at a time, not one word
    at a time (a flat alternation of a hundred words made this module a parse's slowest step).
    """
    heads: dict[str, list[str]] = {}
    for word in words:
        if word:
            heads.setdefault(word[0], []).append(word[1:])
    alternation = "|".join(re.escape(head) + _trie(rests) for head, rests in heads.items())
    ends_here = "" in words  # a word ends here: what follows is optional
    if len(heads) == 1 and not ends_here:
        return alternation
    return f"(?:{alternation})?" if ends_here else f"(?:{alternation})"


_RELATIVE_RE = re.compile(r"(?<![\w'])(" + _trie(list(_RELATIVE)) + r")\b")


class Period(NamedTuple):
    start: dt.date
    end: dt.date
    text: str


def _month_period(year: int, month: int, text: str) -> Period:
    last = calendar.monthrange(year, month)[1]
    return Period(dt.date(year, month, 1), dt.date(year, month, last), text)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_number(word: str) -> int:
    """The month a matched month name (any language, any case ending) names."""
    return next(n for n, pattern in enumerate(_MONTH_RES, 1) if pattern.match(word))


_DIGIT = re.compile(r"\d")
_WORD_DATE_KEYS = tuple(
    dict.fromkeys(
        [
            *(name[:3] for name in MONTHS),
            *(max(phrase.split(), key=len)[:4] for phrase in _RELATIVE),
        ]
    )
)
"""Substrings without which neither a relative date nor a bare month can be named."""
_WORD_DATE = re.compile(_trie(list(_WORD_DATE_KEYS)))


def find_period(text: str, today: dt.date) -> Period | None:
    """The first date or period mentioned in folded ``text``, resolved against ``today``."""
    if _DIGIT.search(text) is None:
        # every pattern with a day or a year needs a digit; most messages have none
        if _WORD_DATE.search(text) is None:
            return None
        return _word_period(text, today)
    if m := _ISO.search(text):
        day = _safe_date(int(m[1]), int(m[2]), int(m[3]))
        if day:
            return Period(day, day, m[0])
    if m := _DOTTED.search(text):
        day = _safe_date(int(m[3]), int(m[2]), int(m[1]))
        if day:
            return Period(day, day, m[0])
    if m := _DAY_MONTH_YEAR.search(text):
        day = _safe_date(int(m[3]), _month_number(m[2]), int(m[1]))
        if day:
            return Period(day, day, m[0])
    if m := _MONTH_DAY_YEAR.search(text):
        day = _safe_date(int(m[3]), _month_number(m[1]), int(m[2]))
        if day:
            return Period(day, day, m[0])
    if m := _MONTH_YEAR.search(text):
        return _month_period(int(m[2]), _month_number(m[1]), m[0].strip())
    if m := _RELATIVE_RE.search(text):
        return _relative(m[1], today)
    if m := _YEAR_ONLY.search(text):
        year = int(m[1])
        if 1998 <= year <= today.year + 10:
            return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), m[0].strip())
    return _word_period(text, today)


def _word_period(text: str, today: dt.date) -> Period | None:
    """A period named without digits: 'next week', 'last december', 'in October'."""
    if m := _RELATIVE_RE.search(text):
        return _relative(m[1], today)
    if m := _LAST_MONTH_NAMED.search(text):
        month = _month_number(m[1])
        year = today.year if month < today.month else today.year - 1
        return _month_period(year, month, m[0].strip())
    if m := _MONTH_ONLY.search(text):
        return _month_only(m, today, text)
    return None


_PAST = re.compile(
    r"\b(?:was|were|did|didn't|didnt|had|has|have|went|visited|flew|came|met|left|joined|"
    r"travell?ed|happened|been|ago|since|after)\b"
)
"""English words that put a month without a year in the past ('was he in Washington in
February?', 'since the warrant in March')."""


def _month_only(m: re.Match[str], today: dt.date, text: str) -> Period:
    """'in October': the next such month from today (this one if we are in it), or the last
    one (this one if it has begun) when the text speaks of the past.
    """
    month = _month_number(m[1])
    if m[0].startswith("next") or not _PAST.search(text):
        year = today.year if month >= today.month else today.year + 1
    else:
        year = today.year if month <= today.month else today.year - 1
    return _month_period(year, month, m[0].strip())


def _relative(phrase: str, today: dt.date) -> Period:
    unit, offset = _RELATIVE[phrase]
    if unit == "day":
        day = today + dt.timedelta(days=offset)
        return Period(day, day, phrase)
    if unit == "week":
        monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=offset)
        return Period(monday, monday + dt.timedelta(days=6), phrase)
    if unit == "month":
        index = today.year * 12 + today.month - 1 + offset
        return _month_period(index // 12, index % 12 + 1, phrase)
    year = today.year + offset
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), phrase)


# --- what a date dates -------------------------------------------------------------------------


def _words(pattern: str) -> re.Pattern[str]:
    """Folded words or phrases, matched whole."""
    return re.compile(rf"(?<![\w'])(?:{fold(pattern)})(?![\w'])")


_AS_OF = _words(
    r"as of|as at|as on|at the time of|по состоянию на|на момент|станом на|stand|zum stand|"
    r"mit stand|zum zeitpunkt|en date du|à la date du|a fecha de|a día de|اعتبارا من|حتى تاريخ|"
    r"بتاريخ|تا تاریخ|به تاریخ|در تاریخ"
)
"""Words that set the date a question is asked about, before the date ('as of March 2024')."""
_AS_OF_AFTER = _words(r"itibarıyla|itibariyle|itibari ile|жағдай бойынша|карата|абалы боюнча")
"""The same after the date, as Turkish, Kazakh and Kyrgyz put them ('Mart 2024 itibarıyla')."""
_SINCE = _words(
    r"since|ever since|seit|seitdem|depuis|desde|منذ|с|со|начиная с|з|із|від|починаючи з"
)
"""A period that runs up to now ('since 2024'): the question is about today."""
_SINCE_AFTER = _words(r"beri|bu yana|itibaren|бері|бастап|бери|баштап|تاکنون|تا حالا|تا الان")
_NOW = _words(
    r"now|currently|nowadays|today|at the moment|at present|presently|anymore|any more|"
    r"these days|as it stands|as things stand|сейчас|теперь|сегодня|на данный момент|"
    r"в настоящее время|до сих пор|зараз|тепер|сьогодні|наразі|досі|нині|jetzt|heute|derzeit|"
    r"aktuell|momentan|inzwischen|mittlerweile|gegenwärtig|zurzeit|maintenant|aujourd'hui|"
    r"actuellement|désormais|à présent|en ce moment|ahora|hoy|actualmente|a día de hoy|"
    r"en este momento|şimdi|artık|halen|bugün|günümüzde|şu an|şu anda|الآن|حاليا|اليوم|"
    r"في الوقت الحالي|اکنون|هم اکنون|فعلا|امروز|در حال حاضر|حالا|қазір|бүгін|азыр|бүгүн|учурда"
)
"""Words that put the question in the present ('is it in the ICC now?')."""
_EVENT_BEFORE = _words(
    r"(?:for|over|by) (?:not |never )?\w+ing|after|because|following|due to|as a result of|"
    r"in response to|over (?:its|his|her|their|the|that)|за то|из-за|после|потому что|так как|"
    r"в ответ на|за при[её]м\w*|за визит\w*|за те|через те|після|тому що|бо|оскільки|"
    r"у відповідь на|за прийом\w*|за візит\w*|weil|nachdem|wegen|aufgrund|dafür|infolge|"
    r"nach (?:dem|seinem|ihrem|der) \w+|pour (?:l'|les |lui )?(?:avoir|être)|pour ne pas|"
    r"pour n'avoir|après|parce que|parce qu'|à cause|suite à|en raison|"
    r"por (?:haber|no|\w+(?:ar|er|ir)(?:lo|la|le|los|las)?)|tras|después|porque|debido a|"
    r"a raíz de|a causa|بسبب|بعد|لأن|إثر|عقب|جراء|على خلفية|لاستضاف\w*|لاستقبال\w*|"
    r"به خاطر|بخاطر|به دلیل|بعد از|پس از|چون|زیرا|به علت|بابت"
)
"""Words before an event that led to what is asked ('in trouble for hosting him in 2024')."""
_EVENT_AFTER = _words(
    r"için|yüzünden|dolayı|sonra|nedeniyle|sebebiyle|ötürü|үшін|кейін|соң|себебінен|"
    r"салдарынан|үчүн|кийин|себебинен|айынан"
)
"""The same after the event, as Turkish, Kazakh and Kyrgyz put them ('ağırladığı için')."""
_AT_THE_TIME = _words(
    r"when|while|during|at the time|back when|когда|во время|в то время|коли|під час|als|"
    r"während|wenn|zur zeit|quand|lorsque|lorsqu'|pendant|lors|cuando|durante|mientras|عندما|"
    r"حين|حينما|خلال|أثناء|لما|وقتی|هنگامی|زمانی که|در زمان|кезде|кезінде|учурунда|"
    r"\w+[dt][iu]g[iu]n[dt][ae]|iken|sırasında|if|had|если|якщо|якби|falls|si|s'il|eğer|إذا|لو|"
    r"اگر|егер|эгер"
)
"""A clause setting the time or the case of what follows ('when he visited in 2024, was
Mongolia ...', 'if he had gone last year, would ...')."""
_FRAMING = frozenset(
    fold(
        "in on at by as of for during back so and but then ok okay well also even around about "
        "already still the year until till before up to year в во на по к до году года г год "
        "состоянию момент и а но так уже ещё тогда вот у станом році року р рік і й але вже ще "
        "тоді im am an zum zur bis stand mit per jahr jahres und aber also schon noch damals "
        "dem der die das en au aux le la l a dans jusqu date du de des et mais donc alors déjà "
        "encore année an el al del hasta fecha año y pero entonces ya todavía aún pues yılında "
        "yılı yıl itibarıyla ve ama peki o zaman tarihinde tarihi ki daha da de ta te dan den "
        "tan ten في عام سنة العام السنة و ثم حتى من بتاريخ تاريخ در سال تا از به اما ولی жылы "
        "жыл жылғы және бірақ ал сол дейін жана бирок анан ошол чейин"
    ).split()
)
"""Words a clause may hold besides its date and still only frame the next ('back in 2019,')."""
_CLAUSE_BREAK = re.compile(
    r"[.!?;…]+(?=\s|$)|[,:\n]|\s[-–—]\s|(?<=\s)(?=(?:"
    + fold(
        r"so|but|then|therefore|поэтому|так что|но|однако|але|проте|отже|aber|deshalb|"
        r"doch|dann|donc|mais|alors|pero|entonces|así que|por eso|yani|ama|fakat|peki|لكن|لذلك|"
        r"إذن|پس|اما|ولی|сондықтан|бірақ|ошондуктан|бирок"
    )
    + r")\s)|(?<=[\w#])\s(?=(?:is|are|was|were|does|do|did|has|have|will|would|can|could|should|"
    r"must)\s(?:it|he|she|they|there|that|this|we|you)\b)"
)
"""Where one clause ends and the next begins: punctuation, dashes, 'so', 'but', and an English
question ('is it', 'did they') that follows a statement without a comma."""
_SENTENCE_BREAK = re.compile(r"[.!?;…\n]+(?=\s|$)")
_WORD = re.compile(r"[\w']+")
_BEFORE_WORDS = 8
_AFTER_WORDS = 6


def dates_the_question(text: str, date_text: str) -> bool:
    """Whether the date phrase ``date_text`` in folded ``text`` is the time the question asks
    about, not the time of an event it mentions.

    Asked: 'as of March 2024, was Hungary a member?', 'in 2019 would they have had to arrest
    him?', 'was it a member in 2024?', 'when he visited in 2024, did Mongolia have to ...?'.
    An event: a date in a statement beside the question ('it quit last year, is it still
    in?'), before a consequence ('in trouble for hosting him in 2024?'), a period up to now
    ('since 2024') or a question put in the present ('now', 'currently'). A phrase not in
    the text (a follow-up's inherited date) keeps its meaning unless the text says 'now'.
    """
    at = text.find(date_text) if date_text else -1
    if at < 0:
        return not _NOW.search(text)
    end = at + len(date_text)
    near = _Near.of(text, at, end)
    if _AS_OF.search(near.before(3)) or _AS_OF_AFTER.match(near.after):
        return True
    masked = text[:at] + "#" * len(date_text) + text[end:]
    if _SINCE.search(near.before(2)) or _SINCE_AFTER.search(near.after) or _NOW.search(masked):
        return False
    clauses = _clauses(masked)
    asks = [asks_question(clause) for _, clause in clauses]
    if not any(asks):
        return True  # nothing but the date: 'putin mongolia 2024'
    index = next(i for i, (start, clause) in enumerate(clauses) if start + len(clause) > at)
    clause = clauses[index][1]
    if not asks[index]:
        return _frames(clause) or bool(_AT_THE_TIME.search(clause))
    return not (
        _EVENT_BEFORE.search(near.before(_BEFORE_WORDS)) or _EVENT_AFTER.search(near.after)
    )


class _Near(NamedTuple):
    """The words before a date phrase in its sentence, the phrase, and a few words after it."""

    head: list[str]
    phrase: str
    after: str

    @classmethod
    def of(cls, text: str, at: int, end: int) -> _Near:
        starts = [m.end() for m in _SENTENCE_BREAK.finditer(text, 0, at)]
        stop = _SENTENCE_BREAK.search(text, end)
        head = text[starts[-1] if starts else 0 : at].split()
        tail = text[end : stop.start() if stop else len(text)].split()[:_AFTER_WORDS]
        return cls(head, text[at:end], " ".join(tail))

    def before(self, words: int) -> str:
        """The last ``words`` words before the phrase, and the phrase."""
        return " ".join([*self.head[-words:], self.phrase])


def _clauses(text: str) -> list[tuple[int, str]]:
    """The clauses of ``text`` with their offsets (breaks stay with the clause they end)."""
    clauses, start = [], 0
    for m in _CLAUSE_BREAK.finditer(text):
        if m.end() > start:
            clauses.append((start, text[start : m.end()]))
            start = m.end()
    clauses.append((start, text[start:]))
    return [(at, clause) for at, clause in clauses if clause.strip()]


def _frames(clause: str) -> bool:
    """A clause of nothing but its date and framing words ('back in 2019,', 'as of 2024')."""
    return all(word.strip("'") in _FRAMING for word in _WORD.findall(clause.replace("#", " ")))
