//! The identity registry (`gongkai.lock` beside `site.yaml`): every URL slug and index number
//! (索引号) the site has published, with the notice file each belongs to. A published identity
//! is never given to another notice and never changes: the registry is read before identities
//! are assigned and written back by `build` (and `gongkai new`). Commit it with `content/`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use jiff::civil::Date;

use crate::content::Kind;

/// The indexes' maps: looked up only, never iterated (the file is written from `records`).
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

/// The registry's file name, in the site root.
pub const FILE: &str = "gongkai.lock";

const HEADER: &str = "\
# gongkai.lock: every notice URL (notices/SLUG.html) and index number (索引号) this site has
# published, and the file each belongs to. gongkai keeps it: commit it with content/, and never
# edit or delete lines, since a published URL or index number must never change or be reused.
# slug\tindex_no\tdate\tkind\taudience\tarchived\tsource\tsha256\told_slugs\ttitle
";

/// One published notice's identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub slug: String,
    pub index_no: Option<String>,
    pub date: Date,
    pub kind: Kind,
    /// Published to the public (not only to staff): a withdrawn public notice keeps a page.
    pub public: bool,
    /// The school year whose archive holds it.
    pub archived: Option<String>,
    /// The notice file (site-relative), as last built.
    pub source: String,
    /// SHA-256 of that file as last built: a moved file is recognised by it.
    pub sha256: String,
    /// Slugs it had before (`slug:` changed on purpose): they redirect to it.
    pub old_slugs: Vec<String>,
    pub title: String,
}

/// The registry: records by slug, with indexes by index number and by old slug (kept by
/// [`Registry::insert`] and [`Registry::remove`], so that assigning identities to 10,000 notices
/// stays linear).
#[derive(Debug, Clone, Default)]
pub struct Registry {
    records: BTreeMap<String, Record>,
    by_index_no: HashMap<String, String>,
    by_old_slug: HashMap<String, String>,
    /// Highest sequence number per index-number prefix (`SCSY-2026-CW-`).
    max_seq: HashMap<String, u32>,
}

impl PartialEq for Registry {
    fn eq(&self, other: &Registry) -> bool {
        self.records == other.records
    }
}

/// `SCSY-2026-CW-0007` → (`SCSY-2026-CW-`, 7).
fn split_seq(index_no: &str) -> Option<(&str, u32)> {
    let cut = index_no.rfind('-')? + 1;
    Some((&index_no[..cut], index_no[cut..].parse().ok()?))
}

/// Why the registry file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    #[error("line {line}: {message}")]
    Bad {
        line: usize,
        message: String,
        /// `message` in Chinese.
        zh: &'static str,
    },
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl RegistryError {
    /// The error in both languages.
    pub fn words(&self) -> crate::diagnostics::Words {
        let zh = match self {
            RegistryError::Bad { line, zh, .. } => format!("第 {line} 行：{zh}"),
            RegistryError::Io(e) => crate::diagnostics::io_zh(e),
        };
        crate::diagnostics::Words::new(self.to_string(), zh)
    }
}

impl Registry {
    /// Reads `ROOT/gongkai.lock`; a site without one has an empty registry.
    pub fn load(root: &Path) -> Result<Registry, RegistryError> {
        match std::fs::read_to_string(root.join(FILE)) {
            Ok(text) => Registry::parse(&text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Registry::default()),
            Err(e) => Err(e.into()),
        }
    }

