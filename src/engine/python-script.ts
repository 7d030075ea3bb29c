// The reproduction script: a short numpy program that replays a run file's expected-form training (THEORY 2.2) in
// float64 and compares its losses with the recorded ones. ONE text, served by the app's "Download Python script"
// and by `npm run simulate -- --script`; it mirrors reference.ts (a test runs it). Imports nothing.

/** The file name the app and the CLI's examples use. */
export const REPLAY_SCRIPT_NAME = 'locality-lab-replay.py';

/** The script (String.raw: its backslashes are Python's). */
export const REPLAY_SCRIPT = String.raw`"""Replays a Locality Lab run file in plain numpy (float64) and compares the losses with the recorded ones.

Usage:  python3 replay.py run.json [--plot] [--save-plot loss.png] [--no-plot]

Every run of the expected gradient is retrained from its recorded initial weights, the file's teacher and (RFLO)
its feedback R with the exact expected-form updates of THEORY 2.2:

    M_j = W^j B,   E_j = A M_j - A* W*^j B*          (impulse-response errors, j = 0..T-1)
    C_t = E[eps_T h_t^T] = sum_{m<t} E_{T-t+m} M_m^T,   X_k = E[eps_T x_k^T] = E_{T-1-k}
    dA = C_T;   dW = sum_s credit_s^T C_{T-1-s};   dB = sum_s credit_s^T X_{T-1-s}
    credit_s^T = (W^T)^s A^T (BPTT; tBPTT keeps s < k), w^s R^T (RFLO), diag(W)^s A^T (e-prop)
    theta <- theta - lr * d_theta

The sequence loss averages the final-step update over the horizons tau = 1..T. The loss at each recorded step
is printed against the file's, with the largest relative difference per run. The app trains in float32, so
expect differences of about 1e-6 to 1e-4, growing with the number of steps. Sampled-gradient runs drew random
minibatches that the file does not hold, so they are not replayed.

Needs numpy; matplotlib only for the figure (saved next to the run file when matplotlib is installed, shown in
a window with --plot).
"""
import argparse
import json
import sys

import numpy as np


def matrix(rows):
    return np.array(rows, dtype=float)


def expected_update(rule, A, W, B, R, teacher_E, T, loss, what, k):
    """(dA, dW, dB) of THEORY 2.2 for one rule; the sequence loss averages horizons tau = 1..T."""
    M = [B]
    for _ in range(1, T):
        M.append(W @ M[-1])
    E = [A @ M[j] - teacher_E[j] for j in range(T)]
    # G[d] = C_{tau-d} for the current horizon tau, grown one horizon at a time:
    # going from tau-1 to tau adds the term m = tau-1-d, E_{tau-1} M_{tau-1-d}^T, to every lag d < tau
    G = []
    horizons = [T] if loss == "final" else range(1, T + 1)
    dA = np.zeros_like(A)
    dW = np.zeros_like(W)
    dB = np.zeros_like(B)
    for tau in range(1, T + 1):
        G.append(np.zeros_like(A))
        for d in range(tau):
            G[d] = G[d] + E[tau - 1] @ M[tau - 1 - d].T
        if tau not in horizons:
            continue
        lags = min(k, tau) if rule == "tbptt" else tau
        # Horner over the lags s = lags-1 .. 0: S <- K S + V_s, with V_s = C_{tau-1-s} = G[s+1] (zero when
        # s = tau-1) for dW and V_s = X_{tau-1-s} = E_s for dB; K is the rule's step back in time
        SW = np.zeros((A.shape[0], W.shape[0]) if rule == "rflo" else W.shape)
        SB = np.zeros((A.shape[0], B.shape[1]) if rule == "rflo" else B.shape)
        for s in range(lags - 1, -1, -1):
            CW = G[s + 1] if s + 1 < tau else np.zeros_like(A)
            if rule == "rflo":  # the scalar decay w^s; R^T is applied once at the end
                SW, SB = what * SW + CW, what * SB + E[s]
            elif rule == "eprop":  # the Jacobian chain's diagonal: row scaling by diag(W)
                SW = np.diag(W)[:, None] * SW + A.T @ CW
                SB = np.diag(W)[:, None] * SB + A.T @ E[s]
            else:  # bptt, tbptt: the true chain W^T
                SW, SB = W.T @ SW + A.T @ CW, W.T @ SB + A.T @ E[s]
        if rule == "rflo":
            SW, SB = R.T @ SW, R.T @ SB
        dA, dW, dB = dA + G[0], dW + SW, dB + SB
    n = len(horizons)
    return dA / n, dW / n, dB / n


def expected_loss(A, W, B, teacher_E, T, loss):
    """Final: 1/2 sum_j |E_j|^2;  sequence: 1/2 sum_j (T-j)/T |E_j|^2 (the average of L_tau over tau = 1..T)."""
    total, AWj = 0.0, A
    for j in range(T):
        weight = 1.0 if loss == "final" else (T - j) / T
        total += weight * np.sum((AWj @ B - teacher_E[j]) ** 2)
        AWj = AWj @ W
    return 0.5 * total


def replay(run, params, teacher_E):
    """Trains one run from its initial weights; returns the loss at every recorded step (None when not finite)."""
    T, lr, loss = params["T"], params["lr"], params["loss"]
    A, W, B = (matrix(run["initial"][x]) for x in "AWB")
    R = matrix(run["R"]) if run["rule"] == "rflo" else None
    # a diverged run stopped at its first bad step and kept those weights
    stop = run["diverged"]["step"] if run.get("diverged") else None
    losses, step = [], 0
    for target in run["history"]["step"]:
        while step < target and (stop is None or step < stop):
            dA, dW, dB = expected_update(
                run["rule"], A, W, B, R, teacher_E, T, loss, params["what"], params["truncation"]
            )
            A, W, B = A - lr * dA, W - lr * dW, B - lr * dB
            step += 1
        value = expected_loss(A, W, B, teacher_E, T, loss)
        losses.append(float(value) if np.isfinite(value) else None)
    return losses


def largest_relative_difference(steps, replayed, recorded):
    """(difference, step, recorded loss) where |replayed - recorded| / |recorded| is largest; non-finite skipped."""
    worst = (0.0, None, None)
    for step, a, b in zip(steps, replayed, recorded):
        if a is not None and b is not None and b != 0 and abs(a - b) / abs(b) >= worst[0]:
            worst = (abs(a - b) / abs(b), step, b)
    return worst


def plot(path, rows, show):
    try:
        import matplotlib

        if not show:
            matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        if show:
            sys.exit("--plot needs matplotlib: pip install matplotlib (or apt-get install python3-matplotlib)")
        print("(matplotlib is not installed: no figure)")
        return
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for k, (label, steps, recorded, replayed) in enumerate(rows):
        colour = f"C{k % 10}"
        ax.plot(steps, [np.nan if v is None else v for v in recorded], color=colour, lw=2.5, alpha=0.4,
                label=f"{label} (run file)")
        ax.plot(steps, [np.nan if v is None else v for v in replayed], color=colour, lw=1, ls="--",
                label=f"{label} (numpy replay)")
    ax.set_yscale("log")
    ax.set_xlabel("training step")
    ax.set_ylabel("expected loss")
    ax.legend(fontsize=8)
    fig.tight_layout()
    if path:
        fig.savefig(path, dpi=120)
        print(f"figure: {path}")
    if show:
        plt.show()


def main(argv):
    parser = argparse.ArgumentParser(description="Replays a Locality Lab run file's expected-form training.")
    parser.add_argument("run_file", help="the run file (JSON) written by the app or 'npm run simulate'")
    parser.add_argument("--plot", action="store_true", help="show the figure in a window (needs matplotlib)")
    parser.add_argument("--save-plot", metavar="PNG", help="where to save the figure (default: beside the run file)")
    parser.add_argument("--no-plot", action="store_true", help="no figure")
    opts = parser.parse_args(argv)
    try:
        with open(opts.run_file, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as err:
        sys.exit(f"cannot read {opts.run_file}: {err}")
    if data.get("format") != "locality-lab-run" or data.get("version") != 1:
        sys.exit(f"{opts.run_file} is not a version-1 Locality Lab run file")
    params = data["params"]
    if params["gradient"] != "expected":
        print(
            f"{opts.run_file}: gradient = {params['gradient']}: its runs trained on random minibatches that the "
            "run file does not hold, so they cannot be replayed exactly (rerun with gradient = expected)"
        )
        return 0
    teacher = {x: matrix(data["teacher"][x]) for x in "AWB"}
    teacher_E, AWj = [], teacher["A"]
    for _ in range(params["T"]):
        teacher_E.append(AWj @ teacher["B"])
        AWj = AWj @ teacher["W"]
    print(f"{params['task']} task, {params['loss']} loss, T = {params['T']}, lr = {params['lr']}, "
          f"k = {params['truncation']}, what = {params['what']}")
    rows, worst = [], 0.0
    for k, run in enumerate(data["runs"]):
        label = f"{run['rule']} seed {run['seed']}"
        if run["rule"] == "rflo" and "R" not in run:
            print(f"runs[{k}] {label}: skipped, the run file does not hold its feedback R")
            continue
        replayed = replay(run, params, teacher_E)
        recorded = run["history"]["loss"]
        steps = run["history"]["step"]
        diff, at, value = largest_relative_difference(steps, replayed, recorded)
        worst = max(worst, diff)
        last = "not finite" if replayed[-1] is None else f"{replayed[-1]:.6e}"
        where = f" (step {at}, loss {value:.2e})" if at is not None else ""
        note = f"; diverged at step {run['diverged']['step']}" if run.get("diverged") else ""
        print(f"runs[{k}] {label:<16} steps 0..{steps[-1]}: final loss {last}, "
              f"max relative difference {diff:.2e}{where}{note}")
        rows.append((label, steps, recorded, replayed))
    print(f"largest relative difference over all runs: {worst:.2e}")
    if not opts.no_plot:
        save = opts.save_plot or (None if opts.plot else opts.run_file.rsplit(".", 1)[0] + ".replay.png")
        plot(save, rows, opts.plot)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
`;
