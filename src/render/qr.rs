//! QR codes for printed notices: an SVG generated at build time (deterministic, no image
//! library) that links the paper on the board to the page online.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use qrcode::canvas::{Canvas, MaskPattern, Module};
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
/// of lowest penalty (ISO/IEC 18004 §7.8.3). The qrcode crate encodes and places the data; we
/// apply and score the eight masks ourselves on rows and columns as bit sets, about fifty times
/// faster than the crate's per-module masking and scoring, which were a quarter of a whole
/// build with a QR code on every notice. Symbols wider than 128 modules (URLs of over 300
/// bytes) are left to the crate.
fn modules(data: &[u8]) -> Option<Symbol> {
    let bits = qrcode::bits::encode_auto(data, EcLevel::M).ok()?;
    let version = bits.version();
    let (codewords, ec) =
        qrcode::ec::construct_codewords(&bits.into_bytes(), version, EcLevel::M).ok()?;
    let w = usize::try_from(version.width()).ok()?;
    if w > 128 {
        let code = qrcode::QrCode::with_error_correction_level(data, EcLevel::M).ok()?;
        let dark = code
            .to_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect();
        return Some(Symbol::Flags(dark, w));
    }
    let layout = layout(version, w, codewords.len(), ec.len());
    let dark = placed(&layout, &codewords, &ec);
    // Masking is an XOR with the mask's pattern, so the columns of a masked symbol are the
    // unmasked columns masked with the pattern's columns: transposed once, not once per mask.
    let dark_cols = transpose(&dark, w);
    let [row_patterns, col_patterns] = &*patterns(w);
    let (_, best) = (0..MASKS.len())
        .map(|mask| {
            let rows = masked(&dark, &layout.maskable, &row_patterns[mask], mask, false);
            let cols = masked(
                &dark_cols,
                &layout.maskable_cols,
                &col_patterns[mask],
                mask,
                true,
            );
            (penalty(&rows, &cols, w), rows)
        })
        // The first of equal scores, so the choice never depends on anything but the data.
        .min_by_key(|(score, _)| *score)?;
    Some(Symbol::Bits(best))
}

/// A symbol's modules: bit rows (bit `x` of row `y` is the module at `x`, `y`) for symbols up to
/// 128 modules wide, else dark flags row by row with the width.
enum Symbol {
    Bits(Vec<u128>),
    Flags(Vec<bool>, usize),
}

impl Symbol {
    fn width(&self) -> usize {
        match self {
            Symbol::Bits(rows) => rows.len(),
            Symbol::Flags(_, w) => *w,
        }
    }

    /// Calls `run(y, start, end)` for each run of dark modules, row by row, left to right.
    fn runs(&self, mut run: impl FnMut(usize, usize, usize)) {
        match self {
            Symbol::Bits(rows) => {
                for (y, &row) in rows.iter().enumerate() {
                    let mut r = row;
                    while r != 0 {
                        let start = r.trailing_zeros() as usize;
                        let end = start + (!(r >> start)).trailing_zeros() as usize;
                        run(y, start, end);
                        r &= u128::MAX.checked_shl(end as u32).unwrap_or(0);
                    }
                }
            }
            Symbol::Flags(dark, w) => {
                for (y, row) in dark.chunks_exact(*w).enumerate() {
                    let mut x = 0;
                    while x < *w {
                        if !row[x] {
                            x += 1;
                            continue;
                        }
                        let start = x;
                        while x < *w && row[x] {
                            x += 1;
                        }
                        run(y, start, x);
                    }
                }
            }
        }
    }

    /// Dark flags row by row.
    #[cfg(test)]
    fn dark(&self) -> Vec<bool> {
        let w = self.width();
        let mut dark = vec![false; w * w];
        self.runs(|y, a, b| dark[y * w + a..y * w + b].fill(true));
        dark
    }
}

/// Where things go in a symbol of one version: its functional patterns (dark modules as bit
/// rows), the modules a mask applies to, and the module of each data bit in placement order.
struct Layout {
    functional: Vec<u128>,
    maskable: Vec<u128>,
    /// `maskable` as columns.
    maskable_cols: Vec<u128>,
    order: Vec<(u8, u8)>,
}

