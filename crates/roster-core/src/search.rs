//! The search: the folded text of every assistant (see [`crate::fold`]), scanned for the query.
//!
//! The texts are written one after another on sheets of about a stretch each, and each sheet is
//! kept the way the list's body is kept: a large list's in mapped files whose pages every search
//! gives back once it has scanned them, so 100,000 assistants' texts (about 165 MB) are not all
//! in memory between keystrokes. The index of a refreshed list shares the sheets of the list it
//! refreshed whose texts all came back as they were.

use std::ops::Range;
use std::sync::Arc;

use crate::body::{Body, STRETCH};
use crate::fold::fold_into;
use crate::model::Assistant;

/// Folded search text of every assistant, on sheets: a search is one fast substring scan per
/// assistant, no allocation.
#[derive(Debug)]
pub(crate) struct SearchIndex {
    /// Shared with the index of a list this one refreshed, where their texts are the same.
    sheets: Vec<Arc<Body>>,
    /// The position of the first text on each sheet.
    firsts: Vec<usize>,
    /// Where each text ends on its sheet; it begins where the one before it on the sheet ends.
    ends: Vec<u32>,
}

/// Writes the search texts of a list, a sheet at a time, each kept like `body`.
pub(crate) struct IndexWriter<'a> {
    body: &'a Body,
    index: SearchIndex,
    sheet: String,
    /// The sheet of the index a copy read last from, given back once the copies move on.
    copied_from: Option<usize>,
    /// Copies from the first text of an earlier index's sheet on, in order: if they go on to
    /// its last, this index takes that sheet as it is.
    following: Option<Following>,
}

/// Texts copied in order from the start of a sheet of another index.
struct Following {
    sheet: Arc<Body>,
    /// The position in the other index copied next if this goes on, and the one after its last.
    next: usize,
    last: usize,
    /// Where each text copied so far ends on the sheet.
    ends: Vec<u32>,
}

