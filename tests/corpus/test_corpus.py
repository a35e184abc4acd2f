"""The importer over the whole test corpus (tests/corpus/inputs), held to bench/evaluate.py's GATES.

One test: every input is parsed once, the micro-averaged totals are checked, and a failure names the
metrics that miss, their value per layout group and the inputs that pull them down. An empty or
missing corpus fails (it never skips). Debug with `.venv/bin/python bench/evaluate.py --verbose`.
"""
from .bench_modules import load_bench


evaluate = load_bench("bench_evaluate", "evaluate.py")
metrics = evaluate.metrics


def _value(values: dict, name: str) -> str:
    if name in metrics.COUNTS:
        return str(values[name])
    num, den = values["fractions"][name]
    return f"{values[name]:.4f} ({num}/{den})" if den else "-"


def test_corpus_meets_the_gates():
    inputs = evaluate.find_inputs(evaluate.DEFAULT_INPUTS)
    assert inputs, f"no corpus inputs (b<NN>-<layout>.pdf/.txt) in {evaluate.DEFAULT_INPUTS}"
    report = evaluate.run(evaluate.DEFAULT_INPUTS)
    assert len(report["rows"]) == len(inputs)
    totals = report["totals"]
    failures = evaluate.gate_failures(totals)
    if not failures:
        return

    lines = [f"{totals['inputs']} inputs in {totals['seconds']:.1f}s; gates missed: " + "; ".join(failures)]
    failing = [name for name in evaluate.GATES if any(f.startswith(name + " ") for f in failures)]
    for name in failing:
        missed = {layout: values for layout, values in report["layouts"].items() if evaluate.gate_failures(values, {name: evaluate.GATES[name]})}
        per_layout = ", ".join(f"{layout} {_value(values, name)}" for layout, values in missed.items())
        lines.append(f"{name} misses in {len(missed)}/{len(report['layouts'])} layouts: {per_layout}")
        worst = evaluate.worst_inputs(report["rows"], name)
        if worst:
            lines.append(f"{name} worst inputs: " + "; ".join(worst))
    crashes = [f"{row['input']}: {row['error']}" for row in report["rows"] if row["error"]]
    if crashes:
        lines.append("crashes: " + "; ".join(crashes[:10]) + (f" (+{len(crashes) - 10} more)" if len(crashes) > 10 else ""))
    assert not failures, "\n".join(lines)
