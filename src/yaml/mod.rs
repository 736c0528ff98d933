//! YAML with positions: deserialising front matter and `site.yaml` into typed structs while
//! turning serde errors into [`Diagnostic`]s (with "did you mean" for unknown keys), and finding
//! the line and column of a key for the checks that run after deserialising.
//!
//! Positions come from a YAML parser's events (`saphyr-parser`), not from searching the text: a
//! `period:` inside a quoted title, a comment or a block scalar is text, not a key. The position
//! index is built on the first question about a document (an error or a warning), so a clean
//! build never builds one.

pub mod subset;

use crate::diagnostics::Words;
use std::cell::OnceCell;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Problem, Span};

/// A step in a path to a value: a mapping key or a list index.
#[derive(Debug, Clone, Copy)]
pub enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// YAML text that sits inside a larger file (front matter starts on line 2 of a notice).
pub struct YamlSource<'a> {
    /// The display path of the file.
    pub file: &'a str,
    /// The whole file, for quoting source lines.
    pub file_text: &'a str,
    /// The YAML part only.
    pub yaml: &'a str,
    /// Lines of the file before the YAML starts.
    pub line_offset: usize,
    /// Where keys and values are: built when a position is first asked for.
    index: OnceCell<PosIndex>,
}

impl<'a> YamlSource<'a> {
    pub fn new(file: &'a str, file_text: &'a str, yaml: &'a str, line_offset: usize) -> Self {
        YamlSource {
            file,
            file_text,
            yaml,
            line_offset,
            index: OnceCell::new(),
        }
    }

    /// Deserialises the YAML, reporting a failure where it is. Plain front matter is read by
    /// [`subset`], which gives the same values faster; the rest, and every failure, by the
    /// full parser.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        if let Some(value) = subset::from_str(self.yaml) {
            return Ok(value);
        }
        if let Some((line, col)) = too_deep(self.yaml, MAX_DEPTH) {
            return Err(Diagnostic::error(
                self.span(line, col),
                Problem::TooDeep {
                    what: "YAML",
                    max: MAX_DEPTH,
                },
            ));
        }
        serde_yaml::from_str(self.yaml).map_err(|e| self.error_of(&e))
    }

    fn error_of(&self, e: &serde_yaml::Error) -> Diagnostic {
        let full = e.to_string();
        let message = match full.rfind(" at line ") {
            Some(i) => full[..i].to_string(),
            None => full,
        };
        let (line, col) = e
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((1, 1));
        if let Some((line, col, slip)) = slip(self.yaml) {
            return Diagnostic::error(self.span(line, col), slip);
        }
        let problem = unknown_field(&message).unwrap_or(Problem::Yaml(message));
        let (line, col) = match &problem {
            // serde reports an unknown key at or just after it: point at the key itself.
            Problem::UnknownField { field, .. } => {
                let index = self.index();
                index
                    .key_at_or_before(field, (line, col))
                    .map_or((line, col), |at| index.clamp(at))
            }
            _ => (line, col),
        };
        Diagnostic::error(self.span(line, col), problem)
    }

    /// As [`YamlSource::parse`], with every unknown key of the top level reported, not only
    /// the first that serde stops at.
    pub fn parse_all<T: DeserializeOwned>(&self) -> Result<T, Vec<Diagnostic>> {
        self.parse().map_err(|first| {
            let Problem::UnknownField {
                field, expected, ..
            } = &first.problem
            else {
                return vec![first];
            };
            let index = self.index();
            let Some(root) = index.nodes.first() else {
                return vec![first];
            };
            let top: Vec<(&str, Pos)> = root
                .children
                .iter()
                .filter_map(|&c| index.nodes[c].key.as_ref())
                .map(|(k, at)| (&**k, *at))
                .collect();
            // Only when serde stopped at a key of the top level (not one inside a value).
            if !top.iter().any(|(k, _)| k == field) {
                return vec![first];
            }
            let mut all = vec![first.clone()];
            for (key, at) in top {
                if key == field || expected.iter().any(|e| e == key) {
                    continue;
                }
                let (line, col) = index.clamp(at);
                all.push(Diagnostic::error(
                    self.span(line, col),
                    Problem::UnknownField {
                        field: key.to_string(),
                        suggestion: suggest(key, expected),
                        expected: expected.clone(),
                    },
                ));
            }
            all
        })
    }

    /// A span at a line and column of the YAML part.
    pub fn span(&self, line: usize, col: usize) -> Span {
        Span::in_text(self.file, self.file_text, line + self.line_offset, col)
    }

    /// The span of the key at `path` (of the item, for a list index), or of the nearest
    /// enclosing one that exists; the YAML's first line when not even the first step does.
    pub fn span_of(&self, path: &[Seg]) -> Span {
        let index = self.index();
        let (line, col) = index.find(path).map_or((1, 1), |at| index.clamp(at));
        self.span(line, col)
    }

    fn index(&self) -> &PosIndex {
        self.index.get_or_init(|| PosIndex::build(self.yaml))
    }

    /// The YAML kept for later questions, when the text it was read from is gone.
    pub fn keep(&self) -> KeptYaml {
        KeptYaml {
            yaml: Arc::from(self.yaml),
            line_offset: self.line_offset,
        }
    }
}

