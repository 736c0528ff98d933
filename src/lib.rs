//! gongkai (公开): a static site generator for school transparency boards (校务公开栏).
//!
//! The pipeline, one module per stage:
//! load ([`config`], [`content`]) → model ([`board`]) → render ([`render`], [`theme`]) → write
//! ([`output`]). [`build`] runs it for the `build` command; the other commands sit on top.

// Diagnostics are large (span, source line, hint data) but only travel on the error path.
#![allow(clippy::result_large_err)]

/// A log line on standard output; a closed terminal or pipe must not stop a long-running server.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// A line on standard error, never failing.
macro_rules! say_err {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// Text on standard error without a newline, never failing.
macro_rules! say_err_raw {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($arg)*);
    }};
}

pub mod archive;
pub mod board;
pub mod calendar;
pub mod check;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod digest;
pub mod output;
pub mod paths;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod theme;
pub mod timings;
pub mod watch;
pub mod yaml;

use std::path::PathBuf;

use jiff::civil::Date;
use rayon::prelude::*;

use board::{Board, Selection};
use config::Site;
use content::Audience;
use diagnostics::{Diagnostic, Diagnostics, Severity};
use output::{Output, OutputError, StagingDir};
use theme::Theme;

/// What to build, as the command line says it.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `ROOT/public` (`ROOT/public-staff` for a staff build).
    pub output: Option<PathBuf>,
    /// Defaults to today in the site's time zone.
    pub now: Option<Date>,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub audience: Audience,
    /// List notices not yet published, with a banner (the preview server).
    pub preview: bool,
    /// Replace a non-empty output folder that gongkai did not write.
    pub force: bool,
    /// The language of messages (`--lang`); by default the site's.
    pub lang: Option<diagnostics::Lang>,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            now: None,
            base_url: None,
            drafts: false,
            audience: Audience::Public,
            preview: false,
            force: false,
            lang: None,
        }
    }

    /// The language findings and messages are told in: `--lang`, else the site's `language:`.
    pub fn message_lang(&self) -> diagnostics::Lang {
        self.lang.unwrap_or_else(|| {
            let mut ignored = Diagnostics::new();
            let root = std::path::absolute(&self.root).unwrap_or_else(|_| self.root.clone());
            lang_of(config::load(&root, &mut ignored).config.language)
        })
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output.clone().unwrap_or_else(|| {
            self.root.join(match self.audience {
                Audience::Public => "public",
                Audience::Staff => "public-staff",
            })
        })
    }
}

/// A successful build.
#[derive(Debug)]
pub struct BuildReport {
    pub stats: render::Stats,
    pub warnings: Vec<Diagnostic>,
    pub output: PathBuf,
    /// The build report (JSON), written beside the sources by [`build`], never published.
    pub report: String,
}

/// Why a build did not happen.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// Content, configuration or template errors (with the warnings, sorted).
    #[error("{} error(s) in the site", .0.iter().filter(|d| d.severity == Severity::Error).count())]
    Content(Vec<Diagnostic>),
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// The loaded and checked site, ready to render.
pub struct Loaded {
    pub site: Site,
    pub board: Board,
    pub theme: Theme,
    pub diagnostics: Diagnostics,
    /// Privacy findings silenced by `privacy: allow`, for the build report.
    pub waived: Vec<check::Waived>,
}

/// Loads configuration, theme and content and assembles the board. Problems are collected in
/// `diagnostics`; the caller decides whether to go on.
pub fn load(opts: &BuildOptions) -> Loaded {
    load_with(opts, None)
}

/// [`load`], with the archived school year `unarchive` (if any) back on the board, for the
/// print page of an archived year.
fn load_with(opts: &BuildOptions, unarchive: Option<&str>) -> Loaded {
    let mut diags = Diagnostics::new();
    let root = std::path::absolute(&opts.root).unwrap_or_else(|_| opts.root.clone());
    let mut site = config::load(&root, &mut diags);
    if let Some(url) = &opts.base_url {
        site.config.base_url = url.clone();
    }
    let theme = Theme::load(&root, &site, &mut diags);
    check::placeholders::site(&site, &mut diags);
    let t = timings::phase("load notices");
    let checks = |n: &content::Notice, text: &str, d: &mut Diagnostics| {
        check::notice(&root, &site, n, text, d)
    };
    // The registry, the archives and the guide are read (and the archives verified) while the
    // notices load: in parallel, not one after the other.
    let ((notices, waived), around) = rayon::join(
        || -> (Vec<_>, Vec<_>) {
            content::load(&root, &site, &checks, &mut diags)
                .into_par_iter()
                .map(|(n, w)| (std::sync::Arc::new(n), w))
                .unzip()
        },
        || Around::read(&root, &site),
    );
    let waived = waived.into_iter().flatten().collect();
    drop(t);
    let _t = timings::phase("assemble board");
    let board = assemble_with(&root, notices, &site, opts, unarchive, around, &mut diags);
    Loaded {
        site,
        board,
        theme,
        diagnostics: diags,
        waived,
    }
}

