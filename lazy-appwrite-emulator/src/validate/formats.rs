//! String formats of email, URL and IP columns, modelled on PHP's `filter_var` validators
//! (`FILTER_VALIDATE_EMAIL`, `FILTER_VALIDATE_URL`, `FILTER_VALIDATE_IP`) that Appwrite uses.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// True for a syntactically valid email address (ASCII only, like `FILTER_VALIDATE_EMAIL`
/// without the unicode flag): a dot-atom or quoted local part of at most 64 characters, `@`,
/// then a domain of at least two labels or a bracketed IP literal; at most 254 characters.
pub fn is_email(s: &str) -> bool {
    if s.len() > 254 || !s.is_ascii() {
        return false;
    }
    let Some(at) = s.rfind('@') else {
        return false;
    };
    let (local, domain) = (&s[..at], &s[at + 1..]);
    is_email_local(local) && is_email_domain(domain)
}

/// Characters allowed unquoted in a local part besides letters and digits.
fn is_atext(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&b)
}

fn is_email_local(local: &str) -> bool {
    if local.is_empty() || local.len() > 64 {
        return false;
    }
    let bytes = local.as_bytes();
    let mut i = 0;
    loop {
        // One word: an atom or a quoted string.
        if bytes.get(i) == Some(&b'"') {
            i += 1;
            loop {
                match bytes.get(i) {
                    None => return false,
                    Some(b'"') => {
                        i += 1;
                        break;
                    }
                    Some(b'\\') => {
                        if bytes.get(i + 1).is_none() {
                            return false;
                        }
                        i += 2;
                    }
                    Some(&b) if b == 0 || b == b'\r' || b == b'\n' || b == b'\t' => return false,
                    Some(_) => i += 1,
                }
            }
        } else {
            let start = i;
            while bytes.get(i).is_some_and(|&b| is_atext(b)) {
                i += 1;
            }
            if i == start {
                return false;
            }
        }
        match bytes.get(i) {
            None => return true,
            Some(b'.') => i += 1,
            Some(_) => return false,
        }
    }
}

fn is_email_domain(domain: &str) -> bool {
    if let Some(literal) = domain.strip_prefix('[').and_then(|d| d.strip_suffix(']')) {
        if let Some(v6) = literal
            .strip_prefix("IPv6:")
            .or_else(|| literal.strip_prefix("ipv6:"))
        {
            return v6.parse::<Ipv6Addr>().is_ok();
        }
        return literal.parse::<Ipv4Addr>().is_ok();
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return false;
    }
    let last = labels.len() - 1;
    labels.iter().enumerate().all(|(index, label)| {
        let bytes = label.as_bytes();
        let shape_ok = !bytes.is_empty()
            && bytes.len() < 64
            && bytes
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
            && bytes.first().is_some_and(u8::is_ascii_alphanumeric)
            && bytes.last().is_some_and(u8::is_ascii_alphanumeric);
        if !shape_ok {
            return false;
        }
        if index == last {
            // The top-level label starts with a letter (or is an `xn--` punycode label).
            bytes.first().is_some_and(u8::is_ascii_alphabetic)
        } else {
            true
        }
    })
}

/// True for an absolute URL like PHP's `FILTER_VALIDATE_URL`: only URL-safe ASCII characters,
/// a scheme, and a host (except for `mailto:`, `news:` and `file:`); for `http`/`https` the
/// host must be a valid host name or a bracketed IPv6 address.
pub fn is_url(s: &str) -> bool {
    if s.is_empty() || !s.bytes().all(is_url_char) {
        return false;
    }
    let Some(colon) = s.find(':') else {
        return false;
    };
    let (scheme, rest) = (&s[..colon], &s[colon + 1..]);
    let scheme_ok = scheme
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_alphabetic)
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    if !scheme_ok {
        return false;
    }

    let mut host: Option<&str> = None;
    if let Some(after) = rest.strip_prefix("//") {
        let end = after.find(['/', '?', '#']).unwrap_or(after.len());
        let authority = &after[..end];
        let (userinfo, hostport) = match authority.rfind('@') {
            Some(at) => (Some(&authority[..at]), &authority[at + 1..]),
            None => (None, authority),
        };
        if let Some(info) = userinfo {
            let (user, pass) = match info.find(':') {
                Some(c) => (&info[..c], Some(&info[c + 1..])),
                None => (info, None),
            };
            if !is_userinfo_valid(user) || pass.is_some_and(|p| !is_userinfo_valid(p)) {
                return false;
            }
        }
        let (host_part, port) = split_host_port(hostport);
        if let Some(port) = port
            && !port.is_empty()
            && !(port.bytes().all(|b| b.is_ascii_digit())
                && port.parse::<u32>().is_ok_and(|p| p <= 65_535))
        {
            return false;
        }
        if !host_part.is_empty() {
            host = Some(host_part);
        }
    }

    if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") {
        let Some(host) = host else {
            return false;
        };
        if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
            return inner.parse::<Ipv6Addr>().is_ok();
        }
        return is_hostname(host);
    }
    host.is_some() || matches!(scheme, "mailto" | "news" | "file")
}

