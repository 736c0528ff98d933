//! Incremental rebuilds (serve/watch) give the same bytes as a full build, over random edit
//! sequences: edits, new, deleted and renamed notices, broken and fixed files, settings,
//! template overrides and static files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use gongkai::output::MemoryOutput;
use gongkai::watch::{EventKind, Layout, Session, classify};
use gongkai::{BuildError, BuildOptions, build_into};
use proptest::prelude::*;

fn opts(root: &Path) -> BuildOptions {
    opts_on(root, "2026-11-28".parse().unwrap())
}

fn opts_on(root: &Path, now: jiff::civil::Date) -> BuildOptions {
    let mut o = BuildOptions::new(root);
    o.now = Some(now);
    o
}

fn full_build_on(root: &Path, now: jiff::civil::Date) -> Result<BTreeMap<String, Vec<u8>>, ()> {
    let out = MemoryOutput::default();
    match build_into(&opts_on(root, now), &out) {
        Ok(_) => Ok(out.into_files()),
        Err(BuildError::Content(_)) => Err(()),
        Err(e) => panic!("{e}"),
    }
}

#[derive(Debug, Clone)]
enum Edit {
    Body(usize, u8),
    Title(usize, u8),
    Date(usize, u8),
    Kind(usize, u8),
    Tags(usize, u8),
    /// One front-matter field of a notice (by number, see [`field`]) set to a value.
    Field(usize, u8, u8),
    Add(u8),
    Delete(usize),
    Rename(usize),
    Break(usize),
    /// One setting of site.yaml (by number, see [`setting`]) set to a value.
    Setting(u8, u8),
    /// The board is built for another day.
    Day(u8),
    Template(u8),
    Static(u8),
    /// The guide's own text (`content/_guide.md`) written, or removed.
    Guide(u8),
}

/// Site settings a random edit can change: every key of site.yaml that shows on a page.
fn setting(field: u8, v: u8) -> (&'static str, String) {
    match field % 18 {
        0 => ("title", format!("公开栏{v}")),
        1 => (
            "language",
            if v.is_multiple_of(2) { "zh-CN" } else { "en" }.into(),
        ),
        2 => (
            "holidays",
            format!("[2026-{:02}-{:02}, 2026-11-27]", v % 12 + 1, v % 28 + 1),
        ),
        3 => (
            "workdays",
            if v.is_multiple_of(2) {
                "[]".into()
            } else {
                "[2026-11-29]".into()
            },
        ),
        4 => ("notice_period_days", format!("{}", v % 10 + 1)),
        5 => (
            "contact",
            format!("{{office: 办公室{v}, phone: 0571-8812345{}}}", v % 10),
        ),
        6 => (
            "base_url",
            if v.is_multiple_of(3) {
                "\"\"".into()
            } else {
                format!("https://b{v}.example.cn/x/")
            },
        ),
        7 => ("school", format!("测试学校{v}")),
        8 => ("paginate_by", format!("{}", v % 4 + 1)),
        9 => ("feed_limit", format!("{}", v % 5 + 1)),
        10 => (
            "school_year_start",
            ["09-01", "08-15", "02-01"][v as usize % 3].into(),
        ),
        11 => ("description", format!("说明{v}")),
        12 => ("mask_aid_names", v.is_multiple_of(2).to_string()),
        13 => (
            "kiosk",
            format!("{{rows_per_page: {}, seconds: {}}}", v % 5 + 1, v % 30 + 5),
        ),
        14 => ("official_contacts", format!("[0571-8800000{}]", v % 10)),
        15 => (
            "guide",
            format!("{{hours: 周一至周五{v}, places: [公开栏{v}], supervisor: 教育局{v}}}"),
        ),
        16 => ("min_period_days", format!("{}", v % 7)),
        _ => (
            "timezone",
            ["Asia/Shanghai", "Asia/Urumqi", "UTC"][v as usize % 3].into(),
        ),
    }
}

