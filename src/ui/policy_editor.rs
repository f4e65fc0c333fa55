//! A policy JSON editor: highlighted text, live validation with line and column, format.
//! What was typed is never thrown away: invalid text stays, marked, until it is fixed.

use crate::doc::highlight::{tokenize, TokenKind};
use crate::sim::policy::{parse, policy_size, Finding, PolicyKind, Severity, SizeLimit};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PolicyEditorProps {
    /// The accessible name and visible label ("Trust policy").
    pub label: AttrValue,
    /// Text to show: the draft if one exists, else the valid policy.
    pub text: AttrValue,
    pub kind: PolicyKind,
    #[prop_or_default]
    pub limit: Option<SizeLimit>,
    /// Called with the new text on every edit.
    pub on_change: Callback<String>,
    /// Set when the shown text is a draft that does not drive the simulation.
    #[prop_or_default]
    pub is_draft: bool,
    #[prop_or_default]
    pub readonly: bool,
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "Error",
        Severity::SecurityWarning => "Security warning",
        Severity::Warning => "Warning",
        Severity::Suggestion => "Suggestion",
    }
}

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "sev-error",
        Severity::SecurityWarning => "sev-security",
        Severity::Warning => "sev-warning",
        Severity::Suggestion => "sev-suggestion",
    }
}

fn token_class(k: TokenKind) -> Option<&'static str> {
    match k {
        TokenKind::Key => Some("tk-key"),
        TokenKind::String => Some("tk-str"),
        TokenKind::Number => Some("tk-num"),
        TokenKind::Literal => Some("tk-lit"),
        TokenKind::Punct => Some("tk-punct"),
        TokenKind::Other => Some("tk-bad"),
        TokenKind::Space => None,
    }
}

/// Pretty-prints valid JSON (keeping key order, duplicates and numbers as written); `None`
/// if the text is not JSON. Read by the policy reader's own JSON layer.
pub fn formatted(text: &str) -> Option<String> {
    crate::sim::policy::json::parse_text(text)
        .ok()
        .map(|node| crate::sim::policy::json::pretty(&node))
}