/// YAML kept with what was read from it (a notice's front matter), to say where a key is when
/// a problem is found later, across files. Nothing is parsed until a span is asked for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct KeptYaml {
    yaml: Arc<str>,
    line_offset: usize,
}

impl KeptYaml {
    /// As [`YamlSource::span_of`], in the file `file` the YAML was read from.
    /// Whether the YAML has a value at `path`.
    pub fn has(&self, path: &[Seg]) -> bool {
        let src = YamlSource::new("", &self.yaml, &self.yaml, 0);
        src.index().find(path).is_some()
    }

    pub fn span_of(&self, file: &str, path: &[Seg]) -> Span {
        let src = YamlSource::new(file, &self.yaml, &self.yaml, 0);
        let mut span = src.span_of(path);
        // The YAML is whole lines of the file: the quoted line is the file's line.
        span.line += self.line_offset;
        span
    }
}

/// The first slip in YAML that failed to parse, with its line and column: a key followed by a
/// full-width colon (`title：…`, the most common slip on a Chinese keyboard) or by a
/// full-width space (`title:\u{3000}…`); a value in a `{…}` row holding `[`, `]` or `{`
/// (`basis: 常价费[2004]343号`), which must be quoted there.
fn slip(yaml: &str) -> Option<(usize, usize, Problem)> {
    for (i, line) in yaml.lines().enumerate() {
        let body = line.trim_start_matches([' ', '-']);
        let indent = line.len() - body.len();
        let key_len = body
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(body.len());
        let (key, after) = body.split_at(key_len);
        if key.is_empty() || key.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let col = |byte: usize| line[..byte].chars().count() + 1;
        if let Some(value) = after.strip_prefix(['：', '﹕']) {
            return Some((
                i + 1,
                col(indent + key_len),
                Problem::YamlSlip {
                    what: Words::new(
                        format!("`{key}` is followed by a full-width colon `：`"),
                        format!("`{key}` 后面是中文全角冒号 `：`，应为英文冒号 `:`"),
                    ),
                    fix: format!("{}{key}: {}", &line[..indent], value.trim_start()),
                },
            ));
        }
        if let Some(value) = after.strip_prefix(":\u{3000}") {
            return Some((
                i + 1,
                col(indent + key_len + 1),
                Problem::YamlSlip {
                    what: Words::new(
                        format!("`{key}:` is followed by a full-width space"),
                        format!("`{key}:` 后面是中文全角空格，应为英文空格"),
                    ),
                    fix: format!(
                        "{}{key}: {}",
                        &line[..indent],
                        value.trim_start_matches('\u{3000}')
                    ),
                },
            ));
        }
    }
    // A `{…}` row with a value that holds brackets or braces.
    for (i, line) in yaml.lines().enumerate() {
        let Some(open) = line.find('{') else {
            continue;
        };
        let inner = &line[open + 1..];
        for pair in inner.split(',') {
            let Some((k, v)) = pair.split_once(": ") else {
                continue;
            };
            let v = v.trim().trim_end_matches(['}', ']']).trim();
            if v.starts_with(['"', '\'', '[', '{']) || !v.contains(['[', ']', '{']) {
                continue;
            }
            let at = line.find(v).unwrap_or(open);
            let quoted = format!("\"{}\"", v.replace('"', "\\\""));
            return Some((
                i + 1,
                line[..at].chars().count() + 1,
                Problem::YamlSlip {
                    what: Words::new(
                        format!(
                            "the value of `{}` holds `[`, `]` or `{{`, which end a `{{…}}` row",
                            k.trim()
                        ),
                        format!(
                            "`{}` 的值含有 `[`、`]` 或 `{{`，在 `{{…}}` 一行中会被当作结束符号，需要加英文引号",
                            k.trim()
                        ),
                    ),
                    fix: format!("{}: {quoted}", k.trim()),
                },
            ));
        }
    }
    None
}

