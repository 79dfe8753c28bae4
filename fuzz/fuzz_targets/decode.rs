//! Fuzzes the tolerant decoder and the open list: no input may panic, hang or fail to return,
//! and every position of an open list names the assistant the whole decode gave there.
#![no_main]

use std::sync::Arc;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let decoded = roster_core::decode_assistants(data);
    if let Ok(decoded) = &decoded {
        // Whatever is read must serialize again: the page receives it as JSON.
        serde_json::to_vec(decoded).expect("a decoded list always serializes");
    }
    let opened = roster_core::OpenList::open(Arc::new(data.to_vec()));
    assert_eq!(opened.is_ok(), decoded.is_ok(), "the list opens where the decoder reads");
    if let (Ok(opened), Ok(decoded)) = (opened, decoded) {
        assert_eq!(opened.cards.len(), decoded.assistants.len());
        for (position, assistant) in decoded.assistants.iter().enumerate() {
            assert_eq!(opened.list.assistant(position).as_ref(), Some(assistant));
            assert!(opened.list.raw(position).is_some());
        }
        assert_eq!(opened.list.search("a").len(), decoded.assistants.len());
    }
});
