//! Opening text files: the checks and the bytes, without the browser (see
//! `dom` for the web-sys side). Exports are in [`crate::exports`].

/// The largest file the app opens, in bytes (5 MB).
pub const MAX_FILE_BYTES: f64 = 5.0 * 1024.0 * 1024.0;

/// Extensions accepted when the browser gives no MIME type.
const TEXT_EXTENSIONS: [&str; 4] = [".txt", ".text", ".md", ".markdown"];

/// Checks what the browser tells us about a file before reading it.
/// `mime` may be empty (browsers often leave it so); then the name decides.
pub fn check_file(name: &str, mime: &str, size: f64) -> Result<(), String> {
    let lower = name.to_lowercase();
    let texty_name = TEXT_EXTENSIONS.iter().any(|ext| lower.ends_with(ext));
    let texty_mime = mime.starts_with("text/");
    if !(texty_mime || (mime.is_empty() && texty_name)) {
        let what = if mime.is_empty() {
            "an unknown type".to_string()
        } else {
            format!("type {mime}")
        };
        return Err(format!(
            "“{name}” is {what}, not plain text. Open a .txt file."
        ));
    }
    if size > MAX_FILE_BYTES {
        return Err(format!(
            "“{name}” is too large ({:.1} MB); Sift opens text files of up to {:.0} MB.",
            size / (1024.0 * 1024.0),
            MAX_FILE_BYTES / (1024.0 * 1024.0)
        ));
    }
    Ok(())
}

/// Decodes a file's bytes as UTF-8 text, dropping a byte-order mark.
/// Rejects anything that is not valid UTF-8 or that contains NUL bytes
/// (a binary file with a .txt name).
pub fn decode_text(name: &str, bytes: &[u8]) -> Result<String, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes)
        .map_err(|_| format!("“{name}” is not UTF-8 text. Save it as UTF-8 and try again."))?;
    if text.contains('\0') {
        return Err(format!("“{name}” looks like a binary file, not text."));
    }
    Ok(text.to_string())
}

#[cfg(test)]
// Claim parts are lists of ranges; a list of one range is what we mean.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    #[test]
    fn accepts_text_files() {
        assert!(check_file("a.txt", "text/plain", 10.0).is_ok());
        assert!(check_file("notes", "text/markdown", 10.0).is_ok());
        assert!(check_file("a.TXT", "", 10.0).is_ok());
    }

    #[test]
    fn rejects_other_types_and_big_files() {
        let e = check_file("photo.png", "image/png", 10.0).unwrap_err();
        assert!(e.contains("image/png") && e.contains("photo.png"), "{e}");
        assert!(check_file("data.bin", "", 10.0).is_err());
        let e = check_file("big.txt", "text/plain", 6.0 * 1024.0 * 1024.0).unwrap_err();
        assert!(
            e.contains("too large (6.0 MB)") && e.contains("up to 5 MB"),
            "{e}"
        );
        assert!(check_file("edge.txt", "text/plain", MAX_FILE_BYTES).is_ok());
    }

    #[test]
    fn decodes_utf8_and_refuses_binary() {
        assert_eq!(
            decode_text("a", "\u{feff}héllo".as_bytes()).unwrap(),
            "héllo"
        );
        assert!(decode_text("a", &[0xff, 0xfe, 0x00])
            .unwrap_err()
            .contains("not UTF-8"));
        assert!(decode_text("a", b"ab\0cd").unwrap_err().contains("binary"));
    }
}
