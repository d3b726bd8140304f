"""Batch normalisation, training and evaluation, with its running statistics.

Write batch_norm to compute what F.batch_norm computes (and the running buffers it updates).
F.batch_norm, torch.batch_norm and the nn.BatchNorm modules are off-limits. Your function is
differentiated: stay in torch, no .item(), .numpy() or .detach() on the way from x, gamma and
beta to the output.
"""
import torch


def batch_norm(x, gamma, beta, running_mean, running_var, training, momentum=0.1, eps=1e-5):
    """Normalise every channel of x, then scale by gamma and shift by beta.

    Args:
        x:            (N, C) features or (N, C, H, W) images; C is always dim 1.
        gamma, beta:  (C,) the learned scale and shift.
        running_mean, running_var: (C,) the running estimates of the mean and variance.
        training:     True: normalise with this batch's statistics and update the running
                      estimates; False: normalise with the running estimates, update nothing.
        momentum:     weight of the new batch in the running estimates (PyTorch's convention).
        eps:          added to the variance before the square root.

    Returns:
        (out, new_running_mean, new_running_var): out has x's shape, the two estimates are (C,);
        all with x's dtype and device. Return new tensors rather than writing into the inputs.

    Examples, N = 4 and C = 1 (gamma = [1], beta = [0], running_mean = [0], running_var = [1]):
        >>> x = torch.tensor([[1.0], [2.0], [3.0], [6.0]])
        >>> one, zero = torch.ones(1), torch.zeros(1)
        >>> out, new_mean, new_var = batch_norm(x, one, zero, zero, one, training=True)
        >>> out
        tensor([[-1.0690],
                [-0.5345],
                [ 0.0000],
                [ 1.6036]])
        >>> new_mean, new_var
        (tensor([0.3000]), tensor([1.3667]))
        >>> batch_norm(x, one, zero, zero, one, training=False)   # the running estimates: mean 0, var 1
        (tensor([[1.0000],
                [2.0000],
                [3.0000],
                [6.0000]]), tensor([0.]), tensor([1.]))

    Images, N = 1 and C = 2: each channel's four pixels are normalised together.
        >>> x = torch.tensor([[[[0.0, 1.0], [2.0, 3.0]], [[10.0, 20.0], [30.0, 40.0]]]])
        >>> ones, zeros = torch.ones(2), torch.zeros(2)
        >>> out, new_mean, new_var = batch_norm(x, ones, zeros, zeros, ones, training=True)
        >>> out.flatten()                 # channel 0's pixels, then channel 1's
        tensor([-1.3416, -0.4472,  0.4472,  1.3416, -1.3416, -0.4472,  0.4472,  1.3416])
        >>> new_mean
        tensor([0.1500, 2.5000])
    """
    raise NotImplementedError
