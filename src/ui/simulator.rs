//! The simulator dock: run assume-role flows, hold the credentials they hand out, watch them
//! expire, and see every call on a timeline.

use yew::prelude::*;

/// The dock under the canvas.
#[component]
pub fn SimulatorDock() -> Html {
    html! {}
}