/// The deepest nesting of YAML collections accepted. Front matter and site.yaml need four or
/// five levels; the parser's time grows with the square of the depth (40,000 levels: 3 s), and
/// at this depth it is still instant.
pub const MAX_DEPTH: usize = 64;

/// The line and column where `yaml` first nests collections more than `max` levels deep, if it
/// does: flow collections (`[[[…`, `{a: {b: …`) counted outside quotes and comments, plus block
/// nesting on that line, measured by its indentation and its compact `- - -` entries. A rough
/// upper bound that is linear in the text, run before the parser sees it.
pub fn too_deep(yaml: &str, max: usize) -> Option<(usize, usize)> {
    // Flow collections cannot nest deeper than there are brackets: almost every text is done
    // with the cheap block check alone.
    let brackets = yaml.bytes().filter(|b| matches!(b, b'[' | b'{')).count();
    let check_flow = brackets > max;
    let mut flow = 0usize;
    for (i, line) in yaml.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let mut rest = &line.as_bytes()[indent..];
        let mut dashes = 0;
        while flow == 0 && (rest.starts_with(b"- ") || rest.starts_with(b"? ")) {
            dashes += 1;
            rest = rest[2..].trim_ascii_start();
        }
        // Two columns of indentation make a level in practice; one is the least a level takes.
        if flow == 0 && indent / 2 + dashes > max {
            return Some((i + 1, indent + 1));
        }
        if !check_flow {
            continue;
        }
        let mut quote: Option<u8> = None;
        // Only quotes, comments and brackets matter: other bytes are passed over.
        let special = |b: &u8| matches!(b, b'"' | b'\'' | b'#' | b'[' | b'{' | b']' | b'}');
        for (j, &b) in line
            .as_bytes()
            .iter()
            .enumerate()
            .filter(|(_, b)| special(b))
        {
            match (quote, b) {
                (Some(q), _) if b == q => quote = None,
                (Some(_), _) => {}
                (None, b'"' | b'\'') => quote = Some(b),
                (None, b'#') => break,
                (None, b'[' | b'{') => {
                    flow += 1;
                    if flow > max {
                        return Some((i + 1, line[..j].chars().count() + 1));
                    }
                }
                (None, b']' | b'}') => flow = flow.saturating_sub(1),
                _ => {}
            }
        }
    }
    None
}

/// Parses serde's "unknown field `x`, expected one of `a`, `b`" (possibly behind a path prefix).
fn unknown_field(message: &str) -> Option<Problem> {
    let start = message.find("unknown field `")? + "unknown field `".len();
    let rest = &message[start..];
    let field = rest[..rest.find('`')?].to_string();
    let expected: Vec<String> = rest
        .split('`')
        .skip(1)
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s.to_string())
        .collect();
    let suggestion = suggest(&field, &expected);
    Some(Problem::UnknownField {
        field,
        suggestion,
        expected,
    })
}

/// The closest known name, if it is close enough to be a typo.
pub fn suggest(word: &str, candidates: &[String]) -> Option<String> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.clone())
}

/// The (line, column) of the key at `path` in `yaml` (of the item, for a list index), or of the
/// nearest enclosing key that exists; `None` when the first step does not. Builds a position
/// index for this one question: a [`YamlSource`] keeps its index for the next.
pub fn locate(yaml: &str, path: &[Seg]) -> Option<(usize, usize)> {
    let index = PosIndex::build(yaml);
    index.find(path).map(|at| index.clamp(at))
}

/// A 1-based line and a 1-based column counted in characters.
type Pos = (usize, usize);

/// Where the keys and values of a YAML document are, read from the parser's events: a tree of
/// its collections, each node knowing its key (in a mapping) and where it starts.
#[derive(Debug, Default)]
struct PosIndex {
    /// In document order; the first is the root.
    nodes: Vec<Node>,
    /// Characters in each line (as `str::lines` splits them, as spans quote them).
    line_chars: Vec<usize>,
}

#[derive(Debug)]
struct Node {
    /// The key's text and position, for a value in a mapping whose key is text.
    key: Option<(Box<str>, Pos)>,
    /// Where the value starts or, for an item of a block list, its dash.
    at: Pos,
    kind: Kind,
    /// Entries with a text key (for a mapping, in order) or items (for a list).
    children: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Map,
    Seq,
    Scalar,
}

