//! Figures that must agree (核对): a ledger's declared totals against the computed ones, to the
//! fen; donations spent against donations received; ballots issued, returned and valid, and
//! each person's votes against the valid ballots and the grades; votes against the electorate
//! and the selected against the places. Loading read and computed the figures; this compares
//! them, at the place in the front matter a clerk would correct.

use crate::content::Notice;
use crate::content::data::decision::{
    Consultation, PathPart, Printed, Procurement, Vote, percent_of, printed_decimals,
};
use crate::content::data::matrix::FeeMatrix;
use crate::content::data::selection::{Group, Outcome};
use crate::content::data::{Donations, Evaluation, Ledger, SelectionData};
use crate::diagnostics::{Diagnostics, Problem, Words};
use crate::yaml::Seg;

/// Reports every disagreement among the figures of `notice`'s tables.
pub fn notice(notice: &Notice, diags: &mut Diagnostics) {
    let mut at = |path: &[Seg], problem: Problem| {
        diags.error(notice.front_matter.span_of(&notice.rel, path), problem);
    };
    let data = &notice.data;
    for l in data
        .ledger
        .as_deref()
        .into_iter()
        .chain(data.accounts.iter().flatten())
    {
        ledger(l, &mut at);
    }
    if let Some(d) = &data.donations {
        donations(d, &mut at);
    }
    if let Some(m) = &data.fee_matrix {
        matrix(m, &mut at);
    }
    if let Some(p) = &data.procurement {
        procurement(p, &mut at);
    }
    if let Some(v) = &data.vote {
        vote(v, &mut at);
    }
    if let Some(c) = &data.consultation {
        consultation(c, &mut at);
    }
    if let Some(e) = &data.evaluation {
        evaluation(e, &mut at);
    }
    if let Some(s) = &data.selection {
        selection(s, &mut at);
    }
}

fn ledger(l: &Ledger, at: &mut impl FnMut(&[Seg], Problem)) {
    for (figure, declared, computed) in [
        ("income", l.declared.income, l.income),
        ("expense", l.declared.expense, l.expense),
        ("balance", l.declared.balance, l.balance),
    ] {
        if let Some(declared) = declared
            && declared != computed
        {
            at(
                &l.path(&[Seg::Key("declared"), Seg::Key(figure)]),
                Problem::DeclaredMismatch {
                    figure,
                    declared: declared.display(),
                    computed: computed.display(),
                },
            );
        }
    }
    if let (Some(declared), Some(computed)) = (l.declared.closing, l.closing)
        && declared != computed
    {
        at(
            &l.path(&[Seg::Key("declared"), Seg::Key("closing")]),
            Problem::DeclaredMismatch {
                figure: "closing",
                declared: declared.display(),
                computed: computed.display(),
            },
        );
    }
    for (written, path, stated) in &l.declared.subtotals {
        let Some(s) = l.subtotals.iter().find(|s| &s.path == path) else {
            continue;
        };
        if *stated != s.value() {
            at(
                &l.path(&[Seg::Key("declared"), Seg::Key("subtotals")]),
                Problem::Inconsistent(Words::new(
                    format!(
                        "{written}: the stated subtotal {} is not the sum of its rows, {}",
                        stated.display(),
                        s.value().display()
                    ),
                    format!(
                        "{written}：写的小计 {} 不等于各行之和 {}",
                        stated.display(),
                        s.value().display()
                    ),
                )),
            );
        }
    }
    if let Some(printed) = &l.declared.surplus_ratio
        && let Some(decimals) = printed_decimals(printed.trim_start_matches('-'))
        && let Some(computed) = l.surplus_ratio_at(decimals)
        && computed != *printed
    {
        at(
            &l.path(&[Seg::Key("declared"), Seg::Key("surplus_ratio")]),
            Problem::Inconsistent(Words::new(
                format!(
                    "the surplus ratio is {computed} (balance {} of income {}), not the {printed} printed",
                    l.balance.display(),
                    l.income.display()
                ),
                format!(
                    "结余率为 {computed}（结余 {} ÷ 收入 {}），不是所写的 {printed}",
                    l.balance.display(),
                    l.income.display()
                ),
            )),
        );
    }
    // 结余率 = balance / income, held to the rules' maximum exactly (not after rounding).
    if let Some(max) = &l.max_surplus_ratio
        && l.income.0 > 0
        && i128::from(l.balance.0).abs() * 1000 > i128::from(max.per_mille) * i128::from(l.income.0)
    {
        let ratio = l.surplus_ratio().unwrap_or_default();
        at(
            &l.path(&[Seg::Key("max_surplus_ratio")]),
            Problem::Inconsistent(Words::new(
                format!(
                    "the surplus ratio is {ratio} (balance {} of income {}), above the {} allowed",
                    l.balance.display(),
                    l.income.display(),
                    max.written
                ),
                format!(
                    "结余率为 {ratio}（结余 {} ÷ 收入 {}），超过规定的 {}",
                    l.balance.display(),
                    l.income.display(),
                    max.written
                ),
            )),
        );
    }
}

