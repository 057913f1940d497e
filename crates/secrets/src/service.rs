//! The freedesktop Secret Service API (`org.freedesktop.secrets`), the part Lull needs: a `plain`
//! session, items in the default collection found by their attributes, and the prompts a locked
//! keyring answers an unlock with. gnome-keyring and KWallet (since 5.97) both serve it.

use std::collections::HashMap;
use std::time::Duration;

use futures_util::StreamExt;
use zbus::{Connection, MatchRule, MessageStream, OwnedObjectPath, OwnedVariant, Variant};

use crate::{Error, Result};

const SERVICE: &str = "org.freedesktop.secrets";
const SERVICE_PATH: &str = "/org/freedesktop/secrets";
const SERVICE_IFACE: &str = "org.freedesktop.Secret.Service";
const COLLECTION_IFACE: &str = "org.freedesktop.Secret.Collection";
const ITEM_IFACE: &str = "org.freedesktop.Secret.Item";
const PROMPT_IFACE: &str = "org.freedesktop.Secret.Prompt";
const LABEL: &str = "org.freedesktop.Secret.Item.Label";
const ATTRIBUTES: &str = "org.freedesktop.Secret.Item.Attributes";
const COLLECTION_LABEL: &str = "org.freedesktop.Secret.Collection.Label";

/// The attribute every Lull item carries, and its value: what a keyring manager groups them by.
pub(crate) const APPLICATION: &str = "application";
pub(crate) const APP_ID: &str = "app.lull.desktop";

/// How long an unlock prompt may wait for the user to type the keyring's password.
const PROMPT_WAIT: Duration = Duration::from_secs(120);

/// "No prompt needed", as the service says it.
const NO_PROMPT: &str = "/";

/// A secret on the wire: (session, parameters, value, content type).
type WireSecret = (OwnedObjectPath, Vec<u8>, Vec<u8>, String);

#[derive(Debug)]
pub(crate) struct Keyring {
    bus: Connection,
    session: OwnedObjectPath,
}

impl Keyring {
    /// Opens a session, which starts the service where D-Bus can activate it.
    pub(crate) async fn open(bus: &Connection) -> Result<Self> {
        let (_, session): (OwnedVariant, OwnedObjectPath) =
            call(bus, SERVICE_PATH, SERVICE_IFACE, "OpenSession", &("plain", Variant::from(""))).await?;
        Ok(Self { bus: bus.clone(), session })
    }

    pub(crate) async fn read(&self, attributes: &[(&str, &str)]) -> Result<Option<Vec<u8>>> {
        let (unlocked, locked) = self.search(attributes).await?;
        let item = match (unlocked.into_iter().next(), locked.into_iter().next()) {
            (Some(item), _) => item,
            (None, Some(item)) => {
                self.unlock(&item).await?;
                item
            }
            (None, None) => return Ok(None),
        };
        let (secret,): (WireSecret,) =
            call(&self.bus, item.as_str(), ITEM_IFACE, "GetSecret", &(&self.session,)).await?;
        Ok(Some(secret.2))
    }

    pub(crate) async fn store(&self, label: &str, attributes: &[(&str, &str)], value: &str) -> Result<()> {
        let collection = self.default_collection().await?;
        self.unlock(&collection).await?;
        let attributes: HashMap<&str, &str> = attributes.iter().copied().collect();
        let properties: HashMap<&str, Variant<'_>> =
            HashMap::from([(LABEL, Variant::from(label)), (ATTRIBUTES, Variant::from(attributes))]);
        let secret: WireSecret = (
            self.session.clone(),
            Vec::new(),
            value.as_bytes().to_vec(),
            "text/plain; charset=utf8".to_owned(),
        );
        let (_, prompt): (OwnedObjectPath, OwnedObjectPath) =
            call(&self.bus, collection.as_str(), COLLECTION_IFACE, "CreateItem", &(properties, secret, true))
                .await?;
        self.prompt(&prompt).await.map(drop)
    }

