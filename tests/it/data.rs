//! Structured data: exact money, checks with file:line:col, CSV encodings, masking and charts.

use crate::support::{Site, assert_has, fails_with, stderr};

fn notice(front: &str, body: &str) -> String {
    format!("---\ntitle: 测试公示\ndate: 2026-03-02\n{front}---\n{body}")
}

fn build_one(front: &str, body: &str) -> Site {
    let site = Site::empty();
    site.write("content/x.md", &notice(front, body));
    site.build_ok(&[]);
    site
}

fn fails(front: &str, body: &str) -> String {
    crate::support::fails_with("content/x.md", &notice(front, body))
}

#[test]
fn ledger_sums_that_floats_get_wrong() {
    let site = build_one(
        "kind: finance\nledger:\n  - {item: 甲, type: income, amount: 0.10}\n  - {item: 乙, type: income, amount: \"0.20\"}\n  - {item: 丙, type: expense, amount: \"¥0.30\"}\ndeclared: {income: \"0.30\", expense: 0.3, balance: 0}\n",
        "",
    );
    let html = site.read("notices/x.html");
    assert_has(
        &html,
        &[
            "<caption>收支明细（单位：元）</caption>",
            "<th scope=\"row\" colspan=\"3\">合计</th><td class=\"num\">0.30</td><td class=\"num\">0.30</td>",
            "<th scope=\"row\" colspan=\"3\">收入合计</th><td class=\"num\" colspan=\"2\">0.30</td><td class=\"capitals\">叁角整</td>",
            "<th scope=\"row\" colspan=\"3\">本期结余</th><td class=\"num\" colspan=\"2\">0.00</td><td class=\"capitals\">零元整</td>",
        ],
    );
}

#[test]
fn a_thousand_cents_and_the_largest_amounts() {
    let mut front = String::from("kind: finance\nopening_balance: \"1,000.00\"\nledger:\n");
    for i in 0..1000 {
        front.push_str(&format!(
            "  - {{item: 零钱{i}, type: income, amount: \"0.01\"}}\n"
        ));
    }
    front.push_str("  - {item: 大额, type: income, amount: \"999,999,999.99\"}\n  - {item: 支出, type: expense, amount: \"1,005.00\"}\n");
    let site = build_one(&front, "{{ ledger }}\n");
    let html = site.read("notices/x.html");
    assert_has(
        &html,
        &[
            "<td class=\"num\">1,000,000,009.99</td><td class=\"num\">1,005.00</td>",
            "拾亿零玖元玖角玖分",
            "<td class=\"capitals\">壹仟零伍元整</td>",
            // Closing = 1,000.00 + 1,000,000,009.99 − 1,005.00.
            "期末结余</th><td class=\"num\" colspan=\"2\">1,000,000,004.99</td>",
        ],
    );
}

#[test]
fn ledger_errors_name_file_line_and_column() {
    let err = fails(
        "kind: finance\nledger:\n  - {item: 甲, type: income, amount: 12.345}\n  - {item: 乙, type: 收款, amount: abc}\n  - {item: 丙, type: expense, amount: \"-5.00\"}\n  - {type: expense, amount: 1}\n",
        "",
    );
    assert_has(
        &err,
        &[
            "content/x.md:6:29: error: `amount`: `12.345` has more than two decimal places",
            "content/x.md:7:15: error: invalid value for `type`: `收款` is neither `income` (收入) nor `expense` (支出)",
            "content/x.md:7:25: error: `amount`: `abc` is not an amount of money",
            "content/x.md:8:30: error: invalid value for `amount`: `-5.00` is negative",
            "content/x.md:9:3: error: `item` is empty",
        ],
    );
}

#[test]
fn declared_figures_must_match_to_the_fen() {
    let err = fails(
        "kind: finance\nledger:\n  - {item: 拨款, type: income, amount: \"1,234,567.89\"}\n  - {item: 水电费, type: expense, amount: 12345.67}\ndeclared: {income: \"1,234,567.89\", expense: \"12,345.67\", balance: \"1,222,222.21\"}\n",
        "",
    );
    assert_has(
        &err,
        &[
            "content/x.md:8:58: error: declared balance 1,222,222.21 does not match the computed 1,222,222.22",
        ],
    );
}

#[test]
fn fees_need_their_basis() {
    let err = fails(
        "kind: finance\nfees:\n  - {item: 课后服务费, standard: \"300.00\", unit: 元/生·学期}\n",
        "",
    );
    assert_has(
        &err,
        &[
            "content/x.md:6:6: error: fee `课后服务费` has no `basis` (收费依据)",
            "must not be posted",
        ],
    );
    let site = build_one(
        "kind: finance\nfees:\n  - {item: 课后服务费, standard: 300, unit: 元/生·学期, basis: 青价费〔2024〕15号, scope: 自愿参加的学生}\n",
        "前言\n\n{{ fees }}\n\n结语\n",
    );
    let html = site.read("notices/x.html");
    assert_has(
        &html,
        &[
            "<td>1</td><td>课后服务费</td><td class=\"num\">300.00</td><td>元/生·学期</td><td>青价费〔2024〕15号</td><td>自愿参加的学生</td>",
        ],
    );
    // The marker places the table between the paragraphs.
    assert!(html.find("前言").unwrap() < html.find("收费项目及标准").unwrap());
    assert!(html.find("收费项目及标准").unwrap() < html.find("结语").unwrap());
}

#[test]
fn donations_cannot_disburse_more_than_received() {
    let err = fails(
        "kind: finance\ndonations:\n  received:\n    - {from: 某公司, amount: \"100.00\"}\n  disbursed:\n    - {to: 图书, amount: \"100.01\"}\n",
        "",
    );
    assert_has(
        &err,
        &[
            "content/x.md:8:3: error: donations disbursed (100.01) exceed donations received (100.00)",
        ],
    );
    let site = build_one(
        "kind: finance\ndonations:\n  received:\n    - {from: 某公司, amount: \"20,000.00\"}\n    - {from: 家委会, amount: \"5,000.50\"}\n  disbursed:\n    - {to: 图书, amount: \"15,600.00\"}\n",
        "",
    );
    assert_has(
        &site.read("notices/x.html"),
        &["结余 <strong>9,400.50 元</strong>（玖仟肆佰元伍角整）"],
    );
}

#[test]
fn ballots_votes_and_charts() {
    let front = "kind: evaluation\nballots: {issued: 38, returned: 38, valid: 37}\nresults:\n  - {name: 陈建国, post: 校长, votes: [30, 6, 1, 0]}\n  - {name: 林芳, post: 副校长, votes: [20, 10, 2, 1]}\n";
    let site = build_one(front, "");
    let html = site.read("notices/x.html");
    assert_has(
        &html,
        &[
            "发出测评票 38 张，收回 38 张（收回率 100.0%），其中有效票 37 张、废票 1 张",
            "<th scope=\"row\">陈建国</th><td>校长</td><td class=\"num\">30<br><span class=\"share\">81.1%</span></td><td class=\"num\">6<br><span class=\"share\">16.2%</span></td>",
            // 林芳: 33 graded of 37 valid, 4 blank; satisfied (优秀+称职) 30/37.
            "<td class=\"num\">4</td><td class=\"num\">81.1%</td>",
            "<th scope=\"col\" class=\"num\">优秀+称职率</th>",
            "aria-label=\"陈建国：优秀30票（81.1%），称职6票（16.2%），基本称职1票（2.7%），不称职0票（0.0%）\"",
            // Bar widths: 811‰ and 162‰ of 180 px.
            "width=\"145\" height=\"14\" fill=\"#1f2328\"",
            "width=\"29\" height=\"14\" fill=\"#57606a\"",
        ],
    );
}

