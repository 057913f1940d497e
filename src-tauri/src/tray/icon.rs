//! The tray icon, drawn in code: one monochrome symbol per mode, as GNOME's and KDE's trays
//! expect of a status icon (their own icons are single-colour, and a coloured one stands out as
//! a notification would). The mode is told by shape, not colour: a ring while Open, a crescent
//! moon while Quiet, and during a block a progress ring filling clockwise around a centre dot.
//! The ink is light on a dark panel and dark on a light one ([`Ink::for_scheme`]).
//!
//! Drawing beats shipping a PNG per state: the progress ring has as many states as a block has
//! minutes, and one anti-aliased shape function covers them all in a few microseconds.

use lull_bus::tray::Scheme;
use tauri::image::Image;

const SIZE: u32 = 64;
/// How opaque the part of the ring still ahead is, beside the solid part already focused.
const TRACK_ALPHA: f64 = 0.32;

/// The one colour the icon is drawn in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ink([u8; 3]);

impl Ink {
    /// GNOME's and Breeze's panel foregrounds: near-white on dark panels, near-black on light.
    pub fn for_scheme(scheme: Scheme) -> Self {
        match scheme {
            Scheme::Dark => Ink([0xf6, 0xf5, 0xf4]),
            Scheme::Light => Ink([0x23, 0x26, 0x29]),
        }
    }
}

/// Not focusing: a ring while Open (messages come through), a crescent moon while Quiet.
pub fn idle(open: bool, ink: Ink) -> Image<'static> {
    if open { draw(ink, ring) } else { draw(ink, moon) }
}

/// Focusing: a ring filled clockwise from the top by `progress` (0–1), and a centre dot.
pub fn focusing(progress: f64, ink: Ink) -> Image<'static> {
    let progress = progress.clamp(0.0, 1.0);
    draw(ink, move |p| {
        let dot = cover(DOT - p.distance);
        if dot > 0.0 {
            return dot;
        }
        // Angle from 12 o'clock, clockwise, as a fraction of a turn.
        let turn = (p.dx.atan2(-p.dy) / std::f64::consts::TAU).rem_euclid(1.0);
        ring(p) * if turn <= progress { 1.0 } else { TRACK_ALPHA }
    })
}

const OUTER: f64 = SIZE as f64 / 2.0 - 3.0;
const INNER: f64 = SIZE as f64 / 2.0 - 12.0;
const DOT: f64 = 9.0;

/// A pixel's centre relative to the icon's centre.
#[derive(Clone, Copy)]
struct Point {
    dx: f64,
    dy: f64,
    distance: f64,
}

/// Coverage (0–1) of an edge `inside` pixels inward, with a one-pixel soft edge.
fn cover(inside: f64) -> f64 {
    (inside + 0.5).clamp(0.0, 1.0)
}

fn ring(p: Point) -> f64 {
    cover(OUTER - p.distance) * cover(p.distance - INNER)
}

/// A full disc with a smaller disc cut out up and to the right.
fn moon(p: Point) -> f64 {
    let (cx, cy) = (p.dx - 13.0, p.dy + 11.0);
    let bite = (cx * cx + cy * cy).sqrt();
    cover(OUTER - p.distance) * cover(bite - (OUTER - 5.0))
}

fn draw(Ink(colour): Ink, shape: impl Fn(Point) -> f64) -> Image<'static> {
    let mut rgba = vec![0u8; (SIZE * SIZE * 4) as usize];
    let centre = SIZE as f64 / 2.0;
    for y in 0..SIZE {
        for x in 0..SIZE {
            let (dx, dy) = (x as f64 + 0.5 - centre, y as f64 + 0.5 - centre);
            let alpha = shape(Point { dx, dy, distance: (dx * dx + dy * dy).sqrt() });
            let at = ((y * SIZE + x) * 4) as usize;
            rgba[at..at + 3].copy_from_slice(&colour);
            rgba[at + 3] = (alpha * 255.0).round() as u8;
        }
    }
    Image::new_owned(rgba, SIZE, SIZE)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIGHT_INK: Ink = Ink([0xf6, 0xf5, 0xf4]);

    fn alpha_at(image: &Image<'_>, x: u32, y: u32) -> u8 {
        image.rgba()[((y * SIZE + x) * 4 + 3) as usize]
    }

    /// Every pixel that shows is in the ink: the icon is monochrome.
    fn colours(image: &Image<'_>) -> std::collections::BTreeSet<[u8; 3]> {
        image.rgba().chunks(4).filter(|px| px[3] > 0).map(|px| [px[0], px[1], px[2]]).collect()
    }

    #[test]
    fn each_mode_has_its_own_shape_in_one_colour() {
        let (open, quiet, focusing) =
            (idle(true, LIGHT_INK), idle(false, LIGHT_INK), focusing(0.5, LIGHT_INK));
        assert_ne!(open.rgba(), quiet.rgba(), "Open and Quiet differ by shape");
        assert_ne!(open.rgba(), focusing.rgba());
        for image in [&open, &quiet, &focusing] {
            assert_eq!(colours(image), [LIGHT_INK.0].into(), "monochrome");
            assert_eq!(alpha_at(image, 0, 0), 0, "corners are transparent");
        }
        assert_eq!(alpha_at(&open, SIZE / 2, SIZE / 2), 0, "the Open ring is hollow");
        assert_eq!(alpha_at(&focusing, SIZE / 2, SIZE / 2), 255, "a block shows a centre dot");
        assert_eq!(alpha_at(&quiet, 12, SIZE / 2), 255, "the moon's body is on the left");
        assert_eq!(alpha_at(&quiet, SIZE - 14, 18), 0, "its bite up and to the right");
    }

    #[test]
    fn the_progress_ring_fills_clockwise_from_the_top() {
        let half = focusing(0.5, LIGHT_INK);
        let (right, left) = ((SIZE - 8, SIZE / 2), (7, SIZE / 2));
        assert_eq!(alpha_at(&half, right.0, right.1), 255, "3 o'clock is done at half time");
        let ahead = alpha_at(&half, left.0, left.1);
        assert!(ahead > 0 && ahead < 128, "9 o'clock is still ahead: a faint track ({ahead})");
    }

    #[test]
    fn the_ink_is_light_on_dark_panels_and_dark_on_light_ones() {
        assert_eq!(Ink::for_scheme(Scheme::Dark), LIGHT_INK);
        let dark = Ink::for_scheme(Scheme::Light).0;
        assert!(dark.iter().all(|c| *c < 0x40), "near-black on a light panel");
    }
}
