//! `lingpao batch`: many units at once, for a costing. Requests of the contract come in
//! one per line (JSON Lines, or rows of a CSV: [`csv`]), results go out in the same
//! order, one per line. By default a unit's totals only, computed by the engine's
//! textless path ([`engine::totals`]: the same pricing and limits as `estimate`, no
//! notes, quotes or formulas); `explain` adds the full estimate. A bad line becomes an
//! `error` line; the batch goes on.
//!
//! Streaming in chunks of [`CHUNK`] lines: a chunk is computed on every core (rayon)
//! while the previous one is written and the next one read, so memory stays flat
//! whatever the input's length, and `collect` keeps the input's order. [`run`] is the
//! CLI's (native: threads, stdin); [`each`] computes the same lines one after another,
//! for the wasm face, where a Web Worker feeds the page's file in pieces.

pub mod csv;
#[cfg(not(target_arch = "wasm32"))]
pub mod fast;
mod lines;
mod summary;
#[cfg(not(target_arch = "wasm32"))]
mod write;

use crate::api;
use crate::date::Date;
use crate::engine::{self, Totals};
use crate::model::result::EstimateResult;
use crate::model::{plain_decimal, request, yuan, InputError, Reform, Request};
use crate::policy::catalog;
#[cfg(not(target_arch = "wasm32"))]
use rayon::prelude::*;
use rust_decimal::Decimal;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use std::io::{self, BufRead};

pub use lines::read_line;
pub use summary::Summary;

/// Lines per chunk: enough to keep every core busy between two writes, small enough that
/// a chunk of the largest lines allowed stays well under a few hundred MB.
pub const CHUNK: usize = 4096;

/// Lines a thread computes in one go, into one output buffer and one summary.
#[cfg(not(target_arch = "wasm32"))]
const PIECE: usize = 256;

#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'r> {
    /// CSV in (one row per unit, [`csv`]) and, without `explain`, CSV out.
    pub csv: bool,
    /// The full estimate of each unit (JSON Lines out, even from CSV).
    pub explain: bool,
    /// Every unit under this reform, beside its totals without it.
    pub reform: Option<&'r Reform>,
}