    pub fn parse(text: &str) -> Result<Registry, RegistryError> {
        let mut reg = Registry::default();
        for (i, line) in text.lines().enumerate() {
            let line_no = i + 1;
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |message: &str, zh: &'static str| RegistryError::Bad {
                line: line_no,
                message: message.to_string(),
                zh,
            };
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() != 10 {
                return Err(bad(
                    "expected 10 fields separated by tabs",
                    "应有 10 个以制表符分隔的字段",
                ));
            }
            let opt = |s: &str| (s != "-" && !s.is_empty()).then(|| s.to_string());
            let record = Record {
                slug: f[0].to_string(),
                index_no: opt(f[1]),
                date: f[2]
                    .parse()
                    .map_err(|_| bad("the date is not YYYY-MM-DD", "日期不是 YYYY-MM-DD 格式"))?,
                kind: Kind::parse(f[3]).ok_or_else(|| bad("unknown kind", "未知的类别"))?,
                public: match f[4] {
                    "public" => true,
                    "staff" => false,
                    _ => {
                        return Err(bad(
                            "the audience is neither public nor staff",
                            "面向对象既不是 public 也不是 staff",
                        ));
                    }
                },
                archived: opt(f[5]),
                source: f[6].to_string(),
                sha256: f[7].to_string(),
                old_slugs: opt(f[8])
                    .map(|s| s.split(',').map(str::to_string).collect())
                    .unwrap_or_default(),
                title: f[9].to_string(),
            };
            if record.slug.is_empty() || reg.slug_taken(&record.slug) {
                return Err(bad("the slug is empty or listed twice", "slug 为空或重复"));
            }
            if record
                .index_no
                .as_ref()
                .is_some_and(|n| reg.by_index_no.contains_key(n))
            {
                return Err(bad("the index number is listed twice", "索引号重复"));
            }
            reg.insert(record);
        }
        Ok(reg)
    }

    /// The records, by slug.
    pub fn records(&self) -> impl Iterator<Item = &Record> {
        self.records.values()
    }

    pub fn get(&self, slug: &str) -> Option<&Record> {
        self.records.get(slug)
    }

    /// The record that had `slug` before its slug changed.
    pub fn by_old_slug(&self, slug: &str) -> Option<&Record> {
        self.records.get(self.by_old_slug.get(slug)?)
    }

    /// Adds or replaces the record of its slug.
    pub fn insert(&mut self, r: Record) {
        self.remove(&r.slug);
        if let Some(no) = &r.index_no {
            self.by_index_no.insert(no.clone(), r.slug.clone());
            if let Some((prefix, seq)) = split_seq(no) {
                let max = self.max_seq.entry(prefix.to_string()).or_insert(0);
                *max = (*max).max(seq);
            }
        }
        for old in &r.old_slugs {
            self.by_old_slug.insert(old.clone(), r.slug.clone());
        }
        self.records.insert(r.slug.clone(), r);
    }

    /// Takes the record of `slug` out (its index number stays counted in [`Registry::max_seq`]).
    pub fn remove(&mut self, slug: &str) -> Option<Record> {
        let r = self.records.remove(slug)?;
        if let Some(no) = &r.index_no {
            self.by_index_no.remove(no);
        }
        for old in &r.old_slugs {
            self.by_old_slug.remove(old);
        }
        Some(r)
    }

    /// The file's text: a header, then one line per record in slug order.
    pub fn to_text(&self) -> String {
        let mut s = String::from(HEADER);
        let clean = |t: &str| t.replace(['\t', '\n', '\r'], " ");
        for r in self.records.values() {
            let _ = writeln!(
                s,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                r.slug,
                r.index_no.as_deref().unwrap_or("-"),
                r.date,
                r.kind.key(),
                if r.public { "public" } else { "staff" },
                r.archived.as_deref().unwrap_or("-"),
                clean(&r.source),
                r.sha256,
                if r.old_slugs.is_empty() {
                    "-".to_string()
                } else {
                    r.old_slugs.join(",")
                },
                clean(&r.title),
            );
        }
        s
    }

    /// Writes the registry to `ROOT/gongkai.lock` (replacing it in one step) when it differs
    /// from what is there.
    pub fn save(&self, root: &Path) -> std::io::Result<()> {
        Self::save_text(root, &self.to_text())
    }

    /// Writes a registry's `text` ([`Registry::to_text`]) to `ROOT/gongkai.lock` as
    /// [`Registry::save`] does.
    pub fn save_text(root: &Path, text: &str) -> std::io::Result<()> {
        let path = root.join(FILE);
        if std::fs::read_to_string(&path).is_ok_and(|old| old == text) {
            return Ok(());
        }
        let tmp = root.join(format!(".{FILE}.tmp"));
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, &path)
    }

    /// Whether `slug` was ever published (as a notice's slug or an old one).
    pub fn slug_taken(&self, slug: &str) -> bool {
        self.records.contains_key(slug) || self.by_old_slug.contains_key(slug)
    }

    /// The record holding index number `no`.
    pub fn by_index_no(&self, no: &str) -> Option<&Record> {
        self.records.get(self.by_index_no.get(no)?)
    }

    /// The highest sequence number among index numbers that start with `prefix`
    /// (`SCSY-2026-CW-`), ever recorded.
    pub fn max_seq(&self, prefix: &str) -> u32 {
        self.max_seq.get(prefix).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_reads_back_as_written() {
        let mut reg = Registry::default();
        for (slug, no, old) in [
            ("fees-2026", Some("T-2026-CW-0001"), vec![]),
            (
                "20261202-1",
                None,
                vec!["aid-old".to_string(), "aid-older".into()],
            ),
        ] {
            reg.insert(Record {
                slug: slug.into(),
                index_no: no.map(Into::into),
                date: jiff::civil::date(2026, 12, 2),
                kind: Kind::Selection,
                public: no.is_some(),
                archived: None,
                source: "content/2026-2027/资助 名单.md".into(),
                sha256: "ab".repeat(32),
                old_slugs: old,
                title: "标题\t带制表符".into(),
            });
        }
        let text = reg.to_text();
        let back = Registry::parse(&text).unwrap();
        assert_eq!(back.to_text(), text);
        assert_eq!(
            back.get("fees-2026").unwrap().index_no.as_deref(),
            Some("T-2026-CW-0001")
        );
        assert_eq!(
            back.by_index_no("T-2026-CW-0001").unwrap().slug,
            "fees-2026"
        );
        assert_eq!(back.by_old_slug("aid-old").unwrap().slug, "20261202-1");
        assert!(back.slug_taken("aid-older"));
        assert_eq!(back.max_seq("T-2026-CW-"), 1);
        assert!(Registry::parse("x\ty\n").is_err());
    }
}
