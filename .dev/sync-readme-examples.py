#!/usr/bin/env python3
"""Copies each teaching example into the README block marked <!-- example: NAME.java --> (ReadmeExamplesTest checks them)."""
import re, pathlib
root = pathlib.Path(__file__).resolve().parent.parent
src = root / "examples/src/main/java/dev/compressor/examples"
readme = root / "README.md"
text = readme.read_text()
pattern = re.compile(r"(<!-- example: (\w+\.java) -->\n```java\n)(.*?)(```\n)", re.S)
text = pattern.sub(lambda m: m.group(1) + (src / m.group(2)).read_text() + m.group(4), text)
readme.write_text(text)
