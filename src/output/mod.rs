//! The one place that writes the site: every page, feed and copied file goes through an
//! [`Output`] as `relative path → bytes`. [`StagingDir`] writes a build beside the output folder
//! and swaps it in only when everything succeeded; [`MemoryOutput`] keeps a build in memory.
//! Relative paths are checked so nothing can be written outside the output.

pub mod folder;

use std::collections::BTreeMap;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

impl OutputError {
    /// The error in both languages.
    pub fn words(&self) -> crate::diagnostics::Words {
        crate::diagnostics::Words::new(self.to_string(), self.told(crate::diagnostics::Lang::Zh))
    }

    /// The error in `lang` (the English is its `Display`).
    pub fn told(&self, lang: crate::diagnostics::Lang) -> String {
        use crate::diagnostics::Lang;
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            OutputError::UnsafePath(p) => format!("拒绝写入 `{p}`：该路径会离开输出文件夹"),
            OutputError::Io { path, source } => {
                format!("{}：{}", path.display(), crate::diagnostics::io_zh(source))
            }
            OutputError::UnsafeOutputDir(p) => {
                format!(
                    "不能把 `{}` 用作输出文件夹：里面有网站的源文件",
                    p.display()
                )
            }
            OutputError::NotAFolder(p) => format!(
                "不能把 `{}` 用作输出文件夹：它是文件而不是文件夹（没有改动它）；请用 --output 指定一个文件夹",
                p.display()
            ),
            OutputError::NotOurs { path, count, first } => format!(
                "不替换 `{}`：它不是空的，也不是 gongkai 生成的（里面有 {}{}）。请为 --output 选择新的或空的文件夹，或加 --force 替换其中的内容（以 `.` 开头的名称、CNAME 和 `keep_in_output` 中的名称会保留）",
                path.display(),
                first
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join("、"),
                if *count > first.len() {
                    format!(" 等共 {count} 项")
                } else {
                    String::new()
                }
            ),
        }
    }
}

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("refusing to write `{0}`: the path leaves the output folder")]
    UnsafePath(String),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("refusing to use `{0}` as the output folder: it holds the site's sources")]
    UnsafeOutputDir(PathBuf),
    #[error(
        "refusing to use `{0}` as the output folder: it is a file, not a folder (it was left as it was); name a folder with --output"
    )]
    NotAFolder(PathBuf),
    #[error(
        "refusing to replace `{}`: it is not empty and was not written by gongkai (it holds {}{}). Choose a new or empty folder for --output, or pass --force to replace what is in it (names starting with `.`, CNAME and `keep_in_output` names are kept)",
        path.display(),
        first.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "),
        if *count > first.len() { format!(" and {} more", count - first.len()) } else { String::new() }
    )]
    NotOurs {
        path: PathBuf,
        count: usize,
        first: Vec<String>,
    },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Where a build goes. Implementations are shared between rendering threads.
pub trait Output: Sync {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError>;
    /// [`Output::write`] for bytes the caller no longer needs: no copy where the output keeps
    /// them.
    fn write_owned(&self, rel: &str, bytes: Vec<u8>) -> Result<(), OutputError> {
        self.write(rel, &bytes)
    }
    fn copy(&self, rel: &str, source: &Path) -> Result<(), OutputError> {
        let bytes = std::fs::read(source).map_err(io_err(source))?;
        self.write(rel, &bytes)
    }
}

/// Writes one file outside any output folder (the build report, beside the sources), replacing
/// it in one step: a reader never sees half of it.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes).map_err(io_err(&tmp))?;
    std::fs::rename(&tmp, path).map_err(io_err(path))
}

/// Checks that `rel` is a plain relative path (`a/b.html`), never `..`, absolute or empty.
pub fn safe_relative(rel: &str) -> Result<PathBuf, OutputError> {
    let path = Path::new(rel);
    let ok = !rel.is_empty()
        && !rel.contains('\\')
        && path.components().all(|c| matches!(c, Component::Normal(_)));
    if ok {
        Ok(path.to_path_buf())
    } else {
        Err(OutputError::UnsafePath(rel.to_string()))
    }
}

