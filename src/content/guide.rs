//! The disclosure guide's own text (`content/_guide.md`): read as written, for the guide page.

use std::path::Path;

use crate::diagnostics::{Diagnostics, Problem, Span, Words};

/// The guide's file, relative to the site root.
pub const FILE: &str = "content/_guide.md";

/// The Markdown of `content/_guide.md`, with the path it is reported at.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GuideText {
    pub rel: String,
    pub text: String,
}

/// Reads `ROOT/content/_guide.md` when there is one. A file that leads outside `content/`
/// (through a symlink) is not read: it is an error, as for an attachment.
pub fn load(root: &Path, diags: &mut Diagnostics) -> Option<GuideText> {
    let path = root.join(FILE);
    std::fs::symlink_metadata(&path).ok()?;
    if !crate::paths::within(&root.join(super::CONTENT_DIR), &path) {
        diags.error(Span::file(FILE), Problem::OutsideSite(FILE.into()));
        return None;
    }
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            diags.error(Span::file(FILE), Problem::Io(Words::io(&e)));
            return None;
        }
    };
    let text = super::decode(bytes, FILE, diags)?;
    Some(GuideText {
        rel: FILE.into(),
        text,
    })
}
