"""Document metadata read from the page's text: title, outlet, authors, date.

Only what the text supports is returned: an empty value beats a guess. The
head of a document is its first lines before the body starts (a summary under
the headline with a byline or date line close below it is not yet the body); a
head line may hold several fields between ` | `. There:
- a date line (`Published: May 19, 2022 04:42 PM`, `October 30, 2023 — 01:30 am EDT`,
  `By Aug 01, 2023 (Gmt+09:00)`, `기사입력:2025.06.16 10:41:02`,
  `Asia-Pacific Research, March 28, 2024`) gives the date, and the outlet when
  a name is left beside it (times, time zones, bylined people and a menu's section such
  as `All News` never are outlets);
- a line that is a known outlet (`data/ingest/outlets.tsv`) or a web address, or
  `Source: X`, gives the outlet; a staff credit (`Illustration: Chen Xia/Global Times`)
  gives it when nothing else in the text does;
- a byline (`By X and Prof. Y`, `By X (Outlet – date)`, `Reporter X`, `Author: X`,
  `By X Posted : date`), a name line above the outlet's name line or with the writer's
  role (`X, Staff Writer`) under the headline, or a correspondent credit (`correspondent
  in Seoul Kim Min]`) gives the authors, without titles; an editor, photographer, source,
  an outlet or its staff (`By Reuters`, `By Reuters Staff`: the outlet) or a bare role
  (`By Staff Reporter`) is no author;
- a relative stamp (`1 day ago`) gives a date of precision `relative`;
- the first line that reads as a headline (no sentence's end but an abbreviation's:
  `... in Oct.`) is the title: not site furniture
  (`data/ingest/furniture.txt`: app prompts, photo and illustration credits), a
  breadcrumb (`Home > Opinion`), a section name (place names and section words:
  `FAR EAST: KOREA REPORT`), a ticker, a bullet, a bracketed note, a one-word tag, a
  photo caption (two sentences, or a line repeated at once but for a headline
  repeated above its date line), a line in another script than the body's, nor the
  start of a sentence broken over lines. A headline with an outlet suffix
  (`Title-Xinhua`) gives way to the same headline without it further down.
Elsewhere in the text: a site notice naming the site (`© 2024 The Korea Herald`,
`Thanks for reading Nikkei Asia`: the boilerplate rules marked `names_site`), a wire
credit at the start of the body (`SEOUL, Nov. 14 (Yonhap) --`, `(Bloomberg) --`; its
month and day give the date when a copyright line states the year), a credit ending
the text (`(Yonhap)`), a closing wire credit's reporters (`(Reporting by A; Editing by
B)` gives A), an author's note (`Jim Pollard is an Australian journalist`, `Editor's
note: X, a commentator for CGTN`, a name line before `The author is ...`, a name line
before an e-mail), and last the outlet's own voice (`told the Global Times`, `,
Kallanish reports.`, `Argus-assessed`, `Rare Earth Exchanges (REEx) probes ...`).
A known outlet is written as its usual short form; any other as the text writes it.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from ..common import countries
from ..common.dates import MONTHS, find_absolute_dates, find_relative_stamp, iso_date
from ..common.phrases import any_of, trie_pattern
from ..common.resources import data_lines, data_rows
from .clean import anchored_at_start, boilerplate_rule, screened_by_first_letter
from .segment import line_sentence_spans

HEAD_LINES = 15
HEAD_CHARS = 12_000
TAIL_LINES = 6
TAIL_CHARS = 2_000
MAX_TITLE_WORDS = 25
MAX_TITLE_CHARS = 200
MAX_DATELINE_WORDS = 8
MENU_ENDINGS = frozenset({"news", "headlines", "stories"})
STANDFIRST_REACH = 6  # lines after a summary under the headline within which its byline or date line follows
PERSON_TITLES = re.compile(r"^(?:prof(?:essor)?|dr|mr|mrs|ms|miss|sir|dame|rev|amb(?:assador)?)\.?\s+", re.IGNORECASE)
BYLINE = re.compile(
    r"^(?:[-•·]\s*)?(?:by|written by|words by|authors?|reporters?)\s*:?\s+(?P<names>.+?)"
    r"(?:\s*[(\[](?P<credit>[^()\[\]]{2,80})[)\]])?\s*$",
    re.IGNORECASE,
)
# `By Kim Min Posted : May 3, 2023`, `By Kim Min, May 3, 2023`, `Source: Xinhua Updated: ...`: what is left of
# a byline or source line glued to a date line once the date's label and the separators before it are cut off.
GLUED_FIELD_END = re.compile(
    r"[\s,|·•\-–—]*(?:\b(?:posted|published|updated|modified|input|date)\s*(?:on\s*)?[:：]?\s*)?$", re.IGNORECASE
)
# A byline name ending in a role (`Reuters Staff`, `Staff Reporter`, `Web Desk`, `Kim Min Reporter`): what comes
# before the role is an outlet, a person, or nothing in particular.
ROLE_SUFFIX = re.compile(
    r"^(?P<who>.*?)\s*\b(?:staff(?:\s+(?:writers?|reporters?))?|reporters?|writers?|correspondents?|editors?|desk|team|bureau)$",
    re.IGNORECASE,
)
# A signature line naming the writer and the role (`Kim Min-ji Reporter`, `Kim Min-ji, Staff Writer`).
ROLE_SIGNATURE = re.compile(
    r"^(?P<name>[A-Z][\w'’.-]+(?:[ -][A-Z][\w'’.-]*){1,3}),?\s+(?i:(?:staff\s+)?(?:reporter|correspondent|writer))$"
)
# Reuters' closing credit `(Reporting by A in Seoul and B; Writing by C; Editing by D)`: reporters and writers are authors.
WIRE_REPORTERS = re.compile(r"\((?P<credit>(?:reporting|writing)\b[^()]*\bby\b[^()]*)\)", re.IGNORECASE)
REPORTERS_PART = re.compile(r"^(?:reporting(?: and writing)?|writing) by\s+(?P<names>.+)$", re.IGNORECASE)
NAME_PLACE = re.compile(r"\s+(?:in|from)\s+[A-Z][\w .'’-]*$")
CAPITALS_SIGNATURE = re.compile(r"^[-–—]\s*(?P<name>[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){1,3})\s*$")
NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
NAME = re.compile(r"^[A-Z][\w'’.-]*(?:\s+(?:(?:van|von|de|der|da|di|del|bin|al)\s+)?[A-Z][\w'’.-]*){0,3}$")
BARE_NAME = re.compile(r"^[A-Z][a-z'’]+(?:[ -][A-Z]?[a-z'’]+)?(?:\s+[A-Z][a-z'’]+(?:-[A-Za-z][a-z'’]+)?){1,2}$")
WIRE_CREDIT = re.compile(
    r"^(?:(?P<place>[A-Z][A-Za-z .'-]{1,30}),?\s*(?:(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>[0-3]?\d),?\s*)?)?"
    r"\((?P<outlet>[^()\n]{2,40})\)\s*(?:[A-Z][a-z]{2}\.?\s+[0-3]?\d\s*)?(?:--|[-—–:])"
)
END_CREDIT = re.compile(r"(?:^|[.!?”\"’]\s*)\(?(?P<outlet>[A-Z][\w'’ .&-]{1,40}?)\)?\s*$")
COPYRIGHT_YEAR = re.compile(r"(?:©|\(c\)|copyright)\s*(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)
DATE_LABEL = re.compile(
    r"(?<!\S)(?:published|posted|updated|last updated|last modified|modified|released?|created|date|input|by|기사입력|입력|최종수정|수정|发布时间|更新时间)"
    r"\s*(?:on)?\s*[:：]?\s*",
    re.IGNORECASE,
)
TIME = re.compile(
    r"\b[0-2]?\d:[0-5]\d(?::[0-5]\d)?\s*(?:[ap]\.?m\.?\b)?|\(?\b(?:gmt|utc|kst|cst|jst|edt|est|bst|cet)\b"
    r"\s*(?:[+-]\s*\d{1,2}(?::?\d\d)?)?\)?",
    re.IGNORECASE,
)
WEEKDAY = re.compile(r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?|(?:mon|tues|wednes|thurs|fri|satur|sun)day", re.IGNORECASE)
OUTLET_TRAILER = re.compile(r"[\s,|·•\-–—:()]+$")
OUTLET_LEADER = re.compile(r"^[\s,|·•\-–—:()]+")
WEB_ADDRESS = re.compile(r"[a-z][\w-]*(?:\.[\w-]+)*\.(?:com|net|org|co|kr|cn|jp|news|info|asia)(?:\.[a-z]{2})?", re.IGNORECASE)
FIELD_SPLIT = re.compile(r"\s+\|\s+")
LABEL_PUNCTUATION = re.compile(r"[\s:|/,&·•\-–—]+")
BULLET = re.compile(r"^[•·▪►*]\s*")
BREADCRUMB = re.compile(r"\s*>\s*|\s+/\s+|\s*»\s*")
FIELD_LABEL = re.compile(
    r"^(?P<label>source|editor|photo|credit|illustration|graphic|image|cartoon)\s*:\s*(?P<value>.+)$", re.IGNORECASE
)
# `Chen Xia/Global Times` after `Illustration:` or `Photo:`: a person on the staff of the outlet named after the slash.
STAFF_CREDIT = re.compile(r"^[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}\s*/\s*(?P<outlet>[^/]+)$")
SENTENCE_END = re.compile(r"(?P<word>[\w’']+)[.!?]\s+[A-Z(\[]")
ROLE = (
    r"(?:journalist|analyst|correspondent|reporter|editor|writer|fellow|professor|researcher|director|"
    r"commentator|columnist|economist|scholar|lecturer|contributor|associate|president|founder)"
)
ABOUT_AUTHOR = re.compile(
    r"^(?i:editor['’]?s note\s*:\s*)?(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})(?:\s+is|,)\s+(?:a|an|the)?\b[^.]{0,80}?\b(?i:"
    + ROLE
    + r")s?\b(?P<rest>[^.]{0,120})",
)
THE_AUTHOR = re.compile(r"^the (?:author|writer) is\b(?P<rest>[^.]{0,160})", re.IGNORECASE)
AFFILIATION = re.compile(r"\b(?:of|for|at|with)\s+(?:the\s+)?(?P<outlet>[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,5})")
EMAIL = re.compile(r"^\S+@\S+\.\w+$")
# The outlet speaking of itself (`told the Global Times`, `, Kallanish reports.`, `Argus-assessed prices`), each
# pattern behind a word a line must hold for it to match.
OWN_VOICE = (
    ("told ", re.compile(r"\btold (?:the )?(?P<outlet>[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3})")),
    (" reports.", re.compile(r",\s*(?P<outlet>[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3}) reports\.")),
    ("-assessed", re.compile(r"\b(?P<outlet>[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3})-assessed\b")),
)
# `Rare Earth Exchanges (REEx) probes ...`: a line opening with the outlet presenting its own analysis.
OWN_ANALYSIS = re.compile(
    r"(?P<outlet>[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3})(?:\s+\([A-Za-z]{2,8}\))?\s+"
    r"(?:probes|examines|explores|analy[sz]es|reviews|investigates|unpacks)\b"
)
SCRIPTS = (("latin", re.compile(r"[A-Za-z]")), ("hangul", re.compile(r"[가-힣]")), ("han", re.compile(r"[一-鿿]")))


@dataclass(frozen=True)
class Metadata:
    """What the text of a document says about it."""

    title: str = ""
    outlet: str = ""
    authors: tuple[str, ...] = ()
    published: str = ""
    date_precision: str = ""
    published_text: str = ""


@cache
def outlet_names() -> dict[str, str]:
    """Lower-cased outlet name, short form or alias -> the outlet's usual short form."""
    names: dict[str, str] = {}
    for row in data_rows("ingest/outlets.tsv"):
        short = row.get("short") or row["name"]
        for alias in [row["name"], short, *(row.get("aliases") or "").split("|")]:
            if alias.strip():
                names[alias.strip().lower()] = short
    return names


