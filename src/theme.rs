//! The theme: templates and static files, layered. The default theme is embedded in the binary;
//! a theme folder in the site (`themes/NAME/`) and the site's own `templates/` and `static/`
//! override it one file at a time, by name.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::config::Site;
use crate::diagnostics::{Diagnostics, Problem, Span, display_path};

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where a template came from, for error messages.
#[derive(Debug, Clone, Hash)]
pub struct TemplateSource {
    /// `themes/default/templates/notice.html (built in)` or the site-relative path.
    pub origin: String,
    pub text: String,
}

/// Bytes of a static file, embedded or on disk.
#[derive(Debug, Clone)]
pub enum StaticFile {
    Embedded(&'static [u8]),
    Disk(PathBuf),
}

/// The resolved theme.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// By template name (`notice.html`, `partials/pager.html`).
    pub templates: BTreeMap<String, TemplateSource>,
    /// By output path.
    pub statics: BTreeMap<String, StaticFile>,
}

impl Theme {
    /// The theme of `site` under `root`, with its layers applied.
    pub fn load(root: &Path, site: &Site, diags: &mut Diagnostics) -> Theme {
        let mut theme = Theme::default();
        theme.add_embedded(&DEFAULT_THEME);
        let name = &site.config.theme;
        let theme_dir = root.join("themes").join(name);
        if !crate::config::is_plain_name(name) {
            // Reported with site.yaml's other settings.
        } else if !crate::paths::within(root, &theme_dir) {
            diags.error(
                Span::file(crate::config::SITE_FILE),
                Problem::OutsideSite(format!("themes/{name}")),
            );
        } else if theme_dir.is_dir() {
            theme.add_disk(
                root,
                &theme_dir.join("templates"),
                &theme_dir.join("static"),
                diags,
            );
        } else if name != "default" {
            diags.error(
                Span::file(crate::config::SITE_FILE),
                Problem::UnknownTheme(name.clone()),
            );
        }
        theme.add_disk(root, &root.join("templates"), &root.join("static"), diags);
        theme
    }

    /// The default theme alone, as embedded.
    pub fn embedded() -> Theme {
        let mut theme = Theme::default();
        theme.add_embedded(&DEFAULT_THEME);
        theme
    }

    fn add_embedded(&mut self, dir: &'static Dir<'static>) {
        for file in all_files(dir) {
            let path = file.path().to_string_lossy().replace('\\', "/");
            if let Some(name) = path.strip_prefix("templates/") {
                if let Some(text) = file.contents_utf8() {
                    self.templates.insert(
                        name.to_string(),
                        TemplateSource {
                            origin: format!("themes/default/{path} (built in)"),
                            text: text.to_string(),
                        },
                    );
                }
            } else if let Some(rel) = path.strip_prefix("static/") {
                self.statics
                    .insert(rel.to_string(), StaticFile::Embedded(file.contents()));
            }
        }
    }

    /// Adds the templates and static files under two folders of the site; a folder that leads
    /// outside the site (a symlink) is an error and is not read.
    fn add_disk(&mut self, root: &Path, templates: &Path, statics: &Path, diags: &mut Diagnostics) {
        for dir in [templates, statics] {
            if dir.exists() && !crate::paths::within(root, dir) {
                diags.error(
                    Span::file(&display_path(root, dir)),
                    Problem::OutsideSite(display_path(root, dir)),
                );
                return;
            }
        }
        for path in files_under(templates) {
            let name = display_path(templates, &path);
            let origin = display_path(root, &path);
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    self.templates.insert(name, TemplateSource { origin, text });
                }
                Err(e) => diags.error(
                    Span::file(&origin),
                    Problem::Io(crate::diagnostics::Words::io(&e)),
                ),
            }
        }
        for path in files_under(statics) {
            self.statics
                .insert(display_path(statics, &path), StaticFile::Disk(path));
        }
    }
}

fn all_files(dir: &'static Dir<'static>) -> Vec<&'static include_dir::File<'static>> {
    let mut out = Vec::new();
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        out.extend(d.files());
        stack.extend(d.dirs());
    }
    out.sort_by_key(|f| f.path());
    out
}

/// Files below `dir` in sorted order, skipping names that start with `.`.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}