/// A build written into a fresh folder beside the output folder, swapped in by [`commit`]; if it
/// is dropped without a commit (an error, a panic) the folder is removed and the old output stays
/// as it was. A file whose bytes equal those of the previous output is hard-linked from it instead
/// of written: it keeps its modification time, so rsync or FTP deploys move only what changed.
///
/// Files are written by writer threads, fed by the rendering threads through short queues, each
/// writer owning the folders whose path hashes to it: the kernel creates the files of one
/// folder one at a time anyway (under the folder's lock), and rendering threads creating files
/// side by side spent their time spinning on that lock (a sixth of a 10,000-notice build's CPU
/// time) instead of rendering the next page; writers of different folders do not meet there.
/// Files go to a writer in batches: handed over one by one, the writer slept and was woken for
/// nearly every file (a twentieth of a build in the scheduler). An error of a writer is
/// returned by [`flush`] or [`commit`].
///
/// [`commit`]: StagingDir::commit
/// [`flush`]: StagingDir::flush
pub struct StagingDir {
    target: PathBuf,
    staging: PathBuf,
    committed: bool,
    /// Top-level names of the previous output carried into the new one, beyond dot-files;
    /// `None` for an archive, which keeps nothing and gets no marker.
    keep: Option<Vec<String>>,
    writers: Mutex<Vec<Writer>>,
    /// The queue to each writer, and the batch being filled for it: a lock each, so that a
    /// page for a writer that is keeping up is not held up by a sender waiting on the other.
    jobs: Vec<Mutex<(Option<Queue>, Vec<Job>)>>,
    /// Held until the staging folder is committed or removed (declared last: dropped last).
    _lock: folder::Lock,
}

/// Batches of jobs for the writer thread.
type Queue = std::sync::mpsc::SyncSender<Vec<Job>>;

/// What the writer thread does.
enum Job {
    Write(PathBuf, Vec<u8>),
    Copy(PathBuf, PathBuf),
    /// Everything sent before is on disk: answer with the first error so far.
    Flush(std::sync::mpsc::Sender<Option<String>>),
}

struct Writer {
    thread: std::thread::JoinHandle<Result<(), OutputError>>,
}

/// Files per batch, and batches in a queue at most: enough to keep a writer busy, little
/// memory (some 540 pages, 8 MB, in flight per writer at most). A sender waits while its writer's
/// queue is full, and with it every page waiting for the lock: with 3 batches, the renderers
/// stood idle while a writer on disk caught up (a 10,000-notice build on ext4, alternated runs:
/// 2.05 s median with 3, 1.99 s with 16, 1.89 s with 64 but 20 MiB more memory).
const BATCH: usize = 32;
const QUEUE: usize = 16;
/// Writer threads. Two: the notice pages fill one folder, and the search index, lists and
/// terms pages that follow them spread over many; a second writer let those overlap with the
/// first's (at 10,000 notices the writer was the slowest part of a build). More writers than
/// this only wait on the same disk.
const WRITERS: usize = 2;

/// The writer of the folders holding `rel`: by a hash of its parent folder, so that one folder's
/// files keep their order and meet one writer.
fn writer_of(rel: &Path) -> usize {
    let parent = rel.parent().map(Path::as_os_str).unwrap_or_default();
    let hash = parent
        .as_encoded_bytes()
        .iter()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    (hash % WRITERS as u64) as usize
}