@cache
def furniture() -> re.Pattern[str]:
    """Head lines of site furniture (`data/ingest/furniture.txt`), never a title."""
    return re.compile("|".join(f"(?:{line})" for line in data_lines("ingest/furniture.txt")), re.IGNORECASE)


@cache
def abbreviations() -> frozenset[str]:
    """Words a period follows without ending a sentence (`data/ingest/abbreviations.txt`)."""
    return frozenset(data_lines("ingest/abbreviations.txt"))


@cache
def correspondent_pattern() -> re.Pattern[str]:
    """`correspondent [in PLACE] NAME]` as in wire and Global Times credits."""
    places = "|".join(re.escape(p) for p in sorted(data_lines("ingest/places.txt"), key=len, reverse=True))
    return re.compile(
        r"(?:correspondent|reporter|writer)s?(?:\s+(?:in|from)\s+(?:" + places + r"))?\s+"
        r"(?P<name>[A-Z][a-z]+(?:[ -][A-Z]?[a-z]+){1,2})\s*[\]|:)]"
    )


class _Reading:
    """The fields found so far; the first found of each wins."""

    def __init__(self) -> None:
        self.outlet = ""
        self.staff_outlet = ""  # named by a staff credit (`Illustration: Chen Xia/Global Times`): the last resort
        self.authors: list[str] = []
        self.published, self.precision, self.published_text = "", "", ""

    def take_outlet(self, outlet: str) -> None:
        self.outlet = self.outlet or outlet

    def take_date(self, date: str, precision: str, surface: str) -> None:
        if not self.published and not (self.published_text and precision == "relative"):
            self.published, self.precision, self.published_text = date, precision, surface


