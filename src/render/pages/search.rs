//! Search: the index (written in shards, see `render::search`) and the page whose script
//! reads it.

use crate::diagnostics::{Diagnostic, Problem, Span};
use crate::render::i18n;
use crate::render::renderer::Renderer;
use crate::render::search::{self, SearchState};

impl Renderer<'_> {
    /// The search index, from the plain texts of the bodies parsed by this build (and, in a
    /// rebuild, `state`, the index of the last one, updated in place).
    pub(crate) fn write_search_index(
        &mut self,
        state: Option<&mut SearchState>,
    ) -> Vec<Diagnostic> {
        let bodies = std::mem::take(&mut self.body_texts)
            .into_iter()
            .map(std::sync::OnceLock::into_inner)
            .collect();
        let errors = std::sync::Mutex::new(Vec::new());
        let emit = |rel: &str, json: Option<&str>| {
            self.emitted(rel);
            if let Some(json) = json
                && let Err(e) = self.output.write(rel, json.as_bytes())
            {
                let d = Diagnostic::error(Span::file(rel), Problem::Io(e.words()));
                errors.lock().unwrap_or_else(|e| e.into_inner()).push(d);
            }
        };
        search::write_index(
            self.board,
            &self.summaries,
            bodies,
            self.site.config.language,
            state,
            &emit,
        );
        errors.into_inner().unwrap_or_else(|e| e.into_inner())
    }

    /// `search.html`: the search form and its results (filled by `search.js`).
    pub(crate) fn render_search_page(&self) -> Result<(), Diagnostic> {
        let lang = self.site.config.language;
        let mut ctx = self.context("search.html", i18n::t(lang, "search"), "search.html");
        let labels: std::collections::BTreeMap<&str, &str> = [
            ("searching", "search_searching"),
            ("count", "search_count"),
            ("more", "search_more"),
            ("unavailable", "search_unavailable"),
            ("file", "search_file"),
        ]
        .into_iter()
        .map(|(k, v)| (k, i18n::t(lang, v)))
        .collect();
        ctx.insert(
            "labels",
            &serde_json::to_string(&labels).unwrap_or_default(),
        );
        self.write_page("search.html", "search.html", &ctx)
    }
}
