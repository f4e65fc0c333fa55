//! `cargo bench --bench gaad`: importing a large `get-account-authorization-details` file
//! (about 5 MB: 1,000 users, groups and roles with their policies) into a world, then into a
//! laid-out document (auto layout and the first scene), and exporting it again.
//! `-- --print` writes the generated file to stdout instead (for the browser benchmarks).

// The page's code sorts with `sim::sorting` (clippy.toml); tests may use the standard sorts.
#![allow(clippy::disallowed_methods)]

use iam_playground::doc::document::Document;
use iam_playground::doc::editor::Editor;
use iam_playground::doc::geometry::Point;
use iam_playground::doc::tool::{Button, InputEvent, Modifiers};
use iam_playground::sim::export::{export, ExportFormat};
use iam_playground::sim::gaad::{import_texts, IMPORT_SEED};
use iam_playground::sim::reach::{parse_start, Analysis, EscalationScan};
use serde_json::{json, Value};
use std::time::Instant;

const ACCOUNT: &str = "111122223333";

fn policy(i: usize, n: usize) -> Value {
    let statements: Vec<Value> = (0..n)
        .map(|s| json!({
            "Sid": format!("S{i}x{s}"),
            "Effect": if s % 7 == 6 { "Deny" } else { "Allow" },
            "Action": [format!("s3:Get*{s}"), format!("dynamodb:Query{s}"), "ec2:Describe*"],
            "Resource": [format!("arn:aws:s3:::bucket-{i}-{s}/*"), format!("arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/t{i}")],
            "Condition": {"StringEquals": {"aws:PrincipalTag/team": ["blue", "green"]}}
        }))
        .collect();
    json!({"Version": "2012-10-17", "Statement": statements})
}

fn id(prefix: &str, i: usize) -> String {
    format!("{prefix}{i:017}")
}

/// 400 users, 100 groups, 500 roles (each tenth with an instance profile), 200 customer
/// managed policies with two versions each.
fn big_gaad() -> Value {
    let groups: Vec<Value> = (0..100).map(|g| json!({
        "Path": "/", "GroupName": format!("group-{g}"), "GroupId": id("AGPA", g), "Arn": format!("arn:aws:iam::{ACCOUNT}:group/group-{g}"),
        "GroupPolicyList": [{"PolicyName": "Inline", "PolicyDocument": policy(g, 4)}],
        "AttachedManagedPolicies": [{"PolicyName": format!("policy-{}", g % 200), "PolicyArn": format!("arn:aws:iam::{ACCOUNT}:policy/policy-{}", g % 200)}],
    })).collect();
    let users: Vec<Value> = (0..400).map(|u| json!({
        "Path": "/people/", "UserName": format!("user-{u}"), "UserId": id("AIDA", u), "Arn": format!("arn:aws:iam::{ACCOUNT}:user/people/user-{u}"),
        "UserPolicyList": [{"PolicyName": "Own", "PolicyDocument": policy(u, 3)}],
        "GroupList": [format!("group-{}", u % 100), format!("group-{}", (u + 1) % 100)],
        "AttachedManagedPolicies": [{"PolicyName": "ReadOnlyAccess", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}],
        "Tags": [{"Key": "team", "Value": "blue"}],
    })).collect();
    let roles: Vec<Value> = (0..500).map(|r| {
        let trust = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": format!("arn:aws:iam::{ACCOUNT}:user/people/user-{}", r % 400)}, "Action": "sts:AssumeRole"}]});
        let arn = format!("arn:aws:iam::{ACCOUNT}:role/role-{r}");
        let profiles: Vec<Value> = if r % 10 == 0 {
            vec![json!({"Path": "/", "InstanceProfileName": format!("role-{r}"), "InstanceProfileId": id("AIPA", r), "Arn": format!("arn:aws:iam::{ACCOUNT}:instance-profile/role-{r}"), "Roles": []})]
        } else { vec![] };
        json!({
            "Path": "/", "RoleName": format!("role-{r}"), "RoleId": id("AROA", r), "Arn": arn, "AssumeRolePolicyDocument": trust,
            "InstanceProfileList": profiles, "RolePolicyList": [{"PolicyName": "Work", "PolicyDocument": policy(r, 5)}],
            "AttachedManagedPolicies": [{"PolicyName": format!("policy-{}", r % 200), "PolicyArn": format!("arn:aws:iam::{ACCOUNT}:policy/policy-{}", r % 200)}],
            "Tags": [], "RoleLastUsed": {},
        })
    }).collect();
    let policies: Vec<Value> = (0..200).map(|p| json!({
        "PolicyName": format!("policy-{p}"), "PolicyId": id("ANPA", p), "Arn": format!("arn:aws:iam::{ACCOUNT}:policy/policy-{p}"), "Path": "/",
        "DefaultVersionId": "v2", "IsAttachable": true,
        "PolicyVersionList": [
            {"Document": policy(p, 6), "VersionId": "v1", "IsDefaultVersion": false},
            {"Document": policy(p + 1, 6), "VersionId": "v2", "IsDefaultVersion": true},
        ],
    })).collect();
    json!({"UserDetailList": users, "GroupDetailList": groups, "RoleDetailList": roles, "Policies": policies, "IsTruncated": false})
}