/// What `opts` selects, with the site's archived years.
/// The running school year's notices stay on the live board even when it was archived early
/// (with `--force`): archiving never empties the board of the year in progress.
pub fn selection(opts: &BuildOptions, site: &Site, archives: &[archive::Archive]) -> Selection {
    let now = opts.now.unwrap_or_else(|| calendar::today(&site.tz));
    let running = calendar::SchoolYear::of(now, site.year_start).label();
    Selection {
        now,
        drafts: opts.drafts,
        audience: opts.audience,
        preview: opts.preview,
        archived: archives
            .iter()
            .map(|a| a.year.clone())
            .filter(|y| *y != running)
            .collect(),
        frozen: archive::frozen(archives),
        only_year: None,
    }
}

/// Checks archived notices are unchanged and assembles the board with the site's archives.
pub fn assemble(
    root: &std::path::Path,
    notices: Vec<std::sync::Arc<content::Notice>>,
    site: &Site,
    opts: &BuildOptions,
    diags: &mut Diagnostics,
) -> Board {
    let around = Around::read(root, site);
    assemble_with(root, notices, site, opts, None, around, diags)
}

/// What the board is assembled with besides the notices: the identity registry, the archives
/// (verified) and the guide's text, with what reading them found.
struct Around {
    known: board::registry::Registry,
    archives: Vec<archive::Archive>,
    guide: Option<content::guide::GuideText>,
    found: Diagnostics,
}

impl Around {
    fn read(root: &std::path::Path, site: &Site) -> Around {
        let _t = timings::phase("load: registry, archives, guide");
        let mut found = Diagnostics::new();
        Around {
            archives: archive::find_checked(root, &mut found),
            known: registry(root, &mut found),
            guide: guide(root, site, &mut found),
            found,
        }
    }
}

fn assemble_with(
    root: &std::path::Path,
    notices: Vec<std::sync::Arc<content::Notice>>,
    site: &Site,
    opts: &BuildOptions,
    unarchive: Option<&str>,
    around: Around,
    diags: &mut Diagnostics,
) -> Board {
    let Around {
        known,
        archives,
        guide,
        found,
    } = around;
    diags.extend(found);
    let mut selection = selection(opts, site, &archives);
    if let Some(year) = unarchive {
        selection.archived.remove(year);
    }
    let running = calendar::SchoolYear::of(selection.now, site.year_start).label();
    check::archive::sources(root, &notices, &archives, &running, diags);
    check::archive::quiet_archived(&notices, &archives, diags);
    let mut board = board::assemble(notices, site, &selection, known, diags);
    board.archives = archives;
    board.guide = guide;
    check::links::across(&board, diags);
    check::corrections::check(&board, diags);
    board
}

/// The disclosure guide's own text (`content/_guide.md`), read, and checked with the guide's
/// settings.
pub fn guide(
    root: &std::path::Path,
    site: &Site,
    diags: &mut Diagnostics,
) -> Option<content::guide::GuideText> {
    let text = content::guide::load(root, diags);
    check::guide(site, text.as_ref(), diags);
    text
}

/// The site's identity registry; an unreadable one is an error (never a silent fresh start,
/// which would give published URLs and index numbers away again).
pub fn registry(root: &std::path::Path, diags: &mut Diagnostics) -> board::registry::Registry {
    board::registry::Registry::load(root).unwrap_or_else(|e| {
        let line = match &e {
            board::registry::RegistryError::Bad { line, .. } => *line,
            _ => 1,
        };
        diags.error(
            diagnostics::Span::file(board::registry::FILE).at_line(line),
            diagnostics::Problem::Registry(e.words()),
        );
        board::registry::Registry::default()
    })
}

/// Loads, checks and renders into `output`. Nothing is rendered when loading found errors.
pub fn build_into(opts: &BuildOptions, output: &dyn Output) -> Result<BuildReport, BuildError> {
    render_loaded(opts, load(opts), output)
}

/// Renders a loaded site into `output`, unless loading found errors.
fn render_loaded(
    opts: &BuildOptions,
    loaded: Loaded,
    output: &dyn Output,
) -> Result<BuildReport, BuildError> {
    let Loaded {
        site,
        board,
        theme,
        diagnostics: mut diags,
        waived,
    } = loaded;
    if diags.has_errors() {
        return Err(BuildError::Content(diags.sorted()));
    }
    let rendered = render::render_site(&site, &board, &theme, output, None);
    let mut leftovers = None;
    let result = match rendered {
        Ok(rendered) => {
            leftovers = Some(rendered.leftovers);
            let warnings = diags.sorted();
            let report = check::report::build_report(&board, &warnings, &waived);
            Ok(BuildReport {
                stats: rendered.stats,
                warnings,
                output: opts.output_dir(),
                report,
            })
        }
        Err(errors) => {
            for e in errors {
                diags.push(e);
            }
            Err(BuildError::Content(diags.sorted()))
        }
    };
    free_meanwhile((site, board, theme, waived, leftovers));
    result
}

