//! Two tabs sharing one autosave: neither overwrites a newer save it has not seen.

use super::*;

fn stamp(revision: u64, tab: &str) -> SaveStamp {
    SaveStamp {
        revision,
        tab: tab.into(),
    }
}

/// Runs one tab's autosave against `stored`, writing when allowed, as the page does.
fn autosave(tab: &mut TabSync, stored: &mut Option<SaveStamp>) -> SaveDecision {
    let d = tab.before_save(stored.as_ref());
    if let SaveDecision::Write(s) = &d {
        tab.saved(s);
        *stored = Some(s.clone());
    }
    d
}

#[test]
fn a_lone_tab_always_saves_with_a_growing_revision() {
    let mut stored = None;
    let mut a = TabSync::new("a", None);
    assert_eq!(
        autosave(&mut a, &mut stored),
        SaveDecision::Write(stamp(1, "a"))
    );
    assert_eq!(
        autosave(&mut a, &mut stored),
        SaveDecision::Write(stamp(2, "a"))
    );
    assert_eq!(a.conflict(), None);
}

#[test]
fn a_tab_never_overwrites_a_newer_save_it_has_not_seen() {
    let mut stored = Some(stamp(4, "old"));
    let mut a = TabSync::new("a", stored.as_ref());
    let mut b = TabSync::new("b", stored.as_ref());
    assert_eq!(
        autosave(&mut a, &mut stored),
        SaveDecision::Write(stamp(5, "a"))
    );
    // B saves after A without having heard of A's save (the notice is still on its way).
    assert_eq!(
        autosave(&mut b, &mut stored),
        SaveDecision::Refuse(stamp(5, "a"))
    );
    assert_eq!(stored, Some(stamp(5, "a")), "A's save is intact");
    assert_eq!(b.conflict(), Some(&stamp(5, "a")));
    // And keeps refusing until the person chooses.
    assert_eq!(
        autosave(&mut b, &mut stored),
        SaveDecision::Refuse(stamp(5, "a"))
    );
}

#[test]
fn hearing_of_another_tabs_save_tells_the_person_once_and_stops_autosave() {
    let mut stored = Some(stamp(1, "a"));
    let mut a = TabSync::new("a", stored.as_ref());
    let mut b = TabSync::new("b", stored.as_ref());
    assert_eq!(
        autosave(&mut b, &mut stored),
        SaveDecision::Write(stamp(2, "b"))
    );
    assert!(a.heard(stamp(2, "b")), "the first newer save is news");
    assert!(!a.heard(stamp(2, "b")), "the same save again is not");
    assert_eq!(
        autosave(&mut b, &mut stored),
        SaveDecision::Write(stamp(3, "b"))
    );
    assert!(!a.heard(stamp(3, "b")), "already told; the notice stays up");
    assert_eq!(
        a.conflict(),
        Some(&stamp(3, "b")),
        "the newest save is the one to reload"
    );
    assert_eq!(
        autosave(&mut a, &mut stored),
        SaveDecision::Refuse(stamp(3, "b"))
    );
}

#[test]
fn a_tab_is_not_told_of_its_own_saves_or_of_older_ones() {
    let mut a = TabSync::new("a", Some(&stamp(7, "b")));
    assert!(!a.heard(stamp(8, "a")));
    assert!(!a.heard(stamp(7, "b")));
    assert!(!a.heard(stamp(3, "c")));
    assert_eq!(a.conflict(), None);
}

#[test]
fn after_reloading_the_newer_save_a_tab_saves_over_it_again() {
    let mut stored = Some(stamp(9, "b"));
    let mut a = TabSync::new("a", Some(&stamp(2, "a")));
    assert!(a.heard(stamp(9, "b")));
    a.adopt(stored.clone().as_ref());
    assert_eq!(a.conflict(), None);
    assert_eq!(
        autosave(&mut a, &mut stored),
        SaveDecision::Write(stamp(10, "a"))
    );
}

#[test]
fn a_save_from_before_stamps_existed_is_written_over() {
    // An autosave left by an older playground has no stamp: every tab has seen it.
    let mut stored = SaveStamp::from_json("not a stamp");
    let mut a = TabSync::new("a", stored.as_ref());
    assert_eq!(
        autosave(&mut a, &mut stored),
        SaveDecision::Write(stamp(1, "a"))
    );
}

#[test]
fn stamps_round_trip_through_json() {
    let s = stamp(u64::MAX, "tab-\"x\"");
    assert_eq!(SaveStamp::from_json(&s.to_json()), Some(s));
}

#[test]
fn the_revision_never_overflows() {
    let mut stored = Some(stamp(u64::MAX, "a"));
    let mut a = TabSync::new("a", stored.as_ref());
    assert_eq!(
        autosave(&mut a, &mut stored),
        SaveDecision::Write(stamp(u64::MAX, "a"))
    );
}
