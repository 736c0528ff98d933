//! Dates as the field uses them: parsing front-matter dates in the site's time zone, the
//! working-day calendar (工作日, with holidays and 调休 working weekends) that notice periods are
//! counted in, with China's national holidays built in (`data/holidays-cn.txt`), school years
//! (学年), and Chinese date display.

use std::collections::BTreeSet;
use std::ops::RangeInclusive;
use std::sync::LazyLock;

use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;

/// Parses `YYYY-MM-DD` or an RFC 3339 timestamp; a timestamp is taken as its date in `tz`.
pub fn parse_date(text: &str, tz: &TimeZone) -> Option<Date> {
    parse_date_time(text, tz).map(|(d, _)| d)
}

/// A date, and the time of day when one is written (`2025-11-14 17:00`, `2025-11-14T17:00:00`,
/// or RFC 3339 with an offset, taken in the site's time zone `tz`).
pub fn parse_date_time(text: &str, tz: &TimeZone) -> Option<(Date, Option<ClockTime>)> {
    let text = text.trim();
    if text.len() == 10 {
        return text.parse::<Date>().ok().map(|d| (d, None));
    }
    let dt = match text.parse::<jiff::Timestamp>() {
        Ok(ts) => ts.to_zoned_datetime(tz.clone()).datetime(),
        // A local date-time without offset.
        Err(_) => text
            .replace(' ', "T")
            .parse::<jiff::civil::DateTime>()
            .ok()?,
    };
    Some((dt.date(), Some(ClockTime::of(dt.time()))))
}

/// A time of day to the minute (截止时间 such as 17:00).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime {
    pub hour: u8,
    pub minute: u8,
}

impl ClockTime {
    pub fn of(t: jiff::civil::Time) -> ClockTime {
        ClockTime {
            hour: t.hour() as u8,
            minute: t.minute() as u8,
        }
    }
}

impl std::fmt::Display for ClockTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

/// The years a notice's dates may fall in: from the founding of the People's Republic to 2100.
/// A date outside them is a typing slip (`0000-01-01`, `20260-03-01`), not a notice.
pub const YEARS: std::ops::RangeInclusive<i16> = 1949..=2100;

/// The longest notice period (公示期) in working days: three months of working days, far above
/// any rule (5 to 15 are usual); a longer one is a typing slip.
pub const MAX_PERIOD_DAYS: u32 = 60;

/// Today in the given time zone.
pub fn today(tz: &TimeZone) -> Date {
    jiff::Timestamp::now().to_zoned_datetime(tz.clone()).date()
}

/// `2025年7月10日`: Arabic numerals, no zero padding, as 成文日期 are written.
pub fn zh_date(d: Date) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// China's national public holidays and 调休 working days: `data/holidays-cn.txt`, transcribed
/// from the State Council's yearly notices (the file's header says from where and how to update
/// it), parsed once on first use.
pub struct NationalTable {
    /// Days off: the holidays' days, weekend days inside them included.
    off: BTreeSet<Date>,
    /// Saturdays and Sundays worked instead (调休上班).
    work: BTreeSet<Date>,
    /// The years whose arrangements are all in the table.
    years: RangeInclusive<i16>,
}

/// The text of the national table, bundled into the binary.
pub const NATIONAL_TABLE: &str = include_str!("../data/holidays-cn.txt");

static NATIONAL: LazyLock<NationalTable> = LazyLock::new(|| {
    // The text is fixed at compile time and `the_national_table_is_well_formed` parses it, so
    // this never fails in a tested build.
    NationalTable::parse(NATIONAL_TABLE).unwrap_or_else(|e| panic!("data/holidays-cn.txt: {e}"))
});

