//! Runs `estimate` in a loop, for profilers (`perf record`, callgrind).
use lingpao::{api, date::Date};
fn main() {
    let req: serde_json::Value = serde_json::from_str(include_str!("../benches/request.json")).expect("benches/request.json");
    let today = Date::parse("2026-11-28").unwrap();
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(20000);
    let mut total = 0;
    let t = std::time::Instant::now();
    for _ in 0..n {
        total += api::estimate(&req, today).unwrap().lines.len();
    }
    let whole = t.elapsed() / n as u32;
    let cat = lingpao::policy::catalog();
    let t = std::time::Instant::now();
    for _ in 0..n {
        total += lingpao::model::request::parse(&req, cat, true).unwrap().achievements.len();
    }
    let parse = t.elapsed() / n as u32;
    println!("{total} items; estimate {whole:?} per call, of which parsing the request {parse:?}");
}