/// Front-matter fields a random edit can set on a notice: every key a notice of any kind can
/// carry that shows on a page or moves the notice on the board.
fn field(field: u8, v: u8) -> (&'static str, String) {
    match field % 16 {
        0 => ("summary", format!("概述{v}")),
        1 => ("doc_no", format!("校发〔2026〕{v}号")),
        2 => (
            "period",
            format!("{{start: 2026-11-{:02}, days: {}}}", v % 28 + 1, v % 5 + 1),
        ),
        3 => (
            "contact",
            format!("{{office: 监督室{v}, phone: 0571-8866000{}}}", v % 10),
        ),
        4 => ("department", format!("部门{}", v % 3)),
        5 => (
            "validity",
            ["有效", "失效", "废止", "已修订"][v as usize % 4].into(),
        ),
        6 => (
            "outcome",
            if v.is_multiple_of(2) {
                "no_objection".into()
            } else {
                format!("{{result: amended, note: 说明{v}}}")
            },
        ),
        7 => ("expires", format!("2026-{:02}-15", v % 12 + 1)),
        8 => ("draft", v.is_multiple_of(3).to_string()),
        9 => ("audience", ["public", "staff"][v as usize % 2].into()),
        10 => (
            "revisions",
            format!("[{{date: 2026-11-{:02}, note: 修订{v}}}]", v % 28 + 1),
        ),
        11 => ("decision_ref", format!("校发〔2026〕{}号", v % 7)),
        12 => ("index_no", format!("T-2026-{:04}", v % 50)),
        13 => ("slug", format!("s{}", v % 9)),
        14 => ("corrects", format!("s{}", v % 9)),
        _ => ("title", format!("标题{v}")),
    }
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..8usize, any::<u8>()).prop_map(|(i, v)| Edit::Body(i, v)),
        (0..8usize, any::<u8>()).prop_map(|(i, v)| Edit::Title(i, v)),
        (0..8usize, any::<u8>()).prop_map(|(i, v)| Edit::Date(i, v)),
        (0..8usize, any::<u8>()).prop_map(|(i, v)| Edit::Kind(i, v)),
        (0..8usize, any::<u8>()).prop_map(|(i, v)| Edit::Tags(i, v)),
        (0..8usize, any::<u8>(), any::<u8>()).prop_map(|(i, f, v)| Edit::Field(i, f, v)),
        (0..8usize, any::<u8>(), any::<u8>()).prop_map(|(i, f, v)| Edit::Field(i, f, v)),
        any::<u8>().prop_map(Edit::Add),
        (0..8usize).prop_map(Edit::Delete),
        (0..8usize).prop_map(Edit::Rename),
        (0..8usize).prop_map(Edit::Break),
        (any::<u8>(), any::<u8>()).prop_map(|(f, v)| Edit::Setting(f, v)),
        (any::<u8>(), any::<u8>()).prop_map(|(f, v)| Edit::Setting(f, v)),
        any::<u8>().prop_map(Edit::Day),
        any::<u8>().prop_map(Edit::Template),
        any::<u8>().prop_map(Edit::Static),
        any::<u8>().prop_map(Edit::Guide),
    ]
}

const KINDS: [&str; 4] = ["finance", "evaluation", "selection", "notice"];
const TAGS: [&str; 4] = ["收费公示", "评优评先", "安全管理", "教代会"];

fn notice(title: &str, kind: &str, day: u8, tag: &str, body: &str) -> String {
    format!(
        "---\ntitle: {title}\nkind: {kind}\ndate: 2026-{:02}-{:02}\ndepartment: 办公室{}\ntags: [{tag}]\n---\n\n{body}\n",
        day % 11 + 1,
        day % 27 + 1,
        day % 3
    )
}

struct Site {
    root: PathBuf,
    next: u32,
    /// site.yaml as key → value.
    settings: BTreeMap<&'static str, String>,
    /// The day the board is built for.
    now: jiff::civil::Date,
}