#[test]
fn ballot_and_vote_errors() {
    let err = fails(
        "kind: evaluation\nballots: {issued: 38, returned: 39, valid: 40}\nresults:\n  - {name: 甲, votes: [30, 6, 1]}\n  - {name: 乙, votes: [30, 6, 1, 5]}\n",
        "",
    );
    assert_has(
        &err,
        &[
            "content/x.md:5:23: error: 39 ballots returned but only 38 issued",
            "content/x.md:5:37: error: 40 valid ballots but only 39 returned",
            "content/x.md:7:15: error: 3 vote counts for 4 grades",
            "content/x.md:8:15: error: 42 votes for 乙 but only 40 valid ballots",
        ],
    );
}

#[test]
fn selection_quota_electorate_and_results() {
    let err = fails(
        "kind: selection\naward: 优秀教师\nquota: 1\nelectorate: 62\ncandidates:\n  - {name: 赵丽华, unit: 初一年级组, votes: 51, result: selected}\n  - {name: 钱伟, unit: 初二年级组, votes: 63, result: 当选}\n  - {name: 孙敏, unit: 初三年级组, result: maybe}\n",
        "",
    );
    assert_has(
        &err,
        &[
            "content/x.md:6:1: error: 2 candidates selected but the quota is 1",
            "content/x.md:10:29: error: 63 votes but the electorate is 62",
            "content/x.md:11:29: error: invalid value for `result`: `maybe` is not selected",
        ],
    );
    let site = build_one(
        "kind: selection\naward: 2026年度优秀教师\nquota: 2\nelectorate: 62\nsort: votes\ncriteria: |\n  1. 师德高尚\n  2. 教学实绩突出\npanel: [张校长, 李书记]\ncandidates:\n  - {name: 赵丽华, unit: 初一年级组, votes: 40, result: selected}\n  - {name: 钱伟, unit: 初二年级组, votes: 51, result: 入选}\n  - {name: 孙敏, unit: 初三年级组, votes: 12, result: not_selected}\n",
        "",
    );
    let html = site.read("notices/x.html");
    assert_has(
        &html,
        &[
            "<dt>评选条件</dt>",
            "<li>师德高尚</li>",
            "<dt>评审小组</dt><dd>张校长、李书记</dd>",
            "共3人，拟当选2人（名额2名）",
        ],
    );
    // Criteria come before the results, and `sort: votes` orders by votes.
    assert!(html.find("评选条件").unwrap() < html.find("候选人及评选结果").unwrap());
    assert!(html.find("钱伟").unwrap() < html.find("赵丽华").unwrap());
}

#[test]
fn student_aid_names_are_masked_everywhere() {
    let site = Site::empty();
    site.write(
        "content/aid.md",
        &notice(
            "kind: selection\naward_type: aid\naward: 家庭经济困难学生生活补助\npanel: [王建国, 刘芳]\ncandidates:\n  - {name: 张小明, unit: 四年级（2）班, post: 一档, result: selected}\n  - {name: 李娜, unit: 五年级（1）班, post: 二档, result: selected}\n  - {name: 欧阳子华, unit: 六年级（3）班, post: 一档, result: selected}\n",
            "",
        ),
    );
    site.write(
        "content/staff.md",
        &notice("kind: evaluation\nmask_names: true\nballots: {issued: 10, returned: 10, valid: 10}\nresults:\n  - {name: 王建军, votes: [9, 1, 0, 0]}\n", ""),
    );
    site.build_ok(&[]);
    let html = site.read("notices/aid.html");
    assert_has(
        &html,
        &[
            "张*明",
            "李*",
            "欧**华",
            "<caption>资助名单</caption>",
            "拟资助",
            // The review panel is staff, accountable for the list: named in full.
            "王建国",
            "刘芳",
        ],
    );
    assert!(site.read("notices/staff.html").contains("王*军"));
    for (rel, bytes) in site.tree("public") {
        let text = String::from_utf8_lossy(&bytes);
        for name in ["张小明", "李娜", "欧阳子华", "王建军"] {
            assert!(
                !text.contains(name),
                "public/{rel} contains the unmasked name {name}"
            );
        }
    }
}

#[test]
fn data_fields_belong_to_their_kind() {
    let err = fails("kind: notice\nledger: []\nquota: 3\n", "");
    assert_has(
        &err,
        &[
            "content/x.md:5:1: error: `ledger` belongs to finance notices",
            "content/x.md:6:1: error: `quota` belongs to selection notices",
        ],
    );
}

#[test]
fn markers_must_name_a_table_the_notice_has() {
    let err = fails("kind: notice\n", "第一段\n\n{{ ledger }}\n\n{{ chart }}\n");
    assert_has(
        &err,
        &[
            "content/x.md:8:1: error: invalid value for `body`: the body places `{{ ledger }}` but the notice has no ledger data",
            "content/x.md:10:1: error: invalid value for `body`: unknown table marker `{{ chart }}`",
        ],
    );
}

const CSV_UTF8: &str = "项目,类型,金额（元）,类别,备注\r\n伙食费收入,收入,\"12,000.00\",伙食费,\r\n食材采购,支出,11500.5,食材,含调料\r\n";

#[test]
fn csv_ledgers_in_gbk_bom_and_utf8() {
    let (gbk, _, _) = encoding_rs::GBK.encode(CSV_UTF8);
    let bom = [b"\xEF\xBB\xBF".as_slice(), CSV_UTF8.as_bytes()].concat();
    for (name, bytes) in [
        ("gbk", gbk.into_owned()),
        ("bom", bom),
        ("utf8", CSV_UTF8.as_bytes().to_vec()),
    ] {
        let site = Site::empty();
        site.write_bytes("content/canteen.csv", &bytes);
        site.write(
            "content/x.md",
            &notice(
                "kind: finance\nledger_csv: canteen.csv\ndeclared: {balance: \"499.50\"}\n",
                "",
            ),
        );
        site.build_ok(&[]);
        let html = site.read("notices/x.html");
        assert_has(
            &html,
            &[
                "<td>1</td><td>伙食费收入</td><td>伙食费</td><td class=\"num\">12,000.00</td>",
                "<td class=\"num\">11,500.50</td><td>含调料</td>",
                "肆佰玖拾玖元伍角整",
                "数据来源：canteen.csv",
            ],
        );
        assert!(
            !html.contains('\u{feff}'),
            "{name}: BOM leaked into the page"
        );
    }
}

#[test]
fn csv_errors_name_the_file_row_and_column() {
    let site = Site::empty();
    site.write(
        "content/bad.csv",
        "项目,类型,金额,负责人\n伙食费收入,收入,12000\n",
    );
    site.write(
        "content/x.md",
        &notice("kind: finance\nledger_csv: bad.csv\n", ""),
    );
    let out = site.build(&[]);
    assert_has(
        &stderr(&out),
        &["content/bad.csv:1:4: error: unknown column `负责人` (column 4)"],
    );
    site.write(
        "content/bad.csv",
        "项目,类型,金额\n伙食费收入,收入,12000\n食材,支出,1.234\n",
    );
    let out = site.build(&[]);
    assert_has(
        &stderr(&out),
        &["content/bad.csv:3:3: error: `amount`: `1.234` has more than two decimal places"],
    );
    site.write(
        "content/x.md",
        &notice("kind: finance\nledger_csv: missing.csv\n", ""),
    );
    let out = site.build(&[]);
    assert_has(
        &stderr(&out),
        &["content/x.md:5:1: error: the attachment `missing.csv` does not exist"],
    );
}

