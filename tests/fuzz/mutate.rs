//! Structure-aware mutations: of JSON values (type swaps, huge numbers, long and unicode
//! strings, wildcard bombs, deep nesting, dropped and copied parts), of JSON text (truncation,
//! duplicate keys, stray characters) and of short strings (ARNs, dates, CIDRs, variables).

use super::rng::Rng;
use super::seeds::Seeds;
use serde_json::{json, Map, Value};

/// How far the mutations may go: past every limit the loaders enforce (AWS's quotas, 64 levels
/// of nesting), so refusals and linear matching are exercised too.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The longest string a mutation makes.
    pub long: usize,
    /// The most `*a` pairs in a wildcard bomb.
    pub bomb: usize,
    /// The deepest nesting a mutation adds.
    pub depth: usize,
}

impl Limits {
    pub const WILD: Limits = Limits {
        long: 200_000,
        bomb: 60_000,
        // Past the loaders' 64 levels; deeper only tests the harness's own recursion (serde_json
        // writing the mutated value), not the page's.
        depth: 200,
    };
}

/// Characters that have broken parsers before: JSON and glob syntax, separators, unicode
/// that changes length when case-folded, invisible and right-to-left marks, NUL.
const SPICE: &[&str] = &[
    "*", "?", "$", "${", "}", "{", ":", "/", "-", "+", ".", ",", " ", "\\", "\"", "'", "0", "9",
    "é", "ß", "İ", "ﬀ", "K", "\u{0}", "\u{202E}", "\u{FEFF}", "💥", "T", "Z", "P", "%", "\n",
];

/// Numbers at the edges: zero, negatives, past i64 and u64, floats, exponents.
const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "1",
    "4294967296",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "18446744073709551616",
    "9999999999999999",
    "300000000",
    "99999999999999999",
    "1e308",
    "1.5",
    "-0",
    "0.000001",
];

/// Policy variables, whole and broken.
const VARIABLES: &[&str] = &[
    "${aws:username}",
    "${aws:PrincipalTag/team, 'default'}",
    "${*}",
    "${?}",
    "${$}",
    "${",
    "${}",
    "${aws:userid",
    "${s3:prefix}",
];

/// A string mutated from `base` by one to three edits.
pub fn string(rng: &mut Rng, seeds: &Seeds, base: &str, limits: Limits) -> String {
    let mut s = base.to_string();
    for _ in 0..=rng.below(3) {
        s = edit(rng, seeds, &s, limits);
    }
    s
}

fn edit(rng: &mut Rng, seeds: &Seeds, s: &str, limits: Limits) -> String {
    let chars: Vec<char> = s.chars().collect();
    let at = rng.below(chars.len() + 1);
    let head: String = chars.iter().take(at).collect();
    let tail: String = chars.iter().skip(at).collect();
    let spice = *rng.pick(SPICE).unwrap_or(&"*");
    match rng.below(12) {
        0 => format!("{head}{spice}{tail}"),
        1 => {
            let end = (at + rng.size(8)).min(chars.len());
            let kept: String = chars.iter().skip(end).collect();
            format!("{head}{kept}")
        }
        2 => {
            let piece: String = chars.iter().skip(at).take(1 + rng.size(16)).collect();
            let times = 1 + rng.size(limits.long / piece.len().max(1));
            format!("{head}{}{tail}", piece.repeat(times))
        }
        3 => replace_digits(rng, s),
        4 => head,
        5 => format!("{head}{}b", "*a".repeat(1 + rng.size(limits.bomb))),
        6 => spice.repeat(1 + rng.size(limits.long)),
        7 => s.to_uppercase(),
        8 => {
            let other = rng.pick(&seeds.strings).map_or("", String::as_str);
            format!("{head}{other}{tail}")
        }
        9 => format!("{head}{}{tail}", rng.pick(VARIABLES).unwrap_or(&"${")),
        10 => format!("{head}{}{tail}", rng.pick(NUMBERS).unwrap_or(&"0")),
        _ => rng.pick(&seeds.strings).cloned().unwrap_or_default(),
    }
}

/// Replaces one run of digits with a number at the edges (dates, durations, ports, ids).
fn replace_digits(rng: &mut Rng, s: &str) -> String {
    let runs: Vec<(usize, usize)> = {
        let mut runs = Vec::new();
        let mut start = None;
        for (i, c) in s.char_indices().chain([(s.len(), ' ')]) {
            match (c.is_ascii_digit(), start) {
                (true, None) => start = Some(i),
                (false, Some(b)) => {
                    runs.push((b, i));
                    start = None;
                }
                _ => {}
            }
        }
        runs
    };
    let Some(&(b, e)) = rng.pick(&runs) else {
        return format!("{s}{}", rng.pick(NUMBERS).unwrap_or(&"0"));
    };
    let number = rng.pick(NUMBERS).unwrap_or(&"0").trim_start_matches('-');
    format!("{}{number}{}", &s[..b], &s[e..])
}

