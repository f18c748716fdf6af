//! Native speed of the engine: `estimate` on a 5-achievement request, and `compare`
//! over every region. Run: `cargo bench --bench engine`.

use criterion::{criterion_group, criterion_main, Criterion};
use lingpao::{api, date::Date};
use std::hint::black_box;

/// The 5-achievement request every benchmark uses (also `examples/profile.rs`, `bench/wasm.mjs`).
const REQUEST: &str = include_str!("request.json");

fn bench(c: &mut Criterion) {
    let today = Date::parse("2026-11-28").unwrap();
    let req = api::parse_json(REQUEST).expect("benches/request.json");
    api::estimate(&req, today).unwrap(); // load the catalog outside the timing
    c.bench_function("estimate_5_achievements", |b| b.iter(|| api::estimate(black_box(&req), today).unwrap()));
    c.bench_function("compare_all_regions", |b| b.iter(|| api::compare(black_box(&req), today).unwrap()));
    c.bench_function("estimate_json_text_roundtrip", |b| {
        b.iter(|| serde_json::to_string(&api::estimate(&api::parse_json(black_box(REQUEST)).unwrap(), today).unwrap()).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
