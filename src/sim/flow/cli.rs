//! The same flow in the terminal: the `aws sts assume-role` command, `export` lines and a
//! `~/.aws/config` profile, so what people do here transfers to their shell.
//! https://docs.aws.amazon.com/cli/latest/reference/sts/assume-role.html
//! https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-role.html

use crate::sim::sts::AssumeRoleRequest;

/// Quotes a value for a POSIX shell only when it needs it.
pub fn shell_quote(v: &str) -> String {
    let safe = !v.is_empty()
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || ":/_.@=,+-".contains(c));
    if safe {
        v.to_string()
    } else {
        format!("'{}'", v.replace('\'', r"'\''"))
    }
}

/// `aws sts assume-role --role-arn ... --role-session-name ...` with every flag the request
/// uses, one per line.
pub fn assume_role_command(req: &AssumeRoleRequest) -> String {
    let mut flags = vec![
        format!("--role-arn {}", shell_quote(&req.role_arn)),
        format!(
            "--role-session-name {}",
            shell_quote(&req.role_session_name)
        ),
    ];
    if let Some(d) = req.duration_seconds {
        flags.push(format!("--duration-seconds {d}"));
    }
    if let Some(x) = &req.external_id {
        flags.push(format!("--external-id {}", shell_quote(x)));
    }
    if let Some(s) = &req.serial_number {
        flags.push(format!("--serial-number {}", shell_quote(s)));
    }
    if let Some(c) = &req.token_code {
        flags.push(format!("--token-code {}", shell_quote(c)));
    }
    if let Some(p) = &req.policy {
        flags.push(format!("--policy {}", shell_quote(p)));
    }
    if !req.tags.is_empty() {
        let tags: Vec<String> = req
            .tags
            .iter()
            .map(|t| shell_quote(&format!("Key={},Value={}", t.key, t.value)))
            .collect();
        flags.push(format!("--tags {}", tags.join(" ")));
    }
    if let Some(s) = &req.source_identity {
        flags.push(format!("--source-identity {}", shell_quote(s)));
    }
    format!("aws sts assume-role \\\n    {}", flags.join(" \\\n    "))
}

/// `aws sts assume-role-with-web-identity ...`; the token is the JWT the workload holds.
/// https://docs.aws.amazon.com/cli/latest/reference/sts/assume-role-with-web-identity.html
pub fn assume_role_with_web_identity_command(
    role_arn: &str,
    session_name: &str,
    duration_seconds: Option<i64>,
    token: &str,
) -> String {
    let mut flags = vec![
        format!("--role-arn {}", shell_quote(role_arn)),
        format!("--role-session-name {}", shell_quote(session_name)),
    ];
    if let Some(d) = duration_seconds {
        flags.push(format!("--duration-seconds {d}"));
    }
    // Inserted as given: a JWT needs no quoting, and a placeholder like `<token>` reads as one.
    flags.push(format!("--web-identity-token {token}"));
    format!(
        "aws sts assume-role-with-web-identity \\\n    {}",
        flags.join(" \\\n    ")
    )
}

/// `export AWS_ACCESS_KEY_ID=...` lines; the session token only for temporary credentials.
pub fn env_exports(access_key_id: &str, secret: &str, session_token: Option<&str>) -> String {
    let mut lines = vec![
        format!("export AWS_ACCESS_KEY_ID={access_key_id}"),
        format!("export AWS_SECRET_ACCESS_KEY={secret}"),
    ];
    if let Some(t) = session_token {
        lines.push(format!("export AWS_SESSION_TOKEN={t}"));
    }
    lines.join("\n")
}

/// A `~/.aws/config` profile that makes the CLI call AssumeRole itself with the source
/// profile's keys (and refresh the session when it expires).
pub fn config_profile(profile: &str, source_profile: &str, req: &AssumeRoleRequest) -> String {
    let mut lines = vec![
        format!("[profile {profile}]"),
        format!("role_arn = {}", req.role_arn),
        format!("source_profile = {source_profile}"),
        format!("role_session_name = {}", req.role_session_name),
    ];
    if let Some(d) = req.duration_seconds {
        lines.push(format!("duration_seconds = {d}"));
    }
    if let Some(x) = &req.external_id {
        lines.push(format!("external_id = {x}"));
    }
    if let Some(s) = &req.serial_number {
        lines.push(format!("mfa_serial = {s}"));
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::sts::Tag;

    #[test]
    fn assume_role_command_lists_every_flag_used() {
        let req = AssumeRoleRequest {
            role_arn: "arn:aws:iam::111122223333:role/Deploy".into(),
            role_session_name: "alice-session".into(),
            duration_seconds: Some(3600),
            external_id: Some("vendor-42".into()),
            tags: vec![Tag {
                key: "Project".into(),
                value: "blue sky".into(),
            }],
            ..Default::default()
        };
        let cmd = assume_role_command(&req);
        assert!(cmd.starts_with(
            "aws sts assume-role \\\n    --role-arn arn:aws:iam::111122223333:role/Deploy"
        ));
        assert!(cmd.contains("--role-session-name alice-session"));
        assert!(cmd.contains("--duration-seconds 3600"));
        assert!(cmd.contains("--external-id vendor-42"));
        assert!(cmd.contains("--tags 'Key=Project,Value=blue sky'"));
        assert!(!cmd.contains("--token-code"));
    }

    #[test]
    fn session_policy_json_is_single_quoted_for_the_shell() {
        assert_eq!(shell_quote(r#"{"a":"it's"}"#), r#"'{"a":"it'\''s"}'"#);
        assert_eq!(shell_quote("plain-value"), "plain-value");
    }

    #[test]
    fn exports_carry_the_session_token_only_for_temporary_credentials() {
        let long = env_exports("AKIAEXAMPLE", "secret", None);
        assert!(!long.contains("AWS_SESSION_TOKEN"));
        let temp = env_exports("ASIAEXAMPLE", "secret", Some("tok"));
        assert!(temp.ends_with("export AWS_SESSION_TOKEN=tok"));
    }

    #[test]
    fn config_profile_uses_the_cli_setting_names() {
        let req = AssumeRoleRequest {
            role_arn: "arn:aws:iam::111122223333:role/Deploy".into(),
            role_session_name: "s".into(),
            serial_number: Some("arn:aws:iam::111122223333:mfa/alice".into()),
            ..Default::default()
        };
        let p = config_profile("deploy", "alice", &req);
        assert!(p.starts_with("[profile deploy]\nrole_arn = arn:aws:iam::111122223333:role/Deploy\nsource_profile = alice"));
        assert!(p.contains("mfa_serial = arn:aws:iam::111122223333:mfa/alice"));
    }
}
