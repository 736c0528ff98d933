//! The privacy guard (隐私保护): finds identity numbers (GB 11643, check digit verified),
//! mainland mobile numbers, bank card numbers (Luhn), landlines in tables of people, e-mail
//! addresses, home addresses and family-hardship words in text, reporting each at its byte
//! offset with the match masked. Numbers are found through the separators people write inside
//! them (spaces, hyphens, dots, single or repeated) where they group that kind of number.
//! Detection runs on the raw source, so masking for display can never hide a finding.

pub use crate::content::privacy_code::Code;

/// One finding in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: Code,
    /// Byte range in the scanned text.
    pub start: usize,
    pub end: usize,
    /// The match with its middle replaced by `*`.
    pub masked: String,
}

/// What the scanner needs to know about the text.
#[derive(Debug, Clone, Default)]
pub struct Context<'a> {
    /// Numbers and addresses that may be published (official contacts), compared digit for digit.
    pub official: &'a [String],
    /// Student-aid notices: hardship words are flagged.
    pub aid: bool,
    /// The whole text is a table of people (a CSV file).
    pub table: bool,
}

/// A char with its byte offset in the original text, digits normalised (full-width → ASCII).
#[derive(Clone, Copy)]
struct Ch {
    c: char,
    /// Byte offset in the text (texts are far below 4 GiB; half the size of a `usize`).
    at: u32,
}

fn normalise(text: &str) -> Vec<Ch> {
    // Sized for the worst case (all ASCII) up front: growing the vector while decoding was
    // most of the scanner's cost.
    let mut out = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        let c = match c {
            c if c.is_ascii() => c,
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            'Ｘ' => 'X',
            'ｘ' => 'x',
            '＋' => '+',
            '－' | '—' | '‐' | '‑' | '–' => '-',
            '．' => '.',
            '　' | '\u{a0}' => ' ',
            c => c,
        };
        out.push(Ch { c, at: at as u32 });
    }
    out
}

/// GB 11643-1999: region, birth date and check character of an 18-character number. This is the
/// standard's structure (its own example, `440524188001010014`, was born in 1880); the scanner
/// also wants a birth year a living person can have (see [`scan_as_of`]).
pub fn is_valid_id18(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = b[..17]
        .iter()
        .zip(W)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    let check = b"10X98765432"[(sum % 11) as usize];
    b[17].to_ascii_uppercase() == check
        && valid_region(&s[..2])
        && valid_date(&s[6..10], &s[10..12], &s[12..14])
}

/// The legacy 15-digit number (GB 11643-1989): region and a two-digit-year birth date.
pub fn is_valid_id15(s: &str) -> bool {
    s.len() == 15
        && s.bytes().all(|b| b.is_ascii_digit())
        && valid_region(&s[..2])
        && valid_date(&format!("19{}", &s[6..8]), &s[8..10], &s[10..12])
}

fn valid_region(p: &str) -> bool {
    matches!(
        p.parse::<u32>(),
        Ok(11..=15 | 21..=23 | 31..=37 | 41..=46 | 50..=54 | 61..=65 | 71 | 81 | 82)
    )
}

fn valid_date(y: &str, m: &str, d: &str) -> bool {
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i16>(), m.parse::<i8>(), d.parse::<i8>()) else {
        return false;
    };
    (1850..=2100).contains(&y) && jiff::civil::Date::new(y, m, d).is_ok()
}

