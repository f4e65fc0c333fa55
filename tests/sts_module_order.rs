//! No two modules of `src/sim/sts` import each other: each shared piece lives below the
//! modules that use it, so the STS floor reads bottom-up (a circle once let the session and
//! service modules each advance time half-way).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Module = Vec<String>;

/// Every `.rs` file under `dir`, as its module path from `src/sim` (`sts/script/calls`).
fn modules(dir: &Path, root: &Path, out: &mut BTreeMap<Module, PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            modules(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(root).unwrap().with_extension("");
            let module = rel
                .iter()
                .map(|s| s.to_string_lossy().to_string())
                .collect();
            out.insert(module, path);
        }
    }
}

/// The paths a file names with `crate::`, `super::` or `self::`, brace groups expanded;
/// test modules left out.
fn named_paths(text: &str) -> Vec<Vec<String>> {
    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
    let in_path = |c: char| c.is_alphanumeric() || c == '_' || c == ':';
    let mut out = Vec::new();
    for head in ["crate::", "super::", "self::"] {
        for (at, _) in code.match_indices(head) {
            if code[..at].chars().next_back().is_some_and(in_path) {
                continue; // inside a longer path (`super::super::`), already taken
            }
            let tail = &code[at..];
            let end = tail.find(|c: char| !in_path(c)).unwrap_or(tail.len());
            let path: Vec<String> = tail[..end]
                .split("::")
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            let Some(group) = tail[end..].strip_prefix('{') else {
                out.push(path);
                continue;
            };
            for item in group.split('}').next().unwrap_or_default().split(',') {
                let name = item.split(" as ").next().unwrap_or_default().trim();
                let mut p = path.clone();
                p.extend(
                    name.split("::")
                        .filter(|s| !s.is_empty() && *s != "self")
                        .map(str::to_string),
                );
                out.push(p);
            }
        }
    }
    out
}

/// The module of `src/sim` a path from `from` names (the longest module prefix).
fn resolve(from: &Module, path: &[String], known: &BTreeMap<Module, PathBuf>) -> Option<Module> {
    let mut base: Vec<String> = match path.first().map(String::as_str) {
        Some("crate") if path.get(1).map(String::as_str) == Some("sim") => Vec::new(),
        Some("crate") => return None,
        Some("super") => from[..from.len().saturating_sub(1)].to_vec(),
        Some("self") => from.clone(),
        _ => return None,
    };
    let skip = if path.first().map(String::as_str) == Some("crate") {
        2
    } else {
        1
    };
    for seg in &path[skip.min(path.len())..] {
        if seg == "super" {
            base.pop();
        } else {
            base.push(seg.clone());
        }
    }
    (1..=base.len())
        .rev()
        .map(|n| base[..n].to_vec())
        .find(|m| known.contains_key(m))
}

#[test]
fn no_two_sts_modules_import_each_other() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/sim");
    let mut known = BTreeMap::new();
    modules(&root.join("sts"), &root, &mut known);
    known.insert(vec!["sts".to_string()], root.join("sts.rs"));
    assert!(known.len() > 10, "src/sim/sts was not found");
    let mut edges = BTreeSet::new();
    for (module, file) in &known {
        let text = std::fs::read_to_string(file).unwrap();
        for path in named_paths(&text) {
            match resolve(module, &path, &known) {
                // A child naming its parent module's re-exports is not a sibling circle.
                Some(to)
                    if to != *module
                        && !module.starts_with(&to)
                        && to.first().is_some_and(|s| s == "sts") =>
                {
                    edges.insert((module.join("/"), to.join("/")));
                }
                _ => {}
            }
        }
    }
    let circles: Vec<String> = edges
        .iter()
        .filter(|(a, b)| a < b && edges.contains(&(b.clone(), a.clone())))
        .map(|(a, b)| format!("{a} <-> {b}"))
        .collect();
    assert!(
        edges.len() > 50,
        "too few imports found: the scan is broken"
    );
    assert_eq!(circles, Vec::<String>::new());
}
