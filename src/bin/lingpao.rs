//! `lingpao`: the native face of the engine.
//!
//!   lingpao estimate            request JSON on stdin → result JSON on stdout
//!   lingpao compare             the same request, every region ranked
//!   lingpao regions [--as-of D] region ids, names, policies and statuses
//!   lingpao explain REGION [--json] [--lang en]
//!   lingpao eligibility         {"region","facts":{...}} on stdin → each leader condition met / not met / unknown
//!   lingpao lookup TEXT...      rows of the 2022 key domains and grain-and-oil leaders matching TEXT
//!   lingpao kinds               achievement kinds, fields, values and labels
//!   lingpao version
//!
//! Exit 0 on success, 2 on bad input (a JSON error on stderr).

use lingpao::api;
use lingpao::date::Date;
use lingpao::engine::explain::Explanation;
use lingpao::model::{InputError, Json, Lang};
use serde::Serialize;
use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: lingpao <estimate|compare|regions|explain REGION|eligibility|lookup TEXT|version> [--json] [--lang zh|en] [--as-of YYYY-MM-DD]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error of ours.
            let _ = writeln!(stdout, "{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", serde_json::to_string_pretty(&e.to_json()).unwrap_or_else(|_| e.to_string()));
            ExitCode::from(2)
        }
    }
}

fn usage(msg: &str) -> InputError {
    InputError::new("arguments", format!("{msg}; {USAGE}"), format!("参数错误：{msg}"))
}

fn json<T: Serialize>(v: &T) -> Result<String, InputError> {
    serde_json::to_string_pretty(v).map_err(|e| InputError::new("output", e.to_string(), e.to_string()))
}

/// The request on stdin; `--lang` and `--as-of` fill in what it leaves out.
fn stdin_json(o: &Opts) -> Result<Json<'static>, InputError> {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text).map_err(|e| InputError::new("request", format!("cannot read stdin: {e}"), "无法读取标准输入"))?;
    let mut v = api::parse_json(&text)?.into_owned();
    if let Json::Object(obj) = &mut v {
        if let Some(lang) = o.lang {
            obj.or_insert("lang", Json::String((if lang == Lang::En { "en" } else { "zh" }).into()));
        }
        if let Some(d) = o.as_of {
            obj.or_insert("as_of", Json::String(d.to_string().into()));
        }
    }
    Ok(v)
}

struct Opts {
    json: bool,
    lang: Option<Lang>,
    as_of: Option<Date>,
    positional: Vec<String>,
}

fn opts(args: &[String]) -> Result<Opts, InputError> {
    let mut o = Opts { json: false, lang: None, as_of: None, positional: Vec::new() };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => o.json = true,
            "--lang" => {
                o.lang = match it.next().map(String::as_str) {
                    Some("zh") => Some(Lang::Zh),
                    Some("en") => Some(Lang::En),
                    _ => return Err(usage("--lang takes zh or en").allowed(vec!["zh".into(), "en".into()])),
                }
            }
            "--as-of" => {
                let d = it.next().and_then(|s| Date::parse(s)).ok_or_else(|| usage("--as-of takes a YYYY-MM-DD date"))?;
                o.as_of = Some(d);
            }
            s if s.starts_with("--") => return Err(usage(&format!("unknown option {s}"))),
            s => o.positional.push(s.to_string()),
        }
    }
    Ok(o)
}

fn run(args: &[String]) -> Result<String, InputError> {
    let commands = || vec!["estimate".into(), "compare".into(), "regions".into(), "explain".into(), "eligibility".into(), "lookup".into(), "kinds".into(), "version".into()];
    let Some((cmd, rest)) = args.split_first() else {
        return Err(usage("no command").allowed(commands()));
    };
    let o = opts(rest)?;
    let today = api::today();
    match (cmd.as_str(), o.positional.as_slice()) {
        ("estimate", []) => json(&api::estimate(&stdin_json(&o)?, today)?),
        ("compare", []) => json(&api::compare(&stdin_json(&o)?, today)?),
        ("regions", []) => json(&api::regions(o.as_of, today, o.lang.unwrap_or_default())),
        ("explain", [region]) => {
            let lang = o.lang.unwrap_or_default();
            let e = api::explain(region, lang)?;
            if o.json {
                json(&e)
            } else {
                Ok(table(&e, lang))
            }
        }
        ("eligibility", []) => json(&api::eligibility(&stdin_json(&o)?, today)?),
        ("lookup", words) => json(&api::lookup(&words.join(" "))?),
        ("kinds", []) => json(api::kinds()),
        ("version", []) => json(&api::version()),
        ("explain", _) => Err(usage("explain takes one region id").allowed(lingpao::policy::catalog().region_ids())),
        (c, _) if commands().iter().any(|x| x == c) => Err(usage(&format!("`{c}` takes no arguments"))),
        (c, _) => Err(usage(&format!("unknown command `{c}`")).allowed(commands())),
    }
}

/// The rules as a plain-text table, one row per amount.
fn table(e: &Explanation, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut out = format!("{} ({})\n", e.region_name, e.region);
    for p in &e.policies {
        out += &format!("\n《{}》 [{}]\n", p.title, p.id);
        if p.rules.is_empty() {
            out += if zh { "  （不规定资助金额）\n" } else { "  (names no amounts)\n" };
        }
        for r in &p.rules {
            let basis = match (r.basis, zh) {
                (lingpao::policy::schema::Basis::Fixed, true) => "定额",
                (lingpao::policy::schema::Basis::Cap, true) => "最高",
                (lingpao::policy::schema::Basis::Fixed, false) => "fixed",
                (lingpao::policy::schema::Basis::Cap, false) => "up to",
            };
            let amounts: Vec<String> = r.cases.iter().map(|c| c.amount_yuan.clone()).collect();
            let shown = if r.amount.parse::<rust_decimal::Decimal>().is_ok() { r.amount.clone() } else { format!("{} [{}]", r.amount, amounts.join(" / ")) };
            out += &format!("  {:<8} {:<28} {:>8} {}  {}\n", r.clause, format!("{} · {}", r.kind, r.applies_to), basis, shown, r.id);
            out += &format!("           “{}”\n", r.quote);
            if let Some(n) = &r.note {
                out += &format!("           {} {n}\n", if zh { "注：" } else { "Note:" });
            }
        }
        for (title, rows) in [("限制 / limits", &p.limits), ("条件 / conditions", &p.conditions), ("提示 / notices", &p.notices), ("激励 / benefits", &p.benefits)] {
            if rows.is_empty() {
                continue;
            }
            out += &format!("  {title}\n");
            for r in rows.iter() {
                out += &format!("  {:<8} {}\n           “{}”\n", r.clause, r.text, r.quote);
            }
        }
    }
    out
}
