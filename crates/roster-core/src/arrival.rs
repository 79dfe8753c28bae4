//! A list's body as it arrives, compared on the way with the list the page already holds.
//!
//! Most refreshes find nothing changed. Kept whole, such a body is a second copy of the list in
//! memory (26 MB at 10,000 assistants) only to be compared and dropped. Compared as it comes,
//! nothing of it is kept while it matches; at the first byte that differs, what arrived so far is
//! rebuilt byte for byte from the list and the few bytes between its assistants, and the rest is
//! kept as it comes.

use std::sync::Arc;

use crate::decode::BOM;
use crate::list::OpenList;

/// A body being received.
pub struct Arrival {
    /// While every byte so far matches the held list; `None` once one differs (or with no list).
    matching: Option<Matching>,
    /// What is kept of the body: everything, once nothing is compared any more, but what was
    /// handed over (see [`Arrival::hand_over`]).
    body: Vec<u8>,
    /// The first byte that is not white space, once the bytes holding it were handed over.
    opening: Option<u8>,
    received: usize,
}

/// A body received in full.
pub enum Arrived {
    /// Exactly the held list's assistants, in order, with only white space (and a byte order
    /// mark) around them: the list, which decoding the body again would give.
    Same(Arc<OpenList>),
    /// Anything else, as sent.
    Body(Vec<u8>),
}

struct Matching {
    list: Arc<OpenList>,
    /// Every byte received outside the assistants (byte order mark, white space, brackets,
    /// commas): with the list's assistants, the body as sent so far.
    glue: Vec<u8>,
    /// Where in `glue` each assistant began.
    starts: Vec<usize>,
    /// Where the part of the list's body not given back yet begins (see `Body::give_back_from`):
    /// comparing a large list reads all of it.
    given_back: usize,
    next: Expect,
}

/// What the next byte may be.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Expect {
    /// The byte order mark's byte `.0`, or (at 0) the opening bracket or white space.
    Bom(usize),
    /// White space or `[`.
    Open,
    /// White space, or the first byte of assistant `.0`.
    Item(usize),
    /// Byte `at` of assistant `item`.
    Inside { item: usize, at: usize },
    /// `.0` assistants done: white space, then `,` (more to come) or `]` (all done).
    After(usize),
    /// White space only.
    End,
}

fn first_not_space(bytes: &[u8]) -> Option<u8> {
    bytes.iter().copied().find(|b| !b.is_ascii_whitespace())
}

fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
}

impl Arrival {
    /// A body that is only kept.
    pub fn new() -> Arrival {
        Arrival {
            matching: None,
            body: Vec::new(),
            opening: None,
            received: 0,
        }
    }

    /// A body compared with `list` as it arrives. Only a complete list is compared, so nothing
    /// it left out can hide in the body.
    pub fn against(list: Arc<OpenList>) -> Arrival {
        let matching = list.gaps().is_complete().then(|| Matching {
            list,
            glue: Vec::new(),
            starts: Vec::new(),
            given_back: 0,
            next: Expect::Bom(0),
        });
        Arrival {
            matching,
            ..Arrival::new()
        }
    }

    /// Room for `bytes` more, when the body is being kept.
    pub fn reserve(&mut self, bytes: usize) {
        if self.matching.is_none() {
            self.body.reserve(bytes);
        }
    }

    /// How many bytes have arrived.
    pub fn received(&self) -> usize {
        self.received
    }

    /// Takes the next chunk.
    pub fn push(&mut self, chunk: &[u8]) {
        self.received += chunk.len();
        let Some(matching) = self.matching.as_mut() else {
            self.body.extend_from_slice(chunk);
            return;
        };
        let matched = matching.take(chunk);
        if matched < chunk.len() {
            let matching = self.matching.take().expect("compared above");
            self.body = matching.rebuilt(self.received - chunk.len() + matched, chunk.len());
            self.body.extend_from_slice(&chunk[matched..]);
        }
    }

    /// How many bytes of the body are kept here: none while it matches the held list.
    pub fn kept(&self) -> usize {
        self.body.len()
    }

    /// Hands over the bytes kept so far, to be kept elsewhere (a large body goes to a file as it
    /// comes): the body is then those bytes, in the order handed over, followed by what
    /// [`Arrival::finish`] or [`Arrival::into_body`] gives.
    pub fn hand_over(&mut self) -> Vec<u8> {
        self.opening = self.opening.or_else(|| first_not_space(&self.body));
        std::mem::take(&mut self.body)
    }

    /// Whether the first byte that is not white space opens a web page (`<`): a wrong address.
    pub fn looks_like_a_page(&self) -> bool {
        // A body still matching began with `[` (or has only white space so far).
        self.matching.is_none()
            && self.opening.or_else(|| first_not_space(&self.body)) == Some(b'<')
    }