/// Frees `value` on a thread of its own while the caller goes on: the board of 10,000 notices
/// took some 40 ms to free, in the build's otherwise serial last steps (saving the registry,
/// committing the output).
fn free_meanwhile<T: Send + 'static>(value: T) {
    // Without a thread to be had, the value is freed here, with the closure.
    let _ = std::thread::Builder::new()
        .name("gongkai-free".into())
        .spawn(move || drop(value));
}

/// `gongkai check`: every check of a build (templates rendered too), writing nothing. Returns all
/// findings, errors and warnings, sorted.
pub fn check(opts: &BuildOptions) -> Vec<Diagnostic> {
    match build_into(opts, &output::NullOutput) {
        Ok(report) => report.warnings,
        Err(BuildError::Content(diags)) => diags,
        Err(BuildError::Output(e)) => vec![Diagnostic::error(
            diagnostics::Span::file(&opts.root.to_string_lossy()),
            diagnostics::Problem::Io(e.words()),
        )],
    }
}

/// `gongkai print SELECTOR`: one standalone print page for the notices open for objections
/// (`open`), of a school year (`2025-2026`) or under a path of the site (`content/2026-2027/fees`).
pub fn print(opts: &BuildOptions, selector: &str) -> Result<(String, usize), Vec<Diagnostic>> {
    // An archived year is printed from its notices, as they were archived.
    let year = calendar::SchoolYear::parse(selector).map(|y| y.label());
    let loaded = load_with(opts, year.as_deref());
    if loaded.diagnostics.has_errors() {
        return Err(loaded.diagnostics.sorted());
    }
    let root = std::path::absolute(&opts.root).unwrap_or_else(|_| opts.root.clone());
    let board = &loaded.board;
    let picked: Vec<usize> = match selector {
        "open" => board.open.clone(),
        s if calendar::SchoolYear::parse(s).is_some() => (0..board.entries.len())
            .filter(|&i| board.entries[i].notice.school_year.label() == s)
            .collect(),
        path => {
            let base = std::path::absolute(root.join(path)).unwrap_or_else(|_| root.join(path));
            (0..board.entries.len())
                .filter(|&i| board.entries[i].notice.source.starts_with(&base))
                .collect()
        }
    };
    let mut subset = board.clone();
    subset.entries = picked.iter().map(|&i| board.entries[i].clone()).collect();
    let title = format!("{} · {selector}", loaded.site.config.title);
    let html = render::print_page(&loaded.site, &subset, &loaded.theme, &title)?;
    Ok((html, subset.entries.len()))
}

/// `gongkai build`: renders into a staging folder beside the output folder and swaps it in only
/// when the whole build succeeded, so a failed build leaves the published output untouched.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let _t = timings::phase("build");
    let loaded = load(opts);
    if loaded.diagnostics.has_errors() {
        return Err(BuildError::Content(loaded.diagnostics.sorted()));
    }
    let keep = loaded.site.config.keep_in_output.clone();
    let mut loaded = loaded;
    // Rendering does not read the registry: it is taken out, and saved before the build is
    // swapped in.
    let registry_of_build = std::mem::take(&mut loaded.board.registry);
    let staging = StagingDir::new(&opts.output_dir(), &opts.root, &keep, opts.force)?;
    // The registry's text is made while the pages render, on a thread of its own: after them
    // it took some 20 ms with one core idle (10,000 notices).
    let (report, registry_text) = std::thread::scope(|s| {
        let text = std::thread::Builder::new()
            .name("gongkai-registry".into())
            .spawn_scoped(s, || registry_of_build.to_text());
        let report = render_loaded(opts, loaded, &staging);
        let text = match text {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => registry_of_build.to_text(),
        };
        (report, text)
    });
    let report = report?;
    free_meanwhile(registry_of_build);
    // What is about to be published is recorded first (its identities are never given out
    // again), and the report written: if either cannot be written (a read-only site folder),
    // the build fails with the published output untouched.
    let root = std::path::absolute(&opts.root).unwrap_or_else(|_| opts.root.clone());
    board::registry::Registry::save_text(&root, &registry_text).map_err(|e| OutputError::Io {
        path: root.join(board::registry::FILE),
        source: e,
    })?;
    output::write_file(
        &check::report::path(&opts.root, opts.audience),
        report.report.as_bytes(),
    )?;
    let _c = timings::phase("commit output");
    staging.commit()?;
    Ok(report)
}

/// The message language of a site language.
pub fn lang_of(language: config::Language) -> diagnostics::Lang {
    match language {
        config::Language::ZhCn => diagnostics::Lang::Zh,
        config::Language::En => diagnostics::Lang::En,
    }
}