fn main() {
    let text = serde_json::to_string_pretty(&big_gaad()).unwrap_or_default();
    if std::env::args().any(|a| a == "--print") {
        println!("{text}");
        return;
    }
    println!("GAAD file: {:.1} MB", text.len() as f64 / 1e6);
    let t = Instant::now();
    let (world, report) = import_texts(&[&text], IMPORT_SEED).unwrap();
    println!(
        "import into a world: {:?} ({} users, {} groups, {} roles, {} policies)",
        t.elapsed(),
        report.counts.users,
        report.counts.groups,
        report.counts.roles,
        report.counts.customer_managed_policies
    );
    // `--who-can N`: only who-can, N times (for a profiler).
    let args: Vec<String> = std::env::args().collect();
    if let Some(n) = args
        .iter()
        .position(|a| a == "--who-can")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse::<usize>().ok())
    {
        let t = Instant::now();
        for _ in 0..n {
            let who = Analysis::new(&world).who_can("s3:GetObject", "arn:aws:s3:::bucket-1-0/x", 5);
            std::hint::black_box(who);
        }
        println!(
            "who-can s3:GetObject, {n} times: {:?} each",
            t.elapsed() / n as u32
        );
        return;
    }
    // `--scene N`: only this scene, N times (for a profiler).
    if let Some(n) = args
        .iter()
        .position(|a| a == "--scene")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse::<u32>().ok())
    {
        let mut doc = Document::from_gaad(&[&text]).unwrap();
        doc.layout.collapsed.clear();
        doc.apply(&iam_playground::doc::command::Command::AutoLayout)
            .unwrap();
        let t = Instant::now();
        for _ in 0..n {
            std::hint::black_box(doc.scene());
        }
        println!(
            "one scene with every cluster open, {n} times: {:?} each",
            t.elapsed() / n.max(1)
        );
        return;
    }
    // Reachability on the imported account: reach from one user, who-can for one action.
    for round in 0..3 {
        let t = Instant::now();
        let from = parse_start(&world, "user-0").unwrap();
        let r = Analysis::new(&world).reach(&from, 5);
        println!(
            "round {round}: reach from user-0: {} roles, {} escalations in {:?}",
            r.reaches.len(),
            r.escalations.len(),
            t.elapsed()
        );
        let t = Instant::now();
        let who = Analysis::new(&world).who_can("s3:GetObject", "arn:aws:s3:::bucket-1-0/x", 5);
        println!(
            "round {round}: who-can s3:GetObject: {} principals in {:?}",
            who.principals.len(),
            t.elapsed()
        );
    }
    // The escalation pass the page runs a moment after each edit (`doc::reach::escalation_marks`):
    // preparing the graph (every trust policy parsed and indexed), then every principal's checks.
    for round in 0..3 {
        let t = Instant::now();
        let mut analysis = Analysis::new(&world);
        let prepared = t.elapsed();
        let found = analysis.escalations();
        println!(
            "round {round}: every escalation: {} in {:?} (of which preparing the graph {prepared:?})",
            found.len(),
            t.elapsed()
        );
    }
    // The same pass a principal at a time, as the page slices it: the slowest single steps.
    let t = Instant::now();
    let mut scan = EscalationScan::new(&world);
    let prepared = t.elapsed();
    let mut steps = Vec::new();
    loop {
        let s = Instant::now();
        let done = scan.step(&world, 1);
        steps.push((s.elapsed(), scan.progress().0));
        if done {
            break;
        }
    }
    steps.sort_unstable_by_key(|s| std::cmp::Reverse(s.0));
    println!(
        "escalations one principal at a time: {} principals in {:?} (preparing {prepared:?}); slowest steps {:?}",
        steps.len(),
        t.elapsed(),
        steps.iter().take(5).collect::<Vec<_>>()
    );
    // The page answers the next question from what the pass learnt (doc::reach::answer_with).
    let (_, mut learnt) = scan.finish_learnt();
    if let Some(l) = learnt.take() {
        let t = Instant::now();
        let mut analysis = Analysis::resume(&world, l);
        let who = analysis.who_can("s3:GetObject", "arn:aws:s3:::bucket-1-0/x", 5);
        println!(
            "who-can s3:GetObject from what the escalation pass learnt: {} principals in {:?}",
            who.principals.len(),
            t.elapsed()
        );
        learnt = Some(analysis.suspend());
    }
    // After an edit (a role deleted), the pass reads through the policies parsed before.
    let mut edited = world.clone();
    if let Some(role) = edited.roles.keys().next().cloned() {
        let _ = edited.delete_role(&role);
    }
    let t = Instant::now();
    let mut again = EscalationScan::after(&edited, learnt);
    let prepared = t.elapsed();
    while !again.step(&edited, 1) {}
    println!(
        "escalations after an edit, reading the policies parsed before: {:?} (preparing {prepared:?})",
        t.elapsed()
    );
    let t = Instant::now();
    let doc = Document::from_gaad(&[&text]).unwrap();
    let scene = doc.scene();
    println!(
        "import, auto layout and first scene: {:?} ({} nodes, {} edges)",
        t.elapsed(),
        scene.nodes.len(),
        scene.edges.len()
    );
    let t = Instant::now();
    let _ = doc.scene();
    println!("one scene of the laid-out account: {:?}", t.elapsed());
    // Expanding each cluster the import folded where it stands, then folding it again.
    let mut toggled = doc.clone();
    let keys: Vec<_> = toggled.layout.collapsed.keys().cloned().collect();
    for key in keys {
        for collapsed in [false, true] {
            let t = Instant::now();
            toggled
                .apply(
                    &iam_playground::doc::command::Command::SetClusterCollapsed {
                        cluster: key.clone(),
                        collapsed,
                    },
                )
                .unwrap();
            println!(
                "{} {}: {:?}",
                if collapsed { "collapse" } else { "expand" },
                key.kind.title().to_lowercase(),
                t.elapsed()
            );
        }
    }
    // The import opens with its roles folded into clusters; the drag measures the heaviest
    // drawing, every cluster opened (as a person does to see each role).
    let mut doc = doc;
    doc.layout.collapsed.clear();
    doc.apply(&iam_playground::doc::command::Command::AutoLayout)
        .unwrap();
    let t = Instant::now();
    let scene = doc.scene();
    println!(
        "one scene with every cluster open: {:?} ({} nodes, {} edges, {} labels)",
        t.elapsed(),
        scene.nodes.len(),
        scene.edges.len(),
        scene.labels.len()
    );
    drag(doc);
    for f in [
        ExportFormat::Terraform,
        ExportFormat::CloudFormation,
        ExportFormat::Cli,
        ExportFormat::Gaad,
    ] {
        let t = Instant::now();
        let out = export(&world, f);
        println!(
            "export {f:?}: {:?} ({:.1} MB)",
            t.elapsed(),
            out.len() as f64 / 1e6
        );
    }
}