#[test]
fn money_never_overflows_silently() {
    // One amount has a sane maximum, said in the message.
    let rows: String = (0..93)
        .map(|_| "  - {item: x, type: income, amount: \"999999999999999.99\"}\n")
        .collect();
    let err = fails_with(
        "content/x.md",
        &notice(&format!("kind: finance\nledger:\n{rows}"), ""),
    );
    assert!(err.contains("content/x.md:7:"), "{err}");
    assert!(
        err.contains("amounts go up to 9,999,999,999,999.99 yuan"),
        "{err}"
    );
    assert!(!err.contains("92,233,720,368,547,758.07 元"), "{err}");
    // Sums of amounts that are each allowed are checked: the row that overflows is named.
    let site = Site::empty();
    let csv: String = std::iter::once("项目,类型,金额\n".to_string())
        .chain((0..10_000).map(|i| format!("拨款{i},收入,\"9,999,999,999,999.99\"\n")))
        .collect();
    site.write("content/ledger.csv", &csv);
    site.write(
        "content/x.md",
        &notice("kind: finance\nledger_csv: ledger.csv\n", ""),
    );
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("content/ledger.csv:9225:") && err.contains("the income (收入合计) exceeds"),
        "{err}"
    );
    assert!(!site.out("").exists());
    // The closing balance: an opening balance on top of a huge income.
    let csv: String = std::iter::once("项目,类型,金额\n".to_string())
        .chain((0..9_223).map(|i| format!("拨款{i},收入,\"9,999,999,999,999.99\"\n")))
        .collect();
    site.write("content/ledger.csv", &csv);
    site.write(
        "content/x.md",
        &notice(
            "kind: finance\nopening_balance: \"9,999,999,999,999.99\"\nledger_csv: ledger.csv\n",
            "",
        ),
    );
    let err = stderr(&site.build(&[]));
    assert!(
        err.contains("content/x.md:5:") && err.contains("the closing balance (期末结余) exceeds"),
        "{err}"
    );
    // Donations too.
    let rows: String = (0..9_224)
        .map(|_| "    - {from: 某公司, amount: \"9,999,999,999,999.99\"}\n")
        .collect();
    let err = fails_with(
        "content/x.md",
        &notice(
            &format!("kind: finance\ndonations:\n  received:\n{rows}"),
            "",
        ),
    );
    assert!(err.contains("the donations received exceeds"), "{err}");
}

#[test]
fn absurd_periods_and_dates_are_refused_with_the_reason() {
    for (front, expected) in [
        (
            "kind: selection\nperiod: {days: 4294967295}\n",
            "4294967295 working days is longer than the 60",
        ),
        (
            "kind: selection\nperiod: {days: 61}\n",
            "61 working days is longer than the 60",
        ),
        (
            "kind: selection\nperiod: {start: 2026-03-02, end: 2027-03-02}\n",
            "working days is longer than the 60",
        ),
        (
            "kind: notice\nexpires: 2101-01-01\n",
            "`expires: 2101-01-01` is outside the years 1949 to 2100",
        ),
    ] {
        let err = fails_with("content/x.md", &notice(front, ""));
        assert!(err.contains(expected), "{front}: {err}");
    }
    let err = fails_with(
        "content/x.md",
        "---\ntitle: 甲\nkind: notice\ndate: 0000-01-01\n---\n",
    );
    assert!(
        err.contains("`date: 0000-01-01` is outside the years"),
        "{err}"
    );
    // The limits themselves are fine.
    let site = Site::empty();
    site.write("content/x.md", &notice("kind: selection\nperiod: {days: 60}\naward: 甲\ncandidates: [{name: 张三, result: selected}]\n", ""));
    site.write(
        "content/y.md",
        "---\ntitle: 乙\nkind: notice\ndate: 1949-10-01\n---\n",
    );
    site.build_ok(&[]);
}

/// Figures that do not agree are checked by the check stage, after the notice is read: the
/// table is still read, so a body that places it gets the one error that matters, not also a
/// second saying the table is missing.
#[test]
fn figures_that_disagree_are_one_error_each_not_also_a_missing_table() {
    for (front, body, expected) in [
        (
            "kind: evaluation\nballots: {issued: 38, returned: 39, valid: 38}\nresults:\n  - {name: 甲, votes: [30, 6, 1, 0]}\n",
            "结果如下：\n\n{{ results }}\n",
            "content/x.md:5:23: error: 39 ballots returned but only 38 issued",
        ),
        (
            "kind: selection\naward: 优秀教师\nquota: 1\ncandidates:\n  - {name: 赵丽华, result: selected}\n  - {name: 钱伟, result: selected}\n",
            "名单如下：\n\n{{ candidates }}\n",
            "content/x.md:6:1: error: 2 candidates selected but the quota is 1",
        ),
        (
            "kind: finance\nledger:\n  - {item: 拨款, type: income, amount: 100}\ndeclared: {income: 99}\n",
            "收支如下：\n\n{{ ledger }}\n",
            "content/x.md:7:12: error: declared income 99.00 does not match the computed 100.00",
        ),
        (
            "kind: finance\ndonations:\n  received:\n    - {from: 校友会, amount: 100}\n  disbursed:\n    - {to: 助学, amount: 150}\n",
            "捐款如下：\n\n{{ donations }}\n",
            "content/x.md:8:3: error: donations disbursed (150.00) exceed donations received (100.00)",
        ),
    ] {
        let err = fails(front, body);
        assert_has(&err, &[expected]);
        assert!(!err.contains("but the notice has no"), "{err}");
        assert_eq!(err.matches(": error:").count(), 1, "{err}");
    }
}

#[test]
fn a_student_aid_list_without_expires_is_a_warning_at_its_award_type() {
    let front = "kind: selection\naward: 2026年秋季国家助学金\naward_type: aid\ncandidates:\n  - {name: 张小明, unit: 七年级, result: selected}\n";
    let site = Site::empty();
    site.write("content/x.md", &notice(front, ""));
    let err = crate::support::stderr(&site.build_ok(&[]));
    assert_has(
        &err,
        &["content/x.md:6:1: warning: a list of named students has no `expires:` date"],
    );
    site.write(
        "content/x.md",
        &notice(&format!("{front}expires: 2027-07-31\n"), ""),
    );
    let err = crate::support::stderr(&site.build_ok(&[]));
    assert!(!err.contains("expires:"), "{err}");
}

/// A standing fee board (收费公示牌) has no notice period: `period: none` (or 常年公示) shows
/// 常年公示 for good, never 公示期满; an empty `period:` is an error, not a silent 5 days.
#[test]
fn a_standing_notice_has_no_period_and_never_closes() {
    let front = "kind: finance\nperiod: none\nfees:\n  - {item: 伙食费, standard: \"8.30\", unit: 元/餐, basis: 青价费〔2024〕15号}\n";
    let site = build_one(front, "");
    let html = site.read("notices/x.html");
    assert!(
        html.contains("<span class=\"status status-standing\">常年公示</span>"),
        "{html}"
    );
    assert!(
        !html.contains("status-closed") && !html.contains("data-period-end"),
        "{html}"
    );
    assert!(
        site.read("years/2025-2026/finance/index.html")
            .contains("status-standing")
    );
    let site = build_one(&front.replace("period: none", "period: 常年公示"), "");
    assert!(site.read("notices/x.html").contains("常年公示"));
    let err = fails(&front.replace("period: none", "period:"), "");
    assert_has(
        &err,
        &["content/x.md:5:1: error: invalid value for `period`: `period:` is empty"],
    );
    let err = fails(&front.replace("period: none", "period: forever"), "");
    assert_has(
        &err,
        &["error: invalid value for `period`: `forever` is not a period"],
    );
}

