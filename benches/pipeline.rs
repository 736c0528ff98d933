//! Benchmarks of the pipeline (divan): full builds of generated boards, one incremental
//! rebuild in a serve/watch session, `check` of the bundled example board, and one QR code.
//!
//!   cargo bench --bench pipeline            # all of them
//!   cargo bench --bench pipeline -- full    # only those whose name contains `full`
//!
//! The boards are generated here (four kinds, realistic Chinese bodies and tables, fixed
//! seed), once per size, into a temporary folder. The side-by-side comparison with Hugo on the
//! shared corpus is `benches/compare_hugo.py`; the time from saving a notice to the new page
//! being served is `benches/serve_latency.py`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use gongkai::watch::{Change, Session};
use gongkai::{BuildOptions, output::NullOutput};

/// As in the `gongkai` binary.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

const NOW: &str = "2026-11-28";

/// A deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const SENTENCES: [&str; 8] = [
    "根据上级有关文件要求，经学校研究决定，现将有关事项公示如下。",
    "学校工会召开教职工代表大会，认真审议学校年度工作计划，提高学校管理的规范化水平。",
    "校务公开监督小组全程监督，对反映的问题要做到件件有回音。",
    "严格执行收费政策，做到收费项目、标准、依据全部公开，接受家长和社会监督。",
    "有关数据以财务室核定的为准，各年级组要及时向教职工和家长传达。",
    "在上级工会的指导下，学校坚持民主管理，各项制度得到有效落实。",
    "对照年初工作计划，各部门高度重视，明确专人负责，确保工作有序推进。",
    "公示期内如有异议，请以书面形式向校务公开监督小组反映，并署真实姓名。",
];
const TAGS: [&str; 6] = [
    "校务公开",
    "后勤管理",
    "课后服务",
    "评优评先",
    "工会工作",
    "教代会",
];
const DEPTS: [&str; 4] = ["校长办公室", "总务处", "教务处", "工会"];
const NAMES: [&str; 8] = [
    "张*明", "李*华", "王*芳", "刘*强", "陈*静", "杨*伟", "赵*丽", "黄*军",
];

/// The text of notice `i` of a generated board.
fn notice(i: usize, rng: &mut Rng) -> String {
    let year = 2019 + (i % 8) as i32;
    let (month, day) = (1 + rng.below(12), 1 + rng.below(28));
    let kind = ["finance", "evaluation", "selection", "notice"][i % 4];
    let mut s = String::new();
    let _ = writeln!(
        s,
        "---\ntitle: \"{year}年第{i}号{}公示\"\nkind: {kind}",
        rng.pick(&TAGS)
    );
    let _ = writeln!(
        s,
        "date: {year}-{month:02}-{day:02}\ndepartment: \"{}\"",
        rng.pick(&DEPTS)
    );
    let _ = writeln!(s, "doc_no: \"校发〔{year}〕{i}号\"\nperiod: {{days: 5}}");
    let _ = writeln!(
        s,
        "tags: [\"{}\", \"{}\"]",
        rng.pick(&TAGS),
        rng.pick(&TAGS)
    );
    match kind {
        "finance" => {
            s.push_str("ledger:\n");
            for _ in 0..12 {
                let (t, item) = if rng.below(3) == 0 {
                    ("income", "财政拨款公用经费")
                } else {
                    ("expense", "办公用品购置")
                };
                let _ = writeln!(
                    s,
                    "  - {{item: \"{item}\", type: {t}, amount: \"{}.{:02}\"}}",
                    1000 + rng.below(40000),
                    rng.below(100)
                );
            }
        }
        "evaluation" => {
            s.push_str("ballots: {issued: 120, returned: 118, valid: 116}\ngrades: [优秀, 称职, 基本称职, 不称职]\nresults:\n");
            for n in NAMES.iter().take(5) {
                let a = 60 + rng.below(50);
                let _ = writeln!(
                    s,
                    "  - {{name: \"{n}\", post: \"教研组长\", votes: [{a}, {}, 2, 0]}}",
                    116 - a - 2
                );
            }
        }
        "selection" => {
            s.push_str("award: \"优秀教师\"\nquota: 3\ncandidates:\n");
            for (k, n) in NAMES.iter().take(6).enumerate() {
                let result = if k < 3 { "当选" } else { "未当选" };
                let _ = writeln!(
                    s,
                    "  - {{name: \"{n}\", unit: \"语文教研组\", votes: {}, result: {result}}}",
                    150 - 10 * k
                );
            }
        }
        _ => {}
    }
    s.push_str("---\n\n");
    for p in 0..6 {
        if p == 2 {
            s.push_str("## 一、基本情况\n\n");
        }
        for _ in 0..4 {
            s.push_str(rng.pick(&SENTENCES));
        }
        s.push_str("\n\n");
    }
    s
}