impl PosIndex {
    /// Indexes the first document of `yaml`, as far as it parses.
    fn build(yaml: &str) -> PosIndex {
        #[cfg(test)]
        BUILDS.with(|n| n.set(n.get() + 1));
        let (lines, line_chars) = line_table(yaml);
        // The parser is pure Rust over untrusted text, like the attachment readers: should it
        // panic, positions fall back to the first line rather than the build failing.
        let nodes = std::panic::catch_unwind(|| nodes_of(yaml, &lines)).unwrap_or_default();
        PosIndex { nodes, line_chars }
    }

    /// The position of the key at `path` (of the item, for an index), or of the deepest step
    /// of it that exists.
    fn find(&self, path: &[Seg]) -> Option<Pos> {
        let mut node = self.nodes.first()?;
        let mut found = None;
        for seg in path {
            let next = match (seg, node.kind) {
                (Seg::Key(k), Kind::Map) => node.children.iter().find_map(|&c| {
                    let child = self.nodes.get(c)?;
                    let (text, at) = child.key.as_ref()?;
                    (&**text == *k).then_some((child, *at))
                }),
                (Seg::Index(i), Kind::Seq) => node
                    .children
                    .get(*i)
                    .and_then(|&c| self.nodes.get(c))
                    .map(|child| (child, child.at)),
                _ => None,
            };
            let Some((child, at)) = next else { break };
            found = Some(at);
            node = child;
        }
        found
    }

    /// The last key named `name` at or before `at`, else the first one after it.
    fn key_at_or_before(&self, name: &str, at: Pos) -> Option<Pos> {
        let mut keys = self
            .nodes
            .iter()
            .filter_map(|n| n.key.as_ref())
            .filter(|(text, _)| &**text == name)
            .map(|(_, pos)| *pos);
        let first = keys.next()?;
        if first > at {
            return Some(first);
        }
        Some(keys.take_while(|pos| *pos <= at).last().unwrap_or(first))
    }

    /// `at` kept inside the text (an empty value at the very end is reported past it): a line
    /// that exists and a column at most one past that line's end.
    fn clamp(&self, (line, col): Pos) -> Pos {
        let line = line.clamp(1, self.line_chars.len().max(1));
        let width = self.line_chars.get(line - 1).copied().unwrap_or(0);
        (line, col.clamp(1, width + 1))
    }
}

/// For each line of `yaml` (split at `\n`): its byte offset and how many bytes at its start are
/// ASCII; and the characters of each line as `str::lines` gives them (which spans quote).
fn line_table(yaml: &str) -> (Vec<(usize, usize)>, Vec<usize>) {
    let mut lines = Vec::new();
    let mut chars = Vec::new();
    let mut start = 0;
    for line in yaml.split('\n') {
        let ascii = line
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(line.len());
        lines.push((start, ascii));
        chars.push(line.strip_suffix('\r').unwrap_or(line).chars().count());
        start += line.len() + 1;
    }
    // `str::lines` has no last line after a final newline.
    if yaml.is_empty() || yaml.ends_with('\n') {
        chars.pop();
    }
    (lines, chars)
}

/// The nodes of the first document of `yaml`, as far as it parses (`lines`: byte offset and
/// ASCII prefix length of each line). Nesting deeper than [`MAX_DEPTH`], which `parse` refuses,
/// gives none without running the parser.
fn nodes_of(yaml: &str, lines: &[(usize, usize)]) -> Vec<Node> {
    if too_deep(yaml, MAX_DEPTH).is_some() {
        return Vec::new();
    }
    let mut builder = Builder {
        yaml,
        lines,
        nodes: Vec::new(),
        stack: Vec::new(),
    };
    builder.run();
    builder.nodes
}

#[cfg(test)]
thread_local! {
    /// Position indexes built on this thread, for the tests that they are built only on demand.
    static BUILDS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// An open collection while the events are read.
enum Frame {
    /// A mapping, and its key once read, until its value comes: `Some(None)` for a key that is
    /// not text (an alias or a collection), whose value is indexed but no path reaches.
    Map {
        node: usize,
        key: Option<Option<(Box<str>, Pos)>>,
    },
    /// A list, and the column of its dashes when it is a block list.
    Seq {
        node: usize,
        dash_col: Option<usize>,
    },
    /// A key that is a collection (`? [a, b]`): its events are passed over until it closes
    /// (how many of its levels are open).
    Skip(usize),
}

/// Turns the parser's events into [`PosIndex`] nodes.
struct Builder<'a> {
    yaml: &'a str,
    /// Byte offset of each line's start and how many bytes at its start are ASCII.
    lines: &'a [(usize, usize)],
    nodes: Vec<Node>,
    stack: Vec<Frame>,
}

