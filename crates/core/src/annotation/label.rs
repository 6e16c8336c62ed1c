//! The 18 OntoNotes entity labels.

use std::fmt;
use std::str::FromStr;

/// An OntoNotes 5.0 entity label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[allow(missing_docs)]
pub enum Label {
    Person,
    Norp,
    Fac,
    Org,
    Gpe,
    Loc,
    Product,
    Event,
    WorkOfArt,
    Law,
    Language,
    Date,
    Time,
    Percent,
    Money,
    Quantity,
    Ordinal,
    Cardinal,
}

impl Label {
    /// Every label, in the order OntoNotes documents them.
    pub const ALL: [Label; 18] = [
        Label::Person,
        Label::Norp,
        Label::Fac,
        Label::Org,
        Label::Gpe,
        Label::Loc,
        Label::Product,
        Label::Event,
        Label::WorkOfArt,
        Label::Law,
        Label::Language,
        Label::Date,
        Label::Time,
        Label::Percent,
        Label::Money,
        Label::Quantity,
        Label::Ordinal,
        Label::Cardinal,
    ];

    /// The label as OntoNotes spells it, e.g. `WORK_OF_ART`.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Norp => "NORP",
            Label::Fac => "FAC",
            Label::Org => "ORG",
            Label::Gpe => "GPE",
            Label::Loc => "LOC",
            Label::Product => "PRODUCT",
            Label::Event => "EVENT",
            Label::WorkOfArt => "WORK_OF_ART",
            Label::Law => "LAW",
            Label::Language => "LANGUAGE",
            Label::Date => "DATE",
            Label::Time => "TIME",
            Label::Percent => "PERCENT",
            Label::Money => "MONEY",
            Label::Quantity => "QUANTITY",
            Label::Ordinal => "ORDINAL",
            Label::Cardinal => "CARDINAL",
        }
    }

    /// A short human description, for legends and tooltips.
    pub fn describe(self) -> &'static str {
        match self {
            Label::Person => "People",
            Label::Norp => "Nationalities, religious and political groups",
            Label::Fac => "Buildings, airports, roads, bridges",
            Label::Org => "Companies, agencies, institutions",
            Label::Gpe => "Countries, cities, states",
            Label::Loc => "Other places: mountains, rivers, regions",
            Label::Product => "Objects, vehicles, weapons, foods",
            Label::Event => "Named wars, storms, battles, sports events",
            Label::WorkOfArt => "Titles of books, songs, programmes",
            Label::Law => "Named laws, treaties, documents",
            Label::Language => "Named languages",
            Label::Date => "Dates and periods",
            Label::Time => "Times of day",
            Label::Percent => "Percentages",
            Label::Money => "Monetary values",
            Label::Quantity => "Measurements: weight, distance",
            Label::Ordinal => "first, second, 3rd",
            Label::Cardinal => "Other numbers",
        }
    }

    /// The label's index in [`Label::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// [`Label::index`] as a byte, the form model files and feature
    /// codes keep it in (18 labels fit).
    pub(crate) fn id(self) -> u8 {
        self as u8
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Label {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Label::ALL
            .iter()
            .copied()
            .find(|l| l.as_str() == s)
            .ok_or_else(|| format!("unknown entity label {s:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (i, label) in Label::ALL.iter().enumerate() {
            assert_eq!(label.as_str().parse::<Label>(), Ok(*label));
            assert_eq!(label.index(), i);
        }
        assert!("MISC".parse::<Label>().is_err());
    }
}
