//! Inspector fields: text that commits on Enter or blur (showing AWS's refusal under it),
//! read-only values with a copy button, and the tag list.

use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CommitFieldProps {
    pub label: AttrValue,
    /// The input's DOM id (unique on the page).
    pub id: AttrValue,
    pub value: String,
    /// Applies the typed value; returns the error to show, if refused.
    pub on_commit: Callback<String, Option<String>>,
    #[prop_or_default]
    pub mono: bool,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
}

/// The local state of a committing field: what is typed and the last refusal.
#[hook]
fn use_commit(
    value: &str,
    on_commit: &Callback<String, Option<String>>,
) -> (
    UseStateHandle<String>,
    UseStateHandle<Option<String>>,
    Callback<()>,
) {
    let draft = use_state(|| value.to_string());
    let error = use_state(|| None::<String>);
    {
        // A new value from the document (undo, another panel) replaces what was typed.
        let (draft, error) = (draft.clone(), error.clone());
        use_effect_with(value.to_string(), move |v| {
            draft.set(v.clone());
            error.set(None);
        });
    }
    let commit = {
        let (draft, error, on_commit, value) = (
            draft.clone(),
            error.clone(),
            on_commit.clone(),
            value.to_string(),
        );
        Callback::from(move |()| {
            if *draft == value {
                error.set(None);
            } else {
                error.set(on_commit.emit((*draft).clone()));
            }
        })
    };
    (draft, error, commit)
}

/// A one-line text field committed on Enter or blur; Escape puts back the saved value.
#[component]
pub fn CommitField(p: &CommitFieldProps) -> Html {
    let (draft, error, commit) = use_commit(&p.value, &p.on_commit);
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                draft.set(i.value());
            }
        })
    };
    let onkeydown = {
        let (commit, draft, error, value) = (
            commit.clone(),
            draft.clone(),
            error.clone(),
            p.value.clone(),
        );
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" => {
                e.prevent_default();
                commit.emit(());
            }
            "Escape" => {
                draft.set(value.clone());
                error.set(None);
            }
            _ => {}
        })
    };
    let onblur = commit.reform(|_: FocusEvent| ());
    let err_id = format!("{}-error", p.id);
    let hint_id = format!("{}-hint", p.id);
    let described = match (error.is_some(), p.hint.is_some()) {
        (true, _) => Some(err_id.clone()),
        (false, true) => Some(hint_id.clone()),
        _ => None,
    };
    html! {
        <div class="field">
            <label for={p.id.clone()}>{ &p.label }</label>
            <input id={p.id.clone()} type="text" value={(*draft).clone()} {oninput} {onkeydown} {onblur}
                   class={classes!(p.mono.then_some("mono"))} spellcheck="false" autocomplete="off"
                   aria-invalid={error.is_some().to_string()} aria-describedby={described} />
            if let Some(e) = &*error {
                <p id={err_id} class="error" role="alert">{ e }</p>
            } else if let Some(h) = &p.hint {
                <p id={hint_id} class="hint muted">{ h }</p>
            }
        </div>
    }
}