impl NationalTable {
    /// The bundled table.
    pub fn get() -> &'static NationalTable {
        &NATIONAL
    }

    /// Parses the table's text (format in its header), refusing anything that would make a
    /// count wrong: a date out of order or given twice, a `work` day that is not a Saturday or
    /// Sunday, a day outside the `years` line, or no `years` line.
    pub fn parse(text: &str) -> Result<NationalTable, String> {
        let mut off = BTreeSet::new();
        let mut work = BTreeSet::new();
        let mut years = None;
        let mut last: Option<Date> = None;
        for (i, line) in text.lines().enumerate() {
            let n = i + 1;
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(range) = line.strip_prefix("years ") {
                let parsed = range.trim().split_once('-').and_then(|(a, b)| {
                    let (a, b): (i16, i16) = (a.parse().ok()?, b.parse().ok()?);
                    (a <= b && YEARS.contains(&a) && YEARS.contains(&b)).then_some(a..=b)
                });
                if years.is_some() || parsed.is_none() {
                    return Err(format!(
                        "line {n}: `{line}` is not the one line `years FIRST-LAST`"
                    ));
                }
                years = parsed;
                continue;
            }
            let mut fields = line.split_whitespace();
            let (Some(day), Some(kind), Some(_name)) =
                (fields.next(), fields.next(), fields.next())
            else {
                return Err(format!(
                    "line {n}: `{line}` is not `YYYY-MM-DD off|work NAME`"
                ));
            };
            let Some(d) = (day.len() == 10)
                .then(|| day.parse::<Date>().ok())
                .flatten()
            else {
                return Err(format!("line {n}: `{day}` is not a date YYYY-MM-DD"));
            };
            if last.is_some_and(|l| d <= l) {
                return Err(format!("line {n}: {d} is not after the date before it"));
            }
            last = Some(d);
            match kind {
                "off" => off.insert(d),
                "work" if matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) => {
                    work.insert(d)
                }
                "work" => {
                    return Err(format!(
                        "line {n}: {d} is a {:?}, already a working day",
                        d.weekday()
                    ));
                }
                _ => return Err(format!("line {n}: `{kind}` is neither `off` nor `work`")),
            };
        }
        let years = years.ok_or("no line `years FIRST-LAST`")?;
        if let Some(d) = off.iter().chain(&work).find(|d| !years.contains(&d.year())) {
            return Err(format!(
                "{d} is outside the years {}-{}",
                years.start(),
                years.end()
            ));
        }
        Ok(NationalTable { off, work, years })
    }

    /// The years whose arrangements are all in the table.
    pub fn years(&self) -> RangeInclusive<i16> {
        self.years.clone()
    }
}

/// A summary: the table itself is hundreds of dates.
impl std::fmt::Debug for NationalTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NationalTable")
            .field("years", &self.years)
            .field("off", &self.off.len())
            .field("work", &self.work.len())
            .finish()
    }
}

/// Which days are working days: Monday to Friday, less the national holidays, plus the national
/// 调休 working days (unless the site turns the national table off), then less the site's own
/// `holidays` and plus its `workdays`, which win over the national table (a school's own day off
/// on a 调休 Saturday; a day of a national holiday the school works). A date in both of the
/// site's lists is a working day.
#[derive(Debug, Clone)]
pub struct WorkCalendar {
    national: Option<&'static NationalTable>,
    holidays: BTreeSet<Date>,
    workdays: BTreeSet<Date>,
}

/// The national table and nothing of the site's own.
impl Default for WorkCalendar {
    fn default() -> Self {
        WorkCalendar::new(BTreeSet::new(), BTreeSet::new())
    }
}

impl WorkCalendar {
    /// The national table with the site's own `holidays` and `workdays` over it.
    pub fn new(holidays: BTreeSet<Date>, workdays: BTreeSet<Date>) -> Self {
        WorkCalendar {
            national: Some(NationalTable::get()),
            holidays,
            workdays,
        }
    }

    /// Monday to Friday with only the site's own `holidays` and `workdays`
    /// (`national_holidays: false`).
    pub fn without_national(holidays: BTreeSet<Date>, workdays: BTreeSet<Date>) -> Self {
        WorkCalendar {
            national: None,
            holidays,
            workdays,
        }
    }