type Layouts = HashMap<(i16, usize, usize), Arc<Layout>>;
static LAYOUTS: LazyLock<Mutex<Layouts>> = LazyLock::new(Default::default);

/// The layout of `version` for `data` data and `ec` error correction codewords, found once per
/// process with the crate's own placement: the data bits are placed eleven times, time `p`
/// with each bit set to bit `p` of its own number, and each module's number read back.
fn layout(version: qrcode::Version, w: usize, data: usize, ec: usize) -> Arc<Layout> {
    let number = match version {
        qrcode::Version::Normal(v) | qrcode::Version::Micro(v) => v,
    };
    let mut cache = LAYOUTS.lock().unwrap_or_else(|e| e.into_inner());
    cache
        .entry((number, data, ec))
        .or_insert_with(|| {
            let mut canvas = Canvas::new(version, EcLevel::M);
            canvas.draw_all_functional_patterns();
            let (functional, maskable) = unmasked(&canvas, w);
            let bits = (data + ec) * 8;
            let mut numbers = vec![0usize; w * w];
            let mut placed = vec![false; w * w];
            let passes = usize::BITS - bits.leading_zeros();
            for p in 0..passes {
                let bytes: Vec<u8> = (0..data + ec)
                    .map(|i| (0..8).fold(0u8, |b, j| b << 1 | ((i * 8 + j) >> p & 1) as u8))
                    .collect();
                let mut c = canvas.clone();
                c.draw_data(&bytes[..data], &bytes[data..]);
                for (i, (n, seen)) in numbers.iter_mut().zip(placed.iter_mut()).enumerate() {
                    if let Module::Unmasked(color) = c.get((i % w) as i16, (i / w) as i16) {
                        *seen = true;
                        *n |= usize::from(color == Color::Dark) << p;
                    }
                }
            }
            let mut order = vec![(0u8, 0u8); bits];
            for (i, _) in placed.iter().enumerate().filter(|(_, p)| **p) {
                if let Some(slot) = order.get_mut(numbers[i]) {
                    *slot = ((i % w) as u8, (i / w) as u8);
                }
            }
            Arc::new(Layout {
                functional,
                maskable_cols: transpose(&maskable, w),
                maskable,
                order,
            })
        })
        .clone()
}

/// The symbol before masking: the functional patterns and the data and error correction bits
/// (most significant first) at their modules.
fn placed(layout: &Layout, data: &[u8], ec: &[u8]) -> Vec<u128> {
    let mut dark = layout.functional.clone();
    let bits = data
        .iter()
        .chain(ec)
        .flat_map(|b| (0..8).rev().map(move |j| b >> j & 1));
    for (&(x, y), bit) in layout.order.iter().zip(bits) {
        dark[usize::from(y)] |= u128::from(bit) << x;
    }
    dark
}

/// A symbol before masking as bit rows: its dark modules, and the modules a mask applies to
/// (data and error correction, not the functional patterns).
fn unmasked(canvas: &Canvas, w: usize) -> (Vec<u128>, Vec<u128>) {
    let mut dark = vec![0u128; w];
    let mut maskable = vec![0u128; w];
    for (y, (d, m)) in dark.iter_mut().zip(maskable.iter_mut()).enumerate() {
        for x in 0..w {
            match canvas.get(x as i16, y as i16) {
                Module::Unmasked(c) => {
                    *m |= 1 << x;
                    *d |= u128::from(c == Color::Dark) << x;
                }
                Module::Empty => *m |= 1 << x,
                Module::Masked(c) => *d |= u128::from(c == Color::Dark) << x,
            }
        }
    }
    (dark, maskable)
}