/// The Luhn check used by bank cards.
pub fn luhn(digits: &str) -> bool {
    let mut sum = 0;
    for (i, b) in digits.bytes().rev().enumerate() {
        let mut d = u32::from(b - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum % 10 == 0
}

/// The length of the country code (`86`, `0086`) before a mainland mobile number, if `d` is one.
fn mobile_prefix(d: &str) -> Option<usize> {
    let p = match d.len() {
        11 => 0,
        13 if d.starts_with("86") => 2,
        15 if d.starts_with("0086") => 4,
        _ => return None,
    };
    let b = &d.as_bytes()[p..];
    (b[0] == b'1' && matches!(b[1], b'3'..=b'9')).then_some(p)
}

fn is_landline(d: &str) -> bool {
    d.starts_with('0') && !d.starts_with("00") && (10..=12).contains(&d.len())
}

/// Keeps `head` and `tail` characters and stars the rest, one star per character.
pub fn mask(s: &str, head: usize, tail: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= head + tail {
        return "*".repeat(chars.len());
    }
    let mut out: String = chars[..head].iter().collect();
    out.extend(std::iter::repeat_n('*', chars.len() - head - tail));
    out.extend(&chars[chars.len() - tail..]);
    out
}

/// Where digit groups meet inside a run.
#[derive(Clone, Copy)]
struct Cut {
    /// Digits before the cut.
    at: usize,
    /// Only spaces: two numbers may meet here (`2025 13812345678`). A hyphen or a dot binds the
    /// groups into one token (`2025-13812345678-01` is an order number).
    loose: bool,
    /// The separator, padded with zeros: a number is written with one kind of separator.
    sep: [u8; MAX_SEPARATOR],
}

/// Digits (and an optional final X) joined by separators: the candidates for numbers.
struct Run {
    /// ASCII digits, then perhaps `X`.
    digits: String,
    /// Index in the normalised chars of each character of `digits`.
    idx: Vec<u32>,
    cuts: Vec<Cut>,
}

/// Where a number may start or end in a run: its ends and its loose cuts.
struct Edge {
    /// Digits before the edge.
    at: usize,
    /// Index in the run's cuts of the first cut after the edge…
    after: usize,
    /// …and of the first cut at or after it.
    before: usize,
}

/// Spaces, hyphens and dots group digits: `138 1234 5678`, `6222  0212 …`, `138.1234.5678`.
fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '.')
}

/// The longest separator between two groups of one number (`138 - 1234 - 5678`). Longer gaps
/// are layout, not grouping.
const MAX_SEPARATOR: usize = 3;

fn is_boundary(c: Option<char>) -> bool {
    !c.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// Digit runs bounded by non-alphanumerics. Separators between digit groups join them (see
/// [`Cut`]); a letter right before a run (`G` + identity number) is allowed.
fn runs(chars: &[Ch]) -> Vec<Run> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].c.is_ascii_digit() {
            i += 1;
            continue;
        }
        let prev = if i > 0 { Some(chars[i - 1].c) } else { None };
        let prev2 = if i > 1 { Some(chars[i - 2].c) } else { None };
        let starts_ok = is_boundary(prev)
            || (prev.is_some_and(|c| c.is_ascii_alphabetic()) && is_boundary(prev2));
        let mut run = Run {
            digits: String::new(),
            idx: Vec::new(),
            cuts: Vec::new(),
        };
        let mut j = i;
        loop {
            while j < chars.len() && chars[j].c.is_ascii_digit() {
                run.digits.push(chars[j].c);
                run.idx.push(j as u32);
                j += 1;
            }
            // An X ends an identity number.
            if j < chars.len()
                && matches!(chars[j].c, 'X' | 'x')
                && is_boundary(chars.get(j + 1).map(|c| c.c))
            {
                run.digits.push('X');
                run.idx.push(j as u32);
                j += 1;
                break;
            }
            let mut k = j;
            while k < chars.len() && k - j < MAX_SEPARATOR && is_separator(chars[k].c) {
                k += 1;
            }
            if k > j && k < chars.len() && chars[k].c.is_ascii_digit() {
                let mut sep = [0; MAX_SEPARATOR];
                for (s, c) in sep.iter_mut().zip(&chars[j..k]) {
                    *s = c.c as u8;
                }
                run.cuts.push(Cut {
                    at: run.digits.len(),
                    loose: chars[j..k].iter().all(|c| c.c == ' '),
                    sep,
                });
                j = k;
                continue;
            }
            break;
        }
        if starts_ok && is_boundary(chars.get(j).map(|c| c.c)) {
            out.push(run);
        }
        i = j.max(i + 1);
    }
    out
}

/// Issuer prefixes of cards used in China: UnionPay 62, Visa 4, Mastercard 51–55,
/// JCB 35, Discover 60/65. Order numbers and dates (20xx…) do not start like this.
fn is_card_prefix(d: &str) -> bool {
    let two: u32 = d[..2].parse().unwrap_or(0);
    d.starts_with('4') || matches!(two, 62 | 51..=55 | 35 | 60 | 65)
}

