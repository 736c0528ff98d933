//! Term pages: the index of tags, departments, school years and archives, each term with its
//! URL and count; archived years lead to their archive.

use serde::Serialize;

use crate::board::Board;
use crate::diagnostics::Diagnostic;
use crate::render::i18n;
use crate::render::renderer::Renderer;
use std::borrow::Cow;

use crate::board::Group;
use crate::render::context::{group_url, year_url};

#[derive(Serialize, Hash)]
pub(crate) struct TermView {
    pub(crate) name: String,
    pub(crate) url: String,
    pub(crate) count: usize,
}

/// The archived school years the board leads to, newest first, as terms leading to each
/// archive (`2025-2026{suffix}（已归档）`) with its count of notices.
pub(crate) fn archived_year_terms(
    board: &Board,
    lang: crate::config::Language,
    suffix: &str,
) -> Vec<TermView> {
    let counts = board.archived_counts();
    board
        .archived_years()
        .into_iter()
        .map(|y| TermView {
            count: counts
                .iter()
                .filter(|((year, _), _)| *year == y)
                .map(|(_, n)| n)
                .sum(),
            url: format!("archive/{y}/index.html"),
            name: format!("{y}{suffix}（{}）", i18n::t(lang, "archived_mark")),
        })
        .collect()
}

/// The archived school years, newest first.
pub(crate) fn archive_terms(board: &Board, lang: crate::config::Language) -> Vec<TermView> {
    board
        .archives
        .iter()
        .map(|a| TermView {
            name: format!("{}{}", a.year, i18n::t(lang, "year_suffix")),
            url: format!("archive/{}/index.html", a.year),
            count: a.notice_count(),
        })
        .collect()
}

impl Renderer<'_> {
    /// The term pages: tags, departments, school years (archived ones lead to their archive)
    /// and, when there are any, the archives.
    pub(crate) fn render_all_terms(
        &self,
        pages: &mut Vec<Cow<'_, str>>,
        errors: &mut Vec<Diagnostic>,
    ) {
        let (board, lang) = (self.board, self.site.config.language);
        let term = |groups: &[Group], section: &str| -> Vec<TermView> {
            groups
                .iter()
                .map(|g| TermView {
                    name: g.name.clone(),
                    url: group_url(section, g),
                    count: g.items.len(),
                })
                .collect()
        };
        let suffix = i18n::t(lang, "year_suffix");
        let years: Vec<TermView> = board
            .years
            .iter()
            .map(|(y, items)| TermView {
                name: format!("{}{suffix}", y.label()),
                url: year_url(&y.label()),
                count: items.len(),
            })
            .chain(archived_year_terms(board, lang, suffix))
            .collect();
        let mut results = vec![
            self.render_terms("tags", "tags", term(&board.tags, "tags")),
            self.render_terms(
                "departments",
                "departments",
                term(&board.departments, "departments"),
            ),
            self.render_terms("years", "school_years", years),
        ];
        if !board.archives.is_empty() {
            results.push(self.render_terms("archive", "archives", archive_terms(board, lang)));
        }
        for res in results {
            match res {
                Ok(url) => pages.push(url.into()),
                Err(d) => errors.push(d),
            }
        }
    }

    pub(crate) fn render_terms(
        &self,
        section: &str,
        title_key: &str,
        terms: Vec<TermView>,
    ) -> Result<String, Diagnostic> {
        let path = format!("{section}/index.html");
        let title = i18n::t(self.site.config.language, title_key);
        let mut ctx = self.context(&path, title, "terms.html");
        ctx.insert("terms", &terms);
        ctx.insert("section", section);
        self.write_page("terms.html", &path, &ctx)?;
        Ok(path)
    }
}
