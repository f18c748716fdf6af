//! Keyword search over the national registers (`policies/registers/`): is a field a key
//! domain, is a company already a listed leader? Every hit names its register and clause.

use crate::model::InputError;
use crate::policy::schema::{SearchMode, Text};
use crate::policy::Catalog;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde::Serialize as DeriveSerialize;

/// Longest query accepted, in characters.
pub const MAX_QUERY: usize = 100;
/// Most whitespace-separated terms in a query.
pub const MAX_TERMS: usize = 10;

/// How a row was found: the worst of its terms' best matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, DeriveSerialize)]
#[serde(rename_all = "snake_case")]
pub enum Match {
    /// A term is a whole cell.
    Exact,
    /// A term is part of a cell.
    Contains,
    /// A cell is part of a term ("锂电池" finds the domain 电池).
    Within,
}

#[derive(Debug, Clone, DeriveSerialize)]
pub struct Column<'a> {
    pub id: &'a str,
    pub name: &'a Text,
}

#[derive(Debug, Clone, DeriveSerialize)]
pub struct RegisterInfo<'a> {
    pub id: &'a str,
    pub title: &'a Text,
    pub source: &'a str,
    pub clause: &'a str,
    pub quote: &'a str,
    pub rows: usize,
    pub columns: Vec<Column<'a>>,
}

/// A row's cells by column id, in the register's column order.
#[derive(Debug, Clone)]
pub struct Row<'a>(pub Vec<(&'a str, &'a str)>);

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'a> Row<'a> {
    pub fn get(&self, column: &str) -> Option<&'a str> {
        self.0.iter().find(|(k, _)| *k == column).map(|(_, v)| *v)
    }
}

#[derive(Debug, Clone, DeriveSerialize)]
pub struct Hit<'a> {
    pub register: &'a str,
    pub clause: &'a str,
    pub row: Row<'a>,
    /// The columns a term was found in.
    pub matched: Vec<&'a str>,
    #[serde(rename = "match")]
    pub how: Match,
    /// The reading of this row, where its printed line is odd.
    pub note: Option<&'a Text>,
}

#[derive(Debug, Clone, DeriveSerialize)]
pub struct Lookup<'a> {
    pub query: String,
    /// The query split at whitespace: a row must match every term.
    pub terms: Vec<String>,
    pub registers: Vec<RegisterInfo<'a>>,
    pub count: usize,
    /// Best matches first (exact, contains, within), then in register and row order.
    pub hits: Vec<Hit<'a>>,
    pub data_version: &'a str,
}

/// The form cells and terms are compared in: no whitespace, full-width ASCII as
/// half-width (（） and (), Ｑ and Q), ASCII lower case.
pub fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Rows of every register matching every term of `text`.
pub fn lookup<'a>(cat: &'a Catalog, text: &str) -> Result<Lookup<'a>, InputError> {
    let query = text.trim();
    if query.is_empty() {
        return Err(InputError::new("text", "is blank: give a keyword, e.g. a company, a product class or an industry", "查询内容为空：请输入关键词，如企业名称、产品类别或行业"));
    }
    if query.chars().count() > MAX_QUERY {
        return Err(InputError::new("text", format!("is longer than {MAX_QUERY} characters"), format!("查询内容超过 {MAX_QUERY} 个字符")));
    }
    let terms: Vec<String> = query.split_whitespace().map(fold).collect();
    if terms.len() > MAX_TERMS {
        return Err(InputError::new("text", format!("has more than {MAX_TERMS} terms"), format!("关键词超过 {MAX_TERMS} 个")));
    }
    let mut hits: Vec<(usize, usize, Hit)> = Vec::new();
    for (ri, reg) in cat.registers().iter().enumerate() {
        let key = reg.columns.iter().position(|c| c.id == reg.key);
        for (rowi, row) in reg.rows.iter().enumerate() {
            let cells: Vec<String> = row.iter().map(|c| fold(c)).collect();
            let mut matched: Vec<&str> = Vec::new();
            let mut worst = Match::Exact;
            let mut all = true;
            for term in &terms {
                let mut best: Option<Match> = None;
                for (ci, col) in reg.columns.iter().enumerate() {
                    let Some(cell) = cells.get(ci).filter(|c| !c.is_empty()) else { continue };
                    let m = match col.search {
                        SearchMode::None => None,
                        _ if cell == term => Some(Match::Exact),
                        _ if cell.contains(term.as_str()) => Some(Match::Contains),
                        SearchMode::Both if term.contains(cell.as_str()) => Some(Match::Within),
                        _ => None,
                    };
                    if let Some(m) = m {
                        best = Some(best.map_or(m, |b| b.min(m)));
                        if !matched.contains(&col.id.as_str()) {
                            matched.push(&col.id);
                        }
                    }
                }
                match best {
                    Some(b) => worst = worst.max(b),
                    None => {
                        all = false;
                        break;
                    }
                }
            }
            if !all {
                continue;
            }
            let name = key.and_then(|k| row.get(k)).map(|s| s.as_str()).unwrap_or("");
            hits.push((
                ri,
                rowi,
                Hit {
                    register: &reg.id,
                    clause: &reg.clause,
                    row: Row(reg.columns.iter().zip(row).map(|(c, v)| (c.id.as_str(), v.as_str())).collect()),
                    matched,
                    how: worst,
                    note: reg.notes.iter().find(|n| n.row == name).map(|n| &n.text),
                },
            ));
        }
    }
    hits.sort_unstable_by(|a, b| a.2.how.cmp(&b.2.how).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
    let hits: Vec<Hit> = hits.into_iter().map(|(_, _, h)| h).collect();
    Ok(Lookup {
        query: query.to_string(),
        terms,
        registers: cat
            .registers()
            .iter()
            .map(|r| RegisterInfo {
                id: &r.id,
                title: &r.title,
                source: &r.source,
                clause: &r.clause,
                quote: &r.quote,
                rows: r.rows.len(),
                columns: r.columns.iter().map(|c| Column { id: &c.id, name: &c.name }).collect(),
            })
            .collect(),
        count: hits.len(),
        hits,
        data_version: &cat.head.data_version,
    })
}
