//! Selections (评优评先, 职称, 竞聘, 资助): the award, its quota and criteria, the review panel and
//! the candidates with their results, checked so that no more are selected than the quota allows
//! and no one has more votes than there were voters. Student-aid lists are masked by default.

use crate::diagnostics::Words;
use serde::Deserialize;

use super::names::mask_name;
use crate::content::check::Checker;
use crate::content::money::Amount;
use crate::content::notice::FrontMatter;
use crate::content::scalar::Text;
use crate::diagnostics::Problem;
use crate::yaml::Seg;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCandidate {
    pub name: Text,
    pub unit: Option<Text>,
    pub post: Option<Text>,
    pub votes: Option<u32>,
    pub score: Option<Text>,
    pub result: Text,
    pub note: Option<Text>,
}

/// The outcome for one candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    Selected,
    NotSelected,
    Withdrawn,
}

impl Outcome {
    fn parse(s: &str) -> Option<Outcome> {
        Some(match s.trim() {
            "selected" | "当选" | "入选" => Outcome::Selected,
            "not_selected" | "未当选" | "未入选" => Outcome::NotSelected,
            "withdrawn" | "退出" => Outcome::Withdrawn,
            _ => return None,
        })
    }

    pub fn key(self) -> &'static str {
        match self {
            Outcome::Selected => "selected",
            Outcome::NotSelected => "not_selected",
            Outcome::Withdrawn => "withdrawn",
        }
    }
}

/// What the selection is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AwardType {
    Honour,
    Title,
    Post,
    /// Student aid (资助): names masked by default.
    Aid,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Candidate {
    /// Its place in the notice's list of candidates (for the positions of findings).
    pub at: usize,
    /// Already masked where the notice requires it.
    pub name: String,
    pub unit: Option<String>,
    pub post: Option<String>,
    pub votes: Option<u32>,
    pub score: Option<String>,
    pub outcome: Outcome,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SelectionData {
    pub award: Option<String>,
    pub award_type: AwardType,
    pub quota: Option<u32>,
    pub electorate: Option<u32>,
    pub criteria: Option<String>,
    pub panel: Vec<String>,
    /// As the notice lists them (error positions follow this order); shown in
    /// [`SelectionData::shown`]'s.
    pub candidates: Vec<Candidate>,
    pub selected: usize,
    pub masked: bool,
    /// `sort: votes`: shown by votes, most first.
    pub by_votes: bool,
    /// Aid by tier (资助档次), with their computed amounts.
    pub tiers: Vec<Tier>,
    /// Students and amount of all tiers, computed.
    pub tier_students: u64,
    pub tier_amount: Amount,
    /// The totals the notice states (`tier_totals:`), checked by `check::tables`.
    pub declared_students: Option<u64>,
    pub declared_amount: Option<Amount>,
}

/// A tier as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTier {
    pub name: Text,
    /// Per student and month (or per term, with `months: 1`).
    pub standard: Text,
    pub count: u32,
    pub months: Option<u32>,
    pub note: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTierTotals {
    pub students: Option<u64>,
    pub amount: Option<Text>,
}

/// One tier of aid: its standard, how many students, for how many months, and the amount.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Tier {
    pub name: String,
    pub standard: Amount,
    pub count: u32,
    pub months: u32,
    /// standard × count × months, exact.
    pub amount: Amount,
    pub note: Option<String>,
}

impl SelectionData {
    /// The candidates in the order pages show them: as written, or by votes (most first; equal
    /// votes keep the clerk's order) with `sort: votes`.
    pub fn shown(&self) -> Vec<&Candidate> {
        let mut shown: Vec<&Candidate> = self.candidates.iter().collect();
        if self.by_votes {
            shown.sort_by_key(|c| std::cmp::Reverse(c.votes));
        }
        shown
    }
}

fn opt(t: &Option<Text>) -> Option<String> {
    t.as_ref()
        .map(|t| t.as_str().trim().to_string())
        .filter(|s| !s.is_empty())
}

