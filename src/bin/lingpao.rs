//! `lingpao`: the native face of the engine. `lingpao help` lists the commands (the
//! table [`COMMANDS`] below), `lingpao help COMMAND` gives one command's flags.
//!
//! Exit 0 on success, 2 on bad input (a JSON error on stderr), 1 when the answer cannot
//! be written (a full disk); a reader closing the pipe early (`| head`) ends it quietly.
//! Arguments are parsed by hand, not with clap: nine commands and five flags fit in a
//! table, and every error keeps the contract's JSON form on stderr. `batch` streams
//! (and exits 2 when a line failed), so it writes as it goes (see [`batch`]).

use lingpao::api;
use lingpao::date::Date;
use lingpao::engine::explain::Explanation;
use lingpao::model::{shown, shown_zh, InputError, Json, Lang};
use serde::Serialize;
use std::ffi::OsString;
use std::io::{ErrorKind, Read, Write};
use std::process::ExitCode;

/// One command: its name, its arguments, the flags it takes, what it does.
struct Command {
    name: &'static str,
    args: &'static str,
    flags: &'static [&'static str],
    about: &'static str,
}

const COMMANDS: &[Command] = &[
    Command { name: "estimate", args: "< request.json", flags: &["--lang", "--as-of", "--reform", "--ics"], about: "One region's estimate: request JSON on stdin, result JSON on stdout (or its deadlines as iCalendar with --ics)" },
    Command { name: "compare", args: "< request.json", flags: &["--lang", "--as-of", "--reform"], about: "The same achievements in every region, ranked (the request's region is ignored)" },
    Command { name: "advise", args: "< request.json", flags: &["--lang", "--as-of", "--across"], about: "What to add next: each item the region pays for, ranked by what it adds to this request's total" },
    Command { name: "regions", args: "", flags: &["--lang", "--as-of"], about: "Region ids, names, policies and each policy's status on a day" },
    Command { name: "explain", args: "REGION", flags: &["--json", "--lang"], about: "A region's rules clause by clause, as a table (or JSON with --json)" },
    Command { name: "batch", args: "< requests.jsonl", flags: &["--csv", "--explain", "--reform"], about: "Many units: one request per line (JSON Lines, or CSV rows with --csv), totals per line in order" },
    Command { name: "checklist", args: "[REGION] | < request.json", flags: &["--json", "--lang", "--as-of"], about: "What to hand in and the steps, per text (REGION: as text, or JSON with --json); a request on stdin: JSON, materials ticked on its lines" },
    Command { name: "eligibility", args: "< request.json", flags: &["--lang", "--as-of"], about: "Leader conditions of a region met / not met / unknown on {\"region\",\"facts\"}" },
    Command { name: "sme", args: "< facts.json", flags: &["--lang", "--inputs"], about: "SME tiers self-assessment (创新型 / 专精特新 / 小巨人) on {\"facts\"}; --inputs lists the facts" },
    Command { name: "lookup", args: "TEXT...", flags: &[], about: "Rows of the 2022 key domains and grain-and-oil leader list matching every word" },
    Command { name: "kinds", args: "", flags: &[], about: "The achievement kinds, their fields, allowed values and zh/en labels" },
    Command { name: "version", args: "", flags: &[], about: "Package and policy-data versions, as JSON" },
];

