//! Whether a first visit is offered "Start here: IAM user vs IAM role", and how the page
//! remembers that the offer was dismissed or taken.

/// The built-in scenario a first visit is offered.
pub const START_HERE_SLUG: &str = "user-vs-role";

/// What local storage holds under the offer's key once it was dismissed or taken.
pub const START_HERE_DONE: &str = "done";

/// What the page knows at start-up that decides the offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Arrival<'a> {
    /// Local storage held a document (readable or not): the person has been here before.
    pub saved_work: bool,
    /// The page is embedded in another page.
    pub embed: bool,
    /// The address carries a shared scenario (`#s=...`).
    pub shared_link: bool,
    /// What local storage holds under the offer's key, if anything.
    pub offer_state: Option<&'a str>,
}

/// Offers "Start here" only on a first visit to the full page: no saved work, not an embed,
/// not a share link, and not dismissed or taken before. Any value under the offer's key,
/// even one this build did not write, counts as seen: an unreadable value never brings the
/// offer back, nor stops the page from loading.
pub fn offer_start_here(arrival: Arrival<'_>) -> bool {
    !arrival.saved_work && !arrival.embed && !arrival.shared_link && arrival.offer_state.is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_visit_to_the_full_page_is_offered_start_here() {
        assert!(offer_start_here(Arrival::default()));
    }

    #[test]
    fn saved_work_an_embed_or_a_share_link_is_not_a_first_visit() {
        for arrival in [
            Arrival {
                saved_work: true,
                ..Arrival::default()
            },
            Arrival {
                embed: true,
                ..Arrival::default()
            },
            Arrival {
                shared_link: true,
                ..Arrival::default()
            },
        ] {
            assert!(!offer_start_here(arrival), "{arrival:?}");
        }
    }

    #[test]
    fn once_dismissed_or_taken_the_offer_never_comes_back_even_from_a_corrupt_value() {
        for stored in [START_HERE_DONE, "", "{not json", "\u{0}\u{ffff}"] {
            let arrival = Arrival {
                offer_state: Some(stored),
                ..Arrival::default()
            };
            assert!(!offer_start_here(arrival), "{stored:?}");
        }
    }

    #[test]
    fn the_offer_opens_a_built_in_scenario() {
        assert!(matches!(
            crate::doc::scenario::built_in(START_HERE_SLUG),
            Some(Ok(s)) if s.title == "IAM user vs IAM role"
        ));
    }
}
