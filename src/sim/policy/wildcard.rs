//! Wildcard matching for actions, ARNs and `StringLike`, as AWS documents each.
//!
//! Matching splits a pattern at its `*`s and places each literal run leftmost with a linear
//! substring search, so the cost grows about linearly with the text for any pattern (the
//! textbook backtracking glob costs pattern length times text length, which a hostile policy
//! can make take minutes).

use std::collections::HashMap;
use std::hash::Hash;

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
    let ascii_pattern = pattern
        .iter()
        .all(|t| !matches!(t, Tok::Lit(c) if !c.is_ascii()));
    if ascii_pattern && text.is_ascii() {
        // Bytes are characters here; `as u8` keeps an ASCII character whole.
        if ignore_case {
            let t: Vec<u8> = text.bytes().map(|b| b.to_ascii_lowercase()).collect();
            glob(pattern, &|c| (c as u8).to_ascii_lowercase(), &t, true)
        } else {
            glob(pattern, &|c| c as u8, text.as_bytes(), true)
        }
    } else if ignore_case {
        let t: Vec<Folded> = text.chars().map(fold).collect();
        glob(pattern, &fold, &t, true)
    } else {
        let t: Vec<char> = text.chars().collect();
        glob(pattern, &|c| c, &t, true)
    }
}

/// A character's lowercase form (up to three characters), so that "equal ignoring case"
/// (`a.to_lowercase() == b.to_lowercase()`) becomes plain equality.
type Folded = (char, Option<char>, Option<char>);

fn fold(c: char) -> Folded {
    let mut l = c.to_lowercase();
    (l.next().unwrap_or(c), l.next(), l.next())
}

