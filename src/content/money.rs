//! Money, exactly: amounts are whole fen (分) in an `i64`, parsed from the clerk's text (never
//! through a float), shown as `1,234,567.89`, and written out in Chinese capitals (大写, e.g.
//! 壹仟零伍元整) as finance staff write totals.

use std::fmt;

/// An amount of money in fen. Sums of amounts are exact.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(pub i64);

/// A whole number with thousands separators: 11514 → `11,514`.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Why a text is not an amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("`{0}` is not an amount of money")]
    NotANumber(String),
    #[error("`{0}` has more than two decimal places (amounts are exact to the fen)")]
    TooPrecise(String),
    #[error("`{0}` has misplaced thousands separators")]
    BadGrouping(String),
    #[error("`{0}` is too large: amounts go up to 9,999,999,999,999.99 yuan (under ten trillion)")]
    TooLarge(String),
}

impl AmountError {
    /// Why, in both languages.
    pub fn words(&self) -> crate::diagnostics::Words {
        let zh = match self {
            AmountError::NotANumber(t) => format!("`{t}` 不是金额"),
            AmountError::TooPrecise(t) => format!("`{t}` 超过两位小数（金额精确到分）"),
            AmountError::BadGrouping(t) => format!("`{t}` 的千位分隔符位置不对"),
            AmountError::TooLarge(t) => {
                format!("`{t}` 太大：金额最多 9,999,999,999,999.99 元（不到十万亿）")
            }
        };
        crate::diagnostics::Words::new(self.to_string(), zh)
    }
}

/// The largest amount accepted: ten trillion yuan less a fen, far beyond any school's figures.
/// Sums of up to 922,000 such amounts fit in an `i64`; every sum is checked all the same.
pub const MAX_FEN: i64 = 1_000_000_000_000_000 - 1;

impl Amount {
    pub const ZERO: Amount = Amount(0);

    /// This amount `n` times, exact; `None` beyond what an `i64` of fen holds.
    pub fn checked_times(self, n: u64) -> Option<Amount> {
        i64::try_from(n)
            .ok()
            .and_then(|n| self.0.checked_mul(n))
            .map(Amount)
    }