/// Whether mask pattern `mask` (0–7, ISO/IEC 18004 table 10) inverts the module at `x`, `y`.
// The formulas as the standard writes them.
#[allow(clippy::manual_is_multiple_of)]
fn inverts(mask: usize, x: usize, y: usize) -> bool {
    match mask {
        0 => (x + y) % 2 == 0,
        1 => y % 2 == 0,
        2 => x % 3 == 0,
        3 => (x + y) % 3 == 0,
        4 => (y / 2 + x / 3) % 2 == 0,
        5 => (x * y) % 2 + (x * y) % 3 == 0,
        6 => ((x * y) % 2 + (x * y) % 3) % 2 == 0,
        _ => ((x + y) % 2 + (x * y) % 3) % 2 == 0,
    }
}

/// Where the format information goes (twice), as `(x, y)` with negative values counted from
/// the right or bottom edge.
#[rustfmt::skip]
const FORMAT_AT: [(i16, i16); 30] = [
    (0, 8), (1, 8), (2, 8), (3, 8), (4, 8), (5, 8), (7, 8), (8, 8),
    (8, 7), (8, 5), (8, 4), (8, 3), (8, 2), (8, 1), (8, 0),
    (8, -1), (8, -2), (8, -3), (8, -4), (8, -5), (8, -6), (8, -7),
    (-8, 8), (-7, 8), (-6, 8), (-5, 8), (-4, 8), (-3, 8), (-2, 8), (-1, 8),
];

/// The format modules of each mask at error correction level M (the same for every version),
/// read once from a small symbol masked by the crate.
static FORMAT: LazyLock<[[bool; 30]; 8]> = LazyLock::new(|| {
    std::array::from_fn(|mask| {
        let mut c = Canvas::new(qrcode::Version::Normal(1), EcLevel::M);
        c.draw_all_functional_patterns();
        c.apply_mask(MASKS[mask]);
        FORMAT_AT.map(|(x, y)| c.get(x, y).is_dark())
    })
});

/// Which modules each mask inverts, as bit rows and as bit columns, by symbol width (a handful
/// of widths occur).
type Patterns = Arc<[[Vec<u128>; 8]; 2]>;
static PATTERNS: LazyLock<Mutex<HashMap<usize, Patterns>>> = LazyLock::new(Default::default);

fn patterns(w: usize) -> Patterns {
    let mut cache = PATTERNS.lock().unwrap_or_else(|e| e.into_inner());
    cache
        .entry(w)
        .or_insert_with(|| {
            let rows: [Vec<u128>; 8] = std::array::from_fn(|mask| {
                (0..w)
                    .map(|y| {
                        (0..w)
                            .filter(|&x| inverts(mask, x, y))
                            .fold(0u128, |row, x| row | 1 << x)
                    })
                    .collect()
            });
            let cols = std::array::from_fn(|mask| transpose(&rows[mask], w));
            Arc::new([rows, cols])
        })
        .clone()
}

/// The symbol with mask `mask` (whose `pattern` is given) applied and its format information
/// drawn, as bit rows; or as bit columns, given the columns of `dark`, `maskable` and
/// `pattern`, when `transposed`.
fn masked(
    dark: &[u128],
    maskable: &[u128],
    pattern: &[u128],
    mask: usize,
    transposed: bool,
) -> Vec<u128> {
    let w = dark.len();
    let mut rows: Vec<u128> = (0..w)
        .map(|y| dark[y] ^ (maskable[y] & pattern[y]))
        .collect();
    let wrap = |v: i16| {
        if v < 0 {
            (w as i16 + v) as usize
        } else {
            v as usize
        }
    };
    for (&(x, y), &on) in FORMAT_AT.iter().zip(&FORMAT[mask]) {
        let (x, y) = if transposed {
            (wrap(y), wrap(x))
        } else {
            (wrap(x), wrap(y))
        };
        rows[y] = (rows[y] & !(1 << x)) | (u128::from(on) << x);
    }
    rows
}