/// What each flag means, for the help text.
const FLAGS: &[(&str, &str)] = &[
    ("--lang zh|en", "language of names, reasons and notes (default zh); for a request on stdin, used where it gives no `lang`"),
    ("--as-of YYYY-MM-DD", "the day policy validity is judged on (default today, UTC+8); for a request on stdin, used where it gives no `as_of`"),
    ("--json", "JSON instead of a table (explain: the rules; checklist REGION: the checklist)"),
    ("--csv", "CSV in and out: a header `region,as_of,lang,<kind:field=value:...>...`, a cell is a count (README: `lingpao batch`; examples/batch.csv)"),
    ("--explain", "the full estimate of each unit (JSON Lines out), not only its totals"),
    ("--reform FILE", "\"if the amounts were…\": a reform (JSON: {\"name\",\"changes\":[{\"policy\",\"rule\"|\"limit\",\"amount\"|\"percent\"|\"max\"|\"raised_amount\"|\"off\"}]}) applied to every estimate, each changed line with its baseline (README: Reforms; examples/reform.json)"),
    ("--across", "each candidate also priced in every region (where it pays most)"),
    ("--ics", "the estimate's dated deadlines and call periods as an iCalendar file (RFC 5545) instead of JSON: one all-day event per deadline day, yearly ones repeating (README: Dates and deadlines)"),
    ("--inputs", "the facts the SME assessment reads (types, ranges, choices, zh/en), as JSON, instead of assessing"),
];

fn help() -> String {
    let mut out = String::from("lingpao: standardization-subsidy estimates, clause by clause, every policy embedded.\n\nusage: lingpao COMMAND [ARGS] [FLAGS]\n\ncommands:\n");
    for c in COMMANDS {
        out += &format!("  {:<12} {}\n", c.name, c.about);
    }
    out += "\n  lingpao help COMMAND   that command's arguments and flags\n  lingpao --version      the package and policy-data versions\n\n";
    out += "A request is JSON (`docs/kinds.md` lists the achievement kinds), at most 1 MiB.\nExit 0 on success; 2 on bad input, with {\"error\":{\"field\",\"message\",\"allowed\"}} on stderr;\n1 when the answer cannot be written.\n";
    out
}

fn command_help(c: &Command) -> String {
    let flags: Vec<&(&str, &str)> = FLAGS.iter().filter(|(f, _)| c.flags.iter().any(|x| f.split(' ').next() == Some(*x))).collect();
    let mut out = format!("usage: lingpao {} {}", c.name, c.args);
    for (flag, _) in &flags {
        out += &format!(" [{flag}]");
    }
    out += &format!("\n\n{}.\n", c.about);
    if !flags.is_empty() {
        out += "\nflags:\n";
        for (flag, doc) in flags {
            out += &format!("  {flag:<20} {doc}\n");
        }
    }
    out
}

fn main() -> ExitCode {
    let args = std::env::args_os().skip(1).enumerate().map(|(i, a)| text_arg(i, a)).collect::<Result<Vec<String>, _>>();
    #[cfg(not(target_arch = "wasm32"))] // the tests build every target for wasm too
    if let Ok([cmd, rest @ ..]) = args.as_deref() {
        if cmd == "batch" {
            if let Some(code) = batch(rest) {
                return code;
            }
        }
    }
    let answer = args.and_then(|args| run(&args));
    match answer {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            match writeln!(stdout, "{out}").and_then(|()| stdout.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                // A reader that stopped reading (`| head`) is not an error of ours.
                Err(e) if e.kind() == ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    report(&InputError::new("output", format!("cannot write the answer to stdout: {e}"), format!("无法写出结果：{e}")));
                    ExitCode::from(1)
                }
            }
        }
        Err(e) => {
            report(&e);
            ExitCode::from(2)
        }
    }
}

