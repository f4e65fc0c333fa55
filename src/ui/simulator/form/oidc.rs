//! The "OIDC token from HOST" caller: the token's Subject and Audience fields and the call
//! they make (`AssumeRoleWithWebIdentity`).

use crate::doc::session::{provider_value, role_trusting};
use crate::sim::flow::web_identity::{default_subject, OidcChoice, WebIdentityCall};
use crate::sim::policy::PrincipalType;
use crate::sim::sts::tokens::GITHUB_ACTIONS_ISSUER;
use crate::sim::world::World;
use yew::prelude::*;

/// The select's value for a provider.
pub fn oidc_value(o: &OidcChoice) -> String {
    provider_value(&o.issuer)
}

/// Defaults when the provider is picked: subject, audience, session name and the role
/// whose trust policy names the provider (so the first press works).
pub fn defaults(o: &OidcChoice, world: &World) -> (String, String, String, Option<String>) {
    let session = if o.issuer == GITHUB_ACTIONS_ISSUER {
        "github-actions"
    } else {
        "web-identity-session"
    };
    let role = role_trusting(world, PrincipalType::Federated, &[&o.provider_arn]);
    (
        default_subject(&o.issuer),
        o.audience.clone(),
        session.to_string(),
        role,
    )
}

/// The call the form makes with this provider.
pub fn call(
    o: &OidcChoice,
    sub: &str,
    aud: &str,
    role: &str,
    session: &str,
    duration: &str,
) -> WebIdentityCall {
    WebIdentityCall {
        issuer: o.issuer.clone(),
        sub: sub.trim().to_string(),
        aud: aud.trim().to_string(),
        role_arn: role.to_string(),
        role_session_name: session.trim().to_string(),
        duration_seconds: duration.trim().parse().ok(),
    }
}

/// The token's claims, as two labelled fields.
pub fn token_fields(
    o: &OidcChoice,
    sub: &str,
    aud: &str,
    on_sub: Callback<InputEvent>,
    on_aud: Callback<InputEvent>,
) -> Html {
    html! {
        <fieldset class="oidc-token">
            <legend>{ format!("Token issued by {}", o.issuer) }</legend>
            // A subject is long (`repo:ORG/REPO:ref:refs/heads/BRANCH`): one full-width line each.
            <div class="field">
                <label for="sim-oidc-sub">{ "Subject (sub)" }</label>
                <input id="sim-oidc-sub" value={sub.to_string()} spellcheck="false" oninput={on_sub} />
            </div>
            <div class="field">
                <label for="sim-oidc-aud">{ "Audience (aud)" }</label>
                <input id="sim-oidc-aud" value={aud.to_string()} spellcheck="false" oninput={on_aud} />
            </div>
            <p class="muted small">{ "Pressing \"Assume role\" has the provider issue this token, valid for 5 minutes, and passes it to STS." }</p>
        </fieldset>
    }
}