def read_metadata(text: str, reference: dt.date | None) -> Metadata:
    """Read title, outlet, authors and publication date from normalised text."""
    # Only the head and the tail are read: splitting them alone keeps a long document cheap.
    head = _lines(text[:HEAD_CHARS])[:HEAD_LINES]
    tail_start = max(0, len(text) - TAIL_CHARS)
    tail = _lines(text[tail_start:])[1 if tail_start else 0 :][-TAIL_LINES:]  # a line cut at the start is dropped
    found = _Reading()
    candidates: list[str] = []
    seeking_title = True
    body_script = _script(next((line for line in head if _starts_body(line)), ""))
    first_body, body_at, standfirst = "", len(head), False
    for index, line in enumerate(head):
        if _starts_body(line):
            if candidates and not standfirst and _fields_follow(head, index):
                standfirst = True  # a summary under the headline, above the byline and the date
                continue
            first_body, body_at = line, index
            break  # the body has started
        fields = FIELD_SPLIT.split(BULLET.sub("", line))
        if len(fields) == 1 and seeking_title and not _read_field(line, fields[0], found, reference):
            following = head[index + 1] if index + 1 < len(head) else ""
            if following[:1].islower() or line[:1].islower():
                seeking_title = False  # a sentence broken over lines: the body has started
            elif candidates and (signed := _signature(head, index)):
                found.authors.append(signed)  # under the headline: `Kim Min` above the outlet, `Kim Min Reporter`
            elif not _caption_repeat(head, index) and is_headline(line, body_script) and not section_label(line):
                candidates.append(line)
                if len(line.split()) <= 2 and is_headline(following, body_script) and not _is_field(following):
                    candidates.pop()  # a section tag (`Battery materials`) above the headline
            continue
        for field in fields:
            _read_field(line, field, found, reference)
    _read_site_notices(head[:body_at] + tail, found)
    _read_wire_credit(first_body, head + tail, found)
    _read_reporters(tail, found)
    _read_notes(head + tail, found)
    credit = correspondent_pattern().search(text[:400])
    if credit:
        found.authors.append(credit["name"])
    if not found.outlet:
        _read_own_voice(head + tail, found)
    found.take_outlet(found.staff_outlet)
    return Metadata(
        title=_title(candidates),
        outlet=found.outlet,
        authors=tuple(dict.fromkeys(found.authors)),
        published=found.published,
        date_precision=found.precision,
        published_text=found.published_text,
    )


