//! `gongkai init` and `gongkai new`: a new board from nothing, and a new notice with the skeleton
//! its kind needs (the objection paragraph and sign-off included).

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::calendar::{SchoolYear, zh_date};
use crate::config::Site;
use crate::content::Kind;

#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error("`{0}` already exists and is not empty; choose a new folder")]
    NotEmpty(PathBuf),
    #[error("`{0}` already exists; choose another title or remove it")]
    Exists(PathBuf),
    #[error(
        "unknown kind `{0}`: use finance, evaluation, selection or notice (财务, 评议, 评选, 通知)"
    )]
    UnknownKind(String),
    #[error("the title is empty")]
    EmptyTitle,
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl ScaffoldError {
    /// The error in `lang` (the English is its `Display`).
    pub fn told(&self, lang: crate::diagnostics::Lang) -> String {
        use crate::diagnostics::Lang;
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            ScaffoldError::NotEmpty(p) => {
                format!("`{}` 已存在且不是空的；请选择新的文件夹", p.display())
            }
            ScaffoldError::Exists(p) => format!("`{}` 已存在；请换一个标题或删除它", p.display()),
            ScaffoldError::UnknownKind(k) => format!(
                "未知的类别 `{k}`：请用 finance、evaluation、selection 或 notice（财务、评议、评选、通知）"
            ),
            ScaffoldError::EmptyTitle => "标题是空的".into(),
            ScaffoldError::Io { path, source } => {
                format!("{}：{}", path.display(), crate::diagnostics::io_zh(source))
            }
        }
    }
}

fn write_new(path: &Path, text: &str) -> Result<(), ScaffoldError> {
    let io = |source| ScaffoldError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    std::fs::write(path, text).map_err(io)
}

const SITE_YAML: &str = r#"# gongkai site settings. Every key is optional; unknown keys are errors.
title: 校务公开栏
school: 某某市某某学校            # full name of the school (发布机构), shown on every page
school_code: SCHOOL               # short code in index numbers (索引号), e.g. QHEX-2025-CW-0001
base_url: https://example.edu.cn/xwgk/   # where the site is published (feed, sitemap, canonical links)
description: 学校校务公开、财务公开、评优评先公示
language: zh-CN                   # zh-CN or en
timezone: Asia/Shanghai
school_year_start: "09-01"        # 学年 start (month-day)
notice_period_days: 5             # default 公示期 in working days
contact:                          # default objection channel (异议受理)
  office: 校务公开监督小组
  phone: 0000-00000000
  email: xwgk@example.edu.cn
  address: 学校行政楼一楼校务公开意见箱
# The disclosure guide (guide.html) says this too; content/_guide.md adds your own text.
# guide:
#   hours: 周一至周五 8:00—17:00
#   places: [学校大门口校务公开栏, 行政楼一楼电子屏]
#   supervisor: 某某区教育局（监督电话 0000-00000000）
# Working days are counted with China's national holidays and 调休 working days built in
# (national_holidays: false turns them off). Add the school's own days off and days worked:
holidays: []
workdays: []
"#;

/// Creates a new site in `dir` (which must be absent or empty).
pub fn init(dir: &Path, today: Date) -> Result<Vec<PathBuf>, ScaffoldError> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map_err(|source| ScaffoldError::Io {
                path: dir.to_path_buf(),
                source,
            })?
            .next()
            .is_none();
        if !empty {
            return Err(ScaffoldError::NotEmpty(dir.to_path_buf()));
        }
    }
    let site = Site::defaults();
    let year = SchoolYear::of(today, site.year_start).label();
    let files = [
        (PathBuf::from("site.yaml"), SITE_YAML.to_string()),
        (
            PathBuf::from(".gitignore"),
            "/public/\n/public-staff/\n/gongkai-report*.json\n/.*.gongkai-lock\n".to_string(),
        ),
        (
            PathBuf::from(format!("content/{year}/notice/welcome.md")),
            skeleton(
                Kind::Notice,
                "校务公开栏开通公告",
                today,
                &site,
                "welcome",
                None,
                "校长办公室",
            ),
        ),
    ];
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(&rel);
        write_new(&path, &text)?;
        written.push(path);
    }
    Ok(written)
}

