//! Export's pictures and file names: the whole diagram as a well-formed standalone SVG with
//! every node's name, in light and dark, and downloads named after the scenario.

// The page's code sorts with `sim::sorting` (clippy.toml); tests may use the standard sorts.
#![allow(clippy::disallowed_methods)]

use iam_playground::doc::command::Command;
use iam_playground::doc::document::Document;
use iam_playground::doc::download::{download_name, slug};
use iam_playground::doc::editor::Editor;
use iam_playground::doc::geometry::Point;
use iam_playground::doc::picture::{
    picture_svg, scene_bounds, Frame, PictureTheme, MARGIN, TITLE_BAND,
};
use iam_playground::doc::scenario::{built_in, BUILT_IN};
use iam_playground::doc::scene::{NodeKind, Scene};

fn scenario(slug: &str) -> (String, Scene) {
    let s = built_in(slug).unwrap().unwrap();
    let mut doc = s.document;
    doc.ensure_layout();
    (doc.title.clone(), doc.scene())
}

/// All the text an SVG shows, in document order.
fn texts(svg: &str) -> Vec<String> {
    let xml = roxmltree::Document::parse(svg).unwrap();
    xml.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().to_string())
        .collect()
}

fn attr(svg: &str, name: &str) -> String {
    let xml = roxmltree::Document::parse(svg).unwrap();
    xml.root_element().attribute(name).unwrap().to_string()
}

#[test]
fn every_built_in_scenario_exports_a_well_formed_svg_with_every_node_and_its_title() {
    for (slug, _) in BUILT_IN {
        let (title, scene) = scenario(slug);
        for theme in [PictureTheme::Light, PictureTheme::Dark] {
            let svg = picture_svg(&scene, &title, theme, 1.0);
            let shown = texts(&svg);
            assert_eq!(
                shown.first(),
                Some(&title),
                "{slug}: the title heads the picture"
            );
            for n in &scene.nodes {
                if n.kind.is_frame() {
                    assert!(shown.contains(&n.label), "{slug}: frame {}", n.label);
                } else {
                    for line in &n.name_lines {
                        assert!(shown.contains(line), "{slug}: {} ({line})", n.label);
                    }
                }
            }
        }
    }
}

#[test]
fn the_picture_covers_the_whole_diagram_not_just_what_is_on_screen() {
    let (title, scene) = scenario("ec2-instance-role");
    let b = scene_bounds(&scene).unwrap();
    let frame = Frame::fit(&scene, &title);
    let v = frame.view;
    assert!(v.x <= b.x - MARGIN && v.right() >= b.right() + MARGIN);
    assert!(v.y <= b.y - MARGIN - TITLE_BAND && v.bottom() >= b.bottom() + MARGIN);
    for n in &scene.nodes {
        assert!(v.contains_rect(&n.rect), "{} outside the picture", n.label);
    }
    for l in &scene.labels {
        assert!(v.contains_rect(&l.rect), "chip {} outside", l.badge.text);
    }
    let svg = picture_svg(&scene, &title, PictureTheme::Light, 1.0);
    let view: Vec<f64> = attr(&svg, "viewBox")
        .split(' ')
        .map(|s| s.parse().unwrap())
        .collect();
    assert_eq!(view.len(), 4);
    assert!((view[2] - v.w).abs() < 0.1 && (view[3] - v.h).abs() < 0.1);
}

#[test]
fn a_png_source_is_twice_the_pixels_of_the_same_drawing() {
    let (title, scene) = scenario("role-chaining");
    let one = picture_svg(&scene, &title, PictureTheme::Light, 1.0);
    let two = picture_svg(&scene, &title, PictureTheme::Light, 2.0);
    let w1: u32 = attr(&one, "width").parse().unwrap();
    let w2: u32 = attr(&two, "width").parse().unwrap();
    let h1: u32 = attr(&one, "height").parse().unwrap();
    let h2: u32 = attr(&two, "height").parse().unwrap();
    assert!(w2.abs_diff(2 * w1) <= 1 && h2.abs_diff(2 * h1) <= 1);
    assert_eq!(attr(&one, "viewBox"), attr(&two, "viewBox"));
}

