//! Prints a scenario document with about 300 nodes (10 accounts of users, groups and roles,
//! with trust and membership edges), for the canvas frame-time benchmark (`e2e/bench/drag.mjs`).

use iam_playground::doc::command::Command;
use iam_playground::doc::document::Document;
use iam_playground::doc::geometry::Point;
use iam_playground::doc::scene::{EdgeKind, NodeKind};

fn main() {
    let mut doc = Document::empty();
    doc.title = "300 nodes".into();
    for a in 0..10 {
        let at = Point::new(f64::from(a % 5) * 900.0, f64::from(a / 5) * 1400.0);
        let account = doc
            .apply(&Command::AddNode {
                kind: NodeKind::Account,
                at,
            })
            .map(|r| r.created)
            .unwrap_or_default();
        let Some(account) = account.first().cloned() else {
            continue;
        };
        let mut ids = Vec::new();
        for kind in
            std::iter::repeat_n([NodeKind::User, NodeKind::Group, NodeKind::Role], 10).flatten()
        {
            // Inside the account's frame, which grows to make room.
            let frame = doc
                .scene()
                .node(&account)
                .map(|n| n.rect)
                .unwrap_or_default();
            let at = Point::new(frame.x + 24.0, frame.y + 60.0);
            if let Ok(r) = doc.apply(&Command::AddNode { kind, at }) {
                ids.extend(r.created.into_iter().map(|id| (kind, id)));
            }
        }
        for pair in ids.chunks(3) {
            if let [(_, user), (_, group), (_, role)] = pair {
                let _ = doc.apply(&Command::Connect {
                    from: user.clone(),
                    to: group.clone(),
                    kind: EdgeKind::MemberOf,
                });
                let _ = doc.apply(&Command::Connect {
                    from: user.clone(),
                    to: role.clone(),
                    kind: EdgeKind::Trusts,
                });
            }
        }
    }
    let _ = doc.apply(&Command::AutoLayout);
    print!("{}", doc.to_json());
}