/// A birth year a person in a notice can have: 1900 up to this year.
fn plausible_birth(y: &str, latest: i16) -> bool {
    y.parse::<i16>().is_ok_and(|y| (1900..=latest).contains(&y))
}

/// An identity number of a living person: GB 11643 structure and a plausible birth year.
fn is_id18_of_someone(d: &str, latest: i16) -> bool {
    is_valid_id18(d) && plausible_birth(&d[6..10], latest)
}

/// An 18-digit number with a region and a calendar date where the birth date goes is an identity
/// number (perhaps with a typo in its check digit, perhaps of nobody alive), not a card.
fn looks_like_id(d: &str) -> bool {
    d.len() == 18 && valid_region(&d[..2]) && valid_date(&d[6..10], &d[10..12], &d[12..14])
}

/// Whether every cut falls where people group this kind of number, so that `172.16.100.200`,
/// `0.85 0.92 0.78 0.66` or a row of scores never join into a phone or card number.
fn cuts_fit(cuts: &[usize], allowed: impl Fn(usize) -> bool) -> bool {
    cuts.iter().all(|&c| allowed(c))
}

/// 18-digit identity numbers: by field (`11 01 05 1949 12 31 002 X`, `110105 19491231 002X`) or
/// in fours.
fn id18_cuts(cuts: &[usize]) -> bool {
    cuts_fit(cuts, |c| matches!(c, 2 | 4 | 6 | 10 | 12 | 14 | 17))
        || cuts_fit(cuts, |c| c.is_multiple_of(4))
}

/// Whether `d`, its groups meeting at `cuts`, has the length and grouping of `code`'s numbers,
/// whatever its check digits say. `d` may end in X (identity numbers only).
fn shaped(code: Code, d: &str, cuts: &[usize]) -> bool {
    let digits = || d.bytes().all(|b| b.is_ascii_digit());
    match code {
        Code::IdNumber => {
            (d.len() == 18 && d[..17].bytes().all(|b| b.is_ascii_digit()) && id18_cuts(cuts))
                || (d.len() == 15
                    && digits()
                    && cuts_fit(cuts, |c| matches!(c, 2 | 4 | 6 | 8 | 10 | 12)))
        }
        // 138 1234 5678, 138 12345678, 1381234 5678 or 1381 2345 678, after the country code.
        Code::Mobile => {
            digits()
                && mobile_prefix(d).is_some_and(|p| {
                    let body: Vec<usize> = cuts.iter().copied().filter(|&c| c != p).collect();
                    cuts_fit(&body, |c| c == p + 3 || c == p + 7) || body == [p + 4, p + 8]
                })
        }
        Code::BankCard => (16..=19).contains(&d.len()) && digits() && card_cuts(cuts),
        // Area code 010 or 02x, else four digits; then 7–8 digits, perhaps as 3+4 or 4+4.
        Code::Landline => {
            let area = if d.starts_with("01") || d.starts_with("02") {
                3
            } else {
                4
            };
            is_landline(d)
                && digits()
                && cuts_fit(cuts, |c| [area, area + 3, area + 4].contains(&c))
        }
        _ => false,
    }
}

/// Cards are written in fours (`6222 0212 3456 7890 128`) or with the issuer's six digits apart
/// (`622202 1234567890128`).
fn card_cuts(cuts: &[usize]) -> bool {
    cuts_fit(cuts, |c| c.is_multiple_of(4)) || cuts == [6]
}

/// Whether `d`, a candidate of `code` together with the group beyond one of its edges (joined by
/// the candidate's own separator), is still grouped as `code`'s numbers are: then it is one longer
/// number that failed the checks (`6222 0212 3456 7890 12`), not a number beside another. Cards
/// go on at any length, so that an account of 20 digits in fours is not taken for a card and a
/// number; other kinds only up to their own length (`138 1234 5678 2025` holds a mobile).
fn goes_on(code: Code, d: &str, cuts: &[usize]) -> bool {
    match code {
        Code::BankCard => d.len() >= 16 && d.bytes().all(|b| b.is_ascii_digit()) && card_cuts(cuts),
        _ => shaped(code, d, cuts),
    }
}

