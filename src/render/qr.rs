//! QR codes for printed notices: an SVG generated at build time (deterministic, no image
//! library) that links the paper on the board to the page online.

use std::fmt::Write;

use qrcode::{Color, EcLevel, QrCode};

/// An inline SVG QR code for `url`, with a text alternative; `None` if the URL is too long. One
/// path with a segment per horizontal run of dark modules, scaled by the viewBox: a few hundred
/// path commands instead of one rectangle per module.
pub fn svg_for(url: &str, label: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let quiet = 4;
    let size = width + 2 * quiet;
    let mut path = String::with_capacity(width * width);
    for y in 0..width {
        let row = &colors[y * width..(y + 1) * width];
        let mut x = 0;
        while x < width {
            if row[x] == Color::Dark {
                let start = x;
                while x < width && row[x] == Color::Dark {
                    x += 1;
                }
                let _ = write!(
                    path,
                    "M{} {}h{}v1h-{}z",
                    start + quiet,
                    y + quiet,
                    x - start,
                    x - start
                );
            } else {
                x += 1;
            }
        }
    }
    let label = crate::render::tables::esc(label);
    Some(format!(
        "<svg class=\"qr-code\" role=\"img\" aria-label=\"{label}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"132\" height=\"132\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn deterministic_inline_svg() {
        let a = super::svg_for(
            "https://www.qhex.edu.cn/xwgk/notices/fees-2026.html",
            "二维码",
        )
        .unwrap();
        let b = super::svg_for(
            "https://www.qhex.edu.cn/xwgk/notices/fees-2026.html",
            "二维码",
        )
        .unwrap();
        assert_eq!(a, b);
        assert!(
            a.starts_with("<svg class=\"qr-code\" role=\"img\" aria-label=\"二维码\""),
            "{a}"
        );
        assert!(!a.contains("<?xml"));
    }
}
