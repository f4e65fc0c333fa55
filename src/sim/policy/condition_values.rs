//! Typed condition values: dates, numbers, IP addresses and CIDR blocks.

use std::net::IpAddr;

/// Parses an IAM date: ISO 8601 (`2024-01-31`, `2024-01-31T12:00:00Z`, with fraction or
/// offset) or epoch seconds. Returns milliseconds since the Unix epoch.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date>
///
/// A value out of range (a year or offset too large for the arithmetic, an hour of 25) is not
/// a date: `None`. AWS does not document how it evaluates a Date condition whose value is not
/// a date; the simulator takes the conservative reading that such a value never matches, and
/// the policy's findings say so (`INVALID_CONDITION_VALUE`).
pub fn parse_date(text: &str) -> Option<i64> {
    let t = text.trim();
    if !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) {
        return t.parse::<i64>().ok()?.checked_mul(1000);
    }
    let (date, time) = match t.split_once(['T', 't']) {
        Some((d, rest)) => (d, Some(rest)),
        None => (t, None),
    };
    let mut parts = date.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next().map(str::parse).transpose().ok()?.unwrap_or(1);
    let d: i64 = parts.next().map(str::parse).transpose().ok()?.unwrap_or(1);
    if parts.next().is_some() || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let millis = days_from_civil(y, m, d)?.checked_mul(86_400_000)?;
    let Some(time) = time else {
        return Some(millis);
    };
    let (clock, offset_ms) = split_offset(time)?;
    let mut hms = clock.split(':');
    let h: i64 = hms.next()?.parse().ok()?;
    let min: i64 = hms.next().map(str::parse).transpose().ok()?.unwrap_or(0);
    let sec: f64 = hms.next().unwrap_or("0").parse().ok()?;
    if !(0..=24).contains(&h) || !(0..=59).contains(&min) || !(0.0..61.0).contains(&sec) {
        return None;
    }
    // In range: at most 25 hours of milliseconds, so the float conversion is exact.
    let clock_ms = h
        .checked_mul(3_600_000)?
        .checked_add(min.checked_mul(60_000)?)?
        .checked_add((sec * 1000.0).round() as i64)?;
    millis.checked_add(clock_ms)?.checked_sub(offset_ms)
}

