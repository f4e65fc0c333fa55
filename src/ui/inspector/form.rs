//! A policy slot in the inspector: the JSON editor, or a form for simple statements; switching
//! writes real JSON, and invalid JSON is never thrown away (it stays as a draft).

use super::super::editor_store::use_editor_content;
use super::super::policy_editor::PolicyEditor;
use super::dom_id;
use super::policies::set_policy;
use crate::doc::catalogue::{all_actions, is_known};
use crate::doc::command::PolicySlot;
use crate::doc::policy_form::{
    from_json, to_json, FormCondition, FormStatement, PolicyForm, CONDITION_KEYS,
    CONDITION_OPERATORS,
};
use crate::doc::scene::NodeId;
use crate::sim::policy::{Effect, PolicyKind, SizeLimit};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PanelProps {
    pub id: NodeId,
    pub slot: PolicySlot,
    pub label: AttrValue,
    pub kind: PolicyKind,
    #[prop_or_default]
    pub limit: Option<SizeLimit>,
}

/// The policy of one slot with a "JSON" / "Form" switch.
#[component]
pub fn PolicyPanel(p: &PanelProps) -> Html {
    let store = use_editor_content();
    let as_form = use_state(|| false);
    let Some(store) = store else {
        return Html::default();
    };
    let pt = store.doc.policy_text(&p.id, &p.slot);
    let (text, is_draft) = pt.map(|t| (t.text, t.is_draft)).unwrap_or_default();
    let on_change = {
        let (store, id, slot) = (store.clone(), p.id.clone(), p.slot.clone());
        Callback::from(move |t: String| set_policy(&store, &id, &slot, t))
    };
    let switch = |form: bool| {
        let as_form = as_form.clone();
        Callback::from(move |_| as_form.set(form))
    };
    let parsed = from_json(&text);
    let editor = html! {
        <PolicyEditor label={p.label.clone()} text={text.clone()} kind={p.kind} limit={p.limit}
                      on_change={on_change.clone()} {is_draft} />
    };
    html! {
        <div class="policy-panel">
            <div class="pp-head">
                // The JSON editor labels itself; the form needs the name shown here.
                if *as_form { <span class="pp-title">{ &p.label }</span> }
                <div class="seg" role="group" aria-label={format!("View of {}", p.label)}>
                    <button class="seg-btn" aria-pressed={(!*as_form).to_string()} onclick={switch(false)}>{ "JSON" }</button>
                    <button class="seg-btn" aria-pressed={as_form.to_string()} onclick={switch(true)}>{ "Form" }</button>
                </div>
            </div>
            if !*as_form {
                { editor }
            } else {
                { match parsed {
                    Ok(form) => html! {
                        <FormView id={p.id.clone()} label={p.label.clone()} {form} {text} {is_draft} on_change={on_change} />
                    },
                    Err(e) => html! { <><p class="note" role="status">{ e.to_string() }</p>{ editor }</> },
                } }
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct FormProps {
    id: NodeId,
    label: AttrValue,
    form: PolicyForm,
    /// The text the form was read from (to notice edits made elsewhere, such as undo).
    text: String,
    is_draft: bool,
    on_change: Callback<String>,
}

/// One change to the form, given the typed value.
type FormEdit = Box<dyn Fn(&mut PolicyForm, String)>;

/// Which list of a statement an edit touches.
#[derive(Clone, Copy, PartialEq)]
enum List {
    Actions,
    Resources,
}

/// The form. It keeps its own copy while editing, so an empty row being filled in does not
/// vanish when the JSON written from it drops blanks.
#[component]
fn FormView(p: &FormProps) -> Html {
    let local = use_state(|| (p.form.clone(), p.text.clone()));
    {
        let local = local.clone();
        let (form, text) = (p.form.clone(), p.text.clone());
        use_effect_with(text, move |t| {
            if local.1 != *t {
                local.set((form, t.clone()));
            }
        });
    }
    let form = local.0.clone();
    let write = {
        let (local, on_change) = (local.clone(), p.on_change.clone());
        move |next: PolicyForm| {
            let json = to_json(&next);
            local.set((next, json.clone()));
            on_change.emit(json);
        }
    };
    let edit = |f: FormEdit| {
        let (form, write) = (form.clone(), write.clone());
        let f = std::rc::Rc::new(f);
        Callback::from(move |v: String| {
            let mut next = form.clone();
            f(&mut next, v);
            write(next);
        })
    };
    let input_value = |cb: Callback<String>| {
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                cb.emit(i.value());
            }
        })
    };
    let actions_list = dom_id("actions", &p.id);
    let ops_list = dom_id("ops", &p.id);
    let keys_list = dom_id("ckeys", &p.id);
    let list_rows = |si: usize, which: List, items: &[String]| -> Html {
        let (word, list) = match which {
            List::Actions => ("Action", Some(actions_list.clone())),
            List::Resources => ("Resource", None),
        };
        let rows = items.iter().enumerate().map(|(i, v)| {
            let set = edit(Box::new(move |f, v| {
                if let Some(s) = f.statements.get_mut(si) {
                    let l = match which { List::Actions => &mut s.actions, List::Resources => &mut s.resources };
                    if let Some(x) = l.get_mut(i) { *x = v; }
                }
            }));
            let remove = edit(Box::new(move |f, _| {
                if let Some(s) = f.statements.get_mut(si) {
                    let l = match which { List::Actions => &mut s.actions, List::Resources => &mut s.resources };
                    if i < l.len() { l.remove(i); }
                }
            }));
            // Wildcards like `s3:Get*` are fine; only a plain name missing from the catalogue
            // gets the hint (IAM itself accepts any well-formed name).
            let unknown = which == List::Actions && !v.is_empty() && !v.contains('*') && !is_known(v);
            let hint_id = format!("{}-{si}-{i}", dom_id("action-hint", &p.id));
            html! {
                <>
                <div class="form-row">
                    <input type="text" class="mono" value={v.clone()} list={list.clone()} oninput={input_value(set)}
                           aria-label={format!("{word} {} of statement {}", i + 1, si + 1)} spellcheck="false"
                           aria-describedby={unknown.then(|| hint_id.clone())} />
                    <button type="button" class="btn ghost small" onclick={remove.reform(|_| String::new())}
                            aria-label={format!("Remove {word} {} of statement {}", i + 1, si + 1)}>{ "✕" }</button>
                </div>
                if unknown {
                    <p id={hint_id} class="hint muted">{ format!("{v} is not in the built-in list of common actions: check the spelling (service:Action).") }</p>
                }
                </>
            }
        });
        let add = edit(Box::new(move |f, _| {
            if let Some(s) = f.statements.get_mut(si) {
                match which {
                    List::Actions => s.actions.push(String::new()),
                    List::Resources => s.resources.push(String::new()),
                }
            }
        }));
        html! {
            <div class="form-list">
                <span class="form-label">{ if which == List::Actions { "Actions" } else { "Resources" } }</span>
                { for rows }
                <button type="button" class="btn ghost small" onclick={add.reform(|_| String::new())}
                        aria-label={format!("Add {} to statement {}", word.to_lowercase(), si + 1)}>{ format!("+ {word}") }</button>
            </div>
        }
    };
    let statements = form.statements.iter().enumerate().map(|(si, s)| {
        let effect = edit(Box::new(move |f, v| {
            if let Some(s) = f.statements.get_mut(si) {
                s.effect = if v == "Deny" { Effect::Deny } else { Effect::Allow };
            }
        }));
        let on_effect = Callback::from(move |e: Event| {
            if let Some(sel) = e.target_dyn_into::<HtmlSelectElement>() {
                effect.emit(sel.value());
            }
        });
        let remove = edit(Box::new(move |f, _| {
            if si < f.statements.len() { f.statements.remove(si); }
        }));
        let add_cond = edit(Box::new(move |f, _| {
            if let Some(s) = f.statements.get_mut(si) {
                s.conditions.push(FormCondition { operator: "StringEquals".into(), key: String::new(), values: vec![] });
            }
        }));
        let effect_id = format!("{}-{si}", dom_id("effect", &p.id));
        let conds = s.conditions.iter().enumerate().map(|(ci, c)| {
            let field = |part: u8| edit(Box::new(move |f, v: String| {
                if let Some(c) = f.statements.get_mut(si).and_then(|s| s.conditions.get_mut(ci)) {
                    match part {
                        0 => c.operator = v,
                        1 => c.key = v,
                        _ => c.values = v.split(',').map(|x| x.trim().to_string()).collect(),
                    }
                }
            }));
            let remove = edit(Box::new(move |f, _| {
                if let Some(s) = f.statements.get_mut(si) {
                    if ci < s.conditions.len() { s.conditions.remove(ci); }
                }
            }));
            let n = format!("condition {} of statement {}", ci + 1, si + 1);
            html! {
                <div class="cond-row">
                    <input type="text" value={c.operator.clone()} list={ops_list.clone()} oninput={input_value(field(0))} aria-label={format!("Operator of {n}")} />
                    <input type="text" class="mono" value={c.key.clone()} list={keys_list.clone()} oninput={input_value(field(1))} aria-label={format!("Key of {n}")} placeholder="aws:SourceIp" />
                    <input type="text" class="mono" value={c.values.join(", ")} oninput={input_value(field(2))} aria-label={format!("Values of {n}")} placeholder="value, value" />
                    <button type="button" class="btn ghost small" onclick={remove.reform(|_| String::new())} aria-label={format!("Remove {n}")}>{ "✕" }</button>
                </div>
            }
        });
        html! {
            <fieldset class="stmt">
                <legend>{ format!("Statement {}", si + 1) }{ s.sid.as_ref().map(|x| format!(" · {x}")).unwrap_or_default() }</legend>
                <div class="form-row">
                    <label for={effect_id.clone()} class="form-label">{ "Effect" }</label>
                    <select id={effect_id} onchange={on_effect}>
                        <option value="Allow" selected={s.effect == Effect::Allow}>{ "Allow" }</option>
                        <option value="Deny" selected={s.effect == Effect::Deny}>{ "Deny" }</option>
                    </select>
                    <button type="button" class="btn ghost small danger" onclick={remove.reform(|_| String::new())}
                            aria-label={format!("Remove statement {}", si + 1)}>{ "Remove" }</button>
                </div>
                if let Some(pr) = s.principal_json() {
                    <div class="form-list"><span class="form-label">{ "Principal (edit in JSON)" }</span>
                        <code class="principal">{ pr }</code></div>
                }
                { list_rows(si, List::Actions, &s.actions) }
                { list_rows(si, List::Resources, &s.resources) }
                <div class="form-list">
                    <span class="form-label">{ "Conditions" }</span>
                    { for conds }
                    <button type="button" class="btn ghost small" onclick={add_cond.reform(|_| String::new())}
                            aria-label={format!("Add condition to statement {}", si + 1)}>{ "+ Condition" }</button>
                </div>
            </fieldset>
        }
    });
    let add_statement = edit(Box::new(|f, _| {
        f.statements.push(FormStatement::new_allow())
    }));
    html! {
        <div class="policy-form" role="group" aria-label={format!("{} form", p.label)}>
            if p.is_draft {
                <p class="draft-note">{ "Not saved to the simulation: the last valid version is still in force until this is fixed." }</p>
            }
            { for statements }
            <button type="button" class="btn small" onclick={add_statement.reform(|_| String::new())}>{ "Add statement" }</button>
            <datalist id={actions_list}>{ for all_actions().into_iter().map(|a| html! { <option value={a} /> }) }</datalist>
            <datalist id={ops_list}>{ for CONDITION_OPERATORS.iter().map(|a| html! { <option value={*a} /> }) }</datalist>
            <datalist id={keys_list}>{ for CONDITION_KEYS.iter().map(|a| html! { <option value={*a} /> }) }</datalist>
        </div>
    }
}
