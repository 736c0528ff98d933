//! The polling watcher for folders where file events do not arrive (network shares,
//! WSL-mounted Windows drives, synced folders): every interval it compares each file's size and
//! modification time (to the nanosecond where the file system keeps it) with the last scan, and
//! reports a batch once a scan finds nothing new, so a large checkout gives one rebuild — or
//! after [`MAX_WAIT`] scans, so files that never stop changing (a sync tool, a log) do not hold
//! every change back.
//!
//! notify's own `PollWatcher` was tried in its place (through the same debouncer as native
//! events) and fails `live::watch_rebuilds_on_change_when_polling`: it compares modification
//! times in whole seconds and ignores sizes, so a save within the second of the last scan is
//! never seen; its remedy, `compare_contents`, reads every file at every scan, which is the
//! costly part on the network shares that polling is for.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, SystemTime};

use super::{EventKind, Message};

type Snapshot = HashMap<PathBuf, (u64, Option<SystemTime>)>;

/// The most scans a batch waits for a quiet one before it is reported anyway.
pub const MAX_WAIT: usize = 5;

/// Stops the polling thread when dropped.
pub struct Poller {
    stop: Arc<AtomicBool>,
}

impl Drop for Poller {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Files below `dirs` (recursively) and the files directly in `shallow`.
fn snapshot(dirs: &[PathBuf], shallow: &[PathBuf]) -> Snapshot {
    let mut snap = Snapshot::new();
    let walks = dirs
        .iter()
        .map(|d| (d, usize::MAX))
        .chain(shallow.iter().map(|d| (d, 1)));
    for (dir, depth) in walks {
        for entry in walkdir::WalkDir::new(dir)
            .max_depth(depth)
            .into_iter()
            .filter_map(Result::ok)
        {
            if entry.file_type().is_file()
                && let Ok(meta) = entry.metadata()
            {
                snap.insert(entry.into_path(), (meta.len(), meta.modified().ok()));
            }
        }
    }
    snap
}

fn diff(old: &Snapshot, new: &Snapshot) -> Vec<(EventKind, Vec<PathBuf>)> {
    let mut events = Vec::new();
    for (path, meta) in new {
        match old.get(path) {
            None => events.push((EventKind::Create, vec![path.clone()])),
            Some(m) if m != meta => events.push((EventKind::Modify, vec![path.clone()])),
            Some(_) => {}
        }
    }
    for path in old.keys().filter(|p| !new.contains_key(*p)) {
        events.push((EventKind::Remove, vec![path.clone()]));
    }
    events.sort_by(|a, b| a.1.cmp(&b.1));
    events
}

/// Starts polling `dirs` recursively and `shallow` (the site root, for `site.yaml`) one level.
pub fn start(
    dirs: Vec<PathBuf>,
    shallow: Vec<PathBuf>,
    interval: Duration,
    tx: mpsc::Sender<Message>,
) -> Poller {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    // The first look is taken now, not when the thread gets to run: a change made after
    // `start` returns is always seen.
    let mut last = snapshot(&dirs, &shallow);
    std::thread::spawn(move || {
        let mut pending: Vec<(EventKind, Vec<PathBuf>)> = Vec::new();
        // Scans since the first change of the pending batch.
        let mut waited = 0;
        while !flag.load(Ordering::Relaxed) {
            std::thread::sleep(interval);
            let now = snapshot(&dirs, &shallow);
            let events = diff(&last, &now);
            last = now;
            let quiet = events.is_empty();
            pending.extend(events);
            if pending.is_empty() {
                continue;
            }
            waited += 1;
            if quiet || waited >= MAX_WAIT {
                waited = 0;
                if tx
                    .send(Message::Events(std::mem::take(&mut pending)))
                    .is_err()
                {
                    return;
                }
            }
        }
    });
    Poller { stop }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_that_never_stop_changing_do_not_hold_changes_back() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().to_path_buf();
        std::fs::write(dir.join("busy.log"), "0").unwrap();
        let (tx, rx) = mpsc::channel();
        let interval = Duration::from_millis(20);
        let _poller = start(vec![dir.clone()], Vec::new(), interval, tx);
        // A file rewritten without pause, and one real edit.
        let stop = Arc::new(AtomicBool::new(false));
        let busy = {
            let (dir, stop) = (dir.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut n = 0u64;
                while !stop.load(Ordering::Relaxed) {
                    n += 1;
                    let _ = std::fs::write(dir.join("busy.log"), n.to_string());
                }
            })
        };
        std::fs::write(dir.join("notice.md"), "正文").unwrap();
        let started = std::time::Instant::now();
        let mut seen = false;
        while !seen && started.elapsed() < Duration::from_secs(10) {
            if let Ok(Message::Events(batch)) = rx.recv_timeout(Duration::from_secs(10)) {
                seen = batch
                    .iter()
                    .any(|(_, p)| p.iter().any(|p| p.ends_with("notice.md")));
            }
        }
        stop.store(true, Ordering::Relaxed);
        busy.join().unwrap();
        assert!(
            seen,
            "the edit was reported while another file kept changing"
        );
    }

    #[test]
    fn diff_reports_created_modified_and_removed_files() {
        let t = SystemTime::UNIX_EPOCH;
        let later = t + Duration::from_nanos(1);
        let old: Snapshot = [
            (PathBuf::from("a"), (1, Some(t))),
            (PathBuf::from("b"), (1, Some(t))),
        ]
        .into();
        let new: Snapshot = [
            (PathBuf::from("a"), (1, Some(later))),
            (PathBuf::from("c"), (2, Some(t))),
        ]
        .into();
        let events = diff(&old, &new);
        assert_eq!(
            events,
            vec![
                (EventKind::Modify, vec![PathBuf::from("a")]),
                (EventKind::Remove, vec![PathBuf::from("b")]),
                (EventKind::Create, vec![PathBuf::from("c")]),
            ]
        );
        // Same time, other size: still a change.
        let resized: Snapshot = [(PathBuf::from("b"), (5, Some(t)))].into();
        let same: Snapshot = [(PathBuf::from("b"), (1, Some(t)))].into();
        assert_eq!(
            diff(&same, &resized),
            vec![(EventKind::Modify, vec![PathBuf::from("b")])]
        );
        assert!(diff(&same, &same).is_empty());
    }
}
