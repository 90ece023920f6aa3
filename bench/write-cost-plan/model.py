#!/usr/bin/env python3
"""Write units of issue 13's scenarios under candidate designs.

Applies devkit's WriteUnitMeter rules (units per started KB, max(before, after); transactional table item x2; per GSI:
appear = put, disappear = delete, key change = delete + put, same key = write only if a projected attribute changed;
entry = projected attributes + table keys + index keys; ConditionCheck = 2 x item; BatchWrite = each put/delete) to
items built from MembershipTable's real attribute names and value formats, and the 1 KB membership of WriteUnitsTest
(own fields 1,000 bytes; the stored item measured by a probe run of WriteUnitsTest at HEAD: 1,477 bytes, shard 2).

Usage: python3 model.py            -> markdown tables on stdout
"""
import gzip, json, math, random, string, sys

KB = 1024
CHAIN = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
PROGRAM = "0b6c2d4e-2222-4a2b-8c3d-000000000002"
MID = "01a24e5d-036d-7000-9ddc-056e4ea7734c"
ACCOUNT = "67e8e8b9-02ca-4c2a-9619-7269624de1f5"
TIER = "23b88cdf-fef7-49db-9faa-8aeb203f1eee"
T0 = "2026-12-07T02:37:28.301Z"
T1 = "2026-12-07T02:37:29.402Z"
T2 = "2026-12-07T02:37:30.503Z"
T3 = "2026-12-07T02:37:31.604Z"
WRITE_ID = "7d9c1e0a-5b1f-4c55-9a51-2f9d3f0c1b11"