/// A printed share against `part / whole` at the printed precision.
fn share(
    root: &'static str,
    printed: &Option<Printed>,
    part: u32,
    whole: u32,
    at: &mut impl FnMut(&[Seg], Problem),
) {
    let Some(p) = printed else { return };
    let Some(decimals) = printed_decimals(&p.text) else {
        return;
    };
    let computed = percent_of(part, whole, decimals);
    let normal = p.text.replace('％', "%");
    if computed != normal.trim() {
        let mut path = vec![Seg::Key(root)];
        path.extend(p.at.iter().map(PathPart::seg));
        at(
            &path,
            Problem::Inconsistent(Words::new(
                format!(
                    "{part} of {whole} is {computed}, not the {} printed",
                    p.text
                ),
                format!("{whole} 中的 {part} 是 {computed}，不是所写的 {}", p.text),
            )),
        );
    }
}

fn procurement(p: &Procurement, at: &mut impl FnMut(&[Seg], Problem)) {
    let key = |k: &'static str| [Seg::Key("procurement"), Seg::Key(k)];
    if let Some(b) = &p.body
        && !b.members.is_empty()
        && let (Some(stated), Some(size)) = (b.stated_size, b.size)
        && stated != size
    {
        at(
            &[Seg::Key("procurement"), Seg::Key("body"), Seg::Key("size")],
            Problem::Inconsistent(Words::new(
                format!("the members by role add up to {size}, not the {stated} stated"),
                format!("各类成员合计 {size} 人，不是所写的 {stated} 人"),
            )),
        );
    }
    for it in &p.items {
        let (Some(stated), Some(amount), Some(quantity)) = (it.stated, it.amount, it.quantity)
        else {
            continue;
        };
        if stated != amount {
            at(
                &[
                    Seg::Key("procurement"),
                    Seg::Key("items"),
                    Seg::Index(it.at),
                    Seg::Key("amount"),
                ],
                Problem::Inconsistent(Words::new(
                    format!(
                        "{}: {quantity} × {} is {}, not the {} stated",
                        it.item,
                        it.price.display(),
                        amount.display(),
                        stated.display()
                    ),
                    format!(
                        "{}：{quantity} × {} 是 {}，不是所写的 {}",
                        it.item,
                        it.price.display(),
                        amount.display(),
                        stated.display()
                    ),
                )),
            );
        }
    }
    if let (Some(stated), Some(total)) = (p.stated_total, p.total)
        && stated != total
    {
        at(
            &key("total"),
            Problem::Inconsistent(Words::new(
                format!(
                    "the items add up to {}, not the {} stated",
                    total.display(),
                    stated.display()
                ),
                format!(
                    "各项合计 {}，不是所写的 {}",
                    total.display(),
                    stated.display()
                ),
            )),
        );
    }
    // Votes against those who could vote: the voters stated, else the body.
    let Some(voters) = p.voters.or(p.body.as_ref().and_then(|b| b.size)) else {
        return;
    };
    let cast: u64 = p.votes.iter().map(|(_, v, _)| u64::from(*v)).sum();
    if cast > u64::from(voters) {
        at(
            &key("votes"),
            Problem::Inconsistent(Words::new(
                format!("{cast} votes but only {voters} could vote"),
                format!("共 {cast} 票，但有投票权的只有 {voters} 人"),
            )),
        );
    }
    for (_, votes, printed) in &p.votes {
        share("procurement", printed, *votes, voters, at);
    }
}

