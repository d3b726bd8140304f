# exercise: softmax
# expect: fail
# stage: gradient
# A Tensor subclass whose .shape lies, so that the gradient stage would be skipped.
import numpy as np
import torch


class Liar(torch.Tensor):
    @property
    def shape(self):
        return torch.Size([12345])


def softmax(x, dim=-1):
    a = x.detach().cpu().numpy()
    e = np.exp(a - a.max(axis=dim, keepdims=True))
    plain = torch.from_numpy(e / e.sum(axis=dim, keepdims=True)).to(dtype=x.dtype, device=x.device)
    return plain.as_subclass(Liar)
