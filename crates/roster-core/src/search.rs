//! The search: the folded text of every assistant (see [`crate::fold`]), scanned for the query.
//!
//! The texts are written one after another on sheets of about a stretch each, and each sheet is
//! kept the way the list's body is kept: a large list's in mapped files whose pages every search
//! gives back once it has scanned them, so 100,000 assistants' texts (about 165 MB) are not all
//! in memory between keystrokes.

use crate::body::{Body, STRETCH};
use crate::fold::fold_into;
use crate::model::Assistant;

/// Folded search text of every assistant, on sheets: a search is one fast substring scan per
/// assistant, no allocation.
#[derive(Debug)]
pub(crate) struct SearchIndex {
    sheets: Vec<Body>,
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
        }
    }

    /// Adds the next assistant's text.
    pub(crate) fn push(&mut self, a: &Assistant) {
        let start = self.sheet.len();
        write_search_text(&mut self.sheet, a);
        self.written(start);
    }

    /// Adds the next assistant's text as `from`'s text at `position` (the same assistant in an
    /// earlier list). Copies read `from` in order of position, mostly, so each of its sheets is
    /// given back once the copies have moved past it.
    pub(crate) fn copy(&mut self, from: &SearchIndex, position: usize) {
        let sheet = from.sheet_of(position);
        if let Some(left) = self.copied_from.filter(|&read| read != sheet) {
            from.sheets[left].give_back();
        }
        self.copied_from = Some(sheet);
        let start = self.sheet.len();
        let text = std::str::from_utf8(from.text_of(position));
        self.sheet
            .push_str(text.expect("a search text is folded from a str"));
        self.written(start);
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
        self.index.sheets.push(self.body.alike(sheet));
    }

    /// The index written.
    pub(crate) fn done(mut self) -> SearchIndex {
        // An open sheet with texts on it, even only empty ones.
        if self.index.firsts.len() > self.index.sheets.len() {
            self.close_sheet();
        }
        self.index
    }
}

impl SearchIndex {
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
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
            let last = self.firsts.get(number + 1).copied().unwrap_or(self.len());
            let mut start = 0;
            for &end in &self.ends[self.firsts[number]..last] {
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
    use std::sync::Arc;

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
        fn passed(&self, _: std::ops::Range<usize>) {
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
        // A copy of every text, in order, is the same index, and gives back what it read.
        given.store(0, Ordering::Relaxed);
        let mut copy = IndexWriter::beside(&body);
        for position in 0..index.len() {
            copy.copy(&index, position);
        }
        let copy = copy.done();
        assert_eq!(given.load(Ordering::Relaxed), index.sheets.len() - 1);
        assert_eq!(copy.ends, index.ends);
        assert_eq!(copy.firsts, index.firsts);
        assert_eq!(copy.matches("prompt 1234"), index.matches("prompt 1234"));
    }
}