def _lines(text: str) -> list[str]:
    """The non-blank lines of a text, stripped."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def _is_field(line: str) -> bool:
    """A byline, a date line, a labelled field or an outlet's name rather than text."""
    return bool(read_byline(line) or read_dateline(line, None) or FIELD_LABEL.match(line) or known_outlet(line))


def _fields_follow(head: list[str], index: int) -> bool:
    """Whether a field line follows the line at `index` closely, before any other line of running text."""
    for line in head[index + 1 : index + 1 + STANDFIRST_REACH]:
        if _starts_body(line):
            return False
        if _is_field(line):
            return True
    return False


def _signature(head: list[str], index: int) -> str:
    """The writer a line under the headline names: a name line above the outlet's name line (`Kim Min` /
    `The Korea Herald`, repeated or not), or a name with the writer's role (`Kim Min, Staff Writer`)."""
    line = head[index]
    role = ROLE_SIGNATURE.match(line)
    if role:
        return _capitalised(role["name"])
    following = next((later for later in head[index + 1 :] if later != line), "")
    return line if BARE_NAME.match(line) and known_outlet(following) else ""


def _caption_repeat(head: list[str], index: int) -> bool:
    """A line repeated at once, as photo captions are; a headline repeated above its date line or byline is not."""
    line = head[index]
    following = head[index + 1] if index + 1 < len(head) else ""
    previous = head[index - 1] if index else ""
    if line == following:
        after = head[index + 2] if index + 2 < len(head) else ""
    elif line == previous:
        after = following
    else:
        return False
    return not _is_field(after)


