//! Decisions taken by count: a procurement or tender result (items and prices, the supplier,
//! the selecting body by role, its votes), a vote of the staff congress (教代会表决) and a
//! consultation (征求意见). Read as written, with every printed share kept beside its counts;
//! `check::tables` computes and compares them.

use serde::Deserialize;

use crate::content::check::Checker;
use crate::content::money::Amount;
use crate::content::scalar::{Text, non_empty as opt};
use crate::diagnostics::Words;
use crate::yaml::Seg;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProcurement {
    pub project: Text,
    /// 采购方式: 公开招标, 竞争性磋商, 询价 …
    pub method: Option<Text>,
    pub supplier: Option<Text>,
    pub body: Option<RawBody>,
    /// How many voted, when more than the body (parents voting on a uniform).
    pub voters: Option<u32>,
    #[serde(default)]
    pub votes: Vec<RawOption>,
    #[serde(default)]
    pub items: Vec<RawItem>,
    pub total: Option<Text>,
    pub note: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBody {
    pub name: Text,
    pub members: Vec<RawRole>,
    pub size: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRole {
    pub role: Text,
    pub count: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    pub option: Text,
    pub votes: u32,
    pub share: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    pub item: Text,
    pub spec: Option<Text>,
    /// Left out where a notice prints the unit price only.
    pub quantity: Option<u64>,
    pub unit: Option<Text>,
    pub price: Text,
    pub amount: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawVote {
    /// One motion (with its counts here), or several in `motions`.
    pub motion: Option<Text>,
    /// 应到 (正式代表), when printed.
    pub roll: Option<u32>,
    /// 实到.
    pub present: u32,
    /// 列席: attend without a vote.
    pub observers: Option<u32>,
    #[serde(rename = "for")]
    pub yes: Option<u32>,
    pub against: Option<u32>,
    pub abstain: Option<u32>,
    pub rule: Option<Text>,
    /// 通过 or 未通过, as the notice says.
    pub result: Option<Text>,
    /// Several motions put to the same meeting.
    pub motions: Option<Vec<RawMotion>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMotion {
    pub motion: Text,
    #[serde(rename = "for")]
    pub yes: u32,
    pub against: u32,
    pub abstain: Option<u32>,
    pub result: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConsultation {
    pub subject: Text,
    /// Left out where a notice prints only those returned.
    pub issued: Option<u32>,
    pub returned: u32,
    pub agree: u32,
    pub disagree: Option<u32>,
    pub other: Option<u32>,
    pub agree_share: Option<Text>,
    pub disagree_share: Option<Text>,
    /// 2/3, 过半数, 80% …
    pub threshold: Option<Text>,
    pub result: Option<Text>,
}

/// A printed share (76.8%) with the place it is written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Printed {
    pub text: String,
    /// Where in the front matter (key path below the structure).
    pub at: Vec<PathPart>,
}

/// A piece of a front-matter path that can be kept in the model.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PathPart {
    Key(&'static str),
    Index(usize),
}

impl PathPart {
    pub fn seg(&self) -> Seg<'static> {
        match self {
            PathPart::Key(k) => Seg::Key(k),
            PathPart::Index(i) => Seg::Index(*i),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Procurement {
    pub project: String,
    pub method: Option<String>,
    pub supplier: Option<String>,
    pub body: Option<Body>,
    pub voters: Option<u32>,
    pub votes: Vec<(String, u32, Option<Printed>)>,
    pub items: Vec<Item>,
    /// The items' amounts added up, when every item has one (its quantity given).
    pub total: Option<Amount>,
    pub stated_total: Option<Amount>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Body {
    pub name: String,
    pub members: Vec<(String, u32)>,
    /// The roles' counts added up; the stated size when no roles are given.
    pub size: Option<u32>,
    pub stated_size: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Item {
    pub at: usize,
    pub item: String,
    pub spec: Option<String>,
    pub quantity: Option<u64>,
    pub unit: Option<String>,
    pub price: Amount,
    /// quantity × price, when the quantity is given.
    pub amount: Option<Amount>,
    pub stated: Option<Amount>,
}

/// What carries a motion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    MajorityOfPresent,
    TwoThirdsOfPresent,
    MajorityOfRoll,
    TwoThirdsOfRoll,
}

impl Rule {
    fn parse(s: &str) -> Option<Rule> {
        Some(match s.trim() {
            "majority_of_present" | "实到过半数" | "到会过半数" | "过半数" => {
                Rule::MajorityOfPresent
            }
            "two_thirds_of_present" | "实到三分之二" | "到会三分之二" | "三分之二" => {
                Rule::TwoThirdsOfPresent
            }
            "majority_of_roll" | "应到过半数" | "全体过半数" => Rule::MajorityOfRoll,
            "two_thirds_of_roll" | "应到三分之二" | "全体三分之二" => {
                Rule::TwoThirdsOfRoll
            }
            _ => return None,
        })
    }

    /// The votes for that carry the motion (a rule of the roll needs the roll).
    pub fn needed(self, present: u32, roll: Option<u32>) -> Option<u32> {
        Some(match self {
            Rule::MajorityOfPresent => present / 2 + 1,
            Rule::MajorityOfRoll => roll? / 2 + 1,
            Rule::TwoThirdsOfPresent => (present * 2).div_ceil(3),
            Rule::TwoThirdsOfRoll => (roll? * 2).div_ceil(3),
        })
    }

    pub fn words(self) -> Words {
        match self {
            Rule::MajorityOfPresent => Words::new("a majority of those present", "实到代表过半数"),
            Rule::TwoThirdsOfPresent => {
                Words::new("two thirds of those present", "实到代表三分之二以上")
            }
            Rule::MajorityOfRoll => Words::new("a majority of the roll", "应到代表过半数"),
            Rule::TwoThirdsOfRoll => Words::new("two thirds of the roll", "应到代表三分之二以上"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Vote {
    pub roll: Option<u32>,
    pub present: u32,
    pub observers: Option<u32>,
    pub rule: Rule,
    /// One motion, or those of `motions` in order.
    pub motions: Vec<Motion>,
}

/// One motion put to the vote.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Motion {
    /// Its place in `motions:`; `None` for a vote of one motion.
    pub at: Option<usize>,
    pub motion: String,
    pub yes: u32,
    pub against: u32,
    pub abstain: u32,
    /// Whether the notice says it passed (通过) or not (未通过), and its word.
    pub stated: Option<(bool, String)>,
}

impl Vote {
    /// Whether the motion is carried; `None` when its rule needs the roll and none is printed.
    pub fn passes(&self, m: &Motion) -> Option<bool> {
        Some(m.yes >= self.rule.needed(self.present, self.roll)?)
    }
}

/// How many must agree: more than half, or at least a share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Threshold {
    Majority,
    /// At least `p / q`.
    AtLeast(u32, u32),
}

impl Threshold {
    fn parse(s: &str) -> Option<Threshold> {
        let s = s.trim();
        match s {
            "过半数" | "majority" | "1/2" => return Some(Threshold::Majority),
            "三分之二" => return Some(Threshold::AtLeast(2, 3)),
            _ => {}
        }
        if let Some((p, q)) = s.split_once('/') {
            let (p, q) = (p.trim().parse().ok()?, q.trim().parse().ok()?);
            return (q > 0 && p <= q).then_some(Threshold::AtLeast(p, q));
        }
        let share = super::finance::parse_share(s)?;
        Some(Threshold::AtLeast(share.per_mille, 1000))
    }

    pub fn met(self, agree: u32, of: u32) -> bool {
        match self {
            Threshold::Majority => u64::from(agree) * 2 > u64::from(of),
            Threshold::AtLeast(p, q) => {
                u64::from(agree) * u64::from(q) >= u64::from(p) * u64::from(of)
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Consultation {
    pub subject: String,
    pub issued: Option<u32>,
    pub returned: u32,
    pub agree: u32,
    pub disagree: Option<u32>,
    pub other: u32,
    pub agree_share: Option<Printed>,
    pub disagree_share: Option<Printed>,
    pub threshold: Option<(Threshold, String)>,
    pub stated: Option<(bool, String)>,
}

/// `part / whole` to `decimals` places of a percent, rounded half up: `76.8%`.
pub fn percent_of(part: u32, whole: u32, decimals: usize) -> String {
    exact_percent(u128::from(part), u128::from(whole), decimals).unwrap_or_else(|| "—".into())
}

/// `part / whole` to `decimals` (at most 6) places of a percent, rounded half up, from exact
/// integers (counts, or amounts in fen); `None` without a whole.
pub fn exact_percent(part: u128, whole: u128, decimals: usize) -> Option<String> {
    if whole == 0 || decimals > 6 {
        return None;
    }
    let scale = 10u128.pow(decimals as u32 + 2);
    let v = (part * scale * 2 + whole) / (2 * whole);
    let div = 10u128.pow(decimals as u32);
    Some(if decimals == 0 {
        format!("{v}%")
    } else {
        format!("{}.{:0width$}%", v / div, v % div, width = decimals)
    })
}

/// The decimals a printed share has (`81.6%` → 1), or `None` if it is no share.
pub fn printed_decimals(s: &str) -> Option<usize> {
    let t = s.trim();
    let t = t.strip_suffix('%').or_else(|| t.strip_suffix('％'))?.trim();
    let (w, f) = t.split_once('.').unwrap_or((t, ""));
    (!w.is_empty()
        && w.bytes().all(|b| b.is_ascii_digit())
        && f.bytes().all(|b| b.is_ascii_digit())
        && f.len() <= 3)
        .then_some(f.len())
}

/// Whether a result word says passed (通过, 同意) or not (未通过, 不同意).
fn outcome(check: &mut Checker, t: &Option<Text>, at: &[Seg]) -> Option<(bool, String)> {
    let word = opt(t)?;
    let passed = match word.as_str() {
        "通过" | "同意" | "passed" | "carried" | "agreed" => true,
        "未通过" | "不通过" | "不同意" | "failed" | "rejected" => false,
        _ => {
            check.invalid(
                at,
                "result",
                Words::new(
                    format!("`{word}` is neither 通过 (passed) nor 未通过 (not passed)"),
                    format!("`{word}` 既不是“通过”也不是“未通过”"),
                ),
            );
            return None;
        }
    };
    Some((passed, word))
}

fn printed(
    check: &mut Checker,
    t: &Option<Text>,
    at: Vec<PathPart>,
    path: &[Seg],
) -> Option<Printed> {
    let text = opt(t)?;
    if printed_decimals(&text).is_none() {
        check.invalid(
            path,
            "share",
            Words::new(
                format!("`{text}` is not a share such as 76.8%"),
                format!("`{text}` 不是 76.8% 这样的比例"),
            ),
        );
        return None;
    }
    Some(Printed { text, at })
}

pub fn procurement(raw: &RawProcurement, check: &mut Checker) -> Option<Procurement> {
    let key = |k: &'static str| vec![Seg::Key("procurement"), Seg::Key(k)];
    let project = check.text_at(&raw.project, &key("project"), "project")?;
    let body = raw.body.as_ref().and_then(|b| {
        let name = check.text_at(
            &b.name,
            &[Seg::Key("procurement"), Seg::Key("body"), Seg::Key("name")],
            "name",
        )?;
        let members: Vec<(String, u32)> = b
            .members
            .iter()
            .map(|m| (m.role.as_str().trim().to_string(), m.count))
            .collect();
        let size = if members.is_empty() {
            b.size
        } else {
            Some(
                members
                    .iter()
                    .map(|(_, c)| *c)
                    .fold(0u32, u32::saturating_add),
            )
        };
        Some(Body {
            name,
            members,
            size,
            stated_size: b.size,
        })
    });
    let votes = raw
        .votes
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let path = [
                Seg::Key("procurement"),
                Seg::Key("votes"),
                Seg::Index(i),
                Seg::Key("share"),
            ];
            let at = vec![
                PathPart::Key("votes"),
                PathPart::Index(i),
                PathPart::Key("share"),
            ];
            (
                v.option.as_str().trim().to_string(),
                v.votes,
                printed(check, &v.share, at, &path),
            )
        })
        .collect();
    let mut items = Vec::new();
    let mut ok = true;
    for (i, it) in raw.items.iter().enumerate() {
        let at = |k| {
            [
                Seg::Key("procurement"),
                Seg::Key("items"),
                Seg::Index(i),
                Seg::Key(k),
            ]
        };
        let name = check.text_at(&it.item, &at("item"), "item");
        let price = check.amount(&it.price, &at("price"), "price", false);
        let stated = it
            .amount
            .as_ref()
            .and_then(|a| check.amount(a, &at("amount"), "amount", false));
        let (Some(name), Some(price)) = (name, price) else {
            ok = false;
            continue;
        };
        let amount = match it.quantity.map(|q| price.checked_times(q)) {
            None => None,
            Some(Some(a)) => Some(a),
            Some(None) => {
                check.error(
                    &at("quantity"),
                    crate::diagnostics::Problem::Overflow {
                        what: format!("the amount of {name}"),
                    },
                );
                ok = false;
                continue;
            }
        };
        items.push(Item {
            at: i,
            item: name,
            spec: opt(&it.spec),
            quantity: it.quantity,
            unit: opt(&it.unit),
            price,
            amount,
            stated,
        });
    }
    let amounts: Option<Vec<Amount>> = items.iter().map(|i| i.amount).collect();
    let total = match amounts.filter(|a| !a.is_empty()) {
        None => None,
        Some(a) => match Amount::checked_sum(&a) {
            Ok(t) => Some(t),
            Err(_) => {
                check.error(
                    &key("items"),
                    crate::diagnostics::Problem::Overflow {
                        what: "the total of the items".into(),
                    },
                );
                return None;
            }
        },
    };
    let stated_total = raw
        .total
        .as_ref()
        .and_then(|t| check.amount(t, &key("total"), "total", false));
    ok.then(|| Procurement {
        project,
        method: opt(&raw.method),
        supplier: opt(&raw.supplier),
        body,
        voters: raw.voters,
        votes,
        items,
        total,
        stated_total,
        note: opt(&raw.note),
    })
}

pub fn vote(raw: &RawVote, check: &mut Checker) -> Option<Vote> {
    let key = |k: &'static str| vec![Seg::Key("vote"), Seg::Key(k)];
    let rule = match &raw.rule {
        None => Rule::MajorityOfPresent,
        Some(t) => match Rule::parse(t.as_str()) {
            Some(r) => r,
            None => {
                check.invalid(
                    &key("rule"),
                    "rule",
                    Words::new(
                        format!("`{}` is not majority_of_present (实到过半数), two_thirds_of_present (实到三分之二), majority_of_roll (应到过半数) or two_thirds_of_roll (应到三分之二)", t.as_str()),
                        format!("`{}` 不是 majority_of_present（实到过半数）、two_thirds_of_present（实到三分之二）、majority_of_roll（应到过半数）或 two_thirds_of_roll（应到三分之二）", t.as_str()),
                    ),
                );
                return None;
            }
        },
    };
    if raw.roll.is_none() && matches!(rule, Rule::MajorityOfRoll | Rule::TwoThirdsOfRoll) {
        check.invalid(
            &key("rule"),
            "rule",
            Words::new(
                "a rule of the roll needs `roll` (应到)",
                "按应到人数计算的规则需要写 `roll`（应到人数）",
            ),
        );
        return None;
    }
    let mut motions = Vec::new();
    match (&raw.motions, &raw.motion) {
        (Some(list), None)
            if raw.yes.is_none() && raw.against.is_none() && raw.result.is_none() =>
        {
            for (i, m) in list.iter().enumerate() {
                let at = |k| {
                    vec![
                        Seg::Key("vote"),
                        Seg::Key("motions"),
                        Seg::Index(i),
                        Seg::Key(k),
                    ]
                };
                let Some(motion) = check.text_at(&m.motion, &at("motion"), "motion") else {
                    continue;
                };
                motions.push(Motion {
                    at: Some(i),
                    motion,
                    yes: m.yes,
                    against: m.against,
                    abstain: m.abstain.unwrap_or(0),
                    stated: outcome(check, &m.result, &at("result")),
                });
            }
        }
        (None, Some(motion)) => {
            let motion = check.text_at(motion, &key("motion"), "motion")?;
            let (Some(yes), Some(against)) = (raw.yes, raw.against) else {
                check.invalid(
                    &key("motion"),
                    "vote",
                    Words::new(
                        "give the counts `for` and `against` (and `abstain`)",
                        "请写出同意（`for`）、反对（`against`）和弃权（`abstain`）票数",
                    ),
                );
                return None;
            };
            motions.push(Motion {
                at: None,
                motion,
                yes,
                against,
                abstain: raw.abstain.unwrap_or(0),
                stated: outcome(check, &raw.result, &key("result")),
            });
        }
        _ => {
            check.invalid(
                &key("roll"),
                "vote",
                Words::new(
                    "give one `motion` with its counts, or several in `motions: [{motion, for, against, abstain, result}]`",
                    "写一项 `motion` 及其票数，或在 `motions: [{motion, for, against, abstain, result}]` 中写多项",
                ),
            );
            return None;
        }
    }
    Some(Vote {
        roll: raw.roll,
        present: raw.present,
        observers: raw.observers,
        rule,
        motions,
    })
}

pub fn consultation(raw: &RawConsultation, check: &mut Checker) -> Option<Consultation> {
    let key = |k: &'static str| vec![Seg::Key("consultation"), Seg::Key(k)];
    let subject = check.text_at(&raw.subject, &key("subject"), "subject")?;
    let threshold = match &raw.threshold {
        None => None,
        Some(t) => match Threshold::parse(t.as_str()) {
            Some(th) => Some((th, t.as_str().trim().to_string())),
            None => {
                check.invalid(
                    &key("threshold"),
                    "threshold",
                    Words::new(
                        format!(
                            "`{}` is not a threshold such as 2/3, 过半数 or 80%",
                            t.as_str()
                        ),
                        format!("`{}` 不是 2/3、过半数或 80% 这样的比例", t.as_str()),
                    ),
                );
                return None;
            }
        },
    };
    let agree_share = printed(
        check,
        &raw.agree_share,
        vec![PathPart::Key("agree_share")],
        &key("agree_share"),
    );
    let disagree_share = printed(
        check,
        &raw.disagree_share,
        vec![PathPart::Key("disagree_share")],
        &key("disagree_share"),
    );
    let stated = outcome(check, &raw.result, &key("result"));
    Some(Consultation {
        subject,
        issued: raw.issued,
        returned: raw.returned,
        agree: raw.agree,
        disagree: raw.disagree,
        other: raw.other.unwrap_or(0),
        agree_share,
        disagree_share,
        threshold,
        stated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_round_half_up_at_the_printed_precision() {
        assert_eq!(percent_of(242, 315, 1), "76.8%");
        assert_eq!(percent_of(700, 738, 1), "94.9%");
        assert_eq!(percent_of(1, 8, 2), "12.50%");
        assert_eq!(percent_of(1, 3, 0), "33%");
        assert_eq!(percent_of(2, 3, 1), "66.7%");
        assert_eq!(printed_decimals("81.6%"), Some(1));
        assert_eq!(printed_decimals("81％"), Some(0));
        assert_eq!(printed_decimals("81.6"), None);
    }

    #[test]
    fn rules_and_thresholds() {
        assert_eq!(Rule::MajorityOfPresent.needed(108, Some(120)), Some(55));
        assert_eq!(Rule::TwoThirdsOfPresent.needed(108, None), Some(72));
        assert_eq!(Rule::TwoThirdsOfRoll.needed(108, Some(120)), Some(80));
        assert_eq!(Rule::TwoThirdsOfRoll.needed(108, None), None);
        assert!(Threshold::AtLeast(2, 3).met(492, 738));
        assert!(!Threshold::AtLeast(2, 3).met(491, 738));
        assert!(!Threshold::Majority.met(369, 738));
        assert!(Threshold::Majority.met(370, 738));
    }
}
