//! Text as the rules read it: split into sentences, each a list of words folded so that case,
//! accents and spacing make no difference ("Künstliche  INTELLIGENZ" is "kunstliche intelligenz").
//! Phrases are folded the same way and matched word by word, so "ai" never matches inside
//! "said", and a manager's phrase needs no regular expression.

use unicode_normalization::char::is_combining_mark;

/// One sentence of a text: where it is in the text, and which of the text's words are in it.
#[derive(Debug, Clone)]
pub(crate) struct Sentence {
    /// Byte range of the sentence in the original text (for showing it as evidence).
    pub start: usize,
    pub end: usize,
    /// Its words' places in [`Words::spans`].
    words: std::ops::Range<usize>,
}

/// A text split into sentences of folded words. The words share one buffer: a 2 KB prompt is
/// some 300 words, and 10,000 prompts are checked at once.
#[derive(Debug, Clone, Default)]
pub(crate) struct Words {
    folded: String,
    spans: Vec<(u32, u32)>,
    pub sentences: Vec<Sentence>,
}

impl Words {
    /// Splits `text` at sentence ends (`.`, `!`, `?`, `؟`, `;`, line breaks) and folds each word.
    /// `{{placeholders}}` stay words of their own (`{{company_name}}` is `company_name`).
    pub fn of(text: &str) -> Words {
        let mut words = Words::default();
        words.read(text);
        words
    }

    /// [`Words::of`] into buffers already there: checking a list reads 20,000 texts, and
    /// reusing one `Words` for each kind saves their allocations.
    pub fn read(&mut self, text: &str) {
        let words = self;
        words.folded.clear();
        words.spans.clear();
        words.sentences.clear();
        let mut sentence_start = 0;
        let mut first_word = 0;
        let mut word_start = 0;
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let b = bytes[at];
            // Most text is runs of ASCII letters: copied and lowered at once (a prompt is ~2 KB,
            // and 10,000 of them are read after each paint).
            if is_ascii_word_byte(b) {
                let run = bytes[at..]
                    .iter()
                    .position(|&b| !is_ascii_word_byte(b))
                    .unwrap_or(bytes.len() - at);
                let from = words.folded.len();
                words.folded.push_str(&text[at..at + run]);
                words.folded[from..].make_ascii_lowercase();
                at += run;
                continue;
            }
            let (c, width) = if b.is_ascii() {
                (b as char, 1)
            } else {
                let c = text[at..].chars().next().expect("a char starts here");
                (c, c.len_utf8())
            };
            let sentence_end = matches!(c, '.' | '!' | '?' | '؟' | ';' | '\n' | '。' | '¡' | '¿');
            if b.is_ascii() || sentence_end || !fold_word_char(&mut words.folded, c) {
                // A dot inside a number or an address ("3.5", "acme.com") does not end a sentence.
                let inner_dot = c == '.'
                    && words.folded.len() > word_start
                    && text[at + 1..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric);
                words.end_word(&mut word_start);
                if sentence_end && !inner_dot {
                    words.end_sentence(&mut sentence_start, &mut first_word, at + width);
                }
            }
            at += width;
        }
        words.end_word(&mut word_start);
        words.end_sentence(&mut sentence_start, &mut first_word, text.len());
    }

    fn end_word(&mut self, word_start: &mut usize) {
        if self.folded.len() > *word_start {
            self.spans
                .push((*word_start as u32, self.folded.len() as u32));
        }
        *word_start = self.folded.len();
    }

    fn end_sentence(&mut self, start: &mut usize, first_word: &mut usize, end: usize) {
        if self.spans.len() > *first_word {
            self.sentences.push(Sentence {
                start: *start,
                end,
                words: *first_word..self.spans.len(),
            });
        }
        *first_word = self.spans.len();
        *start = end;
    }

    /// The folded words of sentence `index`.
    pub fn sentence_words(&self, index: usize) -> Vec<&str> {
        let mut words = Vec::new();
        self.sentence_words_into(index, &mut words);
        words
    }

    /// The folded words of sentence `index`, in `words` (emptied first): one buffer for every
    /// sentence of a prompt instead of one allocation each.
    pub fn sentence_words_into<'a>(&'a self, index: usize, words: &mut Vec<&'a str>) {
        words.clear();
        if let Some(s) = self.sentences.get(index) {
            words.extend(
                self.spans[s.words.clone()]
                    .iter()
                    .map(|&(a, b)| &self.folded[a as usize..b as usize]),
            );
        }
    }

    /// Every folded word, in order.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        self.spans
            .iter()
            .map(|&(a, b)| &self.folded[a as usize..b as usize])
    }

    /// How many words the text has.
    pub fn count(&self) -> usize {
        self.spans.len()
    }
}

