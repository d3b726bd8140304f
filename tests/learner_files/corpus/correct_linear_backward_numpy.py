# exercise: backprop_linear
# expect: pass
# A numpy port: the exercise is not differentiated, so leaving torch on the way is fine.
import numpy as np
import torch


def linear_backward(dout, x, w):
    d, xx, ww = dout.cpu().numpy(), x.cpu().numpy(), w.cpu().numpy()
    dx = d @ ww
    dw = d.T @ xx
    db = d.sum(axis=0)
    back = lambda a: torch.from_numpy(np.ascontiguousarray(a)).to(dtype=dout.dtype, device=dout.device)
    return back(dx), back(dw), back(db)
