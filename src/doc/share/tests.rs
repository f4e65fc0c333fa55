//! Share links round-trip, and every kind of broken link is refused with its own reason.

use super::embed::{iframe_snippet, EmbedOptions, Theme, DEFAULT_HEIGHT};
use super::*;
use crate::doc::document::Document;
use crate::doc::scenario::{Expect, Step, Verdict};
use crate::sim::time::SimTime;
use serde_json::json;

fn example() -> Scenario {
    let mut s = Scenario::from_document(Document::seed_example());
    s.start = Some(SimTime::WORLD_EPOCH.plus(crate::sim::time::SimDuration::from_hours(9)));
    s.steps.push(Step {
        caption: "alice asks STS for the Deploy role".into(),
        action: Some(json!({"api": "GetCallerIdentity", "credentials": "alice"})),
        expect: Some(Expect {
            result: Some(Verdict::Allowed),
            ..Expect::default()
        }),
    });
    s
}

#[test]
fn a_link_round_trips_document_clock_and_steps() {
    let s = example();
    let payload = encode(&s);
    assert!(payload.starts_with("1."), "{payload}");
    assert!(
        payload[2..]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
        "a link payload needs no URL escaping"
    );
    assert_eq!(decode(&payload), Ok(s));
}

#[test]
fn a_link_made_at_a_step_carries_the_step() {
    let mut s = example();
    s.open_at = Some(1);
    assert_eq!(decode(&encode(&s)).map(|d| d.open_at), Ok(Some(1)));
}

#[test]
fn a_link_is_much_smaller_than_the_document() {
    let s = example();
    let json = s.to_json();
    let payload = encode(&s);
    assert!(
        payload.len() * 3 < json.len(),
        "{} chars for {} bytes of JSON",
        payload.len(),
        json.len()
    );
}

#[test]
fn the_payload_is_found_among_other_fragment_options() {
    assert_eq!(payload_in_fragment("#s=1.abc"), Some("1.abc"));
    assert_eq!(payload_in_fragment("#play=1&s=1.abc"), Some("1.abc"));
    assert_eq!(payload_in_fragment("s=1.abc&x=2"), Some("1.abc"));
    assert_eq!(payload_in_fragment("#section-2"), None);
    assert_eq!(payload_in_fragment(""), None);
    assert_eq!(payload_in_fragment("#sx=1"), None);
}

#[test]
fn a_truncated_link_is_reported_as_cut_short() {
    let payload = encode(&example());
    for keep in [payload.len() / 2, payload.len() - 7, payload.len() - 1] {
        let cut = &payload[..keep];
        let e = decode(cut).unwrap_err();
        assert!(
            matches!(e, ShareError::Truncated | ShareError::Corrupt),
            "cut at {keep}: {e:?}"
        );
    }
    assert_eq!(
        decode(&payload[..payload.len() / 2]),
        Err(ShareError::Truncated)
    );
}

#[test]
fn a_corrupted_link_fails_its_checksum() {
    let payload = encode(&example());
    // Flip one character in the middle of the data.
    let mut bytes = payload.into_bytes();
    let mid = bytes.len() / 2;
    bytes[mid] = if bytes[mid] == b'A' { b'B' } else { b'A' };
    let damaged = String::from_utf8(bytes).unwrap();
    let e = decode(&damaged).unwrap_err();
    assert!(
        matches!(e, ShareError::Corrupt | ShareError::Truncated),
        "{e:?}"
    );
}

#[test]
fn a_link_with_foreign_characters_names_the_first_one() {
    let e = decode("1.abc def").unwrap_err();
    assert_eq!(
        e,
        ShareError::NotBase64 {
            position: 4,
            found: ' '
        }
    );
    assert!(e.to_string().contains("broken across lines"), "{e}");
}

#[test]
fn a_link_from_a_newer_version_says_so() {
    let e = decode("2.eJzLSM3JyQcABiwCFQ").unwrap_err();
    assert_eq!(e, ShareError::FromTheFuture { version: 2 });
    assert!(e.to_string().contains("newer IAM Playground"), "{e}");
    assert_eq!(decode("abc"), Err(ShareError::NoVersion));
    assert_eq!(decode("x.abc"), Err(ShareError::NoVersion));
    assert_eq!(decode(""), Err(ShareError::Empty));
}

#[test]
fn a_link_that_unpacks_beyond_the_limit_is_refused_before_parsing() {
    // 1 MB of spaces compresses to about a kilobyte: a zip bomb in miniature.
    let bomb = vec![b' '; 4 * MAX_DECODED_BYTES];
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(&bomb, 9);
    let payload = format!("1.{}", base64url::encode(&packed));
    assert!(payload.len() < 10_000);
    assert_eq!(
        decode(&payload),
        Err(ShareError::TooLarge {
            limit: MAX_DECODED_BYTES
        })
    );
    let long = format!("1.{}", "A".repeat(MAX_DECODED_BYTES * 2));
    assert!(matches!(decode(&long), Err(ShareError::TooLarge { .. })));
}

