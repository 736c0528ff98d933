//! Democratic appraisal (民主测评/民主评议/年度考核): ballots issued, returned and valid, the
//! ordered grades, and each person's votes per grade, checked so that no count exceeds what the
//! ballots allow. Rates are computed from the valid ballots (有效票) as denominator.

use crate::diagnostics::Words;
use serde::Deserialize;

use super::names::mask_name;
use crate::content::check::Checker;
use crate::content::notice::FrontMatter;
use crate::content::scalar::{Text, non_empty as opt};
use crate::yaml::Seg;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBallots {
    pub issued: u32,
    pub returned: u32,
    pub valid: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawResult {
    pub name: Text,
    pub post: Option<Text>,
    pub votes: Vec<u32>,
    /// The final grade (等次) decided.
    pub grade: Option<Text>,
    /// One list of votes per aspect, in the order of `aspects`.
    pub aspect_votes: Option<Vec<Vec<u32>>>,
    pub comments: Option<RawComments>,
    pub note: Option<Text>,
}

/// A summary of the comments on one person (背靠背评议意见).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawComments {
    pub strengths: Option<Text>,
    pub weaknesses: Option<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ballots {
    /// 发出
    pub issued: u32,
    /// 收回
    pub returned: u32,
    /// 有效
    pub valid: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PersonResult {
    /// Its place in the notice's list of results (for the positions of findings).
    pub at: usize,
    pub name: String,
    pub post: Option<String>,
    /// One count per grade.
    pub votes: Vec<u32>,
    /// The final grade, one of the grades.
    pub grade: Option<String>,
    /// One list of counts per aspect (each one count per aspect grade).
    pub aspect_votes: Vec<Vec<u32>>,
    /// 主要优点 and 不足和建议, summarised.
    pub strengths: Option<String>,
    pub weaknesses: Option<String>,
    pub note: Option<String>,
}

/// A cap on a final grade: at most `per_mille` of those appraised (优秀 ≤ 20%).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Cap {
    pub grade: String,
    pub per_mille: u32,
    /// As written (20%).
    pub written: String,
}

/// Who took part: on the roll (在册), expected (应到, the roll less those excused) and present
/// (实到). Checked by `check::tables`: present ≤ expected ≤ roll, at least two thirds of the
/// roll present, and no more ballots issued than people present.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attendance {
    pub roll: u32,
    pub expected: Option<u32>,
    pub present: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Evaluation {
    pub attendance: Option<Attendance>,
    pub ballots: Ballots,
    pub grades: Vec<String>,
    /// How many of the first grades count as satisfied (满意/称职).
    pub satisfied: usize,
    /// The headline rate's name, when the notice names it (称职及以上率).
    pub rate_name: Option<String>,
    /// Aspects scored one by one, and their grades.
    pub aspects: Vec<String>,
    pub aspect_grades: Vec<String>,
    pub caps: Vec<Cap>,
    pub results: Vec<PersonResult>,
}

pub const DEFAULT_GRADES: [&str; 4] = ["优秀", "称职", "基本称职", "不称职"];

/// `part / whole` in tenths of a percent, rounded half up (78.95% → 790).
pub fn per_mille(part: u32, whole: u32) -> u32 {
    if whole == 0 {
        return 0;
    }
    ((u64::from(part) * 2000 + u64::from(whole)) / (2 * u64::from(whole))) as u32
}

/// `78.9%` from tenths of a percent.
pub fn percent(per_mille: u32) -> String {
    format!("{}.{}%", per_mille / 10, per_mille % 10)
}

impl PersonResult {
    /// Votes for the first `satisfied` grades (at most the valid ballots, checked by
    /// `check::tables`).
    pub fn satisfied_votes(&self, satisfied: usize) -> u32 {
        self.votes
            .iter()
            .take(satisfied)
            .fold(0, |a, v| a.saturating_add(*v))
    }

    /// All of this person's votes (at most the valid ballots, checked by `check::tables`).
    pub fn votes_cast(&self) -> u64 {
        self.votes.iter().map(|&v| u64::from(v)).sum()
    }

    /// Valid ballots that gave this person no grade (弃权).
    pub fn blank(&self, ballots: &Ballots) -> u32 {
        u64::from(ballots.valid).saturating_sub(self.votes_cast()) as u32
    }
}

pub fn check(fm: &FrontMatter, check: &mut Checker) -> Option<Evaluation> {
    let grades: Vec<String> = match &fm.grades {
        Some(g) if g.is_empty() => {
            check.invalid(
                &[Seg::Key("grades")],
                "grades",
                Words::new("name at least one grade", "至少写一个等次"),
            );
            return None;
        }
        Some(g) => g.iter().map(|t| t.as_str().trim().to_string()).collect(),
        None => DEFAULT_GRADES.iter().map(|s| s.to_string()).collect(),
    };
    // A bad `satisfied_grades` is reported and the rest still read and checked (the usual two
    // grades stand in for it).
    let satisfied = match &fm.satisfied_grades {
        None => 2.min(grades.len()),
        Some(names) => {
            // The satisfied grades must be the leading ones, in order.
            let ok = names.len() <= grades.len()
                && names
                    .iter()
                    .zip(&grades)
                    .all(|(a, b)| a.as_str().trim() == b);
            if !ok {
                let example = grades
                    .iter()
                    .take(2)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ");
                check.invalid(
                    &[Seg::Key("satisfied_grades")],
                    "satisfied_grades",
                    Words::new(
                        format!("must be the first grades in order, e.g. [{example}]"),
                        format!("必须是按顺序排在最前的等次，如 [{example}]"),
                    ),
                );
                2.min(grades.len())
            } else {
                names.len()
            }
        }
    };
    let Some(b) = &fm.ballots else {
        if fm.results.is_some() {
            check.invalid(
                &[Seg::Key("results")],
                "results",
                Words::new(
                    "give `ballots: {issued, returned, valid}` with the results",
                    "写测评结果时要同时写 `ballots: {issued, returned, valid}`（发出、收回、有效票数）",
                ),
            );
        }
        return None;
    };
    let ballots = Ballots {
        issued: b.issued,
        returned: b.returned,
        valid: b.valid,
    };
    // Whether the counts agree (returned ≤ issued, one count per grade, no more votes than
    // valid ballots) is for the check stage (`check::tables`): here they are read as given.
    let mask = fm.mask_names.unwrap_or(false);
    let names = |list: &Option<Vec<Text>>| -> Vec<String> {
        list.iter()
            .flatten()
            .map(|t| t.as_str().trim().to_string())
            .collect()
    };
    let (aspects, mut aspect_grades) = (names(&fm.aspects), names(&fm.aspect_grades));
    if !aspects.is_empty() && aspect_grades.is_empty() {
        aspect_grades = ["好", "较好", "一般", "差"].map(String::from).to_vec();
    }
    // A person whose name cannot be read is reported and left out; the others are kept, so the
    // check stage still compares their figures (all errors of a build together).
    let mut results = Vec::new();
    for (i, r) in fm.results.iter().flatten().enumerate() {
        let at = |k| [Seg::Key("results"), Seg::Index(i), Seg::Key(k)];
        let Some(name) = check.text_at(&r.name, &at("name"), "name") else {
            continue;
        };
        let grade = opt(&r.grade);
        if let Some(g) = &grade
            && !grades.contains(g)
        {
            check.invalid(
                &at("grade"),
                "grade",
                Words::new(
                    format!("`{g}` is not one of the grades ({})", grades.join(", ")),
                    format!("`{g}` 不是等次之一（{}）", grades.join("、")),
                ),
            );
        }
        if r.aspect_votes.is_some() && aspects.is_empty() {
            check.invalid(
                &at("aspect_votes"),
                "aspect_votes",
                Words::new(
                    "name the aspects first: `aspects: [政治思想, …]` and `aspect_grades: [好, 较好, 一般, 差]`",
                    "先写测评项目：`aspects: [政治思想, …]` 和 `aspect_grades: [好, 较好, 一般, 差]`",
                ),
            );
        }
        let comments = r.comments.as_ref();
        results.push(PersonResult {
            at: i,
            name: if mask { mask_name(&name) } else { name },
            post: opt(&r.post),
            votes: r.votes.clone(),
            grade,
            aspect_votes: r.aspect_votes.clone().unwrap_or_default(),
            strengths: comments.and_then(|c| opt(&c.strengths)),
            weaknesses: comments.and_then(|c| opt(&c.weaknesses)),
            note: opt(&r.note),
        });
    }
    let mut caps = Vec::new();
    for (grade, share) in fm.caps.iter().flatten() {
        let at = [Seg::Key("caps"), Seg::Key(grade.as_str())];
        if !grades.contains(grade) {
            check.invalid(
                &at,
                "caps",
                Words::new(
                    format!("`{grade}` is not one of the grades ({})", grades.join(", ")),
                    format!("`{grade}` 不是等次之一（{}）", grades.join("、")),
                ),
            );
            continue;
        }
        match super::finance::parse_share(share.as_str()) {
            Some(s) => caps.push(Cap {
                grade: grade.clone(),
                per_mille: s.per_mille,
                written: s.written,
            }),
            None => check.invalid(
                &at,
                "caps",
                Words::new(
                    format!("`{}` is not a share such as 20%", share.as_str()),
                    format!("`{}` 不是 20% 这样的比例", share.as_str()),
                ),
            ),
        }
    }
    Some(Evaluation {
        attendance: fm.attendance,
        ballots,
        grades,
        satisfied,
        rate_name: opt(&fm.rate_name),
        aspects,
        aspect_grades,
        caps,
        results,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_round_half_up_to_one_decimal() {
        assert_eq!(percent(per_mille(30, 37)), "81.1%");
        assert_eq!(percent(per_mille(1, 8)), "12.5%");
        assert_eq!(percent(per_mille(37, 37)), "100.0%");
        assert_eq!(percent(per_mille(0, 37)), "0.0%");
        assert_eq!(percent(per_mille(2, 3)), "66.7%");
        assert_eq!(per_mille(5, 0), 0);
    }
}
