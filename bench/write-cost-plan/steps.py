"""Cumulative effect of the recommended steps, in implementation order (model.py's rules and items)."""
from model import Design, small, large, NAMES, DOC, NOW
steps = [
    Design("HEAD"),
    Design("S1 journal: After only, gzip", journal="after_gzip"),
    Design("S2 + one-item writes as conditional PutItem", journal="after_gzip", single_put=True),
    Design("S3 + journaled Creates/Replaces applied by conditional PutItem", journal="after_gzip", single_put=True,
           create_apply="put", replace_apply="put"),
    Design("S4 + primary of an account without one: claim, then PutItem", journal="after_gzip", single_put=True,
           create_apply="put", replace_apply="put", primary_claim=True),
    Design("S5 + KEYS_ONLY indexes (Lock, Version, other keys out of entries)", projection="KEYS_ONLY",
           journal="after_gzip", single_put=True, create_apply="put", replace_apply="put", primary_claim=True),
    Design("S6 (only vs HEAD) + state folded, 7 GSIs", projection="KEYS_ONLY", fold_state=True,
           journal="after_gzip", single_put=True, create_apply="put", replace_apply="put", primary_claim=True),
]
print("| step | " + " | ".join(NAMES) + " |")
print("|---|" + "---:|" * len(NAMES))
for d in steps:
    r, _ = small(d); l = large(d)
    v = [r[n] for n in NAMES[:5]] + [l["add 1000"][0], l["update 1000 Points"][0]]
    print("| %s | %s |" % (d.name, " | ".join(str(x) for x in v)))
print("| half of docs/WRITE-UNITS.md | " + " | ".join("%g" % (x / 2) for x in DOC) + " |")
print("| half of HEAD | " + " | ".join("%g" % (x / 2) for x in NOW) + " |")
