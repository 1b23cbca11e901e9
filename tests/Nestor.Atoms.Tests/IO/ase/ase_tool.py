#!/usr/bin/python3
"""Helper for Nestor's ASE interop tests (run with Debian's /usr/bin/python3 and python3-ase).

  ase_tool.py check                 print the ASE version (fails when ASE is absent)
  ase_tool.py dump FILE             read every frame with ase.io.read(FILE, index=':') and print it as JSON
  ase_tool.py write FILE            write test frames with ase.io.write (extxyz, with SinglePointCalculator
                                    results and info/arrays of every type), then print ASE's own reading of FILE
  ase_tool.py same FILE1 FILE2      read both with ASE and report whether every number, string and type agrees
  ase_tool.py repr X...             print Python's repr of each float X (given as float.hex text)

Every float is printed as its repr text ("nan", "inf", "-inf" for the special values), so no number is rounded.
"""
import json
import math
import sys
import warnings

import numpy as np
import ase
import ase.io
from ase import Atoms
from ase.calculators.singlepoint import SinglePointCalculator

warnings.simplefilter("ignore")


def num(x):
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return repr(x)


def encode(v):
    """Tagged value: type (bool, int, float, str), shape and the flat (row-major) values as strings."""
    if isinstance(v, (bool, np.bool_)):
        return {"t": "bool", "shape": [], "v": [bool(v)]}
    if isinstance(v, (int, np.integer)):
        return {"t": "int", "shape": [], "v": [str(int(v))]}
    if isinstance(v, (float, np.floating)):
        return {"t": "float", "shape": [], "v": [num(v)]}
    if isinstance(v, str):
        return {"t": "str", "shape": [], "v": [v]}
    if isinstance(v, dict):
        return {"t": "str", "shape": [], "v": ["_JSON " + json.dumps(v)]}
    if isinstance(v, (list, tuple)):
        v = np.array(v)
    if isinstance(v, np.ndarray):
        flat = v.reshape(-1)
        k = v.dtype.kind
        if k == "b":
            return {"t": "bool", "shape": list(v.shape), "v": [bool(x) for x in flat]}
        if k in "iu":
            return {"t": "int", "shape": list(v.shape), "v": [str(int(x)) for x in flat]}
        if k == "f":
            return {"t": "float", "shape": list(v.shape), "v": [num(x) for x in flat]}
        if k in "UO":
            return {"t": "str", "shape": list(v.shape), "v": [str(x) for x in flat]}
    raise TypeError("cannot encode %r" % (v,))


def dump_atoms(a):
    d = {
        "symbols": a.get_chemical_symbols(),
        "numbers": encode(a.numbers),
        "positions": encode(a.positions),
        "cell": encode(np.array(a.cell)),
        "pbc": [bool(x) for x in a.pbc],
        "masses": encode(a.get_masses()),
        "info": [[k, encode(v)] for k, v in a.info.items()],
        "arrays": [[k, encode(v)] for k, v in a.arrays.items() if k not in ("numbers", "positions")],
        "calc": [],
    }
    if a.calc is not None:
        d["calc"] = [[k, encode(v)] for k, v in a.calc.results.items()]
    return d


def dump(path):
    frames = ase.io.read(path, index=":", format="extxyz")
    return [dump_atoms(a) for a in frames]


