//! The wasm face's UTF-16 JSON writer says exactly what serde_json says: on every
//! result the cases produce, on every region's rules, and on awkward strings.

mod common;

use common::*;
use lingpao::{api, date::Date, json16::to_utf16, model::Lang};
use serde::Serialize;
use std::collections::BTreeMap;

fn same<T: Serialize>(what: &str, v: &T) {
    let want: Vec<u16> = serde_json::to_string(v).unwrap().encode_utf16().collect();
    let got = to_utf16(v).unwrap();
    // And with the embedded text kept by address, as the wasm face writes.
    assert_eq!(lingpao::json16::to_utf16_with(v, lingpao::policy::embedded_text()).unwrap(), got, "{what}: the immortal-text table changed the text");
    assert!(got == want, "{what}: json16 wrote\n{}\nserde_json wrote\n{}", String::from_utf16_lossy(&got), String::from_utf16_lossy(&want));
}

#[test]
fn every_case_result_is_written_as_serde_json_writes_it() {
    let today = Date::parse(TODAY).unwrap();
    let mut n = 0;
    for (file, cf) in case_files() {
        for case in &cf.cases {
            let request = to_json(&case.request);
            if let Ok(r) = api::estimate(&common::req(&request), today) {
                same(&format!("{file} — {}", case.name), &r);
                n += 1;
            }
        }
    }
    assert!(n > 200, "only {n} results compared");
    let first = to_json(&case_files()[0].1.cases[0].request);
    same("compare", &api::compare(&common::req(&first), today).unwrap());
}

#[test]
fn every_region_explained_and_the_registries_are_written_alike() {
    for r in api::regions(None, Date::parse(TODAY).unwrap(), Lang::Zh) {
        same(r.id, &api::explain(r.id, Lang::En).unwrap());
    }
    same("kinds", api::kinds());
    same("lookup", &api::lookup("电池").unwrap());
}

#[test]
fn awkward_strings_are_escaped_as_serde_json_escapes_them() {
    let s = "引号\"反斜杠\\ 换行\n回车\r制表\t退格\u{8}换页\u{c} 控制\u{1}\u{1f} 删除\u{7f} 表情😀 分隔\u{2028}";
    same("string", &s);
    let mut m = BTreeMap::new();
    m.insert("键\"", vec![Some(-12i64), None, Some(i64::MIN)]);
    m.insert("", vec![Some(u32::MAX as i64)]);
    same("map", &m);
    same("empty", &(Vec::<u8>::new(), (), true, 'x', 0u64, u64::MAX));
    #[derive(Serialize)]
    enum Shape<'a> {
        Unit,
        New(i8),
        Pair(u16, &'a str),
        Named { a: Option<bool>, b: [u8; 2] },
    }
    #[derive(Serialize)]
    struct Wrap(i32);
    #[derive(Serialize)]
    struct Renamed {
        #[serde(rename = "引\"号")]
        odd: u8,
        plain: u8,
    }
    same("field names", &Renamed { odd: 1, plain: 2 });
    same("enums", &(Shape::Unit, Shape::New(-1), Shape::Pair(7, "对"), Shape::Named { a: None, b: [1, 2] }, Wrap(-3), (Wrap(4),)));
}

#[test]
fn what_json_cannot_say_is_an_error_not_bad_text() {
    assert!(to_utf16(&1.5f64).is_err());
    let mut m = BTreeMap::new();
    m.insert(1, "one");
    assert!(to_utf16(&m).is_err());
}

/// Immortal text is kept by address and length: a string of the embedded data, a shorter
/// slice of it at the same address, and an equal copy elsewhere each come out as their
/// own text, the first time and from the table.
#[test]
fn immortal_text_is_told_by_address_and_length() {
    use lingpao::json16::to_utf16_with;
    let data = lingpao::policy::embedded_text();
    let quote: &'static str = data.split('\0').find(|q| q.len() > 40 && !q.is_ascii()).unwrap();
    let cut = quote.char_indices().nth(10).unwrap().0;
    let copy = quote.to_string();
    let want = |s: &str| serde_json::to_string(s).unwrap().encode_utf16().collect::<Vec<u16>>();
    for _ in 0..2 {
        for s in [quote, &quote[..cut], copy.as_str()] {
            assert_eq!(to_utf16_with(&s, data).unwrap(), want(s), "{s}");
        }
    }
}

/// Phrases (32 bytes and more) are kept by content in a table where one displaces
/// another: more phrases than slots, written over and over, in varying orders, still
/// come out as serde_json writes them.
#[test]
fn recurring_phrases_come_out_right_when_they_displace_one_another() {
    let phrases: Vec<String> = (0..5000).map(|i| format!("第{i}条 a phrase long enough to be kept, \"quoted\" {}", i % 7)).collect();
    for round in 0..3 {
        for k in 0..phrases.len() {
            let p = &phrases[(k * (2 * round + 1)) % phrases.len()];
            same(p, p);
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config { cases: 3000, failure_persistence: None, ..Default::default() })]

    /// Any text, whatever its mix of one- to four-byte characters and escapes.
    #[test]
    fn any_string_is_written_as_serde_json_writes_it(s in "(.|[\\x00-\\x1f\"\\\\é€😀])*") {
        let want: Vec<u16> = serde_json::to_string(&s).unwrap().encode_utf16().collect();
        proptest::prop_assert_eq!(to_utf16(&s).unwrap(), want);
    }
}
