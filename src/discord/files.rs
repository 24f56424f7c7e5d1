//! Ephemeral follow-ups that carry files. serenity numbers new attachments with JSON integers,
//! while Discord's API description says an attachment id is a string; so these requests are
//! built here. Each request uploads one file, whose placeholder id is then always "0": the
//! first file comes with the follow-up, each next one is added by editing it.

use poise::serenity_prelude as serenity;
use serde_json::{json, Value};
use serenity::{CreateAttachment, CreateEmbed, MessageFlags};

use super::replies::no_pings;
use super::{Context, Error};

/// Sends `embeds` and `files` as one ephemeral follow-up to the command in `ctx`, which must
/// already be acknowledged (deferred).
pub async fn follow_up_with_files(
    ctx: Context<'_>,
    embeds: Vec<CreateEmbed>,
    files: Vec<CreateAttachment>,
) -> Result<(), Error> {
    let poise::Context::Application(command) = ctx else {
        anyhow::bail!("files are sent only in answer to a slash command");
    };
    let http = ctx.http();
    let token = &command.interaction.token;
    let mut files = files.into_iter();
    let first = files.next();
    let mut body = json!({
        "embeds": serde_json::to_value(&embeds)?,
        "flags": MessageFlags::EPHEMERAL.bits(),
        "allowed_mentions": serde_json::to_value(no_pings())?,
    });
    if let Some(file) = &first {
        body["attachments"] = json!([new_attachment(file)]);
    }
    let mut message = http
        .create_followup_message(token, &body, first.into_iter().collect())
        .await?;
    for file in files {
        let mut listed: Vec<Value> = message
            .attachments
            .iter()
            .map(|kept| json!({ "id": kept.id.to_string() }))
            .collect();
        listed.push(new_attachment(&file));
        message = http
            .edit_followup_message(
                token,
                message.id,
                &json!({ "attachments": listed }),
                vec![file],
            )
            .await?;
    }
    Ok(())
}

/// The `attachments` entry of the one file a request uploads (`files[0]`).
pub(super) fn new_attachment(file: &CreateAttachment) -> Value {
    json!({ "id": "0", "filename": file.filename })
}
