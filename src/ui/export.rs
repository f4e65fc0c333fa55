//! Export: the scenario as Terraform, CloudFormation, an AWS CLI script or GAAD JSON, or
//! as an SVG or PNG picture of the whole diagram, each a download named after the scenario.

mod png;

use super::editor_store::{use_editor_content, EditorAction, EditorStore};
use super::files::{download_text, DownloadError};
use super::share::Modal;
use crate::doc::download::download_name;
use crate::doc::picture::{picture_svg, PictureTheme};
use crate::doc::view::Notice;
use crate::sim::export::{export, ExportFormat};
use yew::prelude::*;

/// The infrastructure-code formats in the order the dialog lists them, with their labels.
const CODE: [(ExportFormat, &str, &str); 4] = [
    (ExportFormat::Terraform, "Terraform (.tf)", "text/plain"),
    (
        ExportFormat::CloudFormation,
        "CloudFormation (.yaml)",
        "application/yaml",
    ),
    (
        ExportFormat::Cli,
        "AWS CLI script (.sh)",
        "text/x-shellscript",
    ),
    (ExportFormat::Gaad, "GAAD JSON (.json)", "application/json"),
];

/// The scheme the page shows now: `data-theme` on `<html>` (embeds, presentation, a chosen
/// theme) or else the system's preference, as the stylesheet decides.
pub(crate) fn page_theme() -> PictureTheme {
    let root = super::document().and_then(|d| d.document_element());
    match root.and_then(|r| r.get_attribute("data-theme")).as_deref() {
        Some("dark") => PictureTheme::Dark,
        Some("light") => PictureTheme::Light,
        _ => {
            let dark = web_sys::window()
                .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
                .is_some_and(|m| m.matches());
            if dark {
                PictureTheme::Dark
            } else {
                PictureTheme::Light
            }
        }
    }
}

/// Says how an export went, in the notices.
fn report(store: &EditorStore, name: &str, result: Result<(), DownloadError>) {
    let notice = match result {
        Ok(()) => Notice::info(format!("Exported {name}.")),
        Err(e) => Notice::error(format!("{name} was not exported: {e}.")),
    };
    store.dispatch(EditorAction::Notify(notice));
}

/// The Export button and its dialog.
#[component]
pub fn ExportMenu() -> Html {
    let Some(store) = use_editor_content() else {
        return Html::default();
    };
    let open = use_state(|| false);
    // `None` until the dialog opens: then the page's scheme, which the person may change.
    let theme = use_state(|| None::<PictureTheme>);
    let toggle = {
        let (open, theme) = (open.clone(), theme.clone());
        Callback::from(move |_| {
            theme.set(Some(page_theme()));
            open.set(true);
        })
    };
    let close = {
        let open = open.clone();
        Callback::from(move |()| open.set(false))
    };
    let chosen = (*theme).unwrap_or(PictureTheme::Light);
    let code_button = |(format, label, mime): (ExportFormat, &'static str, &'static str)| {
        let (store, open) = (store.clone(), open.clone());
        let onclick = Callback::from(move |_| {
            let name = download_name(&store.doc.title, format.extension());
            let text = export(&store.doc.world, format);
            report(&store, &name, download_text(&text, mime, &name));
            open.set(false);
        });
        html! { <button class="btn" {onclick}>{ label }</button> }
    };
    let svg = {
        let (store, open) = (store.clone(), open.clone());
        Callback::from(move |_| {
            let name = download_name(&store.doc.title, "svg");
            let text = picture_svg(&store.scene, &store.doc.title, chosen, 1.0);
            report(&store, &name, download_text(&text, "image/svg+xml", &name));
            open.set(false);
        })
    };
    let png = {
        let (store, open) = (store.clone(), open.clone());
        Callback::from(move |_| {
            let name = download_name(&store.doc.title, "png");
            let svg = picture_svg(&store.scene, &store.doc.title, chosen, png::SCALE);
            let store = store.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let result = png::download_png(&svg, &name).await;
                report(&store, &name, result);
            });
            open.set(false);
        })
    };
    let scheme = |value: PictureTheme, label: &'static str| {
        let theme = theme.clone();
        let onchange = Callback::from(move |_: Event| theme.set(Some(value)));
        let id = format!("export-theme-{}", value.as_str());
        html! {
            <label class="export-scheme" for={id.clone()}>
                <input type="radio" name="export-theme" id={id} checked={chosen == value} {onchange} />
                { label }
            </label>
        }
    };
    let close_button = {
        let open = open.clone();
        Callback::from(move |_| open.set(false))
    };
    html! {
        <>
            <button class="btn ghost" onclick={toggle} aria-haspopup="dialog" aria-expanded={open.to_string()}
                    title="Download this scenario as Terraform, CloudFormation, a CLI script, GAAD JSON or a picture">
                { "Export" }
            </button>
            if *open {
                <Modal labelled_by="export-title" described_by="export-note" class="export-dialog" on_close={close}>
                    <h2 id="export-title">{ "Export" }</h2>
                    <p id="export-note" class="muted">{ "Each export downloads a file named after the scenario. It is made here, in your browser; nothing is uploaded." }</p>
                    <fieldset class="export-group">
                        <legend>{ "Infrastructure code" }</legend>
                        <div class="export-buttons">{ for CODE.into_iter().map(code_button) }</div>
                    </fieldset>
                    <fieldset class="export-group">
                        <legend>{ "Picture of the whole diagram" }</legend>
                        <div class="export-schemes" role="radiogroup" aria-label="Picture colours">
                            { scheme(PictureTheme::Light, "Light") }
                            { scheme(PictureTheme::Dark, "Dark") }
                        </div>
                        <div class="export-buttons">
                            <button class="btn" onclick={svg}>{ "SVG picture" }</button>
                            <button class="btn" onclick={png}>{ "PNG picture (2×)" }</button>
                        </div>
                    </fieldset>
                    <div class="dialog-actions">
                        <button class="btn ghost" onclick={close_button}>{ "Close" }</button>
                    </div>
                </Modal>
            }
        </>
    }
}
