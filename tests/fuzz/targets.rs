//! What each target feeds the code, and what it checks beyond "no panic, in time": that
//! nothing is lost on the way (what loads saves and loads back equal; a loaded document's
//! share link opens to the same document; a parsed policy prints and parses back equal).

mod small;

use super::mutate::{self, Limits};
use super::rng::Rng;
use super::seeds::Seeds;
use iam_playground::doc::document::Document;
use iam_playground::doc::scenario::{self, Scenario};
use iam_playground::doc::share;
use iam_playground::sim::policy::{self, PolicyKind, Severity};
use serde_json::Value;

/// What a case came to, when nothing went wrong.
#[derive(Debug, Clone, Copy)]
pub enum Verdict {
    /// The input was taken (loaded, parsed, answered).
    Accepted,
    /// The input was refused with an error, as it should be.
    Refused,
}

/// A fuzz target: how to make an input from a seed, and how to check one.
pub struct Target {
    pub name: &'static str,
    pub generate: fn(&mut Rng, &Seeds, Limits) -> String,
    /// `Err` names what was lost or broken; `wild` runs what the known list would skip.
    pub check: fn(&str, bool) -> Result<Verdict, String>,
}

/// Every target, in the order `scripts/fuzz.sh` runs them.
pub const TARGETS: &[Target] = &[
    Target {
        name: "share",
        generate: gen_share,
        check: check_share,
    },
    Target {
        name: "scenario",
        generate: gen_scenario,
        check: check_scenario,
    },
    Target {
        name: "document",
        generate: gen_document,
        check: check_document,
    },
    Target {
        name: "policy",
        generate: gen_policy,
        check: check_policy,
    },
    Target {
        name: "ieval",
        generate: gen_request,
        check: check_line,
    },
    Target {
        name: "sts",
        generate: gen_script,
        check: check_line,
    },
    Target {
        name: "arn",
        generate: small::gen_arn,
        check: small::check_arn,
    },
    Target {
        name: "time",
        generate: small::gen_time,
        check: small::check_time,
    },
    Target {
        name: "date",
        generate: small::gen_date,
        check: small::check_date,
    },
    Target {
        name: "cidr",
        generate: small::gen_cidr,
        check: small::check_cidr,
    },
    Target {
        name: "variables",
        generate: small::gen_variables,
        check: small::check_variables,
    },
    Target {
        name: "condition",
        generate: small::gen_condition,
        check: small::check_line_json,
    },
];

/// A seed value mutated one to four times.
fn mutated(rng: &mut Rng, seeds: &Seeds, pool: &[Value], limits: Limits) -> Value {
    let mut v = rng.pick(pool).cloned().unwrap_or(Value::Null);
    for _ in 0..=rng.below(4) {
        mutate::value(rng, seeds, &mut v, limits);
    }
    v
}

/// JSON text of a mutated seed, sometimes with the text itself damaged.
fn mutated_text(rng: &mut Rng, seeds: &Seeds, pool: &[Value], limits: Limits) -> String {
    let v = mutated(rng, seeds, pool, limits);
    let text = if rng.one_in(2) {
        serde_json::to_string_pretty(&v)
    } else {
        serde_json::to_string(&v)
    }
    .unwrap_or_default();
    if rng.one_in(3) {
        mutate::text(rng, seeds, &text)
    } else {
        text
    }
}

fn gen_scenario(rng: &mut Rng, seeds: &Seeds, limits: Limits) -> String {
    mutated_text(rng, seeds, &seeds.scenarios, limits)
}

fn gen_document(rng: &mut Rng, seeds: &Seeds, limits: Limits) -> String {
    mutated_text(rng, seeds, &seeds.documents, limits)
}

fn gen_policy(rng: &mut Rng, seeds: &Seeds, limits: Limits) -> String {
    mutated_text(rng, seeds, &seeds.policies, limits)
}

/// One `iam-eval` line: no line breaks (the tool reads one request per line).
fn one_line(text: String) -> String {
    text.replace(['\n', '\r'], " ")
}

fn gen_request(rng: &mut Rng, seeds: &Seeds, limits: Limits) -> String {
    one_line(mutated_text(rng, seeds, &seeds.requests, limits))
}

fn gen_script(rng: &mut Rng, seeds: &Seeds, limits: Limits) -> String {
    one_line(mutated_text(rng, seeds, &seeds.scripts, limits))
}

