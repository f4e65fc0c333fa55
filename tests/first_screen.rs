//! The picture the page shows while it loads: a first visit's diagram, drawn at build time.
//!
//! `index.html` inlines `static/first-screen.html` (the example diagram in light and in dark,
//! a few KB), so a first visitor, and an embed without a shared scenario, sees the diagram as
//! soon as the HTML arrives, long before the wasm that makes it editable. This test keeps the
//! file equal to what the page draws now: `UPDATE_FIRST_SCREEN=1 cargo test --test
//! first_screen` writes it afresh.

// The page's code sorts with `sim::sorting` (clippy.toml); tests may use the standard sorts.
#![allow(clippy::disallowed_methods)]

use iam_playground::doc::document::Document;
use iam_playground::doc::picture::{picture_svg, Frame, PictureTheme};
use std::path::Path;

/// The two pictures, each in the wrapper the stylesheet shows for its colour scheme.
fn first_screen_html() -> String {
    let doc = Document::seed_example();
    let scene = doc.scene();
    let label = format!(
        "{}: the example diagram, a picture until the playground has loaded",
        doc.title
    )
    .replace('&', "&amp;")
    .replace('"', "&quot;")
    .replace('<', "&lt;");
    // The stylesheet sizes the picture to the screen by its width over its height.
    let view = Frame::fit(&scene, &doc.title).view;
    let ratio = view.w / view.h;
    let mut html = String::from(
        "<!-- Written by `UPDATE_FIRST_SCREEN=1 cargo test --test first_screen`: do not edit. -->\n",
    );
    for theme in [PictureTheme::Light, PictureTheme::Dark] {
        let mut svg = picture_svg(&scene, &doc.title, theme, 1.0);
        if theme == PictureTheme::Dark {
            // Both pictures live in one page: the dark one's arrowheads get their own ids.
            svg = svg
                .replace("id=\"arrow-", "id=\"dark-arrow-")
                .replace("url(#arrow-", "url(#dark-arrow-");
        }
        html.push_str(&format!(
            "<div class=\"boot-picture {}\" style=\"--ratio: {ratio:.4}\" role=\"img\" aria-label=\"{label}\">{svg}</div>\n",
            theme.as_str()
        ));
    }
    html
}

#[test]
fn loading_picture_is_the_first_visit_diagram_as_the_page_draws_it() {
    let drawn = first_screen_html();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("static/first-screen.html");
    if std::env::var_os("UPDATE_FIRST_SCREEN").is_some() {
        std::fs::write(&path, &drawn).unwrap();
    }
    let kept = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        kept == drawn,
        "{} is not the first-visit diagram as the page draws it now: run \
         `UPDATE_FIRST_SCREEN=1 cargo test --test first_screen` and commit the file",
        path.display()
    );
}

#[test]
fn each_loading_picture_draws_with_its_own_arrowheads() {
    let html = first_screen_html();
    fn between<'a>(text: &'a str, open: &str) -> Vec<&'a str> {
        text.split(open)
            .skip(1)
            .filter_map(|rest| rest.split(['"', ')']).next())
            .collect()
    }
    let mut all_ids = Vec::new();
    for picture in html.split("<div class=\"boot-picture").skip(1) {
        let ids = between(picture, "id=\"");
        let used = between(picture, "url(#");
        assert!(!used.is_empty(), "the example's edges end in arrowheads");
        for id in &used {
            assert!(
                ids.contains(id),
                "{id} is drawn from the other picture's marker"
            );
        }
        all_ids.extend(ids);
    }
    let count = all_ids.len();
    all_ids.sort_unstable();
    all_ids.dedup();
    assert_eq!(
        count,
        all_ids.len(),
        "an id is used twice in the page: {all_ids:?}"
    );
}
