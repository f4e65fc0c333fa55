//! The app shell: header, toolbar, canvas, inspector and status bar over one store.

use super::clock_hook::use_real_clock;
use super::icons;
use super::sim_store::{SimState, SimStore};
use super::statusbar::StatusBar;
use yew::prelude::*;

/// The whole page.
#[component]
pub fn App() -> Html {
    let sim = use_reducer(SimState::default);
    use_real_clock(sim.clone());
    html! {
        <ContextProvider<SimStore> context={sim}>
        <div class="app">
            <header class="topbar">
                <h1 class="brand">{ icons::logo() }{ "IAM Playground" }</h1>
                <span class="doc-title">{ "Untitled scenario" }</span>
                <span class="spacer"></span>
            </header>
            <div class="toolbar" role="toolbar" aria-label="Tools">
                { for ADD_TOOLS.iter().map(|(kind, label, key)| html! {
                    <button class="btn ghost" title={format!("{label} ({key})")} disabled=true>
                        { icons::button_icon(kind) }{ *label }
                    </button>
                }) }
            </div>
            <main class="workspace">
                <section class="canvas" role="region" aria-label="Canvas" tabindex="0">
                    <div class="canvas-hint">
                        <h2>{ "Build IAM with your hands" }</h2>
                        <p>{ "Place accounts, users, groups and roles, draw who trusts whom, then run sts:AssumeRole and watch temporary credentials expire." }</p>
                    </div>
                </section>
                <aside class="inspector" role="region" aria-label="Inspector">
                    <UserVsRole />
                </aside>
            </main>
            <StatusBar />
        </div>
        </ContextProvider<SimStore>>
    }
}

/// Toolbar entries that add things: icon kind, accessible name, shortcut key.
const ADD_TOOLS: [(&str, &str, &str); 6] = [
    ("account", "Add account", "A"),
    ("user", "Add user", "U"),
    ("group", "Add group", "G"),
    ("role", "Add role", "R"),
    ("service", "Add service", "S"),
    ("idp", "Add identity provider", "I"),
];

/// The page's main lesson, side by side: long-term credentials vs temporary, assumed ones.
#[component]
pub fn UserVsRole() -> Html {
    html! {
        <section class="panel-section" aria-labelledby="uvr-title">
            <h2 id="uvr-title">{ "IAM user vs IAM role" }</h2>
            <div class="compare">
                <div>
                    <h4>{ "IAM user" }</h4>
                    <ul>
                        <li>{ "An identity for one person or application." }</li>
                        <li>{ "Has long-term credentials: a password and access keys (AKIA…)." }</li>
                        <li>{ "Keys never expire: a leaked key works until someone deletes it." }</li>
                    </ul>
                </div>
                <div>
                    <h4>{ "IAM role" }</h4>
                    <ul>
                        <li>{ "An identity meant to be assumed by anyone who needs it." }</li>
                        <li>{ "Has no credentials of its own." }</li>
                        <li>{ "Assuming it gives temporary credentials (ASIA…) that expire." }</li>
                    </ul>
                </div>
            </div>
        </section>
    }
}