fn vote(v: &Vote, at: &mut impl FnMut(&[Seg], Problem)) {
    let key = |k: &'static str| [Seg::Key("vote"), Seg::Key(k)];
    if let Some(roll) = v.roll {
        if v.present > roll {
            at(
                &key("present"),
                Problem::Inconsistent(Words::new(
                    format!("{} present but only {roll} on the roll", v.present),
                    format!("实到 {} 人，但应到只有 {roll} 人", v.present),
                )),
            );
        }
        // A staff congress sits with two thirds of its delegates.
        let quorum = (u64::from(roll) * 2).div_ceil(3);
        if u64::from(v.present) < quorum {
            at(
                &key("present"),
                Problem::Inconsistent(Words::new(
                    format!(
                        "{} of the {roll} delegates present; at least two thirds ({quorum}) must be",
                        v.present
                    ),
                    format!(
                        "应到 {roll} 人，实到 {} 人，不足三分之二（至少 {quorum} 人）",
                        v.present
                    ),
                )),
            );
        }
    }
    for m in &v.motions {
        let path = |k: &'static str| match m.at {
            Some(i) => vec![
                Seg::Key("vote"),
                Seg::Key("motions"),
                Seg::Index(i),
                Seg::Key(k),
            ],
            None => vec![Seg::Key("vote"), Seg::Key(k)],
        };
        let cast = u64::from(m.yes) + u64::from(m.against) + u64::from(m.abstain);
        if cast > u64::from(v.present) {
            at(
                &path("for"),
                Problem::Inconsistent(Words::new(
                    format!(
                        "{cast} votes ({} for, {} against, {} abstaining) but only {} present",
                        m.yes, m.against, m.abstain, v.present
                    ),
                    format!(
                        "同意 {}、反对 {}、弃权 {}，共 {cast} 票，但实到只有 {} 人",
                        m.yes, m.against, m.abstain, v.present
                    ),
                )),
            );
            continue;
        }
        let (Some((said, word)), Some(passes), Some(needed)) =
            (&m.stated, v.passes(m), v.rule.needed(v.present, v.roll))
        else {
            continue;
        };
        if *said != passes {
            let rule = v.rule.words();
            at(
                &path("result"),
                Problem::Inconsistent(Words::new(
                    format!(
                        "{} of the {} present voted for: the motion {} under {} ({needed} needed), but the notice says {word}",
                        m.yes,
                        v.present,
                        if passes { "passes" } else { "fails" },
                        rule.en
                    ),
                    format!(
                        "实到 {} 人，同意 {} 票：按{}（需 {needed} 票）应为“{}”，但公示写的是“{word}”",
                        v.present,
                        m.yes,
                        rule.zh,
                        if passes { "通过" } else { "未通过" }
                    ),
                )),
            );
        }
    }
}

fn consultation(c: &Consultation, at: &mut impl FnMut(&[Seg], Problem)) {
    let key = |k: &'static str| [Seg::Key("consultation"), Seg::Key(k)];
    if let Some(issued) = c.issued
        && c.returned > issued
    {
        at(
            &key("returned"),
            Problem::Inconsistent(Words::new(
                format!("{} returned but only {issued} issued", c.returned),
                format!("收回 {} 份，但只发放 {issued} 份", c.returned),
            )),
        );
    }
    let disagree = c.disagree.unwrap_or(0);
    let answered = u64::from(c.agree) + u64::from(disagree) + u64::from(c.other);
    if answered > u64::from(c.returned) {
        at(
            &key("agree"),
            Problem::Inconsistent(Words::new(
                format!(
                    "{answered} answers ({} agree, {disagree} disagree, {} other) but only {} returned",
                    c.agree, c.other, c.returned
                ),
                format!(
                    "同意 {}、不同意 {disagree}、其他 {}，共 {answered} 份，但只收回 {} 份",
                    c.agree, c.other, c.returned
                ),
            )),
        );
        return;
    }
    share("consultation", &c.agree_share, c.agree, c.returned, at);
    if let Some(d) = c.disagree {
        share("consultation", &c.disagree_share, d, c.returned, at);
    }
    if let (Some((threshold, written)), Some((said, word))) = (&c.threshold, &c.stated) {
        let met = threshold.met(c.agree, c.returned);
        if met != *said {
            at(
                &key("result"),
                Problem::Inconsistent(Words::new(
                    format!(
                        "{} of {} returned agree: the threshold {written} is {}, but the notice says {word}",
                        c.agree,
                        c.returned,
                        if met { "met" } else { "not met" }
                    ),
                    format!(
                        "收回 {} 份，同意 {} 份：{}按 {written} 的比例，但公示写的是“{word}”",
                        c.returned,
                        c.agree,
                        if met { "达到" } else { "未达到" }
                    ),
                )),
            );
        }
    }
}

