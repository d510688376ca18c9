//! A small, strict JSON reader (RFC 8259) and string writer, for the tracker's saved data.
//!
//! Hand-written rather than serde_json to keep the wasm small: serde_json's code, with the
//! `std::io` error strings and float tables it brings along, came to roughly 35 KB of raw
//! wasm (11.7 KB gzip) in a download every visitor makes, and the saved data needs little
//! of it. Its only numbers are whole, so a number is kept as its source text and the schema
//! reads it as an integer where it wants one; no float parsing or formatting is linked.
//!
//! The reader is for hostile input (an import file can hold anything): it never panics,
//! nesting is limited to [`MAX_DEPTH`] so recursion cannot exhaust the stack, and every
//! error names the line and column where it was found.

use std::fmt;

/// How deep arrays and objects may nest. Saved data nests four levels; this leaves room to
/// spare while keeping the reader's recursion shallow whatever the input.
const MAX_DEPTH: usize = 64;

/// A JSON value.
#[derive(Debug, PartialEq, Eq)]
pub enum Json {
    Null,
    Bool(bool),
    /// The number's source text, checked against JSON's grammar (`-12`, `0.5`, `1e9`).
    Number(String),
    String(String),
    Array(Vec<Json>),
    /// Members in the order written. A key may appear twice; the schema refuses that where
    /// it reads the key.
    Object(Vec<(String, Json)>),
}

/// Why text is not JSON, and where.
#[derive(Debug, PartialEq, Eq)]
pub struct JsonError {
    reason: &'static str,
    /// Both from 1; a column counts characters, not bytes.
    line: usize,
    column: usize,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {}, column {}",
            self.reason, self.line, self.column
        )
    }
}

/// Reads one JSON value, with optional white space around it and nothing else. A byte-order
/// mark is refused like any other stray character; callers that accept one strip it first.
pub fn parse(text: &str) -> Result<Json, JsonError> {
    let mut reader = Reader { text, pos: 0 };
    let value = reader.value(0)?;
    reader.skip_space();
    if reader.pos < text.len() {
        return Err(reader.error("unexpected text after the end"));
    }
    Ok(value)
}

/// Appends `text` as a JSON string, escaped exactly as serde_json escaped it (which is what
/// saved data already holds): `"`, `\` and control characters only, the common ones as
/// `\n`, `\r`, `\t`, `\b`, `\f` and the rest as `\u00XX`; `/` and non-ASCII as they are.
pub fn write_string(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut start = 0;
    for (i, byte) in text.bytes().enumerate() {
        let short = match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'\n' => 'n',
            b'\r' => 'r',
            b'\t' => 't',
            0x08 => 'b',
            0x0c => 'f',
            0..=0x1f => 'u',
            _ => continue,
        };
        // Every byte escaped is ASCII, so `start..i` always lies on character boundaries.
        out.push_str(&text[start..i]);
        out.push('\\');
        out.push(short);
        if short == 'u' {
            out.push_str("00");
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xf)]));
        }
        start = i + 1;
    }
    out.push_str(&text[start..]);
    out.push('"');
}

