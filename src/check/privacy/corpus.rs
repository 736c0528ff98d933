//! The detectors measured on a generated corpus: for each of identity numbers, mobiles, bank
//! cards and landlines, at least 2,000 positives in every spelling people use and at least 2,000
//! hard negatives (numbers that look like the real thing), each embedded in a Chinese sentence or
//! a table row. Recall must be 100% and precision at least 99.9%. Deterministic: a seeded
//! splitmix64 makes the data. Run with `--nocapture` to read the figures.

use super::*;
use jiff::civil::{Date, date};

/// The day the corpus is checked on: births after this year are implausible.
const TODAY: Date = date(2026, 3, 2);

/// The scanner as the corpus sees it: as of `TODAY`.
fn scan_today(text: &str, ctx: &Context) -> Vec<Finding> {
    scan_as_of(text, ctx, TODAY)
}

/// splitmix64, behind a `Cell` so that draws can nest (`rng.digits(rng.range(2, 7))`).
struct Rng(std::cell::Cell<u64>);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(std::cell::Cell::new(seed))
    }

    fn next(&self) -> u64 {
        let mut z = self.0.get().wrapping_add(0x9E37_79B9_7F4A_7C15);
        self.0.set(z);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&self, n: u64) -> u64 {
        self.next() % n
    }

    /// Uniform in `lo..=hi`.
    fn range(&self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    fn pick<'a, T>(&self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }

    fn digits(&self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }

    /// A real calendar date with its year in `years`.
    fn date_in(&self, years: (u64, u64)) -> String {
        let y = self.range(years.0, years.1) as i16;
        let m = self.range(1, 12) as i8;
        let last = date(y, m, 1).days_in_month();
        let d = self.range(1, last as u64) as i8;
        format!("{y:04}{m:02}{d:02}")
    }
}

const PROVINCES: [u64; 37] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 11, 44, 33,
];

/// Two-digit prefixes that are no province.
const NOT_PROVINCES: [u64; 20] = [
    10, 16, 17, 19, 20, 24, 28, 30, 38, 40, 47, 49, 55, 58, 60, 66, 70, 75, 83, 99,
];

fn check_char(base17: &str) -> char {
    const W: [u64; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u64 = base17
        .bytes()
        .zip(W)
        .map(|(b, w)| u64::from(b - b'0') * w)
        .sum();
    b"10X98765432"[(sum % 11) as usize] as char
}

/// An 18-character identity number with the right check character.
fn id18(rng: &Rng, province: u64, birth: &str) -> String {
    let base = format!("{province:02}{}{birth}{}", rng.digits(4), rng.digits(3));
    let c = check_char(&base);
    format!("{base}{c}")
}

/// Whether an 18-digit number has an identity number's region and a calendar date (any year
/// 1800–2099): such a number is ambiguous, neither a clean card positive nor a clean negative.
fn id_shaped(d: &str) -> bool {
    let ok = |r: std::ops::Range<usize>| d[r].parse::<i16>().ok();
    d.len() == 18
        && valid_region(&d[..2])
        && matches!(
            (ok(6..10), ok(10..12), ok(12..14)),
            (Some(y @ 1800..=2099), Some(m), Some(dd)) if Date::new(y, m as i8, dd as i8).is_ok()
        )
}

fn luhn_complete(body: &str) -> String {
    (0..10)
        .map(|c| format!("{body}{c}"))
        .find(|s| luhn(s))
        .unwrap()
}

fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32('０' as u32 + (c as u32 - '0' as u32)).unwrap(),
            'X' => 'Ｘ',
            c => c,
        })
        .collect()
}

/// Splits `s` into groups of the given sizes (the last group takes the rest) joined by `sep`.
fn grouped(s: &str, sizes: &[usize], sep: &str) -> String {
    let mut out = String::new();
    let mut at = 0;
    for (i, n) in sizes.iter().enumerate() {
        if at >= s.len() {
            break;
        }
        if i > 0 {
            out.push_str(sep);
        }
        let end = if i + 1 == sizes.len() {
            s.len()
        } else {
            (at + n).min(s.len())
        };
        out.push_str(&s[at..end]);
        at = end;
    }
    if at < s.len() {
        out.push_str(sep);
        out.push_str(&s[at..]);
    }
    out
}

/// In groups of four (the last one shorter).
fn fours(s: &str, sep: &str) -> String {
    let groups: Vec<&str> = s
        .as_bytes()
        .chunks(4)
        .map(|g| std::str::from_utf8(g).unwrap())
        .collect();
    groups.join(sep)
}

