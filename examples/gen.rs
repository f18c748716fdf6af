//! Writes the files generated from the policy data (`lingpao::gen`): the docs and the
//! package's `data.d.ts`. `cargo run --example gen` after changing anything under
//! `policies/`; `tests/docs.rs` fails until then. With `--check`, writes nothing and
//! exits 1 naming the stale files.
use std::path::Path;

fn main() {
    let check = std::env::args().any(|a| a == "--check");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut stale = Vec::new();
    for (path, body) in lingpao::gen::files(lingpao::policy::catalog()) {
        let file = root.join(path);
        if std::fs::read_to_string(&file).ok().as_deref() == Some(body.as_str()) {
            continue;
        }
        if check {
            stale.push(path);
        } else {
            std::fs::write(&file, body).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            println!("wrote {path}");
        }
    }
    if !stale.is_empty() {
        eprintln!("stale: {} (run `cargo run --example gen`)", stale.join(", "));
        std::process::exit(1);
    }
}