/// Classifies one candidate: `d` is its digits, `cuts` where its groups meet, `table` whether it
/// stands in a table of people.
fn classify(
    d: &str,
    cuts: &[usize],
    latest: i16,
    table: impl Fn() -> bool,
) -> Option<(Code, String)> {
    if shaped(Code::IdNumber, d, cuts) {
        if d.len() == 18 && is_id18_of_someone(d, latest) {
            return Some((Code::IdNumber, mask(d, 4, 4)));
        }
        if d.len() == 15 && is_valid_id15(d) {
            return Some((Code::IdNumber, mask(d, 4, 3)));
        }
    }
    if shaped(Code::Mobile, d, cuts) {
        return Some((Code::Mobile, mask(d, d.len() - 8, 4)));
    }
    if shaped(Code::BankCard, d, cuts) && is_card_prefix(d) && !looks_like_id(d) && luhn(d) {
        return Some((Code::BankCard, mask(d, 6, 4)));
    }
    if shaped(Code::Landline, d, cuts) && table() {
        return Some((Code::Landline, mask(d, 4, 2)));
    }
    None
}

/// Whether the number between chars `first` and `last` is money: followed by 元/万元/亿元 (the
/// unit, not 元旦/元宵/元月) or preceded by 金额/合计/共计/人民币/￥/¥ (a colon or spaces between
/// are allowed).
fn is_amount(chars: &[Ch], first: usize, last: usize) -> bool {
    let mut k = last + 1;
    while chars.get(k).is_some_and(|c| c.c == ' ') {
        k += 1;
    }
    let after = |n: usize| chars.get(k + n).map(|c| c.c);
    let unit = usize::from(matches!(after(0), Some('万' | '亿')));
    if after(unit) == Some('元') && !matches!(after(unit + 1), Some('旦' | '宵' | '月')) {
        return true;
    }
    let mut k = first;
    while k > 0 && matches!(chars[k - 1].c, ' ' | ':' | '：') {
        k -= 1;
    }
    let before = |n: usize| k.checked_sub(n).map(|i| chars[i].c);
    matches!(before(1), Some('￥' | '¥'))
        || matches!(
            (before(2), before(1)),
            (Some('金'), Some('额')) | (Some('合' | '共'), Some('计'))
        )
        || (before(3), before(2), before(1)) == (Some('人'), Some('民'), Some('币'))
}

/// Whether a line reads as a row of a table of people: a Markdown table row whose first cell
/// is not an office (`| 纪检组 | 0898-65230002 |` lists a 监督电话, not someone's home phone).
fn in_table_row(text: &str, at: usize) -> bool {
    let Some(row) = line_around(text, at).trim_start().strip_prefix('|') else {
        return false;
    };
    !is_office(row.split('|').next().unwrap_or("").trim())
}

/// Endings of the names of offices, bodies and services (not of people's names: a one-character
/// ending such as 科 or 会 can end a given name, so it counts only in a name of three or more
/// characters, and 会 only as 工会 or 委员会).
const OFFICE_ENDS: [&str; 22] = [
    "室",
    "科",
    "处",
    "组",
    "局",
    "办",
    "部",
    "中心",
    "委员会",
    "工会",
    "站",
    "所",
    "院",
    "校",
    "厅",
    "委",
    "股",
    "队",
    "馆",
    "热线",
    "电话",
    "信箱",
];

/// Whether a table cell names an office rather than a person.
fn is_office(cell: &str) -> bool {
    cell.chars().count() >= 3 && OFFICE_ENDS.iter().any(|e| cell.ends_with(e))
}

const HARDSHIP: [&str; 13] = [
    "低保",
    "建档立卡",
    "残疾",
    "孤儿",
    "单亲",
    "特困",
    "重病",
    "患病",
    "去世",
    "离异",
    "五保",
    "事实无人抚养",
    "贫困户",
];

/// The tiers of 家庭经济困难 as schools grade them: next to a name (in a row of the list) they
/// tell the family's circumstances, in the notice's prose they only name the programme.
const HARDSHIP_TIERS: [&str; 3] = ["特别困难", "比较困难", "一般困难"];

/// Whether the line around byte `at` is a row of a list: a Markdown table row, a candidate
/// written in the front matter (`- {name: …}`), or any line of a table file.
fn in_list_row(text: &str, at: usize, table: bool) -> bool {
    let line = line_around(text, at).trim_start();
    table || line.starts_with('|') || line.contains("name:")
}

/// The line of `text` that byte `at` is on.
fn line_around(text: &str, at: usize) -> &str {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    &text[start..end]
}