/// Creates a notice of `kind` titled `title` in `ROOT/content/{school year}/{kind}/`.
pub fn new_notice(
    root: &Path,
    kind: &str,
    title: &str,
    today: Date,
    site: &Site,
) -> Result<PathBuf, ScaffoldError> {
    let kind = Kind::parse(kind).ok_or_else(|| ScaffoldError::UnknownKind(kind.to_string()))?;
    let title = title.trim();
    if title.is_empty() {
        return Err(ScaffoldError::EmptyTitle);
    }
    let year = SchoolYear::of(today, site.year_start).label();
    let stem: String = title
        .chars()
        .filter(|c| {
            !c.is_control() && !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
        })
        .take(40)
        .collect();
    let path = root
        .join(crate::content::CONTENT_DIR)
        .join(&year)
        .join(kind.key())
        .join(format!("{}-{}.md", today, stem.trim()));
    if path.exists() {
        return Err(ScaffoldError::Exists(path));
    }
    let (slug, index_no, latest) = identity(root, kind, today, site);
    let department = department(site, latest.as_deref());
    write_new(
        &path,
        &skeleton(
            kind,
            title,
            today,
            site,
            &slug,
            Some(&index_no),
            &department,
        ),
    )?;
    Ok(path)
}

/// A new notice's identity, written into its front matter so that it holds whatever the file
/// is later named: an ASCII slug (`20261202-selection-1`) and the next index number of its
/// year and kind, both never published and not held by any notice of the site.
fn identity(root: &Path, kind: Kind, date: Date, site: &Site) -> (String, String, Option<String>) {
    let mut opts = crate::BuildOptions::new(root);
    opts.now = Some(date);
    opts.drafts = true;
    opts.audience = crate::content::Audience::Staff;
    // Every notice's identity as the next build will assign it (problems are for `check`).
    let board = crate::load(&opts).board;
    // The department of the site's latest notice (of this kind, else of any).
    let latest = |same_kind: bool| {
        board
            .entries
            .iter()
            .filter(|e| !same_kind || e.notice.kind == kind)
            .filter_map(|e| Some((e.notice.date, e.notice.department.clone()?)))
            .max_by_key(|(d, _)| *d)
            .map(|(_, dept)| dept)
    };
    let latest = latest(true).or_else(|| latest(false));
    let known = board.registry;
    let day = date.strftime("%Y%m%d").to_string();
    let slug = (1..)
        .map(|n| format!("{day}-{}-{n}", kind.key()))
        .find(|s| !known.slug_taken(s))
        .unwrap_or_default();
    let prefix = format!(
        "{}-{}-{}-",
        site.config.school_code,
        date.year(),
        kind.code()
    );
    let index_no = format!("{prefix}{:04}", known.max_seq(&prefix) + 1);
    (slug, index_no, latest)
}

