//! The embed code dialog: options, the `<iframe>` snippet, a copy button and a live preview.

use super::listen::copy_text;
use super::modal::Modal;
use crate::doc::share::embed::{
    embed_src, iframe_snippet, EmbedOptions, Theme, DEFAULT_HEIGHT, HEIGHT_RANGE, SANDBOX,
};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EmbedProps {
    /// The playground's address without query or fragment.
    pub page: AttrValue,
    /// The share fragment of the scenario (`s=1....`).
    pub fragment: AttrValue,
    pub title: AttrValue,
    /// Whether the scenario has guided steps (then "start them" is offered).
    pub has_steps: bool,
    /// Says the result ("Embed code copied").
    pub on_done: Callback<(bool, String)>,
    pub on_close: Callback<()>,
}

fn checkbox(
    id: &'static str,
    label: &'static str,
    on: bool,
    set: impl Fn(&mut EmbedOptions, bool) + 'static,
    state: UseStateHandle<EmbedOptions>,
) -> Html {
    let onchange = Callback::from(move |e: Event| {
        let checked = e
            .target_dyn_into::<web_sys::HtmlInputElement>()
            .is_some_and(|i| i.checked());
        let mut o = (*state).clone();
        set(&mut o, checked);
        state.set(o);
    });
    html! {
        <div class="check">
            <input type="checkbox" id={id} checked={on} {onchange} />
            <label for={id}>{ label }</label>
        </div>
    }
}

/// The modal.
#[component]
pub fn EmbedDialog(p: &EmbedProps) -> Html {
    let opts = use_state(EmbedOptions::default);
    let height = use_state(|| DEFAULT_HEIGHT);
    let code = use_node_ref();
    {
        let code = code.clone();
        use_effect_with((), move |_| {
            // Focused by the modal; selected so Ctrl+C copies it at once.
            if let Some(t) = code.cast::<web_sys::HtmlTextAreaElement>() {
                t.select();
            }
        });
    }
    let snippet = iframe_snippet(&p.page, &opts, &p.fragment, &p.title, *height);
    let set_height = {
        let height = height.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_dyn_into::<web_sys::HtmlInputElement>()
                .and_then(|i| i.value().parse::<u32>().ok());
            // Out of range snaps to the nearest height that works; a cleared field keeps it.
            if let Some(v) = v {
                height.set(v.clamp(*HEIGHT_RANGE.start(), *HEIGHT_RANGE.end()));
            }
        })
    };
    let theme = {
        let opts = opts.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_default();
            let mut o = (*opts).clone();
            o.theme = match v.as_str() {
                "light" => Theme::Light,
                "dark" => Theme::Dark,
                _ => Theme::Auto,
            };
            opts.set(o);
        })
    };
    let zoom = {
        let opts = opts.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_dyn_into::<web_sys::HtmlInputElement>()
                .map(|s| s.value())
                .unwrap_or_default();
            let mut o = (*opts).clone();
            o.zoom = v
                .parse::<u32>()
                .ok()
                .filter(|z| crate::doc::share::embed::ZOOM_RANGE.contains(z) && *z != 100);
            opts.set(o);
        })
    };
    let copy =
        {
            let snippet = snippet.clone();
            let done = p.on_done.clone();
            Callback::from(move |_| {
                let snippet = snippet.clone();
                let done = done.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let ok = copy_text(snippet).await;
                    done.emit((ok, if ok { "Embed code copied.".into() } else {
                    "The browser did not allow copying: select the code and copy it by hand.".into()
                }));
                });
            })
        };
    let close = {
        let close = p.on_close.clone();
        Callback::from(move |_| close.emit(()))
    };
    let o = (*opts).clone();
    // The real page in a frame of the chosen height, 700 px wide like a blog column (or as
    // wide as the screen allows): what a reader will see, before pasting.
    let preview_src = embed_src(&p.page, &o, &p.fragment);
    html! {
        <Modal labelled_by="embed-title" class="embed-dialog" on_close={p.on_close.clone()} initial={code.clone()}>
          <div class="embed-setup">
            <h2 id="embed-title">{ "Embed this scenario" }</h2>
            <p class="muted">{ "Paste the code into a blog post or any HTML page. The scenario travels inside the link; nothing is uploaded." }</p>
            <fieldset class="embed-options">
                <legend>{ "Options" }</legend>
                { checkbox("embed-interactive", "Readers can edit", o.interactive, |o, v| o.interactive = v, opts.clone()) }
                { checkbox("embed-simulator", "Show the simulator", o.simulator, |o, v| o.simulator = v, opts.clone()) }
                { checkbox("embed-inspector", "Show the inspector", o.inspector, |o, v| o.inspector = v, opts.clone()) }
                if p.has_steps {
                    { checkbox("embed-play", "Start the guided steps", o.autoplay, |o, v| o.autoplay = v, opts.clone()) }
                }
                <div class="field">
                    <label for="embed-theme">{ "Theme" }</label>
                    <select id="embed-theme" onchange={theme}>
                        <option value="auto" selected={o.theme == Theme::Auto}>{ "Follow the reader's system" }</option>
                        <option value="light" selected={o.theme == Theme::Light}>{ "Light" }</option>
                        <option value="dark" selected={o.theme == Theme::Dark}>{ "Dark" }</option>
                    </select>
                </div>
                <div class="field">
                    <label for="embed-zoom">{ "Zoom (% of the fitted view)" }</label>
                    <input id="embed-zoom" type="number" min="25" max="400" step="5"
                           value={o.zoom.unwrap_or(100).to_string()} onchange={zoom} />
                </div>
                <div class="field">
                    <label for="embed-height">{ "Height (px)" }</label>
                    <input id="embed-height" type="number" min={HEIGHT_RANGE.start().to_string()}
                           max={HEIGHT_RANGE.end().to_string()} step="20"
                           value={height.to_string()} onchange={set_height} />
                </div>
            </fieldset>
            <div class="field">
                <label for="embed-code">{ "Embed code" }</label>
                <textarea id="embed-code" class="embed-code" readonly=true rows="5" value={snippet} ref={code} />
            </div>
            <div class="dialog-actions">
                <button class="btn primary" onclick={copy}>{ "Copy" }</button>
                <button class="btn ghost" onclick={close}>{ "Close" }</button>
            </div>
          </div>
            <figure class="embed-preview">
                <figcaption class="muted">{ format!("Preview, {} px high", *height) }</figcaption>
                <iframe title="Preview of the embed" src={preview_src} sandbox={SANDBOX}
                        height={height.to_string()} style={format!("height: {}px", *height)}></iframe>
            </figure>
        </Modal>
    }
}
