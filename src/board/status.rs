//! Where a notice stands in its notice period (公示期) on a given day.

use jiff::civil::Date;
use serde::Serialize;

use crate::calendar::{ClockTime, WorkCalendar};
use crate::content::NoticePeriod;

/// The state of a notice relative to "now".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Status {
    /// Not yet published: its date is after now.
    Upcoming,
    /// Published, but the period starts later.
    Pending,
    /// 公示中, with the working days left including today, and on its last day the time of day
    /// it ends, when it has one.
    Open {
        days_left: u32,
        #[serde(skip)]
        ends_today_at: Option<ClockTime>,
    },
    /// 公示期满.
    Closed,
    /// A plain notice without a period.
    Posted,
    /// A standing notice (`period: none`): 常年公示.
    Standing,
}

impl Status {
    pub fn of(date: Date, period: Option<&NoticePeriod>, now: Date, cal: &WorkCalendar) -> Status {
        if date > now {
            return Status::Upcoming;
        }
        match period {
            None => Status::Posted,
            Some(p) if now < p.start => Status::Pending,
            Some(p) if now <= p.end => Status::Open {
                days_left: cal.working_days_between(now, p.end).max(1),
                // The build knows the day, not the hour: on the last day it says until when
                // (the status script closes it at that time).
                ends_today_at: p.end_time.filter(|_| now == p.end),
            },
            Some(_) => Status::Closed,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Status::Upcoming => "upcoming",
            Status::Pending => "pending",
            Status::Open { .. } => "open",
            Status::Closed => "closed",
            Status::Posted => "posted",
            Status::Standing => "standing",
        }
    }

    pub fn is_open(self) -> bool {
        matches!(self, Status::Open { .. })
    }
}
