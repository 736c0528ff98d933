//! Corrections (更正) must name the notice they correct: `corrects: SLUG` of a notice this
//! build publishes, or of one withdrawn (its URL still answers).

use crate::board::Board;
use crate::diagnostics::Words;
use crate::diagnostics::{Diagnostics, Problem};

/// Reports each `corrects:` that leads to no notice of the board.
pub fn check(board: &Board, diags: &mut Diagnostics) {
    for e in &board.entries {
        let Some(target) = &e.notice.corrects else {
            continue;
        };
        if e.corrects.is_none() {
            diags.error(
                e.notice.corrects_span(),
                Problem::InvalidValue {
                    field: "corrects".into(),
                    message: Words::new(
                        format!("no published notice has the URL `notices/{target}.html`"),
                        format!("没有网址为 `notices/{target}.html` 的已发布公示"),
                    ),
                },
            );
        }
    }
}
