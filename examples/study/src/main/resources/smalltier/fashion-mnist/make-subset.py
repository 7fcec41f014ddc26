#!/usr/bin/env python3
"""Writes the committed Fashion-MNIST subset from the original gzipped IDX files.

Usage: python3 make-subset.py /usr/share/datasets/fashion-mnist [N_TRAIN]
(the directory of Debian's dataset-fashion-mnist package: apt-get download dataset-fashion-mnist;
dpkg-deb -x dataset-fashion-mnist_*.deb /tmp/x). Keeps the first N_TRAIN (default 20000) training
examples in file order and the whole test split; gzip level 9 with mtime 0, so output is byte-stable.
"""
import gzip, shutil, struct, sys

src = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 20000

def cut(name, per_item):
    with gzip.open(f"{src}/{name}", "rb") as f:
        data = f.read()
    magic = struct.unpack(">I", data[:4])[0]
    dims = magic & 0xff
    shape = list(struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims]))
    shape[0] = min(n, shape[0])
    body = data[4 + 4 * dims: 4 + 4 * dims + shape[0] * per_item]
    with open(name, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0, filename="") as out:
        out.write(struct.pack(">I", magic) + struct.pack(">" + "I" * dims, *shape) + body)

cut("train-images-idx3-ubyte.gz", 784)
cut("train-labels-idx1-ubyte.gz", 1)
for name in ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"):
    shutil.copyfile(f"{src}/{name}", name)