/// A fee table's stated row and column totals against the sums of its cells.
fn matrix(m: &FeeMatrix, at: &mut impl FnMut(&[Seg], Problem)) {
    for r in &m.rows {
        if let Some(stated) = r.stated
            && stated != r.total
        {
            at(
                &[
                    Seg::Key("fee_matrix"),
                    Seg::Key("rows"),
                    Seg::Index(r.at),
                    Seg::Key("total"),
                ],
                Problem::Inconsistent(Words::new(
                    format!(
                        "{}: the stated total {} is not the sum of its items, {}",
                        r.name,
                        stated.display(),
                        r.total.display()
                    ),
                    format!(
                        "{}：写的合计 {} 不等于各项之和 {}",
                        r.name,
                        stated.display(),
                        r.total.display()
                    ),
                )),
            );
        }
    }
    let Some((columns, grand)) = &m.column_totals else {
        return;
    };
    let computed = columns.iter().chain(std::iter::once(grand));
    let names = m.columns.iter().map(String::as_str).chain(["合计"]);
    for (j, ((stated, computed), name)) in
        m.stated_columns.iter().zip(computed).zip(names).enumerate()
    {
        if let Some(stated) = stated
            && stated != computed
        {
            at(
                &[
                    Seg::Key("fee_matrix"),
                    Seg::Key("column_totals"),
                    Seg::Index(j),
                ],
                Problem::Inconsistent(Words::new(
                    format!(
                        "{name}: the stated total {} is not the sum of the column, {}",
                        stated.display(),
                        computed.display()
                    ),
                    format!(
                        "{name}：写的合计 {} 不等于该列之和 {}",
                        stated.display(),
                        computed.display()
                    ),
                )),
            );
        }
    }
}

fn donations(d: &Donations, at: &mut impl FnMut(&[Seg], Problem)) {
    for (figure, declared, computed) in [
        ("received", d.declared.received, Some(d.total_received)),
        ("disbursed", d.declared.disbursed, d.total_disbursed),
    ] {
        if let (Some(declared), Some(computed)) = (declared, computed)
            && declared != computed
        {
            at(
                &[
                    Seg::Key("donations"),
                    Seg::Key("declared"),
                    Seg::Key(figure),
                ],
                Problem::DeclaredMismatch {
                    figure,
                    declared: declared.display(),
                    computed: computed.display(),
                },
            );
        }
    }
    let Some(total_disbursed) = d.total_disbursed else {
        return;
    };
    if total_disbursed > d.total_received {
        at(
            &[Seg::Key("donations"), Seg::Key("disbursed")],
            Problem::Inconsistent(Words::new(
                format!(
                    "donations disbursed ({}) exceed donations received ({})",
                    total_disbursed.display(),
                    d.total_received.display()
                ),
                format!(
                    "捐款支出（{}）超过捐款收入（{}）",
                    total_disbursed.display(),
                    d.total_received.display()
                ),
            )),
        );
    }
}