/// A share link payload: a mutated scenario packed as the page packs it, a valid link
/// damaged in transit (cut short, characters changed), or a zip bomb.
fn gen_share(rng: &mut Rng, seeds: &Seeds, limits: Limits) -> String {
    let pool = if rng.one_in(4) {
        &seeds.documents
    } else {
        &seeds.scenarios
    };
    let text = mutated_text(rng, seeds, pool, limits);
    let packed = match rng.below(8) {
        0 => {
            let bomb = format!(
                "{{\"type\": \"{}\"{}}}",
                scenario::SCENARIO_TYPE,
                " ".repeat(rng.size(400_000))
            );
            pack(&bomb)
        }
        _ => pack(&text),
    };
    if rng.one_in(3) {
        mutate::text(rng, seeds, &packed)
    } else {
        packed
    }
}

/// `1.<base64url(zlib(text))>`, the payload format of `doc::share`.
fn pack(text: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(text.as_bytes(), 6);
    let mut out = String::from("1.");
    for chunk in packed.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

fn check_share(input: &str, _wild: bool) -> Result<Verdict, String> {
    match share::decode(input) {
        Err(_) => Ok(Verdict::Refused),
        Ok(s) => page(&s),
    }
}

fn check_scenario(input: &str, _wild: bool) -> Result<Verdict, String> {
    match Scenario::from_json(input) {
        Err(_) => Ok(Verdict::Refused),
        Ok(s) => page(&s),
    }
}

/// What the page does with an opened scenario (draw the world, play the steps, show the
/// opening step), then the "nothing lost" checks.
fn page(s: &Scenario) -> Result<Verdict, String> {
    let _ = s.document.scene();
    let outcomes = scenario::run(s);
    if outcomes.len() != s.steps.len() {
        return Err(format!(
            "{} steps played to {} outcomes",
            s.steps.len(),
            outcomes.len()
        ));
    }
    for (step, outcome) in s.steps.iter().zip(&outcomes) {
        let _ = scenario::departure(step, outcome);
        if let Some(a) = &step.action {
            let _ = scenario::describe_action(a);
        }
    }
    let _ = scenario::state_after(s, s.first_step());
    let again = Scenario::from_json(&s.to_json())
        .map_err(|e| format!("a loaded scenario does not load back: {e}"))?;
    same(&again.to_json(), &s.to_json(), "saved and loaded back")?;
    if again != *s {
        return Err("a loaded scenario loads back different (not in its JSON)".into());
    }
    if share::check_size(s).is_ok() {
        let opened = share::decode(&share::encode(s))
            .map_err(|e| format!("the share link of a loaded scenario does not open: {e}"))?;
        if opened != *s {
            same(
                &opened.to_json(),
                &s.to_json(),
                "opened from its share link",
            )?;
            return Err("a share link opens a different scenario (not in its JSON)".into());
        }
    }
    Ok(Verdict::Accepted)
}

/// `Err` naming the first line where `got` and `want` differ.
pub fn same(got: &str, want: &str, how: &str) -> Result<(), String> {
    if got == want {
        return Ok(());
    }
    if let Some(dir) = std::env::var_os("FUZZ_DIFF_DIR") {
        // Both texts in full, to compare with a diff tool.
        let dir = std::path::PathBuf::from(dir);
        let _ = std::fs::write(dir.join("got.json"), got);
        let _ = std::fs::write(dir.join("want.json"), want);
    }
    let line = got
        .lines()
        .zip(want.lines())
        .enumerate()
        .find(|(_, (a, b))| a != b);
    Err(match line {
        Some((n, (a, b))) => format!("{how}, line {} differs: {a:?} instead of {b:?}", n + 1),
        None => format!("{how}, the text differs in length"),
    })
}

fn check_document(input: &str, _wild: bool) -> Result<Verdict, String> {
    let Ok(doc) = Document::from_json(input) else {
        return Ok(Verdict::Refused);
    };
    let _ = doc.scene();
    let again = Document::from_json(&doc.to_json())
        .map_err(|e| format!("a loaded document does not load back: {e}"))?;
    same(&again.to_json(), &doc.to_json(), "saved and loaded back")?;
    if again != doc {
        return Err("a loaded document loads back different (not in its JSON)".into());
    }
    let s = Scenario::from_document(doc.clone());
    if share::check_size(&s).is_ok() {
        let opened = share::decode(&share::encode(&s))
            .map_err(|e| format!("the share link of a loaded document does not open: {e}"))?;
        same(
            &opened.document.to_json(),
            &doc.to_json(),
            "opened from its share link",
        )?;
        if opened.document != doc {
            return Err("a share link opens a different document (not in its JSON)".into());
        }
    }
    Ok(Verdict::Accepted)
}

const KINDS: [PolicyKind; 7] = [
    PolicyKind::Identity,
    PolicyKind::Resource,
    PolicyKind::Trust,
    PolicyKind::PermissionsBoundary,
    PolicyKind::Scp,
    PolicyKind::Rcp,
    PolicyKind::Session,
];

fn check_policy(input: &str, _wild: bool) -> Result<Verdict, String> {
    let mut verdict = Verdict::Refused;
    for kind in KINDS {
        let outcome = policy::parse(input, kind);
        let Some(p) = outcome.policy else { continue };
        if outcome
            .findings
            .iter()
            .any(|f| f.severity == Severity::Error)
        {
            continue;
        }
        verdict = Verdict::Accepted;
        let printed = p.to_json();
        let again = policy::parse(&printed, kind);
        // Printing indents: 83 KB of compact JSON can print past the 131,072 characters IAM
        // takes in one `PolicyDocument`, and then the refusal is the right answer.
        let too_long = policy::size::document_too_long(&printed).is_some();
        if !too_long && again.policy.as_ref() != Some(&p) {
            return Err(format!(
                "a {kind:?} policy prints to text that parses to another policy:\n{printed}"
            ));
        }
        // A `serde_json::Value` holds a number as an i64, u64 or f64, so one it cannot hold
        // exactly (`-92233720368547758080`) comes back rounded: the value form is checked
        // only where every number fits. The page and `iam-eval` read policy text, which
        // keeps every number as written (the print-and-parse check above).
        if numbers_fit_serde(&printed) && policy::from_value(&p.to_value(), kind).as_ref() != Ok(&p)
        {
            return Err(format!(
                "a {kind:?} policy as a JSON value builds another policy"
            ));
        }
    }
    Ok(verdict)
}

/// Whether every number in the JSON `text` reads into a `serde_json::Value` and prints back
/// as written.
fn numbers_fit_serde(text: &str) -> bool {
    use iam_playground::sim::policy::json::{parse_text, Node, NodeKind};
    fn fits(node: &Node) -> bool {
        match &node.kind {
            NodeKind::Number(n) => {
                serde_json::from_str::<serde_json::Number>(n).is_ok_and(|v| v.to_string() == *n)
            }
            NodeKind::Array(items) => items.iter().all(fits),
            NodeKind::Object(props) => props.iter().all(|p| fits(&p.value)),
            _ => true,
        }
    }
    parse_text(text).is_ok_and(|node| fits(&node))
}

/// One `iam-eval` line answered as the tool answers it (`src/bin/iam-eval.rs`): a line with
/// a `"world"` is an STS script, anything else one evaluation request. The answer is one
/// line of JSON, and a script has one result per call.
fn check_line(input: &str, wild: bool) -> Result<Verdict, String> {
    // The tool refuses a line past its limit before reading it (`MAX_LINE_BYTES`).
    if input.len() >= iam_playground::sim::bounds::MAX_LINE_BYTES {
        return Ok(Verdict::Refused);
    }
    let Ok(v) = serde_json::from_str::<Value>(input) else {
        return small::check_line_json(input, wild);
    };
    if v.get("world").is_none() {
        return small::check_line_json(input, wild);
    }
    let calls = v.get("calls").and_then(Value::as_array);
    let out = iam_playground::sim::sts::run_script(&v);
    let text = Value::Array(out.clone()).to_string();
    if text.contains('\n') {
        return Err("a script's answer spans more than one line".into());
    }
    let refused = out.len() == 1 && out.first().is_some_and(|r| r.get("error").is_some());
    match calls {
        Some(c) if c.len() == out.len() => Ok(Verdict::Accepted),
        None => Ok(Verdict::Refused),
        _ if refused => Ok(Verdict::Refused),
        _ => Err(format!(
            "a script of {} calls answered {} results",
            calls.map_or(0, Vec::len),
            out.len()
        )),
    }
}
