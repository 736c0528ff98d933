//! The four kinds of notice and their names: the English key used in front matter and URLs, the
//! accepted Chinese aliases, the code used in index numbers (索引号) and the display name.

use serde::Serialize;

/// What a notice discloses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// 财务: fees, income and expenditure, donations.
    Finance,
    /// 评议: democratic appraisal and annual review of staff and leaders.
    Evaluation,
    /// 评选: selections for honours, titles, posts and student aid.
    Selection,
    /// 通知: general notices.
    Notice,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::Finance,
        Kind::Evaluation,
        Kind::Selection,
        Kind::Notice,
    ];

    /// Accepts the English key or its Chinese alias.
    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s.trim() {
            "finance" | "财务" => Kind::Finance,
            "evaluation" | "评议" => Kind::Evaluation,
            "selection" | "评选" => Kind::Selection,
            "notice" | "通知" => Kind::Notice,
            _ => return None,
        })
    }

    /// The key used in front matter and as the list folder name.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Finance => "finance",
            Kind::Evaluation => "evaluation",
            Kind::Selection => "selection",
            Kind::Notice => "notice",
        }
    }

    /// The two-letter code in index numbers.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Finance => "CW",
            Kind::Evaluation => "PY",
            Kind::Selection => "PX",
            Kind::Notice => "TZ",
        }
    }

    /// Whether notices of this kind are 公示 with a default notice period.
    pub fn has_default_period(self) -> bool {
        !matches!(self, Kind::Notice)
    }
}
