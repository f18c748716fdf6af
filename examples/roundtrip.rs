//! The wasm face's work natively: JSON text in, estimate, JSON text out, in a loop
//! (for `valgrind --tool=callgrind`, whose instruction counts track wasm's costs).
use lingpao::api;
fn main() {
    let text = include_str!("../benches/request.json");
    let today = lingpao::date::Date::parse("2026-11-28").unwrap();
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(2000);
    let mut total = 0;
    let t = std::time::Instant::now();
    for _ in 0..n {
        let v = api::parse_json(text).unwrap();
        total += lingpao::json16::to_utf16(&api::estimate(&v, today).unwrap()).unwrap().len();
    }
    println!("{total} {:?} per call", t.elapsed() / n as u32);
}
