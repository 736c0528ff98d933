//! Notice periods long enough for objections: an evaluation or selection (student aid is a
//! selection) is open at least `min_period_days` working days (5 by default, as the common
//! rules ask); a shorter one is a warning at its `period:` (or `date:`, for the default period).

use crate::config::Site;
use crate::content::{Kind, Notice};
use crate::diagnostics::{Diagnostics, Problem};
use crate::yaml::Seg;

/// Warns when `notice`'s period is shorter than the site's rule for its kind.
pub fn minimum(notice: &Notice, site: &Site, diags: &mut Diagnostics) {
    let min = site.config.min_period_days;
    let kind = match notice.kind {
        Kind::Evaluation => "评议 (evaluation)",
        Kind::Selection => "评选 (selection)",
        _ => return,
    };
    let Some(p) = notice.period else {
        return;
    };
    if p.working_days >= min {
        return;
    }
    let at = if notice.front_matter.has(&[Seg::Key("period")]) {
        Seg::Key("period")
    } else {
        Seg::Key("date")
    };
    diags.warning(
        notice.front_matter.span_of(&notice.rel, &[at]),
        Problem::PeriodTooShort {
            days: p.working_days,
            min,
            kind,
        },
    );
}
