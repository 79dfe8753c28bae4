//! The search: the folded text of every assistant (see [`crate::fold`]), scanned for the query.

use crate::fold::fold_into;
use crate::model::Assistant;

/// Folded search text of every assistant: a search is one fast substring scan per assistant,
/// no allocation.
#[derive(Debug, Default)]
pub(crate) struct SearchIndex {
    texts: Vec<Box<str>>,
}

impl SearchIndex {
    /// Adds the next assistant's text.
    pub(crate) fn push(&mut self, a: &Assistant) {
        self.texts.push(search_text(a));
    }

    /// Adds the next assistant's text, made already.
    pub(crate) fn push_text(&mut self, text: Box<str>) {
        self.texts.push(text);
    }

    pub(crate) fn len(&self) -> usize {
        self.texts.len()
    }

    /// The search text of the assistant at `position`.
    pub(crate) fn text_of(&self, position: usize) -> &str {
        &self.texts[position]
    }

    /// Takes the search text at `position` out, leaving it empty.
    pub(crate) fn take(&mut self, position: usize) -> Box<str> {
        std::mem::take(&mut self.texts[position])
    }

    /// Puts `text` at `position`.
    pub(crate) fn set(&mut self, position: usize, text: Box<str>) {
        self.texts[position] = text;
    }

    /// One byte per assistant, 1 where its text holds `query` (trimmed, folded); all 1 for an
    /// empty query.
    pub(crate) fn matches(&self, query: &str) -> Vec<u8> {
        // Folded exactly like the texts.
        let query = crate::fold::folded(query.trim());
        if query.is_empty() {
            return vec![1; self.texts.len()];
        }
        let finder = memchr::memmem::Finder::new(query.as_bytes());
        self.texts
            .iter()
            .map(|text| u8::from(finder.find(text.as_bytes()).is_some()))
            .collect()
    }
}

/// The folded search text of an assistant (name, id, greeting, prompt, variable values),
/// each field after a NUL so a match never spans two of them.
pub fn search_text(a: &Assistant) -> Box<str> {
    let fields = [&a.name, &a.id, &a.initial_message, &a.system_prompt];
    let texts = fields
        .into_iter()
        .filter_map(|f| f.as_deref())
        .chain(a.variables.iter().map(|(_, value)| value.as_str()))
        .filter(|t| !t.is_empty());
    let mut text = String::new();
    for field in texts {
        text.push('\0');
        fold_into(&mut text, field);
    }
    text.into_boxed_str()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::assistant;

    fn index_of(assistants: &[Assistant]) -> SearchIndex {
        let mut index = SearchIndex::default();
        for a in assistants {
            index.push(a);
        }
        index
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
        assert_eq!(index.text_of(2), "");
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
}
