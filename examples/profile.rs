//! Runs the engine in a loop, for profilers (`perf record`, `valgrind --tool=callgrind`,
//! whose instruction counts track wasm's costs where timings on a busy machine do not).
//! `profile [N]`: N estimates, the request parsing alone, and the wasm face's round trip
//! (JSON text in, UTF-16 JSON out). `profile cold`: one round trip, the first call's work
//! (decoding the data, indexing it, the call). `profile trip N`: N round trips only.
//! `profile sme N`: N SME assessments of `benches/sme.json`, as the wasm face writes them;
//! `profile sme-engine N`: the assessments alone (what `cargo bench -- sme` times).
//! `profile totals FILE`: the batch's engine alone on one thread, the JSON Lines of FILE
//! read and checked first (not timed), each unit's totals computed with a thread's price
//! memo, as `lingpao batch` does; the best of 5 passes, per unit (what OpenFisca's
//! "calculate step alone" is beside, `bench/batch.sh`).
use lingpao::{api, date::Date};

fn round_trip(text: &str, today: Date) -> usize {
    let v = api::parse_json(text).unwrap();
    lingpao::json16::to_utf16_with(&api::estimate(&v, today).unwrap(), lingpao::policy::embedded_text()).unwrap().len()
}

fn main() {
    let text = include_str!("../benches/request.json");
    let today = Date::parse("2026-11-28").unwrap();
    let arg = std::env::args().nth(1);
    if arg.as_deref() == Some("cold") {
        println!("{} UTF-16 units", round_trip(text, today));
        return;
    }
    if arg.as_deref() == Some("sme-engine") {
        let n: usize = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(1000);
        let v = api::parse_json(include_str!("../benches/sme.json")).unwrap();
        println!("{} tiers", (0..n).map(|_| api::sme(&v, today).unwrap().tiers.len()).sum::<usize>());
        return;
    }
    if arg.as_deref() == Some("sme") {
        let n: usize = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(1000);
        let v = api::parse_json(include_str!("../benches/sme.json")).unwrap();
        let units: usize = (0..n).map(|_| lingpao::json16::to_utf16_with(&api::sme(&v, today).unwrap(), lingpao::policy::embedded_text()).unwrap().len()).sum();
        println!("{units} UTF-16 units");
        return;
    }
    if arg.as_deref() == Some("totals") {
        let file = std::env::args().nth(2).expect("profile totals FILE");
        let cat = lingpao::policy::catalog();
        let text = std::fs::read_to_string(&file).expect("a JSON Lines file");
        let reqs: Vec<_> = text.lines().filter_map(|l| lingpao::model::request::parse(&api::parse_json(l).ok()?, cat, true).ok()).collect();
        let regions: Vec<usize> = reqs.iter().map(|r| cat.region(r.region.as_deref().unwrap_or_default()).map_or(0, |(i, _)| i)).collect();
        let mut memo = lingpao::engine::Prices::default();
        let mut best = std::time::Duration::MAX;
        let mut sum = rust_decimal::Decimal::ZERO;
        for _ in 0..5 {
            sum = rust_decimal::Decimal::ZERO;
            let t = std::time::Instant::now();
            for (req, &ri) in reqs.iter().zip(&regions) {
                sum += lingpao::engine::totals_with(cat, ri, req, today, None, Some(&mut memo)).total;
            }
            best = best.min(t.elapsed());
        }
        println!("{} units, {sum} yuan a pass; the engine alone: {:.3} us a unit (best of 5)", reqs.len(), best.as_secs_f64() * 1e6 / reqs.len() as f64);
        return;
    }
    if arg.as_deref() == Some("trip") {
        // Round trips only: callgrind's instruction count of `trip 2000` minus `trip 1000`
        // is the cost of 1000 calls, steady where timings drift.
        let n: usize = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(1000);
        println!("{} UTF-16 units", (0..n).map(|_| round_trip(text, today)).sum::<usize>());
        return;
    }
    let req = api::parse_json(text).expect("benches/request.json");
    let n: usize = arg.and_then(|s| s.parse().ok()).unwrap_or(20000);
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
    let t = std::time::Instant::now();
    for _ in 0..n {
        total += round_trip(text, today);
    }
    let trip = t.elapsed() / n as u32;
    println!("{total} items; estimate {whole:?} per call, of which parsing the request {parse:?}; text round trip {trip:?}");
}