impl Builder<'_> {
    fn run(&mut self) {
        use saphyr_parser::{Event, Parser};
        let mut parser = Parser::new_from_str(self.yaml);
        // The first document (serde refuses more than one), up to the first syntax error.
        while let Some(Ok((event, span))) = parser.next_event() {
            let at = (span.start.line(), span.start.col() + 1);
            match event {
                Event::Scalar(text, ..) => self.value(at, Kind::Scalar, Some(&text)),
                Event::Alias(_) => self.value(at, Kind::Scalar, None),
                Event::MappingStart(..) => self.value(at, Kind::Map, None),
                Event::SequenceStart(..) => self.value(at, Kind::Seq, None),
                Event::MappingEnd | Event::SequenceEnd => self.close(),
                Event::DocumentEnd | Event::StreamEnd => break,
                _ => {}
            }
        }
    }

    /// A scalar, an alias or the start of a collection, starting at `start`: a key, or a value
    /// that becomes a node.
    fn value(&mut self, start: Pos, kind: Kind, text: Option<&str>) {
        let opens = kind != Kind::Scalar;
        let (key, at) = match self.stack.last_mut() {
            Some(Frame::Skip(open)) => {
                if opens {
                    *open += 1;
                }
                return;
            }
            Some(Frame::Map {
                key: key @ None, ..
            }) => {
                *key = Some(text.map(|t| (Box::from(t), start)));
                if opens {
                    self.stack.push(Frame::Skip(1));
                }
                return;
            }
            Some(Frame::Map { key, .. }) => (key.take().flatten(), start),
            Some(Frame::Seq { dash_col, .. }) => {
                let dash_col = *dash_col;
                (None, self.item_at(start, dash_col))
            }
            // One document has one root.
            None if !self.nodes.is_empty() => return,
            None => (None, start),
        };
        let id = self.nodes.len();
        let reachable = key.is_some();
        self.nodes.push(Node {
            key,
            at,
            kind,
            children: Vec::new(),
        });
        match self.stack.last() {
            Some(Frame::Map { node, .. }) if reachable => self.nodes[*node].children.push(id),
            Some(Frame::Seq { node, .. }) => self.nodes[*node].children.push(id),
            _ => {}
        }
        match kind {
            Kind::Map => self.stack.push(Frame::Map {
                node: id,
                key: None,
            }),
            // A block list starts at its first dash, a flow list at its `[`.
            Kind::Seq => self.stack.push(Frame::Seq {
                node: id,
                dash_col: self.is_dash(start).then_some(start.1),
            }),
            Kind::Scalar => {}
        }
    }

    fn close(&mut self) {
        match self.stack.last_mut() {
            Some(Frame::Skip(open)) if *open > 1 => *open -= 1,
            Some(_) => {
                self.stack.pop();
            }
            None => {}
        }
    }

    /// Where an item of a list is: its dash, for a block list whose item starts on the dash's
    /// line (the parser reports where the value starts), else the value.
    fn item_at(&self, value: Pos, dash_col: Option<usize>) -> Pos {
        match dash_col {
            Some(col) if self.is_dash((value.0, col)) => (value.0, col),
            _ => value,
        }
    }

    /// Whether a block list's dash (`-` then a space or the line's end) is at `at`. Looked for
    /// only where the line is ASCII up to it (indentation and `- ` are), where the column is the
    /// byte offset: no line is read through.
    fn is_dash(&self, (line, col): Pos) -> bool {
        let Some(&(start, ascii)) = line.checked_sub(1).and_then(|l| self.lines.get(l)) else {
            return false;
        };
        if col == 0 || col > ascii {
            return false;
        }
        let bytes = self.yaml.as_bytes().get(start..).unwrap_or_default();
        bytes.get(col - 1) == Some(&b'-')
            && matches!(bytes.get(col), None | Some(b' ' | b'\t' | b'\n' | b'\r'))
    }
}

#[cfg(test)]
mod tests {
    use super::slip;

    fn slipped(yaml: &str) -> Option<(usize, usize, String)> {
        slip(yaml).map(|(l, c, p)| match p {
            crate::diagnostics::Problem::YamlSlip { fix, .. } => (l, c, fix),
            other => panic!("{other:?}"),
        })
    }

