//! A long-lived build for `serve` and `watch`: the site, theme and every notice stay loaded, and
//! a rebuild re-reads only what changed, re-renders only pages whose inputs changed, and yields
//! the complete new site in memory together with what differs from the previous one. A failed
//! rebuild keeps the last good site.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use crate::BuildOptions;
use crate::config::{self, Site};
use crate::content::{self, CONTENT_DIR, Notice};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::MemoryOutput;
use crate::render::cache::RenderCache;
use crate::render::{self, Stats};
use crate::theme::Theme;

/// A built site in memory: output path → bytes. Paths are shared strings, so the map of a
/// rebuild reuses the previous one's keys and bytes for every file that did not change.
pub type Files = BTreeMap<Arc<str>, Arc<Vec<u8>>>;

/// What a batch of file events asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// `site.yaml`, templates or the theme changed: reload and re-render everything.
    Everything,
    /// Files under `content/` changed, were created or removed.
    Content(BTreeSet<PathBuf>),
    /// Static files of the site or theme changed.
    Statics,
}

/// The result of a successful rebuild.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Output paths whose bytes are new or different.
    pub written: Vec<String>,
    /// Output paths that are gone.
    pub removed: Vec<String>,
    pub stats: Stats,
    pub warnings: Vec<Diagnostic>,
    pub millis: u128,
}

impl Outcome {
    /// Only stylesheets changed: browsers can swap styles without reloading the page.
    pub fn css_only(&self) -> bool {
        !self.written.is_empty()
            && self.removed.is_empty()
            && self.written.iter().all(|p| p.ends_with(".css"))
    }
}

struct Source {
    notice: Option<Arc<Notice>>,
    diags: Diagnostics,
    /// Privacy findings its `privacy: allow` silenced.
    waived: Vec<crate::check::Waived>,
}

/// What is site-wide, as keys (see [`Session::world`]): the identity registry apart, since the
/// session itself writes it when `watch` publishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct World {
    rest: u64,
    registry: u64,
}

pub struct Session {
    opts: BuildOptions,
    root: PathBuf,
    site: Site,
    theme: Theme,
    setup_diags: Diagnostics,
    sources: BTreeMap<PathBuf, Source>,
    cache: RenderCache,
    files: Arc<Files>,
    /// The output paths of the last good build, sorted (shared with the render cache: the same
    /// `Arc` when a rebuild has the same paths).
    paths: Option<Arc<Vec<String>>>,
    /// The board of the last build, the problems found assembling it, and the position of each
    /// notice file's entry: an edit that leaves a notice's place on the board as it was (its
    /// body, tables, summary) patches the entry instead of assembling the board again.
    board: Option<(crate::board::Board, Diagnostics, HashMap<PathBuf, usize>)>,
    /// A rebuild panicked: the next one starts from the files, whatever changed.
    afresh: bool,
    /// The key of everything site-wide the last build was made from (see [`Session::world`]).
    world: Option<World>,
    /// Tests: the next rebuild panics, as a bug would.
    #[cfg(test)]
    fault: bool,
}

