//! Decode: bytes → text, by an ordered list of rules, reporting which rule fired.
//!
//! 1. `--encoding LABEL` (any label encoding_rs knows) wins outright;
//! 2. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE);
//! 3. NUL bytes mean a binary file, which is refused;
//! 4. strict UTF-8 (a character cut off at the very end is still UTF-8, with a warning);
//! 5. GB18030, which covers GBK and GB2312 (decoding as GB2312 alone loses characters).
//!
//! Line ends are unified to `\n` here, so that every later offset is the same for a CRLF
//! copy as for the LF original.
//!
//! ```
//! use zhengce::decode::decode;
//! use zhengce::error::Source;
//! use zhengce::model::EncodingRule;
//! let (gbk, _, _) = encoding_rs::GBK.encode("一、总体要求\r\n");
//! let text = decode(&gbk, None, &Source::Stdin).unwrap();
//! assert_eq!(text.text, "一、总体要求\n");
//! assert_eq!(text.encoding.rule, EncodingRule::Gb18030);
//! ```

use encoding_rs::{Encoding, GB18030, UTF_8};

use crate::error::{Error, Result, Source};
use crate::model::{EncodingInfo, EncodingRule, LineEnds};

/// Decoded text with line ends unified to `\n`, and how it was decoded.
#[derive(Debug, Clone)]
pub struct DecodedText {
    pub text: String,
    pub encoding: EncodingInfo,
    /// Notes for the user (a truncated last character, replaced sequences).
    pub warnings: Vec<String>,
}

/// Share of control characters above which decoded "text" is taken for binary data…
const MAX_CONTROL_SHARE: f64 = 0.05;
/// …once there are more than a few of them (one stray escape in a short file is text).
const MIN_CONTROL_COUNT: usize = 8;

/// Looks up an `--encoding` label before any file is read, so a bad label is one error.
pub fn encoding_for_label(label: &str) -> Result<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
        .ok_or_else(|| Error::UnknownEncoding(label.to_string()))
}

/// Decodes `bytes` by the rules above; `forced` is the encoding `--encoding` named.
pub fn decode(
    bytes: &[u8],
    forced: Option<&'static Encoding>,
    source: &Source,
) -> Result<DecodedText> {
    let mut warnings = Vec::new();
    let (text, name, rule) = if let Some(encoding) = forced {
        let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
        // A forced encoding that is wrong often decodes without a single error (any
        // byte pair is UTF-16); text that is UTF-8 all along says so.
        let utf8_all_along = encoding != UTF_8
            && !bytes.is_ascii()
            && !bytes.contains(&0)
            && std::str::from_utf8(bytes).is_ok();
        if utf8_all_along {
            warnings.push(format!(
                "the file is valid UTF-8 but was decoded as {} (--encoding): is that right?",
                encoding.name()
            ));
        }
        if had_errors {
            let (invalid, first) = count_invalid(encoding, bytes);
            warnings.push(format!(
                "{invalid} invalid {} sequences replaced with U+FFFD, first at byte {first}",
                encoding.name()
            ));
        }
        (text.into_owned(), encoding.name(), EncodingRule::Forced)
    } else if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            let (invalid, first) = count_invalid(encoding, &bytes[bom_len..]);
            return Err(Error::InvalidForEncoding {
                source_name: source.clone(),
                encoding: encoding.name(),
                invalid,
                first: first + bom_len,
            });
        }
        (text.into_owned(), encoding.name(), EncodingRule::Bom)
    } else {
        if let Some(offset) = bytes.iter().position(|&b| b == 0) {
            if let Some(label) = utf16_without_bom(bytes) {
                return Err(Error::Utf16WithoutBom {
                    source_name: source.clone(),
                    label,
                });
            }
            return Err(Error::Binary {
                source_name: source.clone(),
                offset,
            });
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_string(), UTF_8.name(), EncodingRule::Utf8),
            // Only an incomplete sequence at the very end: a file cut mid-character. It
            // takes a complete multi-byte character before the cut to call it UTF-8:
            // after pure ASCII, the last bytes may as well be GB18030 ("0甬").
            Err(e) if e.error_len().is_none() && !bytes[..e.valid_up_to()].is_ascii() => {
                let valid = &bytes[..e.valid_up_to()];
                warnings.push(format!(
                    "last character cut off: {} trailing bytes dropped",
                    bytes.len() - valid.len()
                ));
                let text = std::str::from_utf8(valid).expect("checked by valid_up_to");
                (text.to_string(), UTF_8.name(), EncodingRule::Utf8Truncated)
            }
            Err(_) => match GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
                Some(text) => (text.into_owned(), GB18030.name(), EncodingRule::Gb18030),
                None => {
                    let (invalid, first) = count_invalid(GB18030, bytes);
                    return Err(Error::Undecodable {
                        source_name: source.clone(),
                        invalid,
                        first,
                    });
                }
            },
        }
    };
    if is_mostly_control(&text) {
        return Err(Error::NotText {
            source_name: source.clone(),
        });
    }
    let (text, line_ends) = unify_line_ends(text);
    Ok(DecodedText {
        text,
        encoding: EncodingInfo {
            name: name.to_string(),
            rule,
            line_ends,
        },
        warnings,
    })
}

