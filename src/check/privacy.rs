//! The privacy guard (隐私保护): finds identity numbers (GB 11643, check digit verified),
//! mainland mobile numbers, bank card numbers (Luhn), landlines in tables of people, e-mail
//! addresses, home addresses and family-hardship words in text, reporting each at its byte
//! offset with the match masked. Detection runs on the raw source, so masking for display can
//! never hide a finding.

/// What was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    IdNumber,
    Mobile,
    BankCard,
    Landline,
    Email,
    Address,
    Hardship,
}

impl Code {
    pub const ALL: [Code; 7] = [
        Code::IdNumber,
        Code::Mobile,
        Code::BankCard,
        Code::Landline,
        Code::Email,
        Code::Address,
        Code::Hardship,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Code::IdNumber => "id-number",
            Code::Mobile => "mobile",
            Code::BankCard => "bank-card",
            Code::Landline => "landline",
            Code::Email => "email",
            Code::Address => "address",
            Code::Hardship => "hardship",
        }
    }

    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.key() == s.trim())
    }

    /// Identity, mobile and bank card numbers are errors; the rest are warnings.
    pub fn is_error(self) -> bool {
        matches!(self, Code::IdNumber | Code::Mobile | Code::BankCard)
    }

    pub fn what(self) -> &'static str {
        match self {
            Code::IdNumber => "a resident identity number",
            Code::Mobile => "a mobile phone number",
            Code::BankCard => "a bank card number",
            Code::Landline => "a landline number in a table of people",
            Code::Email => "an e-mail address that is not an official contact",
            Code::Address => "a home address",
            Code::Hardship => "a family-hardship detail in a student-aid notice",
        }
    }

    pub fn hint(self) -> &'static str {
        match self {
            Code::IdNumber => {
                "remove it: identity numbers must never be published (mask it offline if the paper copy needs it)"
            }
            Code::Mobile => {
                "remove it, or declare it as an official contact (`contact:` of the notice or site.yaml) if it is the objection hotline"
            }
            Code::BankCard => "remove it: bank card numbers must never be published",
            Code::Landline => {
                "people's phone numbers do not belong in published lists; keep only the office's contact line"
            }
            Code::Email => {
                "remove it, or list it in the contact of the notice or of site.yaml if it is official"
            }
            Code::Address => {
                "publish addresses only to the township or street (乡镇/街道), never to the house"
            }
            Code::Hardship => {
                "aid lists show the grade and amount only, never 低保/残疾/建档立卡 or other family circumstances (DOMAIN §6)"
            }
        }
    }
}

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
            '－' | '—' | '‐' => '-',
            '　' => ' ',
            c => c,
        };
        out.push(Ch { c, at: at as u32 });
    }
    out
}

/// GB 11643-1999: region, birth date and check character of an 18-character number.
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

fn is_mobile(d: &str) -> bool {
    let d = d
        .strip_prefix("0086")
        .or_else(|| d.strip_prefix("86").filter(|r| r.len() == 11))
        .unwrap_or(d);
    d.len() == 11 && d.starts_with('1') && matches!(d.as_bytes()[1], b'3'..=b'9')
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

/// A run of digits (and an optional final X) possibly joined by single spaces or hyphens.
struct Run {
    digits: String,
    start: usize,
    end: usize,
    /// Whether the run had separators inside.
    grouped: bool,
}

fn is_boundary(c: Option<char>) -> bool {
    !c.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// Digit runs bounded by non-alphanumerics. A single separator between digit groups joins them;
/// a letter right before a run (`G` + identity number) is allowed.
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
        let start = i;
        let mut digits = String::new();
        let mut grouped = false;
        let mut j = i;
        loop {
            while j < chars.len() && chars[j].c.is_ascii_digit() {
                digits.push(chars[j].c);
                j += 1;
            }
            // An X ends an identity number.
            if j < chars.len() && matches!(chars[j].c, 'X' | 'x') && digits.len() == 17 {
                digits.push('X');
                j += 1;
                break;
            }
            if j + 1 < chars.len()
                && matches!(chars[j].c, ' ' | '-')
                && chars[j + 1].c.is_ascii_digit()
            {
                grouped = true;
                j += 1;
                continue;
            }
            break;
        }
        let next = chars.get(j).map(|c| c.c);
        if starts_ok && is_boundary(next) {
            let end = chars.get(j).map_or_else(
                || chars[j - 1].at as usize + chars[j - 1].c.len_utf8(),
                |c| c.at as usize,
            );
            out.push(Run {
                digits,
                start: chars[start].at as usize,
                end,
                grouped,
            });
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

/// An 18-digit number with a plausible region and birth date is an identity number with a typo
/// in its check digit, not a card.
fn looks_like_id(d: &str) -> bool {
    d.len() == 18 && valid_region(&d[..2]) && valid_date(&d[6..10], &d[10..12], &d[12..14])
}

/// Classifies one run of digits.
fn classify_run(d: &str, table: bool) -> Option<(Code, String)> {
    if d.len() == 18 && is_valid_id18(d) {
        return Some((Code::IdNumber, mask(d, 4, 4)));
    }
    if d.len() == 15 && is_valid_id15(d) {
        return Some((Code::IdNumber, mask(d, 4, 3)));
    }
    if is_mobile(d) {
        return Some((Code::Mobile, mask(d, d.len() - 8, 4)));
    }
    if (16..=19).contains(&d.len())
        && d.bytes().all(|b| b.is_ascii_digit())
        && is_card_prefix(d)
        && !looks_like_id(d)
        && luhn(d)
    {
        return Some((Code::BankCard, mask(d, 6, 4)));
    }
    if table && is_landline(d) {
        return Some((Code::Landline, mask(d, 4, 2)));
    }
    None
}

/// Whether a line reads as a row of a table of people (a Markdown table row).
fn in_table_row(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..].trim_start().starts_with('|')
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

/// Scans `text` and returns every finding, in order.
pub fn scan(text: &str, ctx: &Context) -> Vec<Finding> {
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
    for run in runs(&chars) {
        let table = ctx.table || in_table_row(text, run.start);
        let mut hit = classify_run(&run.digits, table);
        // `138 1234 5678` is one number, but `2025 2026` is two years: grouped runs count only
        // when the joined digits make a number.
        if hit.is_none() && run.grouped {
            continue;
        }
        if let Some((code, masked)) = hit.take() {
            let is_official = official_digits
                .iter()
                .any(|o| run.digits.ends_with(o.as_str()) || o.ends_with(run.digits.as_str()));
            if is_official && matches!(code, Code::Mobile | Code::Landline) {
                continue;
            }
            out.push(Finding {
                code,
                start: run.start,
                end: run.end,
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
    for (s, e) in addresses(&chars) {
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
    }
    out.sort_by_key(|f| (f.start, f.code));
    out
}

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
}
