//! `gongkai archive YEAR`: renders one school year's board (public notices only) into
//! `archive/YEAR/` through a staging folder, records the sources it came from and writes the
//! manifest; optionally bundles it as a `.tar.gz` for the records office.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{ARCHIVE_DIR, MANIFEST, SOURCES, files_under, manifest_text, sha256_hex};
use crate::calendar::SchoolYear;
use crate::content::{self, Audience};
use crate::diagnostics::{Diagnostic, Diagnostics, display_path};
use crate::output::{Output, StagingDir};
use crate::{BuildOptions, board, config, render, theme::Theme};

#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error("`{0}` is not a school year such as 2024-2025")]
    BadYear(String),
    #[error("{0} is already archived; an archive is never overwritten")]
    Exists(PathBuf),
    #[error("no public notices belong to the school year {0}")]
    Empty(String),
    #[error(
        "the school year {year} has not ended: it runs until {last_day}, and archiving freezes it for good; archive it after that day, or give the reason with --force \"REASON\""
    )]
    NotEnded { year: String, last_day: String },
    #[error(
        "{count} notice(s) of {year} are still open for objections: {list}; archive the year after their periods end, or give the reason with --force \"REASON\""
    )]
    StillOpen {
        year: String,
        count: usize,
        list: String,
    },
    #[error("--force needs a reason, e.g. --force \"提前归档：学校合并\"")]
    NoReason,
    #[error("{} error(s) in the site", .0.len())]
    Content(Vec<Diagnostic>),
    #[error(transparent)]
    Output(#[from] crate::output::OutputError),
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
}

impl ArchiveError {
    /// The error in `lang` (the English is its `Display`).
    pub fn told(&self, lang: crate::diagnostics::Lang) -> String {
        use crate::diagnostics::Lang;
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            ArchiveError::BadYear(y) => format!("`{y}` 不是 2024-2025 这样的学年"),
            ArchiveError::Exists(p) => format!("{} 已经归档；归档永不覆盖", p.display()),
            ArchiveError::Empty(y) => format!("{y} 学年没有公开的公示"),
            ArchiveError::NotEnded { year, last_day } => format!(
                "{year} 学年还没有结束（到 {last_day} 为止），归档后将永久冻结；请在该日之后归档，或用 --force \"理由\" 写明提前归档的理由"
            ),
            ArchiveError::StillOpen { year, count, list } => format!(
                "{year} 有 {count} 份公示仍在公示期内：{list}；请在公示期结束后归档，或用 --force \"理由\" 写明理由"
            ),
            ArchiveError::NoReason => {
                "--force 需要写明理由，如 --force \"提前归档：学校合并\"".into()
            }
            ArchiveError::Content(d) => format!("网站有 {} 个错误", d.len()),
            ArchiveError::Output(e) => e.told(lang),
            ArchiveError::Io(p, e) => format!("{}：{}", p.display(), crate::diagnostics::io_zh(e)),
        }
    }
}

/// What was archived.
#[derive(Debug)]
pub struct Archived {
    pub dir: PathBuf,
    pub notices: usize,
    pub files: usize,
    pub bundle: Option<PathBuf>,
}

/// The file of an archive that records why it was made with `--force`.
pub const REASON: &str = "REASON.txt";

