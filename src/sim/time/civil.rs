//! Proleptic Gregorian civil-date arithmetic and ISO 8601 text, written out (no chrono).

use std::fmt;

const MS_PER_SEC: i64 = 1_000;
const MS_PER_MIN: i64 = 60 * MS_PER_SEC;
const MS_PER_HOUR: i64 = 60 * MS_PER_MIN;
const MS_PER_DAY: i64 = 24 * MS_PER_HOUR;

/// A calendar date in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Date {
    pub year: i64,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Howard Hinnant's `civil_from_days`: days since 1970-01-01 to a date. Eras are 400-year
    /// cycles starting on March 1st, so the leap day is the last day of each era-year.
    pub fn from_days(days: i64) -> Date {
        // Callers pass milliseconds / MS_PER_DAY (|days| < 1.1e11), so every step stays far
        // inside i64; saturating only keeps an out-of-range caller from panicking.
        let z = days.saturating_add(719_468);
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097); // [0, 146096]
        let yoe = doe
            .saturating_sub(doe / 1460)
            .saturating_add(doe / 36_524)
            .saturating_sub(doe / 146_096)
            / 365; // [0, 399]
        let doy = doe.saturating_sub(
            yoe.saturating_mul(365)
                .saturating_add(yoe / 4)
                .saturating_sub(yoe / 100),
        ); // [0, 365]
        let mp = doy.saturating_mul(5).saturating_add(2) / 153; // [0, 11], March = 0
        let day = doy
            .saturating_sub(mp.saturating_mul(153).saturating_add(2) / 5)
            .saturating_add(1) as u32;
        let month = if mp < 10 {
            mp.saturating_add(3)
        } else {
            mp.saturating_sub(9)
        } as u32;
        let year = yoe
            .saturating_add(era.saturating_mul(400))
            .saturating_add(i64::from(month <= 2));
        Date { year, month, day }
    }

    /// The inverse, `days_from_civil`. A parsed date has a four-digit year and a valid month
    /// and day, so nothing here comes near i64 limits; saturating keeps that a non-issue.
    pub fn to_days(self) -> i64 {
        let y = self.year.saturating_sub(i64::from(self.month <= 2));
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(self.month);
        let mp = if m > 2 {
            m.saturating_sub(3)
        } else {
            m.saturating_add(9)
        };
        let doy = (mp.saturating_mul(153).saturating_add(2) / 5)
            .saturating_add(i64::from(self.day))
            .saturating_sub(1);
        let doe = yoe
            .saturating_mul(365)
            .saturating_add(yoe / 4)
            .saturating_sub(yoe / 100)
            .saturating_add(doy);
        era.saturating_mul(146_097)
            .saturating_add(doe)
            .saturating_sub(719_468)
    }

    fn is_valid(self) -> bool {
        (1..=12).contains(&self.month) && self.day >= 1 && self.day <= days_in_month(self)
    }
}

fn days_in_month(d: Date) -> u32 {
    let leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
    match d.month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A tiny cursor over ASCII text.
struct Cursor<'a> {
    rest: &'a [u8],
}

impl Cursor<'_> {
    fn digits(&mut self, n: usize) -> Option<i64> {
        let (head, tail) = self.rest.split_at_checked(n)?;
        let mut v = 0i64;
        for b in head {
            if !b.is_ascii_digit() {
                return None;
            }
            v = v
                .checked_mul(10)?
                .checked_add(i64::from(b.checked_sub(b'0')?))?;
        }
        self.rest = tail;
        Some(v)
    }

    fn eat(&mut self, accepted: &[u8]) -> Option<u8> {
        let (&first, tail) = self.rest.split_first()?;
        if accepted.contains(&first) {
            self.rest = tail;
            Some(first)
        } else {
            None
        }
    }
}