/// Sentences and table rows with one `{}` for the number. Some put other numbers right next to
/// it, separated by a space only.
const SENTENCES: [&str; 10] = [
    "家长：张三，身份证号{}，联系地址见学籍表。",
    "学生李小明（{}）申请一档助学金，经班级评议通过。",
    "如对公示结果有异议，请联系{}（工作日8:00-17:30）。",
    "备注：{}\n",
    "{}",
    "经核实，王芳同学登记的信息为{}，特此说明。",
    "2025年9月1日 {} 已登记",
    "序号12 {} 2025级",
    "监护人：赵六 {}\n下一行",
    "附件《名单-{}》请下载查阅。",
];

const ROWS: [&str; 4] = [
    "| 1 | 张三 | 三年级（2）班 | {} | 500元 |",
    "| 赵六 | {} | 2025-09-01 |",
    "| 王五 | 父亲 | {} |",
    "| 12 | {} | 2025 |",
];

/// CSV rows, scanned as a table.
const CSV: [&str; 2] = ["张三,男,{},2025-09-01", "2,李四,{},已审核"];

/// Where a generated number goes, and whether it was planted as a positive.
struct Sample {
    /// What kind of number it is, for the per-kind figures.
    kind: &'static str,
    text: String,
    table: bool,
    /// Byte range of the number (positives only).
    planted: Option<(usize, usize)>,
}

