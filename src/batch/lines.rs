//! Reading one line with bounded memory: a line longer than the limit is skipped to its
//! end without being kept (a 10 GB line costs no more memory than a short one).

use std::io::{self, BufRead};

/// Reads the next line into `buf` (cleared first; without its `\n` or `\r\n`). `None`
/// at the end of the input; `Some(false)` when the line is longer than `max` bytes (its
/// text is then not kept), `Some(true)` otherwise.
pub fn read_line(input: &mut impl BufRead, buf: &mut Vec<u8>, max: usize) -> io::Result<Option<bool>> {
    buf.clear();
    let mut seen = 0usize;
    let mut any = false;
    loop {
        let avail = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            break;
        }
        any = true;
        let (piece, end) = match newline(avail) {
            Some(i) => (&avail[..i], Some(i + 1)),
            None => (avail, None),
        };
        seen += piece.len();
        if seen <= max + 1 {
            buf.extend_from_slice(piece); // one byte over the limit is kept to see the `\r`
        }
        let used = end.unwrap_or(avail.len());
        input.consume(used);
        if end.is_some() {
            break;
        }
    }
    if !any {
        return Ok(None);
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
        seen -= 1;
    }
    Ok(Some(seen <= max))
}

/// Where the first `\n` of `b` is.
fn newline(b: &[u8]) -> Option<usize> {
    find(b, b'\n')
}

/// Where the first `byte` of `b` is, eight bytes at a time (a byte at a time, the
/// search for newlines was a tenth of a batch's work).
pub(super) fn find(b: &[u8], byte: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let words = b.chunks_exact(8);
    let tail = words.remainder().len();
    for (i, w) in words.enumerate() {
        let mut x = [0u8; 8];
        x.copy_from_slice(w);
        // Zero bytes where `byte` was: then the lowest set high bit marks the first.
        let v = u64::from_le_bytes(x) ^ (ONES * u64::from(byte));
        let found = v.wrapping_sub(ONES) & !v & (ONES << 7);
        if found != 0 {
            return Some(i * 8 + (found.trailing_zeros() / 8) as usize);
        }
    }
    let start = b.len() - tail;
    b[start..].iter().position(|&c| c == byte).map(|p| start + p)
}

#[cfg(test)]
mod tests {
    use super::{newline, read_line};

    #[test]
    fn newlines_are_found_where_a_byte_search_finds_them() {
        for text in ["", "\n", "abc", "abcdefgh\n", "abcdefghi\njk\n", "\u{a0a}\n", "é\u{10a0a}x\n", "01234567890123456789\n"] {
            let b = text.as_bytes();
            for start in 0..b.len() {
                assert_eq!(newline(&b[start..]), b[start..].iter().position(|&c| c == b'\n'), "{text:?} from {start}");
            }
        }
    }

    #[test]
    fn lines_end_at_newlines_and_long_ones_are_not_kept() {
        let mut input = std::io::BufReader::with_capacity(4, &b"ab\r\n\nlong-line\nx"[..]);
        let mut buf = Vec::new();
        let mut got = Vec::new();
        while let Some(whole) = read_line(&mut input, &mut buf, 5).unwrap() {
            got.push((whole, String::from_utf8(buf.clone()).unwrap()));
        }
        assert_eq!(got[..2], [(true, "ab".to_string()), (true, String::new())]);
        assert!(!got[2].0 && got[2].1.len() <= 6, "{got:?}");
        assert_eq!(got[3], (true, "x".to_string()));
        assert_eq!(got.len(), 4);
    }
}