@cache
def section_words() -> re.Pattern[str]:
    """A place name (`data/common/countries.tsv`, `data/ingest/places.txt`), a region or a section word
    (`data/ingest/section_words.txt`), as a whole word in any case."""
    words = {form.surface for form in countries.vocabulary()} | set(data_lines("ingest/places.txt"))
    words |= set(data_lines("ingest/section_words.txt"))
    return re.compile(r"(?<!\w)(?:" + trie_pattern(words, fold_case=True) + r")(?!\w)", re.IGNORECASE)


def _menu_item(name: str) -> bool:
    """A site menu's section beside a date (`Business 14:02 ...`, `All News 09:32 ...`), not an outlet: one
    section word, or section words ending in `News`, `Headlines` or `Stories`."""
    words = name.split()
    return bool(words) and section_label(name) and (len(words) == 1 or words[-1].lower() in MENU_ENDINGS)


def section_label(line: str) -> bool:
    """A site section or column name: nothing but place names and section words (`FAR EAST: KOREA REPORT`)."""
    return not LABEL_PUNCTUATION.sub("", section_words().sub("", line))


def _starts_body(line: str) -> bool:
    """A line of running text (long, and no site furniture such as a cookie notice)."""
    return len(line.split()) > MAX_TITLE_WORDS and not furniture().fullmatch(line) and not boilerplate_rule(line)


def _read_field(line: str, field: str, found: _Reading, reference: dt.date | None) -> bool:
    """Read one head field into `found`; whether it was a metadata field (so no title)."""
    field = field.strip()
    if not field or boilerplate_rule(field):
        return True
    glued = _glued_fields(field)
    if glued:
        for part in glued:
            _read_field(line, part, found, reference)
        return True
    byline = read_byline(field)
    if byline:
        names, credit = byline
        found.authors += names
        if credit:
            _read_field(line, credit, found, reference)
        return True
    signature = CAPITALS_SIGNATURE.match(field)
    if signature:
        found.authors.append(_capitalised(signature["name"]))
        return True
    dateline = read_dateline(field, reference)
    if dateline:
        outlet, date, precision, surface = dateline
        found.take_outlet(outlet)
        found.take_date(date, precision, surface)
        return True
    labelled = FIELD_LABEL.match(field)
    if labelled:
        value = labelled["value"].strip(" .")
        staff = STAFF_CREDIT.match(value)
        if labelled["label"].lower() == "source":
            found.take_outlet(known_outlet(value) or (value if is_outlet_name(value) else ""))
        elif staff and not found.staff_outlet:
            found.staff_outlet = known_outlet(staff["outlet"])
        return True
    known = known_outlet(field) or (field if WEB_ADDRESS.fullmatch(field) else "")
    if known:
        found.take_outlet(known)
        return True
    return bool(furniture().fullmatch(field))


