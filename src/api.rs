//! The JSON contract (`../shared/spec/contract.md`), served identically by the CLI and
//! the wasm module: parse and check the request, run the engine, return plain data.

use crate::date::Date;
use crate::engine::{self, eligibility::Eligibility, explain::Explanation, lookup::Lookup, policy_status};
use crate::model::request::{self, Lang};
use crate::model::result::{EstimateResult, PolicyStatus};
use crate::model::{InputError, Reform, Request};
use crate::engine::sme::Assessment;
use crate::policy::tiers::{InputDef, SectionDef, SmeScheme};
use crate::policy::{catalog, schema::Text};
use serde::Serialize;
use crate::model::Json;

/// The largest request text, in bytes of UTF-8: 1 MiB, 3.7 times the largest request
/// the engine accepts (200 achievements, every field at its longest: 284 KB,
/// tests/hostile.rs), thousands of times a real one. Checked before parsing, so no text
/// can make a call take memory or time out of proportion; the JS package checks it
/// too, before the text enters wasm.
pub const MAX_REQUEST_BYTES: usize = 1 << 20;

/// The error for a request over [`MAX_REQUEST_BYTES`] (the same words in every face).
pub fn too_large() -> InputError {
    InputError::new("request", "is over the limit of 1048576 bytes (1 MiB) of JSON", "请求超过 1048576 字节（1 MiB）的上限")
}

/// Parses JSON text, turning a syntax error into an input error like any other. A
/// byte-order mark before the text is skipped (Windows editors save files with one).
pub fn parse_json(text: &str) -> Result<Json<'_>, InputError> {
    if text.len() > MAX_REQUEST_BYTES {
        return Err(too_large());
    }
    Json::parse(text.strip_prefix('\u{feff}').unwrap_or(text)).map_err(|e| match e.path {
        // A lone surrogate is a value the caller can find and fix: name where it is.
        Some(path) => InputError::new(
            if path.is_empty() { "request".into() } else { path },
            "holds a lone surrogate (\\ud800-\\udfff without its pair)",
            "含有不成对的代理项（\\ud800-\\udfff）",
        ),
        None => InputError::new("request", format!("malformed JSON: {e}"), format!("JSON 格式错误：{}", e.zh())),
    })
}

pub fn estimate(request: &Json, today: Date) -> Result<EstimateResult<'static>, InputError> {
    estimate_reformed(request, None, today)
}

/// [`estimate`] under a reform: its figures, each changed line saying so.
pub fn estimate_reformed(request: &Json, reform: Option<&Reform>, today: Date) -> Result<EstimateResult<'static>, InputError> {
    let cat = catalog();
    let req = request::parse(request, cat, true)?;
    request::dates_by(&req, req.as_of.unwrap_or(today))?;
    let region = req.region.clone().unwrap_or_default();
    Ok(engine::estimate(cat, &region, &req, today, reform))
}

/// The application checklist of the request's region (the estimate's request): per
/// text, the materials and steps it lists, each material of one kind ticked on the
/// estimate's lines it serves.
pub fn checklist(request: &Json, today: Date) -> Result<engine::checklist::Checklist<'static>, InputError> {
    let cat = catalog();
    let req = request::parse(request, cat, true)?;
    let region = req.region.clone().unwrap_or_default();
    let est = engine::estimate(cat, &region, &req, today, None);
    Ok(engine::checklist::checklist(cat, &est, req.lang))
}

/// A reform from its JSON text (`model::reform`), checked against the data. Its errors
/// name fields under `reform`, as a request's name fields of the request.
pub fn reform(text: &str) -> Result<Reform, InputError> {
    // The JSON's errors name `request` (or a path in it): here it is the reform.
    let v = parse_json(text).map_err(|e| InputError { field: if e.field == "request" { "reform".into() } else { ["reform.", &e.field].concat() }, ..e })?;
    crate::model::reform::parse(&v, catalog())
}

/// What to add next (`engine::advise`): one more item of each distinct combination the
/// region's texts pay for, ranked by what it adds to this request's total. With
/// `across`, each candidate priced in every region too.
pub fn advise(request: &Json, across: bool, today: Date) -> Result<crate::model::advice::Advice<'static>, InputError> {
    let cat = catalog();
    let req = request::parse(request, cat, true)?;
    // Each candidate is priced appended to the request, which must stay a valid one.
    if req.achievements.len() >= request::MAX_ACHIEVEMENTS {
        let max = request::MAX_ACHIEVEMENTS - 1;
        return Err(InputError::new("achievements", format!("has {} items; advice appends one, so at most {max}", req.achievements.len()), format!("建议会追加一项，成果最多 {max} 项")));
    }
    let region = req.region.clone().unwrap_or_default();
    Ok(engine::advise::advise(cat, &region, &req, today, across))
}

#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub as_of: String,
    /// Every region, the best-paying first (ties by id).
    pub ranking: Vec<Ranked<'static>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Ranked<'a> {
    pub rank: usize,
    pub region: &'a str,
    pub region_name: &'a Text,
    pub total_yuan: String,
    pub total_is_upper_bound: bool,
    /// With a reform: the total without it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_total_yuan: Option<Box<str>>,
    pub result: EstimateResult<'a>,
}

/// The same achievements under every region's policies (`region` is ignored).
pub fn compare(request: &Json, today: Date) -> Result<Comparison, InputError> {
    compare_reformed(request, None, today)
}