fn evaluation(e: &Evaluation, at: &mut impl FnMut(&[Seg], Problem)) {
    let b = &e.ballots;
    if let Some(a) = &e.attendance {
        let path = |k| [Seg::Key("attendance"), Seg::Key(k)];
        if let Some(x) = a.expected
            && (x > a.roll || a.present > x)
        {
            at(
                &path("expected"),
                Problem::Inconsistent(Words::new(
                    format!(
                        "{} on the roll, {x} expected and {} present do not nest (present ≤ expected ≤ roll)",
                        a.roll, a.present
                    ),
                    format!(
                        "在册 {} 人、应到 {x} 人、实到 {} 人不合（实到 ≤ 应到 ≤ 在册）",
                        a.roll, a.present
                    ),
                )),
            );
        } else if a.present > a.roll {
            at(
                &path("present"),
                Problem::Inconsistent(Words::new(
                    format!("{} present but only {} on the roll", a.present, a.roll),
                    format!("实到 {} 人，但在册只有 {} 人", a.present, a.roll),
                )),
            );
        }
        // Two thirds of the roll, rounded up.
        let need = (u64::from(a.roll) * 2).div_ceil(3);
        if u64::from(a.present) < need {
            at(
                &path("present"),
                Problem::Inconsistent(Words::new(
                    format!(
                        "{} of the {} on the roll took part; at least two thirds ({need}) must",
                        a.present, a.roll
                    ),
                    format!(
                        "在册 {} 人，实到 {} 人，不足三分之二（至少 {need} 人）",
                        a.roll, a.present
                    ),
                )),
            );
        }
        if b.issued > a.present {
            at(
                &[Seg::Key("ballots"), Seg::Key("issued")],
                Problem::Inconsistent(Words::new(
                    format!(
                        "{} ballots issued but only {} took part",
                        b.issued, a.present
                    ),
                    format!("发出 {} 张选票，但实到只有 {} 人", b.issued, a.present),
                )),
            );
        }
    }
    if b.returned > b.issued {
        at(
            &[Seg::Key("ballots"), Seg::Key("returned")],
            Problem::Inconsistent(Words::new(
                format!(
                    "{} ballots returned but only {} issued",
                    b.returned, b.issued
                ),
                format!("收回 {} 张选票，但只发出 {} 张", b.returned, b.issued),
            )),
        );
    }
    if b.valid > b.returned {
        at(
            &[Seg::Key("ballots"), Seg::Key("valid")],
            Problem::Inconsistent(Words::new(
                format!("{} valid ballots but only {} returned", b.valid, b.returned),
                format!("有效票 {} 张，但只收回 {} 张", b.valid, b.returned),
            )),
        );
    }
    aspects_and_caps(e, at);
    for r in &e.results {
        let votes = [Seg::Key("results"), Seg::Index(r.at), Seg::Key("votes")];
        if r.votes.len() != e.grades.len() {
            at(
                &votes,
                Problem::Inconsistent(Words::new(
                    format!(
                        "{} vote counts for {} grades ({}); give one count per grade",
                        r.votes.len(),
                        e.grades.len(),
                        e.grades.join("、")
                    ),
                    format!(
                        "写了 {} 个票数，但有 {} 个等次（{}）；每个等次写一个票数",
                        r.votes.len(),
                        e.grades.len(),
                        e.grades.join("、")
                    ),
                )),
            );
        } else if r.votes_cast() > u64::from(b.valid) {
            at(
                &votes,
                Problem::Inconsistent(Words::new(
                    format!(
                        "{} votes for {} but only {} valid ballots",
                        r.votes_cast(),
                        r.name,
                        b.valid
                    ),
                    format!(
                        "{} 共得 {} 票，但有效票只有 {} 张",
                        r.name,
                        r.votes_cast(),
                        b.valid
                    ),
                )),
            );
        }
    }
}

