//! Democratic appraisal (民主测评/民主评议/年度考核): ballots issued, returned and valid, the
//! ordered grades, and each person's votes per grade, checked so that no count exceeds what the
//! ballots allow. Rates are computed from the valid ballots (有效票) as denominator.

use crate::diagnostics::Words;
use serde::Deserialize;

use super::names::mask_name;
use crate::content::check::Checker;
use crate::content::notice::FrontMatter;
use crate::content::scalar::Text;
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
    // A person whose name cannot be read is reported and left out; the others are kept, so the
    // check stage still compares their figures (all errors of a build together).
    let mut results = Vec::new();
    for (i, r) in fm.results.iter().flatten().enumerate() {
        let at = |k| [Seg::Key("results"), Seg::Index(i), Seg::Key(k)];
        let Some(name) = check.text_at(&r.name, &at("name"), "name") else {
            continue;
        };
        results.push(PersonResult {
            at: i,
            name: if mask { mask_name(&name) } else { name },
            post: r
                .post
                .as_ref()
                .map(|p| p.as_str().trim().to_string())
                .filter(|p| !p.is_empty()),
            votes: r.votes.clone(),
        });
    }
    Some(Evaluation {
        attendance: fm.attendance,
        ballots,
        grades,
        satisfied,
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