pub fn check(fm: &FrontMatter, check: &mut Checker) -> Option<SelectionData> {
    let award_type = match fm.award_type.as_ref().map(|t| t.as_str().trim()) {
        None | Some("honour") | Some("评优") => AwardType::Honour,
        Some("title") | Some("职称") => AwardType::Title,
        Some("post") | Some("竞聘") => AwardType::Post,
        Some("aid") | Some("资助") => AwardType::Aid,
        Some(other) => {
            check.invalid(
                &[Seg::Key("award_type")],
                "award_type",
                Words::new(
                    format!(
                        "`{other}` is not one of honour (评优), title (职称), post (竞聘), aid (资助)"
                    ),
                    format!(
                        "`{other}` 不是 honour（评优）、title（职称）、post（竞聘）、aid（资助）之一"
                    ),
                ),
            );
            return None;
        }
    };
    let sort_by_votes = match fm.sort.as_ref().map(|t| t.as_str().trim()) {
        None | Some("as_written") => false,
        Some("votes") => true,
        Some(other) => {
            check.invalid(
                &[Seg::Key("sort")],
                "sort",
                Words::new(
                    format!("`{other}` is not `votes`"),
                    format!("`{other}` 不是 `votes`（按票数排列）"),
                ),
            );
            return None;
        }
    };
    let masked = fm
        .mask_names
        .unwrap_or(award_type == AwardType::Aid && check.site.config.mask_aid_names);
    // A candidate that cannot be read is reported and left out; the others are kept, so the
    // check stage still compares their figures (all errors of a build together).
    let mut candidates = Vec::new();
    for (i, c) in fm.candidates.iter().flatten().enumerate() {
        let at = |k| [Seg::Key("candidates"), Seg::Index(i), Seg::Key(k)];
        let name = check.text_at(&c.name, &at("name"), "name");
        let outcome = Outcome::parse(c.result.as_str());
        if outcome.is_none() {
            check.invalid(
                &at("result"),
                "result",
                Words::new(
                    format!(
                        "`{}` is not selected (当选/入选), not_selected (未当选) or withdrawn (退出)",
                        c.result.as_str()
                    ),
                    format!(
                        "`{}` 不是 selected（当选/入选）、not_selected（未当选）或 withdrawn（退出）",
                        c.result.as_str()
                    ),
                ),
            );
        }
        let score = opt(&c.score);
        if let Some(s) = &score
            && !super::is_decimal(s)
        {
            check.invalid(
                &at("score"),
                "score",
                Words::new(
                    format!("`{s}` is not a score such as 92.5"),
                    format!("`{s}` 不是 92.5 这样的分数"),
                ),
            );
        }
        let (Some(name), Some(outcome)) = (name, outcome) else {
            continue;
        };
        candidates.push(Candidate {
            at: i,
            name: if masked { mask_name(&name) } else { name },
            unit: opt(&c.unit),
            post: opt(&c.post),
            votes: c.votes,
            score,
            outcome,
            note: opt(&c.note),
        });
    }
    let selected = candidates
        .iter()
        .filter(|c| c.outcome == Outcome::Selected)
        .count();
    // Votes within the electorate and the selected within the quota: `check::tables`.
    // The review panel is staff, accountable for the list: named in full even where the
    // candidates (students) are masked.
    let panel = fm
        .panel
        .iter()
        .flatten()
        .map(|p| p.as_str().trim().to_string())
        .collect();
    let (tiers, tier_students, tier_amount) = tiers(fm, check)?;
    let (declared_students, declared_amount) = match &fm.tier_totals {
        None => (None, None),
        Some(t) => (
            t.students,
            t.amount.as_ref().and_then(|a| {
                check.amount(
                    a,
                    &[Seg::Key("tier_totals"), Seg::Key("amount")],
                    "amount",
                    true,
                )
            }),
        ),
    };
    Some(SelectionData {
        award: opt(&fm.award),
        award_type,
        quota: fm.quota,
        electorate: fm.electorate,
        criteria: opt(&fm.criteria),
        panel,
        candidates,
        selected,
        masked,
        by_votes: sort_by_votes,
        tiers,
        tier_students,
        tier_amount,
        declared_students,
        declared_amount,
    })
}

/// The tiers of `tiers:` with their amounts, and the students and amount of all of them;
/// an amount beyond what gongkai computes exactly is an error at the tier.
fn tiers(fm: &FrontMatter, check: &mut Checker) -> Option<(Vec<Tier>, u64, Amount)> {
    let mut out = Vec::new();
    let (mut students, mut total, mut ok) = (0u64, Amount::ZERO, true);
    for (i, t) in fm.tiers.iter().flatten().enumerate() {
        let at = |k| [Seg::Key("tiers"), Seg::Index(i), Seg::Key(k)];
        let name = check.text_at(&t.name, &at("name"), "name");
        let standard = check.amount(&t.standard, &at("standard"), "standard", true);
        let months = t.months.unwrap_or(1);
        let (Some(name), Some(standard)) = (name, standard) else {
            ok = false;
            continue;
        };
        let amount = standard
            .checked_times(u64::from(t.count))
            .and_then(|a| a.checked_times(u64::from(months)));
        let Some(amount) = amount.and_then(|a| {
            total = total.checked_add(a)?;
            Some(a)
        }) else {
            check.error(
                &at("count"),
                Problem::Overflow {
                    what: format!("the amount of tier {name}"),
                },
            );
            ok = false;
            continue;
        };
        students += u64::from(t.count);
        out.push(Tier {
            name,
            standard,
            count: t.count,
            months,
            amount,
            note: t
                .note
                .as_ref()
                .map(|n| n.as_str().trim().to_string())
                .filter(|n| !n.is_empty()),
        });
    }
    ok.then_some((out, students, total))
}