/// A cursor over the text. `pos` is a byte offset that only ever rests on a character
/// boundary: it steps over ASCII one byte at a time and over anything else only inside a
/// string's plain run, which ends at an ASCII byte or the end.
struct Reader<'a> {
    text: &'a str,
    pos: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    /// Steps over `byte` if it is next.
    fn eat(&mut self, byte: u8) -> bool {
        let next = self.peek() == Some(byte);
        self.pos += usize::from(next);
        next
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// Steps over a run of digits; false if there was none.
    fn digits(&mut self) -> bool {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos > start
    }

    fn error(&self, reason: &'static str) -> JsonError {
        self.error_at(self.pos, reason)
    }

    /// Line and column are worked out only here, on failure, so reading tracks just `pos`.
    fn error_at(&self, pos: usize, reason: &'static str) -> JsonError {
        let before = &self.text.as_bytes()[..pos.min(self.text.len())];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        JsonError {
            reason: if pos >= self.text.len() {
                "unexpected end"
            } else {
                reason
            },
            line: 1 + before.iter().filter(|&&b| b == b'\n').count(),
            // Counting the bytes that start a character counts characters.
            column: 1 + before[line_start..]
                .iter()
                .filter(|&&b| b & 0xc0 != 0x80)
                .count(),
        }
    }

    /// A value inside `depth` enclosing arrays and objects.
    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.skip_space();
        match self.peek() {
            Some(b'[') => self.array(depth + 1),
            Some(b'{') => self.object(depth + 1),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.word("true", Json::Bool(true)),
            Some(b'f') => self.word("false", Json::Bool(false)),
            Some(b'n') => self.word("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.error("expected a value")),
        }
    }

    /// Steps over the `[` or `{` that opens a container at `depth`, if it may nest so deep.
    fn open(&mut self, depth: usize) -> Result<(), JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        self.pos += 1;
        self.skip_space();
        Ok(())
    }

    fn array(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.open(depth)?;
        let mut items = Vec::new();
        if self.eat(b']') {
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            self.skip_space();
            if self.eat(b']') {
                return Ok(Json::Array(items));
            }
            if !self.eat(b',') {
                return Err(self.error("expected ',' or ']'"));
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.open(depth)?;
        let mut members = Vec::new();
        if self.eat(b'}') {
            return Ok(Json::Object(members));
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a key in double quotes"));
            }
            let key = self.string()?;
            self.skip_space();
            if !self.eat(b':') {
                return Err(self.error("expected ':'"));
            }
            members.push((key, self.value(depth)?));
            self.skip_space();
            if self.eat(b'}') {
                return Ok(Json::Object(members));
            }
            if !self.eat(b',') {
                return Err(self.error("expected ',' or '}'"));
            }
        }
    }

    fn word(&mut self, word: &str, value: Json) -> Result<Json, JsonError> {
        for byte in word.bytes() {
            if !self.eat(byte) {
                return Err(self.error("expected true, false or null"));
            }
        }
        Ok(value)
    }

    /// `-`? then `0` or digits not starting with 0, then an optional fraction and exponent.
    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.pos;
        self.eat(b'-');
        let mut valid = if self.eat(b'0') {
            !matches!(self.peek(), Some(b'0'..=b'9'))
        } else {
            self.digits()
        };
        if self.eat(b'.') {
            valid &= self.digits();
        }
        if self.eat(b'e') || self.eat(b'E') {
            if !self.eat(b'+') {
                self.eat(b'-');
            }
            valid &= self.digits();
        }
        if !valid {
            return Err(self.error("invalid number"));
        }
        Ok(Json::Number(self.text[start..self.pos].to_owned()))
    }

    /// A string, `pos` at its opening quote.
    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            // Copy each run of plain characters at once. A run ends at an ASCII byte (or
            // the end), so the slice is always on character boundaries.
            let start = self.pos;
            while matches!(self.peek(), Some(b) if b >= 0x20 && b != b'"' && b != b'\\') {
                self.pos += 1;
            }
            out.push_str(&self.text[start..self.pos]);
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => out.push(self.escape()?),
                Some(_) => return Err(self.error("control character in a string")),
                None => return Err(self.error("unexpected end")),
            }
        }
    }

    /// An escape, `pos` at its backslash.
    fn escape(&mut self) -> Result<char, JsonError> {
        let start = self.pos;
        self.pos += 1;
        let simple = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let mut code = self.hex4()?;
                // A UTF-16 high surrogate joins with a low one written straight after it.
                if (0xd800..0xdc00).contains(&code)
                    && self.text.as_bytes()[self.pos..].starts_with(b"\\u")
                {
                    self.pos += 1;
                    let low = self.hex4()?;
                    if (0xdc00..0xe000).contains(&low) {
                        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
                    }
                }
                // What is left a surrogate has no pair, and is no character.
                return char::from_u32(code)
                    .ok_or_else(|| self.error_at(start, "lone surrogate in a \\u escape"));
            }
            _ => return Err(self.error("invalid escape")),
        };
        self.pos += 1;
        Ok(simple)
    }

    /// The four hex digits after `\u`, `pos` at the `u`.
    fn hex4(&mut self) -> Result<u32, JsonError> {
        self.pos += 1;
        let mut code = 0;
        for _ in 0..4 {
            let digit = self
                .peek()
                .and_then(|b| char::from(b).to_digit(16))
                .ok_or_else(|| self.error("expected four hex digits after \\u"))?;
            code = code * 16 + digit;
            self.pos += 1;
        }
        Ok(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Json {
        Json::String(s.to_owned())
    }

    fn number(s: &str) -> Json {
        Json::Number(s.to_owned())
    }

    /// The error for `input`, as "reason at line L, column C".
    fn error(input: &str) -> String {
        parse(input).unwrap_err().to_string()
    }

    fn written(s: &str) -> String {
        let mut out = String::new();
        write_string(&mut out, s);
        out
    }

    #[test]
    fn reads_every_kind_of_value() {
        let value =
            parse(" {\"a\" : [1, -2.5e3, true, false, null, \"x\"],\n\t\"b\":{},\"c\":[]}\r\n");
        assert_eq!(
            value,
            Ok(Json::Object(vec![
                (
                    "a".into(),
                    Json::Array(vec![
                        number("1"),
                        number("-2.5e3"),
                        Json::Bool(true),
                        Json::Bool(false),
                        Json::Null,
                        text("x"),
                    ])
                ),
                ("b".into(), Json::Object(vec![])),
                ("c".into(), Json::Array(vec![])),
            ]))
        );
    }

    #[test]
    fn keeps_duplicate_keys_for_the_schema_to_judge() {
        assert_eq!(
            parse("{\"a\":1,\"a\":2}"),
            Ok(Json::Object(vec![
                ("a".into(), number("1")),
                ("a".into(), number("2"))
            ]))
        );
    }

    #[test]
    fn numbers_follow_the_grammar_and_keep_their_text() {
        for ok in [
            "0",
            "-0",
            "12",
            "1.5",
            "1e5",
            "1E+5",
            "1e-05",
            "-0.0e0",
            "4294967296",
        ] {
            assert_eq!(parse(ok), Ok(number(ok)), "{ok}");
        }
        let huge = "9".repeat(100_000);
        assert_eq!(parse(&huge), Ok(number(&huge)));
        for bad in ["01", "-", "-a", "1.", "1.e5", "1e", "1e+", ".5", "+1"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert_eq!(error("[01]"), "invalid number at line 1, column 3");
        assert_eq!(error("1.x"), "invalid number at line 1, column 3");
        for bad in ["NaN", "Infinity", "0x10"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn escapes_are_read() {
        assert_eq!(
            parse(r#""\"\\\/\b\f\n\r\t\u00e9\u20AC\u0000""#),
            Ok(text("\"\\/\u{8}\u{c}\n\r\t\u{e9}\u{20ac}\0"))
        );
        assert_eq!(error(r#""\x""#), "invalid escape at line 1, column 3");
        assert_eq!(
            error(r#""\u12G4""#),
            "expected four hex digits after \\u at line 1, column 6"
        );
        assert_eq!(error(r#""\u12"#), "unexpected end at line 1, column 6");
    }

    #[test]
    fn surrogate_pairs_join_and_lone_surrogates_are_refused() {
        assert_eq!(parse(r#""\ud83d\ude00!""#), Ok(text("😀!")));
        assert_eq!(parse(r#""\uD83D\uDE00""#), Ok(text("😀")));
        assert_eq!(parse(r#""\udbff\udfff""#), Ok(text("\u{10ffff}")));
        for lone in [
            r#"["\ud83d"]"#,
            r#"["\ude00"]"#,
            r#"["\ud83dx"]"#,
            r#"["\ud83d\u0041"]"#,
            r#"["\ud83d\ud83d"]"#,
        ] {
            assert_eq!(
                error(lone),
                "lone surrogate in a \\u escape at line 1, column 3",
                "{lone}"
            );
        }
        assert_eq!(
            error(r#""\ud83d\u12""#),
            "expected four hex digits after \\u at line 1, column 12"
        );
    }

    #[test]
    fn control_characters_must_be_escaped_in_strings() {
        assert_eq!(
            error("\"a\u{1}b\""),
            "control character in a string at line 1, column 3"
        );
        assert_eq!(
            error("[\"line\nbreak\"]"),
            "control character in a string at line 1, column 7"
        );
        // DEL and everything above it are plain characters to JSON.
        assert_eq!(parse("\"\u{7f}\u{80}é\""), Ok(text("\u{7f}\u{80}é")));
    }

    #[test]
    fn nesting_is_limited_without_overflowing_the_stack() {
        let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(parse(&nested(MAX_DEPTH)).is_ok());
        assert_eq!(
            error(&nested(MAX_DEPTH + 1)),
            "nested too deeply at line 1, column 65"
        );
        // Hostile files: far deeper than any stack would survive if each level recursed.
        assert!(error(&"[".repeat(100_000)).starts_with("nested too deeply"));
        assert!(error(&"{\"a\":".repeat(100_000)).starts_with("nested too deeply"));
        assert!(error(&"[{\"a\":".repeat(50_000)).starts_with("nested too deeply"));
    }

    #[test]
    fn nothing_may_follow_the_value() {
        assert_eq!(
            error("{} x"),
            "unexpected text after the end at line 1, column 4"
        );
        assert_eq!(
            error("{}}"),
            "unexpected text after the end at line 1, column 3"
        );
        assert_eq!(
            error("1 2"),
            "unexpected text after the end at line 1, column 3"
        );
        assert_eq!(
            error("\"a\"\0"),
            "unexpected text after the end at line 1, column 4"
        );
        assert_eq!(parse("[1] \n\t\r "), Ok(Json::Array(vec![number("1")])));
    }

    #[test]
    fn empty_or_cut_short_text_is_an_unexpected_end() {
        assert_eq!(error(""), "unexpected end at line 1, column 1");
        assert_eq!(error(" \n "), "unexpected end at line 2, column 2");
        assert_eq!(error("{\"a\":[tr"), "unexpected end at line 1, column 9");
        assert_eq!(error("\"abc"), "unexpected end at line 1, column 5");
        assert_eq!(error("{\"a\""), "unexpected end at line 1, column 5");
    }

    #[test]
    fn errors_say_where_in_lines_and_characters() {
        assert_eq!(
            error("{\n  \"a\": 1,\n  \"b\" 2\n}"),
            "expected ':' at line 3, column 7"
        );
        // Columns count characters: "é" and "😀" are one column each.
        assert_eq!(
            error("[\"é😀\" x]"),
            "expected ',' or ']' at line 1, column 7"
        );
        assert_eq!(
            error("{not json"),
            "expected a key in double quotes at line 1, column 2"
        );
        assert_eq!(error("[1,]"), "expected a value at line 1, column 4");
        assert_eq!(
            error("{\"a\":1,}"),
            "expected a key in double quotes at line 1, column 8"
        );
        assert_eq!(
            error("[nul]"),
            "expected true, false or null at line 1, column 5"
        );
        assert_eq!(error("<html>"), "expected a value at line 1, column 1");
    }

    #[test]
    fn a_byte_order_mark_is_not_json() {
        // The import strips one before reading; here it is a stray character like any other.
        assert_eq!(error("\u{feff}{}"), "expected a value at line 1, column 1");
    }

    #[test]
    fn strings_are_written_as_serde_json_wrote_them() {
        assert_eq!(
            written("a\"b\\c/d\n\r\t\u{8}\u{c}\u{0}\u{1}\u{1f}\u{7f}é😀\u{2028}<>&'"),
            "\"a\\\"b\\\\c/d\\n\\r\\t\\b\\f\\u0000\\u0001\\u001f\u{7f}é😀\u{2028}<>&'\""
        );
        assert_eq!(written(""), "\"\"");
    }

    #[test]
    fn every_character_class_round_trips() {
        let all: String = (0u32..0x800)
            .chain(0xd7f0..0xe010)
            .chain([0xfeff, 0xfffd, 0x1f600, 0x10ffff])
            .filter_map(char::from_u32)
            .collect();
        assert_eq!(parse(&written(&all)), Ok(text(&all)));
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn any_string_written_reads_back(s in any::<String>()) {
                let mut out = String::new();
                write_string(&mut out, &s);
                prop_assert_eq!(parse(&out), Ok(Json::String(s)));
            }

            #[test]
            fn any_text_is_read_or_refused_without_panicking(s in any::<String>()) {
                let _ = parse(&s);
            }

            #[test]
            fn json_like_text_is_read_or_refused_without_panicking(
                s in r#"[\[\]{}",:\\/ \n0-9eE.+\-tfrnulsabué😀]{0,60}"#
            ) {
                let _ = parse(&s);
            }
        }
    }
}
