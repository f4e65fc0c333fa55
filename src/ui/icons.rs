//! Small inline SVG icons, one per kind of thing on the canvas; they take `currentColor`.

use yew::prelude::*;

/// The brand mark: a key ring (long-term) next to a clock-shaped ring (temporary).
pub fn logo() -> Html {
    html! {
        <svg viewBox="0 0 32 32" aria-hidden="true">
            <rect width="32" height="32" rx="7" fill="#1d4ed8"/>
            <circle cx="12" cy="14" r="5" fill="none" stroke="#fff" stroke-width="3"/>
            <path d="M16 17l9 9m-4-4l3-3" stroke="#fbbf24" stroke-width="3" stroke-linecap="round"/>
        </svg>
    }
}

/// An icon drawn in a 20x20 box at the origin, for a kind name ("user", "role", ...).
pub fn kind(kind: &str) -> Html {
    let path = match kind {
        "user" => "M10 10a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7 8c0-4 3-6 7-6s7 2 7 6z",
        "group" => "M7 9a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm7 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM1 17c0-3 2.5-5 6-5s6 2 6 5zm12.5-5c3 0 5.5 2 5.5 5h-5c0-2-.3-3.6-.5-5z",
        "role" => "M10 1l7 3v5c0 4.5-3 8-7 10-4-2-7-5.5-7-10V4z",
        "account" => "M2 5h16v12H2zM2 5l2-3h5l2 3",
        "service" => "M4 4h12v12H4zM7 1v3m6-3v3M7 16v3m6-3v3M1 7h3m-3 6h3m12-6h3m-3 6h3",
        "idp" => "M10 1l8 4v4c0 5-3.5 8.5-8 10-4.5-1.5-8-5-8-10V5zm-3 9l2 2 4-4",
        "outside" => "M3 4h14v9H3zM1 16h18",
        "resource" => "M3 5c0-2 14-2 14 0v10c0 2-14 2-14 0zm0 0c0 2 14 2 14 0",
        "undo" => "M7 5L3 9l4 4M3 9h9a5 5 0 0 1 0 10H9",
        "redo" => "M13 5l4 4-4 4M17 9H8a5 5 0 0 0 0 10h3",
        "delete" => "M3 5h14M8 5V3h4v2M5 5l1 12h8l1-12",
        "duplicate" => "M7 7h10v10H7zM3 3h10v3M3 3v10h3",
        "fit" => "M3 7V3h4M13 3h4v4M17 13v4h-4M7 17H3v-4",
        "layout" => "M2 3h6v5H2zM12 3h6v5h-6zM7 12h6v5H7zM5 8v2h10V8M10 10v2",
        "key" => "M7 13a4 4 0 1 1 3.5-6H19v3h-2v2h-3v-2h-3.5A4 4 0 0 1 7 13zm-1-4a1 1 0 1 0 0 2 1 1 0 0 0 0-2z",
        _ => "M3 3h14v14H3z",
    };
    let filled = matches!(kind, "user" | "group" | "role" | "key");
    let width = if matches!(
        kind,
        "undo" | "redo" | "delete" | "duplicate" | "fit" | "layout"
    ) {
        "1.6"
    } else {
        "1.8"
    };
    html! {
        <path d={path} fill={if filled { "currentColor" } else { "none" }}
              stroke="currentColor" stroke-width={if filled { "0" } else { width }}
              stroke-linejoin="round" stroke-linecap="round"/>
    }
}

/// An icon as a standalone 16px inline SVG, for buttons.
pub fn button_icon(name: &str) -> Html {
    html! {
        <svg width="16" height="16" viewBox="0 0 20 20" aria-hidden="true" focusable="false">{ kind(name) }</svg>
    }
}
