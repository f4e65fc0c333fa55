//! IAM steps on role tags: TagRole, UntagRole.

use super::params::{account, role, Kind, Params, Refusal};
use crate::sim::sts::script::Run;
use crate::sim::sts::Tag as RequestTag;
use crate::sim::world::{IdentityId, Tag, WorldError};
use serde_json::{json, Value};

/// TagRole adds tags (a tag whose key is already there gets the new value, keys compared
/// case-insensitively); UntagRole removes the keys given, and keys that are absent are no
/// error. <https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagRole.html>
pub fn tags(run: &mut Run, action: &str, call: &Value, p: &Params) -> Result<Value, Refusal> {
    let name = p.name("RoleName", "roleName", 64)?;
    let (added, removed) = if action == "TagRole" {
        let tags: Vec<RequestTag> = member(p, "Tags", "tags")?;
        (tags, Vec::new())
    } else {
        let keys: Vec<String> = member(p, "TagKeys", "tagKeys")?;
        (Vec::new(), keys)
    };
    let acct = account(&run.world, call, Kind::Role, &name)?;
    let id = role(&run.world, &acct, &name)?;
    let mut next: Vec<Tag> = run
        .world
        .role(&id)
        .map(|r| r.tags.clone())
        .unwrap_or_default();
    let gone = |t: &Tag, keys: &[String]| keys.iter().any(|k| k.eq_ignore_ascii_case(&t.key));
    next.retain(|t| !gone(t, &removed));
    for t in added {
        match next.iter_mut().find(|o| o.key.eq_ignore_ascii_case(&t.key)) {
            Some(o) => o.value = t.value,
            None => next.push(Tag::new(t.key, t.value)),
        }
    }
    run.world.set_tags(&IdentityId::Role(id), next)?;
    Ok(json!({}))
}

/// A required list member in its JSON shape (`[{"Key", "Value"}]`, `["key"]`).
fn member<T: serde::de::DeserializeOwned>(
    p: &Params,
    key: &str,
    field: &str,
) -> Result<T, Refusal> {
    let Some(v) = p.value(key) else {
        return Err(Refusal::Iam(WorldError::ValidationError {
            message: format!(
                "1 validation error detected: Value null at '{field}' failed to satisfy constraint: Member must not be null"
            ),
        }));
    };
    serde_json::from_value(v.clone()).map_err(|e| Refusal::Script(format!("`{key}`: {e}")))
}
