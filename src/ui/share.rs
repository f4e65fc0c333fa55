//! Share links, embed code, presentation mode and the scenario library.

use yew::prelude::*;

/// Header buttons: Scenarios, Share, Copy embed code, Present.
#[component]
pub fn ShareMenu() -> Html {
    html! {}
}