/// Archives the school year `year` of the site in `opts.root`. A year that has not ended as of
/// `opts.now`, or that has notices still open, is refused unless `force` gives the reason.
pub fn archive(
    opts: &BuildOptions,
    year: &str,
    bundle: bool,
    force: Option<&str>,
) -> Result<Archived, ArchiveError> {
    if force.is_some_and(|r| r.trim().is_empty()) {
        return Err(ArchiveError::NoReason);
    }
    let year_ = SchoolYear::parse(year).ok_or_else(|| ArchiveError::BadYear(year.to_string()))?;
    let label = year_.label();
    let root = std::path::absolute(&opts.root).unwrap_or_else(|_| opts.root.clone());
    let dir = root.join(ARCHIVE_DIR).join(&label);
    if dir.exists() {
        return Err(ArchiveError::Exists(dir));
    }
    let mut diags = Diagnostics::new();
    let mut site = config::load(&root, &mut diags);
    if let Some(url) = &opts.base_url {
        site.config.base_url = url.clone();
    }
    // The archive is published under /archive/YEAR/ of the live site.
    let base = site.base_url();
    if !base.is_empty() {
        site.config.base_url = format!("{base}{ARCHIVE_DIR}/{label}/");
    }
    let theme = Theme::load(&root, &site, &mut diags);
    let checks = |n: &content::Notice, text: &str, d: &mut Diagnostics| {
        crate::check::notice(&root, &site, n, text, d)
    };
    let notices: Vec<Arc<content::Notice>> = content::load(&root, &site, &checks, &mut diags)
        .into_iter()
        .map(|(n, _)| Arc::new(n))
        .collect();
    // A tampered archive stops the archiving too.
    let archives = super::find_checked(&root, &mut diags);
    let mut selection = crate::selection(opts, &site, &archives);
    let running = SchoolYear::of(selection.now, site.year_start).label();
    crate::check::archive::sources(&root, &notices, &archives, &running, &mut diags);
    selection.audience = Audience::Public;
    selection.drafts = false;
    selection.preview = false;
    selection.only_year = Some(year_);
    let known = crate::registry(&root, &mut diags);
    let mut board = board::assemble(notices, &site, &selection, known, &mut diags);
    board.guide = crate::guide(&root, &site, &mut diags);
    crate::check::links::across(&board, &mut diags);
    crate::check::corrections::check(&board, &mut diags);
    if diags.has_errors() {
        return Err(ArchiveError::Content(diags.sorted()));
    }
    if board.entries.is_empty() {
        return Err(ArchiveError::Empty(label));
    }
    let next_year_starts = jiff::civil::date(year_.0 + 1, site.year_start.0, site.year_start.1);
    if force.is_none() && board.now < next_year_starts {
        let last_day = next_year_starts.yesterday().unwrap_or(next_year_starts);
        return Err(ArchiveError::NotEnded {
            year: label,
            last_day: last_day.to_string(),
        });
    }
    let open: Vec<String> = board
        .entries
        .iter()
        .filter(|e| e.status.is_open())
        .map(|e| format!("{} ({})", e.notice.title, e.notice.rel))
        .collect();
    if force.is_none() && !open.is_empty() {
        return Err(ArchiveError::StillOpen {
            year: label,
            count: open.len(),
            list: open.join("; "),
        });
    }
    // The archive folder is the one place inside the site's sources that gongkai writes to.
    let staging = StagingDir::for_archive(&dir)?;
    render::render_site(&site, &board, &theme, &staging, None).map_err(ArchiveError::Content)?;

    // The sources: each notice file and the CSVs and attachments it uses.
    let mut sources = BTreeMap::new();
    for e in &board.entries {
        let n = &e.notice;
        sources.insert(n.rel.clone(), n.source_hash.clone());
        let extra = n
            .attachments
            .iter()
            .map(|a| a.source.clone())
            .chain(n.data_sources.iter().cloned());
        for path in extra {
            let bytes = std::fs::read(&path).map_err(|e| ArchiveError::Io(path.clone(), e))?;
            sources.insert(display_path(&root, &path), sha256_hex(&bytes));
        }
    }
    staging.write(SOURCES, manifest_text(&sources).as_bytes())?;
    if let Some(reason) = force {
        let text = format!(
            "archived on {} before the school year ended or with notices open, with --force: {}\n",
            board.now,
            reason.trim()
        );
        staging.write(REASON, text.as_bytes())?;
    }
    staging.flush()?;
    let manifest = manifest_of(staging.path())?;
    staging.write(MANIFEST, manifest_text(&manifest).as_bytes())?;
    let files = manifest.len() + 1;
    staging.commit()?;
    // The registry ties each archived notice's identity to its archive.
    let mut registry = board.registry.clone();
    for e in &board.entries {
        if let Some(mut r) = registry.get(&e.slug).cloned() {
            r.archived = Some(label.clone());
            registry.insert(r);
        }
    }
    registry
        .save(&root)
        .map_err(|e| ArchiveError::Io(root.join(crate::board::registry::FILE), e))?;
    let bundle = if bundle {
        Some(write_bundle(&dir)?)
    } else {
        None
    };
    Ok(Archived {
        dir,
        notices: board.entries.len(),
        files,
        bundle,
    })
}

/// SHA-256 of every file below `dir` except the manifest itself.
pub fn manifest_of(dir: &Path) -> Result<BTreeMap<String, String>, ArchiveError> {
    files_under(dir)
        .into_iter()
        .filter(|rel| rel != MANIFEST)
        .map(|rel| {
            let path = dir.join(&rel);
            let bytes = std::fs::read(&path).map_err(|e| ArchiveError::Io(path, e))?;
            Ok((rel, sha256_hex(&bytes)))
        })
        .collect()
}

/// `archive/YEAR.tar.gz`: the archive folder with its manifest, entries sorted, times and owners
/// fixed, so the same archive always gives the same bundle.
fn write_bundle(dir: &Path) -> Result<PathBuf, ArchiveError> {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let out = dir.with_file_name(format!("{name}.tar.gz"));
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |e| ArchiveError::Io(p, e)
    };
    let file = std::fs::File::create(&out).map_err(io(&out))?;
    let gz = flate2::write::GzEncoder::new(file, flate2::Compression::default());
    let mut tar = tar::Builder::new(gz);
    tar.mode(tar::HeaderMode::Deterministic);
    for rel in files_under(dir) {
        let path = dir.join(&rel);
        let bytes = std::fs::read(&path).map_err(io(&path))?;
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(0);
        header.set_cksum();
        tar.append_data(&mut header, format!("{name}/{rel}"), bytes.as_slice())
            .map_err(io(&out))?;
    }
    let gz = tar.into_inner().map_err(io(&out))?;
    gz.finish().map_err(io(&out))?;
    Ok(out)
}