#[test]
fn light_and_dark_pictures_use_the_canvas_background_of_their_scheme() {
    let (title, scene) = scenario("user-vs-role");
    let light = picture_svg(&scene, &title, PictureTheme::Light, 1.0);
    let dark = picture_svg(&scene, &title, PictureTheme::Dark, 1.0);
    let background = |svg: &str| {
        let xml = roxmltree::Document::parse(svg).unwrap();
        let rect = xml
            .root_element()
            .children()
            .find(|n| n.has_tag_name("rect"))
            .unwrap();
        rect.attribute("fill").unwrap().to_string()
    };
    assert_eq!(background(&light), PictureTheme::Light.palette().canvas);
    assert_eq!(background(&dark), PictureTheme::Dark.palette().canvas);
    assert_ne!(light, dark);
}

#[test]
fn names_with_markup_characters_are_escaped_and_read_back_as_typed() {
    let mut ed = Editor::new(Document::empty());
    ed.apply(Command::AddNode {
        kind: NodeKind::Account,
        at: Point::new(0.0, 0.0),
    })
    .unwrap();
    ed.apply(Command::AddNode {
        kind: NodeKind::OutsideActor(iam_playground::doc::scene::ActorKind::Person),
        at: Point::new(600.0, 40.0),
    })
    .unwrap();
    let actor = ed
        .scene_ref()
        .nodes
        .iter()
        .find(|n| matches!(n.kind, NodeKind::OutsideActor(_)))
        .unwrap()
        .id
        .clone();
    let name = r#"Tom & "Jerry" <ops>"#;
    ed.apply(Command::Rename {
        id: actor,
        name: name.to_string(),
    })
    .unwrap();
    let title = r#"Q&A: <b>"quotes"</b> & 'apostrophes'"#;
    let svg = picture_svg(ed.scene_ref(), title, PictureTheme::Dark, 1.0);
    assert!(!svg.contains("<ops>") && !svg.contains("<b>"));
    let shown = texts(&svg).join("");
    assert!(shown.contains(title), "{shown}");
    assert!(shown.contains("Tom &") && shown.contains("\"Jerry\"") && shown.contains("<ops>"));
    assert_eq!(attr(&svg, "aria-label"), title);
}

#[test]
fn control_characters_in_a_title_never_break_the_xml() {
    let svg = picture_svg(
        &Scene::default(),
        "bell\u{7}tab\tend",
        PictureTheme::Light,
        1.0,
    );
    assert_eq!(texts(&svg), vec!["belltab\tend".to_string()]);
}

#[test]
fn an_empty_diagram_still_makes_a_picture_with_its_title() {
    let svg = picture_svg(&Scene::default(), "Nothing yet", PictureTheme::Light, 2.0);
    assert_eq!(texts(&svg), vec!["Nothing yet".to_string()]);
    let w: u32 = attr(&svg, "width").parse().unwrap();
    assert!(w >= 640, "at least the smallest picture, twice: {w}");
}

#[test]
fn a_long_title_widens_the_picture_rather_than_being_cut() {
    let (_, scene) = scenario("user-vs-role");
    let long = "A very long scenario title that is much wider than this small diagram ever is";
    let short = Frame::fit(&scene, "Short");
    let wide = Frame::fit(&scene, long);
    assert!(wide.view.w > short.view.w);
    assert!(
        wide.view.w
            >= iam_playground::doc::geometry::text::text_width(long, 20.0) + 2.0 * MARGIN - 0.01
    );
}

#[test]
fn downloads_are_named_after_the_scenario_with_the_format_extension() {
    assert_eq!(download_name("Role chaining", "tf"), "role-chaining.tf");
    assert_eq!(download_name("Role chaining", "png"), "role-chaining.png");
    assert_eq!(
        download_name("EC2: instance -> role (2×)", "yaml"),
        "ec2-instance-role-2.yaml"
    );
    assert_eq!(download_name("  ", "svg"), "scenario.svg");
    assert_eq!(download_name("../../etc/passwd", "sh"), "etc-passwd.sh");
    assert_eq!(slug("Über Rôle"), "über-rôle");
}

#[test]
fn every_built_in_scenario_title_gives_a_file_name_of_its_own() {
    let mut names: Vec<String> = BUILT_IN
        .iter()
        .map(|(s, _)| download_name(&scenario(s).0, "tf"))
        .collect();
    for n in &names {
        assert!(n
            .trim_end_matches(".tf")
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-'));
    }
    let count = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), count);
}
