//! The publish tokens, for Settings › Sources: list, make (the secret is shown once), revoke.

use lull_core::request::{NewToken, TokenName};
use lull_core::token::publish::{CreatedToken, PublishToken};
use lull_core::{Engine, ErrorBody};
use tauri::State;

type Answer<T> = Result<T, ErrorBody>;

#[tauri::command]
pub async fn tokens(engine: State<'_, Engine>) -> Answer<Vec<PublishToken>> {
    Ok(engine.tokens().await?)
}

#[tauri::command]
pub async fn create_token(engine: State<'_, Engine>, request: NewToken) -> Answer<CreatedToken> {
    Ok(engine.create_token(request).await?)
}

#[tauri::command]
pub async fn revoke_token(engine: State<'_, Engine>, request: TokenName) -> Answer<PublishToken> {
    Ok(engine.revoke_token(request).await?)
}