def _glued_fields(field: str) -> tuple[str, str] | None:
    """(byline or source line, date line) of the two glued on one line (`By Kim Min Posted : May 3, 2023, 09:30`,
    `Source: Xinhua Updated: 2024-01-02`)."""
    if field[:3].lower() != "by " and field[:7].lower() != "source:":
        return None
    dates = find_absolute_dates(field)
    first = GLUED_FIELD_END.sub("", field[: dates[0].start]) if dates else ""
    if not first or not (read_byline(first) or FIELD_LABEL.match(first)):
        return None
    return first, field[len(first) :]


def read_byline(line: str) -> tuple[list[str], str] | None:
    """(author names without titles, the credit in brackets after them) of a byline, else None.

    An outlet's staff (`By Reuters Staff`) is no author: the outlet is the credit."""
    match = BYLINE.match(line)
    if not match or len(line.split()) > 20:
        return None
    names = [
        _capitalised(PERSON_TITLES.sub("", part.strip()))
        for part in NAME_SPLIT.split(match["names"].strip(" .,"))
        if part.strip()
    ]
    if not names or not all(NAME.match(name) for name in names):
        return None
    read = [_byline_name(name) for name in names]
    outlets = [outlet for _, outlet in read if outlet]
    return [author for author, _ in read if author], match["credit"] or (outlets[0] if outlets else "")


def _byline_name(name: str) -> tuple[str, str]:
    """(author, outlet) a byline's name stands for: a person (`Kim Min`, `Kim Min Reporter`), an outlet or its
    staff (`Reuters`, `Reuters Staff`), or neither (`Staff Reporter`, `Web Desk`)."""
    if known_outlet(name):
        return "", known_outlet(name)
    role = ROLE_SUFFIX.match(name)
    if not role:
        return name, ""
    who = role["who"].strip(" ,")
    if known_outlet(who):
        return "", known_outlet(who)
    return (who, "") if len(who.split()) >= 2 and NAME.match(who) else ("", "")


def read_dateline(line: str, reference: dt.date | None) -> tuple[str, str, str, str] | None:
    """(outlet, iso date, precision, surface) of a short field that is mainly a date."""
    words = len(line.split())
    if words > 2 * MAX_DATELINE_WORDS:
        return None  # fast path: labels and a second date (`Updated: ...`) at most double a date line
    dates = find_absolute_dates(line)
    if dates:
        first = dates[0]
        rest = "".join(line[a:b] for a, b in _gaps(line, [(d.start, d.end) for d in dates]))
        date, precision, surface = first.iso, first.precision, line[first.start : first.end]
    elif words > MAX_DATELINE_WORDS:
        return None
    else:
        stamp = find_relative_stamp(line, reference)
        if not stamp:
            return None
        rest = line[: stamp.start] + " " + line[stamp.end :]
        date, precision, surface = stamp.iso, stamp.precision, line[stamp.start : stamp.end]
    rest = DATE_LABEL.sub(" ", TIME.sub(" ", rest))
    rest = OUTLET_LEADER.sub("", OUTLET_TRAILER.sub("", rest.strip()))
    if len(rest.split()) > MAX_DATELINE_WORDS or rest and not is_outlet_name(rest):
        return None
    return known_outlet(rest) or ("" if _menu_item(rest) or WEEKDAY.fullmatch(rest) else rest), date, precision, surface