    pub fn is_working_day(&self, d: Date) -> bool {
        if self.workdays.contains(&d) {
            return true;
        }
        if self.holidays.contains(&d) {
            return false;
        }
        if let Some(table) = self.national {
            if table.work.contains(&d) {
                return true;
            }
            if table.off.contains(&d) {
                return false;
            }
        }
        !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
    }

    /// The years from `from` to `to` (both included) whose public holidays this calendar does
    /// not know, so that their working days are counted Monday to Friday: years outside the
    /// national table, unless the site's `holidays` or `workdays` give a day of that year. None
    /// when the national table is off: the site's lists are then the whole calendar.
    pub fn years_without_data(&self, from: Date, to: Date) -> Vec<i16> {
        let Some(table) = self.national else {
            return Vec::new();
        };
        let given = |y: i16| {
            self.holidays
                .iter()
                .chain(&self.workdays)
                .any(|d| d.year() == y)
        };
        (from.year()..=to.year())
            .filter(|&y| !table.years.contains(&y) && !given(y))
            .collect()
    }

    /// The years of the national table, when it is used.
    pub fn national_years(&self) -> Option<RangeInclusive<i16>> {
        self.national.map(NationalTable::years)
    }

    /// The last day of a period of `days` working days starting at `start`: `start` is day 1
    /// when it is a working day (a Friday 2025-11-28 notice of 5 working days runs to Thursday
    /// 2025-12-04), otherwise counting begins at the next working day.
    pub fn end_of_period(&self, start: Date, days: u32) -> Date {
        let mut d = start;
        let mut counted = 0;
        loop {
            if self.is_working_day(d) {
                counted += 1;
                if counted >= days.max(1) {
                    return d;
                }
            }
            d = match d.tomorrow() {
                Ok(next) => next,
                Err(_) => return d,
            };
        }
    }

    /// Working days from `from` to `to`, both included (0 when `to` is before `from`).
    pub fn working_days_between(&self, from: Date, to: Date) -> u32 {
        let mut n = 0;
        let mut d = from;
        while d <= to {
            if self.is_working_day(d) {
                n += 1;
            }
            d = match d.tomorrow() {
                Ok(next) => next,
                Err(_) => break,
            };
        }
        n
    }
}

/// A school year (学年), e.g. 2025-2026, named by the calendar year it starts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SchoolYear(pub i16);

impl SchoolYear {
    /// The school year a date belongs to, with the year starting on `start` (month, day).
    pub fn of(d: Date, start: (i8, i8)) -> SchoolYear {
        if (d.month(), d.day()) >= start {
            SchoolYear(d.year())
        } else {
            SchoolYear(d.year() - 1)
        }
    }

    /// Parses `2024-2025`.
    pub fn parse(s: &str) -> Option<SchoolYear> {
        let (a, b) = s.trim().split_once('-')?;
        let (a, b): (i16, i16) = (a.parse().ok()?, b.parse().ok()?);
        (b == a + 1 && (1900..=2999).contains(&a)).then_some(SchoolYear(a))
    }

