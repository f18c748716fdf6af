//! Runs `estimate` in a loop, for profilers (`perf record`, callgrind).
use lingpao::{api, date::Date};
fn main() {
    let req = serde_json::json!({
        "region": "tianjin", "as_of": "2022-06-30",
        "achievements": [
            { "kind": "standard", "level": "national", "action": "formulate", "role": "lead", "count": 2 },
            { "kind": "standard", "level": "international", "action": "revise", "role": "participant" },
            { "kind": "leader", "level": "national" },
            { "kind": "secretariat", "scope": "international", "tier": "sc" },
            { "kind": "innovation_award", "grade": "second" }
        ]
    });
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
