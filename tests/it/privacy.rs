//! The privacy guard and the other safety checks, through the binary: findings with file:line:col
//! and masked text, official contacts, audited exceptions in the build report, JSON output, the
//! detectors' precision and recall on generated numbers, XSS payloads, path escapes and links.

use gongkai::check::privacy::{Code, Context, is_valid_id18, luhn, scan};

use crate::support::{Site, assert_has, stderr, stdout};

fn notice(front: &str, body: &str) -> String {
    format!("---\ntitle: 测试公示\nkind: notice\ndate: 2026-03-02\n{front}---\n{body}")
}

#[test]
fn findings_name_the_place_and_never_repeat_the_number() {
    let site = Site::empty();
    site.write(
        "content/x.md",
        &notice(
            "",
            "家长：张三，身份证号11010519491231002X，\n手机138-1234-5678，银行卡6222 0212 3456 7890 128。\n住址：文华路18号3栋2单元501室，邮箱zhang.san@163.com\n",
        ),
    );
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_has(
        &err,
        &[
            "content/x.md:6:11: error: a resident identity number: 1101**********002X",
            "content/x.md:7:3: error: a mobile phone number: 138****5678",
            "content/x.md:7:20: error: a bank card number: 622202*********0128",
            "content/x.md:8:4: warning: a home address: 文华************室",
            "content/x.md:8:22: warning: an e-mail address that is not an official contact: z********@163.com",
            "help: remove it: identity numbers must never be published",
        ],
    );
    for raw in [
        "11010519491231002X",
        "138-1234-5678",
        "6222 0212 3456 7890 128",
        "zhang.san",
    ] {
        assert!(!err.contains(raw), "the report repeats {raw}:\n{err}");
    }
    assert!(!site.root.join("public").exists());
}