/// The structured block of a kind's front matter: sample rows marked （示例） or named 某某
/// (both flagged by `check` until replaced) and a comment on every field; with the sentence and
/// `{{ … }}` marker that place its table in the body.
fn structured(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Finance => (
            r#"# 收支明细: one row per item; the totals are computed to the fen, never typed.
# opening_balance: "0.00"      # 期初结余 (optional): the page then shows 期末结余 too
ledger:                        # or ledger_csv: a CSV file or workbook beside this notice (收支.xlsx#伙食)
  - {item: （示例）伙食费收入, type: income, amount: "0.00", category: 收入}   # type: income (收入) or expense (支出)
  - {item: （示例）食材采购, type: expense, amount: "0.00", category: 伙食支出, note: 备注可省略}
declared: {income: "0.00", expense: "0.00", balance: "0.00"}   # the totals printed on paper: checked to the fen
# A fee schedule (收费公示) instead of a ledger; basis (收费依据) is required on every fee:
# fees:
#   - {item: （示例）课后服务费, standard: "0.00", unit: 元/生·学期, basis: 某价费〔2026〕1号, scope: 自愿参加的学生}
# Donations (捐赠公示):
# donations:
#   received:  [{from: （示例）某某公司, amount: "0.00", date: 2026-01-01}]
#   disbursed: [{to: （示例）图书购置, amount: "0.00", date: 2026-01-01}]
# A per-grade fee table (年级 × 项目); each row's 合计 computed, stated totals checked:
# fee_matrix:
#   caption: （示例）各年级代收费标准（单位：元/生）
#   corner: 年级
#   columns: [作业本费, 保险费]
#   rows:
#     - {name: 一年级, values: ["0.00", "0.00"]}
#   basis: 某价费〔2026〕1号
# Several accounts (幼儿伙食, 教工伙食), categories nested with / and each given a 小计:
# accounts:
#   - name: （示例）幼儿伙食
#     max_surplus_ratio: 2%      # 结余率 = 结余 ÷ 收入, at most this
#     ledger:
#       - {item: （示例）伙食费收入, type: income, amount: "0.00", cumulative: "0.00"}   # cumulative: 本年累计
#       - {item: （示例）大米, type: expense, amount: "0.00", category: 伙食费支出/主食}
# A procurement result (采购结果): items × unit price, the selecting body, votes and shares:
# procurement:
#   project: （示例）学生校服采购
#   method: 竞争性磋商
#   supplier: （示例）某某公司
#   body: {name: 校服选用委员会, members: [{role: 家长代表, count: 0}]}
#   items: [{item: （示例）夏装, quantity: 1, unit: 套, price: "0.00"}]
"#,
            "## 一、收支情况

{{ ledger }}
",
        ),
        Kind::Evaluation => (
            r#"# 测评票数: issued (发出) ≥ returned (收回) ≥ valid (有效); rates use the valid ballots.
ballots: {issued: 0, returned: 0, valid: 0}
# grades: [优秀, 称职, 基本称职, 不称职]   # the default grades, best first
# satisfied_grades: [优秀, 称职]          # counted in the 称职率 (default: the first two)
# attendance: {roll: 0, expected: 0, present: 0}   # 在册/应到/实到: at least 2/3 of the roll
# rate_name: 称职及以上率                 # the headline rate's name
# aspects: [政治思想, 工作能力与实绩, 民主作风, 为人师表, 廉洁自律]   # scored one by one…
# aspect_grades: [好, 较好, 一般, 差]     # …in these grades; each person then has aspect_votes
# caps: {优秀: 20%}                      # at most this share of those appraised get a grade
results:                       # one count per grade, in the order of grades; the rest are 弃权
  - {name: 某某某, post: （示例）副校长, votes: [0, 0, 0, 0]}
  - {name: 某某某, post: （示例）教务处主任, votes: [0, 0, 0, 0]}
    # optional per person: grade: 称职 (the final 等次), aspect_votes: [[0, 0, 0, 0], …],
    # comments: {strengths: …, weaknesses: …}, note: …
"#,
            "## 一、测评结果

{{ results }}
",
        ),
        Kind::Selection => (
            r#"award: （示例）某某年度优秀教师    # 评选项目
award_type: honour             # honour (评优) | title (职称) | post (竞聘) | aid (资助: names masked)
quota: 1                       # 名额: selected ≤ quota
# electorate: 0                # 投票人数: votes ≤ electorate
criteria: |                    # 评选条件和程序, shown before the list
  1. （示例）热爱教育事业，师德高尚。
panel: [某某某, 某某某]          # 评审小组 (staff, named in full)
# sort: votes                  # list by votes, most first (otherwise as written)
candidates:                    # result: selected (当选, 拟推荐…) | not_selected (未当选) | withdrawn (退出)
  - {name: 某某某, unit: （示例）初一年级组, post: 语文教师, result: selected}
    # leave result out (候选) while the list is open: it may then be longer than the quota
# Several awards or tiers in one notice, each with its places (instead of quota and candidates):
# groups:
#   - name: （示例）教学楷模
#     quota: 1
#     candidates: [{name: 某某某, unit: （示例）初一年级组}]
# Student aid by tier without names (instead of candidates: write candidates: []):
# tiers:
#   - {name: 一档, standard: "0.00", count: 0, months: 10}
# tier_totals: {students: 0, amount: "0.00"}
"#,
            "## 一、评选结果

{{ candidates }}
",
        ),
        Kind::Notice => (
            r#"# A vote of the staff congress (教代会表决), checked against its rule:
# vote:
#   motion: （示例）《某某方案》
#   roll: 0                      # 应到正式代表; at least two thirds present
#   present: 0                   # 实到
#   for: 0
#   against: 0
#   abstain: 0
#   rule: majority_of_present    # | two_thirds_of_present | majority_of_roll | two_thirds_of_roll
#   # result: 通过           # optional: checked against the count
# A consultation (征求意见), checked against its threshold:
# consultation:
#   subject: （示例）是否同意统一征订校服
#   issued: 0
#   returned: 0
#   agree: 0
#   disagree: 0
#   threshold: 2/3
"#,
            "",
        ),
    }
}