#[test]
fn a_link_to_something_that_is_not_a_scenario_is_refused() {
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(br#"{"type":"other"}"#, 9);
    let e = decode(&format!("1.{}", base64url::encode(&packed))).unwrap_err();
    assert!(matches!(e, ShareError::NotAScenario(_)), "{e:?}");
    assert!(e.to_string().contains("\"other\""), "{e}");
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(&[0xff, 0xfe, 0x00], 9);
    assert_eq!(
        decode(&format!("1.{}", base64url::encode(&packed))),
        Err(ShareError::NotText)
    );
}

#[test]
fn base64url_round_trips_every_length_and_matches_rfc4648_vectors() {
    // RFC 4648 section 10 test vectors, base64url without padding.
    for (raw, enc) in [
        ("", ""),
        ("f", "Zg"),
        ("fo", "Zm8"),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg"),
        ("fooba", "Zm9vYmE"),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(base64url::encode(raw.as_bytes()), enc);
        assert_eq!(base64url::decode(enc).unwrap(), raw.as_bytes());
    }
    assert_eq!(base64url::encode(&[0xfb, 0xff]), "-_8");
    let all: Vec<u8> = (0..=255).collect();
    for n in 0..all.len() {
        assert_eq!(
            base64url::decode(&base64url::encode(&all[..n])).unwrap(),
            &all[..n]
        );
    }
    assert_eq!(base64url::decode("Zm9vYg=="), Ok(b"foob".to_vec()));
}

#[test]
fn embed_options_round_trip_through_the_query() {
    let o = EmbedOptions {
        interactive: false,
        simulator: false,
        inspector: true,
        autoplay: true,
        theme: Theme::Dark,
        zoom: Some(150),
    };
    assert_eq!(EmbedOptions::from_query(&o.to_query()), Some(o));
    let d = EmbedOptions::default();
    assert_eq!(EmbedOptions::from_query(&d.to_query()), Some(d));
    assert_eq!(EmbedOptions::from_query("?theme=dark"), None);
    assert_eq!(EmbedOptions::from_query(""), None);
    let typo = EmbedOptions::from_query("?embed=1&zoom=9000&theme=purple").unwrap();
    assert_eq!((typo.zoom, typo.theme), (None, Theme::Auto));
}

#[test]
fn the_iframe_snippet_is_lazy_sandboxed_titled_and_escaped_and_its_popups_leave_the_sandbox() {
    let o = EmbedOptions::default();
    let html = iframe_snippet(
        "https://example.org/iam/",
        &o,
        "s=1.abc",
        "Alice & \"Bob\"",
        DEFAULT_HEIGHT,
    );
    assert!(
        html.starts_with(
            "<iframe src=\"https://example.org/iam/?embed=1&amp;panels=simulator#s=1.abc\""
        ),
        "{html}"
    );
    assert!(
        html.contains("title=\"IAM Playground: Alice &amp; &quot;Bob&quot;\""),
        "{html}"
    );
    assert!(html.contains("loading=\"lazy\""));
    assert!(html.contains(
        "sandbox=\"allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox\""
    ));
    assert!(html.contains("height=\"480\""), "{html}");
    assert!(html.ends_with("</iframe>"));
}

#[test]
fn embed_snippet_carries_the_chosen_height_within_the_range() {
    let o = EmbedOptions::default();
    let at = |h| iframe_snippet("https://example.org/", &o, "s=1.abc", "t", h);
    assert!(at(720).contains("height=\"720\""));
    // A frame under 360 px has no room for the canvas and the steps; none is that tall.
    assert!(at(100).contains("height=\"360\""));
    assert!(at(90_000).contains("height=\"1600\""));
}

#[test]
fn a_scenario_too_large_for_a_link_is_caught_before_sharing() {
    let mut s = example();
    assert_eq!(check_size(&s), Ok(()));
    s.summary = "x".repeat(MAX_DECODED_BYTES);
    assert_eq!(
        check_size(&s),
        Err(ShareError::TooLarge {
            limit: MAX_DECODED_BYTES
        })
    );
    // What check_size lets through, decode accepts.
    s.summary = "x".repeat(MAX_DECODED_BYTES / 2);
    assert_eq!(check_size(&s), Ok(()));
    assert_eq!(decode(&encode(&s)), Ok(s));
}