impl StagingDir {
    /// Prepares a staging folder for the output folder `target` of the site at `root`. Refuses a
    /// target that would replace or write into the site's sources, a file, or a non-empty folder
    /// gongkai did not write (unless `force`); waits for another build of the same target; and
    /// removes the staging folders of builds that were killed. `keep` names top-level entries of
    /// the previous output to carry over besides dot-files and `CNAME`.
    pub fn new(
        target: &Path,
        root: &Path,
        keep: &[String],
        force: bool,
    ) -> Result<StagingDir, OutputError> {
        folder::check_not_sources(target, root)?;
        let target = folder::resolve(target);
        folder::check_replaceable(&target, keep, force)?;
        let lock = folder::lock(&target)?;
        // Checked again under the lock: another build may have written it meanwhile.
        folder::check_replaceable(&target, keep, force)?;
        folder::remove_stale(&target);
        Self::create(target, lock, Some(keep.to_vec()))
    }

    /// A staging folder for a new archive (`archive/YEAR/`, which must not exist yet).
    pub fn for_archive(target: &Path) -> Result<StagingDir, OutputError> {
        let target = folder::resolve(target);
        let lock = folder::lock(&target)?;
        folder::remove_stale(&target);
        Self::create(target, lock, None)
    }

    fn create(
        target: PathBuf,
        lock: folder::Lock,
        keep: Option<Vec<String>>,
    ) -> Result<StagingDir, OutputError> {
        let parent = target.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(io_err(parent))?;
        let staging = parent.join(format!(
            "{}{}",
            folder::staging_prefix(&target),
            std::process::id()
        ));
        if staging.exists() {
            std::fs::remove_dir_all(&staging).map_err(io_err(&staging))?;
        }
        std::fs::create_dir(&staging).map_err(io_err(&staging))?;
        let previous = target.is_dir().then(|| target.clone());
        let mut writers = Vec::with_capacity(WRITERS);
        let mut jobs = Vec::with_capacity(WRITERS);
        for _ in 0..WRITERS {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Job>>(QUEUE);
            let files = Files {
                staging: staging.clone(),
                previous: previous.clone(),
                dirs: Default::default(),
            };
            let thread = std::thread::Builder::new()
                .name("gongkai-writer".into())
                .spawn(move || files.run(rx))
                .map_err(io_err(&staging))?;
            writers.push(Writer { thread });
            jobs.push(Mutex::new((Some(tx), Vec::with_capacity(BATCH))));
        }
        Ok(StagingDir {
            target,
            staging,
            committed: false,
            keep,
            writers: Mutex::new(writers),
            jobs,
            _lock: lock,
        })
    }

    /// Adds `job` to the batch of writer `to`, and hands the batch to it when it is full or the
    /// job waits for the writer (a flush). Sent under that writer's lock, so its batches keep
    /// their order.
    fn send(&self, to: usize, job: Job) -> Result<(), OutputError> {
        let mut jobs = self.jobs[to].lock().unwrap_or_else(|e| e.into_inner());
        let (queue, batch) = &mut *jobs;
        let urgent = matches!(job, Job::Flush(_));
        batch.push(job);
        if batch.len() < BATCH && !urgent {
            return Ok(());
        }
        let full = std::mem::replace(batch, Vec::with_capacity(BATCH));
        let gone = || OutputError::Io {
            path: self.staging.clone(),
            source: io::Error::other("the writer thread stopped"),
        };
        queue
            .as_ref()
            .ok_or_else(gone)?
            .send(full)
            .map_err(|_| gone())
    }

    /// Waits until every file sent so far is written; the first error of a writer, if any.
    pub fn flush(&self) -> Result<(), OutputError> {
        let mut answers = Vec::with_capacity(WRITERS);
        for to in 0..WRITERS {
            let (tx, rx) = std::sync::mpsc::channel();
            self.send(to, Job::Flush(tx))?;
            answers.push(rx);
        }
        for rx in answers {
            match rx.recv() {
                Ok(None) => {}
                Ok(Some(message)) => {
                    return Err(OutputError::Io {
                        path: self.staging.clone(),
                        source: io::Error::other(message),
                    });
                }
                Err(_) => return self.finish(),
            }
        }
        Ok(())
    }

