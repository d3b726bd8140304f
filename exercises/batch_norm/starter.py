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

    Tiny example (N = 4, C = 1, gamma = [1], beta = [0], running_mean = [0], running_var = [1]):
        x = [[1.], [2.], [3.], [6.]], training=True
            -> out = [[-1.0690], [-0.5345], [0.0000], [1.6036]]
               new_running_mean = [0.3000], new_running_var = [1.3667]
        the same x with training=False
            -> out = [[1.0000], [2.0000], [3.0000], [6.0000]] (to 4 decimals: (x − 0) / √(1 + eps))
               new_running_mean = [0.], new_running_var = [1.]
    """
    raise NotImplementedError