/// A row or column of modules as bits: `u64` for symbols up to 64 modules wide (URLs of up to
/// about 120 bytes; twice as fast), `u128` beyond.
trait Line:
    Copy
    + std::ops::BitAnd<Output = Self>
    + std::ops::BitOr<Output = Self>
    + std::ops::BitOrAssign
    + std::ops::BitXor<Output = Self>
    + std::ops::Not<Output = Self>
    + std::ops::Shl<u32, Output = Self>
    + std::ops::Shr<u32, Output = Self>
{
    const ZERO: Self;
    const BITS: usize;
    fn ones(self) -> u32;
    fn bit(at: usize) -> Self;
    fn first(self) -> usize;
    fn without_first(self) -> Self;
    fn from_row(row: u128) -> Self;
}

macro_rules! line {
    ($t:ty) => {
        impl Line for $t {
            const ZERO: Self = 0;
            const BITS: usize = <$t>::BITS as usize;
            fn ones(self) -> u32 {
                self.count_ones()
            }
            fn bit(at: usize) -> Self {
                1 << at
            }
            fn first(self) -> usize {
                self.trailing_zeros() as usize
            }
            fn without_first(self) -> Self {
                self & (self - 1)
            }
            fn from_row(row: u128) -> Self {
                row as $t
            }
        }
    };
}
line!(u64);
line!(u128);

/// The columns of a symbol given as bit rows.
fn transpose<L: Line + PartialEq>(rows: &[L], w: usize) -> Vec<L> {
    let mut cols = vec![L::ZERO; w];
    for (y, &row) in rows.iter().enumerate() {
        let mut r = row;
        while r != L::ZERO {
            cols[r.first()] |= L::bit(y);
            r = r.without_first();
        }
    }
    cols
}

/// The penalty of a masked symbol (bit rows): runs of five or more, 2×2 blocks, finder-like
/// patterns (1:1:3:1:1 with four light modules on a side) in rows and columns, and the
/// dark/light balance.
fn penalty(rows: &[u128], cols: &[u128], w: usize) -> u32 {
    if w <= 64 {
        let narrow =
            |lines: &[u128]| -> Vec<u64> { lines.iter().map(|&r| u64::from_row(r)).collect() };
        penalty_of(&narrow(rows), &narrow(cols), w)
    } else {
        penalty_of(rows, cols, w)
    }
}

fn penalty_of<L: Line + PartialEq>(rows: &[L], cols: &[L], w: usize) -> u32 {
    let inside = if w == L::BITS {
        !L::ZERO
    } else {
        inside_mask::<L>(w)
    };
    let mut score: u32 = rows
        .iter()
        .chain(cols)
        .map(|&l| line_penalty(l, inside))
        .sum();
    for pair in rows.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        // Same colour above and below, at x and x+1, and the same along the top row.
        let same = !(a ^ b) & !(a ^ (a >> 1));
        let blocks = same & (!(a ^ b) >> 1) & (inside >> 1);
        score += 3 * blocks.ones();
    }
    let darks: usize = rows.iter().map(|r| r.ones() as usize).sum();
    let percent = darks * 100 / (w * w);
    score + (percent.abs_diff(50) / 5) as u32 * 10
}

/// The low `w` bits set.
fn inside_mask<L: Line>(w: usize) -> L {
    !(!L::ZERO << w as u32)
}

/// Runs of five or more same-coloured modules (3 + extra length) and finder-like patterns (40
/// each) in one row or column given as bits; outside `inside` is the light quiet zone.
fn line_penalty<L: Line>(dark: L, inside: L) -> u32 {
    let light = !dark & inside;
    let mut score = 0;
    for l in [dark, light] {
        // Bit j: modules j..j+5 all of the colour; a run of n ≥ 5 has n − 4 of these and one
        // start, and costs 3 + (n − 5) = (n − 4) + 2.
        let five = l & (l >> 1) & (l >> 2) & (l >> 3) & (l >> 4);
        score += five.ones() + 2 * (five & !(five << 1)).ones();
    }
    let d = dark;
    let finder = d & !(d >> 1) & (d >> 2) & (d >> 3) & (d >> 4) & !(d >> 5) & (d >> 6) & inside;
    let light_before = !((d << 1) | (d << 2) | (d << 3) | (d << 4));
    let light_after = !((d >> 7) | (d >> 8) | (d >> 9) | (d >> 10));
    score + 40 * (finder & (light_before | light_after)).ones()
}