/// A receipts-only donation notice (as real ones are: the funds raised, by unit, with the number
/// of gifts) shows no use table and no "已使用 0.00 元" it never stated; a stated total is
/// checked against the rows without a ledger.
#[test]
fn a_receipts_only_donation_notice_says_only_what_it_states() {
    let front = "kind: finance\ndonations:\n  count: 11514\n  declared: {received: \"121,501.40\"}\n  received:\n    - {from: 校团委, amount: \"100,000.00\"}\n    - {from: 学生会, amount: \"21,501.40\"}\n";
    let site = build_one(front, "");
    let html = site.read("notices/x.html");
    assert_has(
        &html,
        &[
            "<caption>捐款收入（单位：元）</caption>",
            "累计收到捐款 <strong>121,501.40 元</strong>（壹拾贰万壹仟伍佰零壹元肆角整），共 11,514 笔。",
        ],
    );
    assert!(
        !html.contains("捐款支出") && !html.contains("已使用"),
        "{html}"
    );
    // The stated total is checked to the fen.
    let err = fails(&front.replace("121,501.40", "121,500.40"), "");
    assert_has(
        &err,
        &[
            "content/x.md:7:14: error: declared received 121,500.40 does not match the computed 121,501.40",
        ],
    );
}

/// Gifts in kind (捐赠物资) are listed with what, how many and, when valued, their value; a
/// notice of gifts in kind only shows no empty cash tables.
#[test]
fn gifts_in_kind_are_listed_with_quantities_and_values() {
    let front = "kind: finance\ndonations:\n  in_kind:\n    - {from: 青禾书店, item: 课外读物, quantity: 1200, unit: 册, value: \"18,000.00\"}\n    - {from: 家长委员会, item: 体育器材, quantity: 35, unit: 套, value: \"5,250.00\", note: 篮球、跳绳}\n";
    let site = build_one(front, "");
    let html = site.read("notices/x.html");
    assert_has(
        &html,
        &[
            "<caption>捐赠物资</caption>",
            "<td>课外读物</td><td class=\"num\">1200</td><td>册</td><td class=\"num\">18,000.00</td>",
            "<td class=\"num\">23,250.00</td>",
        ],
    );
    assert!(
        !html.contains("捐款收入") && !html.contains("累计收到捐款"),
        "{html}"
    );
    let err = fails(&front.replace("quantity: 35", "quantity: 三十五"), "");
    assert_has(
        &err,
        &["content/x.md:8:33: error: invalid value for `quantity`"],
    );
}

/// A national-grant notice gives tiers only (350 元 × 918 人 × 10 月 …; the names are at the
/// service hall): the tiers are computed and checked, the page never says 共0人, and without
/// named pupils no `expires:` is asked for.
#[test]
fn student_aid_by_tier_is_computed_and_checked_without_names() {
    let front = "kind: selection\naward: 2026年秋季国家助学金\naward_type: aid\ncandidates: []\ntiers:\n  - {name: 一档, standard: 350, count: 918, months: 10}\n  - {name: 二档, standard: 300, count: 30, months: 10}\n  - {name: 三档, standard: 250, count: 9, months: 10}\ntier_totals: {students: 957, amount: \"3,325,500.00\"}\n";
    let site = Site::empty();
    site.write(
        "content/x.md",
        &notice(front, "名单如下。\n\n{{ candidates }}\n"),
    );
    let out = site.build_ok(&[]);
    assert!(!stderr(&out).contains("expires"), "{}", stderr(&out));
    let html = site.read("notices/x.html");
    assert_has(
        &html,
        &[
            "<caption>资助档次（单位：元）</caption>",
            "<td>一档</td><td class=\"num\">350.00</td><td class=\"num\">918</td><td class=\"num\">10</td><td class=\"num\">3,213,000.00</td>",
            "<td class=\"num\">957</td><td class=\"num\"></td><td class=\"num\">3,325,500.00</td>",
        ],
    );
    assert!(!html.contains("共0人"), "{html}");
    // The stated totals are checked.
    let err = fails(&front.replace("students: 957", "students: 958"), "");
    assert_has(
        &err,
        &["content/x.md:12:15: error: 958 students stated but the tiers add up to 957"],
    );
}

/// Fee standards as real schedules write them: several priced parts (早餐3元 中餐8.3元), a
/// standard per group (小学生80元；初中生100元) or a rule with no figure (据实收取); each price
/// is still read exactly, and a figure that cannot be read is an error, never text. Rows are
/// grouped by 收费性质 (服务性收费, 代收费) as the schedules group them.
#[test]
fn fee_standards_with_parts_or_rules_and_grouped_by_nature() {
    let front = "kind: finance\nfees:\n  - {nature: 服务性收费, item: 伙食费, standard: 早餐3元 中餐8.3元 晚餐8.3元, unit: 元/生·天, basis: 青价费〔2024〕15号}\n  - {nature: 服务性收费, item: 课后服务费, standard: 小学生80元；初中生100元, unit: 元/生·月, basis: 青教发〔2024〕3号}\n  - {nature: 代收费, item: 校服费, standard: 据实收取, unit: 元/套, basis: 青教发〔2024〕3号}\n";
    let site = build_one(front, "");
    let html = site.read("notices/x.html");
    assert_has(
        &html,
        &[
            "<tr class=\"fee-group\"><th scope=\"rowgroup\" colspan=\"7\">服务性收费</th></tr>",
            "<td class=\"num\">早餐 3.00；中餐 8.30；晚餐 8.30</td>",
            "<td class=\"num\">小学生 80.00；初中生 100.00</td>",
            "<tr class=\"fee-group\"><th scope=\"rowgroup\" colspan=\"7\">代收费</th></tr>",
            "<td class=\"num\">据实收取</td>",
        ],
    );
    assert_eq!(html.matches("class=\"fee-group\"").count(), 2, "{html}");
    // A price that cannot be read is an error, not text.
    let err = fails(&front.replace("中餐8.3元", "中餐8.3.5元"), "");
    assert_has(
        &err,
        &["error: `standard`: `早餐3元 中餐8.3.5元 晚餐8.3元`"],
    );
}

/// Who took part in an appraisal (在册 / 应到 / 实到) is stated and checked: at least two thirds
/// of those on the roll must take part, as the common rules ask; the counts must nest.
#[test]
fn an_appraisal_states_who_took_part_and_needs_two_thirds_of_the_roll() {
    let front = "kind: evaluation\nattendance: {roll: 60, expected: 58, present: 52}\nballots: {issued: 52, returned: 52, valid: 51}\nresults:\n  - {name: 陈建国, post: 校长, votes: [30, 15, 5, 1]}\n";
    let site = build_one(front, "");
    assert!(
        site.read("notices/x.html")
            .contains("在册 60 人，应到 58 人，实到 52 人（参会率 86.7%）。"),
        "{}",
        site.read("notices/x.html")
    );
    let err = fails(
        &front
            .replace("present: 52", "present: 39")
            .replace("issued: 52, returned: 52", "issued: 39, returned: 39")
            .replace("valid: 51", "valid: 38")
            .replace("[30, 15, 5, 1]", "[20, 15, 2, 1]"),
        "",
    );
    assert_has(
        &err,
        &[
            "content/x.md:5:38: error: 39 of the 60 on the roll took part; at least two thirds (40) must",
        ],
    );
    let err = fails(
        &front
            .replace("issued: 52", "issued: 53")
            .replace("returned: 52", "returned: 53"),
        "",
    );
    assert_has(&err, &["error: 53 ballots issued but only 52 took part"]);
}

