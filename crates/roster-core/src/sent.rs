//! The cards a page was sent, known by a hash of each, so that a list refreshed with a few
//! assistants changed reaches the page as those few cards and where the others already are.
//!
//! Sent whole, a refresh of 10,000 assistants is a 4.7 MB message the page parses and prepares
//! again before the first card is painted, when one card changed.

use std::hash::BuildHasher;
use std::sync::LazyLock;

use crate::list::Card;

/// One seed for the whole run, chosen at random so that no list can be made to collide: the
/// hashes of two lists are compared, so they must come from the same hasher.
static HASHER: LazyLock<foldhash::quality::RandomState> = LazyLock::new(Default::default);

/// The cards of a list sent to the page, by position: 8 bytes each.
#[derive(Debug, Default)]
pub struct SentCards {
    hashes: Vec<u64>,
}

/// A list's cards, told as what the page makes them from.
#[derive(Debug, PartialEq)]
pub struct CardChanges {
    /// For each position, the position of the same card among those the page holds, or `None`
    /// for the next of `cards`; `None` as a whole when every card is the one at its position.
    pub places: Option<Vec<Option<u32>>>,
    /// The cards the page does not hold, in the order of their positions.
    pub cards: Vec<Card>,
}

impl CardChanges {
    /// The cards these changes make from `held`, the cards the page holds, as the page makes
    /// them (`entriesAgain` in `ui/view.js`); `None` when they do not fit `held`.
    pub fn made_from(&self, held: &[Card]) -> Option<Vec<Card>> {
        let Some(places) = &self.places else {
            return self.cards.is_empty().then(|| held.to_vec());
        };
        let mut new = self.cards.iter();
        let cards = places
            .iter()
            .map(|place| match place {
                Some(at) => held.get(*at as usize).cloned(),
                None => new.next().cloned(),
            })
            .collect::<Option<Vec<Card>>>()?;
        new.next().is_none().then_some(cards)
    }
}

impl SentCards {
    /// What the page will hold once it has `cards`.
    pub fn of(cards: &[Card]) -> SentCards {
        SentCards {
            hashes: cards.iter().map(|card| HASHER.hash_one(card)).collect(),
        }
    }

    /// How many cards the page holds.
    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    /// Whether the page holds no card.
    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }

    /// A later list's `cards` as changes to these (the page holding these cards), and what the
    /// page holds once it has made them.
    pub fn changes(&self, cards: Vec<Card>) -> (CardChanges, SentCards) {
        let mut placing = self.placing(cards.len());
        for card in cards {
            placing.card(card);
        }
        placing.done()
    }

    /// Changes to these made position by position: see [`Placing`].
    pub(crate) fn placing(&self, capacity: usize) -> Placing<'_> {
        Placing {
            held: self,
            at: None,
            places: Vec::with_capacity(capacity),
            cards: Vec::new(),
            hashes: Vec::with_capacity(capacity),
        }
    }
}

/// A later list's cards as changes to those the page holds, told position by position.
pub(crate) struct Placing<'a> {
    held: &'a SentCards,
    /// Where each card the page holds is (the first of equal ones), once a card is not found in
    /// its own position.
    at: Option<foldhash::HashMap<u64, u32>>,
    places: Vec<Option<u32>>,
    cards: Vec<Card>,
    hashes: Vec<u64>,
}