def test_frames():
    rng = np.random.default_rng(20261125)
    frames = []

    # 1: fully periodic, mixed species, calculator results, info and arrays of every type
    cell = np.eye(3) * 6.0 + rng.uniform(-1, 1, (3, 3))
    a = Atoms(["Mg", "Al", "H", "Mg", "O"], positions=rng.uniform(0, 6, (5, 3)), cell=cell, pbc=True)
    a.set_masses(rng.uniform(1, 30, 5))
    a.set_momenta(rng.normal(size=(5, 3)))
    a.new_array("tag_i", rng.integers(-1000, 1000, 5))
    a.new_array("vec_i", rng.integers(-5, 5, (5, 3)))
    a.new_array("flag", np.array([True, False, True, True, False]))
    a.new_array("label", np.array(["a1", "b2", "c3", "d4", "e5"]))
    a.new_array("pair", rng.normal(size=(5, 2)) * 1e-7)
    a.info["step"] = 42
    a.info["big"] = 123456789012
    a.info["temp"] = 1234.5678901234567
    a.info["tiny"] = 1e-05
    a.info["huge"] = 1.5e300
    a.info["whole"] = 2.0
    a.info["negzero"] = -0.0
    a.info["notanumber"] = float("nan")
    a.info["minf"] = float("-inf")
    a.info["ok"] = True
    a.info["bad"] = False
    a.info["name"] = "mg16_0GPa"
    a.info["comment"] = "a string with spaces"
    a.info["quoted"] = 'he said "hi" there'
    a.info["eq"] = "a=b"
    a.info["ivec"] = np.array([1, -2, 3])
    a.info["fvec"] = np.array([0.1, 2.0, -3.5e-12, 4e20])
    a.info["bvec"] = np.array([True, False, True])
    a.info["virial"] = rng.normal(size=(3, 3))  # not symmetric: shows the Fortran order convention
    a.info["dft_virial"] = rng.normal(size=9)
    a.info["names"] = ["first", "second one"]
    a.info["matrix"] = rng.normal(size=(3, 3))  # 2-D arrays of other keys: ASE writes nested JSON
    a.info["imatrix"] = np.arange(6).reshape(2, 3)
    a.info["meta"] = {"a": 1, "b": [1.5, 2]}
    a.calc = SinglePointCalculator(a, energy=float(rng.normal()) * 100, free_energy=float(rng.normal()) * 100,
                                   forces=rng.normal(size=(5, 3)), stress=rng.normal(size=6) * 0.01)
    frames.append(a)

    # 2: partial pbc, velocities (stored as momenta), standard masses
    b = Atoms(["Mg"] * 3, positions=rng.uniform(-3, 3, (3, 3)), cell=[[5, 0, 0], [0.5, 5, 0], [0, 0, 20]],
              pbc=[True, True, False])
    b.set_velocities(rng.normal(size=(3, 3)) * 0.01)
    b.info["config_type"] = "slab"
    b.calc = SinglePointCalculator(b, energy=-3.25, forces=rng.normal(size=(3, 3)))
    frames.append(b)

    # 3: a molecule without a cell
    c = Atoms(["H", "H"], positions=[[0, 0, 0], [0, 0, 0.74]])
    c.info["charge"] = 0
    frames.append(c)
    return frames


def values_equal(x, y):
    if type(x) != type(y):
        return False
    if isinstance(x, np.ndarray):
        if x.dtype.kind != y.dtype.kind or x.shape != y.shape:
            return False
        if x.dtype.kind == "f":
            return np.array_equal(x, y, equal_nan=True) and np.array_equal(np.signbit(x), np.signbit(y))
        return np.array_equal(x, y)
    if isinstance(x, float):
        return (math.isnan(x) and math.isnan(y)) or (x == y and math.copysign(1, x) == math.copysign(1, y))
    if isinstance(x, (list, tuple)):
        return len(x) == len(y) and all(values_equal(p, q) for p, q in zip(x, y))
    return x == y


def same(p1, p2):
    f1 = ase.io.read(p1, index=":", format="extxyz")
    f2 = ase.io.read(p2, index=":", format="extxyz")
    diffs = []
    if len(f1) != len(f2):
        diffs.append("frame counts %d != %d" % (len(f1), len(f2)))
    for i, (a, b) in enumerate(zip(f1, f2)):
        def check(what, x, y):
            if not values_equal(x, y):
                diffs.append("frame %d: %s differs: %r != %r" % (i, what, x, y))
        check("symbols", a.get_chemical_symbols(), b.get_chemical_symbols())
        check("positions", a.positions, b.positions)
        check("cell", np.array(a.cell), np.array(b.cell))
        check("pbc", a.pbc, b.pbc)
        check("info keys", list(a.info.keys()), list(b.info.keys()))
        for k in a.info:
            if k in b.info:
                check("info[%s]" % k, a.info[k], b.info[k])
        check("array keys", list(a.arrays.keys()), list(b.arrays.keys()))
        for k in a.arrays:
            if k in b.arrays:
                check("arrays[%s]" % k, a.arrays[k], b.arrays[k])
        r1 = a.calc.results if a.calc is not None else {}
        r2 = b.calc.results if b.calc is not None else {}
        check("calc keys", sorted(r1.keys()), sorted(r2.keys()))
        for k in r1:
            if k in r2:
                check("calc[%s]" % k, r1[k], r2[k])
    return {"equal": not diffs, "frames": len(f1), "diffs": diffs[:20]}


def main(argv):
    cmd = argv[1]
    if cmd == "check":
        out = {"ase": ase.__version__, "numpy": np.__version__}
    elif cmd == "dump":
        out = dump(argv[2])
    elif cmd == "write":
        ase.io.write(argv[2], test_frames(), format="extxyz")
        out = dump(argv[2])
    elif cmd == "same":
        out = same(argv[2], argv[3])
    elif cmd == "repr":
        out = [num(float.fromhex(x)) for x in argv[2:]]
    else:
        raise SystemExit("unknown command " + cmd)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv)