    /// Stops the writers after the files sent so far; the first error, if any.
    fn finish(&self) -> Result<(), OutputError> {
        {
            for jobs in &self.jobs {
                let mut jobs = jobs.lock().unwrap_or_else(|e| e.into_inner());
                let (queue, batch) = &mut *jobs;
                if let Some(queue) = queue.take()
                    && !batch.is_empty()
                {
                    // A writer already gone reports why when joined.
                    let _ = queue.send(std::mem::take(batch));
                }
            }
        }
        let writers = std::mem::take(&mut *self.writers.lock().unwrap_or_else(|e| e.into_inner()));
        let mut first = Ok(());
        for writer in writers {
            let done = match writer.thread.join() {
                Ok(done) => done,
                Err(_) => Err(OutputError::Io {
                    path: self.staging.clone(),
                    source: io::Error::other("the writer thread panicked"),
                }),
            };
            if first.is_ok() {
                first = done;
            }
        }
        first
    }

    pub fn path(&self) -> &Path {
        &self.staging
    }

    /// Replaces the output folder with the staged build, after carrying the kept entries of the
    /// previous output into it and marking it as gongkai's ([`folder::swap_in`] says how the
    /// swap stays atomic). The previous build is removed afterwards.
    pub fn commit(mut self) -> Result<(), OutputError> {
        self.finish()?;
        if let Some(keep) = &self.keep {
            if self.target.is_dir() {
                folder::carry_kept(&self.target, &self.staging, keep)?;
            }
            let marker = self.staging.join(folder::MARKER);
            std::fs::write(&marker, folder::MARKER_TEXT).map_err(io_err(&marker))?;
        }
        let old = folder::swap_in(&self.staging, &self.target)?;
        self.committed = true;
        if let Some(old) = old {
            std::fs::remove_dir_all(&old).map_err(io_err(&old))?;
        }
        Ok(())
    }
}