impl Placing<'_> {
    /// The next position holds the card the page holds at `held` (known without making it).
    pub(crate) fn held(&mut self, held: u32) {
        self.places.push(Some(held));
        self.hashes.push(self.held.hashes[held as usize]);
    }

    /// The next position holds `card`: found among those the page holds, or sent.
    pub(crate) fn card(&mut self, card: Card) {
        let hash = HASHER.hash_one(&card);
        let position = self.places.len();
        let place = if self.held.hashes.get(position) == Some(&hash) {
            Some(position as u32)
        } else {
            let held = &self.held.hashes;
            let at = self.at.get_or_insert_with(|| {
                let mut at =
                    foldhash::HashMap::with_capacity_and_hasher(held.len(), Default::default());
                // Reversed, so the first of equal cards wins.
                for (position, hash) in held.iter().enumerate().rev() {
                    at.insert(*hash, position as u32);
                }
                at
            });
            at.get(&hash).copied()
        };
        if place.is_none() {
            self.cards.push(card);
        }
        self.places.push(place);
        self.hashes.push(hash);
    }

    /// The changes, and what the page holds once it has made them.
    pub(crate) fn done(self) -> (CardChanges, SentCards) {
        let unchanged = self.places.len() == self.held.len()
            && self
                .places
                .iter()
                .enumerate()
                .all(|(position, place)| *place == Some(position as u32));
        let places = (!unchanged).then_some(self.places);
        let sent = SentCards {
            hashes: self.hashes,
        };
        (
            CardChanges {
                places,
                cards: self.cards,
            },
            sent,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::list::OpenList;

    fn cards(body: &str) -> Vec<Card> {
        OpenList::open(crate::Body::shared(body.as_bytes().to_vec()))
            .unwrap()
            .cards
    }

    fn made(held: &[Card], changes: &CardChanges) -> Vec<Card> {
        changes.made_from(held).unwrap()
    }

    #[test]
    fn a_refresh_is_sent_as_the_cards_that_changed_and_where_the_others_are() {
        let before = cards(
            r#"[{"id":1,"name":"Ada"},{"id":2,"name":"Bo"},{"id":3,"name":"Cy"},{"id":4,"name":"Di"}]"#,
        );
        let held = SentCards::of(&before);
        // Bo renamed, Cy gone, Ed new, Di and Ada swapped places.
        let after = cards(
            r#"[{"id":4,"name":"Di"},{"id":2,"name":"Bob"},{"id":1,"name":"Ada"},{"id":5,"name":"Ed"}]"#,
        );
        let (changes, sent) = held.changes(after.clone());
        assert_eq!(changes.places, Some(vec![Some(3), None, Some(0), None]));
        assert_eq!(changes.cards, vec![after[1].clone(), after[3].clone()]);
        assert_eq!(made(&before, &changes), after);
        assert_eq!(sent.hashes, SentCards::of(&after).hashes);
    }

    #[test]
    fn the_same_cards_in_the_same_places_are_sent_as_none() {
        let body = r#"[{"id":1,"name":"Ada","system_prompt":"one"},{"id":1,"name":"Ada"}]"#;
        let before = cards(body);
        // Only prompts changed: no card shows them.
        let after = cards(&body.replace("one", "two"));
        let (changes, _) = SentCards::of(&before).changes(after.clone());
        assert_eq!(
            changes,
            CardChanges {
                places: None,
                cards: vec![]
            }
        );
        assert_eq!(made(&before, &changes), after);
        // One fewer is a change, though every card left is where it was.
        let (changes, _) = SentCards::of(&before).changes(after[..1].to_vec());
        assert_eq!(changes.places, Some(vec![Some(0)]));
    }

    #[test]
    fn a_check_that_changes_changes_the_card() {
        // Two assistants with one id: the second one's card gains the duplicate-id check when
        // the first is renamed to it, though its own bytes did not change.
        let before = cards(r#"[{"id":1,"name":"Ada"},{"id":2,"name":"Bo"}]"#);
        let after = cards(r#"[{"id":2,"name":"Ada"},{"id":2,"name":"Bo"}]"#);
        let (changes, _) = SentCards::of(&before).changes(after.clone());
        assert_eq!(changes.places, Some(vec![None, None]));
        assert_eq!(made(&before, &changes), after);
    }

    #[test]
    fn from_nothing_every_card_is_sent() {
        let after = cards(r#"[{"id":1},{"id":1}]"#);
        let (changes, _) = SentCards::default().changes(after.clone());
        assert_eq!(changes.places, Some(vec![None, None]));
        assert_eq!(changes.cards, after);
        let (changes, _) = SentCards::default().changes(vec![]);
        assert_eq!(changes.places, None);
    }
}
