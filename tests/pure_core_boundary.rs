//! `src/sim` and `src/doc` must never touch the browser: they are tested natively and
//! must behave the same in the page and in `iam-eval`.

use std::path::Path;

const FORBIDDEN: [&str; 5] = ["yew", "web_sys", "gloo", "js_sys", "wasm_bindgen"];

/// Returns `path:line: text` for every line that names a browser crate as a path or import.
fn offending_lines(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("cannot read {d:?}: {e}")) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (i, line) in text.lines().enumerate() {
                    if names_browser_crate(line) {
                        found.push(format!("{}:{}: {}", path.display(), i + 1, line.trim()));
                    }
                }
            }
        }
    }
    found
}

fn names_browser_crate(line: &str) -> bool {
    let code = line.split("//").next().unwrap_or("");
    FORBIDDEN.iter().any(|c| {
        code.match_indices(c).any(|(at, _)| {
            let before = code[..at].chars().next_back();
            let after = code[at + c.len()..].chars().next();
            let word_start = !before.is_some_and(|ch| ch.is_alphanumeric() || ch == '_');
            let word_end = !after.is_some_and(|ch| ch.is_alphanumeric() || ch == '_');
            word_start
                && word_end
                && (after == Some(':')
                    || code.trim_start().starts_with("use ")
                    || code.contains("extern crate"))
        })
    })
}

#[test]
fn sim_and_doc_never_name_a_browser_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = offending_lines(&root.join("src/sim"));
    found.extend(offending_lines(&root.join("src/doc")));
    for f in ["src/sim.rs", "src/doc.rs"] {
        let text = std::fs::read_to_string(root.join(f)).unwrap();
        found.extend(
            text.lines()
                .filter(|l| names_browser_crate(l))
                .map(|l| format!("{f}: {l}")),
        );
    }
    assert!(
        found.is_empty(),
        "the pure core names a browser crate:\n{}",
        found.join("\n")
    );
}

#[test]
fn boundary_check_catches_an_import() {
    assert!(names_browser_crate("use yew::prelude::*;"));
    assert!(names_browser_crate("    let w = web_sys::window();"));
    assert!(names_browser_crate("use gloo::timers::callback::Interval;"));
    assert!(names_browser_crate("let a = js_sys::Array::new();"));
    assert!(!names_browser_crate("// yew renders the canvas elsewhere"));
    assert!(!names_browser_crate("let yewish = 1;"));
}
