//! SHA-256 of bytes as lower-case hex: how archives, their manifests and the identity registry
//! record files (`sha256sum` writes and checks the same).

use std::fmt::Write as _;

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
