//! The tray icon, drawn in code: a ring when idle, a filling progress ring during a block.
//!
//! Drawing beats shipping a PNG per state: the progress ring has as many states as a block has
//! minutes, and one anti-aliased ring function covers them all in a few microseconds.

use tauri::image::Image;

const SIZE: u32 = 64;
const QUIET: [u8; 3] = [0x8a, 0x8f, 0x9c];
const OPEN: [u8; 3] = [0x3f, 0x9e, 0x8f];
const TRACK: [u8; 3] = [0x5b, 0x55, 0x8a];
const ACCENT: [u8; 3] = [0xa7, 0x95, 0xff];

/// Not focusing: a teal ring while Open (messages come through), a grey one while Quiet.
pub fn idle(open: bool) -> Image<'static> {
    draw(if open { OPEN } else { QUIET }, None)
}

/// Focusing: a violet ring filled clockwise from the top by `progress` (0–1), and a centre dot.
pub fn focusing(progress: f64) -> Image<'static> {
    draw(ACCENT, Some(progress.clamp(0.0, 1.0)))
}

fn draw(ring_colour: [u8; 3], progress: Option<f64>) -> Image<'static> {
    let mut rgba = vec![0u8; (SIZE * SIZE * 4) as usize];
    let centre = SIZE as f64 / 2.0;
    let (outer, inner, dot) = (centre - 3.0, centre - 12.0, 9.0);
    for y in 0..SIZE {
        for x in 0..SIZE {
            let (dx, dy) = (x as f64 + 0.5 - centre, y as f64 + 0.5 - centre);
            let distance = (dx * dx + dy * dy).sqrt();
            // Coverage of the ring with a one-pixel soft edge on each side.
            let ring = (outer - distance + 0.5).clamp(0.0, 1.0) * (distance - inner + 0.5).clamp(0.0, 1.0);
            let (colour, alpha) = match progress {
                None => (ring_colour, ring),
                Some(progress) => {
                    // Angle from 12 o'clock, clockwise, as a fraction of a turn.
                    let turn = (dx.atan2(-dy) / std::f64::consts::TAU).rem_euclid(1.0);
                    let centre_dot = (dot - distance + 0.5).clamp(0.0, 1.0);
                    if centre_dot > 0.0 {
                        (ACCENT, centre_dot)
                    } else if turn <= progress {
                        (ACCENT, ring)
                    } else {
                        (TRACK, ring)
                    }
                }
            };
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

    fn alpha_at(image: &Image<'_>, x: u32, y: u32) -> u8 {
        image.rgba()[((y * SIZE + x) * 4 + 3) as usize]
    }

    fn colour_at(image: &Image<'_>, x: u32, y: u32) -> [u8; 3] {
        let at = ((y * SIZE + x) * 4) as usize;
        [image.rgba()[at], image.rgba()[at + 1], image.rgba()[at + 2]]
    }

    #[test]
    fn idle_and_focusing_icons_differ_and_are_transparent_outside_the_ring() {
        let idle = idle(false);
        assert_ne!(idle.rgba(), super::idle(true).rgba(), "Open and Quiet differ");
        let focusing = focusing(0.5);
        assert_ne!(idle.rgba(), focusing.rgba());
        assert_eq!(alpha_at(&idle, 0, 0), 0, "corners are transparent");
        assert_eq!(alpha_at(&idle, SIZE / 2, SIZE / 2), 0, "the idle ring is hollow");
        assert_eq!(alpha_at(&focusing, SIZE / 2, SIZE / 2), 255, "a block shows a centre dot");
    }

    #[test]
    fn the_progress_ring_fills_clockwise_from_the_top() {
        let half = focusing(0.5);
        let (right, left) = ((SIZE - 8, SIZE / 2), (7, SIZE / 2));
        assert_eq!(colour_at(&half, right.0, right.1), ACCENT, "3 o'clock is done at half time");
        assert_eq!(colour_at(&half, left.0, left.1), TRACK, "9 o'clock is still ahead");
        assert_eq!(alpha_at(&half, right.0, right.1), 255, "and lies on the ring");
    }
}
