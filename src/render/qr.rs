//! QR codes for printed notices: an SVG generated at build time (deterministic, no image
//! library) that links the paper on the board to the page online.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// An inline SVG QR code for `url`, with a text alternative; `None` if the URL is too long.
pub fn svg_for(url: &str, label: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()?;
    let svg = code
        .render::<svg::Color>()
        .min_dimensions(132, 132)
        .dark_color(svg::Color("#000"))
        .light_color(svg::Color("#fff"))
        .build();
    // Inline in HTML: no XML declaration; labelled for screen readers.
    let svg = svg.trim_start_matches(|c| c != '>').trim_start_matches('>');
    let label = crate::render::tables::esc(label);
    Some(svg.replacen(
        "<svg ",
        &format!("<svg class=\"qr-code\" role=\"img\" aria-label=\"{label}\" "),
        1,
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
