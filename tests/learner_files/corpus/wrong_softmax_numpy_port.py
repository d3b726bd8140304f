# exercise: softmax
# expect: fail
# stage: gradient
# message: forward values were right on all
# A correct numpy port: every value is right, but the result is cut off from autograd.
import numpy as np
import torch


def softmax(x, dim=-1):
    a = x.detach().cpu().numpy()
    e = np.exp(a - a.max(axis=dim, keepdims=True))
    return torch.from_numpy(e / e.sum(axis=dim, keepdims=True)).to(dtype=x.dtype, device=x.device)
