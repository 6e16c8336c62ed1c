//! Share links: the whole document (text, annotations, edits) packed into
//! the URL's fragment, which browsers never send to a server.
//!
//! `#doc=` + base64url(deflate(`Document::to_json`)). A fragment longer
//! than [`MAX_FRAGMENT`] is refused with a message: such links break in
//! mail clients and chat apps; export a file instead.

use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine;
use sift_core::doc::Document;

/// The longest fragment a link may carry (32 KB).
pub const MAX_FRAGMENT: usize = 32 * 1024;

/// The fragment's prefix.
pub const PREFIX: &str = "#doc=";

/// base64url without padding, for writing links.
const WRITE: GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// What reading accepts: with or without padding, and stray bits after
/// the last byte, as links copied through mail and chat arrive.
const READ: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// base64url without padding.
pub fn base64url(bytes: &[u8]) -> String {
    WRITE.encode(bytes)
}

/// Reads base64url (padding and the standard `+/` alphabet tolerated).
pub fn from_base64url(s: &str) -> Option<Vec<u8>> {
    let url_safe = s.replace('+', "-").replace('/', "_");
    READ.decode(url_safe).ok()
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
