//! The app's components, one per file. Each takes the signals it reads or
//! writes as props; none holds global state.

mod annotate_progress;
mod annotated_view;
mod claim_card;
mod claim_filters;
mod claim_list;
mod editor;
mod entity_list;
mod legend;
mod open_file;
mod source_group;
mod status_bar;
mod theme_toggle;

pub use annotate_progress::AnnotateProgress;
pub use annotated_view::AnnotatedView;
pub use claim_card::ClaimCardView;
pub use claim_filters::ClaimFilters;
pub use claim_list::ClaimList;
pub use editor::Editor;
pub use entity_list::EntityList;
pub use legend::Legend;
pub use open_file::OpenFile;
pub use source_group::SourceGroupView;
pub use status_bar::StatusBar;
pub use theme_toggle::ThemeToggle;

// The annotator workflow (issue 5).
mod claim_inspector;
mod doc_list;
mod entity_inspector;
mod export_menu;
mod help_overlay;
mod history_buttons;
mod import_file;
mod label_picker;
mod share_link;
mod workbar;
pub use claim_inspector::ClaimInspector;
pub use doc_list::DocList;
pub use entity_inspector::EntityInspector;
pub use export_menu::ExportMenu;
pub use help_overlay::HelpOverlay;
pub use history_buttons::HistoryButtons;
pub use import_file::ImportFile;
pub use label_picker::LabelPicker;
pub use share_link::ShareLink;
pub use workbar::Workbar;