/// `12:00:00Z` -> ("12:00:00", 0); `12:00:00+02:00` -> ("12:00:00", 7_200_000).
/// An offset beyond ±23:59 is not an offset.
fn split_offset(time: &str) -> Option<(&str, i64)> {
    if let Some(clock) = time.strip_suffix(['Z', 'z']) {
        return Some((clock, 0));
    }
    match time.rfind(['+', '-']) {
        Some(i) => {
            let (clock, off) = time.split_at(i);
            let sign = if off.starts_with('-') { -1 } else { 1 };
            let off = off.get(1..)?;
            let (h, m) = off.split_once(':').unwrap_or((off, "0"));
            let (h, m) = (h.parse::<i64>().ok()?, m.parse::<i64>().ok()?);
            if !(0..=23).contains(&h) || !(0..=59).contains(&m) {
                return None;
            }
            let minutes = h.checked_mul(60)?.checked_add(m)?;
            Some((clock, minutes.checked_mul(60_000)?.checked_mul(sign)?))
        }
        None => Some((time, 0)),
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm); `None` when the year is too large
/// for the arithmetic.
fn days_from_civil(y: i64, m: i64, d: i64) -> Option<i64> {
    let y = if m <= 2 { y.checked_sub(1)? } else { y };
    let era = if y >= 0 { y } else { y.checked_sub(399)? } / 400;
    let yoe = y.checked_sub(era.checked_mul(400)?)?;
    let mp = m.checked_add(9)?.checked_rem(12)?;
    let doy = (mp.checked_mul(153)?.checked_add(2)? / 5)
        .checked_add(d)?
        .checked_sub(1)?;
    let doe = yoe
        .checked_mul(365)?
        .checked_add(yoe / 4)?
        .checked_sub(yoe / 100)?
        .checked_add(doy)?;
    era.checked_mul(146_097)?
        .checked_add(doe)?
        .checked_sub(719_468)
}

/// Parses `203.0.113.0/24`, `2001:db8::/32` or a bare address (a /32 or /128).
pub fn parse_cidr(text: &str) -> Option<(IpAddr, u8)> {
    let t = text.trim();
    let (addr, prefix) = match t.split_once('/') {
        Some((a, p)) => (a, Some(p.parse::<u8>().ok()?)),
        None => (t, None),
    };
    let ip: IpAddr = addr.parse().ok()?;
    let max = if ip.is_ipv4() { 32 } else { 128 };
    let prefix = prefix.unwrap_or(max);
    (prefix <= max).then_some((ip, prefix))
}

/// Whether an address lies in a CIDR block (v4 in v4, v6 in v6).
pub fn ip_in_cidr(ip: IpAddr, block: (IpAddr, u8)) -> bool {
    match (ip, block.0) {
        (IpAddr::V4(a), IpAddr::V4(b)) => {
            let mask = 32u32
                .checked_sub(u32::from(block.1))
                .and_then(|shift| u32::MAX.checked_shl(shift))
                .unwrap_or(0);
            u32::from(a) & mask == u32::from(b) & mask
        }
        (IpAddr::V6(a), IpAddr::V6(b)) => {
            let mask = 128u32
                .checked_sub(u32::from(block.1))
                .and_then(|shift| u128::MAX.checked_shl(shift))
                .unwrap_or(0);
            u128::from(a) & mask == u128::from(b) & mask
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_iso_8601_and_epoch_agree() {
        assert_eq!(parse_date("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_date("2020-01-01T00:00:00Z"), Some(1_577_836_800_000));
        assert_eq!(parse_date("1577836800"), Some(1_577_836_800_000));
        assert_eq!(parse_date("2020-01-01"), Some(1_577_836_800_000));
        assert_eq!(
            parse_date("2020-01-01T02:00:00+02:00"),
            Some(1_577_836_800_000)
        );
        assert_eq!(
            parse_date("2020-01-01T00:00:00.500Z"),
            Some(1_577_836_800_500)
        );
        assert_eq!(parse_date("yesterday"), None);
    }

    #[test]
    fn dates_too_large_for_the_arithmetic_are_not_dates() {
        // Condition operators page, Date condition operators: a value is a date in ISO 8601 or
        // epoch seconds; one that overflows is neither, and parsing says so instead of panicking.
        assert_eq!(parse_date("9999999999999999"), None);
        assert_eq!(parse_date("300000000-01-01"), None);
        assert_eq!(parse_date("3000000000000000-01-01"), None);
        // Far, but within reach of 64-bit milliseconds: still a date, later than 2020.
        assert!(parse_date("200000000-01-01") > parse_date("2020-01-01"));
        assert_eq!(parse_date("2020-01-01T00:00:00+99999999999999999:00"), None);
        assert_eq!(parse_date("2020-01-01T00:00:00+24:00"), None);
        assert_eq!(parse_date("2020-01-01T-1:00:00Z"), None);
    }

    #[test]
    fn cidr_blocks_contain_addresses_v4_and_v6() {
        let block = parse_cidr("203.0.113.0/24").unwrap();
        assert!(ip_in_cidr("203.0.113.77".parse().unwrap(), block));
        assert!(!ip_in_cidr("203.0.114.1".parse().unwrap(), block));
        let v6 = parse_cidr("2001:DB8:1234:5678::/64").unwrap();
        assert!(ip_in_cidr("2001:db8:1234:5678::1".parse().unwrap(), v6));
        assert!(!ip_in_cidr("2001:db8:1234:5679::1".parse().unwrap(), v6));
        assert!(!ip_in_cidr("203.0.113.1".parse().unwrap(), v6));
        assert!(ip_in_cidr(
            "10.1.2.3".parse().unwrap(),
            parse_cidr("0.0.0.0/0").unwrap()
        ));
        assert!(parse_cidr("10.0.0.0/33").is_none());
    }
}
