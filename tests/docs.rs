//! The files generated from the policy data (`lingpao::gen`: the docs and the package's
//! `data.d.ts` and `checklists.json`) are current: this fails when one is stale, and `cargo run --example gen`
//! rewrites them.

use std::path::Path;

#[test]
fn generated_files_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = lingpao::gen::files(lingpao::policy::catalog());
    let paths: Vec<&str> = files.iter().map(|(p, _)| *p).collect();
    assert_eq!(paths, ["docs/ambiguities.md", "docs/kinds.md", "docs/eligibility.md", "pkg/data.d.ts", "pkg/checklists.json", "docs/sme.md"]);
    let stale: Vec<&str> = files.iter().filter(|(path, body)| std::fs::read_to_string(root.join(path)).ok().as_deref() != Some(body.as_str())).map(|(p, _)| *p).collect();
    assert!(stale.is_empty(), "stale: {stale:?}: run `cargo run --example gen`");
}
