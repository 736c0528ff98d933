//! The house: imports point one way down the pipeline. Reads the `crate::` paths of every file
//! under src/ and fails on an import that points up a layer (which is also what every import
//! cycle needs). The layers, bottom first, are the README's Architecture section.

use std::collections::BTreeMap;
use std::path::Path;

/// Every part of the crate, bottom layer first. A part may import parts of lower layers only.
const LAYERS: &[&[&str]] = &[
    // Knows no domain module.
    &["diagnostics", "digest", "paths", "timings"],
    &["yaml", "calendar"],
    // load: settings, then files → notices (no checks).
    &["config"],
    &["content"],
    // model: what the archives hold, then the board.
    &["archive"],
    &["board"],
    // check: one stage over the model, returning findings.
    &["check"],
    // render: the theme, the one output sink it writes through, then the pages.
    &["theme"],
    &["output"],
    &["render"],
    // The pipeline (lib.rs), then the commands on top of it.
    &["lib"],
    &["archive::create", "scaffold", "watch"],
    &["serve"],
    &["bin"],
];

/// Top-level names of lib.rs's own items (the pipeline's functions and types).
const LIB_ITEMS: &[&str] = &[
    "BuildOptions",
    "BuildReport",
    "BuildError",
    "Loaded",
    "load",
    "selection",
    "assemble",
    "registry",
    "guide",
    "build_into",
    "check",
    "print",
    "build",
];

/// Every `.rs` file under src/: its path there (with `/`) and its text.
fn rust_files() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    walkdir::WalkDir::new(&src)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

fn part_of(rel: &str) -> String {
    match rel {
        "lib.rs" => "lib".into(),
        "main.rs" | "cli.rs" => "bin".into(),
        "archive/create.rs" => "archive::create".into(),
        _ => rel
            .split('/')
            .next()
            .unwrap()
            .trim_end_matches(".rs")
            .to_string(),
    }
}

/// The parts a file's code names through `crate::` (`crate::a::b`, `crate::{a, b::c}`), and
/// `super::` from a file directly under a part (its own part, or lib for a top-level file).
fn imports(text: &str) -> Vec<String> {
    // Test modules may use anything.
    let code = text.split("#[cfg(test)]\nmod tests").next().unwrap();
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.push(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.push(name);
        }
    }
    out
}

fn target_part(name: &str, parts: &[&str]) -> Option<String> {
    if LIB_ITEMS.contains(&name) {
        // `crate::check` is the check module, not lib's `check` function, when it is a part.
        if parts.contains(&name) {
            return Some(name.to_string());
        }
        return Some("lib".into());
    }
    parts.contains(&name).then(|| name.to_string())
}

#[test]
fn imports_point_down_the_pipeline() {
    let rank: BTreeMap<&str, usize> = LAYERS
        .iter()
        .enumerate()
        .flat_map(|(i, layer)| layer.iter().map(move |p| (*p, i)))
        .collect();
    let parts: Vec<&str> = rank.keys().copied().collect();
    let mut wrong = Vec::new();
    for (rel, text) in rust_files() {
        let from = part_of(&rel);
        let Some(&from_rank) = rank.get(from.as_str()) else {
            wrong.push(format!("{rel}: the part `{from}` is in no layer"));
            continue;
        };
        for name in imports(&text) {
            let Some(to) = target_part(&name, &parts) else {
                continue;
            };
            if to == from || (from == "archive::create" && to == "archive") {
                continue;
            }
            let to_rank = rank[to.as_str()];
            if to_rank >= from_rank {
                wrong.push(format!("{rel} ({from}) imports {to}: up the pipeline"));
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_import_check_sees_an_upward_import() {
    assert_eq!(
        imports("use crate::{board, config::Site};"),
        ["board", "config"]
    );
    assert_eq!(
        imports("let x = crate::render::markdown::to_html(s);"),
        ["render"]
    );
    assert_eq!(part_of("archive/create.rs"), "archive::create");
    assert_eq!(part_of("content/data/finance.rs"), "content");
    let parts = ["check", "render"];
    assert_eq!(target_part("check", &parts).as_deref(), Some("check"));
    assert_eq!(target_part("load", &parts).as_deref(), Some("lib"));
}

/// Findings that compare figures (a declared total against the computed one, a count against
/// what the ballots or the places allow) are raised by the check stage only: loading reads and
/// computes, it does not judge whether the figures agree.
#[test]
fn figures_are_compared_in_the_check_stage_only() {
    let mut wrong = Vec::new();
    for (rel, text) in rust_files() {
        if rel.starts_with("check/") || rel == "diagnostics.rs" || rel.starts_with("diagnostics/") {
            continue;
        }
        for raised in ["Problem::Inconsistent", "Problem::DeclaredMismatch"] {
            if text.contains(raised) {
                wrong.push(format!("{rel} raises {raised}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
