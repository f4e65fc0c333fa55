//! The names of downloaded files: a scenario's title as a file name, one per export format.

/// `Role chaining` -> `role-chaining`: lowercase letters and digits, every other run of
/// characters one hyphen, none at either end; `scenario` when nothing is left.
pub fn slug(title: &str) -> String {
    let lowered: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().collect::<String>()
            } else {
                "-".to_string()
            }
        })
        .collect();
    let slug = lowered
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        "scenario".to_string()
    } else {
        slug
    }
}

/// The download name of an export of the scenario `title` with file extension `extension`
/// (`tf`, `yaml`, `sh`, `json`, `svg`, `png`): `role-chaining.tf`.
pub fn download_name(title: &str, extension: &str) -> String {
    format!("{}.{extension}", slug(title))
}