fn embed(rng: &Rng, (kind, number): (&'static str, String), positive: bool, rows: bool) -> Sample {
    let number = number.as_str();
    let (template, table) = match (rows, rng.below(4)) {
        (true, 0) => (*rng.pick(&CSV), true),
        (true, _) => (*rng.pick(&ROWS), false),
        (false, 0) => (*rng.pick(&ROWS), false),
        (false, _) => (*rng.pick(&SENTENCES), false),
    };
    let at = template.find("{}").unwrap();
    Sample {
        kind,
        text: template.replacen("{}", number, 1),
        table,
        planted: positive.then_some((at, at + number.len())),
    }
}

/// (true positives, false negatives, false positives) of `code` over the samples, with a few
/// examples of each kind of error.
fn measure(name: &str, code: Code, samples: &[Sample]) -> (usize, usize, usize) {
    let started = std::time::Instant::now();
    let (mut tp, mut fnn, mut fp) = (0, 0, 0);
    let mut examples = Vec::new();
    // Per kind: samples, misses, false positives.
    let mut kinds: Vec<(&str, bool, usize, usize, usize)> = Vec::new();
    for s in samples {
        let (before_fnn, before_fp) = (fnn, fp);
        let ctx = Context {
            table: s.table,
            ..Default::default()
        };
        let found: Vec<Finding> = scan_today(&s.text, &ctx)
            .into_iter()
            .filter(|f| f.code == code)
            .collect();
        let overlaps = |f: &Finding, (a, b): (usize, usize)| f.start < b && a < f.end;
        match s.planted {
            Some(p) => {
                if found.iter().any(|f| overlaps(f, p)) {
                    tp += 1;
                } else {
                    fnn += 1;
                    if examples.len() < 4 {
                        examples.push(format!("missed: {}", s.text));
                    }
                }
                let extra = found.iter().filter(|f| !overlaps(f, p)).count();
                fp += extra;
                if extra > 0 && examples.len() < 8 {
                    examples.push(format!("flagged beside: {}", s.text));
                }
            }
            None => {
                fp += found.len();
                if !found.is_empty() && examples.len() < 8 {
                    examples.push(format!("flagged: {} → {:?}", s.text, found[0].masked));
                }
            }
        }
        let positive = s.planted.is_some();
        let k = match kinds.iter().position(|k| k.0 == s.kind && k.1 == positive) {
            Some(k) => k,
            None => {
                kinds.push((s.kind, positive, 0, 0, 0));
                kinds.len() - 1
            }
        };
        kinds[k].2 += 1;
        kinds[k].3 += fnn - before_fnn;
        kinds[k].4 += fp - before_fp;
    }
    let recall = tp as f64 / (tp + fnn).max(1) as f64 * 100.0;
    let precision = tp as f64 / (tp + fp).max(1) as f64 * 100.0;
    let positives = samples.iter().filter(|s| s.planted.is_some()).count();
    println!(
        "{name:<10} positives {positives:>5}  negatives {:>5}  recall {recall:>7.3}%  precision {precision:>7.3}%  (missed {fnn}, false positives {fp}; scanned in {:?})",
        samples.len() - positives,
        started.elapsed()
    );
    for (kind, positive, n, missed, flagged) in kinds {
        let sign = if positive { "+" } else { "-" };
        println!("    {sign} {kind:<36} {n:>5}  missed {missed:>4}  false positives {flagged:>4}");
    }
    for e in examples {
        println!("    e.g. {e}");
    }
    (tp, fnn, fp)
}

fn assert_figures(name: &str, code: Code, samples: &[Sample]) {
    let (tp, fnn, fp) = measure(name, code, samples);
    assert_eq!(fnn, 0, "{name}: recall below 100% ({fnn} missed)");
    assert!(
        fp * 1000 <= tp + fp,
        "{name}: precision below 99.9% ({fp} false positives for {tp} hits)"
    );
}

const N: usize = 2400;

fn id_spelling(rng: &Rng, id: &str, i: usize) -> (&'static str, String) {
    match i % 7 {
        0 | 1 => ("plain", id.to_string()),
        2 => ("lowercase x", id.to_lowercase()),
        3 => ("G + number", format!("G{id}")),
        4 => ("full-width", full_width(id)),
        5 => ("6-8-4 with spaces", grouped(id, &[6, 8, 4], " ")),
        _ => {
            let sep = *rng.pick(&["-", "  ", "."]);
            (
                "6-8-4 with - or double spaces or .",
                grouped(id, &[6, 8, 4], sep),
            )
        }
    }
}

#[test]
fn identity_numbers_on_the_generated_corpus() {
    let rng = Rng::new(0x1D_2026);
    let mut samples = Vec::new();
    for i in 0..N {
        let p = *rng.pick(&PROVINCES);
        let birth = if i % 10 == 0 {
            // This year, up to today.
            format!("2026{:02}{:02}", rng.range(1, 2), rng.range(1, 28))
        } else {
            rng.date_in((1900, 2025))
        };
        let id = id18(&rng, p, &birth);
        let (kind, s) = id_spelling(&rng, &id, i);
        let digits_len = s.strip_prefix('G').unwrap_or(&s).len();
        let mut sample = embed(&rng, (kind, s), true, i % 3 == 0);
        // The G is part of the registration number, not of the identity number.
        if let Some((_, b)) = sample.planted {
            sample.planted = Some((b - digits_len, b));
        }
        samples.push(sample);
    }
    for i in 0..N {
        let (kind, id) = match i % 6 {
            // Born before 1900: valid check digit, but nobody alive.
            0 => (
                "born before 1900",
                id18(&rng, *rng.pick(&PROVINCES), &rng.date_in((1800, 1899))),
            ),
            // Born in the future.
            1 => (
                "born in a future year",
                id18(&rng, *rng.pick(&PROVINCES), &rng.date_in((2027, 2099))),
            ),
            // No such day.
            2 => {
                let y = rng.range(1950, 2020);
                let (m, d) = *rng.pick(&[(2, 30), (2, 31), (4, 31), (6, 31), (13, 1), (0, 12)]);
                let d = if m == 2 && d == 30 && !y.is_multiple_of(4) {
                    29
                } else {
                    d
                };
                let id = id18(&rng, *rng.pick(&PROVINCES), &format!("{y}{m:02}{d:02}"));
                ("no such day", id)
            }
            // No such province.
            3 | 4 => (
                "no such province",
                id18(&rng, *rng.pick(&NOT_PROVINCES), &rng.date_in((1950, 2020))),
            ),
            // A typo in the check digit (an order number that looks like an identity number).
            _ => {
                let good = id18(&rng, *rng.pick(&PROVINCES), &rng.date_in((1950, 2020)));
                let bad = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']
                    .into_iter()
                    .find(|&c| c != good.chars().last().unwrap())
                    .unwrap();
                ("check digit wrong", format!("{}{bad}", &good[..17]))
            }
        };
        let (_, s) = id_spelling(&rng, &id, i);
        samples.push(embed(&rng, (kind, s), false, i % 3 == 0));
    }
    assert_figures("id-number", Code::IdNumber, &samples);
}

/// A number shaped like a mobile: 1, then 3–9, then nine digits.
fn mobile_digits(rng: &Rng) -> String {
    format!("1{}{}", rng.range(3, 9), rng.digits(9))
}

#[test]
fn mobiles_on_the_generated_corpus() {
    let rng = Rng::new(0x3B_2026);
    let mut samples = Vec::new();
    for i in 0..N {
        let m = mobile_digits(&rng);
        let s = match i % 14 {
            0 => ("plain", m.clone()),
            1 => ("138-1234-5678", grouped(&m, &[3, 4, 4], "-")),
            2 => ("138 1234 5678", grouped(&m, &[3, 4, 4], " ")),
            3 => ("138.1234.5678", grouped(&m, &[3, 4, 4], ".")),
            4 => ("138  1234  5678", grouped(&m, &[3, 4, 4], "  ")),
            5 => ("138 - 1234 - 5678", grouped(&m, &[3, 4, 4], " - ")),
            6 => ("+86 13812345678", format!("+86 {m}")),
            7 => (
                "+86-138-1234-5678",
                format!("+86-{}", grouped(&m, &[3, 4, 4], "-")),
            ),
            8 => (
                "0086 138.1234.5678",
                format!("0086 {}", grouped(&m, &[3, 4, 4], ".")),
            ),
            9 => ("full-width", full_width(&grouped(&m, &[3, 4, 4], "-"))),
            10 => ("(+86)13812345678", format!("(+86){m}")),
            11 => ("1381 2345 678", grouped(&m, &[4, 4, 3], " ")),
            12 => (
                "followed by 元旦/元月",
                format!("{m}{}", rng.pick(&["元旦", "元月"])),
            ),
            _ => ("138 12345678", grouped(&m, &[3, 8], " ")),
        };
        samples.push(embed(&rng, s, true, i % 3 == 0));
    }
    for i in 0..N {
        let m = mobile_digits(&rng);
        let s = match i % 10 {
            // Amounts: a mobile's worth of digits, but money.
            0 => (
                "amount: 金额…元",
                format!("{}{m}元", rng.pick(&["金额", "金额：", "金额 ", "总金额"])),
            ),
            1 => (
                "amount: …元/万元",
                format!("共支出{m}{}", rng.pick(&["元", "万元", " 元", ".00元"])),
            ),
            2 => (
                "amount: 合计/共计/￥/¥…",
                format!(
                    "{}{m}{}",
                    rng.pick(&["合计：", "共计", "￥", "¥", "合计 ¥", "共计：￥"]),
                    rng.pick(&["", ".00", ".5"])
                ),
            ),
            // Order numbers: the mobile inside a longer run of digits.
            3 => {
                let mut head = rng.digits(rng.range(2, 7) as usize);
                while head.starts_with("86") || head.starts_with("0086") {
                    head = rng.digits(head.len());
                }
                let tail = rng.digits(rng.range(0, 5) as usize);
                ("inside a longer run", format!("订单号{head}{m}{tail}"))
            }
            4 => (
                "inside a hyphenated order number",
                format!("订单号{}-{m}-{}", rng.digits(4), rng.digits(2)),
            ),
            // Dates and times.
            5 => {
                let d = rng.date_in((2000, 2030));
                let (y, mo, dd) = (&d[..4], &d[4..6], &d[6..]);
                let s = match rng.below(4) {
                    0 => format!("{y}-{mo}-{dd} {}:{:02}", rng.range(8, 18), rng.below(60)),
                    1 => format!("{y}.{mo}.{dd}-{y}.{mo}.{dd}"),
                    2 => format!("{y}{mo}{dd}{}", rng.digits(3)),
                    _ => format!("{y}年{}月{}日", mo.trim_start_matches('0'), dd),
                };
                ("dates", s)
            }
            // Eleven digits that do not start like a mobile.
            6 => (
                "starts 10-12",
                grouped(
                    &format!("1{}{}", rng.below(3), rng.digits(9)),
                    &[3, 4, 4],
                    "-",
                ),
            ),
            // Network addresses: 11 digits joined by dots.
            7 => (
                "IP address",
                format!(
                    "服务器{}.{}.{}.{}",
                    rng.range(130, 199),
                    rng.range(10, 99),
                    rng.range(100, 255),
                    rng.range(100, 255)
                ),
            ),
            // Scores: numbers of two and three digits separated by spaces.
            8 => {
                let mut groups = vec![format!("1{}{}", rng.range(3, 9), rng.digits(1))];
                let mut len = 3;
                while len < 11 {
                    let n = match 11 - len {
                        2 | 4 => 2,
                        3 => 3,
                        _ => 2 + rng.below(2) as usize,
                    };
                    groups.push(rng.digits(n));
                    len += n;
                }
                ("scores in a row", format!("各项得分：{}", groups.join(" ")))
            }
            // Decimals.
            _ => ("decimal", format!("比例{}.{}", &m[..4], &m[4..])),
        };
        samples.push(embed(&rng, s, false, i % 3 == 0));
    }
    assert_figures("mobile", Code::Mobile, &samples);
}

/// A Luhn-valid card number of 16–19 digits with an issuer prefix used in China.
fn card_digits(rng: &Rng, len: usize) -> String {
    loop {
        let prefix = match rng.below(8) {
            0..=3 => format!(
                "62{}",
                rng.pick(&[
                    "22", "17", "28", "12", "26", "14", "27", "13", "16", "25", "84"
                ])
            ),
            4 => format!("4{}", rng.digits(3)),
            5 => format!("5{}{}", rng.range(1, 5), rng.digits(2)),
            6 => format!("35{}", rng.range(28, 89)),
            _ => format!("{}{}", rng.pick(&["60", "65"]), rng.digits(2)),
        };
        let body = format!("{prefix}{}", rng.digits(len - prefix.len() - 1));
        let card = luhn_complete(&body);
        if !id_shaped(&card) {
            return card;
        }
    }
}

#[test]
fn bank_cards_on_the_generated_corpus() {
    let rng = Rng::new(0xBA_2026);
    let mut samples = Vec::new();
    for i in 0..N {
        let len = 16 + rng.below(4) as usize;
        let c = card_digits(&rng, len);
        let s = match i % 9 {
            0 | 1 => ("plain", c.clone()),
            8 => ("issuer apart: 622202 1234…", grouped(&c, &[6, 13], " ")),
            2 => ("fours, single spaces", fours(&c, " ")),
            3 => ("fours, double spaces", fours(&c, "  ")),
            4 => ("fours, hyphens", fours(&c, "-")),
            5 => ("fours, dots", fours(&c, ".")),
            6 => ("full-width", full_width(&fours(&c, " "))),
            _ => ("fours, ' - '", fours(&c, " - ")),
        };
        // Sixteen digits in fours, a space, and four more digits read as one account number of 20
        // digits (see `goes_on`): that ambiguous case is not planted.
        let ambiguous = len == 16 && matches!(s.0, "fours, single spaces" | "full-width");
        let mut sample = embed(&rng, s.clone(), true, i % 3 == 0);
        while ambiguous && sample.text.contains(" 2025级") {
            sample = embed(&rng, s.clone(), true, i % 3 == 0);
        }
        samples.push(sample);
    }
    for i in 0..N {
        let s = match i % 10 {
            // Phone numbers.
            0 => {
                let m = mobile_digits(&rng);
                let s = match rng.below(3) {
                    0 => format!("+86 {}", grouped(&m, &[3, 4, 4], " ")),
                    1 => format!("{m} {}", mobile_digits(&rng)),
                    _ => format!("0086  {}", grouped(&m, &[3, 4, 4], "  ")),
                };
                ("phone numbers", s)
            }
            // Identity numbers, right and with a typo, in regions whose codes look like issuers.
            1 | 2 => {
                let p = *rng.pick(&[35, 41, 42, 43, 44, 45, 46, 51, 52, 53, 54, 62, 65]);
                let id = id18(&rng, p, &rng.date_in((1950, 2020)));
                let id = if i % 10 == 2 {
                    let c = (b'0' + ((id.as_bytes()[17] - b'0' + 1) % 10)) as char;
                    format!("{}{c}", &id[..17])
                } else {
                    id
                };
                let kind = if i % 10 == 2 {
                    "identity number, check digit wrong"
                } else {
                    "identity number"
                };
                match rng.below(3) {
                    0 => (kind, id),
                    1 => (kind, grouped(&id, &[6, 8, 4], " ")),
                    _ => (kind, fours(&id, " ")),
                }
            }
            // Amounts written with decimals, several in a row.
            3 => (
                "amounts with decimals in a row",
                (0..rng.range(2, 4))
                    .map(|_| {
                        format!(
                            "{}{}.{:02}",
                            rng.range(4, 6),
                            rng.digits(rng.range(2, 4) as usize),
                            rng.below(100)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            // Order numbers and dates.
            4 => (
                "order number starting with a date",
                format!(
                    "订单号{}{}",
                    rng.date_in((2015, 2026)),
                    rng.digits(rng.range(8, 11) as usize)
                ),
            ),
            // Scores of two digits in a row.
            5 => (
                "two-digit scores in a row",
                (0..rng.range(8, 9))
                    .map(|k| {
                        if k == 0 {
                            format!("{}", *rng.pick(&[45, 51, 53, 62, 65, 35]))
                        } else {
                            format!("{}", rng.range(10, 99))
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            // Accounts (对公账户) of 20–22 digits in fours.
            8 => {
                let prefix = rng.pick(&["62", "4", "35", "52", "65"]);
                let n = rng.range(20, 22) as usize - prefix.len();
                (
                    "account of 20-22 digits in fours",
                    fours(&format!("{prefix}{}", rng.digits(n)), " "),
                )
            }
            // Numbers of four digits in a row.
            9 => (
                "four-digit numbers in a row",
                (0..rng.range(5, 8))
                    .map(|_| rng.range(1000, 9999).to_string())
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            // Card-like numbers that fail Luhn.
            _ => {
                let len = 16 + rng.below(4) as usize;
                let c = card_digits(&rng, len);
                let last = (b'0' + ((c.as_bytes()[c.len() - 1] - b'0' + 1) % 10)) as char;
                let bad = format!("{}{last}", &c[..c.len() - 1]);
                let s = if rng.below(2) == 0 {
                    bad
                } else {
                    fours(&bad, " ")
                };
                ("fails Luhn", s)
            }
        };
        samples.push(embed(&rng, s, false, i % 3 == 0));
    }
    assert_figures("bank-card", Code::BankCard, &samples);
}

#[test]
fn landlines_on_the_generated_corpus() {
    let rng = Rng::new(0x10_2026);
    let mut samples = Vec::new();
    let line = |rng: &Rng| -> (String, String) {
        let area = if rng.below(3) == 0 {
            format!(
                "0{}",
                rng.pick(&["10", "20", "21", "22", "23", "24", "25", "27", "28", "29"])
            )
        } else {
            format!("0{}", rng.range(310, 999))
        };
        let local = format!(
            "{}{}",
            rng.range(2, 8),
            rng.digits(rng.range(6, 7) as usize)
        );
        (area, local)
    };
    for i in 0..N {
        let (area, local) = line(&rng);
        let split = if local.len() == 8 { 4 } else { 3 };
        let (kind, s) = match i % 7 {
            0 => ("0571-88123456", format!("{area}-{local}")),
            1 => ("057188123456", format!("{area}{local}")),
            2 => (
                "0571 8812 3456",
                format!("{area} {} {}", &local[..split], &local[split..]),
            ),
            3 => ("0571.88123456", format!("{area}.{local}")),
            4 => ("0571  88123456", format!("{area}  {local}")),
            5 => (
                "0571-8812-3456",
                format!("{area}-{}-{}", &local[..split], &local[split..]),
            ),
            _ => ("full-width", full_width(&format!("{area}-{local}"))),
        };
        let template = *rng.pick(&ROWS);
        let at = template.find("{}").unwrap();
        samples.push(Sample {
            kind,
            text: template.replacen("{}", &s, 1),
            table: false,
            planted: Some((at, at + s.len())),
        });
    }
    for i in 0..N {
        let (area, local) = line(&rng);
        let (kind, s, in_table) = match i % 6 {
            // Outside a table of people, a landline is the office's contact line.
            0 => ("outside a table", format!("{area}-{local}"), false),
            // Ratios.
            1 => (
                "ratios in a row",
                (0..4)
                    .map(|_| format!("0.{}", rng.digits(2)))
                    .collect::<Vec<_>>()
                    .join(" "),
                true,
            ),
            // International numbers.
            2 => (
                "international",
                format!("0044 20 {} {}", rng.digits(4), rng.digits(4)),
                true,
            ),
            // Mobiles are mobiles.
            3 => (
                "mobile",
                grouped(&mobile_digits(&rng), &[3, 4, 4], "."),
                true,
            ),
            // Dates and amounts.
            4 => (
                "date and ratio",
                format!(
                    "{}.{}.{} 0.{}",
                    rng.range(2000, 2026),
                    rng.range(1, 12),
                    rng.range(1, 28),
                    rng.digits(2)
                ),
                true,
            ),
            // An area code alone, then a room number.
            _ => (
                "area code, then a room",
                format!("{area} 房间{}", rng.digits(3)),
                true,
            ),
        };
        let template = if in_table {
            *rng.pick(&ROWS)
        } else {
            *rng.pick(&SENTENCES)
        };
        samples.push(Sample {
            kind,
            text: template.replacen("{}", &s, 1),
            table: false,
            planted: None,
        });
    }
    assert_figures("landline", Code::Landline, &samples);
}