    pub(crate) async fn delete(&self, attributes: &[(&str, &str)]) -> Result<bool> {
        let (unlocked, locked) = self.search(attributes).await?;
        let mut deleted = false;
        for item in unlocked.iter().chain(&locked) {
            let prompt: OwnedObjectPath = call(&self.bus, item.as_str(), ITEM_IFACE, "Delete", &()).await?;
            self.prompt(&prompt).await?;
            deleted = true;
        }
        Ok(deleted)
    }

    async fn search(
        &self,
        attributes: &[(&str, &str)],
    ) -> Result<(Vec<OwnedObjectPath>, Vec<OwnedObjectPath>)> {
        let attributes: HashMap<&str, &str> = attributes.iter().copied().collect();
        call(&self.bus, SERVICE_PATH, SERVICE_IFACE, "SearchItems", &(attributes,)).await
    }

    /// The collection the `default` alias names; created (the service asks the user for its
    /// password) on a desktop that has none yet.
    async fn default_collection(&self) -> Result<OwnedObjectPath> {
        let collection: OwnedObjectPath =
            call(&self.bus, SERVICE_PATH, SERVICE_IFACE, "ReadAlias", &("default",)).await?;
        if collection.as_str() != NO_PROMPT {
            return Ok(collection);
        }
        let properties = HashMap::from([(COLLECTION_LABEL, Variant::from("Login"))]);
        let (collection, prompt): (OwnedObjectPath, OwnedObjectPath) =
            call(&self.bus, SERVICE_PATH, SERVICE_IFACE, "CreateCollection", &(properties, "default"))
                .await?;
        if collection.as_str() != NO_PROMPT {
            return Ok(collection);
        }
        let created = self.prompt(&prompt).await?;
        // The prompt's result is the new collection's path.
        OwnedObjectPath::try_from(created).map_err(|_| Error::Service(zbus::Error::InvalidReply))
    }

    async fn unlock(&self, object: &OwnedObjectPath) -> Result<()> {
        let objects = vec![object.as_ref()];
        let (_, prompt): (Vec<OwnedObjectPath>, OwnedObjectPath) =
            call(&self.bus, SERVICE_PATH, SERVICE_IFACE, "Unlock", &(objects,)).await?;
        self.prompt(&prompt).await.map(drop)
    }

    /// Shows the service's prompt (a password dialog of the keyring's own) and waits for the
    /// user's answer: its result, or [`Error::Dismissed`].
    async fn prompt(&self, prompt: &OwnedObjectPath) -> Result<OwnedVariant> {
        if prompt.as_str() == NO_PROMPT {
            return Ok(OwnedVariant::from(true));
        }
        let rule = MatchRule::builder()
            .msg_type(zbus::message::Type::Signal)
            .interface(PROMPT_IFACE)
            .member("Completed")
            .path(prompt.as_ref())
            .build()?;
        // Subscribed before the prompt is shown, so that a quick answer is not missed.
        let mut completed = MessageStream::for_match_rule(rule, &self.bus, None).await?;
        let () = call(&self.bus, prompt.as_str(), PROMPT_IFACE, "Prompt", &("",)).await?;
        let answer = tokio::time::timeout(PROMPT_WAIT, completed.next())
            .await
            .map_err(|_| Error::PromptTimedOut { secs: PROMPT_WAIT.as_secs() })?;
        let Some(message) = answer else { return Err(Error::Dismissed) };
        let (dismissed, result): (bool, OwnedVariant) = message?.body().deserialize()?;
        if dismissed { Err(Error::Dismissed) } else { Ok(result) }
    }
}

async fn call<B, R>(bus: &Connection, path: &str, interface: &str, method: &str, body: &B) -> Result<R>
where
    B: serde::Serialize + zbus::Type,
    R: for<'d> serde::Deserialize<'d> + zbus::Type,
{
    let reply = bus.call_method(Some(SERVICE), path, Some(interface), method, body).await?;
    Ok(reply.body().deserialize()?)
}
