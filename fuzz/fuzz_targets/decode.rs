//! Fuzzes the tolerant decoder and the open list: no input may panic, hang or fail to return,
//! and every position of an open list names the assistant the whole decode gave there. Each
//! input is also read as one item of a list (`[input]`), so single-item decoding, the raw view,
//! the checks (run for every card) and the webhook link policy see it as it is. A list that opens
//! is also sent again, in chunks, to be compared with itself as it arrives, and each of its
//! assistants is read alone as a first screen reads it. A refresh of that list (or of the list
//! made of the input as one item) by the input opens what opening the input gives, its cards
//! made from those of the earlier list as the page makes them.
#![no_main]

use std::sync::Arc;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let decoded = roster_core::decode_assistants(data);
    if let Ok(decoded) = &decoded {
        // Whatever is read must serialize again: the page receives it as JSON.
        serde_json::to_vec(decoded).expect("a decoded list always serializes");
    }
    let opened = roster_core::OpenList::open(roster_core::Body::shared(data.to_vec()));
    assert_eq!(
        opened.is_ok(),
        decoded.is_ok(),
        "the list opens where the decoder reads"
    );
    if let (Ok(opened), Ok(decoded)) = (opened, decoded) {
        assert_eq!(opened.cards.len(), decoded.assistants.len());
        // Each assistant as the review memory keeps it (as sent), read alone for a first screen:
        // the card of the whole list, but for what only the whole list says (a repeated id).
        let sent: Vec<String> = (0..opened.cards.len())
            .map(|position| {
                opened
                    .list
                    .sent(position)
                    .expect("every card has its text")
                    .to_owned()
            })
            .collect();
        let alone = roster_core::cards_of(&sent).expect("each assistant of a list reads alone");
        for (card, mut whole) in alone.into_iter().zip(opened.cards.iter().cloned()) {
            whole
                .checks
                .retain(|check| check.code != roster_core::CheckCode::DuplicateId);
            assert_eq!(card, whole);
        }
        assert_eq!(opened.list.gaps(), decoded.gaps);
        for (position, assistant) in decoded.assistants.iter().enumerate() {
            assert_eq!(opened.list.assistant(position).as_ref(), Some(assistant));
            assert!(opened.list.raw(position).is_some());
        }
        assert_eq!(opened.list.search("a").len(), decoded.assistants.len());
        let all: Vec<u32> = (0..decoded.assistants.len() as u32).rev().collect();
        assert_eq!(
            opened.list.assistants_at(&all).map(|a| a.len()),
            Ok(all.len())
        );
        let list = Arc::new(opened.list);
        refreshes_as_opened(data, Arc::clone(&list), &opened.cards);
        let item = [b"[".as_slice(), data, b"]"].concat();
        if let Ok(earlier) = roster_core::OpenList::open(roster_core::Body::shared(item)) {
            refreshes_as_opened(data, Arc::new(earlier.list), &earlier.cards);
        }
        // The same bytes arriving again in chunks, compared as they come with the list they
        // opened: that list again, or (another shape, a partial list) the body byte for byte.
        let mut arrival = roster_core::Arrival::against(Arc::clone(&list));
        for chunk in data.chunks(1 + usize::from(data.last().copied().unwrap_or(0) % 7)) {
            arrival.push(chunk);
        }
        match arrival.finish() {
            roster_core::Arrived::Same(same) => {
                assert!(Arc::ptr_eq(&same, &list) && list.gaps().is_complete())
            }
            roster_core::Arrived::Body(body) => assert_eq!(body, data),
        }
    }

    // The input as the one item of a list.
    let item = [b"[".as_slice(), data, b"]"].concat();
    if let Ok(opened) = roster_core::OpenList::open(roster_core::Body::shared(item)) {
        serde_json::to_vec(&opened.cards).expect("cards always serialize");
        for position in 0..opened.cards.len() {
            let assistant = opened
                .list
                .assistant(position)
                .expect("a card's assistant reads");
            assert!(opened.list.raw(position).is_some());
            let _ = opened.list.webhook(position);
            serde_json::to_vec(&assistant).expect("an assistant always serializes");
        }
    }
});

/// `data`, which opens, refreshing `earlier` (whose cards the page holds as `held`): the list
/// opening `data` gives, and its cards.
fn refreshes_as_opened(
    data: &[u8],
    earlier: Arc<roster_core::OpenList>,
    held: &[roster_core::Card],
) {
    let whole =
        roster_core::OpenList::open(roster_core::Body::shared(data.to_vec())).expect("it opened");
    let sent = roster_core::SentCards::of(held);
    let refreshed =
        roster_core::OpenList::refresh(roster_core::Body::shared(data.to_vec()), earlier, &sent)
            .expect("a body that opens refreshes");
    let list = &refreshed.list;
    assert_eq!(list.len(), whole.list.len());
    assert_eq!(list.gaps(), whole.list.gaps());
    for position in 0..list.len() {
        assert_eq!(list.sent(position), whole.list.sent(position));
    }
    for query in ["a", "e", "1", "\u{fc}"] {
        assert_eq!(list.search(query), whole.list.search(query));
    }
    let changes = &refreshed.changes;
    let made = changes
        .made_from(held)
        .expect("changes that fit the cards held");
    assert_eq!(made, whole.cards);
    assert_eq!(refreshed.sent.len(), whole.cards.len());
}