/// Each person's votes per aspect against the valid ballots, and the final grades against the
/// caps.
fn aspects_and_caps(e: &Evaluation, at: &mut impl FnMut(&[Seg], Problem)) {
    let valid = e.ballots.valid;
    for r in &e.results {
        if r.aspect_votes.is_empty() {
            continue;
        }
        let path = [
            Seg::Key("results"),
            Seg::Index(r.at),
            Seg::Key("aspect_votes"),
        ];
        if r.aspect_votes.len() != e.aspects.len() {
            at(
                &path,
                Problem::Inconsistent(Words::new(
                    format!(
                        "{} lists of votes for {} aspects ({}); give one list per aspect",
                        r.aspect_votes.len(),
                        e.aspects.len(),
                        e.aspects.join(", ")
                    ),
                    format!(
                        "写了 {} 组票数，但有 {} 个测评项目（{}）；每个项目写一组",
                        r.aspect_votes.len(),
                        e.aspects.len(),
                        e.aspects.join("、")
                    ),
                )),
            );
            continue;
        }
        for (k, (aspect, votes)) in e.aspects.iter().zip(&r.aspect_votes).enumerate() {
            let mut place = path.to_vec();
            place.push(Seg::Index(k));
            let cast: u64 = votes.iter().map(|&v| u64::from(v)).sum();
            if votes.len() != e.aspect_grades.len() {
                at(
                    &place,
                    Problem::Inconsistent(Words::new(
                        format!(
                            "{} vote counts for {aspect} but {} grades ({})",
                            votes.len(),
                            e.aspect_grades.len(),
                            e.aspect_grades.join(", ")
                        ),
                        format!(
                            "{aspect}写了 {} 个票数，但有 {} 个等次（{}）",
                            votes.len(),
                            e.aspect_grades.len(),
                            e.aspect_grades.join("、")
                        ),
                    )),
                );
            } else if cast > u64::from(valid) {
                at(
                    &place,
                    Problem::Inconsistent(Words::new(
                        format!(
                            "{cast} votes for {} on {aspect} but only {valid} valid ballots",
                            r.name
                        ),
                        format!(
                            "{}的“{aspect}”共得 {cast} 票，但有效票只有 {valid} 张",
                            r.name
                        ),
                    )),
                );
            }
        }
    }
    let appraised = e.results.len() as u64;
    for cap in &e.caps {
        let graded = e
            .results
            .iter()
            .filter(|r| r.grade.as_deref() == Some(cap.grade.as_str()))
            .count() as u64;
        let allowed = appraised * u64::from(cap.per_mille) / 1000;
        if graded > allowed {
            at(
                &[Seg::Key("caps"), Seg::Key(cap.grade.as_str())],
                Problem::Inconsistent(Words::new(
                    format!(
                        "{graded} of {appraised} appraised are graded {}; the cap of {} allows {allowed}",
                        cap.grade, cap.written
                    ),
                    format!(
                        "{appraised} 人中有 {graded} 人评为{}，超过 {} 的比例（至多 {allowed} 人）",
                        cap.grade, cap.written
                    ),
                )),
            );
        }
    }
}

fn selection(s: &SelectionData, at: &mut impl FnMut(&[Seg], Problem)) {
    if let Some(n) = s.declared_students
        && n != s.tier_students
    {
        at(
            &[Seg::Key("tier_totals"), Seg::Key("students")],
            Problem::Inconsistent(Words::new(
                format!(
                    "{n} students stated but the tiers add up to {}",
                    s.tier_students
                ),
                format!("写的是 {n} 人，但各档人数合计 {} 人", s.tier_students),
            )),
        );
    }
    if let Some(a) = s.declared_amount
        && a != s.tier_amount
    {
        at(
            &[Seg::Key("tier_totals"), Seg::Key("amount")],
            Problem::DeclaredMismatch {
                figure: "amount",
                declared: a.display(),
                computed: s.tier_amount.display(),
            },
        );
    }
    for g in &s.groups {
        group(g, at);
    }
}

/// A list's selected against its places and its votes against its voters.
fn group(g: &Group, at: &mut impl FnMut(&[Seg], Problem)) {
    let selected = g.count(Outcome::Selected);
    if let Some(q) = g.quota
        && selected > q as usize
    {
        at(
            &g.path(&[Seg::Key("quota")]),
            Problem::Inconsistent(Words::new(
                format!("{selected} candidates selected but the quota is {q}"),
                format!("当选 {selected} 人，但名额只有 {q} 个"),
            )),
        );
    }
    let Some(e) = g.electorate else { return };
    for c in &g.candidates {
        if let Some(v) = c.votes
            && v > e
        {
            at(
                &g.path(&[Seg::Key("candidates"), Seg::Index(c.at), Seg::Key("votes")]),
                Problem::Inconsistent(Words::new(
                    format!("{v} votes but the electorate is {e}"),
                    format!("得 {v} 票，但投票人只有 {e} 人"),
                )),
            );
        }
    }
}