/// A generated board of `n` notices, made once per size for the whole run.
fn board(n: usize) -> PathBuf {
    static BOARDS: Mutex<Vec<(usize, PathBuf)>> = Mutex::new(Vec::new());
    static TMP: OnceLock<tempfile::TempDir> = OnceLock::new();
    let tmp = TMP.get_or_init(|| tempfile::tempdir().expect("a temporary folder"));
    let mut boards = BOARDS.lock().unwrap();
    if let Some((_, p)) = boards.iter().find(|(k, _)| *k == n) {
        return p.clone();
    }
    let root = tmp.path().join(format!("board-{n}"));
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for i in 0..n {
        let dir = root.join("content").join(format!("{}", 2019 + i % 8));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("n{i:06}.md")), notice(i, &mut rng)).unwrap();
    }
    std::fs::write(
        root.join("site.yaml"),
        "title: 校务公开栏\nschool: 基准学校\nschool_code: BENCH\nbase_url: https://bench.example.edu.cn/\n",
    )
    .unwrap();
    boards.push((n, root.clone()));
    root
}

fn options(root: &Path) -> BuildOptions {
    let mut o = BuildOptions::new(root);
    o.now = Some(NOW.parse().unwrap());
    o
}

/// Load, check and render every page, feed, search index and QR code, writing nothing.
#[divan::bench(args = [1_000, 10_000], sample_count = 5)]
fn full_build_in_memory(bencher: divan::Bencher, n: usize) {
    let opts = options(&board(n));
    bencher.bench(|| gongkai::build_into(&opts, &NullOutput).expect("the board builds"));
}

/// `gongkai build` into a folder that already holds the previous build.
#[divan::bench(args = [1_000], sample_count = 5)]
fn full_build_to_disk(bencher: divan::Bencher, n: usize) {
    let root = board(n);
    let mut opts = options(&root);
    opts.output = Some(root.join("public"));
    bencher.bench(|| gongkai::build(&opts).expect("the board builds"));
}

/// One body edit rebuilt by a serve/watch session (reload, board, pages, search, feed).
#[divan::bench(args = [1_000, 10_000], sample_count = 20)]
fn incremental_body_edit(bencher: divan::Bencher, n: usize) {
    let root = board(n);
    let mut session = Session::new(options(&root));
    session
        .rebuild(&Change::Everything)
        .expect("the board builds");
    let file = std::path::absolute(root.join("content/2019/n000000.md")).unwrap();
    let original = std::fs::read_to_string(&file).unwrap();
    let change = Change::Content([file.clone()].into_iter().collect());
    let mut k = 0u64;
    bencher.bench_local(|| {
        k += 1;
        std::fs::write(
            &file,
            original.replace("## 一、基本情况", &format!("## 一、基本情况{k}")),
        )
        .unwrap();
        let outcome = session.rebuild(&change).expect("the edit builds");
        assert_eq!(outcome.stats.rendered, 1);
    });
    std::fs::write(&file, original).unwrap();
}

/// `gongkai check` on the bundled example board.
#[divan::bench(sample_count = 20)]
fn check_bundled_board() -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    gongkai::check(&options(root)).len()
}

/// One QR code (encoding, eight masks scored, SVG path).
#[divan::bench]
fn qr_code() -> Option<String> {
    gongkai::render::qr::svg_for(
        divan::black_box("https://www.qhex.edu.cn/xwgk/notices/ethics-models-2026.html"),
        "二维码",
    )
}
