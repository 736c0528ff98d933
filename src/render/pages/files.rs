//! Files copied as they are: the archives of past school years and the theme's static files.

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Problem, Span};
use crate::render::renderer::Renderer;
use crate::theme::{StaticFile, Theme};

impl Renderer<'_> {
    /// Copies every archive into the output as it is: never rendered again.
    pub(crate) fn copy_archives(&self) -> Result<(), Diagnostic> {
        for a in &self.board.archives {
            for rel in crate::paths::files_under(&a.dir) {
                let source = a.dir.join(&rel);
                self.copy(
                    &format!("archive/{}/{rel}", a.year),
                    &source,
                    &format!("archive/{}", a.year),
                )?;
            }
        }
        Ok(())
    }

    pub(crate) fn write_statics(&self, theme: &Theme) -> Result<usize, Diagnostic> {
        theme
            .statics
            .par_iter()
            .map(|(rel, file)| match file {
                StaticFile::Embedded(bytes) => {
                    self.emitted(rel);
                    self.output
                        .write(rel, bytes)
                        .map_err(|e| Diagnostic::error(Span::file(rel), Problem::Io(e.words())))
                }
                StaticFile::Disk(path) => self.copy(rel, path, rel),
            })
            .collect::<Result<Vec<()>, _>>()
            .map(|v| v.len())
    }
}