/// [`compare`] under a reform, ranked by the reform's totals.
pub fn compare_reformed(request: &Json, reform: Option<&Reform>, today: Date) -> Result<Comparison, InputError> {
    let cat = catalog();
    let req: Request = request::parse(request, cat, false)?;
    request::dates_by(&req, req.as_of.unwrap_or(today))?;
    let mut results: Vec<EstimateResult<'static>> = cat.head.regions.iter().map(|r| engine::estimate(cat, &r.id, &req, today, reform)).collect();
    // Highest total first (each total read once, not on every comparison), then by id.
    results.sort_by_cached_key(|r| (std::cmp::Reverse(crate::model::plain_decimal(&r.total_yuan).unwrap_or_default()), r.region));
    Ok(Comparison {
        as_of: req.as_of.unwrap_or(today).to_string(),
        ranking: results
            .into_iter()
            .enumerate()
            .map(|(i, r)| Ranked {
                rank: i + 1,
                region: r.region,
                region_name: r.region_name,
                total_yuan: r.total_yuan.clone(),
                total_is_upper_bound: r.total_is_upper_bound,
                baseline_total_yuan: r.baseline_total_yuan.clone(),
                result: r,
            })
            .collect(),
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct RegionInfo {
    pub id: &'static str,
    pub name: &'static Text,
    pub province: &'static Text,
    /// Whether any of its texts names money.
    pub pays: bool,
    /// The achievement kinds its rules pay for.
    pub kinds: Vec<String>,
    pub policies: Vec<PolicyStatus<'static>>,
}

/// Every region, its policies and their status on `as_of` (default today).
pub fn regions(as_of: Option<Date>, today: Date, lang: Lang) -> Vec<RegionInfo> {
    let cat = catalog();
    let on = as_of.unwrap_or(today);
    cat.head
        .regions
        .iter()
        .map(|r| {
            let policies: Vec<PolicyStatus> = cat.policies_of(r).map(|(pi, _)| policy_status(cat, pi, on, lang)).collect();
            let mut kinds: Vec<String> = cat
                .policies_of(r)
                .flat_map(|(_, p)| p.rule.iter().flat_map(|rule| rule.when.get("kind").map(|k| k.as_slice().iter().map(|s| s.to_string()).collect()).unwrap_or_else(Vec::new)))
                .collect();
            kinds.sort_unstable();
            kinds.dedup();
            RegionInfo { id: &r.id, name: &r.name, province: &r.province, pays: policies.iter().any(|p| p.pays), kinds, policies }
        })
        .collect()
}

pub fn explain(region: &str, lang: Lang) -> Result<Explanation, InputError> {
    let cat = catalog();
    engine::explain::explain(cat, region, lang)
        .ok_or_else(|| request::unknown_region(region, cat))
}

/// The leader eligibility self-check: `{ "region", "facts": {...}, "lang", "as_of" }` →
/// every condition of the region (and the national ones) met / not met / unknown.
pub fn eligibility(request: &Json, today: Date) -> Result<Eligibility<'static>, InputError> {
    let cat = catalog();
    let req = crate::model::facts::parse(request, cat)?;
    Ok(engine::eligibility::eligibility(cat, &req, today))
}

/// The SME self-assessment, `{ "facts": {...}, "lang" }` → the three tiers of the national
/// gradient scheme (policies/sme.toml), each met / not met / undetermined, with points by
/// indicator, and what would reach a tier not reached.
pub fn sme(request: &Json, _today: Date) -> Result<Assessment<'static>, InputError> {
    let s = sme_scheme()?;
    Ok(engine::sme::assess(s, &crate::model::sme::parse(request, s)?))
}

/// The facts the SME self-assessment reads, by section: forms are built from this.
pub fn sme_inputs() -> Result<SmeInputs, InputError> {
    let s = sme_scheme()?;
    Ok(SmeInputs { sections: &s.section, inputs: &s.input })
}

#[derive(Debug, Clone, Serialize)]
pub struct SmeInputs {
    pub sections: &'static [SectionDef],
    pub inputs: &'static [InputDef],
}

fn sme_scheme() -> Result<&'static SmeScheme, InputError> {
    catalog().sme().ok_or_else(|| InputError::new("request", "the policy data holds no SME scheme", "政策数据中没有优质中小企业评价标准"))
}

/// Rows of the national registers (2022 key domains, 2022 grain-and-oil leaders) that
/// match every whitespace-separated term of `text`. Blank text is an input error.
pub fn lookup(text: &str) -> Result<Lookup<'static>, InputError> {
    engine::lookup::lookup(catalog(), text)
}

/// The achievement kinds a request may use: fields, allowed values and their labels in
/// both languages. Forms (the page, other front ends) are built from this, so they
/// offer exactly what the engine accepts.
pub fn kinds() -> &'static crate::policy::schema::KindsFile {
    &catalog().head.kinds
}

#[derive(Debug, Clone, Serialize)]
pub struct Version {
    pub package: &'static str,
    pub data: String,
}

pub fn version() -> Version {
    Version { package: env!("CARGO_PKG_VERSION"), data: catalog().head.data_version.to_string() }
}

/// Today's date in UTC+8 (the policies' own time zone), from the system clock.
pub fn today() -> Date {
    #[cfg(not(target_arch = "wasm32"))]
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    #[cfg(target_arch = "wasm32")]
    let secs = (js_sys::Date::now() / 1000.0) as i64;
    Date::from_unix_days((secs + 8 * 3600).div_euclid(86_400))
}
