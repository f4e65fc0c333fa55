//! Wildcard matching for actions, ARNs and `StringLike`, as AWS documents each.

/// One pattern token. Literal `*`/`?` come from the `${*}`/`${?}` escapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok {
    /// Must equal this character.
    Lit(char),
    /// `*`: any run of characters.
    Star,
    /// `?`: any one character.
    One,
}

/// Splits a pattern into tokens, `*` and `?` being wildcards.
pub fn tokens(pattern: &str) -> Vec<Tok> {
    pattern
        .chars()
        .map(|c| match c {
            '*' => Tok::Star,
            '?' => Tok::One,
            c => Tok::Lit(c),
        })
        .collect()
}

/// Plain glob: `*` any run, `?` any one character, over the whole text.
/// Used for `Action` (case-insensitive) and `StringLike` (case-sensitive).
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html>
pub fn glob_match(pattern: &[Tok], text: &str, ignore_case: bool) -> bool {
    if text.is_ascii() {
        let t = text.as_bytes();
        greedy(pattern.len(), t.len(), |pi, ti| {
            match (pattern.get(pi), t.get(ti)) {
                (Some(tok), Some(b)) => step(*tok, char::from(*b), ignore_case),
                (Some(Tok::Star), None) => Step::Star,
                _ => Step::Fail,
            }
        })
    } else {
        let t: Vec<char> = text.chars().collect();
        greedy(pattern.len(), t.len(), |pi, ti| {
            match (pattern.get(pi), t.get(ti)) {
                (Some(tok), Some(c)) => step(*tok, *c, ignore_case),
                (Some(Tok::Star), None) => Step::Star,
                _ => Step::Fail,
            }
        })
    }
}

/// `Resource` and `ArnLike` matching: wildcards stay within one colon-separated ARN
/// segment, except that a `*` that is the last character of a segment may expand
/// beyond colon boundaries. Case-sensitive.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards>
pub fn arn_match(pattern: &[Tok], arn: &str) -> bool {
    arn_dp(pattern, arn)
}

/// `ArnEquals`/`ArnLike` (and their negations) in a `Condition`: "Case-sensitive matching of
/// the ARN. Each of the six colon-delimited components of the ARN is checked separately and
/// each can include multi-character match wildcards (*) or single-character match wildcards
/// (?)" (IAM User Guide, "IAM JSON policy elements: Condition operators", ARN condition
/// operators). The six parts are `arn`, partition, service, region, account and resource;
/// the resource is everything after the fifth colon, colons included, so a `*` in one part
/// never spans into the next. A value or pattern without six parts matches nothing.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN>
pub fn arn_parts_match(pattern: &[Tok], arn: &str) -> bool {
    let Some(patterns) = pattern_parts(pattern) else {
        return false;
    };
    let mut texts = arn.splitn(ARN_PARTS, ':');
    patterns.iter().all(|p| match texts.next() {
        Some(text) => glob_match(p, text, false),
        None => false,
    })
}

/// `arn`, partition, service, region, account, resource.
const ARN_PARTS: usize = 6;

/// The pattern cut at its first five literal colons; `None` when it has fewer.
fn pattern_parts(pattern: &[Tok]) -> Option<Vec<&[Tok]>> {
    let mut parts = Vec::with_capacity(ARN_PARTS);
    let mut rest = pattern;
    while parts.len() + 1 < ARN_PARTS {
        let at = rest.iter().position(|t| *t == Tok::Lit(':'))?;
        let (part, tail) = rest.split_at(at);
        parts.push(part);
        rest = tail.get(1..)?;
    }
    parts.push(rest);
    Some(parts)
}

/// Whether an action pattern (`s3:Get*`) matches an action (`s3:GetObject`), ignoring case.
pub fn action_matches(pattern: &str, action: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    if pattern.is_ascii() && action.is_ascii() {
        let (p, t) = (pattern.as_bytes(), action.as_bytes());
        return greedy(p.len(), t.len(), |pi, ti| match (p.get(pi), t.get(ti)) {
            (Some(b'*'), _) => Step::Star,
            (Some(b'?'), Some(_)) => Step::Advance,
            (Some(a), Some(b)) if a.eq_ignore_ascii_case(b) => Step::Advance,
            _ => Step::Fail,
        });
    }
    glob_match(&tokens(pattern), action, true)
}

fn same(a: char, b: char, ignore_case: bool) -> bool {
    a == b || (ignore_case && a.to_lowercase().eq(b.to_lowercase()))
}

/// What the pattern element at `pi` does with the text character at `ti`.
enum Step {
    /// A `*`.
    Star,
    /// Consumes one character of each.
    Advance,
    /// Mismatch (or text/pattern exhausted).
    Fail,
}

fn step(tok: Tok, c: char, ignore_case: bool) -> Step {
    match tok {
        Tok::Star => Step::Star,
        Tok::One => Step::Advance,
        Tok::Lit(p) if same(p, c, ignore_case) => Step::Advance,
        Tok::Lit(_) => Step::Fail,
    }
}