    /// The body received in full.
    pub fn finish(self) -> Arrived {
        match self.matching {
            Some(matching) if matching.next == Expect::End => Arrived::Same(matching.list),
            _ => Arrived::Body(self.into_body()),
        }
    }

    /// The body as sent, whatever it matched.
    pub fn into_body(self) -> Vec<u8> {
        let mut body = match self.matching {
            Some(matching) => matching.rebuilt(self.received, 0),
            None => self.body,
        };
        // A body grown as it came has slack; whoever keeps it should not keep that too.
        body.shrink_to_fit();
        body
    }
}

impl Default for Arrival {
    fn default() -> Self {
        Arrival::new()
    }
}

impl Matching {
    /// Compares `chunk` and answers how many of its bytes matched (all of them, or up to the
    /// first that differs).
    fn take(&mut self, chunk: &[u8]) -> usize {
        let count = self.list.len();
        let mut at = 0;
        while at < chunk.len() {
            let byte = chunk[at];
            match self.next {
                Expect::Bom(k) if byte == BOM[k] => {
                    self.next = if k + 1 == BOM.len() {
                        Expect::Open
                    } else {
                        Expect::Bom(k + 1)
                    };
                }
                Expect::Bom(0) => {
                    self.next = Expect::Open;
                    continue;
                }
                Expect::Bom(_) => return at,
                Expect::Open if byte == b'[' => {
                    self.next = if count == 0 {
                        Expect::After(0)
                    } else {
                        Expect::Item(0)
                    };
                }
                Expect::Item(item) if !is_space(byte) => {
                    self.starts.push(self.glue.len());
                    self.next = Expect::Inside { item, at: 0 };
                    continue;
                }
                Expect::Inside { item, at: done } => {
                    let want = &self.list.item_bytes(item)[done..];
                    let n = want.len().min(chunk.len() - at);
                    if want[..n] != chunk[at..at + n] {
                        let same = want.iter().zip(&chunk[at..]).take_while(|(a, b)| a == b);
                        let same = same.count();
                        self.next = Expect::Inside {
                            item,
                            at: done + same,
                        };
                        return at + same;
                    }
                    at += n;
                    self.next = if n == want.len() {
                        let end = self.list.item_range(item).end;
                        self.given_back = self.list.body().give_back_from(self.given_back, end);
                        Expect::After(item + 1)
                    } else {
                        Expect::Inside { item, at: done + n }
                    };
                    continue;
                }
                Expect::After(done) if byte == b',' && done < count => {
                    self.next = Expect::Item(done)
                }
                Expect::After(done) if byte == b']' && done == count => self.next = Expect::End,
                Expect::Open | Expect::Item(_) | Expect::After(_) | Expect::End
                    if is_space(byte) => {}
                _ => return at,
            }
            self.glue.push(byte);
            at += 1;
        }
        at
    }