/// Drags one role across the canvas the way the page does: pointer down on it, 60 moves,
/// pointer up, each move also paying what the page's store does with the result (comparing
/// and copying the document and scene it hands to the components).
fn drag(doc: Document) {
    let t = Instant::now();
    let mut ed = Editor::new(doc);
    ed.handle(&InputEvent::Resize {
        width: 1400.0,
        height: 800.0,
    });
    println!("editor over the account: {:?}", t.elapsed());
    let Some(role) = ed
        .scene_ref()
        .nodes
        .iter()
        .find(|n| n.label == "Role role-1")
        .cloned()
    else {
        println!("drag: no Role role-1 on the canvas");
        return;
    };
    ed.reveal(&role.id);
    let vp = ed.view.viewport;
    let at = vp.world_to_screen(role.rect.center());
    let mods = Modifiers::default();
    ed.handle(&InputEvent::PointerDown {
        screen: at,
        button: Button::Primary,
        mods,
    });
    let mut doc = ed.doc().clone();
    let mut times = Vec::new();
    for i in 1..=60 {
        let t = Instant::now();
        let screen = Point::new(at.x + f64::from(i) * 2.0, at.y + f64::from(i));
        ed.handle(&InputEvent::PointerMove { screen, mods });
        // What the store does with each change.
        if doc != *ed.doc() {
            doc = ed.doc().clone();
            let _ = ed.scene_ref().clone();
        }
        times.push(t.elapsed());
    }
    ed.handle(&InputEvent::PointerUp {
        screen: at,
        button: Button::Primary,
        mods,
    });
    times.sort();
    let moved = ed.doc().layout.nodes.get(&role.id).copied();
    println!(
        "drag: per move median {:?}, p95 {:?}, max {:?} (role now at {moved:?}, undo: {:?})",
        times.get(times.len() / 2).copied().unwrap_or_default(),
        times
            .get(times.len() * 95 / 100)
            .copied()
            .unwrap_or_default(),
        times.last().copied().unwrap_or_default(),
        ed.undo_label()
    );
}
