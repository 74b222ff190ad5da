//! The SHA-256 of the bytes an import read, taken as they are read: a pipe cannot be read
//! twice, and a file hashed before reading could change between the two.

use std::io::Read;
use std::sync::{Arc, Mutex, PoisonError};

use sha2::{Digest, Sha256};

/// A running SHA-256 that readers made by [`ReadDigest::reader`] feed; clones share it.
#[derive(Debug, Clone, Default)]
pub struct ReadDigest(Arc<Mutex<Sha256>>);

impl ReadDigest {
    pub fn reader<R: Read>(&self, inner: R) -> Digesting<R> {
        Digesting {
            inner,
            digest: self.clone(),
        }
    }

    pub fn update(&self, bytes: &[u8]) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .update(bytes);
    }

    /// Forgets what was read so far: the digest starts again from no bytes.
    pub fn restart(&self) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = Sha256::new();
    }

    /// The digest of everything read so far, as 64 lowercase hex digits.
    pub fn hex(&self) -> String {
        let state = self
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        state
            .finalize()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }
}

pub struct Digesting<R> {
    inner: R,
    digest: ReadDigest,
}

impl<R: Read> Read for Digesting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let read = self.inner.read(buf)?;
        self.digest.update(&buf[..read]);
        Ok(read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_what_was_read() {
        let digest = ReadDigest::default();
        let mut text = String::new();
        digest
            .reader(&b"abc"[..])
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "abc");
        assert_eq!(
            digest.hex(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