/// The editor.
#[component]
pub fn PolicyEditor(p: &PolicyEditorProps) -> Html {
    let area = use_node_ref();
    let backdrop = use_node_ref();
    let id = use_memo(p.label.clone(), |label| {
        format!(
            "pe-{}",
            label
                .to_lowercase()
                .replace(|c: char| !c.is_alphanumeric(), "-")
        )
    });
    let findings: std::rc::Rc<Vec<Finding>> =
        use_memo((p.text.clone(), p.kind, p.limit), |(text, kind, limit)| {
            let mut f = parse(text, *kind).findings;
            if let Some(extra) = limit.and_then(|l| l.check(policy_size(text))) {
                f.push(extra);
            }
            f
        });
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let oninput = {
        let on_change = p.on_change.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(t) = e.target_dyn_into::<HtmlTextAreaElement>() {
                on_change.emit(t.value());
            }
        })
    };
    let onscroll = {
        let area = area.clone();
        let backdrop = backdrop.clone();
        Callback::from(move |_: Event| {
            if let (Some(a), Some(b)) = (
                area.cast::<web_sys::Element>(),
                backdrop.cast::<web_sys::Element>(),
            ) {
                b.set_scroll_top(a.scroll_top());
                b.set_scroll_left(a.scroll_left());
            }
        })
    };
    let onkeydown = {
        let on_change = p.on_change.clone();
        Callback::from(move |e: KeyboardEvent| {
            // Tab indents inside the editor; Escape then Tab leaves it (no keyboard trap).
            if e.key() == "Tab" && !e.shift_key() {
                if let Some(t) = e.target_dyn_into::<HtmlTextAreaElement>() {
                    if t.get_attribute("data-indent").as_deref() == Some("on") {
                        e.prevent_default();
                        if insert_at_caret(&t, "  ").is_ok() {
                            on_change.emit(t.value());
                        }
                    }
                }
            } else if e.key() == "Escape" {
                if let Some(t) = e.target_dyn_into::<HtmlTextAreaElement>() {
                    let _ = t.set_attribute("data-indent", "off");
                }
            }
        })
    };
    let onfocus = Callback::from(|e: FocusEvent| {
        if let Some(t) = e.target_dyn_into::<HtmlTextAreaElement>() {
            let _ = t.set_attribute("data-indent", "on");
        }
    });
    let format = {
        let on_change = p.on_change.clone();
        let text = p.text.clone();
        Callback::from(move |_| {
            if let Some(pretty) = formatted(&text) {
                on_change.emit(pretty);
            }
        })
    };
    let jump = |f: &Finding| {
        let area = area.clone();
        let (start, end) = (f.start, f.end.max(f.start));
        let text = p.text.clone();
        Callback::from(move |_| {
            if let Some(t) = area.cast::<HtmlTextAreaElement>() {
                let _ = t.focus();
                // The textarea counts UTF-16 units, the finding bytes.
                let u16 = |b: usize| {
                    text.get(..b.min(text.len()))
                        .map(|s| s.encode_utf16().count() as u32)
                        .unwrap_or(0)
                };
                let _ = t.set_selection_range(u16(start), u16(end));
            }
        })
    };
    let text = p.text.as_str();
    let tokens = tokenize(text);
    let size = policy_size(text);
    let valid_json = crate::sim::policy::json::parse_text(text).is_ok();
    let findings_id = format!("{}-findings", id);
    html! {
        <div class="policy-editor field">
            <div class="pe-head">
                <label for={(*id).clone()}>{ &p.label }</label>
                <span class="pe-size muted" title="IAM does not count white space toward its policy quotas; AWS does not say whether spaces inside quoted strings count, and they are not counted here.">
                    { match p.limit {
                        Some(l) => format!("{size} / {} characters", l.max()),
                        None => format!("{size} characters"),
                    } }
                </span>
                if !p.readonly {
                    <button class="btn ghost small" onclick={format} disabled={!valid_json}
                            aria-label={format!("Format {}", p.label)}>{ "Format" }</button>
                }
            </div>
            <div class={classes!("pe-box", (errors > 0).then_some("invalid"))}>
                <pre class="pe-backdrop" aria-hidden="true" ref={backdrop}>
                    { for tokens.iter().map(|t| {
                        let s = text.get(t.start..t.end).unwrap_or("");
                        match token_class(t.kind) {
                            Some(c) => html! { <span class={c}>{ s }</span> },
                            None => html! { { s } },
                        }
                    }) }
                    { "\n" }
                </pre>
                <textarea id={(*id).clone()} ref={area.clone()} value={p.text.clone()} {oninput} {onscroll} {onkeydown} {onfocus}
                          spellcheck="false" autocomplete="off" readonly={p.readonly}
                          aria-invalid={(errors > 0).to_string()} aria-describedby={findings_id.clone()} />
            </div>
            <div id={findings_id} class="pe-findings" aria-live="polite">
                if p.is_draft {
                    <p class="draft-note">{ "Not saved to the simulation: the last valid version is still in force until this is fixed." }</p>
                }
                if findings.is_empty() {
                    <p class="ok-text">{ "✓ Valid policy, no findings." }</p>
                }
                <ul>
                    { for findings.iter().map(|f| html! {
                        <li class={severity_class(f.severity)}>
                            <button class="finding" onclick={jump(f)}
                                    aria-label={format!("{} at line {}, column {}: {}", severity_word(f.severity), f.line, f.column, f.message)}>
                                <strong>{ severity_word(f.severity) }</strong>
                                <span class="loc">{ format!("Ln {}, Col {}", f.line, f.column) }</span>
                                <span>{ &f.message }</span>
                                if !f.path.is_empty() { <code>{ &f.path }</code> }
                            </button>
                        </li>
                    }) }
                </ul>
            </div>
        </div>
    }
}

fn insert_at_caret(t: &HtmlTextAreaElement, s: &str) -> Result<(), wasm_bindgen::JsValue> {
    let start = t.selection_start()?.unwrap_or(0);
    let end = t.selection_end()?.unwrap_or(start);
    t.set_range_text_with_start_and_end(s, start, end)?;
    let caret = start + s.encode_utf16().count() as u32;
    t.set_selection_range(caret, caret)
}
