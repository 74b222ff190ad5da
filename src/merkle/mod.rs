//! Merkle tree math of RFC 9162 (Certificate Transparency 2.0), §2.1: the tree hash, inclusion
//! proofs and consistency proofs, and their verification. Pure: hashes in, hashes out.
//!
//! - a leaf's hash is `SHA-256(0x00 || entry)`, an inner node's `SHA-256(0x01 || left || right)`;
//! - the tree of `n > 1` leaves splits at `k`, the largest power of two below `n`: the left
//!   subtree holds the first `k` leaves, the right one the rest; the empty tree's hash is
//!   `SHA-256("")`.
//!
//! Proof generation takes the leaf hashes of the whole tree and computes the subtree hashes it
//! needs on demand: `O(n)` hashing, a second for a few million leaves. Verification is
//! `O(log n)` and needs nothing but the proof.

use std::fmt;
use std::str::FromStr;

use sha2::{Digest, Sha256};

pub type Hash = [u8; 32];

pub fn leaf_hash(entry: &[u8]) -> Hash {
    let mut hasher = Sha256::new();
    hasher.update([0u8]);
    hasher.update(entry);
    hasher.finalize().into()
}

pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut hasher = Sha256::new();
    hasher.update([1u8]);
    hasher.update(left);
    hasher.update(right);
    hasher.finalize().into()
}

pub fn empty_root() -> Hash {
    Sha256::digest(b"").into()
}

/// The right edge of a tree: the roots of its perfect subtrees, largest first, one per set bit
/// of its size. Appending a leaf and taking the root are `O(log n)`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Frontier {
    /// (height, hash): a subtree of `2^height` leaves.
    nodes: Vec<(u32, Hash)>,
    size: u64,
}

impl Frontier {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn size(&self) -> u64 {
        self.size
    }

    pub fn push(&mut self, leaf: Hash) {
        let mut node = (0, leaf);
        while let Some(&(height, left)) = self.nodes.last() {
            if height != node.0 {
                break;
            }
            self.nodes.pop();
            node = (height + 1, node_hash(&left, &node.1));
        }
        self.nodes.push(node);
        self.size += 1;
    }

    /// The tree hash: the perfect subtrees joined from the right, as the split rule nests them.
    pub fn root(&self) -> Hash {
        let mut nodes = self.nodes.iter().rev();
        let Some(&(_, last)) = nodes.next() else {
            return empty_root();
        };
        nodes.fold(last, |right, (_, left)| node_hash(left, &right))
    }
}

/// The tree hash of these leaf hashes (RFC 9162's `MTH`).
pub fn root(leaves: &[Hash]) -> Hash {
    let mut frontier = Frontier::new();
    for leaf in leaves {
        frontier.push(*leaf);
    }
    frontier.root()
}

/// The largest power of two below `n` (`n >= 2`).
fn split(n: usize) -> usize {
    1 << (usize::BITS - 1 - (n - 1).leading_zeros())
}

/// The audit path of leaf `index` in the tree of `leaves` (RFC 9162 §2.1.3.1, `PATH`), nearest
/// sibling first.
pub fn inclusion_proof(leaves: &[Hash], index: usize) -> Option<Vec<Hash>> {
    if index >= leaves.len() {
        return None;
    }
    let mut path = Vec::new();
    let (mut leaves, mut index) = (leaves, index);
    while leaves.len() > 1 {
        let k = split(leaves.len());
        if index < k {
            path.push(root(&leaves[k..]));
            leaves = &leaves[..k];
        } else {
            path.push(root(&leaves[..k]));
            leaves = &leaves[k..];
            index -= k;
        }
    }
    path.reverse();
    Some(path)
}

/// Whether `proof` shows `leaf` at `index` in the tree of `size` leaves whose hash is `root`
/// (RFC 9162 §2.1.3.2).
pub fn verify_inclusion(index: u64, size: u64, leaf: &Hash, proof: &[Hash], root: &Hash) -> bool {
    if index >= size {
        return false;
    }
    let (mut f, mut s) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if s == 0 {
            return false;
        }
        if f & 1 == 1 || f == s {
            r = node_hash(p, &r);
            if f & 1 == 0 {
                while f & 1 == 0 && f != 0 {
                    f >>= 1;
                    s >>= 1;
                }
            }
        } else {
            r = node_hash(&r, p);
        }
        f >>= 1;
        s >>= 1;
    }
    s == 0 && r == *root
}