/// `Resource` and `ArnLike` matching: wildcards stay within one colon-separated ARN
/// segment, except that a `*` that is the last character of a segment may expand
/// beyond colon boundaries. Case-sensitive.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards>
pub fn arn_match(pattern: &[Tok], arn: &str) -> bool {
    // Fast paths for the overwhelmingly common shapes.
    if pattern == [Tok::Star] {
        return true;
    }
    if !pattern.iter().any(|t| matches!(t, Tok::Star | Tok::One)) {
        let mut chars = arn.chars();
        return pattern
            .iter()
            .all(|t| matches!((t, chars.next()), (Tok::Lit(p), Some(c)) if *p == c))
            && chars.next().is_none();
    }
    let text: Vec<char> = arn.chars().collect();
    let segments: Vec<&[char]> = text.split(|c| *c == ':').collect();
    arn_pieces(pattern, &segments)
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
    while parts.len().saturating_add(1) < ARN_PARTS {
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
    glob_match(&tokens(pattern), action, true)
}

/// Matches `pattern` against `text` (as symbols; `lit` turns a pattern character into one).
/// `whole`: the pattern must cover the text; otherwise covering a prefix of it is enough.
/// The runs between stars are placed leftmost, which is exact because `*` may absorb
/// anything and each run has a fixed length.
fn glob<S: Copy + Eq + Hash>(
    pattern: &[Tok],
    lit: &impl Fn(char) -> S,
    text: &[S],
    whole: bool,
) -> bool {
    let mut runs = pattern.split(|t| *t == Tok::Star);
    let first = runs.next().unwrap_or(&[]);
    let rest: Vec<&[Tok]> = runs.collect();
    if !at(first, lit, text, 0) {
        return false;
    }
    let Some((last, middle)) = rest.split_last() else {
        return !whole || first.len() == text.len();
    };
    let (searched, end) = if whole {
        let Some(start) = text.len().checked_sub(last.len()) else {
            return false;
        };
        if start < first.len() || !at(last, lit, text, start) {
            return false;
        }
        (middle, start)
    } else {
        (rest.as_slice(), text.len())
    };
    let mut pos = first.len();
    for run in searched {
        let Some(found) = text.get(pos..end).and_then(|hay| find(run, lit, hay)) else {
            return false;
        };
        pos = pos.saturating_add(found).saturating_add(run.len());
    }
    true
}

/// Whether a star-free run matches `text` at `from`.
fn at<S: Eq>(run: &[Tok], lit: &impl Fn(char) -> S, text: &[S], from: usize) -> bool {
    text.get(from..).is_some_and(|t| {
        t.len() >= run.len()
            && run.iter().zip(t).all(|(tok, s)| match tok {
                Tok::Lit(c) => lit(*c) == *s,
                Tok::One | Tok::Star => true,
            })
    })
}

/// The leftmost place a star-free run matches in `hay`, in time linear in `hay`.
fn find<S: Copy + Eq + Hash>(run: &[Tok], lit: &impl Fn(char) -> S, hay: &[S]) -> Option<usize> {
    if run.is_empty() {
        return Some(0);
    }
    let literal: Option<Vec<S>> = run
        .iter()
        .map(|t| match t {
            Tok::Lit(c) => Some(lit(*c)),
            Tok::One | Tok::Star => None,
        })
        .collect();
    match literal {
        Some(needle) => kmp(&needle, hay),
        None => shift_and(run, lit, hay),
    }
}

/// Knuth-Morris-Pratt: the leftmost occurrence of `needle` (not empty) in `hay`.
fn kmp<S: Eq>(needle: &[S], hay: &[S]) -> Option<usize> {
    // fail[i]: length of the longest proper border of needle[..=i].
    let mut fail = vec![0usize; needle.len()];
    let mut k = 0usize;
    for i in 1..needle.len() {
        while k > 0 && needle.get(i) != needle.get(k) {
            k = fail.get(k.saturating_sub(1)).copied().unwrap_or(0);
        }
        if needle.get(i) == needle.get(k) {
            k = k.saturating_add(1); // at most needle.len()
        }
        if let Some(f) = fail.get_mut(i) {
            *f = k;
        }
    }
    let mut k = 0usize;
    for (i, s) in hay.iter().enumerate() {
        while k > 0 && needle.get(k) != Some(s) {
            k = fail.get(k.saturating_sub(1)).copied().unwrap_or(0);
        }
        if needle.get(k) == Some(s) {
            k = k.saturating_add(1); // at most needle.len()
        }
        if k == needle.len() {
            return Some(i.saturating_add(1).saturating_sub(k));
        }
    }
    None
}

/// Above this many mask words (8 MB), a run with `?` is searched naively instead: only a run
/// with thousands of distinct characters gets there, which the load limits rule out.
const MASK_WORDS_BUDGET: usize = 1 << 20;

/// Bit-parallel Shift-And for a run with `?`: the leftmost match in `hay`, in
/// `hay.len() * run.len() / 64` word steps.
fn shift_and<S: Copy + Eq + Hash>(
    run: &[Tok],
    lit: &impl Fn(char) -> S,
    hay: &[S],
) -> Option<usize> {
    let words = run.len().div_ceil(64);
    let set = |mask: &mut Vec<u64>, i: usize| {
        if let Some(w) = mask.get_mut(i / 64) {
            *w |= 1u64 << (i % 64);
        }
    };
    // `any`: the `?` positions, which every symbol matches.
    let mut any = vec![0u64; words];
    for (i, t) in run.iter().enumerate() {
        if *t == Tok::One {
            set(&mut any, i);
        }
    }
    let mut masks: HashMap<S, Vec<u64>> = HashMap::new();
    for (i, t) in run.iter().enumerate() {
        if let Tok::Lit(c) = t {
            let sym = lit(*c);
            if !masks.contains_key(&sym)
                && masks.len().saturating_add(1).saturating_mul(words) > MASK_WORDS_BUDGET
            {
                return (0..hay.len()).find(|from| at(run, lit, hay, *from));
            }
            set(masks.entry(sym).or_insert_with(|| any.clone()), i);
        }
    }
    let top = run.len().saturating_sub(1);
    let mut state = vec![0u64; words];
    for (i, s) in hay.iter().enumerate() {
        let mask = masks.get(s).unwrap_or(&any);
        let mut carry = 1u64;
        for (w, m) in state.iter_mut().zip(mask) {
            let out = *w >> 63;
            *w = ((*w << 1) | carry) & m;
            carry = out;
        }
        if state
            .get(top / 64)
            .is_some_and(|w| (w >> (top % 64)) & 1 == 1)
        {
            return Some(i.saturating_add(1).saturating_sub(run.len()));
        }
    }
    None
}

/// `Resource` matching over the ARN's colon-separated segments. The pattern is cut at its
/// colon-crossing stars into pieces; inside a piece every `:` is literal and every other
/// wildcard stays in its segment, so a piece with k colons covers k + 1 whole segments (the
/// last one only in part when a crossing star follows). Pieces are placed leftmost.
fn arn_pieces(pattern: &[Tok], segments: &[&[char]]) -> bool {
    let mut heads: Vec<&[Tok]> = Vec::new();
    let mut start = 0;
    for (i, t) in pattern.iter().enumerate() {
        if *t == Tok::Star && matches!(pattern.get(i.saturating_add(1)), None | Some(Tok::Lit(':')))
        {
            heads.push(pattern.get(start..i).unwrap_or(&[]));
            start = i.saturating_add(1);
        }
    }
    let tail = pattern.get(start..).unwrap_or(&[]);
    let Some((first, others)) = heads.split_first() else {
        let subs: Vec<&[Tok]> = tail.split(|t| *t == Tok::Lit(':')).collect();
        return subs.len() == segments.len() && fits(&subs, segments, 0, false);
    };
    let first: Vec<&[Tok]> = first.split(|t| *t == Tok::Lit(':')).collect();
    if !fits(&first, segments, 0, true) {
        return false;
    }
    let mut next = first.len();
    for head in others {
        let subs = strip(head);
        let Some(s) = (next..segments.len()).find(|s| fits(&subs, segments, *s, true)) else {
            return false;
        };
        next = s.saturating_add(subs.len());
    }
    if tail.is_empty() {
        return true;
    }
    let subs = strip(tail);
    segments
        .len()
        .checked_sub(subs.len())
        .is_some_and(|s| s >= next && fits(&subs, segments, s, false))
}

/// A piece after a crossing star, without the `:` that made the star crossing, cut at its
/// literal colons.
fn strip(piece: &[Tok]) -> Vec<&[Tok]> {
    piece
        .strip_prefix(&[Tok::Lit(':')])
        .unwrap_or(piece)
        .split(|t| *t == Tok::Lit(':'))
        .collect()
}

/// Whether colon-free sub-patterns match the segments from `from` on, one each; with
/// `open_end` the last one need only match the start of its segment.
fn fits(subs: &[&[Tok]], segments: &[&[char]], from: usize, open_end: bool) -> bool {
    let Some(texts) = from
        .checked_add(subs.len())
        .and_then(|end| segments.get(from..end))
    else {
        return false;
    };
    let k = subs.len();
    subs.iter()
        .zip(texts)
        .enumerate()
        .all(|(j, (p, t))| glob(p, &|c| c, t, !(open_end && j.saturating_add(1) == k)))
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
