//! Generates a corpus of a given size from the bundled seeds, for `bench/search.py`.
//!
//! `cargo run --release --example gen_corpus -- OUT_DIR SIZE_MB [SEED]`
//!
//! Each file is one seed document, with its structure kept. Every run of digits is
//! replaced by random digits, and about 4% of Chinese characters are swapped for others
//! drawn from the seeds. This keeps the size and make-up of real plans, but the vocabulary
//! grows as a large real corpus's does, instead of repeating five texts. Files are UTF-8
//! and named `YEAR-gen-N.txt`.

use std::io::Write;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() >> 33) as usize % n
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: gen_corpus OUT_DIR SIZE_MB [SEED]");
        std::process::exit(2);
    }
    let out = std::path::Path::new(&args[1]);
    let size: usize = args[2].parse::<usize>().expect("SIZE_MB is a number") << 20;
    let mut rng = Rng(args
        .get(3)
        .map_or(0x5EED, |s| s.parse().expect("SEED is a number")));
    std::fs::create_dir_all(out).expect("OUT_DIR can be made");

    let seeds: Vec<Vec<char>> = zhengce::corpus::BUNDLED
        .iter()
        .map(|(_, bytes)| match std::str::from_utf8(bytes) {
            Ok(s) => s.chars().collect(),
            Err(_) => encoding_rs::GB18030.decode(bytes).0.chars().collect(),
        })
        .collect();
    let han: Vec<char> = seeds
        .iter()
        .flatten()
        .copied()
        .filter(|&c| zhengce::normalize::is_han(c))
        .collect();

    let mut written = 0;
    let mut n = 0;
    let mut text = String::new();
    while written < size {
        let seed = &seeds[n % seeds.len()];
        text.clear();
        for &c in seed {
            let c = if c.is_ascii_digit() {
                char::from(b'0' + rng.below(10) as u8)
            } else if zhengce::normalize::is_han(c) && rng.below(100) < 4 {
                han[rng.below(han.len())]
            } else {
                c
            };
            text.push(c);
        }
        let year = 2010 + rng.below(16);
        let path = out.join(format!("{year}-gen-{n:06}.txt"));
        let mut file = std::fs::File::create(&path).expect("file can be made");
        file.write_all(text.as_bytes())
            .expect("file can be written");
        written += text.len();
        n += 1;
    }
    println!("{n} files, {written} bytes in {}", out.display());
}