/// One unit's answer: its totals, or the error that made its line bad.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitTotals {
    pub region: &'static str,
    pub total: Decimal,
    pub upper_bound: bool,
    /// Each paying text in force on the unit's day, in the region's order.
    pub per_policy: Vec<(&'static str, Decimal)>,
    /// Under a reform (the figures above are the reform's): the total and the per-policy
    /// totals without it.
    pub baseline: Option<(Decimal, Vec<(&'static str, Decimal)>)>,
}

impl UnitTotals {
    fn of(region: &'static str, t: Totals) -> Self {
        UnitTotals { region, total: t.total, upper_bound: t.upper_bound, per_policy: ids(t.per_policy), baseline: None }
    }

    /// The same figures read from a full estimate (the `explain` output; the tests use it
    /// to hold the textless path to the full one).
    pub fn from_result(r: &EstimateResult<'static>) -> Self {
        let money = |s: &str| plain_decimal(s).unwrap_or_default();
        UnitTotals {
            region: r.region,
            total: money(&r.total_yuan),
            upper_bound: r.total_is_upper_bound,
            per_policy: r.policies.iter().filter(|p| p.pays).map(|p| (p.id, r.lines.iter().filter(|l| l.policy == p.id).map(|l| money(&l.amount_yuan)).sum())).collect(),
            baseline: None,
        }
    }
}

/// A unit's answer: its totals (and its full estimate with `explain`), or why its line
/// is bad.
pub type Answer = Result<(UnitTotals, Option<EstimateResult<'static>>), InputError>;

fn ids(per_policy: Vec<(usize, Decimal)>) -> Vec<(&'static str, Decimal)> {
    per_policy.into_iter().map(|(pi, d)| (catalog().policy(pi).id.as_str(), d)).collect()
}

/// One request's text → its totals (and its full estimate with `explain`), under a
/// reform if one is given (then with the totals without it beside).
pub fn unit(text: &str, explain: bool, today: Date, reform: Option<&Reform>) -> Answer {
    let v = api::parse_json(text)?;
    let req = request::parse(&v, catalog(), true)?;
    of_request(&req, explain, today, reform, None)
}

/// What a thread reuses from line to line: the request a line is read into, and the
/// memo of prices.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Default)]
pub struct Scratch {
    req: Request,
    seen: fast::Seen,
    prices: engine::Prices,
}

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// [`unit`], reading the line into `scratch` (reused from line to line) where the fast
/// reader takes it, the general way otherwise: the same answer either way.
#[cfg(not(target_arch = "wasm32"))]
pub fn unit_reusing(text: &str, explain: bool, today: Date, reform: Option<&Reform>, scratch: &mut Scratch) -> Answer {
    if fast::read(text, catalog(), &mut scratch.req, &mut scratch.seen) {
        of_request(&scratch.req, explain, today, reform, Some(&mut scratch.prices))
    } else {
        unit(text, explain, today, reform)
    }
}

/// A checked request's answer.
fn of_request(req: &Request, explain: bool, today: Date, reform: Option<&Reform>, mut prices: Option<&mut engine::Prices>) -> Answer {
    let cat = catalog();
    request::dates_by(req, req.as_of.unwrap_or(today))?;
    let (ri, region) = cat.region(req.region.as_deref().unwrap_or_default()).map(|(i, r)| (i, r.id.as_str())).unwrap_or_default();
    // The wasm face never explains: its module keeps none of that path's code.
    let (mut t, r) = if explain && cfg!(not(target_arch = "wasm32")) {
        let r = engine::estimate(cat, region, req, today, reform);
        (UnitTotals::from_result(&r), Some(r))
    } else {
        (UnitTotals::of(region, engine::totals_with(cat, ri, req, today, reform, prices.as_deref_mut())), None)
    };
    if reform.is_some() {
        let b = engine::totals_with(cat, ri, req, today, None, prices);
        t.baseline = Some((b.total, ids(b.per_policy)));
    }
    Ok((t, r))
}

/// The per-policy totals as a JSON object, in the region's order.
struct PolicyMap<'a>(&'a [(&'static str, Decimal)]);

impl Serialize for PolicyMap<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (id, d) in self.0 {
            m.serialize_entry(id, &yuan(*d))?;
        }
        m.end()
    }
}

/// A unit's output line in JSON Lines (see [`line`]).
#[derive(Serialize)]
pub struct Line<'a> {
    line: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    total_yuan: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    total_is_upper_bound: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    policies: Option<PolicyMap<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_total_yuan: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_policies: Option<PolicyMap<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a InputError>,
    #[serde(skip_serializing_if = "Option::is_none")]
    result: Option<&'a EstimateResult<'static>>,
}

/// A unit's output line as JSON Lines writes it: totals, or `error`, and with `explain`
/// the full result. Each face serializes it with its own writer (serde_json here,
/// UTF-16 in wasm: the same text, `json16` is held to serde_json's).
pub fn line(n: u64, answer: &Answer) -> Line<'_> {
    match answer {
        Ok((t, r)) => Line {
            line: n,
            region: Some(t.region),
            total_yuan: Some(yuan(t.total)),
            total_is_upper_bound: Some(t.upper_bound),
            policies: Some(PolicyMap(&t.per_policy)),
            baseline_total_yuan: t.baseline.as_ref().map(|b| yuan(b.0)),
            baseline_policies: t.baseline.as_ref().map(|b| PolicyMap(&b.1)),
            error: None,
            result: r.as_ref(),
        },
        Err(e) => Line { line: n, region: None, total_yuan: None, total_is_upper_bound: None, policies: None, baseline_total_yuan: None, baseline_policies: None, error: Some(e), result: None },
    }
}

/// A unit's output line (with its end) as JSON Lines.
#[cfg(not(target_arch = "wasm32"))]
pub fn json_line(n: u64, answer: &Answer) -> String {
    let mut s = String::new();
    write::json_line(&mut s, n, answer);
    s
}

/// Why a batch stopped before its end: input it cannot read at all (a CSV header it
/// cannot use), or output it cannot write. A bad line never stops it.
#[derive(Debug)]
pub enum Stop {
    Input(InputError),
    Io(io::Error),
}

impl From<InputError> for Stop {
    fn from(e: InputError) -> Self {
        Stop::Input(e)
    }
}

impl From<io::Error> for Stop {
    fn from(e: io::Error) -> Self {
        Stop::Io(e)
    }
}

/// Reads the next non-blank line: its number and text, or why it cannot be a request
/// (too long, not UTF-8). `None` at the end of the input.
fn next_line<'b>(input: &mut impl BufRead, next: &mut u64, buf: &'b mut Vec<u8>) -> io::Result<Option<(u64, Result<&'b str, InputError>)>> {
    loop {
        let Some(whole) = read_line(input, buf, api::MAX_REQUEST_BYTES)? else { return Ok(None) };
        *next += 1;
        if whole && buf.iter().all(u8::is_ascii_whitespace) {
            continue; // a blank line (a file's last newline, a gap) is no unit
        }
        let text = if !whole {
            Err(api::too_large())
        } else {
            std::str::from_utf8(buf).map_err(|e| {
                let at = e.valid_up_to();
                InputError::new("request", format!("is not UTF-8 text (byte {at} of the line)"), format!("请求不是 UTF-8 文本（该行第 {at} 字节）"))
            })
        };
        return Ok(Some((*next, text)));
    }
}

/// Up to [`CHUNK`] lines as read: their text one after another in one string, and per
/// line its number and its place in that string, or why it cannot be a request.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Default)]
struct Chunk {
    text: String,
    lines: Vec<(u64, Result<std::ops::Range<usize>, InputError>)>,
}