    /// `2025-2026`, the form used in URLs and archive folder names.
    pub fn label(self) -> String {
        format!("{}-{}", self.0, self.0 + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn friday_notice_of_five_days_ends_thursday() {
        let cal = WorkCalendar::default();
        assert_eq!(cal.end_of_period(date(2025, 11, 28), 5), date(2025, 12, 4));
    }

    #[test]
    fn weekend_start_counts_from_monday() {
        let cal = WorkCalendar::default();
        assert_eq!(cal.end_of_period(date(2025, 11, 29), 1), date(2025, 12, 1));
    }

    #[test]
    fn holidays_and_adjusted_workdays() {
        // 2025 National Day: 10-01..10-08 off, Sunday 09-28 and Saturday 10-11 worked.
        let holidays = (1..=8).map(|d| date(2025, 10, d)).collect();
        let workdays = [date(2025, 9, 28), date(2025, 10, 11)]
            .into_iter()
            .collect();
        let cal = WorkCalendar::new(holidays, workdays);
        assert!(cal.is_working_day(date(2025, 9, 28)));
        assert!(!cal.is_working_day(date(2025, 10, 2)));
        // Fri 09-26, Sun 09-28, Mon 09-29, Tue 09-30, Thu 10-09.
        assert_eq!(cal.end_of_period(date(2025, 9, 26), 5), date(2025, 10, 9));
        assert_eq!(
            cal.working_days_between(date(2025, 9, 26), date(2025, 10, 9)),
            5
        );
    }

    /// Every date line of the bundled table, read without the parser: (date, `off`/`work`).
    fn table_lines() -> Vec<(Date, String)> {
        NATIONAL_TABLE
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with("years "))
            .map(|l| {
                let f: Vec<&str> = l.split_whitespace().collect();
                assert!(f.len() >= 3, "`{l}`: date, off|work, name");
                (f[0].parse().unwrap(), f[1].to_string())
            })
            .collect()
    }

    #[test]
    fn the_national_table_is_well_formed() {
        let lines = table_lines();
        // Sorted, and so no date twice (an off day is never also a work day).
        for pair in lines.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{} then {}", pair[0].0, pair[1].0);
        }
        for (d, kind) in &lines {
            match kind.as_str() {
                "off" => {}
                "work" => assert!(
                    matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday),
                    "{d} is worked but is no weekend day"
                ),
                other => panic!("{d}: `{other}`"),
            }
        }
        // Every year from 2015 to the latest published, with New Year's Day and National Day.
        let table = NationalTable::parse(NATIONAL_TABLE).unwrap();
        assert_eq!(table.years(), 2015..=2026);
        assert_eq!(NationalTable::get().years(), 2015..=2026);
        for y in table.years() {
            for (m, d) in [(1, 1), (10, 1)] {
                assert!(
                    lines.contains(&(date(y, m, d), "off".into())),
                    "{y}-{m:02}-{d:02} is not off"
                );
            }
        }
        assert_eq!(table.off.len() + table.work.len(), lines.len());
    }

    #[test]
    fn the_national_table_refuses_what_would_miscount() {
        for (text, says) in [
            ("2025-01-01 off 元旦\n", "no line `years"),
            (
                "years 2025-2025\n2025-01-02 off 元旦\n2025-01-01 off 元旦\n",
                "line 3",
            ),
            (
                "years 2025-2025\n2025-01-01 off 元旦\n2025-01-01 work 元旦\n",
                "not after",
            ),
            (
                "years 2025-2025\n2025-01-06 work 元旦\n",
                "already a working day",
            ),
            ("years 2025-2025\n2025-01-01 holiday 元旦\n", "neither"),
            ("years 2025-2025\n2025-01-01 off\n", "is not `YYYY-MM-DD"),
            ("years 2025-2025\n2025-1-1 off 元旦\n", "not a date"),
            (
                "years 2025-2025\n2026-01-01 off 元旦\n",
                "outside the years",
            ),
            ("years 2026-2025\n", "years FIRST-LAST"),
        ] {
            let err = NationalTable::parse(text).expect_err(text);
            assert!(err.contains(says), "{text}: {err}");
        }
    }

    #[test]
    fn the_national_table_counts_without_site_settings() {
        let cal = WorkCalendar::default();
        // 2023 National Day: 09-29 to 10-06 off, Saturday 10-07 and Sunday 10-08 worked.
        assert!(!cal.is_working_day(date(2023, 10, 2)));
        assert!(cal.is_working_day(date(2023, 10, 7)));
        assert_eq!(cal.end_of_period(date(2023, 9, 27), 5), date(2023, 10, 9));
        // 2025 National Day: 10-01 to 10-08 off, Sunday 09-28 and Saturday 10-11 worked.
        assert_eq!(cal.end_of_period(date(2025, 9, 26), 5), date(2025, 10, 9));
        // 2024 Spring Festival: 02-10 to 02-17 off, Sundays 02-04 and 02-18 worked.
        assert_eq!(cal.end_of_period(date(2024, 2, 7), 5), date(2024, 2, 19));
        // Without the table: Monday to Friday.
        let plain = WorkCalendar::without_national(BTreeSet::new(), BTreeSet::new());
        assert!(plain.is_working_day(date(2023, 10, 2)));
        assert!(!plain.is_working_day(date(2023, 10, 7)));
        assert_eq!(plain.end_of_period(date(2023, 9, 27), 5), date(2023, 10, 3));
    }

    #[test]
    fn site_holidays_and_workdays_win_over_the_national_table() {
        let set = |ds: &[Date]| ds.iter().copied().collect::<BTreeSet<Date>>();
        let cal = WorkCalendar::new(
            // A school holiday on a weekday, and on a national 调休 Saturday.
            set(&[date(2023, 9, 28), date(2023, 10, 7), date(2023, 11, 6)]),
            // A day of the national holiday worked, a plain Saturday worked, and a date in both
            // lists.
            set(&[date(2023, 10, 2), date(2023, 11, 4), date(2023, 11, 6)]),
        );
        assert!(!cal.is_working_day(date(2023, 9, 28)));
        assert!(!cal.is_working_day(date(2023, 10, 7)));
        assert!(cal.is_working_day(date(2023, 10, 2)));
        assert!(cal.is_working_day(date(2023, 11, 4)));
        // In both of the site's lists: a working day, as before the national table.
        assert!(cal.is_working_day(date(2023, 11, 6)));
        // Untouched national days stay as the table says.
        assert!(!cal.is_working_day(date(2023, 10, 3)));
        assert!(cal.is_working_day(date(2023, 10, 8)));
        // Wed 09-27, Mon 10-02, Sun 10-08, Mon 10-09, Tue 10-10.
        assert_eq!(cal.end_of_period(date(2023, 9, 27), 5), date(2023, 10, 10));
        assert_eq!(
            cal.working_days_between(date(2023, 9, 27), date(2023, 10, 10)),
            5
        );
    }

    #[test]
    fn years_without_holiday_data() {
        let cal = WorkCalendar::default();
        assert_eq!(
            cal.years_without_data(date(2026, 12, 28), date(2027, 1, 1)),
            vec![2027]
        );
        assert_eq!(
            cal.years_without_data(date(2014, 12, 29), date(2015, 1, 5)),
            vec![2014]
        );
        assert!(
            cal.years_without_data(date(2015, 1, 1), date(2026, 12, 31))
                .is_empty()
        );
        assert_eq!(cal.national_years(), Some(2015..=2026));
        // A day of that year in the site's lists: the school has given that year's calendar.
        let given = WorkCalendar::new(BTreeSet::new(), [date(2027, 1, 9)].into_iter().collect());
        assert!(
            given
                .years_without_data(date(2026, 12, 28), date(2027, 1, 1))
                .is_empty()
        );
        // Without the national table the site's lists are the whole calendar: no warning.
        let plain = WorkCalendar::without_national(BTreeSet::new(), BTreeSet::new());
        assert!(
            plain
                .years_without_data(date(2027, 12, 28), date(2028, 1, 1))
                .is_empty()
        );
        assert_eq!(plain.national_years(), None);
    }

    #[test]
    fn school_year_cut_over() {
        assert_eq!(
            SchoolYear::of(date(2025, 8, 31), (9, 1)).label(),
            "2024-2025"
        );
        assert_eq!(
            SchoolYear::of(date(2025, 9, 1), (9, 1)).label(),
            "2025-2026"
        );
    }

    #[test]
    fn parses_dates_and_timestamps() {
        let tz = TimeZone::get("Asia/Shanghai").unwrap();
        assert_eq!(parse_date("2025-07-10", &tz), Some(date(2025, 7, 10)));
        // 20:00 UTC is already the next day in Shanghai.
        assert_eq!(
            parse_date("2025-07-10T20:00:00Z", &tz),
            Some(date(2025, 7, 11))
        );
        assert_eq!(parse_date("2025-02-30", &tz), None);
        assert_eq!(parse_date("next monday", &tz), None);
        assert_eq!(zh_date(date(2024, 9, 1)), "2024年9月1日");
    }
}
