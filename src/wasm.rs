//! The WebAssembly face, two modules of one crate: the estimator (the regional policies;
//! the default build) and the national module (`--features national-module`: the SME
//! tiers, the 2022 registers and the leader-eligibility self-check, loaded when first
//! needed). The JSON contract as JSON text in and out (the JS wrapper in
//! `pkg/index.js` turns plain objects into text and back: measured faster than building
//! JS objects field by field from wasm, and it keeps the module small). Results leave
//! as UTF-16 code units ([`crate::json16`]), which JS turns into a string with a copy,
//! where decoding the same ~7 KB of mostly Chinese UTF-8 took 40 µs in Node. Every entry
//! point returns text or throws a JS `Error` whose message names the field and the
//! allowed values (also set as `field`, `allowed` and `message_zh` properties). Nothing
//! traps: the engine returns errors instead of panicking.

use crate::api;
#[cfg(not(feature = "national-module"))]
use crate::batch;
use crate::date::Date;
use crate::model::{request, InputError, Lang};
use serde::Serialize;
use crate::model::Json;
use wasm_bindgen::prelude::*;

/// JSON text as UTF-16 code units (a `Uint16Array` in JS).
pub type Utf16 = Vec<u16>;

fn text<T: Serialize>(v: &T) -> Result<Utf16, JsValue> {
    crate::json16::to_utf16_with(v, crate::policy::embedded_text()).map_err(|e| js_sys::Error::new(&e.to_string()).into())
}

fn js_error(e: InputError) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    let set = |k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(&err, &JsValue::from_str(k), &v);
    };
    set("field", JsValue::from_str(&e.field));
    set("message_zh", JsValue::from_str(&e.message_zh));
    set("allowed", e.allowed.iter().map(|s| JsValue::from_str(s)).collect::<js_sys::Array>().into());
    err.into()
}

/// A call on a JSON request: parsed, answered on today's date, written.
fn on_request<T: Serialize>(request: &str, answer: fn(&Json, Date) -> Result<T, InputError>) -> Result<Utf16, JsValue> {
    let v = api::parse_json(request).map_err(js_error)?;
    text(&answer(&v, api::today()).map_err(js_error)?)
}

#[cfg_attr(feature = "national-module", allow(dead_code))]
fn lang(v: Option<String>) -> Result<Lang, JsValue> {
    request::lang_text(v.as_deref()).map_err(js_error)
}

/// A call on a JSON request under an optional reform (JSON text, `model::reform`).
#[cfg(not(feature = "national-module"))]
fn reformed<T: Serialize>(request: &str, reform: Option<String>, answer: fn(&Json, Option<&crate::model::Reform>, Date) -> Result<T, InputError>) -> Result<Utf16, JsValue> {
    let v = api::parse_json(request).map_err(js_error)?;
    let reform = reform.as_deref().map(api::reform).transpose().map_err(js_error)?;
    text(&answer(&v, reform.as_ref(), api::today()).map_err(js_error)?)
}

/// `estimateJson(request, reform?)`: one region's estimate (JSON text in and out, as the CLI).
#[cfg(not(feature = "national-module"))]
#[wasm_bindgen(js_name = estimateJson)]
pub fn estimate_json(request: &str, reform: Option<String>) -> Result<Utf16, JsValue> {
    reformed(request, reform, api::estimate_reformed)
}

/// `compareJson(request, reform?)`: the same achievements in every region, ranked.
#[cfg(not(feature = "national-module"))]
#[wasm_bindgen(js_name = compareJson)]
pub fn compare_json(request: &str, reform: Option<String>) -> Result<Utf16, JsValue> {
    reformed(request, reform, api::compare_reformed)
}

/// `adviseJson(request)`: what to add next, ranked by what it adds to the total. The
/// across-regions view is priced by the package through `batchLines` (pkg/index.js).
#[cfg(not(feature = "national-module"))]
#[wasm_bindgen(js_name = adviseJson)]
pub fn advise_json(request: &str) -> Result<Utf16, JsValue> {
    on_request(request, |v, today| api::advise(v, false, today))
}

