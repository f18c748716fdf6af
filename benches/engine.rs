//! Native speed of the engine: `estimate` on a 5-achievement request, `compare` over
//! every region, the SME tiers on a company's facts (all given, and half left out), and
//! the advisor (one region, and across every region).
//! Run: `cargo bench --bench engine`.

use criterion::{criterion_group, criterion_main, Criterion};
use lingpao::{api, date::Date};
use std::hint::black_box;

/// The 5-achievement request every benchmark uses (also `examples/profile.rs`, `bench/wasm.mjs`).
const REQUEST: &str = include_str!("request.json");
/// A company's facts for the SME tiers (also `bench/wasm.mjs`): every fact given.
const SME: &str = include_str!("sme.json");
/// The advisor's request (also `bench/wasm.mjs`): Liaocheng, the region with the most
/// candidates (93), four achievements under its caps and count limits.
const ADVISE: &str = include_str!("advise.json");

fn bench(c: &mut Criterion) {
    let today = Date::parse("2026-11-28").unwrap();
    let req = api::parse_json(REQUEST).expect("benches/request.json");
    api::estimate(&req, today).unwrap(); // load the catalog outside the timing
    c.bench_function("estimate_5_achievements", |b| b.iter(|| api::estimate(black_box(&req), today).unwrap()));
    c.bench_function("compare_all_regions", |b| b.iter(|| api::compare(black_box(&req), today).unwrap()));
    let sme = api::parse_json(SME).expect("benches/sme.json");
    api::sme(&sme, today).unwrap();
    c.bench_function("sme_all_facts", |b| b.iter(|| api::sme(black_box(&sme), today).unwrap()));
    // Every other fact left out: ranges, undetermined verdicts, no plans.
    let mut half: serde_json::Value = serde_json::from_str(SME).unwrap();
    let facts = half["facts"].as_object_mut().unwrap();
    let keep: Vec<String> = facts.keys().step_by(2).cloned().collect();
    facts.retain(|k, _| keep.contains(k));
    let half = half.to_string();
    let half = api::parse_json(&half).unwrap();
    c.bench_function("sme_half_facts", |b| b.iter(|| api::sme(black_box(&half), today).unwrap()));
    let adv = api::parse_json(ADVISE).expect("benches/advise.json");
    c.bench_function("advise_one_region", |b| b.iter(|| api::advise(black_box(&adv), false, today).unwrap()));
    c.bench_function("advise_across_regions", |b| b.iter(|| api::advise(black_box(&adv), true, today).unwrap()));
    c.bench_function("estimate_json_text_roundtrip", |b| {
        b.iter(|| serde_json::to_string(&api::estimate(&api::parse_json(black_box(REQUEST)).unwrap(), today).unwrap()).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