/// A multi-line text field committed on blur (Enter makes a new line).
#[component]
pub fn CommitArea(p: &CommitFieldProps) -> Html {
    let (draft, error, commit) = use_commit(&p.value, &p.on_commit);
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<HtmlTextAreaElement>() {
                draft.set(i.value());
            }
        })
    };
    let onblur = commit.reform(|_: FocusEvent| ());
    let err_id = format!("{}-error", p.id);
    html! {
        <div class="field">
            <label for={p.id.clone()}>{ &p.label }</label>
            <textarea id={p.id.clone()} class="plain" rows="3" value={(*draft).clone()} {oninput} {onblur}
                      aria-invalid={error.is_some().to_string()}
                      aria-describedby={error.is_some().then(|| err_id.clone())} />
            if let Some(e) = &*error {
                <p id={err_id} class="error" role="alert">{ e }</p>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ReadOnlyProps {
    pub label: AttrValue,
    pub value: AttrValue,
    /// The copy button's name ("Copy ARN"); no button when absent.
    #[prop_or_default]
    pub copy: Option<AttrValue>,
}

/// A read-only value (ARN, unique id) with a copy button that announces "Copied".
#[component]
pub fn ReadOnly(p: &ReadOnlyProps) -> Html {
    let status = use_state(String::new);
    let onclick = {
        let (status, text) = (status.clone(), p.value.to_string());
        Callback::from(move |_| {
            let status = status.clone();
            let text = text.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let done = match web_sys::window() {
                    Some(w) => JsFuture::from(w.navigator().clipboard().write_text(&text))
                        .await
                        .is_ok(),
                    None => false,
                };
                status.set(if done { "Copied" } else { "Could not copy" }.to_string());
            });
        })
    };
    html! {
        <div class="ro-row">
            <span class="ro-label">{ &p.label }</span>
            <code class="ro-value">{ &p.value }</code>
            if let Some(name) = &p.copy {
                <button class="btn ghost small" {onclick} aria-label={name.clone()} title={name.clone()}>{ "Copy" }</button>
            }
            <span class="copied" role="status">{ (*status).clone() }</span>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct TagsProps {
    /// Prefix for DOM ids.
    pub id: AttrValue,
    pub tags: Vec<(String, String)>,
    /// Applies the whole tag set; returns AWS's refusal, if any.
    pub on_commit: Callback<Vec<(String, String)>, Option<String>>,
}

/// Key/value rows; any change is committed as one `SetTags` when a field is left.
#[component]
pub fn Tags(p: &TagsProps) -> Html {
    let rows = use_state(|| p.tags.clone());
    let error = use_state(|| None::<String>);
    {
        let (rows, error) = (rows.clone(), error.clone());
        use_effect_with(p.tags.clone(), move |t| {
            rows.set(t.clone());
            error.set(None);
        });
    }
    let commit = {
        let (error, on_commit, saved) = (error.clone(), p.on_commit.clone(), p.tags.clone());
        Callback::from(move |next: Vec<(String, String)>| {
            if next != saved {
                error.set(on_commit.emit(next));
            }
        })
    };
    let edit = |i: usize, is_key: bool| {
        let rows = rows.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                let mut next = (*rows).clone();
                if let Some(row) = next.get_mut(i) {
                    if is_key {
                        row.0 = input.value();
                    } else {
                        row.1 = input.value();
                    }
                }
                rows.set(next);
            }
        })
    };
    let onblur = {
        let (rows, commit) = (rows.clone(), commit.clone());
        Callback::from(move |_: FocusEvent| commit.emit((*rows).clone()))
    };
    let add = {
        let rows = rows.clone();
        Callback::from(move |_| {
            let mut next = (*rows).clone();
            next.push((String::new(), String::new()));
            rows.set(next);
        })
    };
    let err_id = format!("{}-tags-error", p.id);
    html! {
        <div class="tags">
            if rows.is_empty() { <p class="muted small">{ "No tags." }</p> }
            { for rows.iter().enumerate().map(|(i, (k, v))| {
                let remove = {
                    let (rows, commit) = (rows.clone(), commit.clone());
                    Callback::from(move |_| {
                        let mut next = (*rows).clone();
                        if i < next.len() { next.remove(i); }
                        rows.set(next.clone());
                        commit.emit(next);
                    })
                };
                let name = if k.is_empty() { format!("tag {}", i + 1) } else { format!("tag {k}") };
                html! {
                    <div class="tag-row">
                        <input type="text" value={k.clone()} oninput={edit(i, true)} onblur={onblur.clone()}
                               aria-label={format!("Tag key {}", i + 1)} placeholder="Key"
                               aria-invalid={error.is_some().to_string()}
                               aria-describedby={error.is_some().then(|| err_id.clone())} />
                        <input type="text" value={v.clone()} oninput={edit(i, false)} onblur={onblur.clone()}
                               aria-label={format!("Tag value {}", i + 1)} placeholder="Value" />
                        <button class="btn ghost small" onclick={remove} aria-label={format!("Remove {name}")}>{ "✕" }</button>
                    </div>
                }
            }) }
            if let Some(e) = &*error { <p id={err_id} class="error" role="alert">{ e }</p> }
            <button class="btn small" onclick={add}>{ "Add tag" }</button>
        </div>
    }
}
