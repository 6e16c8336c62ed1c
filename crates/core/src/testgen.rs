//! Random text for the property tests (here and in the web app's render
//! tests; hidden from the docs, not part of the API): a small seeded generator (no
//! dependency, same inputs on every run) that strings together the pieces
//! offset and tokeniser bugs like: multi-byte and astral characters, ZWJ
//! emoji, combining marks, bidi and zero-width controls, CRLF, abbreviations,
//! quotes, numbers, and words that look like names and reporting verbs so
//! that the models find entities and claims in it.

/// xorshift64*: tiny, fast, and good enough to pick pieces.
pub struct Rng(u64);

impl Rng {
    /// A generator; the same seed gives the same sequence.
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number below `n` (`n` > 0).
    // Below `n`, a usize, so the cast is exact.
    #[allow(clippy::cast_possible_truncation)]
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Any Unicode scalar value, biased towards the low planes.
    pub fn any_char(&mut self) -> char {
        let limit = [0x80, 0x800, 0x1_0000, 0x11_0000][self.below(4)];
        u32::try_from(self.below(limit))
            .ok()
            .and_then(char::from_u32)
            .unwrap_or('\u{fffd}')
    }
}

const PIECES: &[&str] = &[
    "Putin",
    "Moscow",
    "Tehran",
    "the ministry",
    "said",
    "denied",
    "told reporters",
    "according to",
    "reportedly",
    "Mr.",
    "U.S.",
    "Dr.",
    "Inc.",
    "1,200",
    "3.5%",
    "$40m",
    "Monday",
    "on 4 July 2024",
    "don't",
    "Iran's",
    "long-range",
    "and/or",
    "the",
    "a",
    "of",
    ".",
    ",",
    "!",
    "?",
    ";",
    ":",
    "\"",
    "'",
    "(",
    ")",
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "—",
    "-",
    " ",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "\u{a0}",
    "\u{2029}",
    "\u{3000}",
    "😀",
    "👍🏽",
    "👩\u{200d}👩\u{200d}👧",
    "🇨🇭",
    "𝔘𝔫𝔦",
    "東京",
    "習近平",
    "한국어",
    "עברית",
    "مرحبا",
    "e\u{301}",
    "\u{301}",
    "\u{200b}",
    "\u{200d}",
    "\u{feff}",
    "\u{202e}",
    "\u{2066}",
    "\u{2069}",
    "\u{0}",
    "\u{7f}",
    "\u{fffd}",
    "<b>",
    "</script>",
    "&amp;",
    "javascript:alert(1)",
];

/// A random text of about `pieces` pieces.
pub fn text(rng: &mut Rng, pieces: usize) -> String {
    let mut out = String::new();
    for _ in 0..pieces {
        match rng.below(10) {
            0 => out.push(rng.any_char()),
            1 => out.push(' '),
            _ => out.push_str(PIECES[rng.below(PIECES.len())]),
        }
        if rng.below(3) == 0 {
            out.push(' ');
        }
    }
    out
}