/// `lingpao batch`: streams, so it writes as it goes rather than returning one answer.
/// `None` when it only prints its help (the common path does). Exit 0 when every line
/// was answered, 2 when a line (or the CSV header) was bad input, 1 when writing failed.
#[cfg(not(target_arch = "wasm32"))]
fn batch(args: &[String]) -> Option<ExitCode> {
    use lingpao::batch::{self, Stop};
    use std::io::IsTerminal;
    let c = find("batch").ok()?;
    let o = match opts(c, args) {
        Ok(o) if o.help => return None,
        Ok(o) if !o.positional.is_empty() => Err(usage("`batch` takes no arguments: the requests come on stdin")),
        other => other,
    };
    let o = match o {
        Ok(o) => o,
        Err(e) => {
            report(&e);
            return Some(ExitCode::from(2));
        }
    };
    let input = std::io::BufReader::with_capacity(1 << 16, std::io::stdin());
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    // A counter, not a bar: a stream has no known length. Hand-written (one line
    // rewritten in place) rather than a crate, and only on a terminal: a log gets the
    // summary alone.
    let tty = std::io::stderr().is_terminal();
    let progress = |s: &batch::Summary| {
        if tty {
            let _ = write!(std::io::stderr(), "\r\x1b[Klingpao batch: {} units, {} failed", s.units, s.failed);
        }
    };
    let reform = match o.reform.as_deref().map(read_reform).transpose() {
        Ok(r) => r,
        Err(e) => {
            report(&e);
            return Some(ExitCode::from(2));
        }
    };
    let result = batch::run(input, &mut out, batch::Options { csv: o.csv, explain: o.explain, reform: reform.as_ref() }, api::today(), progress);
    if tty {
        let _ = write!(std::io::stderr(), "\r\x1b[K");
    }
    Some(match result {
        Ok(s) => {
            let _ = write!(std::io::stderr(), "{s}");
            if s.failed > 0 {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(Stop::Input(e)) => {
            report(&e);
            ExitCode::from(2)
        }
        Err(Stop::Io(e)) if e.kind() == ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Stop::Io(e)) => {
            report(&InputError::new("output", format!("cannot read the input or write the results: {e}"), format!("无法读取输入或写出结果：{e}")));
            ExitCode::from(1)
        }
    })
}

/// The error on stderr; if stderr itself cannot be written, the exit code still tells.
fn report(e: &InputError) {
    let text = serde_json::to_string_pretty(&e.to_json()).unwrap_or_else(|_| e.to_string());
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// An argument as text: one that is not UTF-8 (a GBK terminal) is refused, not a crash.
fn text_arg(i: usize, a: OsString) -> Result<String, InputError> {
    a.into_string().map_err(|a| {
        let lossy = a.to_string_lossy();
        InputError::new(
            "arguments",
            format!("argument {} (`{}`) is not UTF-8 text; set the terminal to UTF-8", i + 1, shown(&lossy)),
            format!("第 {} 个参数不是 UTF-8 文本，请将终端设为 UTF-8 编码", i + 1),
        )
    })
}

fn usage(msg: &str) -> InputError {
    InputError::new("arguments", format!("{msg}; see `lingpao help`"), format!("参数错误：{msg}（见 lingpao help）"))
}

fn json<T: Serialize>(v: &T) -> Result<String, InputError> {
    serde_json::to_string_pretty(v).map_err(|e| InputError::new("output", e.to_string(), e.to_string()))
}

/// The request on stdin (at most [`api::MAX_REQUEST_BYTES`], read no further); `--lang`
/// and `--as-of` fill in what it leaves out.
fn stdin_json(o: &Opts) -> Result<Json<'static>, InputError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(api::MAX_REQUEST_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::new("request", format!("cannot read stdin: {e}"), "无法读取标准输入"))?;
    if bytes.len() > api::MAX_REQUEST_BYTES {
        return Err(api::too_large());
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        InputError::new("request", format!("is not UTF-8 text (byte {at})"), format!("请求不是 UTF-8 文本（第 {at} 字节）"))
    })?;
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

/// The reform in `path`, read (at most [`api::MAX_REQUEST_BYTES`]) and checked.
fn read_reform(path: &str) -> Result<lingpao::model::Reform, InputError> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(api::MAX_REQUEST_BYTES as u64 + 1).read_to_end(&mut bytes))
        .map_err(|e| InputError::new("reform", format!("cannot read the reform file `{}`: {e}", shown(path)), format!("无法读取改革方案文件“{}”", shown_zh(path))))?;
    if bytes.len() > api::MAX_REQUEST_BYTES {
        return Err(InputError::new("reform", "is over the limit of 1048576 bytes (1 MiB) of JSON", "改革方案超过 1048576 字节（1 MiB）的上限"));
    }
    let text = String::from_utf8(bytes).map_err(|e| InputError::new("reform", format!("is not UTF-8 text (byte {})", e.utf8_error().valid_up_to()), "改革方案不是 UTF-8 文本"))?;
    api::reform(&text)
}

