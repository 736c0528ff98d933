//! The rebuild loop behind `gongkai watch` and `gongkai serve`: a file watcher (native events, or
//! polling for network shares, WSL-mounted drives and synced folders) with debouncing, the
//! classification of event batches, an incremental [`Session`], and for `watch` the mirroring
//! of each successful rebuild into the output folder (changed files only).

pub mod classify;
pub mod poll;
pub mod session;

use crate::diagnostics::Lang;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::event::{EventKind as NotifyKind, MetadataKind, ModifyKind};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

pub use classify::{EventKind, Layout, classify};
pub use session::{Change, Files, Outcome, Session};

use crate::output::OutputError;

/// A batch of events, or the end of the loop.
pub enum Message {
    Events(Vec<(EventKind, Vec<PathBuf>)>),
    Stop,
}

fn kind_of(k: &NotifyKind) -> EventKind {
    match k {
        NotifyKind::Create(_) => EventKind::Create,
        NotifyKind::Remove(_) => EventKind::Remove,
        NotifyKind::Modify(ModifyKind::Name(_)) => EventKind::Rename,
        NotifyKind::Modify(ModifyKind::Metadata(m)) => match m {
            MetadataKind::WriteTime | MetadataKind::Any => EventKind::Modify,
            _ => EventKind::Other,
        },
        NotifyKind::Modify(_) | NotifyKind::Any => EventKind::Modify,
        // On Linux merely reading a file raises Access events: a server reading its own sources
        // would otherwise rebuild forever.
        NotifyKind::Access(_) | NotifyKind::Other => EventKind::Other,
    }
}

/// How long file events are gathered before a rebuild: one save (write, rename, truncate and
/// write) comes as a burst of events well within this; much longer and the preview lags
/// behind the editor (issue 8 asks for under 50 ms from the save to the new page).
const DEBOUNCE: Duration = Duration::from_millis(10);

/// Keeps the watcher alive; dropping it stops watching.
pub struct WatchGuard(#[allow(dead_code)] Box<dyn std::any::Any + Send>);

/// Watches the site's sources and sends debounced batches to `tx`. With `poll`, files are
/// compared by size and modification time every interval instead of waiting for OS events.
pub fn start(
    root: &Path,
    theme: &str,
    poll: Option<Duration>,
    tx: mpsc::Sender<Message>,
) -> notify::Result<WatchGuard> {
    let tx_poll = tx.clone();
    let handler = move |res: DebounceEventResult| {
        if let Ok(events) = res {
            let batch = events
                .into_iter()
                .map(|e| (kind_of(&e.event.kind), e.event.paths.clone()))
                .collect();
            let _ = tx.send(Message::Events(batch));
        }
    };
    let dirs: Vec<PathBuf> = ["content", "static", "templates"]
        .iter()
        .map(|d| root.join(d))
        .chain([root.join("themes").join(theme)])
        .filter(|d| d.is_dir())
        .collect();
    macro_rules! watch_all {
        ($debouncer:expr) => {{
            let mut d = $debouncer;
            d.watch(root, notify::RecursiveMode::NonRecursive)?;
            for dir in &dirs {
                d.watch(dir, notify::RecursiveMode::Recursive)?;
            }
            Ok(WatchGuard(Box::new(d)))
        }};
    }
    match poll {
        None => watch_all!(new_debouncer(DEBOUNCE, Some(DEBOUNCE / 4), handler)?),
        Some(interval) => {
            drop(handler);
            Ok(WatchGuard(Box::new(poll::start(
                dirs,
                vec![root.to_path_buf()],
                interval,
                tx_poll,
            ))))
        }
    }
}

/// A short description of a batch for the log line: the first changed source paths.
pub fn describe(root: &Path, change: &Change) -> String {
    match change {
        Change::Everything => "settings, templates or theme changed".into(),
        Change::Statics => "static files changed".into(),
        Change::Content(paths) => {
            let names: Vec<String> = paths
                .iter()
                .take(3)
                .map(|p| crate::diagnostics::display_path(root, p))
                .collect();
            let more = paths.len().saturating_sub(3);
            if more > 0 {
                format!("{} and {more} more", names.join(", "))
            } else {
                names.join(", ")
            }
        }
    }
}

/// Writes what a rebuild changed into `dir` through the output's [`crate::output::mirror`].
pub fn mirror(dir: &Path, files: &Files, outcome: &Outcome) -> Result<(), OutputError> {
    let written: Vec<(&str, &[u8])> = outcome
        .written
        .iter()
        .filter_map(|rel| Some((rel.as_str(), files.get(rel.as_str())?.as_slice())))
        .collect();
    crate::output::mirror(dir, &written, &outcome.removed)
}

/// Writes a whole site into `dir` through a staging folder swapped in at the end, with the
/// checks and kept files of a build (see [`crate::output::StagingDir::new`]).
pub fn write_all(
    dir: &Path,
    guard: &Path,
    files: &Files,
    keep: &[String],
    force: bool,
) -> Result<(), OutputError> {
    use crate::output::Output;
    let staging = crate::output::StagingDir::new(dir, guard, keep, force)?;
    for (rel, bytes) in files {
        staging.write(rel, bytes)?;
    }
    staging.commit()
}

/// Receives event batches until [`Message::Stop`], folds batches that queued up during a
/// rebuild into one, and rebuilds for each relevant change, handing every result to `report`.
pub fn run_loop(
    session: &mut Session,
    layout: &Layout,
    rx: &mpsc::Receiver<Message>,
    mut report: impl FnMut(&mut Session, &Change, Result<Outcome, Vec<crate::diagnostics::Diagnostic>>),
) {
    loop {
        // Woken at least once a minute: at midnight the day changes, and with it every status.
        let mut batch = match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(Message::Events(batch)) => batch,
            Ok(Message::Stop) | Err(mpsc::RecvTimeoutError::Disconnected) => return,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if session.world_changed() {
                    let result = session.rebuild(&Change::Everything);
                    report(session, &Change::Everything, result);
                }
                continue;
            }
        };
        loop {
            match rx.try_recv() {
                Ok(Message::Events(more)) => batch.extend(more),
                Ok(Message::Stop) => return,
                Err(_) => break,
            }
        }
        let Some(change) = classify(layout, &batch) else {
            continue;
        };
        let result = session.rebuild(&change);
        report(session, &change, result);
    }
}

