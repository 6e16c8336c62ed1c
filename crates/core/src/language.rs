//! How much of a text is English, as the models can read it.
//!
//! Every model Sift ships was trained on English news (OntoNotes, PolNeAR).
//! On other languages it still answers, with confidence and at random:
//! "Путин" comes out a place and "Россия" a person. So the pipeline drops
//! entities written in a script the training data never had (anything but
//! Latin letters), and the page tells the reader when a text does not look
//! like English at all. Both are statements about the training data, not
//! about any one text.

/// Whether `c` is a letter of the Latin script (ASCII, Latin-1, Latin
/// Extended A and B, IPA, and Latin Extended Additional).
fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
            && c != '\u{00D7}'
            && c != '\u{00F7}'
}

/// The letters of `text` (alphabetic characters, which for scripts such as
/// Chinese includes the ideographs), and how many of them are Latin.
fn letters(text: &str) -> (usize, usize) {
    text.chars()
        .filter(|c| c.is_alphabetic())
        .fold((0, 0), |(all, latin), c| {
            (all + 1, latin + usize::from(is_latin(c)))
        })
}

/// Whether most letters of `span` are of a script other than Latin, which
/// the models never saw in training. A span with no letters is not.
pub fn foreign_script(span: &str) -> bool {
    let (all, latin) = letters(span);
    latin * 2 < all
}

/// The commonest English words. Running English prose has one of them in
/// every three or four words; French, German or Spanish, written in the same
/// letters, has far fewer ("a", "in" and "die" are all they share often).
const FUNCTION_WORDS: [&str; 40] = [
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "was", "with", "he", "it",
    "as", "at", "by", "from", "his", "be", "are", "have", "has", "had", "were", "said", "not",
    "but", "an", "they", "this", "which", "or", "its", "who", "been", "their", "will", "would",
    "she",
];

/// Below this share of function words, a text of some length is not
/// English prose.
const MIN_FUNCTION_SHARE: f64 = 0.08;

/// A text shorter than this many words is too short to tell.
const MIN_WORDS: usize = 12;

/// Whether `text` reads as English: mostly Latin letters and, once it is a
/// dozen words long, English function words at the rate English prose has
/// them. An empty or very short text counts as English (nothing to warn of).
pub fn looks_english(text: &str) -> bool {
    let (all, latin) = letters(text);
    if latin * 2 < all {
        return false;
    }
    let mut words = 0usize;
    let mut function = 0usize;
    for word in text
        .split(|c: char| !c.is_alphabetic() && c != '\'')
        .filter(|w| !w.is_empty())
    {
        words += 1;
        let lower = word.to_lowercase();
        function += usize::from(FUNCTION_WORDS.contains(&lower.as_str()));
    }
    // Counts of words in a text are far below 2^52: exact as f64.
    #[allow(clippy::cast_precision_loss)]
    let share = function as f64 / words.max(1) as f64;
    words < MIN_WORDS || share >= MIN_FUNCTION_SHARE
}

/// Whether `c` belongs to a script written right to left (Hebrew, Arabic,
/// Syriac, Thaana, N'Ko and their presentation forms).
fn is_right_to_left(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Whether `text` starts, at its first letter, in a right-to-left script:
/// the rule of HTML's `dir="auto"`, worked out here because Chromium's own
/// took 1.2 s over a 1 MB one-line paste in the text field. Only the start
/// is read, up to the first letter.
pub fn right_to_left(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(is_right_to_left)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts() {
        for span in ["Путин", "Россия", "北京", "طهران", "Αθήνα"] {
            assert!(foreign_script(span), "{span}");
        }
        for span in ["Tehran", "São Paulo", "Łódź", "Nguyễn", "U.S.", "1990s", ""] {
            assert!(!foreign_script(span), "{span}");
        }
    }

    #[test]
    fn tells_english_from_other_languages() {
        let english = "Officials in Paris said on Monday that Ruth Okafor had denied the report, \
                       which was published by the ministry last week.";
        assert!(looks_english(english));
        assert!(looks_english("Iran denied it."), "too short to tell");
        assert!(looks_english(""));
        for other in [
            "Le président a déclaré lundi que le gouvernement ne reculerait pas devant les \
             syndicats, malgré les grèves qui paralysent le pays depuis deux semaines.",
            "Die Regierung hat am Montag erklärt, dass sie die Steuern nicht erhöhen werde, \
             obwohl die Opposition seit Wochen dagegen protestiert und Neuwahlen fordert.",
            "Президент России заявил в понедельник, что правительство не отступит.",
            "الرئيس قال يوم الاثنين إن الحكومة لن تتراجع عن قرارها",
            "国家主席星期一表示，政府不会在工会面前让步，尽管罢工已经持续了两个星期。",
        ] {
            assert!(!looks_english(other), "{other}");
        }
    }

    #[test]
    fn direction_from_the_first_letter() {
        assert!(right_to_left("«قال الرئيس» said"));
        assert!(right_to_left("  1. שלום"));
        assert!(!right_to_left("Iran: قال"));
        assert!(!right_to_left("Путин"));
        assert!(!right_to_left("123 ..."));
    }
}
