//! The template engine: the theme's templates compiled once into a [`tera::Tera`], the site-wide
//! values set once in its global context, and template errors turned into diagnostics that name
//! the template file and line.

use tera::{Context, Kwargs, State, StringInput, Tera, TeraResult, Value};

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

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates")
            .field(
                "templates",
                &self.theme.templates.keys().collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

impl Templates {
    /// Compiles every template of the theme; all-or-nothing, as Tera checks inheritance.
    pub fn compile(theme: &Theme) -> Result<Templates, Diagnostic> {
        let mut tera = Tera::default();
        tera.autoescape_on([".html", ".xml"]);
        tera.set_escape_fn(escape_html);
        tera.register_filter("fill", fill);
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
        // Only what `set` sets, also when the templates are reused from the last build.
        *self.tera.global_context() = Context::new();
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

/// The `fill` filter: `{{ t.results_summary | fill(issued=86, returned=85) }}` is the text with
/// each `{name}` given as an argument replaced by its value (numbers written out), the way the
/// theme's words take their figures. Text is escaped as any output is; a safe value (`| safe`, a
/// `{% set %}` block) is kept as markup. One call for all the placeholders of a sentence: a chain
/// of `replace` filters cost a table several times as much.
fn fill(text: StringInput, kwargs: Kwargs, state: &State) -> TeraResult<Value> {
    // With markup among the parts, the others are escaped here and the result is markup.
    let markup =
        state.autoescaping_enabled() && (text.is_safe() || kwargs.iter().any(|(_, v)| v.is_safe()));
    let push = |out: &mut String, s: &str, safe: bool| -> TeraResult<()> {
        if markup && !safe {
            out.push_str(&state.escape(s)?);
        } else {
            out.push_str(s);
        }
        Ok(())
    };
    let mut out = String::with_capacity(text.as_str().len() + 32);
    let mut rest = text.as_str();
    while let Some(i) = rest.find('{') {
        push(&mut out, &rest[..i], text.is_safe())?;
        let open = &rest[i + 1..];
        let value = open.find('}').and_then(|end| {
            let name = &open[..end];
            kwargs
                .iter()
                .find(|(k, _)| k.as_str() == Some(name))
                .map(|(_, v)| (end, v))
        });
        match value {
            Some((end, v)) => {
                match v.as_str() {
                    Some(s) => push(&mut out, s, v.is_safe())?,
                    None => push(&mut out, &v.to_string(), false)?,
                }
                rest = &open[end + 1..];
            }
            None => {
                out.push('{');
                rest = open;
            }
        }
    }
    push(&mut out, rest, text.is_safe())?;
    Ok(if markup {
        Value::safe_string(&out)
    } else {
        Value::from(out)
    })
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
        // Some checks (unknown filters, tests and included templates) come as a finished
        // report: its ` --> NAME:LINE:COL` line says where.
        _ => located(&e.to_string()).unwrap_or((String::new(), 1, 1, e.to_string())),
    };
    let span = match theme.templates.get(&name) {
        Some(src) => Span::in_text(&src.origin, &src.text, line, col),
        None if name.is_empty() => Span::file("templates"),
        None => Span::file(&name),
    };
    Diagnostic::error(span, Problem::Template(message))
}

/// The template, line, column and first line of a report that reads `error: MESSAGE`, then
/// ` --> NAME:LINE:COL` on a line of its own.
fn located(report: &str) -> Option<(String, usize, usize, String)> {
    let at = report
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("--> "))?;
    let mut parts = at.trim().rsplitn(3, ':');
    let col = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    let name = parts.next()?.to_string();
    let first = report.lines().next().unwrap_or("");
    let message = first.strip_prefix("error: ").unwrap_or(first).to_string();
    Some((name, line, col, message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finished_reports_say_where() {
        let r = "error: Unknown filter `x`\n --> partials/a.html:3:21\n  |\n3 | {{ a | x }}\n";
        assert_eq!(
            located(r),
            Some(("partials/a.html".into(), 3, 21, "Unknown filter `x`".into()))
        );
        assert_eq!(located("no place"), None);
    }

    #[test]
    fn fill_writes_each_placeholder_once_escaping_text() {
        let mut tera = Tera::default();
        tera.set_escape_fn(escape_html);
        tera.register_filter("fill", fill);
        let mut ctx = Context::new();
        ctx.insert("text", "共{n}人，{who}<{n}>{unknown}{");
        ctx.insert("who", "A&B");
        ctx.insert("bold", "<b>");
        let render = |src: &str| tera.render_str(src, &ctx, true).unwrap();
        // Numbers written out, text escaped with the rest, unknown placeholders kept.
        assert_eq!(
            render("{{ text | fill(n=3, who=who) }}"),
            "共3人，A&amp;B&lt;3&gt;{unknown}{"
        );
        // A safe value stays markup; everything else is escaped all the same.
        assert_eq!(
            render("{% set b %}<b>{{ who }}</b>{% endset %}{{ text | fill(n=3, who=b) }}"),
            "共3人，<b>A&amp;B</b>&lt;3&gt;{unknown}{"
        );
        assert_eq!(render("{{ bold | fill(x=1) }}"), "&lt;b&gt;");
        // Without autoescaping nothing is escaped.
        assert_eq!(
            tera.render_str("{{ text | fill(n=3, who=who) }}", &ctx, false)
                .unwrap(),
            "共3人，A&B<3>{unknown}{"
        );
    }

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
