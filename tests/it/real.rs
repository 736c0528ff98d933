//! The corpus of real notices (issue 16, item 1): 42 published school notices
//! (tests/fixtures/real/sources/), each expressed as a gongkai notice in
//! tests/fixtures/real/site/, with what each must show and report in
//! tests/fixtures/real/expected.yaml. `check --strict` reports exactly the real inconsistencies
//! each source names, nothing else; every other notice builds and its page shows every figure of
//! its source; a notice with a real error fails alone, naming both figures.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::support::{Site, fixture_dir, stderr, stdout};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    unexpressed: Vec<Unexpressed>,
    /// By notice file, relative to the site's content/.
    notices: BTreeMap<String, Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Unexpressed {
    source: String,
    why: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    source: String,
    figures: Vec<String>,
    findings: Vec<String>,
    not_expressed: Vec<String>,
}

fn expected() -> Expected {
    let path = fixture_dir("real/expected.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn corpus() -> Site {
    Site::fixture("real/site")
}

/// One finding of `check --format json`.
struct Finding {
    severity: String,
    file: String,
    message: String,
}

/// `gongkai check --strict --format json` on the site: its findings.
fn check(site: &Site) -> Vec<Finding> {
    let out = site.run(&[
        "check",
        "--strict",
        "--format",
        "json",
        "--now",
        "2026-11-28",
    ]);
    stdout(&out)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("not a JSON finding: {l}: {e}\n{}", stderr(&out)));
            let text = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            Finding {
                severity: text("severity"),
                file: text("file"),
                message: text("message"),
            }
        })
        .collect()
}

/// The notice file a finding is about (`content/x.md` → `x.md`), or the whole path when it is
/// no notice's (which no expected finding allows).
fn notice_of(file: &str) -> &str {
    file.strip_prefix("content/").unwrap_or(file)
}

/// The source's `checks:` (its known inconsistencies), from its YAML header.
fn source_checks(source: &str) -> Vec<String> {
    let text = std::fs::read_to_string(fixture_dir("real").join(source)).unwrap();
    let header = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map(|(h, _)| h)
        .unwrap_or_else(|| panic!("{source}: no YAML header"));
    let v: serde_yaml::Value = serde_yaml::from_str(header).unwrap();
    v["checks"]
        .as_sequence()
        .unwrap_or_else(|| panic!("{source}: no `checks:`"))
        .iter()
        .map(|c| c.as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn every_source_is_expressed_or_said_why_not() {
    let e = expected();
    let sources: BTreeSet<String> = std::fs::read_dir(fixture_dir("real/sources"))
        .unwrap()
        .map(|d| format!("sources/{}", d.unwrap().file_name().to_string_lossy()))
        .collect();
    let mut accounted = BTreeSet::new();
    for (file, entry) in &e.notices {
        assert!(
            fixture_dir("real/site/content").join(file).is_file(),
            "expected.yaml names {file}, which is not in site/content/"
        );
        assert!(
            sources.contains(&entry.source),
            "{file}: no source {}",
            entry.source
        );
        assert!(
            accounted.insert(entry.source.clone()),
            "{} is expressed twice",
            entry.source
        );
        assert!(!entry.figures.is_empty(), "{file}: no figures to look for");
        // A finding must be a real inconsistency of the source: one its `checks:` names.
        if !entry.findings.is_empty() {
            assert!(
                !source_checks(&entry.source).is_empty(),
                "{file}: findings expected but {} names no inconsistency",
                entry.source
            );
        }
        for gap in &entry.not_expressed {
            assert!(!gap.trim().is_empty(), "{file}: an empty not_expressed");
        }
    }
    for u in &e.unexpressed {
        assert!(sources.contains(&u.source), "no source {}", u.source);
        assert!(!u.why.trim().is_empty(), "{}: say why", u.source);
        assert!(
            accounted.insert(u.source.clone()),
            "{} is both expressed and not",
            u.source
        );
    }
    let missing: Vec<_> = sources.difference(&accounted).collect();
    assert!(
        missing.is_empty(),
        "sources neither expressed nor listed as unexpressed: {missing:?}"
    );
    // Every notice of the site is in expected.yaml.
    for d in std::fs::read_dir(fixture_dir("real/site/content")).unwrap() {
        let name = d.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            e.notices.contains_key(&name),
            "site/content/{name} is not in expected.yaml"
        );
    }
}

#[test]
fn check_strict_reports_exactly_the_real_inconsistencies() {
    let e = expected();
    let site = corpus();
    let findings = check(&site);
    let mut by_file: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in &findings {
        by_file.entry(notice_of(&f.file)).or_default().push(f);
    }
    let mut problems = Vec::new();
    for (file, reported) in &by_file {
        let Some(entry) = e.notices.get(*file) else {
            for f in reported {
                problems.push(format!(
                    "{}: unexpected {}: {}",
                    f.file, f.severity, f.message
                ));
            }
            continue;
        };
        for f in reported {
            if !entry
                .findings
                .iter()
                .any(|x| f.message.contains(x.as_str()))
            {
                problems.push(format!(
                    "{}: {} that is no real inconsistency of {}: {}",
                    f.file, f.severity, entry.source, f.message
                ));
            }
        }
    }
    for (file, entry) in &e.notices {
        let reported = by_file.get(file.as_str()).cloned().unwrap_or_default();
        for x in &entry.findings {
            if !reported.iter().any(|f| f.message.contains(x.as_str())) {
                problems.push(format!("content/{file}: not reported: {x}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn each_notice_that_builds_shows_every_figure_of_its_source() {
    let e = expected();
    let site = corpus();
    let failing: BTreeSet<String> = check(&site)
        .into_iter()
        .filter(|f| f.severity == "error")
        .map(|f| notice_of(&f.file).to_string())
        .collect();
    for file in &failing {
        site.remove(&format!("content/{file}"));
    }
    let out = site.build_ok(&[]);
    assert!(
        !stderr(&out).contains("warning"),
        "the corpus builds with warnings:\n{}",
        stderr(&out)
    );
    let mut missing = Vec::new();
    for (file, entry) in e.notices.iter().filter(|(f, _)| !failing.contains(*f)) {
        let page = site.read(&format!("notices/{}.html", file.trim_end_matches(".md")));
        for figure in &entry.figures {
            if !page.contains(figure.as_str()) {
                missing.push(format!(
                    "notices/{}.html: {figure}",
                    file.trim_end_matches(".md")
                ));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "figures missing from the pages:\n{}",
        missing.join("\n")
    );
}

#[test]
fn a_notice_with_a_real_error_fails_alone_and_names_both_figures() {
    let e = expected();
    let all: Vec<&String> = e.notices.keys().collect();
    let failing: Vec<(&String, &Entry)> = e
        .notices
        .iter()
        .filter(|(_, entry)| !entry.findings.is_empty())
        .collect();
    assert!(!failing.is_empty());
    for (file, entry) in failing {
        let site = corpus();
        for other in all.iter().filter(|f| **f != file) {
            site.remove(&format!("content/{other}"));
        }
        let out = site.build(&[]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{file} built:\n{err}");
        assert!(
            !site.root.join("public").exists(),
            "{file}: output written despite errors"
        );
        for needle in entry.findings.iter().chain(&entry.figures) {
            assert!(
                err.contains(&format!("content/{file}:")) && err.contains(needle.as_str()),
                "{file}: missing `{needle}` in:\n{err}"
            );
        }
    }
}