/// ASCII letters, digits and `_` make words; any other ASCII mark separates them ("don't" is
/// "don t", the braces of placeholders are not part of their names).
fn is_ascii_word_byte(b: u8) -> bool {
    // A table: one load per byte where the three ranges and `_` take four comparisons.
    const WORD_BYTES: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 128 {
            table[b] = (b as u8).is_ascii_alphanumeric() || b as u8 == b'_';
            b += 1;
        }
        table
    };
    WORD_BYTES[b as usize]
}

/// Adds the non-ASCII `c` to `word` folded (see [`crate::fold`]); answers false when `c` is not
/// part of a word (space, punctuation).
fn fold_word_char(word: &mut String, c: char) -> bool {
    if !(c.is_alphanumeric() || is_combining_mark(c)) {
        return false;
    }
    crate::fold::fold_char(word, c);
    true
}

/// A phrase folded into words, with the same rules as a text; empty when it has no word.
pub(crate) fn phrase_words(phrase: &str) -> Vec<String> {
    Words::of(phrase).all().map(str::to_owned).collect()
}

/// Arabic attaches "and", "with", "for", "as" and "the" to the word that follows
/// ("بالذكاء" is "with the intelligence"): the rules match the word without them.
pub(crate) fn bare_arabic(word: &str) -> &str {
    let starts_arabic = word
        .chars()
        .next()
        .is_some_and(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
    if !starts_arabic {
        return word;
    }
    for prefix in ["وبال", "فبال", "وال", "فال", "بال", "كال", "لل", "ال"] {
        if let Some(rest) = word.strip_prefix(prefix) {
            if rest.chars().count() >= 2 {
                return rest;
            }
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Vec<String>> {
        let found = Words::of(text);
        (0..found.sentences.len())
            .map(|i| {
                found
                    .sentence_words(i)
                    .into_iter()
                    .map(str::to_owned)
                    .collect()
            })
            .collect()
    }

    #[test]
    fn case_accents_and_spacing_make_no_difference() {
        assert_eq!(
            words("Künstliche   INTELLIGENZ! Não, senhor. Yapay ZEKÂ, DİKKAT ı"),
            [
                vec!["kunstliche", "intelligenz"],
                vec!["nao", "senhor"],
                vec!["yapay", "zeka", "dikkat", "i"],
            ]
        );
        assert_eq!(
            words("Don't call {{company_name}}"),
            [vec!["don", "t", "call", "company_name"]]
        );
        assert_eq!(
            words("Visit acme.com at 3.5 pm."),
            [vec!["visit", "acme", "com", "at", "3", "5", "pm"]]
        );
        // Arabic with its vowel marks and letter forms, and a Bulgarian й.
        assert_eq!(words("مُساعِدٌ آليّ"), words("مساعد الي"));
        assert_eq!(words("Здравейте"), [vec!["здравеите"]]);
    }

    #[test]
    fn sentences_keep_their_place_in_the_text() {
        let text = "Hi John! This is Ana from Acme.\nHow are you?";
        let found = Words::of(text);
        let shown: Vec<&str> = found
            .sentences
            .iter()
            .map(|s| text[s.start..s.end].trim())
            .collect();
        assert_eq!(
            shown,
            ["Hi John!", "This is Ana from Acme.", "How are you?"]
        );
        assert_eq!(found.count(), 10);
    }

    #[test]
    fn arabic_words_lose_attached_articles() {
        assert_eq!(bare_arabic("بالذكاء"), "ذكاء");
        assert_eq!(bare_arabic("الاصطناعي"), "اصطناعي");
        assert_eq!(bare_arabic("ال"), "ال");
        assert_eq!(bare_arabic("alpha"), "alpha");
    }
}
