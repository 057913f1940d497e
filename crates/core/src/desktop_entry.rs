//! Desktop entries (`.desktop` files, the freedesktop.org Desktop Entry Specification): where an
//! installed app's entry is and what it is called, for a captured notification's *Open in ‹app›*.
//! Launching is the caller's (the window through GIO, `lull open` through `gio`/`gtk-launch`).

use std::path::{Path, PathBuf};

use crate::message::desktop_id;

/// An installed app's entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DesktopEntry {
    /// The id (`org.gnome.Evolution`).
    pub id: String,
    pub path: PathBuf,
    /// Its `Name`, in the user's language where the entry has one.
    pub name: String,
}

/// The largest entry read: real ones are a few KiB, translations included.
const MAX_ENTRY_BYTES: u64 = 256 * 1024;

/// Where entries are looked for, first match wins: `$XDG_DATA_HOME/applications` (by default
/// `~/.local/share/applications`), then each of `$XDG_DATA_DIRS` (by default `/usr/local/share`
/// and `/usr/share`; Flatpak adds its exports there).
pub fn search_dirs() -> Vec<PathBuf> {
    let home = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| dirs::home_dir().map(|h| h.join(".local/share")));
    let system = std::env::var("XDG_DATA_DIRS")
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "/usr/local/share:/usr/share".into());
    let system = system.split(':').map(PathBuf::from).filter(|p| p.is_absolute());
    home.into_iter().chain(system).map(|dir| dir.join("applications")).collect()
}

/// The installed app with desktop id `id`, from [`search_dirs`] in the language of `$LANG`.
pub fn find(id: &str) -> Option<DesktopEntry> {
    let lang = std::env::var("LC_MESSAGES").or_else(|_| std::env::var("LANG")).unwrap_or_default();
    find_in(&search_dirs(), id, &lang)
}

/// [`find`] in `dirs`, `Name` in `lang` (`de_DE.UTF-8`) where the entry has it. An entry that is
/// not an application, is `Hidden` (the user deleted it) or has no name is no app to open.
pub fn find_in(dirs: &[PathBuf], id: &str, lang: &str) -> Option<DesktopEntry> {
    let id = desktop_id(id)?;
    // The spec maps `-` in an id to a subdirectory too (`kde4-kate` is `kde4/kate.desktop`).
    let mut names = vec![PathBuf::from(format!("{id}.desktop"))];
    if id.contains('-') {
        names.push(PathBuf::from(format!("{}.desktop", id.replace('-', "/"))));
    }
    let path =
        dirs.iter().flat_map(|dir| names.iter().map(move |name| dir.join(name))).find(|p| p.is_file())?;
    let text = read_small(&path)?;
    let name = parse(&text, lang)?;
    Some(DesktopEntry { id, path, name })
}

fn read_small(path: &Path) -> Option<String> {
    use std::io::Read as _;
    let mut text = String::new();
    std::fs::File::open(path).ok()?.take(MAX_ENTRY_BYTES).read_to_string(&mut text).ok()?;
    Some(text)
}

/// The entry's name in `lang`, if it is a visible application.
fn parse(text: &str, lang: &str) -> Option<String> {
    let lang = lang.split(['.', '@']).next().unwrap_or("");
    let short = lang.split('_').next().unwrap_or("");
    let (mut in_entry, mut kind, mut hidden) = (false, None, false);
    let (mut name, mut exact, mut language) = (None, None, None);
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_entry = line == "[Desktop Entry]";
            continue;
        }
        let Some((key, value)) = line.split_once('=').filter(|_| in_entry) else { continue };
        let (key, value) = (key.trim(), value.trim());
        match key {
            "Type" => kind = Some(value.to_owned()),
            "Hidden" => hidden = value == "true",
            "Name" => name = Some(value.to_owned()),
            _ if !lang.is_empty() && key == format!("Name[{lang}]") => exact = Some(value.to_owned()),
            _ if !short.is_empty() && key == format!("Name[{short}]") => language = Some(value.to_owned()),
            _ => {}
        }
    }
    if kind.as_deref() != Some("Application") || hidden {
        return None;
    }
    exact.or(language).or(name).filter(|n| !n.is_empty()).map(|n| n.chars().take(64).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVOLUTION: &str = "[Desktop Entry]\nType=Application\nName=Evolution\nName[de]=Evolution-Post\n\
Exec=evolution %U\n\n[Desktop Action compose]\nName=Compose\n";

    #[test]
    fn an_entry_is_found_first_in_the_users_dir_and_named_in_their_language() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let (user, system) = (dir.path().join("user"), dir.path().join("system"));
        for d in [&user, &system, &system.join("kde4")] {
            std::fs::create_dir_all(d).expect("dirs");
        }
        std::fs::write(system.join("org.gnome.Evolution.desktop"), EVOLUTION).expect("an entry");
        std::fs::write(system.join("kde4/kate.desktop"), "[Desktop Entry]\nType=Application\nName=Kate\n")
            .expect("an entry");
        let dirs = [user.clone(), system.clone()];
        let found = find_in(&dirs, "org.gnome.Evolution.desktop", "de_DE.UTF-8").expect("found");
        assert_eq!((found.id.as_str(), found.name.as_str()), ("org.gnome.Evolution", "Evolution-Post"));
        assert_eq!(find_in(&dirs, "org.gnome.Evolution", "fr_FR").expect("found").name, "Evolution");
        assert_eq!(find_in(&dirs, "kde4-kate", "").expect("a subdirectory").name, "Kate");

        std::fs::write(
            user.join("org.gnome.Evolution.desktop"),
            "[Desktop Entry]\nType=Application\nHidden=true\n",
        )
        .expect("the user's own");
        assert_eq!(find_in(&dirs, "org.gnome.Evolution", ""), None, "the user deleted it");
    }

    #[test]
    fn no_entry_for_a_path_a_link_or_something_else() {
        let dir = tempfile::tempdir().expect("a temp dir");
        std::fs::write(dir.path().join("x.desktop"), "[Desktop Entry]\nType=Link\nName=X\nURL=https://x\n")
            .expect("a link");
        let dirs = [dir.path().to_owned()];
        assert_eq!(find_in(&dirs, "x", ""), None, "a link is no app");
        assert_eq!(find_in(&dirs, "../x", ""), None);
        assert_eq!(find_in(&dirs, "missing", ""), None);
    }
}
