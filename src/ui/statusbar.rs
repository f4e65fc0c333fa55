//! The status bar: the simulated clock.

use yew::prelude::*;

/// Shows the simulated UTC time.
#[component]
pub fn StatusBar() -> Html {
    html! {
        <footer class="statusbar" aria-label="Simulated clock">
            <span class="muted">{ "Simulated time (UTC)" }</span>
            <time class="clock">{ "2026-01-01T00:00:00Z" }</time>
            <span class="spacer"></span>
        </footer>
    }
}
