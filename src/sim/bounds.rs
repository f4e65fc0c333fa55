//! What a loaded document, share link, scenario or script may hold: AWS's documented limits
//! and a nesting bound, checked once when it is loaded so later work stays bounded.
//!
//! Limits from "IAM and AWS STS quotas"
//! (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html>): policy
//! sizes per type, name and path lengths, ARN length (2,048), session policy (2,048).

use crate::sim::policy::size::SizeLimit;
// The world's own count (what CreatePolicy and PutRolePolicy check here), so that anything
// the editor accepted loads back.
use crate::sim::policy::policy_size;
use crate::sim::world::org::ops::MAX_ORG_POLICY_CHARS;
use crate::sim::world::World;

/// How deep JSON may nest. IAM policies nest about 5 levels and documents about 10; a bound
/// keeps recursive parsers and walkers far from the stack's end on every build.
pub const MAX_NESTING: usize = 64;

/// Longest ARN AWS accepts (e.g. `RoleArn` in AssumeRole: "Length Constraints: Minimum length
/// of 20. Maximum length of 2048.", <https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html>).
pub const MAX_ARN_CHARS: usize = 2_048;

/// Longest string a request may carry: ARNs and the plaintext of a session policy ("can't
/// exceed 2,048 characters", IAM and AWS STS quotas) share the bound.
pub const MAX_REQUEST_VALUE_CHARS: usize = 2_048;

pub use crate::sim::policy::size::MAX_POLICY_DOCUMENT_CHARS;

/// Longest path (`/division/team/`): 512 characters (CreateUser API reference).
pub const MAX_PATH_CHARS: usize = 512;

/// Most policy text a scenario's steps may read in total (characters parsed, as counted by
/// [`crate::sim::policy::meter`]). Not an AWS limit: the playground's own, so that a story of
/// thousands of steps over large policies is cut short with a message instead of freezing
/// the page. A built-in story reads about 20,000; 2,000,000 is about half a second of work.
pub const MAX_SCENARIO_POLICY_READ: u64 = 2_000_000;

/// Longest line `iam-eval` reads: 64 MiB. Not an AWS limit: an STS script line may carry a
/// whole account's `get-account-authorization-details` output, which runs to tens of
/// megabytes; a longer line is answered with an error naming this limit, without being held
/// in memory, and the run goes on with the next line.
pub const MAX_LINE_BYTES: usize = 64 * 1024 * 1024;

/// Largest document or scenario file the playground opens: 64 MiB. Not an AWS limit: a
/// document holding a whole imported account runs to a few megabytes, and a bigger file is
/// refused at once, naming this limit, instead of being parsed for seconds.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// Refuses document or scenario text longer than [`MAX_FILE_BYTES`].
pub fn check_file_size(text: &str) -> Result<(), BoundsError> {
    if text.len() > MAX_FILE_BYTES {
        return refuse(format!(
            "The file is {} bytes; IAM Playground opens documents and scenarios of at most {MAX_FILE_BYTES} bytes (64 MiB).",
            text.len()
        ));
    }
    Ok(())
}

/// A limit that loaded content goes beyond, in words that name the limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoundsError {
    /// AWS's text where AWS has one (`Cannot exceed quota for PolicySize: 6144`), else plain
    /// words naming the limit.
    pub message: String,
}

impl std::fmt::Display for BoundsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for BoundsError {}

fn refuse<T>(message: String) -> Result<T, BoundsError> {
    Err(BoundsError { message })
}