impl Session {
    /// Loads everything; the first [`Session::rebuild`] renders the site.
    pub fn new(opts: BuildOptions) -> Session {
        let root = std::path::absolute(&opts.root).unwrap_or_else(|_| opts.root.clone());
        let mut s = Session {
            site: Site::defaults(),
            theme: Theme::default(),
            setup_diags: Diagnostics::new(),
            sources: BTreeMap::new(),
            cache: RenderCache::default(),
            files: Arc::new(Files::new()),
            paths: None,
            board: None,
            afresh: false,
            world: None,
            #[cfg(test)]
            fault: false,
            root,
            opts,
        };
        s.reload_setup();
        s.reload_all_content();
        s
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where the site lives on its host (`/xwgk/`): the preview answers under it too.
    pub fn base_path(&self) -> String {
        self.site.base_path()
    }

    /// The theme named in `site.yaml`.
    pub fn theme_name(&self) -> &str {
        &self.site.config.theme
    }

    /// The options the session builds with.
    pub fn options(&self) -> &BuildOptions {
        &self.opts
    }

    /// Top-level names of an output folder that builds keep (`keep_in_output` in site.yaml).
    pub fn keep_in_output(&self) -> &[String] {
        &self.site.config.keep_in_output
    }

    /// Builds the board for another day from now on (`serve` and `watch` without `--now` follow
    /// the calendar by themselves; this fixes the day).
    pub fn set_day(&mut self, day: jiff::civil::Date) {
        self.opts.now = Some(day);
    }

    /// The day the board is built for: `--now`, else today in the site's time zone.
    pub fn day(&self) -> jiff::civil::Date {
        self.opts
            .now
            .unwrap_or_else(|| crate::calendar::today(&self.site.tz))
    }

    /// A key over everything site-wide a page can show: the bytes of site.yaml and of the
    /// identity registry, every template, the static files (path, time, length), each archive's
    /// manifest, the build options, the day and gongkai's version. Computed from the inputs
    /// themselves, not from a list of what pages read, so nothing site-wide can be forgotten:
    /// when it changes, nothing of the last build is reused (the board is assembled again and
    /// every page rendered), so the result is a full build by construction.
    pub fn world(&self) -> World {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        env!("CARGO_PKG_VERSION").hash(&mut h);
        std::fs::read(self.root.join(crate::config::SITE_FILE))
            .ok()
            .hash(&mut h);
        // The guide's own text is site-wide too: only the guide page shows it.
        std::fs::read(self.root.join(crate::content::guide::FILE))
            .ok()
            .hash(&mut h);
        for (name, t) in &self.theme.templates {
            (name, &t.origin, &t.text).hash(&mut h);
        }
        for (name, file) in &self.theme.statics {
            name.hash(&mut h);
            if let crate::theme::StaticFile::Disk(path) = file {
                let meta = std::fs::metadata(path).ok();
                (
                    path,
                    meta.as_ref().and_then(|m| m.modified().ok()),
                    meta.map(|m| m.len()),
                )
                    .hash(&mut h);
            }
        }
        if let Ok(dirs) = std::fs::read_dir(self.root.join(crate::archive::ARCHIVE_DIR)) {
            let mut manifests: Vec<_> = dirs
                .filter_map(Result::ok)
                .map(|e| {
                    (
                        e.file_name(),
                        std::fs::read(e.path().join(crate::archive::MANIFEST)).ok(),
                    )
                })
                .collect();
            manifests.sort();
            manifests.hash(&mut h);
        }
        let o = &self.opts;
        (o.drafts, o.preview, &o.base_url, self.day().to_string()).hash(&mut h);
        (o.audience == crate::content::Audience::Staff).hash(&mut h);
        World {
            rest: h.finish(),
            registry: self.registry_file_key(),
        }
    }

    /// A key of `gongkai.lock` as it is on disk: its length and modification time, as for the
    /// theme's static files (reading and hashing the file, 2 MB at 10,000 notices, cost every
    /// rebuild a few milliseconds).
    fn registry_file_key(&self) -> u64 {
        let meta = std::fs::metadata(self.root.join(crate::board::registry::FILE)).ok();
        crate::digest::key(&meta.map(|m| (m.len(), m.modified().ok())))
    }

    /// Whether something site-wide changed since the last build (a new day at midnight).
    pub fn world_changed(&self) -> bool {
        self.world != Some(self.world())
    }

    /// Says that `gongkai.lock` was just written with this board's identities (by `watch`): the
    /// session's own write is not a change of the world, so the next rebuild still reuses what
    /// it can. (A change made by someone else is one: it is in [`Session::world`].)
    pub fn registry_saved(&mut self) {
        let registry = self.registry_file_key();
        if let Some(world) = &mut self.world {
            world.registry = registry;
        }
    }

    /// The identities of the last build's board (for `watch`, which publishes, to record).
    pub fn registry(&self) -> Option<&crate::board::registry::Registry> {
        self.board.as_ref().map(|(b, _, _)| &b.registry)
    }

    /// The build report (JSON) of the last good build with its `warnings`, for `watch` to write
    /// beside the sources; never served (so `serve` does not make it).
    pub fn report(&self, warnings: &[Diagnostic]) -> Option<String> {
        let (board, _, _) = self.board.as_ref()?;
        let waived: Vec<crate::check::Waived> = self
            .sources
            .values()
            .flat_map(|s| s.waived.iter().cloned())
            .collect();
        Some(crate::check::report::build_report(board, warnings, &waived))
    }

    /// The language of messages: `--lang`, else the site's.
    pub fn lang(&self) -> crate::diagnostics::Lang {
        self.opts
            .lang
            .unwrap_or_else(|| crate::lang_of(self.site.config.language))
    }

    /// The last good site.
    pub fn files(&self) -> Arc<Files> {
        self.files.clone()
    }

    fn reload_setup(&mut self) {
        let mut diags = Diagnostics::new();
        self.site = config::load(&self.root, &mut diags);
        if let Some(url) = &self.opts.base_url {
            self.site.config.base_url = url.clone();
        }
        self.theme = Theme::load(&self.root, &self.site, &mut diags);
        crate::check::placeholders::site(&self.site, &mut diags);
        self.setup_diags = diags;
    }

    fn reload_all_content(&mut self) {
        let files = content::find_notice_files(&self.root.join(CONTENT_DIR));
        let (root, site) = (&self.root, &self.site);
        self.sources = files
            .par_iter()
            .map(|p| (p.clone(), load(root, p, site)))
            .collect();
    }

    fn reload_content(&mut self, paths: &BTreeSet<PathBuf>) {
        let content_dir = self.root.join(CONTENT_DIR);
        // A CSV, an attachment or a folder changed: notices anywhere may refer to it.
        if paths
            .iter()
            .any(|p| !content::is_notice_path(&content_dir, p) || p.is_dir())
        {
            self.reload_all_content();
            return;
        }
        for p in paths {
            if p.is_file() {
                let src = load(&self.root, p, &self.site);
                self.sources.insert(p.clone(), src);
            } else {
                self.sources.remove(p);
            }
        }
    }

    /// Applies a change and rebuilds. On error the last good site stays and every error (also
    /// those of unchanged files) is returned. A panic (a bug of gongkai) is caught: it becomes
    /// an internal error naming the changed file, the last good site stays, and the next change
    /// rebuilds everything from the files, so one bad input never stops rebuilding.
    pub fn rebuild(&mut self, change: &Change) -> Result<Outcome, Vec<Diagnostic>> {
        let change = if self.afresh {
            &Change::Everything
        } else {
            change
        };
        let run = std::panic::AssertUnwindSafe(|| self.rebuild_unguarded(change));
        match std::panic::catch_unwind(run) {
            Ok(result) => {
                self.afresh = false;
                result
            }
            Err(payload) => {
                let message = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                // What the session held may be half-updated: start again from the files.
                self.cache = RenderCache::default();
                self.board = None;
                self.afresh = true;
                let file = match change {
                    Change::Content(paths) => paths
                        .first()
                        .map(|p| crate::diagnostics::display_path(&self.root, p)),
                    _ => None,
                }
                .unwrap_or_else(|| crate::config::SITE_FILE.to_string());
                Err(vec![Diagnostic::error(
                    crate::diagnostics::Span::file(&file),
                    crate::diagnostics::Problem::Internal(message),
                )])
            }
        }
    }

    fn rebuild_unguarded(&mut self, change: &Change) -> Result<Outcome, Vec<Diagnostic>> {
        #[cfg(test)]
        if std::mem::take(&mut self.fault) {
            panic!("a fault injected by a test");
        }
        let started = Instant::now();
        let t = crate::timings::phase("session: reload");
        // The notices as they were, to tell whether an edit moves them on the board.
        let before: Vec<(PathBuf, Option<Arc<Notice>>)> = match change {
            Change::Content(paths) => paths
                .iter()
                .map(|p| {
                    (
                        p.clone(),
                        self.sources.get(p).and_then(|s| s.notice.clone()),
                    )
                })
                .collect(),
            _ => Vec::new(),
        };
        match change {
            Change::Everything => {
                self.reload_setup();
                self.reload_all_content();
            }
            Change::Content(paths) => self.reload_content(paths),
            Change::Statics => {
                let mut diags = Diagnostics::new();
                self.theme = Theme::load(&self.root, &self.site, &mut diags);
                self.setup_diags = diags;
            }
        }
        drop(t);
        // Something site-wide changed (settings, templates, the day…): nothing is reused.
        let world = self.world();
        if self.world != Some(world) {
            self.cache = RenderCache::default();
            self.board = None;
            self.world = Some(world);
        }
        let t = crate::timings::phase("session: assemble");
        let mut diags = self.setup_diags.clone();
        for s in self.sources.values() {
            diags.extend(s.diags.clone());
        }
        let notices: Vec<Arc<Notice>> = self
            .sources
            .values()
            .filter_map(|s| s.notice.clone())
            .collect();
        if !self.patch_board(change, &before) {
            let mut found = Diagnostics::new();
            let board = crate::assemble(&self.root, notices, &self.site, &self.opts, &mut found);
            let at = board
                .entries
                .iter()
                .enumerate()
                .map(|(i, e)| (e.notice.source.clone(), i))
                .collect();
            self.board = Some((board, found, at));
        }
        let Some((board, found, _)) = &self.board else {
            unreachable!("a board was just assembled or patched")
        };
        diags.extend(found.clone());
        if diags.has_errors() {
            return Err(diags.sorted());
        }
        drop(t);
        let output = MemoryOutput::default();
        let rendered = render::render_site(
            &self.site,
            board,
            &self.theme,
            &output,
            Some(&mut self.cache),
        )
        .map_err(|errors| {
            for e in errors {
                diags.push(e);
            }
            diags.clone().sorted()
        })?;
        let _t = crate::timings::phase("session: diff");
        let warnings = diags.sorted();
        let fresh = output.into_files();
        let same_paths = self
            .paths
            .as_ref()
            .is_some_and(|p| Arc::ptr_eq(p, &rendered.paths));
        let (files, written, removed) = if same_paths {
            same_paths_changed(&self.files, fresh)
        } else {
            changed_files(&self.files, &rendered.paths, fresh)
        };
        self.files = Arc::new(files);
        self.paths = Some(rendered.paths.clone());
        Ok(Outcome {
            written,
            removed,
            stats: rendered.stats,
            warnings,
            millis: started.elapsed().as_millis(),
        })
    }
}

/// The site after a rebuild that wrote `fresh` and reused the rest of `previous` (whose paths
/// are in `paths`), with the paths written anew or changed, and those gone.
fn changed_files(
    previous: &Files,
    paths: &[String],
    fresh: BTreeMap<String, Vec<u8>>,
) -> (Files, Vec<String>, Vec<String>) {
    // Both in path order: one pass pairs every path with its file of the last build.
    let mut last = previous.iter().peekable();
    let mut files = Vec::with_capacity(paths.len());
    let mut written = Vec::new();
    for path in paths {
        while last.next_if(|(k, _)| &***k < path.as_str()).is_some() {}
        let old = last.next_if(|(k, _)| &***k == path.as_str());
        match (fresh.get(path), old) {
            (Some(bytes), Some((key, old))) => {
                if old.as_slice() == bytes.as_slice() {
                    files.push((key.clone(), old.clone()));
                } else {
                    written.push(path.clone());
                    files.push((key.clone(), Arc::new(bytes.clone())));
                }
            }
            (Some(bytes), None) => {
                written.push(path.clone());
                files.push((Arc::from(path.as_str()), Arc::new(bytes.clone())));
            }
            // Reused from the previous build.
            (None, Some((key, old))) => files.push((key.clone(), old.clone())),
            (None, None) => written.push(path.clone()),
        }
    }
    let files: Files = files.into_iter().collect();
    let removed = previous
        .keys()
        .filter(|p| !files.contains_key(*p))
        .map(|p| p.to_string())
        .collect();
    (files, written, removed)
}

/// [`changed_files`] when the rebuild has the same paths as the last one (the usual edit): the
/// last site with the files written anew put in, nothing removed.
fn same_paths_changed(
    previous: &Files,
    fresh: BTreeMap<String, Vec<u8>>,
) -> (Files, Vec<String>, Vec<String>) {
    let mut files = previous.clone();
    let mut written = Vec::new();
    for (path, bytes) in fresh {
        match files.get_mut(path.as_str()) {
            Some(old) if old.as_slice() == bytes.as_slice() => {}
            Some(old) => {
                *old = Arc::new(bytes);
                written.push(path);
            }
            None => {
                files.insert(Arc::from(path.as_str()), Arc::new(bytes));
                written.push(path);
            }
        }
    }
    (files, written, Vec::new())
}

impl Session {
    /// Swaps the entries of `before`'s notices in the last board for their new reading, when
    /// every one of them keeps its place: same identities, dates, period, kind, title, groups
    /// and links (notices of archived years are not entries). `false`: assemble the board again.
    fn patch_board(&mut self, change: &Change, before: &[(PathBuf, Option<Arc<Notice>>)]) -> bool {
        self.swaps(change, before)
            .and_then(|swaps| {
                let (board, _, _) = self.board.as_mut()?;
                for (i, new) in swaps {
                    // The registry records the file's hash (to know it when it moves).
                    let slug = &board.entries[i].slug;
                    if let Some(mut record) = board.registry.get(slug).cloned() {
                        record.sha256 = new.source_hash.clone();
                        board.registry.insert(record);
                    }
                    board.entries[i].notice = new;
                }
                Some(())
            })
            .is_some()
    }

