#!/usr/bin/env python3
"""Move recurrent-cell weights between PyTorch and chainrule's JSON files.

Copy the functions you need into your own code. With a trained cell:

    import torch
    from export_from_pytorch import save_model, save_input
    cell = torch.nn.LSTMCell(input_size=3, hidden_size=16)      # or nn.RNNCell / nn.GRUCell
    ...                                                          # train it
    save_model(cell, "my-lstm.model.json")
    save_input(torch.randn(50, 3), torch.zeros(16), "my.input.json")   # inputs [T, I], target [H]

then

    chainrule vanish --model my-lstm.model.json --input my.input.json

Going the other way, `load_model("lstm.model.json")` returns the torch module with those weights
(sigmoid and identity RNNs have no torch module: it returns an nn.RNNCell holding the weights and
you apply the activation yourself).

Running this file (`python3 export_from_pytorch.py OUT_DIR`) writes a small LSTM model and an input
file to OUT_DIR (default: the current directory) and checks that loading them back gives the same
numbers. The committed examples next to this file come from packages/nn/fixtures/generate.py,
which writes the same format.
"""

import json
import sys
from pathlib import Path

import torch


def model_dict(cell, activation=None):
    """The model-file dict for an nn.RNNCell, nn.LSTMCell or nn.GRUCell.

    For an RNNCell the activation is the cell's own ("tanh" or "relu") unless you pass one: pass
    "sigmoid" or "identity" if you used the RNNCell only to hold weights for such a cell.
    """
    if isinstance(cell, torch.nn.RNNCell):
        kind = "rnn"
    elif isinstance(cell, torch.nn.LSTMCell):
        kind = "lstm"
    elif isinstance(cell, torch.nn.GRUCell):
        kind = "gru"
    else:
        raise TypeError(f"expected nn.RNNCell, nn.LSTMCell or nn.GRUCell, got {type(cell).__name__}")
    model = {"cell": kind}
    if kind == "rnn":
        model["activation"] = activation or cell.nonlinearity
    model["bias"] = cell.bias
    model["input_size"] = cell.input_size
    model["hidden_size"] = cell.hidden_size
    # PyTorch's names and layouts: weight_ih [G*H, I], weight_hh [G*H, H], bias_ih / bias_hh [G*H],
    # G = 1 (RNN), 4 (LSTM: gates i, f, g, o), 3 (GRU: r, z, n). float64 so nothing is rounded.
    model["state_dict"] = {name: tensor.detach().double().tolist() for name, tensor in cell.state_dict().items()}
    return model


def save_model(cell, path, activation=None):
    Path(path).write_text(json.dumps(model_dict(cell, activation), indent=1) + "\n")


def save_input(inputs, target, path):
    """inputs: [T, I] (one row per time step), target: [H]. Batch size 1."""
    data = {"inputs": torch.as_tensor(inputs).double().tolist(), "target": torch.as_tensor(target).double().flatten().tolist()}
    Path(path).write_text(json.dumps(data, indent=1) + "\n")


def load_model(path):
    """The torch module (float64) holding the weights of a chainrule model file."""
    model = json.loads(Path(path).read_text())
    I, H, bias = model["input_size"], model["hidden_size"], model.get("bias", True)
    if model["cell"] == "rnn":
        nonlinearity = "relu" if model.get("activation") == "relu" else "tanh"
        cell = torch.nn.RNNCell(I, H, bias=bias, nonlinearity=nonlinearity, dtype=torch.float64)
    elif model["cell"] == "lstm":
        cell = torch.nn.LSTMCell(I, H, bias=bias, dtype=torch.float64)
    else:
        cell = torch.nn.GRUCell(I, H, bias=bias, dtype=torch.float64)
    state = {name: torch.tensor(value, dtype=torch.float64) for name, value in model["state_dict"].items()}
    cell.load_state_dict(state)  # strict: rejects a missing or unexpected key, or a wrong shape
    return cell


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(0)
    lstm = torch.nn.LSTMCell(input_size=3, hidden_size=4, dtype=torch.float64)
    inputs, target = torch.randn(40, 3, dtype=torch.float64), torch.zeros(4, dtype=torch.float64)
    save_model(lstm, out / "my-lstm.model.json")
    save_input(inputs, target, out / "my.input.json")

    again = load_model(out / "my-lstm.model.json")
    for name, tensor in lstm.state_dict().items():
        assert torch.equal(tensor, again.state_dict()[name]), name
    print(f"wrote {out / 'my-lstm.model.json'} and {out / 'my.input.json'}; loading them back gives identical weights")
