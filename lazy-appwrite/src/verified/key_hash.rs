//! The cache's hasher: a multiply-rotate hash over 8-byte words (the scheme of rustc's
//! `FxHasher`). The keys are a client's own database and table IDs, at most 36 bytes each,
//! not text an attacker chooses, so the flooding resistance of the standard `SipHash`
//! buys nothing here, and it costs several times as much on every warm call.

use std::hash::{BuildHasherDefault, Hasher};

/// Builds [`KeyHasher`]s.
pub(super) type BuildKeyHasher = BuildHasherDefault<KeyHasher>;

/// Odd, with its bits spread: the multiplier `FxHasher` uses on 64-bit targets.
const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

#[derive(Default)]
pub(super) struct KeyHasher(u64);

impl KeyHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use std::hash::BuildHasher;

    use super::*;

    #[test]
    fn different_keys_hash_apart_and_equal_keys_alike() {
        let build = BuildKeyHasher::default();
        let hash = |key: (&str, &str)| build.hash_one(key);
        assert_eq!(hash(("shop", "books")), hash(("shop", "books")));
        let keys = [
            ("shop", "books"),
            ("shop", "book"),
            ("sho", "pbooks"),
            ("books", "shop"),
        ];
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert_ne!(hash(*a), hash(*b), "{a:?} {b:?}");
            }
        }
    }
}
