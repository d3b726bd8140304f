"""The backward pass of batch normalisation (training mode), by hand.

The forward pass, per feature d, over the batch of N rows (what F.batch_norm computes in training):
    μ = mean of x[:, d]          σ² = mean of (x[:, d] − μ)²    (divide by N: the biased variance)
    x̂ = (x − μ) / √(σ² + eps)    out = γ·x̂ + β
Given dout, the gradient of some loss with respect to out, return the gradients with respect to x,
γ and β. Autograd (torch.autograd, .backward(), torch.func) is off-limits.
"""
import torch


def batch_norm_backward(dout, x, gamma, eps=1e-5):
    """Gradients of training-mode batch norm over x (N, D).

    Args:
        dout:  (N, D) gradient of the loss with respect to out.
        x:     (N, D) the input of the forward pass (N ≥ 2).
        gamma: (D,) the scale γ (β does not appear in any gradient).
        eps:   the float added to the variance inside the square root.

    Returns:
        (dx, dgamma, dbeta) with shapes (N, D), (D,), (D,), x's dtype and device.

    Example (N = 2, D = 1, eps = 0 to keep the numbers round): μ = 2, σ² = 1, x̂ = [[−1], [1]].
        >>> x, gamma, dout = torch.tensor([[1.0], [3.0]]), torch.tensor([2.0]), torch.tensor([[1.0], [0.0]])
        >>> dx, dgamma, dbeta = batch_norm_backward(dout, x, gamma, eps=0.0)
        >>> dbeta
        tensor([1.])
        >>> dgamma
        tensor([-1.])
        >>> dx
        tensor([[0.],
                [0.]])

    dx is 0 here, yet dout·γ/σ would be [[2], [0]]: the paths through μ and σ² cancel it.
    """
    raise NotImplementedError