/// Selections as real notices post them (issue 16, item 2): a candidate list longer than the
/// places, decided after the 公示 (19 候选人 for 15 places), and several awards or tiers in one
/// notice, each with its own places, tally and quota check; the result word the notice uses
/// (拟推荐) is the one shown.
#[test]
fn candidate_lists_exceed_their_places_and_groups_have_their_own() {
    let mut rows = String::new();
    for i in 1..=19 {
        rows.push_str(&format!("  - {{name: 候选人{i:02}, unit: 某校}}\n"));
    }
    let site = build_one(
        &format!(
            "kind: selection\naward: 2026年度县级教学楷模候选人\nquota: 15\ncandidates:\n{rows}"
        ),
        "{{ candidates }}\n",
    );
    let html = site.read("notices/x.html");
    assert_has(&html, &["<td>候选</td>", "共19名候选人（名额15名）"]);
    assert!(!html.contains("拟当选"), "{html}");

    let groups = "kind: selection\naward: 2026年度教师评优\ngroups:\n  - name: 教学楷模\n    quota: 2\n    electorate: 30\n    candidates:\n      - {name: 赵丽华, unit: 初一年级组, votes: 25, result: 拟推荐}\n      - {name: 钱伟, unit: 初二年级组, votes: 22, result: 拟推荐}\n      - {name: 孙敏, unit: 初三年级组, votes: 9, result: 未当选}\n  - name: 最美乡村教师\n    quota: 1\n    candidates:\n      - {name: 李强, unit: 村小, result: 拟推荐}\n      - {name: 周芳, unit: 村小, result: 候选}\n";
    let site = build_one(groups, "{{ candidates }}\n");
    let html = site.read("notices/x.html");
    assert_has(
        &html,
        &[
            "<caption>教学楷模</caption>",
            "<caption>最美乡村教师</caption>",
            "<td>拟推荐</td>",
            "共3人，拟推荐2人（名额2名）",
            "共2人，拟推荐1人，候选1人（名额1名）",
        ],
    );
    assert!(html.find("教学楷模").unwrap() < html.find("最美乡村教师").unwrap());

    // Each group is checked on its own, at its own lines.
    let err = fails(
        &groups.replace("votes: 22", "votes: 31").replace(
            "{name: 周芳, unit: 村小, result: 候选}",
            "{name: 周芳, unit: 村小, result: 拟推荐}",
        ),
        "",
    );
    assert_has(
        &err,
        &[
            "content/x.md:12:33: error: 31 votes but the electorate is 30",
            "content/x.md:15:5: error: 2 candidates selected but the quota is 1",
        ],
    );
    // One list or groups, not both.
    let err = fails(
        &format!("{groups}quota: 3\ncandidates:\n  - {{name: 吴磊, result: 当选}}\n"),
        "",
    );
    assert_has(&err, &["content/x.md:", "`groups` or"]);
}

/// A per-grade fee table (grades × items, 单位：元/生) as schedules print it (issue 16, item 4):
/// each row's total is computed, a stated 合计 is checked (the real one printed 1730 for
/// 60+970+300+403 = 1733), a 合计 row is added on request and stated column totals checked.
#[test]
fn a_fee_matrix_adds_up_its_rows_and_columns() {
    let front = "kind: finance\nfee_matrix:\n  caption: 2026年秋季各年级代收费标准（单位：元/生）\n  corner: 年级\n  columns: [作业本费, 教辅材料费, 保险费, 校服费]\n  basis: 青发改价格〔2024〕15号\n  rows:\n    - {name: 一年级, values: [60, 970, 300, 403], total: 1733}\n    - {name: 二年级, values: [60, 950, 300, \"—\"]}\n  column_totals: true\n";
    let site = build_one(front, "{{ fee_matrix }}\n");
    let html = site.read("notices/x.html");
    assert_has(
        &html,
        &[
            "<caption>2026年秋季各年级代收费标准（单位：元/生）</caption>",
            "<th scope=\"col\">年级</th><th scope=\"col\" class=\"num\">作业本费</th>",
            "<th scope=\"row\">一年级</th><td class=\"num\">60.00</td><td class=\"num\">970.00</td><td class=\"num\">300.00</td><td class=\"num\">403.00</td><td class=\"num total\">1,733.00</td>",
            "<td class=\"num\">—</td><td class=\"num total\">1,310.00</td>",
            "<th scope=\"row\">合计</th><td class=\"num\">120.00</td><td class=\"num\">1,920.00</td><td class=\"num\">600.00</td><td class=\"num\">403.00</td><td class=\"num total\">3,043.00</td>",
            "青发改价格〔2024〕15号",
        ],
    );
    // Without a caption and a corner heading, the usual words.
    let site = build_one(
        &front
            .replace("  caption: 2026年秋季各年级代收费标准（单位：元/生）\n", "")
            .replace("  corner: 年级\n", ""),
        "",
    );
    assert_has(
        &site.read("notices/x.html"),
        &["<caption>收费标准</caption>", "<th scope=\"col\">项目</th>"],
    );
    // The real schedule's slip: a stated row total that is not the sum of its items.
    let err = fails(&front.replace("total: 1733", "total: 1730"), "");
    assert_has(
        &err,
        &[
            "content/x.md:11:48: error: 一年级: the stated total 1,730.00 is not the sum of its items, 1,733.00",
        ],
    );
    // Stated column totals are checked too, and a row must have a value per column.
    let err = fails(
        &front
            .replace(
                "column_totals: true",
                "column_totals: [120, 1920, 600, 400, 3043]",
            )
            .replace("[60, 950, 300, \"—\"]", "[60, 950, 300]"),
        "",
    );
    assert_has(
        &err,
        &["content/x.md:12:19: error: invalid value for `values`: 二年级: 3 values for 4 columns"],
    );
    let err = fails(
        &front.replace(
            "column_totals: true",
            "column_totals: [120, 1920, 600, 400, 3043]",
        ),
        "",
    );
    assert_has(
        &err,
        &[
            "content/x.md:13:35: error: 校服费: the stated total 400.00 is not the sum of the column, 403.00",
        ],
    );
}

/// An appraisal as the report forms lay it out (issue 16, item 7): the headline rate named as
/// the notice names it (称职及以上率), each person scored per aspect (政治思想 … × 好/较好/一般/差)
/// beside the overall grade, each aspect's votes checked against the valid ballots; the final
/// grade (等次) of each person, a note and a summary of the 背靠背 comments; and a cap on a grade
/// (优秀 no more than 20 % of those appraised), checked with both figures.
#[test]
fn an_appraisal_has_aspects_comments_final_grades_and_caps() {
    let front = "kind: evaluation\nrate_name: 称职及以上率\naspects: [政治思想, 工作能力与实绩, 廉洁自律]\naspect_grades: [好, 较好, 一般, 差]\ncaps: {优秀: 50%}\nballots: {issued: 52, returned: 52, valid: 50}\nresults:\n  - name: 陈建国\n    post: 校长\n    votes: [30, 15, 4, 1]\n    grade: 优秀\n    aspect_votes: [[40, 8, 2, 0], [35, 10, 4, 1], [45, 5, 0, 0]]\n    comments: {strengths: 工作扎实，敢于担当, weaknesses: 与青年教师沟通不够}\n    note: 任职满三年\n  - {name: 林晓梅, post: 副校长, votes: [20, 25, 5, 0], grade: 称职}\n";
    let site = build_one(front, "");
    let html = site.read("notices/x.html");
    assert_has(
        &html,
        &[
            "<th scope=\"col\" class=\"num\">称职及以上率</th>",
            "<th scope=\"col\">等次</th>",
            "<td>优秀</td>",
            "<td>任职满三年</td>",
            "<caption>陈建国（校长）分项测评</caption>",
            "<th scope=\"row\">工作能力与实绩</th><td class=\"num\">35<br><span class=\"share\">70.0%</span></td>",
            "<th scope=\"row\">陈建国（校长）</th><td>工作扎实，敢于担当</td><td>与青年教师沟通不够</td>",
            "<caption>评议意见汇总</caption>",
        ],
    );
    // An aspect with more votes than valid ballots, a final grade that is no grade, and more
    // 优秀 than the cap allows.
    let err = fails(
        &front
            .replace("[35, 10, 4, 1]", "[36, 10, 4, 1]")
            .replace("grade: 称职}", "grade: 优秀}")
            .replace("caps: {优秀: 50%}", "caps: {优秀: 20%}"),
        "",
    );
    assert_has(
        &err,
        &[
            "error: 51 votes for 陈建国 on 工作能力与实绩 but only 50 valid ballots",
            "error: 2 of 2 appraised are graded 优秀; the cap of 20% allows 0",
        ],
    );
    let err = fails(&front.replace("grade: 称职}", "grade: 良好}"), "");
    assert_has(
        &err,
        &["error: invalid value for `grade`: `良好` is not one of the grades"],
    );
}