/// The warnings a session prints: all of them after the first build, then after each rebuild
/// only those it did not print last time, and how many still stand. A site with hundreds of
/// warnings would otherwise scroll them all past on every save, and the clerk would miss the
/// one the save just caused.
pub struct WarningLog {
    /// Keys of the warnings of the last successful build.
    last: std::collections::HashSet<u64>,
    lang: Lang,
}

impl WarningLog {
    pub fn new(lang: Lang) -> WarningLog {
        WarningLog {
            last: Default::default(),
            lang,
        }
    }

    /// Prints the warnings of a successful build that are new since the last one.
    pub fn print(&mut self, warnings: &[crate::diagnostics::Diagnostic]) {
        let mut keys = std::collections::HashSet::with_capacity(warnings.len());
        let mut standing = 0;
        for d in warnings {
            let key = crate::digest::key(d);
            if self.last.contains(&key) {
                standing += 1;
            } else {
                say_err_raw!("{}", d.shown(self.lang));
            }
            keys.insert(key);
        }
        if standing > 0 {
            match self.lang {
                Lang::En => say_err!(
                    "{standing} warning(s) printed before still stand (`gongkai check` lists them all)"
                ),
                Lang::Zh => {
                    say_err!("前面已列出的 {standing} 个警告仍然存在（`gongkai check` 会全部列出）")
                }
            }
        }
        self.last = keys;
    }
}

/// The log line of a successful rebuild.
pub fn summary_line(root: &Path, change: &Change, o: &Outcome, lang: Lang) -> String {
    let (what, r, w, d, ms) = (
        describe(root, change),
        o.stats.rendered,
        o.written.len(),
        o.removed.len(),
        o.millis,
    );
    match lang {
        Lang::En => format!("rebuilt ({what}): {r} rendered, {w} written, {d} removed in {ms} ms"),
        Lang::Zh => {
            format!("已重建（{what}）：生成 {r} 个页面，写入 {w} 个，删除 {d} 个，用时 {ms} 毫秒")
        }
    }
}

/// The log line of a failed rebuild: what changed, the number of errors and what was kept.
pub fn failed_line(root: &Path, change: &Change, errors: usize, kept: &str, lang: Lang) -> String {
    let what = describe(root, change);
    match lang {
        Lang::En => format!("rebuild failed ({what}): {errors} error(s); {kept}"),
        Lang::Zh => format!("重建失败（{what}）：{errors} 个错误；{kept}"),
    }
}

/// Sends [`Message::Stop`] on Ctrl-C (on a thread of its own, so the loop can end cleanly).
pub fn stop_on_ctrl_c(tx: mpsc::Sender<Message>) {
    std::thread::spawn(move || {
        let Ok(rt) = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        else {
            return;
        };
        if rt.block_on(tokio::signal::ctrl_c()).is_ok() {
            let _ = tx.send(Message::Stop);
        }
    });
}

