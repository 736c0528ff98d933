//! The template engine: the theme's templates compiled once into a [`tera::Tera`], the site-wide
//! values set once in its global context, and template errors turned into diagnostics that name
//! the template file and line.

use tera::{Context, Tera};

use crate::diagnostics::{Diagnostic, Problem, Span};
use crate::theme::Theme;

/// Compiled templates, and where each came from.
pub struct Templates {
    pub tera: Tera,
    /// A copy of `tera` for each rendering thread, with site-wide values of its own: every
    /// lookup of a site-wide value (`t.…`, `site.…`) clones it, and with one copy the two
    /// threads kept taking the same reference counts from each other.
    per_thread: Vec<Tera>,
    theme: Theme,
}

impl Templates {
    /// Compiles every template of the theme; all-or-nothing, as Tera checks inheritance.
    pub fn compile(theme: &Theme) -> Result<Templates, Diagnostic> {
        let mut tera = Tera::default();
        tera.autoescape_on([".html", ".xml"]);
        tera.set_escape_fn(escape_html);
        tera.add_raw_templates(
            theme
                .templates
                .iter()
                .map(|(name, src)| (name.as_str(), src.text.as_str())),
        )
        .map_err(|e| error(theme, &e))?;
        Ok(Templates {
            tera,
            per_thread: Vec::new(),
            theme: theme.clone(),
        })
    }

    /// Sets the site-wide values with `set`, on the templates and, when `copies` (a build that
    /// renders every page; not worth its milliseconds for serve's few pages), on a copy of them
    /// for each rendering thread.
    pub fn set_globals<R>(&mut self, copies: bool, set: impl Fn(&mut Tera) -> R) -> R {
        let r = set(&mut self.tera);
        let threads = if copies {
            rayon::current_num_threads()
        } else {
            0
        };
        self.per_thread = (0..threads)
            .map(|_| {
                let mut tera = self.tera.clone();
                // Values made again, not shared with the other copies.
                set(&mut tera);
                tera
            })
            .collect();
        r
    }

    /// The templates for the calling thread.
    fn tera(&self) -> &Tera {
        rayon::current_thread_index()
            .and_then(|i| self.per_thread.get(i))
            .unwrap_or(&self.tera)
    }

    /// Renders template `name` into bytes (UTF-8): straight into a buffer, never validated
    /// again as a string.
    pub fn render(&self, name: &str, ctx: &Context) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::with_capacity(32 * 1024);
        self.tera()
            .render_to(name, ctx, &mut out)
            .map_err(|e| error(&self.theme, &e))?;
        Ok(out)
    }
}

/// Tera's HTML escaping (`&`, `<`, `>`, `"` and `'`, the same entities), writing the runs
/// between special characters whole: Tera's own writes every byte on its own through the
/// `dyn Write`, and escaping was the largest single cost of rendering a page.
pub fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    let mut from = 0;
    for (i, b) in bytes.iter().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[from..i])?;
        out.write_all(entity)?;
        from = i + 1;
    }
    out.write_all(&bytes[from..])
}

fn error(theme: &Theme, e: &tera::Error) -> Diagnostic {
    use tera::ErrorKind;
    let (name, line, col, message) = match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => (
            r.filename().to_string(),
            r.span().start_line,
            r.span().start_col + 1,
            r.message().to_string(),
        ),
        ErrorKind::MissingParent { current, .. } => (current.clone(), 1, 1, e.to_string()),
        ErrorKind::CircularExtend { tpl, .. } | ErrorKind::CircularInclude { tpl, .. } => {
            (tpl.clone(), 1, 1, e.to_string())
        }
        _ => (String::new(), 1, 1, e.to_string()),
    };
    let span = match theme.templates.get(&name) {
        Some(src) => Span::in_text(&src.origin, &src.text, line, col),
        None if name.is_empty() => Span::file("templates"),
        None => Span::file(&name),
    };
    Diagnostic::error(span, Problem::Template(message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_exactly_as_tera_does() {
        for s in [
            "",
            "plain",
            "<script>alert('x')</script>",
            "a & b \"c\" <d> 'e'",
            "&&&",
            "公示期：2025年7月10日 <至> 17日 & 联系人“张老师”",
            "'",
            "x<",
        ] {
            let mut ours = Vec::new();
            escape_html(s, &mut ours).unwrap();
            let mut theirs = Vec::new();
            tera::escape_html(s, &mut theirs).unwrap();
            assert_eq!(ours, theirs, "{s}");
        }
    }
}