    #[test]
    fn slips_of_a_chinese_keyboard_get_the_line_as_it_should_be() {
        assert_eq!(
            slipped("kind: notice\ntitle：关于收费的公示\n"),
            Some((2, 6, "title: 关于收费的公示".into()))
        );
        assert_eq!(
            slipped("  - item： 学费\n"),
            Some((1, 9, "  - item: 学费".into()))
        );
        assert_eq!(
            slipped("title:\u{3000}公示\n"),
            Some((1, 7, "title: 公示".into()))
        );
        assert_eq!(
            slipped("fees: [{item: 学费, basis: 常价费[2004]343号}]\n"),
            Some((1, 26, "basis: \"常价费[2004]343号\"".into()))
        );
        // Nothing to say about YAML that only failed for other reasons.
        assert_eq!(slipped("title: \"公示\nkind: notice\n"), None);
        assert_eq!(slipped("fees: [{item: \"a[1]\"}]\n"), None);
    }

    use super::*;

    const DOC: &str = "title: 公示\nperiod:\n  start: 2025-01-01\n  end: 2024-12-01\nledger:\n  - {item: a, amount: 1}\n  - item: b\n    amount: \"x\"\nattachments: [{title: t, file: f.pdf}]\n";

    #[test]
    fn locates_nested_keys_and_items() {
        assert_eq!(locate(DOC, &[Seg::Key("title")]), Some((1, 1)));
        assert_eq!(
            locate(DOC, &[Seg::Key("period"), Seg::Key("end")]),
            Some((4, 3))
        );
        assert_eq!(
            locate(
                DOC,
                &[Seg::Key("ledger"), Seg::Index(0), Seg::Key("amount")]
            ),
            Some((6, 15))
        );
        assert_eq!(
            locate(
                DOC,
                &[Seg::Key("ledger"), Seg::Index(1), Seg::Key("amount")]
            ),
            Some((8, 5))
        );
        assert_eq!(
            locate(
                DOC,
                &[Seg::Key("attachments"), Seg::Index(0), Seg::Key("file")]
            ),
            Some((9, 26))
        );
        assert_eq!(locate(DOC, &[Seg::Key("missing")]), None);
    }

    #[test]
    fn suggests_close_names() {
        let known = vec!["title".to_string(), "kind".to_string(), "date".to_string()];
        assert_eq!(suggest("titel", &known).as_deref(), Some("title"));
        assert_eq!(suggest("zzzzzz", &known), None);
    }
}

#[cfg(test)]
mod position_tests {
    use super::*;

    /// The (line, column) `span_of` gives for `path` in `yaml` (a file of its own).
    fn at(yaml: &str, path: &[Seg]) -> (usize, usize) {
        let src = YamlSource::new("t.yaml", yaml, yaml, 0);
        let span = src.span_of(path);
        (span.line, span.col)
    }

    use Seg::{Index, Key};

    #[test]
    fn quoted_text_is_not_a_key() {
        let yaml = "title: \"关于 period: 的说明\"\nkind: selection\nperiod:\n  start: 2026-03-02\n  end: 2026-02-27\n";
        assert_eq!(at(yaml, &[Key("period")]), (3, 1));
        assert_eq!(at(yaml, &[Key("period"), Key("end")]), (5, 3));
        let yaml = "title: '关于 timezone: 的说明'\ntimezone: Mars/Base\n";
        assert_eq!(at(yaml, &[Key("timezone")]), (2, 1));
    }

    #[test]
    fn flow_mapping_keys() {
        let yaml = "period: {start: 2026-03-01, end: bad}\n";
        assert_eq!(at(yaml, &[Key("period"), Key("end")]), (1, 29));
        assert_eq!(at(yaml, &[Key("period"), Key("start")]), (1, 10));
        let yaml = "period: {note: \"end: 不是这个\", end: bad}\n";
        assert_eq!(at(yaml, &[Key("period"), Key("end")]), (1, 29));
        let yaml = "period: {start: 2026-03-01,\n  note: '公示 end: 之后',\n  end: bad}\n";
        assert_eq!(at(yaml, &[Key("period"), Key("end")]), (3, 3));
    }

    #[test]
    fn keys_in_comments_are_not_keys() {
        let yaml = "# period: x\ntitle: 公示 # period: y\nperiod:\n  # end: z\n  end: bad\n";
        assert_eq!(at(yaml, &[Key("period")]), (3, 1));
        assert_eq!(at(yaml, &[Key("period"), Key("end")]), (5, 3));
    }

    #[test]
    fn block_scalar_text_is_not_a_key() {
        let yaml = "summary: |\n  关于 period: 的说明\nperiod:\n  note: >\n    end: 不是这个\n  end: bad\n";
        assert_eq!(at(yaml, &[Key("period")]), (3, 1));
        assert_eq!(at(yaml, &[Key("period"), Key("end")]), (6, 3));
    }

