//! Selections (评优评先, 职称, 竞聘, 资助): the award, the review panel and one or more groups
//! (awards or tiers of one notice: `groups:`, else the notice's own `candidates:`), each with
//! its places, criteria and candidates; a candidate's result may be open (候选: decided after
//! the 公示), so a list may be longer than its places. The check stage makes sure no group
//! selects more than its places and no one has more votes than there were voters. Student-aid
//! lists are masked by default.

use crate::diagnostics::Words;
use serde::Deserialize;

use super::names::mask_name;
use crate::content::check::Checker;
use crate::content::money::Amount;
use crate::content::notice::FrontMatter;
use crate::content::scalar::{Text, non_empty as opt};
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
    /// Omitted while the list is open (候选).
    pub result: Option<Text>,
    pub note: Option<Text>,
}

/// One group of a notice with several (`groups:`): an award or a tier with its own places.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    pub name: Text,
    pub quota: Option<u32>,
    pub electorate: Option<u32>,
    pub criteria: Option<Text>,
    pub sort: Option<Text>,
    pub candidates: Vec<RawCandidate>,
}

/// The outcome for one candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Proposed or selected (拟当选, 拟推荐, 入选): takes one of the places.
    Selected,
    NotSelected,
    Withdrawn,
    /// Not decided yet (候选): the list is posted before the decision.
    Open,
}

impl Outcome {
    /// The outcome a result word names; words that take a place are many in real notices
    /// (拟推荐, 拟评为, 拟授予), so any word beginning with 拟 takes one.
    fn parse(s: &str) -> Option<Outcome> {
        let s = s.trim();
        Some(match s {
            "selected" | "当选" | "入选" | "推荐" | "proposed" => Outcome::Selected,
            "not_selected" | "未当选" | "未入选" | "落选" => Outcome::NotSelected,
            "withdrawn" | "退出" | "放弃" => Outcome::Withdrawn,
            "candidate" | "open" | "候选" | "候选人" | "公示中" | "待定" => Outcome::Open,
            _ if s.starts_with('拟') && s.chars().count() <= 6 => Outcome::Selected,
            _ => return None,
        })
    }

    pub fn key(self) -> &'static str {
        match self {
            Outcome::Selected => "selected",
            Outcome::NotSelected => "not_selected",
            Outcome::Withdrawn => "withdrawn",
            Outcome::Open => "open",
        }
    }
}

/// The word shown for `result` when the notice uses its own (拟推荐) rather than a key or the
/// usual word of its outcome.
fn own_word(result: &str) -> Option<String> {
    let r = result.trim();
    let usual = [
        "selected",
        "not_selected",
        "withdrawn",
        "candidate",
        "open",
        "proposed",
        "当选",
        "未当选",
        "退出",
        "候选",
    ];
    (!usual.contains(&r)).then(|| r.to_string())
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
    /// The notice's own word for the result (拟推荐), shown instead of the usual one.
    pub word: Option<String>,
    pub note: Option<String>,
}

/// A list of candidates with its own places: the notice's only one, or one of `groups:`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Group {
    /// Its place in `groups:`; `None` for the notice's own list (the positions of findings).
    pub at: Option<usize>,
    /// The award or tier (`groups:` only; the notice's own list has the notice's `award`).
    pub name: Option<String>,
    pub quota: Option<u32>,
    pub electorate: Option<u32>,
    pub criteria: Option<String>,
    /// As the notice lists them (error positions follow this order); shown in
    /// [`Group::shown`]'s.
    pub candidates: Vec<Candidate>,
    /// `sort: votes`: shown by votes, most first.
    pub by_votes: bool,
}

impl Group {
    /// How many candidates have `outcome`.
    pub fn count(&self, outcome: Outcome) -> usize {
        self.candidates
            .iter()
            .filter(|c| c.outcome == outcome)
            .count()
    }

    /// The candidates in the order pages show them: as written, or by votes (most first; equal
    /// votes keep the clerk's order) with `sort: votes`.
    pub fn shown(&self) -> Vec<&Candidate> {
        let mut shown: Vec<&Candidate> = self.candidates.iter().collect();
        if self.by_votes {
            shown.sort_by_key(|c| std::cmp::Reverse(c.votes));
        }
        shown
    }