impl Site {
    fn notices(&self) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = walkdir::WalkDir::new(self.root.join("content"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
            .map(|e| e.into_path())
            .collect();
        v.sort();
        v
    }

    fn pick(&self, i: usize) -> Option<PathBuf> {
        let n = self.notices();
        (!n.is_empty()).then(|| n[i % n.len()].clone())
    }

    fn replace_line(path: &Path, prefix: &str, line: &str) {
        let text = std::fs::read_to_string(path).unwrap();
        let out: Vec<String> = text
            .lines()
            .map(|l| {
                if l.starts_with(prefix) {
                    line.to_string()
                } else {
                    l.to_string()
                }
            })
            .collect();
        std::fs::write(path, out.join("\n") + "\n").unwrap();
    }

    /// Applies an edit and returns the file events it caused.
    fn apply(&mut self, e: &Edit) -> Vec<(EventKind, Vec<PathBuf>)> {
        use EventKind::*;
        let modify = |p: PathBuf| vec![(Modify, vec![p])];
        match e {
            Edit::Body(i, v) => self.pick(*i).map_or(vec![], |p| {
                let mut t = std::fs::read_to_string(&p).unwrap();
                t.push_str(&format!("\n新增段落{v}。\n"));
                std::fs::write(&p, t).unwrap();
                modify(p)
            }),
            Edit::Title(i, v) => self.pick(*i).map_or(vec![], |p| {
                Self::replace_line(&p, "title:", &format!("title: 修改后的标题{v}"));
                modify(p)
            }),
            Edit::Date(i, v) => self.pick(*i).map_or(vec![], |p| {
                Self::replace_line(
                    &p,
                    "date:",
                    &format!("date: 2026-{:02}-{:02}", v % 12 + 1, v % 28 + 1),
                );
                modify(p)
            }),
            Edit::Kind(i, v) => self.pick(*i).map_or(vec![], |p| {
                Self::replace_line(&p, "kind:", &format!("kind: {}", KINDS[*v as usize % 4]));
                modify(p)
            }),
            Edit::Tags(i, v) => self.pick(*i).map_or(vec![], |p| {
                Self::replace_line(
                    &p,
                    "tags:",
                    &format!(
                        "tags: [{}, {}]",
                        TAGS[*v as usize % 4],
                        TAGS[(*v as usize + 1) % 4]
                    ),
                );
                modify(p)
            }),
            Edit::Field(i, f, v) => self.pick(*i).map_or(vec![], |p| {
                let (key, value) = field(*f, *v);
                let text = std::fs::read_to_string(&p).unwrap();
                // Set the field in the front matter: replace its line, or add it after `title:`.
                let prefix = format!("{key}:");
                let line = format!("{key}: {value}");
                let out = if text.lines().any(|l| l.starts_with(&prefix)) {
                    text.lines()
                        .map(|l| {
                            if l.starts_with(&prefix) {
                                line.as_str()
                            } else {
                                l
                            }
                        })
                        .collect::<Vec<_>>()
                        .join("\n")
                        + "\n"
                } else {
                    text.replacen("\ntitle:", &format!("\n{line}\ntitle:"), 1)
                };
                std::fs::write(&p, out).unwrap();
                modify(p)
            }),
            Edit::Add(v) => {
                self.next += 1;
                let p = self
                    .root
                    .join(format!("content/sub{}/new-{}.md", v % 3, self.next));
                std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                std::fs::write(
                    &p,
                    notice(
                        &format!("新通知{v}"),
                        KINDS[*v as usize % 4],
                        *v,
                        TAGS[*v as usize % 4],
                        "正文",
                    ),
                )
                .unwrap();
                vec![(Create, vec![p])]
            }
            Edit::Delete(i) => self.pick(*i).map_or(vec![], |p| {
                std::fs::remove_file(&p).unwrap();
                vec![(Remove, vec![p])]
            }),
            Edit::Rename(i) => self.pick(*i).map_or(vec![], |p| {
                self.next += 1;
                let to = p.with_file_name(format!("renamed-{}.md", self.next));
                std::fs::rename(&p, &to).unwrap();
                vec![(Rename, vec![p, to])]
            }),
            Edit::Break(i) => self.pick(*i).map_or(vec![], |p| {
                Self::replace_line(&p, "kind:", "kind: nonsense");
                modify(p)
            }),
            Edit::Setting(f, v) => {
                let (key, value) = setting(*f, *v);
                self.settings.insert(key, value);
                let p = self.root.join("site.yaml");
                let text: String = self
                    .settings
                    .iter()
                    .map(|(k, v)| format!("{k}: {v}\n"))
                    .collect();
                std::fs::write(&p, text).unwrap();
                modify(p)
            }
            Edit::Day(v) => {
                // Days around the notices' periods, and across a school year's start.
                self.now = jiff::civil::date(2026, 1, 1)
                    .checked_add(jiff::Span::new().days(i64::from(*v) * 2))
                    .unwrap();
                vec![]
            }
            Edit::Template(v) => {
                let p = self.root.join("templates/terms.html");
                std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                std::fs::write(&p, format!("{{% extends \"base.html\" %}}{{% block content %}}<h1>{{{{ page.title }}}}{v}</h1>{{% for term in terms %}}<p>{{{{ term.name }}}}</p>{{% endfor %}}{{% endblock content %}}\n")).unwrap();
                modify(p)
            }
            Edit::Static(v) => {
                let p = self.root.join("static/site.css");
                std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                std::fs::write(&p, format!("body {{ margin: {v}px; }}\n")).unwrap();
                vec![(Create, vec![p])]
            }
            Edit::Guide(v) => {
                let p = self.root.join("content/_guide.md");
                if v.is_multiple_of(4) {
                    if !p.exists() {
                        return vec![];
                    }
                    std::fs::remove_file(&p).unwrap();
                    return vec![(Remove, vec![p])];
                }
                std::fs::write(&p, format!("## 说明{v}\n\n档案室可查阅第{v}卷。\n")).unwrap();
                modify(p)
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn incremental_equals_full(edits in prop::collection::vec(edit(), 1..10)) {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("site.yaml"), "title: 公开栏\nschool_code: T\n").unwrap();
        for i in 0..6u8 {
            std::fs::write(root.join(format!("content/n{i}.md")), notice(&format!("通知{i}"), KINDS[i as usize % 4], i * 7, TAGS[i as usize % 4], "正文")).unwrap();
        }
        let settings = [("title", "公开栏".to_string()), ("school_code", "T".to_string())].into_iter().collect();
        let mut site = Site { root: root.clone(), next: 0, settings, now: "2026-11-28".parse().unwrap() };
        let layout = Layout { root: std::path::absolute(&root).unwrap(), theme: "default".into(), ignored: vec![root.join("public")] };
        let mut session = Session::new(opts(&root));
        prop_assert!(session.rebuild(&gongkai::watch::Change::Everything).is_ok());
        for e in &edits {
            let events = site.apply(e);
            let change = match classify(&layout, &events) {
                Some(change) => change,
                // A new day: serve notices it by itself (see watch::run_loop) and rebuilds.
                None if matches!(e, Edit::Day(_)) => {
                    let before = session.day();
                    session.set_day(site.now);
                    // A new day is a change of the world (what serve's minute check looks at).
                    if before != site.now {
                        prop_assert!(session.world_changed());
                    }
                    gongkai::watch::Change::Everything
                }
                None => continue,
            };
            let incremental = session.rebuild(&change);
            let full = full_build_on(&root, site.now);
            match (incremental, full) {
                (Ok(_), Ok(files)) => {
                    let mem: BTreeMap<String, Vec<u8>> = session.files().iter().map(|(k, v)| (k.to_string(), v.to_vec())).collect();
                    prop_assert_eq!(mem.keys().collect::<Vec<_>>(), files.keys().collect::<Vec<_>>(), "after {:?}", e);
                    for (k, v) in &files {
                        prop_assert!(&mem[k] == v, "{} differs after {:?}", k, e);
                    }
                    // The identities watch records (gongkai.lock) are a full build's too.
                    let full = gongkai::load(&opts_on(&root, site.now)).board.registry.to_text();
                    let ours = session.registry().map(|r| r.to_text()).unwrap_or_default();
                    prop_assert!(ours == full, "gongkai.lock differs after {:?}:\n{}\n---\n{}", e, ours, full);
                }
                (Err(_), Err(())) => {}
                (a, b) => prop_assert!(false, "incremental ok={} but full ok={} after {:?}", a.is_ok(), b.is_ok(), e),
            }
        }
    }
}

#[test]
fn one_changed_notice_re_renders_only_the_pages_that_show_it() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("site.yaml"), "title: 公开栏\nschool_code: T\n").unwrap();
    for i in 0..30u8 {
        let tag = TAGS[i as usize % 4];
        std::fs::write(
            root.join(format!("content/n{i:02}.md")),
            notice(&format!("通知{i}"), KINDS[i as usize % 4], i, tag, "正文"),
        )
        .unwrap();
    }
    let mut session = Session::new(opts(&root));
    let first = session
        .rebuild(&gongkai::watch::Change::Everything)
        .unwrap();
    assert_eq!(
        first.stats.rendered, first.stats.pages,
        "the first build renders every page"
    );
    // A body edit changes the notice's page (and the feeds, which carry bodies) only.
    let p = root.join("content/n05.md");
    let text = std::fs::read_to_string(&p)
        .unwrap()
        .replace("正文", "更正后的正文");
    std::fs::write(&p, text).unwrap();
    let change =
        gongkai::watch::Change::Content([std::path::absolute(&p).unwrap()].into_iter().collect());
    let o = session.rebuild(&change).unwrap();
    assert_eq!(o.stats.rendered, 1, "{:?}", o.written);
    // The page, the site's feeds and its kind's (which carry bodies) and the search index; no
    // list, and no other kind's feed.
    assert!(
        o.written.starts_with(
            &[
                "atom.xml",
                "evaluation/atom.xml",
                "feed.json",
                "notices/n05.html"
            ]
            .map(String::from)
        ),
        "{:?}",
        o.written
    );
    assert!(
        o.written[4..].iter().all(|w| w.starts_with("search/")),
        "{:?}",
        o.written
    );
    // A title edit also changes every list that shows the notice, not the others.
    let text = std::fs::read_to_string(&p)
        .unwrap()
        .replace("title: 通知5", "title: 通知五");
    std::fs::write(&p, text).unwrap();
    let o = session.rebuild(&change).unwrap();
    assert!(
        o.written
            .contains(&"years/2025-2026/index.html".to_string()),
        "{:?}",
        o.written
    );
    assert!(
        o.written.iter().all(|w| !w.starts_with("notices/n06")),
        "{:?}",
        o.written
    );
    assert!(
        o.stats.rendered < 12,
        "{} pages rendered for one title: {:?}",
        o.stats.rendered,
        o.written
    );
}

#[test]
fn watch_saving_the_identities_does_not_make_the_next_edit_a_full_rebuild() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("site.yaml"), "title: 公开栏\nschool_code: T\n").unwrap();
    for i in 0..10u8 {
        std::fs::write(
            root.join(format!("content/n{i:02}.md")),
            notice(
                &format!("通知{i}"),
                KINDS[i as usize % 4],
                i,
                TAGS[0],
                "正文",
            ),
        )
        .unwrap();
    }
    let mut session = Session::new(opts(&root));
    session
        .rebuild(&gongkai::watch::Change::Everything)
        .unwrap();
    let p = std::path::absolute(root.join("content/n03.md")).unwrap();
    let change = || gongkai::watch::Change::Content([p.clone()].into_iter().collect());
    for round in 0..3 {
        let text = std::fs::read_to_string(&p).unwrap();
        std::fs::write(&p, text + &format!("\n第{round}段。\n")).unwrap();
        let o = session.rebuild(&change()).unwrap();
        assert_eq!(o.stats.rendered, 1, "round {round}: {:?}", o.written);
        // What watch does after each rebuild: record the identities (the file's hash changed).
        session.registry().unwrap().save(&root).unwrap();
        session.registry_saved();
        assert!(!session.world_changed());
    }
}