/// `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)` to milliseconds since the Unix epoch.
pub(crate) fn parse_timestamp(text: &str) -> Option<super::SimTime> {
    let mut c = Cursor {
        rest: text.trim().as_bytes(),
    };
    let year = c.digits(4)?;
    c.eat(b"-")?;
    let month = u32::try_from(c.digits(2)?).ok()?;
    c.eat(b"-")?;
    let day = u32::try_from(c.digits(2)?).ok()?;
    let date = Date { year, month, day };
    c.eat(b"Tt ")?;
    let (h, m) = (c.digits(2)?, {
        c.eat(b":")?;
        c.digits(2)?
    });
    c.eat(b":")?;
    let s = c.digits(2)?;
    if !date.is_valid() || h > 23 || m > 59 || s > 59 {
        return None;
    }
    let mut ms = 0;
    if c.eat(b".").is_some() {
        let mut scale = 100;
        while let Some(d) = c.digits(1) {
            // At most three digits count (`scale` reaches 0), so this stays below 1000.
            ms = d.saturating_mul(scale).saturating_add(ms);
            scale /= 10;
        }
    }
    let offset_ms = match c.eat(b"Zz+-")? {
        b'Z' | b'z' => 0,
        sign => {
            let oh = c.digits(2)?;
            c.eat(b":");
            let om = c.digits(2)?;
            let off = oh
                .checked_mul(MS_PER_HOUR)?
                .checked_add(om.checked_mul(MS_PER_MIN)?)?;
            if sign == b'-' {
                off.checked_neg()?
            } else {
                off
            }
        }
    };
    if !c.rest.is_empty() {
        return None;
    }
    let local = date
        .to_days()
        .checked_mul(MS_PER_DAY)?
        .checked_add(h.checked_mul(MS_PER_HOUR)?)?
        .checked_add(m.checked_mul(MS_PER_MIN)?)?
        .checked_add(s.checked_mul(MS_PER_SEC)?)?;
    Some(super::SimTime(
        local.checked_add(ms)?.checked_sub(offset_ms)?,
    ))
}

/// `[-]P[nW][nD][T[nH][nM][n[.f]S]]` to milliseconds.
pub(crate) fn parse_duration(text: &str) -> Option<super::SimDuration> {
    let text = text.trim();
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let body = text.strip_prefix(['P', 'p'])?;
    let (date_part, time_part) = match body.find(['T', 't']) {
        Some(i) => (body.get(..i)?, Some(body.get(i.checked_add(1)?..)?)),
        None => (body, None),
    };
    let mut total = 0i64;
    let mut any = false;
    for (number, unit) in components(date_part)? {
        let per = match unit {
            'W' => 7 * MS_PER_DAY,
            'D' => MS_PER_DAY,
            _ => return None,
        };
        total = total.checked_add(scaled(&number, per)?)?;
        any = true;
    }
    if let Some(time_part) = time_part {
        let parts = components(time_part)?;
        if parts.is_empty() {
            return None;
        }
        for (number, unit) in parts {
            let per = match unit {
                'H' => MS_PER_HOUR,
                'M' => MS_PER_MIN,
                'S' => MS_PER_SEC,
                _ => return None,
            };
            total = total.checked_add(scaled(&number, per)?)?;
            any = true;
        }
    }
    let total = if negative {
        total.checked_neg()?
    } else {
        total
    };
    any.then_some(super::SimDuration(total))
}

/// Splits `1D2H` into `[("1", 'D'), ("2", 'H')]`; a number without a unit is an error.
fn components(text: &str) -> Option<Vec<(String, char)>> {
    let mut out = Vec::new();
    let mut number = String::new();
    for ch in text.chars() {
        if ch.is_ascii_digit() || ch == '.' || ch == ',' {
            number.push(if ch == ',' { '.' } else { ch });
        } else if number.is_empty() {
            return None;
        } else {
            out.push((std::mem::take(&mut number), ch.to_ascii_uppercase()));
        }
    }
    number.is_empty().then_some(out)
}

/// `"1.5"` times `per` milliseconds, without floating point.
fn scaled(number: &str, per: i64) -> Option<i64> {
    let (whole, frac) = number.split_once('.').unwrap_or((number, ""));
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let mut total = whole.checked_mul(per)?;
    let mut div = 1i64;
    for b in frac.bytes().take(9) {
        div = div.checked_mul(10)?;
        let digit = i64::from(b.checked_sub(b'0')?);
        total = total.checked_add(digit.checked_mul(per)?.checked_div(div)?)?;
    }
    Some(total)
}

/// The shortest ISO 8601 spelling of `ms` milliseconds.
pub(crate) fn format_duration(ms: i64) -> String {
    let sign = if ms < 0 { "-" } else { "" };
    let ms = ms.unsigned_abs();
    const DAY: u64 = MS_PER_DAY.unsigned_abs();
    let (days, rest) = (ms / DAY, ms % DAY);
    let (h, m) = (rest / 3_600_000, (rest / 60_000) % 60);
    let (s, frac) = ((rest / 1000) % 60, rest % 1000);
    let mut out = format!("{sign}P");
    if days > 0 {
        out.push_str(&format!("{days}D"));
    }
    if rest > 0 || days == 0 {
        out.push('T');
        if h > 0 {
            out.push_str(&format!("{h}H"));
        }
        if m > 0 {
            out.push_str(&format!("{m}M"));
        }
        if frac > 0 {
            let f = format!("{frac:03}");
            out.push_str(&format!("{s}.{}S", f.trim_end_matches('0')));
        } else if s > 0 || rest == 0 {
            out.push_str(&format!("{s}S"));
        }
    }
    out
}
