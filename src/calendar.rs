//! Dates as the field uses them: parsing front-matter dates in the site's time zone, the
//! working-day calendar (工作日, with holidays and 调休 working weekends) that notice periods are
//! counted in, school years (学年), and Chinese date display.

use std::collections::BTreeSet;

use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;

/// Parses `YYYY-MM-DD` or an RFC 3339 timestamp; a timestamp is taken as its date in `tz`.
pub fn parse_date(text: &str, tz: &TimeZone) -> Option<Date> {
    let text = text.trim();
    if text.len() == 10 {
        return text.parse::<Date>().ok();
    }
    if let Ok(ts) = text.parse::<jiff::Timestamp>() {
        return Some(ts.to_zoned_datetime(tz.clone()).date());
    }
    // A local date-time without offset (`2025-07-10 09:00` or `2025-07-10T09:00:00`).
    text.replace(' ', "T")
        .parse::<jiff::civil::DateTime>()
        .ok()
        .map(|dt| dt.date())
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

/// Which days are working days: Monday to Friday, less `holidays`, plus `workdays` (调休).
#[derive(Debug, Clone, Default)]
pub struct WorkCalendar {
    holidays: BTreeSet<Date>,
    workdays: BTreeSet<Date>,
}

impl WorkCalendar {
    pub fn new(holidays: BTreeSet<Date>, workdays: BTreeSet<Date>) -> Self {
        WorkCalendar { holidays, workdays }
    }

    pub fn is_working_day(&self, d: Date) -> bool {
        if self.workdays.contains(&d) {
            return true;
        }
        if self.holidays.contains(&d) {
            return false;
        }
        !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
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