/// Reads up to [`CHUNK`] non-blank lines.
#[cfg(not(target_arch = "wasm32"))]
fn read_chunk(input: &mut impl BufRead, next: &mut u64, buf: &mut Vec<u8>) -> io::Result<Chunk> {
    let mut chunk = Chunk { text: String::with_capacity(CHUNK * 512), lines: Vec::with_capacity(CHUNK) };
    while chunk.lines.len() < CHUNK {
        let Some((n, text)) = next_line(input, next, buf)? else { break };
        let at = chunk.text.len();
        let place = text.map(|t| {
            chunk.text.push_str(t);
            at..chunk.text.len()
        });
        chunk.lines.push((n, place));
    }
    Ok(chunk)
}

/// A line's answer: its request (a JSON line, or a CSV row under `columns`) computed, or
/// the error that kept it from being read.
#[cfg(not(target_arch = "wasm32"))]
fn answer(n: u64, text: Result<&str, &InputError>, columns: Option<&csv::Columns>, explain: bool, today: Date, reform: Option<&Reform>, scratch: &mut Scratch) -> Answer {
    text.map_err(Clone::clone).and_then(|t| match columns {
        Some(c) => c.unit(n, t, explain, today, reform),
        None => unit_reusing(t, explain, today, reform, scratch),
    })
}

/// The units of `input` (whole lines of JSON Lines, numbered from `after + 1`; blank
/// ones skipped, a line over the limit or not UTF-8 an error, as [`run`] reads them),
/// computed one after another on this thread, each answer handed to `f` with its line
/// number. The wasm face's batch: the page's Web Worker feeds a file in pieces of whole
/// lines (a wasm module has no threads, so no rayon). JSON Lines only: the page turns a
/// CSV's rows into requests itself, which keeps [`csv`] (header checks, rows, 6 KB of
/// module) out of the wasm build.
pub fn each(mut input: &[u8], after: u64, today: Date, reform: Option<&Reform>, mut f: impl FnMut(u64, &Answer)) {
    let (mut line_no, mut buf) = (after, Vec::new());
    // Reading a slice cannot fail: an error ends it like its end. Line by line, not in
    // chunks: nothing here runs in parallel.
    while let Ok(Some((n, text))) = next_line(&mut input, &mut line_no, &mut buf) {
        // Not through `answer`: its CSV branch would bring the CSV code into the module.
        f(n, &text.and_then(|t| unit(t, false, today, reform)));
    }
}

/// Runs a batch: `input` to `out`, calling `progress` with the units done after each
/// chunk. Returns the summary; lines that failed are counted in it.
#[cfg(not(target_arch = "wasm32"))]
pub fn run(mut input: impl BufRead + Send, out: &mut impl io::Write, opts: Options, today: Date, mut progress: impl FnMut(&Summary)) -> Result<Summary, Stop> {
    let reformed = opts.reform.is_some();
    let mut line_no = 0u64;
    let mut buf = Vec::new();
    let columns = if opts.csv { Some(csv::header(&mut input, &mut line_no, &mut buf)?) } else { None };
    let csv_out = opts.csv && !opts.explain;
    if csv_out {
        out.write_all(if reformed { csv::OUT_HEADER_REFORM } else { csv::OUT_HEADER }.as_bytes())?;
    }
    let mut summary = Summary { reformed, ..Summary::default() };
    // A piece of lines → their output text and what they add to the summary.
    let piece = |chunk: &Chunk, lines: &[(u64, Result<std::ops::Range<usize>, InputError>)], scratch: &mut Scratch| -> (String, Summary) {
        let mut shown = String::with_capacity(lines.len() * 160);
        let mut sum = Summary { reformed, ..Summary::default() };
        for (n, place) in lines {
            let text = place.as_ref().map(|r| &chunk.text[r.clone()]);
            let answer = answer(*n, text, columns.as_ref(), opts.explain, today, opts.reform, scratch);
            if csv_out {
                shown.push_str(&csv::out_row(*n, &answer, reformed));
            } else {
                write::json_line(&mut shown, *n, &answer);
            }
            sum.add(answer.as_ref().ok().map(|(t, _)| t));
        }
        (shown, sum)
    };
    // Each thread's scratch, or a new one should it be in use (it never is: a piece
    // does not wait on other work).
    let on_thread = |chunk: &Chunk, lines: &[_]| {
        SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut s) => piece(chunk, lines, &mut s),
            Err(_) => piece(chunk, lines, &mut Scratch::default()),
        })
    };
    let compute = |chunk: &Chunk| -> Vec<(String, Summary)> { chunk.lines.par_chunks(PIECE).map(|lines| on_thread(chunk, lines)).collect() };
    let mut chunk = read_chunk(&mut input, &mut line_no, &mut buf)?;
    while !chunk.lines.is_empty() {
        // Compute this chunk on every core while this thread reads the next one.
        let (done, next) = rayon::join(|| compute(&chunk), || read_chunk(&mut input, &mut line_no, &mut buf));
        for (text, sum) in done {
            out.write_all(text.as_bytes())?;
            summary.absorb(&sum);
        }
        progress(&summary);
        chunk = next?;
    }
    out.flush()?;
    Ok(summary)
}
