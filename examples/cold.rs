//! The first call's work natively, for `valgrind --tool=callgrind` (instruction counts
//! track wasm's costs where timings on a busy machine do not).
fn main() {
    let text = include_str!("../benches/request.json");
    let today = lingpao::date::Date::parse("2026-11-28").unwrap();
    let v = lingpao::api::parse_json(text).unwrap();
    let r = lingpao::api::estimate(&v, today).unwrap();
    println!("{}", lingpao::json16::to_utf16(&r).unwrap().len());
}
