//! Starting, extending and stopping focus blocks, and answering the focus proposals.

use lull_core::request::{ExtendFocus, ProposalAt, ProposalMove, StartFocus};
use lull_core::{Engine, ErrorBody, FocusBlock, ProposedBlock, Status};
use tauri::State;

#[tauri::command]
pub async fn status(engine: State<'_, Engine>) -> Result<Status, ErrorBody> {
    Ok(engine.status())
}

#[tauri::command]
pub async fn start_focus(engine: State<'_, Engine>, request: StartFocus) -> Result<FocusBlock, ErrorBody> {
    Ok(engine.start_focus(request.duration_secs, request.intent).await?)
}

#[tauri::command]
pub async fn extend_focus(engine: State<'_, Engine>, request: ExtendFocus) -> Result<FocusBlock, ErrorBody> {
    Ok(engine.extend_focus(request.secs).await?)
}

#[tauri::command]
pub async fn stop_focus(engine: State<'_, Engine>) -> Result<FocusBlock, ErrorBody> {
    Ok(engine.stop_focus().await?)
}

#[tauri::command]
pub async fn focus_proposals(engine: State<'_, Engine>) -> Result<Vec<ProposedBlock>, ErrorBody> {
    Ok(engine.focus_proposals().await?)
}

#[tauri::command]
pub async fn accept_proposal(
    engine: State<'_, Engine>,
    request: ProposalAt,
) -> Result<ProposedBlock, ErrorBody> {
    Ok(engine.accept_proposal(request.start).await?)
}

#[tauri::command]
pub async fn skip_proposal(engine: State<'_, Engine>, request: ProposalAt) -> Result<(), ErrorBody> {
    Ok(engine.skip_proposal(request.start).await?)
}

#[tauri::command]
pub async fn move_proposal(
    engine: State<'_, Engine>,
    request: ProposalMove,
) -> Result<ProposedBlock, ErrorBody> {
    Ok(engine.move_proposal(request.start, request.to).await?)
}
