//! QR codes for printed notices: an SVG generated at build time (deterministic, no image
//! library) that links the paper on the board to the page online.

use std::fmt::Write;

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel};

/// The eight mask patterns of a (non-micro) QR code, in the standard's order.
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// The modules of a QR code for `data` (row by row, `true` = dark) and its width, with the mask
/// of lowest penalty (ISO/IEC 18004 §7.8.3). The qrcode crate encodes; we score the masks
/// ourselves on rows and columns as bit sets, about fifty times faster than the crate's own
/// scoring, which was a fifth of a whole build with a QR code on every notice.
fn modules(data: &[u8]) -> Option<(Vec<bool>, usize)> {
    let bits = qrcode::bits::encode_auto(data, EcLevel::M).ok()?;
    let version = bits.version();
    let (data, ec) =
        qrcode::ec::construct_codewords(&bits.into_bytes(), version, EcLevel::M).ok()?;
    let mut canvas = Canvas::new(version, EcLevel::M);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    let width = usize::try_from(version.width()).ok()?;
    let masked = |mask: MaskPattern| -> Vec<bool> {
        let mut c = canvas.clone();
        c.apply_mask(mask);
        c.into_colors()
            .into_iter()
            .map(|m| m == Color::Dark)
            .collect()
    };
    // Symbols wider than 128 modules (URLs of over 300 bytes) keep the first mask: still valid.
    if width > 128 {
        return Some((masked(MASKS[0]), width));
    }
    MASKS
        .iter()
        .map(|&mask| {
            let dark = masked(mask);
            (penalty(&dark, width), dark)
        })
        // The first of equal scores, so the choice never depends on anything but the data.
        .min_by_key(|(score, _)| *score)
        .map(|(_, dark)| (dark, width))
}

/// The rows of a symbol as bit sets (bit `x` = module `x` is dark) and the same of its columns.
fn bit_lines(dark: &[bool], w: usize) -> (Vec<u128>, Vec<u128>) {
    let mut rows = vec![0u128; w];
    let mut cols = vec![0u128; w];
    for (i, _) in dark.iter().enumerate().filter(|(_, d)| **d) {
        let (y, x) = (i / w, i % w);
        rows[y] |= 1 << x;
        cols[x] |= 1 << y;
    }
    (rows, cols)
}

/// The penalty of a masked symbol (at most 128 modules wide): runs of five or more, 2×2 blocks,
/// finder-like patterns (1:1:3:1:1 with four light modules on a side) in rows and columns, and
/// the dark/light balance.
fn penalty(dark: &[bool], w: usize) -> u32 {
    let (rows, cols) = bit_lines(dark, w);
    let inside = if w == 128 {
        u128::MAX
    } else {
        (1u128 << w) - 1
    };
    let mut score: u32 = rows
        .iter()
        .chain(&cols)
        .map(|&l| line_penalty(l, inside))
        .sum();
    for pair in rows.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        // Same colour above and below, at x and x+1, and the same along the top row.
        let same = !(a ^ b) & !(a ^ (a >> 1));
        let blocks = same & (!(a ^ b) >> 1) & (inside >> 1);
        score += 3 * blocks.count_ones();
    }
    let darks = dark.iter().filter(|&&d| d).count();
    let percent = darks * 100 / dark.len();
    score + (percent.abs_diff(50) / 5) as u32 * 10
}

/// Runs of five or more same-coloured modules (3 + extra length) and finder-like patterns (40
/// each) in one row or column given as bits; outside `inside` is the light quiet zone.
fn line_penalty(dark: u128, inside: u128) -> u32 {
    let light = !dark & inside;
    let mut score = 0;
    for l in [dark, light] {
        // Bit j: modules j..j+5 all of the colour; a run of n ≥ 5 has n − 4 of these and one
        // start, and costs 3 + (n − 5) = (n − 4) + 2.
        let five = l & (l >> 1) & (l >> 2) & (l >> 3) & (l >> 4);
        score += five.count_ones() + 2 * (five & !(five << 1)).count_ones();
    }
    let d = dark;
    let finder = d & !(d >> 1) & (d >> 2) & (d >> 3) & (d >> 4) & !(d >> 5) & (d >> 6) & inside;
    let light_before = !((d << 1) | (d << 2) | (d << 3) | (d << 4));
    let light_after = !((d >> 7) | (d >> 8) | (d >> 9) | (d >> 10));
    score + 40 * (finder & (light_before | light_after)).count_ones()
}

