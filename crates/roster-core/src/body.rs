//! A list's body as the platform sent it, wherever its holder keeps it.
//!
//! The open list reads its assistants from the body for as long as it is shown. A small body
//! stays in memory; the app keeps a large one in a file it maps, whose pages the system can drop
//! and read again. So that reading a whole body (decoding it, checking the rules, recording it)
//! does not bring all of it into memory at once, each pass over it tells the holder which
//! stretches it is done with, and the holder may give their memory back.

use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

/// Where a body's bytes are kept.
///
/// # Safety
/// `bytes` answers the same bytes every time: the list checks a body's text once and then reads
/// it as text.
pub unsafe trait Keep: Send + Sync + 'static {
    /// The bytes, in full.
    fn bytes(&self) -> &[u8];

    /// A pass is done with `range` for now. The bytes must stay readable: a holder may only
    /// give back memory it can fill again with the same bytes.
    fn passed(&self, range: Range<usize>) {
        let _ = range;
    }

    /// `bytes` made from this body (a list's search texts), kept the way this body is kept.
    fn keep_alike(&self, bytes: Vec<u8>) -> Box<dyn Keep> {
        Box::new(bytes)
    }
}

// SAFETY: nothing changes a vector behind a shared reference.
unsafe impl Keep for Vec<u8> {
    fn bytes(&self) -> &[u8] {
        self
    }
}

/// A list's body: its bytes as sent, wherever they are kept.
pub struct Body(Box<dyn Keep>);

/// How far a pass reads before it gives back what it has read: small next to a large body, large
/// enough that the calls cost nothing.
pub(crate) const STRETCH: usize = 8 << 20;

impl Body {
    /// A body kept by `kept`.
    pub fn new(kept: impl Keep) -> Body {
        Body(Box::new(kept))
    }

    /// Calls `each` with the body in order, a stretch at a time, giving each back once read.
    pub fn read_through(&self, mut each: impl FnMut(&[u8])) {
        let mut pass = self.pass(0);
        for (index, stretch) in self.chunks(STRETCH).enumerate() {
            each(stretch);
            pass.at(index * STRETCH + stretch.len());
        }
    }

    /// Gives back the bytes from `from` up to `to`, if that is a stretch or more; answers where
    /// the part not given back now begins. For a pass that cannot hold a [`Pass`].
    pub(crate) fn give_back_from(&self, from: usize, to: usize) -> usize {
        if to < from + STRETCH {
            return from;
        }
        self.0.passed(from..to);
        to
    }

    /// Gives back the whole body: a pass over all of it is done.
    pub(crate) fn give_back(&self) {
        self.0.passed(0..self.len());
    }

    /// `bytes` made from this body, kept the way it is kept.
    pub(crate) fn alike(&self, bytes: Vec<u8>) -> Body {
        Body(self.0.keep_alike(bytes))
    }

    /// A pass moving forward from `from`.
    pub(crate) fn pass(&self, from: usize) -> Pass<'_> {
        Pass {
            body: self,
            from,
            reached: from,
        }
    }

    /// A body kept in memory, to share.
    pub fn shared(bytes: Vec<u8>) -> Arc<Body> {
        Arc::new(Body::from(bytes))
    }
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Body {
        Body::new(bytes)
    }
}

impl Deref for Body {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        self.0.bytes()
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Body({} bytes)", self.len())
    }
}

/// A pass over part of a body, moving forward: each stretch it leaves behind is given back, and
/// what it read last when it ends.
pub(crate) struct Pass<'a> {
    body: &'a Body,
    /// Where the part not given back yet begins.
    from: usize,
    /// The furthest the pass has read.
    reached: usize,
}

impl Pass<'_> {
    /// The pass has read up to `offset` (a point behind it changes nothing).
    pub(crate) fn at(&mut self, offset: usize) {
        self.reached = self.reached.max(offset);
        self.from = self.body.give_back_from(self.from, self.reached);
    }
}

impl Drop for Pass<'_> {
    fn drop(&mut self) {
        if self.reached > self.from {
            self.body.0.passed(self.from..self.reached);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// Bytes in memory that note every stretch given back.
    struct Noting(Vec<u8>, Arc<Mutex<Vec<Range<usize>>>>);

    // SAFETY: as for a vector.
    unsafe impl Keep for Noting {
        fn bytes(&self) -> &[u8] {
            &self.0
        }
        fn passed(&self, range: Range<usize>) {
            self.1.lock().unwrap().push(range);
        }
    }

    #[test]
    fn a_pass_gives_back_each_stretch_behind_it_once_and_the_rest_at_its_end() {
        let noted = Arc::new(Mutex::new(Vec::new()));
        let len = 2 * STRETCH + 5;
        let body = Body::new(Noting(vec![7; len], Arc::clone(&noted)));
        let mut read = 0;
        body.read_through(|stretch| read += stretch.len());
        assert_eq!(read, len);
        let given = noted.lock().unwrap().clone();
        assert_eq!(given, [0..STRETCH, STRETCH..2 * STRETCH, 2 * STRETCH..len]);
        noted.lock().unwrap().clear();
        {
            let mut pass = body.pass(10);
            pass.at(20);
            pass.at(15);
            assert!(noted.lock().unwrap().is_empty(), "less than a stretch read");
        }
        assert_eq!(
            noted.lock().unwrap().as_slice(),
            &[Range { start: 10, end: 20 }]
        );
    }
}