/// Decodes `bytes` with the encoding the file declared (an HTML page's `<meta charset>`),
/// or `None` when the bytes are not valid in it, so the caller can fall back to
/// detection rather than replace characters.
pub(crate) fn decode_declared(
    bytes: &[u8],
    encoding: &'static Encoding,
    source: &Source,
) -> Result<Option<DecodedText>> {
    if bytes.contains(&0) && encoding.is_ascii_compatible() {
        return Err(Error::Binary {
            source_name: source.clone(),
            offset: bytes.iter().position(|&b| b == 0).unwrap_or(0),
        });
    }
    let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) else {
        return Ok(None);
    };
    Ok(Some(declared(text.into_owned(), encoding.name())))
}

/// Text that a format reader produced from a file that says its own encoding (the XML
/// of a .docx, a PDF's text layer): nothing to detect, line ends unified as for text.
pub(crate) fn declared(text: String, name: &str) -> DecodedText {
    let (text, line_ends) = unify_line_ends(text);
    DecodedText {
        text,
        encoding: EncodingInfo {
            name: name.to_string(),
            rule: EncodingRule::Declared,
            line_ends,
        },
        warnings: Vec::new(),
    }
}

/// Counts malformed sequences and the byte offset of the first, for an honest message.
fn count_invalid(encoding: &'static Encoding, bytes: &[u8]) -> (usize, usize) {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(4096);
    let mut read_total = 0;
    let mut invalid = 0;
    let mut first = None;
    loop {
        out.clear();
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[read_total..], &mut out, true);
        read_total += read;
        match result {
            encoding_rs::DecoderResult::InputEmpty => break,
            encoding_rs::DecoderResult::OutputFull => out.reserve(4096),
            encoding_rs::DecoderResult::Malformed(bad, _) => {
                invalid += 1;
                first.get_or_insert(read_total.saturating_sub(bad as usize));
            }
        }
    }
    (invalid, first.unwrap_or(0))
}

fn is_mostly_control(text: &str) -> bool {
    // Text almost never has a control char or U+FFFD: a scan of bytes says so without
    // decoding it char by char (that was 1.4% of an index build). The C1 controls
    // (U+0080..U+009F) start with byte 0xC2.
    let may_have_control = text.bytes().any(|b| {
        (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)) || b == 0x7F || b == 0xC2
    });
    if !may_have_control && !text.contains('\u{fffd}') {
        return false;
    }
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(1 << 20) {
        total += 1;
        if (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')) || c == '\u{fffd}' {
            control += 1;
        }
    }
    control > MIN_CONTROL_COUNT && control as f64 / total as f64 > MAX_CONTROL_SHARE
}

/// Rewrites CRLF and CR as LF, reporting what the file used.
fn unify_line_ends(text: String) -> (String, LineEnds) {
    if !text.contains('\r') {
        let ends = if text.contains('\n') {
            LineEnds::Lf
        } else {
            LineEnds::None
        };
        return (text, ends);
    }
    let crlf = text.matches("\r\n").count();
    let cr = text.matches('\r').count() - crlf;
    let lf = text.matches('\n').count() - crlf;
    let line_ends = match (lf > 0, crlf > 0, cr > 0) {
        (false, true, false) => LineEnds::Crlf,
        (false, false, true) => LineEnds::Cr,
        _ => LineEnds::Mixed,
    };
    (text.replace("\r\n", "\n").replace('\r', "\n"), line_ends)
}

