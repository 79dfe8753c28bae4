//! The review memory's answers in the page's terms: the store speaks of assistants by key and
//! content hash, the page by position in the list it shows. Work done here runs on the store's
//! blocking thread (see `memory`).

use std::collections::HashMap;

use roster_core::text_difference;
use roster_store::{Changes, Recorded, Review, Since, Store, StoreError};

use crate::ipc::{
    AssistantChanges, ChangedCard, Comparison, ListReview, RemovedAssistant, ReviewedCard,
    VersionSeen,
};

/// The page's view of what changed and what was reviewed.
pub fn list_review(
    list_id: u64,
    recorded: &Recorded,
    (changes, reviews, history_from): (Option<Changes>, HashMap<String, Review>, Option<i64>),
    mut newly_failing: HashMap<String, Vec<String>>,
    set_aside: Option<std::path::PathBuf>,
) -> ListReview {
    let position: HashMap<&str, u32> = recorded
        .keys
        .iter()
        .enumerate()
        .map(|(at, key)| (key.as_str(), at as u32))
        .collect();
    let at = |key: &String| position.get(key.as_str()).copied();
    let mut review = ListReview {
        list_id,
        history_from_ms: history_from,
        last_review_ms: reviews.values().map(|r| r.at).max(),
        set_aside: set_aside.map(|path| path.display().to_string()),
        ..Default::default()
    };
    review.reviewed = reviews
        .iter()
        .filter_map(|(key, mark)| {
            let position = at(key)?;
            Some(ReviewedCard {
                position,
                at_ms: mark.at,
                note: mark.note.clone(),
                changed_since: recorded.hashes[position as usize] != mark.hash,
            })
        })
        .collect();
    review.reviewed.sort_by_key(|r| r.position);
    if let Some(changes) = changes {
        review.since_ms = Some(changes.base.last_at);
        review.removals_known = changes.removals_known;
        review.added = changes.added.iter().filter_map(at).collect();
        review.added.sort_unstable();
        review.changed = changes
            .changed
            .iter()
            .filter_map(|changed| {
                Some(ChangedCard {
                    position: at(&changed.key)?,
                    fields: changed.difference.names(),
                    only_updated: changed.difference.only_updated(),
                    newly_failing: newly_failing.remove(&changed.key).unwrap_or_default(),
                })
            })
            .collect();
        review.changed.sort_by_key(|c| c.position);
        review.removed = changes
            .removed
            .into_iter()
            .map(|removed| RemovedAssistant {
                id: removed.key,
                name: removed.name,
            })
            .collect();
    }
    review
}

/// What changed in the assistant `key` (now at version `hash`) since the fetch `since` names,
/// with its greeting and prompt word by word; `None` when there is no earlier fetch.
pub fn assistant_changes(
    store: &Store,
    account: &str,
    target: i64,
    since: Since,
    key: &str,
    hash: &[u8; 32],
) -> Result<Option<AssistantChanges>, StoreError> {
    let Some(base) = store.base(account, target, since)? else {
        return Ok(None);
    };
    let Some(before) = store.version_in(account, key, base.id)? else {
        return Ok(Some(AssistantChanges {
            since_ms: base.last_at,
            added: true,
            comparison: Comparison {
                difference: Default::default(),
                greeting: Vec::new(),
                prompt: Vec::new(),
            },
        }));
    };
    let (old, new) = (store.item(&before)?, store.item(hash)?);
    Ok(Some(AssistantChanges {
        since_ms: base.last_at,
        added: false,
        comparison: compare(&old, &new),
    }))
}

/// How the assistant `new` differs from `old` (each one assistant as JSON, in any form), with
/// its greeting and prompt word by word.
pub fn compare(old: &str, new: &str) -> Comparison {
    let difference = roster_core::compare(old, new).unwrap_or_default();
    let texts = |field: &str| {
        difference
            .fields
            .iter()
            .find(|change| change.field == field)
            .map(|change| {
                let text = |shown: &Option<roster_core::Shown>| match shown {
                    Some(roster_core::Shown::Text(text)) => text.clone(),
                    _ => String::new(),
                };
                text_difference(&text(&change.before), &text(&change.after))
            })
            .unwrap_or_default()
    };
    Comparison {
        greeting: texts("initialMessage"),
        prompt: texts("systemPrompt"),
        difference,
    }
}

/// Every version of an assistant the store has seen, oldest first, for its timeline.
pub fn timeline(sightings: &[roster_store::Sighting], current: &[u8; 32]) -> Vec<VersionSeen> {
    sightings
        .iter()
        .map(|sighting| VersionSeen {
            id: roster_core::hash_hex(&sighting.hash),
            first_seen_ms: sighting.first_at,
            last_seen_ms: sighting.last_at,
            current: sighting.hash == *current,
        })
        .collect()
}
