//! A fast reader for the plain YAML that front matter is almost always written in, in front of
//! the full parser: it reads a document only when every line is in its small subset, and gives
//! exactly the values `yaml_serde` gives; for anything else, and for any value its caller
//! cannot use, it answers `None` and the full parser reads the document (so every error and its
//! position still come from the full parser).
//!
//! The subset: a block mapping of `key: value` lines (keys of ASCII letters, digits and `_`),
//! nested by indentation; block lists (`- value`) of single-line values; flow lists `[a, b]`
//! and flow mappings `{k: v}` on one line; double-quoted strings without escapes, single-quoted
//! strings without `''`, and plain scalars; lines end in LF or CRLF. Comments, tabs, other
//! carriage returns, control and non-printable characters, document markers, directives,
//! anchors, aliases, tags, block scalars (`|`, `>`), multi-line values, empty or repeated keys,
//! trailing commas and plain values that start with an indicator or hold `: ` are all left to
//! the full parser, as are numbers other than plain decimal integers where a value's type is
//! asked for.
//!
//! libyaml (under `yaml_serde`) read the bench's 10 MB of front matter in 0.36 s, some 12 % of
//! a 10,000-notice build's CPU; with this reader in front, the whole build takes 8 % less CPU.
//! The differential tests below (and `tests/it/yaml_subset.rs`, on every fixture) compare it
//! with the full parser wherever it reads a document.

use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};

/// Nesting deeper than this, blocks and flow collections together, is left to the full parser
/// (which has its own limit).
const MAX_DEPTH: usize = 16;
/// Mappings with more keys are left to the full parser (the subset looks for a repeated key
/// among those before).
const MAX_KEYS: usize = 64;
/// Longer keys are left to the full parser: libyaml refuses a key of over 1,024 bytes.
const MAX_KEY_LEN: usize = 256;

/// `yaml` deserialised as a `T`, when it is in the subset and makes a `T`; else `None`.
pub fn from_str<T: DeserializeOwned>(yaml: &str) -> Option<T> {
    let node = read(yaml)?;
    T::deserialize(&node).ok()
}

/// A value as written.
#[derive(Debug, PartialEq)]
enum Node<'a> {
    /// A scalar's text, and whether it was plain (unquoted): only a plain scalar can be a
    /// null, a boolean or a number.
    Scalar(&'a str, bool),
    Seq(Vec<Node<'a>>),
    /// Keys are scalars.
    Map(Vec<(Node<'a>, Node<'a>)>),
}

impl Node<'_> {
    /// A scalar's text (empty for a collection).
    fn text(&self) -> &str {
        match self {
            Node::Scalar(text, _) => text,
            _ => "",
        }
    }
}

/// The document as a tree, if it is in the subset.
fn read(yaml: &str) -> Option<Node<'_>> {
    // Anything the subset does not read character by character: comments, escapes, tabs and
    // every character YAML does not allow or treats as a line break (CR, below).
    let outside = |c: char| {
        matches!(
            c,
            '#' | '\\' | '\t' | '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}'
        ) || (c < ' ' && !matches!(c, '\n' | '\r'))
            // Other white space (U+3000, no-break spaces): the full parser's rules for it differ
            // (a plain `　` alone is read as null).
            || (c.is_whitespace() && !matches!(c, ' ' | '\n' | '\r'))
            || ('\u{7f}'..='\u{9f}').contains(&c)
            || ('\u{fffe}'..='\u{ffff}').contains(&c)
    };
    if yaml.chars().any(outside) {
        return None;
    }
    let mut lines = Lines {
        // Lines may end in CRLF (Windows); a CR anywhere else is not in the subset.
        lines: yaml
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .filter(|l| !l.trim_matches(' ').is_empty())
            .collect(),
        at: 0,
    };
    if lines.lines.iter().any(|l| l.contains('\r')) {
        return None;
    }
    let node = lines.block(0, 0)?;
    (lines.at == lines.lines.len() && matches!(node, Node::Map(_))).then_some(node)
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The non-blank lines of a document and the next one to read.
struct Lines<'a> {
    lines: Vec<&'a str>,
    at: usize,
}