impl<'a> IndexWriter<'a> {
    /// A writer keeping its sheets as `body` is kept.
    pub(crate) fn beside(body: &'a Body) -> IndexWriter<'a> {
        IndexWriter {
            body,
            index: SearchIndex {
                sheets: Vec::new(),
                firsts: Vec::new(),
                ends: Vec::new(),
            },
            sheet: String::new(),
            copied_from: None,
            following: None,
        }
    }

    /// Adds the next assistant's text.
    pub(crate) fn push(&mut self, a: &Assistant) {
        self.stop_following();
        let start = self.sheet.len();
        write_search_text(&mut self.sheet, a);
        self.written(start);
    }

    /// Adds the next assistant's text as `from`'s text at `position` (the same assistant in an
    /// earlier list). A whole sheet of `from` copied in order is shared, not copied: a refresh
    /// that changed a few assistants writes only the sheets that hold them. Other copies read
    /// `from` in order of position, mostly, so each of its sheets is given back once the copies
    /// have moved past it.
    pub(crate) fn copy(&mut self, from: &SearchIndex, position: usize) {
        let sheet = from.sheet_of(position);
        if let Some(following) = &mut self.following {
            if position == following.next && Arc::ptr_eq(&from.sheets[sheet], &following.sheet) {
                following.ends.push(from.ends[position]);
                following.next += 1;
                if following.next == following.last {
                    self.take_followed();
                }
                return;
            }
            self.stop_following();
        }
        if position == from.firsts[sheet] {
            // The start of one of `from`'s sheets: this index's open sheet ends here, so the
            // sheet can be shared if the copies go on to its end.
            self.close_open_sheet();
            let last = from.positions_on(sheet).end;
            self.following = Some(Following {
                sheet: Arc::clone(&from.sheets[sheet]),
                next: position + 1,
                last,
                ends: vec![from.ends[position]],
            });
            if position + 1 == last {
                self.take_followed();
            }
            return;
        }
        if let Some(left) = self.copied_from.filter(|&read| read != sheet) {
            from.sheets[left].give_back();
        }
        self.copied_from = Some(sheet);
        self.append(from.text_of(position));
    }

    /// Adds `text`, a search text (copied from a sheet), to the open sheet.
    fn append(&mut self, text: &[u8]) {
        let start = self.sheet.len();
        let text = std::str::from_utf8(text).expect("a search text is folded from a str");
        self.sheet.push_str(text);
        self.written(start);
    }

    /// The sheet followed to its end, taken as it is.
    fn take_followed(&mut self) {
        let followed = self.following.take().expect("a sheet followed");
        self.index.firsts.push(self.index.ends.len());
        self.index.ends.extend(followed.ends);
        self.index.sheets.push(followed.sheet);
    }

    /// Copies stopped before the end of the sheet they followed: the texts so far are copied.
    fn stop_following(&mut self) {
        if let Some(followed) = self.following.take() {
            let mut start = 0;
            for end in followed.ends {
                self.append(&followed.sheet[start as usize..end as usize]);
                start = end;
            }
            followed.sheet.give_back();
        }
    }

    /// The text from `start` on the open sheet is written: it goes on a sheet of its own when this
    /// one is full.
    fn written(&mut self, start: usize) {
        if self.sheet.len() > STRETCH && start > 0 {
            let text = self.sheet.split_off(start);
            self.close_sheet();
            self.sheet = text;
        }
        if self.index.firsts.len() == self.index.sheets.len() {
            self.index.firsts.push(self.index.ends.len());
        }
        let end = u32::try_from(self.sheet.len()).expect("a search text under 4 GB");
        self.index.ends.push(end);
    }

    fn close_sheet(&mut self) {
        let mut sheet = std::mem::take(&mut self.sheet).into_bytes();
        sheet.shrink_to_fit();
        self.index.sheets.push(Arc::new(self.body.alike(sheet)));
    }

    /// Closes the open sheet, if it has texts on it (even only empty ones).
    fn close_open_sheet(&mut self) {
        if self.index.firsts.len() > self.index.sheets.len() {
            self.close_sheet();
        }
    }

    /// The index written.
    pub(crate) fn done(mut self) -> SearchIndex {
        self.stop_following();
        self.close_open_sheet();
        self.index
    }
}

impl SearchIndex {
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The positions whose texts are on `sheet`.
    fn positions_on(&self, sheet: usize) -> Range<usize> {
        self.firsts[sheet]..self.firsts.get(sheet + 1).copied().unwrap_or(self.len())
    }

    /// The sheet holding the text at `position`.
    fn sheet_of(&self, position: usize) -> usize {
        self.firsts.partition_point(|&first| first <= position) - 1
    }

    /// The search text of the assistant at `position`.
    pub(crate) fn text_of(&self, position: usize) -> &[u8] {
        let sheet = self.sheet_of(position);
        let start = if position == self.firsts[sheet] {
            0
        } else {
            self.ends[position - 1]
        };
        &self.sheets[sheet][start as usize..self.ends[position] as usize]
    }