/// A JSON value of a random simple type, or a part copied from the seeds.
fn replacement(rng: &mut Rng, seeds: &Seeds, limits: Limits) -> Value {
    match rng.below(9) {
        0 => Value::Null,
        1 => json!(rng.one_in(2)),
        2 => serde_json::from_str(rng.pick(NUMBERS).unwrap_or(&"0")).unwrap_or(json!(0)),
        3 => json!([]),
        4 => json!({}),
        5 => rng.pick(&seeds.policies).cloned().unwrap_or(Value::Null),
        6 => {
            let mut v = json!("x");
            for _ in 0..1 + rng.size(limits.depth) {
                v = if rng.one_in(2) {
                    json!([v])
                } else {
                    json!({ "a": v })
                };
            }
            v
        }
        _ => {
            let base = rng.pick(&seeds.strings).cloned().unwrap_or_default();
            json!(string(rng, seeds, &base, limits))
        }
    }
}

fn count(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(count).sum(),
        Value::Object(o) => o.values().map(count).sum(),
        _ => 0,
    }
}

/// Applies `f` to the `k`th node in pre-order (0 is `v` itself); false when there is none.
fn at_nth(v: &mut Value, k: &mut usize, f: &mut dyn FnMut(&mut Value)) -> bool {
    if *k == 0 {
        f(v);
        return true;
    }
    *k -= 1;
    match v {
        Value::Array(a) => a.iter_mut().any(|c| at_nth(c, k, f)),
        Value::Object(o) => o.values_mut().any(|c| at_nth(c, k, f)),
        _ => false,
    }
}

/// Mutates one node of `v`.
pub fn value(rng: &mut Rng, seeds: &Seeds, v: &mut Value, limits: Limits) {
    let mut k = rng.below(count(v));
    at_nth(v, &mut k, &mut |node| match node {
        Value::String(s) if !rng.one_in(4) => *s = string(rng, seeds, s, limits),
        Value::Object(o) if !rng.one_in(3) => object(rng, seeds, o, limits),
        Value::Array(a) if !rng.one_in(3) => array(rng, a, limits),
        _ => *node = replacement(rng, seeds, limits),
    });
}

fn object(rng: &mut Rng, seeds: &Seeds, o: &mut Map<String, Value>, limits: Limits) {
    let keys: Vec<String> = o.keys().cloned().collect();
    match rng.below(3) {
        0 => {
            if let Some(k) = rng.pick(&keys) {
                o.shift_remove(k);
            }
        }
        1 => {
            let key = rng.pick(&seeds.keys).cloned().unwrap_or_default();
            o.insert(key, replacement(rng, seeds, limits));
        }
        _ => {
            if let Some(k) = rng.pick(&keys) {
                if let Some(v) = o.shift_remove(k) {
                    let key = string(rng, seeds, k, limits);
                    o.insert(key, v);
                }
            }
        }
    }
}

fn array(rng: &mut Rng, a: &mut Vec<Value>, limits: Limits) {
    if a.is_empty() {
        a.push(Value::Null);
        return;
    }
    let i = rng.below(a.len());
    match rng.below(3) {
        0 => {
            a.remove(i);
        }
        1 => {
            let copy = a[i].clone();
            // Many copies: a document or script that asks for a lot of work.
            for _ in 0..1 + rng.size(limits.long / 40) {
                a.push(copy.clone());
            }
        }
        _ => {
            let j = rng.below(a.len());
            a.swap(i, j);
        }
    }
}

/// Mutates JSON text: truncation, duplicate keys, stray or dropped characters.
pub fn text(rng: &mut Rng, seeds: &Seeds, t: &str) -> String {
    let bounds: Vec<usize> = t.char_indices().map(|(i, _)| i).chain([t.len()]).collect();
    let at = *rng.pick(&bounds).unwrap_or(&0);
    let (head, tail) = t.split_at(at);
    match rng.below(5) {
        0 => head.to_string(),
        1 => {
            // A key written twice: the loaders must pick one (or refuse), never mix.
            let Some(brace) = t.match_indices('{').map(|(i, _)| i).nth(rng.below(64)) else {
                return format!("{t}}}");
            };
            let key = rng.pick(&seeds.keys).cloned().unwrap_or_default();
            let value = rng.pick(&seeds.strings).cloned().unwrap_or_default();
            let entry = format!("{}: {}, ", json!(key), json!(value));
            format!("{}{entry}{}", &t[..=brace], &t[brace + 1..])
        }
        2 => {
            let spice = rng.pick(SPICE).unwrap_or(&"*");
            format!("{head}{spice}{tail}")
        }
        3 => {
            let skip = tail
                .chars()
                .take(1 + rng.size(32))
                .map(char::len_utf8)
                .sum();
            format!("{head}{}", &tail[skip..])
        }
        _ => {
            let n = rng.size(64);
            format!("{head}{}{}{tail}", "[".repeat(n), "]".repeat(n))
        }
    }
}