impl<'a> Lines<'a> {
    /// The block (a mapping, or a list) whose lines start at `indent` spaces.
    fn block(&mut self, indent: usize, depth: usize) -> Option<Node<'a>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let first = *self.lines.get(self.at)?;
        if first[indent..].starts_with('-') {
            return self.list(indent, depth);
        }
        let mut entries: Vec<(Node, Node)> = Vec::new();
        while let Some(&line) = self.lines.get(self.at) {
            let at = indent_of(line);
            if at < indent {
                break;
            }
            if at > indent {
                return None;
            }
            self.at += 1;
            let line = &line[indent..];
            let (key, rest) = line.split_once(':')?;
            let key_ok = key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
            let repeated = entries.iter().any(|(k, _)| k.text() == key);
            let long = key.len() > MAX_KEY_LEN;
            if key.is_empty() || !key_ok || long || repeated || entries.len() == MAX_KEYS {
                return None;
            }
            let value = if rest.trim().is_empty() {
                // A block below (deeper, or a list at the same indentation), or null.
                match self.lines.get(self.at) {
                    Some(&next) if indent_of(next) > indent => {
                        self.block(indent_of(next), depth + 1)?
                    }
                    Some(&next) if indent_of(next) == indent && next[indent..].starts_with('-') => {
                        self.list(indent, depth + 1)?
                    }
                    _ => Node::Scalar("", true),
                }
            } else {
                value(rest.strip_prefix(' ')?, depth)?
            };
            entries.push((Node::Scalar(key, true), value));
        }
        Some(Node::Map(entries))
    }

    /// A block list at `indent`: `- value` lines.
    fn list(&mut self, indent: usize, depth: usize) -> Option<Node<'a>> {
        let mut items = Vec::new();
        while let Some(&line) = self.lines.get(self.at) {
            if indent_of(line) != indent || !line[indent..].starts_with('-') {
                break;
            }
            self.at += 1;
            items.push(value(line[indent..].strip_prefix("- ")?, depth)?);
        }
        // A line indented under an item continues it: not in the subset.
        match self.lines.get(self.at) {
            Some(&next) if indent_of(next) > indent => None,
            _ => Some(Node::Seq(items)),
        }
    }
}

/// A value that fills the rest of its line.
fn value(text: &str, depth: usize) -> Option<Node<'_>> {
    let text = text.trim_matches(' ');
    match text.as_bytes().first()? {
        b'[' | b'{' | b'"' | b'\'' => {
            let mut at = 0;
            let node = Flow { text }.value(&mut at, depth)?;
            text[at..]
                .trim_start_matches(' ')
                .is_empty()
                .then_some(node)
        }
        _ => {
            let starts_ok = !text.starts_with([
                '-', '?', ':', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '%', '@', '`',
            ]);
            (starts_ok && !text.contains(": ") && !text.ends_with(':'))
                .then_some(Node::Scalar(text, true))
        }
    }
}

/// A one-line flow value: `[…]`, `{…}` or a scalar.
struct Flow<'a> {
    text: &'a str,
}

impl<'a> Flow<'a> {
    fn skip_spaces(&self, at: &mut usize) {
        while self.text.as_bytes().get(*at) == Some(&b' ') {
            *at += 1;
        }
    }