    #[test]
    fn list_items_by_index() {
        let yaml = "ledger:\n  - item: a\n    note: |\n      - 不是条目\n  - item: b\n    amount: x\n  -\n    item: c\ntags:\n  - 甲\n  - 乙\nholidays: [2026-01-01, bad]\n";
        assert_eq!(at(yaml, &[Key("ledger"), Index(1)]), (5, 3));
        assert_eq!(at(yaml, &[Key("ledger"), Index(1), Key("amount")]), (6, 5));
        assert_eq!(at(yaml, &[Key("ledger"), Index(2), Key("item")]), (8, 5));
        assert_eq!(at(yaml, &[Key("tags"), Index(1)]), (11, 3));
        assert_eq!(at(yaml, &[Key("holidays"), Index(1)]), (12, 24));
        // Nested lists: the dash of the inner list.
        let yaml = "grid:\n  - - a\n    - b\n  - - c\n";
        assert_eq!(at(yaml, &[Key("grid"), Index(1)]), (4, 3));
        assert_eq!(at(yaml, &[Key("grid"), Index(0), Index(1)]), (3, 5));
        assert_eq!(at(yaml, &[Key("grid"), Index(1), Index(0)]), (4, 5));
    }

    #[test]
    fn nested_data_keys() {
        let yaml = "kind: finance\ndonations:\n  received:\n    - {from: 某公司, amount: \"100.00\"}\n    - from: 家委会\n      amount: 5\n  disbursed:\n    - {to: \"图书 amount: 1\", amount: \"100.01\"}\n";
        assert_eq!(
            at(
                yaml,
                &[Key("donations"), Key("disbursed"), Index(0), Key("amount")]
            ),
            (8, 28)
        );
        assert_eq!(
            at(
                yaml,
                &[Key("donations"), Key("received"), Index(1), Key("amount")]
            ),
            (6, 7)
        );
        let yaml = "ballots: {issued: 40, returned: 39, valid: 40}\nresults:\n  - {grade: 甲, votes: 1}\n  - grade: \"乙 votes: 3\"\n    votes: 42\ndeclared:\n  income: 1\n  balance: \"2\"\n";
        assert_eq!(at(yaml, &[Key("ballots"), Key("valid")]), (1, 37));
        assert_eq!(at(yaml, &[Key("results"), Index(1), Key("votes")]), (5, 5));
        assert_eq!(at(yaml, &[Key("declared"), Key("balance")]), (8, 3));
    }