/// Appends `n` in decimal: coordinates of a symbol are small numbers.
fn push_number(out: &mut String, n: usize) {
    if n < 10 {
        out.push(char::from(b'0' + n as u8));
    } else if n < 100 {
        out.push(char::from(b'0' + (n / 10) as u8));
        out.push(char::from(b'0' + (n % 10) as u8));
    } else {
        out.push_str(itoa::Buffer::new().format(n));
    }
}

/// An inline SVG QR code for `url`, with a text alternative; `None` if the URL is too long.
pub fn svg_for(url: &str, label: &str) -> Option<String> {
    let symbol = modules(url.as_bytes())?;
    let quiet = 4;
    let size = symbol.width() + 2 * quiet;
    let label = crate::render::tables::esc(label);
    Some(format!(
        "<svg class=\"qr-code\" role=\"img\" aria-label=\"{label}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"132\" height=\"132\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path stroke=\"#000\" d=\"{}\"/></svg>",
        path(&symbol, quiet)
    ))
}

/// The dark modules as one path of horizontal strokes one module thick, along the middle of
/// each row: `M{x} {y}.5h{n}` for a row's first run, `m{gap} 0h{n}` for the next ones. A
/// third of the bytes of drawing each run as a rectangle (the code is on every notice page).
fn path(symbol: &Symbol, quiet: usize) -> String {
    let width = symbol.width();
    let mut path = String::with_capacity(width * width / 2);
    // The row the pen is on and where on it, once it is on a row.
    let mut pen: Option<(usize, usize)> = None;
    symbol.runs(|y, start, end| {
        match pen {
            Some((row, at)) if row == y => {
                path.push('m');
                push_number(&mut path, start - at);
                path.push_str(" 0h");
            }
            _ => {
                path.push('M');
                push_number(&mut path, start + quiet);
                path.push(' ');
                push_number(&mut path, y + quiet);
                path.push_str(".5h");
            }
        }
        push_number(&mut path, end - start);
        pen = Some((y, end));
    });
    path
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
            let symbol = super::modules(url.as_bytes()).unwrap();
            let (dark, width) = (symbol.dark(), symbol.width());
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
            let wide = super::line_penalty(dark, inside);
            assert_eq!(wide, super::line_penalty(dark as u64, inside as u64), "{s}");
            wide
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
        let dark = vec![0b11111u128; 5];
        assert_eq!(super::penalty(&dark, &dark, 5), 100 + 16 * 3 + 10 * 3);
    }

    #[test]
    fn data_placed_as_the_crate_places_it() {
        use qrcode::EcLevel;
        for url in [
            "https://a.cn/x",
            "https://www.qhex.edu.cn/xwgk/notices/fees-2026.html",
            &format!("https://www.qhex.edu.cn/{}", "x".repeat(150)),
        ] {
            let bits = qrcode::bits::encode_auto(url.as_bytes(), EcLevel::M).unwrap();
            let version = bits.version();
            let w = version.width() as usize;
            let (data, ec) =
                qrcode::ec::construct_codewords(&bits.into_bytes(), version, EcLevel::M).unwrap();
            let mut canvas = qrcode::canvas::Canvas::new(version, EcLevel::M);
            canvas.draw_all_functional_patterns();
            canvas.draw_data(&data, &ec);
            let (want, maskable) = super::unmasked(&canvas, w);
            let layout = super::layout(version, w, data.len(), ec.len());
            assert_eq!(super::placed(&layout, &data, &ec), want, "{url}");
            assert_eq!(layout.maskable, maskable, "{url}");
        }
    }

    #[test]
    fn masks_applied_on_bits_match_the_crate() {
        use qrcode::{EcLevel, Version};
        for (i, v) in [1i16, 2, 5, 9, 14].into_iter().enumerate() {
            let version = Version::Normal(v);
            let w = version.width() as usize;
            let mut canvas = qrcode::canvas::Canvas::new(version, EcLevel::M);
            canvas.draw_all_functional_patterns();
            let bytes: Vec<u8> = (0..10u8).map(|b| b.wrapping_mul(37 + i as u8)).collect();
            let mut bits = qrcode::bits::Bits::new(version);
            bits.push_byte_data(&bytes).unwrap();
            bits.push_terminator(EcLevel::M).unwrap();
            let (data, ec) =
                qrcode::ec::construct_codewords(&bits.into_bytes(), version, EcLevel::M).unwrap();
            canvas.draw_data(&data, &ec);
            let (dark, maskable) = super::unmasked(&canvas, w);
            let (dark_cols, maskable_cols) =
                (super::transpose(&dark, w), super::transpose(&maskable, w));
            let [rows, cols] = &*super::patterns(w);
            for mask in 0..8 {
                let ours = super::masked(&dark, &maskable, &rows[mask], mask, false);
                assert_eq!(
                    super::masked(&dark_cols, &maskable_cols, &cols[mask], mask, true),
                    super::transpose(&ours, w),
                    "columns of version {v}, mask {mask}"
                );
                let mut theirs = canvas.clone();
                theirs.apply_mask(super::MASKS[mask]);
                let colors = theirs.into_colors();
                for y in 0..w {
                    for x in 0..w {
                        assert_eq!(
                            ours[y] >> x & 1 == 1,
                            colors[y * w + x] == qrcode::Color::Dark,
                            "version {v}, mask {mask}, module ({x}, {y})"
                        );
                    }
                }
            }
        }
    }

    /// The modules a path of [`super::path`] draws (a reader of its own three commands).
    fn drawn(path: &str, width: usize, quiet: usize) -> Vec<bool> {
        let mut dark = vec![false; width * width];
        let (mut x, mut y) = (0f64, 0f64);
        let mut rest = path;
        while let Some(cmd) = rest.chars().next() {
            rest = &rest[1..];
            let end = rest
                .find(|c: char| c.is_ascii_alphabetic())
                .unwrap_or(rest.len());
            let nums: Vec<f64> = rest[..end].split(' ').map(|n| n.parse().unwrap()).collect();
            rest = &rest[end..];
            match cmd {
                'M' => (x, y) = (nums[0], nums[1]),
                'm' => (x, y) = (x + nums[0], y + nums[1]),
                'h' => {
                    let row = (y - 0.5) as usize - quiet;
                    for m in x as usize..(x + nums[0]) as usize {
                        dark[row * width + m - quiet] = true;
                    }
                    x += nums[0];
                }
                other => panic!("unexpected command {other}"),
            }
        }
        dark
    }

    #[test]
    fn the_path_draws_exactly_the_dark_modules() {
        for i in 0..50 {
            let url = format!(
                "https://www.qhex.edu.cn/xwgk/notices/{}-{i}.html",
                "a".repeat(i)
            );
            let symbol = super::modules(url.as_bytes()).unwrap();
            let (dark, width) = (symbol.dark(), symbol.width());
            assert_eq!(drawn(&super::path(&symbol, 4), width, 4), dark, "{url}");
            // The same modules as flags draw the same path.
            let flags = super::Symbol::Flags(dark.clone(), width);
            assert_eq!(super::path(&flags, 4), super::path(&symbol, 4), "{url}");
        }
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

    /// The codes of a few URLs as published, byte for byte: any change to the scorer, the
    /// path drawing or the pinned `qrcode` version that alters a printed code shows here.
    #[test]
    fn golden_svgs() {
        for (name, url) in [
            ("short", "https://x.cn/notices/a.html"),
            (
                "typical",
                "https://www.qhex.edu.cn/xwgk/notices/fees-2026.html",
            ),
            (
                "long",
                "https://www.qinghe-experimental-school.edu.cn/xwgk/archive/2025-2026/notices/2026-03-15-0012.html",
            ),
        ] {
            let svg = super::svg_for(url, "二维码").unwrap();
            insta::assert_snapshot!(format!("qr_{name}"), svg);
        }
    }
}