/// Finds e-mail addresses: `local@domain.tld`.
fn emails(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let local = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-');
    let domain = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-');
    let mut out = Vec::new();
    for (at, _) in text.match_indices('@') {
        let mut s = at;
        while s > 0 && local(bytes[s - 1]) {
            s -= 1;
        }
        let mut e = at + 1;
        while e < bytes.len() && domain(bytes[e]) {
            e += 1;
        }
        while e > at + 1 && bytes[e - 1] == b'.' {
            e -= 1;
        }
        let dom = &text[at + 1..e];
        if s < at && dom.contains('.') && !dom.starts_with('.') {
            out.push((s, e));
        }
    }
    out
}

/// `X路X号X室`, `X栋X单元X室`, `X村X组`: addresses finer than the street.
fn addresses(chars: &[Ch]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, ch) in chars.iter().enumerate() {
        // Only 室 and 组 end an address: most characters are passed over here.
        if !matches!(ch.c, '室' | '组') {
            continue;
        }
        let numbered_before = i > 0
            && matches!(
                chars[i - 1].c,
                '0'..='9' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
            );
        if !numbered_before {
            continue;
        }
        let window =
            |n: usize| -> String { chars[i.saturating_sub(n)..i].iter().map(|c| c.c).collect() };
        let hit = match ch.c {
            '室' => {
                let w = window(14);
                w.contains('号') || w.contains('栋') || w.contains('幢') || w.contains("单元")
            }
            '组' => window(8).contains('村'),
            _ => false,
        };
        if hit {
            let start = i.saturating_sub(20);
            // Start the excerpt after the last separator before the match.
            let start = (start..i)
                .rev()
                .find(|&k| {
                    matches!(
                        chars[k].c,
                        '，' | '。' | '：' | ':' | ' ' | '|' | '\n' | '、'
                    )
                })
                .map_or(start, |k| k + 1);
            out.push((chars[start].at as usize, ch.at as usize + ch.c.len_utf8()));
        }
    }
    out
}

fn digits_of(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(c),
            '０'..='９' => Some(char::from(b'0' + (c as u32 - '０' as u32) as u8)),
            _ => None,
        })
        .collect()
}

/// Scans `text` and returns every finding, in order. Birth years up to the current year count
/// (see [`scan_as_of`]).
pub fn scan(text: &str, ctx: &Context) -> Vec<Finding> {
    static TODAY: std::sync::OnceLock<jiff::civil::Date> = std::sync::OnceLock::new();
    // Read once per process, so that every text of a build is judged against the same year (a
    // server running over New Year keeps the old one: only births in the new year go unflagged).
    let today = TODAY.get_or_init(|| {
        let tz = jiff::tz::TimeZone::get("Asia/Shanghai").unwrap_or(jiff::tz::TimeZone::UTC);
        crate::calendar::today(&tz)
    });
    scan_as_of(text, ctx, *today)
}

/// The longest number looked for: a bank card of 19 digits.
const MAX_DIGITS: usize = 19;
/// The shortest: a landline of 10 digits.
const MIN_DIGITS: usize = 10;
/// The most cuts any number is written with: `11 01 05 1949 12 31 002 X`.
const MAX_CUTS: usize = 7;