def units(size):
    return max(1, -(-size // KB))


def num_size(n):
    s = str(n).replace("-", "").replace(".", "").lstrip("0").rstrip("0")
    return (len(s) + 1) // 2 + 1


def val_size(v):
    if isinstance(v, bool):
        return 1
    if isinstance(v, (int,)):
        return num_size(v)
    if isinstance(v, bytes):
        return len(v)
    if isinstance(v, str):
        return len(v.encode())
    if isinstance(v, list):
        return 3 + sum(val_size(e) + 1 for e in v)
    if isinstance(v, dict):
        return 3 + sum(len(k.encode()) + val_size(e) + 1 for k, e in v.items())
    raise TypeError(v)


def size(item):
    return sum(len(k.encode()) + val_size(v) for k, v in item.items())


# ---------------------------------------------------------------- designs

class Design:
    """fold_state: state in the chain listing and program partition keys, no ByState/ByStateUpdated."""

    def __init__(self, name, projection="ALL", include=None, fold_state=False, single_put=False,
                 primary_claim=False, journal="full", create_apply="txn", replace_apply="txn", hold="txn"):
        self.name = name
        self.projection = projection          # ALL | KEYS_ONLY | INCLUDE
        self.include = include or {}          # index -> set of non-key attributes (INCLUDE)
        self.fold_state = fold_state
        self.single_put = single_put          # one-item writes as a conditional PutItem, no transaction
        self.primary_claim = primary_claim    # pointer claimed by PutItem, then membership PutItem (no transaction)
        self.journal = journal                # full (Before+After, as today) | after | after_gzip
        self.create_apply = create_apply      # txn | put  (journaled Creates)
        self.replace_apply = replace_apply    # txn | put  (journaled Replaces, conditional on own Lock)
        self.hold = hold                      # txn (with ownedBy) as today

    def indexes(self):
        ix = [("ByChain", "ListKey", "Id"), ("ByChainUpdated", "ListKey", "UpdatedKey"),
              ("ByAccount", "AccountKey", "Id"), ("ByProgram", "ProgramKey", "Id"),
              ("ByProgramUpdated", "ProgramKey", "UpdatedKey")]
        if not self.fold_state:
            ix += [("ByState", "StateKey", "Id"), ("ByStateUpdated", "StateKey", "UpdatedKey")]
        ix += [("ByMembershipNumber", "NumberKey", "Id"), ("ByProviderMembershipId", "ProviderKey", "Id")]
        return ix

    def entry(self, index, item):
        name, pk, sk = index
        if item is None or pk not in item or sk not in item:
            return None
        if self.projection == "ALL":
            return dict(item)
        keep = {"PK", "SK", pk, sk} | (self.include.get(name, set()) if self.projection == "INCLUDE" else set())
        return {k: v for k, v in item.items() if k in keep}


def membership(d, url_len, state="Enrolled", activity="A", points=10, updated=T0, version=1, shard=2,
               primary=False, lock=None, mid=MID, account=ACCOUNT, number="MBR-00000001"):
    suffix = "" if shard == 0 else "#%d" % shard
    base = CHAIN + "#" + activity
    it = {"PK": "MEMBERSHIP#" + mid, "SK": "MEMBERSHIP"}
    if d.fold_state:
        it["ListKey"] = base + "#" + state + suffix
        it["ProgramKey"] = base + "#" + PROGRAM + "#" + state + suffix
    else:
        it["ListKey"] = base + suffix
        it["ProgramKey"] = base + "#" + PROGRAM + suffix
        it["StateKey"] = base + "#" + state + suffix
    it.update({"Id": mid, "UpdatedKey": updated + "#" + mid, "AccountKey": base + "#" + account,
               "NumberKey": base + "#" + number})
    own = {"ChainId": CHAIN, "AccountId": account, "LoyaltyProgramId": PROGRAM, "State": state,
           "MembershipNumber": number, "ExpirationDate": "2030-06-30T00:00:00Z",
           "Url": "https://rewards.example.com/member/" + "x" * url_len, "LoyaltyTierId": TIER,
           "CreatorProfile": "Integration", "UpdaterProfile": "Integration", "CreatedUtc": T0,
           "UpdatedUtc": updated, "ActivityState": {"A": "Active", "D": "Deleted"}[activity],
           "IsPrimary": primary, "Points": points}
    it.update(own)
    it["Version"] = version
    if lock:
        it["Lock"] = lock
    return it


OWN = {"Id", "ChainId", "AccountId", "LoyaltyProgramId", "State", "IsPrimary", "Points", "MembershipNumber",
       "ProviderMembershipId", "ExpirationDate", "Url", "LoyaltyTierId", "CreatorProfile", "UpdaterProfile",
       "CreatedUtc", "UpdatedUtc", "ActivityState"}


def own_size(item):
    return size({k: v for k, v in item.items() if k in OWN})


def calibrate(d):
    n = 100
    n += 1000 - own_size(membership(d, n))
    assert own_size(membership(d, n)) == 1000
    return n


def written(d, before, after, txn):
    """(table units, {index: units}) of one applied write: WriteUnitMeter.written."""
    s = max(size(before) if before else 0, size(after) if after else 0)
    out = {}
    for ix in d.indexes():
        old, new = d.entry(ix, before), d.entry(ix, after)
        if old is None and new is None:
            u = 0
        elif old is None:
            u = units(size(new))
        elif new is None:
            u = units(size(old))
        elif any(old[k] != new[k] for k in ix[1:]):
            u = units(size(old)) + units(size(new))
        else:
            u = 0 if old == new else units(size(new))
        if u:
            out[ix[0]] = u
    return units(s) * (2 if txn else 1), out


def total(parts):
    return sum(t + sum(i.values()) for t, i in parts)


POINTER = {"PK": "PRIMARY#" + CHAIN + "#" + ACCOUNT, "SK": "PRIMARY", "ChainId": CHAIN, "AccountId": ACCOUNT,
           "MembershipId": MID}
TOKEN = 1  # GCRA: the token item < 1 KB, 1 conditional UpdateItem per request (docs/DECISIONS.md, TokenItemSizeTest)


def small(d):
    u = calibrate(d)
    r = {}
    a = membership(d, u)
    r["add 1"] = TOKEN + total([written(d, None, a, not d.single_put)])
    b = membership(d, u, points=20, updated=T1, version=2)
    r["update Points"] = TOKEN + total([written(d, a, b, not d.single_put)])
    c = membership(d, u, points=20, state="Pending", updated=T2, version=3)
    r["update State"] = TOKEN + total([written(d, b, c, not d.single_put)])
    e = membership(d, u, points=20, state="Pending", activity="D", updated=T3, version=4)
    r["delete 1"] = TOKEN + total([written(d, c, e, not d.single_put)])
    p = membership(d, u, primary=True)
    if d.primary_claim:
        claim = dict(POINTER, Claim=WRITE_ID, ClaimUntil=1796610000000)
        r["add 1 primary"] = TOKEN + total([written(d, None, claim, False), written(d, None, p, False)])
    else:
        r["add 1 primary"] = TOKEN + total([written(d, None, p, True), written(d, None, POINTER, True)])
    return r, a


# ---------------------------------------------------------------- journaled writes

def journal_value(d, writes, url_len):
    """The Writes attribute of a part: a list of maps (today) or one gzip'd binary."""
    if d.journal == "full":
        return [w for w in writes]
    slim = []
    for w in writes:
        slim.append({k: v for k, v in w.items() if k != "Before"})
    if d.journal == "after":
        return slim
    # after_gzip: the After's own fields (keys are computed again from them) as JSON, gzip'd.
    docs = [{"T": w["T"], "After": {k: v for k, v in w["After"].items() if k in OWN | {"Version"}}} for w in slim]
    return gzip.compress(json.dumps(docs, separators=(",", ":")).encode(), 6)


def part_item(d, i, writes, url_len):
    return {"PK": "JOURNAL#" + WRITE_ID, "SK": "PART#%04d" % i, "Writes": journal_value(d, writes, url_len)}


HEAD = {"PK": "JOURNALS", "SK": WRITE_ID, "Owner": WRITE_ID, "State": "APPLYING", "LeaseUntil": 1796610000000,
        "Transactions": 11}
APPLIED = {"PK": "JOURNAL#" + WRITE_ID, "SK": "APPLIED#0000"}


def fake_ids(n, seed):
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        out.append(("01a24e5d-%04x-7000-%04x-%012x" % (0x4000 + i, rnd.getrandbits(16), rnd.getrandbits(48)),
                    "%08x-%04x-4%03x-a%03x-%012x" % (rnd.getrandbits(32), rnd.getrandbits(16), rnd.getrandbits(12),
                                                     rnd.getrandbits(12), rnd.getrandbits(48)),
                    rnd.randrange(32)))
    return out


def random_url(d, item, rnd):
    """Same size, incompressible tail: what a real Url could be (a pessimistic case for gzip)."""
    n = len(item["Url"]) - len("https://rewards.example.com/member/")
    item = dict(item)
    item["Url"] = "https://rewards.example.com/member/" + "".join(rnd.choice(string.ascii_letters + string.digits)
                                                                   for _ in range(n))
    return item


def large(d, realistic_url=False):
    u = calibrate(d)
    rnd = random.Random(7)
    ids = fake_ids(1000, 1)
    news = []
    for k, (mid, acc, shard) in enumerate(ids):
        m = membership(d, u, mid=mid, account=acc, shard=shard, number="MBR-%08d" % (k + 3))
        news.append(random_url(d, m, rnd) if realistic_url else m)
    res = {}
    # ---- add 1000: 11 parts of 98 creates (ChangeWriter.pack, MAX_ACTIONS - 2)
    parts = [news[i:i + 98] for i in range(0, 1000, 98)]
    apply_units = 0
    for m in news:
        apply_units += total([written(d, None, m, d.create_apply == "txn")])
    journal_units = 0
    for i, p in enumerate(parts):
        item = part_item(d, i, [{"T": "Create", "After": m} for m in p], u)
        journal_units += 2 * units(size(item))          # BatchWrite put, then delete
    markers = len(parts) * ((2 if d.create_apply == "txn" else 1) + 1)
    heads = 3 + (2 * len(parts) if d.create_apply == "txn" else 0)   # put, point of no return, delete; ownedBy checks
    res["add 1000"] = (TOKEN + apply_units + journal_units + markers + heads,
                       dict(apply=apply_units, journal=journal_units + markers, heads=heads))
    # ---- update 1000 Points: hold (99 per txn + ownedBy), 11 parts of 98 replaces
    olds = news
    afters = [dict(m, Points=20, UpdatedUtc=T1, UpdatedKey=T1 + "#" + m["Id"], Version=2) for m in olds]
    held = [dict(m, Lock=WRITE_ID) for m in olds]
    hold_units = sum(total([written(d, o, h, True)]) for o, h in zip(olds, held))
    hold_txns = math.ceil(1000 / 99)
    apply_units = sum(total([written(d, h, a, d.replace_apply == "txn")]) for h, a in zip(held, afters))
    parts = [list(zip(olds[i:i + 98], afters[i:i + 98])) for i in range(0, 1000, 98)]
    journal_units = 0
    for i, p in enumerate(parts):
        item = part_item(d, i, [{"T": "Replace", "Before": o, "After": a} for o, a in p], u)
        journal_units += 2 * units(size(item))
    markers = len(parts) * ((2 if d.replace_apply == "txn" else 1) + 1)
    heads = 3 + 2 * hold_txns + (2 * len(parts) if d.replace_apply == "txn" else 0)
    res["update 1000 Points"] = (TOKEN + hold_units + apply_units + journal_units + markers + heads,
                                 dict(hold=hold_units, apply=apply_units, journal=journal_units + markers,
                                      heads=heads))
    return res


# ---------------------------------------------------------------- reads (getAll, Count 100, one chain, 32 shards)

def reads(d, item):
    """Read units of a Count-100 chain page: Query per shard (sum of entries, per 4 KB, eventual = 0.5), then, when
    entries do not carry the membership, one BatchGetItem of the 100 answered (per item per 4 KB; strong = 1)."""
    parts = 32 * (5 if d.fold_state else 1)
    per_part = math.ceil(101 / parts) + 1                  # share + ~1 read past it (DECISIONS: ~1.6 per partition)
    ix = d.indexes()[0]
    e = d.entry(ix, item)
    q = parts * 0.5 * max(1, math.ceil(per_part * size(e) / 4096))
    if d.projection == "ALL":
        return dict(partitions=parts, query_ru=q, batch_ru=0, requests=parts, rounds=math.ceil(parts / 32))
    b = 100 * 1.0 * math.ceil(size(item) / 4096)            # consistent, as BatchReader reads today
    return dict(partitions=parts, query_ru=q, batch_ru=b, requests=parts + 1, rounds=math.ceil(parts / 32) + 1)


DESIGNS = [
    Design("0 today (HEAD, token 1)"),
    Design("1 KEYS_ONLY x9", projection="KEYS_ONLY"),
    Design("2 = 1 + single-item PutItem", projection="KEYS_ONLY", single_put=True),
    Design("3 = 2 + journal After-only gzip", projection="KEYS_ONLY", single_put=True, journal="after_gzip"),
    Design("4 = 3 + journaled Creates/Replaces by conditional PutItem", projection="KEYS_ONLY", single_put=True,
           journal="after_gzip", create_apply="put", replace_apply="put"),
    Design("5 = 4 + primary by claim, then PutItem", projection="KEYS_ONLY", single_put=True,
           journal="after_gzip", create_apply="put", replace_apply="put", primary_claim=True),
    Design("6 = 5 + state folded into ListKey/ProgramKey (7 GSIs)", projection="KEYS_ONLY", single_put=True,
           journal="after_gzip", create_apply="put", replace_apply="put", primary_claim=True, fold_state=True),
    Design("7 = 1 + state folded, transactions kept", projection="KEYS_ONLY", fold_state=True,
           journal="after_gzip"),
    Design("8 INCLUDE State on ByProgram*, rest as 5", projection="INCLUDE",
           include={"ByProgram": {"State"}, "ByProgramUpdated": {"State"}}, single_put=True,
           journal="after_gzip", create_apply="put", replace_apply="put", primary_claim=True),
    Design("9 ALL, only transactions/journal changed", single_put=True, journal="after_gzip", create_apply="put",
           replace_apply="put", primary_claim=True),
]

NAMES = ["add 1", "update Points", "update State", "delete 1", "add 1 primary", "add 1000", "update 1000 Points"]
DOC = [23, 29, 31, 39, 25, 23041, 52003]       # docs/WRITE-UNITS.md (token 3)
NOW = [21, 27, 29, 37, 23, 23051, 52029]       # WriteUnitsTest at HEAD, token 1 (probe run)
TARGET = [min(a, b) // 2 for a, b in zip(DOC, NOW)]


def main():
    print("target (floor of half of min(doc, HEAD)):", dict(zip(NAMES, TARGET)))
    rows = []
    for d in DESIGNS:
        r, item = small(d)
        l = large(d)
        lr = large(d, realistic_url=True)
        vals = [r[n] for n in NAMES[:5]] + [l["add 1000"][0], l["update 1000 Points"][0]]
        real = [lr["add 1000"][0], lr["update 1000 Points"][0]]
        rows.append((d, vals, real, l, reads(d, item), item))
    print("\n| design | " + " | ".join(NAMES) + " | all <= half | add/upd 1000, random Url |")
    print("|---|" + "---:|" * len(NAMES) + "---|---|")
    for d, vals, real, l, rd, item in rows:
        ok = "doc %s / HEAD %s" % ("yes" if all(2 * v <= t for v, t in zip(vals, DOC)) else "no",
                                  "yes" if all(2 * v <= t for v, t in zip(vals, NOW)) else "no")
        cells = ["%d (%.2f)" % (v, v / n) for v, n in zip(vals, NOW)]
        print("| %s | %s | %s | %d / %d |" % (d.name, " | ".join(cells), ok, real[0], real[1]))
    print("\nbreakdown of journaled writes (test data):")
    for d, vals, real, l, rd, item in rows:
        print(" ", d.name, l["add 1000"][1], l["update 1000 Points"][1])
    print("\nreads of a Count-100 chain page:")
    for d, vals, real, l, rd, item in rows:
        print(" ", d.name, rd)
    d = DESIGNS[1]
    u = calibrate(d)
    it = membership(d, u)
    print("\nstored item", size(it), "own", own_size(it), "service", size(it) - own_size(it))
    for ix in d.indexes():
        e = d.entry(ix, it)
        print("  KEYS_ONLY entry", ix[0], None if e is None else size(e))
    print("  ALL entry", size(it), "units", units(size(it)))
    inc = DESIGNS[8]
    print("  INCLUDE State ByProgram entry", size(inc.entry(("ByProgram", "ProgramKey", "Id"), it)))
    # shortest conceivable service attributes: PK 'M#'+id, SK 'M', Version
    minimal = 2 + 2 + 36 + 2 + 1 + 7 + 2
    print("  minimal service attrs", minimal, "-> item", 1000 + minimal, "units", units(1000 + minimal))
    # journal part sizes
    for d in (DESIGNS[0], DESIGNS[3]):
        for real in (False, True):
            uu = calibrate(d)
            rnd = random.Random(7)
            ms = [membership(d, uu, mid=m, account=a, shard=s) for m, a, s in fake_ids(98, 1)]
            if real:
                ms = [random_url(d, m, rnd) for m in ms]
            p = part_item(d, 0, [{"T": "Create", "After": m} for m in ms], uu)
            print("  part of 98 creates", d.journal, "random Url" if real else "test Url", size(p),
                  "units", units(size(p)))


if __name__ == "__main__":
    main()