    /// The `received` bytes that matched, as they were sent, with room for `more`.
    fn rebuilt(self, received: usize, more: usize) -> Vec<u8> {
        let (done, partial) = match self.next {
            Expect::Inside { item, at } => (item, at),
            Expect::Item(done) | Expect::After(done) => (done, 0),
            Expect::End => (self.list.len(), 0),
            Expect::Bom(_) | Expect::Open => (0, 0),
        };
        let mut body = Vec::with_capacity(received + more);
        let mut glue = 0;
        for (item, &start) in self.starts.iter().enumerate().take(done) {
            body.extend_from_slice(&self.glue[glue..start]);
            body.extend_from_slice(self.list.item_bytes(item));
            glue = start;
        }
        body.extend_from_slice(&self.glue[glue..]);
        if partial > 0 {
            body.extend_from_slice(&self.list.item_bytes(done)[..partial]);
        }
        debug_assert_eq!(body.len(), received);
        body
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(body: &[u8]) -> Arc<OpenList> {
        Arc::new(
            OpenList::open(crate::Body::shared(body.to_vec()))
                .unwrap()
                .list,
        )
    }

    /// `body` sent in chunks of `size` bytes; with `hand_over`, what is kept is handed over
    /// after each chunk and comes back first.
    fn arrive(list: &Arc<OpenList>, body: &[u8], size: usize, hand_over: bool) -> Arrived {
        let mut arrival = Arrival::against(Arc::clone(list));
        let mut handed = Vec::new();
        for chunk in body.chunks(size) {
            arrival.push(chunk);
            if hand_over {
                handed.extend(arrival.hand_over());
                assert_eq!(arrival.kept(), 0);
            }
        }
        assert_eq!(arrival.received(), body.len());
        match arrival.finish() {
            Arrived::Body(rest) => {
                handed.extend(rest);
                Arrived::Body(handed)
            }
            again => again,
        }
    }

    /// Whether `body`, in chunks of every size, is found to be `list` again; a body that is not
    /// comes back byte for byte, handed over as it comes or not.
    fn same(list: &Arc<OpenList>, body: &[u8]) -> bool {
        let sizes = 1..=body.len().max(1);
        let answers: Vec<bool> = sizes
            .flat_map(|size| [(size, false), (size, true)])
            .map(
                |(size, hand_over)| match arrive(list, body, size, hand_over) {
                    Arrived::Same(found) => {
                        assert!(Arc::ptr_eq(&found, list));
                        true
                    }
                    Arrived::Body(kept) => {
                        assert_eq!(kept, body, "chunks of {size}, handed over: {hand_over}");
                        false
                    }
                },
            )
            .collect();
        assert!(answers.iter().all(|&a| a == answers[0]), "{answers:?}");
        answers[0]
    }

    #[test]
    fn a_list_sent_again_unchanged_is_told_from_any_change() {
        let body = br#"[{"id":1,"name":"One"}, {"id":"2","name":"Two"}]"#;
        let held = list(body);
        for again in [
            &body[..],
            br#"[{"id":1,"name":"One"},{"id":"2","name":"Two"}]"#,
            b"\xEF\xBB\xBF \n[ {\"id\":1,\"name\":\"One\"}\r\n,\t{\"id\":\"2\",\"name\":\"Two\"} ] \n",
        ] {
            assert!(same(&held, again), "{}", String::from_utf8_lossy(again));
        }
        for changed in [
            &br#"[{"id":1,"name":"One"},{"id":"2","name":"Two!"}]"#[..],
            br#"[{"id":1,"name":"One"}]"#,
            br#"[{"id":1,"name":"One"},{"id":"2","name":"Two"},{"id":3}]"#,
            br#"[{"id":"2","name":"Two"},{"id":1,"name":"One"}]"#,
            br#"[{"id":1, "name":"One"},{"id":"2","name":"Two"}]"#,
            br#"{"data":[{"id":1,"name":"One"},{"id":"2","name":"Two"}]}"#,
            br#"[{"id":1,"name":"One"},{"id":"2","name":"Two"}] x"#,
            br#"[{"id":1,"name":"One"},{"id":"2","name":"Two"}"#,
            br#"[{"id":1,"name":"One"}{"id":"2","name":"Two"}]"#,
            br#"[{"id":1,"name":"One"},,{"id":"2","name":"Two"}]"#,
            b"\xEF\xBB[]",
            b"\xEF\xBB\xBF\xEF\xBB\xBF[]",
            b" <html>",
            b"",
        ] {
            assert!(
                !same(&held, changed),
                "{}",
                String::from_utf8_lossy(changed)
            );
        }
        // An empty list, and a list that left something out (never claimed the same).
        let empty = list(b"[]");
        assert!(same(&empty, b" [ ] "));
        assert!(!same(&empty, b"[,]") && !same(&empty, b"[ {} ]"));
        let partial = br#"[{"id":1,"name":"One"}, 5]"#;
        assert!(!same(&list(partial), partial));
    }

    #[test]
    fn what_is_not_compared_is_kept_as_sent() {
        let mut arrival = Arrival::new();
        arrival.reserve(4);
        for chunk in [&b" <ht"[..], b"ml>"] {
            arrival.push(chunk);
        }
        assert!(arrival.looks_like_a_page());
        assert_eq!(arrival.received(), 7);
        assert!(matches!(arrival.finish(), Arrived::Body(b) if b == b" <html>"));
        // Handed over, the page is still told: by its first bytes, however they were handed.
        for (first, then, page) in [
            (&b" \n"[..], &b"<html>"[..], true),
            (b" <", b"html>", true),
            (b" [", b"<", false),
        ] {
            let mut arrival = Arrival::new();
            arrival.push(first);
            assert_eq!(arrival.hand_over(), first);
            arrival.push(then);
            assert_eq!(arrival.looks_like_a_page(), page, "{first:?} {then:?}");
        }
        // Still matching: not a page, and the body as sent is there to be had.
        let held = list(br#"[{"id":1}]"#);
        let mut arrival = Arrival::against(Arc::clone(&held));
        arrival.push(b" [{\"id\"");
        assert!(!arrival.looks_like_a_page());
        assert_eq!(arrival.into_body(), b" [{\"id\"");
        // Differing from the first byte: a page.
        let mut arrival = Arrival::against(held);
        arrival.push(b"\n<!doctype html>");
        assert!(arrival.looks_like_a_page());
    }
}
