//! Line numbers for messages, whatever ends a file's lines: LF, CRLF (Python's csv module and
//! Metaculus write it) or a lone CR (old Mac files). The csv crate's own count lags one line
//! behind on CRLF and never moves on CR, so readers count for themselves.

use std::collections::VecDeque;
use std::io::{self, Read};

/// A reader that notes where each line ends as the bytes go by, so that the byte offset of a
/// record read from it can be told as the line the record starts on.
pub struct Counted<R> {
    inner: R,
    /// Bytes read so far.
    read: u64,
    /// Whether the last byte read was a CR (a LF right after it ends no second line).
    after_cr: bool,
    /// The offsets just past line ends not yet passed by [`Counted::line_at`].
    ends: VecDeque<u64>,
    /// Line ends already passed.
    passed: usize,
}

impl<R> Counted<R> {
    pub fn new(inner: R) -> Self {
        Self {
            inner,
            read: 0,
            after_cr: false,
            ends: VecDeque::new(),
            passed: 0,
        }
    }

    /// The line (from 1) the byte at `offset` is on. Offsets asked for must not go down,
    /// which holds for records read in order; memory then holds only the line ends of the
    /// bytes read ahead. A CRLF counts as ending at its CR, so an offset pointing at its LF
    /// is already on the next line.
    pub fn line_at(&mut self, offset: u64) -> usize {
        while self.ends.front().is_some_and(|&end| end <= offset) {
            self.ends.pop_front();
            self.passed += 1;
        }
        self.passed + 1
    }
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        for (at, &byte) in (self.read..).zip(&buf[..n]) {
            if byte == b'\r' || (byte == b'\n' && !self.after_cr) {
                self.ends.push_back(at + 1);
            }
            self.after_cr = byte == b'\r';
        }
        self.read += n as u64;
        Ok(n)
    }
}

/// Where each line of a text in memory starts, for telling a byte offset as a line.
pub struct Starts(Vec<usize>);

impl Starts {
    pub fn of(bytes: &[u8]) -> Self {
        let mut starts = vec![0];
        for (at, &byte) in bytes.iter().enumerate() {
            let ends = byte == b'\n' || (byte == b'\r' && bytes.get(at + 1) != Some(&b'\n'));
            if ends {
                starts.push(at + 1);
            }
        }
        Starts(starts)
    }

    /// The line (from 1) the byte at `offset` is on.
    pub fn line_at(&self, offset: usize) -> usize {
        self.0.partition_point(|&start| start <= offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn lines_of(text: &[u8], offsets: &[u64]) -> Vec<usize> {
        let mut counted = Counted::new(text);
        let mut sink = Vec::new();
        counted.read_to_end(&mut sink).unwrap();
        offsets.iter().map(|&o| counted.line_at(o)).collect()
    }

    #[test]
    fn lf_crlf_and_cr_all_end_lines() {
        // Offsets of "b" on each of the three files.
        assert_eq!(lines_of(b"a\nb\n", &[0, 2]), vec![1, 2]);
        assert_eq!(lines_of(b"a\r\nb\r\n", &[0, 2, 3]), vec![1, 2, 2]);
        assert_eq!(lines_of(b"a\rb\r", &[0, 2]), vec![1, 2]);
        assert_eq!(lines_of(b"a\r\n\r\nb", &[5]), vec![3]);
    }

    #[test]
    fn a_crlf_split_between_two_reads_is_one_line_end() {
        let mut counted = Counted::new(io::Read::chain(&b"a\r"[..], &b"\nb"[..]));
        let mut sink = Vec::new();
        counted.read_to_end(&mut sink).unwrap();
        assert_eq!(counted.line_at(3), 2);
    }

    proptest! {
        /// The streamed count and the in-memory one agree, and both agree with counting the
        /// lines of the text before the offset, whatever mix of line ends it has.
        #[test]
        fn counts_agree(parts in proptest::collection::vec(("[a-c]{0,3}", 0..3usize), 0..20)) {
            let ends = ["\n", "\r\n", "\r"];
            let text: String = parts.iter().map(|(s, e)| format!("{s}{}", ends[*e])).collect();
            let starts = Starts::of(text.as_bytes());
            let offsets: Vec<u64> = (0..=text.len() as u64).collect();
            let streamed = lines_of(text.as_bytes(), &offsets);
            for offset in 0..=text.len() {
                let before = &text[..offset];
                let expected = 1 + before.replace("\r\n", "\n").matches(['\n', '\r']).count();
                // An offset on the LF of a CRLF is on the line after it.
                let on_lf_of_crlf = offset > 0 && text.as_bytes()[offset - 1] == b'\r'
                    && text.as_bytes().get(offset) == Some(&b'\n');
                prop_assert_eq!(streamed[offset], expected);
                if !on_lf_of_crlf {
                    prop_assert_eq!(starts.line_at(offset), expected);
                }
            }
        }
    }
}