    #[test]
    fn unknown_field_points_at_the_key() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Period {
            start: Option<String>,
            end: Option<String>,
        }
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Doc {
            title: Option<String>,
            period: Option<Period>,
        }
        let yaml = "title: x\nperiod: {start: \"ends: 1\", ends: 2026-01-01}\n";
        let src = YamlSource::new("t.yaml", yaml, yaml, 0);
        let d = src.parse::<Doc>().unwrap_err();
        assert_eq!((d.span.line, d.span.col), (2, 28), "{d:?}");
    }

    fn builds() -> usize {
        BUILDS.with(|n| n.get())
    }

    #[test]
    fn the_index_is_built_only_when_a_position_is_asked_for() {
        use crate::content::notice::parse_notice;
        use crate::diagnostics::Diagnostics;
        let root = std::path::Path::new("/site");
        let site = crate::config::Site::defaults();
        let parse = |text: &str, diags: &mut Diagnostics| {
            let (dir, file) = (root.join("content"), root.join("content/x.md"));
            parse_notice(root, &dir, &file, text, &site, diags)
        };
        let clean = "---\ntitle: \"关于 period: 的说明\"\nkind: finance\ndate: 2026-03-02\nslug: fees-2026\nindex_no: T-2026-CW-0001\nperiod: {start: 2026-03-02, days: 5}\nledger:\n  - {item: 拨款, type: income, amount: \"100.00\"}\n---\n正文\n";
        let before = builds();
        let mut diags = Diagnostics::new();
        let notice = parse(clean, &mut diags).expect("a clean notice");
        let found = diags.sorted();
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(builds(), before, "a clean notice built a position index");
        // Asked for later (a duplicate slug found across notices): found then, in the file.
        let span = notice.slug_span();
        assert_eq!((span.line, span.col), (5, 1));
        assert_eq!(span.source_line.as_deref(), Some("slug: fees-2026"));
        assert_eq!(builds(), before + 1);
        // Several errors in one notice: one index for all of them.
        let bad = "---\ntitle: 公示\nkind: finance\ndate: 2026-03-02\nperiod: {start: 2026-02-01, days: 5}\nledger:\n  - {item: 甲, type: 收款, amount: abc}\n---\n";
        let before = builds();
        let mut diags = Diagnostics::new();
        assert!(parse(bad, &mut diags).is_none());
        assert_eq!(diags.error_count(), 3, "{diags:?}");
        assert_eq!(builds(), before + 1);
    }

    /// Pieces of YAML syntax, text and CJK that random documents are made of.
    const PIECES: &[&str] = &[
        "a",
        "period",
        "end",
        "期",
        "公示",
        ":",
        ": ",
        "-",
        "- ",
        " ",
        "  ",
        "\n",
        "\n  ",
        "\"",
        "'",
        "{",
        "}",
        "[",
        "]",
        ", ",
        "#",
        "|",
        ">",
        "&x ",
        "*x",
        "? ",
        "!!str ",
        "\t",
        "\r\n",
        "---\n",
        "...\n",
        "\\",
        "%YAML 1.2\n",
    ];

    fn seg(i: usize) -> Seg<'static> {
        match i {
            0 => Key("a"),
            1 => Key("period"),
            2 => Key("end"),
            3 => Key("期"),
            4 => Key(""),
            n => Index(n - 5),
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        /// Whatever the text (valid YAML or not), finding a position neither panics (not even in
        /// the parser, whose panics `build` would otherwise catch) nor points outside the text.
        #[test]
        fn positions_never_panic_and_stay_inside_the_text(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..80),
            path in proptest::collection::vec(0usize..9, 0..5),
        ) {
            let yaml = pieces.concat();
            let path: Vec<Seg> = path.into_iter().map(seg).collect();
            let (lines, _) = line_table(&yaml);
            let _ = nodes_of(&yaml, &lines);
            let (line, col) = at(&yaml, &path);
            let text: Vec<&str> = yaml.lines().collect();
            proptest::prop_assert!(line >= 1 && line <= text.len().max(1), "line {line} of {}", text.len());
            let width = text.get(line - 1).map_or(0, |l| l.chars().count());
            proptest::prop_assert!(col >= 1 && col <= width + 1, "column {col} of {width}");
            // The unknown-field path (serde's error, then the index) does not panic either.
            let src = YamlSource::new("t.yaml", &yaml, &yaml, 0);
            let _ = src.parse::<Strict>();
        }
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Strict {
        a: Option<String>,
        period: Option<std::collections::BTreeMap<String, String>>,
    }

    /// 10,000 items three ways (a block list, a flow list on one line, a list of flow mappings
    /// with CJK): the index is built once and every lookup is cheap.
    #[test]
    fn large_documents_are_indexed_in_linear_time() {
        use std::fmt::Write as _;
        const N: usize = 10_000;
        let mut yaml = String::from("title: \"校务公开栏 holidays: 无\"\nholidays:\n");
        for i in 0..N {
            let _ = writeln!(yaml, "  - \"2026-01-{:02}\" # 第{i}项", i % 28 + 1);
        }
        yaml.push_str("workdays: [");
        for i in 0..N {
            let _ = write!(yaml, "\"2026-02-{:02}\", ", i % 28 + 1);
        }
        yaml.push_str("]\nledger:\n");
        for i in 0..N {
            let _ = writeln!(
                yaml,
                "  - {{item: 项目{i}, type: income, amount: \"1.00\"}}"
            );
        }
        let started = std::time::Instant::now();
        let src = YamlSource::new("site.yaml", &yaml, &yaml, 0);
        let index = src.index();
        let built = started.elapsed();
        for i in 0..N {
            assert_eq!(index.find(&[Key("holidays"), Index(i)]), Some((i + 3, 3)));
            let (line, _) = index.find(&[Key("workdays"), Index(i)]).unwrap();
            assert_eq!(line, N + 3);
            let at = index.find(&[Key("ledger"), Index(i), Key("amount")]);
            let digits = i.to_string().len();
            assert_eq!(at, Some((N + 5 + i, 30 + digits)));
        }
        let elapsed = started.elapsed();
        eprintln!(
            "{} bytes: index built in {built:?}, {} lookups in {elapsed:?}",
            yaml.len(),
            3 * N
        );
        // Linear: well under a second even unoptimised; quadratic would take minutes.
        assert!(elapsed < std::time::Duration::from_secs(10), "{elapsed:?}");
        assert_eq!(builds_of(&src), 1);
    }

    fn builds_of(src: &YamlSource) -> usize {
        usize::from(src.index.get().is_some())
    }
}
