//! Share links: the whole document (text, annotations, edits) packed into
//! the URL's fragment, which browsers never send to a server.
//!
//! `#doc=` + base64url(deflate(`Document::to_json`)). A fragment longer
//! than [`MAX_FRAGMENT`] is refused with a message: such links break in
//! mail clients and chat apps; export a file instead.

use sift_core::doc::Document;

/// The longest fragment a link may carry (32 KB).
pub const MAX_FRAGMENT: usize = 32 * 1024;

/// The fragment's prefix.
pub const PREFIX: &str = "#doc=";

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64url without padding.
pub fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// Reads base64url (padding and the standard `+/` alphabet tolerated).
pub fn from_base64url(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.trim_end_matches('=').bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// The fragment for `doc`, or a message when it is too long for a link.
pub fn encode(doc: &Document) -> Result<String, String> {
    let packed = miniz_oxide::deflate::compress_to_vec(doc.to_json().as_bytes(), 9);
    let fragment = format!("{PREFIX}{}", base64url(&packed));
    if fragment.len() > MAX_FRAGMENT {
        return Err(format!(
            "This document is too long for a link ({} KB packed; links carry up to {} KB). Export it as a file instead.",
            fragment.len().div_ceil(1024),
            MAX_FRAGMENT / 1024
        ));
    }
    Ok(fragment)
}

/// The document in a fragment (`#doc=…`), `None` when the fragment is not
/// a share link, or a message when it is one but is damaged.
pub fn decode(fragment: &str) -> Option<Result<Document, String>> {
    let body = fragment.strip_prefix(PREFIX)?;
    let damaged = |why: &str| format!("This share link is damaged ({why}); ask for it again.");
    Some((|| {
        let packed = from_base64url(body).ok_or_else(|| damaged("not base64url"))?;
        // Cap what a crafted link can inflate to.
        let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, 16 * 1024 * 1024)
            .map_err(|_| damaged("it does not unpack"))?;
        let json = String::from_utf8(json).map_err(|_| damaged("not UTF-8"))?;
        Document::from_json(&json).map_err(|e| damaged(&e.to_string()))
    })())
}

#[cfg(test)]
mod tests {
    use super::*;
    use sift_core::doc::Document;
    use sift_core::{Annotation, Entity, Label};

    #[test]
    fn base64url_round_trips() {
        for n in 0..70u8 {
            let bytes: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37).wrapping_add(n)).collect();
            let s = base64url(&bytes);
            assert!(!s.contains(['+', '/', '=']));
            assert_eq!(from_base64url(&s), Some(bytes));
        }
        assert_eq!(base64url(b"foob"), "Zm9vYg");
        assert_eq!(from_base64url("Zm9vYg=="), Some(b"foob".to_vec()));
        assert_eq!(from_base64url("a b"), None);
    }

    #[test]
    fn links_round_trip_documents() {
        let text = "😀 Iran denied it. Tehran said so.";
        let model = Annotation {
            entities: vec![Entity {
                range: 5..9,
                label: Label::Gpe,
            }],
            claims: vec![],
        };
        let mut doc = Document::new(text);
        doc.add_entity(&doc.view(&model), 24..30, Label::Gpe)
            .unwrap();
        doc.delete_entity(&doc.view(&model), 0).unwrap();
        let fragment = encode(&doc).unwrap();
        assert!(fragment.starts_with("#doc="));
        assert_eq!(decode(&fragment), Some(Ok(doc)));
        assert_eq!(decode("#section-2"), None);
        assert!(matches!(decode("#doc=%%%"), Some(Err(_))));
        assert!(matches!(decode("#doc=AAAA"), Some(Err(_))));
        assert!(matches!(
            decode(&format!("#doc={}", base64url(b"{}"))),
            Some(Err(_))
        ));
    }

    #[test]
    fn refuses_long_documents() {
        // Text that does not compress: pseudo-random letters.
        let mut x = 1u64;
        let text: String = (0..60_000)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                char::from(b'a' + ((x >> 33) % 26) as u8)
            })
            .collect();
        let e = encode(&Document::new(&text)).unwrap_err();
        assert!(e.contains("too long for a link"), "{e}");
    }
}