struct Opts {
    /// The reform file's path.
    reform: Option<String>,
    json: bool,
    csv: bool,
    explain: bool,
    inputs: bool,
    across: bool,
    ics: bool,
    help: bool,
    lang: Option<Lang>,
    as_of: Option<Date>,
    positional: Vec<String>,
}

/// The flags after the command; each command takes only the flags it lists.
fn opts(c: &Command, args: &[String]) -> Result<Opts, InputError> {
    let mut o = Opts { reform: None, json: false, csv: false, explain: false, inputs: false, across: false, ics: false, help: false, lang: None, as_of: None, positional: Vec::new() };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a.starts_with('-') && a != "-" && !matches!(a.as_str(), "-h" | "--help") && !c.flags.contains(&a.as_str()) {
            let e = usage(&format!("`{}` takes no option {}", c.name, shown(a)));
            return Err(e.allowed(c.flags.iter().map(|f| f.to_string()).collect()));
        }
        match a.as_str() {
            "-h" | "--help" => o.help = true,
            "--json" => o.json = true,
            "--csv" => o.csv = true,
            "--explain" => o.explain = true,
            "--inputs" => o.inputs = true,
            "--across" => o.across = true,
            "--ics" => o.ics = true,
            "--lang" => {
                o.lang = match it.next().map(String::as_str) {
                    Some("zh") => Some(Lang::Zh),
                    Some("en") => Some(Lang::En),
                    _ => return Err(usage("--lang takes zh or en").allowed(vec!["zh".into(), "en".into()])),
                }
            }
            "--reform" => o.reform = Some(it.next().filter(|f| !f.starts_with('-') || *f == "-").ok_or_else(|| usage("--reform takes a file (a reform as JSON)"))?.clone()),
            "--as-of" => {
                let d = it.next().and_then(|s| Date::parse(s)).ok_or_else(|| usage("--as-of takes a YYYY-MM-DD date"))?;
                o.as_of = Some(d);
            }
            s => o.positional.push(s.to_string()),
        }
    }
    Ok(o)
}

fn find(name: &str) -> Result<&'static Command, InputError> {
    COMMANDS
        .iter()
        .find(|c| c.name == name)
        .ok_or_else(|| usage(&format!("unknown command `{}`", shown(name))).allowed(COMMANDS.iter().map(|c| c.name.to_string()).collect()))
}

