"""Readers: files, directories, URLs and stdin in; ``Article`` records (or InputErrors) out."""

from communique.readers.discover import find_files, read_inputs, read_path
from communique.readers.stdin import INPUT_FORMATS, read_stdin
from communique.readers.html import parse_html, read_html_file, read_url
from communique.readers.jsonl import read_jsonl_file
from communique.readers.text import MAX_BYTES, parse_header_line, parse_text, read_text_file

__all__ = [
    "INPUT_FORMATS",
    "MAX_BYTES",
    "find_files",
    "parse_header_line",
    "parse_html",
    "parse_text",
    "read_html_file",
    "read_inputs",
    "read_jsonl_file",
    "read_path",
    "read_stdin",
    "read_text_file",
    "read_url",
]