/// Records what a rebuild published: its identities in the registry and the build report,
/// beside the sources.
fn report(session: &mut Session, outcome: &Outcome) -> Result<(), String> {
    if let Some(registry) = session.registry() {
        registry.save(session.root()).map_err(|e| e.to_string())?;
        session.registry_saved();
    }
    let audience = session.options().audience;
    let path = crate::check::report::path(session.root(), audience);
    let report = session.report(&outcome.warnings).unwrap_or_default();
    crate::output::write_file(&path, report.as_bytes()).map_err(|e| e.to_string())
}

/// `gongkai watch`: builds into `output`, then rebuilds on every change, writing only the files
/// that changed; a failed rebuild leaves the folder as it was.
pub fn run_watch(
    mut session: Session,
    output: &Path,
    poll: Option<Duration>,
) -> Result<(), String> {
    let root = session.root().to_path_buf();
    let lang = session.lang();
    let print = |errors: &[crate::diagnostics::Diagnostic]| {
        for d in errors {
            say_err_raw!("{}", d.shown(lang));
        }
    };
    // Watching starts before the first build: a file saved while it runs rebuilds after it.
    let (tx, rx) = mpsc::channel();
    let abs_out = std::path::absolute(output).unwrap_or_else(|_| output.to_path_buf());
    let layout = Layout {
        root: root.clone(),
        theme: session.theme_name().to_string(),
        ignored: vec![
            abs_out.clone(),
            root.join("public"),
            root.join("public-staff"),
        ],
    };
    let _guard = start(&root, &layout.theme, poll, tx.clone()).map_err(|e| match lang {
        Lang::En => format!("cannot watch {}: {e}", root.display()),
        Lang::Zh => format!("无法监视 {}：{e}", root.display()),
    })?;
    let mut warnings = WarningLog::new(lang);
    match session.rebuild(&Change::Everything) {
        Ok(o) => {
            warnings.print(&o.warnings);
            let force = session.options().force;
            // Identities are recorded before anything is published (as `build` does).
            report(&mut session, &o)?;
            write_all(
                output,
                &root,
                &session.files(),
                session.keep_in_output(),
                force,
            )
            .map_err(|e| e.to_string())?;
            match lang {
                Lang::En => say!(
                    "built {} notices, {} pages into {} in {} ms",
                    o.stats.notices,
                    o.stats.pages,
                    output.display(),
                    o.millis
                ),
                Lang::Zh => say!(
                    "已生成 {} 份公示、{} 个页面，输出到 {}，用时 {} 毫秒",
                    o.stats.notices,
                    o.stats.pages,
                    output.display(),
                    o.millis
                ),
            }
        }
        Err(errors) => {
            print(&errors);
            match lang {
                Lang::En => say_err!(
                    "the site has errors: fix them and it rebuilds; {} was not changed",
                    output.display()
                ),
                Lang::Zh => say_err!(
                    "网站有错误：改正后会自动重建；{} 没有改动",
                    output.display()
                ),
            }
        }
    }
    stop_on_ctrl_c(tx);
    match lang {
        Lang::En => say!("watching {} (Ctrl-C to stop)", root.display()),
        Lang::Zh => say!("正在监视 {}（按 Ctrl-C 停止）", root.display()),
    }
    let mut first_ok = abs_out.is_dir();
    run_loop(
        &mut session,
        &layout,
        &rx,
        |s, change, result| match result {
            Ok(o) => {
                warnings.print(&o.warnings);
                let written = report(s, &o).and_then(|()| {
                    if first_ok {
                        mirror(&abs_out, &s.files(), &o)
                    } else {
                        let force = s.options().force;
                        write_all(&abs_out, s.root(), &s.files(), s.keep_in_output(), force)
                    }
                    .map_err(|e| e.to_string())
                });
                match written {
                    Ok(()) => {
                        first_ok = true;
                        say!("{}", summary_line(s.root(), change, &o, lang));
                    }
                    Err(e) => say_err!("error: {e}"),
                }
            }
            Err(errors) => {
                print(&errors);
                let count = errors
                    .iter()
                    .filter(|d| d.severity == crate::diagnostics::Severity::Error)
                    .count();
                let kept = match lang {
                    Lang::En => format!("{} was not changed", abs_out.display()),
                    Lang::Zh => format!("{} 没有改动", abs_out.display()),
                };
                say_err!("{}", failed_line(s.root(), change, count, &kept, lang));
            }
        },
    );
    say!("stopped");
    Ok(())
}
