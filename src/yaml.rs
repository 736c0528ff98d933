//! YAML with positions: deserialising front matter and `site.yaml` into typed structs while
//! turning serde errors into [`Diagnostic`]s (with "did you mean" for unknown keys), and finding
//! the line and column of a key for the checks that run after deserialising.

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
}

impl YamlSource<'_> {
    /// Deserialises the YAML, reporting a failure where it is.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Diagnostic> {
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
        let problem = unknown_field(&message).unwrap_or(Problem::Yaml(message));
        let (line, col) = match &problem {
            Problem::UnknownField { field, .. } => {
                self.find_key_near(field, line).unwrap_or((line, col))
            }
            _ => (line, col),
        };
        Diagnostic::error(self.span(line, col), problem)
    }

    /// A span at a line and column of the YAML part.
    pub fn span(&self, line: usize, col: usize) -> Span {
        Span::in_text(self.file, self.file_text, line + self.line_offset, col)
    }

    /// The span of the value at `path`, or of the nearest enclosing key that can be found.
    pub fn span_of(&self, path: &[Seg]) -> Span {
        let (line, col) = locate(self.yaml, path).unwrap_or((1, 1));
        self.span(line, col)
    }

    /// serde reports an unknown key at the position after it; point at the key itself.
    fn find_key_near(&self, key: &str, line: usize) -> Option<(usize, usize)> {
        let lines: Vec<&str> = self.yaml.lines().collect();
        for l in (line.saturating_sub(3)..=line.min(lines.len())).rev() {
            if l == 0 {
                continue;
            }
            if let Some(col) = find_key_in_line(lines[l - 1], key) {
                return Some((l, col));
            }
        }
        None
    }
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

/// 1-based column (in characters) of `key:` in a line, as a block or flow mapping key.
fn find_key_in_line(line: &str, key: &str) -> Option<usize> {
    // An empty key matches everywhere and would never advance (found by fuzzing: `"": x`).
    if key.is_empty() {
        return None;
    }
    let mut search = 0;
    while let Some(pos) = line[search..].find(key) {
        let at = search + pos;
        let before = line[..at].chars().next_back();
        let after = line[at + key.len()..].trim_start();
        let boundary = matches!(
            before,
            None | Some(' ' | '{' | ',' | '-' | '\t' | '"' | '\'')
        );
        let after = after
            .strip_prefix(['"', '\''])
            .unwrap_or(after)
            .trim_start();
        if boundary && after.starts_with(':') {
            let at = if matches!(before, Some('"' | '\'')) {
                at - 1
            } else {
                at
            };
            return Some(line[..at].chars().count() + 1);
        }
        search = at + key.len();
    }
    None
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_blank_or_comment(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

/// Finds the (line, column) of the value at `path` in block or flow YAML, best effort: it returns
/// the deepest position it can find, `None` only when the first key is absent.
pub fn locate(yaml: &str, path: &[Seg]) -> Option<(usize, usize)> {
    // Every build asks where a few top-level keys are (for errors found later, across
    // notices), and most are absent: answered without splitting the text into lines.
    if let Some(Seg::Key(key)) = path.first()
        && !yaml.contains(key)
    {
        return None;
    }
    let lines: Vec<&str> = yaml.lines().collect();
    // The region searched: lines [from, to) and the indentation its owner had.
    let (mut from, mut to, mut owner_indent) = (0usize, lines.len(), None::<usize>);
    let mut found: Option<(usize, usize)> = None;
    for seg in path {
        let hit = match seg {
            Seg::Key(key) => (from..to).find_map(|i| {
                let line = lines[i];
                if is_blank_or_comment(line) {
                    return None;
                }
                if owner_indent.is_none() && indent_of(line) != 0 {
                    return None;
                }
                find_key_in_line(line, key).map(|col| (i, col))
            }),
            Seg::Index(n) => {
                let mut items = (from..to).filter(|&i| {
                    let t = lines[i].trim_start();
                    t.starts_with("- ") || t == "-"
                });
                // Items on the owner's own line (`key: [..]` flow lists) are not counted.
                items.nth(*n).map(|i| (i, indent_of(lines[i]) + 1))
            }
        };
        let Some((line_idx, col)) = hit else {
            match seg {
                // A flow list (`key: [..]`): keep searching the owner's line.
                Seg::Index(_) => continue,
                Seg::Key(_) => break,
            }
        };
        found = Some((line_idx + 1, col));
        let indent = indent_of(lines[line_idx]);
        // A flow value on the same line: later segments are searched on that line only.
        from = line_idx;
        to = (line_idx + 1..lines.len())
            .find(|&i| !is_blank_or_comment(lines[i]) && indent_of(lines[i]) <= indent)
            .unwrap_or(lines.len());
        owner_indent = Some(indent);
    }
    found
}

#[cfg(test)]
mod tests {
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