/// Refuses JSON text that nests arrays and objects deeper than [`MAX_NESTING`]. A linear scan
/// without recursion, run before any parser sees the text.
pub fn check_nesting(text: &str) -> Result<(), BoundsError> {
    let mut depth = 0usize;
    let mut rest = text.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        rest = tail;
        match b {
            // A string is skipped to its closing quote in one search per escape: most of a
            // policy's bytes are in strings, and `iam-eval` checks every line.
            b'"' => rest = after_string(rest),
            b'[' | b'{' => {
                depth = depth.saturating_add(1);
                if depth > MAX_NESTING {
                    return refuse(format!(
                        "The JSON nests arrays and objects more than {MAX_NESTING} levels deep; IAM Playground reads at most {MAX_NESTING} (IAM policies nest about 5)."
                    ));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// What follows the string whose opening quote was just read (nothing, if it never closes).
fn after_string(mut rest: &[u8]) -> &[u8] {
    loop {
        let Some(at) = rest.iter().position(|&c| c == b'"' || c == b'\\') else {
            return &[];
        };
        match rest.get(at..) {
            Some([b'\\', _, tail @ ..]) => rest = tail,
            Some([b'"', tail @ ..]) => return tail,
            _ => return &[],
        }
    }
}

/// A length constraint in AWS's ValidationError words (without echoing a huge value).
fn length(value: &str, field: &str, max: usize) -> Result<(), BoundsError> {
    if value.chars().count() > max {
        return refuse(format!(
            "1 validation error detected: Value at '{field}' failed to satisfy constraint: Member must have length less than or equal to {max}"
        ));
    }
    Ok(())
}

/// One policy text against its size quota.
fn policy(text: &str, limit: SizeLimit, entity: &str) -> Result<(), BoundsError> {
    length(text, "policyDocument", MAX_POLICY_DOCUMENT_CHARS)?;
    match limit.check_for(policy_size(text), entity) {
        Some(f) => refuse(f.message),
        None => Ok(()),
    }
}

/// Inline policies of one identity, together, against its aggregate quota.
fn inline<'a>(
    texts: impl Iterator<Item = &'a String>,
    limit: SizeLimit,
    entity: &str,
) -> Result<(), BoundsError> {
    let mut total = 0usize;
    for text in texts {
        length(text, "policyDocument", MAX_POLICY_DOCUMENT_CHARS)?;
        total = total.saturating_add(policy_size(text));
    }
    match limit.check_for(total, entity) {
        Some(f) => refuse(f.message),
        None => Ok(()),
    }
}

/// Checks a loaded world against IAM's quotas on what one account's entities may hold:
/// policy sizes per type, names, paths and ARNs.
pub fn check_world(world: &World) -> Result<(), BoundsError> {
    for u in world.users.values() {
        length(&u.user_name, "userName", 64)?;
        length(&u.path, "path", MAX_PATH_CHARS)?;
        length(&u.arn, "arn", MAX_ARN_CHARS)?;
        inline(
            u.inline_policies.values(),
            SizeLimit::UserInline,
            &u.user_name,
        )?;
    }
    for g in world.groups.values() {
        length(&g.group_name, "groupName", 128)?;
        length(&g.path, "path", MAX_PATH_CHARS)?;
        length(&g.arn, "arn", MAX_ARN_CHARS)?;
        inline(
            g.inline_policies.values(),
            SizeLimit::GroupInline,
            &g.group_name,
        )?;
    }
    for r in world.roles.values() {
        length(&r.role_name, "roleName", 64)?;
        length(&r.path, "path", MAX_PATH_CHARS)?;
        length(&r.arn, "arn", MAX_ARN_CHARS)?;
        length(&r.description, "description", 1000)?;
        policy(&r.trust_policy, SizeLimit::TrustPolicy, &r.role_name)?;
        inline(
            r.inline_policies.values(),
            SizeLimit::RoleInline,
            &r.role_name,
        )?;
    }
    for p in world.policies.values() {
        length(&p.policy_name, "policyName", 128)?;
        length(&p.path, "path", MAX_PATH_CHARS)?;
        length(&p.arn, "arn", MAX_ARN_CHARS)?;
        for v in &p.versions {
            policy(&v.document, SizeLimit::ManagedPolicy, "")?;
        }
    }
    for ip in world.instance_profiles.values() {
        length(&ip.instance_profile_name, "instanceProfileName", 128)?;
        length(&ip.arn, "arn", MAX_ARN_CHARS)?;
    }
    for r in &world.resources {
        length(&r.arn, "arn", MAX_ARN_CHARS)?;
        if let Some(text) = &r.policy {
            length(text, "policy", MAX_POLICY_DOCUMENT_CHARS)?;
        }
    }
    if let Some(org) = &world.organization {
        for p in &org.policies {
            if p.content.chars().count() > MAX_ORG_POLICY_CHARS {
                // AWS Organizations' CreatePolicy refusal (ConstraintViolationException).
                return refuse(format!(
                    "POLICY_CONTENT_LIMIT_EXCEEDED: You attempted to create a policy that is larger than the maximum size. (`{}` has more than {MAX_ORG_POLICY_CHARS} characters)",
                    p.name.chars().take(128).collect::<String>()
                ));
            }
        }
    }
    Ok(())
}

/// Every string in a request (a scenario step's action, a script call) against the longest
/// value AWS accepts in one: ARNs and session policies alike, 2,048 characters.
pub fn check_request_strings(value: &serde_json::Value) -> Result<(), BoundsError> {
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::String(s) => {
                let n = s.chars().count();
                if n > MAX_REQUEST_VALUE_CHARS {
                    return refuse(format!(
                        "a value of {n} characters is longer than AWS accepts in a request (ARNs and session policies: at most {MAX_REQUEST_VALUE_CHARS} characters)"
                    ));
                }
            }
            serde_json::Value::Array(items) => stack.extend(items),
            serde_json::Value::Object(map) => stack.extend(map.values()),
            _ => {}
        }
    }
    Ok(())
}

/// A serde_json error's message without " at line L column C": for text the reader never
/// wrote (a migrated document, a value inside another), where a place would mislead.
pub fn without_place(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let place = format!(" at line {} column {}", e.line(), e.column());
    match text.strip_suffix(&place) {
        Some(message) => message.to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big_policy(chars: usize) -> String {
        let filler = "x".repeat(chars);
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Sid":"{filler}","Effect":"Allow","Action":"*","Resource":"*"}}]}}"#
        )
    }

    #[test]
    fn the_sample_world_is_within_every_limit() {
        assert_eq!(check_world(&World::sample()), Ok(()));
    }

    #[test]
    fn role_inline_policies_together_are_held_to_10240_characters() {
        // IAM and AWS STS quotas: "Role policy size cannot exceed 10,240 characters".
        let mut world = World::sample();
        let role = world.roles.values_mut().next().expect("a role");
        role.inline_policies.insert("a".into(), big_policy(6_000));
        role.inline_policies.insert("b".into(), big_policy(6_000));
        let err = check_world(&world).unwrap_err();
        assert!(
            err.message
                .starts_with("Maximum policy size of 10240 bytes exceeded for role"),
            "{err}"
        );
    }

    #[test]
    fn a_policy_the_world_accepted_loads_back() {
        // Spaces inside strings are not counted by PutRolePolicy, nor at load: one count.
        let mut world = World::sample();
        let text = big_policy(7_000).replace('x', "x ");
        assert!(
            text.chars().count() > 10_240,
            "over the quota with its spaces"
        );
        assert!(policy_size(&text) <= 10_240);
        let role = world.roles.values_mut().next().expect("a role");
        role.inline_policies = [("Wide".to_string(), text)].into();
        assert_eq!(check_world(&world), Ok(()));
    }

    #[test]
    fn a_trust_policy_is_held_to_2048_characters() {
        let mut world = World::sample();
        let role = world.roles.values_mut().next().expect("a role");
        role.trust_policy = big_policy(2_100);
        let err = check_world(&world).unwrap_err();
        assert!(
            err.message
                .starts_with("Cannot exceed quota for ACLSizePerRole: 2048"),
            "{err}"
        );
    }

    #[test]
    fn a_user_name_over_64_characters_is_refused_with_the_api_constraint() {
        // CreateUser API reference: UserName length 1-64.
        let mut world = World::sample();
        let user = world.users.values_mut().next().expect("a user");
        user.user_name = "u".repeat(65);
        let err = check_world(&world).unwrap_err();
        assert!(err.message.contains("'userName'"), "{err}");
        assert!(err.message.contains("less than or equal to 64"), "{err}");
    }

    #[test]
    fn nesting_counts_brackets_outside_strings_only() {
        let deep = format!("{}{}", "[".repeat(65), "]".repeat(65));
        assert!(check_nesting(&deep).is_err());
        let shallow = format!("{}{}", "[".repeat(64), "]".repeat(64));
        assert_eq!(check_nesting(&shallow), Ok(()));
        let in_string = format!("[\"{}\\\"{}\"]", "[".repeat(500), "{".repeat(500));
        assert_eq!(check_nesting(&in_string), Ok(()));
    }

    #[test]
    fn request_strings_are_held_to_2048_characters() {
        let ok = serde_json::json!({"resource": "a".repeat(2048)});
        assert_eq!(check_request_strings(&ok), Ok(()));
        let long = serde_json::json!({"params": {"RoleArn": "a".repeat(2049)}});
        assert!(check_request_strings(&long).is_err());
    }

    /// The byte-at-a-time scan the string skipping replaced: the reference it must agree with.
    fn nesting_depth_reference(text: &str) -> bool {
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        for b in text.bytes() {
            if in_string {
                match (escaped, b) {
                    (true, _) => escaped = false,
                    (false, b'\\') => escaped = true,
                    (false, b'"') => in_string = false,
                    _ => {}
                }
                continue;
            }
            match b {
                b'"' => in_string = true,
                b'[' | b'{' => {
                    depth = depth.saturating_add(1);
                    if depth > MAX_NESTING {
                        return false;
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        true
    }

    proptest::proptest! {
        /// Brackets inside strings (escaped quotes and backslashes included) never count,
        /// whatever the text: the fast scan refuses exactly what the plain one refuses.
        #[test]
        fn nesting_check_skips_strings_exactly_as_a_byte_scan_does(
            parts in proptest::collection::vec(proptest::prop_oneof![
                proptest::strategy::Just("[".to_string()),
                proptest::strategy::Just("{".to_string()),
                proptest::strategy::Just("]".to_string()),
                proptest::strategy::Just("\"".to_string()),
                proptest::strategy::Just("\\".to_string()),
                "[a-z:é ]{0,4}",
            ], 0..200),
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(check_nesting(&text).is_ok(), nesting_depth_reference(&text));
        }
    }
}
