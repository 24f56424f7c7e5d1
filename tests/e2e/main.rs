//! The end-to-end suites, through the Discord stand-in, as one test binary: each suite is a
//! module, named as its file, and they share one build of the helpers in `tests/common`.
//! (As separate binaries, each compiled and linked those helpers and the bot again, which
//! took most of CI's time.) `cargo test --test e2e e2e_quiz::` runs one suite.
//!
//! `e2e_notify` and `query_counts` stay binaries of their own: they count the SQL statements
//! of the whole process, which other suites running beside them would add to.

#[macro_use]
#[path = "../common/bot.rs"]
mod bot;
#[path = "../common/binary.rs"]
mod binary;
#[path = "../common/campaigns.rs"]
mod campaigns;
#[path = "../common/deliveries.rs"]
mod deliveries;
#[path = "../common/files.rs"]
mod files;
#[path = "../common/learning.rs"]
mod learning;

mod e2e_audit;
mod e2e_badges;
mod e2e_binary;
mod e2e_campaigns;
mod e2e_facilitation;
mod e2e_guards;
mod e2e_hub;
mod e2e_hub_articles;
mod e2e_hub_proposals;
mod e2e_hub_qa;
mod e2e_instances;
mod e2e_interface_languages;
mod e2e_interface_languages_hub;
mod e2e_interface_languages_hub_setup;
mod e2e_interface_languages_learning;
mod e2e_interface_languages_listening;
mod e2e_interface_languages_scheduled;
mod e2e_interface_languages_sessions;
mod e2e_languages;
mod e2e_learning;
mod e2e_learning_path;
mod e2e_listening;
mod e2e_listening_reminders;
mod e2e_member_data;
mod e2e_metrics;
mod e2e_module_pages;
mod e2e_permissions;
mod e2e_private_spaces;
mod e2e_profiles;
mod e2e_prompts;
mod e2e_quiz;
mod e2e_quiz_instances;
mod e2e_reliability;
mod e2e_reports;
mod e2e_schedule;
mod e2e_sessions;
mod e2e_shards;
mod e2e_votes;
