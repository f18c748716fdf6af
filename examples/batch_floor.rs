//! The floor under `lingpao batch < requests.jsonl > out.jsonl`: what the command would
//! cost if reading a request and computing it were free. It maps standard input (no copy
//! into the process; each thread touches only its own part), finds the lines, and writes
//! one totals line of the batch's shape per line (with a total of 0, so a little shorter
//! than the real ones), in order. No program that reads these requests as text and writes
//! these results can take less; `bench/batch.sh` times it beside the batch and OpenFisca.
//! `batch_floor [THREADS]` (default: every core).
use std::io::Write;

fn push_u64(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// The results of one part of the input, whose first line is `first`.
fn part(lines: &[u8], first: u64) -> Vec<u8> {
    let mut count = memchr::memchr_iter(b'\n', lines).count() as u64;
    if lines.last().is_some_and(|&b| b != b'\n') {
        count += 1; // a last line with no newline
    }
    let mut out = Vec::with_capacity(lines.len() / 3);
    for line in first..first + count {
        out.extend_from_slice(b"{\"line\":");
        push_u64(&mut out, line);
        out.extend_from_slice(br#","region":"tianjin","total_yuan":"0","total_is_upper_bound":false,"policies":{"tianjin-subsidy-fund":"0"}}"#);
        out.push(b'\n');
    }
    out
}

fn main() -> std::io::Result<()> {
    let threads = std::env::args()
        .nth(1)
        .and_then(|t| t.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let stdin = std::fs::File::open("/dev/stdin")?;
    // SAFETY: the input file is not changed while the batch reads it (as for any reader).
    let (map, mut read) = (unsafe { memmap2::Mmap::map(&stdin) }, Vec::new());
    let data = match &map {
        Ok(map) => &map[..],
        Err(_) => {
            // A pipe or a device cannot be mapped: read it all (not a timed case).
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut read)?;
            &read[..]
        }
    };
    // Cut the input into `threads` parts at line ends.
    let mut cuts = vec![0];
    for t in 1..threads {
        let at = (data.len() * t / threads).max(*cuts.last().unwrap());
        let end = memchr::memchr(b'\n', &data[at..]).map_or(data.len(), |i| at + i + 1);
        cuts.push(end);
    }
    cuts.push(data.len());
    let parts: Vec<&[u8]> = cuts.windows(2).map(|w| &data[w[0]..w[1]]).collect();
    let firsts: Vec<u64> = parts
        .iter()
        .scan(1u64, |next, p| {
            let first = *next;
            *next += memchr::memchr_iter(b'\n', p).count() as u64;
            Some(first)
        })
        .collect();
    let outs: Vec<Vec<u8>> = std::thread::scope(|s| {
        let running: Vec<_> = parts.iter().zip(&firsts).map(|(p, &f)| s.spawn(move || part(p, f))).collect();
        running.into_iter().map(|r| r.join().expect("a part's thread")).collect()
    });
    let mut stdout = std::io::stdout().lock();
    for out in &outs {
        stdout.write_all(out)?;
    }
    stdout.flush()
}