#[test]
fn official_contacts_and_audited_exceptions() {
    let site = Site::empty();
    site.write("site.yaml", "title: 公开栏\nschool_code: T\ncontact: {phone: 13900001111, email: xwgk@school.cn}\nofficial_contacts: [\"0571-88123456\"]\n");
    site.write(
        "content/x.md",
        &notice(
            "contact: {phone: 13700002222}\nprivacy: {allow: email, reason: 家委会主任同意公开其工作邮箱}\n",
            "监督电话13900001111、13700002222，邮箱xwgk@school.cn，家委会邮箱jwh@163.com。\n\n| 姓名 | 电话 |\n|---|---|\n| 办公室 | 0571-88123456 |\n",
        ),
    );
    let out = site.build_ok(&[]);
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    let report = std::fs::read_to_string(site.root.join("gongkai-report.json")).unwrap();
    assert_has(
        &report,
        &[
            "\"code\": \"email\"",
            "\"reason\": \"家委会主任同意公开其工作邮箱\"",
            "\"count\": 1",
        ],
    );
    assert!(!site.out("_report.json").exists());
    // A reason is required.
    site.write(
        "content/x.md",
        &notice("privacy: {allow: email}\n", "家委会邮箱jwh@163.com\n"),
    );
    let out = site.build(&[]);
    assert!(
        stderr(&out).contains("`allow: email` needs a `reason:`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn csv_files_and_attachment_names_are_scanned() {
    let site = Site::empty();
    site.write(
        "content/ledger.csv",
        "项目,类型,金额,备注\n补助,支出,100.00,发至卡号6222021234567890128\n",
    );
    site.write("content/名单-13812345678.txt", "x");
    site.write(
        "content/x.md",
        "---\ntitle: 收支\nkind: finance\ndate: 2026-03-02\nledger_csv: ledger.csv\nattachments:\n  - {title: 名单, file: 名单-13812345678.txt}\n---\n",
    );
    let out = site.build(&[]);
    let err = stderr(&out);
    assert_has(
        &err,
        &[
            "content/ledger.csv:2:18: error: a bank card number: 622202*********0128",
            "content/x.md:7:26: error: a mobile phone number: 138****5678",
        ],
    );
}

#[test]
fn hardship_details_in_aid_lists() {
    let site = Site::empty();
    site.write(
        "content/aid.md",
        "---\ntitle: 资助名单\nkind: selection\ndate: 2026-03-02\naward_type: aid\nexpires: 2026-04-01\ncandidates:\n  - {name: 张小明, unit: 四年级（2）班, post: 一档（低保户）, result: selected}\n---\n",
    );
    let out = site.build_ok(&[]);
    assert!(
        stderr(&out).contains(
            "content/aid.md:8:41: warning: a family-hardship detail in a student-aid notice: 低保"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn check_reports_as_json_and_writes_nothing() {
    let site = Site::empty();
    site.write("content/x.md", &notice("", "邮箱someone@qq.com\n"));
    site.write("content/z.md", &notice("", "邮箱other@qq.com\n"));
    let out = site.run(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "warnings do not fail");
    // One object per line, a line per finding (JSON Lines), as the help says.
    let text = stdout(&out);
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(lines.len(), 2, "{text}");
    let f = &lines[0];
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["code"], "email");
    assert_eq!(f["file"], "content/x.md");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(6), Some(3))
    );
    assert!(f["hint"].as_str().unwrap().contains("official"));
    assert_eq!(site.run(&["check", "--strict"]).status.code(), Some(1));
    site.write("content/y.md", &notice("", "身份证11010519491231002X\n"));
    assert_eq!(site.run(&["check"]).status.code(), Some(1));
    assert!(!site.root.join("public").exists());
}

/// Valid identity numbers: random region, birth date and sequence, with the right check digit.
fn valid_id(seed: &mut u64) -> String {
    let regions = [
        "110105", "310104", "440305", "330106", "510107", "610113", "650102", "820000",
    ];
    let r = regions[next(seed) as usize % regions.len()];
    let y = 1950 + next(seed) % 70;
    let m = 1 + next(seed) % 12;
    let d = 1 + next(seed) % 28;
    let base = format!("{r}{y:04}{m:02}{d:02}{:03}", next(seed) % 1000);
    let w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u64 = base
        .bytes()
        .zip(w)
        .map(|(b, w)| u64::from(b - b'0') * w)
        .sum();
    format!("{base}{}", b"10X98765432"[(sum % 11) as usize] as char)
}

fn next(seed: &mut u64) -> u64 {
    // xorshift: deterministic test data.
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

fn digits(seed: &mut u64, n: usize) -> String {
    (0..n)
        .map(|_| char::from(b'0' + (next(seed) % 10) as u8))
        .collect()
}

fn with_luhn(prefix: &str, len: usize, seed: &mut u64) -> String {
    let body = format!("{prefix}{}", digits(seed, len - prefix.len() - 1));
    (0..10)
        .map(|c| format!("{body}{c}"))
        .find(|s| luhn(s))
        .unwrap()
}

/// (true positives, false negatives, false positives) of one detector on two classes of samples.
fn measure(code: Code, positives: &[String], negatives: &[String]) -> (usize, usize, usize) {
    let hit = |s: &String| {
        scan(&format!("编号：{s}。"), &Context::default())
            .iter()
            .any(|f| f.code == code)
    };
    let tp = positives.iter().filter(|s| hit(s)).count();
    let fp = negatives.iter().filter(|s| hit(s)).count();
    (tp, positives.len() - tp, fp)
}

#[test]
fn detector_precision_and_recall_on_generated_numbers() {
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let n = 1000;
    let ids: Vec<String> = (0..n).map(|_| valid_id(&mut seed)).collect();
    // Order numbers: random 18 digits whose last digit is not the check digit.
    let orders: Vec<String> = (0..n)
        .map(|_| {
            let mut s = digits(&mut seed, 18);
            while is_valid_id18(&s) {
                s = digits(&mut seed, 18);
            }
            s
        })
        .collect();
    let spellings = |m: &str, i: usize| match i % 4 {
        0 => m.to_string(),
        1 => format!("{}-{}-{}", &m[..3], &m[3..7], &m[7..]),
        2 => format!("{} {} {}", &m[..3], &m[3..7], &m[7..]),
        _ => format!("+86 {m}"),
    };
    let mobiles: Vec<String> = (0..n)
        .map(|i| {
            spellings(
                &format!("1{}{}", 3 + next(&mut seed) % 7, digits(&mut seed, 9)),
                i,
            )
        })
        .collect();
    let not_mobiles: Vec<String> = (0..n)
        .map(|_| format!("1{}{}", next(&mut seed) % 3, digits(&mut seed, 9)))
        .collect();
    let cards: Vec<String> = (0..n)
        .map(|i| with_luhn("62", 16 + i % 4, &mut seed))
        .collect();
    let not_cards: Vec<String> = (0..n)
        .map(|i| {
            let mut s = format!("62{}", digits(&mut seed, 14 + i % 4));
            while luhn(&s) {
                s = format!("62{}", digits(&mut seed, 14 + i % 4));
            }
            s
        })
        .collect();
    let mut table = String::from("detector      positives  recall   negatives  precision\n");
    for (code, pos, neg) in [
        (Code::IdNumber, &ids, &orders),
        (Code::Mobile, &mobiles, &not_mobiles),
        (Code::BankCard, &cards, &not_cards),
    ] {
        let (tp, fnn, fp) = measure(code, pos, neg);
        let recall = tp as f64 / (tp + fnn) as f64;
        let precision = tp as f64 / (tp + fp).max(1) as f64;
        table.push_str(&format!(
            "{:<13} {:>9}  {:>6.2}%  {:>9}  {:>8.2}%\n",
            code.key(),
            pos.len(),
            recall * 100.0,
            neg.len(),
            precision * 100.0
        ));
        assert_eq!(fnn, 0, "{code:?} missed {fnn} of {}", pos.len());
        assert_eq!(fp, 0, "{code:?} flagged {fp} of {} negatives", neg.len());
    }
    // Random 18-digit order numbers are not bank cards either.
    let (_, _, card_fp) = measure(Code::BankCard, &[], &orders);
    table.push_str(&format!(
        "order numbers flagged as bank cards: {card_fp} of {n}\n"
    ));
    println!("{table}");
    // A random number that starts like a card and passes Luhn cannot be told from one: about 1 in
    // 60 of uniformly random 18-digit numbers.
    assert!(
        card_fp * 50 <= n,
        "{card_fp} order numbers taken for bank cards"
    );
}

#[test]
fn mask_names_is_an_error_where_it_cannot_mask() {
    for (kind, data) in [
        (
            "finance",
            "donations:\n  received:\n    - {from: 张小明, amount: \"200.00\", date: 2026-03-01}\n",
        ),
        ("notice", ""),
    ] {
        let site = Site::empty();
        site.write(
            "content/x.md",
            &format!("---\ntitle: 捐款\nkind: {kind}\ndate: 2026-03-02\nmask_names: true\n{data}---\n张小明\n"),
        );
        let out = site.build(&[]);
        assert_eq!(out.status.code(), Some(1), "{kind}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("content/x.md:5:1: error: `mask_names: true` cannot act on a"),
            "{}",
            stderr(&out)
        );
        assert!(!site.out("").exists());
    }
    // Where it acts, names are masked.
    let site = Site::empty();
    site.write(
        "content/x.md",
        "---\ntitle: 评选\nkind: selection\ndate: 2026-03-02\nslug: sanhao\naward: 三好学生\nmask_names: true\ncandidates:\n  - {name: 张小明, result: selected}\n---\n",
    );
    site.build_ok(&[]);
    let page = site.read("notices/sanhao.html");
    assert!(page.contains("张*明") && !page.contains("张小明"));
}

#[test]
fn office_addresses_and_a_table_of_office_phones_are_not_people() {
    // Real cases: the office address of the objection channel, and a table of 监督电话.
    let site = Site::empty();
    site.write(
        "site.yaml",
        "title: 测试\nschool: 测试学校\ncontact: {office: 校务公开监督小组, phone: 0898-65123456, address: 海口市国兴大道9号行政楼412室}\n",
    );
    site.write(
        "content/a.md",
        "---\ntitle: 收费公示\nkind: notice\ndate: 2026-03-02\ncontact: {office: 监督室, address: 物质学院4号楼503室}\n---\n如有异议请到物质学院4号楼503室，或到海口市国兴大道9号行政楼412室。\n\n| 部门 | 监督电话 |\n|---|---|\n| 教育局监督科 | 0898-65230001 |\n| 纪检组 | 0898-65230002 |\n| 市教育局 | 0898-65230003 |\n",
    );
    let out = site.run(&["check", "--strict", "--now", "2026-11-28"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // A table of people still is one, and an address that is no contact still is flagged.
    site.write(
        "content/b.md",
        "---\ntitle: 名单\nkind: notice\ndate: 2026-03-02\n---\n住址：文华路18号3栋2单元501室\n\n| 姓名 | 电话 |\n|---|---|\n| 王小明 | 0898-65239999 |\n",
    );
    let err = stderr(&site.run(&["check", "--now", "2026-11-28"]));
    assert!(
        err.contains("content/b.md:6:") && err.contains("content/b.md:10:"),
        "{err}"
    );
    assert!(!err.contains("content/a.md"), "{err}");
}

#[test]
fn names_typed_in_the_body_of_an_aid_notice_are_stopped() {
    let site = Site::empty();
    site.write(
        "content/aid.md",
        "---\ntitle: 资助名单\nkind: selection\ndate: 2026-03-02\naward_type: aid\nexpires: 2026-06-01\ncandidates: []\n---\n名单如下：\n\n| 序号 | 姓名 | 班级 |\n|---|---|---|\n| 1 | 张小明 | 四（2）班 |\n",
    );
    let out = site.run(&["check", "--now", "2026-03-05"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("content/aid.md:11:"), "{err}");
    assert!(err.contains("candidates:"), "{err}");
    // A name in the prose: "张三丰等3名同学".
    site.write(
        "content/aid.md",
        "---\ntitle: 资助名单\nkind: selection\ndate: 2026-03-02\naward_type: aid\nexpires: 2026-06-01\ncandidates: []\n---\n经评审，张三丰等3名同学获得资助。\n\n对家庭经济困难学生等2类人员给予资助。\n",
    );
    let err = stderr(&site.run(&["check", "--now", "2026-03-05"]));
    assert!(err.contains("content/aid.md:9:5: error"), "{err}");
    assert!(!err.contains("content/aid.md:11:"), "{err}");
    // Outside student aid a table of staff names is allowed.
    site.write(
        "content/aid.md",
        "---\ntitle: 名单\nkind: notice\ndate: 2026-03-02\n---\n| 姓名 | 职务 |\n|---|---|\n| 王建国 | 校长 |\n",
    );
    let out = site.run(&["check", "--now", "2026-03-05"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn a_notice_lists_several_official_contacts_and_none_is_flagged() {
    // Real notices give 2–4 监督电话: the school's, the education bureau's, a discipline office.
    let site = Site::empty();
    site.write(
        "content/a.md",
        "---\ntitle: 2026年秋季学期收费公示\nkind: notice\ndate: 2026-09-01\nperiod: {days: 5}\ncontacts:\n  - {office: 学校纪检监察室, phone: 0898-66661234}\n  - {office: 区教育局监察科, phone: 0898-66662345, address: 龙华区滨海大道8号教育局302室}\n  - {office: 区物价局, phone: \"12358\", email: jb12358@longhua.gov.cn}\n---\n如有异议，请拨打学校纪检监察室电话0898-66661234、区教育局监察科电话0898-66662345或区物价局12358，也可发送邮件至jb12358@longhua.gov.cn，或到龙华区滨海大道8号教育局302室反映。\n",
    );
    let out = site.run(&["check", "--strict", "--now", "2026-09-02"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    site.build_ok(&[]);
    let html = site.read("notices/a.html");
    assert_has(
        &html,
        &[
            "监督渠道",
            "学校纪检监察室",
            "<a href=\"tel:0898-66662345\">0898-66662345</a>",
            "龙华区滨海大道8号教育局302室",
            "<a href=\"mailto:jb12358@longhua.gov.cn\">jb12358@longhua.gov.cn</a>",
        ],
    );
    // An entry of the list is checked as `contact:` is: no unknown fields.
    site.write(
        "content/a.md",
        "---\ntitle: 公示\nkind: notice\ndate: 2026-09-01\ncontacts:\n  - {office: 纪检室, tel: 0898-66661234}\n---\n正文\n",
    );
    let err = stderr(&site.run(&["check", "--now", "2026-09-02"]));
    assert!(
        err.contains("content/a.md:6:") && err.contains("tel"),
        "{err}"
    );
}

#[test]
fn a_run_of_names_in_the_prose_of_an_aid_notice_is_stopped() {
    let site = Site::empty();
    let aid = |body: &str| {
        format!(
            "---\ntitle: 资助名单\nkind: selection\ndate: 2026-03-02\naward_type: aid\nexpires: 2026-06-01\ncandidates: []\n---\n{body}\n"
        )
    };
    site.write(
        "content/aid.md",
        &aid("受助学生：张小明、李华、欧阳晓燕、赵子强。"),
    );
    let err = stderr(&site.run(&["check", "--now", "2026-03-05"]));
    assert!(err.contains("content/aid.md:9:6: error"), "{err}");
    assert!(err.contains("candidates:"), "{err}");
    // Lists that are not people: grades, items, staff by title; and one name alone.
    site.write(
        "content/aid.md",
        &aid("资助对象为一年级、二年级、三年级学生，含书本费、作业本费、住宿费。\n\n评审：王老师、李主任、陈校长。\n\n联系人：张老师。"),
    );
    let out = site.run(&["check", "--now", "2026-03-05"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Outside student aid, staff are named: no error.
    site.write(
        "content/aid.md",
        "---\ntitle: 表彰\nkind: notice\ndate: 2026-03-02\n---\n获奖教师：张小明、李华、赵子强。\n",
    );
    let out = site.run(&["check", "--now", "2026-03-05"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// The privacy guard on the clerk's cases of issue 17, measured on generated notices: official
/// channels (office addresses in `contact:`, `contacts:` lists, tables of 监督电话, grade and fee
/// lists, staff by title) must raise nothing; a student-aid notice that names pupils in its body
/// (a 姓名 table, 张三丰等N名同学, a run of names), gives a hardship tier next to a name, or any
/// notice giving a home address must be stopped. Run with `--nocapture` for the figures.
#[test]
fn privacy_figures_on_the_clerks_cases() {
    // A small deterministic generator (splitmix64).
    let state = std::cell::Cell::new(0x5eed_2026_u64);
    let next = || {
        state.set(state.get().wrapping_add(0x9E37_79B9_7F4A_7C15));
        let mut z = state.get();
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let pick = |xs: &[&'static str]| xs[(next() % xs.len() as u64) as usize];
    const SURNAMES: [&str; 12] = [
        "张", "王", "李", "赵", "陈", "刘", "杨", "黄", "周", "吴", "欧阳", "司马",
    ];
    const GIVEN: [&str; 14] = [
        "小明", "华", "芳", "子强", "晓燕", "伟", "静", "浩然", "雨萱", "梓涵", "俊", "欣怡", "宇",
        "思远",
    ];
    const DISTRICTS: [&str; 4] = ["海口市龙华区", "青禾市东城区", "栖梧市", "柳岸县城关镇"];
    const ROADS: [&str; 4] = ["国兴大道", "滨海大道", "文华路", "人民路"];
    const OFFICES: [&str; 6] = [
        "教育局监督科",
        "纪检组",
        "市物价局",
        "学校纪检监察室",
        "区教育局监察科",
        "校务公开监督小组",
    ];
    const GRADES: [&str; 6] = ["一年级", "二年级", "三年级", "七年级", "八年级", "九年级"];
    const FEES: [&str; 4] = ["书本费", "作业本费", "住宿费", "伙食费"];
    const STAFF: [&str; 4] = ["王老师", "李主任", "陈校长", "赵书记"];
    const TIERS: [&str; 3] = ["特别困难", "比较困难", "一般困难"];
    let site = Site::empty();
    let front = |title: &str, aid: bool, extra: &str| {
        if aid {
            format!(
                "---\ntitle: {title}\nkind: selection\ndate: 2026-03-02\naward: 国家助学金\naward_type: aid\nexpires: 2026-07-01\ncandidates: []\n{extra}---\n"
            )
        } else {
            format!("---\ntitle: {title}\nkind: notice\ndate: 2026-03-02\n{extra}---\n")
        }
    };
    let (n_neg, n_pos) = (200, 200);
    for i in 0..n_neg {
        let room = format!(
            "{}{}{}号{}号楼{}室",
            pick(&DISTRICTS),
            pick(&ROADS),
            1 + next() % 99,
            1 + next() % 9,
            101 + next() % 500
        );
        let phone = || {
            format!(
                "0{}-{}",
                571 + next() % 300,
                60_000_000 + next() % 30_000_000
            )
        };
        let (p1, p2, p3) = (phone(), phone(), phone());
        let contact = format!(
            "contact: {{office: {}, phone: {p1}, address: {room}}}\ncontacts:\n  - {{office: {}, phone: {p2}}}\n  - {{office: {}, phone: {p3}}}\n",
            pick(&OFFICES),
            pick(&OFFICES),
            pick(&OFFICES)
        );
        let body = format!(
            "资助对象为{}、{}、{}学生，含{}、{}。评审小组：{}、{}。\n\n如有异议，请到{room}，或拨打{p1}、{p2}。\n\n| 部门 | 监督电话 |\n|---|---|\n| {} | {p2} |\n| {} | {p3} |\n",
            pick(&GRADES),
            pick(&GRADES),
            pick(&GRADES),
            pick(&FEES),
            pick(&FEES),
            pick(&STAFF),
            pick(&STAFF),
            pick(&OFFICES),
            pick(&OFFICES)
        );
        site.write(
            &format!("content/neg-{i:03}.md"),
            &format!("{}{body}", front("监督渠道", i % 2 == 0, &contact)),
        );
    }
    for i in 0..n_pos {
        let name = || format!("{}{}", pick(&SURNAMES), pick(&GIVEN));
        let body = match i % 5 {
            0 => format!(
                "名单如下：\n\n| 序号 | 姓名 | 班级 |\n|---|---|---|\n| 1 | {} | 七（2）班 |\n",
                name()
            ),
            1 => format!("经评审，{}等{}名同学获得资助。\n", name(), 2 + next() % 30),
            2 => format!("受助学生：{}、{}、{}。\n", name(), name(), name()),
            3 => format!(
                "| 序号 | 档次 | 班级 |\n|---|---|---|\n| 1 | 家庭经济{} | 七（2）班 |\n",
                pick(&TIERS)
            ),
            _ => format!(
                "家住{}{}18号3栋2单元{}室。\n",
                pick(&DISTRICTS),
                pick(&ROADS),
                101 + next() % 500
            ),
        };
        site.write(
            &format!("content/pos-{i:03}.md"),
            &format!("{}{body}", front("资助名单", i % 5 != 4, "")),
        );
    }
    let out = site.run(&["check", "--now", "2026-03-03", "--format", "json"]);
    let findings: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    const PRIVACY: [&str; 8] = [
        "aid-names",
        "address",
        "landline",
        "mobile",
        "email",
        "hardship",
        "id-number",
        "bank-card",
    ];
    let privacy = |f: &&serde_json::Value| PRIVACY.contains(&f["code"].as_str().unwrap_or(""));
    // Every notice was read (a notice that failed to parse would pass unexamined).
    let unread: Vec<String> = findings
        .iter()
        .filter(|f| !privacy(f) && f["severity"] == "error")
        .map(|f| f.to_string())
        .collect();
    assert!(unread.is_empty(), "{unread:?}");
    let flagged: std::collections::BTreeSet<String> = findings
        .iter()
        .filter(privacy)
        .filter_map(|f| f["file"].as_str().map(str::to_string))
        .collect();
    let hits = |prefix: &str| flagged.iter().filter(|f| f.contains(prefix)).count();
    let (tp, fp) = (hits("/pos-"), hits("/neg-"));
    let recall = tp as f64 / n_pos as f64 * 100.0;
    let precision = tp as f64 / (tp + fp).max(1) as f64 * 100.0;
    println!(
        "clerk's cases: {n_pos} notices that must be stopped, {tp} stopped (recall {recall:.1}%); {n_neg} that must pass, {fp} flagged (precision {precision:.1}%)"
    );
    let missed: Vec<_> = (0..n_pos)
        .map(|i| format!("content/pos-{i:03}.md"))
        .filter(|f| !flagged.contains(f))
        .collect();
    assert!(missed.is_empty(), "missed: {missed:?}");
    assert_eq!(
        fp,
        0,
        "false alarms: {:?}",
        flagged
            .iter()
            .filter(|f| f.contains("/neg-"))
            .collect::<Vec<_>>()
    );
}
