//! The WebAssembly face: the same JSON contract on plain JS objects. Every entry point
//! returns a value or throws a JS `Error` whose message names the field and the allowed
//! values (also set as `field`, `allowed` and `message_zh` properties). Nothing traps:
//! the engine returns errors instead of panicking, and panics abort only on bugs.

use crate::api;
use crate::date::Date;
use crate::model::{InputError, Lang};
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| js_sys::Error::new(&e.to_string()).into())
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

fn from_js(v: JsValue) -> Result<serde_json::Value, JsValue> {
    serde_wasm_bindgen::from_value(v)
        .map_err(|e| js_error(InputError::new("request", format!("not a plain JSON object: {e}"), "请求应为普通 JSON 对象")))
}

fn lang(v: Option<String>) -> Result<Lang, JsValue> {
    match v.as_deref() {
        None | Some("zh") => Ok(Lang::Zh),
        Some("en") => Ok(Lang::En),
        Some(other) => Err(js_error(InputError::new("lang", format!("must be \"zh\" or \"en\", not \"{other}\""), "语言应为 zh 或 en").allowed(vec!["zh".into(), "en".into()]))),
    }
}

/// `estimate(request)`: one region's estimate.
#[wasm_bindgen]
pub fn estimate(request: JsValue) -> Result<JsValue, JsValue> {
    to_js(&api::estimate(&from_js(request)?, api::today()).map_err(js_error)?)
}

/// `estimate_json(text)`: the same from JSON text to JSON text (what the CLI does).
#[wasm_bindgen(js_name = estimateJson)]
pub fn estimate_json(request: &str) -> Result<String, JsValue> {
    let v = api::parse_json(request).map_err(js_error)?;
    let r = api::estimate(&v, api::today()).map_err(js_error)?;
    serde_json::to_string(&r).map_err(|e| js_sys::Error::new(&e.to_string()).into())
}

/// `compare(request)`: the same achievements in every region, ranked.
#[wasm_bindgen]
pub fn compare(request: JsValue) -> Result<JsValue, JsValue> {
    to_js(&api::compare(&from_js(request)?, api::today()).map_err(js_error)?)
}

/// `regions(asOf?, lang?)`: every region with its policies and their status.
#[wasm_bindgen]
pub fn regions(as_of: Option<String>, lang_: Option<String>) -> Result<JsValue, JsValue> {
    let on = match as_of {
        Some(s) => Some(Date::parse(&s).ok_or_else(|| js_error(InputError::new("as_of", format!("`{s}` is not a YYYY-MM-DD date"), "日期格式应为 YYYY-MM-DD")))?),
        None => None,
    };
    to_js(&api::regions(on, api::today(), lang(lang_)?))
}

/// `explain(region, lang?)`: the region's rules as data.
#[wasm_bindgen]
pub fn explain(region: &str, lang_: Option<String>) -> Result<JsValue, JsValue> {
    to_js(&api::explain(region, lang(lang_)?).map_err(js_error)?)
}

/// `version()`: package version and policy-data version.
#[wasm_bindgen]
pub fn version() -> Result<JsValue, JsValue> {
    to_js(&api::version())
}
