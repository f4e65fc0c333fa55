//! `iam-eval`: JSON requests in (one per line), JSON decisions out (one per line).
//! The format is documented in the README ("Script it: iam-eval").

use iam_playground::sim::bounds::MAX_LINE_BYTES;
use iam_playground::sim::eval::batch::Evaluator;
use std::io::Read;
use std::io::{BufRead, Write};

/// Whether a line may carry a `query`, `export` or `world` key: only then is it read whole
/// as JSON to dispatch (a key spelled with `\u` escapes is caught by the second test).
fn may_dispatch(line: &str) -> bool {
    ["\"query\"", "\"export\"", "\"world\""]
        .iter()
        .any(|k| line.contains(k))
        || line.contains("\\u")
}

/// Answers one request line. The single dispatch point: every line goes through here, so
/// other request kinds (e.g. lines with a `"world"` key) are added in this one function.
/// Evaluation requests go to `evaluator`, which compiles each distinct policy once.
fn answer(line: &str, evaluator: &mut Evaluator) -> String {
    // Refused before any parser recurses into it (a deep line would overflow the stack).
    if let Err(e) = iam_playground::sim::bounds::check_nesting(line) {
        return serde_json::json!({ "error": e.to_string() }).to_string();
    }
    // A line with a "world" key is an STS script (README, "STS scripts"): one array of results.
    let value = || serde_json::from_str::<serde_json::Value>(line).ok();
    if let Some(v) = may_dispatch(line).then(value).flatten() {
        // A line with a "query" key asks who can reach what (README, "Reachability queries").
        if v.get("query").is_some() {
            return iam_playground::sim::reach::answer_json(&v);
        }
        // An export line (README, "Export"): the world as Terraform, CloudFormation, CLI or GAAD.
        if v.get("export").is_some() {
            return iam_playground::sim::export::export_json(&v).to_string();
        }
        if v.get("world").is_some() {
            return serde_json::Value::Array(iam_playground::sim::sts::run_script(&v)).to_string();
        }
    }
    evaluator.evaluate_json(line)
}

/// Consumes input up to and including the next newline (or the end), without keeping it.
fn skip_line(input: &mut impl BufRead) -> std::io::Result<()> {
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => {
                input.consume(i.saturating_add(1));
                return Ok(());
            }
            None => {
                let n = buf.len();
                input.consume(n);
            }
        }
    }
}

fn main() {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    // Our own buffer, so we can tell whether more input is already waiting (`buffer()`); a
    // quarter megabyte, so a file of requests is answered in writes of many lines each.
    let mut input = std::io::BufReader::with_capacity(1 << 18, stdin.lock());
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut bytes = Vec::new();
    let mut number = 0u64;
    let mut evaluator = Evaluator::new();
    let limit = u64::try_from(MAX_LINE_BYTES).unwrap_or(u64::MAX);
    loop {
        // Flush before reading may wait: whoever waits for an answer gets it at once, and a
        // file of many lines is not written one line (one system call) at a time.
        if input.buffer().is_empty() && out.flush().is_err() {
            break; // stdout closed
        }
        bytes.clear();
        match (&mut input).take(limit).read_until(b'\n', &mut bytes) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                let msg = serde_json::json!({ "error": format!("cannot read input: {e}") });
                let _ = writeln!(out, "{msg}");
                break;
            }
        }
        number = number.saturating_add(1);
        // A line past the limit: skip the rest of it unread into memory, and say so.
        if bytes.len() >= MAX_LINE_BYTES && bytes.last() != Some(&b'\n') {
            if let Err(e) = skip_line(&mut input) {
                let msg = serde_json::json!({ "error": format!("cannot read input: {e}") });
                let _ = writeln!(out, "{msg}");
                break;
            }
            let msg = serde_json::json!({
                "error": format!("line {number} is longer than {MAX_LINE_BYTES} bytes, the most iam-eval reads in one line")
            });
            if writeln!(out, "{msg}").is_err() {
                break;
            }
            continue;
        }
        // A line that is not UTF-8 is one bad request: answer it and go on (README).
        let reply = match std::str::from_utf8(&bytes) {
            Err(e) => serde_json::json!({
                "error": format!("line {number} is not UTF-8 text (invalid byte at {})", e.valid_up_to())
            })
            .to_string(),
            Ok(line) => {
                let line = line.trim_end_matches(['\n', '\r']);
                if line.trim().is_empty() {
                    continue;
                }
                answer(line, &mut evaluator)
            }
        };
        if writeln!(out, "{reply}").is_err() {
            break; // stdout closed
        }
    }
}
