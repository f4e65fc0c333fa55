//! Many `iam-eval` JSON requests in a row, each distinct policy text read and compiled once:
//! a script that asks about the same policies thousands of times parses them once.

use super::compiled::{self, CompiledPolicy, Detail, NamedCompiled, PolicySet};
use super::wire::{convert, named_parts, PolicyProblem, WireRequest};
use crate::sim::policy::PolicyKind;
use serde_json::value::RawValue;
use std::collections::HashMap;
use std::sync::Arc;

/// At most this many distinct policy texts are kept; then the cache starts over (a stream
/// of ever-new policies must not grow memory without bound).
const MAX_CACHED: usize = 4096;

/// A policy text as read: its own name (when it gives one) and the compiled policy.
type Read = Result<(Option<String>, Arc<CompiledPolicy>), PolicyProblem>;

/// Answers JSON requests exactly as [`super::evaluate_json`] does, keeping every policy it
/// has compiled, by its text and kind.
#[derive(Default)]
pub struct Evaluator {
    cache: HashMap<PolicyKind, HashMap<Box<str>, Read>>,
    cached: usize,
}

impl Evaluator {
    /// An evaluator with nothing compiled yet.
    pub fn new() -> Self {
        Evaluator::default()
    }

    /// One JSON request in, one JSON response out (the same text `evaluate_json` gives).
    pub fn evaluate_json(&mut self, line: &str) -> String {
        let error = |e: String| serde_json::json!({ "error": e }).to_string();
        let wire = match serde_json::from_str::<WireRequest<Box<RawValue>>>(line) {
            Ok(w) => w,
            Err(e) => return error(format!("invalid request: {e}")),
        };
        let mut unreadable = false;
        // The reader takes the wire form's own element type, `Box<RawValue>`.
        #[allow(clippy::borrowed_box)]
        let mut read = |raw: &Box<RawValue>, kind: PolicyKind, field: &str| {
            let got = self.policy(raw.get(), kind);
            unreadable |= got.is_none();
            match got {
                Some(Ok((name, policy))) => Ok(NamedCompiled::new(
                    name.unwrap_or_else(|| field.to_string()),
                    policy,
                )),
                Some(Err(problem)) => Err(problem.at(field)),
                None => Err(PolicyProblem::Field(String::new()).at(field)),
            }
        };
        let parts = convert(wire, &mut read);
        if unreadable {
            // A policy the raw reader skipped over but `serde_json::Value` refuses (a number
            // out of range, ...): the plain path words that error as it always has.
            return super::evaluate_json(line);
        }
        let answer = parts.and_then(|p| {
            let set = PolicySet {
                identity_policies: p.identity_policies,
                resource_policy: p.resource_policy,
                permissions_boundary: p.permissions_boundary,
                session_policies: p.session_policies,
                scps: p.scps,
                rcps: p.rcps,
            };
            compiled::try_evaluate(&p.request, &set, Detail::Trace)
        });
        match answer {
            Err(e) => error(e.to_string()),
            Ok(result) => serde_json::to_string(&result).unwrap_or_else(|e| error(e.to_string())),
        }
    }

    /// The policy `text` of `kind`, compiled once; `None` when the text is not a JSON value.
    fn policy(&mut self, text: &str, kind: PolicyKind) -> Option<Read> {
        if let Some(read) = self.cache.get(&kind).and_then(|m| m.get(text)) {
            return Some(read.clone());
        }
        let value: serde_json::Value = serde_json::from_str(text).ok()?;
        let read: Read =
            named_parts(&value, kind).map(|(name, p)| (name, Arc::new(CompiledPolicy::new(&p))));
        if self.cached >= MAX_CACHED {
            self.cache.clear();
            self.cached = 0;
        }
        self.cached = self.cached.saturating_add(1);
        self.cache
            .entry(kind)
            .or_default()
            .insert(Box::from(text), read.clone());
        Some(read)
    }
}
