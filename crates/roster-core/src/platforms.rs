//! The platforms of the Sondos family the app knows, the rules for any other base URL, and which
//! links the app agrees to open.

use serde::Serialize;
use ts_rs::TS;
use url::Url;

use crate::error::{InvalidInput, Reason};

/// A platform of the Sondos family.
#[derive(Debug, Clone, Copy, Serialize, TS)]
pub struct Platform {
    /// A short stable name.
    pub id: &'static str,
    /// Its name as users know it.
    pub name: &'static str,
    /// Its API's base URL.
    pub base: &'static str,
}

/// The known white labels, the default first.
pub const PLATFORMS: &[Platform] = &[
    Platform {
        id: "aiployees",
        name: "AIployees",
        base: "https://call.aiployees.com/api",
    },
    Platform {
        id: "sondos",
        name: "Sondos AI",
        base: "https://app.sondos-ai.com/api",
    },
    Platform {
        id: "autocalls",
        name: "Autocalls",
        base: "https://app.autocalls.ai/api",
    },
    Platform {
        id: "famulor",
        name: "Famulor",
        base: "https://app.famulor.de/api",
    },
];

/// The known platform a base URL belongs to, if any.
pub fn platform_of(base: &str) -> Option<&'static Platform> {
    PLATFORMS.iter().find(|p| p.base == base)
}

/// Checks and normalizes a base URL typed by the user: https only (http only on loopback, for
/// local tests), no user info, query or fragment, no trailing slash. A pasted endpoint URL
/// (`.../user/assistants/outbound`) is cut back to its base.
pub fn normalize_base(input: &str) -> Result<String, InvalidInput> {
    let invalid = InvalidInput::new;
    let text = input.trim();
    if text.is_empty() {
        return Err(invalid(
            Reason::EmptyAddress,
            "enter the platform's address",
        ));
    }
    let mut url =
        Url::parse(text).map_err(|_| invalid(Reason::NotAnAddress, "this is not a web address"))?;
    let host = url.host_str().unwrap_or_default().to_owned();
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&host) => {}
        "http" => {
            return Err(invalid(
                Reason::HttpsOnly,
                "the address must start with https://",
            ))
        }
        _ => {
            return Err(invalid(
                Reason::HttpsOnly,
                "the address must start with https://",
            ))
        }
    }
    if host.is_empty() {
        return Err(invalid(
            Reason::NotAnAddress,
            "the address has no host name",
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid(
            Reason::CredentialsInAddress,
            "the address must not contain a user name or password",
        ));
    }
    url.set_query(None);
    url.set_fragment(None);
    let mut path = url.path().trim_end_matches('/').to_owned();
    for endpoint in ["/user/assistants/outbound", "/user/me"] {
        if let Some(stripped) = path.strip_suffix(endpoint) {
            path = stripped.to_owned();
        }
    }
    url.set_path(&path);
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

/// A link the app agrees to open in the system browser: an absolute http or https URL, never
/// `javascript:`, `file:` or anything else a hostile value could hold.
pub fn checked_link(text: &str) -> Result<Url, InvalidInput> {
    let refused = || {
        InvalidInput::new(
            Reason::LinkNotWeb,
            "only web links (http, https) are opened",
        )
    };
    let url = Url::parse(text.trim()).map_err(|_| refused())?;
    match url.scheme() {
        "http" | "https" if url.host_str().is_some() => {}
        _ => return Err(refused()),
    }
    // `https://good.example@evil.example` leads to evil.example.
    if !url.username().is_empty() || url.password().is_some() {
        return Err(InvalidInput::new(
            Reason::LinkCredentials,
            "a link with a user name or password is not opened",
        ));
    }
    Ok(url)
}

fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host == "[::1]"
        || host
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_known_and_custom_https_bases() {
        for platform in PLATFORMS {
            assert_eq!(normalize_base(platform.base).unwrap(), platform.base);
        }
        assert_eq!(
            normalize_base(" https://example.org/api/ ").unwrap(),
            "https://example.org/api"
        );
        assert_eq!(
            normalize_base("https://call.aiployees.com/api/user/assistants/outbound?x=1#f")
                .unwrap(),
            "https://call.aiployees.com/api"
        );
        assert_eq!(
            platform_of("https://app.famulor.de/api").unwrap().name,
            "Famulor"
        );
    }

    #[test]
    fn links_are_web_links_only() {
        assert!(checked_link("https://hooks.example.com/x?a=1").is_ok());
        assert!(checked_link(" http://crm.example.bg/hooks ").is_ok());
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,x",
            "mailto:a@b.c",
            "hooks.example.com",
            "",
            "https://",
        ] {
            assert_eq!(
                checked_link(bad).unwrap_err().reason,
                Reason::LinkNotWeb,
                "{bad}"
            );
        }
        for disguised in [
            "https://good.example@evil.example/",
            "https://u:p@hooks.example.com",
        ] {
            assert_eq!(
                checked_link(disguised).unwrap_err().reason,
                Reason::LinkCredentials,
                "{disguised}"
            );
        }
    }

    #[test]
    fn http_only_on_loopback() {
        assert_eq!(
            normalize_base("http://127.0.0.1:8787/api").unwrap(),
            "http://127.0.0.1:8787/api"
        );
        assert_eq!(
            normalize_base("http://localhost:1/api").unwrap(),
            "http://localhost:1/api"
        );
        for bad in [
            "http://example.org/api",
            "ftp://example.org",
            "example.org",
            "",
            "https://u:p@x.org/api",
        ] {
            assert!(normalize_base(bad).is_err(), "{bad}");
        }
    }
}
