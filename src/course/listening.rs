//! A course's listening campaign: the `[listening]` table of `course.toml`, as authors write
//! it and as the validated model holds it. Stages run in the order they are listed.
//!
//! ```toml
//! [listening]
//! themes = ["Housing", "Safe streets"]
//!
//! [[listening.stages]]
//! id = "people-you-know"
//! name = "Listen to people you know"
//! target = 10          # conversations per trainee, optional
//! link = "e1"          # a prompt or milestone that closes the stage, optional
//!
//! [[listening.groups]]
//! id = "neighbours"
//! name = "Neighbours"
//! excluded = false     # true: a group the campaign must seek out
//! ```

use serde::{Deserialize, Serialize};

/// The longest theme name: it is shown in select menus, embeds and charts.
pub const MAX_THEME_CHARS: usize = 50;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Listening {
    /// In the order trainees go through them.
    pub stages: Vec<ListeningStage>,
    pub groups: Vec<ListeningGroup>,
    /// The themes offered first; trainees may add their own.
    pub themes: Vec<String>,
}

impl Listening {
    pub fn stage(&self, id: &str) -> Option<&ListeningStage> {
        self.stages.iter().find(|s| s.id == id)
    }

    pub fn group(&self, id: &str) -> Option<&ListeningGroup> {
        self.groups.iter().find(|g| g.id == id)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListeningStage {
    pub id: String,
    pub name: String,
    /// Conversations each trainee is asked to hold in this stage.
    pub target: Option<u32>,
    /// The prompt or milestone (e.g. a reflection session) this stage leads to.
    pub link: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListeningGroup {
    pub id: String,
    pub name: String,
    /// A group the campaign sets out to reach because it is usually not heard.
    pub excluded: bool,
}

/// A badge's need for one-to-ones: `count` in all, `excluded` of them with excluded groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationRequirement {
    pub count: u32,
    pub excluded: u32,
}