/// An inline SVG QR code for `url`, with a text alternative; `None` if the URL is too long. One
/// path with a segment per horizontal run of dark modules, scaled by the viewBox: a few hundred
/// path commands instead of one rectangle per module.
pub fn svg_for(url: &str, label: &str) -> Option<String> {
    let (dark, width) = modules(url.as_bytes())?;
    let quiet = 4;
    let size = width + 2 * quiet;
    let mut path = String::with_capacity(width * width);
    for y in 0..width {
        let row = &dark[y * width..(y + 1) * width];
        let mut x = 0;
        while x < width {
            if row[x] {
                let start = x;
                while x < width && row[x] {
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
    /// Reads a symbol back with an independent decoder (rqrr), from an image scaled ×4 with the
    /// quiet zone, as a phone would see it.
    fn decode(dark: &[bool], width: usize) -> String {
        let scale = 4;
        let size = (width + 8) * scale;
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(size, size, |x, y| {
            let (mx, my) = (x / scale, y / scale);
            let inside = (4..width + 4).contains(&mx) && (4..width + 4).contains(&my);
            if inside && dark[(my - 4) * width + (mx - 4)] {
                0
            } else {
                255
            }
        });
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1, "one QR code found");
        grids[0].decode().expect("decodes").1
    }

    #[test]
    fn codes_decode_to_their_url_whatever_mask_is_chosen() {
        let mut masks = std::collections::BTreeSet::new();
        for i in 0..200 {
            let url = format!(
                "https://www.qhex.edu.cn/xwgk/notices/{}-{i}.html",
                "fee-2026".repeat(1 + i % 7)
            );
            let (dark, width) = super::modules(url.as_bytes()).unwrap();
            assert_eq!(decode(&dark, width), url);
            // The format bits (row 8, columns 2..=4) carry the mask chosen: see all of them.
            masks.insert((
                dark[8 * width + 2],
                dark[8 * width + 3],
                dark[8 * width + 4],
            ));
        }
        assert!(masks.len() >= 6, "masks chosen: {masks:?}");
    }

    /// A line of modules written as `#` (dark) and `.` (light), as bits.
    fn line(s: &str) -> (u128, u128) {
        let bits = s
            .chars()
            .enumerate()
            .filter(|(_, c)| *c == '#')
            .map(|(i, _)| 1u128 << i);
        (bits.sum(), (1u128 << s.len()) - 1)
    }

    #[test]
    fn penalty_follows_the_standard_rules() {
        let score = |s: &str| {
            let (dark, inside) = line(s);
            super::line_penalty(dark, inside)
        };
        // Runs: 3 points for five, one more per extra module, dark or light.
        assert_eq!(score("......."), 5);
        assert_eq!(score("#####.#####"), 6);
        assert_eq!(score("####.####"), 0);
        // A finder-like pattern with four light modules on either side (the quiet zone counts).
        assert_eq!(score("....#.###.#"), 40);
        assert_eq!(score("#.###.#"), 40);
        assert_eq!(score("#.#.###.#.#"), 0);
        // Balance: all dark is 50 % off, 10 points per 5 %; 2×2 blocks 3 each; runs in rows and
        // columns.
        // Balance: all dark is 50 % off, 10 points per 5 %; 2×2 blocks 3 each; runs in rows and
        // columns.
        let dark = vec![true; 25];
        assert_eq!(super::penalty(&dark, 5), 100 + 16 * 3 + 10 * 3);
    }

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