/// The department a new notice is from: the first of `departments:` in site.yaml, or the one
/// the site's latest notice gives, or the principal's office.
fn department(site: &Site, latest: Option<&str>) -> String {
    site.config
        .departments
        .first()
        .map(String::as_str)
        .or(latest)
        .unwrap_or("校长办公室")
        .to_string()
}

/// The text of a new notice.
fn skeleton(
    kind: Kind,
    title: &str,
    date: Date,
    site: &Site,
    slug: &str,
    index_no: Option<&str>,
    department: &str,
) -> String {
    let title_yaml = serde_yaml::to_string(title).unwrap_or_else(|_| format!("\"{title}\""));
    let mut s = format!(
        "---\ntitle: {}kind: {}\ndate: {date}\nslug: {slug}   # the URL: notices/{slug}.html, kept for ever\n{}department: {department}   # 发布部门\n# doc_no: 某校发〔{}〕1号   # 文号\n",
        title_yaml,
        kind.key(),
        index_no
            .map(|n| format!("index_no: {n}   # 索引号, kept for ever\n"))
            .unwrap_or_default(),
        date.year()
    );
    if kind.has_default_period() {
        s.push_str(&format!(
            "period: {{days: {}}}          # 公示期, in working days from the date\n",
            site.config.notice_period_days
        ));
    }
    s.push_str("tags: []\n# summary: 一句话内容概述\n");
    let (block, table) = structured(kind);
    s.push_str(block);
    s.push_str("---\n\n");
    let body = match kind {
        Kind::Finance => "根据有关规定，现将有关财务情况公示如下。\n\n",
        Kind::Evaluation => {
            "根据学校干部考核工作安排，学校组织全体教职工进行了民主测评，现将结果公示如下。\n\n（在此说明测评的组织和参评人数。）\n\n"
        }
        Kind::Selection => "经个人申报、民主推荐、评审小组审议，现将拟推荐人选公示如下。\n\n",
        Kind::Notice => "（在此写通知正文。）\n",
    };
    s.push_str(body);
    s.push_str(table);
    if kind.has_default_period() {
        s.push_str(&format!(
            "\n公示期内如有异议，请以书面形式实名向校务公开监督小组反映，并写明事实依据。\n\n{}\n\n{}\n",
            if site.config.school.is_empty() { "（学校全称）" } else { &site.config.school },
            zh_date(date)
        ));
    }
    s
}
