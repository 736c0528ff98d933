//! Splitting a notice file into its YAML front matter and its Markdown body, keeping the line
//! numbers of both so that errors point into the file as the clerk sees it.

use crate::diagnostics::Problem;

/// The two parts of a notice file.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Lines of the file before the YAML (the opening `---`).
    pub yaml_line_offset: usize,
    pub body: &'a str,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
}

/// Splits `text` (already without a byte-order mark). The front matter opens with a line `---`
/// and closes with `---` or `...`; lines may end in CRLF.
pub fn split(text: &str) -> Result<Split<'_>, Problem> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(Problem::NoFrontMatter);
    }
    let yaml_start = first.len();
    let mut pos = yaml_start;
    let mut line_no = 1;
    for line in lines {
        line_no += 1;
        let t = line.trim_end();
        if t == "---" || t == "..." {
            return Ok(Split {
                yaml: &text[yaml_start..pos],
                yaml_line_offset: 1,
                body: &text[pos + line.len()..],
                body_line: line_no + 1,
            });
        }
        pos += line.len();
    }
    Err(Problem::UnclosedFrontMatter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_with_crlf() {
        let s = split("---\r\ntitle: a\r\n---\r\nbody\r\n").unwrap();
        assert_eq!(s.yaml, "title: a\r\n");
        assert_eq!(s.body, "body\r\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn errors() {
        assert_eq!(split("title: a\n"), Err(Problem::NoFrontMatter));
        assert_eq!(split("---\ntitle: a\n"), Err(Problem::UnclosedFrontMatter));
        assert_eq!(split(""), Err(Problem::NoFrontMatter));
        let s = split("---\n---").unwrap();
        assert_eq!((s.yaml, s.body), ("", ""));
    }
}