/// Ledgers as canteens post them (issue 16, item 5): several accounts in one notice (幼儿伙食,
/// 教工伙食); categories nested by `/` with a 小计 for each, computed, and stated subtotals
/// checked; a 本年累计 column beside this period's; display columns carried through (库存);
/// the surplus ratio computed and held to a stated maximum (伙食 结余率 ≤ 2%), a negative
/// result inside an account being data, not an error.
#[test]
fn canteen_accounts_nest_their_categories_and_keep_their_surplus_ratio() {
    let front = "kind: finance\naccounts:\n  - name: 幼儿伙食\n    opening_balance: 1000\n    max_surplus_ratio: 2%\n    declared: {income: 50000, subtotals: {伙食费支出: 35000, 伙食费支出/主食: 15000}}\n    ledger:\n      - {item: 伙食费收入, type: 收入, amount: 50000, cumulative: 200000}\n      - {item: 大米, type: 支出, amount: 12000, category: 伙食费支出/主食, cumulative: 48000, extra: {库存: 200公斤}}\n      - {item: 面粉, type: 支出, amount: 3000, category: 伙食费支出/主食, cumulative: 12000}\n      - {item: 蔬菜, type: 支出, amount: 20000, category: 伙食费支出/副食, cumulative: 80000}\n      - {item: 燃料费, type: 支出, amount: 14000, category: 其他支出, cumulative: 50000}\n  - name: 教工伙食\n    ledger:\n      - {item: 教工餐费, type: 收入, amount: 8000}\n      - {item: 食材, type: 支出, amount: 8100}\n";
    let site = build_one(front, "{{ accounts }}\n");
    let html = site.read("notices/x.html");
    assert_has(
        &html,
        &[
            "<caption>幼儿伙食</caption>",
            "<caption>教工伙食</caption>",
            "<th scope=\"col\" class=\"num\">本年累计</th>",
            "<th scope=\"col\">库存</th>",
            "<td>200公斤</td>",
            "<tr><th scope=\"row\" colspan=\"2\">本年累计收入</th><td class=\"num\" colspan=\"2\">200,000.00</td>",
            "<tr class=\"ledger-group level-1\"><th scope=\"rowgroup\" colspan=",
            ">伙食费支出</th></tr>",
            ">主食</th></tr>",
            "<tr class=\"ledger-subtotal level-2\"><th scope=\"row\" colspan=\"2\">主食小计</th><td class=\"num\"></td><td class=\"num\">15,000.00</td><td class=\"num\">60,000.00</td>",
            "<tr class=\"ledger-subtotal level-1\"><th scope=\"row\" colspan=\"2\">伙食费支出小计</th><td class=\"num\"></td><td class=\"num\">35,000.00</td>",
            "结余率",
            "2.0%",
            "-100.00",
        ],
    );
    // Vegetables listed before the staples stay under their own heading.
    assert!(html.find("主食小计").unwrap() < html.find("蔬菜").unwrap());
    let err = fails(
        &front
            .replace("伙食费支出/主食: 15000", "伙食费支出/主食: 14000")
            .replace("max_surplus_ratio: 2%", "max_surplus_ratio: 1.5%"),
        "",
    );
    assert_has(
        &err,
        &[
            "error: 伙食费支出/主食: the stated subtotal 14,000.00 is not the sum of its rows, 15,000.00",
            "error: the surplus ratio is 2.0% (balance 1,000.00 of income 50,000.00), above the 1.5% allowed",
        ],
    );
}

/// Decisions taken by count (issue 16, item 8): a procurement result (method, items with
/// quantities and unit prices, the supplier, the selecting body by role, the votes and their
/// printed shares — the real notice printed 242 of 315 as 81.6 %, which is 76.8 %); a staff
/// congress vote (应到/实到/列席, 同意/反对/弃权, carried by a majority of those present); a
/// consultation (issued, returned, agree, disagree, a two-thirds threshold). Every computable
/// figure is computed and every printed one compared.
#[test]
fn procurement_votes_and_consultations_are_counted_and_checked() {
    let procurement = "kind: finance\nprocurement:\n  project: 2026年学生校服采购\n  method: 竞争性磋商\n  supplier: 某某服装有限公司\n  body:\n    name: 校服选用委员会\n    members: [{role: 家长代表, count: 15}, {role: 教师代表, count: 8}, {role: 学生代表, count: 6}]\n    size: 29\n  voters: 315\n  votes:\n    - {option: 某某服装有限公司, votes: 242, share: 76.8%}\n    - {option: 另一服装公司, votes: 73, share: 23.2%}\n  items:\n    - {item: 夏装, quantity: 2, unit: 套, price: 120}\n    - {item: 冬装, quantity: 1, unit: 套, price: 260, amount: 260}\n  total: 500\n";
    let site = build_one(procurement, "{{ procurement }}\n");
    let html = site.read("notices/x.html");
    assert_has(
        &html,
        &[
            "<dt>采购方式</dt><dd>竞争性磋商</dd>",
            "<dt>成交供应商</dt><dd>某某服装有限公司</dd>",
            "校服选用委员会（29人）：家长代表15人、教师代表8人、学生代表6人",
            "<td>夏装</td><td class=\"num\">2</td><td>套</td><td class=\"num\">120.00</td><td class=\"num\">240.00</td>",
            "<td class=\"num\">500.00</td>",
            "<td>某某服装有限公司</td><td class=\"num\">242</td><td class=\"num\">76.8%</td>",
        ],
    );
    let err = fails(
        &procurement
            .replace("share: 76.8%", "share: 81.6%")
            .replace("size: 29", "size: 30")
            .replace("total: 500", "total: 520"),
        "",
    );
    assert_has(
        &err,
        &[
            "error: 242 of 315 is 76.8%, not the 81.6% printed",
            "error: the members by role add up to 29, not the 30 stated",
            "error: the items add up to 500.00, not the 520.00 stated",
        ],
    );

    let vote = "kind: notice\nvote:\n  motion: 《学校绩效工资分配方案》\n  roll: 120\n  present: 108\n  observers: 6\n  for: 96\n  against: 8\n  abstain: 4\n  rule: majority_of_present\n  result: 通过\n";
    let site = build_one(vote, "{{ vote }}\n");
    assert_has(
        &site.read("notices/x.html"),
        &[
            "应到正式代表120人，实到108人，列席6人",
            "<td>同意</td><td class=\"num\">96</td><td class=\"num\">88.9%</td>",
            "<dt>表决结果</dt><dd>通过</dd>",
        ],
    );
    let err = fails(
        &vote
            .replace("for: 96", "for: 50")
            .replace("against: 8", "against: 54"),
        "",
    );
    assert_has(
        &err,
        &[
            "error: 50 of the 108 present voted for: the motion fails under a majority of those present (55 needed), but the notice says 通过",
        ],
    );
    let err = fails(&vote.replace("abstain: 4", "abstain: 5"), "");
    assert_has(
        &err,
        &["error: 109 votes (96 for, 8 against, 5 abstaining) but only 108 present"],
    );

    let consultation = "kind: notice\nconsultation:\n  subject: 是否同意统一征订校服\n  issued: 800\n  returned: 738\n  agree: 700\n  agree_share: 94.9%\n  disagree: 38\n  threshold: 2/3\n  result: 同意\n";
    let site = build_one(consultation, "{{ consultation }}\n");
    assert_has(
        &site.read("notices/x.html"),
        &[
            "发放800份，收回738份（回收率92.3%）",
            "<td>同意</td><td class=\"num\">700</td><td class=\"num\">94.9%</td>",
        ],
    );
    let err = fails(
        &consultation.replace("agree_share: 94.9%", "agree_share: 87.5%"),
        "",
    );
    assert_has(&err, &["error: 700 of 738 is 94.9%, not the 87.5% printed"]);
}

