//! Course packs: the model, loading from `prompts/`, validation with file:line errors.
//!
//! A pack is read from TOML into spanned "raw" structs, then checked and turned into the
//! plain [`Course`] model. Problems carry the file, line and column they come from.

mod listening;
mod load;
mod localize;
mod model;
mod outline;
mod problem;
mod raw;
pub mod repeat;
mod scaffold;
mod screens;
mod stages;
pub mod text;
pub mod time;
mod translation;
mod validate;
pub mod words;

pub use listening::{
    ConversationRequirement, Listening, ListeningGroup, ListeningStage, MAX_THEME_CHARS,
};
pub use load::{check_pack, load_library, load_pack, pack_dirs, Checked, Library};
pub use model::*;
pub use outline::outline;
pub use problem::Problem;
pub use scaffold::scaffold;
pub use screens::{LaidOut, Screen};
pub use stages::StageInProgress;
pub use translation::{
    ExerciseTranslation, ModuleTranslation, Texts, Translation, DEFAULT_LANGUAGE,
};