    /// Parses `1234.5`, `1234.50`, `1,234.50`, `¥1,234.50`, `-12.00`, `300元`, full-width digits.
    pub fn parse(text: &str) -> Result<Amount, AmountError> {
        let bad = || AmountError::NotANumber(text.to_string());
        let s: String = text
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                '．' => '.',
                '，' => ',',
                '－' | '−' => '-',
                c => c,
            })
            .collect();
        let s = s.trim();
        let (negative, s) = match s.strip_prefix('-') {
            Some(rest) => (true, rest.trim_start()),
            None => (false, s),
        };
        let s = s
            .trim_start_matches(['¥', '￥'])
            .trim_start_matches("RMB")
            .trim_start()
            .trim_end_matches('元')
            .trim_end();
        let (int, frac) = match s.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (s, None),
        };
        if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit() || b == b',') {
            return Err(bad());
        }
        if int.contains(',') {
            let mut groups = int.split(',');
            let first = groups.next().unwrap_or("");
            let ok = (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3);
            if !ok {
                return Err(AmountError::BadGrouping(text.to_string()));
            }
        }
        let digits: String = int.chars().filter(|c| *c != ',').collect();
        if digits.len() > 13 {
            return Err(AmountError::TooLarge(text.to_string()));
        }
        let yuan: i64 = digits.parse().map_err(|_| bad())?;
        let fen_part: i64 = match frac {
            None => 0,
            Some(f) if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) => return Err(bad()),
            Some(f) if f.len() > 2 => {
                // Trailing zeros beyond the fen (12.500) are still exact.
                if f[2..].bytes().all(|b| b == b'0') {
                    f[..2].parse().map_err(|_| bad())?
                } else {
                    return Err(AmountError::TooPrecise(text.to_string()));
                }
            }
            Some(f) if f.len() == 1 => f.parse::<i64>().map_err(|_| bad())? * 10,
            Some(f) => f.parse().map_err(|_| bad())?,
        };
        let fen = yuan * 100 + fen_part;
        if fen > MAX_FEN {
            return Err(AmountError::TooLarge(text.to_string()));
        }
        Ok(Amount(if negative { -fen } else { fen }))
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// Exact sum; `None` on overflow.
    pub fn checked_add(self, other: Amount) -> Option<Amount> {
        self.0.checked_add(other.0).map(Amount)
    }

    pub fn checked_sub(self, other: Amount) -> Option<Amount> {
        self.0.checked_sub(other.0).map(Amount)
    }

    /// Exact sum of many amounts; `Err(i)` when adding item `i` overflows.
    pub fn checked_sum<'a>(items: impl IntoIterator<Item = &'a Amount>) -> Result<Amount, usize> {
        let mut total = Amount::ZERO;
        for (i, a) in items.into_iter().enumerate() {
            total = total.checked_add(*a).ok_or(i)?;
        }
        Ok(total)
    }

    /// `1,234,567.89`.
    pub fn display(self) -> String {
        let abs = self.0.unsigned_abs();
        let (yuan, fen) = (abs / 100, abs % 100);
        let sign = if self.0 < 0 { "-" } else { "" };
        format!("{sign}{}.{fen:02}", grouped(yuan))
    }

    /// Chinese capitals (大写金额), e.g. 壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分, 壹仟零伍元整.
    pub fn capitals(self) -> String {
        const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
        const UNITS: [&str; 4] = ["", "拾", "佰", "仟"];
        const SECTIONS: [&str; 5] = ["", "万", "亿", "万亿", "亿亿"];
        let abs = self.0.unsigned_abs();
        let (mut yuan, jiao, fen) = (abs / 100, (abs / 10 % 10) as usize, (abs % 10) as usize);
        let mut out = String::new();
        if self.0 < 0 {
            out.push('负');
        }
        if yuan > 0 {
            let mut groups = Vec::new();
            while yuan > 0 {
                groups.push((yuan % 10_000) as usize);
                yuan /= 10_000;
            }
            let (mut started, mut pending_zero) = (false, false);
            for (section, &g) in groups.iter().enumerate().rev() {
                for pos in (0..4).rev() {
                    let d = g / 10usize.pow(pos as u32) % 10;
                    if d == 0 {
                        pending_zero |= started;
                    } else {
                        if pending_zero {
                            out.push('零');
                        }
                        out.push(DIGITS[d]);
                        out.push_str(UNITS[pos]);
                        started = true;
                        pending_zero = false;
                    }
                }
                if g > 0 {
                    out.push_str(SECTIONS[section]);
                    // Zeros at the end of a section are absorbed by its unit (壹拾万伍仟).
                    pending_zero = false;
                }
            }
            out.push('元');
        }
        match (jiao, fen) {
            (0, 0) if yuan_is_zero(abs) => out.push_str("零元整"),
            (0, 0) => out.push('整'),
            (0, f) => {
                if !yuan_is_zero(abs) {
                    out.push('零');
                }
                out.push(DIGITS[f]);
                out.push('分');
            }
            (j, 0) => {
                out.push(DIGITS[j]);
                out.push_str("角整");
            }
            (j, f) => {
                out.push(DIGITS[j]);
                out.push('角');
                out.push(DIGITS[f]);
                out.push('分');
            }
        }
        out
    }
}