/// Scans `text` as of `today`: an identity number whose holder would be born after this year (or
/// before 1900) is no identity number. The result depends only on the text, the context and the
/// year of `today`.
pub fn scan_as_of(text: &str, ctx: &Context, today: jiff::civil::Date) -> Vec<Finding> {
    let latest = today.year();
    let chars = normalise(text);
    let official_digits: Vec<String> = ctx
        .official
        .iter()
        .map(|o| digits_of(o))
        .filter(|d| d.len() >= 7)
        .collect();
    let official_lower: Vec<String> = ctx
        .official
        .iter()
        .map(|o| o.trim().to_lowercase())
        .collect();
    let mut out = Vec::new();
    let byte_end = |i: usize| chars.get(i + 1).map_or(text.len(), |c| c.at as usize);
    for run in runs(&chars) {
        // A number starts and ends at a run's ends or where spaces alone separate groups:
        // `2025 13812345678` holds a mobile, `138 1234 5678` is one, and `2025 2026` none.
        let mut edges = vec![Edge {
            at: 0,
            after: 0,
            before: 0,
        }];
        edges.extend(
            run.cuts
                .iter()
                .enumerate()
                .filter(|(_, c)| c.loose)
                .map(|(i, c)| Edge {
                    at: c.at,
                    after: i + 1,
                    before: i,
                }),
        );
        edges.push(Edge {
            at: run.digits.len(),
            after: run.cuts.len(),
            before: run.cuts.len(),
        });
        // The cuts between two edges.
        let inside = |from: usize, to: usize| &run.cuts[edges[from].after..edges[to].before];
        // …counted from the first edge.
        let relative = |from: usize, to: usize| -> Vec<usize> {
            let a = edges[from].at;
            inside(from, to).iter().map(|c| c.at - a).collect()
        };
        let mut e = 0;
        while e + 1 < edges.len() {
            let a = edges[e].at;
            // Candidates end at the edges within reach: no number has more than 19 digits or
            // more than 7 cuts (a long row of short numbers yields none).
            let mut past = e + 1;
            while past < edges.len()
                && edges[past].at - a <= MAX_DIGITS
                && inside(e, past).len() <= MAX_CUTS
            {
                past += 1;
            }
            // The longest number starting here wins.
            let hit = (e + 1..past)
                .rev()
                .map(|f| (f, edges[f].at))
                .take_while(|&(_, b)| b - a >= MIN_DIGITS)
                .find_map(|(f, b)| {
                    let d = &run.digits[a..b];
                    let (first, last) = (run.idx[a] as usize, run.idx[b - 1] as usize);
                    let start = chars[first].at as usize;
                    let table = || ctx.table || in_table_row(text, start);
                    let (code, masked) = classify(d, &relative(e, f), latest, table)?;
                    // A grouped candidate whose grouping, separator and all, goes on past its
                    // edge is part of a longer number (see `goes_on`).
                    let inner = inside(e, f);
                    let longer = |edge: usize, from: usize, to: usize| {
                        let sep = run.cuts[edges[edge].before].sep;
                        !inner.is_empty()
                            && inner.iter().all(|c| c.sep == sep)
                            && goes_on(
                                code,
                                &run.digits[edges[from].at..edges[to].at],
                                &relative(from, to),
                            )
                    };
                    if (e > 0 && longer(e, e - 1, f))
                        || (f + 1 < edges.len() && longer(f, e, f + 1))
                    {
                        return None;
                    }
                    if code == Code::Mobile && is_amount(&chars, first, last) {
                        return None;
                    }
                    Some((f, d, code, masked, start, byte_end(last)))
                });
            let Some((f, d, code, masked, start, end)) = hit else {
                e += 1;
                continue;
            };
            e = f;
            let is_official = official_digits
                .iter()
                .any(|o| d.ends_with(o.as_str()) || o.ends_with(d));
            if is_official && matches!(code, Code::Mobile | Code::Landline) {
                continue;
            }
            out.push(Finding {
                code,
                start,
                end,
                masked,
            });
        }
    }
    for (s, e) in emails(text) {
        let email = &text[s..e];
        if official_lower.iter().any(|o| o == &email.to_lowercase()) {
            continue;
        }
        let (local, domain) = email.split_once('@').unwrap_or((email, ""));
        out.push(Finding {
            code: Code::Email,
            start: s,
            end: e,
            masked: format!("{}@{domain}", mask(local, 1, 0)),
        });
    }
    // Addresses given as a contact (the site's or the notice's) are the school's own.
    let official_places: Vec<String> = ctx
        .official
        .iter()
        .map(|o| o.split_whitespace().collect::<String>())
        .filter(|o| o.chars().count() >= 4)
        .collect();
    for (s, e) in addresses(&chars) {
        let found: String = text[s..e].split_whitespace().collect();
        if official_places
            .iter()
            .any(|o| o.contains(found.as_str()) || found.contains(o.as_str()))
        {
            continue;
        }
        out.push(Finding {
            code: Code::Address,
            start: s,
            end: e,
            masked: mask(&text[s..e], 2, 1),
        });
    }
    if ctx.aid {
        for word in HARDSHIP {
            for (s, _) in text.match_indices(word) {
                out.push(Finding {
                    code: Code::Hardship,
                    start: s,
                    end: s + word.len(),
                    masked: word.to_string(),
                });
            }
        }
        for word in HARDSHIP_TIERS {
            for (s, _) in text.match_indices(word) {
                if in_list_row(text, s, ctx.table) {
                    out.push(Finding {
                        code: Code::Hardship,
                        start: s,
                        end: s + word.len(),
                        masked: word.to_string(),
                    });
                }
            }
        }
    }
    out.sort_by_key(|f| (f.start, f.code));
    out
}