/// Characters PHP's URL sanitizer keeps; any other character makes the URL invalid.
fn is_url_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"$-_.+!*'(),{}|\\^~[]`<>#%\";/?:@&=".contains(&b)
}

/// Splits `host:port` (IPv6 hosts are bracketed).
fn split_host_port(hostport: &str) -> (&str, Option<&str>) {
    if hostport.starts_with('[') {
        if let Some(close) = hostport.find(']') {
            let host = &hostport[..=close];
            let rest = &hostport[close + 1..];
            return match rest.strip_prefix(':') {
                Some(port) => (host, Some(port)),
                None if rest.is_empty() => (host, None),
                None => (hostport, Some("x")),
            };
        }
        return (hostport, None);
    }
    match hostport.rfind(':') {
        Some(c) => (&hostport[..c], Some(&hostport[c + 1..])),
        None => (hostport, None),
    }
}

/// RFC 3986 userinfo: unreserved, sub-delims, `:` and percent escapes.
fn is_userinfo_valid(info: &str) -> bool {
    let bytes = info.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_hexdigit);
            if !(hex(i + 1) && hex(i + 2)) {
                return false;
            }
            i += 3;
        } else if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:".contains(&b) {
            i += 1;
        } else {
            return false;
        }
    }
    true
}

/// A host name per `FILTER_FLAG_HOSTNAME`: labels of 1–63 letters, digits and inner hyphens,
/// at most 253 characters, an optional trailing dot.
fn is_hostname(host: &str) -> bool {
    let host = host.strip_suffix('.').unwrap_or(host);
    if host.is_empty() || host.len() > 253 {
        return false;
    }
    host.split('.').all(|label| {
        let bytes = label.as_bytes();
        !bytes.is_empty()
            && bytes.len() <= 63
            && bytes
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
            && bytes.first().is_some_and(u8::is_ascii_alphanumeric)
            && bytes.last().is_some_and(u8::is_ascii_alphanumeric)
    })
}

/// True for an IPv4 (dotted quad, no leading zeros) or IPv6 address.
pub fn is_ip(s: &str) -> bool {
    s.parse::<IpAddr>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        for ok in [
            "a@b.co",
            "john.doe@example.com",
            "John.Doe+tag@Example.COM",
            "x_y-z@sub.domain.example.org",
            "o'brien@example.ie",
            "\"quoted name\"@example.com",
            "user@[127.0.0.1]",
            "user@[IPv6:2001:db8::1]",
            "a@xn--bcher-kva.example",
            "1@1a.io",
        ] {
            assert!(is_email(ok), "{ok}");
        }
        let long_local = format!("{}@example.com", "a".repeat(65));
        let long_total = format!("a@{}.com", "b".repeat(250));
        for bad in [
            "",
            "plain",
            "@example.com",
            "a@",
            "a@localhost",
            "a@@b.com",
            "a b@example.com",
            ".a@example.com",
            "a.@example.com",
            "a..b@example.com",
            "a@-b.com",
            "a@b-.com",
            "a@b..com",
            "a@b.c0m.1",
            "jos\u{e9}@example.com",
            "a@exa_mple.com",
            "a@[300.1.1.1]",
            long_local.as_str(),
            long_total.as_str(),
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn urls() {
        for ok in [
            "http://example.com",
            "https://example.com/path?q=1#frag",
            "HTTPS://EXAMPLE.COM",
            "http://localhost:8080/",
            "http://127.0.0.1",
            "http://[::1]:80/x",
            "http://user:pass@example.com",
            "ftp://files.example.com/a.txt",
            "mailto:someone@example.com",
            "file:///etc/hosts",
            "news:comp.lang",
            "custom+scheme://anything_goes",
            "https://example.com.",
        ] {
            assert!(is_url(ok), "{ok}");
        }
        for bad in [
            "",
            "example.com",
            "/relative/path",
            "//example.com",
            "http://",
            "http:/example.com",
            "http://exa mple.com",
            "http://ex_ample.com",
            "http://-example.com",
            "https://example.com:99999",
            "https://example.com:8a",
            "http://[::zz]",
            "http://bad user@example.com",
            "https://bücher.de",
            "foo:bar",
            "1http://example.com",
        ] {
            assert!(!is_url(bad), "{bad}");
        }
    }

    #[test]
    fn ips() {
        for ok in [
            "127.0.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "::1",
            "2001:db8::8a2e:370:7334",
            "::ffff:1.2.3.4",
        ] {
            assert!(is_ip(ok), "{ok}");
        }
        for bad in [
            "",
            "256.0.0.1",
            "1.2.3",
            "1.2.3.4.5",
            "01.2.3.4",
            "::g",
            "1.2.3.4 ",
            "fe80::1%eth0",
            "localhost",
        ] {
            assert!(!is_ip(bad), "{bad}");
        }
    }
}