    fn value(&self, at: &mut usize, depth: usize) -> Option<Node<'a>> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_spaces(at);
        match self.text.as_bytes().get(*at)? {
            b'[' => {
                *at += 1;
                let mut items = Vec::new();
                self.items(at, b']', |f, at| {
                    items.push(f.value(at, depth + 1)?);
                    Some(())
                })?;
                Some(Node::Seq(items))
            }
            b'{' => {
                *at += 1;
                let mut entries: Vec<(Node, Node)> = Vec::new();
                self.items(at, b'}', |f, at| {
                    let from = *at;
                    let key = f.scalar(at)?;
                    if *at - from > MAX_KEY_LEN {
                        return None;
                    }
                    let b = f.text.as_bytes();
                    if b.get(*at) != Some(&b':') || b.get(*at + 1) != Some(&b' ') {
                        return None;
                    }
                    *at += 2;
                    let value = f.value(at, depth + 1)?;
                    let text = key.text();
                    let repeated = entries.iter().any(|(k, _)| k.text() == text);
                    if text.is_empty() || repeated || entries.len() == MAX_KEYS {
                        return None;
                    }
                    entries.push((key, value));
                    Some(())
                })?;
                Some(Node::Map(entries))
            }
            _ => self.scalar(at),
        }
    }

    /// The items of a flow collection up to its `close`, separated by commas (no trailing one).
    fn items(
        &self,
        at: &mut usize,
        close: u8,
        mut item: impl FnMut(&Self, &mut usize) -> Option<()>,
    ) -> Option<()> {
        self.skip_spaces(at);
        if self.text.as_bytes().get(*at) == Some(&close) {
            *at += 1;
            return Some(());
        }
        loop {
            item(self, at)?;
            self.skip_spaces(at);
            match *self.text.as_bytes().get(*at)? {
                b',' => *at += 1,
                c if c == close => {
                    *at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// A quoted scalar, or a plain one up to `,`, `]`, `}` or `: `.
    fn scalar(&self, at: &mut usize) -> Option<Node<'a>> {
        let text = self.text;
        self.skip_spaces(at);
        let quote = *text.as_bytes().get(*at)?;
        if quote == b'"' || quote == b'\'' {
            let len = text[*at + 1..].find(char::from(quote))?;
            let inner = &text[*at + 1..*at + 1 + len];
            *at += len + 2;
            // `''` is an escaped quote, not the end and a new start.
            if quote == b'\'' && text.as_bytes().get(*at) == Some(&b'\'') {
                return None;
            }
            return Some(Node::Scalar(inner, false));
        }
        let start = *at;
        let b = text.as_bytes();
        while let Some(&c) = b.get(*at) {
            if matches!(c, b',' | b']' | b'}') || (c == b':' && b.get(*at + 1) == Some(&b' ')) {
                break;
            }
            // Indicators inside a flow scalar are where the full parser's rules get subtle.
            if matches!(
                c,
                b'[' | b'{'
                    | b':'
                    | b'"'
                    | b'\''
                    | b'&'
                    | b'*'
                    | b'!'
                    | b'|'
                    | b'>'
                    | b'?'
                    | b'%'
                    | b'@'
                    | b'`'
            ) {
                return None;
            }
            *at += 1;
        }
        let plain = text[start..*at].trim_end_matches(' ');
        (!plain.is_empty() && !plain.starts_with('-')).then_some(Node::Scalar(plain, true))
    }
}

/// What a plain scalar is when its type is asked for, as `yaml_serde` resolves it: null,
/// boolean, a decimal integer, or text. `None` for every other number-like form (floats,
/// `0x`, `+1`, `007`, `.inf`…), which the full parser resolves.
enum Plain<'a> {
    Null,
    Bool(bool),
    Unsigned(u64),
    Negative(i64),
    Text(&'a str),
}

fn resolve(text: &str) -> Option<Plain<'_>> {
    Some(match text {
        "" | "~" | "null" | "Null" | "NULL" => Plain::Null,
        "true" | "True" | "TRUE" => Plain::Bool(true),
        "false" | "False" | "FALSE" => Plain::Bool(false),
        _ => {
            let decimal = |d: &str| {
                !d.is_empty()
                    && d.bytes().all(|b| b.is_ascii_digit())
                    && (d == "0" || !d.starts_with('0'))
            };
            if decimal(text) {
                Plain::Unsigned(text.parse().ok()?)
            } else if text
                .strip_prefix('-')
                .is_some_and(|d| decimal(d) && d != "0")
            {
                Plain::Negative(text.parse().ok()?)
            } else if text.starts_with(|c: char| c.is_ascii_digit() || "+-.".contains(c)) {
                return None;
            } else {
                Plain::Text(text)
            }
        }
    })
}

type Error = de::value::Error;

fn unsupported<T>() -> Result<T, Error> {
    Err(de::Error::custom("left to the full parser"))
}

impl<'de> de::Deserializer<'de> for &Node<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Node::Scalar(text, false) => visitor.visit_str(text),
            Node::Scalar(text, true) => match resolve(text) {
                Some(Plain::Null) => visitor.visit_unit(),
                Some(Plain::Bool(b)) => visitor.visit_bool(b),
                Some(Plain::Unsigned(n)) => visitor.visit_u64(n),
                Some(Plain::Negative(n)) => visitor.visit_i64(n),
                Some(Plain::Text(t)) => visitor.visit_str(t),
                None => unsupported(),
            },
            Node::Seq(_) => self.deserialize_seq(visitor),
            Node::Map(_) => self.deserialize_map(visitor),
        }
    }

    /// A list, every item used (a tuple of the wrong length is an error, as in the parser).
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let Node::Seq(items) = self else {
            return unsupported();
        };
        let mut seq = de::value::SeqDeserializer::new(items.iter());
        let value = visitor.visit_seq(&mut seq)?;
        seq.end()?;
        Ok(value)
    }

    /// A mapping only: the parser makes no struct or map of a list.
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let Node::Map(entries) = self else {
            return unsupported();
        };
        let mut map = de::value::MapDeserializer::new(entries.iter().map(|(k, v)| (k, v)));
        let value = visitor.visit_map(&mut map)?;
        map.end()?;
        Ok(value)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Error> {
        unsupported()
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Error> {
        unsupported()
    }

    /// Any scalar's text as written, whatever it would resolve to (`Text` relies on it).
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Node::Scalar(text, _) => visitor.visit_str(text),
            _ => unsupported(),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Node::Scalar(text, true) if matches!(resolve(text), Some(Plain::Null)) => {
                visitor.visit_none()
            }
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Error> {
        unsupported()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char unit unit_struct
    }
}