#[cfg(test)]
mod corpus;

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<(Code, String)> {
        scan(text, &Context::default())
            .into_iter()
            .map(|f| (f.code, f.masked))
            .collect()
    }

    #[test]
    fn identity_numbers_with_their_check_digit() {
        for id in [
            "11010519491231002X",
            "440524188001010014",
            "34052419800101001X",
            "11010519491231002x",
        ] {
            assert!(is_valid_id18(id), "{id}");
        }
        assert!(!is_valid_id18("340524198001010013"));
        assert_eq!(
            codes("身份证号：11010519491231002X。"),
            vec![(Code::IdNumber, "1101**********002X".into())]
        );
        assert_eq!(
            codes("学籍号G11010519491231002X"),
            vec![(Code::IdNumber, "1101**********002X".into())]
        );
        assert_eq!(codes("订单号340524198001010013"), vec![]);
        assert_eq!(
            codes("１１０１０５１９４９１２３１００２Ｘ"),
            vec![(Code::IdNumber, "1101**********002X".into())]
        );
        assert_eq!(
            codes("旧证110105491231002"),
            vec![(Code::IdNumber, "1101********002".into())]
        );
    }

    #[test]
    fn mobiles_in_every_spelling() {
        for text in [
            "13812345678",
            "138-1234-5678",
            "138 1234 5678",
            "+86 13812345678",
            "+8613812345678",
            "电话：13812345678。",
        ] {
            let found = codes(text);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(found[0].0, Code::Mobile, "{text}");
            assert!(found[0].1.ends_with("****5678"), "{text}: {found:?}");
        }
        assert_eq!(codes("12812345678"), vec![]);
        assert_eq!(codes("2025 2026学年 2026-2027"), vec![]);
        let official = vec!["138-1234-5678".to_string()];
        let ctx = Context {
            official: &official,
            ..Default::default()
        };
        assert!(scan("监督电话13812345678", &ctx).is_empty());
    }

    #[test]
    fn bank_cards_pass_luhn() {
        assert!(luhn("4111111111111111"));
        assert_eq!(codes("卡号6222 0212 3456 7890 128")[0].0, Code::BankCard);
        assert!(codes("卡号6222021234567890123").is_empty() || !luhn("6222021234567890123"));
    }

    #[test]
    fn landlines_only_in_tables_of_people() {
        assert!(codes("联系电话：0571-88123456").is_empty());
        assert_eq!(codes("| 张三 | 0571-88123456 |")[0].0, Code::Landline);
    }

    #[test]
    fn identity_numbers_need_a_birth_year_of_someone_alive() {
        let on = |text: &str, y: i16| -> Vec<Code> {
            scan_as_of(text, &Context::default(), jiff::civil::date(y, 6, 1))
                .into_iter()
                .map(|f| f.code)
                .collect()
        };
        // The standard's own example was born in 1880: a valid structure, nobody's number.
        assert!(is_valid_id18("440524188001010014"));
        assert_eq!(on("身份证440524188001010014", 2026), vec![]);
        // Born in 2028: not yet in 2026, an identity number in 2030.
        let id = "110105202801010013";
        assert!(is_valid_id18(id));
        assert_eq!(on(id, 2026), vec![]);
        assert_eq!(on(id, 2030), vec![Code::IdNumber]);
        assert_eq!(on("11010519491231002X", 2026), vec![Code::IdNumber]);
        // `scan` judges by this year.
        assert_eq!(codes("身份证440524188001010014"), vec![]);
        assert_eq!(codes("11010519491231002X").len(), 1);
    }

    #[test]
    fn separators_inside_numbers() {
        for text in [
            "138.1234.5678",
            "138  1234  5678",
            "138 - 1234 - 5678",
            "0086 138.1234.5678",
            "1381 2345 678",
        ] {
            let found = codes(text);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(found[0].0, Code::Mobile, "{text}");
        }
        assert_eq!(
            codes("卡号6222  0212  3456  7890  128")[0],
            (Code::BankCard, "622202*********0128".into())
        );
        assert_eq!(codes("卡号6222.0212.3456.7890.128")[0].0, Code::BankCard);
        assert_eq!(codes("| 张三 | 0571.88123456 |")[0].0, Code::Landline);
        assert_eq!(codes("| 张三 | 0571  8812  3456 |")[0].0, Code::Landline);
        // Dots and spaces in other numbers make none.
        for text in [
            "服务器172.16.100.200",
            "各项得分：145 132 128 96",
            "比例1804.7341107",
            "2025.09.01-2025.09.30",
            "| 张三 | 0.85 0.92 0.78 0.66 |",
            "成绩：45 67 89 12 34 56 78 90",
        ] {
            assert_eq!(codes(text), vec![], "{text}");
        }
    }

    #[test]
    fn numbers_beside_other_numbers() {
        let found = codes("联系电话：13812345678 13912345678");
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(codes("2025 13812345678")[0].0, Code::Mobile);
        assert_eq!(
            codes("学生 110105 19491231 002X 2025级")[0].0,
            Code::IdNumber
        );
        // One number with its own grouping is not a card and something else.
        assert_eq!(codes("6284 1317 9480 3459 01"), vec![]);
        assert_eq!(codes("账号：6222 0212 3456 7890 1234"), vec![]);
        // A hyphen binds: an order number.
        assert_eq!(codes("订单号2025-13812345678-01"), vec![]);
    }

    #[test]
    fn money_is_not_a_phone() {
        for text in [
            "金额16075292959元",
            "金额：16075292959.00元",
            "共支出16075292959 万元",
            "合计：¥16075292959",
            "共计￥16075292959",
            "人民币16075292959元",
        ] {
            assert_eq!(codes(text), vec![], "{text}");
        }
        assert_eq!(codes("电话16075292959元旦照常")[0].0, Code::Mobile);
    }

    #[test]
    fn findings_cover_whole_characters() {
        // A full-width number at the end of the text: the range ends on a char boundary, so the
        // report can mask it in the quoted line.
        let text = "电话１３８１２３４５６７８";
        let f = &scan(text, &Context::default())[0];
        assert_eq!(&text[f.start..f.end], "１３８１２３４５６７８");
    }

    #[test]
    fn emails_addresses_and_hardship() {
        let official = vec!["xwgk@qhex.edu.cn".to_string()];
        let ctx = Context {
            official: &official,
            ..Default::default()
        };
        assert!(scan("邮箱：xwgk@qhex.edu.cn", &ctx).is_empty());
        let f = scan("家长邮箱zhang.san@163.com。", &ctx);
        assert_eq!(
            (f[0].code, f[0].masked.as_str()),
            (Code::Email, "z********@163.com")
        );
        assert_eq!(codes("住址：文华路18号3栋2单元501室")[0].0, Code::Address);
        assert_eq!(codes("青禾村三组")[0].0, Code::Address);
        assert!(codes("行政楼二楼财务室").is_empty());
        let aid = Context {
            aid: true,
            ..Default::default()
        };
        assert_eq!(scan("张三（低保户）", &aid)[0].code, Code::Hardship);
        assert!(scan("张三（低保户）", &Context::default()).is_empty());
    }

    #[test]
    fn hardship_tiers_next_to_names_are_family_circumstances() {
        let aid = Context {
            aid: true,
            ..Default::default()
        };
        let hits = |t: &str| {
            scan(t, &aid)
                .iter()
                .filter(|f| f.code == Code::Hardship)
                .count()
        };
        // In a row of the list (a Markdown table, a candidate, a CSV row)…
        assert_eq!(hits("| 1 | 张*明 | 家庭经济特别困难 | 2000 |"), 1);
        assert_eq!(
            hits("  - {name: 张小明, post: 比较困难, result: selected}"),
            1
        );
        let table = Context {
            table: true,
            ..aid.clone()
        };
        assert_eq!(scan("张小明,四（2）班,一般困难", &table).len(), 1);
        // …but not in the notice's prose, which names the programme.
        assert_eq!(hits("对家庭经济特别困难的学生给予生活补助。"), 0);
    }
}
