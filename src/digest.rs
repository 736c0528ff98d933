//! Digests: SHA-256 of bytes as lower-case hex, how archives, their manifests and the identity
//! registry record files (`sha256sum` writes and checks the same); and the 64-bit keys a rebuild
//! compares to know what is unchanged.

use std::fmt::Write as _;
use std::hash::{BuildHasher, Hash};

use sha2::{Digest, Sha256};

/// Lower-case hex SHA-256 of bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// A 64-bit key of a value: foldhash with a fixed seed, so keys compare between builds of one
/// process. Keys are made for every notice on every rebuild (SipHash was a tenth of a rebuild)
/// and never face input made to collide.
pub fn key<T: Hash + ?Sized>(value: &T) -> u64 {
    foldhash::quality::FixedState::with_seed(0x676f_6e67_6b61_6921).hash_one(value)
}