/// The proof that the tree of the first `old_size` leaves is a prefix of the tree of all
/// `leaves` (RFC 9162 §2.1.4.1, `PROOF`).
pub fn consistency_proof(leaves: &[Hash], old_size: usize) -> Option<Vec<Hash>> {
    if old_size > leaves.len() {
        return None;
    }
    if old_size == 0 {
        return Some(Vec::new());
    }
    let mut proof = Vec::new();
    let (mut leaves, mut m, mut whole) = (leaves, old_size, true);
    // SUBPROOF unrolled: each step descends into one subtree and records the other's hash.
    while m != leaves.len() {
        let k = split(leaves.len());
        if m <= k {
            proof.push(root(&leaves[k..]));
            leaves = &leaves[..k];
        } else {
            proof.push(root(&leaves[..k]));
            leaves = &leaves[k..];
            m -= k;
            whole = false;
        }
    }
    if !whole {
        proof.push(root(leaves));
    }
    proof.reverse();
    Some(proof)
}

/// Whether `proof` shows the tree of `old_size` leaves with hash `old_root` to be a prefix of
/// the tree of `new_size` leaves with hash `new_root` (RFC 9162 §2.1.4.2; a tree is
/// consistent with itself and with the empty tree by an empty proof).
pub fn verify_consistency(
    old_size: u64,
    new_size: u64,
    old_root: &Hash,
    new_root: &Hash,
    proof: &[Hash],
) -> bool {
    if old_size > new_size {
        return false;
    }
    if old_size == new_size {
        return proof.is_empty() && old_root == new_root;
    }
    if old_size == 0 {
        return proof.is_empty() && *old_root == empty_root();
    }
    if proof.is_empty() {
        return false;
    }
    let mut path: Vec<Hash> = Vec::with_capacity(proof.len() + 1);
    if old_size.is_power_of_two() {
        path.push(*old_root);
    }
    path.extend_from_slice(proof);
    let (mut f, mut s) = (old_size - 1, new_size - 1);
    while f & 1 == 1 {
        f >>= 1;
        s >>= 1;
    }
    let (mut fr, mut sr) = (path[0], path[0]);
    for c in &path[1..] {
        if s == 0 {
            return false;
        }
        if f & 1 == 1 || f == s {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            if f & 1 == 0 {
                while f & 1 == 0 && f != 0 {
                    f >>= 1;
                    s >>= 1;
                }
            }
        } else {
            sr = node_hash(&sr, c);
        }
        f >>= 1;
        s >>= 1;
    }
    fr == *old_root && sr == *new_root && s == 0
}

pub fn to_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut hex = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        hex.push(char::from(HEX[usize::from(byte >> 4)]));
        hex.push(char::from(HEX[usize::from(byte & 0xf)]));
    }
    hex
}

/// Bytes from hex digits (either case); `None` unless every pair is a byte.
pub fn from_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
}

pub fn hash_from_hex(text: &str) -> Option<Hash> {
    from_hex(text)?.try_into().ok()
}

/// A published head: the tree's size and root, written `SIZE:ROOT` with the root as 64
/// lowercase hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Head {
    pub size: u64,
    pub root: Hash,
}

impl fmt::Display for Head {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.size, to_hex(&self.root))
    }
}

impl FromStr for Head {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        let wrong = || format!("head {text:?} is not SIZE:ROOT (e.g. 12:3f0a…, 64 hex digits)");
        let (size, root) = text.split_once(':').ok_or_else(wrong)?;
        let size = size.parse::<u64>().map_err(|_| wrong())?;
        let root = hash_from_hex(root).ok_or_else(wrong)?;
        Ok(Head { size, root })
    }
}

#[cfg(test)]
mod tests;