def _gaps(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans of `text` between the given ones (sorted, not overlapping)."""
    gaps, at = [], 0
    for start, end in spans:
        gaps.append((at, start))
        at = end
    return [*gaps, (at, len(text))]


def is_outlet_name(text: str) -> bool:
    """A short run of capitalised words (or a web address), as publishers' names are."""
    words = text.split()
    if len(words) == 1 and WEB_ADDRESS.fullmatch(text):
        return True
    return 0 < len(words) <= 6 and all(w[0].isupper() or w in {"of", "the", "and", "&"} for w in words)


def known_outlet(line: str) -> str:
    """The outlet's short form when the line is just a known outlet's name."""
    return outlet_names().get(line.strip().rstrip(".").strip().lower(), "")


def is_headline(line: str, body_script: str = "") -> bool:
    """A short line not ending like a sentence of running text, nor a caption, tag, ticker or crumb."""
    words = line.split()
    if not (2 <= len(words) <= MAX_TITLE_WORDS and len(line) <= MAX_TITLE_CHARS) or line[-1] in ",;:":
        return False
    if line[-1] == "." and words[-1].lower().rstrip(".") not in abbreviations():
        return False  # a sentence, unless the line ends with an abbreviation (`... in Oct.`)
    if furniture().fullmatch(line) or BULLET.match(line) or line[0] in "-–—+" or _bracketed(line):
        return False
    if len(BREADCRUMB.split(line)) > 1 and all(len(part.split()) <= 4 for part in BREADCRUMB.split(line)):
        return False
    numbers = sum(any(c.isdigit() for c in w) and not any(c.isalpha() for c in w) for w in words)
    if numbers * 2 >= len(words):
        return False  # a ticker: `KOSPI 2745.05 +10.69 +0.39%`
    script = _script(line)
    return not _two_sentences(line) and script != "mixed" and (not body_script or script == body_script)


def _bracketed(line: str) -> bool:
    """A note in brackets (`(ATTN: UPDATES with details throughout)`), not `[Column] Title`."""
    return line[0] in "([" and line[-1] in ")]" and line.count(line[0]) == 1


def _two_sentences(line: str) -> bool:
    """A sentence ends inside the line (`... Seoul, Nov. 6. Yonhap`), as in photo captions."""
    for match in SENTENCE_END.finditer(line):
        word = match["word"]
        if word.lower() not in abbreviations() and not (len(word) == 1 and word.isupper()):
            return True
    return False


def _script(line: str) -> str:
    """`latin`, `hangul`, `han`, `mixed` (more than one), or empty (no letters)."""
    scripts = [name for name, pattern in SCRIPTS if pattern.search(line)]
    return scripts[0] if len(scripts) == 1 else ("mixed" if scripts else "")


def _title(candidates: list[str]) -> str:
    """The first candidate, or the same headline further down without an outlet suffix (`Title-Xinhua`)."""
    if not candidates:
        return ""
    first = candidates[0]
    for later in candidates[1:]:
        suffix = first[len(later) :].strip(" -–—|:")
        if first.startswith(later) and suffix and known_outlet(suffix):
            return later
    return first


def _capitalised(name: str) -> str:
    """`ZHU WENQIAN` -> `Zhu Wenqian`; names already in mixed case are kept."""
    if not name.isupper():
        return name
    return " ".join(word[0] + word[1:].lower() for word in name.split())


def _read_wire_credit(first_body: str, ends: list[str], found: _Reading) -> None:
    """The outlet (and date) of `SEOUL, Nov. 14 (Yonhap) --`, `(Bloomberg) --`; the outlet of a credit ending the text."""
    wire = WIRE_CREDIT.match(first_body)
    if wire and (known_outlet(wire["outlet"]) or is_outlet_name(wire["outlet"])):
        found.take_outlet(known_outlet(wire["outlet"]) or wire["outlet"].strip())
        month = wire["month"] and not found.published and wire["month"].lower() in MONTHS
        # a copyright line sits at the head or the end of a page
        years = {m["year"] for line in ends for m in COPYRIGHT_YEAR.finditer(line)} if month else set()
        if month and len(years) == 1:
            date = iso_date({"year": years.pop(), "month": wire["month"], "day": wire["day"]})
            if date:
                found.take_date(*date, first_body[wire.start("month") : wire.end("day")])
    end = END_CREDIT.search(ends[-1][-60:]) if ends else None
    if end and known_outlet(end["outlet"]):
        found.take_outlet(known_outlet(end["outlet"]))


def _read_notes(near: list[str], found: _Reading) -> None:
    """Authors (and their outlet) from notes about them in the head or at the end of the text."""
    described = set()
    for index, line in enumerate(near):
        about = ABOUT_AUTHOR.match(line)
        the_author = THE_AUTHOR.match(line)
        following = near[index + 1] if index + 1 < len(near) else ""
        if about:
            described.add(about["name"])
            _read_affiliation(about["rest"], found)
        elif the_author and index and BARE_NAME.match(near[index - 1]):
            found.authors.append(near[index - 1])
            _read_affiliation(the_author["rest"], found)
        elif BARE_NAME.match(line) and EMAIL.match(following):
            found.authors.append(line)
    for line in near:
        if line in described:
            found.authors.append(line)  # a name line the text describes as its author
    if described and not found.authors:  # else the loop below adds nobody
        for line in near:
            about = ABOUT_AUTHOR.match(line)
            if about and about["name"] in described and not found.authors:
                found.authors.append(about["name"])


def _read_affiliation(rest: str, found: _Reading) -> None:
    """The outlet an author note names (`... for CGTN`, `... of the JoongAng Ilbo`), when it is known."""
    for match in AFFILIATION.finditer(rest):
        words = match["outlet"].split()
        for size in range(len(words), 0, -1):
            known = known_outlet(" ".join(words[:size]))
            if known:
                found.take_outlet(known)
                return


def _read_own_voice(lines: list[str], found: _Reading) -> None:
    """A known outlet speaking of itself in the head or at the end: `told the Global Times`, `, Kallanish
    reports.`, `Argus-assessed prices`, `Rare Earth Exchanges (REEx) probes ...`."""
    voiced = (m for line in lines for word, pattern in OWN_VOICE if word in line for m in pattern.finditer(line))
    analyses = (m for line in lines if (m := OWN_ANALYSIS.match(line)))
    for match in (*voiced, *analyses):
        words = match["outlet"].split()
        for size in range(len(words), 0, -1):
            known = known_outlet(" ".join(words[:size]))
            if known:
                found.take_outlet(known)
                return


@cache
def site_notice_rules() -> tuple[frozenset[str], re.Pattern[str], re.Pattern[str]]:
    """The boilerplate rules whose sentences name the site itself (copyright, subscription, sign-off lines),
    marked `names_site` in `data/ingest/boilerplate.tsv`, and two screens that together match where any of
    them does (as the cleaner screens all rules: those anchored at the start apart, the others behind a
    test of their first letters)."""
    rows = [row for row in data_rows("ingest/boilerplate.tsv") if row["names_site"] == "yes"]
    patterns = [re.compile(row["pattern"], re.IGNORECASE) for row in rows]
    anchored = [pattern for pattern in patterns if anchored_at_start(pattern.pattern)]
    unanchored = [pattern for pattern in patterns if pattern not in anchored]
    screen = screened_by_first_letter(any_of(unanchored), unanchored)
    return frozenset(row["rule"] for row in rows), any_of(anchored), screen


@cache
def outlet_mention() -> re.Pattern[str]:
    """Any name of a known outlet, as whole words in any case."""
    return re.compile(r"(?<!\w)(?:" + trie_pattern(outlet_names(), fold_case=True) + r")(?!\w)", re.IGNORECASE)


def _outlet_in(sentence: str) -> str:
    """The first known outlet a sentence names as a name is written (`The Korea Herald`, `yna.co.kr`), not as a word."""
    for match in outlet_mention().finditer(sentence):
        name = match.group()
        if not name.islower() or "." in name or not name.isascii():
            return known_outlet(name)
    return ""


def _read_site_notices(lines: list[str], found: _Reading) -> None:
    """The outlet a copyright, subscription or sign-off sentence names (`© 2024 The Korea Herald`)."""
    rules, anchored, unanchored = site_notice_rules()
    for line in lines:
        if not (anchored.match(line) or unanchored.search(line)):
            continue  # one test of the whole line rules out most lines
        for start, end in line_sentence_spans(line):
            if boilerplate_rule(line[start:end]) in rules and (outlet := _outlet_in(line[start:end])):
                found.take_outlet(outlet)
                return


def _read_reporters(tail: list[str], found: _Reading) -> None:
    """Reporters and writers of a closing wire credit: `(Reporting by A in Seoul and B; Editing by C)` gives A, B."""
    for match in (m for line in tail for m in WIRE_REPORTERS.finditer(line)):
        for part in match["credit"].split(";"):
            reporters = REPORTERS_PART.match(part.strip())
            if reporters:
                names = (NAME_PLACE.sub("", name.strip(" .")) for name in NAME_SPLIT.split(reporters["names"]))
                found.authors += [name for name in names if NAME.match(name)]