/// Every structure's example in the README builds as written, its figures agreeing (issue 16,
/// item 10): a clerk copies these.
#[test]
fn the_readme_examples_of_structured_data_build() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let start = readme.find("### Structured data").expect("section");
    let end = start + readme[start..].find("\n## ").expect("end of section");
    let section = &readme[start..end];
    let mut kind = "finance";
    let mut built = 0;
    for (i, part) in section.split("```").enumerate() {
        if i % 2 == 0 {
            // Prose: the last heading before a block says its kind.
            for (word, k) in [
                ("**Finance**", "finance"),
                ("canteen's accounts", "finance"),
                ("**Evaluation**", "evaluation"),
                ("**Selection**", "selection"),
                ("**Decisions by count**", "notice"),
            ] {
                if part.contains(word) {
                    kind = k;
                }
            }
            continue;
        }
        let Some(yaml) = part.strip_prefix("yaml\n") else {
            continue;
        };
        let site = Site::empty();
        site.write(
            "content/x.md",
            &format!("---\ntitle: 示例公示\ndate: 2026-03-02\nkind: {kind}\n{yaml}---\n正文。\n"),
        );
        site.build_ok(&[]);
        built += 1;
    }
    assert!(built >= 5, "{built} examples found");
}

/// A table of figures typed as Markdown is not checked: `check` says so where it is and names
/// the structure that would check it (issue 16, "Bad input"); a table of words is left alone.
#[test]
fn a_markdown_table_of_figures_is_flagged_as_unchecked() {
    let body = "收支如下：\n\n| 项目 | 收入 | 支出 |\n|---|---|---|\n| 伙食费 | 12,000.00 | |\n| 食材 | | 11,500.00 |\n\n时间安排：\n\n| 事项 | 时间 |\n|---|---|\n| 报名 | 9月1日 |\n| 公示 | 9月5日 |\n";
    let site = Site::empty();
    site.write("content/x.md", &notice("kind: finance\n", body));
    let out = site.build_ok(&[]);
    assert_has(
        &stderr(&out),
        &[
            "content/x.md:8:1: warning: a table of figures in the text (2 rows) is not checked",
            "write it as `ledger:`",
        ],
    );
    assert_eq!(
        stderr(&out).matches("is not checked").count(),
        1,
        "{}",
        stderr(&out)
    );
}

/// A staff congress puts several motions to one sitting: one row each, each checked against the
/// rule with the sitting's attendance.
#[test]
fn a_vote_may_hold_several_motions() {
    let front = "kind: notice\nvote:\n  roll: 42\n  present: 40\n  motions:\n    - {motion: 2025年学校工作报告, for: 39, against: 0, abstain: 1, result: 通过}\n    - {motion: 奖励性绩效工资分配方案（修订稿）, for: 36, against: 2, abstain: 2, result: 通过}\n";
    let site = build_one(front, "");
    assert_has(
        &site.read("notices/x.html"),
        &[
            "应到正式代表42人，实到40人；通过规则：实到代表过半数",
            "<th scope=\"row\">2025年学校工作报告</th><td class=\"num\">39<br><span class=\"share\">97.5%</span></td>",
            "<td>通过</td>",
        ],
    );
    let err = fails(
        &front.replace("for: 36, against: 2", "for: 16, against: 22"),
        "",
    );
    assert_has(
        &err,
        &["content/x.md:10:68: error: 16 of the 40 present voted for: the motion fails"],
    );
}

/// The bundled board passes `check --strict`: a warning added by a later rule (a table of
/// figures typed in the text) is not said again about a notice an archive recorded unchanged,
/// which can never be edited; it was checked when it was archived.
#[test]
fn the_bundled_board_checks_clean_and_archived_notices_are_not_warned_again() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["check", "--strict", "--now", "2026-11-28", "--root"])
        .arg(env!("CARGO_MANIFEST_DIR"))
        .env("GONGKAI_LANG", "en")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("0 error(s), 0 warning(s)"),
        "{}",
        stderr(&out)
    );
}

/// A lunch account's this-month and cumulative columns, each with its share (issue 16, item 5):
/// `shares: true` shows each row's and each subtotal's share of its side's total.
#[test]
fn a_ledger_shows_each_row_share_of_its_total() {
    let front = "kind: finance\nshares: true\nby_category: true\nledger:\n  - {item: 伙食费收入, type: 收入, amount: 40000, cumulative: 160000}\n  - {item: 大米, type: 支出, amount: 10000, category: 食材, cumulative: 30000}\n  - {item: 蔬菜, type: 支出, amount: 20000, category: 食材, cumulative: 90000}\n  - {item: 燃料, type: 支出, amount: 10000, category: 其他, cumulative: 30000}\n";
    // The notice's settings also stand for each of its accounts.
    let accounts = front
        .replace("ledger:\n", "accounts:\n  - name: 午餐\n    ledger:\n")
        .replace("\n  - {item", "\n      - {item");
    for front in [front.to_string(), accounts] {
        let site = build_one(&front, "");
        assert_has(
            &site.read("notices/x.html"),
            &[
                "<td class=\"num\">10,000.00<br><span class=\"share\">25.0%</span></td><td class=\"num\">30,000.00<br><span class=\"share\">20.0%</span></td>",
                "食材小计</th><td class=\"num\"></td><td class=\"num\">30,000.00<br><span class=\"share\">75.0%</span></td><td class=\"num\">120,000.00<br><span class=\"share\">80.0%</span></td>",
            ],
        );
    }
}