    /// Where a field of this group is written: `groups[i].key` or the notice's own `key`.
    pub fn path<'a>(&self, rest: &[Seg<'a>]) -> Vec<Seg<'a>> {
        let mut path = match self.at {
            Some(i) => vec![Seg::Key("groups"), Seg::Index(i)],
            None => Vec::new(),
        };
        path.extend_from_slice(rest);
        path
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SelectionData {
    pub award: Option<String>,
    pub award_type: AwardType,
    pub panel: Vec<String>,
    /// The lists: one, or those of `groups:` in the notice's order.
    pub groups: Vec<Group>,
    pub masked: bool,
    /// Aid by tier (资助档次), with their computed amounts.
    pub tiers: Vec<Tier>,
    /// What each standard is for (学期, 学年), as written; `None`: per month.
    pub tier_per: Option<String>,
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
    /// Whether any group names anyone.
    pub fn has_candidates(&self) -> bool {
        self.groups.iter().any(|g| !g.candidates.is_empty())
    }

    /// Every candidate of every group, groups in order, each in its shown order.
    pub fn shown(&self) -> impl Iterator<Item = &Candidate> {
        self.groups.iter().flat_map(Group::shown)
    }
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
    let masked = fm
        .mask_names
        .unwrap_or(award_type == AwardType::Aid && check.site.config.mask_aid_names);
    let mut groups = Vec::new();
    match &fm.groups {
        Some(raw) => {
            let own = [
                ("quota", fm.quota.is_some()),
                ("electorate", fm.electorate.is_some()),
                ("candidates", fm.candidates.is_some()),
                ("sort", fm.sort.is_some()),
            ];
            for (field, _) in own.iter().filter(|(_, present)| *present) {
                check.invalid(
                    &[Seg::Key(field)],
                    field,
                    Words::new(
                        "a notice has either `groups` or its own list; with `groups`, write it inside each group".to_string(),
                        "一份公示要么写 `groups`（分组），要么直接写名单；有 `groups` 时请写在各组里".to_string(),
                    ),
                );
            }
            for (i, g) in raw.iter().enumerate() {
                let at = |k| [Seg::Key("groups"), Seg::Index(i), Seg::Key(k)];
                let name = check.text_at(&g.name, &at("name"), "name");
                let by_votes = sort_by_votes(g.sort.as_ref(), &at("sort"), check)?;
                let candidates = candidates(&g.candidates, &at("candidates"), masked, check);
                groups.push(Group {
                    at: Some(i),
                    name,
                    quota: g.quota,
                    electorate: g.electorate,
                    criteria: opt(&g.criteria),
                    candidates,
                    by_votes,
                });
            }
        }
        None => {
            let by_votes = sort_by_votes(fm.sort.as_ref(), &[Seg::Key("sort")], check)?;
            let list = fm.candidates.as_deref().unwrap_or_default();
            let candidates = candidates(list, &[Seg::Key("candidates")], masked, check);
            groups.push(Group {
                at: None,
                name: None,
                quota: fm.quota,
                electorate: fm.electorate,
                criteria: opt(&fm.criteria),
                candidates,
                by_votes,
            });
        }
    }
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
        panel,
        groups,
        masked,
        tiers,
        tier_per: opt(&fm.tier_per),
        tier_students,
        tier_amount,
        declared_students,
        declared_amount,
    })
}

/// `sort:` of a list: by votes, or as written.
fn sort_by_votes(sort: Option<&Text>, at: &[Seg], check: &mut Checker) -> Option<bool> {
    match sort.map(|t| t.as_str().trim()) {
        None | Some("as_written") => Some(false),
        Some("votes") => Some(true),
        Some(other) => {
            check.invalid(
                at,
                "sort",
                Words::new(
                    format!("`{other}` is not `votes`"),
                    format!("`{other}` 不是 `votes`（按票数排列）"),
                ),
            );
            None
        }
    }
}

/// The candidates of a list at `path`; one that cannot be read is reported and left out, the
/// others are kept, so the check stage still compares their figures (all errors of a build
/// together).
fn candidates(
    raw: &[RawCandidate],
    path: &[Seg],
    masked: bool,
    check: &mut Checker,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (i, c) in raw.iter().enumerate() {
        let at = |k| {
            let mut p = path.to_vec();
            p.extend([Seg::Index(i), Seg::Key(k)]);
            p
        };
        let name = check.text_at(&c.name, &at("name"), "name");
        let result = c.result.as_ref().map(|r| r.as_str());
        let outcome = match result {
            None => Some(Outcome::Open),
            Some(r) => Outcome::parse(r),
        };
        if outcome.is_none() {
            let r = result.unwrap_or_default();
            check.invalid(
                &at("result"),
                "result",
                Words::new(
                    format!(
                        "`{r}` is not selected (当选/入选/拟…), not_selected (未当选), withdrawn (退出) or candidate (候选: leave `result` out until decided)"
                    ),
                    format!(
                        "`{r}` 不是 selected（当选、入选、拟推荐等以“拟”开头的词）、not_selected（未当选）、withdrawn（退出）或 candidate（候选：尚未决定的可不写 `result`）"
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
        out.push(Candidate {
            at: i,
            name: if masked { mask_name(&name) } else { name },
            unit: opt(&c.unit),
            post: opt(&c.post),
            votes: c.votes,
            score,
            outcome,
            word: result.and_then(own_word),
            note: opt(&c.note),
        });
    }
    out
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
