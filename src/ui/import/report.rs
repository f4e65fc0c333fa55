//! The "Import report" dialog: what an imported account file held, what was assumed, what is
//! missing and what could not be read, kept in the document until dismissed.

use super::super::editor_store::{use_editor_content, EditorAction};
use super::Modal;
use crate::doc::command::Command;
use crate::sim::gaad::{ImportReport, MissingUse, STAYED_LOCAL};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReportProps {
    /// Close: the report stays in the document, to be opened again.
    pub on_close: Callback<()>,
}

/// The counts per kind, in the order the IAM console lists them.
fn counts(r: &ImportReport) -> [(&'static str, usize); 8] {
    let c = &r.counts;
    [
        ("Accounts", c.accounts),
        ("Users", c.users),
        ("Groups", c.groups),
        ("Roles", c.roles),
        ("Customer managed policies", c.customer_managed_policies),
        ("AWS managed policies in the file", c.aws_managed_policies),
        ("Inline policies", c.inline_policies),
        ("Instance profiles", c.instance_profiles),
    ]
}

fn used_as(u: MissingUse) -> &'static str {
    match u {
        MissingUse::Attached => "attached policy",
        MissingUse::PermissionsBoundary => "permissions boundary",
        MissingUse::GroupMembership => "group",
    }
}

/// A titled list, or nothing when it is empty.
fn section(id: &str, title: &str, items: Vec<Html>) -> Html {
    if items.is_empty() {
        return Html::default();
    }
    html! {
        <section class="import-part" aria-labelledby={id.to_string()}>
            <h3 id={id.to_string()}>{ format!("{title} ({})", items.len()) }</h3>
            <ul>{ for items }</ul>
        </section>
    }
}

/// The import report of the open document.
#[component]
pub fn ImportReportDialog(p: &ReportProps) -> Html {
    let close_ref = use_node_ref();
    let Some(store) = use_editor_content() else {
        return Html::default();
    };
    let Some(r) = store.doc.import_report.clone() else {
        return Html::default();
    };
    let dismiss = {
        let (store, close) = (store.clone(), p.on_close.clone());
        Callback::from(move |_: MouseEvent| {
            store.dispatch(EditorAction::Command(Command::DismissImportReport));
            close.emit(());
        })
    };
    let assumed = r
        .assumed
        .iter()
        .map(|a| html! { <li><strong>{ &a.what }</strong>{ format!(": {}. {}", a.value, a.why) }</li> })
        .collect();
    let catalogue = r
        .from_catalogue
        .iter()
        .map(|arn| html! { <li><code>{ arn }</code></li> })
        .collect();
    let missing = r.missing.iter().map(|m| html! {
        <li><code>{ &m.entity }</code>{ format!(" names the {} ", used_as(m.used_as)) }<code>{ &m.reference }</code>
            { ": it is neither readable in the file nor in the built-in catalogue, so no decision uses it." }</li>
    }).collect();
    let unparsed = r
        .unparsed
        .iter()
        .map(|u| html! { <li><code>{ &u.entity }</code>{ format!(": {}", u.reason) }</li> })
        .collect();
    // The line that the file stayed here is said up front, not among the notes.
    let local = r.notes.iter().any(|n| n == STAYED_LOCAL);
    let notes = r
        .notes
        .iter()
        .filter(|n| *n != STAYED_LOCAL)
        .map(|n| html! { <li>{ n }</li> })
        .collect();
    let accounts = r.accounts.join(", ");
    html! {
        <Modal labelled_by="import-report-title" described_by="import-report-summary"
               class="import-report" initial={close_ref.clone()} on_close={p.on_close.clone()}>
            <h2 id="import-report-title">{ "Import report" }</h2>
            // The title and the buttons stay put; what lies between scrolls on a small screen.
            <div class="import-body">
            if local { <p class="import-local">{ STAYED_LOCAL }</p> }
            <p id="import-report-summary">
                { format!("{} file{} read{}.", r.files, if r.files == 1 { "" } else { "s" },
                    if accounts.is_empty() { String::new() } else { format!("; accounts {accounts}") }) }
            </p>
            <table class="import-counts" aria-label="Imported, by kind">
                <tbody>
                    { for counts(&r).into_iter().map(|(k, n)| html! {
                        <tr><th scope="row">{ k }</th><td>{ n }</td></tr>
                    }) }
                </tbody>
            </table>
            { section("import-assumed", "Assumed, because GAAD does not hold it", assumed) }
            { section("import-catalogue", "AWS managed policies taken from the built-in catalogue", catalogue) }
            { section("import-missing", "Missing", missing) }
            { section("import-unparsed", "Could not be read", unparsed) }
            { section("import-notes", "Notes", notes) }
            </div>
            <div class="dialog-actions">
                <button class="btn ghost" onclick={dismiss}
                        title="Remove the report from this document (undoable)">{ "Dismiss report" }</button>
                <button class="btn primary" ref={close_ref} onclick={p.on_close.reform(|_| ())}>{ "Close" }</button>
            </div>
        </Modal>
    }
}