/// What the real corpus found (issue 16, item 1), each in its smallest notice: staff named after
/// their role in an aid notice; a procurement with a total and no items, or a body with no
/// counts by role; a printed surplus ratio, checked at its precision; a vote or a consultation
/// that prints only some counts; an item with a unit price only; a fee part whose label has
/// digits (1-9年级8元).
#[test]
fn the_real_corpus_findings_in_their_smallest_notices() {
    // Staff named after their role are not students' names.
    let aid = "kind: selection\naward_type: aid\ncandidates: []\ntiers: [{name: 国家助学金, standard: 1250, count: 9}]\n";
    build_one(aid, "信息员：陈思雨、罗建军\n");
    build_one(aid, "班主任代表徐丽娟、马文博、杜晓梅、李娜等出席。\n");
    build_one(aid, "班主任代表：徐丽娟、马文博。\n");
    let err = fails(aid, "学生代表：陈思雨、罗建军\n");
    assert_has(&err, &["error:"]);
    let err = fails(aid, "名单：陈思雨、罗建军\n");
    assert_has(&err, &["error:"]);

    let site = build_one(
        "kind: notice\nprocurement:\n  project: 课桌椅采购\n  body: {name: 食材采购领导小组, members: [], size: 10}\n  total: 235200\n  items:\n    - {item: 课桌椅, unit: 套, price: 294}\n",
        "",
    );
    let html = site.read("notices/x.html");
    assert_has(
        &html,
        &[
            "食材采购领导小组（10人）</dd>",
            "<dt>成交金额</dt><dd>235,200.00</dd>",
            "<td class=\"num\">294.00</td>",
        ],
    );
    assert!(!html.contains("（0人）"), "{html}");

    let ledger = "kind: finance\nledger:\n  - {item: 伙食费, type: 收入, amount: \"32,248.70\"}\n  - {item: 食材, type: 支出, amount: \"31,494.50\"}\ndeclared: {surplus_ratio: 2.30%}\n";
    let err = fails(ledger, "");
    assert_has(
        &err,
        &[
            "error: the surplus ratio is 2.34% (balance 754.20 of income 32,248.70), not the 2.30% printed",
        ],
    );
    build_one(&ledger.replace("2.30%", "2.34%"), "");

    let site = build_one(
        "kind: notice\nvote:\n  motion: 教代会代表选举办法\n  present: 17\n  observers: 13\n  for: 17\n  against: 0\n  abstain: 0\n  result: 通过\nconsultation:\n  subject: 校服征订意向\n  returned: 258\n  agree: 256\n  agree_share: 99.22%\n  threshold: 2/3\n  result: 同意\n",
        "",
    );
    assert_has(
        &site.read("notices/x.html"),
        &[
            "实到正式代表17人，列席13人",
            "收回258份",
            "<td class=\"num\">99.22%</td>",
        ],
    );

    let err = fails(
        "kind: notice\nvote:\n  motion: 章程\n  present: 17\n  for: 17\n  against: 0\n  rule: two_thirds_of_roll\n",
        "",
    );
    assert_has(
        &err,
        &["error: invalid value for `rule`: a rule of the roll needs `roll`"],
    );

    let site = build_one(
        "kind: finance\nperiod: none\nfees:\n  - {item: 作业本费, standard: 1-9年级8元, unit: 元/生·学期, basis: 某价费〔2024〕1号}\n",
        "",
    );
    assert_has(&site.read("notices/x.html"), &["1-9年级 8.00"]);
}

/// A notice's own contact channel is not filled in from the site's with another office's person
/// or address (the real corpus: a selection committee showed the school office's 联系人).
#[test]
fn a_notice_contact_of_another_office_takes_nothing_from_the_site() {
    let site = Site::empty();
    site.write(
        "site.yaml",
        "title: 公开栏\nschool: 青禾市第二小学\ncontact: {office: 校务公开监督小组, person: 刘老师, phone: 0571-88123456, address: 行政楼一楼}\n",
    );
    site.write(
        "content/x.md",
        &notice("kind: notice\nperiod: {days: 5}\ncontact: {office: 学校评选工作领导小组, phone: 0571-88123999}\n", "正文。\n"),
    );
    site.build_ok(&[]);
    let html = site.read("notices/x.html");
    let objection = &html[html.find("class=\"objection\"").unwrap()..];
    let objection = &objection[..objection.find("</section>").unwrap()];
    assert!(
        objection.contains("学校评选工作领导小组") && objection.contains("0571-88123999"),
        "{objection}"
    );
    assert!(
        !objection.contains("刘老师") && !objection.contains("行政楼一楼"),
        "{objection}"
    );
    // The same office, or none named: the missing fields are the site's.
    site.write(
        "content/x.md",
        &notice(
            "kind: notice\nperiod: {days: 5}\ncontact: {phone: 0571-88123999}\n",
            "正文。\n",
        ),
    );
    site.build_ok(&[]);
    assert!(site.read("notices/x.html").contains("刘老师"));
}

/// A tier's standard may be per term or per year (a national grant of 1250元 per term): the
/// table says so instead of "per month" (the corpus found the wrong label).
#[test]
fn tier_standards_say_what_period_they_are_for() {
    let front = "kind: selection\naward_type: aid\ncandidates: []\ntier_per: 学期\ntiers: [{name: 国家助学金, standard: 1250, count: 9, months: 1}]\n";
    let html = build_one(front, "").read("notices/x.html");
    assert_has(
        &html,
        &[
            "资助标准（每人每学期）",
            "<th scope=\"col\" class=\"num\">学期数</th>",
            "11,250.00",
        ],
    );
    assert!(!html.contains("每人每月"), "{html}");
    let html = build_one(&front.replace("tier_per: 学期\n", ""), "").read("notices/x.html");
    assert_has(&html, &["资助标准（每人每月）", "月数"]);
}

/// A stated closing balance (期末结余, 年末结转和结余) is checked like the other totals.
#[test]
fn a_stated_closing_balance_is_checked() {
    let front = "kind: finance\nopening_balance: 1000\nledger:\n  - {item: 拨款, type: income, amount: 500}\n  - {item: 支出, type: expense, amount: 200}\ndeclared: {closing: 1300}\n";
    build_one(front, "");
    let err = fails(&front.replace("closing: 1300", "closing: 1646"), "");
    assert_has(
        &err,
        &["error: declared closing 1,646.00 does not match the computed 1,300.00"],
    );
}

/// Stated figures are shown as stated: a procurement's voters, a stated 盈余率 at its printed
/// precision, and printed shares at theirs (99.22% is shown as 99.22%, not 99.2%).
#[test]
fn stated_figures_are_shown_at_their_precision() {
    let html = build_one(
        "kind: notice\nprocurement:\n  project: 校服选用\n  voters: 221\nconsultation:\n  subject: 征订意向\n  returned: 258\n  agree: 256\n  agree_share: 99.22%\n",
        "",
    )
    .read("notices/x.html");
    assert_has(
        &html,
        &[
            "<dt>参加投票人数</dt><dd>221人</dd>",
            "<td class=\"num\">99.22%</td>",
        ],
    );
    let html = build_one(
        "kind: finance\nledger:\n  - {item: 伙食费, type: 收入, amount: \"32,248.70\"}\n  - {item: 食材, type: 支出, amount: \"31,494.50\"}\ndeclared: {surplus_ratio: 2.34%}\n",
        "",
    )
    .read("notices/x.html");
    assert_has(&html, &["结余率", "2.34%"]);
}

/// A CSV ledger's display columns (月末库存) are carried through when the notice names them in
/// `extra_columns`; any other unknown column is still an error (a typo must not vanish).
#[test]
fn a_csv_ledger_carries_the_display_columns_it_names() {
    let site = Site::empty();
    site.write(
        "content/x.csv",
        "项目,类型,金额,月末库存\n伙食费,收入,1000,\n大米,支出,800,200公斤\n",
    );
    site.write(
        "content/x.md",
        &notice(
            "kind: finance\nledger_csv: x.csv\nextra_columns: [月末库存]\n",
            "",
        ),
    );
    site.build_ok(&[]);
    assert_has(
        &site.read("notices/x.html"),
        &["<th scope=\"col\">月末库存</th>", "<td>200公斤</td>"],
    );
    site.write(
        "content/x.md",
        &notice("kind: finance\nledger_csv: x.csv\n", ""),
    );
    let out = site.build(&[]);
    assert_has(
        &stderr(&out),
        &["content/x.csv:1:4: error: unknown column `月末库存`"],
    );
}