    /// One byte per assistant, 1 where its text holds `query` (trimmed, folded); all 1 for an
    /// empty query.
    pub(crate) fn matches(&self, query: &str) -> Vec<u8> {
        // Folded exactly like the texts.
        let query = crate::fold::folded(query.trim());
        if query.is_empty() {
            return vec![1; self.len()];
        }
        let finder = memchr::memmem::Finder::new(query.as_bytes());
        let mut found = Vec::with_capacity(self.len());
        for (number, sheet) in self.sheets.iter().enumerate() {
            let mut start = 0;
            for &end in &self.ends[self.positions_on(number)] {
                let text = &sheet[start as usize..end as usize];
                found.push(u8::from(finder.find(text).is_some()));
                start = end;
            }
            sheet.give_back();
        }
        found
    }
}

/// The folded search text of an assistant (name, id, greeting, prompt, variable values),
/// each field after a NUL so a match never spans two of them.
pub fn search_text(a: &Assistant) -> Box<str> {
    let mut text = String::new();
    write_search_text(&mut text, a);
    text.into_boxed_str()
}

/// Appends [`search_text`] of `a` to `out`.
fn write_search_text(out: &mut String, a: &Assistant) {
    let fields = [&a.name, &a.id, &a.initial_message, &a.system_prompt];
    let texts = fields
        .into_iter()
        .filter_map(|f| f.as_deref())
        .chain(a.variables.iter().map(|(_, value)| value.as_str()))
        .filter(|t| !t.is_empty());
    for field in texts {
        out.push('\0');
        fold_into(out, field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::body::Keep;
    use crate::testing::assistant;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn index_of(assistants: &[Assistant]) -> SearchIndex {
        let body = Body::from(Vec::new());
        let mut index = IndexWriter::beside(&body);
        for a in assistants {
            index.push(a);
        }
        index.done()
    }

    #[test]
    fn search_covers_every_text_field_in_any_case_and_script() {
        let mut b = assistant("Берта");
        b.system_prompt = Some("Speak KEIGO politely".into());
        b.variables = vec![("insurer".into(), "Anadolu Sigorta".into())];
        let index = index_of(&[assistant("Alpha"), b, Assistant::default()]);
        assert_eq!(index.matches("БЕРТА"), [0, 1, 0]);
        assert_eq!(index.matches("keigo"), [0, 1, 0]);
        assert_eq!(index.matches(" anadolu sigorta "), [0, 1, 0]);
        assert_eq!(index.matches("hello"), [1, 1, 0]);
        assert_eq!(index.matches("alpha"), [1, 0, 0]);
        assert_eq!(index.matches("ана"), [1, 0, 0], "variable value, Cyrillic");
        assert_eq!(index.matches(""), [1, 1, 1]);
        assert_eq!(index.matches("nowhere"), [0, 0, 0]);
        // Fields are apart: the end of the name and the start of the id do not make a match.
        assert_eq!(index.matches("alphaalpha"), [0, 0, 0]);
        // A final sigma and its capital find each other, as do the micro sign and mu.
        let greek = Assistant {
            name: Some("ΟΔΟΣ 5µl".into()),
            ..Default::default()
        };
        let greek = index_of(&[greek]);
        for query in ["οδος", "ΟΔΟΣ", "οδοσ", "5μl", "5ΜL"] {
            assert_eq!(greek.matches(query), [1], "{query}");
        }
        assert_eq!(index.text_of(2), b"");
    }

    #[test]
    fn a_list_of_only_empty_texts_has_a_text_and_an_answer_for_each() {
        let index = index_of(&[Assistant::default(), Assistant::default()]);
        assert_eq!(index.len(), 2);
        assert_eq!(index.matches("x"), [0, 0]);
        assert_eq!(index.text_of(1), b"");
        assert_eq!(index_of(&[]).matches("x"), [0u8; 0]);
    }

    #[test]
    fn search_ignores_accents_and_turkish_and_german_letter_forms() {
        let index = index_of(&[
            assistant("İstanbul Satış"),
            assistant("Café Olé"),
            assistant("Straße 5"),
            assistant("Strasse 7"),
        ]);
        assert_eq!(index.matches("istanbul"), [1, 0, 0, 0]);
        assert_eq!(index.matches("ISTANBUL satis"), [1, 0, 0, 0]);
        assert_eq!(index.matches("cafe ole"), [0, 1, 0, 0]);
        assert_eq!(index.matches("café"), [0, 1, 0, 0]);
        assert_eq!(index.matches("strasse"), [0, 0, 1, 1]);
        assert_eq!(index.matches("STRAẞE"), [0, 0, 1, 1]);
    }

    /// Sheets in memory that count how often each is given back.
    struct Counted(Vec<u8>, Arc<AtomicUsize>);

    // SAFETY: as for a vector.
    unsafe impl Keep for Counted {
        fn bytes(&self) -> &[u8] {
            &self.0
        }
        fn passed(&self, _: Range<usize>) {
            self.1.fetch_add(1, Ordering::Relaxed);
        }
        fn keep_alike(&self, bytes: Vec<u8>) -> Box<dyn Keep> {
            Box::new(Counted(bytes, Arc::clone(&self.1)))
        }
    }

    #[test]
    fn texts_go_on_sheets_that_every_search_reads_and_gives_back() {
        let given = Arc::new(AtomicUsize::new(0));
        let body = Body::new(Counted(Vec::new(), Arc::clone(&given)));
        let mut writer = IndexWriter::beside(&body);
        // About 2.5 sheets of texts, one of them longer than a sheet, and an empty one.
        let mut assistants: Vec<Assistant> = (0..2_000)
            .map(|i| {
                let mut a = assistant(&format!("Agent {i}"));
                a.system_prompt = Some(format!("Prompt {i} ").repeat(1_000 + i % 7));
                a
            })
            .collect();
        assistants[700].system_prompt = Some("Long ".repeat(STRETCH / 4));
        assistants[1_500] = Assistant::default();
        for a in &assistants {
            writer.push(a);
        }
        let index = writer.done();
        assert!(index.sheets.len() >= 3, "{} sheets", index.sheets.len());
        assert!(index
            .sheets
            .iter()
            .all(|sheet| sheet.len() <= 2 * STRETCH + 16));
        for (position, a) in assistants.iter().enumerate() {
            assert_eq!(
                index.text_of(position),
                search_text(a).as_bytes(),
                "{position}"
            );
        }
        given.store(0, Ordering::Relaxed);
        let found = index.matches("agent 1999");
        assert_eq!(given.load(Ordering::Relaxed), index.sheets.len());
        let expected: Vec<u8> = (0..2_000).map(|i| u8::from(i == 1_999)).collect();
        assert_eq!(found, expected);
        assert_eq!(
            index
                .matches("long long")
                .iter()
                .filter(|&&m| m == 1)
                .count(),
            1
        );
        // A copy of every text, in order, is the same index: its sheets are shared, not read.
        given.store(0, Ordering::Relaxed);
        let mut copy = IndexWriter::beside(&body);
        for position in 0..index.len() {
            copy.copy(&index, position);
        }
        let copy = copy.done();
        assert_eq!(given.load(Ordering::Relaxed), 0);
        assert_eq!(copy.ends, index.ends);
        assert_eq!(copy.firsts, index.firsts);
        assert!(copy
            .sheets
            .iter()
            .zip(&index.sheets)
            .all(|(a, b)| Arc::ptr_eq(a, b)));
        assert_eq!(copy.matches("prompt 1234"), index.matches("prompt 1234"));
        // One text changed, one sent twice, two swapped: the sheets that hold none of them are
        // shared; the texts are those of the list as sent.
        let last = index.sheets.len() - 1;
        let middle = index.firsts[last - 1];
        let (changed, twice, swapped) = (middle + 3, middle + 9, index.len() - 2);
        let mut order: Vec<usize> = (0..index.len()).collect();
        order.insert(twice, twice);
        order.swap(swapped + 1, swapped + 2);
        let mut refreshed = IndexWriter::beside(&body);
        let mut sent = Vec::new();
        for &position in &order {
            if position == changed {
                let mut a = assistants[position].clone();
                a.name = Some("Renamed".into());
                refreshed.push(&a);
                sent.push(a);
            } else {
                refreshed.copy(&index, position);
                sent.push(assistants[position].clone());
            }
        }
        let refreshed = refreshed.done();
        for (position, a) in sent.iter().enumerate() {
            assert_eq!(
                refreshed.text_of(position),
                search_text(a).as_bytes(),
                "{position}"
            );
        }
        let shared = |sheet: &Arc<Body>| index.sheets.iter().any(|s| Arc::ptr_eq(s, sheet));
        assert!(
            shared(&refreshed.sheets[0]),
            "the first sheet, before every change"
        );
        let whole: Vec<bool> = (0..=last)
            .map(|n| {
                refreshed
                    .sheets
                    .iter()
                    .any(|s| Arc::ptr_eq(s, &index.sheets[n]))
            })
            .collect();
        assert!(!whole[last - 1] && !whole[last], "{whole:?}");
        assert_eq!(whole.iter().filter(|&&w| w).count(), last - 1, "{whole:?}");
        assert_eq!(
            refreshed
                .matches("renamed")
                .iter()
                .filter(|&&m| m == 1)
                .count(),
            1
        );
    }
}