fn yuan_is_zero(abs_fen: u64) -> bool {
    abs_fen < 100
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> Amount {
        Amount::parse(s).unwrap()
    }

    #[test]
    fn parses_the_forms_clerks_write() {
        assert_eq!(a("1234.5"), Amount(123_450));
        assert_eq!(a("1234.50"), Amount(123_450));
        assert_eq!(a("1,234.50"), Amount(123_450));
        assert_eq!(a("¥1,234.50"), Amount(123_450));
        assert_eq!(a("￥ 1,234.50"), Amount(123_450));
        assert_eq!(a("300元"), Amount(30_000));
        assert_eq!(a("１２３．４５"), Amount(12_345));
        assert_eq!(a("-12.00"), Amount(-1_200));
        assert_eq!(a("0.10"), Amount(10));
        assert_eq!(a("12.500"), Amount(1_250));
        assert_eq!(a("999,999,999.99"), Amount(99_999_999_999));
    }

    #[test]
    fn rejects_what_is_not_exact_money() {
        assert_eq!(
            Amount::parse("12.345"),
            Err(AmountError::TooPrecise("12.345".into()))
        );
        assert!(matches!(
            Amount::parse("abc"),
            Err(AmountError::NotANumber(_))
        ));
        assert!(matches!(Amount::parse(""), Err(AmountError::NotANumber(_))));
        assert!(matches!(
            Amount::parse("1.2.3"),
            Err(AmountError::NotANumber(_))
        ));
        assert!(matches!(
            Amount::parse("12,34.00"),
            Err(AmountError::BadGrouping(_))
        ));
        assert!(matches!(
            Amount::parse("1e5"),
            Err(AmountError::NotANumber(_))
        ));
        assert!(matches!(
            Amount::parse("12."),
            Err(AmountError::NotANumber(_))
        ));
        assert!(matches!(
            Amount::parse("9999999999999999"),
            Err(AmountError::TooLarge(_))
        ));
    }

    #[test]
    fn sums_that_floats_get_wrong() {
        assert_eq!(a("0.10").checked_add(a("0.20")).unwrap().display(), "0.30");
        let cents: Vec<Amount> = (0..1000).map(|_| a("0.01")).collect();
        assert_eq!(Amount::checked_sum(&cents).unwrap().display(), "10.00");
        let big = [a("999,999,999.99"), a("0.01")];
        assert_eq!(
            Amount::checked_sum(&big).unwrap().display(),
            "1,000,000,000.00"
        );
        let max = vec![Amount(MAX_FEN); 9_000];
        assert_eq!(Amount::checked_sum(&max).unwrap(), Amount(MAX_FEN * 9_000));
        let overflowing = vec![Amount(MAX_FEN); 10_000];
        assert_eq!(Amount::checked_sum(&overflowing), Err(9_223));
        assert!(Amount::parse("9,999,999,999,999.99").is_ok());
        assert!(matches!(
            Amount::parse("10,000,000,000,000.00"),
            Err(AmountError::TooLarge(_))
        ));
        assert!(matches!(
            Amount::parse("999999999999999.99"),
            Err(AmountError::TooLarge(_))
        ));
    }

    #[test]
    fn displays_with_grouping() {
        assert_eq!(Amount(123_456_789).display(), "1,234,567.89");
        assert_eq!(Amount(5).display(), "0.05");
        assert_eq!(Amount(-100_000).display(), "-1,000.00");
        assert_eq!(Amount(99_999_999_999).display(), "999,999,999.99");
    }

    #[test]
    fn capitals_follow_the_zero_rules() {
        let cases = [
            ("1005", "壹仟零伍元整"),
            ("0", "零元整"),
            ("0.05", "伍分"),
            ("0.50", "伍角整"),
            ("10", "壹拾元整"),
            ("10.50", "壹拾元伍角整"),
            ("1000.05", "壹仟元零伍分"),
            ("1680.32", "壹仟陆佰捌拾元叁角贰分"),
            ("100010", "壹拾万零壹拾元整"),
            ("105000", "壹拾万伍仟元整"),
            ("1000005", "壹佰万零伍元整"),
            ("10000000", "壹仟万元整"),
            ("100000001", "壹亿零壹元整"),
            ("100010000", "壹亿零壹万元整"),
            ("1234567.89", "壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分"),
            (
                "999999999.99",
                "玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分",
            ),
            ("123.45", "壹佰贰拾叁元肆角伍分"),
            ("-20.00", "负贰拾元整"),
        ];
        for (input, want) in cases {
            assert_eq!(a(input).capitals(), want, "{input}");
        }
    }
}