    fn swaps(
        &self,
        change: &Change,
        before: &[(PathBuf, Option<Arc<Notice>>)],
    ) -> Option<Vec<(usize, Arc<Notice>)>> {
        if !matches!(change, Change::Content(_)) || before.is_empty() {
            return None;
        }
        let (board, _, at) = self.board.as_ref()?;
        before
            .iter()
            .map(|(path, old)| {
                let old = old.as_ref()?;
                let new = self.sources.get(path)?.notice.clone()?;
                let &i = at.get(path)?;
                (same_place(old, &new)
                    && Arc::ptr_eq(&board.entries[i].notice, old)
                    && !archived(board, old)
                    && !archived(board, &new))
                .then_some((i, new))
            })
            .collect()
    }
}

/// Whether a notice read again keeps its place on the board: it is the same in everything
/// but what only its own pages show (body, tables, summary, attachments…), and it has no
/// `expires` (a taken-down entry holds a copy of the notice). Everything else is compared, so a
/// field added to `Notice` counts as moving the notice until it is listed in [`placement`]:
/// forgetting one costs a full assemble, never a wrong board.
fn same_place(a: &Notice, b: &Notice) -> bool {
    a.expires.is_none() && b.expires.is_none() && placement(a) == placement(b)
}

/// Whether an archive records this notice's file or its bytes (then its hash decides what the
/// board does with it: see `check::archive::sources`).
fn archived(board: &crate::board::Board, n: &Notice) -> bool {
    board
        .archives
        .iter()
        .any(|a| a.sources.contains_key(&n.rel) || a.sources.values().any(|h| *h == n.source_hash))
}

/// A notice without the fields that assembling the board (and checking it) never reads, and
/// its file's hash, which a patch writes into the registry (and which only matters otherwise
/// when an archive knows the file: no patch then).
fn placement(n: &Notice) -> Notice {
    Notice {
        body: String::new(),
        body_line: 0,
        summary: None,
        data: Default::default(),
        attachments: Vec::new(),
        revisions: Vec::new(),
        contact: Default::default(),
        contacts: Vec::new(),
        doc_no: None,
        validity: None,
        outcome: None,
        allowances: Vec::new(),
        data_sources: Vec::new(),
        digest: 0,
        source_hash: String::new(),
        ..n.clone()
    }
}

fn load(root: &Path, path: &Path, site: &Site) -> Source {
    let checks =
        |n: &Notice, text: &str, d: &mut Diagnostics| crate::check::notice(root, site, n, text, d);
    let (loaded, diags) = content::load_one(root, path, site, &checks);
    let (notice, waived) = loaded.map_or((None, Vec::new()), |(n, w)| (Some(Arc::new(n)), w));
    Source {
        notice,
        diags,
        waived,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_rebuild_is_an_internal_error_and_the_next_one_starts_afresh() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("site.yaml"), "title: 测试\nschool: 测试学校\n").unwrap();
        let notice = root.join("content/a.md");
        std::fs::write(
            &notice,
            "---\ntitle: 甲\nkind: notice\ndate: 2026-03-02\n---\n正文\n",
        )
        .unwrap();
        let mut opts = BuildOptions::new(root);
        opts.now = Some(jiff::civil::date(2026, 11, 28));
        let mut session = Session::new(opts);
        session.rebuild(&Change::Everything).unwrap();
        // A bug somewhere below the rebuild.
        session.fault = true;
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let change = Change::Content([notice.clone()].into_iter().collect());
        let result = session.rebuild(&change);
        std::panic::set_hook(hook);
        let errors = result.unwrap_err();
        assert_eq!(errors[0].problem.code(), "internal");
        assert_eq!(errors[0].span.file, "content/a.md");
        assert!(session.afresh);
        // The next change, whatever it is, rebuilds everything from the files.
        std::fs::write(
            &notice,
            "---\ntitle: 乙\nkind: notice\ndate: 2026-03-02\n---\n正文\n",
        )
        .unwrap();
        let outcome = session.rebuild(&change).unwrap();
        assert!(!session.afresh);
        assert!(outcome.stats.rendered > 1, "everything was rendered again");
        let files = session.files();
        let page = files
            .iter()
            .find(|(k, _)| &***k == "notices/a.html")
            .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
            .unwrap();
        assert!(page.contains("乙"));
    }
}
