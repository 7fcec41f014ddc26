#!/usr/bin/env python3
"""Prints the recovery rows of docs/small-tier-recovery/README.md from a results.jsonl, in the exact
format DocumentedFiguresTest#smallTierRecoveryFiguresAreTheCellRecords checks."""
import json, sys

NETS = ["vgg8", "vgg10", "resnet11", "resnet20", "resnet29", "inception_v1", "inception_v2", "inception_v3",
        "inception_v4", "mobilenet"]
BASES = ["prune50", "prune90", "channel50", "int4", "int2", "deep_compression"]
cells = {}
for line in open(sys.argv[1]):
    if line.strip():
        r = json.loads(line)
        cells[(r["network"], r["setting"])] = r

def top1(r):
    a = r["accuracy"]
    return "%.4f (%+.2f)" % (a["top1"], a["top1DeltaPoints"])

print("| network | setting | one-shot | recalibrated | fine-tuned | fine-tuning wall time, minibatches |")
print("| --- | --- | ---: | ---: | ---: | --- |")
for n in NETS:
    for b in BASES:
        one, recal, ft = (cells.get((n, s)) for s in (b, b + "_recal", b + "_ft"))
        if not (one and recal and ft) or ft["status"] != "ok":
            continue
        p = ft["provenance"]
        print("| %s | %s | %s | %s | %s | %s s, %s |" % (n, b, top1(one), top1(recal), top1(ft),
                                                          p["fineTuning.wallSeconds"], p["fineTuning.iterations"]))
controls = [(n, cells[(n, "fp32_ft")]) for n in NETS if (n, "fp32_ft") in cells]
if controls:
    print("\ncontrol, fp32_ft: " + ", ".join("%s %s (%s s, %s minibatches)" % (
        n, top1(r), r["provenance"]["fineTuning.wallSeconds"], r["provenance"]["fineTuning.iterations"])
        for n, r in controls))
one, ft = cells.get(("nmt", "prune50")), cells.get(("nmt", "prune50_ft"))
if one and ft and ft["status"] == "ok":
    p = ft["provenance"]
    print("\nnmt: BLEU %.2f one-shot, %.2f fine-tuned (%s s, %s minibatches), fp32 %.2f" % (
        one["translation"]["bleu"], ft["translation"]["bleu"], p["fineTuning.wallSeconds"],
        p["fineTuning.iterations"], ft["translation"]["fp32Bleu"]))