/// `regionsJson(asOf?, lang?)`: every region with its policies and their status.
#[cfg(not(feature = "national-module"))]
#[wasm_bindgen(js_name = regionsJson)]
pub fn regions_json(as_of: Option<String>, lang_: Option<String>) -> Result<Utf16, JsValue> {
    let on = as_of.as_deref().map(request::as_of_text).transpose().map_err(js_error)?;
    text(&api::regions(on, api::today(), lang(lang_)?))
}

/// `explainJson(region, lang?)`: the region's rules as data.
#[cfg(not(feature = "national-module"))]
#[wasm_bindgen(js_name = explainJson)]
pub fn explain_json(region: &str, lang_: Option<String>) -> Result<Utf16, JsValue> {
    text(&api::explain(region, lang(lang_)?).map_err(js_error)?)
}

/// `eligibilityJson(request)`: the leader conditions of a region, met / not met / unknown
/// (in the national module: the page does not use it, so every visitor need not load it).
#[cfg(feature = "national-module")]
#[wasm_bindgen(js_name = eligibilityJson)]
pub fn eligibility_json(request: &str) -> Result<Utf16, JsValue> {
    on_request(request, api::eligibility)
}

/// `smeJson(request, lean)`: the SME self-assessment of the three tiers; `lean`: without
/// the words that come from the scheme (`engine::sme::lean`), which the package adds back.
#[cfg(feature = "national-module")]
#[wasm_bindgen(js_name = smeJson)]
pub fn sme_json(request: &str, lean: bool) -> Result<Utf16, JsValue> {
    if lean {
        crate::engine::sme::lean(|| on_request(request, api::sme))
    } else {
        on_request(request, api::sme)
    }
}

/// `smeInputsJson()`: the facts the SME self-assessment reads, for forms.
#[cfg(feature = "national-module")]
#[wasm_bindgen(js_name = smeInputsJson)]
pub fn sme_inputs_json() -> Result<Utf16, JsValue> {
    text(&api::sme_inputs().map_err(js_error)?)
}

/// `lookupJson(text)`: rows of the national registers matching a keyword.
#[cfg(feature = "national-module")]
#[wasm_bindgen(js_name = lookupJson)]
pub fn lookup_json(query: &str) -> Result<Utf16, JsValue> {
    text(&api::lookup(query).map_err(js_error)?)
}

/// `kindsJson()`: the achievement kinds, their fields, values and labels.
#[cfg(not(feature = "national-module"))]
#[wasm_bindgen(js_name = kindsJson)]
pub fn kinds_json() -> Result<Utf16, JsValue> {
    text(api::kinds())
}

/// `versionJson()`: package version and policy-data version.
#[wasm_bindgen(js_name = versionJson)]
pub fn version_json() -> Result<Utf16, JsValue> {
    text(&api::version())
}

/// `batchLines(bytes, after, reform?)`: the units of `bytes`, whole lines of JSON Lines
/// numbered from `after + 1`, answered as `lingpao batch [--reform]` answers them (the
/// same JSON Lines text, UTF-16; under a reform, each unit's baseline beside it). The page's Web Worker feeds a file in pieces of 2,048 lines: one crossing
/// per piece and the totals path, 4.3 µs a unit in Node, where `estimateJson` per line
/// builds and parses the full result, 34 µs (bench/batch-wasm.mjs, 100,000 units).
#[cfg(not(feature = "national-module"))]
#[wasm_bindgen(js_name = batchLines)]
pub fn batch_lines(bytes: &[u8], after: u32, reform: Option<String>) -> Result<Utf16, JsValue> {
    let reform = reform.as_deref().map(api::reform).transpose().map_err(js_error)?;
    let (mut json, mut failed) = (Vec::new(), None);
    batch::each(bytes, after.into(), api::today(), reform.as_ref(), |n, answer| {
        match text(&batch::line(n, answer)) {
            Ok(line) => json.extend_from_slice(&line),
            Err(e) => failed = Some(e),
        }
        json.push(u16::from(b'\n'));
    });
    failed.map_or(Ok(json), Err)
}