fn run(args: &[String]) -> Result<String, InputError> {
    let Some((cmd, rest)) = args.split_first() else {
        return Err(usage("no command").allowed(COMMANDS.iter().map(|c| c.name.to_string()).collect()));
    };
    match (cmd.as_str(), rest) {
        ("-h" | "--help" | "help", []) => return Ok(help()),
        ("help", [name]) => return Ok(command_help(find(name)?)),
        ("help", _) => return Err(usage("help takes one command")),
        ("-V" | "--version", []) => return Ok(format!("lingpao {} (data {})", env!("CARGO_PKG_VERSION"), api::version().data)),
        _ => {}
    }
    let c = find(cmd)?;
    let o = opts(c, rest)?;
    if o.help {
        return Ok(command_help(c));
    }
    let today = api::today();
    match (c.name, o.positional.as_slice()) {
        ("estimate", []) => {
            let reform = o.reform.as_deref().map(read_reform).transpose()?;
            let r = api::estimate_reformed(&stdin_json(&o)?, reform.as_ref(), today)?;
            // Every line of the calendar ends in CRLF; the LF of the last is the one
            // every answer is written with.
            if o.ics {
                let mut ics = lingpao::calendar::ics(&r);
                ics.pop();
                return Ok(ics);
            }
            json(&r)
        }
        ("compare", []) => {
            let reform = o.reform.as_deref().map(read_reform).transpose()?;
            json(&api::compare_reformed(&stdin_json(&o)?, reform.as_ref(), today)?)
        }
        ("advise", []) => json(&api::advise(&stdin_json(&o)?, o.across, today)?),
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
        ("checklist", []) => json(&api::checklist(&stdin_json(&o)?, today)?),
        ("checklist", [region]) => {
            // A region alone: the request with no achievements, so nothing is ticked.
            let lang = o.lang.unwrap_or_default();
            let as_of = o.as_of.map_or(String::new(), |d| format!(",\"as_of\":\"{d}\""));
            let region_json = serde_json::to_string(region).map_err(|e| InputError::new("region", e.to_string(), e.to_string()))?;
            let text = format!("{{\"region\":{region_json},\"lang\":\"{}\"{as_of},\"achievements\":[]}}", if lang == Lang::En { "en" } else { "zh" });
            let c = api::checklist(&api::parse_json(&text)?, today)?;
            if o.json {
                json(&c)
            } else {
                Ok(checklist_text(&c, lang))
            }
        }
        ("sme", []) if o.inputs => json(&api::sme_inputs()?),
        ("sme", []) => json(&api::sme(&stdin_json(&o)?, today)?),
        ("lookup", words) => json(&api::lookup(&words.join(" "))?),
        ("kinds", []) => json(api::kinds()),
        ("version", []) => json(&api::version()),
        ("batch", _) => Err(usage("`batch` takes no arguments: the requests come on stdin")),
        ("checklist", _) => Err(usage("checklist takes one region id, or a request on stdin").allowed(lingpao::policy::catalog().region_ids())),
        ("explain", _) => Err(usage("explain takes one region id").allowed(lingpao::policy::catalog().region_ids())),
        (name, _) => Err(usage(&format!("`{name}` takes no arguments"))),
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

/// A region's checklists as plain text: per text, its materials, then its steps.
fn checklist_text(c: &lingpao::engine::checklist::Checklist, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut out = format!("{} ({}) — {}\n", if zh { &c.region_name.zh } else { &c.region_name.en }, c.region, if zh { "申报材料与流程" } else { "Application checklist" });
    for p in &c.policies {
        out += &format!("\n《{}》 [{}]\n", p.title, p.policy);
        out += if zh { "  申报材料\n" } else { "  Materials\n" };
        if !p.lists_materials {
            out += if zh { "    本文件未列明申报材料。\n" } else { "    This text lists no materials.\n" };
        }
        for (i, m) in p.materials.iter().enumerate() {
            let names: Vec<&str> = m.kinds.iter().map(|k| lingpao::policy::catalog().kind(k).map_or(*k, |d| if zh { d.name.zh.as_str() } else { d.name.en.as_str() })).collect();
            let of = if names.is_empty() { String::new() } else { format!(" [{}]", names.join(if zh { "、" } else { ", " })) };
            out += &format!("    {}. {}{of}\n       {} “{}”\n", i + 1, m.entry.text, m.entry.clause, m.entry.quote);
            if let Some(n) = m.entry.note {
                out += &format!("       {} {n}\n", if zh { "注：" } else { "Note:" });
            }
        }
        if let Some(e) = &p.materials_elsewhere {
            out += &format!("    {}\n       {} “{}”\n", e.text, e.clause, e.quote);
        }
        out += if zh { "  申报流程\n" } else { "  Steps\n" };
        if p.steps.is_empty() {
            out += if zh { "    本文件未列明申报流程。\n" } else { "    This text sets out no steps.\n" };
        }
        for (i, s) in p.steps.iter().enumerate() {
            out += &format!("    {}. {}\n       {} “{}”\n", i + 1, s.text, s.clause, s.quote);
        }
    }
    out
}
