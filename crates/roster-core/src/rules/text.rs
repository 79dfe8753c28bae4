//! Text as the rules read it: split into sentences, each a list of words folded so that case,
//! accents and spacing make no difference ("Künstliche  INTELLIGENZ" is "kunstliche intelligenz").
//! Phrases are folded the same way and matched word by word, so "ai" never matches inside
//! "said", and a manager's phrase needs no regular expression.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

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
        let mut words = Words {
            folded: String::with_capacity(text.len()),
            spans: Vec::with_capacity(text.len() / 5),
            sentences: Vec::new(),
        };
        let mut sentence_start = 0;
        let mut first_word = 0;
        let mut word_start = 0;
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let b = bytes[at];
            let (c, width) = if b.is_ascii() {
                (b as char, 1)
            } else {
                let c = text[at..].chars().next().expect("a char starts here");
                (c, c.len_utf8())
            };
            let in_word = words.folded.len() > word_start;
            let sentence_end = matches!(c, '.' | '!' | '?' | '؟' | ';' | '\n' | '。' | '¡' | '¿');
            // A dot inside a number or an address ("3.5", "acme.com") does not end a sentence.
            let inner_dot = c == '.'
                && in_word
                && text[at + 1..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            let kept = if b.is_ascii_alphanumeric() || b == b'_' {
                words.folded.push(b.to_ascii_lowercase() as char);
                true
            } else if b.is_ascii() {
                false
            } else {
                !sentence_end && fold_into(&mut words.folded, c)
            };
            if !kept {
                words.end_word(&mut word_start);
                if sentence_end && !inner_dot {
                    words.end_sentence(&mut sentence_start, &mut first_word, at + width);
                }
            }
            at += width;
        }
        words.end_word(&mut word_start);
        words.end_sentence(&mut sentence_start, &mut first_word, text.len());
        words
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
        self.sentences
            .get(index)
            .map(|s| {
                self.spans[s.words.clone()]
                    .iter()
                    .map(|&(a, b)| &self.folded[a as usize..b as usize])
                    .collect()
            })
            .unwrap_or_default()
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

/// Adds `c` to `word` folded (lower case, no accents, Arabic letter forms made one); answers
/// false when `c` is not part of a word (space, punctuation).
fn fold_into(word: &mut String, c: char) -> bool {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() || c == '_' {
            word.push(c.to_ascii_lowercase());
            return true;
        }
        // "don't" is "don t"; braces of placeholders and other marks separate words.
        return false;
    }
    if !(c.is_alphanumeric() || is_combining_mark(c)) {
        return false;
    }
    match c {
        // Turkish dotless i, and Arabic letters written in several forms.
        'ı' => word.push('i'),
        'ة' => word.push('ه'),
        'ى' => word.push('ي'),
        'ـ' => {} // tatweel, a stretch of the line
        _ => {
            for lower in c.to_lowercase() {
                for part in std::iter::once(lower).nfkd() {
                    if !is_combining_mark(part) {
                        word.push(part);
                    }
                }
            }
        }
    }
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