/// The classic linear-backtracking glob: on a mismatch, let the last `*` eat one more
/// character. Correct for `*` that may match anything (one backtrack point suffices).
fn greedy(plen: usize, tlen: usize, at: impl Fn(usize, usize) -> Step) -> bool {
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < tlen {
        match if pi < plen { at(pi, ti) } else { Step::Fail } {
            Step::Star => {
                star = Some((pi, ti));
                pi += 1;
            }
            Step::Advance => {
                pi += 1;
                ti += 1;
            }
            Step::Fail => match star {
                Some((sp, st)) => {
                    pi = sp + 1;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    while pi < plen && matches!(at(pi, tlen), Step::Star) {
        pi += 1;
    }
    pi == plen
}

/// Dynamic programming over (pattern prefix, text prefix) with the ARN colon rule.
fn arn_dp(pattern: &[Tok], text: &str) -> bool {
    // Fast paths for the overwhelmingly common shapes.
    if pattern == [Tok::Star] {
        return true;
    }
    if !pattern.iter().any(|t| matches!(t, Tok::Star | Tok::One)) {
        let mut chars = text.chars();
        return pattern
            .iter()
            .all(|t| matches!((t, chars.next()), (Tok::Lit(p), Some(c)) if *p == c))
            && chars.next().is_none();
    }
    // When every `*` may cross colons, only `?` is restricted (a one-character class), and
    // the linear greedy matcher is exact.
    let all_cross = pattern
        .iter()
        .enumerate()
        .all(|(i, t)| *t != Tok::Star || matches!(pattern.get(i + 1), None | Some(Tok::Lit(':'))));
    if all_cross && text.is_ascii() {
        let t = text.as_bytes();
        return greedy(pattern.len(), t.len(), |pi, ti| {
            match (pattern.get(pi), t.get(ti)) {
                (Some(Tok::Star), _) => Step::Star,
                (Some(Tok::One), Some(c)) if *c != b':' => Step::Advance,
                (Some(Tok::Lit(p)), Some(c)) if *p == char::from(*c) => Step::Advance,
                _ => Step::Fail,
            }
        });
    }
    let text: Vec<char> = text.chars().collect();
    let n = text.len();
    // row[j]: pattern[..i] matches text[..j].
    let mut row = vec![false; n + 1];
    let mut next = vec![false; n + 1];
    if let Some(first) = row.first_mut() {
        *first = true;
    }
    for (i, tok) in pattern.iter().enumerate() {
        next.iter_mut().for_each(|b| *b = false);
        match tok {
            Tok::Star => {
                let crosses = matches!(pattern.get(i + 1), None | Some(Tok::Lit(':')));
                let mut reach = false;
                for j in 0..=n {
                    if row.get(j).copied().unwrap_or(false) {
                        reach = true;
                    } else if reach && j > 0 && !crosses && text.get(j - 1) == Some(&':') {
                        // The star would have to eat a colon it may not cross.
                        reach = false;
                    }
                    if let Some(slot) = next.get_mut(j) {
                        *slot = reach;
                    }
                }
            }
            Tok::One | Tok::Lit(_) => {
                for j in 1..=n {
                    let ok = match (tok, text.get(j - 1)) {
                        (Tok::One, Some(c)) => *c != ':',
                        (Tok::Lit(p), Some(c)) => p == c,
                        _ => false,
                    };
                    if ok && row.get(j - 1).copied().unwrap_or(false) {
                        if let Some(slot) = next.get_mut(j) {
                            *slot = true;
                        }
                    }
                }
            }
        }
        std::mem::swap(&mut row, &mut next);
        if !row.iter().any(|b| *b) {
            return false;
        }
    }
    row.get(n).copied().unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arn(p: &str, t: &str) -> bool {
        arn_match(&tokens(p), t)
    }

    #[test]
    fn action_wildcards_ignore_case() {
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
        assert!(action_matches("s3:Get*", "s3:GetObject"));
        assert!(action_matches("S3:GETOBJECT", "s3:GetObject"));
        assert!(action_matches("iam:*AccessKey*", "iam:CreateAccessKey"));
        assert!(action_matches(
            "ec2:Describe?nstances",
            "ec2:DescribeInstances"
        ));
        assert!(!action_matches("s3:Get*", "s3:PutObject"));
        assert!(!action_matches("s3:GetObject", "s3:GetObjectAcl"));
    }

    #[test]
    fn resource_star_matches_everything() {
        assert!(arn("*", "arn:aws:s3:::bucket/key"));
    }

    #[test]
    fn resource_star_expands_across_slashes_within_segment() {
        // "The asterisk (*) character can expand to replace everything within a segment,
        // including characters like a forward slash (/)" (Resource element page).
        assert!(arn(
            "arn:aws:s3:::bucket/*",
            "arn:aws:s3:::bucket/a/b/c.txt"
        ));
        assert!(arn(
            "arn:aws:iam::123456789012:user/accounting/*",
            "arn:aws:iam::123456789012:user/accounting/x/bob"
        ));
    }

    #[test]
    fn resource_is_case_sensitive() {
        assert!(!arn(
            "arn:aws:iam::123456789012:user/Bob",
            "arn:aws:iam::123456789012:user/bob"
        ));
    }

    #[test]
    fn resource_wildcard_stays_in_segment_unless_last_character() {
        // Mid-segment star does not cross a colon...
        assert!(!arn(
            "arn:aws:logs:us-east-1:1*2:log-group:x",
            "arn:aws:logs:us-east-1:1:a:2:log-group:x"
        ));
        // ...but a star that ends a segment does.
        assert!(arn(
            "arn:aws:logs:*:log-group:x",
            "arn:aws:logs:us-east-1:123456789012:log-group:x"
        ));
        assert!(arn(
            "arn:aws:logs:us-east-1:123456789012:log-group:*",
            "arn:aws:logs:us-east-1:123456789012:log-group:g:log-stream:s"
        ));
        // `?` is one character and never a colon.
        assert!(!arn("arn:aws:s3:::a?b", "arn:aws:s3:::a:b"));
        assert!(arn("arn:aws:s3:::a?b", "arn:aws:s3:::axb"));
    }

    #[test]
    fn literal_escape_tokens_match_only_themselves() {
        let p = vec![Tok::Lit('a'), Tok::Lit('*')];
        assert!(glob_match(&p, "a*", false));
        assert!(!glob_match(&p, "ab", false));
    }
}