/// `utf-16le` or `utf-16be` when NUL bytes fall mostly on one side of each byte pair and
/// the bytes decode that way without error: UTF-16 text saved without a byte-order
/// mark, which is not guessed (a binary file can look alike) but named in the error.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static str> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let nul_at = |parity: usize| {
        bytes
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (nul_at(0), nul_at(1));
    // Mostly, not only: a Chinese character whose code ends in 00 (一 is U+4E00) puts a
    // NUL on the other side. The decoding check below keeps binary files out.
    let (encoding, label) = if odd >= 4 * even.max(1) {
        (encoding_rs::UTF_16LE, "utf-16le")
    } else if even >= 4 * odd.max(1) {
        (encoding_rs::UTF_16BE, "utf-16be")
    } else {
        return None;
    };
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .filter(|text| {
            !text
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        })
        .map(|_| label)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "（一）强化市场主体责任。食品抽检合格率达到98.5%以上。\n";

    fn dec(bytes: &[u8]) -> Result<DecodedText> {
        decode(bytes, None, &Source::Stdin)
    }

    #[test]
    fn utf8_is_read_as_utf8() {
        let d = dec(TEXT.as_bytes()).unwrap();
        assert_eq!(d.text, TEXT);
        assert_eq!(d.encoding.rule, EncodingRule::Utf8);
    }

    #[test]
    fn gbk_falls_back_to_gb18030() {
        let (bytes, _, _) = encoding_rs::GBK.encode(TEXT);
        let d = dec(&bytes).unwrap();
        assert_eq!(d.text, TEXT);
        assert_eq!(d.encoding.rule, EncodingRule::Gb18030);
        assert_eq!(d.encoding.name, "gb18030");
    }

    #[test]
    fn gb18030_four_byte_characters_survive() {
        // 𠀀 (U+20000) needs GB18030's four-byte form; GBK cannot encode it.
        let text = "第一条 𠀀字与€符号\n";
        let (bytes, _, _) = GB18030.encode(text);
        assert_eq!(dec(&bytes).unwrap().text, text);
    }

    #[test]
    fn utf16le_with_bom_and_crlf() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in TEXT.replace('\n', "\r\n").encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let d = dec(&bytes).unwrap();
        assert_eq!(d.text, TEXT);
        assert_eq!(d.encoding.rule, EncodingRule::Bom);
        assert_eq!(d.encoding.line_ends, LineEnds::Crlf);
    }

    #[test]
    fn utf8_bom_is_removed() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(TEXT.as_bytes());
        let d = dec(&bytes).unwrap();
        assert_eq!(d.text, TEXT);
        assert_eq!(d.encoding.rule, EncodingRule::Bom);
    }

    #[test]
    fn utf8_cut_mid_character_stays_utf8() {
        let bytes = TEXT.trim_end().as_bytes();
        let cut = &bytes[..bytes.len() - 1]; // 。 is three bytes: drop one
        let d = dec(cut).unwrap();
        assert_eq!(d.encoding.rule, EncodingRule::Utf8Truncated);
        assert!(d.text.ends_with("以上"));
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn ascii_then_gb18030_is_not_truncated_utf8() {
        let (bytes, _, _) = GB18030.encode("0甬");
        let d = dec(&bytes).unwrap();
        assert_eq!(d.text, "0甬");
        assert_eq!(d.encoding.rule, EncodingRule::Gb18030);
    }

    #[test]
    fn nul_bytes_mean_binary() {
        let err = dec(b"PK\x03\x04\x00\x00binary").unwrap_err();
        assert!(matches!(err, Error::Binary { offset: 4, .. }), "{err}");
    }

    #[test]
    fn control_characters_mean_not_text() {
        let bytes: Vec<u8> = (1u8..32).cycle().take(2000).collect();
        assert!(matches!(dec(&bytes), Err(Error::NotText { .. })));
    }

    #[test]
    fn delete_c1_controls_and_replacement_chars_mean_not_text() {
        for c in ['\u{7f}', '\u{85}', '\u{9f}', '\u{fffd}'] {
            let text: String = std::iter::repeat_n(c, 50).chain("质量".chars()).collect();
            assert!(
                matches!(dec(text.as_bytes()), Err(Error::NotText { .. })),
                "{c:?}"
            );
        }
        assert!(dec("质量\t合格率\u{c}\n".as_bytes()).is_ok());
    }

    #[test]
    fn cr_only_line_ends() {
        let d = dec("一、甲\r二、乙\r".as_bytes()).unwrap();
        assert_eq!(d.text, "一、甲\n二、乙\n");
        assert_eq!(d.encoding.line_ends, LineEnds::Cr);
    }

    #[test]
    fn forced_big5() {
        let (bytes, _, _) = encoding_rs::BIG5.encode("質量強省");
        let big5 = encoding_for_label("big5").unwrap();
        let d = decode(&bytes, Some(big5), &Source::Stdin).unwrap();
        assert_eq!(d.text, "質量強省");
        assert_eq!(d.encoding.rule, EncodingRule::Forced);
    }

    #[test]
    fn unknown_label_is_an_error() {
        assert!(matches!(
            encoding_for_label("klingon"),
            Err(Error::UnknownEncoding(_))
        ));
    }
}
