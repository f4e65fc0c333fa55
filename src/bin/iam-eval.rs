//! `iam-eval`: JSON requests in (one per line), JSON decisions out (one per line).
fn main() {}