impl<'de> IntoDeserializer<'de, Error> for &Node<'_> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use std::collections::BTreeMap;

    /// A scalar's text as written, as the front matter's `Text` asks for it.
    #[derive(Debug, PartialEq)]
    struct Txt(String);

    impl<'de> Deserialize<'de> for Txt {
        fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            String::deserialize(d).map(Txt)
        }
    }

    /// Fields of the kinds front matter has: texts, lists, rows, numbers, switches.
    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        title: Option<Txt>,
        a: Option<Txt>,
        b: Option<Vec<Txt>>,
        rows: Option<Vec<BTreeMap<String, Txt>>>,
        m: Option<BTreeMap<String, Txt>>,
        n: Option<u32>,
        f: Option<bool>,
        s: Option<Sub>,
        t: Option<(Txt, u32)>,
    }

    /// A nested struct (a contact, a period).
    #[derive(Debug, PartialEq, Deserialize)]
    struct Sub {
        x: Option<Txt>,
        n: Option<u32>,
    }

    /// Where the subset reads `yaml`, the full parser reads the same: as a generic value (every
    /// scalar resolved: null, boolean, number or text) and as typed fields (texts as written).
    fn same_as_full_parser(yaml: &str) -> bool {
        let value = from_str::<serde_yaml::Value>(yaml);
        if let Some(v) = &value {
            assert_eq!(
                serde_yaml::from_str::<serde_yaml::Value>(yaml)
                    .ok()
                    .as_ref(),
                Some(v),
                "{yaml}"
            );
        }
        let doc = from_str::<Doc>(yaml);
        if let Some(d) = &doc {
            assert_eq!(
                serde_yaml::from_str::<Doc>(yaml).ok().as_ref(),
                Some(d),
                "{yaml}"
            );
        }
        value.is_some() || doc.is_some()
    }

    #[test]
    fn reads_plain_front_matter() {
        let yaml = "title: \"2019年度测评结果公示\"\nkind: evaluation\ndate: 2019-07-17\n\
            period: {start: \"2019-07-17\", end: \"2019-07-24\"}\ntags: [\"校务公开\", 教代会]\n\
            ballots: {issued: 76, returned: 72}\nresults:\n  - {name: \"梁*文\", votes: [60, 1, 0, 0]}\n\
            ledger:\n- {item: 校服费, amount: 1234.50, note: 物价核定 }\nbasis: 常价费[2004]343号\ncontact:\n  office: 校办\n  phone: 0240-5422926\ndraft: false\nsummary:\n";
        // Not as a generic value: `1234.50` would be a float there, which the subset leaves
        // to the full parser.
        assert!(!same_as_full_parser(yaml));
        #[derive(Deserialize)]
        struct Row {
            amount: Txt,
            note: Txt,
        }
        #[derive(Deserialize)]
        struct Fm {
            date: Txt,
            ledger: Vec<Row>,
            summary: Option<Txt>,
            draft: bool,
            basis: Txt,
        }
        let fm: Fm = from_str(yaml).expect("in the subset");
        assert_eq!(fm.date, Txt("2019-07-17".into()));
        assert_eq!(fm.ledger[0].amount, Txt("1234.50".into()));
        assert_eq!(fm.ledger[0].note, Txt("物价核定".into()));
        assert_eq!(fm.basis, Txt("常价费[2004]343号".into()));
        assert!(fm.summary.is_none() && !fm.draft);
    }

    #[test]
    fn leaves_the_rest_to_the_full_parser() {
        for yaml in [
            "title: a # comment\n",
            "title: |\n  block\n",
            "title: \"a\\tb\"\n",
            "title: 'it''s'\n",
            "a: &x 1\nb: *x\n",
            "title: !tag x\n",
            "title：全角冒号\n",
            "title: a\n  continued\n",
            "a: 1\na: 2\n",
            "rows:\n  - name: 张三\n    post: 校长\n",
            "b: [a, b,]\n",
            "m: {basis: 常价费[2004]343号}\n",
            "n: 0x1F\n",
            "n: 1e3\n",
            "a: 007\n",
            "a: .inf\n",
            "\u{feff}title: x\n",
            "title: a\rb\n",
            "title: a\n\u{3000}\n",
            "k_1: \u{3000}\n",
            format!("{}: x\n", "k".repeat(1100)).as_str(),
            format!("m: {{{}: x}}\n", "k".repeat(1100)).as_str(),
            "---\ntitle: x\n",
            "- a\n- b\n",
            "",
        ] {
            assert!(
                read(yaml).is_none() || from_str::<serde_yaml::Value>(yaml).is_none(),
                "{yaml:?}"
            );
        }
    }

    /// Mappings of very many keys are left to the full parser at once: the search for a
    /// repeated key never grows with the square of a document.
    #[test]
    fn many_keys_stay_linear() {
        let block: String = (0..200_000).map(|i| format!("k{i}: v\n")).collect();
        assert!(read(&block).is_none());
        let flow: String = (0..200_000).map(|i| format!("k{i}: v, ")).collect();
        assert!(read(&format!("m: {{{flow}z: v}}\n")).is_none());
        let ok: String = (0..MAX_KEYS).map(|i| format!("k{i}: v\n")).collect();
        assert!(read(&ok).is_some());
    }

    /// Pieces of values, many of them at the subset's edges.
    const ATOMS: &[&str] = &[
        "abc",
        "关于 X 的通知",
        "2019-07-17",
        "0.10",
        "1234.50",
        "12",
        "0",
        "-5",
        "-0",
        "007",
        "0x1F",
        "+1",
        "1e3",
        ".inf",
        "~",
        "null",
        "Null",
        "NULL",
        "true",
        "False",
        "yes",
        "no",
        "on",
        "",
        "a, b",
        "常价费[2004]343号",
        "http://a.b/c",
        "a:b",
        "a: b",
        "-x",
        "- x",
        "*x",
        "&a x",
        "!t x",
        "|",
        ">",
        "'q'",
        "\"q\"",
        "\"a\\nb\"",
        "'it''s'",
        "%x",
        "@x",
        "`x",
        "x #c",
        "#c",
        "a\tb",
        "梁*文",
        "15%",
        "{a: 1}",
        "[1, 2]",
        "[1, [2, 3]]",
        "[a,]",
        "[]",
        "{}",
        "{a: }",
        "{\"k\": v}",
        "{a : 1}",
        "[a: 1]",
        "1,000",
        "ｘ",
        "\u{85}",
        "\u{2028}",
        "\"\"",
        "''",
        "{a: 1, a: 2}",
        "{2024: x}",
        "[\"a\", b, 3]",
        "{x: [1, {y: z}]}",
        "18446744073709551616",
        "-9223372036854775809",
        "\"a\" b",
        "a \"b\"",
        "?x",
        "a ]",
        "{n: 5}",
        "{f: true}",
        "ｘ: y",
        " x",
        "x ",
        "\u{3000}x",
        "a\rb",
        "\u{3000}",
        "a\u{3000}b",
        "\u{a0}x",
        "é",
        "😀 a",
        "\u{200b}",
        "1_000",
        "0o17",
        "0b1",
        "-.5",
        "+.inf",
        "1.",
        ".5",
        "1e",
        "12:30",
        "2019-7-1",
        "1 2",
        "\"a'b\"",
        "'a\"b'",
        "9223372036854775807",
        "-9223372036854775808",
        "{a: {b: {c: [d, e]}}}",
        "[{a: b}, {c: d}]",
        "{'q': 'r'}",
    ];
    const KEYS: &[&str] = &[
        "title", "a", "b", "rows", "m", "n", "f", "2024", "k_1", "x", "null", "true", "01", "1e3",
        "s", "t",
    ];

    #[derive(Debug, Clone)]
    enum Shape {
        Inline(usize),
        Nested(Vec<(usize, usize)>, usize),
        List(Vec<usize>, usize),
    }

    fn shape() -> impl proptest::strategy::Strategy<Value = Shape> {
        use proptest::prelude::*;
        let atom = 0..ATOMS.len();
        prop_oneof![
            atom.clone().prop_map(Shape::Inline),
            (
                proptest::collection::vec((0..KEYS.len(), atom.clone()), 1..4),
                1..4usize
            )
                .prop_map(|(e, i)| Shape::Nested(e, i)),
            (proptest::collection::vec(atom, 1..4), 0..3usize).prop_map(|(e, i)| Shape::List(e, i)),
        ]
    }

    fn document(entries: &[(usize, Shape)]) -> String {
        let mut yaml = String::new();
        for (k, shape) in entries {
            let key = KEYS[*k];
            match shape {
                Shape::Inline(a) => yaml.push_str(&format!("{key}: {}\n", ATOMS[*a])),
                Shape::Nested(e, indent) => {
                    yaml.push_str(&format!("{key}:\n"));
                    for (k, a) in e {
                        let pad = " ".repeat(*indent);
                        yaml.push_str(&format!("{pad}{}: {}\n", KEYS[*k], ATOMS[*a]));
                    }
                }
                Shape::List(e, indent) => {
                    yaml.push_str(&format!("{key}:\n"));
                    for a in e {
                        yaml.push_str(&format!("{}- {}\n", " ".repeat(*indent), ATOMS[*a]));
                    }
                }
            }
        }
        yaml
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(10000))]
        /// Whatever the subset reads, it reads as the full parser does.
        #[test]
        fn reads_what_it_reads_as_the_full_parser_does(
            entries in proptest::collection::vec((0..KEYS.len(), shape()), 1..6),
            crlf in proptest::bool::ANY,
        ) {
            let yaml = document(&entries);
            same_as_full_parser(&if crlf { yaml.replace('\n', "\r\n") } else { yaml });
        }
    }

    /// Characters and pieces that matter to YAML, for documents of any shape.
    const SOUP: &[&str] = &[
        " ", "  ", ": ", ":", "- ", "-", "[", "]", "{", "}", ", ", ",", "\"", "'", "a", "b1", "0",
        "12", ".", "\n", "\n  ", "\n- ", "中文", "~", "#", "!", "&", "*", "?", "|", ">", "%", "@",
        "`", "\r\n", "\r", "\u{3000}", "e", "x", "true", "null", "-1", "1.5", "0x1", "\\", "\t",
        "k: ", "\nk: ", "\n  k: ",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20000))]
        /// Whatever the subset reads of any jumble of YAML's characters, it reads as the full
        /// parser does.
        #[test]
        fn reads_any_jumble_as_the_full_parser_does(
            pieces in proptest::collection::vec(proptest::sample::select(SOUP), 0..40),
        ) {
            same_as_full_parser(&format!("k: {}", pieces.concat()));
        }
    }

    /// Some jumbles are read by the subset: the comparison above is not made on none.
    #[test]
    fn reads_some_jumbles() {
        use proptest::strategy::{Strategy, ValueTree};
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let strategy = proptest::collection::vec(proptest::sample::select(SOUP), 0..40);
        let mut read = 0;
        for _ in 0..20_000 {
            let pieces = strategy.new_tree(&mut runner).unwrap().current();
            read += usize::from(same_as_full_parser(&format!("k: {}", pieces.concat())));
        }
        eprintln!("{read} of 20000 jumbles read by the subset");
        assert!(read > 100, "{read} of 20000 jumbles read by the subset");
    }

    /// The generated documents are not all left to the full parser: the comparison above is
    /// made on many of them.
    #[test]
    fn reads_most_plain_documents() {
        use proptest::strategy::{Strategy, ValueTree};
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let strategy = proptest::collection::vec((0..KEYS.len(), shape()), 1..6);
        let mut read = 0;
        for _ in 0..2000 {
            let entries = strategy.new_tree(&mut runner).unwrap().current();
            read += usize::from(same_as_full_parser(&document(&entries)));
        }
        assert!(read > 100, "{read} of 2000 read by the subset");
    }
}