impl Drop for StagingDir {
    fn drop(&mut self) {
        let _ = self.finish();
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// The writer thread's side of a staging folder.
struct Files {
    staging: PathBuf,
    /// The output being replaced, whose unchanged files are reused.
    previous: Option<PathBuf>,
    /// Folders already created.
    dirs: std::collections::HashSet<PathBuf>,
}

impl Files {
    fn run(mut self, batches: std::sync::mpsc::Receiver<Vec<Job>>) -> Result<(), OutputError> {
        let mut first: Option<OutputError> = None;
        for job in batches.into_iter().flatten() {
            let done = match job {
                Job::Write(rel, bytes) => self.write(&rel, &bytes),
                Job::Copy(rel, source) => self.copy(&rel, &source),
                Job::Flush(answer) => {
                    let _ = answer.send(first.as_ref().map(|e| e.to_string()));
                    Ok(())
                }
            };
            if let Err(e) = done {
                first.get_or_insert(e);
            }
        }
        first.map_or(Ok(()), Err)
    }

    /// Where `rel` goes in the staging folder (its folder created), and the same file of the
    /// previous output if there is one.
    fn place(&mut self, rel: &Path) -> Result<(PathBuf, Option<PathBuf>), OutputError> {
        let path = self.staging.join(rel);
        if let Some(dir) = path.parent()
            && !self.dirs.contains(dir)
        {
            std::fs::create_dir_all(dir).map_err(io_err(dir))?;
            self.dirs.insert(dir.to_path_buf());
        }
        let old = self
            .previous
            .as_ref()
            .map(|p| p.join(rel))
            .filter(|p| p.is_file());
        Ok((path, old))
    }

    fn write(&mut self, rel: &Path, bytes: &[u8]) -> Result<(), OutputError> {
        let (path, old) = self.place(rel)?;
        // Unchanged: the previous file itself (a hard link); any failure falls back to writing.
        if let Some(old) = old
            && same_bytes(&old, bytes)
            && std::fs::hard_link(&old, &path).is_ok()
        {
            return Ok(());
        }
        std::fs::write(&path, bytes).map_err(io_err(&path))
    }

    fn copy(&mut self, rel: &Path, source: &Path) -> Result<(), OutputError> {
        let (path, old) = self.place(rel)?;
        if let Some(old) = old
            && let Ok(bytes) = std::fs::read(source)
        {
            if same_bytes(&old, &bytes) && std::fs::hard_link(&old, &path).is_ok() {
                return Ok(());
            }
            return std::fs::write(&path, bytes).map_err(io_err(&path));
        }
        std::fs::copy(source, &path)
            .map(|_| ())
            .map_err(io_err(source))
    }
}

/// Whether the file at `old` holds exactly `bytes`.
fn same_bytes(old: &Path, bytes: &[u8]) -> bool {
    std::fs::metadata(old).is_ok_and(|m| m.len() == bytes.len() as u64)
        && std::fs::read(old).is_ok_and(|b| b == bytes)
}

impl Output for StagingDir {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
        self.write_owned(rel, bytes.to_vec())
    }

    fn write_owned(&self, rel: &str, bytes: Vec<u8>) -> Result<(), OutputError> {
        let rel = safe_relative(rel)?;
        self.send(writer_of(&rel), Job::Write(rel, bytes))
    }

    fn copy(&self, rel: &str, source: &Path) -> Result<(), OutputError> {
        let rel = safe_relative(rel)?;
        self.send(writer_of(&rel), Job::Copy(rel, source.to_path_buf()))
    }
}

/// Discards everything: `check` renders every page to find template errors, writing nothing.
#[derive(Debug, Default)]
pub struct NullOutput;

impl Output for NullOutput {
    fn write(&self, rel: &str, _bytes: &[u8]) -> Result<(), OutputError> {
        safe_relative(rel).map(|_| ())
    }
    fn copy(&self, rel: &str, _source: &Path) -> Result<(), OutputError> {
        safe_relative(rel).map(|_| ())
    }
}

/// A build kept in memory, in path order: for the preview server and for tests.
#[derive(Debug, Default)]
pub struct MemoryOutput {
    files: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl MemoryOutput {
    pub fn into_files(self) -> BTreeMap<String, Vec<u8>> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Output for MemoryOutput {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
        self.write_owned(rel, bytes.to_vec())
    }

    fn write_owned(&self, rel: &str, bytes: Vec<u8>) -> Result<(), OutputError> {
        safe_relative(rel)?;
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel.to_string(), bytes);
        Ok(())
    }
}

/// Writes the files a rebuild changed (`written`: path and bytes) into `dir`, each atomically
/// (temporary file, then rename), and deletes the `removed` ones with the folders they leave
/// empty. Holds the folder's lock meanwhile, as a build does.
pub fn mirror(
    dir: &Path,
    written: &[(&str, &[u8])],
    removed: &[String],
) -> Result<(), OutputError> {
    let _lock = folder::lock(&folder::resolve(dir))?;
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| OutputError::Io { path, source }
    };
    for &(rel, bytes) in written {
        let path = dir.join(safe_relative(rel)?);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        let tmp = path.with_file_name(format!(
            ".{}.gongkai-tmp",
            path.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        ));
        std::fs::write(&tmp, bytes).map_err(io(&tmp))?;
        std::fs::rename(&tmp, &path).map_err(io(&path))?;
    }
    for rel in removed {
        let path = dir.join(safe_relative(rel)?);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(&path)(e)),
        }
        // Remove folders the deletion left empty (never the output folder itself).
        let mut parent = path.parent();
        while let Some(p) = parent {
            if p == dir || std::fs::remove_dir(p).is_err() {
                break;
            }
            parent = p.parent();
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_paths_leaving_the_output() {
        for bad in ["../x", "/etc/passwd", "a/../../b", "", "a\\..\\b", "./a"] {
            assert!(safe_relative(bad).is_err(), "{bad}");
        }
        assert!(safe_relative("tags/收费公示/index.html").is_ok());
    }
}
