//! The publish tokens' commands: make one, list them, revoke one. Each change is published as
//! [`Change::TokensChanged`], after which the engine hands the API the new [`Grants`]: a
//! revoked token is refused from the next request on.

use super::{Change, Lull};
use crate::error::{Error, ErrorCode, Result};
use crate::request::{NewToken, TokenName};
use crate::store::tokens;
use crate::token::publish::{self, CreatedToken, Grants, PublishToken};

impl Lull {
    /// Makes a publish token; its secret is in the answer and nowhere else.
    pub fn create_token(&mut self, request: NewToken) -> Result<CreatedToken> {
        let (name, topics) = publish::validate(&request.name, &request.topics, request.max_priority)?;
        let (secret, hash) = publish::generate()?;
        let now = self.now();
        let token = self.store.write(|tx| {
            if tokens::active_named(tx, &name)?.is_some() {
                return Err(Error::new(
                    ErrorCode::TokenNameTaken,
                    format!("a token called {name:?} exists; revoke it first or pick another name"),
                )
                .in_field("name"));
            }
            let id = tokens::insert(tx, &name, &hash, &topics, request.max_priority, now)?;
            tokens::by_id(tx, id)?
                .ok_or_else(|| Error::new(ErrorCode::Internal, "the token just made is gone"))
        })?;
        self.push_tokens()?;
        Ok(CreatedToken { token, secret })
    }

    /// Every publish token, the working ones first.
    pub fn tokens(&self) -> Result<Vec<PublishToken>> {
        tokens::list(self.store.conn())
    }

    /// Revokes the working token called `name`. Its messages keep saying which token sent them.
    pub fn revoke_token(&mut self, request: TokenName) -> Result<PublishToken> {
        let now = self.now();
        let name = request.name.trim().to_owned();
        let token = self.store.write(|tx| {
            let Some(token) = tokens::active_named(tx, &name)? else {
                return Err(Error::new(
                    ErrorCode::UnknownToken,
                    format!("no working token is called {name:?}"),
                )
                .in_field("name"));
            };
            tokens::revoke(tx, token.id, now)?;
            tokens::by_id(tx, token.id)?
                .ok_or_else(|| Error::new(ErrorCode::Internal, "the token just revoked is gone"))
        })?;
        self.push_tokens()?;
        Ok(token)
    }

    /// The tokens that work now, for the API's check.
    pub fn grants(&self) -> Result<Grants> {
        Ok(Grants::new(tokens::active_with_hashes(self.store.conn())?))
    }

    fn push_tokens(&mut self) -> Result<()> {
        let tokens = self.tokens()?;
        self.push(Change::TokensChanged { tokens });
        Ok(())
    }
}
