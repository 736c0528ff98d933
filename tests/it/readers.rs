//! For readers: search (queried here as search.js does), the print pages with QR codes, and the
//! lobby screen.

use std::collections::BTreeSet;

use gongkai::render::search::{shard_of, tokens};

use crate::support::{Site, assert_has, stderr, stdout};

/// A posting list of a shard: deltas, or a bitmap of six documents per character.
fn postings(list: &serde_json::Value) -> BTreeSet<u64> {
    const B64: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    if let Some(bits) = list.as_str() {
        let mut out = BTreeSet::new();
        for (i, c) in bits.chars().enumerate() {
            let v = B64.find(c).unwrap() as u64;
            out.extend(
                (0..6)
                    .filter(|b| v & (1 << b) != 0)
                    .map(|b| i as u64 * 6 + b),
            );
        }
        return out;
    }
    let mut acc = 0;
    list.as_array()
        .map_or(Vec::new(), |v| v.clone())
        .iter()
        .map(|d| {
            acc += d.as_u64().unwrap();
            acc
        })
        .collect()
}

/// Runs a query against a built site's index the way search.js does: tokens → shards →
/// intersection → document chunks. Returns the titles found.
fn query(site: &Site, q: &str) -> Vec<String> {
    let meta: serde_json::Value = serde_json::from_str(&site.read("search/meta.json")).unwrap();
    let shards = meta["shards"].as_u64().unwrap() as u32;
    let chunk = meta["chunk"].as_u64().unwrap() as usize;
    let mut hits: Option<BTreeSet<u64>> = None;
    for t in tokens(q) {
        let shard: serde_json::Value =
            serde_json::from_str(&site.read(&format!("search/s/{}.json", shard_of(&t, shards))))
                .unwrap();
        let ids = postings(&shard[&t]);
        hits = Some(match hits {
            None => ids,
            Some(h) => h.intersection(&ids).copied().collect(),
        });
    }
    hits.unwrap_or_default()
        .into_iter()
        .map(|id| {
            let docs: serde_json::Value =
                serde_json::from_str(&site.read(&format!("search/d/{}.json", id as usize / chunk)))
                    .unwrap();
            docs[id as usize % chunk]["t"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn search_finds_chinese_words_document_numbers_and_names() {
    let site = Site::fixture("basic");
    site.write(
        "content/2026-2027/canteen.md",
        "---\ntitle: 2026年秋季学期食堂采购结果公示\nkind: notice\ndate: 2026-10-12\ndoc_no: 青禾二小发〔2025〕12号\n---\n学校食堂大宗食材采购结果如下。\n",
    );
    site.write(
        "content/2026-2027/aid.md",
        "---\ntitle: 资助名单公示\nkind: selection\ndate: 2026-10-13\naward_type: aid\nexpires: 2026-12-31\ncandidates:\n  - {name: 张小明, unit: 四年级（2）班, result: selected}\n---\n",
    );
    site.build_ok(&[]);
    assert_eq!(
        query(&site, "收费"),
        vec!["2025年秋季学期收费项目及标准公示"]
    );
    assert_eq!(
        query(&site, "优秀教师"),
        vec!["2026年度优秀教师评选结果公示"]
    );
    assert_eq!(
        query(&site, "食堂采购"),
        vec!["2026年秋季学期食堂采购结果公示"]
    );
    assert_eq!(
        query(&site, "〔2025〕12号"),
        vec!["2026年秋季学期食堂采购结果公示"]
    );
    assert_eq!(
        query(&site, "青禾二小发[2025]12号"),
        vec!["2026年秋季学期食堂采购结果公示"]
    );
    // Masked names are indexed masked; the full name and staff-only notices are nowhere.
    assert_eq!(query(&site, "张小明"), Vec::<String>::new());
    for (rel, bytes) in site.tree("public") {
        if rel.starts_with("search/") {
            let text = String::from_utf8_lossy(&bytes);
            for secret in ["张小明", "绩效工资", "jixiao"] {
                assert!(!text.contains(secret), "{rel} contains {secret}");
            }
        }
    }
    let page = site.read("search.html");
    assert_has(
        &page,
        &[
            "<form id=\"search-form\"",
            "role=\"search\"",
            "<label for=\"search-q\">",
            "search.js",
        ],
    );
    assert!(
        site.read("index.html")
            .contains("<form class=\"site-search\" action=\"search.html\"")
    );
}

#[test]
fn a_document_number_is_searched_as_one_unit_and_exact_matches_rank_first() {
    let site = Site::fixture("basic");
    site.write(
        "content/2026-2027/price.md",
        "---\ntitle: 课后服务收费调整通知\nkind: notice\ndate: 2026-10-01\n---\n根据青发改价格〔2024〕15号文件，调整课后服务收费。\n",
    );
    // 2024, 15 and 号 all occur, but not as the document number.
    site.write(
        "content/2026-2027/other.md",
        "---\ntitle: 2024年度工作总结\nkind: notice\ndate: 2026-10-20\n---\n共15项，编号文件齐全，另见3号楼。\n",
    );
    // The phrase in the title of an older notice, only its words in the body of a newer one.
    site.write(
        "content/2026-2027/canteen.md",
        "---\ntitle: 食堂采购结果公示\nkind: notice\ndate: 2026-09-02\n---\n结果如下。\n",
    );
    site.write(
        "content/2026-2027/canteen-later.md",
        "---\ntitle: 十月工作安排\nkind: notice\ndate: 2026-10-25\n---\n学校食堂采购了新设备。\n",
    );
    site.build_ok(&[]);
    for q in [
        "〔2024〕15号",
        "[2024]15号",
        "(2024)15号",
        "（2024）15号",
        "青发改价格〔2024〕15号",
        "青发改价格[2024]15号文件",
    ] {
        assert_eq!(query(&site, q), vec!["课后服务收费调整通知"], "{q}");
    }
    // Not a prefix of the number, nor its parts apart (2024, 15 and 号 in the summary).
    assert_eq!(query(&site, "〔2024〕1号"), Vec::<String>::new());
    assert_eq!(
        query(&site, "〔2025〕21号"),
        vec!["2025年秋季学期收费项目及标准公示"]
    );
    // Exact matches first: the notice titled with the phrase before the newer one that only
    // mentions it.
    let Some(found) = crate::lifecycle::search_js(&site, "食堂采购") else {
        return;
    };
    let titles: Vec<&str> = found.iter().map(|r| r.split('|').next().unwrap()).collect();
    assert_eq!(titles, ["食堂采购结果公示", "十月工作安排"], "{found:?}");
    let found = crate::lifecycle::search_js(&site, "[2024]15号").unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("课后服务收费调整通知|"), "{found:?}");
}

#[test]
fn index_numbers_are_searched_as_units() {
    let site = Site::fixture("basic");
    site.write(
        "content/2026-2027/idx.md",
        "---\ntitle: 索引号测试\nkind: notice\ndate: 2026-10-01\n---\n见 ABCD-2031-ZZ-0042 号档案。\n",
    );
    site.write(
        "content/2026-2027/idx2.md",
        "---\ntitle: 另一份\nkind: notice\ndate: 2026-10-02\n---\n编号 ZZ 2031 与 0042 分开写，ABCD 也是。\n",
    );
    site.build_ok(&[]);
    for q in [
        "ABCD-2031-ZZ-0042",
        "ａｂｃｄ-2031-zz-0042",
        "2031-ZZ",
        "ZZ-0042",
    ] {
        assert_eq!(query(&site, q), vec!["索引号测试"], "{q}");
    }
    // The board's own index numbers too.
    assert_eq!(
        query(&site, "QHEX-2025-CW-0001"),
        vec!["2025年秋季学期收费项目及标准公示"]
    );
}

#[test]
fn the_browser_tokeniser_matches_the_builder() {
    let script = crate::support::fixture_dir("../../themes/default/static/search.js");
    let samples = [
        "收费公示",
        "青禾二小发〔2025〕12号",
        "ＱＨＥＸ-2025-CW-0001 优秀教师",
        "根据青发改价格〔2024〕15号文件",
        "[2024]15号 (2024)015号 （2024）15号 ［2024］15号 【2024】15号",
        "〔2024〕号 〔24〕15号 〔2024〕15 2026-10-12 a-b- -c -",
        "QHEX-2025-CW-0001-X-Y-Z-W-V-U 见〔2025〕12号文",
        "a",
        "食",
    ];
    let js = format!(
        "global.document={{getElementById:()=>null}};require({:?});const g=globalThis.gongkaiSearch;for(const s of {}){{const t=g.tokens(s);console.log(JSON.stringify([t,t.map(x=>g.shardOf(x,4096))]));}}",
        script,
        serde_json::to_string(&samples).unwrap()
    );
    let Some(out) = crate::support::node(&js) else {
        return;
    };
    assert!(out.status.success(), "{}", stderr(&out));
    for (line, sample) in stdout(&out).lines().zip(samples) {
        let want = tokens(sample);
        let hashes: Vec<u32> = want.iter().map(|t| shard_of(t, 4096)).collect();
        assert_eq!(
            line,
            serde_json::to_string(&(want, hashes)).unwrap(),
            "{sample}"
        );
    }
}

#[test]
fn print_pages_and_the_lobby_screen() {
    let site = Site::fixture("basic");
    site.write(
        "site.yaml",
        &format!(
            "{}kiosk: {{seconds: 20, refresh_minutes: 5, rows_per_page: 2}}\n",
            std::fs::read_to_string(site.root.join("site.yaml")).unwrap()
        ),
    );
    site.build_ok(&[]);
    let print = site.read("print/open.html");
    assert_has(
        &print,
        &[
            "2026年度优秀教师评选结果公示",
            "<svg class=\"qr-code\" role=\"img\" aria-label=\"二维码：2026年度优秀教师评选结果公示的网上公示页面\"",
            "https://www.qhex.edu.cn/xwgk/notices/excellent-teachers.html",
            "异议受理",
        ],
    );
    assert!(
        !print.contains("收费项目及标准公示"),
        "closed notices are not printed"
    );
    let notice = site.read("notices/excellent-teachers.html");
    assert!(notice.contains("<aside class=\"qr print-only\"><svg class=\"qr-code\""));
    let kiosk = site.read("kiosk.html");
    assert_has(
        &kiosk,
        &[
            "data-seconds=\"20\"",
            "data-refresh-minutes=\"5\"",
            // rows_per_page is an upper bound the screen's script keeps to.
            "data-max-rows=\"2\"",
            "<section class=\"slide active\"",
            "2026年度优秀教师评选结果公示",
            "0571-88123456",
            "kiosk.js",
        ],
    );
    assert!(!kiosk.contains("职称推荐"), "only open notices");
    let css = site.read("style.css");
    assert_has(
        &css,
        &[
            "@page { size: A4;",
            "thead { display: table-header-group; }",
            ".print-notice { break-after: page; }",
        ],
    );
    // Same QR for the same URL in every build.
    site.build_ok(&["--output", "again"]);
    assert_eq!(
        std::fs::read_to_string(site.root.join("again/print/open.html")).unwrap(),
        print
    );
}

/// The texts of `html` between each `start` and the `end` after it.
fn between<'a>(html: &'a str, start: &str, end: &str) -> Vec<&'a str> {
    html.split(start)
        .skip(1)
        .map(|piece| &piece[..piece.find(end).expect(end)])
        .collect()
}

/// The lobby screen carries each open notice's tables whole (the screen's script pages them to
/// its height): a table for every kind of data, every row of a 30-row ledger in one table, and
/// the totals and figures exactly as the notice's view formats them; donations show their
/// income beside their use; no page numbers are fixed on the server.
#[test]
fn the_lobby_screen_carries_every_table_whole_with_its_totals() {
    let site = Site::fixture("kiosk");
    site.build_ok(&[]);
    let kiosk = site.read("kiosk.html");
    assert_eq!(
        between(&kiosk, "<caption>", "</caption>"),
        [
            "资助档次（单位：元）",
            "学生伙食（单位：元）",
            "教工伙食（单位：元）",
            "成交内容（单位：元）",
            "投票结果",
            "意见统计",
            "表决情况",
            "收费项目及标准",
            "2027年春季各年级代收费标准（单位：元/生）",
            "表决情况",
            "捐款收入（元）",
            "捐款使用（元）",
            "捐赠物资",
            "测评结果",
            "收支明细（元）",
            "优秀教师",
            "优秀班主任",
        ]
    );
    let rows: Vec<usize> = between(&kiosk, "<tbody>", "</tbody>")
        .iter()
        .map(|body| body.matches("<tr data-row=").count())
        .collect();
    assert_eq!(
        rows,
        [2, 7, 2, 3, 3, 2, 9, 8, 6, 3, 12, 4, 3, 14, 30, 12, 8]
    );
    assert_has(
        &kiosk,
        &[
            // Ledger and accounts: both sides' totals and the balances.
            "<tr><th scope=\"row\">合计</th><td class=\"num\">505,234.56</td><td class=\"num\">320,412.73</td></tr>",
            "<div><dt>期初结余</dt><dd>12,500.00</dd></div>\n<div><dt>本期结余</dt><dd>184,821.83</dd></div>\n<div><dt>期末结余</dt><dd>197,321.83</dd></div>",
            "<tr><th scope=\"row\">合计</th><td class=\"num\">96,800.00</td><td class=\"num\">95,230.00</td></tr>",
            "<div><dt>结余率</dt><dd>1.6%（规定不超过 2%）</dd></div>",
            "<tr><th scope=\"row\">合计</th><td class=\"num\">14,520.00</td><td class=\"num\">14,638.00</td></tr>",
            "<div><dt>本期结余</dt><dd>-118.00</dd></div>",
            // A fee table by grade: each row's 合计 and the column totals.
            "<tr data-row=\"1\"><td>一年级</td><td class=\"num\">60.00</td><td class=\"num\">95.00</td><td class=\"num\">100.00</td><td class=\"num\">35.00</td><td class=\"num\">290.00</td></tr>",
            "<tr><th scope=\"row\">合计</th><td class=\"num\">380.00</td><td class=\"num\">650.00</td><td class=\"num\">600.00</td><td class=\"num\">70.00</td><td class=\"num\">1,700.00</td></tr>",
            // Donations: income, use and what is left, gifts in kind.
            "<tr><th scope=\"row\">合计</th><td class=\"num\">75,731.50</td></tr>",
            "<div><dt>笔数</dt><dd>1,214</dd></div>",
            "<tr><th scope=\"row\">合计</th><td class=\"num\">64,210.00</td></tr>",
            "<div><dt>收入合计</dt><dd>75,731.50</dd></div>\n<div><dt>结余</dt><dd>11,521.50</dd></div>",
            "<tr data-row=\"1\"><td>青禾书店</td><td>课外读物</td><td class=\"num\">1200 册</td><td class=\"num\">18,000.00</td></tr>",
            "<tr><th scope=\"row\">合计</th><td></td><td class=\"num\"></td><td class=\"num\">32,100.00</td></tr>",
            // Procurement: items with their total, the votes; a consultation; votes.
            "<tr><th scope=\"row\">合计</th><td class=\"num\"></td><td class=\"num\"></td><td class=\"num\">650.00</td></tr>",
            "<div><dt>成交供应商</dt><dd>青禾市锦程服饰有限公司</dd></div>",
            "<tr data-row=\"1\"><td>青禾市锦程服饰有限公司</td><td class=\"num\">21</td><td class=\"num\">72.4%</td></tr>",
            "<tr data-row=\"1\"><td>同意</td><td class=\"num\">700</td><td class=\"num\">94.9%</td></tr>",
            "<tr data-row=\"2\"><td>不同意</td><td class=\"num\">38</td><td class=\"num\">5.1%</td></tr>",
            "<div><dt>回收率</dt><dd>92.3%</dd></div>",
            "<tr data-row=\"9\"><td>《延长课后服务时间试行方案》</td><td class=\"num\">15</td><td class=\"num\">20</td><td class=\"num\">3</td><td>未通过</td></tr>",
            "<div><dt>应到代表</dt><dd>42人</dd></div>\n<div><dt>实到代表</dt><dd>38人</dd></div>",
            "<tr data-row=\"3\"><td>弃权</td><td class=\"num\">1</td><td class=\"num\">2.5%</td></tr>",
            "<div><dt>表决结果</dt><dd>通过</dd></div>",
            // Selection: places and the tally per list; aid by tier with its totals.
            "<div><dt>名额</dt><dd>4名</dd></div>\n<div><dt>参加投票人数</dt><dd>62人</dd></div>\n<div><dt>候选人数</dt><dd>12人</dd></div>\n<div><dt>拟当选</dt><dd>4人</dd></div>",
            "<tr><th scope=\"row\">合计</th><td class=\"num\"></td><td class=\"num\">36</td><td class=\"num\">12,750.00</td></tr>",
            // Evaluation: the ballots the rates are counted from.
            "<div><dt>有效票</dt><dd>56张</dd></div>",
        ],
    );
    assert!(!kiosk.contains("（1/"), "pages are the screen's to number");
    assert!(
        !kiosk.contains("data-max-rows"),
        "no cap unless the site sets one"
    );
}
#[test]
fn print_command_writes_a_standalone_page() {
    let site = Site::fixture("basic");
    let out = site.run(&[
        "print",
        "2026-2027",
        "--now",
        "2026-11-28",
        "--output",
        "board.html",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("wrote 2 notices"), "{}", stdout(&out));
    let html = std::fs::read_to_string(site.root.join("board.html")).unwrap();
    assert_has(
        &html,
        &[
            "<style>",
            "@page { size: A4;",
            "2026年度优秀教师评选结果公示",
            "2026年一级教师职称推荐人选公示",
            "<svg class=\"qr-code\"",
        ],
    );
    assert!(!html.contains("<link rel=\"stylesheet\""));
    let out = site.run(&[
        "print",
        "content/2025-2026/finance",
        "--now",
        "2026-11-28",
        "--output",
        "fees.html",
    ]);
    assert!(stdout(&out).contains("wrote 1 notices"), "{}", stdout(&out));
}
