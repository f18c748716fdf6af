//! The national registers (`policies/registers/`): every row is in the source, as
//! printed, and complete; a tampered row is caught; lookups find the right rows.

use lingpao::api;
use lingpao::engine::lookup::{fold, Match};
use lingpao::policy::validate;
use std::path::Path;

fn source(name: &str) -> Option<String> {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/sources").join(name)).ok()
}

fn register(id: &str) -> &'static lingpao::policy::schema::RegisterDef {
    lingpao::policy::bundle().registers.iter().find(|r| r.id == id).unwrap_or_else(|| panic!("register {id}"))
}

#[test]
fn every_cell_is_verbatim_in_the_source() {
    for r in &lingpao::policy::bundle().registers {
        let text = validate::normalize(&source(&r.source).unwrap());
        for row in &r.rows {
            for cell in row.iter().filter(|c| !c.trim().is_empty()) {
                assert!(text.contains(&validate::normalize(cell)), "{}: cell «{cell}» not in {}", r.id, r.source);
            }
        }
    }
}

#[test]
fn the_registers_are_complete() {
    let domains = register("key-domains-2022");
    let keys: Vec<String> = domains.rows.iter().map(|r| r[0].to_string()).collect();
    assert_eq!(keys, (1..=240).map(|n| n.to_string()).collect::<Vec<_>>());
    // “确定中粮福临门食品营销有限公司等 42 家企业 69 项企业标准”
    let grain = register("grain-oil-leaders-2022");
    let keys: Vec<String> = grain.rows.iter().map(|r| r[1].to_string()).collect();
    assert_eq!(keys, (1..=69).map(|n| n.to_string()).collect::<Vec<_>>());
    let companies: std::collections::BTreeSet<&str> = grain.rows.iter().map(|r| r[2].as_str()).collect();
    assert_eq!(companies.len(), 42);
    assert!(grain.quote.contains("42 家企业 69 项企业标准"));
}

fn errors_after(change: impl FnOnce(&mut lingpao::policy::schema::Bundle)) -> Vec<String> {
    let mut bundle = lingpao::policy::bundle().clone();
    change(&mut bundle);
    validate::validate(&bundle, &source)
}

#[test]
fn the_registers_are_sound_and_a_tampered_row_is_caught() {
    assert_eq!(errors_after(|_| {}), Vec::<String>::new());
    // A wrong cell.
    let errors = errors_after(|b| b.registers.iter_mut().find(|r| r.id == "grain-oil-leaders-2022").unwrap().rows[28][2] = "山东鲁花集团股份有限公司".into());
    assert!(errors.iter().any(|e| e.contains("row 29")), "{errors:?}");
    // A carried cell that the line above does not give.
    let errors = errors_after(|b| b.registers.iter_mut().find(|r| r.id == "key-domains-2022").unwrap().rows[1][1] = "渔业".into());
    assert!(errors.iter().any(|e| e.contains("row 2:")), "{errors:?}");
    // Rows out of order.
    let errors = errors_after(|b| b.registers[0].rows.swap(3, 4));
    assert!(!errors.is_empty());
    // An empty cell needs a note.
    let errors = errors_after(|b| b.registers.iter_mut().for_each(|r| r.notes.clear()));
    assert!(errors.iter().any(|e| e.contains("row 142 has an empty cell")), "{errors:?}");
}

fn hits(text: &str) -> Vec<(String, String)> {
    let r = api::lookup(text).unwrap();
    assert_eq!(r.count, r.hits.len());
    r.hits.iter().map(|h| (h.register.to_string(), h.row.get("no").unwrap().to_string())).collect()
}

fn nos(text: &str, register: &str) -> Vec<String> {
    hits(text).into_iter().filter(|(r, _)| r == register).map(|(_, n)| n).collect()
}

#[test]
fn a_company_is_found_in_the_leader_list() {
    assert_eq!(nos("山东鲁花集团有限公司", "grain-oil-leaders-2022"), ["29", "31", "38", "40", "67"]);
    assert_eq!(nos("鲁花", "grain-oil-leaders-2022"), ["29", "31", "38", "40", "67"]);
    assert_eq!(nos("中粮福临门食品营销有限公司", "grain-oil-leaders-2022"), ["25", "34", "35", "44", "46", "48"]);
    // Full-width brackets, spacing and case do not matter.
    assert_eq!(hits("中粮米业（吉林）有限公司"), [("grain-oil-leaders-2022".to_string(), "1".to_string())]);
    assert_eq!(nos("q/llh0005s-2022", "grain-oil-leaders-2022"), ["29"]);
    let r = api::lookup("鲁花 芝麻油").unwrap();
    assert_eq!(r.hits.len(), 1);
    let h = &r.hits[0];
    assert_eq!((h.clause, h.row.get("standard_no"), h.row.get("evaluator")), ("一、19. 附件", Some("Q/LLH 0016S-2021"), Some("中国粮油学会")));
}

#[test]
fn a_product_class_is_found_with_its_carried_cells() {
    let r = api::lookup("玉米糝").unwrap();
    let rows: Vec<_> = r.hits.iter().filter(|h| h.row.get("product_class") == Some("玉米糝")).map(|h| h.row.get("no").unwrap()).collect();
    assert_eq!(rows, ["50", "51", "52", "53"]);
    // Row 52 opens a page of the table with its class and evaluator cells empty: both carried.
    let h52 = r.hits.iter().find(|h| h.row.get("no") == Some("52")).unwrap();
    assert_eq!(h52.row.get("evaluator"), Some("辽宁省粮食行业协会、甘肃省粮油质量监督检验所"));
    assert_eq!(h52.how, Match::Exact);
    // A product named in the query: its class is found within it.
    let r = api::lookup("压榨花生油").unwrap();
    assert!(r.hits.iter().any(|h| h.row.get("product_class") == Some("花生油") && h.how == Match::Within));
}

#[test]
fn an_industry_or_field_is_found_among_the_key_domains() {
    assert_eq!(nos("玩具", "key-domains-2022"), ["41"]);
    let r = api::lookup("玩具").unwrap();
    assert_eq!((r.hits[0].row.get("industry"), r.hits[0].how, r.hits[0].clause), (Some("文教、工美、体育和娱乐用品制造业"), Match::Exact, "一、13."));
    assert_eq!(nos("锂电池", "key-domains-2022"), ["155"]);
    assert_eq!(nos("汽车 零部件", "key-domains-2022"), ["147"]);
    assert_eq!(nos("化学纤维制造业", "key-domains-2022"), ["55", "56", "57"]);
    // A row read with a note carries it.
    let r = api::lookup("汽车制造业").unwrap();
    assert!(r.hits.iter().any(|h| h.row.get("no") == Some("142") && h.note.is_some()));
    // Exact matches come first.
    assert_eq!(api::lookup("电池").unwrap().hits[0].how, Match::Exact);
}

#[test]
fn blank_long_and_unmatched_queries() {
    for blank in ["", "   ", "\u{3000}\t\n"] {
        let e = api::lookup(blank).unwrap_err();
        assert_eq!(e.field, "text", "{blank:?}");
    }
    assert_eq!(api::lookup(&"稻".repeat(101)).unwrap_err().field, "text");
    let r = api::lookup("火箭发射服务").unwrap();
    assert_eq!((r.count, r.hits.len()), (0, 0));
    assert_eq!(r.registers.len(), 2, "the registers searched are named even with no hit");
    assert_eq!(fold("Ｑ／ＡＢ　（１）"), "q/ab(1)");
}
